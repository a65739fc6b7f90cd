"""The two checklists (自查表): verbatim items, proposals equal to the data, edits saved, print quality."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from fivemgmt import audit
from fivemgmt.actor import LOCAL_ADMIN, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.reports import findings as fnd
from fivemgmt.reports import self_inspection, shuangjian
from fivemgmt.reports.checklist import SELF_INSPECTION, SHUANGJIAN, load_form
from fivemgmt.reports.evidence import Evidence
from fivemgmt.reports.period import Period
from tests.core.reports_helpers import (
    MONDAY,
    TODAY,
    add,
    crafted_school,
    embedded_fonts,
    flat,
    ink_share,
    pages_text,
    render_first_page,
)

WEEK = Period.week(MONDAY)

# A few items copied by hand from the official form (checklists.md), to catch an edited resource file.
OFFICIAL = {
    "C1": "是否有学生手机带入校园申请制度",
    "C7": "是否规定并严格执行不得要求学生利用手机完成作业",
    "C14": "是否对不能按时完成作业的学生进行针对性帮助和辅导并调整作业量",
    "C17": "线上培训结束时间是否不晚于21:00",
    "C24": "是否按照《中小学生课外读物进校园管理办法》列出的12条负面清单对校园推荐图书进行审核",
}


@pytest.fixture
def school_db(db):
    crafted_school(db)
    return db


def row_text(text: str, code: str, next_code: str) -> str:
    """The flattened text of one form row: from its code to the next row's code."""
    start = text.index(code)
    return text[start : text.index(next_code, start + len(code))]


def test_form_resources_hold_the_official_items_verbatim():
    form = load_form(SELF_INSPECTION)
    for code, point in OFFICIAL.items():
        assert form.item(code).point == point
    official = [i.code for i in form.items if not i.addition]
    assert official[:18] == [f"C{n}" for n in range(1, 19)] and official[-1] == "C24"
    not_filled = {i.code for i in form.items if not i.school_fills}
    assert not_filled == {"C17", "C18", "C19–C21", "C22–C23"}
    assert all(i.code.startswith("S") and i.school_fills for i in form.additions)
    assert {i.area for i in form.additions} == {"读物", "作业", "体质"}
    sj = load_form(SHUANGJIAN)
    assert [i.code for i in sj.items] == [str(n) for n in range(1, 14)]
    assert sj.item("6").point == "学校是否严控书面作业量。周末、寒暑假、法定节假日也要控制书面作业时间总量。"


REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "checklists.md"


def full_width(text: str) -> str:
    """The reference mixes half- and full-width punctuation; a form may print it full-width (，；：“”)."""
    text = text.replace(",", "，").replace(";", "；").replace(":", "：")
    quotes = iter(["“", "”"] * len(text))
    return "".join(next(quotes) if ch in '"“”' else ch for ch in text)


def district_plan_items() -> dict[str, str]:
    if not REFERENCE.exists():
        pytest.skip(f"reference file not found: {REFERENCE}")
    section = REFERENCE.read_text(encoding="utf-8").split("## 2.")[1].split("## 3.")[0]
    items = dict(re.findall(r"^(\d+)\. (.+)$", section, re.M))
    assert len(items) == 13
    return {code: full_width(point) for code, point in items.items()}


def test_shuangjian_items_are_the_district_plan_character_for_character():
    form = load_form(SHUANGJIAN)
    assert {i.code: i.point for i in form.items} == district_plan_items()


def test_shuangjian_pdf_prints_the_district_plan_items_and_13_is_not_applicable(school_db, tmp_path):
    path = tmp_path / "shuangjian.pdf"
    shuangjian.build(school_db, WEEK, path, today=TODAY)
    text = flat("".join(pages_text(path)))
    for code, point in district_plan_items().items():
        assert flat(point) in text, code
    item13 = text[text.index("幼儿园是否举办学前班") :]
    assert "【不适用】" in item13


@pytest.mark.parametrize("module", [self_inspection, shuangjian])
def test_printed_forms_cite_documents_not_developer_files(school_db, tmp_path, module):
    path = tmp_path / "form.pdf"
    module.build(school_db, WEEK, path, today=TODAY)
    reader = PdfReader(path)
    printed = "".join(pages_text(path)) + " ".join(str(v) for v in (reader.metadata or {}).values())
    assert ".md" not in printed and "checklists" not in printed
    assert "国教督办函〔2021〕32号" in printed or "督导工作方案" in printed


