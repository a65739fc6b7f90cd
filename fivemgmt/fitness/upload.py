"""The national upload template (国家学生体质健康标准数据上报) in and out: ``preview_import`` /
``commit_import`` match its rows to the roster by 学籍号, all or nothing; ``export_records`` and
``export_template`` write the exact template."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, school, student_ids, tabular
from fivemgmt.actor import Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.fitness.parsing import (
    check_number,
    format_value,
    is_blank,
)
from fivemgmt.fitness.records import match_roster, upload_record
from fivemgmt.fitness.scoring import (
    grade_code_for_years,
)
from fivemgmt.fitness.store import (
    RESULTS,
    TEMPLATE_IDENTITY,
    class_name_in_year,
    current_school_year,
    exempt_items,
    grade_in_year,
    is_wusi,
    item_keys,
    normalize_school_year,
    require_writer,
    result_rows,
)
from fivemgmt.fitness.template import (
    EXEMPT_HEIGHT_TEXT,
    IDENTITY_FIELDS,
    TemplateRow,
    TemplateSheet,
    header_for,
    parse_row,
    read_template,
    write_template,
)
from fivemgmt.records import Changes

# ------------------------------------------------------------------ import (national upload template)

_WHERE_RE = re.compile(r"^第(\d+)行(?:「(.*?)」)?: (.*)$", re.S)
# A result cell that says the stored value is to be erased. A blank cell never erases anything: it keeps
# the stored value (an upload file exported for one item, a formula Excel never calculated…).
CLEAR_MARKERS = frozenset({"清除", "缺测", "删除"})


def _is_clear_marker(value: Any) -> bool:
    return isinstance(value, str) and value.strip() in CLEAR_MARKERS


def _result_cells(
    sheet: TemplateSheet, row: TemplateRow
) -> tuple[TemplateRow, set[str], set[str], list[tabular.RowError]]:
    """The row with its 清除/缺测 and formula cells emptied for :func:`parse_row`; the items the file
    clears, the items it leaves blank, and the formula cells (refused: a formula has no value to import)."""
    cells = list(row.cells)
    cleared: set[str] = set()
    blank: set[str] = set()
    errors = []
    for name, index in sheet.columns.items():
        if name in IDENTITY_FIELDS or index >= len(cells):
            continue
        value = cells[index]
        if _is_clear_marker(value):
            cleared.add(name)
            cells[index] = None
        elif isinstance(value, str) and value.strip().startswith("=") and len(value.strip()) > 1:
            errors.append(
                tabular.RowError(
                    row.row,
                    sheet.headers[index],
                    "单元格是公式，文件中没有它的计算结果；请在 Excel 中打开并保存，或粘贴为数值后再导入",
                )
            )
            cells[index] = None
            blank.add(name)  # never erases the stored value
        elif is_blank(value):
            blank.add(name)
    return TemplateRow(row.row, cells), cleared, blank, errors


def _shown(item: str, value: Any) -> str:
    if value is None:
        return "空"
    return format_value(item, check_number(item, value))


def _change_text(name: str, existing: Mapping[str, Any], values: Mapping[str, Any]) -> str:
    """“张一：身高 150.0→152.0、体重 40.0→空（清除）”: every stored value the row would change."""
    parts = []
    for key, new in values.items():
        old = existing.get(key)
        if old == new:
            continue
        if key in item_keys():
            parts.append(f"{header_for(key)} {_shown(key, old)}→{_shown(key, new)}")
        elif key == "exempt":
            parts.append("整体免测" if new else "取消整体免测")
        elif key == "exempt_items":
            before = set(filter(None, (old or "").split(",")))
            after = set(filter(None, (new or "").split(",")))
            parts += [f"{header_for(k)} 免测" for k in sorted(after - before)]
            parts += [f"{header_for(k)} 取消免测" for k in sorted(before - after)]
    return f"{name}：{'、'.join(parts)}" if parts else name


def _school_year_problem(db: Database, year: str, today: dt.date | None) -> str | None:
    """Why results cannot go to ``year`` (None: they can): it must be a school year of the calendar."""
    dates = tabular.SchoolDates.of(db, today)
    if not dates.terms:
        return dates.problem(today or clock.today())
    years = []
    for term in dates.terms:
        try:
            years.append(normalize_school_year(term.school_year))
        except UserError:
            years.append(term.school_year)
    if year in years:
        return None
    return f"{year} 学年不在学校日历中（日历中的学年：{'、'.join(dict.fromkeys(years))}），请检查学年"


def _row_error(message: str, row: int, column: str = "") -> tabular.RowError:
    match = _WHERE_RE.match(message)
    if match:
        return tabular.RowError(int(match.group(1)), match.group(2) or column, match.group(3))
    return tabular.RowError(row, column, message)


def preview_import(
    db: Database, path: Path, *, school_year: str | None = None, today: dt.date | None = None
) -> tabular.Preview:
    """Check an upload-template file against the roster (by 学籍号); nothing is written.

    Every value is checked; a rejected value, a duplicate 学籍号 or a student not on the school's roster
    is an error, so the import is all or nothing. Name/sex/grade differences from the roster are warnings.
    Results go to ``school_year`` (default: the current school year).
    """
    path = Path(path)
    result = tabular.Preview(path)
    year = normalize_school_year(school_year or current_school_year(db, today))
    current = current_school_year(db, today)
    sheet = read_template(path)
    why = _school_year_problem(db, year, today)
    if why:  # the results' date is their school year: it must be one of the school calendar's
        result.errors.append(tabular.RowError(0, "学年", why))
        return result
    if not sheet.rows:
        result.errors.append(tabular.RowError(0, "", "文件只有表头，没有数据行"))
        return result
    wusi = is_wusi(db)
    uploads = []
    id_column = sheet.headers[sheet.columns["student_id"]]
    seen: dict[str, int] = {}
    given_cells: dict[int, tuple[set[str], set[str]]] = {}  # row -> (cleared items, blank items)
    for template_row in sheet.rows:
        cells, cleared, blank, formula_errors = _result_cells(sheet, template_row)
        given_cells[template_row.row] = (cleared, blank)
        record, errors = parse_row(sheet, cells)
        row_errors = [_row_error(e, template_row.row) for e in errors] + formula_errors
        result.errors.extend(row_errors)
        key = student_ids.normalize(record.student_id)
        if not key:
            if not any(e.column == id_column for e in row_errors):  # not already refused as unreadable
                result.errors.append(tabular.RowError(template_row.row, id_column, "学籍号不能为空"))
            continue
        if key in seen:
            result.errors.append(
                tabular.RowError(
                    template_row.row, id_column, f"学籍号 {record.student_id} 与第 {seen[key]} 行重复"
                )
            )
            continue
        seen[key] = template_row.row
        uploads.append(record)
    roster = records.live_rows(db, "students")
    match = match_roster(uploads, roster)
    for record in match.not_on_roster:
        result.errors.append(
            tabular.RowError(
                record.row or 0,
                id_column,
                f"学籍号 {record.student_id}（{record.name or '无姓名'}）不在学校学生名册中；请先导入名册，或删去此行",
            )
        )
    result.warnings.extend(w for w in match.warnings if "重复" not in w)
    if match.not_in_file:
        result.warnings.append(f"名册中有 {len(match.not_in_file)} 名学生不在文件中，他们的成绩保持不变")
    classes = {c.id: c for c in school.list_classes(db)}
    grades: dict[str, int] = {}  # class id -> its grade in the year (one query a class, not a student)
    stored = _year_rows(db, year)
    result.start_counting("new", "changed", "unchanged")
    refused = {e.row for e in result.errors}  # a row with a bad cell is listed once, as refused
    for record, student in match.matched:
        if record.row in refused:
            continue
        school_class = classes.get(student["class_id"])
        if school_class is None:
            result.errors.append(
                tabular.RowError(record.row or 0, id_column, f"学生 {student['name']} 所在班级已删除")
            )
            continue
        if school_class.id not in grades:
            grades[school_class.id] = grade_in_year(school_class, year, current, db)
        grade = grades[school_class.id]
        expected = grade_code_for_years(grade, wusi=wusi) if grade >= 1 else "—"
        if record.grade_code and record.grade_code != expected:
            result.warnings.append(
                f"第{record.row}行: {student['name']} 的年级编号为 {record.grade_code}，"
                f"按名册（{school_class.name}）应为 {expected}"
            )
        if grade < 1:
            result.errors.append(
                tabular.RowError(record.row or 0, id_column, f"{student['name']}在 {year} 学年尚未入学")
            )
            continue
        existing = stored.get(student["id"])
        cleared, blank = given_cells.get(record.row or 0, (set(), set()))
        # a blank cell keeps the stored value; 清除/缺测 erases it; a value replaces it
        values: dict[str, Any] = {
            key: (None if v is None else float(v))
            for key, v in record.results.items()
            if key not in blank or key in cleared
        }
        if record.exempt or ("height" in sheet.columns and "height" not in blank):
            values["exempt"] = 1 if record.exempt else 0
        kept = [k for k in exempt_items(existing) if k in blank or k not in sheet.columns]
        values["exempt_items"] = ",".join([*kept, *(k for k in record.exempt_items if k not in kept)]) or None
        if record.exempt_items:
            names = "、".join(header_for(key) for key in record.exempt_items)
            result.warnings.append(
                f"第{record.row}行: {student['name']} 的{names}为免测：仅该项免测，学生未整体免测，"
                "缺该项不计算学年总分"
            )
        # what an export would write from the school's own data; only a different platform value is kept
        default = upload_record(student, {"grade": grade, "number": school_class.number,
                                          "name": class_name_in_year(school_class, grade)}, None, wusi=wusi)  # fmt: skip
        for column in TEMPLATE_IDENTITY:
            if column in sheet.columns:
                given = getattr(record, column) or None
                values[column] = given if given != (getattr(default, column) or None) else None
        if record.exempt:
            values["exempt_reason"] = (existing or {}).get("exempt_reason") or EXEMPT_HEIGHT_TEXT
        elif values.get("exempt") == 0:
            values["exempt_reason"] = None
        row = {
            "_row": record.row,
            "student_id": student["id"],
            "class_id": school_class.id,
            "grade": grade,
            "school_year": year,
            "values": values,
            "name": student["name"],
        }
        if (
            existing is None
            and not record.exempt
            and not record.exempt_items
            and all(v is None for v in record.results.values())
            and not cleared
        ):
            # a blank row (an untested student in an exported file): nothing to record
            result.count(row, "unchanged", f"{student['name']}（空行，没有成绩）")
            continue
        if existing is None:
            result.count(row, "new")
        else:
            row["id"] = existing["id"]
            same = all(existing.get(k) == v for k, v in values.items())
            if same:
                result.count(row, "unchanged")
            else:  # the preview names every stored value the row changes
                result.count(row, "changed", _change_text(student["name"], existing, values))
        result.rows.append(row)
    result.errors.sort(key=lambda e: e.row)
    return result


def commit_import(
    db: Database, actor: Actor, preview: tabular.Preview, *, today: dt.date | None = None
) -> Changes:
    """Write a checked upload-template import in one transaction; refuses a preview with errors."""
    preview.require_ok()
    for class_id in {row["class_id"] for row in preview.rows}:
        require_writer(actor, class_id)
    today = today or clock.today()
    changes = Changes()
    with transaction(db):
        stored: dict[str, dict[str, dict]] = {}  # school year -> student id -> its record, read once
        batch = []
        for row in preview.rows:
            values = dict(row["values"])
            year = row["school_year"]
            if year not in stored:
                stored[year] = _year_rows(db, year)
            existing = stored[year].get(row["student_id"])
            if existing is not None:
                values["id"] = existing["id"]
            else:
                values.update(
                    student_id=row["student_id"],
                    class_id=row["class_id"],
                    grade=row["grade"],
                    school_year=year,
                    test_date=today.isoformat(),
                )
            batch.append(values)
        # the batch path: the same rows and audit entries as saving them one by one, one statement each
        records.save_many(
            db, RESULTS, batch, actor, reason=f"导入体质测试成绩（{preview.path.name}）", changes=changes
        )
    return changes


def _year_rows(db: Database, school_year: str) -> dict[str, dict]:
    """Every student's live record of a school year, by student id (what :func:`result_row` gives one by
    one)."""
    found: dict[str, dict] = {}
    for row in result_rows(db, "school_year = ?", [school_year]):
        found.setdefault(row["student_id"], row)
    return found


# ------------------------------------------------------------------ export


def export_records(
    db: Database,
    school_year: str | None = None,
    grade: int | None = None,
    *,
    class_id: str | None = None,
    today: dt.date | None = None,
) -> list:
    """Upload-template records of a school year (grade: as tested that year). For the current year every
    student on the roster is included (untested students with blank results, as the upload system expects)."""
    current = current_school_year(db, today)
    year = normalize_school_year(school_year or current)
    wusi = is_wusi(db)
    classes = {c.id: c for c in school.list_classes(db)}
    students = {r["id"]: r for r in records.live_rows(db, "students")}
    stored = {r["student_id"]: r for r in result_rows(db, "school_year = ?", [year])}
    entries: list[tuple[dict, school.SchoolClass, int, dict | None]] = []
    for student_id, row in stored.items():
        student = students.get(student_id)
        school_class = classes.get(row["class_id"]) or classes.get((student or {}).get("class_id"))
        if student is None or school_class is None:
            continue
        entries.append((student, school_class, row["grade"], row))
    if year == current:
        for student in students.values():
            school_class = classes.get(student["class_id"])
            if student["id"] not in stored and school_class is not None:
                entries.append((student, school_class, school_class.grade, None))
    entries = [
        e for e in entries if (grade is None or e[2] == grade) and (class_id is None or e[1].id == class_id)
    ]
    entries.sort(key=lambda e: (e[2], e[1].number, e[0].get("student_no") or "", e[0].get("name") or ""))
    out = []
    for student, school_class, row_grade, row in entries:
        class_row = {
            "grade": row_grade,
            "number": school_class.number,
            "name": class_name_in_year(school_class, row_grade),
        }
        result = {key: (row or {}).get(key) for key in item_keys()}
        result["exempt"] = bool((row or {}).get("exempt"))
        result["exempt_items"] = exempt_items(row)
        record = upload_record(student, class_row, result, wusi=wusi)
        for column in TEMPLATE_IDENTITY:
            if (row or {}).get(column):
                setattr(record, column, row[column])  # type: ignore[index]
        out.append(record)
    return out


def export_template(
    db: Database,
    path: Path | str,
    school_year: str | None = None,
    grade: int | None = None,
    *,
    class_id: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Write the school's results of a school year as the national upload template (.xlsx); returns rows."""
    uploads = export_records(db, school_year, grade, class_id=class_id, today=today)
    if not uploads:
        raise UserError("没有可导出的学生（请检查学年和年级）。")
    return write_template(path, uploads)


__all__ = [
    "commit_import",
    "export_records",
    "export_template",
    "preview_import",
]
