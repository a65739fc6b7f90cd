"""Command line: ``fivemgmt SUBCOMMAND``.

Subcommands live in ``fivemgmt/commands/*.py``; each module has ``register(subparsers, common)``
and is discovered automatically, so an area adds a command without touching this file.
Errors reach the user as one Chinese line on stderr and a non-zero exit code, never a traceback;
an internal error's traceback goes to the log file (:mod:`fivemgmt.logs`), which the line names.
``--today`` pins :mod:`fivemgmt.clock` for the whole command.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import pkgutil
import re
import sqlite3
import sys
from pathlib import Path
from typing import NoReturn

from fivemgmt import __version__, clock, logs
from fivemgmt.errors import UserError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 3


def parse_date(text: str) -> dt.date:
    from fivemgmt.calendar import require_plausible

    try:
        return require_plausible(dt.date.fromisoformat(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD: {text} / expected YYYY-MM-DD") from None
    except UserError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# argparse's own messages, in the Chinese the rest of the command line speaks.
_ARGPARSE_MESSAGES = [
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), r"参数 \1 应为整数，而不是“\2”"),
    (
        re.compile(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.*)\)"),
        r"参数 \1 不能是“\2”，可选：\3",
    ),
    (re.compile(r"argument (\S+): expected one argument"), r"参数 \1 后面需要一个值"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"\1 不能与 \2 同时使用"),
    (re.compile(r"argument (\S+): (.*)"), r"参数 \1：\2"),
    (re.compile(r"the following arguments are required: (.*)"), r"缺少必需的参数：\1"),
    (re.compile(r"one of the arguments (.*) is required"), r"缺少必需的参数：\1 之一"),
    (re.compile(r"unrecognized arguments: (.*)"), r"无法识别的参数：\1"),
]


class ArgumentParser(argparse.ArgumentParser):
    """argparse with one plain Chinese line (and how to get help) for a bad argument, exit code 2."""

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ARGPARSE_MESSAGES:
            if pattern.fullmatch(message):
                message = pattern.sub(chinese, message)
                break
        self.exit(EXIT_USER_ERROR, f"错误: {message.rstrip('。')}。用法见 {self.prog} --help\n")


def common_parser(*, suppress: bool = False) -> argparse.ArgumentParser:
    """Options every subcommand takes.

    Subcommands get ``suppress=True``: their copies have no default, so an option given before the
    subcommand (``fivemgmt --db X summary``) is not overwritten by the subcommand's default.
    """
    default = argparse.SUPPRESS if suppress else None
    common = ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=default,
        help="学校数据库文件 (默认在用户数据目录) / school database file (default: user data directory)",
    )
    common.add_argument(
        "--today",
        type=parse_date,
        default=default,
        help="把“今天”固定为此日期 (用于测试) / pin 'today' to this date (for tests)",
    )
    common.add_argument(
        "--user",
        default=default,
        help="以此账户操作, 密码在提示时输入或由环境变量 FIVEMGMT_PASSWORD 提供 (默认: 本机免密码账户) "
        "/ act as this account; its password is prompted for or read from FIVEMGMT_PASSWORD "
        "(default: the single-user account)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_parser()
    parser = ArgumentParser(
        prog="fivemgmt",
        description="五项管理台账 — 作业、睡眠、手机、读物、体质 / five-management registers for schools",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"fivemgmt {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="命令/COMMAND")
    from fivemgmt import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue  # shared helpers, not commands
        module = importlib.import_module(f"fivemgmt.commands.{info.name}")
        module.register(subparsers, common_parser(suppress=True))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["gui", *(argv if argv is not None else sys.argv[1:])])
    logs.setup()
    pinned = clock.pinned()
    if getattr(args, "today", None):
        clock.pin(args.today)
    try:
        with contextlib.ExitStack() as cleanup:  # the schools a command opened are closed, locks released
            args.cleanup = cleanup
            return int(args.handler(args) or 0)
    except UserError as error:
        print(f"错误: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except sqlite3.DatabaseError as error:
        from fivemgmt.db import explain_sqlite_error

        print(f"错误: {explain_sqlite_error(error)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception as error:  # the last line of defence: never show a traceback to a teacher
        logs.log_exception(error, f"命令 {args.command}")
        print(
            f"内部错误 ({type(error).__name__}): {error}。{logs.logged_note()}请把此信息告诉管理员。",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR
    finally:
        clock.pin(pinned)  # an in-process caller (the tests) gets its clock back


if __name__ == "__main__":
    sys.exit(main())
