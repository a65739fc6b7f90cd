"""What every page gets (:class:`PageContext`) and the base of the area pages (:class:`AreaPage`).

A page class is constructed as ``PageClass(context)`` by ui/main_window.py. An area page (sleep, phone,
activity, …) subclasses :class:`AreaPage` and overrides a few methods::

    class SleepPage(AreaPage):
        tables = frozenset({"sleep_records"})          # reload when these tables change
        week_tables = frozenset()                      # … of them, only for the class and week shown

        def build_content(self) -> QWidget: ...        # the page's own widgets (a RecordTableView …)
        def load(self) -> None: ...                    # fill them for self.school_class() / self.day()
        def day_status(self) -> DayStatus: ...         # the status strip (a core Verdict)
        area_key = "sleep"                             # the week strip: the area's DayResults …
        def day_text(self, day: DayResult) -> str: ... # … and what a recorded day's cell reads

The top bar (class picker + date navigator + day kind) is shared through ``context.selection``: every
area page shows the same class and day. A write goes through ``self.context.apply(operation, self)``
(a quick one, inline) or ``self.context.operation(work, …)`` (one in the background, ui/tasks.py); the
``Changes`` it returns are announced to every page, and each page reloads only if it shows something they
touched (:meth:`AreaPage.shows`). A page does not reload itself after a write: the announcement does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from fivemgmt import school
from fivemgmt.actor import Actor
from fivemgmt.areas import area_module
from fivemgmt.areas.base import AreaWeek, DayResult, WeekContext
from fivemgmt.calendar import SchoolCalendar, monday_of
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.rules import Status, Verdict
from ui import tasks
from ui.widgets.class_picker import ClassPicker
from ui.widgets.date_navigator import DateNavigator
from ui.widgets.status_strip import StatusStrip
from ui.widgets.week_strip import DayMark, WeekStrip

# Set-up every area page shows whatever its class and day: a change to it reloads them all.
SHARED_TABLES = frozenset({"classes", "calendar_days", "terms", "rule_overrides", "settings", "school"})


class SignalHub(QObject):
    """Application-wide signals between pages and the main window."""

    data_changed = Signal(object, object)  # Changes, the page that made them (or None)
    open_requested = Signal(str, object, object)  # page key, class id or None, dt.date or None


class Selection(QObject):
    """The class and day the area pages show (shared, so switching pages keeps them)."""

    changed = Signal()

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.class_id: str | None = None
        self.date: dt.date = today

    def set(self, class_id: str | None = None, date: dt.date | None = None) -> None:
        new_class = class_id if class_id is not None else self.class_id
        new_date = date if date is not None else self.date
        if (new_class, new_date) != (self.class_id, self.date):
            self.class_id, self.date = new_class, new_date
            self.changed.emit()


class Undo(Exception):
    """Raised inside :meth:`PageContext.all_or_nothing` to keep none of what was done in it."""


@dataclass
class PageContext:
    """Everything a page needs: the database, "today", who is acting, the hub, the shared selection."""

    db: Database
    today: dt.date
    actor: Actor
    db_path: Path | None = None
    hub: SignalHub = field(default_factory=SignalHub)
    selection: Selection | None = None
    window: QWidget | None = None
    # Announcements held back while inside all_or_nothing: (changes, source)
    _held: list[tuple[Changes, object]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.selection is None:
            self.selection = Selection(self.today)

    def run_task(self, work: Any, **kwargs: Any) -> tasks.Task:
        """ui.tasks.run_task with the main window as parent (see ui/tasks.py)."""
        return tasks.run_task(kwargs.pop("parent", None) or self.window, work, **kwargs)

    def operation(
        self,
        work: Callable[[tasks.TaskControl], Changes | None],
        source: QWidget | None = None,
        *,
        shown: bool = False,
        **kwargs: Any,
    ) -> tasks.Task:
        """A write in the background (ui.tasks.run_operation): what it changed is announced to every page;
        ``shown``: ``source`` already shows it (see :meth:`apply`)."""
        return tasks.run_operation(
            kwargs.pop("parent", None) or source or self.window,
            work,
            announce=lambda changes: self.notify(changes, source if shown else None),
            **kwargs,
        )

    def query(self, work: Callable[[Database, tasks.TaskControl], Any], **kwargs: Any) -> tasks.Task:
        """A read in the background on a connection of its own (ui.tasks.run_query)."""
        return tasks.run_query(
            kwargs.pop("parent", None) or self.window, work, connect=self.reading, shared=self.db, **kwargs
        )

    @contextlib.contextmanager
    def reading(self) -> Iterator[Database]:
        """A read-only connection of its own for work off the GUI thread: the GUI's connection may be in the
        middle of a transaction, and one sqlite3 connection must not serve two threads at once."""
        if self.db_path is None:  # an in-memory or test school: work runs inline
            yield self.db
            return
        from fivemgmt.db import connect

        reader = connect(self.db_path, readonly=True)
        try:
            yield reader
        finally:
            reader.close()

    def show_error(self, error: BaseException | str, parent: QWidget | None = None) -> None:
        tasks.show_error(parent or self.window, error)

    def edit_hint(self, hint: str) -> str:
        """A page's typing hint, or, in a read-only session, the plain fact that nothing can be changed."""
        if self.actor.read_only:
            return QCoreApplication.translate("AreaPage", "只读：本账户只能查看和打印，不能修改记录。")
        return hint

    def notify(self, changes: Changes, source: object = None) -> None:
        """Tell every page what a core operation changed (inside all_or_nothing: once it is over)."""
        if self._held is not None:
            self._held.append((changes, source))
        elif changes.tables:
            self.hub.data_changed.emit(changes, source)

    @contextlib.contextmanager
    def all_or_nothing(self) -> Iterator[None]:
        """Several core operations as one (a paste of several rows): one transaction; raise :class:`Undo`
        in it (one of them was refused) and none is kept. What they changed is announced when it is over;
        after an Undo to every page, the one that made the changes too, so all show what is saved."""
        if self._held is not None:  # already inside one: it is the unit of work
            yield
            return
        from fivemgmt.db import transaction

        held: list[tuple[Changes, object]] = []
        self._held = held
        undone = False
        try:
            with transaction(self.db):
                yield
        except Undo:
            undone = True
        finally:
            self._held = None
        for changes, source in held:
            self.notify(changes, None if undone else source)
        if undone:
            raise Undo

    def apply(
        self, operation: Callable[[], Changes], source: QWidget | None = None, *, shown: bool = True
    ) -> Changes | None:
        """Run a quick core operation for ``source`` inline: its UserError is shown (None returned), its
        Changes are announced to every page. ``shown`` (a cell typed in): ``source`` already shows the
        change and only refreshes its status; otherwise (a button's write) it reloads like every page that
        shows what changed."""
        try:
            changes = operation()
        except UserError as error:
            self.show_error(error, source)
            return None
        self.notify(changes, source if shown else None)
        return changes

    def open(self, page_key: str, class_id: str | None = None, date: dt.date | None = None) -> None:
        """Ask the main window to show a page at a class and day."""
        self.hub.open_requested.emit(page_key, class_id, date)

    def classes(self) -> list[school.SchoolClass]:
        return school.list_classes(self.db)

    def current_class(self) -> school.SchoolClass | None:
        classes = self.classes()
        return next((c for c in classes if c.id == self.selection.class_id), None)


