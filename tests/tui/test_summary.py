"""The TUI's Textual-free helpers: the plain-data views of scenarios and runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simgroup._api import simulate
from simgroup.scenario import load_scenario
from simgroup.tui.summary import chart_bands, describe_step, find_scenarios
from tests.tui.conftest import REPO


def test_describe_steps() -> None:
    scenario = load_scenario(REPO / "scenarios" / "funnel.yaml")
    steps = [describe_step(s) for s in scenario.sops["traffic_sop"]]
    assert steps[0] == "on member_join → welcome"
    assert steps[1] == "every day 09:00 → post tips"
    assert steps[2] == "day 1 20:00 → fission offspring 0.8 2d"
    assert steps[3] == "day 2 20:00 → flash_sale trial -50% stock 150 2h"
    assert steps[5] == "day 5 21:00 → migrate content"


def test_chart_bands_cumulate_per_replication(workspace: Path) -> None:
    run = simulate(workspace / "flash_sale.yaml", replications=3)
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
        "import sys, simgroup.tui, simgroup.tui.format, simgroup.tui.summary, simgroup.tui.i18n, simgroup.tui.help; "
        "print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_display_names_and_step_labels_are_shown_instead_of_ids() -> None:
    from simgroup.scenario.loader import load_scenario_text

    sc = load_scenario_text(
        "simgroup: 1\nname: n\ndays: 3\nproducts: [{id: p, name: 9.9元试用装, price: 9.9}]\n"
        "groups: [{id: g, name: 宝妈福利群, type: traffic, sop: s}]\n"
        "sops:\n  s:\n    - {day: 1, at: '20:00', do: flash_sale, product: p, discount: 0.5, lasts: 2h, label: 晚八点秒杀}\n",
        "n.yaml",
    )
    from simgroup.tui.summary import describe_step

    assert describe_step(sc.sops["s"][0]).endswith("→ 晚八点秒杀")
