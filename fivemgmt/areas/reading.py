"""读物 — extracurricular reading materials entering the campus.

A catalogue of books (图书室 or a class's 图书角), each going through the review procedure of
《中小学生课外读物进校园管理办法》: 初选 → 评议 → 确认 → 公示 → 备案, in that order, each step with its date
and person. The 评议 records the reviewers, and for each of the 12 negative-list items whether it applies,
plus the grades the book suits. A book to which any item applies cannot be recommended; it must be
dispositioned (封存 / 下架 / 上报). The annual recommended list (推荐书目) is per grade and is printed for
parents with the statement that purchase is voluntary. Donated books and books students bring in are
reviewed like the others.

Checks: books in circulation without a completed review (评议 and 确认), recommended books lacking 公示 or
备案, problem books not dispositioned. Reading is not a daily register: a class week shows the state of the
class book corner as of the end of that week; a class with no books in its corner is 不适用 (NA).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, school, tabular
from fivemgmt.accounts import Actor
from fivemgmt.areas.base import AreaName, AreaWeek, ClassDays, DayResult, WeekContext
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import in_source_language, translate
from fivemgmt.records import Changes, create_record_table
from fivemgmt.resources import resource_path
from fivemgmt.rules import Status, Verdict, reason_separator

AREA = AreaName("reading", "读物", "课外读物管理")
BOOKS = "reading_books"
STEPS_TABLE = "reading_steps"
DISPOSITIONS = "reading_dispositions"
LIST = "reading_list"

SOURCES = ["采购", "捐赠", "学生带入", "推荐书目"]
LIBRARY = "图书室"
CORNER = "班级图书角"
STEPS = ["初选", "评议", "确认", "公示", "备案"]
REVIEW_STEP = "评议"
ACTIONS = ["封存", "下架", "上报"]
OUT_OF_CIRCULATION = {"封存", "下架"}
VOLUNTARY_NOTICE = (
    "本书目经学校初选、评议、确认并公示，仅供学生自主选择阅读。家长和学生自愿选择、自愿购买，"
    "学校不统一征订、不代购、不在校内销售，不强制或变相强制购买；也可到学校图书室、班级图书角或"
    "公共图书馆借阅。"
)


def create_schema(db: Database) -> None:
    create_record_table(
        db,
        BOOKS,
        {
            "title": str,
            "author": str,
            "publisher": str,
            "isbn": str,
            "edition": str,
            "source": str,
            "location": str,
            "class_id": str,
            "copies": int,
            "added_date": str,
            "note": str,
        },
        not_null={"title", "source", "location"},
        defaults={"copies": 1},
        indexes=[["class_id"], ["isbn"]],
    )
    create_record_table(
        db,
        STEPS_TABLE,
        {
            "book_id": str,
            "step": str,
            "date": str,
            "person": str,
            "note": str,
            "negative": str,
            "grade_from": int,
            "grade_to": int,
        },
        not_null={"book_id", "step", "date", "person"},
        indexes=[["book_id"]],
    )
    create_record_table(
        db,
        DISPOSITIONS,
        {"book_id": str, "action": str, "date": str, "person": str, "note": str},
        not_null={"book_id", "action", "date", "person"},
        indexes=[["book_id"]],
    )
    create_record_table(
        db,
        LIST,
        {"school_year": str, "grade": int, "book_id": str, "note": str},
        not_null={"school_year", "grade", "book_id"},
        indexes=[["school_year", "grade"], ["book_id"]],
    )


# ------------------------------------------------------------------ the negative list


@dataclass(frozen=True)
class NegativeList:
    items: tuple[str, ...]
    source: str


@functools.cache
def negative_list() -> NegativeList:
    """The 12 items of 第六条, with their source (resources/rules/reading_negative_list.toml)."""
    with open(resource_path("rules", "reading_negative_list.toml"), "rb") as handle:
        data = tomllib.load(handle)
    items = tuple(data["items"])
    if len(items) != 12:
        raise UserError("负面清单文件应有 12 条。")
    return NegativeList(items, data["source"])


# ------------------------------------------------------------------ ISBN


def normalize_isbn(text: Any) -> str:
    """'978-7-02-000220-7' → '9787020002207'; ISBN-10 and ISBN-13 with their check digit; '' stays ''."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    cleaned = re.sub(r"[\s\-‐–—]", "", str(text)).upper().removeprefix("ISBN").lstrip(":：")
    if not cleaned:
        return ""
    if len(cleaned) == 10 and re.fullmatch(r"\d{9}[\dX]", cleaned):
        total = sum((10 - i) * (10 if ch == "X" else int(ch)) for i, ch in enumerate(cleaned))
        if total % 11:
            raise ValueError(f"ISBN “{text}”校验位不对")
        return cleaned
    if len(cleaned) == 13 and cleaned.isdigit():
        if not cleaned.startswith(("978", "979")):
            raise ValueError(f"ISBN “{text}”应以 978 或 979 开头")
        total = sum((1 if i % 2 == 0 else 3) * int(ch) for i, ch in enumerate(cleaned))
        if total % 10:
            raise ValueError(f"ISBN “{text}”校验位不对")
        return cleaned
    raise ValueError(f"“{text}”不是 ISBN（应为 10 位或 13 位）")


