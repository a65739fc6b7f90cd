"""Numbered schema migrations, frozen: each step carries its DDL as the literal SQL it ran when it shipped.

Never edit a step that has shipped: add the next number. A step never calls a schema owner's live code
for its tables (an area's columns today are not the columns it had then), so a school upgraded from any
earlier version ends with the same schema as a new one (tests/core/test_migrations.py checks it against
the schemas earlier versions really created, tests/data/schemas/). Each step runs in its own
transaction together with the record of it having run: an interrupted upgrade keeps every step that
finished and the schema of the last one. The steps that move data (0011, 0017, 0020) do it through the
app's write path.

The steps are recorded in sqlite-utils' ``_sqlite_migrations`` table (migration set ``fivemgmt``), as
every earlier version recorded them.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from fivemgmt import audit, clock, rules
from fivemgmt.db import has_table, transaction
from fivemgmt.errors import DatabaseError
from fivemgmt.records import new_id

MIGRATION_SET = "fivemgmt"
MIGRATIONS_TABLE = "_sqlite_migrations"


@dataclass(frozen=True)
class Step:
    name: str
    ddl: Sequence[str]
    data: Callable[[Database], None] | None = None  # what the step does to the rows, after its DDL


STEPS: list[Step] = []


def step(name: str, ddl: Sequence[str], data: Callable[[Database], None] | None = None) -> None:
    STEPS.append(Step(name, tuple(ddl), data))


BOOKKEEPING = (  # the table of steps run, as sqlite-utils' Migrations creates it
    """CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
)""",
    """CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name")""",
)


def _core_rows(db: Database) -> None:
    db.execute("INSERT INTO meta (key, value) VALUES ('app', 'fivemgmt')")
    db.execute("INSERT INTO meta (key, value) VALUES ('installation_id', ?)", [new_id()])
    db.execute("INSERT INTO meta (key, value) VALUES ('school_key', ?)", [secrets.token_hex(16)])


step(
    "0001_core",
    (  # meta, the audit chain, rule overrides, the school and its people, the calendar
        """CREATE TABLE "meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
)""",
        """CREATE TABLE "audit_log" (
   "seq" INTEGER PRIMARY KEY,
   "at" TEXT NOT NULL,
   "actor" TEXT NOT NULL,
   "table_name" TEXT NOT NULL,
   "record_id" TEXT NOT NULL,
   "action" TEXT NOT NULL,
   "before" TEXT,
   "after" TEXT,
   "reason" TEXT,
   "prev_hash" TEXT NOT NULL,
   "hash" TEXT NOT NULL
)""",
        """CREATE INDEX "idx_audit_log_table_name_record_id"
    ON "audit_log" ("table_name", "record_id")""",
        """CREATE TABLE "rule_overrides" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "rule_id" TEXT NOT NULL,
   "grade_from" INTEGER,
   "grade_to" INTEGER,
   "value" TEXT NOT NULL,
   "effective_from" TEXT,
   "effective_to" TEXT,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_rule_overrides_rule_id"
    ON "rule_overrides" ("rule_id")""",
        """CREATE TABLE "school" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "name" TEXT NOT NULL,
   "stage" TEXT NOT NULL,
   "address" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE TABLE "settings" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "value" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE TABLE "classes" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "grade" INTEGER NOT NULL,
   "number" INTEGER NOT NULL,
   "name" TEXT NOT NULL,
   "head_teacher_id" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_classes_grade_number"
    ON "classes" ("grade", "number")""",
        """CREATE TABLE "subjects" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "name" TEXT NOT NULL,
   "sort_order" INTEGER,
   "grades_from" INTEGER,
   "grades_to" INTEGER,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE TABLE "teachers" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "name" TEXT NOT NULL,
   "phone" TEXT,
   "username" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE TABLE "teaching" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "teacher_id" TEXT NOT NULL,
   "class_id" TEXT NOT NULL,
   "subject" TEXT NOT NULL,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_teaching_class_id"
    ON "teaching" ("class_id")""",
        """CREATE INDEX "idx_teaching_teacher_id"
    ON "teaching" ("teacher_id")""",
        """CREATE TABLE "students" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "name" TEXT NOT NULL,
   "student_no" TEXT,
   "sex" TEXT,
   "birth_date" TEXT,
   "ethnicity" TEXT,
   "address" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_students_class_id"
    ON "students" ("class_id")""",
        """CREATE INDEX "idx_students_student_no"
    ON "students" ("student_no")""",
        """CREATE TABLE "terms" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "school_year" TEXT NOT NULL,
   "name" TEXT NOT NULL,
   "start_date" TEXT NOT NULL,
   "end_date" TEXT NOT NULL,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_terms_start_date"
    ON "terms" ("start_date")""",
        """CREATE TABLE "calendar_days" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "date" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "name" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_calendar_days_date"
    ON "calendar_days" ("date")""",
    ),
    _core_rows,
)

