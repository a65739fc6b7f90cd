"""What every area shares: the week context and the shape of a week's result."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlite_utils import Database

from fivemgmt.calendar import SchoolCalendar, week_days
from fivemgmt.rules import Rulebook, Status, Verdict


@dataclass(frozen=True)
class Area:
    key: str
    title: str  # 作业
    long_title: str  # 作业管理


@dataclass
class WeekContext:
    """Everything a week summary needs, loaded once and shared by all classes and areas."""

    db: Database
    monday: dt.date
    today: dt.date
    calendar: SchoolCalendar
    rules: Rulebook

    @classmethod
    def load(cls, db: Database, monday: dt.date, today: dt.date | None = None) -> WeekContext:
        return cls(db, monday, today or dt.date.today(), SchoolCalendar(db), Rulebook(db))

    @property
    def days(self) -> list[dt.date]:
        return week_days(self.monday)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def past_school_days(self) -> list[dt.date]:
        """School days of the week up to yesterday — the days that should have been logged by now."""
        return [d for d in self.calendar.school_days(self.monday, self.sunday) if d < self.today]

    def school_days_until_today(self) -> list[dt.date]:
        return [d for d in self.calendar.school_days(self.monday, self.sunday) if d <= self.today]


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
    figures: dict[str, Any] = field(default_factory=dict)
    days: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_verdict(cls, area: str, school_class: Any, verdict: Verdict, **kwargs: Any) -> AreaWeek:
        return cls(area, school_class.id, school_class.name, school_class.grade, verdict.status, verdict.reason,
                   verdict.source, **kwargs)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        data["status_label"] = self.status.label
        return data
