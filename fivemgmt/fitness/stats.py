"""Class/grade statistics and report helpers over scored students (pure functions, no database, no Qt)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from fivemgmt.fitness.scoring import (
    COMPLETE,
    EXEMPT,
    INCOMPLETE,
    NO_TABLE,
    SCORED,
    ItemScore,
    StudentScore,
    round_half_up,
)
from fivemgmt.fitness.tables import FitnessTables, default_tables


def weakest_items(score: StudentScore, count: int = 3) -> list[ItemScore]:
    """The student's lowest-scoring scored items (ties: the heavier-weighted item first), for advice."""
    scored = [entry for entry in score.items.values() if entry.status == SCORED and entry.score is not None]
    scored.sort(key=lambda entry: (entry.score, -entry.weight, entry.item))
    return scored[:count]


@dataclass
class ClassStatistics:
    """Figures for one group of students. Rates are over students with a complete total."""

    students: int = 0
    complete: int = 0
    incomplete: int = 0
    exempt: int = 0
    no_table: int = 0
    level_counts: dict[str, int] = field(default_factory=dict)  # 优秀/良好/及格/不及格 -> count
    level_rates: dict[str, Decimal] = field(default_factory=dict)  # percent, one decimal, half-up
    pass_rate: Decimal | None = None  # 及格及以上, percent
    average_total: Decimal | None = None  # one decimal
    item_average_scores: dict[str, Decimal] = field(default_factory=dict)  # item -> mean score, one decimal
    item_average_values: dict[str, Decimal] = field(default_factory=dict)  # item -> mean raw value (2 dp)
    failing: list[tuple[str, StudentScore, list[ItemScore]]] = field(default_factory=list)  # 不及格 follow-up


def class_statistics(
    scores: Mapping[str, StudentScore], *, tables: FitnessTables | None = None
) -> ClassStatistics:
    """Statistics of ``scores`` (student key -> StudentScore): level counts and rates, averages per item,
    and the 不及格 students with their weakest items."""
    tables = tables or default_tables()
    stats = ClassStatistics(students=len(scores))
    levels = [level for _, level in tables.levels]
    stats.level_counts = dict.fromkeys(levels, 0)
    totals: list[Decimal] = []
    item_scores: dict[str, list[int]] = {}
    item_values: dict[str, list[Decimal]] = {}
    for key, score in scores.items():
        if score.status == COMPLETE:
            stats.complete += 1
        elif score.status == INCOMPLETE:
            stats.incomplete += 1
        elif score.status == EXEMPT:
            stats.exempt += 1
        elif score.status == NO_TABLE:
            stats.no_table += 1
        for entry in score.items.values():
            if entry.status == SCORED and entry.score is not None:
                item_scores.setdefault(entry.item, []).append(entry.score)
            if entry.value is not None and score.status != EXEMPT:
                item_values.setdefault(entry.item, []).append(entry.value)
        if score.status == COMPLETE and score.total is not None and score.level:
            totals.append(score.total)
            stats.level_counts[score.level] = stats.level_counts.get(score.level, 0) + 1
            if score.level == levels[-1]:
                stats.failing.append((key, score, weakest_items(score)))
    if stats.complete:
        stats.level_rates = {
            level: round_half_up(Decimal(100) * count / stats.complete)
            for level, count in stats.level_counts.items()
        }
        passed = stats.complete - stats.level_counts.get(levels[-1], 0)
        stats.pass_rate = round_half_up(Decimal(100) * passed / stats.complete)
        stats.average_total = round_half_up(sum(totals, Decimal(0)) / len(totals))
    stats.item_average_scores = {
        item: round_half_up(Decimal(sum(values)) / len(values)) for item, values in item_scores.items()
    }
    stats.item_average_values = {
        item: round_half_up(sum(values, Decimal(0)) / len(values), 2) for item, values in item_values.items()
    }
    stats.failing.sort(key=lambda entry: entry[1].total or Decimal(0))
    return stats
