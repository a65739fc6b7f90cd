import datetime as dt
import random

import pytest

from fivemgmt import audit, records
from fivemgmt.accounts import LOCAL_ADMIN, PRINCIPAL, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.cli import main
from fivemgmt.db import open_db, transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.exchange import package
from tests.core.people import add_homework, make_people

PRINCIPAL_ACTOR = Actor("boss", "张校长", PRINCIPAL)


def _state(db, tables=(hw.ENTRIES, hw.DAYS)):
    """Everything a user could notice in the registers: rows with their bookkeeping."""
    return {t: sorted(tuple(sorted(r.items())) for r in db.query(f"SELECT * FROM [{t}]")) for t in tables}


def _audit_count(db):
    return db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]


@pytest.fixture
def school(tmp_path):
    """The principal's database, and two teachers' installations joined with its set-up package."""
    principal = open_db(tmp_path / "principal.sqlite")
    people = make_people(principal, with_accounts=False)
    setup = package.export_package(principal, PRINCIPAL_ACTOR, tmp_path / "setup")
    teachers = {}
    for name in ("wang", "li"):
        db = open_db(tmp_path / f"{name}.sqlite")
        preview, _ = package.import_packages(db, LOCAL_ADMIN, [setup.path])
        assert preview.packages[0].adopts_school_key
        teachers[name] = db
    yield principal, people, teachers, tmp_path
    for db in (principal, *teachers.values()):
        db.close()


def test_setup_package_gives_a_new_install_the_schools_classes(school):
    principal, people, teachers, _ = school
    wang = teachers["wang"]
    assert [r["name"] for r in records.live_rows(wang, "classes", order_by="grade")] == [
        c.name for c in sorted(people.classes.values(), key=lambda c: c.grade)
    ]
    assert package.school_key(wang) == package.school_key(principal)
    assert audit.verify(wang).ok


def test_teacher_exports_only_own_class_and_only_changes_since_last_export(school):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    c4, c8 = people.classes[4].id, people.classes[8].id
    first = add_homework(wang, people.head, c4, minutes=25)
    add_homework(wang, LOCAL_ADMIN, c8, subject="数学")  # someone else's class on this machine
    out = package.export_package(wang, people.head, tmp / "w1")
    assert out.counts == {hw.ENTRIES: 1}
    again = package.export_package(wang, people.head, tmp / "w2")
    assert again.total == 0
    with transaction(wang):
        records.save(wang, hw.ENTRIES, {"id": first, "minutes": 35}, people.head)
    third = package.export_package(wang, people.head, tmp / "w3")
    assert third.counts == {hw.ENTRIES: 1}
    everything = package.export_package(wang, people.head, tmp / "w4", since="all")
    assert everything.counts == {hw.ENTRIES: 1}
    with pytest.raises(PermissionDenied):
        package.export_package(wang, people.head, tmp / "s", kind="setup")


def test_principal_import_previews_commits_and_is_idempotent(school):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    c4 = people.classes[4].id
    add_homework(wang, people.head, c4, minutes=25)
    add_homework(wang, people.head, c4, minutes=15, content="背诵")
    pkg = package.export_package(wang, people.head, tmp / "wang").path
    before = _state(principal), _audit_count(principal)
    preview = package.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    assert preview.counts[hw.ENTRIES] == {"new": 2, "changed": 0, "conflict": 0, "unchanged": 0}
    assert (_state(principal), _audit_count(principal)) == before  # the preview changed nothing
    changes = package.commit_import(principal, PRINCIPAL_ACTOR, preview)
    assert len(changes.ids) == 2
    imported = _state(principal)
    assert imported[hw.ENTRIES] == _state(wang)[hw.ENTRIES]  # same ids, times, origin
    count = _audit_count(principal)
    second = package.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    assert not second.changes_anything and second.already_imported == ["wang.fivemgmt"]
    package.commit_import(principal, PRINCIPAL_ACTOR, second)
    assert _state(principal) == imported and _audit_count(principal) == count
    assert audit.verify(principal).ok


def test_import_is_order_independent(school, monkeypatch):
    principal, people, teachers, tmp = school
    wang, li = teachers["wang"], teachers["li"]
    c4, c8 = people.classes[4].id, people.classes[8].id
    entry = add_homework(wang, people.head, c4, minutes=20)
    w1 = package.export_package(wang, people.head, tmp / "w1").path
    with transaction(wang):
        records.save(wang, hw.ENTRIES, {"id": entry, "minutes": 40}, people.head)
    add_homework(wang, people.head, c4, minutes=10, content="口算")
    w2 = package.export_package(wang, people.head, tmp / "w2").path
    add_homework(li, people.maths, c8, subject="数学", minutes=30)
    l1 = package.export_package(li, people.maths, tmp / "l1").path
    finals = []
    for order in ([w1, w2, l1], [w2, l1, w1], [l1, w2, w1]):
        copy = tmp / f"p{len(finals)}.sqlite"
        principal.execute("VACUUM INTO ?", [str(copy)])
        db = open_db(copy)
        for path in order:
            preview, _ = package.import_packages(db, PRINCIPAL_ACTOR, [path])
            assert not preview.conflicts
        finals.append(_state(db))
        db.close()
    assert finals[0] == finals[1] == finals[2]
    minutes = {
        r[0]: r[1] for r in open_db(tmp / "p1.sqlite").execute("SELECT id, minutes FROM homework_entries")
    }
    assert minutes[entry] == 40


