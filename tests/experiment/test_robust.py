"""Robust comparison: a pair whose winner flips at a known threshold, the bundled content pair,
determinism across executors, the JSON and text shapes, and the command's errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simgroup.experiment.executors import make_executor
from simgroup.experiment.replications import RunCancelled
from simgroup.experiment.robust import (
    RobustComparison,
    RobustError,
    RobustKpi,
    analyse,
    plan_robust,
    robust_compare,
    run_robust,
)
from simgroup.experiment.robust_text import robust_report
from simgroup.experiment.worlds import WorldError
from tests._fake_engine import install
from tests.cli.conftest import invoke

ROOT = Path(__file__).resolve().parents[2]

# Labour only (the labour scenario of test_sensitivity.py): every SOP step is a manual tips post
# that the one operator always completes, groups have no upkeep, so
#     labor_hours = posts * minutes / 60   (4 posts over 2 days)
# exactly, whatever members do. A's posts take the preset `actions.post.minutes` (drawn from
# [1, 6] in each world); B's steps say `minutes: 3.5` themselves. B has fewer labour hours (lower
# is better) exactly when actions.post.minutes > 3.5: the decision flips at 3.5, in that
# parameter alone (the chatter parameters varied beside it do not touch labour).
A_TEXT = """\
simgroup: 1
name: posts at the preset minutes
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
B_TEXT = A_TEXT.replace("name: posts at the preset minutes", "name: posts of 3.5 minutes").replace(
    "automated: false}", "automated: false, minutes: 3.5}"
)
THRESHOLD = 3.5
PARAMS = ["actions.post.minutes", "chatter.*"]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("robust")
    a, b = folder / "a.yaml", folder / "b.yaml"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return a, b


@pytest.fixture(scope="module")
def flip(pair: tuple[Path, Path]) -> RobustComparison:
    return robust_compare(*pair, worlds=32, replications=2, params=PARAMS)


def test_the_flip_parameter_and_its_threshold_are_found(flip: RobustComparison) -> None:
    labour = flip.kpis["labor_hours"]
    assert labour.better == "lower"
    # Sobol' points fill [1, 6] evenly: about (6 - 3.5) / 5 of the worlds are above the threshold.
    assert 0.35 <= labour.share <= 0.65
    assert labour.wins + labour.losses == 32 and labour.close == 0
    assert labour.flip_parameters == ["actions.post.minutes"]
    (rule,) = labour.rules
    (condition,) = rule.conditions
    assert condition.above is None and condition.at_most is not None  # B loses at or below it
    assert condition.at_most == pytest.approx(THRESHOLD, rel=0.20)
    assert rule.flipped == rule.worlds == labour.losses  # a clean cut: every loss, nothing else
    assert labour.sentence().startswith("B wins on labor_hours in ")
    assert "it loses when actions.post.minutes <= 3." in labour.sentence()
    # Each world's difference is the closed form: 4 posts * (3.5 - minutes) / 60 hours.
    minutes = flip.plan.design[:, [p.name for p in flip.plan.parameters].index("actions.post.minutes")]
    expected = 4 * (THRESHOLD - minutes) / 60
    assert labour.differences == pytest.approx(list(expected), abs=1e-9)


def test_kpis_the_variants_share_tie_in_every_world(flip: RobustComparison) -> None:
    conversion = flip.kpis["conversion"]
    assert conversion.ties == conversion.defined == 32 and conversion.rules == []
    assert conversion.sentence() == "B and the baseline are equal on conversion in every world"


def test_json_and_text(flip: RobustComparison) -> None:
    doc = json.loads(flip.to_json_text())
    assert doc["kind"] == "robust_comparison" and doc["worlds"] == 32 and doc["replications"] == 2
    assert [v["role"] for v in doc["variants"]] == ["baseline", "variant"]
    assert doc["parameters"][0]["name"] == "actions.post.minutes"
    labour = doc["kpis"]["labor_hours"]
    assert set(labour) >= {"share", "share_ci", "wins", "losses", "ties", "close", "difference", "rules", "summary"}
    assert labour["share_ci"][0] <= labour["share"] <= labour["share_ci"][1]
    assert labour["rules"][0]["conditions"][0]["parameter"] == "actions.post.minutes"
    assert len(doc["world_values"]) == 32 and "labor_hours" in doc["world_values"][0]["differences"]
    assert "groups_created" not in doc["kpis"]  # no better direction: no winner to count
    text = robust_report(flip)
    assert text.startswith("Robust comparison of the scenario: B against A in 32 worlds")
    assert "Where the decision flips:" in text and "labor_hours" in text


def test_same_world_at_common_random_numbers(pair: tuple[Path, Path]) -> None:
    plan = plan_robust(*pair, worlds=4, replications=2, params=PARAMS)
    assert len(plan.jobs) == 8 and plan.tasks == 16
    for w in range(4):
        a, b = plan.jobs[2 * w], plan.jobs[2 * w + 1]
        assert a.seed == b.seed and a.days == b.days
        assert a.scenario.model.chatter == b.scenario.model.chatter  # the same world in both


