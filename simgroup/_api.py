"""The small public API the CLI and the TUI are built on: load a scenario, simulate it, compare
variants, sweep settings.

:func:`simulate` returns a single :class:`~simgroup.results.report.RunResult`; when events were
asked for, the event log of replication 0 travels on it as ``run.events`` (``None`` otherwise),
so one object carries everything a caller may want to show or write. :func:`compare` and
:func:`sweep` live in :mod:`simgroup.experiment` and are re-exported here.

Every long call takes ``progress(done, total)`` (:mod:`simgroup.experiment.progress`), an
``executor`` (:func:`simgroup.experiment.executors.make_executor`) and ``cancelled()``, polled
between replications (True raises :class:`~simgroup.experiment.replications.RunCancelled`).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING

from simgroup.experiment.compare import Comparison, compare
from simgroup.experiment.inputs import ScenarioInput, file_sha256, load_input, scenario_sha256
from simgroup.experiment.replications import (
    Cancelled,
    Progress,
    RunCancelled,
    resolve_options,
    run_replications,
)
from simgroup.experiment.robust import RobustComparison, robust_compare
from simgroup.experiment.sensitivity import SensitivityResult, sensitivity
from simgroup.experiment.sweep import SweepResult, sweep
from simgroup.results.report import RunResult

if TYPE_CHECKING:
    from simgroup.experiment.precision import PrecisionTarget

__all__ = [
    "Comparison",
    "RobustComparison",
    "RunCancelled",
    "SensitivityResult",
    "SweepResult",
    "compare",
    "file_sha256",
    "robust_compare",
    "scenario_sha256",
    "sensitivity",
    "simulate",
    "sweep",
]


def simulate(
    scenario_or_path: ScenarioInput,
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
    record_events: bool = False,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
    precision: Sequence[PrecisionTarget] | None = None,
    max_replications: int | None = None,
) -> RunResult:
    """Run a scenario (a :class:`~simgroup.scenario.Scenario`, the path of a YAML file, or a
    :class:`~simgroup.experiment.inputs.LoadedInput` already loaded, which is not read again).

    ``replications``, ``seed`` and ``days`` default to the scenario's values and are checked
    against the limits (:class:`~simgroup.experiment.replications.RunOptionsError`, a
    ``ValueError``). A path is loaded with :func:`simgroup.scenario.load_scenario` (raising
    :class:`~simgroup.scenario.ScenarioError`); ``scenario.sha256`` in the result is the file's
    hash, or for a scenario object the hash of its canonical JSON with ``scenario.path`` null.
    ``record_events`` keeps replication 0's event log as ``run.events``. ``progress(done, total)``,
    ``executor``, ``cancelled``, ``precision`` and ``max_replications`` are passed to
    :func:`~simgroup.experiment.replications.run_replications`: with precision targets
    (:class:`~simgroup.experiment.precision.PrecisionTarget`) ``replications`` is the pilot and
    more are added until every target's 95 % half-width is met or ``max_replications`` reached.
    """
    inp = load_input(scenario_or_path)
    options = resolve_options(inp.scenario, replications=replications, seed=seed, days=days)
    records = run_replications(
        inp.scenario,
        replications=options.replications,
        seed=options.seed,
        days=options.days,
        record_events_for=0 if record_events else None,
        progress=progress,
        executor=executor,
        cancelled=cancelled,
        precision=precision,
        max_replications=max_replications,
        source=inp.path,
    )
    return RunResult.from_replications(inp.scenario, inp.path, records, options.seed, options.days, inp.sha256)
