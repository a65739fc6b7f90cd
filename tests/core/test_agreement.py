"""Issue 12: one week's figures read the same everywhere — ``fivemgmt summary --json``, the dashboard's data
(``charts.data``) and the forms' evidence (``reports.evidence``) — and a renamed figure fails loudly.

The reported failure: renaming the phone summary's ``missing_log_days`` left every chart and report test
green while the self-inspection form's evidence turned from "保管登记缺失 2 天" into "保管登记无缺失"
(its reader turned the missing key into 0).
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from fivemgmt import records, school
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import activity, afterschool, area_module, homework, phone, reading, sleep
from fivemgmt.charts import activity as chart_activity
from fivemgmt.charts import data as chart_data
from fivemgmt.cli import main
from fivemgmt.db import transaction
from fivemgmt.reports.evidence import Evidence
from fivemgmt.reports.period import Period
from fivemgmt.rules import Rulebook
from tests.core.reports_helpers import MONDAY, TODAY, crafted_school

ROOT = Path(__file__).resolve().parents[2]
WEEK = "2026-W47"
FIGURES = {
    "homework": homework.HomeworkWeek,
    "phone": phone.PhoneWeek,
    "sleep": sleep.SleepWeek,
    "reading": reading.ReadingWeek,
    "activity": activity.ActivityWeek,
    "afterschool": afterschool.AfterschoolWeek,
}


def field_names(area: str) -> set[str]:
    return {f.name for f in dataclasses.fields(FIGURES[area])}


@pytest.fixture
def week_school(db):
    """crafted_school's homework (四年级 日均 50, 八年级 日均 80) plus, in 2026-W47, a grade-4 student with an
    approved phone whose custody was logged on Monday only (Tue–Fri missing) and a sleep check of four
    grade-8 students, two of whom slept the 9 hours."""
    classes = crafted_school(db)
    four, eight = classes[4], classes[8]
    with transaction(db):
        for name in ["张一", "李二", "王三", "赵四"]:
            records.save(db, "students", {"class_id": eight.id, "name": name}, SYSTEM)
        student_id = records.save(db, "students", {"class_id": four.id, "name": "钱五"}, SYSTEM)
    start, until = dt.date(2026, 9, 5), dt.date(2027, 1, 22)
    app = phone.Application(
        None, four.id, student_id, start, "走读", "钱父", phone.APPROVED, "王主任", start, until
    )
    phone.save_application(db, SYSTEM, app)
    phone.log_day(db, SYSTEM, four.id, MONDAY, received_by="王")
    pairs = [(dt.time(21, 30), dt.time(7, 0)), (dt.time(22, 0), dt.time(6, 0))] * 2
    for s, (bed, wake) in zip(school.list_students(db, eight.id), pairs):
        sleep.save_record(db, SYSTEM, sleep.SleepRecord(None, eight.id, s["id"], MONDAY, bed, wake))
    return classes


def cli_summary(db_path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    args = ["summary", "--db", str(db_path), "--week", WEEK, "--json", "--today", TODAY.isoformat()]
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_dashboard_and_form_state_the_same_figures(db, db_path, week_school, capsys):
    cli = {row["class"]: row["areas"] for row in cli_summary(db_path, capsys)["classes"]}
    dashboard = chart_data.load_week(db, MONDAY, TODAY, trend_weeks=1).week
    evidence = Evidence(db, Period.week(MONDAY), TODAY)
    four, eight = week_school[4], week_school[8]

    # homework: the average per class (one class per grade here, so the grade mean is the class's)
    rules = Rulebook(db)
    means = {
        m.grade: m.mean for m in chart_data.grade_means(dashboard, "homework", "average_minutes", None, rules)
    }
    for c, stage in ((four, "primary"), (eight, "junior")):
        average = cli[c.name]["homework"]["figures"]["average_minutes"]
        assert means[c.grade] == average
        assert f"日均 {average:g} 分钟" in evidence.homework_stage(stage).evidence
    assert (
        cli[four.name]["homework"]["figures"]["average_minutes"],
        cli[eight.name]["homework"]["figures"]["average_minutes"],
    ) == (50, 80)

    # phone: custody logged on Monday only, so Tue–Fri are missing — the form must say so, not 无缺失
    missing = sum(areas["phone"]["figures"]["missing_log_days"] for areas in cli.values())
    assert missing == 4
    assert sum(a.figures.missing_log_days for a in dashboard.area("phone")) == missing
    custody = evidence.phone_custody().evidence
    assert f"保管登记缺失 {missing} 天" in custody and "无缺失" not in custody

    # sleep: the share of the sampled students who slept long enough
    share = cli[eight.name]["sleep"]["figures"]["meet_sleep_share"]
    assert share == 0.5
    sleep_means = chart_data.grade_means(dashboard, "sleep", "meet_sleep_share", None, rules)
    assert {m.grade: m.mean for m in sleep_means}[8] == share
    assert f"睡眠时长达标 {share:.0%}" in evidence.sleep_monitoring().evidence


def test_a_renamed_phone_figure_fails_the_form_instead_of_reading_no_gap(db, week_school, monkeypatch):
    """Rename ``missing_log_days`` in the phone summary's figures: the form's evidence raises, it does not
    print "保管登记无缺失" (on the old dict figures, ``.get(key) or 0`` did exactly that)."""
    fields = [
        ("missing_days" if f.name == "missing_log_days" else f.name, f.type)
        for f in dataclasses.fields(phone.PhoneWeek)
    ]
    renamed = dataclasses.make_dataclass("RenamedPhoneWeek", fields, frozen=True)
    original = phone.week

    def renamed_summary(ctx, school_class):
        week = original(ctx, school_class)
        values = dataclasses.asdict(week.figures)
        values["missing_days"] = values.pop("missing_log_days")
        return dataclasses.replace(week, figures=renamed(**values))

    monkeypatch.setattr(phone, "week", renamed_summary)
    with pytest.raises(AttributeError, match="missing_log_days"):
        Evidence(db, Period.week(MONDAY), TODAY).phone_custody()


def figures_reads(path: Path) -> list[tuple[str | None, str, int]]:
    """Every figure a reader module reads: ``x.figures.NAME``, ``figures.NAME`` (the lambdas handed to
    ``figures_sum``), ``getattr(x.figures, "NAME")`` and ``Series("NAME", …)``, as (area or None, name, line)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str | None, str, int]] = []

    def is_figures(node: ast.AST) -> bool:  # x.figures, figures, x.figures("homework")
        if isinstance(node, ast.Call):
            node = node.func
        return (isinstance(node, ast.Attribute) and node.attr == "figures") or (
            isinstance(node, ast.Name) and node.id == "figures"
        )

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "figures_sum":
            area = node.args[0].value if isinstance(node.args[0], ast.Constant) else None
            for inner in ast.walk(node.args[1]):
                if isinstance(inner, ast.Attribute) and is_figures(inner.value):
                    found.append((area, inner.attr, inner.lineno))
        elif isinstance(node, ast.Attribute) and is_figures(node.value):
            found.append((None, node.attr, node.lineno))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr" and node.args:
            if is_figures(node.args[0]) and isinstance(node.args[1], ast.Constant):
                found.append((None, node.args[1].value, node.lineno))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Series" and node.args:
            if isinstance(node.args[0], ast.Constant):
                found.append((None, node.args[0].value, node.lineno))
    return found


