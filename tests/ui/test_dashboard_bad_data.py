"""Issue 11: a value the app could never have stored (a hand-edited database, an old package) is shown on
the 校长看板 as a finding naming it, not as an internal error."""

from __future__ import annotations

from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import homework as hw
from tests.ui.test_dashboard_page import side_texts


def test_a_bad_stored_date_is_a_finding_on_the_dashboard(window, db, small_school, today, errors, qtbot):
    monday = small_school["monday"]
    entry = hw.Entry(None, small_school["class4"], monday, "数学", "练习", "书面", True, 35, "王老师")
    hw.save_entry(db, LOCAL_ADMIN, entry, reason="补登", today=today)
    db.execute("UPDATE homework_entries SET date = ? WHERE id = ?", [f"{monday.isoformat()}x", entry.id])
    db.conn.commit()
    page = window.show_page("dashboard")
    assert not errors
    assert side_texts(page)["四年级(2)班"] == "! 数据有误"  # not "— / 60", never 0 or green
    overview = _texts(page, "overview")
    assert "! 预警" in overview
    (subjects,) = [t for t in _texts(page, "homework_subjects") if "数据有误" in t]
    assert f"作业记录的日期“{monday.isoformat()}x”不是有效的日期" in subjects


def _texts(page, name):
    figure = page.view(name).chart.figure
    return [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]
