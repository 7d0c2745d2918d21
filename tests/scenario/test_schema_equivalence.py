"""The JSON Schema says what ``simgroup validate`` says, wherever JSON Schema can.

Every bad input we keep (the corpus ``tests/scenario/bad/``, the table of
``tests/reliability/test_bad_inputs.py`` and a few cases of this module) goes through both
``simgroup validate`` and the schema (with the ``jsonschema`` library, on the data the YAML reader
produces, as an editor's language server would see it). Where they disagree the case must be
listed in :data:`VALIDATE_ONLY` with the reason; the test fails when a new disagreement appears
(the schema fell behind) or a listed one disappears (the list is stale). Valid files must pass
both.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from simgroup.scenario.diagnostics import ScenarioError
from simgroup.scenario.located_yaml import load_yaml_file
from simgroup.scenario.schema import SCHEMA_ID, scenario_json_schema
from tests.reliability._proc import cli
from tests.reliability.test_bad_inputs import CASES, CORPUS, VALID

HEAD = "simgroup: 1\nname: t\ndays: 7\n"
GROUP = "groups: [{id: g, type: traffic}]\n"
STEP = "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n    - "
CHANNEL = "groups: [{id: g, type: traffic, channels: [c]}]\nchannels: [{id: c, per_day: 5, "

#: Cases of this module: the slips of issue 15 and numbers written as text.
EXTRA_BAD: dict[str, str] = {
    "at_25_00": HEAD + STEP + '{every: day, at: "25:00", do: post}\n',
    "at_minute_60": HEAD + STEP + '{every: day, at: "20:60", do: post}\n',
    "at_as_a_number": HEAD + STEP + "{day: 1, at: 1200, do: post}\n",
    "every_dya": HEAD + STEP + "{every: dya, do: post}\n",
    "every_weekday_typo": HEAD + STEP + "{every: 'mon,wedn', do: post}\n",
    "hours_99_00": HEAD + CHANNEL + 'hours: "08:00-99:00"}]\n',
    "hours_two_dashes": HEAD + CHANNEL + 'hours: "08:00-12:00-14:00"}]\n',
    "step_without_trigger": HEAD + STEP + "{do: post}\n",
    "at_with_on": HEAD + STEP + '{on: member_join, at: "20:00", do: welcome}\n',
    "better_without_better_than": HEAD + GROUP + "expect: [{kpi: profit, at_least: 0, better: lower}]\n",
    "quoted_fraction_for_days": HEAD.replace("days: 7", 'days: "7.5"') + GROUP,
    "quoted_words_for_a_price": HEAD + GROUP + 'products: [{id: p, price: "cheap"}]\n',
    "quoted_number_out_of_range": HEAD + GROUP + 'replications: "0"\n',
    "quoted_rate_out_of_range": HEAD + CHANNEL + 'add_rate: "1.5"}]\n',
}
EXTRA_VALID: dict[str, str] = {
    "quoted_numbers": HEAD.replace("days: 7", 'days: "7"') + GROUP + 'seed: " 5 "\nreplications: "+3"\n'
    'products: [{id: p, price: "9.9", unit_cost: ".5"}]\n'
    'expect: [{kpi: profit, between: ["-1e3", 5]}, {kpi: joined, at_least: "1_000"}]\n'
    'model: {group_types: {traffic: {leave_base: "0.01"}}}\n',
    "times_every_way": HEAD + "channels: [{id: c, per_day: 5, hours: ' 8:00 - 22:30 '}, {id: d, per_day: 5, hours: [480, '23:00']}]\n"
    "groups: [{id: g, type: traffic, channels: [c, d], sop: s}]\nsops:\n  s:\n"
    "    - {every: Daily, at: '7:05', do: post}\n    - {every: 'mon, Wed,FRI', do: post}\n"
    "    - {every: 02d, do: post}\n    - {at: '2026-01-06  23:59', do: post}\n    - {day: 1, at: '20:00', do: post}\n"
    "    - {on: member_join, after: ' 1d 2h ', do: welcome}\n",
}

_YAML = "the YAML reader refuses the file before any schema sees data (an editor's YAML parser reports it)"
_REFERENCE = "a reference to another part of the file (validate only)"
_ACROSS = "a rule across several values (validate only)"
_CALENDAR = "a calendar date (validate only)"
_QUOTED_RANGE = "the range of a number written as text (JSON Schema ranges apply to numbers only)"

#: Every case ``validate`` refuses but the schema accepts, with the reason JSON Schema cannot say it.
VALIDATE_ONLY: dict[str, str] = {
    # YAML and bytes
    **dict.fromkeys(
        [
            "alias_bomb", "deep_nesting", "duplicate_key", "empty", "not_utf8", "python_tag", "recursive_alias",
            "syntax_error", "tab_indentation", "top_level_list", "unclosed_bracket", "utf16_with_bom",
            "utf16_without_bom", "utf32_with_bom", "gbk_text", "nul_byte", "bom_only", "whitespace_only",
            "top_level_text", "top_level_number", "two_documents", "yaml_2_directive", "undefined_alias",
            "collection_key", "key_longer_than_yaml_allows", "hundred_thousand_values",
            "start_month_13",  # an impossible date the reader cannot turn into one
        ],
        _YAML,
    ),
    # references between parts of the file
    "unknown_channel": _REFERENCE,
    "unknown_product": _REFERENCE,
    "unknown_sop": _REFERENCE,
    "unknown_migrate_target": _REFERENCE,
    "duplicate_id": "unique ids across list items (JSON Schema's uniqueItems compares whole items)",
    "day_beyond_days": _REFERENCE + ": day: against the scenario's days",
    "better_than_missing_file": "another file on disk (validate only)",
    # several values at once
    "shares_sum": _ACROSS + ": audience shares summing to 1",
    "between_reversed": _ACROSS + ": between's bounds in order",
    "red_packet_share_over_200": _ACROSS + ": total / shares at most 200 CNY",
    "hours_empty_window": _ACROSS + ": an hour window's start and end differ",
    # values JSON cannot hold or patterns cannot check
    "nan_rate": "NaN has no JSON form; a validator compares it with nothing",
    "at_february_30": _CALENDAR,
    "quoted_number_out_of_range": _QUOTED_RANGE,
    "quoted_rate_out_of_range": _QUOTED_RANGE,
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = scenario_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _schema_accepts(validator: jsonschema.Draft7Validator, path: Path) -> bool | None:
    """True/False for the schema's verdict; None when the YAML reader refuses the file."""
    try:
        data = load_yaml_file(path).data
    except ScenarioError:
        return None
    return not list(validator.iter_errors(_jsonable(data)))


