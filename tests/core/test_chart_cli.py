"""fivemgmt chart weekly: real PNG / PDF files, filters, user errors without tracebacks."""

from __future__ import annotations

from pypdf import PdfReader

from fivemgmt.cli import main

ARGS = ["--today", "2026-11-25", "chart", "weekly", "--week", "2026-W47"]


def run(demo_db_path, *extra):
    return main([*ARGS, "--db", str(demo_db_path), *extra])


def test_writes_real_pngs(demo_db_path, tmp_path, capsys):
    out = tmp_path / "week.png"
    assert run(demo_db_path, "--out", str(out), "--weeks", "2") == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    heatmap = tmp_path / "week_homework_heatmap.png"
    assert heatmap.exists()
    from PIL import Image

    with Image.open(heatmap) as image:
        assert image.width == 1500  # 10 in × 150 dpi
    printed = capsys.readouterr().out
    assert str(out) in printed and "已输出" in printed


def test_pdf_one_page_per_chart_with_filters(demo_db_path, tmp_path):
    out = tmp_path / "week.pdf"
    assert run(demo_db_path, "--out", str(out), "--area", "homework", "--grade", "4", "--weeks", "2") == 0
    reader = PdfReader(out)
    text = [page.extract_text() for page in reader.pages]
    # overview, heat map, grade bars, subjects, rest days, trends
    assert len(reader.pages) == 6
    assert "四年级(1)班" in text[1] and "五年级" not in text[1]
    assert not any("睡眠" in t for t in text)


def test_single_chart(demo_db_path, tmp_path):
    out = tmp_path / "grades.png"
    assert run(demo_db_path, "--out", str(out), "--chart", "homework_grades") == 0
    assert out.exists() and not list(tmp_path.glob("grades_*.png"))


def test_user_errors(demo_db_path, tmp_path, capsys):
    assert run(demo_db_path, "--out", str(tmp_path / "x.svg")) == 2
    assert "错误: 输出文件应以 .png 或 .pdf 结尾" in capsys.readouterr().err
    assert run(demo_db_path, "--out", str(tmp_path / "x.png"), "--chart", "nope") == 2
    assert "没有这个图表" in capsys.readouterr().err
    assert main([*ARGS[:-1], "2026-W60", "--db", str(demo_db_path), "--out", str(tmp_path / "x.png")]) == 2


def test_help_is_bilingual(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["chart", "weekly", "--help"])
    text = capsys.readouterr().out
    assert "PDF 每个图表一页" in text and "one page per chart" in text
