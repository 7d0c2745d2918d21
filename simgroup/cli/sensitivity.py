"""``simgroup sensitivity FILE --kpi KPI``: which uncertain parameters move a KPI (docs/uncertainty.md).

Each world draws the behavioural parameters the scenario uses from their plausible ranges (the
presets' ``low..high``; values the scenario sets under ``model:`` are held). ``--method morris``
(default) screens them with elementary effects over ``--worlds`` trajectories (default 10);
``--method sobol`` estimates variance shares from a base sample of ``--worlds`` N (a power of 2,
default 64). Every world runs ``--reps`` replications (default 5) at common random numbers.
``--params`` narrows the parameters with fnmatch patterns on their dotted names
(``'chatter.*,buying.price_ref'``). Output: a ranked table with a bar chart of the main index, or
with ``--json`` the sensitivity document.

Exit codes: 0 done; 2 bad input (unknown KPI or group, a pattern that matches nothing, a Sobol' N
that is not a power of 2, scenario diagnostics, limits); 1 a worker died or an internal error;
130 interrupted (Ctrl-C).
"""

from __future__ import annotations

from pathlib import Path

import click

from simgroup.cli._experiment import (
    EXIT_USAGE,
    ProgressBar,
    executor_for,
    executor_options,
    print_result,
    run_cli,
)
from simgroup.cli._language import language_option
from simgroup.experiment.replications import MAX_SEED
from simgroup.scenario.vocabulary import MAX_DAYS, MAX_REPLICATIONS


@click.command("sensitivity")
@language_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kpi", required=True, help="The KPI to explain (e.g. conversion, profit, labor_hours).")
@click.option("--group", default=None, metavar="ID", help="The KPI of this group spec (default: the whole scenario).")
@click.option(
    "--method", type=click.Choice(["morris", "sobol"]), default="morris", show_default=True,
    help="morris: screening by elementary effects; sobol: variance shares S1/ST (more runs).",
)
@click.option(
    "--worlds", type=click.IntRange(2, None), default=None, metavar="N",
    help="Morris trajectories (default 10; N x (k+1) worlds) or the Sobol' base sample N "
    "(a power of 2, default 64; N x (k+2) worlds), for k parameters.",
)
@click.option(
    "--reps", type=click.IntRange(1, MAX_REPLICATIONS), default=5, show_default=True,
    help="Replications per world (the world's KPI is their mean).",
)
@click.option(
    "--params", "params", multiple=True, metavar="PATTERNS",
    help="Only these parameters: comma-separated fnmatch patterns on dotted names, e.g. "
    "'chatter.*,buying.price_ref'. Repeatable. Default: every ranged parameter the scenario uses.",
)
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=None, help="Seed (default: the scenario's).")
@click.option(
    "--days", type=click.IntRange(1, MAX_DAYS), default=None,
    help=f"Simulated days (default: the scenario's; at most {MAX_DAYS}).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the analysis as JSON (and nothing else) on stdout.")
@executor_options
@click.pass_context
def command(
    ctx: click.Context,
    file: Path,
    kpi: str,
    group: str | None,
    method: str,
    worlds: int | None,
    reps: int,
    params: tuple[str, ...],
    seed: int | None,
    days: int | None,
    as_json: bool,
    workers: int | None,
    dask: str | None,
) -> None:
    """Rank the uncertain behavioural parameters of the scenario FILE by their effect on --kpi."""

    def body(progress: ProgressBar | None) -> int:
        from simgroup.experiment.sensitivity import SensitivityError, plan_sensitivity, run_sensitivity
        from simgroup.experiment.sensitivity_text import sensitivity_report
        from simgroup.experiment.worlds import WorldError, split_patterns

        # Everything is checked and every world built before a worker starts (cheap).
        try:
            plan = plan_sensitivity(
                file, kpi=kpi, group=group, method="sobol" if method == "sobol" else "morris", worlds=worlds,
                replications=reps, params=split_patterns(params) or None, seed=seed, days=days,
            )
        except (SensitivityError, WorldError) as exc:
            for line in str(exc).splitlines():
                click.echo(f"simgroup sensitivity: {line}", err=True)
            return EXIT_USAGE
        with executor_for(workers, dask, plan.tasks) as executor:
            result = run_sensitivity(plan, progress=progress, executor=executor)
        if progress is not None:
            progress.clear()
        print_result(result, [], as_json=as_json, report=sensitivity_report)
        return 0

    ctx.exit(run_cli("sensitivity", body, as_json=as_json))
