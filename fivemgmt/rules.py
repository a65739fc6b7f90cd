"""Rules as data: load resources/rules/rules.toml plus the school's overrides, and check values.

A check returns a :class:`Verdict` — status plus a Chinese reason naming the rule's source — so every
page, chart, form and the CLI explain a colour the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
import tomllib
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.resources import resource_path

OVERRIDES_TABLE = "rule_overrides"


class Status(StrEnum):
    """One vocabulary for what a check found, each with its own word, symbol and colour (strips, week strip,
    heat map, chart legends, PDFs). ``level`` is the traffic light it counts as."""

    GREEN = "green"  # 达标 / 正常
    YELLOW = "yellow"  # 预警: close to a limit, or a lapse that is not yet a breach
    RED = "red"  # 超标: over a limit (a maximum) — only that
    BELOW = "below"  # 未达标: a minimum not met (PE lessons, sleep, after-school minutes)
    VIOLATION = "violation"  # 违规: a rule broken (written homework in grades 1–2, a phone brought in)
    PENDING = "pending"  # 待审: waiting for a person's review or decision (a book not yet dispositioned)
    UNLOGGED = "unlogged"  # 未登记: no data, never shown as green or as zero
    NA = "na"  # 不适用: the rule does not apply (e.g. 高中 after-school service)
    OVER = "red"  # alias of RED: the word is 超标

    @property
    def label(self) -> str:
        return translate("Status", STATUS_LABELS[self])

    @property
    def symbol(self) -> str:
        # Status is also shown by symbol so it reads without colour (colour-blind users, b/w print).
        return STATUS_SYMBOLS[self]

    @property
    def rank(self) -> int:
        return STATUS_RANK[self]

    @property
    def color(self) -> str:
        return STATUS_COLORS[self]

    @property
    def level(self) -> Status:
        """The traffic light: RED for 超标/未达标/违规, YELLOW for 预警/待审, else itself."""
        return STATUS_LEVEL.get(self, self)

    @property
    def is_red(self) -> bool:
        """A finding that breaks a rule (超标, 未达标 or 违规)."""
        return self.level is Status.RED


STATUS_LABELS = {
    Status.GREEN: QT_TRANSLATE_NOOP("Status", "达标"),
    Status.YELLOW: QT_TRANSLATE_NOOP("Status", "预警"),
    Status.RED: QT_TRANSLATE_NOOP("Status", "超标"),
    Status.BELOW: QT_TRANSLATE_NOOP("Status", "未达标"),
    Status.VIOLATION: QT_TRANSLATE_NOOP("Status", "违规"),
    Status.PENDING: QT_TRANSLATE_NOOP("Status", "待审"),
    Status.UNLOGGED: QT_TRANSLATE_NOOP("Status", "未登记"),
    Status.NA: QT_TRANSLATE_NOOP("Status", "不适用"),
}
STATUS_SYMBOLS = {
    Status.GREEN: "✓",
    Status.YELLOW: "!",
    Status.RED: "↑",
    Status.BELOW: "↓",
    Status.VIOLATION: "×",
    Status.PENDING: "?",
    Status.UNLOGGED: "—",
    Status.NA: "·",
}
# Worst last: a verdict made of several findings takes the highest rank, so a strip is never green (nor
# yellow) while one of its findings is red.
STATUS_RANK = {
    Status.NA: 0,
    Status.GREEN: 1,
    Status.UNLOGGED: 2,
    Status.PENDING: 3,
    Status.YELLOW: 4,
    Status.BELOW: 5,
    Status.RED: 6,
    Status.VIOLATION: 7,
}
STATUS_LEVEL = {
    Status.BELOW: Status.RED,
    Status.VIOLATION: Status.RED,
    Status.PENDING: Status.YELLOW,
}
# Okabe–Ito colours (and a dark red for 违规): distinguishable with the common colour-vision
# deficiencies, and each status has its symbol besides.
STATUS_COLORS = {
    Status.GREEN: "#009E73",
    Status.YELLOW: "#E69F00",
    Status.RED: "#D55E00",
    Status.BELOW: "#CC79A7",
    Status.VIOLATION: "#A3142A",
    Status.PENDING: "#56B4E9",
    Status.UNLOGGED: "#BBBBBB",
    Status.NA: "#F0F0F0",
}
# The statuses in the order legends list them.
LEGEND_ORDER = (
    Status.GREEN,
    Status.YELLOW,
    Status.PENDING,
    Status.RED,
    Status.BELOW,
    Status.VIOLATION,
    Status.UNLOGGED,
    Status.NA,
)


def reason_separator() -> str:
    """Between the parts of a reason: ；, or "; " in English."""
    return translate("Verdict", "；")


@dataclass(frozen=True)
class Verdict:
    status: Status
    reason: str
    source: str = ""

    @staticmethod
    def worst(verdicts: list[Verdict]) -> Verdict:
        if not verdicts:
            return Verdict(Status.NA, translate("Verdict", "无适用规则"))
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
    choices: tuple[str, ...] = ()  # the values a text rule accepts (empty: any)
    choice_names: tuple[str, ...] = ()  # each choice's name for people, in the same order

    def shown(self, value: Any = None) -> str:
        """A value of this rule as people read it (the rule's own value when none is given): 是/否, a
        choice's name (按周平均, never the stored ``week``), else the number with its unit."""
        value = self.value if value is None else value
        if isinstance(value, bool):
            return "是" if value else "否"
        if value in self.choices:
            return self.choice_names[self.choices.index(value)]
        return f"{value} {self.unit}"

    def applies(self, grade: int, on: dt.date) -> bool:
        return self.grade_from <= grade <= self.grade_to and self.effective_from <= on <= self.effective_to

    @functools.cached_property
    def cited(self) -> str:
        """Where the number comes from, with the school's override shown when there is one."""
        since = f"自 {self.effective_from:%Y-%m-%d} 起，" if self.effective_from > dt.date.min else ""
        if self.overridden and self.school_default:
            return f"学校设置({since}{self.override_note or '无说明'})"
        if self.overridden:
            return f"学校设置覆盖({since}{self.override_note or '无说明'})；原规定：{self.source}"
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
                choices=tuple(item.get("choices", {})),
                choice_names=tuple(item.get("choices", {}).values()),
            )
        )
    return tuple(rules)


