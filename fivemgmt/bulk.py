"""What a batch of a school's size (an import of 100,000 rows) needs from Python itself."""

from __future__ import annotations

import functools
import gc
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a batch runs, as it was again afterwards.

    A batch makes hundreds of thousands of rows (dicts, tuples) and keeps them until it ends; each time
    enough were made the collector walked every one of them again, looking for cycles they do not have
    (reference counting frees them): a quarter of a 100,000-row import's time. Nested pauses, and pauses
    in two threads, leave it on at the end if it was on at the start of the first."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def batch(function: Callable[P, T]) -> Callable[P, T]:
    """``function`` run under :func:`gc_paused`."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with gc_paused():
            return function(*args, **kwargs)

    return run


BIG_BATCH = 1_000  # rows: below this a write fits SQLite's usual page cache
BATCH_CACHE_KIB = 64 * 1024


@contextmanager
def page_cache(conn: sqlite3.Connection, rows: int) -> Iterator[None]:
    """SQLite's page cache of this connection made large (64 MB) while a write of ``rows`` rows runs,
    as it was again afterwards (the pages are given back then); a small write is left alone.

    A batch writes each row into its table and its audit entry, and their indexes (the record id, the
    audit entries' (table, record) pairs) at random places: with the usual 2 MB cache the index pages were
    written out and read back again and again (100,000 imported rows: ≈1 s of ≈4 s of SQLite)."""
    if rows < BIG_BATCH:
        yield
        return
    (before,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = {-BATCH_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")
