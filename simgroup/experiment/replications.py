"""Run the replications of one or more scenarios.

A run is a list of independent tasks ``(scenario, replication index) -> ReplicationResult``
(:class:`ReplicationTask`, executed by the module-level, picklable :func:`run_task`). Because each
replication's random numbers derive from ``(seed, replication, ...)`` and never from the worker or
the order of execution (docs/model.md), any executor gives bit-identical records: pass a
``concurrent.futures.Executor`` (process pool, ``dask.distributed`` executor, thread pool; see
:mod:`simgroup.experiment.executors`) to run them there, or nothing to run them one after the
other in this process. Results always come back sorted by replication index.

:func:`run_plan` is the engine room shared by ``run``, ``compare`` and ``sweep``: it runs the same
replication indexes of several scenarios (so a comparison gets common random numbers), in batches
when a precision rule asks for more (:mod:`simgroup.experiment.precision`), reports progress
through one callback (:mod:`simgroup.experiment.progress`) and stops between replications when
``cancelled()`` says so, raising :class:`RunCancelled`. A worker process that dies mid-run
(killed, out of memory) raises :class:`WorkerLost` instead of the executor's own error. A
replication that passes its work budget (:mod:`simgroup.engine.budget`) raises
:class:`~simgroup.scenario.ScenarioError` with one diagnostic at the SOP step that did it, located
in the job's ``source`` file when there is one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from simgroup.engine.budget import WorkLimitExceeded
from simgroup.errors import SimgroupError
from simgroup.experiment.progress import Progress, ProgressTally
from simgroup.records import ReplicationResult
from simgroup.scenario.vocabulary import MAX_DAYS, MAX_REPLICATIONS

if TYPE_CHECKING:
    from simgroup.experiment.precision import PrecisionTarget
    from simgroup.scenario import ScenarioError
    from simgroup.scenario.models import Scenario

__all__ = [
    "MAX_SEED",
    "Cancelled",
    "Job",
    "Progress",
    "ReplicationTask",
    "RunCancelled",
    "RunOptions",
    "RunOptionsError",
    "WorkerLost",
    "execute",
    "kpi_values",
    "make_tasks",
    "resolve_options",
    "run_batched",
    "run_plan",
    "run_replications",
    "run_task",
]

#: Seeds are non-negative 63-bit integers (the scenario schema's range).
MAX_SEED = 2**63 - 1

#: ``cancelled()`` is polled between replications; True stops the experiment.
Cancelled = Callable[[], bool]

#: How often (seconds) a run waiting on an executor wakes up to poll ``cancelled()``.
_POLL_SECONDS = 0.1


class RunOptionsError(SimgroupError, ValueError):
    """A replication count, seed or horizon outside the limits; the message states the limit."""


class WorkerLost(SimgroupError, RuntimeError):
    """A worker process died while running a replication (killed, out of memory): the executor
    cannot finish the run. Not a bug in the scenario; rerunning (with fewer workers) may work."""


class RunCancelled(SimgroupError):
    """The caller's ``cancelled()`` returned True between replications; nothing is returned.

    ``done`` replications had finished out of the ``total`` planned when the run stopped.
    """

    def __init__(self, done: int = 0, total: int = 0) -> None:
        super().__init__(f"cancelled after {done} of {total} replications")
        self.done = done
        self.total = total


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


@dataclass(frozen=True)
class Job:
    """One scenario of a plan, with the seed and horizon it runs at, and the file it came from
    (to locate a problem found while running it; None for a scenario built in code)."""

    scenario: Scenario
    seed: int
    days: int
    source: str | os.PathLike[str] | None = None


def resolve_options(
    scenario: Scenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
) -> RunOptions:
    """Fill in the scenario's defaults and check the limits (:class:`RunOptionsError`), including
    the member limit over the resolved ``days`` (validation checked it only for the scenario's)."""
    from simgroup.scenario.models import member_limit_problem

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
    too_big = member_limit_problem(scenario, d)
    if too_big is not None:
        raise RunOptionsError(f"over {d} days, {too_big}")
    return RunOptions(replications=reps, seed=s, days=d)


def resolve_cap(replications: int, max_replications: int | None) -> int:
    """The replication cap of a precision run (checked: at least ``replications``, at most
    the scenario limit)."""
    from simgroup.experiment.precision import DEFAULT_MAX_REPLICATIONS

    cap = max(DEFAULT_MAX_REPLICATIONS, replications) if max_replications is None else max_replications
    if isinstance(cap, bool) or not isinstance(cap, int):
        raise RunOptionsError(f"max_replications must be an integer, got {cap!r}")
    if not replications <= cap <= MAX_REPLICATIONS:
        raise RunOptionsError(
            f"max_replications must be between the initial replications ({replications}) "
            f"and {MAX_REPLICATIONS}, got {cap}"
        )
    return cap


def make_tasks(
    jobs: Sequence[Job], start: int, stop: int, *, record_events_for: int | None = None
) -> list[ReplicationTask]:
    """One task per job and replication index ``start .. stop-1``, interleaved by index
    (replication ``start`` of every job, then ``start + 1``, ...); only replication
    ``record_events_for`` (if any, and if in range) records its event log."""
    return [
        ReplicationTask(job.scenario, i, job.seed, job.days, record_events=(i == record_events_for))
        for i in range(start, stop)
        for job in jobs
    ]


def run_task(task: ReplicationTask) -> ReplicationResult:
    """Run one replication (imports the engine lazily so that workers pay for it only once)."""
    from simgroup.engine import simulate_replication

    return simulate_replication(
        task.scenario, task.replication, seed=task.seed, days=task.days, record_events=task.record_events
    )


def execute(
    tasks: Sequence[ReplicationTask],
    *,
    executor: Executor | None = None,
    tally: ProgressTally | None = None,
    cancelled: Cancelled | None = None,
) -> list[ReplicationResult]:
    """Run ``tasks`` and return their results in task order.

    Without an executor the tasks run here, one after the other, and ``cancelled()`` is asked
    before each. With one, every task is submitted at once (the pool queues them) and the
    calling thread waits, waking at least every 0.1 s to ask ``cancelled()``. On cancellation
    (:class:`RunCancelled`) or any other exception, KeyboardInterrupt included, every task not yet
    started is cancelled before the exception propagates; tasks already running in worker
    processes finish or are stopped by the executor's owner
    (:func:`~simgroup.experiment.executors.make_executor` terminates its workers).
    """
    results: list[ReplicationResult | None] = [None] * len(tasks)

    def stop_if_cancelled() -> None:
        if cancelled is not None and cancelled():
            raise RunCancelled(tally.done if tally else 0, tally.total if tally else len(tasks))

    if executor is None:
        for i, task in enumerate(tasks):
            stop_if_cancelled()
            try:
                results[i] = run_task(task)
            except WorkLimitExceeded as exc:
                # run_plan() reads it back with getattr: the engine's exception does not declare it.
                exc.task = i
                raise
            if tally is not None:
                tally.advance()
        return [r for r in results if r is not None]

    stop_if_cancelled()
    # A pool from make_executor can tell when a worker died (see executors._Pool); others cannot.
    lost_worker: Callable[[], bool] | None = getattr(executor, "lost_worker", None)
    index: dict[Future[ReplicationResult], int] = {}
    try:
        for i, task in enumerate(tasks):
            index[executor.submit(run_task, task)] = i
        pending: set[Future[ReplicationResult]] = set(index)
        while pending:
            done, pending = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            # Deterministic hand-off order within one wake-up (progress only; results are indexed).
            for future in sorted(done, key=index.__getitem__):
                try:
                    results[index[future]] = _result(future, tasks[index[future]])
                except WorkLimitExceeded as exc:
                    exc.task = index[future]
                    raise
                if tally is not None:
                    tally.advance()
            stop_if_cancelled()
            if pending and lost_worker is not None and lost_worker():
                raise WorkerLost("a worker process died (killed, or out of memory?); the run was stopped")
    except BaseException:
        for future in index:
            future.cancel()
        raise
    return [r for r in results if r is not None]


def _result(future: Future[ReplicationResult], task: ReplicationTask) -> ReplicationResult:
    """The future's result; a dead worker (a broken process pool, Dask's KilledWorker after its
    retries) becomes :class:`WorkerLost`. Errors raised by the replication itself propagate."""
    try:
        return future.result()
    except BrokenExecutor as exc:
        raise WorkerLost(
            f"a worker process died while running replication {task.replication} "
            "(killed, or out of memory?); the run was stopped"
        ) from exc
    except Exception as exc:
        if type(exc).__name__ == "KilledWorker":  # distributed.scheduler.KilledWorker, not imported here
            raise WorkerLost(f"Dask workers kept dying while running replication {task.replication}: {exc}") from exc
        raise


def run_plan(
    jobs: Sequence[Job],
    replications: int,
    *,
    more: Callable[[list[list[ReplicationResult]]], int] | None = None,
    max_replications: int | None = None,
    record_events_for: int | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
) -> list[list[ReplicationResult]]:
    """Run replications ``0 .. n-1`` of every job, ``n`` starting at ``replications``, and
    return one list of records per job, sorted by replication index.

    Every job runs the *same* replication indexes, so jobs at the same seed share their random
    numbers (common random numbers). Tasks are interleaved by index (replication 0 of every job,
    then 1, ...) so a partial run is balanced across jobs. After each batch, ``more(records)``
    (if given) says how many replications to add to every job; the plan stops when it says 0 or
    when ``max_replications`` is reached. ``progress`` counts replications over all jobs.
    """
    n_jobs = len(jobs)
    cap = replications if more is None else resolve_cap(replications, max_replications)
    tally = ProgressTally(progress, n_jobs * replications)
    tally.start()
    records: list[list[ReplicationResult]] = [[] for _ in jobs]
    start, stop = 0, replications
    while True:
        tasks = make_tasks(jobs, start, stop, record_events_for=record_events_for)
        try:
            results = execute(tasks, executor=executor, tally=tally, cancelled=cancelled)
        except WorkLimitExceeded as exc:
            raise located_limit(exc, jobs[(exc.task or 0) % n_jobs].source) from None
        for k, result in enumerate(results):
            records[k % n_jobs].append(result)
        if more is None or stop >= cap:
            break
        extra = min(more(records), cap - stop)
        if extra <= 0:
            break
        start, stop = stop, stop + extra
        tally.grow(n_jobs * extra)
    for r in records:
        r.sort(key=lambda x: x.replication)
    return records


#: Replications run per call of :func:`run_batched`: the records of one batch are reduced before
#: the next starts, so memory does not grow with the number of jobs.
BATCH_REPLICATIONS = 2000

T = TypeVar("T")


def run_batched(
    jobs: Sequence[Job],
    replications: int,
    reduce: Callable[[list[ReplicationResult]], T],
    *,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
) -> list[T]:
    """``reduce(records)`` of every job, its records being replications ``0 .. replications-1``
    (:func:`run_plan`: common random numbers across jobs at the same seed). The jobs run in
    batches of about :data:`BATCH_REPLICATIONS` replications, each batch reduced before the next
    starts (many worlds, little memory); ``progress`` counts replications over all jobs and a
    cancellation reports them too."""
    total = len(jobs) * replications
    per_batch = max(1, BATCH_REPLICATIONS // replications)
    out: list[T] = []
    for start in range(0, len(jobs), per_batch):
        offset = start * replications
        forward: Progress | None = None
        if progress is not None:
            report = progress

            def forward(done: int, _total: int, offset: int = offset, report: Progress = report) -> None:
                report(offset + done, total)

        try:
            records = run_plan(jobs[start:start + per_batch], replications, progress=forward,
                               executor=executor, cancelled=cancelled)
        except RunCancelled as exc:
            raise RunCancelled(offset + exc.done, total) from None
        out += [reduce(recs) for recs in records]
    return out


def located_limit(exc: WorkLimitExceeded, source: str | os.PathLike[str] | None) -> ScenarioError:
    """``exc`` as a :class:`~simgroup.scenario.ScenarioError` with one diagnostic at the SOP step
    that passed the limit (``file:line:col`` when ``source`` can be read again, else line 0)."""
    from simgroup.scenario import ScenarioError
    from simgroup.scenario.diagnostics import Diagnostic
    from simgroup.scenario.located_yaml import load_yaml_file

    file, line, col = "<scenario>", 0, 0
    if source is not None:
        file = str(source)
        with contextlib.suppress(OSError, ScenarioError):  # changed or gone since loaded: no position
            line, col = load_yaml_file(source).locate(exc.path, at_key=True)
    return ScenarioError([Diagnostic(file, line, col, exc.path, exc.message)])


def precision_rule(
    targets: Sequence[PrecisionTarget],
) -> Callable[[list[list[ReplicationResult]]], int]:
    """The ``more`` callback of a single-scenario precision run (95 % CI of each target KPI)."""
    from simgroup.experiment.precision import more_replications, status_of_values

    def more(records: list[list[ReplicationResult]]) -> int:
        (recs,) = records
        statuses = [status_of_values(t, kpi_values(recs, t.kpi, t.group)) for t in targets]
        return more_replications(statuses, len(recs))

    return more


def kpi_values(records: Sequence[ReplicationResult], kpi: str, group: str | None = None) -> list[float]:
    """Per-replication values of ``kpi`` (scenario-level, or of group spec ``group``), NaN where
    a record lacks it, in the records' order."""
    nan = float("nan")
    if group is None:
        return [float(r.kpis.get(kpi, nan)) for r in records]
    return [float(r.group_kpis.get(group, {}).get(kpi, nan)) for r in records]


def run_replications(
    scenario: Scenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
    record_events_for: int | None = 0,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
    precision: Sequence[PrecisionTarget] | None = None,
    max_replications: int | None = None,
    source: str | os.PathLike[str] | None = None,
) -> list[ReplicationResult]:
    """Run ``replications`` replications (scenario defaults for ``None``) and return their
    records sorted by replication index.

    ``progress(done, total)`` is called with ``done = 0`` before the first replication and after
    each one finishes (from the calling thread). With an ``executor`` the tasks are submitted
    there; on any exception, KeyboardInterrupt included, pending tasks are cancelled and the
    exception propagates. ``cancelled()`` is polled between replications: when it returns True
    the run raises :class:`RunCancelled`. With ``precision`` targets, replications are added in
    batches until every target is met or ``max_replications`` is reached (see
    :mod:`simgroup.experiment.precision`). ``source`` is the scenario's file, where a problem found
    while running (a work limit) is located.
    """
    options = resolve_options(scenario, replications=replications, seed=seed, days=days)
    for target in precision or ():
        target.check_group(g.id for g in scenario.groups)
    (records,) = run_plan(
        [Job(scenario, options.seed, options.days, source)],
        options.replications,
        more=precision_rule(precision) if precision else None,
        max_replications=max_replications,
        record_events_for=record_events_for,
        progress=progress,
        executor=executor,
        cancelled=cancelled,
    )
    return records
