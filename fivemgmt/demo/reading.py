"""读物 — the demo school's records, with typical lapses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fivemgmt import records
from fivemgmt.areas.reading.records import (
    BOOKS,
    CORNER,
    DISPOSITIONS,
    LIBRARY,
    LIST,
    REVIEW_STEP,
    STEPS,
    STEPS_TABLE,
    Book,
    isbn13_check_digit,
)

# ------------------------------------------------------------------ demo

DEMO_LIBRARY = [
    # (title, author, publisher, grades)
    ("稻草人", "叶圣陶", "人民文学出版社", (2, 4)),
    ("小英雄雨来", "管桦", "人民文学出版社", (3, 5)),
    ("没头脑和不高兴", "任溶溶", "少年儿童出版社", (1, 3)),
    ("大林和小林", "张天翼", "人民文学出版社", (2, 4)),
    ("中国古代寓言", "人民教育出版社编", "人民教育出版社", (3, 6)),
    ("城南旧事", "林海音", "中国青年出版社", (5, 7)),
    ("草房子", "曹文轩", "江苏凤凰少年儿童出版社", (4, 6)),
    ("西游记", "吴承恩", "人民文学出版社", (5, 9)),
    ("朝花夕拾", "鲁迅", "人民文学出版社", (7, 9)),
    ("骆驼祥子", "老舍", "人民文学出版社", (7, 9)),
    ("红星照耀中国", "埃德加·斯诺", "人民文学出版社", (8, 9)),
    ("昆虫记", "法布尔", "人民教育出版社", (7, 9)),
    ("可爱的中国", "方志敏", "人民文学出版社", (5, 9)),
    ("寄小读者", "冰心", "人民文学出版社", (4, 6)),
]
DEMO_CORNER = [
    ("宝葫芦的秘密", "张天翼", "人民文学出版社", (2, 5)),
    ("青铜葵花", "曹文轩", "天天出版社", (3, 6)),
    ("呼兰河传", "萧红", "人民文学出版社", (5, 9)),
    ("海底两万里", "儒勒·凡尔纳", "人民教育出版社", (5, 9)),
    ("十万个为什么", "少年儿童出版社编", "少年儿童出版社", (1, 9)),
    ("爱的教育", "亚米契斯", "人民文学出版社", (3, 7)),
]


def _demo_isbn(number: int) -> str:
    first12 = f"9787{number:08d}"
    return first12 + isbn13_check_digit(first12)


def demo_fill(ctx: Any) -> None:
    """A reviewed library and recommended list, class corners with donated and student books, and the lapses:
    an unreviewed donated book, a problem book sealed and reported, one not yet dispositioned, and a
    recommended book not yet filed (备案)."""
    db, rng, actor = ctx.db, ctx.rng, ctx.actor
    term = ctx.calendar.current_or_last_term(ctx.end)
    if not ctx.classes or term is None:
        return
    start = term.start
    school_year = term.school_year
    grades = sorted({c.grade for c in ctx.classes})
    isbn_counter = iter(range(20_000_000, 99_999_999, 7_919))

    def add(
        title: str,
        author: str,
        publisher: str,
        source: str,
        location: str,
        class_id: str | None,
        added: dt.date,
        copies: int = 1,
    ) -> str:
        book = Book(
            title,
            author,
            publisher,
            _demo_isbn(next(isbn_counter)),
            "第1版",
            source,
            location,
            class_id,
            copies,
            added,
        )
        return records.save(db, BOOKS, book.values(), actor)

    def step(book_id: str, name: str, day: dt.date, person: str, **extra: Any) -> None:
        records.save(
            db,
            STEPS_TABLE,
            {
                "book_id": book_id,
                "step": name,
                "date": day.isoformat(),
                "person": person,
                "note": "",
                **extra,
            },
            actor,
        )

    def review_through(book_id: str, grades_: tuple[int, int], last: str, base: dt.date) -> None:
        for offset, name in enumerate(STEPS[: STEPS.index(last) + 1]):
            day = min(base + dt.timedelta(days=3 * offset), ctx.end)
            if name == REVIEW_STEP:
                step(
                    book_id,
                    name,
                    day,
                    "语文教研组：王老师、李老师、陈老师",
                    negative="0" * 12,
                    grade_from=grades_[0],
                    grade_to=grades_[1],
                )
            else:
                step(
                    book_id,
                    name,
                    day,
                    {
                        "初选": "图书管理员",
                        "确认": "学校课外读物审核小组",
                        "公示": "教务处",
                        "备案": "教务处",
                    }[name],
                )

    library: dict[str, tuple[str, tuple[int, int]]] = {}
    for title, author, publisher, suit in DEMO_LIBRARY:
        book_id = add(
            title,
            author,
            publisher,
            rng.choice(["采购", "采购", "推荐书目"]),
            LIBRARY,
            None,
            start,
            rng.randrange(5, 40),
        )
        library[title] = (book_id, suit)
        review_through(book_id, suit, "备案", start + dt.timedelta(days=2))
    # The recommended list: two or three books per grade present in the school.
    for grade in grades:
        chosen = [t for t, (_, suit) in library.items() if suit[0] <= grade <= suit[1]][:3]
        for title in chosen:
            records.save(
                db,
                LIST,
                {"school_year": school_year, "grade": grade, "book_id": library[title][0], "note": ""},
                actor,
            )
    # A book added to the list later in the term: confirmed and published, not yet filed (备案).
    late_id = add(
        "小兵张嘎", "徐光耀", "人民文学出版社", "推荐书目", LIBRARY, None, start + dt.timedelta(days=40), 20
    )
    review_through(late_id, (3, 6), "公示", start + dt.timedelta(days=42))
    unfiled_grade = next((g for g in grades if 3 <= g <= 6), None)
    if unfiled_grade is not None:
        records.save(
            db,
            LIST,
            {"school_year": school_year, "grade": unfiled_grade, "book_id": late_id, "note": "学期中增补"},
            actor,
        )
    # Class book corners.
    unreviewed_class = ctx.classes[min(3, len(ctx.classes) - 1)]
    sealed_class = ctx.classes[min(5, len(ctx.classes) - 1)]
    open_class = ctx.classes[-2 if len(ctx.classes) > 1 else -1]
    for index, school_class in enumerate(ctx.classes):
        if index % 4 == 3 and school_class not in (unreviewed_class, sealed_class, open_class):
            continue  # some classes have no book corner yet
        suitable = [b for b in DEMO_CORNER if b[3][0] <= school_class.grade <= b[3][1]] or DEMO_CORNER[4:5]
        for title, author, publisher, suit in rng.sample(suitable, min(3, len(suitable))):
            source = rng.choice(["捐赠", "学生带入", "采购"])
            added = start + dt.timedelta(days=rng.randrange(3, 20))
            book_id = add(
                title, author, publisher, source, CORNER, school_class.id, added, rng.randrange(1, 4)
            )
            review_through(book_id, suit, "确认", added + dt.timedelta(days=1))
        if school_class is unreviewed_class:
            added = ctx.end - dt.timedelta(days=6)
            add("窗边的小豆豆", "黑柳彻子", "南海出版公司", "捐赠", CORNER, school_class.id, added, 2)
        if school_class is sealed_class:
            added = ctx.end - dt.timedelta(days=20)
            book_id = add(
                "新课标指定必读·作文大全（附赠学习卡）",
                "佚名",
                "某文化传播公司",
                "学生带入",
                CORNER,
                school_class.id,
                added,
            )
            step(book_id, "初选", added + dt.timedelta(days=1), "班主任")
            step(
                book_id,
                REVIEW_STEP,
                added + dt.timedelta(days=3),
                "学校课外读物审核小组：赵老师、孙老师",
                negative="000000000011",
                grade_from=1,
                grade_to=9,
                note="违规使用“新课标指定”字样，夹带商业广告",
            )
            for action in ("封存", "上报"):
                records.save(
                    db,
                    DISPOSITIONS,
                    {
                        "book_id": book_id,
                        "action": action,
                        "date": (added + dt.timedelta(days=4)).isoformat(),
                        "person": "图书管理员",
                        "note": "已报区教育局",
                    },
                    actor,
                )
        if school_class is open_class:
            added = ctx.end - dt.timedelta(days=5)
            book_id = add("午夜惊魂鬼故事", "佚名", "某出版社", "学生带入", CORNER, school_class.id, added)
            step(book_id, "初选", added + dt.timedelta(days=1), "班主任")
            step(
                book_id,
                REVIEW_STEP,
                added + dt.timedelta(days=2),
                "学校课外读物审核小组：赵老师、孙老师",
                negative="000000010000",
                grade_from=1,
                grade_to=9,
                note="宣扬鬼神迷信、恐怖暴力内容",
            )
