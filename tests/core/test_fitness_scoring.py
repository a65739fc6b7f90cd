"""Scoring against the shared 国家学生体质健康标准 tables (resources/fitness, built from ../shared/reference)."""

from __future__ import annotations

import dataclasses
import shutil
from decimal import Decimal

import pytest

from fivemgmt.fitness import records, stats
from fivemgmt.fitness.parsing import FitnessValueError
from fivemgmt.fitness.scoring import (
    COMPLETE,
    EXEMPT,
    INCOMPLETE,
    NO_TABLE,
    bmi_score,
    bmi_value,
    grade_code_for_years,
    graduation_score,
    item_bonus,
    item_score,
    level_for,
    round_half_up,
    score_student,
    scoring_grade,
)
from fivemgmt.fitness.tables import default_tables, load_tables
from fivemgmt.resources import resource_path

D = Decimal


def score(grade: str, sex: str, item: str, value: str) -> int | None:
    return item_score(grade, sex, item, D(value))


# ---- single items: bands, ties, between, beyond, below ----


@pytest.mark.parametrize(
    ("value", "expected"),
    [("109", 100), ("200", 100), ("108", 95), ("104", 95), ("103", 90), ("17", 60), ("16", 50), ("2", 10), ("1", 0),
     ("0", 0)],
)  # fmt: skip
def test_higher_item_grade1_boys_rope(value: str, expected: int) -> None:
    # 一年级男 一分钟跳绳: 100 at 109, 95 at 104, 90 at 99, 60 at 17, 50 at 14, 10 at 2
    assert score("11", "M", "rope1min", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10.2", 100), ("8.0", 100), ("10.3", 95), ("10.25", 95), ("10.4", 90), ("12.6", 60), ("12.7", 50),
     ("13.6", 10), ("13.7", 0), ("20.0", 0)],
)  # fmt: skip
def test_lower_item_grade1_boys_50m(value: str, expected: int) -> None:
    # 一年级男 50米跑 (seconds, lower is better): 100 at 10.2, 95 at 10.3, 60 at 12.6, 10 at 13.6
    assert score("11", "M", "run50m", value) == expected


def test_sit_and_reach_negative_thresholds() -> None:
    # 一年级男 坐位体前屈: 60 at 0.0, 50 at -0.8, 10 at -4.0
    assert score("11", "M", "sit_reach", "0.0") == 60
    assert score("11", "M", "sit_reach", "-0.1") == 50
    assert score("11", "M", "sit_reach", "-0.8") == 50
    assert score("11", "M", "sit_reach", "-4.0") == 10
    assert score("11", "M", "sit_reach", "-4.1") == 0


def test_timed_run_in_seconds() -> None:
    # 五年级女 50米×8往返跑: 100 at 1'41" (101 s), 10 at 2'43" (163 s)
    assert score("15", "F", "shuttle50x8", "101") == 100
    assert score("15", "F", "shuttle50x8", "102") == 95
    assert score("15", "F", "shuttle50x8", "163") == 10
    assert score("15", "F", "shuttle50x8", "164") == 0
    # 大一男 1000米: 100 at 3'17" (197 s), 60 at 4'32" (272 s)
    assert score("41", "M", "run1000m", "197") == 100
    assert score("41", "M", "run1000m", "272") == 60
    assert score("41", "M", "run1000m", "273") == 50


def test_pull_up_blank_bands_cannot_be_reached() -> None:
    # 大三男 引体向上: 80 at 16, 76 at 15, 72 at 14, 68 at 13; 78, 74, 70, 66, 62 have no threshold
    assert score("43", "M", "pullup", "16") == 80
    assert score("43", "M", "pullup", "15") == 76
    assert score("43", "M", "pullup", "14") == 72
    assert score("43", "M", "pullup", "11") == 60
    assert score("43", "M", "pullup", "5") == 0
    reached = {score("43", "M", "pullup", str(n)) for n in range(0, 40)}
    assert reached.isdisjoint({78, 74, 70, 66, 62})
    assert {100, 95, 90, 85, 80, 76, 72, 68, 64, 60, 50, 40, 30, 20, 10, 0} <= reached


