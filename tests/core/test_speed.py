"""Issue 13: the causes of the slow paths, each pinned by what the app asks of SQLite (never by a time)."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from sqlite_utils import Database

from fivemgmt import audit, audit_verify, records, school, summary
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.areas import reading
from fivemgmt.cli import main
from fivemgmt.db import transaction
from fivemgmt.session import open_db
from tests.core.helpers import make_school

TODAY = dt.date(2026, 11, 25)


class Statements:
    """Every SQL statement the connection runs while active."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.sql: list[str] = []

    def __enter__(self) -> Statements:
        self.db.conn.set_trace_callback(self.sql.append)
        return self

    def __exit__(self, *_: object) -> None:
        self.db.conn.set_trace_callback(None)


class Calls:
    """How many statements the app hands to SQLite while active (an executemany is one, however many rows)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.count = 0

    def __enter__(self) -> Calls:
        conn = self.conn = self.db.conn
        calls = self

        class Counting:
            def execute(self, *args):  # noqa: ANN002, ANN202
                calls.count += 1
                return conn.execute(*args)

            def executemany(self, *args):  # noqa: ANN002, ANN202
                calls.count += 1
                return conn.executemany(*args)

            def __getattr__(self, name: str):  # noqa: ANN204
                return getattr(conn, name)

        self.db.conn = Counting()
        return self

    def __exit__(self, *_: object) -> None:
        self.db.conn = self.conn


class RowsRead:
    """Rows the app's queries hand back while active (through db.query, or records.query_rows, which
    records.live_rows and friends use)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.rows = 0
        original = Database.query
        original_rows = records.query_rows

        def counting(db: Database, sql: str, params=None):  # noqa: ANN001, ANN202
            for row in original(db, sql, params):
                self.rows += 1
                yield row

        def counting_rows(db: Database, sql: str, params=()):  # noqa: ANN001, ANN202
            rows = original_rows(db, sql, params)
            self.rows += len(rows)
            return rows

        monkeypatch.setattr(Database, "query", counting)
        monkeypatch.setattr(records, "query_rows", counting_rows)


@pytest.fixture
def classes(db):
    return make_school(db)


def _entry(school_class, day, n):
    return hw.Entry(None, school_class.id, day, "语文", f"练习{n}", "书面", True, 10)


def test_a_save_does_not_ask_sqlite_for_the_table_layout_every_time(db, classes):
    hw.save_entry(db, SYSTEM, _entry(classes[4], TODAY, 0), today=TODAY)
    with Statements(db) as seen:
        hw.save_entry(db, SYSTEM, _entry(classes[4], TODAY, 1), today=TODAY)
    layout = [s for s in seen.sql if "sqlite_master" in s or "table_info" in s]
    assert layout == []
    # the row, its audit entry and the day's "no homework" check; no reading the new row back
    reads_back = [s for s in seen.sql if s.startswith(f"SELECT * FROM [{hw.ENTRIES}] WHERE id")]
    assert reads_back == []
    assert audit_verify.verify(db).ok


def test_a_schema_change_is_seen_by_the_next_save(db, classes):
    hw.save_entry(db, SYSTEM, _entry(classes[4], TODAY, 0), today=TODAY)
    db.execute(f"ALTER TABLE {hw.ENTRIES} ADD COLUMN checked_by TEXT DEFAULT 'nobody'")
    with transaction(db):
        record_id = records.save(db, hw.ENTRIES, _entry(classes[4], TODAY, 1).values(), SYSTEM)
    last = audit.history(db, hw.ENTRIES, record_id)[-1]["after"]
    assert last["checked_by"] == "nobody"  # audited as stored, the new column's default included
    assert audit_verify.verify(db).ok


