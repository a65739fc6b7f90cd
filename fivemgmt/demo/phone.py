"""手机管理 — the demo school's records, with typical lapses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fivemgmt import records, school
from fivemgmt.areas.phone.checks import REASONS
from fivemgmt.areas.phone.records import (
    APPLICATIONS,
    APPROVED,
    CONTACT,
    CUSTODIANS,
    CUSTODY,
    CUSTODY_DAYS,
    FOLLOWUPS,
    HANDED_IN,
    NOT_BROUGHT,
    NOT_HANDED_IN,
    POLICY,
    REFUSED,
    VIOLATION,
    Application,
    custody_rows,
)
from fivemgmt.rules import Rulebook


def demo_fill(ctx: Any) -> None:
    """Approved applications in most classes (more in older grades), daily logs, the school's policy facts.
    Lapses: one class with violations (one student escalated) and two school days without a log, an
    approval that expired and was not renewed, a phone not handed in, a class with no named custodian."""
    rng, db, actor = ctx.rng, ctx.db, ctx.actor
    term = ctx.calendar.current_or_last_term(ctx.today)
    if term is None or not ctx.classes:
        return
    records.save(
        db,
        POLICY,
        {
            "term_id": term.id,
            "application_system": 1,
            "classroom_ban": 1,
            "storage_device": "各班教室外带锁手机保管柜（一人一格）",
            "public_phone": "各楼层亲情电话（一楼、三楼）",
            "hotline": "班主任沟通热线（见家校联系卡）",
            "no_phone_homework": 1,
            "guidance": "开学第一课“合理使用手机”主题班会；每月一次网络素养教育",
            "parents_informed_on": (term.start + dt.timedelta(days=3)).isoformat(),
            "note": "",
        },
        actor,
    )
    school_days = ctx.school_days()
    bad = next((c for c in ctx.classes if c.grade == 8), ctx.classes[-1])  # violations and missing logs
    expired_class = next((c for c in ctx.classes if c.grade == 6), ctx.classes[0])
    no_custodian = ctx.classes[2] if len(ctx.classes) > 2 else None
    for index, school_class in enumerate(ctx.classes):
        head = school.head_teacher_name(db, school_class)
        if school_class is not no_custodian:
            records.save(
                db,
                CUSTODIANS,
                {"term_id": term.id, "class_id": school_class.id, "name": head or "班主任"},
                actor,
            )
        students = ctx.students[school_class.id]
        count = (
            0
            if school_class.grade <= 2 and index % 2 == 0
            else (1 if school_class.grade <= 4 else rng.choice([2, 3]))
        )
        chosen = rng.sample(students, min(count + 2, len(students)))
        approved = chosen[:count]
        others = chosen[count:]
        apps: list[Application] = []
        for student in approved:
            applied = term.start + dt.timedelta(days=rng.randrange(3, 12))
            apps.append(
                Application(
                    None,
                    school_class.id,
                    student["id"],
                    applied,
                    rng.choice(REASONS),
                    student["name"][0] + rng.choice(["建国", "丽华", "志明", "秀兰", "海涛"]),
                    APPROVED,
                    "德育处 " + rng.choice(["王主任", "李主任"]),
                    applied + dt.timedelta(days=2),
                    term.end,
                )
            )
        if school_class is expired_class and others:
            student = others.pop()
            applied = term.start + dt.timedelta(days=5)
            apps.append(
                Application(
                    None,
                    school_class.id,
                    student["id"],
                    applied,
                    "临时：家长出差期间需联系",
                    student["name"][0] + "先生",
                    APPROVED,
                    "德育处 王主任",
                    applied + dt.timedelta(days=1),
                    ctx.today - dt.timedelta(days=9),
                    note="家长出差一个月",
                )
            )
        if others:
            student = others.pop()
            applied = term.start + dt.timedelta(days=20)
            apps.append(
                Application(
                    None,
                    school_class.id,
                    student["id"],
                    applied,
                    "想在课间听音乐",
                    student["name"][0] + "女士",
                    REFUSED,
                    "德育处 李主任",
                    applied + dt.timedelta(days=1),
                    None,
                    note="理由不属于确需带入的情形",
                )
            )
        for app in apps:
            records.save(db, APPLICATIONS, app.values(), actor)
        approved_ids = {a.student_id: a for a in apps}
        violators = [s["id"] for s in students if s["id"] not in approved_ids][:2]
        skip_days = set(school_days[-4:-2]) if school_class is bad else set()
        for number, day in enumerate(school_days):
            if day in skip_days:
                continue
            rows: dict[str, str] = {}
            for app in apps:
                if app.valid_on(day):
                    rows[app.student_id] = NOT_BROUGHT if rng.random() < 0.1 else HANDED_IN
            if school_class is bad and violators and number % 9 == 4:
                rows[violators[0]] = VIOLATION
            if school_class is bad and len(violators) > 1 and number == len(school_days) - 1:
                rows[violators[1]] = VIOLATION
            if school_class is expired_class and number == len(school_days) - 3 and rows:
                rows[next(iter(rows))] = NOT_HANDED_IN
            for student_id, status in rows.items():
                records.save(
                    db,
                    CUSTODY,
                    {
                        "class_id": school_class.id,
                        "date": day.isoformat(),
                        "student_id": student_id,
                        "status": status,
                        "returned": int(status == HANDED_IN),
                        "note": "",
                    },
                    actor,
                )
            records.save(
                db,
                CUSTODY_DAYS,
                {
                    "class_id": school_class.id,
                    "date": day.isoformat(),
                    "received_by": head or "班主任",
                    "returned_by": head or "班主任",
                    "note": "",
                },
                actor,
            )
        if school_class is bad and violators:
            _demo_followup(ctx, school_class, violators[0], head or "班主任", term.start)


def _demo_followup(
    ctx: Any, school_class: school.SchoolClass, student_id: str, head: str, start: dt.date
) -> None:
    """The escalated student's 班主任 phoned the parents two days after the third violation (still open)."""
    dates = [
        dt.date.fromisoformat(r["date"])
        for r in custody_rows(ctx.db, school_class.id, start, ctx.today)
        if r["student_id"] == student_id and r["status"] == VIOLATION
    ]
    threshold = int(Rulebook(ctx.db).value("phone.violation_escalate_count", school_class.grade, ctx.today))
    if len(dates) < threshold or dates[threshold - 1] + dt.timedelta(days=2) >= ctx.today:
        return
    records.save(
        ctx.db,
        FOLLOWUPS,
        {
            "class_id": school_class.id,
            "student_id": student_id,
            "term_start": start.isoformat(),
            "kind": CONTACT,
            "date": (dates[threshold - 1] + dt.timedelta(days=2)).isoformat(),
            "method": "电话",
            "outcome": f"{head}与家长电话沟通，家长同意每天检查书包，不让孩子带手机到校",
            "closed_by": "",
            "note": "",
        },
        ctx.actor,
    )
