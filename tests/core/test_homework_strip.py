"""The homework page's status and week strip kept per connection and caught up with the rows each write
touched: after every kind of write it equals what a fresh ``class_day`` and ``build_days`` give, and a
change to the calendar, the rules, a class or the file from elsewhere reads it afresh."""

import datetime as dt
import random

import pytest

from fivemgmt import records, school
from fivemgmt.actor import LOCAL_ADMIN, SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.areas.homework import strip
from fivemgmt.calendar import SchoolCalendar, monday_of, save_calendar_entry
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.rules import Rulebook, Status, save_override
from fivemgmt.session import open_db
from tests.conftest import TODAY
from tests.core.helpers import make_school

SATURDAY = TODAY + dt.timedelta(days=3)
# the class-days a page may show: today, a past and a future school day, the weekend, the next week
SHOWN = [
    TODAY,
    TODAY - dt.timedelta(days=2),
    TODAY + dt.timedelta(days=2),
    SATURDAY,
    TODAY + dt.timedelta(days=5),
]


@pytest.fixture
def classes(db):
    return make_school(db)


@pytest.fixture
def reads(monkeypatch):
    """How many strips were read afresh (the others were caught up with the rows written)."""
    count = [0]
    read = strip._Strip.read.__func__

    def counted(cls, *args, **kwargs):
        count[0] += 1
        return read(cls, *args, **kwargs)

    monkeypatch.setattr(strip._Strip, "read", classmethod(counted))
    return count


def fresh(db, school_class, day):
    """What the page would show if nothing were kept: class_day and build_days of the week, read now."""
    calendar, rules = SchoolCalendar(db), Rulebook(db)
    (status,) = hw.build_days(db, school_class, day, day, TODAY, calendar, rules)
    monday = monday_of(day)
    week = hw.build_days(db, school_class, monday, monday + dt.timedelta(days=6), TODAY, calendar, rules)
    return status, week


def assert_strips_fresh(db, shown):
    for school_class, day in shown:
        status, week = fresh(db, school_class, day)
        got_status, got_week = hw.day_and_week(db, school_class, day, TODAY)
        assert got_status == status, (school_class.name, day)
        assert got_week == week, (school_class.name, day)
        got_status, results = hw.status_and_week(db, school_class, day, TODAY)
        assert got_status == status and results == [d.result() for d in week], (school_class.name, day)


def _random_write(db, rng, classes, saved):
    """One write as the page or an import makes them: new entries (today, past days with a reason, the
    weekend, 周末/假期作业), edits (minutes, kind, 必做, the day, the class), deletes, 今日无作业, copies."""
    c = rng.choice([classes[4], classes[4], classes[2]])
    day = TODAY + dt.timedelta(days=rng.randint(-9, 11))
    action = rng.choice(["add", "add", "add", "edit", "edit", "delete", "none", "copy"])
    if action == "add" or (action in ("edit", "delete") and not saved):
        entry = hw.Entry(
            None,
            c.id,
            day,
            rng.choice(["语文", "数学"]),
            f"第{len(saved)}题",
            rng.choice(["书面", "书面", "口头"]),
            rng.random() < 0.7,
            rng.choice([10, 20, 30, 45, 70]),
            for_rest=rng.random() < 0.3,
        )
        hw.save_entry(db, SYSTEM, entry, reason="补登", today=TODAY)
        saved.append(entry.id)
    elif action == "edit":
        entry = hw.Entry.from_row(records.get(db, hw.ENTRIES, rng.choice(saved)))
        change = rng.choice(["minutes", "kind", "required", "date", "for_rest", "class"])
        if change == "minutes":
            entry.minutes = rng.choice([0, 15, 40, 90])
        elif change == "kind":
            entry.kind = rng.choice(hw.KINDS)
        elif change == "required":
            entry.required = not entry.required
        elif change == "date":
            entry.date = day
        elif change == "for_rest":
            entry.for_rest = not entry.for_rest
        else:
            entry.class_id = rng.choice([classes[2], classes[4], classes[8]]).id
        hw.save_entry(db, SYSTEM, entry, reason="更正", today=TODAY)
    elif action == "delete":
        record_id = saved.pop(rng.randrange(len(saved)))
        if not records.get(db, hw.ENTRIES, record_id)["deleted"]:
            hw.delete_entry(db, SYSTEM, record_id, reason="删除", today=TODAY)
    elif action == "none":
        hw.set_no_homework(db, SYSTEM, c.id, day, reason="无作业", today=TODAY)
    else:
        source = TODAY + dt.timedelta(days=rng.randint(-9, 11))
        hw.copy_day(db, SYSTEM, c.id, source, day, reason="复制", today=TODAY)


