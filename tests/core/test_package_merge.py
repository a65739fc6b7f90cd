"""The package merge made faster gives exactly what it gave before: each row's verdict (the checks of the
previous code, kept here as the reference), the rows and audit entries of a whole school's merge, and the
same refusal when a package holds more than one fault."""

from __future__ import annotations

import datetime as dt
import gc
import random
from typing import Any

import pytest

from fivemgmt import audit, audit_verify, records, rowcheck, school, tabular, users
from fivemgmt.actor import LOCAL_ADMIN, PRINCIPAL, TEACHER, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.exchange import merge, package
from fivemgmt.session import open_db
from tests.core.people import add_homework
from tests.core.test_exchange import PRINCIPAL_ACTOR, _audit_count, _state, school_of_installations

# ------------------------------------------------------------------ the row checks before this change


def _old_check_row(table: str, row: dict[str, Any], kinds: dict[str, str]) -> str | None:
    """rowcheck.check_row before RowChecks."""
    for column, value in row.items():
        if value is None:
            continue
        check = rowcheck._cell_check(column, kinds.get(column, ""))
        if check is None:
            continue
        if check == "date":
            if not isinstance(value, str) or not rowcheck.ISO_DATE.match(value):
                return f"日期“{value}”不是有效的日期（应为 YYYY-MM-DD）。"
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return f"日期“{value}”不存在。"
        elif check == "time":
            try:
                dt.datetime.fromisoformat(str(value))
            except ValueError:
                return f"修改时间“{value}”不是有效的时间。"
        elif check == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
            return f"“{column}”应为整数，而不是“{str(value)[:20]}”。"
        elif check == "number" and not isinstance(value, (int, float)):
            return f"“{column}”应为数字，而不是“{str(value)[:20]}”。"
    if row.get("deleted") not in (None, 0, 1):
        return "删除标记不对。"
    check = rowcheck._area_checks().get(table)
    if check is None or row.get("deleted"):
        return None
    try:
        check(row)
    except UserError as error:
        return str(error)
    except (KeyError, ValueError, TypeError, AttributeError):
        return "数据格式不对。"
    return None


def _old_calendar_problem(dates: Any, table: str, row: dict, old: dict | None) -> str | None:
    """rowcheck.calendar_problem before RowChecks."""
    from fivemgmt.exchange.xlsx import NOT_SCHOOL_DATES, TERM_DATE_COLUMNS

    if row.get("deleted"):
        return None
    for column, value in row.items():
        if not rowcheck.is_date_column(column) or column in NOT_SCHOOL_DATES or not isinstance(value, str):
            continue
        if old is not None and old.get(column) == value:
            continue
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            continue
        in_term = column in TERM_DATE_COLUMNS and table not in rowcheck.OUTSIDE_TERMS
        why = dates.problem(day, in_term=in_term)
        if why:
            return why + "。"
    return None


def _old_problem(dates: Any, table: str, row: dict, old: dict | None, kinds: dict[str, str]) -> str | None:
    """What the merge refused a row for before: check_row, then (records) the calendar."""
    return _old_check_row(table, row, kinds) or (
        _old_calendar_problem(dates, table, row, old) if dates is not None else None
    )


ODD = [
    True,
    2,
    2.5,
    -0.0,
    "x",
    "",
    "2026-02-30",
    "2026-11-02",
    "2099-01-01",
    "2026-11-02T08:00:00",
    "11:30",
    -1,
]


def _variants(rows: list[dict]) -> list[dict]:
    """Each row as stored, and with one cell at a time replaced by an odd value (bad dates and numbers,
    days outside every term, deleted flags)."""
    out = []
    for n, row in enumerate(rows):
        out.append(row)
        for m, column in enumerate(row):
            out.append({**row, column: ODD[(n + m) % len(ODD)]})
    return out


def test_row_checks_say_what_check_row_and_calendar_problem_said(demo_db):
    dates = tabular.SchoolDates.of(demo_db)
    compared = refused = 0
    for table in audit.record_tables(demo_db):
        kinds = records.declared_types(demo_db, table)
        for calendar in (None, dates):
            checks = rowcheck.RowChecks(demo_db, table, kinds, calendar)  # one for the table: texts kept
            stored = records.query_rows(demo_db, f"SELECT * FROM [{table}] LIMIT 25")
            for row in _variants(stored):
                for old in (None, stored[0] if stored else None, row):
                    expected = _old_problem(calendar, table, row, old, kinds)
                    assert checks.problem(row, old) == expected, (table, row, old)
                    compared += 1
                    refused += expected is not None
                assert rowcheck.check_row(demo_db, table, row, kinds) == _old_check_row(table, row, kinds)
    assert compared > 10_000 and refused > 1_000


