"""Charts of daily series: a plotext plot with its legend below it, and the four of them in tabs.

A :class:`BandChart` draws lines (mean per simulated day) and, where it fits (at least 8 rows
of plot and an interval known for some day), the 95 % band as two dotted lines. The legend is a
Textual label, not plotext's, so Chinese names keep their width; the title is the border title.
Points that are not finite are left out (a line never dives to a made-up zero).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from simgroup.tui.i18n import t
from simgroup.tui.summary import CHARTS, Band, chart_bands

if TYPE_CHECKING:
    from simgroup.results.report import RunResult

#: plotext colour names for lines, in order, and their terminal colour numbers (for the legend).
PALETTE: tuple[tuple[str, int], ...] = (
    ("cyan+", 14), ("orange+", 11), ("magenta+", 13), ("green+", 10), ("red+", 9), ("blue+", 12),
)
BAND_COLOUR = ("gray", 8)
MIN_BAND_ROWS = 8


@dataclass(frozen=True)
class Line:
    label: str
    band: Band
    colour: int = 0  # index into PALETTE


def _finite(xs: list[int], ys: list[float]) -> tuple[list[int], list[float]]:
    pairs = [(x, y) for x, y in zip(xs, ys) if math.isfinite(y)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


class BandChart(Vertical):
    """One chart: plot, then legend. ``show(title, lines)`` replaces what it draws."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="band-chart")
        self.lines: list[Line] = []
        self.with_band = True

    def compose(self) -> ComposeResult:
        yield PlotextPlot()
        yield Static("", classes="legend")

    def show(self, title: str, lines: list[Line], *, with_band: bool = True) -> None:
        self.border_title = title
        self.lines = lines
        self.with_band = with_band
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        band_fits = self.with_band and plot.size.height >= MIN_BAND_ROWS
        drew_band = False
        for line in self.lines:
            colour = PALETTE[line.colour % len(PALETTE)][0]
            if band_fits and line.band.has_interval:
                for bound in (line.band.lo, line.band.hi):
                    xs, ys = _finite(line.band.days, bound)
                    if xs:
                        plt.plot(xs, ys, marker="dot", color=BAND_COLOUR[0])
                        drew_band = True
            xs, ys = _finite(line.band.days, line.band.mean)
            if xs:
                plt.plot(xs, ys, marker="braille", color=colour)
        days = max((len(line.band.days) for line in self.lines), default=0)
        if days:
            step = max(1, math.ceil(days / 7))
            plt.xticks(list(range(1, days + 1, step)))
        plt.xlabel(t("day"))
        plot.refresh()
        self.query_one(".legend", Static).update(self._legend(drew_band))

    def _legend(self, drew_band: bool) -> Text:
        if not self.lines:
            return Text(t("No run yet."), style="dim")
        text = Text()
        for line in self.lines:
            if text:
                text.append("  ")
            text.append("━━ ", style=f"color({PALETTE[line.colour % len(PALETTE)][1]})")
            text.append(line.label)
        if drew_band:
            text.append("  ")
            text.append("•• ", style=f"color({BAND_COLOUR[1]})")
            text.append(t("95% CI"))
        return text


def chart_titles() -> dict[str, str]:
    return {
        "members": t("Members"),
        "muted": f"{t('Muted / folded')} {t('(god-view)')}",
        "speakers": t("Speakers"),
        "money": t("Cumulative GMV / profit"),
    }


def tab_titles() -> dict[str, str]:
    """Short titles for the tabs (the chart's border title says the rest)."""
    return {"members": t("Members"), "muted": t("Muted / folded"), "speakers": t("Speakers"), "money": t("GMV / profit")}


SERIES_LABELS = {
    "member_total": "Members",
    "muted": "Muted",
    "folded": "Folded",
    "member_has_msg": "Speakers",
    "gmv_cum": "GMV",
    "profit_cum": "Profit",
}


class ChartTabs(Vertical):
    """The four charts of docs/tui.md (members, muted/folded, speakers, cumulative GMV and
    profit), one tab each; ``next_chart()`` cycles through them."""

    def compose(self) -> ComposeResult:
        titles = tab_titles()
        with TabbedContent(id=f"{self.id}-tabs"):
            for chart_id in CHARTS:
                with TabPane(titles[chart_id], id=f"{self.id}-{chart_id}"):
                    yield BandChart(id=f"chart-{chart_id}")

    def chart(self, chart_id: str) -> BandChart:
        return self.query_one(f"#chart-{chart_id}", BandChart)

    def next_chart(self) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [f"{self.id}-{c}" for c in CHARTS]
        current = ids.index(tabs.active) if tabs.active in ids else -1
        tabs.active = ids[(current + 1) % len(ids)]

    def show_run(self, run: RunResult, scope: str = "all") -> None:
        """One run: every series of each chart, with its band."""
        bands = chart_bands(run, scope)
        titles = chart_titles()
        for chart_id, series in CHARTS.items():
            lines = [Line(t(SERIES_LABELS[s]), bands[s], i) for i, s in enumerate(series)]
            self.chart(chart_id).show(titles[chart_id], lines)

    def show_variants(self, runs: Sequence[RunResult], labels: list[str]) -> None:
        """Several runs overlaid: one line per variant (the first series of each chart, profit
        for the money chart); no bands, which would hide the differences."""
        titles = chart_titles()
        titles["muted"] = f"{t('Muted')} {t('(god-view)')}"
        titles["money"] = t("Cumulative profit")
        all_bands = [chart_bands(run) for run in runs]
        for chart_id, series in CHARTS.items():
            name = "profit_cum" if chart_id == "money" else series[0]
            lines = [Line(label, bands[name], i) for i, (label, bands) in enumerate(zip(labels, all_bands))]
            self.chart(chart_id).show(titles[chart_id], lines, with_band=False)

    def clear(self) -> None:
        titles = chart_titles()
        for chart_id in CHARTS:
            self.chart(chart_id).show(titles[chart_id], [])