def _validate_accepts(path: Path) -> bool:
    code, _, err, exc = cli("validate", str(path))
    assert exc is None and code in (0, 2), (code, err)
    return code == 0


def _bad_cases() -> dict[str, bytes]:
    cases = {p.stem: p.read_bytes() for p in CORPUS}
    cases.update({c.name: c.data() for c in CASES})
    cases.update({name: text.encode("utf-8") for name, text in EXTRA_BAD.items()})
    return cases


def test_schema_and_validate_disagree_only_where_listed(
    tmp_path: Path, validator: jsonschema.Draft7Validator
) -> None:
    cases = _bad_cases()
    assert len(cases) == len(CORPUS) + len(CASES) + len(EXTRA_BAD), "case names must be unique"
    disagree: dict[str, str] = {}
    for name, data in cases.items():
        path = tmp_path / f"{name}.yaml"
        path.write_bytes(data)
        assert not _validate_accepts(path), f"{name}: validate accepts a case of the bad corpus"
        verdict = _schema_accepts(validator, path)
        if verdict is None:
            disagree[name] = _YAML
        elif verdict:
            disagree[name] = "schema accepts"
    new = sorted(set(disagree) - set(VALIDATE_ONLY))
    gone = sorted(set(VALIDATE_ONLY) - set(disagree))
    assert not new, f"the schema accepts what validate refuses (tighten the schema or list it): {new}"
    assert not gone, f"listed as validate-only but the schema now refuses them (drop them from the list): {gone}"
    wrong_kind = sorted(n for n, r in disagree.items() if (r == _YAML) != (VALIDATE_ONLY[n] == _YAML))
    assert not wrong_kind, f"listed with the wrong reason: {wrong_kind}"


def _valid_files() -> dict[str, bytes]:
    here = Path(__file__).resolve().parent
    files = {p.name: p.read_bytes() for p in sorted(here.glob("good_*.yaml"))}
    for p in sorted((here.parents[1] / "simgroup" / "examples").glob("*.yaml")):
        files[f"examples/{p.name}"] = p.read_bytes()
    files.update(VALID)
    files.update({name: text.encode("utf-8") for name, text in EXTRA_VALID.items()})
    return files


@pytest.mark.parametrize("name", list(_valid_files()))
def test_valid_files_pass_both(tmp_path: Path, validator: jsonschema.Draft7Validator, name: str) -> None:
    data = _valid_files()[name]
    path = tmp_path / "scenario.yaml"
    path.write_bytes(data)
    if name.startswith("examples/"):  # better_than: files are found next to the scenario
        for p in (Path(__file__).resolve().parents[2] / "simgroup" / "examples").glob("*.yaml"):
            (tmp_path / p.name).write_bytes(p.read_bytes())
        path = tmp_path / name.split("/", 1)[1]
    assert _validate_accepts(path), name
    assert _schema_accepts(validator, path) is True, [
        e.message for e in validator.iter_errors(_jsonable(load_yaml_file(path).data))
    ][:3]


def test_schema_has_a_stable_id() -> None:
    schema = scenario_json_schema()
    assert schema["$id"] == SCHEMA_ID
    assert SCHEMA_ID.startswith("https://") and SCHEMA_ID.endswith(".schema.json")
