"""读物 — checks: each day's verdict and the week's figures (``week_summary``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from fivemgmt import clock, school
from fivemgmt.areas.base import AreaWeek, ClassDays, DayResult, WeekContext
from fivemgmt.areas.reading.records import (
    AREA,
    CORNER,
    BookStatus,
    book_statuses,
    negative_list,
    recommended_list,
    school_year_of,
)
from fivemgmt.i18n import translate
from fivemgmt.rules import Status, Verdict, reason_separator


def catalogue_status(db: Database, as_of: dt.date | None = None) -> dict[str, int]:
    """The school's catalogue at a glance (keys agreed with the dashboard and reports)."""
    as_of = as_of or clock.today()
    statuses = book_statuses(db, as_of=as_of)
    listed = {
        e.status.book.id: e.status for e in recommended_list(db, school_year_of(db, as_of), as_of=as_of)
    }
    return {
        "books": len(statuses),
        "reviewed": sum(1 for s in statuses if s.passed),
        "pending": sum(1 for s in statuses if s.in_circulation and not s.review_complete),
        "problem_dispositioned": sum(1 for s in statuses if s.problem and s.dispositioned),
        "problem_open": sum(1 for s in statuses if s.problem and not s.dispositioned),
        "recommended": len(listed),
        "recommended_unpublished": sum(1 for s in listed.values() if not s.published),
    }


def catalogue_findings(db: Database, as_of: dt.date | None = None) -> list[tuple[Status, str]]:
    """The school-level checks as plain sentences, worst first (the page's status strip)."""
    as_of = as_of or clock.today()
    statuses = book_statuses(db, as_of=as_of)
    findings: list[tuple[Status, str]] = []
    source = negative_list().source
    open_problems = [s for s in statuses if s.problem and not s.dispositioned]
    if open_problems:
        findings.append(
            (
                Status.VIOLATION,
                translate("Verdict", "{n} 本问题读物未处置：{titles}").format(
                    n=len(open_problems), titles="、".join(f"《{s.book.title}》" for s in open_problems[:5])
                ),
            )
        )
    pending = [s for s in statuses if s.in_circulation and not s.review_complete]
    if pending:
        findings.append(
            (
                Status.PENDING,
                translate("Verdict", "{n} 本在架图书未完成审核（评议、确认）：{titles}").format(
                    n=len(pending), titles="、".join(f"《{s.book.title}》" for s in pending[:5])
                ),
            )
        )
    unpublished = [
        e for e in recommended_list(db, school_year_of(db, as_of), as_of=as_of) if not e.status.published
    ]
    if unpublished:
        missing = {
            e.status.book.title: [s for s in ("公示", "备案") if s not in e.status.done] for e in unpublished
        }
        findings.append(
            (
                Status.VIOLATION,
                translate("Verdict", "{n} 本推荐书目缺少公示或备案：{titles}").format(
                    n=len(missing),
                    titles="、".join(
                        translate("Verdict", "《{title}》缺{steps}").format(title=t, steps="、".join(m))
                        for t, m in list(missing.items())[:5]
                    ),
                ),
            )
        )
    if not findings:
        text = translate("Verdict", "在架图书均已审核，推荐书目均已公示、备案（依据{source}）")
        findings.append((Status.GREEN, text.format(source=source)))
    return sorted(findings, key=lambda f: -f[0].rank)


def class_verdict(week: AreaWeek, findings: list[tuple[Status, str]]) -> Verdict:
    """What the 读物 page's status strip says for a class: its week's book corner, unless a school finding
    (``catalogue_findings``: a problem book still out, lists not published) is worse and red or yellow —
    those count for every class, so no class reads green while one of them is red."""
    worst, text = max(findings, key=lambda f: f[0].rank)
    if worst.level in (Status.RED, Status.YELLOW) and worst.rank > week.status.rank:
        reason = translate("Verdict", "全校：{finding}；本班：{reason}").format(
            finding=text, reason=week.reason
        )
        return Verdict(worst, reason, week.source)
    return Verdict(week.status, week.reason, week.source)