def _tables_with_rows(db):
    """Each record table with rows: its declared types, its first 40 rows and their columns."""
    for table in audit.record_tables(db):
        stored = records.query_rows(db, f"SELECT * FROM [{table}] LIMIT 40")
        if stored:
            yield table, records.declared_types(db, table), stored, list(stored[0])


def test_a_block_passes_at_once_only_where_every_row_passes_but_for_its_area(demo_db):
    """A block of new records judged a column at a time: passing, each row's verdict is its area's alone
    (what the old checks say of it); one odd cell anywhere and the block is judged row by row."""
    dates = tabular.SchoolDates.of(demo_db)
    passed = failed = 0
    for table, kinds, stored, columns in _tables_with_rows(demo_db):
        checks = rowcheck.RowChecks(demo_db, table, kinds, dates)
        blocks = [stored] + [[*stored[:3], variant] for variant in _variants(stored[:2])[1:]]
        for block in blocks:
            cells = list(zip(*[[r[c] for c in columns] for r in block]))
            if checks.block_passes(columns, cells):
                passed += 1
                for row in block:
                    assert checks.area(row) == _old_problem(dates, table, row, None, kinds)
            else:
                failed += 1
                assert any(_old_problem(dates, table, r, None, kinds) for r in block) or any(
                    not isinstance(v, (str, int, type(None))) or type(v) is bool
                    for r in block
                    for v in r.values()
                )
    assert passed > 20 and failed > 100


def test_a_block_after_others_is_judged_as_by_checks_that_saw_nothing_before(demo_db):
    """block_passes keeps the texts it found fine (a merge's blocks repeat their days): a block judged after
    others, passing or failing, and given its columns' types or not, gets the verdict of checks made for it
    alone."""
    dates = tabular.SchoolDates.of(demo_db)
    compared = failed = 0
    for table, kinds, stored, columns in _tables_with_rows(demo_db):
        kept = rowcheck.RowChecks(demo_db, table, kinds, dates)
        blocks = [stored[:20], stored[20:]] + [[*stored[:3], v] for v in _variants(stored[:2])[1:]]
        random.Random(table).shuffle(blocks)
        for block in [b for b in blocks if b] * 2:
            cells = list(zip(*[[r[c] for c in columns] for r in block]))
            types = [set(map(type, values)) for values in cells]
            fresh = rowcheck.RowChecks(demo_db, table, kinds, dates).block_passes(columns, cells)
            assert kept.block_passes(columns, cells, types) == fresh, (table, block)
            assert kept.block_passes(columns, cells) == fresh
            compared += 1
            failed += not fresh
    assert compared > 200 and failed > 100


# ------------------------------------------------------------------ a school's merge


def _class_packages(db, work, classes=4):
    principal = Actor("p", "校长", PRINCIPAL)
    setup = package.export_package(db, principal, work / "setup").path
    paths = []
    for number, school_class in enumerate(school.list_classes(db)[:classes], 1):
        teacher = Actor(f"t-{number}", "班主任", TEACHER, {school_class.id: None})
        paths.append(package.export_package(db, teacher, work / f"class-{number}", since="all").path)
    return principal, setup, paths


def _joined(db, work, setup, name):
    target = open_db(work / f"{name}.sqlite")
    merge.import_packages(target, LOCAL_ADMIN, [setup], school_key=package.school_key(db))
    return target


def _entries(db, after_seq):
    """The merge's audit entries of records as a person reads them: what, which record, before, after, who,
    why (the seals of the import's bookkeeping hold its times)."""
    return sorted(
        row
        for row in db.execute(
            "SELECT table_name, record_id, action, before, after, actor, reason FROM audit_log WHERE seq > ?",
            [after_seq],
        )
        if row[0] in package.exchange_tables(db)
    )


def _tables(db):
    return {t: sorted(db.execute(f"SELECT * FROM [{t}]").fetchall()) for t in package.exchange_tables(db)}


