"""体质健康 — the demo school's fitness test results (this year's and last year's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from fivemgmt import records, school
from fivemgmt.fitness.parsing import (
    check_number,
)
from fivemgmt.fitness.scoring import (
    grade_code_for_years,
    normalize_sex,
)
from fivemgmt.fitness.store import RESULTS, current_school_year, grid_items, shift_year
from fivemgmt.fitness.tables import default_tables

# ------------------------------------------------------------------ demo data

_EXEMPT_REASONS = [
    "右腿骨折，持医院证明",
    "先天性心脏病，家长申请并附病历",
    "哮喘，医嘱暂缓剧烈运动",
    "腰部扭伤，校医建议免测",
]


@dataclass
class _Ability:
    target: float
    spread: float = 8.0
    bmi_band: str = "正常"
    missing: set[str] = field(default_factory=set)


def _pick_ability(rng) -> _Ability:  # noqa: ANN001 - random.Random
    roll = rng.random()
    if roll < 0.14:
        target = rng.uniform(92, 102)
    elif roll < 0.52:
        target = rng.uniform(80, 91)
    elif roll < 0.86:
        target = rng.uniform(64, 80)
    else:
        target = rng.uniform(38, 58)
    band = rng.choices(["正常", "超重", "肥胖", "低体重"], weights=[72, 14, 8, 6])[0]
    return _Ability(target, bmi_band=band)


def _value_for_score(code: str, sex: str, item: str, wanted: float, rng) -> Decimal:  # noqa: ANN001
    """A plausible raw value that earns about ``wanted`` points on the item's table."""
    tables = default_tables()
    info = tables.items[item]
    table = tables.item_tables[(code, sex, item)]
    bands = list(table.bands)
    higher = table.direction == "higher"
    chosen = next((i for i, (score, _) in enumerate(bands) if score <= wanted), len(bands) - 1)
    threshold = bands[chosen][1]
    if chosen == 0:  # at or beyond the top: up to a few steps further (bonus for rope skipping)
        step = abs(bands[0][1] - bands[1][1])
        extra = Decimal(str(rng.uniform(0, 1.5 if wanted > 100 else 0.4))) * step
        value = threshold + extra if higher else threshold - extra
    else:
        better = bands[chosen - 1][1]
        value = threshold + (better - threshold) * Decimal(str(rng.uniform(0, 0.95)))
    step = Decimal(1).scaleb(-info.decimals)
    value = value.quantize(step)
    return max(min(value, info.max or value), info.min if info.min is not None else value)


def _raw_junior(sex: str, grade: int, rng) -> dict[str, Decimal]:  # noqa: ANN001
    """Plausible raw results for a 初中 student (no scoring table yet)."""
    boy = sex == "M"
    age = grade - 7
    values = {
        "lung": Decimal(int(rng.gauss(2900 + 350 * age if boy else 2300 + 150 * age, 450))),
        "run50m": Decimal(str(round(rng.gauss(8.4 - 0.2 * age if boy else 9.4, 0.7), 1))),
        "long_jump": Decimal(int(rng.gauss(205 + 10 * age if boy else 165, 18))),
        "sit_reach": Decimal(str(round(rng.gauss(7 if boy else 11, 6), 1))),
    }
    if boy:
        values["run1000m"] = Decimal(int(rng.gauss(265 - 8 * age, 25)))
        values["pullup"] = Decimal(max(0, int(rng.gauss(4 + 2 * age, 3))))
    else:
        values["run800m"] = Decimal(int(rng.gauss(240, 20)))
        values["situp1min"] = Decimal(max(5, int(rng.gauss(38, 7))))
    return values


