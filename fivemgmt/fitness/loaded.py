"""Scoring tables the admin loads from a file: the 初中/高中 tables of the 2014 standard, which the app cannot
ship until a verified transcription exists (see ``resources/fitness/README.md``).

A file (csv, or an xlsx whose sheets are the tables) has the same columns as the bundled tables: rows of
``item_tables.csv`` (score bands), ``bmi_bands.csv`` and, optionally, ``bonus_tables.csv``. Each table is
recognised by its header, so one xlsx may carry all three on separate sheets, or three csv files are given
together. Before anything is used the file is checked (:func:`check`): every grade code known and not
already bundled, for each grade both sexes, every test item of the grade with every score band
(100 … 10; the pull-up bands the standard leaves out stay blank, as in the bundled tables), thresholds in
the right order for the item's direction, BMI bands in order, and the 附加分 margins of every bonus item
present. A refused file names each missing or out-of-order cell.

The accepted rows are stored in the school database (one transaction, audited) with the file names and the
SHA-256 of their bytes; :func:`school_tables` gives the bundled tables plus the loaded ones, and every
score that uses a loaded table carries its source (:attr:`FitnessTables.loaded_sources`), which reports
print.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, parsers, records, sheets
from fivemgmt.actor import ADMIN, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.fitness.tables import (
    SEX_CN,
    SEXES,
    BmiBands,
    FitnessTables,
    ItemTable,
    _expand_sex,
    _rows,
    default_tables,
)
from fivemgmt.records import Changes
from fivemgmt.resources import resource_path

log = logging.getLogger(__name__)

SETS = "fitness_table_sets"
ROWS = "fitness_table_rows"

KIND_ITEM, KIND_BMI, KIND_BONUS = "item", "bmi", "bonus"
ITEM_COLUMNS = ("grade_code", "sex", "item", "direction", "score", "threshold")
BMI_COLUMNS = ("grade_code", "sex", "low_weight_max", "normal_max", "overweight_max")
BONUS_COLUMNS = ("grade_codes", "sex", "item", "margins")
KIND_NAMES = {KIND_ITEM: "单项评分表", KIND_BMI: "BMI 分档", KIND_BONUS: "附加分"}
MAX_PROBLEMS_SHOWN = 40


# ------------------------------------------------------------------ reading a file


@dataclass
class TableFile:
    """The rows of one or more table files, as read, before checking."""

    sources: list[str] = field(default_factory=list)  # file names
    sha256: str = ""
    items: list[dict] = field(default_factory=list)  # each with "_where": 文件 第 n 行
    bmi: list[dict] = field(default_factory=list)
    bonus: list[dict] = field(default_factory=list)

    @property
    def grade_codes(self) -> list[str]:
        codes = {r["grade_code"] for r in self.items} | {r["grade_code"] for r in self.bmi}
        return sorted(codes)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _sheet_kind(header: list[Any]) -> str | None:
    names = {parsers.normalize_header(h) for h in header}
    if set(ITEM_COLUMNS) <= names:
        return KIND_ITEM
    if set(BMI_COLUMNS) <= names:
        return KIND_BMI
    if set(BONUS_COLUMNS) <= names:
        return KIND_BONUS
    return None


def _add_sheet(found: TableFile, name: str, rows: list[list[Any]]) -> bool:
    """Add a sheet's rows under its kind; False when no header of a known table is found."""
    for index, header in enumerate(rows[: sheets.HEADER_SCAN_ROWS]):
        kind = _sheet_kind(header)
        if kind is None:
            continue
        keys = [parsers.normalize_header(h) for h in header]
        target = {KIND_ITEM: found.items, KIND_BMI: found.bmi, KIND_BONUS: found.bonus}[kind]
        for number, raw in enumerate(rows[index + 1 :], start=index + 2):
            if not any(_text(c) for c in raw) or _text(raw[0]).startswith("#"):
                continue
            row = {key: _text(raw[i]) if i < len(raw) else "" for i, key in enumerate(keys) if key}
            row["_where"] = f"{name} 第 {number} 行"
            target.append(row)
        return True
    return False


