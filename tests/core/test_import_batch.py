"""A homework import is one batch (cells read per distinct value, rights asked per class, rows and audit
entries written together); it must give exactly what saving its rows one at a time gives: the same rows,
the same audit entries, the same Changes, a chain that verifies."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import json
from pathlib import Path

import pytest

from fivemgmt import audit, audit_verify, bulk, parsers, records, rights, school, tabular
from fivemgmt.actor import SUPERVISOR, SYSTEM, TEACHER, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.benchmark import copy_database, write_homework_csv
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied
from fivemgmt.records import Changes
from fivemgmt.session import open_db

BOOKKEEPING = {"id", "updated_at"}  # differ between two runs (random ids, the time of the write)


def _file(db, path, today: dt.date) -> None:
    """New rows (past days among them), and existing entries written back: every third changed."""
    write_homework_csv(db, path, 120, today - dt.timedelta(days=20))
    names = {c.id: c.name for c in school.list_classes(db)}
    existing = db.execute(
        f"SELECT date, class_id, subject, content, kind, required, minutes, teacher_name FROM {hw.ENTRIES}"
        " WHERE deleted = 0 ORDER BY rowid LIMIT 30"
    ).fetchall()
    with open(path, "a", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        for n, (day, class_id, subject, content, kind, required, minutes, teacher) in enumerate(existing):
            out.writerow(
                [
                    day,
                    names[class_id],
                    subject,
                    content or "",
                    kind,
                    "必做" if required else "选做",
                    minutes + (n % 3 == 0),
                    teacher or "",
                ]
            )


def _key(table: str, row: dict) -> tuple:
    if table == hw.ENTRIES:
        return (table, row["class_id"], row["date"], row["subject"], row["content"], row["kind"])
    return (table, row["class_id"], row["date"])


def _state(db, since: int) -> tuple[dict, list]:
    rows = {}
    for table in (hw.ENTRIES, hw.DAYS):
        for row in records.query_rows(db, f"SELECT * FROM {table}"):
            rows[_key(table, row)] = {k: v for k, v in row.items() if k not in BOOKKEEPING}
    entries = []
    for table, action, before, after, actor, reason in db.execute(
        f"SELECT table_name, action, before, after, actor, reason FROM {audit.AUDIT_TABLE} WHERE seq > ?",
        [since],
    ):
        before, after = (json.loads(t) if t else None for t in (before, after))
        plain = [
            None if s is None else {k: v for k, v in s.items() if k not in BOOKKEEPING}
            for s in (before, after)
        ]
        entries.append((_key(table, after), action, *map(repr, plain), actor, reason))
    return rows, sorted(entries)


def test_an_import_gives_what_saving_its_rows_one_at_a_time_gives(demo_db, demo_db_path, tmp_path, today):
    other = open_db(copy_database(demo_db_path, tmp_path / "one-at-a-time.sqlite"))
    path = tmp_path / "homework.csv"
    _file(demo_db, path, today)
    since = audit.head_seq(demo_db)[0]
    assert audit.head_seq(other)[0] == since
    # a no-homework day the file gives entries to is cleared, in both
    first = hw.preview_import(demo_db, path, today=today).rows[0]
    for db in (demo_db, other):
        with transaction(db):
            records.save(
                db,
                hw.DAYS,
                {"class_id": first["class_id"], "date": first["date"].isoformat(), "no_homework": 1},
                SYSTEM,
            )
    since += 1

    preview = hw.preview_import(demo_db, path, today=today)
    assert preview.ok and preview.needs_reason and preview.counts["changed"] == 10
    assert preview.counts["unchanged"] == 20 and preview.counts["new"] == 120
    batch = hw.commit_import(demo_db, SYSTEM, preview, reason="补录", today=today)

    again = hw.preview_import(other, path, today=today)
    assert again.counted == preview.counted and again.errors == preview.errors
    singly = Changes()
    for entry in [
        hw.Entry(
            row.get("id"),
            row["class_id"],
            row["date"],
            row["subject"],
            row.get("content") or "",
            row["kind"],
            row["required"],
            row["minutes"],
            row.get("teacher") or "",
        )
        for row in again.rows
    ]:
        singly.merge(
            hw.save_entries(other, SYSTEM, [entry], reason="补录", today=today, audit_reason="导入：补录")
        )

    assert _state(demo_db, since) == _state(other, since)
    assert batch.tables == singly.tables and batch.spots == singly.spots
    assert len(batch.ids) == len(set(batch.ids)) == len(set(singly.ids)) == 120 + 10 + 1
    assert audit_verify.verify(demo_db).ok and audit_verify.verify(other).ok
    # and a row changed behind the app's back is still found by its own entry
    demo_db.execute(f"UPDATE {hw.ENTRIES} SET minutes = minutes + 1 WHERE id = ?", [batch.ids[60]])
    assert batch.ids[60] in audit_verify.verify(demo_db).message


def _check_write_as_before(db, actor, table, before, row, students):
    """``rights.check_write`` as it was written row by row before the batch check: the oracle."""
    rule = rights.RULES.get(table)
    if rule is None:
        raise PermissionDenied(f"“{table}”没有登记写入权限，不能修改（软件缺陷，请报告）。")
    if rule.allow is not None and rule.allow(actor, before, row):
        return
    rights._refuse_read_only(actor)
    if not rule.by_class:
        actor.require_role(*rule.roles)
        return
    if actor.is_school_wide:
        return
    for candidate in (before, row):
        if candidate is None:
            continue
        class_id = candidate.get("class_id")
        if not class_id:
            actor.require_role(*rule.roles)
            continue
        rights._require_class(actor, class_id, rights._subjects(rule, candidate))
    student_id = row.get("student_id")
    if student_id and (before is None or before.get("student_id") != student_id):
        class_id = students(student_id)
        if class_id is None or not rights._may(actor, class_id, rights._subjects(rule, row)):
            raise PermissionDenied(f"账户“{actor.display_name}”无权修改其他班级学生的记录。")


def test_rights_asked_once_per_class_refuse_the_same_row_as_row_by_row(demo_db):
    a, b = (c.id for c in school.list_classes(demo_db)[:2])
    teacher = Actor("t", "王老师", TEACHER, {a: None, b: frozenset({"语文"})})
    rows = [
        {"class_id": a, "subject": "数学"},
        {"class_id": b, "subject": "语文"},
        {"class_id": a, "subject": "英语"},
        {"class_id": b, "subject": "语文"},
        {"class_id": b, "subject": "数学"},  # the first refused
        {"class_id": "elsewhere", "subject": "语文"},
    ]
    students = rights.student_classes(demo_db)
    for actor in (teacher, SYSTEM, Actor("s", "督学", SUPERVISOR)):
        for table in (hw.ENTRIES, hw.DAYS, "classes"):
            for moved in (False, True):
                pairs = [(({**row, "class_id": b} if moved else None), row) for row in rows]
                expected = None
                try:
                    for before, row in pairs:
                        _check_write_as_before(demo_db, actor, table, before, row, students)
                except PermissionDenied as error:
                    expected = str(error)
                if expected is None:
                    rights.check_writes(demo_db, actor, table, pairs, students)
                else:
                    with pytest.raises(PermissionDenied) as refused:
                        rights.check_writes(demo_db, actor, table, pairs, students)
                    assert str(refused.value) == expected
    with pytest.raises(PermissionDenied, match="数学"):
        rights.check_writes(demo_db, teacher, hw.ENTRIES, [(None, r) for r in rows], students)


def test_changes_in_bulk_equal_changes_one_by_one():
    rows = [
        {"class_id": "c1", "date": "2026-11-23"},
        {"class_id": "c1", "date": dt.date(2026, 11, 23)},
        {"class_id": None, "date": "2026-11-24"},
        {"class_id": "c2"},
        None,
    ]
    befores = [None, {"class_id": "c9", "date": "2026-01-01"}, None, None, None]
    one, bulk_changes = Changes(), Changes()
    for n, (before, row) in enumerate(zip(befores, rows)):
        one.add("t", f"id{n}", before, row)
    bulk_changes.add_many("t", [f"id{n}" for n in range(len(rows))], befores, rows)
    assert (one.tables, one.ids, one.spots) == (bulk_changes.tables, bulk_changes.ids, bulk_changes.spots)
    assert ("t", None, None) in bulk_changes.spots  # the record with no row at all


def test_the_collector_and_the_page_cache_are_as_they_were_after_a_batch(db):
    assert gc.isenabled()
    with pytest.raises(RuntimeError), bulk.gc_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk.gc_paused():
            pass
        assert not gc.isenabled()  # it was off: it stays off
    finally:
        gc.enable()
    size = db.conn.execute("PRAGMA cache_size").fetchone()[0]
    with bulk.page_cache(db.conn, 10):
        assert db.conn.execute("PRAGMA cache_size").fetchone()[0] == size  # a small write: left alone
    with bulk.page_cache(db.conn, 100_000):
        assert db.conn.execute("PRAGMA cache_size").fetchone()[0] == -bulk.BATCH_CACHE_KIB
    assert db.conn.execute("PRAGMA cache_size").fetchone()[0] == size


def test_cells_refused_in_row_order_and_column_order(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "日期,班级,学科,作业内容,作业类型,预计时长(分钟)\n"
        "2026-11-23,四年级(1)班,,作业,书面,abc\n"
        "=A1,四年级(1)班,语文,作业,书面课,20\n"
        "2026-11-23,四年级(1)班,语文,作业,书面,20\n"
        ",四年级(1)班,语文,作业,书面,700\n",
        encoding="utf-8",
    )
    columns = [c for c in hw.IMPORT_COLUMNS if c.key != "date"] + [
        tabular.Column("date", "日期", parse=parsers.date)
    ]
    result = tabular.preview(path, columns)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "学科"),
        (2, "预计时长(分钟)"),
        (3, "作业类型"),
        (3, "日期"),
        (5, "预计时长(分钟)"),
        (5, "日期"),
    ]
    assert "subject" in result.rows[0] and result.rows[0]["subject"] is None  # a required blank: None
    assert "minutes" not in result.rows[0]  # an unreadable cell: left out
    assert result.rows[2] == {
        "_row": 4,
        "class": "四年级(1)班",
        "subject": "语文",
        "content": "作业",
        "kind": "书面",
        "required": None,
        "minutes": 20,
        "teacher": None,
        "for_rest": None,
        "date": dt.date(2026, 11, 23),
    }


class _Blank:
    """A value whose text is empty: describe() keeps it as an empty part."""

    def __str__(self) -> str:
        return ""


def test_describe_rows_and_count_many_give_what_describe_and_count_give():
    day = dt.date(2026, 11, 23)
    rows = [
        {"_row": 2, "class": "四年级(1)班", "date": day, "subject": "语文", "content": "练习册P36"},
        {"_row": 3, "class": "四年级(1)班", "date": day, "subject": "", "content": None},
        {"_row": 4, "class": "四年级(2)班", "date": dt.datetime(2026, 11, 24, 8), "content": "长" * 60},
        {"class": 3, "date": "2026-11-25", "name": "张三", "title": True},  # no _row: 0
        {"_row": 6, "student_name": 1.5, "applied_on": day},
        {"_row": 7},
    ]
    expected = [tabular.describe(row) for row in rows]
    assert tabular.describe_rows(rows) == expected
    text_only = [{"_row": 2, "class": "四年级(1)班", "content": c} for c in ("", None, "作业", "长" * 45)]
    assert tabular.describe_rows(text_only) == [tabular.describe(row) for row in text_only]
    odd = [*rows, {"_row": 8, "name": _Blank(), "subject": "数学"}]
    assert tabular.describe_rows(odd) == [tabular.describe(row) for row in odd]
    assert tabular.describe_rows([]) == []

    keys = ["changed", "new", "moved", "new", "unchanged", "changed"]
    one_by_one, at_once = tabular.Preview(Path("x.csv")), tabular.Preview(Path("x.csv"))
    for preview in (one_by_one, at_once):
        preview.start_counting("new", "changed")
    for row, key in zip(rows, keys):
        one_by_one.count(row, key)
    at_once.count_many(rows, keys, tabular.describe_rows(rows))
    assert at_once.counted == one_by_one.counted
    assert list(at_once.counts.items()) == list(one_by_one.counts.items())


_LOG = (  # a title, a 序号 column, cells of every kind a text column can hold, short, blank and footer rows
    "作业登记\n"
    "序号,日期,班级,学科,作业内容,预计时长(分钟),布置教师\n"
    "1,2026-11-23,四年级(1)班, 语文 ,练习册,20,王老师\n"
    "2,2026-11-23,四年级(1)班,数学,=A1,20,\n"
    "3,2026-11-23,四年级(1)班,英语,=,20,  \n"
    "4,2026-11-23,四年级(1)班,科学,   ,20,李老师\n"
    f"5,2026-11-23,四年级(1)班,音乐,{'长' * 2001},20,王老师\n"
    "6,,,,,,\n"
    "7,2026-11-24,四年级(1)班,语文\n"
    ",2026-11-24,四年级(1)班,数学,口算,15,王老师\n"
    "合计,8,,,,,\n"
    "班主任（签字）：,,,,,,\n"
)
_REGISTER = (  # the date first, every row whole: every cell taken and read in bulk
    "日期,班级,学科,作业内容,预计时长(分钟),布置教师\n"
    "2026-11-23,四年级(1)班, 语文 ,练习册,20,王老师\n"
    "2026-11-23,四年级(1)班,数学,口算 ,20,王老师\n"
    "2026-11-24,四年级(2)班,英语,=,15,李老师\n"
)
_FOOTED = _REGISTER + ",,,,,\n  ,,,,,\n制表人：王老师,,,,,\n"


@pytest.mark.parametrize("text", [_LOG, _REGISTER, _FOOTED], ids=["log", "register", "footed"])
def test_the_preview_of_plain_text_cells_gives_what_reading_each_cell_gives(tmp_path, monkeypatch, text):
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    columns = [c for c in hw.IMPORT_COLUMNS if c.key != "date"] + [
        tabular.Column("date", "日期", parse=parsers.date)
    ]

    def result() -> tuple:
        found = tabular.preview(path, columns)
        return found.rows, found.errors, found.warnings, [list(row) for row in found.rows]

    fast = result()
    # the general reading: every cell read one by one, every row looked at for a footer or a blank
    monkeypatch.setattr(tabular, "_plain_texts", lambda cells: None)
    monkeypatch.setattr(
        tabular,
        "_data_rows",
        lambda body, first, places: [
            (number, raw, footer)
            for number, raw in enumerate(body, start=first)
            if (footer := tabular.is_footer(raw)) or tabular._fills_any(raw, places)
        ],
    )
    assert fast == result()
    rows, errors, warnings, _ = fast
    if text == _LOG:
        assert [(e.row, e.message) for e in errors] == [
            (4, "单元格是公式，请粘贴为数值后再导入"),
            (7, "内容过长"),
        ]
        assert [r["_row"] for r in rows] == [3, 4, 5, 6, 7, 9, 10]
        assert rows[0]["subject"] == "语文" and rows[2]["content"] == "=" and rows[3]["content"] is None
        assert len(warnings) == 2  # 合计, 签字
    else:
        assert not errors and [r["subject"] for r in rows] == ["语文", "数学", "英语"]
        assert rows[1]["content"] == "口算" and len(warnings) == (text == _FOOTED)


def test_the_values_of_a_batch_of_entries_are_each_entrys_values():
    from fivemgmt.areas.homework.records import Entry, _values_of

    days = [dt.date(2026, 11, 23), dt.date(2026, 11, 24), dt.date(2026, 11, 23)]
    entries = [
        Entry(None, "c1", days[0], "语文", "练习册", "书面", True, 20, "王老师"),
        Entry("e2", "c2", days[1], "数学", "", "口头", False, 0, "", for_rest=True),
        Entry(None, "c1", days[2], "英语", "读", "阅读", 1, 15.0, ""),
    ]
    assert list(_values_of(entries)) == [entry.values() for entry in entries]
    assert [list(v) for v in _values_of(entries)] == [list(entry.values()) for entry in entries]
    assert list(_values_of([])) == []
    # made as asked for: an entry that cannot give its values stops the batch where it stands
    broken = [*entries, Entry(None, "c1", "2026-11-23", "语文")]  # a date that is text
    values = _values_of(broken)
    assert [next(values) for _ in entries] == [entry.values() for entry in entries]
    with pytest.raises(AttributeError):
        next(values)


@pytest.mark.parametrize(
    "below", ["", ",,,\n  ,,\n", "合计,3,,\n班主任（签字）：,,,\n"], ids=["none", "blank", "footers"]
)
def test_a_file_of_a_header_and_no_data_row_is_refused(tmp_path, below):
    path = tmp_path / "empty.csv"
    path.write_text("日期,班级,学科,作业内容\n" + below, encoding="utf-8")
    result = tabular.preview(path, [c for c in hw.IMPORT_COLUMNS if c.key != "date"])
    assert [(e.row, e.message) for e in result.errors] == [(0, "文件只有表头，没有数据行")]
    assert result.rows == [] and result.warnings == []
