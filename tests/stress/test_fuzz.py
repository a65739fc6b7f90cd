"""Fuzzed input files for every import: no crash, no partial import, a clear Chinese message."""

from __future__ import annotations

import datetime as dt
import random
import zipfile

import openpyxl
import pytest

from fivemgmt import audit_verify, school
from fivemgmt.actor import LOCAL_ADMIN, SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.commands.importing import IMPORT_KINDS, importer
from fivemgmt.errors import UserError
from fivemgmt.exchange import merge, package, xlsx
from fivemgmt.session import open_db
from tests.core.helpers import add_term

HEADER = ["日期", "班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长(分钟)"]
GOOD = ["2026-11-23", "四年级(1)班", "语文", "练习册", "书面", "必做", 20]


@pytest.fixture
def school_db(tmp_path):
    db = open_db(tmp_path / "school.sqlite")
    school.save_school(db, SYSTEM, "测试学校", "小学")
    add_term(db)  # the imports' dates lie in this term
    school.add_class(db, SYSTEM, 4, 1)
    yield db
    db.close()


def _fingerprint(db):
    return db.execute("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM audit_log").fetchone()


def _workbook(path, rows, title="作业"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _garbage(tmp_path):
    rng = random.Random(20261125)
    files = {}
    files["random.xlsx"] = rng.randbytes(5000)
    files["random.csv"] = rng.randbytes(5000)
    files["empty.xlsx"] = b""
    good = _workbook(tmp_path / "good.xlsx", [HEADER, GOOD] * 1)
    data = good.read_bytes()
    files["truncated.xlsx"] = data[: len(data) // 2]
    files["flipped.xlsx"] = data[:800] + bytes(b ^ 0x5A for b in data[800:1600]) + data[1600:]
    with zipfile.ZipFile(tmp_path / "notbook.xlsx", "w") as archive:
        archive.writestr("hello.txt", "不是工作簿")
    files["notbook.xlsx"] = (tmp_path / "notbook.xlsx").read_bytes()
    return files


def _try_import(db, kind, path):
    """Run an import as the CLI does; returns the Chinese message if it was refused, None if it went in."""
    preview, commit, _ = importer(kind)
    try:
        result = preview(db, path)
        if not result.ok:
            result.require_ok()
        if getattr(result, "needs_reason", None):  # homework of past days: with a 作业调整说明, as typed
            commit(db, LOCAL_ADMIN, result, reason="补登")
        else:
            commit(db, LOCAL_ADMIN, result)
    except UserError as error:
        return str(error)
    return None


@pytest.mark.parametrize("kind", list(IMPORT_KINDS))
def test_garbage_files_are_refused_by_every_import(school_db, tmp_path, kind):
    try:
        importer(kind)
    except UserError:
        pytest.skip(f"{kind} import not in this build")
    for name, data in _garbage(tmp_path).items():
        path = tmp_path / f"{kind}-{name}"
        path.write_bytes(data)
        before = _fingerprint(school_db)
        message = _try_import(school_db, kind, path)
        assert message, f"{kind} accepted {name}"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
        assert _fingerprint(school_db) == before, (kind, name)


@pytest.mark.parametrize("kind", list(IMPORT_KINDS))
def test_a_wrong_sheet_is_refused_by_every_import(school_db, tmp_path, kind):
    try:
        importer(kind)
    except UserError:
        pytest.skip(f"{kind} import not in this build")
    path = _workbook(
        tmp_path / "wrong.xlsx",
        [["商品", "单价", "数量"], ["铅笔", 1.5, 10], ["橡皮", 0.5, 3]],
        title="采购清单",
    )
    before = _fingerprint(school_db)
    message = _try_import(school_db, kind, path)
    assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    assert _fingerprint(school_db) == before


@pytest.mark.parametrize(
    "bad, expected",
    [
        ([*GOOD[:6], 10**30], "超出合理范围"),
        ([*GOOD[:6], "1e400"], "不是数字|超出|不合理|整数"),
        ([*GOOD[:6], "nan"], "不是数字|超出|不合理|整数"),
        ([*GOOD[:6], -5], "超出合理范围"),
        ([*GOOD[:6], "=A1*2"], "公式"),
        (["=TODAY()", *GOOD[1:]], "公式"),
        (["下周一", *GOOD[1:]], "不是日期"),
        (["2026-02-30", *GOOD[1:]], "不是有效日期"),
        ([*GOOD[:4], "画画", *GOOD[5:]], "不是可选值"),
        (GOOD, "重复"),
    ],
)
def test_bad_cells_refuse_the_whole_homework_file(school_db, tmp_path, bad, expected):
    rows = (
        [HEADER]
        + [[GOOD[0], GOOD[1], "数学", f"第{i}题", "书面", "必做", 10] for i in range(50)]
        + [GOOD, bad]
    )
    path = _workbook(tmp_path / "bad.xlsx", rows)
    before = _fingerprint(school_db)
    message = _try_import(school_db, "homework", path)
    assert message and __import__("re").search(expected, message), message
    assert "第 53 行" in message
    assert _fingerprint(school_db) == before


def test_dates_written_as_text_are_read(school_db, tmp_path):
    rows = [HEADER] + [
        [text, "四年级(1)班", "语文", f"项{i}", "书面", "必做", 15]
        for i, text in enumerate(["2026年11月23日", "2026/11/24", "20261120", "2026.11.19"])
    ]
    path = _workbook(tmp_path / "dates.xlsx", rows)
    assert _try_import(school_db, "homework", path) is None
    dates = {
        e.date
        for e in hw.entries_between(
            school_db, school.list_classes(school_db)[0].id, dt.date(2026, 11, 1), dt.date(2026, 11, 30)
        )
    }
    assert dates == {
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 24),
        dt.date(2026, 11, 20),
        dt.date(2026, 11, 19),
    }


@pytest.mark.slow
def test_ten_thousand_rows_with_one_bad_row_import_nothing(school_db, tmp_path):
    rows = [HEADER] + [
        ["2026-11-23", "四年级(1)班", "语文", f"题{i}", "书面", "必做", 10] for i in range(10_000)
    ]
    rows[7_777][6] = "很多"
    path = _workbook(tmp_path / "big.xlsx", rows)
    before = _fingerprint(school_db)
    message = _try_import(school_db, "homework", path)
    assert "第 7778 行" in message
    assert _fingerprint(school_db) == before
    rows[7_777][6] = 12
    _workbook(tmp_path / "big.xlsx", rows)
    assert _try_import(school_db, "homework", path) is None
    assert school_db.execute("SELECT COUNT(*) FROM homework_entries").fetchone()[0] == 10_000


def _register_file(db, tmp_path):
    entry = hw.Entry(
        None, school.list_classes(db)[0].id, dt.date(2026, 11, 23), "语文", "练习", "书面", True, 20
    )
    hw.save_entry(db, LOCAL_ADMIN, entry, today=dt.date(2026, 11, 25), reason="补登")
    return xlsx.export_registers(db, LOCAL_ADMIN, tmp_path / "registers.xlsx", tables=[hw.ENTRIES]).path


@pytest.mark.parametrize(
    "column, value, expected",
    [
        ("预计时长(分钟)", 10**40, "数字太大"),
        ("预计时长(分钟)", "=1+1", "公式"),
        ("预计时长(分钟)", "四十", "不是整数"),
        ("预计时长(分钟)", 12.5, "整数"),
        ("日期", None, "不能为空"),
        ("班级编号", "no-such-class", "没有这个班级"),
        ("已删除", "也许", "是 或 否"),
    ],
)
def test_bad_cells_refuse_the_register_workbook(school_db, tmp_path, column, value, expected):
    path = _register_file(school_db, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["作业记录"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index(column) + 1).value = value
    book.save(path)
    before = _fingerprint(school_db)
    with pytest.raises(UserError, match=expected):
        xlsx.import_registers(school_db, LOCAL_ADMIN, path)
    assert _fingerprint(school_db) == before


def test_register_workbook_structure_problems(school_db, tmp_path):
    path = _register_file(school_db, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["作业记录"]
    sheet.append([c.value for c in sheet[2]])  # a duplicated row
    book.save(tmp_path / "dup.xlsx")
    book = openpyxl.load_workbook(path)
    book["作业记录"].title = "我的表"
    book.save(tmp_path / "renamed.xlsx")
    book = openpyxl.load_workbook(path)
    book["作业记录"].cell(row=1, column=3).value = "随便"
    book.save(tmp_path / "header.xlsx")
    for name, expected in (
        ("dup.xlsx", "重复"),
        ("renamed.xlsx", "不是本软件的台账"),
        ("header.xlsx", "不认识这一列"),
    ):
        before = _fingerprint(school_db)
        with pytest.raises(UserError, match=expected):
            xlsx.import_registers(school_db, LOCAL_ADMIN, tmp_path / name)
        assert _fingerprint(school_db) == before
    for name, data in _garbage(tmp_path).items():
        if not name.endswith(".xlsx"):
            continue
        (tmp_path / name).write_bytes(data)
        with pytest.raises(UserError):
            xlsx.import_registers(school_db, LOCAL_ADMIN, tmp_path / name)


def test_fuzzed_packages_are_refused(school_db, tmp_path):
    entry = hw.Entry(
        None, school.list_classes(school_db)[0].id, dt.date(2026, 11, 25), "语文", "x", "书面", True, 5
    )
    hw.save_entry(school_db, LOCAL_ADMIN, entry, today=dt.date(2026, 11, 25))
    path = package.export_package(school_db, LOCAL_ADMIN, tmp_path / "p", kind="records", since="all").path
    data = path.read_bytes()
    rng = random.Random(7)
    target = tmp_path / "fuzz.fivemgmt"
    before = _fingerprint(school_db)
    for _ in range(200):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        cut = rng.choice([len(mutated), rng.randrange(len(mutated) + 1)])
        target.write_bytes(bytes(mutated[:cut]))
        if bytes(mutated[:cut]) == data:
            continue
        with pytest.raises(UserError):
            merge.import_packages(school_db, LOCAL_ADMIN, [target])
    assert _fingerprint(school_db) == before
    assert audit_verify.verify(school_db).ok
