"""Files built the way schools build them (tests/data, see its README): title rows, merged cells,
序号 columns, signature lines, one-class sheets, Unicode text, the 1904 date system."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from fivemgmt import parsers, records, roster, school, tabular
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from tests.core.helpers import make_school

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def classes(db):
    return make_school(db, grades=(4, 7))


@pytest.fixture
def data(tmp_path):
    """A copy of the data folder, so a test can never change the committed files."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def test_roster_below_a_merged_title_with_numbers_and_signature_lines(db, classes, data):
    preview = roster.preview_roster(db, data / "roster_title_merged.xlsx")
    assert preview.ok, preview.error_report()
    assert preview.header_row == 3
    assert [r["name"] for r in preview.rows] == ["刘䶮", "王𫖯", "张三"]
    assert [r["_row"] for r in preview.rows] == [4, 5, 6]  # the user's own row numbers
    assert preview.rows[0]["student_no"] == "G110105201605010011"
    assert preview.rows[1]["birth_date"] == dt.date(2016, 8, 2)
    assert any("班主任（签字）" in w and "不导入" in w for w in preview.warnings)
    roster.commit_roster(db, SYSTEM, preview)
    assert len(records.live_rows(db, "students")) == 3


def test_missing_column_is_reported_on_the_header_row_below_the_title(db, classes, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["四年级(1)班名单"])
    book.active.append(["姓名", "班级"])
    book.active.append(["张三", "四年级(1)班"])
    book.save(tmp_path / "r.xlsx")
    preview = roster.preview_roster(db, tmp_path / "r.xlsx")
    assert "第 2 行“性别”列：缺少此列" in preview.error_report()


def test_excel_unicode_text_file_utf16_tab_separated(db, classes, data):
    preview = roster.preview_roster(db, data / "roster_unicode.txt")
    assert preview.ok, preview.error_report()
    assert [(r["name"], r["class_id"]) for r in preview.rows] == [
        ("孙八", classes[4].id),
        ("周九", classes[4].id),
    ]


def test_dates_of_a_1904_workbook_even_when_a_cell_lost_its_format(db, classes, data):
    preview = hw.preview_import(db, data / "homework_1904.xlsx")
    assert preview.ok, preview.error_report()
    assert [r["date"] for r in preview.rows] == [dt.date(2026, 11, 23), dt.date(2026, 11, 24)]


def test_headers_in_full_width_letters_and_digits_match():
    columns = [tabular.Column("minutes", "时长(分钟)"), tabular.Column("kind", "作业类型")]
    positions, errors = tabular.match_columns(["时长（分钟）", "作业类型\u3000"], columns)
    assert positions == {"minutes": 0, "kind": 1} and not errors
    assert parsers.normalize_header("ＢＭＩ") == parsers.normalize_header("bmi")


