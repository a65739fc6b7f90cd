"""The district scale: what a district hub pays per school, for 300 schools' term packages."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt.actor import PRINCIPAL, Actor
from fivemgmt.benchmark.data import build_school, built_or_kept, counts, median
from fivemgmt.benchmark.report import DistrictSize, Report, Size
from fivemgmt.errors import UserError
from fivemgmt.session import open_db


@dataclass
class DistrictSchool:
    """One school of the district: its term packages (set-up and records) and the built school they come
    from (a re-keyed school shares its keys: reading its packages costs what its own keys would)."""

    number: int
    base: int  # index into the built schools
    students: int
    paths: list[Path]


_GENERATED_ID = re.compile(r"[0-9a-f]{32}")


def rekeyed(payloads: list[dict[str, Any]], number: int) -> list[dict[str, Any]]:
    """The packages of a built school as another school's: every generated id (and every reference to
    one, in any column), version and package id replaced by a deterministic hash of the school's number,
    so no two schools of the district share a record; the rows, their sizes and their order unchanged."""
    salt = f"district-{number}:"

    def new(value: str) -> str:
        return hashlib.sha256((salt + value).encode()).hexdigest()[:32]

    ids: dict[str, str] = {}
    for payload in payloads:
        for table in payload["tables"].values():
            where = table["columns"].index("id")
            for row in table["rows"]:
                if isinstance(row[where], str) and _GENERATED_ID.fullmatch(row[where]):
                    ids[row[where]] = new(row[where])
    out = []
    for payload in payloads:
        tables = {}
        for name, table in payload["tables"].items():
            tables[name] = {
                "columns": table["columns"],
                "rows": [[ids.get(v, v) if isinstance(v, str) else v for v in row] for row in table["rows"]],
                "history": [[new(v) for v in versions] for versions in table["history"]],
            }
        copy = dict(payload, tables=tables, package_id=new(payload["package_id"]))
        copy["school_name"] = f"{payload.get('school_name') or '学校'}（{number}号）"
        out.append(copy)
    return out


def build_district(
    district: DistrictSize,
    size: Size,
    term_path: Path,
    work: Path,
    data_dir: Path | None,
    today: dt.date,
    print_line: Callable[[str], None] = print,
) -> tuple[list[Path], list[DistrictSchool]]:
    """The built schools (one per size in ``district.classes``, through the app; the largest is the term
    school at ``term_path``) and the district's schools with their term packages: the built ones export
    theirs with the app, every other school is a built one re-keyed (:func:`rekeyed`) and sealed and signed
    by the app's package writer. Deterministic: the same schools, rows and ids on every run."""
    from fivemgmt.exchange import package

    principal = Actor("benchmark-principal", "校长", PRINCIPAL)
    bases: list[Path] = []
    payloads: list[list[dict[str, Any]]] = []
    students: list[int] = []
    folder = work / "district"
    folder.mkdir()
    for index, classes in enumerate(sorted(district.classes)):
        if classes == size.classes:
            path = term_path
        else:
            path = work / f"district-base-{classes}.sqlite"
            small = Size(classes, size.students, size.weeks, 1, 0, 1, 0)
            built_or_kept(
                data_dir,
                f"district-{classes}-{size.students}-{size.weeks}-{today}",
                path,
                lambda path=path, small=small: build_school(path, small, today),
            ).close()
        db = open_db(path)
        exported = [
            package.export_package(db, principal, folder / f"school-{index}-setup").path,
            package.export_package(
                db, principal, folder / f"school-{index}-records", kind="records", since="all"
            ).path,
        ]
        payloads.append([package.read_package(db, p).payload for p in exported])
        students.append(counts(db)["students"])
        db.close()
        bases.append(path)
        print_line(f"区县：第 {index + 1} 所建成的学校，{classes} 个班，{students[-1]} 名学生")
    schools = [DistrictSchool(i, i, students[i], []) for i in range(len(bases))]
    for i, school_ in enumerate(schools):
        school_.paths = [
            folder / f"school-{i}-setup{package.SUFFIX}",
            folder / f"school-{i}-records{package.SUFFIX}",
        ]
    signers = [open_db(path) for path in bases]
    try:
        for number in range(len(bases), district.schools):
            base = number % len(bases)
            paths = []
            for payload, kind in zip(rekeyed(payloads[base], number), ("setup", "records"), strict=True):
                path = folder / f"school-{number}-{kind}{package.SUFFIX}"
                package.write_package(signers[base], path, payload, signer_name=principal.display_name)
                paths.append(path)
            schools.append(DistrictSchool(number, base, students[base], paths))
    finally:
        for db in signers:
            db.close()
    return bases, schools