def test_save_many_writes_what_saving_one_by_one_writes(tmp_path, classes, db):
    other = open_db(tmp_path / "other.sqlite")
    other_classes = make_school(other)
    day = TODAY - dt.timedelta(days=1)
    values = [_entry(classes[4], day, n).values() | {"required": n % 2 == 0} for n in range(5)]
    with transaction(db):
        ids = records.save_many(db, hw.ENTRIES, values, SYSTEM, reason="导入")
    with transaction(other):
        for row in values:
            records.save(other, hw.ENTRIES, row | {"class_id": other_classes[4].id}, SYSTEM, reason="导入")

    def stored(database, class_id):
        rows = database.query(f"SELECT * FROM {hw.ENTRIES} WHERE class_id = ? ORDER BY rowid", [class_id])
        return [
            {k: v for k, v in r.items() if k not in ("id", "class_id", *records.BOOKKEEPING)} for r in rows
        ]

    assert stored(db, classes[4].id) == stored(other, other_classes[4].id)
    assert [r["id"] for r in db.query(f"SELECT id FROM {hw.ENTRIES} ORDER BY rowid")] == ids
    entries = list(db.query("SELECT * FROM audit_log WHERE table_name = ? ORDER BY seq", [hw.ENTRIES]))
    assert [(e["record_id"], e["action"], e["reason"]) for e in entries] == [
        (i, "insert", "导入") for i in ids
    ]
    # changing two, leaving three alone, and the same record twice in one batch
    with transaction(db):
        records.save_many(
            db,
            hw.ENTRIES,
            [
                {"id": ids[0], "minutes": 30},
                {"id": ids[1], "minutes": 10},  # unchanged: no write, no audit entry
                {"id": ids[2], "deleted": 1},
                {"id": ids[0], "minutes": 40},
            ],
            SYSTEM,
        )
    actions = [
        r["action"] for r in db.query("SELECT action FROM audit_log WHERE seq > ?", [entries[-1]["seq"]])
    ]
    assert actions == ["update", "delete", "update"]
    assert records.get(db, hw.ENTRIES, ids[0])["minutes"] == 40
    assert audit_verify.verify(db).ok
    other.close()


