"""The small public API the CLI and the TUI are built on: load a scenario, simulate it.

:func:`simulate` returns a single :class:`~simgroup.results.report.RunResult`; when events were
asked for, the event log of replication 0 travels on it as ``run.events`` (``None`` otherwise),
so one object carries everything a caller may want to show or write.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING

from simgroup.experiment.replications import Progress, resolve_options, run_replications
from simgroup.results.report import RunResult

if TYPE_CHECKING:
    from simgroup.scenario.models import Scenario


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes (streamed)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def scenario_sha256(scenario: Scenario) -> str:
    """Hex SHA-256 of a scenario object's canonical JSON (for scenarios built in code)."""
    return hashlib.sha256(scenario.model_dump_json().encode("utf-8")).hexdigest()


def simulate(
    scenario_or_path: Scenario | str | os.PathLike[str],
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
    record_events: bool = False,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> RunResult:
    """Run a scenario (a :class:`~simgroup.scenario.Scenario` or the path of a YAML file).

    ``replications``, ``seed`` and ``days`` default to the scenario's values and are checked
    against the limits (:class:`~simgroup.experiment.replications.RunOptionsError`, a
    ``ValueError``). A path is loaded with :func:`simgroup.scenario.load_scenario` (raising
    :class:`~simgroup.scenario.ScenarioError`); ``scenario.sha256`` in the result is the file's
    hash, or for a scenario object the hash of its canonical JSON with ``scenario.path`` null.
    ``record_events`` keeps replication 0's event log as ``run.events``. ``progress(done, total)``
    and ``executor`` are passed to :func:`~simgroup.experiment.replications.run_replications`.
    """
    from simgroup.scenario.models import Scenario

    if isinstance(scenario_or_path, Scenario):
        scenario, path, sha = scenario_or_path, None, scenario_sha256(scenario_or_path)
    else:
        from simgroup.scenario import load_scenario

        path = Path(scenario_or_path)
        scenario = load_scenario(path)  # validates size and encoding before we hash the file
        sha = file_sha256(path)
    options = resolve_options(scenario, replications=replications, seed=seed, days=days)
    records = run_replications(
        scenario,
        replications=options.replications,
        seed=options.seed,
        days=options.days,
        record_events_for=0 if record_events else None,
        progress=progress,
        executor=executor,
    )
    return RunResult.from_replications(scenario, path, records, options.seed, options.days, sha)
