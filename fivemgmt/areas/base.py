"""What every area shares: the week context and the shape of a week's result."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Protocol, runtime_checkable

from sqlite_utils import Database

from fivemgmt import clock
from fivemgmt.calendar import DayKind, SchoolCalendar, week_days
from fivemgmt.i18n import translate
from fivemgmt.rules import Rulebook, Status, Verdict


@dataclass(frozen=True)
class AreaName:
    key: str
    title: str  # 作业
    long_title: str  # 作业管理


# The states a day can be in, the same words in every area: checked ("logged"), a school day that should
# have been logged and was not ("unlogged"), after today ("future"), a day off ("rest"), a day the area
# does not log ("none": 作业 无作业 on a rest day, 睡眠 a day without a sample, 读物 every day).
DAY_STATES = ("logged", "unlogged", "future", "rest", "none")


@dataclass(frozen=True)
class DayResult:
    """One class-day of one area, the one shape every area gives its days in: what the week strip, the
    status strip, the summary's JSON and the charts read (by attribute: a renamed figure is an
    AttributeError, never a silent 0).

    ``figures`` is the area's frozen day-figures dataclass (``activity.ActivityDayFigures`` …), None when
    the area has no figures for its days. Its fields are the day's JSON keys next to the common ones."""

    date: dt.date
    kind: DayKind
    state: str  # one of DAY_STATES
    status: Status
    reason: str
    source: str = ""
    figures: Any = None

    def __post_init__(self) -> None:
        if self.state not in DAY_STATES:
            raise ValueError(f"unknown day state {self.state!r}")

    @classmethod
    def of(cls, day: dt.date, kind: DayKind, state: str, verdict: Verdict, figures: Any = None) -> DayResult:
        return cls(day, kind, state, verdict.status, verdict.reason, verdict.source, figures)

    @property
    def verdict(self) -> Verdict:
        return Verdict(self.status, self.reason, self.source)

    @property
    def logged(self) -> bool:
        return self.state == "logged"

    def to_json(self) -> dict[str, Any]:
        extra = (
            {}
            if self.figures is None
            else {f.name: getattr(self.figures, f.name) for f in fields(self.figures)}
        )
        return {
            "date": self.date.isoformat(),
            "day_kind": self.kind.value,
            "state": self.state,
            **extra,
            "status": self.status.value,
            "reason": self.reason,
        }


ClassDays = dict[str, list[DayResult]]  # class id -> its days, one per date of the range asked


@runtime_checkable
class Area(Protocol):
    """What every area module implements the same way (``fivemgmt.areas.area_module(key)`` is one):

    - ``days(ctx, classes, start, end)``: every class's days start..end (inclusive), one DayResult per date,
      read for all the classes at once (a few grouped queries, not one per class-week);
    - ``week(ctx, school_class)``: the class's week of ``ctx``, its ``days`` those of ``days`` for the week;
    - ``IMPORT_COLUMNS``: the columns of its import/export sheet.
    """

    AREA: AreaName
    IMPORT_COLUMNS: list[Any]

    def days(self, ctx: WeekContext, classes: Iterable[Any], start: dt.date, end: dt.date) -> ClassDays: ...

    def week(self, ctx: WeekContext, school_class: Any) -> AreaWeek: ...


@dataclass
class PeriodScope:
    """The weeks of one period asked at once (a term's self-inspection, 本学期): an area reads what its
    weeks need once for the whole period and all its classes, instead of once per class and week."""

    start: dt.date
    end: dt.date
    today: dt.date
    classes: dict[str, Any]  # class id -> the class (as of the period's start)
    cache: dict[str, Any] = field(default_factory=dict)


