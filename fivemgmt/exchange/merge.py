"""Merging exchange packages (:mod:`fivemgmt.exchange.package` reads and checks them) into this installation.

Import merges row by row: a new record is inserted; a record whose local version is in the incoming
record's history is updated; an incoming version this installation already has (or has superseded) is
skipped; otherwise both sides changed it — a conflict. The preview lists each conflict as a person reads
it (class · date · subject · field: 本机 old → 数据包 new); the person chooses per conflict to keep this
installation's version or take the package's, and nothing is imported until every conflict has a choice.
Both versions go into the audit trail; the version not kept is remembered as seen, so re-importing the
same package does not ask again. The whole import runs in one transaction (all or nothing) after a
backup; the preview runs the same merge and rolls it back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import jsonify_if_needed

from fivemgmt import audit, bulk, keys, records, roster, rowcheck, tabular
from fivemgmt.actor import SUPERVISOR, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.exchange import schema, trust
from fivemgmt.exchange.package import (
    KIND_SETUP,
    LOCAL_ONLY,
    SETUP_TABLES,
    VALUE_TYPES,
    Package,
    SchoolKeyNeeded,
    _db_file,
    _known_versions,
    _student_classes,
    read_package,
    table_label,
    table_scope,
    version_of,
)

KEEP, TAKE = "keep", "take"
CHOICE_NAMES = {KEEP: "保留本机", TAKE: "采用数据包"}
_ROW, _ID = attrgetter("row"), itemgetter("id")  # a records.Write's row, a row's id


@dataclass
class Conflict:
    """A record both this installation and the package changed: the person chooses which version stays."""

    table: str
    record_id: str
    local_version: str
    incoming_version: str
    package: str  # the package file's name
    where: str  # 四年级(2)班 · 11-27 · 数学
    fields: list[tuple[str, str, str]]  # (field label, this installation's value, the package's value)
    choice: str | None = None  # KEEP or TAKE; None until the person chose

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.record_id, self.incoming_version)

    @property
    def table_label(self) -> str:
        return table_label(self.table)

    def describe(self) -> str:
        """四年级(2)班 · 11-27 · 数学 · 分钟: 本机 20 → 数据包 30"""
        changes = "；".join(f"{label}: 本机 {mine} → 数据包 {theirs}" for label, mine, theirs in self.fields)
        return f"{self.where} · {changes or '修改时间不同'}"

    def __str__(self) -> str:
        decided = f" —— {CHOICE_NAMES[self.choice]}" if self.choice else ""
        return f"{self.table_label}：{self.describe()}{decided}"


@dataclass
class Refused:
    """A row of a package its sender may not change here: not imported, shown to the person."""

    package: str
    table: str
    where: str
    sender: str

    def __str__(self) -> str:
        label = table_label(self.table)
        where = self.where.removeprefix(label + " · ")
        return f"{label}：{where}（{self.sender}无权修改）"


@dataclass
class ImportPreview:
    packages: list[Package]
    counts: dict[str, dict[str, int]] = field(
        default_factory=dict
    )  # table -> {new, changed, conflict, unchanged}
    conflicts: list[Conflict] = field(default_factory=list)
    already_imported: list[str] = field(default_factory=list)
    writes: int = 0  # records the import would write (conflicts count once chosen 采用数据包)
    joining_key: str | None = None  # the school key given to join a blank installation
    refused: list[Refused] = field(default_factory=list)  # rows the sender may not change here
    warnings: list[str] = field(default_factory=list)  # e.g. a sender's audit chain went backwards
    plan: _Plan | None = field(default=None, repr=False, compare=False)  # what the commit makes again

    def total(self, what: str) -> int:
        return sum(c.get(what, 0) for c in self.counts.values())

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.writes
            or self.conflicts
            or any(p.adopts_school_key or (p.sender and p.sender.registration) for p in self.packages)
        )

    @property
    def registrations(self) -> list[trust.Sender]:
        """Senders this import registers (their first package), each once."""
        found: dict[str, trust.Sender] = {}
        for p in self.packages:
            if p.sender is not None and p.sender.registration is not None:
                found.setdefault(p.sender.fingerprint, p.sender)
        return list(found.values())

    def details(self) -> list[str]:
        """What a person must see besides the counts: new senders, warnings, and every refused row."""
        lines = [f"首次登记：{s.label}。请与对方核对密钥指纹。" for s in self.registrations]
        lines += self.warnings
        if self.refused:
            lines.append(
                f"拒绝导入 {len(self.refused)} 条（规则、设置、账户和其他班级的记录只采用有权修改它们的账户的数据包）："
            )
            lines += [f"  {r}" for r in self.refused[:200]]
            if len(self.refused) > 200:
                lines.append(f"  ……另有 {len(self.refused) - 200} 条")
        return lines

    @property
    def undecided(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.choice not in CHOICE_NAMES]

    def choose_all(self, choice: str) -> None:
        if choice not in CHOICE_NAMES:
            raise UserError("冲突的处理应为 keep（保留本机）或 take（采用数据包）。")
        for conflict in self.conflicts:
            conflict.choice = choice

    def summary(self) -> str:
        text = (
            f"{len(self.packages)} 个数据包：新增 {self.total('new')} 条，修改 {self.total('changed')} 条，"
            f"冲突 {self.total('conflict')} 条，不变 {self.total('unchanged')} 条"
            + (f"，拒绝 {len(self.refused)} 条" if self.refused else "")
            + "。"
        )
        if self.already_imported:
            text += f"（其中 {len(self.already_imported)} 个以前导入过。）"
        if any(p.adopts_school_key for p in self.packages):
            names = {p.payload.get("school_name") or "" for p in self.packages if p.adopts_school_key}
            text += f"本机将加入学校“{'、'.join(sorted(names))}”。"
        return text


class _Rollback(Exception):
    pass


@bulk.batch  # the packages' rows stay alive through the merge: the collector would walk them again and again
def preview_import(
    db: Database, actor: Actor, paths: Sequence[Path | str], *, school_key: str | None = None
) -> ImportPreview:
    """Check every package and compute exactly what an import would do, without changing anything.

    ``school_key``: given by the person when a blank installation joins the school (a recovery key as
    printed, see :func:`fivemgmt.keys.parse_recovery_key`); otherwise the installation's own key is used.
    """
    _require_importer(actor)
    if not paths:
        raise UserError("请选择要导入的数据包。")
    joining = keys.parse_recovery_key(school_key) if school_key else None
    packages = _read_all(db, paths, joining)
    result = ImportPreview(packages, joining_key=joining)
    steps: list[Step] = []
    try:
        with transaction(db):
            head = audit.head(db)  # in the transaction: what this merge was computed against
            _apply(db, actor, result, {}, steps)
            raise _Rollback
    except _Rollback:
        pass
    result.plan = _Plan(head, [p.digest for p in packages], steps)
    return result


@bulk.batch  # as preview_import
def commit_import(
    db: Database, actor: Actor, preview: ImportPreview, *, backup: bool = True
) -> records.Changes:
    """Import the previewed packages in one transaction (after a backup): all of them or nothing.

    Every conflict of the preview must have a choice (:attr:`Conflict.choice`); nothing is written
    otherwise, and nothing is decided by which computer's clock is later.
    """
    _require_importer(actor)
    if preview.undecided:
        raise UserError(
            f"还有 {len(preview.undecided)} 处冲突没有选择“保留本机”或“采用数据包”，未导入任何数据。"
        )
    choices = {c.key: c.choice for c in preview.conflicts}
    plan = preview.plan
    # the preview's merge is made again as it was when it decided nothing (no conflicts), the files are the
    # ones it read and the database has not changed since (the same audit head); otherwise merged again
    if (
        plan is not None
        and not preview.conflicts
        and plan.digests == [_file_digest(p.path) for p in preview.packages]
    ):
        packages, result = preview.packages, preview
    else:
        plan = None
        packages = _read_all(db, [p.path for p in preview.packages], preview.joining_key)
        result = ImportPreview(packages, joining_key=preview.joining_key)
    if backup and _db_file(db) is not None:
        from fivemgmt import backup as backups

        backups.make_backup(db, kind="preimport")
    with transaction(db):
        if plan is not None and audit.head(db) == plan.head:
            changes = records.Changes()
            for step in _batched(plan.steps):
                _run(db, actor, step, changes)
        else:
            if plan is not None:  # changed after the preview: merge again from the files
                packages = _read_all(db, [p.path for p in preview.packages], preview.joining_key)
                result = ImportPreview(packages, joining_key=preview.joining_key)
            changes = _apply(db, actor, result, choices)
        if result.undecided:  # a conflict the preview did not show: the database changed meanwhile
            raise UserError("预览之后数据又有变化，出现了新的冲突，未导入任何数据。请重新导入并选择。")
        counts = json.dumps(result.counts, ensure_ascii=False)  # the import's, the same for every package
        for package in packages:
            p = package.payload
            # a plain statement: sqlite-utils' insert asks SQLite for the table's layout at every call
            db.execute(
                f"INSERT OR IGNORE INTO {schema.IMPORTS} (package_id, origin, kind, at, actor, file, counts)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    jsonify_if_needed(value)  # as sqlite-utils stored a package's odd value (a list: JSON)
                    for value in (
                        p["package_id"],
                        p.get("origin"),
                        p["kind"],
                        records.now_iso(),
                        actor.username,
                        package.path.name,
                        counts,
                    )
                ],
            )
            if package.sender is not None:
                trust.commit_sender(db, actor, package.sender, p, package.path.name)
                if package.sender.kind == trust.SCHOOL and p["kind"] == KIND_SETUP:
                    trust.keep_enrollment(db, p.get("enrollment"))
    if result.joining_key:
        keys.remember(result.joining_key, next((p.payload.get("school_name") or "" for p in packages), ""))
    preview.counts, preview.conflicts = result.counts, result.conflicts
    preview.refused, preview.warnings = result.refused, result.warnings
    preview.plan = None  # made: a second commit merges again (and finds the packages imported)
    return changes


@dataclass
class _Plan:
    """The preview's merge, to be made again by the commit: the audit head it was computed against, the
    sha256 of each package file read and its writes in order."""

    head: str
    digests: list[str]
    steps: list[Step]


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""  # gone or unreadable: merged again, which says so plainly


def import_packages(
    db: Database,
    actor: Actor,
    paths: Sequence[Path | str],
    *,
    conflicts: str | None = None,
    school_key: str | None = None,
) -> tuple[ImportPreview, records.Changes]:
    """Preview and import; ``conflicts`` (KEEP or TAKE) settles every conflict the same way."""
    preview = preview_import(db, actor, paths, school_key=school_key)
    if conflicts is not None and preview.conflicts:
        preview.choose_all(conflicts)
    return preview, commit_import(db, actor, preview)


def _read_all(db: Database, paths: Sequence[Path | str], joining: str | None = None) -> list[Package]:
    """Read every package; set-up packages first, so one that joins a blank installation vouches for the rest."""
    packages: dict[int, Package] = {}
    pending = list(enumerate(paths))
    senders: dict[str, trust.Sender] = {}
    for attempt in range(2):
        failed = []
        for index, path in pending:
            try:
                package = read_package(db, path, joining_key=joining, pending=senders)
            except SchoolKeyNeeded:
                raise
            except UserError:
                if attempt == 0:
                    failed.append((index, path))
                    continue
                raise
            packages[index] = package
            if package.adopts_school_key and joining is None:
                joining = package.key  # a version 1 set-up package carried the key
        pending = failed
        if not pending:
            break
    return [packages[i] for i in sorted(packages)]


def _require_importer(actor: Actor) -> None:
    if actor.role == SUPERVISOR:
        raise PermissionDenied("督学账户是只读的，不能导入数据包。")


def _check_value(value: Any) -> bool:
    kind = type(value)  # not isinstance: a bool is an int, and JSON gives no subclasses
    return kind in _VALUE_TYPES and (kind is not str or len(value) <= MAX_TEXT)


_VALUE_TYPES = frozenset(VALUE_TYPES)
MAX_TEXT = 100_000  # characters of one value in a package


def _block_cells(rows: list, histories: list, width: int) -> tuple[list[tuple], list[set[type]]] | None:
    """A block's values a column at a time and the types of each column's values, when every row is a list
    of ``width`` plain values with a list of version texts as its history (judged a column at a time);
    None when not, or when it has no rows."""
    if not (
        rows
        and set(map(type, rows)) == {list}
        and set(map(len, rows)) == {width}
        and set(map(type, histories)) == {list}
        and set(map(type, chain.from_iterable(histories))) <= {str}
    ):
        return None
    cells = list(zip(*rows))
    types = []
    for values in cells:
        kinds = set(map(type, values))
        if not kinds <= _VALUE_TYPES:
            return None
        if str in kinds:
            texts = values if kinds == {str} else [v for v in values if type(v) is str]
            if max(map(len, texts)) > MAX_TEXT:
                return None
        types.append(kinds)
    return cells, types


def _first_malformed(rows: list, histories: list, width: int) -> int | None:
    """The index of the first row of a block that is not a list of ``width`` plain values with a list of
    version texts as its history, or None."""
    for index, (values, history) in enumerate(zip(rows, histories)):
        if not (
            isinstance(values, list)
            and len(values) == width
            and isinstance(history, list)
            and all(map(_check_value, values))
            and all(isinstance(h, str) for h in history)
        ):
            return index
    return None


# A write of the merge, run by :func:`_run` as the merge makes it and again, as it was, by the commit
# that reuses its preview: ("join", package), ("write", table, [records.Write]), ("audit", [audit.Change]),
# ("versions", [(table, record id, version)]).
Step = tuple


def _batched(steps: list[Step]) -> list[Step]:
    """The merge's writes in as few statements as they allow, for the commit to make them again: joining
    first, then per table every package's rows in one write (a record written twice in the merge starts
    another, after the first), then every kept version's audit entry and every version learnt.

    The same rows, audit entries and versions as made step by step, in the same one transaction; only
    the audit entries' order differs (by table, not by package). Nothing in the merge reads across
    tables, and the schema has no foreign keys."""
    joins = [step for step in steps if step[0] == "join"]
    groups: dict[str, list[tuple[set[str], list[records.Write]]]] = {}
    kept: list[audit.Change] = []
    learnt: list[tuple[str, str, str]] = []
    for step in steps:
        if step[0] == "write":
            runs = groups.setdefault(step[1], [])
            ids = [write.row["id"] for write in step[2]]  # a block's ids differ
            if runs and runs[-1][0].isdisjoint(ids):
                runs[-1][0].update(ids)
                runs[-1][1].extend(step[2])
            else:
                runs.append((set(ids), list(step[2])))
        elif step[0] == "audit":
            kept += step[1]
        elif step[0] == "versions":
            learnt += step[1]
    batched: list[Step] = [*joins]
    batched += [("write", table, writes) for table, runs in groups.items() for _, writes in runs]
    if kept:
        batched.append(("audit", kept))
    if learnt:
        batched.append(("versions", learnt))
    return batched


def _run(db: Database, actor: Actor, step: Step, changes: records.Changes, *, audited: bool = True) -> None:
    """Make one write of the merge; ``audited`` False (the preview, rolled back): without audit entries,
    which nothing in the merge reads (the versions it compares are in ``record_versions`` as well)."""
    kind = step[0]
    if kind == "join":
        package = step[1]
        db.execute("UPDATE meta SET value = ? WHERE key = 'school_key'", [package.key])
        if not audited:
            return
        audit.append(
            db,
            "installation",
            "school_key",
            "join",
            None,
            {"school": package.payload.get("school_name")},
            actor.username,
            f"导入学校设置数据包 {package.path.name}，加入学校",
        )
    elif kind == "write":
        records.write_many(db, step[1], step[2], actor.username, changes=changes, audited=audited)
    elif kind == "audit" and audited:
        audit.append_many(db, step[1])
    elif kind == "versions":
        db.conn.executemany(
            f"INSERT OR IGNORE INTO {schema.VERSIONS} (table_name, record_id, version) VALUES (?, ?, ?)",
            step[1],
        )


def _apply(
    db: Database,
    actor: Actor,
    result: ImportPreview,
    choices: dict[tuple[str, str, str], str | None],
    steps: list[Step] | None = None,
) -> records.Changes:
    """Merge every package into the database (caller holds the transaction).

    ``choices``: the person's choice per conflict (:attr:`Conflict.key`); a conflict without one keeps
    this installation's version (in the preview) and is listed in ``result.conflicts`` undecided.
    ``steps``: given by the preview (rolled back), gets every write the import makes, in order, for
    :func:`commit_import` to make again. The preview makes them without audit entries, and makes none at
    all when the packages hold no set-up (which the later checks read): then each block sees the writes of
    the blocks before it through ``pending``, the rows and versions they would have written.
    """
    changes = records.Changes()
    made: list[Step] = [] if steps is None else steps
    preview = steps is not None
    pending: _Pending | None = None
    if preview and not any(t in SETUP_TABLES for p in result.packages for t in p.payload["tables"]):
        pending = _Pending()

    register = _Register(db)

    def run(step: Step) -> None:
        made.append(step)
        if pending is not None:
            pending.note(step)
        else:
            _run(db, actor, step, changes, audited=not preview)
            if step[0] == "write":
                register.wrote(step[1])

    local_tables = set(db.table_names())
    known_tables = set(audit.record_tables(db))
    ordered = sorted(result.packages, key=lambda pkg: pkg.kind != KIND_SETUP)  # set-up first (stable)
    for package in ordered:
        p = package.payload
        done = db.execute(
            f"SELECT 1 FROM {schema.IMPORTS} WHERE package_id = ?", [p.get("package_id")]
        ).fetchone()
        if done:
            result.already_imported.append(package.path.name)
        if package.adopts_school_key:
            run(("join", package))
        if package.sender is not None:
            result.warnings += trust.head_warnings(db, package.sender, p, package.path.name)
        sender = package.sender.rights(db) if package.sender is not None else None
        tables = p["tables"]
        order = [t for t in SETUP_TABLES if t in tables] + sorted(t for t in tables if t not in SETUP_TABLES)
        for table in order:
            if table in LOCAL_ONLY or table not in local_tables or table not in known_tables:
                raise UserError(
                    f"数据包“{package.path.name}”包含本机不认识的数据（{table}），可能来自更新版本的软件。"
                    "请先升级本软件，未导入任何数据。"
                )
            _apply_table(
                db, actor, sender, package, table, tables[table], result, choices, run, register, pending
            )
    _check_references(db, made)
    return changes


class _Register:
    """What every block of a merge reads of this installation's set-up -- each student's class, the school
    calendar and the row checks made against it -- read once, and again after the merge writes a set-up
    table."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._students: dict[str, str] | None = None
        self._dates: tabular.SchoolDates | None = None
        self._checks: dict[str, rowcheck.RowChecks] = {}
        self._layout: dict[str, tuple[frozenset[str], str]] = {}

    def layout(self, table: str) -> tuple[frozenset[str], str]:
        """The table's columns and its :func:`table_scope`: asked of SQLite once per merge, not per block
        (the merge changes no table's columns)."""
        if table not in self._layout:
            self._layout[table] = frozenset(records.columns(self.db, table)), table_scope(self.db, table)
        return self._layout[table]

    def students(self) -> dict[str, str]:
        if self._students is None:
            self._students = _student_classes(self.db)
        return self._students

    def dates(self) -> tabular.SchoolDates:
        if self._dates is None:
            self._dates = tabular.SchoolDates.of(self.db)
        return self._dates

    def checks(self, table: str, scope: str) -> rowcheck.RowChecks:
        """The checks of the rows of ``table``; set-up rows make the calendar, records must fit it."""
        if table not in self._checks:
            dates = None if scope == "setup" else self.dates()
            kinds = records.declared_types(self.db, table)
            self._checks[table] = rowcheck.RowChecks(self.db, table, kinds, dates)
        return self._checks[table]

    def wrote(self, table: str) -> None:
        if table in SETUP_TABLES:
            self._students = self._dates = None
            self._checks.clear()