def test_no_table_gives_none() -> None:
    assert score("21", "M", "run50m", "8.0") is None  # 初中 tables not available yet
    assert score("11", "M", "pullup", "10") is None  # not an item of 一年级


# ---- bonus ----


def test_rope_bonus_one_per_two_reps_capped_at_20() -> None:
    assert item_bonus("11", "M", "rope1min", D(109)) == 0  # on the 100 threshold
    assert item_bonus("11", "M", "rope1min", D(110)) == 0
    assert item_bonus("11", "M", "rope1min", D(111)) == 1
    assert item_bonus("11", "M", "rope1min", D(120)) == 5
    assert item_bonus("11", "M", "rope1min", D(148)) == 19
    assert item_bonus("11", "M", "rope1min", D(149)) == 20
    assert item_bonus("11", "M", "rope1min", D(300)) == 20
    assert item_bonus("11", "M", "rope1min", D(50)) == 0


def test_university_bonus_rules() -> None:
    # 引体向上 +1 per rep beyond 20 (大三男), max 10
    assert item_bonus("43", "M", "pullup", D(20)) == 0
    assert item_bonus("43", "M", "pullup", D(21)) == 1
    assert item_bonus("43", "M", "pullup", D(30)) == 10
    assert item_bonus("43", "M", "pullup", D(45)) == 10
    # 仰卧起坐(女) at 2,4,6,7,...,13 beyond 56 (大一女)
    assert item_bonus("41", "F", "situp1min", D(57)) == 0
    assert item_bonus("41", "F", "situp1min", D(58)) == 1
    assert item_bonus("41", "F", "situp1min", D(62)) == 3
    assert item_bonus("41", "F", "situp1min", D(63)) == 4
    assert item_bonus("41", "F", "situp1min", D(69)) == 10
    assert item_bonus("41", "F", "situp1min", D(90)) == 10
    # 1000米 at 4,8,...,20,23,...,35 s faster than 197 s (大一男)
    assert item_bonus("41", "M", "run1000m", D(194)) == 0
    assert item_bonus("41", "M", "run1000m", D(193)) == 1
    assert item_bonus("41", "M", "run1000m", D(174)) == 6
    assert item_bonus("41", "M", "run1000m", D(162)) == 10
    assert item_bonus("41", "M", "run1000m", D(150)) == 10
    # 800米 at 5,10,...,50 s faster than 198 s (大一女)
    assert item_bonus("41", "F", "run800m", D(194)) == 0
    assert item_bonus("41", "F", "run800m", D(188)) == 2
    assert item_bonus("41", "F", "run800m", D(148)) == 10


def test_primary_situp_has_no_bonus() -> None:
    assert item_bonus("16", "F", "situp1min", D(80)) == 0


def test_total_bonus_cap_comes_from_data() -> None:
    raw = {"height": "175", "weight": "65", "lung": "5200", "run50m": "6.5", "sit_reach": "25",
           "long_jump": "280", "pullup": "35", "run1000m": "2'40"}  # fmt: skip
    full = score_student("41", "M", raw)
    assert full.items["pullup"].bonus == 10 and full.items["run1000m"].bonus == 10
    assert full.bonus == 20
    assert full.total == D(120)
    capped = score_student(
        "41", "M", raw, tables=dataclasses.replace(default_tables(), max_total_bonus=D(15))
    )
    assert capped.bonus == 15
    assert capped.total == D(115)


# ---- BMI ----


def test_bmi_bands_edges_grade1_boys() -> None:
    # 一年级男: 低体重 ≤13.4, 正常 13.5–18.1, 超重 18.2–20.3, 肥胖 ≥20.4
    assert bmi_score("11", "M", D("13.4")) == (80, "低体重")
    assert bmi_score("11", "M", D("13.5")) == (100, "正常")
    assert bmi_score("11", "M", D("18.1")) == (100, "正常")
    assert bmi_score("11", "M", D("18.2")) == (80, "超重")
    assert bmi_score("11", "M", D("20.3")) == (80, "超重")
    assert bmi_score("11", "M", D("20.4")) == (60, "肥胖")
    assert bmi_score("21", "M", D("20.0")) is None


