"""The report's charts as SVG text, drawn with matplotlib's own SVG backend (no GUI, no Agg).

Contract
--------
* :func:`svg` returns one self-contained ``<svg>`` element (no XML prolog, no DOCTYPE, no
  external reference: matplotlib embeds everything) for a :class:`~simgroup.report.content.LineChart`
  (daily means as lines, 95 % bands as shaded areas; NaN days are gaps) or a
  :class:`~simgroup.report.content.BarChart` (horizontal bars, largest on top, 95 % intervals as
  error bars, the noise level dashed).
* Text stays text (``svg.fonttype: none``): the viewer's fonts draw it, Chinese included, and it
  can be selected and searched. Element ids are seeded (``svg.hashsalt``) and the date left out,
  so the same input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import warnings
from typing import Any, cast

import matplotlib
from matplotlib.figure import Figure

from simgroup.report.content import BarChart, Chart, LineChart

__all__ = ["COLOURS", "figure", "svg"]

#: Line colours by variant or series (colour-blind-safe Okabe-Ito order).
COLOURS: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Fonts the SVG asks for: common sans-serif fonts, then CJK ones, then the viewer's default.
_FONTS = ["DejaVu Sans", "Arial", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "sans-serif"]
_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "simgroup-report",
    "font.family": "sans-serif",
    "font.sans-serif": _FONTS,
    "font.size": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _style() -> contextlib.AbstractContextManager[None]:
    """The report's matplotlib settings for the duration of a block (rcParams checks the keys)."""
    return matplotlib.rc_context(cast(Any, _RC))


def _finite(values: tuple[float, ...] | list[float]) -> list[float]:
    return [v if math.isfinite(v) else math.nan for v in values]


def _line(fig: Figure, chart: LineChart) -> None:
    ax = fig.subplots()
    for s in chart.series:
        colour = COLOURS[s.colour % len(COLOURS)]
        days = list(range(len(s.mean)))
        ax.fill_between(days, _finite(s.low), _finite(s.high), color=colour, alpha=0.18, linewidth=0)
        ax.plot(days, _finite(s.mean), color=colour, linewidth=1.6, linestyle="--" if s.dashed else "-",
                label=s.label or None)
    ax.set_title(chart.title, loc="left", fontsize=10)
    ax.set_xlabel(chart.xlabel)
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.margins(x=0)
    if any(s.label for s in chart.series) and len(chart.series) > 1:
        ax.legend(frameon=False, fontsize=8)


def _bars(fig: Figure, chart: BarChart) -> None:
    ax = fig.subplots()
    n = len(chart.labels)
    ys = list(range(n))[::-1]  # largest on top
    values = [v if math.isfinite(v) else 0.0 for v in chart.values]
    lows = [v - lo if math.isfinite(lo) else 0.0 for v, lo in zip(values, chart.lows)]
    highs = [hi - v if math.isfinite(hi) else 0.0 for v, hi in zip(values, chart.highs)]
    ax.barh(ys, values, color=COLOURS[0], height=0.6)
    ax.errorbar(values, ys, xerr=[[max(0.0, x) for x in lows], [max(0.0, x) for x in highs]],
                fmt="none", ecolor="#333333", elinewidth=1, capsize=2)
    if math.isfinite(chart.noise_level):
        ax.axvline(chart.noise_level, color=COLOURS[1], linestyle="--", linewidth=1)
    ax.set_yticks(ys, chart.labels, fontsize=8)
    ax.set_title(chart.title, loc="left", fontsize=10)
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)


def figure(chart: Chart) -> Figure:
    """The matplotlib figure of ``chart`` (not attached to any GUI)."""
    with _style():
        if isinstance(chart, BarChart):
            fig = Figure(figsize=(8.0, 1.2 + 0.28 * max(1, len(chart.labels))), layout="constrained")
            _bars(fig, chart)
        else:
            fig = Figure(figsize=(8.0, 2.7), layout="constrained")
            _line(fig, chart)
    return fig


def svg(chart: Chart, *, inline: bool = False) -> str:
    """The ``<svg>`` element of ``chart`` (see the module docstring). ``inline``: for an HTML
    page, without the namespace declarations (the HTML parser supplies them) and metadata."""
    fig = figure(chart)
    buf = io.StringIO()
    with _style(), warnings.catch_warnings():
        # A glyph the measuring font lacks (Chinese without a CJK font here) is only measured
        # approximately; the viewer's fonts draw it.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    text = re.sub(r"<!--.*?-->\s*", "", text[text.find("<svg"):], flags=re.S).strip()
    if inline:
        text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
        text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text[: text.find(">") + 1]) + text[text.find(">") + 1:]
    return text