@dataclass
class _Pending:
    """What a preview that writes nothing would have written so far: rows and versions by table and id."""

    rows: dict[str, dict[str, dict]] = field(default_factory=dict)
    versions: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def note(self, step: Step) -> None:
        if step[0] == "write":
            rows = list(map(_ROW, step[2]))
            self.rows.setdefault(step[1], {}).update(zip(map(_ID, rows), rows))
        elif step[0] == "versions":
            for table, record_id, version in step[1]:
                self.versions.setdefault(table, {}).setdefault(record_id, set()).add(version)


def _apply_table(
    db: Database,
    actor: Actor,
    sender: Actor | None,
    package: Package,
    table: str,
    block: Any,
    result: ImportPreview,
    choices: dict[tuple[str, str, str], str | None],
    run: Callable[[Step], None],
    register: _Register,
    pending: _Pending | None = None,
) -> None:
    """Merge one table of one package: each row is checked and judged in order as before, against the
    stored rows and versions read for the whole block at once; the block's writes, audit entries and
    versions are then made with one statement each (its record ids differ, so no row sees another's write)."""
    name = package.path.name
    damaged = UserError(f"数据包“{name}”中“{table}”的数据格式不对，未导入任何数据。")
    if not isinstance(block, dict):
        raise damaged
    columns, rows, histories = block.get("columns"), block.get("rows"), block.get("history")
    if not (
        isinstance(columns, list)
        and isinstance(rows, list)
        and isinstance(histories, list)
        and len(rows) == len(histories)
    ):
        raise damaged
    local_columns, scope = register.layout(table)
    unknown = [c for c in columns if c not in local_columns]
    if unknown:
        raise UserError(
            f"数据包“{name}”的“{table}”有本机没有的字段（{'、'.join(map(str, unknown[:5]))}），"
            "可能来自更新版本的软件。请先升级本软件，未导入任何数据。"
        )
    if not {"id", "updated_at", "origin", "deleted"} <= set(columns):
        raise damaged
    has_subject = "subject" in local_columns
    students = register.students() if scope == "student" else {}
    # A package from a version before 学号 had its own field: read its seat numbers as the upgrade does.
    legacy_students = table == "students" and "seat_no" in local_columns and "seat_no" not in columns
    written = [*columns, "seat_no"] if legacy_students else columns
    counts = result.counts.setdefault(table, {"new": 0, "changed": 0, "conflict": 0, "unchanged": 0})
    width = len(columns)
    judged_cells = _block_cells(rows, histories, width)
    cells, types = judged_cells if judged_cells is not None else (None, None)
    malformed = _first_malformed(rows, histories, width) if cells is None else None
    # what is stored of the block's records, read at once (a row that turns out malformed is refused below)
    position = columns.index("id")
    if cells is None:
        ids = [
            v[position]
            for v in rows
            if isinstance(v, list) and len(v) == width and isinstance(v[position], str)
        ]
    else:
        ids = [v for v in cells[position] if isinstance(v, str)]
    # every row's id judged at once, as each row's is below: a text of 1-64 characters, none twice (when
    # the columns name each field once: else a row's id is the last "id" cell, not the one read above)
    sound_ids = (
        cells is not None
        and types[position] == {str}
        and len(set(columns)) == width
        and len(set(ids)) == len(ids)
        and min(map(len, ids)) > 0
        and max(map(len, ids)) <= 64
    )
    locals_ = records.fetch(db, table, ids)
    if pending is not None:  # as the blocks before this one would have left them
        earlier = pending.rows.get(table, {})
        locals_.update((i, earlier[i]) for i in earlier.keys() & ids)  # the set of ids made in C
    versions = _known_versions(db, table, locals_)
    if pending is not None:
        for record_id, learnt_before in pending.versions.get(table, {}).items():
            if record_id in locals_:
                versions.setdefault(record_id, set()).update(learnt_before)
    checks = register.checks(table, scope)
    # new records' cells and dates judged for the whole block at once: each row then only by its area
    quick = cells is not None and not legacy_students and checks.block_passes(columns, cells, types)
    judge_new = checks.area if quick else checks.problem
    imported = f"导入数据包“{name}”（来自 {package.payload.get('created_by_name') or '?'}）"
    taken = f"数据交换冲突：{actor.display_name}选择采用“{name}”中的版本"
    limited = not actor.is_school_wide  # else may write every row: not asked row by row
    judged = sender is not None and not sender.is_school_wide
    seen: set[str] = set()
    writes: list[records.Write] = []
    kept: list[audit.Change] = []
    learnt: list[tuple[str, str, str]] = []
    for index, (values, history) in enumerate(zip(rows, histories)):
        if index == malformed:
            raise damaged
        row = dict(zip(columns, values))
        if legacy_students:
            roster.seat_from_old_number(row)
        record_id = row.get("id")
        if not sound_ids:
            if not isinstance(record_id, str) or not record_id or len(record_id) > 64 or record_id in seen:
                raise damaged
            seen.add(record_id)
        local = locals_.get(record_id)
        if limited:
            _require_write(actor, package, table, scope, has_subject, row, local, students)
        incoming_version = f"{row['updated_at'] or ''}|{row['origin'] or ''}"  # version_of(row)
        if local is None:
            action = "new"
            if len(history) == 1 and history[0] == incoming_version:
                known_versions = None  # only the version written, which its audit entry holds
            else:
                known_versions = {*history, incoming_version}
        else:
            known_versions = {*history, incoming_version}
            local_version = version_of(local)
            if incoming_version == local_version or incoming_version in versions.get(record_id, ()):
                action = "unchanged"
            elif local_version in known_versions:
                action = "changed"
            else:
                action = "conflict"
        winner = row if action in ("new", "changed") else None
        if action != "unchanged":
            if local is None:
                candidate = row
                problem = judge_new(row)
            else:
                candidate = {**local, **row}
                problem = checks.problem(candidate, local)
            if problem:
                raise UserError(
                    f"数据包“{name}”中的{table_label(table)}（{_where(db, table, candidate)}）不合规：{problem}"
                    "未导入任何数据。请对方改正后重新导出。"
                )
            if judged and _sender_denied(sender, scope, has_subject, row, local, students):
                counts["refused"] = counts.get("refused", 0) + 1
                result.refused.append(Refused(name, table, _where(db, table, candidate), sender.display_name))
                continue
        if action == "conflict":
            assert local is not None
            incoming_full = {**local, **row}
            conflict = _conflict(db, table, name, local, incoming_full, incoming_version)
            conflict.choice = choices.get(conflict.key)
            result.conflicts.append(conflict)
            winner = incoming_full if conflict.choice == TAKE else None
            if conflict.choice == KEEP:  # keep ours, but record the version not taken in the trail
                kept.append(
                    (
                        table,
                        record_id,
                        "conflict",
                        incoming_full,
                        local,
                        actor.username,
                        f"数据交换冲突：{actor.display_name}选择保留本机的版本，未采用“{name}”中的版本",
                    )
                )
        counts[action] += 1
        if winner is not None:
            if local is None and written is columns:
                full = winner  # a new record: the package's row, every column in the package's order
            else:
                base = local or {}
                full = {c: winner[c] if c in winner else base.get(c) for c in written}
            writes.append(
                records.Write(
                    local,
                    {**local, **full} if local is not None else full,
                    "conflict" if action == "conflict" else "import",
                    taken if action == "conflict" else imported,
                )
            )
            result.writes += 1
        if action == "conflict" and conflict.choice is None:
            continue  # not seen until decided: the next import asks again
        if known_versions is None:
            continue
        # only versions not known here yet; the version written is in its audit entry (_known_versions)
        new_versions = known_versions - versions.get(record_id, _NONE)
        if local is not None:
            new_versions.discard(version_of(local))
        if winner is not None:
            new_versions.discard(incoming_version)
        learnt += [(table, record_id, version) for version in new_versions]
    if writes:
        run(("write", table, writes))
    if kept:
        run(("audit", kept))
    if learnt:
        run(("versions", learnt))


