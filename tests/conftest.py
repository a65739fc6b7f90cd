"""Shared fixtures: a fresh database per test, Qt offscreen."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 11, 25)  # a Wednesday in the demo term


@pytest.fixture(autouse=True)
def private_config_dir(tmp_path_factory, monkeypatch):
    """Key files (fivemgmt.keys) go to a per-test config dir, never the real user's."""
    path = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(path))
    return path


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "school.sqlite"


@pytest.fixture
def db(db_path):
    from fivemgmt.db import open_db

    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A small demo school built once; tests copy it (building is the slow part)."""
    from fivemgmt import demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = demo.build(path, classes=9, weeks=3, seed=7, today=TODAY, students_per_class=12)
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def demo_db_path(demo_template, tmp_path):
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_db_path):
    from fivemgmt.db import open_db

    database = open_db(demo_db_path)
    yield database
    database.close()
