"""Score students exactly as the 国家学生体质健康标准 (2014) does.

All arithmetic is Decimal: item scores are whole numbers, 标准分 = Σ score × weight% is exact, and totals
are shown rounded half-up to one decimal (never Python's banker's ``round``). The level comes from that
one-decimal total, so a printed total and its level always agree (89.95 -> 90.0 -> 优秀).

Missing is not zero: a student lacking a weighted item gets no total (status ``incomplete``) unless exempt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fivemgmt.errors import UserError
from fivemgmt.fitness.parsing import FitnessValueError, check_number, is_blank, is_exempt_marker, parse_value
from fivemgmt.fitness.tables import SEX_CN, FitnessTables, default_tables
from fivemgmt.i18n import translate

# StudentScore.status values
COMPLETE = "complete"
INCOMPLETE = "incomplete"
EXEMPT = "exempt"
NO_TABLE = "no_table"

# ItemScore.status values
SCORED = "scored"
MISSING = "missing"
ITEM_NO_TABLE = "no_table"
NOT_AN_ITEM = "not_an_item"  # a result for an item this grade/sex is not tested on
ITEM_EXEMPT = "exempt"  # this one item typed as 免测: no score, the other items are scored

# The upload template marks a whole student exempt by 身高 = 免体; a marker in any other item's cell
# exempts that item only.
WHOLE_STUDENT_MARKER_ITEM = "height"

NO_TABLE_TEXT = "无评分表"
EXEMPT_TEXT = "免测"
INCOMPLETE_TEXT = "成绩不完整"

_ONE_DECIMAL = Decimal("0.1")


def round_half_up(value: Decimal, places: int = 1) -> Decimal:
    """Half-up rounding (85.25 -> 85.3, 89.95 -> 90.0), unlike round()'s banker's rounding."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def normalize_sex(value: Any) -> str:
    """'M'/'F' from 男/女, 1/2 (upload template), M/F or male/female."""
    text = str(value).strip().upper() if value is not None else ""
    if text.endswith(".0"):
        text = text[:-2]
    mapping = {"M": "M", "男": "M", "1": "M", "MALE": "M", "F": "F", "女": "F", "2": "F", "FEMALE": "F"}
    if text not in mapping:
        raise UserError(f"性别“{value}”无法识别，应为 男/女 或 1/2")
    return mapping[text]


def normalize_grade_code(value: Any) -> str:
    """'11' from 11, 11.0 or ' 11 '."""
    text = str(value).strip() if value is not None else ""
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit():
        raise UserError(f"年级编号“{value}”无法识别，应为两位数字，如 11")
    return text


def scoring_grade(grade_code: Any, *, wusi: bool = False, tables: FitnessTables | None = None) -> str:
    """The grade code whose tables score this upload grade code.

    五四制 schools are scored by years of schooling (grade_codes.csv: 21->16, 22->21, 23->22, 24->23).
    """
    tables = tables or default_tables()
    code = normalize_grade_code(grade_code)
    info = tables.grades.get(code)
    if info is None:
        return code
    # 24 (初四) only exists in 五四制 schools, so it maps even without the flag
    return info.wusi_scored_as if wusi or code == "24" else code


def grade_code_for_years(years: int, *, wusi: bool = False, tables: FitnessTables | None = None) -> str:
    """The upload 年级编号 for a class in its ``years``-th year of schooling (1..12, 13..16 for university).

    六三制: 1-6 -> 11-16, 7-9 -> 21-23, 10-12 -> 31-33. 五四制: 1-5 -> 11-15, 6-9 -> 21-24.
    """
    tables = tables or default_tables()
    if wusi and 6 <= years <= 9:
        return str(15 + years)  # 初一..初四 of a 五四制 school
    for info in tables.grades.values():
        if info.years == years:
            return info.code
    raise UserError(f"没有与第{years}学年对应的年级编号")


@dataclass
class ItemScore:
    """One item's result for one student."""

    item: str  # key, e.g. run50m, bmi
    name: str  # Chinese name, e.g. 50米跑
    value: Decimal | None  # parsed result in the item's unit (seconds for runs; BMI rounded to 0.1)
    score: int | None  # None when missing, not scorable or not an item of this grade/sex
    bonus: int = 0
    weight: Decimal = Decimal(0)  # percent; 0 for a result this grade is not tested on
    status: str = SCORED
    band: str = ""  # BMI only: 正常 / 低体重 / 超重 / 肥胖

    @property
    def weighted(self) -> Decimal | None:
        """This item's contribution to 标准分."""
        return None if self.score is None else self.score * self.weight / 100


