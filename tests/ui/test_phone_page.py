import datetime as dt

from fivemgmt import records, school
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import phone
from fivemgmt.db import transaction
from fivemgmt.rules import Status
from tests.ui.conftest import type_text


def setup_class(db, small_school):
    class_id = small_school["class4"]
    with transaction(db):
        for name in ["张一", "李二", "王三"]:
            records.save(db, "students", {"class_id": class_id, "name": name}, LOCAL_ADMIN)
    students = school.list_students(db, class_id)
    app = phone.Application(
        None,
        class_id,
        students[0]["id"],
        dt.date(2026, 9, 5),
        "走读",
        "张父",
        phone.APPROVED,
        "王主任",
        dt.date(2026, 9, 6),
        dt.date(2027, 1, 22),
    )
    phone.save_application(db, LOCAL_ADMIN, app)
    return class_id, students


def open_page(window, qtbot, class_id):
    page = window.show_page("phone")
    page.context.selection.set(class_id=class_id)
    qtbot.waitUntil(lambda: page.custody_model.rowCount() > 0)
    return page


def test_all_handed_in_and_exception(window, qtbot, db, small_school, errors):
    class_id, students = setup_class(db, small_school)
    page = open_page(window, qtbot, class_id)
    today = small_school["today"]
    assert page.status_strip.isVisible()
    assert phone.day_check(db, class_id, today, today)[0].status is Status.UNLOGGED
    assert page.received_by.text() == "王老师"  # the 班主任 by default
    page.all_in_button.click()
    day = phone.custody_day(db, class_id, today)
    assert day.logged and day.rows[0].status == phone.HANDED_IN and day.received_by == "王老师"
    model = page.custody_model
    model.setData(model.index(0, model.STATUS), phone.NOT_HANDED_IN)
    assert phone.custody_day(db, class_id, today).rows[0].status == phone.NOT_HANDED_IN
    assert phone.day_check(db, class_id, today, today)[0].status is Status.VIOLATION
    assert model.row(0).status == phone.NOT_HANDED_IN
    assert errors == []


def test_violation_entry(window, qtbot, db, small_school, errors):
    class_id, students = setup_class(db, small_school)
    page = open_page(window, qtbot, class_id)
    page.add_violation(students[2]["id"])
    rows = {r.name: r.status for r in phone.custody_day(db, class_id, small_school["today"]).rows}
    assert rows == {"张一": phone.HANDED_IN, "王三": phone.VIOLATION}
    assert page.custody_model.rowCount() == 2
    page.tabs.setCurrentIndex(3)
    assert page.escalations.rowCount() == 0  # one violation is below the escalation count
    assert errors == []


