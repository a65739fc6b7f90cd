"""体质 — the demo school's records, with typical lapses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fivemgmt import records
from fivemgmt.areas.activity.records import DAYS, PE_RULE, SCREENINGS, TIMETABLE, default_day
from fivemgmt.calendar import DayKind
from fivemgmt.rules import Rulebook

# ------------------------------------------------------------------ demo


def demo_fill(ctx: Any) -> None:
    """Timetables by grade, daily records from them, with the usual lapses: a class whose PE lesson was taken
    over by 数学 twice, a class whose 大课间 was cut to 20 minutes in exam week, a class doing eye exercises
    once on some days, a class that forgot a day, and a class with no vision screening this term."""
    rng = ctx.rng
    if not ctx.classes:
        return
    patterns = {4: {0: 1, 1: 1, 3: 1, 4: 1}, 3: {0: 1, 2: 1, 4: 1}, 2: {1: 1, 3: 1}}
    rules = Rulebook(ctx.db)
    for school_class in ctx.classes:
        per_week = int(rules.value(PE_RULE, school_class.grade, ctx.today))
        pattern = patterns.get(per_week, {0: 1, 2: 1, 4: 1})
        shift = school_class.number % 2  # classes of a grade share the field on different days
        table = {(w + shift) % 5: n for w, n in pattern.items()}
        for weekday in range(5):
            records.save(
                ctx.db,
                TIMETABLE,
                {"class_id": school_class.id, "weekday": weekday, "lessons": table.get(weekday, 0)},
                ctx.actor,
            )
    days = ctx.school_days()
    if not days:
        return
    classes = ctx.classes
    taken_over = classes[min(2, len(classes) - 1)]
    short_break = classes[min(4, len(classes) - 1)]
    eyes_once = classes[-1]
    forgetful = classes[len(classes) // 2 + 1] if len(classes) > 2 else None
    no_vision = classes[1] if len(classes) > 1 else None
    last_week = days[-1] - dt.timedelta(days=days[-1].weekday())
    for school_class in classes:
        taken_days = [d for d in days if d >= last_week - dt.timedelta(days=7)]
        for day in days:
            if school_class is forgetful and day == days[-3 if len(days) > 2 else -1]:
                continue
            record = default_day(ctx.db, school_class, day)
            record.break_minutes = rng.choice([30, 30, 30, 35, 40])
            record.activity_minutes = max(
                60,
                record.break_minutes + (40 * record.pe_held if record.pe_held else rng.choice([30, 35, 40])),
            )
            if school_class is taken_over and record.pe_planned and day in taken_days[:4]:
                record.pe_held, record.pe_taken_over, record.taken_over_by = 0, record.pe_planned, "数学"
                record.activity_minutes = record.break_minutes + 15
            if school_class is short_break and day >= last_week - dt.timedelta(days=7) and day < last_week:
                record.break_minutes = 20  # exam week: 大课间 cut short
                record.activity_minutes = 20 + (40 * record.pe_held if record.pe_held else 25)
            if school_class is eyes_once and rng.random() < 0.25:
                record.eye_exercises = 1
            records.save(ctx.db, DAYS, record.values(), ctx.actor)
        if school_class is no_vision:
            continue
        term = ctx.calendar.current_or_last_term(ctx.end)
        if term is None:
            continue
        size = len(ctx.students.get(school_class.id, []))
        first = term.start + dt.timedelta(days=14 + rng.randrange(10))
        second = term.start + dt.timedelta(days=70 + rng.randrange(10))
        for day in (first, second):
            while ctx.calendar.kind(day) is not DayKind.SCHOOL:
                day += dt.timedelta(days=1)
            if day <= ctx.end:
                records.save(
                    ctx.db,
                    SCREENINGS,
                    {
                        "class_id": school_class.id,
                        "date": day.isoformat(),
                        "screened": size,
                        "note": "校医室视力筛查",
                    },
                    ctx.actor,
                )