def test_homework_evidence_equals_the_records(school_db):
    evidence = Evidence(school_db, WEEK, TODAY)
    primary = evidence.homework_stage("primary")
    assert primary.answer == "是"
    assert primary.evidence == (
        "三至六年级书面作业日均 50 分钟（各班最高 50 分钟，上限 60 分钟），"
        "超时 1 班次/共 4 班次；未登记 1 班次；"
        "日均上限按本周已登记上课日的平均判定，单日超过上限为预警；平均范围依据：学校自定(国家无统一数值，默认值请学校确认)"
    )
    junior = evidence.homework_stage("junior")
    assert "日均 80 分钟" in junior.evidence and "超时 1 班次/共 4 班次" in junior.evidence
    lower = evidence.homework_lower()
    assert lower.answer == "否"
    assert lower.evidence == "一二年级作业登记 5 班次，其中布置书面家庭作业 1 班次（二年级(1)班）"
    phone = evidence.propose(load_form(SELF_INSPECTION).item("C6"))
    assert phone.answer == "否" and "钉钉打卡" in phone.evidence


def test_area_without_records_says_no_records_and_proposes_nothing(school_db):
    rows = {r.code: r for r in Evidence(school_db, WEEK, TODAY).rows(load_form(SELF_INSPECTION))}
    for code in ("C1", "C3", "C13", "C24", "S10"):  # phone, sleep, reading, activity: nothing logged
        assert rows[code].answer == "", code
        assert "暂无记录" in rows[code].evidence, code


def test_self_inspection_pdf(school_db, tmp_path):
    path = tmp_path / "self_inspection.pdf"
    self_inspection.build(school_db, WEEK, path, today=TODAY)
    pages = pages_text(path)
    text = flat("".join(pages))
    form = load_form(SELF_INSPECTION)
    for item in form.items:
        assert flat(item.point) in text, item.code
    for header in ("学校(印章)", "责任督学", "项目", "内容", "要点", "自评（是否有，提供佐证材料）", "督评"):
        assert header in text
    # Evidence printed equals the data.
    assert "三至六年级书面作业日均50分钟（各班最高50分钟，上限60分钟），超时1班次/共4班次" in text
    assert "【否】一二年级作业登记5班次，其中布置书面家庭作业1班次（二年级(1)班）" in text
    # 学校不填 items: greyed, marked, and left unanswered.
    for code, next_code in (("C17", "C18"), ("C18", "C19–C21"), ("C19–C21", "C22–C23"), ("C22–C23", "C24")):
        row = row_text(text, code, next_code)
        assert "学校不填" in row
        assert "【" not in row and "□" not in row and "暂无记录" not in row
    # The school's own additions are marked as such.
    assert "以下为学校补充自查项（代码以S开头，非官方督查要点）" in text
    assert "学校补充S5小学一、二年级是否不布置书面家庭作业" in text
    # Page numbers, school name, the audit chain head.
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert f"第 {number} 页 共 {len(pages)} 页" in page
        assert "测试学校" in page
        assert f"数据校验码 {audit.head(school_db)[:16]}" in page
    # The table goes on over page 2 with its header row repeated.
    assert "自评（是否有，提供佐证材料）" in flat(pages[1]) and "督评" in pages[1]
    # The CJK font is embedded as a TrueType subset.
    cjk = [(name, embedded) for name, embedded in embedded_fonts(path) if "WenQuanYi" in name]
    assert cjk and all(embedded and re.match(r"^/[A-Z]{6}\+", name) for name, embedded in cjk)
    assert ink_share(render_first_page(path, tmp_path)) > 0.02


