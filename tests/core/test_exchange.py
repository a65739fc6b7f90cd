import datetime as dt
import random

import pytest

from fivemgmt import audit, audit_verify, keys, records, users
from fivemgmt.actor import LOCAL_ADMIN, PRINCIPAL, SYSTEM, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.cli import main
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.exchange import merge, package
from fivemgmt.session import open_db
from tests.core.people import add_homework, make_people

PRINCIPAL_ACTOR = Actor("boss", "张校长", PRINCIPAL)


def _state(db, tables=(hw.ENTRIES, hw.DAYS)):
    """Everything a user could notice in the registers: rows with their bookkeeping."""
    return {t: sorted(tuple(sorted(r.items())) for r in db.query(f"SELECT * FROM [{t}]")) for t in tables}


def _audit_count(db):
    return db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]


@pytest.fixture
def school(tmp_path):
    yield from school_of_installations(tmp_path)


def school_of_installations(tmp_path):
    """The principal's database (with the teachers' accounts), and two teachers' installations joined with
    the set-up package the principal made for each teacher's account (which registers them)."""
    principal = open_db(tmp_path / "principal.sqlite")
    people = make_people(principal)
    users.set_single_user(principal, people.admin, "admin")  # the command line acts as the admin
    teachers = {}
    for name in ("wang", "li"):
        setup = package.export_package(
            principal, PRINCIPAL_ACTOR, tmp_path / f"setup-{name}", audience=users.actor_for(principal, name)
        )
        db = open_db(tmp_path / f"{name}.sqlite")
        preview, _ = merge.import_packages(
            db, LOCAL_ADMIN, [setup.path], school_key=package.school_key(principal)
        )
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
    assert audit_verify.verify(wang).ok


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
    preview = merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    assert preview.counts[hw.ENTRIES] == {"new": 2, "changed": 0, "conflict": 0, "unchanged": 0}
    assert (_state(principal), _audit_count(principal)) == before  # the preview changed nothing
    changes = merge.commit_import(principal, PRINCIPAL_ACTOR, preview)
    assert len(changes.ids) == 2
    imported = _state(principal)
    assert imported[hw.ENTRIES] == _state(wang)[hw.ENTRIES]  # same ids, times, origin
    count = _audit_count(principal)
    second = merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    assert not second.changes_anything and second.already_imported == ["wang.fivemgmt"]
    merge.commit_import(principal, PRINCIPAL_ACTOR, second)
    assert _state(principal) == imported and _audit_count(principal) == count
    assert audit_verify.verify(principal).ok


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
            preview, _ = merge.import_packages(db, PRINCIPAL_ACTOR, [path])
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


def _conflicting_edits(school, monkeypatch, principal_at, teacher_at, principal_minutes, teacher_minutes):
    """The teacher's record reaches the principal, then both change it; returns (entry, teacher's package)."""
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    _fixed_clock(monkeypatch, "2026-11-24T08:00:00.000000+00:00")
    entry = add_homework(wang, people.head, people.classes[4].id, minutes=20)
    merge.import_packages(
        principal, PRINCIPAL_ACTOR, [package.export_package(wang, people.head, tmp / "a").path]
    )
    _fixed_clock(monkeypatch, principal_at)
    with transaction(principal):
        records.save(
            principal,
            hw.ENTRIES,
            {"id": entry, "minutes": principal_minutes},
            PRINCIPAL_ACTOR,
            reason="教导处更正",
        )
    _fixed_clock(monkeypatch, teacher_at)
    with transaction(wang):
        records.save(wang, hw.ENTRIES, {"id": entry, "minutes": teacher_minutes}, people.head)
    return entry, package.export_package(wang, people.head, tmp / "b").path