def read_files(paths: Sequence[Path]) -> TableFile:
    """Read table files (csv, or xlsx with one table per sheet) through the one reader."""
    found = TableFile()
    digest = hashlib.sha256()
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise UserError(f"找不到文件：{path}")
        digest.update(path.read_bytes())
        found.sources.append(path.name)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            import openpyxl

            try:
                book = openpyxl.load_workbook(path, read_only=True)
                names = list(book.sheetnames)
                book.close()
            except Exception as error:  # a damaged file: the reader below says so plainly
                raise UserError(f"无法读取“{path.name}”：文件已损坏或不是有效的 xlsx 文件。") from error
            tables = [(f"{path.name}「{n}」", sheets.read_sheet(path, n).rows) for n in names]
        else:
            tables = [(path.name, sheets.read_sheet(path).rows)]
        recognised = [_add_sheet(found, name, rows) for name, rows in tables]
        if not any(recognised):
            raise UserError(
                f"“{path.name}”不是评分表：表头应与随软件提供的 item_tables.csv（{'、'.join(ITEM_COLUMNS)}…）、"
                f"bmi_bands.csv 或 bonus_tables.csv 相同。"
            )
    found.sha256 = digest.hexdigest()
    return found


# ------------------------------------------------------------------ checking


def _bundled_bands(base: FitnessTables) -> tuple[dict[str, set[int]], dict[str, set[int]], dict[str, str]]:
    """Per item, from the bundled item_tables.csv: every score band it has a row for, the bands that can be
    reached (a threshold is given) and its direction."""
    rows_path = resource_path("fitness") / "item_tables.csv"
    bands: dict[str, set[int]] = {}
    reached: dict[str, set[int]] = {}
    direction: dict[str, str] = {}
    for _, row in _rows(rows_path):
        item, score = row["item"], int(row["score"])
        bands.setdefault(item, set()).add(score)
        direction[item] = row["direction"]
        if row["threshold"]:
            reached.setdefault(item, set()).add(score)
    all_bands = set().union(*bands.values()) if bands else set()
    for item in {i for weights in base.weights.values() for i in weights} - {"bmi"}:
        bands.setdefault(item, all_bands)
        reached.setdefault(item, all_bands)
    return bands, reached, direction


def _bonus_items() -> dict[tuple[str, str], set[str]]:
    """(stage, sex) -> items that earn 附加分 (resources/fitness/bonus_items.csv)."""
    out: dict[tuple[str, str], set[str]] = {}
    for _, row in _rows(resource_path("fitness") / "bonus_items.csv"):
        for sex in _expand_sex(row["sex"]):
            out.setdefault((row["stage"], sex), set()).add(row["item"])
    return out


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _grade_label(base: FitnessTables, code: str) -> str:
    info = base.grades.get(code)
    return f"{info.name}({code})" if info else f"年级编号 {code}"


@dataclass
class Checked:
    """A file that passed :func:`check`: the rows to store, by kind."""

    item_rows: list[dict]
    bmi_rows: list[dict]
    bonus_rows: list[dict]
    grade_codes: list[str]


