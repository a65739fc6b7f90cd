"""Proposed 自评 answers (是/否) and evidence lines, computed from the records for a period.

Every number printed on a form comes from here; homework is counted class-day by class-day over exactly
the period (``homework.build_days``), the other areas from their week summaries (each area's typed week
figures, ``phone.PhoneWeek`` …, read by attribute) for the weeks that overlap the period. An area whose module or records are not there
yet gives "暂无记录" and no proposed answer — never a 是 without figures behind it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, clock, figcache, school, summary
from fivemgmt.areas import area_module
from fivemgmt.areas import homework as hw
from fivemgmt.areas.base import AreaWeek
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.percent import percent
from fivemgmt.reports import findings as fnd
from fivemgmt.reports.checklist import Form, Item
from fivemgmt.reports.period import Period
from fivemgmt.rules import Rulebook, Status

NO_RECORDS = "暂无记录"
BY_HAND = ""  # items the records cannot answer: the school fills them in
STAGE_GRADES = {"primary": (3, 6), "junior": (7, 9), "lower": (1, 2)}
STAGE_FIRST_GRADE = {"小学": 1, "初中": 7, "高中": 10}
STAGE_NAMES = {"primary": "三至六年级", "junior": "初中(七至九年级)", "lower": "一二年级"}
PHONE_WORDS = re.compile(r"手机|APP|App|app|钉钉|微信|小程序|打卡|平板|线上提交|网上提交|QQ群")
PARENT_WORDS = re.compile(r"家长(签字|批改|检查|改|听写|默写|出题|批阅|完成)|请家长|让家长|由家长")


@dataclass(frozen=True)
class Proposal:
    answer: str  # 是 / 否 / 不适用 / "" (the school answers)
    evidence: str
    has_data: bool = True


@dataclass(frozen=True)
class Row:
    """One item of a form as printed: the proposal, or the user's saved edit over it."""

    item: Item
    proposal: Proposal
    answer: str
    evidence: str
    edited: bool

    @property
    def code(self) -> str:
        return self.item.code


MATCHES = {"phone": PHONE_WORDS, "parents": PARENT_WORDS}  # homework contents the forms look for


@dataclass(frozen=True)
class HomeworkFacts:
    """One class's homework of a period as the forms count it: its school class-days up to the cutoff
    (logged, minutes, over the cap), its rest periods ending in the period and its entries. The items of
    a form add these up class by class, so they can be kept per class (``Evidence.homework_facts``)."""

    days: int
    logged: int
    counted_minutes: int  # over the logged days
    over: int  # logged days judged red
    cap: float | None  # the highest cap of the logged days (None: none logged)
    first_logged: dt.date | None
    written_days: int  # logged days with written homework (required or optional)
    rest_periods: int
    rest_written: int  # rest periods with written homework
    rest_red: int
    entries: int
    adjusted: int
    hits: dict[str, int]  # MATCHES key -> entries whose content matches
    first_hit: dict[str, tuple[dt.date, str, str]]  # MATCHES key -> (date, subject, content) of the first

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["first_logged"] = self.first_logged.isoformat() if self.first_logged else None
        data["first_hit"] = {
            k: [d.isoformat(), subject, content] for k, (d, subject, content) in self.first_hit.items()
        }
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HomeworkFacts:
        first = data["first_logged"]
        return cls(
            **{
                **data,
                "first_logged": dt.date.fromisoformat(first) if first else None,
                "first_hit": {
                    k: (dt.date.fromisoformat(d), subject, content)
                    for k, (d, subject, content) in data["first_hit"].items()
                },
            }
        )


def no_records(what: str) -> Proposal:
    """No records behind an item: 暂无记录 and no proposed answer (never a 是 without figures)."""
    return Proposal("", f"{what}{NO_RECORDS}", False)


def _pct(part: float, whole: float) -> str:
    return percent(part / whole) if whole else "—"


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


