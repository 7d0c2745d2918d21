"""The scenario JSON Schema (draft-07), generated from the pydantic models.

Contract: :func:`scenario_json_schema` returns a draft-07 document that editors with
yaml-language-server use to complete and check scenario files (modeline
``# yaml-language-server: $schema=<path>/scenario.schema.json``). It is derived from
:class:`~simgroup.scenario.models.Scenario` and differs from pydantic's 2020-12 output only where
draft-07 or the scenario language needs it:

* ``$defs`` becomes ``definitions`` (and every ``$ref`` follows); ``prefixItems`` becomes the
  draft-07 array form of ``items``; a ``$ref`` with sibling keywords is wrapped in ``allOf``
  (draft-07 ignores siblings of ``$ref``, which would hide descriptions from editors).
* The ``model:`` section overrides presets, so no parameter is required there, and its named
  sections (``segments``, ``group_types``, ...) list their closed set of names.
* Defaults of clock times and hour windows are shown as ``"HH:MM"`` text, as a file writes them.

The committed copy lives at ``simgroup/schema/scenario.schema.json``; refresh it with
``simgroup schema > simgroup/schema/scenario.schema.json`` (a test fails when it drifts).
"""

from __future__ import annotations

import json
from typing import Any

from simgroup.scenario.models import Scenario

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
#: Repository path of the committed schema (relative to the project root).
COMMITTED_SCHEMA_PATH = "simgroup/schema/scenario.schema.json"

_PARAMS_ROOT = "ModelParams"
_CLOCK_PATTERN = r"^\d{1,2}:\d{2}$"
_WINDOW_PATTERN = r"^\d{1,2}:\d{2}-\d{1,2}:\d{2}$"


def scenario_json_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of a scenario file."""
    raw = Scenario.model_json_schema(by_alias=True, mode="validation")
    definitions = raw.pop("$defs", {})
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": "simgroup scenario",
        **{k: v for k, v in raw.items() if k != "title"},
        "definitions": definitions,
    }
    schema["description"] = (
        "A simgroup scenario file (schema version 1): group-chat SOPs simulated on WeChat/WeCom groups."
    )
    schema = _convert(schema)
    _relax_params(schema["definitions"])
    return schema


def schema_text() -> str:
    """The schema as committed: 2-space indented JSON with a final newline."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"


def _convert(node: Any) -> Any:
    """Rewrite pydantic's 2020-12 idioms into draft-07, recursively."""
    if isinstance(node, list):
        return [_convert(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/$defs/", "#/definitions/")
        elif key == "discriminator" and isinstance(value, dict):
            # OpenAPI's keyword, ignored by draft-07 validators; keep it (with draft-07 refs) for
            # tools that understand it. The oneOf with a `const` per `do:` does the real work.
            out[key] = {
                **value,
                "mapping": {k: v.replace("#/$defs/", "#/definitions/") for k, v in value.get("mapping", {}).items()},
            }
        elif key == "prefixItems":
            out["items"] = _convert(value)
            out["additionalItems"] = False
        elif key in ("properties", "definitions", "patternProperties"):
            out[key] = {name: _convert(sub) for name, sub in value.items()}
        else:
            out[key] = _convert(value)
    if "patternProperties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False  # keys must match the pattern (pydantic rejects others)
    if "$ref" in out and len(out) > 1:
        ref = out.pop("$ref")
        out = {"allOf": [{"$ref": ref}], **out}
    _text_default(out)
    return out


def _text_default(node: dict[str, Any]) -> None:
    """Show clock and window defaults as a file writes them ("07:00", "09:00-23:00")."""
    pattern = node.get("pattern")
    default = node.get("default")
    if pattern == _CLOCK_PATTERN and isinstance(default, int):
        node["default"] = _clock(default)
    elif pattern == _WINDOW_PATTERN and isinstance(default, (list, tuple)) and len(default) == 2:
        node["default"] = f"{_clock(int(default[0]))}-{_clock(int(default[1]))}"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _relax_params(definitions: dict[str, Any]) -> None:
    """Nothing under ``model:`` is required (a scenario overrides only what it wants), and the
    named sections list their names (closed vocabularies) for completion."""
    from simgroup.scenario.presets import PRESETS

    for name in _reachable(definitions, _PARAMS_ROOT):
        definitions[name].pop("required", None)
    root = definitions.get(_PARAMS_ROOT, {})
    for section, prop in root.get("properties", {}).items():
        item = prop.get("additionalProperties")
        if isinstance(PRESETS.get(section), dict) and isinstance(item, dict) and "$ref" in item:
            prop["properties"] = {key: dict(item) for key in PRESETS[section]}
            prop["additionalProperties"] = False


def _reachable(definitions: dict[str, Any], start: str) -> list[str]:
    seen: list[str] = []
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in definitions:
            continue
        seen.append(name)
        todo.extend(_refs(definitions[name]))
    return seen


def _refs(node: Any) -> list[str]:
    if isinstance(node, list):
        return [r for x in node for r in _refs(x)]
    if isinstance(node, dict):
        found = [r for v in node.values() for r in _refs(v)]
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            found.append(ref.rsplit("/", 1)[1])
        return found
    return []