def test_violation_button_asks_for_the_student(window, qtbot, db, small_school, errors, monkeypatch):
    """A real click on 登记违规带入…: the student is chosen in the dialog and recorded for the day."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QInputDialog

    class_id, students = setup_class(db, small_school)
    page = open_page(window, qtbot, class_id)
    offered: list[list[str]] = []

    def choose(parent, title, label, names, current, editable):
        offered.append(names)
        return next(n for n in names if n.startswith("王三")), True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    qtbot.mouseClick(page.violation_button, Qt.MouseButton.LeftButton)
    assert len(offered) == 1 and len(offered[0]) == 3
    rows = {r.name: r.status for r in phone.custody_day(db, class_id, small_school["today"]).rows}
    assert rows["王三"] == phone.VIOLATION
    assert errors == []


def test_application_dialog_with_scan(window, qtbot, db, small_school, tmp_path, errors):
    class_id, students = setup_class(db, small_school)
    page = open_page(window, qtbot, class_id)
    page.tabs.setCurrentIndex(1)
    assert page.applications_model.rowCount() == 1
    dialog = page.edit_application(None)
    qtbot.addWidget(dialog)
    dialog.student.setCurrentIndex(dialog.student.findData(students[1]["id"]))
    dialog.parent_name.setText("李母")
    dialog.reason.setText("放学后参加训练")
    dialog.decision.setCurrentText(phone.APPROVED)
    dialog.decided_by.setText("德育处")
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG fake")
    dialog.set_scan(scan)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    apps = {a.student_name: a for a in phone.applications(db, class_id)}
    assert apps["李二"].decision == phone.APPROVED and apps["李二"].valid_until == dt.date(2027, 1, 22)
    assert phone.attachment(db, apps["李二"].attachment_sha)[1] == b"\x89PNG fake"
    assert page.applications_model.rowCount() == 2
    bad = page.edit_application(None)
    qtbot.addWidget(bad)
    bad.save()  # no parent name
    assert errors and "家长" in errors[-1]
    assert errors[:-1] == []


def test_policy_tab_saves(window, qtbot, db, small_school, errors):
    class_id, _ = setup_class(db, small_school)
    page = open_page(window, qtbot, class_id)
    page.tabs.setCurrentIndex(2)
    assert page.policy_table.rowCount() == 1  # nothing recorded yet
    page.application_system.setChecked(True)
    page.storage_device.setText("手机柜")
    page.save_policy_button.click()
    page.custodian.setText("王老师")
    page.save_custodian_button.click()
    items = {i.code: i.verdict.status for i in phone.check_policy(db, small_school["today"])}
    assert items["C1"] is Status.GREEN and items["C3"] is Status.GREEN and items["C2"] is Status.VIOLATION
    assert page.policy_table.rowCount() == 8
    assert errors == []


def test_applications_import_button(
    window, qtbot, db, small_school, tmp_path, errors, monkeypatch, import_previews
):
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    class_id, students = setup_class(db, small_school)
    page = open_page(window, qtbot, class_id)
    path = tmp_path / "申请.xlsx"
    book = openpyxl.Workbook()
    for row in [
        ["班级", "姓名", "申请日期", "家长姓名", "申请理由", "审批结果", "审批人", "有效期至"],
        ["四年级(2)班", "李二", "2026-11-02", "李母", "放学后独自回家需联系", "同意", "王主任", "2027-01-22"],
        ["四年级(2)班", "王三", "2026-11-03", "王父", "想带", "不同意", "王主任", None],
    ]:
        book.active.append(row)
    book.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    assert (
        page.import_applications_button.isEnabled()
        and "审批结果" in page.import_applications_button.toolTip()
    )
    page.import_applications_button.click()
    [preview] = import_previews
    assert errors == [] and "新增 2" in preview.summary.text()
    assert [r[:2] for r in preview.rows()] == [("2", "新增"), ("3", "新增")] and "李二" in preview.rows()[0][
        2
    ]
    saved = {a.student_name: a for a in phone.applications(db, class_id)}
    assert saved["李二"].decision == phone.APPROVED and saved["王三"].decision == phone.REFUSED
    page.tabs.setCurrentIndex(1)
    assert page.applications_model.rowCount() == 3
    assert "有效申请 2 份，共 3 份" in page.applications_label.text()


def _custody_file(path, rows):
    import openpyxl

    book = openpyxl.Workbook()
    for row in [["日期", "班级", "姓名", "状态", "收取人", "归还人"], *rows]:
        book.active.append(row)
    book.save(path)
    return path


def test_custody_import_button(
    window, qtbot, db, small_school, tmp_path, errors, monkeypatch, import_previews
):
    from PySide6.QtWidgets import QFileDialog

    class_id, students = setup_class(db, small_school)
    page = open_page(window, qtbot, class_id)
    today = small_school["today"].isoformat()
    path = _custody_file(
        tmp_path / "保管.xlsx",
        [
            [today, "四年级(2)班", "张一", "已交", "王老师", "王老师"],
            [today, "四年级(2)班", "王三", "已交", "王老师", "王老师"],  # no approval
        ],
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    button = page.import_custody_button
    assert button.isVisible() and button.isEnabled() and "收取人" in button.toolTip()
    button.click()
    [preview] = import_previews
    warnings = [preview.warnings.item(i).text() for i in range(preview.warnings.count())]
    assert errors == [] and "新增 2" in preview.summary.text()
    assert any("王三" in w and "违规带入" in w for w in warnings)
    rows = {r.name: r.status for r in phone.custody_day(db, class_id, small_school["today"]).rows}
    assert rows == {"张一": phone.HANDED_IN, "王三": phone.VIOLATION}
    # The table and the status strip show the imported day.
    assert {page.custody_model.row(i).name for i in range(page.custody_model.rowCount())} == {"张一", "王三"}
    assert page.custody_model.row(1).status == phone.VIOLATION
    assert page.status_strip.status is Status.VIOLATION and "王三" in page.status_strip.reason.text()


def test_custody_import_bad_file_imports_nothing(
    window, qtbot, db, small_school, tmp_path, errors, monkeypatch, import_previews
):
    class_id, _ = setup_class(db, small_school)
    page = open_page(window, qtbot, class_id)
    today = small_school["today"].isoformat()
    path = _custody_file(
        tmp_path / "bad.xlsx",
        [
            [today, "四年级(2)班", "张一", "已交", "王老师", "王老师"],
            [today, "四年级(2)班", "无此人", "已交", "王老师", "王老师"],
        ],
    )
    before = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    page.import_custody(path)
    [preview] = import_previews
    assert not preview.import_button.isEnabled() and "未导入任何数据" in preview.summary.text()
    # every row's outcome, the good one too, though nothing is imported
    assert [r[:2] for r in preview.rows()] == [("2", "新增"), ("3", "拒绝")] and "“姓名”列" in preview.rows()[
        1
    ][2]
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == before
    assert not phone.custody_day(db, class_id, small_school["today"]).logged


def test_an_escalation_is_followed_up_and_closed_by_clicks(window, qtbot, db, small_school, errors):
    """违规与升级处理: select the escalated student, 登记家长沟通… (date, 沟通方式, 结果), then 结案… (date, who)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.pages.phone import FollowUpDialog

    class_id, students = setup_class(db, small_school)
    for day in (dt.date(2026, 11, 16), dt.date(2026, 11, 17), dt.date(2026, 11, 18)):
        phone.record_violation(db, LOCAL_ADMIN, class_id, students[2]["id"], day, received_by="王老师")
    page = open_page(window, qtbot, class_id)
    page.tabs.setCurrentIndex(3)
    assert page.escalations.rowCount() == 1 and page.escalations.item(0, 1).text() == "王三"
    assert page.escalations.item(0, 4).text().endswith("待跟进（尚未与家长沟通）")
    assert not page.contact_button.isEnabled()  # nothing selected yet

    def click_row(row):
        rect = page.escalations.visualItemRect(page.escalations.item(row, 1))
        qtbot.mouseClick(page.escalations.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def dialog_and_save(fill):
        [dialog] = [d for d in page.findChildren(FollowUpDialog) if d.isVisible()]
        fill(dialog)
        with qtbot.waitSignal(dialog.saved):
            qtbot.mouseClick(
                dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
            )
        assert not dialog.isVisible()

    click_row(0)
    assert page.contact_button.isEnabled() and not page.close_case_button.isEnabled()
    qtbot.mouseClick(page.contact_button, Qt.MouseButton.LeftButton)

    def contact(dialog):
        dialog.method.setCurrentText("面谈")
        type_text(dialog.outcome, "家长同意每天检查书包")

    dialog_and_save(contact)
    assert page.escalations.item(0, 4).text().endswith("跟进中（已沟通 1 次）")
    assert page.followups.rowCount() == 1
    assert [page.followups.item(0, c).text() for c in range(4)] == [
        small_school["today"].isoformat(),
        phone.CONTACT,
        "面谈",
        "家长同意每天检查书包",
    ]
    assert page.close_case_button.isEnabled()
    qtbot.mouseClick(page.close_case_button, Qt.MouseButton.LeftButton)

    def close(dialog):
        dialog.closed_by.clear()
        type_text(dialog.closed_by, "德育处李主任")
        type_text(dialog.outcome, "家长签订承诺书")

    dialog_and_save(close)
    assert (
        page.escalations.item(0, 4)
        .text()
        .endswith(f"已结案（{small_school['today'].isoformat()}，德育处李主任）")
    )
    assert not page.contact_button.isEnabled() and not page.close_case_button.isEnabled()
    [item] = phone.escalations(db, small_school["today"], class_id)
    assert not item.is_open and [f.kind for f in item.followups] == [phone.CONTACT, phone.CLOSING]
    assert errors == []


def test_a_follow_up_without_its_result_is_refused_and_nothing_saved(window, qtbot, db, small_school, errors):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    class_id, students = setup_class(db, small_school)
    for day in (dt.date(2026, 11, 16), dt.date(2026, 11, 17), dt.date(2026, 11, 18)):
        phone.record_violation(db, LOCAL_ADMIN, class_id, students[2]["id"], day, received_by="王老师")
    page = open_page(window, qtbot, class_id)
    page.tabs.setCurrentIndex(3)
    page.escalations.selectRow(0)
    dialog = page.follow_up(phone.CONTACT)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert errors and "请填写结果" in errors[-1] and dialog.isVisible()
    assert db.execute(f"SELECT COUNT(*) FROM {phone.FOLLOWUPS}").fetchone()[0] == 0
