"""Placeholder until this area is built (issue 3)."""

from __future__ import annotations

from sqlite_utils import Database


def create_schema(db: Database) -> None:
    pass
