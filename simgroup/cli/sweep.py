"""``simgroup sweep FILE --set dotted.path=v1,v2 [--set ...]``: a grid of settings of one scenario.

Each ``--set`` is an axis: a dotted path into the scenario document (mapping keys by name, list
items by index: ``sops.traffic_daily.2.at=09:00,12:00,20:00``, ``channels.0.add_rate=0.05,0.2``,
``model.group_types.traffic.buy_base=0.01,0.02``) and its values, read as YAML (quote a value
containing a comma). Every grid point is re-validated with the scenario models before anything
runs; all points run at the same seed and replication indexes. Output: a table of the chosen KPI
per point, a text heatmap when there are two axes, and the best setting with its 95% CI and its
paired difference to the runner-up; or with ``--json`` the sweep document (``docs/experiments.md``).

Exit codes: 0 done; 2 bad input or usage (a bad path names the path and lists the valid keys at
that level; a bad value shows the scenario diagnostic); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

from pathlib import Path

import click

from simgroup.cli._experiment import (
    ProgressBar,
    executor_for,
    executor_options,
    print_result,
    run_cli,
    run_settings_options,
)
from simgroup.cli._language import language_option


@click.command("sweep")
@language_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--set",
    "sets",
    multiple=True,
    required=True,
    metavar="PATH=V1,V2,...",
    help="An axis of the grid: a dotted path into the scenario and its values. Repeatable.",
)
@click.option("--kpi", default="profit", show_default=True, help="The KPI that picks the best setting.")
@click.option(
    "--maximize/--minimize",
    "maximize",
    default=None,
    help="Whether the best setting has the largest or smallest KPI (default: smallest for costs, "
    "cac, churn and mute KPIs, largest otherwise).",
)
@run_settings_options(reps_help="Replications per setting", default_from="the scenario's", json_what="sweep")
@executor_options
@click.pass_context
def command(
    ctx: click.Context,
    file: Path,
    sets: tuple[str, ...],
    kpi: str,
    maximize: bool | None,
    reps: int | None,
    seed: int | None,
    days: int | None,
    as_json: bool,
    workers: int | None,
    dask: str | None,
) -> None:
    """Run the scenario FILE over a grid of --set values and report the best setting for --kpi."""

    def body(progress: ProgressBar | None) -> int:
        from simgroup.experiment.sweep import plan_sweep, run_sweep
        from simgroup.experiment.text import sweep_report

        # Check the KPI, every axis and grid point and the options before starting workers (all cheap).
        plan = plan_sweep(file, list(sets), kpi=kpi, maximize=maximize, replications=reps, seed=seed, days=days)
        with executor_for(workers, dask, plan.tasks) as executor:
            result = run_sweep(plan, progress=progress, executor=executor)
        if progress is not None:
            progress.clear()
        print_result(result, [], as_json=as_json, report=sweep_report)
        return 0

    ctx.exit(run_cli("sweep", body, as_json=as_json))
