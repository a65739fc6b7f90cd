"""数据与安全: exchange packages, backups and restore, the audit trail, accounts.

Every action calls a core operation (fivemgmt.exchange.package and .merge, fivemgmt.backup, fivemgmt.audit
and .audit_verify, fivemgmt.users); roles are checked there. Dialogs go through small methods
(``choose_*``, ``confirm``) that tests patch.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from fivemgmt import audit, audit_verify, backup, clock, keys, records, school, tables, users
from fivemgmt.actor import ADMIN, PRINCIPAL, ROLE_NAMES, TEACHER, Actor
from fivemgmt.errors import UserError
from fivemgmt.exchange import merge, package, trust, xlsx
from fivemgmt.files import write_private
from fivemgmt.session import open_db
from ui.pages.base import PageContext
from ui.tasks import Task, TaskControl
from ui.widgets.conflicts import ConflictDialog
from ui.widgets.history import HistoryTable
from ui.widgets.import_flow import ImportPreviewDialog


class DataPage(QWidget):
    def __init__(self, context: PageContext) -> None:
        super().__init__()
        self.context = context
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("数据与安全"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._exchange_tab(), self.tr("数据交换"))
        self.tabs.addTab(self._backup_tab(), self.tr("备份与恢复"))
        self.tabs.addTab(self._audit_tab(), self.tr("审计记录"))
        self.tabs.addTab(self._accounts_tab(), self.tr("账户"))
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # ------------------------------------------------------------ helpers (patched in tests)
    @property
    def db(self):
        return self.context.db

    def choose_save_path(self, title: str, suggested: str, filter_text: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, filter_text)
        return Path(path) if path else None

    def choose_open_paths(self, title: str, filter_text: str) -> list[Path]:
        paths, _ = QFileDialog.getOpenFileNames(self, title, "", filter_text)
        return [Path(p) for p in paths]

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def ask_text(self, title: str, label: str, password: bool = False) -> str | None:
        mode = QLineEdit.EchoMode.Password if password else QLineEdit.EchoMode.Normal
        text, ok = QInputDialog.getText(self, title, label, mode)
        return text if ok else None

    def resolve_conflicts(self, conflicts: list[merge.Conflict]) -> bool:
        """The conflict dialog: True once every conflict has the person's choice, False if cancelled."""
        self.conflict_dialog = ConflictDialog(conflicts, self)
        try:
            return self.conflict_dialog.exec() == ConflictDialog.DialogCode.Accepted
        finally:
            self.conflict_dialog.deleteLater()
            self.conflict_dialog = None

    def _run(self, work, on_done, title: str) -> None:
        self.context.run_task(lambda task: work(), title=title, on_done=on_done)

    # ------------------------------------------------------------ exchange
    def _exchange_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        explain = QLabel(
            self.tr(
                "教师：导出本班自上次导出以来的修改，发给教导处。校长/教导处：导入各班的数据包；导出学校设置数据包，"
                "新教师的电脑导入后即有本校的班级和学生。数据包用学校密钥加密并签名，损坏或外校的数据包不会被导入。"
                "给某位教师或某个班级导出时，设置包只含这些班级的学生，记录包只含该教师可修改的记录（更正发回教师）。"
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        audience_row = QHBoxLayout()
        audience_row.addWidget(QLabel(self.tr("数据包给：")))
        self.audience_choice = QComboBox()
        self.audience_choice.setObjectName("audienceChoice")
        audience_row.addWidget(self.audience_choice)
        audience_row.addStretch(1)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprintLabel")
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        audience_row.addWidget(self.fingerprint_label)
        layout.addLayout(audience_row)
        row = QHBoxLayout()
        self.export_records_button = QPushButton(self.tr("导出台账记录数据包…"))
        self.export_setup_button = QPushButton(self.tr("导出学校设置数据包…"))
        self.import_button = QPushButton(self.tr("导入数据包…"))
        self.xlsx_export_button = QPushButton(self.tr("全部台账导出为 Excel…"))
        self.xlsx_import_button = QPushButton(self.tr("从 Excel 导回…"))
        for button in (
            self.export_records_button,
            self.export_setup_button,
            self.import_button,
            self.xlsx_export_button,
            self.xlsx_import_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.exchange_log = QPlainTextEdit()
        self.exchange_log.setReadOnly(True)
        self.exchange_log.setObjectName("exchangeLog")
        layout.addWidget(self.exchange_log, 1)
        self.export_records_button.clicked.connect(lambda: self.export_package(package.KIND_RECORDS))
        self.export_setup_button.clicked.connect(lambda: self.export_package(package.KIND_SETUP))
        self.import_button.clicked.connect(self.import_packages)
        self.xlsx_export_button.clicked.connect(self.export_xlsx)
        self.xlsx_import_button.clicked.connect(self.import_xlsx)
        return tab

    def _log(self, text: str) -> None:
        self.exchange_log.appendPlainText(text)

    def refresh_audiences(self) -> None:
        try:  # compared by phone when a teacher's PC is registered (fivemgmt.exchange.trust)
            shown = trust.own_fingerprint(self.db)
        except UserError as error:
            shown = str(error)
        self.fingerprint_label.setText(self.tr("本机签名密钥指纹：{fingerprint}").format(fingerprint=shown))
        self.audience_choice.clear()
        self.audience_choice.addItem(self.tr("全校（所有班级）"), None)
        if not self.context.actor.is_school_wide:
            self.audience_choice.setEnabled(False)
            return
        self.audience_choice.setEnabled(True)
        accounts = users.list_accounts(self.db) if "accounts" in self.db.table_names() else []
        for account in accounts:
            if account.role == TEACHER and account.active:
                label = self.tr("教师：{name}（{user}）").format(
                    name=account.display_name, user=account.username
                )
                self.audience_choice.addItem(label, f"user:{account.username}")
        for school_class in school.list_classes(self.db):
            self.audience_choice.addItem(
                self.tr("班级：{name}").format(name=school_class.name), f"class:{school_class.name}"
            )

    def _audience(self):
        """The account or class the package is for (None: everyone); raises UserError."""
        chosen = self.audience_choice.currentData()
        if not chosen:
            return None
        what, _, name = chosen.partition(":")
        return users.actor_for(self.db, name) if what == "user" else package.audience_for_class(self.db, name)

    def export_package(self, kind: str) -> None:
        try:
            audience = self._audience()
        except UserError as error:
            self.context.show_error(error, self)
            return
        name = "学校设置" if kind == package.KIND_SETUP else self.context.actor.display_name
        if audience is not None:
            name += "-" + self.tr("给{name}").format(name=audience.display_name)
        path = self.choose_save_path(
            self.tr("导出数据包"),
            f"{name}-{self.context.today:%Y%m%d}.fivemgmt",
            self.tr("数据包 (*.fivemgmt)"),
        )
        if path is None:
            return
        try:
            result = package.export_package(self.db, self.context.actor, path, kind=kind, audience=audience)
        except UserError as error:
            self.context.show_error(error, self)
            return
        self._log(result.summary())

    def import_packages(self) -> None:
        paths = self.choose_open_paths(self.tr("导入数据包"), self.tr("数据包 (*.fivemgmt);;所有文件 (*)"))
        if not paths:
            return
        school_key = None
        while True:
            try:
                preview = merge.preview_import(self.db, self.context.actor, paths, school_key=school_key)
                break
            except package.SchoolKeyNeeded as needed:
                school_key = self.ask_text(self.tr("加入学校"), str(needed) + "\n\n" + self.tr("学校密钥："))
                if not school_key:
                    return
            except UserError as error:
                self.context.show_error(error, self)
                if school_key is None:
                    return
                school_key = self.ask_text(self.tr("加入学校"), self.tr("请重新输入学校密钥："))
                if not school_key:
                    return
        # new senders, warnings about a sender's audit chain and every refused row, as the core words them
        details = preview.details()
        self._log("\n".join([p.label for p in preview.packages] + [preview.summary()] + details))
        if preview.conflicts:
            self._log("\n".join(f"  {c}" for c in preview.conflicts[:30]))
        if len(details) > 25:  # the message box stays readable; the exchange log above has every line
            more = self.tr("……另有 {n} 行，见“数据交换”中的记录").format(n=len(details) - 25)
            details = [*details[:25], more]
        lines = [p.label for p in preview.packages] + [preview.summary()] + details
        if not preview.changes_anything:
            text = self.tr("没有需要导入的新内容。")
            if preview.refused or preview.warnings:
                text = "\n".join([text, *preview.details()])
            self.inform(self.tr("导入数据包"), text)
            return
        if preview.conflicts:
            if not self.resolve_conflicts(preview.conflicts):
                self._log(self.tr("已取消导入，未写入任何数据。"))
                return
            keep = sum(1 for c in preview.conflicts if c.choice == merge.KEEP)
            chosen = self.tr("冲突：保留本机 {keep} 处，采用数据包 {take} 处。").format(
                keep=keep, take=len(preview.conflicts) - keep
            )
            lines.append(chosen)
            self._log(chosen)
        if not self.confirm(
            self.tr("导入数据包"), "\n".join(lines) + "\n\n" + self.tr("确定导入吗？（导入前会自动备份）")
        ):
            return

        def done(changes: records.Changes) -> None:
            self._log(self.tr("已导入，写入 {n} 条记录。").format(n=len(changes.ids)))
            self.context.notify(changes, self)
            self.refresh()

        self._run(
            lambda: merge.commit_import(self.db, self.context.actor, preview), done, self.tr("导入数据包")
        )

    def export_xlsx(self) -> None:
        path = self.choose_save_path(
            self.tr("导出台账"), f"台账-{self.context.today:%Y%m%d}.xlsx", self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path is None:
            return
        self._run(
            lambda: xlsx.export_registers(self.db, self.context.actor, path),
            lambda result: self._log(result.summary()),
            self.tr("导出台账"),
        )

    def import_xlsx(self) -> None:
        paths = self.choose_open_paths(self.tr("从 Excel 导回"), self.tr("Excel 工作簿 (*.xlsx)"))
        if not paths:
            return
        try:
            preview = xlsx.preview_registers(self.db, self.context.actor, paths[0])
        except UserError as error:
            self.context.show_error(error, self)
            return
        counts = preview.counts
        text = self.tr("新增 {new}，修改 {changed}，不变 {unchanged}").format(
            new=counts.get("new", 0), changed=counts.get("changed", 0), unchanged=counts.get("unchanged", 0)
        )
        if preview.ok:
            self._log(f"{paths[0].name}：{text}")
        if preview.ok and not counts.get("new") and not counts.get("changed"):
            self.inform(self.tr("从 Excel 导回"), self.tr("文件与数据库一致，没有需要导入的修改。"))
            return
        # The one import preview: each row's outcome (by sheet and row), 导入 only when no row is refused.
        dialog = ImportPreviewDialog(preview, self.tr("从 Excel 导回"), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not preview.ok:
            return

        def done(changes: records.Changes) -> None:
            self._log(self.tr("已导入，写入 {n} 条记录。").format(n=len(changes.ids)))
            self.context.notify(changes, self)

        self._run(
            lambda: xlsx.commit_registers(self.db, self.context.actor, preview), done, self.tr("导入台账")
        )

    # ------------------------------------------------------------ backups
    def _backup_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        explain = QLabel(
            self.tr(
                "本软件在启动时、每天、升级前和导入数据包前自动备份（保留最近 14 天每天一份、"
                "12 个月每月一份）。恢复前会先备份当前数据库。备份用学校密钥加密：请导出恢复密钥，打印后锁好，"
                "电脑丢失或损坏时在新电脑上凭它恢复备份。"
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.backup_list = QListWidget()
        self.backup_list.setObjectName("backupList")
        layout.addWidget(self.backup_list, 1)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.restore_button = QPushButton(self.tr("从所选备份恢复…"))
        self.restore_file_button = QPushButton(self.tr("从备份文件恢复…"))
        self.key_export_button = QPushButton(self.tr("导出恢复密钥…"))
        for button in (
            self.backup_button,
            self.restore_button,
            self.restore_file_button,
            self.key_export_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.backup_button.clicked.connect(self.make_backup)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.key_export_button.clicked.connect(self.export_recovery_key)
        return tab

    def refresh_backups(self) -> None:
        self.backup_list.clear()
        if self.context.db_path is None:
            return
        for info in backup.list_backups(self.context.db_path):
            item = QListWidgetItem(info.label)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.backup_list.addItem(item)

    def make_backup(self) -> None:
        """立即备份, off the GUI thread (a five-year school's copy and seal took seconds): the online backup
        API on a read connection of its own, so the GUI's connection is never used by two threads; the
        progress dialog is window-modal, so no write starts meanwhile (and a write that did would not be
        in this consistent snapshot, nor spoil it). The copy cannot be stopped halfway: no 取消."""
        try:  # the file, not the GUI's connection: make_backup then opens a read connection of its own
            source = self.context.db_path or backup.db_file(self.db)
        except UserError as error:
            self.context.show_error(error, self)
            return

        def work(task: TaskControl) -> backup.BackupInfo:
            task.progress(0, 0, self.tr("正在备份……"))
            return backup.make_backup(source, kind="manual")

        def done(info: backup.BackupInfo) -> None:
            self.refresh_backups()
            self.inform(self.tr("备份"), self.tr("已备份：{label}").format(label=info.label))

        def failed(error: BaseException) -> None:
            self.refresh_backups()  # nothing half-made is listed; what was there still is
            self.context.show_error(error, self)

        self._while_running(
            self.backup_button,
            self.context.run_task(
                work,
                parent=self,
                title=self.tr("立即备份"),
                on_done=done,
                on_error=failed,
                cancellable=False,
            ),
        )

    def restore_selected(self) -> None:
        item = self.backup_list.currentItem()
        if item is None or self.context.db_path is None:
            self.inform(self.tr("恢复"), self.tr("请先在列表中选择一份备份。"))
            return
        self.restore_backup(Path(item.data(Qt.ItemDataRole.UserRole)))

    def restore_from_file(self) -> None:
        """A backup file from elsewhere, e.g. copied from the old PC to a new one."""
        paths = self.choose_open_paths(
            self.tr("从备份文件恢复"), self.tr("备份 (*.backup *.sqlite);;所有文件 (*)")
        )
        if paths:
            self.restore_backup(paths[0])

    def restore_backup(self, backup_path: Path) -> None:
        if self.context.db_path is None:
            return
        if self.context.actor.role != ADMIN:
            self.context.show_error(UserError(self.tr("只有管理员可以从备份恢复。")), self)
            return
        path = self.context.db_path
        lock = getattr(self.context.window, "app_lock", None)
        key = None
        preview = backup.restore_preview(path, backup_path, own_lock=lock)
        while preview.problem and preview.key_needed:
            key = self.ask_text(self.tr("恢复密钥"), self.tr("{p}。\n\n恢复密钥：").format(p=preview.problem))
            if not key:
                return
            preview = backup.restore_preview(path, backup_path, own_lock=lock, key=key)
        if preview.problem:
            self.context.show_error(
                UserError(self.tr("不能使用这份备份：{p}").format(p=preview.problem)), self
            )
            return
        # our own connection counts as "open" until we close it just before restoring
        shown = dataclasses.replace(preview, blocked=None)
        if not self.confirm(
            self.tr("从备份恢复"), "\n".join(shown.lines()) + "\n\n" + self.tr("确定恢复吗？")
        ):
            return
        self.context.db.close()
        error: UserError | None = None
        try:
            backup.restore(path, preview.backup, self.context.actor, own_lock=lock, key=key)
        except UserError as failure:
            error = failure
        db = open_db(path)
        actor = self.actor_after_restore(db)
        window = self.context.window
        if actor is None:  # nobody signed in to the restored school: it is not shown under the old name
            db.close()
            if window is not None:
                window.close()
            return
        if window is not None and hasattr(window, "set_database"):
            window.set_database(db, self.context.today, actor, path)
        else:
            self.context.db, self.context.actor = db, actor
        if error:
            self.context.show_error(error, self)
        else:
            self.inform(self.tr("恢复"), self.tr("已从备份恢复。"))

    def actor_after_restore(self, db: Database) -> Actor | None:
        """Who acts in the restored school: its accounts are the backup's, so the same account only if it is
        there and enabled (with the role it has there); otherwise sign in again, as at start-up."""
        if not users.has_accounts(db):
            return self.context.actor  # no accounts yet: as before any account existed
        try:
            return users.actor_for(db, self.context.actor.username)
        except UserError:
            from ui.login import sign_in

            return sign_in(db, None, self)

    def export_recovery_key(self) -> None:
        if self.context.actor.role not in (ADMIN, PRINCIPAL):
            self.context.show_error(UserError(self.tr("只有管理员或校长可以导出恢复密钥。")), self)
            return
        path = self.choose_save_path(
            self.tr("导出恢复密钥"), self.tr("恢复密钥.txt"), self.tr("文本文件 (*.txt)")
        )
        if path is None:
            return
        row = school.get_school(self.db)
        name = row["name"] if row else ""
        try:
            key = package.school_key(self.db)
            keys.remember(key, name)
            write_private(path, keys.recovery_sheet(key, name).encode("utf-8"))
        except UserError as error:
            self.context.show_error(error, self)
            return
        except OSError as error:
            self.context.show_error(
                UserError(self.tr("无法写入“{f}”：{e}").format(f=path.name, e=error.strerror or error)), self
            )
            return
        self.inform(
            self.tr("导出恢复密钥"),
            self.tr("已保存到“{f}”（仅本人可读）。请打印后锁好保管，然后删除这个文件。").format(f=path),
        )

    # ------------------------------------------------------------ audit
    def _audit_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("校验审计链"))
        self.verify_label = QLabel()
        self.verify_label.setObjectName("verifyResult")
        self.verify_label.setWordWrap(True)
        row.addWidget(self.verify_button)
        row.addWidget(self.verify_label, 1)
        layout.addLayout(row)
        form = QFormLayout()
        self.history_table_choice = QComboBox()
        self.history_record = QLineEdit()
        self.history_record.setPlaceholderText(self.tr("记录编号（可从 Excel 导出的“记录编号”列复制）"))
        self.history_button = QPushButton(self.tr("查看修改历史"))
        form.addRow(self.tr("表"), self.history_table_choice)
        form.addRow(self.tr("记录"), self.history_record)
        layout.addLayout(form)
        layout.addWidget(self.history_button)
        self.history_view = HistoryTable()
        layout.addWidget(self.history_view, 1)
        self.verify_button.clicked.connect(self.verify)
        self.history_button.clicked.connect(
            lambda: self.show_history(
                self.history_table_choice.currentData(), self.history_record.text().strip()
            )
        )
        return tab

    def verify(self) -> audit_verify.VerifyResult | None:
        """校验审计链 on a read connection of its own, off the GUI thread (a five-year school's chain took
        seconds), with a progress dialog whose 取消 stops it. Its result is shown when it is done; returned
        too when it is done at once (tests' synchronous tasks), else None."""

        def work(db: Database, task: TaskControl) -> audit_verify.VerifyResult:
            task.progress(0, 0, self.tr("正在校验审计链……"))
            return audit_verify.verify(db)  # 取消 interrupts its reading (PageContext.query)

        def done(result: audit_verify.VerifyResult) -> None:  # a cancelled check ends in on_cancelled
            colour = "#1a9850" if result.ok else "#b2182b"
            self.verify_label.setStyleSheet(f"color: {colour};")
            self.verify_label.setText(result.message)

        def failed(error: BaseException) -> None:
            self.verify_label.clear()
            self.context.show_error(error, self)

        self.verify_label.setStyleSheet("")
        self.verify_label.setText(self.tr("正在校验审计链……"))
        task = self.context.query(
            work,
            parent=self,
            title=self.tr("校验审计链"),
            on_done=done,
            on_error=failed,
            on_cancelled=lambda: self.verify_label.setText(self.tr("已取消校验。")),
        )
        self._while_running(self.verify_button, task)
        return None if task.is_running else task.result

    def _while_running(self, button: QPushButton, task: Task) -> None:
        """The button that started ``task`` is off until it ends: no second one at once."""
        if task.is_running:
            button.setEnabled(False)
            task.finished.connect(lambda: button.setEnabled(True))

    def show_history(self, table: str | None, record_id: str) -> list[dict]:
        """Fill the history viewer for one record (public: other pages may open a record's history)."""
        if table and self.history_table_choice.findData(table) >= 0:
            self.history_table_choice.setCurrentIndex(self.history_table_choice.findData(table))
        self.history_record.setText(record_id)
        entries = self.history_view.show_record(self.db, table, record_id)
        if table and record_id and not entries:
            self.verify_label.setText(self.tr("这条记录没有修改历史（请检查表和记录编号）。"))
        return entries

    # ------------------------------------------------------------ accounts
    def _accounts_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.accounts_table = QTableWidget(0, 4)
        self.accounts_table.setObjectName("accountsTable")
        self.accounts_table.setHorizontalHeaderLabels(
            [self.tr("用户名"), self.tr("显示名"), self.tr("角色"), self.tr("状态")]
        )
        self.accounts_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.accounts_table.horizontalHeader().setStretchLastSection(True)
        self.accounts_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        layout.addWidget(self.accounts_table, 1)
        row = QHBoxLayout()
        self.add_account_button = QPushButton(self.tr("新建账户…"))
        self.password_button = QPushButton(self.tr("设置密码…"))
        self.toggle_button = QPushButton(self.tr("停用/启用"))
        self.unlock_button = QPushButton(self.tr("解除锁定"))
        self.single_button = QPushButton(self.tr("本机免密码登录…"))
        for button in (
            self.add_account_button,
            self.password_button,
            self.toggle_button,
            self.unlock_button,
            self.single_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_account_button.clicked.connect(self.add_account)
        self.password_button.clicked.connect(self.set_password)
        self.toggle_button.clicked.connect(self.toggle_account)
        self.unlock_button.clicked.connect(
            lambda: self._account_action(lambda name: users.unlock(self.db, self.context.actor, name))
        )
        self.single_button.clicked.connect(self.set_single_user)
        return tab

    def refresh_accounts(self) -> None:
        accounts = users.list_accounts(self.db) if "accounts" in self.db.table_names() else []
        single = users.single_user(self.db)
        self.accounts_table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            state = [self.tr("正常") if account.active else self.tr("已停用")]
            if account.locked_until:
                state.append(
                    self.tr("锁定至 {t}").format(t=clock.local_text(account.locked_until, seconds=False))
                )
            if account.username == single:
                state.append(self.tr("本机免密码"))
            for column, text in enumerate(
                [account.username, account.display_name, account.role_name, "，".join(state)]
            ):
                self.accounts_table.setItem(row, column, QTableWidgetItem(text))
        admin = self.context.actor.role == ADMIN
        for button in (self.add_account_button, self.toggle_button, self.unlock_button, self.single_button):
            button.setEnabled(admin)

    def selected_username(self) -> str | None:
        row = self.accounts_table.currentRow()
        item = self.accounts_table.item(row, 0) if row >= 0 else None
        return item.text() if item else None

    def _account_action(self, action) -> None:
        name = self.selected_username()
        if name is None:
            self.inform(self.tr("账户"), self.tr("请先在列表中选择一个账户。"))
            return
        try:
            action(name)
        except UserError as error:
            self.context.show_error(error, self)
        self.refresh_accounts()

    def add_account(self) -> None:
        username = self.ask_text(self.tr("新建账户"), self.tr("用户名"))
        if not username:
            return
        roles = list(ROLE_NAMES)
        role_name, ok = QInputDialog.getItem(
            self, self.tr("新建账户"), self.tr("角色"), [ROLE_NAMES[r] for r in roles], 2, False
        )
        if not ok:
            return
        password = self.ask_text(self.tr("新建账户"), self.tr("初始密码（至少 6 个字符）"), password=True)
        if password is None:
            return
        try:
            users.add_account(
                self.db,
                self.context.actor,
                username,
                password,
                roles[[ROLE_NAMES[r] for r in roles].index(role_name)],
            )
        except UserError as error:
            self.context.show_error(error, self)
        self.refresh_accounts()

    def set_password(self) -> None:
        name = self.selected_username() or self.context.actor.username
        old = None
        if self.context.actor.role != ADMIN:
            old = self.ask_text(self.tr("设置密码"), self.tr("原密码"), password=True)
            if old is None:
                return
        new = self.ask_text(self.tr("设置密码"), self.tr("“{name}”的新密码").format(name=name), password=True)
        if new is None:
            return
        try:
            users.set_password(self.db, self.context.actor, name, new, old)
        except UserError as error:
            self.context.show_error(error, self)
            return
        self.inform(self.tr("设置密码"), self.tr("已修改密码。"))

    def toggle_account(self) -> None:
        def toggle(name: str) -> None:
            users.update_account(
                self.db, self.context.actor, name, active=not users.get_account(self.db, name).active
            )

        self._account_action(toggle)

    def set_single_user(self) -> None:
        name = self.selected_username()
        if name and self.confirm(
            self.tr("本机免密码登录"),
            self.tr("允许本机不输入密码直接以“{name}”登录吗？只适合一人专用的电脑。").format(name=name),
        ):
            self._account_action(lambda n: users.set_single_user(self.db, self.context.actor, n))
        elif users.single_user(self.db) and self.confirm(
            self.tr("本机免密码登录"), self.tr("取消本机免密码登录吗？")
        ):
            try:
                users.set_single_user(self.db, self.context.actor, None)
            except UserError as error:
                self.context.show_error(error, self)
            self.refresh_accounts()

    # ------------------------------------------------------------ all
    def refresh(self) -> None:
        self.history_table_choice.clear()
        for table in audit.record_tables(self.db):
            self.history_table_choice.addItem(tables.label(table), table)
        self.refresh_backups()
        self.refresh_accounts()
        self.refresh_audiences()
        school_wide = self.context.actor.is_school_wide
        self.key_export_button.setEnabled(self.context.actor.role in (ADMIN, PRINCIPAL))
        self.export_setup_button.setEnabled(school_wide)
        self.import_button.setEnabled(self.context.actor.role != "supervisor")
        self.xlsx_import_button.setEnabled(self.context.actor.role != "supervisor")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()
