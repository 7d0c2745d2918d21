"""``expect: {better_than: FILE, robust: r}``: better in at least a share of parameter worlds.

The pair is the labour-only pair of tests/experiment/test_robust.py with B's posts taking 2.5
minutes: labour = 4 posts * minutes / 60 hours exactly, so B (lower labour is better) wins
exactly in the worlds where actions.post.minutes, drawn from [1, 6], is above 2.5: about 70 % of
them. At the preset (3 minutes) B is better at every seed, so the paired part always passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simgroup.check.runner import CheckOptions, check
from simgroup.scenario import validate_text
from tests.cli.conftest import invoke
from tests.experiment.test_robust import A_TEXT

B_TEXT = A_TEXT.replace("name: posts at the preset minutes", "name: posts of 2.5 minutes").replace(
    "automated: false}", "automated: false, minutes: 2.5}"
)


def _pair(folder: Path, expect: str) -> Path:
    (folder / "a.yaml").write_text(A_TEXT, encoding="utf-8")
    b = folder / "b.yaml"
    b.write_text(B_TEXT + "expect:\n" + expect, encoding="utf-8")
    return b


def test_robust_passes_when_the_share_of_worlds_is_met_and_fails_with_where_it_loses(tmp_path: Path) -> None:
    b = _pair(tmp_path, "  - {kpi: labor_hours, better_than: a.yaml, robust: 0.5, worlds: 16}\n"
                        "  - {kpi: labor_hours, better_than: a.yaml, robust: 0.95, worlds: 16}\n")
    report = check([b], CheckOptions(replications=2))
    assert report.exit_code == 1 and not report.diagnostics
    (outcome,) = report.scenarios
    passed, failed = outcome.verdicts
    assert passed.status == "pass", passed.message
    details = passed.details["robust"]
    assert isinstance(details, dict)
    assert details["worlds"] == 16 and 0.55 <= details["share"] <= 0.85
    assert "a.yaml in " in passed.message and "at least 50% of worlds required" in passed.message
    assert failed.status == "fail" and failed.line == 18
    assert "at least 95% of worlds required" in failed.message
    assert "it loses when actions.post.minutes <= 2." in failed.message
    assert passed.name.endswith("better_than a.yaml, robust 0.5")


def test_a_knife_edge_share_passes_with_a_warning(tmp_path: Path) -> None:
    b = _pair(tmp_path, "  - {kpi: labor_hours, better_than: a.yaml, robust: 0.6, worlds: 8}\n")
    (verdict,) = check([b], CheckOptions(replications=2)).scenarios[0].verdicts
    assert verdict.status == "pass" and verdict.warning is not None and "knife edge" in verdict.warning


def test_the_command_exits_by_the_verdicts(tmp_path: Path) -> None:
    b = _pair(tmp_path, "  - {kpi: labor_hours, better_than: a.yaml, robust: 0.5, worlds: 8}\n")
    code, out, err = invoke("check", str(b), "--reps", "2")
    assert code == 0, out + err


HEAD = "simgroup: 1\nname: x\ndays: 3\ngroups:\n  - {id: g, type: traffic}\nexpect:\n"


@pytest.mark.parametrize(
    ("entry", "where", "message"),
    [
        ("{kpi: cac, at_most: 3, robust: 0.8}", "s.yaml:7:36: expect.0.robust:", "only applies to better_than"),
        ("{kpi: cac, better_than: b.yaml, robust: 1.5}", "s.yaml:7:45: expect.0.robust:",
         "expected a share of worlds in (0, 1], e.g. 0.8 for 80 % of the worlds; got 1.5"),
        ("{kpi: cac, better_than: b.yaml, robust: 0}", "s.yaml:7:45: expect.0.robust:", "got 0"),
        ("{kpi: cac, better_than: b.yaml, robust: 0.8, worlds: 1}", "s.yaml:7:58: expect.0.worlds:",
         "expected a number of worlds from 2 to 4096"),
        ("{kpi: cac, better_than: b.yaml, worlds: 8}", "s.yaml:7:45: expect.0.worlds:", "only applies to robust"),
    ],
)
def test_bad_robust_values_are_located(entry: str, where: str, message: str) -> None:
    (diagnostic,) = validate_text(HEAD + f"  - {entry}\n", "s.yaml")
    text = diagnostic.format()
    assert text.startswith(where) and message in text, text


def test_bad_robust_value_exits_2_before_anything_runs(tmp_path: Path) -> None:
    b = _pair(tmp_path, "  - {kpi: labor_hours, better_than: a.yaml, robust: 80}\n")
    code, out, err = invoke("check", str(b))
    assert code == 2 and "expect.0.robust" in out + err and "(0, 1]" in out + err


def test_a_kpi_without_a_direction_fails_without_running_worlds(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import simgroup.experiment.robust as robust

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("no world should run")

    monkeypatch.setattr(robust, "plan_robust", refuse)
    b = _pair(tmp_path, "  - {kpi: groups_created, better_than: a.yaml, robust: 0.5, worlds: 2}\n")
    (verdict,) = check([b], CheckOptions(replications=2)).scenarios[0].verdicts
    assert verdict.status == "fail" and "say `better: higher` or `better: lower`" in verdict.message
    assert "robust" not in verdict.details
