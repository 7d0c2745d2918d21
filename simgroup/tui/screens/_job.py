"""What Run and Compare mode share: a simulation job in a thread worker, reported by messages
(:func:`failure` words an error the same way for Playback too).

A :class:`JobScreen` has a start and a cancel button (ids ``<PREFIX>-start`` / ``<PREFIX>-cancel``),
a progress bar ``<PREFIX>-progress``, a status label ``<PREFIX>-status``, a problems box
``<PREFIX>-problems`` (shown with the class ``-shown``) and a :class:`ChartTabs`. It binds Ctrl+R
(start), Escape (cancel) and Ctrl+T (next chart, brought into view); a focused block is scrolled
into view when a small terminal stacks them. A subclass rebinds Ctrl+R to name what it
starts (the binding keeps its place in the footer). Each job has a number; messages of an older
job are ignored. The screen handles progress, cancellation and failures (the error in the status
line, a bad scenario's problems in the box); a subclass starts jobs (:meth:`action_start`), words
the progress (:meth:`progress_text`) and shows a result (:meth:`show_result`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button, Label, ProgressBar, Static
from textual.worker import Worker, get_current_worker

from simgroup.experiment.replications import RunCancelled, RunOptionsError
from simgroup.experiment.sensitivity import SensitivityError
from simgroup.experiment.worlds import WorldError
from simgroup.scenario import ScenarioError
from simgroup.tui.i18n import t
from simgroup.tui.messages import JobCancelled, JobFailed, JobFinished, JobProgress
from simgroup.tui.widgets.charts import ChartTabs
from simgroup.tui.widgets.diagnostics_list import diagnostics_text


def failure(job: int, exc: Exception) -> JobFailed:
    """The message for job ``job`` stopped by ``exc``: a bad scenario (with its diagnostics), bad
    run options, or anything else as an engine error (shown; the app keeps running)."""
    if isinstance(exc, ScenarioError):
        return JobFailed(job, t("The scenario has problems:"), exc.diagnostics)
    if isinstance(exc, RunOptionsError | SensitivityError | WorldError):
        return JobFailed(job, t("Invalid run options: {error}", error=str(exc)))
    return JobFailed(job, t("Engine error: {error}", error=f"{type(exc).__name__}: {exc}"))


def run_job(screen: Screen[Any], job: int, call: Callable[..., Any]) -> None:
    """Body of a run or compare worker: call ``call(progress=..., cancelled=...)`` and report
    how it ended, as messages to ``screen``."""
    worker = get_current_worker()
    try:
        result = call(
            progress=lambda done, total: screen.post_message(JobProgress(job, done, total)),
            cancelled=lambda: worker.is_cancelled,
        )
    except RunCancelled:
        screen.post_message(JobCancelled(job))
    except Exception as exc:  # shown on the screen; the app keeps running
        screen.post_message(failure(job, exc))
    else:
        screen.post_message(JobFinished(job, result))


class JobScreen(Screen[None]):
    """Shared job plumbing; subclasses set ``PREFIX``, rebind Ctrl+R with their own label and
    implement :meth:`action_start`, :meth:`progress_text` and :meth:`show_result`."""

    PREFIX = ""
    BINDINGS = [
        Binding("ctrl+r", "start", "Start", tooltip="Start the job"),
        Binding("escape", "cancel", "Cancel", tooltip="Stop after the current replication"),
        Binding("ctrl+t", "next_chart", "Next chart", tooltip="Show the next chart"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.job = 0
        self.worker: Worker[None] | None = None

    def action_start(self) -> None:
        raise NotImplementedError

    def progress_text(self, done: int | str, total: int | str) -> str:
        raise NotImplementedError

    def show_result(self, result: Any) -> str:
        """Show a finished job's result; return the status line."""
        raise NotImplementedError

    def _begin(self) -> int:
        """A new job: its number, with the progress bar reset, the problems hidden and the
        buttons switched."""
        self.job += 1
        self.query_one(f"#{self.PREFIX}-progress", ProgressBar).update(total=None, progress=0)
        self.query_one(f"#{self.PREFIX}-problems", Static).remove_class("-shown")
        self._set_status(self.progress_text(0, "…"))
        self._set_busy(True)
        return self.job

    def action_cancel(self) -> None:
        if self.worker is None or self.worker.is_finished:
            self.notify(t("Nothing is running."), timeout=2)
            return
        self.worker.cancel()
        self._set_status(t("Cancelling…"))

    def action_next_chart(self) -> None:
        charts = self.query_one(ChartTabs)
        charts.next_chart()
        charts.scroll_visible(animate=False, top=True)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A small terminal stacks the blocks in a scrolled body: bring what gets the focus into
        view, the whole chart (not only its tabs) for the charts."""
        charts = next(iter(self.query(ChartTabs)), None)  # a screen may have none (Sensitivity)
        if charts is not None and charts in event.widget.ancestors_with_self:
            charts.scroll_visible(animate=False, top=True)
        else:
            event.widget.scroll_visible(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == f"{self.PREFIX}-start":
            self.action_start()
        elif event.button.id == f"{self.PREFIX}-cancel":
            self.action_cancel()

    def on_job_progress(self, message: JobProgress) -> None:
        if message.job != self.job:
            return
        self.query_one(f"#{self.PREFIX}-progress", ProgressBar).update(total=message.total, progress=message.done)
        self._set_status(self.progress_text(message.done, message.total))

    def on_job_finished(self, message: JobFinished) -> None:
        if self._ended(message.job):
            self._set_status(self.show_result(message.result))

    def on_job_failed(self, message: JobFailed) -> None:
        if not self._ended(message.job):
            return
        if message.diagnostics:
            self._show_problems(message.diagnostics)
        self._set_status(message.error, error=True)
        self.notify(message.error, severity="error")

    def _show_problems(self, diagnostics: Any) -> None:
        """A scenario's problems in the problems box (the status line says so, in red)."""
        problems = self.query_one(f"#{self.PREFIX}-problems", Static)
        problems.update(diagnostics_text(diagnostics))
        problems.add_class("-shown")
        self._set_status(t("The scenario has problems:"), error=True)

    def on_job_cancelled(self, message: JobCancelled) -> None:
        if self._ended(message.job):
            self._set_status(t("Cancelled."))

    def _ended(self, job: int) -> bool:
        """Whether ``job`` is the current one, which has ended: the buttons are switched back and
        a bar still waiting for its first replication stops its endless sweep."""
        if job != self.job:
            return False
        self._set_busy(False)
        bar = self.query_one(f"#{self.PREFIX}-progress", ProgressBar)
        if bar.total is None:
            bar.update(total=1, progress=0)
        return True

    @property
    def running(self) -> bool:
        return self.worker is not None and not self.worker.is_finished

    def _idle(self, status: str) -> None:
        """Nothing run yet for what is shown: ``status``, no problems, an empty bar."""
        self.query_one(f"#{self.PREFIX}-problems", Static).remove_class("-shown")
        self.query_one(f"#{self.PREFIX}-progress", ProgressBar).update(total=1, progress=0)
        self._set_status(status)

    def _set_busy(self, running: bool) -> None:
        self.query_one(f"#{self.PREFIX}-start", Button).disabled = running
        self.query_one(f"#{self.PREFIX}-cancel", Button).disabled = not running

    def _set_status(self, text: str, *, error: bool = False) -> None:
        label = self.query_one(f"#{self.PREFIX}-status", Label)
        label.update(Text(text))
        label.set_class(error, "-error")
