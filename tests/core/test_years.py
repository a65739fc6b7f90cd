"""学年升级 (school-year rollover), history that keeps its grade and class name, dated student moves."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from fivemgmt import clock, roster, school, summary, years
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.areas import sleep
from fivemgmt.cli import main
from fivemgmt.errors import UserError
from fivemgmt.reports.documents import DOCUMENTS, generate
from fivemgmt.reports.period import Period
from tests.core.helpers import make_school
from tests.core.reports_helpers import pages_text

OLD_WEEK = Period.week(dt.date(2026, 11, 16))  # 2026-W47, in the demo's 2026-2027 term
SUMMER = dt.date(2027, 8, 20)  # when a school rolls over to 2027-2028
NEW_TERM = dt.date(2027, 9, 15)


def _form_text(data: bytes) -> list[str]:
    """The text of every page, without the footer's two facts about when and from which state of the
    database it was printed (生成于 date, 数据校验码 = the audit head, which every write moves on)."""
    return [re.sub(r"生成于 \S+|数据校验码 \S+", "", page) for page in pages_text(data)]


def _add_terms(db) -> None:
    """The spring term of 2026-2027 and the autumn term of 2027-2028 (imports refuse days outside terms)."""
    from fivemgmt import records
    from fivemgmt.db import transaction

    with transaction(db):
        for year, name, start, end in (
            ("2026-2027", "第二学期", "2027-02-22", "2027-07-09"),
            ("2027-2028", "第一学期", "2027-09-01", "2028-01-21"),
        ):
            records.save(
                db, "terms", {"school_year": year, "name": name, "start_date": start, "end_date": end}, SYSTEM
            )


def _by_name(classes: list[school.SchoolClass]) -> dict[str, school.SchoolClass]:
    return {c.name: c for c in classes}


def test_old_year_forms_keep_their_text_after_the_rollover(demo_db):
    """Every form of a week of the old year, printed during that year and again in the new year after the
    rollover, has the same text page for page: the same classes with the grades and names they had."""
    before = {key: _form_text(generate(demo_db, key, OLD_WEEK, today=clock.today())) for key in DOCUMENTS}
    week_before = summary.week_summary(demo_db, OLD_WEEK.start).to_json()
    clock.pin(SUMMER)
    years.rollover(demo_db, SYSTEM, "2027-2028", new_classes=2)
    clock.pin(NEW_TERM)
    # the school as it is now: everything moved up
    now = _by_name(school.list_classes(demo_db))
    assert "五年级(1)班" in now and now["五年级(1)班"].grade == 5
    after = {key: _form_text(generate(demo_db, key, OLD_WEEK, today=NEW_TERM)) for key in DOCUMENTS}
    for key in DOCUMENTS:
        assert after[key] == before[key], key
    assert "四年级(1)班" in "".join(after["board"])
    week_after = summary.week_summary(demo_db, OLD_WEEK.start)
    old = json.loads(json.dumps(week_before))
    new = week_after.to_json()
    assert [(c["class"], c["grade"]) for c in new["classes"]] == [
        (c["class"], c["grade"]) for c in old["classes"]
    ]
    for mine, theirs in zip(new["classes"], old["classes"], strict=True):
        assert mine["areas"]["homework"]["figures"]["cap"] == theirs["areas"]["homework"]["figures"]["cap"]


def test_promoted_grade2_class_keeps_the_grade2_rules_for_its_past_weeks(db):
    """A grade-2 class with written homework in 2026 is still judged by the grade-1–2 rule (no written
    homework) after it became a grade-3 class, not against grade 3's 60-minute cap."""
    classes = make_school(db, grades=(2, 6), stage="小学")
    two = classes[2]
    hw.save_entry(
        db,
        SYSTEM,
        hw.Entry(None, two.id, dt.date(2026, 11, 17), "数学", "口算", "书面", True, 20),
        reason="补录",
        today=dt.date(2026, 11, 25),
    )
    before = summary.week_summary(db, dt.date(2026, 11, 16)).classes[0].areas["homework"]
    clock.pin(SUMMER)
    plan, _ = years.rollover(db, SYSTEM, "2027-2028", new_classes=1)
    assert [p.name for p in plan.promotions] == ["三年级(1)班", "六年级(1)班"]
    assert [p.graduates for p in plan.promotions] == [False, True]  # 小学: grade 6 graduates
    clock.pin(NEW_TERM)
    assert school.get_class(db, two.id).name == "三年级(1)班"
    after = summary.week_summary(db, dt.date(2026, 11, 16)).classes[0].areas["homework"]
    assert after.class_name == "二年级(1)班" and after.grade == 2
    assert after.status == before.status and after.reason == before.reason
    assert after.figures.cap == before.figures.cap == 0
    # the graduated class is not a class of the new year, but its history is there
    assert [c.name for c in school.list_classes(db)] == ["一年级(1)班", "三年级(1)班"]
    assert school.get_class(db, classes[6].id).archived
    assert [c.name for c in school.list_classes(db, on=dt.date(2026, 11, 16))] == [
        "二年级(1)班",
        "六年级(1)班",
    ]


