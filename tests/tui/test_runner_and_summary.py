"""The TUI's Textual-free helpers: the run / compare adapter and the plain-data views."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from simgroup.scenario import load_scenario
from simgroup.tui import runner
from simgroup.tui.summary import chart_bands, describe_step, find_scenarios
from tests.tui.conftest import REPO


def test_run_scenario_reports_progress_and_matches_simulate(workspace: Path) -> None:
    from simgroup._api import simulate

    seen: list[tuple[int, int]] = []
    run = runner.run_scenario(workspace / "flash_sale.yaml", replications=2, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert run.to_json() == simulate(workspace / "flash_sale.yaml", replications=2).to_json()


def test_run_scenario_cancels_between_replications(workspace: Path) -> None:
    done: list[int] = []
    with pytest.raises(runner.Cancelled):
        runner.run_scenario(
            workspace / "flash_sale.yaml",
            replications=5,
            progress=lambda d, t: done.append(d),
            cancelled=lambda: len(done) >= 2,
        )
    assert max(done) < 5


def test_compare_fallback_pairs_by_replication(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [workspace / "flash_sale.yaml", workspace / "flash_sale_deep.yaml", workspace / "flash_sale.yaml"]
    local = runner._compare_here(paths, 3, None, None, lambda d, t: None)
    assert [len(d) for d in local.differences] == [0, 31, 31]
    assert local.confidence == pytest.approx(0.975)  # Bonferroni, 2 comparisons
    assert local.differences[2]["gmv"].mean == 0  # a scenario against itself
    library = runner.compare_scenarios(paths, replications=3)
    for i in (1, 2):
        for kpi, d in local.differences[i].items():
            other = library.differences[i][kpi]
            assert (d.mean == other.mean) or (math.isnan(d.mean) and math.isnan(other.mean)), kpi


def test_compare_needs_two() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        runner.compare_scenarios([REPO / "scenarios" / "traffic.yaml"])


def test_describe_steps() -> None:
    scenario = load_scenario(REPO / "scenarios" / "funnel.yaml")
    steps = [describe_step(s) for s in scenario.sops["traffic_sop"]]
    assert steps[0] == "on member_join → welcome"
    assert steps[1] == "every day 09:00 → post tips"
    assert steps[2] == "day 1 20:00 → fission offspring 0.8 2d"
    assert steps[3] == "day 2 20:00 → flash_sale trial -50% stock 150 2h"
    assert steps[5] == "day 5 21:00 → migrate content"


def test_chart_bands_cumulate_per_replication(workspace: Path) -> None:
    run = runner.run_scenario(workspace / "flash_sale.yaml", replications=3)
    bands = chart_bands(run)
    assert bands["member_total"].days == list(range(1, 7))
    per_rep = [sum(r.daily["all"]["profit"]) for r in run.records]
    assert bands["profit_cum"].mean[-1] == pytest.approx(sum(per_rep) / 3)
    assert bands["profit_cum"].has_interval
    assert chart_bands(run, "flash")["gmv_cum"].mean[-1] == pytest.approx(
        sum(sum(r.daily["flash"]["gmv"]) for r in run.records) / 3
    )


def test_find_scenarios_skips_hidden_folders(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.yaml").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    assert find_scenarios(tmp_path) == [tmp_path / "a.yaml", tmp_path / "sub" / "b.yml"]
    assert find_scenarios(tmp_path / "a.yaml") == [tmp_path / "a.yaml"]
    assert find_scenarios(tmp_path / "missing") == []


def test_tui_helpers_do_not_import_textual() -> None:
    code = (
        "import sys, simgroup.tui, simgroup.tui.runner, simgroup.tui.summary, simgroup.tui.i18n, simgroup.tui.help; "
        "print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
