"""Oversized import files are refused before they are read, and csv rows are streamed (issue 11, item 12).

Each file is read by ``sheets.read_sheet`` in a fresh subprocess that reports how much its peak memory
(``ru_maxrss``) grew while reading, so a reader that loads the whole file shows. The files are generated in
tmp_path and stay small on disk (a sparse file, a zip bomb of a few hundred KB)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import openpyxl

from fivemgmt import sheets

MB = 1024  # ru_maxrss is in KB on Linux

READER = """
import json, resource, sys
from pathlib import Path
import openpyxl  # noqa: F401 - loaded before the baseline, as in the app
from fivemgmt import sheets
from fivemgmt.errors import UserError

before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    sheet = sheets.read_sheet(Path(sys.argv[1]))
    message = f"read {len(sheet.rows)} rows"
except UserError as error:
    message = str(error)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"grown_kb": grown, "message": message}, ensure_ascii=False))
"""


def read_in_subprocess(path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", READER, str(path)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_csv_with_millions_of_rows_is_streamed_and_refused_at_the_limit(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as handle:  # 2,000,000 rows, 8 MB on disk
        handle.write("日期,班级\n")
        handle.writelines("1,2\n" for _ in range(2_000_000))
    result = read_in_subprocess(path)
    assert result["message"] == f"“huge.csv”超过 {sheets.MAX_ROWS} 行，请分批导入。"
    assert result["grown_kb"] < 60 * MB, result  # the whole file as rows would be ~300 MB


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.write("日期,班级\n".encode())
        handle.truncate(sheets.MAX_FILE_BYTES + 1)  # sparse: nothing is written to the disk
    result = read_in_subprocess(path)
    assert result["message"].startswith("“big.csv”有 64 MB，超过导入文件的上限 64 MB，未读取")
    assert result["grown_kb"] < 20 * MB, result


def _workbook_with_strings(path, write_strings) -> None:
    """A real xlsx (made by openpyxl) whose xl/sharedStrings.xml is replaced by ``write_strings(stream)``."""
    plain = path.with_name("plain.xlsx")
    book = openpyxl.Workbook()
    book.active.append(["日期", "班级"])
    book.active.append(["2026-11-23", "四年级(1)班"])
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "[Content_Types].xml":  # openpyxl finds the shared strings here
                data = data.replace(b"</Types>", SST_TYPE + b"</Types>")
            if member.filename != "xl/sharedStrings.xml":
                target.writestr(member.filename, data)
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as stream:
            write_strings(stream)


SST_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def test_a_shared_strings_bomb_is_refused_before_openpyxl_holds_the_strings(tmp_path):
    path = tmp_path / "bomb.xlsx"

    def many(stream):  # 2,000,000 short texts: 36 MB unpacked, a few KB packed
        stream.write(SST)
        chunk = b"<si><t>ab</t></si>" * 10_000
        for _ in range(200):
            stream.write(chunk)
        stream.write(b"</sst>")

    _workbook_with_strings(path, many)
    assert path.stat().st_size < 1024 * 1024
    result = read_in_subprocess(path)
    assert result["message"].startswith(f"“bomb.xlsx”中的文字超过 {sheets.MAX_SHARED_STRINGS} 条")
    assert result["grown_kb"] < 50 * MB, result


def test_a_part_that_unpacks_too_big_is_refused_by_its_declared_size(tmp_path):
    path = tmp_path / "long.xlsx"

    def one_long_text(stream):  # one text of 300 MB: a few hundred KB packed
        stream.write(SST + b"<si><t>")
        chunk = b"a" * (1024 * 1024)
        for _ in range(300):
            stream.write(chunk)
        stream.write(b"</t></si></sst>")

    _workbook_with_strings(path, one_long_text)
    assert path.stat().st_size < 2 * 1024 * 1024
    result = read_in_subprocess(path)
    assert "解压后超过 256 MB" in result["message"] and "xl/sharedStrings.xml" in result["message"]
    assert result["grown_kb"] < 20 * MB, result


def test_a_sheet_claiming_every_column_reads_only_the_columns_used(tmp_path):
    path = tmp_path / "wide.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "班级"])
    sheet.append(["2026-11-23", "四年级(1)班"])
    sheet.cell(row=3, column=16384).value = None  # formatting can make a sheet's dimension span XFD
    sheet["XFD3"].number_format = "@"
    book.save(path)
    rows = sheets.read_sheet(path).rows
    assert rows[0][:2] == ["日期", "班级"] and max(len(r) for r in rows) <= 256  # not 16384 Nones a row
