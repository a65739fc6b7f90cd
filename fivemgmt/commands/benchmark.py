"""fivemgmt benchmark — time the everyday operations on a large school against budgets."""

from __future__ import annotations

import argparse

from fivemgmt import benchmark
from fivemgmt.commands._common import add_parser, today_from_args


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "benchmark",
        "性能基准: 大型学校五年数据, 对照时间预算 / time everyday operations on a large school",
    )
    parser.add_argument("--classes", type=int, default=60, help="班级数 (默认 60) / classes")
    parser.add_argument("--students", type=int, default=45, help="每班学生数 (默认 45) / students per class")
    parser.add_argument("--years", type=int, default=5, help="历史学年数 (默认 5) / school years of history")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    ok = benchmark.run(
        classes=args.classes, students=args.students, years=args.years, today=today_from_args(args)
    )
    return 0 if ok else 1