def _figure(value: float, limit: float | None = None) -> str:
    """A figure with the precision it has: one decimal (90.2), more when one decimal would round it onto
    the limit it is compared with (90.04 next to a limit of 90 reads 90.04, not 90.0)."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    text = f"{value:.1f}"
    if limit is not None and float(text) == float(limit):
        text = f"{value:.2f}".rstrip("0")
    return text


class Evidence:
    """Facts of one period, loaded lazily and shared by every item of every form."""

    def __init__(self, db: Database, period: Period, today: dt.date | None = None) -> None:
        self.db = db
        self.period = period
        self.today = today or clock.today()
        self.calendar = SchoolCalendar(db)
        self.rules = Rulebook(db)
        self.classes = school.list_classes(db, on=period.start)
        # Opened first: what is kept is stamped with the audit head read now, before anything is read.
        self._cache = figcache.FigureCache.of(db)
        self._scope_key = f"{self.today}|{period.start}|{period.end}"
        self._new_proposals: dict[str, tuple[list, figcache.Scope]] = {}
        self._batching = False
        self._area_weeks: dict[str, list[summary.SchoolWeek]] = {}
        self._areas_wanted = set(WEEK_AREAS)

    # ---------------------------------------------------------------- loading

    @functools.cached_property
    def cutoff(self) -> dt.date:
        """Last day that counts: the period's end, or today when the period is not over yet."""
        return min(self.period.end, self.today)

    @functools.cached_property
    def all_weeks(self) -> list[summary.SchoolWeek]:
        """The period's weeks of every area (the red weeks proposed as 存在问题)."""
        return self._weeks(None)

    def _weeks(self, areas: list[str] | None) -> list[summary.SchoolWeek]:
        if self.cutoff < self.period.start:
            return []
        return summary.period_weeks(self.db, self.period.mondays(), self.cutoff, areas=areas)

    def area_period_weeks(self, key: str) -> list[summary.SchoolWeek]:
        """The period's weeks with the figures of area ``key``: read in one go with every other area still
        wanted (``rows`` wants only the areas whose items the figure cache does not hold, so a change to
        one area's registers recomputes that area's weeks only)."""
        if key not in self._area_weeks:
            wanted = [
                k for k in AREA_ORDER if k == key or (k in self._areas_wanted and k not in self._area_weeks)
            ]
            weeks = self._weeks(wanted)
            for k in wanted:
                self._area_weeks[k] = weeks
        return self._area_weeks[key]

    def area_weeks(self, key: str) -> list[AreaWeek]:
        """The area's class-weeks of the period that have figures (a week whose stored data the app could
        not read is a finding of its own, shown on every page, and has none to add here)."""
        return [a for week in self.area_period_weeks(key) for a in week.area(key) if not a.invalid]

    def logged_area_weeks(self, key: str) -> list[AreaWeek]:
        return [a for a in self.area_weeks(key) if a.status not in (Status.UNLOGGED, Status.NA)]

    def last_week_area(self, key: str) -> list[AreaWeek]:
        """The newest week's rows (for stock figures such as valid applications)."""
        weeks = self.area_period_weeks(key)
        return [a for a in weeks[-1].area(key) if not a.invalid] if weeks else []

    @functools.cached_property
    def homework_facts(self) -> list[tuple[school.SchoolClass, HomeworkFacts]]:
        """Each class's homework of the period up to the cutoff, counted (``HomeworkFacts``): kept in the
        figure cache per class, so a save recounts only its class."""
        if self.cutoff < self.period.start:
            return []
        kept = self._cache.get("homework", self._scope_key) if self._cache is not None else {}
        result, fresh = [], {}
        for c in self.classes:
            if c.id in kept:
                facts = HomeworkFacts.from_json(kept[c.id])
            else:
                facts = self._count_homework(c)
                fresh[c.id] = (facts.to_json(), figcache.Scope("homework", c.id))
            result.append((c, facts))
        if fresh and self._cache is not None:
            self._cache.put("homework", self._scope_key, fresh)
        return result

    def _count_homework(self, school_class: school.SchoolClass) -> HomeworkFacts:
        """One class's days judged by ``homework.build_days`` (every school day up to the cutoff, today
        itself only once it is logged), its rest periods ending in the period and its entries."""
        days = hw.build_days(
            self.db, school_class, self.period.start, self.cutoff, self.today, self.calendar, self.rules
        )
        counted = [
            d
            for d in days
            if d.day_kind is DayKind.SCHOOL
            and d.state is not hw.DayState.FUTURE
            and not (d.date == self.today and d.state is hw.DayState.UNLOGGED)
        ]
        logged = [d for d in counted if d.logged]
        rest = hw.periods_ending(days, self.period.start, self.cutoff)
        entries = hw.entries_between(self.db, school_class.id, self.period.start, self.cutoff)
        hits = {
            key: [e for e in entries if pattern.search(e.content or "")] for key, pattern in MATCHES.items()
        }
        return HomeworkFacts(
            days=len(counted),
            logged=len(logged),
            counted_minutes=sum(d.counted_minutes for d in logged),
            over=sum(1 for d in logged if d.verdict.status.is_red),
            cap=max((d.cap or 0) for d in logged) if logged else None,
            first_logged=logged[0].date if logged else None,
            written_days=sum(1 for d in logged if d.written_minutes > 0),
            rest_periods=len(rest),
            rest_written=sum(1 for p in rest if p.written_minutes > 0),
            rest_red=sum(1 for p in rest if p.verdict.status.is_red),
            entries=len(entries),
            adjusted=sum(1 for e in entries if e.adjust_reason),
            hits={key: len(found) for key, found in hits.items()},
            first_hit={
                key: (found[0].date, found[0].subject, found[0].content)
                for key, found in hits.items()
                if found
            },
        )

    # ---------------------------------------------------------------- proposing

    def propose(self, item: Item) -> Proposal:
        if not item.school_fills:
            return Proposal("", "", has_data=False)
        function = EVIDENCE.get(item.evidence)
        if function is None:
            return Proposal(BY_HAND, "", has_data=False)
        proposal = self._proposal(item.evidence, function)
        if not self._batching:
            self._keep()
        return self._with_findings(item, proposal)

    @functools.cached_property
    def _kept_proposals(self) -> dict[str, Any]:
        return self._cache.get("proposal", self._scope_key) if self._cache is not None else {}

    def _proposal(self, key: str, function: Callable[[Evidence], Proposal]) -> Proposal:
        """The records' proposal for an evidence key: from the figure cache while no change audited since
        touches its area, else computed (and kept)."""
        kept = self._kept_proposals.get(key)
        if kept is not None:
            return Proposal(*kept)
        proposal = function(self)
        value = [proposal.answer, proposal.evidence, proposal.has_data]
        self._kept_proposals[key] = value
        self._new_proposals[key] = (value, figcache.Scope(EVIDENCE_AREA.get(key)))
        return proposal

    def _keep(self) -> None:
        """Write the proposals computed since the last call to the figure cache (one transaction)."""
        if self._new_proposals and self._cache is not None:
            self._cache.put("proposal", self._scope_key, self._new_proposals)
        self._new_proposals = {}

    def _with_findings(self, item: Item, proposal: Proposal) -> Proposal:
        """Add what the rectification list says about this item: 整改中 or 已整改 (date, how)."""
        notes = []
        for finding in fnd.findings_for_item(self.db, item.code, self.period):
            if finding.closed:
                notes.append(f"已整改（{finding.closed_on:%Y-%m-%d}）：{finding.fix_note}")
            else:
                deadline = f"，时限 {finding.deadline:%Y-%m-%d}" if finding.deadline else ""
                owner = f"，责任人 {finding.owner}" if finding.owner else ""
                notes.append(f"整改中：{finding.problem}{owner}{deadline}")
        if not notes:
            return proposal
        text = "；".join([t for t in [proposal.evidence, *notes] if t])
        return Proposal(proposal.answer, text, proposal.has_data)

    def rows(self, form: Form) -> list[Row]:
        saved = fnd.saved_answers(self.db, form.id, self.period)
        result = []
        kept = self._kept_proposals
        self._areas_wanted = {
            area
            for i in form.items
            if i.evidence not in kept and (area := EVIDENCE_AREA.get(i.evidence)) in WEEK_AREAS
        }
        self._batching = True
        try:
            proposals = [self.propose(item) for item in form.items]
        finally:
            self._batching = False
        self._keep()
        for item, proposal in zip(form.items, proposals):
            edit = saved.get(item.code) if item.school_fills else None
            if edit is not None:
                result.append(Row(item, proposal, edit.answer, edit.evidence, True))
            else:
                result.append(Row(item, proposal, proposal.answer, proposal.evidence, False))
        return result

    # ---------------------------------------------------------------- homework

    def stage_facts(self, stage: str) -> list[tuple[school.SchoolClass, HomeworkFacts]]:
        low, high = STAGE_GRADES[stage]
        return [(c, f) for c, f in self.homework_facts if low <= c.grade <= high]

    def has_grades(self, stage: str) -> bool:
        low, high = STAGE_GRADES[stage]
        return any(low <= c.grade <= high for c in self.classes)

    def homework_stage(self, stage: str) -> Proposal:
        """e.g. 三至六年级书面作业日均 48 分钟（各班最高 55 分钟，上限 60 分钟），超时 2 班次/共 120 班次."""
        name = STAGE_NAMES[stage]
        if not self.has_grades(stage):
            return Proposal("不适用", f"学校无{name}班级")
        facts = self.stage_facts(stage)
        logged = [(c, f) for c, f in facts if f.logged]
        count = sum(f.logged for _, f in logged)
        unlogged = sum(f.days for _, f in facts) - count
        if not logged:
            return Proposal(
                "", f"{name}{NO_RECORDS}" + (f"（未登记 {unlogged} 班次）" if unlogged else ""), False
            )
        average = sum(f.counted_minutes for _, f in logged) / count
        over = sum(f.over for _, f in logged)
        per_class: dict[str, list[int]] = {}  # by name, as printed: [minutes, days]
        for c, f in logged:
            totals = per_class.setdefault(c.name, [0, 0])
            totals[0] += f.counted_minutes
            totals[1] += f.logged
        averages = {name_: minutes / days for name_, (minutes, days) in per_class.items()}
        cap = max(f.cap or 0 for _, f in logged)
        highest = max(averages.values())
        over_classes = [f"{n} {_figure(a, cap)} 分钟" for n, a in averages.items() if a > (cap or 0)]
        text = (
            f"{name}书面作业日均 {_figure(average, cap)} 分钟（各班最高 {_figure(highest, cap)} 分钟，"
            f"上限 {_num(cap)} 分钟），超时 {over} 班次/共 {count} 班次"
        )
        if unlogged:
            text += f"；未登记 {unlogged} 班次"
        if over_classes:
            text += "；日均超过上限：" + "、".join(over_classes)
        first_class, first = logged[0]
        text += f"；{hw.average_reading(self.rules, first_class.grade, first.first_logged)}"
        return Proposal("否" if over_classes else "是", text)

    def homework_lower(self) -> Proposal:
        name = STAGE_NAMES["lower"]
        if not self.has_grades("lower"):
            return Proposal("不适用", f"学校无{name}班级")
        facts = self.stage_facts("lower")
        logged = sum(f.logged for _, f in facts)
        if not logged:
            return no_records(name)
        # Optional (选做) written minutes count too: grades 1–2 get no written homework at home at all.
        written = sum(f.written_days for _, f in facts)
        rest = sum(f.rest_written for _, f in facts)
        text = f"{name}作业登记 {logged} 班次，其中布置书面家庭作业 {written} 班次"
        if rest:
            text += f"，休息日布置书面作业 {rest} 次"
        if written or rest:
            classes = sorted({c.name for c, f in facts if f.written_days or f.rest_written})
            text += f"（{'、'.join(classes)}）"
        return Proposal("否" if written or rest else "是", text)

    def homework_publicity(self, *, daily: bool) -> Proposal:
        facts = self.homework_facts
        days = sum(f.days for _, f in facts)
        if not days:
            return no_records("")
        logged = sum(f.logged for _, f in facts)
        unlogged = days - logged
        if not logged:
            return Proposal("", f"{NO_RECORDS}（应登记 {days} 班次）", False)
        text = f"作业公示登记 {logged}/{days} 班次（{_pct(logged, days)}）"
        if unlogged:
            names = sorted({c.name for c, f in facts if f.days > f.logged})
            text += f"，未登记 {unlogged} 班次（{'、'.join(names[:4])}{'等' if len(names) > 4 else ''}）"
        answer = "否" if daily and unlogged else "是"
        return Proposal(answer, text)

    def homework_volume(self) -> Proposal:
        parts, answers = [], []
        for stage in ("lower", "primary", "junior"):
            if not self.has_grades(stage):
                continue
            proposal = self.homework_lower() if stage == "lower" else self.homework_stage(stage)
            if proposal.has_data:
                parts.append(proposal.evidence)
                answers.append(proposal.answer)
        if not parts and not any(f.rest_periods for _, f in self.homework_facts):
            return no_records("")
        rest_runs = sum(f.rest_red for _, f in self.homework_facts)
        parts.append(
            f"周末/节假日书面作业超过学校总量 {rest_runs} 次"
            if rest_runs
            else "周末/节假日书面作业均未超过学校总量"
        )
        answer = "否" if "否" in answers or rest_runs else "是"
        return Proposal(answer, "；".join(parts))

    def homework_matching(self, match: str, clean: str, found: str) -> Proposal:
        """Entries whose content matches ``MATCHES[match]``: how many, and the first (class by class)."""
        entries = sum(f.entries for _, f in self.homework_facts)
        if not entries:
            return no_records("")
        hits = sum(f.hits[match] for _, f in self.homework_facts)
        if not hits:
            return Proposal("是", f"本期作业登记 {entries} 条，{clean}")
        school_class, facts = next((c, f) for c, f in self.homework_facts if f.hits[match])
        day, subject, content = facts.first_hit[match]
        example = f"{school_class.name} {day:%m-%d} {subject}“{content}”"
        return Proposal("否", f"本期作业登记 {entries} 条，{found} {hits} 条（如 {example}）")

    def homework_adjustments(self) -> Proposal:
        entries = sum(f.entries for _, f in self.homework_facts)
        if not entries:
            return no_records("")
        adjusted = sum(f.adjusted for _, f in self.homework_facts)
        if not adjusted:
            return Proposal("", "本期无作业调整记录", True)
        return Proposal("是", f"本期作业调整记录 {adjusted} 条")

    # ---------------------------------------------------------------- other areas (week figures)

    def figures_sum(
        self, key: str, figure: Callable[[Any], float | None], rows: list[AreaWeek] | None = None
    ) -> float:
        """The sum over the rows (the period's logged weeks of the area) of one figure, read by attribute
        (``lambda figures: figures.missing_log_days``): a renamed figure is an AttributeError, never 0.
        A figure the area left unknown (None) adds nothing; rows without figures are not counted."""
        rows = self.logged_area_weeks(key) if rows is None else rows
        values = [figure(r.figures) for r in rows if r.figures is not None]
        return sum(float(v) for v in values if v is not None)

    def sleep_monitoring(self) -> Proposal:
        rows = [r for r in self.area_weeks("sleep") if r.figures is not None and r.figures.sampled > 0]
        if not rows:
            return no_records("睡眠监测")
        sampled = int(self.figures_sum("sleep", lambda figures: figures.sampled, rows))
        classes = len({r.class_id for r in rows})

        def share(figure: Callable[[Any], float | None]) -> str:
            known = [r.figures for r in rows if figure(r.figures) is not None]
            weight = sum(figures.sampled for figures in known)
            if not weight:
                return "—"
            return percent(sum(figure(figures) * figures.sampled for figures in known) / weight)

        return Proposal(
            "是",
            f"睡眠抽查 {sampled} 人次（{classes} 个班），睡眠时长达标 {share(lambda figures: figures.meet_sleep_share)}，"
            f"按时就寝 {share(lambda figures: figures.meet_bedtime_share)}",
        )

    def sleep_parent_notice(self) -> Proposal:
        """C13 from the notice the school recorded on the sleep page (作息时间), for the period's term."""
        term = self.calendar.term_for(self.cutoff) or self.calendar.current_or_last_term(self.cutoff)
        notice = area_module("sleep").parent_notice(self.db, term.id) if term else None
        if notice is None or notice.notified_on > self.cutoff:
            return no_records("告知家长保证学生按时就寝的通知")
        return Proposal("是", f"{notice.notified_on:%Y-%m-%d} 已告知家长保证学生按时就寝（{notice.how}）")

    def schedules(self) -> dict | None:
        """The term's 作息时间 per stage (sleep module), or None when it is not available."""
        getter = getattr(area_module("sleep"), "schedules", None)
        term = self.calendar.term_for(self.cutoff) or self.calendar.current_or_last_term(self.cutoff)
        if getter is None or term is None:
            return None
        return getter(self.db, term.id) or None

    def first_class(self, secondary: bool) -> Proposal:
        stages = [
            s
            for s in (("初中", "高中") if secondary else ("小学",))
            if any(class_names.grade_stage(c.grade) == s for c in self.classes)
        ]
        name = "中学" if secondary else "小学"
        if not stages:
            return Proposal("不适用", f"学校无{name}年级")
        schedules = self.schedules()
        items = [(stage, (schedules or {}).get(stage)) for stage in stages]
        if any(item is None or item.first_class is None for _, item in items):
            return Proposal("", f"{NO_RECORDS}（作息时间未录入）", False)
        parts, ok = [], True
        for stage, item in items:
            limit = str(self.rules.value("sleep.earliest_first_class", STAGE_FIRST_GRADE[stage], self.cutoff))
            ok = ok and item.first_class >= dt.time.fromisoformat(limit)
            parts.append(f"{stage}上午第一节课 {item.first_class:%H:%M}（规定不早于 {limit}）")
        return Proposal("是" if ok else "否", "作息时间表：" + "；".join(parts))

    def early_arrival(self) -> Proposal:
        stages = sorted({class_names.grade_stage(c.grade) for c in self.classes})
        schedules = self.schedules()
        items = [(stage, (schedules or {}).get(stage)) for stage in stages]
        if not items or any(item is None for _, item in items):
            return Proposal("", f"{NO_RECORDS}（作息时间未录入）", False)
        early = [
            f"{stage}（{item.early_arrival_note or '要求提前到校'}）"
            for stage, item in items
            if item.early_arrival
        ]
        if early:
            return Proposal("是", "作息时间表：" + "、".join(early))
        return Proposal("否", "作息时间表：各学段均不要求学生提前到校参加统一的教育教学活动")

    def phone_applications(self) -> Proposal:
        """C1: "均经家长书面申请" only when every application approved for the period has its signed form."""
        if not self.logged_area_weeks("phone"):
            return no_records("手机管理")
        phone = area_module("phone")
        days = [
            self.period.start + dt.timedelta(days=i)
            for i in range((self.cutoff - self.period.start).days + 1)
        ]
        approved = [a for a in phone.applications(self.db) if any(a.valid_on(d) for d in days)]
        expired = int(
            self.figures_sum("phone", lambda figures: figures.expired, self.last_week_area("phone"))
        )
        unsigned = [a for a in approved if not a.attachment_sha]
        if not approved:
            text = "本期无有效的手机入校申请"
        elif not unsigned:
            text = f"手机入校申请有效 {len(approved)} 份，均经家长书面申请并审批（已附家长签字的申请表）"
        else:
            names = "、".join(a.student_name for a in unsigned[:5]) + ("等" if len(unsigned) > 5 else "")
            text = (
                f"手机入校申请有效 {len(approved)} 份，其中 {len(unsigned)} 份未附家长签字的书面申请表"
                f"（{names}），请补齐后再填写"
            )
        if expired:
            text += f"；已过期 {expired} 份"
        return Proposal("是" if approved and not unsigned else "", text, bool(approved))

    def phone_violations(self) -> Proposal:
        rows = self.logged_area_weeks("phone")
        if not rows:
            return no_records("手机管理")
        violations = int(self.figures_sum("phone", lambda figures: figures.violations, rows))
        if not violations:
            return Proposal("是", "本期未发现学生手机带入课堂")
        red = [r for r in rows if r.status.is_red and r.figures.violations]
        last = self.last_week_area("phone")
        escalated = sum(len(r.figures.escalated) for r in last)
        open_cases = int(self.figures_sum("phone", lambda figures: figures.open_escalations, last))
        unfollowed = [name for r in last for name in r.figures.unfollowed_escalations]
        text = f"本期登记违规带入手机 {violations} 人次，均已登记处理"
        if escalated:
            text += (
                f"；本学期 {escalated} 人达到升级处理次数，已结案 {escalated - open_cases} 人、"
                f"跟进中 {open_cases - len(unfollowed)} 人"
            )
        if unfollowed:
            text += f"、尚未与家长沟通 {len(unfollowed)} 人（{'、'.join(unfollowed[:5])}）"
        if red:
            text += f"；{len({r.class_id for r in red})} 个班手机管理判定为违规"
        return Proposal("否" if red or unfollowed else "是", text)

    def phone_custody(self) -> Proposal:
        # A week with days not logged reads 未登记 in the summary: it still counts here, its missing days
        # are the point (leaving it out printed 无缺失 for a class that logged Monday only).
        rows = [r for r in self.area_weeks("phone") if r.status is not Status.NA]
        if not any(r.figures.logged_days for r in rows):
            return no_records("手机保管登记")
        missing = int(self.figures_sum("phone", lambda figures: figures.missing_log_days, rows))
        not_handed = int(self.figures_sum("phone", lambda figures: figures.not_handed_in, rows))
        text = "手机统一保管，每日登记交还" + (
            f"；保管登记缺失 {missing} 天" if missing else "；保管登记无缺失"
        )
        if not_handed:
            text += f"；未按时上交 {not_handed} 人次"
        return Proposal("是", text)

    def phone_policy(self, code: str) -> Proposal:
        """C3–C9 facts the school recorded on the phone page (制度与设施) for the term of the period."""
        items = area_module("phone").check_policy(self.db, self.cutoff)
        found = next((i for i in items if code in i.code.replace("/", " ").split()), None)
        if found is None or found.verdict.status is Status.UNLOGGED:
            return no_records("手机管理制度与设施")
        return Proposal("是" if found.verdict.status is Status.GREEN else "否", found.verdict.reason)

    def reading_catalogue(self) -> dict | None:
        getter = getattr(area_module("reading"), "catalogue_status", None)
        if getter is None:
            return None
        try:
            status = getter(self.db, as_of=self.cutoff)
        except TypeError:
            status = getter(self.db)
        return status if status and any(status.values()) else None

    def reading_review(self) -> Proposal:
        """C24 from the review status: 是 once books are reviewed against the list, the books still in
        review named; 否 only when books are in circulation and none has been reviewed."""
        status = self.reading_catalogue()
        if status is None:
            return no_records("推荐图书审核")
        reviewed = status.get("reviewed", 0)
        pending = [
            s.book.title
            for s in area_module("reading").book_statuses(self.db, as_of=self.cutoff)
            if s.in_circulation and not s.review_complete
        ]
        text = f"读物目录已按12条负面清单审核 {reviewed} 种（其中推荐 {status.get('recommended', 0)} 种）"
        if pending:
            shown = "、".join(f"《{t}》" for t in pending[:5]) + ("等" if len(pending) > 5 else "")
            text += f"；在架待审核 {len(pending)} 种：{shown}"
        else:
            text += "；在架图书均已审核"
        if status.get("problem_dispositioned") or status.get("problem_open"):
            text += (
                f"；问题读物已处置 {status.get('problem_dispositioned', 0)} 种、"
                f"未处置 {status.get('problem_open', 0)} 种"
            )
        return Proposal("是" if reviewed else "否", text)

    def reading_published(self) -> Proposal:
        status = self.reading_catalogue()
        if status is None:
            return no_records("推荐书目")
        recommended, unpublished = status.get("recommended", 0), status.get("recommended_unpublished", 0)
        text = f"推荐书目 {recommended} 种" + (
            f"，其中 {unpublished} 种尚未向家长公示" if unpublished else "，均已向家长公示"
        )
        return Proposal("否" if unpublished or not recommended else "是", text)

    def reading_class_books(self) -> Proposal:
        rows = self.last_week_area("reading")
        if not rows or not any(r.figures.class_books for r in rows):
            return no_records("班级图书角")
        books = int(self.figures_sum("reading", lambda figures: figures.class_books, rows))
        unreviewed = int(self.figures_sum("reading", lambda figures: figures.unreviewed_books, rows))
        problem_open = int(self.figures_sum("reading", lambda figures: figures.problem_open, rows))
        text = f"班级图书角登记 {books} 种，未审核 {unreviewed} 种，问题读物未处置 {problem_open} 种"
        return Proposal("否" if unreviewed or problem_open else "是", text)

    def pe_lessons(self) -> Proposal:
        rows = self.logged_area_weeks("activity")
        if not rows:
            return no_records("体育课")
        held = int(self.figures_sum("activity", lambda figures: figures.pe_held, rows))
        required = int(self.figures_sum("activity", lambda figures: figures.pe_required, rows))
        taken = int(self.figures_sum("activity", lambda figures: figures.pe_taken_over, rows))
        text = f"体育课应上 {required} 节，实上 {held} 节，被挤占 {taken} 节"
        return Proposal("否" if held < required or taken else "是", text)

    def daily_activity(self) -> Proposal:
        rows = self.logged_area_weeks("activity")
        known = [r for r in rows if r.figures is not None and r.figures.break_minutes_avg is not None]
        if not known:
            return no_records("大课间与校内体育活动")

        def weighted(figure: Callable[[Any], float | None]) -> float | None:
            items = [r.figures for r in known if figure(r.figures) is not None]
            weight = sum(figures.logged_days for figures in items)
            if not weight:
                return None
            return sum(figure(figures) * figures.logged_days for figures in items) / weight

        grade = known[0].grade
        need_break = float(self.rules.value("activity.break_minutes", grade, self.period.end))
        need_active = float(self.rules.value("activity.in_school_minutes", grade, self.period.end))
        break_avg, active_avg = (
            weighted(lambda figures: figures.break_minutes_avg),
            weighted(lambda figures: figures.activity_minutes_avg),
        )
        short_classes = sorted(
            {
                r.class_name
                for r in known
                if (r.figures.break_minutes_avg or 0) < need_break
                or (r.figures.activity_minutes_avg or 0) < need_active
            }
        )
        text = (
            f"大课间日均 {_figure(break_avg or 0, need_break)} 分钟（要求 {_num(need_break)}），"
            f"校内体育活动日均 {_figure(active_avg or 0, need_active)} 分钟（要求 {_num(need_active)}）"
        )
        if short_classes:
            text += f"；未达要求的班级 {len(short_classes)} 个"
        return Proposal("否" if short_classes else "是", text)

    def eyes(self) -> Proposal:
        rows = self.logged_area_weeks("activity")
        if not rows:
            return no_records("眼保健操与视力监测")
        ok_days = int(self.figures_sum("activity", lambda figures: figures.eye_exercise_ok_days, rows))
        days = int(self.figures_sum("activity", lambda figures: figures.school_days, rows))
        last = self.last_week_area("activity")
        last = [r for r in last if r.figures is not None]  # weeks before the PE rule have no figures
        screenings = [r.figures.vision_screenings_term for r in last] or [0]
        required = max([r.figures.vision_required for r in last] or [0])
        text = (
            f"眼保健操每天两次的班日 {ok_days}/{days}（{_pct(ok_days, days)}）；"
            f"本学期视力监测各班最少 {min(screenings)} 次（要求 {required} 次）"
        )
        return Proposal("否" if ok_days < days or min(screenings) < required else "是", text)

    def fitness_test(self) -> Proposal:
        """S13 from ``fivemgmt.fitness.test_status``: the school year containing the period's last counted day.

        Not every student tested or 免测 → 否. All done → 是 only when the status says the results were
        uploaded; the app does not record the upload, so otherwise the school answers (the evidence says so).
        """
        from fivemgmt import fitness

        getter = getattr(fitness, "test_status", None)
        status = getter(self.db, self.cutoff, today=self.today) if getter is not None else None
        if not status:
            return no_records("体质健康测试")
        tested, students = status["tested"], status["students"]
        exempt, done = status["exempt"], status["tested"] + status["exempt"]
        parts = [
            f"{status['school_year']}学年体质健康测试已测 {tested}/{students} 人（{_pct(tested, students)}）"
        ]
        if exempt:
            parts[0] += f"，免测 {exempt} 人"
        parts.append(f"{status['classes_complete']}/{status['classes']} 个班全部测完")
        missing = [
            f"{label} {status[key]} 人"
            for key, label in (("untested", "未测"), ("incomplete", "成绩不完整"))
            if status.get(key)
        ]
        if missing:
            parts.append("、".join(missing))
        if status["no_table"]:
            parts.append(f"无评分表 {status['no_table']} 人（已录入成绩，暂不能评定等级）")
        parts.append(f"不及格 {status['failing']} 人")
        uploaded = status.get("uploaded")
        if done < students:
            answer = "否"
        elif uploaded is None:
            answer = ""
            parts.append("是否已上报国家学生体质健康标准数据管理系统，请学校核实后填写")
        else:
            answer, parts = ("是", [*parts, "已上报"]) if uploaded else ("否", [*parts, "尚未上报"])
        return Proposal(answer, "；".join(parts))

    def afterschool(self) -> Proposal:
        rows = self.logged_area_weeks("afterschool")
        if not rows:
            return no_records("课后服务")
        held = int(self.figures_sum("afterschool", lambda figures: figures.days_held, rows))
        required = int(self.figures_sum("afterschool", lambda figures: figures.days_required, rows))
        short = int(self.figures_sum("afterschool", lambda figures: figures.short_days, rows))
        early = int(self.figures_sum("afterschool", lambda figures: figures.early_end_days, rows))
        minutes = [r.figures.minutes_avg for r in rows if r.figures.minutes_avg is not None]
        average = sum(minutes) / len(minutes) if minutes else None
        text = (
            f"课后服务应开 {required} 班日，实开 {held} 班日，"
            f"日均 {_figure(average, 120) if average is not None else '—'} 分钟；"
            f"不足2小时 {short} 班日，早于下班时间结束 {early} 班日"
        )
        return Proposal("否" if held < required or short or early else "是", text)

    def kindergarten(self) -> Proposal:
        info = school.get_school(self.db) or {}
        stage = info.get("stage") or "中小学"
        return Proposal("不适用", f"本校为{stage}学校，无幼儿园")


