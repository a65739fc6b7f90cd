import datetime as dt
import json
import sqlite3
import subprocess
import sys

import pytest

from fivemgmt import applock, audit, audit_verify, backup, keys, migrations, records, roster, school
from fivemgmt.actor import LOCAL_ADMIN, SYSTEM, Actor
from fivemgmt.cli import main
from fivemgmt.db import connect
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.exchange import merge, package
from fivemgmt.session import open_db


def test_backup_is_a_consistent_copy_with_a_manifest(demo_db, demo_db_path):
    other = sqlite3.connect(demo_db_path)  # a writer in the middle of a transaction elsewhere
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE homework_entries SET minutes = minutes + 1")
    info = backup.make_backup(demo_db, kind="manual")
    other.rollback()
    other.close()
    manifest = json.loads(info.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["app_version"] and manifest["schema_version"] == migrations.latest_version()
    assert manifest["kind"] == "manual" and manifest["created_at"]
    live = demo_db.execute("SELECT COUNT(*) FROM homework_entries WHERE deleted = 0").fetchone()[0]
    assert manifest["row_counts"]["homework_entries"] == live > 0
    assert manifest["audit_head"] == audit.head(demo_db)
    assert backup.verify_backup(info.path) is None
    with backup.plain_copy(info.path) as plain:
        copy = sqlite3.connect(plain)
        assert (
            copy.execute("SELECT SUM(minutes) FROM homework_entries").fetchone()
            == demo_db.execute("SELECT SUM(minutes) FROM homework_entries").fetchone()
        )
        copy.close()
    assert info.path.parent == demo_db_path.with_name("demo-backups")


def test_retention_keeps_14_daily_and_12_monthly(db, db_path):
    _school_with_entries(db)
    start = dt.datetime(2025, 1, 1, 8, 0)
    for day in range(0, 500, 3):
        for hour in (8, 17):
            backup.make_backup(
                db, kind="daily", now=start + dt.timedelta(days=day, hours=hour - 8), prune_old=False
            )
    removed = backup.prune(db_path)
    kept = backup.list_backups(db_path)
    assert removed and len(kept) <= backup.DAILY_KEEP + backup.MONTHLY_KEEP + backup.KEEP_LATEST
    days = sorted({b.created.date() for b in kept}, reverse=True)
    newest_days = sorted({start.date() + dt.timedelta(days=d) for d in range(0, 500, 3)}, reverse=True)[:14]
    assert set(newest_days) <= set(days)
    months = {(b.created.year, b.created.month) for b in kept}
    assert len(months) >= 12
    assert kept[0].created == start + dt.timedelta(days=498, hours=9)  # the very newest is always kept
    assert all(not p.exists() and not p.with_suffix(".json").exists() for p in removed)


def test_daily_backup_once_a_day(db, db_path):
    now = dt.datetime(2026, 11, 25, 9, 0)
    assert backup.backup_if_due(db, now=now) is not None
    assert backup.backup_if_due(db, now=now + dt.timedelta(hours=5)) is None
    assert backup.backup_if_due(db, now=now + dt.timedelta(days=1)) is not None


def test_migration_and_package_import_back_up_first(db_path, tmp_path):
    old = connect(db_path)
    migrations.upgrade(old, stop_before="0003_sleep")
    school.save_school(old, SYSTEM, "老学校", "小学")
    old.close()
    db = open_db(db_path)
    kinds = [b.kind for b in backup.list_backups(db_path)]
    assert kinds == ["premigration"]
    pre = backup.list_backups(db_path)[0]
    assert pre.manifest["schema_version"] == 2
    path = package.export_package(db, LOCAL_ADMIN, tmp_path / "x", kind="records").path  # signed by itself
    merge.import_packages(db, LOCAL_ADMIN, [path])
    assert [b.kind for b in backup.list_backups(db_path)][0] == "preimport"
    db.close()


def _school_with_entries(db):
    school.save_school(db, SYSTEM, "测试学校", "小学")
    class_id = school.add_class(db, SYSTEM, 4, 1)
    return class_id


def test_restore_shows_what_is_replaced_and_brings_the_data_back(db, db_path, capsys):
    _school_with_entries(db)
    info = backup.make_backup(db)
    school.add_class(db, SYSTEM, 5, 1)
    school.add_class(db, SYSTEM, 6, 1)
    db.close()
    preview = backup.restore_preview(db_path, info.path)
    text = "\n".join(preview.lines())
    assert "classes：当前 3 条 → 恢复后 1 条" in text and "撤销" in text
    assert main(["restore", str(info.path), "--db", str(db_path)]) == 1  # no --yes: nothing happens
    assert "--yes" in capsys.readouterr().out
    assert len(records.live_rows(open_db(db_path), "classes")) == 3
    assert main(["restore", str(info.path), "--db", str(db_path), "--yes"]) == 0
    restored = open_db(db_path)
    assert [c.grade for c in school.list_classes(restored)] == [4]
    assert audit_verify.verify(restored).ok
    assert any(b.kind == "prerestore" for b in backup.list_backups(db_path))
    restored.close()


def test_restore_is_refused_while_another_copy_has_the_database_open(db, db_path):
    _school_with_entries(db)
    info = backup.make_backup(db)
    with pytest.raises(UserError, match="另一个程序"):  # our own open connection counts
        backup.restore(db_path, info.path, LOCAL_ADMIN)
    db.close()
    with applock.AppLock(db_path):
        with pytest.raises(UserError, match="另一份本软件"):
            backup.restore(db_path, info.path, LOCAL_ADMIN)
        with pytest.raises(UserError, match="不能同时"):
            applock.AppLock(db_path).acquire()
    with pytest.raises(PermissionDenied):
        backup.restore(db_path, info.path, Actor("t", "老师", "teacher"))
    own = applock.AppLock(db_path)
    own.acquire()
    backup.restore(db_path, info.path, LOCAL_ADMIN, own_lock=own)  # the GUI restoring holds its own lock
    own.release()


def test_a_killed_app_does_not_leave_a_stale_lock(db_path):
    code = (
        "import os, signal, sys; from fivemgmt.applock import AppLock; AppLock(sys.argv[1]).acquire();"
        "print('held', flush=True); os.kill(os.getpid(), signal.SIGKILL)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, timeout=60
    )
    assert "held" in proc.stdout and proc.returncode == -9
    with applock.AppLock(db_path) as lock:
        assert lock.held


def test_startup_check_refuses_damaged_or_foreign_files_and_offers_a_backup(db, db_path, tmp_path):
    _school_with_entries(db)
    good = backup.make_backup(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    assert backup.check_database(db_path).ok
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # scribble over every page but the first
        data[offset + 100 : offset + 400] = b"\xa5" * 300
    db_path.write_bytes(bytes(data))
    check = backup.check_database(db_path)
    assert not check.ok and "损坏" in check.message and "不会写入" in check.message
    assert check.latest_good is not None and check.latest_good.path == good.path
    backup.restore(db_path, check.latest_good.path, LOCAL_ADMIN)
    assert backup.check_database(db_path).ok
    assert list(tmp_path.glob("school.sqlite.damaged-*"))  # the damaged file is kept, not deleted
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert "不是五项管理台账的数据库" in backup.check_database(foreign).message
    text = tmp_path / "text.sqlite"
    text.write_text("hello")
    check = backup.check_database(text)
    assert not check.ok and "不是 SQLite" in check.message and "没有找到完好的备份" in check.message


def test_cli_backup_and_list(db, db_path, capsys):
    _school_with_entries(db)
    db.close()
    assert main(["backup", "--db", str(db_path)]) == 0
    assert "已备份" in capsys.readouterr().out
    assert main(["backup", "--list", "--db", str(db_path)]) == 0
    assert "手动备份" in capsys.readouterr().out


def test_a_failed_backup_says_so_and_leaves_nothing_half_written(db, db_path, tmp_path):
    _school_with_entries(db)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(UserError, match="备份没有完成"):
        backup.make_backup(db, directory=blocker / "sub")
    assert not list(tmp_path.rglob("*.part"))
    school.add_class(db, SYSTEM, 5, 1)  # the database is untouched and still writable
    assert len(school.list_classes(db)) == 2


def _school_with_pupil(db):
    class_id = _school_with_entries(db)
    roster.save_student(
        db, SYSTEM, {"class_id": class_id, "name": "陈小明", "student_no": "G110105201501011234"}
    )


def test_backups_are_sealed_and_a_new_pc_restores_them_with_the_recovery_key(
    db, db_path, tmp_path, monkeypatch, capsys
):
    _school_with_pupil(db)
    info = backup.make_backup(db)
    data = info.path.read_bytes()
    assert "陈小明".encode() not in data and b"G110105201501011234" not in data and b"SQLite" not in data
    key = package.school_key(db)
    assert keys.find(keys.fingerprint(key)) == key  # kept outside the database too
    db.close()
    assert main(["backup", "key", "export", "--db", str(db_path)]) == 0
    recovery = keys.format_recovery_key(key)
    sheet = capsys.readouterr().out
    assert recovery in sheet and "审计密钥" in sheet
    audit_key = sheet.split("审计密钥（")[1].splitlines()[1].strip()
    # the old PC is gone: a new PC, no key file, only the backup file and the printed recovery key
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "new-pc-config"))
    new_db = tmp_path / "new-pc" / "school.sqlite"
    preview = backup.restore_preview(new_db, info.path)
    assert preview.key_needed and "找不到这个密钥" in preview.problem
    assert main(["restore", str(info.path), "--db", str(new_db), "--yes"]) == 2
    assert "恢复密钥" in capsys.readouterr().err and not new_db.exists()
    wrong = keys.format_recovery_key("ab" * 16)
    assert main(["restore", str(info.path), "--db", str(new_db), "--yes", "--key", wrong]) == 2
    assert "不是这份备份的学校密钥" in capsys.readouterr().err
    assert main(["restore", str(info.path), "--db", str(new_db), "--yes", "--key", recovery]) == 0
    restored = open_db(new_db)
    assert [s["name"] for s in records.live_rows(restored, "students")] == ["陈小明"]
    result = audit_verify.verify(restored)  # signed with the old PC's audit key: said plainly, not "all fine"
    assert (
        not result.ok and result.unverifiable and "本机没有审计链从第 1 条起所用的审计密钥" in result.message
    )
    assert main(["backup", "key", "import", audit_key]) == 0  # from the printed sheet
    assert audit_verify.verify(restored).ok
    restored.close()
    assert keys.find(keys.fingerprint(key)) == key  # the restored school's backups now open here


