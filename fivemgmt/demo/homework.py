"""作业管理 — the demo school's homework, mostly within the caps, with the typical lapses."""

from __future__ import annotations

import datetime as dt
import random

from fivemgmt import records, school
from fivemgmt.areas import homework as hw
from fivemgmt.calendar import DayKind, monday_of
from fivemgmt.demo.context import DemoContext

CONTENT = {
    "语文": ["完成练习册第{n}页", "抄写第{n}课生字词", "背诵第{n}课课文", "阅读课外书20分钟", "写一篇日记"],
    "数学": ["练习册第{n}页", "课本第{n}页练习题", "口算练习一页", "整理错题", "预习第{n}节"],
    "英语": ["朗读Unit {n}课文", "抄写Unit {n}单词", "完成练习册Unit {n}", "听录音跟读"],
    "历史": ["完成第{n}课填充图册", "复习第{n}课"],
    "生物学": ["完成第{n}节练习"],
    "物理": ["完成第{n}节课后习题"],
    "化学": ["完成第{n}单元练习"],
    "科学": ["观察记录植物生长"],
    "道德与法治": ["和家长讨论第{n}课话题"],
}


# ------------------------------------------------------------------ homework demo data


def demo_fill(ctx: DemoContext) -> None:
    rng = ctx.rng
    days = ctx.school_days()
    if not days:
        return
    exam_week = monday_of(days[-1]) - dt.timedelta(weeks=1) if len(days) > 5 else monday_of(days[0])
    teachers = {
        c.id: {t["subject"]: t["name"] for t in school.teachers_of_class(ctx.db, c.id)} for c in ctx.classes
    }
    grade2 = next((c for c in ctx.classes if c.grade == 2), None)
    grade5 = next((c for c in ctx.classes if c.grade == 5), None)
    forgetful = ctx.classes[len(ctx.classes) // 2] if ctx.classes else None
    forgotten_day = days[-2] if len(days) > 1 else days[-1]
    for school_class in ctx.classes:
        for day in days:
            if school_class is forgetful and day == forgotten_day:
                continue  # the class that forgot to log a day
            if rng.random() < 0.03:
                _save_day(ctx, school_class, day)
                continue
            exam = school_class is grade5 and monday_of(day) == exam_week
            lapse = school_class is grade2 and rng.random() < 0.25
            for entry in _day_entries(rng, school_class, day, teachers[school_class.id], exam, lapse):
                records.save(ctx.db, hw.ENTRIES, entry.values(), ctx.actor)
        # Weekend homework, logged on the Saturday.
        for day in days:
            saturday = day + dt.timedelta(days=1)
            if (
                day.weekday() == 4
                and ctx.calendar.kind(saturday) is DayKind.WEEKEND
                and saturday <= ctx.end
                and school_class.grade >= 3
            ):
                minutes = rng.choice([30, 40, 45, 60]) + (60 if rng.random() < 0.05 else 0)
                entry = hw.Entry(
                    None,
                    school_class.id,
                    saturday,
                    "语文",
                    "周末阅读与练习",
                    hw.WRITTEN,
                    True,
                    minutes,
                    teachers[school_class.id].get("语文", ""),
                )
                records.save(ctx.db, hw.ENTRIES, entry.values(), ctx.actor)


def _save_day(ctx: DemoContext, school_class: school.SchoolClass, day: dt.date) -> None:
    records.save(
        ctx.db, hw.DAYS, {"class_id": school_class.id, "date": day.isoformat(), "no_homework": 1}, ctx.actor
    )


def _day_entries(
    rng: random.Random,
    school_class: school.SchoolClass,
    day: dt.date,
    teachers: dict[str, str],
    exam: bool,
    lapse: bool,
) -> list[hw.Entry]:
    grade = school_class.grade
    entries = []

    def add(subject: str, kind: str, minutes: int, required: bool = True) -> None:
        content = rng.choice(CONTENT.get(subject, ["完成课后练习"])).format(n=rng.randrange(3, 60))
        entries.append(
            hw.Entry(
                None,
                school_class.id,
                day,
                subject,
                content,
                kind,
                required,
                minutes,
                teachers.get(subject, ""),
            )
        )

    if grade <= 2:
        add("语文", "阅读", rng.choice([10, 15, 20]))
        if rng.random() < 0.5:
            add("数学", "口头", rng.choice([5, 10]))
        if lapse:
            add("数学", hw.WRITTEN, rng.choice([15, 20]))  # the lapse: written homework in grade 1–2
        return entries
    budget = {3: 40, 4: 45, 5: 50, 6: 52, 7: 70, 8: 75, 9: 80}.get(grade, 90)
    if exam:
        budget += 30
    written = (
        ["语文", "数学"]
        + (["英语"] if grade >= 3 else [])
        + [s for s in ("物理", "化学", "历史", "生物学") if s in teachers and rng.random() < 0.3]
    )
    shares = [rng.uniform(0.7, 1.3) for _ in written]
    scale = budget * rng.uniform(0.75, 1.1) / sum(shares)
    for subject, share in zip(written, shares):
        add(subject, hw.WRITTEN, max(5, int(round(share * scale / 5.0)) * 5))
    if rng.random() < 0.4:
        add("英语" if grade >= 3 else "语文", "口头", 10)
    if rng.random() < 0.3:
        add("数学", hw.WRITTEN, 15, required=False)  # 选做 (tiered) homework
    return entries
