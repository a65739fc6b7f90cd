"""课后服务 — the demo school's records, with typical lapses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fivemgmt import records
from fivemgmt.areas.afterschool.records import DAYS, ServiceDay, applies

# ------------------------------------------------------------------ demo


def demo_fill(ctx: Any) -> None:
    """Realistic service: most classes 5 days × 120–150 min to about 17:40; a class with only 4 days a week,
    one class with short Fridays, one class ending early, and a forgotten day."""
    rng = ctx.rng
    days = ctx.school_days()
    compulsory = [c for c in ctx.classes if applies(c.grade)]
    if not days or not compulsory:
        return
    four_days = compulsory[1 % len(compulsory)]
    short_friday = compulsory[-1]
    early = compulsory[len(compulsory) // 2] if len(compulsory) > 2 else None
    forgetful = compulsory[0]
    for school_class in compulsory:
        size = len(ctx.students.get(school_class.id, [])) or 40
        usual_end = dt.time(17, 40) if school_class.grade <= 6 else dt.time(18, 0)
        for day in days:
            if school_class is forgetful and day == days[-1]:
                continue
            minutes = rng.choice([120, 120, 125, 130, 135])
            end = usual_end
            if school_class is four_days and day.weekday() == 4:
                records.save(
                    ctx.db,
                    DAYS,
                    ServiceDay(school_class.id, day, False, note="周五未安排").values(),
                    ctx.actor,
                )
                continue
            if school_class is short_friday and day.weekday() == 4 and rng.random() < 0.6:
                minutes, end = 90, dt.time(16, 50)
            if school_class is early and day.weekday() == 2 and day >= days[-1] - dt.timedelta(days=7):
                end = dt.time(17, 10)
            participants = max(0, size - rng.randrange(0, max(2, size // 5)))
            records.save(
                ctx.db,
                DAYS,
                ServiceDay(school_class.id, day, True, minutes, end, participants).values(),
                ctx.actor,
            )
