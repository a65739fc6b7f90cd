"""Helpers shared by the CLI subcommands.

Every command opens its school through :func:`open_from_args` (that is, :func:`fivemgmt.session.open_school`):
a command that writes takes the app lock and is refused while the GUI (or another writing command) holds
it; a command that only reads uses a read-only connection, which can never checkpoint or delete the WAL
under a running GUI. Either way the command acts only as a real, enabled account that proved who it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from sqlite_utils import Database

from fivemgmt import clock, session, users
from fivemgmt.actor import Actor
from fivemgmt.db import default_db_path
from fivemgmt.errors import UserError

PASSWORD_ENV = "FIVEMGMT_PASSWORD"


def db_path_from_args(args: argparse.Namespace) -> Path:
    return Path(args.db or default_db_path())


def password_for(username: str | None) -> str:
    """The acting account's password: ``FIVEMGMT_PASSWORD`` (scripts), else a prompt on a terminal."""
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise UserError(
            f"需要账户“{username}”的密码：请在终端中运行以便输入，或用环境变量 {PASSWORD_ENV} 提供。"
        )
    try:
        return getpass.getpass(f"账户“{username}”的密码 / password: ")
    except EOFError:
        raise UserError("没有输入密码，未执行。") from None


def chain_warning(message: str) -> None:
    print(f"注意: {message}", file=sys.stderr)


def open_from_args(args: argparse.Namespace, *, write: bool, check_chain: bool = True) -> session.Session:
    """Open the school of ``--db`` as the account of ``--user``; closed when the command ends.

    ``check_chain=False`` only for the commands that must work on a file changed outside the app
    (``audit``, ``backup --list``, ``restore``)."""
    opened = getattr(args, "school", None)
    if opened is not None and (opened.writable or not write):
        return opened
    school = session.open_school(
        db_path_from_args(args),
        lambda db: users.actor_for_cli(db, args.user, lambda: password_for(args.user), record=write),
        write=write,
        check_chain=check_chain,
        chain_warning=chain_warning,
    )
    args.school = school
    cleanup = getattr(args, "cleanup", None)
    if cleanup is not None:  # fivemgmt.cli.main closes it (and releases the lock) when the command ends
        cleanup.callback(school.close)
    return school


def db_from_args(args: argparse.Namespace, *, write: bool = False, check_chain: bool = True) -> Database:
    return open_from_args(args, write=write, check_chain=check_chain).db


def actor_from_args(db: Database, args: argparse.Namespace) -> Actor:
    """The account the command acts as (checked when the school was opened)."""
    school = getattr(args, "school", None)
    if school is None or school.db is not db:
        raise RuntimeError("actor_from_args before db_from_args")
    return school.actor


def today_from_args(args: argparse.Namespace) -> dt.date:
    return args.today or clock.today()


def add_parser(
    subparsers: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    name: str,
    help_text: str,
    **kwargs,
) -> argparse.ArgumentParser:
    return subparsers.add_parser(name, parents=[common], help=help_text, description=help_text, **kwargs)