def check(found: TableFile, base: FitnessTables | None = None) -> Checked:
    """Check a file's tables completely; raises UserError listing every missing or out-of-order cell."""
    base = base or default_tables()
    problems: list[str] = []
    bands, reached, directions = _bundled_bands(base)
    bonus_needed = _bonus_items()
    item_names = {key: info.name for key, info in base.items.items()}

    grades = found.grade_codes
    if not found.items:
        problems.append("文件中没有单项评分表（item_tables 的行）")
    for code in grades:
        info = base.grades.get(code)
        if info is None:
            problems.append(f"年级编号 {code} 不是国家上报模板的年级编号（见 grade_codes.csv）")
        elif any(base.has_table(code, sex) for sex in SEXES):
            problems.append(f"{_grade_label(base, code)} 已随软件提供经核实的评分表，不能用文件替换")
    for row in [*found.items, *found.bmi]:
        if row.get("sex") not in SEXES:
            problems.append(f"{row['_where']}：性别“{row.get('sex')}”应为 M 或 F")

    # item tables: (grade, sex, item) -> {score: threshold or None}
    cells: dict[tuple[str, str, str], dict[int, Decimal | None]] = {}
    row_dirs: dict[tuple[str, str, str], str] = {}
    wheres: dict[tuple[str, str, str, int], str] = {}
    item_rows: list[dict] = []
    for row in found.items:
        key = (row["grade_code"], row.get("sex", ""), row.get("item", ""))
        where = row["_where"]
        item = key[2]
        if item not in item_names or item in ("height", "weight", "bmi"):
            problems.append(f"{where}：未知的测试项目“{item}”")
            continue
        try:
            score = int(Decimal(row.get("score") or "x"))
        except (InvalidOperation, ValueError):
            problems.append(f"{where}：分数“{row.get('score')}”不是整数")
            continue
        if score not in bands.get(item, set()):
            problems.append(f"{where}：{item_names[item]}没有 {score} 分这一档")
            continue
        threshold = None
        if row.get("threshold"):
            threshold = _decimal(row["threshold"])
            if threshold is None:
                problems.append(f"{where}：门槛“{row['threshold']}”不是数字")
                continue
        if score in cells.get(key, {}):
            problems.append(
                f"{where}：{_grade_label(base, key[0])} {SEX_CN.get(key[1], key[1])} {item_names[item]} {score} 分重复"
            )
            continue
        expected = directions.get(item)
        if row.get("direction") != expected:
            problems.append(
                f"{where}：{item_names[item]}的方向应为 {expected}（{'越大越好' if expected == 'higher' else '越小越好'}），"
                f"文件写的是“{row.get('direction')}”"
            )
            continue
        cells.setdefault(key, {})[score] = threshold
        wheres[(*key, score)] = where
        row_dirs[key] = expected
        item_rows.append(
            {
                "kind": KIND_ITEM,
                "grade_code": key[0],
                "sex": key[1],
                "item": item,
                "direction": expected,
                "score": score,
                "threshold": None if threshold is None else str(threshold),
            }
        )

    bmi: dict[tuple[str, str], BmiBands] = {}
    bmi_rows: list[dict] = []
    for row in found.bmi:
        key = (row["grade_code"], row.get("sex", ""))
        values = [_decimal(row.get(c) or "") for c in ("low_weight_max", "normal_max", "overweight_max")]
        if any(v is None for v in values):
            problems.append(
                f"{row['_where']}：BMI 分档的 low_weight_max、normal_max、overweight_max 须都是数字"
            )
            continue
        low, normal, over = values
        if not low < normal < over:  # type: ignore[operator]
            problems.append(
                f"{row['_where']}：BMI 分档应为 低体重上限 < 正常上限 < 超重上限（{low}、{normal}、{over}）"
            )
            continue
        if key in bmi:
            problems.append(
                f"{row['_where']}：{_grade_label(base, key[0])} {SEX_CN.get(key[1], key[1])} 的 BMI 分档重复"
            )
            continue
        bmi[key] = BmiBands(low, normal, over)  # type: ignore[arg-type]
        bmi_rows.append(
            {
                "kind": KIND_BMI,
                "grade_code": key[0],
                "sex": key[1],
                "low_weight_max": str(low),
                "normal_max": str(normal),
                "overweight_max": str(over),
            }
        )

    bonus: dict[tuple[str, str, str], tuple[Decimal, ...]] = {}
    bonus_rows: list[dict] = []
    for row in found.bonus:
        margins = [_decimal(m) for m in (row.get("margins") or "").split(";") if m.strip()]
        if not margins or any(m is None or m <= 0 for m in margins):
            problems.append(f"{row['_where']}：附加分 margins 应为以分号分隔的正数，如 1;2;3")
            continue
        if any(b <= a for a, b in zip(margins, margins[1:])):  # type: ignore[operator]
            problems.append(f"{row['_where']}：附加分 margins 应逐级增大（{row.get('margins')}）")
            continue
        for code in (row.get("grade_codes") or "").split(";"):
            for sex in _expand_sex(row.get("sex") or ""):
                bonus[(code.strip(), sex, row.get("item", ""))] = tuple(margins)  # type: ignore[arg-type]
                bonus_rows.append(
                    {
                        "kind": KIND_BONUS,
                        "grade_code": code.strip(),
                        "sex": sex,
                        "item": row.get("item", ""),
                        "margins": ";".join(str(m) for m in margins),
                    }
                )

    # completeness and order, grade by grade
    for code in grades:
        info = base.grades.get(code)
        if info is None:
            continue
        for sex in SEXES:
            who = f"{_grade_label(base, code)} {SEX_CN[sex]}生"
            weights = base.weights.get((code, sex), {})
            if not weights:
                problems.append(f"{who}：weights.csv 中没有该年级的测试项目和权重")
                continue
            if "bmi" in weights and (code, sex) not in bmi:
                problems.append(f"{who}：缺 BMI 分档（bmi_bands 的行）")
            for item in weights:
                if item == "bmi":
                    continue
                table = cells.get((code, sex, item), {})
                name = item_names[item]
                missing = sorted(
                    (s for s in reached[item] if table.get(s) is None),
                    reverse=True,
                )
                if not table:
                    problems.append(f"{who} {name}：整张表缺失")
                    continue
                if missing:
                    problems.append(f"{who} {name}：缺 {'、'.join(str(s) for s in missing)} 分的门槛")
                blank_only = bands[item] - reached[item]
                filled_unreachable = sorted((s for s in blank_only if table.get(s) is not None), reverse=True)
                if filled_unreachable:
                    problems.append(
                        f"{who} {name}：标准中没有 {'、'.join(str(s) for s in filled_unreachable)} 分这几档，门槛应留空"
                    )
                given = sorted(((s, t) for s, t in table.items() if t is not None), reverse=True)
                higher = directions[item] == "higher"
                for (s1, t1), (s2, t2) in zip(given, given[1:]):
                    if not (t1 > t2 if higher else t1 < t2):
                        need = "大于" if higher else "小于"
                        where = wheres.get((code, sex, item, s1), "")
                        problems.append(
                            f"{who} {name}：{s1} 分的门槛 {t1} 应{need} {s2} 分的 {t2}（顺序不对，{where}）"
                        )
            for item in sorted(bonus_needed.get((info.stage, sex), set()) & set(weights)):
                if (code, sex, item) not in bonus and (code, sex, item) not in base.bonus:
                    problems.append(f"{who} {item_names[item]}：缺附加分规则（bonus_tables 的行）")
        for sex in SEXES:
            for key in [k for k in cells if k[0] == code and k[1] == sex]:
                if key[2] not in base.weights.get((code, sex), {}):
                    problems.append(
                        f"{_grade_label(base, code)} {SEX_CN[sex]}生不测{item_names.get(key[2], key[2])}，表中却有该项"
                    )

    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        raise UserError(
            f"评分表文件未通过检查，未装入（{len(problems)} 处问题）：\n"
            + "\n".join(shown)
            + (f"\n……另有 {more} 处" if more else "")
        )
    return Checked(item_rows, bmi_rows, bonus_rows, grades)


