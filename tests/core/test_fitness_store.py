"""Stored fitness results: saving as typed, roles, the upload template in and out, statistics, graduation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from fivemgmt import audit, audit_verify, school, settings
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.cli import main
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.fitness import store, summaries, upload
from fivemgmt.fitness.parsing import FitnessValueError
from fivemgmt.fitness.scoring import COMPLETE, EXEMPT, INCOMPLETE, NO_TABLE, graduation_score
from fivemgmt.fitness.template import read_records, read_template, template_headers
from fivemgmt.roster import save_student
from tests.core.helpers import make_school

D = Decimal
YEAR = "2026-2027"

# 一年级 boy, complete: 97.5 优秀 (the scoring core's worked example)
GOOD = {
    "height": "120",
    "weight": "22",
    "lung": "1700",
    "run50m": "10.5",
    "sit_reach": "12",
    "rope1min": "120",
}


@pytest.fixture
def classes(db):
    return make_school(db, grades=(1, 6, 8))


def add_student(db, school_class, name, sex, number) -> str:
    return save_student(
        db,
        SYSTEM,
        {
            "class_id": school_class.id,
            "name": name,
            "sex": sex,
            "student_no": number,
            "birth_date": "2019-03-01",
            "ethnicity": "01",
        },
    )


def teacher(class_id: str, *subjects: str | None) -> Actor:
    return Actor("t", "测试老师", TEACHER, {class_id: None if subjects == (None,) else frozenset(subjects)})


# ------------------------------------------------------------------ saving as typed


def test_save_result_parses_as_typed_and_scores(db, classes, today) -> None:
    sid = add_student(db, classes[1], "张一", "男", "G1")
    changes = store.save_result(db, SYSTEM, sid, {**GOOD, "run50m": "10.41"}, today=today)
    assert changes.tables == {store.RESULTS}
    [result] = store.class_results(db, classes[1], today=today)
    assert result.value("run50m") == D("10.5")  # 10.41 rounds up to 10.5 by the testing rules
    assert result.row["test_date"] == today.isoformat() and result.row["school_year"] == YEAR
    assert result.score.status == COMPLETE
    assert result.score.total_display == D("97.5") and result.score.level == "优秀"
    # only the given item changes; clearing an item makes the total incomplete again
    store.save_result(db, SYSTEM, sid, {"lung": ""}, today=today)
    [result] = store.class_results(db, classes[1], today=today)
    assert result.value("rope1min") == D(120)
    assert result.score.status == INCOMPLETE and result.score.total is None and "lung" in result.score.missing


def test_impossible_value_is_refused_with_message_and_not_saved(db, classes, today) -> None:
    sid = add_student(db, classes[1], "张一", "男", "G1")
    store.save_result(db, SYSTEM, sid, GOOD, today=today)
    before = store.result_row(db, sid, YEAR)
    with pytest.raises(FitnessValueError) as error:
        store.save_result(db, SYSTEM, sid, {"run50m": "2", "lung": "1800"}, today=today)
    assert "50米跑" in str(error.value) and "不合理" in str(error.value)
    assert store.result_row(db, sid, YEAR) == before  # neither value written
    with pytest.raises(FitnessValueError, match="秒数"):
        store.save_result(
            db, SYSTEM, add_student(db, classes[6], "李六", "女", "G6"), {"shuttle50x8": "1'75"}, today=today
        )


def test_every_change_is_audited(db, classes, today) -> None:
    sid = add_student(db, classes[1], "张一", "男", "G1")
    store.save_result(db, SYSTEM, sid, GOOD, today=today)
    store.set_exempt(db, SYSTEM, sid, "骨折", today=today)
    record_id = store.result_row(db, sid, YEAR)["id"]
    entries = audit.history(db, store.RESULTS, record_id)
    assert [e["action"] for e in entries] == ["insert", "update"]
    assert entries[1]["reason"] == "免测：骨折" and entries[1]["after"]["exempt_reason"] == "骨折"
    assert audit_verify.verify(db).ok


def test_exempt_with_reason_and_cleared(db, classes, today) -> None:
    sid = add_student(db, classes[1], "张一", "男", "G1")
    store.set_exempt(db, SYSTEM, sid, "右腿骨折", today=today)
    [result] = store.class_results(db, classes[1], today=today)
    assert result.score.status == EXEMPT and result.score.exempt_reason == "右腿骨折"
    assert result.score.level_text == "免测"
    store.set_exempt(db, SYSTEM, sid, None, today=today)
    [result] = store.class_results(db, classes[1], today=today)
    assert result.score.status == INCOMPLETE


def test_junior_results_are_stored_raw_without_score(db, classes, today) -> None:
    sid = add_student(db, classes[8], "王八", "女", "G8")
    store.save_result(
        db,
        SYSTEM,
        sid,
        {"height": "158", "weight": "46", "run800m": "3'50\"", "situp1min": "40"},
        today=today,
    )
    [result] = store.class_results(db, classes[8], today=today)
    assert result.value("run800m") == D(230)
    assert result.score.status == NO_TABLE and result.score.level_text == "无评分表"


# ------------------------------------------------------------------ who may write


def test_roles(db, classes, today) -> None:
    own = classes[1]
    sid = add_student(db, own, "张一", "男", "G1")
    pe = teacher(own.id, "体育与健康")
    head = teacher(own.id, None)
    math = teacher(own.id, "数学")
    other_pe = teacher(classes[6].id, "体育与健康")
    supervisor = Actor("s", "督学", "supervisor")
    assert store.save_result(db, pe, sid, {"height": "120"}, today=today).ids
    assert store.save_result(db, head, sid, {"weight": "22"}, today=today).ids
    for actor in (math, other_pe, supervisor):
        with pytest.raises(PermissionDenied):
            store.save_result(db, actor, sid, {"lung": "1700"}, today=today)
        with pytest.raises(PermissionDenied):
            store.set_exempt(db, actor, sid, "病假", today=today)
    assert store.result_row(db, sid, YEAR)["lung"] is None


# ------------------------------------------------------------------ the upload template

IMPORT_HEADER = [
    "年级编号", "班级编号", "班级名称", "学籍号", "民族代码", "姓名", "性别", "出生日期", "家庭住址", "身高", "体重",
    "肺活量", "50米跑", "立定跳远", "坐位体前屈", "50米x8往返跑", "一分钟跳绳", "800米跑（女）", "1000米跑（男）",
    "一分钟仰卧起坐", "引体向上（男）",
]  # fmt: skip


def row(grade, sid, name, sex, **results) -> list:
    cells = dict.fromkeys(IMPORT_HEADER)
    cells.update({"年级编号": grade, "班级编号": "1", "班级名称": "1班", "学籍号": sid, "民族代码": "01", "姓名": name,
                  "性别": sex})  # fmt: skip
    cells.update(results)
    return [cells[h] for h in IMPORT_HEADER]


def write_file(path, rows, header=IMPORT_HEADER) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for cells in rows:
        sheet.append(cells)
    book.save(path)


@pytest.fixture
def roster(db, classes):
    return {
        "G1": add_student(db, classes[1], "张一", "男", "G1"),
        "G2": add_student(db, classes[1], "李二", "女", "G2"),
        "G6": add_student(db, classes[6], "王六", "女", "G6"),
        "G7": add_student(db, classes[6], "赵七", "男", "G7"),
        "G8": add_student(db, classes[8], "钱八", "男", "G8"),
    }


SAMPLE_ROWS = [
    row(11, "G1", "张一", 1, 身高=120, 体重=22, 肺活量=1700, **{"50米跑": 10.5}, 坐位体前屈=12, 一分钟跳绳=120),
    row(11, "G2", "李二", 2, 身高=118.5, 体重=21.3, 肺活量=1400, **{"50米跑": "11.3"}, 坐位体前屈=-2.5),  # no rope
    row(16, "G6", "王六", 2, 身高=150, 体重=40, 肺活量=2100, **{"50米跑": 9.4, "50米x8往返跑": "1'52\""},
        坐位体前屈=15.2, 一分钟跳绳=160, 一分钟仰卧起坐=45),
    row(16, "G7", "赵七", 1, 身高="免体"),
    row(22, "G8", "钱八", 1, 身高=165, 体重=50, 肺活量=3600, **{"50米跑": 8.1, "1000米跑（男）": 3.58}, 立定跳远=220,
        坐位体前屈=8, **{"引体向上（男）": 7}),
]  # fmt: skip


def test_import_export_round_trip(db, roster, tmp_path, today) -> None:
    source, exported = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    write_file(source, SAMPLE_ROWS)
    preview = upload.preview_import(db, source, today=today)
    assert preview.ok, preview.error_report()
    assert preview.counts == {"new": 5, "changed": 0, "unchanged": 0}
    changes = upload.commit_import(db, SYSTEM, preview, today=today)
    assert len(changes.ids) == 5
    assert upload.export_template(db, exported, YEAR, today=today) == 5

    sheet = read_template(exported)
    assert sheet.headers == template_headers()  # the exact 2014 header, in order
    before = {r.student_id: r for r in read_records(source)[0]}
    after = {r.student_id: r for r in read_records(exported)[0]}
    assert set(before) == set(after)

    def given(record) -> dict:
        return {k: v for k, v in record.results.items() if v is not None}

    for key, record in before.items():
        assert given(after[key]) == given(record), key
        assert (after[key].exempt, after[key].sex, after[key].grade_code) == (
            record.exempt,
            record.sex,
            record.grade_code,
        )
    cells = {r[3]: r for r in openpyxl.load_workbook(exported).active.iter_rows(min_row=2, values_only=True)}
    assert cells["G8"][18] == "3'58"  # 1000米 as m'ss, as the template wants
    assert cells["G7"][9] == "免体" and cells["G6"][6] == 2  # exempt marker; 性别 as 1/2
    # importing the same file again changes nothing
    assert upload.preview_import(db, source, today=today).counts == {"new": 0, "changed": 0, "unchanged": 5}


def test_student_not_on_roster_blocks_the_whole_import(db, roster, tmp_path, today) -> None:
    source = tmp_path / "in.xlsx"
    write_file(source, [*SAMPLE_ROWS[:2], row(11, "X99", "陌生人", 1, 身高=120)])
    preview = upload.preview_import(db, source, today=today)
    assert not preview.ok
    [error] = preview.errors
    assert error.row == 4 and "X99" in error.message and "名册" in error.message
    with pytest.raises(UserError, match="未导入任何数据"):
        upload.commit_import(db, SYSTEM, preview, today=today)
    assert store.result_row(db, roster["G1"], YEAR) is None  # the valid rows were not written either


def test_rejected_value_and_duplicate_are_errors_naming_row_and_column(db, roster, tmp_path, today) -> None:
    source = tmp_path / "in.xlsx"
    write_file(source, [SAMPLE_ROWS[0], row(11, "G2", "李二", 2, **{"50米跑": 2}), row(11, "G1", "张一", 1)])
    preview = upload.preview_import(db, source, today=today)
    messages = {(e.row, e.column): e.message for e in preview.errors}
    assert "不合理" in messages[(3, "50米跑")]
    assert "重复" in messages[(4, "学籍号")]
    assert store.result_row(db, roster["G1"], YEAR) is None


def test_roster_differences_are_warnings(db, roster, tmp_path, today) -> None:
    source = tmp_path / "in.xlsx"
    write_file(source, [row(11, "g1 ", "张壹", 1, 身高=120), row(12, "G2", "李二", 2, 身高=118)])
    preview = upload.preview_import(db, source, today=today)
    assert preview.ok
    warnings = "\n".join(preview.warnings)
    assert "张壹" in warnings and "张一" in warnings  # name differs from the roster
    assert "年级编号为 12" in warnings  # G2 is in 一年级 (11)
    assert "3 名学生不在文件中" in warnings


def test_import_needs_write_access_to_every_class(db, classes, roster, tmp_path, today) -> None:
    source = tmp_path / "in.xlsx"
    write_file(source, SAMPLE_ROWS[:3])  # 一年级 and 六年级 students
    preview = upload.preview_import(db, source, today=today)
    with pytest.raises(PermissionDenied):
        upload.commit_import(db, teacher(classes[1].id, "体育与健康"), preview, today=today)
    assert store.result_row(db, roster["G1"], YEAR) is None


def test_export_includes_untested_students_and_wusi_codes(db, roster, tmp_path, today) -> None:
    store.save_result(db, SYSTEM, roster["G6"], {"height": "150"}, today=today)
    path = tmp_path / "out.xlsx"
    assert upload.export_template(db, path, YEAR, grade=6, today=today) == 2
    records = {r.student_id: r for r in read_records(path)[0]}
    assert not any(records["G7"].results.values())
    assert {k: v for k, v in records["G6"].results.items() if v is not None} == {"height": D(150)}
    assert records["G6"].grade_code == "16"
    # re-importing the exported file records nothing for the untested student
    assert upload.preview_import(db, path, today=today).counts == {"new": 0, "changed": 0, "unchanged": 2}
    settings.set_school_option(db, SYSTEM, store.WUSI, True)
    upload.export_template(db, path, YEAR, grade=6, today=today)
    assert {r.grade_code for r in read_records(path)[0]} == {"21"}  # 五四制: 六年级 is 初一


def test_cli_import_and_export(db_path, db, roster, tmp_path) -> None:
    source, exported = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    write_file(source, SAMPLE_ROWS)
    db.close()
    args = ["--db", str(db_path), "--today", "2026-11-25"]
    assert main(["import", "fitness", str(source), *args]) == 0
    assert main(["fitness", "export", *args, "-o", str(exported), "--year", YEAR, "--grade", "1"]) == 0
    assert sorted(r.student_id for r in read_records(exported)[0]) == ["G1", "G2"]
    assert main(["fitness", "export", *args, "-o", str(tmp_path / "x.csv")]) == 2


# ------------------------------------------------------------------ statistics and history


def test_class_statistics_from_stored_results(db, classes, today) -> None:
    ids = [add_student(db, classes[1], f"学生{i}", "男", f"S{i}") for i in range(5)]
    store.save_result(db, SYSTEM, ids[0], GOOD, today=today)  # 97.5 优秀
    weak = {**GOOD, "run50m": "13.5", "sit_reach": "-5", "rope1min": "20", "lung": "600"}
    store.save_result(db, SYSTEM, ids[1], weak, today=today)  # 不及格
    store.save_result(db, SYSTEM, ids[2], {**GOOD, "lung": ""}, today=today)  # incomplete
    store.set_exempt(db, SYSTEM, ids[3], "哮喘", today=today)
    # ids[4] not tested: counts as incomplete, never as zero
    stats, results = summaries.class_stats(db, classes[1], today=today)
    assert (stats.students, stats.complete, stats.incomplete, stats.exempt) == (5, 2, 2, 1)
    assert stats.level_counts["优秀"] == 1 and stats.level_counts["不及格"] == 1
    assert stats.level_rates["优秀"] == D("50.0") and stats.pass_rate == D("50.0")
    [(failing_id, failing, weakest)] = stats.failing
    assert failing_id == ids[1] and failing.level == "不及格"
    assert {e.item for e in weakest} <= {"run50m", "sit_reach", "rope1min", "lung"}
    assert [r.tested for r in results] == [True, True, True, True, False]
    school_stats = summaries.school_stats(db, YEAR, today=today)
    assert school_stats.students == 5 and school_stats.complete == 2


def test_last_year_and_graduation(db, classes, today) -> None:
    sid = add_student(db, classes[6], "王六", "女", "G6")
    base = {
        "height": "150",
        "weight": "40",
        "lung": "2100",
        "run50m": "9.4",
        "sit_reach": "15.2",
        "rope1min": "160",
        "situp1min": "45",
        "shuttle50x8": "1'52",
    }
    store.save_result(db, SYSTEM, sid, base, today=today)
    store.save_result(
        db, SYSTEM, sid, {**base, "lung": "1500", "shuttle50x8": "2'05"}, school_year="2025-2026", today=today
    )
    store.save_result(
        db, SYSTEM, sid, {**base, "lung": "1300", "shuttle50x8": ""}, school_year="2024-2025", today=today
    )
    last = store.last_year_result(db, sid, today=today)
    assert last.school_year == "2025-2026" and last.grade == 5 and last.value("lung") == D(1500)
    years = store.history(db, sid)
    assert list(years) == ["2024-2025", "2025-2026", "2026-2027"]
    assert [r.grade for r in years.values()] == [4, 5, 6]
    totals = [r.score.total for r in years.values()]
    assert None not in totals
    expected = graduation_score(totals[-1], totals[:-1])
    result = store.graduation(db, sid)
    assert result.score == expected.score and result.score == totals[-1] / 2 + (totals[0] + totals[1]) / 4
    with pytest.raises(UserError, match="尚未入学"):
        store.save_result(db, SYSTEM, sid, {"height": "120"}, school_year="2020-2021", today=today)


def test_comparisons(db, classes, today) -> None:
    a = add_student(db, classes[6], "王六", "女", "G6")
    store.save_result(db, SYSTEM, a, {"height": "150"}, today=today)
    store.save_result(db, SYSTEM, a, {"height": "140"}, school_year="2025-2026", today=today)
    rows = summaries.compare_classes(db, 6, [YEAR, "2025-2026"], today=today)
    assert [(r.label, r.school_year, r.grade) for r in rows] == [
        ("六年级(1)班", YEAR, 6),
        ("六年级合计", YEAR, 6),
        ("六年级(1)班", "2025-2026", 5),
        ("六年级合计", "2025-2026", 6),
    ]
    grades = summaries.compare_grades(db, [YEAR, "2025-2026"], today=today)
    last_year = [r.label for r in grades if r.school_year == "2025-2026"]
    assert last_year == ["五年级", "全校"]  # last year this cohort was tested as 五年级


def test_demo_school_has_realistic_results(demo_db, today) -> None:
    levels: dict[str, int] = {}
    statuses: set[str] = set()
    for school_class in school.list_classes(demo_db):
        stats, results = summaries.class_stats(demo_db, school_class, today=today)
        for level, count in stats.level_counts.items():
            levels[level] = levels.get(level, 0) + count
        statuses |= {r.score.status for r in results}
        if school_class.grade >= 7:
            assert stats.complete == 0 and stats.no_table > 0  # 初中: recorded raw, 无评分表
    assert all(levels[level] > 0 for level in ("优秀", "良好", "及格", "不及格")), levels
    assert {COMPLETE, INCOMPLETE, EXEMPT, NO_TABLE} <= statuses
    assert "2025-2026" in store.school_years(demo_db, today)
    assert (
        dt.date.fromisoformat(
            store.class_results(demo_db, school.list_classes(demo_db)[0], today=today)[0].row["test_date"]
        )
        < today
    )


# ------------------------------------------------------------------ level distribution and test status (S13)

JUNIOR_GIRL = {
    "height": "158",
    "weight": "46",
    "lung": "2600",
    "run50m": "9.1",
    "long_jump": "170",
    "sit_reach": "12.5",
    "run800m": "3'50\"",
    "situp1min": "40",
}


def test_level_counts_keep_students_without_a_level_apart(db, classes, today) -> None:
    first = [add_student(db, classes[1], f"学生{i}", "男", f"S{i}") for i in range(5)]
    store.save_result(db, SYSTEM, first[0], GOOD, today=today)  # 优秀
    weak = {**GOOD, "run50m": "13.5", "sit_reach": "-5", "rope1min": "20", "lung": "600"}
    store.save_result(db, SYSTEM, first[1], weak, today=today)  # 不及格
    store.save_result(db, SYSTEM, first[2], {**GOOD, "lung": ""}, today=today)  # 成绩不完整
    store.set_exempt(db, SYSTEM, first[3], "哮喘", today=today)  # 免测; first[4] not tested
    junior = [add_student(db, classes[8], f"初中{i}", "女", f"J{i}") for i in range(2)]
    store.save_result(db, SYSTEM, junior[0], JUNIOR_GIRL, today=today)  # every item: 无评分表
    store.save_result(db, SYSTEM, junior[1], {"height": "150"}, today=today)  # only the height

    levels = summaries.level_counts(db, today, today=today)
    assert levels.school_year == YEAR
    by_label = {c.label: c for c in levels.classes}
    assert list(by_label) == ["一年级(1)班", "八年级(1)班"]  # 六年级 has no students
    one = by_label["一年级(1)班"]
    assert one.counts == {"优秀": 1, "良好": 0, "及格": 0, "不及格": 1}
    assert (one.students, one.incomplete, one.exempt, one.untested, one.no_table) == (5, 1, 1, 1, 0)
    eight = by_label["八年级(1)班"]
    assert eight.counts["不及格"] == 0 and (eight.no_table, eight.incomplete) == (1, 1)
    assert [g.label for g in levels.grades] == ["一年级", "八年级"]
    assert (
        levels.school.students == 7
        and levels.school.scored == summaries.school_stats(db, YEAR, today=today).complete
    )
    assert [c.label for c in summaries.level_counts(db, today, grade=8, today=today).classes] == [
        "八年级(1)班"
    ]

    status = summaries.test_status(db, dt.date(2027, 3, 1), today=today)  # spring term: the same school year
    assert {k: status[k] for k in ("students", "tested", "exempt", "no_table", "failing", "untested")} == {
        "students": 7,
        "tested": 3,
        "exempt": 1,
        "no_table": 1,
        "failing": 1,
        "untested": 1,
    }
    assert (status["classes"], status["classes_complete"]) == (2, 0)
    # Finish the test: every student tested or 免测, every class complete.
    store.save_result(db, SYSTEM, first[2], {"lung": "1700"}, today=today)
    store.save_result(db, SYSTEM, first[4], GOOD, today=today)
    store.save_result(db, SYSTEM, junior[1], JUNIOR_GIRL, today=today)
    status = summaries.test_status(db, today, today=today)
    assert status["tested"] + status["exempt"] == status["students"] == 7
    assert (status["classes"], status["classes_complete"]) == (2, 2)
    assert summaries.test_status(db, dt.date(2025, 11, 1), today=today) is None  # nothing recorded that year


def test_earlier_year_counts_only_recorded_students(db, classes, today) -> None:
    sid = add_student(db, classes[6], "王六", "女", "G6")
    add_student(db, classes[6], "李六", "女", "G7")  # not tested last year: not on last year's count
    store.save_result(db, SYSTEM, sid, {"height": "140"}, school_year="2025-2026", today=today)
    levels = summaries.level_counts(db, dt.date(2026, 3, 2), today=today)
    assert levels.school_year == "2025-2026"
    assert [(c.label, c.grade, c.students, c.incomplete) for c in levels.classes] == [
        ("五年级(1)班", 5, 1, 1)
    ]


def test_a_student_number_excel_cut_to_15_digits_is_refused_not_invented(db, roster, tmp_path, today) -> None:
    add_student(db, school.list_classes(db, 1)[0], "孙三", "男", "330106201702131971")
    source = tmp_path / "in.xlsx"
    write_file(
        source, [SAMPLE_ROWS[0], row(11, 3.30106201702131e17, "孙三", 1, 身高=120)]
    )  # as Excel saves it
    preview = upload.preview_import(db, source, today=today)
    [error] = preview.errors
    assert (error.row, error.column) == (3, "学籍号")
    assert "请把学籍号列设为文本后重新输入" in error.message
    assert "330106201702131008" not in preview.error_report()


def test_item_typed_as_exempt_is_kept_for_that_item_only(db, classes, today) -> None:
    from fivemgmt.fitness.scoring import ITEM_EXEMPT

    sid = add_student(db, classes[1], "张一", "男", "G1")
    store.save_result(db, SYSTEM, sid, {**GOOD, "run50m": "免测"}, today=today)
    [result] = store.class_results(db, classes[1], today=today)
    assert result.score.status == INCOMPLETE and result.score.items["run50m"].status == ITEM_EXEMPT
    assert not result.row["exempt"] and result.score.items["lung"].score == 100
    assert "仅该项免测" in result.score.note
    store.save_result(db, SYSTEM, sid, {"lung": "1600"}, today=today)  # other edits keep the mark
    [result] = store.class_results(db, classes[1], today=today)
    assert result.score.items["run50m"].status == ITEM_EXEMPT
    store.save_result(db, SYSTEM, sid, {"run50m": "10.5"}, today=today)  # a result replaces it
    [result] = store.class_results(db, classes[1], today=today)
    assert result.score.status == COMPLETE
    with pytest.raises(FitnessValueError, match="整体免测"):
        store.save_result(db, SYSTEM, sid, {"height": "免测"}, today=today)


def test_import_item_exempt_warns_and_does_not_exempt_the_student(db, roster, tmp_path, today) -> None:
    source = tmp_path / "in.xlsx"
    write_file(
        source,
        [
            row(
                11,
                "G1",
                "张一",
                1,
                身高=120,
                体重=22,
                肺活量=1700,
                **{"50米跑": "免测"},
                坐位体前屈=12,
                一分钟跳绳=120,
            )
        ],
    )
    preview = upload.preview_import(db, source, today=today)
    assert preview.ok
    assert any("张一 的50米跑为免测：仅该项免测" in w for w in preview.warnings)
    upload.commit_import(db, SYSTEM, preview, today=today)
    stored = store.result_row(db, roster["G1"], YEAR)
    assert not stored["exempt"] and stored["exempt_items"] == "run50m" and stored["lung"] == 1700
    out = tmp_path / "out.xlsx"
    from fivemgmt.fitness.template import write_template

    write_template(out, upload.export_records(db, YEAR, today=today))
    cells = [
        c.value for c in next(r for r in openpyxl.load_workbook(out).active.iter_rows() if r[3].value == "G1")
    ]
    assert "免测" in cells and "免体" not in cells


def test_platform_identity_cells_come_back_unchanged(db, roster, tmp_path, today) -> None:
    """班级编号 is the platform's code (1501), 家庭住址 and the other identity cells as the platform's file
    spells them: import then export gives the same row, every column as text where the platform wants it."""
    source, exported = tmp_path / "platform.xlsx", tmp_path / "out.xlsx"
    first = row(
        11, "G1", "张一", 1, 身高=120, 体重=22, 肺活量=1700, **{"50米跑": 10.5}, 坐位体前屈=12, 一分钟跳绳=120
    )
    first[IMPORT_HEADER.index("班级编号")] = "1501"
    first[IMPORT_HEADER.index("班级名称")] = "一年级1班"
    first[IMPORT_HEADER.index("出生日期")] = "2019-03-01"
    first[IMPORT_HEADER.index("家庭住址")] = "江苏省南京市玄武区北京东路1号"
    write_file(source, [first])
    preview = upload.preview_import(db, source, today=today)
    assert preview.ok, preview.error_report()
    upload.commit_import(db, SYSTEM, preview, today=today)
    upload.export_template(db, exported, YEAR, grade=1, today=today)
    sheet = openpyxl.load_workbook(exported).active
    out = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == "G1")
    assert [c.value for c in out][:9] == ["11", "1501", "一年级1班", "G1", "01", "张一", 1, "2019-03-01",
                                          "江苏省南京市玄武区北京东路1号"]  # fmt: skip
    assert [c.value for c in out][9:] == [c if c is None else c for c in first[9:]]  # results unchanged
    assert all(c.number_format == "@" for c in out[:9] if c.column != 7)  # identity cells are text
    assert sheet.column_dimensions["I"].width == 30 and sheet.column_dimensions["D"].width == 22


def test_import_reads_the_stored_results_a_fixed_number_of_times_whatever_the_rows(
    db, roster, tmp_path, today
) -> None:
    """A school's file of 2,712 students was one query a student in the preview and one more (and a save)
    in the commit: the year's results are read once and written in one batch, so the queries of the results
    table are the same for two rows as for five."""

    def reads(rows: list, name: str) -> int:
        statements: list[str] = []
        path = tmp_path / name
        write_file(path, rows)
        db.conn.set_trace_callback(statements.append)
        try:
            preview = upload.preview_import(db, path, today=today)
            upload.commit_import(db, SYSTEM, preview, today=today)
        finally:
            db.conn.set_trace_callback(None)
        return sum(1 for s in statements if s.lstrip().upper().startswith("SELECT") and store.RESULTS in s)

    reads(SAMPLE_ROWS[:1], "one.xlsx")
    few = reads(SAMPLE_ROWS[:2], "two.xlsx")  # one stored, one new
    many = reads(SAMPLE_ROWS, "five.xlsx")  # two stored, three new
    assert many == few
    assert {r["student_id"] for r in db.query(f"SELECT student_id FROM {store.RESULTS}")} == set(
        roster.values()
    )
