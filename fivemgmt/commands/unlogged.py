"""fivemgmt unlogged — which classes have not logged homework on a school day."""

from __future__ import annotations

import argparse
import json

from fivemgmt import school
from fivemgmt.areas import homework
from fivemgmt.cli import parse_date
from fivemgmt.commands._common import add_parser, db_from_args, today_from_args


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "unlogged",
        "某天未登记作业的班级 / classes that have not logged homework on a day",
    )
    parser.add_argument("--date", type=parse_date, help="日期 (默认今天) / the day (default: today)")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db = db_from_args(args)
    day = args.date or today_from_args(args)
    classes = homework.unlogged_classes(db, day)
    if args.json:
        print(
            json.dumps(
                {
                    "date": day.isoformat(),
                    "classes": [
                        {"class": c.name, "head_teacher": school.head_teacher_name(db, c)} for c in classes
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif classes:
        print(f"{day.isoformat()} 未登记作业的班级（{len(classes)} 个）：")
        for c in classes:
            print(f"  {c.name}  班主任 {school.head_teacher_name(db, c) or '未设置'}")
    else:
        print(f"{day.isoformat()} 各班均已登记作业（或当天不是上课日）。")
    return 0
