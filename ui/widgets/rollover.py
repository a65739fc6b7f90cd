"""学年升级 wizard and 学籍变动 dialog of the set-up page: thin views of :mod:`fivemgmt.years`.

The wizard asks for the new school year, how the new first-year classes are made (by count or from a new
students' roster) and whether teachers move up with their classes; 预览 shows what will happen (nothing is
written), 升级 does it (a backup first, one transaction), both off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import class_names, school, years
from fivemgmt.errors import UserError
from ui.pages.base import PageContext
from ui.widgets.dialogs import ok_cancel


class RolloverDialog(QDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan: years.RolloverPlan | None = None
        self.roster: Path | None = None
        self.setWindowTitle(self.tr("学年升级"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "各班升一个年级（四年级(2)班 → 五年级(2)班），毕业班归档，新建起始年级班级。"
                "历史记录保留当时的年级和班名。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        current = school.school_year_of(context.db, context.today)
        self.to_year = QLineEdit(years.shift_year(current, 1))
        form.addRow(self.tr("新学年"), self.to_year)
        self.by_count = QRadioButton(self.tr("按班级数新建"))
        self.by_roster = QRadioButton(self.tr("按新生名册新建"))
        self.by_count.setChecked(True)
        self.count = QSpinBox(minimum=0, maximum=30)
        self.count.setValue(self._first_grade_count())
        self.roster_button = QPushButton(self.tr("选择名册…"))
        self.roster_label = QLabel(self.tr("（未选择）"))
        first = QWidget()
        first_layout = QVBoxLayout(first)
        first_layout.setContentsMargins(0, 0, 0, 0)
        count_row = QHBoxLayout()
        count_row.addWidget(self.by_count)
        count_row.addWidget(self.count)
        count_row.addStretch(1)
        roster_row = QHBoxLayout()
        roster_row.addWidget(self.by_roster)
        roster_row.addWidget(self.roster_button)
        roster_row.addWidget(self.roster_label, 1)
        first_layout.addLayout(count_row)
        first_layout.addLayout(roster_row)
        form.addRow(self.tr("起始年级班级"), first)
        self.keep = QRadioButton(self.tr("随班保留"))
        self.clear = QRadioButton(self.tr("全部清空"))
        self.keep.setChecked(True)
        teachers = QWidget()
        teacher_row = QHBoxLayout(teachers)
        teacher_row.setContentsMargins(0, 0, 0, 0)
        for button in (self.keep, self.clear):
            teacher_row.addWidget(button)
        teacher_row.addStretch(1)
        form.addRow(self.tr("班主任和任课教师"), teachers)
        self._groups = [QButtonGroup(self), QButtonGroup(self)]
        for group, buttons in zip(self._groups, ((self.by_count, self.by_roster), (self.keep, self.clear))):
            for button in buttons:
                group.addButton(button)
        layout.addLayout(form)
        self.preview_button = QPushButton(self.tr("预览"))
        layout.addWidget(self.preview_button)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        self.preview_text.setPlaceholderText(self.tr("先点“预览”，查看升级会做什么（不写入任何数据）。"))
        layout.addWidget(self.preview_text, 1)
        self.buttons = QDialogButtonBox()
        self.rollover_button = self.buttons.addButton(self.tr("升级"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.rollover_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.rollover_button.clicked.connect(self.commit)
        layout.addWidget(self.buttons)
        self.preview_button.clicked.connect(self.preview)
        self.roster_button.clicked.connect(self.choose_roster)
        self.to_year.textChanged.connect(lambda _t: self._invalidate())
        self.count.valueChanged.connect(lambda _v: self._invalidate())
        for button in (self.by_count, self.by_roster, self.keep, self.clear):
            button.toggled.connect(lambda _on: self._invalidate())

    def _first_grade_count(self) -> int:
        info = school.get_school(self.context.db)
        if not info:
            return 0
        low = class_names.STAGES[info["stage"]][0]
        return len(school.list_classes(self.context.db, low))

    def _invalidate(self) -> None:
        self.plan = None
        self.rollover_button.setEnabled(False)
        self.preview_text.clear()

    def choose_roster(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("选择新生名册"), "", self.tr("名册 (*.xlsx *.xls *.csv);;所有文件 (*)")
            )
            if not chosen:
                return
            path = Path(chosen)
        self.roster = path
        self.roster_label.setText(path.name)
        self.by_roster.setChecked(True)
        self._invalidate()

    def options(self) -> dict:
        roster = self.by_roster.isChecked()
        return {
            "new_classes": None if roster else self.count.value(),
            "roster": self.roster if roster else None,
            "teachers": years.KEEP if self.keep.isChecked() else years.CLEAR,
        }

    def preview(self) -> None:
        options = self.options()
        if self.by_roster.isChecked() and self.roster is None:
            self.context.show_error(self.tr("请先选择新生名册，或改为按班级数新建。"), self)
            return
        db, today, to_year = self.context.db, self.context.today, self.to_year.text()
        self.context.run_task(
            lambda _task: years.plan_rollover(db, to_year, today=today, **options),
            title=self.tr("正在预览学年升级……"),
            on_done=self._show_plan,
            parent=self,
        )

    def _show_plan(self, plan: years.RolloverPlan) -> None:
        self.plan = plan
        self.preview_text.setPlainText("\n".join(plan.lines()))
        self.rollover_button.setEnabled(True)

    def commit(self) -> None:
        plan = self.plan
        if plan is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("学年升级"),
            self.tr("确定升级到 {year} 学年吗？升级前会自动备份。").format(year=plan.to_year),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, actor = self.context.db, self.context.actor
        self.context.operation(
            lambda _task: years.commit_rollover(db, actor, plan),
            title=self.tr("正在升级……"),
            on_done=lambda _changes: self.accept(),
            cancellable=False,
            parent=self,
        )


class MoveStudentDialog(QDialog):
    """转班 / 转出 of one student, dated: the class's figures count the student from that day on."""

    def __init__(self, context: PageContext, student: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.student = context, student
        self.setWindowTitle(self.tr("学籍变动：{name}").format(name=student["name"]))
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("转班"), school.MOVED)
        self.kind.addItem(self.tr("转出"), school.LEFT)
        form.addRow(self.tr("变动"), self.kind)
        today = context.today
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("自哪天起"), self.day)
        self.target = QComboBox()
        for school_class in school.list_classes(context.db):
            if school_class.id != student["class_id"]:
                self.target.addItem(school_class.name, school_class.id)
        form.addRow(self.tr("转入班级"), self.target)
        self.note = QLineEdit()
        form.addRow(self.tr("说明"), self.note)
        self.kind.currentIndexChanged.connect(
            lambda _i: self.target.setEnabled(self.kind.currentData() == school.MOVED)
        )
        self.buttons = ok_cancel(self)
        form.addRow(self.buttons)

    def save(self) -> bool:
        """Record the move; False (with the message shown) when the core refuses it."""
        kind = self.kind.currentData()
        day: dt.date = self.day.date().toPython()
        try:
            changes = years.move_student(
                self.context.db,
                self.context.actor,
                self.student["id"],
                kind,
                day,
                to_class_id=self.target.currentData() if kind == school.MOVED else None,
                note=self.note.text().strip(),
            )
        except UserError as error:
            self.context.show_error(error, self)
            return False
        self.context.notify(changes, None)
        return True
