"""作业公示表, 自查报告, 校长周报, 整改清单 and the ``fivemgmt report`` command."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from fivemgmt import school
from fivemgmt.actor import LOCAL_ADMIN, SYSTEM
from fivemgmt.cli import main
from fivemgmt.reports import board, rectification, self_report, weekly
from fivemgmt.reports import findings as fnd
from fivemgmt.reports.evidence import pending_red_findings
from fivemgmt.reports.period import Period
from tests.core.reports_helpers import (
    MONDAY,
    TODAY,
    add,
    confirm_school_defaults,
    crafted_school,
    flat,
    ink_share,
    pages_text,
    render_first_page,
)

WEEK = Period.week(MONDAY)
TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def school_db(db):
    crafted_school(db)
    return db


def image_dpi(path) -> list[float]:
    """Effective resolution of every image as placed on its page (pixels per inch of printed width)."""
    result = []
    for page in PdfReader(path).pages:
        for image in page.images:
            result.append(image.image.width)
    return result


# ------------------------------------------------------------------ 作业公示表


def test_daily_board_for_a_class(school_db, tmp_path):
    path = tmp_path / "board.pdf"
    board.build(school_db, Period(TUESDAY, TUESDAY), path, class_name="四年级(1)班", today=TODAY)
    (page,) = pages_text(path)
    text = flat(page)
    for header in ("学科", "作业内容", "作业类型", "必做/选做", "预计时长", "布置教师"):
        assert header in text
    assert "日期：2026-11-17周二" in text and "班级：四年级(1)班" in text
    assert "语文抄写生字书面必做50分钟张老师" in text
    assert "数学口算一页书面必做20分钟张老师" in text
    assert "书面作业合计70分钟；上限60分钟；↑超过上限" in text
    assert "第 1 页 共 1 页" in page
    assert ink_share(render_first_page(path, tmp_path)) > 0.01


def test_daily_board_states_unlogged_and_no_homework(school_db):
    friday = MONDAY + dt.timedelta(days=4)
    text = flat(
        "".join(
            pages_text(board.build(school_db, Period(friday, friday), class_name="四年级(1)班", today=TODAY))
        )
    )
    assert "当天未登记作业" in text
    text = flat(
        "".join(
            pages_text(board.build(school_db, Period(friday, friday), class_name="二年级(1)班", today=TODAY))
        )
    )
    assert "今日无作业" in text


def test_weekly_board_lists_every_day_with_its_total(school_db):
    confirm_school_defaults(school_db)
    text = flat("".join(pages_text(board.build(school_db, WEEK, class_name="八年级(1)班", today=TODAY))))
    for day, minutes in (("2026-11-16周一", 80), ("2026-11-17周二", 95), ("2026-11-18周三", 60)):
        assert day in text
        assert f"书面作业合计{minutes}分钟；上限90分钟" in text
    assert "书面作业合计95分钟；上限90分钟；↑超过上限" in text


def test_whole_grade_fits_on_one_page(db, tmp_path):
    crafted_school(db)
    for number in range(2, 9):
        school.add_class(db, SYSTEM, 4, number)
    for school_class in school.list_classes(db, 4):
        for index in range(6):
            add(
                db,
                school_class,
                TUESDAY,
                10,
                subject=["语文", "数学", "英语"][index % 3],
                content=f"{school_class.name}第{index + 1}项：完成练习册第{index + 20}页并订正错题",
            )
    confirm_school_defaults(db)
    path = tmp_path / "grade.pdf"
    board.build(db, Period(TUESDAY, TUESDAY), path, grade=4, today=TODAY)
    pages = pages_text(path)
    assert len(pages) == 1
    text = flat(pages[0])
    for number in range(1, 9):
        assert f"四年级({number})班" in text
    assert "四年级(8)班第6项" in text
    weekly_pages = pages_text(board.build(db, WEEK, grade=4, today=TODAY))
    assert len(weekly_pages) == 1 and "日均" in weekly_pages[0]


# ------------------------------------------------------------------ 自查报告


def test_self_report(school_db, tmp_path):
    fnd.save_leaders(
        school_db, LOCAL_ADMIN, {"leader": "赵校长", "deputies": "钱副校长", "members": "孙主任、李主任"}
    )
    proposals = pending_red_findings(school_db, WEEK, TODAY)
    red = next(p for p in proposals if p.class_name == "二年级(1)班")
    red.measure, red.owner, red.deadline = (
        "一二年级书面练习在校内完成",
        "教导处 李主任",
        dt.date(2026, 11, 30),
    )
    fnd.save_finding(school_db, LOCAL_ADMIN, red)
    path = tmp_path / "self_report.pdf"
    self_report.build(school_db, WEEK, path, today=TODAY)
    pages = pages_text(path)
    text = flat("".join(pages))
    assert "组长：赵校长" in text and "副组长：钱副校长" in text and "成员：孙主任、李主任" in text
    for heading in (
        "一、组织领导",
        "二、落实情况",
        "三、存在问题",
        "四、整改措施",
        "（一）作业管理",
        "（二）睡眠管理",
    ):
        assert heading in text
    assert "三至六年级书面作业日均50分钟" in text
    assert "本期睡眠管理台账暂无记录" in text
    assert flat(red.problem) in text
    assert "一二年级书面练习在校内完成教导处李主任2026-11-30整改中" in text
    assert "校长(签字)" in text and "学校(盖章)" in text
    for number, page in enumerate(pages, 1):
        assert f"第 {number} 页 共 {len(pages)} 页" in page
    # Charts are embedded at print resolution (≥ 200 dpi at the width they are printed).
    widths = image_dpi(path)
    assert widths, "the report has no chart"
    printed_inches = 174 / 25.4 * 0.92
    assert min(widths) / printed_inches >= 200
    assert ink_share(render_first_page(path, tmp_path)) > 0.02


def test_dismissed_red_finding_does_not_come_back(school_db):
    proposals = pending_red_findings(school_db, WEEK, TODAY)
    assert proposals
    fnd.add_proposed(school_db, LOCAL_ADMIN, proposals[:1])
    fnd.delete_finding(school_db, LOCAL_ADMIN, fnd.list_findings(school_db)[0].id)
    assert proposals[0].auto_key not in {p.auto_key for p in pending_red_findings(school_db, WEEK, TODAY)}


# ------------------------------------------------------------------ 校长周报


def test_weekly_report_on_demo_school(demo_db, tmp_path):
    path = tmp_path / "weekly.pdf"
    weekly.build(demo_db, WEEK, path, today=TODAY)
    pages = pages_text(path)
    assert 2 <= len(pages) <= 4
    text = flat("".join(pages))
    assert "2026-W47" in text and "一、总体情况" in text and "三、重点图表" in text
    for school_class in school.list_classes(demo_db):
        assert school_class.name in text
    assert f"第 1 页 共 {len(pages)} 页" in pages[0]
    assert len(image_dpi(path)) >= 4
    assert ink_share(render_first_page(path, tmp_path)) > 0.02


# ------------------------------------------------------------------ 整改清单


def test_rectification_list_long_table_repeats_its_header(school_db, tmp_path):
    for number in range(1, 41):
        fnd.save_finding(
            school_db,
            LOCAL_ADMIN,
            fnd.Finding(
                None,
                f"问题{number:02d}：四年级(1)班书面作业超时，需要与各科教师协调总量",
                class_name="四年级(1)班",
                measure="班主任每日统筹各科作业总量",
                owner="王老师",
                deadline=dt.date(2026, 11, 30),
                found_on=dt.date(2026, 11, 18),
            ),
        )
    first = fnd.list_findings(school_db)[0]
    fnd.close_finding(school_db, LOCAL_ADMIN, first.id, dt.date(2026, 11, 23), "建立作业总量协调表")
    path = tmp_path / "rectification.pdf"
    rectification.build(school_db, WEEK, path, today=TODAY)
    pages = pages_text(path)
    assert len(pages) >= 2
    for page in pages[:2]:
        assert all(h in flat(page) for h in ("存在问题", "整改措施", "责任人", "完成时限", "状态"))
    assert "问题40" in flat(pages[-1]) or "问题40" in flat(pages[-2])
    text = flat("".join(pages))
    assert "已整改" in text and "2026-11-23建立作业总量协调表" in text
    assert "共40项，整改中39项（逾期0项），已整改1项" in text
    for number, page in enumerate(pages, 1):
        assert f"第 {number} 页 共 {len(pages)} 页" in page
    assert ink_share(render_first_page(path, tmp_path)) > 0.01
    # After the deadline the open ones are overdue.
    late = flat("".join(pages_text(rectification.build(school_db, WEEK, today=dt.date(2026, 12, 2)))))
    assert "逾期39项" in late and "整改中（逾期）" in late


def test_close_finding_needs_how_it_was_fixed(school_db):
    fnd.save_finding(school_db, LOCAL_ADMIN, fnd.Finding(None, "问题", found_on=dt.date(2026, 11, 18)))
    finding = fnd.list_findings(school_db)[0]
    with pytest.raises(Exception, match="整改情况"):
        fnd.close_finding(school_db, LOCAL_ADMIN, finding.id, dt.date(2026, 11, 20), " ")
    with pytest.raises(Exception, match="早于发现日期"):
        fnd.close_finding(school_db, LOCAL_ADMIN, finding.id, dt.date(2026, 11, 1), "改好了")


# ------------------------------------------------------------------ CLI


@pytest.mark.parametrize(
    "kind", ["self-inspection", "shuangjian", "board", "self-report", "weekly", "rectification"]
)
def test_cli_generates_every_document(demo_db_path, tmp_path, kind, capsys):
    out = tmp_path / f"{kind}.pdf"
    code = main(
        [
            "report",
            kind,
            "--db",
            str(demo_db_path),
            "--today",
            "2026-11-25",
            "--week",
            "2026-W47",
            "-o",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF")
    assert "第 1 页 共" in pages_text(out)[0]


def test_cli_errors_are_one_line(demo_db_path, tmp_path, capsys):
    code = main(
        [
            "report",
            "weekly",
            "--db",
            str(demo_db_path),
            "--class",
            "三年级(1)班",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 2
    assert "全校报表" in capsys.readouterr().err
    code = main(
        [
            "report",
            "board",
            "--db",
            str(demo_db_path),
            "--class",
            "十年级(1)班",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 2


def test_signature_block_never_stands_alone_on_a_page(db, tmp_path):
    """Whatever the table's length, the page with the signatures also holds the end of the table."""
    from fivemgmt.reports import pdf

    alone = []
    for rows in range(28, 52):
        doc = pdf.Document(db, "测试表", today=TODAY)
        data = [["序号", "内容"]] + [[str(i), f"第{i}行内容"] for i in range(1, rows + 1)]
        doc.add(pdf.table(data, [20, doc.width - 20], doc.styles))
        doc.add(pdf.P("依据：测试文件", doc.styles.note))
        doc.add(pdf.signature_block(doc.styles, doc.width))
        pages = pages_text(doc.build())
        signed = [p for p in pages if "校长(签字)" in p]
        assert len(signed) == 1
        if f"第{rows}行内容" not in signed[0]:
            alone.append(rows)
    assert alone == []