def time_district_school(db: Database, school_: DistrictSchool) -> float:
    """Seconds a district hub spends opening a school's term packages: the size, header and signature
    checked, the seal opened, the rows inflated and parsed (as ``package import`` reads every package)."""
    from fivemgmt.exchange import package

    start = time.perf_counter()
    for path in school_.paths:
        package.read_package(db, path)
    return time.perf_counter() - start


def time_term_summary(db: Database, today: dt.date) -> float:
    """Seconds of the school's term summary (``fivemgmt summary --term``: every week judged)."""
    from fivemgmt import summary
    from fivemgmt.calendar import SchoolCalendar

    term = SchoolCalendar(db).current_or_last_term(today)
    if term is None:
        raise UserError("基准测试的学校没有学期。")
    start = time.perf_counter()
    summary.period_summary(db, "本学期", term.start, term.end, today=today)
    return time.perf_counter() - start


def run_district(
    report: Report,
    district: DistrictSize,
    size: Size,
    term_path: Path,
    work: Path,
    data_dir: Path | None,
    today: dt.date,
    print_line: Callable[[str], None] = print,
) -> None:
    """Build the district, time every school's packages and each built school's term summary, and judge
    linearity: the cost per student of the largest school against the smallest's (medians over the
    district's schools of each size; the summary a median of repeats)."""
    started = time.perf_counter()
    bases, schools = build_district(district, size, term_path, work, data_dir, today, print_line)
    report.data["district"] = {
        "schools": len(schools),
        "students": sum(s.students for s in schools),
        "build_s": round(time.perf_counter() - started, 1),
    }
    print_line(f"区县数据：{report.data['district']}")
    reads: dict[int, list[float]] = {i: [] for i in range(len(bases))}
    dbs = [open_db(path) for path in bases]
    try:
        for school_ in schools:
            reads[school_.base].append(time_district_school(dbs[school_.base], school_))
        summaries = {
            i: median([time_term_summary(db, today) for _ in range(size.repeats)]) for i, db in enumerate(dbs)
        }
    finally:
        for db in dbs:
            db.close()
    per_size = []
    for i in range(len(bases)):
        students = schools[i].students
        read = median(reads[i])
        per_size.append(
            {
                "students": students,
                "schools": len(reads[i]),
                "package_s": round(read, 4),
                "summary_s": round(summaries[i], 4),
                "ms_per_student": round((read + summaries[i]) * 1000 / students, 4),
            }
        )
        print_line(
            f"区县：{students} 名学生的学校（{len(reads[i])} 所）：数据包 {read:.3f} s，学期汇总 "
            f"{summaries[i]:.3f} s，每名学生 {per_size[-1]['ms_per_student']:.3f} ms"
        )
    report.data["district"]["sizes"] = per_size
    smallest, largest = per_size[0], per_size[-1]
    figure = report.figures["district_linearity"]
    figure.app, figure.baseline = largest["ms_per_student"], smallest["ms_per_student"]
    figure.note = (
        f"{len(schools)} 所学校；最大 {largest['students']} 名学生，最小 {smallest['students']} 名；"
        "每校：打开、验证、读取学期数据包 + 学期汇总"
    )
    print_line(figure.line())
