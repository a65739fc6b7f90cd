"""School calendar: terms, school days, weekends, public holidays, vacations and 调休 make-up days."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from sqlite_utils import Database

from fivemgmt import records
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.records import Changes

WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


class DayKind(StrEnum):
    SCHOOL = "school"  # 上课日 (a weekday in term, or a 调休 make-up day)
    WEEKEND = "weekend"  # 周末
    HOLIDAY = "holiday"  # 法定节假日
    VACATION = "vacation"  # 寒暑假 / 学期外

    @property
    def label(self) -> str:
        return translate("DayKind", DAY_KIND_LABELS[self.value])

    @property
    def is_rest_day(self) -> bool:
        return self is not DayKind.SCHOOL


DAY_KIND_LABELS = {
    "school": QT_TRANSLATE_NOOP("DayKind", "上课日"),
    "weekend": QT_TRANSLATE_NOOP("DayKind", "周末"),
    "holiday": QT_TRANSLATE_NOOP("DayKind", "节假日"),
    "vacation": QT_TRANSLATE_NOOP("DayKind", "假期"),
}

# Explicit calendar entries: a holiday on a weekday, or a make-up school day (调休) on a weekend.
ENTRY_HOLIDAY = "holiday"
ENTRY_MAKEUP = "makeup"


@dataclass(frozen=True)
class Term:
    id: str
    school_year: str
    name: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return f"{self.school_year}学年{self.name}"


# The dates the register accepts from a person (command line, imports): far enough either side of
# today for any real school year, near enough that a week's or a trend's arithmetic never overflows.
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)


def require_plausible(day: dt.date) -> dt.date:
    if not EARLIEST <= day <= LATEST:
        raise UserError(f"日期 {day.isoformat()} 超出范围，应在 {EARLIEST.year}–{LATEST.year} 年之间。")
    return day


def parse_week(text: str) -> dt.date:
    """'2026-W47' → the Monday of that ISO week."""
    match = WEEK_RE.match(text or "")
    if not match:
        raise UserError(f"周的格式应为 YYYY-Www，例如 2026-W47：{text}")
    year, week = int(match.group(1)), int(match.group(2))
    if not EARLIEST.year <= year <= LATEST.year:
        raise UserError(f"周 {text} 超出范围，年份应在 {EARLIEST.year}–{LATEST.year} 之间。")
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise UserError(f"{year} 年没有第 {week} 周。") from None


def week_label(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_days(monday: dt.date) -> list[dt.date]:
    return [monday + dt.timedelta(days=i) for i in range(7)]


WEEKDAY_NAMES = [
    QT_TRANSLATE_NOOP("Weekday", "周一"),
    QT_TRANSLATE_NOOP("Weekday", "周二"),
    QT_TRANSLATE_NOOP("Weekday", "周三"),
    QT_TRANSLATE_NOOP("Weekday", "周四"),
    QT_TRANSLATE_NOOP("Weekday", "周五"),
    QT_TRANSLATE_NOOP("Weekday", "周六"),
    QT_TRANSLATE_NOOP("Weekday", "周日"),
]


def weekday_name(day: dt.date) -> str:
    """周一 … 周日, in the user's language."""
    return weekday_name_at(day.weekday())


def weekday_name_at(weekday: int) -> str:
    """周一 (0) … 周日 (6), in the user's language."""
    return translate("Weekday", WEEKDAY_NAMES[weekday])


def _rows(db: Database, sql: str) -> list[dict]:
    """Rows as dicts straight from the connection (a calendar is loaded at every status strip)."""
    cursor = db.conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


