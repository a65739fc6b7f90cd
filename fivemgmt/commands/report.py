"""fivemgmt report — printable forms and reports as PDF."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from fivemgmt.cli import parse_date
from fivemgmt.commands._common import add_parser, db_from_args, today_from_args
from fivemgmt.reports.documents import DOCUMENTS, generate
from fivemgmt.reports.period import Period

KIND_HELP = "；".join(f"{d.key} = {d.title}" for d in DOCUMENTS.values())


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "report",
        "生成可打印的自查表和报告 (PDF) / generate printable forms and reports (PDF)",
        epilog="报表 / documents: " + KIND_HELP + "。时段默认本周 / the period defaults to the current week; "
        "board 只给一天时为日公示表 / board for a single day is the daily sheet.",
    )
    parser.add_argument(
        "kind",
        choices=list(DOCUMENTS),
        metavar="{" + ",".join(DOCUMENTS) + "}",
        help="报表种类 / which document",
    )
    parser.add_argument("--week", help="ISO 周, 例如 2026-W47 / ISO week, e.g. 2026-W47")
    parser.add_argument("--from", dest="start", type=parse_date, help="开始日期 YYYY-MM-DD / first day")
    parser.add_argument(
        "--to", dest="end", type=parse_date, help="结束日期 YYYY-MM-DD (默认今天) / last day (default: today)"
    )
    parser.add_argument(
        "--date", type=parse_date, help="某一天 (作业公示表日表) / a single day (the daily homework board)"
    )
    add_period_presets(parser)
    parser.add_argument("--class", dest="class_name", help="班级, 例如 四年级(2)班 / class, e.g. 四年级(2)班")
    parser.add_argument(
        "--grade", type=int, help="整个年级一页 (作业公示表) / a whole grade on one page (board)"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="输出 PDF 文件 / output PDF file")
    parser.set_defaults(handler=run)


def add_period_presets(parser: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup) -> None:
    """--term / --school-year [YEAR]: 本学期 / 本学年, as the app's period presets."""
    parser.add_argument("--term", action="store_true", help="本学期 (到今天为止) / this term (up to today)")
    parser.add_argument(
        "--school-year",
        nargs="?",
        const="",
        default=None,
        metavar="学年",
        help="本学年, 或指定学年如 2026-2027 (到今天为止) / this school year, or the one given (up to today)",
    )


def preset_period(db: Database, args: argparse.Namespace, today: dt.date) -> Period | None:
    """The period of --term / --school-year, None when neither is given; refuses them with other dates."""
    from fivemgmt.errors import UserError

    if not args.term and args.school_year is None:
        return None
    others = [o for o, v in (("--week", args.week), ("--from", getattr(args, "start", None))) if v]
    others += [
        o for o, v in (("--to", getattr(args, "end", None)), ("--date", getattr(args, "date", None))) if v
    ]
    if args.term and args.school_year is not None:
        others.append("--school-year")
    if others:
        first = "--term" if args.term else "--school-year"
        raise UserError(f"{first} 不能与 {'、'.join(others)} 同时使用。")
    if args.term:
        return Period.term(db, today)
    return Period.school_year(db, args.school_year or None, today)


def run(args: argparse.Namespace) -> int:
    today = today_from_args(args)
    if args.term or args.school_year is not None:
        period = preset_period(db_from_args(args), args, today)
    elif args.date:
        if args.week or args.start or args.end:
            from fivemgmt.errors import UserError

            raise UserError("--date 不能与 --week、--from、--to 同时使用。")
        period = Period(args.date, args.date)
    elif args.kind == "board" and not (args.week or args.start or args.end):
        period = Period(today, today)
    else:
        period = Period.parse(args.week, args.start, args.end, today=today)
    db = db_from_args(args)
    output = args.output if args.output.suffix.lower() == ".pdf" else args.output.with_suffix(".pdf")
    generate(db, args.kind, period, output, class_name=args.class_name, grade=args.grade, today=today)
    print(f"已生成 {DOCUMENTS[args.kind].title}（{period.label}）：{output}")
    return 0
