"""Parsing raw fitness results as people type them and as spreadsheet cells hold them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fivemgmt.fitness.parsing import (
    FitnessValueError,
    check_number,
    format_value,
    is_exempt_marker,
    parse_value,
)

D = Decimal


@pytest.mark.parametrize(
    "text",
    ["3'40\"", "3′40″", "3’40”", "3'40", "3.40", "3'40''", "3′40", " 3' 40\" ", "3分40秒", "3:40", "３'４０"],
)
def test_minutes_seconds_forms(text: str) -> None:
    assert parse_value("run1000m", text) == D(220)


def test_spreadsheet_cells_for_runs() -> None:
    assert parse_value("run800m", 3.4) == D(220)  # Excel keeps a typed 3.40 as the number 3.4
    assert parse_value("run800m", 3.05) == D(185)
    assert parse_value("shuttle50x8", 1.48) == D(108)
    assert parse_value("run1000m", dt.time(3, 40)) == D(220)  # Excel read 3:40 as 3 h 40 min
    assert parse_value("run1000m", dt.time(0, 3, 40)) == D(220)
    assert parse_value("run1000m", dt.timedelta(minutes=3, seconds=40)) == D(220)


def test_run_fractions_round_up() -> None:
    assert parse_value("run1000m", "3'40.2\"") == D(221)
    assert parse_value("run1000m", "3'40.0\"") == D(220)
    assert parse_value("run800m", 3.405) == D(221)  # 3'40.5


def test_single_digit_seconds_only_with_seconds_mark() -> None:
    assert parse_value("run1000m", "3'05\"") == D(185)
    assert parse_value("run1000m", "3'5\"") == D(185)
    with pytest.raises(FitnessValueError, match="两位"):
        parse_value("run1000m", "3'5")


@pytest.mark.parametrize(
    ("text", "message"),
    [("3.4", "两位"), ("3.405", "两位"), ("3.60", "59"), ("3'75\"", "59"), ("220", "含义不明"), ("abc", "不是有效的时间"),
     ("0'30", "不合理"), ("15.00", "不合理")],
)  # fmt: skip
def test_rejected_times(text: str, message: str) -> None:
    with pytest.raises(FitnessValueError, match=message):
        parse_value("run1000m", text)


def test_50m_precision_rounds_up() -> None:
    assert parse_value("run50m", "9.11") == D("9.2")
    assert parse_value("run50m", 9.11) == D("9.2")
    assert parse_value("run50m", "9.10") == D("9.1")
    assert parse_value("run50m", "9.1") == D("9.1")
    assert parse_value("run50m", "9") == D("9.0")
    assert parse_value("run50m", "9.19") == D("9.2")
    assert parse_value("run50m", "9.01") == D("9.1")
    assert parse_value("run50m", "９．５") == D("9.5")


def test_50m_rejects_minute_marks_and_impossible_times() -> None:
    with pytest.raises(FitnessValueError, match="只写秒数"):
        parse_value("run50m", '9"5')
    with pytest.raises(FitnessValueError, match="不合理"):
        parse_value("run50m", "2")


def test_distances_and_counts() -> None:
    assert parse_value("sit_reach", "-3.5") == D("-3.5")
    assert parse_value("sit_reach", "－3.5") == D("-3.5")  # full-width minus
    assert parse_value("sit_reach", 12) == D("12.0")
    assert parse_value("long_jump", 180.0) == D(180)
    assert parse_value("rope1min", "0") == D(0)
    assert parse_value("height", "145.26") == D("145.3")  # height/weight kept to 0.1, half-up
    with pytest.raises(FitnessValueError, match="整数"):
        parse_value("long_jump", "180.5")
    with pytest.raises(FitnessValueError, match="整数"):
        parse_value("rope1min", "12.5")
    with pytest.raises(FitnessValueError, match="1位小数"):
        parse_value("sit_reach", "12.35")
    with pytest.raises(FitnessValueError, match="不能为负数"):
        parse_value("pullup", "-1")
    with pytest.raises(FitnessValueError, match="不能为负数"):
        parse_value("rope1min", -3)
    with pytest.raises(FitnessValueError, match="不是数字"):
        parse_value("lung", "一千")


def test_error_names_row_and_column() -> None:
    with pytest.raises(FitnessValueError) as caught:
        parse_value("height", "20", row=7, column="身高")
    assert str(caught.value).startswith("第7行「身高」")
    assert "20" in str(caught.value)
    assert caught.value.row == 7 and caught.value.column == "身高"
    with pytest.raises(FitnessValueError) as default_column:
        parse_value("run50m", "2", row=3)
    assert "第3行「50米跑」" in str(default_column.value)


def test_blank_is_none_and_exempt_marker_is_not_a_value() -> None:
    assert parse_value("lung", None) is None
    assert parse_value("lung", "  ") is None
    assert is_exempt_marker("免体") and is_exempt_marker(" 免测 ")
    assert not is_exempt_marker("12")
    with pytest.raises(FitnessValueError, match="免测"):
        parse_value("height", "免体")


def test_check_number_takes_item_units() -> None:
    assert check_number("run1000m", 220) == D(220)
    assert check_number("run1000m", 220.4) == D(221)
    with pytest.raises(FitnessValueError, match="不合理"):
        check_number("height", 20)


def test_format_value() -> None:
    assert format_value("run1000m", D(220)) == "3'40"
    assert format_value("run800m", D(185)) == "3'05"
    assert format_value("run50m", D("9.2")) == "9.2"
    assert format_value("lung", None) == ""


def test_a_remembered_stored_number_is_the_number_checked_afresh_and_never_a_parsed_text():
    """check_number remembers each (type, value) per item apart from parse_value's memo: a stored 3.4 for a
    run is 3.4 seconds (refused) even after the typed 3.40 was read as 3'40; a rejected value is refused
    every time."""
    from fivemgmt.fitness import parsing
    from fivemgmt.fitness.tables import load_tables

    tables = load_tables()
    for item, values in (("run1000m", [220, 220.0, 221.4]), ("height", [150, 150.04, 150.05])):
        info = tables.items[item]
        fresh = [parsing._check_number(info, v) for v in values]
        assert [check_number(item, v, tables=tables) for v in values] == fresh
        assert [check_number(item, v, tables=tables) for v in values] == fresh  # from the memo
    assert parse_value("run1000m", 3.4, tables=tables) == D(220)  # a typed 3.40: 3'40 (remembered)
    with pytest.raises(FitnessValueError):  # a stored 3.4 is 3.4 seconds: refused, not the 220 above
        check_number("run1000m", 3.4, tables=tables)
    for _ in range(2):
        with pytest.raises(FitnessValueError):
            check_number("height", -5.0, tables=tables)
