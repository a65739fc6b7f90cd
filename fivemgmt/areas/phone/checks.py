"""手机管理 — checks: each day's verdict and the week's figures (``week_summary``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from fivemgmt import school
from fivemgmt.areas.base import AreaWeek, WeekContext
from fivemgmt.areas.phone.records import (
    AREA,
    HANDED_IN,
    NOT_HANDED_IN,
    VIOLATION,
    Application,
    CustodyDay,
    _names,
    _term_window,
    applications,
    approved_students,
    custodians,
    custody_day,
    custody_rows,
    escalations,
    expired_applications,
    get_policy,
    logged_dates,
)
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.rules import Status, Verdict, reason_separator


def missing_log_days(
    db: Database, class_id: str, days: list[dt.date], apps: list[Application] | None = None
) -> list[dt.date]:
    """School days (given) on which the class had approved students and no custody log."""
    if not days:
        return []
    apps = apps if apps is not None else applications(db, class_id)
    logged = logged_dates(db, class_id, min(days), max(days))
    return [d for d in days if d not in logged and approved_students(db, class_id, d, apps)]


@dataclass(frozen=True)
class PolicyItem:
    code: str  # the checklist code (C1…C9)
    title: str
    verdict: Verdict


def check_policy(db: Database, day: dt.date, calendar: SchoolCalendar | None = None) -> list[PolicyItem]:
    """The checklist's phone items (C1–C9) for the term around day, from the recorded facts."""
    term = (calendar or SchoolCalendar(db)).current_or_last_term(day)
    source = "教育部办公厅《关于加强中小学生手机管理工作的通知》(教基厅函〔2021〕3号)"
    policy = get_policy(db, term.id) if term else None
    if policy is None:
        return [
            PolicyItem(
                "C1–C9",
                translate("Verdict", "手机管理制度"),
                Verdict(Status.UNLOGGED, translate("Verdict", "本学期尚未填写手机管理制度与设施"), source),
            )
        ]

    def item(code: str, title: str, ok: bool, yes: str, no: str) -> PolicyItem:
        return PolicyItem(
            code,
            translate("Verdict", title),
            Verdict(Status.GREEN if ok else Status.VIOLATION, yes if ok else no, source),
        )

    named = custodians(db, term.id)  # type: ignore[union-attr]
    missing = [c.name for c in school.list_classes(db, on=day) if c.id not in named]
    informed = policy.parents_informed_on
    phones = [
        translate("Verdict", "公用电话：{phone}").format(phone=policy.public_phone)
        if policy.public_phone
        else "",
        translate("Verdict", "热线：{phone}").format(phone=policy.hotline) if policy.hotline else "",
    ]
    return [
        item(
            "C1",
            QT_TRANSLATE_NOOP("Verdict", "学生手机带入校园申请制度"),
            policy.application_system,
            translate("Verdict", "已建立书面申请制度"),
            translate("Verdict", "未建立书面申请制度"),
        ),
        item(
            "C2",
            QT_TRANSLATE_NOOP("Verdict", "手机不得带入课堂"),
            policy.classroom_ban,
            translate("Verdict", "已规定不得带入课堂"),
            translate("Verdict", "未规定不得带入课堂"),
        ),
        item(
            "C3",
            QT_TRANSLATE_NOOP("Verdict", "手机保管装置"),
            bool(policy.storage_device),
            translate("Verdict", "保管装置：{device}").format(device=policy.storage_device),
            translate("Verdict", "未登记保管装置"),
        ),
        item(
            "C4",
            QT_TRANSLATE_NOOP("Verdict", "手机保管责任人"),
            not missing,
            translate("Verdict", "各班均已指定保管责任人"),
            translate("Verdict", "{n} 个班未指定保管责任人：{classes}").format(
                n=len(missing),
                classes=translate("Verdict", "、").join(missing[:6])
                + (translate("Verdict", "等") if len(missing) > 6 else ""),
            ),
        ),
        item(
            "C5",
            QT_TRANSLATE_NOOP("Verdict", "校内公用电话/班主任热线"),
            bool(policy.public_phone or policy.hotline),
            reason_separator().join(x for x in phones if x),
            translate("Verdict", "未登记校内公用电话或班主任沟通热线"),
        ),
        item(
            "C6/C7",
            QT_TRANSLATE_NOOP("Verdict", "不得用手机布置或完成作业"),
            policy.no_phone_homework,
            translate("Verdict", "已规定不得用手机布置或完成作业"),
            translate("Verdict", "未规定不得用手机布置或完成作业"),
        ),
        item(
            "C8",
            QT_TRANSLATE_NOOP("Verdict", "合理使用手机的教育引导"),
            bool(policy.guidance),
            policy.guidance or "",
            translate("Verdict", "未登记教育引导措施"),
        ),
        item(
            "C9",
            QT_TRANSLATE_NOOP("Verdict", "告知家长"),
            informed is not None and informed <= day,
            translate("Verdict", "{date} 已告知家长").format(date=informed.isoformat()) if informed else "",
            translate("Verdict", "未登记告知家长的日期"),
        ),
    ]