def test_bmi_rounds_half_up_before_lookup() -> None:
    assert bmi_value(D(200), D("71.4")) == D("17.9")  # exactly 17.85; banker's rounding would give 17.8
    assert bmi_value(D(200), D("53.8")) == D("13.5")  # 13.45
    assert bmi_value(D("150.0"), D("45.0")) == D("20.0")
    # 大一男: 低体重 ≤17.8 scores 80, 正常 from 17.9 scores 100 — the half-up rounding decides the band
    student = score_student("41", "M", {"height": "200", "weight": "71.4"})
    assert student.items["bmi"].value == D("17.9")
    assert student.items["bmi"].score == 100
    assert student.items["bmi"].band == "正常"
    assert score_student("41", "M", {"height": "200", "weight": "71.3"}).items["bmi"].score == 80


# ---- rounding and levels ----


def test_round_half_up_is_not_bankers() -> None:
    assert round_half_up(D("86.25")) == D("86.3")
    assert round_half_up(D("89.95")) == D("90.0")
    assert round_half_up(D("0.05")) == D("0.1")
    assert round_half_up(D("83.649")) == D("83.6")


@pytest.mark.parametrize(
    ("total", "level"),
    [("89.95", "优秀"), ("89.94", "良好"), ("90", "优秀"), ("120", "优秀"), ("80.0", "良好"), ("79.95", "良好"),
     ("79.9", "及格"), ("60.0", "及格"), ("59.95", "及格"), ("59.94", "不及格"), ("0", "不及格")],
)  # fmt: skip
def test_level_from_one_decimal_total(total: str, level: str) -> None:
    assert level_for(D(total)) == level


# ---- whole students ----

GRADE1_BOY = {"height": "120.0", "weight": "22.0", "lung": "1700", "run50m": "10.5", "sit_reach": "12.0",
              "rope1min": "120"}  # fmt: skip


def test_whole_student_grade1() -> None:
    result = score_student("11", "男", GRADE1_BOY)
    assert result.status == COMPLETE
    assert {k: e.score for k, e in result.items.items()} == {
        "bmi": 100, "lung": 100, "run50m": 85, "sit_reach": 85, "rope1min": 100,
    }  # fmt: skip
    # 100×15% + 100×15% + 85×20% + 85×30% + 100×20% = 92.5; rope 120 is 11 beyond 109 -> +5
    assert result.standard_score == D("92.5")
    assert result.bonus == 5
    assert result.total == D("97.5")
    assert result.level == "优秀"
    assert result.messages == []


def test_total_exactly_89_95_is_excellent() -> None:
    # BMI 100, 肺活量 1600 -> 95, 50米 10.2 -> 100, 坐位体前屈 12.0 -> 85, 跳绳 73 -> 76
    raw = dict(GRADE1_BOY, lung="1600", run50m="10.2", rope1min="73")
    result = score_student("11", "M", raw)
    assert result.standard_score == D("89.95")
    assert result.total_display == D("90.0")
    assert result.level == "优秀"


def test_total_shown_half_up() -> None:
    # BMI 低体重 80×15%=12, 肺活量 85×15%=12.75, 50米 100×20%=20, 坐位 85×30%=25.5, 跳绳 80×20%=16 -> 86.25
    raw = {
        "height": "130",
        "weight": "22",
        "lung": "1400",
        "run50m": "10.0",
        "sit_reach": "12.0",
        "rope1min": "87",
    }
    result = score_student("11", "M", raw)
    assert result.items["bmi"].band == "低体重"
    assert result.standard_score == D("86.25")
    assert result.total_display == D("86.3")
    assert result.level == "良好"


