"""作业管理: the homework register of one class-day, saved cell by cell, with the day's status and week."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import class_names, school, timetable
from fivemgmt.areas import homework
from fivemgmt.areas.base import DayResult
from fivemgmt.calendar import DayKind, SchoolCalendar, monday_of
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.rules import Rulebook
from ui import tasks
from ui.models.homework import HomeworkModel
from ui.pages.base import AreaPage, DayStatus, PageContext
from ui.widgets.board_screen import BoardScreen
from ui.widgets.date_navigator import from_qdate, to_qdate
from ui.widgets.dialogs import ok_cancel, save_cancel
from ui.widgets.import_flow import run_import
from ui.widgets.record_table import RecordTableView

WEEKDAY_NAMES = [
    QT_TRANSLATE_NOOP("TimetableDialog", "星期一"),
    QT_TRANSLATE_NOOP("TimetableDialog", "星期二"),
    QT_TRANSLATE_NOOP("TimetableDialog", "星期三"),
    QT_TRANSLATE_NOOP("TimetableDialog", "星期四"),
    QT_TRANSLATE_NOOP("TimetableDialog", "星期五"),
    QT_TRANSLATE_NOOP("TimetableDialog", "星期六"),
    QT_TRANSLATE_NOOP("TimetableDialog", "星期日"),
]


class HomeworkPage(AreaPage):
    title = QT_TRANSLATE_NOOP("HomeworkPage", "作业管理")
    tables = frozenset({homework.ENTRIES, homework.DAYS, timetable.TABLE, "teaching", "subjects", "teachers"})
    area_key = "homework"
    week_tables = frozenset({homework.ENTRIES, homework.DAYS})

    def shows(self, changes: Changes) -> bool:
        """Also an entry of this class in another week of a rest period the shown week is judged with (a
        rest period is judged whole, in every week it spans)."""
        if super().shows(changes):
            return True
        class_id, monday = self.context.selection.class_id, monday_of(self.day())
        dates = [
            dt.date.fromisoformat(day[:10])
            for table, spot_class, day in changes.spots
            if table == homework.ENTRIES and spot_class in (None, class_id) and day is not None
        ]
        if not dates:
            return False
        calendar = SchoolCalendar.of(self.context.db)
        return any(monday in homework.weeks_judged_with(calendar, day) for day in dates)

    def __init__(self, context: PageContext) -> None:
        self.suggestions: dict[str, str] = {}
        self.teacher_names: list[str] = []
        self._reason: tuple[str, dt.date, str] | None = None  # (class id, day, 作业调整说明) given this visit
        self._future_confirmed: tuple[str | None, dt.date] | None = None  # a future day the teacher meant
        self._usual: list[str] = []  # without a timetable: the class's usual subjects, offered
        super().__init__(context)

    def page_title(self) -> str:
        return self.tr("作业管理")

    # ------------------------------------------------------------ widgets
    def build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加一行"))
        self.delete_button = QPushButton(self.tr("删除所选行"))
        self.copy_button = QPushButton(self.tr("复制上次的作业"))
        self.copy_button.setToolTip(self.tr("复制本班最近一次登记的作业（跳过周末、假期和“今日无作业”）"))
        self.copy_day_button = QPushButton(self.tr("从某天复制…"))
        self.none_button = QPushButton(self.tr("今日无作业"))
        self.board_button = QPushButton(self.tr("全屏公示"))
        self.board_button.setToolTip(
            self.tr("在教室屏幕或学校显示屏上全屏显示本班（或整个年级）当天的作业，随登记更新")
        )
        self.unlogged_button = QPushButton(self.tr("未登记班级…"))
        # a register, a teacher's own log or a 作业公示 week sheet (see homework.preview_import)
        self.import_button = QPushButton(self.tr("导入…"))
        self.import_button.setToolTip(
            self.tr("导入作业登记表、教师作业记录或一周的作业公示表（xlsx/xls/csv）")
        )
        self.unlogged_button.setVisible(self.context.actor.is_school_wide)
        self.timetable_button = QPushButton(self.tr("课表…"))
        self.timetable_button.setToolTip(self.tr("本班每天上哪些学科：登记作业时按当天课表列出学科"))
        for button in (
            self.add_button,
            self.delete_button,
            self.copy_button,
            self.copy_day_button,
            self.none_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.timetable_button)
        buttons.addWidget(self.board_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.unlogged_button)
        layout.addLayout(buttons)
        plan_row = QHBoxLayout()
        self.plan_label = QLabel()  # where the listed subjects come from, or that the class has no timetable
        self.plan_label.setWordWrap(True)
        self.plan_button = QPushButton(self.tr("列出常用学科"))
        plan_row.addWidget(self.plan_label, 1)
        plan_row.addWidget(self.plan_button)
        layout.addLayout(plan_row)
        self.model = HomeworkModel(
            lambda: list(self.suggestions), lambda: self.teacher_names, commit=self._commit
        )
        self.model.edit_rejected.connect(lambda message: self.context.show_error(message, self))
        self.table = RecordTableView()
        self.table.setModel(self.model)
        # Tab goes 学科 → 内容 → 分钟: the kind and 必做 are usually the defaults and come after.
        header = self.table.horizontalHeader()
        header.moveSection(
            header.visualIndex(HomeworkModel.MINUTES), header.visualIndex(HomeworkModel.CONTENT) + 1
        )
        layout.addWidget(self.table, 1)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555555;")
        layout.addWidget(self.hint)
        self.reading = QLabel()  # how the caps are read: the average's window, rest periods as one total
        self.reading.setWordWrap(True)
        self.reading.setStyleSheet("color: #555555;")
        layout.addWidget(self.reading)

        self.add_button.clicked.connect(self.add_row)
        self.delete_button.clicked.connect(lambda: self.delete_row(self.table.currentIndex().row()))
        self.copy_button.clicked.connect(self.copy_previous_day)
        self.copy_day_button.clicked.connect(self.copy_from_day)
        self.none_button.clicked.connect(self.mark_no_homework)
        self.unlogged_button.clicked.connect(self.show_unlogged_classes)
        self.board_button.clicked.connect(self.show_board)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.timetable_button.clicked.connect(self.edit_timetable)
        self.plan_button.clicked.connect(self.list_usual_subjects)
        self.table.delegate.editing.connect(self.preview_edit)
        self.table.add_row_requested.connect(self.add_row)
        self.table.delete_requested.connect(self.delete_row)
        QShortcut(
            QKeySequence("Ctrl+N"), self, self.add_row, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        return content

    # ------------------------------------------------------------ loading
    def load(self) -> None:
        school_class = self.school_class()
        if school_class is None:
            self.suggestions, self.teacher_names = {}, []
            self.model.set_rows([])
            self._enable(False)
            return
        db = self.context.db
        self.suggestions = homework.subject_suggestions(db, school_class)
        self.teacher_names = sorted(
            {*filter(None, self.suggestions.values()), *(t["name"] for t in school.list_teachers(db))}
        )
        self.model.set_rows(homework.entries_between(db, school_class.id, self.day(), self.day()))
        actor = self.context.actor
        # Subject teachers may log their subjects; the core checks each entry's subject.
        self._enable(
            actor.is_school_wide or school_class.id in actor.classes, actor.can_write_class(school_class.id)
        )
        self.timetable_button.setEnabled(actor.can_write_class(school_class.id))
        self._plan(school_class)
        hint = self.tr("Enter：下一行（最后一行时新增一行）· Tab：下一格 · Del：删除行 · 每次修改立即保存")
        if self.day() < self.context.today:
            hint += self.tr(" · 修改过去的日期需填写作业调整说明")
        self.hint.setText(self.context.edit_hint(hint))
        reading = homework.average_reading(Rulebook(db), school_class.grade, self.day())
        self.reading.setText(
            self.tr(
                "判定说明：{reading}。周末、节假日、寒暑假按整个休息期合计判定，由休息期最后一天所在的周计入；"
                "勾选“周末/假期作业”的作业计入其后的休息期。"
            ).format(reading=reading)
        )

    def _plan(self, school_class: school.SchoolClass) -> None:
        """List the day's subjects from the class's timetable (those not logged yet) for the teacher to fill
        in; without a timetable say so and offer the class's usual subjects."""
        db, day = self.context.db, self.day()
        self.plan_button.setVisible(False)
        self._usual = []
        plan = timetable.day_plan(db, school_class, day)
        state = homework.class_day(db, school_class, day, self.context.today).state
        if (
            not self.add_button.isEnabled()
            or state is homework.DayState.NONE
            or not (plan.subjects or plan.note)
        ):
            self.plan_label.setText("")
            return
        weekday = QCoreApplication.translate(
            "TimetableDialog", WEEKDAY_NAMES[SchoolCalendar(db).timetable_weekday(day)]
        )
        if plan.from_timetable and plan.subjects:
            self.plan_label.setText(
                self.tr("按课表列出{weekday}的学科：填写内容和时长即保存，不填的不保存。").format(
                    weekday=weekday
                )
            )
            self._add_planned(school_class, plan.subjects)
        elif plan.from_timetable:
            self.plan_label.setText(self.tr("本班课表{weekday}没有课。").format(weekday=weekday))
        elif plan.subjects:
            self._usual = plan.subjects
            self.plan_label.setText(
                self.tr("本班还没有课表（可点“课表…”设置），可先列出本班常用的学科：{subjects}").format(
                    subjects="、".join(plan.subjects)
                )
            )
            self.plan_button.setVisible(True)
        else:
            self.plan_label.setText(self.tr("本班还没有课表，也没有任课学科：请先点“课表…”设置。"))

    def _add_planned(self, school_class: school.SchoolClass, subjects: list[str]) -> None:
        logged = {e.subject for e in self.model.rows}
        actor = self.context.actor
        wanted = [
            (s, self.suggestions.get(s, ""))
            for s in subjects
            if s not in logged and actor.can_write_class(school_class.id, s)
        ]
        if not wanted:
            return
        first = self.model.rowCount()
        self.model.add_planned(school_class.id, self.day(), wanted)
        self.table.setCurrentIndex(self.model.index(first, HomeworkModel.CONTENT))

    def list_usual_subjects(self) -> None:
        """列出常用学科: without a timetable, the class's usual subjects as rows to fill in."""
        school_class = self.school_class()
        if school_class is not None and self._usual:
            self._add_planned(school_class, self._usual)
            self.plan_button.setVisible(False)

    def edit_timetable(self) -> TimetableDialog | None:
        school_class = self.school_class()
        if school_class is None:
            return None
        dialog = TimetableDialog(self.context, school_class, self)
        dialog.saved.connect(lambda changes: self.context.notify(changes))  # this page reloads too
        dialog.open()
        self.timetable_dialog = dialog  # tests fill it in
        return dialog

    def _enable(self, entries: bool, whole_day: bool = False) -> None:
        for button in (self.add_button, self.delete_button):
            button.setEnabled(entries)
        for button in (self.copy_button, self.copy_day_button, self.none_button):
            button.setEnabled(whole_day)
        self.table.set_read_only(not entries)

    def preview_edit(self, row: int, column: int, value: Any) -> None:
        """The status strip while a teacher is still typing minutes (or changing kind): nothing saved yet."""
        school_class = self.school_class()
        if school_class is None or not 0 <= row < len(self.model.rows):
            return
        entries = [copy.copy(e) for e in self.model.rows]
        try:
            self.model.columns[column].set(entries[row], self.model.columns[column].parse(value))
        except (ValueError, TypeError):
            return
        typed = [e for e in entries if not HomeworkModel.is_blank(e)]
        day = homework.class_day(self.context.db, school_class, self.day(), self.context.today, unsaved=typed)
        status = self._status_of(day)
        self.status_strip.set_status(
            status.verdict.status, status.verdict.reason, status.verdict.source, status.detail
        )

    def day_status(self) -> DayStatus:
        return self._status_of(
            homework.class_day(self.context.db, self.school_class(), self.day(), self.context.today)
        )

    def status_and_week(self, monday: dt.date) -> tuple[DayStatus, list[DayResult]]:
        """After every save: the day's status and its week strip (the week of ``monday``, the day's), kept
        by the core and caught up with the rows the save wrote (homework.status_and_week)."""
        day, week = homework.status_and_week(
            self.context.db, self.school_class(), self.day(), self.context.today
        )
        return self._status_of(day), week

    def _status_of(self, day: homework.HomeworkDay) -> DayStatus:
        if not day.logged:
            return DayStatus(day.verdict)
        detail = self.tr("计入上限 {counted} 分钟 · 全部作业 {total} 分钟 · {count} 条").format(
            counted=day.counted_minutes, total=day.total_minutes, count=len(day.entries)
        )
        if day.state is homework.DayState.NONE and not day.entries:
            detail = day.state.label
        return DayStatus(day.verdict, detail)

    def day_text(self, day: DayResult) -> str:
        if day.logged:
            return self.tr("{state} {minutes}分").format(
                state=day.figures.state_label, minutes=day.figures.counted_minutes
            )
        return day.figures.state_label

    def selection_changing(self) -> None:
        self._reason = None

    # ------------------------------------------------------------ saving
    def with_reason(self, operation: Callable[[str | None], Changes]) -> Changes | None:
        """Run a core operation; for a past day ask once for the 作业调整说明 and retry. None: not done."""
        school_class = self.school_class()
        key = (school_class.id if school_class else "", self.day())
        if not self.confirm_future_day():
            return None
        reason = self._reason[2] if self._reason and self._reason[:2] == key else None
        try:
            try:
                return operation(reason)
            except homework.ReasonRequired as error:
                text, ok = QInputDialog.getText(
                    self,
                    self.tr("作业调整说明"),
                    f"{error}\n" + self.tr("请填写调整原因（将记入修改记录）："),
                )
                if not ok or not text.strip():
                    return None
                self._reason = (*key, text.strip())
                return operation(text.strip())
        except UserError as error:
            self.context.show_error(error, self)
            return None

    def confirm_future_day(self) -> bool:
        """Homework for a day that has not come yet is asked about once per class and day."""
        day = self.day()
        if day <= self.context.today or self._future_confirmed == (self.context.selection.class_id, day):
            return True
        answer = QMessageBox.question(
            self,
            self.tr("登记将来的日子"),
            self.tr("{day} 还没有到（今天是 {today}）。确定要为这一天登记作业吗？").format(
                day=day.isoformat(), today=self.context.today.isoformat()
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self._future_confirmed = (self.context.selection.class_id, day)
        return True

    def _commit(self, _row: int, old: homework.Entry, new: homework.Entry) -> homework.Entry | None:
        if HomeworkModel.is_blank(new) and new.planned:
            return new  # a subject listed from the timetable: saved once its content or minutes are typed
        if not new.subject.strip():
            if new.id:
                self.context.show_error(self.tr("学科不能为空；要删除这一行请按 Del。"), self)
                return None
            return new  # a draft row: saved once it has a subject
        if new.subject != old.subject and not new.teacher_name:
            new.teacher_name = self.suggestions.get(new.subject, "")
        changes = self.with_reason(
            lambda reason: homework.save_entry(
                self.context.db, self.context.actor, new, reason=reason, today=self.context.today
            )
        )
        if changes is None:
            return None
        new.planned = False
        self.context.notify(changes, self)
        return new

    def add_row(self) -> None:
        school_class = self.school_class()
        if school_class is None or not self.add_button.isEnabled():
            return
        rows = self.model.rows
        if rows and self.model.is_blank(rows[-1]) and not rows[-1].planned:
            self.table.edit_cell(len(rows) - 1, HomeworkModel.SUBJECT)
            return
        row = self.model.add_draft(school_class.id, self.day())
        self.table.edit_cell(row, HomeworkModel.SUBJECT)

    def delete_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount() or not self.delete_button.isEnabled():
            return
        entry = self.model.row(row)
        if entry.id:
            changes = self.with_reason(
                lambda reason: homework.delete_entry(
                    self.context.db, self.context.actor, entry.id, reason=reason, today=self.context.today
                )
            )
            if changes is None:
                return
            self.model.remove_row(row)
            self.context.notify(changes, self)
        else:
            self.model.remove_row(row)

    def mark_no_homework(self) -> None:
        school_class = self.school_class()
        if school_class is None:
            return
        for row in reversed(range(self.model.rowCount())):
            if self.model.row(row).id is None:
                self.model.remove_row(row)  # unsaved drafts go with "no homework"
        self._run(
            lambda reason: homework.set_no_homework(
                self.context.db,
                self.context.actor,
                school_class.id,
                self.day(),
                reason=reason,
                today=self.context.today,
            )
        )

    def copy_previous_day(self) -> None:
        """Copy the entries of the class's last day with homework (not merely the previous school day)."""
        school_class = self.school_class()
        if school_class is None:
            return
        source = homework.last_day_with_entries(self.context.db, school_class.id, self.day())
        if source is None:
            tasks.show_notice(
                self,
                self.tr("{day} 之前这个班级还没有登记过作业，没有可复制的内容。").format(
                    day=self.day().isoformat()
                ),
            )
            return
        self.copy_from(source)

    def copy_from_day(self) -> None:
        """Copy the entries of a day the teacher picks (e.g. the same weekday last week)."""
        school_class = self.school_class()
        if school_class is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("从某天复制作业"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("把哪一天的作业复制到 {day}？").format(day=self.day().isoformat())))
        picker = QDateEdit(to_qdate(self.day() - dt.timedelta(days=7)), calendarPopup=True)
        picker.setDisplayFormat("yyyy-MM-dd")
        layout.addWidget(picker)
        buttons = ok_cancel(dialog)
        layout.addWidget(buttons)
        self.copy_dialog = dialog  # tests pick the day and accept it
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.copy_from(from_qdate(picker.date()))

    def copy_from(self, source: dt.date) -> None:
        school_class = self.school_class()
        if school_class is None:
            return
        if not homework.entries_between(self.context.db, school_class.id, source, source):
            tasks.show_notice(
                self, self.tr("{day} 没有登记作业，没有可复制的内容。").format(day=source.isoformat())
            )
            return
        existing = len(self.model.saved_entries())
        if existing:
            answer = QMessageBox.question(
                self,
                self.tr("复制作业"),
                self.tr("当天已有 {count} 条作业，仍要把 {day} 的作业复制过来吗？").format(
                    count=existing, day=source.isoformat()
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(
            lambda reason: homework.copy_day(
                self.context.db,
                self.context.actor,
                school_class.id,
                source,
                self.day(),
                reason=reason,
                today=self.context.today,
            )
        )

    def _run(self, operation: Callable[[str | None], Changes]) -> None:
        changes = self.with_reason(operation)
        if changes is not None:
            self.context.notify(changes)  # every page that shows it reloads, this one too

    def show_board(self) -> None:
        """Full-screen 作业公示 of this class, or of its whole grade when the principal asks for it."""
        school_class = self.school_class()
        if school_class is None:
            return
        grade = None
        if self.context.actor.is_school_wide:
            choice, ok = QInputDialog.getItem(
                self,
                self.tr("全屏公示"),
                self.tr("公示范围："),
                [
                    school_class.name,
                    self.tr("整个{grade}").format(grade=class_names.grade_name(school_class.grade)),
                ],
                0,
                False,
            )
            if not ok:
                return
            grade = None if choice == school_class.name else school_class.grade
        self.board = BoardScreen(self.context, self.day(), school_class.id, grade)
        self.board.showFullScreen()

    def import_file(self, path: Path | None = None) -> None:
        today = self.context.today
        run_import(
            self,
            self.tr("导入作业"),
            lambda db, path, **kwargs: homework.preview_import(db, path, today=today, **kwargs),
            self._commit_import,
            path,
        )

    def _commit_import(self, db: Any, actor: Any, preview: homework.HomeworkPreview) -> Changes:
        """Write the file as typed entries are written: rows of past days (the preview marks them) need one
        作业调整说明 for the import, asked here."""
        reason = None
        if preview.needs_reason:
            text, ok = QInputDialog.getText(
                self,
                self.tr("作业调整说明"),
                self.tr(
                    "文件中有 {rows} 行是已经过去的日子（预览中已标出），导入需要一条作业调整说明。\n"
                    "请填写调整原因（将记入这些行的修改记录）："
                ).format(rows=len(preview.needs_reason)),
            )
            if not ok or not text.strip():
                raise UserError(self.tr("没有填写作业调整说明，未导入任何数据。"))
            reason = text.strip()
        return homework.commit_import(db, actor, preview, reason=reason, today=self.context.today)

    def show_unlogged_classes(self) -> None:
        UnloggedClassesDialog(self.context, self.day(), self).exec()


class UnloggedClassesDialog(QDialog):
    """The principal's list: classes that have not logged homework on the school days of a period, with the
    days each missed and its 班主任 (this week up to today by default)."""

    def __init__(self, context: PageContext, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("未登记作业的班级"))
        self.resize(560, 480)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        monday = day - dt.timedelta(days=day.weekday())
        self.from_edit = QDateEdit(to_qdate(monday), calendarPopup=True)
        self.to_edit = QDateEdit(to_qdate(min(day + dt.timedelta(days=6 - day.weekday()), context.today)))
        self.to_edit.setCalendarPopup(True)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(to_qdate(context.today))  # a future day cannot have been missed yet
        self.this_week_button = QPushButton(self.tr("本周"))
        row.addWidget(QLabel(self.tr("从")))
        row.addWidget(self.from_edit)
        row.addWidget(QLabel(self.tr("到")))
        row.addWidget(self.to_edit)
        row.addWidget(self.this_week_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel(self.tr("双击班级打开其第一个未登记日的作业登记。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.from_edit.dateChanged.connect(lambda _d: self.refresh())
        self.to_edit.dateChanged.connect(lambda _d: self.refresh())
        self.this_week_button.clicked.connect(self.show_this_week)
        self.list.itemActivated.connect(self._open)
        self.refresh()

    def period(self) -> tuple[dt.date, dt.date]:
        return from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())

    def set_period(self, start: dt.date, end: dt.date) -> None:
        for edit, day in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        self.refresh()

    def show_this_week(self) -> None:
        today = self.context.today
        self.set_period(today - dt.timedelta(days=today.weekday()), today)

    def refresh(self) -> None:
        self.list.clear()
        start, end = self.period()
        span = start.isoformat() if start == end else f"{start.isoformat()} — {end.isoformat()}"
        if start > end:
            self.summary.setText(self.tr("起始日期晚于结束日期。"))
            return
        missing = homework.unlogged_days(self.context.db, start, end)
        today = self.context.today
        for log in missing:
            days = "、".join(
                f"{d.month}-{d.day:02d}" + (self.tr("（今天）") if d == today else "") for d in log.days
            )
            item = QListWidgetItem(
                self.tr("{name}　班主任 {teacher}　缺 {count} 天：{days}").format(
                    name=log.school_class.name,
                    teacher=log.head_teacher or self.tr("未设置"),
                    count=len(log.days),
                    days=days,
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, (log.school_class.id, log.days[0]))
            self.list.addItem(item)
        calendar = SchoolCalendar(self.context.db)
        if start == end and calendar.kind(start) is not DayKind.SCHOOL:
            self.summary.setText(
                self.tr("{day} 是{kind}，不需要登记作业。").format(day=span, kind=calendar.day_name(start))
            )
        elif missing:
            self.summary.setText(
                self.tr("{span} 共 {count} 个班级有未登记作业的上课日：").format(
                    span=span, count=len(missing)
                )
            )
        else:
            self.summary.setText(self.tr("{span} 所有班级每个上课日都已登记作业。").format(span=span))

    def class_ids(self) -> list[Any]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)[0] for i in range(self.list.count())]

    def _open(self, item: QListWidgetItem) -> None:
        class_id, day = item.data(Qt.ItemDataRole.UserRole)
        self.context.open("homework", class_id, day)
        self.accept()


class TimetableDialog(QDialog):
    """课表: the class's subjects for each school weekday, typed as 语文、数学、英语…"""

    saved = Signal(object)  # Changes

    def __init__(self, context: PageContext, school_class: school.SchoolClass, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.school_class = context, school_class
        self.setWindowTitle(self.tr("课表") + f" · {school_class.name}")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("每天的学科按上课顺序填写，用顿号或空格隔开（如：语文、数学、英语、体育）。"))
        )
        form = QFormLayout()
        current = timetable.timetable(context.db, school_class.id)
        self.days: dict[int, QLineEdit] = {}
        for weekday in range(5):
            edit = QLineEdit("、".join(current.get(weekday, [])))
            self.days[weekday] = edit
            form.addRow(QCoreApplication.translate("TimetableDialog", WEEKDAY_NAMES[weekday]), edit)
        layout.addLayout(form)
        self.buttons = save_cancel(self, self.save)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        days = {weekday: timetable.split_subjects(edit.text()) for weekday, edit in self.days.items()}
        try:
            changes = timetable.set_timetable(self.context.db, self.context.actor, self.school_class.id, days)
        except UserError as error:
            self.context.show_error(error, self)
            return
        self.saved.emit(changes)
        self.accept()
