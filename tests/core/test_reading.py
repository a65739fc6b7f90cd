import dataclasses
import datetime as dt
from dataclasses import asdict
from pathlib import Path

import pytest

from fivemgmt import audit, records, school, summary
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.areas import reading as rd
from fivemgmt.areas.base import WeekContext
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.reports import reading_list
from fivemgmt.rules import Status
from tests.core.helpers import make_school
from tests.core.test_imports import write_csv, write_xlsx

TODAY = dt.date(2026, 11, 25)
MONDAY = dt.date(2026, 11, 23)
YEAR = "2026-2027"
POLICY = Path("/work/shared/reference/policy.md")


@pytest.fixture
def classes(db):
    return make_school(db, grades=(2, 4, 8))


def add_book(
    db,
    title="草房子",
    isbn="9787534661211",
    location=rd.LIBRARY,
    class_id=None,
    source="采购",
    added=dt.date(2026, 9, 10),
):
    book = rd.Book(title, "曹文轩", "江苏少年儿童出版社", isbn, "第1版", source, location, class_id, 2, added)
    rd.save_book(db, SYSTEM, book, today=TODAY)
    return book.id


def review(db, book_id, negative=(), grades=(1, 9), day=dt.date(2026, 9, 15)):
    answers = [i + 1 in negative for i in range(12)]
    return rd.save_review(
        db, SYSTEM, rd.Review(book_id, day, "语文组：王老师、李老师", answers, *grades), today=TODAY
    )


def through(db, book_id, last="备案", grades=(1, 9)):
    """Take a book through the procedure up to and including `last`."""
    day = dt.date(2026, 9, 12)
    for offset, step in enumerate(rd.STEPS[: rd.STEPS.index(last) + 1]):
        when = day + dt.timedelta(days=offset * 3)
        if step == rd.REVIEW_STEP:
            review(db, book_id, grades=grades, day=when)
        else:
            rd.record_step(db, SYSTEM, [book_id], step, when, "教务处", today=TODAY)


# ------------------------------------------------------------------ negative list and ISBN


def test_negative_list_has_the_twelve_items_with_source():
    listing = rd.negative_list()
    assert len(listing.items) == 12
    assert "教材〔2021〕2号" in listing.source and "第六条" in listing.source
    assert listing.items[9] == "存在科学性错误"
    assert listing.items[10].endswith('违规使用"教育部推荐""新课标指定"等字样')


@pytest.mark.skipif(not POLICY.exists(), reason="shared reference not available")
def test_negative_list_is_verbatim_from_policy():
    text = POLICY.read_text(encoding="utf-8")
    for number, item in enumerate(rd.negative_list().items, start=1):
        assert f"  {number}. {item}\n" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("978-7-02-000220-7", "9787020002207"),
        ("ISBN 978 7 5346 6121 1", "9787534661211"),
        ("7-02-000220-x", "702000220X"),  # ISBN-10
        ("0-306-40615-2", "0306406152"),
        ("0-8044-2957-x", "080442957X"),  # check digit X
        ("", ""),
        (9787020002207.0, "9787020002207"),  # a number cell from Excel
    ],
)
def test_isbn_valid(text, expected):
    assert rd.normalize_isbn(text) == expected


@pytest.mark.parametrize(
    "text", ["978-7-02-000220-8", "7-02-000220-2", "1234567890123", "97870200022", "ABC"]
)
def test_isbn_invalid(text):
    with pytest.raises(ValueError):
        rd.normalize_isbn(text)


# ------------------------------------------------------------------ catalogue


def test_save_book_validates_and_refuses_duplicates(db, classes):
    with pytest.raises(UserError, match="校验位"):
        add_book(db, isbn="9787534661218")
    with pytest.raises(UserError, match="选择班级"):
        add_book(db, location=rd.CORNER)
    add_book(db)
    with pytest.raises(UserError, match="已登记"):
        add_book(db)
    # The same book in a class corner is a separate record.
    add_book(db, location=rd.CORNER, class_id=classes[4].id)
    assert len(records.live_rows(db, rd.BOOKS)) == 2


