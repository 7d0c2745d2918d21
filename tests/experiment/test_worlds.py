"""Parameter worlds: which parameters are uncertain, drawing worlds, applying one to a scenario."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from simgroup.experiment.worlds import (
    UncertainParameter,
    WorldError,
    apply_world,
    dotted_values,
    draw_worlds,
    select_parameters,
    split_patterns,
    uncertain_parameters,
)
from simgroup.scenario.loader import load_scenario_text
from simgroup.scenario.parameter_info import Param
from simgroup.scenario.presets import PARAMETER_INFO

# A content group run by an expert with one manual tips post a day; two values set under model:.
CONTENT = """\
simgroup: 1
name: worlds
days: 3
seed: 1
audience: {regular: 0.9, super_user: 0.1}
operators: {persona: expert}
groups:
  - {id: g, type: content, initial_members: 20, sop: s}
sops:
  s:
    - {every: day, do: post, kind: tips}
model:
  group_types:
    content: {buy_base: 0.045}
  segments:
    regular: {leave_mult: 1.1}
"""


@pytest.fixture(scope="module")
def content() -> Any:
    return load_scenario_text(CONTENT)


def test_defaults_are_the_ranged_parameters_the_scenario_uses(content: Any) -> None:
    names = [p.name for p in uncertain_parameters(content)]
    assert names == [n for n in PARAMETER_INFO if n in names], "preset order"
    for used in ("group_types.content.leave_base", "personas.expert.completion", "actions.post.minutes",
                 "posts.tips.value", "segments.super_user.talk_rate", "chatter.excitation_alpha",
                 "group_types.content.death_days"):
        assert used in names
    for unused in ("group_types.traffic.", "group_types.checkin.", "personas.founder.", "personas.welfare_officer.",
                   "actions.coupon.", "actions.welcome.", "posts.ad.", "posts.story.", "segments.coupon_hunter.",
                   "checkin.", "fission.", "buying.livestream_mult", "demand.cycle_days."):
        assert not any(n.startswith(unused) for n in names), unused
    # no switch, profile or engine setting: only ranged records
    assert "tick_minutes" not in names
    assert all(isinstance(PARAMETER_INFO[n], Param) for n in names)
    assert not any(n.endswith((".automated", ".automatable", "time_of_day")) for n in names)


def test_scenario_overrides_are_held(content: Any) -> None:
    selection = select_parameters(content)
    names = {p.name for p in selection.parameters}
    assert "group_types.content.buy_base" not in names and "segments.regular.leave_mult" not in names
    assert selection.held == {"group_types.content.buy_base": 0.045, "segments.regular.leave_mult": 1.1}
    assert selection.excluded["group_types.content.buy_base"] == "override"
    assert selection.excluded["group_types.traffic.buy_base"] == "group_type"
    assert selection.unused == len(selection.excluded) - 2


def test_settings_that_shadow_a_preset_leave_it_out() -> None:
    scenario = load_scenario_text(CONTENT.replace(
        "operators: {persona: expert}", "operators: {persona: expert, completion: 1.0, delay: 5m}"
    ).replace("{every: day, do: post, kind: tips}", "{every: day, do: post, kind: tips, minutes: 2}"))
    excluded = select_parameters(scenario).excluded
    assert excluded["personas.expert.completion"] == "persona_shadowed"
    assert excluded["personas.expert.delay_minutes"] == "persona_shadowed"
    assert excluded["actions.post.minutes"] == "action_minutes"
    assert "personas.expert.conversion_mult" not in excluded


def test_patterns_filter() -> None:
    scenario = load_scenario_text(CONTENT)
    names = [p.name for p in uncertain_parameters(scenario, ["chatter.*", "buying.price_ref"])]
    assert names == ["chatter.excitation_alpha", "chatter.excitation_tau_h", "chatter.excitation_cap", "buying.price_ref"]
    assert split_patterns(["chatter.*, buying.price_ref", "", "a"]) == ["chatter.*", "buying.price_ref", "a"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("chater.*", "--params 'chater.*' matches no parameter (did you mean 'chatter.*'"),
        ("buying.price_rf", "did you mean 'buying.price_ref'"),
        ("group_types.traffic.*", "matches only parameters this scenario does not vary"),
        ("group_types.content.buy_base", "held at the scenario's value"),
    ],
)
def test_a_pattern_that_matches_nothing_is_an_error(content: Any, pattern: str, message: str) -> None:
    with pytest.raises(WorldError, match="--params") as info:
        uncertain_parameters(content, ["chatter.*", pattern])
    assert message in str(info.value)


@pytest.mark.parametrize("method", ["sobol", "lhs"])
def test_draws_are_seeded_and_inside_the_ranges(content: Any, method: Any) -> None:
    params = uncertain_parameters(content)
    a = draw_worlds(params, 16, seed=7, method=method)
    assert a.shape == (16, len(params))
    assert np.array_equal(a, draw_worlds(params, 16, seed=7, method=method))
    assert not np.array_equal(a, draw_worlds(params, 16, seed=8, method=method))
    low = np.array([p.low for p in params])
    high = np.array([p.high for p in params])
    assert np.all(a >= low) and np.all(a <= high)
    # low-discrepancy: every parameter spreads over its range, not a clump
    spread = (a.max(axis=0) - a.min(axis=0)) / (high - low)
    assert spread.min() > 0.5


def test_integer_parameters_are_rounded_and_uniform(content: Any) -> None:
    (days,) = uncertain_parameters(content, ["group_types.content.death_days"])
    assert days.integer and (days.low, days.high) == (2.0, 7.0)
    values = draw_worlds([days], 600, seed=1, method="lhs")[:, 0]
    assert np.all(values == np.round(values))
    counts = np.bincount(values.astype(int), minlength=8)[2:]
    assert counts.sum() == 600 and counts.min() >= 90  # each of 2..7 about 100 times
    for drawn, applied in ((3.4, 3), (6.5, 7), (7.4, 7), (1.6, 2)):
        world = apply_world(content, [days], [drawn])
        assert world.model.group_types["content"].death_days == applied
        assert isinstance(world.model.group_types["content"].death_days, int)


def test_apply_world_changes_exactly_those_parameters(content: Any) -> None:
    params = uncertain_parameters(content, ["segments.regular.*", "posts.tips.value", "chatter.excitation_alpha"])
    values = draw_worlds(params, 1, seed=3)[0]
    world = apply_world(content, params, values)
    before, after = dotted_values(content.model.model_dump()), dotted_values(world.model.model_dump())
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {p.name for p in params}
    for p, v in zip(params, values):
        assert after[p.name] == pytest.approx(v)
    assert world.groups == content.groups and world.sops == content.sops
    assert content.model.segments["regular"].talk_rate == PARAMETER_INFO["segments.regular.talk_rate"].value


def _all_ranged() -> list[UncertainParameter]:
    return [
        UncertainParameter(n, float(r.low), float(r.high), r.value, isinstance(r.value, int))
        for n, r in PARAMETER_INFO.items() if isinstance(r, Param)
    ]


@pytest.mark.parametrize("corner", ["low", "high"])
def test_every_world_inside_the_ranges_is_valid(content: Any, corner: str) -> None:
    """The model's constraints are intervals per field (no ordering between parameters), so the
    two corners of the box of ranges passing means every world inside it passes: no clipping."""
    params = _all_ranged()
    notes: list[str] = []
    world = apply_world(content, params, [getattr(p, corner) for p in params], notes=notes)
    assert notes == []
    assert dotted_values(world.model.model_dump())["group_types.traffic.leave_base"] == getattr(
        PARAMETER_INFO["group_types.traffic.leave_base"], corner)


def test_a_value_outside_a_model_constraint_is_clipped_with_a_note(content: Any) -> None:
    price = UncertainParameter("buying.price_ref", -10.0, 10.0, 1.0)  # the model needs > 0
    days = UncertainParameter("group_types.content.death_days", -3, 3, 3, integer=True)  # needs >= 1
    notes: list[str] = []
    world = apply_world(content, [price, days], [-5.0, -2.0], notes=notes)
    assert world.model.buying.price_ref == math.nextafter(0.0, 1.0)
    assert world.model.group_types["content"].death_days == 1
    assert sorted(notes) == [
        "buying.price_ref = -5.0 clipped to 5e-324 (the model requires > 0)",
        "group_types.content.death_days = -2 clipped to 1 (the model requires >= 1)",
    ]


def test_bad_worlds_are_errors(content: Any) -> None:
    with pytest.raises(WorldError, match="needs 1 values, got 2"):
        apply_world(content, uncertain_parameters(content, ["buying.price_ref"]), [1.0, 2.0])
    with pytest.raises(WorldError, match=r"no model parameter 'buying\.nope'"):
        apply_world(content, [UncertainParameter("buying.nope", 0, 1, 0.5)], [0.5])
    with pytest.raises(WorldError, match="at least 1"):
        draw_worlds(uncertain_parameters(content, ["buying.price_ref"]), 0, seed=1)