def test_a_conflict_is_shown_plainly_and_waits_for_a_choice(school, monkeypatch):
    principal, people, _, _ = school
    entry, pkg = _conflicting_edits(
        school, monkeypatch, "2026-11-24T09:00:00.000000+00:00", "2026-11-24T10:00:00.000000+00:00", 30, 45
    )
    preview = merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    assert preview.counts[hw.ENTRIES]["conflict"] == 1
    (conflict,) = preview.conflicts
    assert conflict.describe() == "四年级(1)班 · 11-25 · 语文 · 预计时长(分钟): 本机 30 → 数据包 45"
    assert "2026" not in str(conflict) and entry[:8] not in str(conflict)  # no ids, no UTC times
    before = _state(principal), _audit_count(principal)
    with pytest.raises(UserError, match="1 处冲突没有选择"):
        merge.commit_import(principal, PRINCIPAL_ACTOR, preview)
    assert (_state(principal), _audit_count(principal)) == before  # nothing settled by the later clock


def test_keep_this_installations_version_even_when_the_package_is_newer(school, monkeypatch):
    principal, people, teachers, tmp = school
    entry, pkg = _conflicting_edits(
        school, monkeypatch, "2026-11-24T09:00:00.000000+00:00", "2026-11-24T10:00:00.000000+00:00", 30, 45
    )
    preview = merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    preview.conflicts[0].choice = merge.KEEP
    merge.commit_import(principal, PRINCIPAL_ACTOR, preview)
    assert records.get(principal, hw.ENTRIES, entry)["minutes"] == 30
    last = audit.history(principal, hw.ENTRIES, entry)[-1]
    assert last["action"] == "conflict" and last["before"]["minutes"] == 45 and last["after"]["minutes"] == 30
    assert "保留本机" in last["reason"]
    # the choice is remembered: importing the same package again asks nothing and changes nothing
    count = _audit_count(principal)
    again = merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    assert not again.conflicts and not again.changes_anything
    assert _audit_count(principal) == count
    assert audit_verify.verify(principal).ok


def test_take_the_packages_version_even_when_this_installation_is_newer(school, monkeypatch):
    principal, people, teachers, tmp = school
    entry, pkg = _conflicting_edits(
        school, monkeypatch, "2026-11-24T12:00:00.000000+00:00", "2026-11-24T11:00:00.000000+00:00", 33, 50
    )
    preview, _ = merge.import_packages(principal, PRINCIPAL_ACTOR, [pkg], conflicts=merge.TAKE)
    assert [c.choice for c in preview.conflicts] == [merge.TAKE]
    assert records.get(principal, hw.ENTRIES, entry)["minutes"] == 50
    last = audit.history(principal, hw.ENTRIES, entry)[-1]
    assert last["action"] == "conflict" and last["before"]["minutes"] == 33 and last["after"]["minutes"] == 50
    assert not merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg]).changes_anything


def test_principals_correction_goes_back_to_the_teacher(school, monkeypatch):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    entry, pkg = _conflicting_edits(
        school, monkeypatch, "2026-11-24T09:00:00.000000+00:00", "2026-11-24T10:00:00.000000+00:00", 30, 45
    )
    merge.import_packages(principal, PRINCIPAL_ACTOR, [pkg], conflicts=merge.KEEP)
    add_homework(principal, PRINCIPAL_ACTOR, people.classes[8].id, subject="数学")  # not wang's class
    back = package.export_package(
        principal, PRINCIPAL_ACTOR, tmp / "back", kind="records", audience=people.head
    )
    assert back.counts == {hw.ENTRIES: 1} and "给王丽娟" in back.summary()
    preview, _ = merge.import_packages(wang, people.head, [back.path])  # the teacher's own account
    assert not preview.conflicts and preview.counts[hw.ENTRIES]["changed"] == 1
    assert records.get(wang, hw.ENTRIES, entry)["minutes"] == 30
    by_class = package.export_package(
        principal,
        PRINCIPAL_ACTOR,
        tmp / "c4",
        kind="records",
        since="all",
        audience=package.audience_for_class(principal, "四年级(1)班"),
    )
    assert by_class.counts == {hw.ENTRIES: 1}
    assert not merge.preview_import(wang, people.head, [by_class.path]).changes_anything
    with pytest.raises(UserError, match="找不到班级"):
        package.audience_for_class(principal, "九年级(9)班")
    with pytest.raises(PermissionDenied):
        package.export_package(wang, people.head, tmp / "x", audience=people.maths)