def isbn13_check_digit(first12: str) -> str:
    total = sum((1 if i % 2 == 0 else 3) * int(ch) for i, ch in enumerate(first12))
    return str((10 - total % 10) % 10)


# ------------------------------------------------------------------ records


@dataclass
class Book:
    title: str
    author: str = ""
    publisher: str = ""
    isbn: str = ""
    edition: str = ""
    source: str = "采购"
    location: str = LIBRARY
    class_id: str | None = None
    copies: int = 1
    added_date: dt.date | None = None
    note: str = ""
    id: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> Book:
        return cls(
            row["title"],
            row["author"] or "",
            row["publisher"] or "",
            row["isbn"] or "",
            row["edition"] or "",
            row["source"],
            row["location"],
            row["class_id"],
            row["copies"] or 1,
            dt.date.fromisoformat(row["added_date"]) if row["added_date"] else None,
            row["note"] or "",
            row["id"],
        )

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.strip(),
            "author": self.author.strip(),
            "publisher": self.publisher.strip(),
            "isbn": self.isbn,
            "edition": self.edition.strip(),
            "source": self.source,
            "location": self.location,
            "class_id": self.class_id if self.location == CORNER else None,
            "copies": int(self.copies),
            "added_date": self.added_date.isoformat() if self.added_date else None,
            "note": self.note or "",
        }


@dataclass
class Step:
    book_id: str
    step: str
    date: dt.date
    person: str
    note: str = ""
    negative: tuple[bool, ...] = ()  # 评议 only: 12 answers
    grade_from: int | None = None
    grade_to: int | None = None
    id: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> Step:
        return cls(
            row["book_id"],
            row["step"],
            dt.date.fromisoformat(row["date"]),
            row["person"],
            row["note"] or "",
            tuple(ch == "1" for ch in (row["negative"] or "")),
            row["grade_from"],
            row["grade_to"],
            row["id"],
        )

    @property
    def problem_items(self) -> list[int]:
        """Numbers (1–12) of the negative-list items found to apply."""
        return [i + 1 for i, applies in enumerate(self.negative) if applies]


@dataclass
class Review:
    """A 评议: who reviewed, when, which of the 12 items apply, and the grades the book suits."""

    book_id: str
    date: dt.date
    reviewers: str
    negative: list[bool] = field(default_factory=lambda: [False] * 12)
    grade_from: int = 1
    grade_to: int = 12
    opinion: str = ""


@dataclass
class Disposition:
    book_id: str
    action: str
    date: dt.date
    person: str
    note: str = ""
    id: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> Disposition:
        return cls(
            row["book_id"],
            row["action"],
            dt.date.fromisoformat(row["date"]),
            row["person"],
            row["note"] or "",
            row["id"],
        )


@dataclass
class BookStatus:
    """A book with its procedure as of a date: what the catalogue table and the checks show."""

    book: Book
    steps: list[Step]
    dispositions: list[Disposition]

    @property
    def done(self) -> list[str]:
        return [s.step for s in self.steps]

    @property
    def last_step(self) -> str | None:
        return self.steps[-1].step if self.steps else None

    @property
    def next_step(self) -> str | None:
        if self.problem:
            return None
        return STEPS[len(self.steps)] if len(self.steps) < len(STEPS) else None

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.step == name), None)

    @property
    def review(self) -> Step | None:
        return self.step(REVIEW_STEP)

    @property
    def problem(self) -> bool:
        return bool(self.review and self.review.problem_items)

    @property
    def review_complete(self) -> bool:
        """Reviewed to a conclusion: confirmed as suitable, or found to be a problem book."""
        return self.problem or "确认" in self.done

    @property
    def passed(self) -> bool:
        return "确认" in self.done and not self.problem

    @property
    def dispositioned(self) -> bool:
        return bool(self.dispositions)

    @property
    def in_circulation(self) -> bool:
        return not any(d.action in OUT_OF_CIRCULATION for d in self.dispositions)

    @property
    def published(self) -> bool:
        return "公示" in self.done and "备案" in self.done

    @property
    def state(self) -> str:
        if self.problem:
            if self.dispositioned:
                return "问题读物（已" + "、".join(dict.fromkeys(d.action for d in self.dispositions)) + "）"
            return "问题读物（未处置）"
        if not self.in_circulation:
            return "已" + "、".join(dict.fromkeys(d.action for d in self.dispositions))
        if not self.steps:
            return "待初选"
        return {"初选": "待评议", "评议": "待确认", "确认": "已审核", "公示": "已公示", "备案": "已备案"}[
            self.last_step
        ]

    @property
    def status(self) -> Status:
        if self.problem:
            return Status.GREEN if self.dispositioned else Status.VIOLATION  # a problem book still out
        if not self.in_circulation:
            return Status.NA
        return Status.GREEN if self.review_complete else Status.PENDING

    def suits(self, grade: int) -> bool | None:
        review = self.review
        if review is None or review.grade_from is None:
            return None
        return review.grade_from <= grade <= (review.grade_to or 12)


