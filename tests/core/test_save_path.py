"""The homework page's save path: set-up read once per change of the file, the status and week strip from
one read, and the same results (and the same stored rows and audit entries) as before."""

import datetime as dt
import json

import pytest

from fivemgmt import audit, audit_verify, records, school
from fivemgmt.actor import LOCAL_ADMIN, SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.calendar import SchoolCalendar, monday_of, save_calendar_entry
from fivemgmt.db import transaction
from fivemgmt.rules import Rulebook, save_override
from fivemgmt.session import open_db
from tests.conftest import TODAY
from tests.core.helpers import make_school


@pytest.fixture
def classes(db):
    return make_school(db)


def _classes(db):
    return school.list_classes(db)


def test_day_and_week_give_class_day_and_build_days_on_the_demo_school(demo_db):
    """Every class, every day of the term's weeks and of the vacations either side (long rest periods,
    weekends, 周末/假期作业, 今日无作业): the one-read results equal the two separate ones."""
    db = demo_db
    classes = _classes(db)
    # entries set ahead for the weekend and a day marked 今日无作业, so both windows are exercised
    c = classes[0]
    friday = monday_of(TODAY) - dt.timedelta(days=3)
    hw.save_entry(
        db,
        SYSTEM,
        hw.Entry(None, c.id, friday, "数学", "周末作业", "书面", True, 40, for_rest=True),
        reason="补登",
        today=TODAY,
    )
    calendar = SchoolCalendar(db)
    term = calendar.terms[0]
    days = [term.start - dt.timedelta(days=20) + dt.timedelta(days=i) for i in range(0, 200, 3)]
    days += [TODAY, TODAY + dt.timedelta(days=3), friday, friday + dt.timedelta(days=1)]
    compared = 0
    for school_class in classes:
        for day in days:
            rules = Rulebook(db)
            expected_day = hw.class_day(db, school_class, day, TODAY)
            monday = monday_of(day)
            expected_week = hw.build_days(
                db, school_class, monday, monday + dt.timedelta(days=6), TODAY, SchoolCalendar(db), rules
            )
            got_day, got_week = hw.day_and_week(db, school_class, day, TODAY)
            assert got_day == expected_day, (school_class.name, day)
            assert got_week == expected_week, (school_class.name, day)
            compared += 1
    assert compared > 100


def test_stored_days_window_is_what_a_narrower_read_gives(demo_db):
    db = demo_db
    c = _classes(db)[1]
    first, last = TODAY - dt.timedelta(days=30), TODAY + dt.timedelta(days=10)
    # rows the app would not write: for_rest neither 0 nor 1, and an unreadable date (skipped, logged)
    for record_id, day, for_rest in [
        ("odd-2", TODAY - dt.timedelta(days=3), 2),
        ("odd-text", TODAY - dt.timedelta(days=4), "yes"),
        ("odd-real", TODAY - dt.timedelta(days=5), 1.0),
        ("odd-date", "2026-11-20x", 1),
    ]:
        db.conn.execute(
            "INSERT INTO homework_entries (id, class_id, date, subject, kind, minutes, for_rest, deleted)"
            " VALUES (?, ?, ?, '数学', '书面', 10, ?, 0)",
            [record_id, c.id, day if isinstance(day, str) else day.isoformat(), for_rest],
        )
    db.conn.commit()
    stored = hw.StoredDays.read(db, c.id, first, last)
    for start in (first, TODAY - dt.timedelta(days=9), TODAY):
        for end in (TODAY, last):
            entries, nones = stored.within(start, end)
            ahead = start - dt.timedelta(days=hw.FOR_REST_LOOKAHEAD_DAYS)
            assert entries == hw.entries_between(db, c.id, start, end, for_rest_from=ahead)
            assert nones == hw._no_homework_dates(db, c.id, start, end)


def test_cached_calendar_and_rules_follow_this_connections_changes(db, classes):
    calendar, rules = SchoolCalendar.of(db), Rulebook.of(db)
    assert SchoolCalendar.of(db) is calendar and Rulebook.of(db) is rules  # nothing changed: read once
    holiday = TODAY + dt.timedelta(days=1)
    save_calendar_entry(db, SYSTEM, {"date": holiday.isoformat(), "kind": "holiday", "name": "校庆"})
    assert SchoolCalendar.of(db) is not calendar
    assert SchoolCalendar.of(db).kind(holiday).is_rest_day and not calendar.kind(holiday).is_rest_day
    save_override(
        db, LOCAL_ADMIN, "homework.written_daily_max_minutes", "50", 4, 4, "试行", effective_from=TODAY
    )
    assert Rulebook.of(db).value("homework.written_daily_max_minutes", 4, TODAY) == 50
    assert rules.value("homework.written_daily_max_minutes", 4, TODAY) != 50