def test_kept_strips_equal_fresh_ones_after_every_kind_of_write(db, classes, reads, monkeypatch):
    monkeypatch.setattr(strip, "STRIPS_KEPT", 10)  # every class-day below kept
    shown = [(c, day) for c in (classes[4], classes[2]) for day in SHOWN]
    assert_strips_fresh(db, shown)
    first_reads = reads[0]
    rng = random.Random(13)
    saved: list[str] = []
    writes = 0
    for _ in range(160):
        try:
            _random_write(db, rng, classes, saved)
        except (UserError, hw.ReasonRequired):
            continue  # refused (今日无作业 on a day with entries, nothing to copy, …): nothing written
        writes += 1
        assert_strips_fresh(db, shown)
    assert writes > 100
    # every write was a homework row only: each strip was caught up, never read again
    assert reads[0] == first_reads


def test_the_rows_of_one_save_are_read_again_and_only_the_day_touched_is_judged_again(db, classes):
    c = classes[4]
    hw.status_and_week(db, c, TODAY, TODAY)
    _, before = hw.day_and_week(db, c, TODAY, TODAY)
    hw.save_entry(db, SYSTEM, hw.Entry(None, c.id, TODAY, "数学", "练习", "书面", True, 30), today=TODAY)
    status, week = hw.day_and_week(db, c, TODAY, TODAY)
    assert status.written_minutes == 30 and status.state is hw.DayState.LOGGED
    # the other days are the very objects shown before; today's is new, and what was shown is unchanged
    assert [a is b for a, b in zip(before, week)] == [d.date != TODAY for d in week]
    assert next(d for d in before if d.date == TODAY).state is hw.DayState.UNLOGGED


@pytest.mark.parametrize("change", ["rules", "calendar", "class", "other connection"])
def test_a_change_other_than_homework_rows_reads_the_strip_afresh(db, db_path, classes, reads, change):
    c = classes[4]
    for n in range(2):
        hw.save_entry(
            db, SYSTEM, hw.Entry(None, c.id, TODAY, "数学", f"题{n}", "书面", True, 25), today=TODAY
        )
    shown = [(c, day) for day in SHOWN]
    assert_strips_fresh(db, shown)
    before = reads[0]
    status_before, _ = hw.day_and_week(db, c, TODAY, TODAY)
    if change == "rules":  # the cap lowered: today's 50 minutes are over it now
        save_override(
            db, LOCAL_ADMIN, hw.CAP_RULE, "45", 4, 4, "试行", effective_from=TODAY - dt.timedelta(days=30)
        )
    elif change == "calendar":  # tomorrow a holiday: the week's rest days change
        save_calendar_entry(
            db,
            SYSTEM,
            {"date": (TODAY + dt.timedelta(days=1)).isoformat(), "kind": "holiday", "name": "校庆"},
        )
    elif change == "class":
        school.add_class(db, SYSTEM, 5, 1)
    else:  # another program writes an entry into the file
        other = open_db(db_path)
        try:
            hw.save_entry(
                other, SYSTEM, hw.Entry(None, c.id, TODAY, "语文", "作文", "书面", True, 25), today=TODAY
            )
        finally:
            other.close()
    assert_strips_fresh(db, shown)
    assert reads[0] > before
    status, _ = hw.day_and_week(db, c, TODAY, TODAY)
    if change == "rules":
        assert status.cap == 45 and status_before.verdict.status is Status.GREEN
        assert status.verdict.status is Status.RED
    if change == "other connection":
        assert status.written_minutes == 75


