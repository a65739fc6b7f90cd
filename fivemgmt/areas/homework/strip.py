"""作业管理 — the homework page's status and week strip after a save, kept per connection and patched
with the rows the save wrote rather than read afresh (a class-day's entries, judged as :mod:`.checks`
judges them: a patched strip equals a fresh one)."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, i18n, records, school
from fivemgmt.areas.base import DayResult
from fivemgmt.areas.homework.checks import (
    HomeworkDay,
    StoredDays,
    _Judge,
    _judged,
    _rest_edge,
)
from fivemgmt.areas.homework.records import (
    DAYS,
    ENTRIES,
    FOR_REST_LOOKAHEAD_DAYS,
    Entry,
    no_homework_rows,
    stored_rows,
)
from fivemgmt.calendar import SchoolCalendar, monday_of
from fivemgmt.rules import Rulebook


def day_and_week(
    db: Database, school_class: school.SchoolClass, day: dt.date, today: dt.date | None = None
) -> tuple[HomeworkDay, list[HomeworkDay]]:
    """:func:`class_day` and the :func:`build_days` of its week (Monday to Sunday), each as those give it:
    the homework page's status and week strip after a save, kept for the connection (:class:`_Strip`).
    Shared: never change what it returns."""
    strip = _strip(db, school_class, day, today or clock.today())
    return strip.status_day(), strip.week.shown()


def status_and_week(
    db: Database, school_class: school.SchoolClass, day: dt.date, today: dt.date | None = None
) -> tuple[HomeworkDay, list[DayResult]]:
    """:func:`day_and_week` with the week's days as the week strip shows them (``DayResult``)."""
    strip = _strip(db, school_class, day, today or clock.today())
    return strip.status_day(), strip.week.results()


STRIPS_KEPT = 8  # class-days whose strips a connection keeps (a page shows one at a time)
PATCH_LIMIT = 200  # rows written since a strip was made beyond which reading it afresh is cheaper


def _strip(db: Database, school_class: school.SchoolClass, day: dt.date, today: dt.date) -> _Strip:
    """The class-day's strip: the one kept, caught up with this connection's writes, or read afresh.

    A kept strip is valid while the set-up state (:func:`fivemgmt.records.setup_state`: another
    connection's commit, a schema change, this one's writes to the calendar and rules) and the language
    of the texts are as they were; this connection's writes since (:func:`fivemgmt.records.written`) are
    read again by id when they are homework rows only, and any other write reads the strip afresh (a
    class's grade, say). Inside a transaction nothing is kept (what it reads may yet be rolled back)."""
    state = records.setup_state(db)
    log = records.written(db)
    language = i18n.language()
    strips = db.__dict__.setdefault("_fivemgmt_homework_strips", {})
    key = (school_class, day, today)
    strip = strips.get(key) if state is not None else None
    if strip is not None and strip.state == state and strip.language == language:
        changed = log.since(strip.position)
        if (
            changed is not None
            and len(changed) <= PATCH_LIMIT
            and all(t in (ENTRIES, DAYS) for t, _ in changed)
        ):
            if changed:
                strip.catch_up(db, changed)
            strip.position = log.count
            return strip
    strip = _Strip.read(db, school_class, day, today, state, language, log.count)
    if state is not None:
        strips.pop(key, None)
        strips[key] = strip
        while len(strips) > STRIPS_KEPT:
            strips.pop(next(iter(strips)))
    return strip


