"""体质测试: the annual 国家学生体质健康标准 test — entry grid, class statistics, grade/school comparison.

Tab 成绩登记: one class's students, raw results typed cell by cell (validated as typed, saved at once),
live item scores, 学年总分 and 等级. Tab 班级统计: 优秀/良好/及格/不及格 counts and rates, item averages and
the 不及格 follow-up list with each student's weakest items. Tab 年级/全校对比: classes of a grade or the
grades of the school, side by side across school years. Import/export of the national upload template and
the class's parent reports run off the GUI thread (ui.tasks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import class_names, school
from fivemgmt.fitness import loaded, names, report, store, summaries, upload, vision
from fivemgmt.fitness.scoring import grade_code_for_years, round_half_up
from fivemgmt.fitness.stats import ClassStatistics
from fivemgmt.fitness.tables import default_tables
from fivemgmt.records import Changes
from ui.models.fitness import LEVEL_COLORS, FitnessModel, FitnessRow
from ui.pages.base import PageContext
from ui.widgets.class_picker import ClassPicker
from ui.widgets.import_flow import ImportPreviewDialog
from ui.widgets.record_table import RecordTableView, fit_heading
from ui.widgets.tables import fill_table, read_only_table

LEVELS = ("优秀", "良好", "及格", "不及格")
WATCHED = frozenset(
    {
        store.RESULTS,
        "students",
        "classes",
        "terms",
        "settings",
        vision.RESULTS,
        vision.SCREENINGS,
        loaded.SETS,
    }
)
VISION_TAB = 3


def _percent(value: Any) -> str:
    return "—" if value is None else f"{value}%"


def stats_cells(label: str, year: str, stats: ClassStatistics) -> list[Any]:
    """One comparison line: counts, rates, pass rate and average total."""
    cells: list[Any] = [label, year, stats.students, stats.complete]
    for level in LEVELS:
        count = stats.level_counts.get(level, 0)
        rate = stats.level_rates.get(level)
        cells.append(f"{count}（{_percent(rate)}）" if stats.complete else "—")
    cells += [
        _percent(stats.pass_rate),
        stats.average_total if stats.average_total is not None else "—",
        stats.incomplete,
        stats.exempt,
        stats.no_table,
    ]
    return cells


COMPARE_HEADERS = [
    QT_TRANSLATE_NOOP("FitnessPage", "范围"),
    QT_TRANSLATE_NOOP("FitnessPage", "学年"),
    QT_TRANSLATE_NOOP("FitnessPage", "人数"),
    QT_TRANSLATE_NOOP("FitnessPage", "成绩完整"),
    QT_TRANSLATE_NOOP("FitnessPage", "优秀"),
    QT_TRANSLATE_NOOP("FitnessPage", "良好"),
    QT_TRANSLATE_NOOP("FitnessPage", "及格"),
    QT_TRANSLATE_NOOP("FitnessPage", "不及格"),
    QT_TRANSLATE_NOOP("FitnessPage", "及格率"),
    QT_TRANSLATE_NOOP("FitnessPage", "平均总分"),
    QT_TRANSLATE_NOOP("FitnessPage", "不完整"),
    QT_TRANSLATE_NOOP("FitnessPage", "免测"),
    QT_TRANSLATE_NOOP("FitnessPage", "无评分表"),
]


class FitnessPage(QWidget):
    title = QT_TRANSLATE_NOOP("FitnessPage", "体质健康测试")

    def __init__(self, context: PageContext) -> None:
        super().__init__()
        self.context = context
        self._stale = True
        self.last_message = ""  # the last information shown (tests read it)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        heading = QLabel(self.tr("体质健康测试"))
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("班级")))
        self.class_picker = ClassPicker()
        top.addWidget(self.class_picker)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("学年")))
        self.year_box = QComboBox()
        top.addWidget(self.year_box)
        top.addStretch(1)
        layout.addLayout(top)
        # The actions on a row of their own: with the class and year they were wider than a 1366-pixel laptop
        # in English.
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.exempt_button = QPushButton(self.tr("免测…"))
        self.import_button = QPushButton(self.tr("导入上报模板…"))
        self.export_button = QPushButton(self.tr("导出上报模板…"))
        self.report_button = QPushButton(self.tr("打印报告书…"))
        self.tables_button = QPushButton(self.tr("装入评分表…"))
        self.tables_button.setToolTip(
            self.tr(
                "初中、高中评分表未随软件提供：从文件装入官方评分表（与随软件的 item_tables.csv、bmi_bands.csv 同列），"
                "逐格检查通过后才使用。"
            )
        )
        for button in (
            self.exempt_button,
            self.import_button,
            self.export_button,
            self.report_button,
            self.tables_button,
        ):
            actions.addWidget(button)
        layout.addLayout(actions)
        self.tables_button.setVisible(context.actor.role == "admin")  # once it has its parent

        self.summary = QLabel()
        self.summary.setStyleSheet("padding: 4px 2px; font-size: 11pt;")
        layout.addWidget(self.summary)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_entry(), self.tr("成绩登记"))
        self.tabs.addTab(self._build_stats(), self.tr("班级统计"))
        self.tabs.addTab(self._build_compare(), self.tr("年级/全校对比"))
        self.tabs.addTab(self._build_vision(), self.tr("视力筛查"))

        self.class_picker.class_changed.connect(self._class_chosen)
        self.year_box.currentIndexChanged.connect(lambda _i: self.load())
        self.exempt_button.clicked.connect(self.edit_exempt)
        self.import_button.clicked.connect(self.import_template)
        self.export_button.clicked.connect(self.export_template)
        self.report_button.clicked.connect(self.print_reports)
        self.tables_button.clicked.connect(self.load_tables)
        self.tabs.currentChanged.connect(lambda _i: self._load_tab())
        context.hub.data_changed.connect(self._data_changed)
        context.selection.changed.connect(self._selection_changed)

    # ------------------------------------------------------------ widgets
    def _build_entry(self) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 4, 0, 0)
        self.model = FitnessModel(commit=self._commit)
        self.model.edit_rejected.connect(lambda message: self.context.show_error(message, self))
        self.table = RecordTableView()
        self.table.setModel(self.model)
        self.model.modelReset.connect(self._size_columns)
        layout.addWidget(self.table, 1)
        self.hint = QLabel(
            self.context.edit_hint(
                self.tr(
                    "直接输入成绩，每格修改立即保存 · Enter：下一名学生（同一项目）· Tab：下一项目 · "
                    "跑步写 3'40 或 3.40（分.秒）· 格内“9.2 · 78”表示成绩 · 得分"
                )
            )
        )
        self.hint.setStyleSheet("color: #555555;")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        return widget

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for position, column in enumerate(self.model.columns):
            if column.width:
                header.setSectionResizeMode(position, QHeaderView.ResizeMode.Interactive)
                fit_heading(header, self.model, position, column.width)
            else:
                header.setSectionResizeMode(position, QHeaderView.ResizeMode.Stretch)

    def _build_stats(self) -> QWidget:
        widget = QWidget()
        layout = QGridLayout(widget)
        levels_box = QGroupBox(self.tr("等级分布"))
        box = QVBoxLayout(levels_box)
        self.level_table = read_only_table()
        box.addWidget(self.level_table)
        items_box = QGroupBox(self.tr("各项目平均"))
        box = QVBoxLayout(items_box)
        self.item_table = read_only_table()
        box.addWidget(self.item_table)
        failing_box = QGroupBox(self.tr("不及格学生（需跟进）"))
        box = QVBoxLayout(failing_box)
        self.failing_table = read_only_table()
        box.addWidget(self.failing_table)
        layout.addWidget(levels_box, 0, 0)
        layout.addWidget(items_box, 0, 1)
        layout.addWidget(failing_box, 1, 0, 1, 2)
        layout.setRowStretch(0, 3)
        layout.setRowStretch(1, 2)
        return widget

    def _build_compare(self) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("比较")))
        self.scope_box = QComboBox()
        row.addWidget(self.scope_box)
        row.addStretch(1)
        layout.addLayout(row)
        self.compare_table = read_only_table()
        layout.addWidget(self.compare_table, 1)
        note = QLabel(
            self.tr(
                "全校：各年级按当年测试时的年级统计；年级：同一班级的学生逐年对比（去年低一个年级）。"
                "比率以成绩完整的学生为基数；未测或缺项的学生计入“不完整”，不按0分计。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        layout.addWidget(note)
        self.scope_box.currentIndexChanged.connect(lambda _i: self.load_compare())
        return widget

    def _build_vision(self) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        row = QHBoxLayout()
        self.vision_import_button = QPushButton(self.tr("导入视力筛查结果…"), widget)
        self.vision_import_button.setToolTip(
            self.tr("表头：姓名、学籍号（可选）、筛查日期、左眼裸眼视力、右眼裸眼视力（五分记录，如 4.8）")
        )
        self.vision_threshold_button = QPushButton(self.tr("确认视力不良标准…"), widget)
        self.vision_threshold_button.setVisible(self.context.actor.is_school_wide)
        row.addWidget(self.vision_import_button)
        row.addWidget(self.vision_threshold_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.vision_summary = QLabel()
        self.vision_summary.setWordWrap(True)
        layout.addWidget(self.vision_summary)
        self.vision_threshold = QLabel()
        self.vision_threshold.setWordWrap(True)
        self.vision_threshold.setStyleSheet("color: #555555;")
        layout.addWidget(self.vision_threshold)
        rates_box = QGroupBox(self.tr("各次筛查的近视率"))
        box = QVBoxLayout(rates_box)
        self.vision_rates = read_only_table()
        box.addWidget(self.vision_rates)
        students_box = QGroupBox(self.tr("学生最近一次筛查"))
        box = QVBoxLayout(students_box)
        self.vision_students = read_only_table()
        box.addWidget(self.vision_students)
        layout.addWidget(rates_box, 1)
        layout.addWidget(students_box, 2)
        self.vision_import_button.clicked.connect(self.import_vision)
        self.vision_threshold_button.clicked.connect(self.confirm_vision_threshold)
        return widget

    # ------------------------------------------------------------ selection and loading
    def school_class(self) -> school.SchoolClass | None:
        return self.class_picker.current_class()

    def school_year(self) -> str:
        return self.year_box.currentData() or store.current_school_year(self.context.db, self.context.today)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Refill the class list, school years and scope list, then the current view."""
        self._stale = False
        db = self.context.db
        self.class_picker.set_classes(
            school.list_classes(db), self.context.actor, self.context.selection.class_id
        )
        chosen = self.school_class()
        if chosen is not None and chosen.id != self.context.selection.class_id:
            self.context.selection.class_id = chosen.id
        current_year = self.year_box.currentData()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in store.school_years(db, self.context.today):
            self.year_box.addItem(self.tr("{year}学年").format(year=year), year)
        index = self.year_box.findData(current_year) if current_year else 0
        self.year_box.setCurrentIndex(max(index, 0))
        self.year_box.blockSignals(False)
        scope = self.scope_box.currentData()
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        self.scope_box.addItem(self.tr("全校各年级"), 0)
        for grade in sorted({c.grade for c in school.list_classes(db)}):
            self.scope_box.addItem(self.tr("{grade}各班").format(grade=class_names.grade_name(grade)), grade)
        if chosen is not None and scope is None:
            scope = chosen.grade
        self.scope_box.setCurrentIndex(max(self.scope_box.findData(scope), 0))
        self.scope_box.blockSignals(False)
        self.load()

    def load(self) -> None:
        school_class = self.school_class()
        writable = school_class is not None and store.can_write(self.context.actor, school_class.id)
        for button in (self.exempt_button, self.import_button):
            button.setEnabled(writable)
        self.report_button.setEnabled(school_class is not None)
        self.table.set_read_only(not writable)
        if school_class is None:
            self.model.set_class(1, [])
            self.summary.setText(self.tr("还没有班级：请先在“设置”中添加班级和学生名册。"))
            return
        self.stats, results = summaries.class_stats(
            self.context.db, school_class, self.school_year(), today=self.context.today
        )
        self.model.set_class(
            results[0].grade if results else school_class.grade, [FitnessRow.from_result(r) for r in results]
        )
        self.refresh_summary()
        self._load_tab()

    def _load_tab(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.load_stats()
        elif self.tabs.currentIndex() == 2:
            self.load_compare()
        elif self.tabs.currentIndex() == VISION_TAB:
            self.load_vision()

    def load_vision(self) -> None:
        school_class = self.school_class()
        self.vision_import_button.setEnabled(
            school_class is not None and self.context.actor.can_write_class(school_class.id)
        )
        if school_class is None:
            fill_table(self.vision_rates, [], [])
            fill_table(self.vision_students, [], [])
            return
        seen = vision.class_vision(self.context.db, school_class)
        self.vision_summary.setText(seen.message)
        self.vision_threshold.setText(seen.threshold.text if seen.threshold else "")
        unknown = self.tr("未确认标准")
        rows = []
        for s in seen.screenings:
            if s.change is None:
                change = self.tr("首次") if s.rate is not None else unknown
            else:
                change = self.tr("{sign}{n} 个百分点").format(sign="+" if s.change > 0 else "", n=s.change)
            rows.append(
                [
                    s.date.isoformat(),
                    s.screened,
                    unknown if s.poor is None else s.poor,
                    unknown if s.rate is None else f"{s.rate}%",
                    change,
                ]
            )
        fill_table(
            self.vision_rates,
            [
                self.tr("筛查日期"),
                self.tr("筛查人数"),
                self.tr("近视人数"),
                self.tr("近视率"),
                self.tr("较上次"),
            ],
            rows,
            center=True,
        )
        students = []
        for student in school.list_students(self.context.db, school_class.id):
            latest = seen.latest.get(student["id"])
            if latest is None:
                students.append(
                    [student["name"], student.get("student_no") or "", self.tr("未筛查"), "", "", ""]
                )
                continue
            if seen.threshold is None:
                verdict = unknown
            else:
                verdict = self.tr("视力不良") if vision.is_poor(latest, seen.threshold) else self.tr("正常")
            students.append(
                [
                    student["name"],
                    student.get("student_no") or "",
                    latest["date"],
                    f"{latest['left_eye']:.1f}",
                    f"{latest['right_eye']:.1f}",
                    verdict,
                ]
            )
        fill_table(
            self.vision_students,
            [
                self.tr("姓名"),
                self.tr("学籍号"),
                self.tr("筛查日期"),
                self.tr("左眼裸眼视力"),
                self.tr("右眼裸眼视力"),
                self.tr("判定"),
            ],
            students,
            center=True,
        )

    def refresh_summary(self) -> None:
        stats = self.stats
        tested = sum(1 for row in self.model.rows if row.result.tested)
        parts = [self.tr("共 {n} 人，已测 {tested} 人").format(n=stats.students, tested=tested)]
        if stats.complete:
            for level in LEVELS:
                count = stats.level_counts.get(level, 0)
                parts.append(
                    f"<span style='color:{LEVEL_COLORS[level]}'>{names.shown(level)} {count}"
                    f"（{_percent(stats.level_rates.get(level))}）</span>"
                )
            parts.append(
                self.tr("及格率 {rate} · 平均 {avg} 分").format(
                    rate=_percent(stats.pass_rate), avg=stats.average_total
                )
            )
        if stats.incomplete:
            parts.append(self.tr("成绩不完整 {n}").format(n=stats.incomplete))
        if stats.exempt:
            parts.append(self.tr("免测 {n}").format(n=stats.exempt))
        if stats.no_table:
            parts.append(
                self.tr("无评分表 {n}（本年级评分表未随软件提供，须由管理员装入；只登记成绩）").format(
                    n=stats.no_table
                )
            )
        school_class = self.school_class()
        if school_class is not None and self.model.rows:
            tables = store.scoring_tables(self.context.db)
            code = grade_code_for_years(self.model.rows[0].result.grade, tables=tables)
            if code in tables.loaded_sources:
                parts.append(self.tr("评分表：{source}").format(source=tables.loaded_sources[code]))
        self.summary.setText(" · ".join(parts))

    def load_stats(self) -> None:
        if self.school_class() is None:
            return
        stats = self.stats
        rows = [
            [names.shown(level), stats.level_counts.get(level, 0), _percent(stats.level_rates.get(level))]
            for level in LEVELS
        ]
        rows += [
            [self.tr("及格率"), "", _percent(stats.pass_rate)],
            [self.tr("平均总分"), "", stats.average_total if stats.average_total is not None else "—"],
            [self.tr("成绩不完整"), stats.incomplete, ""],
            [self.tr("免测"), stats.exempt, ""],
            [self.tr("无评分表"), stats.no_table, ""],
        ]
        fill_table(self.level_table, [self.tr("等级"), self.tr("人数"), self.tr("比例")], rows, center=True)
        items = default_tables().items
        item_rows = []
        for item in self.model.items:
            if item in ("height", "weight"):
                continue  # shown through BMI
            value = stats.item_average_values.get(item)
            info = items[item]
            shown = (
                "" if value is None else f"{round_half_up(value, info.decimals + 1 if info.decimals else 0)}"
            )
            if info.kind == "minsec" and value is not None:
                minutes, seconds = divmod(int(round_half_up(value, 0)), 60)
                shown = f"{minutes}'{seconds:02d}"
            score = stats.item_average_scores.get(item)
            item_rows.append([names.shown(items[item].name), shown, "" if score is None else score])
        fill_table(
            self.item_table,
            [self.tr("项目"), self.tr("平均成绩"), self.tr("平均得分")],
            item_rows,
            center=True,
        )
        student_names = {row.student_id: row.result.name for row in self.model.rows}
        failing = []
        for student_id, score, weakest in stats.failing:
            weak = self.tr("、").join(
                self.tr("{item} {score}分").format(item=names.shown(e.name), score=e.score) for e in weakest
            )
            failing.append([student_names.get(student_id, ""), score.total_display, weak])
        fill_table(
            self.failing_table,
            [self.tr("姓名"), self.tr("学年总分"), self.tr("最弱项目")],
            failing,
            center=True,
        )

    def load_compare(self) -> None:
        db, today = self.context.db, self.context.today
        years = [self.year_box.itemData(i) for i in range(self.year_box.count())]
        grade = self.scope_box.currentData() or 0
        groups = (
            summaries.compare_classes(db, grade, years, today=today)
            if grade
            else summaries.compare_grades(db, years, today=today)
        )
        fill_table(
            self.compare_table,
            [self.tr(header) for header in COMPARE_HEADERS],
            [stats_cells(g.label, g.school_year, g.stats) for g in groups],
            center=True,
        )
        for r, group in enumerate(groups):
            if group.class_id is None:
                for c in range(self.compare_table.columnCount()):
                    cell = self.compare_table.item(r, c)
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)

    def _class_chosen(self, school_class: school.SchoolClass) -> None:
        self.context.selection.set(class_id=school_class.id)
        self.load()

    def _selection_changed(self) -> None:
        if self.isVisible():
            self.class_picker.select(self.context.selection.class_id, emit=False)
            if self.school_class() is not None and self.school_class().id == self.context.selection.class_id:
                self.load()
        else:
            self._stale = True

    def _data_changed(self, changes: Changes, source: object) -> None:
        if source is self or not changes.tables & WATCHED:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    # ------------------------------------------------------------ saving
    def _commit(self, _row: int, old: FitnessRow, new: FitnessRow) -> FitnessRow | None:
        changed = {item: new.texts[item] for item in new.texts if new.texts[item] != old.texts.get(item)}
        changes = self.context.apply(
            lambda: store.save_result(
                self.context.db,
                self.context.actor,
                new.student_id,
                changed,
                school_year=self.school_year(),
                today=self.context.today,
            ),
            self,
        )
        if changes is None:
            return None
        return self._refreshed(new.student_id)

    def _refreshed(self, student_id: str) -> FitnessRow:
        """Re-read one student (their score changed) and the class figures."""
        self.stats, results = summaries.class_stats(
            self.context.db, self.school_class(), self.school_year(), today=self.context.today
        )
        result = next(r for r in results if r.student_id == student_id)
        self.refresh_summary()
        return FitnessRow.from_result(result)

    def current_student(self) -> FitnessRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def edit_exempt(self) -> None:
        row = self.current_student()
        if row is None:
            self.context.show_error(self.tr("请先在表格中选中一名学生。"), self)
            return
        current = row.result.score.exempt_reason if row.result.score.status == "exempt" else ""
        reason, ok = self.ask_text(
            self.tr("免测"),
            self.tr("{name} 免予测试的原因（疾病、残疾等，留空表示取消免测）：").format(name=row.result.name),
            current,
        )
        if not ok:
            return
        changes = self.context.apply(
            lambda: store.set_exempt(
                self.context.db,
                self.context.actor,
                row.student_id,
                reason,
                school_year=self.school_year(),
                today=self.context.today,
            ),
            self,
        )
        if changes is None:
            return
        position = self.model.row_for(row.student_id)
        self.model.replace_row(position, self._refreshed(row.student_id))

    # ------------------------------------------------------------ dialogs (tests patch these)
    def ask_text(self, title: str, label: str, text: str = "") -> tuple[str, bool]:
        return QInputDialog.getText(self, title, label, text=text)

    def ask_open_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择上报模板文件"), "", self.tr("Excel 文件 (*.xlsx *.xls)")
        )
        return Path(path) if path else None

    def ask_save_path(self, title: str, name: str, filter_text: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, name, filter_text)
        return Path(path) if path else None

    def ask_open_paths(self, title: str, filter_text: str) -> list[Path]:
        paths, _ = QFileDialog.getOpenFileNames(self, title, "", filter_text)
        return [Path(p) for p in paths]

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        self.last_message = text
        QMessageBox.information(self, title, text)

    # ------------------------------------------------------------ import / export / reports
    def import_template(self) -> None:
        path = self.ask_open_path()
        if path is None:
            return
        db, today, year = self.context.db, self.context.today, self.school_year()

        def checked(preview) -> None:  # noqa: ANN001 - tabular.Preview
            # The one import preview: each row's outcome, the warnings, 导入 only when no row is refused.
            title = self.tr("导入 {year} 学年体质测试成绩").format(year=year)
            if (
                ImportPreviewDialog(preview, title, self).exec() != QDialog.DialogCode.Accepted
                or not preview.ok
            ):
                return
            self.context.operation(
                lambda _task: upload.commit_import(db, self.context.actor, preview, today=today),
                self,
                title=self.tr("正在导入体质测试成绩"),
                on_done=imported,
                cancellable=False,
            )

        def imported(changes: Changes) -> None:  # every page showing the results has reloaded, this one too
            self.inform(self.tr("导入完成"), self.tr("已导入 {n} 名学生的成绩。").format(n=len(changes.ids)))

        self.context.query(
            lambda reader, _task: upload.preview_import(reader, path, school_year=year, today=today),
            title=self.tr("正在检查上报模板"),
            on_done=checked,
        )

    def load_tables(self) -> None:
        paths = self.ask_open_paths(
            self.tr("选择评分表文件（可多选：item_tables、bmi_bands、bonus_tables）"),
            self.tr("评分表文件 (*.csv *.xlsx)"),
        )
        if not paths:
            return
        db, actor, today = self.context.db, self.context.actor, self.context.today

        def done(result: loaded.LoadResult) -> None:
            self.context.notify(result.changes)  # this page reloads too
            replaced = (
                self.tr("，取代了之前装入的“{old}”").format(old="、".join(result.replaced))
                if result.replaced
                else ""
            )
            self.inform(
                self.tr("评分表已装入"),
                self.tr("已装入“{files}”（SHA-256 {sha}）：年级编号 {codes}{replaced}。").format(
                    files="、".join(result.sources),
                    sha=result.sha256,
                    codes="、".join(result.grade_codes),
                    replaced=replaced,
                ),
            )

        self.context.run_task(
            lambda _task: loaded.load(db, actor, paths, today=today),
            title=self.tr("正在检查评分表"),
            on_done=done,
            cancellable=False,
        )

    def import_vision(self) -> None:
        school_class = self.school_class()
        if school_class is None:
            return
        paths = self.ask_open_paths(self.tr("选择视力筛查结果文件"), self.tr("表格文件 (*.xlsx *.xls *.csv)"))
        if not paths:
            return
        path = paths[0]
        db, actor, today = self.context.db, self.context.actor, self.context.today

        def checked(preview) -> None:  # noqa: ANN001 - tabular.Preview
            title = self.tr("导入{name}视力筛查结果").format(name=school_class.name)
            if (
                ImportPreviewDialog(preview, title, self).exec() != QDialog.DialogCode.Accepted
                or not preview.ok
            ):
                return
            self.context.operation(
                lambda _task: vision.commit_import(db, actor, preview),
                self,
                title=self.tr("正在导入视力筛查结果"),
                cancellable=False,
            )

        self.context.query(
            lambda reader, _task: vision.preview_import(reader, path, school_class=school_class, today=today),
            title=self.tr("正在检查视力筛查结果"),
            on_done=checked,
        )

    def confirm_vision_threshold(self) -> None:
        current = vision.threshold(self.context.db)
        value, ok = self.ask_text(
            self.tr("视力不良判定标准"),
            self.tr("任一眼裸眼视力低于多少计为视力不良（五分记录，如 5.0）："),
            str(current.below) if current else "",
        )
        if not ok:
            return
        source, ok = self.ask_text(
            self.tr("视力不良判定标准的依据"),
            self.tr("请写明学校采用的文件名称和文号（必填）："),
            current.source if current else "",
        )
        if not ok:
            return
        self.context.apply(
            lambda: vision.set_threshold(
                self.context.db, self.context.actor, value, source, today=self.context.today
            ),
            self,
            shown=False,
        )

    def export_template(self) -> None:
        year = self.school_year()
        path = self.ask_save_path(
            self.tr("导出国家学生体质健康标准上报模板"),
            f"体质健康上报_{year}.xlsx",
            self.tr("Excel 文件 (*.xlsx)"),
        )
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        today = self.context.today
        self.context.query(
            lambda reader, _task: upload.export_template(reader, path, year, today=today),
            title=self.tr("正在导出上报模板"),
            on_done=lambda count: self.inform(
                self.tr("导出完成"),
                self.tr("已导出 {n} 名学生（{year} 学年）到 {path}").format(n=count, year=year, path=path),
            ),
        )

    def print_reports(self) -> None:
        school_class = self.school_class()
        if school_class is None:
            return
        year = self.school_year()
        path = self.ask_save_path(
            self.tr("保存体质健康报告书"),
            f"{school_class.name}体质健康报告书_{year}.pdf",
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        db, today = self.context.db, self.context.today
        self.context.run_task(
            lambda _task: report.class_report(db, school_class, path, year, today=today),
            title=self.tr("正在生成报告书"),
            on_done=lambda pages: self.inform(
                self.tr("报告书已生成"),
                self.tr("已生成 {n} 名学生的体质健康报告书：{path}").format(n=pages, path=path),
            ),
        )
