"""Diagnostics: one human message per problem, at ``file:line:col`` and a dotted key path.

Contract:

* :class:`Diagnostic` is a frozen record; :meth:`Diagnostic.format` gives
  ``file:line:col: key.path: message (did you mean 'x'?)``. ``line == 0`` means the problem is
  about the file as a whole (missing, too big); it formats as ``file: message``.
* A diagnostic is one line: its message, suggestion and key path are stored with control
  characters escaped (``\\n``, ``\\x1b``, ``\\u2028``; see
  :func:`~simgroup.scenario._message_values.one_line`), and :meth:`Diagnostic.format` escapes the
  file name too.
* :class:`ScenarioError` carries a non-empty list of diagnostics.
* :func:`from_validation_error` maps every entry of a pydantic ``ValidationError`` raised while
  validating a :class:`~simgroup.scenario.models.Scenario` to a diagnostic at the position the
  YAML loader recorded, in plain words: no pydantic wording, no error-type codes.
* :func:`did_you_mean` and :func:`allowed_keys` supply suggestions for misspelt keys and names.

This module imports nothing from the UI layers and nothing that imports the loader.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import types
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

# How values are shown in messages lives apart; ``_got`` stays importable from here.
from simgroup.errors import SimgroupError
from simgroup.i18n import get_language
from simgroup.scenario._message_values import bound_text as _large
from simgroup.scenario._message_values import got as _got
from simgroup.scenario._message_values import number_text as _num
from simgroup.scenario._message_values import one_line
from simgroup.scenario.diagnostics_zh import translate, translate_suggestion

if TYPE_CHECKING:
    from simgroup.scenario.located_yaml import LoadedYaml

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one scenario file.

    ``message`` and ``suggestion`` are stored on one line (see :func:`one_line`): they quote
    the author's values, which may hold newlines, and every consumer (the CLI's one line per
    problem, the TUI's list, ``--json``) shows them as one line."""

    file: str
    line: int  # 1-based; 0 = the file as a whole
    col: int  # 1-based, in characters
    key_path: tuple[str | int, ...]
    message: str
    suggestion: str | None = None
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # object.__setattr__: the dataclass is frozen, and this is its construction.
        object.__setattr__(self, "message", one_line(self.message))
        if self.suggestion is not None:
            object.__setattr__(self, "suggestion", one_line(self.suggestion))

    @property
    def dotted_path(self) -> str:
        # A key may be any quoted text, newlines included.
        return one_line(".".join(str(p) for p in self.key_path))

    def message_in(self, lang: str | None = None) -> str:
        """The message alone in ``lang`` (default: the process's language), as :meth:`format`
        words it."""
        return translate(self.message) if (lang or get_language()) == "zh" else self.message

    def format(self, lang: str | None = None) -> str:
        """The diagnostic as one line (the file name's control characters escaped too), in
        ``lang`` (default: the process's language, :mod:`simgroup.i18n`): in Chinese the
        message and suggestion are translated; the place, key path and quoted values are not."""
        file = one_line(self.file)
        where = f"{file}:{self.line}:{self.col}" if self.line > 0 else file
        parts = [where]
        if self.key_path:
            parts.append(self.dotted_path)
        if (lang or get_language()) == "zh":
            text = self.message_in("zh")
            if self.suggestion is not None:
                text += translate_suggestion(self.suggestion)
            if self.severity != "error":
                text = f"警告：{text}"
            parts.append(text)
            return ": ".join(parts)
        text = self.message
        if self.suggestion is not None:
            text += f" (did you mean {self.suggestion!r}?)"
        if self.severity != "error":
            text = f"{self.severity}: {text}"
        parts.append(text)
        return ": ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (for ``--json`` outputs and the TUI)."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "key_path": list(self.key_path),
            "message": self.message,
            "suggestion": self.suggestion,
            "severity": self.severity,
        }

    def __str__(self) -> str:
        return self.format()


