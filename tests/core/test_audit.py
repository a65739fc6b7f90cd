import sqlite3

from fivemgmt import audit, audit_verify, records
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.cli import main
from fivemgmt.db import transaction
from tests.core.people import TODAY, add_homework, make_people


def _raw(path, sql, params=()):
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_normal_use_verifies(demo_db):
    result = audit_verify.verify(demo_db)
    assert result.ok, result.message
    assert result.entries == demo_db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    assert audit.head(demo_db)[:16] in result.message


def test_a_row_edited_with_sqlite3_is_caught(db, db_path):
    people = make_people(db, with_accounts=False)
    entry_id = add_homework(db, SYSTEM, people.classes[4].id, minutes=20)
    add_homework(db, SYSTEM, people.classes[4].id, minutes=30, content="另一项")
    last_seq = db.execute("SELECT MAX(seq) FROM audit_log WHERE record_id = ?", [entry_id]).fetchone()[0]
    assert audit_verify.verify(db).ok
    _raw(db_path, "UPDATE homework_entries SET minutes = 5 WHERE id = ?", [entry_id])
    result = audit_verify.verify(db)
    assert not result.ok
    assert "homework_entries" in result.message and entry_id in result.message and "修改" in result.message
    assert result.broken_seq == last_seq


def test_rows_inserted_or_deleted_behind_the_apps_back_are_caught(db, db_path):
    people = make_people(db, with_accounts=False)
    entry_id = add_homework(db, SYSTEM, people.classes[4].id)
    _raw(
        db_path,
        "INSERT INTO homework_entries (id, class_id, date, subject, kind, minutes, deleted)"
        " VALUES ('forged', ?, '2026-11-25', '数学', '书面', 10, 0)",
        [people.classes[4].id],
    )
    assert "没有审计记录" in audit_verify.verify(db).message
    _raw(db_path, "DELETE FROM homework_entries WHERE id = 'forged'")
    assert audit_verify.verify(db).ok
    _raw(db_path, "DELETE FROM homework_entries WHERE id = ?", [entry_id])
    assert "删除" in audit_verify.verify(db).message


def test_edited_or_removed_audit_entries_break_the_chain(db, db_path):
    people = make_people(db, with_accounts=False)
    for minutes in (10, 20, 30):
        add_homework(db, SYSTEM, people.classes[4].id, minutes=minutes, content=f"第{minutes}")
    seq = db.execute("SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET 1").fetchone()[0]
    _raw(db_path, "UPDATE audit_log SET actor = 'someone' WHERE seq = ?", [seq])
    result = audit_verify.verify(db)
    assert not result.ok and result.broken_seq == seq and "被改动过" in result.message
    _raw(db_path, "UPDATE audit_log SET actor = 'system' WHERE seq = ?", [seq])
    assert audit_verify.verify(db).ok
    _raw(db_path, "DELETE FROM audit_log WHERE seq = ?", [seq - 1])
    result = audit_verify.verify(db)
    assert not result.ok and result.broken_seq == seq and "不相连" in result.message


def test_a_column_added_by_a_later_migration_is_not_tampering(db, db_path):
    people = make_people(db, with_accounts=False)
    entry_id = add_homework(db, SYSTEM, people.classes[4].id)
    db.execute("ALTER TABLE homework_entries ADD COLUMN difficulty INTEGER DEFAULT 2")
    assert audit_verify.verify(db).ok
    _raw(db_path, "UPDATE homework_entries SET difficulty = 5 WHERE id = ?", [entry_id])
    assert not audit_verify.verify(db).ok


def test_history_keeps_before_and_after_with_the_reason(db):
    people = make_people(db, with_accounts=False)
    entry_id = add_homework(db, SYSTEM, people.classes[4].id, minutes=20)
    with transaction(db):
        records.save(db, hw.ENTRIES, {"id": entry_id, "minutes": 45}, SYSTEM, reason="考试周调整")
    history = audit.history(db, hw.ENTRIES, entry_id)
    assert [h["action"] for h in history] == ["insert", "update"]
    assert history[1]["before"]["minutes"] == 20 and history[1]["after"]["minutes"] == 45
    assert history[1]["reason"] == "考试周调整"


def test_cli_audit_verify_reports_the_first_broken_link(db, db_path, capsys):
    people = make_people(db, with_accounts=False)
    entry_id = add_homework(db, SYSTEM, people.classes[4].id, day=TODAY)
    assert main(["audit", "verify", "--db", str(db_path)]) == 0
    assert "审计链完整" in capsys.readouterr().out
    _raw(db_path, "UPDATE homework_entries SET subject = '数学' WHERE id = ?", [entry_id])
    assert main(["audit", "verify", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "审计校验失败" in out and entry_id in out and "第一处断开" in out
    assert main(["audit", "history", hw.ENTRIES, entry_id, "--db", str(db_path)]) == 0
    assert "insert" in capsys.readouterr().out


def test_the_batch_signer_signs_as_hmac_sha256_for_keys_of_every_length():
    import hashlib
    import hmac

    messages = [b"", b"x", "审计".encode() * 50, bytes(range(256)) * 3]
    for length in (0, 1, 32, 63, 64, 65, 200):
        key = bytes((7 * i + length) % 256 for i in range(length))
        signer = audit._Signer(key)
        for message in messages:
            assert signer.hexdigest(message) == hmac.new(key, message, hashlib.sha256).hexdigest()


def test_every_table_has_a_name_for_people(demo_db):
    """Messages, conflicts, history windows and Excel sheets name tables through fivemgmt.tables."""
    from fivemgmt import tables
    from fivemgmt.exchange import package, xlsx

    unnamed = [t for t in audit.record_tables(demo_db) if t not in tables.LABELS]
    assert not unnamed
    assert package.table_label("teaching") == "任课" and xlsx.table_label("teaching") == "任课"


def test_a_record_is_its_audited_state_only_when_each_value_is_the_same_json():
    """verify's comparison takes equal texts and integers as they are, and the rest as JSON: a bool is not
    its integer, -0.0 is not 0.0, 5.0 is not 5."""
    same = audit_verify._same_state
    assert same({"a": "x", "n": 5, "z": None}, {"a": "x", "n": 5, "z": None}, {})
    assert not same({"n": 1}, {"n": True}, {}) and not same({"n": True}, {"n": 1}, {})
    assert not same({"f": 0.0}, {"f": -0.0}, {}) and not same({"n": 5}, {"n": 5.0}, {})
    assert not same({"a": "x"}, {"a": "y"}, {}) and same({"f": 1.5}, {"f": 1.5}, {})
