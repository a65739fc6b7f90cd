"""fivemgmt import KIND FILE — import a roster or a register from xlsx/csv, all or nothing."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from fivemgmt.commands._common import actor_from_args, add_parser, db_from_args
from fivemgmt.errors import UserError

# kind → (module, preview function, commit function, Chinese name)
IMPORT_KINDS = {
    "roster": ("fivemgmt.school", "preview_roster", "commit_roster", "学生名册"),
    "homework": ("fivemgmt.areas.homework", "preview_import", "commit_import", "作业"),
    "sleep": ("fivemgmt.areas.sleep", "preview_import", "commit_import", "睡眠"),
    "phone": ("fivemgmt.areas.phone", "preview_import", "commit_import", "手机"),
    "phone-log": ("fivemgmt.areas.phone", "preview_custody_import", "commit_custody_import", "手机保管登记"),
    "reading": ("fivemgmt.areas.reading", "preview_import", "commit_import", "读物"),
    "activity": ("fivemgmt.areas.activity", "preview_import", "commit_import", "体育活动"),
    "afterschool": ("fivemgmt.areas.afterschool", "preview_import", "commit_import", "课后服务"),
    "fitness": ("fivemgmt.fitness.store", "preview_import", "commit_import", "体质测试"),
}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "import",
        "从 xlsx/csv 导入 (先检查, 有错误则不导入任何数据) / import xlsx/csv, all or nothing",
    )
    parser.add_argument(
        "kind",
        choices=list(IMPORT_KINDS),
        help="导入什么 / what to import: " + ", ".join(f"{k} ({v[3]})" for k, v in IMPORT_KINDS.items()),
    )
    parser.add_argument("file", type=Path, help="xlsx、xls 或 csv 文件 / the file")
    parser.add_argument("--dry-run", action="store_true", help="只检查, 不写入 / check only, write nothing")
    parser.set_defaults(handler=run)


def importer(kind: str):
    module_name, preview_name, commit_name, title = IMPORT_KINDS[kind]
    try:
        module = importlib.import_module(module_name)
        return getattr(module, preview_name), getattr(module, commit_name), title
    except (ImportError, AttributeError):
        raise UserError(f"本版本尚不支持导入{title}。") from None


def run(args: argparse.Namespace) -> int:
    preview, commit, title = importer(args.kind)
    db = db_from_args(args, write=True)
    actor = actor_from_args(db, args)
    result = preview(db, args.file)
    counts = "，".join(
        f"{ {'new': '新增', 'changed': '修改', 'unchanged': '不变'}.get(k, k) } {v}"
        for k, v in result.counts.items()
    )
    if not result.ok:
        result.require_ok()
    for warning in result.warnings:
        print(f"提示：{warning}")
    if args.dry_run:
        print(f"检查通过：{len(result.rows)} 行{title}（{counts}）。未写入（--dry-run）。")
        return 0
    changes = commit(db, actor, result)
    print(f"已导入{title} {len(result.rows)} 行（{counts}），写入 {len(changes.ids)} 条记录。")
    return 0
