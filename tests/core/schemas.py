"""Schools as earlier versions of the app really made them (tests/data/schemas/vNN.sql) and a structural
description of a schema to compare them by.

Each vNN.sql is the ``iterdump`` of a new school made by the code of the main branch when version NN
was its latest migration (the schema, plus the rows of ``meta`` and ``_sqlite_migrations``; the audit
entries left out): ``v10-foundation`` by the first commit, whose areas had no tables yet.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "schemas"
VERSIONS = sorted(path.stem for path in SCHEMAS.glob("v*.sql"))


def old_school(path: Path, version: str) -> Path:
    """A school file at ``path`` as that version made it (nothing in it but its meta rows)."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript((SCHEMAS / f"{version}.sql").read_text(encoding="utf-8"))
        conn.commit()
    finally:
        conn.close()
    return path


def _plain_sql(sql: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r'["\[\]`]', "", sql or "")).strip()


def describe(conn: sqlite3.Connection) -> dict:
    """Tables (columns with type, not null, default, primary key; in any order), indexes (table, unique,
    columns), triggers and views (their SQL, quoting and spacing aside)."""
    found: dict = {"tables": {}, "indexes": {}, "triggers": {}, "views": {}}
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for kind, name, table, sql in rows:
        if kind == "table":
            found["tables"][name] = sorted(
                (col[1], col[2].upper(), col[3], col[4], col[5])
                for col in conn.execute(f'PRAGMA table_info("{name}")')
            )
        elif kind == "index":
            unique = next(r[2] for r in conn.execute(f'PRAGMA index_list("{table}")') if r[1] == name)
            columns = [r[2] for r in conn.execute(f'PRAGMA index_info("{name}")')]
            found["indexes"][name] = (table, unique, columns)
        else:
            found[kind + "s"][name] = _plain_sql(sql)
    return found
