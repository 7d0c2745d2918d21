"""Messages: the only channel from worker threads to the UI.

Workers never touch widgets; they ``post_message`` one of these (``post_message`` is thread-safe)
and the screen updates itself in the handler, on the UI thread. Every message of a job carries
the ``job`` number it was started with, so a screen can ignore the late messages of a job it
has already cancelled or replaced.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from simgroup.scenario.diagnostics import Diagnostic


class JobProgress(Message):
    """``done`` of ``total`` replications finished (progress may coalesce: only the last counts)."""

    def __init__(self, job: int, done: int, total: int) -> None:
        super().__init__()
        self.job = job
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, JobProgress) and message.job == self.job


class JobFinished(Message):
    """The job's result: a ``RunResult`` (Run) or a comparison (Compare)."""

    def __init__(self, job: int, result: Any) -> None:
        super().__init__()
        self.job = job
        self.result = result


class JobFailed(Message):
    """The job (a run, a comparison, a playback) stopped on an error: ``error`` text, and
    ``diagnostics`` for a bad scenario."""

    def __init__(self, job: int, error: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__()
        self.job = job
        self.error = error
        self.diagnostics = diagnostics or []


class JobCancelled(Message):
    """The job stopped because it was cancelled."""

    def __init__(self, job: int) -> None:
        super().__init__()
        self.job = job


class FileValidated(Message):
    """Browse: one scenario file checked: its ``Scenario`` (None when invalid) and diagnostics."""

    def __init__(self, path: Path, scenario: Any, diagnostics: list[Diagnostic]) -> None:
        super().__init__()
        self.path = path
        self.scenario = scenario
        self.diagnostics = diagnostics


class TextValidated(Message):
    """Edit: the diagnostics of the editor's text at ``generation`` (later texts win)."""

    def __init__(self, generation: int, diagnostics: list[Diagnostic]) -> None:
        super().__init__()
        self.generation = generation
        self.diagnostics = diagnostics


class PlaybackFrame(Message):
    """Playback: one :class:`~simgroup.playback.driver.Frame` of job ``job`` (never coalesced: a
    frame carries feed lines the next one does not repeat)."""

    def __init__(self, job: int, frame: Any) -> None:
        super().__init__()
        self.job = job
        self.frame = frame
