"""Shared fixtures: a fresh database per test, Qt offscreen, "today" pinned, logs in a temporary directory.

``FIVEMGMT_TEST_DATE=YYYY-MM-DD`` runs the whole suite with the computer's clock moved to that date
(``time-machine``, ticking), so a test or code path that reads the real clock instead of the pinned
"today" fails there (CI runs the suite at other dates too). Only this process travels: subprocesses
started by tests (the stress workers) see the real clock.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 11, 25)  # a Wednesday in the demo term
TEST_DATE_ENV = "FIVEMGMT_TEST_DATE"
_TRAVELLER = pytest.StashKey[object]()


def pytest_configure(config: pytest.Config) -> None:
    text = os.environ.get(TEST_DATE_ENV)
    if not text:
        return
    import time_machine

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise pytest.UsageError(
            f"{TEST_DATE_ENV}={text}: 日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD"
        ) from None
    traveller = time_machine.travel(dt.datetime.combine(day, dt.time(10, 0)).astimezone(), tick=True)
    traveller.start()
    config.stash[_TRAVELLER] = traveller


def pytest_unconfigure(config: pytest.Config) -> None:
    traveller = config.stash.get(_TRAVELLER, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    if config.stash.get(_TRAVELLER, None) is not None:
        return f"{TEST_DATE_ENV}: the clock reads {dt.datetime.now():%Y-%m-%d %H:%M}; pinned today {TODAY}"
    return None


@pytest.fixture(scope="session", autouse=True)
def _log_dir(tmp_path_factory):
    """Logs of the whole session (and of subprocesses, through the environment) go to a temporary
    directory, never the real user log directory."""
    from fivemgmt import logs

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(logs.LOG_DIR_ENV, str(tmp_path_factory.mktemp("logs")))
        yield
        logs.close()


@pytest.fixture(autouse=True)
def _pinned_today():
    """Every test runs on TODAY, as the CLI and the GUI do with --today; never on the computer's date."""
    from fivemgmt import clock

    clock.pin(TODAY)
    yield
    clock.pin(None)


TEST_SCRYPT = {"n": 2**10, "r": 8, "p": 1}


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):
    """Password hashes at a low cost, so tests that make accounts stay fast: ``users.SCRYPT`` is the one
    setting for it, lowered here only (the real cost is proven by
    tests/core/test_users.py::test_real_password_hashes_use_scrypt_n_2_17)."""
    from fivemgmt import users

    monkeypatch.setattr(users, "SCRYPT", TEST_SCRYPT)


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
    from fivemgmt.session import open_db

    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A small demo school built once; tests copy it (building is the slow part)."""
    from fivemgmt import demo

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite"
    with pytest.MonkeyPatch.context() as patch:  # its key files (the audit key) stay with the template
        patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        database = demo.build(path, classes=9, weeks=3, seed=7, today=TODAY, students_per_class=12)
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        database.close()
    return path


def copy_key_files(template_db, private_config_dir) -> None:
    """A copied school comes with the key files of the computer it was made on (this test's computer)."""
    import shutil

    source = template_db.parent / "config" / "fivemgmt" / "keys"
    if source.is_dir():
        shutil.copytree(source, private_config_dir / "fivemgmt" / "keys", dirs_exist_ok=True)


@pytest.fixture
def demo_db_path(demo_template, tmp_path, private_config_dir):
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    copy_key_files(demo_template, private_config_dir)
    return path


@pytest.fixture
def demo_db(demo_db_path):
    from fivemgmt.session import open_db

    database = open_db(demo_db_path)
    yield database
    database.close()
