"""A small school with people: an admin, a 班主任, a subject teacher, a supervisor (issue 7 tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fivemgmt import school, users
from fivemgmt.actor import SYSTEM, Actor
from fivemgmt.areas import homework as hw
from tests.core.helpers import make_school

TODAY = dt.date(2026, 11, 25)
PASSWORD = "secret-123"


@dataclass
class People:
    classes: dict  # grade -> SchoolClass (grades 2, 4, 8)
    head: Actor  # 班主任 of 四年级(1)班
    maths: Actor  # 数学 teacher of 八年级(1)班 (and nothing else)
    admin: Actor
    supervisor: Actor


def make_people(db, *, with_accounts: bool = True) -> People:
    classes = make_school(db)
    for order, subject in enumerate(["语文", "数学", "英语"]):
        school.add_subject(db, SYSTEM, subject, order)
    wang = school.add_teacher(db, SYSTEM, "王丽娟")
    li = school.add_teacher(db, SYSTEM, "李建华")
    school.set_head_teacher(db, SYSTEM, classes[4].id, wang)
    school.assign_teaching(db, SYSTEM, wang, classes[4].id, "语文")
    school.assign_teaching(db, SYSTEM, li, classes[8].id, "数学")
    if not with_accounts:
        return People(
            classes,
            Actor("wang", "王丽娟", "teacher", {classes[4].id: None}),
            Actor("li", "李建华", "teacher", {classes[8].id: frozenset({"数学"})}),
            SYSTEM,
            Actor("du", "督学", "supervisor"),
        )
    admin = users.create_first_admin(db, "admin", PASSWORD)
    users.add_account(db, admin, "wang", PASSWORD, "teacher", "王丽娟", wang)
    users.add_account(db, admin, "li", PASSWORD, "teacher", "李建华", li)
    users.add_account(db, admin, "du", PASSWORD, "supervisor", "督学")
    return People(
        classes, users.actor_for(db, "wang"), users.actor_for(db, "li"), admin, users.actor_for(db, "du")
    )


def add_homework(db, actor, class_id, day=TODAY, subject="语文", minutes=20, content="练习册") -> str:
    entry = hw.Entry(None, class_id, day, subject, content, "书面", True, minutes)
    hw.save_entry(db, actor, entry, today=TODAY, reason="补登" if day < TODAY else None)
    return entry.id
