"""What ``run``, ``compare`` and ``sweep`` share on the command line: executor and precision
options, the stderr progress bar, printing a result (text or JSON, with precision), and turning
errors into exit codes (``replay`` reuses the scenario-error printing and ``EXIT_USAGE``).

Exit codes: 0 done; 1 a worker process died (killed, out of memory), memory ran out, or an internal error (a bug:
one line saying so, the traceback only with ``SIMGROUP_DEBUG=1``); 2 bad input or usage (scenario diagnostics, limits, bad ``--set`` /
``--precision``, Dask missing or unreachable); 130 interrupted (Ctrl-C: no traceback, worker
processes stopped, nothing printed on stdout).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from simgroup.experiment.replications import MAX_SEED
from simgroup.results.text import display_width
from simgroup.results.text_words import say
from simgroup.scenario.vocabulary import MAX_DAYS, MAX_REPLICATIONS

if TYPE_CHECKING:
    from simgroup.scenario import ScenarioError

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: What a MemoryError means to the user (the work budget keeps a replication within a few GiB).
OUT_OF_MEMORY = (
    "ran out of memory while simulating; run with fewer --workers (each holds a replication), "
    "or make the scenario smaller (days, per_day, initial members)"
)

F = TypeVar("F", bound=Callable[..., Any])


def executor_options(f: F) -> F:
    """``--workers N`` and ``--dask ADDRESS|local``."""
    f = click.option(
        "--dask",
        "dask",
        metavar="ADDRESS|local",
        default=None,
        help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for a "
        "LocalCluster on this machine. Needs: pip install simgroup[dask].",
    )(f)
    f = click.option(
        "--workers",
        type=click.IntRange(1, 1024),
        default=None,
        help="Worker processes (default: the number of CPUs; 1 runs in this process). "
        "Results are identical for any count.",
    )(f)
    return f


def run_settings_options(*, reps_help: str, default_from: str, json_what: str) -> Callable[[F], F]:
    """``--reps``, ``--seed``, ``--days`` and ``--json``, shared by run, compare and sweep.

    ``default_from`` names where a missing value comes from ("the scenario's", "the first
    file's"); ``json_what`` what ``--json`` prints ("result", "comparison", "sweep").
    """

    def decorate(f: F) -> F:
        f = click.option(
            "--json", "as_json", is_flag=True,
            help=f"Print the {json_what} as JSON (and nothing else) on stdout.",
        )(f)
        f = click.option(
            "--days", type=click.IntRange(1, MAX_DAYS), default=None,
            help=f"Simulated days (default: {default_from}; at most {MAX_DAYS}).",
        )(f)
        f = click.option(
            "--seed", type=click.IntRange(0, MAX_SEED), default=None,
            help=f"Seed (default: {default_from}).",
        )(f)
        f = click.option(
            "--reps", type=click.IntRange(1, MAX_REPLICATIONS), default=None,
            help=f"{reps_help} (default: {default_from}; at most {MAX_REPLICATIONS}).",
        )(f)
        return f

    return decorate


def precision_options(f: F) -> F:
    """``--precision KPI=5%|KPI=0.01`` (repeatable) and ``--max-reps N``."""
    f = click.option(
        "--max-reps",
        type=click.IntRange(1, MAX_REPLICATIONS),
        default=None,
        help="Cap on replications when --precision adds more (default 1000).",
    )(f)
    f = click.option(
        "--precision",
        "precision",
        multiple=True,
        metavar="KPI=HALF_WIDTH",
        help="Add replications until the 95% CI half-width of KPI (or GROUP.KPI) is at most "
        "HALF_WIDTH: an absolute value (conversion=0.01) or a share of the mean (profit=5%). Repeatable.",
    )(f)
    return f


def parse_precision(texts: tuple[str, ...]) -> list[Any]:
    from simgroup.experiment.precision import PrecisionTarget

    return [PrecisionTarget.parse(t) for t in texts]


def want_progress(as_json: bool) -> bool:
    """A progress bar only for a person watching: stderr is a terminal, not JSON, not CI."""
    return not as_json and sys.stderr.isatty() and not os.environ.get("CI")


class ProgressBar:
    """``simulating [#####-----] 12/40 replications  0:03 elapsed, ~0:07 left`` on stderr,
    redrawn in place at most ten times a second (and always for the first and last call)."""

    def __init__(self, label: str | None = None) -> None:
        self._label = label if label is not None else say("simulating")
        self._width = 0
        self._start = time.monotonic()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if 0 < done < total and now - self._last < 0.1:
            return
        self._last = now
        elapsed = now - self._start
        left = say(", ~{clock} left", clock=_clock(elapsed * (total - done) / done)) if 0 < done < total else ""
        tail = " " + say("{done}/{total} replications  {clock} elapsed{left}", done=done, total=total,
                         clock=_clock(elapsed), left=left)
        # A fixed bar width (room for the longest tail) so the bar does not jump as the text changes.
        columns = shutil.get_terminal_size((80, 24)).columns
        bar_width = max(10, min(30, columns - len(self._label) - 60))
        filled = bar_width * done // total if total else 0
        text = f"{self._label} [{'#' * filled}{'-' * (bar_width - filled)}]{tail}"
        self._width = max(self._width, display_width(text))
        click.echo("\r" + text + " " * (self._width - display_width(text)), err=True, nl=False)

    def clear(self) -> None:
        if self._width:
            click.echo("\r" + " " * self._width + "\r", err=True, nl=False)
            self._width = 0


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


@contextmanager
def executor_for(workers: int | None, dask: str | None, tasks: int | None = None) -> Iterator[Executor | None]:
    """:func:`~simgroup.experiment.executors.make_executor`, with no more local workers than
    ``tasks`` (a 1-task run does not start a pool)."""
    from simgroup.experiment.executors import default_workers, make_executor

    n = default_workers() if workers is None else workers
    if dask is None and tasks is not None:
        n = max(1, min(n, tasks))
    with make_executor(n if dask is None else workers, dask) as executor:
        yield executor


def print_scenario_error(command: str, exc: ScenarioError) -> None:
    """``exc`` on stderr: its diagnostics, one ``file:line:col: key.path: message`` line each,
    or ``simgroup COMMAND: message`` when it has none."""
    for diagnostic in exc.diagnostics:
        click.echo(diagnostic.format(), err=True)
    if not exc.diagnostics:
        click.echo(f"simgroup {command}: {exc}", err=True)


def run_cli(command: str, body: Callable[[ProgressBar | None], int], *, as_json: bool) -> int:
    """Run ``body(progress)`` and map every expected failure to its exit code and message; the
    progress bar is cleared before any message is printed."""
    from simgroup.experiment.executors import ExecutorError
    from simgroup.experiment.precision import PrecisionError
    from simgroup.experiment.replications import RunOptionsError, WorkerLost
    from simgroup.experiment.sweep import SweepError
    from simgroup.scenario import ScenarioError

    progress = ProgressBar() if want_progress(as_json) else None
    try:
        try:
            return body(progress)
        finally:
            if progress is not None:
                progress.clear()
    except KeyboardInterrupt:
        click.echo(f"simgroup {command}: " + say("interrupted"), err=True)
        return EXIT_INTERRUPTED
    except ScenarioError as exc:
        print_scenario_error(command, exc)
        return EXIT_USAGE
    except (RunOptionsError, PrecisionError, SweepError, ExecutorError) as exc:
        click.echo(f"simgroup {command}: {exc}", err=True)
        return EXIT_USAGE
    except WorkerLost as exc:
        click.echo(f"simgroup {command}: {exc}", err=True)
        return EXIT_FAILED
    except MemoryError:
        click.echo(f"simgroup {command}: {OUT_OF_MEMORY}", err=True)
        return EXIT_FAILED
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except Exception as exc:  # a bug (in the engine or here): one line, like `simgroup validate`
        click.echo(
            f"simgroup {command}: internal error while simulating ({type(exc).__name__}: {exc}); please report it",
            err=True,
        )
        if os.environ.get("SIMGROUP_DEBUG"):
            import traceback

            traceback.print_exc()
        else:
            click.echo("(set SIMGROUP_DEBUG=1 to see the traceback)", err=True)
        return EXIT_FAILED


def print_result(
    result: Any, statuses: Sequence[Any], *, as_json: bool, report: Callable[[Any], str]
) -> None:
    """Print ``result`` (a run, comparison or sweep) on stdout: with ``as_json`` its
    ``to_json()`` document, plus a ``precision`` list of ``statuses`` when there are any (the
    document is otherwise unchanged), as UTF-8 bytes whatever the locale; else ``report(result)``
    followed by :func:`precision_lines`."""
    if as_json:
        from simgroup.results import json_format

        doc = result.to_json()
        if statuses:
            doc["precision"] = [s.to_json() for s in statuses]
        # JSON is UTF-8 by definition (RFC 8259): write bytes, whatever the locale says.
        click.echo((json_format.dumps(doc, indent=2) + "\n").encode("utf-8"), nl=False)
        return
    text = report(result)
    if statuses:
        text += "\n" + "\n".join(precision_lines(statuses, result.replications)) + "\n"
    click.echo(text, nl=False)


def precision_lines(statuses: Sequence[Any], replications: int) -> list[str]:
    """Plain-text lines saying whether each precision target was met (values in the KPI's
    own format: shares in percentage points, money in CNY)."""
    from simgroup.results.text import value as show

    lines = []
    for s in statuses:
        verdict = "met" if s.met else "NOT met (cap reached)"
        lines.append(
            f"precision {s.target.label}: 95% half-width {show(s.target.kpi, s.half_width)}, "
            f"target {show(s.target.kpi, s.threshold)}, "
            f"after {replications} replications: {verdict}"
        )
    return lines