def _homework_csv(path, school_class, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        out = csv.writer(handle)
        out.writerow(["日期", "班级", "学科", "作业内容", "作业类型", "是否必做", "预计时长(分钟)"])
        for n in range(rows):
            day = dt.date(2026, 11, 2) + dt.timedelta(days=n // 10)
            out.writerow([day.isoformat(), school_class.name, "语文", f"练习{n}", "书面", "必做", 10])
    return path


def test_homework_import_writes_in_a_few_statements_not_per_row(db, classes, tmp_path):
    for n in range(30):  # other classes' history, which the preview has no reason to read
        hw.save_entry(db, SYSTEM, _entry(classes[8], TODAY, n), today=TODAY)
    path = _homework_csv(tmp_path / "hw.csv", classes[4], 300)
    with Statements(db) as seen:
        preview = hw.preview_import(db, path)
    assert not any(f"FROM [{hw.ENTRIES}] WHERE deleted = 0 AND (1)" in s for s in seen.sql)
    with Calls(db) as calls:
        changes = hw.commit_import(db, SYSTEM, preview, reason="补登")
    assert len(changes.ids) == 300
    assert calls.count < 30  # was 24 statements a row
    assert (
        db.execute(f"SELECT COUNT(*) FROM {hw.ENTRIES} WHERE class_id = ?", [classes[4].id]).fetchone()[0]
        == 300
    )
    assert audit_verify.verify(db).ok
    again = hw.preview_import(db, path)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 300}


def _grow_elsewhere(db: Database, class_id: str, copies: int) -> None:
    """Many more students and reading steps in other classes (written directly: only their size matters)."""
    students = list(db.query("SELECT * FROM students WHERE class_id != ?", [class_id]))
    steps = list(
        db.query(
            "SELECT s.* FROM reading_steps s JOIN reading_books b ON b.id = s.book_id WHERE b.class_id != ?",
            [class_id],
        )
    )
    with transaction(db):
        for table, rows in (("students", students), ("reading_steps", steps)):
            for n in range(copies):
                for row in rows:
                    copy = dict(row, id=records.new_id())
                    if table == "students":
                        copy["student_no"] = f"{row['student_no']}-{n}"
                    db[table].insert(copy)
    assert students and steps


def test_a_class_week_reads_the_same_rows_however_big_the_rest_of_the_school(demo_db, monkeypatch, today):
    target = next(c for c in school.list_classes(demo_db) if c.grade >= 3)
    monday = today - dt.timedelta(days=today.weekday())
    counter = RowsRead(monkeypatch)
    summary.week_summary(demo_db, monday, today=today, class_ids=[target.id])
    before = counter.rows
    _grow_elsewhere(demo_db, target.id, 5)
    counter.rows = 0
    summary.week_summary(demo_db, monday, today=today, class_ids=[target.id])
    assert counter.rows == before


def test_a_class_corner_reads_only_its_own_books_steps(demo_db, monkeypatch):
    corner = demo_db.execute(
        "SELECT class_id FROM reading_books WHERE class_id IS NOT NULL LIMIT 1"
    ).fetchone()[0]
    counter = RowsRead(monkeypatch)
    statuses = reading.book_statuses(demo_db, class_id=corner)
    steps = sum(len(s.steps) + len(s.dispositions) for s in statuses)
    assert counter.rows == len(statuses) + steps


def test_benchmark_quick_reports_every_figure_with_its_baseline_and_budget(tmp_path, capsys):
    out = tmp_path / "bench.json"
    code = main(["benchmark", "--quick", "--today", TODAY.isoformat(), "--json", str(out)])
    assert code in (0, 1)  # over or within budget: the command ran either way; no time is asserted here
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scale"] == "school-5y" and data["quick"]
    assert set(data["figures"]) == {
        "startup",
        "save_entry",
        "dashboard",
        "dashboard_history",
        "csv_import",
        "package_merge",
        "self_inspection_pdf",
        "peak_memory",
        "fitness_scoring",
    }
    for key, figure in data["figures"].items():
        assert figure["app"] > 0 and figure["baseline"] > 0, key
        assert figure["ratio"] is not None and figure["budget"] > 0, key
        assert figure["ok"] in (True, False), key
    printed = capsys.readouterr().out
    assert "| figure | app | baseline | ratio | budget |" in printed


def test_every_round_of_the_import_and_merge_figures_writes_every_row_into_fresh_copies(
    tmp_path, monkeypatch
):
    """The import and merge figures are medians of rounds alternating app and baseline: a round after
    the first must not find the rows already there (an import of nothing), and the school measured
    stays as it was."""
    from fivemgmt import benchmark
    from fivemgmt.benchmark import timing

    source = tmp_path / "school.sqlite"
    benchmark.build_school(source, benchmark.QUICK, TODAY).close()
    entries = f"SELECT COUNT(*) FROM {hw.ENTRIES}"
    with open_db(source) as db:
        before = db.execute(entries).fetchone()[0]
    written: list[int] = []
    remove = timing._remove

    def counted(app_copy, *others):
        with open_db(app_copy) as db:
            written.append(db.execute(entries).fetchone()[0])
        remove(app_copy, *others)

    monkeypatch.setattr(timing, "_remove", counted)
    app, baseline = benchmark.time_import(source, tmp_path, 120, TODAY, repeats=2)
    assert app > 0 and baseline > 0 and written == [before + 120, before + 120]
    with open_db(source) as db:
        assert db.execute(entries).fetchone()[0] == before
        written.clear()
        app, baseline, packages = benchmark.time_merge(db, tmp_path, repeats=2)
        classes = len(school.list_classes(db))
    assert app > 0 and baseline > 0 and packages == classes
    # every round merged every class's entries into its own copy of the installation holding only the set-up
    assert before > 0 and written == [before, before]
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(("import-", "merged-", "baseline-"))]


