"""Stored fitness-test results (schema filled in with the fitness page)."""

from __future__ import annotations

from sqlite_utils import Database


def create_schema(db: Database) -> None:
    pass
