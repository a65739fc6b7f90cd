"""《学生体质健康报告书》: one A4 page per student for parents, batch-printed for a whole class.

Each page shows the student's results of a school year with each item's score and rating, 标准分, 附加分,
学年总分 and 等级, last year's results where recorded, and the weakest items with simple exercise advice
(``resources/fitness/advice.toml``). Built on the common template ``fivemgmt.reports.pdf`` (bundled font,
embedded; school name in the header).
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table
from sqlite_utils import Database

from fivemgmt import class_names, school
from fivemgmt.errors import UserError
from fivemgmt.fitness import store
from fivemgmt.fitness.parsing import UNIT_CN, format_value
from fivemgmt.fitness.scoring import (
    COMPLETE,
    EXEMPT,
    INCOMPLETE,
    NO_TABLE,
    SCORED,
    ItemScore,
    StudentScore,
    level_for,
)
from fivemgmt.fitness.stats import weakest_items
from fivemgmt.fitness.tables import FitnessTables, default_tables
from fivemgmt.i18n import in_source_language
from fivemgmt.reports import pdf
from fivemgmt.resources import resource_path

TITLE = "学生体质健康报告书"
SOURCE = "《国家学生体质健康标准（2014年修订）》"
LEVEL_COLORS = {"优秀": "#1B7837", "良好": "#2166AC", "及格": "#8C6D1F", "不及格": "#B2182B"}
GRADUATING = (6, 9, 12)


@functools.cache
def advice() -> dict[str, dict[str, str]]:
    """The advice data: item key (or bmi_<band>, general, keep) -> {focus, advice}."""
    with open(resource_path("fitness", "advice.toml"), "rb") as handle:
        return tomllib.load(handle)


def advice_for(entry: ItemScore) -> dict[str, str]:
    key = f"bmi_{entry.band}" if entry.item == "bmi" else entry.item
    return advice().get(key) or advice()["general"]


def weak_items(score: StudentScore, count: int = 3) -> list[ItemScore]:
    """Items to work on: the weakest scored items below 80 points (a BMI outside 正常 included)."""
    weak = [entry for entry in weakest_items(score, count) if entry.score is not None and entry.score < 80]
    bmi = score.items.get("bmi")
    if bmi is not None and bmi.score is not None and bmi.band != "正常" and bmi not in weak:
        weak = [*weak[: count - 1], bmi]
    return weak


def _value_text(item: str, value: Decimal | None) -> str:
    if value is None:
        return ""
    info = default_tables().items[item]
    if info.kind == "minsec":
        return format_value(item, value) + '"'
    unit = "" if item == "bmi" else UNIT_CN.get(info.unit, info.unit)
    return f"{format_value(item, value)} {unit}".strip()


def _rating(entry: ItemScore | None) -> str:
    if entry is None or entry.score is None:
        return ""
    if entry.item == "bmi":
        return entry.band
    return level_for(Decimal(entry.score)) or ""


def _score_text(entry: ItemScore | None, status: str) -> str:
    if entry is None:
        return ""
    if entry.score is not None:
        return str(entry.score)
    if status == NO_TABLE:
        return "无评分表"
    return "缺测" if entry.value is None else "—"


def _total_text(score: StudentScore) -> str:
    return "" if score.total_display is None else f"{score.total_display}"


class _Builder:
    def __init__(self, doc: pdf.Document, tables: FitnessTables | None = None) -> None:
        self.doc = doc
        self.styles = doc.styles
        self.tables = tables or default_tables()

    def student(
        self,
        result: store.StudentResult,
        last: store.StudentResult | None,
        class_name: str,
        graduation: str = "",
    ) -> list:
        styles, width = self.styles, self.doc.width
        score = result.score
        row = result.row or {}
        story: list = [
            Paragraph(TITLE, styles.title),
            pdf.P(f"{result.school_year}学年 · 依据{SOURCE}", styles.subtitle),
        ]
        loaded_from = self.tables.loaded_sources.get(score.scored_as)
        if loaded_from and score.status != NO_TABLE:
            story.append(pdf.P(f"评分表：{loaded_from}", styles.note))
        sex = {"M": "男", "F": "女"}.get(score.sex, result.student.get("sex") or "")
        info = [
            ["姓名", result.name, "性别", sex, "班级", class_name],
            [
                "学籍号",
                result.student.get("student_no") or "",
                "测试日期",
                row.get("test_date") or "",
                "年级编号",
                score.grade_code,
            ],
        ]
        w = width / 6
        story.append(
            pdf.table(
                info,
                [w * 0.7, w * 1.5, w * 0.8, w * 0.9, w * 0.8, w * 1.3],
                styles,
                header_rows=0,
                extra=[
                    ("BACKGROUND", (0, 0), (0, -1), pdf.HEADER_FILL),
                    ("BACKGROUND", (2, 0), (2, -1), pdf.HEADER_FILL),
                    ("BACKGROUND", (4, 0), (4, -1), pdf.HEADER_FILL),
                ],
            )
        )
        story.append(Spacer(1, 4 * mm))
        story.extend(self.results_table(result, last))
        story.append(Spacer(1, 4 * mm))
        story.append(self.summary(score, last, graduation))
        story.append(Spacer(1, 3 * mm))
        story.extend(self.advice_block(score))
        story.append(Spacer(1, 3 * mm))
        story.append(
            pdf.P(
                "说明：单项成绩按标准评分表查得分（不插值），标准分 = Σ 单项得分 × 权重；学年总分 = 标准分 + 附加分，"
                "保留一位小数后评定等级：90.0分及以上优秀，80.0～89.9分良好，60.0～79.9分及格，59.9分及以下不及格。"
                "“缺测”的项目未计分，学年总分待补测后确定。",
                styles.note,
            )
        )
        story.append(Spacer(1, 8 * mm))
        story.append(
            pdf.fields_line([("家长签字：", ""), ("体育教师：", ""), ("班主任：", "")], styles, width)
        )
        return story

    def results_table(self, result: store.StudentResult, last: store.StudentResult | None) -> list:
        styles, width = self.styles, self.doc.width
        score = result.score
        header = ["测试项目", "成绩", "得分", "评定", "权重", "加分", "去年成绩", "去年得分"]
        rows = [header]
        last_score = last.score if last else None
        items = ["height", "weight", *score.items.keys()]
        extra = []
        for item in dict.fromkeys(items):
            entry = score.items.get(item)
            value = entry.value if entry else result.value(item)
            last_entry = last_score.items.get(item) if last_score else None
            last_value = (last_entry.value if last_entry else last.value(item)) if last else None
            name = "体重指数(BMI)" if item == "bmi" else self.tables.items[item].name
            if entry is not None and entry.status == "not_an_item":
                continue
            is_weighted = entry is not None and entry.weight
            if score.status == EXEMPT:
                cells = [name, "免测" if item == "height" else "", "", "", "", "", "", ""]
            else:
                cells = [
                    name,
                    _value_text(item, value) if value is not None else ("缺测" if is_weighted else ""),
                    _score_text(entry, score.status) if is_weighted else "",
                    _rating(entry) if is_weighted else "",
                    f"{entry.weight:g}%" if is_weighted else "",
                    str(entry.bonus) if entry is not None and entry.bonus else "",
                    _value_text(item, last_value) if last_value is not None else "",
                    _score_text(last_entry, last_score.status)
                    if last_entry is not None and last_entry.weight and last_value is not None
                    else "",
                ]
            rows.append(cells)
            if entry is not None and entry.status == SCORED and entry.score is not None and entry.score < 60:
                extra.append(
                    ("TEXTCOLOR", (2, len(rows) - 1), (3, len(rows) - 1), colors.HexColor("#B2182B"))
                )
        widths = [0.2, 0.14, 0.1, 0.1, 0.08, 0.08, 0.16, 0.14]
        return [
            pdf.table(
                rows,
                [width * w for w in widths],
                styles,
                font_size=9.5,
                cell_style=styles.cell_center,
                extra=extra,
            )
        ]

    def summary(self, score: StudentScore, last: store.StudentResult | None, graduation: str) -> Table:
        styles, width = self.styles, self.doc.width
        if score.status == COMPLETE:
            level = score.level or ""
            color = LEVEL_COLORS.get(level, "#000000")
            level_cell = Paragraph(
                f'<font size="15" color="{color}">{pdf.text(level)}</font>', styles.cell_bold
            )
        else:
            level_cell = pdf.P(score.level_text, styles.cell_bold)
        standard = "" if score.standard_score_display is None else str(score.standard_score_display)
        header = ["标准分", "附加分", "学年总分", "等级", "去年总分 / 等级"]
        if last is not None and last.score.total_display is not None:
            last_text = f"{last.score.total_display} / {last.score.level}"
            if score.total_display is not None:
                change = score.total_display - last.score.total_display
                last_text += f"（{'+' if change >= 0 else ''}{change}）"
        elif last is not None:
            last_text = last.score.level_text
        else:
            last_text = "无记录"
        bonus = str(score.bonus) if score.status == COMPLETE else ""
        rows = [header, [standard, bonus, _total_text(score), level_cell, last_text]]
        if graduation:
            rows.append([pdf.P(graduation, styles.cell), "", "", "", ""])
        table = pdf.table(
            rows,
            [width * w for w in (0.17, 0.13, 0.2, 0.2, 0.3)],
            styles,
            font_size=11,
            cell_style=styles.cell_center,
            extra=[("SPAN", (0, 2), (-1, 2))] if graduation else [],
        )
        return table

    def advice_block(self, score: StudentScore) -> list:
        styles = self.styles
        story: list = [Paragraph("需要加强的项目与锻炼建议", styles.h2)]
        lines: list[str] = []
        if score.status == EXEMPT:
            reason = f"（{score.exempt_reason}）" if score.exempt_reason else ""
            lines.append(f"本学年免予测试{reason}。请在医生指导下进行适宜的身体活动，康复后按学校安排补测。")
        elif score.status == NO_TABLE:
            lines.append("本年级的国家评分表尚未收录，本报告只列出测试成绩，暂不评分。")
            lines.append(f"{advice()['general']['advice']}")
        else:
            weak = weak_items(score)
            for entry in weak:
                data = advice_for(entry)
                shown = entry.band if entry.item == "bmi" else f"{entry.score}分"
                name = "体重指数(BMI)" if entry.item == "bmi" else entry.name
                lines.append(
                    f"<b>{pdf.text(name)}</b>（{pdf.text(data['focus'])}，{pdf.text(shown)}）："
                    f"{pdf.text(data['advice'])}"
                )
            if score.status == INCOMPLETE:
                names = "、".join(
                    self.tables.items[i].name if i != "bmi" else "身高体重" for i in score.missing
                )
                lines.append(f"缺测项目：{pdf.text(names)}，请按学校安排补测。")
            if not weak:
                lines.append(pdf.text(advice()["keep"]["advice"]))
        for line in lines:
            story.append(Paragraph(f"• {line}", styles.body))
        return [KeepTogether(story)]


def _graduation_text(db: Database, result: store.StudentResult) -> str:
    if result.grade in GRADUATING and result.score.status == NO_TABLE:
        return "毕业成绩：本年级没有评分表（须由管理员装入），无法计算"
    if result.grade not in GRADUATING or result.score.status != COMPLETE:
        return ""
    years = store.history(db, result.student_id)
    if len([y for y in years if y <= result.school_year]) < 2:
        return ""
    grad = store.graduation(db, result.student_id, result.school_year)
    if grad.display is None:
        return f"毕业成绩：{grad.note}"
    return f"毕业成绩（毕业当年学年总分×50% + 其他学年平均×50%）：{grad.display}　{grad.level}" + (
        f"（{grad.note}）" if grad.note else ""
    )


def build_reports(
    db: Database,
    results: list[store.StudentResult],
    class_name: str,
    target: Path | str | None = None,
    *,
    today: dt.date | None = None,
) -> bytes:
    """One page per student result (with last year's result looked up), written to target as one PDF."""
    doc = pdf.Document(db, TITLE, subject=class_name, today=today)
    builder = _Builder(doc, store.scoring_tables(db))
    for index, result in enumerate(results):
        if index:
            doc.add(PageBreak())
        last = store.student_result(
            db, result.student_id, store.shift_year(result.school_year, -1), today=today
        )
        doc.add(*builder.student(result, last, class_name, _graduation_text(db, result)))
    return doc.build(target)


@in_source_language  # the official report card stays Chinese in any UI language
def class_report(
    db: Database,
    school_class: school.SchoolClass,
    target: Path | str | None,
    school_year: str | None = None,
    *,
    today: dt.date | None = None,
    student_ids: list[str] | None = None,
) -> int:
    """The reports of every tested student of a class (or the given students) in one PDF; returns pages."""
    results = [r for r in store.class_results(db, school_class, school_year, today=today) if r.tested]
    if student_ids is not None:
        results = [r for r in results if r.student_id in set(student_ids)]
    if not results:
        year = school_year or store.current_school_year(db, today)
        raise UserError(f"{school_class.name}在 {year} 学年还没有体质测试成绩，无法生成报告书。")
    name = class_name_in_year(db, school_class.id, results[0].school_year, results[0].grade)
    build_reports(db, results, name, target, today=today)
    return len(results)


def student_report(
    db: Database,
    student_id: str,
    target: Path | str | None,
    school_year: str | None = None,
    *,
    today: dt.date | None = None,
) -> bytes:
    """The report of one student (a one-page PDF)."""
    result = store.student_result(db, student_id, school_year, today=today)
    if result is None:
        raise UserError("该学生在这一学年还没有体质测试成绩。")
    class_id = (result.row or {}).get("class_id") or result.student["class_id"]
    name = class_name_in_year(db, class_id, result.school_year, result.grade)
    return build_reports(db, [result], name, target, today=today)


def class_name_in_year(db: Database, class_id: str, school_year: str, grade: int) -> str:
    """The class's name in ``school_year`` (the one its 学年升级 recorded), else its name with that year's
    grade: a report card of last year says the class the student was in then."""
    then = {c.id: c for c in school.list_classes(db, year=school_year, archived=True)}.get(class_id)
    if then is not None and then.school_year is not None:
        return then.name
    now = school.get_class(db, class_id)
    return (
        now.name if now.grade == grade else class_names.class_name(grade, now.number, school.junior_style(db))
    )
