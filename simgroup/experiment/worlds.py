"""Parameter worlds: draws of the uncertain behavioural parameters from their plausible ranges.

Contract
--------
Every behavioural preset is a :class:`~simgroup.scenario.parameter_info.Param` with a plausible
range ``[low, high]`` (:data:`~simgroup.scenario.presets.PARAMETER_INFO`). A *world* gives each
uncertain parameter one value from its range; the rest of the scenario is unchanged.

* :func:`select_parameters` / :func:`uncertain_parameters` say which parameters are uncertain for
  a scenario: by default every ranged parameter the scenario *uses* (see :data:`EXCLUSION_RULES`
  for what "uses" means: group types of its group specs, its operator persona, the actions and
  post kinds of the steps its group specs run, ...), minus the ones it sets itself under
  ``model:`` (a value the scenario states was measured or chosen: it is held, not varied; found by
  comparing the scenario's model with the presets, so an override equal to the preset value is
  not seen as one: ``model: uncertainty: {name: fixed}`` says it), minus unranged records (switches, 24-hour profiles, ``tick_minutes``) and
  point ranges. A range narrowed under ``model: uncertainty:`` replaces the plausible one (it
  was checked to lie inside it when the scenario loaded). ``patterns`` (``fnmatch`` patterns on the dotted names, e.g. ``chatter.*``)
  narrow that set; a pattern that matches none of it is a :class:`WorldError` (with a
  did-you-mean, or the reason the parameters it names are held). The list is in preset order.
* :func:`draw_worlds` draws ``n`` worlds uniformly from the ranges with a scrambled Sobol'
  sequence or a Latin hypercube (:mod:`scipy.stats.qmc`); the same ``(params, n, seed, method)``
  gives the same array on any machine.
* An integer parameter (``death_days``) is drawn from its range widened by half a step at each
  end and rounded half up (and into the range) when applied, so every whole value in
  ``[low, high]`` is equally likely.
* :func:`apply_world` returns a copy of the scenario whose ``model`` has the world's values,
  re-validated with :class:`~simgroup.scenario.params.ModelParams`. The model's constraints
  are per-field intervals (``ge``/``gt``/``le``/``lt``), with no ordering between parameters, and
  every preset range lies inside them (``tests/experiment/test_worlds.py`` checks the corners),
  so no drawn world is rejected today. Should a range ever cross a constraint, the value is
  clipped to the nearest valid one and a note says so; any other validation failure is a
  :class:`WorldError` naming the values.
"""

from __future__ import annotations

import difflib
import fnmatch
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

import numpy as np
import numpy.typing as npt

from simgroup.errors import SimgroupError

if TYPE_CHECKING:
    from simgroup.scenario.models import Scenario, SopStep
    from simgroup.scenario.params import ModelParams

__all__ = [
    "EXCLUSION_RULES",
    "DrawMethod",
    "UncertainParameter",
    "WorldError",
    "WorldSelection",
    "apply_world",
    "dotted_values",
    "draw_worlds",
    "select_parameters",
    "split_patterns",
    "uncertain_parameters",
    "world_values",
]

DrawMethod = Literal["sobol", "lhs"]
FloatArray = npt.NDArray[np.float64]

#: Why a ranged parameter is not varied by default, by rule (the reasons the selection gives).
EXCLUSION_RULES: dict[str, str] = {
    "override": "set under the scenario's model: (held at the scenario's value)",
    "fixed": "fixed under the scenario's model: uncertainty: (held at the scenario's value)",
    "point": "a point range: fixed by the platform",
    "group_type": "a group type none of the scenario's group specs has",
    "persona": "not the scenario's operator persona",
    "persona_shadowed": "the scenario's operators: section sets it",
    "action": "an action no SOP step of the scenario's group specs does",
    "action_minutes": "no step of this action is a manual task without its own minutes:",
    "post": "a post kind no step posts",
    "segment": "a segment with no share in any audience of the scenario",
    "checkin": "the scenario has no check-in step",
    "livestream": "the scenario has no livestream step",
    "top_active": "no step selects members by top_active",
    "no_manual": "no SOP step is a manual task",
    "no_automated": "no SOP step is sent by a bot",
    "fission": "the scenario has no fission step",
    "fission_shadowed": "every fission step sets it (participation:, new_friends_only:)",
    "product_role": "no product of this role without its own repurchase_days",
    "log_only": "it times messages in the event log only: no KPI depends on it",
}