READERS = [
    "fivemgmt/reports/evidence.py",
    "fivemgmt/reports/weekly.py",
    "fivemgmt/charts/data.py",
    "fivemgmt/charts/homework.py",
    "fivemgmt/charts/phone.py",
    "fivemgmt/charts/activity.py",
    "fivemgmt/charts/reading.py",
    "fivemgmt/summary.py",
    "ui/pages/reading.py",
]


@pytest.mark.parametrize("reader", READERS)
def test_every_figure_a_reader_reads_is_a_field_of_an_area(reader):
    """A figure renamed in an area (or misspelt in a reader) fails here, whichever reader no test runs."""
    every = (
        set().union(*(field_names(a) for a in FIGURES))
        | {f.name for f in dataclasses.fields(chart_activity.EyeShares)}
        | {
            f.name
            for key in FIGURES
            if (day := area_module(key).DAY_FIGURES)
            for f in dataclasses.fields(day)
        }
    )
    reads = figures_reads(ROOT / reader)
    assert reads, f"{reader} reads no figures: the reader list of this test is out of date"
    wrong = [
        (area, name, line)
        for area, name, line in reads
        if name not in (field_names(area) if area else every) and not name.startswith("_")
    ]
    assert not wrong, f"{reader}: figures that no area's week dataclass has: {wrong}"


