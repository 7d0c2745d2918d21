"""What Run and Compare mode share: a simulation job in a thread worker, reported by messages.

A :class:`JobScreen` has a start and a cancel button (ids ``<PREFIX>-start`` / ``<PREFIX>-cancel``),
a progress bar ``<PREFIX>-progress`` and a status label ``<PREFIX>-status``. Each job has a number;
messages of an older job are ignored. Subclasses start jobs, show results and failures.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Button, Label, ProgressBar
from textual.worker import Worker, get_current_worker

from simgroup.tui import runner
from simgroup.tui.i18n import t
from simgroup.tui.messages import JobCancelled, JobFailed, JobFinished, JobProgress
from simgroup.tui.widgets.charts import ChartTabs


def run_job(screen: Screen[Any], job: int, call: Any) -> None:
    """Body of a run or compare worker: call ``call(progress=..., cancelled=...)`` and report
    how it ended, as messages to ``screen``."""
    from simgroup.experiment.replications import RunOptionsError
    from simgroup.scenario import ScenarioError

    worker = get_current_worker()
    try:
        result = call(
            progress=lambda done, total: screen.post_message(JobProgress(job, done, total)),
            cancelled=lambda: worker.is_cancelled,
        )
    except runner.Cancelled:
        screen.post_message(JobCancelled(job))
    except ScenarioError as exc:
        screen.post_message(JobFailed(job, t("The scenario has problems:"), exc.diagnostics))
    except RunOptionsError as exc:
        screen.post_message(JobFailed(job, t("Invalid run options: {error}", error=str(exc))))
    except Exception as exc:  # an engine error: shown in the app, which keeps running
        screen.post_message(JobFailed(job, t("Engine error: {error}", error=f"{type(exc).__name__}: {exc}")))
    else:
        screen.post_message(JobFinished(job, result))


class JobScreen(Screen[None]):
    """Shared job plumbing; subclasses set ``PREFIX`` and implement ``action_start`` and
    ``progress_text``."""

    PREFIX = ""

    def __init__(self) -> None:
        super().__init__()
        self.job = 0
        self.worker: Worker[None] | None = None

    def progress_text(self, done: int | str, total: int | str) -> str:
        raise NotImplementedError

    def action_start(self) -> None:
        raise NotImplementedError

    def _begin(self) -> int:
        """A new job: its number, with the progress bar reset and the buttons switched."""
        self.job += 1
        self.query_one(f"#{self.PREFIX}-progress", ProgressBar).update(total=None, progress=0)
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
        self.query_one(ChartTabs).next_chart()

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

    def on_job_cancelled(self, message: JobCancelled) -> None:
        if message.job != self.job:
            return
        self._set_busy(False)
        self._set_status(t("Cancelled."))

    def _set_busy(self, running: bool) -> None:
        self.query_one(f"#{self.PREFIX}-start", Button).disabled = running
        self.query_one(f"#{self.PREFIX}-cancel", Button).disabled = not running

    def _set_status(self, text: str, *, error: bool = False) -> None:
        label = self.query_one(f"#{self.PREFIX}-status", Label)
        label.update(Text(text))
        label.set_class(error, "-error")
