"""睡眠管理: a class grid for one date (saved cell by cell), class/grade results with the follow-up list,
monthly monitoring across classes, the school's schedule, and the questionnaire import with a remembered
column mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import class_names, school
from fivemgmt.areas import sleep
from fivemgmt.areas.base import DayResult
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.errors import UserError
from ui.models.sleep import SleepGridModel
from ui.pages.base import AreaPage, DayStatus, PageContext
from ui.widgets.date_navigator import from_qdate, to_qdate
from ui.widgets.import_flow import choose_file, run_import
from ui.widgets.record_table import RecordTableView
from ui.widgets.tables import fill_table, read_only_table, status_item


class SleepPage(AreaPage):
    title = QT_TRANSLATE_NOOP("SleepPage", "睡眠管理")
    tables = frozenset({sleep.RECORDS, sleep.SCHEDULE, "students"})
    area_key = "sleep"

    def page_title(self) -> str:
        return self.tr("睡眠管理")

    # ------------------------------------------------------------ widgets
    def build_content(self) -> QWidget:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._grid_tab(), self.tr("抽查登记"))
        self.tabs.addTab(self._results_tab(), self.tr("班级与年级结果"))
        self.tabs.addTab(self._monitoring_tab(), self.tr("月度睡眠监测"))
        self.tabs.addTab(self._schedule_tab(), self.tr("作息时间"))
        self.import_button = QPushButton(self.tr("导入问卷…"))
        self.import_button.setToolTip(
            self.tr("导入问卷星等在线问卷导出的 Excel；首次导入时对应一次列，以后自动记住")
        )
        self.import_register_button = QPushButton(self.tr("导入登记表…"))
        self.import_register_button.setToolTip(
            self.tr("导入睡眠登记表（Excel/CSV），列：{columns}；先检查，全部无误才写入").format(
                columns="、".join(c.label for c in sleep.IMPORT_COLUMNS)
            )
        )
        self.top_bar.actions.addWidget(self.import_register_button)
        self.top_bar.actions.addWidget(self.import_button)
        self.import_button.clicked.connect(lambda: self.import_questionnaire())
        self.import_register_button.clicked.connect(lambda: self.import_file())
        self.tabs.currentChanged.connect(lambda _i: self.load())
        return self.tabs

    def _grid_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("新记录来源")))
        self.source = QComboBox()
        self.source.addItems(sleep.SOURCES)
        self.source.setCurrentText(sleep.SPOT_CHECK)
        row.addWidget(self.source)
        row.addStretch(1)
        self.filled_label = QLabel()
        row.addWidget(self.filled_label)
        layout.addLayout(row)
        self.model = SleepGridModel(commit=self._commit)
        self.model.edit_rejected.connect(lambda message: self.context.show_error(message, self))
        self.table = RecordTableView(entry_columns=(self.model.BEDTIME, self.model.WAKE))
        self.table.setModel(self.model)
        # 学籍号 (G + 19 digits) is never cut off: the column follows its longest number.
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        hint = QLabel(
            self.context.edit_hint(
                self.tr(
                    "输入就寝时间 Enter 起床时间 Enter 到下一名学生（如 2110、0650）· 每格修改立即保存 · "
                    "清空两个时间即删除该生当天记录"
                )
            )
        )
        hint.setStyleSheet("color: #555555;")
        layout.addWidget(hint)
        return tab

    def _results_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.class_result = QLabel()
        self.class_result.setWordWrap(True)
        self.grade_result = QLabel()
        self.grade_result.setWordWrap(True)
        layout.addWidget(self.class_result)
        layout.addWidget(self.grade_result)
        layout.addWidget(QLabel(self.tr("需跟进的学生（多次睡眠不足或晚睡，本学期）")))
        self.follow_up = read_only_table()
        layout.addWidget(self.follow_up, 1)
        return tab

    def _monitoring_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.monitoring_label = QLabel()
        layout.addWidget(self.monitoring_label)
        self.monitoring = read_only_table()
        layout.addWidget(self.monitoring, 1)
        self.monitoring.cellDoubleClicked.connect(self._open_monitoring_class)
        return tab

    def _schedule_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.schedule_checks = read_only_table()
        layout.addWidget(self.schedule_checks, 1)
        box = QGroupBox(self.tr("填写本学期作息（校长/教导处）"))
        form = QFormLayout(box)
        self.stage = QComboBox()
        self.first_class = QTimeEdit()
        self.first_class.setDisplayFormat("HH:mm")
        self.early_arrival = QCheckBox(self.tr("要求学生提前到校参加统一的教育教学活动"))
        self.early_note = QPlainTextEdit()
        self.early_note.setMaximumHeight(48)
        self.midday = QSpinBox()
        self.midday.setRange(0, 240)
        self.midday.setSuffix(self.tr(" 分钟"))
        self.save_schedule_button = QPushButton(self.tr("保存作息"))
        form.addRow(self.tr("学段"), self.stage)
        form.addRow(self.tr("上午第一节课"), self.first_class)
        form.addRow("", self.early_arrival)
        form.addRow(self.tr("提前到校说明"), self.early_note)
        form.addRow(self.tr("午休时间"), self.midday)
        form.addRow("", self.save_schedule_button)
        boxes = QHBoxLayout()  # side by side: the page fits a 1366×768 screen
        boxes.addWidget(box, 1)
        layout.addLayout(boxes)
        # C13 of the on-site checklist is answered from this record, not from the sleep samples.
        notice_box = QGroupBox(self.tr("告知家长保证学生按时就寝（本学期）"))
        notice_form = QFormLayout(notice_box)
        self.notice_date = QDateEdit(to_qdate(self.context.today), calendarPopup=True)
        self.notice_how = QLineEdit()
        self.notice_how.setPlaceholderText(self.tr("例如 家长会、告家长书、班级群通知"))
        self.notice_status = QLabel()
        self.save_notice_button = QPushButton(self.tr("保存告知记录"))
        notice_form.addRow(self.tr("告知日期"), self.notice_date)
        notice_form.addRow(self.tr("告知方式"), self.notice_how)
        notice_form.addRow("", self.notice_status)
        notice_form.addRow("", self.save_notice_button)
        boxes.addWidget(notice_box, 1)
        self.stage.currentIndexChanged.connect(lambda _i: self._show_schedule())
        self.save_schedule_button.clicked.connect(self.save_schedule)
        self.save_notice_button.clicked.connect(self.save_notice)
        return tab

    # ------------------------------------------------------------ loading
    def load(self) -> None:
        school_class = self.school_class()
        db = self.context.db
        if school_class is None:
            self.model.set_rows([])
            return
        self.model.set_rows(sleep.class_grid(db, school_class.id, self.day()))
        can_write = self.context.actor.can_write_class(school_class.id)
        self.table.set_read_only(not can_write)
        self.import_button.setEnabled(can_write)
        self.import_register_button.setEnabled(can_write)
        self.filled_label.setText(
            self.tr("当天已登记 {n}/{total} 人").format(n=self.model.filled(), total=self.model.rowCount())
        )
        index = self.tabs.currentIndex()
        if index == 1:
            self._load_results(school_class)
        elif index == 2:
            self._load_monitoring()
        elif index == 3:
            self._load_schedule()

    def _load_results(self, school_class: school.SchoolClass) -> None:
        db = self.context.db
        result = sleep.class_results(db, school_class, self.day(), self.context.today)
        if result.grade_verdict is None:  # before the sleep notice: its reason only
            self.class_result.setText(result.verdict.reason)
            self.grade_result.setText("")
            fill_table(self.follow_up, [], [])
            return
        self.class_result.setText(
            self.tr("{name}（{start} 至 {end}）：{symbol} {reason}").format(
                name=school_class.name,
                start=result.start.isoformat(),
                end=result.end.isoformat(),
                symbol=result.verdict.status.symbol,
                reason=result.verdict.reason,
            )
            + (
                self.tr("\n平均睡眠不足（这段时间各晚的平均）：{names}").format(
                    names="、".join(result.short_students)
                )
                if result.short_students
                else ""
            )
        )
        self.grade_result.setText(
            self.tr("{grade}全年级：{symbol} {reason}").format(
                grade=class_names.grade_name(school_class.grade, school.junior_style(db)),
                symbol=result.grade_verdict.status.symbol,
                reason=result.grade_verdict.reason,
            )
        )
        rows = [
            [f.name, f.short_nights, f.late_nights, f.last_date.isoformat(), "；".join(f.details)]
            for f in result.follow_ups
        ]
        fill_table(
            self.follow_up,
            [self.tr("姓名"), self.tr("睡眠不足次数"), self.tr("晚睡次数"), self.tr("最近"), self.tr("记录")],
            rows,
        )

    def _load_monitoring(self) -> None:
        day = self.day()
        rows = []
        result = sleep.monthly_monitoring(self.context.db, day.year, day.month, self.context.today)
        done = sum(1 for r in result if r.done)
        self.monitoring_label.setText(
            self.tr("{year}年{month}月：{done}/{total} 个班已开展睡眠抽查（双击班级查看）").format(
                year=day.year, month=day.month, done=done, total=len(result)
            )
        )
        for item in result:
            rows.append(
                [
                    item.school_class.name,
                    status_item(item.verdict.status, item.verdict.status.label),
                    f"{item.sampled}/{item.class_size}",
                    "、".join(d.strftime("%m-%d") for d in item.dates),
                    item.verdict.reason,
                ]
            )
        fill_table(
            self.monitoring,
            [self.tr("班级"), self.tr("状态"), self.tr("抽查人数"), self.tr("抽查日期"), self.tr("说明")],
            rows,
        )
        self._monitoring_ids = [r.school_class.id for r in result]

    def _open_monitoring_class(self, row: int, _column: int) -> None:
        if 0 <= row < len(getattr(self, "_monitoring_ids", [])):
            self.context.selection.set(class_id=self._monitoring_ids[row])
            self.tabs.setCurrentIndex(1)

    def _load_schedule(self) -> None:
        db = self.context.db
        checks = sleep.check_schedule(db, self.day())
        fill_table(
            self.schedule_checks,
            [self.tr("学段"), self.tr("状态"), self.tr("说明"), self.tr("依据")],
            [
                [sleep.stage_name(stage), status_item(v.status, v.status.label), v.reason, v.source]
                for stage, v in checks.items()
            ],
        )
        current = self.stage.currentData()
        self.stage.blockSignals(True)
        self.stage.clear()
        for stage in checks:  # shown in the user's language, kept as the stored key (小学/初中/高中)
            self.stage.addItem(sleep.stage_name(stage), stage)
        if current in checks:
            self.stage.setCurrentIndex(self.stage.findData(current))
        self.stage.blockSignals(False)
        allowed = self.context.actor.is_school_wide
        for widget in (
            self.stage,
            self.first_class,
            self.early_arrival,
            self.early_note,
            self.midday,
            self.save_schedule_button,
            self.notice_date,
            self.notice_how,
            self.save_notice_button,
        ):
            widget.setEnabled(allowed)
        self._show_schedule()
        self._show_notice()

    def _show_notice(self) -> None:
        term = self._term()
        notice = sleep.parent_notice(self.context.db, term.id) if term else None
        if notice is None:
            self.notice_status.setText(self.tr("本学期尚未登记告知家长的记录"))
            return
        self.notice_date.setDate(to_qdate(notice.notified_on))
        self.notice_how.setText(notice.how)
        self.notice_status.setText(
            self.tr("{date} 已告知家长（{how}）").format(date=notice.notified_on.isoformat(), how=notice.how)
        )

    def save_notice(self) -> None:
        term = self._term()
        if term is None:
            self.context.show_error(self.tr("还没有学期：请先在“设置”中添加学期。"), self)
            return
        old = sleep.parent_notice(self.context.db, term.id)
        notice = sleep.ParentNotice(
            old.id if old else None, term.id, from_qdate(self.notice_date.date()), self.notice_how.text()
        )
        if (
            self.context.apply(
                lambda: sleep.save_parent_notice(self.context.db, self.context.actor, notice), self
            )
            is None
        ):
            return
        self._show_notice()

    def _term(self):  # noqa: ANN202
        return SchoolCalendar(self.context.db).current_or_last_term(self.day())

    def _show_schedule(self) -> None:
        term = self._term()
        item = sleep.schedules(self.context.db, term.id).get(self.stage.currentData() or "") if term else None
        first = item.first_class if item and item.first_class else dt.time(8, 20)
        self.first_class.setTime(QTime(first.hour, first.minute))
        self.early_arrival.setChecked(bool(item and item.early_arrival))
        self.early_note.setPlainText(item.early_arrival_note if item else "")
        self.midday.setValue(item.midday_rest_minutes or 0 if item else 0)

    def save_schedule(self) -> None:
        term = self._term()
        if term is None:
            self.context.show_error(self.tr("还没有学期：请先在“设置”中添加学期。"), self)
            return
        time = self.first_class.time()
        old = sleep.schedules(self.context.db, term.id).get(self.stage.currentData() or "")
        item = sleep.Schedule(
            old.id if old else None,
            term.id,
            self.stage.currentData() or "",
            dt.time(time.hour(), time.minute()),
            self.early_arrival.isChecked(),
            self.early_note.toPlainText().strip(),
            self.midday.value(),
        )
        if (
            self.context.apply(lambda: sleep.save_schedule(self.context.db, self.context.actor, item), self)
            is None
        ):
            return
        self._load_schedule()

    # ------------------------------------------------------------ status
    def day_status(self) -> DayStatus:
        verdict, stats = sleep.day_check(self.context.db, self.school_class(), self.day(), self.context.today)
        detail = ""
        if stats.sampled:
            detail = self.tr("当天 {n} 人 · 中位数 {median} · 最晚 {latest} 就寝").format(
                n=stats.sampled,
                median="—" if stats.median_minutes is None else sleep.duration_text(stats.median_minutes),
                latest=stats.latest_bedtime or "—",
            )
        return DayStatus(verdict, detail)

    def day_text(self, day: DayResult) -> str:
        sampled = day.figures.sampled
        return self.tr("抽查 {n} 人").format(n=sampled) if sampled else ""

    # ------------------------------------------------------------ saving
    def _commit(self, _row: int, old: sleep.GridRow, new: sleep.GridRow) -> sleep.GridRow | None:
        school_class = self.school_class()
        if school_class is None:
            return None
        if old.record_id is None and new.source == old.source:
            new.source = self.source.currentText()
        if new.bedtime is None and new.wake_time is None and new.record_id is None:
            return new  # nothing to save yet
        doubts = sleep.questionable(new.bedtime, new.wake_time)
        if doubts and (new.bedtime, new.wake_time) != (old.bedtime, old.wake_time):
            answer = QMessageBox.question(
                self,
                self.tr("请确认时间"),
                self.tr("{name}：{doubts}。\n确定按此保存吗？").format(
                    name=new.name, doubts="；".join(doubts)
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        changes = self.context.apply(
            lambda: sleep.save_grid(self.context.db, self.context.actor, school_class.id, self.day(), [new]),
            self,
        )
        if changes is None:
            return None
        refreshed = next(
            (
                r
                for r in sleep.class_grid(self.context.db, school_class.id, self.day())
                if r.student_id == new.student_id
            ),
            new,
        )
        self.filled_label.setText(
            self.tr("当天已登记 {n}/{total} 人").format(
                n=self.model.filled()
                + (1 if refreshed.record_id and not old.record_id else 0)
                - (1 if old.record_id and not refreshed.record_id else 0),
                total=self.model.rowCount(),
            )
        )
        return refreshed

    def import_file(self, path: Path | None = None) -> None:
        """The plain sleep register (日期, 班级, 姓名/学籍号, 就寝时间, 起床时间, 来源, 备注): check, confirm, write."""
        run_import(
            self,
            self.tr("导入睡眠登记表"),
            sleep.preview_import,
            sleep.commit_import,
            path,
        )

    def import_questionnaire(self, path: Path | None = None) -> QuestionnaireDialog | None:
        path = path or choose_file(self, self.tr("选择问卷导出文件"))
        if path is None:
            return None
        try:
            dialog = QuestionnaireDialog(self.context, Path(path), self)
        except UserError as error:
            self.context.show_error(error, self)
            return None
        dialog.imported.connect(lambda changes: self.context.notify(changes))  # this page reloads too
        dialog.open()
        return dialog


class QuestionnaireDialog(QDialog):
    """Map a questionnaire's columns (and answer bands) once, check, then import all matched answers."""

    imported = Signal(object)  # Changes

    FIELD_COMBOS = (
        "student_column",
        "class_column",
        "date_column",
        "bedtime_column",
        "wake_time_column",
        "hours_column",
    )

    def __init__(self, context: PageContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.path = context, path
        self.headers, self.body = sleep.read_questionnaire(path)
        remembered = sleep.saved_mapping(context.db, self.headers)
        self.remembered = remembered is not None
        self.mapping: dict[str, Any] = remembered or sleep.suggest_mapping(self.headers, self.body)
        self.preview: sleep.QuestionnairePreview | None = None
        self.setWindowTitle(self.tr("导入睡眠问卷：{name}").format(name=path.name))
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr("已按上次的列对应填好，请核对。")
            if self.remembered
            else self.tr(
                "请为每项选择问卷中的列（已按表头猜测）。选项型答案在下方表格中对应到时刻、小时数或“达标/不达标”。"
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        labels = {
            "student_column": self.tr("学生"),
            "class_column": self.tr("班级（可选）"),
            "date_column": self.tr("日期列"),
            "bedtime_column": self.tr("就寝时间"),
            "wake_time_column": self.tr("起床时间"),
            "hours_column": self.tr("睡眠时长"),
        }
        for key in self.FIELD_COMBOS:
            combo = QComboBox()
            combo.addItem(self.tr("（无）"), None)
            for header in self.headers:
                combo.addItem(header, header)
            index = combo.findData(self.mapping.get(key))
            combo.setCurrentIndex(max(index, 0))
            self.combos[key] = combo
            if key == "student_column":
                line = QHBoxLayout()
                self.student_by = QComboBox()
                self.student_by.addItem(self.tr("按姓名"), "name")
                self.student_by.addItem(self.tr("按学籍号"), "student_no")
                self.student_by.setCurrentIndex(
                    max(self.student_by.findData(self.mapping.get("student_by")), 0)
                )
                line.addWidget(combo, 1)
                line.addWidget(self.student_by)
                form.addRow(labels[key], line)
            elif key == "date_column":
                line = QHBoxLayout()
                self.fixed_date = QCheckBox(self.tr("或统一日期"))
                self.date_edit = QDateEdit(to_qdate(context.today), calendarPopup=True)
                self.date_edit.setDisplayFormat("yyyy-MM-dd")
                if self.mapping.get("date"):
                    self.fixed_date.setChecked(True)
                    self.date_edit.setDate(to_qdate(dt.date.fromisoformat(self.mapping["date"])))
                line.addWidget(combo, 1)
                line.addWidget(self.fixed_date)
                line.addWidget(self.date_edit)
                form.addRow(labels[key], line)
            else:
                form.addRow(labels[key], combo)
            if key in ("bedtime_column", "wake_time_column", "hours_column"):
                combo.currentIndexChanged.connect(lambda _i, k=key: self._column_changed(k))
        self.source = QComboBox()
        self.source.addItems(sleep.SOURCES)
        self.source.setCurrentText(self.mapping.get("source") or sleep.PARENT)
        form.addRow(self.tr("来源"), self.source)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("选项对应（值：21:30 这样的时刻；时长填小时数；或“达标”/“不达标”）")))
        self.bands = QTableWidget(0, 3)
        self.bands.setHorizontalHeaderLabels([self.tr("项目"), self.tr("问卷答案"), self.tr("对应值")])
        self.bands.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.bands, 1)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        self.result.setMaximumHeight(140)
        layout.addWidget(self.result)
        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(self.tr("检查"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        self.check_button.clicked.connect(self.run_preview)
        self.import_button.clicked.connect(self.commit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill_bands()

    def _column_changed(self, key: str) -> None:
        field = key.removesuffix("_column")
        self.mapping[f"{field}_bands"] = sleep.suggest_bands(
            self.headers, self.body, field, self.combos[key].currentData()
        )
        self._fill_bands()

    def _fill_bands(self) -> None:
        self.bands.setRowCount(0)
        for field in sleep.FIELDS:
            for answer, value in (self.mapping.get(f"{field}_bands") or {}).items():
                row = self.bands.rowCount()
                self.bands.insertRow(row)
                label = QTableWidgetItem(sleep.FIELD_LABELS[field])
                label.setData(Qt.ItemDataRole.UserRole, field)
                label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
                answer_item = QTableWidgetItem(answer)
                answer_item.setFlags(answer_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.bands.setItem(row, 0, label)
                self.bands.setItem(row, 1, answer_item)
                self.bands.setItem(row, 2, QTableWidgetItem(str(value)))
        self.bands.resizeColumnsToContents()

    def set_band(self, answer: str, value: str) -> None:
        for row in range(self.bands.rowCount()):
            if self.bands.item(row, 1).text() == answer:
                self.bands.item(row, 2).setText(value)

    def current_mapping(self) -> dict[str, Any]:
        mapping: dict[str, Any] = {key: combo.currentData() for key, combo in self.combos.items()}
        mapping["student_by"] = self.student_by.currentData()
        mapping["date"] = (
            from_qdate(self.date_edit.date()).isoformat() if self.fixed_date.isChecked() else None
        )
        if mapping["date"]:
            mapping["date_column"] = None
        mapping["source"] = self.source.currentText()
        for field in sleep.FIELDS:
            mapping[f"{field}_bands"] = None
        for row in range(self.bands.rowCount()):
            field = self.bands.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if mapping.get(f"{field}_column"):
                bands = mapping[f"{field}_bands"] = mapping[f"{field}_bands"] or {}
                bands[self.bands.item(row, 1).text()] = self.bands.item(row, 2).text().strip()
        return mapping

    def run_preview(self) -> sleep.QuestionnairePreview | None:
        self.import_button.setEnabled(False)
        try:
            self.preview = sleep.preview_questionnaire(self.context.db, self.path, self.current_mapping())
        except UserError as error:
            self.preview = None
            self.result.setPlainText(str(error))
            return None
        lines = []
        if self.preview.ok:
            counts = self.preview.counts
            lines.append(
                self.tr("可导入 {n} 行（新增 {new}，修改 {changed}，不变 {same}）。").format(
                    n=len(self.preview.rows),
                    new=counts.get("new", 0),
                    changed=counts.get("changed", 0),
                    same=counts.get("unchanged", 0),
                )
            )
            lines.append(self.preview.outcome_report())  # each row: 第 2 行 新增：…
        else:
            lines.append(self.tr("有 {n} 处错误，不能导入：").format(n=len(self.preview.errors)))
            lines.append(self.preview.error_report(30))
        if self.preview.unmatched:
            lines.append(
                self.tr("以下 {n} 行对应不到名册中的学生，不会导入：").format(n=len(self.preview.unmatched))
            )
            lines += [
                self.tr("第 {row} 行 {name}：{why}").format(row=r, name=name or "—", why=why)
                for r, name, why in self.preview.unmatched
            ]
        lines += [w for w in self.preview.warnings if not w.endswith("不会导入：") and "未能对应" not in w]
        self.result.setPlainText("\n".join(lines))
        self.import_button.setEnabled(self.preview.ok)
        return self.preview

    def commit(self) -> None:
        if self.preview is None or not self.preview.ok:
            return
        try:
            changes = sleep.commit_questionnaire(self.context.db, self.context.actor, self.preview)
        except UserError as error:
            self.context.show_error(error, self)
            return
        self.imported.emit(changes)
        self.accept()