def test_cli_json_keys_are_the_dataclass_fields(db_path, db, week_school, capsys):
    """``asdict`` keeps the JSON keys the field names (what scripts reading ``--json`` rely on)."""
    data = cli_summary(db_path, capsys)
    for row in data["classes"]:
        for area, values in row["areas"].items():
            if values["figures"]:
                assert set(values["figures"]) == field_names(area), area


def test_a_period_read_at_once_states_the_same_figures_as_its_weeks_one_by_one(db, week_school):
    """Issue 13: a term's figures are read once for the whole period and every class (``period_weeks``);
    each of its weeks is still exactly the week a user opens on its own, days and figures alike, and the
    form's evidence for the period adds up those weeks."""
    from fivemgmt import summary

    mondays = [MONDAY - dt.timedelta(days=7), MONDAY]
    four = week_school[4]
    phone.log_day(db, SYSTEM, four.id, mondays[0] + dt.timedelta(days=1), received_by="王")
    together = summary.period_weeks(db, mondays, TODAY)
    alone = [summary.week_summary(db, m, today=TODAY) for m in mondays]
    for one, other in zip(together, alone):
        assert [c.areas for c in one.classes] == [c.areas for c in other.classes]
    missing = sum(c.figures("phone").missing_log_days for w in alone for c in w.classes if c.figures("phone"))
    assert missing > 0
    evidence = Evidence(db, Period(mondays[0], MONDAY + dt.timedelta(days=6)), TODAY)
    assert f"保管登记缺失 {missing} 天" in evidence.phone_custody().evidence


def test_a_term_read_at_once_states_the_demo_schools_figures_of_each_week_asked_alone(demo_db, today):
    """Issue 13, on real data: the demo school's whole term up to today read at once (``period_weeks``, the
    path of the self-inspection PDF: one read per area for every class, slices per week) gives every class,
    area, day and figure exactly as each week asked by itself (the per-class week functions, no period)."""
    from fivemgmt import summary
    from fivemgmt.calendar import SchoolCalendar, monday_of

    term = SchoolCalendar(demo_db).current_or_last_term(today)
    mondays, monday = [], monday_of(term.start)
    while monday <= today:
        mondays.append(monday)
        monday += dt.timedelta(days=7)
    assert len(mondays) > 10  # a whole term, not one week
    together = summary.period_weeks(demo_db, mondays, today)
    alone = [summary.week_summary(demo_db, m, today=today) for m in mondays]
    assert sum(len(w.classes) for w in together) > 10 * len(mondays) // 2
    for one, other in zip(together, alone, strict=True):
        assert [c.school_class for c in one.classes] == [c.school_class for c in other.classes]
        assert [c.areas for c in one.classes] == [c.areas for c in other.classes]
    logged = {a.status for w in together for c in w.classes for a in c.areas.values()}
    assert len(logged) > 2  # the weeks judged, not all of them 未登记
