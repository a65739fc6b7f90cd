"""总览: the principal's weekly dashboard — every class against the limits, drawn by fivemgmt.charts.

Week picker, area filter, grade filter and the class of the subject chart; the charts are queried, built
and drawn (Agg) off the GUI thread (ui.tasks) with a busy bar, and shown as images in a scroll area. Clicking a cell
or bar opens that class and day in its register (``context.open``). After a data change only weeks the
change touches are rebuilt (``fivemgmt.charts.weeks_touched``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
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

from fivemgmt import school
from fivemgmt.areas import AREA_KEYS
from fivemgmt.calendar import monday_of
from fivemgmt.charts import Chart, NavTarget, load_week, weekly_charts, weeks_touched
from fivemgmt.records import Changes
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
ALWAYS_RELOAD = {"classes", "calendar_days", "terms", "rule_overrides", "school", "settings"}


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

    def __init__(self, context: PageContext) -> None:
        super().__init__()
        self.context = context
        self.monday = monday_of(context.today)
        self.cache: dict[ViewKey, list[Chart]] = {}
        self.views: list[ChartView] = []
        self.shown_key: ViewKey | None = None
        self.loading_key: ViewKey | None = None
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
                + [(school.grade_name(g), g) for g in sorted({c.grade for c in classes})],
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
        """Show the charts of the current week and filters (built in the background unless cached)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        key = self.key()
        if key in self.cache:
            self._show(key, self.cache[key])
            return
        if self.loading_key == key:
            return
        self.loading_key = key
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
            if task.cancelled():
                return None
            charts = weekly_charts(data)
            for chart in charts:  # drawing (text layout) is the slow part: here, not on the GUI thread
                if task.cancelled():
                    return None
                chart.render(ratio)
            return charts

        self.context.query(
            work,
            title=self.tr("正在统计图表"),
            progress=False,
            parent=self,
            on_done=lambda charts: self._built(key, charts),
            on_error=self._failed,
        )

    def charts(self) -> list[Chart]:
        return [v.chart for v in self.views]

    def view(self, name: str) -> ChartView | None:
        return next((v for v in self.views if v.chart.name == name), None)

    # ------------------------------------------------------------ internals
    def _built(self, key: ViewKey, charts: list[Chart] | None) -> None:
        if self.loading_key == key:
            self.loading_key = None
        if charts is None:
            self.busy.hide()
            return
        self.builds += 1
        self.cache[key] = charts
        while len(self.cache) > CACHE_SIZE:  # figures are big: keep the last few views only
            oldest = next(k for k in self.cache if k != key)
            del self.cache[oldest]
        if key == self.key():
            self._show(key, charts)
        elif self.loading_key is None:
            self.refresh()  # the user moved on while this was loading
        if self.loading_key is None:
            self.busy.hide()

    def _failed(self, error: BaseException) -> None:
        self.loading_key = None
        self.busy.hide()
        self.context.show_error(error, self)

    def _show(self, key: ViewKey, charts: list[Chart]) -> None:
        if (
            self.shown_key == key
            and len(self.views) == len(charts)
            and all(v.chart is c for v, c in zip(self.views, charts))
        ):
            return
        for view in self.views:
            self.charts_layout.removeWidget(view)
            view.setParent(None)
            view.deleteLater()
        if self.shown_key is None or self.shown_key.monday != key.monday:
            self.scroll.verticalScrollBar().setValue(0)  # another week: start at its top
        self.views = []
        for chart in charts:
            year, week, _ = key.monday.isocalendar()
            view = ChartView(chart, period=f"{year}-W{week:02d}")
            view.target_clicked.connect(self._open_target)
            self.charts_layout.insertWidget(self.charts_layout.count() - 1, view)
            self.views.append(view)
        self.shown_key = key
        self.busy.hide()

    def _open_target(self, target: NavTarget) -> None:
        self.context.open(target.area, target.class_id, target.day)

    def _data_changed(self, changes: Changes, _source: object) -> None:
        if changes.tables & ALWAYS_RELOAD:
            touched = None
            self._fill_filters()
        else:
            touched = weeks_touched(self.context.db, changes)
        if touched is not None and not touched:
            return
        stale = [
            k
            for k in self.cache
            if touched is None
            or any(k.monday - dt.timedelta(weeks=TREND_WEEKS - 1) <= m <= k.monday for m in touched)
        ]
        for k in stale:
            del self.cache[k]
        if self.shown_key in stale or touched is None:
            self.shown_key = None
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or self.shown_key != self.key():
            self.refresh()
