"""fivemgmt import KIND FILE — import a roster or a register from xlsx/csv, all or nothing."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
from pathlib import Path

from fivemgmt import tabular
from fivemgmt.calendar import parse_week
from fivemgmt.commands._common import actor_from_args, add_parser, db_from_args
from fivemgmt.errors import UserError

# kind → (module, preview function, commit function, Chinese name)
IMPORT_KINDS = {
    "roster": ("fivemgmt.roster", "preview_roster", "commit_roster", "学生名册"),
    "homework": ("fivemgmt.areas.homework", "preview_import", "commit_import", "作业"),
    "sleep": ("fivemgmt.areas.sleep", "preview_import", "commit_import", "睡眠"),
    "phone": ("fivemgmt.areas.phone", "preview_import", "commit_import", "手机"),
    "phone-log": ("fivemgmt.areas.phone", "preview_custody_import", "commit_custody_import", "手机保管登记"),
    "reading": ("fivemgmt.areas.reading", "preview_import", "commit_import", "读物"),
    "activity": ("fivemgmt.areas.activity", "preview_import", "commit_import", "体育活动"),
    "afterschool": ("fivemgmt.areas.afterschool", "preview_import", "commit_import", "课后服务"),
    "fitness": ("fivemgmt.fitness.upload", "preview_import", "commit_import", "体质测试"),
    "vision": ("fivemgmt.fitness.vision", "preview_import", "commit_import", "视力筛查结果"),
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
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="只检查, 逐行列出新增/修改/不变的行, 不写入 / check only: what each row would do, nothing written",
    )
    parser.add_argument(
        "--class",
        dest="class_name",
        metavar="班级",
        help="文件没有班级列时, 全部行属于这个班级, 例如 四年级(2)班 / "
        "the class of every row when the file has no class column (a one-class sheet)",
    )
    parser.add_argument(
        "--week",
        metavar="周",
        help="作业公示周表的标题和表头都没有日期时, 这是哪一周: 2026-W48 或该周某天 2026-11-23 / "
        "the week of a homework week sheet whose title and header give no date (2026-W48 or a day of it)",
    )
    parser.add_argument(
        "--reason",
        metavar="说明",
        help="作业调整说明: 文件中有已经过去的日子的作业 (新增或修改) 时必填, 记入修改记录 / "
        "the homework adjustment note, required when the file adds or changes homework of past days",
    )
    parser.set_defaults(handler=run)


def importer(kind: str):
    module_name, preview_name, commit_name, title = IMPORT_KINDS[kind]
    try:
        module = importlib.import_module(module_name)
        return getattr(module, preview_name), getattr(module, commit_name), title
    except (ImportError, AttributeError):
        raise UserError(f"本版本尚不支持导入{title}。") from None


# what the user confirms for a column the file leaves out → the option that says it
CONFIRM_OPTIONS = {"class": "--class", "week": "--week"}


def _week(text: str) -> dt.date:
    """--week: 2026-W48, or any day of the week (2026-11-23)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return parse_week(text)


def run(args: argparse.Namespace) -> int:
    preview, commit, title = importer(args.kind)
    db = db_from_args(args, write=True)
    actor = actor_from_args(db, args)
    given = {"class": args.class_name, "week": _week(args.week) if args.week else None}
    defaults = {k: v for k, v in given.items() if v} or None
    if defaults and "defaults" not in inspect.signature(preview).parameters:
        raise UserError(f"导入{title}不支持 --class 和 --week。")
    result = preview(db, args.file, defaults=defaults) if defaults else preview(db, args.file)
    counts = "，".join(
        f"{ {'new': '新增', 'changed': '修改', 'unchanged': '不变'}.get(k, k) } {v}"
        for k, v in result.counts.items()
    )
    if not result.ok:
        hints = [
            f"{CONFIRM_OPTIONS[k]} {v}"
            for k, v in getattr(result, "suggestions", {}).items()
            if k in CONFIRM_OPTIONS
        ]
        if hints:
            result.errors.append(
                tabular.RowError(
                    0, "", f"确认无误请加上 {' '.join(hints)} 再运行 / confirm with {' '.join(hints)}"
                )
            )
        result.require_ok()
    takes_reason = "reason" in inspect.signature(commit).parameters
    if args.reason and not takes_reason:
        raise UserError(f"导入{title}不需要 --reason。")
    for warning in result.warnings:
        print(f"提示：{warning}")
    needs_reason = getattr(result, "needs_reason", [])
    if args.dry_run:
        print(result.outcome_report())
        print(f"检查通过：{len(result.rows)} 行{title}（{counts}）。未写入（--dry-run）。")
        if needs_reason and not args.reason:
            print("导入时请加上 --reason 作业调整说明 / add --reason NOTE to import rows of past days")
        return 0
    if needs_reason and not (args.reason and args.reason.strip()):
        raise UserError(
            f"文件中有 {len(needs_reason)} 行是已经过去的日子，导入需要作业调整说明，"
            "请加上 --reason 说明（例如 --reason 补登上周作业），未导入任何数据。"
        )
    changes = commit(db, actor, result, reason=args.reason) if takes_reason else commit(db, actor, result)
    print(f"已导入{title} {len(result.rows)} 行（{counts}），写入 {len(changes.ids)} 条记录。")
    return 0
