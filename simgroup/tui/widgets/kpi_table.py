"""The KPI table of a run: name, view (observable / god-view), mean, 95 % CI, n."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from simgroup.kpis import KPI_VIEWS
from simgroup.results.stats import Summary
from simgroup.results.text import summary_cells
from simgroup.tui.i18n import kpi_label, t, view_label


def view_text(view: str) -> Text:
    """The view label; god-view is set apart (WeCom cannot show it)."""
    return Text(view_label(view), style="italic" if view == "god-view" else "")


class KpiTable(DataTable[object]):
    """``show(kpis)`` fills it; rows are keyed by KPI name."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.add_column(t("KPI"), key="kpi")
        self.add_column(t("View"), key="view")
        self.add_column(t("Mean"), key="mean")
        self.add_column(t("95% CI"), key="ci")
        self.add_column(t("n"), key="n")

    def show(self, kpis: dict[str, Summary]) -> None:
        self.clear()
        for name, s in kpis.items():
            mean, ci, n = summary_cells(name, s)
            self.add_row(
                kpi_label(name),
                view_text(KPI_VIEWS.get(name, "observable")),
                Text(mean, justify="right"),
                Text(ci, justify="right"),
                Text(n, justify="right"),
                key=name,
            )

    def cell_text(self, kpi: str, column: str) -> str:
        """The plain text shown for ``kpi`` in ``column`` (for tests and the palette)."""
        cell = self.get_cell(kpi, column)
        return cell.plain if isinstance(cell, Text) else str(cell)
