"""``simgroup check [PATHS]``: run scenarios, evaluate their ``expect:`` blocks and compare them
with a baseline; the command a CI pipeline runs (docs/check.md).

Output on stdout: ``path:line:col: kpi: message`` lines for failures and warnings, one summary
line per scenario and a total (``--format text``, the default); GitHub Actions annotations followed
by the same lines (``--format github``); or one JSON document and nothing else (``--format json`` or
``--json``). ``--junit FILE`` also writes a JUnit XML report, atomically, whatever the format.
Bad input is printed on stderr (``--format github`` also annotates it): a missing path or an
unreadable baseline stops the check before anything runs; a scenario file that does not validate
is reported and the other scenarios still run (exit 2 all the same). A progress bar goes to stderr only for a
person watching (a terminal, no JSON, ``$CI`` unset).

Exit codes: 0 every expectation met and no KPI moved beyond its tolerance; 1 something failed (or
a report file could not be written); 2 bad input or usage; 130 interrupted (Ctrl-C: no traceback,
worker processes stopped, no report or baseline file written).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from simgroup.cli._experiment import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    ProgressBar,
    executor_for,
    executor_options,
    want_progress,
)
from simgroup.cli._language import language_option
from simgroup.experiment.replications import MAX_SEED
from simgroup.results.text_words import say
from simgroup.scenario.vocabulary import MAX_DAYS, MAX_REPLICATIONS

if TYPE_CHECKING:
    from simgroup.check.baseline import FailOn
    from simgroup.check.runner import CheckOptions

DEFAULT_PATH = "scenarios"


class _Progress:
    """One progress bar per scenario on stderr (``checking PATH [###---] 3/20 ...``)."""

    def __init__(self) -> None:
        self._bar: ProgressBar | None = None
        self._path: str | None = None

    def __call__(self, path: str, done: int, total: int) -> None:
        if path != self._path:
            self.clear()
            self._bar, self._path = ProgressBar(say("checking {path}", path=path)), path
        assert self._bar is not None
        self._bar(done, total)

    def clear(self) -> None:
        if self._bar is not None:
            self._bar.clear()
        self._bar, self._path = None, None


@click.command("check")
@language_option
@click.argument("paths", nargs=-1, metavar="[PATHS]...")
@click.option("--baseline", "baseline", metavar="FILE", default=None,
              help="Compare every KPI with the runs stored in this baseline file (JSON).")
@click.option("--update-baseline", is_flag=True,
              help="Record this run in the --baseline file (rewritten atomically) instead of comparing.")
@click.option("--tolerance-z", "z", type=click.FloatRange(min=0, min_open=True), default=4.0, show_default=True,
              help="A baseline KPI fails when |mean change| > Z x standard error + a small floor.")
@click.option("--fail-on", type=click.Choice(["any", "worse"]), default="any", show_default=True,
              help="Which baseline moves fail: any (re-baseline on purpose) or only moves in the worse direction.")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text", show_default=True,
              help="Report format on stdout; github adds ::error annotations for GitHub Actions.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--junit", "junit", metavar="FILE", default=None, help="Also write a JUnit XML report to FILE.")
@click.option("--reps", type=click.IntRange(1, MAX_REPLICATIONS), default=None,
              help="Replications for every scenario (default: each scenario's own).")
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=None,
              help="Seed for every scenario (default: each scenario's own).")
@click.option("--days", type=click.IntRange(1, MAX_DAYS), default=None,
              help="Simulated days for every scenario (default: each scenario's own; expectations were "
              "written for that horizon).")
