"""手机管理: the day's custody log (fast "全部已交" with exceptions), parents' applications with the scanned
form, the school's phone policy checklist with custodians, and violations with escalation."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import school
from fivemgmt.areas import phone
from fivemgmt.areas.base import DayResult
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.errors import UserError
from fivemgmt.rules import Status
from ui.models.phone import ApplicationsModel, CustodyModel
from ui.pages.base import AreaPage, DayStatus, PageContext
from ui.widgets.date_navigator import from_qdate, to_qdate
from ui.widgets.dialogs import save_cancel
from ui.widgets.import_flow import run_import
from ui.widgets.record_table import RecordTableView
from ui.widgets.tables import fill_table, read_only_table, status_item


class PhonePage(AreaPage):
    title = QT_TRANSLATE_NOOP("PhonePage", "手机管理")
    tables = frozenset(
        {
            phone.APPLICATIONS,
            phone.CUSTODY,
            phone.CUSTODY_DAYS,
            phone.POLICY,
            phone.CUSTODIANS,
            phone.FOLLOWUPS,
            "students",
        }
    )
    area_key = "phone"

    def page_title(self) -> str:
        return self.tr("手机管理")

    # ------------------------------------------------------------ widgets
    def build_content(self) -> QWidget:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._custody_tab(), self.tr("每日保管"))
        self.tabs.addTab(self._applications_tab(), self.tr("入校申请"))
        self.tabs.addTab(self._policy_tab(), self.tr("制度与设施"))
        self.tabs.addTab(self._violations_tab(), self.tr("违规与升级处理"))
        self.tabs.currentChanged.connect(lambda _i: self.load())
        return self.tabs

    def _custody_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("收取人")))
        self.received_by = QLineEdit()
        self.received_by.setMaximumWidth(140)
        row.addWidget(self.received_by)
        row.addWidget(QLabel(self.tr("归还人")))
        self.returned_by = QLineEdit()
        self.returned_by.setMaximumWidth(140)
        row.addWidget(self.returned_by)
        self.all_in_button = QPushButton(self.tr("全部已交（保存当天）"))
        self.all_in_button.setToolTip(
            self.tr("经批准的学生全部已交、放学已归还；表中改过的学生按所改状态保存")
        )
        self.violation_button = QPushButton(self.tr("登记违规带入…"))
        self.import_custody_button = QPushButton(self.tr("导入保管登记…"))
        self.import_custody_button.setToolTip(
            self.tr(
                "导入每日手机保管登记表（Excel/CSV），每行一名学生一天，列：{columns}；"
                "无有效申请带手机的按“违规带入”登记；先检查，全部无误才写入"
            ).format(columns="、".join(c.label for c in phone.CUSTODY_IMPORT_COLUMNS))
        )
        row.addWidget(self.all_in_button)
        row.addWidget(self.violation_button)
        row.addWidget(self.import_custody_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.custody_model = CustodyModel(commit=self._commit_custody)
        self.custody_model.edit_rejected.connect(lambda message: self.context.show_error(message, self))
        self.custody_table = RecordTableView()
        self.custody_table.setModel(self.custody_model)
        layout.addWidget(self.custody_table, 1)
        self.custody_hint = QLabel()
        self.custody_hint.setStyleSheet("color: #555555;")
        self.custody_hint.setWordWrap(True)
        layout.addWidget(self.custody_hint)
        self.all_in_button.clicked.connect(self.save_day)
        self.violation_button.clicked.connect(lambda: self.add_violation())  # clicked(bool) is no student id
        self.import_custody_button.clicked.connect(lambda: self.import_custody())
        return tab

    def _applications_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.new_application_button = QPushButton(self.tr("新增申请…"))
        self.edit_application_button = QPushButton(self.tr("修改所选…"))
        self.delete_application_button = QPushButton(self.tr("删除所选…"))
        self.delete_application_button.setToolTip(self.tr("删除登记错的申请；删除记入审计记录"))
        self.open_scan_button = QPushButton(self.tr("查看扫描件"))
        self.import_applications_button = QPushButton(self.tr("导入申请表…"))
        self.import_applications_button.setToolTip(
            self.tr("导入家长申请登记表（Excel/CSV），列：{columns}；先检查，全部无误才写入").format(
                columns="、".join(c.label for c in phone.IMPORT_COLUMNS)
            )
        )
        for button in (
            self.new_application_button,
            self.edit_application_button,
            self.delete_application_button,
            self.open_scan_button,
            self.import_applications_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        self.applications_label = QLabel()
        row.addWidget(self.applications_label)
        layout.addLayout(row)
        self.applications_model = ApplicationsModel(self._application_status)
        self.applications_table = RecordTableView()
        self.applications_table.setModel(self.applications_model)
        self.applications_table.set_read_only(True)
        layout.addWidget(self.applications_table, 1)
        self.new_application_button.clicked.connect(lambda: self.edit_application(None))
        self.edit_application_button.clicked.connect(self._edit_selected)
        self.delete_application_button.clicked.connect(self.delete_application)
        self.applications_table.doubleClicked.connect(lambda _i: self._edit_selected())
        self.open_scan_button.clicked.connect(self.open_scan)
        self.import_applications_button.clicked.connect(lambda: self.import_applications())
        return tab

    def _policy_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.policy_table = read_only_table()
        layout.addWidget(self.policy_table, 1)
        box = QGroupBox(self.tr("本学期手机管理制度与设施（校长/教导处）"))
        form = QFormLayout(box)
        self.application_system = QCheckBox(self.tr("已建立手机入校书面申请制度"))
        self.classroom_ban = QCheckBox(self.tr("规定手机不得带入课堂"))
        self.no_phone_homework = QCheckBox(self.tr("规定不得用手机布置或要求学生用手机完成作业"))
        self.storage_device = QLineEdit()
        self.public_phone = QLineEdit()
        self.hotline = QLineEdit()
        self.guidance = QLineEdit()
        self.informed = QCheckBox(self.tr("已告知家长，日期"))
        self.informed_on = QDateEdit(to_qdate(self.context.today), calendarPopup=True)
        self.informed_on.setDisplayFormat("yyyy-MM-dd")
        informed = QHBoxLayout()
        informed.addWidget(self.informed)
        informed.addWidget(self.informed_on)
        informed.addStretch(1)
        self.custodian = QLineEdit()
        self.save_policy_button = QPushButton(self.tr("保存制度与设施"))
        self.save_custodian_button = QPushButton(self.tr("保存本班责任人"))
        form.addRow("", self.application_system)
        form.addRow("", self.classroom_ban)
        form.addRow("", self.no_phone_homework)
        form.addRow(self.tr("保管装置"), self.storage_device)
        form.addRow(self.tr("校内公用电话"), self.public_phone)
        form.addRow(self.tr("班主任沟通热线"), self.hotline)
        form.addRow(self.tr("教育引导措施"), self.guidance)
        form.addRow("", informed)
        form.addRow("", self.save_policy_button)
        custodian = QHBoxLayout()
        custodian.addWidget(self.custodian, 1)
        custodian.addWidget(self.save_custodian_button)
        form.addRow(self.tr("本班保管责任人"), custodian)
        layout.addWidget(box)
        self.save_policy_button.clicked.connect(self.save_policy)
        self.save_custodian_button.clicked.connect(self.save_custodian)
        return tab

    def _violations_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.escalation_label = QLabel()
        self.escalation_label.setWordWrap(True)
        layout.addWidget(self.escalation_label)
        self.escalations = read_only_table()
        layout.addWidget(self.escalations, 1)
        buttons = QHBoxLayout()
        self.contact_button = QPushButton(self.tr("登记家长沟通…"))
        self.close_case_button = QPushButton(self.tr("结案…"))
        for button in (self.contact_button, self.close_case_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.followups_label = QLabel()
        layout.addWidget(self.followups_label)
        self.followups = read_only_table()
        layout.addWidget(self.followups, 1)
        self.escalation_items: list[phone.Escalation] = []
        self.escalations.itemSelectionChanged.connect(self._show_followups)
        self.contact_button.clicked.connect(lambda: self.follow_up(phone.CONTACT))
        self.close_case_button.clicked.connect(lambda: self.follow_up(phone.CLOSING))
        return tab

    # ------------------------------------------------------------ loading
    def _term(self):  # noqa: ANN202
        return SchoolCalendar(self.context.db).current_or_last_term(self.day())

    def load(self) -> None:
        school_class = self.school_class()
        if school_class is None:
            self.custody_model.set_rows([])
            self.applications_model.set_rows([])
            return
        can_write = self.context.actor.can_write_class(school_class.id)
        for widget in (
            self.all_in_button,
            self.violation_button,
            self.import_custody_button,
            self.new_application_button,
            self.edit_application_button,
            self.delete_application_button,
            self.import_applications_button,
            self.save_custodian_button,
        ):
            widget.setEnabled(can_write)
        self.custody_table.set_read_only(not can_write)
        index = self.tabs.currentIndex()
        if index == 0:
            self._load_custody(school_class)
        elif index == 1:
            self._load_applications(school_class)
        elif index == 2:
            self._load_policy(school_class)
        else:
            self._load_escalations()

    def _load_custody(self, school_class: school.SchoolClass) -> None:
        day = phone.custody_day(self.context.db, school_class.id, self.day())
        self.custody_model.set_rows(day.rows)
        term = self._term()
        default = (
            phone.custodians(self.context.db, term.id).get(school_class.id) if term else None
        ) or school.head_teacher_name(self.context.db, school_class)
        self.received_by.setText(day.received_by or default)
        self.returned_by.setText(day.returned_by or default)
        if day.logged:
            self.custody_hint.setText(
                self.context.edit_hint(
                    self.tr("当天已登记。修改状态立即保存；无有效申请的学生带手机记为“违规带入”。")
                )
            )
        else:
            self.custody_hint.setText(
                self.tr("当天尚未登记：核对后点“全部已交”保存（没有学生带手机时也请点一下，表示已检查）。")
            )

    def _load_applications(self, school_class: school.SchoolClass) -> None:
        apps = phone.applications(self.context.db, school_class.id)
        self.applications_model.set_rows(apps)
        valid = sum(1 for a in apps if a.valid_on(self.day()))
        self.applications_label.setText(
            self.tr("{day} 有效申请 {n} 份，共 {total} 份").format(
                day=self.day().isoformat(), n=valid, total=len(apps)
            )
        )

    def _application_status(self, app: phone.Application) -> Status | None:
        return Status.YELLOW if app.expired_on(self.day()) else None

    def _load_policy(self, school_class: school.SchoolClass) -> None:
        db = self.context.db
        items = phone.check_policy(db, self.day())
        fill_table(
            self.policy_table,
            [self.tr("检查项"), self.tr("内容"), self.tr("状态"), self.tr("说明")],
            [
                [i.code, i.title, status_item(i.verdict.status, i.verdict.status.label), i.verdict.reason]
                for i in items
            ],
        )
        term = self._term()
        policy = phone.get_policy(db, term.id) if term else None
        policy = policy or phone.Policy(None, term.id if term else "")
        self.application_system.setChecked(policy.application_system)
        self.classroom_ban.setChecked(policy.classroom_ban)
        self.no_phone_homework.setChecked(policy.no_phone_homework)
        self.storage_device.setText(policy.storage_device)
        self.public_phone.setText(policy.public_phone)
        self.hotline.setText(policy.hotline)
        self.guidance.setText(policy.guidance)
        self.informed.setChecked(policy.parents_informed_on is not None)
        if policy.parents_informed_on:
            self.informed_on.setDate(to_qdate(policy.parents_informed_on))
        self.custodian.setText(phone.custodians(db, term.id).get(school_class.id, "") if term else "")
        allowed = self.context.actor.is_school_wide
        for widget in (
            self.application_system,
            self.classroom_ban,
            self.no_phone_homework,
            self.storage_device,
            self.public_phone,
            self.hotline,
            self.guidance,
            self.informed,
            self.informed_on,
            self.save_policy_button,
        ):
            widget.setEnabled(allowed)

    def _load_escalations(self) -> None:
        db = self.context.db
        school_class = self.school_class()
        items = phone.escalations(
            db, self.day(), None if self.context.actor.is_school_wide else school_class.id
        )
        threshold = items[0].threshold if items else None
        self.escalation_label.setText(
            self.tr("本学期违规带入手机达到 {n} 次的学生（需与家长沟通、升级处理）：").format(n=threshold)
            if items
            else self.tr("本学期没有学生违规带入手机达到升级处理的次数。")
        )
        self.escalation_items = items
        fill_table(
            self.escalations,
            [self.tr("班级"), self.tr("姓名"), self.tr("违规次数"), self.tr("日期"), self.tr("处理")],
            [
                [
                    e.class_name,
                    e.name,
                    e.count,
                    "、".join(d.strftime("%m-%d") for d in e.dates),
                    status_item(e.status, e.state),
                ]
                for e in items
            ],
        )
        self._show_followups()

    def selected_escalation(self) -> phone.Escalation | None:
        rows = {index.row() for index in self.escalations.selectedIndexes()}
        return self.escalation_items[min(rows)] if rows and min(rows) < len(self.escalation_items) else None

    def _show_followups(self) -> None:
        item = self.selected_escalation()
        can_write = bool(item) and self.context.actor.can_write_class(item.class_id)  # type: ignore[union-attr]
        self.contact_button.setEnabled(can_write and item.is_open)  # type: ignore[union-attr]
        self.close_case_button.setEnabled(can_write and not item.close_refusal)  # type: ignore[union-attr]
        self.close_case_button.setToolTip(item.close_refusal if item and item.is_open else "")
        if item is None:
            self.followups_label.setText(
                self.tr("选中一名学生，查看并登记与家长的沟通、结案。") if self.escalation_items else ""
            )
            fill_table(self.followups, [], [])
            return
        self.followups_label.setText(self.tr("{name}：{state}").format(name=item.name, state=item.state))
        fill_table(
            self.followups,
            [self.tr("日期"), self.tr("类型"), self.tr("沟通方式"), self.tr("结果"), self.tr("结案人")],
            [[f.date.isoformat(), f.kind, f.method, f.outcome, f.closed_by] for f in item.followups],
        )

    def follow_up(self, kind: str) -> FollowUpDialog | None:
        """登记家长沟通… / 结案… for the selected escalated student: a dialog, saved through the core."""
        item = self.selected_escalation()
        if item is None:
            return None
        dialog = FollowUpDialog(self.context, item, kind, self)
        dialog.saved.connect(
            lambda changes: (self.context.notify(changes, self), self._reselect(item), self.refresh_status())
        )
        dialog.open()
        return dialog

    def _reselect(self, item: phone.Escalation) -> None:
        self._load_escalations()
        for row, other in enumerate(self.escalation_items):
            if other.student_id == item.student_id:
                self.escalations.selectRow(row)

    # ------------------------------------------------------------ status
    def day_status(self) -> DayStatus:
        verdict, day = phone.day_check(
            self.context.db, self.school_class().id, self.day(), self.context.today
        )
        approved = sum(1 for r in day.rows if r.approved)
        return DayStatus(verdict, self.tr("经批准 {n} 人").format(n=approved) if approved else "")

    def day_text(self, day: DayResult) -> str:
        return self.tr("已登记") if day.logged else ""

    # ------------------------------------------------------------ custody operations
    def _log(self, rows: list[phone.CustodyRow]) -> bool:
        school_class = self.school_class()
        edits = phone.day_edits(rows)
        changes = self.context.apply(
            lambda: phone.log_day(
                self.context.db,
                self.context.actor,
                school_class.id,
                self.day(),
                received_by=self.received_by.text(),
                returned_by=self.returned_by.text(),
                exceptions=edits.exceptions,
                not_returned=edits.not_returned,
                notes=edits.notes,
            ),
            self,
        )
        if changes is None:
            return False
        self._load_custody(school_class)
        return True

    def save_day(self) -> None:
        if self.school_class() is not None:
            self._log(self.custody_model.rows)

    def _commit_custody(
        self, row: int, _old: phone.CustodyRow, new: phone.CustodyRow
    ) -> phone.CustodyRow | None:
        rows = self.custody_model.rows
        rows[row] = new
        self._log(rows)
        return None  # the table was reloaded from the saved day

    def add_violation(self, student_id: str | None = None) -> None:
        school_class = self.school_class()
        if school_class is None:
            return
        if student_id is None:
            students = school.list_students(self.context.db, school_class.id)
            names = [f"{s['name']}（{s['student_no'] or '无学籍号'}）" for s in students]
            chosen, ok = QInputDialog.getItem(
                self, self.tr("登记违规带入"), self.tr("带手机入校但无有效申请的学生："), names, 0, False
            )
            if not ok:
                return
            student_id = students[names.index(chosen)]["id"]
        changes = self.context.apply(
            lambda: phone.record_violation(
                self.context.db,
                self.context.actor,
                school_class.id,
                student_id,
                self.day(),
                received_by=self.received_by.text(),
            ),
            self,
        )
        if changes is None:
            return
        self._load_custody(school_class)

    def import_custody(self, path: Path | None = None) -> None:
        """A sheet of the daily custody log (日期, 班级, 学籍号/姓名, 状态, 收取人 …): check, confirm, write."""
        run_import(
            self,
            self.tr("导入手机保管登记"),
            phone.preview_custody_import,
            phone.commit_custody_import,
            path,
        )

    # ------------------------------------------------------------ applications
    def _edit_selected(self) -> None:
        row = self.applications_table.currentIndex().row()
        if 0 <= row < self.applications_model.rowCount():
            self.edit_application(self.applications_model.row(row))

    def edit_application(self, app: phone.Application | None) -> ApplicationDialog | None:
        school_class = self.school_class()
        if school_class is None:
            return None
        dialog = ApplicationDialog(self.context, school_class, app, self)
        dialog.saved.connect(lambda changes: self.context.notify(changes))  # this page reloads too
        dialog.open()
        return dialog

    def delete_application(self) -> None:
        """删除所选…: the selected application, after a confirmation naming it; the core keeps the audit entry."""
        row = self.applications_table.currentIndex().row()
        if not 0 <= row < self.applications_model.rowCount():
            self.context.show_error(self.tr("请先选择要删除的申请。"), self)
            return
        app = self.applications_model.row(row)
        answer = QMessageBox.question(
            self,
            self.tr("删除申请"),
            self.tr("删除{name}的手机入校申请（{day} 申请，{decision}）吗？\n删除记入审计记录。").format(
                name=app.student_name, day=app.applied_on.isoformat(), decision=app.decision
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        changes = self.context.apply(
            lambda: phone.delete_application(self.context.db, self.context.actor, app.id), self
        )
        if changes is not None:
            self.load()
            self.refresh_status()

    def import_applications(self, path: Path | None = None) -> None:
        """A sheet of parents' applications (班级, 姓名/学籍号, 申请日期, 家长, 理由, 审批结果 …): check, confirm, write."""
        run_import(
            self,
            self.tr("导入手机入校申请"),
            phone.preview_import,
            phone.commit_import,
            path,
        )

    def open_scan(self) -> None:
        row = self.applications_table.currentIndex().row()
        if not 0 <= row < self.applications_model.rowCount():
            return
        app = self.applications_model.row(row)
        if not app.attachment_sha:
            self.context.show_error(self.tr("这份申请没有附扫描件。"), self)
            return
        folder = Path(tempfile.gettempdir()) / "fivemgmt_scans"
        path = phone.export_attachment(self.context.db, app.attachment_sha, folder)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # ------------------------------------------------------------ policy
    def save_policy(self) -> None:
        term = self._term()
        if term is None:
            self.context.show_error(self.tr("还没有学期：请先在“设置”中添加学期。"), self)
            return
        old = phone.get_policy(self.context.db, term.id)
        policy = phone.Policy(
            old.id if old else None,
            term.id,
            self.application_system.isChecked(),
            self.classroom_ban.isChecked(),
            self.storage_device.text(),
            self.public_phone.text(),
            self.hotline.text(),
            self.no_phone_homework.isChecked(),
            self.guidance.text(),
            from_qdate(self.informed_on.date()) if self.informed.isChecked() else None,
        )
        if (
            self.context.apply(lambda: phone.save_policy(self.context.db, self.context.actor, policy), self)
            is None
        ):
            return
        self._load_policy(self.school_class())

    def save_custodian(self) -> None:
        term, school_class = self._term(), self.school_class()
        if term is None or school_class is None:
            return
        changes = self.context.apply(
            lambda: phone.set_custodian(
                self.context.db, self.context.actor, term.id, school_class.id, self.custodian.text()
            ),
            self,
        )
        if changes is None:
            return
        self._load_policy(school_class)


