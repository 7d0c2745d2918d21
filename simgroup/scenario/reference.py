"""The scenario reference (Markdown), generated from the models, the vocabulary and the presets.

Contract: :func:`scenario_reference_markdown` returns the text committed as
``docs/scenario-reference.md``: every section and key with its type, default, constraints and
description; the SOP trigger and action vocabulary; the limits; and every ``model:`` parameter
with its preset value and the source comment written next to it in
:mod:`simgroup.scenario.presets` (read from that module's source with ``ast`` and ``tokenize``;
when the source is unavailable the values are listed without comments).

Refresh the committed copy with ``python -m simgroup.scenario.reference > docs/scenario-reference.md``
(a test fails when it drifts).
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from simgroup.scenario import models as M
from simgroup.scenario import vocabulary as V
from simgroup.scenario._time import CLOCK_HELP, DURATION_HELP, WINDOW_HELP
from simgroup.scenario.schema import scenario_json_schema

COMMITTED_REFERENCE_PATH = "docs/scenario-reference.md"
REFRESH_COMMAND = "python -m simgroup.scenario.reference > docs/scenario-reference.md"

_IDENTIFIER_PATTERN = r"^[A-Za-z_][A-Za-z0-9_\-]*$"
_CLOCK_PATTERN = r"^\d{1,2}:\d{2}$"
_WINDOW_PATTERN = r"^\d{1,2}:\d{2}-\d{1,2}:\d{2}$"
_DURATION_PATTERN = r"^(\d+(\.\d+)?[smhdw])+$"

_ACTIONS: tuple[type[M._Step], ...] = (
    M.Welcome, M.Post, M.Announce, M.AtAll, M.Coupon, M.RedPacket, M.FlashSale, M.Livestream,
    M.Checkin, M.Lottery, M.Fission, M.Tag, M.Kick, M.Migrate, M.CreateGroup, M.Dissolve,
)
_TRIGGER_KEYS = ("on", "every", "day", "at", "after", "anchor", "min", "idle")
_FILTER_KEYS = ("segment", "tag", "min_size", "max_size", "stop_when")
_LABOUR_KEYS = ("automated", "minutes", "text")


# --------------------------------------------------------------------------- preset comments


def preset_comments(source: str | None = None) -> dict[tuple[str, ...], str]:
    """Comment text written beside each ``PRESETS`` key, by key path.

    A key gets the block of whole-line comments directly above it plus the comment at the end of
    its line (for a scalar, the line where the value ends). A value given by name (such as
    ``_EVENING_PEAK``) gets the comment block above that name's assignment.
    """
    if source is None:
        try:
            from simgroup.scenario import presets

            source = Path(presets.__file__).read_text(encoding="utf-8")
        except (OSError, TypeError):
            return {}
    try:
        tree = ast.parse(source)
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (SyntaxError, tokenize.TokenError):
        return {}
    lines = source.splitlines()
    trailing: dict[int, str] = {}
    whole_line: dict[int, str] = {}
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            row, col = tok.start
            text = tok.string.lstrip("#").strip()
            if lines[row - 1][:col].strip():
                trailing[row] = text
            else:
                whole_line[row] = text

    def block_above(row: int) -> str:
        parts: list[str] = []
        r = row - 1
        while r in whole_line:
            parts.insert(0, whole_line[r])
            r -= 1
        return " ".join(p for p in parts if p)

    assigned: dict[str, int] = {}
    presets_dict: ast.Dict | None = None
    for node in tree.body:
        target = value = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        if isinstance(target, ast.Name):
            assigned[target.id] = node.lineno
            if target.id == "PRESETS" and isinstance(value, ast.Dict):
                presets_dict = value
    if presets_dict is None:
        return {}

    out: dict[tuple[str, ...], str] = {}
    claimed: set[int] = set()

    def walk(node: ast.Dict, path: tuple[str, ...]) -> None:
        for key, value in zip(node.keys, node.values):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            here = (*path, key.value)
            parts = [block_above(key.lineno)]
            row = key.lineno if isinstance(value, ast.Dict) else (value.end_lineno or key.lineno)
            if row not in claimed and row in trailing:
                parts.append(trailing[row])
            claimed.add(key.lineno)
            claimed.add(row)
            if isinstance(value, ast.Name) and value.id in assigned:
                parts.append(block_above(assigned[value.id]))
            text = " ".join(p for p in parts if p)
            if text:
                out[here] = text
            if isinstance(value, ast.Dict):
                walk(value, here)

    walk(presets_dict, ())
    return out


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
    if "anyOf" in prop and not _is_duration(prop):
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        return options, len(options) < len(prop["anyOf"])
    return [prop], False


def _is_duration(prop: dict[str, Any]) -> bool:
    """A duration (possibly optional: an ``anyOf`` holding the duration's own ``anyOf``)."""
    options = prop.get("anyOf", [])
    return any(o.get("pattern") == _DURATION_PATTERN or _is_duration(o) for o in options)


def _type_text(prop: dict[str, Any]) -> str:
    if _is_duration(prop):
        return "duration"
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
    if pattern == _CLOCK_PATTERN:
        return '"HH:MM"'
    if pattern == _WINDOW_PATTERN:
        return '"HH:MM-HH:MM"'
    kind = p.get("type")
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
            if isinstance(value, M.Select):
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
    add("`simgroup schema` prints the same JSON Schema (draft-07).")
    add("")

    add("## Values")
    add("")
    add(f"- **duration**: {DURATION_HELP}; units `s`, `m`, `h`, `d`, `w` combine (`1d12h`).")
    add(f"- **\"HH:MM\"**: {CLOCK_HELP}. Quotes are optional (`at: 20:00` is read as text).")
    add(f"- **\"HH:MM-HH:MM\"**: {WINDOW_HELP}; it may wrap past midnight (`20:00-02:00`).")
    add("- **id**: a name made of letters, digits, `_` and `-`, starting with a letter or `_` (at most 64).")
    add("- **share**: a number from 0 to 1. Money is in CNY.")
    add(
        "- Booleans are `true` / `false` only (YAML 1.2): `on`, `yes`, `no` are plain words, so "
        "`on: member_join` needs no quotes."
    )
    add("- Anchors, aliases and merge keys (`<<: *defaults`) work; duplicate keys are errors.")
    add("")

    add("## Top level")
    add("")
    out.extend(_key_table(M.Scenario, defs))
    add("")

    sections: list[tuple[str, type[BaseModel]]] = [
        ("`audience` (also a channel's or group's `audience`)", M.Audience),
        ("`channels[]`", M.Channel),
        ("`operators`", M.Operators),
        ("`products[]`", M.Product),
        ("`groups[]`", M.GroupSpec),
        ("`groups[].live_code`", M.LiveCode),
    ]
    for title, model in sections:
        add(f"## {title} — {model.__name__}")
        add("")
        add(_doc(model))
        add("")
        out.extend(_key_table(model, defs))
        add("")
        if model is M.Audience:
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
        out.extend(_key_table(M.Welcome, defs, keys))
        add("")
    add(f"Events for `on:`: {', '.join(f'`{e}`' for e in V.EVENT_NAMES)}. "
        f"`every:` takes `day`, `Nd` or weekdays ({', '.join(V.WEEKDAYS)}), comma-separated; "
        "inside a `{...}` mapping quote a weekday list (`every: \"mon,wed,fri\"`).")
    add("")
    add("### Actions (`do:`)")
    add("")
    from simgroup.scenario.presets import PRESETS

    add("Labour minutes and whether a bot can send the action are presets (`model.actions`).")
    add("")
    common = set(M._Step.model_fields)
    for action in _ACTIONS:
        do = str(action.model_fields["do"].annotation.__args__[0])  # type: ignore[union-attr]
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
    for title, model in (("`select` — Select", M.Select), ("`tiers[]` — RewardTier", M.RewardTier)):
        add(f"### {title}")
        add("")
        add(_doc(model))
        add("")
        out.extend(_key_table(model, defs))
        add("")

    add("## `expect[]` — Expectation")
    add("")
    add(_doc(M.Expectation) + " Give one of `between`, `at_least`, `at_most` or `better_than`.")
    add("")
    out.extend(_key_table(M.Expectation, defs))
    add("")

    add("## Vocabulary")
    add("")
    for title, words in (
        ("Segments", V.SEGMENTS),
        ("Group types", V.GROUP_TYPES),
        ("Personas", V.PERSONAS),
        ("Product roles", get_args(V.ProductRole)),
        ("Post kinds", V.POST_KINDS),
        ("Actions", V.ACTION_KINDS),
        ("Events", V.EVENT_NAMES),
        ("Weekdays", V.WEEKDAYS),
    ):
        add(f"- **{title}**: {', '.join(f'`{w}`' for w in words)}")
    add("")

    add("## Limits")
    add("")
    add("| limit | value |")
    add("|---|---|")
    for label, value in (
        ("days", V.MAX_DAYS),
        ("replications", V.MAX_REPLICATIONS),
        ("group specs (`groups`)", V.MAX_GROUP_SPECS),
        ("initial groups per spec", V.MAX_INITIAL_GROUPS),
        ("initial members per group", V.MAX_INITIAL_MEMBERS),
        ("channel units per day", V.MAX_CHANNEL_PER_DAY),
        ("group capacity (WeCom)", V.GROUP_CAPACITY_MAX),
        ("QR joins stop at (WeCom)", V.QR_JOIN_LIMIT),
        ("groups per live code (WeCom)", V.LIVE_CODE_GROUPS_MAX),
        ("red-packet share, CNY (WeCom)", V.RED_PACKET_SHARE_MAX),
    ):
        add(f"| {label} | {_yaml_value(value)} |")
    from simgroup.scenario._yaml import MAX_DEPTH, MAX_EXPANDED_NODES, MAX_FILE_BYTES

    add(f"| file size | {MAX_FILE_BYTES // (1024 * 1024)} MB |")
    add(f"| nesting depth | {MAX_DEPTH} |")
    add(f"| values after expanding aliases | {MAX_EXPANDED_NODES} |")
    add("")

    out.extend(_model_section(defs, PRESETS))
    return "\n".join(out).rstrip() + "\n"


def _model_section(defs: dict[str, Any], presets: dict[str, Any]) -> list[str]:
    from simgroup.scenario.params import ModelParams

    comments = preset_comments()
    out = [
        "## `model` — behavioural parameters",
        "",
        "The model's parameters and their preset values, with the source of each value as written "
        "in `simgroup/scenario/presets.py`. Sources: [OFF] official platform documentation, [CO] "
        "company-reported figure, [ACAD] published research, [ANEC] practitioner anecdote, [CAL] "
        "calibrated so that the bundled scenarios reproduce an anchor, [ASSUME] modelling "
        "assumption. Rates are per hour unless the name says otherwise; shares are 0..1.",
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
    ]
    props = defs["ModelParams"]["properties"]
    scalars = [n for n in ModelParams.model_fields if not isinstance(presets.get(n), dict)]
    if scalars:
        out += ["| key | value | constraints | source |", "|---|---|---|---|"]
        for n in scalars:
            out.append(
                f"| `{n}` | {_cell(_yaml_value(presets.get(n)))} | {_cell(_constraint_text(props[n]))} | "
                f"{_cell(comments.get((n,), ''))} |"
            )
        out.append("")
    for section, info in ModelParams.model_fields.items():
        value = presets.get(section)
        if not isinstance(value, dict):
            continue
        prop = props[section]
        # A named section (segments, group_types, ...) maps each name to a parameter set.
        first = prop.get("properties", {}).get(next(iter(value), ""), {})
        ref = _ref_name(first) if first else None
        named = ref is not None and all(isinstance(v, dict) for v in value.values())
        out.append(f"### `model.{section}`")
        out.append("")
        if comments.get((section,)):
            out += [comments[(section,)], ""]
        if named and ref is not None:
            params = list(defs[ref]["properties"])
            if all(not any(comments.get((section, n, p)) for p in params) for n in value):
                # One-line-per-name tables (actions, posts): a matrix reads best.
                out.append("| name | " + " | ".join(f"`{p}`" for p in params) + " |")
                out.append("|---|" + "---|" * len(params))
                for name, row in value.items():
                    cells = " | ".join(_cell(_yaml_value(row.get(p))) for p in params)
                    out.append(f"| `{name}` | {cells} |")
                out.append("")
                continue
            for name, row in value.items():
                out.append(f"#### `model.{section}.{name}`")
                out.append("")
                if comments.get((section, name)):
                    out += [comments[(section, name)], ""]
                out += ["| key | value | constraints | source |", "|---|---|---|---|"]
                for p in params:
                    out.append(
                        f"| `{p}` | {_cell(_yaml_value(row.get(p)))} | "
                        f"{_cell(_constraint_text(defs[ref]['properties'][p]))} | "
                        f"{_cell(comments.get((section, name, p), ''))} |"
                    )
                out.append("")
            continue
        sub = _ref_name(prop)
        sub_props = defs[sub]["properties"] if sub else {}
        out += ["| key | value | constraints | source |", "|---|---|---|---|"]
        for p, v in value.items():
            out.append(
                f"| `{p}` | {_cell(_yaml_value(v))} | {_cell(_constraint_text(sub_props.get(p, {})))} | "
                f"{_cell(comments.get((section, p), ''))} |"
            )
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