def test_a_schools_merge_writes_what_the_steps_one_by_one_write(demo_db, tmp_path, monkeypatch):
    """The commit makes the preview's writes per table for all packages at once: the same rows, the same
    audit entries (but for their order and times), the same versions, and the trail verifies."""
    principal, setup, paths = _class_packages(demo_db, tmp_path)
    batched, stepwise = _joined(demo_db, tmp_path, setup, "a"), _joined(demo_db, tmp_path, setup, "b")
    seqs = [db.execute("SELECT MAX(seq) FROM audit_log").fetchone()[0] for db in (batched, stepwise)]
    preview, changes = merge.import_packages(batched, principal, paths)
    assert preview.total("new") > 300 and not preview.conflicts and not preview.refused

    # the same merge, each block's write made on its own as before
    again = merge.preview_import(stepwise, principal, paths)
    assert (again.counts, again.writes) == (preview.counts, preview.writes)
    assert again.plan is not None
    written = {step[1] for step in again.plan.steps if step[0] == "write"}
    one_per_table = merge._batched(again.plan.steps)
    assert len(one_per_table) == len(written) < len(again.plan.steps) / 3
    monkeypatch.setattr(merge, "_batched", lambda steps: steps)
    one_by_one = merge.commit_import(stepwise, principal, again, backup=False)

    assert _tables(batched) == _tables(stepwise)
    assert _entries(batched, seqs[0]) == _entries(stepwise, seqs[1])
    assert (changes.tables, sorted(changes.ids), changes.spots) == (
        one_by_one.tables,
        sorted(one_by_one.ids),
        one_by_one.spots,
    )
    versions = "SELECT * FROM record_versions ORDER BY 1, 2, 3"
    assert batched.execute(versions).fetchall() == stepwise.execute(versions).fetchall()
    # every record of the classes arrived as the teachers' packages hold it
    for table in (hw.ENTRIES, hw.DAYS):
        ids = {r[0] for r in batched.execute(f"SELECT id FROM [{table}]")}
        expected = {
            r[0]
            for r in demo_db.execute(
                f"SELECT id FROM [{table}] WHERE class_id IN ({','.join('?' * 4)})",
                [c.id for c in school.list_classes(demo_db)[:4]],
            )
        }
        assert ids == expected and ids
    assert audit_verify.verify(batched).ok
    for db in (batched, stepwise):
        db.close()


def test_a_commit_reusing_its_preview_writes_what_a_merge_from_the_files_writes(demo_db, tmp_path):
    """The commit makes again the writes its preview computed (without the files being read or the rows
    judged again); a commit without them merges from the files: the same rows, counts, audit entries (but
    for their order and times), versions and changes."""
    principal, setup, paths = _class_packages(demo_db, tmp_path, classes=3)
    reused, fresh = _joined(demo_db, tmp_path, setup, "reused"), _joined(demo_db, tmp_path, setup, "fresh")
    seqs = [db.execute("SELECT MAX(seq) FROM audit_log").fetchone()[0] for db in (reused, fresh)]
    previews, changes = [], []
    for db, keep_plan in ((reused, True), (fresh, False)):
        preview = merge.preview_import(db, principal, paths)
        assert preview.plan is not None
        if not keep_plan:
            preview.plan = None  # as a preview made before the database changed: merged from the files
        changes.append(merge.commit_import(db, principal, preview, backup=False))
        previews.append(preview)
    assert previews[0].counts == previews[1].counts and previews[0].total("new") > 200
    assert (previews[0].writes, previews[0].refused, previews[0].conflicts) == (
        previews[1].writes,
        previews[1].refused,
        previews[1].conflicts,
    )
    assert _tables(reused) == _tables(fresh)
    assert _entries(reused, seqs[0]) == _entries(fresh, seqs[1])
    versions = "SELECT * FROM record_versions ORDER BY 1, 2, 3"
    assert reused.execute(versions).fetchall() == fresh.execute(versions).fetchall()
    imports = "SELECT package_id, origin, kind, actor, file, counts FROM exchange_imports ORDER BY 1"
    assert reused.execute(imports).fetchall() == fresh.execute(imports).fetchall()
    assert len(reused.execute(imports).fetchall()) == len(paths) + 1  # and the set-up package joined
    assert (changes[0].tables, sorted(changes[0].ids), changes[0].spots) == (
        changes[1].tables,
        sorted(changes[1].ids),
        changes[1].spots,
    )
    for db in (reused, fresh):
        assert audit_verify.verify(db).ok
        db.close()


