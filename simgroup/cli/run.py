"""``simgroup run FILE``: simulate one scenario and print its KPIs.

Output: a plain-text KPI table on stdout, or with ``--json`` the DESIGN §4 document and nothing
else on stdout. ``--out DIR`` also writes ``result.json``, ``daily*.csv`` and ``events.jsonl``
there as one atomic directory. A progress line goes to stderr only when stderr is a terminal and
``--json`` is off.

Exit codes: 0 done; 1 the output directory could not be written; 2 bad input or usage (scenario
diagnostics as ``file:line:col: key.path: message`` on stderr, limits, an output directory holding
foreign files); 130 interrupted (Ctrl-C: no traceback, nothing half-written).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from simgroup.experiment.replications import MAX_SEED
from simgroup.scenario.vocabulary import MAX_DAYS, MAX_REPLICATIONS

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _ProgressLine:
    """``replication 3/30`` rewritten in place on stderr."""

    def __init__(self) -> None:
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        text = f"simulating: replication {done}/{total}"
        self._width = max(self._width, len(text))
        click.echo("\r" + text.ljust(self._width), err=True, nl=False)

    def clear(self) -> None:
        if self._width:
            click.echo("\r" + " " * self._width + "\r", err=True, nl=False)
            self._width = 0


@click.command("run")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--reps",
    type=click.IntRange(1, MAX_REPLICATIONS),
    default=None,
    help=f"Replications (default: the scenario's; at most {MAX_REPLICATIONS}).",
)
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=None, help="Seed (default: the scenario's).")
@click.option(
    "--days",
    type=click.IntRange(1, MAX_DAYS),
    default=None,
    help=f"Simulated days (default: the scenario's; at most {MAX_DAYS}).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (and nothing else) on stdout.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write result.json, daily.csv, daily_<group>.csv and events.jsonl to this directory.",
)
@click.pass_context
def command(
    ctx: click.Context,
    file: Path,
    reps: int | None,
    seed: int | None,
    days: int | None,
    as_json: bool,
    out: Path | None,
) -> None:
    """Simulate the scenario FILE and report its KPIs with 95% confidence intervals."""
    progress = _ProgressLine() if (not as_json and sys.stderr.isatty()) else None
    try:
        code = _run(file, reps, seed, days, as_json, out, progress)
    except KeyboardInterrupt:
        if progress is not None:
            progress.clear()
        click.echo("simgroup run: interrupted", err=True)
        code = EXIT_INTERRUPTED
    ctx.exit(code)


def _run(
    file: Path,
    reps: int | None,
    seed: int | None,
    days: int | None,
    as_json: bool,
    out: Path | None,
    progress: _ProgressLine | None,
) -> int:
    from simgroup._api import simulate
    from simgroup.experiment.replications import RunOptionsError
    from simgroup.results.export import OutputDirError, check_output_dir, write_outputs
    from simgroup.scenario import ScenarioError

    if out is not None:
        try:  # fail before a long simulation, not after it
            check_output_dir(out)
        except OutputDirError as exc:
            click.echo(f"simgroup run: {exc}", err=True)
            return EXIT_USAGE
    try:
        run = simulate(file, replications=reps, seed=seed, days=days, record_events=out is not None, progress=progress)
    except ScenarioError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(diagnostic.format(), err=True)
        if not exc.diagnostics:
            click.echo(f"{file}: {exc}", err=True)
        return EXIT_USAGE
    except RunOptionsError as exc:
        click.echo(f"{file}: {exc}", err=True)
        return EXIT_USAGE
    finally:
        if progress is not None:
            progress.clear()

    if out is not None:
        try:
            write_outputs(out, run, run.events)
        except OutputDirError as exc:
            click.echo(f"simgroup run: {exc}", err=True)
            return EXIT_USAGE
        except OSError as exc:
            click.echo(f"simgroup run: cannot write {out}: {exc.strerror or exc}", err=True)
            return 1

    if as_json:
        # JSON is UTF-8 by definition (RFC 8259): write bytes, whatever the locale says.
        click.echo(run.to_json_text().encode("utf-8"), nl=False)
    else:
        from simgroup.cli._format import run_report

        click.echo(run_report(run), nl=False)
    return 0
