"""Sweeps: axis parsing, dotted paths, validation of every grid point, best setting, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simgroup.experiment.sweep import (
    MAX_GRID_POINTS,
    SweepError,
    build_grid,
    default_maximize,
    parse_axis,
    plan_sweep,
    run_sweep,
    sweep,
)
from simgroup.results import json_format

ROOT = Path(__file__).resolve().parents[2]
TRAFFIC = ROOT / "scenarios" / "traffic.yaml"  # sops.traffic_daily.3 is the 20:00 product post

TINY = """\
simgroup: 1
name: tiny
days: 3
seed: 5
replications: 2
channels:
  - {id: c, per_day: 20, add_rate: 0.5}
products:
  - {id: p, price: 10}
groups:
  - id: g
    type: traffic
    channels: [c]
    sop: s
sops:
  s:
    - {every: day, at: "09:00", do: post, kind: tips}
    - {day: 1, at: "20:00", do: flash_sale, product: p, discount: 0.5}
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- axes


def test_values_are_read_as_yaml() -> None:
    assert parse_axis("sops.s.0.at=09:00,12:00").values == ("09:00", "12:00")
    assert parse_axis("channels.0.add_rate=0.05, 0.2").values == (0.05, 0.2)
    assert parse_axis('sops.s.0.every="mon,wed",day').values == ("mon,wed", "day")
    assert parse_axis("groups.0.automated=true,false").values == (True, False)
    assert parse_axis("days=7").values == (7,)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("days", "expected dotted.path=value1"),
        ("days=", "expected dotted.path=value1"),
        ("days=1,1", "listed twice"),
        ("days=[1", "cannot read the values"),
    ],
)
def test_bad_axes(text: str, message: str) -> None:
    with pytest.raises(SweepError, match=message):
        parse_axis(text)


@pytest.mark.parametrize(
    ("axis", "message"),
    [
        ("sops.s.5.at=10:00", r"sops\.s has 2 items \(0\.\.1\); no item 5"),
        ("sops.s.first.at=10:00", r"sops\.s is a list; use an item index \(0\.\.1\), not 'first'"),
        ("sops.s.0.att=10:00", r"sops\.s\.0 has no key 'att' \(did you mean 'at'\?\); valid keys there: .*\bkind\b"),
        ("sops.nope.0.at=10:00", r"sops has no key 'nope'.*valid keys there: s$"),
        ("chanels.0.add_rate=0.1", r"the top level has no key 'chanels' \(did you mean 'channels'\?\)"),
        ("days.x=1", r"days is a value \(3\), not a section"),
        ("model.group_types.trafic.buy_base=0.1", r"model\.group_types has no key 'trafic'.*\btraffic\b"),
        ("replications=2,3", "cannot be swept \\(use --reps\\)"),
        ("days=1..2", "valid scenario"),
    ],
)
def test_bad_paths_name_the_path_and_the_valid_keys(tiny: Path, axis: str, message: str) -> None:
    with pytest.raises(SweepError, match=message):
        build_grid(tiny, [axis])


def test_a_bad_value_shows_the_scenario_diagnostic(tiny: Path) -> None:
    with pytest.raises(SweepError) as info:
        build_grid(tiny, ["sops.s.1.at=20:00,25:00"])
    text = str(info.value)
    assert "sops.s.1.at='25:00'" in text
    assert "tiny.yaml:18:" in text and "expected 'HH:MM'" in text
    with pytest.raises(SweepError, match="day 5 is beyond"):
        build_grid(tiny, ["sops.s.1.day=5"])


def test_paths_may_create_keys_the_file_leaves_to_defaults(tiny: Path) -> None:
    base, axes, grid = build_grid(tiny, ["model.group_types.traffic.buy_base=0.01,0.03", "operators.count=1,2"])
    assert [a.path for a in axes] == [("model", "group_types", "traffic", "buy_base"), ("operators", "count")]
    assert len(grid) == 4
    settings = [s for s, _ in grid]
    assert settings[0] == {"model.group_types.traffic.buy_base": 0.01, "operators.count": 1}
    assert settings[1] == {"model.group_types.traffic.buy_base": 0.01, "operators.count": 2}  # last axis fastest
    buy = [sc.params().group_types["traffic"].buy_base for _, sc in grid]
    assert buy == [0.01, 0.01, 0.03, 0.03]
    # Presets of the other group types survive the partial override.
    assert grid[0][1].params().group_types["content"] == base.params().group_types["content"]


