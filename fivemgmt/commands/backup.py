"""fivemgmt backup / fivemgmt restore FILE — online backups and restoring one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fivemgmt.commands._common import add_parser, db_path_from_args, open_from_args
from fivemgmt.errors import UserError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers, common, "backup", "备份数据库 (在线备份, 自动清理旧备份) / back up the database"
    )
    parser.add_argument("--list", action="store_true", help="列出已有备份 / list backups")
    parser.set_defaults(handler=run_backup)
    actions = parser.add_subparsers(dest="backup_action", metavar="key", required=False)
    key = add_parser(
        actions,
        common,
        "key",
        "学校密钥 (备份和数据包用它加密): 导出恢复密钥 / 在新电脑上导入 / the school key that seals backups "
        "and packages: export the recovery key, or import it on a new PC",
    )
    key_actions = key.add_subparsers(dest="key_action", metavar="export|import", required=True)
    export = add_parser(
        key_actions,
        common,
        "export",
        "显示或保存恢复密钥, 请打印后锁好 (管理员/校长) / show or save the recovery key; print it and lock it "
        "away (admin/principal)",
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="保存到文件 (仅本人可读) / save to a file (owner-only)",
    )
    export.set_defaults(handler=run_key_export)
    imp = add_parser(
        key_actions,
        common,
        "import",
        "在本机保存恢复密钥, 之后可恢复加密的备份 / keep a recovery key on this PC so sealed backups restore",
    )
    imp.add_argument(
        "recovery_key",
        help="恢复密钥 (如 3F2A-09BC-...) 或恢复密钥页上的审计密钥 / the recovery key, or the audit key "
        "printed with it",
    )
    imp.set_defaults(handler=run_key_import)
    restore = add_parser(
        subparsers,
        common,
        "restore",
        "从备份恢复 (先显示将被替换的内容) / restore a backup (shows what will be replaced)",
    )
    restore.add_argument("file", type=Path, help="备份文件 (.sqlite) / backup file")
    restore.add_argument("--yes", action="store_true", help="确认替换 / confirm the replacement")
    restore.add_argument(
        "--key",
        default=None,
        help="恢复密钥 (本机没有该学校的密钥文件时, 如新电脑) / the recovery key, when this PC has no key file "
        "for the school (e.g. a new PC)",
    )
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from fivemgmt import backup
    from fivemgmt.actor import ADMIN, PRINCIPAL

    if getattr(args, "backup_action", None):
        return args.handler(args)
    school = open_from_args(args, write=not args.list, check_chain=not args.list)
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
    from fivemgmt import applock, backup, session
    from fivemgmt.actor import LOCAL_ADMIN

    path = db_path_from_args(args)
    school = None
    if session.is_school_file(path) and backup.check_database(path).ok:
        try:
            school = open_from_args(args, write=True)  # who restores must prove it; holds the app lock
        except session.TamperedSchool as tampered:  # its accounts cannot be trusted: as for a damaged file
            print(f"注意: {tampered}", file=sys.stderr)
    if school is not None:
        actor, lock = school.actor, school.lock
        school.db.close()  # restore needs every connection closed; the lock stays ours
    else:
        # a damaged or lost file has no accounts to ask: whoever holds the file may restore it (as in the GUI)
        actor, lock = LOCAL_ADMIN, applock.AppLock(path)
        lock.acquire()
        args.cleanup.callback(lock.release)
    preview = backup.restore_preview(path, args.file, own_lock=lock, key=args.key)
    for line in preview.lines():
        print(line)
    if preview.problem or preview.blocked:
        raise UserError(preview.problem or preview.blocked)
    if not args.yes:
        print("未恢复：确认无误后请加 --yes 再运行一次。")
        return 1
    backed_up = preview.current_ok and session.is_school_file(path)  # an emptied or missing file is not
    backup.restore(path, args.file, actor, own_lock=lock, key=args.key)
    print("已从备份恢复。恢复前的数据库已另行备份。" if backed_up else "已从备份恢复。")
    return 0


def run_key_export(args: argparse.Namespace) -> int:
    from fivemgmt import keys, school
    from fivemgmt.actor import ADMIN, PRINCIPAL
    from fivemgmt.exchange import package
    from fivemgmt.files import write_private

    opened = open_from_args(args, write=False)  # who asks for the key must prove it
    opened.actor.require_role(ADMIN, PRINCIPAL)
    key = package.school_key(opened.db)
    row = school.get_school(opened.db)
    sheet = keys.recovery_sheet(key, row["name"] if row else "") + _audit_key_lines(opened.db)
    keys.remember(key, row["name"] if row else "")
    if args.output:
        try:
            write_private(args.output, sheet.encode("utf-8"))
        except OSError as error:
            raise UserError(f"无法写入“{args.output}”（{error.strerror or error}）。") from error
        print(f"已保存恢复密钥：{args.output}（仅本人可读）。请打印后锁好保管，然后删除这个文件。")
    else:
        print(sheet)
    return 0


def _audit_key_lines(db) -> str:
    """The audit keys this PC has for the school's chain, written down with the recovery key."""
    from fivemgmt import audit, chainkey

    lines = []
    for _, fp in audit.key_entries(db):
        found = chainkey.find(fp)
        if found is not None:
            lines.append(f"    {chainkey.format_key(found)}")
    if not lines:
        return ""
    return "\n".join(
        [
            "审计密钥（在新电脑上核对审计链用：fivemgmt backup key import 审计密钥）：",
            *lines,
            "有审计密钥和数据库文件的人可以改写审计链，请与恢复密钥一同锁好。",
            "",
        ]
    )


def run_key_import(args: argparse.Namespace) -> int:
    from fivemgmt import chainkey, keys

    audit_key = chainkey.parse_key(args.recovery_key)
    if audit_key is not None:
        where = chainkey.remember(audit_key)
        print(f"已在本机保存审计密钥（密钥标识 {chainkey.fingerprint(audit_key)}）：{where}")
        return 0
    key = keys.parse_recovery_key(args.recovery_key)
    where = keys.remember(key)
    print(f"已在本机保存学校密钥（密钥标识 {keys.fingerprint(key)}）：{where}")
    return 0
