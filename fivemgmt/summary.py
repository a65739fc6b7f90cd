"""The week across all areas: the single source of numbers for dashboards, forms and ``fivemgmt summary``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from fivemgmt import school
from fivemgmt.areas import area_modules
from fivemgmt.areas.base import AreaWeek, InvalidRecords, PeriodScope, WeekContext
from fivemgmt.calendar import WEEKDAY_NAMES, week_label
from fivemgmt.errors import UserError
from fivemgmt.percent import percent
from fivemgmt.rules import Status


@dataclass
class ClassWeek:
    school_class: school.SchoolClass
    areas: dict[str, AreaWeek] = field(default_factory=dict)

    def figures(self, key: str) -> Any:
        """The area's week figures (``homework.HomeworkWeek`` …), or None when the class has no such area,
        no figures for it, or a finding instead (stored data the app could not read)."""
        area = self.areas.get(key)
        return None if area is None or area.invalid else area.figures

    @property
    def red_share(self) -> float:
        judged = [a for a in self.areas.values() if a.status not in (Status.NA,)]
        return sum(a.status.is_red for a in judged) / len(judged) if judged else 0.0


@dataclass
class SchoolWeek:
    monday: dt.date
    today: dt.date
    classes: list[ClassWeek]
    area_titles: dict[str, str]

    @property
    def label(self) -> str:
        return week_label(self.monday)

    @property
    def average_red_share(self) -> float:
        return sum(c.red_share for c in self.classes) / len(self.classes) if self.classes else 0.0

    def area(self, key: str) -> list[AreaWeek]:
        return [c.areas[key] for c in self.classes if key in c.areas]

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.label,
            "monday": self.monday.isoformat(),
            "today": self.today.isoformat(),
            "areas": self.area_titles,
            "average_red_share": round(self.average_red_share, 3),
            "classes": [
                {
                    "class": c.school_class.name,
                    "class_id": c.school_class.id,
                    "grade": c.school_class.grade,
                    "red_share": round(c.red_share, 3),
                    "areas": {key: area.to_json() for key, area in c.areas.items()},
                }
                for c in self.classes
            ],
        }


def dated_records(db: Database, start: dt.date, end: dt.date, grade: int | None = None) -> int:
    """How many live register records of the classes (of a grade) fall between start and end.

    Every area's per-class register has ``class_id``, ``date`` and ``deleted``; counting them all is how a
    figure asked for a period with nothing logged is told apart from a period that went well.
    """
    classes = sorted(
        {c.id for day in (start, end) for c in school.list_classes(db, grade, on=day, archived=True)}
    )
    if not classes:
        return 0
    marks = ",".join("?" for _ in classes)
    total = 0
    for table in db.table_names():
        columns = {c.name for c in db[table].columns}
        if {"class_id", "date", "deleted"} <= columns:
            total += db.execute(
                f"SELECT COUNT(*) FROM [{table}] WHERE deleted = 0 AND date BETWEEN ? AND ?"
                f" AND class_id IN ({marks})",
                [start.isoformat(), end.isoformat(), *classes],
            ).fetchone()[0]
    return total


def require_figures(db: Database, start: dt.date, end: dt.date, grade: int | None = None) -> None:
    """Refuse to report figures for a school without classes or a period without a single record."""
    if not school.list_classes(db, grade, on=start) and not school.list_classes(db, grade, on=end):
        where = f"{grade} 年级" if grade is not None else "学校"
        raise UserError(f"{where}还没有班级，没有可汇总的数据。请先在“设置”中建立班级或导入学生名册。")
    if not dated_records(db, start, end, grade):
        raise UserError(
            f"{start.isoformat()} 至 {end.isoformat()} 没有任何登记记录，无法给出统计（这不表示全部合格）。"
            "请先登记或导入这段时间的记录。"
        )


def week_summary(
    db: Database,
    monday: dt.date,
    *,
    today: dt.date | None = None,
    areas: list[str] | None = None,
    grade: int | None = None,
    class_ids: list[str] | None = None,
    period: PeriodScope | None = None,
) -> SchoolWeek:
    ctx = WeekContext.load(db, monday, today, period)
    modules = [m for m in area_modules() if areas is None or m.AREA.key in areas]
    # The classes of that week's school year, each with the grade and name it had then.
    classes = school.list_classes(db, grade, on=monday, archived=class_ids is not None)
    if class_ids is not None:
        classes = [c for c in classes if c.id in class_ids]
    from fivemgmt import rowcheck

    bad = rowcheck.bad_dates(db, ctx.monday, ctx.sunday)
    result = []
    for school_class in classes:
        row = ClassWeek(school_class)
        for module in modules:
            problems = bad.get((school_class.id, module.AREA.key))
            row.areas[module.AREA.key] = (
                _finding(module, school_class, problems)
                if problems
                else _area_week(db, ctx, module, school_class)
            )
        result.append(row)
    return SchoolWeek(monday, ctx.today, result, {m.AREA.key: m.AREA.title for m in modules})


def period_weeks(
    db: Database,
    mondays: list[dt.date],
    today: dt.date,
    *,
    areas: list[str] | None = None,
    grade: int | None = None,
) -> list[SchoolWeek]:
    """``week_summary`` of each Monday (judged as of ``today``), the weeks sharing one ``PeriodScope``: each
    area reads the period's records once for every class, not once per class and week."""
    if not mondays:
        return []
    classes = {c.id: c for day in (mondays[-1], mondays[0]) for c in school.list_classes(db, grade, on=day)}
    scope = PeriodScope(mondays[0], mondays[-1] + dt.timedelta(days=6), today, classes)
    return [week_summary(db, m, today=today, areas=areas, grade=grade, period=scope) for m in mondays]


