"""Precision targets: parsing, the stopping rule, and runs that add replications in batches."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import pytest

from simgroup.experiment.precision import (
    PrecisionError,
    PrecisionStatus,
    PrecisionTarget,
    more_replications,
    status_of_values,
)
from simgroup.experiment.replications import RunOptionsError, run_replications
from simgroup.results.stats import summarize
from simgroup.scenario.models import Scenario
from tests.experiment import _noisy_engine


def scenario(name: str = "a", hourly_cost: float = 100.0) -> Scenario:
    return Scenario.model_validate(
        {"simgroup": 1, "name": name, "days": 2, "seed": 3, "replications": 10,
         "operators": {"hourly_cost": hourly_cost}, "groups": [{"id": "g", "type": "traffic"}]}
    )


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("profit=5%", PrecisionTarget("profit", 0.05, relative=True)),
        ("conversion=0.01", PrecisionTarget("conversion", 0.01)),
        (" profit = 250 ", PrecisionTarget("profit", 250.0)),
        ("content.conversion=2%", PrecisionTarget("conversion", 0.02, relative=True, group="content")),
    ],
)
def test_parse(text: str, expected: PrecisionTarget) -> None:
    assert PrecisionTarget.parse(text) == expected


def test_label_round_trips() -> None:
    for text in ("profit=5%", "conversion=0.01", "content.conversion=2%"):
        assert PrecisionTarget.parse(text).label == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("profit", "expected KPI=VALUE"),
        ("=5%", "expected KPI=VALUE"),
        ("proft=5%", "did you mean 'profit'"),
        ("profit=abc", "not a number"),
        ("profit=0", "positive"),
        ("profit=-1%", "positive"),
        ("profit=nan", "positive"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(PrecisionError, match=message):
        PrecisionTarget.parse(text)


# --------------------------------------------------------------------------- the stopping rule


def status(half: float, threshold: float) -> PrecisionStatus:
    return PrecisionStatus(PrecisionTarget("profit", threshold), half, threshold, 1.0, 10)


def test_threshold_is_absolute_or_a_share_of_the_mean() -> None:
    assert PrecisionTarget("profit", 2.0).threshold(-500.0) == 2.0
    assert PrecisionTarget("profit", 0.05, relative=True).threshold(-500.0) == pytest.approx(25.0)
    assert math.isnan(PrecisionTarget("profit", 0.05, relative=True).threshold(float("nan")))


def test_status_of_values_uses_the_95_percent_interval() -> None:
    values = [1.0, 2.0, 4.0, 8.0]
    s = status_of_values(PrecisionTarget("profit", 10.0), values)
    ci = summarize(values).ci95
    assert s.half_width == pytest.approx((ci[1] - ci[0]) / 2) and s.met and s.n == 4
    assert not status_of_values(PrecisionTarget("profit", 0.1), values).met
    assert not status_of_values(PrecisionTarget("profit", 10.0), [1.0]).met  # no interval yet


def test_more_replications() -> None:
    assert more_replications([status(1.0, 2.0)], 20) == 0
    assert more_replications([status(2.0, 1.0)], 20) == 60  # h ∝ 1/sqrt(n): 4x the replications
    assert more_replications([status(1.01, 1.0)], 20) == 2  # at least max(2, n/10)
    assert more_replications([status(1.01, 1.0)], 100) == 10
    assert more_replications([status(100.0, 1.0)], 20) == 80  # at most 4n per batch
    assert more_replications([status(float("nan"), 1.0)], 20) == 20  # unknown: double
    assert more_replications([status(1.0, 0.0)], 20) == 20  # unreachable target: double
    assert more_replications([status(1.0, 2.0), status(3.0, 1.0)], 10) == 40  # the worst target decides


# --------------------------------------------------------------------------- precision runs


def test_a_run_adds_batches_until_the_target_is_met(monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    target = PrecisionTarget.parse("profit=2")  # sd ~10: needs roughly (1.96·10/2)² ≈ 100
    seen: list[tuple[int, int]] = []
    records = run_replications(scenario(), precision=[target], progress=lambda d, t: seen.append((d, t)))
    n = len(records)
    assert [r.replication for r in records] == list(range(n))
    final = status_of_values(target, [r.kpis["profit"] for r in records])
    assert final.met
    assert 60 <= n <= 250
    # The batch before the last one had not met the target (no needless extra batches).
    totals = sorted({t for _, t in seen})
    assert totals[0] == 10 and totals[-1] == n and len(totals) >= 2
    previous = status_of_values(target, [r.kpis["profit"] for r in records[: totals[-2]]])
    assert not previous.met
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == n


def test_precision_runs_are_reproducible_on_any_executor(monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    target = [PrecisionTarget.parse("profit=3%")]
    sequential = run_replications(scenario(), precision=target)
    with ThreadPoolExecutor(max_workers=3) as pool:
        parallel = run_replications(scenario(), precision=target, executor=pool)
    assert parallel == sequential


def test_the_cap_stops_a_run_that_cannot_be_met(monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    records = run_replications(scenario(), precision=[PrecisionTarget.parse("profit=0.001")], max_replications=37)
    assert len(records) == 37


def test_cap_below_the_pilot_and_unknown_group_are_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    with pytest.raises(RunOptionsError, match="max_replications must be between"):
        run_replications(scenario(), precision=[PrecisionTarget.parse("profit=1")], max_replications=5)
    with pytest.raises(PrecisionError, match="no group spec 'nope'"):
        run_replications(scenario(), precision=[PrecisionTarget.parse("nope.profit=1")])
