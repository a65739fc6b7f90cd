"""fivemgmt package export|import — offline exchange packages (.fivemgmt) between installations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fivemgmt.commands._common import actor_from_args, add_parser, db_from_args
from fivemgmt.errors import UserError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "package",
        "数据包：导出/导入 (离线交换) / exchange packages between installations",
    )
    actions = parser.add_subparsers(dest="action", metavar="export|import|key", required=True)
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
    audience = export.add_mutually_exclusive_group()
    audience.add_argument(
        "--for-user",
        metavar="NAME",
        default=None,
        help="只给这位教师账户: 设置包只含其班级的学生, 记录包只含其可修改的记录 (更正发回教师) / "
        "only for this teacher's account: their classes' students, or the records they may write",
    )
    audience.add_argument(
        "--class",
        dest="class_name",
        metavar="CLASS",
        default=None,
        help="只给这个班级, 如 四年级(2)班 / only for this class, e.g. 四年级(2)班",
    )
    export.set_defaults(handler=run_export)
    imp = add_parser(
        actions, common, "import", "导入数据包 (先预览, 全部成功或全不导入) / import packages, all or nothing"
    )
    imp.add_argument("files", type=Path, nargs="+", help="数据包文件 / package files")
    imp.add_argument("--dry-run", action="store_true", help="只预览, 不写入 / preview only, write nothing")
    imp.add_argument(
        "--conflicts",
        choices=["ask", "keep", "take"],
        default="ask",
        help="两边都改过的记录: ask=逐条询问 (非交互时只列出, 不导入), keep=全部保留本机, take=全部采用数据包 "
        "(默认 ask) / records changed on both sides: ask each (when not interactive: list them and import "
        "nothing), keep this installation's, or take the package's",
    )
    imp.add_argument(
        "--school-key",
        metavar="KEY",
        default=None,
        help="新电脑加入学校时, 校长提供的学校密钥 (恢复密钥) / the school key (recovery key) the principal "
        "gives a new installation joining the school",
    )
    imp.set_defaults(handler=run_import)
    key = add_parser(
        actions,
        common,
        "key",
        "本机签名密钥的指纹和已登记的电脑 (用于电话核对) / this PC's signing key fingerprint and the "
        "registered senders (to compare by phone)",
    )
    key.set_defaults(handler=run_key)


def run_export(args: argparse.Namespace) -> int:
    from fivemgmt.exchange import package

    db = db_from_args(args, write=True)
    actor = actor_from_args(db, args)
    audience = None
    if args.for_user:
        from fivemgmt import users

        audience = users.actor_for(db, args.for_user)
    elif args.class_name:
        audience = package.audience_for_class(db, args.class_name)
    result = package.export_package(
        db, actor, args.output, kind=args.kind, since=args.since, audience=audience
    )
    print(result.summary())
    return 0


def run_import(args: argparse.Namespace) -> int:
    from fivemgmt.exchange import merge

    db = db_from_args(args, write=True)
    actor = actor_from_args(db, args)
    preview = merge.preview_import(db, actor, args.files, school_key=args.school_key)
    for pkg in preview.packages:
        print(f"数据包：{pkg.label}")
    print("预览：" + preview.summary())
    for line in preview.details():
        print(line)
    if preview.conflicts:
        print(f"两边都修改过的记录（{len(preview.conflicts)} 处）：")
        for conflict in preview.conflicts:
            print(f"  {conflict}")
    if args.dry_run:
        print("未写入（--dry-run）。")
        return 0
    if not preview.changes_anything:
        print("没有需要导入的新内容，数据库未改变。")
        return 0
    if preview.conflicts:
        if args.conflicts != "ask":
            preview.choose_all(args.conflicts)
        elif sys.stdin.isatty():
            _ask(preview)
        else:
            print(
                "有冲突需要选择，未导入任何数据。请加 --conflicts keep（全部保留本机）或 --conflicts take"
                "（全部采用数据包）再运行，或在终端中运行以逐条选择。"
            )
            return 1
        print(
            f"冲突处理：保留本机 {_count(preview, merge.KEEP)} 处，采用数据包 {_count(preview, merge.TAKE)} 处。"
        )
    changes = merge.commit_import(db, actor, preview)
    print(f"已导入：写入 {len(changes.ids)} 条记录（导入前已自动备份）。")
    return 0


def run_key(args: argparse.Namespace) -> int:
    from fivemgmt.exchange import trust

    db = db_from_args(args, write=True)  # the key file is made on first use
    actor_from_args(db, args)
    print(f"本机签名密钥指纹：{trust.own_fingerprint(db)}")
    senders = trust.list_senders(db)
    if not senders:
        print("本机还没有登记其他电脑的签名密钥。")
    for row in senders:
        who = "学校（校长/教导处）" if row["kind"] == trust.SCHOOL else f"账户“{row['username']}”"
        print(
            f"  {row['name'] or '?'}的电脑 · 登记为{who} · 指纹 {row['fingerprint']} · 登记于 {row['registered_at'][:10]}"
        )
    return 0


def _count(preview, choice: str) -> int:
    return sum(1 for c in preview.conflicts if c.choice == choice)


def _ask(preview) -> None:
    """Ask for each conflict in the terminal: k = keep this installation's, t = take the package's."""
    from fivemgmt.exchange import merge

    answers = {"k": merge.KEEP, "keep": merge.KEEP, "本机": merge.KEEP, "t": merge.TAKE}
    answers.update({"take": merge.TAKE, "数据包": merge.TAKE})
    for conflict in preview.conflicts:
        while conflict.choice is None:
            try:
                reply = input(f"{conflict}\n  保留本机 [k] / 采用数据包 [t]？ ").strip().lower()
            except EOFError:
                raise UserError("已取消，未导入任何数据。") from None
            conflict.choice = answers.get(reply)
