"""设置: the school, terms and calendar, classes, subjects, teachers and who teaches what, students (with the
roster import), and the school's rule overrides. Every change goes through a core operation at once."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import calendar, class_names, roster, rules, school, settings, tabular
from fivemgmt.actor import ADMIN, PRINCIPAL
from fivemgmt.errors import UserError
from fivemgmt.fitness import store
from fivemgmt.records import Changes
from fivemgmt.settings import Option, SettingError
from ui.models.base import Column, Editor, RecordTableModel
from ui.pages.base import PageContext
from ui.widgets.dialogs import ok_cancel
from ui.widgets.import_flow import ImportPreviewDialog, confirm_suggestions
from ui.widgets.record_table import RecordTableView
from ui.widgets.rollover import MoveStudentDialog, RolloverDialog


def _key(name: str) -> Callable[[dict], Any]:
    return lambda row: row.get(name)


def _set(name: str) -> Callable[[dict, Any], None]:
    return lambda row, value: row.__setitem__(name, value)


class Section(QWidget):
    """A titled editable table of dict rows with 添加 / 删除 buttons.

    ``save(row) -> Changes`` is called for each edit once every ``required`` key has a value (until then a
    new row only lives in the table); ``delete(row) -> Changes`` after a confirmation; ``add`` (optional)
    replaces the default "append an empty row" with e.g. a dialog.
    """

    def __init__(
        self,
        context: PageContext,
        title: str,
        columns: list[Column],
        *,
        load: Callable[[], list[dict]],
        save: Callable[[dict], Changes] | None = None,
        delete: Callable[[dict], Changes] | None = None,
        required: tuple[str, ...] = (),
        new_row: Callable[[], dict] | None = None,
        add: Callable[[], None] | None = None,
        describe: Callable[[dict], str] = lambda row: "",
        addable: bool = True,
    ) -> None:
        super().__init__()
        self.title = title
        self.last_changes = Changes()
        self.context, self.load_rows, self.save, self.delete = context, load, save, delete
        self.required, self.new_row, self.describe = required, new_row or dict, describe
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        label = QLabel(title)
        label.setStyleSheet("font-weight: bold;")
        label.setWordWrap(True)  # a long title (规则覆盖's) wraps instead of widening the window
        header.addWidget(label, 1)
        self.add_button = QPushButton(self.tr("添加"))
        self.delete_button = QPushButton(self.tr("删除"))
        header.addWidget(self.add_button)
        header.addWidget(self.delete_button)
        self.extra = header  # callers add buttons here
        layout.addLayout(header)
        self.model = RecordTableModel(columns, commit=self._commit)
        self.model.edit_rejected.connect(lambda message: context.show_error(message, self))
        self.view = RecordTableView()
        self.view.setModel(self.model)
        layout.addWidget(self.view, 1)
        self.add_button.setVisible(addable and (save is not None or add is not None))
        self.delete_button.setVisible(delete is not None)
        self.add_button.clicked.connect(add or self.add_row)
        self.delete_button.clicked.connect(lambda: self.delete_row(self.view.currentIndex().row()))
        self.view.add_row_requested.connect(lambda: None if add or not addable else self.add_row())
        self.view.delete_requested.connect(self.delete_row)

    def reload(self) -> None:
        self.model.set_rows(self.load_rows())

    def add_row(self) -> None:
        rows = self.model.rows
        if rows and not rows[-1].get("id"):
            self.view.edit_cell(len(rows) - 1, 0)
            return
        self.view.edit_cell(self.model.append_row(self.new_row()), 0)

    def _commit(self, _row: int, _old: dict, new: dict) -> dict | None:
        if self.save is None:
            return None
        if any(new.get(key) in (None, "") for key in self.required):
            if new.get("id"):
                self.context.show_error(self.tr("此项不能为空。"), self)
                return None
            return new  # a new row: saved once its required cells are filled
        try:
            changes = self.last_changes = self.save(new)
        except UserError as error:
            self.context.show_error(error, self)
            return None
        if not new.get("id") and changes.ids:
            new["id"] = changes.ids[0]
        self.context.notify(changes, self)
        return new

    def delete_row(self, row: int) -> None:
        if self.delete is None or not 0 <= row < self.model.rowCount():
            return
        record = self.model.row(row)
        if not record.get("id"):
            self.model.remove_row(row)
            return
        answer = QMessageBox.question(
            self, self.tr("删除"), self.tr("确定删除“{what}”吗？").format(what=self.describe(record))
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            changes = self.delete(record)
        except UserError as error:
            self.context.show_error(error, self)
            return
        self.model.remove_row(row)
        self.context.notify(changes, self)


class SetupPage(QWidget):
    def __init__(self, context: PageContext) -> None:
        super().__init__()
        self.context = context
        self._stale = True
        db, actor = context.db, context.actor
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("学校设置"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        if not actor.is_school_wide:
            layout.addWidget(QLabel(self.tr("只有管理员可以修改学校设置；这里只供查看。")))
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.sections: list[Section] = []
        self.tabs.addTab(self._school_tab(), self.tr("学校"))
        self.tabs.addTab(self._calendar_tab(), self.tr("学期与校历"))
        self.tabs.addTab(self._classes_tab(), self.tr("班级"))
        self.tabs.addTab(self._subjects_tab(), self.tr("学科"))
        self.tabs.addTab(self._teachers_tab(), self.tr("教师与任课"))
        self.tabs.addTab(self._students_tab(), self.tr("学生"))
        self.tabs.addTab(self._rules_tab(), self.tr("规则覆盖"))
        self.tabs.addTab(self._preferences_tab(), self.tr("偏好设置"))
        context.hub.data_changed.connect(self._data_changed)
        del db

    # ------------------------------------------------------------ refresh
    def showEvent(self, event) -> None:  # noqa: ANN001
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        row = school.get_school(self.context.db) or {}
        self.school_name.setText(row.get("name") or "")
        self.school_stage.setCurrentText(row.get("stage") or "九年一贯制")
        self.school_address.setText(row.get("address") or "")
        self._fill_class_combo()
        for section in self.sections:
            section.reload()
        self._show_vacations()
        self._show_options()

    def _data_changed(self, _changes: Changes, source: object) -> None:
        if source in self.sections:
            # Names shown in other sections (班主任, 任课) may have changed.
            for section in self.sections:
                if section is not source:
                    section.reload()
            self._fill_class_combo()
            self._show_vacations()
        elif self.isVisible():
            self.reload()
        else:
            self._stale = True

    # ------------------------------------------------------------ 学校
    def _school_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.school_name = QLineEdit()
        self.school_stage = QComboBox()
        self.school_stage.addItems(list(class_names.STAGES))
        self.school_address = QLineEdit()
        save = QPushButton(self.tr("保存学校信息"))
        save.clicked.connect(self.save_school)
        form.addRow(self.tr("学校名称"), self.school_name)
        form.addRow(self.tr("学段"), self.school_stage)
        form.addRow(self.tr("地址"), self.school_address)
        form.addRow("", save)
        return tab

    def save_school(self) -> None:
        try:
            changes = school.save_school(
                self.context.db,
                self.context.actor,
                self.school_name.text(),
                self.school_stage.currentText(),
                self.school_address.text(),
            )
        except UserError as error:
            self.context.show_error(error, self)
            return
        self.context.notify(changes, self)

    # ------------------------------------------------------------ 学期与校历
    def _calendar_tab(self) -> QWidget:
        db, actor = self.context.db, self.context.actor

        def save_term(row: dict) -> Changes:
            # A new term comes pre-filled with the national holidays and 调休 of its dates.
            new = not row.get("id")
            changes = calendar.save_term(db, actor, row)
            if new and changes.ids:
                term = next(t for t in calendar.SchoolCalendar(db).terms if t.id == changes.ids[0])
                self._prefill(term)
            return changes

        terms = self._section(
            self.tr("学期"),
            [
                Column(self.tr("学年"), _key("school_year"), _set("school_year"), width=120),
                Column(self.tr("学期"), _key("name"), _set("name"), width=120),
                Column(self.tr("开始日期"), _key("start_date"), _set("start_date"), Editor.DATE),
                Column(self.tr("结束日期"), _key("end_date"), _set("end_date"), Editor.DATE),
            ],
            load=lambda: [
                {
                    "id": t.id,
                    "school_year": t.school_year,
                    "name": t.name,
                    "start_date": t.start,
                    "end_date": t.end,
                }
                for t in calendar.SchoolCalendar(db).terms
            ],
            save=save_term,
            delete=lambda row: calendar.delete_record(db, actor, "terms", row["id"]),
            required=("school_year", "name", "start_date", "end_date"),
            describe=lambda row: f"{row['school_year']}学年{row['name']}",
        )
        kinds = calendar.ENTRY_KINDS
        by_label = {label: kind for kind, label in kinds.items()}

        def save_entry(row: dict) -> Changes:
            changes = calendar.save_calendar_entry(db, actor, row)
            # Show the weekday the core chose for a make-up day (the compensated holiday's weekday).
            record_id = row.get("id") or (changes.ids[0] if changes.ids else None)
            saved = next((r for r in calendar.list_calendar_entries(db) if r["id"] == record_id), None)
            if saved is not None:
                row["follows_weekday"] = saved["follows_weekday"]
            return changes

        # A 调休 day follows one weekday's timetable (PE lessons, 大课间, 课后服务).
        weekdays = [self.tr("周一"), self.tr("周二"), self.tr("周三"), self.tr("周四"), self.tr("周五")]
        days = self._section(
            self.tr("节假日与调休（周一至周五放假、周末调休上课的日子）"),
            [
                Column(self.tr("日期"), _key("date"), _set("date"), Editor.DATE, width=130),
                Column(
                    self.tr("类型"),
                    lambda r: kinds.get(r.get("kind"), ""),
                    lambda r, v: r.__setitem__("kind", by_label[v]),
                    Editor.CHOICE,
                    choices=list(kinds.values()),
                    width=150,
                ),
                Column(self.tr("名称"), _key("name"), _set("name")),
                Column(
                    self.tr("调休按哪天课表"),
                    lambda r: (
                        weekdays[r["follows_weekday"]]
                        if r.get("kind") == calendar.ENTRY_MAKEUP and r.get("follows_weekday") is not None
                        else ""
                    ),
                    lambda r, v: r.__setitem__("follows_weekday", weekdays.index(v) if v else None),
                    Editor.CHOICE,
                    choices=["", *weekdays],
                    width=130,
                ),
                Column(self.tr("来源"), lambda r: r.get("source") or self.tr("学校录入")),
            ],
            load=lambda: calendar.list_calendar_entries(db),
            save=save_entry,
            delete=lambda row: calendar.delete_record(db, actor, "calendar_days", row["id"]),
            required=("date", "kind"),
            new_row=lambda: {"kind": calendar.ENTRY_HOLIDAY},
            describe=lambda row: f"{row['date']} {row.get('name') or ''}",
        )
        self.terms_section, self.days_section = terms, days
        self.fill_holidays_button = QPushButton(self.tr("按国务院节假日安排填入…"))
        self.fill_holidays_button.setToolTip(
            self.tr(
                "把所选学期（未选时为当前学期）内的法定节假日和周末调休上课日填入校历；已有的条目保持不变。"
            )
        )
        self.fill_holidays_button.clicked.connect(self.fill_holidays)
        days.extra.insertWidget(1, self.fill_holidays_button)
        self.fill_holidays_button.setVisible(actor.is_school_wide)  # once it has its parent
        self.calendar_note = QLabel()
        self.calendar_note.setWordWrap(True)
        self.vacation_note = QLabel()
        self.vacation_note.setWordWrap(True)
        tab = self._stacked(terms, days)
        tab.layout().addWidget(self.calendar_note)
        tab.layout().addWidget(self.vacation_note)
        return tab

    def selected_term(self) -> calendar.Term | None:
        """The term selected in the 学期 table, else the one containing today, else the latest."""
        known = calendar.SchoolCalendar(self.context.db)
        row = self.terms_section.view.currentIndex().row()
        if 0 <= row < self.terms_section.model.rowCount():
            term_id = self.terms_section.model.row(row).get("id")
            chosen = next((t for t in known.terms if t.id == term_id), None)
            if chosen is not None:
                return chosen
        return known.term_for(self.context.today) or (known.terms[-1] if known.terms else None)

    def fill_holidays(self) -> None:
        term = self.selected_term()
        if term is None:
            self.context.show_error(self.tr("请先在“学期”中添加学期，再填入节假日。"), self)
            return
        self._prefill(term)

    def _prefill(self, term: calendar.Term) -> None:
        try:
            result = calendar.prefill_national(self.context.db, self.context.actor, term)
        except UserError as error:
            self.context.show_error(error, self)
            return
        self.calendar_note.setText(
            self.tr("{term}（{start}–{end}）：{summary}").format(
                term=term.label, start=term.start, end=term.end, summary=result.summary()
            )
        )
        self.days_section.reload()
        if result.changes.ids:
            self.context.notify(result.changes, self.days_section)

    def _show_vacations(self) -> None:
        spans = calendar.vacations(calendar.SchoolCalendar(self.context.db).terms)
        if not spans:
            self.vacation_note.setText(
                self.tr("寒暑假：学期之外的日子都按假期计（请录入上下两个学期以显示寒暑假）。")
            )
            return
        text = "；".join(f"{name} {first}–{last}" for name, first, last in spans)
        self.vacation_note.setText(self.tr("寒暑假（两学期之间的日子）：{spans}").format(spans=text))

    # ------------------------------------------------------------ 班级
    def _classes_tab(self) -> QWidget:
        db, actor = self.context.db, self.context.actor

        def teacher_names() -> list[str]:
            return ["", *(t["name"] for t in school.list_teachers(db))]

        def set_head(row: dict, name: str) -> None:
            row["head_teacher_id"] = next(
                (t["id"] for t in school.list_teachers(db) if t["name"] == name), None
            )
            row["head_teacher"] = name

        def load() -> list[dict]:
            names = {t["id"]: t["name"] for t in school.list_teachers(db)}
            return [
                {
                    "id": c.id,
                    "name": c.name,
                    "head_teacher_id": c.head_teacher_id,
                    "head_teacher": names.get(c.head_teacher_id, ""),
                    "students": len(school.list_students(db, c.id)),
                }
                for c in school.list_classes(db)
            ]

        section = self._section(
            self.tr("班级"),
            [
                Column(self.tr("班级"), _key("name"), editor=Editor.NONE),
                Column(
                    self.tr("班主任"), _key("head_teacher"), set_head, Editor.CHOICE, choices=teacher_names
                ),
                Column(self.tr("学生数"), _key("students"), editor=Editor.NONE, width=90),
            ],
            load=load,
            save=lambda row: school.set_head_teacher(db, actor, row["id"], row["head_teacher_id"]),
            delete=lambda row: school.delete_class(db, actor, row["id"]),
            add=self.add_class,
            describe=lambda row: row["name"],
        )
        self.rollover_button = QPushButton(self.tr("学年升级…"))
        self.rollover_button.setToolTip(
            self.tr("各班升一个年级，毕业班归档，新建起始年级班级（先预览，升级前自动备份）")
        )
        self.rollover_button.setVisible(actor.is_school_wide and not actor.read_only)
        self.rollover_button.clicked.connect(self.open_rollover)
        section.extra.insertWidget(2, self.rollover_button)
        return section

    def open_rollover(self) -> None:
        RolloverDialog(self.context, self).exec()

    def move_student(self) -> None:
        """学籍变动 (转班 / 转出, dated) of the student selected in the list."""
        row = self.students.view.currentIndex().row()
        if not 0 <= row < self.students.model.rowCount() or not self.students.model.row(row).get("id"):
            self.context.show_error(self.tr("请先在列表中选择一名学生。"), self)
            return
        dialog = MoveStudentDialog(self.context, self.students.model.row(row), self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if dialog.save():
                return

    def add_class(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("添加班级"))
        form = QFormLayout(dialog)
        grade, number = QSpinBox(minimum=1, maximum=12), QSpinBox(minimum=1, maximum=99)
        form.addRow(self.tr("年级（1–12，七年级=7）"), grade)
        form.addRow(self.tr("班号"), number)
        buttons = ok_cancel(dialog)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            class_id = school.add_class(self.context.db, self.context.actor, grade.value(), number.value())
        except UserError as error:
            self.context.show_error(error, self)
            return
        changes = Changes()
        changes.add("classes", class_id)
        self.context.notify(changes, None)

    # ------------------------------------------------------------ 学科
    def _subjects_tab(self) -> QWidget:
        db, actor = self.context.db, self.context.actor
        return self._section(
            self.tr("学科（年级范围内的班级在作业登记时自动补全）"),
            [
                Column(self.tr("学科"), _key("name"), _set("name")),
                Column(
                    self.tr("排序"), _key("sort_order"), _set("sort_order"), Editor.INT, maximum=99, width=80
                ),
                Column(
                    self.tr("起始年级"),
                    _key("grades_from"),
                    _set("grades_from"),
                    Editor.INT,
                    minimum=1,
                    maximum=12,
                    width=90,
                ),
                Column(
                    self.tr("结束年级"),
                    _key("grades_to"),
                    _set("grades_to"),
                    Editor.INT,
                    minimum=1,
                    maximum=12,
                    width=90,
                ),
            ],
            load=lambda: school.subject_rows(db),
            save=lambda row: school.save_subject(
                db, actor, _fields(row, "name", "sort_order", "grades_from", "grades_to")
            ),
            delete=lambda row: school.delete_subject(db, actor, row["id"]),
            required=("name",),
            new_row=lambda: {"sort_order": 0, "grades_from": 1, "grades_to": 12},
            describe=lambda row: row["name"],
        )

    # ------------------------------------------------------------ 教师与任课
    def _teachers_tab(self) -> QWidget:
        db, actor = self.context.db, self.context.actor
        teachers = self._section(
            self.tr("教师"),
            [
                Column(self.tr("姓名"), _key("name"), _set("name")),
                Column(self.tr("电话"), _key("phone"), _set("phone")),
            ],
            load=lambda: school.list_teachers(db),
            save=lambda row: school.save_teacher(db, actor, _fields(row, "name", "phone")),
            delete=lambda row: school.delete_teacher(db, actor, row["id"]),
            required=("name",),
            describe=lambda row: row["name"],
        )
        teaching = self._section(
            self.tr("任课（谁在哪个班教什么）"),
            [
                Column(self.tr("班级"), _key("class_name"), editor=Editor.NONE),
                Column(self.tr("学科"), _key("subject"), editor=Editor.NONE),
                Column(self.tr("教师"), _key("teacher_name"), editor=Editor.NONE),
            ],
            load=lambda: school.teaching_rows(db),
            delete=lambda row: school.delete_teaching(db, actor, row["id"]),
            add=self.add_teaching,
            describe=lambda row: f"{row['class_name']} {row['subject']} {row['teacher_name']}",
        )
        return self._stacked(teachers, teaching)

    def add_teaching(self) -> None:
        db = self.context.db
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("添加任课"))
        form = QFormLayout(dialog)
        classes, subjects, teachers = QComboBox(), QComboBox(), QComboBox()
        for school_class in school.list_classes(db):
            classes.addItem(school_class.name, school_class.id)
        subjects.addItems(school.list_subjects(db))
        for teacher in school.list_teachers(db):
            teachers.addItem(teacher["name"], teacher["id"])
        form.addRow(self.tr("班级"), classes)
        form.addRow(self.tr("学科"), subjects)
        form.addRow(self.tr("教师"), teachers)
        buttons = ok_cancel(dialog)
        form.addRow(buttons)
        if (
            dialog.exec() != QDialog.DialogCode.Accepted
            or not classes.currentData()
            or not teachers.currentData()
        ):
            return
        try:
            record_id = school.assign_teaching(
                db, self.context.actor, teachers.currentData(), classes.currentData(), subjects.currentText()
            )
        except UserError as error:
            self.context.show_error(error, self)
            return
        changes = Changes()
        changes.add("teaching", record_id)
        self.context.notify(changes, None)

    # ------------------------------------------------------------ 学生
    def _students_tab(self) -> QWidget:
        db, actor = self.context.db, self.context.actor
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("班级")))
        self.student_class = QComboBox()
        row.addWidget(self.student_class)
        row.addStretch(1)
        self.import_button = QPushButton(self.tr("导入名册…"))
        self.import_button.setToolTip(
            self.tr(
                "从 Excel (xlsx) 或 CSV 导入，表头至少包括 班级、姓名、性别、学籍号（学籍号列请设为文本）；学号（班内学号）可选"
            )
        )
        self.import_button.clicked.connect(lambda: self.import_roster())
        row.addWidget(self.import_button)
        layout.addLayout(row)

        def current_class_id() -> str | None:
            return self.student_class.currentData()

        self.students = self._section(
            self.tr("学生"),
            [
                Column(self.tr("姓名"), _key("name"), _set("name")),
                Column(self.tr("学号"), _key("seat_no"), _set("seat_no"), width=60),
                Column(self.tr("学籍号"), _key("student_no"), _set("student_no"), width=170),
                Column(
                    self.tr("性别"), _key("sex"), _set("sex"), Editor.CHOICE, choices=["男", "女"], width=70
                ),
                Column(self.tr("出生日期"), _key("birth_date"), _set("birth_date"), Editor.DATE, width=120),
            ],
            load=lambda: school.list_students(db, current_class_id()) if current_class_id() else [],
            save=lambda row: _save_student(
                db, actor, {**row, "class_id": row.get("class_id") or current_class_id()}
            ),
            delete=lambda row: school.delete_student(db, actor, row["id"]),
            required=("name",),
            describe=lambda row: row["name"],
        )
        self.move_button = QPushButton(self.tr("学籍变动…"))
        self.move_button.setToolTip(self.tr("转班或转出，带日期：班级的统计从该日起按新的名单计算"))
        self.move_button.setVisible(actor.is_school_wide and not actor.read_only)
        self.move_button.clicked.connect(self.move_student)
        self.students.extra.insertWidget(2, self.move_button)
        layout.addWidget(self.students, 1)
        self.student_class.currentIndexChanged.connect(lambda _i: self.students.reload())
        return tab

    def _fill_class_combo(self) -> None:
        selected = self.student_class.currentData()
        self.student_class.blockSignals(True)
        self.student_class.clear()
        for school_class in school.list_classes(self.context.db):
            self.student_class.addItem(school_class.name, school_class.id)
        index = self.student_class.findData(selected)
        self.student_class.setCurrentIndex(max(index, 0))
        self.student_class.blockSignals(False)

    def import_roster(self, path: Path | None = None, defaults: dict[str, str] | None = None) -> None:
        """File dialog → preview off the GUI thread → preview dialog → commit off the GUI thread."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("选择学生名册"), "", self.tr("名册 (*.xlsx *.xls *.csv);;所有文件 (*)")
            )
            if not chosen:
                return
            path = Path(chosen)
        db = self.context.db
        self.context.run_task(
            lambda _task: roster.preview_roster(db, path, defaults=defaults),
            title=self.tr("正在检查名册……"),
            on_done=lambda preview: self._roster_checked(preview, path, defaults),
            parent=self,
        )

    def _roster_checked(
        self, preview: tabular.Preview, path: Path, defaults: dict[str, str] | None = None
    ) -> None:
        confirmed = None if defaults else confirm_suggestions(self, self.tr("导入名册"), path, preview)
        if confirmed:
            self.import_roster(path, confirmed)
            return
        changes: list[roster.RosterChange] = list(getattr(preview, "changes", []))
        absent = [c for c in changes if c.kind == roster.ABSENT]
        details = self.tr(
            "新增 {new} 名，修改 {changed} 名（其中移班 {moved} 名、改名 {renamed} 名），不变 {unchanged} 名；"
            "文件未列出的本班学生 {absent} 名（保留不动）。"
        ).format(
            new=preview.counts.get("new", 0),
            changed=preview.counts.get("changed", 0),
            moved=sum(c.moved for c in changes),
            renamed=sum(c.renamed for c in changes),
            unchanged=preview.counts.get("unchanged", 0),
            absent=len(absent),
        )
        dialog = ImportPreviewDialog(
            preview, self.tr("导入名册"), self, details=details, left_out=[c.describe() for c in absent]
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or not preview.ok:
            return
        db, actor = self.context.db, self.context.actor
        self.context.operation(
            lambda _task: roster.commit_roster(db, actor, preview),
            title=self.tr("正在导入名册……"),
            cancellable=False,
            parent=self,
        )

    # ------------------------------------------------------------ 偏好设置 / 学校设置
    def _preferences_tab(self) -> QWidget:
        from ui import language

        tab = QWidget()
        layout = QVBoxLayout(tab)
        school_box = QGroupBox(self.tr("学校设置（管理员、校长可改，全校适用）"))
        form = QFormLayout(school_box)
        self.junior_style = QComboBox()
        for value, example in (("年级", "七年级(1)班"), ("初", "初一(1)班")):
            self.junior_style.addItem(example, value)
        self.junior_style.activated.connect(
            lambda _i: self._set_school_option(school.JUNIOR_STYLE, self.junior_style.currentData())
        )
        self.wusi = QCheckBox(self.tr("五四制（六至九年级为初一至初四，体质测试上报年级编号 21–24）"))
        self.wusi.clicked.connect(lambda checked: self._set_school_option(store.WUSI, bool(checked)))
        can_set = self.context.actor.role in (ADMIN, PRINCIPAL)
        self.junior_style.setEnabled(can_set)
        self.wusi.setEnabled(can_set)
        form.addRow(self.tr("初中年级写法"), self.junior_style)
        form.addRow(self.tr("学制"), self.wusi)
        self.school_options_problem = QLabel()
        self.school_options_problem.setStyleSheet("color: #b00020;")
        self.school_options_problem.setWordWrap(True)
        form.addRow(self.school_options_problem)
        layout.addWidget(school_box)
        own_box = QGroupBox(self.tr("偏好设置（本机本用户）"))
        form = QFormLayout(own_box)
        self.ui_language = QComboBox()
        self.ui_language.addItem(self.tr("跟随系统"), None)
        for code, name in language.LANGUAGES.items():
            self.ui_language.addItem(name, code)
        self.ui_language.activated.connect(lambda _i: self._set_language(self.ui_language.currentData()))
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        form.addRow(self.tr("界面语言"), self.ui_language)
        form.addRow(self.language_note)
        layout.addWidget(own_box)
        layout.addStretch(1)
        self._show_options()
        return tab

    def _show_options(self) -> None:
        """The stored values; one that cannot be read is said in red, its control left unset."""
        from ui import language

        problems = []
        for control, option in ((self.junior_style, school.JUNIOR_STYLE), (self.wusi, store.WUSI)):
            try:
                value = option.get(self.context.db)
            except SettingError as error:
                problems.append(str(error))
                value = None
            if isinstance(control, QComboBox):
                control.setCurrentIndex(control.findData(value))
            else:
                control.setChecked(bool(value))
        self.school_options_problem.setText("\n".join(problems))
        self.school_options_problem.setVisible(bool(problems))
        try:
            chosen, problem = language.chosen(), ""
        except SettingError as error:
            chosen, problem = None, str(error)
        self.ui_language.setCurrentIndex(max(self.ui_language.findData(chosen), 0))
        note = self.tr("界面语言在下次启动本软件时生效。")
        if os.environ.get(language.LANG_ENV):
            note += self.tr("现在由环境变量 {name}={value} 决定，该变量优先于这里的选择。").format(
                name=language.LANG_ENV, value=os.environ[language.LANG_ENV]
            )
        self.language_note.setText(f"{problem}\n{note}" if problem else note)

    def _set_school_option(self, option: Option, value: Any) -> None:
        self.context.apply(
            lambda: settings.set_school_option(self.context.db, self.context.actor, option, value),
            self,
            shown=False,
        )
        self._show_options()  # the stored value, also when it was refused

    def _set_language(self, code: str | None) -> None:
        from ui import language

        try:
            settings.set_user_option(language.UI_LANGUAGE, code)
        except UserError as error:
            self.context.show_error(error, self)
        self._show_options()

    # ------------------------------------------------------------ 规则覆盖
    def _rules_tab(self) -> QWidget:
        db, actor = self.context.db, self.context.actor

        def load() -> list[dict]:
            today = self.context.today
            overrides = rules.editable_overrides(db, today)
            rows = []
            for rule in rules.base_rules():
                override = overrides.get((rule.id, rule.grade_from, rule.grade_to))
                start = override["effective_from"] if override else None
                rows.append(
                    {
                        "rule_id": rule.id,
                        "title": rule.title,
                        "grades": f"{rule.grade_from}–{rule.grade_to}",
                        "grade_from": rule.grade_from,
                        "grade_to": rule.grade_to,
                        "value": rule.shown(),
                        "source": rule.source,
                        "override": _shown_override(rule, _json(override["value"])) if override else "",
                        "note": override["note"] if override else "",
                        "effective_from": dt.date.fromisoformat(start) if start else today,
                        "override_id": override["id"] if override else None,
                    }
                )
            return rows

        def save(row: dict) -> Changes:
            return rules.edit_override(
                db,
                actor,
                row["rule_id"],
                row["grade_from"],
                row["grade_to"],
                value=row.get("override"),
                note=row.get("note") or "",
                effective_from=row.get("effective_from"),
                override_id=row["override_id"],
                today=self.context.today,
            )

        section = self._section(
            self.tr(
                "规则覆盖：填写“学校值”和“覆盖依据”后，学校的值自“起用日期”起代替规则文件的值（用到处会注明）；"
                "修改学校值即从今天起施行新值，此前各周仍按原值；清空学校值即从今天起恢复规定值"
            ),
            [
                Column(self.tr("规则"), _key("title"), editor=Editor.NONE),
                Column(self.tr("年级"), _key("grades"), editor=Editor.NONE, width=70),
                Column(self.tr("规定值"), _key("value"), editor=Editor.NONE, width=110),
                Column(self.tr("学校值"), _key("override"), _set("override"), width=90),
                Column(self.tr("覆盖依据"), _key("note"), _set("note")),
                Column(
                    self.tr("起用日期"),
                    _key("effective_from"),
                    _set("effective_from"),
                    Editor.DATE,
                    width=120,
                ),
                Column(self.tr("来源"), _key("source"), editor=Editor.NONE),
            ],
            load=load,
            save=save,
            addable=False,
        )
        section.model.row_status = lambda row: rules.Status.YELLOW if row.get("override_id") else None
        section.view.setWordWrap(False)
        original = section._commit

        def commit(index: int, old: dict, new: dict) -> dict | None:
            kept = original(index, old, new)
            if kept is None or not section.last_changes.tables:
                return kept
            section.reload()  # picks up the override's id and the marking
            return section.model.row(index)

        section.model.commit = commit
        return section

    # ------------------------------------------------------------ helpers
    def _section(self, title: str, columns: list[Column], **kwargs: Any) -> Section:
        writable = self.context.actor.is_school_wide
        if not writable:
            kwargs.update(save=None, delete=None, add=None)
        section = Section(self.context, title, columns, **kwargs)
        self.sections.append(section)
        return section

    @staticmethod
    def _stacked(*widgets: QWidget) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        for widget in widgets:
            layout.addWidget(widget, 1)
        return tab


def _fields(row: dict, *names: str) -> dict:
    values = {name: row.get(name) for name in names}
    if row.get("id"):
        values["id"] = row["id"]
    return values


def _save_student(db: Any, actor: Any, row: dict) -> Changes:
    values = _fields(row, "class_id", "name", "seat_no", "student_no", "sex", "birth_date")
    if values.get("birth_date") is not None:
        values["birth_date"] = str(values["birth_date"])
    changes = Changes()
    changes.add("students", roster.save_student(db, actor, values))
    return changes


def _json(text: str) -> Any:
    import json

    return json.loads(text)


def _shown_override(rule: rules.Rule, value: Any) -> str:
    """The school's value as typed in the 学校值 cell: 是/否, a choice's name, a number without its unit."""
    if isinstance(value, bool) or value in rule.choices:
        return rule.shown(value)
    return str(value)