def merge(base: FitnessTables, rows: Iterable[dict], sources: dict[str, str]) -> FitnessTables:
    """The bundled tables plus stored (checked) rows; ``sources``: grade code -> where its table came from."""
    tables = dataclasses.replace(
        base,
        item_tables=dict(base.item_tables),
        bmi=dict(base.bmi),
        bonus=dict(base.bonus),
        loaded_sources={**base.loaded_sources, **sources},
    )
    bands: dict[tuple[str, str, str], list[tuple[int, Decimal]]] = {}
    dirs: dict[tuple[str, str, str], str] = {}
    for row in rows:
        if row["kind"] == KIND_ITEM:
            key = (row["grade_code"], row["sex"], row["item"])
            dirs[key] = row["direction"]
            if row.get("threshold") not in (None, ""):
                bands.setdefault(key, []).append((int(row["score"]), Decimal(row["threshold"])))
        elif row["kind"] == KIND_BMI:
            tables.bmi[(row["grade_code"], row["sex"])] = BmiBands(
                Decimal(row["low_weight_max"]), Decimal(row["normal_max"]), Decimal(row["overweight_max"])
            )
        elif row["kind"] == KIND_BONUS:
            tables.bonus[(row["grade_code"], row["sex"], row["item"])] = tuple(
                Decimal(m) for m in row["margins"].split(";")
            )
    for key, found in bands.items():
        tables.item_tables[key] = ItemTable(
            item=key[2], direction=dirs[key], bands=tuple(sorted(found, reverse=True))
        )
    return tables


# ------------------------------------------------------------------ the school's loaded tables


def _as_file(rows: list[dict], source: str) -> TableFile:
    """Stored rows in the shape :func:`check` reads."""
    found = TableFile(sources=[source])
    for n, row in enumerate(rows, 1):
        where = f"{source}（已存）第 {n} 条"
        if row["kind"] == KIND_ITEM:
            found.items.append(
                {
                    "grade_code": row["grade_code"],
                    "sex": row["sex"],
                    "item": row["item"] or "",
                    "direction": row["direction"] or "",
                    "score": str(row["score"]),
                    "threshold": row["threshold"] or "",
                    "_where": where,
                }
            )
        elif row["kind"] == KIND_BMI:
            found.bmi.append({**{k: row[k] or "" for k in BMI_COLUMNS}, "_where": where})
        elif row["kind"] == KIND_BONUS:
            found.bonus.append(
                {
                    "grade_codes": row["grade_code"],
                    "sex": row["sex"],
                    "item": row["item"] or "",
                    "margins": row["margins"] or "",
                    "_where": where,
                }
            )
    return found


