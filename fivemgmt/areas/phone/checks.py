"""手机管理 — checks: each day's verdict and the week's figures (``week_summary``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from fivemgmt import school
from fivemgmt.areas.base import AreaWeek, ClassDays, DayResult, WeekContext, not_in_force
from fivemgmt.areas.phone.records import (
    AREA,
    HANDED_IN,
    NOT_HANDED_IN,
    VIOLATION,
    Application,
    CustodyDay,
    Escalation,
    _term_window,
    applications,
    approved_students,
    custodians,
    custody_day,
    custody_days,
    escalations,
    expired_applications,
    get_policy,
    logged_dates,
)
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.rules import Status, Verdict, reason_separator

ESCALATE_RULE = "phone.violation_escalate_count"


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


# ------------------------------------------------------------------ demo data


def _class_applications(ctx: WeekContext, school_class: school.SchoolClass) -> list[Application]:
    """The class's applications (newest first); within a period read once for the school and all its
    weeks (an application holds no date of a week; its validity is judged per day)."""

    def load() -> dict[str, list[Application]]:
        found: dict[str, list[Application]] = {}
        for app in applications(ctx.db):
            found.setdefault(app.class_id, []).append(app)
        return found

    if ctx.period is None:  # a week by itself: the class's own, as before
        return applications(ctx.db, school_class.id)
    return ctx.per_period("phone.applications", load).get(school_class.id, [])


def _class_escalations(ctx: WeekContext, school_class: school.SchoolClass, day: dt.date) -> list[Escalation]:
    """``escalations`` of the class up to day; within a period computed for every class of the week at
    once (one read of the term's violations, names and follow-ups per week instead of per class-week)."""

    def load() -> tuple[set[str], dict[str, list[Escalation]]]:
        found: dict[str, list[Escalation]] = {}
        for item in escalations(ctx.db, day, None, ctx.rules, ctx.calendar):
            found.setdefault(item.class_id, []).append(item)
        return {c.id for c in school.list_classes(ctx.db, on=day)}, found

    if ctx.period is None:  # a week by itself: the class's own, as before
        return escalations(ctx.db, day, school_class.id, ctx.rules, ctx.calendar)
    known, found = ctx.per_period(f"phone.escalations|{day}", load)
    if school_class.id not in known:  # not a class of the school on that day: asked by itself, as before
        return escalations(ctx.db, day, school_class.id, ctx.rules, ctx.calendar)
    return found.get(school_class.id, [])


def week(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    db = ctx.db
    apps = _class_applications(ctx, school_class)
    end = min(ctx.sunday, ctx.today)
    past = ctx.past_school_days()
    custody = custody_spans(ctx, [school_class], ctx.monday, ctx.sunday)[school_class.id]
    so_far = [c for c in custody if c.date <= end] if ctx.monday <= ctx.today else []
    week_rows = [r for c in so_far for r in c.rows if r.status]
    logged = {c.date for c in so_far if c.logged}
    approved_ids = {r.student_id for c in custody for r in c.rows if r.approved}
    missing = [c.date for c in custody if c.date in past and not c.logged and any(r.approved for r in c.rows)]
    term_start, _ = _term_window(ctx.calendar, end)
    expired = expired_applications(
        db, school_class.id, end, since=max(term_start, end - dt.timedelta(days=60)), apps=apps
    )
    violations = [r for r in week_rows if r.status == VIOLATION]
    not_handed = [r for r in week_rows if r.status == NOT_HANDED_IN]
    escalated = _class_escalations(ctx, school_class, end) if ctx.monday <= ctx.today else []
    open_cases = [e for e in escalated if e.is_open]
    unfollowed = [e for e in open_cases if not e.contacts]
    figures = PhoneWeek(
        approved=len(approved_ids),
        violations=len(violations),
        missing_log_days=len(missing),
        not_handed_in=len(not_handed),
        expired=len(expired),
        logged_days=len(logged & set(past)),
        school_days=len(past),
        escalated=[e.name for e in escalated],
        open_escalations=len(open_cases),
        unfollowed_escalations=[e.name for e in unfollowed],
        closed_escalations=len(escalated) - len(open_cases),
        violation_students=sorted({r.name for r in violations}),
    )
    day_json = days(ctx, [school_class], ctx.monday, ctx.sunday)[school_class.id]
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
    if past and missing and len(missing) == len(past) and not logged:
        text = translate("Verdict", "本周 {n} 个上课日均未登记手机保管（{approved} 名学生经批准带手机）")
        return result(Status.UNLOGGED, text.format(n=len(past), approved=len(approved_ids)))
    if not logged and not approved_ids and not week_rows:
        if not past:
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


week_summary = week  # the name the callers of the week summaries know


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
    return judge_day(current, (calendar or SchoolCalendar(db)).kind(day), today), current


@dataclass(frozen=True)
class PhoneDayFigures:
    """A day's figures (``DayResult.figures``; the day's JSON keys)."""

    logged: bool  # the custody log of the day was made
    missing: bool  # a school day gone by with approved phones and no log
    approved: int  # students with an approval valid that day
    handed_in: int
    not_handed_in: int
    violations: int


DAY_FIGURES = PhoneDayFigures


DAILY = True  # the custody log is made every school day


def judge_day(current: CustodyDay, kind: DayKind, today: dt.date) -> Verdict:
    day = current.date
    violations = [r.name for r in current.rows if r.status == VIOLATION]
    kept = [r.name for r in current.rows if r.status == NOT_HANDED_IN]
    approved = [r for r in current.rows if r.approved]
    problems = []
    if violations:
        problems.append(translate("Verdict", "违规带入：{names}").format(names="、".join(violations)))
    if kept:
        problems.append(translate("Verdict", "未交：{names}").format(names="、".join(kept)))
    if problems:
        return Verdict(Status.VIOLATION, reason_separator().join(problems))
    if day > today:
        return Verdict(Status.NA, translate("Verdict", "尚未到该日"))
    if not current.logged:
        if kind.is_rest_day:
            return Verdict(Status.NA, translate("Verdict", "{day}，无需登记").format(day=kind.label))
        if approved:
            text = translate("Verdict", "当天未登记手机保管（{n} 名学生经批准带手机）")
            return Verdict(Status.UNLOGGED, text.format(n=len(approved)))
        text = translate("Verdict", "当天未登记（本班无经批准带手机的学生，可点“全部已交”确认无人带手机）")
        return Verdict(Status.UNLOGGED, text)
    handed = sum(r.status == HANDED_IN for r in current.rows)
    not_returned = [r.name for r in current.rows if r.status == HANDED_IN and not r.returned]
    if not_returned:
        text = translate("Verdict", "已收 {n} 部，放学未登记归还：{names}")
        return Verdict(Status.YELLOW, text.format(n=handed, names="、".join(not_returned)))
    if not approved:
        return Verdict(Status.GREEN, translate("Verdict", "已登记：无学生带手机入校"))
    text = translate("Verdict", "已登记：经批准 {approved} 人，已交 {handed} 部，均已归还")
    return Verdict(Status.GREEN, text.format(approved=len(approved), handed=handed))


def day_result(current: CustodyDay, kind: DayKind, today: dt.date, early: Verdict | None) -> DayResult:
    """The DayResult of a class-day's custody log (the week strip, the summary's days)."""
    verdict = early or judge_day(current, kind, today)
    if current.logged or current.rows and any(r.status for r in current.rows):
        state = "logged"
    elif kind.is_rest_day:
        state = "rest"
    elif current.date > today:
        state = "future"
    else:
        state = "none" if early else "unlogged"
    approved = sum(1 for r in current.rows if r.approved)
    figures = PhoneDayFigures(
        logged=current.logged,
        missing=state == "unlogged" and approved > 0,
        approved=approved,
        handed_in=sum(r.status == HANDED_IN for r in current.rows),
        not_handed_in=sum(r.status == NOT_HANDED_IN for r in current.rows),
        violations=sum(r.status == VIOLATION for r in current.rows),
    )
    return DayResult.of(current.date, kind, state, verdict, figures)


def custody_spans(
    ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date
) -> dict[str, list[CustodyDay]]:
    """``custody_days`` of the context (within a period: read once for the period and its classes)."""

    def load(items: list[school.SchoolClass], first: dt.date, last: dt.date) -> dict[str, list[CustodyDay]]:
        found = custody_days(ctx.db, [c.id for c in items], first, last)
        return {class_id: list(days.values()) for class_id, days in found.items()}

    return ctx.spans("phone.custody", load, classes, start, end)


def days(ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date) -> ClassDays:
    classes = list(classes)
    found = custody_spans(ctx, classes, start, end)
    return {
        c.id: [
            day_result(
                current,
                ctx.calendar.kind(current.date),
                ctx.today,
                not_in_force(
                    ctx.rules,
                    ESCALATE_RULE,
                    c.grade,
                    current.date,
                    QT_TRANSLATE_NOOP("Verdict", "手机管理要求"),
                ),
            )
            for current in found[c.id]
        ]
        for c in classes
    }