def test_permissions(db, classes):
    teacher = Actor("t", "王老师", TEACHER, {classes[4].id: None})
    corner = rd.Book("青铜葵花", source="学生带入", location=rd.CORNER, class_id=classes[4].id)
    rd.save_book(db, teacher, corner, today=TODAY)
    with pytest.raises(PermissionDenied):
        rd.save_book(
            db, teacher, rd.Book("呼兰河传", location=rd.CORNER, class_id=classes[8].id), today=TODAY
        )
    with pytest.raises(PermissionDenied):
        rd.save_book(db, teacher, rd.Book("呼兰河传"), today=TODAY)  # the library is the school's
    with pytest.raises(PermissionDenied):
        rd.record_step(db, teacher, [corner.id], "初选", TODAY, "王老师", today=TODAY)


def test_a_book_entered_by_mistake_is_deleted_with_its_title_in_the_audit_trail(db, classes):
    teacher = Actor("t", "王老师", TEACHER, {classes[4].id: None})
    other = Actor("o", "李老师", TEACHER, {classes[8].id: None})
    corner = rd.Book("青铜葵花", source="学生带入", location=rd.CORNER, class_id=classes[4].id)
    rd.save_book(db, teacher, corner, today=TODAY)
    with pytest.raises(PermissionDenied):
        rd.delete_book(db, other, corner.id)
    rd.delete_book(db, teacher, corner.id)
    assert rd.book_statuses(db) == []
    entry = audit.history(db, rd.BOOKS, corner.id)[-1]
    assert entry["after"]["deleted"] == 1 and "《青铜葵花》" in entry["reason"]


def test_a_reviewed_book_is_not_deleted(db, classes):
    book_id = add_book(db)
    rd.record_step(db, SYSTEM, [book_id], "初选", dt.date(2026, 9, 12), "教务处", today=TODAY)
    with pytest.raises(UserError, match="已有审核记录"):
        rd.delete_book(db, SYSTEM, book_id)
    assert [s.book.id for s in rd.book_statuses(db)] == [book_id]


# ------------------------------------------------------------------ procedure order


def test_steps_in_order_with_dates_and_people(db, classes):
    book_id = add_book(db)
    with pytest.raises(UserError, match="下一步应为“初选”"):
        rd.record_step(db, SYSTEM, [book_id], "确认", TODAY, "教务处", today=TODAY)
    with pytest.raises(UserError, match="下一步应为“初选”"):
        review(db, book_id)
    rd.record_step(db, SYSTEM, [book_id], "初选", dt.date(2026, 9, 12), "图书管理员", today=TODAY)
    with pytest.raises(UserError, match="已经初选过了"):
        rd.record_step(db, SYSTEM, [book_id], "初选", dt.date(2026, 9, 12), "图书管理员", today=TODAY)
    with pytest.raises(UserError, match="使用“评议”"):
        rd.record_step(db, SYSTEM, [book_id], "评议", dt.date(2026, 9, 13), "语文组", today=TODAY)
    with pytest.raises(UserError, match="下一步应为“评议”"):
        rd.record_step(db, SYSTEM, [book_id], "公示", dt.date(2026, 9, 13), "教务处", today=TODAY)
    with pytest.raises(UserError, match="不能早于上一步"):
        review(db, book_id, day=dt.date(2026, 9, 11))
    review(db, book_id, day=dt.date(2026, 9, 15))
    with pytest.raises(UserError, match="不能晚于今天"):
        rd.record_step(db, SYSTEM, [book_id], "确认", TODAY + dt.timedelta(days=1), "审核小组", today=TODAY)
    with pytest.raises(UserError, match="负责人"):
        rd.record_step(db, SYSTEM, [book_id], "确认", TODAY, " ", today=TODAY)
    rd.record_step(db, SYSTEM, [book_id], "确认", dt.date(2026, 9, 20), "审核小组", today=TODAY)
    status = rd.book_status(db, book_id)
    assert status.done == ["初选", "评议", "确认"] and status.passed and status.state == "已审核"
    assert status.review.person == "语文组：王老师、李老师"
    assert status.step("确认").person == "审核小组" and status.step("确认").date == dt.date(2026, 9, 20)
    assert status.next_step == "公示"


