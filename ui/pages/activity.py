"""体质(活动): daily PE, 大课间, in-school activity and eye exercises of one class, a week at a time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import school
from fivemgmt.areas import activity
from fivemgmt.areas.base import DayResult, WeekContext
from fivemgmt.calendar import DayKind, SchoolCalendar, weekday_name_at
from fivemgmt.rules import Rulebook, Status, Verdict
from ui.models.activity import ActivityModel, ActivityRow
from ui.pages.base import DayRegisterPage, DayStatus
from ui.widgets.date_navigator import from_qdate, to_qdate
from ui.widgets.dialogs import ok_cancel
from ui.widgets.import_flow import run_import
from ui.widgets.record_table import RecordTableView


class ActivityPage(DayRegisterPage):
    title = QT_TRANSLATE_NOOP("ActivityPage", "体质(活动)")
    tables = frozenset({activity.DAYS, activity.TIMETABLE, activity.SCREENINGS, "subjects"})
    area_key = "activity"
    week_tables = frozenset({activity.DAYS})  # screenings count per term

    def page_title(self) -> str:
        return self.tr("体育活动与用眼")

    # ------------------------------------------------------------ widgets
    def build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.fill_button = QPushButton(self.tr("本周未登记日按课表填写"))
        self.fill_button.setToolTip(self.tr("体育课按课表、大课间 30 分钟、眼保健操 2 次；有例外再改"))
        self.delete_button = QPushButton(self.tr("删除所选日记录"))
        self.timetable_button = QPushButton(self.tr("体育课表…"))
        self.timetable_button.setVisible(self.context.actor.is_school_wide)
        self.vision_button = QPushButton(self.tr("视力监测…"))
        self.delete_screening_button = QPushButton(self.tr("删除视力监测…"))
        self.delete_screening_button.setToolTip(self.tr("删除本学期登记错的一次视力监测；删除记入审计记录"))
        self.import_button = QPushButton(self.tr("导入…"))
        for button in (self.fill_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (
            self.timetable_button,
            self.vision_button,
            self.delete_screening_button,
            self.import_button,
        ):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.model = ActivityModel(lambda: self.subjects, commit=self._commit)
        self.subjects: list[str] = []
        self.model.edit_rejected.connect(lambda message: self.context.show_error(message, self))
        self.table = RecordTableView()
        self.table.setModel(self.model)
        self.table.clicked.connect(self._row_clicked)
        layout.addWidget(self.table, 1)
        self.term_label = QLabel()
        self.term_label.setWordWrap(True)
        self.week_label = QLabel()
        self.week_label.setWordWrap(True)
        layout.addWidget(self.term_label)
        layout.addWidget(self.week_label)
        hint = QLabel(
            self.context.edit_hint(
                self.tr(
                    "Tab：下一格 · Enter：下一行 · 每次修改立即保存 · 校内活动时间含大课间和体育课 · "
                    "体育课不得被占用"
                )
            )
        )
        hint.setStyleSheet("color: #555555;")
        layout.addWidget(hint)
        self.fill_button.clicked.connect(self.fill_week)
        self.delete_button.clicked.connect(self.delete_selected)
        self.timetable_button.clicked.connect(self.edit_timetable)
        self.vision_button.clicked.connect(self.add_screening)
        self.delete_screening_button.clicked.connect(self.delete_screening)
        self.import_button.clicked.connect(lambda: self.import_file())
        return content

    # ------------------------------------------------------------ loading
    def _results(self, monday: dt.date | None = None) -> list[activity.RegisterDay]:
        return activity.class_week(
            self.context.db, self.school_class(), monday or self.monday(), self.context.today
        )

    def load(self) -> None:
        school_class = self.school_class()
        if school_class is None:
            self.model.set_rows([])
            self._enable(False)
            return
        self.subjects = [
            s for s in school.list_subjects(self.context.db, school_class.grade) if "体育" not in s
        ]
        rows = [
            ActivityRow.from_result(r)
            for r in self._results()
            if r.day_kind is DayKind.SCHOOL or r.record is not None
        ]
        self.model.set_rows(rows)
        self._enable(self.context.actor.can_write_class(school_class.id))
        current = self.model.row_for(self.day())
        if current is not None:
            self.table.setCurrentIndex(self.model.index(current, ActivityModel.PE_HELD))
        self._show_summary()

    def _enable(self, enabled: bool) -> None:
        for button in (
            self.fill_button,
            self.delete_button,
            self.vision_button,
            self.delete_screening_button,
        ):
            button.setEnabled(enabled)
        self.table.set_read_only(not enabled)

    def _show_summary(self) -> None:
        db, school_class = self.context.db, self.school_class()
        rules = Rulebook(db)
        calendar = SchoolCalendar(db)
        table = activity.timetable(db, school_class.id)
        timetable_verdict = activity.check_timetable(db, school_class, self.day(), rules)
        planned = "、".join(
            f"{weekday_name_at(w)}{n}节" if n > 1 else weekday_name_at(w)
            for w, n in sorted(table.items())
            if n
        ) or self.tr("未设置")
        as_of = min(self.day(), self.context.today)
        term = calendar.current_or_last_term(as_of)
        dates = "、".join(r["date"][5:] for r in activity.screenings(db, school_class.id, term)) or self.tr(
            "无"
        )
        _done, _required, vision = activity.check_vision(db, school_class, as_of, calendar, rules)
        self.term_label.setText(
            self.tr(
                "体育课表：{planned}（{tt_symbol} {tt_reason}）\n"
                "本学期视力监测：{dates}（{v_symbol} {v_reason}）"
            ).format(
                planned=planned,
                tt_symbol=timetable_verdict.status.symbol,
                tt_reason=timetable_verdict.reason,
                dates=dates,
                v_symbol=vision.status.symbol,
                v_reason=vision.reason,
            )
        )
        week = activity.week_summary(WeekContext.load(db, self.monday(), self.context.today), school_class)
        self.show_week(week, self.tr("本周：{symbol} {label}　{reason}"))

    def day_status(self) -> DayStatus:
        result = next((r for r in self._results() if r.date == self.day()), None)
        if result is None:
            return DayStatus(Verdict(Status.NA, ""))
        record = result.record
        if record is None:
            detail = self.tr("课表体育课 {n} 节").format(n=result.pe_planned) if result.pe_planned else ""
            return DayStatus(result.verdict, detail)
        detail = self.tr(
            "体育课 {held} 节 · 大课间 {brk} 分 · 校内活动 {act} 分 · 眼保健操 {eyes} 次"
        ).format(
            held=record.pe_held,
            brk=record.break_minutes,
            act=record.activity_minutes,
            eyes=record.eye_exercises,
        )
        return DayStatus(result.verdict, detail)

    def day_text(self, day: DayResult) -> str:
        figures = day.figures
        pe = self.tr("体育{n} ").format(n=figures.pe_held) if figures.pe_held or figures.pe_planned else ""
        if figures.pe_taken_over:
            pe = self.tr("体育被占 ")
        return pe + self.tr("{minutes}分").format(minutes=figures.activity_minutes)

    def refresh_status(self) -> None:
        super().refresh_status()
        if self.school_class() is not None:
            self._show_summary()

    # ------------------------------------------------------------ saving
    def _commit(self, _index: int, old: ActivityRow, new: ActivityRow) -> ActivityRow | None:
        school_class = self.school_class()
        if self.is_future(new.date, self.tr("{day} 还没到，不能登记。")):
            return None
        default = activity.default_day(self.context.db, school_class, new.date)
        if new.pe_taken_over and not old.pe_taken_over and new.pe_held == old.pe_held and new.pe_held:
            # Lessons taken over were not held: 1 of 1 taken over leaves 0 held.
            new.pe_held = max(0, new.pe_held - new.pe_taken_over)
        record = new.record(school_class.id, default)
        if record.activity_minutes < record.break_minutes and new.activity_minutes == old.activity_minutes:
            record.activity_minutes = record.break_minutes  # keep the total consistent with a longer 大课间
        if not self._save(lambda: activity.save_day(self.context.db, self.context.actor, record)):
            return None
        result = next(r for r in self._results() if r.date == new.date)
        return ActivityRow.from_result(result)

    def fill_week(self) -> None:
        self.fill_school_days(activity.fill_defaults, self.tr("本周还没有到的上课日。"))

    def delete_selected(self) -> None:
        self.delete_selected_day(activity.delete_day)

    def edit_timetable(self) -> None:
        school_class = self.school_class()
        if school_class is None:
            return
        dialog = TimetableDialog(
            school_class.name, activity.timetable(self.context.db, school_class.id), self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._save(
            lambda: activity.set_timetable(
                self.context.db, self.context.actor, school_class.id, dialog.lessons()
            ),
            shown=False,
        )

    def add_screening(self) -> None:
        school_class = self.school_class()
        if school_class is None:
            return
        size = len(school.list_students(self.context.db, school_class.id))
        dialog = ScreeningDialog(min(self.day(), self.context.today), size, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        day, screened = dialog.values()
        self._save(
            lambda: activity.add_screening(
                self.context.db, self.context.actor, school_class.id, day, screened, today=self.context.today
            ),
            shown=False,
        )

    def delete_screening(self) -> None:
        """删除视力监测…: one of the term's screenings, chosen from a list, after a confirmation naming it."""
        school_class = self.school_class()
        if school_class is None:
            return
        term = SchoolCalendar(self.context.db).current_or_last_term(min(self.day(), self.context.today))
        rows = activity.screenings(self.context.db, school_class.id, term)
        if not rows:
            self.context.show_error(self.tr("本学期没有视力监测记录。"), self)
            return
        names = [self.tr("{date} 监测 {n} 人").format(date=r["date"], n=r["screened"]) for r in rows]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("删除视力监测"), self.tr("要删除的视力监测记录："), names, 0, False
        )
        if not ok:
            return
        row = rows[names.index(chosen)]
        answer = QMessageBox.question(
            self,
            self.tr("删除视力监测"),
            self.tr("删除{name} {date} 的视力监测记录（{n} 人）吗？\n删除记入审计记录。").format(
                name=school_class.name, date=row["date"], n=row["screened"]
            ),
        )
        if answer == QMessageBox.StandardButton.Yes and self._save(
            lambda: activity.delete_screening(self.context.db, self.context.actor, row["id"])
        ):
            self.reload()

    def import_file(self, path: Path | None = None) -> None:
        run_import(
            self,
            self.tr("导入体育活动记录"),
            activity.preview_import,
            activity.commit_import,
            path,
        )


