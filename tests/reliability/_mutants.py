"""Seeded mutants of real scenario files, for the fuzz test (``test_fuzz.py``).

:func:`mutants` starts from the bundled scenarios and ``tests/scenario/good_full.yaml`` and
applies one to three seeded mutations to each pick:

* **text mutations**: delete, duplicate, swap or re-indent lines, insert a token (YAML tags,
  anchors and aliases, flow brackets, control characters, newlines inside quoted values, extreme
  numbers, unicode), replace a value with one, or truncate the file;
* **value mutations**: the file parsed with simgroup's own loader, one value, key or list of the
  tree changed (to ``None``, ``1e308``, ``-1``, ``.nan``, a 400-digit integer, a text with a
  newline, a list for a number, ...), and the tree dumped back to YAML.

Everything derives from ``random.Random(seed)``: the same seed gives the same mutants.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from simgroup.scenario import ScenarioError
from simgroup.scenario.located_yaml import load_yaml_text

REPO = Path(__file__).resolve().parent.parent.parent
SEED_FILES: tuple[Path, ...] = (
    *sorted((REPO / "scenarios").glob("*.yaml")),
    REPO / "tests" / "scenario" / "good_full.yaml",
)

#: Tokens a text mutation inserts or writes as a value: what the red team and editors produce.
TOKENS: tuple[str, ...] = (
    # YAML core tags, with and without a value of their type
    "!!bool", "!!bool 20", "!!int", "!!int ''", "!!int 0x", "!!timestamp", "!!timestamp notadate",
    "!!binary", "!!binary '@@'", "!!float", "!!float abc", "!!str", "!!set", "!!omap", "!!pairs",
    "!!null x", "!!map", "!!seq", "!!merge", "!!python/object:os.system", "!custom", "!<tag:x>",
    # anchors, aliases, merges
    "&a", "*a", "&a 1", "*undefined", "<<: *a", "&a [*a]", "{<<: 3}",
    # structure
    "[", "]", "{", "}", ",", ":", ": ", "- ", "? ", "|", ">", "#", "---", "...", "%YAML 1.2", "'",
    '"', "``", "@", "%", "?",
    # control characters and odd whitespace
    "\t", "\r", "\x00", "\x1b", "\x07", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u00a0",
    '"two\nlines"', "'two\nlines'", '"tab\there"', '"esc\\e\\x1b\\N\\L\\P"', '"bell\\a"',
    # numbers at and past every bound
    "1e308", "-1e308", "1e400", "-1", "0", "-0", ".nan", ".inf", "-.inf", "9" * 400, "0x" + "f" * 5000,
    "0b102", "0o9", "1_000", "1__0", "0.1.2", "1e", "+", "-", "2026-13-45", "2026-02-30 25:61:00",
    "25:00", "24:00-24:00", "1d12h", "-3d", "9999999999999999999d",
    # text
    "群活码", "🧧红包", "ß", "\u202eevil", "null", "~", "true", "FALSE", "yes", "on", "", "x" * 300,
)

#: Values a value mutation writes into the parsed tree.
VALUES: tuple[Any, ...] = (
    None, True, False, -1, 0, 1, 1e308, -1e308, float("nan"), float("inf"), float("-inf"), 10**400,
    -(10**30), 0.5, "", "x", "two\nlines", "tab\there", "\x1b[31mred", "\u2028", "群", "🧧", "1d12h",
    "25:00", "mon,wed,fri", "member_join", dt.date(2026, 2, 28), dt.date(1, 1, 1), [], {}, [1, 2, 3],
    {"x": 1}, [[[[[]]]]], ["two\nlines"], {"two\nlines": 1}, 2**63, 2**63 - 1,
)


@dataclass(frozen=True)
class Mutant:
    """One mutant: a readable name (seed file and mutations) and its text."""

    name: str
    text: str


# --------------------------------------------------------------------------- text mutations


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


def _delete_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "".join(lines)


def _duplicate_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[i] if lines[i].endswith("\n") else lines[i] + "\n")
    return "".join(lines)


def _swap_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _reindent(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    body = lines[i].lstrip(" ")
    indent = len(lines[i]) - len(body)
    lines[i] = rng.choice([" " * max(0, indent + rng.choice([-4, -2, -1, 1, 2, 4])), "\t", " \t", ""]) + body
    return "".join(lines)


def _insert_token(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    token = rng.choice(TOKENS)
    return text[:at] + rng.choice(["", " "]) + token + rng.choice(["", " "]) + text[at:]


def _replace_value(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    keyed = [i for i, line in enumerate(lines) if ": " in line]
    if not keyed:
        return _insert_token(rng, text)
    i = rng.choice(keyed)
    line = lines[i]
    head, _, rest = line.partition(": ")
    end = "\n" if line.endswith("\n") else ""
    # Inside {...} replace up to the next ',' or '}', else the rest of the line.
    cut = min((rest.find(c) for c in ",}" if c in rest), default=len(rest.rstrip("\n")))
    lines[i] = head + ": " + rng.choice(TOKENS) + rest[cut:].rstrip("\n") + end
    return "".join(lines)


def _insert_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    key = rng.choice(["name", "days", "seed", "replications", "groups", "x", "sops", "model", "on", "群"])
    line = " " * rng.choice([0, 2, 4, 6]) + rng.choice([f"{key}: ", "- ", ""]) + rng.choice(TOKENS) + "\n"
    lines.insert(rng.randrange(len(lines) + 1), line)
    return "".join(lines)


def _truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _replace_char(rng: random.Random, text: str) -> str:
    if not text:
        return rng.choice(TOKENS)
    at = rng.randrange(len(text))
    return text[:at] + rng.choice(":-[]{}#&*!|>'\"\t\n ,?%@`\\") + text[at + 1:]


TEXT_MUTATIONS: dict[str, Callable[[random.Random, str], str]] = {
    "delete_line": _delete_line,
    "duplicate_line": _duplicate_line,
    "swap_lines": _swap_lines,
    "reindent": _reindent,
    "insert_token": _insert_token,
    "replace_value": _replace_value,
    "insert_line": _insert_line,
    "truncate": _truncate,
    "replace_char": _replace_char,
}


# --------------------------------------------------------------------------- value mutations


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a tree of dicts and lists, the root included."""
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_places(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_places(v, (*path, i)))
    return out


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def mutate_tree(rng: random.Random, data: Any) -> tuple[str, Any]:
    """``(what was done, a mutated deep copy of data)``."""
    data = copy.deepcopy(data)
    path = rng.choice([p for p in _places(data) if p])
    parent, key = _get(data, path[:-1]), path[-1]
    how = rng.choice(["set", "set", "set", "delete", "rename", "wrap", "duplicate"])
    if how == "set":
        parent[key] = copy.deepcopy(rng.choice(VALUES))
    elif how == "delete":
        del parent[key]
    elif how == "rename" and isinstance(parent, dict):
        parent[rng.choice([key + "_", key.upper(), key[:-1] or "x", "two\nlines", "群", "", "on"])] = parent.pop(key)
    elif how == "wrap":
        parent[key] = rng.choice([[parent[key]], {"x": parent[key]}])
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    else:
        parent[key] = copy.deepcopy(rng.choice(VALUES))
        how = "set"
    return f"{how}:{'.'.join(map(str, path))}", data


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


