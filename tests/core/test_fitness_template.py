"""The national upload template: reading by header name (xlsx, xls), writing exactly, round trip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from fivemgmt.errors import UserError
from fivemgmt.fitness import records as db_rows
from fivemgmt.fitness.template import (
    UploadRecord,
    match_header,
    read_records,
    read_template,
    template_headers,
    write_template,
)

D = Decimal

HEADER_2014 = [
    "年级编号", "班级编号", "班级名称", "学籍号", "民族代码", "姓名", "性别", "出生日期", "家庭住址", "身高", "体重",
    "肺活量", "50米跑", "立定跳远", "坐位体前屈", "50米×8往返跑", "一分钟跳绳", "800米跑(女)", "1000米跑(男)",
    "一分钟仰卧起坐", "引体向上(男)",
]  # fmt: skip


def sample_records() -> list[UploadRecord]:
    return [
        UploadRecord(grade_code="15", class_code="2", class_name="五年级2班", student_id="G110105201401010011",
                     ethnic_code="01", name="张小明", sex="M", birth_date="2014-01-01", address="学府路1号",
                     results={"height": D("140.5"), "weight": D("35.0"), "lung": D(1800), "run50m": D("9.2"),
                              "sit_reach": D("-1.5"), "shuttle50x8": D(108), "rope1min": D(150),
                              "situp1min": D(40)}),
        UploadRecord(grade_code="41", class_code="1", class_name="体育1班", student_id="20240001", ethnic_code="02",
                     name="李华", sex="F", birth_date="2006-05-06",
                     results={"height": D("162.0"), "weight": D("51.2"), "lung": D(3100), "run50m": D("8.6"),
                              "long_jump": D(180), "sit_reach": D("18.3"), "run800m": D(224), "situp1min": D(46)}),
        UploadRecord(grade_code="11", class_code="3", class_name="一年级3班", student_id="G3", ethnic_code="01",
                     name="王免", sex="M", birth_date="2018-09-01", exempt=True),
    ]  # fmt: skip


def test_header_variants_match() -> None:
    assert match_header("50米x8往返跑") == "shuttle50x8"
    assert match_header("50米X8往返跑") == "shuttle50x8"
    assert match_header("50米×8往返跑") == "shuttle50x8"
    assert match_header("800米跑（女）") == "run800m"
    assert match_header("一分钟仰卧起坐（女）") == "situp1min"
    assert match_header(" 引体向上（男） ") == "pullup"
    assert match_header("身 高") == "height"
    assert match_header("备注") is None


def test_written_template_is_exact(tmp_path) -> None:
    path = tmp_path / "upload.xlsx"
    assert write_template(path, sample_records()) == 3
    ws = openpyxl.load_workbook(path).active
    rows = [[cell.value for cell in row] for row in ws.iter_rows()]
    assert rows[0] == HEADER_2014 == template_headers()
    first = dict(zip(HEADER_2014, rows[1], strict=True))
    assert first["年级编号"] == "15" and isinstance(first["年级编号"], str)
    assert first["学籍号"] == "G110105201401010011"
    assert first["民族代码"] == "01"  # leading zero kept as text
    assert first["性别"] == 1
    assert first["50米×8往返跑"] == "1'48"
    assert first["50米跑"] == 9.2
    assert first["坐位体前屈"] == -1.5
    assert first["肺活量"] == 1800
    assert first["800米跑(女)"] is None and first["引体向上(男)"] is None
    second = dict(zip(HEADER_2014, rows[2], strict=True))
    assert second["性别"] == 2
    assert second["800米跑(女)"] == "3'44"
    assert second["学籍号"] == "20240001" and ws.cell(row=3, column=4).number_format == "@"
    exempt = dict(zip(HEADER_2014, rows[3], strict=True))
    assert exempt["身高"] == "免体"
    assert all(exempt[h] is None for h in HEADER_2014[10:])


def test_round_trip(tmp_path) -> None:
    path = tmp_path / "upload.xlsx"
    original = sample_records()
    write_template(path, original)
    back, errors = read_records(path)
    assert errors == []
    assert len(back) == len(original)
    for before, after in zip(original, back, strict=True):
        after.row = None
        after.results = {k: v for k, v in after.results.items() if v is not None}
        assert after == before
    # and once more: export of the import gives the same file content
    again = tmp_path / "again.xlsx"
    write_template(again, back)
    cells = lambda p: [[c.value for c in row] for row in openpyxl.load_workbook(p).active.iter_rows()]  # noqa: E731
    assert cells(again) == cells(path)


def test_reads_variant_file_by_name_not_position(tmp_path) -> None:
    path = tmp_path / "variant.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年体质健康测试数据"])  # a title row above the header
    ws.append(["姓名", "学籍号", "性别", "年级编号", "50米x8往返跑", "身高", "体重", "800米跑（女）", "备注"])
    ws.append(["赵一", 20240002, "女", 16, 1.48, 150, 40.2, None, "x"])
    ws.append([None] * 9)
    ws.append(["钱二", "G9", "2", "41", None, "免体", None, "3.44", None])
    wb.save(path)
    sheet = read_template(path)
    assert sheet.header_row == 2
    assert sheet.columns["shuttle50x8"] == 4
    assert [row.row for row in sheet.rows] == [3, 5]
    records, errors = read_records(path)
    assert errors == []
    first, second = records
    assert (first.name, first.student_id, first.sex, first.grade_code) == ("赵一", "20240002", "F", "16")
    assert first.results["shuttle50x8"] == D(108)
    assert first.results["weight"] == D("40.2")
    assert second.exempt and second.results["run800m"] == D(224)


def test_bad_values_are_reported_with_row_and_column(tmp_path) -> None:
    path = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER_2014)
    row = ["11", "1", "一年级1班", "G1", "01", "甲", 3, None, None, 20, 22, 1200, 2, None, 5, None, -4]
    ws.append(row + [None] * (len(HEADER_2014) - len(row)))
    wb.save(path)
    records, errors = read_records(path)
    assert records[0].sex == ""
    assert records[0].results["height"] is None and records[0].results["lung"] == D(1200)
    joined = "\n".join(errors)
    assert "第2行「性别」" in joined
    assert "第2行「身高」" in joined
    assert "第2行「50米跑」" in joined
    assert "第2行「一分钟跳绳」" in joined and "负数" in joined


def test_missing_header_is_a_user_error(tmp_path) -> None:
    path = tmp_path / "nohead.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b"])
    wb.save(path)
    with pytest.raises(UserError, match="表头"):
        read_template(path)
    other = tmp_path / "x.csv"
    other.write_text("年级编号,学籍号\n", encoding="utf-8")
    with pytest.raises(UserError, match="只支持"):
        read_template(other)
    with pytest.raises(UserError, match="找不到"):
        read_template(tmp_path / "absent.xlsx")


def test_reads_xls(tmp_path) -> None:
    xlwt = pytest.importorskip("xlwt")
    path = tmp_path / "old.xls"
    book = xlwt.Workbook()
    ws = book.add_sheet("Sheet1")
    headers = ["年级编号", "学籍号", "姓名", "性别", "50米x8往返跑", "1000米跑（男）", "出生日期"]
    for col, text in enumerate(headers):
        ws.write(0, col, text)
    values = [41, "G7", "孙七", 1, None, "3'40\"", None]
    for col, value in enumerate(values):
        if value is not None:
            ws.write(1, col, value)
    ws.write(1, 6, dt.datetime(2005, 3, 4), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    book.save(str(path))
    records, errors = read_records(path)
    assert errors == []
    assert records[0].grade_code == "41" and records[0].sex == "M"
    assert records[0].results["run1000m"] == D(220)
    assert records[0].birth_date == "2005-03-04"


def test_roster_matching() -> None:
    imported = sample_records()
    roster = [
        {"student_no": "g110105201401010011", "name": "张小明", "sex": "男"},
        {"student_no": "20240001", "name": "李花", "sex": "男"},
        {"student_no": "G404", "name": "周未测", "sex": "女"},
    ]
    match = db_rows.match_roster(imported + [imported[0]], roster)
    assert [record.student_id for record, _ in match.matched] == ["G110105201401010011", "20240001"]
    assert [record.name for record in match.not_on_roster] == ["王免"]
    assert [row["name"] for row in match.not_in_file] == ["周未测"]
    assert match.duplicates == ["G110105201401010011"]
    assert any("李花" in warning for warning in match.warnings)
    assert any("性别" in warning for warning in match.warnings)


def test_upload_record_from_database_rows(tmp_path) -> None:
    student = {"student_no": "G1", "name": "甲", "sex": "女", "birth_date": "2013-02-03", "ethnicity": "01"}
    class_row = {"grade": 6, "number": 2, "name": "初一2班"}
    result = {"height": "150", "weight": 40, "run50m": "9.11", "shuttle50x8": 108}
    six_three = db_rows.upload_record(student, class_row, result)
    wusi = db_rows.upload_record(student, class_row, result, wusi=True)
    assert six_three.grade_code == "16" and wusi.grade_code == "21"
    assert wusi.sex == "F" and wusi.class_code == "2"
    assert wusi.results["run50m"] == D("9.2") and wusi.results["shuttle50x8"] == D(108)
    path = tmp_path / "export.xlsx"
    write_template(path, [wusi])
    row = [c.value for c in openpyxl.load_workbook(path).active[2]]
    assert row[0] == "21" and row[6] == 2 and row[15] == "1'48"
    exempt = db_rows.upload_record(student, class_row, {"exempt_reason": "病假"})
    assert exempt.exempt
