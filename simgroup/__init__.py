"""simgroup: test a group-chat SOP on simulated members before trying it on real customers.

The public API is what ``__all__`` lists. Names are imported lazily on first use, so
``import simgroup`` stays cheap (no numpy, SimPy or pydantic until they are needed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simgroup._version import __version__

if TYPE_CHECKING:
    from simgroup._api import simulate
    from simgroup.check import check
    from simgroup.errors import SimgroupError
    from simgroup.experiment.compare import compare
    from simgroup.records import ReplicationResult
    from simgroup.results.report import RunResult
    from simgroup.scenario import ScenarioError, load_scenario
    from simgroup.scenario.models import Scenario

__all__ = [
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

# name -> module that defines it
_LAZY: dict[str, str] = {
    "ReplicationResult": "simgroup.records",
    "RunResult": "simgroup.results.report",
    "Scenario": "simgroup.scenario.models",
    "ScenarioError": "simgroup.scenario",
    "SimgroupError": "simgroup.errors",
    "load_scenario": "simgroup.scenario",
    "simulate": "simgroup._api",
    "compare": "simgroup.experiment.compare",
    "check": "simgroup.check",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'simgroup' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module_name), name)
    globals()[name] = value  # cache: later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
