"""作业公示表 — the homework publicity sheet: per class for a day or a week, or a whole grade on one page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, PageBreak, Paragraph, Spacer
from sqlite_utils import Database

from fivemgmt import class_names, clock, school
from fivemgmt.areas import homework as hw
from fivemgmt.calendar import SchoolCalendar, weekday_name
from fivemgmt.errors import UserError
from fivemgmt.reports import pdf
from fivemgmt.reports.period import Period
from fivemgmt.rules import Rulebook, Status

TITLE = "作业公示表"
STATUS_TEXT = {
    Status.GREEN: f"{Status.GREEN.symbol} 未超上限",
    Status.YELLOW: f"{Status.YELLOW.symbol} 接近上限",
    Status.RED: f"{Status.RED.symbol} 超过上限",
    Status.VIOLATION: f"{Status.VIOLATION.symbol} 违规（不应布置书面作业）",
    Status.UNLOGGED: f"{Status.UNLOGGED.symbol} 未登记",
    Status.NA: "—",
}


def day_label(day: dt.date) -> str:
    return f"{day:%Y-%m-%d} {weekday_name(day)}"


def total_line(day: hw.HomeworkDay, grade: int) -> str:
    """The class total against the cap, as the sheet prints it."""
    if day.state is hw.DayState.UNLOGGED:
        return "当天未登记作业"
    if day.state is hw.DayState.NONE and not day.entries:
        return "今日无作业"
    if day.state is hw.DayState.FUTURE:
        return "—"
    if day.cap == 0:
        limit = "一、二年级不布置书面家庭作业" if grade <= 2 else "不布置书面家庭作业"
    elif day.day_kind.is_rest_day:
        limit = f"休息日书面作业合计上限 {day.cap:g} 分钟"
    else:
        limit = f"上限 {day.cap:g} 分钟"
    counted = f"书面作业合计 {day.written_minutes} 分钟"
    if day.counted_minutes != day.written_minutes and day.cap != 0:
        counted += f"（计入上限 {day.counted_minutes} 分钟，选做不计）"
    if day.for_rest_minutes:
        counted += f"；另有周末/假期作业 {day.for_rest_minutes} 分钟（计入休息期）"
    period = day.period
    if period is not None and period.verdict is not None:
        # A rest day is judged with its whole rest period, as on every other surface.
        counted += f"；休息期 {period.label} 合计 {period.minutes} 分钟"
        if period.set_before:
            counted += f"（含事先布置的周末/假期作业 {period.set_before} 分钟）"
    return f"{counted}；{limit}；{STATUS_TEXT[day.verdict.status]}；全部作业预计 {day.total_minutes} 分钟"


def entry_cells(entry: hw.Entry) -> list[str]:
    return [
        entry.subject,
        entry.content,
        entry.kind,
        hw.REQUIRED_LABELS[entry.required],
        f"{entry.minutes} 分钟",
        entry.teacher_name,
    ]


def unconfirmed_defaults(
    db: Database,
    period: Period,
    *,
    class_name: str | None = None,
    grade: int | None = None,
    today: dt.date | None = None,
) -> list:
    """The school-set limits (no national number) the board would print while the school has not yet
    confirmed the proposed value: one Rule per rule and grade range, in the order met."""
    rules = Rulebook(db)
    calendar = SchoolCalendar(db)
    if class_name:
        classes = [school.find_class_during(db, class_name, period.start, period.end)]
    else:
        classes = school.list_classes(db, grade, on=period.start)
    found: dict[tuple, Any] = {}
    for school_class in classes:
        for day in period.days():
            rule_id = hw.REST_RULE if calendar.kind(day).is_rest_day else hw.CAP_RULE
            if not rules.has(rule_id, school_class.grade, day):
                continue
            rule = rules.rule(rule_id, school_class.grade, day)
            if rule.unconfirmed:
                found.setdefault((rule.id, rule.grade_from, rule.grade_to), rule)
    return list(found.values())


def confirmation_message(rules: list) -> str:
    items = "；".join(
        f"{class_names.grade_name(r.grade_from)}至{class_names.grade_name(r.grade_to)}“{r.title}”（建议值 {r.shown()}）"
        for r in rules
    )
    return (
        f"作业公示表面向家长，以下数值国家未作统一规定、学校尚未确认：{items}。"
        "请先在“设置 → 规则覆盖”中确认（填写数值和依据）后再打印。"
    )


class Board:
    def __init__(self, db: Database, today: dt.date | None = None) -> None:
        self.db = db
        self.today = today or clock.today()
        self.calendar = SchoolCalendar(db)
        self.rules = Rulebook(db)

    def days(self, school_class: school.SchoolClass, start: dt.date, end: dt.date) -> list[hw.HomeworkDay]:
        # build_days judges each rest day with its whole rest period, also beyond start–end.
        return hw.build_days(self.db, school_class, start, end, self.today, self.calendar, self.rules)

    # ------------------------------------------------------------ one class, one day

    def class_day(self, doc: pdf.Document, school_class: school.SchoolClass, day: dt.date) -> None:
        styles = doc.styles
        (result,) = self.days(school_class, day, day)
        doc.add(pdf.P(f"{school_class.name} {TITLE}", styles.title))
        head = school.head_teacher_name(self.db, school_class)
        doc.add(
            pdf.fields_line(
                [("日期：", day_label(day)), ("班级：", school_class.name), ("班主任：", head)],
                styles,
                doc.width,
            )
        )
        doc.add(Spacer(1, 3 * mm))
        widths = [18 * mm, 0, 18 * mm, 18 * mm, 20 * mm, 22 * mm]
        widths[1] = doc.width - sum(widths)
        rows: list[list] = [["学科", "作业内容", "作业类型", "必做/选做", "预计时长", "布置教师"]]
        rows += [entry_cells(e) for e in result.entries]
        if not result.entries:
            rows.append([result.state.label, "", "", "", "", ""])
        total_row = len(rows)
        rows.append(
            [Paragraph(pdf.text(total_line(result, school_class.grade)), styles.cell), "", "", "", "", ""]
        )
        extra = [
            ("SPAN", (0, total_row), (-1, total_row)),
            ("BACKGROUND", (0, total_row), (-1, total_row), pdf.HEADER_FILL),
        ]
        if not result.entries:
            extra.append(("SPAN", (0, 1), (-1, 1)))
        doc.add(pdf.table(rows, widths, styles, extra=extra, font_size=10))
        doc.add(Spacer(1, 3 * mm))
        doc.add(
            pdf.P(
                "说明：书面作业合计按学校设置计算（选做作业是否计入见规则设置）；上限依据 "
                + (result.verdict.source or "教育部办公厅《关于加强义务教育学校作业管理的通知》"),
                styles.note,
            )
        )
        doc.add(pdf.signature_block(styles, doc.width, labels=("班主任(签字)",), stamp="公示处", day=day))

    # ------------------------------------------------------------ one class, several days

    def class_week(self, doc: pdf.Document, school_class: school.SchoolClass, period: Period) -> None:
        styles = doc.styles
        doc.add(pdf.P(f"{school_class.name} {TITLE}（周）", styles.title))
        doc.add(
            pdf.fields_line(
                [
                    ("时段：", period.label),
                    ("班级：", school_class.name),
                    ("班主任：", school.head_teacher_name(self.db, school_class)),
                ],
                styles,
                doc.width,
            )
        )
        doc.add(Spacer(1, 3 * mm))
        widths = [22 * mm, 16 * mm, 0, 15 * mm, 15 * mm, 17 * mm, 19 * mm]
        widths[2] = doc.width - sum(widths)
        rows: list[list] = [["日期", "学科", "作业内容", "作业类型", "必做/选做", "预计时长", "布置教师"]]
        extra: list[tuple] = []
        for day in self.days(school_class, period.start, period.end):
            if day.day_kind.is_rest_day and not day.entries:
                continue
            first = len(rows)
            for entry in day.entries:
                rows.append([day_label(day.date) if len(rows) == first else "", *entry_cells(entry)])
            if not day.entries:
                rows.append([day_label(day.date), day.state.label, "", "", "", "", ""])
                extra.append(("SPAN", (1, first), (-1, first)))
            total = len(rows)
            rows.append(
                [
                    "",
                    Paragraph(pdf.text(total_line(day, school_class.grade)), styles.cell_small),
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            extra += [
                ("SPAN", (1, total), (-1, total)),
                ("BACKGROUND", (1, total), (-1, total), pdf.HEADER_FILL),
                ("SPAN", (0, first), (0, total)),
            ]
        doc.add(pdf.table(rows, widths, styles, extra=extra))
        doc.add(pdf.signature_block(styles, doc.width, labels=("班主任(签字)",), stamp="公示处"))

    # ------------------------------------------------------------ a whole grade on one page

    def grade_day(self, doc: pdf.Document, grade: int, day: dt.date) -> None:
        styles = doc.styles
        classes = school.list_classes(self.db, grade, on=day)
        name = class_names.grade_name(grade, school.junior_style(self.db))
        story = [
            pdf.P(f"{name} {TITLE}", styles.title),
            pdf.P(f"日期：{day_label(day)}　　共 {len(classes)} 个班", styles.subtitle),
        ]
        widths = [22 * mm, 14 * mm, 0, 13 * mm, 13 * mm, 15 * mm, 17 * mm]
        widths[2] = doc.width - sum(widths)
        rows: list[list] = [["班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长", "布置教师"]]
        extra: list[tuple] = []
        for school_class in classes:
            (result,) = self.days(school_class, day, day)
            first = len(rows)
            for entry in result.entries:
                rows.append([school_class.name if len(rows) == first else "", *entry_cells(entry)])
            if not result.entries:
                rows.append([school_class.name, result.state.label, "", "", "", "", ""])
                extra.append(("SPAN", (1, first), (-1, first)))
            total = len(rows)
            rows.append(
                ["", Paragraph(pdf.text(total_line(result, grade)), styles.cell_small), "", "", "", "", ""]
            )
            extra += [
                ("SPAN", (1, total), (-1, total)),
                ("BACKGROUND", (1, total), (-1, total), pdf.HEADER_FILL),
                ("SPAN", (0, first), (0, total)),
            ]
        story.append(pdf.table(rows, widths, styles, extra=extra, font_size=8))
        doc.add(KeepInFrame(doc.width, doc.height, story, mode="shrink"))

    def grade_week(self, doc: pdf.Document, grade: int, period: Period) -> None:
        """One row per class, one column per school day: written minutes and the status symbol."""
        styles = doc.styles
        classes = school.list_classes(self.db, grade, on=period.start)
        name = class_names.grade_name(grade, school.junior_style(self.db))
        days = [d for d in period.days() if not self.calendar.kind(d).is_rest_day]
        story = [
            pdf.P(f"{name} {TITLE}（汇总）", styles.title),
            pdf.P(
                f"时段：{period.label}　　每格：当天书面作业合计分钟数 / 状态（√ 未超 ! 接近 × 超过 — 未登记）",
                styles.subtitle,
            ),
        ]
        header = [
            "班级",
            *[f"{weekday_name(d)}\n{d:%m-%d}" for d in days],
            "日均",
            "上限",
            "休息日合计",
        ]
        rows: list[list] = [header]
        for school_class in classes:
            results = self.days(school_class, period.start, period.end)
            by_date = {r.date: r for r in results}
            cells = [school_class.name]
            logged = []
            for d in days:
                result = by_date[d]
                if result.state is hw.DayState.UNLOGGED:
                    cells.append("— 未登记")
                elif result.state is hw.DayState.FUTURE:
                    cells.append("")
                else:
                    logged.append(result)
                    cells.append(f"{result.counted_minutes} {STATUS_TEXT[result.verdict.status][0]}")
            average = sum(r.counted_minutes for r in logged) / len(logged) if logged else None
            cap = next((r.cap for r in logged if r.cap is not None), None)
            # Rest periods ending in the period, whole (the week of a period's end carries it).
            periods = hw.periods_ending(results, period.start, period.end)
            rest = sum(p.minutes for p in periods)
            cells += [
                "—" if average is None else f"{average:.0f}",
                "—" if cap is None else f"{cap:g}",
                f"{rest}",
            ]
            rows.append(cells)
        fixed = 24 * mm + 3 * 16 * mm
        each = (doc.width - fixed) / max(len(days), 1)
        widths = [24 * mm, *[each] * len(days), 16 * mm, 16 * mm, 16 * mm]
        story.append(pdf.table(rows, widths, styles, cell_style=styles.cell_center, font_size=8.5))
        doc.add(KeepInFrame(doc.width, doc.height, story, mode="shrink"))


def build(
    db: Database,
    period: Period,
    target: Path | str | None = None,
    *,
    class_name: str | None = None,
    grade: int | None = None,
    today: dt.date | None = None,
) -> bytes:
    """A day (period of one day) or several days; one class, a whole grade, or every class (one per page)."""
    board = Board(db, today)
    unconfirmed = unconfirmed_defaults(db, period, class_name=class_name, grade=grade, today=board.today)
    if unconfirmed:
        raise UserError(confirmation_message(unconfirmed))
    daily = period.start == period.end
    doc = pdf.Document(db, TITLE + ("" if daily else "（周）"), today=board.today)
    if class_name and grade:
        raise UserError("--class 与 --grade 只能选一个。")
    if grade:
        if not school.list_classes(db, grade, on=period.start):
            raise UserError(f"学校没有{grade}年级的班级。")
        if daily:
            board.grade_day(doc, grade, period.start)
        else:
            board.grade_week(doc, grade, period)
        return doc.build(target)
    on = period.start
    classes = (
        [school.find_class_during(db, class_name, period.start, period.end)]
        if class_name
        else school.list_classes(db, on=on)
    )
    if not classes:
        raise UserError("学校还没有班级。")
    for index, school_class in enumerate(classes):
        if index:
            doc.add(PageBreak())
        if daily:
            board.class_day(doc, school_class, period.start)
        else:
            board.class_week(doc, school_class, period)
    return doc.build(target)
