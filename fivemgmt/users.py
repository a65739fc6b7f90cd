"""Local accounts (issue 7 fills this in): for now every command acts as the single-user install."""

from __future__ import annotations

from sqlite_utils import Database

from fivemgmt.accounts import LOCAL_ADMIN, Actor


def create_schema(db: Database) -> None:
    pass


def actor_for_cli(db: Database, username: str | None) -> Actor:
    return LOCAL_ADMIN
