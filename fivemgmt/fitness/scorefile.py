"""Score every student of an upload-template file (used by ``fivemgmt fitness score``; no database).

``score_sheet`` returns one ScoredRow per student; ``output_headers`` / ``output_cells`` lay them out as the
input's columns followed by, for every item column present, its 得分 and 附加分, then BMI, 标准分, 附加分,
学年总分 (one decimal), 等级 and 备注. ``json_object`` gives the same per student with canonical header keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fivemgmt.errors import UserError
from fivemgmt.fitness.parsing import format_value
from fivemgmt.fitness.scoring import SCORED, StudentScore, score_parsed
from fivemgmt.fitness.tables import SEX_CN, FitnessTables, default_tables
from fivemgmt.fitness.template import IDENTITY_FIELDS, TemplateSheet, UploadRecord, header_for, parse_row

SCORE_SUFFIX = "得分"
BONUS_SUFFIX = "附加分"
TOTAL_HEADERS = ("标准分", "附加分", "学年总分", "等级", "备注")


@dataclass
class ScoredRow:
    row: int
    cells: list[Any]  # the input row as read
    record: UploadRecord
    score: StudentScore | None  # None when the row cannot be scored at all (bad 年级编号 or 性别)
    errors: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # the file's item columns, so every row has the same cells

    @property
    def note(self) -> str:
        notes = list(self.errors)
        if self.score is not None:
            notes.extend(self.score.messages)
        return "；".join(notes)


def score_sheet(
    sheet: TemplateSheet, *, wusi: bool = False, tables: FitnessTables | None = None
) -> list[ScoredRow]:
    """Parse and score every student row; rejected values are reported in ScoredRow.errors."""
    tables = tables or default_tables()
    if not sheet.rows:
        raise UserError(f"{sheet.path.name}: 表头下面没有学生数据")
    items = item_fields(sheet, tables=tables)
    scored: list[ScoredRow] = []
    for row in sheet.rows:
        record, errors = parse_row(sheet, row, tables=tables)
        score = None
        if record.grade_code and record.sex:
            score = score_parsed(
                record.grade_code,
                record.sex,
                record.results,
                exempt=record.exempt,
                exempt_items=record.exempt_items,
                wusi=wusi,
                tables=tables,
            )
        scored.append(
            ScoredRow(row=row.row, cells=row.cells, record=record, score=score, errors=errors, items=items)
        )
    return scored


def item_fields(sheet: TemplateSheet, *, tables: FitnessTables | None = None) -> list[str]:
    """Scorable item columns present in the file, in template order (height/weight become BMI)."""
    tables = tables or default_tables()
    present = [c.field for c in sorted(tables.template, key=lambda c: c.col_no) if c.field in sheet.columns]
    items = [name for name in present if name not in IDENTITY_FIELDS and name not in ("height", "weight")]
    if "height" in sheet.columns and "weight" in sheet.columns:
        items.insert(0, "bmi")
    return items


def output_headers(sheet: TemplateSheet, *, tables: FitnessTables | None = None) -> list[str]:
    tables = tables or default_tables()
    headers = list(sheet.headers)
    for item in item_fields(sheet, tables=tables):
        header = header_for(item, tables=tables)
        if item == "bmi":
            headers += ["BMI", "BMI" + SCORE_SUFFIX]
        else:
            headers += [header + SCORE_SUFFIX, header + BONUS_SUFFIX]
    return headers + list(TOTAL_HEADERS)


def _score_parts(scored: ScoredRow, tables: FitnessTables) -> list[tuple[str, Any]]:
    """(header, value) pairs of the added columns, in output order."""
    parts: list[tuple[str, Any]] = []
    score = scored.score
    for item in scored.items:
        entry = score.items.get(item) if score else None
        done = entry is not None and entry.status == SCORED
        if item == "bmi":
            parts.append(("BMI", float(entry.value) if entry and entry.value is not None else None))
            parts.append(("BMI" + SCORE_SUFFIX, entry.score if done and entry else None))
        else:
            header = header_for(item, tables=tables)
            parts.append((header + SCORE_SUFFIX, entry.score if done and entry else None))
            parts.append((header + BONUS_SUFFIX, entry.bonus if done and entry else None))
    standard = score.standard_score_display if score else None
    total = score.total_display if score else None
    bonus = score.bonus if score and score.total is not None else None
    parts += [
        ("标准分", _number(standard)),
        ("附加分", bonus),
        ("学年总分", _number(total)),
        ("等级", score.level_text if score else ""),
        ("备注", scored.note),
    ]
    return parts


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return (
        int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    )


def output_cells(scored: ScoredRow, *, tables: FitnessTables | None = None) -> list[Any]:
    tables = tables or default_tables()
    return list(scored.cells) + [value for _, value in _score_parts(scored, tables)]


def json_object(
    scored: ScoredRow, sheet: TemplateSheet, *, tables: FitnessTables | None = None
) -> dict[str, Any]:
    """One student as a JSON-ready dict: 行号, the identity and result columns under their 2014 template
    headers (runs as m'ss text, other results as numbers), then the score columns and 状态."""
    tables = tables or default_tables()
    record = scored.record
    obj: dict[str, Any] = {"行号": scored.row}
    for name in sorted(sheet.columns, key=lambda n: sheet.columns[n]):
        header = header_for(name, tables=tables)
        if name == "sex":
            obj[header] = SEX_CN.get(record.sex, record.sex) or None
        elif name in IDENTITY_FIELDS:
            obj[header] = getattr(record, name) or None
        elif record.exempt and record.results.get(name) is None:
            obj[header] = None
        elif name in record.exempt_items:
            obj[header] = "免测"
        else:
            value = record.results.get(name)
            if tables.items[name].kind == "minsec" and value is not None:
                obj[header] = format_value(name, value, tables=tables)  # runs as m'ss, like the template
            else:
                obj[header] = _number(value)
    for header, value in _score_parts(scored, tables):
        obj[header] = value
    obj["状态"] = scored.score.status if scored.score else "error"
    return obj


@dataclass(frozen=True)
class Unscored:
    """Students of a scored file left without a 学年总分, grouped by why (免测 students are not counted)."""

    reasons: list[tuple[str, int]]  # (reason, students), most frequent first

    @property
    def count(self) -> int:
        return sum(n for _, n in self.reasons)


def unscored(rows: list[ScoredRow], *, tables: FitnessTables | None = None) -> Unscored:
    """Count the students ``score_sheet`` could not give a 学年总分, and why: an unreadable 年级编号/性别,
    no scoring table for the grade (named), or results missing or rejected (成绩不完整)."""
    from collections import Counter

    from fivemgmt.fitness.scoring import INCOMPLETE, NO_TABLE, NO_TABLE_TEXT

    tables = tables or default_tables()
    reasons: Counter[str] = Counter()
    for row in rows:
        score = row.score
        if score is None:
            reasons["年级编号或性别无法识别"] += 1
        elif score.status == NO_TABLE:
            grade = tables.grades.get(score.scored_as or score.grade_code)
            name = f"年级编号{score.grade_code}" + (f" {grade.name}" if grade else "（未知的年级编号）")
            reasons[f"{NO_TABLE_TEXT}（{name}）"] += 1
        elif score.status == INCOMPLETE:
            reasons["成绩不完整（有项目缺测或数值被拒绝）"] += 1
    return Unscored(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
