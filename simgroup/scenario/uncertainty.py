"""``model: uncertainty:``: what a scenario knows about a parameter's range (docs/uncertainty.md).

Parameter worlds (``simgroup sensitivity``, ``compare --robust``, ``expect: robust:``) draw every
uncertain parameter from its plausible range. A scenario may narrow or fix that range by the
parameter's dotted name (the keys of docs/scenario-reference.md)::

    model:
      uncertainty:
        chatter.excitation_alpha: [0.2, 0.3]   # measured within this interval: worlds draw here
        segments.regular.buy_mult: fixed       # measured: held at the scenario's value

Contract
--------
:func:`uncertainty_problems` checks the raw ``uncertainty`` mapping (before the presets are
merged, so it reads what the user wrote) and returns one located
:class:`~simgroup.scenario._problems.ReferenceProblem` per bad entry, its path relative to the
model: an unknown name (with a did-you-mean over the ranged names), a parameter with no range to
vary (a switch, a 24-hour profile, an engine setting, a point range fixed by the platform), a
value that is neither ``fixed`` nor ``[low, high]`` of two finite numbers with low <= high, an
interval not inside the parameter's plausible range. :func:`held_and_narrowed` (on the
validated model, from the scenario's own validation) finds a parameter given both a value
under ``model:`` and a range: a value set under ``model:`` is held, so a range for it contradicts
it. ``fixed`` for a value also set is redundant and accepted.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal

from simgroup.scenario._problems import ReferenceProblem

if TYPE_CHECKING:
    from simgroup.scenario.params import ModelParams

__all__ = ["FIXED", "RangeSpec", "held_and_narrowed", "uncertainty_problems"]

FIXED = "fixed"
#: One entry: ``fixed`` or a narrowed ``[low, high]``.
RangeSpec = Literal["fixed"] | tuple[float, float]


def _ranged() -> dict[str, Any]:
    from simgroup.scenario.parameter_info import Param
    from simgroup.scenario.presets import PARAMETER_INFO

    return {name: r for name, r in PARAMETER_INFO.items() if isinstance(r, Param)}


def _problem(name: str, message: str, known: set[str] | None = None) -> ReferenceProblem:
    return ReferenceProblem(("uncertainty", name), "parameter", name, known or set(), message=message)


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def uncertainty_problems(raw: object) -> list[ReferenceProblem]:
    """What is wrong with a raw ``uncertainty:`` mapping (see the module docstring); a value
    that is not a mapping at all is left to the schema."""
    from simgroup.scenario.presets import PARAMETER_INFO

    if not isinstance(raw, dict):
        return []
    ranged = _ranged()
    problems: list[ReferenceProblem] = []
    for name, spec in raw.items():
        name = str(name)
        record = ranged.get(name)
        if record is None:
            if name in PARAMETER_INFO:
                problems.append(_problem(name, f"{name} has no range to vary (a switch, a 24-hour profile or "
                                               "an engine setting): set its value under model: instead"))
            else:
                problems.append(_problem(name, f"unknown parameter {name!r}: use the dotted key paths of "
                                               "docs/scenario-reference.md, e.g. chatter.excitation_alpha",
                                         set(ranged)))
            continue
        if record.low == record.high:
            problems.append(_problem(name, f"{name} is fixed by the platform at {record.value:g}: nothing to narrow"))
            continue
        plausible = f"[{record.low:g}, {record.high:g}]"
        if spec == FIXED:
            continue
        if not (isinstance(spec, list | tuple) and len(spec) == 2 and all(_is_number(x) for x in spec)):
            problems.append(_problem(name, f"expected `fixed` or a range [low, high] within {name}'s plausible "
                                           f"range {plausible}; got {spec!r}"))
            continue
        lo, hi = float(spec[0]), float(spec[1])
        if lo > hi:
            problems.append(_problem(name, f"the range [{lo:g}, {hi:g}] has its low end above its high end"))
        elif lo < record.low or hi > record.high:
            problems.append(_problem(
                name, f"[{lo:g}, {hi:g}] is not inside {name}'s plausible range {plausible}: narrow it within "
                "that range, or set a measured value under model: (it is then held)",
            ))
    return problems


def held_and_narrowed(model: ModelParams) -> list[ReferenceProblem]:
    """A problem per parameter given a range under ``uncertainty:`` and a value of its own under
    ``model:`` (a value different from the preset: a set value is held, not varied)."""
    ranged = _ranged()
    problems: list[ReferenceProblem] = []
    for name, spec in model.uncertainty.items():
        record = ranged.get(name)
        if record is None or spec == FIXED:
            continue
        value = _value(model, name)
        if value != record.value:
            problems.append(_problem(
                name, f"{name} is set under model: ({value:g}), so it is held at that value: remove the value "
                f"or the range (`{name}: fixed` holds the value explicitly)",
            ))
    return problems


def _value(model: ModelParams, name: str) -> Any:
    node: Any = model
    for part in name.split("."):
        node = node[part] if isinstance(node, dict) else getattr(node, part)
    return node