_EVIDENCE_PREFIXES = [
    ("homework_", "homework"),
    ("sleep_", "sleep"),
    ("first_class_", "sleep"),  # the 作息时间 the sleep page records
    ("early_arrival", "sleep"),
    ("phone_", "phone"),
    ("reading_", "reading"),
    ("pe_lessons", "activity"),
    ("daily_activity", "activity"),
    ("eyes", "activity"),
    ("fitness_test", "fitness"),
    ("afterschool", "afterschool"),
]
EVIDENCE: dict[str, Callable[[Evidence], Proposal]] = {
    "homework_primary": lambda e: e.homework_stage("primary"),
    "homework_junior": lambda e: e.homework_stage("junior"),
    "homework_grade12": Evidence.homework_lower,
    "homework_volume": Evidence.homework_volume,
    "homework_publicity": lambda e: e.homework_publicity(daily=False),
    "homework_publicity_daily": lambda e: e.homework_publicity(daily=True),
    "homework_phone": lambda e: e.homework_matching(
        "phone", "未发现用手机布置或要求用手机完成的作业", "内容涉及手机/APP 的作业"
    ),
    "homework_parents": lambda e: e.homework_matching(
        "parents", "未发现布置给家长或要求家长批改的作业", "内容要求家长批改或完成的作业"
    ),
    "homework_adjustments": Evidence.homework_adjustments,
    "sleep_monitoring": Evidence.sleep_monitoring,
    "sleep_parent_notice": Evidence.sleep_parent_notice,
    "first_class_primary": lambda e: e.first_class(False),
    "first_class_secondary": lambda e: e.first_class(True),
    "early_arrival": Evidence.early_arrival,
    "phone_applications": Evidence.phone_applications,
    "phone_violations": Evidence.phone_violations,
    "phone_custody": Evidence.phone_custody,
    **{
        f"phone_policy_{code}": (lambda e, code=code: e.phone_policy(code))
        for code in ("C3", "C4", "C5", "C8", "C9")
    },
    "reading_review": Evidence.reading_review,
    "reading_published": Evidence.reading_published,
    "reading_class_books": Evidence.reading_class_books,
    "pe_lessons": Evidence.pe_lessons,
    "daily_activity": Evidence.daily_activity,
    "eyes": Evidence.eyes,
    "fitness_test": Evidence.fitness_test,
    "afterschool": Evidence.afterschool,
    "kindergarten": Evidence.kindergarten,
}