def test_missing_item_makes_total_incomplete_not_zero() -> None:
    raw = dict(GRADE1_BOY)
    del raw["lung"]
    result = score_student("11", "M", raw)
    assert result.status == INCOMPLETE
    assert result.missing == ["lung"]
    assert result.total is None and result.level is None
    assert result.level_text == "成绩不完整"
    assert "肺活量" in result.note
    assert result.items["run50m"].score == 85  # what was measured still scores


def test_blank_value_is_missing_and_zero_is_a_result() -> None:
    assert score_student("11", "M", dict(GRADE1_BOY, rope1min="")).status == INCOMPLETE
    zero = score_student("11", "M", dict(GRADE1_BOY, rope1min="0"))
    assert zero.status == COMPLETE
    assert zero.items["rope1min"].score == 0


def test_missing_weight_makes_bmi_missing() -> None:
    result = score_student("11", "M", dict(GRADE1_BOY, weight=None))
    assert result.status == INCOMPLETE
    assert result.missing == ["bmi"]


def test_exempt_student_has_no_total_and_no_missing_complaint() -> None:
    result = score_student("11", "M", {}, exempt="腿部骨折")
    assert result.status == EXEMPT
    assert result.total is None
    assert result.level_text == "免测"
    assert result.exempt_reason == "腿部骨折"
    assert result.note == "免测：腿部骨折"
    marked = score_student("11", "M", {"height": "免体"})
    assert marked.status == EXEMPT


def test_university_girl_complete() -> None:
    raw = {"height": "160", "weight": "50", "lung": "3000", "run50m": "8.5", "sit_reach": "15",
           "long_jump": "180", "situp1min": "46", "run800m": "3'44"}  # fmt: skip
    result = score_student("41", "F", raw)
    assert result.status == COMPLETE
    assert result.items["situp1min"].score == 80
    assert result.items["run800m"].value == D(224)
    assert result.items["run800m"].score == 80
    assert "pullup" not in result.items
    assert sum(e.weight for e in result.items.values()) == 100


def test_result_for_item_not_tested_in_grade_is_noted_not_scored() -> None:
    result = score_student("11", "M", dict(GRADE1_BOY, pullup="10"))
    assert result.status == COMPLETE
    assert result.items["pullup"].score is None
    assert "引体向上" in result.note
    assert result.total == D("97.5")


def test_no_table_grade_records_but_does_not_score() -> None:
    result = score_student("22", "F", {"height": "155", "weight": "45", "run800m": "3.50"})
    assert result.status == NO_TABLE
    assert result.level_text == "无评分表"
    assert result.total is None
    assert result.items["run800m"].value == D(230)
    assert result.items["run800m"].score is None
    unknown = score_student("34", "M", {})
    assert unknown.status == NO_TABLE


def test_invalid_raw_value_raises_with_chinese_message() -> None:
    with pytest.raises(FitnessValueError, match="50米跑"):
        score_student("11", "M", dict(GRADE1_BOY, run50m="2"))


def test_numbers_are_taken_in_the_item_unit() -> None:
    as_text = score_student("41", "M", {"run1000m": "3'40"})
    as_seconds = score_student("41", "M", {"run1000m": 220})
    assert as_text.items["run1000m"].value == as_seconds.items["run1000m"].value == D(220)


# ---- 五四制 and years of schooling ----


def test_wusi_mapping() -> None:
    assert scoring_grade("21", wusi=True) == "16"
    assert scoring_grade("22", wusi=True) == "21"
    assert scoring_grade("23", wusi=True) == "22"
    assert scoring_grade("24") == "23"
    assert scoring_grade("21") == "21"
    assert scoring_grade("15", wusi=True) == "15"
    # a 五四制 初一 student is scored with the 六年级 tables
    result = score_student("21", "F", {"rope1min": "166"}, wusi=True)
    assert result.scored_as == "16"
    assert result.items["rope1min"].score == 100


