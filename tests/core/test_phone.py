import datetime as dt
import json

import openpyxl
import pytest

from fivemgmt import audit, audit_verify, records, school, summary
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.areas import phone
from fivemgmt.areas.base import WeekContext
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.rules import Status
from tests.core.helpers import make_school

TODAY = dt.date(2026, 11, 25)  # Wednesday
MONDAY = dt.date(2026, 11, 23)
PREV_MONDAY = dt.date(2026, 11, 16)


@pytest.fixture
def classes(db):
    found = make_school(db, grades=(4, 8))
    with transaction(db):
        for c in found.values():
            for name in ["张一", "李二", "王三", "赵四"]:
                records.save(
                    db, "students", {"class_id": c.id, "name": name if c.grade == 4 else name + "八"}, SYSTEM
                )
    return found


def pupil(db, c, index):
    return school.list_students(db, c.id)[index]


def approve(db, c, student, *, applied=dt.date(2026, 9, 5), until=dt.date(2027, 1, 22), attachment=None):
    app = phone.Application(
        None,
        c.id,
        student["id"],
        applied,
        "走读需联系家长",
        "张父",
        phone.APPROVED,
        "王主任",
        applied + dt.timedelta(days=1),
        until,
    )
    phone.save_application(db, SYSTEM, app, attachment_path=attachment)
    return app


def week(db, c, monday=MONDAY):
    return phone.week_summary(WeekContext.load(db, monday, TODAY), c)


# ------------------------------------------------------------------ applications


def test_application_validation(db, classes):
    c = classes[4]
    s = pupil(db, c, 0)
    base = dict(
        class_id=c.id, student_id=s["id"], applied_on=dt.date(2026, 9, 5), reason="走读", parent_name="张父"
    )
    with pytest.raises(UserError, match="有效期"):
        phone.save_application(
            db, SYSTEM, phone.Application(None, **base, decision=phone.APPROVED, decided_by="王")
        )
    with pytest.raises(UserError, match="审批人"):
        phone.save_application(db, SYSTEM, phone.Application(None, **base, decision=phone.REFUSED))
    with pytest.raises(UserError, match="家长"):
        phone.save_application(db, SYSTEM, phone.Application(None, **{**base, "parent_name": " "}))
    with pytest.raises(UserError, match="不在所选班级"):
        phone.save_application(db, SYSTEM, phone.Application(None, **{**base, "class_id": classes[8].id}))
    assert records.live_rows(db, phone.APPLICATIONS) == []
    phone.save_application(db, SYSTEM, phone.Application(None, **base))  # pending is fine
    assert phone.applications(db, c.id)[0].decision == phone.PENDING


def test_validity_boundaries(db, classes):
    c = classes[4]
    app = approve(db, c, pupil(db, c, 0), applied=dt.date(2026, 9, 5), until=dt.date(2026, 11, 24))
    assert not app.valid_on(dt.date(2026, 9, 5))  # applied, not yet decided
    assert app.valid_on(dt.date(2026, 9, 6)) and app.valid_on(dt.date(2026, 11, 24))  # valid-until inclusive
    assert not app.valid_on(dt.date(2026, 11, 25))
    assert [a.student_name for a in phone.expired_applications(db, c.id, TODAY)] == ["张一"]
    assert phone.expired_applications(db, c.id, dt.date(2026, 11, 24)) == []
    approve(db, c, pupil(db, c, 0), applied=dt.date(2026, 11, 20), until=dt.date(2027, 1, 22))  # renewed
    assert phone.expired_applications(db, c.id, TODAY) == []


def test_scan_is_stored_in_the_database(db, classes, tmp_path):
    scan = tmp_path / "申请表.jpg"
    scan.write_bytes(b"\xff\xd8fake jpeg" * 100)
    c = classes[4]
    app = approve(db, c, pupil(db, c, 0), attachment=scan)
    scan.unlink()  # the original may be deleted: the database keeps the form
    stored = phone.applications(db, c.id)[0]
    assert stored.attachment_name == "申请表.jpg" and stored.attachment_sha == app.attachment_sha
    name, data = phone.attachment(db, stored.attachment_sha)
    assert data == b"\xff\xd8fake jpeg" * 100
    out = phone.export_attachment(db, stored.attachment_sha, tmp_path / "out")
    assert out.read_bytes() == data and out.name.endswith("申请表.jpg")


def test_too_large_scan_is_refused_and_nothing_saved(db, classes, tmp_path, monkeypatch):
    monkeypatch.setattr("fivemgmt.areas.phone.records.MAX_ATTACHMENT_BYTES", 10)  # read where it is used
    scan = tmp_path / "big.pdf"
    scan.write_bytes(b"x" * 11)
    c = classes[4]
    with pytest.raises(UserError, match="超过"):
        approve(db, c, pupil(db, c, 0), attachment=scan)
    assert records.live_rows(db, phone.APPLICATIONS) == []