# The area whose figures each evidence key reads (what a change must touch to recompute it; None: all).
EVIDENCE_AREA: dict[str, str | None] = {
    key: next((area for prefix, area in _EVIDENCE_PREFIXES if key.startswith(prefix)), None)
    for key in EVIDENCE
}


# ------------------------------------------------------------------ 存在问题 from red statuses


def red_findings(db: Database, period: Period, today: dt.date | None = None) -> list[fnd.Finding]:
    """Proposed 存在问题: one per class and area that was red in some week of the period (not saved yet).

    The text names the weeks and the newest red week's reason; ``auto_key`` (area, class, period) keeps a
    saved or dismissed (deleted) proposal from coming back.
    """
    evidence = Evidence(db, period, today)
    reds: dict[tuple[str, str], list[tuple[summary.SchoolWeek, AreaWeek]]] = {}
    for week in evidence.all_weeks:
        for class_week in week.classes:
            for key, area in class_week.areas.items():
                if area.status.is_red:
                    reds.setdefault((key, area.class_id), []).append((week, area))
    proposals = []
    for (key, class_id), items in reds.items():
        week, area = items[-1]
        title = week.area_titles.get(key, key)
        weeks = "、".join(w.label for w, _ in items)
        item_code = ITEM_FOR_AREA.get(key, "")
        if key == "homework":
            item_code = "S5" if area.grade <= 2 else ("S6" if area.grade <= 6 else "S7")
        proposals.append(
            fnd.Finding(
                None,
                f"{area.class_name}{title}未达标（{weeks}）：{area.reason}",
                area=key,
                item_code=item_code,
                class_name=area.class_name,
                found_on=min(week.monday + dt.timedelta(days=6), evidence.cutoff),
                auto_key=f"{key}|{class_id}|{period.key}",
            )
        )
    order = {key: i for i, key in enumerate(AREA_ORDER)}
    proposals.sort(key=lambda f: (order.get(f.area, 99), f.class_name))
    return proposals