def test_edits_are_saved_and_printed(school_db, tmp_path):
    fnd.save_answer(
        school_db, LOCAL_ADMIN, SELF_INSPECTION, WEEK, "C5", "是", "校内设公用电话 3 部（门卫室、各楼层）"
    )
    fnd.save_answer(school_db, LOCAL_ADMIN, SELF_INSPECTION, WEEK, "S6", "否", "五年级期中前一周超时，已调整")
    rows = {r.code: r for r in Evidence(school_db, WEEK, TODAY).rows(load_form(SELF_INSPECTION))}
    assert rows["C5"].edited and rows["C5"].answer == "是"
    assert rows["S6"].answer == "否" and rows["S6"].proposal.answer == "是"
    text = flat("".join(pages_text(self_inspection.build(school_db, WEEK, today=TODAY))))
    assert "【是】校内设公用电话3部（门卫室、各楼层）" in text
    assert "【否】五年级期中前一周超时，已调整" in text
    # Another period does not see this period's edits; resetting brings the proposal back.
    other = Period.week(MONDAY - dt.timedelta(days=7))
    assert not fnd.saved_answers(school_db, SELF_INSPECTION, other)
    fnd.reset_answer(school_db, LOCAL_ADMIN, SELF_INSPECTION, WEEK, "S6")
    rows = {r.code: r for r in Evidence(school_db, WEEK, TODAY).rows(load_form(SELF_INSPECTION))}
    assert not rows["S6"].edited and rows["S6"].answer == "是"


def test_edit_rules(school_db):
    with pytest.raises(UserError, match="学校不填"):
        fnd.save_answer(school_db, LOCAL_ADMIN, SELF_INSPECTION, WEEK, "C17", "是", "")
    with pytest.raises(UserError, match="自评应为"):
        fnd.save_answer(school_db, LOCAL_ADMIN, SELF_INSPECTION, WEEK, "C5", "有", "")
    teacher = Actor("t", "王老师", "teacher")
    with pytest.raises(PermissionDenied):
        fnd.save_answer(school_db, teacher, SELF_INSPECTION, WEEK, "C5", "是", "")


def test_shuangjian_pdf(school_db, tmp_path):
    path = tmp_path / "shuangjian.pdf"
    shuangjian.build(school_db, WEEK, path, today=TODAY)
    pages = pages_text(path)
    text = flat("".join(pages))
    for item in load_form(SHUANGJIAN).items:
        assert flat(item.point) in text, item.code
    item6 = row_text(text, "是否严控书面作业量", "教师是否指导学生书面作业")
    assert "【否】" in item6  # grade 2 was given written homework
    assert "三至六年级书面作业日均50分钟" in item6 and "初中(七至九年级)书面作业日均80分钟" in item6
    assert "【不适用】本校为九年一贯制学校，无幼儿园" in text
    assert f"第 1 页 共 {len(pages)} 页" in pages[0]
    assert ink_share(render_first_page(path, tmp_path)) > 0.02


def test_closed_finding_shows_as_rectified_on_the_next_form(school_db):
    finding = fnd.Finding(
        None,
        "二年级(1)班布置书面家庭作业",
        area="homework",
        item_code="S5",
        class_name="二年级(1)班",
        owner="教导处 李主任",
        deadline=dt.date(2026, 11, 27),
        found_on=dt.date(2026, 11, 20),
    )
    fnd.save_finding(school_db, LOCAL_ADMIN, finding)
    row = {r.code: r for r in Evidence(school_db, WEEK, TODAY).rows(load_form(SELF_INSPECTION))}["S5"]
    assert "整改中：二年级(1)班布置书面家庭作业，责任人 教导处 李主任，时限 2026-11-27" in row.evidence
    fnd.close_finding(
        school_db, LOCAL_ADMIN, finding.id, dt.date(2026, 11, 24), "已约谈任课教师，改为课内练习"
    )
    next_week = Period.week(MONDAY + dt.timedelta(days=7))
    text = flat("".join(pages_text(self_inspection.build(school_db, next_week, today=TODAY))))
    assert "已整改（2026-11-24）：已约谈任课教师，改为课内练习" in text


def test_class_start_times_come_from_the_schedule(school_db):
    from fivemgmt.areas import sleep
    from fivemgmt.calendar import SchoolCalendar

    form = load_form(SELF_INSPECTION)
    evidence = Evidence(school_db, WEEK, TODAY)
    assert "暂无记录" in evidence.propose(form.item("C10")).evidence
    term = SchoolCalendar(school_db).term_for(TODAY)
    sleep.save_schedule(school_db, LOCAL_ADMIN, sleep.Schedule(None, term.id, "小学", dt.time(8, 10)))
    sleep.save_schedule(school_db, LOCAL_ADMIN, sleep.Schedule(None, term.id, "初中", dt.time(8, 0)))
    evidence = Evidence(school_db, WEEK, TODAY)
    primary = evidence.propose(form.item("C10"))
    assert (primary.answer, primary.evidence) == (
        "否",
        "作息时间表：小学上午第一节课 08:10（规定不早于 08:20）",
    )
    assert evidence.propose(form.item("C11")).answer == "是"
    assert evidence.propose(form.item("C12")).answer == "否"  # nobody is required to come early