def _body(sex: str, grade: int, band: str, rng) -> tuple[Decimal, Decimal]:  # noqa: ANN001
    """Height and weight giving a BMI in the wanted band (by the grade's table where there is one)."""
    tables = default_tables()
    height = Decimal(str(round(rng.gauss(116 + 6.2 * grade + (1 if sex == "M" else 0), 5), 1)))
    code = grade_code_for_years(grade)
    bands = tables.bmi.get((code, sex))
    if bands is None:
        bmi = Decimal(str(round(rng.gauss(19.5, 2.5), 1)))
    else:
        low, normal, over = bands.low_weight_max, bands.normal_max, bands.overweight_max
        bmi = {
            "低体重": low - Decimal(str(round(rng.uniform(0.2, 1.2), 1))),
            "正常": low + (normal - low) * Decimal(str(rng.uniform(0.1, 0.9))),
            "超重": over - (over - normal) * Decimal(str(rng.uniform(0.1, 0.8))),
            "肥胖": over + Decimal(str(round(rng.uniform(0.6, 4), 1))),
        }[band]
    weight = (bmi * (height / 100) ** 2).quantize(Decimal("0.1"))
    return height, weight


def _demo_values(sex: str, grade: int, ability: _Ability, rng) -> dict[str, float | None]:  # noqa: ANN001
    tables = default_tables()
    code = grade_code_for_years(grade)
    height, weight = _body(sex, grade, ability.bmi_band, rng)
    values: dict[str, Decimal] = {"height": height, "weight": weight}
    if tables.has_table(code, sex):
        for item in tables.weights[(code, sex)]:
            if item == "bmi":
                continue
            wanted = min(max(ability.target + rng.gauss(0, ability.spread), 0), 110)
            values[item] = _value_for_score(code, sex, item, wanted, rng)
    else:
        values.update(_raw_junior(sex, grade, rng))
    out: dict[str, float | None] = {}
    for item, value in values.items():
        out[item] = None if item in ability.missing else float(check_number(item, value))
    return out


def demo_fill(ctx) -> None:  # noqa: ANN001 - fivemgmt.demo.context.DemoContext
    """Demo results: this year for every class (a few 免测, a few missing items, 初中 recorded raw with
    无评分表), last year for about half of the classes above grade 1 (the same students a grade lower)."""
    rng = ctx.rng
    today = ctx.today
    current = current_school_year(ctx.db, today)
    last = shift_year(current, -1)
    test_day = max(ctx.start, today - dt.timedelta(days=30))
    while test_day.weekday() >= 5:
        test_day += dt.timedelta(days=1)
    grade_items = {c.grade: grid_items(c.grade) for c in ctx.classes}
    for index, school_class in enumerate(ctx.classes):
        students = ctx.students.get(school_class.id) or school.list_students(ctx.db, school_class.id)
        with_history = school_class.grade >= 2 and index % 2 == 0
        exempt_slot = rng.randrange(len(students)) if students and index % 3 == 1 else None
        for position, student in enumerate(students):
            sex = normalize_sex(student["sex"])
            ability = _pick_ability(rng)
            if rng.random() < 0.05:
                optional = [k for k in grade_items[school_class.grade] if k not in ("height", "weight")]
                ability.missing = {rng.choice(optional)}  # absent on the day of that item
            base = {
                "student_id": student["id"],
                "class_id": school_class.id,
                "school_year": current,
                "grade": school_class.grade,
                "test_date": test_day.isoformat(),
                "exempt": 0,
            }
            if position == exempt_slot:
                base.update(exempt=1, exempt_reason=rng.choice(_EXEMPT_REASONS))
            else:
                base.update(_demo_values(sex, school_class.grade, ability, rng))
            records.save(ctx.db, RESULTS, base, ctx.actor, reason="演示数据")
            if with_history and rng.random() < 0.9:
                younger = _Ability(ability.target - rng.uniform(0, 6), ability.spread, ability.bmi_band)
                old = {
                    "student_id": student["id"],
                    "class_id": school_class.id,
                    "school_year": last,
                    "grade": school_class.grade - 1,
                    "exempt": 0,
                    "test_date": (test_day - dt.timedelta(days=364)).isoformat(),
                }
                old.update(_demo_values(sex, school_class.grade - 1, younger, rng))
                records.save(ctx.db, RESULTS, old, ctx.actor, reason="演示数据")
