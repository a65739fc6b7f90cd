import datetime as dt
import json
import subprocess
import sys

import openpyxl

from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.cli import main
from fivemgmt.session import open_db
from tests.core.helpers import make_school

TODAY = "2026-11-25"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "fivemgmt", *args], capture_output=True, text=True)


def crafted(db_path):
    db = open_db(db_path)
    classes = make_school(db, grades=(4,))
    c = classes[4]
    for day, minutes in [(16, 50), (17, 70), (18, 40)]:
        hw.save_entry(
            db,
            SYSTEM,
            hw.Entry(None, c.id, dt.date(2026, 11, day), "数学", "", "书面", True, minutes),
            reason="补录",
            today=dt.date(2026, 11, 25),
        )
    hw.set_no_homework(db, SYSTEM, c.id, dt.date(2026, 11, 19), reason="补录", today=dt.date(2026, 11, 25))
    db.close()


def test_summary_json_per_day_and_average(db_path, capsys):
    crafted(db_path)
    assert main(["summary", "--db", str(db_path), "--week", "2026-W47", "--json", "--today", TODAY]) == 0
    data = json.loads(capsys.readouterr().out)
    row = data["classes"][0]
    assert row["class"] == "四年级(1)班"
    homework = row["areas"]["homework"]
    days = homework["days"]
    assert [d["written_minutes"] for d in days[:5]] == [50, 70, 40, 0, None]
    assert [d["state"] for d in days[:5]] == ["logged", "logged", "logged", "none", "unlogged"]
    assert days[1]["status"] == "red"
    assert homework["figures"]["average_minutes"] == 40.0  # (50 + 70 + 40 + 0) / 4 logged days
    assert homework["figures"]["cap"] == 60
    assert homework["status"] == "yellow"  # average fine, but one day over and one day not logged


