"""A chart: a matplotlib Figure plus what its cells and bars lead to, and export to PNG / one-page PDF."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from fivemgmt.charts.data import NavTarget

PNG_DPI = 150
# TrueType (Type 42) embedding: Chinese text in the PDF stays text (searchable, copyable), subsetted.
PDF_RC = {"pdf.fonttype": 42}


@dataclass
class Hit:
    """A clickable region of one axes, in data coordinates."""

    axes: Axes
    x0: float
    x1: float
    y0: float
    y1: float
    target: NavTarget

    def contains(self, axes: Axes, x: float, y: float) -> bool:
        return (
            axes is self.axes
            and min(self.x0, self.x1) <= x <= max(self.x0, self.x1)
            and min(self.y0, self.y1) <= y <= max(self.y0, self.y1)
        )


@dataclass(frozen=True)
class Pixels:
    """A chart drawn once (off the GUI thread): RGBA rows, zlib-compressed (charts are mostly flat colour, so a
    cached dashboard costs a few MB instead of an Agg buffer per chart)."""

    width: int
    height: int
    ratio: float  # device pixels per figure pixel
    compressed: bytes

    def rgba(self) -> bytes:
        return zlib.decompress(self.compressed)


def render(figure: Figure, ratio: float = 1.0) -> Pixels:
    """Draw a figure with Agg at ``ratio`` × its dpi (any thread: the figure is not shown anywhere yet) and
    keep no renderer: the figure's display coordinates afterwards are those of its own dpi again."""
    from matplotlib.backend_bases import FigureCanvasBase
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    dpi = figure.dpi
    canvas = FigureCanvasAgg(figure)
    figure.set_dpi(dpi * ratio)
    try:
        canvas.draw()
        width, height = canvas.get_width_height()
        pixels = Pixels(width, height, ratio, zlib.compress(canvas.buffer_rgba(), 1))  # no copy of the buffer
    finally:
        figure.set_dpi(dpi)
        FigureCanvasBase(figure)  # drops the Agg canvas and its buffer
    return pixels


@dataclass
class Chart:
    name: str  # stable key, e.g. "homework_heatmap"
    title: str  # 中文 title (also the figure's suptitle)
    figure: Figure
    area: str | None = None
    hits: list[Hit] = field(default_factory=list)
    empty: bool = False  # True: a 暂无数据 placeholder
    pixels: Pixels | None = None  # drawn by :meth:`render` (the dashboard does it in its worker)

    def render(self, ratio: float = 1.0) -> Pixels:
        if self.pixels is None or self.pixels.ratio != ratio:
            self.pixels = render(self.figure, ratio)
        return self.pixels

    def target_at(self, axes: Axes | None, x: float | None, y: float | None) -> NavTarget | None:
        """What a click at data coordinates (x, y) of axes leads to (None: nothing there)."""
        if axes is None or x is None or y is None:
            return None
        for hit in self.hits:
            if hit.contains(axes, x, y):
                return hit.target
        return None

    def add_hit(self, axes: Axes, x0: float, x1: float, y0: float, y1: float, target: NavTarget) -> None:
        self.hits.append(Hit(axes, x0, x1, y0, y1, target))

    def texts(self) -> list[str]:
        return figure_texts(self.figure)

    def png_bytes(self, dpi: int = PNG_DPI) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def save(self, path: Path | str, dpi: int = PNG_DPI) -> Path:
        """PNG or a one-page PDF, by the file's suffix."""
        from fivemgmt.files import save_with

        path = Path(path)
        if path.suffix.lower() == ".pdf":
            save_pdf([self], path)
        else:
            save_with(path, lambda stream: self.figure.savefig(stream, format="png", dpi=dpi))
        return path


@dataclass(frozen=True)
class Region:
    """Where a click on a drawn chart leads, in its image's pixels (at the figure's own dpi, from the top left)."""

    left: float
    top: float
    right: float
    bottom: float
    target: NavTarget


@dataclass
class Drawn:
    """A chart drawn once and let go of: its image, its click regions, and how to build its figure again (for
    an export). The dashboard keeps these instead of figures, whose artists and text layouts cost megabytes."""

    name: str
    title: str
    area: str | None
    empty: bool
    width: int  # the image's size at the figure's own dpi (what the page lays out)
    height: int
    pixels: Pixels
    regions: list[Region]
    rebuild: Callable[[], Chart]

    def target_at(self, x: float, y: float) -> NavTarget | None:
        return next(
            (r.target for r in self.regions if r.left <= x <= r.right and r.top <= y <= r.bottom), None
        )

    def chart(self) -> Chart:
        """The chart with its figure, built again from the same numbers (export, copy)."""
        return self.rebuild()


def draw(chart: Chart, ratio: float, rebuild: Callable[[], Chart]) -> Drawn:
    """Draw a chart (any thread) and keep only its image and where its cells and bars are."""
    pixels = chart.render(ratio)
    figure = chart.figure
    width, height = (int(v) for v in figure.get_size_inches() * figure.dpi)
    regions = []
    for hit in chart.hits:
        (x0, y0), (x1, y1) = hit.axes.transData.transform([(hit.x0, hit.y0), (hit.x1, hit.y1)])
        box = hit.axes.bbox  # a bar drawn past its axes is clicked only inside them
        left, right = max(min(x0, x1), box.x0), min(max(x0, x1), box.x1)
        low, high = max(min(y0, y1), box.y0), min(max(y0, y1), box.y1)
        if left <= right and low <= high:
            regions.append(
                Region(left, figure.bbox.height - high, right, figure.bbox.height - low, hit.target)
            )
    chart.pixels = None
    return Drawn(chart.name, chart.title, chart.area, chart.empty, width, height, pixels, regions, rebuild)


def save_pdf(charts: list[Chart], path: Path | str) -> Path:
    """One page per chart, each page the chart's own size."""
    # imported here: the PDF backend (and fontTools) would cost the app's start-up half a second
    from matplotlib.backends.backend_pdf import PdfPages

    from fivemgmt.files import safe_write

    path = Path(path)
    with (
        safe_write(path) as stream,
        matplotlib.rc_context(PDF_RC),
        PdfPages(stream, metadata={"Title": "五项管理周报图表", "Creator": "fivemgmt"}) as pdf,
    ):
        for chart in charts:
            pdf.savefig(chart.figure)
    return path


def figure_texts(figure: Figure) -> list[str]:
    """Every piece of text drawn in a figure (titles, labels, ticks, legends, annotations)."""
    from matplotlib.text import Text

    return [t.get_text() for t in figure.findobj(Text) if t.get_text() and t.get_visible()]
