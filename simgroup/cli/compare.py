"""``simgroup compare A.yaml B.yaml [C.yaml ...]``: SOP variants under common random numbers.

Every variant runs at the same seed and replication indexes (the first file's seed, replications
and days unless ``--seed``/``--reps``/``--days`` say otherwise). Output: a table with each
variant's mean [95% CI] per KPI and the paired difference of every variant against the first
(Bonferroni-adjusted with more than two variants, ``sig`` when the interval excludes 0), or with
``--json`` the comparison document (``docs/experiments.md``) and nothing else on stdout.
``--precision KPI=TARGET`` adds replications until every paired difference of that KPI is that
precise (a percentage is of the baseline's mean).

``--robust`` (two files) runs both in ``--worlds`` parameter worlds (default 32) drawn from the
union of their uncertain parameters (``--params`` narrows them), ``--reps`` replications per
world (default 5) at common random numbers, and reports per KPI the share of worlds in which B
is better, the spread of B - A over the worlds and where the decision flips
(docs/uncertainty.md); ``--group`` reads the KPIs of one group spec.

Exit codes: 0 done; 2 bad input or usage (with ``--robust`` also a ``--params`` pattern that
matches nothing, a group spec missing from a file, ranges of the two files that do not meet);
1 a worker died or an internal error; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

from pathlib import Path

import click

from simgroup.cli._experiment import (
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
from simgroup.scenario.vocabulary import MAX_WORLDS


@click.command("compare")
@language_option
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@run_settings_options(reps_help="Replications of every variant", default_from="the first file's", json_what="comparison")
@executor_options
@precision_options
@click.option("--robust", is_flag=True, help="Compare two files across parameter worlds (model uncertainty); --reps then counts "
              "replications per world (default 5).")
@click.option(
    "--worlds", type=click.IntRange(2, MAX_WORLDS), default=None, metavar="N",
    help="With --robust: parameter worlds (default 32; a power of 2 keeps the Sobol' draws balanced).",
)
@click.option(
    "--params", "params", multiple=True, metavar="PATTERNS",
    help="With --robust: only these parameters vary (comma-separated fnmatch patterns on dotted names).",
)
@click.option("--group", default=None, metavar="ID", help="With --robust: the KPIs of this group spec.")
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
    robust: bool,
    worlds: int | None,
    params: tuple[str, ...],
    group: str | None,
) -> None:
    """Compare scenario FILES (the first is the baseline) at the same seeds: each KPI's mean
    with its 95% CI and the paired difference against the baseline."""
    if len(files) < 2:
        raise click.UsageError("compare needs at least two scenario files (the first is the baseline)")
    if robust:
        if len(files) != 2:
            raise click.UsageError("--robust compares exactly two scenario files (A, the baseline, and B)")
        if precision or max_reps is not None:
            raise click.UsageError("--precision and --max-reps do not apply to --robust (use --reps and --worlds)")
        ctx.exit(run_cli("compare", lambda progress: _robust(files, reps, seed, days, as_json, workers, dask,
                                                              worlds, params, group, progress), as_json=as_json))
    elif worlds is not None or params or group is not None:
        raise click.UsageError("--worlds, --params and --group need --robust")

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


def _robust(
    files: tuple[Path, ...],
    reps: int | None,
    seed: int | None,
    days: int | None,
    as_json: bool,
    workers: int | None,
    dask: str | None,
    worlds: int | None,
    params: tuple[str, ...],
    group: str | None,
    progress: ProgressBar | None,
) -> int:
    from simgroup.experiment.robust import DEFAULT_WORLDS, RobustError, analyse, plan_robust, run_robust
    from simgroup.experiment.robust_text import robust_report
    from simgroup.experiment.worlds import WorldError, split_patterns

    # Everything is checked and every world built before a worker starts (cheap).
    try:
        plan = plan_robust(files[0], files[1], worlds=worlds or DEFAULT_WORLDS, replications=reps,
                           params=split_patterns(params) or None, seed=seed, days=days, group=group)
    except (RobustError, WorldError) as exc:
        for line in str(exc).splitlines():
            click.echo(f"simgroup compare: {line}", err=True)
        return EXIT_USAGE
    with executor_for(workers, dask, plan.tasks) as executor:
        result = analyse(run_robust(plan, progress=progress, executor=executor), group=group)
    if progress is not None:
        progress.clear()
    print_result(result, [], as_json=as_json, report=robust_report)
    return 0