def test_tombstones_travel(school):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    entry = add_homework(wang, people.head, people.classes[4].id)
    merge.import_packages(
        principal, PRINCIPAL_ACTOR, [package.export_package(wang, people.head, tmp / "a").path]
    )
    hw.delete_entry(wang, people.head, entry, today=__import__("datetime").date(2026, 11, 25))
    preview, _ = merge.import_packages(
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
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert (_state(principal), _audit_count(principal)) == before


def _rewrite_header(data, **changes):
    import hashlib
    import json

    header_line, body = data[len(package.MAGIC) :].split(b"\n", 1)
    header = json.loads(header_line)
    header.update(changes)
    header["sha256"] = hashlib.sha256(body).hexdigest()
    return package.MAGIC + json.dumps(header).encode() + b"\n" + body


def test_a_package_altered_without_the_school_key_is_refused(school):
    principal, path, data = _package_bytes(school)
    flipped = bytearray(data)
    flipped[-20] ^= 0x01
    path.write_bytes(_rewrite_header(bytes(flipped)))  # a consistent checksum, but not the school's seal
    with pytest.raises(UserError, match="签名不符"):
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    path.write_bytes(_rewrite_header(data, kind="setup"))  # the header is sealed too
    with pytest.raises(UserError, match="签名不符"):
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])


def _add_students(db):
    from fivemgmt import roster
    from fivemgmt import school as school_mod

    classes = {c.grade: c.id for c in school_mod.list_classes(db)}
    for grade, name, number in ((4, "陈小明", "G110105201501011234"), (8, "赵子涵", "G110105201201015678")):
        roster.save_student(
            db,
            LOCAL_ADMIN,
            {"class_id": classes[grade], "name": name, "student_no": number, "address": "幸福路 8 号"},
        )


def test_a_teachers_setup_package_is_encrypted_and_holds_only_their_classes(school):
    import zlib

    principal, people, teachers, tmp = school
    _add_students(principal)
    setup = package.export_package(principal, PRINCIPAL_ACTOR, tmp / "for-wang", audience=people.head)
    data = setup.path.read_bytes()
    for secret in ("陈小明", "G110105201501011234", "幸福路", "赵子涵"):
        assert secret.encode() not in data
    body = data.split(b"\n", 2)[2]
    with pytest.raises(zlib.error):
        zlib.decompress(body)  # not merely compressed
    fresh = open_db(tmp / "new-teacher.sqlite")
    with pytest.raises(package.SchoolKeyNeeded, match="学校密钥"):
        merge.preview_import(fresh, LOCAL_ADMIN, [setup.path])
    with pytest.raises(UserError, match="格式不对"):
        merge.preview_import(fresh, LOCAL_ADMIN, [setup.path], school_key="1234")
    with pytest.raises(UserError, match="不符"):
        merge.preview_import(fresh, LOCAL_ADMIN, [setup.path], school_key="0" * 32)
    recovery = keys.format_recovery_key(package.school_key(principal))
    merge.import_packages(fresh, LOCAL_ADMIN, [setup.path], school_key=recovery.lower())
    assert [r["name"] for r in records.live_rows(fresh, "students")] == ["陈小明"]
    assert len(records.live_rows(fresh, "classes")) == 3  # the class list itself is not personal
    assert package.school_key(fresh) == package.school_key(principal)
    fresh.close()


def _v1_package(db, path, content):
    """A package as the previous version wrote it (HMAC-signed, not encrypted)."""
    import hashlib
    import hmac
    import json
    import zlib

    key = package.school_key(db)
    payload = zlib.compress(json.dumps(content, ensure_ascii=False).encode())
    header = {
        "length": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
        "school": keys.fingerprint(key),
        "hmac": hmac.new(bytes.fromhex(key), payload, hashlib.sha256).hexdigest(),
    }
    path.write_bytes(package.MAGIC_V1 + json.dumps(header).encode() + b"\n" + payload)
    return path


