"""The benchmark's schools: one term of the demo school built through the app, and five school years of it."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import sqlite3
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import audit, demo, records
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.benchmark.report import Size
from fivemgmt.db import transaction
from fivemgmt.session import open_db


def build_school(path: Path, size: Size, today: dt.date) -> Database:
    """One term of the demo school (written through the app: its audit entries are the app's)."""
    return demo.build(
        path, classes=size.classes, weeks=size.weeks, seed=1, today=today, students_per_class=size.students
    )


# Registers copied into earlier years, parents first (a step names its book, a custodian its term).
HISTORY_TABLES = [
    "terms",
    "calendar_days",
    "phone_policy",
    "phone_custodians",
    "sleep_schedule",
    "homework_entries",
    "homework_days",
    "sleep_records",
    "phone_applications",
    "phone_custody",
    "phone_custody_days",
    "reading_books",
    "reading_steps",
    "reading_dispositions",
    "activity_days",
    "afterschool_days",
    "vision_screenings",
    "fitness_results",
]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SCHOOL_YEAR = re.compile(r"(\d{4})-(\d{4})")


def _moved(column: str, value: Any, back: int, new_ids: dict[str, str]) -> Any:
    """A value of a register row copied ``back`` school years earlier: dates 52 weeks per year earlier
    (weekdays stay weekdays), school years earlier, references to copied rows to their copies."""
    if not isinstance(value, str):
        return value
    if column.endswith("_id") and value in new_ids:
        return new_ids[value]
    if _DATE.fullmatch(value):
        return (dt.date.fromisoformat(value) - dt.timedelta(weeks=52 * back)).isoformat()
    match = _SCHOOL_YEAR.fullmatch(value)
    if match and int(match[2]) == int(match[1]) + 1:
        return f"{int(match[1]) - back}-{int(match[2]) - back}"
    return value


def add_history(db: Database, years: int, seed: int = 1) -> int:
    """Copy every dated register of the current term into ``years`` earlier school years (52 weeks apart,
    so weekdays stay weekdays), with fresh ids and the app's audit entries; returns the rows added."""
    rng = random.Random(seed)
    tables = [t for t in HISTORY_TABLES if t in db.table_names()]
    source = {t: list(db.query(f"SELECT * FROM [{t}] WHERE deleted = 0 ORDER BY rowid")) for t in tables}
    added = 0
    for back in range(1, years + 1):
        new_ids: dict[str, str] = {}
        with transaction(db):
            for table in tables:
                rows = []
                for row in source[table]:
                    new_ids[row["id"]] = f"{rng.getrandbits(128):032x}"
                for row in source[table]:
                    copy = {
                        k: _moved(k, v, back, new_ids) for k, v in row.items() if k not in records.BOOKKEEPING
                    }
                    copy["id"] = new_ids[row["id"]]
                    rows.append(copy)
                records.save_many(db, table, rows, SYSTEM)
                added += len(rows)
    return added


def counts(db: Database) -> dict[str, int]:
    return {
        "classes": db.execute("SELECT COUNT(*) FROM classes WHERE deleted = 0").fetchone()[0],
        "students": db.execute("SELECT COUNT(*) FROM students WHERE deleted = 0").fetchone()[0],
        "homework_entries": db.execute(f"SELECT COUNT(*) FROM {hw.ENTRIES}").fetchone()[0],
        "audit_entries": db.execute(f"SELECT COUNT(*) FROM {audit.AUDIT_TABLE}").fetchone()[0],
    }


def built_or_kept(data_dir: Path | None, name: str, path: Path, build: Callable[[], Database]) -> Database:
    """The school at ``path``: built, or copied from ``data_dir`` where an earlier run with the same size and
    date kept it (and kept there after building, when a ``data_dir`` is given)."""
    kept = data_dir / f"{name}.sqlite" if data_dir is not None else None
    if kept is not None and kept.exists():
        shutil.copy(kept, path)
        return open_db(path)
    db = build()
    if kept is not None:
        db.close()
        data_dir.mkdir(parents=True, exist_ok=True)
        copy_database(path, kept)
        db = open_db(path)
    return db


def copy_database(db_path: Path, target: Path) -> Path:
    """A copy of a closed-or-checkpointed database file (the WAL folded in first)."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(db_path, target)
    return target


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