def test_a_rolled_back_write_shows_as_the_file_is(db, classes, reads):
    c = classes[4]
    hw.save_entry(db, SYSTEM, hw.Entry(None, c.id, TODAY, "数学", "留下", "书面", True, 20), today=TODAY)
    assert hw.day_and_week(db, c, TODAY, TODAY)[0].written_minutes == 20
    with transaction(db):
        try:
            with transaction(db):  # a savepoint, undone
                hw.save_entry(
                    db, SYSTEM, hw.Entry(None, c.id, TODAY, "数学", "撤销", "书面", True, 50), today=TODAY
                )
                # inside a transaction nothing is kept: what is read may yet be rolled back
                assert hw.day_and_week(db, c, TODAY, TODAY)[0].written_minutes == 70
                raise RuntimeError("undo")
        except RuntimeError:
            pass
    assert_strips_fresh(db, [(c, TODAY)])
    assert hw.day_and_week(db, c, TODAY, TODAY)[0].written_minutes == 20


def test_a_write_too_big_for_the_log_reads_the_strip_afresh(db, classes, reads, monkeypatch):
    monkeypatch.setattr(records, "WRITE_LOG_LIMIT", 3)
    c = classes[4]
    hw.status_and_week(db, c, TODAY, TODAY)
    before = reads[0]
    entries = [hw.Entry(None, c.id, TODAY, "数学", f"导入{n}", "书面", True, 5) for n in range(5)]
    hw.save_entries(db, SYSTEM, entries, today=TODAY)
    assert hw.day_and_week(db, c, TODAY, TODAY)[0].written_minutes == 25
    assert reads[0] == before + 1
    assert_strips_fresh(db, [(c, TODAY)])


def test_the_write_log_names_the_rows_written_since_a_position(db):
    log = records.WriteLog()
    log.note("a", ["1", "2"])
    position = log.count
    log.note("b", ["3"])
    assert log.since(position) == [("b", "3")] and log.since(log.count) == []
    log.note("c", [str(n) for n in range(records.WRITE_LOG_LIMIT + 1)])  # an import: not kept
    assert log.since(position) is None and log.since(log.count) == []


def test_a_connection_keeps_a_bounded_number_of_strips(db, classes):
    for offset in range(strip.STRIPS_KEPT + 5):
        hw.status_and_week(db, classes[4], TODAY + dt.timedelta(days=offset), TODAY)
    assert len(db.__dict__["_fivemgmt_homework_strips"]) == strip.STRIPS_KEPT


def test_a_language_switched_reads_the_strip_afresh(db, classes):
    from fivemgmt import i18n

    c = classes[4]
    hw.save_entry(db, SYSTEM, hw.Entry(None, c.id, TODAY, "数学", "练习", "书面", True, 30), today=TODAY)
    source_text = hw.day_and_week(db, c, TODAY, TODAY)[0].verdict.reason
    i18n.install(lambda context, text: f"[{text}]")
    try:
        assert hw.day_and_week(db, c, TODAY, TODAY)[0].verdict.reason.startswith("[")
        assert_strips_fresh(db, [(c, TODAY)])
        with i18n.source_language():  # a PDF built meanwhile stays Chinese
            assert hw.day_and_week(db, c, TODAY, TODAY)[0].verdict.reason == source_text
    finally:
        i18n.uninstall()
    assert hw.day_and_week(db, c, TODAY, TODAY)[0].verdict.reason == source_text