class SchoolCalendar:
    """Which days are school days. Loads terms and explicit entries once; lookups are in memory."""

    @classmethod
    def of(cls, db: Database) -> SchoolCalendar:
        """The calendar, read again only once the file may have changed (a page reads it at every save);
        shared: never change it."""
        return records.read_cached(db, "calendar", cls)

    def __init__(self, db: Database) -> None:
        self.terms = [
            Term(
                r["id"],
                r["school_year"],
                r["name"],
                dt.date.fromisoformat(r["start_date"]),
                dt.date.fromisoformat(r["end_date"]),
            )
            for r in _rows(db, "SELECT * FROM terms WHERE deleted = 0 ORDER BY start_date")
        ]
        self.entries: dict[dt.date, dict] = {
            dt.date.fromisoformat(r["date"]): r
            for r in _rows(db, "SELECT * FROM calendar_days WHERE deleted = 0")
        }
        self._kinds: dict[dt.date, DayKind] = {}

    def term_for(self, day: dt.date) -> Term | None:
        return next((t for t in self.terms if t.start <= day <= t.end), None)

    def current_or_last_term(self, day: dt.date) -> Term | None:
        started = [t for t in self.terms if t.start <= day]
        return started[-1] if started else (self.terms[0] if self.terms else None)

    def kind(self, day: dt.date) -> DayKind:
        # Remembered per date: a term's report asks every class-day (the calendar never changes once read:
        # ``of`` reads a new one after a write to the file).
        found = self._kinds.get(day)
        if found is None:
            found = self._kinds[day] = self._kind(day)
        return found

    def _kind(self, day: dt.date) -> DayKind:
        entry = self.entries.get(day)
        if entry and entry["kind"] == ENTRY_HOLIDAY:
            return DayKind.HOLIDAY
        if self.term_for(day) is None:
            return DayKind.VACATION
        if entry and entry["kind"] == ENTRY_MAKEUP:
            return DayKind.SCHOOL
        return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.SCHOOL

    def compensated_weekday(self, day: dt.date) -> int | None:
        """The weekday (0 = Monday) of the nearest holiday falling on a weekday, within a month: the day a
        调休 make-up day most likely stands in for. None when no such holiday is recorded."""
        holidays = [
            d
            for d, e in self.entries.items()
            if e["kind"] == ENTRY_HOLIDAY and d.weekday() < 5 and abs((d - day).days) <= 31
        ]
        if not holidays:
            return None
        return min(holidays, key=lambda d: (abs((d - day).days), d)).weekday()

    def timetable_weekday(self, day: dt.date) -> int:
        """The weekday whose timetable a day follows: a 调休 make-up day follows the weekday it replaces
        (recorded in set-up; for an entry saved before that was asked, the compensated holiday's weekday)."""
        entry = self.entries.get(day)
        if entry and entry["kind"] == ENTRY_MAKEUP and self.kind(day) is DayKind.SCHOOL:
            if entry.get("follows_weekday") is not None:
                return int(entry["follows_weekday"])
            guess = self.compensated_weekday(day)
            if guess is not None:
                return guess
        return day.weekday()

    def day_name(self, day: dt.date) -> str:
        entry = self.entries.get(day)
        return (entry or {}).get("name") or self.kind(day).label

    def school_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        days = []
        day = start
        while day <= end:
            if self.kind(day) is DayKind.SCHOOL:
                days.append(day)
            day += dt.timedelta(days=1)
        return days


# ------------------------------------------------------------------ set-up page: terms and calendar entries

ENTRY_KINDS = {ENTRY_HOLIDAY: "节假日（不上课）", ENTRY_MAKEUP: "调休上课"}


def save_term(db: Database, actor, values: dict) -> Changes:  # noqa: ANN001 - fivemgmt.actor.Actor
    """Add (no id) or change a term: school_year, name, start_date, end_date (ISO dates)."""
    from fivemgmt import records
    from fivemgmt.actor import ADMIN
    from fivemgmt.db import transaction

    actor.require_role(ADMIN)
    if not str(values.get("school_year") or "").strip() or not str(values.get("name") or "").strip():
        raise UserError("请填写学年和学期名称。")
    try:
        start, end = (
            dt.date.fromisoformat(str(values["start_date"])),
            dt.date.fromisoformat(str(values["end_date"])),
        )
    except (KeyError, ValueError):
        raise UserError("学期的开始和结束日期格式应为 YYYY-MM-DD。") from None
    if end <= start:
        raise UserError("学期结束日期应晚于开始日期。")
    changes = Changes()
    with transaction(db):
        for term in SchoolCalendar(db).terms:
            if term.id != values.get("id") and term.start <= end and start <= term.end:
                raise UserError(f"与{term.label}（{term.start}–{term.end}）的日期重叠。")
        records.save(
            db,
            "terms",
            {**values, "start_date": start.isoformat(), "end_date": end.isoformat()},
            actor,
            changes=changes,
        )
    return changes


def list_calendar_entries(db: Database) -> list[dict]:
    """Holidays on weekdays and 调休 make-up school days, by date; a make-up day with the weekday whose
    timetable it follows (``follows_weekday``, 0 = Monday)."""
    rows = list(db.query("SELECT * FROM calendar_days WHERE deleted = 0 ORDER BY date"))
    known = SchoolCalendar(db)
    for row in rows:
        if row["kind"] == ENTRY_MAKEUP and row.get("follows_weekday") is None:
            row["follows_weekday"] = known.compensated_weekday(dt.date.fromisoformat(row["date"]))
    return rows