def test_permissions(db, classes):
    teacher = Actor("t", "王老师", TEACHER, {classes[8].id: None})
    c = classes[4]
    app = phone.Application(None, c.id, pupil(db, c, 0)["id"], dt.date(2026, 9, 5), "走读", "张父")
    with pytest.raises(PermissionDenied):
        phone.save_application(db, teacher, app)
    with pytest.raises(PermissionDenied):
        phone.log_day(db, teacher, c.id, MONDAY, received_by="王老师")
    term = records.live_rows(db, "terms")[0]["id"]
    with pytest.raises(PermissionDenied):
        phone.save_policy(db, teacher, phone.Policy(None, term))


def test_deleting_an_application_names_the_student_in_the_audit_trail(db, classes):
    c = classes[4]
    student = pupil(db, c, 0)
    app = approve(db, c, student)
    teacher = Actor("t", "王老师", TEACHER, {classes[8].id: None})
    with pytest.raises(PermissionDenied):
        phone.delete_application(db, teacher, app.id)
    assert [a.id for a in phone.applications(db, c.id)] == [app.id]
    phone.delete_application(db, SYSTEM, app.id)
    assert phone.applications(db, c.id) == []
    assert phone.approved_students(db, c.id, MONDAY) == {}
    entry = audit.history(db, phone.APPLICATIONS, app.id)[-1]
    assert entry["after"]["deleted"] == 1 and student["name"] in entry["reason"]
    with pytest.raises(UserError, match="不存在"):
        phone.delete_application(db, SYSTEM, app.id)
    assert audit_verify.verify(db).ok


# ------------------------------------------------------------------ custody log


def test_fast_entry_all_handed_in_with_exceptions(db, classes):
    c = classes[4]
    a, b, d = pupil(db, c, 0), pupil(db, c, 1), pupil(db, c, 2)
    approve(db, c, a)
    approve(db, c, b)
    phone.log_day(
        db,
        SYSTEM,
        c.id,
        MONDAY,
        received_by="王老师",
        returned_by="王老师",
        exceptions={b["id"]: phone.NOT_BROUGHT, d["id"]: phone.HANDED_IN},
    )
    day = phone.custody_day(db, c.id, MONDAY)
    assert day.logged and day.received_by == "王老师"
    states = {r.name: (r.status, r.approved) for r in day.rows}
    # 王三 had a phone without approval: recorded as a violation even though it was handed in.
    assert states == {
        "张一": (phone.HANDED_IN, True),
        "李二": (phone.NOT_BROUGHT, True),
        "王三": (phone.VIOLATION, False),
    }
    # Logging the day again replaces it (no duplicates).
    phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王老师")
    assert {r.name: r.status for r in phone.custody_day(db, c.id, MONDAY).rows} == {
        "张一": phone.HANDED_IN,
        "李二": phone.HANDED_IN,
    }
    assert len(records.live_rows(db, phone.CUSTODY_DAYS)) == 1
    assert audit_verify.verify(db).ok


def log_table(db, c, rows):
    edits = phone.day_edits(rows)
    phone.log_day(
        db,
        SYSTEM,
        c.id,
        MONDAY,
        received_by="王老师",
        exceptions=edits.exceptions,
        not_returned=edits.not_returned,
        notes=edits.notes,
    )
    return {r.name: (r.status, r.returned, r.note) for r in phone.custody_day(db, c.id, MONDAY).rows}


def test_the_edited_day_table_is_saved_as_shown_and_the_core_decides_violations(db, classes):
    c = classes[4]
    a, b, d = pupil(db, c, 0), pupil(db, c, 1), pupil(db, c, 2)
    approve(db, c, a)
    approve(db, c, b)
    phone.record_violation(db, SYSTEM, c.id, d["id"], MONDAY, received_by="王老师")
    rows = phone.custody_day(db, c.id, MONDAY).rows
    by_name = {r.name: r for r in rows}
    by_name["张一"].returned = False  # handed in, not given back at dismissal
    by_name["李二"].status, by_name["李二"].note = phone.NOT_HANDED_IN, "说忘在家里"
    by_name["王三"].status = phone.HANDED_IN  # no approval: handing it in is still a violation
    assert log_table(db, c, rows) == {
        "张一": (phone.HANDED_IN, False, ""),
        "李二": (phone.NOT_HANDED_IN, False, "说忘在家里"),
        "王三": (phone.VIOLATION, False, ""),
    }
    # a violation entered by mistake is corrected to 未带: nothing is recorded for him
    rows = phone.custody_day(db, c.id, MONDAY).rows
    next(r for r in rows if r.name == "王三").status = phone.NOT_BROUGHT
    assert set(log_table(db, c, rows)) == {"张一", "李二"}


def test_an_expired_approval_is_flagged_from_the_day_after(db, classes):
    c = classes[4]
    app = approve(db, c, pupil(db, c, 0), until=dt.date(2026, 11, 20))
    assert not app.expired_on(dt.date(2026, 11, 20)) and app.expired_on(dt.date(2026, 11, 21))
    pending = phone.Application(None, c.id, pupil(db, c, 1)["id"], dt.date(2026, 9, 5), "走读", "李母")
    assert not pending.expired_on(TODAY)


