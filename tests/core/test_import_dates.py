"""Every importer checks every date against the school calendar (issue 11, item 11).

A date outside every term (2099-01-01, 1900-01-01, a day of the winter vacation) is refused by row and
column with a plain Chinese reason; “11月3日” is read with the year of the term that has that day; nothing
is ever an internal error. One parametrised test runs over every importer."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from fivemgmt import roster, school, tabular
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import activity, afterschool, homework, phone, reading, sleep
from fivemgmt.exchange import xlsx
from fivemgmt.fitness import upload
from tests.core.helpers import make_school

OUTSIDE = "不在学校日历的任何学期内"


@pytest.fixture
def pupil(db):
    classes = make_school(db, grades=(4,))  # term 2026-09-01 – 2027-01-22
    roster.save_student(
        db,
        SYSTEM,
        {
            "class_id": classes[4].id,
            "name": "张一",
            "sex": "男",
            "student_no": "G1",
            "birth_date": "2016-03-01",
        },
    )
    return classes[4]


def _xlsx(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _csv(path, rows):
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _questionnaire(db, path):
    headers, body = sleep.read_questionnaire(path)
    return sleep.preview_questionnaire(db, path, sleep.suggest_mapping(headers, body))


# (name, the date column's header, file writer, rows with DAY for the date, preview function)
IMPORTERS = [
    ("作业 xlsx", "日期", _xlsx, [["日期", "班级", "学科", "作业内容", "作业类型", "预计时长(分钟)"],
                                  ["DAY", "四年级(1)班", "数学", "练习册", "书面", 20]], homework.preview_import),
    ("作业 csv", "日期", _csv, [["日期", "班级", "学科", "作业内容", "作业类型", "预计时长(分钟)"],
                                ["DAY", "四年级(1)班", "数学", "练习册", "书面", 20]], homework.preview_import),
    ("睡眠", "日期", _xlsx, [["日期", "班级", "姓名", "就寝时间", "起床时间"],
                             ["DAY", "四年级(1)班", "张一", "21:00", "7:00"]], sleep.preview_import),
    ("睡眠问卷", "提交答卷时间", _xlsx, [["序号", "提交答卷时间", "1、孩子姓名", "2、所在班级", "3、孩子平时几点就寝？",
                                          "4、孩子早上几点起床？"],
                                         [1, "DAY", "张一", "四年级1班", "21:00", "7:00"]], _questionnaire),
    ("手机申请", "申请日期", _xlsx, [["班级", "姓名", "申请日期", "家长姓名", "申请理由", "审批结果", "审批人", "有效期至"],
                                     ["四年级(1)班", "张一", "DAY", "张父", "走读", "同意", "王主任", "2027-01-22"]], phone.preview_import),
    ("手机保管", "日期", _xlsx, [["日期", "班级", "学籍号", "姓名", "状态", "收取人"],
                                 ["DAY", "四年级(1)班", None, None, None, "王老师"]], phone.preview_custody_import),
    ("体育活动", "日期", _xlsx, [["日期", "班级", "体育课节数", "大课间(分钟)", "校内体育活动(分钟)", "眼保健操次数"],
                                 ["DAY", "四年级(1)班", 1, 30, 60, 2]], activity.preview_import),
    ("课后服务", "日期", _xlsx, [["日期", "班级", "是否开展", "时长(分钟)", "结束时间"],
                                 ["DAY", "四年级(1)班", "是", 120, "17:30"]], afterschool.preview_import),
    ("读物", "登记日期", _xlsx, [["书名", "来源", "存放位置", "登记日期"],
                                 ["草房子", "采购", "图书室", "DAY"]], reading.preview_import),
]  # fmt: skip
IDS = [i[0] for i in IMPORTERS]


def _write(tmp_path, writer, rows, day):
    suffix = ".csv" if writer is _csv else ".xlsx"
    filled = [[day if cell == "DAY" else cell for cell in row] for row in rows]
    return writer(tmp_path / f"import{suffix}", filled)


def _date_of(preview) -> dt.date:
    [row] = preview.rows
    return row.get("date") or row.get("applied_on") or row.get("added_date")


@pytest.mark.parametrize(
    "day",
    ["2099-01-01", "1900-01-01", "2027-02-15", dt.datetime(2027, 7, 20)],
    ids=["2099", "1900", "寒假", "暑假"],
)
@pytest.mark.parametrize(("name", "column", "writer", "rows", "preview"), IMPORTERS, ids=IDS)
def test_a_date_outside_every_term_is_refused_by_row_and_column(
    db, pupil, tmp_path, name, column, writer, rows, preview, day
):
    result = preview(db, _write(tmp_path, writer, rows, day))
    assert not result.ok
    shown = day.date().isoformat() if isinstance(day, dt.datetime) else day
    [error] = [e for e in result.errors if OUTSIDE in e.message]
    assert (error.row, error.column) == (2, column)
    assert error.message.startswith(f"{shown} {OUTSIDE}（2026-2027学年第一学期 2026-09-01–2027-01-22）")
    with pytest.raises(tabular.UserError, match="未导入任何数据"):
        result.require_ok()


@pytest.mark.parametrize("text", ["11月3日", "11月3号", "11-3"])
@pytest.mark.parametrize(("name", "column", "writer", "rows", "preview"), IMPORTERS, ids=IDS)
def test_a_date_without_a_year_takes_the_year_of_its_term(
    db, pupil, tmp_path, name, column, writer, rows, preview, text
):
    result = preview(db, _write(tmp_path, writer, rows, text))
    assert result.ok, result.error_report()
    assert _date_of(result) == dt.date(2026, 11, 3)


@pytest.mark.parametrize(("name", "column", "writer", "rows", "preview"), IMPORTERS, ids=IDS)
def test_a_month_and_day_in_no_term_is_refused_plainly(
    db, pupil, tmp_path, name, column, writer, rows, preview
):
    result = preview(db, _write(tmp_path, writer, rows, "8月3日"))  # the summer vacation, whatever the year
    [error] = result.errors
    assert (error.row, error.column) == (2, column)
    assert error.message.startswith("“8月3日”没有写年份，学校日历的学期（2026-2027学年第一学期")


def test_a_week_sheet_refuses_the_days_outside_every_term(db, pupil, tmp_path):
    path = _xlsx(
        tmp_path / "作业公示.xlsx",
        [
            ["学科", "周一 2099年1月5日", "周二 2099年1月6日", "周三 2099年1月7日"],
            ["数学", "练习册（20分钟）", None, "口算（10分钟）"],
        ],
    )
    result = homework.preview_import(db, path, defaults={"class": "四年级(1)班"})
    assert {(e.row, e.column) for e in result.errors} == {(2, "周一 2099年1月5日"), (2, "周三 2099年1月7日")}
    assert all(e.message.startswith("2099-01-0") and OUTSIDE in e.message for e in result.errors)
    assert result.rows == []


def test_a_questionnaire_with_one_date_for_every_answer_is_checked_too(db, pupil, tmp_path):
    path = _xlsx(
        tmp_path / "问卷.xlsx",
        [["序号", "1、孩子姓名", "2、所在班级", "3、孩子平时几点就寝？", "4、孩子早上几点起床？"],
         [1, "张一", "四年级1班", "21:00", "7:00"]],
    )  # fmt: skip
    headers, body = sleep.read_questionnaire(path)
    mapping = {**sleep.suggest_mapping(headers, body), "date": "2099-01-01"}
    result = sleep.preview_questionnaire(db, path, mapping)
    [error] = result.errors
    assert error.column == "日期" and OUTSIDE in error.message


def test_fitness_results_go_only_to_a_school_year_of_the_calendar(db, pupil, tmp_path, today):
    from tests.core.test_fitness_store import row, write_file

    path = tmp_path / "体质.xlsx"
    write_file(path, [row(14, "G1", "张一", 1, 身高=140)])
    assert upload.preview_import(db, path, today=today).ok
    result = upload.preview_import(db, path, school_year="2099-2100", today=today)
    [error] = result.errors
    assert error.column == "学年" and error.message.startswith(
        "2099-2100 学年不在学校日历中（日历中的学年：2026-2027）"
    )


def test_excel_round_trip_refuses_a_date_changed_to_outside_every_term(db, pupil, tmp_path, today):
    entry = homework.Entry(
        None, pupil.id, dt.date(2026, 11, 23), "数学", "练习册", homework.WRITTEN, True, 20
    )
    homework.save_entry(db, SYSTEM, entry, reason="登记", today=today)
    path = xlsx.export_registers(db, SYSTEM, tmp_path / "台账.xlsx").path
    book = openpyxl.load_workbook(path)
    sheet = book[xlsx.table_label(homework.ENTRIES)]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("日期") + 1).value = dt.datetime(2099, 1, 1)
    book.save(path)
    result = xlsx.preview_registers(db, SYSTEM, path)
    [error] = result.errors
    assert (error.row, error.column) == (2, f"{xlsx.table_label(homework.ENTRIES)}·日期")
    assert error.message.startswith(f"2099-01-01 {OUTSIDE}")


def test_the_check_packages_and_other_callers_use(db, pupil):
    dates = tabular.SchoolDates.of(db)
    assert dates.problem(dt.date(2026, 11, 3)) is None
    assert OUTSIDE in dates.problem(dt.date(2099, 1, 1))
    assert dates.problem(dt.date(2027, 7, 20), in_term=False) is None  # 有效期至 next summer
    assert "相差一年以上" in dates.problem(dt.date(2099, 1, 1), in_term=False)


def test_a_school_without_terms_is_told_to_enter_them(db):
    school.save_school(db, SYSTEM, "测试学校", "小学")
    assert tabular.SchoolDates.of(db).problem(dt.date(2026, 11, 3)).startswith("学校日历中还没有学期")


def test_the_command_line_refuses_an_impossible_month_day_plainly(db_path, db, pupil, tmp_path, capsys):
    from fivemgmt.cli import main

    db.close()
    path = _xlsx(
        tmp_path / "睡眠.xlsx",
        [
            ["日期", "班级", "姓名", "就寝时间", "起床时间"],
            ["13月45日", "四年级(1)班", "张一", "21:00", "7:00"],
        ],
    )
    code = main(["import", "sleep", str(path), "--db", str(db_path), "--today", "2026-11-25"])
    err = capsys.readouterr().err
    assert code == 2 and "第 2 行“日期”列：“13月45日”不是有效日期" in err
    assert "内部错误" not in err and "Traceback" not in err