def test_fitness_test_item_comes_from_the_stored_results(school_db):
    from fivemgmt import roster, school
    from fivemgmt.fitness import store

    item = load_form(SELF_INSPECTION).item("S13")
    assert "暂无记录" in Evidence(school_db, WEEK, TODAY).propose(item).evidence  # nothing entered yet
    two = next(c for c in school.list_classes(school_db) if c.grade == 2)
    ids = [
        roster.save_student(
            school_db, LOCAL_ADMIN, {"class_id": two.id, "name": n, "sex": "男", "student_no": n}
        )
        for n in ("甲", "乙", "丙")
    ]
    good = {
        "height": "120",
        "weight": "22",
        "lung": "1700",
        "run50m": "10.5",
        "sit_reach": "12",
        "rope1min": "120",
    }
    weak = {**good, "run50m": "13.5", "sit_reach": "-5", "rope1min": "20", "lung": "600"}
    store.save_result(school_db, LOCAL_ADMIN, ids[0], good, today=TODAY)
    store.save_result(school_db, LOCAL_ADMIN, ids[1], weak, today=TODAY)
    proposal = Evidence(school_db, WEEK, TODAY).propose(item)
    assert proposal.answer == "否" and proposal.has_data
    assert proposal.evidence.startswith("2026-2027学年体质健康测试已测 2/3 人（67%）")
    assert "0/1 个班全部测完" in proposal.evidence and "未测 1 人" in proposal.evidence
    assert "不及格 1 人" in proposal.evidence
    store.set_exempt(school_db, LOCAL_ADMIN, ids[2], "骨折", today=TODAY)
    proposal = Evidence(school_db, WEEK, TODAY).propose(item)
    # All done, but the upload to the national system is not recorded: the school answers, told why.
    assert proposal.answer == "" and proposal.has_data
    assert "已测 2/3 人（67%），免测 1 人；1/1 个班全部测完" in proposal.evidence
    assert "请学校核实" in proposal.evidence and "未测" not in proposal.evidence


def test_phone_facilities_come_from_the_recorded_policy(school_db):
    from fivemgmt.areas import phone
    from fivemgmt.calendar import SchoolCalendar

    form = load_form(SELF_INSPECTION)
    assert "暂无记录" in Evidence(school_db, WEEK, TODAY).propose(form.item("C5")).evidence
    term = SchoolCalendar(school_db).term_for(TODAY)
    phone.save_policy(
        school_db,
        LOCAL_ADMIN,
        phone.Policy(
            None,
            term.id,
            True,
            True,
            "教学楼一楼手机保管柜",
            public_phone="门卫室电话",
            guidance="",
            parents_informed_on=dt.date(2026, 9, 4),
        ),
    )
    evidence = Evidence(school_db, WEEK, TODAY)
    c3, c5, c8, c9 = (evidence.propose(form.item(code)) for code in ("C3", "C5", "C8", "C9"))
    assert (c3.answer, c3.evidence) == ("是", "保管装置：教学楼一楼手机保管柜")
    assert c5.answer == "是" and "门卫室电话" in c5.evidence
    assert (c8.answer, c8.evidence) == ("否", "未登记教育引导措施")
    assert (c9.answer, c9.evidence) == ("是", "2026-09-04 已告知家长")


# ------------------------------------------------------------------ evidence states only what the records show

DEMO_WEEK = Period.week(dt.date(2026, 11, 16))
DEMO_TODAY = dt.date(2026, 11, 25)


