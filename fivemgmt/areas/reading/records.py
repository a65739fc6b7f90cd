"""读物 — records: the schema, the record types, and reading and writing them."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, clock, records, school
from fivemgmt.actor import Actor
from fivemgmt.areas.base import AreaName
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.resources import resource_path
from fivemgmt.rules import Status

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


def delete_book(db: Database, actor: Actor, book_id: str) -> Changes:
    """Remove a catalogue entry entered by mistake (读物 page, 删除所选…); the audit entry names the book. A
    book with review records is dispositioned instead: its procedure stays on record."""
    changes = Changes()
    with transaction(db):
        book = Book.from_row(records.live_get(db, BOOKS, book_id, "要删除的图书不存在。"))
        if records.live_rows(db, STEPS_TABLE, "book_id = ?", [book_id]):
            raise UserError(f"《{book.title}》已有审核记录，不能删除；不再使用请“处置”（下架）。")
        records.delete(db, BOOKS, book_id, actor, reason=f"删除图书《{book.title}》", changes=changes)
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
                f"不含{class_names.grade_name(grade)}。"
            )
        if records.live_rows(
            db, LIST, "school_year = ? AND grade = ? AND book_id = ?", [school_year, grade, book_id]
        ):
            raise UserError(f"《{title}》已在{school_year}学年{class_names.grade_name(grade)}推荐书目中。")
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
            lines.append(class_names.grade_name(grade))
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
    which = class_names.grade_name(grade) if grade else ""
    title = f"{name}{school_year}学年{which}课外读物推荐书目"
    return ParentList(title, school_year, grades, school_name=name)
