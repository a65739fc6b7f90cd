"""The 报表 page's editors: the checklist's proposed answers (each with the evidence behind it) and the
rectification list (整改台账), with the dialogs that add, close and confirm their entries."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import class_names, rules
from fivemgmt.records import Changes
from fivemgmt.reports import findings as fnd
from fivemgmt.reports.checklist import SELF_INSPECTION, load_form
from fivemgmt.reports.evidence import Evidence, Row, pending_red_findings
from fivemgmt.reports.period import Period
from ui.tasks import Task
from ui.widgets.dialogs import ok_cancel

if TYPE_CHECKING:  # the page holds these editors: its type for their annotations only
    from ui.pages.reports import ReportsPage

ANSWERS = [  # stored as the form's Chinese answers; shown in the user's language
    "",
    QT_TRANSLATE_NOOP("ChecklistEditor", "是"),
    QT_TRANSLATE_NOOP("ChecklistEditor", "否"),
    QT_TRANSLATE_NOOP("ChecklistEditor", "不适用"),
]
GREY = QColor("#E6E6E6")


# ------------------------------------------------------------------ dialogs


class FindingDialog(QDialog):
    """Add or edit one 整改 item: 问题, 整改措施, 责任人, 完成时限."""

    def __init__(self, finding: fnd.Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("整改事项"))
        self.finding = finding
        form = QFormLayout(self)
        self.problem = QPlainTextEdit(finding.problem)
        self.problem.setMaximumHeight(80)
        self.measure = QPlainTextEdit(finding.measure)
        self.measure.setMaximumHeight(80)
        self.owner = QLineEdit(finding.owner)
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        deadline = finding.deadline or finding.found_on + dt.timedelta(days=14)
        self.deadline.setDate(QDate(deadline.year, deadline.month, deadline.day))
        form.addRow(self.tr("存在问题"), self.problem)
        form.addRow(self.tr("整改措施"), self.measure)
        form.addRow(self.tr("责任人"), self.owner)
        form.addRow(self.tr("完成时限"), self.deadline)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def result_finding(self) -> fnd.Finding:
        self.finding.problem = self.problem.toPlainText()
        self.finding.measure = self.measure.toPlainText()
        self.finding.owner = self.owner.text()
        self.finding.deadline = self.deadline.date().toPython()
        return self.finding


class CloseDialog(QDialog):
    """Mark an item 已整改: the date and how it was fixed."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("整改完成"))
        form = QFormLayout(self)
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.how = QPlainTextEdit()
        self.how.setPlaceholderText(self.tr("如何整改的（例如：已约谈任课教师，作业改为课内完成）"))
        form.addRow(self.tr("完成日期"), self.date)
        form.addRow(self.tr("整改情况"), self.how)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def values(self) -> tuple[dt.date, str]:
        return self.date.date().toPython(), self.how.toPlainText()


class ConfirmDefaultsDialog(QDialog):
    """Before a 作业公示表 goes to parents: the school states its own value for each limit the rule file
    only proposes (no national number), with the document it follows."""

    def __init__(self, pending: list[rules.Rule], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending = pending
        self.setWindowTitle(self.tr("确认学校自定的数值"))
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                self.tr("作业公示表面向家长。以下数值国家未作统一规定，请确认本校的数值（建议值已填入）：")
            )
        )
        self.values: list[QSpinBox] = []
        for rule in pending:
            box = QSpinBox()
            box.setRange(0, 600)
            box.setValue(int(rule.value))
            box.setSuffix(f" {rule.unit}")
            self.values.append(box)
            form.addRow(
                self.tr("{low}至{high}：{title}").format(
                    low=class_names.grade_name(rule.grade_from),
                    high=class_names.grade_name(rule.grade_to),
                    title=rule.title,
                ),
                box,
            )
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("例如 本校作业管理制度（2026年9月修订）"))
        form.addRow(self.tr("依据"), self.note)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def confirmed(self) -> list[tuple[rules.Rule, int]]:
        return [(rule, box.value()) for rule, box in zip(self.pending, self.values)]


