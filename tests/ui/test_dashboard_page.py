"""The dashboard page: switching weeks, filters, clicking through to a register, exports, partial redraw."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import homework as hw


def save(db, class_id, day, minutes, today):
    entry = hw.Entry(None, class_id, day, "数学", "练习", "书面", True, minutes, "王老师")
    return hw.save_entry(db, LOCAL_ADMIN, entry, reason="补登", today=today)


@pytest.fixture
def dashboard(window, db, small_school, today):
    monday = small_school["monday"]
    last_monday = monday - dt.timedelta(weeks=1)
    for i in range(5):
        save(db, small_school["class4"], last_monday + dt.timedelta(days=i), 40 + 10 * i, today)
    save(db, small_school["class4"], monday, 35, today)
    return window.show_page("dashboard")


def side_texts(page) -> dict[str, str]:
    """The heat map's "日均 / 上限" column by class."""
    ax, side = page.view("homework_heatmap").drawn.chart().figure.axes
    return {label.get_text(): text.get_text() for label, text in zip(ax.get_yticklabels(), side.texts)}


def click(qtbot, view, axes, x, y):
    canvas = view.canvas
    px, py = canvas.widget_point(axes, x, y)
    qtbot.mouseClick(canvas.canvas, Qt.MouseButton.LeftButton, pos=QPoint(px, py))


def test_shows_this_week_and_switches_weeks(dashboard, small_school, qtbot):
    page = dashboard
    assert page.monday == small_school["monday"]
    assert not page.next_button.isEnabled()  # no future weeks
    assert page.view("overview") is not None and page.view("homework_heatmap") is not None
    assert side_texts(page) == {"二年级(1)班": "— / 不布置", "四年级(2)班": "35 / 60"}  # 未登记 is not 0
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert page.monday == small_school["monday"] - dt.timedelta(weeks=1)
    assert "第 47 周" in page.week_label.text()
    assert side_texts(page)["四年级(2)班"] == "60 / 60"  # (40+50+60+70+80)/5
    assert page.busy.isHidden()
    builds = page.builds
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)  # back to a cached week: no rebuild
    assert page.builds == builds and page.monday == small_school["monday"]


def test_click_heatmap_cell_opens_the_register(dashboard, window, small_school, qtbot):
    page = dashboard
    page.set_week(small_school["monday"] - dt.timedelta(weeks=1))
    view = page.view("homework_heatmap")
    ax = view.figure_as_shown().axes[0]
    with qtbot.waitSignal(window.context.hub.open_requested) as blocker:
        click(qtbot, view, ax, 2, 1)  # Wednesday of last week, 四年级(2)班 (second row)
    key, class_id, day = blocker.args
    wednesday = small_school["monday"] - dt.timedelta(weeks=1) + dt.timedelta(days=2)
    assert (key, class_id, day) == ("homework", small_school["class4"], wednesday)
    assert window.current_key() == "homework"
    assert window.context.selection.class_id == small_school["class4"]
    assert window.context.selection.date == wednesday


def test_click_overview_cell(dashboard, window, small_school, qtbot):
    view = dashboard.view("overview")
    grid = view.figure_as_shown().axes[0]
    names = [t.get_text() for t in grid.get_yticklabels()]
    row = names.index("二年级(1)班")
    with qtbot.waitSignal(window.context.hub.open_requested) as blocker:
        click(qtbot, view, grid, 0, row)
    assert blocker.args[0] == "homework" and blocker.args[1] == small_school["class2"]
    # 二年级(1)班 logged nothing: the first 未登记 day of the week (Monday)
    assert blocker.args[2] == small_school["monday"]


def test_filters(dashboard, qtbot):
    page = dashboard
    page.set_filters(area="homework")
    names = [c.name for c in page.charts()]
    assert "sleep_shares" not in names and "homework_heatmap" in names
    page.set_filters(area=None, grade=4)
    grid = page.view("overview").drawn.chart().figure.axes[0]
    assert [t.get_text() for t in grid.get_yticklabels()] == ["四年级(2)班"]


def test_redraw_only_for_the_week_that_changed(dashboard, db, small_school, today, window):
    page = dashboard
    builds = page.builds
    # An edit of a week long ago does not touch the shown week (nor its trend window).
    old = save(db, small_school["class4"], small_school["monday"] - dt.timedelta(weeks=8), 30, today)
    window.context.notify(old)
    assert page.builds == builds
    changes = save(db, small_school["class4"], small_school["monday"] + dt.timedelta(days=1), 50, today)
    window.context.notify(changes)
    assert page.builds == builds + 1
    assert side_texts(page)["四年级(2)班"] == "42.5 / 60"


