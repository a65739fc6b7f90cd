"""作业管理 — imports: ``preview_*``/``commit_*`` of a school's spreadsheets, and their columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import bulk, class_names, clock, parsers, records, school, sheets, tabular
from fivemgmt.actor import Actor
from fivemgmt.areas.homework import sheets as homework_sheets
from fivemgmt.areas.homework.records import (
    ENTRIES,
    FOR_REST_LOOKAHEAD_DAYS,
    KINDS,
    Entry,
    ReasonRequired,
    _rest_target,
    save_entries,
)
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.records import Changes

# ------------------------------------------------------------------ import

FOR_REST_CHOICES = {"是": True, "否": False, "√": True, "✓": True, "周末": True, "假期": True}
REQUIRED_CHOICES = {"必做": True, "选做": False, "是": True, "否": False, "必": True, "选": False}
IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("布置日期", "作业日期"), parse=parsers.school_date),
    tabular.Column("class", "班级", ("班级名称",), parse=parsers.text, guess=class_names.class_in_text),
    tabular.Column("subject", "学科", ("科目", "课程"), parse=parsers.text),
    tabular.Column("content", "作业内容", ("内容", "作业"), required=False, parse=parsers.text),
    tabular.Column(
        "kind",
        "作业类型",
        ("类型", "作业形式", "形式"),
        required=False,  # a teacher's own log often has none: read from the content, else 书面
        parse=parsers.choice(
            {k: k for k in KINDS}
            | {"书面作业": "书面", "口头作业": "口头", "实践作业": "实践", "阅读作业": "阅读"}
        ),
    ),
    tabular.Column(
        "required",
        "必做/选做",
        ("必做选做", "必做或选做", "是否必做", "必选"),
        required=False,  # 必做 unless the file says otherwise
        parse=parsers.choice(REQUIRED_CHOICES),
    ),
    tabular.Column(
        "minutes",
        "预计时长(分钟)",
        (
            "预计时长",
            "时长",
            "时长(分钟)",
            "预计完成时间",
            "预计用时(分钟)",
            "预计用时",
            "分钟",
            "用时",
            "用时(分钟)",
        ),
        required=False,  # else read from the content: "练习册P36（20分钟）"
        parse=parsers.minutes,
    ),
    tabular.Column("teacher", "布置教师", ("教师", "任课教师", "老师"), required=False, parse=parsers.text),
    tabular.Column(
        "for_rest",
        "周末/假期作业",
        ("周末作业", "假期作业", "周末或假期作业", "休息日作业"),
        required=False,
        parse=parsers.choice(FOR_REST_CHOICES),
    ),
]


@dataclass
class HomeworkPreview(tabular.Preview):
    """A homework import's preview; ``needs_reason``: the rows (file numbering) that add or change a past
    day's homework, so the import needs a 作业调整说明 as typed entries do."""

    needs_reason: list[int] = field(default_factory=list)
    past_days: list[dt.date] = field(default_factory=list)  # the past days those rows add or change