def test_merged_cells_count_for_every_row_they_cover(db, classes, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长"])
    sheet.append(["2026-11-23", "四年级(1)班", "语文", "抄写", "书面", "必做", 15])
    sheet.append([None, None, "数学", "口算", "书面", "必做", 10])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    book.save(tmp_path / "merged.xlsx")
    preview = hw.preview_import(db, tmp_path / "merged.xlsx")
    assert preview.ok, preview.error_report()
    assert [(r["date"], r["class_id"]) for r in preview.rows] == [
        (dt.date(2026, 11, 23), classes[4].id),
        (dt.date(2026, 11, 23), classes[4].id),
    ]


def test_one_class_roster_asks_for_the_class_in_its_title_then_imports(db, classes, data):
    path = data / "roster_one_class.xlsx"
    first = roster.preview_roster(db, path)
    assert not first.ok
    assert first.suggestions == {"class": "四年级(1)班"}
    assert "“班级”列：缺少此列；标题或文件名写的是“四年级(1)班”" in first.error_report()
    confirmed = roster.preview_roster(db, path, defaults=first.suggestions)
    assert confirmed.ok, confirmed.error_report()
    roster.commit_roster(db, SYSTEM, confirmed)
    students = records.live_rows(db, "students")
    assert {s["name"] for s in students} == {"赵六", "钱七"}
    assert {s["class_id"] for s in students} == {classes[4].id}


def test_one_class_roster_from_the_command_line_with_class(db_path, data, capsys):
    from fivemgmt.cli import main
    from fivemgmt.session import open_db

    database = open_db(db_path)
    make_school(database, grades=(4, 7))
    database.close()
    args = ["import", "roster", str(data / "roster_one_class.xlsx"), "--db", str(db_path)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "四年级(1)班" in err and "--class 四年级(1)班" in err
    assert main([*args, "--class", "七年级(1)班"]) == 0
    database = open_db(db_path)
    assert {s["class_id"] for s in records.live_rows(database, "students")} == {
        school.list_classes(database)[1].id
    }
    database.close()


def test_a_class_column_is_read_from_the_file_even_with_class_given(db, classes, data):
    preview = roster.preview_roster(db, data / "roster_unicode.txt", defaults={"class": "七年级(1)班"})
    assert {r["class_id"] for r in preview.rows} == {classes[4].id}


def test_teacher_log_without_kind_required_or_class_columns(db, classes, data):
    path = data / "homework_teacher_log.xlsx"
    preview = hw.preview_import(db, path, defaults={"class": "四年级(1)班"})
    assert preview.ok, preview.error_report()
    by_row = {r["_row"]: r for r in preview.rows}
    assert by_row[4]["kind"] == "书面" and by_row[4]["minutes"] == 20
    assert by_row[5]["minutes"] == 15  # no 用时: read from "口算卡（15分钟）"
    assert by_row[6]["kind"] == "口头"
    assert by_row[7]["kind"] == "实践"
    assert all(r["required"] is True for r in preview.rows)
    warnings = "\n".join(preview.warnings)
    assert "必做/选做：全部行按必做" in warnings
    assert "第 7 行是按内容推测的" in warnings
    assert "第 5 行从作业内容中读出" in warnings
    hw.commit_import(db, SYSTEM, preview, reason="补登")
    day = hw.class_day(db, classes[4], dt.date(2026, 11, 24), dt.date(2026, 11, 30))
    assert day.counted_minutes == 15


def test_a_log_row_without_minutes_anywhere_is_refused_by_row_and_column(db, classes, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["日期", "班级", "学科", "作业内容"])
    book.active.append(["2026-11-23", "四年级(1)班", "数学", "练习册P20"])
    book.save(tmp_path / "log.xlsx")
    preview = hw.preview_import(db, tmp_path / "log.xlsx")
    assert [str(e) for e in preview.errors] == ["第 2 行“预计时长(分钟)”列：没有填写，作业内容中也没有写时长"]


def test_the_week_sheet_of_a_class_is_read_from_its_text(db, classes, data):
    path = data / "homework_week.xlsx"
    first = hw.preview_import(db, path)
    assert not first.ok and first.suggestions == {"class": "四年级(1)班"}
    preview = hw.preview_import(db, path, defaults=first.suggestions)
    assert preview.ok, preview.error_report()
    assert len(preview.rows) == 11  # 无书面作业, 无 and / are no homework
    friday = [r for r in preview.rows if r["date"] == dt.date(2026, 11, 27) and r["subject"] == "语文"]
    assert [(r["content"], r["kind"], r["minutes"]) for r in friday] == [
        ("抄写词语（15分钟）", "书面", 15),
        ("朗读课文（10分钟）", "口头", 10),
    ]
    tuesday_chinese = next(
        r for r in preview.rows if r["date"] == dt.date(2026, 11, 24) and r["subject"] == "语文"
    )
    assert (tuesday_chinese["kind"], tuesday_chinese["minutes"]) == ("口头", 10)
    assert {r["teacher"] for r in preview.rows if r["subject"] == "数学"} == {"王老师"}
    warnings = "\n".join(preview.warnings)
    # the sheet's own totals agree except Thursday's, which counts 阅读 and 实践 as written
    assert "第 6 行“星期四”列：表中书面作业总时长 30 分钟，各科书面作业合计 0 分钟" in warnings
    assert "星期一" not in warnings.split("作业类型")[0] and warnings.count("总时长") == 1
    hw.commit_import(db, SYSTEM, preview, reason="补登")
    monday = hw.class_day(db, classes[4], dt.date(2026, 11, 23), dt.date(2026, 11, 30))
    assert (monday.written_minutes, monday.total_minutes) == (35, 45)


def test_a_week_sheet_item_without_minutes_is_an_error_at_its_cell(db, classes, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["四年级(1)班作业公示 11月23日—27日"])
    book.active.append(["科目", "周一", "周二", "周三", "周四", "周五"])
    book.active.append(["数学", "练习册P20（20分钟）", "预习第5课", None, None, None])
    book.save(tmp_path / "week.xlsx")
    preview = hw.preview_import(db, tmp_path / "week.xlsx", defaults={"class": "四年级(1)班"})
    assert [str(e) for e in preview.errors] == ["第 3 行“周二”列：“预习第5课”没有写时长（如“（20分钟）”）"]


def test_week_sheet_from_the_command_line(db_path, data, capsys):
    from fivemgmt.cli import main
    from fivemgmt.session import open_db

    database = open_db(db_path)
    make_school(database, grades=(4, 7))
    database.close()
    args = ["import", "homework", str(data / "homework_week.xlsx"), "--db", str(db_path), "--reason", "补登"]
    assert main(args) == 2
    assert "--class 四年级(1)班" in capsys.readouterr().err
    assert main([*args, "--class", "四年级(1)班"]) == 0
    out = capsys.readouterr().out
    assert "已导入作业 11 行" in out and "星期四" in out


@pytest.fixture
def pupils(db, classes):
    _add_pupils(db, classes[4])
    return classes


def _add_pupils(db, school_class):
    from fivemgmt.db import transaction

    with transaction(db):
        for name in ("张一", "李二", "王三"):
            records.save(db, "students", {"class_id": school_class.id, "name": name}, SYSTEM)


def _map_once_as_in_the_gui(db, path):
    from fivemgmt.areas import sleep

    headers, body = sleep.read_questionnaire(path)
    mapping = sleep.suggest_mapping(headers, body)
    mapping["hours_bands"] = {"8小时以下": "7.5", "8-9小时": "8.5", "9-10小时": "9.5", "10小时以上": "10.5"}
    preview = sleep.preview_questionnaire(db, path, mapping)
    assert preview.ok, preview.error_report()
    sleep.commit_questionnaire(db, SYSTEM, preview)


def test_questionnaire_from_the_command_line_uses_the_remembered_mapping(db_path, data, capsys):
    import openpyxl

    from fivemgmt.areas import sleep
    from fivemgmt.cli import main
    from fivemgmt.session import open_db

    database = open_db(db_path)
    classes = make_school(database, grades=(4, 7))
    _add_pupils(database, classes[4])
    database.close()
    text = data / "sleep_wjx_text.xlsx"
    args = ["import", "sleep", str(text), "--db", str(db_path)]
    assert main(args) == 2
    assert "还没有设定列对应" in capsys.readouterr().err
    database = open_db(db_path)
    _map_once_as_in_the_gui(database, text)
    database.close()
    # next week's download of the same survey, from the command line
    book = openpyxl.load_workbook(text)
    for row in book.active.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].value = row[0].value.replace("11/20", "11/27")
    book.save(data / "next.xlsx")
    assert main(["import", "sleep", str(data / "next.xlsx"), "--db", str(db_path)]) == 0
    assert "新增 3" in capsys.readouterr().out
    database = open_db(db_path)
    nights = sleep.records_between(database, [classes[4].id], dt.date(2026, 11, 27), dt.date(2026, 11, 27))
    assert sorted((r.student_name, r.minutes) for r in nights) == [
        ("张一", 570),
        ("李二", 510),
        ("王三", 630),
    ]
    database.close()


def test_an_export_by_option_number_is_recognised_not_read_as_hours(db, pupils, data):
    from fivemgmt.areas import sleep

    _map_once_as_in_the_gui(db, data / "sleep_wjx_text.xlsx")
    preview = sleep.preview_import(db, data / "sleep_wjx_number.xlsx")  # the remembered mapping applies
    assert not preview.ok and not preview.rows
    assert "“4、昨晚孩子睡了几个小时？”列：答案是选项序号（问卷星“按序号”导出）" in preview.error_report()
    headers, body = sleep.read_questionnaire(data / "sleep_wjx_number.xlsx")
    fresh = sleep.suggest_mapping(headers, body)
    assert fresh["hours_bands"] == {"3": "", "2": "", "4": ""}  # the user says what each number means
    fresh["hours_bands"] = {"2": "8.5", "3": "9.5", "4": "10.5"}
    mapped = sleep.preview_questionnaire(db, data / "sleep_wjx_number.xlsx", fresh)
    assert mapped.ok, mapped.error_report()
    assert sorted(r["minutes"] for r in mapped.rows) == [510, 570, 630]


def test_a_week_sheet_titled_only_with_its_week_number_asks_to_confirm_the_week(
    db, classes, tmp_path, capsys
):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["四年级(1)班 第13周 作业公示"])
    book.active.append(["学科", "周一", "周二", "周三", "周四", "周五"])
    book.active.append(["数学", "练习册P20（20分钟）", None, None, None, None])
    book.save(tmp_path / "week13.xlsx")
    first = hw.preview_import(db, tmp_path / "week13.xlsx", defaults={"class": "四年级(1)班"})
    # the term starts on Tuesday 2026-09-01: its week 1 is the week of 08-31, week 13 that of 11-23
    assert first.suggestions == {"week": "2026-11-23"}
    assert "2026-11-23 那一周，请确认" in first.error_report()
    confirmed = hw.preview_import(
        db, tmp_path / "week13.xlsx", defaults={"class": "四年级(1)班", **first.suggestions}
    )
    assert confirmed.ok, confirmed.error_report()
    assert [r["date"] for r in confirmed.rows] == [dt.date(2026, 11, 23)]