def test_batch_step_is_all_or_nothing(db, classes):
    ready = add_book(db, "草房子", "9787534661211")
    other = add_book(db, "稻草人", "")
    rd.record_step(db, SYSTEM, [ready, other], "初选", dt.date(2026, 9, 12), "图书管理员", today=TODAY)
    assert rd.book_status(db, other).done == ["初选"]
    review(db, ready)
    # One book is ready to be confirmed, the other has not been reviewed: neither is confirmed.
    with pytest.raises(UserError, match="《稻草人》的下一步应为“评议”"):
        rd.record_step(db, SYSTEM, [ready, other], "确认", TODAY, "审核小组", today=TODAY)
    assert rd.book_status(db, ready).done == ["初选", "评议"]


def test_review_records_all_twelve_answers_and_grades(db, classes):
    book_id = add_book(db)
    rd.record_step(db, SYSTEM, [book_id], "初选", dt.date(2026, 9, 12), "图书管理员", today=TODAY)
    with pytest.raises(UserError, match="12 条"):
        rd.save_review(db, SYSTEM, rd.Review(book_id, TODAY, "王老师", [False] * 11), today=TODAY)
    with pytest.raises(UserError, match="适用年级"):
        rd.save_review(db, SYSTEM, rd.Review(book_id, TODAY, "王老师", [False] * 12, 6, 3), today=TODAY)
    review(db, book_id, negative=(10,), grades=(3, 6))
    row = records.live_rows(db, rd.STEPS_TABLE, "step = '评议'")[0]
    assert row["negative"] == "000000000100" and (row["grade_from"], row["grade_to"]) == (3, 6)
    # A correction of the review replaces it while it is the last step.
    review(db, book_id, negative=(), grades=(3, 6))
    assert len(records.live_rows(db, rd.STEPS_TABLE, "step = '评议'")) == 1
    assert not rd.book_status(db, book_id).problem
    rd.record_step(db, SYSTEM, [book_id], "确认", TODAY, "审核小组", today=TODAY)
    with pytest.raises(UserError, match="不能再修改评议"):
        review(db, book_id, negative=(8,))
    rd.undo_step(db, SYSTEM, book_id, reason="重新评议")
    review(db, book_id, negative=(8,))
    assert rd.book_status(db, book_id).review.problem_items == [8]


def test_problem_book_cannot_be_recommended_and_must_be_dispositioned(db, classes):
    book_id = add_book(db, location=rd.CORNER, class_id=classes[4].id)
    rd.record_step(db, SYSTEM, [book_id], "初选", dt.date(2026, 9, 12), "班主任", today=TODAY)
    review(db, book_id, negative=(8, 11))
    status = rd.book_status(db, book_id)
    assert status.problem and status.review_complete and status.state == "问题读物（未处置）"
    assert status.status is Status.VIOLATION and status.next_step is None
    with pytest.raises(UserError, match="不能确认或推荐"):
        rd.record_step(db, SYSTEM, [book_id], "确认", TODAY, "审核小组", today=TODAY)
    with pytest.raises(UserError, match="第 8、11 条"):
        rd.add_to_list(db, SYSTEM, book_id, YEAR, 4)
    week = rd.week_summary(WeekContext.load(db, MONDAY, TODAY), classes[4])
    assert week.status is Status.VIOLATION and week.figures.problem_open == 1 and "草房子" in week.reason
    with pytest.raises(UserError, match="处置方式"):
        rd.disposition(db, SYSTEM, book_id, "烧毁", TODAY, "图书管理员", today=TODAY)
    rd.disposition(db, SYSTEM, book_id, "封存", TODAY, "图书管理员", today=TODAY)
    rd.disposition(db, SYSTEM, book_id, "上报", TODAY, "校长", "报区教育局", today=TODAY)
    with pytest.raises(UserError, match="已经封存过了"):
        rd.disposition(db, SYSTEM, book_id, "封存", TODAY, "图书管理员", today=TODAY)
    status = rd.book_status(db, book_id)
    assert status.dispositioned and not status.in_circulation and status.state == "问题读物（已封存、上报）"
    week = rd.week_summary(WeekContext.load(db, MONDAY, TODAY), classes[4])
    assert week.figures.problem_open == 0 and week.figures.class_books == 0
    assert week.status is Status.GREEN and "问题读物已处置" in week.reason


