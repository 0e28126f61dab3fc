"""The charts of the HTML reports (private): matplotlib drawing SVG with its text kept as text.

Each function takes what it draws (labels already in the reader's language, values, and the text
of each value) and returns one ``<svg>`` element to put inline in a page: no XML prologue, no
metadata, no width or height (a ``viewBox`` only, so that the page sizes it), nothing fetched.

Text stays text (``svg.fonttype = "none"``): the browser shapes the Persian with the page's font
(Vazirmatn). Matplotlib lays the text out with the metrics of the same font, read from the TrueType
file bundled beside the page's woff2 files, so that labels are given the room they take. Persian
charts are mirrored: the bars grow from right to left and the labels stand on the right.

The output is byte-identical from run to run (fixed ids, no date), as the docs' samples require.
It needs matplotlib (the extra ``html``), imported by the functions that draw.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from citizenrights.vocabulary import Lang, number

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Band", "Bar", "bar_chart", "paired_chart", "share_chart"]

FONT_FAMILY = "Vazirmatn"
_TTF = "Vazirmatn-Regular.ttf"

#: Colours of the grades and of the charts (accessible on white; the bands are drawn lighter).
GRADE_COLOURS = {
    "excellent": "#1a7f37",
    "good": "#4c9f38",
    "acceptable": "#c99a06",
    "needs_improvement": "#e0702a",
    "poor": "#c62828",
    "none": "#8c959f",
}
INK = "#24292f"
MUTED = "#57606a"
PRIMARY = "#0b5cad"
SECONDARY = "#9fc3e7"

#: The charts' width in inches: 900 CSS pixels at the page's widest, so 10 pt text shows at 13 px.
WIDTH = 9.4

#: Names longer than this many characters are wrapped over two lines on a chart.
WRAP = 38


@attrs.frozen
class Bar:
    """One bar: its label, its value (``None`` draws no bar), the text shown at its end, colour."""

    label: str
    value: float | None
    text: str
    colour: str = PRIMARY
    marker: float | None = None


@attrs.frozen
class Band:
    """A band drawn behind the bars from ``low`` to ``high`` on the value axis, named ``label``."""

    low: float
    high: float
    label: str
    colour: str


_KEEP = ExitStack()


@cache
def _font_file() -> str:
    # Registered once per process: matplotlib measures the text with the font the page shows.
    from matplotlib import font_manager

    path = resources.files("citizenrights") / "data" / "fonts" / _TTF
    # A real file for as long as the process runs (a copy only if the package is zipped).
    real = _KEEP.enter_context(resources.as_file(path))
    font_manager.fontManager.addfont(str(real))
    return str(real)


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    _font_file()
    with matplotlib.rc_context(
        {
            "font.family": FONT_FAMILY,
            "font.size": 10,
            "svg.fonttype": "none",
            "svg.hashsalt": "citizenrights",
            "axes.edgecolor": "#d0d7de",
            "axes.labelcolor": INK,
            "xtick.color": MUTED,
            "ytick.color": INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.unicode_minus": False,
        }
    ):
        yield


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_SIZE = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')
_NAMESPACES = re.compile(r' xmlns(:xlink)?="[^"]*"')


def _svg(figure: Figure, title: str) -> str:
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    text = _PROLOGUE.sub("", out.getvalue(), count=1)
    text = _METADATA.sub("", text, count=1)
    # The page sizes the chart: a viewBox only. Inline SVG in HTML needs no namespace URLs.
    text = _SIZE.sub(r"<svg\1", text, count=1)
    text = _NAMESPACES.sub("", text)
    return text.replace(
        "<svg", f'<svg class="chart" role="img" aria-label="{escape(title)}"', 1
    ).strip()


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, WRAP)) if len(label) > WRAP else label


def _ticks(ax: Axes, lang: Lang, *, integer: bool = False) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    def fmt(value: float, _pos: Any) -> str:
        return number(int(value) if float(value).is_integer() else value, lang, 1)

    if integer:
        # Counts: whole ticks only.
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(fmt))


def _mirror(ax: Axes, lang: Lang) -> None:
    # Persian reads from the right: the bars grow leftwards and the labels stand on the right.
    if lang == "fa":
        ax.invert_xaxis()
        ax.yaxis.tick_right()
        ax.spines["left"].set_visible(False)
        ax.spines["right"].set_visible(True)
        for tick in ax.get_yticklabels():
            tick.set_horizontalalignment("left")


def bar_chart(
    bars: Sequence[Bar],
    lang: Lang,
    *,
    title: str,
    limit: float | None = None,
    bands: Sequence[Band] = (),
    marker_label: str | None = None,
) -> str:
    """Horizontal bars, the first on top, optionally over bands and with a marker on each bar.

    Args:
        bars: the bars.
        lang: the reader's language (mirrors the chart for ``fa``).
        title: what the chart shows (its accessible name; the page gives the visible caption).
        limit: the end of the value axis; by default a little past the largest value.
        bands: coloured bands behind the bars (the grades of a score), each labelled on top.
        marker_label: the legend of the markers (for example "previous period").

    Returns:
        An ``<svg>`` element.
    """
    from matplotlib.lines import Line2D

    largest = max((b.value or 0.0 for b in bars), default=0.0)
    top = limit if limit is not None else max(1.0, largest * 1.18)
    lines = sum(_wrap(b.label).count("\n") + 1 for b in bars)
    with _style():
        fig = _figure(WIDTH, 0.75 + 0.26 * lines + 0.1 * len(bars) + (0.25 if bands else 0))
        ax = fig.add_subplot()
        ys = list(range(len(bars)))
        for band in bands:
            ax.axvspan(band.low, band.high, color=band.colour, alpha=0.13, linewidth=0)
            ax.text(
                (band.low + band.high) / 2,
                1.01,
                band.label,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=8,
                color=MUTED,
            )
        values = [b.value if b.value is not None else 0.0 for b in bars]
        ax.barh(ys, values, color=[b.colour for b in bars], height=0.66)
        for y, bar in zip(ys, bars, strict=True):
            # The value stands inside the bar at its base, where no marker falls.
            inside = bar.value is not None and bar.value >= top * 0.12
            ax.text(
                top * 0.006,
                y,
                " " + bar.text + " ",
                va="center",
                ha="right" if lang == "fa" else "left",
                fontsize=9,
                color="white" if inside else INK,
            )
            if bar.marker is not None:
                ax.plot([bar.marker, bar.marker], [y - 0.4, y + 0.4], color=INK, linewidth=2.2)
        ax.set_yticks(ys, [_wrap(b.label) for b in bars])
        ax.set_xlim(0, top)
        ax.set_ylim(len(bars) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0, pad=6)
        counts = limit is None and all(float(b.value or 0).is_integer() for b in bars)
        _ticks(ax, lang, integer=counts)
        _mirror(ax, lang)
        if marker_label and any(b.marker is not None for b in bars):
            handle = Line2D([], [], marker="|", markersize=11, mew=2.2, color=INK, linestyle="none")
            fig.legend(
                [handle], [marker_label], loc="outside lower center", frameon=False, fontsize=8
            )
        return _svg(fig, title)


def paired_chart(
    labels: Sequence[str],
    before: Sequence[float | None],
    after: Sequence[float | None],
    lang: Lang,
    *,
    title: str,
    legend: tuple[str, str],
    decimals: int = 1,
    limit: float = 100.0,
) -> str:
    """Two bars for each label, ``before`` (light) and ``after`` (dark): a change between periods.

    Returns:
        An ``<svg>`` element.
    """
    from matplotlib.patches import Patch

    lines = sum(_wrap(label).count("\n") + 1 for label in labels)
    with _style():
        fig = _figure(WIDTH, 1.0 + 0.42 * lines)
        ax = fig.add_subplot()
        ys = list(range(len(labels)))
        h = 0.38
        for offset, values, colour in ((-h / 2, before, SECONDARY), (h / 2, after, PRIMARY)):
            for y, value in zip(ys, values, strict=True):
                if value is None:
                    continue
                ax.barh(y + offset, value, height=h, color=colour)
                ax.text(
                    value,
                    y + offset,
                    " " + number(value, lang, decimals) + " ",
                    va="center",
                    ha="right" if lang == "fa" else "left",
                    fontsize=9,
                    color=INK,
                )
        ax.set_yticks(ys, [_wrap(label) for label in labels])
        ax.set_xlim(0, limit)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0, pad=6)
        _ticks(ax, lang)
        _mirror(ax, lang)
        handles = [Patch(color=SECONDARY), Patch(color=PRIMARY)]
        fig.legend(
            handles, list(legend), loc="outside lower center", ncols=2, frameon=False, fontsize=8
        )
        return _svg(fig, title)


def share_chart(parts: Sequence[Bar], lang: Lang, *, title: str) -> str:
    """One bar split into parts (a whole and how it divides), with a legend of the parts.

    Each part's ``value`` is its count; its ``text`` names it with its count or share.

    Returns:
        An ``<svg>`` element.
    """
    from matplotlib.patches import Patch

    total = sum(p.value or 0.0 for p in parts)
    with _style():
        fig = _figure(WIDTH, 1.2)
        ax = fig.add_subplot()
        start = 0.0
        for part in parts:
            width = part.value or 0.0
            if width:
                ax.barh(0, width, left=start, color=part.colour, height=0.6)
            start += width
        ax.set_xlim(0, max(total, 1.0))
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        _ticks(ax, lang, integer=True)
        if lang == "fa":
            ax.invert_xaxis()
        fig.legend(
            [Patch(color=p.colour) for p in parts],
            [p.text for p in parts],
            loc="outside lower center",
            ncols=min(len(parts), 3),
            frameon=False,
            fontsize=8,
        )
        return _svg(fig, title)
