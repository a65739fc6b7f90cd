"""Roster import: the 学籍号 is the student's identity; 学号 is the seat number in a class (issue 10 item 4)."""

import openpyxl
import pytest

from fivemgmt import records, roster, school
from fivemgmt.actor import SYSTEM
from fivemgmt.errors import UserError
from tests.core.helpers import make_school

# Valid ID-number bodies (ISO 7064 MOD 11-2 check digit) behind the G.
NO = {
    "A": "G330106201702131971",
    "B": "G11010519491231002X",
    "C": "G330106201703150014",
    "D": "G330106201704200016",
    "E": "G330106201705050019",
    "F": "G330106201706060027",
}


def write_xlsx(path, rows, *, text_columns=()):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for column in text_columns:  # the fix the message asks for: the column formatted as text
        for cells in sheet.iter_cols(min_col=column, max_col=column):
            for cell in cells:
                cell.number_format = "@"
    workbook.save(path)
    return path


@pytest.fixture
def classes(db):
    make_school(db, grades=(4,))
    school.add_class(db, SYSTEM, 4, 2)
    return {c.number: c for c in school.list_classes(db, 4)}


def students(db):
    return {s["student_no"]: s for s in records.live_rows(db, "students")}


def test_a_student_number_stored_as_a_number_is_refused_with_its_row_and_the_fix(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "名册.xlsx",
        [
            ["班级", "姓名", "性别", "学籍号"],
            ["四年级(1)班", "张三", "男", 330106201702131971],  # an int cell: Excel shows 3.30106E+17
            ["四年级(1)班", "李四", "女", 3.30106201702131e17],  # what Excel saves after rounding
            ["四年级(1)班", "王五", "男", "3.30106E+17"],  # pasted from Excel's display
            ["四年级(1)班", "赵六", "女", NO["B"]],
        ],
    )
    preview = roster.preview_roster(db, path)
    assert not preview.ok
    report = preview.error_report()
    for row in (2, 3, 4):
        assert f"第 {row} 行“学籍号”列" in report
    assert report.count("请把学籍号列设为文本后重新输入") == 3
    assert "330106201702131008" not in report and "330106201702131968" not in report
    with pytest.raises(UserError, match="未导入任何数据"):
        roster.commit_roster(db, SYSTEM, preview)
    assert records.live_rows(db, "students") == []


def test_seat_numbers_repeat_in_every_class_and_never_merge_students(db, classes, tmp_path):
    header = ["学号", "姓名", "性别", "班级", "学籍号"]  # 学号 first: it used to be read as the 学籍号
    class2 = write_xlsx(
        tmp_path / "四年级2班.xlsx",
        [header, [1, "周一", "男", "四年级(2)班", NO["A"]], [2, "吴二", "女", "四年级(2)班", NO["B"]]],
    )
    class1 = write_xlsx(
        tmp_path / "四年级1班.xlsx",
        [header, [1, "郑甲", "男", "四年级(1)班", NO["C"]], [2, "王乙", "女", "四年级(1)班", NO["D"]]],
    )
    for path in (class2, class1):
        preview = roster.preview_roster(db, path)
        assert preview.ok, preview.error_report()
        assert preview.counts == {"new": 2, "changed": 0, "unchanged": 0}
        roster.commit_roster(db, SYSTEM, preview)
    assert [(s["seat_no"], s["name"]) for s in school.list_students(db, classes[2].id)] == [
        (1, "周一"),
        (2, "吴二"),
    ]
    assert [(s["seat_no"], s["name"], s["student_no"]) for s in school.list_students(db, classes[1].id)] == [
        (1, "郑甲", NO["C"]),
        (2, "王乙", NO["D"]),
    ]


def test_a_roster_with_only_seat_numbers_is_refused_plainly(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "名册.xlsx", [["学号", "姓名", "性别", "班级"], [1, "周一", "男", "四年级(2)班"]]
    )
    preview = roster.preview_roster(db, path)
    assert not preview.ok
    [error] = preview.errors
    assert "第 1 行“学籍号”列：缺少此列。" in str(error) and "“学号”列按班内学号" in str(error)
    assert records.live_rows(db, "students") == []


