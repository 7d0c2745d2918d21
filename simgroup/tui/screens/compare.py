"""Compare mode: tick 2+ scenarios, run them at common random numbers in a thread worker, and see
each KPI's mean per variant with the paired difference against the baseline A (significant ones
in bold, starred), and the daily charts overlaid.

The baseline is the first ticked scenario; ticking order gives the letters A, B, C…
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Header, Label, ProgressBar, SelectionList, Static
from textual.widgets.selection_list import Selection

from simgroup.tui import runner
from simgroup.tui import format as fmt
from simgroup.tui.i18n import t
from simgroup.tui.keys import localize_bindings
from simgroup.tui.messages import JobFailed, JobFinished
from simgroup.tui.screens._job import JobScreen, run_job
from simgroup.tui.widgets.charts import ChartTabs
from simgroup.tui.widgets.compare_table import CompareTable, variant_labels
from simgroup.tui.widgets.diagnostics_list import diagnostic_text
from simgroup.tui.widgets.run_options import RunOptions

if TYPE_CHECKING:
    from simgroup.tui.app import SimgroupApp


class CompareScreen(JobScreen):
    HELP = "compare"
    PREFIX = "compare"
    BINDINGS = [
        Binding("ctrl+r", "start", "Start compare", tooltip="Run the ticked scenarios at the same seeds"),
        Binding("escape", "cancel", "Cancel", tooltip="Stop after the current replication"),
        Binding("ctrl+t", "next_chart", "Next chart", tooltip="Show the next chart"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.comparison: Any = None
        self.paths: list[Path] = []
        self._listed: list[Path] = []

    @property
    def sg(self) -> SimgroupApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="compare-top"):
            with Vertical(id="compare-side"):
                yield SelectionList[Path](id="variants")
                yield RunOptions(id="compare-options", blink=self.sg.blink)
                with Horizontal(id="compare-buttons"):
                    yield Button(t("Compare"), id="compare-start", variant="primary", compact=True)
                    yield Button(t("Cancel"), id="compare-cancel", variant="error", compact=True, disabled=True)
            with Vertical(id="compare-main"):
                with Horizontal(id="compare-progress-row"):
                    yield ProgressBar(total=1, show_eta=False, id="compare-progress")
                    yield Label(t("Tick 2 or more scenarios (space); the first ticked is the baseline A."), id="compare-status")
                yield Static("", id="compare-legend")
                yield CompareTable(id="compare-table")
        yield ChartTabs(id="compare-charts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(SelectionList).border_title = t("Variants")
        self._list_files()

    def _list_files(self) -> None:
        variants = self.query_one(SelectionList)
        variants.clear_options()
        self._listed = list(self.sg.files)
        base = self.sg.workspace if self.sg.workspace.is_dir() else self.sg.workspace.parent
        for path in self.sg.files:
            label = str(path.relative_to(base)) if path.is_relative_to(base) else path.name
            variants.add_option(Selection(label, path, False))
        if self.sg.files:
            variants.highlighted = 0

    def on_screen_resume(self) -> None:
        self.sync()

    def sync(self) -> None:
        """Pick up the app's current scenario (and other shared state)."""
        self.sg.sub_title = t("Compare")
        if self._listed != self.sg.files:
            self._list_files()
        variants = self.query_one(SelectionList)
        if not variants.selected:
            for path in self.sg.marked:
                variants.select(path)
        variants.focus()

    @on(SelectionList.SelectedChanged, "#variants")
    def _variants_changed(self) -> None:
        selected = self.query_one(SelectionList).selected
        scenario = self.sg.scenario_for(selected[0]) if selected else None
        options = self.query_one(RunOptions)
        if scenario is None:
            options.set_defaults(None, None, None)
        else:
            options.set_defaults(scenario.replications, scenario.seed, scenario.days)

    # ------------------------------------------------------------------ running

    def action_start(self) -> None:
        paths = list(self.query_one(SelectionList).selected)
        if len(paths) < 2:
            self.notify(t("Tick at least 2 scenarios to compare."), severity="warning")
            return
        try:
            options = self.query_one(RunOptions).values()
        except ValueError as exc:
            self._set_status(str(exc), error=True)
            return
        self.paths = paths
        self.worker = self._compare(self._begin(), paths, options)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self, job: int, paths: list[Path], options: dict[str, int | None]) -> None:
        run_job(self, job, lambda **kw: runner.compare_scenarios(paths, **options, **kw))

    def progress_text(self, done: int | str, total: int | str) -> str:
        return t("Comparing: replication {done}/{total}", done=done, total=total)

    def on_job_finished(self, message: JobFinished) -> None:
        if message.job != self.job:
            return
        self._set_busy(False)
        self.show(message.result)

    def on_job_failed(self, message: JobFailed) -> None:
        if message.job != self.job:
            return
        self._set_busy(False)
        text = message.error
        if message.diagnostics:
            text += "\n" + "\n".join(diagnostic_text(d).plain for d in message.diagnostics[:5])
        self._set_status(text, error=True)
        self.notify(message.error, severity="error")

    # ------------------------------------------------------------------ display

    def show(self, comparison: Any) -> None:
        self.comparison = comparison
        variants = comparison.variants
        labels = variant_labels(len(variants))
        self.query_one(CompareTable).show(comparison)
        self.query_one(ChartTabs).show_variants(variants, labels)
        confidence = _confidence(comparison)
        legend = [
            f"[b]{label}[/] = {escape(run.scenario_name)}" + (f"  ({t('baseline')})" if i == 0 else "")
            for i, (label, run) in enumerate(zip(labels, variants))
        ]
        legend += [f"[dim]{escape(note)}[/]" for note in getattr(comparison, "notes", ())]
        legend.append(f"[dim][i]{t('Italic')}[/i]: {t('god-view')}. {t('paired differences at {level} confidence, common random numbers', level=fmt.percent_level(confidence))}; "
                      f"{t('* significant: the paired interval excludes 0')}[/]")
        self.query_one("#compare-legend", Static).update("\n".join(legend))
        first = variants[0]
        self._set_status(t("Done: {n} variants, {reps} replications each, seed {seed}.", n=len(variants), reps=first.replications, seed=first.seed))
        bar = self.query_one("#compare-progress", ProgressBar)
        bar.update(total=1, progress=1)


def _confidence(comparison: Any) -> float:
    """The confidence level of the differences (Bonferroni-adjusted for 3+ variants)."""
    for diffs in comparison.differences[1:]:
        for d in diffs.values():
            return float(d.confidence)
    return float(getattr(comparison, "confidence", 0.95))
