"""The batch write path (imports, package merges) made faster gives exactly what it gave before: the audit
entries' hashes, a row's stored form, the record ids' format. Each is compared with the previous code,
kept here as the reference."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import time
import uuid

from fivemgmt import audit, audit_verify, records, rowcheck
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.benchmark import write_homework_csv
from fivemgmt.db import transaction

TRICKY = ["", "语文", 'say "hi"\\', "tab\tline\nend\r", "\x00\x1f\x7f", "😀 ē", "\u2028\u2029", "/</script>"]


def _old_hashes(prev: str, at: str, key: bytes, changes: list[audit.Change]) -> list[str]:
    """append_many's chain before the payload was built from each string's JSON text."""
    encode = audit._ENCODER.encode
    signer = hmac.new(key, digestmod=hashlib.sha256)
    hashes = []
    for table, record_id, action, before, after, actor, reason in changes:
        before_text = encode(before) if before is not None else None
        after_text = encode(after) if after is not None else None
        mac = signer.copy()
        mac.update(
            encode([prev, at, actor, table, record_id, action, before_text, after_text, reason]).encode(
                "utf-8"
            )
        )
        prev = mac.hexdigest()
        hashes.append(prev)
    return hashes


def test_append_many_hashes_as_before_and_verifies(demo_db):
    changes: list[audit.Change] = []
    for i, text in enumerate(TRICKY * 3):
        before = None if i % 3 == 0 else {"id": f"x{i}", "content": text, "minutes": i, "n": None}
        after = None if i % 5 == 4 else {"id": f"x{i}", "content": text + text, "required": True, "v": 1.5}
        reason = None if i % 4 == 0 else f"导入：{text}"
        changes.append(("homework_entries", f"id-{text}-{i}", "update", before, after, f"老师{text}", reason))
    with transaction(demo_db):
        prev = audit.head(demo_db)
        _, key = audit.current_key(demo_db)
        assert key is not None  # the demo's chain is keyed by this computer's key
        audit.append_many(demo_db, changes)
        rows = demo_db.execute(
            f"SELECT at, hash FROM {audit.AUDIT_TABLE} ORDER BY seq DESC LIMIT {len(changes)}"
        ).fetchall()[::-1]
    assert [r[1] for r in rows] == _old_hashes(prev, rows[0][0], key, changes)


def test_an_import_is_proven_row_by_row(demo_db, tmp_path, today):
    path = tmp_path / "homework.csv"
    write_homework_csv(demo_db, path, 300, today)
    preview = hw.preview_import(demo_db, path, today=today)
    preview.require_ok()
    hw.commit_import(demo_db, SYSTEM, preview, reason="测试导入", today=today)
    assert audit_verify.verify(demo_db).ok
    # a changed row is still found, by its own entry
    (record_id,) = demo_db.execute(
        f"SELECT id FROM {hw.ENTRIES} ORDER BY rowid DESC LIMIT 1 OFFSET 150"
    ).fetchone()
    demo_db.execute(f"UPDATE {hw.ENTRIES} SET minutes = minutes + 1 WHERE id = ?", [record_id])
    result = audit_verify.verify(demo_db)
    assert not result.ok and record_id in result.message


def _old_as_stored(info: records.TableInfo, row: dict) -> dict | None:
    """TableInfo.as_stored before the types of a batch's rows were checked once per shape."""
    for column, value in row.items():
        kind = info.affinity.get(column)
        if kind is None or not (
            value is None or type(value) in records._KEPT.get(kind, ()) or records._kept_as_is(kind, value)
        ):
            return None
    if len(row) == len(info.affinity):
        return {column: row[column] for column in info.affinity}
    stored = {}
    for column in info.affinity:
        if column in row:
            stored[column] = row[column]
        elif column in info.defaults:
            stored[column] = info.defaults[column]
        else:
            return None
    return stored


def _typed(row: dict | None) -> list | None:
    """A stored form's columns and values with their types (1, 1.0 and True differ); its order is not
    kept (it is audited as sorted JSON)."""
    return None if row is None else sorted((k, type(v).__name__, repr(v)) for k, v in row.items())


def test_as_stored_as_before_on_the_demo_school(demo_db):
    odd_values = [None, True, 2, 2.0, -0.0, math.nan, 1.25, "3", "", b"\x00", "文本"]
    checked = 0
    for table in audit.record_tables(demo_db):
        info = records._table_info(demo_db, table)
        rows = records.query_rows(demo_db, f"SELECT * FROM [{table}] LIMIT 40")
        for n, row in enumerate(rows):
            variants = [row, {k: v for k, v in row.items() if k != "deleted"}, {**row, "no_such": 1}]
            for column in list(row)[1:]:
                variants.append({**row, column: odd_values[n % len(odd_values)]})
            for variant in variants:
                assert _typed(info.as_stored(variant)) == _typed(_old_as_stored(info, variant))
                checked += 1
    assert checked > 1000


