"""Issue 11.5: one rights check, in the one write path (records.save), for every table.

Every public write operation of every area module and of the set-up modules is tried as a teacher of
another class and as 督学: each is refused and writes nothing. The list of operations is checked against
the modules themselves, so a new operation without a case here fails :func:`test_every_write_operation_has_a_case`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

import fivemgmt
from fivemgmt import (
    audit,
    calendar,
    records,
    rights,
    roster,
    rules,
    school,
    settings,
    timetable,
    users,
    years,
)
from fivemgmt.actor import Actor
from fivemgmt.areas import activity, afterschool, daily, homework, phone, reading, sleep
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied
from fivemgmt.fitness import loaded, upload, vision
from fivemgmt.fitness import store as fitness
from fivemgmt.reports import checklist, findings
from fivemgmt.reports.period import Period
from tests.core import fitness_synthetic
from tests.core.people import PASSWORD, TODAY, People, make_people

YESTERDAY = TODAY - dt.timedelta(days=1)
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())
T = dt.time

# Modules whose public functions taking an ``actor`` are write operations (each needs a case below).
# Every module of the core is searched, so a new write operation anywhere cannot be forgotten; the
# command-line layer and the benchmark only call the core.
SKIPPED_MODULES = ("fivemgmt.commands", "fivemgmt.benchmark", "fivemgmt.__main__")
NOT_WRITES = {
    "fivemgmt.fitness.store.require_writer",  # a question the GUI asks, not a write
    "fivemgmt.fitness.store.can_write",
    # the one write path itself and the chain it appends to: what every case below goes through
    "fivemgmt.records.save",
    "fivemgmt.records.save_many",
    # the write under save_many (after rights.check_write) and under the package merge (its own check,
    # OWN_CHECK below): called by nothing else
    "fivemgmt.records.write_many",
    "fivemgmt.records.delete",
    "fivemgmt.records.delete_live",
    "fivemgmt.rights.check_write",
    "fivemgmt.rights.check_writes",  # check_write of a batch's rows, for save_many
    "fivemgmt.rights.require",
    "fivemgmt.audit.append",
    "fivemgmt.audit.entry_hash",
    # reads: they write files for the actor's own view, never the school
    "fivemgmt.exchange.package.export_package",
    "fivemgmt.exchange.merge.preview_import",
    "fivemgmt.exchange.xlsx.export_registers",
    "fivemgmt.exchange.xlsx.preview_registers",
}
# Writes that do not come through records and keep a check of their own, each tested where it lives:
# a package's rows are applied only as far as its registered sender may (tests/core/test_exchange.py),
# a restore replaces the whole school only with its own backup (tests/core/test_chain.py, test_backup.py).
OWN_CHECK = {
    "fivemgmt.exchange.merge.commit_import",
    "fivemgmt.exchange.merge.import_packages",
    # steps of the two above, inside their transaction: a first package's sender registered, a
    # registration code given out in a set-up package (tests/core/test_package_trust.py)
    "fivemgmt.exchange.trust.commit_sender",
    "fivemgmt.exchange.trust.save_enrollment",
    "fivemgmt.backup.restore",
    "fivemgmt.exchange.xlsx.commit_registers",
    "fivemgmt.exchange.xlsx.import_registers",
}


@dataclass
class S:
    """A school with records in 八年级(1)班 (c8) made by the admin; the attacker is 王丽娟 (四年级(1)班)."""

    db: object
    tmp: Path
    people: People
    c4: school.SchoolClass
    c8: school.SchoolClass
    s4: str  # a student of c4
    s8: str  # students of c8
    s8b: str
    term: str
    ids: dict


def write_xlsx(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def scenario(db, tmp: Path) -> S:
    people = make_people(db)
    admin = people.admin
    c4, c8 = people.classes[4], people.classes[8]
    s4 = roster.save_student(
        db, admin, {"class_id": c4.id, "name": "赵一", "student_no": "G401", "sex": "男"}
    )
    s8 = roster.save_student(
        db, admin, {"class_id": c8.id, "name": "钱八", "student_no": "G801", "sex": "男"}
    )
    s8b = roster.save_student(
        db, admin, {"class_id": c8.id, "name": "孙九", "student_no": "G802", "sex": "女"}
    )
    term = calendar.SchoolCalendar(db).terms[0].id
    ids: dict = {}
    entry = homework.Entry(None, c8.id, TODAY, "数学", "练习册", "书面", True, 20)
    homework.save_entry(db, admin, entry, today=TODAY)
    ids["entry"] = entry.id
    night = sleep.SleepRecord(None, c8.id, s8, YESTERDAY, T(21, 0), T(7, 0))
    sleep.save_record(db, admin, night)
    ids["night"] = night.id
    app = phone.Application(
        None,
        c8.id,
        s8,
        dt.date(2026, 9, 5),
        "接送联系",
        "钱父",
        phone.APPROVED,
        "校长",
        dt.date(2026, 9, 6),
        dt.date(2027, 1, 22),
    )
    phone.save_application(db, admin, app)
    ids["app"] = app.id
    phone.log_day(db, admin, c8.id, YESTERDAY, received_by="李建华")
    day = activity.ActivityDay(c8.id, YESTERDAY, 1, 1, 0, "", 30, 60, 2)
    activity.save_day(db, admin, day)
    ids["activity_day"] = day.id
    service = afterschool.ServiceDay(c8.id, YESTERDAY, True, 90, T(17, 30), 30)
    afterschool.save_day(db, admin, service)
    ids["service_day"] = service.id
    activity.add_screening(db, admin, c8.id, YESTERDAY, 30, today=TODAY)
    ids["screening"] = records.live_rows(db, activity.SCREENINGS)[0]["id"]
    corner = reading.Book("班级读物", location=reading.CORNER, class_id=c8.id)
    reading.save_book(db, admin, corner, today=TODAY)
    ids["corner_book"] = corner.id
    library = reading.Book("图书室读物", isbn="")
    reading.save_book(db, admin, library, today=TODAY)
    ids["library_book"] = library.id
    reading.record_step(db, admin, [library.id], "初选", YESTERDAY, "图书管理员", today=TODAY)
    finding = findings.Finding(None, "作业超量", area="homework", class_name=c8.name)
    findings.save_finding(db, admin, finding)
    ids["finding"] = finding.id
    school.add_subject(db, admin, "体育与健康", 9)
    ids["subject"] = records.live_rows(db, "subjects", "name = ?", ["英语"])[0]["id"]
    ids["teacher_li"] = records.live_rows(db, "teachers", "name = ?", ["李建华"])[0]["id"]
    ids["teaching"] = records.live_rows(db, "teaching", "class_id = ?", [c8.id])[0]["id"]
    calendar.save_calendar_entry(
        db, admin, {"date": "2026-12-31", "kind": calendar.ENTRY_HOLIDAY, "name": "元旦"}
    )
    ids["holiday"] = records.live_rows(db, "calendar_days")[0]["id"]
    fitness.save_result(db, admin, s8, {"height": "160"}, today=TODAY)
    return S(db, tmp, people, c4, c8, s4, s8, s8b, term, ids)


# ------------------------------------------------------------------ import files (all about c8)


def homework_preview(s: S):
    path = write_xlsx(
        s.tmp / "hw.xlsx",
        [
            ["日期", "班级", "学科", "作业内容", "作业类型", "预计时长(分钟)"],
            [TODAY, s.c8.name, "数学", "口算", "书面", 10],
        ],
    )
    return homework.preview_import(s.db, path)


def sleep_preview(s: S):
    path = write_xlsx(
        s.tmp / "sl.xlsx",
        [
            ["日期", "班级", "学籍号", "就寝时间", "起床时间"],
            [YESTERDAY, s.c8.name, "G802", "21:00", "07:00"],
        ],
    )
    return sleep.preview_import(s.db, path)


def questionnaire_preview(s: S):
    path = write_xlsx(
        s.tmp / "q.xlsx",
        [
            [
                "序号",
                "提交答卷时间",
                "1、孩子姓名",
                "2、所在班级",
                "3、孩子平时几点就寝？",
                "4、孩子早上几点起床？",
            ],
            [1, "2026/11/20 20:05:11", "孙九", s.c8.name, "21:00", "7:00"],
        ],
    )
    headers, body = sleep.read_questionnaire(path)
    return sleep.preview_questionnaire(s.db, path, sleep.suggest_mapping(headers, body))


def phone_preview(s: S):
    path = write_xlsx(
        s.tmp / "ph.xlsx",
        [
            ["班级", "学籍号", "申请日期", "家长姓名", "申请理由", "审批结果", "审批人", "有效期至"],
            [s.c8.name, "G802", "2026-09-05", "孙母", "接送", "同意", "校长", "2027-01-22"],
        ],
    )
    return phone.preview_import(s.db, path)


def custody_preview(s: S):
    path = write_xlsx(
        s.tmp / "cu.xlsx",
        [["日期", "班级", "姓名", "状态", "收取人"], [TODAY, s.c8.name, "钱八", "已交", "李建华"]],
    )
    return phone.preview_custody_import(s.db, path)


def reading_preview(s: S):
    path = write_xlsx(s.tmp / "rd.xlsx", [["书名", "来源", "存放位置"], ["新书", "采购", "图书室"]])
    return reading.preview_import(s.db, path)


def activity_preview(s: S):
    path = write_xlsx(
        s.tmp / "ac.xlsx",
        [
            ["日期", "班级", "体育课节数", "大课间(分钟)", "校内体育活动(分钟)", "眼保健操次数"],
            [TODAY, s.c8.name, 1, 30, 60, 2],
        ],
    )
    return activity.preview_import(s.db, path)


def afterschool_preview(s: S):
    path = write_xlsx(
        s.tmp / "as.xlsx",
        [["日期", "班级", "是否开展", "时长(分钟)", "结束时间"], [TODAY, s.c8.name, "是", 90, "17:30"]],
    )
    return afterschool.preview_import(s.db, path)


def vision_preview(s: S):
    path = write_xlsx(
        s.tmp / "vi.xlsx",
        [
            ["班级", "姓名", "学籍号", "筛查日期", "左眼裸眼视力", "右眼裸眼视力"],
            [s.c8.name, "孙九", "G802", YESTERDAY, 4.8, 5.0],
        ],
    )
    return vision.preview_import(s.db, path, today=TODAY)


def roster_preview(s: S):
    path = write_xlsx(
        s.tmp / "ro.xlsx", [["姓名", "班级", "性别", "学籍号"], ["周十", s.c8.name, "男", "G803"]]
    )
    return roster.preview_roster(s.db, path)


# ------------------------------------------------------------------ every write operation

Case = Callable[[S, Actor], object]
A = "fivemgmt.areas."
CASES: dict[str, Case] = {
    # homework
    A + "homework.records.save_entry": lambda s, a: homework.save_entry(
        s.db, a, homework.Entry(None, s.c8.id, TODAY, "数学", "新作业", "书面", True, 15), today=TODAY
    ),
    A + "homework.records.save_entries": lambda s, a: homework.save_entries(
        s.db,
        a,
        [homework.Entry(s.ids["entry"], s.c8.id, TODAY, "数学", "改过的作业", "书面", True, 25)],
        today=TODAY,
    ),
    A + "homework.records.delete_entry": lambda s, a: homework.delete_entry(
        s.db, a, s.ids["entry"], today=TODAY
    ),
    A + "homework.records.set_no_homework": lambda s, a: homework.set_no_homework(
        s.db, a, s.c8.id, TODAY + dt.timedelta(days=1), today=TODAY
    ),
    A + "homework.records.copy_day": lambda s, a: homework.copy_day(
        s.db, a, s.c8.id, TODAY, TODAY + dt.timedelta(days=1), today=TODAY
    ),
    A + "homework.imports.commit_import": lambda s, a: homework.commit_import(s.db, a, homework_preview(s)),
    # the class-day helpers every daily register uses
    A + "daily.save_class_day": lambda s, a: _in_transaction(
        s,
        lambda: daily.save_class_day(
            s.db, a, activity.DAYS, {**activity.ActivityDay(s.c8.id, TODAY).values()}
        ),
    ),
    A + "daily.save_class_days": lambda s, a: daily.save_class_days(
        s.db, a, activity.DAYS, [activity.ActivityDay(s.c8.id, TODAY, 1, 1)], activity.validate
    ),
    A + "daily.delete_class_day": lambda s, a: daily.delete_class_day(
        s.db, a, activity.DAYS, s.c8.id, YESTERDAY, "没有", None
    ),
    # sleep
    A + "sleep.records.save_record": lambda s, a: sleep.save_record(
        s.db, a, sleep.SleepRecord(None, s.c8.id, s.s8b, YESTERDAY, T(21, 30), T(6, 50))
    ),
    A + "sleep.records.delete_record": lambda s, a: sleep.delete_record(s.db, a, s.ids["night"]),
    A + "sleep.records.save_grid": lambda s, a: sleep.save_grid(
        s.db, a, s.c8.id, TODAY, [sleep.GridRow(s.s8b, "孙九", bedtime=T(21, 0), wake_time=T(7, 0))]
    ),
    A + "sleep.records.save_schedule": lambda s, a: sleep.save_schedule(
        s.db, a, sleep.Schedule(None, s.term, "初中", T(8, 0), midday_rest_minutes=30)
    ),
    A + "sleep.records.save_parent_notice": lambda s, a: sleep.save_parent_notice(
        s.db, a, sleep.ParentNotice(None, s.term, YESTERDAY, "家长会")
    ),
    A + "sleep.imports.commit_import": lambda s, a: sleep.commit_import(s.db, a, sleep_preview(s)),
    A + "sleep.imports.commit_questionnaire": lambda s, a: sleep.commit_questionnaire(
        s.db, a, questionnaire_preview(s)
    ),
    # phone
    A + "phone.records.save_application": lambda s, a: phone.save_application(
        s.db, a, phone.Application(None, s.c8.id, s.s8b, YESTERDAY, "看病", "孙母")
    ),
    A + "phone.records.delete_application": lambda s, a: phone.delete_application(s.db, a, s.ids["app"]),
    A + "phone.records.log_day": lambda s, a: phone.log_day(s.db, a, s.c8.id, TODAY, received_by="王丽娟"),
    A + "phone.records.record_violation": lambda s, a: phone.record_violation(
        s.db, a, s.c8.id, s.s8b, YESTERDAY, received_by="王丽娟"
    ),
    A + "phone.records.save_policy": lambda s, a: phone.save_policy(
        s.db, a, phone.Policy(None, s.term, True)
    ),
    A + "phone.records.set_custodian": lambda s, a: phone.set_custodian(s.db, a, s.term, s.c8.id, "王丽娟"),
    A + "phone.imports.commit_import": lambda s, a: phone.commit_import(s.db, a, phone_preview(s)),
    A + "phone.records.add_followup": lambda s, a: _escalated(
        s,
        lambda: phone.add_followup(s.db, a, s.c8.id, s.s8b, TODAY, method="电话", outcome="家长已知悉"),
    ),
    A + "phone.records.close_escalation": lambda s, a: _escalated(
        s,
        lambda: phone.close_escalation(s.db, a, s.c8.id, s.s8b, TODAY, closed_by="李主任", outcome="已处理"),
        contacted=True,
    ),
    A + "phone.imports.commit_custody_import": lambda s, a: phone.commit_custody_import(
        s.db, a, custody_preview(s)
    ),
    # reading
    A + "reading.records.save_book": lambda s, a: reading.save_book(
        s.db, a, reading.Book("另一本", location=reading.CORNER, class_id=s.c8.id), today=TODAY
    ),
    A + "reading.records.delete_book": lambda s, a: reading.delete_book(s.db, a, s.ids["corner_book"]),
    A + "reading.records.record_step": lambda s, a: reading.record_step(
        s.db, a, [s.ids["corner_book"]], "初选", YESTERDAY, "王丽娟", today=TODAY
    ),
    A + "reading.records.save_review": lambda s, a: reading.save_review(
        s.db, a, reading.Review(s.ids["library_book"], YESTERDAY, "评议小组"), today=TODAY
    ),
    A + "reading.records.undo_step": lambda s, a: reading.undo_step(
        s.db, a, s.ids["library_book"], reason="错了"
    ),
    A + "reading.records.disposition": lambda s, a: reading.disposition(
        s.db, a, s.ids["library_book"], "下架", YESTERDAY, "王丽娟", today=TODAY
    ),
    A + "reading.records.add_to_list": lambda s, a: _confirmed_then(
        s, a, lambda: reading.add_to_list(s.db, a, s.ids["library_book"], "2026-2027", 8)
    ),
    A + "reading.records.remove_from_list": lambda s, a: _listed_then(s, a),
    A + "reading.imports.commit_import": lambda s, a: reading.commit_import(
        s.db, a, reading_preview(s), today=TODAY
    ),
    # activity
    A + "activity.records.set_timetable": lambda s, a: activity.set_timetable(s.db, a, s.c8.id, {0: 1, 2: 1}),
    A + "activity.records.save_day": lambda s, a: activity.save_day(
        s.db, a, activity.ActivityDay(s.c8.id, TODAY, 1, 1)
    ),
    A + "activity.records.save_days": lambda s, a: activity.save_days(
        s.db, a, [activity.ActivityDay(s.c8.id, TODAY, 1, 1)]
    ),
    A + "activity.records.fill_defaults": lambda s, a: activity.fill_defaults(s.db, a, s.c8, [MONDAY]),
    A + "activity.records.delete_day": lambda s, a: activity.delete_day(
        s.db, a, s.c8.id, YESTERDAY, reason="错了"
    ),
    A + "activity.records.add_screening": lambda s, a: activity.add_screening(
        s.db, a, s.c8.id, TODAY, 30, today=TODAY
    ),
    A + "activity.records.delete_screening": lambda s, a: activity.delete_screening(
        s.db, a, s.ids["screening"]
    ),
    A + "activity.imports.commit_import": lambda s, a: activity.commit_import(s.db, a, activity_preview(s)),
    # after-school service
    A + "afterschool.records.set_local_end_of_work": lambda s, a: afterschool.set_local_end_of_work(
        s.db, a, T(17, 30)
    ),
    A + "afterschool.records.save_day": lambda s, a: afterschool.save_day(
        s.db, a, afterschool.ServiceDay(s.c8.id, TODAY, True, 90, T(17, 30), 20)
    ),
    A + "afterschool.records.save_days": lambda s, a: afterschool.save_days(
        s.db, a, [afterschool.ServiceDay(s.c8.id, TODAY, True, 90, T(17, 30), 20)]
    ),
    A + "afterschool.records.fill_defaults": lambda s, a: afterschool.fill_defaults(s.db, a, s.c8, [MONDAY]),
    A + "afterschool.records.delete_day": lambda s, a: afterschool.delete_day(
        s.db, a, s.c8.id, YESTERDAY, reason="错了"
    ),
    A + "afterschool.imports.commit_import": lambda s, a: afterschool.commit_import(
        s.db, a, afterschool_preview(s)
    ),
    # school set-up
    "fivemgmt.school.save_school": lambda s, a: school.save_school(s.db, a, "改名学校", "九年一贯制"),
    "fivemgmt.settings.set_setting": lambda s, a: settings.set_setting(s.db, a, "x", "1"),
    "fivemgmt.settings.set_school_option": lambda s, a: settings.set_school_option(
        s.db, a, school.JUNIOR_STYLE, "初"
    ),
    "fivemgmt.school.add_class": lambda s, a: school.add_class(s.db, a, 8, 2),
    "fivemgmt.school.add_subject": lambda s, a: school.add_subject(s.db, a, "科学", 5),
    "fivemgmt.school.add_teacher": lambda s, a: school.add_teacher(s.db, a, "新老师"),
    "fivemgmt.school.assign_teaching": lambda s, a: school.assign_teaching(
        s.db, a, s.ids["teacher_li"], s.c8.id, "英语"
    ),
    "fivemgmt.school.set_head_teacher": lambda s, a: school.set_head_teacher(
        s.db, a, s.c8.id, s.ids["teacher_li"]
    ),
    "fivemgmt.roster.save_student": lambda s, a: roster.save_student(s.db, a, {"id": s.s8, "name": "钱八八"}),
    "fivemgmt.roster.commit_roster": lambda s, a: roster.commit_roster(s.db, a, roster_preview(s)),
    "fivemgmt.school.save_subject": lambda s, a: school.save_subject(
        s.db, a, {"id": s.ids["subject"], "name": "外语", "sort_order": 3}
    ),
    "fivemgmt.school.save_teacher": lambda s, a: school.save_teacher(
        s.db, a, {"id": s.ids["teacher_li"], "name": "李建国"}
    ),
    "fivemgmt.school.delete_teacher": lambda s, a: school.delete_teacher(s.db, a, s.ids["teacher_li"]),
    "fivemgmt.school.delete_teaching": lambda s, a: school.delete_teaching(s.db, a, s.ids["teaching"]),
    "fivemgmt.school.delete_class": lambda s, a: school.delete_class(s.db, a, s.people.classes[2].id),
    "fivemgmt.school.delete_student": lambda s, a: school.delete_student(s.db, a, s.s8b),
    "fivemgmt.school.delete_subject": lambda s, a: school.delete_subject(s.db, a, s.ids["subject"]),
    "fivemgmt.calendar.save_term": lambda s, a: calendar.save_term(
        s.db,
        a,
        {
            "school_year": "2026-2027",
            "name": "第二学期",
            "start_date": "2027-02-20",
            "end_date": "2027-07-01",
        },
    ),
    "fivemgmt.calendar.save_calendar_entry": lambda s, a: calendar.save_calendar_entry(
        s.db, a, {"date": "2027-01-01", "kind": calendar.ENTRY_HOLIDAY, "name": "元旦"}
    ),
    "fivemgmt.calendar.delete_record": lambda s, a: calendar.delete_record(
        s.db, a, "calendar_days", s.ids["holiday"]
    ),
    "fivemgmt.rules.save_override": lambda s, a: rules.save_override(
        s.db, a, "homework.written_daily_max_minutes", 50, 7, 9, "省厅通知", effective_from=TODAY
    ),
    "fivemgmt.rules.delete_override": lambda s, a: _override_then(s, a),
    "fivemgmt.rules.edit_override": lambda s, a: rules.edit_override(
        s.db,
        a,
        "homework.written_daily_max_minutes",
        7,
        9,
        value="50",
        note="省厅通知",
        effective_from=TODAY,
        override_id=None,
        today=TODAY,
    ),
    "fivemgmt.users.add_account": lambda s, a: users.add_account(s.db, a, "newbie", PASSWORD, "teacher"),
    "fivemgmt.users.update_account": lambda s, a: users.update_account(s.db, a, "li", display_name="李老师"),
    "fivemgmt.users.set_password": lambda s, a: users.set_password(s.db, a, "li", "another-pass"),
    "fivemgmt.users.unlock": lambda s, a: users.unlock(s.db, a, "li"),
    "fivemgmt.users.set_single_user": lambda s, a: users.set_single_user(s.db, a, "li"),
    # self-inspection forms and rectification
    "fivemgmt.reports.findings.save_answer": lambda s, a: findings.save_answer(
        s.db, a, *_answerable(), "是", "见台账"
    ),
    "fivemgmt.reports.findings.reset_answer": lambda s, a: _answered_then(s, a),
    "fivemgmt.reports.findings.save_note": lambda s, a: findings.save_note(s.db, a, "doc", "k", "v"),
    "fivemgmt.reports.findings.save_leaders": lambda s, a: findings.save_leaders(
        s.db, a, {"leader": "张校长"}
    ),
    "fivemgmt.reports.findings.save_finding": lambda s, a: findings.save_finding(
        s.db, a, findings.Finding(None, "读物未审核")
    ),
    "fivemgmt.reports.findings.close_finding": lambda s, a: findings.close_finding(
        s.db, a, s.ids["finding"], TODAY, "已减量"
    ),
    "fivemgmt.reports.findings.delete_finding": lambda s, a: findings.delete_finding(
        s.db, a, s.ids["finding"]
    ),
    "fivemgmt.reports.findings.add_proposed": lambda s, a: findings.add_proposed(
        s.db, a, [findings.Finding(None, "红灯", auto_key="k1")]
    ),
    # fitness
    "fivemgmt.fitness.store.save_result": lambda s, a: fitness.save_result(
        s.db, a, s.s8, {"weight": "50"}, today=TODAY
    ),
    "fivemgmt.fitness.store.set_exempt": lambda s, a: fitness.set_exempt(s.db, a, s.s8b, "骨折", today=TODAY),
    "fivemgmt.fitness.upload.commit_import": lambda s, a: _fitness_import(s, a),
    "fivemgmt.fitness.loaded.load": lambda s, a: loaded.load(
        s.db, a, [fitness_synthetic.write_xlsx(s.tmp / "junior.xlsx")], today=TODAY
    ),
    "fivemgmt.fitness.vision.commit_import": lambda s, a: vision.commit_import(s.db, a, vision_preview(s)),
    "fivemgmt.fitness.vision.set_threshold": lambda s, a: vision.set_threshold(
        s.db, a, "5.0", "学校卫生室筛查规范", today=TODAY
    ),
    # school years: 学年升级 and students' dated moves
    "fivemgmt.years.rollover": lambda s, a: years.rollover(s.db, a, "2027-2028", backup=False, new_classes=1),
    "fivemgmt.years.commit_rollover": lambda s, a: years.commit_rollover(
        s.db, a, years.plan_rollover(s.db, "2027-2028", new_classes=1, today=TODAY), backup=False
    ),
    "fivemgmt.years.move_student": lambda s, a: years.move_student(
        s.db, a, s.s8b, school.MOVED, YESTERDAY, to_class_id=s.c4.id
    ),
    "fivemgmt.years.add_student_joined": lambda s, a: years.add_student_joined(
        s.db, a, {"class_id": s.c8.id, "name": "吴十一", "student_no": "G804", "sex": "女"}, YESTERDAY
    ),
    # timetable, calendar
    "fivemgmt.timetable.set_timetable": lambda s, a: timetable.set_timetable(
        s.db, a, s.c8.id, {0: ["语文", "数学"]}
    ),
    "fivemgmt.calendar.prefill_national": lambda s, a: calendar.prefill_national(
        s.db, a, calendar.SchoolCalendar(s.db).terms[0]
    ),
}


def _in_transaction(s: S, write: Callable[[], object]) -> object:
    with transaction(s.db):
        return write()


def _confirmed_then(s: S, actor: Actor, then: Callable[[], object]) -> object:
    admin = s.people.admin
    book = s.ids["library_book"]
    reading.save_review(s.db, admin, reading.Review(book, YESTERDAY, "评议小组"), today=TODAY)
    for step in ("确认", "公示", "备案"):
        reading.record_step(s.db, admin, [book], step, YESTERDAY, "校长", today=TODAY)
    return _as(s, actor, then)


def _listed_then(s: S, actor: Actor) -> object:
    _confirmed_then(
        s,
        s.people.admin,
        lambda: reading.add_to_list(s.db, s.people.admin, s.ids["library_book"], "2026-2027", 8),
    )
    entry = records.live_rows(s.db, reading.LIST)[0]["id"]
    return _as(s, actor, lambda: reading.remove_from_list(s.db, actor, entry))


def _override_then(s: S, actor: Actor) -> object:
    rules.save_override(
        s.db, s.people.admin, "homework.written_daily_max_minutes", 50, 7, 9, "省厅通知", effective_from=TODAY
    )
    override = records.live_rows(s.db, rules.OVERRIDES_TABLE)[0]["id"]
    return _as(s, actor, lambda: rules.delete_override(s.db, actor, override, from_day=TODAY))


def _answerable() -> tuple:
    for form in (checklist.SELF_INSPECTION,):
        for item in checklist.load_form(form).items:
            if item.school_fills:
                return form, Period(dt.date(2026, 9, 1), dt.date(2027, 1, 22)), item.code
    raise AssertionError("no item a school fills")


def _answered_then(s: S, actor: Actor) -> object:
    findings.save_answer(s.db, s.people.admin, *_answerable(), "是", "见台账")
    form, period, code = _answerable()
    return _as(s, actor, lambda: findings.reset_answer(s.db, actor, form, period, code))


def _fitness_import(s: S, actor: Actor) -> object:
    path = s.tmp / "fitness.xlsx"
    upload.export_template(s.db, path, today=TODAY)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    column = next(i for i, h in enumerate(headers, 1) if h and str(h).startswith("体重"))
    sheet.cell(2, column, 51)  # 钱八's weight, new in the file
    book.save(path)
    preview = upload.preview_import(s.db, path, today=TODAY)
    return upload.commit_import(s.db, actor, preview, today=TODAY)


_SETUP_MARK: dict = {}


def _escalated(s: S, write: Callable[[], object], *, contacted: bool = False) -> object:
    """孙九 of 八年级(1)班 brought a phone to class three days running (an escalation), set up as the admin."""
    admin = s.people.admin
    for day in (dt.date(2026, 11, 16), dt.date(2026, 11, 17), dt.date(2026, 11, 18)):
        phone.record_violation(s.db, admin, s.c8.id, s.s8b, day, received_by="李建华")
    if contacted:
        phone.add_followup(s.db, admin, s.c8.id, s.s8b, dt.date(2026, 11, 19), method="面谈", outcome="已谈")
    return _as(s, None, write)  # type: ignore[arg-type]


def _as(s: S, actor: Actor, write: Callable[[], object]) -> object:
    """Run ``write`` after its set-up (done as the admin) and note where the set-up ended, so the test counts
    only the write's own audit entries."""
    _SETUP_MARK["audit"] = _audit_count(s)
    return write()


