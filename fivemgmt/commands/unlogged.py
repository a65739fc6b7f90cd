"""fivemgmt unlogged — which classes have not logged homework on the school days of a day, week or range."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from fivemgmt import school
from fivemgmt.areas import homework
from fivemgmt.calendar import parse_week
from fivemgmt.cli import parse_date
from fivemgmt.commands._common import add_parser, db_from_args, today_from_args
from fivemgmt.errors import UserError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "unlogged",
        "未登记作业的班级及其缺登日期 / classes that have not logged homework, with the days they missed",
    )
    period = parser.add_mutually_exclusive_group()
    period.add_argument("--date", type=parse_date, help="某一天 (默认今天) / one day (default: today)")
    period.add_argument("--week", help="ISO 周，例如 2026-W48 / an ISO week, e.g. 2026-W48")
    period.add_argument("--from", dest="start", type=parse_date, help="起始日期 / first day of a range")
    parser.add_argument(
        "--to", dest="end", type=parse_date, help="结束日期 (默认今天) / last day (default: today)"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.set_defaults(handler=run)


def period_of(args: argparse.Namespace, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days asked for, never past today (a future day cannot have been missed yet)."""
    if args.end is not None and args.start is None:
        raise UserError("--to 需要和 --from 一起使用。")
    if args.week:
        start = parse_week(args.week)
        end = start + dt.timedelta(days=6)
    elif args.start is not None:
        start, end = args.start, args.end or today
    else:
        start = end = args.date or today
    if start > today:
        raise UserError(f"{start} 还没有到，不能说哪些班级未登记。")
    if start > end:
        raise UserError(f"起始日期 {start} 晚于结束日期 {end}。")
    return start, min(end, today)


def run(args: argparse.Namespace) -> int:
    db = db_from_args(args)
    today = today_from_args(args)
    start, end = period_of(args, today)
    if not school.list_classes(db):
        raise UserError("学校还没有班级，无从说哪些班级未登记：请先在“设置”中添加班级（或导入名册）。")
    missing = homework.unlogged_days(db, start, end)
    span = start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"
    if args.json:
        print(
            json.dumps(
                {
                    "from": start.isoformat(),
                    "to": end.isoformat(),
                    "classes": [
                        {
                            "class": m.school_class.name,
                            "head_teacher": m.head_teacher,
                            "days": [d.isoformat() for d in m.days],
                        }
                        for m in missing
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif missing:
        print(f"{span} 未登记作业的班级（{len(missing)} 个）：")
        for m in missing:
            days = "、".join(f"{d.month}-{d.day:02d}" + ("（今天）" if d == today else "") for d in m.days)
            print(
                f"  {m.school_class.name}  班主任 {m.head_teacher or '未设置'}  缺 {len(m.days)} 天：{days}"
            )
    else:
        print(f"{span} 各班均已登记作业（或其间没有上课日）。")
    return 0
