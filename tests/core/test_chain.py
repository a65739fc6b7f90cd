"""The audit chain can no longer be rewritten by whoever has the file (issue 11 items 2, 7, 8, 9).

Each test plays someone who has the database file (and sqlite3) but not this computer's audit key.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from fivemgmt import audit, audit_verify, backup, chainkey, records, roster, school, session, users
from fivemgmt.actor import LOCAL_ADMIN, SYSTEM
from fivemgmt.cli import main
from fivemgmt.db import connect, transaction
from fivemgmt.errors import UserError
from fivemgmt.session import open_db
from tests.core.people import PASSWORD, add_homework, make_people
from tests.core.schemas import old_school

WEEK = ["--week", "2026-W48", "--today", "2026-11-25"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def raw(path, *statements) -> None:
    conn = sqlite3.connect(path)
    for sql, *params in statements:
        conn.execute(sql, *params)
    conn.commit()
    conn.close()


def rehash_from(path, seq: int) -> None:
    """What someone with the file can do: recompute every hash from ``seq`` on (SHA-256, as before)."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    prev = conn.execute(
        "SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1", [seq]
    ).fetchone()
    prev = prev[0] if prev else audit.GENESIS
    for row in conn.execute("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq", [seq]).fetchall():
        digest = audit.entry_hash(
            prev,
            row["at"],
            row["actor"],
            row["table_name"],
            row["record_id"],
            row["action"],
            row["before"],
            row["after"],
            row["reason"],
        )
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, digest, row["seq"]])
        prev = digest
    conn.commit()
    conn.close()


@pytest.fixture(autouse=True)
def _password(monkeypatch):
    monkeypatch.setenv("FIVEMGMT_PASSWORD", PASSWORD)


@pytest.fixture
def homework_db(db, db_path):
    people = make_people(db)
    class_id = people.classes[4].id
    first = add_homework(db, SYSTEM, class_id, minutes=20)
    add_homework(db, SYSTEM, class_id, minutes=30, content="另一项")
    return db, db_path, people, first


# ------------------------------------------------------------------ item 2: a keyed chain