@dataclass(frozen=True)
class DayStatus:
    """What the status strip shows: a core verdict plus a short detail (e.g. 已登记 4 条)."""

    verdict: Verdict
    detail: str = ""


class TopBar(QWidget):
    """Class picker, date navigator and the day's kind (上课日 / 周末 / 国庆节 …)."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.class_picker = ClassPicker()
        self.date_navigator = DateNavigator(context.today)
        self.day_kind = QLabel()
        self.day_kind.setStyleSheet("color: #555555;")
        layout.addWidget(self.title)
        layout.addSpacing(16)
        layout.addWidget(QLabel(QCoreApplication.translate("AreaPage", "班级")))
        layout.addWidget(self.class_picker)
        layout.addSpacing(12)
        layout.addWidget(QLabel(QCoreApplication.translate("AreaPage", "日期")))
        layout.addWidget(self.date_navigator)
        layout.addWidget(self.day_kind)
        layout.addStretch(1)
        self.actions = QHBoxLayout()  # pages add buttons here
        layout.addLayout(self.actions)
        self.class_picker.class_changed.connect(lambda c: context.selection.set(class_id=c.id))
        self.date_navigator.date_changed.connect(lambda d: context.selection.set(date=d))

    def sync(self, classes: list[school.SchoolClass]) -> None:
        """Show the shared selection (and refill the class list)."""
        selection = self.context.selection
        self.class_picker.set_classes(classes, self.context.actor, selection.class_id)
        chosen = self.class_picker.current_class()
        if chosen is not None and chosen.id != selection.class_id:
            selection.class_id = chosen.id  # first visit: the actor's own class
        self.date_navigator.set_date(selection.date)
        self.day_kind.setText(SchoolCalendar(self.context.db).day_name(selection.date))


class AreaPage(QWidget):
    """Top bar + status strip + week strip + the page's content; reloads when shown and stale."""

    title = ""  # set by the subclass, e.g. QT_TRANSLATE_NOOP("HomeworkPage", "作业管理")
    tables: frozenset[str] = frozenset()  # record tables this page shows
    area_key = ""  # the area whose days the week strip shows (``fivemgmt.areas.AREA_KEYS``)
    # Those of them it shows only for the selected class and week: a change elsewhere does not reload it.
    week_tables: frozenset[str] = frozenset()

    def __init__(self, context: PageContext) -> None:
        super().__init__()
        self.context = context
        self._stale = True
        layout = QVBoxLayout(self)
        self.top_bar = TopBar(context)
        self.top_bar.title.setText(self.page_title())
        self.status_strip = StatusStrip()
        self.week_strip = WeekStrip()
        layout.addWidget(self.top_bar)
        layout.addWidget(self.status_strip)
        layout.addWidget(self.week_strip)
        layout.addWidget(self.build_content(), 1)
        self.week_strip.day_clicked.connect(lambda day: context.selection.set(date=day))
        context.selection.changed.connect(self._selection_changed)
        context.hub.data_changed.connect(self._data_changed)

    # ------------------------------------------------------------ for subclasses
    def page_title(self) -> str:
        return self.title

    def build_content(self) -> QWidget:
        return QWidget()

    def load(self) -> None:
        """Fill the content for the current class and day."""

    def day_status(self) -> DayStatus:
        return DayStatus(Verdict(Status.NA, ""))

    def week_marks(self, monday: dt.date) -> list[DayMark]:
        """The week strip of a page without ``area_key`` (drawn from its own marks)."""
        return [DayMark(monday + dt.timedelta(days=i), "", Status.NA) for i in range(7)]

    def week_days(self, monday: dt.date) -> list[DayResult]:
        """The selected class's seven days from ``monday``, as the area judges them."""
        school_class = self.school_class()
        ctx = WeekContext.load(self.context.db, monday, self.context.today)
        end = monday + dt.timedelta(days=6)
        return area_module(self.area_key).days(ctx, [school_class], monday, end)[school_class.id]

    def status_and_week(self, monday: dt.date) -> tuple[DayStatus, list[DayResult]]:
        """:meth:`day_status` and :meth:`week_days` (a page may read the two from one read of its records)."""
        return self.day_status(), self.week_days(monday)

    def day_text(self, day: DayResult) -> str:
        """What the week strip's cell of a day with something recorded reads (the page's own words)."""
        return ""

    def selection_changing(self) -> None:
        """Called when the class or day has changed, before reloading (e.g. to forget a cached reason)."""

    # ------------------------------------------------------------ helpers
    def school_class(self) -> school.SchoolClass | None:
        return self.top_bar.class_picker.current_class()

    def day(self) -> dt.date:
        return self.context.selection.date

    def reload(self) -> None:
        self._stale = False
        self.top_bar.sync(self.context.classes())
        self.load()
        self.refresh_status()

    def refresh_status(self) -> None:
        """Status strip and week strip for the current class and day."""
        if self.school_class() is None:
            self.status_strip.set_status(
                Status.NA, QCoreApplication.translate("AreaPage", "还没有班级：请先在“设置”中添加班级。")
            )
            self.week_strip.set_days([])
            return
        monday = monday_of(self.day())
        status, days = self.status_and_week(monday) if self.area_key else (self.day_status(), None)
        self.status_strip.set_status(
            status.verdict.status, status.verdict.reason, status.verdict.source, status.detail
        )
        if days is not None:
            calendar = SchoolCalendar.of(self.context.db)
            self.week_strip.show_days(days, self.day_text, calendar.day_name, self.day())
        else:
            self.week_strip.set_days(self.week_marks(monday), self.day())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _selection_changed(self) -> None:
        self.selection_changing()
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def shows(self, changes: Changes) -> bool:
        """Whether this page shows something ``changes`` touched: its tables for its class and week, or the
        set-up every page depends on (class names, the calendar, the rules, settings)."""
        if changes.tables & (SHARED_TABLES | (self.tables - self.week_tables)):
            return True
        monday = monday_of(self.day())
        return changes.touches(
            self.week_tables, self.context.selection.class_id, monday, monday + dt.timedelta(days=6)
        )

    def _data_changed(self, changes: Changes, source: object) -> None:
        if source is self:
            self.refresh_status()  # the page already shows its own edit (a cell typed in)
        elif not self.shows(changes):
            return
        elif self.isVisible():
            self.reload()
        else:
            self._stale = True


