"""The ``simgroup`` console script and ``python -m simgroup``: signal handling first, then the CLI.

Importing the command line takes a quarter of a second (click, pydantic, numpy). A Ctrl-C in
that window used to print a KeyboardInterrupt traceback from deep inside an import, and a SIGTERM
killed the process silently with -15. So :func:`main` installs its handlers before importing
anything heavy: until the command line is ready, SIGINT and SIGTERM print
``simgroup: interrupted`` and exit 130 at once (nothing has been started or written yet). From
then on both raise KeyboardInterrupt, which every command turns into the same message and exit
code after stopping its workers and removing what it had half-written (``simgroup.cli``).
Once the command has returned, both are blocked: the exit code is the command's.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType

#: Exit code of an interrupted command (128 + SIGINT, as shells report a Ctrl-C).
EXIT_INTERRUPTED = 130


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    # Nothing to clean up yet: no child process, no file. os._exit because raising here would
    # unwind through whichever import was running and print its traceback.
    try:
        os.write(2, b"simgroup: interrupted\n")
    finally:
        os._exit(EXIT_INTERRUPTED)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _leave_if_a_pool_was_stopped(done: SystemExit) -> None:
    """After a worker pool was stopped mid-run (an interrupt, a dead worker) its management thread
    may never end, and the interpreter would wait for it at exit without a timeout: leave at once
    instead, with the command's exit code (the workers are gone, the output is flushed)."""
    executors = sys.modules.get("simgroup.experiment.executors")
    if executors is None or not executors.pool_was_terminated():
        return
    code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main() -> None:
    """Run the ``simgroup`` command line with the process's arguments (never returns)."""
    handles_signals = hasattr(signal, "SIGTERM")
    if handles_signals:
        signal.signal(signal.SIGINT, _interrupted_while_starting)
        signal.signal(signal.SIGTERM, _interrupted_while_starting)
    from simgroup.cli import main as command_line

    if handles_signals:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        try:
            command_line(prog_name="simgroup")
        except SystemExit as done:
            _leave_if_a_pool_was_stopped(done)
            raise
    finally:
        if handles_signals and hasattr(signal, "pthread_sigmask"):
            # The command is done (its children stopped, its output written). A signal now would
            # land in interpreter shutdown, which resets the handlers: a SIGTERM would turn a
            # finished command's exit code into -15. Held back, it dies with the process.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