def save_calendar_entry(db: Database, actor, values: dict) -> Changes:  # noqa: ANN001
    """Add (no id) or change an entry: date (ISO), kind (holiday / makeup), name (e.g. 国庆节), and for a
    make-up day ``follows_weekday`` (0–4: whose timetable it follows; default: the compensated holiday's)."""
    from fivemgmt import records
    from fivemgmt.actor import ADMIN
    from fivemgmt.db import transaction

    actor.require_role(ADMIN)
    if values.get("kind") not in ENTRY_KINDS:
        raise UserError("类型应为“节假日”或“调休上课”。")
    try:
        day = dt.date.fromisoformat(str(values.get("date")))
    except ValueError:
        raise UserError("日期格式应为 YYYY-MM-DD。") from None
    follows = values.get("follows_weekday")
    if values["kind"] != ENTRY_MAKEUP:
        follows = None
    elif follows in (None, ""):
        follows = SchoolCalendar(db).compensated_weekday(day)
        if follows is None:
            raise UserError(
                f"请选择 {day.isoformat()} 调休上课按星期几的课表（附近没有登记工作日的节假日）。"
            )
    elif not 0 <= int(follows) <= 4:
        raise UserError("调休上课日应按周一至周五之一的课表上课。")
    values = {**values, "follows_weekday": None if follows is None else int(follows)}
    changes = Changes()
    with transaction(db):
        values["source"] = _edited_source(db, values, day)
        same_day = [
            r
            for r in db.query(
                "SELECT id FROM calendar_days WHERE deleted = 0 AND date = ?", [day.isoformat()]
            )
            if r["id"] != values.get("id")
        ]
        if same_day:
            raise UserError(f"{day.isoformat()} 已有校历条目。")
        records.save(db, "calendar_days", {**values, "date": day.isoformat()}, actor, changes=changes)
    return changes


def _edited_source(db: Database, values: dict, day: dt.date) -> str:
    """An entry the school adds is 学校录入; one it changes keeps where it came from, marked as changed."""
    if not values.get("id"):
        return SOURCE_SCHOOL
    row = db.execute(
        "SELECT date, kind, name, follows_weekday, source FROM calendar_days WHERE id = ?", [values["id"]]
    ).fetchone()
    if row is None:
        return SOURCE_SCHOOL
    old_date, old_kind, old_name, old_follows, old_source = row
    same = (old_date, old_kind, old_name or "", old_follows) == (
        day.isoformat(),
        values.get("kind"),
        values.get("name") or "",
        values.get("follows_weekday"),
    )
    if same or not old_source or old_source.startswith(SOURCE_SCHOOL):
        return old_source or SOURCE_SCHOOL
    return f"{SOURCE_SCHOOL}（已修改；原据 {old_source}）"


def delete_record(db: Database, actor, table: str, record_id: str) -> Changes:  # noqa: ANN001
    """Delete a term or a calendar entry."""
    from fivemgmt import records
    from fivemgmt.actor import ADMIN
    from fivemgmt.db import transaction

    actor.require_role(ADMIN)
    if table not in ("terms", "calendar_days"):
        raise ValueError(table)
    changes = Changes()
    with transaction(db):
        records.delete(db, table, record_id, actor, changes=changes)
    return changes


# ------------------------------------------------------------------ national holidays (State Council notices)

SOURCE_SCHOOL = "学校录入"


@dataclass(frozen=True)
class NationalDay:
    day: dt.date
    kind: str  # ENTRY_HOLIDAY (a weekday off) or ENTRY_MAKEUP (a weekend worked, 调休)
    name: str  # 国庆节 …
    source: str


@dataclass(frozen=True)
class NationalPlan:
    """The public holidays and 调休 days between two dates, as the State Council's yearly notices set them
    (through the ``chinesecalendar`` package); years the package does not know are listed, never guessed."""

    days: list[NationalDay]
    unknown_years: list[int]
    latest_known: int  # the last year the package has the State Council's notice for
    package: str  # chinesecalendar 1.11.0

    def unknown_text(self) -> str:
        if not self.unknown_years:
            return ""
        years = "、".join(str(y) for y in self.unknown_years)
        return (
            f"{years} 年的节假日安排尚未收录（{self.package} 只收录到 {self.latest_known} 年的国务院通知；"
            "国务院通常在前一年年底发布下一年的安排）。这段日期的节假日和调休没有填入，也不作推测："
            "通知发布后请手工录入，或升级本软件后再填。"
        )


