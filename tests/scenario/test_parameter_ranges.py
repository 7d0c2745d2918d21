"""Every behavioural preset carries, in one record, its value, plausible range, grade and source.

The records live in ``simgroup/scenario/presets.py`` (``PRESET_TREE``); ``PRESETS`` and
``PARAMETER_INFO`` are derived from it. These tests fail when a parameter lacks a range, a grade
or a source, and they show that the check itself rejects such a record.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import Any

import pytest

from simgroup.scenario.parameter_info import (
    ANEC,
    ASSUME,
    CAL,
    ENGINE_SETTINGS,
    GRADES,
    OFF,
    Param,
    Section,
    Tree,
    Unranged,
    check_parameter_info,
    tree_notes,
    tree_records,
    tree_values,
)
from simgroup.scenario.params import ModelParams
from simgroup.scenario.presets import PARAMETER_INFO, PRESET_TREE, PRESETS, SECTION_NOTES, parameter_record

#: The presets without a plausible range, and why: everything else numeric must have one.
EXEMPT: dict[str, str] = {
    "tick_minutes": "the engine's time step for background hazards: a resolution, not a behaviour",
    "group_types.*.automated": "a switch: a group type is run in batches by a bot or by people",
    "actions.*.automatable": "a switch: a bot can send the action or it cannot",
    "chatter.time_of_day": "a 24-hour profile: a shape sourced as a whole, not one number",
    "arrivals.time_of_day": "a 24-hour profile: a shape sourced as a whole, not one number",
}


def _leaves(node: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every non-mapping value of a nested dict, by dotted key path."""
    for key, value in node.items():
        if isinstance(value, dict):
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _exempt(path: str) -> bool:
    return any(fnmatchcase(path, pattern) for pattern in EXEMPT)


def _is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# --------------------------------------------------------------------------- the real presets


def test_the_presets_pass_the_check() -> None:
    assert check_parameter_info() == []
    assert check_parameter_info(PRESET_TREE) == []


def test_every_numeric_preset_has_a_range_a_grade_and_a_source() -> None:
    leaves = dict(_leaves(PRESETS))
    assert leaves, "no presets"
    for path, value in leaves.items():
        record = PARAMETER_INFO.get(path)
        assert record is not None, f"{path}: no record"
        assert record.grade in GRADES, path
        assert record.source.strip(), path
        assert "DESIGN" not in record.source, f"{path}: cites a design file outside the repository"
        if _exempt(path):
            continue
        assert _is_number(value), f"{path}: {value!r} is neither a number nor a listed exemption"
        assert isinstance(record, Param), f"{path}: a number without a range"
        assert _is_number(record.low) and _is_number(record.high), path
        assert record.low <= record.value <= record.high, path
        assert record.low < record.high or record.grade == OFF, f"{path}: a point range for a non-platform value"


def test_the_exemptions_are_exactly_the_listed_keys() -> None:
    unranged = {path for path, record in PARAMETER_INFO.items() if isinstance(record, Unranged)}
    assert unranged == {path for path in PARAMETER_INFO if _exempt(path)}
    for pattern in EXEMPT:
        assert any(fnmatchcase(path, pattern) for path in unranged), f"{pattern} matches nothing"
    assert set(ENGINE_SETTINGS) <= set(EXEMPT)
    # what each kind of exemption holds
    for path in unranged:
        value = PRESETS
        for key in path.split("."):
            value = value[key]
        if path.endswith(("automated", "automatable")):
            assert isinstance(value, bool), path
        elif path.endswith("time_of_day"):
            assert isinstance(value, list) and len(value) == 24 and all(_is_number(v) for v in value), path
        else:
            assert path in ENGINE_SETTINGS, path


def test_presets_and_records_come_from_one_tree() -> None:
    leaves = dict(_leaves(PRESETS))
    assert set(PARAMETER_INFO) == set(leaves)
    for path, value in leaves.items():
        record_value = PARAMETER_INFO[path].value
        assert (list(record_value) if isinstance(record_value, tuple) else record_value) == value, path
        # ints stay ints and floats floats, so nothing downstream sees a different type
        assert type(value) is (list if isinstance(record_value, tuple) else type(record_value)), path
    assert tree_values(PRESET_TREE) == PRESETS
    assert set(SECTION_NOTES) == {"group_types.traffic", "group_types.flash_sale", "group_types.content",
                                  "group_types.checkin", "segments.coupon_hunter", "segments.super_user",
                                  "personas.welfare_officer", "personas.expert", "personas.founder",
                                  "actions", "posts", "fatigue", "demand", "reference_price", "activity"}


def test_model_params_validates_the_presets_unchanged() -> None:
    before = copy.deepcopy(PRESETS)
    dumped = ModelParams.model_validate(copy.deepcopy(PRESETS)).model_dump()
    assert before == PRESETS  # validation does not touch the presets
    assert dict(_leaves(dumped)) == dict(_leaves(PRESETS))


