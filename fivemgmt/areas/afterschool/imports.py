"""课后服务 — imports: ``preview_*``/``commit_*`` of a school's spreadsheets, and their columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import school, tabular
from fivemgmt.actor import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.afterschool.records import DAYS, MAX_MINUTES, ServiceDay, save_days
from fivemgmt.records import Changes

# ------------------------------------------------------------------ import

HELD_CHOICES = {
    "是": True,
    "否": False,
    "开展": True,
    "未开展": False,
    "有": True,
    "无": False,
    "1": True,
    "0": False,
    "y": True,
    "n": False,
    "√": True,
    "×": False,
}
IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("服务日期",), parse=tabular.school_date),
    tabular.Column("class", "班级", ("班级名称",), parse=tabular.text, guess=school.class_in_text),
    tabular.Column(
        "held", "是否开展", ("开展", "是否开展课后服务", "开展情况"), parse=tabular.choice(HELD_CHOICES)
    ),
    tabular.Column(
        "minutes",
        "时长(分钟)",
        ("时长", "服务时长", "服务时长(分钟)", "分钟"),
        required=False,
        parse=lambda v: tabular.integer(v, low=0, high=MAX_MINUTES),
    ),
    tabular.Column("end_time", "结束时间", ("结束时刻", "放学时间"), required=False, parse=tabular.clock),
    tabular.Column(
        "participants",
        "参加人数",
        ("人数", "参加学生数", "参与人数"),
        required=False,
        parse=lambda v: tabular.integer(v, low=0, high=300),
    ),
    tabular.Column("note", "备注", ("说明",), required=False, parse=tabular.text),
]


def preview_import(db: Database, path: Path, *, defaults: dict[str, Any] | None = None) -> tabular.Preview:
    result = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db))

    def check_row(row: dict) -> None:
        if row.get("held"):
            if row.get("minutes") in (None, 0):
                result.errors.append(
                    tabular.RowError(row["_row"], "时长(分钟)", "开展了课后服务，应填写时长")
                )
            if row.get("end_time") is None:
                result.errors.append(
                    tabular.RowError(row["_row"], "结束时间", "开展了课后服务，应填写结束时间")
                )

    daily.check_import_rows(db, result, check_row)
    daily.count_existing(db, DAYS, result, _row_record)
    return result


def _row_record(row: dict) -> ServiceDay:
    return ServiceDay(
        row["class_id"],
        row["date"],
        bool(row["held"]),
        row.get("minutes"),
        row.get("end_time"),
        row.get("participants"),
        row.get("note") or "",
        row.get("id"),
    )


def commit_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked after-school file in one transaction (all rows or none)."""
    result.require_ok()
    return save_days(db, actor, [_row_record(row) for row in result.rows], reason="导入")
