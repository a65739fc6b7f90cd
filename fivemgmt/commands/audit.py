"""fivemgmt audit verify|history — the tamper-evident audit trail."""

from __future__ import annotations

import argparse

from fivemgmt.commands._common import add_parser, db_from_args
from fivemgmt.errors import UserError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(subparsers, common, "audit", "审计记录：校验与查看 / the audit trail")
    actions = parser.add_subparsers(dest="action", metavar="verify|history", required=True)
    verify = add_parser(
        actions,
        common,
        "verify",
        "校验审计链 (每条记录的签名、每个表、各备份清单中的链头), 报告第一处断开 (有人绕过本软件改动数据库) "
        "/ verify the chain (every entry's signature, every table, the heads in the backups' manifests), "
        "report the first broken link",
    )
    verify.add_argument(
        "--head",
        default=None,
        metavar="HEAD",
        help="核对表格上打印的链头 (至少 8 位) 是否在本数据库的审计链中 / check that a head printed on a form "
        "(at least 8 characters) is in this database's chain",
    )
    verify.set_defaults(handler=run_verify)
    history = add_parser(actions, common, "history", "查看一条记录的修改历史 / a record's history")
    history.add_argument("table", help="表名 / table")
    history.add_argument("record_id", help="记录编号 / record id")
    history.set_defaults(handler=run_history)


def run_verify(args: argparse.Namespace) -> int:
    from fivemgmt import audit, audit_verify, backup
    from fivemgmt.commands._common import open_from_args

    if args.head is not None and len(args.head.strip()) < 8:
        raise UserError("--head 至少需要链头的前 8 位（表格页脚上印的链头）。")
    school = open_from_args(args, write=False, check_chain=False)  # this command is how tampering is read
    db = school.db
    result = audit_verify.verify(db, anchors=backup.anchors(db, school.path), printed_head=args.head)
    if result.ok:
        print(result.message)
        print(f"链头：{audit.head(db)}")
        return 0
    print(f"审计校验失败：{result.message}")
    if result.broken_seq is not None:
        print(f"第一处断开：第 {result.broken_seq} 条审计记录。")
    return 1


def run_history(args: argparse.Namespace) -> int:
    from fivemgmt import audit, clock

    db = db_from_args(args, check_chain=False)
    entries = audit.history(db, args.table, args.record_id)
    if not entries:
        print("这条记录没有修改历史。")
        return 1
    for entry in entries:
        changed = ""
        if entry["before"] and entry["after"]:
            keys = [
                k
                for k in entry["after"]
                if k not in ("updated_at", "updated_by", "origin")
                and entry["before"].get(k) != entry["after"].get(k)
            ]
            changed = "；".join(f"{k}: {entry['before'].get(k)!r} → {entry['after'].get(k)!r}" for k in keys)
        reason = f"（{entry['reason']}）" if entry["reason"] else ""
        print(
            f"#{entry['seq']} {clock.local_text(entry['at'])} {entry['actor']} {entry['action']}{reason} {changed}".rstrip()
        )
    return 0