def _fixed_clock(monkeypatch, stamp):
    monkeypatch.setattr(records, "now_iso", lambda: stamp)


def test_conflicts_latest_change_wins_and_both_versions_stay_in_the_trail(school, monkeypatch):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    c4 = people.classes[4].id
    _fixed_clock(monkeypatch, "2026-11-24T08:00:00.000000+00:00")
    entry = add_homework(wang, people.head, c4, minutes=20)
    package.import_packages(
        principal, PRINCIPAL_ACTOR, [package.export_package(wang, people.head, tmp / "a").path]
    )
    # both sides change the same record: the principal at 09:00, the teacher at 10:00
    _fixed_clock(monkeypatch, "2026-11-24T09:00:00.000000+00:00")
    with transaction(principal):
        records.save(
            principal, hw.ENTRIES, {"id": entry, "minutes": 30}, PRINCIPAL_ACTOR, reason="教导处更正"
        )
    _fixed_clock(monkeypatch, "2026-11-24T10:00:00.000000+00:00")
    with transaction(wang):
        records.save(wang, hw.ENTRIES, {"id": entry, "minutes": 45}, people.head)
    pkg = package.export_package(wang, people.head, tmp / "b").path
    preview = package.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    assert preview.counts[hw.ENTRIES]["conflict"] == 1
    assert [c.winner for c in preview.conflicts] == ["数据包"]
    package.commit_import(principal, PRINCIPAL_ACTOR, preview)
    assert records.get(principal, hw.ENTRIES, entry)["minutes"] == 45
    last = audit.history(principal, hw.ENTRIES, entry)[-1]
    assert last["action"] == "conflict" and last["before"]["minutes"] == 30 and last["after"]["minutes"] == 45
    # and the other way round: the principal's change is the later one, so it stays
    _fixed_clock(monkeypatch, "2026-11-24T11:00:00.000000+00:00")
    with transaction(wang):
        records.save(wang, hw.ENTRIES, {"id": entry, "minutes": 50}, people.head)
    pkg2 = package.export_package(wang, people.head, tmp / "c").path
    _fixed_clock(monkeypatch, "2026-11-24T12:00:00.000000+00:00")
    with transaction(principal):
        records.save(principal, hw.ENTRIES, {"id": entry, "minutes": 33}, PRINCIPAL_ACTOR, reason="再次更正")
    preview2, _ = package.import_packages(principal, PRINCIPAL_ACTOR, [pkg2])
    assert [c.winner for c in preview2.conflicts] == ["本机"]
    assert records.get(principal, hw.ENTRIES, entry)["minutes"] == 33
    last = audit.history(principal, hw.ENTRIES, entry)[-1]
    assert last["action"] == "conflict" and last["before"]["minutes"] == 50 and last["after"]["minutes"] == 33
    assert audit.verify(principal).ok
    # importing the same package again changes nothing
    count = _audit_count(principal)
    package.import_packages(principal, PRINCIPAL_ACTOR, [pkg2])
    assert _audit_count(principal) == count


def test_tombstones_travel(school):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    entry = add_homework(wang, people.head, people.classes[4].id)
    package.import_packages(
        principal, PRINCIPAL_ACTOR, [package.export_package(wang, people.head, tmp / "a").path]
    )
    hw.delete_entry(wang, people.head, entry, today=__import__("datetime").date(2026, 11, 25))
    preview, _ = package.import_packages(
        principal, PRINCIPAL_ACTOR, [package.export_package(wang, people.head, tmp / "b").path]
    )
    assert preview.counts[hw.ENTRIES]["changed"] == 1
    assert records.get(principal, hw.ENTRIES, entry)["deleted"] == 1


def _package_bytes(school):
    principal, people, teachers, tmp = school
    add_homework(teachers["wang"], people.head, people.classes[4].id)
    path = package.export_package(teachers["wang"], people.head, tmp / "w").path
    return principal, path, path.read_bytes()


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda data: data[: len(data) - 7], "不完整"),
        (lambda data: data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:], "已损坏"),
        (lambda data: data[:30], "不完整|已损坏"),
        (lambda data: b"PK\x03\x04" + data, "不是五项管理数据包"),
        (lambda data: random.Random(3).randbytes(len(data)), "不是五项管理数据包"),
        (lambda data: b"", "不是五项管理数据包"),
    ],
)
def test_damaged_packages_are_refused_and_change_nothing(school, damage, message):
    principal, path, data = _package_bytes(school)
    path.write_bytes(damage(data))
    before = _state(principal), _audit_count(principal)
    with pytest.raises(UserError, match=message):
        package.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert (_state(principal), _audit_count(principal)) == before