def test_key_import_lets_a_new_pc_restore_without_typing_the_key_again(db, db_path, tmp_path, monkeypatch):
    _school_with_pupil(db)
    info = backup.make_backup(db)
    key = package.school_key(db)
    db.close()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "new-pc-config"))
    assert backup.verify_backup(info.path) is not None
    assert main(["backup", "key", "import", keys.format_recovery_key(key).lower()]) == 0
    assert backup.verify_backup(info.path) is None
    assert main(["backup", "key", "import", "not-a-key"]) == 2


def test_previous_version_plain_backups_still_restore(db, db_path):
    _school_with_entries(db)
    folder = backup.backup_dir(db_path)
    folder.mkdir()
    old = folder / "fivemgmt-20261120-080000-000000-manual.sqlite"  # as the previous version named them
    copy = sqlite3.connect(old)
    db.conn.backup(copy)
    copy.close()
    school.add_class(db, SYSTEM, 5, 1)
    db.close()
    assert [b.path for b in backup.list_backups(db_path)] == [old]
    assert backup.verify_backup(old) is None
    backup.restore(db_path, old, LOCAL_ADMIN)
    restored = open_db(db_path)
    assert [c.grade for c in school.list_classes(restored)] == [4]
    restored.close()


def test_a_damaged_sealed_backup_is_refused_plainly(db, db_path):
    _school_with_entries(db)
    info = backup.make_backup(db)
    data = info.path.read_bytes()
    info.path.with_suffix(".json").unlink()  # no manifest: the file's own checks must catch it
    info.path.write_bytes(data[:-100])
    assert "不完整" in backup.verify_backup(info.path)
    info.path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert "已损坏" in backup.verify_backup(info.path)


