-- a new school as made by 5fb2ff3 ; steps: 0001_core 0002_homework 0003_sleep 0004_phone 0005_reading 0006_activity 0007_afterschool 0008_fitness 0009_accounts_exchange 0010_findings 0011_student_seat_no
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'fivemgmt','0001_core','2026-12-02 04:24:46.254978+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'fivemgmt','0002_homework','2026-12-02 04:24:46.288340+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'fivemgmt','0003_sleep','2026-12-02 04:24:46.351985+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'fivemgmt','0004_phone','2026-12-02 04:24:46.431295+00:00');
INSERT INTO "_sqlite_migrations" VALUES(5,'fivemgmt','0005_reading','2026-12-02 04:24:46.500880+00:00');
INSERT INTO "_sqlite_migrations" VALUES(6,'fivemgmt','0006_activity','2026-12-02 04:24:46.520029+00:00');
INSERT INTO "_sqlite_migrations" VALUES(7,'fivemgmt','0007_afterschool','2026-12-02 04:24:46.530727+00:00');
INSERT INTO "_sqlite_migrations" VALUES(8,'fivemgmt','0008_fitness','2026-12-02 04:24:46.672133+00:00');
INSERT INTO "_sqlite_migrations" VALUES(9,'fivemgmt','0009_accounts_exchange','2026-12-02 04:24:46.700217+00:00');
INSERT INTO "_sqlite_migrations" VALUES(10,'fivemgmt','0010_findings','2026-12-02 04:24:46.725110+00:00');
INSERT INTO "_sqlite_migrations" VALUES(11,'fivemgmt','0011_student_seat_no','2026-12-02 04:24:46.725993+00:00');
CREATE TABLE "account_secrets" (
   "username" TEXT PRIMARY KEY,
   "salt" TEXT,
   "hash" TEXT,
   "n" INTEGER,
   "r" INTEGER,
   "p" INTEGER,
   "failures" INTEGER DEFAULT 0,
   "locked_until" TEXT,
   "last_login" TEXT
);
CREATE TABLE "accounts" (
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
);
CREATE TABLE "activity_days" (
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
);
CREATE TABLE "afterschool_days" (
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
);
CREATE TABLE "audit_log" (
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
);
CREATE TABLE "calendar_days" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "date" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "name" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "classes" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "grade" INTEGER NOT NULL,
   "number" INTEGER NOT NULL,
   "name" TEXT NOT NULL,
   "head_teacher_id" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "exchange_exports" (
   "scope" TEXT PRIMARY KEY,
   "last_seq" INTEGER,
   "at" TEXT,
   "package_id" TEXT,
   "file" TEXT
);
CREATE TABLE "exchange_imports" (
   "package_id" TEXT PRIMARY KEY,
   "origin" TEXT,
   "kind" TEXT,
   "at" TEXT,
   "actor" TEXT,
   "file" TEXT,
   "counts" TEXT
);
CREATE TABLE "findings" (
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
);
CREATE TABLE "fitness_results" (
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
);
CREATE TABLE "form_answers" (
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
);
CREATE TABLE "homework_days" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "no_homework" INTEGER,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "homework_entries" (
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
);
CREATE TABLE "meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
);
INSERT INTO "meta" VALUES('app','fivemgmt');
INSERT INTO "meta" VALUES('installation_id','d51dc1eeeb8e44108884314bbad98a06');
INSERT INTO "meta" VALUES('school_key','04eb1a5073405b76940df00bdc9859c2');
CREATE TABLE "pe_timetable" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "weekday" INTEGER NOT NULL,
   "lessons" INTEGER NOT NULL,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "phone_applications" (
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
);
CREATE TABLE "phone_attachments" (
   "sha256" TEXT PRIMARY KEY,
   "name" TEXT,
   "size" INTEGER,
   "data" BLOB NOT NULL,
   "added_at" TEXT
);
CREATE TABLE "phone_custodians" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "term_id" TEXT NOT NULL,
   "class_id" TEXT NOT NULL,
   "name" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "phone_custody" (
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
);
CREATE TABLE "phone_custody_days" (
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
);
CREATE TABLE "phone_policy" (
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
);
CREATE TABLE "reading_books" (
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
);
CREATE TABLE "reading_dispositions" (
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
);
CREATE TABLE "reading_list" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "school_year" TEXT NOT NULL,
   "grade" INTEGER NOT NULL,
   "book_id" TEXT NOT NULL,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "reading_steps" (
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
);
CREATE TABLE "record_versions" (
   "table_name" TEXT,
   "record_id" TEXT,
   "version" TEXT,
   PRIMARY KEY ("table_name", "record_id", "version")
);
CREATE TABLE "report_notes" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "document" TEXT NOT NULL,
   "scope" TEXT,
   "key" TEXT NOT NULL,
   "value" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "rule_overrides" (
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
);
CREATE TABLE "school" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "name" TEXT NOT NULL,
   "stage" TEXT NOT NULL,
   "address" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "settings" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "value" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "sleep_import_mappings" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "signature" TEXT NOT NULL,
   "headers" TEXT,
   "mapping" TEXT NOT NULL,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "sleep_records" (
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
);
CREATE TABLE "sleep_schedule" (
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
);
CREATE TABLE "students" (
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
, "seat_no" INTEGER);
CREATE TABLE "subjects" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "name" TEXT NOT NULL,
   "sort_order" INTEGER,
   "grades_from" INTEGER,
   "grades_to" INTEGER,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "teachers" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "name" TEXT NOT NULL,
   "phone" TEXT,
   "username" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "teaching" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "teacher_id" TEXT NOT NULL,
   "class_id" TEXT NOT NULL,
   "subject" TEXT NOT NULL,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "terms" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "school_year" TEXT NOT NULL,
   "name" TEXT NOT NULL,
   "start_date" TEXT NOT NULL,
   "end_date" TEXT NOT NULL,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE TABLE "vision_screenings" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "class_id" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "screened" INTEGER,
   "note" TEXT,
   "updated_at" TEXT,
   "updated_by" TEXT,
   "origin" TEXT,
   "deleted" INTEGER DEFAULT 0
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX "idx_audit_log_table_name_record_id"
    ON "audit_log" ("table_name", "record_id");
