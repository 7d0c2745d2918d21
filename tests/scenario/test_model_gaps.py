"""Values that are each in range but contradict each other are refused at the right line."""

from __future__ import annotations

import pytest

from simgroup.scenario import ScenarioError, load_scenario_text

BASE = "simgroup: 1\nname: gaps\ndays: 5\n"


@pytest.mark.parametrize(
    ("body", "where", "fragment"),
    [
        ("channels: [{id: c, per_day: 5, start_day: 3, end_day: 1}]\ngroups: [{id: g, type: traffic, channels: [c]}]\n",
         "x.yaml:4:", "end_day (1) is before start_day (3)"),
        ("channels: [{id: c, per_day: 5, start_day: 7}]\ngroups: [{id: g, type: traffic, channels: [c]}]\n",
         "x.yaml:4:", "the channel never runs"),
        ("groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n    - {every: day, do: post, min_size: 9, max_size: 3}\n",
         "x.yaml:7:", "min_size (9) is above max_size (3)"),
        ("groups: [{id: g, type: traffic, automated: 1}]\n", "x.yaml:4:", "expected true or false, got 1"),
    ],
)
def test_contradictions_are_reported(body: str, where: str, fragment: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(BASE + body, "x.yaml")
    lines = [d.format() for d in info.value.diagnostics]
    assert any(line.startswith(where) and fragment in line for line in lines), lines


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text("simgroup: 1\nname: ''\ndays: 5\ngroups: [{id: g, type: traffic}]\n", "x.yaml")
    assert any(d.line == 2 for d in info.value.diagnostics)