def test_rollover_is_previewed_refused_twice_and_teachers_cleared_on_request(db):
    classes = make_school(db, grades=(3, 4), stage="小学")
    teacher = school.add_teacher(db, SYSTEM, "王老师")
    school.set_head_teacher(db, SYSTEM, classes[3].id, teacher)
    school.assign_teaching(db, SYSTEM, teacher, classes[3].id, "语文")
    plan = years.plan_rollover(db, "2027-2028", teachers=years.CLEAR)
    assert "三年级(1)班 → 四年级(1)班" in "\n".join(plan.lines())
    assert school.get_class(db, classes[3].id).name == "三年级(1)班"  # a preview writes nothing
    with pytest.raises(UserError, match="当前学年或下一学年"):
        years.plan_rollover(db, "2029-2030")
    years.commit_rollover(db, SYSTEM, plan)
    with pytest.raises(UserError, match="不能重复升级"):
        years.plan_rollover(db, "2027-2028")
    clock.pin(NEW_TERM)
    moved = school.get_class(db, classes[3].id)
    assert moved.name == "四年级(1)班" and moved.head_teacher_id is None
    assert school.teachers_of_class(db, classes[3].id) == []
    # the old year keeps its 班主任 (the board of an old day prints it)
    old = school.get_class(db, classes[3].id, on=dt.date(2026, 11, 16))
    assert old.name == "三年级(1)班" and old.head_teacher_id == teacher


def test_keep_teachers_moves_them_up_with_the_class(db):
    classes = make_school(db, grades=(3,), stage="小学")
    teacher = school.add_teacher(db, SYSTEM, "李老师")
    school.set_head_teacher(db, SYSTEM, classes[3].id, teacher)
    school.assign_teaching(db, SYSTEM, teacher, classes[3].id, "数学")
    years.rollover(db, SYSTEM, "2027-2028", teachers=years.KEEP)
    clock.pin(NEW_TERM)
    moved = school.get_class(db, classes[3].id)
    assert moved.name == "四年级(1)班" and moved.head_teacher_id == teacher
    assert [t["subject"] for t in school.teachers_of_class(db, moved.id)] == ["数学"]


def test_new_first_year_classes_from_a_roster(db, tmp_path):
    import openpyxl

    make_school(db, grades=(1, 6), stage="小学")
    path = tmp_path / "新生名册.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["班级", "姓名", "性别", "学籍号"])
    sheet.append(["一年级(1)班", "新生甲", "男", "G330106202001010011"])
    sheet.append(["一年级(2)班", "新生乙", "女", "G330106202002020022"])
    sheet.append(["一年级(2)班", "新生丙", "女", "G330106202003030033"])
    book.save(path)
    plan = years.plan_rollover(db, "2027-2028", roster=path)
    assert [name for _g, _n, name in plan.new_classes] == ["一年级(1)班", "一年级(2)班"]
    assert plan.roster_counts == {"一年级(1)班": 1, "一年级(2)班": 2}
    years.commit_rollover(db, SYSTEM, plan)
    clock.pin(NEW_TERM)
    found = _by_name(school.list_classes(db))
    assert sorted(found) == ["一年级(1)班", "一年级(2)班", "二年级(1)班"]
    assert [s["name"] for s in school.list_students(db, found["一年级(2)班"].id)] == ["新生乙", "新生丙"]
    # a class created by the rollover did not exist in the old year
    assert "一年级(2)班" not in _by_name(school.list_classes(db, on=dt.date(2026, 11, 16)))


