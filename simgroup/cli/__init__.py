"""The command line: a thin layer over the public API.

``simgroup`` with no arguments opens the TUI on ``./scenarios`` (or the bundled examples) when
stdout is a terminal, and prints this help otherwise; each subcommand lives in its own module
and is registered here.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

import click

from simgroup._version import __version__
from simgroup.cli._language import language_option
from simgroup.results.text_words import say


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a CI timeout, ``kill``, a supervisor stopping the job) takes the Ctrl-C path:
    KeyboardInterrupt, so worker pools are stopped, nothing is half-written and the exit code is
    130 (docs/check.md). Python's default would kill the process on the spot and orphan its workers.
    Only in the main thread and only when nobody else handles SIGTERM; restored afterwards."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


class _Main(click.Group):
    """The ``simgroup`` group; runs every command with :func:`_sigterm_as_interrupt`, turns an
    interrupt no command caught into ``simgroup COMMAND: interrupted`` and exit 130 (click's own
    answer would be "Aborted!" and exit 1), and stops the process pool's helper processes before
    returning, so none of our processes outlives the command."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            with _sigterm_as_interrupt():
                return super().main(*args, **kwargs)
        finally:
            _stop_pool_helpers()

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            name = f"simgroup {ctx.invoked_subcommand}" if ctx.invoked_subcommand else "simgroup"
            click.echo(f"{name}: " + say("interrupted"), err=True)
            ctx.exit(EXIT_INTERRUPTED)


#: Exit code of an interrupted command (docs/check.md).
EXIT_INTERRUPTED = 130


#: The interpreter's module table (kept here: tests replace this module's ``sys``).
_LOADED_MODULES = sys.modules


def _stop_pool_helpers() -> None:
    # Only when a pool may have been started: otherwise there is nothing to stop.
    module = _LOADED_MODULES.get("simgroup.experiment.executors")
    if module is not None:
        module.stop_pool_helpers()


@click.group(cls=_Main, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="simgroup")
@language_option
@click.pass_context
def main(ctx: click.Context) -> None:
    """Test a WeChat / WeCom group-chat SOP on simulated members."""
    if ctx.invoked_subcommand is None:
        if not sys.stdout.isatty():  # piped or in CI: say what there is instead of drawing a UI
            click.echo(ctx.get_help())
            ctx.exit(0)
        from simgroup.tui import run_tui

        run_tui()


def _register() -> None:
    from simgroup.cli import check, compare, init, replay, report, run, schema, sensitivity, sweep, tui, validate

    for module in (init, validate, schema, run, check, compare, sweep, sensitivity, report, tui, replay):
        main.add_command(module.command)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