def test_benchmark_district_quick_reads_every_schools_packages_and_judges_linearity(tmp_path, capsys):
    out = tmp_path / "district.json"
    code = main(
        ["benchmark", "--scale", "district", "--quick", "--today", TODAY.isoformat(), "--json", str(out)]
    )
    assert code in (0, 1)  # no time is asserted
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scale"] == "district" and set(data["figures"]) == {"district_linearity"}
    figure = data["figures"]["district_linearity"]
    assert figure["app"] > 0 and figure["baseline"] > 0 and figure["budget"] == 1.2
    district = data["data"]["district"]
    sizes = district["sizes"]
    assert district["schools"] == sum(s["schools"] for s in sizes) == 6
    assert sizes[0]["students"] < sizes[-1]["students"]  # schools of different sizes
    printed = capsys.readouterr().out
    assert "district: a school's cost per student" in printed


def test_a_rekeyed_school_shares_no_record_id_with_its_model_and_keeps_every_row(tmp_path):
    from fivemgmt import benchmark

    payload = {
        "package_id": "p" * 32,
        "school_name": "示范学校",
        "tables": {
            "students": {
                "columns": ["id", "class_id", "name"],
                "rows": [["a" * 32, "c" * 32, "张一"], ["b" * 32, "c" * 32, "李二"]],
                "history": [["1" * 64], ["2" * 64]],
            },
            "classes": {"columns": ["id", "name"], "rows": [["c" * 32, "一年级(1)班"]], "history": [["3"]]},
            "settings": {"columns": ["id", "value"], "rows": [["fitness_wusi", "1"]], "history": [["4"]]},
        },
    }
    first, again = benchmark.rekeyed([payload], 7)[0], benchmark.rekeyed([payload], 7)[0]
    assert first == again  # deterministic
    other = benchmark.rekeyed([payload], 8)[0]
    students = first["tables"]["students"]["rows"]
    class_id = first["tables"]["classes"]["rows"][0][0]
    assert class_id != "c" * 32 and {r[1] for r in students} == {class_id}  # references follow their rows
    assert {r[0] for r in students}.isdisjoint({"a" * 32, "b" * 32})
    assert {r[0] for r in students}.isdisjoint({r[0] for r in other["tables"]["students"]["rows"]})
    assert [r[2] for r in students] == ["张一", "李二"]
    assert first["tables"]["settings"]["rows"] == [["fitness_wusi", "1"]]  # a named key is not an id
    assert first["package_id"] != payload["package_id"] and "7" in first["school_name"]


def _status_strips(db: Database, school_class, day: dt.date) -> list[hw.HomeworkDay]:
    """What the homework page shows after a save: the day's status and the week strip."""
    from fivemgmt.calendar import SchoolCalendar, monday_of
    from fivemgmt.rules import Rulebook

    hw.class_day(db, school_class, day, day)
    monday = monday_of(day)
    return hw.build_days(
        db, school_class, monday, monday + dt.timedelta(days=6), day, SchoolCalendar(db), Rulebook(db)
    )


def test_a_save_and_its_status_strips_never_ask_sqlite_for_the_list_of_tables(db, classes):
    hw.save_entry(db, SYSTEM, _entry(classes[4], TODAY, 0), today=TODAY)
    _status_strips(db, classes[4], TODAY)
    with Statements(db) as seen:
        hw.save_entry(db, SYSTEM, _entry(classes[4], TODAY, 1), today=TODAY)
        week = _status_strips(db, classes[4], TODAY)
    assert [s for s in seen.sql if "sqlite_master" in s or "table_info" in s] == []
    assert [d.written_minutes for d in week if d.date == TODAY] == [20]
    assert audit_verify.verify(db).ok


def test_a_changed_rule_is_in_the_next_status_strip(db, classes):
    from fivemgmt import rules

    for n in range(3):
        hw.save_entry(db, SYSTEM, _entry(classes[4], TODAY, n), today=TODAY)
    before = [d for d in _status_strips(db, classes[4], TODAY) if d.date == TODAY][0]
    assert before.cap == 60 and not before.verdict.status.is_red  # 30 minutes of grade 4's 60
    rules.save_override(db, SYSTEM, hw.CAP_RULE, 20, 3, 6, "区里要求", effective_from=TODAY)
    after = [d for d in _status_strips(db, classes[4], TODAY) if d.date == TODAY][0]
    assert after.cap == 20 and after.verdict.status.is_red