@dataclass
class StudentScore:
    """A student's whole-year result. Totals are exact; use the *_display properties to show them."""

    grade_code: str
    scored_as: str  # grade code whose tables were used (五四制 mapping)
    sex: str  # M / F
    items: dict[str, ItemScore] = field(default_factory=dict)  # weighted items first, in weights order
    standard_score: Decimal | None = None  # 标准分, exact
    bonus: int = 0  # 附加分 (capped)
    total: Decimal | None = None  # 学年总分, exact
    level: str | None = None  # 优秀 / 良好 / 及格 / 不及格
    status: str = COMPLETE
    exempt_reason: str = ""
    missing: list[str] = field(default_factory=list)  # item keys of missing results
    messages: list[str] = field(default_factory=list)  # Chinese notes for the user

    @property
    def total_display(self) -> Decimal | None:
        return None if self.total is None else round_half_up(self.total)

    @property
    def standard_score_display(self) -> Decimal | None:
        return None if self.standard_score is None else round_half_up(self.standard_score)

    @property
    def level_text(self) -> str:
        """What to show in a 等级 cell: the level, 免测, 无评分表 or 成绩不完整."""
        if self.status == EXEMPT:
            return EXEMPT_TEXT
        if self.status == NO_TABLE:
            return NO_TABLE_TEXT
        if self.status == INCOMPLETE:
            return INCOMPLETE_TEXT
        return self.level or ""

    @property
    def note(self) -> str:
        return translate("Fitness", "；").join(self.messages)


def level_for(total: Decimal | None, *, tables: FitnessTables | None = None) -> str | None:
    """Level of a total, judged on the total rounded half-up to one decimal (89.95 -> 90.0 -> 优秀)."""
    if total is None:
        return None
    tables = tables or default_tables()
    shown = round_half_up(Decimal(total))
    for bound, level in tables.levels:
        if shown >= bound:
            return level
    return tables.levels[-1][1]


def bmi_value(height_cm: Decimal, weight_kg: Decimal) -> Decimal:
    """BMI = kg / m², rounded half-up to one decimal before the band lookup."""
    if height_cm <= 0:
        raise UserError("身高必须大于0")
    metres = Decimal(height_cm) / 100
    return round_half_up(Decimal(weight_kg) / (metres * metres))


def bmi_score(
    grade_code: str, sex: str, bmi: Decimal, *, tables: FitnessTables | None = None
) -> tuple[int, str] | None:
    """(score, band) for a BMI already rounded to one decimal, or None without a table."""
    tables = tables or default_tables()
    bands = tables.bmi.get((grade_code, sex))
    if bands is None:
        return None
    if bmi <= bands.low_weight_max:
        return 80, "低体重"
    if bmi <= bands.normal_max:
        return 100, "正常"
    if bmi <= bands.overweight_max:
        return 80, "超重"
    return 60, "肥胖"


def item_score(
    grade_code: str, sex: str, item: str, value: Decimal, *, tables: FitnessTables | None = None
) -> int | None:
    """Band score of one result (no interpolation): the best band the result reaches, 0 below the 10-point
    threshold, 100 beyond the top. None when there is no table for this grade, sex and item."""
    tables = tables or default_tables()
    table = tables.item_tables.get((grade_code, sex, item))
    return None if table is None else table.score(value)


def item_bonus(
    grade_code: str, sex: str, item: str, value: Decimal, *, tables: FitnessTables | None = None
) -> int:
    """加分 of one result: the number of bonus margins reached beyond the 100-point threshold (0 if none)."""
    tables = tables or default_tables()
    margins = tables.bonus.get((grade_code, sex, item))
    table = tables.item_tables.get((grade_code, sex, item))
    if not margins or table is None:
        return 0
    top = table.top_threshold
    beyond = value - top if table.direction == "higher" else top - value
    return sum(1 for margin in margins if beyond >= margin)