def own(verdict):
    return verdict.status, verdict.reason


def test_a_school_finding_outranks_a_better_class_week_until_it_is_dealt_with(db, classes):
    """The 读物 page's status strip: a problem book still out anywhere counts for every class."""
    ctx = WeekContext.load(db, MONDAY, TODAY)
    week = rd.week_summary(ctx, classes[8])  # no book corner: nothing of its own to judge
    assert own(rd.class_verdict(week, rd.catalogue_findings(db, TODAY))) == (week.status, week.reason)
    book_id = add_book(db)  # in the library, not in class 8's corner
    rd.record_step(db, SYSTEM, [book_id], "初选", dt.date(2026, 9, 12), "图书管理员", today=TODAY)
    review(db, book_id, negative=(8,))
    week = rd.week_summary(WeekContext.load(db, MONDAY, TODAY), classes[8])
    assert week.status is Status.NA
    verdict = rd.class_verdict(week, rd.catalogue_findings(db, TODAY))
    assert verdict.status is Status.VIOLATION
    assert verdict.reason == f"全校：1 本问题读物未处置：《草房子》；本班：{week.reason}"
    rd.disposition(db, SYSTEM, book_id, "封存", TODAY, "图书管理员", today=TODAY)
    findings = rd.catalogue_findings(db, TODAY)
    assert own(rd.class_verdict(week, findings)) == (
        week.status,
        week.reason,
    )  # dealt with: the class's own week again
    # A class already as bad as the finding keeps its own reason.
    worse = rd.week_summary(ctx, classes[8])
    red = dataclasses.replace(worse, status=Status.VIOLATION, reason="本班问题")
    assert rd.class_verdict(red, [(Status.VIOLATION, "全校问题")]).reason == "本班问题"


def test_class_corner_week_states(db, classes):
    ctx = WeekContext.load(db, MONDAY, TODAY)
    empty = rd.week_summary(ctx, classes[2])
    assert empty.status is Status.NA and "没有登记图书" in empty.reason
    donated = add_book(db, "窗边的小豆豆", "", rd.CORNER, classes[2].id, "捐赠", added=dt.date(2026, 11, 20))
    week = rd.week_summary(ctx, classes[2])
    assert (
        week.status is Status.PENDING
        and week.status.label == "待审"
        and "《窗边的小豆豆》(捐赠)" in week.reason
    )
    assert asdict(week.figures) == {
        "class_books": 1,
        "unreviewed_books": 1,
        "problem_open": 0,
        "unsuitable_books": 0,
    }
    # As of an earlier week the donated book was not there yet.
    assert rd.week_summary(WeekContext.load(db, dt.date(2026, 11, 9), TODAY), classes[2]).status is Status.NA
    through(db, donated, "初选")
    review(db, donated, grades=(5, 9), day=dt.date(2026, 11, 21))
    assert rd.week_summary(ctx, classes[2]).status is Status.PENDING  # reviewed, not yet confirmed
    rd.record_step(db, SYSTEM, [donated], "确认", dt.date(2026, 11, 22), "审核小组", today=TODAY)
    week = rd.week_summary(ctx, classes[2])
    assert week.status is Status.YELLOW and "适用年级不含本年级" in week.reason  # grade 2, suits 5–9
    other = add_book(db, "十万个为什么", "", rd.CORNER, classes[4].id, "学生带入")
    through(db, other, "确认", grades=(1, 9))
    assert rd.week_summary(ctx, classes[4]).status is Status.GREEN


# ------------------------------------------------------------------ recommended list