def pending_red_findings(db: Database, period: Period, today: dt.date | None = None) -> list[fnd.Finding]:
    """Red proposals not yet on the list and not dismissed (a deleted finding keeps its key)."""
    known = {r["auto_key"] for r in db.query(f"SELECT auto_key FROM {fnd.FINDINGS} WHERE auto_key != ''")}
    return [f for f in red_findings(db, period, today) if f.auto_key not in known]


AREA_ORDER = ["homework", "sleep", "phone", "reading", "activity", "afterschool"]
WEEK_AREAS = AREA_ORDER[1:]  # read by their week figures (homework is counted by the day)
ITEM_FOR_AREA = {"phone": "C2", "reading": "C24", "sleep": "C13", "activity": "S11", "afterschool": ""}


def warm(db: Database, today: dt.date | None = None) -> None:
    """Fill the figure cache with this term's checklist proposals (the app runs this off the GUI thread
    after its start-up checks), so the day's first 自查表 reads them instead of computing them."""
    from fivemgmt import i18n
    from fivemgmt.errors import UserError
    from fivemgmt.reports.checklist import SELF_INSPECTION, SHUANGJIAN, load_form

    today = today or clock.today()
    try:
        period = Period.term(db, today)
    except UserError:  # no term yet: nothing to warm
        return
    with i18n.source_language():  # the forms are Chinese whatever the GUI's language (and so is the cache)
        evidence = Evidence(db, period, today)
        for form_id in (SELF_INSPECTION, SHUANGJIAN):
            evidence.rows(load_form(form_id))
