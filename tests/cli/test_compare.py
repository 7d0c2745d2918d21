"""``simgroup compare``: table, JSON, errors, Ctrl-C."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from simgroup.kpis import KPI_NAMES
from tests._fake_engine import install
from tests.cli.conftest import invoke, tiny_text
from tests.experiment import _noisy_engine

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "scenarios" / "content.yaml"
PLAIN = ROOT / "scenarios" / "content_plain.yaml"


def compare(*args: str) -> tuple[int, str, str]:
    return invoke("compare", *args)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(tiny_text("A variant"), encoding="utf-8")
    b.write_text(tiny_text("B variant"), encoding="utf-8")
    return a, b


def test_self_comparison_json_has_zero_differences() -> None:
    code, out, err = compare(str(CONTENT), str(CONTENT), "--reps", "2", "--days", "2", "--json", "--workers", "2")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["kind"] == "comparison" and len(doc["variants"]) == 2 and doc["differences"][0] is None
    diffs = doc["differences"][1]["kpis"]
    assert list(diffs) == list(KPI_NAMES)
    defined = [d for d in diffs.values() if d["n"] > 0]
    assert defined and all(d["mean"] == 0 and d["ci"] == [0, 0] and not d["significant"] for d in defined)


def test_table_marks_significant_differences() -> None:
    code, out, err = compare(str(CONTENT), str(PLAIN), "--reps", "3", "--days", "5")
    assert code == 0, err
    assert "A  Content group" in out and "[baseline]" in out and "B - A [95% CI]" in out
    assert "Group spec: content" in out
    sent = next(line for line in out.splitlines() if line.strip().startswith("tasks_sent"))
    assert sent.rstrip().endswith("sig")  # the strong content SOP has far more steps than the plain one
    joined = next(line for line in out.splitlines() if line.strip().startswith("joined"))
    assert "0.0 [0.0, 0.0]" in joined  # same arrivals under CRN


def test_three_variants_are_bonferroni_adjusted(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    a, b = pair
    code, out, err = compare(str(a), str(b), str(a), "--workers", "1")
    assert code == 0, err
    assert "B - A [97.5% CI]" in out and "C - A [97.5% CI]" in out and "Bonferroni over 2 comparisons" in out
    code, out, _ = compare(str(a), str(b), str(a), "--workers", "1", "--json")
    assert json.loads(out)["difference_confidence"] == 0.975


def test_precision_adds_replications_and_reports_its_status(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Profit differs between the two names by noise of sd ~1.4 around a mean of ~60: 1 % of the
    # baseline's mean takes a few dozen pairs, far more than the files' 2 replications.
    _noisy_engine.install(monkeypatch)
    a, b = pair
    code, out, err = compare(str(a), str(b), "--workers", "1", "--precision", "profit=1%", "--json")
    assert code == 0, err
    doc = json.loads(out)
    (status,) = doc["precision"]
    assert status["target"] == "profit=1%" and status["met"] is True
    baseline_mean = doc["variants"][0]["kpis"]["profit"]["mean"]
    assert status["threshold"] == pytest.approx(0.01 * abs(baseline_mean))
    assert 0 < status["half_width"] <= status["threshold"]
    assert doc["replications"] == status["n"] > 2
    half = doc["differences"][1]["kpis"]["profit"]["ci"]
    assert (half[1] - half[0]) / 2 == pytest.approx(status["half_width"])
    code, out, _ = compare(str(a), str(b), "--workers", "1", "--precision", "profit=1%", "--max-reps", "4")
    assert code == 0
    assert "precision profit=1%: 95% half-width" in out and "after 4 replications: NOT met (cap reached)" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--precision", "proft=5%"), "did you mean 'profit'"),
        (("--precision", "profit=5%", "--max-reps", "1"), "max_replications must be between"),
        (("--reps", "0"), "--reps"),
    ],
)
def test_bad_options_exit_2(pair: tuple[Path, Path], extra: tuple[str, ...], message: str) -> None:
    a, b = pair
    code, out, err = compare(str(a), str(b), "--workers", "1", *extra)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_one_file_or_a_bad_file_exits_2(pair: tuple[Path, Path], tmp_path: Path) -> None:
    a, _ = pair
    code, _, err = compare(str(a))
    assert code == 2 and "at least two" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text(tiny_text("x") + "colour: blue\n", encoding="utf-8")
    code, out, err = compare(str(a), str(bad))
    assert code == 2 and out == "" and "bad.yaml:9:" in err and "colour" in err


def test_ctrl_c_exits_130(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, interrupt_at=1)
    a, b = pair
    code, out, err = compare(str(a), str(b), "--workers", "1", "--json")
    assert code == 130 and out == "" and "interrupted" in err and "Traceback" not in err


def test_an_engine_bug_is_one_line_and_exit_1(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(sys.modules["simgroup.engine"], "simulate_replication", explode)
    a, b = pair
    code, out, err = compare(str(a), str(b), "--workers", "1")
    assert code == 1 and out == ""
    assert "internal error while simulating (RuntimeError: boom); please report it" in err
    assert "Traceback" not in err and "SIMGROUP_DEBUG=1" in err
