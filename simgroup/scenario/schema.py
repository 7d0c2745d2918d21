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

**The schema says what ``simgroup validate`` says wherever JSON Schema can** (an editor then flags
what ``validate`` would): clock times, hour windows, ``every:`` and ``at:`` as patterns that
accept exactly what the parsers accept; KPI names in ``expect:`` as an enum from
:data:`simgroup.kpis.KPI_NAMES`; one trigger per SOP step; a bound per expectation; and numbers
given as text (``price: "9.9"``: ``validate`` reads them, pydantic's lax mode) as numeric strings.
What it cannot say is ``validate``'s alone, listed in docs/scenario-reference.md ("Schema and
validate"): references between parts of the file (a channel, product, SOP or migrate target that
exists; unique ids; ``day:`` within ``days``), sums and comparisons of several values (audience
shares summing to 1, ``between`` in order, a red-packet share at most 200 CNY, an hour window
that is not empty), calendar dates (``2026-02-30``), the range of a number written as text, files
(``better_than:``), and YAML itself (syntax, encoding, duplicate keys, tags, aliases, size limits).
tests/scenario/test_schema_equivalence.py runs the bad-input corpus through both and lists every
case where they differ.

The schema's ``$id`` (:data:`SCHEMA_ID`) names it; it is an identifier, not a download
location: editors find the schema through the modeline's path.

The committed copy lives at ``simgroup/schema/scenario.schema.json``; refresh it with
``simgroup schema > simgroup/schema/scenario.schema.json`` (a test fails when it drifts).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from simgroup.kpis import KPI_NAMES
from simgroup.scenario.models import Scenario
from simgroup.scenario.times import CLOCK_PATTERN, WINDOW_PATTERN
from simgroup.scenario.vocabulary import WEEKDAYS

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
#: Stable name of the scenario schema (schema language version 1): an identifier, never fetched.
SCHEMA_ID = "https://simgroup.dev/schema/scenario-1.schema.json"
#: Repository path of the committed schema (relative to the project root).
COMMITTED_SCHEMA_PATH = "simgroup/schema/scenario.schema.json"

_PARAMS_ROOT = "ModelParams"

# Numbers written as text, as pydantic's lax mode reads them: surrounding blanks, a sign, digit
# groups with underscores; a whole number may end in ".0", a number may have a fraction and an
# exponent. Ranges (minimum, maximum) apply to numbers only, so a quoted number out of range is
# refused by validate alone.
_INT_TEXT = r"^\s*[+-]?\d+(_\d+)*(\.0*)?\s*$"
_FLOAT_TEXT = r"^\s*[+-]?(\d+(_\d+)*(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"


def _anycase(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


# every: 'day', 'daily', 'Nd' with N >= 1, or weekdays 'mon,wed' (any case, blanks around parts)
_WEEKDAY = "(" + "|".join(_anycase(d) for d in WEEKDAYS) + ")"
_EVERY_PATTERN = (
    rf"^\s*({_anycase('day')}|{_anycase('daily')}|0*[1-9]\d*[dD]|"
    rf"[\s,]*{_WEEKDAY}\s*(,[\s,]*{_WEEKDAY}\s*)*,?[\s,]*)\s*$"
)
# at: 'HH:MM' or 'YYYY-MM-DD HH:MM' (the calendar, e.g. February 30, is validate's)
_AT_PATTERN = r"^\s*(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\s+)?([01]?\d|2[0-3]):[0-5]\d\s*$"
_TRIGGERS = ("on", "every", "day")
_CLASHES = (("on", "every"), ("on", "day"), ("every", "day"), ("on", "at"))
_BOUNDS = ("between", "at_least", "at_most", "better_than")


class _LaxNumbers(GenerateJsonSchema):
    """pydantic's generator, with integers and numbers also accepted as numeric text."""

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        return _or_text(super().int_schema(schema), _INT_TEXT, schema.get("strict"))

    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        return _or_text(super().float_schema(schema), _FLOAT_TEXT, schema.get("strict"))


def _or_text(node: JsonSchemaValue, pattern: str, strict: bool | None) -> JsonSchemaValue:
    if strict:
        return node
    return {**node, "type": [node["type"], "string"], "pattern": pattern}


def scenario_json_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of a scenario file."""
    raw = Scenario.model_json_schema(by_alias=True, mode="validation", schema_generator=_LaxNumbers)
    definitions = raw.pop("$defs", {})
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "$id": SCHEMA_ID,
        "title": "simgroup scenario",
        **{k: v for k, v in raw.items() if k != "title"},
        "definitions": definitions,
    }
    schema["description"] = (
        "A simgroup scenario file (schema version 1): group-chat SOPs simulated on WeChat/WeCom groups."
    )
    schema = _convert(schema)
    _relax_params(schema["definitions"])
    _add_rules(schema["definitions"])
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
    default = node.get("default")
    first = (node.get("anyOf") or [{}])[0]
    if node.get("pattern") == CLOCK_PATTERN and isinstance(default, int):
        node["default"] = _clock(default)
    elif first.get("pattern") == WINDOW_PATTERN and isinstance(default, (list, tuple)) and len(default) == 2:
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


def _add_rules(definitions: dict[str, Any]) -> None:
    """The rules of ``validate`` that pydantic's schema leaves out but JSON Schema can say."""
    for definition in definitions.values():
        props = definition.get("properties", {})
        if all(t in props for t in (*_TRIGGERS, "at")):  # an SOP step
            props["every"]["pattern"] = _EVERY_PATTERN
            props["at"]["pattern"] = _AT_PATTERN
            # a trigger (at: alone is a one-off), only one, and at: is a time of every or day,
            # never of an event (on: takes after:)
            definition["anyOf"] = [_given(t) for t in (*_TRIGGERS, "at")]
            definition["not"] = {"anyOf": [_given(*p) for p in _CLASHES]}
        elif "kpi" in props and "better_than" in props:  # an expectation
            props["kpi"]["enum"] = list(KPI_NAMES)
            definition["anyOf"] = [_given(b) for b in _BOUNDS]
            definition["dependencies"] = {"better": {"anyOf": [{"not": _given("better")}, _given("better_than")]}}


def _given(*keys: str) -> dict[str, Any]:
    """Every one of ``keys`` is present with a value (``key: null`` counts as absent, as in validate)."""
    return {"required": list(keys), "properties": {k: {"not": {"type": "null"}} for k in keys}}


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
