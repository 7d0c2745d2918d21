from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from simgroup.experiment.replications import (
    Job,
    ReplicationTask,
    RunOptionsError,
    make_tasks,
    resolve_options,
    run_replications,
)
from simgroup.scenario.models import Scenario
from tests._fake_engine import install


def scenario(**extra: object) -> Scenario:
    return Scenario.model_validate(
        {"simgroup": 1, "name": "s", "days": 4, "seed": 11, "replications": 3,
         "groups": [{"id": "g", "type": "traffic"}], **extra}
    )


def test_defaults_come_from_the_scenario(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch)
    records = run_replications(scenario())
    assert [r.replication for r in records] == [0, 1, 2]
    assert fake.calls == [
        {"replication": i, "seed": 11, "days": 4, "record_events": i == 0} for i in range(3)
    ]
    assert records[0].events is not None and records[1].events is None


def test_overrides_and_no_events(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch)
    records = run_replications(scenario(), replications=5, seed=0, days=2, record_events_for=None)
    assert len(records) == 5 and all(r.events is None for r in records)
    assert {(c["seed"], c["days"]) for c in fake.calls} == {(0, 2)}
    assert len(records[0].daily["all"]["orders"]) == 2


def test_progress_reports_start_and_each_replication(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    seen: list[tuple[int, int]] = []
    run_replications(scenario(), replications=4, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_an_executor_gives_the_same_records_in_index_order(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    sequential = run_replications(scenario(), replications=12, record_events_for=5)
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = run_replications(scenario(), replications=12, record_events_for=5, executor=pool)
    assert [r.replication for r in parallel] == list(range(12))
    assert parallel == sequential
    assert [r.events is not None for r in parallel] == [i == 5 for i in range(12)]


def test_limits_are_checked_with_the_limit_in_the_message() -> None:
    s = scenario()
    with pytest.raises(RunOptionsError, match="between 1 and 10000"):
        resolve_options(s, replications=0)
    with pytest.raises(RunOptionsError, match="days must be between 1 and 365"):
        resolve_options(s, days=366)
    with pytest.raises(RunOptionsError, match="seed"):
        resolve_options(s, seed=-1)
    with pytest.raises(RunOptionsError, match="integer"):
        resolve_options(s, replications=2.0)  # type: ignore[arg-type]
    assert resolve_options(s, days=9).days == 9


def test_the_member_limit_is_checked_for_overridden_days() -> None:
    # 100,000 joiners a day: 400,000 over the scenario's 4 days validates; 30 days would be 3 million.
    s = scenario(
        channels=[{"id": "ads", "per_day": 100_000}],
        groups=[{"id": "g", "type": "traffic", "channels": ["ads"]}],
    )
    assert resolve_options(s).days == 4
    with pytest.raises(RunOptionsError, match="over 30 days, the scenario expects about 3,000,000 members per "
                       "replication; the limit is 2,000,000"):
        resolve_options(s, days=30)


def test_tasks_are_small_keyed_by_index_and_interleaved_across_jobs() -> None:
    s = scenario()
    tasks = make_tasks([Job(s, 11, 4)], 0, 3, record_events_for=7)  # out of range: no events
    assert tasks == [ReplicationTask(s, i, 11, 4, False) for i in range(3)]
    t = scenario(name="t")
    tasks = make_tasks([Job(s, 11, 4), Job(t, 12, 2)], 2, 4, record_events_for=3)
    assert tasks == [
        ReplicationTask(s, 2, 11, 4, False),
        ReplicationTask(t, 2, 12, 2, False),
        ReplicationTask(s, 3, 11, 4, True),
        ReplicationTask(t, 3, 12, 2, True),
    ]


# --------------------------------------------------------------------------- cancellation, plans


def test_cancelled_between_replications_raises_run_cancelled(monkeypatch: pytest.MonkeyPatch) -> None:
    from simgroup.experiment.replications import RunCancelled

    fake = install(monkeypatch)
    seen: list[int] = []
    with pytest.raises(RunCancelled) as info:
        run_replications(
            scenario(), replications=10, progress=lambda d, t: seen.append(d), cancelled=lambda: len(seen) > 3
        )
    assert len(fake.calls) == 3  # asked before each replication: stopped before the 4th
    assert (info.value.done, info.value.total) == (3, 10)


def _gated(monkeypatch: pytest.MonkeyPatch, fail_at: int | None = None) -> tuple[list[int], threading.Event]:
    """The fake engine, recording each replication it starts; replications after the third wait
    for the returned event (so a pool cannot run ahead of a cancellation), and ``fail_at`` raises."""
    real = install(monkeypatch).simulate_replication
    started: list[int] = []
    gate = threading.Event()

    def engine(s, replication, **kw):  # type: ignore[no-untyped-def]
        started.append(replication)
        if replication == fail_at:
            raise RuntimeError("boom")
        if replication > 2:
            gate.wait(10)
        return real(s, replication, **kw)

    monkeypatch.setattr(sys.modules["simgroup.engine"], "simulate_replication", engine)
    return started, gate


def test_cancelled_with_an_executor_cancels_pending_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    from simgroup.experiment.replications import RunCancelled

    started, gate = _gated(monkeypatch)
    flag = {"stop": False}

    def progress(done: int, total: int) -> None:
        flag["stop"] = done >= 2

    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            with pytest.raises(RunCancelled):
                run_replications(
                    scenario(), replications=200, progress=progress, executor=pool, cancelled=lambda: flag["stop"]
                )
        finally:
            gate.set()
    # the one task the worker had taken may finish; none of the other 196 ever starts
    assert started[:3] == [0, 1, 2] and len(started) <= 4
    # Cancelled before it started: nothing is even submitted.
    with pytest.raises(RunCancelled):
        run_replications(scenario(), replications=5, cancelled=lambda: True)


def test_an_exception_in_a_task_propagates_and_cancels_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    started, gate = _gated(monkeypatch, fail_at=2)
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            with pytest.raises(RuntimeError, match="boom"):
                run_replications(scenario(), replications=50, executor=pool)
        finally:
            gate.set()
    assert started[:3] == [0, 1, 2] and len(started) <= 4


def test_run_plan_runs_the_same_indexes_for_every_job(monkeypatch: pytest.MonkeyPatch) -> None:
    from simgroup.experiment.replications import Job, run_plan

    fake = install(monkeypatch)
    a, b = scenario(), scenario(name="other")
    seen: list[tuple[int, int]] = []
    records = run_plan([Job(a, 5, 3), Job(b, 5, 3)], 3, progress=lambda d, t: seen.append((d, t)))
    assert [[r.replication for r in recs] for recs in records] == [[0, 1, 2], [0, 1, 2]]
    # Interleaved by replication index, all at the common seed.
    assert [(c["replication"], c["seed"]) for c in fake.calls] == [(0, 5), (0, 5), (1, 5), (1, 5), (2, 5), (2, 5)]
    assert seen == [(i, 6) for i in range(7)]
    assert records[0][1].kpis == records[1][1].kpis  # the fake depends on (seed, replication) only


class _FailingExecutor:
    """An executor whose every task fails with ``exc`` (as a dead worker would make it)."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def submit(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        from concurrent.futures import Future

        future: Future[object] = Future()
        future.set_exception(self.exc)
        return future


def test_a_dead_worker_becomes_worker_lost() -> None:
    from concurrent.futures.process import BrokenProcessPool

    from simgroup.experiment.replications import WorkerLost

    class KilledWorker(Exception):  # named like distributed.scheduler.KilledWorker
        pass

    for exc in (BrokenProcessPool("a child process terminated abruptly"), KilledWorker("run_task-1")):
        with pytest.raises(WorkerLost, match="replication 0"):
            run_replications(scenario(), replications=2, executor=_FailingExecutor(exc))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a bug"):  # an error of the replication itself is not hidden
        run_replications(scenario(), replications=2, executor=_FailingExecutor(ValueError("a bug")))  # type: ignore[arg-type]
