""" "Today" comes from one place (fivemgmt.clock): --today pins it for everything a command does, and no
code reads the computer's clock around it."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import time_machine

from fivemgmt import clock
from fivemgmt.areas import reading
from fivemgmt.cli import main
from fivemgmt.session import open_db
from tests.conftest import TEST_DATE_ENV, TODAY
from tests.core.helpers import make_school
from tests.core.test_imports import write_csv

ROOT = Path(__file__).resolve().parents[2]
# Reads of the computer's date or time that bypass fivemgmt.clock (Qt's too, for the GUI).
DIRECT_READ = re.compile(
    r"\b(date|datetime)\.(today|now|utcnow)\b|\bQDate\.currentDate\b|\bQDateTime\.currentDateTime\b"
)


def test_no_code_reads_the_computer_clock_but_fivemgmt_clock():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("fivemgmt", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != ROOT / "fivemgmt" / "clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DIRECT_READ.search(line)
    ]
    assert found == []


def test_today_follows_the_computer_until_pinned():
    clock.pin(None)
    with time_machine.travel(dt.datetime(2027, 7, 20, 10, 0).astimezone(), tick=False):
        assert clock.today() == dt.date(2027, 7, 20)
        clock.pin(dt.date(2026, 11, 20))
        assert clock.today() == dt.date(2026, 11, 20)
        assert clock.now().date() == dt.date(2027, 7, 20)  # timestamps stay real


def test_cli_today_rules_the_dates_a_command_writes(tmp_path, capsys):
    """`import reading --today D` dates the new books D (it used the computer's date), and the caller's
    clock is back afterwards."""
    db_path = tmp_path / "school.sqlite"
    db = open_db(db_path)
    make_school(db, grades=(4,))
    db.close()
    path = write_csv(
        tmp_path / "目录.csv", [["书名", "作者", "来源", "存放位置"], ["稻草人", "叶圣陶", "采购", "图书室"]]
    )
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0).astimezone(), tick=True):
        code = main(["import", "reading", str(path), "--db", str(db_path), "--today", "2026-11-20"])
    assert code == 0, capsys.readouterr().err
    assert clock.today() == TODAY
    db = open_db(db_path)
    try:
        [status] = reading.book_statuses(db)
    finally:
        db.close()
    assert status.book.added_date == dt.date(2026, 11, 20)


@pytest.mark.skipif(not os.environ.get(TEST_DATE_ENV), reason=f"only when {TEST_DATE_ENV} is set")
def test_the_computer_clock_reads_the_test_date():
    """CI's runs at other dates really are at other dates (and "today" stays pinned)."""
    assert dt.date.today() == dt.date.fromisoformat(os.environ[TEST_DATE_ENV])
    assert clock.today() == TODAY