class TimetableDialog(QDialog):
    """The class's weekly PE timetable: lessons Monday to Friday."""

    def __init__(self, class_name: str, lessons: dict[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("{name} 体育课表").format(name=class_name))
        layout = QFormLayout(self)
        self.spins: list[QSpinBox] = []
        for weekday in range(5):
            spin = QSpinBox()
            spin.setRange(0, activity.MAX_LESSONS_PER_DAY)
            spin.setValue(lessons.get(weekday, 0))
            spin.setSuffix(self.tr(" 节"))
            self.spins.append(spin)
            layout.addRow(weekday_name_at(weekday), spin)
        self.total = QLabel()
        layout.addRow(self.tr("每周合计"), self.total)
        buttons = ok_cancel(self)
        layout.addRow(buttons)
        for spin in self.spins:
            spin.valueChanged.connect(self._update_total)
        self._update_total()

    def _update_total(self) -> None:
        self.total.setText(self.tr("{n} 节").format(n=sum(s.value() for s in self.spins)))

    def lessons(self) -> dict[int, int]:
        return {weekday: spin.value() for weekday, spin in enumerate(self.spins)}


class ScreeningDialog(QDialog):
    """A vision screening of the class: date and number of students screened."""

    def __init__(self, day: dt.date, class_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记视力监测"))
        layout = QFormLayout(self)
        self.date_edit = QDateEdit(to_qdate(day), calendarPopup=True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.count = QSpinBox()
        self.count.setRange(0, 300)
        self.count.setValue(class_size)
        layout.addRow(self.tr("监测日期"), self.date_edit)
        layout.addRow(self.tr("监测人数"), self.count)
        layout.addRow(QLabel(self.tr("每学期不少于 2 次视力监测。")))
        buttons = ok_cancel(self)
        layout.addRow(buttons)

    def values(self) -> tuple[dt.date, int]:
        return from_qdate(self.date_edit.date()), self.count.value()