@bulk.batch
def preview_import(
    db: Database,
    path: Path,
    *,
    defaults: dict[str, Any] | None = None,
    today: dt.date | None = None,
) -> HomeworkPreview:
    """A homework register (one row per entry) or a 作业公示 week sheet (subjects down, weekdays across).

    ``defaults``: {"class": …} for a one-class sheet, {"week": a day of the week} for a week sheet whose
    title and header give no date."""
    path = Path(path)
    today = today or clock.today()
    sheet = sheets.read_sheet(path)
    week = homework_sheets.find_week_header(sheet.rows)
    if week is not None:
        checked = homework_sheets.preview_week(db, path, sheet, week, defaults)
    else:
        dates = tabular.SchoolDates.of(db)  # every date in a term of the school calendar
        checked = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, sheet=sheet, dates=dates)
        _fill_from_content(checked)
    result = HomeworkPreview(**{f.name: getattr(checked, f.name) for f in fields(tabular.Preview)})
    classes = school.class_lookup(db)
    calendar = SchoolCalendar(db)
    seen: dict[tuple, int] = {}
    # a file names each class on each of its days many times: each (class, day) is looked up once, its
    # refusal repeated on the rows that name it
    class_ids: dict[tuple, str | tabular.RowError] = {}
    for row in result.rows:
        if row.get("for_rest") and row.get("date") and not calendar.kind(row["date"]).is_rest_day:
            probe = Entry(None, "", row["date"], "", for_rest=True)
            if _rest_target(calendar, probe) is None:
                message = f"{row['date'].isoformat()} 之后 {FOR_REST_LOOKAHEAD_DAYS} 天内没有周末或假期"
                result.errors.append(tabular.RowError(row["_row"], "周末/假期作业", message))
        if row.get("class") is None:
            continue
        day = row.get("date")
        key = (type(row["class"]), row["class"], day if isinstance(day, dt.date) else None)
        found = class_ids.get(key)
        if found is None:
            errors = len(result.errors)
            class_id = school.import_class_id(result, row, classes)
            class_ids[key] = class_id if class_id is not None else result.errors[errors]
        elif type(found) is tabular.RowError:
            result.errors.append(tabular.RowError(row["_row"], found.column, found.message))
            class_id = None
        else:
            class_id = found
        if class_id is None:
            continue
        row["class_id"] = class_id
        identity = (row["class_id"], row.get("date"), row.get("subject"), row.get("content"), row.get("kind"))
        if identity in seen:
            result.errors.append(tabular.RowError(row["_row"], "", f"与第 {seen[identity]} 行重复"))
        else:
            seen[identity] = row["_row"]
    clean = result.clean_rows()  # with errors elsewhere, the good rows still say what they would do
    existing = {
        (r["class_id"], r["date"], r["subject"], r["content"] or "", r["kind"]): r
        for r in _entries_for_rows(db, clean)
    }
    result.start_counting("new", "changed", "unchanged")
    flagged, past = set(result.needs_reason), set(result.past_days)  # sets: a file has 100,000 rows
    days = [row["date"] for row in clean]
    # 100,000 rows fall on a few hundred days: each day's text, and whether it is past, is worked out once
    day_texts = {day: day.isoformat() for day in set(days)}
    if existing:
        olds: Iterable[dict | None] = map(
            existing.get,
            zip(
                map(itemgetter("class_id"), clean),
                map(day_texts.__getitem__, days),
                map(itemgetter("subject"), clean),
                [row.get("content") or "" for row in clean],
                map(itemgetter("kind"), clean),
            ),
        )
        # most rows of a file are new: no call for them
        outcomes = ["new" if old is None else _outcome(row, old) for row, old in zip(clean, olds)]
    else:
        outcomes = ["new"] * len(clean)
    descriptions = tabular.describe_rows(clean)
    is_past = {day: day < today for day in day_texts}
    for index, (outcome, day) in enumerate(zip(outcomes, days)):
        if outcome != "unchanged" and is_past[day]:
            number = clean[index]["_row"]
            if number not in flagged:  # a week sheet's line holds several days
                flagged.add(number)
                result.needs_reason.append(number)
            past.add(day)
            descriptions[index] = f"{descriptions[index]}（过去的日子，需要作业调整说明）"
    result.count_many(clean, outcomes, descriptions)
    result.past_days = sorted(past)
    if result.needs_reason:
        result.warnings.append(
            f"{_past_rows_text(result, result.needs_reason)}：导入时需要填写一条作业调整说明（记入修改记录）"
        )
    return result


def _outcome(row: dict, old: dict) -> str:
    """What a checked row does to the live entry it names (``old``): changed or unchanged; the row takes
    the entry's id."""
    row["id"] = old["id"]
    same = (
        old["minutes"] == row["minutes"]
        and bool(old["required"]) == row["required"]
        and bool(old["for_rest"]) == bool(row.get("for_rest"))
        and (old["teacher_name"] or "") == (row.get("teacher") or "")
    )
    return "unchanged" if same else "changed"