class ApplicationDialog(QDialog):
    """One parent's written application: student, reason, parent, decision, valid-until, scanned form."""

    saved = Signal(object)  # Changes

    def __init__(
        self,
        context: PageContext,
        school_class: school.SchoolClass,
        app: phone.Application | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.school_class = context, school_class
        self.app = app
        self.scan_path: Path | None = None
        self.setWindowTitle(self.tr("手机入校申请") + f" · {school_class.name}")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.student = QComboBox()
        self.students = school.list_students(context.db, school_class.id)
        for student in self.students:
            self.student.addItem(student["name"], student["id"])
        self.applied_on = QDateEdit(to_qdate(context.today), calendarPopup=True)
        self.parent_name = QLineEdit()
        self.reason = QLineEdit()
        self.decision = QComboBox()
        self.decision.addItems(phone.DECISIONS)
        self.decided_by = QLineEdit()
        self.decided_on = QDateEdit(to_qdate(context.today), calendarPopup=True)
        self.valid_until = QDateEdit(to_qdate(context.today + dt.timedelta(days=120)), calendarPopup=True)
        term = SchoolCalendar(context.db).current_or_last_term(context.today)
        if term:
            self.valid_until.setDate(to_qdate(term.end))
        for edit in (self.applied_on, self.decided_on, self.valid_until):
            edit.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit()
        scan_row = QHBoxLayout()
        self.scan_label = QLabel(self.tr("（无）"))
        self.scan_button = QPushButton(self.tr("选择扫描件…"))
        scan_row.addWidget(self.scan_label, 1)
        scan_row.addWidget(self.scan_button)
        form.addRow(self.tr("学生"), self.student)
        form.addRow(self.tr("申请日期"), self.applied_on)
        form.addRow(self.tr("家长姓名"), self.parent_name)
        form.addRow(self.tr("申请理由"), self.reason)
        form.addRow(self.tr("审批结果"), self.decision)
        form.addRow(self.tr("审批人"), self.decided_by)
        form.addRow(self.tr("审批日期"), self.decided_on)
        form.addRow(self.tr("有效期至"), self.valid_until)
        form.addRow(self.tr("备注"), self.note)
        form.addRow(self.tr("书面申请扫描件"), scan_row)
        layout.addLayout(form)
        layout.addWidget(save_cancel(self, self.save))
        self.scan_button.clicked.connect(self._choose_scan)
        if app is not None:
            self.student.setCurrentIndex(max(self.student.findData(app.student_id), 0))
            self.student.setEnabled(False)
            self.applied_on.setDate(to_qdate(app.applied_on))
            self.parent_name.setText(app.parent_name)
            self.reason.setText(app.reason)
            self.decision.setCurrentText(app.decision)
            self.decided_by.setText(app.decided_by)
            if app.decided_on:
                self.decided_on.setDate(to_qdate(app.decided_on))
            if app.valid_until:
                self.valid_until.setDate(to_qdate(app.valid_until))
            self.note.setText(app.note)
            self.scan_label.setText(app.attachment_name or self.tr("（无）"))

    def _choose_scan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择书面申请扫描件"), "", self.tr("图片或 PDF (*.jpg *.jpeg *.png *.pdf)")
        )
        if name:
            self.set_scan(Path(name))

    def set_scan(self, path: Path) -> None:
        self.scan_path = path
        self.scan_label.setText(path.name)

    def application(self) -> phone.Application:
        decided = self.decision.currentText() != phone.PENDING
        old = self.app
        return phone.Application(
            old.id if old else None,
            self.school_class.id,
            self.student.currentData(),
            from_qdate(self.applied_on.date()),
            self.reason.text().strip(),
            self.parent_name.text().strip(),
            self.decision.currentText(),
            self.decided_by.text().strip() if decided else "",
            from_qdate(self.decided_on.date()) if decided else None,
            from_qdate(self.valid_until.date()) if self.decision.currentText() == phone.APPROVED else None,
            self.note.text().strip(),
            old.attachment_sha if old else None,
            old.attachment_name if old else "",
        )

    def save(self) -> None:
        try:
            changes = phone.save_application(
                self.context.db, self.context.actor, self.application(), attachment_path=self.scan_path
            )
        except UserError as error:
            self.context.show_error(error, self)
            return
        self.saved.emit(changes)
        self.accept()