@dataclass(frozen=True)
class ReadingWeek:
    """One class's book corner at the end of a week (``AreaWeek.figures``; JSON keys = field names)."""

    class_books: int  # in circulation
    unreviewed_books: int
    problem_open: int  # problem books not yet dispositioned
    unsuitable_books: int  # reviewed for grades that exclude the class's grade


DAY_FIGURES = None  # a book corner is a stock reviewed per term: its days carry no figures


DAILY = False


def days(ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date) -> ClassDays:
    """Not a daily register: every day reads 不适用 (the week's verdict is the corner as of its end)."""
    dates = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    reason = translate("Verdict", "读物按学期审核，不按日登记")

    def state(day: dt.date) -> str:
        return "future" if day > ctx.today else "rest" if ctx.calendar.kind(day).is_rest_day else "none"

    shown = [DayResult(d, ctx.calendar.kind(d), state(d), Status.NA, reason) for d in dates]
    return {c.id: list(shown) for c in classes}


def _corner(ctx: WeekContext, school_class: school.SchoolClass, as_of: dt.date) -> list[BookStatus]:
    """The class's book corner as of ``as_of`` (in the order of ``book_statuses``); within a period read
    once for every class of the week instead of once per class-week."""
    if ctx.period is None:  # a week by itself: the class's own books
        statuses = book_statuses(ctx.db, as_of=as_of, class_id=school_class.id)
        return [s for s in statuses if s.book.location == CORNER]

    def load() -> dict[str, list[BookStatus]]:
        found: dict[str, list[BookStatus]] = {}
        for status in book_statuses(ctx.db, as_of=as_of, location=CORNER):
            found.setdefault(status.book.class_id, []).append(status)
        return found

    return ctx.per_period(f"reading.corners|{as_of}", load).get(school_class.id, [])


def week(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    """The class book corner as of the end of the week (or today, for the current week)."""
    week_days = days(ctx, [school_class], ctx.monday, ctx.sunday)[school_class.id]
    as_of = min(ctx.sunday, ctx.today)
    corner = _corner(ctx, school_class, as_of)
    shelf = [s for s in corner if s.in_circulation]
    unreviewed = [s for s in shelf if not s.review_complete]
    problem_open = [s for s in corner if s.problem and not s.dispositioned]
    unsuitable = [s for s in shelf if s.passed and s.suits(school_class.grade) is False]
    figures = ReadingWeek(
        class_books=len(shelf),
        unreviewed_books=len(unreviewed),
        problem_open=len(problem_open),
        unsuitable_books=len(unsuitable),
    )
    source = negative_list().source
    if not corner:
        verdict = Verdict(
            Status.NA, translate("Verdict", "本班图书角没有登记图书（学校图书室的书目见读物目录）"), source
        )
        return AreaWeek.from_verdict(AREA.key, school_class, verdict, figures=figures, days=week_days)
    reasons, status = [], Status.GREEN
    if problem_open:
        status = Status.VIOLATION
        reasons.append(
            translate("Verdict", "问题读物未处置 {n} 本：{titles}").format(
                n=len(problem_open), titles="、".join(f"《{s.book.title}》" for s in problem_open[:3])
            )
        )
    if unreviewed:
        status = max(status, Status.PENDING, key=lambda s: s.rank)
        reasons.append(
            translate("Verdict", "{n} 本图书未完成审核：{titles}").format(
                n=len(unreviewed),
                titles="、".join(f"《{s.book.title}》({s.book.source})" for s in unreviewed[:3]),
            )
        )
    if unsuitable:
        status = max(status, Status.YELLOW, key=lambda s: s.rank)
        reasons.append(translate("Verdict", "{n} 本图书评议的适用年级不含本年级").format(n=len(unsuitable)))
    if status is Status.GREEN:
        reasons.append(
            translate("Verdict", "图书角 {n} 种图书均已审核").format(n=len(shelf))
            + (translate("Verdict", "，问题读物已处置") if len(corner) > len(shelf) else "")
        )
    return AreaWeek.from_verdict(
        AREA.key,
        school_class,
        Verdict(status, reason_separator().join(reasons), source),
        figures=figures,
        days=week_days,
    )


week_summary = week  # the name the callers of the week summaries know
