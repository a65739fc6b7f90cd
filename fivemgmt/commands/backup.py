"""fivemgmt backup / fivemgmt restore FILE — online backups and restoring one."""

from __future__ import annotations

import argparse
from pathlib import Path

from fivemgmt.commands._common import actor_from_args, add_parser
from fivemgmt.db import default_db_path, open_db
from fivemgmt.errors import UserError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers, common, "backup", "备份数据库 (在线备份, 自动清理旧备份) / back up the database"
    )
    parser.add_argument("--list", action="store_true", help="列出已有备份 / list backups")
    parser.set_defaults(handler=run_backup)
    restore = add_parser(
        subparsers,
        common,
        "restore",
        "从备份恢复 (先显示将被替换的内容) / restore a backup (shows what will be replaced)",
    )
    restore.add_argument("file", type=Path, help="备份文件 (.sqlite) / backup file")
    restore.add_argument("--yes", action="store_true", help="确认替换 / confirm the replacement")
    restore.set_defaults(handler=run_restore)


def _path(args: argparse.Namespace) -> Path:
    return Path(args.db or default_db_path())


def run_backup(args: argparse.Namespace) -> int:
    from fivemgmt import backup

    path = _path(args)
    if args.list:
        infos = backup.list_backups(path)
        if not infos:
            print("还没有备份。")
        for info in infos:
            print(f"{info.label}  {info.path}")
        return 0
    check = backup.check_database(path)
    if not check.ok:
        raise UserError(check.message)
    if not path.exists():
        raise UserError(f"找不到数据库文件：{path}")
    db = open_db(path)
    try:
        actor = actor_from_args(db, args)
        from fivemgmt.accounts import ADMIN, PRINCIPAL

        actor.require_role(ADMIN, PRINCIPAL)
        info = backup.make_backup(db, kind="manual")
    finally:
        db.close()
    print(f"已备份：{info.path}（{info.label}）")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from fivemgmt import backup, users
    from fivemgmt.accounts import LOCAL_ADMIN

    path = _path(args)
    actor = LOCAL_ADMIN
    if backup.check_database(path).ok and path.exists():
        db = open_db(path)
        try:
            actor = users.actor_for_cli(db, args.user)
        finally:
            db.close()
    preview = backup.restore_preview(path, args.file)
    for line in preview.lines():
        print(line)
    if preview.problem or preview.blocked:
        raise UserError(preview.problem or preview.blocked)
    if not args.yes:
        print("未恢复：确认无误后请加 --yes 再运行一次。")
        return 1
    backup.restore(path, args.file, actor)
    print("已从备份恢复。恢复前的数据库已另行备份。")
    return 0
