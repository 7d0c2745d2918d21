"""Global sensitivity: an acceptance test on a KPI that depends on one parameter by construction,
the JSON and text shapes, determinism across worker counts, and the CLI's errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from simgroup.experiment.replications import RunCancelled
from simgroup.experiment.sensitivity import (
    SensitivityError,
    SensitivityResult,
    plan_sensitivity,
    run_sensitivity,
    sensitivity,
)
from simgroup.experiment.sensitivity_text import sensitivity_report
from tests._fake_engine import install
from tests.cli.conftest import invoke

# Labour only. Every SOP step is a manual tips post (the content type is manual, and the steps
# say so) done by an operator who always completes it after a few minutes, long before the
# horizon; the one operator is never busy when the next post comes, and groups have no upkeep
# (held at 0 under model:), so engine/operators.py books exactly `actions.post.minutes` per post
# (ledger.labor) and nothing else. Over 2 days, 2 posts a day, in one group that cannot die
# within the horizon (death needs 3 quiet days):
#     labor_hours = 2 * 2 * minutes / 60,
# linear in actions.post.minutes and independent of anything members do (chatter, buying). The
# Morris elementary effect of a linear f(x) = s x over a range [lo, hi] is s (hi - lo) exactly.
LABOUR = """\
simgroup: 1
name: labour only
days: 2
seed: 3
replications: 2
operators: {count: 1, persona: expert, completion: 1.0, delay: 5m}
groups:
  - {id: g, type: content, initial_members: 30, sop: tips}
sops:
  tips:
    - {every: day, at: "09:00", do: post, kind: tips, automated: false}
    - {every: day, at: "15:00", do: post, kind: tips, automated: false}
model:
  group_types:
    content: {upkeep_minutes: 0}
