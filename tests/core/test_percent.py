"""Shares as people read them on forms, charts and verdicts: never 100% for what is not all."""

from fivemgmt.charts.style import pct
from fivemgmt.percent import percent
from fivemgmt.reports.evidence import _pct


def test_a_share_short_of_all_or_above_none_is_never_rounded_to_100_or_0_percent():
    assert percent(239 / 240) == "99.6%"  # a self-inspection item read "239/240 班次（100%）"
    assert percent(1999 / 2000) == ">99.9%"
    assert percent(1 / 300) == "0.3%" and percent(1 / 5000) == "<0.1%"
    assert (percent(1), percent(0), percent(0.4), percent(0.996 - 0.5)) == ("100%", "0%", "40%", "50%")
    assert percent(sum([0.1] * 10) / 1) == "100%"  # all, summed in floats, is still all
    assert percent(None) == "—"


def test_the_forms_and_the_charts_say_shares_alike():
    assert _pct(239, 240) == pct(239 / 240) == "99.6%"
    assert _pct(0, 0) == pct(None) == "—"
