"""Child processes for the stress tests: ``python -m tests.stress.worker MODE DB ARGS…``.

Modes:
- ``hold-import DB FILE KIND``: import FILE (KIND = homework | xlsx | package), but after half of the rows
  are written inside the transaction print ``MID`` and wait to be killed;
- ``import DB FILE KIND``: the same import, to the end;
- ``writer DB NAME N``: N separate homework writes (one transaction each);
- ``fill DB``: with RLIMIT_FSIZE set, write homework until the disk is "full"; prints the error message;
- ``hold-migrate DB``: open an older school the way every command does (session.open_school), but print
  ``MID`` inside the migration that adds the reading tables and wait to be killed.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.session import open_db

TODAY = dt.date(2026, 11, 25)


def _pause_halfway(total: int) -> None:
    """Print MID and wait once half of the audit entries are being written (inside the transaction).

    Saves write their audit entries through audit.append_many (one call for a whole batch of rows)."""
    from fivemgmt import audit

    real_append_many = audit.append_many
    state = {"n": 0, "paused": False}

    def append_many(db, changes):
        state["n"] += len(changes)
        if state["n"] >= total // 2 and not state["paused"]:
            state["paused"] = True
            print("MID", flush=True)
            time.sleep(120)
        return real_append_many(db, changes)

    audit.append_many = append_many


def run_import(db_path: str, path: str, kind: str, hold: bool) -> None:
    db = open_db(db_path)
    if kind == "homework":
        from fivemgmt.areas import homework as hw

        preview = hw.preview_import(db, path)
        if hold:
            _pause_halfway(len(preview.rows))
        hw.commit_import(db, LOCAL_ADMIN, preview, reason="补登")
    elif kind == "xlsx":
        from fivemgmt.exchange import xlsx

        preview = xlsx.preview_registers(db, LOCAL_ADMIN, path)
        if hold:
            _pause_halfway(len(preview.rows))
        xlsx.commit_registers(db, LOCAL_ADMIN, preview)
    else:
        from fivemgmt.exchange import merge

        preview = merge.preview_import(db, LOCAL_ADMIN, [path])
        if hold:
            _pause_halfway(preview.writes)
        merge.commit_import(db, LOCAL_ADMIN, preview, backup=False)
    print("DONE", flush=True)


def run_writer(db_path: str, name: str, count: int) -> None:
    from fivemgmt.areas import homework as hw

    db = open_db(db_path)
    class_id = db.execute("SELECT id FROM classes ORDER BY grade LIMIT 1").fetchone()[0]
    for number in range(count):
        entry = hw.Entry(None, class_id, TODAY, "语文", f"{name}-{number}", "书面", True, 10)
        hw.save_entry(db, LOCAL_ADMIN, entry, today=TODAY)
    print("DONE", flush=True)


def run_fill(db_path: str, limit: int) -> None:
    import resource
    import signal

    from fivemgmt.areas import homework as hw
    from fivemgmt.errors import UserError

    db = open_db(db_path)
    class_id = db.execute("SELECT id FROM classes ORDER BY grade LIMIT 1").fetchone()[0]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a full disk: writes fail instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    saved = 0
    try:
        for number in range(1_000_000):
            entry = hw.Entry(
                None, class_id, TODAY, "语文", "很长的作业内容" * 200 + str(number), "书面", True, 10
            )
            hw.save_entry(db, LOCAL_ADMIN, entry, today=TODAY)
            saved += 1
    except UserError as error:
        print(f"SAVED {saved}", flush=True)
        print(f"ERROR {error}", flush=True)
        return
    print("NO-ERROR", flush=True)


def run_hold_migrate(db_path: str) -> None:
    import dataclasses

    from fivemgmt import migrations, session

    def hold(db):
        print("MID", flush=True)
        time.sleep(120)

    at = next(i for i, step in enumerate(migrations.STEPS) if step.name == "0005_reading")
    migrations.STEPS[at] = dataclasses.replace(migrations.STEPS[at], data=hold)  # after its tables
    session.open_school(db_path, lambda db: LOCAL_ADMIN)
    print("DONE", flush=True)


if __name__ == "__main__":
    mode, db_path, *rest = sys.argv[1:]
    if mode in ("hold-import", "import"):
        run_import(db_path, rest[0], rest[1], hold=mode == "hold-import")
    elif mode == "writer":
        run_writer(db_path, rest[0], int(rest[1]))
    elif mode == "fill":
        run_fill(db_path, int(rest[0]))
    elif mode == "hold-migrate":
        run_hold_migrate(db_path)
