"""``simgroup sweep``: table, heatmap, best setting, JSON, errors, Ctrl-C."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._fake_engine import install
from tests.cli.conftest import invoke

ROOT = Path(__file__).resolve().parents[2]
TRAFFIC = ROOT / "scenarios" / "traffic.yaml"


def sweep(*args: str) -> tuple[int, str, str]:
    return invoke("sweep", *args)


AXES = ("--set", "sops.traffic_daily.3.at=12:00,20:00", "--set", "sops.traffic_daily.4.discount=0.3,0.6")


def test_two_axes_give_a_table_a_heatmap_and_the_best() -> None:
    code, out, err = sweep(str(TRAFFIC), *AXES, "--kpi", "orders", "--reps", "2", "--days", "3")
    assert code == 0, err
    assert "4 settings, seed 7, 2 replications each, 3 days; KPI orders (maximize)" in out
    assert "Heatmap of orders" in out and "sops.traffic_daily.3.at \\ sops.traffic_daily.4.discount" in out
    assert out.count("<- best") == 1
    best = next(line for line in out.splitlines() if line.startswith("Best: "))
    assert "sops.traffic_daily.3.at=" in best and "(95% CI, n=2)" in best
    assert "vs runner-up" in out


def test_json(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    code, out, err = sweep(str(TRAFFIC), *AXES, "--reps", "2", "--json", "--workers", "1", "--minimize")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["kind"] == "sweep" and doc["kpi"] == "profit" and doc["goal"] == "minimize"
    assert len(doc["points"]) == 4 and doc["best"]["index"] in range(4)


@pytest.mark.parametrize(
    ("axis", "message"),
    [
        ("sops.traffic_daily.3.att=1", "sops.traffic_daily.3 has no key 'att' (did you mean 'at'?); valid keys there:"),
        ("sops.traffic_daily.9.at=1", "sops.traffic_daily has 6 items (0..5); no item 9"),
        ("sops.traffic_daily.3.at=25:00", "traffic.yaml:"),
    ],
)
def test_bad_paths_and_values_exit_2(axis: str, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch)
    code, out, err = sweep(str(TRAFFIC), "--set", axis, "--workers", "1")
    assert code == 2 and out == "" and message in err and "Traceback" not in err
    assert fake.calls == []  # nothing ran


def test_unknown_kpi_and_missing_set_exit_2() -> None:
    code, _, err = sweep(str(TRAFFIC), "--set", "days=2", "--kpi", "proft")
    assert code == 2 and "did you mean 'profit'" in err
    code, _, err = sweep(str(TRAFFIC))
    assert code == 2 and "--set" in err


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, interrupt_at=3)
    code, out, err = sweep(str(TRAFFIC), *AXES, "--workers", "1")
    assert code == 130 and out == "" and "interrupted" in err and "Traceback" not in err