# --------------------------------------------------------------------------- the mutants


def mutants(seed: int, count: int) -> list[Mutant]:
    """``count`` seeded mutants of :data:`SEED_FILES` (see the module docstring); about a third
    are value mutations."""
    rng = random.Random(seed)
    sources = [(path.name, path.read_text(encoding="utf-8")) for path in SEED_FILES]
    trees: dict[str, Any] = {}
    for name, text in sources:
        with contextlib.suppress(ScenarioError):  # the seed files are valid
            trees[name] = load_yaml_text(text, name).data
    out: list[Mutant] = []
    for n in range(count):
        name, text = rng.choice(sources)
        done: list[str] = []
        if rng.random() < 0.35 and name in trees:
            tree = trees[name]
            for _ in range(rng.randint(1, 3)):
                what, tree = mutate_tree(rng, tree)
                done.append(what)
            text = _dump(tree)
            if rng.random() < 0.3:  # and a text mutation on top of the dump
                kind = rng.choice(sorted(TEXT_MUTATIONS))
                text = TEXT_MUTATIONS[kind](rng, text)
                done.append(kind)
        else:
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(sorted(TEXT_MUTATIONS))
                text = TEXT_MUTATIONS[kind](rng, text)
                done.append(kind)
        out.append(Mutant(f"{n:04d}-{name}-{'+'.join(done)}", text))
    return out
