"""The CLI entry points to the TUI: bare ``simgroup`` and ``simgroup tui [PATH] [--lang]``, and
the examples bundled in the package (identical to scenarios/)."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

import simgroup.tui
from simgroup.cli import main
from tests.tui.conftest import REPO


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, object]]:
    calls: list[tuple[object, object]] = []
    monkeypatch.setattr(simgroup.tui, "run_tui", lambda path=None, *, lang=None: calls.append((path, lang)))
    return calls


def test_bare_simgroup_without_a_terminal_prints_help() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "from simgroup.cli import main; main()"],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )
    assert out.returncode == 0
    assert "Usage:" in out.stdout and "tui" in out.stdout and "run" in out.stdout


def test_bare_simgroup_in_a_terminal_opens_the_tui(opened, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tty = types.SimpleNamespace(stdout=types.SimpleNamespace(isatty=lambda: True))
    monkeypatch.setattr("simgroup.cli.sys", tty)
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0, result.output
    assert opened == [(None, None)]


def test_tui_command(opened, tmp_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    assert runner.invoke(main, ["tui", str(tmp_path), "--lang", "zh"]).exit_code == 0
    assert runner.invoke(main, ["tui"]).exit_code == 0
    assert opened == [(tmp_path, "zh"), (None, None)]
    bad = runner.invoke(main, ["tui", str(tmp_path / "missing")])
    assert bad.exit_code == 2 and "does not exist" in bad.output
    bad = runner.invoke(main, ["tui", "--lang", "fr"])
    assert bad.exit_code == 2
    assert "--lang [en|zh]" in runner.invoke(main, ["tui", "--help"]).output


def test_default_path(tmp_path: Path) -> None:
    assert simgroup.tui.default_path(tmp_path) == simgroup.tui.EXAMPLES
    (tmp_path / "scenarios").mkdir()
    assert simgroup.tui.default_path(tmp_path) == tmp_path / "scenarios"


def test_bundled_examples_are_the_repository_scenarios() -> None:
    shipped = sorted(p.name for p in simgroup.tui.EXAMPLES.glob("*.yaml"))
    repo = sorted(p.name for p in (REPO / "scenarios").glob("*.yaml"))
    assert shipped == repo and shipped
    for name in shipped:
        assert (simgroup.tui.EXAMPLES / name).read_bytes() == (REPO / "scenarios" / name).read_bytes(), (
            f"simgroup/examples/{name} differs from scenarios/{name}: copy scenarios/*.yaml to simgroup/examples/"
        )


def test_importing_the_cli_does_not_import_textual() -> None:
    code = "import sys, simgroup.cli; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