def test_recommended_list_requires_confirmation_and_suitable_grade(db, classes):
    book_id = add_book(db)
    through(db, book_id, "评议", grades=(3, 6))
    with pytest.raises(UserError, match="尚未完成"):
        rd.add_to_list(db, SYSTEM, book_id, YEAR, 4)
    rd.record_step(db, SYSTEM, [book_id], "确认", dt.date(2026, 9, 20), "审核小组", today=TODAY)
    with pytest.raises(UserError, match="不含二年级"):
        rd.add_to_list(db, SYSTEM, book_id, YEAR, 2)
    with pytest.raises(UserError, match="学年"):
        rd.add_to_list(db, SYSTEM, book_id, "2026", 4)
    rd.add_to_list(db, SYSTEM, book_id, YEAR, 4)
    with pytest.raises(UserError, match="已在"):
        rd.add_to_list(db, SYSTEM, book_id, YEAR, 4)
    status = rd.catalogue_status(db, TODAY)
    assert status["recommended"] == 1 and status["recommended_unpublished"] == 1
    findings = rd.catalogue_findings(db, TODAY)
    assert findings[0][0] is Status.VIOLATION and "《草房子》缺公示、备案" in findings[0][1]
    rd.record_step(db, SYSTEM, [book_id], "公示", dt.date(2026, 9, 25), "教务处", today=TODAY)
    assert rd.catalogue_status(db, TODAY)["recommended_unpublished"] == 1  # 备案 still missing
    rd.record_step(db, SYSTEM, [book_id], "备案", dt.date(2026, 10, 9), "教务处", today=TODAY)
    assert rd.catalogue_status(db, TODAY)["recommended_unpublished"] == 0
    assert rd.catalogue_findings(db, TODAY)[0][0] is Status.GREEN
    with pytest.raises(UserError, match="移出推荐书目"):
        rd.undo_step(db, SYSTEM, book_id, reason="误录")


def test_withdrawing_a_book_removes_it_from_the_list(db, classes):
    book_id = add_book(db)
    through(db, book_id, "备案")
    rd.add_to_list(db, SYSTEM, book_id, YEAR, 4)
    rd.disposition(db, SYSTEM, book_id, "下架", TODAY, "图书管理员", "破损", today=TODAY)
    assert rd.recommended_list(db, YEAR) == []
    with pytest.raises(UserError, match="封存或下架"):
        rd.add_to_list(db, SYSTEM, book_id, YEAR, 4)


def test_catalogue_status_counts(db, classes):
    ok = add_book(db, "草房子", "9787534661211")
    through(db, ok, "备案")
    rd.add_to_list(db, SYSTEM, ok, YEAR, 4)
    pending = add_book(db, "稻草人", "", source="捐赠")
    through(db, pending, "评议")
    sealed = add_book(db, "鬼故事", "", source="学生带入")
    through(db, sealed, "初选")
    review(db, sealed, negative=(8,))
    rd.disposition(db, SYSTEM, sealed, "封存", TODAY, "图书管理员", today=TODAY)
    open_ = add_book(db, "作文大全", "", source="学生带入")
    through(db, open_, "初选")
    review(db, open_, negative=(11,))
    withdrawn = add_book(db, "旧书", "")
    rd.disposition(db, SYSTEM, withdrawn, "下架", TODAY, "图书管理员", today=TODAY)
    assert rd.catalogue_status(db, TODAY) == {
        "books": 5,
        "reviewed": 1,
        "pending": 1,
        "problem_dispositioned": 1,
        "problem_open": 1,
        "recommended": 1,
        "recommended_unpublished": 0,
    }
    # Before anything was reviewed (as of the day the books were added) everything was pending.
    early = rd.catalogue_status(db, dt.date(2026, 9, 10))
    assert early["reviewed"] == 0 and early["pending"] == 5 and early["recommended"] == 0


