"""fivemgmt benchmark — the app's slow paths on a realistic school, each against a same-run baseline."""

from __future__ import annotations

import argparse
from pathlib import Path

from fivemgmt import benchmark
from fivemgmt.commands._common import add_parser, today_from_args


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "benchmark",
        "性能基准: 每项与同一次运行中测得的基线对比 / time the app against baselines measured in the same run",
    )
    parser.add_argument(
        "--scale",
        choices=benchmark.SCALES,
        default="school-5y",
        help="数据规模: school 一学期 60 个班 2712 名学生; school-5y 五个学年; district 300 所学校的学期数据包 (默认 school-5y)"
        " / data size: school = one term of a 60-class school; school-5y = five school years;"
        " district = 300 schools' term packages",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="小数据 (约一分钟), 只证明命令可用 / small data (about a minute): proves the command works",
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="把结果另存为 JSON 文件 / also write the figures as JSON"
    )
    parser.add_argument(
        "--only",
        metavar="KEY[,KEY]",
        help="只测这些项 (逗号分隔): "
        + ",".join([*benchmark.figures(), *benchmark.figures("district")])
        + " / measure only these figures (comma separated)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="把生成的学校数据保存在此目录，下次同规模同日期时直接复用 (开发时反复测量用)"
        " / keep the generated schools in DIR and reuse them on the next run of the same size and date",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    report = benchmark.run(
        scale=args.scale,
        quick=args.quick,
        today=today_from_args(args),
        json_path=args.json,
        only=set(args.only.split(",")) if args.only else None,
        data_dir=args.data,
    )
    return 0 if report.ok else 1
