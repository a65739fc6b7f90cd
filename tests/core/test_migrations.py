import datetime as dt
import sqlite3
import subprocess
import sys

import pytest

from fivemgmt import migrations, records, school
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.db import connect, integrity_ok, transaction
from fivemgmt.errors import DatabaseError
from fivemgmt.session import open_db
from tests.core.schemas import VERSIONS, describe, old_school


def test_fresh_database_is_at_latest_version_with_wal_and_foreign_keys(db):
    assert migrations.schema_version(db) == migrations.latest_version()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert integrity_ok(db)


def test_older_database_upgrades_without_loss(db_path):
    old = connect(db_path)
    migrations.upgrade(old, stop_before="0003_sleep")  # what version 0.0 of the app created
    school.save_school(old, SYSTEM, "老学校", "小学")
    class_id = school.add_class(old, SYSTEM, 4, 2)
    # An entry as that version wrote it (the current Entry has columns the old table lacks).
    with transaction(old):
        values = hw.Entry(None, class_id, dt.date(2026, 11, 25), "数学", "P1", "书面", True, 40).values()
        values.pop("for_rest")
        records.save(old, hw.ENTRIES, values, SYSTEM)
    assert migrations.schema_version(old) == 2
    old.close()
    upgraded = open_db(db_path)
    assert migrations.schema_version(upgraded) == migrations.latest_version()
    assert [c.name for c in school.list_classes(upgraded)] == ["四年级(2)班"]
    assert (
        hw.entries_between(upgraded, class_id, dt.date(2026, 11, 25), dt.date(2026, 11, 25))[0].minutes == 40
    )
    upgraded.close()


def test_a_foreign_sqlite_file_is_not_touched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="不是五项管理台账的数据库"):
        open_db(path)
    assert path.read_bytes() == before


def test_a_non_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库")
    with pytest.raises(DatabaseError, match="不是 SQLite"):
        open_db(path)


def test_the_core_never_imports_qt():
    code = (
        "import sys, pkgutil, importlib, fivemgmt\n"
        "for m in pkgutil.walk_packages(fivemgmt.__path__, 'fivemgmt.'):\n"
        "    m.name.endswith('__main__') or importlib.import_module(m.name)\n"
        "import fivemgmt.cli; fivemgmt.cli.build_parser()\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("version", VERSIONS)
def test_a_school_of_every_earlier_version_upgrades_to_the_schema_of_a_new_one(tmp_path, db, version):
    path = old_school(tmp_path / f"{version}.sqlite", version)
    old = connect(path)
    steps = migrations.pending(old)
    assert migrations.upgrade(old) == steps
    assert migrations.pending(old) == []
    upgraded, fresh = describe(old.conn), describe(db.conn)
    old.close()
    for part in ("tables", "indexes", "triggers", "views"):
        assert upgraded[part] == fresh[part], part


def test_the_steps_carry_their_own_ddl_and_import_no_area():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(migrations.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    names = {
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    assert not {name for name in imported | names if "areas" in (name or "")}
    assert "create_schema" not in Path(migrations.__file__).read_text(encoding="utf-8")