def _area_week(db: Database, ctx: WeekContext, module: Any, school_class: school.SchoolClass) -> AreaWeek:
    """One area's week; a stored value the app would never have accepted (a package or a file edited by
    hand) becomes a finding naming it, instead of taking the page down with an internal error."""
    try:
        return module.week(ctx, school_class)
    except (ValueError, TypeError, KeyError, AttributeError):
        from fivemgmt import rowcheck

        problems = rowcheck.stored_problems(
            db, school_class.id, ctx.monday - dt.timedelta(days=60), ctx.sunday + dt.timedelta(days=7)
        )
        if not problems:
            raise
        return _finding(module, school_class, problems)


def _finding(module: Any, school_class: school.SchoolClass, problems: list[str]) -> AreaWeek:
    shown = "；".join(p.rstrip("。") for p in problems[:3])
    if len(problems) > 3:
        shown += f"；另有 {len(problems) - 3} 处"
    return AreaWeek(
        module.AREA.key,
        school_class.id,
        school_class.name,
        school_class.grade,
        Status.YELLOW,
        f"数据有误，本周无法判断：{shown}。请在台账中改正这些记录（或从备份恢复）。",
        figures=InvalidRecords(len(problems)),
    )


def format_text(week: SchoolWeek) -> str:
    """A plain-text table for the terminal: homework day by day, then each area's status."""
    lines = [
        f"{week.label}（{week.monday.isoformat()} 起）  各班红灯占比平均 {percent(week.average_red_share)}"
    ]
    for row in week.classes:
        lines.append("")
        lines.append(f"{row.school_class.name}")
        homework = row.areas.get("homework")
        if homework:
            cells = []
            for day, name in zip(homework.days, WEEKDAY_NAMES):
                figures = day.figures
                if day.state == "unlogged":
                    cells.append(f"{name} 未登记")
                elif day.state == "future":
                    cells.append(f"{name} —")
                elif day.state == "none" and not figures.written_minutes:
                    cells.append(f"{name} 无")
                else:
                    shown = figures.written_minutes if figures.cap == 0 else figures.counted_minutes
                    cells.append(f"{name} {shown}分 {day.status.symbol}")
            if cells:
                lines.append("  作业  " + " | ".join(cells))
            figures = homework.figures
            if homework.invalid:  # a finding instead of figures (bad stored data)
                lead = "        " if cells else "  作业  "
                lines.append(f"{lead}{homework.status.symbol} {homework.status.label}：{homework.reason}")
            else:
                average = "—" if figures.average_minutes is None else f"{figures.average_minutes} 分钟"
                cap = "—" if figures.cap is None else f"{figures.cap:g} 分钟"
                lines.append(
                    f"        日均 {average} / 上限 {cap}  {homework.status.symbol} {homework.status.label}："
                    f"{homework.reason}"
                )
        for key, area in row.areas.items():
            if key == "homework":
                continue
            lines.append(
                f"  {week.area_titles[key]}  {area.status.symbol} {area.status.label}：{area.reason}"
            )
    return "\n".join(lines)