# ------------------------------------------------------------------ reading


def _as_of(day: dt.date | None) -> str:
    return (day or dt.date.max).isoformat()


def book_statuses(
    db: Database,
    *,
    as_of: dt.date | None = None,
    class_id: str | None = None,
    location: str | None = None,
    book_id: str | None = None,
) -> list[BookStatus]:
    """Books (added by as_of) with their steps and dispositions up to as_of."""
    where, params = ["(added_date IS NULL OR added_date <= ?)"], [_as_of(as_of)]
    if book_id is not None:
        where.append("id = ?")
        params.append(book_id)
    if class_id is not None:
        where.append("class_id = ?")
        params.append(class_id)
    if location is not None:
        where.append("location = ?")
        params.append(location)
    books = [
        Book.from_row(r)
        for r in records.live_rows(
            db, BOOKS, " AND ".join(where), params, order_by="location DESC, class_id, title"
        )
    ]
    ids = {b.id for b in books}
    # Only the steps of the books asked for (one class's corner needs its own books' steps, not the school's).
    which = f"date <= ? AND book_id IN (SELECT id FROM [{BOOKS}] WHERE deleted = 0 AND {' AND '.join(where)})"
    steps: dict[str, list[Step]] = {}
    for row in records.live_rows(db, STEPS_TABLE, which, [_as_of(as_of), *params], order_by="date, rowid"):
        if row["book_id"] in ids:
            steps.setdefault(row["book_id"], []).append(Step.from_row(row))
    dispositions: dict[str, list[Disposition]] = {}
    for row in records.live_rows(db, DISPOSITIONS, which, [_as_of(as_of), *params], order_by="date, rowid"):
        if row["book_id"] in ids:
            dispositions.setdefault(row["book_id"], []).append(Disposition.from_row(row))
    for book_steps in steps.values():
        book_steps.sort(key=lambda s: STEPS.index(s.step))
    return [BookStatus(b, steps.get(b.id, []), dispositions.get(b.id, [])) for b in books]


def book_status(db: Database, book_id: str, as_of: dt.date | None = None) -> BookStatus:
    found = book_statuses(db, as_of=as_of, book_id=book_id)
    if not found:
        raise UserError("找不到这本书。")
    return found[0]


def school_year_of(db: Database, day: dt.date) -> str:
    """'2026-2027' for a day in that school year (from the calendar's terms, else from the date)."""
    term = SchoolCalendar(db).term_for(day)
    if term is not None:
        return term.school_year
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


@dataclass
class ListEntry:
    id: str
    school_year: str
    grade: int
    status: BookStatus
    note: str = ""


def recommended_list(
    db: Database, school_year: str, grade: int | None = None, as_of: dt.date | None = None
) -> list[ListEntry]:
    """The school's 推荐书目 for a school year (one grade or all), by grade then title."""
    where, params = "school_year = ?", [school_year]
    if grade is not None:
        where, params = where + " AND grade = ?", [*params, grade]
    rows = records.live_rows(db, LIST, where, params, order_by="grade")
    statuses = {s.book.id: s for s in book_statuses(db, as_of=as_of)}
    # A list entry needs its book confirmed, so as of an earlier date only books confirmed by then count.
    entries = [
        ListEntry(r["id"], r["school_year"], r["grade"], statuses[r["book_id"]], r["note"] or "")
        for r in rows
        if r["book_id"] in statuses and (as_of is None or "确认" in statuses[r["book_id"]].done)
    ]
    return sorted(entries, key=lambda e: (e.grade, e.status.book.title))


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