"""
PARAMS = "actions.post.minutes,chatter.excitation_alpha,buying.price_ref"
LINEAR, INERT = "actions.post.minutes", ("chatter.excitation_alpha", "buying.price_ref")
SLOPE = 2 * 2 / 60  # labour hours per minute of a post
MINUTES_RANGE = 6.0 - 1.0  # actions.post.minutes: Param(3.0, 1.0, 6.0)


@pytest.fixture(scope="module")
def labour(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sensitivity") / "labour.yaml"
    path.write_text(LABOUR, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def morris(labour: Path) -> SensitivityResult:
    return sensitivity(labour, kpi="labor_hours", method="morris", worlds=10, replications=2, params=PARAMS.split(","))


@pytest.fixture(scope="module")
def sobol(labour: Path) -> SensitivityResult:
    return sensitivity(labour, kpi="labor_hours", method="sobol", worlds=64, replications=2, params=PARAMS.split(","))


def _row(result: SensitivityResult, name: str) -> Any:
    return next(r for r in result.rows if r.parameter.name == name)


def test_morris_finds_the_one_parameter_and_its_analytic_effect(morris: SensitivityResult) -> None:
    assert morris.rows[0].parameter.name == LINEAR
    linear = _row(morris, LINEAR)
    assert linear.values["mu_star"] == pytest.approx(SLOPE * MINUTES_RANGE, rel=0.10)
    assert linear.values["mu"] == pytest.approx(linear.values["mu_star"])  # always upwards
    assert linear.detectable and "raises labor_hours by 0.333 hours" in linear.meaning
    for name in INERT:
        row = _row(morris, name)
        low, high = row.intervals["mu_star"]
        assert low <= 0.0 <= high and not row.detectable
    assert morris.held == {"group_types.content.upkeep_minutes": 0.0}


def test_sobol_gives_the_linear_parameter_all_the_variance(sobol: SensitivityResult) -> None:
    assert sobol.rows[0].parameter.name == LINEAR
    linear = _row(sobol, LINEAR)
    for index in ("S1", "ST"):
        low, high = linear.intervals[index]
        assert low <= 1.0 <= high or abs(linear.values[index] - 1.0) <= 0.1
    assert abs(linear.values["S1"] - 1.0) <= 0.1
    for name in INERT:
        row = _row(sobol, name)
        for index in ("S1", "ST"):
            low, high = row.intervals[index]
            assert low <= 0.0 <= high, (name, index)
    assert sobol.runs == 64 * (3 + 2) and sobol.distinct_worlds == sobol.runs


def test_json_shape(morris: SensitivityResult, sobol: SensitivityResult) -> None:
    doc = morris.to_json()
    assert list(doc) == ["schema_version", "simgroup_version", "kind", "scenario", "method", "kpi", "group", "unit",
                         "seed", "replications", "days", "design", "kpi_over_worlds", "noise", "parameters", "held",
                         "unused", "notes"]
    assert doc["kind"] == "sensitivity" and doc["method"] == "morris" and doc["unit"] == "hours"
    assert doc["design"]["trajectories"] == 10 and doc["design"]["runs"] == 10 * 4
    assert doc["design"]["replications_run"] == doc["design"]["distinct_worlds"] * 2
    first = doc["parameters"][0]
    assert list(first) == ["rank", "name", "range", "preset", "integer", "mu_star", "mu_star_ci95", "mu", "sigma",
                           "detectable", "meaning"]
    assert first["rank"] == 1 and first["range"] == [1.0, 6.0] and first["preset"] == 3.0
    assert doc["held"] == [{"name": "group_types.content.upkeep_minutes", "value": 0.0}]
    s = sobol.to_json()["parameters"][0]
    assert list(s) == ["rank", "name", "range", "preset", "integer", "ST", "ST_ci95", "S1", "S1_ci95",
                       "detectable", "meaning"]
    json.loads(morris.to_json_text())  # NaN-free, valid JSON


def test_text_report(morris: SensitivityResult, sobol: SensitivityResult) -> None:
    text = sensitivity_report(morris)
    assert "Morris elementary effects: 10 trajectories x (3 parameters + 1) = 40 worlds" in text
    assert "Held at the scenario's values (set under model:): group_types.content.upkeep_minutes=0" in text
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if "mu* (hours)" in line and "95% CI" in line)
    assert lines[header + 1].split()[:3] == ["1", LINEAR, "0.333"]
    bar = next(line for line in lines if line.strip().startswith(LINEAR) and "#" in line)
    assert bar.count("#") == 40
    assert all("#" not in line for line in lines if line.strip().startswith(INERT))
    text = sensitivity_report(sobol)
    assert "ST" in text and "S1 95% CI" in text and "explains" in text


def test_group_kpi_and_seeded_design(labour: Path) -> None:
    kwargs: dict[str, Any] = {"kpi": "labor_hours", "worlds": 2, "replications": 1, "params": [LINEAR]}
    a = plan_sensitivity(labour, group="g", **kwargs)
    b = plan_sensitivity(labour, group="g", **kwargs)
    assert (a.design == b.design).all()
    assert not (a.design == plan_sensitivity(labour, seed=4, **kwargs).design).all()
    result = run_sensitivity(a)
    assert result.group == "g" and result.rows[0].values["mu_star"] == pytest.approx(SLOPE * MINUTES_RANGE)
    assert any("one replication per world" in n for n in result.notes)


def test_cancelled_between_replications(labour: Path) -> None:
    plan = plan_sensitivity(labour, kpi="labor_hours", worlds=2, replications=1, params=[LINEAR])
    with pytest.raises(RunCancelled):
        run_sensitivity(plan, cancelled=lambda: True)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kpi": "labor_hour"}, "did you mean 'labor_hours'"),
        ({"kpi": "labor_hours", "group": "gg"}, "no group spec 'gg'"),
        ({"kpi": "labor_hours", "method": "sobol", "worlds": 48}, "must be a power of 2 (e.g. 32 or 64)"),
        ({"kpi": "labor_hours", "worlds": 1}, "at least 2"),
    ],
)
def test_bad_requests(labour: Path, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(SensitivityError) as info:
        plan_sensitivity(labour, **kwargs)
    assert message in str(info.value)


# --------------------------------------------------------------------------- the command


def test_cli_text_and_json(labour: Path) -> None:
    args = ("sensitivity", str(labour), "--kpi", "labor_hours", "--params", PARAMS, "--worlds", "4", "--reps", "2")
    code, out, err = invoke(*args, "--workers", "1")
    assert code == 0, err
    assert out.startswith("Sensitivity of labor_hours (the scenario) in labour only")
    assert "mu* (hours) by parameter (bars scaled to the largest):" in out
    code, one, err = invoke(*args, "--json", "--workers", "1")
    assert code == 0, err
    code, two, err = invoke(*args, "--json", "--workers", "2")
    assert code == 0, err
    assert one == two  # byte-identical for any worker count
    doc = json.loads(one)
    assert doc["kind"] == "sensitivity" and doc["parameters"][0]["name"] == LINEAR


def test_cli_sobol_json_is_the_same_on_two_workers(labour: Path) -> None:
    args = ("sensitivity", str(labour), "--kpi", "labor_hours", "--params", "chatter.*,actions.post.minutes",
            "--method", "sobol", "--worlds", "8", "--reps", "2", "--json")
    _, one, _ = invoke(*args, "--workers", "1")
    code, two, err = invoke(*args, "--workers", "2")
    assert code == 0, err
    assert one == two and json.loads(one)["design"]["base_sample"] == 8


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--kpi", "labour"), "simgroup sensitivity: unknown KPI 'labour'"),
        (("--kpi", "labor_hours", "--params", "chater.*"),
         "simgroup sensitivity: --params 'chater.*' matches no parameter (did you mean 'chatter.*'?)"),
        (("--kpi", "labor_hours", "--method", "sobol", "--worlds", "100"),
         "simgroup sensitivity: --worlds 100: the Sobol' base sample N must be a power of 2 (e.g. 64 or 128)"),
        (("--kpi", "labor_hours", "--group", "h"), "simgroup sensitivity: no group spec 'h'"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(labour: Path, extra: tuple[str, ...], message: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch)
    code, out, err = invoke("sensitivity", str(labour), *extra, "--workers", "1")
    assert code == 2 and out == "" and err.startswith(message) and err.count("\n") == 1, err
    assert fake.calls == []  # nothing ran


def test_cli_ctrl_c_exits_130(labour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, interrupt_at=3)
    code, out, err = invoke("sensitivity", str(labour), "--kpi", "labor_hours", "--params", PARAMS, "--workers", "1")
    assert code == 130 and out == "" and "interrupted" in err and "Traceback" not in err
