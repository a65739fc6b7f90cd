"""The figure cache behind the self-inspection: what it gives is exactly what a fresh computation gives,
after changes in any area, and an edited side file never changes a printed number."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3

import pytest

from fivemgmt import figcache, records
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.calendar import SchoolCalendar, monday_of
from fivemgmt.db import transaction
from fivemgmt.reports import self_inspection
from fivemgmt.reports.checklist import SELF_INSPECTION, load_form
from fivemgmt.reports.evidence import Evidence
from fivemgmt.reports.period import Period
from tests.conftest import TODAY
from tests.core.reports_helpers import pages_text

FORM = load_form(SELF_INSPECTION)


def term_period(db) -> Period:
    term = SchoolCalendar(db).current_or_last_term(TODAY)
    return Period(term.start, min(term.end, TODAY))


def printed(db, period: Period) -> list[tuple]:
    return [(r.code, r.answer, r.evidence, r.edited) for r in Evidence(db, period, TODAY).rows(FORM)]


@contextlib.contextmanager
def no_cache(monkeypatch):
    """The plain computation: no figure cache at all."""
    with monkeypatch.context() as patch:
        patch.setattr(figcache.FigureCache, "of", classmethod(lambda cls, db: None))
        yield


def cold(db, period: Period, monkeypatch) -> list[tuple]:
    with no_cache(monkeypatch):
        return printed(db, period)


def kept(db, period: Period) -> dict[str, object]:
    """What a new Evidence takes from the cache (proposals by evidence key)."""
    evidence = Evidence(db, period, TODAY)
    assert evidence._cache is not None
    return evidence._cache.get("proposal", evidence._scope_key)


def save_row(db, table: str, values: dict, reason: str | None = None) -> None:
    with transaction(db):
        records.save(db, table, values, SYSTEM, reason=reason)


def a_row(db, table: str, where: str = "1", params: tuple = ()) -> dict:
    rows = records.live_rows(db, table, where, params)
    assert rows, table
    return rows[-1]


def test_cached_rows_equal_a_fresh_computation_through_changes_in_every_area(demo_db, monkeypatch):
    period = term_period(demo_db)
    first = printed(demo_db, period)
    assert first == cold(demo_db, period, monkeypatch)
    assert len(kept(demo_db, period)) > 20  # the second build reads the items, it does not recompute them
    assert printed(demo_db, period) == first

    school_class = next(c for c in Evidence(demo_db, period, TODAY).classes if c.grade >= 3)
    entries_before = dict((r[0], r[2]) for r in first)["C6"]

    def step(change) -> None:
        change()
        assert printed(demo_db, period) == cold(demo_db, period, monkeypatch)

    # A teacher's save today, in one class: the entry count printed under C6 moves.
    step(
        lambda: hw.save_entry(
            demo_db,
            SYSTEM,
            hw.Entry(None, school_class.id, TODAY, "数学", "用手机APP打卡完成口算", "书面", True, 90),
            today=TODAY,
        )
    )
    assert dict((r[0], r[2]) for r in printed(demo_db, period))["C6"] != entries_before
    # An edit of a past week's entry, with its reason; then its deletion.
    past = a_row(demo_db, hw.ENTRIES, "date < ?", ((monday_of(TODAY) - dt.timedelta(days=7)).isoformat(),))
    step(lambda: save_row(demo_db, hw.ENTRIES, {"id": past["id"], "minutes": 200}, reason="补录"))
    step(lambda: hw.delete_entry(demo_db, SYSTEM, past["id"], reason="登记错误", today=TODAY))
    # The other areas' registers: a sleep sample, an activity day, an after-school day, a phone day.
    before_others = printed(demo_db, period)
    for table, values in [
        ("sleep_records", {"sleep_minutes": 300, "hours_ok": 0}),
        ("activity_days", {"break_minutes": 5, "pe_held": 0}),
        ("afterschool_days", {"minutes": 30}),
        ("phone_custody_days", {"deleted": 1}),
    ]:
        row = a_row(demo_db, table)
        step(
            lambda table=table, row=row, values=values: save_row(
                demo_db, table, {"id": row["id"], **values}, "核对更正"
            )
        )
    assert printed(demo_db, period) != before_others


def test_a_calendar_or_rule_change_recomputes_everything(demo_db, monkeypatch):
    period = term_period(demo_db)
    printed(demo_db, period)
    assert kept(demo_db, period)
    day = next(
        period.start + dt.timedelta(days=i)
        for i in range((TODAY - period.start).days)
        if (period.start + dt.timedelta(days=i)).weekday() == 2
    )
    with transaction(demo_db):
        records.save(
            demo_db, "calendar_days", {"date": day.isoformat(), "kind": "holiday", "name": "停课"}, SYSTEM
        )
    assert kept(demo_db, period) == {}  # every item names the calendar's change
    assert printed(demo_db, period) == cold(demo_db, period, monkeypatch)


def test_a_change_in_one_area_keeps_the_other_areas_items(demo_db):
    period = term_period(demo_db)
    printed(demo_db, period)
    before = kept(demo_db, period)
    school_class = Evidence(demo_db, period, TODAY).classes[0]
    hw.save_entry(
        demo_db, SYSTEM, hw.Entry(None, school_class.id, TODAY, "语文", "抄写", "书面", True, 10), today=TODAY
    )
    after = kept(demo_db, period)
    assert "fitness_test" in after and "pe_lessons" in after
    assert not any(key.startswith("homework_") for key in after)
    assert set(after) < set(before)


def test_an_edited_side_file_never_changes_a_printed_number(demo_db, monkeypatch):
    period = term_period(demo_db)
    truth = printed(demo_db, period)
    path = figcache.cache_path(demo_db)
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT rowid, payload FROM items").fetchall()
    for rowid, payload in rows:  # every digit 1 becomes 7, the signatures left as they were
        conn.execute("UPDATE items SET payload = ? WHERE rowid = ?", [payload.replace("1", "7"), rowid])
    conn.commit()
    conn.close()
    assert printed(demo_db, period) == truth == cold(demo_db, period, monkeypatch)


def test_items_signed_for_another_database_or_key_are_not_used(demo_db):
    period = term_period(demo_db)
    printed(demo_db, period)
    cache = Evidence(demo_db, period, TODAY)._cache
    assert cache.get("proposal", f"{TODAY}|{period.start}|{period.end}")
    other = figcache.FigureCache(
        demo_db, cache.conn, b"another computer's key".ljust(32, b"!"), cache.context
    )
    assert other.get("proposal", f"{TODAY}|{period.start}|{period.end}") == {}


def test_a_folder_where_the_cache_cannot_be_written_computes_as_before(demo_db, monkeypatch):
    path = figcache.cache_path(demo_db)
    figcache.forget(demo_db)
    path.mkdir()  # not a file SQLite can open
    try:
        period = term_period(demo_db)
        assert Evidence(demo_db, period, TODAY)._cache is None
        assert printed(demo_db, period) == cold(demo_db, period, monkeypatch)
    finally:
        figcache.forget(demo_db)
        path.rmdir()


def test_the_pdf_from_the_cache_is_the_fresh_pdf(demo_db, monkeypatch):
    period = term_period(demo_db)
    with no_cache(monkeypatch):
        fresh = self_inspection.build(demo_db, period, today=TODAY)
    self_inspection.build(demo_db, period, today=TODAY)  # fills the cache
    assert kept(demo_db, period)
    # The same text on every page (the bytes differ by the file's creation time and id)
    assert pages_text(self_inspection.build(demo_db, period, today=TODAY)) == pages_text(fresh)


@pytest.mark.parametrize("area", sorted(figcache.AREA_TABLES))
def test_an_area_s_tables_touch_only_its_items(area):
    table = figcache.AREA_TABLES[area][0] + "days"
    assert figcache.Scope(area).touched_by(table, None)
    assert figcache.Scope(None).touched_by(table, "c1")
    others = [a for a in figcache.AREA_TABLES if a != area]
    assert not any(figcache.Scope(a).touched_by(table, None) for a in others)
    assert figcache.Scope(area, "c1").touched_by("students", None)  # no class named: every class
    assert not figcache.Scope(area, "c1").touched_by(table, "c2")
    assert json.dumps(figcache.table_area("calendar_days")) == "null"


def test_warming_fills_the_cache_on_a_read_only_connection(demo_db, demo_db_path, monkeypatch):
    from fivemgmt.db import connect
    from fivemgmt.reports import evidence

    period = Period.term(demo_db, TODAY)
    reader = connect(demo_db_path, readonly=True)
    try:
        evidence.warm(reader, TODAY)
    finally:
        reader.close()
    assert len(kept(demo_db, period)) > 20
    assert printed(demo_db, period) == cold(demo_db, period, monkeypatch)


def test_the_side_file_is_owner_only(demo_db):
    import os
    import stat

    printed(demo_db, term_period(demo_db))
    path = figcache.cache_path(demo_db)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_damaged_side_file_is_made_again(demo_db, monkeypatch):
    period = term_period(demo_db)
    path = figcache.cache_path(demo_db)
    figcache.forget(demo_db)
    path.write_bytes(b"not a database at all" * 100)
    assert printed(demo_db, period) == cold(demo_db, period, monkeypatch)
    assert len(kept(demo_db, period)) > 20
