"""Shared look of the charts: figure factory, colour-blind-safe palettes, status symbols, limit lines."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from fivemgmt import fonts
from fivemgmt.percent import percent
from fivemgmt.rules import STATUS_COLORS, Status

# For series that are not statuses (grades, subjects, figures): the Okabe–Ito palette (colour-blind safe),
# then four of Tol's muted colours, so each of 12 grades has its own (with eight, 一年级 and 九年级 shared one)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PALETTE += ["#882255", "#44AA99", "#999933", "#6699CC"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p"]
LINESTYLES = ["-", "--", "-.", ":"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]
LIMIT_COLOR = "#000000"
NEUTRAL = "#0072B2"
TEXT_DARK = "#222222"
UNLOGGED_HATCH = "///"

ROW_HEIGHT = 0.3  # inches per class row in the per-class charts
WIDTH = 10.0


def symbol(status: Status) -> str:
    return status.symbol


def status_text(status: Status) -> str:
    return f"{symbol(status)} {status.label}"


def text_color_on(status: Status) -> str:
    red, green, blue = (int(STATUS_COLORS[status][i : i + 2], 16) for i in (1, 3, 5))
    return TEXT_DARK if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#FFFFFF"


def new_figure(width: float, height: float) -> Figure:
    """A Figure not tied to pyplot, with the bundled CJK font; constrained layout keeps labels inside."""
    fonts.setup_matplotlib()
    figure = Figure(figsize=(width, max(height, 2.2)), dpi=100, layout="constrained")
    figure.set_facecolor("white")
    return figure


def per_class_height(classes: int, extra: float = 1.6) -> float:
    return extra + ROW_HEIGHT * max(classes, 3)


def title(figure: Figure, text: str, subtitle: str = "") -> None:
    # The bundled font has no bold face: hierarchy comes from size and colour.
    figure.suptitle(
        text + (f"\n{subtitle}" if subtitle else ""),
        fontsize=13,
        x=0.01,
        ha="left",
        color="#000000",
        linespacing=1.5,
    )


def status_legend_handles(statuses: list[Status]) -> list[Patch]:
    return [
        Patch(
            facecolor=STATUS_COLORS[s],
            edgecolor="#666666",
            hatch=UNLOGGED_HATCH if s is Status.UNLOGGED else "",
            label=status_text(s),
        )
        for s in statuses
    ]


def limit_handle(label: str, style: str = "--") -> Line2D:
    return Line2D([], [], color=LIMIT_COLOR, linestyle=style, linewidth=1.8, label=label)


def draw_limit_segments(
    ax: Axes,
    positions: list[float],
    values: list[float | None],
    *,
    horizontal_bars: bool,
    width: float = 0.8,
    label: str,
    style: str = "--",
) -> None:
    """A short limit mark across each bar (classes of different grades have different limits)."""
    first = True
    for pos, value in zip(positions, values):
        if value is None:
            continue
        lo, hi = pos - width / 2, pos + width / 2
        kwargs = dict(
            color=LIMIT_COLOR, linestyle=style, linewidth=1.8, label=label if first else None, zorder=4
        )
        if horizontal_bars:
            ax.plot([value, value], [lo, hi], **kwargs)
        else:
            ax.plot([lo, hi], [value, value], **kwargs)
        first = False


def no_data(ax: Axes, note: str = "暂无数据") -> None:
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        note,
        ha="center",
        va="center",
        fontsize=13,
        color="#555555",
        transform=ax.transAxes,
        bbox=dict(boxstyle="round,pad=0.6", facecolor="#F5F5F5", edgecolor="#BBBBBB"),
    )


def fmt(value: float | None, unit: str = "") -> str:
    """42 → "42", 42.46 → "42.5"; None → "—" (no data is never shown as 0)."""
    if value is None:
        return "—"
    value = round(float(value), 1)
    return f"{int(value) if value.is_integer() else value}{unit}"


pct = percent  # the charts' name for it: every share is shown alike (fivemgmt.percent)


HIGHLIGHT = "#FBE3D6"  # a light vermillion behind the names of highlighted classes


def class_axis(ax: Axes, names: list[str], *, highlight: set[int] | None = None) -> None:
    """Classes top to bottom on the y axis with their full names (四年级(2)班); highlighted ones boxed."""
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(len(names) - 0.5, -0.5)
    for index, label in enumerate(ax.get_yticklabels()):
        if highlight and index in highlight:
            label.set_bbox(
                dict(facecolor=HIGHLIGHT, edgecolor=STATUS_COLORS[Status.RED], boxstyle="round,pad=0.2")
            )
    ax.tick_params(axis="y", length=0)
