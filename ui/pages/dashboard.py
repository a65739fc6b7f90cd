"""总览: the principal's weekly dashboard — every class against the limits, drawn by fivemgmt.charts.

Week picker, area filter, grade filter and the class of the subject chart; the charts are queried, built
and drawn (Agg) off the GUI thread (ui.tasks) with a busy bar, top first, and each is shown as an image in a
scroll area as soon as it is drawn (the page scrolls and answers clicks while the rest are drawn). The page
keeps only images and click regions (``fivemgmt.charts.chart.Drawn``), never figures. Clicking a cell or bar
opens that class and day in its register (``context.open``). Another week or filter cancels the drawing in
progress. After a data change only weeks the change touches are rebuilt (``fivemgmt.charts.weeks_touched``).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import class_names, school
from fivemgmt.areas import AREA_KEYS
from fivemgmt.calendar import monday_of
from fivemgmt.charts import BUILDERS, NavTarget, dashboard_names, load_week, weeks_touched
from fivemgmt.charts.chart import Drawn, draw
from fivemgmt.records import Changes
from ui import tasks
from ui.pages.base import PageContext
from ui.widgets.chart_canvas import ChartView

AREA_NAMES = {
    "homework": QT_TRANSLATE_NOOP("DashboardPage", "作业"),
    "sleep": QT_TRANSLATE_NOOP("DashboardPage", "睡眠"),
    "phone": QT_TRANSLATE_NOOP("DashboardPage", "手机"),
    "reading": QT_TRANSLATE_NOOP("DashboardPage", "读物"),
    "activity": QT_TRANSLATE_NOOP("DashboardPage", "体质(活动)"),
    "afterschool": QT_TRANSLATE_NOOP("DashboardPage", "课后服务"),
}
TREND_WEEKS = 6
CACHE_SIZE = 6
# Changes that can change the filters' lists (grades, classes): the page reads them again.
RELOAD_FILTERS = {"classes", "school", "settings"}


@dataclass(frozen=True)
class ViewKey:
    """What the page shows: one week, filtered; the cache key of built charts."""

    monday: dt.date
    area: str | None
    grade: int | None
    subject_class_id: str | None


class BusyBar(QWidget):
    """A moving bar with a line saying what is being done (the week being counted and drawn)."""

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setStyleSheet("color: #555555;")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # indeterminate: "working"
        self.bar.setMaximumWidth(120)
        self.bar.setTextVisible(False)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)


class DashboardPage(QWidget):
    title = QT_TRANSLATE_NOOP("DashboardPage", "校长看板")
    settled = Signal()  # a drawing ended (drawn, failed or given up): the start-up checks wait for the first

    def loading(self) -> bool:
        """Whether charts are being counted and drawn now."""
        return self.loading_key is not None

    def __init__(self, context: PageContext) -> None:
        super().__init__()
        self.context = context
        self.monday = monday_of(context.today)
        self.cache: dict[ViewKey, list[Drawn]] = {}  # images, compressed: a few MB for the last views
        self.views: list[ChartView] = []
        self.shown_key: ViewKey | None = None
        self.loading_key: ViewKey | None = None
        self.task: tasks.Task | None = None  # the drawing in progress
        self.builds = 0  # how many times charts were built (tests check a redraw is limited)
        self._stale = True
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        heading = QLabel(self.tr("校长看板"))
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        bar.addWidget(heading)
        bar.addSpacing(16)
        self.prev_button = QPushButton(self.tr("◀ 上一周"))
        self.week_label = QLabel()
        self.week_label.setMinimumWidth(230)
        self.week_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton(self.tr("下一周 ▶"))
        self.this_week_button = QPushButton(self.tr("本周"))
        for widget in (self.prev_button, self.week_label, self.next_button, self.this_week_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.busy = BusyBar()
        # Its line (正在统计并绘制……) never widens the window: shown only while loading, and a window
        # that grew for it would stay too wide for a 1366-pixel screen.
        self.busy.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.busy.setMinimumWidth(160)
        self.busy.hide()
        bar.addWidget(self.busy, 1)
        layout.addLayout(bar)
        # Second row: the hint, then the filters (one row was wider than a 1366-pixel laptop in English).
        filters = QHBoxLayout()
        self.hint = QLabel(self.tr("点击格子或柱条，打开该班当天的登记页面。"))
        self.hint.setStyleSheet("color: #555555;")
        filters.addWidget(self.hint)
        filters.addStretch(1)
        bar = filters
        bar.addWidget(QLabel(self.tr("方面")))
        self.area_filter = QComboBox()
        self.area_filter.addItem(self.tr("全部方面"), None)
        for key in AREA_KEYS:
            self.area_filter.addItem(self.tr(AREA_NAMES[key]), key)
        bar.addWidget(self.area_filter)
        bar.addWidget(QLabel(self.tr("年级")))
        self.grade_filter = QComboBox()
        bar.addWidget(self.grade_filter)
        bar.addWidget(QLabel(self.tr("分学科图的班级")))
        self.class_picker = QComboBox()
        self.class_picker.setMinimumWidth(120)
        self.class_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar.addWidget(self.class_picker)
        layout.addLayout(filters)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.container = QWidget()
        self.charts_layout = QVBoxLayout(self.container)
        self.charts_layout.addStretch(1)
        self.scroll.setWidget(self.container)
        layout.addWidget(self.scroll, 1)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._release_far_images())
        self.container.installEventFilter(self)  # laid out anew (charts arrived): release far images
        self.prev_button.clicked.connect(lambda: self.set_week(self.monday - dt.timedelta(weeks=1)))
        self.next_button.clicked.connect(lambda: self.set_week(self.monday + dt.timedelta(weeks=1)))
        self.this_week_button.clicked.connect(lambda: self.set_week(monday_of(self.context.today)))
        self.area_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.grade_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.class_picker.currentIndexChanged.connect(lambda _i: self.refresh())
        context.hub.data_changed.connect(self._data_changed)
        self._fill_filters()
        self._show_week_label()

    # ------------------------------------------------------------ filters
    def _fill_filters(self) -> None:
        classes = school.list_classes(self.context.db)
        for combo, items in (
            (
                self.grade_filter,
                [(self.tr("全部年级"), None)]
                + [(class_names.grade_name(g), g) for g in sorted({c.grade for c in classes})],
            ),
            (
                self.class_picker,
                [(self.tr("自动（日均最高的班）"), None)] + [(c.name, c.id) for c in classes],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _show_week_label(self) -> None:
        sunday = self.monday + dt.timedelta(days=6)
        year, week, _ = self.monday.isocalendar()
        current = self.tr("（本周）") if self.monday == monday_of(self.context.today) else ""
        self.week_label.setText(
            self.tr("{year} 年第 {week} 周 {start}—{end}{current}").format(
                year=year,
                week=week,
                start=f"{self.monday.month}/{self.monday.day}",
                end=f"{sunday.month}/{sunday.day}",
                current=current,
            )
        )
        self.next_button.setEnabled(self.monday < monday_of(self.context.today))

    def key(self) -> ViewKey:
        return ViewKey(
            self.monday,
            self.area_filter.currentData(),
            self.grade_filter.currentData(),
            self.class_picker.currentData(),
        )

    # ------------------------------------------------------------ public
    def set_week(self, monday: dt.date) -> None:
        self.monday = monday_of(monday)
        self._show_week_label()
        self.refresh()

    def set_filters(self, *, area: str | None = None, grade: int | None = None) -> None:
        self.area_filter.setCurrentIndex(max(self.area_filter.findData(area), 0))
        self.grade_filter.setCurrentIndex(max(self.grade_filter.findData(grade), 0))

    def refresh(self) -> None:
        """Show the charts of the current week and filters (drawn in the background unless cached)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        key = self.key()
        if key in self.cache:
            self._cancel_drawing()
            self._show(key, self.cache[key])
            return
        if self.loading_key == key:
            return
        self._cancel_drawing()  # another week or filter: the old drawing is of no use
        self.loading_key = key
        self._show(key, [])  # the charts arrive one by one, top first
        year, week, _ = key.monday.isocalendar()
        self.busy.label.setText(
            self.tr("正在统计并绘制 {year} 年第 {week} 周的图表……").format(year=year, week=week)
        )
        self.busy.show()
        today = self.context.today
        ratio = self.devicePixelRatioF() or 1.0

        def work(db, task):  # noqa: ANN001 - a read connection of its own, TaskControl; off the GUI thread
            data = load_week(
                db,
                key.monday,
                today,
                areas=[key.area] if key.area else None,
                grade=key.grade,
                subject_class_id=key.subject_class_id,
                trend_weeks=TREND_WEEKS,
            )
            drawn = []
            for name in dashboard_names(data):  # dashboard order: the top of the page, in view, first
                if task.cancelled():
                    return None
                build = functools.partial(BUILDERS[name], data)  # numbers only: an export builds it again
                # drawing (text layout) is the slow part: here, not on the GUI thread; the figure goes after
                drawn.append(draw(build(), ratio, build))
                gc.collect()  # the figure is a web of cycles: free its megabytes now, not at some later chart
                task.send(drawn[-1])
            return drawn

        self.task = self.context.query(
            work,
            title=self.tr("正在统计图表"),
            progress=False,
            parent=self,
            on_partial=lambda piece: self._arrived(key, piece),
            on_done=lambda drawn: self._built(key, drawn),
            on_error=self._failed,
        )

    def charts(self) -> list[Drawn]:
        return [v.drawn for v in self.views]

    def view(self, name: str) -> ChartView | None:
        return next((v for v in self.views if v.drawn.name == name), None)

    # ------------------------------------------------------------ internals
    def _cancel_drawing(self) -> None:
        if self.task is not None and self.task.is_running:
            self.task.cancel()
        self.task = None
        self.loading_key = None

    def _arrived(self, key: ViewKey, drawn: Drawn) -> None:
        if key == self.loading_key and key == self.shown_key:
            self._add_view(key, drawn)

    def _built(self, key: ViewKey, drawn: list[Drawn] | None) -> None:
        if self.loading_key != key:
            return  # a drawing the page has moved on from
        self.loading_key = None
        self.task = None
        self.busy.hide()
        self.settled.emit()
        if drawn is None:
            return
        self.builds += 1
        self.cache[key] = drawn
        while len(self.cache) > CACHE_SIZE:  # keep the last few views only
            oldest = next(k for k in self.cache if k != key)
            del self.cache[oldest]
        if self.shown_key == key and [v.drawn for v in self.views] != drawn:
            self._show(key, drawn)  # a piece was lost on the way (never expected): show them all

    def _failed(self, error: BaseException) -> None:
        self.loading_key = None
        self.task = None
        self.busy.hide()
        self.settled.emit()
        self.context.show_error(error, self)

    def _show(self, key: ViewKey, drawn: list[Drawn]) -> None:
        if (
            self.shown_key == key
            and len(self.views) == len(drawn)
            and all(v.drawn is d for v, d in zip(self.views, drawn))
        ):
            return
        for view in self.views:
            self.charts_layout.removeWidget(view)
            view.setParent(None)
            view.deleteLater()
        if self.shown_key is None or self.shown_key.monday != key.monday:
            self.scroll.verticalScrollBar().setValue(0)  # another week: start at its top
        self.views = []
        self.shown_key = key
        for piece in drawn:
            self._add_view(key, piece)
        if self.loading_key is None:
            self.busy.hide()

    def _add_view(self, key: ViewKey, drawn: Drawn) -> None:
        year, week, _ = key.monday.isocalendar()
        view = ChartView(drawn, period=f"{year}-W{week:02d}")
        view.target_clicked.connect(self._open_target)
        self.charts_layout.insertWidget(self.charts_layout.count() - 1, view)
        self.views.append(view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.container and event.type() == QEvent.Type.Resize:
            self._release_far_images()
        return super().eventFilter(watched, event)

    def _release_far_images(self) -> None:
        """Let go of the pixmaps of charts more than a screen away (painting makes them again)."""
        viewport = self.scroll.viewport().height()
        top = self.scroll.verticalScrollBar().value() - viewport
        bottom = top + 3 * viewport
        for view in self.views:
            if view.y() + view.height() < top or view.y() > bottom:
                view.canvas.canvas.release()

    def _open_target(self, target: NavTarget) -> None:
        self.context.open(target.area, target.class_id, target.day)

    def _data_changed(self, changes: Changes, _source: object) -> None:
        if changes.tables & RELOAD_FILTERS:
            self._fill_filters()
        touched = weeks_touched(self.context.db, changes)
        if touched is not None and not touched:
            return

        def affected(k: ViewKey) -> bool:  # the week itself or one of its trend's weeks
            return touched is None or any(
                k.monday - dt.timedelta(weeks=TREND_WEEKS - 1) <= m <= k.monday for m in touched
            )

        for k in [k for k in self.cache if affected(k)]:
            del self.cache[k]
        if self.loading_key is not None and affected(self.loading_key):
            self._cancel_drawing()  # counting the old numbers: start again
            self.shown_key = None
        if self.shown_key is None or affected(self.shown_key):
            self.shown_key = None
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or self.shown_key != self.key():
            self.refresh()
