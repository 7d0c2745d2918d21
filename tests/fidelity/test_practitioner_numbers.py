"""The bundled scenarios reproduce the practitioners' numbers (docs/model.md, "Measured").

Each check runs enough replications at the scenario's fixed seed that the mean is stable (its
standard error is a small fraction of the band), so these tests are deterministic and not flaky,
and they fail if a change to the model moves an outcome out of the practitioners' band.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from simgroup.engine import simulate_replication
from simgroup.records import ReplicationResult
from simgroup.scenario.loader import load_scenario
from simgroup.scenario.models import Scenario

REPS = 10


@cache
def results(name: str, reps: int = REPS) -> tuple[ReplicationResult, ...]:
    sc = load_scenario(f"scenarios/{name}.yaml")
    return tuple(simulate_replication(sc, r) for r in range(reps))


def mean(name: str, kpi: str, group: str | None = None) -> float:
    rs = results(name)
    values = [r.kpis[kpi] if group is None else r.group_kpis[group][kpi] for r in rs]
    return float(np.nanmean(values))


def daily_ratio(name: str, scope: str, num: str, den: str) -> np.ndarray:
    rs = results(name)
    n = np.mean([r.daily[scope][num] for r in rs], axis=0)
    d = np.mean([r.daily[scope][den] for r in rs], axis=0)
    return n / np.maximum(d, 1)


def labour_per_member_day(name: str) -> float:
    rs = results(name)
    member_days = np.mean([sum(r.daily["all"]["member_total"]) for r in rs])
    return mean(name, "labor_hours") / member_days


# --- traffic (流量型): 500 at night → ~160 next morning, ~80 % muted by day 3, 0.5-2 % buy


def test_traffic_overnight_drop() -> None:
    assert 0.27 <= mean("traffic", "retention_12h", "traffic") <= 0.38


def test_traffic_mute_within_three_days() -> None:
    assert 0.72 <= mean("traffic", "mute_by_d3", "traffic") <= 0.88


def test_traffic_conversion() -> None:
    assert 0.005 <= mean("traffic", "conversion") <= 0.02


def test_traffic_group_lives_about_a_week() -> None:
    assert 4.0 <= mean("traffic", "lifespan_days") <= 8.0


# --- content (内容型): up to ~40 % with an expert and a strong content SOP, 5-10 % plain


def test_content_strong_sop_with_expert_converts_30_to_45_percent() -> None:
    assert 0.30 <= mean("content", "conversion", "content") <= 0.45


def test_content_plain_sop_converts_5_to_10_percent() -> None:
    assert 0.05 <= mean("content_plain", "conversion", "content") <= 0.10


def test_content_churn_is_low() -> None:
    # monthly churn < 10 %: over the 30 days at least 90 % of the joiners are still there
    assert mean("content", "left") / mean("content", "joined") < 0.10


# --- flash sale (快闪型): between traffic and content, and the most labour


def test_flash_sale_conversion_between_traffic_and_content() -> None:
    flash = mean("flash_sale", "conversion")
    assert 0.05 <= flash <= 0.15
    assert mean("traffic", "conversion") < flash < mean("content", "conversion")


def test_flash_sale_needs_the_most_labour_per_member() -> None:
    flash = labour_per_member_day("flash_sale")
    for other in ("traffic", "content", "checkin", "welfare_daily"):
        assert flash > labour_per_member_day(other), other


def test_traffic_needs_the_least_labour_per_member() -> None:
    traffic = labour_per_member_day("traffic")
    for other in ("flash_sale", "content", "checkin"):
        assert traffic < labour_per_member_day(other), other


# --- check-in (打卡型): speaking rate ~0.7 on day 1 falling to ~0.25 by day 21


def test_checkin_speaking_rate_falls_from_07_to_025() -> None:
    rate = daily_ratio("checkin", "camp", "member_has_msg", "member_total")
    assert 0.62 <= rate[0] <= 0.80
    assert 0.18 <= rate[20] <= 0.32
    # and it falls steadily: each week's mean below the previous week's
    weeks = [rate[i: i + 7].mean() for i in (0, 7, 14)]
    assert weeks[0] > weeks[1] > weeks[2]


def test_checkin_upsell_at_camp_end() -> None:
    assert 0.10 <= mean("checkin", "conversion") <= 0.30


# --- package cards: 1000 parcels/day at 5 % ≈ 1500 joiners a month, at 20 % ≈ 6000


@pytest.mark.parametrize(("add_rate", "expected"), [(0.05, 1500), (0.20, 6000)])
def test_package_cards_fill_the_funnel(add_rate: float, expected: int) -> None:
    base = load_scenario("scenarios/traffic.yaml")
    data = base.model_dump(by_alias=True, exclude={"model"})
    data["days"] = 30
    data["channels"][0]["add_rate"] = add_rate
    data["sops"] = {}
    data["groups"][0]["sop"] = None
    sc = Scenario.model_validate(data)
    joined = np.array([simulate_replication(sc, r).kpis["joined"] for r in range(5)])
    assert abs(joined.mean() - expected) < 0.05 * expected


# --- a daily welfare group with a strong coupon: 1-3 % of members order per day (Luckin ~1.9 %)


def test_welfare_group_daily_order_rate() -> None:
    assert 0.01 <= mean("welfare_daily", "order_rate_daily") <= 0.03