@executor_options
@click.option("-v", "--verbose", is_flag=True, help="Also list passing and skipped checks.")
@click.pass_context
def command(
    ctx: click.Context,
    paths: tuple[str, ...],
    baseline: str | None,
    update_baseline: bool,
    z: float,
    fail_on: FailOn,  # click.Choice passes only these
    fmt: str,
    as_json: bool,
    junit: str | None,
    reps: int | None,
    seed: int | None,
    days: int | None,
    workers: int | None,
    dask: str | None,
    verbose: bool,
) -> None:
    """Check the scenarios under PATHS (default: ./scenarios): their expect: blocks and, with
    --baseline, every KPI against a stored run.

    Exit code: 0 all met, 1 a failure, 2 bad input or usage, 130 interrupted.
    """
    from simgroup.check.runner import CheckOptions

    if as_json:
        fmt = "json"
    if junit is not None and not os.path.isdir(os.path.dirname(os.path.abspath(junit))):
        click.echo(f"simgroup check: --junit {junit}: the directory does not exist", err=True)
        ctx.exit(EXIT_USAGE)
    unwritable = _unwritable([junit] + ([baseline] if update_baseline and baseline else []))
    if unwritable:
        click.echo(f"simgroup check: {unwritable}", err=True)
        ctx.exit(EXIT_FAILED)
    options = CheckOptions(
        replications=reps, seed=seed, days=days, baseline=baseline, update_baseline=update_baseline,
        z=z, fail_on=fail_on,
    )
    progress = _Progress() if want_progress(fmt == "json") else None
    try:
        code = _check(paths or (DEFAULT_PATH,), options, fmt, junit, workers, dask, verbose, progress)
    except KeyboardInterrupt:
        if progress is not None:
            progress.clear()
        click.echo("simgroup check: " + say("interrupted"), err=True)
        code = EXIT_INTERRUPTED
    ctx.exit(code)


def _unwritable(paths: list[str | None]) -> str | None:
    """``cannot write PATH: reason`` for the first report or baseline file that could not be
    written (checked before simulating, so a long run is not lost to a read-only directory);
    None when all can be. A missing directory is left to the later checks (exit 2)."""
    from simgroup._atomic import check_writable

    for path in paths:
        if path is None or not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            continue
        try:
            check_writable(path)
        except OSError as exc:
            return f"cannot write {path}: {exc.strerror or exc}"
    return None


def _check(
    paths: tuple[str, ...],
    options: CheckOptions,
    fmt: str,
    junit: str | None,
    workers: int | None,
    dask: str | None,
    verbose: bool,
    progress: _Progress | None,
) -> int:
    from simgroup._atomic import atomic_write_text
    from simgroup.check import reports
    from simgroup.check.runner import check
    from simgroup.experiment.executors import ExecutorError
    from simgroup.experiment.replications import WorkerLost

    try:
        with executor_for(workers, dask, tasks=options.replications) as executor:
            report = check(paths, options, executor=executor, progress=progress)
    except ExecutorError as exc:
        click.echo(f"simgroup check: {exc}", err=True)
        return EXIT_USAGE
    except WorkerLost as exc:
        # As `run` says it: no report, since the scenarios after this one could not run.
        click.echo(f"simgroup check: {exc}", err=True)
        return EXIT_FAILED
    finally:
        if progress is not None:
            progress.clear()

    code = report.exit_code
    if junit is not None:
        try:
            atomic_write_text(junit, reports.junit_xml(report))
        except OSError as exc:
            click.echo(f"simgroup check: cannot write {junit}: {exc.strerror or exc}", err=True)
            code = max(code, EXIT_FAILED)

    if fmt == "json":
        click.echo(reports.json_text(report).encode("utf-8"), nl=False)
        for line in reports.diagnostic_lines(report):
            click.echo(line, err=True)
        return code
    if fmt == "github":
        for line in reports.github_annotations(report):
            click.echo(line)
    # Bad input goes to stderr like `simgroup validate`; the scenarios that ran report on stdout.
    for line in reports.diagnostic_lines(report):
        click.echo(line, err=True)
    for line in reports.outcome_lines(report, verbose=verbose):
        click.echo(line)
    sys.stdout.flush()
    if report.diagnostics:
        click.echo(reports.bad_input_line(report), err=True)
    return code
