"""fivemgmt backup / fivemgmt restore FILE — online backups and restoring one."""

from __future__ import annotations

import argparse
from pathlib import Path

from fivemgmt.commands._common import add_parser, db_path_from_args, open_from_args
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


def run_backup(args: argparse.Namespace) -> int:
    from fivemgmt import backup
    from fivemgmt.accounts import ADMIN, PRINCIPAL

    school = open_from_args(args, write=not args.list)
    if args.list:
        infos = backup.list_backups(school.path)
        if not infos:
            print("还没有备份。")
        for info in infos:
            print(f"{info.label}  {info.path}")
        return 0
    school.actor.require_role(ADMIN, PRINCIPAL)
    info = backup.make_backup(school.db, kind="manual")
    print(f"已备份：{info.path}（{info.label}）")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from fivemgmt import backup
    from fivemgmt.accounts import LOCAL_ADMIN

    path = db_path_from_args(args)
    if path.is_file() and backup.check_database(path).ok:
        school = open_from_args(args, write=True)  # who restores must prove it; holds the app lock
        actor, lock = school.actor, school.lock
        school.db.close()  # restore needs every connection closed; the lock stays ours
    else:
        # a damaged or lost file has no accounts to ask: whoever holds the file may restore it (as in the GUI)
        actor, lock = LOCAL_ADMIN, backup.AppLock(path)
        lock.acquire()
        args.cleanup.callback(lock.release)
    preview = backup.restore_preview(path, args.file, own_lock=lock)
    for line in preview.lines():
        print(line)
    if preview.problem or preview.blocked:
        raise UserError(preview.problem or preview.blocked)
    if not args.yes:
        print("未恢复：确认无误后请加 --yes 再运行一次。")
        return 1
    backup.restore(path, args.file, actor, own_lock=lock)
    print("已从备份恢复。恢复前的数据库已另行备份。")
    return 0