step(
    "0002_homework",
    (
        """CREATE TABLE "homework_entries" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "subject" TEXT NOT NULL,
   "content" TEXT,
   "kind" TEXT NOT NULL,
   "required" INTEGER DEFAULT 1,
   "minutes" INTEGER NOT NULL,
   "teacher_id" TEXT,
   "teacher_name" TEXT,
   "adjust_reason" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_homework_entries_class_id_date"
    ON "homework_entries" ("class_id", "date")""",
        """CREATE INDEX "idx_homework_entries_date"
    ON "homework_entries" ("date")""",
        """CREATE TABLE "homework_days" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "no_homework" INTEGER,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_homework_days_class_id_date"
    ON "homework_days" ("class_id", "date")""",
        """CREATE INDEX "idx_homework_days_date"
    ON "homework_days" ("date")""",
    ),
)

step(
    "0003_sleep",
    (
        """CREATE TABLE "sleep_records" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "student_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "bedtime" TEXT,
   "wake_time" TEXT,
   "sleep_minutes" INTEGER,
   "bedtime_ok" INTEGER,
   "hours_ok" INTEGER,
   "source" TEXT NOT NULL,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_sleep_records_class_id_date"
    ON "sleep_records" ("class_id", "date")""",
        """CREATE INDEX "idx_sleep_records_student_id_date"
    ON "sleep_records" ("student_id", "date")""",
        """CREATE INDEX "idx_sleep_records_date"
    ON "sleep_records" ("date")""",
        """CREATE TABLE "sleep_schedule" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "term_id" TEXT NOT NULL,
   "stage" TEXT NOT NULL,
   "first_class" TEXT,
   "early_arrival" INTEGER,
   "early_arrival_note" TEXT,
   "midday_rest_minutes" INTEGER,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_sleep_schedule_term_id"
    ON "sleep_schedule" ("term_id")""",
        """CREATE TABLE "sleep_import_mappings" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "signature" TEXT NOT NULL,
   "headers" TEXT,
   "mapping" TEXT NOT NULL,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_sleep_import_mappings_signature"
    ON "sleep_import_mappings" ("signature")""",
    ),
)

