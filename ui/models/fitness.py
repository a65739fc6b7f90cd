"""The fitness-test entry grid: one row per student of a class, one column per measured item, live scores.

Item cells are edited as text, exactly as a PE teacher types results (``3'40``, ``3.40``, ``9.11``); the
column validates with the core's ``parse_value`` so an impossible value is refused with its Chinese message
before anything is saved. Each item cell shows the raw value and its score (``9.2 · 78``); the row ends with
学年总分, 等级 and a note (免测, 缺项, 无评分表).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from fivemgmt.fitness import names, store
from fivemgmt.fitness.parsing import UNIT_CN, FitnessValueError, format_value, is_exempt_marker, parse_value
from fivemgmt.fitness.scoring import COMPLETE, EXEMPT, SCORED
from fivemgmt.fitness.tables import default_tables
from ui.models.base import Column, Editor, RecordTableModel

Index = QModelIndex | QPersistentModelIndex

LEVEL_COLORS = {"优秀": "#1B7837", "良好": "#2166AC", "及格": "#7A5C00", "不及格": "#B2182B"}
NOT_TESTED_FILL = QColor("#E8E8E8")
FAILING_FILL = QColor(178, 24, 43, 45)


@dataclass
class FitnessRow:
    """A student's line: the stored result (scored) and the text of each item as shown for editing."""

    result: store.StudentResult
    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_result(cls, result: store.StudentResult) -> FitnessRow:
        texts = {item: format_value(item, result.value(item)) for item in store.item_keys()}
        return cls(result, texts)

    @property
    def student_id(self) -> str:
        return self.result.student_id


def item_header(item: str) -> str:
    info = default_tables().items[item]
    unit = "" if info.kind == "minsec" else names.shown(UNIT_CN.get(info.unit, info.unit))
    return f"{names.shown(info.name)}\n({unit})" if unit else names.shown(info.name)


def validator(item: str) -> Callable[[Any], str | None]:
    def validate(text: Any) -> str | None:
        if is_exempt_marker(text):
            return QCoreApplication.translate("FitnessModel", "免测请用“免测…”按钮登记并填写原因。")
        try:
            parse_value(item, text, column=default_tables().items[item].name)
        except FitnessValueError as error:
            return str(error)
        return None

    return validate


def _setter(item: str) -> Callable[[FitnessRow, Any], None]:
    def set_text(row: FitnessRow, value: Any) -> None:
        row.texts[item] = str(value).strip()

    return set_text