def _fill_from_content(result: tabular.Preview) -> None:
    """Columns a teacher's own log leaves out, or leaves blank: the kind and minutes from the content's text
    (书面 unless it says 口头/阅读/实践…), 必做; the preview says which were filled and how."""
    filled: dict[str, list[int]] = {"kind": [], "guessed": [], "required": [], "minutes": []}
    for row in result.rows:
        text = row.get("content") or ""
        # a key missing from the row is a cell that could not be read: already an error
        if "kind" in row and row["kind"] is None:
            row["kind"], guessed = homework_sheets.kind_in_text(text)
            filled["guessed" if guessed else "kind"].append(row["_row"])
        if "required" in row and row["required"] is None:
            row["required"] = True
            filled["required"].append(row["_row"])
        if "minutes" in row and row["minutes"] is None:
            row["minutes"] = homework_sheets.minutes_in_text(text)
            if row["minutes"] is None:
                result.errors.append(
                    tabular.RowError(row["_row"], "预计时长(分钟)", "没有填写，作业内容中也没有写时长")
                )
            elif not 0 <= row["minutes"] <= 600:
                result.errors.append(tabular.RowError(row["_row"], "预计时长(分钟)", "时长不合理"))
            else:
                filled["minutes"].append(row["_row"])

    def rows(numbers: list[int]) -> str:
        return (
            "全部行"
            if len(numbers) == len(result.rows)
            else "第 " + "、".join(map(str, numbers[:15])) + " 行"
        )

    if filled["kind"]:
        result.warnings.append(
            f"作业类型：{rows(filled['kind'])}按作业内容判断（未写口头/阅读/实践的按书面）"
        )
    if filled["guessed"]:
        result.warnings.append(f"作业类型：{rows(filled['guessed'])}是按内容推测的，请核对")
    if filled["required"]:
        result.warnings.append(f"必做/选做：{rows(filled['required'])}按必做")
    if filled["minutes"]:
        result.warnings.append(f"预计时长：{rows(filled['minutes'])}从作业内容中读出")


@bulk.batch
def commit_import(
    db: Database,
    actor: Actor,
    result: tabular.Preview,
    *,
    reason: str | None = None,
    today: dt.date | None = None,
) -> Changes:
    """Write a checked homework file in one transaction (all rows or none), through the same operation as
    typed entries (:func:`save_entries`): rows of past days need ``reason`` (the import's one
    作业调整说明; :attr:`HomeworkPreview.needs_reason` lists them), and 今日无作业 gives way to new entries."""
    result.require_ok()
    entries = [
        Entry(
            row.get("id"),
            row["class_id"],
            row["date"],
            row["subject"],
            row.get("content") or "",
            row["kind"],
            row["required"],
            row["minutes"],
            row.get("teacher") or "",
            for_rest=bool(row.get("for_rest")),
        )
        for row in result.rows
    ]
    try:
        return save_entries(
            db,
            actor,
            entries,
            reason=reason,
            today=today,
            audit_reason=f"导入：{reason.strip()}" if reason and reason.strip() else "导入",
        )
    except ReasonRequired:
        rows = getattr(result, "needs_reason", [])
        if not rows:
            raise
        raise ReasonRequired(
            f"{_past_rows_text(result, rows)}，导入需要填写作业调整说明（一条，用于这次导入）。"
        ) from None


def _past_rows_text(result: tabular.Preview, rows: list[int]) -> str:
    """第 2、3 行是已经过去的日子（2026-11-23、2026-11-24）"""
    numbers = "、".join(map(str, rows[:15])) + (f" 等 {len(rows)} 行" if len(rows) > 15 else " 行")
    days = getattr(result, "past_days", [])
    dates = "、".join(d.isoformat() for d in days[:5]) + (" 等" if len(days) > 5 else "")
    return f"第 {numbers}是已经过去的日子（{dates}）"


def _entries_for_rows(db: Database, rows: list[dict]) -> list[dict]:
    """Live entries of the classes and dates a file's rows name: read per class over the file's date
    range (the (class_id, date) index), not the school's whole history; only the columns a row is matched
    and compared on (:func:`preview_import`)."""
    class_ids = list(map(itemgetter("class_id"), rows))
    # the classes in the order the file names them (so are the entries found); 100,000 rows name a few
    # thousand (class, day) pairs: the pairs are gathered first
    days: dict[str, set[dt.date]] = {class_id: set() for class_id in dict.fromkeys(class_ids)}
    for class_id, day in set(zip(class_ids, map(itemgetter("date"), rows))):
        days[class_id].add(day)
    found = []
    for class_id, dates in days.items():
        low, high = min(dates).isoformat(), max(dates).isoformat()  # dates and their ISO texts sort alike
        found += records.query_rows(
            db,
            f"SELECT {_COMPARED} FROM {ENTRIES} WHERE deleted = 0 AND (class_id = ? AND date BETWEEN ? AND ?)",
            [class_id, low, high],
        )
    return found


_COMPARED = "id, class_id, date, subject, content, kind, minutes, required, for_rest, teacher_name"