step(
    "0004_phone",
    (
        """CREATE TABLE "phone_applications" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "student_id" TEXT NOT NULL,
   "reason" TEXT,
   "parent_name" TEXT,
   "applied_on" TEXT NOT NULL,
   "decision" TEXT NOT NULL,
   "decided_by" TEXT,
   "decided_on" TEXT,
   "valid_until" TEXT,
   "attachment_sha" TEXT,
   "attachment_name" TEXT,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_phone_applications_class_id"
    ON "phone_applications" ("class_id")""",
        """CREATE INDEX "idx_phone_applications_student_id"
    ON "phone_applications" ("student_id")""",
        """CREATE TABLE "phone_attachments" (
   "sha256" TEXT PRIMARY KEY,
   "name" TEXT,
   "size" INTEGER,
   "data" BLOB NOT NULL,
   "added_at" TEXT
)""",
        """CREATE TABLE "phone_custody" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "student_id" TEXT NOT NULL,
   "status" TEXT NOT NULL,
   "returned" INTEGER,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_phone_custody_class_id_date"
    ON "phone_custody" ("class_id", "date")""",
        """CREATE INDEX "idx_phone_custody_student_id_date"
    ON "phone_custody" ("student_id", "date")""",
        """CREATE TABLE "phone_custody_days" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "received_by" TEXT,
   "returned_by" TEXT,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_phone_custody_days_class_id_date"
    ON "phone_custody_days" ("class_id", "date")""",
        """CREATE INDEX "idx_phone_custody_days_date"
    ON "phone_custody_days" ("date")""",
        """CREATE TABLE "phone_policy" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "term_id" TEXT NOT NULL,
   "application_system" INTEGER,
   "classroom_ban" INTEGER,
   "storage_device" TEXT,
   "public_phone" TEXT,
   "hotline" TEXT,
   "no_phone_homework" INTEGER,
   "guidance" TEXT,
   "parents_informed_on" TEXT,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_phone_policy_term_id"
    ON "phone_policy" ("term_id")""",
        """CREATE TABLE "phone_custodians" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "term_id" TEXT NOT NULL,
   "class_id" TEXT NOT NULL,
   "name" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_phone_custodians_term_id_class_id"
    ON "phone_custodians" ("term_id", "class_id")""",
    ),
)

step(
    "0005_reading",
    (
        """CREATE TABLE "reading_books" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "title" TEXT NOT NULL,
   "author" TEXT,
   "publisher" TEXT,
   "isbn" TEXT,
   "edition" TEXT,
   "source" TEXT NOT NULL,
   "location" TEXT NOT NULL,
   "class_id" TEXT,
   "copies" INTEGER DEFAULT 1,
   "added_date" TEXT,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_reading_books_class_id"
    ON "reading_books" ("class_id")""",
        """CREATE INDEX "idx_reading_books_isbn"
    ON "reading_books" ("isbn")""",
        """CREATE TABLE "reading_steps" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "book_id" TEXT NOT NULL,
   "step" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "person" TEXT NOT NULL,
   "note" TEXT,
   "negative" TEXT,
   "grade_from" INTEGER,
   "grade_to" INTEGER,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_reading_steps_book_id"
    ON "reading_steps" ("book_id")""",
        """CREATE TABLE "reading_dispositions" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "book_id" TEXT NOT NULL,
   "action" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "person" TEXT NOT NULL,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_reading_dispositions_book_id"
    ON "reading_dispositions" ("book_id")""",
        """CREATE TABLE "reading_list" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "school_year" TEXT NOT NULL,
   "grade" INTEGER NOT NULL,
   "book_id" TEXT NOT NULL,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_reading_list_school_year_grade"
    ON "reading_list" ("school_year", "grade")""",
        """CREATE INDEX "idx_reading_list_book_id"
    ON "reading_list" ("book_id")""",
    ),
)

step(
    "0006_activity",
    (
        """CREATE TABLE "activity_days" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "pe_planned" INTEGER DEFAULT 0,
   "pe_held" INTEGER DEFAULT 0,
   "pe_taken_over" INTEGER DEFAULT 0,
   "taken_over_by" TEXT,
   "break_minutes" INTEGER,
   "activity_minutes" INTEGER,
   "eye_exercises" INTEGER,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_activity_days_class_id_date"
    ON "activity_days" ("class_id", "date")""",
        """CREATE INDEX "idx_activity_days_date"
    ON "activity_days" ("date")""",
        """CREATE TABLE "pe_timetable" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "weekday" INTEGER NOT NULL,
   "lessons" INTEGER NOT NULL,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_pe_timetable_class_id"
    ON "pe_timetable" ("class_id")""",
        """CREATE TABLE "vision_screenings" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "screened" INTEGER,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_vision_screenings_class_id_date"
    ON "vision_screenings" ("class_id", "date")""",
    ),
)