def test_a_repacked_package_without_the_school_key_is_refused(school):
    import hashlib
    import json
    import zlib

    principal, path, data = _package_bytes(school)
    header_line, payload = data[len(package.MAGIC) :].split(b"\n", 1)
    content = json.loads(zlib.decompress(payload))
    content["tables"][hw.ENTRIES]["rows"][0][content["tables"][hw.ENTRIES]["columns"].index("minutes")] = 5
    forged = zlib.compress(json.dumps(content).encode())
    header = json.loads(header_line)
    header.update(length=len(forged), sha256=hashlib.sha256(forged).hexdigest())
    path.write_bytes(package.MAGIC + json.dumps(header).encode() + b"\n" + forged)
    with pytest.raises(UserError, match="签名不符"):
        package.import_packages(principal, PRINCIPAL_ACTOR, [path])


def test_a_foreign_schools_package_is_refused(school, tmp_path):
    principal, people, _, tmp = school
    other = open_db(tmp / "other.sqlite")
    other_people = make_people(other, with_accounts=False)
    add_homework(other, LOCAL_ADMIN, other_people.classes[4].id)
    path = package.export_package(other, LOCAL_ADMIN, tmp / "other", kind="records").path
    before = _state(principal)
    with pytest.raises(UserError, match="来自其他学校"):
        package.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert _state(principal) == before
    other.close()


def test_a_teacher_cannot_import_another_classs_records(school):
    principal, people, teachers, tmp = school
    add_homework(principal, PRINCIPAL_ACTOR, people.classes[8].id, subject="语文")
    add_homework(principal, PRINCIPAL_ACTOR, people.classes[4].id)
    path = package.export_package(principal, PRINCIPAL_ACTOR, tmp / "all", kind="records").path
    wang = teachers["wang"]
    before = _state(wang), _audit_count(wang)
    with pytest.raises(PermissionDenied, match="其他班级"):
        package.import_packages(wang, people.head, [path])
    assert (_state(wang), _audit_count(wang)) == before
    with pytest.raises(PermissionDenied):
        package.import_packages(wang, people.supervisor, [path])


def test_records_of_unknown_classes_refuse_the_whole_import(school, tmp_path):
    principal, people, teachers, tmp = school
    stray = open_db(tmp / "stray.sqlite")  # an install that made its own classes instead of importing set-up
    with transaction(stray):
        stray.execute("UPDATE meta SET value = ? WHERE key = 'school_key'", [package.school_key(principal)])
    stray_people = make_people(stray, with_accounts=False)
    add_homework(stray, LOCAL_ADMIN, stray_people.classes[4].id)
    path = package.export_package(stray, LOCAL_ADMIN, tmp / "stray", kind="records").path
    with pytest.raises(UserError, match="本机没有的班级"):
        package.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert principal.execute("SELECT COUNT(*) FROM homework_entries").fetchone()[0] == 0
    stray.close()


def test_cli_package_export_and_import(school, capsys):
    principal, people, teachers, tmp = school
    teachers["wang"].close()
    wang_path = str(tmp / "wang.sqlite")
    db = open_db(wang_path)
    add_homework(db, LOCAL_ADMIN, people.classes[4].id)
    db.close()
    principal_path = str(tmp / "principal.sqlite")
    out = tmp / "cli.fivemgmt"
    assert main(["package", "export", "--db", wang_path, "-o", str(out), "--kind", "records"]) == 0
    assert main(["package", "import", "--db", principal_path, str(out), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "新增 1 条" in text and "未写入" in text
    assert principal.execute("SELECT COUNT(*) FROM homework_entries").fetchone()[0] == 0
    assert main(["package", "import", "--db", principal_path, str(out)]) == 0
    assert principal.execute("SELECT COUNT(*) FROM homework_entries").fetchone()[0] == 1
    assert main(["package", "import", "--db", principal_path, str(out)]) == 0
    assert "没有需要导入的新内容" in capsys.readouterr().out
    (tmp / "junk.fivemgmt").write_bytes(b"hello")
    assert main(["package", "import", "--db", principal_path, str(tmp / "junk.fivemgmt")]) == 2
    assert "不是五项管理数据包" in capsys.readouterr().err


def test_weekend_homework_flag_travels_in_packages(school):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    friday = dt.date(2026, 11, 27)
    entry = hw.Entry(
        None, people.classes[4].id, friday, "语文", "周末阅读笔记", "书面", True, 40, for_rest=True
    )
    hw.save_entry(wang, people.head, entry, today=friday)
    pkg = package.export_package(wang, people.head, tmp / "weekend").path
    package.commit_import(
        principal, PRINCIPAL_ACTOR, package.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    )
    (imported,) = hw.entries_between(principal, people.classes[4].id, friday, friday)
    assert imported.for_rest is True
    assert hw.class_day(principal, people.classes[4], friday, friday).for_rest_minutes == 40
