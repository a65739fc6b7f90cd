"""Shared builders and PDF readers for the report tests."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from fivemgmt import school
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from tests.core.helpers import make_school

TODAY = dt.date(2026, 11, 25)
MONDAY = dt.date(2026, 11, 16)  # 2026-W47, a full past week


def add(
    db,
    school_class,
    day: dt.date,
    minutes: int,
    *,
    subject: str = "数学",
    content: str = "练习册",
    kind: str = hw.WRITTEN,
    required: bool = True,
    teacher: str = "张老师",
) -> None:
    entry = hw.Entry(None, school_class.id, day, subject, content, kind, required, minutes, teacher)
    hw.save_entry(db, SYSTEM, entry, reason="补登", today=TODAY)


def crafted_school(db) -> dict[int, school.SchoolClass]:
    """Grades 2, 4, 8, one class each, homework for 2026-W47 with known figures.

    四年级: Mon 50, Tue 70 (over 60), Wed 40, Thu 40, Fri not logged → 日均 50, 超时 1/4, 未登记 1.
    八年级: Mon 80, Tue 95 (over 90), Wed 60, Thu 85, Fri not logged → 日均 80, 超时 1/4.
    二年级: Mon 15 written minutes (a lapse), the other days 今日无作业.
    One grade-4 entry asks for 钉钉打卡 (homework on a phone).
    """
    classes = make_school(db)
    week = [MONDAY + dt.timedelta(days=i) for i in range(5)]
    four, eight, two = classes[4], classes[8], classes[2]
    for day, minutes in zip(week, [50, 70, 40, 40]):
        add(db, four, day, minutes - 20, subject="语文", content="抄写生字")
        add(db, four, day, 20, content="口算一页")
    add(db, four, week[0], 10, subject="英语", content="用钉钉打卡朗读", kind="口头")
    for day, minutes in zip(week, [80, 95, 60, 85]):
        add(db, eight, day, minutes, content=f"第{day.day}页习题")
    add(db, two, week[0], 15, content="写生字")
    for day in week[1:]:
        hw.set_no_homework(db, SYSTEM, two.id, day, reason="补登", today=TODAY)
    return classes


def confirm_school_defaults(db) -> None:
    """What a school does once in 设置 → 规则覆盖: confirm the values the rule file only proposes."""
    from fivemgmt.rules import base_rules, save_override

    for rule in base_rules():
        if rule.school_default:
            save_override(
                db,
                SYSTEM,
                rule.id,
                rule.value,
                rule.grade_from,
                rule.grade_to,
                "本校作业管理制度",
                effective_from=rule.effective_from,
            )


def pages_text(path: Path | bytes) -> list[str]:
    import io

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Text without whitespace, so wrapped table cells compare with the verbatim items."""
    return re.sub(r"\s+", "", text)


def embedded_fonts(path: Path) -> list[tuple[str, bool]]:
    """(BaseFont, has an embedded TrueType program) of every font used on any page."""
    result = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            result.append((str(font["/BaseFont"]), embedded))
    return result


def render_first_page(path: Path, tmp_path: Path) -> Path:
    """Page 1 as PNG via pdftoppm (what a person would look at)."""
    prefix = tmp_path / path.stem
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(path), str(prefix)], check=True)
    (png,) = tmp_path.glob(f"{path.stem}-*1.png")
    return png


def ink_share(png: Path) -> float:
    """Share of non-white pixels: a blank or failed render is ~0."""
    from PIL import Image

    histogram = Image.open(png).convert("L").histogram()
    return sum(histogram[:200]) / sum(histogram)
