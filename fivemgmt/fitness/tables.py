"""Load the 国家学生体质健康标准 tables from ``resources/fitness/*.csv``.

Everything the scoring needs (bands, BMI bands, weights, bonus margins, grade codes, template columns,
entry rules, level boundaries) comes from the data files, so adding a grade's table later means adding
CSV rows, not code. ``default_tables()`` loads once per process.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from fivemgmt.errors import UserError
from fivemgmt.resources import resource_path

SEXES = ("M", "F")
SEX_CN = {"M": "男", "F": "女"}


@dataclass(frozen=True)
class ItemInfo:
    """How a measurement is entered: one row of items.csv."""

    key: str
    name: str  # Chinese name, e.g. 50米跑
    unit: str
    kind: str  # number | seconds | minsec | derived
    decimals: int
    rounding: str  # ceil | halfup | reject
    min: Decimal | None
    max: Decimal | None

    @functools.cached_property
    def memo(self) -> dict:
        """Values of this item already parsed (see ``parsing.parse_value``); not part of its identity."""
        return {}


@dataclass(frozen=True)
class ItemTable:
    """Score bands of one item for one grade and sex, best band first (blank bands left out)."""

    item: str
    direction: str  # higher | lower
    bands: tuple[tuple[int, Decimal], ...]  # (score, threshold), score descending

    @property
    def top_threshold(self) -> Decimal:
        return self.bands[0][1]

    def score(self, value: Decimal) -> int:
        """Band score of a result (no interpolation): the best band it reaches, 0 below the 10-point
        threshold. Each value is looked up once (a school's results repeat the same few hundred values)."""
        memo = self._memo
        found = memo.get(value)
        if found is None:
            found = 0
            for score, threshold in self.bands:
                if value >= threshold if self.direction == "higher" else value <= threshold:
                    found = score
                    break
            if len(memo) >= 65536:
                memo.clear()
            memo[value] = found
        return found

    @functools.cached_property
    def _memo(self) -> dict[Decimal, int]:
        return {}


@dataclass(frozen=True)
class BmiBands:
    low_weight_max: Decimal
    normal_max: Decimal
    overweight_max: Decimal


@dataclass(frozen=True)
class GradeInfo:
    code: str
    name: str
    stage: str
    years: int | None  # years of schooling in a 六三制 school
    wusi_scored_as: str


@dataclass(frozen=True)
class TemplateColumn:
    col_no: int
    header: str
    field: str
    variants: tuple[str, ...]


@dataclass
class FitnessTables:
    items: dict[str, ItemInfo] = field(default_factory=dict)
    item_tables: dict[tuple[str, str, str], ItemTable] = field(default_factory=dict)  # (grade, sex, item)
    bmi: dict[tuple[str, str], BmiBands] = field(default_factory=dict)  # (grade, sex)
    weights: dict[tuple[str, str], dict[str, Decimal]] = field(default_factory=dict)  # (grade, sex) -> item
    bonus: dict[tuple[str, str, str], tuple[Decimal, ...]] = field(default_factory=dict)  # margins
    grades: dict[str, GradeInfo] = field(default_factory=dict)
    template: tuple[TemplateColumn, ...] = ()
    max_total_bonus: Decimal = Decimal(20)
    levels: tuple[tuple[Decimal, str], ...] = ()  # (lower bound, level), best first
    # grade code -> where its tables came from, for tables a school loaded from a file (fitness/loaded.py);
    # empty for the bundled tables
    loaded_sources: dict[str, str] = field(default_factory=dict)

    def has_table(self, grade_code: str, sex: str) -> bool:
        """True when every weighted item of this grade and sex has its scoring table."""
        weights = self.weights.get((grade_code, sex))
        if not weights:
            return False
        for item in weights:
            if item == "bmi":
                if (grade_code, sex) not in self.bmi:
                    return False
            elif (grade_code, sex, item) not in self.item_tables:
                return False
        return True


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """CSV rows with their line numbers, skipping # comment lines."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for index, row in enumerate(reader):
        yield lines[index + 1][0], {k: (v or "").strip() for k, v in row.items()}


def _dec(text: str, where: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise UserError(f"体质数据文件格式错误 ({where}): {text!r} 不是数字") from None


def _expand_sex(text: str) -> tuple[str, ...]:
    return tuple(s for s in SEXES if s in text)


def load_tables(root: Path | None = None) -> FitnessTables:
    """Read all fitness data files from ``root`` (default: resources/fitness) and check them."""
    root = root or resource_path("fitness")
    tables = FitnessTables()

    for n, row in _rows(root / "items.csv"):
        where = f"items.csv:{n}"
        tables.items[row["item"]] = ItemInfo(
            key=row["item"],
            name=row["item_cn"],
            unit=row["unit"],
            kind=row["kind"],
            decimals=int(row["decimals"]),
            rounding=row["rounding"],
            min=_dec(row["min"], where) if row["min"] else None,
            max=_dec(row["max"], where) if row["max"] else None,
        )

    raw_bands: dict[tuple[str, str, str], list[tuple[int, Decimal]]] = {}
    directions: dict[tuple[str, str, str], str] = {}
    for n, row in _rows(root / "item_tables.csv"):
        key = (row["grade_code"], row["sex"], row["item"])
        directions[key] = row["direction"]
        if row["threshold"]:  # blank: the band cannot be reached (pull-ups)
            raw_bands.setdefault(key, []).append(
                (int(row["score"]), _dec(row["threshold"], f"item_tables.csv:{n}"))
            )
    for key, bands in raw_bands.items():
        bands.sort(reverse=True)
        direction = directions[key]
        for (s1, t1), (s2, t2) in zip(bands, bands[1:], strict=False):
            better = t1 > t2 if direction == "higher" else t1 < t2
            if not better:
                raise UserError(f"体质评分表数据错误: {key} 的 {s1} 分与 {s2} 分门槛顺序不对")
        tables.item_tables[key] = ItemTable(item=key[2], direction=direction, bands=tuple(bands))

    for n, row in _rows(root / "bmi_bands.csv"):
        where = f"bmi_bands.csv:{n}"
        tables.bmi[(row["grade_code"], row["sex"])] = BmiBands(
            low_weight_max=_dec(row["low_weight_max"], where),
            normal_max=_dec(row["normal_max"], where),
            overweight_max=_dec(row["overweight_max"], where),
        )

    for n, row in _rows(root / "weights.csv"):
        for grade in row["grade_codes"].split(";"):
            for sex in _expand_sex(row["sex"]):
                tables.weights.setdefault((grade, sex), {})[row["item"]] = _dec(
                    row["weight"], f"weights.csv:{n}"
                )
    for key, weights in tables.weights.items():
        if sum(weights.values()) != 100:
            raise UserError(f"体质权重数据错误: {key} 的权重之和不是100")

    for n, row in _rows(root / "bonus_tables.csv"):
        margins = tuple(_dec(m, f"bonus_tables.csv:{n}") for m in row["margins"].split(";"))
        for grade in row["grade_codes"].split(";"):
            for sex in _expand_sex(row["sex"]):
                tables.bonus[(grade, sex, row["item"])] = margins

    for _, row in _rows(root / "grade_codes.csv"):
        tables.grades[row["grade_code"]] = GradeInfo(
            code=row["grade_code"],
            name=row["grade_name"],
            stage=row["stage"],
            years=int(row["years"]) if row["years"] else None,
            wusi_scored_as=row["wusi_scored_as"] or row["grade_code"],
        )

    tables.template = tuple(
        TemplateColumn(
            col_no=int(row["col_no"]),
            header=row["header"],
            field=row["field"],
            variants=tuple(v for v in row["variants"].split(";") if v),
        )
        for _, row in _rows(root / "template_columns.csv")
    )

    levels: list[tuple[Decimal, str]] = []
    for n, row in _rows(root / "rules.csv"):
        if row["key"] == "max_total_bonus":
            tables.max_total_bonus = _dec(row["value"], f"rules.csv:{n}")
        elif row["key"].startswith("level_"):
            levels.append((_dec(row["value"], f"rules.csv:{n}"), row["key"].removeprefix("level_")))
    tables.levels = tuple(sorted(levels, reverse=True))
    return tables


@functools.cache
def default_tables() -> FitnessTables:
    """The bundled tables, loaded once."""
    return load_tables()