class ScenarioError(SimgroupError):
    """A scenario that cannot be loaded; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


# --------------------------------------------------------------------------- suggestions


def did_you_mean(word: object, candidates: Sequence[str] | set[str], cutoff: float = 0.6) -> str | None:
    """The closest candidate to ``word`` (case-insensitive exact first, then difflib), or None."""
    if not isinstance(word, str) or not candidates:
        return None
    pool = sorted(set(candidates))
    if word in pool:
        return None
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    match = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if match:
        return match[0]
    # "flashsale" vs "flash_sale": compare without separators.
    squashed = {re.sub(r"[_\-\s]", "", c.lower()): c for c in pool}
    return squashed.get(re.sub(r"[_\-\s]", "", word.lower()))


def _unwrap(tp: Any, value: Any) -> Any:
    """Strip ``Annotated`` and pick the union member that fits ``value`` (the discriminated SOP
    step by its ``do:``, a model for a mapping, a list type for a list)."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
            continue
        if origin is Union or origin is types.UnionType:
            members = [a for a in get_args(tp) if a is not type(None)]
            tp = _pick_member(members, value)
            if tp is None:
                return None
            continue
        return tp


def _pick_member(members: list[Any], value: Any) -> Any:
    stripped = [(m, get_args(m)[0] if get_origin(m) is Annotated else m) for m in members]
    models = [(m, s) for m, s in stripped if isinstance(s, type) and issubclass(s, BaseModel)]
    if isinstance(value, dict) and models:
        if len(models) == 1:
            return models[0][0]
        tag = value.get("do")
        for m, s in models:
            field = s.model_fields.get("do")
            if field is not None and tag in get_args(field.annotation):
                return m
        return None
    if isinstance(value, list):
        for m, s in stripped:
            if get_origin(s) in (list, tuple):
                return m
    for m, s in stripped:
        if not (isinstance(s, type) and issubclass(s, BaseModel)) and get_origin(s) not in (list, tuple, dict):
            return m
    return members[0] if len(members) == 1 else None


def _field_by_key(model: type[BaseModel], key: object) -> Any:
    for name, info in model.model_fields.items():
        if key == name or key == info.alias:
            return info
    return None


def _child(value: Any, key: object) -> Any:
    if isinstance(value, dict):
        return value.get(key)
    if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
        return value[key]
    return None


def model_at(path: Sequence[str | int], data: Any, root: type[BaseModel] | None = None) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at ``path`` in ``data`` (None if unknown)."""
    if root is None:
        from simgroup.scenario.models import Scenario

        root = Scenario
    tp: Any = root
    value = data
    for key in path:
        tp = _unwrap(tp, value)
        if tp is None:
            return None
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = _field_by_key(tp, key)
            if info is None:
                return None
            tp = info.annotation
        elif get_origin(tp) is list:
            tp = get_args(tp)[0]
        elif get_origin(tp) is tuple:
            args = get_args(tp)
            if not isinstance(key, int) or not args:
                return None
            tp = args[-2] if len(args) == 2 and args[1] is Ellipsis else args[min(key, len(args) - 1)]
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            return None
        value = _child(value, key)
    tp = _unwrap(tp, value)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def booleans_read_as_numbers(data: Any, root: type[BaseModel] | None = None) -> list[tuple[tuple[str | int, ...], str]]:
    """``(key path, expected kind)`` of every ``true`` / ``false`` written where the scenario
    expects a number.

    pydantic's lax mode reads ``true`` as 1 and ``false`` as 0 for an ``int`` or ``float``
    field, so ``replications: true`` would silently mean one replication; YAML authors who write
    ``true`` there meant something else. Values validated by a function of their own (durations,
    clock times) are reported by that function and also listed here; the caller de-duplicates.
    """
    if root is None:
        from simgroup.scenario.models import Scenario

        root = Scenario
    found: list[tuple[tuple[str | int, ...], str]] = []

    def walk(tp: Any, value: Any, path: tuple[str | int, ...]) -> None:
        tp = _unwrap(tp, value)
        if tp is None:
            return
        if isinstance(value, bool):
            if tp is int:
                found.append((path, "a whole number"))
            elif tp is float:
                found.append((path, "a number"))
            return
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if isinstance(value, dict):
                for key, child in value.items():
                    info = _field_by_key(tp, key)
                    if info is not None:
                        walk(info.annotation, child, (*path, key))
            return
        origin, args = get_origin(tp), get_args(tp)
        if origin is list and args and isinstance(value, list):
            for i, child in enumerate(value):
                walk(args[0], child, (*path, i))
        elif origin is tuple and args and isinstance(value, list):
            for i, child in enumerate(value):
                if len(args) == 2 and args[1] is Ellipsis:
                    walk(args[0], child, (*path, i))
                elif i < len(args):
                    walk(args[i], child, (*path, i))
        elif origin is dict and len(args) == 2 and isinstance(value, dict):
            for key, child in value.items():
                walk(args[1], child, (*path, key))

    walk(root, data, ())
    return found


def allowed_keys(path: Sequence[str | int], data: Any, root: type[BaseModel] | None = None) -> list[str]:
    """Keys accepted in the mapping at ``path``: field names and their aliases. For an SOP step
    they are those of the step's ``do:`` action."""
    model = model_at(path, data, root)
    if model is None:
        return []
    keys: list[str] = []
    for name, info in model.model_fields.items():
        if info.alias:
            keys.append(info.alias)
        keys.append(name)
    return keys