def test_export_png_pdf_and_copy(dashboard, tmp_path):
    view = dashboard.view("homework_grades")
    png = view.export("png", tmp_path / "grades.png")
    assert png.read_bytes()[:4] == b"\x89PNG"
    pdf = view.export("pdf", tmp_path / "grades")
    assert pdf.suffix == ".pdf" and pdf.read_bytes()[:5] == b"%PDF-"
    from pypdf import PdfReader

    assert len(PdfReader(pdf).pages) == 1
    view.copy()
    image = QApplication.clipboard().image()
    assert not image.isNull() and image.width() == 1500


def test_page_screenshot(dashboard, tmp_path):
    path = tmp_path / "dashboard.png"
    assert dashboard.grab().save(str(path))


def test_fitness_levels_of_the_school_year_and_click_through(window, db, small_school, today, qtbot):
    from fivemgmt import roster
    from fivemgmt.fitness import store

    class_id = small_school["class4"]
    good = {
        "height": "140",
        "weight": "33",
        "lung": "2200",
        "run50m": "8.6",
        "sit_reach": "14",
        "rope1min": "150",
        "situp1min": "42",
        "shuttle50x8": "1'40",
    }
    for i in range(3):
        sid = roster.save_student(db, LOCAL_ADMIN, {"class_id": class_id, "name": f"学生{i}", "sex": "女"})
        if i < 2:
            store.save_result(db, LOCAL_ADMIN, sid, good, today=today)
    page = window.show_page("dashboard")
    view = page.view("fitness_levels")
    assert view is not None and "2026-2027 学年" in view.drawn.title
    texts = " ".join(view.drawn.chart().texts())
    assert "2 人有等级；未测 1" in texts  # the untested student is not a 不及格
    classes_ax = view.figure_as_shown().axes[0]
    assert [t.get_text() for t in classes_ax.get_yticklabels()] == ["四年级(2)班"]
    with qtbot.waitSignal(window.context.hub.open_requested) as blocker:
        click(qtbot, view, classes_ax, 0.5, 0)
    assert blocker.args[:2] == ["fitness", class_id]
    assert window.current_key() == "fitness"
    page = window.show_page("dashboard")
    page.set_filters(area="homework")
    assert page.view("fitness_levels") is None  # the annual test shows under 全部方面 and 体质 only