def test_a_parameter_one_variant_holds_keeps_its_value(pair: tuple[Path, Path], tmp_path: Path) -> None:
    held = tmp_path / "held.yaml"
    held.write_text(B_TEXT + "  chatter: {excitation_alpha: 0.5}\n", encoding="utf-8")
    plan = plan_robust(pair[0], held, worlds=4, replications=1, params=PARAMS)
    assert plan.held[1] == {"chatter.excitation_alpha": 0.5}
    assert all(job.scenario.model.chatter.excitation_alpha == 0.5 for job in plan.jobs[1::2])
    assert len({job.scenario.model.chatter.excitation_alpha for job in plan.jobs[0::2]}) == 4
    assert any("chatter.excitation_alpha: held at 0.5 in" in n for n in plan.notes)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"worlds": 1}, RobustError, "--worlds must be an integer between 2 and 4,096"),
        ({"params": ["chater.*"]}, WorldError, "did you mean 'chatter.*'?"),
        ({"group": "h"}, RobustError, "no group spec 'h'"),
    ],
)
def test_bad_requests(pair: tuple[Path, Path], kwargs: dict[str, object], error: type[Exception],
                      message: str) -> None:
    with pytest.raises(error, match=message.replace("*", r"\*").replace("?", r"\?")):
        plan_robust(*pair, **kwargs)  # type: ignore[arg-type]


def test_cancelled_between_replications(pair: tuple[Path, Path]) -> None:
    plan = plan_robust(*pair, worlds=4, replications=2, params=PARAMS)
    calls = iter(range(100))
    with pytest.raises(RunCancelled):
        run_robust(plan, cancelled=lambda: next(calls) >= 3)


# --------------------------------------------------------------------------- the bundled pair


def test_the_strong_content_sop_wins_on_conversion_in_almost_every_world() -> None:
    # content.yaml (expert persona, daily value content, two livestreams a week) against
    # content_plain.yaml (weekly product posts): the practitioners' 30-40 % against 5-10 %
    # conversion. Short and light (10 days, 2 replications, 32 worlds) so it stays in the
    # default suite; measured: it wins in all 32 (and in all 64 at 5 replications, 30 days).
    result = robust_compare(ROOT / "scenarios" / "content_plain.yaml", ROOT / "scenarios" / "content.yaml",
                            worlds=32, replications=2, days=10)
    conversion = result.kpis["conversion"]
    assert conversion.defined == 32
    assert conversion.share >= 0.95, conversion.sentence()
    assert conversion.quantiles["p50"] > 0.02  # by more than 2 percentage points in the median world


# --------------------------------------------------------------------------- executors and the command


def test_json_is_byte_identical_on_one_two_workers_and_dask(pair: tuple[Path, Path], dask_address: str) -> None:
    args = ("compare", str(pair[0]), str(pair[1]), "--robust", "--worlds", "8", "--reps", "2",
            "--params", ",".join(PARAMS), "--json")
    code, one, err = invoke(*args, "--workers", "1")
    assert code == 0, err
    code, two, err = invoke(*args, "--workers", "2")
    assert code == 0, err
    plan = plan_robust(*pair, worlds=8, replications=2, params=PARAMS)
    with make_executor(dask=dask_address) as executor:
        on_dask = analyse(run_robust(plan, executor=executor)).to_json_text()
    assert one == two == on_dask
    assert json.loads(one)["worlds"] == 8
    code, again, _ = invoke(*args, "--workers", "1")
    assert again == one  # same seed, same bytes


def test_cli_text(pair: tuple[Path, Path]) -> None:
    code, out, err = invoke("compare", str(pair[0]), str(pair[1]), "--robust", "--worlds", "8", "--reps", "1",
                            "--params", "actions.post.minutes", "--workers", "1")
    assert code == 0, err
    assert "B against A in 8 worlds" in out and "it loses when actions.post.minutes <=" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--worlds", "8"), "Error: --worlds, --params and --group need --robust"),
        (("--robust", "--precision", "conversion=1%"), "Error: --precision and --max-reps do not apply"),
        (("--robust", "--params", "chater.*"),
         "simgroup compare: --params 'chater.*' matches no parameter (did you mean 'chatter.*'?)"),
        (("--robust", "--group", "h"), "simgroup compare: no group spec 'h'"),
    ],
)
def test_cli_bad_input_exits_2(pair: tuple[Path, Path], extra: tuple[str, ...], message: str,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch)
    code, out, err = invoke("compare", str(pair[0]), str(pair[1]), *extra, "--workers", "1")
    assert code == 2 and out == "" and message in err, err
    assert fake.calls == []  # nothing ran


def test_cli_robust_needs_two_files(pair: tuple[Path, Path]) -> None:
    code, _, err = invoke("compare", str(pair[0]), str(pair[1]), str(pair[0]), "--robust")
    assert code == 2 and "--robust compares exactly two scenario files" in err


def test_cli_ctrl_c_exits_130(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, interrupt_at=3)
    code, out, err = invoke("compare", str(pair[0]), str(pair[1]), "--robust", "--worlds", "4", "--workers", "1")
    assert code == 130 and out == "" and "interrupted" in err and "Traceback" not in err


def _kpi(wins: int, losses: int, ties: int, close: int = 0) -> RobustKpi:
    n = wins + losses + ties
    return RobustKpi("profit", "higher", [], close, wins, losses, ties, wins / n, (0.0, 1.0), {}, 0.0, [])


@pytest.mark.parametrize(
    ("kpi", "sentence"),
    [
        (_kpi(8, 0, 0), "B wins on profit in every world (8 of 8)"),
        (_kpi(0, 0, 8), "B and the baseline are equal on profit in every world"),
        (_kpi(0, 6, 2), "B never wins on profit (6 losses, 2 ties in 8 worlds)"),
        (_kpi(2, 0, 6), "B wins on profit in only 25% of worlds (2 of 8) and ties in the others (it is never worse)"),
        (_kpi(6, 2, 0, close=2), "B wins on profit in 75% of worlds (6 of 8); no simple rule in these parameters "
                                 "says where it loses; 2 of the 8 worlds are within replication noise"),
    ],
)
def test_the_result_in_words(kpi: RobustKpi, sentence: str) -> None:
    assert kpi.sentence() == sentence
