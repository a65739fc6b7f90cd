import datetime as dt

import openpyxl
import pytest

from fivemgmt import records, roster
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from tests.core.helpers import make_school

ROSTER_HEADER = ["姓名", "班级", "性别", "学籍号", "出生日期"]


def write_xlsx(path, rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def write_csv(path, rows, encoding="utf-8-sig"):
    path.write_text("\n".join(",".join(str(c) for c in row) for row in rows), encoding=encoding)
    return path


@pytest.fixture
def classes(db):
    return make_school(db, grades=(4, 7))


def test_roster_xlsx_any_column_order_and_class_spellings(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "名册.xlsx",
        [
            ROSTER_HEADER,
            ["张三", "四年级(1)班", "男", "G001", dt.datetime(2016, 5, 1)],
            ["李四", "初一（1）班", "女", "G002", "2013/09/02"],
            ["王五", "七年级1班", "2", "G003", "2013年10月3日"],
        ],
    )
    preview = roster.preview_roster(db, path)
    assert preview.ok, preview.error_report()
    assert preview.counts == {"new": 3, "changed": 0, "unchanged": 0}
    roster.commit_roster(db, SYSTEM, preview)
    students = {s["name"]: s for s in records.live_rows(db, "students")}
    assert students["李四"]["class_id"] == classes[7].id and students["王五"]["sex"] == "女"
    assert students["王五"]["birth_date"] == "2013-10-03"


def test_roster_header_variants_in_gbk_csv(db, classes, tmp_path):
    path = write_csv(
        tmp_path / "roster.csv",
        [
            ["学生姓名", "班级名称", "性 别", "全国学籍号", "生日"],
            ["赵六", "四年级(1)班", "女", "G010", "2016-01-02"],
        ],
        encoding="gb18030",
    )
    preview = roster.preview_roster(db, path)
    assert preview.ok, preview.error_report()
    assert preview.rows[0]["name"] == "赵六"


def test_bad_roster_imports_nothing_and_names_each_problem(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ROSTER_HEADER,
            ["张三", "四年级(1)班", "男", "G001", "2016-05-01"],
            ["李四", "五年级(3)班", "女", "G002", "2016-05-01"],
            ["王五", "四年级(1)班", "未知", "G003", "2016-05-01"],
            ["赵六", "四年级(1)班", "男", "G001", "2016-13-45"],
        ],
    )
    preview = roster.preview_roster(db, path)
    report = preview.error_report()
    assert "第 3 行“班级”列" in report and "五年级(3)班" in report
    assert "第 4 行“性别”列" in report
    assert "第 5 行“出生日期”列" in report
    assert "第 5 行“学籍号”列：与第 2 行重复" in report
    with pytest.raises(UserError, match="未导入任何数据"):
        roster.commit_roster(db, SYSTEM, preview)
    assert records.live_rows(db, "students") == []


def test_roster_missing_column_is_reported(db, classes, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [["姓名", "班级"], ["张三", "四年级(1)班"]])
    preview = roster.preview_roster(db, path)
    assert not preview.ok
    assert "“性别”列：缺少此列" in preview.error_report()


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage" * 50, b"PK\x03\x04truncated zip"])
def test_damaged_files_give_a_clear_error(db, classes, tmp_path, content):
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(content)
    with pytest.raises(UserError, match="无法读取|空"):
        preview = roster.preview_roster(db, path)
        preview.require_ok()


HOMEWORK_HEADER = ["日期", "班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长(分钟)", "布置教师"]


def test_homework_import_then_reimport_is_idempotent(db, classes, tmp_path):
    rows = [
        HOMEWORK_HEADER,
        ["2026-11-23", "四年级(1)班", "数学", "练习册P12", "书面", "必做", 30, "王老师"],
        ["2026-11-23", "四年级(1)班", "语文", "背诵", "口头", "必做", "15分钟", "李老师"],
        ["2026-11-23", "初一(1)班", "英语", "Unit 3", "书面作业", "选做", 20, ""],
    ]
    path = write_xlsx(tmp_path / "hw.xlsx", rows)
    preview = hw.preview_import(db, path)
    assert preview.ok, preview.error_report()
    assert preview.counts["new"] == 3
    hw.commit_import(db, SYSTEM, preview, reason="补登本周作业")
    day = hw.class_day(db, classes[4], dt.date(2026, 11, 23), dt.date(2026, 11, 25))
    assert day.counted_minutes == 30 and day.total_minutes == 45
    again = hw.preview_import(db, path)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3} and again.needs_reason == []
    hw.commit_import(db, SYSTEM, again)  # nothing changes: no reason needed
    assert len(records.live_rows(db, hw.ENTRIES)) == 3