# ------------------------------------------------------------------ week summary


@dataclass(frozen=True)
class PhoneWeek:
    """One class's week of phone custody (``AreaWeek.figures``; the JSON keys are these field names)."""

    approved: int  # students with an application valid on a day of the week
    violations: int  # 违规带入 records
    missing_log_days: int  # past school days with approved phones but no custody log
    not_handed_in: int
    expired: int  # applications expired this term
    logged_days: int
    school_days: int
    escalated: list[str]  # students who reached the term's escalation count
    open_escalations: int
    unfollowed_escalations: list[str]  # open escalations without a talk with the parents
    closed_escalations: int
    violation_students: list[str]


def week_summary(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    db = ctx.db
    apps = applications(db, school_class.id)
    end = min(ctx.sunday, ctx.today)
    days = ctx.past_school_days()
    week_rows = custody_rows(db, school_class.id, ctx.monday, end) if ctx.monday <= ctx.today else []
    logged = logged_dates(db, school_class.id, ctx.monday, end) if ctx.monday <= ctx.today else set()
    approved_ids = {a.student_id for a in apps if any(a.valid_on(d) for d in ctx.days)}
    missing = missing_log_days(db, school_class.id, days, apps)
    term_start, _ = _term_window(ctx.calendar, end)
    expired = expired_applications(
        db, school_class.id, end, since=max(term_start, end - dt.timedelta(days=60)), apps=apps
    )
    violations = [r for r in week_rows if r["status"] == VIOLATION]
    not_handed = [r for r in week_rows if r["status"] == NOT_HANDED_IN]
    escalated = (
        escalations(db, end, school_class.id, ctx.rules, ctx.calendar) if ctx.monday <= ctx.today else []
    )
    open_cases = [e for e in escalated if e.is_open]
    unfollowed = [e for e in open_cases if not e.contacts]
    names = _names(db, (r["student_id"] for r in violations))
    figures = PhoneWeek(
        approved=len(approved_ids),
        violations=len(violations),
        missing_log_days=len(missing),
        not_handed_in=len(not_handed),
        expired=len(expired),
        logged_days=len(logged & set(days)),
        school_days=len(days),
        escalated=[e.name for e in escalated],
        open_escalations=len(open_cases),
        unfollowed_escalations=[e.name for e in unfollowed],
        closed_escalations=len(escalated) - len(open_cases),
        violation_students=sorted({names.get(r["student_id"], "") for r in violations}),
    )
    day_json = [{"date": d.isoformat(), "logged": d in logged, "missing": d in missing} for d in days]
    source = ctx.rules.rule("phone.violation_escalate_count", school_class.grade, end).cited

    def result(status: Status, reason: str) -> AreaWeek:
        return AreaWeek.from_verdict(
            AREA.key,
            school_class,
            Verdict(status, reason, source if (open_cases if violations else unfollowed) else ""),
            figures=figures,
            days=day_json,
        )

    reds, yellows = [], []
    if violations:
        text = translate("Verdict", "违规带入手机 {n} 人次（{names}）")
        reds.append(text.format(n=len(violations), names="、".join(figures.violation_students)))
        for item in open_cases:
            text = translate("Verdict", "{name}本学期违规 {count} 次，达到 {threshold} 次，需升级处理")
            reds.append(text.format(name=item.name, count=item.count, threshold=item.threshold))
    else:  # an escalation of an earlier week stays open until a talk with the parents is recorded
        for item in unfollowed:
            text = translate("Verdict", "{name}本学期违规 {count} 次已达升级处理，尚未登记与家长沟通")
            yellows.append(text.format(name=item.name, count=item.count))
    if not_handed:
        reds.append(translate("Verdict", "未交手机 {n} 人次").format(n=len(not_handed)))
    if missing:
        yellows.append(
            translate("Verdict", "{n} 个上课日有经批准带手机的学生但未登记保管").format(n=len(missing))
        )
    if expired:
        text = translate("Verdict", "{n} 份申请已过期（{names}）")
        yellows.append(text.format(n=len(expired), names="、".join(a.student_name for a in expired[:4])))
    separator = reason_separator()
    if ctx.monday > ctx.today:
        return result(Status.NA, translate("Verdict", "尚未到该周"))
    if reds:
        return result(Status.VIOLATION, separator.join(reds + yellows))
    if days and missing and len(missing) == len(days) and not logged:
        text = translate("Verdict", "本周 {n} 个上课日均未登记手机保管（{approved} 名学生经批准带手机）")
        return result(Status.UNLOGGED, text.format(n=len(days), approved=len(approved_ids)))
    if not logged and not approved_ids and not week_rows:
        if not days:
            return result(Status.NA, translate("Verdict", "本周无已到的上课日"))
        return result(
            Status.UNLOGGED,
            translate("Verdict", "本周未登记手机保管（本班无经批准带手机的学生，也未登记“今日无手机”）"),
        )
    if yellows:  # only days not logged: 未登记, not a warning
        return result(Status.YELLOW if expired or unfollowed else Status.UNLOGGED, separator.join(yellows))
    if approved_ids:
        text = translate(
            "Verdict", "{approved} 名学生经批准带手机，已登记 {days} 个上课日，均按规定交由学校保管"
        )
    else:
        text = translate("Verdict", "无经批准带手机的学生，已登记 {days} 个上课日，均按规定交由学校保管")
    following = (
        separator + translate("Verdict", "升级处理跟进中 {n} 人").format(n=len(open_cases))
        if open_cases
        else ""
    )
    return result(Status.GREEN, text.format(approved=len(approved_ids), days=figures.logged_days) + following)


# ------------------------------------------------------------------ demo data

REASONS = [
    "走读，放学后独自乘公交回家需联系家长",
    "父母在外地务工，需与家长保持联系",
    "患有慢性病，需随时联系家长",
    "家住较远，周末往返需联系家长",
    "放学后参加校外体育训练，需与教练和家长联系",
]


# ------------------------------------------------------------------ one class-day (the page's status strip)


def day_check(
    db: Database, class_id: str, day: dt.date, today: dt.date, calendar: SchoolCalendar | None = None
) -> tuple[Verdict, CustodyDay]:
    """A class-day's custody log: violations / not handed in are red, an expected log not made is 未登记."""
    current = custody_day(db, class_id, day)
    kind = (calendar or SchoolCalendar(db)).kind(day)
    violations = [r.name for r in current.rows if r.status == VIOLATION]
    kept = [r.name for r in current.rows if r.status == NOT_HANDED_IN]
    approved = [r for r in current.rows if r.approved]
    problems = []
    if violations:
        problems.append(translate("Verdict", "违规带入：{names}").format(names="、".join(violations)))
    if kept:
        problems.append(translate("Verdict", "未交：{names}").format(names="、".join(kept)))
    if problems:
        return Verdict(Status.VIOLATION, reason_separator().join(problems)), current
    if day > today:
        return Verdict(Status.NA, translate("Verdict", "尚未到该日")), current
    if not current.logged:
        if kind.is_rest_day:
            return Verdict(Status.NA, translate("Verdict", "{day}，无需登记").format(day=kind.label)), current
        if approved:
            text = translate("Verdict", "当天未登记手机保管（{n} 名学生经批准带手机）")
            return Verdict(Status.UNLOGGED, text.format(n=len(approved))), current
        text = translate("Verdict", "当天未登记（本班无经批准带手机的学生，可点“全部已交”确认无人带手机）")
        return Verdict(Status.UNLOGGED, text), current
    handed = sum(r.status == HANDED_IN for r in current.rows)
    not_returned = [r.name for r in current.rows if r.status == HANDED_IN and not r.returned]
    if not_returned:
        text = translate("Verdict", "已收 {n} 部，放学未登记归还：{names}")
        return Verdict(Status.YELLOW, text.format(n=handed, names="、".join(not_returned))), current
    if not approved:
        return Verdict(Status.GREEN, translate("Verdict", "已登记：无学生带手机入校")), current
    text = translate("Verdict", "已登记：经批准 {approved} 人，已交 {handed} 部，均已归还")
    return Verdict(Status.GREEN, text.format(approved=len(approved), handed=handed)), current
