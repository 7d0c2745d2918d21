"""The scenario reference (Markdown), generated from the models, the vocabulary and the presets.

Contract: :func:`scenario_reference_markdown` returns the text committed as
``docs/scenario-reference.md``: every section and key with its type, default, constraints and
description; the SOP trigger and action vocabulary; the limits; and every ``model:`` parameter
with its preset value, plausible range, source grade and source, read from the records of
:mod:`simgroup.scenario.presets` (with each section's note above its table).

Refresh the committed copy with ``python -m simgroup.scenario.reference > docs/scenario-reference.md``
(a test fails when it drifts).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, get_args

from pydantic import BaseModel

from simgroup.scenario import limits, models, vocabulary
from simgroup.scenario.parameter_info import GRADES, Param, Record, why_unranged
from simgroup.scenario.schema import SCHEMA_ID, scenario_json_schema
from simgroup.scenario.times import CLOCK_HELP, CLOCK_PATTERN, DURATION_HELP, WINDOW_HELP, WINDOW_PATTERN
from simgroup.scenario.times import DURATION_PATTERN as _DURATION_PATTERN

COMMITTED_REFERENCE_PATH = "docs/scenario-reference.md"
REFRESH_COMMAND = "python -m simgroup.scenario.reference > docs/scenario-reference.md"

_IDENTIFIER_PATTERN = r"^[A-Za-z_][A-Za-z0-9_\-]*$"

_ACTIONS: tuple[type[models._Step], ...] = (
    models.Welcome, models.Post, models.Announce, models.AtAll, models.Coupon, models.RedPacket, models.FlashSale, models.Livestream,
    models.Checkin, models.Lottery, models.Fission, models.Tag, models.Kick, models.Migrate, models.CreateGroup, models.Dissolve,
)
_TRIGGER_KEYS = ("on", "every", "day", "at", "after", "anchor", "min", "idle")
_FILTER_KEYS = ("segment", "tag", "min_size", "max_size", "stop_when")
_LABOUR_KEYS = ("automated", "minutes", "text")


# --------------------------------------------------------------------------- rendering helpers


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _yaml_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def _duration_text(minutes: float) -> str:
    for unit, size in (("d", 1440), ("h", 60)):
        if minutes >= size and minutes % size == 0:
            return f"{int(minutes // size)}{unit}"
    return f"{_yaml_value(float(minutes))}m"


def _members(prop: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """The non-null alternatives of a property and whether null is allowed."""
    if "anyOf" in prop and not _is_duration(prop) and not _is_window(prop):
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        return options, len(options) < len(prop["anyOf"])
    return [prop], False


def _is_duration(prop: dict[str, Any]) -> bool:
    """A duration (possibly optional: an ``anyOf`` holding the duration's own ``anyOf``)."""
    options = prop.get("anyOf", [])
    return any(o.get("pattern") == _DURATION_PATTERN or _is_duration(o) for o in options)


def _is_window(prop: dict[str, Any]) -> bool:
    """An hour window (text, or a list of two clock times), possibly optional."""
    options = prop.get("anyOf", [])
    return any(o.get("pattern") == WINDOW_PATTERN or _is_window(o) for o in options)


def _type_text(prop: dict[str, Any]) -> str:
    if _is_duration(prop):
        return "duration"
    if _is_window(prop):
        return '"HH:MM-HH:MM"'
    options, _ = _members(prop)
    if len(options) > 1:
        return " or ".join(_type_text(o) for o in options)
    p = options[0]
    if "allOf" in p:
        p = {**p, **p["allOf"][0]}
    if "$ref" in p:
        return f"{p['$ref'].rsplit('/', 1)[1]} mapping"
    if "oneOf" in p:
        return "step (see below)"
    if "const" in p:
        return f"`{_yaml_value(p['const'])}`"
    if "enum" in p:
        return "one of " + ", ".join(f"`{v}`" for v in p["enum"])
    pattern = p.get("pattern")
    if pattern == _IDENTIFIER_PATTERN:
        return "id"
    if pattern == CLOCK_PATTERN:
        return '"HH:MM"'
    kind = p.get("type")
    if isinstance(kind, list):  # a number that may also be written as text: named by the number
        kind = kind[0]
    if kind == "array":
        items = p.get("items")
        if isinstance(items, list):
            return "[" + ", ".join(_type_text(i) for i in items) + "]"
        return f"list of {_type_text(items or {})}"
    if kind == "object":
        if "patternProperties" in p:
            (value,) = p["patternProperties"].values()
            return f"mapping of id → {_type_text(value)}"
        extra = p.get("additionalProperties")
        if isinstance(extra, dict):
            return f"mapping of name → {_type_text(extra)}"
        return "mapping"
    if p.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return {"integer": "integer", "number": "number", "string": "text", "boolean": "true/false"}.get(
        str(kind), str(kind or "any")
    )


def _constraint_text(prop: dict[str, Any]) -> str:
    options, _ = _members(prop)
    parts: list[str] = []
    for p in options:
        if p.get("type") == "array" and isinstance(p.get("items"), dict):
            inner = _constraint_text(p["items"])
            if inner:
                parts.append(f"each {inner}")
        if p.get("pattern") == CLOCK_PATTERN:
            continue  # the minute-of-day bounds of a clock time are its notation, not a range
        lo, hi = p.get("minimum"), p.get("maximum")
        xlo, xhi = p.get("exclusiveMinimum"), p.get("exclusiveMaximum")
        if lo is not None and hi is not None:
            parts.append(f"{_yaml_value(lo)}..{_yaml_value(hi)}")
        else:
            if lo is not None:
                parts.append(f"≥ {_yaml_value(lo)}")
            if hi is not None:
                parts.append(f"≤ {_yaml_value(hi)}")
        if xlo is not None:
            parts.append(f"> {_yaml_value(xlo)}")
        if xhi is not None:
            parts.append(f"< {_yaml_value(xhi)}")
        if p.get("minItems") is not None and p.get("minItems") == p.get("maxItems"):
            parts.append(f"exactly {p['minItems']} items")
        else:
            if p.get("minItems"):
                parts.append(f"at least {p['minItems']} item{'s' if p['minItems'] != 1 else ''}")
            if p.get("maxItems") is not None:
                parts.append(f"at most {p['maxItems']} items")
        if p.get("maxLength") is not None:
            parts.append(f"at most {p['maxLength']} characters")
    return ", ".join(dict.fromkeys(parts))


def _default_text(info: Any, prop: dict[str, Any]) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        value = info.get_default(call_default_factory=True)
        if isinstance(value, BaseModel):
            if isinstance(value, models.Select):
                return _yaml_value(value.model_dump(exclude_none=True))
            return "(its defaults)"
        return _yaml_value(value)
    default = prop.get("default", info.default)
    if default is None:
        return "—"
    if _is_duration(prop) and isinstance(default, (int, float)):
        return _duration_text(float(default))
    if isinstance(default, str):
        return f"`{default}`" if default else '`""`'
    return f"`{_yaml_value(default)}`"


def _key_table(model: type[BaseModel], definitions: dict[str, Any], keys: tuple[str, ...] | None = None) -> list[str]:
    schema = definitions[model.__name__]["properties"]
    rows = ["| key | type | default | constraints | description |", "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        if keys is not None and name not in keys:
            continue
        key = info.alias or name
        prop = schema[key]
        rows.append(
            f"| `{key}` | {_cell(_type_text(prop))} | {_cell(_default_text(info, prop))} | "
            f"{_cell(_constraint_text(prop))} | {_cell(info.description or '')} |"
        )
    return rows


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


# --------------------------------------------------------------------------- the document


def scenario_reference_markdown() -> str:
    """The scenario reference as Markdown (the committed ``docs/scenario-reference.md``)."""
    schema = scenario_json_schema()
    defs: dict[str, Any] = schema["definitions"]
    defs["Scenario"] = {"properties": schema["properties"]}
    out: list[str] = []
    add = out.append

    add("# Scenario file reference (`simgroup: 1`)")
    add("")
    add(
        "<!-- Generated by simgroup.scenario.reference from the models, the vocabulary and the presets. "
        f"Do not edit by hand; refresh with: {REFRESH_COMMAND} -->"
    )
    add("")
    add(
        "One YAML file is one scenario. Every key is checked: an unknown key is an error with a "
        "\"did you mean\" suggestion, and every error names `file:line:col` and the key path. "
        "Check a file with `simgroup validate FILE`. For completion in an editor with "
        "yaml-language-server, put this first line in the file (path relative to the file):"
    )
    add("")
    add("```yaml")
    add("# yaml-language-server: $schema=../simgroup/schema/scenario.schema.json")
    add("```")
    add("")
    add(
        f"`simgroup schema` prints the same JSON Schema (draft-07); `simgroup init FILE` writes a commented "
        f"starter scenario with the schema next to it. The schema's `$id`, `{SCHEMA_ID}`, names it; it is an "
        "identifier, not a download location."
    )
    add("")

    add("## Values")
    add("")
    add(f"- **duration**: {DURATION_HELP}; units `s`, `m`, `h`, `d`, `w` combine (`1d12h`).")
    add(f"- **\"HH:MM\"**: {CLOCK_HELP}. Quotes are optional (`at: 20:00` is read as text).")
    add(f"- **\"HH:MM-HH:MM\"**: {WINDOW_HELP}; it may wrap past midnight (`20:00-02:00`).")
    add("- **id**: a name made of letters of any script (`试用装`), digits, `_` and `-`, starting with a "
        "letter or `_` (at most 64). Products, channels and group specs may add `name:`, any text shown "
        "instead of the id; an SOP step may add `label:` (a step's `name:` is the tag `do: tag` gives).")
    add("- **share**: a number from 0 to 1. Money is in CNY.")
    add(
        "- Booleans are `true` / `false` only (YAML 1.2): `on`, `yes`, `no` are plain words, so "
        "`on: member_join` needs no quotes."
    )
    add("- Anchors, aliases and merge keys (`<<: *defaults`) work; duplicate keys are errors.")
    add("- A number may be written as text (`price: \"9.9\"`, `days: \"7\"`); it is read as the number.")
    add("")
    add("### Schema and validate")
    add("")
    add(
        "The JSON Schema refuses what `simgroup validate` refuses wherever JSON Schema can say it: types, "
        "ranges, closed vocabularies (actions, events, KPI names in `expect:`), clock times, hour windows, "
        "`every:` and `at:`, one trigger per step, a bound per expectation. These are checked by `validate` "
        "only: references between parts of the file (a channel, product, SOP or migrate target that exists, "
        "unique ids, `day:` within `days`), rules across several values (audience shares summing to 1, "
        "`between` in order, a red-packet share at most 200 CNY, a non-empty hour window), calendar dates "
        "(`2026-02-30`), the range of a number written as text, NaN, `better_than:` files, and the YAML "
        "itself (syntax, encoding, duplicate keys, tags, aliases, size limits)."
    )
    add("")

    add("## Top level")
    add("")
    out.extend(_key_table(models.Scenario, defs))
    add("")

    sections: list[tuple[str, type[BaseModel]]] = [
        ("`audience` (also a channel's or group's `audience`)", models.Audience),
        ("`channels[]`", models.Channel),
        ("`operators`", models.Operators),
        ("`products[]`", models.Product),
        ("`groups[]`", models.GroupSpec),
        ("`groups[].live_code`", models.LiveCode),
    ]
    for title, model in sections:
        add(f"## {title} — {model.__name__}")
        add("")
        add(_doc(model))
        add("")
        out.extend(_key_table(model, defs))
        add("")
        if model is models.Audience:
            add("The shares must sum to 1.")
            add("")

    add("## `sops` — SOP steps")
    add("")
    add(
        "`sops` maps an SOP id to a list of steps. A step has one trigger (`on`, `every`, `day`, or "
        "`at` alone), optional filters and labour settings, and `do:` naming its action; the other "
        "keys it accepts depend on the action. In WeCom an SOP is a reminder to a human: every "
        "step becomes an operator task that may be late or skipped, and that costs labour unless "
        "a bot sends it."
    )
    add("")
    add("Example:")
    add("")
    add("```yaml")
    add("sops:")
    add("  traffic_daily:")
    add("    - {on: member_join, do: welcome}")
    add("    - {every: day, at: \"09:00\", do: post, kind: tips}")
    add("    - {day: 2, at: \"20:00\", do: flash_sale, product: trial, discount: 0.5, lasts: 2h}")
    add("    - {day: 6, at: \"21:00\", do: migrate, to: content, select: {top_active: 0.1}}")
    add("```")
    add("")
    for title, keys in (("Triggers", _TRIGGER_KEYS), ("Filters and early end", _FILTER_KEYS), ("Labour", _LABOUR_KEYS)):
        add(f"### {title} (every step)")
        add("")
        out.extend(_key_table(models.Welcome, defs, keys))
        add("")
    add(f"Events for `on:`: {', '.join(f'`{e}`' for e in vocabulary.EVENT_NAMES)}. "
        f"`every:` takes `day`, `Nd` or weekdays ({', '.join(vocabulary.WEEKDAYS)}), comma-separated; "
        "inside a `{...}` mapping quote a weekday list (`every: \"mon,wed,fri\"`).")
    add("")
    add("### Actions (`do:`)")
    add("")
    from simgroup.scenario.presets import PRESETS

    add("Labour minutes and whether a bot can send the action are presets (`model.actions`).")
    add("")
    common = set(models._Step.model_fields)
    for action in _ACTIONS:
        do = str(get_args(action.model_fields["do"].annotation)[0])
        preset = PRESETS.get("actions", {}).get(do, {})
        add(f"#### `do: {do}`")
        add("")
        labour = ""
        if preset:
            labour = (
                f" Labour: {_yaml_value(preset.get('minutes'))} min; "
                f"{'a bot can send it' if preset.get('automatable') else 'a person must send it'}."
            )
        add(_doc(action).split(": ", 1)[-1][:1].upper() + _doc(action).split(": ", 1)[-1][1:] + labour)
        add("")
        own = tuple(n for n in action.model_fields if n not in common and n != "do")
        if own:
            out.extend(_key_table(action, defs, own))
        else:
            add("No keys of its own.")
        add("")
    for title, model in (("`select` — Select", models.Select), ("`tiers[]` — RewardTier", models.RewardTier)):
        add(f"### {title}")
        add("")
        add(_doc(model))
        add("")
        out.extend(_key_table(model, defs))
        add("")

    add("## `expect[]` — Expectation")
    add("")
    add(_doc(models.Expectation) + " Give one of `between`, `at_least`, `at_most` or `better_than`.")
    add("")
    out.extend(_key_table(models.Expectation, defs))
    add("")

    add("## Vocabulary")
    add("")
    for title, words in (
        ("Segments", vocabulary.SEGMENTS),
        ("Group types", vocabulary.GROUP_TYPES),
        ("Personas", vocabulary.PERSONAS),
        ("Product roles", get_args(vocabulary.ProductRole)),
        ("Post kinds", vocabulary.POST_KINDS),
        ("Actions", vocabulary.ACTION_KINDS),
        ("Events", vocabulary.EVENT_NAMES),
        ("Weekdays", vocabulary.WEEKDAYS),
    ):
        add(f"- **{title}**: {', '.join(f'`{w}`' for w in words)}")
    add("")

    add("## Limits")
    add("")
    add("| limit | value |")
    add("|---|---|")
    for label, value in (
        ("days", vocabulary.MAX_DAYS),
        ("replications", vocabulary.MAX_REPLICATIONS),
        ("group specs (`groups`)", vocabulary.MAX_GROUP_SPECS),
        ("initial groups per spec", vocabulary.MAX_INITIAL_GROUPS),
        ("initial members per group", vocabulary.MAX_INITIAL_MEMBERS),
        ("channel units per day", vocabulary.MAX_CHANNEL_PER_DAY),
        ("members one replication expects (channels and initial members)", vocabulary.MAX_EXPECTED_MEMBERS),
        ("any one amount of money, CNY (price, cost, reward, prize, budget)", limits.MAX_MONEY_CNY),
        ("stock of a coupon or flash sale", limits.MAX_STOCK),
        ("labour minutes of one SOP task", limits.MAX_TASK_MINUTES),
        ("repurchase_days", limits.MAX_REPURCHASE_DAYS),
        ("group capacity (WeCom)", vocabulary.GROUP_CAPACITY_MAX),
        ("QR joins stop at (WeCom)", vocabulary.QR_JOIN_LIMIT),
        ("groups per live code (WeCom)", vocabulary.LIVE_CODE_GROUPS_MAX),
        ("red-packet share, CNY (WeCom)", vocabulary.RED_PACKET_SHARE_MAX),
    ):
        add(f"| {label} | {_yaml_value(value)} |")
    from simgroup.scenario.located_yaml import MAX_DEPTH, MAX_EXPANDED_NODES, MAX_FILE_BYTES

    add(f"| file size | {MAX_FILE_BYTES // (1024 * 1024)} MB |")
    add(f"| nesting depth | {MAX_DEPTH} |")
    add(f"| values after expanding aliases | {MAX_EXPANDED_NODES} |")
    add("")
    add(
        "A run also counts the work it creates as it goes (member rows, groups created, SOP tasks, "
        "event-log records) and stops with a diagnostic at the SOP step that passed a limit; "
        "validation refuses `create_group` steps whose groups would reproduce without bound. "
        "See [model.md](model.md#scales)."
    )
    add("")

    from simgroup.scenario.presets import PARAMETER_INFO, SECTION_NOTES

    out.extend(_model_section(defs, PRESETS, PARAMETER_INFO, SECTION_NOTES))
    return "\n".join(out).rstrip() + "\n"


def _model_section(
    defs: dict[str, Any], presets: dict[str, Any], records: Mapping[str, Record], notes: Mapping[str, str]
) -> list[str]:
    """The ``model`` section: for every parameter its preset value, plausible range, grade,
    schema constraints and source (``records`` by dotted key path), each section's note above its
    table (``notes`` by dotted key path).

    Sections and keys follow the presets, not the model: every parameter has a preset, and a
    section still being added to the model shows its records (its constraints once the model has
    it). A section whose entries are all mappings is a named section (segments, group_types, ...):
    a matrix when each parameter has one grade and source for every name, else a table per name.
    """
    legend = "; ".join(f"[{grade}] {meaning}" for grade, meaning in GRADES.items())
    out = [
        "## `model` — behavioural parameters",
        "",
        "The model's parameters with their preset value, plausible range, source grade and source, "
        "as recorded in `simgroup/scenario/presets.py`. The range is where the value plausibly lies "
        "(a sensitivity study should vary it there); switches, 24-hour profiles and engine settings "
        f"have none. Grades: {legend}. Rates are per hour unless the name says otherwise; shares "
        "are 0..1.",
        "",
        "A scenario overrides any value under `model:`, giving only what it changes:",
        "",
        "```yaml",
        "model:",
        "  group_types:",
        "    traffic: {leave_base: 0.002}",
        "  segments:",
        "    coupon_hunter: {buy_mult: 2.0}",
        "```",
        "",
        "A value set there is held when parameter worlds vary the rest (`simgroup sensitivity`, "
        "`compare --robust`, `expect: robust:`). `uncertainty:` narrows or fixes what the worlds draw, by "
        "dotted key path: `[low, high]` inside the plausible range, or `fixed` (held at the scenario's value, "
        "e.g. a measured value equal to the preset). It changes no value of a single run (docs/uncertainty.md):",
        "",
        "```yaml",
        "model:",
        "  uncertainty:",
        "    chatter.excitation_alpha: [0.4, 0.5]",
        "    segments.regular.buy_mult: fixed",
        "```",
        "",
    ]
    props = defs["ModelParams"]["properties"]
    scalars = {n: v for n, v in presets.items() if not isinstance(v, dict)}
    if scalars:
        out += _table(scalars, "", {n: props.get(n, {}) for n in scalars}, records, defs)
    for section, value in presets.items():
        if not isinstance(value, dict):
            continue
        prop = props.get(section, {})
        out += [f"### `model.{section}`", ""]
        if notes.get(section):
            out += [notes[section], ""]
        if value and all(isinstance(v, dict) for v in value.values()):
            # One parameter model for every name: the schema lists it under each name.
            first = prop.get("properties", {}).get(next(iter(value)), {})
            ref = _ref_name(first) if first else None
            params = defs[ref]["properties"] if ref in defs else {}
            if _columns_shared(section, value, records):
                out += _matrix(section, value, records)
                continue
            for name, row in value.items():
                out += [f"#### `model.{section}.{name}`", ""]
                if notes.get(f"{section}.{name}"):
                    out += [notes[f"{section}.{name}"], ""]
                out += _table(row, f"{section}.{name}.", params, records, defs)
            continue
        sub = _ref_name(prop)
        out += _table(value, f"{section}.", defs[sub]["properties"] if sub in defs else {}, records, defs)
    return out


def _table(values: dict[str, Any], prefix: str, props: dict[str, Any], records: Mapping[str, Record],
           defs: dict[str, Any]) -> list[str]:
    """A parameter table of ``values`` (records at ``prefix`` + key; a nested mapping, such as a
    value per product role, gives a row per entry, keyed ``outer.inner``; its constraints come
    from the nested model in ``defs``)."""
    out = ["| key | value | range | grade | constraints | source |", "|---|---|---|---|---|---|"]

    def rows(node: dict[str, Any], key_prefix: str, node_props: dict[str, Any]) -> None:
        for key, value in node.items():
            prop = node_props.get(key, {})
            if isinstance(value, dict):
                ref = _ref_name(prop)
                inner = (defs[ref]["properties"] if ref in defs else prop.get("properties")) or {
                    k: prop.get("additionalProperties") or {} for k in value}
                rows(value, f"{key_prefix}{key}.", inner)
                continue
            path = f"{prefix}{key_prefix}{key}"
            record = records.get(path)
            if record is None:  # a bare preset (the parameter tests forbid it): show what there is
                out.append(f"| `{key_prefix}{key}` | {_cell(_yaml_value(value))} | — |  | "
                           f"{_cell(_constraint_text(prop))} |  |")
                continue
            out.append(
                f"| `{key_prefix}{key}` | {_cell(_yaml_value(value))} | {_cell(_range_text(path, record))} | "
                f"{record.grade} | {_cell(_constraint_text(prop))} | {_cell(record.source)} |"
            )

    rows(values, "", props)
    out.append("")
    return out


def _range_text(path: str, record: Record) -> str:
    if isinstance(record, Param):
        return f"{_yaml_value(record.low)}–{_yaml_value(record.high)}"
    reason = why_unranged(path, record)
    return f"— ({reason})" if reason else "—"


def _columns_shared(section: str, value: dict[str, dict[str, Any]], records: Mapping[str, Record]) -> bool:
    """Whether every name of a named section has the same keys, each with one grade and source
    for every name (the actions and posts tables), so that a matrix of values shows it all."""
    keys = list(next(iter(value.values())))
    for key in keys:
        kinds = {
            (r.grade, r.source) if (r := records.get(f"{section}.{name}.{key}")) else None for name in value
        }
        if len(kinds) != 1 or None in kinds:
            return False
    return all(list(row) == keys for row in value.values())


def _matrix(section: str, value: dict[str, dict[str, Any]], records: Mapping[str, Record]) -> list[str]:
    """A name × parameter table of ``value (low–high)`` cells, then each column's grade and source."""
    keys = list(next(iter(value.values())))
    out = ["| name | " + " | ".join(f"`{k}`" for k in keys) + " |", "|---|" + "---|" * len(keys)]
    for name, row in value.items():
        cells = []
        for key in keys:
            path = f"{section}.{name}.{key}"
            record = records[path]
            text = _yaml_value(row[key])
            cells.append(_cell(f"{text} ({_range_text(path, record)})" if isinstance(record, Param) else text))
        out.append(f"| `{name}` | " + " | ".join(cells) + " |")
    out += ["", "Each cell is `value (plausible range)`; the columns' grade and source:", ""]
    out += ["| key | grade | source |", "|---|---|---|"]
    first = next(iter(value))
    for key in keys:
        record = records[f"{section}.{first}.{key}"]
        out.append(f"| `{key}` | {record.grade} | {_cell(record.source)} |")
    out.append("")
    return out


def _ref_name(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref")
    if ref is None and prop.get("allOf"):
        ref = prop["allOf"][0].get("$ref")
    return ref.rsplit("/", 1)[1] if isinstance(ref, str) else None


def main() -> None:
    """Print the reference (``python -m simgroup.scenario.reference > docs/scenario-reference.md``)."""
    import sys

    sys.stdout.write(scenario_reference_markdown())


if __name__ == "__main__":  # pragma: no cover
    main()
