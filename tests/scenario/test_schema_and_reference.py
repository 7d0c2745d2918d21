"""The JSON Schema (draft-07) and the scenario reference: generated, committed, kept in sync.

Refresh the committed copies after changing the models or the presets:

    simgroup schema > simgroup/schema/scenario.schema.json
    python -m simgroup.scenario.reference > docs/scenario-reference.md
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from simgroup.cli.schema import command as schema_command
from simgroup.scenario._yaml import load_yaml_file
from simgroup.scenario.models import Scenario
from simgroup.scenario.presets import PRESETS
from simgroup.scenario.reference import preset_comments, scenario_reference_markdown
from simgroup.scenario.schema import DRAFT_07, scenario_json_schema, schema_text
from simgroup.scenario.vocabulary import ACTION_KINDS

REPO = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).parent
COMMITTED_SCHEMA = REPO / "simgroup" / "schema" / "scenario.schema.json"
COMMITTED_REFERENCE = REPO / "docs" / "scenario-reference.md"


def _walk(node: Any):  # type: ignore[no-untyped-def]
    yield node
    if isinstance(node, dict):
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- drift


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "simgroup/schema/scenario.schema.json is stale; refresh it with "
        "`simgroup schema > simgroup/schema/scenario.schema.json`"
    )


def test_committed_reference_is_up_to_date() -> None:
    assert COMMITTED_REFERENCE.read_text(encoding="utf-8") == scenario_reference_markdown(), (
        "docs/scenario-reference.md is stale; refresh it with "
        "`python -m simgroup.scenario.reference > docs/scenario-reference.md`"
    )


# --------------------------------------------------------------------------- schema shape


def test_schema_is_draft_07() -> None:
    schema = scenario_json_schema()
    assert schema["$schema"] == DRAFT_07
    assert "$defs" not in json.dumps(schema)
    assert not any(isinstance(n, dict) and "prefixItems" in n for n in _walk(schema))
    definitions = schema["definitions"]
    for node in _walk(schema):
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            assert ref.startswith("#/definitions/") and ref.split("/")[-1] in definitions, ref
            assert len(node) == 1, f"siblings of $ref are ignored by draft-07: {node}"


def test_schema_top_level_matches_the_model() -> None:
    schema = scenario_json_schema()
    assert set(schema["properties"]) == {f.alias or n for n, f in Scenario.model_fields.items()}
    assert set(schema["required"]) == {"simgroup", "name", "days", "groups"}
    assert schema["additionalProperties"] is False


def test_sop_steps_are_a_oneof_keyed_by_a_const_do() -> None:
    schema = scenario_json_schema()
    (step,) = schema["properties"]["sops"]["patternProperties"].values()
    variants = step["items"]["oneOf"]
    consts = []
    for v in variants:
        definition = schema["definitions"][v["$ref"].split("/")[-1]]
        assert definition["additionalProperties"] is False
        assert definition["required"][0] == "do" or "do" in definition["required"]
        consts.append(definition["properties"]["do"]["const"])
        assert "from" in definition["properties"] and "anchor" not in definition["properties"]
    assert sorted(consts) == sorted(ACTION_KINDS)
    assert schema["properties"]["sops"]["additionalProperties"] is False


def test_model_section_requires_nothing_and_lists_names() -> None:
    schema = scenario_json_schema()
    defs = schema["definitions"]
    params = [name for name in defs if name.endswith("Params")]
    assert "ModelParams" in params and "GroupTypeParams" in params
    for name in params:
        assert "required" not in defs[name], name
    segments = defs["ModelParams"]["properties"]["segments"]
    assert set(segments["properties"]) == set(PRESETS["segments"])
    assert segments["additionalProperties"] is False
    # Elsewhere, required keys stay required.
    assert "per_day" in defs["Channel"]["required"]


def test_clock_and_window_defaults_read_as_a_file_writes_them() -> None:
    defs = scenario_json_schema()["definitions"]
    assert defs["Channel"]["properties"]["hours"]["default"] == "09:00-23:00"
    assert defs["Checkin"]["properties"]["check_at"]["default"] == "07:00"


def test_schema_validates_real_documents() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = scenario_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in (HERE / "good_minimal.yaml", HERE / "good_full.yaml"):
        data = _jsonable(load_yaml_file(path).data)
        assert list(validator.iter_errors(data)) == [], path.name
    bad = _jsonable(load_yaml_file(HERE / "good_minimal.yaml").data)
    bad["sops"] = {"s": [{"day": 1, "do": "post", "evry": "day"}]}
    assert list(validator.iter_errors(bad))


# --------------------------------------------------------------------------- reference


def test_reference_covers_keys_actions_and_presets() -> None:
    text = scenario_reference_markdown()
    for name, info in Scenario.model_fields.items():
        assert f"| `{info.alias or name}` |" in text, name
    for action in ACTION_KINDS:
        assert f"#### `do: {action}`" in text, action
    for section, value in PRESETS.items():
        if isinstance(value, dict):
            assert f"### `model.{section}`" in text, section
    assert "| `leave_base` |" in text and "[CAL" in text


def test_preset_comments_are_read_from_source() -> None:
    source = '''
_PEAK = [1, 2]  # not a preset
# Block above the name.
_OTHER = 3

PRESETS = {
    # about a
    # on two lines
    "a": {
        "x": 1.0,    # x's source [ASSUME]
        "y": 2.0,
    },
    "b": {"p": 1, "q": 2},   # one-liner
    "c": _OTHER,
}
'''
    comments = preset_comments(source)
    assert comments[("a",)] == "about a on two lines"
    assert comments[("a", "x")] == "x's source [ASSUME]"
    assert ("a", "y") not in comments
    assert comments[("b",)] == "one-liner"
    assert ("b", "p") not in comments  # the line's comment belongs to the outer key
    assert comments[("c",)] == "Block above the name."


def test_preset_comments_of_the_real_presets() -> None:
    comments = preset_comments()
    assert comments, "could not read presets.py comments"
    leaves = [
        (section, name, key)
        for section in ("segments", "group_types", "personas")
        for name, params in PRESETS[section].items()
        for key in params
    ]
    assert sum((leaf in comments) for leaf in leaves) >= 0.9 * len(leaves)
    assert all(text.strip() for text in comments.values())


def test_preset_comments_degrade_to_nothing_on_unparsable_source() -> None:
    assert preset_comments("PRESETS = {") == {}
    assert preset_comments("X = 1\n") == {}


# --------------------------------------------------------------------------- the command


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(schema_command, [])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == scenario_json_schema()


def test_schema_command_writes_atomically(tmp_path: Path) -> None:
    out = tmp_path / "scenario.schema.json"
    out.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(schema_command, ["--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == schema_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario.schema.json"]  # no temp file left


def test_schema_command_reports_an_unwritable_target(tmp_path: Path) -> None:
    out = tmp_path / "missing-dir" / "s.json"
    result = CliRunner().invoke(schema_command, ["--out", str(out)])
    assert result.exit_code == 2
    assert "cannot write the schema" in result.stderr
    assert "Traceback" not in result.output