# --------------------------------------------------------------------------- pydantic errors

# Error types that only say "this is not the expected kind of value": when a union reports one
# per member, they are merged; a member that got further (a constraint error) wins.
_TYPE_ERRORS = {
    "int_type", "int_parsing", "int_from_float", "float_type", "float_parsing", "string_type",
    "bool_type", "bool_parsing", "list_type", "tuple_type", "dict_type", "model_type",
    "model_attributes_type", "none_required", "date_type", "date_parsing", "is_instance_of",
    "literal_error",
}

_EXPECTED_KIND = {
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "string_type": "text",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "tuple_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
    "model_attributes_type": "a mapping", "none_required": "nothing",
    "date_type": "a date (YYYY-MM-DD)", "date_parsing": "a date (YYYY-MM-DD)",
}

# Fields whose upper bound is one of simgroup's limits (docs/scenario-reference.md: "a message that says the limit").
_LIMIT_FIELDS = {
    "days", "replications", "initial_members", "initial_groups", "per_day", "count", "capacity",
    "qr_limit", "max_groups", "groups", "shares",
}

# How a closed vocabulary is named in messages, by the key that holds it.
_VOCABULARY_NAMES = {
    "type": "group type", "persona": "persona", "on": "event", "segment": "segment",
    "role": "product role", "kind": "kind", "mode": "mode", "stop_when": "stop_when value",
    "by": "comparison", "from": "anchor",
}

_IDENTIFIER_HELP = "use letters (any script), digits, '_' and '-', starting with a letter or '_'"


@dataclass
class _Entry:
    path: tuple[str | int, ...]
    at_key: bool
    message: str
    suggestion: str | None
    kind: str
    branch: tuple[str | int, ...] | None = None  # set for an error from one member of a union
    missing_key: str | None = None


