"""A full disk for tests: every write into one folder fails with ENOSPC, whichever way the file is written.

``full_disk(folder)`` (a fixture returning a switch): after ``full_disk(tmp_path / "out")`` Python's
``open``/``io.open`` in a writing mode and ``os.write`` on a descriptor of a file in that folder raise
``OSError(ENOSPC)`` on the first write, as a real full disk does. Files already there stay readable.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest


def _no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FullFile(io.FileIO):
    def write(self, data):  # noqa: ANN001, ANN201
        if len(data):
            _no_space()
        return 0


@pytest.fixture
def full_disk(monkeypatch):
    folders: list[Path] = []
    real_open, real_write = builtins.open, os.write

    def inside(name: object) -> bool:
        if not isinstance(name, str | bytes | os.PathLike):
            return False
        path = Path(os.fsdecode(name)).absolute()
        return any(path.is_relative_to(folder) for folder in folders)

    def fake_open(
        file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None
    ):  # noqa: ANN001, ANN202, E501
        if not any(flag in mode for flag in "wax+") or not inside(file):
            return real_open(file, mode, buffering, encoding, errors, newline, closefd, opener)
        raw = _FullFile(file, mode.replace("t", "").replace("b", ""))
        buffered = io.BufferedRandom(raw) if "+" in mode else io.BufferedWriter(raw)
        return buffered if "b" in mode else io.TextIOWrapper(buffered, encoding, errors, newline)

    def fake_write(fd: int, data) -> int:  # noqa: ANN001
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if target and inside(target):
            _no_space()
        return real_write(fd, data)

    def switch(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        folders.append(folder.absolute())
        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(io, "open", fake_open)
        monkeypatch.setattr(os, "write", fake_write)
        return folder

    return switch


def leftovers(folder: Path) -> list[str]:
    """Names of ``.part`` (and other temporary) files a failed write left in ``folder``."""
    return sorted(p.name for p in Path(folder).iterdir() if p.name.endswith((".part", ".tmp")))