def test_cached_calendar_and_rules_follow_another_connections_changes(db, db_path, classes):
    holiday = TODAY + dt.timedelta(days=2)
    calendar, rules = SchoolCalendar.of(db), Rulebook.of(db)
    other = open_db(db_path)  # another program on the same file
    try:
        save_calendar_entry(other, SYSTEM, {"date": holiday.isoformat(), "kind": "holiday", "name": "运动会"})
        save_override(
            other, LOCAL_ADMIN, "homework.written_daily_max_minutes", "45", 4, 4, "试行", effective_from=TODAY
        )
    finally:
        other.close()
    assert SchoolCalendar.of(db) is not calendar and SchoolCalendar.of(db).kind(holiday).is_rest_day
    assert Rulebook.of(db) is not rules
    assert Rulebook.of(db).value("homework.written_daily_max_minutes", 4, TODAY) == 45


def test_no_cached_calendar_inside_a_transaction(db, classes):
    """A savepoint rolled back undoes rows the connection's change count has counted: inside a
    transaction the calendar is read afresh, and after the rollback the cache shows the file."""
    before = SchoolCalendar.of(db)
    holiday = TODAY + dt.timedelta(days=7)  # a Wednesday
    with transaction(db):
        try:
            with transaction(db):  # a savepoint
                save_calendar_entry(db, SYSTEM, {"date": holiday.isoformat(), "kind": "holiday", "name": "x"})
                assert SchoolCalendar.of(db).kind(holiday).is_rest_day
                raise RuntimeError("undo")
        except RuntimeError:
            pass
        assert not SchoolCalendar.of(db).kind(holiday).is_rest_day
    assert not SchoolCalendar.of(db).kind(holiday).is_rest_day
    assert records.setup_state(db) is not None and SchoolCalendar.of(db).entries == before.entries


def test_saves_write_the_same_rows_and_audit_entries_and_verify(demo_db):
    """What the page's save writes is unchanged: the entry as typed, one audit entry of it, a chain that
    verifies."""
    db = demo_db
    c = next(k for k in _classes(db) if k.grade >= 3)
    head = db.execute(f"SELECT MAX(seq) FROM {audit.AUDIT_TABLE}").fetchone()[0]
    entry = hw.Entry(None, c.id, TODAY, "数学", "练习册第3页", "书面", True, 20)
    hw.save_entry(db, SYSTEM, entry, today=TODAY)
    hw.day_and_week(db, c, TODAY, TODAY)
    row = records.get(db, hw.ENTRIES, entry.id)
    assert hw.Entry.from_row(row) == entry
    added = db.execute(
        f"SELECT table_name, record_id, action, after FROM {audit.AUDIT_TABLE} WHERE seq > ? ORDER BY seq",
        [head],
    ).fetchall()
    assert [(t, r, a) for t, r, a, _ in added] == [(hw.ENTRIES, entry.id, "insert")]
    assert json.loads(added[0][3]) == row
    assert audit_verify.verify(db).ok


def test_a_save_elsewhere_keeps_the_cached_calendar_and_rules(db, classes):
    from fivemgmt.rules import OVERRIDES_TABLE

    assert {"terms", "calendar_days", OVERRIDES_TABLE} <= set(records.SETUP_TABLES)
    calendar, rules = SchoolCalendar.of(db), Rulebook.of(db)
    c = classes[4]
    hw.save_entry(db, SYSTEM, hw.Entry(None, c.id, TODAY, "数学", "练习", "书面", True, 20), today=TODAY)
    assert SchoolCalendar.of(db) is calendar and Rulebook.of(db) is rules
    # a rebuilt table loses its triggers: they are made again, and its changes still count
    db.execute("CREATE TABLE calendar_days_copy AS SELECT * FROM calendar_days")
    assert SchoolCalendar.of(db) is not calendar
    calendar = SchoolCalendar.of(db)
    holiday = TODAY + dt.timedelta(days=1)
    db.execute(
        "INSERT INTO calendar_days (id, date, kind, name, deleted) VALUES ('x', ?, 'holiday', '校庆', 0)",
        [holiday.isoformat()],
    )
    assert SchoolCalendar.of(db).kind(holiday).is_rest_day


def test_a_connection_that_may_not_write_reads_the_calendar_every_time(db, classes):
    from fivemgmt.db import stop_writing

    stop_writing(db, "损坏")
    assert records.setup_state(db) is None
    assert SchoolCalendar.of(db) is not SchoolCalendar.of(db)
    assert SchoolCalendar.of(db).terms == SchoolCalendar(db).terms


def test_a_cached_rulebook_remembers_a_bounded_number_of_lookups(db, classes, monkeypatch):
    from fivemgmt import rules as rules_module

    monkeypatch.setattr(rules_module, "_MEMO_LIMIT", 3)
    book, fresh = Rulebook.of(db), Rulebook(db)
    for offset in range(10):
        day = TODAY - dt.timedelta(days=offset)
        assert book.rule(hw.CAP_RULE, 4, day) == fresh._find(hw.CAP_RULE, 4, day)
        assert book.has(hw.CAP_RULE, 4, day)
    assert len(book._found) <= 3 and len(book._has) <= 3
