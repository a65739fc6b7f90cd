"""fivemgmt gui — open the desktop application."""

from __future__ import annotations

import argparse

from fivemgmt.commands._common import add_parser


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers, common, "gui", "打开图形界面 (默认命令) / open the desktop application (default)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from fivemgmt.errors import UserError

    try:
        from ui.app import run_app
    except ImportError as error:
        raise UserError(f"无法启动图形界面：缺少 Qt 组件（{error}）。请重新安装本软件。") from error
    return run_app(db_path=args.db, today=args.today, user=args.user)
