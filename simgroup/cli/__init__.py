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
    """The ``simgroup`` group; runs every command with :func:`_sigterm_as_interrupt`."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with _sigterm_as_interrupt():
            return super().main(*args, **kwargs)


@click.group(cls=_Main, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="simgroup")
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
    from simgroup.cli import check, compare, replay, run, schema, sweep, tui, validate

    for module in (validate, schema, run, check, compare, sweep, tui, replay):
        main.add_command(module.command)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