def test_unsigned_packages_of_earlier_versions_are_refused_plainly(school):
    """Format 1 and 2 packages carry no signature of the installation that made them: the sender cannot
    be known, so they are refused with a message saying how to go on (on main a v1 package was imported)."""
    import json
    import zlib

    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    entry = add_homework(wang, people.head, people.classes[4].id, minutes=25)
    new = package.export_package(wang, people.head, tmp / "w")
    content = json.loads(zlib.decompress(_payload(wang, new.path)))
    old = _v1_package(wang, tmp / "old.fivemgmt", {**content, "format": 1, "package_id": "v1-package"})
    v2 = tmp / "v2.fivemgmt"
    v2.write_bytes(
        keys.seal(package.school_key(wang), package.PURPOSE, package.MAGIC_V2, {"kind": "records"}, b"x")
    )
    before = _state(principal), _audit_count(principal)
    for path in (old, v2):
        with pytest.raises(UserError, match="旧版本软件导出.*不能确认是谁导出的.*升级"):
            merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert (_state(principal), _audit_count(principal)) == before
    assert records.get(principal, hw.ENTRIES, entry) is None


def _payload(db, path):
    data = path.read_bytes()
    head_end = data.index(b"\n", len(package.MAGIC)) + 1
    body = data[data.index(b"\n", head_end) + 1 :]
    sealed = keys.Sealed.parse(data[:head_end] + body, package.MAGIC)
    return sealed.open(package.school_key(db), package.PURPOSE)


def test_a_foreign_schools_package_is_refused(school, tmp_path):
    principal, people, _, tmp = school
    other = open_db(tmp / "other.sqlite")
    other_people = make_people(other, with_accounts=False)
    add_homework(other, LOCAL_ADMIN, other_people.classes[4].id)
    path = package.export_package(other, LOCAL_ADMIN, tmp / "other", kind="records").path
    before = _state(principal)
    with pytest.raises(UserError, match="来自其他学校"):
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
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
        merge.import_packages(wang, people.head, [path])
    assert (_state(wang), _audit_count(wang)) == before
    with pytest.raises(PermissionDenied):
        merge.import_packages(wang, people.supervisor, [path])


def test_records_of_unknown_classes_refuse_the_whole_import(school, tmp_path):
    principal, people, teachers, tmp = school
    # a registered principal's second PC that made its own classes instead of using the school's set-up
    users.add_account(principal, people.admin, "boss2", "secret-123", PRINCIPAL, "教导主任")
    setup = package.export_package(
        principal, PRINCIPAL_ACTOR, tmp / "for-boss2", audience=users.actor_for(principal, "boss2")
    )
    stray = open_db(tmp / "stray.sqlite")
    merge.import_packages(stray, LOCAL_ADMIN, [setup.path], school_key=package.school_key(principal))
    from fivemgmt import school as school_mod

    own = school_mod.add_class(stray, LOCAL_ADMIN, 5, 3)
    add_homework(stray, LOCAL_ADMIN, own)
    path = package.export_package(stray, LOCAL_ADMIN, tmp / "stray", kind="records").path
    with pytest.raises(UserError, match="本机没有的班级"):
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
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