step(
    "0007_afterschool",
    (
        """CREATE TABLE "afterschool_days" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "held" INTEGER NOT NULL DEFAULT 1,
   "minutes" INTEGER,
   "end_time" TEXT,
   "participants" INTEGER,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_afterschool_days_class_id_date"
    ON "afterschool_days" ("class_id", "date")""",
        """CREATE INDEX "idx_afterschool_days_date"
    ON "afterschool_days" ("date")""",
    ),
)

step(
    "0008_fitness",
    (
        """CREATE TABLE "fitness_results" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "student_id" TEXT NOT NULL,
   "class_id" TEXT NOT NULL,
   "school_year" TEXT NOT NULL,
   "grade" INTEGER NOT NULL,
   "test_date" TEXT,
   "exempt" INTEGER DEFAULT 0,
   "exempt_reason" TEXT,
   "height" REAL,
   "weight" REAL,
   "lung" REAL,
   "run50m" REAL,
   "long_jump" REAL,
   "sit_reach" REAL,
   "shuttle50x8" REAL,
   "rope1min" REAL,
   "run800m" REAL,
   "run1000m" REAL,
   "situp1min" REAL,
   "pullup" REAL,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_fitness_results_class_id_school_year"
    ON "fitness_results" ("class_id", "school_year")""",
        """CREATE INDEX "idx_fitness_results_student_id_school_year"
    ON "fitness_results" ("student_id", "school_year")""",
        """CREATE INDEX "idx_fitness_results_school_year"
    ON "fitness_results" ("school_year")""",
    ),
)

step(
    "0009_accounts_exchange",
    (
        """CREATE TABLE "accounts" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "username" TEXT NOT NULL,
   "display_name" TEXT,
   "role" TEXT NOT NULL,
   "teacher_id" TEXT,
   "active" INTEGER DEFAULT 1,
   "password_changed_at" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_accounts_username"
    ON "accounts" ("username")""",
        """CREATE TABLE "account_secrets" (
   "username" TEXT PRIMARY KEY,
   "salt" TEXT,
   "hash" TEXT,
   "n" INTEGER,
   "r" INTEGER,
   "p" INTEGER,
   "failures" INTEGER DEFAULT 0,
   "locked_until" TEXT,
   "last_login" TEXT
)""",
        """CREATE TABLE "exchange_exports" (
   "scope" TEXT PRIMARY KEY,
   "last_seq" INTEGER,
   "at" TEXT,
   "package_id" TEXT,
   "file" TEXT
)""",
        """CREATE TABLE "exchange_imports" (
   "package_id" TEXT PRIMARY KEY,
   "origin" TEXT,
   "kind" TEXT,
   "at" TEXT,
   "actor" TEXT,
   "file" TEXT,
   "counts" TEXT
)""",
        """CREATE TABLE "record_versions" (
   "table_name" TEXT,
   "record_id" TEXT,
   "version" TEXT,
   PRIMARY KEY ("table_name", "record_id", "version")
)""",
    ),
)

step(
    "0010_findings",
    (
        """CREATE TABLE "form_answers" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "form" TEXT NOT NULL,
   "period_start" TEXT NOT NULL,
   "period_end" TEXT NOT NULL,
   "code" TEXT NOT NULL,
   "answer" TEXT,
   "evidence" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_form_answers_form_period_start_period_end"
    ON "form_answers" ("form", "period_start", "period_end")""",
        """CREATE TABLE "report_notes" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "document" TEXT NOT NULL,
   "scope" TEXT,
   "key" TEXT NOT NULL,
   "value" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_report_notes_document_scope"
    ON "report_notes" ("document", "scope")""",
        """CREATE TABLE "findings" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "area" TEXT,
   "item_code" TEXT,
   "class_name" TEXT,
   "problem" TEXT NOT NULL,
   "measure" TEXT,
   "owner" TEXT,
   "deadline" TEXT,
   "status" TEXT NOT NULL DEFAULT 'open',
   "found_on" TEXT NOT NULL,
   "closed_on" TEXT,
   "fix_note" TEXT,
   "auto_key" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_findings_status"
    ON "findings" ("status")""",
        """CREATE INDEX "idx_findings_found_on"
    ON "findings" ("found_on")""",
        """CREATE INDEX "idx_findings_auto_key"
    ON "findings" ("auto_key")""",
    ),
)

