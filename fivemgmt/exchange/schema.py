"""Tables for exchange bookkeeping (local to an installation; never exported themselves).

* ``exchange_exports``: per export scope, the audit sequence number up to which changes were exported,
  so the next export holds only what changed since.
* ``exchange_imports``: packages imported here (by package id), with their counts.
* ``record_versions``: versions of a record this installation has seen in packages (``updated_at`` and
  origin); with the audit trail this tells a plain update from a conflicting one.
"""

from __future__ import annotations

EXPORTS = "exchange_exports"
IMPORTS = "exchange_imports"
VERSIONS = "record_versions"
# exchange_senders, exchange_enrollments, exchange_heads_sent (fivemgmt.exchange.trust)
TRUST_TABLES = {"exchange_senders", "exchange_enrollments", "exchange_heads_sent"}
LOCAL_TABLES = {EXPORTS, IMPORTS, VERSIONS} | TRUST_TABLES
