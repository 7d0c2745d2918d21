"""Tiny builders for engine tests: a scenario from a few keys, and a run of N replications."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest

from simgroup.engine import simulate_replication
from simgroup.records import ReplicationResult
from simgroup.scenario.models import Scenario

BASE: dict[str, Any] = {
    "simgroup": 1,
    "name": "test",
    "days": 7,
    "seed": 1,
    "audience": {"regular": 1.0},
    "operators": {"count": 1, "persona": "expert"},
    "groups": [{"id": "g", "type": "content", "initial_members": 100}],
}


def build(**overrides: Any) -> Scenario:
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(overrides))
    return Scenario.model_validate(data)


def run(scenario: Scenario, reps: int, **kwargs: Any) -> list[ReplicationResult]:
    return [simulate_replication(scenario, r, **kwargs) for r in range(reps)]


def kpi(results: list[ReplicationResult], name: str, group: str | None = None) -> np.ndarray:
    if group is None:
        return np.array([r.kpis[name] for r in results])
    return np.array([r.group_kpis[group][name] for r in results])


#: model overrides that switch off every modifier of the leave hazard (a constant hazard remains):
#: no early spike, no muting, no trust effect, no frailty, no push fatigue, no clearing of quiet groups
CONSTANT_LEAVE: dict[str, Any] = {
    "group_types": {"content": {"leave_early_mult": 0.0, "mute_base": 0.0, "mute_early_mult": 0.0, "fold_base": 0.0}},
    "member": {"trust_leave_coef": 0.0, "leave_frailty_cv": 0.0},
    "personas": {"expert": {"leave_mult": 1.0, "trust_boost": 0.0}},
    "fatigue": {"mute_rate": 0.0, "fold_rate": 0.0, "leave_rate": 0.0},
    "activity": {"clear_rate": 0.0},
}


@pytest.fixture
def builder():
    return build
