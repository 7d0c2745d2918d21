from __future__ import annotations

import json
import subprocess
import sys

import pytest

import simgroup
from tests._fake_engine import install

PUBLIC = [
    "ReplicationResult",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "SimgroupError",
    "__version__",
    "check",
    "compare",
    "load_scenario",
    "simulate",
]


def _fresh(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout


def test_all_is_pinned() -> None:
    assert sorted(simgroup.__all__) == PUBLIC


def test_every_public_name_resolves() -> None:
    from simgroup._api import simulate
    from simgroup.records import ReplicationResult
    from simgroup.results.report import RunResult
    from simgroup.scenario.models import Scenario

    assert simgroup.simulate is simulate
    assert simgroup.RunResult is RunResult
    assert simgroup.ReplicationResult is ReplicationResult
    assert simgroup.Scenario is Scenario
    assert callable(simgroup.load_scenario)
    assert issubclass(simgroup.ScenarioError, simgroup.SimgroupError)
    assert isinstance(simgroup.__version__, str)
    with pytest.raises(AttributeError):
        simgroup.no_such_name  # noqa: B018


def test_every_exception_simgroup_raises_on_purpose_shares_one_base() -> None:
    """One ``except SimgroupError`` handles them all; each keeps its standard base too."""
    import ast
    from pathlib import Path

    root = Path(simgroup.__file__).parent
    found = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_") and any(
                isinstance(b, ast.Name) and (b.id.endswith(("Error", "Exception")) or b.id in ("WorkerLost",))
                for b in node.bases
            ):
                module = ".".join(("simgroup", *path.relative_to(root).with_suffix("").parts))
                found[node.name] = module
    assert len(found) >= 12, found  # the scan sees the project's exception classes
    import importlib

    for name, module in found.items():
        cls = getattr(importlib.import_module(module), name)
        assert issubclass(cls, simgroup.SimgroupError), f"{module}.{name} does not derive from SimgroupError"
    from simgroup.experiment.replications import RunOptionsError

    assert issubclass(RunOptionsError, ValueError)


def test_import_simgroup_is_cheap() -> None:
    out = _fresh(
        "import sys, simgroup; "
        "print([m for m in ('numpy', 'simpy', 'pydantic', 'simgroup.engine', 'simgroup.results') if m in sys.modules])"
    )
    assert out.strip() == "[]"


def test_core_never_imports_textual_or_rich() -> None:
    code = (
        "import sys, simgroup._api, simgroup._atomic, simgroup.results.report, simgroup.results.export, "
        "simgroup.results.stats, simgroup.experiment.replications; "
        "import json; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))"
    )
    assert json.loads(_fresh(code)) == []


def test_simulate_a_scenario_object(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch)
    scenario = simgroup.Scenario.model_validate(
        {"simgroup": 1, "name": "s", "days": 3, "seed": 4, "replications": 2, "groups": [{"id": "g", "type": "traffic"}]}
    )
    run = simgroup.simulate(scenario)
    assert isinstance(run, simgroup.RunResult)
    assert (run.replications, run.seed, run.days, run.scenario_path) == (2, 4, 3, None)
    assert len(run.scenario_sha256) == 64
    assert run.events is None
    assert [c["record_events"] for c in fake.calls] == [False, False]

    run2 = simgroup.simulate(scenario, replications=3, seed=9, days=2, record_events=True)
    assert (run2.replications, run2.seed, run2.days) == (3, 9, 2)
    assert run2.events is not None and run2.events_replication == 0
    assert run2.to_json()["kpis"] != run.to_json()["kpis"]


def test_simulate_rejects_out_of_range_options(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    scenario = simgroup.Scenario.model_validate(
        {"simgroup": 1, "name": "s", "days": 3, "groups": [{"id": "g", "type": "traffic"}]}
    )
    with pytest.raises(ValueError, match="replications must be between"):
        simgroup.simulate(scenario, replications=0)
