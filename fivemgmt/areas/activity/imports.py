"""体质 — imports: ``preview_*``/``commit_*`` of a school's spreadsheets, and their columns."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from fivemgmt import class_names, parsers, tabular
from fivemgmt.areas import daily
from fivemgmt.areas.activity.records import (
    MAX_EYE_EXERCISES_PER_DAY,
    MAX_LESSONS_PER_DAY,
    WRITES,
    ActivityDay,
    timetable,
)
from fivemgmt.calendar import SchoolCalendar

# ------------------------------------------------------------------ import


def _count(high: int):
    return lambda value: parsers.integer(value, low=0, high=high)


IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("活动日期",), parse=parsers.school_date),
    tabular.Column("class", "班级", ("班级名称",), parse=parsers.text, guess=class_names.class_in_text),
    tabular.Column(
        "pe_held",
        "体育课节数",
        ("体育课", "体育课(节)", "实上体育课节数", "上体育课节数"),
        parse=_count(MAX_LESSONS_PER_DAY),
    ),
    tabular.Column(
        "pe_taken_over",
        "体育课被占用节数",
        ("被占用节数", "体育课被占用", "占用节数"),
        required=False,
        parse=_count(MAX_LESSONS_PER_DAY),
    ),
    tabular.Column(
        "taken_over_by", "占用学科", ("被何学科占用", "占用科目"), required=False, parse=parsers.text
    ),
    tabular.Column(
        "break_minutes", "大课间(分钟)", ("大课间", "大课间时长", "大课间分钟"), parse=_count(120)
    ),
    tabular.Column(
        "activity_minutes",
        "校内体育活动(分钟)",
        ("校内体育活动", "校内活动时长", "体育活动时间", "校内体育活动时间(分钟)", "校内活动(分钟)"),
        parse=_count(480),
    ),
    tabular.Column(
        "eye_exercises", "眼保健操次数", ("眼保健操", "眼保健操(次)"), parse=_count(MAX_EYE_EXERCISES_PER_DAY)
    ),
    tabular.Column("note", "备注", ("说明",), required=False, parse=parsers.text),
]


def _row_checker(db: Database, result: tabular.Preview) -> Callable[[dict], None]:
    tables: dict[str, dict[int, int]] = {}
    calendar = SchoolCalendar(db)

    def check_row(row: dict) -> None:
        if row.get("pe_taken_over") and not row.get("taken_over_by"):
            result.warnings.append(f"第 {row['_row']} 行：体育课被占用，未填写占用学科")
        if (
            None not in (row.get("break_minutes"), row.get("activity_minutes"))
            and row["activity_minutes"] < row["break_minutes"]
        ):
            result.errors.append(
                tabular.RowError(row["_row"], "校内体育活动(分钟)", "应包含大课间，不能少于大课间时长")
            )
        if row["class_id"] not in tables:
            tables[row["class_id"]] = timetable(db, row["class_id"])
        row["pe_planned"] = tables[row["class_id"]].get(calendar.timetable_weekday(row["date"]), 0)

    return check_row


def _row_record(row: dict) -> ActivityDay:
    return ActivityDay(
        row["class_id"],
        row["date"],
        row.get("pe_planned", 0),
        row["pe_held"],
        row.get("pe_taken_over") or 0,
        row.get("taken_over_by") or "",
        row["break_minutes"],
        row["activity_minutes"],
        row["eye_exercises"],
        row.get("note") or "",
        row.get("id"),
    )


IMPORT = daily.DayImport(WRITES, IMPORT_COLUMNS, _row_record, _row_checker)
preview_import, commit_import = IMPORT.preview_import, IMPORT.commit_import