def _package_version() -> str:
    try:
        from importlib.metadata import version

        return f"chinesecalendar {version('chinesecalendar')}"
    except Exception:  # the metadata of a frozen build may be missing
        return "chinesecalendar"


def national_plan(start: dt.date, end: dt.date) -> NationalPlan:
    """Weekday public holidays and weekend 调休 school days from ``start`` to ``end`` (inclusive)."""
    import chinese_calendar
    from chinese_calendar import constants

    package = _package_version()
    known = {d.year for d in constants.holidays}
    years = list(range(start.year, end.year + 1))
    names = {h.value: h.chinese for h in constants.Holiday}
    days: list[NationalDay] = []
    day = start
    while day <= end:
        if day.year in known:
            on_holiday, english = chinese_calendar.get_holiday_detail(day)
            source = f"国务院办公厅关于{day.year}年部分节假日安排的通知（据 {package}）"
            name = names.get(english, english or "")
            if on_holiday and english and day.weekday() < 5:
                days.append(NationalDay(day, ENTRY_HOLIDAY, name, source))
            elif not on_holiday and english and day.weekday() >= 5:
                days.append(NationalDay(day, ENTRY_MAKEUP, f"{name}调休上课", source))
        day += dt.timedelta(days=1)
    return NationalPlan(days, [y for y in years if y not in known], max(known), package)


@dataclass(frozen=True)
class Prefilled:
    changes: Changes
    added: list[NationalDay]
    kept: list[dt.date]  # days the school had already entered: left as the school has them
    plan: NationalPlan

    def summary(self) -> str:
        parts = [f"已按国务院节假日安排填入 {len(self.added)} 天"]
        if self.kept:
            parts.append(f"{len(self.kept)} 天已有学校的条目，保持不变")
        text = "，".join(parts) + "。"
        if not self.plan.days and not self.plan.unknown_years:
            text = "这段日期内没有落在工作日的法定节假日或周末调休。"
        return text + self.plan.unknown_text()


def prefill_national(db: Database, actor, term: Term) -> Prefilled:  # noqa: ANN001 - fivemgmt.actor.Actor
    """Add the term's public holidays and 调休 days (one transaction); the school's own entries win."""
    from fivemgmt import records
    from fivemgmt.actor import ADMIN
    from fivemgmt.db import transaction

    actor.require_role(ADMIN)
    plan = national_plan(term.start, term.end)
    changes = Changes()
    added: list[NationalDay] = []
    kept: list[dt.date] = []
    with transaction(db):
        existing = {r["date"] for r in db.query("SELECT date FROM calendar_days WHERE deleted = 0")}
        # holidays first: a make-up day's timetable is taken from the nearest weekday holiday
        for entry in sorted(plan.days, key=lambda d: (d.kind != ENTRY_HOLIDAY, d.day)):
            if entry.day.isoformat() in existing:
                kept.append(entry.day)
                continue
            follows = None
            if entry.kind == ENTRY_MAKEUP:
                follows = SchoolCalendar(db).compensated_weekday(entry.day)
            records.save(
                db,
                "calendar_days",
                {
                    "date": entry.day.isoformat(),
                    "kind": entry.kind,
                    "name": entry.name,
                    "source": entry.source,
                    "follows_weekday": follows,
                },
                actor,
                changes=changes,
            )
            added.append(entry)
    return Prefilled(changes, added, sorted(kept), plan)


LONGEST_VACATION_DAYS = 75  # 暑假 is 7–9 weeks, 寒假 4–6: a longer gap between two terms is a term missing


def vacations(terms: list[Term]) -> list[tuple[str, dt.date, dt.date]]:
    """The school's own vacations: the days between one term's end and the next term's start, named 寒假
    when they start in December–February, 暑假 in June–August; a gap longer than any vacation (a term not
    entered: seven months read as 寒假) is named as what it is."""
    out = []
    ordered = sorted(terms, key=lambda t: t.start)
    for before, after in zip(ordered, ordered[1:]):
        first, last = before.end + dt.timedelta(days=1), after.start - dt.timedelta(days=1)
        if first > last:
            continue
        name = "寒假" if first.month in (12, 1, 2) else "暑假" if first.month in (6, 7, 8) else "假期"
        if (last - first).days + 1 > LONGEST_VACATION_DAYS:
            name = "未录入学期"
        out.append((name, first, last))
    return out