class WorldError(SimgroupError, ValueError):
    """A bad parameter pattern, or a world the model rejects even after clipping."""


@dataclass(frozen=True)
class UncertainParameter:
    """One varied parameter: its dotted key path, plausible range, preset value, and whether the
    model takes whole numbers (then it is rounded when applied)."""

    name: str
    low: float
    high: float
    preset: float
    integer: bool = False

    @property
    def bounds(self) -> tuple[float, float]:
        """The interval drawn uniformly: the range, widened by half a step at each end for an
        integer parameter (rounding then gives every whole value in the range the same share)."""
        if self.integer:
            return self.low - 0.5, self.high + 0.5
        return self.low, self.high

    def scale(self, u: FloatArray) -> FloatArray:
        """Points ``u`` of the unit interval as values of this parameter (rounded if integer)."""
        lo, hi = self.bounds
        return self.applied(lo + u * (hi - lo))

    def applied(self, x: FloatArray) -> FloatArray:
        """Values as the model receives them: an integer parameter rounded half up and kept in
        its range; a real one unchanged."""
        if not self.integer:
            return np.asarray(x, dtype=np.float64)
        return np.clip(np.floor(np.asarray(x, dtype=np.float64) + 0.5), self.low, self.high)


@dataclass(frozen=True)
class WorldSelection:
    """The uncertain parameters of a scenario (:func:`select_parameters`) and, for every ranged
    parameter left out, why (a key of :data:`EXCLUSION_RULES`), in preset order; ``held`` has the
    scenario's value of each parameter it overrides."""

    parameters: list[UncertainParameter]
    excluded: dict[str, str]
    held: dict[str, float]

    @property
    def unused(self) -> int:
        """Ranged parameters left out because the scenario does not use them (or cannot vary)."""
        return sum(1 for rule in self.excluded.values() if rule not in ("override", "fixed"))


def split_patterns(texts: Iterable[str]) -> list[str]:
    """``--params 'a.*,b.c' --params d`` → ``['a.*', 'b.c', 'd']`` (blanks dropped)."""
    return [p.strip() for text in texts for p in text.split(",") if p.strip()]


def _ranged() -> dict[str, Any]:
    """Every ranged record by dotted name, in preset order (unranged ones have no range to draw)."""
    from simgroup.scenario.parameter_info import Param
    from simgroup.scenario.presets import PARAMETER_INFO

    return {name: r for name, r in PARAMETER_INFO.items() if isinstance(r, Param)}


def _is_integer(name: str, preset: object) -> bool:
    """Whether the model field at ``name`` takes an ``int`` (walking the pydantic models and the
    name-keyed dict sections); the preset's type decides if the walk finds no field."""
    from pydantic import BaseModel

    from simgroup.scenario.params import ModelParams

    node: Any = ModelParams
    for part in name.split("."):
        if isinstance(node, type) and issubclass(node, BaseModel):
            field = node.model_fields.get(part)
            if field is None:
                break
            node = field.annotation
        elif get_origin(node) is dict:
            node = get_args(node)[1]  # the part is a name (segment, group type, ...)
        else:
            break
    else:
        return node is int
    return isinstance(preset, int) and not isinstance(preset, bool)


