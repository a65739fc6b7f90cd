"""Who may write which record: the one rights check, run by :mod:`fivemgmt.records` for every row it
saves or deletes, whatever operation asked for it.

Every record table has exactly one rule in :data:`RULES` (a test checks that none is missing):

* a **class** table's rows belong to a class (their ``class_id``): a teacher writes only rows of the
  classes they have — the class of the row as written *and* the class of the row it overwrites — and a row
  naming a student (``student_id``) only for a student of such a class; a subject teacher only the rows of
  their subjects (a row without a subject is the 班主任's). 校长/教导处 and 管理员 write every class.
* a **school-wide** table (set-up, rules, calendar, accounts, policies, the catalogue review …) is written
  by the roles its rule names.

督学 writes nothing (but their own password). The area operations need not check rights themselves: a write they forget to check
cannot happen, because it has to come through here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from fivemgmt.actor import ADMIN, PRINCIPAL, TEACHER, Actor
from fivemgmt.errors import PermissionDenied

SCHOOL_WIDE = (ADMIN, PRINCIPAL)


@dataclass(frozen=True)
class Rule:
    """How one table's rows are guarded.

    ``roles``: who may write a school-wide table (``by_class`` False), or a class table's rows that belong
    to no class (a library book). ``subjects(row)``: the subjects that give a teacher the row (any of them);
    None: the row's own ``subject`` column, if the table has one, else the class's 班主任 only.
    ``allow(actor, before, row)``: a narrower exception to the rule (True lets the write through).
    """

    by_class: bool
    roles: tuple[str, ...] = SCHOOL_WIDE
    subjects: Callable[[dict], tuple[str | None, ...]] | None = None
    allow: Callable[[Actor, dict | None, dict], bool] | None = None


def roles(*allowed: str, allow: Callable[[Actor, dict | None, dict], bool] | None = None) -> Rule:
    return Rule(False, allowed, allow=allow)


def by_class(
    *,
    subjects: Callable[[dict], tuple[str | None, ...]] | None = None,
    otherwise: tuple[str, ...] = SCHOOL_WIDE,
    allow: Callable[[Actor, dict | None, dict], bool] | None = None,
) -> Rule:
    return Rule(True, otherwise, subjects, allow)


def _own_password(actor: Actor, before: dict | None, row: dict) -> bool:
    """Anyone changes their own password (users.set_password checks the old one): only the date changes."""
    return (
        before is not None
        and before["username"] == actor.username
        and all(before.get(k) == row.get(k) for k in row if k not in _PASSWORD_FIELDS)
    )


_PASSWORD_FIELDS = {"password_changed_at", "updated_at", "updated_by", "origin"}


# Named here, not imported: the rights check is on the ground floor, below the areas and fitness (which
# take these from here or are checked against them by tests/core/test_rights.py).
LOCAL_END_RULE = "afterschool.local_end_of_work"  # fivemgmt.areas.afterschool.END_RULE
PE_SUBJECTS = ("体育与健康", "体育")  # the subjects whose teachers record a class's fitness results


def _local_end_of_work(actor: Actor, before: dict | None, row: dict) -> bool:
    """校长/教导处 set the local end of work (afterschool's rule override); other overrides are the admin's."""
    return actor.role == PRINCIPAL and all(
        r["rule_id"] == LOCAL_END_RULE for r in (before, row) if r is not None
    )


def _clears_no_homework(actor: Actor, before: dict | None, row: dict) -> bool:
    """A subject teacher's new entry clears the class's 今日无作业 (homework.save_entry): nothing else."""
    return (
        before is not None
        and actor.role == TEACHER
        and before["class_id"] in actor.classes
        and row.get("no_homework") == 0
        and all(before.get(k) == row.get(k) for k in row if k not in ("no_homework", *_BOOKKEEPING))
    )


_BOOKKEEPING = ("updated_at", "updated_by", "origin")


def _pe(row: dict) -> tuple[str | None, ...]:
    return PE_SUBJECTS


RULES: dict[str, Rule] = {
    # set-up (fivemgmt.school, calendar, rules, users)
    "school": roles(ADMIN),
    "settings": roles(ADMIN, PRINCIPAL),
    "classes": roles(ADMIN),
    "subjects": roles(ADMIN),
    "teachers": roles(ADMIN),
    "teaching": roles(ADMIN),
    "students": roles(ADMIN, PRINCIPAL),
    "class_years": roles(ADMIN),  # each class's grade and name per school year (学年升级, fivemgmt.years)
    "student_moves": roles(ADMIN, PRINCIPAL),  # dated 转入/转出/转班/毕业, as the students themselves
    "terms": roles(ADMIN),
    "calendar_days": roles(ADMIN),
    "rule_overrides": roles(ADMIN, allow=_local_end_of_work),
    "accounts": roles(ADMIN, allow=_own_password),
    # homework
    "homework_entries": by_class(),
    "homework_days": by_class(allow=_clears_no_homework),
    # sleep
    "sleep_records": by_class(),
    "sleep_schedule": roles(ADMIN, PRINCIPAL),
    "sleep_import_mappings": roles(ADMIN, PRINCIPAL, TEACHER),  # remembered questionnaire columns
    "sleep_parent_notices": roles(ADMIN, PRINCIPAL),
    # phone
    "phone_applications": by_class(),
    "phone_custody": by_class(),
    "phone_custody_days": by_class(),
    "phone_policy": roles(ADMIN, PRINCIPAL),
    "phone_custodians": by_class(),
    "phone_followups": by_class(),  # 家长沟通 and 结案 of an escalated student
    # reading: a class's 图书角 is the class's; the library, its review and the list are school-wide
    "reading_books": by_class(otherwise=(ADMIN, PRINCIPAL)),
    "reading_steps": roles(ADMIN, PRINCIPAL),
    "reading_dispositions": roles(ADMIN, PRINCIPAL),
    "reading_list": roles(ADMIN, PRINCIPAL),
    # activity, after-school service
    "activity_days": by_class(),
    "pe_timetable": roles(ADMIN, PRINCIPAL),
    "class_timetable": by_class(),  # the class's 课表: its 班主任, or 教导处
    "vision_screenings": by_class(),
    "afterschool_days": by_class(),
    # fitness: the PE teachers of the class
    "fitness_results": by_class(subjects=_pe),
    "vision_results": by_class(subjects=_pe),
    "fitness_table_sets": roles(ADMIN),  # scoring tables the admin loaded from the official file
    "fitness_table_rows": roles(ADMIN),
    # self-inspection forms, report notes, rectification
    "form_answers": roles(ADMIN, PRINCIPAL),
    "report_notes": roles(ADMIN, PRINCIPAL),
    "findings": roles(ADMIN, PRINCIPAL),
}


def _refuse_read_only(actor: Actor) -> None:
    if actor.read_only:
        raise PermissionDenied(f"账户“{actor.display_name}”（督学）是只读的，不能修改任何记录。")


def check_write(
    db: Database,
    actor: Actor,
    table: str,
    before: dict | None,
    row: dict,
    students: Callable[[str], str | None],
) -> None:
    """Refuse (``PermissionDenied``) unless ``actor`` may turn ``before`` (None: a new record) into ``row``.

    ``students(student_id)`` gives a student's class (None when there is no such student)."""
    check_writes(db, actor, table, [(before, row)], students)


def check_writes(
    db: Database,
    actor: Actor,
    table: str,
    pairs: Iterable[tuple[dict | None, dict]],
    students: Callable[[str], str | None],
) -> None:
    """:func:`check_write` of each (before, row) in order, the same refusal at the same row: what depends on
    the actor and the table is asked once, and a class's rights once per (class, subjects) the rows name
    (an import of 100,000 rows names a few dozen classes)."""
    rule = RULES.get(table)
    actor_allowed = False  # the checks of the actor alone passed (they give the same answer for every row)
    allowed: set[tuple] = set()  # (class, subjects) already allowed
    for before, row in pairs:
        if rule is None:
            raise PermissionDenied(f"“{table}”没有登记写入权限，不能修改（软件缺陷，请报告）。")
        if rule.allow is not None and rule.allow(actor, before, row):
            continue  # e.g. 督学, too, changes their own password
        if not actor_allowed:
            _refuse_read_only(actor)
            if not rule.by_class:
                actor.require_role(*rule.roles)
            actor_allowed = True
        if not rule.by_class or actor.is_school_wide:
            continue
        for candidate in (before, row):
            if candidate is None:
                continue
            class_id = candidate.get("class_id")
            key = (class_id or None, _subjects(rule, candidate) if class_id else None)
            if key in allowed:
                continue
            if not class_id:
                actor.require_role(*rule.roles)
            else:
                _require_class(actor, class_id, key[1])
            allowed.add(key)
        student_id = row.get("student_id")
        if student_id and (before is None or before.get("student_id") != student_id):
            class_id = students(student_id)
            if class_id is None or not _may(actor, class_id, _subjects(rule, row)):
                raise PermissionDenied(f"账户“{actor.display_name}”无权修改其他班级学生的记录。")


def _subjects(rule: Rule, row: dict) -> tuple[str | None, ...]:
    if rule.subjects is not None:
        return rule.subjects(row)
    return (row.get("subject"),)


def _may(actor: Actor, class_id: str, subjects: tuple[str | None, ...]) -> bool:
    return any(actor.can_write_class(class_id, subject) for subject in subjects)


def _require_class(actor: Actor, class_id: str, subjects: tuple[str | None, ...]) -> None:
    if not _may(actor, class_id, subjects):
        actor.require_class(class_id, subjects[0])


def student_classes(db: Database) -> Callable[[str], str | None]:
    """A lookup of a student's class, read once per write and only when needed."""
    cache: dict[str, Any] = {}

    def lookup(student_id: str) -> str | None:
        if student_id not in cache:
            found = db.execute("SELECT class_id FROM students WHERE id = ?", [student_id]).fetchone()
            cache[student_id] = found[0] if found else None
        return cache[student_id]

    return lookup


def require(db: Database, actor: Actor, table: str, row: dict) -> None:
    """The same check ahead of a write, for an operation that would otherwise say something about the
    records first (“当天已有作业记录”) to someone who may not write them at all."""
    check_write(db, actor, table, None, row, student_classes(db))