def test_the_merge_runs_with_the_collector_paused_and_leaves_it_as_it_was(demo_db, tmp_path, monkeypatch):
    """The packages' rows stay alive through a merge: the cyclic collector is paused while the preview and
    the commit run (it would walk them again and again), and is on again afterwards, also after a refusal."""
    principal, setup, paths = _class_packages(demo_db, tmp_path, classes=1)
    target = _joined(demo_db, tmp_path, setup, "target")
    states = []
    for name in ("_apply", "_run", "_read_all"):
        real = getattr(merge, name)
        monkeypatch.setattr(
            merge, name, lambda *a, real=real, **k: (states.append(gc.isenabled()), real(*a, **k))[1]
        )
    assert gc.isenabled()
    merge.import_packages(target, principal, paths)
    assert states and not any(states) and gc.isenabled()
    with pytest.raises(UserError):
        merge.import_packages(target, principal, [tmp_path / "missing.fivemgmt"])
    assert gc.isenabled()
    target.close()


def test_a_record_in_two_packages_is_written_twice_in_order(demo_db, tmp_path):
    """Two packages of the same class, the second with a later version of a record: the batched commit
    writes the first version, then the second over it (two writes of one record never share a statement)."""
    principal, setup, (first, *_) = _class_packages(demo_db, tmp_path, classes=1)
    class_id = school.list_classes(demo_db)[0].id
    teacher = Actor("t", "班主任", TEACHER, {class_id: None})
    entry = demo_db.execute(
        "SELECT id FROM homework_entries WHERE class_id = ? LIMIT 1", [class_id]
    ).fetchone()[0]
    with transaction(demo_db):
        records.save_many(demo_db, hw.ENTRIES, [{"id": entry, "minutes": 17}], teacher)
    second = package.export_package(demo_db, teacher, tmp_path / "second", since="all").path
    target = _joined(demo_db, tmp_path, setup, "target")
    preview, _ = merge.import_packages(target, principal, [first, second])
    assert preview.counts[hw.ENTRIES]["changed"] == 1
    assert records.get(target, hw.ENTRIES, entry)["minutes"] == 17
    original = demo_db.execute(
        "SELECT json_extract(before, '$.minutes') FROM audit_log WHERE record_id = ? ORDER BY seq DESC LIMIT 1",
        [entry],
    ).fetchone()[0]
    trail = target.execute(
        "SELECT json_extract(before, '$.minutes'), json_extract(after, '$.minutes') FROM audit_log"
        " WHERE record_id = ? ORDER BY seq",
        [entry],
    ).fetchall()
    assert trail == [(None, original), (original, 17)] and original != 17
    assert audit_verify.verify(target).ok
    target.close()


# ------------------------------------------------------------------ refusals, in the order of the rows


@pytest.fixture
def installations(tmp_path):
    yield from school_of_installations(tmp_path)


def _rewritten(db, path, change):
    """The package at ``path`` with its payload changed by ``change`` and signed again by ``db``."""
    content = package.read_package(db, path).payload
    change(content["tables"][hw.ENTRIES])
    package.write_package(db, path, content, signer_name="王丽娟")
    return path


def _refused_untouched(installations, fault, message):
    """A teacher's package of six homework entries, its block changed by ``fault``: the principal's import
    is refused with ``message`` and changes nothing (no row, no audit entry)."""
    principal, people, teachers, tmp = installations
    wang = teachers["wang"]
    for n in range(6):
        add_homework(wang, people.head, people.classes[4].id, minutes=10 + n, content=f"练习{n}")
    path = package.export_package(wang, people.head, tmp / "faulty").path
    _rewritten(wang, path, fault)
    before = _state(principal), _audit_count(principal)
    with pytest.raises(UserError, match=message):
        merge.import_packages(principal, PRINCIPAL_ACTOR, [path])
    assert (_state(principal), _audit_count(principal)) == before


