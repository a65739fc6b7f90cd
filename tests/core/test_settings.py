"""Typed settings (fivemgmt.settings): school options in the audited settings table, user options in the
user config file, unreadable values said plainly; and what an operation's Changes say it touched."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fivemgmt import audit_verify, records, school, settings
from fivemgmt.actor import PRINCIPAL, SUPERVISOR, SYSTEM, Actor
from fivemgmt.areas import activity
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.fitness import store
from tests.core.helpers import make_school

PRINCIPAL_ACTOR = Actor("xz", "校长", PRINCIPAL)


def test_junior_style_is_stored_audited_and_renames_the_classes_shown(db) -> None:
    classes = make_school(db, grades=(4, 8))
    assert school.JUNIOR_STYLE.get(db) == "年级"  # not set: the default
    assert classes[8].name == "八年级(1)班"
    changes = settings.set_school_option(db, PRINCIPAL_ACTOR, school.JUNIOR_STYLE, "初")
    assert changes.tables == {"settings"}
    assert school.JUNIOR_STYLE.get(db) == "初"
    assert [c.name for c in school.list_classes(db)] == ["四年级(1)班", "初二(1)班"]
    assert school.get_class(db, classes[8].id).name == "初二(1)班"
    assert school.find_class(db, "八年级(1)班").id == classes[8].id  # both ways of writing still found
    school.add_class(db, SYSTEM, 9, 1)
    assert school.find_class(db, "初三(1)班").name == "初三(1)班"
    settings.set_school_option(db, SYSTEM, school.JUNIOR_STYLE, "年级")
    assert [c.name for c in school.list_classes(db)] == ["四年级(1)班", "八年级(1)班", "九年级(1)班"]
    assert audit_verify.verify(db).ok


def test_school_options_refuse_wrong_values_and_roles(db) -> None:
    make_school(db)
    with pytest.raises(UserError, match="初中年级写法"):
        settings.set_school_option(db, SYSTEM, school.JUNIOR_STYLE, "高")
    with pytest.raises(UserError, match="五四制"):
        settings.set_school_option(db, SYSTEM, store.WUSI, "yes")
    with pytest.raises(PermissionDenied):
        settings.set_school_option(db, Actor("dx", "督学", SUPERVISOR), store.WUSI, True)
    assert store.is_wusi(db) is False


def test_an_unreadable_school_value_is_said_plainly_not_the_default(db) -> None:
    make_school(db)
    settings.set_setting(db, SYSTEM, "junior_grade_style", "高")  # written past the option (an old version)
    with pytest.raises(settings.SettingError, match="初中年级写法.*无法读取"):
        school.JUNIOR_STYLE.get(db)
    with pytest.raises(settings.SettingError, match="初中年级写法"):
        school.add_class(db, SYSTEM, 7, 1)  # a name is made in the style: refused, with the reason
    assert [c.name for c in school.list_classes(db)] == [
        "二年级(1)班",
        "四年级(1)班",
        "八年级(1)班",
    ]  # as stored
    settings.set_setting(db, SYSTEM, store.WUSI_SETTING, 1)  # a number is no yes/no
    with pytest.raises(settings.SettingError, match="五四制"):
        store.is_wusi(db)


def test_user_options_live_in_the_user_config_file(private_config_dir) -> None:
    option = settings.Option("test_colour", str, "红", scope="user", choices=("红", "蓝"))
    assert option.get_user() == "红"
    settings.set_user_option(option, "蓝")
    path = settings.user_file()
    assert path.parent == private_config_dir / "fivemgmt"
    assert json.loads(path.read_text(encoding="utf-8")) == {"test_colour": "蓝"}
    assert option.get_user() == "蓝"
    assert not path.with_name(path.name + ".part").exists()
    with pytest.raises(UserError):
        settings.set_user_option(option, "绿")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(settings.SettingError, match="已损坏"):
        option.get_user()
    settings.set_user_option(option, "红")  # choosing again rewrites the damaged file
    assert option.get_user() == "红"
    path.write_text(json.dumps({"test_colour": 3}), encoding="utf-8")
    with pytest.raises(settings.SettingError, match="test_colour"):
        option.get_user()


def test_changes_name_the_classes_and_dates_written(db) -> None:
    classes = make_school(db, grades=(4, 8))
    c4, c8 = classes[4], classes[8]
    day = dt.date(2026, 11, 24)
    record = activity.default_day(db, c4, day)
    changes = activity.save_day(db, SYSTEM, record)
    assert changes.touches({activity.DAYS}, c4.id, day - dt.timedelta(days=1), day)
    assert not changes.touches({activity.DAYS}, c8.id, day, day)  # another class
    assert not changes.touches({activity.DAYS}, c4.id, day + dt.timedelta(days=1), day + dt.timedelta(days=6))
    assert not changes.touches({"homework_entries"}, c4.id, day, day)  # another table
    assert changes.touches({activity.DAYS})  # every class, every day
    # a row naming no class (school-wide set-up) touches every class and day
    wide = settings.set_school_option(db, SYSTEM, store.WUSI, True)
    assert wide.touches({"settings"}, c8.id, day, day)
    # tables named without rows are taken to touch everything
    assert records.Changes(tables={activity.DAYS}).touches({activity.DAYS}, c8.id, day, day)
