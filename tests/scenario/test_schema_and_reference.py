"""The JSON Schema (draft-07) and the scenario reference: generated, committed, kept in sync.

Refresh the committed copies after changing the models or the presets:

    simgroup schema > simgroup/schema/scenario.schema.json
    python -m simgroup.scenario.reference > docs/scenario-reference.md
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from simgroup.cli.schema import command as schema_command
from simgroup.scenario.located_yaml import load_yaml_file
from simgroup.scenario.models import Scenario
from simgroup.scenario.parameter_info import Param
from simgroup.scenario.presets import PARAMETER_INFO, PRESETS, SECTION_NOTES
from simgroup.scenario.reference import _yaml_value, scenario_reference_markdown
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
    assert "| `leave_base` |" in text and "| CAL |" in text


def _model_part(text: str, heading: str) -> str:
    """The part of the reference from ``heading`` to the next heading (the model section's
    headings enclose one table each)."""
    start = text.index(heading + "\n")
    end = text.find("\n#", start + len(heading))
    return text[start:] if end == -1 else text[start:end]


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row (an escaped ``\\|`` stays inside its cell)."""
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def _row(part: str, first_cell: str) -> list[str]:
    (row,) = [_cells(line) for line in part.splitlines() if line.startswith(f"| {first_cell} |")]
    return row


def test_reference_shows_every_parameter_with_its_range_grade_and_source() -> None:
    text = scenario_reference_markdown()
    for path, record in PARAMETER_INFO.items():
        parts = path.split(".")
        value = _yaml_value(list(record.value) if isinstance(record.value, tuple) else record.value)
        span = f"{_yaml_value(record.low)}–{_yaml_value(record.high)}" if isinstance(record, Param) else None
        section = PRESETS.get(parts[0]) if len(parts) > 1 else None
        named = isinstance(section, dict) and all(isinstance(v, dict) for v in section.values())
        if named and parts[0] in ("actions", "posts"):
            # a matrix: the name's row holds "value (range)"; the column legend the grade and source
            part = _model_part(text, f"### `model.{parts[0]}`")
            column = _row(part, "name").index(f"`{parts[2]}`")
            assert _row(part, f"`{parts[1]}`")[column] == (f"{value} ({span})" if span else value), path
            assert _row(part, f"`{parts[2]}`") == [f"`{parts[2]}`", record.grade, record.source], path
            continue
        if named:  # a table per name
            heading, key = f"#### `model.{parts[0]}.{parts[1]}`", ".".join(parts[2:])
        elif section is not None:  # one table (a nested value per entry is keyed outer.inner)
            heading, key = f"### `model.{parts[0]}`", ".".join(parts[1:])
        else:  # a top-level value
            heading, key = "## `model` — behavioural parameters", path
        cells = _row(_model_part(text, heading), f"`{key}`")
        assert cells[:4] == [f"`{key}`", value, span or cells[2], record.grade], path
        assert span or cells[2].startswith("— ("), f"{path}: an exemption says why it has no range"
        assert cells[5] == record.source, path


def test_reference_prints_each_section_note_above_its_table() -> None:
    text = scenario_reference_markdown()
    for path, note in SECTION_NOTES.items():
        heading = f"{'#' * (path.count('.') + 3)} `model.{path}`"
        assert f"{heading}\n\n{note}\n\n|" in text, path
    assert "DESIGN" not in text  # sources cite what is in the repository or name the outside source


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
    assert result.exit_code == 1  # like every writer: exit 1, "cannot write PATH: reason"
    assert f"simgroup schema: cannot write {out}: " in result.stderr
    assert "Traceback" not in result.output
