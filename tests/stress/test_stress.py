"""Proof under stress: killed imports, concurrent writers, a full disk (issue 7)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import openpyxl
import pytest

from fivemgmt import audit_verify, records, school
from fivemgmt.actor import LOCAL_ADMIN, SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.db import integrity_ok
from fivemgmt.errors import UserError
from fivemgmt.exchange import merge, package, xlsx
from fivemgmt.session import open_db
from tests.core.helpers import add_term
from tests.stress.conftest import kill_at_mid

ROWS = 10_000


def _school(path):
    db = open_db(path)
    school.save_school(db, SYSTEM, "压力测试学校", "小学")
    add_term(db)  # the imports' dates lie in this term
    for grade in (3, 4):
        school.add_class(db, SYSTEM, grade, 1)
    return db


def _homework_file(path, rows=ROWS):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("作业")
    sheet.append(["日期", "班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长(分钟)"])
    start = dt.date(2026, 9, 1)
    for number in range(rows):
        sheet.append(
            [
                (start + dt.timedelta(days=number % 80)).isoformat(),
                "三年级(1)班",
                "语文",
                f"练习 {number}",
                "书面",
                "必做",
                20,
            ]
        )
    book.save(path)
    return path


def _count(path, table="homework_entries"):
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_in_the_middle_of_a_large_import_leaves_all_or_nothing(tmp_path, worker):
    db_path = tmp_path / "school.sqlite"
    _school(db_path).close()
    source = _homework_file(tmp_path / "homework.xlsx")
    audit_before = _count(db_path, "audit_log")
    kill_at_mid(worker("hold-import", db_path, source, "homework"))
    assert _count(db_path) == 0 and _count(db_path, "audit_log") == audit_before
    db = open_db(db_path)
    assert integrity_ok(db) and audit_verify.verify(db).ok
    db.close()
    done = worker("import", db_path, source, "homework")
    out, err = done.communicate(timeout=300)
    assert "DONE" in out, err
    assert _count(db_path) == ROWS


@pytest.mark.slow
def test_sigkill_in_the_middle_of_a_package_import_leaves_all_or_nothing(tmp_path, worker):
    teacher = _school(tmp_path / "teacher.sqlite")
    class_id = school.list_classes(teacher)[0].id
    from fivemgmt.db import transaction

    with transaction(teacher):
        for number in range(3000):
            records.save(
                teacher,
                hw.ENTRIES,
                {
                    "class_id": class_id,
                    "date": "2026-11-20",
                    "subject": "数学",
                    "content": f"题 {number}",
                    "kind": "书面",
                    "minutes": 10,
                },
                LOCAL_ADMIN,
            )
    setup = package.export_package(teacher, LOCAL_ADMIN, tmp_path / "setup").path
    pkg = package.export_package(teacher, LOCAL_ADMIN, tmp_path / "records", kind="records").path
    key = package.school_key(teacher)
    teacher.close()
    db_path = tmp_path / "principal.sqlite"
    principal = open_db(db_path)
    merge.import_packages(principal, LOCAL_ADMIN, [setup], school_key=key)
    principal.close()
    kill_at_mid(worker("hold-import", db_path, pkg, "package"))
    assert _count(db_path) == 0
    db = open_db(db_path)
    assert integrity_ok(db) and audit_verify.verify(db).ok
    db.close()
    done = worker("import", db_path, pkg, "package")
    out, err = done.communicate(timeout=300)
    assert "DONE" in out, err
    assert _count(db_path) == 3000


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(tmp_path, worker):
    db_path = tmp_path / "school.sqlite"
    _school(db_path).close()
    procs = [worker("writer", db_path, name, 150) for name in ("A", "B", "C")]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert "DONE" in out and "locked" not in err, err
        assert proc.returncode == 0
    db = open_db(db_path)
    contents = [r["content"] for r in records.live_rows(db, hw.ENTRIES)]
    assert len(contents) == 450 and len(set(contents)) == 450
    assert audit_verify.verify(db).ok  # one linear hash chain, even with interleaved writers
    db.close()


@pytest.mark.slow
def test_a_full_disk_fails_cleanly_keeps_the_data_and_says_so(tmp_path, worker):
    db_path = tmp_path / "school.sqlite"
    db = _school(db_path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    proc = worker("fill", db_path, 2_000_000)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    saved = int(next(line for line in out.splitlines() if line.startswith("SAVED")).split()[1])
    message = next(line for line in out.splitlines() if line.startswith("ERROR"))
    assert "磁盘" in message and "已有数据保持不变" in message
    assert saved > 0
    db = open_db(db_path)
    assert integrity_ok(db) and audit_verify.verify(db).ok
    assert len(records.live_rows(db, hw.ENTRIES)) == saved  # every write that was confirmed is there
    db.close()


def test_an_import_that_does_not_fit_on_the_disk_imports_nothing(tmp_path):
    db = _school(tmp_path / "school.sqlite")
    source = _homework_file(tmp_path / "homework.xlsx", rows=3000)
    preview = hw.preview_import(db, source)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 20}")  # a disk with room for only a few more pages
    with pytest.raises(UserError, match="磁盘空间已满"):
        hw.commit_import(db, LOCAL_ADMIN, preview, reason="补登")
    assert db.execute("SELECT COUNT(*) FROM homework_entries").fetchone()[0] == 0
    assert integrity_ok(db) and audit_verify.verify(db).ok
    db.close()


def test_large_xlsx_register_import_is_all_or_nothing(tmp_path):
    db = _school(tmp_path / "school.sqlite")
    source = _homework_file(tmp_path / "homework.xlsx")
    preview, _ = hw.preview_import(db, source), None
    hw.commit_import(db, LOCAL_ADMIN, preview, reason="补登")
    out = xlsx.export_registers(db, LOCAL_ADMIN, tmp_path / "all.xlsx", tables=[hw.ENTRIES])
    assert out.counts[hw.ENTRIES] == ROWS
    # break one cell deep in the file: nothing at all may be imported
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    sheet = book["作业记录"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2, max_row=ROWS // 2):
        row[header.index("预计时长(分钟)")].value = 5
    sheet.cell(row=ROWS - 3, column=header.index("预计时长(分钟)") + 1).value = "九十"
    book.save(tmp_path / "all.xlsx")
    count = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    with pytest.raises(UserError, match="不是整数"):
        xlsx.import_registers(db, LOCAL_ADMIN, tmp_path / "all.xlsx")
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == count
    assert db.execute("SELECT COUNT(*) FROM homework_entries WHERE minutes = 5").fetchone()[0] == 0
    db.close()