def dotted_values(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """The leaves of nested dicts by dotted key path (``{"chatter.excitation_alpha": 0.35, ...}``),
    as a scenario's ``model.model_dump()`` is compared and set by name here."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(dotted_values(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@dataclass(frozen=True)
class _Uses:
    """What of the model a scenario uses, read once for :func:`select_parameters`."""

    group_types: frozenset[str]
    persona: str
    persona_shadowed: frozenset[str]  # persona fields the operators: section sets
    actions: frozenset[str]
    manual_minutes: frozenset[str]  # actions with a manual step that has no minutes: of its own
    posts: frozenset[str]
    segments: frozenset[str]
    checkin: bool
    livestream: bool
    top_active: bool
    manual: bool  # some step is a person's task (persona completion and delay, delay spread, expiry)
    automated: bool  # some step is sent by a bot (auto_completion, auto_delay_minutes)
    fission: bool
    fission_shadowed: frozenset[str]
    product_roles: frozenset[str]  # roles of products without their own repurchase_days

    @classmethod
    def of(cls, scenario: Scenario) -> _Uses:
        model = scenario.model
        ops = scenario.operators
        # every step of an SOP a group spec runs (an SOP no group spec names never runs)
        steps = [(spec, step) for spec in scenario.groups if spec.sop for step in scenario.sops.get(spec.sop, [])]
        fission = [step for _, step in steps if step.do == "fission"]
        audiences = [scenario.audience, *(c.audience for c in scenario.channels), *(g.audience for g in scenario.groups)]
        shadowed_fission = set()
        if fission and all(getattr(s, "participation", None) is not None for s in fission):
            shadowed_fission.add("participation")
        if fission and all(getattr(s, "new_friends_only", True) for s in fission):
            shadowed_fission.add("duplicate_share")  # read only for campaigns open to existing members
        return cls(
            group_types=frozenset(g.type for g in scenario.groups),
            persona=ops.persona,
            # the operators section overrides these two persona values (engine/operators.py)
            persona_shadowed=frozenset(
                name for name, value in (("completion", ops.completion), ("delay_minutes", ops.delay))
                if value is not None
            ),
            actions=frozenset(step.do for _, step in steps),
            # labour minutes are spent only on manual tasks, and a step's own minutes: wins
            manual_minutes=frozenset(
                step.do for spec, step in steps if step.minutes is None and _manual(model, spec, step)
            ),
            posts=frozenset(getattr(step, "kind", "") for _, step in steps if step.do == "post"),
            segments=frozenset(
                s for a in audiences if a is not None for s, share in a.shares().items() if share > 0
            ),
            checkin=any(step.do == "checkin" for _, step in steps),
            livestream=any(step.do == "livestream" for _, step in steps),
            top_active=any(
                getattr(getattr(step, "select", None), "top_active", None) is not None for _, step in steps
            ),
            manual=any(_manual(model, spec, step) for spec, step in steps),
            automated=any(not _manual(model, spec, step) for spec, step in steps),
            fission=bool(fission),
            fission_shadowed=frozenset(shadowed_fission),
            product_roles=frozenset(p.role for p in scenario.products if p.repurchase_days is None),
        )

    def exclusion(self, name: str) -> str | None:
        """The rule (key of :data:`EXCLUSION_RULES`) that leaves ``name`` out of the default set
        because the scenario does not use it, or None."""
        section, *rest = name.split(".")
        named = {"group_types": (self.group_types, "group_type"), "actions": (self.actions, "action"),
                 "posts": (self.posts, "post"), "segments": (self.segments, "segment")}
        if section in named:
            used, rule = named[section]
            if rest[0] not in used:
                return rule
        if section == "personas":
            if rest[0] != self.persona:
                return "persona"
            if rest[1] in self.persona_shadowed:
                return "persona_shadowed"
            if rest[1] in _MANUAL_ONLY and not self.manual:
                return "no_manual"
        if section == "operators":
            if rest[0] in _MANUAL_ONLY and not self.manual:
                return "no_manual"
            if rest[0] in ("auto_completion", "auto_delay_minutes") and not self.automated:
                return "no_automated"
            if rest[0].startswith("top_active_") and not self.top_active:
                return "top_active"
        if name == "buying.livestream_mult" and not self.livestream:
            return "livestream"
        if section == "actions" and rest[1] == "minutes" and rest[0] not in self.manual_minutes:
            return "action_minutes"
        if (section == "checkin" or (section == "segments" and rest[1] == "checkin_motivation")) and not self.checkin:
            return "checkin"
        if section == "fission":
            if not self.fission:
                return "fission"
            if rest[0] in self.fission_shadowed:
                return "fission_shadowed"
        if name.startswith("demand.cycle_days.") and rest[1] not in self.product_roles:
            return "product_role"
        if name in _LOG_ONLY:
            return "log_only"
        return None


#: Values that place messages inside a tick for the event log (engine/chat_times.py) and nothing else.
_LOG_ONLY = frozenset({"chatter.reply_delay_min", "chatter.burst_gap_s"})

#: Values read only for a person's task (engine/operators.py): delay, completion, expiry.
_MANUAL_ONLY = frozenset({"completion", "delay_minutes", "delay_sigma", "task_expiry_hours"})


def _manual(model: ModelParams, spec: Any, step: SopStep) -> bool:
    """Whether ``step`` of group spec ``spec`` is a person's task (as engine/sop.py decides)."""
    if step.automated is not None:
        return not step.automated
    spec_automated = spec.automated if spec.automated is not None else model.group_types[spec.type].automated
    return not (model.actions[step.do].automatable and spec_automated)


def select_parameters(scenario: Scenario, patterns: Sequence[str] | None = None) -> WorldSelection:
    """The uncertain parameters of ``scenario`` and why the others are left out (see the module
    docstring); ``patterns`` narrow the default set. Raises :class:`WorldError` for a pattern
    that matches none of it."""
    ranged = _ranged()
    model_values = dotted_values(scenario.model.model_dump())
    excluded: dict[str, str] = {}
    held: dict[str, float] = {}
    chosen: list[UncertainParameter] = []
    uses = _Uses.of(scenario)
    narrowed = scenario.model.uncertainty
    for name, record in ranged.items():
        if model_values.get(name, record.value) != record.value:
            rule: str | None = "override"
        elif narrowed.get(name) == "fixed":
            rule = "fixed"
        elif record.low == record.high:
            rule = "point"
        else:
            rule = uses.exclusion(name)
        if rule is not None:
            excluded[name] = rule
            if rule in ("override", "fixed"):
                held[name] = model_values[name]
            continue
        spec = narrowed.get(name)  # a narrowed [low, high] is drawn instead of the plausible range
        low, high = spec if isinstance(spec, tuple) else (record.low, record.high)
        chosen.append(UncertainParameter(name, float(low), float(high), record.value, _is_integer(name, record.value)))
    if patterns:
        chosen = _filter(chosen, list(patterns), ranged, excluded)
    return WorldSelection(chosen, excluded, held)


def uncertain_parameters(scenario: Scenario, patterns: Sequence[str] | None = None) -> list[UncertainParameter]:
    """The parameters a world of ``scenario`` varies (:func:`select_parameters`)."""
    return select_parameters(scenario, patterns).parameters


def _filter(
    chosen: list[UncertainParameter], patterns: list[str], ranged: dict[str, Any], excluded: dict[str, str]
) -> list[UncertainParameter]:
    problems: list[str] = []
    keep: set[str] = set()
    for pattern in patterns:
        hits = {p.name for p in chosen if fnmatch.fnmatchcase(p.name, pattern)}
        if hits:
            keep |= hits
            continue
        held = [n for n in excluded if fnmatch.fnmatchcase(n, pattern)]
        if held:
            reasons = sorted({EXCLUSION_RULES[excluded[n]] for n in held})
            shown = ", ".join(held[:3]) + (f" and {len(held) - 3} more" if len(held) > 3 else "")
            problems.append(f"--params {pattern!r} matches only parameters this scenario does not vary: "
                            f"{shown} ({'; '.join(reasons)})")
            continue
        problems.append(f"--params {pattern!r} matches no parameter{_suggest(pattern, ranged)}")
    if problems:
        raise WorldError("\n".join(problems))
    return [p for p in chosen if p.name in keep]


def _suggest(pattern: str, ranged: dict[str, Any]) -> str:
    """`` (did you mean 'chatter.*'?)``: the closest names and sections (``section.*``)."""
    sections = {".".join(n.split(".")[:i]) + ".*" for n in ranged for i in range(1, n.count(".") + 1)}
    close = difflib.get_close_matches(pattern, [*ranged, *sorted(sections)], n=3, cutoff=0.6)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else "; see docs/scenario-reference.md"


def draw_worlds(
    params: Sequence[UncertainParameter], n: int, seed: int, method: DrawMethod = "sobol"
) -> FloatArray:
    """``n`` worlds (rows) of ``params`` (columns): a scrambled Sobol' sequence (``"sobol"``; a
    power of two keeps its balance) or a Latin hypercube (``"lhs"``) in the unit cube, seeded
    from ``seed``, scaled to each parameter's :attr:`~UncertainParameter.bounds` and applied
    (integers rounded)."""
    from scipy.stats import qmc

    if n < 1:
        raise WorldError(f"the number of worlds must be at least 1, got {n}")
    if not params:
        return np.zeros((n, 0))
    rng = np.random.default_rng([seed, _DRAW_STREAM])
    sampler: Any
    if method == "sobol":
        sampler = qmc.Sobol(d=len(params), scramble=True, rng=rng)
    elif method == "lhs":
        sampler = qmc.LatinHypercube(d=len(params), rng=rng)
    else:
        raise WorldError(f"unknown draw method {method!r} (sobol or lhs)")
    with warnings.catch_warnings():
        # "balance properties of Sobol' points require n to be a power of 2": documented above
        warnings.simplefilter("ignore", UserWarning)
        unit = np.asarray(sampler.random(n), dtype=np.float64)
    return np.column_stack([p.scale(unit[:, j]) for j, p in enumerate(params)])


#: Seed-sequence tag of the world draws (other uses of a seed get their own tag).
_DRAW_STREAM = 0x776F726C64  # "world"


def world_values(params: Sequence[UncertainParameter], values: Sequence[float] | FloatArray) -> dict[str, float | int]:
    """One world as ``{dotted name: value}``, integers rounded as the model receives them."""
    if len(values) != len(params):
        raise WorldError(f"a world of {len(params)} parameters needs {len(params)} values, got {len(values)}")
    out: dict[str, float | int] = {}
    for p, v in zip(params, values):
        x = float(p.applied(np.asarray([v], dtype=np.float64))[0])
        out[p.name] = int(x) if p.integer else x
    return out


def apply_world(
    scenario: Scenario,
    params: Sequence[UncertainParameter],
    values: Sequence[float] | FloatArray,
    *,
    notes: list[str] | None = None,
) -> Scenario:
    """A copy of ``scenario`` whose ``model`` has ``values`` at the parameters' dotted paths
    (integers rounded), re-validated. A value outside a model constraint is clipped to the
    nearest valid one, with a line appended to ``notes`` (when given); another validation
    failure is a :class:`WorldError`."""
    from pydantic import ValidationError

    from simgroup.scenario.params import ModelParams

    world = world_values(params, values)
    data = scenario.model.model_dump()
    for name, v in world.items():
        _set(data, name, v)
    try:
        model = ModelParams.model_validate(data)
    except ValidationError as exc:
        clipped = _clip(data, exc, set(world))
        if clipped is None:
            raise WorldError(_invalid(world, exc)) from None
        try:
            model = ModelParams.model_validate(data)
        except ValidationError as again:
            raise WorldError(_invalid(world, again)) from None
        if notes is not None:
            notes.extend(clipped)
    return scenario.model_copy(update={"model": model})


def _set(data: dict[str, Any], name: str, value: float | int) -> None:
    node = data
    *sections, key = name.split(".")
    for part in sections:
        node = node[part]
    if key not in node:  # the dump has every key: a name that is not there is a bad parameter
        raise WorldError(f"no model parameter {name!r}")
    node[key] = value


def _get(data: dict[str, Any], name: str) -> Any:
    node: Any = data
    for part in name.split("."):
        node = node[part]
    return node


#: pydantic error types of one-sided bounds, and which side they bound.
_BOUNDS = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}


def _clip(data: dict[str, Any], exc: Any, names: set[str]) -> list[str] | None:
    """Clip every value ``exc`` rejects for a bound into the valid side (in ``data``); the
    notes, or None when an error is not a bound on one of ``names``."""
    notes: list[str] = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"])
        kind = _BOUNDS.get(error["type"])
        if name not in names or kind is None:
            return None
        limit = float(error["ctx"][kind])
        old = _get(data, name)
        is_int = isinstance(old, int)
        if kind == "ge" or kind == "le":
            new: float | int = limit
        elif is_int:
            new = math.floor(limit) + 1 if kind == "gt" else math.ceil(limit) - 1
        else:
            new = float(np.nextafter(limit, math.inf if kind == "gt" else -math.inf))
        if is_int:
            new = int(new)
        _set(data, name, new)
        sign = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}[kind]
        notes.append(f"{name} = {old!r} clipped to {new!r} (the model requires {sign} {limit:g})")
    return notes


def _invalid(world: dict[str, float | int], exc: Any) -> str:
    shown = ", ".join(f"{k}={v!r}" for k, v in world.items())
    lines = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return f"the model rejects the world {shown}: {lines}"
