"""Everything the app writes about pupils is owner-only (POSIX): databases, WAL/SHM, backups, packages,
key files, the lock file, and the folders the app makes for them."""

import os
import stat

import pytest

from fivemgmt import applock, backup, files, keys
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.exchange import package
from fivemgmt.session import open_db
from tests.core.people import add_homework, make_people

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """A machine whose default would let everyone read new files."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_databases_backups_packages_keys_and_locks_are_owner_only(open_umask, tmp_path, private_config_dir):
    db_path = tmp_path / "data" / "school.sqlite"
    db = open_db(db_path)
    people = make_people(db, with_accounts=False)
    add_homework(db, LOCAL_ADMIN, people.classes[4].id)
    info = backup.make_backup(db)
    exported = package.export_package(db, LOCAL_ADMIN, tmp_path / "out" / "p", kind="records").path
    lock = applock.AppLock(db_path)
    lock.acquire()
    created = {
        "database": db_path,
        "WAL": db_path.with_name("school.sqlite-wal"),
        "SHM": db_path.with_name("school.sqlite-shm"),
        "backup": info.path,
        "manifest": info.path.with_suffix(".json"),
        "package": exported,
        "key file": keys.key_file(keys.fingerprint(package.school_key(db))),
        "lock": lock.path,
    }
    modes = {name: oct(_mode(path)) for name, path in created.items()}
    assert modes == {name: oct(0o600) for name in created}
    folders = {"database folder": db_path.parent, "backups": info.path.parent, "keys": keys.key_dir()}
    assert {name: oct(_mode(path)) for name, path in folders.items()} == {
        name: oct(0o700) for name in folders
    }
    lock.release()
    db.close()


def test_a_database_left_readable_by_an_earlier_version_is_tightened(open_umask, tmp_path):
    db_path = tmp_path / "school.sqlite"
    open_db(db_path).close()
    db_path.chmod(0o644)
    open_db(db_path).close()
    assert _mode(db_path) == 0o600


def test_the_helpers_for_other_files(open_umask, tmp_path):
    log = tmp_path / "logs" / "fivemgmt.log"
    files.private_dir(log.parent)
    with files.open_private(log, "a", encoding="utf-8") as handle:  # e.g. a log handler's _open
        handle.write("第一行\n")
    with files.open_private(log, "a", encoding="utf-8") as handle:
        handle.write("第二行\n")
    assert log.read_text(encoding="utf-8") == "第一行\n第二行\n"
    files.write_private(tmp_path / "sheet.txt", "密钥".encode())
    assert _mode(log) == _mode(tmp_path / "sheet.txt") == 0o600 and _mode(log.parent) == 0o700
