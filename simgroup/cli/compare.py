"""``simgroup compare A.yaml B.yaml [C.yaml ...]``: SOP variants under common random numbers.

Every variant runs at the same seed and replication indexes (the first file's seed, replications
and days unless ``--seed``/``--reps``/``--days`` say otherwise). Output: a table with each
variant's mean [95% CI] per KPI and the paired difference of every variant against the first
(Bonferroni-adjusted with more than two variants, ``sig`` when the interval excludes 0), or with
``--json`` the comparison document (``docs/experiments.md``) and nothing else on stdout.
``--precision KPI=TARGET`` adds replications until every paired difference of that KPI is that
precise (a percentage is of the baseline's mean).

Exit codes: 0 done; 2 bad input or usage; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

from pathlib import Path

import click

from simgroup.cli._experiment import (
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


@click.command("compare")
@language_option
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@run_settings_options(reps_help="Replications of every variant", default_from="the first file's", json_what="comparison")
@executor_options
@precision_options
@click.pass_context
def command(
    ctx: click.Context,
    files: tuple[Path, ...],
    reps: int | None,
    seed: int | None,
    days: int | None,
    as_json: bool,
    workers: int | None,
    dask: str | None,
    precision: tuple[str, ...],
    max_reps: int | None,
) -> None:
    """Compare scenario FILES (the first is the baseline) at the same seeds: each KPI's mean
    with its 95% CI and the paired difference against the baseline."""
    if len(files) < 2:
        raise click.UsageError("compare needs at least two scenario files (the first is the baseline)")

    def body(progress: ProgressBar | None) -> int:
        from simgroup.experiment.compare import compare
        from simgroup.experiment.inputs import load_input
        from simgroup.experiment.text import comparison_report

        targets = parse_precision(precision)
        inputs = [load_input(f) for f in files]  # once: they size the pool and are what runs
        initial = reps if reps is not None else inputs[0].scenario.replications
        with executor_for(workers, dask, None if targets else initial * len(files)) as executor:
            result = compare(
                inputs,
                replications=reps,
                seed=seed,
                days=days,
                progress=progress,
                executor=executor,
                precision=targets,
                max_replications=max_reps,
            )
        if progress is not None:
            progress.clear()
        print_result(result, result.precision(targets), as_json=as_json, report=comparison_report)
        return 0

    ctx.exit(run_cli("compare", body, as_json=as_json))
