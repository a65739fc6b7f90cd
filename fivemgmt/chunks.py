"""Many values asked of SQLite in a few queries: ``IN (…)`` of at most :data:`IN_CHUNK` values each (one
query a value was what made the merge and the import slow; one query of all of them passes SQLite's
variable limit)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

IN_CHUNK = 500  # well under SQLite's variable limit


def in_chunks(values: Sequence) -> Iterator[tuple[list, str]]:
    """``values`` in chunks of :data:`IN_CHUNK`, each with its "?,?,…" marks for an ``IN (…)``."""
    for start in range(0, len(values), IN_CHUNK):
        chunk = list(values[start : start + IN_CHUNK])
        yield chunk, ",".join("?" * len(chunk))