def test_log_needs_a_custodian_and_known_students(db, classes):
    c = classes[4]
    with pytest.raises(UserError, match="责任人"):
        phone.log_day(db, SYSTEM, c.id, MONDAY, received_by=" ")
    with pytest.raises(UserError, match="名册"):
        phone.log_day(
            db,
            SYSTEM,
            c.id,
            MONDAY,
            received_by="王",
            exceptions={pupil(db, classes[8], 0)["id"]: phone.VIOLATION},
        )
    with pytest.raises(UserError, match="保管状态"):
        phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王", exceptions={pupil(db, c, 0)["id"]: "丢了"})


def test_expired_approval_handing_in_is_a_violation(db, classes):
    c = classes[4]
    s = pupil(db, c, 0)
    approve(db, c, s, until=dt.date(2026, 11, 23))
    phone.log_day(
        db, SYSTEM, c.id, dt.date(2026, 11, 24), received_by="王", exceptions={s["id"]: phone.HANDED_IN}
    )
    assert phone.custody_day(db, c.id, dt.date(2026, 11, 24)).rows[0].status == phone.VIOLATION


def test_escalation_at_rule_count(db, classes):
    c = classes[4]
    s = pupil(db, c, 3)
    days = [dt.date(2026, 11, 16), dt.date(2026, 11, 17), dt.date(2026, 11, 18)]
    for day in days[:2]:
        phone.record_violation(db, SYSTEM, c.id, s["id"], day, received_by="王")
    assert phone.escalations(db, TODAY, c.id) == []  # 2 < 3
    phone.record_violation(db, SYSTEM, c.id, s["id"], days[2], received_by="王", note="课间使用")
    [item] = phone.escalations(db, TODAY, c.id)
    assert item.name == "赵四" and item.count == 3 and item.threshold == 3 and item.dates == days
    result = week(db, c, PREV_MONDAY)
    assert (
        result.status is Status.VIOLATION
        and "需升级处理" in result.reason
        and result.figures.escalated == ["赵四"]
    )


def test_record_violation_keeps_the_rest_of_the_day(db, classes):
    c = classes[4]
    a, b = pupil(db, c, 0), pupil(db, c, 1)
    approve(db, c, a)
    phone.log_day(
        db, SYSTEM, c.id, MONDAY, received_by="王", returned_by="李", exceptions={a["id"]: phone.NOT_BROUGHT}
    )
    phone.record_violation(db, SYSTEM, c.id, b["id"], MONDAY, received_by="someone")
    day = phone.custody_day(db, c.id, MONDAY)
    assert {r.name: r.status for r in day.rows} == {"张一": phone.NOT_BROUGHT, "李二": phone.VIOLATION}
    assert (day.received_by, day.returned_by) == ("王", "李")


# ------------------------------------------------------------------ week summary


def test_class_with_nothing_is_unlogged(db, classes):
    result = week(db, classes[4])
    assert result.status is Status.UNLOGGED and result.figures.approved == 0


def test_class_without_approved_students_that_logs_is_green(db, classes):
    c = classes[4]
    phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王")
    result = week(db, c)
    assert result.status is Status.GREEN and result.figures.logged_days == 1


def test_missing_logs_counted_on_days_with_approved_students(db, classes):
    c = classes[4]
    approve(db, c, pupil(db, c, 0))
    assert week(db, c).status is Status.UNLOGGED  # Mon and Tue past, neither logged
    phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王")
    result = week(db, c)
    assert result.status is Status.UNLOGGED and result.figures.missing_log_days == 1
    assert phone.missing_log_days(db, c.id, [MONDAY, dt.date(2026, 11, 24)]) == [dt.date(2026, 11, 24)]
    phone.log_day(db, SYSTEM, c.id, dt.date(2026, 11, 24), received_by="王")
    result = week(db, c)
    assert result.status is Status.GREEN and result.figures.approved == 1


def one_phone_not_handed_in(db, c):
    """An approved pupil of class c who did not hand in the phone on Monday; Tuesday logged as usual."""
    s = pupil(db, c, 0)
    approve(db, c, s)
    phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王", exceptions={s["id"]: phone.NOT_HANDED_IN})
    phone.log_day(db, SYSTEM, c.id, dt.date(2026, 11, 24), received_by="王")


def test_not_handed_in_is_red_and_figures(db, classes):
    one_phone_not_handed_in(db, classes[8])
    data = summary.week_summary(db, MONDAY, today=TODAY, areas=["phone"]).to_json()
    row = next(r for r in data["classes"] if r["grade"] == 8)["areas"]["phone"]
    assert row["status"] == "violation" and "未交手机 1 人次" in row["reason"]
    assert {
        k: row["figures"][k]
        for k in ("approved", "violations", "missing_log_days", "not_handed_in", "expired")
    } == {"approved": 1, "violations": 0, "missing_log_days": 0, "not_handed_in": 1, "expired": 0}
    json.dumps(data, ensure_ascii=False)


