"""Per-student vision screening (视力筛查): 左/右眼裸眼视力 in the 5-point notation Chinese schools record
(标准对数视力表, e.g. 4.8, 5.0), a class's 近视率 per screening and its change since the screening before.

The policy asks for vision screening at least twice a term (``activity.vision_screenings_per_term``); which
naked-eye vision counts as 视力不良 (screening myopia) is not stated in the app's reference documents, so it is
a school setting that must be confirmed with the document it comes from (:func:`set_threshold`). Until it is,
the rate is not computed and the page says why — never a silent number.

Results are imported with the one reader (:mod:`fivemgmt.tabular`) and the one preview; the import also
records the class's screening (``vision_screenings``), so the term's count of screenings follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, parsers, records, school, settings, tabular
from fivemgmt.actor import ADMIN, PRINCIPAL, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.records import Changes
from fivemgmt.settings import Option

RESULTS = "vision_results"
SCREENINGS = "vision_screenings"  # the class-level record of fivemgmt.areas.activity
# {"value": "5.0", "source": "…", "confirmed_by": …, "confirmed_on": …}; not set until confirmed
THRESHOLD: Option[dict | None] = Option(
    "vision_poor_below", dict, None, title=QT_TRANSLATE_NOOP("Settings", "视力不良阈值")
)
THRESHOLD_SETTING = THRESHOLD.key

# What the 5-point notation can record: the standard logarithmic chart reads 4.0–5.3; below 4.0 it is
# measured by walking closer, down to 3.0. A value outside this range is a typing error, not a result.
LOWEST, HIGHEST = Decimal("3.0"), Decimal("5.3")


# ------------------------------------------------------------------ values and the school's threshold


def parse_acuity(value: Any) -> Decimal:
    """A 5-point value (4.8, "4.8", "5.0") to one decimal; "5" reads as 5.0. Raises parsers.CellError."""
    text = str(value).strip() if value is not None else ""
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise parsers.CellError(f"“{text}”不是五分记录的视力（如 4.8、5.0）") from None
    if not number.is_finite() or not LOWEST <= number <= HIGHEST:
        raise parsers.CellError(f"视力 {text} 超出五分记录范围（{LOWEST}–{HIGHEST}）")
    if number != number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP):
        raise parsers.CellError(f"视力 {text} 应保留一位小数（如 4.8）")
    return number.quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Threshold:
    below: Decimal  # an eye whose naked-eye vision is below this is 视力不良
    source: str  # the document the school follows
    confirmed_by: str
    confirmed_on: str

    @property
    def text(self) -> str:
        text = translate(
            "Fitness", "任一眼裸眼视力低于 {below} 计为视力不良（依据：{source}；{on} 由 {by} 确认）"
        )
        return text.format(below=self.below, source=self.source, on=self.confirmed_on, by=self.confirmed_by)


UNCONFIRMED = QT_TRANSLATE_NOOP(
    "Fitness",
    "视力不良（近视）判定标准尚未确认：本软件所依据的文件没有写明阈值，请管理员在“视力筛查”中填写学校采用的裸眼视力阈值及其依据文件后，才计算近视率。",  # noqa: E501 - one text for lupdate
)


def threshold(db: Database) -> Threshold | None:
    value = THRESHOLD.get(db)
    if not value or not value.get("value") or not value.get("source"):
        return None
    return Threshold(
        Decimal(str(value["value"])),
        value["source"],
        value.get("confirmed_by", ""),
        value.get("confirmed_on", ""),
    )


def set_threshold(
    db: Database, actor: Actor, below: Any, source: str, *, today: dt.date | None = None
) -> Changes:
    """Confirm the school's 视力不良 threshold with the document it comes from (both required)."""
    actor.require_role(ADMIN, PRINCIPAL)
    try:
        value = parse_acuity(below)
    except parsers.CellError as error:
        raise UserError(f"阈值：{error}") from None
    if not (source or "").strip():
        raise UserError("请写明阈值的依据（文件名称和文号），未写明依据的阈值不予采用。")
    return settings.set_school_option(
        db,
        actor,
        THRESHOLD,
        {
            "value": str(value),
            "source": source.strip(),
            "confirmed_by": actor.display_name,
            "confirmed_on": (today or clock.today()).isoformat(),
        },
    )


# ------------------------------------------------------------------ import


