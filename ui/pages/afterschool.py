"""课后服务: the after-school register of one class, a week at a time, saved cell by cell."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTime
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import parsers
from fivemgmt.areas import afterschool
from fivemgmt.areas.base import DayResult
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.rules import Rulebook, Status, Verdict
from ui.models.afterschool import AfterschoolModel, ServiceRow
from ui.pages.base import DayRegisterPage, DayStatus, PageContext
from ui.widgets.import_flow import run_import
from ui.widgets.record_table import RecordTableView


class AfterschoolPage(DayRegisterPage):
    title = QT_TRANSLATE_NOOP("AfterschoolPage", "课后服务")
    tables = frozenset({afterschool.DAYS, "students"})
    area_key = "afterschool"
    week_tables = frozenset({afterschool.DAYS})

    def page_title(self) -> str:
        return self.tr("课后服务")

    # ------------------------------------------------------------ widgets
    def build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.fill_button = QPushButton(self.tr("本周未登记日按默认填写"))
        self.fill_button.setToolTip(
            self.tr("按本班上一次的时长、结束时间和人数（或 120 分钟、当地下班时间）填写")
        )
        self.not_held_button = QPushButton(self.tr("所选日未开展"))
        self.delete_button = QPushButton(self.tr("删除所选日记录"))
        self.import_button = QPushButton(self.tr("导入…"))
        self.end_button = QPushButton(self.tr("当地下班时间…"))
        self.end_button.setVisible(self.context.actor.is_school_wide)
        for button in (self.fill_button, self.not_held_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.end_button)
        layout.addLayout(buttons)
        self.model = AfterschoolModel(commit=self._commit)
        self.model.edit_rejected.connect(lambda message: self.context.show_error(message, self))
        self.table = RecordTableView()
        self.table.setModel(self.model)
        self.table.clicked.connect(self._row_clicked)
        layout.addWidget(self.table, 1)
        self.week_label = QLabel()
        self.week_label.setWordWrap(True)
        layout.addWidget(self.week_label)
        self.hint = QLabel(
            self.context.edit_hint(
                self.tr(
                    "空格：勾选是否开展 · Tab：下一格 · Enter：下一行 · 每次修改立即保存 · "
                    "要求每周 5 天、每天不少于 2 小时、结束不早于当地下班时间（仅义务教育阶段）"
                )
            )
        )
        self.hint.setStyleSheet("color: #555555;")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.fill_button.clicked.connect(self.fill_week)
        self.not_held_button.clicked.connect(self.mark_not_held)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.end_button.clicked.connect(self.set_end_of_work)
        return content

    # ------------------------------------------------------------ loading
    def _results(self) -> list[afterschool.RegisterDay]:
        return afterschool.class_week(self.context.db, self.school_class(), self.monday(), self.context.today)

    def load(self) -> None:
        school_class = self.school_class()
        if school_class is None:
            self.model.set_rows([])
            self._enable(False)
            return
        calendar = SchoolCalendar(self.context.db)
        rows = [
            ServiceRow.from_result(r, calendar.day_name(r.date))
            for r in self._results()
            if r.day_kind is DayKind.SCHOOL or r.record is not None
        ]
        self.model.set_rows(rows)
        applies = afterschool.applies(school_class.grade)
        self._enable(applies and self.context.actor.can_write_class(school_class.id))
        self.import_button.setEnabled(True)
        current = self.model.row_for(self.day())
        if current is not None:
            self.table.setCurrentIndex(self.model.index(current, AfterschoolModel.HELD))
        self._show_week()

    def _enable(self, enabled: bool) -> None:
        for button in (self.fill_button, self.not_held_button, self.delete_button):
            button.setEnabled(enabled)
        self.table.set_read_only(not enabled)

    def _show_week(self) -> None:
        from fivemgmt.areas.base import WeekContext

        week = afterschool.week_summary(
            WeekContext.load(self.context.db, self.monday(), self.context.today), self.school_class()
        )
        self.show_week(week, self.tr("本周：{symbol} {label}　{reason}"))

    def day_status(self) -> DayStatus:
        result = next((r for r in self._results() if r.date == self.day()), None)
        if result is None:
            return DayStatus(Verdict(Status.NA, ""))
        record = result.record
        if record is None or not afterschool.applies(self.school_class().grade):
            return DayStatus(result.verdict)
        if not record.held:
            return DayStatus(result.verdict, self.tr("未开展"))
        detail = self.tr("{minutes} 分钟 · {end} 结束 · {people} 人参加").format(
            minutes=record.minutes,
            end=record.end_time.strftime("%H:%M") if record.end_time else "—",
            people=record.participants if record.participants is not None else "—",
        )
        return DayStatus(result.verdict, detail)

    def day_text(self, day: DayResult) -> str:
        figures = day.figures
        if not figures.held:
            return self.tr("未开展")
        return f"{figures.minutes}分 {figures.end_time}" if figures.end_time else f"{figures.minutes}分"

    def refresh_status(self) -> None:
        super().refresh_status()
        if self.school_class() is not None:
            self._show_week()

    # ------------------------------------------------------------ saving
    def _commit(self, _index: int, old: ServiceRow, new: ServiceRow) -> ServiceRow | None:
        school_class = self.school_class()
        if self.is_future(new.date, self.tr("{day} 还没到，不能登记。")):
            return None
        if not old.logged or (new.held and not old.held):
            # A first entry on a day (or switching to 开展): the rest comes from the usual values.
            default = afterschool.default_day(self.context.db, school_class, new.date)
            new.held = new.held or not old.logged
            new.minutes = new.minutes if new.minutes is not None else default.minutes
            new.end_time = new.end_time or default.end_time
            new.participants = new.participants if new.participants is not None else default.participants
        record = new.record(school_class.id)
        if not self._save(lambda: afterschool.save_day(self.context.db, self.context.actor, record)):
            return None
        calendar = SchoolCalendar(self.context.db)
        result = next(r for r in self._results() if r.date == new.date)
        return ServiceRow.from_result(result, calendar.day_name(new.date))

    def fill_week(self) -> None:
        self.fill_school_days(afterschool.fill_defaults, self.tr("本周还没有到的上课日。"))

    def mark_not_held(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        record = afterschool.ServiceDay(self.school_class().id, row.date, False)
        self._save(lambda: afterschool.save_day(self.context.db, self.context.actor, record), shown=False)

    def delete_selected(self) -> None:
        self.delete_selected_day(afterschool.delete_day)

    def import_file(self, path: Path | None = None) -> None:
        run_import(
            self,
            self.tr("导入课后服务记录"),
            afterschool.preview_import,
            afterschool.commit_import,
            path,
        )

    def set_end_of_work(self) -> None:
        db = self.context.db
        school_class = self.school_class()
        grade = school_class.grade if school_class and afterschool.applies(school_class.grade) else 1
        current = afterschool.local_end_of_work(Rulebook(db), grade, self.context.today)
        text, ok = QInputDialog.getText(
            self,
            self.tr("当地下班时间"),
            self.tr("课后服务结束时间不得早于当地正常下班时间。\n请输入（如 17:30）："),
            text=QTime(current.hour, current.minute).toString("HH:mm"),
        )
        if not ok or not text.strip():
            return
        try:
            value = parsers.clock(text)
        except parsers.CellError as error:
            self.context.show_error(str(error), self)
            return
        self._save(lambda: afterschool.set_local_end_of_work(db, self.context.actor, value), shown=False)


__all__ = ["AfterschoolPage", "PageContext"]
