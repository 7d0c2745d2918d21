"""One progress-callback API for every experiment (run, compare, sweep, precision batches).

Contract
--------
A progress callback is any ``progress(done: int, total: int) -> None``. Experiments call it from
the thread that started them (never from a worker), first with ``done = 0`` before any
replication runs, then once after each replication finishes, with ``done`` increasing by one.
``total`` counts replications across *all* scenarios of the experiment (all variants of a
comparison, all grid points of a sweep). When a precision target asks for more replications,
``total`` grows between batches (``done`` never goes back); a consumer draws ``done / total``.

This module is core: it never imports a UI library. The CLI's progress bar lives in
:mod:`simgroup.cli._experiment`, the TUI's in the TUI.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]


class ProgressTally:
    """Counts finished replications and forwards ``(done, total)`` to an optional callback."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress = progress
        self.done = 0
        self.total = total

    def start(self) -> None:
        """Report ``(0, total)`` (or the current count after a batch was added)."""
        if self._progress is not None:
            self._progress(self.done, self.total)

    def grow(self, extra: int) -> None:
        """More replications were planned (a precision batch); reports the new total."""
        self.total += extra
        self.start()

    def advance(self) -> None:
        """One replication finished."""
        self.done += 1
        if self._progress is not None:
            self._progress(self.done, self.total)