def test_parent_list_states_purchase_is_voluntary(db, classes, tmp_path):
    for title, isbn, grade in (("草房子", "9787534661211", 4), ("骆驼祥子", "9787020002207", 8)):
        book_id = add_book(db, title, isbn)
        through(db, book_id, "备案")
        rd.add_to_list(db, SYSTEM, book_id, YEAR, grade)
    listing = rd.parent_list(db, YEAR)
    assert listing.title == "测试学校2026-2027学年课外读物推荐书目"
    assert [b.title for b in listing.grades[4]] == ["草房子"] and list(listing.grades) == [4, 8]
    text = listing.text()
    assert "自愿购买" in text and "不强制" in text and "《骆驼祥子》" in text
    grade4 = rd.parent_list(db, YEAR, 4)
    assert list(grade4.grades) == [4] and "四年级" in grade4.title
    pdf = reading_list.write_parent_list_pdf(listing, tmp_path / "书目.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    import subprocess

    extracted = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "自愿购买" in extracted.replace("\n", "") and "草房子" in extracted


# ------------------------------------------------------------------ import

HEADER = ["书名", "作者", "出版社", "ISBN", "版次", "来源", "存放位置", "册数"]


def test_import_catalogue(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "图书目录.xlsx",
        [
            HEADER,
            ["草房子", "曹文轩", "江苏少年儿童出版社", "978-7-5346-6121-1", "第1版", "采购", "图书室", 20],
            ["骆驼祥子", "老舍", "人民文学出版社", 9787020002207, "", "推荐书目", "图书室", None],
            ["窗边的小豆豆", "黑柳彻子", "南海出版公司", "", "", "捐书", "二年级(1)班图书角", 2],
            ["青铜葵花", "曹文轩", "天天出版社", None, None, "学生自带", "初二（1）班", 1],
        ],
    )
    preview = rd.preview_import(db, path)
    assert preview.ok, preview.error_report()
    assert preview.counts == {"new": 4, "changed": 0, "unchanged": 0}
    assert any("捐赠" in w for w in preview.warnings)
    rd.commit_import(db, SYSTEM, preview, today=TODAY)
    books = {b.book.title: b.book for b in rd.book_statuses(db)}
    assert books["窗边的小豆豆"].source == "捐赠" and books["窗边的小豆豆"].class_id == classes[2].id
    assert books["青铜葵花"].location == rd.CORNER and books["青铜葵花"].class_id == classes[8].id
    assert books["骆驼祥子"].isbn == "9787020002207" and books["骆驼祥子"].copies == 1
    assert books["草房子"].added_date == TODAY
    assert rd.catalogue_status(db, TODAY)["pending"] == 4  # imported books still need their review
    again = rd.preview_import(db, path)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 4}


def test_import_bad_rows_write_nothing(db, classes, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            HEADER,
            ["草房子", "曹文轩", "江苏少年儿童出版社", "978-7-5346-6121-8", "", "采购", "图书室", "20"],
            ["稻草人", "叶圣陶", "人民文学出版社", "", "", "偷来的", "图书室", "1"],
            ["寄小读者", "冰心", "人民文学出版社", "", "", "采购", "五年级(9)班", "1"],
            ["", "佚名", "", "", "", "采购", "图书室", "1"],
            ["城南旧事", "林海音", "", "", "", "采购", "图书室", "1"],
            ["城南旧事", "林海音", "", "", "", "采购", "图书室", "3"],
        ],
    )
    preview = rd.preview_import(db, path)
    where = {(e.row, e.column) for e in preview.errors}
    assert {(2, "ISBN"), (3, "来源"), (4, "存放位置"), (5, "书名"), (7, "")} <= where
    with pytest.raises(UserError, match="未导入任何数据"):
        rd.commit_import(db, SYSTEM, preview)
    assert not records.live_rows(db, rd.BOOKS)


def test_demo_shows_the_lapses(demo_db, today):
    status = rd.catalogue_status(demo_db, today)
    assert status["pending"] >= 1 and status["problem_open"] == 1 and status["problem_dispositioned"] == 1
    assert status["recommended"] > 0 and status["recommended_unpublished"] == 1
    week = summary.week_summary(demo_db, dt.date(2026, 11, 23), today=today, areas=["reading"])
    statuses = {row.areas["reading"].status for row in week.classes}
    assert {Status.GREEN, Status.PENDING, Status.VIOLATION} <= statuses
    donated = [s for s in rd.book_statuses(demo_db) if s.book.source == "捐赠" and not s.review_complete]
    assert donated and donated[0].book.location == rd.CORNER
    assert school.get_school(demo_db)


def test_parent_list_prints_titles_with_markup_characters_and_rare_characters(db, classes, tmp_path):
    from pypdf import PdfReader

    book_id = add_book(db, "汤姆·索亚<历险记> & 䶮", "9787534661211")
    through(db, book_id, "备案")
    rd.add_to_list(db, SYSTEM, book_id, YEAR, 4)
    path = reading_list.write_parent_list_pdf(rd.parent_list(db, YEAR), tmp_path / "书目.pdf")
    text = "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")
    assert "<历险记> & 䶮" in text
