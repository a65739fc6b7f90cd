"""The printable documents by name: one place the CLI and the GUI pick a document from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, in_source_language, translate
from fivemgmt.reports.period import Period


@dataclass(frozen=True)
class DocumentKind:
    key: str
    title: str
    description: str
    by_class: bool = False  # takes --class / --grade (the homework board)
    weekly: bool = False  # always one ISO week

    @property
    def label(self) -> str:
        """The title in the user's language (the CLI and the PDFs keep ``title``)."""
        return translate("Reports", self.title)

    @property
    def summary(self) -> str:
        return translate("Reports", self.description)


def _builder(key: str) -> Callable[..., bytes]:
    from fivemgmt.reports import board, rectification, self_inspection, self_report, shuangjian, weekly

    return {
        "self-inspection": self_inspection.build,
        "shuangjian": shuangjian.build,
        "board": board.build,
        "self-report": self_report.build,
        "weekly": weekly.build,
        "rectification": rectification.build,
    }[key]


DOCUMENTS: dict[str, DocumentKind] = {
    d.key: d
    for d in [
        DocumentKind(
            "self-inspection",
            QT_TRANSLATE_NOOP("Reports", "“五项管理”实地督查要点 自查表"),
            QT_TRANSLATE_NOOP("Reports", "督学实地督查用表，自评栏由台账记录提出建议"),
        ),
        DocumentKind(
            "shuangjian",
            QT_TRANSLATE_NOOP("Reports", "“双减”督导检查 自查表"),
            QT_TRANSLATE_NOOP("Reports", "双减督导重点13项，自评栏由台账记录提出建议"),
        ),
        DocumentKind(
            "board",
            QT_TRANSLATE_NOOP("Reports", "作业公示表"),
            QT_TRANSLATE_NOOP("Reports", "每班每日（或一周）作业公示，或整个年级一页"),
            by_class=True,
        ),
        DocumentKind(
            "self-report",
            QT_TRANSLATE_NOOP("Reports", "“五项管理”自查报告"),
            QT_TRANSLATE_NOOP("Reports", "领导小组、各方面落实情况与图表、存在问题、整改措施"),
        ),
        DocumentKind(
            "weekly",
            QT_TRANSLATE_NOOP("Reports", "校长周报"),
            QT_TRANSLATE_NOOP("Reports", "一周总体情况、各班判定与重点图表（2–4页）"),
            weekly=True,
        ),
        DocumentKind(
            "rectification",
            QT_TRANSLATE_NOOP("Reports", "问题整改清单"),
            QT_TRANSLATE_NOOP("Reports", "整改事项、责任人、完成时限与整改情况"),
        ),
    ]
}


@in_source_language  # the documents are the school's official forms: Chinese in any UI language
def generate(
    db: Database,
    key: str,
    period: Period,
    target: Path | str | None = None,
    *,
    class_name: str | None = None,
    grade: int | None = None,
    today: dt.date | None = None,
) -> bytes:
    """Build one document as PDF (written to target when given); returns the PDF bytes."""
    if key not in DOCUMENTS:
        raise UserError(f"没有“{key}”这种报表，可选：{'、'.join(DOCUMENTS)}")
    builder = _builder(key)
    if DOCUMENTS[key].by_class:
        return builder(db, period, target, class_name=class_name, grade=grade, today=today)
    if class_name or grade:
        raise UserError(f"“{DOCUMENTS[key].title}”是全校报表，不能指定班级或年级。")
    return builder(db, period, target, today=today)