def _columns() -> list[tabular.Column]:
    return [
        tabular.Column("class", "班级", ("班级名称",), required=False, parse=parsers.text),
        tabular.Column(
            "student_no", "学籍号", ("学号(学籍)", "学生学籍号"), required=False, parse=parsers.text
        ),
        tabular.Column("student_name", "姓名", ("学生姓名",), parse=parsers.text),
        tabular.Column("date", "筛查日期", ("检查日期", "日期"), parse=parsers.date),
        tabular.Column("left_eye", "左眼裸眼视力", ("左眼", "左眼视力", "左"), parse=parse_acuity),
        tabular.Column("right_eye", "右眼裸眼视力", ("右眼", "右眼视力", "右"), parse=parse_acuity),
        tabular.Column("note", "备注", required=False, parse=parsers.text),
    ]


def preview_import(
    db: Database,
    path: Path,
    *,
    defaults: dict[str, Any] | None = None,
    school_class: school.SchoolClass | None = None,
    today: dt.date | None = None,
) -> tabular.Preview:
    """Check a vision results file (nothing written): each row matched to a roster student — by 学籍号, else by
    班级 + 姓名 (班级 from the file, else ``defaults["class"]`` or ``school_class``) — with both eyes in the
    5-point notation."""
    today = today or clock.today()
    defaults = dict(defaults or {})
    if school_class is not None:
        defaults.setdefault("class", school_class.name)
    result = tabular.preview(path, _columns(), defaults=defaults or None)
    if not result.ok and not result.rows:
        return result
    classes = {c.name: c for c in school.list_classes(db)}
    students = records.live_rows(db, "students")
    by_no = {s["student_no"]: s for s in students if s.get("student_no")}
    existing = {(r["student_id"], r["date"]): r for r in records.live_rows(db, RESULTS)}
    result.start_counting("new", "changed", "unchanged")
    seen: set[tuple[str, str]] = set()
    for row in result.rows:
        number = row["_row"]
        if any(e.row == number for e in result.errors):
            continue
        student = by_no.get(row.get("student_no") or "")
        if row.get("student_no") and student is None:
            result.errors.append(tabular.RowError(number, "学籍号", f"名册中没有学籍号 {row['student_no']}"))
            continue
        if student is None:
            klass = classes.get(row.get("class") or "")
            if klass is None:
                result.errors.append(tabular.RowError(number, "班级", f"没有班级“{row.get('class') or ''}”"))
                continue
            same = [s for s in students if s["class_id"] == klass.id and s["name"] == row["student_name"]]
            if len(same) != 1:
                message = "班上没有这名学生" if not same else "班上有同名学生，请填写学籍号"
                result.errors.append(
                    tabular.RowError(number, "姓名", f"{klass.name}：{row['student_name']} {message}")
                )
                continue
            student = same[0]
        elif student["name"] != row["student_name"]:
            result.errors.append(
                tabular.RowError(
                    number,
                    "姓名",
                    f"学籍号 {student['student_no']} 是“{student['name']}”，不是“{row['student_name']}”",
                )
            )
            continue
        day: dt.date = row["date"]
        if day > today:
            result.errors.append(tabular.RowError(number, "筛查日期", f"{day.isoformat()} 晚于今天"))
            continue
        key = (student["id"], day.isoformat())
        if key in seen:
            result.errors.append(tabular.RowError(number, "姓名", "同一学生同一天的筛查结果重复"))
            continue
        seen.add(key)
        row["student_id"], row["class_id"] = student["id"], student["class_id"]
        row["class"] = next(
            (c.name for c in classes.values() if c.id == student["class_id"]), row.get("class")
        )
        old = existing.get(key)
        if old is None:
            kind = "new"
        elif (Decimal(str(old["left_eye"])), Decimal(str(old["right_eye"])), old.get("note") or "") == (
            row["left_eye"],
            row["right_eye"],
            row.get("note") or "",
        ):
            kind = "unchanged"
        else:
            kind = "changed"
        row["_id"] = old["id"] if old else None
        result.count(
            row,
            kind,
            f"{row['class']} {row['student_name']} {day.isoformat()} 左 {row['left_eye']} 右 {row['right_eye']}",
        )
    return result


