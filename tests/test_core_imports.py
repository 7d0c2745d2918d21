"""The core never imports textual or rich (README.md): checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

CORE = ("simgroup.scenario", "simgroup.engine", "simgroup.results", "simgroup.experiment", "simgroup.check")


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
