"""Numbered schema migrations (sqlite-utils' Migrations), recorded in the database.

Never edit a migration that has shipped: add the next number. Each migration runs in a transaction with
the record of it having run, so an interrupted upgrade leaves the previous schema intact.
"""

from __future__ import annotations

import secrets

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from fivemgmt import audit, calendar, rules, school
from fivemgmt.areas import area_module
from fivemgmt.errors import DatabaseError
from fivemgmt.records import new_id

MIGRATIONS = Migrations("fivemgmt")


@MIGRATIONS(name="0001_core")
def m0001_core(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["meta"].insert_all(
        [
            {"key": "app", "value": "fivemgmt"},
            {"key": "installation_id", "value": new_id()},
            {"key": "school_key", "value": secrets.token_hex(16)},
        ]
    )
    audit.create_schema(db)
    rules.create_schema(db)
    school.create_schema(db)
    calendar.create_schema(db)


@MIGRATIONS(name="0002_homework")
def m0002_homework(db: Database) -> None:
    area_module("homework").create_schema(db)


@MIGRATIONS(name="0003_sleep")
def m0003_sleep(db: Database) -> None:
    area_module("sleep").create_schema(db)


@MIGRATIONS(name="0004_phone")
def m0004_phone(db: Database) -> None:
    area_module("phone").create_schema(db)


@MIGRATIONS(name="0005_reading")
def m0005_reading(db: Database) -> None:
    area_module("reading").create_schema(db)


@MIGRATIONS(name="0006_activity")
def m0006_activity(db: Database) -> None:
    area_module("activity").create_schema(db)


@MIGRATIONS(name="0007_afterschool")
def m0007_afterschool(db: Database) -> None:
    area_module("afterschool").create_schema(db)


@MIGRATIONS(name="0008_fitness")
def m0008_fitness(db: Database) -> None:
    from fivemgmt.fitness import store

    store.create_schema(db)


@MIGRATIONS(name="0009_accounts_exchange")
def m0009_accounts_exchange(db: Database) -> None:
    from fivemgmt import users
    from fivemgmt.exchange import schema

    users.create_schema(db)
    schema.create_schema(db)


@MIGRATIONS(name="0010_findings")
def m0010_findings(db: Database) -> None:
    from fivemgmt.reports import findings

    findings.create_schema(db)


@MIGRATIONS(name="0011_student_seat_no")
def m0011_student_seat_no(db: Database) -> None:
    """学号 (the seat number in a class, 1…N) gets its own column; student_no is only the 学籍号.

    Older rosters put a seat number into student_no (the 学号 header was read as 学籍号). Those values —
    1 to 3 digits, which no 学籍号 is — move to seat_no (:func:`school.seat_from_old_number`), so they no
    longer match students across classes; every other value stays the 学籍号. The row's updated_at is
    kept: every installation upgrades alike.
    """
    db["students"].add_column("seat_no", int)
    for row in db.query("SELECT id, student_no FROM students WHERE student_no IS NOT NULL"):
        school.seat_from_old_number(row)
        if row.get("seat_no") is not None:
            db.execute(
                "UPDATE students SET seat_no = ?, student_no = NULL WHERE id = ?", [row["seat_no"], row["id"]]
            )
    db["students"].create_index(["class_id", "seat_no"])


@MIGRATIONS(name="0012_makeup_weekday")
def m0012_makeup_weekday(db: Database) -> None:
    # Which weekday's timetable a 调休 make-up day follows (PE lessons, 大课间, 课后服务).
    db["calendar_days"].add_column("follows_weekday", int)


@MIGRATIONS(name="0013_fitness_item_exempt")
def m0013_fitness_item_exempt(db: Database) -> None:
    # One item typed as 免测 exempts only that item (the whole student stays 身高 = 免体 / the 免测 button).
    db["fitness_results"].add_column("exempt_items", str)


@MIGRATIONS(name="0014_sleep_parent_notices")
def m0014_sleep_parent_notices(db: Database) -> None:
    # C13 告知并督促家长保证学生按时就寝 is answered from a recorded notice, not from sleep samples.
    area_module("sleep").create_notice_schema(db)


@MIGRATIONS(name="0015_fitness_template_identity")
def m0015_fitness_template_identity(db: Database) -> None:
    from fivemgmt.fitness import store

    store.add_template_identity(db)


@MIGRATIONS(name="0016_homework_for_rest")
def m0016_homework_for_rest(db: Database) -> None:
    # 周末/假期作业: an entry set on a school day for the following rest period. Existing entries: 0.
    db[area_module("homework").ENTRIES].add_column("for_rest", int, not_null_default=0)


@MIGRATIONS(name="0017_override_effective_dates")
def m0017_override_effective_dates(db: Database) -> None:
    # An override applies from a date on. Overrides made before this version had none and so rewrote
    # every past week; they now start on the day they were created (their first audit entry, else
    # updated_at), in China Standard Time, so weeks before that are judged as they were then.
    rules.date_undated_overrides(db)


@MIGRATIONS(name="0018_calendar_source_fitness_tables_vision")
def m0018_calendar_source_fitness_tables_vision(db: Database) -> None:
    # Where a calendar entry comes from (the State Council's notice via chinesecalendar, or the school);
    # fitness scoring tables the admin loaded from a file (初中/高中), with source and checksum;
    # per-student vision screening results (左/右眼裸眼视力).
    from fivemgmt.fitness import loaded, vision

    db["calendar_days"].add_column("source", str)
    loaded.create_schema(db)
    vision.create_schema(db)


@MIGRATIONS(name="0019_phone_followups_timetable")
def m0019_phone_followups_timetable(db: Database) -> None:
    # An escalated student's 家长沟通 records and its 结案 (issue 16 item 7); each class's 课表, from which
    # the homework register lists the day's subjects (issue 16 item 3).
    from fivemgmt import timetable

    area_module("phone").create_followup_schema(db)
    timetable.create_schema(db)


@MIGRATIONS(name="0020_keyed_audit_chain")
def m0020_keyed_audit_chain(db: Database) -> None:
    """The audit chain is signed with this computer's audit key from now on (:mod:`fivemgmt.chainkey`).

    The key entry signs the head of the entries before it (plain SHA-256, as older versions made them),
    so they stay verifiable and can no longer be rewritten. Every account is re-anchored with a signed
    entry of its state now, and the tables outside the record layout (``meta``, the password hashes, the
    exchange bookkeeping, the migrations) get their first seal when this upgrade commits
    (:func:`audit.seal_changes`), each said in its audit entry.
    """
    audit.append_many(db, [])  # the key entry
    if "accounts" in db.table_names():
        rows = list(db.query("SELECT * FROM accounts ORDER BY rowid"))
        audit.append_many(
            db,
            [
                (
                    "accounts",
                    row["id"],
                    "anchor",
                    None,
                    row,
                    audit.SYSTEM_ACTOR,
                    "升级到带密钥的审计链：以升级时的账户为准",
                )
                for row in rows
            ],
        )


@MIGRATIONS(name="0021_class_years")
def m0021_class_years(db: Database) -> None:
    # A class is a lasting entity: its grade and name per school year (学年升级), students' dated moves.
    # No rows are written: a class never rolled over is the same in every year, as before.
    from fivemgmt import years

    years.create_schema(db)


@MIGRATIONS(name="0022_exchange_trust")
def m0022_exchange_trust(db: Database) -> None:
    # Per-installation signing keys (issue 11): the senders this installation trusts, the one-time
    # registration codes it gave out in set-up packages, and the audit heads of the packages it sent.
    from fivemgmt.exchange import trust

    trust.create_schema(db)


def schema_version(db: Database) -> int:
    applied = MIGRATIONS.applied(db)
    return int(applied[-1].name.split("_")[0]) if applied else 0


def latest_version() -> int:
    return int(MIGRATIONS._migrations[-1].name.split("_")[0])


def check_is_fivemgmt(db: Database) -> None:
    """Refuse to write into a database that some other program made."""
    names = set(db.table_names())
    if not names:
        return
    if "meta" not in names:
        raise DatabaseError("该文件不是五项管理台账的数据库，未打开（为避免损坏其中数据）。")
    row = db.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
    if not row or row[0] != "fivemgmt":
        raise DatabaseError("该文件不是五项管理台账的数据库，未打开（为避免损坏其中数据）。")
    if schema_version(db) > latest_version():
        raise DatabaseError("该数据库由更新版本的软件创建，请升级本软件后再打开。")


def pending(db: Database) -> list[str]:
    return [m.name for m in MIGRATIONS.pending(db)]


def upgrade(db: Database) -> list[str]:
    """Apply pending migrations; returns their names (the caller backs up first when there are any)."""
    if not pending(db):
        return []
    from fivemgmt.db import transaction

    # Hold the write lock for the whole upgrade so a second copy starting at the same time waits, then
    # finds nothing left to do.
    with transaction(db):
        names = pending(db)
        MIGRATIONS.apply(db)
    return names
