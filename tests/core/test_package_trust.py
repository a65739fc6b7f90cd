"""Issue 11: who sent a package and what it may change; rows validated; verified before inflated."""

import datetime as dt
import json
import shutil
import tracemalloc
import zlib

import pytest

from fivemgmt import audit_verify, records, rules, users
from fivemgmt import school as school_mod
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import homework as hw
from fivemgmt.cli import main
from fivemgmt.errors import UserError
from fivemgmt.exchange import merge, package, trust
from fivemgmt.session import open_db
from tests.core.people import add_homework
from tests.core.test_exchange import PRINCIPAL_ACTOR, _audit_count, _state, school_of_installations

CAP = "homework.written_daily_max_minutes"


@pytest.fixture
def school(tmp_path):
    """The principal's database and two teachers' PCs registered with it (see tests.core.test_exchange)."""
    yield from school_of_installations(tmp_path)


def _setup_state(db):
    return _state(db, ("classes", "teaching", "rule_overrides", "settings", hw.ENTRIES))


def test_a_teacher_cannot_rewrite_the_principals_school(school, capsys):
    """The attack of the issue, end to end: local admin on her own PC, a teacher makes herself 班主任 of
    another class, sets the written cap of grades 1–12 to 240 and adds an entry for that class. The
    principal's plain import takes only her own class's entry and lists the rest as refused."""
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    c4, c8 = people.classes[4].id, people.classes[8].id
    wang_teacher = records.live_rows(wang, "teachers", "name = ?", ["王丽娟"])[0]["id"]
    school_mod.set_head_teacher(wang, LOCAL_ADMIN, c8, wang_teacher)
    rules.save_override(wang, LOCAL_ADMIN, CAP, 240, 1, 12, "省里说的", effective_from=dt.date(2026, 11, 1))
    fake = add_homework(wang, LOCAL_ADMIN, c8, subject="数学", minutes=200)
    own = add_homework(wang, LOCAL_ADMIN, c4, minutes=25)
    setup = package.export_package(wang, LOCAL_ADMIN, tmp / "wang-setup", kind="setup").path
    recs = package.export_package(wang, LOCAL_ADMIN, tmp / "wang-records", kind="records").path
    before = _setup_state(principal)
    assert main(["package", "import", "--db", str(tmp / "principal.sqlite"), str(setup), str(recs)]) == 0
    out = capsys.readouterr().out
    assert "拒绝 3 条" in out and "首次登记：王丽娟的电脑（数据包自称“本机用户”），登记为账户“wang”" in out
    assert "\n  班级：八年级(1)班（王丽娟无权修改）" in out
    assert f"规则调整：{CAP} · 值 240（王丽娟无权修改）" in out
    assert "作业记录：八年级(1)班 · 11-25 · 数学（王丽娟无权修改）" in out
    after = _setup_state(principal)
    for table in ("classes", "teaching", "rule_overrides", "settings"):
        assert after[table] == before[table]
    assert records.get(principal, hw.ENTRIES, fake) is None
    assert records.get(principal, hw.ENTRIES, own)["minutes"] == 25
    assert rules.Rulebook(principal).value(CAP, 2, dt.date(2026, 11, 25)) == 0  # grade 2: still none
    assert school_mod.get_class(principal, c8).head_teacher_id != wang_teacher
    assert audit_verify.verify(principal).ok


def test_a_registered_teachers_package_counts_rights_from_the_receiving_register(school):
    """A subject teacher registered for 数学 in 八年级(1)班 cannot bring 语文 records of that class, even as
    local admin of her own PC; her 数学 records are taken."""
    principal, people, teachers, tmp = school
    li = teachers["li"]
    c8 = people.classes[8].id
    maths = add_homework(li, LOCAL_ADMIN, c8, subject="数学", minutes=30)
    chinese = add_homework(li, LOCAL_ADMIN, c8, subject="语文", minutes=30)
    path = package.export_package(li, LOCAL_ADMIN, tmp / "li", kind="records").path
    preview, _ = merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert [str(r) for r in preview.refused] == ["作业记录：八年级(1)班 · 11-25 · 语文（李建华无权修改）"]
    assert records.get(principal, hw.ENTRIES, maths) and records.get(principal, hw.ENTRIES, chinese) is None


def test_an_unregistered_install_is_refused_with_how_to_register(school):
    """A PC that joined with the whole-school set-up package (no registration code) cannot send records."""
    principal, people, _, tmp = school
    setup = package.export_package(principal, PRINCIPAL_ACTOR, tmp / "all-setup").path
    other = open_db(tmp / "other.sqlite")
    merge.import_packages(other, LOCAL_ADMIN, [setup], school_key=package.school_key(principal))
    add_homework(other, LOCAL_ADMIN, people.classes[4].id)
    path = package.export_package(other, LOCAL_ADMIN, tmp / "other", kind="records").path
    before = _state(principal), _audit_count(principal)
    with pytest.raises(UserError, match="尚未登记的电脑.*--for-user"):
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert (_state(principal), _audit_count(principal)) == before
    other.close()


