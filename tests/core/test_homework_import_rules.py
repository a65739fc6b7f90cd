"""Issue 11.6: a homework import follows the register's rules as typed entries do — a past day changes only
with a 作业调整说明, and 今日无作业 gives way to the imported entries."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from fivemgmt import audit_verify, records
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from tests.core.helpers import make_school

TODAY = dt.date(2026, 11, 25)
MONDAY = dt.date(2026, 11, 23)
HEADER = ["日期", "班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长(分钟)"]


@pytest.fixture
def classes(db):
    return make_school(db, grades=(4, 7))


def sheet(path, *rows):
    book = openpyxl.Workbook()
    for row in (HEADER, *rows):
        book.active.append(row)
    book.save(path)
    return path


def test_past_days_need_a_reason_and_keep_it(db, classes, tmp_path):
    path = sheet(
        tmp_path / "hw.xlsx",
        [MONDAY, "四年级(1)班", "数学", "试卷", "书面", "必做", 90],
        [TODAY, "四年级(1)班", "语文", "朗读", "口头", "必做", 10],
    )
    preview = hw.preview_import(db, path, today=TODAY)
    assert preview.needs_reason == [2]  # today's row needs none
    assert "第 2 行是已经过去的日子（2026-11-23）" in " ".join(preview.warnings)
    assert preview.outcomes[0].description.endswith("（过去的日子，需要作业调整说明）")
    assert not preview.outcomes[1].description.endswith("作业调整说明）")
    with pytest.raises(hw.ReasonRequired, match="第 2 行是已经过去的日子（2026-11-23）"):
        hw.commit_import(db, SYSTEM, preview, today=TODAY)
    assert hw.entries_between(db, classes[4].id, MONDAY, TODAY) == []
    hw.commit_import(db, SYSTEM, preview, reason="补登周一试卷", today=TODAY)
    saved = {e.date: e.adjust_reason for e in hw.entries_between(db, classes[4].id, MONDAY, TODAY)}
    assert saved == {MONDAY: "补登周一试卷", TODAY: ""}
    assert {
        e["reason"] for e in db.query("SELECT reason FROM audit_log WHERE table_name = ?", [hw.ENTRIES])
    } == {"导入：补登周一试卷"}
    assert audit_verify.verify(db).ok
    # the same file again changes nothing, so it needs no reason
    again = hw.preview_import(db, path, today=TODAY)
    assert again.needs_reason == [] and again.counts["unchanged"] == 2
    hw.commit_import(db, SYSTEM, again, today=TODAY)
    # a changed past row needs one again
    changed = hw.preview_import(
        db,
        sheet(tmp_path / "hw2.xlsx", [MONDAY, "四年级(1)班", "数学", "试卷", "书面", "必做", 60]),
        today=TODAY,
    )
    assert changed.needs_reason == [2] and changed.counts["changed"] == 1
    with pytest.raises(hw.ReasonRequired):
        hw.commit_import(db, SYSTEM, changed, today=TODAY)


def test_no_homework_gives_way_to_imported_entries(db, classes, tmp_path):
    hw.set_no_homework(db, SYSTEM, classes[4].id, TODAY, today=TODAY)
    path = sheet(tmp_path / "hw.xlsx", [TODAY, "四年级(1)班", "数学", "试卷", "书面", "必做", 90])
    hw.commit_import(db, SYSTEM, hw.preview_import(db, path))
    day = hw.class_day(db, classes[4], TODAY, TODAY)
    assert day.state is not hw.DayState.NONE and day.counted_minutes == 90
    flags = records.live_rows(db, hw.DAYS, "class_id = ? AND no_homework = 1", [classes[4].id])
    assert flags == []  # the flag itself is gone, as when the entry is typed
