"""The core never imports textual or rich (README.md): checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

CORE = (
    "simgroup.scenario", "simgroup.engine", "simgroup.results", "simgroup.experiment", "simgroup.check",
    "simgroup.report", "simgroup.report.charts", "simgroup.i18n",
)


def test_core_packages_do_not_import_textual_or_rich() -> None:
    code = (
        "import sys, importlib\n"
        f"for m in {CORE!r}: importlib.import_module(m)\n"
        "import simgroup.engine.world, simgroup.engine.measure, simgroup.scenario.loader\n"
        "from simgroup.engine import simulate_replication\n"
        "from simgroup.scenario.loader import load_scenario\n"
        "simulate_replication(load_scenario('scenarios/checkin.yaml'), 0, days=2)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", out.stdout


def test_no_private_module_is_imported_from_another_package() -> None:
    """A module or name that starts with ``_`` belongs to its package (``simgroup.scenario._lines``
    to ``simgroup.scenario``): what other packages need is public. The layer contracts are
    import-linter's (pyproject.toml, run by .ci/run); this is the one rule it cannot express."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "simgroup"
    offences = []
    for path in sorted(root.rglob("*.py")):
        package = ".".join(("simgroup", *path.relative_to(root).parts[:-1]))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] != "simgroup" or ".".join(parts[:2]) == ".".join(package.split(".")[:2]):
                    continue  # another library, or the importer's own package
                # simgroup._api and its siblings are top-level modules, not packages: skip parts[1]
                if any(p.startswith("_") and not p.startswith("__") for p in parts[2:]):
                    offences.append(f"{path.relative_to(root.parent)}:{node.lineno}: {name}")
    assert offences == []