def test_one_registration_code_registers_one_pc(school):
    """A copy of wang's set-up package used on a second PC does not register it for wang."""
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    add_homework(wang, LOCAL_ADMIN, people.classes[4].id)
    merge.import_packages(
        principal,
        PRINCIPAL_ACTOR,
        [package.export_package(wang, LOCAL_ADMIN, tmp / "w1", kind="records").path],
    )
    second = open_db(tmp / "second.sqlite")
    merge.import_packages(
        second, LOCAL_ADMIN, [tmp / "setup-wang.fivemgmt"], school_key=package.school_key(principal)
    )
    add_homework(second, LOCAL_ADMIN, people.classes[4].id, minutes=50, content="抄写")
    path = package.export_package(second, LOCAL_ADMIN, tmp / "second", kind="records").path
    with pytest.raises(UserError, match="已经登记过一台电脑"):
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert [s["username"] for s in trust.list_senders(principal)] == ["wang"]
    second.close()


def _split(data):
    head_end = data.index(b"\n", len(package.MAGIC)) + 1
    sig_end = data.index(b"\n", head_end) + 1
    return data[:head_end], data[head_end:sig_end], data[sig_end:]


def test_a_package_signed_by_another_key_or_altered_is_refused(school):
    principal, people, teachers, tmp = school
    wang, li = teachers["wang"], teachers["li"]
    add_homework(wang, LOCAL_ADMIN, people.classes[4].id)
    path = package.export_package(wang, LOCAL_ADMIN, tmp / "w", kind="records").path
    signed, signature, body = _split(path.read_bytes())
    header = json.loads(signed[len(package.MAGIC) :])
    # li's PC claims to be wang's: puts wang's enrolment proof under its own key and signs
    header["signer"]["key"] = trust.signer_header(li, "王丽娟")["key"]
    forged_head = package.MAGIC + json.dumps(header).encode() + b"\n"
    resigned = forged_head + json.dumps({"ed25519": trust.sign(li, forged_head)}).encode() + b"\n" + body
    path.write_bytes(resigned)
    with pytest.raises(UserError, match="尚未登记"):
        merge.preview_import(principal, PRINCIPAL_ACTOR, [path])
    path.write_bytes(forged_head + signature + body)  # wang's signature over a changed header
    with pytest.raises(UserError, match="签名不符"):
        merge.preview_import(principal, PRINCIPAL_ACTOR, [path])


def test_a_teachers_pc_verifies_the_principals_packages(school):
    """The principal's corrections are signed with the key the teacher's set-up registered as the school's;
    the same package re-signed by another teacher's PC is refused there."""
    principal, people, teachers, tmp = school
    wang, li = teachers["wang"], teachers["li"]
    entry = add_homework(principal, PRINCIPAL_ACTOR, people.classes[4].id, minutes=35)
    back = package.export_package(
        principal, PRINCIPAL_ACTOR, tmp / "back", kind="records", audience=people.head
    )
    assert [s["kind"] for s in trust.list_senders(wang)] == [trust.SCHOOL]
    signed, _, body = _split(back.path.read_bytes())
    header = json.loads(signed[len(package.MAGIC) :])
    header["signer"] = trust.signer_header(li, "张校长")
    head = package.MAGIC + json.dumps(header).encode() + b"\n"
    fake = tmp / "fake.fivemgmt"
    fake.write_bytes(head + json.dumps({"ed25519": trust.sign(li, head)}).encode() + b"\n" + body)
    with pytest.raises(UserError, match="尚未登记"):
        merge.preview_import(wang, people.head, [fake])
    merge.import_packages(wang, people.head, [back.path])
    assert records.get(wang, hw.ENTRIES, entry)["minutes"] == 35


def _tamper(db, entry, **values):
    """Change a stored row behind the app's back (as a hand-edited database would)."""
    sets = ", ".join(f"{k} = ?" for k in values)
    db.execute(f"UPDATE homework_entries SET {sets} WHERE id = ?", [*values.values(), entry])
    db.conn.commit()