def _audit_count(s: S) -> int:
    return s.db.execute(f"SELECT COUNT(*) FROM {audit.AUDIT_TABLE}").fetchone()[0]


def discovered_writes() -> set[str]:
    found = set()
    holders: dict[int, tuple[object, list[tuple[str, object, str]]]] = {}
    for info in pkgutil.walk_packages(fivemgmt.__path__, "fivemgmt."):
        if info.name.startswith(SKIPPED_MODULES):
            continue
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            if attr.startswith("_"):
                continue
            if _is_object(value):
                holders.setdefault(id(value), (value, []))[1].append((info.name, module, attr))
            if not inspect.isfunction(value) or value.__module__ != info.name:
                continue
            if "actor" in inspect.signature(value).parameters:
                found.add(f"{info.name}.{attr}")
    for value, held_by in holders.values():
        found |= _object_writes(value, held_by)
    return found - NOT_WRITES - OWN_CHECK


def _is_object(value: object) -> bool:
    """An instance of a fivemgmt class (a register's ``daily.DayRegister``), whose methods may be writes."""
    return type(value).__module__.startswith("fivemgmt.") and not (
        inspect.isclass(value) or inspect.ismodule(value) or inspect.isroutine(value)
    )


def _object_writes(value: object, held_by: list[tuple[str, object, str]]) -> set[str]:
    """The write methods of a module-level object, each under the names the modules holding the object
    expose it by (``activity.records.save_day = WRITES.save_day``), else under the object's own name, which
    then has no case: a write an object holds cannot escape the cases either."""
    found = set()
    for method_name, method in inspect.getmembers(value, inspect.ismethod):
        if method_name.startswith("_") or "actor" not in inspect.signature(method).parameters:
            continue
        exposed = {
            f"{name}.{attr}"
            for name, module, _ in held_by
            for attr, v in vars(module).items()
            if inspect.ismethod(v) and v == method
        }
        name, _, attr = held_by[0]
        found |= exposed or {f"{name}.{attr}.{method_name}"}
    return found


