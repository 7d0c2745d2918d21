"""Run mode: choose replications / seed / days, run in a thread worker with a progress bar, cancel,
and see the KPI table (with CIs, observable vs god-view) and the four daily charts.

The worker posts :mod:`~simgroup.tui.messages` only; each run has a job number and messages of
an older job are ignored. A bad scenario, bad options or an engine error is shown in the status
line (and the scenario's problems under it); the app keeps running.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Label, ProgressBar, Select, Static

from simgroup._api import simulate
from simgroup.tui.i18n import t
from simgroup.tui.keys import localize_bindings
from simgroup.tui.screens._job import JobScreen, run_job
from simgroup.tui.widgets.charts import ChartTabs
from simgroup.tui.widgets.kpi_table import KpiTable
from simgroup.tui.widgets.mode_bar import ModeBar
from simgroup.tui.widgets.run_options import RunOptions, RunValues

if TYPE_CHECKING:
    from simgroup.results.report import RunResult
    from simgroup.tui.app import SimgroupApp


def _mtime(path: Path | None) -> float | None:
    try:
        return path.stat().st_mtime_ns if path is not None else None
    except OSError:
        return None


class RunScreen(JobScreen):
    HELP = "run"
    PREFIX = "run"
    BINDINGS = [
        Binding("ctrl+r", "start", "Start run", tooltip="Run the scenario with these options"),
        Binding("f7", "sensitivity", "Sensitivity", tooltip="Which assumptions drive a KPI of this scenario"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.path: Path | None = None
        self.result: RunResult | None = None
        self._mtime: float | None = None  # of the file when it was last shown
        self._job_path: Path | None = None  # the file the running (or last) job runs

    @property
    def sg(self) -> SimgroupApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield ModeBar(self.HELP)
        yield Label("", id="run-scenario")
        with Horizontal(id="run-controls"):
            yield RunOptions(id="run-options", blink=self.sg.blink)
            yield Button(t("Run"), id="run-start", variant="primary", compact=True)
            yield Button(t("Cancel"), id="run-cancel", variant="error", compact=True, disabled=True)
        with Horizontal(id="run-progress-row"):
            yield Label(t("Scope"), classes="option-label")
            yield Select([(t("All groups"), "all")], value="all", allow_blank=False, id="run-scope", compact=True)
            yield ProgressBar(total=1, show_eta=False, id="run-progress")
            yield Label(t("Ready. Press Ctrl+R to run."), id="run-status")
        yield Static("", id="run-problems", classes="problems")
        # Side by side when the terminal is large; stacked and scrolled when it is narrow or short.
        with VerticalScroll(id="run-body", can_focus=False):
            yield KpiTable(id="kpis")
            yield ChartTabs(id="charts")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        self.sync()

    def sync(self) -> None:
        """Pick up the app's current scenario (and other shared state): another file, or this
        one changed on disk since (fixed in Edit, say), is shown afresh, its old problems gone."""
        self.sg.sub_title = t("Run")
        if self.sg.current != self.path:
            self._set_scenario(self.sg.current)
        elif self.path is not None and _mtime(self.path) != self._mtime and not self.running:
            self.sg.forget(self.path)  # changed by another program too: check it again
            self._set_scenario(self.path)

    def _set_scenario(self, path: Path | None) -> None:
        self.path = path
        self._mtime = _mtime(path)
        scenario = self.sg.scenario_for(path) if path is not None else None
        title = t("No scenario open: pick one in Browse (F2).") if path is None else str(path)
        if scenario is not None:
            title = f"{scenario.name}  ({path})"
        self.query_one("#run-scenario", Label).update(Text(title))
        options = self.query_one(RunOptions)
        if scenario is not None:
            options.set_defaults(scenario.replications, scenario.seed, scenario.days)
            scopes = [(t("All groups"), "all")] + [(t("Group spec {id}", id=g.id), g.id) for g in scenario.groups]
            self.query_one("#run-scope", Select).set_options(scopes)
        result = self.sg.results.get(path) if path is not None else None
        if self.running:
            pass  # the job in progress reports how it ends
        elif result is not None:
            self._idle(self._done_text(result))
        elif path is not None and scenario is None and self.sg.diagnostics.get(path):
            self._idle(t("The scenario has problems:"))
            self._show_problems(self.sg.diagnostics[path])  # the file's problems now, not a run's
        else:
            self._idle(t("Ready. Press Ctrl+R to run."))
        if result is not None:
            self._show(result)
        else:
            self.result = None
            self.query_one(KpiTable).clear()
            self.query_one(ChartTabs).clear()

    # ------------------------------------------------------------------ running

    def action_start(self) -> None:
        if self.path is None:
            self.notify(t("No scenario open: pick one in Browse (F2)."), severity="warning")
            return
        try:
            options = self.query_one(RunOptions).values()
        except ValueError as exc:
            self._set_status(str(exc), error=True)
            return
        if self.path in self.sg.buffers:
            self.notify(t("Running the saved file: the editor holds unsaved changes (Ctrl+S in Edit)."), severity="warning")
        self._job_path = self.path
        self.worker = self._simulate(self._begin(), self.path, options)

    def action_sensitivity(self) -> None:
        """Open the Sensitivity view on this scenario (the KPI table's selected KPI, else profit)."""
        from simgroup.tui.screens.sensitivity import SensitivityScreen

        scenario = self.sg.scenario_for(self.path) if self.path is not None else None
        if self.path is None or scenario is None:
            self.notify(t("No valid scenario open: pick one in Browse (F2)."), severity="warning")
            return
        self.app.push_screen(SensitivityScreen(self.path, scenario.name))

    @work(thread=True, exclusive=True, group="run", exit_on_error=False)
    def _simulate(self, job: int, path: Path, options: RunValues) -> None:
        run_job(self, job, lambda **kw: simulate(path, **options, **kw))

    def progress_text(self, done: int | str, total: int | str) -> str:
        return t("Running: replication {done}/{total}", done=done, total=total)

    def show_result(self, result: RunResult) -> str:
        if self._job_path is not None:
            self.sg.results[self._job_path] = result
        if self._job_path == self.path:  # not another file picked while it ran
            self._show(result)
        return self._done_text(result)

    @staticmethod
    def _done_text(result: RunResult) -> str:
        return t("Done: {reps} replications, seed {seed}, {days} days.", reps=result.replications, seed=result.seed,
                 days=result.days)

    # ------------------------------------------------------------------ display

    def _show(self, run: RunResult) -> None:
        self.result = run
        scope = self.query_one("#run-scope", Select).value
        scope = scope if isinstance(scope, str) and (scope == "all" or scope in run.groups) else "all"
        self.query_one(KpiTable).show(run.kpis if scope == "all" else run.groups[scope])
        self.query_one(ChartTabs).show_run(run, scope)
        bar = self.query_one("#run-progress", ProgressBar)
        bar.update(total=run.replications, progress=run.replications)

    @on(Select.Changed, "#run-scope")
    def _scope_changed(self) -> None:
        if self.result is not None:
            self._show(self.result)
