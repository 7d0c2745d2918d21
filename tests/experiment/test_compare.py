"""compare(): common random numbers, paired differences, Bonferroni, JSON, cancellation."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from simgroup.experiment.compare import Comparison, bonferroni, compare
from simgroup.experiment.precision import PrecisionTarget
from simgroup.experiment.replications import RunCancelled
from simgroup.kpis import KPI_NAMES
from simgroup.results import json_format
from simgroup.results.stats import paired_difference
from simgroup.scenario.models import Scenario
from tests.experiment import _noisy_engine

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


def scenario(name: str, hourly_cost: float = 100.0, seed: int = 3, days: int = 2) -> Scenario:
    return Scenario.model_validate(
        {"simgroup": 1, "name": name, "days": days, "seed": seed, "replications": 8,
         "operators": {"hourly_cost": hourly_cost}, "groups": [{"id": "g", "type": "traffic"}]}
    )


# --------------------------------------------------------------------------- real engine


def test_a_scenario_compared_with_itself_differs_by_exactly_zero() -> None:
    path = SCENARIOS / "traffic.yaml"
    cmp = compare([path, path], replications=3, days=2)
    assert cmp.replications == 3 and cmp.days == 2 and len(cmp.variants) == 2
    checked = 0
    for diffs in (cmp.differences[1], *cmp.group_differences[1].values()):
        assert set(diffs) == set(KPI_NAMES)
        for d in diffs.values():
            if d.n_a == 0:  # undefined in every replication (e.g. retention_d7 over 2 days)
                continue
            assert d.mean == 0.0 and d.ci == (0.0, 0.0) and not d.significant
            checked += 1
    assert checked > 40
    assert cmp.differences[0] == {} and cmp.group_differences[0] == {}


def test_a_loaded_input_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI loads each file once (to size its pool) and passes it on: compare() does not
    read it again, and the result names the file as if the path had been passed."""
    import simgroup.scenario as scenario_package
    from simgroup.experiment.inputs import load_input

    path = SCENARIOS / "traffic.yaml"
    loaded = load_input(path)
    monkeypatch.setattr(scenario_package, "load_scenario", lambda *a, **k: pytest.fail("loaded again"))
    cmp = compare([loaded, loaded], replications=2, days=2)
    assert load_input(loaded) is loaded
    assert cmp.variants[0].scenario_path == str(path) and cmp.variants[0].scenario_sha256 == loaded.sha256


def test_bundled_variants_paired_interval_is_narrower_than_welch() -> None:
    """content.yaml vs content_plain.yaml (same audience, same seed): CRN pays off."""
    cmp = compare([SCENARIOS / "content.yaml", SCENARIOS / "content_plain.yaml"], replications=6, days=10)
    # Arrivals and the churn they bring are shared, so these gain most; money KPIs of two very
    # different SOPs gain little (docs/experiments.md has the numbers).
    for kpi in ("joined", "members_end"):
        paired, welch = cmp.difference(1, kpi), cmp.welch(1, kpi)
        assert paired.mean == pytest.approx(welch.mean)
        assert paired.ci[1] - paired.ci[0] < welch.ci[1] - welch.ci[0], kpi
    # The same arrivals in both variants: joined is identical replication by replication.
    assert cmp.variants[0].values("joined") == cmp.variants[1].values("joined")


# --------------------------------------------------------------------------- statistics (noisy fake)


def test_paired_differences_use_crn_and_bonferroni(monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    a, b, c = scenario("a", 100), scenario("b", 103), scenario("c", 100)
    cmp = compare([a, b, c], replications=30)
    assert cmp.comparisons == 2 and cmp.difference_confidence == pytest.approx(0.975)
    d = cmp.difference(1, "profit")
    expected = paired_difference(cmp.variants[1].values("profit"), cmp.variants[0].values("profit"), confidence=0.975)
    assert d == expected and d.confidence == pytest.approx(0.975)
    assert d.significant and 2.0 < d.mean < 4.0  # +3 by construction
    assert not cmp.difference(2, "profit").significant  # c is a with other own-noise
    width = lambda x: x.ci[1] - x.ci[0]  # noqa: E731
    assert width(cmp.welch(1, "profit")) > 4 * width(d)  # sd 10 shared vs sqrt(2) own
    assert cmp.group_differences[1]["g"]["profit"] == d


def test_two_variants_are_not_adjusted() -> None:
    assert bonferroni(0.95, 1) == 0.95
    assert bonferroni(0.95, 4) == pytest.approx(0.9875)
    with pytest.raises(ValueError):
        bonferroni(1.0, 2)


def test_common_seed_days_and_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    cmp = compare([scenario("a", seed=3, days=2), scenario("b", seed=9, days=4)], replications=2)
    assert (cmp.seed, cmp.days) == (3, 2)
    assert all(v.seed == 3 and v.days == 2 for v in cmp.variants)
    assert any("common seed 3" in n for n in cmp.notes) and any("common 2 days" in n for n in cmp.notes)
    explicit = compare([scenario("a"), scenario("b", seed=9)], replications=2, seed=5)
    assert explicit.seed == 5 and explicit.notes == ()


def test_progress_counts_every_variant_and_cancel_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    seen: list[tuple[int, int]] = []
    compare([scenario("a"), scenario("b"), scenario("c")], replications=4, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, 12) for i in range(13)]
    seen.clear()
    with pytest.raises(RunCancelled):
        compare([scenario("a"), scenario("b")], replications=50,
                progress=lambda d, t: seen.append((d, t)), cancelled=lambda: len(seen) > 5)
    assert seen[-1][0] == 5


def test_needs_two_scenarios() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        compare([scenario("a")])


def test_precision_adds_replications_to_every_variant(monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    target = PrecisionTarget.parse("profit=0.5")  # paired sd ~1.4: about 35 pairs
    cmp = compare([scenario("a"), scenario("b", 101)], replications=5, precision=[target])
    assert 20 <= cmp.replications <= 120
    assert all(v.replications == cmp.replications for v in cmp.variants)
    (status,) = cmp.precision([target])
    assert status.met and status.half_width <= 0.5


# --------------------------------------------------------------------------- JSON


def test_json_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    cmp = compare([scenario("a"), scenario("b", 104)], replications=5)
    doc = json.loads(json_format.dumps(cmp.to_json()))  # serialisable without NaN
    assert doc["kind"] == "comparison" and doc["method"] == "paired"
    assert (doc["seed"], doc["replications"], doc["days"]) == (3, 5, 2)
    assert doc["confidence"] == 0.95 and doc["comparisons"] == 1 and doc["difference_confidence"] == 0.95
    assert [v["scenario"]["name"] for v in doc["variants"]] == ["a", "b"]
    assert doc["variants"][0] == cmp.variants[0].to_json()
    assert doc["differences"][0] is None
    diff = doc["differences"][1]
    assert diff["variant"] == 1 and list(diff["kpis"]) == list(KPI_NAMES) and list(diff["groups"]) == ["g"]
    profit = diff["kpis"]["profit"]
    assert set(profit) == {"mean", "se", "ci", "confidence", "df", "n", "p_value", "significant"}
    assert profit["significant"] is True and profit["n"] == 5
    assert math.isclose(profit["mean"], cmp.difference(1, "profit").mean)


def test_from_runs_rejects_unpaired_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import simgroup

    _noisy_engine.install(monkeypatch)
    a = simgroup.simulate(scenario("a"), replications=3)
    b = simgroup.simulate(scenario("b"), replications=4)
    with pytest.raises(ValueError, match="same replication indexes"):
        Comparison.from_runs([a, b])
