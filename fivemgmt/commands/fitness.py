"""``fivemgmt fitness``: the 国家学生体质健康标准 test. Works on template files, without a school database."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from fivemgmt.errors import UserError

EXIT_VALUES_REJECTED = 1


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "fitness",
        parents=[common],
        help="体质健康测试 (国家学生体质健康标准) / student fitness test (national standard)",
        description="体质健康测试 (国家学生体质健康标准 2014) / student fitness test (national standard, 2014)",
    )
    actions = parser.add_subparsers(dest="fitness_command", metavar="操作/ACTION")
    parser.set_defaults(handler=lambda args: _usage(parser))

    score = actions.add_parser(
        "score",
        parents=[common],
        help="给上报模板文件评分 / score a national upload-template file",
        description=(
            "读取国家学生体质健康数据上报模板 (xlsx/xls)，写出原有各行及各项得分、附加分、标准分、附加分、"
            "学年总分 (一位小数)、等级和备注。不需要学校数据库。"
            " / Read a national upload-template file (xlsx/xls) and write the same rows with each item's score "
            "and bonus, 标准分, 附加分, 学年总分 (one decimal), 等级 and a note. No school database needed. "
            "结束时在标准错误说明有多少名学生未能评分 (未得出学年总分) 及原因。"
            " / At the end, stderr says how many students got no 学年总分 and why. "
            "退出码 / exit code: 0 全部评分 / every student scored; 1 已写出，但有数值被拒绝或有学生未能评分 "
            "(见备注和标准错误) / written, but some values were rejected or some students left unscored "
            "(see 备注 and stderr); 2 无法处理 / failed."
        ),
    )
    score.add_argument(
        "input", type=Path, metavar="IN", help="上报模板文件 (.xlsx/.xls) / template file (.xlsx/.xls)"
    )
    score.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="OUT.xlsx",
        help="评分结果文件 (.xlsx) / scored output file (.xlsx)",
    )
    score.add_argument(
        "--json",
        action="store_true",
        help=(
            "在标准输出逐行打印 JSON (JSON Lines: 每个学生一个对象，键名为模板表头) "
            "/ print JSON Lines on stdout: one object per student, keys named after the template headers"
        ),
    )
    score.add_argument(
        "--wusi",
        action="store_true",
        help="五四制学校: 按学年数映射年级 (21→16, 22→21, 23→22, 24→23) / five-four school: map grades by years",
    )
    score.add_argument(
        "--sheet", default=None, help="工作表名 (默认第一个) / worksheet name (default: the first)"
    )
    score.add_argument(
        "--tables",
        type=Path,
        nargs="+",
        default=None,
        metavar="FILE",
        help=(
            "另用评分表文件 (与随软件的 item_tables.csv / bmi_bands.csv 同列；检查通过才使用) "
            "/ also score with table files (same columns as the bundled tables; used only once checked)"
        ),
    )
    score.set_defaults(handler=run_score)

    tables = actions.add_parser(
        "tables",
        parents=[common],
        help="装入或列出学校的评分表 (初中/高中) / load or list the school's scoring tables",
        description=(
            "初中、高中的评分表未随软件提供 (尚无核实的版本)。管理员可从文件装入官方评分表：csv，或每张表一个工作表的 "
            "xlsx，列与随软件提供的 item_tables.csv、bmi_bands.csv (及可选的 bonus_tables.csv) 相同。文件先逐格检查 "
            "(年级编号、男女、每个项目每一分档、门槛顺序、附加分规则)，有问题则列出每一处并拒绝装入；通过后连同文件名和 "
            "SHA-256 校验值记入学校数据库，用到它的报告书会注明。"
            " / The 初中/高中 tables are not shipped (no verified transcription yet). An admin loads the official "
            "tables from a file: csv, or xlsx with one table per sheet, in the columns of the bundled "
            "item_tables.csv, bmi_bands.csv (and optionally bonus_tables.csv). The file is checked cell by cell "
            "(grade codes, both sexes, every item and band, threshold order, bonus rules); a refused file lists "
            "every problem. Accepted tables are stored with the file name and SHA-256, and reports using them "
            "say so."
        ),
    )
    table_actions = tables.add_subparsers(dest="tables_command", metavar="操作/ACTION")
    tables.set_defaults(handler=lambda args: _usage(tables))
    load = table_actions.add_parser(
        "load",
        parents=[common],
        help="检查并装入评分表文件 / check and load table files",
        description="检查并装入评分表文件 (管理员) / check and load scoring-table files (admin)",
    )
    load.add_argument("files", type=Path, nargs="+", metavar="FILE", help="csv/xlsx 评分表文件 / table files")
    load.add_argument(
        "--check",
        action="store_true",
        help="只检查，不装入 (不需要学校数据库) / only check, load nothing (no database needed)",
    )
    load.set_defaults(handler=run_tables_load)
    listing = table_actions.add_parser(
        "list",
        parents=[common],
        help="列出学校装入的评分表 / list the tables this school loaded",
        description="列出学校装入的评分表及其来源和校验值 / list loaded tables with source and checksum",
    )
    listing.set_defaults(handler=run_tables_list)

    export = actions.add_parser(
        "export",
        parents=[common],
        help="导出学校的成绩为国家上报模板 / export the school's results as the national upload template",
        description=(
            "把学校数据库中一个学年的体质测试成绩写成国家学生体质健康标准数据上报模板 (.xlsx)，可直接上传。"
            "当前学年包括名册上的全部学生（未测的项目留空）。"
            " / Write a school year's results from the school database as the national upload template (.xlsx), "
            "ready to upload. The current year includes every student on the roster (untested items blank)."
        ),
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.xlsx",
        help="输出文件 (.xlsx) / output file (.xlsx)",
    )
    export.add_argument(
        "--year",
        default=None,
        metavar="2026-2027",
        help="学年 (默认当前学年) / school year (default: the current one)",
    )
    export.add_argument(
        "--grade",
        type=int,
        default=None,
        metavar="N",
        help="只导出该年级 (1–12, 按测试时的年级) / only this grade (1-12, as tested)",
    )
    export.set_defaults(handler=run_export)

    report = actions.add_parser(
        "report",
        parents=[common],
        help="打印一个班的学生体质健康报告书 (PDF) / print a class's parent reports (PDF)",
        description=(
            "为一个班的每个学生生成一页 A4《学生体质健康报告书》(给家长)，合并为一个 PDF。"
            " / One A4 page per student of a class (the parent report), all in one PDF."
        ),
    )
    report.add_argument(
        "--class",
        dest="class_name",
        required=True,
        metavar="NAME",
        help="班级名称，如 四年级(2)班 / class name, e.g. 四年级(2)班",
    )
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.pdf",
        help="输出文件 (.pdf) / output file (.pdf)",
    )
    report.add_argument(
        "--year",
        default=None,
        metavar="2026-2027",
        help="学年 (默认当前学年) / school year (default: the current one)",
    )
    report.set_defaults(handler=run_report)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def run_score(args: argparse.Namespace) -> int:
    from fivemgmt.fitness.scorefile import json_object, output_cells, output_headers, score_sheet, unscored
    from fivemgmt.fitness.scoring import EXEMPT
    from fivemgmt.fitness.template import read_template

    if args.output is None and not args.json:
        raise UserError("请用 -o 指定输出文件 (.xlsx)，或用 --json 输出到屏幕")
    if args.output is not None and args.output.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件必须是 .xlsx: {args.output.name}")
    if args.output is not None and args.output.resolve() == args.input.resolve():
        raise UserError("输出文件不能与输入文件相同")
    sheet = read_template(args.input, sheet=args.sheet)
    tables = None
    if args.tables:
        from fivemgmt.fitness.loaded import tables_from_files

        tables = tables_from_files(args.tables)
        for code, source in sorted(tables.loaded_sources.items()):
            print(f"年级编号 {code} 的评分表：{source}", file=sys.stderr)
    rows = score_sheet(sheet, wusi=args.wusi, tables=tables)
    left = unscored(rows, tables=tables)

    if args.output is not None:
        _write_xlsx(
            args.output,
            output_headers(sheet, tables=tables),
            [output_cells(row, tables=tables) for row in rows],
        )
    if args.json:
        for row in rows:
            obj = json_object(row, sheet, tables=tables)
            print(json.dumps(obj, ensure_ascii=False, default=_json_default))

    errors = [error for row in rows for error in row.errors]
    for error in errors:
        print(f"警告: {error}", file=sys.stderr)
    exempt = sum(1 for row in rows if row.score is not None and row.score.status == EXEMPT)
    scored = len(rows) - left.count - exempt
    scored_text = f"已评分 {scored} 名" + (f"，免测 {exempt} 名" if exempt else "")
    written = f"，写入 {args.output}" if args.output is not None else ""
    if left.count:
        why = "；".join(f"{reason} {n} 名" for reason, n in left.reasons)
        print(
            f"共 {len(rows)} 名学生：{scored_text}，未能评分 {left.count} 名（{why}）{written}",
            file=sys.stderr,
        )
    else:
        print(f"共 {len(rows)} 名学生：{scored_text}，没有未能评分的学生{written}", file=sys.stderr)
    return EXIT_VALUES_REJECTED if errors or left.count else 0


def _write_xlsx(path: Path, headers: list[str], rows: list[list[Any]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "评分结果"
    ws.append(headers)
    for cells in rows:
        ws.append(cells)
    for cell in ws[1]:
        cell.font = openpyxl.styles.Font(bold=True)
    from fivemgmt.files import save_with

    save_with(path, book.save)  # .part, fsync, rename; a full disk is a plain WriteError


def run_tables_load(args: argparse.Namespace) -> int:
    from fivemgmt.fitness import loaded

    if args.check:
        checked = loaded.check(loaded.read_files(args.files))
        print(f"评分表文件检查通过：年级编号 {'、'.join(checked.grade_codes)}（未装入）", file=sys.stderr)
        return 0
    from fivemgmt.commands._common import actor_from_args, db_from_args

    db = db_from_args(args, write=True)
    result = loaded.load(db, actor_from_args(db, args), args.files, today=args.today)
    replaced = f"，取代了之前装入的“{'、'.join(result.replaced)}”" if result.replaced else ""
    print(
        f"已装入评分表“{'、'.join(result.sources)}”（SHA-256 {result.sha256}）："
        f"年级编号 {'、'.join(result.grade_codes)}{replaced}",
        file=sys.stderr,
    )
    return 0


def run_tables_list(args: argparse.Namespace) -> int:
    from fivemgmt.commands._common import db_from_args
    from fivemgmt.fitness import loaded

    sets = loaded.loaded_sets(db_from_args(args))
    if not sets:
        print("本校没有装入评分表；初中、高中学生显示为“无评分表”。")
        return 0
    for row in sets:
        print(
            f"年级编号 {row['grade_codes'].replace(';', '、')}：{loaded.source_text(row)}；SHA-256 {row['sha256']}"
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from fivemgmt.commands._common import db_from_args
    from fivemgmt.fitness import store, upload

    if args.output.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件必须是 .xlsx: {args.output.name}")
    if args.grade is not None and not 1 <= args.grade <= 12:
        raise UserError("年级应为 1–12")
    db = db_from_args(args)
    year = args.year or store.current_school_year(db, args.today)
    count = upload.export_template(db, args.output, year, args.grade, today=args.today)
    print(f"已导出 {year} 学年 {count} 名学生的体质测试成绩，写入 {args.output}", file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    from fivemgmt import school
    from fivemgmt.commands._common import db_from_args
    from fivemgmt.fitness import report

    if args.output.suffix.lower() != ".pdf":
        raise UserError(f"输出文件必须是 .pdf: {args.output.name}")
    db = db_from_args(args)
    school_class = school.find_class(db, args.class_name)
    pages = report.class_report(db, school_class, args.output, args.year, today=args.today)
    print(f"已生成{school_class.name} {pages} 名学生的体质健康报告书，写入 {args.output}", file=sys.stderr)
    return 0