_NONE: frozenset[str] = frozenset()


def _require_write(
    actor: Actor,
    package: Package,
    table: str,
    scope: str,
    has_subject: bool,
    row: dict,
    local: dict | None,
    students: dict[str, str],
) -> None:
    if actor.is_school_wide:
        return
    name = package.path.name
    if scope == "setup":
        if package.kind == KIND_SETUP:
            return  # the school's own set-up, signed with the school key, made by the principal/admin
        raise PermissionDenied(f"数据包“{name}”修改学校设置，只有校长（教导处）或管理员可以导入。")
    if scope == "school":
        raise PermissionDenied(f"数据包“{name}”包含全校性的记录，只有校长（教导处）或管理员可以导入。")
    if not _of_own_classes(actor, scope, has_subject, row, local, students):
        raise PermissionDenied(
            f"数据包“{name}”包含其他班级（或其他学科）的记录，账户“{actor.display_name}”"
            "无权修改，未导入任何数据。"
        )


def _sender_denied(
    sender: Actor, scope: str, has_subject: bool, row: dict, local: dict | None, students: dict[str, str]
) -> bool:
    """Whether the package's sender may not make this change here, judged by this school's own register:
    set-up (rules, settings, classes, teaching, students) and school-wide records only from the school's
    principal/admin; other rows only of the classes (and subjects) that the registered account teaches."""
    if sender.is_school_wide:
        return False
    if scope in ("setup", "school"):
        return True
    return not _of_own_classes(sender, scope, has_subject, row, local, students)