_OVERRIDE_COLUMNS = ("rule_id", "value", "grade_from", "grade_to", "effective_from", "effective_to", "note")
# (its overrides, its file rules) of each rule id
ById = dict[str, tuple[tuple["Rule", ...], tuple["Rule", ...]]]


@functools.lru_cache(maxsize=16)
def _compiled(rows: tuple[tuple, ...]) -> tuple[tuple[Rule, ...], ById]:
    """The school's overrides as rules, and every rule by id: made once for the same override rows (a
    status strip builds a Rulebook for every save; Rules are frozen, so they are shared safely)."""
    base = base_rules()
    overrides: list[Rule] = []
    for rule_id, value, grade_from, grade_to, effective_from, effective_to, note in rows:
        same = [r for r in base if r.id == rule_id]
        if not same:
            continue
        # The file's rule for the override's grades (its title, unit and source), not the first one.
        low = grade_from or 1
        chosen = next((r for r in same if r.grade_from <= low <= r.grade_to), same[0])
        overrides.append(
            replace(
                chosen,
                value=json.loads(value),
                grade_from=grade_from or 1,
                grade_to=grade_to or 12,
                effective_from=_date(effective_from, dt.date.min),
                effective_to=_date(effective_to, dt.date.max),
                overridden=True,
                override_note=note or "",
            )
        )
    by_id: dict[str, tuple[list[Rule], list[Rule]]] = {}
    for index, group in enumerate((overrides, base)):
        for item in group:
            by_id.setdefault(item.id, ([], []))[index].append(item)
    return tuple(overrides), {k: (tuple(o), tuple(b)) for k, (o, b) in by_id.items()}


