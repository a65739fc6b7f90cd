"""体质 — daily physical activity and eyes.

Per class per school day: PE lessons held (and lessons taken over by another subject, 被占用), 大课间 minutes,
total in-school physical activity minutes, and 眼保健操 done (0–2). The school sets a weekly PE timetable
per class, which is the default of the fast entry. Per class per term: vision screenings (dates).

Checks (rules ``activity.*``): PE lessons per week (4 / 3 / 2 by grade), no PE lesson taken over, 大课间
≥ 30 minutes, in-school activity ≥ 60 minutes, eye exercises twice a day, ≥ 2 vision screenings a term.

The package: ``records`` (schema, record types, reading and writing) · ``checks`` (day checks,
``week_summary``) · ``imports`` (``preview_*``/``commit_*``, export columns); this module re-exports
their names, so ``from fivemgmt.areas import activity; activity.week_summary(...)`` works.
"""

from fivemgmt.areas.activity.checks import (
    DAILY,
    DAY_FIGURES,
    ActivityDayFigures,
    ActivityWeek,
    RegisterDay,
    build_days,
    check_day,
    check_timetable,
    check_vision,
    class_week,
    days,
    days_between,
    register_days,
    week,
    week_summary,
)
from fivemgmt.areas.activity.imports import (
    IMPORT_COLUMNS,
    _count,
    _row_record,
    commit_import,
    preview_import,
)
from fivemgmt.areas.activity.records import (
    ACTIVITY_RULE,
    AREA,
    BREAK_RULE,
    DAYS,
    EYE_RULE,
    MAX_EYE_EXERCISES_PER_DAY,
    MAX_LESSONS_PER_DAY,
    PE_LESSON_MINUTES,
    PE_RULE,
    SCREENINGS,
    TIMETABLE,
    VISION_RULE,
    ActivityDay,
    add_screening,
    default_day,
    delete_day,
    delete_screening,
    fill_defaults,
    save_day,
    save_days,
    screenings,
    set_timetable,
    timetable,
    timetables,
    validate,
)
