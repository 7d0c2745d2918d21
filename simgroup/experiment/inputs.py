"""Turn what a caller passes (a scenario object, a YAML path, or an input already loaded) into a
scenario with its identity.

``scenario.path`` and ``scenario.sha256`` in every result come from here: for a file, its path as
given and the SHA-256 of its bytes; for a scenario built in code (or changed by a sweep), no path
or the source file's path, and the SHA-256 of the scenario's canonical JSON. A caller that needs
the scenario before the run (the CLI sizing its worker pool) loads it once with :func:`load_input`
and passes the :class:`LoadedInput` on, so the file is not read and validated again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from simgroup.scenario.models import Scenario


@dataclass(frozen=True)
class LoadedInput:
    """A validated scenario with its identity: the file it came from (``None`` for a scenario
    built in code) and the SHA-256 that results record for it."""

    scenario: Scenario
    path: Path | None
    sha256: str


ScenarioInput = Union["Scenario", LoadedInput, str, "os.PathLike[str]"]


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


def load_input(scenario_or_path: ScenarioInput) -> LoadedInput:
    """A :class:`LoadedInput`: a :class:`LoadedInput` is returned as it is (nothing is read
    again); a path is loaded with :func:`simgroup.scenario.load_scenario` (raising
    :class:`~simgroup.scenario.ScenarioError`)."""
    from simgroup.scenario.models import Scenario

    if isinstance(scenario_or_path, LoadedInput):
        return scenario_or_path
    if isinstance(scenario_or_path, Scenario):
        return LoadedInput(scenario_or_path, None, scenario_sha256(scenario_or_path))
    from simgroup.scenario import load_scenario

    path = Path(scenario_or_path)
    scenario = load_scenario(path)  # validates size and encoding before we hash the file
    return LoadedInput(scenario, path, file_sha256(path))