def test_roster_naming_another_grade_is_refused_before_anything_is_written(db, tmp_path):
    import openpyxl

    make_school(db, grades=(1,), stage="小学")
    path = tmp_path / "名册.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["班级", "姓名", "性别", "学籍号"])
    book.active.append(["三年级(1)班", "某某", "男", "G330106201801010011"])
    book.save(path)
    with pytest.raises(UserError, match="不是一年级"):
        years.plan_rollover(db, "2027-2028", roster=path)
    assert years.rolled_years(db) == []


def test_students_moves_are_dated_and_class_figures_count_each_day(db):
    classes = make_school(db, grades=(4, 8))
    four, eight = classes[4], classes[8]
    anna = roster.save_student(db, SYSTEM, {"class_id": four.id, "name": "安娜", "sex": "女"})
    bob = roster.save_student(db, SYSTEM, {"class_id": four.id, "name": "鲍勃", "sex": "男"})
    years.move_student(db, SYSTEM, anna, school.MOVED, dt.date(2026, 11, 20), to_class_id=eight.id)
    years.move_student(db, SYSTEM, bob, school.LEFT, dt.date(2026, 11, 23), note="随父母迁居")
    carl = years.add_student_joined(
        db, SYSTEM, {"class_id": four.id, "name": "卡尔", "sex": "男"}, dt.date(2026, 11, 24)
    )

    def names(school_class, day):
        return [s["name"] for s in school.list_students(db, school_class.id, on=day)]

    assert names(four, dt.date(2026, 11, 19)) == ["安娜", "鲍勃"]
    assert names(four, dt.date(2026, 11, 20)) == ["鲍勃"]
    assert names(eight, dt.date(2026, 11, 20)) == ["安娜"]
    assert names(four, dt.date(2026, 11, 23)) == []
    assert names(four, dt.date(2026, 11, 24)) == ["卡尔"]
    # the sleep grid of a day lists the class as it was that day
    assert [r.name for r in sleep.class_grid(db, four.id, dt.date(2026, 11, 19))] == ["安娜", "鲍勃"]
    assert [r.name for r in sleep.class_grid(db, four.id, dt.date(2026, 11, 25))] == ["卡尔"]
    with pytest.raises(UserError, match="已不在校"):
        years.move_student(db, SYSTEM, bob, school.MOVED, dt.date(2026, 11, 25), to_class_id=eight.id)
    with pytest.raises(UserError, match="不能登记更早"):
        years.move_student(db, SYSTEM, anna, school.LEFT, dt.date(2026, 11, 1))
    assert years.student_history(db, carl)[0].startswith("2026-11-24 转入")


def test_graduates_leave_with_the_rollover_and_stay_in_the_old_year(db):
    classes = make_school(db, grades=(9,))
    student = roster.save_student(db, SYSTEM, {"class_id": classes[9].id, "name": "毕业生", "sex": "女"})
    years.rollover(db, SYSTEM, "2027-2028")
    assert [s["id"] for s in school.list_students(db, classes[9].id, on=dt.date(2027, 7, 1))] == [student]
    assert school.list_students(db, classes[9].id, on=NEW_TERM) == []
    assert years.student_moves(db, student)[0]["kind"] == "毕业"


