"""fivemgmt new-school — create an empty school database (the only command besides demo that makes a file)."""

from __future__ import annotations

import argparse

from fivemgmt.commands._common import add_parser, db_path_from_args


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "new-school",
        "新建一所学校的空数据库 (文件不能已存在) / create an empty school database (the file must not exist)",
        epilog="之后用 fivemgmt user add NAME --role admin 建立管理员, 或在图形界面中设置 "
        "/ then add the administrator with fivemgmt user add NAME --role admin, or set it up in the app.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from fivemgmt import session

    path = db_path_from_args(args)
    session.create_school(path).close()
    print(f"已新建学校数据库：{path}")
    print(
        f"下一步：fivemgmt user add 用户名 --role admin --db {path} 建立管理员，或用 fivemgmt gui --db {path} 打开设置。"
    )
    return 0