def test_every_write_operation_has_a_case():
    """A new write operation (a public function taking an actor) must be added to CASES, and so be tried."""
    discovered = discovered_writes()
    assert sorted(discovered - set(CASES)) == [], "write operations without a rights case"
    assert sorted(set(CASES) - discovered) == [], "cases for operations that no longer exist"


def test_every_record_table_has_a_rule(db):
    assert sorted(set(audit.record_tables(db)) - set(rights.RULES)) == []
    assert sorted(set(rights.RULES) - set(audit.record_tables(db))) == []


@pytest.mark.parametrize("who", ["other_teacher", "supervisor"])
@pytest.mark.parametrize("operation", sorted(CASES))
def test_every_write_is_refused_to_other_classes_and_supervisors(db, tmp_path, operation, who):
    s = scenario(db, tmp_path)
    actor = s.people.head if who == "other_teacher" else s.people.supervisor
    _SETUP_MARK.clear()
    before = _audit_count(s)
    with pytest.raises(PermissionDenied):
        CASES[operation](s, actor)
    assert _audit_count(s) == _SETUP_MARK.get("audit", before), "a refused operation wrote something"


@pytest.mark.parametrize("operation", sorted(CASES))
def test_every_case_is_a_real_write(db, tmp_path, operation):
    """The same call as the admin writes something: the refusals above are about rights, not a broken call."""
    s = scenario(db, tmp_path)
    _SETUP_MARK.clear()
    before = _audit_count(s)
    CASES[operation](s, s.people.admin)
    assert _audit_count(s) > _SETUP_MARK.get("audit", before)