def _override_rows(db: Database) -> tuple[tuple, ...]:
    """The school's live overrides; none in a database made before the overrides table (asked of SQLite
    by the query itself, not by listing the tables at every status strip)."""
    try:
        cursor = db.conn.execute(
            f"SELECT {', '.join(_OVERRIDE_COLUMNS)} FROM {OVERRIDES_TABLE} WHERE deleted = 0 ORDER BY rowid"
        )
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return ()
        raise
    return tuple(tuple(row) for row in cursor)


# Lookups a Rulebook remembers: a cached one (Rulebook.of) serves every week of every report until the rules
# change, so its memory of (rule, grade, day) stays bounded (a few MB).
_MEMO_LIMIT = 20_000


_MISSING = object()


def _remembered(memo: dict, compute: Any, *key: Any) -> Any:
    """``compute(*key)``, remembered in ``memo``; the memo is emptied once it holds _MEMO_LIMIT answers."""
    found = memo.get(key, _MISSING)
    if found is _MISSING:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        found = memo[key] = compute(*key)
    return found


class Rulebook:
    """The rules in force for one school: the rule file, with the school's overrides on top."""

    @classmethod
    def of(cls, db: Database) -> Rulebook:
        """The school's rules, read again only once the file may have changed (a page reads them at every
        save); shared: never change it."""
        return records.read_cached(db, "rules", cls)

    def __init__(self, db: Database | None = None) -> None:
        self.rules = list(base_rules())
        overrides, self._by_id = _compiled(_override_rows(db) if db is not None else ())
        self.overrides: list[Rule] = list(overrides)
        self._found: dict[tuple[str, int, dt.date], Rule] = {}
        self._has: dict[tuple[str, int, dt.date], bool] = {}

    def rule(self, rule_id: str, grade: int, on: dt.date | None = None) -> Rule:
        on = on or clock.today()
        return _remembered(self._found, self._find, rule_id, grade, on)  # asked for every class-day

    def _find(self, rule_id: str, grade: int, on: dt.date) -> Rule:
        for candidates in self._by_id.get(rule_id, ((), ())):
            found = [r for r in candidates if r.applies(grade, on)]
            if found:
                return max(found, key=lambda r: r.effective_from)
        raise UserError(f"规则表中没有适用于{grade}年级、{on}的规则“{rule_id}”。")

    def value(self, rule_id: str, grade: int, on: dt.date | None = None) -> Any:
        return self.rule(rule_id, grade, on).value

    def has(self, rule_id: str, grade: int, on: dt.date | None = None) -> bool:
        on = on or clock.today()
        return _remembered(self._has, self._applies, rule_id, grade, on)  # asked for every class-day

    def _applies(self, rule_id: str, grade: int, on: dt.date) -> bool:
        return any(r.applies(grade, on) for group in self._by_id.get(rule_id, ((), ())) for r in group)

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
        unit = translate("Unit", unit or rule.unit)
        limit = float(rule.value)
        ratio = float(self.value("status.yellow_ratio", grade, on))
        shown = _num(amount)
        fields = {"what": translate("Verdict", what), "amount": shown, "unit": unit, "limit": _num(limit)}
        if amount > limit:
            text = translate("Verdict", "{what} {amount} {unit}，超过上限 {limit} {unit}")
            return Verdict(Status.OVER, text.format(**fields), rule.cited)
        if limit > 0 and amount >= ratio * limit:
            text = translate("Verdict", "{what} {amount} {unit}，接近上限 {limit} {unit}")
            return Verdict(Status.YELLOW, text.format(**fields), rule.cited)
        text = translate("Verdict", "{what} {amount} {unit}，未超过上限 {limit} {unit}")
        return Verdict(Status.GREEN, text.format(**fields), rule.cited)

    def check_min(self, amount: float, rule: Rule, what: str, *, unit: str | None = None) -> Verdict:
        """Green at or above the minimum, 未达标 below it."""
        unit = translate("Unit", unit or rule.unit)
        limit = float(rule.value)
        fields = {
            "what": translate("Verdict", what),
            "amount": _num(amount),
            "unit": unit,
            "limit": _num(limit),
        }
        if amount >= limit:
            text = translate("Verdict", "{what} {amount} {unit}，达到要求 {limit} {unit}")
            return Verdict(Status.GREEN, text.format(**fields), rule.cited)
        text = translate("Verdict", "{what} {amount} {unit}，低于要求 {limit} {unit}")
        return Verdict(Status.BELOW, text.format(**fields), rule.cited)


