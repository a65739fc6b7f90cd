import datetime as dt
import json

import pytest

from fivemgmt import records
from fivemgmt.actor import SYSTEM
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.rules import Rulebook, Status, base_rules

ON = dt.date(2026, 11, 25)


def test_every_rule_cites_a_document():
    for rule in base_rules():
        assert rule.source, rule.id
        assert rule.grade_from <= rule.grade_to


@pytest.mark.parametrize(("grade", "cap"), [(1, 0), (2, 0), (3, 60), (6, 60), (7, 90), (9, 90)])
def test_homework_caps_by_grade(grade, cap):
    rule = Rulebook().rule("homework.written_daily_max_minutes", grade, ON)
    assert rule.value == cap
    assert "作业管理" in rule.source


def test_rule_not_in_force_before_its_notice():
    with pytest.raises(UserError, match="没有适用"):
        Rulebook().rule("homework.written_daily_max_minutes", 4, dt.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("minutes", "status"),
    [(0, Status.GREEN), (53, Status.GREEN), (54, Status.YELLOW), (60, Status.YELLOW), (61, Status.RED)],
)
def test_check_max_colours_against_60_minutes(minutes, status):
    rules = Rulebook()
    rule = rules.rule("homework.written_daily_max_minutes", 4, ON)
    verdict = rules.check_max(minutes, rule, "书面作业", grade=4, on=ON)
    assert verdict.status is status
    assert str(minutes) in verdict.reason and "60" in verdict.reason


def test_school_override_wins_and_is_shown(db):
    with transaction(db):
        records.save(
            db,
            "rule_overrides",
            {
                "rule_id": "homework.written_daily_max_minutes",
                "grade_from": 3,
                "grade_to": 6,
                "value": json.dumps(45),
                "note": "省定更严",
            },
            SYSTEM,
        )
    rules = Rulebook(db)
    rule = rules.rule("homework.written_daily_max_minutes", 4, ON)
    assert rule.value == 45 and rule.overridden
    assert "学校设置覆盖" in rule.cited and "省定更严" in rule.cited
    assert rules.check_max(50, rule, "书面作业", grade=4, on=ON).status is Status.RED
    # Other grades keep the national number.
    assert rules.value("homework.written_daily_max_minutes", 8, ON) == 90


def test_status_symbols_and_labels_render_in_the_bundled_font():
    from fivemgmt import fonts

    text = "".join(s.symbol + s.label for s in Status)
    assert fonts.missing_glyphs(text) == set()


def test_every_rule_has_an_effective_date():
    """PE, 课后服务, rest-day totals and the school settings used to apply from the beginning of time."""
    for rule in base_rules():
        assert rule.effective_from > dt.date(2020, 12, 31), (rule.id, rule.grade_from)
    for rule_id, start in (
        ("activity.pe_lessons_per_week", "2021-04-21"),
        ("activity.eye_exercises_per_day", "2021-04-21"),
        ("afterschool.min_minutes_per_day", "2021-07-24"),
        ("homework.rest_day_total_minutes", "2021-04-12"),
        ("sleep.class_red_share", "2021-03-30"),
    ):
        assert Rulebook().rule(rule_id, 4, ON).effective_from == dt.date.fromisoformat(start)