# ------------------------------------------------------------------ the overwrites of the issue


def _row(s: S, table: str, record_id: str) -> dict:
    return records.get(s.db, table, record_id)


def test_a_teacher_cannot_overwrite_another_class_s_night_by_its_student(db, tmp_path):
    s = scenario(db, tmp_path)
    wang = s.people.head  # 班主任 of 四年级(1)班, writing “for his class” a student of 八年级(1)班
    before = _row(s, sleep.RECORDS, s.ids["night"])
    with pytest.raises(PermissionDenied):
        sleep.save_record(db, wang, sleep.SleepRecord(None, s.c4.id, s.s8, YESTERDAY, T(23, 30), T(6, 0)))
    assert _row(s, sleep.RECORDS, s.ids["night"]) == before
    with pytest.raises(PermissionDenied, match="其他班级学生"):  # a new night of another class's student
        sleep.save_record(db, wang, sleep.SleepRecord(None, s.c4.id, s.s8b, YESTERDAY, T(23, 30), T(6, 0)))
    assert [r.student_id for r in sleep.records_between(db, [s.c4.id], YESTERDAY, YESTERDAY)] == []
    sleep.save_record(db, wang, sleep.SleepRecord(None, s.c4.id, s.s4, YESTERDAY, T(21, 0), T(7, 0)))


