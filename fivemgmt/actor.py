"""Who is acting, and what they may change. Every write checks this in the core, not only in the GUI."""

from __future__ import annotations

from dataclasses import dataclass, field

from fivemgmt.errors import PermissionDenied

ADMIN = "admin"  # 管理员: set-up, rules, backups
PRINCIPAL = "principal"  # 校长/教导处: all classes, dashboards, reports
TEACHER = "teacher"  # 班主任/科任教师: own classes (subject teachers: their subjects)
SUPERVISOR = "supervisor"  # 督学: read-only, forms

ROLE_NAMES = {ADMIN: "管理员", PRINCIPAL: "校长/教导处", TEACHER: "班主任/科任教师", SUPERVISOR: "督学"}


@dataclass(frozen=True)
class Actor:
    username: str
    display_name: str
    role: str
    # class id -> subjects the person teaches there; None as subjects means "all" (班主任).
    classes: dict[str, frozenset[str] | None] = field(default_factory=dict)

    @property
    def is_school_wide(self) -> bool:
        return self.role in (ADMIN, PRINCIPAL)

    @property
    def read_only(self) -> bool:
        """Can change nothing (督学): the GUI shows it as a read-only session."""
        return self.role == SUPERVISOR

    def can_write_class(self, class_id: str, subject: str | None = None) -> bool:
        if self.is_school_wide:
            return True
        if self.role != TEACHER or class_id not in self.classes:
            return False
        subjects = self.classes[class_id]
        # A 班主任 (subjects None) writes everything of the class; a subject teacher only their subjects'
        # records, never class-wide ones (subject None), e.g. sleep logs or "no homework today".
        return subjects is None or (subject is not None and subject in subjects)

    def require_class(self, class_id: str, subject: str | None = None) -> None:
        if not self.can_write_class(class_id, subject):
            what = f"“{subject}”学科" if subject else "该班级"
            raise PermissionDenied(f"账户“{self.display_name}”无权修改{what}的记录。")

    def require_role(self, *roles: str) -> None:
        if self.role not in roles:
            names = "、".join(ROLE_NAMES[r] for r in roles)
            raise PermissionDenied(f"此操作需要{names}权限，当前账户“{self.display_name}”不能执行。")


# The actor of a single-user install and of command-line maintenance.
LOCAL_ADMIN = Actor("local", "本机用户", ADMIN)
SYSTEM = Actor("system", "系统", ADMIN)