def _coerce(item: str, value: Any, tables: FitnessTables) -> Decimal | None:
    """Strings are parsed as typed; numbers are taken as already in the item's unit (seconds for runs)."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        return parse_value(item, value, tables=tables)
    return check_number(item, value, tables=tables)


def score_student(
    grade_code: Any,
    sex: Any,
    raw: Mapping[str, Any],
    *,
    exempt: bool | str = False,
    exempt_items: Iterable[str] = (),
    wusi: bool = False,
    tables: FitnessTables | None = None,
) -> StudentScore:
    """Score one student.

    grade_code: upload 年级编号 (11..16, 21..24, 31..33, 41..44); ``wusi=True`` for a 五四制 school.
    sex: M/F, 男/女 or 1/2.
    raw: item key -> result. Keys are those of items.csv (height, weight, lung, run50m, long_jump, sit_reach,
        shuttle50x8, rope1min, run800m, run1000m, situp1min, pullup). Values are text as typed (parsed with
        ``parse_value``) or numbers already in the item's unit (seconds for runs, as ``parse_value`` returns).
        Blank/None means missing. A 免测 marker as 身高 marks the student exempt (the upload template's
        convention); as any other item it exempts that item only (see ``exempt_items``).
    exempt: True or the reason text (e.g. "骨折") for a student exempt from the test (免予执行).
    exempt_items: item keys exempted one by one: no score, a warning, and no total (a total without a
        weighted item would not be the standard's total); the other items are scored as usual.

    Raises FitnessValueError for an impossible value; never invents a score for a grade without tables.
    """
    tables = tables or default_tables()
    grade_code, sex = normalize_grade_code(grade_code), normalize_sex(sex)  # refused before any value
    values: dict[str, Decimal | None] = {}
    item_exempt = set(exempt_items)
    for item, value in raw.items():
        if is_exempt_marker(value):
            if item == WHOLE_STUDENT_MARKER_ITEM:
                exempt = exempt or str(value).strip()
            else:
                item_exempt.add(item)
            continue
        _require_item(item, tables)
        values[item] = _coerce(item, value, tables)
    return score_parsed(
        grade_code, sex, values, exempt=exempt, exempt_items=item_exempt, wusi=wusi, tables=tables
    )


def _require_item(item: str, tables: FitnessTables) -> None:
    if item not in tables.items or tables.items[item].kind == "derived":
        raise FitnessValueError(f"未知的测试项目 {item}")


def score_parsed(
    grade_code: Any,
    sex: Any,
    values: Mapping[str, Decimal | None],
    *,
    exempt: bool | str = False,
    exempt_items: Iterable[str] = (),
    wusi: bool = False,
    tables: FitnessTables | None = None,
) -> StudentScore:
    """:func:`score_student` for results already parsed and checked (``parse_value``/``check_number``, as
    ``template.parse_row`` gives them in ``UploadRecord.results``): item key -> Decimal in the item's unit
    or None, 免测 markers already taken out into ``exempt``/``exempt_items``. Checking them again would
    give the same values; a file of a whole school scores in half the time without it."""
    tables = tables or default_tables()
    code = normalize_grade_code(grade_code)
    sex = normalize_sex(sex)
    scored_as = scoring_grade(code, wusi=wusi, tables=tables)
    result = StudentScore(grade_code=code, scored_as=scored_as, sex=sex)
    item_exempt = set(exempt_items)
    for item in values:
        _require_item(item, tables)

    weights = tables.weights.get((scored_as, sex))
    has_table = tables.has_table(scored_as, sex)
    if weights is None:
        result.status = NO_TABLE
        grade = tables.grades.get(code)
        result.messages.append(
            translate("Fitness", "无评分表（年级编号{code}）").format(code=code)
            if grade is None
            else translate("Fitness", NO_TABLE_TEXT)
        )
        weights = {}
    elif not has_table:
        result.status = NO_TABLE
        grade = tables.grades[scored_as] if scored_as in tables.grades else None
        stage = grade.stage if grade else code
        result.messages.append(translate("Fitness", "无评分表（{stage}评分表尚未收录）").format(stage=stage))

    for item, weight in weights.items():
        info = tables.items[item]
        entry = ItemScore(item=item, name=info.name, value=None, score=None, weight=weight)
        if item == "bmi":
            height, weight_kg = values.get("height"), values.get("weight")
            if height is not None and weight_kg is not None:
                entry.value = bmi_value(height, weight_kg)
        else:
            entry.value = values.get(item)
        if item in item_exempt or (item == "bmi" and {"height", "weight"} & item_exempt):
            entry.value, entry.status = None, ITEM_EXEMPT
        elif entry.value is None:
            entry.status = MISSING
            result.missing.append(item)
        elif not has_table:
            entry.status = ITEM_NO_TABLE
        elif item == "bmi":
            scored = bmi_score(scored_as, sex, entry.value, tables=tables)
            assert scored is not None  # has_table checked it
            entry.score, entry.band = scored
        else:
            entry.score = item_score(scored_as, sex, item, entry.value, tables=tables)
            entry.bonus = item_bonus(scored_as, sex, item, entry.value, tables=tables)
        result.items[item] = entry

    # results for items this grade/sex is not tested on are kept (and exported) but not scored
    for item, value in values.items():
        if item in result.items or item in ("height", "weight") or value is None:
            continue
        info = tables.items[item]
        result.items[item] = ItemScore(item=item, name=info.name, value=value, score=None, status=NOT_AN_ITEM)
        if weights:
            result.messages.append(f"{info.name}不是{SEX_CN[sex]}生该年级的测试项目，未计分")

    if exempt:
        result.status = EXEMPT
        result.exempt_reason = exempt if isinstance(exempt, str) else ""
        reason = (
            f"：{result.exempt_reason}"
            if result.exempt_reason and result.exempt_reason != EXEMPT_TEXT
            else ""
        )
        result.messages.insert(0, f"{EXEMPT_TEXT}{reason}")
        return result
    if result.status == NO_TABLE:
        return result

    scored = [entry for entry in result.items.values() if entry.status == SCORED]
    result.bonus = int(min(Decimal(sum(entry.bonus for entry in scored)), tables.max_total_bonus))
    single = [entry.name for entry in result.items.values() if entry.status == ITEM_EXEMPT]
    if single:
        result.status = INCOMPLETE
        names = translate("Fitness", "、").join(translate("Fitness", name) for name in single)
        text = translate(
            "Fitness",
            "{names}登记为免测：仅该项免测，其余项目照常计分，学生未整体免测；缺该项不计算学年总分（学生整体免予执行的，请登记学生免测）",  # noqa: E501 - one text for lupdate
        )
        result.messages.append(text.format(names=names))
    if result.missing:
        result.status = INCOMPLETE
        names = translate("Fitness", "、").join(
            translate("Fitness", tables.items[item].name) for item in result.missing
        )
        result.messages.append(translate("Fitness", "成绩不完整，缺：{names}").format(names=names))
        return result
    if single:
        return result
    result.standard_score = sum((entry.weighted or Decimal(0) for entry in scored), Decimal(0))
    result.total = result.standard_score + result.bonus
    result.level = level_for(result.total, tables=tables)
    return result


@dataclass
class GraduationScore:
    """毕业成绩 = 毕业当年学年总分 × 50% + 其他学年学年总分平均 × 50%."""

    score: Decimal | None  # exact
    level: str | None
    note: str = ""

    @property
    def display(self) -> Decimal | None:
        return None if self.score is None else round_half_up(self.score)


def graduation_score(
    final_year_total: Decimal | None,
    other_year_totals: Iterable[Decimal | None],
    *,
    tables: FitnessTables | None = None,
) -> GraduationScore:
    """毕业成绩 from the graduating year's 学年总分 and the other years' totals (exact or one-decimal values).

    A None total (an incomplete year) makes the result incomplete rather than guessing. With no other years
    on record (e.g. a student who joined in the final year) the final year's total counts alone.
    """
    others = list(other_year_totals)
    if final_year_total is None:
        return GraduationScore(None, None, "毕业当年成绩不完整，无法计算毕业成绩")
    if any(total is None for total in others):
        return GraduationScore(None, None, "有学年成绩不完整，无法计算毕业成绩")
    final = Decimal(final_year_total)
    if not others:
        return GraduationScore(final, level_for(final, tables=tables), "只有毕业当年成绩，按当年学年总分计")
    mean = sum((Decimal(t) for t in others if t is not None), Decimal(0)) / len(others)
    score = final * Decimal("0.5") + mean * Decimal("0.5")
    return GraduationScore(score, level_for(score, tables=tables))
