"""Phone tables: the day's custody log (``CustodyRow``) and the class's applications (``Application``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from fivemgmt.areas import phone
from fivemgmt.rules import Status
from ui.models.base import Column, Editor, RecordTableModel, setter


def custody_columns() -> list[Column]:
    return [
        Column(QCoreApplication.translate("PhoneModel", "姓名"), lambda r: r.name, width=100),
        Column(
            QCoreApplication.translate("PhoneModel", "经批准"),
            lambda r: (
                QCoreApplication.translate("PhoneModel", "是，至 {day}").format(day=r.valid_until.isoformat())
                if r.approved
                else QCoreApplication.translate("PhoneModel", "否")
            ),
        ),
        Column(
            QCoreApplication.translate("PhoneModel", "保管状态"),
            lambda r: r.status or QCoreApplication.translate("PhoneModel", "未登记"),
            setter("status"),
            Editor.CHOICE,
            choices=phone.CUSTODY_STATES,
            width=100,
            tooltip=QCoreApplication.translate(
                "PhoneModel", "无有效申请的学生带了手机，保存时一律记为“违规带入”"
            ),
        ),
        Column(
            QCoreApplication.translate("PhoneModel", "放学已归还"),
            lambda r: r.returned,
            setter("returned"),
            Editor.BOOL,
            width=90,
        ),
        Column(QCoreApplication.translate("PhoneModel", "备注"), lambda r: r.note, setter("note")),
    ]


def custody_status(row: phone.CustodyRow) -> Status | None:
    if row.status in (phone.VIOLATION, phone.NOT_HANDED_IN):
        return Status.VIOLATION
    return None


class CustodyModel(RecordTableModel):
    record_table = phone.CUSTODY
    NAME, APPROVED, STATUS, RETURNED, NOTE = range(5)

    def __init__(self, commit: Callable | None = None) -> None:
        super().__init__(custody_columns(), commit=commit, row_status=custody_status)


def application_columns() -> list[Column]:
    def date_text(value: object) -> str:
        return value.isoformat() if value else ""

    return [
        Column(QCoreApplication.translate("PhoneModel", "姓名"), lambda a: a.student_name, width=90),
        Column(
            QCoreApplication.translate("PhoneModel", "申请日期"),
            lambda a: a.applied_on,
            display=date_text,
            width=100,
        ),
        Column(QCoreApplication.translate("PhoneModel", "家长"), lambda a: a.parent_name, width=80),
        Column(QCoreApplication.translate("PhoneModel", "申请理由"), lambda a: a.reason),
        Column(QCoreApplication.translate("PhoneModel", "审批结果"), lambda a: a.decision, width=80),
        Column(QCoreApplication.translate("PhoneModel", "审批人"), lambda a: a.decided_by, width=100),
        Column(
            QCoreApplication.translate("PhoneModel", "有效期至"),
            lambda a: a.valid_until,
            display=date_text,
            width=100,
        ),
        Column(
            QCoreApplication.translate("PhoneModel", "书面申请扫描件"),
            lambda a: a.attachment_name or QCoreApplication.translate("PhoneModel", "（无）"),
            width=130,
        ),
    ]


class ApplicationsModel(RecordTableModel):
    record_table = phone.APPLICATIONS

    def __init__(self, today_valid: Callable[[phone.Application], Status | None]) -> None:
        super().__init__(application_columns(), row_status=today_valid)