def test_cli_year_rollover_dry_run_then_real_and_show(demo_db_path, capsys):
    db_arg = ["--db", str(demo_db_path), "--today", "2027-08-20"]
    assert main(["year", "rollover", "--to", "2027-2028", "--new-classes", "2", "--dry-run", *db_arg]) == 0
    out = capsys.readouterr().out
    assert "四年级(1)班 → 五年级(1)班" in out and "九年级(1)班：毕业" in out and "未写入" in out
    assert main(["year", "show", *db_arg]) == 0
    assert "已做过的学年升级：无" in capsys.readouterr().out
    assert (
        main(["year", "rollover", "--to", "2027-2028", "--new-classes", "2", "--clear-teachers", *db_arg])
        == 0
    )
    assert "已升级到 2027-2028 学年" in capsys.readouterr().out
    from fivemgmt import backup

    made = [b for b in backup.list_backups(demo_db_path) if b.kind == "prerollover"]
    assert len(made) == 1 and "学年升级前备份" in made[0].label
    with backup.plain_copy(made[0].path) as copy:  # the backup is the school before the rollover
        from fivemgmt.db import connect

        before = connect(copy, readonly=True)
        assert before.execute("SELECT COUNT(*) FROM class_years").fetchone()[0] == 0
        before.close()
    assert main(["year", "show", *db_arg]) == 0
    shown = capsys.readouterr().out
    assert "一年级(2)班  0 名学生" in shown and "已毕业归档：九年级(1)班" in shown
    assert main(["year", "show", "--year", "2026-2027", *db_arg]) == 0
    assert "九年级(1)班  " in capsys.readouterr().out
    # a second time is refused in one plain line
    assert main(["year", "rollover", "--to", "2027-2028", *db_arg]) != 0
    assert "不能重复升级" in capsys.readouterr().err


def test_cli_year_help_is_chinese_and_english(capsys):
    with pytest.raises(SystemExit):
        main(["year", "rollover", "--help"])
    text = capsys.readouterr().out
    assert "学年升级" in text and "school-year rollover" in text and "--keep-teachers" in text


def test_roster_move_is_a_dated_class_change(db, tmp_path):
    """移班 by a roster file counts from the day of the import: the old class keeps the student for the
    days before (its sleep grid of an earlier day still lists them)."""
    import openpyxl

    classes = make_school(db, grades=(4, 8))
    student = roster.save_student(
        db,
        SYSTEM,
        {"class_id": classes[4].id, "name": "转班生", "sex": "男", "student_no": "G330106201601010018"},
    )
    path = tmp_path / "名册.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["班级", "姓名", "性别", "学籍号"])
    book.active.append(["八年级(1)班", "转班生", "男", "G330106201601010018"])
    book.save(path)
    preview = roster.preview_roster(db, path)
    assert preview.changes[0].moved
    roster.commit_roster(db, SYSTEM, preview)
    assert [m["kind"] for m in years.student_moves(db, student)] == ["转班"]
    earlier = dt.date(2026, 11, 20)
    assert [r.name for r in sleep.class_grid(db, classes[4].id, earlier)] == ["转班生"]
    assert [r.name for r in sleep.class_grid(db, classes[8].id, clock.today())] == ["转班生"]
    assert sleep.class_grid(db, classes[4].id, clock.today()) == []


def test_period_presets_term_and_school_year(demo_db):
    term = Period.term(demo_db)
    assert (term.start, term.end) == (dt.date(2026, 9, 1), clock.today())  # running: up to today
    year = Period.school_year(demo_db, "2026-2027")
    assert year.start == dt.date(2026, 9, 1) and year.end == clock.today()
    assert Period.school_year(demo_db, "2025-2026").end == dt.date(2026, 7, 31)  # no terms: Aug–Jul


