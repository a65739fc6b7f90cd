"""Homework as teachers write it: the work in a cell's text ("完成《练习册》P36（20分钟）", "口头10分钟",
"无书面作业"), and the 作业公示 week sheet (subjects down, 星期一…五 across, often a 书面作业总时长 row).

Only reading lives here; :func:`fivemgmt.areas.homework.preview_import` checks and counts the rows like any
other homework import.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from fivemgmt import class_names, parsers, sheets, tabular
from fivemgmt.calendar import SchoolCalendar, monday_of

WRITTEN = "书面"
# Words that say the kind outright, then words that only suggest it (those guesses are listed in the preview).
KIND_WORDS = {"口头": "口头", "阅读": "阅读", "实践": "实践", "书面": "书面"}
KIND_HINTS = {
    "口头": ("背诵", "朗读", "听读", "复述", "跟读", "讲故事", "听写"),
    "阅读": ("课外读", "读书", "读一读"),
    "实践": ("调查", "观察", "制作", "手工", "锻炼", "跳绳", "家务", "实验", "种植"),
}
MINUTES_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:分钟|分|min)", re.IGNORECASE)
HOURS_RE = re.compile(r"(\d+(?:\.\d+)?|半)\s*(?:个)?\s*小时")
NUMBERING_RE = re.compile(r"^(?:[1-9][.、．]|[①②③④⑤⑥⑦⑧⑨])\s*")
NO_WRITTEN_RE = re.compile(r"^(无|没有|不布置)书面(家庭)?作业[，,。：:]?")
NOTHING_RE = re.compile(r"^(无|没有|暂无)?(书面)?(家庭)?作业?$|^(无|/|-|—|——|休息|不布置.*)$")
ITEM_SPLIT_RE = re.compile(r"[\n；;]+|(?<![\dA-Za-z])(?=(?:[1-9][.、．]|[①②③④⑤⑥⑦⑧⑨])(?!\d))")
WEEKDAY_RE = re.compile(r"(?:星期|周|礼拜)([一二三四五六日天])")
WEEKDAYS = "一二三四五六日"
MONTH_DAY_RE = re.compile(r"(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
TOTAL_RE = re.compile(r"总时长|合计|总计|总用时")


@dataclass
class Work:
    """One piece of homework read from text."""

    content: str
    kind: str
    minutes: int | None
    guessed_kind: bool = False  # the kind came from a hint word, not said outright


def kind_in_text(text: str) -> tuple[str, bool]:
    """The kind a text says (书面 unless it says 口头/阅读/实践…), and whether it was only a guess."""
    found = [(text.find(word), kind) for word, kind in KIND_WORDS.items() if word in text]
    if found:
        return min(found)[1], False
    for kind, hints in KIND_HINTS.items():
        if any(h in text for h in hints):
            return kind, True
    return WRITTEN, False


def minutes_in_text(text: str) -> int | None:
    """'（20分钟）' → 20, '半小时' → 30, '1小时' → 60; several times are added; None when no time is given."""
    values = [float(m) for m in MINUTES_RE.findall(text)]
    values += [30.0 if h == "半" else float(h) * 60 for h in HOURS_RE.findall(text)]
    return round(sum(values)) if values else None


def read_work(text: Any) -> list[Work]:
    """The pieces of homework in a cell ('1.抄写（15分钟）；2.朗读（口头10分钟）'); [] for '无书面作业'."""
    works = []
    for piece in ITEM_SPLIT_RE.split(parsers.text(text) if text is not None else ""):
        piece = NO_WRITTEN_RE.sub("", NUMBERING_RE.sub("", piece.strip(" ，,。"))).strip(" ，,。")
        if not piece or NOTHING_RE.match(piece):
            continue
        kind, guessed = kind_in_text(piece)
        works.append(Work(piece, kind, minutes_in_text(piece), guessed))
    return works


# ------------------------------------------------------------------ the 作业公示 week sheet


@dataclass
class WeekHeader:
    row: int  # 0-based index of the header row
    days: dict[int, int]  # column → weekday (0 = Monday)
    dates: dict[int, tuple[int | None, int, int]]  # column → (year or None, month, day) the header shows
    subject_column: int
    teacher_column: int | None


def find_week_header(rows: list[list[Any]]) -> WeekHeader | None:
    """The header of a week sheet: a row naming at least three weekdays across (星期一…五, 周一…)."""
    for index, row in enumerate(rows[: sheets.HEADER_SCAN_ROWS]):
        days, dates = {}, {}
        for column, cell in enumerate(row):
            text = re.sub(r"\s+", "", parsers.text(cell)) if cell is not None else ""
            match = WEEKDAY_RE.search(text)
            if match and len(text) <= 20:
                days[column] = WEEKDAYS.index(match.group(1).replace("天", "日"))
                if found := MONTH_DAY_RE.search(text):
                    dates[column] = (
                        int(found.group(1)) if found.group(1) else None,
                        int(found.group(2)),
                        int(found.group(3)),
                    )
        if len(days) >= 3:
            first = min(days)
            teacher = next(
                (
                    c
                    for c, cell in enumerate(row)
                    if c not in days
                    and parsers.normalize_header(cell) in {"任课教师", "教师", "布置教师", "老师"}
                ),
                None,
            )
            subject = next(
                (
                    c
                    for c in range(first)
                    if c != teacher and parsers.normalize_header(row[c]) in SUBJECT_HEADERS
                ),
                max(first - 1, 0),
            )
            return WeekHeader(index, days, dates, subject, teacher)
    return None


SUBJECT_HEADERS = {"学科", "科目", "课程", "学科\\星期", "科目\\星期"}


def _monday(
    header: WeekHeader, title: str, calendar: SchoolCalendar, fixed: dt.date | None
) -> tuple[dt.date | None, str]:
    """The Monday of the sheet's week: from --week/defaults, the header's dates or the title's first date.
    A date without a year takes the year that puts it in one of the school's terms."""
    if fixed is not None:
        return monday_of(fixed), ""
    candidates = list(header.dates.values())
    if not candidates and (found := MONTH_DAY_RE.search(title)):
        candidates = [
            (int(found.group(1)) if found.group(1) else None, int(found.group(2)), int(found.group(3)))
        ]
    if not candidates:
        return None, "标题和表头中没有日期，无法确定是哪一周"
    year, month, day = candidates[0]
    years = (
        [year]
        if year
        else sorted({t.start.year for t in calendar.terms} | {t.end.year for t in calendar.terms})
    )
    for y in years:
        try:
            date = dt.date(y, month, day)
        except ValueError:
            continue
        if year or calendar.term_for(date):
            return monday_of(date), ""
    return None, f"{month}月{day}日不在学校的任何学期内，请在标题中写明年份"


