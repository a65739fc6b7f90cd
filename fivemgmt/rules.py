"""Rules as data: load resources/rules/rules.toml plus the school's overrides, and check values.

A check returns a :class:`Verdict` — status plus a Chinese reason naming the rule's source — so every
page, chart, form and the CLI explain a colour the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import tomllib
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock
from fivemgmt.errors import UserError
from fivemgmt.resources import resource_path

OVERRIDES_TABLE = "rule_overrides"


class Status(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    UNLOGGED = "unlogged"  # 未登记: no data, never shown as green or as zero
    NA = "na"  # 不适用: the rule does not apply (e.g. 高中 after-school service)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def symbol(self) -> str:
        # Status is also shown by symbol so it reads without colour (colour-blind users, b/w print).
        return STATUS_SYMBOLS[self]

    @property
    def rank(self) -> int:
        return STATUS_RANK[self]


STATUS_LABELS = {
    Status.GREEN: "达标",
    Status.YELLOW: "预警",
    Status.RED: "超标",
    Status.UNLOGGED: "未登记",
    Status.NA: "不适用",
}
STATUS_SYMBOLS = {
    Status.GREEN: "✓",
    Status.YELLOW: "!",
    Status.RED: "×",
    Status.UNLOGGED: "—",
    Status.NA: "·",
}
STATUS_RANK = {Status.NA: 0, Status.GREEN: 1, Status.UNLOGGED: 2, Status.YELLOW: 3, Status.RED: 4}
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
STATUS_COLORS = {
    Status.GREEN: "#009E73",
    Status.YELLOW: "#E69F00",
    Status.RED: "#D55E00",
    Status.UNLOGGED: "#BBBBBB",
    Status.NA: "#F0F0F0",
}


@dataclass(frozen=True)
class Verdict:
    status: Status
    reason: str
    source: str = ""

    @staticmethod
    def worst(verdicts: list[Verdict]) -> Verdict:
        if not verdicts:
            return Verdict(Status.NA, "无适用规则")
        return max(verdicts, key=lambda v: v.status.rank)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    unit: str
    value: Any
    grade_from: int
    grade_to: int
    source: str
    note: str = ""
    effective_from: dt.date = dt.date.min
    effective_to: dt.date = dt.date.max
    overridden: bool = False
    override_note: str = ""
    school_default: bool = False  # source SCHOOL: no national number, the file's value is only a proposal

    def applies(self, grade: int, on: dt.date) -> bool:
        return self.grade_from <= grade <= self.grade_to and self.effective_from <= on <= self.effective_to

    @property
    def cited(self) -> str:
        """Where the number comes from, with the school's override shown when there is one."""
        if self.overridden and self.school_default:
            return f"学校设置({self.override_note or '无说明'})"
        if self.overridden:
            return f"学校设置覆盖({self.override_note or '无说明'})；原规定：{self.source}"
        return self.source

    @property
    def unconfirmed(self) -> bool:
        """A proposed value the school has not confirmed (设置 → 规则覆盖): never printed for parents."""
        return self.school_default and not self.overridden


def _date(text: str | None, default: dt.date) -> dt.date:
    return dt.date.fromisoformat(text) if text else default


def _required_date(item: dict) -> dt.date:
    # Every rule starts on a date (its notice's, or for a school setting the notice it serves): a rule
    # without one would judge weeks before any notice existed.
    if not item.get("effective_from"):
        raise ValueError(f"rules.toml: rule {item['id']} (grades {item['grades']}) has no effective_from")
    return dt.date.fromisoformat(item["effective_from"])


@functools.cache
def base_rules() -> tuple[Rule, ...]:
    with open(resource_path("rules", "rules.toml"), "rb") as handle:
        data = tomllib.load(handle)
    sources = data["sources"]
    rules = []
    for item in data["rule"]:
        low, high = item["grades"]
        rules.append(
            Rule(
                id=item["id"],
                title=item["title"],
                unit=item["unit"],
                value=item["value"],
                grade_from=low,
                grade_to=high,
                source=sources[item["source"]],
                note=item.get("note", ""),
                effective_from=_required_date(item),
                school_default=item["source"] == "SCHOOL",
                effective_to=_date(item.get("effective_to"), dt.date.max),
            )
        )
    return tuple(rules)


def create_schema(db: Database) -> None:
    from fivemgmt.records import create_record_table

    create_record_table(
        db,
        OVERRIDES_TABLE,
        {
            "rule_id": str,
            "grade_from": int,
            "grade_to": int,
            "value": str,
            "effective_from": str,
            "effective_to": str,
            "note": str,
        },
        not_null={"rule_id", "value"},
        indexes=[["rule_id"]],
    )


