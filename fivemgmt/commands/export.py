"""fivemgmt xlsx export|import — every register to one xlsx workbook and back without loss."""

from __future__ import annotations

import argparse
from pathlib import Path

from fivemgmt.commands._common import actor_from_args, add_parser, db_from_args


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers, common, "xlsx", "台账导出为 xlsx / 导回 (无损往返) / registers to xlsx and back"
    )
    actions = parser.add_subparsers(dest="action", metavar="export|import", required=True)
    export = add_parser(actions, common, "export", "导出全部台账 (中文表头) / export every register")
    export.add_argument("-o", "--output", type=Path, required=True, help="xlsx 文件 / xlsx file")
    export.add_argument("--table", action="append", default=None, help="只导出这些表 / only these tables")
    export.add_argument(
        "--no-deleted", action="store_true", help="不含已删除记录 / leave out deleted records"
    )
    export.set_defaults(handler=run_export)
    imp = add_parser(
        actions, common, "import", "导回 xlsx (先检查, 有错误则不导入) / import back, all or nothing"
    )
    imp.add_argument("file", type=Path, help="xlsx 文件 / xlsx file")
    imp.add_argument("--dry-run", action="store_true", help="只检查, 不写入 / check only")
    imp.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from fivemgmt.exchange import xlsx

    db = db_from_args(args)
    actor = actor_from_args(db, args)
    result = xlsx.export_registers(
        db, actor, args.output, tables=args.table, include_deleted=not args.no_deleted
    )
    print(result.summary())
    return 0


def run_import(args: argparse.Namespace) -> int:
    from fivemgmt.exchange import xlsx

    db = db_from_args(args, write=True)
    actor = actor_from_args(db, args)
    preview = xlsx.preview_registers(db, actor, args.file)
    preview.require_ok()
    counts = preview.counts
    text = f"新增 {counts.get('new', 0)}，修改 {counts.get('changed', 0)}，不变 {counts.get('unchanged', 0)}"
    if args.dry_run:
        print(f"检查通过：{len(preview.rows)} 行（{text}）。未写入（--dry-run）。")
        return 0
    changes = xlsx.commit_registers(db, actor, preview)
    print(f"已导入“{args.file.name}”：{len(preview.rows)} 行（{text}），写入 {len(changes.ids)} 条记录。")
    return 0