def test_summary_text(db_path, capsys):
    crafted(db_path)
    assert main(["summary", "--db", str(db_path), "--week", "2026-W47", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert "四年级(1)班" in out and "周二 70分 ↑" in out and "周五 未登记" in out
    assert "日均 40.0 分钟 / 上限 60 分钟" in out


def test_errors_are_one_chinese_line_without_traceback(tmp_path):
    result = run_cli("summary", "--db", str(tmp_path / "x.sqlite"), "--week", "2026-47")
    assert result.returncode == 2
    assert result.stderr.startswith("错误:") and "YYYY-Www" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_cli("new-school", "--db", str(tmp_path / "x.sqlite")).returncode == 0
    missing = run_cli("import", "roster", str(tmp_path / "none.xlsx"), "--db", str(tmp_path / "x.sqlite"))
    assert missing.returncode == 2 and "找不到文件" in missing.stderr and "Traceback" not in missing.stderr


def test_help_is_bilingual():
    out = run_cli("summary", "--help").stdout
    assert "ISO 周" in out and "ISO week" in out


def test_import_homework_cli_dry_run_then_real(db_path, tmp_path, capsys):
    crafted(db_path)
    path = tmp_path / "hw.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["日期", "班级", "学科", "作业类型", "必做/选做", "预计时长(分钟)"])
    workbook.active.append(["2026-11-20", "四年级(1)班", "语文", "书面", "必做", 20])
    workbook.save(path)
    args = ["import", "homework", str(path), "--db", str(db_path)]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "未写入" in out and "第 2 行 新增：四年级(1)班 2026-11-20 语文" in out  # each row, as in the GUI
    assert "需要作业调整说明" in out and "--reason" in out  # 2026-11-20 is a past day
    assert main(args) != 0  # a past day without a reason, as when typed: nothing imported
    assert "--reason" in capsys.readouterr().err
    assert main([*args, "--reason", "补登上周五作业"]) == 0
    db = open_db(db_path)
    assert (
        len(
            hw.entries_between(
                db,
                db.execute("SELECT id FROM classes").fetchone()[0],
                dt.date(2026, 11, 20),
                dt.date(2026, 11, 20),
            )
        )
        == 1
    )
    [entry] = hw.entries_between(
        db, db.execute("SELECT id FROM classes").fetchone()[0], dt.date(2026, 11, 20), dt.date(2026, 11, 20)
    )
    assert entry.adjust_reason == "补登上周五作业"


def test_demo_is_deterministic_and_dated_around_today(tmp_path):
    outputs = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.sqlite"
        assert (
            main(
                ["demo", "--db", str(path), "--classes", "9", "--weeks", "2", "--seed", "3", "--today", TODAY]
            )
            == 0
        )
        db = open_db(path)
        outputs.append(
            list(
                db.query(
                    "SELECT classes.name, date, subject, minutes FROM homework_entries JOIN classes ON classes.id = class_id"
                    " ORDER BY 1, 2, 3, 4"
                )
            )
        )
        latest = db.execute("SELECT MAX(date) FROM homework_entries").fetchone()[0]
        term = db.execute("SELECT start_date, end_date FROM terms").fetchone()
        db.close()
        assert latest == "2026-11-24"  # records up to yesterday
        assert term[0] <= TODAY <= term[1]
    assert outputs[0] == outputs[1] and len(outputs[0]) > 100


def test_demo_shows_the_typical_lapses(demo_db):
    from fivemgmt import summary
    from fivemgmt.rules import Status

    week = summary.week_summary(
        demo_db, dt.date(2026, 11, 16), today=dt.date(2026, 11, 25), areas=["homework"]
    )
    statuses = {row.school_class.name: row.areas["homework"].status for row in week.classes}
    assert Status.GREEN in statuses.values()
    assert any(s is Status.VIOLATION for name, s in statuses.items() if name.startswith("二年级"))
    assert statuses["五年级(1)班"] is Status.RED  # exam week over 60 minutes
    forgot = summary.week_summary(
        demo_db, dt.date(2026, 11, 23), today=dt.date(2026, 11, 25), areas=["homework"]
    )
    assert any(row.areas["homework"].figures.unlogged_days for row in forgot.classes)


def test_self_test_passes():
    result = run_cli("self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "自检通过" in result.stdout


def test_unlogged_report_names_the_class_that_forgot(db_path, capsys):
    crafted(db_path)  # 四年级(1)班 logged Mon–Thu of W47, not Friday
    assert main(["unlogged", "--db", str(db_path), "--date", "2026-11-20", "--json", "--today", TODAY]) == 0
    assert json.loads(capsys.readouterr().out)["classes"] == [
        {"class": "四年级(1)班", "head_teacher": "", "days": ["2026-11-20"]}
    ]
    assert main(["unlogged", "--db", str(db_path), "--date", "2026-11-19", "--today", TODAY]) == 0
    assert "各班均已登记" in capsys.readouterr().out


def test_unlogged_over_a_week_or_range_lists_each_class_s_missing_days(db_path, capsys):
    crafted(db_path)  # logged 11-16 … 11-19 only
    assert main(["unlogged", "--db", str(db_path), "--week", "2026-W47", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert "四年级(1)班" in out and "缺 1 天：11-20" in out
    # a range runs up to today, never into the future: 11-20, 11-23, 11-24 and today (11-25)
    assert (
        main(
            ["unlogged", "--db", str(db_path), "--from", "2026-11-18", "--to", "2026-12-31"]
            + ["--today", TODAY, "--json"]
        )
        == 0
    )
    days = json.loads(capsys.readouterr().out)["classes"][0]["days"]
    assert days == ["2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25"]
    assert main(["unlogged", "--db", str(db_path), "--from", "2026-12-01", "--today", TODAY]) == 2
    assert "还没有到" in capsys.readouterr().err


def test_unlogged_on_a_school_without_classes_says_so(db_path, capsys):
    assert main(["new-school", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["unlogged", "--db", str(db_path), "--today", TODAY]) == 2
    assert "还没有班级" in capsys.readouterr().err  # never "各班均已登记"