def test_cli_lists_conflicts_and_never_overwrites_by_default(school, monkeypatch, capsys):
    principal, people, teachers, tmp = school
    entry, pkg = _conflicting_edits(
        school, monkeypatch, "2026-11-24T09:00:00.000000+00:00", "2026-11-24T10:00:00.000000+00:00", 30, 45
    )
    principal_path = str(tmp / "principal.sqlite")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["package", "import", "--db", principal_path, str(pkg)]) == 1
    out = capsys.readouterr().out
    assert "四年级(1)班 · 11-25 · 语文 · 预计时长(分钟): 本机 30 → 数据包 45" in out
    assert "未导入任何数据" in out and "--conflicts keep" in out
    assert records.get(principal, hw.ENTRIES, entry)["minutes"] == 30
    answers = iter(["?", "t"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(["package", "import", "--db", principal_path, str(pkg)]) == 0
    assert "采用数据包 1 处" in capsys.readouterr().out
    assert records.get(principal, hw.ENTRIES, entry)["minutes"] == 45


def test_cli_keep_and_a_class_package_for_a_new_teacher_pc(school, monkeypatch, capsys):
    principal, people, teachers, tmp = school
    entry, pkg = _conflicting_edits(
        school, monkeypatch, "2026-11-24T09:00:00.000000+00:00", "2026-11-24T10:00:00.000000+00:00", 30, 45
    )
    _add_students(principal)
    principal_path = str(tmp / "principal.sqlite")
    assert main(["package", "import", "--db", principal_path, str(pkg), "--conflicts", "keep"]) == 0
    assert records.get(principal, hw.ENTRIES, entry)["minutes"] == 30
    setup = tmp / "c4-setup.fivemgmt"
    assert (
        main(["package", "export", "--db", principal_path, "-o", str(setup), "--class", "四年级(1)班"]) == 0
    )
    assert "给四年级(1)班" in capsys.readouterr().out
    new_pc = str(tmp / "new.sqlite")
    assert main(["package", "import", "--db", new_pc, str(setup)]) == 2  # no school file here yet
    assert "new-school" in capsys.readouterr().err
    assert main(["new-school", "--db", new_pc]) == 0  # a new teacher PC: an empty school, then join
    capsys.readouterr()
    assert main(["package", "import", "--db", new_pc, str(setup)]) == 2
    assert "学校密钥" in capsys.readouterr().err
    recovery = keys.format_recovery_key(package.school_key(principal))
    assert main(["package", "import", "--db", new_pc, str(setup), "--school-key", recovery]) == 0
    joined = open_db(new_pc)
    assert [r["name"] for r in records.live_rows(joined, "students")] == ["陈小明"]
    joined.close()
    back = tmp / "back.fivemgmt"
    args = ["package", "export", "--db", principal_path, "-o", str(back), "--kind", "records"]
    with pytest.raises(SystemExit):  # one audience at a time
        main([*args, "--class", "八年级(1)班", "--for-user", "wang"])
    capsys.readouterr()
    assert main([*args, "--for-user", "zhao"]) == 2
    assert "没有名为“zhao”的账户" in capsys.readouterr().err


def test_a_package_from_before_seat_numbers_had_their_own_field_keeps_them_apart(school):
    """An older version wrote the 学号 (seat number) into student_no; its packages must not bring it back
    as a 学籍号, where it would match students of other classes."""
    import json
    import zlib

    principal, people, teachers, tmp = school
    class_id = people.classes[4].id
    with transaction(principal):
        records.save(
            principal, "students", {"class_id": class_id, "name": "周一", "student_no": "G1"}, SYSTEM
        )
        seat = records.save(
            principal, "students", {"class_id": class_id, "name": "吴二", "seat_no": 2}, SYSTEM
        )
    new = package.export_package(principal, PRINCIPAL_ACTOR, tmp / "old-setup")
    content = json.loads(zlib.decompress(_payload(principal, new.path)))
    block = content["tables"]["students"]
    at = block["columns"].index("seat_no")
    number = block["columns"].index("student_no")
    del block["columns"][at]
    for values in block["rows"]:
        if values[block["columns"].index("id")] == seat:
            values[number] = "2"  # how the older version stored 吴二's 学号
        del values[at]
    path = tmp / "old-setup.fivemgmt"
    package.write_package(principal, path, {**content, "package_id": "old-setup"}, signer_name="张校长")
    wang = teachers["wang"]
    merge.import_packages(wang, LOCAL_ADMIN, [path])
    got = {r["name"]: (r["student_no"], r["seat_no"]) for r in records.live_rows(wang, "students")}
    assert got["周一"] == ("G1", None) and got["吴二"] == (None, 2)


def test_weekend_homework_flag_travels_in_packages(school):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    friday = dt.date(2026, 11, 27)
    entry = hw.Entry(
        None, people.classes[4].id, friday, "语文", "周末阅读笔记", "书面", True, 40, for_rest=True
    )
    hw.save_entry(wang, people.head, entry, today=friday)
    pkg = package.export_package(wang, people.head, tmp / "weekend").path
    merge.commit_import(principal, PRINCIPAL_ACTOR, merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg]))
    (imported,) = hw.entries_between(principal, people.classes[4].id, friday, friday)
    assert imported.for_rest is True
    assert hw.class_day(principal, people.classes[4], friday, friday).for_rest_minutes == 40