def test_a_class_marked_red_for_a_phone_not_handed_in_shows_it_on_the_chart(db, classes):
    """The overview's phone chart drew × beside two empty bars (violations 0, missing logs 0)."""
    from matplotlib.patches import Rectangle

    from fivemgmt.charts import figure_texts, load_week
    from fivemgmt.charts.phone import phone_chart

    one_phone_not_handed_in(db, classes[8])
    chart = phone_chart(load_week(db, MONDAY, TODAY, trend_weeks=1))
    assert "未交手机（人次）" in figure_texts(chart.figure)
    widths = [p.get_width() for p in chart.figure.axes[0].patches if isinstance(p, Rectangle)]
    assert 1 in widths  # the one phone not handed in: the only count of the week above 0


def test_expired_approval_makes_week_yellow(db, classes):
    c = classes[4]
    approve(db, c, pupil(db, c, 0), until=dt.date(2026, 11, 20))
    phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王")
    phone.log_day(db, SYSTEM, c.id, dt.date(2026, 11, 24), received_by="王")
    result = week(db, c)
    assert result.status is Status.YELLOW and result.figures.expired == 1 and "张一" in result.reason


# ------------------------------------------------------------------ policy facts


def test_policy_checklist(db, classes):
    term = records.live_rows(db, "terms")[0]["id"]
    [only] = phone.check_policy(db, TODAY)
    assert only.verdict.status is Status.UNLOGGED
    phone.save_policy(
        db,
        SYSTEM,
        phone.Policy(None, term, True, True, "保管柜", "亲情电话", "", True, "主题班会", dt.date(2026, 9, 3)),
    )
    phone.set_custodian(db, SYSTEM, term, classes[4].id, "王老师")
    items = {i.code: i.verdict for i in phone.check_policy(db, TODAY)}
    assert items["C3"].status is Status.GREEN and "保管柜" in items["C3"].reason
    assert items["C4"].status is Status.VIOLATION and "八年级(1)班" in items["C4"].reason
    assert items["C9"].status is Status.GREEN
    phone.set_custodian(db, SYSTEM, term, classes[8].id, "李老师")
    phone.save_policy(
        db, SYSTEM, phone.Policy(None, term, True, True, "", "亲情电话", "", False, "", dt.date(2026, 12, 1))
    )
    items = {i.code: i.verdict for i in phone.check_policy(db, TODAY)}
    assert items["C4"].status is Status.GREEN
    assert items["C3"].status is Status.VIOLATION and items["C6/C7"].status is Status.VIOLATION
    assert items["C9"].status is Status.VIOLATION  # informing parents in the future does not count yet
    assert len(records.live_rows(db, phone.POLICY)) == 1


# ------------------------------------------------------------------ import


def write_xlsx(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


HEADER = ["班级", "姓名", "申请日期", "家长姓名", "申请理由", "审批结果", "审批人", "有效期至"]


def test_import_applications(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "申请.xlsx",
        [
            HEADER,
            ["四年级(1)班", "张一", "2026-09-05", "张父", "走读", "同意", "王主任", "2027-01-22"],
            ["初二(1)班", "李二八", "2026-09-06", "李母", "听音乐", "不同意", "王主任", None],
        ],
    )
    preview = phone.preview_import(db, path)
    assert preview.ok, preview.error_report()
    assert preview.counts == {"new": 2, "changed": 0, "unchanged": 0}
    phone.commit_import(db, SYSTEM, preview)
    apps = {a.student_name: a for a in phone.applications(db)}
    assert apps["张一"].decision == phone.APPROVED and apps["张一"].valid_until == dt.date(2027, 1, 22)
    assert apps["李二八"].decision == phone.REFUSED
    assert phone.preview_import(db, path).counts["unchanged"] == 2


def test_import_with_bad_rows_writes_nothing(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            ["四年级(1)班", "张一", "2026-09-05", "张父", "走读", "同意", "王主任", "2027-01-22"],
            ["四年级(1)班", "无此人", "2026-09-05", "某父", "走读", "同意", "王主任", "2027-01-22"],
            ["四年级(1)班", "李二", "2026-09-05", "李父", "走读", "同意", "王主任", None],
            ["四年级(1)班", "王三", "2026-09-05", "王父", "走读", "也许", "王主任", "2027-01-22"],
        ],
    )
    preview = phone.preview_import(db, path)
    report = preview.error_report()
    assert "第 3 行" in report and "没有学生“无此人”" in report
    assert "第 4 行" in report and "有效期" in report
    assert "第 5 行" in report and "不是可选值" in report
    with pytest.raises(UserError):
        phone.commit_import(db, SYSTEM, preview)
    assert records.live_rows(db, phone.APPLICATIONS) == []
    missing = write_xlsx(tmp_path / "m.xlsx", [["姓名", "申请日期"], ["张一", "2026-09-05"]])
    assert "家长姓名" in phone.preview_import(db, missing).error_report()


LOG_HEADER = ["日期", "班级", "学籍号", "姓名", "状态", "收取人", "归还人", "备注"]


