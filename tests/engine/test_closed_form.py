"""The model against closed-form expectations, with z-bands over fixed-seed replications."""

from __future__ import annotations

import math

import numpy as np

from tests.engine.conftest import CONSTANT_LEAVE, build, kpi, run

Z = 4.0


def _z(sample: np.ndarray, expected: float, sd_one: float) -> float:
    return abs(sample.mean() - expected) / (sd_one / math.sqrt(sample.size))


def test_constant_leave_hazard_gives_exponential_survival() -> None:
    lam = 0.01  # per hour
    model = {**CONSTANT_LEAVE, "group_types": {"content": {**CONSTANT_LEAVE["group_types"]["content"], "leave_base": lam}}}
    sc = build(days=8, groups=[{"id": "g", "type": "content", "initial_members": 500}], model=model)
    results = run(sc, 12)
    for name, hours in (("retention_12h", 12), ("retention_d1", 24), ("retention_d7", 168)):
        p = math.exp(-lam * hours)
        sample = kpi(results, name)
        assert _z(sample, p, math.sqrt(p * (1 - p) / 500)) < Z, (name, sample.mean(), p)
    # the daily leavers follow the exponential density day by day
    left = np.mean([r.daily["all"]["left_cnt"] for r in results], axis=0)
    expected = 500 * (np.exp(-lam * 24 * np.arange(8)) - np.exp(-lam * 24 * np.arange(1, 9)))
    assert np.all(np.abs(left - expected) < 4 * np.sqrt(expected / 12) + 1e-9)


def test_no_hazard_keeps_everyone() -> None:
    model = {**CONSTANT_LEAVE, "group_types": {"content": {**CONSTANT_LEAVE["group_types"]["content"], "leave_base": 0.0}}}
    sc = build(days=5, model=model)
    (r,) = run(sc, 1)
    assert r.kpis["left"] == 0 and r.kpis["members_end"] == 100 and r.kpis["retention_d1"] == 1.0


def test_poisson_inflow_has_the_right_mean_and_variance() -> None:
    rate = 1000 * 0.05  # package cards per day x add rate
    days = 10
    sc = build(
        days=days,
        channels=[{"id": "cards", "per_day": 1000, "add_rate": 0.05, "hours": "10:00-22:00"}],
        groups=[{"id": "g", "type": "traffic", "channels": ["cards"], "initial_groups": 0}],
    )
    joined = kpi(run(sc, 40), "joined")
    mean = rate * days
    assert _z(joined, mean, math.sqrt(mean)) < Z
    # sample variance / mean of a Poisson count ~ 1 (chi-square with 39 df: 99.99 % band)
    ratio = joined.var(ddof=1) / mean
    assert 0.35 < ratio < 1.9, ratio


def test_arrivals_respect_the_channel_hours() -> None:
    sc = build(
        days=3,
        channels=[{"id": "cards", "per_day": 300, "hours": "10:00-14:00"}],
        groups=[{"id": "g", "type": "traffic", "channels": ["cards"], "initial_groups": 0}],
    )
    (r,) = run(sc, 1, record_events=True)
    joins = [e["time"] % 1440 for e in r.events if e["event"] == "add_member"]
    assert len(joins) > 500
    assert min(joins) >= 600 and max(joins) < 840


def test_fission_matches_the_branching_process_expectation() -> None:
    """With participation p and mean offspring K, invited / seeded joiners = pK / (1 - pK)."""
    p, k, seeds = 0.5, 1.0, 100
    model = {
        **CONSTANT_LEAVE,
        "group_types": {"content": {**CONSTANT_LEAVE["group_types"]["content"], "leave_base": 0.0}},
        "reading": {"present": 1.0},
        "operators": {"auto_completion": 1.0},
    }
    sc = build(
        days=20,
        groups=[{"id": "g", "type": "content", "initial_members": seeds, "sop": "s"}],
        sops={"s": [{"day": 0, "at": "00:30", "do": "fission", "offspring": k, "participation": p,
                     "lasts": "20d", "automated": True}]},
        model=model,
    )
    results = run(sc, 40)
    invited = kpi(results, "invited")
    # the total progeny of a Galton-Watson tree with Poisson(pK)-thinned offspring
    m = p * k
    expected = seeds * m / (1 - m)
    # offspring per member ~ Bernoulli(p)·Poisson(K): variance p·K + p(1-p)·K²; total progeny
    # variance for one seed is σ² / (1 - m)³
    var_one = (p * k + p * (1 - p) * k * k) / (1 - m) ** 3
    assert _z(invited, expected, math.sqrt(seeds * var_one)) < Z, (invited.mean(), expected)
    k_factor = kpi(results, "k_factor")
    assert abs(k_factor.mean() - m / (1 - m)) < 0.25