def source_text(set_row: dict) -> str:
    """How a loaded table is named on reports: file, checksum, date."""
    return (
        f"学校装入的评分表“{set_row['source']}”（SHA-256 {set_row['sha256'][:16]}…，"
        f"{set_row.get('loaded_on') or ''} 装入），非软件自带"
    )


def loaded_sets(db: Database) -> list[dict]:
    if SETS not in db.table_names():
        return []
    return records.live_rows(db, SETS, order_by="loaded_on, id")


_CACHE: dict[tuple, FitnessTables] = {}


def school_tables(db: Database) -> FitnessTables:
    """The bundled tables plus the tables this school loaded (cached per loaded set)."""
    sets = loaded_sets(db)
    if not sets:
        return default_tables()
    stamp = db.execute(f"SELECT max(updated_at), count(*) FROM [{ROWS}] WHERE deleted = 0").fetchone()
    key = (tuple((s["id"], s["sha256"], s["updated_at"]) for s in sets), tuple(stamp))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    # Rows can also arrive by an xlsx import or a package: each set is checked again before use, and a set
    # that no longer passes is not used (its grades stay 无评分表) rather than scoring with a broken table.
    usable: list[dict] = []
    sources: dict[str, str] = {}
    for one in sets:
        rows = records.live_rows(db, ROWS, "set_id = ?", [one["id"]])
        try:
            check(_as_file(rows, one["source"]))
        except UserError:
            log.warning("loaded fitness tables %s (%s) fail the check; not used", one["source"], one["id"])
            continue
        usable.extend(rows)
        sources.update(dict.fromkeys(one["grade_codes"].split(";"), source_text(one)))
    tables = merge(default_tables(), usable, sources)
    _CACHE.clear()
    _CACHE[key] = tables
    return tables


@dataclass(frozen=True)
class LoadResult:
    changes: Changes
    set_id: str
    grade_codes: list[str]
    sources: list[str]
    sha256: str
    replaced: list[str]  # sources of earlier loads whose grades this one replaces


def load(db: Database, actor: Actor, paths: Sequence[Path], *, today: dt.date | None = None) -> LoadResult:
    """Check table files and, when they pass, store them for this school in one transaction."""
    actor.require_role(ADMIN)
    found = read_files(paths)
    checked = check(found)
    changes = Changes()
    day = (today or clock.today()).isoformat()
    codes = checked.grade_codes
    replaced: list[str] = []
    with transaction(db):
        for old in loaded_sets(db):
            if set(old["grade_codes"].split(";")) & set(codes):
                replaced.append(old["source"])
                old_rows = records.live_rows(db, ROWS, "set_id = ?", [old["id"]])
                records.save_many(
                    db, ROWS, [{"id": r["id"], "deleted": 1} for r in old_rows], actor, changes=changes
                )
                records.delete(db, SETS, old["id"], actor, changes=changes)
        rows = [*checked.item_rows, *checked.bmi_rows, *checked.bonus_rows]
        set_id = records.save(
            db,
            SETS,
            {
                "source": "、".join(found.sources),
                "sha256": found.sha256,
                "grade_codes": ";".join(codes),
                "loaded_on": day,
                "row_count": len(rows),
            },
            actor,
            changes=changes,
        )
        records.save_many(db, ROWS, [{**r, "set_id": set_id} for r in rows], actor, changes=changes)
    return LoadResult(changes, set_id, codes, found.sources, found.sha256, replaced)


def tables_from_files(paths: Sequence[Path]) -> FitnessTables:
    """Checked tables from files, without a database (``fivemgmt fitness score --tables``)."""
    found = read_files(paths)
    checked = check(found)
    source = {
        "source": "、".join(found.sources),
        "sha256": found.sha256,
        "loaded_on": clock.today().isoformat(),
    }
    sources = dict.fromkeys(checked.grade_codes, source_text(source))
    return merge(default_tables(), [*checked.item_rows, *checked.bmi_rows, *checked.bonus_rows], sources)
