"""The period a form or report covers: one ISO week, or any date range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from fivemgmt import clock
from fivemgmt.calendar import SchoolCalendar, monday_of, parse_week, week_label
from fivemgmt.errors import UserError


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise UserError(f"结束日期 {self.end} 早于开始日期 {self.start}。")

    @classmethod
    def week(cls, monday: dt.date) -> Period:
        monday = monday_of(monday)
        return cls(monday, monday + dt.timedelta(days=6))

    @classmethod
    def parse(
        cls,
        week: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        *,
        today: dt.date | None = None,
    ) -> Period:
        """From --week, or --from/--to (either may be missing); default: the current week."""
        today = today or clock.today()
        if week:
            if start or end:
                raise UserError("--week 与 --from/--to 只能选一种。")
            return cls.week(parse_week(week))
        if end and not start:
            raise UserError("给出 --to 时也需要 --from。")
        if start:
            return cls(start, end or max(today, start))
        return cls.week(today)

    @classmethod
    def term(cls, db: Database, today: dt.date | None = None) -> Period:
        """本学期: the term containing today (else the last one begun), up to today while it runs."""
        today = today or clock.today()
        calendar = SchoolCalendar(db)
        term = calendar.term_for(today) or calendar.current_or_last_term(today)
        if term is None:
            raise UserError("还没有填写学期，请先在“设置”中填写学期起止日期。")
        return cls._up_to_today(term.start, term.end, today)

    @classmethod
    def school_year(cls, db: Database, year: str | None = None, today: dt.date | None = None) -> Period:
        """本学年 (or the school year ``year``, 2026-2027): from its first term's start to its last term's
        end, up to today while it runs; a year without terms runs 1 August – 31 July."""
        from fivemgmt import years

        today = today or clock.today()
        if not year:
            calendar = SchoolCalendar(db)
            term = calendar.term_for(today) or calendar.current_or_last_term(today)
            if term is None:
                raise UserError("还没有填写学期，请先在“设置”中填写学期起止日期。")
            year = term.school_year
        start, end = years.year_span(db, years.shift_year(year, 0))
        return cls._up_to_today(start, end, today)

    @classmethod
    def _up_to_today(cls, start: dt.date, end: dt.date, today: dt.date) -> Period:
        # a term or year still running is reported up to today: later days have no records yet
        return cls(start, min(end, max(today, start)))

    @property
    def is_week(self) -> bool:
        return self.start.weekday() == 0 and self.end == self.start + dt.timedelta(days=6)

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    @property
    def label(self) -> str:
        if self.is_week:
            return f"{week_label(self.start)}（{self.start:%Y年%m月%d日}—{self.end:%m月%d日}）"
        if self.start == self.end:
            return f"{self.start:%Y年%m月%d日}"
        return f"{self.start:%Y年%m月%d日}—{self.end:%Y年%m月%d日}"

    def mondays(self) -> list[dt.date]:
        """Mondays of the weeks that overlap the period."""
        result, monday = [], monday_of(self.start)
        while monday <= self.end:
            result.append(monday)
            monday += dt.timedelta(days=7)
        return result

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end