def test_a_value_edited_with_its_audit_entry_and_rehashed_is_caught(homework_db, capsys):
    db, db_path, _, entry_id = homework_db
    seq, after = db.execute(
        "SELECT seq, after FROM audit_log WHERE record_id = ? ORDER BY seq DESC LIMIT 1", [entry_id]
    ).fetchone()
    db.close()
    forged = json.dumps(
        {**json.loads(after), "minutes": 5}, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    raw(
        db_path,
        ("UPDATE homework_entries SET minutes = 5 WHERE id = ?", [entry_id]),
        ("UPDATE audit_log SET after = ? WHERE seq = ?", [forged, seq]),
    )
    rehash_from(db_path, seq)
    code, out, _ = run(capsys, "audit", "verify", "--db", str(db_path), "--user", "admin")
    assert code == 1 and f"第 {seq} 条审计记录被改动过" in out


def test_a_whole_chain_rewritten_without_its_key_entries_is_caught(homework_db, capsys):
    db, db_path, _, _ = homework_db
    db.close()
    raw(db_path, ("DELETE FROM audit_log WHERE table_name = 'audit_chain'",))
    rehash_from(db_path, 1)
    code, out, _ = run(capsys, "audit", "verify", "--db", str(db_path), "--user", "admin")
    assert code == 1 and "没有本软件的签名密钥记录" in out


def test_the_newest_rows_deleted_with_their_audit_entries_are_caught_against_the_backup(
    homework_db, capsys, monkeypatch
):
    db, db_path, people, _ = homework_db
    newest = add_homework(db, SYSTEM, people.classes[4].id, minutes=45, content="第三项")
    made = backup.make_backup(db)
    first_of_it = db.execute("SELECT MIN(seq) FROM audit_log WHERE record_id = ?", [newest]).fetchone()[0]
    db.close()
    assert made.manifest["audit_mac"] and made.manifest["audit_key"]
    raw(
        db_path,
        ("DELETE FROM homework_entries WHERE id = ?", [newest]),
        ("DELETE FROM audit_log WHERE seq >= ?", [first_of_it]),
    )
    monkeypatch.setenv("FIVEMGMT_PASSWORD", PASSWORD)
    code, out, _ = run(capsys, "audit", "verify", "--db", str(db_path), "--user", "admin")
    assert code == 1 and "审计链比" in out and "的备份还短" in out and "被删除" in out
    # and nobody works on such a file unawares: every other command refuses it before signing in
    code, _, err = run(capsys, "summary", "--db", str(db_path), *WEEK, "--user", "admin")
    assert code == 2 and "被绕过本软件改动过" in err and "备份还短" in err
    # the manifest cannot be edited to match the shorter chain: it is signed with the audit key
    manifest = json.loads(made.path.with_suffix(".json").read_text())
    manifest["audit_entries"] = first_of_it - 1
    made.path.with_suffix(".json").write_text(json.dumps(manifest))
    code, out, _ = run(capsys, "audit", "verify", "--db", str(db_path), "--user", "admin")
    assert code == 1 and "清单中的链头被改动过" in out


def test_an_account_made_admin_outside_the_app_is_said_plainly_and_refused(homework_db, capsys, monkeypatch):
    db, db_path, _, _ = homework_db
    db.close()
    raw(db_path, ("UPDATE accounts SET role = 'admin' WHERE username = 'wang'",))
    monkeypatch.setenv("FIVEMGMT_PASSWORD", PASSWORD)
    code, out, _ = run(capsys, "audit", "verify", "--db", str(db_path), "--user", "admin")
    assert code == 1 and "账户“wang”" in out and "被绕过本软件修改" in out
    code, out, err = run(capsys, "user", "list", "--db", str(db_path), "--user", "wang")
    assert code == 2 and out == ""
    assert "被绕过本软件改动过" in err and "账户“wang”" in err and "audit verify" in err
    with pytest.raises(session.TamperedSchool):
        session.open_school(db_path, lambda db: users.login(db, "wang", PASSWORD))


def test_the_single_user_switch_and_password_hashes_are_under_the_chain(homework_db, capsys, monkeypatch):
    db, db_path, _, _ = homework_db
    db.close()
    # switch on the password-free sign-in as admin, behind the app's back
    raw(db_path, ("INSERT INTO meta (key, value) VALUES ('single_user_account', 'admin')",))
    code, _, err = run(capsys, "summary", "--db", str(db_path), *WEEK)
    assert code == 2 and "免密码登录" in err and "被绕过本软件" in err
    raw(db_path, ("DELETE FROM meta WHERE key = 'single_user_account'",))
    # give the admin a password hash whose password one knows (wang's), behind the app's back
    raw(
        db_path,
        (
            "UPDATE account_secrets SET salt = (SELECT salt FROM account_secrets WHERE username = 'wang'),"
            " hash = (SELECT hash FROM account_secrets WHERE username = 'wang') WHERE username = 'admin'",
        ),
    )
    monkeypatch.setenv("FIVEMGMT_PASSWORD", PASSWORD)
    code, _, err = run(capsys, "summary", "--db", str(db_path), *WEEK, "--user", "admin")
    assert code == 2 and "账户“admin”的密码" in err
    # removing every account (to act as the local administrator of a new school) is caught too
    raw(db_path, ("DELETE FROM accounts",), ("DELETE FROM account_secrets",))
    code, _, err = run(capsys, "summary", "--db", str(db_path), *WEEK)
    assert code == 2 and "被绕过本软件删除" in err


def test_changes_made_in_the_app_are_sealed_and_do_not_hide_an_earlier_edit(homework_db):
    db, db_path, people, _ = homework_db
    users.set_single_user(db, people.admin, "admin")
    users.set_password(db, people.admin, "wang", "new-secret-456")
    assert audit_verify.verify(db).ok and audit_verify.quick_check(db).ok
    raw(db_path, ("UPDATE meta SET value = 'other-installation' WHERE key = 'installation_id'",))
    users.set_single_user(db, people.admin, None)  # the app changes meta again: the edit stays visible
    result = audit_verify.verify(db)
    assert not result.ok and "meta.installation_id" in result.message


def test_a_failed_login_is_no_change_to_the_sealed_password(homework_db):
    db, _, _, _ = homework_db
    with pytest.raises(UserError):
        users.login(db, "wang", "wrong-password")
    users.login(db, "wang", PASSWORD)
    assert audit_verify.verify(db).ok


def test_verify_head_checks_a_printed_head(homework_db, capsys, monkeypatch):
    db, db_path, people, _ = homework_db
    printed = audit.head(db)[:16]  # as the forms print it in their footer
    add_homework(db, SYSTEM, people.classes[4].id, minutes=10, content="后来")
    db.close()
    monkeypatch.setenv("FIVEMGMT_PASSWORD", PASSWORD)
    args = ["audit", "verify", "--db", str(db_path), "--user", "admin"]
    code, out, _ = run(capsys, *args, "--head", printed)
    assert code == 0 and f"打印的链头 {printed} 是第" in out and "打印之后又有" in out
    code, out, _ = run(capsys, *args, "--head", "0123456789abcdef")
    assert code == 1 and "不在本数据库的审计链中" in out
    code, _, err = run(capsys, *args, "--head", "abc")
    assert code == 2 and "至少需要" in err


def test_a_chain_from_before_the_keyed_chain_is_re_anchored_and_stays_verifiable(db_path):
    old = connect(old_school(db_path, "v19"))  # a school as version 19 made it
    # entries as the previous version wrote them: plain SHA-256
    prev = audit.GENESIS
    for n in range(3):
        values = ("2026-11-20T08:00:00.000000+00:00", "admin", "classes", f"c{n}", "insert", None, None, "旧")
        digest = audit.entry_hash(prev, *values)
        old.execute(
            "INSERT INTO audit_log (at, actor, table_name, record_id, action, before, after, reason, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*values, prev, digest],
        )
        prev = digest
    old.conn.commit()
    old.close()
    db = open_db(db_path)  # the upgrade
    key_entry = db.execute(
        "SELECT seq, reason, prev_hash FROM audit_log WHERE table_name = 'audit_chain'"
    ).fetchone()
    assert key_entry[0] == 4 and key_entry[2] == prev
    assert "此前的 3 条记录以链头" in key_entry[1] and prev[:16] in key_entry[1]
    assert audit_verify.verify(db).ok
    db.close()
    # an old entry rewritten (and the old part re-hashed) no longer matches the signed anchor
    raw(db_path, ("UPDATE audit_log SET actor = 'someone' WHERE seq = 2",))
    rehash_from(db_path, 2)
    db = open_db(db_path)
    result = audit_verify.verify(db)
    assert not result.ok and result.broken_seq == 4
    db.close()


def test_a_database_from_another_computer_is_told_apart_from_a_tampered_one(
    homework_db, monkeypatch, tmp_path
):
    db, db_path, _, _ = homework_db
    db.close()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other-pc"))
    warned: list[str] = []
    with session.open_school(
        db_path, lambda db: users.login(db, "admin", PASSWORD), chain_warning=warned.append
    ):
        pass
    assert warned and "本机没有审计链" in warned[0] and "另一台电脑" in warned[0]
    other = open_db(db_path)
    assert chainkey.find(audit.current_key(other)[0]) is None
    result = audit_verify.verify(other)
    assert not result.ok and result.unverifiable
    other.close()


# ------------------------------------------------------------------ item 7: another school's backup


def _school(path, name):
    db = open_db(path)
    school.save_school(db, SYSTEM, name, "小学")
    school.add_class(db, SYSTEM, 4, 1)
    return db


def test_restore_of_another_schools_backup_is_refused(tmp_path, capsys):
    ours = _school(tmp_path / "ours.sqlite", "第一小学")
    theirs = _school(tmp_path / "theirs.sqlite", "第二小学")
    their_backup = backup.make_backup(theirs)
    theirs.close()
    our_key = ours.execute("SELECT value FROM meta WHERE key = 'school_key'").fetchone()[0]
    ours.close()
    preview = backup.restore_preview(tmp_path / "ours.sqlite", their_backup.path)
    assert "另一所学校（第二小学）" in preview.problem
    code, _, err = run(
        capsys, "restore", str(their_backup.path), "--db", str(tmp_path / "ours.sqlite"), "--yes"
    )
    assert code == 2 and "另一所学校" in err
    with pytest.raises(UserError, match="另一所学校"):
        backup.restore(tmp_path / "ours.sqlite", their_backup.path, LOCAL_ADMIN)
    after = open_db(tmp_path / "ours.sqlite")
    assert after.execute("SELECT value FROM meta WHERE key = 'school_key'").fetchone()[0] == our_key
    assert school.get_school(after)["name"] == "第一小学"
    after.close()


def test_moving_a_whole_school_to_a_new_pc_needs_its_recovery_key(tmp_path, capsys):
    theirs = _school(tmp_path / "old.sqlite", "第二小学")
    made = backup.make_backup(theirs)
    key = theirs.execute("SELECT value FROM meta WHERE key = 'school_key'").fetchone()[0]
    theirs.close()
    new = tmp_path / "new-pc" / "school.sqlite"
    preview = backup.restore_preview(new, made.path)  # the key file is here, but nothing says it is ours
    assert preview.key_needed and "搬到本机" in preview.problem and "恢复密钥" in preview.problem
    code, _, err = run(capsys, "restore", str(made.path), "--db", str(new), "--yes")
    assert code == 2 and "恢复密钥" in err and not new.exists()
    from fivemgmt import keys

    recovery = keys.format_recovery_key(key)
    code, _, err = run(capsys, "restore", str(made.path), "--db", str(new), "--yes", "--key", recovery)
    assert code == 0, err


# ------------------------------------------------------------------ item 8: an emptied or missing school


def _good_school_with_backup(db, db_path):
    people = make_people(db)
    add_homework(db, SYSTEM, people.classes[4].id)
    good = backup.make_backup(db)
    db.close()
    return good


@pytest.mark.parametrize("how", ["emptied", "missing"])
def test_an_emptied_or_missing_school_offers_its_latest_good_backup(db, db_path, capsys, how):
    good = _good_school_with_backup(db, db_path)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    if how == "emptied":
        db_path.write_bytes(b"")
    else:
        db_path.unlink()
    code, out, err = run(capsys, "summary", "--db", str(db_path), *WEEK)
    assert code == 2 and out == ""
    assert "这所学校的数据不见了" in err and good.label in err and f"fivemgmt restore {good.path}" in err
    with pytest.raises(session.DamagedSchool) as raised:
        session.open_school(db_path, lambda db: LOCAL_ADMIN)
    assert raised.value.check.latest_good.path == good.path
    assert [b.path for b in backup.list_backups(db_path)] == [good.path]  # nothing backed up over it
    code, _, err = run(capsys, "restore", str(good.path), "--db", str(db_path), "--yes")
    assert code == 0, err
    restored = open_db(db_path)
    assert records.live_rows(restored, "homework_entries")
    restored.close()


def test_retention_never_drops_the_newest_good_backup_for_empty_ones(db, db_path, tmp_path):
    good = _good_school_with_backup(db, db_path)
    empty = open_db(tmp_path / "empty" / "school.sqlite")  # what an emptied file opened again would back up
    start = dt.datetime(2026, 11, 25, 9, 0)
    for n in range(40):
        backup.make_backup(
            empty, kind="startup", directory=backup.backup_dir(db_path), now=start + dt.timedelta(hours=n)
        )
    empty.close()
    kept = backup.list_backups(db_path)
    assert good.path in [b.path for b in kept]
    assert len([b for b in kept if not backup.holds_data(b)]) == 1  # of the empty ones, only the newest


def test_retention_keeps_the_newest_good_backup_when_newer_ones_are_damaged(db, db_path):
    people = make_people(db)
    start = dt.datetime(2026, 10, 1, 9, 0)
    good = backup.make_backup(db, now=start, prune_old=False)
    for day in range(1, 30):
        add_homework(db, SYSTEM, people.classes[4].id, minutes=day % 50 + 1, content=f"第{day}天")
        newer = backup.make_backup(db, now=start + dt.timedelta(days=day), prune_old=False)
        newer.path.write_bytes(newer.path.read_bytes()[:200])  # a broken copy (disk trouble)
    backup.prune(db_path)
    kept = [b.path for b in backup.list_backups(db_path)]
    assert good.path in kept
    assert backup.latest_good_backup(db_path).path == good.path


# ------------------------------------------------------------------ item 9: every command checks first


def _damage_an_index(path) -> None:
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'homework_entries' LIMIT 1"
    ).fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    offset = (root - 1) * page_size
    data[offset + 8 : offset + 200] = b"\xa5" * 192
    path.write_bytes(bytes(data))


