"""Private files: everything the app writes about pupils is readable by the owner only.

Databases (and the WAL/SHM files SQLite creates with the database file's mode), backups, packages, key
files and logs are created ``0600`` and their folders ``0700`` on POSIX. The file is created with the
right mode from the start (``os.open(..., 0o600)``), never chmod-ed after being written, so there is no
moment in which another account could open it. On Windows the per-user profile folders already keep
other accounts out, so these helpers only create the files there.

Reuse: :func:`private_dir` for a folder, :func:`create_private` before a library opens a file by name
(SQLite, a log handler), :func:`open_private` as a drop-in for ``open`` (e.g. a log handler's ``_open``),
:func:`write_private` for a whole file written atomically.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

FILE_MODE = 0o600
DIR_MODE = 0o700
POSIX = os.name == "posix"


def private_dir(path: Path | str, *, tighten: bool = True) -> Path:
    """Make a folder (and missing parents) that only the owner can enter.

    ``tighten``: also make an existing folder owner-only -- for the app's own folders (backups, keys),
    not for a folder the user chose to keep the database in.
    """
    path = Path(path)
    existed = path.is_dir()
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if POSIX and (tighten or not existed) and path.stat().st_mode & 0o077 and _owned(path):
        path.chmod(DIR_MODE)
    return path


def _owned(path: Path) -> bool:
    return not POSIX or path.stat().st_uid == os.getuid()


def create_private(path: Path | str) -> Path:
    """Create an empty owner-only file if it does not exist yet (existing files are made owner-only)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        make_private(path)
    return path


def make_private(path: Path | str) -> None:
    """Tighten an existing file of ours to owner-only (for files made by earlier versions)."""
    path = Path(path)
    if POSIX and path.exists() and path.stat().st_mode & 0o077 and _owned(path):
        path.chmod(FILE_MODE)


def open_private(path: Path | str, mode: str = "a", encoding: str | None = None) -> IO[Any]:
    """``open`` that creates the file owner-only (modes w, a, x and their b/+ variants)."""
    flags = {"w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC, "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND}
    flags["x"] = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    base = flags[mode[0]]
    if "+" in mode:
        base = (base & ~os.O_WRONLY) | os.O_RDWR
    if "b" in mode:
        base |= getattr(os, "O_BINARY", 0)  # Windows: no newline translation under a binary file object
    make_private(path)
    return open(os.open(path, base, FILE_MODE), mode, encoding=encoding)  # noqa: SIM115 - caller closes


def write_private(path: Path | str, data: bytes) -> None:
    """Write a whole file atomically (temp file, fsync, rename) and owner-only; OSError on failure."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".part")
    try:
        with open_private(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        raise