def test_a_real_columns_float_is_taken_as_is_except_the_two_sqlite_changes(demo_db):
    """A row shape with a float in a REAL column is known once; -0.0 and NaN in it still ask SQLite
    (it stores 0.0 and NULL), whichever row of the batch they come in."""
    table, column = next(
        (t, c)
        for t in audit.record_tables(demo_db)
        for c, kind in records._table_info(demo_db, t).affinity.items()
        if kind == "REAL"
    )
    info = records._table_info(demo_db, table)
    row = records.query_rows(demo_db, f"SELECT * FROM [{table}] LIMIT 1")[0]
    for value in (1.25, -0.0, math.nan, 3.5, math.nan, 0.0):
        stored = info.as_stored({**row, column: value})
        if value != value or (value == 0 and math.copysign(1, value) < 0):
            assert stored is None
        else:
            assert stored is not None and stored[column] == value


def test_new_ids_are_time_ordered_uuid7_hex():
    before_ms = time.time_ns() // 1_000_000
    ids = records.new_ids(5000)
    single = records.new_id()
    after_ms = time.time_ns() // 1_000_000
    assert len(set(ids)) == 5000 and records.new_ids(0) == []
    # a batch's ids sort in the order they were given out (so do its rows in the id index)
    assert ids == sorted(ids)
    for made in [*ids, single]:
        parsed = uuid.UUID(hex=made)
        assert parsed.hex == made and parsed.version == 7 and parsed.variant == uuid.RFC_4122
        assert before_ms <= parsed.int >> 80 <= after_ms  # the time they were made, in milliseconds
    # two batches made in the same millisecond do not share ids
    assert not set(records.new_ids(1000)) & set(records.new_ids(1000))


def test_changes_add_notes_the_same_spots_as_before():
    def old_add(changes: records.Changes, table: str, record_id: str, *rows: dict | None) -> None:
        changes.tables.add(table)
        changes.ids.append(record_id)
        known = [row for row in rows if row is not None]
        for row in known or [{}]:
            changes.spots.add((table, records._text(row.get("class_id")), records._text(row.get("date"))))

    samples = [(), (None,), (None, None), ({},), ({"class_id": "c", "date": "2026-11-02"}, None)]
    samples += [(None, {"date": dt.date(2026, 11, 3)}), ({"class_id": 7}, {"class_id": "d", "date": None})]
    for rows in samples:
        new, old = records.Changes(), records.Changes()
        new.add("t", "r", *rows)
        old_add(old, "t", "r", *rows)
        assert (new.tables, new.ids, new.spots) == (old.tables, old.ids, old.spots)


def _old_cell_problem(kinds: dict[str, str], row: dict) -> str | None:
    """check_row's cell checks before the check of each column was decided once."""
    for column, value in row.items():
        if value is None:
            continue
        kind = kinds.get(column, "")
        if rowcheck.is_date_column(column):
            if not isinstance(value, str) or not rowcheck.ISO_DATE.match(value):
                return f"日期“{value}”不是有效的日期（应为 YYYY-MM-DD）。"
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return f"日期“{value}”不存在。"
        elif column in rowcheck.TIMESTAMPS:
            try:
                dt.datetime.fromisoformat(str(value))
            except ValueError:
                return f"修改时间“{value}”不是有效的时间。"
        elif kind.startswith("INT") and (not isinstance(value, int) or isinstance(value, bool)):
            return f"“{column}”应为整数，而不是“{str(value)[:20]}”。"
        elif kind in ("FLOAT", "REAL") and not isinstance(value, (int, float)):
            return f"“{column}”应为数字，而不是“{str(value)[:20]}”。"
    return None


def test_check_row_cells_as_before_on_the_demo_school(demo_db):
    odd_values = [True, 2, 2.5, "x", "2026-02-30", "2026-11-02", "2026-11-02T08:00:00", "", -1]
    checked = 0
    for table in audit.record_tables(demo_db):
        kinds = records.declared_types(demo_db, table)
        for n, row in enumerate(records.query_rows(demo_db, f"SELECT * FROM [{table}] LIMIT 30")):
            for column in row:
                variant = {**row, column: odd_values[(n + checked) % len(odd_values)]}
                old = _old_cell_problem(kinds, variant)
                new = rowcheck.check_row(demo_db, table, variant, kinds)
                # the cell checks come first: where they find nothing, the rest of check_row is unchanged
                assert new == old or old is None
                checked += 1
    assert checked > 1000