def test_homework_import_with_wrong_types_imports_nothing(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "hw.xlsx",
        [
            HOMEWORK_HEADER,
            ["2026-11-23", "四年级(1)班", "数学", "练习", "书面", "必做", 30, ""],
            ["明天", "四年级(1)班", "数学", "练习", "书面", "必做", 30, ""],
            ["2026-11-24", "四年级(1)班", "数学", "练习", "手工", "必做", "半小时", ""],
            ["2026-11-24", "四年级(1)班", "数学", "练习2", "书面", "必做", 9999, ""],
            ["2026-11-24", "四年级(1)班", "数学", "练习3", "书面", "必做", "=A1*2", ""],
        ],
    )
    preview = hw.preview_import(db, path)
    report = preview.error_report()
    for expected in (
        "第 3 行“日期”列",
        "第 4 行“作业类型”列",
        "第 4 行“预计时长(分钟)”列",
        "第 5 行“预计时长(分钟)”列",
        "第 6 行“预计时长(分钟)”列：单元格是公式",
    ):
        assert expected in report
    with pytest.raises(UserError):
        hw.commit_import(db, SYSTEM, preview)
    assert records.live_rows(db, hw.ENTRIES) == []


def test_homework_import_csv_with_column_order_changed(db, classes, tmp_path):
    path = write_csv(
        tmp_path / "hw.csv",
        [
            ["班级", "日期", "预计时长", "学科", "作业类型", "必做/选做"],
            ["四年级(1)班", "2026/11/24", "25", "数学", "书面", "必做"],
        ],
    )
    preview = hw.preview_import(db, path)
    assert preview.ok, preview.error_report()
    hw.commit_import(db, SYSTEM, preview, reason="补登")
    assert hw.class_day(db, classes[4], dt.date(2026, 11, 24), dt.date(2026, 11, 25)).counted_minutes == 25


def test_row_numbers_match_excel_when_blank_rows_are_present(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "gaps.xlsx",
        [
            ROSTER_HEADER,
            ["张三", "四年级(1)班", "男", "G001", "2016-05-01"],
            [None, None, None, None, None],
            ["李四", "四年级(1)班", "妖", "G002", "2016-05-01"],
        ],
    )
    preview = roster.preview_roster(db, path)
    assert [str(e) for e in preview.errors] == [
        "第 4 行“性别”列：“妖”不是可选值（男、女、1、2、m、f、male、female）"
    ]