COMMANDS = [
    ["summary", *WEEK],
    ["unlogged", "--date", "2026-11-24"],
    ["chart", "weekly", *WEEK, "--out", "{tmp}/c.png"],
    ["report", "self-inspection", *WEEK, "-o", "{tmp}/r.pdf"],
    ["import", "homework", "{tmp}/hw.csv"],
    ["xlsx", "export", "-o", "{tmp}/x.xlsx"],
    ["xlsx", "import", "{tmp}/x.xlsx"],
    ["package", "export", "-o", "{tmp}/p.pkg"],
    ["fitness", "export", "-o", "{tmp}/f.xlsx"],
    ["backup"],
    ["backup", "--list"],
    ["backup", "key", "export"],
    ["audit", "verify"],
    ["audit", "history", "homework_entries", "x"],
    ["user", "list"],
    ["year", "show"],
    ["year", "rollover", "--to", "2027-2028", "--new-classes", "1", "--dry-run"],
    ["user", "add", "zhao", "--role", "teacher", "--password", "secret-789"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_refuses_a_damaged_file_before_doing_anything(command, db, db_path, tmp_path, capsys):
    people = make_people(db)
    add_homework(db, SYSTEM, people.classes[4].id)
    db.close()
    (tmp_path / "hw.csv").write_text(
        "日期,班级,学科,作业内容,作业类型,必做/选做,预计时长(分钟)\n", encoding="utf-8"
    )
    _damage_an_index(db_path)
    before = db_path.read_bytes()
    argv = [part.format(tmp=tmp_path) for part in command]
    code, out, err = run(capsys, *argv, "--db", str(db_path), "--user", "admin")
    assert code == 2, (out, err)
    assert "损坏" in err and "不会写入" in err and "Traceback" not in err
    assert db_path.read_bytes() == before
    assert (
        not any(tmp_path.glob("*.png"))
        and not any(tmp_path.glob("*.pdf"))
        and not any(tmp_path.glob("*.pkg"))
    )


def test_every_subcommand_is_in_the_damaged_file_test():
    """A command added later without a line above fails here, so it cannot skip the check unnoticed."""
    from fivemgmt.cli import build_parser

    parser = build_parser()
    top = next(a for a in parser._actions if a.dest == "command").choices
    # commands that do not open a school: they make one, or work without a database
    no_school = {"new-school", "demo", "gui", "self-test", "benchmark", "restore"}
    covered = {c[0] for c in COMMANDS}
    assert set(top) - no_school - {"fitness"} <= covered, set(top) - no_school - covered


def resign(path, key: bytes, fp: str) -> None:
    """Someone with the file and their own audit key re-signs the whole chain as theirs."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.execute("UPDATE audit_log SET record_id = ? WHERE table_name = 'audit_chain'", [fp])
    prev = audit.GENESIS
    for row in conn.execute("SELECT * FROM audit_log ORDER BY seq").fetchall():
        values = [
            row[c] for c in ("at", "actor", "table_name", "record_id", "action", "before", "after", "reason")
        ]
        digest = audit.entry_hash(prev, *values, key)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, digest, row["seq"]])
        prev = digest
    conn.commit()
    conn.close()


def test_a_chain_re_signed_with_someone_elses_key_is_caught_against_the_backup(
    homework_db, capsys, tmp_path, monkeypatch, private_config_dir
):
    db, db_path, _, _ = homework_db
    made = backup.make_backup(db)
    db.close()
    raw(db_path, ("UPDATE accounts SET role = 'admin' WHERE username = 'wang'",))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "their-pc"))
    fp, key = chainkey.create("theirs")
    resign(db_path, key, fp)  # and re-anchor the edited account in it
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT * FROM accounts WHERE username = 'wang'").fetchone()
    conn.close()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(private_config_dir))  # back on the school's computer
    code, _, err = run(capsys, "user", "list", "--db", str(db_path), "--user", "wang")
    assert row is not None and code == 2 and "被绕过本软件改动过" in err and "审计链被改写过" in err
    # without a backup to compare with, it cannot be told from a database used on another PC: said plainly
    made.path.unlink()
    made.path.with_suffix(".json").unlink()
    code, _, err = run(capsys, "user", "list", "--db", str(db_path), "--user", "admin")
    assert (
        code == 0
        and "注意: 本机没有审计链从第 1 条起所用的审计密钥" in err
        and "有人绕过本软件改写了审计链" in err
    )


# Tables outside the chain on purpose: the chain itself, and the counters of failed logins (they change at
# every wrong password; a lock is audited when it is set).
NOT_CHAINED = {audit.AUDIT_TABLE, "login_failures"}


def test_every_table_of_a_school_is_under_the_chain(demo_db):
    """A table added later without the record columns and without a seal would be editable unnoticed."""
    chained = set(audit.record_tables(demo_db)) | {t.name for t in audit.SEALED_TABLES}
    tables = {t for t in demo_db.table_names() if not t.startswith("sqlite_")}
    assert sorted(tables - chained - NOT_CHAINED) == []
    assert NOT_CHAINED <= tables


def test_a_value_sqlite_stores_differently_is_audited_as_stored(db):
    """-0.0 (a rounded -0.04 cm 坐位体前屈) reads back from SQLite as 0.0: the audit entry must say 0.0, or the
    school's own chain reads as tampered with (the demo of some days did)."""
    people = make_people(db)
    klass = people.classes[4]
    student = roster.save_student(
        db, SYSTEM, {"class_id": klass.id, "name": "甲", "sex": "男", "student_no": "Z1"}
    )
    from fivemgmt.fitness import store as fitness

    fitness.save_result(db, SYSTEM, student, {"height": "140"}, today=dt.date(2026, 11, 25))
    row = records.live_rows(db, fitness.RESULTS)[0]
    with transaction(db):
        records.save(db, fitness.RESULTS, {**row, "sit_reach": -0.0}, SYSTEM)
    result = audit_verify.verify(db)
    assert result.ok, result.message


def test_a_change_the_quick_check_does_not_see_is_found_by_the_full_check_after_opening(db, db_path):
    """Issue 13: the GUI opens on the quick checks and runs session.check_fully after its window paints."""
    people = make_people(db)
    entry = add_homework(db, SYSTEM, people.classes[4].id, minutes=20)
    for n in range(30):  # the changed entry is no longer among the newest the quick check reads
        add_homework(db, SYSTEM, people.classes[8].id, subject="数学", content=f"第 {n} 页")
    db.close()
    raw(db_path, ("UPDATE homework_entries SET minutes = 5 WHERE id = ?", [entry]))
    with session.open_school(db_path, lambda db: LOCAL_ADMIN, full_check=False) as opened:
        reader = opened.reader()
        try:
            check = session.check_fully(opened, reader)
        finally:
            reader.close()
    assert not check.ok and "打开后的完整检查发现这所学校的数据被绕过本软件改动过" in check.message


def test_a_full_check_given_up_is_not_said_as_damage(db, db_path):
    """The window closing interrupts the full check after opening (``conn.interrupt()``; here SQLite's
    progress handler gives it up the same way): an interrupted integrity check raises, it is not a
    damaged file."""
    make_people(db)
    db.close()
    with session.open_school(db_path, lambda db: LOCAL_ADMIN, full_check=False) as opened:
        reader = opened.reader()
        reader.conn.set_progress_handler(lambda: 1, 1)
        try:
            with pytest.raises(sqlite3.OperationalError, match="interrupted"):
                session.check_fully(opened, reader)
        finally:
            reader.close()
        assert opened.stopped is None
        reader = opened.reader()  # not given up: the same file is healthy
        try:
            assert session.check_fully(opened, reader).ok
        finally:
            reader.close()