def wheel(widget, steps: int) -> None:
    """Turn the mouse wheel over a widget (negative: towards the user, i.e. scroll down)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        widget.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_a_chart_scrolls_the_page_and_a_new_week_starts_at_the_top(dashboard, qtbot):
    page = dashboard
    bar = page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # more charts than fit
    wheel(page.views[0].canvas.canvas, -3)
    assert bar.value() > 0
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert bar.value() == 0
    year, week, _ = page.monday.isocalendar()
    assert f"第 {week} 周" in page.busy.label.text()  # the busy line said which week it was drawing


def test_export_button_suggests_a_chinese_name_with_the_week_and_confirms(
    dashboard, window, qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    view = dashboard.view("overview")
    suggested: list[str] = []

    def save_dialog(parent, title, name, filters):
        suggested.append(name)
        return str(tmp_path / name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    qtbot.mouseClick(view.png_button, Qt.MouseButton.LeftButton)
    year, week, _ = dashboard.monday.isocalendar()
    assert suggested == [f"五项管理周概览_各班各方面判定_{year}-W{week:02d}.png"]
    assert (tmp_path / suggested[0]).read_bytes()[:4] == b"\x89PNG"
    assert suggested[0] in window.statusBar().currentMessage()  # said where it went


def test_charts_are_drawn_in_the_worker_and_the_gui_thread_only_shows_them(window, qtbot, monkeypatch):
    """Issue 13: drawing 15 figures (text layout) on the GUI thread froze the window while the page filled."""
    import gc
    import threading

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ui import tasks

    drawn_on: list[threading.Thread] = []
    original = FigureCanvasAgg.draw

    def draw(canvas):
        drawn_on.append(threading.current_thread())
        return original(canvas)

    monkeypatch.setattr(FigureCanvasAgg, "draw", draw)
    tasks.set_synchronous(False)
    try:
        page = window.show_page("dashboard")
        page.set_week(page.monday - dt.timedelta(weeks=2))  # a week not built yet
        qtbot.waitUntil(lambda: page.loading_key is None and page.shown_key == page.key(), timeout=60_000)
        qtbot.wait(50)  # let the window paint what it shows
    finally:
        tasks.set_synchronous(True)
    assert len(page.views) >= 10
    assert len(drawn_on) >= len(page.views)
    assert all(thread is not threading.main_thread() for thread in drawn_on)
    for view in page.views:
        assert not view.canvas.canvas.pixmap().isNull()
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Figure)]  # images only: no figure, no Agg buffer


@pytest.fixture
def held_drawing(monkeypatch):
    """Real workers, and a gate: drawing a chart named in ``hold`` waits until ``release`` is set (its name
    is in ``waiting`` while it waits)."""
    import threading

    from ui import tasks
    from ui.pages import dashboard as page_module

    gate = {"hold": set(), "release": threading.Event(), "drawn": [], "waiting": []}
    real = page_module.draw

    def draw(chart, ratio, rebuild):
        if chart.name in gate["hold"]:
            gate["waiting"].append(chart.name)
            assert gate["release"].wait(60)
        gate["drawn"].append(chart.name)
        return real(chart, ratio, rebuild)

    monkeypatch.setattr(page_module, "draw", draw)
    tasks.set_synchronous(False)
    yield gate
    gate["release"].set()
    tasks.wait_for_all()
    tasks.set_synchronous(True)


def test_the_page_scrolls_and_answers_clicks_while_the_charts_arrive(
    window, small_school, qtbot, held_drawing
):
    """Issue 13: each chart shows as soon as it is drawn, top first; the page is usable before the last one."""
    from fivemgmt.charts import dashboard_names, load_week

    held_drawing["hold"] = {"trends"}  # the last chart of the page
    page = window.show_page("dashboard")
    builds = page.builds
    page.set_week(page.monday - dt.timedelta(weeks=3))  # a week not drawn yet
    monday = page.monday
    expected = dashboard_names(load_week(window.context.db, monday, window.context.today))
    assert expected[0] == "overview" and expected[-1] == "trends"
    qtbot.waitUntil(lambda: len(page.views) == len(expected) - 1, timeout=60_000)
    assert [v.drawn.name for v in page.views] == expected[:-1]  # in page order, the top first
    assert page.loading_key is not None and page.busy.isVisible()  # still drawing the last one
    bar = page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    wheel(page.views[1].canvas.canvas, -3)
    assert bar.value() > 0  # it scrolls
    view = page.view("homework_heatmap")
    with qtbot.waitSignal(window.context.hub.open_requested) as blocker:
        click(qtbot, view, view.figure_as_shown().axes[0], 2, 1)  # a cell: it answers
    assert blocker.args[:2] == ["homework", small_school["class4"]]
    assert "trends" not in [v.drawn.name for v in page.views]
    held_drawing["release"].set()
    qtbot.waitUntil(lambda: page.loading_key is None, timeout=60_000)
    assert [v.drawn.name for v in page.views] == expected  # every chart arrived, once
    assert page.builds == builds + 1 and page.shown_key.monday == monday


def test_another_week_cancels_the_drawing_in_progress(window, qtbot, held_drawing):
    held_drawing["hold"] = {"homework_heatmap"}  # the second chart of the page
    page = window.show_page("dashboard")
    builds = page.builds
    page.set_week(page.monday - dt.timedelta(weeks=3))
    old = page.task
    qtbot.waitUntil(lambda: len(page.views) == 1, timeout=60_000)
    # the worker is at the heat map (showing the first chart does not mean it got there yet)
    qtbot.waitUntil(lambda: "homework_heatmap" in held_drawing["waiting"], timeout=60_000)
    held_drawing["hold"] = set()
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)  # another week while it draws
    assert old.control.cancelled()
    held_drawing["release"].set()
    qtbot.waitUntil(lambda: page.loading_key is None and not old.is_running, timeout=60_000)
    names = [v.drawn.name for v in page.views]
    assert len(names) == len(set(names)) >= 10  # the new week's charts, none of the old week's among them
    assert page.shown_key.monday == page.monday and page.builds == builds + 1
    # the old drawing stopped: it drew the heat map it was on, not the other 13 charts
    assert held_drawing["drawn"].count("homework_heatmap") == 2 and held_drawing["drawn"].count("trends") == 1


def test_only_the_charts_near_the_screen_hold_a_pixmap(dashboard, qtbot):
    """Issue 13 (memory): 15 pixmaps of a big school are ~100 MB; the page keeps those around the screen."""
    page = dashboard
    bar = page.scroll.verticalScrollBar()
    first, last = page.views[0].canvas.canvas, page.views[-1].canvas.canvas
    qtbot.waitUntil(lambda: bar.maximum() > 3 * page.scroll.viewport().height())  # a long page
    bar.setValue(0)
    qtbot.waitUntil(first.has_pixmap)  # painted on screen
    assert not last.has_pixmap()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(last.has_pixmap)
    assert not first.has_pixmap()  # let go once far away
    assert not first.grab().isNull()  # and made again when painted