def test_roster_from_an_old_xls_file(db, classes, tmp_path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("名册")
    for col, header in enumerate(ROSTER_HEADER):
        sheet.write(0, col, header)
    for col, value in enumerate(["张三", "四年级(1)班", "男", "G001"]):
        sheet.write(1, col, value)
    sheet.write(1, 4, dt.datetime(2016, 5, 1), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    path = tmp_path / "名册.xls"
    book.save(str(path))
    preview = roster.preview_roster(db, path)
    assert preview.ok, preview.error_report()
    assert preview.rows[0]["birth_date"] == dt.date(2016, 5, 1)
    assert preview.rows[0]["class_id"] == classes[4].id


def outcome_table(preview):
    return [(o.row, o.kind, o.column) for o in preview.outcomes]


def test_homework_preview_lists_each_row_with_its_outcome(db, classes, tmp_path):
    rows = [
        HOMEWORK_HEADER,
        ["2026-11-23", "四年级(1)班", "数学", "练习册P12", "书面", "必做", 30, "王老师"],
        ["2026-11-23", "四年级(1)班", "语文", "背诵", "口头", "必做", 15, "李老师"],
    ]
    first = hw.preview_import(db, write_xlsx(tmp_path / "hw.xlsx", rows))
    assert outcome_table(first) == [(2, "新增", ""), (3, "新增", "")]
    assert "四年级(1)班 2026-11-23 数学" in first.outcomes[0].description
    hw.commit_import(db, SYSTEM, first, reason="补登")
    rows[2][6] = 25  # the 语文 homework now takes longer
    rows.append(["2026-11-24", "四年级(1)班", "数学", "练习册P13", "书面", "必做", 30, ""])
    again = hw.preview_import(db, write_xlsx(tmp_path / "hw2.xlsx", rows))
    assert outcome_table(again) == [(2, "不变", ""), (3, "修改", ""), (4, "新增", "")]
    assert again.counts == {"new": 1, "changed": 1, "unchanged": 1}


def test_refused_rows_are_outcomes_with_row_and_column(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "hw.xlsx",
        [
            ["作业登记表"],  # a title: the header is row 2, data from row 3
            HOMEWORK_HEADER,
            ["2026-11-23", "四年级(1)班", "数学", "练习", "书面", "必做", 30, ""],
            ["明天", "四年级(1)班", "数学", "练习", "书面", "必做", 30, ""],
        ],
    )
    preview = hw.preview_import(db, path)
    refused = [o for o in preview.outcomes if o.kind == "拒绝"]
    assert [(o.row, o.column) for o in refused] == [(4, "日期")]
    assert "明天" in refused[0].description


def test_roster_preview_lists_a_move_as_moved(db, classes, tmp_path):
    rows = [ROSTER_HEADER, ["张三", "四年级(1)班", "男", "G001", "2016-05-01"]]
    roster.commit_roster(db, SYSTEM, roster.preview_roster(db, write_xlsx(tmp_path / "a.xlsx", rows)))
    rows[1][1] = "初一(1)班"
    rows.append(["李四", "初一(1)班", "女", "G002", "2013-09-02"])
    preview = roster.preview_roster(db, write_xlsx(tmp_path / "b.xlsx", rows))
    assert outcome_table(preview) == [(2, "移动", ""), (3, "新增", "")]
    assert "移班 四年级(1)班 → 七年级(1)班" in preview.outcomes[0].description


# A file with one good row and one bad row, per kind: the preview lists both (issue 15, the floor)
FILES_WITH_ONE_BAD_ROW = {
    "homework": [
        HOMEWORK_HEADER,
        ["2026-11-23", "四年级(1)班", "数学", "练习", "书面", "必做", 30, ""],
        ["明天", "四年级(1)班", "数学", "练习", "书面", "必做", 30, ""],
    ],
    "activity": [
        [
            "日期",
            "班级",
            "体育课节数",
            "体育课被占用节数",
            "占用学科",
            "大课间(分钟)",
            "校内体育活动(分钟)",
            "眼保健操次数",
        ],
        ["2026-11-16", "四年级(1)班", 1, 0, None, 30, 70, 2],
        ["2026-11-17", "四年级(1)班", 1, 0, None, "很久", 70, 2],
    ],
    "afterschool": [
        ["日期", "班级", "是否开展", "时长(分钟)", "结束时间", "参加人数"],
        ["2026-11-16", "四年级(1)班", "是", 120, "17:30", 38],
        ["2026-11-17", "九年级(9)班", "是", 120, "17:30", 38],
    ],
    "reading": [
        ["书名", "作者", "出版社", "ISBN", "版次", "来源", "存放位置", "册数"],
        ["草房子", "曹文轩", "江苏少年儿童出版社", "", "", "采购", "图书室", 20],
        ["骆驼祥子", "老舍", "人民文学出版社", "", "", "采购", "九年级(9)班", 1],
    ],
    "sleep": [
        ["日期", "班级", "姓名", "就寝时间", "起床时间", "来源"],
        ["2026-11-20", "四年级(1)班", "张一", "21:00", "7:00", "家长问卷"],
        ["2026-11-20", "四年级(1)班", "无此人", "21:00", "7:00", "家长问卷"],
    ],
    "phone": [
        ["班级", "姓名", "申请日期", "家长姓名", "申请理由", "审批结果", "审批人", "有效期至"],
        ["四年级(1)班", "张一", "2026-09-05", "张父", "走读", "同意", "王主任", "2027-01-22"],
        ["四年级(1)班", "张一", "2026-09-06", "张父", "走读", "同意", "王主任", "很久以后"],
    ],
    "phone-log": [
        ["日期", "班级", "学籍号", "姓名", "状态", "收取人", "归还人", "备注"],
        ["2026-11-23", "四年级(1)班", "", "张一", "未带", "王老师", "王老师", ""],
        ["2026-11-23", "四年级(1)班", "", "无此人", "已交", "王老师", "王老师", ""],
    ],
}


@pytest.mark.parametrize("kind", sorted(FILES_WITH_ONE_BAD_ROW))
def test_a_file_with_errors_lists_every_rows_outcome_not_only_the_refused(db, classes, tmp_path, kind):
    from fivemgmt.commands.importing import importer

    with transaction(db):
        records.save(db, "students", {"class_id": classes[4].id, "name": "张一"}, SYSTEM)
    preview_import, _commit, _title = importer(kind)
    preview = preview_import(db, write_xlsx(tmp_path / f"{kind}.xlsx", FILES_WITH_ONE_BAD_ROW[kind]))
    assert not preview.ok
    assert [(o.row, o.kind) for o in preview.outcomes] == [(2, "新增"), (3, "拒绝")], preview.outcome_report()