@pytest.mark.parametrize(
    "values, message",
    [
        ({"minutes": 99999}, "预计时长应在 0–600 分钟之间"),
        ({"kind": "核弹"}, "作业类型应为"),
        ({"date": "2026-13-45"}, "日期“2026-13-45”不存在"),
        ({"date": "2026-11-30x"}, "不是有效的日期"),
        ({"minutes": "很多"}, "应为整数"),
    ],
)
def test_a_row_that_could_not_be_typed_is_refused_with_the_package(school, values, message):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    good = add_homework(wang, LOCAL_ADMIN, people.classes[4].id, minutes=20)
    bad = add_homework(wang, LOCAL_ADMIN, people.classes[4].id, minutes=20, content="口算")
    _tamper(wang, bad, **values)
    path = package.export_package(wang, LOCAL_ADMIN, tmp / "bad", kind="records", since="all").path
    before = _state(principal), _audit_count(principal)
    with pytest.raises(UserError, match=f"作业记录.*不合规：.*{message}.*未导入任何数据"):
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert (_state(principal), _audit_count(principal)) == before
    assert records.get(principal, hw.ENTRIES, good) is None  # refused with the package


def test_a_bad_stored_date_is_a_finding_not_an_internal_error(school, capsys):
    principal, people, _, tmp = school
    c4 = people.classes[4].id
    add_homework(principal, PRINCIPAL_ACTOR, c4, minutes=20)
    bad = add_homework(principal, PRINCIPAL_ACTOR, c4, day=dt.date(2026, 11, 24), minutes=30)
    _tamper(principal, bad, date="2026-11-24x")
    db = str(tmp / "principal.sqlite")
    assert main(["summary", "--db", db, "--week", "2026-W48"]) == 0
    out = capsys.readouterr().out
    assert "四年级(1)班" in out and "数据有误，本周无法判断：作业记录的日期“2026-11-24x”不是有效的日期" in out
    assert main(["summary", "--db", db, "--week", "2026-W48", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    c4_week = next(c for c in data["classes"] if c["class_id"] == c4)
    assert c4_week["areas"]["homework"]["status"] == "yellow"
    assert "数据有误" in c4_week["areas"]["homework"]["reason"]
    for args in (
        ["report", "weekly", "--week", "2026-W48", "-o", str(tmp / "w.pdf")],
        ["report", "self-inspection", "--week", "2026-W48", "-o", str(tmp / "s.pdf")],
        ["chart", "weekly", "--week", "2026-W48", "--out", str(tmp / "c.png")],
    ):
        assert main([*args, "--db", db]) == 0, args
    assert "内部错误" not in capsys.readouterr().err
    from fivemgmt.charts import data as chart_data

    week = chart_data.load_week(principal, dt.date(2026, 11, 23), dt.date(2026, 11, 25))
    assert (
        "数据有误" in next(c for c in week.week.classes if c.school_class.id == c4).areas["homework"].reason
    )


def _bomb(db, path, megabytes):
    """A package whose payload inflates to ``megabytes`` MB (mostly one long run of spaces)."""
    content = {
        "format": package.FORMAT,
        "kind": "records",
        "package_id": "bomb",
        "created_at": records.now_iso(),
        "tables": {},
        "pad": " " * (megabytes * 1024 * 1024),
    }
    package.write_package(db, path, content, signer_name="王丽娟")
    return path


def test_a_forged_bomb_is_refused_before_anything_is_inflated(school, monkeypatch):
    principal, people, teachers, tmp = school
    path = _bomb(teachers["wang"], tmp / "bomb.fivemgmt", 8)
    assert path.stat().st_size < 100_000
    signed, signature, body = _split(path.read_bytes())
    header = json.loads(signed[len(package.MAGIC) :])
    header["kind"] = "setup"
    path.write_bytes(package.MAGIC + json.dumps(header).encode() + b"\n" + signature + body)

    def never(*args, **kwargs):
        raise AssertionError("inflated before the signature was checked")

    monkeypatch.setattr(package.zlib, "decompressobj", never)
    monkeypatch.setattr(package.zlib, "decompress", never)
    with pytest.raises(UserError, match="签名不符"):
        merge.preview_import(principal, PRINCIPAL_ACTOR, [path])


def test_a_signed_bomb_is_refused_within_the_inflate_limit(school, monkeypatch):
    """Even a registered sender's package inflates only up to the limit, in chunks (bounded memory)."""
    principal, people, teachers, tmp = school
    path = _bomb(teachers["wang"], tmp / "bomb.fivemgmt", 64)
    monkeypatch.setattr(package, "MAX_INFLATED_BYTES", 4 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(UserError, match="解压后超过 4 MB"):
            merge.preview_import(principal, PRINCIPAL_ACTOR, [path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 24 * 1024 * 1024  # the 64 MB payload was never inflated whole


def test_a_sender_whose_chain_went_backwards_is_warned_about(school, capsys):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    c4 = people.classes[4].id
    wang.execute("VACUUM INTO ?", [str(tmp / "wang-old.sqlite")])  # an old copy of the teacher's PC
    for minutes in (10, 20, 30):
        add_homework(wang, LOCAL_ADMIN, c4, minutes=minutes, content=f"练习{minutes}")
    first = package.export_package(wang, LOCAL_ADMIN, tmp / "w1", kind="records").path
    preview, _ = merge.import_packages(principal, PRINCIPAL_ACTOR, [first])
    assert not preview.warnings
    wang.close()
    shutil.copy(tmp / "wang-old.sqlite", tmp / "wang.sqlite")  # restored to the old copy
    old = open_db(tmp / "wang.sqlite")
    add_homework(old, LOCAL_ADMIN, c4, minutes=15, content="背诵")
    back = package.export_package(old, LOCAL_ADMIN, tmp / "w2", kind="records", since="all").path
    preview = merge.preview_import(principal, PRINCIPAL_ACTOR, [back])
    assert any("审计链倒退了" in w for w in preview.warnings)
    for minutes in range(6):  # more entries than before: longer again, but not containing the head seen
        add_homework(old, LOCAL_ADMIN, c4, minutes=minutes, content=f"再练{minutes}")
    again = package.export_package(old, LOCAL_ADMIN, tmp / "w3", kind="records", since="all").path
    assert main(["package", "import", "--db", str(tmp / "principal.sqlite"), str(again), "--dry-run"]) == 0
    assert "已不再包含本机上次看到的记录" in capsys.readouterr().out
    old.close()
    teachers["wang"] = open_db(tmp / "wang-old.sqlite")  # for the fixture's teardown


def test_a_sender_whose_chain_moved_on_is_not_warned_about(school):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    c4 = people.classes[4].id
    add_homework(wang, LOCAL_ADMIN, c4, minutes=10)
    merge.import_packages(
        principal,
        PRINCIPAL_ACTOR,
        [package.export_package(wang, LOCAL_ADMIN, tmp / "a", kind="records").path],
    )
    add_homework(wang, LOCAL_ADMIN, c4, minutes=20, content="口算")
    preview, _ = merge.import_packages(
        principal,
        PRINCIPAL_ACTOR,
        [package.export_package(wang, LOCAL_ADMIN, tmp / "b", kind="records").path],
    )
    assert not preview.warnings and preview.total("new") == 1
    (row,) = trust.list_senders(principal)
    at_head = wang.execute("SELECT hash FROM audit_log WHERE seq = ?", [row["last_head_seq"]]).fetchone()
    assert row["last_head_hash"] == at_head[0]  # the head the package carried (its export then seals on)


def test_the_signing_key_is_an_owner_only_file_outside_the_database(school, private_config_dir):
    principal, _, teachers, _ = school
    wang = teachers["wang"]
    installation = records.installation_id(wang)
    key_file = private_config_dir / "fivemgmt" / "keys" / f"install-{installation}.key"
    assert key_file.exists() and key_file.stat().st_mode & 0o077 == 0
    private = json.loads(key_file.read_text())["private_key"]
    dump = "\n".join(wang.conn.iterdump())
    assert private not in dump
    assert zlib.compress(b"x")  # (zlib used above)
    assert users.has_accounts(principal)


def test_package_key_shows_the_fingerprints_to_compare(school, capsys):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    add_homework(wang, LOCAL_ADMIN, people.classes[4].id)
    merge.import_packages(
        principal,
        PRINCIPAL_ACTOR,
        [package.export_package(wang, LOCAL_ADMIN, tmp / "w", kind="records").path],
    )
    assert main(["package", "key", "--db", str(tmp / "wang.sqlite")]) == 0
    on_wang = capsys.readouterr().out
    assert main(["package", "key", "--db", str(tmp / "principal.sqlite")]) == 0
    on_principal = capsys.readouterr().out
    wang_print = trust.own_fingerprint(wang)
    assert f"本机签名密钥指纹：{wang_print}" in on_wang and "登记为学校（校长/教导处）" in on_wang
    assert f"王丽娟的电脑 · 登记为账户“wang” · 指纹 {wang_print}" in on_principal
    assert trust.own_fingerprint(principal) in on_wang


def test_an_older_install_registers_the_schools_key_only_when_the_person_confirms(school):
    """A teacher's PC that joined before packages were signed has no school key registered: the principal's
    next set-up package asks for the school key once (as when joining) and then registers its signer."""
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    wang.execute(f"DELETE FROM {trust.SENDERS}")  # as after upgrading from the previous version
    wang.conn.commit()
    setup = package.export_package(principal, PRINCIPAL_ACTOR, tmp / "new-setup", audience=people.head).path
    with pytest.raises(package.SchoolKeyNeeded, match="本机还没有登记学校"):
        merge.preview_import(wang, LOCAL_ADMIN, [setup])
    merge.import_packages(wang, LOCAL_ADMIN, [setup], school_key=package.school_key(principal))
    assert [(s["kind"], s["fingerprint"]) for s in trust.list_senders(wang)] == [
        (trust.SCHOOL, trust.own_fingerprint(principal))
    ]
