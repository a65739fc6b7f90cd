"""睡眠管理 — sleep records per student, monthly sleep monitoring, and the school's daily schedule.

A sleep record is one student's night: bedtime, wake time, the sleep duration computed from them (a night
crosses midnight), the source (家长问卷 / 学生问卷 / 班主任抽查) and a note. The record's ``date`` is the
evening the student went to bed (for a questionnaire about usual habits, the day it was answered).
Questionnaires often answer in bands ("22:00前 / 22:00–23:00 / 23:00后"); a band is mapped either to a
representative time or straight to pass/fail, kept in ``bedtime_ok`` / ``hours_ok`` when no time is known.

Class result: per sampled student, the mean sleep of their records and their median bedtime are compared
with the stage's rule (``sleep.min_hours``, ``sleep.latest_bedtime``: exactly 10 h passes, 21:20 exactly
passes). A share meeting a rule below ``sleep.class_red_share`` is red, below ``sleep.class_meet_share``
yellow: both are school settings (the notice sets no share), cited as such.

Sleep is sampled monthly, not daily. A week with no samples for a class is therefore judged on the class's
samples of the month before the week's end (the last 31 days), and the reason says so; a class with no
sample in that month is 未登记.

The package: ``records`` (schema, record types, reading and writing) · ``checks`` (day checks,
``week_summary``) · ``imports`` (``preview_*``/``commit_*``, export columns); this module re-exports
their names, so ``from fivemgmt.areas import sleep; sleep.week_summary(...)`` works.
"""

from fivemgmt.areas.sleep.checks import (
    DAILY,
    DAY_FIGURES,
    ClassResults,
    FollowUp,
    MonitoringRow,
    SleepDayFigures,
    SleepStats,
    SleepWeek,
    StudentSleep,
    _share,
    check_schedule,
    check_schedule_item,
    class_results,
    class_stats,
    day_check,
    days,
    follow_up_list,
    grade_stats,
    in_force,
    judge_stats,
    monthly_monitoring,
    stats_for,
    week,
    week_summary,
    week_window,
)
from fivemgmt.areas.sleep.imports import (
    BAND_FAIL,
    BAND_PASS,
    FIELD_LABELS,
    FIELDS,
    HOURS_IN_TEXT,
    IMPORT_COLUMNS,
    KEYWORDS,
    SOURCE_CHOICES,
    TIME_IN_TEXT,
    QuestionnairePreview,
    _as_questionnaire,
    _band_value,
    _check_rows,
    _count_existing,
    _minutes_time,
    _row_record,
    _store_mapping,
    _validate_mapping,
    answer_values,
    commit_import,
    commit_questionnaire,
    headers_signature,
    option_numbers,
    preview_import,
    preview_questionnaire,
    read_questionnaire,
    saved_mapping,
    suggest_band,
    suggest_bands,
    suggest_mapping,
)
from fivemgmt.areas.sleep.records import (
    AREA,
    LOOKBACK_DAYS,
    MAPPINGS,
    MAX_MINUTES,
    MIN_MINUTES,
    NOTICES,
    PARENT,
    QUESTION_BED_FROM,
    QUESTION_BED_TO,
    QUESTION_MAX_MINUTES,
    QUESTION_MIN_MINUTES,
    QUESTION_WAKE_FROM,
    QUESTION_WAKE_TO,
    RECORDS,
    SCHEDULE,
    SOURCES,
    SPOT_CHECK,
    STAGE_GRADE,
    STAGE_NAMES,
    STUDENT,
    GridRow,
    ParentNotice,
    Schedule,
    SleepRecord,
    _existing,
    _fmt_hours,
    _from_key,
    _hours,
    _rules_for,
    _save,
    _validate,
    bedtime_key,
    check_record,
    class_grid,
    delete_record,
    duration_text,
    hm,
    meets_bedtime,
    meets_sleep,
    parent_notice,
    parse_hm,
    questionable,
    records_between,
    save_grid,
    save_parent_notice,
    save_record,
    save_schedule,
    schedules,
    school_stages,
    sleep_minutes,
    stage_name,
    student_names,
)
