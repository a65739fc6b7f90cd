"""A realistic demo school, dated around "today", deterministic for a given seed.

By default a 九年一贯制 school, grades 1–9, with a term that contains today and records up to yesterday.
The homework mostly stays within the caps but shows the lapses real schools have: a grade-2 class given
written homework, a grade-5 class over 60 minutes in exam week, a class that forgot to log a day.

``build`` makes the school (terms, classes, teachers, students, accounts); each area's records come from
its own module here (``fivemgmt.demo.homework`` …, ``fivemgmt.demo.fitness``), which imports the area.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlite_utils import Database

from fivemgmt import class_names, clock, records, school, users
from fivemgmt.actor import PRINCIPAL, SUPERVISOR, SYSTEM, TEACHER, Actor
from fivemgmt.calendar import ENTRY_HOLIDAY, ENTRY_MAKEUP, SchoolCalendar, monday_of
from fivemgmt.db import transaction
from fivemgmt.demo import activity, afterschool, fitness, homework, phone, reading, sleep
from fivemgmt.demo.context import DemoContext
from fivemgmt.errors import UserError
from fivemgmt.rules import base_rules, save_override
from fivemgmt.session import open_db

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = (
    "子涵 欣怡 梓涵 晨曦 紫涵 诗涵 梓萱 浩宇 宇轩 子轩 浩然 梓睿 一诺 雨桐 思远 俊熙 博文 佳怡 若曦 语桐 "
    "明轩 天佑 雨泽 嘉怡 可馨 子墨 芷若 昊天 思彤 沐阳 安琪 皓轩 梦瑶 宇航 心怡 泽宇 锦程 雅琪 嘉禾 书瑶"
).split()
TEACHER_GIVEN = "建华 丽娟 海燕 志强 秀英 晓梅 国庆 红梅 立新 春燕 文静 志刚 玉兰 俊峰 雪梅 永红 晓东 慧敏 卫东 淑珍".split()

SUBJECTS_BY_GRADE = [
    # (subject, first grade, last grade, sets written homework)
    ("语文", 1, 9, True),
    ("数学", 1, 9, True),
    ("英语", 3, 9, True),
    ("道德与法治", 1, 9, False),
    ("科学", 1, 6, False),
    ("历史", 7, 9, True),
    ("地理", 7, 8, False),
    ("生物学", 7, 8, True),
    ("物理", 8, 9, True),
    ("化学", 9, 9, True),
    ("信息科技", 3, 8, False),
    ("体育与健康", 1, 9, False),
    ("音乐", 1, 9, False),
    ("美术", 1, 9, False),
]


def _term_for(today: dt.date) -> tuple[str, str, dt.date, dt.date]:
    year = today.year
    if today.month >= 8:
        return f"{year}-{year + 1}", "第一学期", _first_weekday(dt.date(year, 9, 1)), dt.date(year + 1, 1, 22)
    if today.month == 1:
        return f"{year - 1}-{year}", "第一学期", _first_weekday(dt.date(year - 1, 9, 1)), dt.date(year, 1, 22)
    return f"{year - 1}-{year}", "第二学期", _first_weekday(dt.date(year, 2, 23)), dt.date(year, 7, 10)


def _first_weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _holidays(start: dt.date, end: dt.date) -> list[tuple[dt.date, str, str]]:
    """Public holidays and 调休 make-up days of a term (the usual pattern; schools correct it in set-up)."""
    entries = []
    for year in range(start.year, end.year + 1):
        national = dt.date(year, 10, 1)
        entries += [(national + dt.timedelta(days=i), ENTRY_HOLIDAY, "国庆节") for i in range(7)]
        entries.append(
            (national - dt.timedelta(days=(national.weekday() + 1) % 7 or 7), ENTRY_MAKEUP, "国庆调休上课")
        )
        entries.append(
            (
                dt.date(year, 10, 10) if dt.date(year, 10, 10).weekday() == 5 else dt.date(year, 10, 11),
                ENTRY_MAKEUP,
                "国庆调休上课",
            )
        )
        entries.append((dt.date(year, 1, 1), ENTRY_HOLIDAY, "元旦"))
        entries += [(dt.date(year, 5, 1) + dt.timedelta(days=i), ENTRY_HOLIDAY, "劳动节") for i in range(5)]
        entries += [(dt.date(year, 4, 4) + dt.timedelta(days=i), ENTRY_HOLIDAY, "清明节") for i in range(3)]
    return [e for e in entries if start <= e[0] <= end]


def _name(rng: random.Random, given: list[str]) -> str:
    return rng.choice(SURNAMES) + rng.choice(given)


def build(
    path: Path,
    *,
    classes: int = 18,
    weeks: int = 8,
    seed: int = 1,
    today: dt.date | None = None,
    students_per_class: int = 30,
    stage: str = "九年一贯制",
) -> Database:
    """Create a demo school at path (which must not hold a school yet)."""
    today = today or clock.today()
    db = open_db(path)
    if records.live_rows(db, "classes"):
        db.close()
        raise UserError(f"“{path}”里已经有学校数据，演示学校只能建在新文件里。")
    rng = random.Random(seed)
    low, high = class_names.STAGES[stage]
    grades = list(range(low, high + 1))
    if classes < len(grades):
        grades = grades[:classes]
    per_grade = [classes // len(grades) + (1 if i < classes % len(grades) else 0) for i in range(len(grades))]
    actor = SYSTEM
    with transaction(db):
        records.save(
            db, "school", {"name": "示范区实验学校", "stage": stage, "address": "示范区学府路1号"}, actor
        )
        school_year, term_name, term_start, term_end = _term_for(today)
        records.save(
            db,
            "terms",
            {
                "school_year": school_year,
                "name": term_name,
                "start_date": term_start.isoformat(),
                "end_date": term_end.isoformat(),
            },
            actor,
        )
        for day, kind, name in _holidays(term_start, term_end):
            records.save(db, "calendar_days", {"date": day.isoformat(), "kind": kind, "name": name}, actor)
        for order, (name, first, last, _) in enumerate(SUBJECTS_BY_GRADE):
            records.save(
                db,
                "subjects",
                {"name": name, "sort_order": order, "grades_from": first, "grades_to": last},
                actor,
            )
        teacher_names: set[str] = set()

        def new_teacher() -> str:
            name = _name(rng, TEACHER_GIVEN)
            while name in teacher_names:
                name = _name(rng, TEACHER_GIVEN)
            teacher_names.add(name)
            return records.save(
                db, "teachers", {"name": name, "phone": f"139{rng.randrange(10**8):08d}"}, actor
            )

        built: list[school.SchoolClass] = []
        students: dict[str, list[dict]] = {}
        for grade, count in zip(grades, per_grade):
            subject_teachers: dict[str, str] = {}
            for number in range(1, count + 1):
                head = new_teacher()
                name = class_names.class_name(grade, number)
                class_id = records.save(
                    db,
                    "classes",
                    {"grade": grade, "number": number, "name": name, "head_teacher_id": head},
                    actor,
                )
                built.append(school.SchoolClass(class_id, grade, number, name, head))
                for subject, first, last, _ in SUBJECTS_BY_GRADE:
                    if not first <= grade <= last:
                        continue
                    if subject == ("语文" if number % 2 else "数学"):
                        teacher = head  # the 班主任 teaches one main subject
                    elif subject in subject_teachers and number % 2 == 0:
                        teacher = subject_teachers[subject]  # one teacher takes two classes
                    else:
                        teacher = subject_teachers[subject] = new_teacher()
                    records.save(
                        db,
                        "teaching",
                        {"teacher_id": teacher, "class_id": class_id, "subject": subject},
                        actor,
                    )
                students[class_id] = _make_students(
                    db, rng, actor, class_id, grade, number, today, students_per_class + rng.randrange(-3, 4)
                )
        # The demo school has confirmed the values the rule file only proposes (作业公示表 prints them).
        for rule in base_rules():
            if rule.school_default:
                save_override(  # the value the rule file proposes, confirmed for as long as the rule runs
                    db,
                    actor,
                    rule.id,
                    rule.value,
                    rule.grade_from,
                    rule.grade_to,
                    "示范学校作业管理制度",
                    effective_from=rule.effective_from,
                )
        calendar = SchoolCalendar(db)
        end = today - dt.timedelta(days=1)
        start = max(term_start, monday_of(today) - dt.timedelta(weeks=weeks - 1)) if weeks > 0 else today
        ctx = DemoContext(db, rng, today, start, end, calendar, built, students, actor)
        # The areas in their usual order (fivemgmt.areas.AREA_KEYS), then fitness: one seeded source for all.
        for module in (homework, sleep, phone, reading, activity, afterschool, fitness):
            module.demo_fill(ctx)
        _make_accounts(db, built)
    return db


# The demo's accounts; the README lists them. The install opens as the admin without a password.
DEMO_PASSWORD = "demo1234"


def _make_accounts(db: Database, classes: list[school.SchoolClass]) -> None:
    admin = users.create_first_admin(db, "admin", DEMO_PASSWORD, "教导处（管理员）")
    users.add_account(db, admin, "xiaozhang", DEMO_PASSWORD, PRINCIPAL, "校长")
    users.add_account(db, admin, "duxue", DEMO_PASSWORD, SUPERVISOR, "责任督学")
    head = next((c for c in classes if c.grade == 4), classes[0] if classes else None)
    if head is not None and head.head_teacher_id:
        name = records.get(db, "teachers", head.head_teacher_id)["name"]
        users.add_account(
            db,
            admin,
            "banzhuren",
            DEMO_PASSWORD,
            TEACHER,
            f"{name}（{head.name}班主任）",
            teacher_id=head.head_teacher_id,
        )
    users.set_single_user(db, admin, "admin")


def _make_students(
    db: Database,
    rng: random.Random,
    actor: Actor,
    class_id: str,
    grade: int,
    number: int,
    today: dt.date,
    count: int,
) -> list[dict]:
    school_year_start = today.year if today.month >= 8 else today.year - 1
    birth_year = school_year_start - grade - 5
    rows = []
    for index in range(count):
        birth = dt.date(birth_year, 9, 1) + dt.timedelta(days=rng.randrange(365))
        values = {
            "class_id": class_id,
            "name": _name(rng, GIVEN),
            "sex": rng.choice("男女"),
            "student_no": f"G110105{birth:%Y%m%d}{grade:02d}{number:02d}{index + 1:02d}",
            "seat_no": index + 1,
            "birth_date": birth.isoformat(),
            "ethnicity": "01",
        }
        values["id"] = records.save(db, "students", values, actor)
        rows.append(values)
    return rows