def test_cli_summary_term_counts_every_week_of_the_term(demo_db_path, capsys):
    db_arg = ["--db", str(demo_db_path), "--today", "2026-11-25"]
    assert main(["summary", "--term", "--json", *db_arg]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == "2026-2027学年第一学期" and data["start"] == "2026-09-01"
    assert data["weeks"][0] == "2026-W36" and data["weeks"][-1] == "2026-W48"
    first = data["classes"][0]["areas"]["homework"]
    assert sum(first["weeks"].values()) == len(data["weeks"]) == len(first["by_week"])
    assert main(["summary", "--school-year", "2026-2027", *db_arg]) == 0
    text = capsys.readouterr().out
    assert text.startswith("2026-2027学年（2026-09-01 至 2026-11-25，共 13 周）")
    assert "超标周：2026-W47" in text
    with pytest.raises(SystemExit) as refused:
        main(["summary", "--term", "--week", "2026-W47", *db_arg])
    assert refused.value.code == 2
    assert "--week 不能与 --term 同时使用" in capsys.readouterr().err


def test_cli_report_for_the_term(demo_db_path, tmp_path, capsys):
    out = tmp_path / "term.pdf"
    args = [
        "report",
        "shuangjian",
        "--term",
        "-o",
        str(out),
        "--db",
        str(demo_db_path),
        "--today",
        "2026-11-25",
    ]
    assert main(args) == 0
    assert "2026年09月01日—2026年11月25日" in capsys.readouterr().out
    assert "2026年09月01日—2026年11月25日" in "".join(pages_text(out.read_bytes()))


def test_cli_year_history_of_a_class_and_a_student(db_path, capsys):
    from fivemgmt.session import open_db

    db = open_db(db_path)
    classes = make_school(db, grades=(4,), stage="小学")
    roster.save_student(
        db,
        SYSTEM,
        {"class_id": classes[4].id, "name": "历史生", "sex": "女", "student_no": "G330106201601010018"},
    )
    years.rollover(db, SYSTEM, "2027-2028")
    db.close()
    base = ["--db", str(db_path), "--today", "2027-09-15"]
    assert main(["year", "history", "--class", "五年级(1)班", *base]) == 0
    out = capsys.readouterr().out
    assert (
        "2026-2027 学年：四年级(1)班（1 名学生）" in out and "2027-2028 学年：五年级(1)班（1 名学生）" in out
    )
    # found by the name it had then, too
    assert main(["year", "history", "--class", "四年级(1)班", "--on", "2026-11-20", *base]) == 0
    assert "五年级(1)班" in capsys.readouterr().out
    assert main(["year", "history", "--student", "G330106201601010018", *base]) == 0
    assert "入册：四年级(1)班（2026-2027） → 五年级(1)班（2027-2028）" in capsys.readouterr().out


def test_a_class_of_the_new_year_is_judged_by_its_old_grade_on_an_old_day(db):
    """The homework page holds today's class (三年级 after the rollover); a day of the old year shown there is
    still judged with the grade the class had that day (二年级: no written homework)."""
    classes = make_school(db, grades=(2,), stage="小学")
    day = dt.date(2026, 11, 17)
    hw.save_entry(
        db,
        SYSTEM,
        hw.Entry(None, classes[2].id, day, "数学", "口算", "书面", True, 20),
        reason="补录",
        today=dt.date(2026, 11, 25),
    )
    before = hw.class_day(db, classes[2], day)
    years.rollover(db, SYSTEM, "2027-2028")
    clock.pin(NEW_TERM)
    now = school.get_class(db, classes[2].id)
    assert now.grade == 3
    after = hw.class_day(db, now, day)
    assert after.verdict == before.verdict and after.cap == before.cap == 0


def test_term_self_report_draws_every_week_of_the_term(demo_db):
    """本学期's 自查报告 has a chart of all its weeks (not only the charts of its last week); a one-week
    report has none."""
    from tests.core.reports_helpers import flat

    term = flat("".join(pages_text(generate(demo_db, "self-report", Period.term(demo_db)))))
    assert "2026年09月01日—2026年11月25日，每周一点）" in term
    week = flat("".join(pages_text(generate(demo_db, "self-report", OLD_WEEK))))
    assert "每周一点" not in week


def test_two_rollovers_keep_every_year(db):
    classes = make_school(db, grades=(4, 5), stage="小学")
    years.rollover(db, SYSTEM, "2027-2028", new_classes=1)
    clock.pin(dt.date(2028, 8, 20))
    with pytest.raises(UserError, match="不能重复升级"):
        years.plan_rollover(db, "2027-2028")
    years.rollover(db, SYSTEM, "2028-2029", new_classes=1)
    assert years.rolled_years(db) == ["2027-2028", "2028-2029"]
    assert years.class_history(db, classes[4].id) == [
        "2026-2027 学年：四年级(1)班（0 名学生）",
        "2027-2028 学年：五年级(1)班（0 名学生）",
        "2028-2029 学年：六年级(1)班（0 名学生）",
    ]
    assert school.get_class(db, classes[5].id).archived  # 五年级 → 六年级 → 毕业
    names = {
        y: [c.name for c in school.list_classes(db, year=y)] for y in ("2026-2027", "2027-2028", "2028-2029")
    }
    assert names == {
        "2026-2027": ["四年级(1)班", "五年级(1)班"],
        "2027-2028": ["一年级(1)班", "五年级(1)班", "六年级(1)班"],
        "2028-2029": ["一年级(1)班", "二年级(1)班", "六年级(1)班"],
    }


def test_an_old_years_file_imported_after_the_rollover_finds_its_classes_by_their_old_names(db, tmp_path):
    """In September a school imports June's homework: 二年级(1)班 of June is today's 三年级(1)班, not the new
    二年级(1)班 (last year's 一年级)."""
    import openpyxl

    classes = make_school(db, grades=(1, 2), stage="小学")
    _add_terms(db)
    years.rollover(db, SYSTEM, "2027-2028")
    clock.pin(NEW_TERM)
    path = tmp_path / "作业.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["日期", "班级", "学科", "作业类型", "必做/选做", "预计时长(分钟)"])
    book.active.append(["2027-06-15", "二年级(1)班", "语文", "口头", "必做", 10])
    book.active.append(["2027-09-14", "三年级(1)班", "语文", "书面", "必做", 20])
    book.active.append(["2027-09-14", "二年级(1)班", "数学", "口头", "必做", 10])
    book.save(path)
    preview = hw.preview_import(db, path)
    assert preview.ok, preview.errors
    assert [r["class_id"] for r in preview.rows] == [classes[2].id, classes[2].id, classes[1].id]


def test_an_old_sleep_file_after_the_rollover_finds_students_in_the_class_named_then(db, tmp_path):
    import openpyxl

    classes = make_school(db, grades=(1, 2), stage="小学")
    older = roster.save_student(db, SYSTEM, {"class_id": classes[2].id, "name": "王小明", "sex": "男"})
    roster.save_student(db, SYSTEM, {"class_id": classes[1].id, "name": "王小明", "sex": "男"})
    _add_terms(db)
    years.rollover(db, SYSTEM, "2027-2028")
    clock.pin(NEW_TERM)
    path = tmp_path / "睡眠.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["日期", "班级", "姓名", "就寝时间", "起床时间"])
    book.active.append(["2027-06-15", "二年级(1)班", "王小明", "20:30", "06:40"])
    book.save(path)
    preview = sleep.preview_import(db, path)
    assert preview.ok, preview.errors
    assert preview.rows[0]["student_id"] == older  # June's 二年级 is today's 三年级, not the new 二年级


def test_a_sleep_record_before_a_class_change_belongs_to_the_old_class(db, tmp_path):
    import openpyxl

    classes = make_school(db, grades=(4, 8))
    number = "G330106201601010018"
    student = roster.save_student(
        db, SYSTEM, {"class_id": classes[4].id, "name": "转班生", "sex": "男", "student_no": number}
    )
    years.move_student(db, SYSTEM, student, school.MOVED, dt.date(2026, 11, 20), to_class_id=classes[8].id)
    path = tmp_path / "睡眠.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["日期", "班级", "学籍号", "就寝时间", "起床时间"])
    book.active.append(["2026-11-18", "四年级(1)班", number, "20:30", "06:40"])
    book.active.append(["2026-11-23", "", number, "21:00", "06:40"])
    book.save(path)
    preview = sleep.preview_import(db, path)
    assert preview.ok, preview.errors
    assert [r["class_id"] for r in preview.rows] == [classes[4].id, classes[8].id]


def test_the_setup_package_carries_each_years_class_names(tmp_path):
    """A teacher's installation set up after the rollover shows the old year with its old names too."""
    from fivemgmt.actor import LOCAL_ADMIN, PRINCIPAL, Actor
    from fivemgmt.exchange import merge, package
    from fivemgmt.session import open_db
    from tests.core.people import make_people

    principal = open_db(tmp_path / "principal.sqlite")
    people = make_people(principal, with_accounts=False)
    years.rollover(principal, SYSTEM, "2027-2028")
    clock.pin(NEW_TERM)
    boss = Actor("boss", "张校长", PRINCIPAL)
    for audience in (None, people.head):
        setup = package.export_package(
            principal, boss, tmp_path / f"setup-{audience is None}", audience=audience
        )
        teacher = open_db(tmp_path / f"teacher-{audience is None}.sqlite")
        merge.import_packages(teacher, LOCAL_ADMIN, [setup.path], school_key=package.school_key(principal))
        old_day = dt.date(2026, 11, 16)
        mine = school.get_class(teacher, people.classes[4].id, on=old_day)
        assert (
            mine.name == "四年级(1)班"
            and school.get_class(teacher, people.classes[4].id).name == "五年级(1)班"
        )
        if audience is None:
            assert [c.name for c in school.list_classes(teacher, on=old_day)] == [
                c.name for c in school.list_classes(principal, on=old_day)
            ]
        teacher.close()
    principal.close()


def test_rolling_over_into_a_year_already_logged_says_so(demo_db):
    """The demo's classes are 2026-2027's: a rollover *to* 2026-2027 would re-judge its weeks, and the
    preview says so plainly."""
    plan = years.plan_rollover(demo_db, "2026-2027", new_classes=1)
    assert any("2026-2027 学年已经开始" in w and "条登记记录" in w for w in plan.warnings)
    assert not years.plan_rollover(demo_db, "2027-2028").warnings[1:]  # next year: nothing logged yet


def _sheet(path, rows):
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_an_old_questionnaire_after_the_rollover_finds_the_class_named_on_the_day_answered(db, tmp_path):
    """A June questionnaire imported in September: its 二年级(1)班 is today's 三年级(1)班 (not the new
    二年级), and the records belong to that class."""
    classes = make_school(db, grades=(1, 2), stage="小学")
    older = roster.save_student(db, SYSTEM, {"class_id": classes[2].id, "name": "王小明", "sex": "男"})
    roster.save_student(db, SYSTEM, {"class_id": classes[1].id, "name": "王小明", "sex": "男"})
    _add_terms(db)
    years.rollover(db, SYSTEM, "2027-2028")
    clock.pin(NEW_TERM)
    path = _sheet(
        tmp_path / "问卷.xlsx", [["孩子姓名", "所在班级", "每天睡眠时间"], ["王小明", "二年级(1)班", "10"]]
    )
    headers, body = sleep.read_questionnaire(path)
    mapping = sleep.suggest_mapping(headers, body)
    mapping["date"] = "2027-06-15"
    preview = sleep.preview_questionnaire(db, path, mapping)
    assert preview.ok and not preview.unmatched, (preview.error_report(), preview.unmatched)
    assert [(r["student_id"], r["class_id"]) for r in preview.rows] == [(older, classes[2].id)]


def test_a_questionnaire_answered_before_a_class_change_belongs_to_the_old_class(db, tmp_path):
    classes = make_school(db, grades=(4, 8))
    student = roster.save_student(db, SYSTEM, {"class_id": classes[4].id, "name": "转班生", "sex": "男"})
    years.move_student(db, SYSTEM, student, school.MOVED, dt.date(2026, 11, 20), to_class_id=classes[8].id)
    path = _sheet(tmp_path / "问卷.xlsx", [["孩子姓名", "每天睡眠时间"], ["转班生", "10"]])
    headers, body = sleep.read_questionnaire(path)
    mapping = sleep.suggest_mapping(headers, body)
    mapping["date"] = "2026-11-18"
    preview = sleep.preview_questionnaire(db, path, mapping)
    assert preview.ok, preview.error_report()
    assert [r["class_id"] for r in preview.rows] == [classes[4].id]


def test_a_phone_application_before_a_class_change_belongs_to_the_old_class(db, tmp_path):
    from fivemgmt.areas import phone

    classes = make_school(db, grades=(4, 8))
    student = roster.save_student(db, SYSTEM, {"class_id": classes[4].id, "name": "转班生", "sex": "男"})
    years.move_student(db, SYSTEM, student, school.MOVED, dt.date(2026, 11, 20), to_class_id=classes[8].id)
    path = _sheet(
        tmp_path / "申请.xlsx",
        [
            ["班级", "姓名", "申请日期", "家长姓名", "申请理由", "审批结果", "审批人", "有效期至"],
            ["四年级(1)班", "转班生", "2026-11-18", "家长", "走读", "同意", "王主任", "2027-01-22"],
            ["", "转班生", "2026-11-24", "家长", "走读", "同意", "王主任", "2027-01-22"],
        ],
    )
    preview = phone.preview_import(db, path)
    assert preview.ok, preview.error_report()
    assert [r["class_id"] for r in preview.rows] == [classes[4].id, classes[8].id]
    phone.commit_import(db, SYSTEM, preview)
    assert sorted(a.class_id for a in phone.applications(db)) == sorted([classes[4].id, classes[8].id])


def test_report_for_a_class_over_the_rollover_accepts_its_name_at_the_end(db):
    """A period from June to September: 四年级(1)班 in June is 五年级(1)班 in September; either name prints
    the class's board, a name it never had is refused."""
    from tests.core.reports_helpers import confirm_school_defaults

    make_school(db, grades=(4,), stage="小学")
    confirm_school_defaults(db)
    _add_terms(db)
    clock.pin(SUMMER)
    years.rollover(db, SYSTEM, "2027-2028")
    clock.pin(NEW_TERM)
    period = Period(dt.date(2027, 6, 14), dt.date(2027, 9, 14))
    by_end = flat_text(generate(db, "board", period, class_name="五年级(1)班", today=NEW_TERM))
    by_start = flat_text(generate(db, "board", period, class_name="四年级(1)班", today=NEW_TERM))
    assert "四年级(1)班" in by_end and by_end == by_start
    with pytest.raises(UserError, match="没有“六年级\\(1\\)班”"):
        generate(db, "board", period, class_name="六年级(1)班", today=NEW_TERM)


def flat_text(data: bytes) -> str:
    from tests.core.reports_helpers import flat

    return flat("".join(_form_text(data)))


def test_fitness_of_the_old_year_after_the_rollover_uses_the_grade_the_class_had_then(db):
    """In September a school enters and prints June's fitness results: the graduated 六年级 class was grade 6
    then (not 5: it keeps grade 6 after graduating), the promoted class was 四年级 and its report cards say so."""
    from fivemgmt.fitness import report as fitness_report
    from fivemgmt.fitness import store

    classes = make_school(db, grades=(4, 6), stage="小学")
    four = roster.save_student(db, SYSTEM, {"class_id": classes[4].id, "name": "四年级生", "sex": "男"})
    six = roster.save_student(db, SYSTEM, {"class_id": classes[6].id, "name": "毕业生", "sex": "女"})
    _add_terms(db)
    clock.pin(SUMMER)
    years.rollover(db, SYSTEM, "2027-2028")
    clock.pin(NEW_TERM)
    old = "2026-2027"
    graduated = school.get_class(db, classes[6].id)
    assert graduated.archived and graduated.grade == 6
    assert [r.grade for r in store.class_results(db, graduated, old)] == [6]
    # a view of the old year gives the same grade (not shifted a second time)
    then = school.get_class(db, classes[4].id, on=dt.date(2027, 6, 15))
    assert [r.grade for r in store.class_results(db, then, old)] == [4]
    for student in (four, six):
        store.save_result(db, SYSTEM, student, {"height": "150", "weight": "40"}, school_year=old)
    assert store.student_result(db, six, old).grade == 6
    assert store.student_result(db, four, old).grade == 4
    card = flat_text(fitness_report.student_report(db, four, None, old))
    assert "四年级(1)班" in card and "五年级(1)班" not in card


def test_term_self_report_draws_every_area_over_every_week_of_the_term(demo_db):
    """本学期's 自查报告: each area's chart covers the term's weeks (one bar a week), none is of its last week
    only; a one-week report keeps the week's own charts."""
    from fivemgmt.charts.period import area_weeks
    from tests.core.reports_helpers import flat

    period = Period.term(demo_db)
    text = flat("".join(pages_text(generate(demo_db, "self-report", period))))
    assert "所在周）" not in text
    assert text.count(f"（{period.label}，每周一柱）") == 6, text
    weeks = area_weeks(demo_db, period.mondays(), clock.today(), ["homework"])["homework"]
    assert len(weeks.labels) == len(period.mondays()) > 10
    assert weeks.labels[0] == "2026-W36"
    week = flat("".join(pages_text(generate(demo_db, "self-report", OLD_WEEK))))
    assert "每周一柱" not in week and "图：" in week
