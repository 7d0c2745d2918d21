"""Records for the behavioural parameters: each value with its plausible range, grade and source.

Contract. The preset tree (:data:`simgroup.scenario.presets.PRESET_TREE`) is a nested mapping
whose leaves are records and whose inner nodes are plain mappings or :class:`Section` (a mapping
with a note). A leaf is a :class:`Param` (a number with a plausible range) or, only for the
exemptions below, an :class:`Unranged` (a value with a grade and source but no range). From the
one tree, :func:`tree_values` derives the plain nested dict of values (``PRESETS``),
:func:`tree_records` the records by dotted key path (``PARAMETER_INFO``) and :func:`tree_notes`
the section notes by dotted key path. :func:`check_parameter_info` lists what is wrong with a
tree; it is the one place the rules are enforced (a test runs it on the presets), so records
can be written freely and every problem is reported at once with its key path.

Exemptions from a range (an :class:`Unranged` is accepted only for these):

* switches (``bool`` values, e.g. ``automated``): on or off, nothing between;
* 24-hour profiles (24 numbers, e.g. ``time_of_day``): a shape sourced as a whole, not one number;
* engine settings (:data:`ENGINE_SETTINGS`, e.g. ``tick_minutes``): a resolution, not a behaviour.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias, get_args

Grade: TypeAlias = Literal["OFF", "CO", "ACAD", "SV", "ANEC", "CAL", "LOW", "ASSUME"]

OFF: Final[Grade] = "OFF"
CO: Final[Grade] = "CO"
ACAD: Final[Grade] = "ACAD"
SV: Final[Grade] = "SV"
ANEC: Final[Grade] = "ANEC"
CAL: Final[Grade] = "CAL"
LOW: Final[Grade] = "LOW"
ASSUME: Final[Grade] = "ASSUME"

#: Every grade with what it means, in the order the reference prints this legend.
GRADES: Final[Mapping[Grade, str]] = {
    OFF: "official platform documentation",
    CO: "company-reported figure",
    ACAD: "published research",
    SV: "published survey (respondents' stated behaviour)",
    ANEC: "practitioner anecdote (a calibration anchor)",
    CAL: "calibrated so that the bundled scenarios reproduce an [ANEC]/[CO] anchor (see tests/fidelity); "
    "the range is where that anchor still holds with the other values fixed",
    LOW: "low-credibility source (a single unverified claim), adjusted by judgment",
    ASSUME: "modelling assumption, no published number; the range is a wide but defensible guess",
}
assert set(GRADES) == set(get_args(Grade))  # the legend and the type name the same grades

#: Engine settings exempt from a range, with the reason (key path → why).
ENGINE_SETTINGS: Final[Mapping[str, str]] = {
    "tick_minutes": "the engine's time step for background hazards: a resolution, not a behaviour",
}

#: Hours in a day: the length of a time-of-day profile.
PROFILE_HOURS: Final = 24


@dataclass(frozen=True, slots=True)
class Param:
    """One behavioural number: its value, plausible range, source grade and source.

    Contract: ``value``, ``low`` and ``high`` are finite numbers (``int`` or ``float``, not
    ``bool``) with ``low <= value <= high``; ``low == high`` only for a value fixed by the
    platform (grade :data:`OFF`); ``grade`` is one of :data:`GRADES`; ``source`` says where the
    value comes from and why (non-empty). Not checked here but by :func:`check_parameter_info`,
    so that one run reports every broken record with its key path.
    """

    value: float
    low: float
    high: float
    grade: Grade
    source: str


@dataclass(frozen=True, slots=True)
class Unranged:
    """A preset value that has a grade and a source but no plausible range.

    Contract: allowed only for a switch (``bool``), a 24-hour profile (a tuple of 24
    non-negative numbers) or a key in :data:`ENGINE_SETTINGS` (see :func:`why_unranged`);
    ``grade`` and ``source`` as in :class:`Param`.
    """

    value: bool | int | float | tuple[float, ...]
    grade: Grade
    source: str


Record: TypeAlias = Param | Unranged


@dataclass(frozen=True, slots=True)
class Section:
    """A mapping of the tree with a note printed above its table in the scenario reference.

    Contract: ``entries`` is a tree node's children (as a plain mapping would be); ``note`` is
    non-empty text about the section as a whole (its anchor, what its names stand for).
    """

    note: str
    entries: Mapping[str, Node]


Node: TypeAlias = Record | Section | Mapping[str, "Node"]
Tree: TypeAlias = Mapping[str, Node]


def _children(node: Node) -> Mapping[str, Node] | None:
    """The children of an inner node, or None for a leaf."""
    if isinstance(node, Section):
        return node.entries
    if isinstance(node, Mapping):
        return node
    return None


def _leaf_value(leaf: Any) -> Any:
    """The plain value of a leaf: a record's value (a profile as a list, as ``PRESETS`` has
    always held it), or a bare value as is (the check reports bare values)."""
    if isinstance(leaf, (Param, Unranged)):
        return list(leaf.value) if isinstance(leaf.value, tuple) else leaf.value
    return leaf


def tree_values(tree: Tree) -> dict[str, Any]:
    """The plain nested dict of values (the shape and values of ``PRESETS``)."""
    out: dict[str, Any] = {}
    for key, node in tree.items():
        children = _children(node)
        out[key] = tree_values(children) if children is not None else _leaf_value(node)
    return out


def tree_records(tree: Tree, prefix: str = "") -> dict[str, Record]:
    """Every record of ``tree`` by dotted key path (``"group_types.traffic.leave_base"``), in
    tree order; bare values (which :func:`check_parameter_info` reports) are left out."""
    out: dict[str, Record] = {}
    for key, node in tree.items():
        path = f"{prefix}{key}"
        children = _children(node)
        if children is not None:
            out.update(tree_records(children, f"{path}."))
        elif isinstance(node, (Param, Unranged)):
            out[path] = node
    return out


def tree_notes(tree: Tree, prefix: str = "") -> dict[str, str]:
    """The note of every :class:`Section` of ``tree`` by dotted key path."""
    out: dict[str, str] = {}
    for key, node in tree.items():
        path = f"{prefix}{key}"
        if isinstance(node, Section):
            out[path] = node.note
        children = _children(node)
        if children is not None:
            out.update(tree_notes(children, f"{path}."))
    return out


def why_unranged(path: str, record: Record) -> str | None:
    """Why the record at ``path`` may go without a range, or None if it must have one."""
    value = record.value
    if isinstance(value, bool):
        return "a switch"
    if isinstance(value, tuple) and len(value) == PROFILE_HOURS:
        return "a 24-hour profile"
    if path in ENGINE_SETTINGS:
        return "an engine setting"
    return None


def _is_number(x: object) -> bool:
    # bool is an int subclass, but a switch is not a number with a range
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _record_problems(path: str, record: Record) -> list[str]:
    problems: list[str] = []
    if record.grade not in GRADES:
        problems.append(f"{path}: unknown grade {record.grade!r} (known: {', '.join(GRADES)})")
    if not isinstance(record.source, str) or not record.source.strip():
        problems.append(f"{path}: no source (say where the value comes from and why)")
    if isinstance(record, Unranged):
        if why_unranged(path, record) is None:
            problems.append(
                f"{path}: {record.value!r} has no plausible range; only switches, 24-hour profiles "
                f"and engine settings ({', '.join(ENGINE_SETTINGS)}) may be Unranged: use a Param"
            )
        if isinstance(record.value, tuple) and not all(_is_number(v) and v >= 0 for v in record.value):
            problems.append(f"{path}: a 24-hour profile holds non-negative numbers only")
        return problems
    if not _is_number(record.value):
        problems.append(f"{path}: a Param's value must be a number, not {record.value!r}")
        return problems
    if record.low is None or record.high is None:
        problems.append(f"{path}: no plausible range (low, high)")
        return problems
    if not (_is_number(record.low) and _is_number(record.high)):
        problems.append(f"{path}: the range ({record.low!r}, {record.high!r}) must be two numbers")
        return problems
    if not all(math.isfinite(x) for x in (record.value, record.low, record.high)):
        problems.append(f"{path}: value and range must be finite")
    elif not record.low <= record.value <= record.high:
        problems.append(f"{path}: value {record.value!r} outside its range {record.low!r}..{record.high!r}")
    elif record.low == record.high and record.grade != OFF:
        problems.append(f"{path}: a point range ({record.low!r}) is only for platform-fixed values [OFF]")
    return problems


def _tree_problems(tree: Tree, prefix: str) -> list[str]:
    problems: list[str] = []
    for key, node in tree.items():
        path = f"{prefix}{key}"
        if not isinstance(key, str) or not key or "." in key:
            problems.append(f"{path}: a key must be a non-empty name without '.' (paths are dotted)")
        if isinstance(node, Section) and not (isinstance(node.note, str) and node.note.strip()):
            problems.append(f"{path}: a Section needs a note (or use a plain mapping)")
        children = _children(node)
        if children is not None:
            if not children:
                problems.append(f"{path}: an empty section")
            problems.extend(_tree_problems(children, f"{path}."))
        elif isinstance(node, (Param, Unranged)):
            problems.extend(_record_problems(path, node))
        else:
            problems.append(f"{path}: a bare value {node!r}; write it as Param(value, low, high, grade, source)")
    return problems


def check_parameter_info(tree: Tree | None = None) -> list[str]:
    """What is wrong with the records of ``tree`` (the preset tree when None): one line per
    problem, naming its dotted key path; an empty list when every leaf is complete."""
    if tree is None:
        from simgroup.scenario.presets import PRESET_TREE  # here: presets imports this module

        tree = PRESET_TREE
    return _tree_problems(tree, "")


__all__ = [
    "ACAD", "ANEC", "ASSUME", "CAL", "CO", "ENGINE_SETTINGS", "GRADES", "LOW", "OFF", "PROFILE_HOURS", "SV",
    "Grade", "Node", "Param", "Record", "Section", "Tree", "Unranged",
    "check_parameter_info", "tree_notes", "tree_records", "tree_values", "why_unranged",
]
