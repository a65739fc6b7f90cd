"""读物 — imports: ``preview_*``/``commit_*`` of a school's spreadsheets, and their columns."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, clock, parsers, records, school, tabular
from fivemgmt.actor import Actor
from fivemgmt.areas.reading.records import (
    BOOKS,
    CORNER,
    LIBRARY,
    SOURCES,
    Book,
    _same_book,
    normalize_isbn,
    validate_book,
)
from fivemgmt.db import transaction
from fivemgmt.records import Changes

# ------------------------------------------------------------------ import


def _isbn_cell(value: Any) -> str:
    try:
        return normalize_isbn(value)
    except ValueError as error:
        raise parsers.CellError(str(error)) from None


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
    tabular.Column("title", "书名", ("图书名称", "题名", "名称"), parse=parsers.text),
    tabular.Column("author", "作者", ("著者", "作者/译者", "责任者"), required=False, parse=parsers.text),
    tabular.Column("publisher", "出版社", ("出版单位", "出版者"), required=False, parse=parsers.text),
    tabular.Column("isbn", "ISBN", ("书号", "ISBN号", "国际标准书号"), required=False, parse=_isbn_cell),
    tabular.Column("edition", "版次", ("版本",), required=False, parse=parsers.text),
    tabular.Column("source", "来源", ("图书来源",), parse=parsers.choice(SOURCE_CHOICES)),
    tabular.Column("location", "存放位置", ("位置", "存放地点", "馆藏位置"), parse=parsers.text),
    tabular.Column(
        "copies",
        "册数",
        ("数量", "复本数"),
        required=False,
        parse=lambda v: parsers.integer(v, low=1, high=10_000),
    ),
    tabular.Column("added_date", "登记日期", ("入库日期", "日期"), required=False, parse=parsers.school_date),
    tabular.Column("note", "备注", ("说明",), required=False, parse=parsers.text),
]


def parse_location(text: str, classes: dict[tuple[int, int], school.SchoolClass]) -> tuple[str, str | None]:
    """'图书室' → (图书室, None); '四年级(2)班' or '四年级(2)班图书角' → (班级图书角, class id)."""
    cleaned = re.sub(r"\s+", "", text)
    if cleaned in (LIBRARY, "学校图书室", "图书馆", "阅览室"):
        return LIBRARY, None
    name = cleaned.removesuffix("图书角").removesuffix("班级")
    key = class_names.parse_class_name(name)
    if key not in classes:
        raise parsers.CellError(f"学校没有“{name}”这个班级")
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
        except parsers.CellError as error:
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