def test_startup_check_says_when_only_the_key_is_missing(db, db_path, tmp_path, monkeypatch):
    _school_with_entries(db)
    backup.make_backup(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    db_path.write_bytes(b"\x00" * 8192)  # the database is gone, and so is the key file
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    check = backup.check_database(db_path)
    assert not check.ok and check.latest_good is None
    assert "1 份加密的备份" in check.message and "backup key import" in check.message


def test_a_backup_is_sealed_in_chunks_into_the_same_sealed_file(tmp_path):
    """A five-year school's backup was read whole and sealed whole at start-up: three copies of the file in
    memory (the app's peak on the dashboard). Sealed in chunks it needs a chunk, and opens as before."""
    import hashlib
    import os
    import tracemalloc

    from fivemgmt.files import safe_write

    key = "ab" * 16
    plain_path = tmp_path / "plain.sqlite"
    plain_path.write_bytes(os.urandom(12 * keys.CHUNK + 123))
    size = plain_path.stat().st_size
    target = tmp_path / "sealed.fivemgmt-backup"
    tracemalloc.start()
    try:
        with plain_path.open("rb") as source, safe_write(target, private=True) as out:
            length, digest = keys.seal_into(
                key, backup.PURPOSE, backup.MAGIC, {"kind": "test"}, source, size, out
            )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 * keys.CHUNK  # a few chunks and the write buffer, never the file (12 MB)
    data = target.read_bytes()
    assert (length, digest) == (len(data), hashlib.sha256(data).hexdigest())
    sealed = keys.Sealed.parse(data, backup.MAGIC)
    assert sealed.open(key, backup.PURPOSE) == plain_path.read_bytes()
    whole = keys.Sealed.parse(
        keys.seal(key, backup.PURPOSE, backup.MAGIC, {"kind": "test"}, plain_path.read_bytes()), backup.MAGIC
    )
    assert sealed.header.keys() == whole.header.keys() and sealed.header["length"] == whole.header["length"]
    with pytest.raises(keys.WrongKey):
        keys.Sealed.parse(data, backup.MAGIC).open("cd" * 16, backup.PURPOSE)
    # and read back in chunks (verifying and restoring a backup), with the same answers
    opened = tmp_path / "opened.sqlite"
    tracemalloc.start()
    try:
        with safe_write(opened, private=True) as out:
            keys.Sealed.parse_file(target, backup.MAGIC).open_into(key, backup.PURPOSE, out)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 * keys.CHUNK
    assert opened.read_bytes() == plain_path.read_bytes()
    with pytest.raises(keys.WrongKey), safe_write(tmp_path / "wrong", private=True) as out:
        keys.Sealed.parse_file(target, backup.MAGIC).open_into("cd" * 16, backup.PURPOSE, out)
    target.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit of the tag
    with pytest.raises(keys.Damaged):
        keys.Sealed.parse_file(target, backup.MAGIC)
    target.write_bytes(data[:-5])
    with pytest.raises(keys.Truncated):
        keys.Sealed.parse_file(target, backup.MAGIC)
