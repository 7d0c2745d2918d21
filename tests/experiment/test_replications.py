from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from simgroup.experiment.replications import (
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


def test_tasks_are_small_and_keyed_by_index() -> None:
    s = scenario()
    tasks = make_tasks(s, resolve_options(s), record_events_for=7)  # out of range: no events
    assert tasks == [ReplicationTask(s, i, 11, 4, False) for i in range(3)]