def custody_state(db):
    """{(class name, date, student name): status} of all live custody records, and the logged class-days."""
    names = {r["id"]: r["name"] for r in records.live_rows(db, "students")}
    classes = {c.id: c.name for c in school.list_classes(db)}
    rows = {
        (classes[r["class_id"]], r["date"], names[r["student_id"]]): r["status"]
        for r in records.live_rows(db, phone.CUSTODY)
    }
    days = {
        (classes[r["class_id"]], r["date"], r["received_by"], r["returned_by"])
        for r in records.live_rows(db, phone.CUSTODY_DAYS)
    }
    return rows, days


def audit_count(db):
    return db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]


def test_import_custody_log(db, classes, tmp_path):
    c4, c8 = classes[4], classes[8]
    approve(db, c4, pupil(db, c4, 0))  # 张一
    approve(db, c4, pupil(db, c4, 1))  # 李二
    approve(db, c8, pupil(db, c8, 0))  # 张一八
    path = write_xlsx(
        tmp_path / "保管.xlsx",
        [
            LOG_HEADER,
            ["2026-11-23", "四年级(1)班", None, "张一", "已交", "王老师", "王老师", None],
            ["2026-11-23", "四年级(1)班", None, "李二", "没带", "王老师", "王老师", "忘在家里"],
            ["2026年11月24日", "四年级(1)班", None, "李二", "未交", None, None, None],
            ["2026-11-24", "四年级(1)班", None, None, None, "王老师", None, "家长会"],
            ["2026-11-23", "初二(1)班", None, "张一八", "√", "李老师", "李老师", None],
            ["2026-11-24", "八年级(1)班", None, None, None, "李老师", None, None],
        ],
    )
    preview = phone.preview_custody_import(db, path)
    assert preview.ok, preview.error_report()
    assert preview.counts == {"new": 6, "changed": 0, "unchanged": 0}
    # 张一 (approved, not in the file on the 24th) is logged as handed in, as the fast entry does.
    assert any("2026-11-24" in w and "张一" in w and "已交" in w for w in preview.warnings), preview.warnings
    assert records.live_rows(db, phone.CUSTODY) == []  # the preview writes nothing
    phone.commit_custody_import(db, SYSTEM, preview)
    rows, days = custody_state(db)
    assert rows == {
        ("四年级(1)班", "2026-11-23", "张一"): phone.HANDED_IN,
        ("四年级(1)班", "2026-11-23", "李二"): phone.NOT_BROUGHT,
        ("四年级(1)班", "2026-11-24", "张一"): phone.HANDED_IN,
        ("四年级(1)班", "2026-11-24", "李二"): phone.NOT_HANDED_IN,
        ("八年级(1)班", "2026-11-23", "张一八"): phone.HANDED_IN,
        ("八年级(1)班", "2026-11-24", "张一八"): phone.HANDED_IN,
    }
    assert days == {
        ("四年级(1)班", "2026-11-23", "王老师", "王老师"),
        ("四年级(1)班", "2026-11-24", "王老师", ""),
        ("八年级(1)班", "2026-11-23", "李老师", "李老师"),
        ("八年级(1)班", "2026-11-24", "李老师", ""),
    }
    day = phone.custody_day(db, c4.id, dt.date(2026, 11, 24))
    assert day.note == "家长会"
    assert {r.name: r.note for r in phone.custody_day(db, c4.id, MONDAY).rows}["李二"] == "忘在家里"
    assert phone.day_check(db, c4.id, dt.date(2026, 11, 24), TODAY)[0].status is Status.VIOLATION  # 李二 未交
    assert audit_verify.verify(db).ok

    # The same file again changes nothing: all rows unchanged, no record written, no audit entry.
    before = audit_count(db)
    again = phone.preview_custody_import(db, path)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 6}
    assert phone.commit_custody_import(db, SYSTEM, again).ids == []
    assert audit_count(db) == before and custody_state(db) == (rows, days)

    # A corrected file: 张一 kept the phone on the 23rd → that row is changed, the rest unchanged.
    book = openpyxl.load_workbook(path)
    book.active["E2"] = "未交"
    book.save(path)
    changed = phone.preview_custody_import(db, path)
    assert changed.counts == {"new": 0, "changed": 1, "unchanged": 5}
    phone.commit_custody_import(db, SYSTEM, changed)
    assert custody_state(db)[0][("四年级(1)班", "2026-11-23", "张一")] == phone.NOT_HANDED_IN


def test_import_custody_by_student_number_when_names_repeat(db, classes, tmp_path):
    c4 = classes[4]
    with transaction(db):
        records.save(db, "students", {"class_id": c4.id, "name": "张一", "student_no": "G0042"}, SYSTEM)
    twin = next(s for s in school.list_students(db, c4.id) if s["student_no"] == "G0042")
    approve(db, c4, twin)
    rows = [
        LOG_HEADER,
        ["2026-11-23", "四年级(1)班", None, "张一", "已交", "王老师", None, None],
    ]
    ambiguous = phone.preview_custody_import(db, write_xlsx(tmp_path / "a.xlsx", rows))
    assert "第 2 行“姓名”列" in ambiguous.error_report() and "2 个学生叫“张一”" in ambiguous.error_report()
    rows[1][2] = "G0042"
    preview = phone.preview_custody_import(db, write_xlsx(tmp_path / "b.xlsx", rows))
    assert preview.ok, preview.error_report()
    phone.commit_custody_import(db, SYSTEM, preview)
    [row] = records.live_rows(db, phone.CUSTODY)
    assert row["student_id"] == twin["id"] and row["status"] == phone.HANDED_IN