def week(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    """The class book corner as of the end of the week (or today, for the current week)."""
    week_days = days(ctx, [school_class], ctx.monday, ctx.sunday)[school_class.id]
    as_of = min(ctx.sunday, ctx.today)
    statuses = book_statuses(ctx.db, as_of=as_of, class_id=school_class.id)
    corner = [s for s in statuses if s.book.location == CORNER]
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


# ------------------------------------------------------------------ catalogue operations


def validate_book(book: Book) -> None:
    if not book.title.strip():
        raise UserError("请填写书名。")
    if book.source not in SOURCES:
        raise UserError(f"图书来源应为 {'、'.join(SOURCES)} 之一。")
    if book.location not in (LIBRARY, CORNER):
        raise UserError(f"存放位置应为“{LIBRARY}”或某班“{CORNER}”。")
    if book.location == CORNER and not book.class_id:
        raise UserError("放在班级图书角的书要选择班级。")
    if not 1 <= int(book.copies) <= 10_000:
        raise UserError("册数应在 1–10000 之间。")
    try:
        book.isbn = normalize_isbn(book.isbn)
    except ValueError as error:
        raise UserError(str(error) + "。") from None


def _same_book(db: Database, book: Book) -> dict | None:
    if book.isbn:
        where, params = "isbn = ?", [book.isbn]
    else:
        where, params = "title = ? AND COALESCE(author, '') = ?", [book.title.strip(), book.author.strip()]
    place = "location = ? AND COALESCE(class_id, '') = ?"
    rows = records.live_rows(db, BOOKS, f"{where} AND {place}", [*params, book.location, book.class_id or ""])
    rows = [r for r in rows if r["id"] != book.id]
    return rows[0] if rows else None


def save_book(db: Database, actor: Actor, book: Book, *, today: dt.date | None = None) -> Changes:
    """Add a book to the catalogue, or correct one. The same book at the same place is one record (册数)."""
    validate_book(book)
    book.added_date = book.added_date or today or clock.today()
    changes = Changes()
    with transaction(db):
        if book.id:
            records.live_get(db, BOOKS, book.id, "要修改的图书不存在。")
        duplicate = _same_book(db, book)
        if duplicate:
            raise UserError(
                f"《{book.title}》在该位置已登记（{duplicate['copies']} 册），请修改原记录的册数。"
            )
        values = book.values()
        if book.id:
            values["id"] = book.id
        book.id = records.save(db, BOOKS, values, actor, changes=changes)
    return changes


# ------------------------------------------------------------------ review procedure


def _check_step_order(status: BookStatus, step: str, day: dt.date, today: dt.date) -> None:
    title = status.book.title
    if day > today:
        raise UserError(f"{step}日期不能晚于今天。")
    if status.problem and STEPS.index(step) > STEPS.index(REVIEW_STEP):
        raise UserError(f"《{title}》评议发现负面清单问题，不能{step}或推荐；请予以处置（封存/下架/上报）。")
    if step in status.done:
        raise UserError(f"《{title}》已经{step}过了。")
    expected = status.next_step
    if step != expected:
        raise UserError(
            f"《{title}》的下一步应为“{expected}”，不能直接“{step}”（顺序：{' → '.join(STEPS)}）。"
        )
    if status.steps and day < status.steps[-1].date:
        raise UserError(
            f"《{title}》{step}日期不能早于上一步“{status.last_step}”的日期 {status.steps[-1].date}。"
        )


def record_step(
    db: Database,
    actor: Actor,
    book_ids: list[str],
    step: str,
    day: dt.date,
    person: str,
    note: str = "",
    *,
    today: dt.date | None = None,
) -> Changes:
    """Record 初选, 确认, 公示 or 备案 for one or more books (all or none), in procedure order."""
    today = today or clock.today()
    if step not in STEPS:
        raise UserError(f"步骤应为 {'、'.join(STEPS)} 之一。")
    if step == REVIEW_STEP:
        raise UserError("评议要逐本填写负面清单审核结果，请使用“评议”。")
    if not person.strip():
        raise UserError(f"请填写{step}的负责人。")
    if not book_ids:
        raise UserError("请先选择图书。")
    changes = Changes()
    with transaction(db):
        for book_id in dict.fromkeys(book_ids):
            status = book_status(db, book_id)
            _check_step_order(status, step, day, today)
            records.save(
                db,
                STEPS_TABLE,
                {
                    "book_id": book_id,
                    "step": step,
                    "date": day.isoformat(),
                    "person": person.strip(),
                    "note": note,
                },
                actor,
                changes=changes,
            )
    return changes


def save_review(db: Database, actor: Actor, review: Review, *, today: dt.date | None = None) -> Changes:
    """Record the 评议 of a book (after 初选). Correcting it is allowed until the next step is recorded."""
    today = today or clock.today()
    if len(review.negative) != 12:
        raise UserError("评议须对负面清单 12 条逐条给出结论。")
    if not review.reviewers.strip():
        raise UserError("请填写评议人。")
    if not 1 <= review.grade_from <= review.grade_to <= 12:
        raise UserError("适用年级范围不正确（1–12 年级，起始不大于结束）。")
    changes = Changes()
    with transaction(db):
        status = book_status(db, review.book_id)
        existing = status.review
        if existing is not None:
            if status.last_step != REVIEW_STEP:
                raise UserError(
                    f"《{status.book.title}》已{status.last_step}，不能再修改评议；如需重审请先撤销后续步骤。"
                )
            if review.date > today or (status.step("初选") and review.date < status.step("初选").date):
                raise UserError("评议日期不能晚于今天，也不能早于初选日期。")
        else:
            _check_step_order(status, REVIEW_STEP, review.date, today)
        values = {
            "book_id": review.book_id,
            "step": REVIEW_STEP,
            "date": review.date.isoformat(),
            "person": review.reviewers.strip(),
            "note": review.opinion,
            "negative": "".join("1" if v else "0" for v in review.negative),
            "grade_from": review.grade_from,
            "grade_to": review.grade_to,
        }
        if existing is not None:
            values["id"] = existing.id
        records.save(db, STEPS_TABLE, values, actor, reason="评议", changes=changes)
    return changes


def undo_step(db: Database, actor: Actor, book_id: str, *, reason: str) -> Changes:
    """Withdraw the latest step of a book (kept in the audit log); needs a reason."""
    if not reason.strip():
        raise UserError("撤销步骤需要填写原因。")
    changes = Changes()
    with transaction(db):
        status = book_status(db, book_id)
        if not status.steps:
            raise UserError(f"《{status.book.title}》还没有审核步骤。")
        if status.last_step in ("确认", "公示", "备案") and records.live_rows(
            db, LIST, "book_id = ?", [book_id]
        ):
            raise UserError(f"《{status.book.title}》在推荐书目中，请先移出推荐书目再撤销。")
        records.delete(db, STEPS_TABLE, status.steps[-1].id, actor, reason=reason, changes=changes)
    return changes


def disposition(
    db: Database,
    actor: Actor,
    book_id: str,
    action: str,
    day: dt.date,
    person: str,
    note: str = "",
    *,
    today: dt.date | None = None,
) -> Changes:
    """Record 封存 / 下架 / 上报 of a book (problem books must be dispositioned; any book may be withdrawn)."""
    today = today or clock.today()
    if action not in ACTIONS:
        raise UserError(f"处置方式应为 {'、'.join(ACTIONS)} 之一。")
    if not person.strip():
        raise UserError("请填写处置人。")
    if day > today:
        raise UserError("处置日期不能晚于今天。")
    changes = Changes()
    with transaction(db):
        status = book_status(db, book_id)
        if any(d.action == action for d in status.dispositions):
            raise UserError(f"《{status.book.title}》已经{action}过了。")
        if action in OUT_OF_CIRCULATION:
            for row in records.live_rows(db, LIST, "book_id = ?", [book_id]):
                records.delete(db, LIST, row["id"], actor, reason=f"图书{action}", changes=changes)
        records.save(
            db,
            DISPOSITIONS,
            {
                "book_id": book_id,
                "action": action,
                "date": day.isoformat(),
                "person": person.strip(),
                "note": note,
            },
            actor,
            changes=changes,
        )
    return changes


# ------------------------------------------------------------------ the recommended list


def add_to_list(
    db: Database, actor: Actor, book_id: str, school_year: str, grade: int, note: str = ""
) -> Changes:
    """Put a confirmed book on a grade's 推荐书目 of a school year."""
    if not re.fullmatch(r"\d{4}-\d{4}", school_year) or int(school_year[5:]) != int(school_year[:4]) + 1:
        raise UserError("学年应写成 2026-2027 这样的格式。")
    if not 1 <= grade <= 12:
        raise UserError("年级应在 1–12 之间。")
    changes = Changes()
    with transaction(db):
        status = book_status(db, book_id)
        title = status.book.title
        if status.problem:
            raise UserError(
                f"《{title}》评议发现负面清单第 {'、'.join(map(str, status.review.problem_items))} 条问题，"
                "不能列入推荐书目。"
            )
        if not status.in_circulation:
            raise UserError(f"《{title}》已封存或下架，不能推荐。")
        if "确认" not in status.done:
            raise UserError(f"《{title}》尚未完成初选、评议、确认，不能列入推荐书目。")
        if status.suits(grade) is False:
            review = status.review
            raise UserError(
                f"《{title}》评议的适用年级为 {review.grade_from}–{review.grade_to} 年级，"
                f"不含{school.grade_name(grade)}。"
            )
        if records.live_rows(
            db, LIST, "school_year = ? AND grade = ? AND book_id = ?", [school_year, grade, book_id]
        ):
            raise UserError(f"《{title}》已在{school_year}学年{school.grade_name(grade)}推荐书目中。")
        records.save(
            db,
            LIST,
            {"school_year": school_year, "grade": grade, "book_id": book_id, "note": note},
            actor,
            changes=changes,
        )
    return changes


def remove_from_list(db: Database, actor: Actor, entry_id: str) -> Changes:
    return records.delete_live(db, LIST, entry_id, actor, missing="推荐书目中没有这一条。", check=None)


@dataclass
class ParentList:
    """The printable 推荐书目 for parents."""

    title: str
    school_year: str
    grades: dict[int, list[Book]]
    notice: str = VOLUNTARY_NOTICE
    school_name: str = ""

    def text(self) -> str:
        lines = [self.title, ""]
        for grade, books in self.grades.items():
            lines.append(school.grade_name(grade))
            for number, book in enumerate(books, start=1):
                parts = [f"{number}. 《{book.title}》", book.author, book.publisher]
                lines.append("  " + "  ".join(p for p in parts if p))
            lines.append("")
        lines.append("说明：" + self.notice)
        return "\n".join(lines)


def parent_list(db: Database, school_year: str, grade: int | None = None) -> ParentList:
    """The recommended list of a school year (one grade or all) as parents receive it."""
    entries = recommended_list(db, school_year, grade)
    grades: dict[int, list[Book]] = {}
    for entry in entries:
        grades.setdefault(entry.grade, []).append(entry.status.book)
    school_row = school.get_school(db)
    name = school_row["name"] if school_row else ""
    which = school.grade_name(grade) if grade else ""
    title = f"{name}{school_year}学年{which}课外读物推荐书目"
    return ParentList(title, school_year, grades, school_name=name)


@in_source_language  # a PDF for parents: Chinese in any UI language
def write_parent_list_pdf(listing: ParentList, path: Path) -> Path:
    """A one-document PDF of the list with the voluntary-purchase notice (bundled CJK font)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from fivemgmt.fonts import setup_reportlab
    from fivemgmt.reports import pdf

    font = setup_reportlab()
    title_style = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1, spaceAfter=6)
    head_style = ParagraphStyle("head", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    body_style = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=12, wordWrap="CJK")
    notice_style = ParagraphStyle(
        "notice",
        parent=body_style,
        borderColor=colors.black,
        borderWidth=0.6,
        borderPadding=5,
        spaceBefore=10,
    )
    story: list[Any] = [
        Paragraph(pdf.text(listing.title), title_style),
        Paragraph("致家长：" + pdf.text(listing.notice), notice_style),
        Spacer(1, 6),
    ]
    if not listing.grades:
        story.append(Paragraph("（本学年尚未确定推荐书目）", body_style))
    for grade, books in listing.grades.items():
        story.append(Paragraph(school.grade_name(grade), head_style))
        data = [[Paragraph(h, cell_style) for h in ("序号", "书名", "作者", "出版社", "ISBN")]]
        for number, book in enumerate(books, start=1):
            data.append(
                [
                    Paragraph(str(number), cell_style),
                    Paragraph(pdf.text(f"《{book.title}》"), cell_style),
                    Paragraph(pdf.text(book.author), cell_style),
                    Paragraph(pdf.text(book.publisher), cell_style),
                    Paragraph(pdf.text(book.isbn), cell_style),
                ]
            )
        table = Table(data, colWidths=[12 * mm, 55 * mm, 35 * mm, 45 * mm, 33 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story.append(table)
    path = Path(path)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=listing.title,
    )
    pdf.check_glyphs(story)  # a title or author no bundled font can draw is refused, not printed with gaps
    doc.build(story)
    return path


# ------------------------------------------------------------------ demo

DEMO_LIBRARY = [
    # (title, author, publisher, grades)
    ("稻草人", "叶圣陶", "人民文学出版社", (2, 4)),
    ("小英雄雨来", "管桦", "人民文学出版社", (3, 5)),
    ("没头脑和不高兴", "任溶溶", "少年儿童出版社", (1, 3)),
    ("大林和小林", "张天翼", "人民文学出版社", (2, 4)),
    ("中国古代寓言", "人民教育出版社编", "人民教育出版社", (3, 6)),
    ("城南旧事", "林海音", "中国青年出版社", (5, 7)),
    ("草房子", "曹文轩", "江苏凤凰少年儿童出版社", (4, 6)),
    ("西游记", "吴承恩", "人民文学出版社", (5, 9)),
    ("朝花夕拾", "鲁迅", "人民文学出版社", (7, 9)),
    ("骆驼祥子", "老舍", "人民文学出版社", (7, 9)),
    ("红星照耀中国", "埃德加·斯诺", "人民文学出版社", (8, 9)),
    ("昆虫记", "法布尔", "人民教育出版社", (7, 9)),
    ("可爱的中国", "方志敏", "人民文学出版社", (5, 9)),
    ("寄小读者", "冰心", "人民文学出版社", (4, 6)),
]
DEMO_CORNER = [
    ("宝葫芦的秘密", "张天翼", "人民文学出版社", (2, 5)),
    ("青铜葵花", "曹文轩", "天天出版社", (3, 6)),
    ("呼兰河传", "萧红", "人民文学出版社", (5, 9)),
    ("海底两万里", "儒勒·凡尔纳", "人民教育出版社", (5, 9)),
    ("十万个为什么", "少年儿童出版社编", "少年儿童出版社", (1, 9)),
    ("爱的教育", "亚米契斯", "人民文学出版社", (3, 7)),
]


def _demo_isbn(number: int) -> str:
    first12 = f"9787{number:08d}"
    return first12 + isbn13_check_digit(first12)


def demo_fill(ctx: Any) -> None:
    """A reviewed library and recommended list, class corners with donated and student books, and the lapses:
    an unreviewed donated book, a problem book sealed and reported, one not yet dispositioned, and a
    recommended book not yet filed (备案)."""
    db, rng, actor = ctx.db, ctx.rng, ctx.actor
    term = ctx.calendar.current_or_last_term(ctx.end)
    if not ctx.classes or term is None:
        return
    start = term.start
    school_year = term.school_year
    grades = sorted({c.grade for c in ctx.classes})
    isbn_counter = iter(range(20_000_000, 99_999_999, 7_919))

    def add(
        title: str,
        author: str,
        publisher: str,
        source: str,
        location: str,
        class_id: str | None,
        added: dt.date,
        copies: int = 1,
    ) -> str:
        book = Book(
            title,
            author,
            publisher,
            _demo_isbn(next(isbn_counter)),
            "第1版",
            source,
            location,
            class_id,
            copies,
            added,
        )
        return records.save(db, BOOKS, book.values(), actor)

    def step(book_id: str, name: str, day: dt.date, person: str, **extra: Any) -> None:
        records.save(
            db,
            STEPS_TABLE,
            {
                "book_id": book_id,
                "step": name,
                "date": day.isoformat(),
                "person": person,
                "note": "",
                **extra,
            },
            actor,
        )

    def review_through(book_id: str, grades_: tuple[int, int], last: str, base: dt.date) -> None:
        for offset, name in enumerate(STEPS[: STEPS.index(last) + 1]):
            day = min(base + dt.timedelta(days=3 * offset), ctx.end)
            if name == REVIEW_STEP:
                step(
                    book_id,
                    name,
                    day,
                    "语文教研组：王老师、李老师、陈老师",
                    negative="0" * 12,
                    grade_from=grades_[0],
                    grade_to=grades_[1],
                )
            else:
                step(
                    book_id,
                    name,
                    day,
                    {
                        "初选": "图书管理员",
                        "确认": "学校课外读物审核小组",
                        "公示": "教务处",
                        "备案": "教务处",
                    }[name],
                )

    library: dict[str, tuple[str, tuple[int, int]]] = {}
    for title, author, publisher, suit in DEMO_LIBRARY:
        book_id = add(
            title,
            author,
            publisher,
            rng.choice(["采购", "采购", "推荐书目"]),
            LIBRARY,
            None,
            start,
            rng.randrange(5, 40),
        )
        library[title] = (book_id, suit)
        review_through(book_id, suit, "备案", start + dt.timedelta(days=2))
    # The recommended list: two or three books per grade present in the school.
    for grade in grades:
        chosen = [t for t, (_, suit) in library.items() if suit[0] <= grade <= suit[1]][:3]
        for title in chosen:
            records.save(
                db,
                LIST,
                {"school_year": school_year, "grade": grade, "book_id": library[title][0], "note": ""},
                actor,
            )
    # A book added to the list later in the term: confirmed and published, not yet filed (备案).
    late_id = add(
        "小兵张嘎", "徐光耀", "人民文学出版社", "推荐书目", LIBRARY, None, start + dt.timedelta(days=40), 20
    )
    review_through(late_id, (3, 6), "公示", start + dt.timedelta(days=42))
    unfiled_grade = next((g for g in grades if 3 <= g <= 6), None)
    if unfiled_grade is not None:
        records.save(
            db,
            LIST,
            {"school_year": school_year, "grade": unfiled_grade, "book_id": late_id, "note": "学期中增补"},
            actor,
        )
    # Class book corners.
    unreviewed_class = ctx.classes[min(3, len(ctx.classes) - 1)]
    sealed_class = ctx.classes[min(5, len(ctx.classes) - 1)]
    open_class = ctx.classes[-2 if len(ctx.classes) > 1 else -1]
    for index, school_class in enumerate(ctx.classes):
        if index % 4 == 3 and school_class not in (unreviewed_class, sealed_class, open_class):
            continue  # some classes have no book corner yet
        suitable = [b for b in DEMO_CORNER if b[3][0] <= school_class.grade <= b[3][1]] or DEMO_CORNER[4:5]
        for title, author, publisher, suit in rng.sample(suitable, min(3, len(suitable))):
            source = rng.choice(["捐赠", "学生带入", "采购"])
            added = start + dt.timedelta(days=rng.randrange(3, 20))
            book_id = add(
                title, author, publisher, source, CORNER, school_class.id, added, rng.randrange(1, 4)
            )
            review_through(book_id, suit, "确认", added + dt.timedelta(days=1))
        if school_class is unreviewed_class:
            added = ctx.end - dt.timedelta(days=6)
            add("窗边的小豆豆", "黑柳彻子", "南海出版公司", "捐赠", CORNER, school_class.id, added, 2)
        if school_class is sealed_class:
            added = ctx.end - dt.timedelta(days=20)
            book_id = add(
                "新课标指定必读·作文大全（附赠学习卡）",
                "佚名",
                "某文化传播公司",
                "学生带入",
                CORNER,
                school_class.id,
                added,
            )
            step(book_id, "初选", added + dt.timedelta(days=1), "班主任")
            step(
                book_id,
                REVIEW_STEP,
                added + dt.timedelta(days=3),
                "学校课外读物审核小组：赵老师、孙老师",
                negative="000000000011",
                grade_from=1,
                grade_to=9,
                note="违规使用“新课标指定”字样，夹带商业广告",
            )
            for action in ("封存", "上报"):
                records.save(
                    db,
                    DISPOSITIONS,
                    {
                        "book_id": book_id,
                        "action": action,
                        "date": (added + dt.timedelta(days=4)).isoformat(),
                        "person": "图书管理员",
                        "note": "已报区教育局",
                    },
                    actor,
                )
        if school_class is open_class:
            added = ctx.end - dt.timedelta(days=5)
            book_id = add("午夜惊魂鬼故事", "佚名", "某出版社", "学生带入", CORNER, school_class.id, added)
            step(book_id, "初选", added + dt.timedelta(days=1), "班主任")
            step(
                book_id,
                REVIEW_STEP,
                added + dt.timedelta(days=2),
                "学校课外读物审核小组：赵老师、孙老师",
                negative="000000010000",
                grade_from=1,
                grade_to=9,
                note="宣扬鬼神迷信、恐怖暴力内容",
            )


# ------------------------------------------------------------------ import


def _isbn_cell(value: Any) -> str:
    try:
        return normalize_isbn(value)
    except ValueError as error:
        raise tabular.CellError(str(error)) from None


SOURCE_CHOICES = {s: s for s in SOURCES} | {
    "购买": "采购",
    "学校采购": "采购",
    "捐献": "捐赠",
    "赠送": "捐赠",
    "捐书": "捐赠",
    "学生自带": "学生带入",
    "自带": "学生带入",
    "推荐": "推荐书目",
    "推荐书单": "推荐书目",
}
IMPORT_COLUMNS = [
    tabular.Column("title", "书名", ("图书名称", "题名", "名称"), parse=tabular.text),
    tabular.Column("author", "作者", ("著者", "作者/译者", "责任者"), required=False, parse=tabular.text),
    tabular.Column("publisher", "出版社", ("出版单位", "出版者"), required=False, parse=tabular.text),
    tabular.Column("isbn", "ISBN", ("书号", "ISBN号", "国际标准书号"), required=False, parse=_isbn_cell),
    tabular.Column("edition", "版次", ("版本",), required=False, parse=tabular.text),
    tabular.Column("source", "来源", ("图书来源",), parse=tabular.choice(SOURCE_CHOICES)),
    tabular.Column("location", "存放位置", ("位置", "存放地点", "馆藏位置"), parse=tabular.text),
    tabular.Column(
        "copies",
        "册数",
        ("数量", "复本数"),
        required=False,
        parse=lambda v: tabular.integer(v, low=1, high=10_000),
    ),
    tabular.Column("added_date", "登记日期", ("入库日期", "日期"), required=False, parse=tabular.school_date),
    tabular.Column("note", "备注", ("说明",), required=False, parse=tabular.text),
]


def parse_location(text: str, classes: dict[tuple[int, int], school.SchoolClass]) -> tuple[str, str | None]:
    """'图书室' → (图书室, None); '四年级(2)班' or '四年级(2)班图书角' → (班级图书角, class id)."""
    cleaned = re.sub(r"\s+", "", text)
    if cleaned in (LIBRARY, "学校图书室", "图书馆", "阅览室"):
        return LIBRARY, None
    name = cleaned.removesuffix("图书角").removesuffix("班级")
    key = school.parse_class_name(name)
    if key not in classes:
        raise tabular.CellError(f"学校没有“{name}”这个班级")
    return CORNER, classes[key].id


def preview_import(db: Database, path: Path, *, defaults: dict[str, Any] | None = None) -> tabular.Preview:
    result = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db))
    classes = school.class_lookup(db)
    seen: dict[tuple, int] = {}
    for row in result.rows:
        if row.get("location") is None:
            continue
        try:
            row["location"], row["class_id"] = parse_location(row["location"], classes)
        except tabular.CellError as error:
            result.errors.append(tabular.RowError(row["_row"], "存放位置", str(error)))
            continue
        identity = (
            row.get("isbn") or (row.get("title"), row.get("author") or ""),
            row["location"],
            row["class_id"],
        )
        if identity in seen:
            result.errors.append(
                tabular.RowError(row["_row"], "", f"与第 {seen[identity]} 行是同一本书、同一位置")
            )
        else:
            seen[identity] = row["_row"]
    result.start_counting("new", "changed", "unchanged")
    for row in result.clean_rows():  # with errors elsewhere, the good rows still say what they would do
        book = _row_book(row)
        old = _same_book(db, book)
        if old is None:
            result.count(row, "new")
            continue
        row["id"] = old["id"]
        new = book.values()
        if row.get("added_date") is None:
            new["added_date"] = old["added_date"]
        result.count(row, "unchanged" if all(old[k] == v for k, v in new.items()) else "changed")
    if result.ok:
        if any(r["source"] in ("捐赠", "学生带入") for r in result.rows):
            result.warnings.append("捐赠和学生带入的图书同样需要经过初选、评议、确认后才能在校内流通。")
    return result


def _row_book(row: dict) -> Book:
    return Book(
        row["title"],
        row.get("author") or "",
        row.get("publisher") or "",
        row.get("isbn") or "",
        row.get("edition") or "",
        row["source"],
        row["location"],
        row.get("class_id"),
        row.get("copies") or 1,
        row.get("added_date"),
        row.get("note") or "",
        row.get("id"),
    )


def commit_import(
    db: Database, actor: Actor, result: tabular.Preview, *, today: dt.date | None = None
) -> Changes:
    """Write a checked catalogue file in one transaction (all rows or none)."""
    result.require_ok()
    today = today or clock.today()
    changes = Changes()
    with transaction(db):
        for row in result.rows:
            book = _row_book(row)
            validate_book(book)
            values = book.values()
            if book.id:
                values["id"] = book.id
                if book.added_date is None:
                    values.pop("added_date")
            elif book.added_date is None:
                values["added_date"] = today.isoformat()
            records.save(db, BOOKS, values, actor, reason="导入", changes=changes)
    return changes