class FollowUpDialog(QDialog):
    """One follow-up of an escalated student: a talk with the parents (date, 沟通方式, 结果) or the closing
    (date, who closed it, the outcome)."""

    saved = Signal(object)  # Changes

    def __init__(
        self, context: PageContext, item: phone.Escalation, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.item, self.kind = context, item, kind
        closing = kind == phone.CLOSING
        self.setWindowTitle(
            (self.tr("升级处理结案") if closing else self.tr("登记家长沟通"))
            + f" · {item.class_name} {item.name}"
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date = QDateEdit(to_qdate(context.today), calendarPopup=True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.method = QComboBox()
        self.method.addItems(phone.CONTACT_METHODS)
        self.outcome = QLineEdit()
        self.closed_by = QLineEdit(context.actor.display_name)
        form.addRow(self.tr("结案日期") if closing else self.tr("沟通日期"), self.date)
        if closing:
            form.addRow(self.tr("结案人"), self.closed_by)
            self.outcome.setPlaceholderText(self.tr("如：家长签订承诺书，此后未再带手机"))
            form.addRow(self.tr("处理结果"), self.outcome)
        else:
            form.addRow(self.tr("沟通方式"), self.method)
            self.outcome.setPlaceholderText(self.tr("如：家长同意每天检查书包"))
            form.addRow(self.tr("沟通结果"), self.outcome)
        layout.addWidget(
            QLabel(
                self.tr("本学期违规 {n} 次：{dates}").format(
                    n=item.count, dates="、".join(d.isoformat() for d in item.dates)
                )
            )
        )
        layout.addLayout(form)
        self.buttons = save_cancel(self, self.save)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        db, actor, item = self.context.db, self.context.actor, self.item
        day = from_qdate(self.date.date())
        try:
            if self.kind == phone.CLOSING:
                changes = phone.close_escalation(
                    db,
                    actor,
                    item.class_id,
                    item.student_id,
                    day,
                    closed_by=self.closed_by.text(),
                    outcome=self.outcome.text(),
                )
            else:
                changes = phone.add_followup(
                    db,
                    actor,
                    item.class_id,
                    item.student_id,
                    day,
                    method=self.method.currentText(),
                    outcome=self.outcome.text(),
                )
        except UserError as error:
            self.context.show_error(error, self)
            return
        self.saved.emit(changes)
        self.accept()
