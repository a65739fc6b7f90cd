"""课后服务 — imports: ``preview_*``/``commit_*`` of a school's spreadsheets, and their columns."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from fivemgmt import class_names, parsers, tabular
from fivemgmt.areas import daily
from fivemgmt.areas.afterschool.records import MAX_MINUTES, WRITES, ServiceDay

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
    tabular.Column("date", "日期", ("服务日期",), parse=parsers.school_date),
    tabular.Column("class", "班级", ("班级名称",), parse=parsers.text, guess=class_names.class_in_text),
    tabular.Column(
        "held", "是否开展", ("开展", "是否开展课后服务", "开展情况"), parse=parsers.choice(HELD_CHOICES)
    ),
    tabular.Column(
        "minutes",
        "时长(分钟)",
        ("时长", "服务时长", "服务时长(分钟)", "分钟"),
        required=False,
        parse=lambda v: parsers.integer(v, low=0, high=MAX_MINUTES),
    ),
    tabular.Column("end_time", "结束时间", ("结束时刻", "放学时间"), required=False, parse=parsers.clock),
    tabular.Column(
        "participants",
        "参加人数",
        ("人数", "参加学生数", "参与人数"),
        required=False,
        parse=lambda v: parsers.integer(v, low=0, high=300),
    ),
    tabular.Column("note", "备注", ("说明",), required=False, parse=parsers.text),
]


def _row_checker(db: Database, result: tabular.Preview) -> Callable[[dict], None]:
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

    return check_row


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


IMPORT = daily.DayImport(WRITES, IMPORT_COLUMNS, _row_record, _row_checker)
preview_import, commit_import = IMPORT.preview_import, IMPORT.commit_import
