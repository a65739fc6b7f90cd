"""The parent report (学生体质健康报告书): content, one page per student, embedded font, and how it looks."""

from __future__ import annotations

import subprocess

import pypdf
import pytest

from fivemgmt import roster
from fivemgmt.actor import SYSTEM
from fivemgmt.cli import main
from fivemgmt.errors import UserError
from fivemgmt.fitness import report, store
from tests.core.helpers import make_school

GOOD = {
    "height": "120",
    "weight": "22",
    "lung": "1700",
    "run50m": "10.5",
    "sit_reach": "12",
    "rope1min": "120",
}
WEAK = {"height": "120", "weight": "30", "lung": "600", "run50m": "13.5", "sit_reach": "-5", "rope1min": "20"}


@pytest.fixture
def school_with_results(db, today):
    classes = make_school(db, grades=(2, 8))
    ids = {}
    for name, sex, number, klass in (
        ("张小明", "男", "G1", 2),
        ("李小红", "女", "G2", 2),
        ("王免测", "男", "G3", 2),
        ("赵初二", "女", "G4", 8),
        ("钱未测", "男", "G5", 2),
    ):
        ids[name] = roster.save_student(
            db, SYSTEM, {"class_id": classes[klass].id, "name": name, "sex": sex, "student_no": number}
        )
    store.save_result(db, SYSTEM, ids["张小明"], GOOD, today=today)
    store.save_result(
        db, SYSTEM, ids["张小明"], {**GOOD, "lung": "1200"}, school_year="2025-2026", today=today
    )
    store.save_result(db, SYSTEM, ids["李小红"], WEAK, today=today)
    store.set_exempt(db, SYSTEM, ids["王免测"], "右腿骨折", today=today)
    store.save_result(db, SYSTEM, ids["赵初二"], {"height": "158", "run800m": "3'50"}, today=today)
    return classes, ids


def pdf_pages(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def test_student_page_shows_results_scores_level_and_last_year(
    db, school_with_results, tmp_path, today
) -> None:
    _, ids = school_with_results
    data = report.student_report(db, ids["张小明"], None, today=today)
    [text] = pdf_pages(data, tmp_path)
    score = store.student_result(db, ids["张小明"], today=today).score
    assert score.total_display is not None
    for expected in (
        "学生体质健康报告书",
        "张小明",
        "二年级(1)班",
        "2026-2027",
        str(score.total_display),
        "优秀",
        "1700",
        "10.5",
        "去年",
    ):
        assert expected in text, expected
    last = store.last_year_result(db, ids["张小明"], today=today).score
    assert f"{last.total_display} / {last.level}" in text
    for entry in score.items.values():
        assert str(entry.score) in text


def test_weak_student_gets_advice_for_weakest_items(db, school_with_results, tmp_path, today) -> None:
    _, ids = school_with_results
    [text] = pdf_pages(report.student_report(db, ids["李小红"], None, today=today), tmp_path)
    score = store.student_result(db, ids["李小红"], today=today).score
    assert score.level == "不及格" and "不及格" in text
    weak = report.weak_items(score)
    assert weak
    compact = text.replace("\n", "")
    for entry in weak:
        assert report.advice_for(entry)["advice"][:12] in compact
    assert "无记录" in text  # no result last year


def test_class_batch_one_page_per_tested_student(db, school_with_results, tmp_path, today) -> None:
    classes, _ = school_with_results
    path = tmp_path / "class.pdf"
    assert report.class_report(db, classes[2], path, today=today) == 3  # 钱未测 has no result
    pages = pdf_pages(path.read_bytes(), tmp_path)
    assert len(pages) == 3
    assert "张小明" in pages[0] and "李小红" in pages[1]
    assert "免测" in pages[2] and "右腿骨折" in pages[2]
    junior = tmp_path / "junior.pdf"
    report.class_report(db, classes[8], junior, today=today)
    [text] = pdf_pages(junior.read_bytes(), tmp_path)
    assert "无评分表" in text and "3'50" in text
    with pytest.raises(UserError, match="还没有体质测试成绩"):
        report.class_report(db, classes[2], path, "2024-2025", today=today)


def test_font_is_embedded(db, school_with_results, tmp_path, today) -> None:
    import re

    _, ids = school_with_results
    path = tmp_path / "one.pdf"
    report.student_report(db, ids["张小明"], path, today=today)
    page = pypdf.PdfReader(path).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    # fonts that draw text (ReportLab selects Helvetica in empty text blocks but never draws with it)
    used = {
        font
        for block in content.split("BT")[1:]
        if re.search(r"\)\s*Tj|\]\s*TJ", block.split("ET")[0])
        for font in re.findall(r"(/\S+) [\d.]+ Tf", block.split("ET")[0])
    }
    assert used
    fonts = page["/Resources"]["/Font"]
    for name in used:
        font = fonts[name].get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant.get("/FontDescriptor")
        assert descriptor is not None and "/FontFile2" in descriptor.get_object(), name  # embedded TrueType
        assert "WenQuanYiMicroHei" in str(font["/BaseFont"])


def test_page_renders(db, school_with_results, tmp_path, today) -> None:
    from PIL import Image

    _, ids = school_with_results
    path = tmp_path / "one.pdf"
    report.student_report(db, ids["李小红"], path, today=today)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    assert abs(height / width - 297 / 210) < 0.01  # A4 portrait
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * width * height  # text and table lines are drawn, not a blank page


def test_cli_report(db_path, db, school_with_results, tmp_path) -> None:
    db.close()
    out = tmp_path / "c.pdf"
    args = ["--db", str(db_path), "--today", "2026-11-25"]
    assert main(["fitness", "report", *args, "--class", "二年级1班", "-o", str(out)]) == 0
    assert len(pypdf.PdfReader(out).pages) == 3
    assert main(["fitness", "report", *args, "--class", "五年级(9)班", "-o", str(out)]) == 2
