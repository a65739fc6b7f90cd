"""课后服务 — the after-school service register ("5+2").

Per class per school day: whether service was held, its minutes, when it ended and how many students
took part. Checks (rules ``afterschool.*``): service on every school day (5 a week), at least 120
minutes a day, ending no earlier than the local end of work (a school setting, overridable as a rule).
The requirement applies to 义务教育 (grades 1–9) only; for 高中 classes the area is 不适用 (NA).

The package: ``records`` (schema, record types, reading and writing) · ``checks`` (day checks,
``week_summary``) · ``imports`` (``preview_*``/``commit_*``, export columns); this module re-exports
their names, so ``from fivemgmt.areas import afterschool; afterschool.week_summary(...)`` works.
"""

from fivemgmt.areas.afterschool.checks import (
    DAILY,
    DAY_FIGURES,
    AfterschoolDayFigures,
    AfterschoolWeek,
    RegisterDay,
    build_days,
    check_day,
    class_week,
    days,
    days_between,
    register_days,
    week,
    week_summary,
)
from fivemgmt.areas.afterschool.imports import (
    HELD_CHOICES,
    IMPORT_COLUMNS,
    _row_record,
    commit_import,
    preview_import,
)
from fivemgmt.areas.afterschool.records import (
    AREA,
    DAYS,
    DAYS_RULE,
    END_RULE,
    MAX_MINUTES,
    MIN_RULE,
    ServiceDay,
    applies,
    default_day,
    delete_day,
    fill_defaults,
    local_end_of_work,
    save_day,
    save_days,
    set_local_end_of_work,
    validate,
)
