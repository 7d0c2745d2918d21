"""``simgroup run FILE``: simulate one scenario and print its KPIs.

Output: a plain-text KPI table on stdout, or with ``--json`` the results document (docs/results.md) and nothing
else on stdout. ``--out DIR`` also writes ``result.json``, ``daily*.csv``, ``mean_daily*.csv`` and ``events.jsonl``
there (per-replication daily tables and their means, docs/results.md) as one atomic directory. A progress bar goes to stderr only when stderr is a terminal,
``--json`` is off and ``$CI`` is unset. Replications run on ``--workers N`` processes (default: the
CPU count) or a Dask cluster (``--dask``), with identical results. ``--precision KPI=TARGET`` adds
replications until the KPI's 95 % half-width is met (capped by ``--max-reps``); with ``--json``
the document then has an extra ``precision`` list (see ``docs/experiments.md``).

Exit codes: 0 done; 1 the output directory could not be written (tried before simulating, and
again when writing: ``cannot write DIR: reason``) or a worker process died; 2 bad input or usage (scenario
diagnostics as ``file:line:col: key.path: message`` on stderr, limits, an output directory holding
foreign files, a bad --precision, Dask missing or unreachable); 130 interrupted (Ctrl-C: no
traceback, no worker left running, nothing half-written).
"""

from __future__ import annotations

from pathlib import Path

import click

from simgroup.cli._experiment import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    ProgressBar,
    executor_for,
    executor_options,
    parse_precision,
    precision_options,
    print_result,
    run_cli,
    run_settings_options,
)
from simgroup.cli._language import language_option

__all__ = ["EXIT_INTERRUPTED", "EXIT_USAGE", "command"]


@click.command("run")
@language_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@run_settings_options(reps_help="Replications", default_from="the scenario's", json_what="result")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write result.json, daily.csv and daily_<group>.csv (per replication), their means mean_daily*.csv, and events.jsonl to this directory.",
)
@executor_options
@precision_options
@click.pass_context
def command(
    ctx: click.Context,
    file: Path,
    reps: int | None,
    seed: int | None,
    days: int | None,
    as_json: bool,
    out: Path | None,
    workers: int | None,
    dask: str | None,
    precision: tuple[str, ...],
    max_reps: int | None,
) -> None:
    """Simulate the scenario FILE and report its KPIs with 95% confidence intervals.

    With --precision KPI=TARGET, REPS (or the scenario's replications) is a pilot and more
    replications are added in batches until the KPI's 95% CI half-width is at most TARGET
    (absolute, or a percentage of the mean), up to --max-reps.
    """

    def body(progress: ProgressBar | None) -> int:
        return _run(file, reps, seed, days, as_json, out, progress, workers, dask, precision, max_reps)

    ctx.exit(run_cli("run", body, as_json=as_json))


def _run(
    file: Path,
    reps: int | None,
    seed: int | None,
    days: int | None,
    as_json: bool,
    out: Path | None,
    progress: ProgressBar | None,
    workers: int | None,
    dask: str | None,
    precision: tuple[str, ...],
    max_reps: int | None,
) -> int:
    from simgroup._api import simulate
    from simgroup._atomic import check_writable
    from simgroup.experiment.inputs import load_input
    from simgroup.experiment.precision import status_of_values
    from simgroup.results.export import OutputDirError, check_output_dir, write_outputs

    targets = parse_precision(precision)
    if out is not None:
        try:  # fail before a long simulation, not after it
            check_output_dir(out)
            check_writable(out)
        except OutputDirError as exc:
            click.echo(f"simgroup run: {exc}", err=True)
            return EXIT_USAGE
        except OSError as exc:
            click.echo(f"simgroup run: cannot write {out}: {exc.strerror or exc}", err=True)
            return EXIT_FAILED
    loaded = load_input(file)  # once: it sizes the pool and is what runs
    initial = reps if reps is not None else loaded.scenario.replications
    with executor_for(workers, dask, None if targets else initial) as executor:
        run = simulate(
            loaded,
            replications=reps,
            seed=seed,
            days=days,
            record_events=out is not None,
            progress=progress,
            executor=executor,
            precision=targets,
            max_replications=max_reps,
        )
    if progress is not None:
        progress.clear()
    statuses = [status_of_values(t, run.values(t.kpi, t.group)) for t in targets]

    if out is not None:
        try:
            write_outputs(out, run, run.events)
        except OutputDirError as exc:
            click.echo(f"simgroup run: {exc}", err=True)
            return EXIT_USAGE
        except OSError as exc:
            click.echo(f"simgroup run: cannot write {out}: {exc.strerror or exc}", err=True)
            return EXIT_FAILED

    from simgroup.results.text import run_report

    print_result(run, statuses, as_json=as_json, report=run_report)
    return 0
