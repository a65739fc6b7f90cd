"""A realistic demo school, dated around "today", deterministic for a given seed.

By default a 九年一贯制 school, grades 1–9, with a term that contains today and records up to yesterday.
The homework mostly stays within the caps but shows the lapses real schools have: a grade-2 class given
written homework, a grade-5 class over 60 minutes in exam week, a class that forgot to log a day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from fivemgmt import clock, records, school, users
from fivemgmt.accounts import PRINCIPAL, SUPERVISOR, SYSTEM, TEACHER, Actor
from fivemgmt.areas import area_modules
from fivemgmt.areas import homework as hw
from fivemgmt.calendar import ENTRY_HOLIDAY, ENTRY_MAKEUP, DayKind, SchoolCalendar, monday_of
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.fitness import store as fitness_store
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
    low, high = school.STAGES[stage]
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
                name = school.class_name(grade, number)
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
        for module in area_modules():
            if hasattr(module, "demo_fill"):
                module.demo_fill(ctx)
        fitness_store.demo_fill(ctx)
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


# ------------------------------------------------------------------ homework demo data


def fill_homework(ctx: DemoContext) -> None:
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