def from_validation_error(exc: ValidationError, loaded: LoadedYaml) -> list[Diagnostic]:
    """Diagnostics for every problem in ``exc``, raised by validating ``loaded.data``."""
    entries: list[_Entry] = []
    for err in exc.errors(include_url=False):
        entries.extend(_entries_for(err, loaded.data))
    entries = _merge_union_branches(entries)
    entries = _drop_explained_missing(entries)
    out: list[Diagnostic] = []
    seen: set[tuple[int, int, str]] = set()
    for e in entries:
        line, col = loaded.locate(e.path, at_key=e.at_key)
        key = (line, col, e.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(Diagnostic(loaded.file, line, col, e.path, e.message, e.suggestion))
    return out


def _walk_loc(loc: tuple[Any, ...], data: Any, error_type: str) -> tuple[tuple[str | int, ...], bool, tuple[str | int, ...] | None]:
    """Map pydantic's ``loc`` onto the user's key path: drop discriminator tags and union-member
    labels (which pydantic inserts but the file does not have). Returns the path, whether the
    location is a mapping key (``[key]``), and the path where a union branch was taken."""
    path: list[str | int] = []
    value: Any = data
    present = True
    branch: tuple[str | int, ...] | None = None
    is_key = False
    after_item = False  # pydantic inserts a step's `do:` tag right after the list index
    for i, el in enumerate(loc):
        if el == "[key]":
            is_key = True
            continue
        last = i == len(loc) - 1
        if after_item and isinstance(value, dict) and isinstance(el, str) and value.get("do") == el:
            # Checked before the keys: in `{do: tag, tag: vip}` the first 'tag' is the tag.
            after_item = False
            continue
        after_item = False
        if present and isinstance(value, dict) and el in value:
            path.append(el)
            value = value[el]
            continue
        if present and isinstance(value, list) and isinstance(el, int) and 0 <= el < len(value):
            path.append(el)
            value = value[el]
            after_item = True
            continue
        if error_type == "missing" and last:
            path.append(el)
            continue
        if isinstance(el, str) and present:
            # A union member label such as 'constrained-int' or 'list[constrained-int]'.
            if branch is None:
                branch = tuple(path)
            continue
        path.append(el)
        present = False
    return tuple(path), is_key, branch


def _value_at(data: Any, path: Sequence[str | int]) -> Any:
    value = data
    for key in path:
        value = _child(value, key)
    return value


def _entries_for(err: Any, data: Any) -> list[_Entry]:
    kind = err["type"]
    loc = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    path, is_key, branch = _walk_loc(loc, data, kind)
    inp = err.get("input")
    if path[:1] == ("simgroup",):
        return []  # the version key is checked by the loader with its own message

    if kind in ("value_error", "assertion_error") and hasattr(ctx.get("error"), "path"):
        return _reference_entries(path, ctx["error"], data)

    name = path[-1] if path else None
    if kind == "missing":
        parent = path[:-1]
        message = f"missing required key {name!r}"
        if isinstance(name, int):
            got = len(inp) if isinstance(inp, (list, tuple)) else 0
            message = f"expected {name + 1} values, got {got}"
        else:
            tag = inp.get("do") if isinstance(inp, dict) else None
            if isinstance(tag, str) and "do" in allowed_keys(parent, data):
                message += f" (do: {tag} needs it)"
        return [_Entry(parent, True, message, None, kind, branch, missing_key=str(name))]

    if kind == "extra_forbidden":
        parent = path[:-1]
        keys = allowed_keys(parent, data)
        suggestion = did_you_mean(name, keys)
        message = f"unknown key {_got(name)}"
        if suggestion is None and _is_weekday(name) and "every" in keys:
            # `{every: mon,wed,fri, ...}`: in a {...} mapping the commas split the weekdays into keys.
            message += ' (inside {...}, quote a weekday list: every: "mon,wed,fri")'
        elif suggestion is None and keys and len(set(keys)) <= 20:
            message += f" (allowed: {', '.join(_unique(keys))})"
        return [_Entry(path, True, message, suggestion, kind, branch)]

    if kind == "union_tag_invalid":
        tags = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        tag = inp.get("do") if isinstance(inp, dict) else ctx.get("tag")
        suggestion = did_you_mean(tag, tags)
        message = f"unknown action {_got(tag)}"
        if suggestion is None:
            message += f" (actions: {', '.join(tags)})"
        return [_Entry((*path, "do"), False, message, suggestion, kind, branch)]

    if kind == "union_tag_not_found":
        from simgroup.scenario.vocabulary import ACTION_KINDS

        message = f"a step needs 'do:' naming its action ({', '.join(ACTION_KINDS)})"
        return [_Entry(path, True, message, None, kind, branch)]

    if is_key:
        message = _key_message(kind, inp, ctx)
        return [_Entry(path, True, message, None, kind, branch)]

    if kind in ("model_type", "model_attributes_type") and len(path) == 3 and path[0] == "sops":
        message = f"a step is a mapping such as {{on: member_join, do: welcome}}, got {_got(inp)}"
        return [_Entry(path, False, message, None, kind, branch)]

    at_key = isinstance(_value_at(data, path), (dict, list))
    if kind in ("too_short", "too_long"):
        # pydantic's ctx gives only the violated bound; "exactly 24" needs both.
        ctx = {**_length_bounds(path, data), **ctx}
    message, suggestion = _message(kind, name, inp, ctx, err.get("msg", ""))
    return [_Entry(path, at_key, message, suggestion, kind, branch)]


def _length_bounds(path: tuple[str | int, ...], data: Any) -> dict[str, Any]:
    """``min_length`` / ``max_length`` declared on the field at ``path`` (empty if unknown)."""
    if not path or not isinstance(path[-1], str):
        return {}
    model = model_at(path[:-1], data)
    info = _field_by_key(model, path[-1]) if model is not None else None
    if info is None:
        return {}
    bounds: dict[str, Any] = {}
    for meta in info.metadata:
        if hasattr(meta, "min_length"):
            bounds["min_length"] = meta.min_length
        if hasattr(meta, "max_length"):
            bounds["max_length"] = meta.max_length
    return bounds


def _reference_entries(loc_path: tuple[str | int, ...], problem: Any, data: Any) -> list[_Entry]:
    out: list[_Entry] = []
    for p in [problem, *getattr(problem, "also", [])]:
        full = (*loc_path, *tuple(p.path))
        suggestion = did_you_mean(getattr(p, "name", None), list(getattr(p, "known", []) or []))
        at_key = isinstance(_value_at(data, full), (dict, list))
        out.append(_Entry(full, at_key, _strip_key_prefix(str(p), full), suggestion, "reference"))
    return out


def _key_message(kind: str, inp: Any, ctx: dict[str, Any]) -> str:
    if kind == "string_pattern_mismatch":
        return f"{_got(inp)} is not a valid name: {_IDENTIFIER_HELP}"
    if kind == "string_too_long":
        return f"the name {_got(inp)} is too long: at most {ctx.get('max_length')} characters"
    return f"the name {_got(inp)} is not allowed here"


def _message(kind: str, name: Any, inp: Any, ctx: dict[str, Any], msg: str) -> tuple[str, str | None]:
    got = _got(inp)
    if kind in _EXPECTED_KIND:
        expected = _EXPECTED_KIND[kind]
        text = f"expected {expected}, got {got}"
        if kind == "string_type" and isinstance(inp, (int, float, bool, _dt.date)):
            # YAML reads an unquoted 2026-01-10 or 2026-01-10 20:00:00 as a date, not as text.
            text += " (put it in quotes)"
        if kind == "list_type" and isinstance(inp, str):
            text += f" (write [{inp}])"
        return text, None
    if kind == "literal_error":
        options = _literal_options(ctx.get("expected", ""))
        what = _VOCABULARY_NAMES.get(str(name), "value")
        return (
            f"unknown {what} {got} (expected one of: {', '.join(options)})",
            did_you_mean(inp, options),
        )
    if kind == "finite_number":
        return f"expected a finite number, got {got}", None
    if kind == "greater_than_equal":
        bound = ctx.get("ge")
        if bound == 0:
            return f"must not be negative, got {got}", None
        return f"must be at least {_num(bound)}, got {got}", None
    if kind == "greater_than":
        return f"must be greater than {_num(ctx.get('gt'))}, got {got}", None
    if kind == "less_than_equal":
        bound = _num(ctx.get("le"))
        if name in _LIMIT_FIELDS:
            return f"{got} is over the limit: {name} can be at most {bound}", None
        return f"must be at most {_large(ctx.get('le'))}, got {got}", None
    if kind == "less_than":
        return f"must be less than {_num(ctx.get('lt'))}, got {got}", None
    if kind == "too_short":
        lo, hi, n = ctx.get("min_length"), ctx.get("max_length"), ctx.get("actual_length")
        if hi is not None and hi == lo:
            return f"needs exactly {lo} values, got {n}", None
        return f"needs at least {lo} {'item' if lo == 1 else 'items'}, got {n}", None
    if kind == "too_long":
        lo, hi, n = ctx.get("min_length"), ctx.get("max_length"), ctx.get("actual_length")
        if lo is not None and hi == lo:
            return f"needs exactly {hi} values, got {n}", None
        if name in _LIMIT_FIELDS:
            return f"has {n} items, over the limit of {hi}", None
        return f"has {n} items; at most {hi} are allowed", None
    if kind == "string_pattern_mismatch":
        return f"{got} is not a valid name: {_IDENTIFIER_HELP}", None
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters", None
    if kind == "string_too_short":
        return "must not be empty", None
    if kind.startswith(("date", "datetime")):
        reason = ctx.get("error")
        text = f"expected a date (YYYY-MM-DD), got {got}"
        return (f"{text}: {reason}" if reason else text), None
    if kind in ("value_error", "assertion_error"):
        error = ctx.get("error")
        text = str(error) if error is not None else re.sub(r"^(Value|Assertion) error, ", "", msg)
        return _strip_key_prefix(text, (name,) if name is not None else ()), None
    # Anything else: pydantic's sentence, minus its "Input should be" voice.
    text = re.sub(r"^Input should be ", "expected ", msg) or kind
    return f"{text}, got {got}", None


def _strip_key_prefix(text: str, path: Sequence[str | int]) -> str:
    """Drop a leading ``"every: "`` when the key path already names ``every``."""
    if path:
        prefix = f"{path[-1]}: "
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _literal_options(expected: str) -> list[str]:
    quoted = re.findall(r"'([^']*)'", expected)
    if quoted:
        return quoted
    return [p.strip() for p in re.split(r",| or ", expected) if p.strip()]


def _merge_union_branches(entries: list[_Entry]) -> list[_Entry]:
    """One message per union-typed value: keep the member's errors that got past the type check,
    or merge the members' "expected X" into one "expected X or Y"."""
    groups: dict[tuple[str | int, ...], list[_Entry]] = {}
    out: list[_Entry] = []
    for e in entries:
        if e.branch is None:
            out.append(e)
        else:
            groups.setdefault(e.branch, []).append(e)
    for branch, members in groups.items():
        specific = [e for e in members if e.kind not in _TYPE_ERRORS]
        if specific:
            out.extend(specific)
            continue
        kinds = _unique([_EXPECTED_KIND.get(e.kind, "another value") for e in members])
        first = members[0]
        got = first.message.rsplit(", got ", 1)[-1] if ", got " in first.message else "something else"
        out.append(_Entry(branch, first.at_key, f"expected {' or '.join(kinds)}, got {got}", None, "union"))
    return out


def _drop_explained_missing(entries: list[_Entry]) -> list[_Entry]:
    """``prodcut: x`` yields "unknown key 'prodcut'" and "missing key 'product'": one problem,
    already explained by the suggestion, so the second message goes."""
    suggested = {(e.path[:-1], e.suggestion) for e in entries if e.kind == "extra_forbidden" and e.suggestion}
    return [e for e in entries if not (e.kind == "missing" and (e.path, e.missing_key) in suggested)]


def _is_weekday(name: object) -> bool:
    from simgroup.scenario.vocabulary import WEEKDAYS

    return isinstance(name, str) and name.lower() in WEEKDAYS


def _unique(items: Sequence[str]) -> list[str]:
    seen: dict[str, None] = {}
    for x in items:
        seen.setdefault(x, None)
    return list(seen)