def test_the_same_setting_twice_and_huge_grids_are_refused(tiny: Path) -> None:
    with pytest.raises(SweepError, match="the same setting"):
        build_grid(tiny, ["days=3", "days=2"])
    values = ",".join(str(i) for i in range(1, 40))
    with pytest.raises(SweepError, match=f"at most {MAX_GRID_POINTS}"):
        build_grid(tiny, [f"channels.0.per_day={values}", f"products.0.price={values}"])


def test_default_direction() -> None:
    assert default_maximize("profit") and default_maximize("conversion")
    assert not default_maximize("cac") and not default_maximize("cost_labor") and not default_maximize("left")


# --------------------------------------------------------------------------- running


def test_sweep_two_sop_settings_of_a_bundled_scenario_names_a_best() -> None:
    seen: list[tuple[int, int]] = []
    result = sweep(
        TRAFFIC,
        ["sops.traffic_daily.3.at=12:00,20:00", "sops.traffic_daily.4.discount=0.3,0.6"],
        kpi="orders",
        replications=2,
        days=3,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert len(result.points) == 4 and seen[-1] == (8, 8)
    means = [p.run.kpis["orders"].mean for p in result.points]
    best = result.best_index
    assert best is not None and means[best] == max(means)
    assert result.runner_up_index not in (None, best)
    # Every point ran the same replication indexes at the same seed (CRN across the grid).
    assert {p.run.seed for p in result.points} == {7}
    assert all([r.replication for r in p.run.records] == [0, 1] for p in result.points)
    doc = json.loads(json_format.dumps(result.to_json()))
    assert doc["kind"] == "sweep" and doc["kpi"] == "orders" and doc["goal"] == "maximize"
    assert doc["axes"] == [
        {"path": "sops.traffic_daily.3.at", "values": ["12:00", "20:00"]},
        {"path": "sops.traffic_daily.4.discount", "values": [0.3, 0.6]},
    ]
    assert doc["best"]["index"] == best and doc["best"]["settings"] == result.points[best].settings
    assert set(doc["best"]["vs_runner_up"]) >= {"mean", "ci", "significant"}
    assert len({p["scenario_sha256"] for p in doc["points"]}) == 4


def test_minimize_picks_the_smallest(tiny: Path) -> None:
    result = sweep(tiny, ["channels.0.per_day=5,40"], kpi="joined", maximize=False, replications=2)
    assert result.best_index == 0 and result.points[0].settings == {"channels.0.per_day": 5}
    assert result.points[0].run.kpis["joined"].mean < result.points[1].run.kpis["joined"].mean


def test_unknown_kpi(tiny: Path) -> None:
    with pytest.raises(SweepError, match="did you mean 'profit'"):
        sweep(tiny, ["days=2"], kpi="proft")


def test_a_plan_is_checked_before_running_and_runs_as_sweep_does(tiny: Path) -> None:
    from simgroup.experiment.replications import RunOptionsError

    with pytest.raises(RunOptionsError, match="days must be between"):  # nothing has run
        plan_sweep(tiny, ["channels.0.per_day=5,40"], days=400)
    plan = plan_sweep(tiny, ["channels.0.per_day=5,40", "days=2,3"], kpi="cac", replications=2)
    assert plan.tasks == 8 and not plan.maximize
    assert plan.settings[1] == {"channels.0.per_day": 5, "days": 3} and plan.jobs[1].days == 3
    ran = run_sweep(plan)
    assert ran.to_json() == sweep(tiny, ["channels.0.per_day=5,40", "days=2,3"], kpi="cac", replications=2).to_json()
