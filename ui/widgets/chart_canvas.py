"""Show a chart built by the core (fivemgmt/charts) inside a page, as the image the core drew.

- :class:`ChartCanvas`: the chart's image at the figure's own size (``set_chart(chart)``); clicking a cell
  or bar of a :class:`fivemgmt.charts.Chart` emits ``target_clicked`` with the
  :class:`fivemgmt.charts.NavTarget` (class, area, day).
- :class:`ChartView`: the canvas with a title row and 导出 PNG / 导出 PDF / 复制图表 buttons.

Figures are built and drawn with Agg off the GUI thread (ui.tasks, ``Chart.render``): the GUI thread only
shows the image (text layout, the slow part of drawing, never blocks the window). A chart that arrives
undrawn is drawn here.
"""

from __future__ import annotations

import re
from pathlib import Path

from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fivemgmt.charts import Chart
from fivemgmt.charts.chart import Pixels


class ChartImage(QLabel):
    """The drawn chart; reports left clicks in its own pixels."""

    clicked = Signal(int, int)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            point = event.position()
            self.clicked.emit(int(point.x()), int(point.y()))
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Our charts do not zoom: the wheel belongs to the page's scroll area (a synthetic event is not
        # passed on to parents by Qt, so hand it over explicitly).
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is None:
            event.ignore()
            return
        QApplication.sendEvent(parent.viewport(), event)


class ChartCanvas(QWidget):
    """A matplotlib Figure shown as the image Agg drew, at the figure's size (scroll, don't squeeze)."""

    target_clicked = Signal(object)  # NavTarget

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.figure: Figure | None = None
        self.chart: Chart | None = None
        self.canvas: ChartImage | None = None

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self._show(chart.figure, chart.render(self._ratio()))

    def _ratio(self) -> float:
        return self.devicePixelRatioF() or 1.0

    def _show(self, figure: Figure, pixels: Pixels) -> None:
        if self.canvas is not None:
            self._layout.removeWidget(self.canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
        self.figure = figure
        self.canvas = ChartImage()
        image = QImage(pixels.rgba(), pixels.width, pixels.height, QImage.Format.Format_RGBA8888)
        image.setDevicePixelRatio(pixels.ratio)
        self.canvas.setPixmap(QPixmap.fromImage(image))  # a copy: the bytes can go
        width, height = figure.get_size_inches() * figure.dpi
        self.canvas.setFixedSize(int(width), int(height))
        self.canvas.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.canvas.clicked.connect(self._pressed)
        self._layout.addWidget(self.canvas)

    def _pressed(self, x: int, y: int) -> None:
        if self.chart is None or self.figure is None:
            return
        point = (x, self.figure.bbox.height - y)  # matplotlib's display pixels start at the bottom
        axes = self.figure.canvas.inaxes(point)
        if axes is None:
            return
        xdata, ydata = axes.transData.inverted().transform(point)
        target = self.chart.target_at(axes, xdata, ydata)
        if target is not None:
            self.target_clicked.emit(target)

    def widget_point(self, axes, x: float, y: float) -> tuple[int, int]:  # noqa: ANN001 - matplotlib Axes
        """Widget pixel of data point (x, y) in axes (tests click with it)."""
        assert self.canvas is not None and self.figure is not None
        px, py = axes.transData.transform((x, y))
        return int(px), int(self.figure.bbox.height - py)

    def png_bytes(self, dpi: int = 150) -> bytes:
        if self.chart is not None:
            return self.chart.png_bytes(dpi)
        if self.figure is None:
            return b""
        import io

        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def image(self) -> QImage:
        return QImage.fromData(self.png_bytes())


def export_name(title: str, period: str, kind: str) -> str:
    """A file name people recognise: the chart's Chinese title and its week, e.g. 五项管理周概览_…_2026-W48.png."""
    words = re.sub(r'[\\/:*?"<>|：，、\s]+', "_", title).strip("_")
    return f"{words}_{period}.{kind}" if period else f"{words}.{kind}"


class ChartView(QFrame):
    """One chart on the dashboard: title, export buttons, the canvas."""

    target_clicked = Signal(object)  # NavTarget
    exported = Signal(str)  # path written

    def __init__(self, chart: Chart, parent: QWidget | None = None, period: str = "") -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("chartView")
        self.chart = chart
        self.period = period  # e.g. 2026-W48: exported files carry it in their names
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title = QLabel(chart.title)
        self.title.setStyleSheet("font-size: 12pt;")
        header.addWidget(self.title)
        header.addStretch(1)
        self.png_button = QPushButton(QCoreApplication.translate("ChartCanvas", "导出 PNG…"))
        self.pdf_button = QPushButton(QCoreApplication.translate("ChartCanvas", "导出 PDF…"))
        self.copy_button = QPushButton(QCoreApplication.translate("ChartCanvas", "复制图表"))
        self.copy_button.setToolTip(
            QCoreApplication.translate("ChartCanvas", "把图表作为图片复制到剪贴板，可粘贴到 Word / 微信")
        )
        for button in (self.png_button, self.pdf_button, self.copy_button):
            header.addWidget(button)
        layout.addLayout(header)
        self.canvas = ChartCanvas()
        self.canvas.set_chart(chart)
        self.canvas.target_clicked.connect(self.target_clicked)
        layout.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignLeft)
        self.png_button.clicked.connect(lambda: self.export("png"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.copy_button.clicked.connect(self.copy)

    def export(self, kind: str, path: str | Path | None = None) -> Path | None:
        if path is None:
            suggested = export_name(self.chart.title, self.period, kind)
            filters = (
                QCoreApplication.translate("ChartCanvas", "PNG 图片 (*.png)")
                if kind == "png"
                else QCoreApplication.translate("ChartCanvas", "PDF 文件 (*.pdf)")
            )
            path, _ = QFileDialog.getSaveFileName(
                self, QCoreApplication.translate("ChartCanvas", "导出图表"), suggested, filters
            )
            if not path:
                return None
        path = Path(path)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(path.name + f".{kind}")
        try:
            self.chart.save(path)
        except OSError as error:
            from ui import tasks

            tasks.show_error(
                self, QCoreApplication.translate("ChartCanvas", "无法写入文件：{error}").format(error=error)
            )
            return None
        self.exported.emit(str(path))
        window = self.window()
        if isinstance(window, QMainWindow):  # a confirmation that does not interrupt
            window.statusBar().showMessage(
                QCoreApplication.translate("ChartCanvas", "图表已保存：{path}").format(path=path), 10_000
            )
        return path

    def copy(self) -> None:
        QApplication.clipboard().setImage(self.canvas.image())
