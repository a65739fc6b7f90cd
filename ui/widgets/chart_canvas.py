"""Show a chart built by the core (fivemgmt/charts) inside a page, as the image the core drew.

- :class:`ChartCanvas`: the chart's image at the figure's own size; ``set_drawn(drawn)`` (a
  :class:`fivemgmt.charts.chart.Drawn`, drawn off the GUI thread) or ``set_chart(chart)`` (drawn here);
  clicking a cell or bar emits ``target_clicked`` with the :class:`fivemgmt.charts.NavTarget`
  (class, area, day).
- :class:`ChartView`: the canvas with a title row and 导出 PNG / 导出 PDF / 复制图表 buttons.

The dashboard's charts are built and drawn with Agg in a worker (ui.tasks) and arrive as ``Drawn``: an image
and its click regions, no figure. Only an export or a copy builds the figure again, from the same numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent, QPixmap, QWheelEvent
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
from fivemgmt.charts.chart import Drawn, Pixels, draw, render


class ChartImage(QWidget):
    """The drawn chart; reports left clicks in its own pixels.

    Its pixmap (width × height × 4 bytes: 8 MB for a chart of 60 classes) is made from the compressed image
    when it is first painted, and :meth:`release` lets it go when the page scrolls it far out of view, so a
    dashboard holds pixmaps only for the charts around what is on the screen."""

    clicked = Signal(int, int)

    def __init__(self, pixels: Pixels, width: int, height: int) -> None:
        super().__init__()
        self.pixels = pixels
        self._pixmap: QPixmap | None = None
        self.setFixedSize(width, height)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def pixmap(self) -> QPixmap:
        if self._pixmap is None:
            pixels = self.pixels
            image = QImage(pixels.rgba(), pixels.width, pixels.height, QImage.Format.Format_RGBA8888)
            image.setDevicePixelRatio(pixels.ratio)
            self._pixmap = QPixmap.fromImage(image)  # a copy: the bytes can go
        return self._pixmap

    def has_pixmap(self) -> bool:
        return self._pixmap is not None

    def release(self) -> None:
        self._pixmap = None

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).drawPixmap(0, 0, self.pixmap())

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
    """A chart shown as the image Agg drew, at the figure's size (scroll, don't squeeze)."""

    target_clicked = Signal(object)  # NavTarget

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.drawn: Drawn | None = None
        self.canvas: ChartImage | None = None

    def set_drawn(self, drawn: Drawn) -> None:
        if self.canvas is not None:
            self._layout.removeWidget(self.canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
        self.drawn = drawn
        self.canvas = ChartImage(drawn.pixels, drawn.width, drawn.height)
        self.canvas.clicked.connect(self._pressed)
        self._layout.addWidget(self.canvas)

    def set_chart(self, chart: Chart) -> None:
        self.set_drawn(draw(chart, self._ratio(), lambda: chart))

    def _ratio(self) -> float:
        return self.devicePixelRatioF() or 1.0

    def _pressed(self, x: int, y: int) -> None:
        target = self.drawn.target_at(x, y) if self.drawn is not None else None
        if target is not None:
            self.target_clicked.emit(target)

    @staticmethod
    def widget_point(axes, x: float, y: float) -> tuple[int, int]:  # noqa: ANN001 - matplotlib Axes
        """Widget pixel of data point (x, y) in axes of a figure laid out as shown (tests click with it)."""
        px, py = axes.transData.transform((x, y))
        return int(px), int(axes.figure.bbox.height - py)

    def png_bytes(self, dpi: int = 150) -> bytes:
        return self.drawn.chart().png_bytes(dpi) if self.drawn is not None else b""

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

    def __init__(self, chart: Drawn | Chart, parent: QWidget | None = None, period: str = "") -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("chartView")
        self.drawn: Drawn | None = chart if isinstance(chart, Drawn) else None
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
        if isinstance(chart, Drawn):
            self.canvas.set_drawn(chart)
        else:
            self.canvas.set_chart(chart)
        self.drawn = self.canvas.drawn
        self.canvas.target_clicked.connect(self.target_clicked)
        layout.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignLeft)
        self.png_button.clicked.connect(lambda: self.export("png"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.copy_button.clicked.connect(self.copy)

    def export(self, kind: str, path: str | Path | None = None) -> Path | None:
        if path is None:
            suggested = export_name(self.drawn.title, self.period, kind)
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
            self.drawn.chart().save(path)  # built again from the same numbers: the page keeps no figure
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

    def figure_as_shown(self) -> Figure:
        """The chart's figure built again and laid out as the image shows it (tests click its cells by their
        data coordinates through it)."""
        figure = self.drawn.chart().figure
        render(figure, self.drawn.pixels.ratio)
        return figure