def test_a_stored_result_of_a_wusi_school_is_named_as_uploaded_and_scored_by_years() -> None:
    """A 五四制 school's 6th year is 初一 (21) in the upload; the app's own report of the stored result must
    name the same 年级编号 and give the same score the national platform computes (六年级's tables)."""
    from fivemgmt.fitness import store

    row = {"rope1min": "166", "run50m": "9.1"}
    six_three = store.score_row(6, "F", row)
    five_four = store.score_row(6, "F", row, wusi=True)
    assert (six_three.grade_code, five_four.grade_code) == ("16", "21")
    assert five_four.scored_as == "16"
    assert five_four.total == six_three.total and five_four.items["rope1min"].score == 100
    assert store.score_row(7, "F", row, wusi=True).grade_code == "22"


def test_grade_code_for_years() -> None:
    assert [grade_code_for_years(y) for y in range(1, 13)] == [
        "11", "12", "13", "14", "15", "16", "21", "22", "23", "31", "32", "33",
    ]  # fmt: skip
    assert [grade_code_for_years(y, wusi=True) for y in range(4, 11)] == [
        "14",
        "15",
        "21",
        "22",
        "23",
        "24",
        "31",
    ]
    assert grade_code_for_years(13) == "41"


# ---- graduation ----


def test_graduation_score() -> None:
    result = graduation_score(D("80"), [D("70"), D("90"), D("86.1")])
    # 80 × 50% + (70 + 90 + 86.1) / 3 × 50% = 40 + 41.0166...
    assert result.display == D("81.0")
    assert result.level == "良好"
    assert graduation_score(D("89.9"), [D("90")]).score == D("89.95")
    assert graduation_score(D("89.9"), [D("90")]).level == "优秀"
    alone = graduation_score(D("75.5"), [])
    assert alone.score == D("75.5") and alone.note
    assert graduation_score(None, [D(80)]).score is None
    assert graduation_score(D(80), [None]).score is None


def test_graduation_from_years() -> None:
    totals = {"2022-2023": D("70"), "2023-2024": D("80"), "2024-2025": D("90")}
    assert records.graduation_from_years(totals, "2024-2025").score == D("82.5")
    assert records.graduation_from_years(totals, "2025-2026").score is None


# ---- data-driven loading ----


def test_tables_are_loaded_from_data(tmp_path) -> None:
    tables = default_tables()
    assert tables.has_table("11", "M") and tables.has_table("44", "F")
    assert not tables.has_table("21", "M")
    for key, weights in tables.weights.items():
        assert sum(weights.values()) == 100, key


def test_adding_rows_for_a_grade_needs_no_code(tmp_path) -> None:
    root = tmp_path / "fitness"
    shutil.copytree(resource_path("fitness"), root)
    # give 初一 (21) the 大一 rows, as the real 初中 tables will be appended later
    lines = (root / "item_tables.csv").read_text(encoding="utf-8").splitlines()
    extra = [line.replace("university,41,大一,", "junior,21,初一,") for line in lines if ",41,大一," in line]
    (root / "item_tables.csv").write_text("\n".join(lines + extra) + "\n", encoding="utf-8")
    bmi_lines = (root / "bmi_bands.csv").read_text(encoding="utf-8").splitlines()
    bmi_extra = [
        line.replace("university,41,大一,", "junior,21,初一,") for line in bmi_lines if ",41,大一," in line
    ]
    (root / "bmi_bands.csv").write_text("\n".join(bmi_lines + bmi_extra) + "\n", encoding="utf-8")
    tables = load_tables(root)
    assert tables.has_table("21", "M")
    raw = {"height": "175", "weight": "65", "lung": "5200", "run50m": "6.5", "sit_reach": "25",
           "long_jump": "280", "pullup": "35", "run1000m": "2'40"}  # fmt: skip
    assert score_student("21", "M", raw, tables=tables).total == D(120)
    assert score_student("21", "M", raw).status == NO_TABLE


# ---- rows from the database and statistics ----