def test_seat_numbers_in_the_student_number_column_are_refused(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "名册.xlsx", [["学籍号", "姓名", "性别", "班级"], [3, "周一", "男", "四年级(2)班"]]
    )
    preview = roster.preview_roster(db, path)
    assert "第 2 行“学籍号”列：“3”像是班内学号" in preview.error_report()


def _import(db, path):
    preview = roster.preview_roster(db, path)
    assert preview.ok, preview.error_report()
    roster.commit_roster(db, SYSTEM, preview)
    return preview


def test_a_move_and_a_rename_are_shown_before_anything_changes(db, classes, tmp_path):
    header = ["班级", "姓名", "性别", "学籍号", "学号"]
    _import(
        db,
        write_xlsx(
            tmp_path / "old.xlsx",
            [
                header,
                ["四年级(2)班", "李四", "女", NO["A"], 1],
                ["四年级(2)班", "钱七", "男", NO["B"], 2],
                ["四年级(1)班", "孙八", "男", NO["C"], 1],
            ],
        ),
    )
    preview = roster.preview_roster(
        db,
        write_xlsx(
            tmp_path / "new.xlsx",
            [
                header,
                ["四年级(1)班", "李思", "女", NO["A"], 2],  # moved to (1) and renamed
                ["四年级(1)班", "陈九", "女", NO["D"], 3],  # new
            ],
            text_columns=(4,),
        ),
    )
    assert preview.ok, preview.error_report()
    by_row = {c.row: c for c in preview.changes}
    moved = by_row[2]
    assert (moved.old_class, moved.class_name, moved.old_name, moved.name) == (
        "四年级(2)班",
        "四年级(1)班",
        "李四",
        "李思",
    )
    assert moved.describe() == (
        f"第 2 行：李思（{NO['A']}）移班 四年级(2)班 → 四年级(1)班；改名 李四 → 李思；修改学号"
    )
    assert by_row[3].kind == roster.NEW
    [absent] = [c for c in preview.changes if c.kind == roster.ABSENT]
    assert (absent.name, absent.class_name) == (
        "孙八",
        "四年级(1)班",
    )  # (1)'s own student, left out of the file
    assert moved.describe() in preview.warnings and absent.describe() in preview.warnings
    assert "钱七" not in " ".join(preview.warnings)  # class (2) is not in the file: nothing to say about it
    roster.commit_roster(db, SYSTEM, preview)
    now = students(db)
    assert (now[NO["A"]]["name"], now[NO["A"]]["class_id"]) == ("李思", classes[1].id)
    assert now[NO["C"]]["class_id"] == classes[1].id and not now[NO["C"]]["deleted"]  # kept, not deleted
    assert now[NO["B"]]["class_id"] == classes[2].id


def test_a_bad_check_digit_is_a_warning_not_a_refusal(db, classes, tmp_path):
    preview = roster.preview_roster(
        db,
        write_xlsx(
            tmp_path / "名册.xlsx",
            [["班级", "姓名", "性别", "学籍号"], ["四年级(1)班", "张三", "男", "G330106201702131972"]],
        ),
    )
    assert preview.ok
    assert preview.warnings == [
        "第 2 行：学籍号“G330106201702131972”的校验位不对（按身份证号规则末位应为 1），请核对"
    ]


def test_a_hand_typed_student_number_must_be_unique_and_intact(db, classes):
    roster.save_student(db, SYSTEM, {"class_id": classes[1].id, "name": "张三", "student_no": NO["A"]})
    with pytest.raises(UserError, match="已是四年级\\(1\\)班的张三的学籍号"):
        roster.save_student(
            db, SYSTEM, {"class_id": classes[2].id, "name": "李四", "student_no": NO["A"].lower()}
        )
    with pytest.raises(UserError, match="科学计数法"):
        roster.save_student(
            db, SYSTEM, {"class_id": classes[2].id, "name": "李四", "student_no": "3.30106E+17"}
        )