def test_a_teacher_cannot_overwrite_another_class_s_day_by_its_id(db, tmp_path):
    s = scenario(db, tmp_path)
    wang = s.people.head
    for table, key, item in (
        (
            activity.DAYS,
            "activity_day",
            activity.ActivityDay(s.c4.id, YESTERDAY, 0, 0, id=s.ids["activity_day"]),
        ),
        (
            afterschool.DAYS,
            "service_day",
            afterschool.ServiceDay(s.c4.id, YESTERDAY, False, id=s.ids["service_day"]),
        ),
    ):
        before = _row(s, table, s.ids[key])
        module = activity if table == activity.DAYS else afterschool
        with pytest.raises(PermissionDenied):
            module.save_day(db, wang, item)
        assert _row(s, table, s.ids[key]) == before and before["class_id"] == s.c8.id


def test_a_teacher_cannot_overwrite_another_class_s_phone_application_by_its_id(db, tmp_path):
    s = scenario(db, tmp_path)
    before = _row(s, phone.APPLICATIONS, s.ids["app"])
    forged = phone.Application(s.ids["app"], s.c4.id, s.s4, YESTERDAY, "伪造", "赵父")
    with pytest.raises(PermissionDenied):
        phone.save_application(db, s.people.head, forged)
    assert _row(s, phone.APPLICATIONS, s.ids["app"]) == before


