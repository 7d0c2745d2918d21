"""``simgroup run``: end to end on the bundled traffic scenario (needs the engine and the loader),
plus CLI behaviour with a fake engine (needs only the loader)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simgroup.kpis import KPI_NAMES
from tests._fake_engine import install
from tests.cli.conftest import invoke, tiny_text

ROOT = Path(__file__).resolve().parents[2]
TRAFFIC = ROOT / "scenarios" / "traffic.yaml"


def run(*args: str) -> tuple[int, str, str]:
    return invoke("run", *args)


# --------------------------------------------------------------------------- real engine, bundled scenario


def test_json_has_every_kpi_and_the_groups() -> None:
    code, out, err = run(str(TRAFFIC), "--reps", "3", "--days", "3", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["replications"] == 3 and doc["days"] == 3
    assert list(doc["kpis"]) == list(KPI_NAMES)
    assert doc["groups"]
    for group in doc["groups"].values():
        assert list(group["kpis"]) == list(KPI_NAMES)
    assert doc["kpis"]["joined"]["mean"] > 0  # the traffic scenario brings people in
    assert len(doc["daily"]["all"]["member_total"]["mean"]) == 3


def test_same_seed_is_byte_identical_and_another_seed_differs() -> None:
    args = (str(TRAFFIC), "--reps", "3", "--days", "3", "--json")
    _, first, _ = run(*args, "--seed", "1")
    _, second, _ = run(*args, "--seed", "1")
    _, other, _ = run(*args, "--seed", "2")
    assert first and first == second
    assert json.loads(other)["kpis"] != json.loads(first)["kpis"]


def test_out_writes_the_output_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(str(TRAFFIC), "--reps", "2", "--days", "2", "--json", "--out", str(out))
    assert code == 0, err
    assert {"result.json", "daily.csv", "mean_daily.csv", "events.jsonl"} <= {p.name for p in out.iterdir()}
    assert (out / "result.json").read_text("utf-8") == stdout
    assert (out / "daily.csv").read_text("utf-8").startswith("replication,stat_time,")
    assert (out / "mean_daily.csv").read_text("utf-8").startswith("stat_time,")
    events = [json.loads(line) for line in (out / "events.jsonl").read_text("utf-8").splitlines()]
    assert events and all("event" in e for e in events)


def test_plain_table_by_default() -> None:
    code, out, _ = run(str(TRAFFIC), "--reps", "2", "--days", "2")
    assert code == 0
    assert "Scenario" in out and "Group spec:" in out and "95% CI" in out
    assert not out.lstrip().startswith("{")


# --------------------------------------------------------------------------- bad input


def test_bad_file_exits_2_with_file_line_col(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(tiny_text() + "colour: blue\n", encoding="utf-8")
    code, out, err = run(str(bad))
    assert code == 2
    assert out == ""
    assert re.search(r"bad\.yaml:9:\d+: .*colour", err), err
    assert "Traceback" not in err


def test_reps_and_days_beyond_the_limits_exit_2(tiny: Path) -> None:
    code, _, err = run(str(tiny), "--reps", "0")
    assert code == 2 and "--reps" in err and "10000" in err
    code, _, err = run(str(tiny), "--days", "366")
    assert code == 2 and "--days" in err and "365" in err


# --------------------------------------------------------------------------- fake engine: CLI behaviour


def test_json_prints_only_json_and_table_shows_each_group(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch)
    # --workers 1: the fake engine lives in this process only (a pool's workers import the real one)
    code, out, err = run(str(tiny), "--json", "--reps", "3", "--workers", "1")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["scenario"]["path"] == str(tiny) and doc["seed"] == 5 and doc["replications"] == 3
    assert [c["record_events"] for c in fake.calls] == [False] * 3  # no --out: no event log needed
    code, out, _ = run(str(tiny), "--workers", "1")
    assert code == 0 and "Group spec: g" in out and "muted_share *" in out


def test_ctrl_c_exits_130_without_traceback_or_output(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, interrupt_at=1)
    out_dir = tmp_path / "out"
    code, out, err = run(str(tiny), "--out", str(out_dir), "--workers", "1")
    assert code == 130
    assert out == "" and "interrupted" in err and "Traceback" not in err
    assert not out_dir.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.yaml"]


def test_out_with_foreign_files_fails_before_simulating(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = install(monkeypatch)
    (tmp_path / "notes.txt").write_text("mine")
    code, out, err = run(str(tiny), "--out", str(tmp_path), "--workers", "1")
    assert code == 2 and "refusing to replace" in err and out == ""
    assert fake.calls == []
    assert (tmp_path / "notes.txt").read_text() == "mine"
