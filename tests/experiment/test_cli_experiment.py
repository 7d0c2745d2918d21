"""CLI plumbing shared by run/compare/sweep: --precision on run, the progress bar, executor sizing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from simgroup.cli._experiment import ProgressBar, executor_for, want_progress
from tests.cli.conftest import invoke, tiny_text
from tests.experiment import _noisy_engine


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_text(days=2, replications=10), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    return invoke("run", *args)


def test_run_precision_adds_replications_and_reports(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    code, out, err = run(str(tiny), "--workers", "1", "--precision", "profit=3", "--json")
    assert code == 0, err
    doc = json.loads(out)
    (status,) = doc["precision"]
    assert status["met"] is True and status["half_width"] <= 3 and doc["replications"] == status["n"] > 10
    code, out, _ = run(str(tiny), "--workers", "1", "--precision", "profit=0.01", "--max-reps", "12")
    assert code == 0
    assert "precision profit=0.01: 95% half-width" in out and "after 12 replications: NOT met (cap reached)" in out


def test_run_without_precision_keeps_the_plain_document(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _noisy_engine.install(monkeypatch)
    code, out, _ = run(str(tiny), "--workers", "1", "--json")
    assert code == 0 and "precision" not in json.loads(out)


def test_run_bad_precision_exits_2(tiny: Path) -> None:
    code, out, err = run(str(tiny), "--precision", "profit=-5%")
    assert code == 2 and out == "" and "positive" in err and "Traceback" not in err


def test_progress_only_for_a_person_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("CI", raising=False)
    assert want_progress(as_json=False)
    assert not want_progress(as_json=True)
    monkeypatch.setenv("CI", "true")
    assert not want_progress(as_json=False)
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert not want_progress(as_json=False)


def test_progress_bar_draws_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    bar = ProgressBar()
    bar(0, 40)
    bar(40, 40)
    err = capsys.readouterr().err
    assert "0/40 replications" in err and "40/40 replications" in err and "#" * 10 in err
    assert err.startswith("\r")
    bar.clear()
    assert capsys.readouterr().err.strip() == ""


def test_no_pool_for_a_single_task() -> None:
    with executor_for(4, None, tasks=1) as executor:
        assert executor is None
    with executor_for(1, None, tasks=50) as executor:
        assert executor is None
