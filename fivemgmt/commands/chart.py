"""fivemgmt chart weekly — the dashboard's weekly charts, rendered headless to PNG or PDF."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from fivemgmt.areas import AREA_KEYS
from fivemgmt.calendar import parse_week
from fivemgmt.commands._common import add_parser, db_from_args, today_from_args
from fivemgmt.errors import UserError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(subparsers, common, "chart", "统计图表 / charts")
    sub = parser.add_subparsers(dest="chart_command", metavar="图表/CHART", required=True)
    weekly = sub.add_parser(
        "weekly",
        parents=[common],
        help="一周的校长看板图表 / the principal dashboard's charts for one week",
        description="把一周的看板图表输出为 PNG 或 PDF (PDF 每个图表一页) / render one week's dashboard charts "
        "to PNG or PDF (one page per chart)",
    )
    weekly.add_argument("--week", required=True, help="ISO 周, 例如 2026-W47 / ISO week, e.g. 2026-W47")
    weekly.add_argument(
        "--out",
        required=True,
        type=Path,
        help="输出文件 .png 或 .pdf；PNG 时每个图表一个文件 (名称_图表.png) / output .png or .pdf; "
        "for PNG one file per chart (NAME_chart.png)",
    )
    weekly.add_argument("--area", choices=AREA_KEYS, action="append", help="只看某些方面 / only these areas")
    weekly.add_argument("--grade", type=int, help="只看某年级 (1–12) / only this grade")
    weekly.add_argument(
        "--chart",
        action="append",
        dest="charts",
        help="只输出这些图表 (名称见 --list) / only these charts (see --list)",
    )
    weekly.add_argument(
        "--weeks", type=int, default=6, help="趋势图的周数 (默认 6) / weeks in the trend chart"
    )
    weekly.add_argument("--dpi", type=int, default=150, help="PNG 分辨率 (默认 150) / PNG resolution")
    weekly.set_defaults(handler=run_weekly)


def run_weekly(args: argparse.Namespace) -> int:
    from fivemgmt.charts import CHART_NAMES, build_weekly_charts, save_pdf

    monday = parse_week(args.week)
    suffix = args.out.suffix.lower()
    if suffix not in (".png", ".pdf"):
        raise UserError(f"输出文件应以 .png 或 .pdf 结尾：{args.out}")
    if args.grade is not None and not 1 <= args.grade <= 12:
        raise UserError("年级应在 1–12 之间。")
    if not 1 <= args.weeks <= 52:
        raise UserError("--weeks（趋势图的周数）应在 1–52 之间。")
    if not 50 <= args.dpi <= 600:
        raise UserError("--dpi（PNG 分辨率）应在 50–600 之间。")
    unknown = [c for c in args.charts or [] if c not in CHART_NAMES]
    if unknown:
        raise UserError(f"没有这个图表：{'、'.join(unknown)}。可用：{'、'.join(CHART_NAMES)}")
    if not args.out.parent.exists():
        raise UserError(f"输出目录不存在：{args.out.parent}")
    db = db_from_args(args)
    from fivemgmt import summary

    summary.require_figures(db, monday, monday + dt.timedelta(days=6), args.grade)
    charts = build_weekly_charts(
        db,
        monday,
        today_from_args(args),
        areas=args.area,
        grade=args.grade,
        trend_weeks=args.weeks,
        names=args.charts,
    )
    if not charts:
        raise UserError("没有可输出的图表（请检查 --area / --chart）。")
    written = []
    if suffix == ".pdf":
        written.append(save_pdf(charts, args.out))
    elif len(charts) == 1:
        written.append(charts[0].save(args.out, dpi=args.dpi))
    else:
        # The first chart (the overview) goes to the named file, the others next to it.
        written.append(charts[0].save(args.out, dpi=args.dpi))
        for chart in charts[1:]:
            written.append(chart.save(args.out.with_name(f"{args.out.stem}_{chart.name}.png"), dpi=args.dpi))
    empty = [c.title for c in charts if c.empty]
    for path in written:
        print(path)
    print(f"已输出 {len(charts)} 个图表{f'（其中 {len(empty)} 个暂无数据）' if empty else ''}。")
    return 0