def test_class_statistics() -> None:
    good = score_student("11", "M", GRADE1_BOY)  # 97.5 优秀
    weak_raw = {"height": "120", "weight": "30", "lung": "600", "run50m": "13.0", "sit_reach": "-2.0",
                "rope1min": "20"}  # fmt: skip
    weak = score_student("11", "M", weak_raw)
    incomplete = score_student("11", "M", {"lung": "1700"})
    exempt = score_student("11", "M", {}, exempt=True)
    figures = stats.class_statistics({"a": good, "b": weak, "c": incomplete, "d": exempt})
    assert weak.level == "不及格"
    assert (figures.students, figures.complete, figures.incomplete, figures.exempt) == (4, 2, 1, 1)
    assert figures.level_counts == {"优秀": 1, "良好": 0, "及格": 0, "不及格": 1}
    assert figures.level_rates["优秀"] == D("50.0")
    assert figures.pass_rate == D("50.0")
    assert [key for key, _, _ in figures.failing] == ["b"]
    weakest = figures.failing[0][2]
    assert [entry.score for entry in weakest] == sorted(entry.score for entry in weakest)
    assert weakest[0].score == min(e.score for e in weak.items.values() if e.score is not None)
    # 肺活量 average over the three students who have it: 100, 30... scores
    assert figures.item_average_scores["lung"] == round_half_up(
        D(good.items["lung"].score + weak.items["lung"].score + incomplete.items["lung"].score) / 3
    )


def test_one_item_typed_as_exempt_exempts_only_that_item() -> None:
    from fivemgmt.fitness.scoring import EXEMPT, INCOMPLETE, ITEM_EXEMPT, SCORED

    result = score_student("11", "M", dict(GRADE1_BOY, run50m="免测"))
    assert result.status == INCOMPLETE and result.status != EXEMPT
    assert result.items["run50m"].status == ITEM_EXEMPT and result.items["run50m"].score is None
    assert all(result.items[k].status == SCORED for k in ("bmi", "lung", "sit_reach", "rope1min"))
    assert result.items["lung"].score == 100
    assert result.total is None and result.level_text == "成绩不完整"
    assert "50米跑登记为免测：仅该项免测" in result.note and "学生未整体免测" in result.note
    assert "缺：" not in result.note  # not reported as a missing result
    # The upload template's mark for a whole student (身高 = 免体) still exempts the student.
    whole = score_student("11", "M", dict(GRADE1_BOY, height="免体"))
    assert whole.status == EXEMPT


def test_remembered_band_lookup_scores_as_the_band_scan() -> None:
    """ItemTable.score remembers each value it looked up: every table gives, at and around every threshold
    and asked twice, the score of scanning the bands (the rule of the standard)."""
    tables = load_tables()

    def scanned(table, value: Decimal) -> int:  # noqa: ANN001
        for score, threshold in table.bands:
            if (value >= threshold) if table.direction == "higher" else (value <= threshold):
                return score
        return 0

    checked = 0
    for table in tables.item_tables.values():
        step = Decimal("0.1")
        values = [t + d for _, t in table.bands for d in (-step, Decimal(0), step)]
        for value in values + values:  # the second time from what it remembered
            assert table.score(value) == scanned(table, value), (table.item, value)
            checked += 1
    assert checked > 1000


def test_a_value_parsed_again_gives_the_same_and_errors_name_their_own_row() -> None:
    """parse_value remembers accepted values; a repeated bad value is refused with the row it is on, and a
    number and a text that look alike keep their own meanings (3.4 as a number is 3'40; as text it is
    ambiguous)."""
    from fivemgmt.fitness.parsing import parse_value

    tables = load_tables()
    assert parse_value("run50m", 9.11, tables=tables) == Decimal("9.2")
    assert parse_value("run50m", 9.11, tables=tables) == Decimal("9.2")
    assert parse_value("run800m", 3.4, tables=tables) == 220
    with pytest.raises(FitnessValueError, match="含义不明"):
        parse_value("run800m", "3.4", tables=tables)
    for row in (5, 6):
        with pytest.raises(FitnessValueError, match=f"^第{row}行"):
            parse_value("run50m", "2", row=row, tables=tables)