WEEK_NUMBER_RE = re.compile(r"第\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*周")


def week_of_term(text: str, calendar: SchoolCalendar) -> dt.date | None:
    """The Monday of "第N周" counted from the start of the one term that week falls in; None when the text
    names no week or the school's terms do not settle it."""
    match = WEEK_NUMBER_RE.search(text)
    if not match:
        return None
    number = class_names.cn_number(match.group(1))
    found = {
        monday
        for term in calendar.terms
        if term.start <= (monday := monday_of(term.start) + dt.timedelta(weeks=number - 1)) <= term.end
    }
    return found.pop() if len(found) == 1 else None


def preview_week(
    db: Any, path: Any, sheet: sheets.Sheet, header: WeekHeader, defaults: dict[str, Any] | None
) -> tabular.Preview:
    """Rows (one per piece of homework) from a week sheet, in the shape of the register import's rows."""
    defaults = defaults or {}
    result = tabular.Preview(path)
    rows = sheet.rows
    result.header_row = header.row + 1
    result.title = tabular.row_texts(rows[: header.row])
    result.found = {"date", "subject", "content", "kind", "minutes"}
    labels = {c: parsers.text(rows[header.row][c]) for c in header.days}
    klass = defaults.get("class")
    if not klass:
        guess = class_names.class_in_text(f"{result.title} {path.stem}")
        if guess:
            result.suggestions["class"] = guess
        result.errors.append(
            tabular.RowError(
                0,
                "班级",
                f"这是一周的作业公示表，标题或文件名写的是“{guess}”，请确认后按此导入"
                if guess
                else "这是一周的作业公示表，标题和文件名中都没有班级，请指定班级",
            )
        )
    fixed = parsers.date(defaults["week"]) if defaults.get("week") else None
    calendar = SchoolCalendar(db)
    monday, why = _monday(header, result.title, calendar, fixed)
    if monday is None:
        guess = week_of_term(f"{result.title} {path.stem}", calendar)
        if guess is not None:
            # "第13周" counts from the term's first week: a guess the user confirms
            result.suggestions["week"] = guess.isoformat()
            why = f"标题写的是第几周，按学期推算是 {guess:%Y-%m-%d} 那一周，请确认后按此导入"
        result.errors.append(tabular.RowError(result.header_row, "", why))
    if result.errors:
        return result
    written: dict[int, int] = {}
    totals: list[tuple[int, int, int]] = []  # (row, column, the sheet's own total)
    guessed = []
    for index in range(header.row + 1, len(rows)):
        raw, number = rows[index], index + 1
        subject = (
            parsers.text(raw[header.subject_column])
            if header.subject_column < len(raw) and raw[header.subject_column] is not None
            else ""
        )
        if not subject or tabular.is_footer(raw) and not TOTAL_RE.search(subject):
            continue
        if TOTAL_RE.search(subject):
            for column in header.days:
                value = raw[column] if column < len(raw) else None
                text = parsers.text(value) if value is not None else ""
                total = int(text) if text.isdigit() else minutes_in_text(text)
                if total is not None:
                    totals.append((number, column, total))
            continue
        teacher = (
            parsers.text(raw[header.teacher_column])
            if header.teacher_column is not None
            and header.teacher_column < len(raw)
            and raw[header.teacher_column] is not None
            else ""
        )
        for column, weekday in header.days.items():
            value = raw[column] if column < len(raw) else None
            for work in read_work(value):
                if work.minutes is None:
                    result.errors.append(
                        tabular.RowError(
                            number, labels[column], f"“{work.content}”没有写时长（如“（20分钟）”）"
                        )
                    )
                    continue
                if work.guessed_kind:
                    guessed.append(f"第 {number} 行“{labels[column]}”“{work.content}”按{work.kind}")
                day = monday + dt.timedelta(days=weekday)
                if work.kind == WRITTEN:
                    written[column] = written.get(column, 0) + work.minutes
                result.rows.append(
                    {
                        "_row": number,
                        "class": parsers.text(klass),
                        "date": day,
                        "subject": subject,
                        "content": work.content,
                        "kind": work.kind,
                        "required": True,
                        "minutes": work.minutes,
                        "teacher": teacher,
                    }
                )
    if guessed:
        result.warnings.append("作业类型按内容判断，请核对：" + "；".join(guessed[:20]))
    for number, column, total in totals:
        if written.get(column, 0) != total:
            result.warnings.append(
                f"第 {number} 行“{labels[column]}”列：表中书面作业总时长 {total} 分钟，"
                f"各科书面作业合计 {written.get(column, 0)} 分钟，请核对"
            )
    # every day of the week is checked against the school calendar, in the day's column
    day_labels = {
        monday + dt.timedelta(days=weekday): labels[column] for column, weekday in header.days.items()
    }
    tabular.SchoolDates.of(db).refuse_outside(result, "date", lambda row: day_labels.get(row["date"], "日期"))
    if not result.rows and not result.errors:
        result.errors.append(tabular.RowError(0, "", "表中没有可导入的作业"))
    return result
