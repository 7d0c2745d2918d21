"""``model: uncertainty:``: a scenario narrows or fixes the ranges parameter worlds draw from."""

from __future__ import annotations

from pathlib import Path

import pytest

from simgroup.experiment.robust import plan_robust
from simgroup.experiment.worlds import draw_worlds, select_parameters
from simgroup.scenario import load_scenario_text, validate_text
from simgroup.scenario.presets import PARAMETER_INFO
from tests.experiment.test_robust import A_TEXT

HEAD = "simgroup: 1\nname: x\ndays: 3\ngroups:\n  - {id: g, type: traffic}\nmodel:\n"


def _scenario(model: str):  # type: ignore[no-untyped-def]
    return load_scenario_text(HEAD + model)


def test_a_narrowed_range_is_drawn_from_and_a_fixed_parameter_is_held() -> None:
    s = _scenario("  uncertainty:\n    chatter.excitation_alpha: [0.4, 0.45]\n    chatter.excitation_cap: fixed\n")
    selection = select_parameters(s, ["chatter.*"])
    by_name = {p.name: p for p in selection.parameters}
    alpha = by_name["chatter.excitation_alpha"]
    assert (alpha.low, alpha.high) == (0.4, 0.45)
    assert "chatter.excitation_cap" not in by_name
    assert selection.excluded["chatter.excitation_cap"] == "fixed"
    assert selection.held["chatter.excitation_cap"] == PARAMETER_INFO["chatter.excitation_cap"].value
    values = draw_worlds([alpha], 64, seed=1)[:, 0]
    assert values.min() >= 0.4 and values.max() <= 0.45
    # Without the block the plausible range is drawn, and the parameter is not held.
    plain = {p.name: p for p in select_parameters(_scenario("  {}\n"), ["chatter.*"]).parameters}
    assert plain["chatter.excitation_alpha"].low == PARAMETER_INFO["chatter.excitation_alpha"].low
    assert "chatter.excitation_cap" in plain


def test_a_world_keeps_the_uncertainty_block(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    a.write_text(A_TEXT + "  uncertainty:\n    actions.post.minutes: [2.0, 3.0]\n", encoding="utf-8")
    b = tmp_path / "b.yaml"
    b.write_text(A_TEXT, encoding="utf-8")
    # A narrows the range, B does not: the worlds draw from the intersection, for both.
    plan = plan_robust(a, b, worlds=8, replications=1, params=["actions.post.minutes"])
    (p,) = plan.parameters
    assert (p.low, p.high) == (2.0, 3.0)
    minutes = {job.scenario.model.actions["post"].minutes for job in plan.jobs}
    assert len(minutes) == 8 and all(2.0 <= m <= 3.0 for m in minutes)


@pytest.mark.parametrize(
    ("entry", "where", "message"),
    [
        ("chatter.excitation_alpa: [0.35, 0.4]", "s.yaml:8:5: model.uncertainty.chatter.excitation_alpa:",
         "unknown parameter 'chatter.excitation_alpa'"),
        ("chatter.excitation_alpha: [0.1, 0.4]", "s.yaml:8:5: model.uncertainty.chatter.excitation_alpha:",
         "[0.1, 0.4] is not inside chatter.excitation_alpha's plausible range [0.3, 0.6]"),
        ("chatter.excitation_alpha: [0.5, 0.4]", "s.yaml:8:5:", "has its low end above its high end"),
        ("chatter.excitation_alpha: fix", "s.yaml:8:31:", "expected `fixed` or a range [low, high]"),
        ("tick_minutes: fixed", "s.yaml:8:19:", "tick_minutes has no range to vary"),
    ],
)
def test_bad_entries_are_located(entry: str, where: str, message: str) -> None:
    (diagnostic,) = validate_text(HEAD + f"  uncertainty:\n    {entry}\n", "s.yaml")
    text = diagnostic.format()
    assert text.startswith(where) and message in text, text


def test_a_misspelt_name_gets_did_you_mean() -> None:
    (diagnostic,) = validate_text(HEAD + "  uncertainty:\n    chatter.excitation_alpa: fixed\n", "s.yaml")
    assert "did you mean 'chatter.excitation_alpha'?" in diagnostic.format()


def test_a_value_set_under_model_cannot_also_be_narrowed() -> None:
    text = HEAD + "  chatter: {excitation_alpha: 0.5}\n  uncertainty:\n    chatter.excitation_alpha: [0.35, 0.4]\n"
    (diagnostic,) = validate_text(text, "s.yaml")
    assert diagnostic.format().startswith("s.yaml:9:5: model.uncertainty.chatter.excitation_alpha: ")
    assert "is set under model: (0.5), so it is held" in diagnostic.format()
    # `fixed` for a value also set says the same thing twice: accepted.
    assert validate_text(text.replace("[0.35, 0.4]", "fixed"), "s.yaml") == []