def test_an_older_database_keeps_its_students_and_seat_numbers_stop_being_identities(db_path, tmp_path):
    from fivemgmt import migrations
    from fivemgmt.db import connect, transaction
    from fivemgmt.session import open_db

    old = connect(db_path)
    migrations.upgrade(old, stop_before="0011_student_seat_no")
    make_school(old, grades=(4,))
    school.add_class(old, SYSTEM, 4, 2)
    c1, c2 = (c.id for c in school.list_classes(old, 4))
    with transaction(old):
        for class_id, name, number in [
            (c1, "郑甲", "1"),
            (c2, "周一", "1"),
            (c2, "吴二", "02"),
            (c1, "孙八", NO["C"]),
        ]:
            records.save(old, "students", {"class_id": class_id, "name": name, "student_no": number}, SYSTEM)
    old.close()
    db = open_db(db_path)
    rows = {s["name"]: s for s in records.live_rows(db, "students")}
    assert {n: (s["class_id"], s["seat_no"], s["student_no"]) for n, s in rows.items()} == {
        "郑甲": (c1, 1, None),
        "周一": (c2, 1, None),
        "吴二": (c2, 2, None),
        "孙八": (c1, None, NO["C"]),
    }
    # The real roster then gives each of them a 学籍号: same students, no duplicates, nobody renamed.
    preview = _import(
        db,
        write_xlsx(
            tmp_path / "名册.xlsx",
            [
                ["班级", "姓名", "性别", "学籍号", "学号"],
                ["四年级(1)班", "郑甲", "男", NO["A"], 1],
                ["四年级(2)班", "周一", "男", NO["B"], 1],
            ],
        ),
    )
    assert preview.counts == {"new": 0, "changed": 2, "unchanged": 0}
    after = {s["name"]: s for s in records.live_rows(db, "students")}
    assert len(after) == 4
    assert (after["郑甲"]["id"], after["郑甲"]["student_no"]) == (rows["郑甲"]["id"], NO["A"])
    assert (after["周一"]["id"], after["周一"]["class_id"]) == (rows["周一"]["id"], c2)
    db.close()


@pytest.fixture
def two_classes_with_seat_one(db, classes):
    """四年级(1)班 and (2)班 each with a 学号 1, as every class has."""
    ids = {}
    for number, name, no in [(1, "郑甲", NO["C"]), (2, "周一", NO["A"])]:
        ids[number] = roster.save_student(
            db,
            SYSTEM,
            {"class_id": classes[number].id, "name": name, "sex": "男", "student_no": no, "seat_no": 1},
        )
    return ids


def test_every_importer_finds_a_student_by_seat_number_only_within_the_class(
    db, classes, two_classes_with_seat_one, tmp_path
):
    from fivemgmt.areas import phone, sleep

    path = write_xlsx(
        tmp_path / "睡眠.xlsx",
        [
            ["日期", "班级", "学号", "就寝时间", "起床时间"],
            ["2026-11-20", "四年级(2)班", 1, "21:00", "7:00"],
            ["2026-11-20", "四年级(1)班", 1, "21:30", "7:00"],
        ],
    )
    preview = sleep.preview_import(db, path)
    assert preview.ok, preview.error_report()
    assert [r["student_name"] for r in preview.rows] == ["周一", "郑甲"]

    log = write_xlsx(
        tmp_path / "保管.xlsx",
        [
            ["日期", "班级", "学号", "姓名", "状态", "收取人"],
            ["2026-11-23", "四年级(2)班", 1, None, "未交", "王老师"],
        ],
    )
    preview = phone.preview_custody_import(db, log)
    assert preview.ok, preview.error_report()
    assert [r.get("student_name") for r in preview.rows] == ["周一"]

    no_class = write_xlsx(
        tmp_path / "无班级.xlsx",
        [["日期", "学号", "就寝时间", "起床时间"], ["2026-11-20", 1, "21:00", "7:00"]],
    )
    assert "按学号找学生需要填写班级" in sleep.preview_import(db, no_class).error_report()