def _of_own_classes(
    who: Actor, scope: str, has_subject: bool, row: dict, local: dict | None, students: dict[str, str]
) -> bool:
    """Whether the row, as the package has it and as stored here, is of classes (and subjects) ``who``
    may write: its own ``class_id``, or its student's class."""
    for candidate in (row, local):
        if candidate is None:
            continue
        class_id = (
            candidate.get("class_id") if scope == "class" else students.get(candidate.get("student_id") or "")
        )
        subject = candidate.get("subject") if has_subject else None
        if class_id is None or not who.can_write_class(class_id, subject):
            return False
    return True


def _check_references(db: Database, steps: list[Step]) -> None:
    """Records must belong to classes and students this installation knows (after set-up rows are in):
    the rows the merge writes, as written, against the classes and students stored after it."""
    if not records.columns(db, "classes"):
        return
    classes = {r[0] for r in db.execute("SELECT id FROM classes")}
    students = set(_student_classes(db))
    written: dict[str, list[dict]] = {}
    for step in steps:
        if step[0] == "write" and step[1] not in ("classes", "students"):
            written.setdefault(step[1], []).extend(map(_ROW, step[2]))
    for table in sorted(written):
        rows = written[table]
        # a table's rows repeat their classes and students: each judged once; only a table with one this
        # installation does not know is gone through row by row, for the message of its first
        if _all_known(rows, "class_id", classes) and _all_known(rows, "student_id", students):
            continue
        for row in rows:
            if row.get("class_id") and row["class_id"] not in classes:
                raise UserError(
                    "数据包中的记录属于本机没有的班级，未导入任何数据。"
                    "请先导入校长（教导处）导出的学校设置数据包。"
                )
            if row.get("student_id") and row["student_id"] not in students:
                raise UserError(
                    "数据包中的记录属于本机没有的学生，未导入任何数据。请先导入最新的学校设置数据包。"
                )


