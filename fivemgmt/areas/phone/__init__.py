"""手机管理 — parents' applications, the daily custody log, and the school's phone policy facts.

In principle no personal phones on campus. A student who needs one has a parent's written application
(手机入校申请) approved by the school, valid until a date; on arrival the phone is handed in for unified
custody (统一保管) and returned at dismissal. The daily log per class records, for each approved student,
已交 (handed in), 未交 (kept — not handed in) or 未带 (did not bring it); a student found with a phone and no
valid approval is recorded as 违规带入. Violations per student per term at or above
``phone.violation_escalate_count`` escalate (the school's follow-up: talk with parents, 德育处).

The scanned application form is stored in the database itself (table ``phone_attachments``, content
addressed by SHA-256), not in a folder next to it: the database file is what schools back up, copy to
the bureau and restore, and a folder beside it is lost in exactly those moves. Files are limited to
``MAX_ATTACHMENT_BYTES`` (a phone photo or a one-page scan).

A class-week with no custody log and no approved students is 未登记 (nobody confirmed that no phones came
in); a school day on which the class had approved students and no log is a missing log.

The package: ``records`` (schema, record types, reading and writing) · ``checks`` (day checks,
``week_summary``) · ``imports`` (``preview_*``/``commit_*``, export columns); this module re-exports
their names, so ``from fivemgmt.areas import phone; phone.week_summary(...)`` works.
"""

from fivemgmt.areas.phone.checks import (
    DAILY,
    DAY_FIGURES,
    ESCALATE_RULE,
    REASONS,
    PhoneDayFigures,
    PhoneWeek,
    PolicyItem,
    check_policy,
    day_check,
    day_result,
    days,
    judge_day,
    missing_log_days,
    week,
    week_summary,
)
from fivemgmt.areas.phone.imports import (
    _DAY_FIELDS,
    CUSTODY_IMPORT_COLUMNS,
    CUSTODY_STATUS_CHOICES,
    DECISION_CHOICES,
    IMPORT_COLUMNS,
    RETURNED_CHOICES,
    _count_custody,
    _import_days,
    _ImportDay,
    _row_application,
    _same_record,
    commit_custody_import,
    commit_import,
    preview_custody_import,
    preview_import,
)
from fivemgmt.areas.phone.records import (
    APPLICATIONS,
    APPROVED,
    AREA,
    ATTACHMENTS,
    CLOSING,
    CONTACT,
    CONTACT_METHODS,
    CUSTODIANS,
    CUSTODY,
    CUSTODY_DAYS,
    CUSTODY_STATES,
    DECISIONS,
    FOLLOWUPS,
    HANDED_IN,
    MAX_ATTACHMENT_BYTES,
    NOT_BROUGHT,
    NOT_HANDED_IN,
    PENDING,
    POLICY,
    REFUSED,
    VIOLATION,
    Application,
    CustodyDay,
    CustodyRow,
    DayEdits,
    Escalation,
    FollowUp,
    Policy,
    _d,
    _day_records,
    _followup_values,
    _followups,
    _iso,
    _marker_values,
    _names,
    _term_window,
    _validate_application,
    add_followup,
    applications,
    approved_students,
    attachment,
    close_escalation,
    custodians,
    custody_day,
    custody_days,
    custody_rows,
    day_edits,
    delete_application,
    escalation,
    escalations,
    expired_applications,
    export_attachment,
    get_policy,
    log_day,
    logged_dates,
    record_violation,
    save_application,
    save_policy,
    set_custodian,
    store_attachment,
)