def test_import_custody_unapproved_phone_is_a_violation(db, classes, tmp_path):
    c4 = classes[4]
    approve(db, c4, pupil(db, c4, 0), until=dt.date(2026, 11, 23))  # 张一: approval ends on the 23rd
    path = write_xlsx(
        tmp_path / "v.xlsx",
        [
            LOG_HEADER,
            ["2026-11-23", "四年级(1)班", None, "张一", "已交", "王老师", None, None],
            ["2026-11-24", "四年级(1)班", None, "张一", "已交", "王老师", None, None],  # expired
            ["2026-11-24", "四年级(1)班", None, "王三", "上交", "王老师", None, None],  # never approved
            ["2026-11-24", "四年级(1)班", None, "赵四", "未带", "王老师", None, None],  # nothing to record
        ],
    )
    preview = phone.preview_custody_import(db, path)
    assert preview.ok, preview.error_report()
    warnings = "\n".join(preview.warnings)
    assert "第 3 行：张一" in warnings and "第 4 行：王三" in warnings and "违规带入" in warnings
    assert "第 5 行：赵四" in warnings and "不作记录" in warnings
    phone.commit_custody_import(db, SYSTEM, preview)
    rows, _ = custody_state(db)
    assert rows == {
        ("四年级(1)班", "2026-11-23", "张一"): phone.HANDED_IN,
        ("四年级(1)班", "2026-11-24", "张一"): phone.VIOLATION,
        ("四年级(1)班", "2026-11-24", "王三"): phone.VIOLATION,
    }
    # Exactly what the fast entry records for the same day.
    phone.log_day(
        db,
        SYSTEM,
        c4.id,
        dt.date(2026, 11, 24),
        received_by="王老师",
        exceptions={pupil(db, c4, 0)["id"]: phone.HANDED_IN, pupil(db, c4, 2)["id"]: phone.HANDED_IN},
    )
    assert custody_state(db)[0] == rows
    assert phone.preview_custody_import(db, path).counts == {"new": 0, "changed": 0, "unchanged": 4}


def test_import_custody_bad_rows_write_nothing(db, classes, tmp_path):
    c4 = classes[4]
    approve(db, c4, pupil(db, c4, 0))
    phone.log_day(db, SYSTEM, c4.id, dt.date(2026, 11, 20), received_by="王老师")
    before = audit_count(db)
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            LOG_HEADER,
            ["2026-11-23", "四年级(1)班", None, "张一", "已交", "王老师", None, None],
            ["2026-11-23", "四年级(1)班", None, "无此人", "已交", "王老师", None, None],
            ["2026-11-23", "四年级(1)班", None, "李二", "丢了", "王老师", None, None],
            ["2026-11-23", "五年级(3)班", None, "王三", "已交", "王老师", None, None],
            ["2026-11-31", "四年级(1)班", None, "王三", "已交", "王老师", None, None],
            ["2026-11-23", "四年级(1)班", None, None, "违规", "王老师", None, None],
            ["2026-11-23", "四年级(1)班", None, "张一", "未交", "王老师", None, None],
            ["2026-11-23", "四年级(1)班", "X999", None, "已交", "王老师", None, None],
            ["2026-11-23", "四年级(1)班", None, "赵四", None, "王老师", None, None],
        ],
    )
    preview = phone.preview_custody_import(db, path)
    report = preview.error_report()
    assert not preview.ok
    assert "第 3 行“姓名”列：四年级(1)班没有学生“无此人”" in report
    assert "第 4 行“状态”列" in report and "不是可选值" in report
    assert "第 5 行“班级”列" in report and "五年级(3)班" in report
    assert "第 6 行“日期”列" in report and "不是有效日期" in report
    assert "第 7 行“姓名”列" in report and "缺少姓名或学籍号" in report
    assert "第 8 行" in report and "与第 2 行是同一学生同一天" in report
    assert "第 9 行“学籍号”列" in report and "X999" in report
    assert "第 10 行“状态”列：不能为空" in report
    assert not any(e.row == 2 for e in preview.errors)  # the good row is not blamed
    with pytest.raises(UserError, match="未导入任何数据"):
        phone.commit_custody_import(db, SYSTEM, preview)
    assert audit_count(db) == before
    assert len(records.live_rows(db, phone.CUSTODY_DAYS)) == 1  # only the day logged before

    # Day-level facts: a class-day needs its 收取人, and its rows must agree on it.
    day_rows = write_xlsx(
        tmp_path / "day.xlsx",
        [
            LOG_HEADER,
            ["2026-11-23", "四年级(1)班", None, "张一", "已交", None, None, None],
            ["2026-11-24", "四年级(1)班", None, "张一", "已交", "王老师", None, None],
            ["2026-11-24", "四年级(1)班", None, "李二", "违规", "李老师", None, None],
        ],
    )
    report = phone.preview_custody_import(db, day_rows).error_report()
    assert "第 2 行“收取人”列" in report and "缺少收取人" in report
    assert "第 4 行“收取人”列" in report and "不一致" in report
    missing = write_xlsx(tmp_path / "m.xlsx", [["姓名", "状态"], ["张一", "已交"]])
    report = phone.preview_custody_import(db, missing).error_report()
    assert "“日期”列：缺少此列" in report and "“班级”列：缺少此列" in report
    assert audit_count(db) == before