def _all_known(rows: list[dict], column: str, known: set[str]) -> bool:
    """Whether every row's ``column`` is empty or in ``known`` (False when unsure: an unhashable value)."""
    try:
        return all(not value or value in known for value in set(map(dict.get, rows, repeat(column))))
    except TypeError:
        return False


def _conflict(
    db: Database, table: str, package_name: str, local: dict, incoming: dict, incoming_version: str
) -> Conflict:
    """A conflict as a person reads it: which class, pupil, day and subject, which fields, both values."""
    from fivemgmt.exchange.xlsx import column_labels

    where = _where(db, table, local)
    labels = column_labels(db, table)
    fields = []
    for column, label in labels.items():
        if column in ("id", "updated_at", "updated_by", "origin") or local.get(column) == incoming.get(
            column
        ):
            continue
        if column == "deleted":
            fields.append(
                (
                    "记录",
                    "已删除" if local.get(column) else "有效",
                    "已删除" if incoming.get(column) else "有效",
                )
            )
        else:
            fields.append((label, _shown(local.get(column)), _shown(incoming.get(column))))
    return Conflict(table, local["id"], version_of(local), incoming_version, package_name, where, fields)


def _where(db: Database, table: str, row: dict) -> str:
    """A record as a person finds it: class · pupil · day · subject, or what it is (规则调整 · name)."""
    from fivemgmt import school

    where: list[str] = []
    class_id = row.get("class_id")
    student = None
    if row.get("student_id") and records.columns(db, "students"):
        student = records.get(db, "students", row["student_id"])
        class_id = class_id or (student or {}).get("class_id")
    if class_id:
        try:
            where.append(school.get_class(db, class_id).name)
        except UserError:
            where.append("（未知班级）")
    if student:
        where.append(student.get("name") or "")
    day = row.get("date")
    if isinstance(day, str) and len(day) >= 10:
        where.append(day[5:10])
    if row.get("subject"):
        where.append(str(row["subject"]))
    if not where:  # a set-up or school-wide record: say what it is
        where.append(table_label(table))
        title = row.get("name") or row.get("title") or row.get("rule_id")
        if title:
            where.append(str(title))
        if row.get("rule_id") and row.get("value") is not None:
            where.append(f"值 {row['value']}")
    return " · ".join(where)


def _shown(value: Any) -> str:
    return "（空）" if value is None or value == "" else str(value)
