"""fivemgmt year rollover|show — the school year: 学年升级 and what each year's classes are."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fivemgmt.cli import parse_date
from fivemgmt.commands._common import actor_from_args, add_parser, db_from_args, today_from_args


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(subparsers, common, "year", "学年：升级与查看 / the school year: rollover and view")
    actions = parser.add_subparsers(dest="action", metavar="rollover|show", required=True)
    rollover = add_parser(
        actions,
        common,
        "rollover",
        "学年升级：各班升一个年级, 毕业班归档, 新建起始年级班级; 先预览, 升级前自动备份, 一个事务完成 / "
        "school-year rollover: every class moves up a grade, the graduating grade is archived, new first-year "
        "classes are created; previewed first, backed up before, one transaction",
        epilog="历史记录保留当时的年级和班名：旧学年的周、图表和报表与升级前一致 / history keeps the grade and "
        "class name it had: the old year's weeks, charts and forms stay as they were.",
    )
    rollover.add_argument(
        "--to",
        dest="to_year",
        required=True,
        metavar="学年",
        help="新学年, 例如 2027-2028 / the new school year",
    )
    first = rollover.add_mutually_exclusive_group()
    first.add_argument(
        "--new-classes",
        type=int,
        metavar="N",
        help="新建 N 个起始年级班级 (一年级或七年级) / create N first-year classes",
    )
    first.add_argument(
        "--roster",
        type=Path,
        metavar="FILE",
        help="按新生名册 (xlsx/csv) 新建起始年级班级并导入学生 / create the first-year classes from a new "
        "students' roster and import them",
    )
    teachers = rollover.add_mutually_exclusive_group()
    teachers.add_argument(
        "--keep-teachers",
        dest="teachers",
        action="store_const",
        const="keep",
        help="班主任和任课教师随班升级 (默认) / teachers and 班主任 move up with their class (default)",
    )
    teachers.add_argument(
        "--clear-teachers",
        dest="teachers",
        action="store_const",
        const="clear",
        help="清空班主任和任课安排, 升级后重新安排 / clear 班主任 and teaching assignments",
    )
    rollover.add_argument(
        "--dry-run", action="store_true", help="只预览, 不写入 / preview only, nothing written"
    )
    rollover.add_argument("--json", action="store_true", help="预览输出 JSON / print the preview as JSON")
    rollover.set_defaults(handler=run_rollover, teachers="keep")
    show = add_parser(
        actions,
        common,
        "show",
        "某学年的班级 (当时的年级和班名)、人数和已毕业班级 / a school year's classes (as named then), "
        "students and graduated classes",
    )
    show.add_argument(
        "--year", metavar="学年", help="学年, 默认今天所在学年 / school year (default: today's)"
    )
    show.set_defaults(handler=run_show)
    history = add_parser(
        actions,
        common,
        "history",
        "一个班级或学生跨学年的记录 (各年的年级、班名、学籍变动) / a class's or a student's history across "
        "school years (grade and name each year, moves)",
    )
    who = history.add_mutually_exclusive_group(required=True)
    who.add_argument("--class", dest="class_name", metavar="班级", help="班级现在或当时的名称 / the class")
    who.add_argument("--student", metavar="学籍号", help="学生的学籍号 / the student's 学籍号")
    history.add_argument(
        "--on",
        type=parse_date,
        metavar="日期",
        help="--class 按这一天的班名查找 / find the class by its name then",
    )
    history.set_defaults(handler=run_history)


def run_rollover(args: argparse.Namespace) -> int:
    from fivemgmt import years

    options = {"new_classes": args.new_classes, "roster": args.roster, "teachers": args.teachers}
    db = db_from_args(args, write=not args.dry_run)
    plan = years.plan_rollover(db, args.to_year, today=today_from_args(args), **options)
    if args.json:
        print(json.dumps(plan.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(plan.lines()))
    if args.dry_run:
        print("未写入（--dry-run）。")
        return 0
    changes = years.commit_rollover(db, actor_from_args(db, args), plan)
    print(f"已升级到 {plan.to_year} 学年，写入 {len(changes.ids)} 条记录。")
    return 0


def run_history(args: argparse.Namespace) -> int:
    from fivemgmt import roster, school, student_ids, years
    from fivemgmt.errors import UserError

    db = db_from_args(args)
    if args.class_name:
        found = school.find_class(db, args.class_name, on=args.on)
        print("\n".join(years.class_history(db, found.id)))
        return 0
    number = student_ids.normalize(args.student)
    students = roster.students_by_number(db).get(number, [])
    if len(students) != 1:
        raise UserError(
            f"找不到学籍号为“{number}”的学生。"
            if not students
            else f"有 {len(students)} 名学生用学籍号“{number}”。"
        )
    print(students[0]["name"])
    print("\n".join(years.student_history(db, students[0]["id"])))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from fivemgmt import years

    db = db_from_args(args)
    print(years.format_year(years.year_view(db, args.year, today=today_from_args(args))))
    return 0