def test_a_record_is_looked_up_by_its_dotted_path() -> None:
    record = parameter_record("group_types.traffic.leave_base")
    assert record == Param(0.004, record.low, record.high, CAL, record.source)
    assert parameter_record("tick_minutes").value == 60
    with pytest.raises(KeyError, match=r"group_types\.traffic\.leave_base"):
        parameter_record("group_types.trafic.leave_base")
    with pytest.raises(KeyError):
        parameter_record("group_types.traffic")  # a section, not a parameter


def test_records_are_frozen() -> None:
    record = parameter_record("reading.present")
    with pytest.raises(AttributeError):
        record.low = 0.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        PARAMETER_INFO["reading.present"] = record  # type: ignore[index]


# --------------------------------------------------------------------------- the check itself


def _tiny(leaf: Any) -> Tree:
    """A one-section tree around ``leaf`` (key path ``s.x``), next to a complete record."""
    return {"s": {"ok": Param(1.0, 0.5, 2.0, ASSUME, "a complete record"), "x": leaf}}


def test_the_check_accepts_a_complete_tiny_tree() -> None:
    tree: Tree = {
        "tick_minutes": Unranged(60, ASSUME, "engine step"),
        "s": Section("a note", {
            "a": Param(0.1, 0.05, 0.2, CAL, "an anchor"),
            "fixed": Param(500, 500, 500, OFF, "a platform limit"),
            "on": Unranged(True, ANEC, "a switch"),
            "profile": Unranged(tuple([1.0] * 24), ANEC, "a day's shape"),
            "nested": {"n": Param(3, 2, 7, ASSUME, "an integer count")},
        }),
    }
    assert check_parameter_info(tree) == []
    assert tree_values(tree) == {"tick_minutes": 60, "s": {"a": 0.1, "fixed": 500, "on": True,
                                                           "profile": [1.0] * 24, "nested": {"n": 3}}}
    assert set(tree_records(tree)) == {"tick_minutes", "s.a", "s.fixed", "s.on", "s.profile", "s.nested.n"}
    assert tree_notes(tree) == {"s": "a note"}


@pytest.mark.parametrize(
    ("leaf", "complaint"),
    [
        # a record missing its range (a Param cannot be built without one, so it is spelled None)
        (Param(0.1, None, None, ASSUME, "why"), "no plausible range"),  # type: ignore[arg-type]
        (Param(0.1, 0.05, None, ASSUME, "why"), "no plausible range"),  # type: ignore[arg-type]
        (0.1, "a bare value"),  # no record at all
        (Unranged(0.1, ASSUME, "why"), "has no plausible range"),  # a number dodging its range
        (Param(0.1, 0.2, 0.3, ASSUME, "why"), "outside its range"),
        (Param(0.1, 0.1, 0.1, ASSUME, "why"), "point range"),
        (Param(0.1, 0.0, float("inf"), ASSUME, "why"), "finite"),
        (Param(0.1, 0.0, 1.0, "GUESS", "why"), "unknown grade"),  # type: ignore[arg-type]
        (Param(0.1, 0.0, 1.0, ASSUME, "  "), "no source"),
        (Param(True, 0, 1, ASSUME, "why"), "must be a number"),
        (Unranged(tuple([1.0] * 23), ANEC, "a day's shape"), "has no plausible range"),  # not 24 hours
    ],
)
def test_the_check_rejects_an_incomplete_record(leaf: Any, complaint: str) -> None:
    problems = check_parameter_info(_tiny(leaf))
    assert len(problems) == 1, problems
    assert problems[0].startswith("s.x: ") and complaint in problems[0], problems


def test_the_check_reports_every_problem_with_its_path() -> None:
    tree: Tree = {
        "a": {"x": 0.1, "y": Param(0.1, None, None, ASSUME, "")},  # type: ignore[arg-type]
        "b": Section("", {}),
    }
    problems = check_parameter_info(tree)
    assert [p.split(":")[0] for p in problems] == ["a.x", "a.y", "a.y", "b", "b"], problems


def test_a_misspelt_product_role_in_the_repurchase_cycles_is_located() -> None:
    """``model.demand.cycle_days`` takes the four product roles only: a typo is an error at its
    line, not a silently ignored key (and a missing role an engine crash)."""
    from simgroup.scenario.loader import ScenarioError, load_scenario_text

    text = ("simgroup: 1\nname: t\ndays: 2\ngroups:\n  - {id: g, type: content, initial_members: 5}\n"
            "model:\n  demand:\n    cycle_days: {repeet: 5}\n")
    try:
        load_scenario_text(text, "t.yaml")
    except ScenarioError as exc:
        message = str(exc)
    else:
        raise AssertionError("a misspelt role was accepted")
    assert "t.yaml:8:" in message and "repeet" in message, message
