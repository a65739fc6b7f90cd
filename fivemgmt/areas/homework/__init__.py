"""作业管理 — the daily homework register.

A class-day is in one of three states: not logged (未登记), logged with entries, or explicitly "no
homework today" (今日无作业). Only written (书面) minutes count toward the cap; whether optional (选做)
minutes count is a school setting (rule ``homework.count_optional``) — except in grades 1–2, where any
written minutes, required or optional, are a violation. Homework dated on a rest day (weekend, holiday,
vacation), or marked on a school day as 周末/假期作业 (``for_rest``), counts toward the school's total for
the whole rest period (:class:`RestPeriod`), however many weeks the period spans; the week that contains
the period's last day carries its verdict.

The daily caps of grades 3–9 are daily *averages*: the rule ``homework.average_window`` says over which
days the average is taken (default: the week's logged school days; single days over the cap are warnings).

The package: ``records`` (schema, record types, reading and writing) · ``checks`` (day checks,
``week_summary``) · ``strip`` (the page's status and week strip after a save) · ``imports`` (``preview_*``/``commit_*``, export columns); this module re-exports
their names, so ``from fivemgmt.areas import homework; homework.week_summary(...)`` works.
"""

from fivemgmt.areas.homework.checks import (
    DAILY,
    DAY_FIGURES,
    DAY_STATE_LABELS,
    REST_PERIOD_MAX_DAYS,
    REST_RULE,
    WINDOW_DAY,
    WINDOW_RULE,
    WINDOW_WEEK,
    DayState,
    HomeworkDay,
    HomeworkDayFigures,
    HomeworkWeek,
    MissingLog,
    RestPeriod,
    StoredDays,
    _check_written,
    _judge_rest_periods,
    _minutes,
    _rest_edge,
    average_reading,
    average_window,
    build_days,
    check_rest_days,
    check_school_day,
    class_day,
    days,
    periods_ending,
    unlogged_classes,
    unlogged_days,
    week,
    week_summary,
    weeks_judged_with,
)
from fivemgmt.areas.homework.imports import (
    FOR_REST_CHOICES,
    IMPORT_COLUMNS,
    REQUIRED_CHOICES,
    HomeworkPreview,
    _entries_for_rows,
    _fill_from_content,
    _past_rows_text,
    commit_import,
    preview_import,
)
from fivemgmt.areas.homework.records import (
    _ENTRY_COLUMNS,
    AREA,
    CAP_RULE,
    DAYS,
    ENTRIES,
    FOR_REST_LOOKAHEAD_DAYS,
    KINDS,
    REQUIRED_LABELS,
    WRITTEN,
    Entry,
    ReasonRequired,
    _clear_no_homework,
    _no_homework_dates,
    _require_reason,
    _rest_target,
    _validate,
    copy_day,
    counts_optional,
    delete_entry,
    entries_between,
    last_day_with_entries,
    no_homework_rows,
    no_homework_texts,
    save_entries,
    save_entry,
    set_no_homework,
    stored_entries,
    stored_rows,
    subject_suggestions,
)
from fivemgmt.areas.homework.strip import day_and_week, status_and_week
