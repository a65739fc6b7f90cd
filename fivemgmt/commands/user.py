"""fivemgmt user … — local accounts: list, add, password, enable/disable, unlock, single-user mode."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from fivemgmt.commands._common import actor_from_args, add_parser, db_from_args
from fivemgmt.errors import UserError

ROLE_CHOICES = {
    "admin": "管理员",
    "principal": "校长/教导处",
    "teacher": "班主任/科任教师",
    "supervisor": "督学",
}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(subparsers, common, "user", "账户管理 / local accounts")
    actions = parser.add_subparsers(
        dest="action", metavar="list|add|passwd|disable|enable|unlock|single-user", required=True
    )
    add_parser(actions, common, "list", "列出账户 / list accounts").set_defaults(handler=run_list)
    add = add_parser(
        actions, common, "add", "新建账户 (第一个账户即管理员) / add an account (the first is the admin)"
    )
    add.add_argument("username")
    add.add_argument(
        "--role",
        choices=list(ROLE_CHOICES),
        default="teacher",
        help="角色 / role: " + ", ".join(f"{k} ({v})" for k, v in ROLE_CHOICES.items()),
    )
    add.add_argument("--name", default="", help="显示名 / display name")
    add.add_argument("--teacher", default=None, help="关联的教师姓名 / the teacher this account belongs to")
    add.add_argument(
        "--password",
        default=None,
        help="新账户的密码 (默认提示输入或读 FIVEMGMT_NEW_PASSWORD) "
        "/ the new account's password (default: prompt, or FIVEMGMT_NEW_PASSWORD)",
    )
    add.set_defaults(handler=run_add)
    passwd = add_parser(actions, common, "passwd", "设置密码 / set a password")
    passwd.add_argument("username")
    passwd.add_argument(
        "--password",
        default=None,
        help="新密码 (默认提示输入或读 FIVEMGMT_NEW_PASSWORD) / new password (default: prompt, or FIVEMGMT_NEW_PASSWORD)",
    )
    passwd.set_defaults(handler=run_passwd)
    for name, text, active in (
        ("disable", "停用账户 / disable", False),
        ("enable", "启用账户 / enable", True),
    ):
        sub = add_parser(actions, common, name, text)
        sub.add_argument("username")
        sub.set_defaults(handler=run_active, active=active)
    unlock = add_parser(actions, common, "unlock", "解除锁定 / unlock after failed logins")
    unlock.add_argument("username")
    unlock.set_defaults(handler=run_unlock)
    single = add_parser(
        actions,
        common,
        "single-user",
        "本机免密码登录的账户 (--off 取消) / the account this computer signs in as without a password",
    )
    single.add_argument("username", nargs="?", default=None)
    single.add_argument("--off", action="store_true", help="取消免密码登录 / turn off")
    single.set_defaults(handler=run_single)


NEW_PASSWORD_ENV = "FIVEMGMT_NEW_PASSWORD"  # FIVEMGMT_PASSWORD is the acting account's own password


def _password(given: str | None) -> str:
    """The password being set: --password, FIVEMGMT_NEW_PASSWORD, or typed twice at a prompt."""
    if given:
        return given
    if os.environ.get(NEW_PASSWORD_ENV):
        return os.environ[NEW_PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise UserError(f"请用 --password 或环境变量 {NEW_PASSWORD_ENV} 提供新密码。")
    first = getpass.getpass("密码 / password: ")
    if first != getpass.getpass("再输入一次 / again: "):
        raise UserError("两次输入的密码不一致。")
    return first


def run_list(args: argparse.Namespace) -> int:
    from fivemgmt import clock, users

    db = db_from_args(args)
    accounts = users.list_accounts(db)
    if not accounts:
        print("还没有账户（本机以单用户方式运行）。")
        return 0
    single = users.single_user(db)
    for account in accounts:
        flags = [] if account.active else ["已停用"]
        if account.locked_until:
            flags.append(f"锁定至 {clock.local_text(account.locked_until, seconds=False)}")
        if account.username == single:
            flags.append("本机免密码")
        print(f"{account.username}\t{account.display_name}\t{account.role_name}\t{' '.join(flags)}".rstrip())
    return 0


def run_add(args: argparse.Namespace) -> int:
    from fivemgmt import records, users

    db = db_from_args(args, write=True)
    password = _password(args.password)
    if users.needs_first_run(db):
        if args.role != "admin":
            raise UserError("第一个账户必须是管理员（--role admin）。")
        users.create_first_admin(db, args.username, password, args.name or "管理员")
        print(f"已建立管理员账户“{args.username}”。")
        return 0
    actor = actor_from_args(db, args)
    teacher_id = None
    if args.teacher:
        found = records.live_rows(db, "teachers", "name = ?", [args.teacher])
        if len(found) != 1:
            raise UserError(f"找不到唯一的教师“{args.teacher}”。")
        teacher_id = found[0]["id"]
    users.add_account(db, actor, args.username, password, args.role, args.name, teacher_id)
    print(f"已建立账户“{args.username}”（{ROLE_CHOICES[args.role]}）。")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    from fivemgmt import users

    db = db_from_args(args, write=True)
    actor = actor_from_args(db, args)
    users.set_password(db, actor, args.username, _password(args.password))
    print(f"已修改“{args.username}”的密码。")
    return 0


def run_active(args: argparse.Namespace) -> int:
    from fivemgmt import users

    db = db_from_args(args, write=True)
    users.update_account(db, actor_from_args(db, args), args.username, active=args.active)
    print(f"已{'启用' if args.active else '停用'}账户“{args.username}”。")
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    from fivemgmt import users

    db = db_from_args(args, write=True)
    users.unlock(db, actor_from_args(db, args), args.username)
    print(f"已解除“{args.username}”的锁定。")
    return 0


def run_single(args: argparse.Namespace) -> int:
    from fivemgmt import users

    db = db_from_args(args, write=bool(args.off or args.username))
    if not args.off and not args.username:
        current = users.single_user(db)
        print(f"本机免密码登录：{current}" if current else "本机未设置免密码登录。")
        return 0
    users.set_single_user(db, actor_from_args(db, args), None if args.off else args.username)
    print("已取消本机免密码登录。" if args.off else f"本机将以“{args.username}”免密码登录。")
    return 0