# ------------------------------------------------------------------ a term or a school year


@dataclass
class SchoolPeriod:
    """A term's or a school year's weeks (本学期, 本学年): each class's weekly statuses per area, counted."""

    label: str
    start: dt.date
    end: dt.date
    weeks: list[SchoolWeek]

    def classes(self) -> list[tuple[str, str, dict[str, list[AreaWeek]]]]:
        """(class id, class name as last shown, area → its weeks) in the order of the last week."""
        found: dict[str, tuple[str, dict[str, list[AreaWeek]]]] = {}
        for week in self.weeks:
            for row in week.classes:
                name, areas = found.get(row.school_class.id, ("", {}))
                for key, area in row.areas.items():
                    areas.setdefault(key, []).append(area)
                found[row.school_class.id] = (row.school_class.name, areas)
        return [(class_id, name, areas) for class_id, (name, areas) in found.items()]

    @property
    def area_titles(self) -> dict[str, str]:
        return self.weeks[-1].area_titles if self.weeks else {}

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "weeks": [w.label for w in self.weeks],
            "areas": self.area_titles,
            "classes": [
                {
                    "class": name,
                    "class_id": class_id,
                    "areas": {
                        key: {
                            "weeks": {Status(s).value: n for s, n in _tally(weeks).items()},
                            "by_week": [
                                {"week": w.label, "status": a.status.value, "reason": a.reason}
                                for w, a in _with_weeks(self.weeks, class_id, key)
                            ],
                        }
                        for key, weeks in areas.items()
                    },
                }
                for class_id, name, areas in self.classes()
            ],
        }


def _tally(weeks: list[AreaWeek]) -> dict[Status, int]:
    counts: dict[Status, int] = {}
    for area in weeks:
        counts[area.status] = counts.get(area.status, 0) + 1
    return counts


def _with_weeks(weeks: list[SchoolWeek], class_id: str, key: str) -> list[tuple[SchoolWeek, AreaWeek]]:
    found = []
    for week in weeks:
        for row in week.classes:
            if row.school_class.id == class_id and key in row.areas:
                found.append((week, row.areas[key]))
    return found


def period_summary(
    db: Database,
    label: str,
    start: dt.date,
    end: dt.date,
    *,
    today: dt.date | None = None,
    areas: list[str] | None = None,
    grade: int | None = None,
) -> SchoolPeriod:
    """Every week of start..end (up to today), each judged as its own week with the classes of its school
    year: the one source of a term's or a year's figures."""
    from fivemgmt import clock
    from fivemgmt.calendar import monday_of

    today = today or clock.today()
    cutoff = min(end, today)
    mondays, monday = [], monday_of(start)
    while monday <= cutoff:
        mondays.append(monday)
        monday += dt.timedelta(days=7)
    return SchoolPeriod(label, start, end, period_weeks(db, mondays, cutoff, areas=areas, grade=grade))


def format_period_text(period: SchoolPeriod) -> str:
    """A term or a school year for the terminal: per class and area, how many weeks had each status."""
    lines = [
        f"{period.label}（{period.start.isoformat()} 至 {period.end.isoformat()}，共 {len(period.weeks)} 周）"
    ]
    order = [Status.GREEN, Status.YELLOW, Status.RED, Status.UNLOGGED, Status.NA]
    for class_id, name, areas in period.classes():
        lines.append("")
        lines.append(name)
        for key, weeks in areas.items():
            counts = _tally(weeks)
            shown = "  ".join(f"{s.symbol} {s.label} {counts[s]} 周" for s in order if counts.get(s))
            reds = [w.label for w, a in _with_weeks(period.weeks, class_id, key) if a.status is Status.RED]
            tail = f"；超标周：{'、'.join(reds)}" if reds else ""
            lines.append(f"  {period.area_titles.get(key, key)}  {shown}{tail}")
    return "\n".join(lines)