# The units of rules.toml, for extraction; shown through translate("Unit", unit).
UNITS = (
    QT_TRANSLATE_NOOP("Unit", "分钟"),
    QT_TRANSLATE_NOOP("Unit", "天"),
    QT_TRANSLATE_NOOP("Unit", "小时"),
    QT_TRANSLATE_NOOP("Unit", "次"),
    QT_TRANSLATE_NOOP("Unit", "节"),
)


def _num(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


# ------------------------------------------------------------------ the school's overrides (设置 → 规则覆盖)


def list_overrides(db: Database) -> list[dict]:
    """Every live override, also those that ended (they still decide the weeks they were in force)."""
    return list(
        db.query(
            f"SELECT * FROM {OVERRIDES_TABLE} WHERE deleted = 0 ORDER BY rule_id, grade_from, effective_from"
        )
    )


# China Standard Time: the day an override was made, as the school saw it (the audit trail keeps UTC).
SCHOOL_UTC_OFFSET = dt.timedelta(hours=8)


def date_undated_overrides(db: Database) -> None:
    """Upgrade: an override saved without a start date starts on the day it was created."""
    from fivemgmt import audit
    from fivemgmt.actor import SYSTEM
    from fivemgmt.records import save

    rows = list(db.query(f"SELECT id, updated_at FROM {OVERRIDES_TABLE} WHERE effective_from IS NULL"))
    for row in rows:
        stamp = audit.entry_times(db, OVERRIDES_TABLE, row["id"])[0] or row["updated_at"]
        if not stamp:
            continue  # no date anywhere: it keeps applying to every week, as before
        created = (dt.datetime.fromisoformat(stamp) + SCHOOL_UTC_OFFSET).date()
        values = {"id": row["id"], "effective_from": created.isoformat()}
        save(db, OVERRIDES_TABLE, values, SYSTEM, reason="升级：规则覆盖自创建之日起施行")


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
    value = str(text).strip()
    if value in base.choice_names:  # typed as people name it
        return base.choices[base.choice_names.index(value)]
    if base.choices and value not in base.choices:
        named = "、".join(f"{name}（{code}）" for code, name in zip(base.choices, base.choice_names))
        raise UserError(f"“{base.title}”的值应为 {named} 之一。")
    return value


def save_override(
    db: Database,
    actor: Any,
    rule_id: str,
    value: Any,
    grade_from: int,
    grade_to: int,
    note: str = "",
    *,
    effective_from: dt.date,
    override_id: str | None = None,
) -> Any:
    """Set the school's value for a rule from a date on (admin only); it is shown, with that date, wherever
    the rule is used. Weeks before the date keep the value that was in force then: changing an override
    from a later date adds a new one after it rather than rewriting it. Returns Changes."""
    from fivemgmt.actor import ADMIN
    from fivemgmt.db import transaction
    from fivemgmt.records import Changes, get, save

    actor.require_role(ADMIN)
    parsed = parse_override_value(rule_id, value)
    if not 1 <= int(grade_from) <= int(grade_to) <= 12:
        raise UserError("年级范围应在 1–12 之间。")
    if not str(note or "").strip():
        raise UserError("请说明覆盖的依据（例如 省级文件名称）。")
    if not isinstance(effective_from, dt.date):
        raise UserError("请填写规则覆盖的起用日期（YYYY-MM-DD）。")
    changes = Changes()
    values = {
        "rule_id": rule_id,
        "value": json.dumps(parsed, ensure_ascii=False),
        "grade_from": int(grade_from),
        "grade_to": int(grade_to),
        "note": str(note).strip(),
        "effective_from": effective_from.isoformat(),
    }
    with transaction(db):
        old = get(db, OVERRIDES_TABLE, override_id) if override_id else None
        if old is not None and (old["effective_from"] or "") < effective_from.isoformat():
            # The old value stays in force up to the day before; the new one starts on its date.
            last = (effective_from - dt.timedelta(days=1)).isoformat()
            save(db, OVERRIDES_TABLE, {"id": old["id"], "effective_to": last}, actor, changes=changes)
        elif old is not None:
            values["id"] = old["id"]
        save(db, OVERRIDES_TABLE, values, actor, reason="规则覆盖", changes=changes)
    return changes


def editable_overrides(db: Database, today: dt.date) -> dict[tuple[str, int, int], dict]:
    """Per rule row (rule id, first grade, last grade), the override 设置 → 规则覆盖 shows and edits: the one
    in force on ``today`` or starting later, the newest start winning as in the Rulebook. Ended ones stay
    on record for the weeks they decided and are not edited any more."""
    shown: dict[tuple[str, int, int], dict] = {}
    for row in list_overrides(db):  # oldest start first: a later one replaces it
        if row["effective_to"] and row["effective_to"] < today.isoformat():
            continue
        shown[(row["rule_id"], row["grade_from"], row["grade_to"])] = row
    return shown


def edit_override(
    db: Database,
    actor: Any,
    rule_id: str,
    grade_from: int,
    grade_to: int,
    *,
    value: Any,
    note: str,
    effective_from: dt.date | None,
    override_id: str | None,
    today: dt.date,
) -> Any:
    """One row of 设置 → 规则覆盖 as the admin left it (``override_id``: the override the row showed). A
    cleared value goes back to the rule file's value from ``today`` on; a new value without its 覆盖依据
    saves nothing yet (the row waits for it); a changed value without a new 起用日期 starts ``today`` (or
    the override's own later start), so past weeks keep the value they were judged by. Returns Changes."""
    from fivemgmt.records import Changes, live_get

    if not str(value if value is not None else "").strip():
        return delete_override(db, actor, override_id, from_day=today) if override_id else Changes()
    if override_id is None and not str(note or "").strip():
        return Changes()
    start = effective_from or today
    if override_id is not None:
        old = live_get(db, OVERRIDES_TABLE, override_id, "要修改的规则覆盖不存在。")
        old_start = dt.date.fromisoformat(old["effective_from"]) if old["effective_from"] else today
        if start == old_start and parse_override_value(rule_id, value) != json.loads(old["value"]):
            start = max(today, old_start)
    return save_override(
        db,
        actor,
        rule_id,
        value,
        grade_from,
        grade_to,
        note or "",
        effective_from=start,
        override_id=override_id,
    )


def delete_override(db: Database, actor: Any, override_id: str, *, from_day: dt.date) -> Any:
    """Go back to the rule file's value from ``from_day`` on. An override already in force before that
    day ends the day before (the weeks it decided stay as they were); one not yet begun is removed."""
    from fivemgmt.actor import ADMIN
    from fivemgmt.db import transaction
    from fivemgmt.records import Changes, delete, live_get, save

    actor.require_role(ADMIN)
    changes = Changes()
    with transaction(db):
        row = live_get(db, OVERRIDES_TABLE, override_id, "要取消的规则覆盖不存在。")
        if (row["effective_from"] or "") < from_day.isoformat():
            last = (from_day - dt.timedelta(days=1)).isoformat()
            save(
                db,
                OVERRIDES_TABLE,
                {"id": override_id, "effective_to": last},
                actor,
                reason="取消规则覆盖",
                changes=changes,
            )
        else:
            delete(db, OVERRIDES_TABLE, override_id, actor, reason="取消规则覆盖", changes=changes)
    return changes