def test_the_week_strip_reads_of_the_week_before_only_its_weekend_homework(db, classes, monkeypatch):
    """The week before is read for 周末/假期作业 set ahead of a rest period; its other entries are not
    loaded (and made into entries) at every save."""
    last_week = [TODAY - dt.timedelta(days=7 + k) for k in range(3)]
    for day in last_week:
        for n in range(5):
            hw.save_entry(db, SYSTEM, _entry(classes[4], day, n), reason="补登", today=TODAY)
    ahead = hw.Entry(None, classes[4].id, TODAY - dt.timedelta(days=5), "数学", "周末练习", "书面", True, 30)
    ahead.for_rest = True  # last Friday, for last weekend
    hw.save_entry(db, SYSTEM, ahead, reason="补登", today=TODAY)
    hw.save_entry(db, SYSTEM, _entry(classes[4], TODAY, 0), today=TODAY)
    made: list[hw.Entry] = []
    from fivemgmt.calendar import SchoolCalendar
    from fivemgmt.rules import Rulebook

    class Counted(hw.Entry):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr("fivemgmt.areas.homework.records.Entry", Counted)  # made where the entries are read
    week = _status_strips(db, classes[4], TODAY)
    # this week's entry and last Friday's weekend homework, not the 15 ordinary entries of the week before
    assert {e.date for e in made} == {TODAY, ahead.date}
    assert [d.written_minutes for d in week if d.date == TODAY] == [10]
    saturday = [
        d
        for d in hw.build_days(
            db,
            classes[4],
            ahead.date,
            ahead.date + dt.timedelta(days=1),
            TODAY,
            SchoolCalendar(db),
            Rulebook(db),
        )
        if d.period
    ]
    assert saturday[0].period.set_before == 30  # and the weekend still counts it


def test_an_import_that_fails_half_way_leaves_nothing(db, classes, tmp_path, monkeypatch):
    path = _homework_csv(tmp_path / "hw.csv", classes[4], 200)
    preview = hw.preview_import(db, path)
    count = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    real = audit.append_many

    def crash(database, changes):
        real(database, changes)  # rows and entries written, then the batch fails before its commit
        raise OSError("disk I/O error")

    monkeypatch.setattr(audit, "append_many", crash)
    with pytest.raises(OSError):
        hw.commit_import(db, SYSTEM, preview, reason="补登")
    monkeypatch.setattr(audit, "append_many", real)
    assert db.execute(f"SELECT COUNT(*) FROM {hw.ENTRIES}").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == count
    assert audit_verify.verify(db).ok
    hw.commit_import(db, SYSTEM, preview, reason="补登")  # and the same import then goes through whole
    assert db.execute(f"SELECT COUNT(*) FROM {hw.ENTRIES}").fetchone()[0] == 200
    assert audit_verify.verify(db).ok


def test_a_periods_phone_and_reading_weeks_read_once_for_all_classes_not_per_class_week(demo_db, today):
    """A term's weeks (the self-inspection) read applications once, and the term's violations and the
    book corners once per week for every class — before, once per class and week."""
    monday = today - dt.timedelta(days=today.weekday())
    mondays = [monday - dt.timedelta(days=7 * n) for n in range(3, -1, -1)]
    classes = school.list_classes(demo_db, on=mondays[0])
    assert len(classes) > 3
    with Statements(demo_db) as seen:
        weeks = summary.period_weeks(demo_db, mondays, today, areas=["phone", "reading"])
    assert all(len(w.classes) == len(classes) for w in weeks)

    def reads(table: str) -> int:
        return sum(1 for sql in seen.sql if f"FROM [{table}]" in sql)

    assert reads("phone_applications") <= 2  # the custody days' approvals, and the weeks' applications
    violations = [sql for sql in seen.sql if "FROM [phone_custody]" in sql and "status = " in sql]
    assert len(violations) == len(mondays)
    assert reads("reading_books") <= 3 * len(mondays)  # books, their steps, their dispositions
