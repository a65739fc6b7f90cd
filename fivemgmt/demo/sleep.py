"""睡眠管理 — the demo school's records, with typical lapses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fivemgmt import records
from fivemgmt.areas.sleep.records import PARENT, RECORDS, SCHEDULE, SPOT_CHECK, SleepRecord, hm, school_stages

# ------------------------------------------------------------------ demo data


def demo_fill(ctx: Any) -> None:
    """One sampling per class per month (a parent questionnaire), a spot check in some classes, and the
    school's schedule. Lapses: one class sleeps short and goes to bed late, one class has not sampled
    this month, a few students are short repeatedly."""
    rng = ctx.rng
    term = ctx.calendar.current_or_last_term(ctx.today)
    if term is not None:
        for stage in school_stages(ctx.db):
            first = {"小学": dt.time(8, 20), "初中": dt.time(8, 0), "高中": dt.time(8, 0)}[stage]
            records.save(
                ctx.db,
                SCHEDULE,
                {
                    "term_id": term.id,
                    "stage": stage,
                    "first_class": hm(first),
                    "early_arrival": 0,
                    "midday_rest_minutes": 60 if stage == "小学" else 40,
                    "note": "到校时间 7:50–8:10，不组织早读",
                },
                ctx.actor,
            )
    if not ctx.classes:
        return
    short_class = ctx.classes[-1]  # the exam-year class that sleeps short
    late_class = next((c for c in ctx.classes if c.grade == 5), ctx.classes[len(ctx.classes) // 3])
    skipped = ctx.classes[1] if len(ctx.classes) > 3 else None  # has not sampled this month yet
    months: dict[tuple[int, int], list[dt.date]] = {}
    for day in ctx.school_days():
        months.setdefault((day.year, day.month), []).append(day)
    for school_class in ctx.classes:
        min_hours = 10 if school_class.grade <= 6 else (9 if school_class.grade <= 9 else 8)
        latest = {10: 21 * 60 + 20, 9: 22 * 60, 8: 23 * 60}[min_hours]
        chronic = {rng.randrange(len(ctx.students[school_class.id]))}  # short every time: the follow-up list
        for (year, month), days in months.items():
            if school_class is skipped and (year, month) == (ctx.today.year, ctx.today.month):
                continue
            day = days[rng.randrange(len(days))]
            for index, student in enumerate(ctx.students[school_class.id]):
                if rng.random() < 0.08:
                    continue  # questionnaire not returned
                offset = rng.choice([-40, -30, -30, -20, -20, -10, -10, 0, 0, 0, 10])
                if school_class is late_class:
                    offset += rng.choice([10, 20, 30, 40])
                if school_class is short_class:
                    offset += rng.choice([20, 30, 50, 60])
                if index in chronic:
                    offset += 45
                bed = latest + offset
                wake_at = bed + min_hours * 60 + rng.choice([-10, 0, 10, 20, 30, 40, 40])
                if school_class is short_class:
                    wake_at -= rng.choice([20, 40, 60])
                bedtime = dt.time(bed // 60 % 24, bed % 60)
                wake = dt.time(wake_at // 60 % 24, wake_at % 60)
                record = SleepRecord(None, school_class.id, student["id"], day, bedtime, wake, source=PARENT)
                records.save(ctx.db, RECORDS, record.values(), ctx.actor)
        # A 班主任 spot check in the last week for a third of the classes.
        if ctx.classes.index(school_class) % 3 == 0 and school_class is not skipped:
            day = ctx.school_days()[-1]
            pupils = ctx.students[school_class.id]
            others = [p for p in rng.sample(pupils, min(4, len(pupils))) if p is not pupils[min(chronic)]]
            for student in [pupils[min(chronic)], *others]:
                bed = latest - rng.choice([0, 10, 20, 30]) + (45 if student is pupils[min(chronic)] else 0)
                bedtime = dt.time(bed // 60, bed % 60)
                wake = dt.time((bed + min_hours * 60 + 20) // 60 % 24, (bed + 20) % 60)
                records.save(
                    ctx.db,
                    RECORDS,
                    SleepRecord(
                        None, school_class.id, student["id"], day, bedtime, wake, source=SPOT_CHECK
                    ).values(),
                    ctx.actor,
                )
