"""The comparison table: per KPI, each variant's mean and the paired difference against A."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from simgroup.kpis import KPI_NAMES, KPI_VIEWS
from simgroup.results.text import value, variant_letters
from simgroup.tui.format import difference_cell
from simgroup.tui.i18n import kpi_label, t

if TYPE_CHECKING:
    from simgroup.experiment.compare import Comparison


class CompareTable(DataTable[object]):
    """``show(comparison)``: rows keyed by KPI (god-view KPIs in italics); columns ``mean-A``,
    ``mean-B``…, ``diff-B``…"""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def show(self, comparison: Comparison) -> None:
        variants = comparison.variants
        labels = variant_letters(len(variants))
        self.clear(columns=True)
        self.add_column(t("KPI"), key="kpi")
        for label in labels:
            self.add_column(f"{t('Mean')} {label}", key=f"mean-{label}")
        for label in labels[1:]:
            self.add_column(t("{label} − A", label=label), key=f"diff-{label}")
        for name in KPI_NAMES:
            god_view = KPI_VIEWS.get(name) == "god-view"
            cells: list[object] = [Text(kpi_label(name), style="italic" if god_view else "")]
            for run in variants:
                cells.append(Text(value(name, run.kpis[name].mean), justify="right"))
            for i in range(1, len(variants)):
                diff = comparison.differences[i][name]
                style = "bold" if diff.significant else "dim"
                # left-aligned: where the table is wider than the terminal (80 columns) the cut
                # falls on the interval's end, never on the difference itself
                cells.append(Text(difference_cell(name, diff), style=style, justify="left"))
            self.add_row(*cells, key=name)

    def cell_text(self, kpi: str, column: str) -> str:
        cell = self.get_cell(kpi, column)
        return cell.plain if isinstance(cell, Text) else str(cell)