def _teacher_package(school, count=30):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    for n in range(count):
        add_homework(wang, people.head, people.classes[4].id, minutes=10 + n % 5, content=f"练习{n}")
    return package.export_package(wang, people.head, tmp / "wang").path


def test_the_commit_makes_the_previews_merge_without_merging_again(school, monkeypatch):
    from tests.core.test_speed import Calls, Statements

    principal, _, teachers, _ = school
    pkg = _teacher_package(school, count=120)
    with Statements(principal) as seen:
        preview = merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    assert preview.counts[hw.ENTRIES]["new"] == 120
    # a records package: the preview works out the merge without writing a row (it is rolled back anyway)
    assert not [s for s in seen.sql if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]

    def merge_again(*args, **kwargs):
        raise AssertionError("the commit merged the packages again")

    monkeypatch.setattr(merge, "_apply", merge_again)
    with Calls(principal) as calls:
        changes = merge.commit_import(principal, PRINCIPAL_ACTOR, preview, backup=False)
    assert len(changes.ids) == 120
    # the rows and their audit entries a statement each; the rest is the import's own bookkeeping
    assert calls.count < 100
    assert _state(principal)[hw.ENTRIES] == _state(teachers["wang"])[hw.ENTRIES]
    assert audit_verify.verify(principal).ok


def test_a_commit_after_the_database_changed_merges_again(school):
    principal, _, _, _ = school
    pkg = _teacher_package(school, count=5)
    stale = merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    merge.import_packages(principal, PRINCIPAL_ACTOR, [pkg])  # meanwhile, someone imported it
    state, entries = _state(principal), _audit_count(principal)
    merge.commit_import(principal, PRINCIPAL_ACTOR, stale, backup=False)
    # the stale preview's writes were not made again: nothing new, no second audit entry of each row
    assert (_state(principal), _audit_count(principal)) == (state, entries)
    assert stale.counts[hw.ENTRIES] == {"new": 0, "changed": 0, "conflict": 0, "unchanged": 5}
    assert audit_verify.verify(principal).ok


def test_a_package_file_replaced_after_the_preview_is_read_again(school):
    principal, people, teachers, tmp = school
    pkg = _teacher_package(school, count=3)
    preview = merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    add_homework(teachers["wang"], people.head, people.classes[4].id, content="新的一条")
    package.export_package(teachers["wang"], people.head, pkg, since="all")  # same name, new content
    merge.commit_import(principal, PRINCIPAL_ACTOR, preview, backup=False)
    assert preview.counts[hw.ENTRIES]["new"] == 4  # what the file holds now
    assert _state(principal)[hw.ENTRIES] == _state(teachers["wang"])[hw.ENTRIES]


def test_a_merge_that_fails_half_way_leaves_nothing(school, monkeypatch):
    principal, _, _, _ = school
    pkg = _teacher_package(school, count=10)
    preview = merge.preview_import(principal, PRINCIPAL_ACTOR, [pkg])
    before = _state(principal), _audit_count(principal)
    real = audit.append_many

    def crash(db, changes):
        real(db, changes)  # the rows and their entries are in the transaction: then the power goes
        raise OSError("disk I/O error")

    monkeypatch.setattr(audit, "append_many", crash)
    with pytest.raises(OSError):
        merge.commit_import(principal, PRINCIPAL_ACTOR, preview, backup=False)
    monkeypatch.setattr(audit, "append_many", real)
    assert (_state(principal), _audit_count(principal)) == before
    assert audit_verify.verify(principal).ok