def test_import_custody_refuses_another_class(db, classes, tmp_path):
    teacher = Actor("t", "王老师", TEACHER, {classes[8].id: None})
    path = write_xlsx(
        tmp_path / "two.xlsx",
        [
            LOG_HEADER,
            ["2026-11-23", "初二(1)班", None, "李二八", "违规", "王老师", None, None],
            ["2026-11-23", "四年级(1)班", None, "李二", "违规", "王老师", None, None],
        ],
    )
    preview = phone.preview_custody_import(db, path)
    assert preview.ok, preview.error_report()
    before = audit_count(db)
    with pytest.raises(PermissionDenied):
        phone.commit_custody_import(db, teacher, preview)
    assert audit_count(db) == before and records.live_rows(db, phone.CUSTODY) == []  # not even 初二's row
    own = write_xlsx(
        tmp_path / "own.xlsx", [LOG_HEADER, ["2026-11-23", "初二(1)班", None, "李二八", "违规", "王老师"]]
    )
    phone.commit_custody_import(db, teacher, phone.preview_custody_import(db, own))
    assert custody_state(db)[0] == {("八年级(1)班", "2026-11-23", "李二八"): phone.VIOLATION}


def test_cli_imports_custody_log(db, db_path, classes, tmp_path, capsys):
    from fivemgmt.cli import main

    approve(db, classes[4], pupil(db, classes[4], 0))
    path = write_xlsx(
        tmp_path / "cli.xlsx", [LOG_HEADER, ["2026-11-23", "四年级(1)班", None, "张一", "已交", "王老师"]]
    )
    assert main(["import", "phone-log", str(path), "--db", str(db_path)]) == 0
    assert "已导入手机保管登记 1 行（新增 1" in capsys.readouterr().out
    assert custody_state(db)[0] == {("四年级(1)班", "2026-11-23", "张一"): phone.HANDED_IN}


# ------------------------------------------------------------------ demo


def test_demo_shows_green_and_red(demo_db, today):
    weeks = [summary.week_summary(demo_db, m, today=today, areas=["phone"]) for m in (PREV_MONDAY, MONDAY)]
    statuses = [r.areas["phone"] for w in weeks for r in w.classes]
    assert {a.status for a in statuses} >= {Status.GREEN, Status.VIOLATION, Status.YELLOW}
    assert sum(a.figures.violations for a in statuses) > 0
    assert sum(a.figures.missing_log_days for a in statuses) > 0
    assert sum(a.figures.expired for a in statuses) > 0
    items = {i.code: i.verdict.status for i in phone.check_policy(demo_db, today)}
    assert items["C3"] is Status.GREEN and items["C4"] is Status.VIOLATION


# ------------------------------------------------------------------ escalation follow-up (issue 16 item 7)


def escalate(db, c, s):
    days = [dt.date(2026, 11, 16), dt.date(2026, 11, 17), dt.date(2026, 11, 18)]
    for day in days:
        phone.record_violation(db, SYSTEM, c.id, s["id"], day, received_by="王")
    for day in (MONDAY, dt.date(2026, 11, 24)):  # this week: checked, no phones
        phone.log_day(db, SYSTEM, c.id, day, received_by="王", exceptions={})
    return days