# ------------------------------------------------------------------ editors


class ChecklistEditor(QWidget):
    """The items of a checklist with the app's proposal; 自评 and 佐证材料 edits are saved at once."""

    COLUMNS = [
        QT_TRANSLATE_NOOP("ChecklistEditor", "代码"),
        QT_TRANSLATE_NOOP("ChecklistEditor", "要点"),
        QT_TRANSLATE_NOOP("ChecklistEditor", "自评"),
        QT_TRANSLATE_NOOP("ChecklistEditor", "自评说明（佐证材料）"),
        "",
    ]

    def __init__(self, page: ReportsPage) -> None:
        super().__init__()
        self.page = page
        self.form_id = SELF_INSPECTION
        self.rows: list[Row] = []
        self._loading = False
        self._task: Task | None = None  # the load running, if any
        self._wanted: tuple | None = None  # (form, period key) of the load whose rows are to be shown
        layout = QVBoxLayout(self)
        self.hint = QLabel(
            self.tr("“自评”和“说明”由软件根据台账记录提出，可直接修改（修改即保存）；灰色为“学校不填”项。")
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.busy = QLabel()
        self.busy.setStyleSheet("color: #555555;")
        self.busy.hide()
        layout.addWidget(self.busy)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._item_changed)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.reset_button = QPushButton(self.tr("恢复软件建议"))
        self.reset_button.clicked.connect(self.reset_selected)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def load(self, form_id: str, period: Period) -> None:
        """Propose the answers for ``period`` off the GUI thread (a term's evidence took seconds on a
        five-year school) on a read connection of its own. Meanwhile the table is greyed under a busy line;
        a load asked for later supersedes this one (stopped, its rows never shown over the newer ones)."""
        self.cancel_load()
        context, today = self.page.context, self.page.context.today
        wanted = (form_id, period.key)
        self._wanted = wanted
        self.busy.setText(self.tr("正在根据台账记录提出自评（{label}）……").format(label=period.label))
        self.busy.show()
        for widget in (self.table, self.reset_button):
            widget.setEnabled(False)

        def work(db, task):  # noqa: ANN001 - a read connection of its own, TaskControl; off the GUI thread
            return Evidence(db, period, today).rows(load_form(form_id))  # 取消 interrupts it (query)

        task = context.query(
            work,
            parent=self.page,
            title=self.tr("提出自评"),
            progress=False,  # the busy line says it; a modal dialog would keep the period from being changed
            on_done=lambda rows: self._loaded(wanted, form_id, period, rows),
            on_error=lambda error: self._failed(wanted, error),
        )
        self._task = task if task.is_running else None

    def cancel_load(self) -> None:
        """Give up a load still running (another period or document was chosen): nothing of it is shown."""
        if self._task is not None and self._task.is_running:
            self._task.cancel()
        self._task = None
        self._wanted = None
        self._end_busy()

    def _end_busy(self) -> None:
        self.busy.hide()
        for widget in (self.table, self.reset_button):
            widget.setEnabled(True)

    def _failed(self, wanted: tuple, error: BaseException) -> None:
        if wanted != self._wanted:
            return  # a load given up: its error says nothing of what is shown
        self._task = self._wanted = None
        self._end_busy()
        self.page.editor_failed(error)

    def _loaded(self, wanted: tuple, form_id: str, period: Period, rows: list[Row]) -> None:
        if wanted != self._wanted:
            return  # superseded by a later period or document
        self._task = self._wanted = None
        self._end_busy()
        self.form_id = form_id
        self.period = period
        self.rows = rows
        self._loading = True
        try:
            self.table.setRowCount(len(self.rows))
            for index, row in enumerate(self.rows):
                self._fill(index, row)
            self.table.resizeRowsToContents()
        finally:
            self._loading = False

    def _fill(self, index: int, row: Row) -> None:
        item = row.item
        code = QTableWidgetItem(item.code + (self.tr("（学校补充）") if item.addition else ""))
        point = QTableWidgetItem(item.point + ("" if item.school_fills else self.tr("（学校不填）")))
        for cell in (code, point):
            cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(index, 0, code)
        self.table.setItem(index, 1, point)
        evidence = QTableWidgetItem(row.evidence)
        state = QTableWidgetItem(self.tr("已修改") if row.edited else "")
        state.setFlags(state.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(index, 4, state)
        if not item.school_fills:
            evidence.setFlags(Qt.ItemFlag.NoItemFlags)
            self.table.setItem(index, 3, evidence)
            self.table.setCellWidget(index, 2, None)
            for column in range(5):
                cell = self.table.item(index, column)
                if cell is not None:
                    cell.setBackground(GREY)
            return
        editable = self.page.context.actor.role in fnd.EDIT_ROLES
        if not editable:  # the answers are shown, not offered for a change that would be refused
            evidence.setFlags(evidence.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(index, 3, evidence)
        combo = QComboBox()
        for answer in ANSWERS:
            combo.addItem(self.tr(answer) if answer else "", answer)
        combo.setCurrentIndex(max(combo.findData(row.answer), 0))
        combo.setEnabled(editable)
        combo.currentTextChanged.connect(lambda _text, i=index: self._save(i))
        self.table.setCellWidget(index, 2, combo)

    def answer_combo(self, index: int) -> QComboBox | None:
        return self.table.cellWidget(index, 2)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if not self._loading and item.column() == 3:
            self._save(item.row())

    def _save(self, index: int) -> None:
        if self._loading:
            return
        row = self.rows[index]
        combo = self.answer_combo(index)
        answer = (combo.currentData() or "") if combo else ""
        evidence = self.table.item(index, 3).text()
        try:
            changes = fnd.save_answer(
                self.page.context.db,
                self.page.context.actor,
                self.form_id,
                self.period,
                row.code,
                answer,
                evidence,
            )
        except Exception as error:  # noqa: BLE001 - shown to the user, the table is reloaded
            self.page.context.show_error(error, self)
            # Reload once this signal is over: the combo that sent it is replaced, so the refused answer
            # never stays on screen.
            QTimer.singleShot(0, lambda: self.load(self.form_id, self.period))
            return
        self.rows[index] = Row(row.item, row.proposal, answer, evidence.strip(), True)
        self._loading = True
        self.table.item(index, 4).setText(self.tr("已修改"))
        self._loading = False
        self.page.context.notify(changes, self.page)

    def reset_selected(self) -> None:
        index = self.table.currentRow()
        if index < 0:
            return
        try:
            changes = fnd.reset_answer(
                self.page.context.db,
                self.page.context.actor,
                self.form_id,
                self.period,
                self.rows[index].code,
            )
        except Exception as error:  # noqa: BLE001
            self.page.context.show_error(error, self)
            return
        self.page.context.notify(changes, self.page)
        self.load(self.form_id, self.period)


class FindingsEditor(QWidget):
    """领导小组 names and the rectification list (存在问题 / 整改措施 / 责任人 / 完成时限 / 状态)."""

    COLUMNS = [
        QT_TRANSLATE_NOOP("FindingsEditor", "存在问题"),
        QT_TRANSLATE_NOOP("FindingsEditor", "整改措施"),
        QT_TRANSLATE_NOOP("FindingsEditor", "责任人"),
        QT_TRANSLATE_NOOP("FindingsEditor", "完成时限"),
        QT_TRANSLATE_NOOP("FindingsEditor", "状态"),
        QT_TRANSLATE_NOOP("FindingsEditor", "整改完成情况"),
    ]

    def __init__(self, page: ReportsPage) -> None:
        super().__init__()
        self.page = page
        self.findings: list[fnd.Finding] = []
        layout = QVBoxLayout(self)
        self.leaders_box = QWidget()
        leaders = QHBoxLayout(self.leaders_box)
        leaders.setContentsMargins(0, 0, 0, 0)
        self.leader_edits: dict[str, QLineEdit] = {}
        leaders.addWidget(QLabel(self.tr("领导小组")))
        for key, label in fnd.LEADER_KEYS.items():
            edit = QLineEdit()
            edit.setPlaceholderText(label)
            self.leader_edits[key] = edit
            leaders.addWidget(QLabel(label))
            leaders.addWidget(edit, 1 if key != "members" else 3)
        self.save_leaders_button = QPushButton(self.tr("保存名单"))
        self.save_leaders_button.clicked.connect(self.save_leaders)
        leaders.addWidget(self.save_leaders_button)
        layout.addWidget(self.leaders_box)
        self.pending_label = QLabel()
        layout.addWidget(self.pending_label)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.generate_button = QPushButton(self.tr("由红灯生成问题"))
        self.add_button = QPushButton(self.tr("新增"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.close_button = QPushButton(self.tr("标记已整改…"))
        self.delete_button = QPushButton(self.tr("删除"))
        for button, slot in (
            (self.generate_button, self.generate),
            (self.add_button, self.add),
            (self.edit_button, self.edit_selected),
            (self.close_button, self.close_selected),
            (self.delete_button, self.delete_selected),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def load(self, period: Period, *, show_leaders: bool) -> None:
        self.period = period
        context = self.page.context
        self.leaders_box.setVisible(show_leaders)
        for key, value in fnd.leaders(context.db).items():
            self.leader_edits[key].setText(value)
        self.findings = fnd.list_findings(context.db, period=period)
        pending = pending_red_findings(context.db, period, context.today)
        self.pending_label.setText(
            self.tr("本期另有 {n} 项红灯问题尚未列入整改清单，可点“由红灯生成问题”。").format(n=len(pending))
            if pending
            else self.tr("本期红灯问题均已列入整改清单。")
        )
        self.table.setRowCount(len(self.findings))
        for index, finding in enumerate(self.findings):
            status = finding.status_label + (self.tr("（逾期）") if finding.overdue(context.today) else "")
            values = [
                finding.problem,
                finding.measure,
                finding.owner,
                finding.deadline.isoformat() if finding.deadline else "",
                status,
                finding.done_text,
            ]
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeRowsToContents()

    def _run(self, operation) -> None:  # noqa: ANN001 - a callable returning Changes
        try:
            changes: Changes = operation()
        except Exception as error:  # noqa: BLE001
            self.page.context.show_error(error, self)
            return
        self.page.context.notify(changes, self.page)
        self.load(self.period, show_leaders=self.leaders_box.isVisibleTo(self))

    def selected(self) -> fnd.Finding | None:
        index = self.table.currentRow()
        return self.findings[index] if 0 <= index < len(self.findings) else None

    def save_leaders(self) -> None:
        values = {key: edit.text() for key, edit in self.leader_edits.items()}
        self._run(lambda: fnd.save_leaders(self.page.context.db, self.page.context.actor, values))

    def generate(self) -> None:
        context = self.page.context
        self._run(
            lambda: fnd.add_proposed(
                context.db, context.actor, pending_red_findings(context.db, self.period, context.today)
            )
        )

    def add(self) -> None:
        self._edit(fnd.Finding(None, "", found_on=min(self.page.context.today, self.period.end)))

    def edit_selected(self) -> None:
        finding = self.selected()
        if finding is not None:
            self._edit(finding)

    def _edit(self, finding: fnd.Finding) -> None:
        """The finding in its dialog, saved when the dialog is accepted."""
        dialog = FindingDialog(finding, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(
                lambda: fnd.save_finding(
                    self.page.context.db, self.page.context.actor, dialog.result_finding()
                )
            )

    def close_selected(self) -> None:
        finding = self.selected()
        if finding is None:
            return
        dialog = CloseDialog(self.page.context.today, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            day, how = dialog.values()
            self._run(
                lambda: fnd.close_finding(self.page.context.db, self.page.context.actor, finding.id, day, how)
            )

    def delete_selected(self) -> None:
        finding = self.selected()
        if finding is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除"), self.tr("删除这一整改事项？由红灯生成的问题删除后不会再次生成。")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: fnd.delete_finding(self.page.context.db, self.page.context.actor, finding.id))
