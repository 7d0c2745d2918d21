"""Run the replications of one scenario.

A run is a list of independent tasks ``(scenario, replication index) -> ReplicationResult``
(:class:`ReplicationTask`, executed by the module-level, picklable :func:`run_task`). Because each
replication's random numbers derive from ``(seed, replication, ...)`` and never from the worker or
the order of execution (DESIGN §3), any executor gives bit-identical records: pass a
``concurrent.futures.Executor`` (process pool, ``dask.distributed`` executor, thread pool) to run
them there, or nothing to run them one after the other in this process. Results always come back
sorted by replication index.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simgroup.results.records import ReplicationResult
from simgroup.scenario.vocabulary import MAX_DAYS, MAX_REPLICATIONS

if TYPE_CHECKING:
    from simgroup.scenario.models import Scenario

#: Seeds are non-negative 63-bit integers (the scenario schema's range).
MAX_SEED = 2**63 - 1

Progress = Callable[[int, int], None]


class RunOptionsError(ValueError):
    """A replication count, seed or horizon outside the limits; the message states the limit."""


@dataclass(frozen=True)
class ReplicationTask:
    """Everything one worker needs to run one replication (small and picklable)."""

    scenario: Scenario
    replication: int
    seed: int
    days: int
    record_events: bool


@dataclass(frozen=True)
class RunOptions:
    """Resolved run settings: the scenario's values unless overridden."""

    replications: int
    seed: int
    days: int


def resolve_options(
    scenario: Scenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
) -> RunOptions:
    """Fill in the scenario's defaults and check the limits (:class:`RunOptionsError`)."""
    reps = scenario.replications if replications is None else replications
    s = scenario.seed if seed is None else seed
    d = scenario.days if days is None else days
    for name, value, lo, hi in (
        ("replications", reps, 1, MAX_REPLICATIONS),
        ("seed", s, 0, MAX_SEED),
        ("days", d, 1, MAX_DAYS),
    ):
        if isinstance(value, bool) or not isinstance(value, int):
            raise RunOptionsError(f"{name} must be an integer, got {value!r}")
        if not lo <= value <= hi:
            raise RunOptionsError(f"{name} must be between {lo} and {hi}, got {value}")
    return RunOptions(replications=reps, seed=s, days=d)


def make_tasks(
    scenario: Scenario, options: RunOptions, *, record_events_for: int | None = 0
) -> list[ReplicationTask]:
    """One task per replication index ``0 .. replications-1``; only replication
    ``record_events_for`` (if any, and if in range) records its event log."""
    return [
        ReplicationTask(scenario, i, options.seed, options.days, record_events=(i == record_events_for))
        for i in range(options.replications)
    ]


def run_task(task: ReplicationTask) -> ReplicationResult:
    """Run one replication (imports the engine lazily so that workers pay for it only once)."""
    from simgroup.engine import simulate_replication

    return simulate_replication(
        task.scenario, task.replication, seed=task.seed, days=task.days, record_events=task.record_events
    )


def run_replications(
    scenario: Scenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
    record_events_for: int | None = 0,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> list[ReplicationResult]:
    """Run ``replications`` replications (scenario defaults for ``None``) and return their
    records sorted by replication index.

    ``progress(done, total)`` is called with ``done = 0`` before the first replication and after
    each one finishes (from the calling thread). With an ``executor`` the tasks are submitted
    there; on any exception, KeyboardInterrupt included, pending tasks are cancelled and the
    exception propagates.
    """
    options = resolve_options(scenario, replications=replications, seed=seed, days=days)
    tasks = make_tasks(scenario, options, record_events_for=record_events_for)
    total = len(tasks)
    if progress is not None:
        progress(0, total)
    results: list[ReplicationResult] = []
    if executor is None:
        for task in tasks:
            results.append(run_task(task))
            if progress is not None:
                progress(len(results), total)
        return results

    from concurrent.futures import as_completed

    futures: list[Future[ReplicationResult]] = [executor.submit(run_task, t) for t in tasks]
    try:
        for future in as_completed(futures):
            results.append(future.result())
            if progress is not None:
                progress(len(results), total)
    except BaseException:
        for f in futures:
            f.cancel()
        raise
    return sorted(results, key=lambda r: r.replication)