SEAT_NUMBER = re.compile(r"^\d{1,3}$")  # as student_ids.SEAT_RE was when this step shipped


def _seat_numbers(db: Database) -> None:
    """学号 (the seat number in a class, 1…N) gets its own column; student_no is only the 学籍号.

    Older rosters put a seat number into student_no (the 学号 header was read as 学籍号). Those values —
    1 to 3 digits, which no 学籍号 is — move to seat_no, so they no longer match students across classes;
    every other value stays the 学籍号. The row's updated_at is kept: every installation upgrades alike.
    """
    for record_id, number in db.execute("SELECT id, student_no FROM students WHERE student_no IS NOT NULL"):
        text = str(number or "").strip()
        if SEAT_NUMBER.match(text):
            db.execute(
                "UPDATE students SET seat_no = ?, student_no = NULL WHERE id = ?", [int(text), record_id]
            )


step(
    "0011_student_seat_no",
    (
        """ALTER TABLE "students" ADD COLUMN "seat_no" INTEGER""",
        """CREATE INDEX "idx_students_class_id_seat_no"
    ON "students" ("class_id", "seat_no")""",
    ),
    _seat_numbers,
)

step(
    "0012_makeup_weekday",
    (  # which weekday's timetable a 调休 make-up day follows (PE lessons, 大课间, 课后服务)
        """ALTER TABLE "calendar_days" ADD COLUMN "follows_weekday" INTEGER""",
    ),
)

step(
    "0013_fitness_item_exempt",
    (  # one item typed as 免测 exempts only that item (the whole student stays 身高 = 免体 / the 免测 button)
        """ALTER TABLE "fitness_results" ADD COLUMN "exempt_items" TEXT""",
    ),
)

step(
    "0014_sleep_parent_notices",
    (  # C13 告知并督促家长保证学生按时就寝 is answered from a recorded notice, not from sleep samples
        """CREATE TABLE "sleep_parent_notices" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "term_id" TEXT NOT NULL,
   "notified_on" TEXT NOT NULL,
   "how" TEXT NOT NULL,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_sleep_parent_notices_term_id"
    ON "sleep_parent_notices" ("term_id")""",
    ),
)

TEMPLATE_IDENTITY = ("class_code", "class_name", "ethnic_code", "birth_date", "address")


def _template_identity(db: Database) -> None:
    # The as-uploaded identity cells of the national template on each result row. Added only where
    # missing, as this step always did.
    present = {row[1] for row in db.execute('PRAGMA table_info("fitness_results")')}
    for column in TEMPLATE_IDENTITY:
        if column not in present:
            db.execute(f'ALTER TABLE "fitness_results" ADD COLUMN "{column}" TEXT')


step("0015_fitness_template_identity", (), _template_identity)

step(
    "0016_homework_for_rest",
    (  # 周末/假期作业: an entry set on a school day for the following rest period; existing entries: 0
        """ALTER TABLE "homework_entries" ADD COLUMN "for_rest" INTEGER NOT NULL DEFAULT 0""",
    ),
)

# An override applies from a date on. Overrides made before this version had none and so rewrote every
# past week; they now start on the day they were created (their first audit entry, else updated_at), in
# China Standard Time, so weeks before that are judged as they were then.
step("0017_override_effective_dates", (), rules.date_undated_overrides)

