"""fivemgmt demo — build a realistic demo school."""

from __future__ import annotations

import argparse

from fivemgmt import demo
from fivemgmt.commands._common import add_parser, today_from_args
from fivemgmt.errors import UserError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        subparsers,
        common,
        "demo",
        "建立演示学校 (九年一贯制, 今天所在学期, 记录到昨天) / build a demo school dated around today",
    )
    parser.add_argument("--classes", type=int, default=18, help="班级数 (默认 18) / number of classes")
    parser.add_argument("--weeks", type=int, default=8, help="生成记录的周数 (默认 8) / weeks of records")
    parser.add_argument(
        "--seed", type=int, default=1, help="随机种子, 相同种子结果相同 / random seed (deterministic)"
    )
    parser.add_argument(
        "--students", type=int, default=30, help="每班约多少学生 (默认 30) / students per class"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.db is None:
        raise UserError("请用 --db 指定演示数据库文件，例如 --db demo.sqlite。")
    if not 1 <= args.classes <= 200:
        raise UserError("班级数应在 1–200 之间。")
    if not 0 <= args.weeks <= 52 or not 1 <= args.students <= 80:
        raise UserError("周数应在 0–52 之间，每班学生数应在 1–80 之间。")
    from fivemgmt.applock import AppLock

    with AppLock(args.db):  # a GUI or command on this file must not write while the school is built
        db = demo.build(
            args.db,
            classes=args.classes,
            weeks=args.weeks,
            seed=args.seed,
            today=today_from_args(args),
            students_per_class=args.students,
        )
        classes = db.execute("SELECT COUNT(*) FROM classes").fetchone()[0]
        students = db.execute("SELECT COUNT(*) FROM students").fetchone()[0]
        db.close()
    print(f"已建立演示学校：{classes} 个班级，{students} 名学生 → {args.db}")
    return 0
