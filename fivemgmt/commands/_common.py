"""Helpers shared by the CLI subcommands."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlite_utils import Database

from fivemgmt import clock
from fivemgmt.accounts import LOCAL_ADMIN, Actor
from fivemgmt.db import default_db_path, open_db


def db_from_args(args: argparse.Namespace) -> Database:
    return open_db(args.db or default_db_path())


def today_from_args(args: argparse.Namespace) -> dt.date:
    return args.today or clock.today()


def actor_from_args(db: Database, args: argparse.Namespace) -> Actor:
    """The account a command acts as: --user, or the single-user install's local account."""
    try:
        from fivemgmt import users
    except ImportError:  # accounts are not set up in this build
        return LOCAL_ADMIN
    return users.actor_for_cli(db, args.user)


def add_parser(
    subparsers: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    name: str,
    help_text: str,
    **kwargs,
) -> argparse.ArgumentParser:
    return subparsers.add_parser(name, parents=[common], help=help_text, description=help_text, **kwargs)