def test_other_importers_refuse_a_student_number_that_lost_digits_and_check_the_name(
    db, classes, two_classes_with_seat_one, tmp_path
):
    from fivemgmt.areas import phone, sleep

    path = write_xlsx(
        tmp_path / "睡眠.xlsx",
        [
            ["日期", "班级", "姓名", "学籍号", "就寝时间", "起床时间"],
            ["2026-11-20", "四年级(2)班", "周一", 330106201702131971, "21:00", "7:00"],
            ["2026-11-20", "四年级(1)班", "王某", NO["C"], "21:00", "7:00"],  # 学籍号 of 郑甲
        ],
    )
    report = sleep.preview_import(db, path).error_report()
    assert "第 2 行“学籍号”列" in report and "请把学籍号列设为文本后重新输入" in report
    assert f"第 3 行“姓名”列：学籍号“{NO['C']}”是郑甲，与姓名“王某”不符" in report
    applications = write_xlsx(
        tmp_path / "申请.xlsx",
        [
            ["班级", "学籍号", "申请日期", "家长姓名", "申请理由", "审批结果"],
            ["四年级(1)班", NO["A"], "2026-11-20", "周父", "联系", "同意"],  # 周一 is in (2)
        ],
    )
    assert (
        f"学籍号“{NO['A']}”是四年级(2)班的周一，不在四年级(1)班"
        in phone.preview_import(db, applications).error_report()
    )


def test_the_command_line_import_says_who_moves_and_who_is_left_out(db_path, tmp_path, capsys):
    from fivemgmt.cli import main
    from fivemgmt.session import open_db

    db = open_db(db_path)
    make_school(db, grades=(4,))
    school.add_class(db, SYSTEM, 4, 2)
    c1, c2 = school.list_classes(db, 4)
    roster.save_student(db, SYSTEM, {"class_id": c2.id, "name": "周一", "sex": "男", "student_no": NO["A"]})
    roster.save_student(db, SYSTEM, {"class_id": c1.id, "name": "孙八", "sex": "男", "student_no": NO["C"]})
    db.close()
    path = write_xlsx(
        tmp_path / "名册.xlsx", [["班级", "姓名", "性别", "学籍号"], ["四年级(1)班", "周一", "男", NO["A"]]]
    )
    assert main(["import", "roster", str(path), "--db", str(db_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"提示：第 2 行：周一（{NO['A']}）移班 四年级(2)班 → 四年级(1)班" in out
    assert f"提示：四年级(1)班的孙八（{NO['C']}）不在文件中：不会删除或移动" in out


def test_two_namesakes_without_a_student_number_are_not_guessed(db, classes, tmp_path):
    for _ in range(2):
        roster.save_student(db, SYSTEM, {"class_id": classes[1].id, "name": "张伟", "sex": "男"})
    preview = roster.preview_roster(
        db,
        write_xlsx(
            tmp_path / "名册.xlsx",
            [["班级", "姓名", "性别", "学籍号"], ["四年级(1)班", "张伟", "男", NO["A"]]],
        ),
    )
    assert "第 2 行“姓名”列：四年级(1)班有 2 名叫“张伟”的学生还没有学籍号" in preview.error_report()


def test_an_old_xls_roster_with_a_numeric_student_number_is_refused(db, classes, tmp_path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("名册")
    for row, values in enumerate(
        [["班级", "姓名", "性别", "学籍号", "学号"], ["四年级(1)班", "张三", "男", 330106201702131971, 1]]
    ):
        for col, value in enumerate(values):
            sheet.write(row, col, value)  # .xls keeps a number as a double: the digits are already gone
    path = tmp_path / "名册.xls"
    book.save(str(path))
    preview = roster.preview_roster(db, path)
    assert [e.row for e in preview.errors] == [2]
    assert "请把学籍号列设为文本后重新输入" in preview.error_report()
    assert preview.rows[0]["seat_no"] == 1