@dataclass
class _Build:
    """One :func:`build_days` of a strip: its days from ``first`` to ``last`` (the rest periods at either
    end whole), of which ``start``..``end`` are shown, the judge they came from (its entries by day), and
    their ``DayResult`` once asked for."""

    start: dt.date
    end: dt.date
    first: dt.date
    last: dt.date
    judge: _Judge
    days: list[HomeworkDay] = field(default_factory=list)
    _results: list[DayResult | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.days = _judged(self.judge, self.start, self.first, self.last)
        self._results = [None] * len(self.days)

    def shown(self) -> list[HomeworkDay]:
        return [d for d in self.days if self.start <= d.date <= self.end]

    def results(self) -> list[DayResult]:
        found = []
        for n, d in enumerate(self.days):
            if self.start <= d.date <= self.end:
                result = self._results[n]
                if result is None:
                    result = self._results[n] = d.result()
                found.append(result)
        return found

    def catch_up(
        self,
        strip: _Strip,
        gone: list[_Row],
        fresh: list[_Row],
        nones_changed: bool,
        touched: set[dt.date],
        rest: bool,
    ) -> None:
        """Take ``gone`` (the rows of the ids written, as they were) out of the days and put ``fresh`` (as
        they are now) in, as :meth:`StoredDays.within` would read them (and the 今日无作业 days again when
        ``nones_changed``); then judge again the days ``touched`` and, with ``rest`` or a rest day touched,
        every rest day and the rest periods. The other days are as a fresh build would give them."""
        judge = self.judge
        by_date = judge.by_date
        ids = {row[3].id for row in gone}
        for day in {row[3].date for row in gone}:
            if day in by_date:
                by_date[day] = [e for e in by_date[day] if e.id not in ids]
        added, _ = StoredDays(strip.lo, strip.hi, [row[1:] for row in fresh], []).within(
            self.first, self.last
        )
        index = strip.index
        for entry in added:  # in entry order: by rowid within its day
            day_entries = list(by_date.get(entry.date, ()))
            bisect.insort(day_entries, entry, key=lambda e: index[e.id][0])
            by_date[entry.date] = day_entries
        if nones_changed:
            low, high = self.first.isoformat(), self.last.isoformat()
            judge.none_dates = {dt.date.fromisoformat(d) for d in strip.nones.values() if low <= d <= high}
        rest = rest or any(strip.calendar.kind(day).is_rest_day for day in touched)
        if rest:
            judge.carry(e for day in sorted(by_date) for e in by_date[day])
        days = list(self.days)
        for n, d in enumerate(days):
            if d.date in touched or (rest and d.day_kind.is_rest_day):
                days[n] = judge.day(d.date)
                self._results[n] = None
        if rest:
            judge.rest_periods(days, self.start)
        self.days = days


_Row = tuple[int, str, bool, Entry]  # as :func:`stored_rows` gives them


@dataclass
class _Strip:
    """The homework page's status and week strip of one class-day (:func:`day_and_week`), with the stored
    rows they were built from, so that after a save only the rows it wrote are read again and only the
    days they were and are on are judged again."""

    school_class: school.SchoolClass
    day: dt.date
    today: dt.date
    state: tuple[int, int, int] | None
    language: tuple[Any, bool]
    position: int  # the connection's write count when it was last caught up
    calendar: SchoolCalendar
    rules: Rulebook
    lo: dt.date  # the days read (and the 周末/假期作业 set in the week before ``lo``)
    hi: dt.date
    index: dict[str, _Row]  # the entries read, by id
    nones: dict[str, str]  # 今日无作业 rows: id -> date as stored
    week: _Build
    own: _Build | None  # a rest day's own build (its rest period may be bounded otherwise); None: the week's

    @classmethod
    def read(
        cls,
        db: Database,
        school_class: school.SchoolClass,
        day: dt.date,
        today: dt.date,
        state: tuple[int, int, int] | None,
        language: tuple[Any, bool],
        position: int,
    ) -> _Strip:
        calendar, rules = SchoolCalendar.of(db), Rulebook.of(db)
        monday = monday_of(day)
        spans = [(monday, monday + dt.timedelta(days=6))]
        # A school day is judged by itself (its own entries, its grade that day; no rest period): the
        # week's day is the one class_day gives. A rest day is judged with its rest period, which
        # class_day may bound differently from the week's (a long vacation, the grade of its first day).
        if calendar.kind(day).is_rest_day:
            spans.append((day, day))
        edges = [(a, b, _rest_edge(calendar, a, -1), _rest_edge(calendar, b, 1)) for a, b in spans]
        lo, hi = min(e[2] for e in edges), max(e[3] for e in edges)
        ahead = lo - dt.timedelta(days=FOR_REST_LOOKAHEAD_DAYS)
        rows = stored_rows(db, school_class.id, lo, hi, for_rest_from=ahead)
        nones = dict(no_homework_rows(db, school_class.id, lo, hi))
        stored = StoredDays(lo, hi, [row[1:] for row in rows], list(nones.values()))
        builds = []
        for start, end, first, last in edges:
            loaded, none_dates = stored.within(first, last)
            judge = _Judge(db, school_class, today, calendar, rules, loaded, none_dates)
            builds.append(_Build(start, end, first, last, judge))
        index = {row[3].id: row for row in rows}
        week, own = builds[0], (builds[1] if len(builds) > 1 else None)
        return cls(
            school_class,
            day,
            today,
            state,
            language,
            position,
            calendar,
            rules,
            lo,
            hi,
            index,
            nones,
            week,
            own,
        )

    def status_day(self) -> HomeworkDay:
        build = self.own or self.week
        return next(d for d in build.days if d.date == self.day)

    def catch_up(self, db: Database, changed: list[tuple[str, str]]) -> None:
        """Read again the rows of ``changed`` (table, id) and judge again the days they were and are on."""
        entry_ids = list(dict.fromkeys(i for t, i in changed if t == ENTRIES))
        day_ids = list(dict.fromkeys(i for t, i in changed if t == DAYS))
        touched: set[dt.date] = set()
        gone = [self.index.pop(i) for i in entry_ids if i in self.index]
        fresh: list[_Row] = []
        if entry_ids:
            ahead = self.lo - dt.timedelta(days=FOR_REST_LOOKAHEAD_DAYS)
            fresh = stored_rows(
                db, self.school_class.id, self.lo, self.hi, for_rest_from=ahead, ids=entry_ids
            )
            self.index.update((row[3].id, row) for row in fresh)
        rest = False  # 周末/假期作业 written (as it was or as it is): the rest periods are judged again
        for row in (*gone, *fresh):
            touched.add(row[3].date)
            rest = rest or row[2] or row[3].for_rest
        if day_ids:
            dates = [self.nones.pop(i) for i in day_ids if i in self.nones]
            fresh_nones = no_homework_rows(db, self.school_class.id, self.lo, self.hi, ids=day_ids)
            self.nones.update(fresh_nones)
            touched.update(dt.date.fromisoformat(d) for d in (*dates, *(d for _, d in fresh_nones)))
        for build in (self.week, self.own):
            if build is not None:
                build.catch_up(self, gone, fresh, bool(day_ids), touched, rest)
