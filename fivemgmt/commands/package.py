"""fivemgmt package export|import — offline exchange packages (.fivemgmt) between installations."""

from __future__ import annotations

import argparse
from pathlib import Path

from fivemgmt.commands._common import actor_from_args, add_parser, db_from_args


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "package",
        "数据包：导出/导入 (离线交换) / exchange packages between installations",
    )
    actions = parser.add_subparsers(dest="action", metavar="export|import", required=True)
    export = add_parser(
        actions,
        common,
        "export",
        "导出自上次导出以来的修改 (教师: 本班记录; 校长: 学校设置) / export changes since the last export",
    )
    export.add_argument(
        "-o", "--output", type=Path, required=True, help="数据包文件 / package file (.fivemgmt)"
    )
    export.add_argument(
        "--since",
        default=None,
        help="从此日期起的修改, 或 all 导出全部 / changes since DATE (YYYY-MM-DD), or 'all'",
    )
    export.add_argument(
        "--kind",
        choices=["setup", "records"],
        default=None,
        help="setup=学校设置 records=台账记录 (默认: 教师 records, 校长/管理员 setup) / package kind",
    )
    export.set_defaults(handler=run_export)
    imp = add_parser(
        actions, common, "import", "导入数据包 (先预览, 全部成功或全不导入) / import packages, all or nothing"
    )
    imp.add_argument("files", type=Path, nargs="+", help="数据包文件 / package files")
    imp.add_argument("--dry-run", action="store_true", help="只预览, 不写入 / preview only, write nothing")
    imp.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from fivemgmt.exchange import package

    db = db_from_args(args, write=True)
    actor = actor_from_args(db, args)
    result = package.export_package(db, actor, args.output, kind=args.kind, since=args.since)
    print(result.summary())
    return 0


def run_import(args: argparse.Namespace) -> int:
    from fivemgmt.exchange import package

    db = db_from_args(args, write=True)
    actor = actor_from_args(db, args)
    preview = package.preview_import(db, actor, args.files)
    for pkg in preview.packages:
        print(f"数据包：{pkg.label}")
    print("预览：" + preview.summary())
    for conflict in preview.conflicts[:50]:
        print(f"  冲突 {conflict}")
    if len(preview.conflicts) > 50:
        print(f"  ……另有 {len(preview.conflicts) - 50} 处冲突")
    if args.dry_run:
        print("未写入（--dry-run）。")
        return 0
    if not preview.changes_anything:
        print("没有需要导入的新内容，数据库未改变。")
        return 0
    changes = package.commit_import(db, actor, preview)
    print(f"已导入：写入 {len(changes.ids)} 条记录（导入前已自动备份）。")
    return 0
