"""Tables for exchange bookkeeping (local to an installation; never exported themselves).

* ``exchange_exports``: per export scope, the audit sequence number up to which changes were exported,
  so the next export holds only what changed since.
* ``exchange_imports``: packages imported here (by package id), with their counts.
* ``record_versions``: versions of a record this installation has seen in packages (``updated_at`` and
  origin); with the audit trail this tells a plain update from a conflicting one.
"""

from __future__ import annotations

from sqlite_utils import Database

EXPORTS = "exchange_exports"
IMPORTS = "exchange_imports"
VERSIONS = "record_versions"
# exchange_senders, exchange_enrollments, exchange_heads_sent (fivemgmt.exchange.trust)
TRUST_TABLES = {"exchange_senders", "exchange_enrollments", "exchange_heads_sent"}
LOCAL_TABLES = {EXPORTS, IMPORTS, VERSIONS} | TRUST_TABLES


def create_schema(db: Database) -> None:
    db[EXPORTS].create({"scope": str, "last_seq": int, "at": str, "package_id": str, "file": str}, pk="scope")
    db[IMPORTS].create(
        {"package_id": str, "origin": str, "kind": str, "at": str, "actor": str, "file": str, "counts": str},
        pk="package_id",
    )
    db[VERSIONS].create(
        {"table_name": str, "record_id": str, "version": str}, pk=("table_name", "record_id", "version")
    )
