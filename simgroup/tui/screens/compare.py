"""Compare mode: tick 2+ scenarios, run them at common random numbers in a thread worker, and see
each KPI's mean per variant with the paired difference against the baseline A (significant ones
in bold, starred), and the daily charts overlaid.

The baseline is the first ticked scenario; ticking order gives the letters A, B, C…
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, Checkbox, DataTable, Footer, Input, Label, ProgressBar, SelectionList, Static
from textual.widgets.selection_list import Selection

from simgroup._api import RobustComparison, compare, robust_compare
from simgroup.experiment.robust import DEFAULT_WORLDS
from simgroup.experiment.robust_text import share_cell, share_ci_cell, signed_amount
from simgroup.results.text import percent_level, variant_letters
from simgroup.tui.i18n import get_language, kpi_label, t
from simgroup.tui.keys import localize_bindings
from simgroup.tui.screens._job import JobScreen, run_job
from simgroup.tui.widgets.charts import ChartTabs
from simgroup.tui.widgets.compare_table import CompareTable
from simgroup.tui.widgets.mode_bar import ModeBar
from simgroup.tui.widgets.run_options import RunOptions, RunValues

if TYPE_CHECKING:
    from simgroup.experiment.compare import Comparison
    from simgroup.tui.app import SimgroupApp


class CompareScreen(JobScreen):
    HELP = "compare"
    PREFIX = "compare"
    BINDINGS = [
        Binding("ctrl+r", "start", "Start compare", tooltip="Run the ticked scenarios at the same seeds"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.comparison: Comparison | None = None
        self.robust: RobustComparison | None = None
        self.paths: list[Path] = []
        self._listed: list[Path] = []

    @property
    def sg(self) -> SimgroupApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield ModeBar(self.HELP)
        # The picker and options beside the results, the charts below; stacked and scrolled when
        # the terminal is narrow or short.
        with VerticalScroll(id="compare-body", can_focus=False):
            with Horizontal(id="compare-top"):
                with Vertical(id="compare-side"):
                    yield SelectionList[Path](id="variants")
                    yield RunOptions(id="compare-options", blink=self.sg.blink)
                    with Horizontal(id="compare-robust-row"):
                        yield Checkbox(t("Robust"), id="compare-robust", compact=True,
                                       tooltip=t("B against A in parameter worlds drawn from the plausible ranges"))
                        yield Input(id="compare-worlds", type="integer", placeholder=str(DEFAULT_WORLDS),
                                    compact=True, classes="option-input", valid_empty=True)
                    with Horizontal(id="compare-buttons"):
                        yield Button(t("Compare"), id="compare-start", variant="primary", compact=True)
                        yield Button(t("Cancel"), id="compare-cancel", variant="error", compact=True, disabled=True)
                with Vertical(id="compare-main"):
                    with Horizontal(id="compare-progress-row"):
                        yield ProgressBar(total=1, show_eta=False, id="compare-progress")
                        yield Label(t("Tick 2 or more scenarios (space); the first ticked is the baseline A."),
                                    id="compare-status")
                    yield Static("", id="compare-problems", classes="problems")
                    yield Static("", id="compare-legend")
                    yield CompareTable(id="compare-table")
                    yield DataTable(id="robust-table", zebra_stripes=True, cursor_type="row")
                    yield Static("", id="robust-said")
            yield ChartTabs(id="compare-charts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._robust_mode(False)
        self.query_one(SelectionList).border_title = t("Variants")
        self._list_files()

    def _list_files(self) -> None:
        variants = self.query_one(SelectionList)
        variants.clear_options()
        self._listed = list(self.sg.files)
        for path in self.sg.files:
            variants.add_option(Selection(self.sg.display_name(path), path, False))
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
        if self.query_one("#compare-robust", Checkbox).value:
            if len(paths) != 2:
                self.notify(t("A robust comparison takes exactly 2 scenarios: A and B."), severity="warning")
                return
            text = self.query_one("#compare-worlds", Input).value.strip()
            worlds = int(text) if text else DEFAULT_WORLDS
            if worlds < 1:
                self._set_status(t("{field} must be at least 1", field=t("Worlds")), error=True)
                return
            self.worker = self._robust(self._begin(), paths, options, worlds)
            return
        self.worker = self._compare(self._begin(), paths, options)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self, job: int, paths: list[Path], options: RunValues) -> None:
        run_job(self, job, lambda **kw: compare(paths, **options, **kw))

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _robust(self, job: int, paths: list[Path], options: RunValues, worlds: int) -> None:
        run_job(self, job, lambda **kw: robust_compare(paths[0], paths[1], worlds=worlds, **options, **kw))

    def progress_text(self, done: int | str, total: int | str) -> str:
        return t("Comparing: replication {done}/{total}", done=done, total=total)

    # ------------------------------------------------------------------ display

    def _robust_mode(self, on: bool) -> None:
        """The robust table and sentences in place of the paired table and the charts, or back."""
        for selector in ("#robust-table", "#robust-said"):
            self.query_one(selector).display = on
        self.query_one(CompareTable).display = not on
        self.query_one(ChartTabs).display = not on

    def show_result(self, result: Comparison | RobustComparison) -> str:
        if isinstance(result, RobustComparison):
            return self._show_robust(result)
        self._robust_mode(False)
        self.comparison = result
        variants = result.variants
        labels = variant_letters(len(variants))
        self.query_one(CompareTable).show(result)
        self.query_one(ChartTabs).show_variants(variants, labels)
        level = percent_level(result.difference_confidence)
        legend = [
            f"[b]{label}[/] = {escape(run.scenario_name)}" + (f"  ({t('baseline')})" if i == 0 else "")
            for i, (label, run) in enumerate(zip(labels, variants))
        ]
        legend += [f"[dim]{escape(note)}[/]" for note in result.notes]
        notes = t("{first}; {second}", first=t("paired differences at {level} confidence, common random numbers", level=level),
                  second=t("* significant: the paired interval excludes 0"))
        legend.append(f"[dim]{t('[i]Italic[/i]: god-view. {notes}', notes=escape(notes))}[/]")
        self.query_one("#compare-legend", Static).update("\n".join(legend))
        self.query_one("#compare-progress", ProgressBar).update(total=1, progress=1)
        # stacked (a small terminal): bring the results, not the picker, into view
        self.query_one("#compare-body", VerticalScroll).scroll_to_widget(self.query_one("#compare-main"), top=True)
        return t("Done: {n} variants, {reps} replications each, seed {seed}.", n=len(variants), reps=result.replications,
                 seed=result.seed)

    def _show_robust(self, result: RobustComparison) -> str:
        """Per KPI: the worlds in which B is better (with its interval) and the spread of B - A,
        the numbers of ``simgroup compare --robust``; below, where the decision flips, in words."""
        self._robust_mode(True)
        self.robust = result
        table = self.query_one("#robust-table", DataTable)
        table.clear(columns=True)
        table.add_columns(t("KPI"), t("B better in"), t("95% CI"), "B-A p5", t("median"), "p95")
        for kpi, r in result.kpis.items():
            q = r.quantiles
            table.add_row(kpi_label(kpi), share_cell(r), share_ci_cell(r), signed_amount(kpi, q["p5"]),
                          signed_amount(kpi, q["p50"]), signed_amount(kpi, q["p95"]))
        lang = get_language()
        said = [r.sentence(lang=lang) for r in result.kpis.values() if r.defined and 0 < r.wins < r.defined]
        a, b = result.plan.inputs
        legend = [f"[b]A[/] = {escape(a.scenario.name)}  ({t('baseline')})", f"[b]B[/] = {escape(b.scenario.name)}"]
        self.query_one("#compare-legend", Static).update("\n".join(legend))
        self.query_one("#robust-said", Static).update(Text("\n".join(said) if said else t("B wins or ties on every KPI in every world.")))
        self.query_one("#compare-progress", ProgressBar).update(total=1, progress=1)
        return t("Done: {n} worlds, {reps} replications each.", n=result.plan.worlds, reps=result.plan.options.replications)
