"""Opening a school from the command line (issue 10 items 2, 3, 10): no silent new schools, no trusted
names, locks honoured, leftovers tidied, every bad argument one plain message."""

from __future__ import annotations

import datetime as dt
import sqlite3

import openpyxl
import pytest

from fivemgmt import applock, audit_verify, backup, migrations, school, session, users
from fivemgmt.actor import LOCAL_ADMIN, SYSTEM
from fivemgmt.cli import main
from fivemgmt.db import connect
from fivemgmt.session import open_db
from tests.core.helpers import make_school
from tests.core.people import PASSWORD, add_homework, make_people
from tests.stress.conftest import kill_at_mid, start

WEEK = ["--week", "2026-W48", "--today", "2026-11-25"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """fivemgmt in-process; argparse's own refusals (SystemExit) count as the exit code they carry."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def homework_file(path, class_name="四年级(1)班"):
    book = openpyxl.Workbook()
    book.active.append(["日期", "班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长(分钟)"])
    book.active.append(["2026-11-24", class_name, "语文", "命令行导入", "书面", "必做", 15])
    book.save(path)
    return path


# ------------------------------------------------------------------ item 2: a mistyped --db


@pytest.mark.parametrize(
    "command",
    [
        ["summary", "--week", "2026-W47"],
        ["unlogged", "--date", "2026-11-20"],
        ["audit", "verify"],
        ["user", "list"],
        ["backup"],
        ["backup", "--list"],
        ["xlsx", "export", "-o", "out.xlsx"],
        ["chart", "weekly", "--week", "2026-W47", "--out", "x.png"],
    ],
)
def test_a_mistyped_db_is_refused_and_nothing_is_created(command, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "nope.sqlite"
    code, out, err = run(capsys, *command, "--db", str(missing))
    assert code == 2 and out == ""
    assert err.startswith("错误: 找不到学校数据库") and "fivemgmt new-school --db" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no empty school, no lock file, nothing


def test_an_empty_file_is_not_turned_into_a_school(tmp_path, capsys):
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    code, _, err = run(capsys, "audit", "verify", "--db", str(empty))
    assert code == 2 and "空文件" in err
    assert empty.stat().st_size == 0


def test_new_school_is_the_explicit_way_to_create_one(tmp_path, capsys):
    path = tmp_path / "new.sqlite"
    assert run(capsys, "new-school", "--db", str(path))[0] == 0
    db = open_db(path)
    assert migrations.schema_version(db) == migrations.latest_version()
    db.close()
    code, _, err = run(capsys, "new-school", "--db", str(path))
    assert code == 2 and "已经存在" in err  # never over an existing file
    code, out, err = run(capsys, "summary", "--db", str(path), *WEEK)
    assert code == 2 and "还没有班级" in err and "0%" not in out + err


def test_figures_for_a_period_without_records_are_refused_not_green(db, db_path, capsys):
    make_school(db, grades=(4,))
    db.close()
    for command in (["summary"], ["chart", "weekly", "--out", str(db_path.with_name("x.png"))]):
        code, out, err = run(capsys, *command, "--db", str(db_path), *WEEK)
        assert code == 2 and out == "", command
        assert "没有任何登记记录" in err and "不表示全部合格" in err
    code, _, err = run(capsys, "summary", "--db", str(db_path), *WEEK, "--grade", "7")
    assert code == 2 and "7 年级还没有班级" in err
    db = open_db(db_path)
    add_homework(db, SYSTEM, school.list_classes(db)[0].id)
    db.close()
    assert run(capsys, "summary", "--db", str(db_path), *WEEK)[0] == 0


# ------------------------------------------------------------------ item 3: a CLI that trusts no name


@pytest.fixture
def people_db(db, db_path):
    people = make_people(db)
    db.close()
    return db_path, people


def test_the_cli_acts_only_as_a_real_account_that_proves_who_it_is(people_db, tmp_path, capsys, monkeypatch):
    db_path, people = people_db
    args = ["summary", "--db", str(db_path), *WEEK]
    code, _, err = run(capsys, *args)
    assert code == 2 and "请用 --user" in err  # accounts exist: no fallback to the local admin
    code, _, err = run(capsys, *args, "--user", "wang")  # no terminal, no FIVEMGMT_PASSWORD
    assert code == 2 and "FIVEMGMT_PASSWORD" in err
    monkeypatch.setenv("FIVEMGMT_PASSWORD", "not-the-password")
    code, _, err = run(capsys, *args, "--user", "wang")
    assert code == 2 and "用户名或密码不正确" in err
    monkeypatch.setenv("FIVEMGMT_PASSWORD", PASSWORD)
    code, _, err = run(capsys, *args, "--user", "nobody")
    assert code == 2 and "用户名或密码不正确" in err
    source = homework_file(tmp_path / "hw.xlsx")
    code, _, err = run(
        capsys, "import", "homework", str(source), "--db", str(db_path), "--user", "wang", "--reason", "补登"
    )
    assert code == 0, err
    db = open_db(db_path)
    last = db.execute("SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert last == "wang"  # the audit trail names who really changed it
    assert audit_verify.verify(db).ok
    users.update_account(db, people.admin, "wang", active=False)
    db.close()
    output = tmp_path / "form.pdf"
    code, _, err = run(
        capsys, "report", "self-inspection", "--db", str(db_path), *WEEK, "--user", "wang", "-o", str(output)
    )
    assert code == 2 and "已停用" in err and not output.exists()  # a disabled account prints nothing


def test_a_disabled_single_user_account_fails_closed(people_db, capsys):
    db_path, people = people_db
    db = open_db(db_path)
    users.set_single_user(db, people.admin, "wang")
    db.close()
    code, out, _ = run(capsys, "audit", "verify", "--db", str(db_path))
    assert code == 0 and "链头" in out  # the single-user account, without a password, as today
    db = open_db(db_path)
    users.update_account(db, people.admin, "wang", active=False)
    db.close()
    code, _, err = run(capsys, "audit", "verify", "--db", str(db_path))
    assert code == 2 and "请用 --user" in err


# ------------------------------------------------------------------ the app lock


def test_writes_are_refused_while_another_copy_holds_the_lock_reads_go_on(db, db_path, tmp_path, capsys):
    classes = make_school(db, grades=(4,))
    add_homework(db, SYSTEM, classes[4].id)
    db.close()
    source = homework_file(tmp_path / "hw.xlsx")
    with applock.AppLock(db_path):  # a running GUI
        code, _, err = run(capsys, "import", "homework", str(source), "--db", str(db_path))
        assert code == 2 and "另一份本软件正在使用该数据库" in err and "进程" in err
        code, _, err = run(capsys, "backup", "--db", str(db_path))
        assert code == 2 and "另一份本软件" in err
        code, out, _ = run(capsys, "summary", "--db", str(db_path), *WEEK)
        assert code == 0 and "四年级(1)班" in out  # reads go on, through a read-only connection
    assert run(capsys, "import", "homework", str(source), "--db", str(db_path), "--reason", "补登")[0] == 0


def test_a_reader_never_writes(db, db_path):
    make_school(db, grades=(4,))
    db.close()
    opened = session.open_school(db_path, lambda db: LOCAL_ADMIN, write=False)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        opened.db.execute("DELETE FROM classes")
    assert not opened.writable
    opened.close()


# ------------------------------------------------------------------ item 10: leftovers, bad arguments


def test_part_files_of_killed_backups_and_restores_are_removed_at_the_next_start(db, db_path):
    make_school(db, grades=(4,))
    kept = backup.make_backup(db)
    db.close()
    folder = backup.backup_dir(db_path)
    leftovers = [
        folder / "fivemgmt-20261124-101010-000001-daily.sqlite.part",
        db_path.with_name(db_path.name + ".restore.part"),
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half a copy")
    with session.open_school(db_path, lambda db: LOCAL_ADMIN):
        pass
    assert not any(p.exists() for p in leftovers)
    assert kept.path.exists() and backup.verify_backup(kept.path) is None


def test_a_migration_killed_part_way_keeps_the_old_school_and_resumes(db_path):
    old = connect(db_path)
    migrations.upgrade(old, stop_before="0005_reading")
    school.save_school(old, SYSTEM, "老学校", "小学")
    school.add_class(old, SYSTEM, 4, 1)
    old.close()
    kill_at_mid(start("hold-migrate", db_path))
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "reading_books" not in {r[0] for r in check.execute("SELECT name FROM sqlite_master")}
    check.close()
    with session.open_school(db_path, lambda db: LOCAL_ADMIN) as opened:  # the next start finishes it
        assert migrations.schema_version(opened.db) == migrations.latest_version()
        assert [c.name for c in school.list_classes(opened.db)] == ["四年级(1)班"]
        assert audit_verify.verify(opened.db).ok
    assert not list(backup.backup_dir(db_path).glob("*.part"))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["summary", "--week", "2026-W47", "--today", "2026-11-30x"], "YYYY-MM-DD"),
        (["--today", "2026-11-30x", "summary", "--week", "2026-W47"], "YYYY-MM-DD"),
        (["summary", "--week", "2026-W47", "--today", "9999-12-31"], "超出范围"),
        (["summary", "--week", "9999-W52"], "超出范围"),
        (["summary", "--week", "0001-W01"], "超出范围"),
        (["summary", "--week", "2026-W60"], "没有第 60 周"),
        (["summary", "--week", "2026-W47", "--grade", "x"], "应为整数"),
        (["report", "board", "--date", "9999-12-31", "-o", "x.pdf"], "超出范围"),
        (["report", "weekly", "--week", "9999-W01", "-o", "x.pdf"], "超出范围"),
        (["unlogged", "--date", "2026-02-30"], "YYYY-MM-DD"),
        (["chart", "weekly", "--week", "2026-X47", "--out", "x.png"], "YYYY-Www"),
        (["chart", "weekly", "--week", "2026-W47", "--out", "x.png", "--dpi", "0"], "50–600"),
        (["chart", "weekly", "--week", "2026-W47", "--out", "x.png", "--weeks", "-3"], "1–52"),
        (["summary"], "缺少必需的参数"),
        (["sumary"], "不能是"),
        (["demo", "--db", "d.sqlite", "--weeks", "-1"], "周数"),
    ],
)
def test_every_bad_argument_gets_one_plain_chinese_line(argv, expected, demo_db_path, capsys, monkeypatch):
    monkeypatch.chdir(demo_db_path.parent)
    code, out, err = run(capsys, *argv, *(["--db", str(demo_db_path)] if "--db" not in argv else []))
    assert code == 2 and out == ""
    assert err.startswith("错误: ") and expected in err, err
    assert err.count("\n") == 1 and "内部错误" not in err and "Traceback" not in err


def test_dates_are_checked_where_people_give_them():
    from fivemgmt.calendar import require_plausible

    assert require_plausible(dt.date(2026, 11, 25)) == dt.date(2026, 11, 25)
    with pytest.raises(Exception, match="超出范围"):
        require_plausible(dt.date(1999, 12, 31))