class DayRegisterPage(AreaPage):
    """An area page over a per-class-per-day register (体质, 课后服务): ``self.model`` (a
    ui.models.base.DayRowsModel) has a row per day of the selected week, ``self.table`` shows it.

    Translated texts are passed in by the subclass, so they keep the subclass's translation context."""

    def monday(self) -> dt.date:
        return monday_of(self.day())

    def _row_clicked(self, index: Any) -> None:
        row = self.model.row(index.row())
        if row.date != self.day():
            self.context.selection.set(date=row.date)

    def _selected_row(self) -> Any | None:
        index = self.table.currentIndex()
        if index.isValid():
            return self.model.row(index.row())
        position = self.model.row_for(self.day())
        return self.model.row(position) if position is not None else None

    def _save(self, operation: Callable[[], Changes], *, shown: bool = True) -> bool:
        """A write of this page (see PageContext.apply): ``shown=False`` when the page does not show it yet."""
        return self.context.apply(operation, self, shown=shown) is not None

    def show_week(self, week: AreaWeek, text: str) -> None:
        """The week's verdict under the table; ``text`` is the translated 本周：{symbol} {label}　{reason}."""
        self.week_label.setText(
            text.format(symbol=week.status.symbol, label=week.status.label, reason=week.reason)
        )
        self.week_label.setToolTip(week.source)
        self.week_status = week.status

    def is_future(self, day: dt.date, message: str) -> bool:
        """True (with ``message``, translated, {day} filled in, shown) when ``day`` is after today."""
        if day > self.context.today:
            self.context.show_error(message.format(day=day.isoformat()), self)
            return True
        return False

    def fill_school_days(
        self, fill: Callable[[Database, Actor, school.SchoolClass, list[dt.date]], Changes], no_days: str
    ) -> None:
        """Fast entry: ``fill`` the week's school days up to today; ``no_days`` when there are none yet."""
        calendar = SchoolCalendar(self.context.db)
        days = [
            d
            for d in calendar.school_days(self.monday(), self.monday() + dt.timedelta(days=6))
            if d <= self.context.today
        ]
        if not days:
            self.context.show_error(no_days, self)
            return
        self._save(lambda: fill(self.context.db, self.context.actor, self.school_class(), days), shown=False)

    def delete_selected_day(self, delete: Callable[[Database, Actor, str, dt.date], Changes]) -> None:
        """Delete the record of the selected (logged) day."""
        row = self._selected_row()
        if row is None or not row.logged:
            return
        school_class = self.school_class()
        self._save(
            lambda: delete(self.context.db, self.context.actor, school_class.id, row.date), shown=False
        )
