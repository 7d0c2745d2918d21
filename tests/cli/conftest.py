"""Shared by the command tests: ``simgroup ARGS`` in this process, and a tiny scenario file.

The helpers are imported by name (``from tests.cli.conftest import invoke, tiny_text``), also
by ``tests/experiment/test_cli_experiment.py``; the ``tiny`` fixture serves ``tests/cli/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from simgroup.cli import main


def invoke(*args: str) -> tuple[int, str, str]:
    """``simgroup ARGS`` through click's test runner: exit code, stdout, stderr."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def tiny_text(name: str = "tiny", *, days: int = 3, replications: int = 2) -> str:
    """One traffic group spec, seed 5: eight lines (an extra key appended is on line 9)."""
    return (
        f"simgroup: 1\nname: {name}\ndays: {days}\nseed: 5\nreplications: {replications}\n"
        "groups:\n  - id: g\n    type: traffic\n"
    )


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """``tmp_path/tiny.yaml`` holding :func:`tiny_text`."""
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_text(), encoding="utf-8")
    return path