CREATE INDEX "idx_rule_overrides_rule_id"
    ON "rule_overrides" ("rule_id");
CREATE INDEX "idx_classes_grade_number"
    ON "classes" ("grade", "number");
CREATE INDEX "idx_teaching_class_id"
    ON "teaching" ("class_id");
CREATE INDEX "idx_teaching_teacher_id"
    ON "teaching" ("teacher_id");
CREATE INDEX "idx_students_class_id"
    ON "students" ("class_id");
CREATE INDEX "idx_students_student_no"
    ON "students" ("student_no");
CREATE INDEX "idx_terms_start_date"
    ON "terms" ("start_date");
CREATE INDEX "idx_calendar_days_date"
    ON "calendar_days" ("date");
CREATE INDEX "idx_homework_entries_class_id_date"
    ON "homework_entries" ("class_id", "date");
CREATE INDEX "idx_homework_entries_date"
    ON "homework_entries" ("date");
CREATE INDEX "idx_homework_days_class_id_date"
    ON "homework_days" ("class_id", "date");
CREATE INDEX "idx_homework_days_date"
    ON "homework_days" ("date");
CREATE INDEX "idx_sleep_records_class_id_date"
    ON "sleep_records" ("class_id", "date");
CREATE INDEX "idx_sleep_records_student_id_date"
    ON "sleep_records" ("student_id", "date");
CREATE INDEX "idx_sleep_records_date"
    ON "sleep_records" ("date");
CREATE INDEX "idx_sleep_schedule_term_id"
    ON "sleep_schedule" ("term_id");
CREATE INDEX "idx_sleep_import_mappings_signature"
    ON "sleep_import_mappings" ("signature");
CREATE INDEX "idx_phone_applications_class_id"
    ON "phone_applications" ("class_id");
CREATE INDEX "idx_phone_applications_student_id"
    ON "phone_applications" ("student_id");
CREATE INDEX "idx_phone_custody_class_id_date"
    ON "phone_custody" ("class_id", "date");
CREATE INDEX "idx_phone_custody_student_id_date"
    ON "phone_custody" ("student_id", "date");
CREATE INDEX "idx_phone_custody_days_class_id_date"
    ON "phone_custody_days" ("class_id", "date");
CREATE INDEX "idx_phone_custody_days_date"
    ON "phone_custody_days" ("date");
CREATE INDEX "idx_phone_policy_term_id"
    ON "phone_policy" ("term_id");
CREATE INDEX "idx_phone_custodians_term_id_class_id"
    ON "phone_custodians" ("term_id", "class_id");
CREATE INDEX "idx_reading_books_class_id"
    ON "reading_books" ("class_id");
CREATE INDEX "idx_reading_books_isbn"
    ON "reading_books" ("isbn");
CREATE INDEX "idx_reading_steps_book_id"
    ON "reading_steps" ("book_id");
CREATE INDEX "idx_reading_dispositions_book_id"
    ON "reading_dispositions" ("book_id");
CREATE INDEX "idx_reading_list_school_year_grade"
    ON "reading_list" ("school_year", "grade");
CREATE INDEX "idx_reading_list_book_id"
    ON "reading_list" ("book_id");
CREATE INDEX "idx_activity_days_class_id_date"
    ON "activity_days" ("class_id", "date");
CREATE INDEX "idx_activity_days_date"
    ON "activity_days" ("date");
CREATE INDEX "idx_pe_timetable_class_id"
    ON "pe_timetable" ("class_id");
CREATE INDEX "idx_vision_screenings_class_id_date"
    ON "vision_screenings" ("class_id", "date");
CREATE INDEX "idx_afterschool_days_class_id_date"
    ON "afterschool_days" ("class_id", "date");
CREATE INDEX "idx_afterschool_days_date"
    ON "afterschool_days" ("date");
CREATE INDEX "idx_fitness_results_class_id_school_year"
    ON "fitness_results" ("class_id", "school_year");
CREATE INDEX "idx_fitness_results_student_id_school_year"
    ON "fitness_results" ("student_id", "school_year");
CREATE INDEX "idx_fitness_results_school_year"
    ON "fitness_results" ("school_year");
CREATE INDEX "idx_accounts_username"
    ON "accounts" ("username");
CREATE INDEX "idx_form_answers_form_period_start_period_end"
    ON "form_answers" ("form", "period_start", "period_end");
CREATE INDEX "idx_report_notes_document_scope"
    ON "report_notes" ("document", "scope");
CREATE INDEX "idx_findings_status"
    ON "findings" ("status");
CREATE INDEX "idx_findings_found_on"
    ON "findings" ("found_on");
CREATE INDEX "idx_findings_auto_key"
    ON "findings" ("auto_key");
CREATE INDEX "idx_students_class_id_seat_no"
    ON "students" ("class_id", "seat_no");
