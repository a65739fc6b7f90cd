"""Rows from a package are checked against the receiving school's calendar, as every importer's are."""

import pytest

from fivemgmt import calendar, records, roster
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import homework as hw
from fivemgmt.errors import UserError
from fivemgmt.exchange import merge, package
from tests.core.people import add_homework
from tests.core.test_exchange import PRINCIPAL_ACTOR, _audit_count, _state, school_of_installations
from tests.core.test_package_trust import _tamper


@pytest.fixture
def school(tmp_path):
    yield from school_of_installations(tmp_path)


@pytest.mark.parametrize("day", ["2099-01-01", "1900-01-01", "2026-08-10"])
def test_a_row_dated_outside_every_term_refuses_the_package(school, day):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    good = add_homework(wang, LOCAL_ADMIN, people.classes[4].id, minutes=20)
    bad = add_homework(wang, LOCAL_ADMIN, people.classes[4].id, minutes=25, content="口算")
    _tamper(wang, bad, date=day)
    path = package.export_package(wang, LOCAL_ADMIN, tmp / "bad", kind="records", since="all").path
    before = _state(principal), _audit_count(principal)
    with pytest.raises(UserError) as refused:
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    message = str(refused.value)
    assert "作业记录" in message and "四年级(1)班" in message  # the row is named
    assert f"{day} 不在学校日历的任何学期内" in message and "未导入任何数据" in message
    assert (_state(principal), _audit_count(principal)) == before
    assert records.get(principal, hw.ENTRIES, good) is None  # refused with the package


def test_history_in_an_older_term_of_the_calendar_still_imports(school):
    principal, people, teachers, tmp = school
    wang = teachers["wang"]
    calendar.save_term(
        principal,
        people.admin,
        {
            "school_year": "2025-2026",
            "name": "第二学期",
            "start_date": "2026-02-16",
            "end_date": "2026-07-10",
        },
    )
    setup = package.export_package(principal, PRINCIPAL_ACTOR, tmp / "setup2", audience=people.head)
    merge.import_packages(wang, LOCAL_ADMIN, [setup.path])
    old = add_homework(wang, LOCAL_ADMIN, people.classes[4].id, minutes=25)
    _tamper(wang, old, date="2026-06-10")  # last term's record, as a file restored from then has
    path = package.export_package(wang, LOCAL_ADMIN, tmp / "old", kind="records", since="all").path
    merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert records.get(principal, hw.ENTRIES, old)["date"] == "2026-06-10"


@pytest.mark.parametrize("day, refused", [("2025-11-10", False), ("2024-11-10", True)])
def test_last_years_fitness_results_travel_though_the_calendar_has_only_this_year(school, day, refused):
    """A school year's 体测 results keep their test day; only a day far from the calendar is refused."""
    from fivemgmt.fitness import store

    principal, people, teachers, tmp = school
    assert [t.start.year for t in calendar.SchoolCalendar(principal).terms] == [2026]
    wang = teachers["wang"]
    student = roster.save_student(
        principal,
        people.admin,
        {"class_id": people.classes[4].id, "name": "孙四", "sex": "男", "student_no": "S4"},
    )
    setup = package.export_package(principal, PRINCIPAL_ACTOR, tmp / "setup2", audience=people.head)
    merge.import_packages(wang, LOCAL_ADMIN, [setup.path])
    store.save_result(wang, LOCAL_ADMIN, student, {"lung": "2000"}, school_year="2025-2026")
    wang.execute("UPDATE fitness_results SET test_date = ?", [day])  # as last year's file had it
    wang.conn.commit()
    path = package.export_package(wang, LOCAL_ADMIN, tmp / "fit", kind="records", since="all").path
    if refused:
        with pytest.raises(UserError, match=f"体质测试成绩.*{day} 与学校日历.*相差一年以上"):
            merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    else:
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
        assert records.live_rows(principal, "fitness_results")[0]["test_date"] == day