def test_on_site_checklist_has_an_inspector_signature_and_date_line(school_db, tmp_path):
    from fivemgmt.reports import self_inspection

    path = tmp_path / "check.pdf"
    self_inspection.build(school_db, WEEK, path, today=TODAY)
    last = flat(pages_text(path)[-1])
    assert "责任督学(签字)：" in last and "督评日期：年月日" in last
    assert "填表人(签字)" in last and "校长(签字)" in last


def test_weekend_board_for_parents_never_prints_an_unconfirmed_default(school_db, tmp_path):
    """Rest-day totals have no national number: the board asks for the school's value before printing."""
    from fivemgmt.errors import UserError
    from fivemgmt.rules import save_override

    saturday = MONDAY + dt.timedelta(days=5)
    add(school_db, school_db_class(school_db, "四年级(1)班"), saturday, 30)
    weekend = Period(saturday, saturday)  # the daily sheet names where its limit comes from
    with pytest.raises(UserError, match="学校尚未确认") as error:
        board.build(school_db, weekend, class_name="四年级(1)班", today=TODAY)
    with pytest.raises(UserError, match="学校尚未确认"):  # the weekly sheet prints the same limit
        board.build(school_db, Period(saturday, saturday + dt.timedelta(days=1)), grade=4, today=TODAY)
    assert "“周末、节假日书面作业总量上限(学校自定)”（建议值 120 分钟）" in str(error.value)
    # A school-day board uses the national caps only: printed without asking.
    assert board.build(school_db, Period(MONDAY, MONDAY), class_name="四年级(1)班", today=TODAY)
    save_override(
        school_db,
        LOCAL_ADMIN,
        "homework.rest_day_total_minutes",
        "100",
        3,
        6,
        "本校作业管理制度",
        effective_from=dt.date(2026, 9, 1),
    )
    text = flat("".join(pages_text(board.build(school_db, weekend, class_name="四年级(1)班", today=TODAY))))
    assert "默认值请学校确认" not in text and "学校自定" not in text
    assert "休息日书面作业合计上限100分钟" in text and "学校设置(自2026-09-01起，本校作业管理制度)" in text
    # Another grade's rest-day default is still unconfirmed.
    with pytest.raises(UserError, match="七年级至高三"):
        board.build(school_db, weekend, class_name="八年级(1)班", today=TODAY)


def school_db_class(db, name):
    return school.find_class(db, name)
