import datetime as dt
import json

import openpyxl
import pytest

from fivemgmt import audit, records, school, summary
from fivemgmt.accounts import SYSTEM, TEACHER, Actor
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
    monkeypatch.setattr(phone, "MAX_ATTACHMENT_BYTES", 10)
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
    assert audit.verify(db).ok


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
        result.status is Status.RED
        and "需升级处理" in result.reason
        and result.figures["escalated"] == ["赵四"]
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
    assert result.status is Status.UNLOGGED and result.figures["approved"] == 0


def test_class_without_approved_students_that_logs_is_green(db, classes):
    c = classes[4]
    phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王")
    result = week(db, c)
    assert result.status is Status.GREEN and result.figures["logged_days"] == 1


def test_missing_logs_counted_on_days_with_approved_students(db, classes):
    c = classes[4]
    approve(db, c, pupil(db, c, 0))
    assert week(db, c).status is Status.UNLOGGED  # Mon and Tue past, neither logged
    phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王")
    result = week(db, c)
    assert result.status is Status.YELLOW and result.figures["missing_log_days"] == 1
    assert phone.missing_log_days(db, c.id, [MONDAY, dt.date(2026, 11, 24)]) == [dt.date(2026, 11, 24)]
    phone.log_day(db, SYSTEM, c.id, dt.date(2026, 11, 24), received_by="王")
    result = week(db, c)
    assert result.status is Status.GREEN and result.figures["approved"] == 1


def test_not_handed_in_is_red_and_figures(db, classes):
    c = classes[8]
    s = pupil(db, c, 0)
    approve(db, c, s)
    phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王", exceptions={s["id"]: phone.NOT_HANDED_IN})
    phone.log_day(db, SYSTEM, c.id, dt.date(2026, 11, 24), received_by="王")
    data = summary.week_summary(db, MONDAY, today=TODAY, areas=["phone"]).to_json()
    row = next(r for r in data["classes"] if r["grade"] == 8)["areas"]["phone"]
    assert row["status"] == "red" and "未交手机 1 人次" in row["reason"]
    assert {
        k: row["figures"][k]
        for k in ("approved", "violations", "missing_log_days", "not_handed_in", "expired")
    } == {"approved": 1, "violations": 0, "missing_log_days": 0, "not_handed_in": 1, "expired": 0}
    json.dumps(data, ensure_ascii=False)


def test_expired_approval_makes_week_yellow(db, classes):
    c = classes[4]
    approve(db, c, pupil(db, c, 0), until=dt.date(2026, 11, 20))
    phone.log_day(db, SYSTEM, c.id, MONDAY, received_by="王")
    phone.log_day(db, SYSTEM, c.id, dt.date(2026, 11, 24), received_by="王")
    result = week(db, c)
    assert result.status is Status.YELLOW and result.figures["expired"] == 1 and "张一" in result.reason


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
    assert items["C4"].status is Status.RED and "八年级(1)班" in items["C4"].reason
    assert items["C9"].status is Status.GREEN
    phone.set_custodian(db, SYSTEM, term, classes[8].id, "李老师")
    phone.save_policy(
        db, SYSTEM, phone.Policy(None, term, True, True, "", "亲情电话", "", False, "", dt.date(2026, 12, 1))
    )
    items = {i.code: i.verdict for i in phone.check_policy(db, TODAY)}
    assert items["C4"].status is Status.GREEN
    assert items["C3"].status is Status.RED and items["C6/C7"].status is Status.RED
    assert items["C9"].status is Status.RED  # informing parents in the future does not count yet
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


# ------------------------------------------------------------------ demo


def test_demo_shows_green_and_red(demo_db, today):
    weeks = [summary.week_summary(demo_db, m, today=today, areas=["phone"]) for m in (PREV_MONDAY, MONDAY)]
    statuses = [r.areas["phone"] for w in weeks for r in w.classes]
    assert {a.status for a in statuses} >= {Status.GREEN, Status.RED, Status.YELLOW}
    assert sum(a.figures["violations"] for a in statuses) > 0
    assert sum(a.figures["missing_log_days"] for a in statuses) > 0
    assert sum(a.figures["expired"] for a in statuses) > 0
    items = {i.code: i.verdict.status for i in phone.check_policy(demo_db, today)}
    assert items["C3"] is Status.GREEN and items["C4"] is Status.RED
