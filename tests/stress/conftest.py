"""Helpers for the stress tests: child processes running tests/stress/worker.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.stress.worker", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_at_mid(proc: subprocess.Popen, timeout: float = 120) -> None:
    """Wait for the child to report it is half way through its transaction, then SIGKILL it."""
    line = proc.stdout.readline()
    assert line.strip() == "MID", (line, proc.stderr.read() if proc.poll() is not None else "")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=timeout)
    assert proc.returncode == -signal.SIGKILL


@pytest.fixture
def worker():
    return start
