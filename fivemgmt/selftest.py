"""``fivemgmt self-test``: the bundled font, a database round trip, a chart and a PDF with Chinese text,
and the log file (its path is printed: where to look when something went wrong)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from fivemgmt import clock

RARE_SAMPLE = "刘䶮 王𫖯 𠀾"  # names' characters from CJK Extension A/C/B: the fallback fonts'
SAMPLE = "五项管理台账：作业、睡眠、手机、读物、体质（四年级(2)班 书面作业 60 分钟）"


def check_font(workdir: Path) -> str:
    from fivemgmt import fonts

    for path, _family in fonts.font_files():
        if not path.exists():
            raise RuntimeError(f"缺少字体文件 {path}")
        with open(path, "rb") as handle:
            if handle.read(4) != b"\x00\x01\x00\x00":
                raise RuntimeError(f"字体 {path.name} 不是 TrueType 格式")
    missing = fonts.missing_glyphs(SAMPLE) | fonts.unprintable(RARE_SAMPLE)
    if missing:
        raise RuntimeError(f"字体缺少字形：{''.join(sorted(missing))}")
    size = sum(p.stat().st_size for p, _ in fonts.font_files()) // 1024
    return f"{fonts.FONT_FAMILY} + {fonts.FALLBACK_FAMILY} + {fonts.FALLBACK_B_FAMILY} ({size} KB)"


def check_database(workdir: Path) -> str:
    from fivemgmt import audit_verify, school
    from fivemgmt.actor import SYSTEM
    from fivemgmt.db import integrity_ok
    from fivemgmt.migrations import schema_version
    from fivemgmt.session import open_db

    db = open_db(workdir / "selftest.sqlite")
    try:
        school.save_school(db, SYSTEM, "自检学校", "小学")
        school.add_class(db, SYSTEM, 4, 2)
        names = [c.name for c in school.list_classes(db)]
        if names != ["四年级(2)班"] or not integrity_ok(db) or not audit_verify.verify(db).ok:
            raise RuntimeError(f"数据库读写不一致：{names}")
        return f"SQLite 读写、审计链正常，结构版本 {schema_version(db)}"
    finally:
        db.close()


def check_chart(workdir: Path) -> str:
    from matplotlib.figure import Figure

    from fivemgmt import fonts

    fonts.setup_matplotlib()
    figure = Figure(figsize=(4, 3))
    axes = figure.add_subplot()
    axes.bar(["三年级", "四年级"], [45, 62])
    axes.axhline(60, label="上限 60 分钟")
    axes.set_title("书面作业日均（分钟）")
    axes.legend()
    out = workdir / "chart.png"
    figure.savefig(out, dpi=80)
    used = {t.get_fontname() for t in [axes.title, *axes.get_xticklabels()]}
    if fonts.FONT_FAMILY not in used:
        raise RuntimeError(f"图表未使用内置字体：{used}")
    return f"图表 {out.stat().st_size // 1024} KB，字体 {', '.join(sorted(used))}"


def check_pdf(workdir: Path) -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from fivemgmt import fonts

    name = fonts.setup_reportlab()
    out = workdir / "selftest.pdf"
    pdf = canvas.Canvas(str(out), pagesize=A4)
    pdf.setFont(name, 14)
    pdf.drawString(72, 760, SAMPLE)
    pdf.save()
    data = out.read_bytes()
    if b"FontFile2" not in data:
        raise RuntimeError("PDF 未嵌入字体")
    return f"PDF {len(data) // 1024} KB，已嵌入 {name} 子集"


def check_log(workdir: Path) -> str:
    from fivemgmt import logs

    path = logs.setup()
    if path is None:
        raise RuntimeError(logs.logged_note())
    logs.logger.info("自检")  # proves the file takes a line, not only that it could be opened
    return f"日志文件 {path}"


CHECKS: list[tuple[str, Callable[[Path], str]]] = [
    ("字体", check_font),
    ("数据库", check_database),
    ("图表", check_chart),
    ("PDF", check_pdf),
    ("日志", check_log),
]


def run(print_line: Callable[[str], None] = print) -> bool:
    ok = True
    started = clock.now()
    with tempfile.TemporaryDirectory(prefix="fivemgmt-selftest-") as tmp:
        for title, check in CHECKS:
            try:
                print_line(f"✓ {title}：{check(Path(tmp))}")
            except Exception as error:  # report every failing part, not just the first
                ok = False
                print_line(f"× {title}：{error}")
    seconds = (clock.now() - started).total_seconds()
    print_line(("自检通过" if ok else "自检未通过") + f"（{seconds:.1f} 秒）")
    return ok