@pytest.mark.parametrize(
    "fault_first, message",
    [
        ("date", "不在学校日历的任何学期内"),
        ("shape", "数据格式不对"),
        ("minutes", "预计时长应在 0–600 分钟之间"),
    ],
)
def test_the_first_faulty_row_names_the_refusal(installations, fault_first, message):
    """A block with three faulty rows is refused for the first of them, as when each row was judged in
    turn: a day outside every term, a row of the wrong shape, minutes out of range."""

    def fault(block):
        columns = block["columns"]
        faults = {
            "date": lambda row: row.__setitem__(columns.index("date"), "2099-01-01"),
            "shape": lambda row: row.append("extra"),
            "minutes": lambda row: row.__setitem__(columns.index("minutes"), 9999),
        }
        order = [fault_first, *(k for k in faults if k != fault_first)]
        for position, kind in zip((1, 3, 4), order):
            faults[kind](block["rows"][position])

    _refused_untouched(installations, fault, message)


def test_a_set_up_package_with_a_new_term_lets_that_terms_records_in_with_it(installations):
    """The calendar the merge checks records against is the one its set-up package leaves: a new term and a
    record dated in it, imported together, go in together."""
    from fivemgmt import calendar

    principal, people, teachers, tmp = installations
    wang = teachers["wang"]
    calendar.save_term(
        principal,
        people.admin,
        {
            "school_year": "2026-2027",
            "name": "第二学期",
            "start_date": "2027-02-22",
            "end_date": "2027-07-09",
        },
    )
    entry = add_homework(principal, people.admin, people.classes[4].id, day=dt.date(2027, 3, 1), minutes=30)
    head = users.actor_for(principal, "wang")
    setup = package.export_package(principal, PRINCIPAL_ACTOR, tmp / "setup-new-term", audience=head).path
    corrections = package.export_package(
        principal, PRINCIPAL_ACTOR, tmp / "corrections", kind="records", since="all", audience=head
    ).path
    with pytest.raises(UserError, match="不在学校日历的任何学期内"):
        merge.import_packages(wang, LOCAL_ADMIN, [corrections])  # the term is not known here yet
    merge.import_packages(wang, LOCAL_ADMIN, [corrections, setup])
    assert records.get(wang, hw.ENTRIES, entry)["date"] == "2027-03-01"
    assert audit_verify.verify(wang).ok


ID_FAULTS = {
    "twice": lambda rows, at, n: rows[n].__setitem__(at, rows[0][at]),
    "empty": lambda rows, at, n: rows[n].__setitem__(at, ""),
    "long": lambda rows, at, n: rows[n].__setitem__(at, "x" * 65),
    "number": lambda rows, at, n: rows[n].__setitem__(at, 12345),
}


@pytest.mark.parametrize("id_fault", sorted(ID_FAULTS))
@pytest.mark.parametrize("id_first", [True, False])
def test_a_bad_record_id_is_refused_in_the_order_of_the_rows(installations, id_fault, id_first):
    """A block's record ids are judged at once, but a block with a bad one (a record twice, an empty id, one
    too long, a number) and a row out of range is refused for whichever of them comes first."""

    def fault(block):
        columns, rows = block["columns"], block["rows"]
        id_row, minutes_row = (2, 4) if id_first else (4, 2)
        ID_FAULTS[id_fault](rows, columns.index("id"), id_row)
        rows[minutes_row][columns.index("minutes")] = 9999

    _refused_untouched(installations, fault, "数据格式不对" if id_first else "预计时长应在 0–600 分钟之间")


def test_records_of_unknown_classes_and_students_are_refused_for_the_first_row(demo_db):
    """The references are judged per distinct class and student; a table holding an unknown one is refused
    with the message of its first such row, as when every row was judged in turn."""
    class_id = school.list_classes(demo_db)[0].id
    student_id = demo_db.execute("SELECT id FROM students LIMIT 1").fetchone()[0]

    def steps(*rows):
        return [
            ("write", hw.ENTRIES, [records.Write(None, {"id": f"r{n}", **row}) for n, row in enumerate(rows)])
        ]

    good = {"class_id": class_id, "student_id": student_id}
    merge._check_references(demo_db, steps(good, {"class_id": None, "student_id": ""}, good))
    for rows, message in (
        ([good, {"class_id": "elsewhere"}, {"student_id": "nobody"}], "本机没有的班级"),
        ([good, {"student_id": "nobody"}, {"class_id": "elsewhere"}], "本机没有的学生"),
        ([{"class_id": class_id, "student_id": "nobody"}], "本机没有的学生"),
    ):
        with pytest.raises(UserError, match=message):
            merge._check_references(demo_db, steps(*rows))