def test_the_exceptions_to_the_rules_still_work(db, tmp_path):
    """A subject teacher's entry clears the 班主任's 今日无作业; a principal sets the local end of work but no
    other rule; anyone changes their own password."""
    s = scenario(db, tmp_path)
    li = s.people.maths  # 数学 teacher of 八年级(1)班
    tomorrow = TODAY + dt.timedelta(days=1)
    homework.set_no_homework(db, s.people.admin, s.c8.id, tomorrow, today=TODAY)
    homework.save_entry(
        db, li, homework.Entry(None, s.c8.id, tomorrow, "数学", "口算", "书面", True, 10), today=TODAY
    )
    assert not records.live_rows(db, homework.DAYS, "class_id = ? AND no_homework = 1", [s.c8.id])
    with pytest.raises(PermissionDenied):
        homework.set_no_homework(db, li, s.c8.id, tomorrow + dt.timedelta(days=1), today=TODAY)
    users.add_account(db, s.people.admin, "zhang", PASSWORD, "principal", "张校长")
    principal = users.actor_for(db, "zhang")
    afterschool.set_local_end_of_work(db, principal, T(17, 30))
    with pytest.raises(PermissionDenied):
        rules.save_override(
            db, principal, "homework.written_daily_max_minutes", 50, 7, 9, "省厅", effective_from=TODAY
        )
    users.set_password(db, li, "li", "new-password", old_password=PASSWORD)
    users.set_password(db, s.people.supervisor, "du", "new-password", old_password=PASSWORD)  # 督学 too
    assert users.login(db, "du", "new-password").username == "du"
    with pytest.raises(PermissionDenied):  # the same save, on someone else's account
        with transaction(db):
            account = records.live_rows(db, users.ACCOUNTS, "username = ?", ["wang"])[0]
            records.save(db, users.ACCOUNTS, {"id": account["id"], "password_changed_at": "x"}, li)


def test_a_table_without_a_rule_is_refused(db):
    make_people(db)
    db["scratch"].create(
        {"id": str, "updated_at": str, "updated_by": str, "origin": str, "deleted": int}, pk="id"
    )
    with pytest.raises(PermissionDenied, match="没有登记写入权限"), transaction(db):
        records.save(db, "scratch", {}, users.actor_for(db, "admin"))


def test_only_the_write_path_and_the_package_merge_write_without_the_rights_check():
    """records.write_many writes without asking rights: only save_many (after the check) and the package
    merge (after its own) may call it."""
    from pathlib import Path

    root = Path(fivemgmt.__file__).parent
    callers = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        if "write_many(" in p.read_text(encoding="utf-8")
    )
    assert callers == ["exchange/merge.py", "records.py"]


def test_the_names_the_rights_check_keeps_are_the_areas_own():
    from fivemgmt.areas import afterschool
    from fivemgmt.fitness import store

    assert rights.LOCAL_END_RULE == afterschool.END_RULE
    assert rights.PE_SUBJECTS == store.PE_SUBJECTS
