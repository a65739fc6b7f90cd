"""The audit chain's key: an HMAC-SHA256 key kept on this computer, never in the database.

Every audit entry is signed with it (:mod:`fivemgmt.audit`), so someone who has only the database file
cannot edit a value and its audit entry and re-sign the chain. The key lives in an owner-only file
beside the school key files (``<user config dir>/keys/audit-<fingerprint>.key``); the chain names the
key it uses by fingerprint, so a database from another computer is told apart plainly ("本机没有这份
数据的审计密钥") instead of looking tampered with or, worse, looking fine.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from pathlib import Path

from fivemgmt import keys
from fivemgmt.errors import UserError
from fivemgmt.files import private_dir, write_private

_CACHE: dict[tuple[str, str], bytes] = {}


def fingerprint(key: bytes) -> str:
    """Names an audit key without revealing it (written into the chain)."""
    return hashlib.sha256(b"fivemgmt-audit:" + key).hexdigest()[:16]


def key_file(fp: str) -> Path:
    return keys.key_dir() / f"audit-{fp}.key"


def find(fp: str) -> bytes | None:
    """The audit key with this fingerprint from this computer's key files, or None."""
    path = key_file(fp)
    cached = _CACHE.get((str(path), fp))
    if cached is not None:
        return cached
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        key = bytes.fromhex(str(data["audit_key"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if fingerprint(key) != fp:
        return None
    _CACHE[(str(path), fp)] = key
    return key


def create(installation_id: str) -> tuple[str, bytes]:
    """A new random audit key, saved owner-only; returns (fingerprint, key)."""
    key = secrets.token_bytes(32)
    fp = fingerprint(key)
    text = json.dumps(
        {"installation_id": installation_id, "fingerprint": fp, "audit_key": key.hex()}, indent=1
    )
    path = key_file(fp)
    try:
        private_dir(keys.key_dir())
        write_private(path, text.encode("utf-8"))
    except OSError as error:
        raise UserError(
            f"无法保存审计密钥文件“{path}”（{error.strerror or error}），本次修改没有保存。"
        ) from error
    _CACHE[(str(path), fp)] = key
    return fp, key


def format_key(key: bytes) -> str:
    """The key as the admin writes it down beside the recovery key: 16 groups of 4."""
    text = key.hex().upper()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_key(text: str) -> bytes | None:
    """An audit key from what a person typed (64 hex digits; groups, spaces and case do not matter)."""
    cleaned = re.sub(r"[\s\-]", "", text or "").lower()
    if len(cleaned) != 64 or not re.fullmatch(r"[0-9a-f]+", cleaned):
        return None
    return bytes.fromhex(cleaned)


def remember(key: bytes, installation_id: str = "") -> Path:
    """Keep an audit key given back from the recovery sheet (a new PC), so the chain it signed verifies."""
    fp = fingerprint(key)
    if find(fp) == key:
        return key_file(fp)
    text = json.dumps(
        {"installation_id": installation_id, "fingerprint": fp, "audit_key": key.hex()}, indent=1
    )
    path = key_file(fp)
    try:
        private_dir(keys.key_dir())
        write_private(path, text.encode("utf-8"))
    except OSError as error:
        raise UserError(f"无法保存审计密钥文件“{path}”（{error.strerror or error}）。") from error
    _CACHE[(str(path), fp)] = key
    return path