step(
    "0018_calendar_source_fitness_tables_vision",
    (
        # where a calendar entry comes from (the State Council's notice via chinesecalendar, or the
        # school); fitness scoring tables the admin loaded from a file (初中/高中), with source and
        # checksum; per-student vision screening results (左/右眼裸眼视力)
        """ALTER TABLE "calendar_days" ADD COLUMN "source" TEXT""",
        """CREATE TABLE "fitness_table_sets" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "source" TEXT NOT NULL,
   "sha256" TEXT NOT NULL,
   "grade_codes" TEXT NOT NULL,
   "loaded_on" TEXT,
   "row_count" INTEGER,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE TABLE "fitness_table_rows" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "set_id" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "grade_code" TEXT NOT NULL,
   "sex" TEXT NOT NULL,
   "item" TEXT,
   "direction" TEXT,
   "score" INTEGER,
   "threshold" TEXT,
   "low_weight_max" TEXT,
   "normal_max" TEXT,
   "overweight_max" TEXT,
   "margins" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_fitness_table_rows_set_id"
    ON "fitness_table_rows" ("set_id")""",
        """CREATE TABLE "vision_results" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "student_id" TEXT NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "left_eye" REAL,
   "right_eye" REAL,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_vision_results_class_id_date"
    ON "vision_results" ("class_id", "date")""",
        """CREATE INDEX "idx_vision_results_student_id_date"
    ON "vision_results" ("student_id", "date")""",
    ),
)

step(
    "0019_phone_followups_timetable",
    (
        # an escalated student's 家长沟通 records and its 结案 (issue 16 item 7); each class's 课表, from
        # which the homework register lists the day's subjects (issue 16 item 3)
        """CREATE TABLE "phone_followups" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "student_id" TEXT NOT NULL,
   "term_start" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "method" TEXT,
   "outcome" TEXT,
   "closed_by" TEXT,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_phone_followups_class_id_term_start"
    ON "phone_followups" ("class_id", "term_start")""",
        """CREATE INDEX "idx_phone_followups_student_id"
    ON "phone_followups" ("student_id")""",
        """CREATE TABLE "class_timetable" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "weekday" INTEGER NOT NULL,
   "subjects" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_class_timetable_class_id_weekday"
    ON "class_timetable" ("class_id", "weekday")""",
    ),
)


def _keyed_audit_chain(db: Database) -> None:
    """The audit chain is signed with this computer's audit key from now on (:mod:`fivemgmt.chainkey`).

    The key entry signs the head of the entries before it (plain SHA-256, as older versions made them),
    so they stay verifiable and can no longer be rewritten. Every account is re-anchored with a signed
    entry of its state now, and the tables outside the record layout (``meta``, the password hashes, the
    exchange bookkeeping, the migrations) get their first seal when this step commits
    (:func:`audit.seal_changes`), each said in its audit entry.
    """
    audit.append_many(db, [])  # the key entry
    rows = list(db.query("SELECT * FROM accounts ORDER BY rowid"))
    reason = "升级到带密钥的审计链：以升级时的账户为准"
    audit.append_many(
        db, [("accounts", row["id"], "anchor", None, row, audit.SYSTEM_ACTOR, reason) for row in rows]
    )


step("0020_keyed_audit_chain", (), _keyed_audit_chain)

