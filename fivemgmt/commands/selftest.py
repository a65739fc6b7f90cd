"""fivemgmt self-test — check the font, database, a chart and a PDF with Chinese text, and the log file."""

from __future__ import annotations

import argparse

from fivemgmt import selftest
from fivemgmt.commands._common import add_parser


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "self-test",
        "自检: 字体、数据库、图表、PDF、日志文件 / check font, database, chart, PDF and the log file",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return 0 if selftest.run() else 1