def test_c1_claims_written_applications_only_when_every_signed_form_is_attached(demo_db, tmp_path):
    from fivemgmt.areas import phone

    days = [DEMO_WEEK.start + dt.timedelta(days=i) for i in range(7)]
    approved = [a for a in phone.applications(demo_db) if any(a.valid_on(d) for d in days)]
    assert len(approved) >= 2
    scan = tmp_path / "申请表.jpg"
    scan.write_bytes(b"\xff\xd8\xff signed form")
    for app in approved[1:]:
        phone.save_application(demo_db, LOCAL_ADMIN, app, attachment_path=scan)
    approved[0].attachment_sha, approved[0].attachment_name = None, ""
    phone.save_application(demo_db, LOCAL_ADMIN, approved[0])
    c1 = Evidence(demo_db, DEMO_WEEK, DEMO_TODAY).phone_applications()
    assert "均经家长书面申请" not in c1.evidence and c1.answer == ""
    assert (
        f"有效 {len(approved)} 份，其中 1 份未附家长签字的书面申请表（{approved[0].student_name}）"
        in c1.evidence
    )
    phone.save_application(demo_db, LOCAL_ADMIN, approved[0], attachment_path=scan)
    c1 = Evidence(demo_db, DEMO_WEEK, DEMO_TODAY).phone_applications()
    assert c1.answer == "是" and f"有效 {len(approved)} 份，均经家长书面申请并审批" in c1.evidence


@pytest.mark.parametrize(
    ("value", "cap", "shown"),
    [(90.2, 90, "90.2"), (90.04, 90, "90.04"), (89.96, 90, "89.96"), (50, 60, "50"), (48.25, 60, "48.2")],
)
def test_figures_keep_their_precision_next_to_the_limit(value, cap, shown):
    from fivemgmt.reports.evidence import _figure

    assert _figure(value, cap) == shown


def test_homework_average_just_over_the_cap_is_not_printed_as_the_cap(db):
    classes = crafted_school(db)
    eight = classes[8]
    for day in (MONDAY + dt.timedelta(days=i) for i in range(5)):
        for entry in hw.entries_between(db, eight.id, day, day):
            hw.delete_entry(db, LOCAL_ADMIN, entry.id, reason="重录", today=TODAY)
    for day, minutes in zip((MONDAY + dt.timedelta(days=i) for i in range(5)), [90, 90, 91, 90, 90]):
        add(db, eight, day, minutes)
    junior = Evidence(db, WEEK, TODAY).homework_stage("junior")
    assert "日均 90.2 分钟（各班最高 90.2 分钟，上限 90 分钟）" in junior.evidence
    assert junior.answer == "否" and "八年级(1)班 90.2 分钟" in junior.evidence


def test_c13_is_answered_from_a_recorded_parent_notice_not_from_sleep_samples(demo_db):
    from fivemgmt.areas import sleep
    from fivemgmt.calendar import SchoolCalendar

    c13 = load_form(SELF_INSPECTION).item("C13")
    before = Evidence(demo_db, DEMO_WEEK, DEMO_TODAY).propose(c13)
    assert before.answer == "" and "告知家长保证学生按时就寝的通知暂无记录" in before.evidence
    assert "抽查" not in before.evidence
    term = SchoolCalendar(demo_db).current_or_last_term(DEMO_TODAY)
    notice = sleep.ParentNotice(None, term.id, dt.date(2026, 11, 23), "家长会")
    sleep.save_parent_notice(demo_db, LOCAL_ADMIN, notice)
    # A notice after the period's last day does not count for it.
    assert Evidence(demo_db, DEMO_WEEK, DEMO_TODAY).propose(c13).answer == ""
    notice.notified_on = dt.date(2026, 11, 22)
    sleep.save_parent_notice(demo_db, LOCAL_ADMIN, notice)
    after = Evidence(demo_db, DEMO_WEEK, DEMO_TODAY).propose(c13)
    assert after.answer == "是" and after.evidence == "2026-11-22 已告知家长保证学生按时就寝（家长会）"


def test_c24_names_the_books_still_in_review_instead_of_a_blanket_no(demo_db):
    from fivemgmt.areas import reading

    statuses = reading.book_statuses(demo_db, as_of=DEMO_TODAY)
    pending = [s.book.title for s in statuses if s.in_circulation and not s.review_complete]
    assert pending and any(s.passed for s in statuses)
    c24 = Evidence(demo_db, DEMO_WEEK, DEMO_TODAY).reading_review()
    assert c24.answer == "是"
    assert f"在架待审核 {len(pending)} 种：《{pending[0]}》" in c24.evidence