def commit_import(db: Database, actor: Actor, preview: tabular.Preview) -> Changes:
    """Write every row of a checked preview, and the class's screening for each date, in one transaction."""
    preview.require_ok()
    for class_id in {r["class_id"] for r in preview.rows}:
        actor.require_class(class_id)
    changes = Changes()
    with transaction(db):
        values = []
        for row in preview.rows:
            record = {
                "student_id": row["student_id"],
                "class_id": row["class_id"],
                "date": row["date"].isoformat(),
                "left_eye": float(row["left_eye"]),
                "right_eye": float(row["right_eye"]),
                "note": row.get("note") or "",
            }
            if row.get("_id"):
                record["id"] = row["_id"]
            values.append(record)
        records.save_many(db, RESULTS, values, actor, changes=changes)
        screened: dict[tuple[str, str], int] = {}
        for record in values:
            key = (record["class_id"], record["date"])
            screened[key] = screened.get(key, 0) + 1
        for (class_id, day), _count in sorted(screened.items()):
            students = len(records.live_rows(db, RESULTS, "class_id = ? AND date = ?", [class_id, day]))
            old = records.live_rows(db, SCREENINGS, "class_id = ? AND date = ?", [class_id, day])
            record = {"class_id": class_id, "date": day, "screened": students}
            if old:
                record = {**record, "id": old[0]["id"]}
            else:
                record["note"] = "由视力筛查结果导入"
            records.save(db, SCREENINGS, record, actor, changes=changes)
    return changes


# ------------------------------------------------------------------ rates


@dataclass(frozen=True)
class ScreeningRate:
    date: dt.date
    screened: int  # students with both eyes recorded that day
    poor: int | None  # None: threshold not confirmed
    rate: Decimal | None  # percent, one decimal
    change: Decimal | None  # percentage points since the previous screening (None: first, or no threshold)


@dataclass(frozen=True)
class ClassVision:
    school_class: school.SchoolClass
    threshold: Threshold | None
    screenings: list[ScreeningRate]
    latest: dict[str, dict]  # student id -> latest result row

    @property
    def message(self) -> str:
        if self.threshold is None:
            return translate("Fitness", UNCONFIRMED)
        name = self.school_class.name
        if not self.screenings:
            return translate("Fitness", "{name}还没有视力筛查结果。").format(name=name)
        last = self.screenings[-1]
        fields = {"name": name, "date": last.date.isoformat(), "screened": last.screened, "poor": last.poor}
        fields["rate"] = last.rate
        if last.change is not None:
            text = translate(
                "Fitness",
                "{name} {date} 筛查 {screened} 人，近视（视力不良）{poor} 人，近视率 {rate}%，较上次（{before}）{change} 个百分点。",  # noqa: E501 - one text for lupdate
            )
            sign = "+" if last.change > 0 else ""
            return text.format(
                **fields, before=self.screenings[-2].date.isoformat(), change=f"{sign}{last.change}"
            )
        text = translate(
            "Fitness",
            "{name} {date} 筛查 {screened} 人，近视（视力不良）{poor} 人，近视率 {rate}%，这是第一次筛查，没有可比较的上次结果。",  # noqa: E501 - one text for lupdate
        )
        return text.format(**fields)


def is_poor(row: dict, limit: Threshold) -> bool:
    return Decimal(str(row["left_eye"])) < limit.below or Decimal(str(row["right_eye"])) < limit.below


def class_vision(db: Database, school_class: school.SchoolClass) -> ClassVision:
    """The class's screenings (oldest first) with 近视率 and change, and each student's latest result."""
    limit = threshold(db)
    members = {s["id"] for s in school.list_students(db, school_class.id)}
    rows = [
        r
        for r in records.live_rows(db, RESULTS, "class_id = ?", [school_class.id], order_by="date")
        if r["student_id"] in members
    ]
    by_date: dict[str, list[dict]] = {}
    latest: dict[str, dict] = {}
    for row in rows:
        by_date.setdefault(row["date"], []).append(row)
        latest[row["student_id"]] = row
    screenings: list[ScreeningRate] = []
    previous: Decimal | None = None
    for day, day_rows in sorted(by_date.items()):
        if limit is None:
            screenings.append(ScreeningRate(dt.date.fromisoformat(day), len(day_rows), None, None, None))
            continue
        poor = sum(1 for r in day_rows if is_poor(r, limit))
        rate = (Decimal(poor * 100) / len(day_rows)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        change = None if previous is None else rate - previous
        screenings.append(ScreeningRate(dt.date.fromisoformat(day), len(day_rows), poor, rate, change))
        previous = rate
    return ClassVision(school_class, limit, screenings, latest)