class Rulebook:
    """The rules in force for one school: the rule file, with the school's overrides on top."""

    def __init__(self, db: Database | None = None) -> None:
        self.rules = list(base_rules())
        self.overrides: list[Rule] = []
        if db is not None and OVERRIDES_TABLE in db.table_names():
            for row in db.query(f"SELECT * FROM {OVERRIDES_TABLE} WHERE deleted = 0"):
                same = [r for r in self.rules if r.id == row["rule_id"]]
                if not same:
                    continue
                # The file's rule for the override's grades (its title, unit and source), not the first one.
                low = row["grade_from"] or 1
                base = next((r for r in same if r.grade_from <= low <= r.grade_to), same[0])
                self.overrides.append(
                    replace(
                        base,
                        value=json.loads(row["value"]),
                        grade_from=row["grade_from"] or 1,
                        grade_to=row["grade_to"] or 12,
                        effective_from=_date(row["effective_from"], dt.date.min),
                        effective_to=_date(row["effective_to"], dt.date.max),
                        overridden=True,
                        override_note=row["note"] or "",
                    )
                )

    def rule(self, rule_id: str, grade: int, on: dt.date | None = None) -> Rule:
        on = on or clock.today()
        for candidates in (self.overrides, self.rules):
            found = [r for r in candidates if r.id == rule_id and r.applies(grade, on)]
            if found:
                return max(found, key=lambda r: r.effective_from)
        raise UserError(f"规则表中没有适用于{grade}年级、{on}的规则“{rule_id}”。")

    def value(self, rule_id: str, grade: int, on: dt.date | None = None) -> Any:
        return self.rule(rule_id, grade, on).value

    def has(self, rule_id: str, grade: int, on: dt.date | None = None) -> bool:
        on = on or clock.today()
        return any(r.id == rule_id and r.applies(grade, on) for r in [*self.overrides, *self.rules])

    def check_max(
        self,
        amount: float,
        rule: Rule,
        what: str,
        *,
        unit: str | None = None,
        grade: int = 1,
        on: dt.date | None = None,
    ) -> Verdict:
        """Green below the warning ratio, yellow from it up to the limit, red above the limit."""
        unit = unit or rule.unit
        limit = float(rule.value)
        ratio = float(self.value("status.yellow_ratio", grade, on))
        shown = _num(amount)
        if amount > limit:
            return Verdict(Status.RED, f"{what} {shown} {unit}，超过上限 {_num(limit)} {unit}", rule.cited)
        if limit > 0 and amount >= ratio * limit:
            return Verdict(Status.YELLOW, f"{what} {shown} {unit}，接近上限 {_num(limit)} {unit}", rule.cited)
        return Verdict(Status.GREEN, f"{what} {shown} {unit}，未超过上限 {_num(limit)} {unit}", rule.cited)

    def check_min(self, amount: float, rule: Rule, what: str, *, unit: str | None = None) -> Verdict:
        """Green at or above the minimum, red below it."""
        unit = unit or rule.unit
        limit = float(rule.value)
        if amount >= limit:
            return Verdict(
                Status.GREEN, f"{what} {_num(amount)} {unit}，达到要求 {_num(limit)} {unit}", rule.cited
            )
        return Verdict(Status.RED, f"{what} {_num(amount)} {unit}，低于要求 {_num(limit)} {unit}", rule.cited)


def _num(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


# ------------------------------------------------------------------ the school's overrides (设置 → 规则覆盖)


def list_overrides(db: Database) -> list[dict]:
    return list(db.query(f"SELECT * FROM {OVERRIDES_TABLE} WHERE deleted = 0 ORDER BY rule_id, grade_from"))


def parse_override_value(rule_id: str, text: Any) -> Any:
    """A value typed by the admin, checked against the type of the rule file's value."""
    base = next((r for r in base_rules() if r.id == rule_id), None)
    if base is None:
        raise UserError(f"没有规则“{rule_id}”。")
    if isinstance(base.value, bool):
        if str(text).strip().lower() in ("true", "1", "是", "计入"):
            return True
        if str(text).strip().lower() in ("false", "0", "否", "不计入"):
            return False
        raise UserError("该规则的值应为“是”或“否”。")
    if isinstance(base.value, int | float):
        try:
            number = float(str(text).strip())
        except ValueError:
            raise UserError(f"“{base.title}”的值应为数字。") from None
        if number < 0:
            raise UserError("规则的值不能为负数。")
        return int(number) if number.is_integer() else number
    return str(text).strip()


def save_override(
    db: Database,
    actor: Any,
    rule_id: str,
    value: Any,
    grade_from: int,
    grade_to: int,
    note: str = "",
    *,
    override_id: str | None = None,
) -> Any:
    """Set the school's value for a rule (admin only); it is shown wherever the rule is used. Returns Changes."""
    from fivemgmt.accounts import ADMIN
    from fivemgmt.db import transaction
    from fivemgmt.records import Changes, save

    actor.require_role(ADMIN)
    parsed = parse_override_value(rule_id, value)
    if not 1 <= int(grade_from) <= int(grade_to) <= 12:
        raise UserError("年级范围应在 1–12 之间。")
    if not str(note or "").strip():
        raise UserError("请说明覆盖的依据（例如 省级文件名称）。")
    changes = Changes()
    values = {
        "rule_id": rule_id,
        "value": json.dumps(parsed, ensure_ascii=False),
        "grade_from": int(grade_from),
        "grade_to": int(grade_to),
        "note": str(note).strip(),
    }
    with transaction(db):
        if override_id:
            values["id"] = override_id
        save(db, OVERRIDES_TABLE, values, actor, reason="规则覆盖", changes=changes)
    return changes


def delete_override(db: Database, actor: Any, override_id: str) -> Any:
    """Go back to the rule file's value."""
    from fivemgmt.accounts import ADMIN
    from fivemgmt.db import transaction
    from fivemgmt.records import Changes, delete

    actor.require_role(ADMIN)
    changes = Changes()
    with transaction(db):
        delete(db, OVERRIDES_TABLE, override_id, actor, reason="取消规则覆盖", changes=changes)
    return changes