class FitnessModel(RecordTableModel):
    """Columns: 学籍号, 姓名, 性别, the grade's items (editable), 学年总分, 等级, 备注."""

    FIXED = 3  # 学籍号, 姓名, 性别

    def __init__(self, commit: Callable | None = None, parent=None) -> None:  # noqa: ANN001
        self.items: list[str] = []
        self.grade = 1
        super().__init__(self._columns([]), commit=commit, parent=parent)

    def _columns(self, items: list[str]) -> list[Column]:
        columns = [
            Column(
                QCoreApplication.translate("FitnessModel", "学籍号"),
                lambda r: r.result.student.get("student_no") or "",
                editor=Editor.NONE,
                width=176,
            ),
            Column(
                QCoreApplication.translate("FitnessModel", "姓名"),
                lambda r: r.result.name,
                editor=Editor.NONE,
                width=70,
            ),
            Column(
                QCoreApplication.translate("FitnessModel", "性别"),
                lambda r: r.result.student.get("sex") or "",
                editor=Editor.NONE,
                width=44,
            ),
        ]
        for item in items:
            if item == "bmi":
                columns.append(
                    Column(
                        "BMI",
                        lambda r: self.bmi_text(r),
                        editor=Editor.NONE,
                        width=80,
                        tooltip=QCoreApplication.translate("FitnessModel", "体重指数，由身高和体重算出"),
                    )
                )
                continue
            columns.append(
                Column(
                    item_header(item),
                    lambda r, item=item: r.texts.get(item, ""),
                    _setter(item),
                    validate=validator(item),
                    width=84,
                    tooltip=QCoreApplication.translate(
                        "FitnessModel", "直接输入成绩；跑步可写 3'40 或 3.40（分.秒）"
                    ),
                )
            )
        columns += [
            Column(
                QCoreApplication.translate("FitnessModel", "学年总分"),
                lambda r: self.total_text(r),
                editor=Editor.NONE,
                width=72,
            ),
            Column(
                QCoreApplication.translate("FitnessModel", "等级"),
                lambda r: (
                    names.shown(r.result.score.level_text)
                    if r.result.tested
                    else QCoreApplication.translate("FitnessModel", "未测")
                ),
                editor=Editor.NONE,
                width=80,
            ),
            Column(
                QCoreApplication.translate("FitnessModel", "备注"),
                lambda r: self.note_text(r),
                editor=Editor.NONE,
                tooltip=QCoreApplication.translate("FitnessModel", "免测原因、缺测项目等"),
            ),
        ]
        return columns

    def set_class(self, grade: int, rows: list[FitnessRow]) -> None:
        """Show a class: its grade decides the item columns."""
        self.beginResetModel()
        self.grade = grade
        items = store.grid_items(grade)
        self.items = [*items[: items.index("weight") + 1], "bmi", *items[items.index("weight") + 1 :]]
        self.columns = self._columns(self.items)
        self._rows = list(rows)
        self.endResetModel()

    def item_at(self, column: int) -> str | None:
        offset = column - self.FIXED
        return self.items[offset] if 0 <= offset < len(self.items) else None

    def item_column(self, item: str) -> int:
        return self.FIXED + self.items.index(item)

    @property
    def total_column(self) -> int:
        return self.FIXED + len(self.items)

    @property
    def level_column(self) -> int:
        return self.total_column + 1

    def row_for(self, student_id: str) -> int:
        return next(i for i, r in enumerate(self._rows) if r.student_id == student_id)

    # ------------------------------------------------------------ texts
    @staticmethod
    def total_text(row: FitnessRow) -> str:
        total = row.result.score.total_display
        return "" if total is None else str(total)

    @staticmethod
    def bmi_text(row: FitnessRow) -> str:
        entry = row.result.score.items.get("bmi")
        return "" if entry is None or entry.value is None else str(entry.value)

    @staticmethod
    def note_text(row: FitnessRow) -> str:
        if not row.result.tested:
            return ""
        score = row.result.score
        if score.status == EXEMPT:
            return QCoreApplication.translate("FitnessModel", "免测：{reason}").format(
                reason=score.exempt_reason or "—"
            )
        return score.note

    def _applies(self, row: FitnessRow, item: str) -> bool:
        return store.applies(self.grade, row.result.student.get("sex"), item)

    # ------------------------------------------------------------ Qt
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        item = self.item_at(index.column()) if index.isValid() else None
        if item is not None and not self._applies(self._rows[index.row()], item):
            flags &= ~Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        item = self.item_at(index.column())
        if item is not None:
            return self._item_data(row, item, role)
        if index.column() == self.level_column:
            if role == Qt.ItemDataRole.ForegroundRole and row.result.score.status == COMPLETE:
                return QBrush(QColor(LEVEL_COLORS.get(row.result.score.level or "", "#000000")))
            if role == Qt.ItemDataRole.BackgroundRole and row.result.score.level == "不及格":
                return QBrush(FAILING_FILL)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(self.columns) - 1:
            return self.note_text(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            self.total_column,
            self.level_column,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return super().data(index, role)

    def _item_data(self, row: FitnessRow, item: str, role: int) -> Any:
        text = self.bmi_text(row) if item == "bmi" else row.texts.get(item, "")
        entry = row.result.score.items.get(item)
        if role == Qt.ItemDataRole.DisplayRole:
            if not self._applies(row, item):
                return "—"
            if entry is not None and entry.status == SCORED and entry.score is not None and text:
                return f"{text} · {entry.score}"
            return text
        if role == Qt.ItemDataRole.EditRole:
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if not self._applies(row, item):
                return QBrush(NOT_TESTED_FILL)
            if entry is not None and entry.score is not None and entry.score < 60 and entry.status == SCORED:
                return QBrush(FAILING_FILL)
        if role == Qt.ItemDataRole.ToolTipRole and entry is not None:
            if item == "bmi" and entry.score is not None:
                return QCoreApplication.translate("FitnessModel", "BMI {bmi}（{band}），得分 {score}").format(
                    bmi=entry.value, band=entry.band, score=entry.score
                )
            if entry.score is not None:
                bonus = (
                    QCoreApplication.translate("FitnessModel", "，加分 {bonus}").format(bonus=entry.bonus)
                    if entry.bonus
                    else ""
                )
                return (
                    QCoreApplication.translate("FitnessModel", "{name}得分 {score}（权重 {weight}%）").format(
                        name=names.shown(entry.name), score=entry.score, weight=f"{entry.weight:g}"
                    )
                    + bonus
                )
        return None
