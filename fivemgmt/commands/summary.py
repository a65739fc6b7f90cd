"""fivemgmt summary — a week's figures and statuses per class, as text or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from fivemgmt import school, summary
from fivemgmt.areas import AREA_KEYS
from fivemgmt.calendar import SchoolCalendar, parse_week
from fivemgmt.commands import report
from fivemgmt.commands._common import add_parser, db_from_args, today_from_args


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(subparsers, common, "summary", "一周各班汇总 / a week's summary per class")
    period = parser.add_mutually_exclusive_group(required=True)
    period.add_argument("--week", help="ISO 周, 例如 2026-W47 / ISO week, e.g. 2026-W47")
    report.add_period_presets(period)
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument("--area", choices=AREA_KEYS, action="append", help="只看某些方面 / only these areas")
    parser.add_argument("--grade", type=int, help="只看某年级 (1–12) / only this grade")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.term or args.school_year is not None:
        return run_period(args)
    monday = parse_week(args.week)
    db = db_from_args(args)
    summary.require_figures(db, monday, monday + dt.timedelta(days=6), args.grade)
    week = summary.week_summary(db, monday, today=today_from_args(args), areas=args.area, grade=args.grade)
    if args.json:
        print(json.dumps(week.to_json(), ensure_ascii=False, indent=2))
    else:
        print(summary.format_text(week))
    return 0


def run_period(args: argparse.Namespace) -> int:
    """本学期 / 本学年: every week of the period, each class's statuses counted."""
    db = db_from_args(args)
    today = today_from_args(args)
    period = report.preset_period(db, args, today)
    assert period is not None
    if args.term:
        term = SchoolCalendar(db).term_for(period.start)
        label = term.label if term else "本学期"
    else:
        label = f"{school.school_year_of(db, period.start)}学年"
    summary.require_figures(db, period.start, period.end, args.grade)
    result = summary.period_summary(
        db, label, period.start, period.end, today=today, areas=args.area, grade=args.grade
    )
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(summary.format_period_text(result))
    return 0