class _Dated:
    """A class's items of a period, sliced by date in the order they were loaded: by bisection when
    they came sorted by date (a period's weeks ask a class's items dozens of times), else by a scan."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items
        self.dates = [i.date for i in items]
        self.ordered = all(a <= b for a, b in zip(self.dates, self.dates[1:]))

    def between(self, start: dt.date, end: dt.date) -> list[Any]:
        if not self.ordered:
            return [i for i in self.items if start <= i.date <= end]
        return self.items[bisect.bisect_left(self.dates, start) : bisect.bisect_right(self.dates, end)]


@dataclass
class WeekContext:
    """Everything a week summary needs, loaded once and shared by all classes and areas."""

    db: Database
    monday: dt.date
    today: dt.date
    calendar: SchoolCalendar
    rules: Rulebook
    shared: dict[str, Any] = field(default_factory=dict)
    period: PeriodScope | None = None

    def spans(
        self,
        key: str,
        load: Callable[[list[Any], dt.date, dt.date], dict[str, list[Any]]],
        classes: Iterable[Any],
        start: dt.date,
        end: dt.date,
        reach: int = 0,
    ) -> dict[str, list[Any]]:
        """Each class's dated items (anything with a ``date``) from start to end: ``load(classes, first,
        last)`` gives them by class id. Within a period the load runs once, for the whole period (and
        ``reach`` days before it) and all its classes; the weeks take their slices of it."""
        classes = list(classes)
        scope = self.period
        covered = (
            scope is not None
            and scope.today == self.today
            and scope.start - dt.timedelta(days=reach) <= start
            and end <= scope.end
            and all(c.id in scope.classes and scope.classes[c.id].grade == c.grade for c in classes)
        )
        if not covered:
            found = load(classes, start, end)
            return {c.id: [i for i in found.get(c.id, []) if start <= i.date <= end] for c in classes}
        cached = f"{key}|{reach}"
        if cached not in scope.cache:
            loaded = load(list(scope.classes.values()), scope.start - dt.timedelta(days=reach), scope.end)
            scope.cache[cached] = {class_id: _Dated(items) for class_id, items in loaded.items()}
        spans = scope.cache[cached]
        return {c.id: spans[c.id].between(start, end) if c.id in spans else [] for c in classes}

    def per_period(self, key: str, compute: Callable[[], Any]) -> Any:
        """A school-wide read of this week, computed once within a period (the period's weeks and their
        classes ask it from one ``PeriodScope``) and afresh for a week asked by itself (a context can
        outlive a write: the page's week after a save)."""
        scope = self.period
        if scope is None or scope.today != self.today:
            return compute()
        if key not in scope.cache:
            scope.cache[key] = compute()
        return scope.cache[key]

    def once(self, key: str, compute: Callable[[], Any]) -> Any:
        """A school-wide figure of this week, computed for the first class and reused for the others
        (so a summary's cost grows with the classes, not with classes × school)."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]

    @classmethod
    def load(
        cls, db: Database, monday: dt.date, today: dt.date | None = None, period: PeriodScope | None = None
    ) -> WeekContext:
        return cls(db, monday, today or clock.today(), SchoolCalendar.of(db), Rulebook.of(db), period=period)

    @property
    def days(self) -> list[dt.date]:
        return week_days(self.monday)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def past_school_days(self) -> list[dt.date]:
        """School days of the week up to yesterday — the days that should have been logged by now."""
        return [d for d in self.calendar.school_days(self.monday, self.sunday) if d < self.today]


@dataclass(frozen=True)
class InvalidRecords:
    """The figures of a week the app could not judge: how many stored records it could not read."""

    invalid_records: int


@dataclass
class AreaWeek:
    """One class's week in one area: the single source of the numbers charts, forms and the CLI show."""

    area: str
    class_id: str
    class_name: str
    grade: int
    status: Status
    reason: str
    source: str = ""
    # The area's week figures: a frozen dataclass of the area module (``phone.PhoneWeek``, …), read by
    # attribute so a renamed or missing figure is an AttributeError, never a silent 0. None: no figures.
    figures: Any = None
    days: list[DayResult] = field(default_factory=list)

    @property
    def invalid(self) -> bool:
        """A finding instead of figures: stored data the app could not read (``summary._finding``)."""
        return isinstance(self.figures, InvalidRecords)

    @classmethod
    def from_verdict(cls, area: str, school_class: Any, verdict: Verdict, **kwargs: Any) -> AreaWeek:
        return cls(
            area,
            school_class.id,
            school_class.name,
            school_class.grade,
            verdict.status,
            verdict.reason,
            verdict.source,
            **kwargs,
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)  # the figures dataclass becomes the same JSON keys as its fields
        if data["figures"] is None:
            data["figures"] = {}
        data["status"] = self.status.value
        data["status_label"] = self.status.label
        data["days"] = [d.to_json() for d in self.days]
        return data


def not_in_force(rules: Rulebook, rule_id: str, grade: int, on: dt.date, what: str) -> Verdict | None:
    """Status.NA naming the start date when ``rule_id`` has no value for the grade on ``on`` (a week before
    the notice took effect); None when the rule applies. Areas return it instead of judging."""
    if rules.has(rule_id, grade, on):
        return None
    starts = [
        r.effective_from
        for r in (*rules.overrides, *rules.rules)
        if r.id == rule_id and r.grade_from <= grade <= r.grade_to and r.effective_from > on
    ]
    what = translate("Verdict", what)
    if starts:
        text = translate("Verdict", "{what}自 {date} 起施行，此前不作判定")
        return Verdict(Status.NA, text.format(what=what, date=f"{min(starts):%Y-%m-%d}"))
    return Verdict(
        Status.NA, translate("Verdict", "{what}对该年级、该日期没有规定，不作判定").format(what=what)
    )