step(
    "0021_class_years",
    (
        # a class is a lasting entity: its grade and name per school year (学年升级), students' dated
        # moves; no rows are written: a class never rolled over is the same in every year, as before
        """CREATE TABLE "class_years" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "school_year" TEXT NOT NULL,
   "grade" INTEGER NOT NULL,
   "number" INTEGER NOT NULL,
   "name" TEXT NOT NULL,
   "head_teacher_id" TEXT,
   "archived" INTEGER DEFAULT 0,
   "created" INTEGER DEFAULT 0,
   "rolled" INTEGER DEFAULT 0,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_class_years_class_id_school_year"
    ON "class_years" ("class_id", "school_year")""",
        """CREATE INDEX "idx_class_years_school_year"
    ON "class_years" ("school_year")""",
        """CREATE TABLE "student_moves" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "student_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "from_class_id" TEXT,
   "to_class_id" TEXT,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
)""",
        """CREATE INDEX "idx_student_moves_student_id"
    ON "student_moves" ("student_id")""",
        """CREATE INDEX "idx_student_moves_from_class_id"
    ON "student_moves" ("from_class_id")""",
        """CREATE INDEX "idx_student_moves_to_class_id"
    ON "student_moves" ("to_class_id")""",
    ),
)

step(
    "0022_exchange_trust",
    (
        # per-installation signing keys (issue 11): the senders this installation trusts, the one-time
        # registration codes it gave out in set-up packages, and the audit heads of the packages it sent
        """CREATE TABLE IF NOT EXISTS "exchange_senders" (
   "fingerprint" TEXT PRIMARY KEY,
   "public_key" TEXT,
   "kind" TEXT,
   "username" TEXT,
   "name" TEXT,
   "installation" TEXT,
   "registered_at" TEXT,
   "registered_by" TEXT,
   "last_head_seq" INTEGER,
   "last_head_hash" TEXT,
   "last_created_at" TEXT
)""",
        """CREATE TABLE IF NOT EXISTS "exchange_enrollments" (
   "token_id" TEXT PRIMARY KEY,
   "token" TEXT,
   "username" TEXT,
   "created_at" TEXT,
   "created_by" TEXT,
   "used_by" TEXT
)""",
        """CREATE TABLE IF NOT EXISTS "exchange_heads_sent" (
   "seq" INTEGER PRIMARY KEY,
   "at" TEXT
)""",
    ),
)

step(
    "0023_unknown_login_failures",
    (
        # failed logins under names with no account are counted and locked like an account's (issue 11),
        # so the 5th guess does not tell whether an account exists
        """CREATE TABLE IF NOT EXISTS "login_failures" (
   "username" TEXT PRIMARY KEY,
   "failures" INTEGER DEFAULT 0,
   "locked_until" TEXT
)""",
    ),
)


# ------------------------------------------------------------------ running them


def applied(db: Database) -> list[str]:
    """The names of the steps this database has run, in the order it ran them (read only)."""
    if not has_table(db, MIGRATIONS_TABLE):
        return []
    return [
        row[0]
        for row in db.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
        )
    ]


def schema_version(db: Database) -> int:
    done = applied(db)
    return int(done[-1].split("_")[0]) if done else 0


def latest_version() -> int:
    return int(STEPS[-1].name.split("_")[0])


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
    done = set(applied(db))
    return [s.name for s in STEPS if s.name not in done]


def upgrade(db: Database, *, stop_before: str | None = None) -> list[str]:
    """Run the pending steps, each in its own transaction with its record; returns their names.

    A new school is made in one transaction (nothing half-made is left behind; the steps become
    savepoints). The caller backs up an existing school first (:func:`fivemgmt.session.open_db`). A step
    another copy finished meanwhile is skipped: each transaction takes the write lock, then looks again.
    ``stop_before`` (tests): stop before that step, leaving the schema an earlier version had."""
    done: list[str] = []
    with transaction(db) if not applied(db) else contextlib.nullcontext():
        for each in STEPS:
            if each.name == stop_before:
                break
            with transaction(db):
                if not has_table(db, MIGRATIONS_TABLE):
                    for sql in BOOKKEEPING:
                        db.execute(sql)
                if each.name in applied(db):
                    continue
                for sql in each.ddl:
                    db.execute(sql)
                if each.data is not None:
                    each.data(db)
                db.execute(
                    f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                    [MIGRATION_SET, each.name, str(clock.utc_now())],
                )
            done.append(each.name)
    return done
