"""Sensitivity view (F7 in Run): which assumptions drive a KPI of the scenario open in Run.

A thin view over :func:`simgroup._api.sensitivity`: choose the KPI, the method (Morris screening
or Sobol' indices), the worlds and the replications per world; the job runs in a thread worker
with progress and Esc to cancel (Esc again, or with nothing running, goes back to Run). The ranked
table and the bar chart are the ``simgroup sensitivity`` report's own rows
(:mod:`simgroup.experiment.sensitivity_text`), so the numbers are the same as on the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Input, Label, ProgressBar, Select, Static

from simgroup._api import sensitivity
from simgroup.experiment.sensitivity import DEFAULT_REPLICATIONS
from simgroup.experiment.sensitivity_text import chart_lines, header_lines, row_cells, table_header
from simgroup.kpis import KPI
from simgroup.tui.i18n import get_language, kpi_label, t
from simgroup.tui.keys import localize_bindings
from simgroup.tui.screens._job import JobScreen, run_job

if TYPE_CHECKING:
    from simgroup.experiment.sensitivity import SensitivityResult

#: Worlds by method when the field is empty: a Morris screening of 10 trajectories, 64 Sobol' base rows.
DEFAULT_WORLDS = {"morris": 10, "sobol": 64}


class SensitivityScreen(JobScreen):
    HELP = "run"
    PREFIX = "sens"
    BINDINGS = [
        Binding("ctrl+r", "start", "Start analysis", tooltip="Vary the scenario's uncertain parameters"),
        Binding("escape", "cancel_or_back", "Back", tooltip="Cancel the analysis, or go back to Run"),
        Binding("ctrl+t", "next_chart", "Next chart", show=False),  # one chart here
    ]

    def __init__(self, path: Path, name: str, kpi: str = "profit") -> None:
        super().__init__()
        localize_bindings(self)
        self.path = path
        self.scenario_name = name
        self.kpi = kpi if kpi in KPI else "profit"
        self.result: SensitivityResult | None = None

    def compose(self) -> ComposeResult:
        yield Label(Text(t("Sensitivity of {name}", name=self.scenario_name)), id="sens-title")
        with Horizontal(id="sens-controls"):
            yield Select([(f"{kpi_label(k)} ({k})", k) for k in KPI], value=self.kpi, allow_blank=False,
                         id="sens-kpi", compact=True)
            yield Select([(t("Morris screening"), "morris"), (t("Sobol' indices"), "sobol")], value="morris",
                         allow_blank=False, id="sens-method", compact=True)
        with Horizontal(id="sens-run-row"):
            yield Label(t("Worlds"), classes="option-label")
            yield Input(id="sens-worlds", type="integer", placeholder=str(DEFAULT_WORLDS["morris"]), compact=True,
                        classes="option-input", valid_empty=True)
            yield Label(t("Reps"), classes="option-label")
            yield Input(id="sens-reps", type="integer", placeholder=str(DEFAULT_REPLICATIONS), compact=True,
                        classes="option-input", valid_empty=True)
            yield Button(t("Analyse"), id="sens-start", variant="primary", compact=True)
            yield Button(t("Cancel"), id="sens-cancel", variant="error", compact=True, disabled=True)
        with Horizontal(id="sens-progress-row"):
            yield ProgressBar(total=1, show_eta=False, id="sens-progress")
            yield Label(t("Ready. Press Ctrl+R to start."), id="sens-status")
        yield Static("", id="sens-problems", classes="problems")
        with VerticalScroll(id="sens-body", can_focus=False):
            yield Static("", id="sens-header")
            yield DataTable(id="sens-table", zebra_stripes=True, cursor_type="row")
            yield Static("", id="sens-chart")
        yield Footer(compact=True)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "sens-method" and isinstance(event.value, str):
            self.query_one("#sens-worlds", Input).placeholder = str(DEFAULT_WORLDS[event.value])

    # ------------------------------------------------------------------ running

    def _options(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, field in (("worlds", "#sens-worlds"), ("replications", "#sens-reps")):
            text = self.query_one(field, Input).value.strip()
            if text:
                number = int(text)
                if number < 1:
                    raise ValueError(t("{field} must be at least 1", field=t("Worlds" if key == "worlds" else "Reps")))
                values[key] = number
        kpi, method = self.query_one("#sens-kpi", Select).value, self.query_one("#sens-method", Select).value
        values.update(kpi=kpi, method=method)
        values.setdefault("worlds", DEFAULT_WORLDS[str(method)])
        return values

    def action_start(self) -> None:
        try:
            options = self._options()
        except ValueError as exc:
            self._set_status(str(exc), error=True)
            return
        self.worker = self._analyse(self._begin(), self.path, options)

    def action_cancel_or_back(self) -> None:
        if self.running:
            self.action_cancel()
        else:
            self.dismiss()

    def action_next_chart(self) -> None:
        """One chart here: nothing to switch to."""

    @work(thread=True, exclusive=True, group="sensitivity", exit_on_error=False)
    def _analyse(self, job: int, path: Path, options: dict[str, Any]) -> None:
        run_job(self, job, lambda **kw: sensitivity(path, **options, **kw))

    def progress_text(self, done: int | str, total: int | str) -> str:
        return t("Analysing: replication {done}/{total}", done=done, total=total)

    # ------------------------------------------------------------------ display

    def show_result(self, result: SensitivityResult) -> str:
        self.result = result
        zh = get_language() == "zh"  # the last column quotes each parameter's source, in English
        header = table_header(result)
        rows = [row_cells(result, i, r) for i, r in enumerate(result.rows, 1)]
        if zh:
            header, rows = header[:-1], [r[:-1] for r in rows]
        table = self.query_one("#sens-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*header)
        for row in rows:
            table.add_row(*row)
        self.query_one("#sens-header", Static).update(Text("\n".join(header_lines(result))))
        self.query_one("#sens-chart", Static).update(Text("\n".join(chart_lines(result))))
        self.query_one("#sens-progress", ProgressBar).update(total=1, progress=1)
        return t("Done: {n} worlds, {reps} replications each.", n=result.runs, reps=result.replications)