def test_an_escalation_is_followed_up_with_the_parents_then_closed(db, classes):
    c = classes[4]
    s = pupil(db, c, 3)
    escalate(db, c, s)
    [item] = phone.escalations(db, TODAY, c.id)
    assert item.is_open and item.state == "待跟进（尚未与家长沟通）"
    # the next week, with no violation, stays yellow until the parents were spoken to
    result = week(db, c, MONDAY)
    assert (
        result.status is Status.YELLOW
        and "赵四本学期违规 3 次已达升级处理，尚未登记与家长沟通" in result.reason
    )
    assert result.figures.open_escalations == 1 and result.figures.unfollowed_escalations == ["赵四"]
    with pytest.raises(UserError, match="请先登记与赵四家长的沟通"):
        phone.close_escalation(db, SYSTEM, c.id, s["id"], TODAY, closed_by="李主任", outcome="已处理")
    changes = phone.add_followup(
        db, SYSTEM, c.id, s["id"], dt.date(2026, 11, 19), method="电话", outcome="家长同意不让孩子带手机"
    )
    [record_id] = changes.ids
    [item] = phone.escalations(db, TODAY, c.id)
    assert item.is_open and item.state == "跟进中（已沟通 1 次）"
    [contact] = item.contacts
    assert (contact.date, contact.method, contact.outcome) == (
        dt.date(2026, 11, 19),
        "电话",
        "家长同意不让孩子带手机",
    )
    assert week(db, c, MONDAY).status is Status.GREEN
    assert "升级处理跟进中 1 人" in week(db, c, MONDAY).reason
    phone.close_escalation(db, SYSTEM, c.id, s["id"], TODAY, closed_by="李主任", outcome="家长签订承诺书")
    [item] = phone.escalations(db, TODAY, c.id)
    assert not item.is_open and item.state == "已结案（2026-11-25，李主任）"
    assert week(db, c, MONDAY).figures.open_escalations == 0
    assert week(db, c, MONDAY).figures.closed_escalations == 1
    # both writes are audited, with what was written
    [entry] = audit.history(db, phone.FOLLOWUPS, record_id)
    assert entry["after"]["outcome"] == "家长同意不让孩子带手机" and entry["after"]["method"] == "电话"
    kinds = sorted(r["kind"] for r in records.live_rows(db, phone.FOLLOWUPS))
    assert kinds == [phone.CONTACT, phone.CLOSING]
    assert audit_verify.verify(db).ok


def test_an_escalation_says_when_it_can_be_closed_and_its_colour(db, classes):
    c = classes[4]
    s = pupil(db, c, 3)
    escalate(db, c, s)
    [item] = phone.escalations(db, TODAY, c.id)
    assert item.status is Status.YELLOW and "请先登记与赵四家长的沟通" in item.close_refusal
    phone.add_followup(db, SYSTEM, c.id, s["id"], dt.date(2026, 11, 19), method="电话", outcome="已谈")
    [item] = phone.escalations(db, TODAY, c.id)
    assert item.status is Status.YELLOW and item.close_refusal == ""
    phone.close_escalation(db, SYSTEM, c.id, s["id"], TODAY, closed_by="李主任", outcome="结案")
    [item] = phone.escalations(db, TODAY, c.id)
    assert item.status is Status.GREEN and "已于 2026-11-25 结案" in item.close_refusal
    with pytest.raises(UserError, match="已于 2026-11-25 结案"):
        phone.close_escalation(db, SYSTEM, c.id, s["id"], TODAY, closed_by="李主任", outcome="再结")


def test_a_closed_case_opens_again_with_a_new_violation(db, classes):
    c = classes[4]
    s = pupil(db, c, 3)
    escalate(db, c, s)
    phone.add_followup(db, SYSTEM, c.id, s["id"], dt.date(2026, 11, 19), method="面谈", outcome="已谈")
    phone.close_escalation(
        db, SYSTEM, c.id, s["id"], dt.date(2026, 11, 20), closed_by="李主任", outcome="结案"
    )
    with pytest.raises(UserError, match="已于 2026-11-20 结案"):
        phone.add_followup(db, SYSTEM, c.id, s["id"], TODAY, method="电话", outcome="再谈")
    phone.record_violation(db, SYSTEM, c.id, s["id"], dt.date(2026, 11, 24), received_by="王")
    [item] = phone.escalations(db, TODAY, c.id)
    assert item.count == 4 and item.is_open
    result = week(db, c, MONDAY)
    assert result.status is Status.VIOLATION and "需升级处理" in result.reason


def test_follow_up_is_refused_plainly(db, classes):
    c = classes[4]
    s, other = pupil(db, c, 3), pupil(db, c, 2)
    escalate(db, c, s)
    with pytest.raises(UserError, match="未达到升级处理的次数"):
        phone.add_followup(db, SYSTEM, c.id, other["id"], TODAY, method="电话", outcome="x")
    with pytest.raises(UserError, match="还没到"):
        phone.add_followup(
            db, SYSTEM, c.id, s["id"], TODAY + dt.timedelta(days=1), method="电话", outcome="x"
        )
    with pytest.raises(UserError, match="请填写结果"):
        phone.add_followup(db, SYSTEM, c.id, s["id"], TODAY, method="电话", outcome=" ")
    with pytest.raises(UserError, match="沟通方式应为"):
        phone.add_followup(db, SYSTEM, c.id, s["id"], TODAY, method="飞鸽", outcome="x")
    teacher = Actor("t", "王老师", TEACHER, {classes[8].id: None})
    with pytest.raises(PermissionDenied):
        phone.add_followup(db, teacher, c.id, s["id"], TODAY, method="电话", outcome="x")
    phone.add_followup(db, SYSTEM, c.id, s["id"], TODAY, method="电话", outcome="x")
    with pytest.raises(UserError, match="结案日期不能早于最近一次违规"):
        phone.close_escalation(db, SYSTEM, c.id, s["id"], dt.date(2026, 11, 17), closed_by="李", outcome="y")
    with pytest.raises(UserError, match="请填写结案人"):
        phone.close_escalation(db, SYSTEM, c.id, s["id"], TODAY, closed_by="", outcome="y")
    assert len(records.live_rows(db, phone.FOLLOWUPS)) == 1
