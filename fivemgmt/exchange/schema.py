"""Tables for exchange bookkeeping (issue 7 fills this in)."""

from __future__ import annotations

from sqlite_utils import Database


def create_schema(db: Database) -> None:
    pass
