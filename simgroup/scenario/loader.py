"""Load and validate scenario files.

Contract:

* :func:`load_scenario` / :func:`load_scenario_text` return a validated
  :class:`~simgroup.scenario.models.Scenario` or raise
  :class:`~simgroup.scenario.diagnostics.ScenarioError` listing *every* problem found, each at
  ``file:line:col`` with its key path, sorted by position. Nothing else escapes for bad input.
* :func:`validate_file` / :func:`validate_text` return those diagnostics instead (an empty list
  means the scenario is valid).
* :func:`load_scenario_located` is :func:`load_scenario` that also returns the parsed YAML, whose
  :meth:`~simgroup.scenario.located_yaml.LoadedYaml.locate` gives the ``line:col`` of any key path (e.g.
  ``("expect", 0)``), for tools that report on the file (``simgroup check``).
* :func:`validate_file` also reports an ``expect:`` entry whose ``better_than:`` names a file
  that does not exist (:func:`better_than_file`: relative to the scenario's directory, as
  ``simgroup check`` reads it); :func:`load_scenario` does not, because running a scenario does
  not need the other file.
* :func:`scenario_files` is what a directory means to every tool that takes one (``validate``,
  ``check``, the TUI): each ``*.yaml`` / ``*.yml`` file below it, sorted, skipping hidden files
  and directories.
* ``true`` / ``false`` where a number is expected is an error (pydantic alone would read it as
  1 / 0).
* The file name in messages is the path as the caller gave it, never resolved.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simgroup.scenario._message_values import got as _got
from simgroup.scenario.diagnostics import (
    Diagnostic,
    ScenarioError,
    booleans_read_as_numbers,
    from_validation_error,
)
from simgroup.scenario.growth import explosive_steps
from simgroup.scenario.located_yaml import LoadedYaml, load_yaml_file, load_yaml_text
from simgroup.scenario.models import Scenario

#: The scenario language version this simgroup reads (the ``simgroup:`` key).
SCHEMA_VERSION = 1
#: File name endings (any case) of scenario files in a directory.
SCENARIO_SUFFIXES = (".yaml", ".yml")


def scenario_files(directory: str | os.PathLike[str]) -> list[Path]:
    """The scenario files below ``directory`` (see the module docstring), as ``directory / ...``."""
    root = Path(directory)
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix.lower() in SCENARIO_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """The scenario in the YAML file ``path``; raises :class:`ScenarioError`."""
    return scenario_from_yaml(load_yaml_file(path))


def load_scenario_located(path: str | os.PathLike[str]) -> tuple[Scenario, LoadedYaml]:
    """The scenario in ``path`` and the YAML it was validated from (positions of every key);
    raises :class:`ScenarioError` exactly like :func:`load_scenario`."""
    loaded = load_yaml_file(path)
    return scenario_from_yaml(loaded), loaded


def load_scenario_text(text: str, path: str = "<string>") -> Scenario:
    """The scenario in ``text``, reported as if read from ``path``; raises :class:`ScenarioError`."""
    return scenario_from_yaml(load_yaml_text(text, path))


def validate_file(path: str | os.PathLike[str]) -> list[Diagnostic]:
    """Every problem in the scenario file ``path`` (empty when it is valid), including
    ``better_than:`` files that do not exist."""
    try:
        scenario, loaded = load_scenario_located(path)
    except ScenarioError as exc:
        return exc.diagnostics
    problems: list[Diagnostic] = []
    for i, e in enumerate(scenario.expect):
        if e.better_than is not None:
            missing = better_than_file(loaded, i, e.better_than)[1]
            if missing is not None:
                problems.append(missing)
    return problems


def better_than_file(loaded: LoadedYaml, index: int, better_than: str) -> tuple[str, Diagnostic | None]:
    """Where ``better_than`` of ``expect`` entry ``index`` of the file ``loaded`` points, and a
    diagnostic at that entry when no such file exists (``None`` when it does).

    The path is relative to the naming scenario's directory, and stays relative when the
    scenario's own path is, so that messages show the path the user would type."""
    target = (
        better_than
        if os.path.isabs(better_than)
        else os.path.normpath(os.path.join(os.path.dirname(loaded.file), better_than))
    )
    if os.path.isfile(target):
        return target, None
    where = ("expect", index, "better_than")
    line, col = loaded.locate(where)
    message = f"no scenario file {target} (better_than is relative to this file's directory)"
    return target, Diagnostic(loaded.file, line, col, where, message)


def validate_text(text: str, path: str = "<string>") -> list[Diagnostic]:
    """Every problem in the scenario ``text`` (empty when it is valid); for editors."""
    try:
        load_scenario_text(text, path)
    except ScenarioError as exc:
        return exc.diagnostics
    return []


def scenario_from_yaml(loaded: LoadedYaml) -> Scenario:
    """Validate already-parsed YAML (see :mod:`simgroup.scenario.located_yaml`)."""
    problems = _check_version(loaded)
    try:
        scenario = Scenario.model_validate(loaded.data)
    except ValidationError as exc:
        problems.extend(from_validation_error(exc, loaded))
    else:
        for path, message in explosive_steps(scenario):
            line, col = loaded.locate(path, at_key=True)
            problems.append(Diagnostic(loaded.file, line, col, path, message))
    problems = _with_booleans(loaded, problems)
    if problems:
        raise ScenarioError(sorted(problems, key=lambda d: (d.line, d.col, d.message)))
    return scenario


def _with_booleans(loaded: LoadedYaml, problems: list[Diagnostic]) -> list[Diagnostic]:
    """``problems`` plus one "expected a number, got true" per boolean written for a number.

    A value's own type message ("expected a duration ..., got a boolean") is kept; a range
    message about the 0 or 1 pydantic read (``replications: false`` -> "must be at least 1")
    is replaced, since the number was never written."""
    out = list(problems)
    for path, expected in booleans_read_as_numbers(loaded.data):
        if path[:1] == ("simgroup",):
            continue  # the version check has its own message
        at_path = [d for d in out if d.key_path == path]
        if any(d.message.startswith("expected ") for d in at_path):
            continue
        out = [d for d in out if d.key_path != path]
        line, col = loaded.locate(path)
        out.append(Diagnostic(loaded.file, line, col, path, f"expected {expected}, got {_got(_value_at(loaded.data, path))}"))
    return out


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _check_version(loaded: LoadedYaml) -> list[Diagnostic]:
    data: dict[str, Any] = loaded.data
    if "simgroup" not in data:
        line, col = loaded.locate(())
        return [
            Diagnostic(
                loaded.file,
                line,
                col,
                (),
                f"missing 'simgroup: {SCHEMA_VERSION}' (the scenario language version) at the top of the file",
            )
        ]
    version = data["simgroup"]
    if version == SCHEMA_VERSION and not isinstance(version, bool) and isinstance(version, int):
        return []
    line, col = loaded.locate(("simgroup",))
    return [
        Diagnostic(
            loaded.file,
            line,
            col,
            ("simgroup",),
            f"this simgroup reads scenario language version {SCHEMA_VERSION}, the file says "
            f"{_got(version)}; write 'simgroup: {SCHEMA_VERSION}'",
        )
    ]
