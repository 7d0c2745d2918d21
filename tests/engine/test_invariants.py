"""Invariants on every bundled scenario: counts add up, nothing negative, money signs hold."""

from __future__ import annotations

import glob
import math

import numpy as np
import pytest

from simgroup.engine import simulate_replication
from simgroup.kpis import KPI_NAMES
from simgroup.records import DAILY_SERIES
from simgroup.scenario.loader import load_scenario

SCENARIOS = sorted(glob.glob("scenarios/*.yaml"))


def test_there_are_bundled_scenarios() -> None:
    names = {p.rsplit("/", 1)[-1] for p in SCENARIOS}
    assert {"traffic.yaml", "flash_sale.yaml", "content.yaml", "checkin.yaml", "funnel.yaml",
            "welfare_daily.yaml"} <= names


@pytest.mark.parametrize("path", SCENARIOS)
def test_invariants_hold(path: str) -> None:
    sc = load_scenario(path)
    for rep in range(2):
        r = simulate_replication(sc, rep)
        scopes = [r.kpis, *r.group_kpis.values()]
        for k in scopes:
            assert tuple(k) == KPI_NAMES
            assert k["joined"] - k["left"] == k["members_end"]
            assert k["buyers"] <= k["joined"]
            assert k["buyers"] <= k["orders"]
            for name in ("joined", "left", "members_end", "groups_created", "messages", "buyers", "orders", "gmv",
                         "cost_acquisition", "cost_incentives", "cost_labor", "labor_hours", "invited"):
                assert k[name] >= 0, name
            for name in ("retention_12h", "retention_d1", "retention_d7", "mute_by_d3", "muted_share",
                         "folded_share", "reach_rate", "speak_rate", "conversion"):
                assert math.isnan(k[name]) or 0.0 <= k[name] <= 1.0, (name, k[name])
            costs = k["cost_acquisition"] + k["cost_incentives"] + k["cost_labor"]
            assert k["profit"] == pytest.approx(k["gross_profit"] - costs)
            assert k["gross_profit"] <= k["gmv"] + 1e-9
        assert r.kpis["joined"] > 0
        for scope, series in r.daily.items():
            assert tuple(series) == DAILY_SERIES
            for name in DAILY_SERIES:
                values = np.array(series[name])
                assert values.shape == (sc.days,)
                if name != "profit":
                    assert (values >= 0).all(), (scope, name)
            assert (np.array(series["member_has_msg"]) <= np.array(series["member_total"])).all()
            assert (np.array(series["folded"]) <= np.array(series["muted"])).all()
        # the people view: joined - left over the days equals the members at the end (spec level)
        for gid, k in r.group_kpis.items():
            d = r.daily[gid]
            assert sum(d["new_member_cnt"]) - sum(d["left_cnt"]) == k["members_end"]
            assert d["member_total"][-1] == k["members_end"]
