"""What the area demo fillers are given: the school as built, a seeded random source, the dates."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlite_utils import Database

from fivemgmt import school
from fivemgmt.actor import SYSTEM, Actor
from fivemgmt.calendar import SchoolCalendar


@dataclass
class DemoContext:
    """What area demo fillers need: the school as built, a seeded random source, the dates to fill."""

    db: Database
    rng: random.Random
    today: dt.date
    start: dt.date  # first day with records
    end: dt.date  # last day with records (yesterday)
    calendar: SchoolCalendar
    classes: list[school.SchoolClass]
    students: dict[str, list[dict]] = field(default_factory=dict)
    actor: Actor = SYSTEM

    def school_days(self) -> list[dt.date]:
        return self.calendar.school_days(self.start, self.end)
