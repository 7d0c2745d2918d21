"""Robust comparison: is variant B better than A across the plausible worlds, not just in one?

Contract
--------
:func:`plan_robust` takes two scenarios, A (the baseline) and B (the variant), and draws
``worlds`` parameter worlds (:func:`~simgroup.experiment.worlds.draw_worlds`, scrambled Sobol')
over the *union* of both scenarios' uncertain parameters
(:func:`~simgroup.experiment.worlds.select_parameters`, ``patterns`` narrowing it). The same
world is applied to both variants, except where a variant holds a parameter (it sets it under
its ``model:``, or fixes it under ``model: uncertainty:``): the variants may differ there on
purpose, so that variant keeps its value (a note names every such parameter). A parameter both
vary with different ranges (one scenario narrowed it) is drawn from the intersection of the
ranges; disjoint ranges are a :class:`RobustError`. Everything is checked before anything runs.

:func:`run_robust` runs both variants in every world at common random numbers (the same seed
and replication indexes ``0..R-1`` for both, and for every world: tasks
``(scenario, world, replication)`` through :func:`~simgroup.experiment.replications.run_batched`
on any executor, with progress and cancellation) and keeps the KPI values.
:func:`analyse` turns them into one :class:`RobustKpi` per KPI that has a better direction
(:data:`simgroup.kpis.KPI`), scenario-level or of one group spec:

* a world's difference is the mean of the paired differences B − A over its replications
  (:func:`~simgroup.results.stats.paired_difference`); B *wins* the world when it is above 0
  (``better: higher``) or below 0 (``lower``), *ties* when it is exactly 0; a world where the
  KPI is undefined in every pair is left out;
* ``share`` = wins / worlds with a difference, with a Wilson score interval
  (``scipy.stats.binomtest``) at ``confidence``: the interval is about the draw of worlds, not
  about the replication noise inside each one, which ``close`` counts (worlds whose paired
  interval includes 0: their sign could flip with another seed);
* the 5 / 50 / 95 % quantiles and the mean of the difference over the worlds;
* the boxes of parameter space where the less common outcome concentrates
  (:func:`~simgroup.experiment.robust_discovery.flip_rules`), and :meth:`RobustKpi.sentence`,
  the result in words: "B wins on profit in 84 % of worlds; it loses when ...".

The same inputs and seed give a byte-identical :meth:`RobustComparison.to_json_text` for any
executor and worker count.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from simgroup._version import __version__
from simgroup.errors import SimgroupError
from simgroup.experiment.compare import common_run_notes
from simgroup.experiment.inputs import LoadedInput, ScenarioInput, load_input
from simgroup.experiment.progress import Progress
from simgroup.experiment.replications import Cancelled, Job, RunOptions, resolve_options, run_batched
from simgroup.experiment.robust_discovery import FlipRule, flip_parameters, flip_rules
from simgroup.experiment.sensitivity import DEFAULT_REPLICATIONS
from simgroup.experiment.worlds import (
    FloatArray,
    UncertainParameter,
    WorldSelection,
    apply_world,
    draw_worlds,
    select_parameters,
)
from simgroup.kpis import KPI, KPI_NAMES
from simgroup.results import json_format
from simgroup.results.stats import paired_difference
from simgroup.scenario.vocabulary import DEFAULT_WORLDS, MAX_WORLDS

if TYPE_CHECKING:
    from simgroup.records import ReplicationResult

__all__ = [
    "DEFAULT_REPLICATIONS",
    "DEFAULT_WORLDS",
    "MAX_WORLDS",
    "SCHEMA_VERSION",
    "RobustComparison",
    "RobustError",
    "RobustKpi",
    "RobustPlan",
    "RobustRuns",
    "analyse",
    "plan_robust",
    "robust_compare",
    "run_robust",
]

SCHEMA_VERSION = 1
#: Quantiles of the difference over the worlds that are reported.
QUANTILES = (0.05, 0.50, 0.95)

#: One replication's KPI values: scenario-level and by group spec.
_Values = tuple[dict[str, float], dict[str, dict[str, float]]]


class RobustError(SimgroupError, ValueError):
    """A bad robust comparison request: worlds out of range, an unknown KPI or group spec,
    ranges of the two scenarios that do not meet."""


@dataclass(frozen=True)
class RobustPlan:
    """A checked robust comparison ready to run (:func:`plan_robust`): the two variants, the
    union of their uncertain parameters and the drawn worlds (rows, values as applied), the jobs
    (world-major: A and B of world 0, then of world 1, ...), the run options, and what each
    variant holds: ``held[v]`` maps a parameter of the union to variant ``v``'s own value."""

    inputs: tuple[LoadedInput, LoadedInput]
    parameters: list[UncertainParameter]
    design: FloatArray
    jobs: list[Job]
    options: RunOptions
    held: tuple[dict[str, float], dict[str, float]]
    notes: list[str] = field(default_factory=list)

    @property
    def worlds(self) -> int:
        return int(self.design.shape[0])

    @property
    def tasks(self) -> int:
        """Replications over both variants and all worlds."""
        return len(self.jobs) * self.options.replications


@dataclass(frozen=True)
class RobustRuns:
    """The KPI values of every replication of every job of ``plan`` (``values[job][rep]``)."""

    plan: RobustPlan
    values: list[list[_Values]]

    def kpi(self, job: int, kpi: str, group: str | None) -> list[float]:
        """Per-replication values of ``kpi`` in job ``job``, NaN where undefined."""
        nan = math.nan
        if group is None:
            return [float(k.get(kpi, nan)) for k, _ in self.values[job]]
        return [float(g.get(group, {}).get(kpi, nan)) for _, g in self.values[job]]


@dataclass(frozen=True)
class RobustKpi:
    """How B fares against A on one KPI across the worlds (see the module docstring)."""

    kpi: str
    better: str
    differences: list[float]  # per world, NaN where undefined
    close: int
    wins: int
    losses: int
    ties: int
    share: float
    share_ci: tuple[float, float]
    quantiles: dict[str, float]
    mean: float
    rules: list[FlipRule]

    @property
    def defined(self) -> int:
        return self.wins + self.losses + self.ties

    @property
    def flip_parameters(self) -> list[str]:
        return flip_parameters(self.rules)

    def sentence(self, b: str = "B", lang: str = "en") -> str:
        """The result in words, e.g. ``B wins on profit in 84% of worlds (27 of 32); it loses
        when x > 0.31 (5 of the 6 worlds there)``; in Chinese with ``lang="zh"`` (the JSON's
        ``summary`` is always English). The words are :data:`_SENTENCES`."""
        words = _SENTENCES["zh" if lang == "zh" else "en"]
        if lang == "zh" and b != "B":
            b = "本场景"
        n, k = self.defined, self.kpi
        if n == 0:
            return words["undefined"].format(k=k)
        if self.wins == n:
            return words["always"].format(b=b, k=k, n=n)
        if self.ties == n:
            return words["equal"].format(b=b, k=k)
        if self.wins == 0:
            return words["never"].format(b=b, k=k, n=n, losses=self.losses, ties=self.ties)
        only = words["only"] if self.share < 0.5 else ""
        head = words["head"].format(b=b, k=k, only=only, pct=f"{self.share * 100:.0f}%", wins=self.wins, n=n)
        if self.losses == 0:
            return head + words["never_worse"]
        noise = words["noise"].format(close=self.close, n=n) if self.close else ""
        outcome = words["wins" if self.share < 0.5 else "loses" if self.ties == 0 else "loses_or_ties"]
        if not self.rules:
            return words["no_rule"].format(head=head, outcome=outcome, noise=noise)
        parts = [words["when"].format(rule=r.text(), flipped=r.flipped, worlds=r.worlds) for r in self.rules]
        return words["rules"].format(head=head, outcome=outcome, rules=words["or"].join(parts), noise=noise)

    def to_json(self) -> dict[str, Any]:
        return {
            "better": self.better,
            "unit": KPI[self.kpi].unit,
            "worlds": self.defined,
            "wins": self.wins,
            "losses": self.losses,
            "ties": self.ties,
            "share": self.share,
            "share_ci": list(self.share_ci),
            "close": self.close,
            "difference": {"mean": self.mean, **self.quantiles},
            "flip_parameters": self.flip_parameters,
            "rules": [r.to_json() for r in self.rules],
            "summary": self.sentence(),
        }


@dataclass(frozen=True)
class RobustComparison:
    """B against A over the worlds, per KPI (``kpis`` in report order)."""

    plan: RobustPlan
    group: str | None
    confidence: float
    kpis: dict[str, RobustKpi]

    @property
    def replications(self) -> int:
        return self.plan.options.replications

    def to_json(self) -> dict[str, Any]:
        """The ``simgroup compare --robust --json`` document (shape in ``docs/experiments.md``)."""
        plan = self.plan
        doc = {
            "schema_version": SCHEMA_VERSION,
            "simgroup_version": __version__,
            "kind": "robust_comparison",
            "seed": plan.options.seed,
            "replications": plan.options.replications,
            "days": plan.options.days,
            "worlds": plan.worlds,
            "draw": "sobol",
            "confidence": self.confidence,
            "group": self.group,
            "variants": [
                {"role": role, "name": inp.scenario.name,
                 "path": None if inp.path is None else os.fspath(inp.path), "sha256": inp.sha256}
                for role, inp in zip(("baseline", "variant"), plan.inputs)
            ],
            "parameters": [
                {"name": p.name, "range": [p.low, p.high], "preset": p.preset, "integer": p.integer,
                 "held": {role: held[p.name] for role, held in zip(("baseline", "variant"), plan.held)
                          if p.name in held}}
                for p in plan.parameters
            ],
            "kpis": {k: r.to_json() for k, r in self.kpis.items()},
            "world_values": [
                {"world": i, "values": {p.name: _plain(p, row[j]) for j, p in enumerate(plan.parameters)},
                 "differences": {k: r.differences[i] for k, r in self.kpis.items()}}
                for i, row in enumerate(plan.design)
            ],
            "notes": list(plan.notes),
        }
        return json_format.clean(doc)

    def to_json_text(self, *, indent: int | None = 2) -> str:
        return json_format.dumps(self.to_json(), indent=indent) + "\n"


def _plain(p: UncertainParameter, v: float) -> float | int:
    return int(v) if p.integer else float(v)


# --------------------------------------------------------------------------- planning


def _label(inp: LoadedInput) -> str:
    return str(inp.path) if inp.path is not None else repr(inp.scenario.name)


def _union(
    selections: tuple[WorldSelection, WorldSelection], inputs: tuple[LoadedInput, LoadedInput]
) -> tuple[list[UncertainParameter], tuple[dict[str, float], dict[str, float]], list[str]]:
    """The parameters either variant varies (ranges intersected), what each variant holds of
    them, and a note per parameter held by one variant only."""
    by_name: dict[str, UncertainParameter] = {}
    problems: list[str] = []
    for sel in selections:
        for p in sel.parameters:
            seen = by_name.get(p.name)
            if seen is None:
                by_name[p.name] = p
                continue
            lo, hi = max(seen.low, p.low), min(seen.high, p.high)
            if lo > hi:
                problems.append(f"{p.name}: the ranges [{seen.low:g}, {seen.high:g}] and [{p.low:g}, {p.high:g}] "
                                "of the two scenarios do not overlap (model: uncertainty:)")
            by_name[p.name] = UncertainParameter(p.name, lo, hi, seen.preset, seen.integer)
    if problems:
        raise RobustError("\n".join(problems))
    from simgroup.scenario.presets import PARAMETER_INFO

    order = {name: i for i, name in enumerate(PARAMETER_INFO)}
    params = sorted(by_name.values(), key=lambda p: order.get(p.name, len(order)))
    held = (
        {p.name: selections[0].held[p.name] for p in params if p.name in selections[0].held},
        {p.name: selections[1].held[p.name] for p in params if p.name in selections[1].held},
    )
    notes = []
    for v, h in enumerate(held):
        for name, value in h.items():
            notes.append(f"{name}: held at {value:g} in {_label(inputs[v])} (set or fixed under its model:), "
                         f"varied in {_label(inputs[1 - v])}")
    return params, held, notes


def plan_robust(
    baseline: ScenarioInput,
    variant: ScenarioInput,
    *,
    worlds: int = DEFAULT_WORLDS,
    replications: int | None = None,
    params: Sequence[str] | None = None,
    seed: int | None = None,
    days: int | None = None,
    group: str | None = None,
) -> RobustPlan:
    """Check the request and build every world of both variants without running anything (see
    the module docstring). ``replications`` per world default to :data:`DEFAULT_REPLICATIONS`
    (the worlds, not the replications, carry the weight here); ``seed`` and ``days`` to the
    baseline's. Raises :class:`RobustError`, :class:`~simgroup.experiment.worlds.WorldError`,
    :class:`~simgroup.scenario.ScenarioError` or
    :class:`~simgroup.experiment.replications.RunOptionsError`."""
    if isinstance(worlds, bool) or not isinstance(worlds, int) or not 2 <= worlds <= MAX_WORLDS:
        raise RobustError(f"--worlds must be an integer between 2 and {MAX_WORLDS:,}, got {worlds!r}")
    inputs = (load_input(baseline), load_input(variant))
    reps = DEFAULT_REPLICATIONS if replications is None else replications
    options = resolve_options(inputs[0].scenario, replications=reps, seed=seed, days=days)
    resolve_options(inputs[1].scenario, replications=reps, seed=options.seed, days=options.days)
    if group is not None:
        for inp in inputs:
            ids = [g.id for g in inp.scenario.groups]
            if group not in ids:
                raise RobustError(f"no group spec {group!r} in {_label(inp)}; its group specs are {', '.join(ids)}")
    notes = common_run_notes(list(inputs), options.seed, options.days, seed is None, days is None)
    selections = (_select(inputs[0], params, inputs), _select(inputs[1], params, inputs))
    chosen, held, held_notes = _union(selections, inputs)
    if not chosen:
        raise RobustError("no uncertain parameter to vary (both scenarios hold every one they use)")
    design = draw_worlds(chosen, worlds, options.seed)
    jobs: list[Job] = []
    for w, row in enumerate(design):
        for v, inp in enumerate(inputs):
            own = [j for j, p in enumerate(chosen) if p.name not in held[v]]
            clipped: list[str] = []
            scenario = apply_world(inp.scenario, [chosen[j] for j in own], row[own], notes=clipped)
            notes += [f"world {w}, {_label(inp)}: {c}" for c in clipped]
            jobs.append(Job(scenario, options.seed, options.days, inp.path))
    return RobustPlan(inputs, chosen, design, jobs, options, held, notes + held_notes)


def _select(
    inp: LoadedInput, patterns: Sequence[str] | None, inputs: tuple[LoadedInput, LoadedInput]
) -> WorldSelection:
    """One variant's selection; a pattern need only match a parameter of one of the two."""
    if not patterns:
        return select_parameters(inp.scenario)
    from simgroup.experiment.worlds import WorldError

    own = []
    for pattern in patterns:
        try:
            select_parameters(inp.scenario, [pattern])
            own.append(pattern)
        except WorldError:
            other = inputs[1] if inp is inputs[0] else inputs[0]
            select_parameters(other.scenario, [pattern])  # matches neither: its message
    selection = select_parameters(inp.scenario, own or None)
    if not own:
        return WorldSelection([], selection.excluded, selection.held)
    return selection


# --------------------------------------------------------------------------- running


def _values(records: list[ReplicationResult]) -> list[_Values]:
    return [(dict(r.kpis), {g: dict(v) for g, v in r.group_kpis.items()}) for r in records]


def run_robust(
    plan: RobustPlan,
    *,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
) -> RobustRuns:
    """Run both variants in every world of ``plan`` (see the module docstring); ``progress``
    counts replications over all of them."""
    values = run_batched(plan.jobs, plan.options.replications, _values, progress=progress, executor=executor,
                         cancelled=cancelled)
    return RobustRuns(plan, values)


def _share_ci(wins: int, n: int, confidence: float) -> tuple[float, float]:
    if n == 0:
        return math.nan, math.nan
    from scipy.stats import binomtest

    ci = binomtest(wins, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)


def _robust_kpi(runs: RobustRuns, kpi: str, group: str | None, confidence: float, better: str) -> RobustKpi:
    sign = 1.0 if better == "higher" else -1.0
    diffs: list[float] = []
    close = 0
    for w in range(runs.plan.worlds):
        d = paired_difference(runs.kpi(2 * w + 1, kpi, group), runs.kpi(2 * w, kpi, group))
        diffs.append(d.mean if d.n_a > 0 else math.nan)
        if d.n_a > 1 and d.ci[0] <= 0.0 <= d.ci[1] and d.mean != 0:
            close += 1
    x = np.asarray(diffs, dtype=np.float64)
    defined = np.isfinite(x)
    signed = sign * x[defined]
    wins, ties = int((signed > 0).sum()), int((signed == 0).sum())
    n = int(defined.sum())
    share = wins / n if n else math.nan
    won = signed > 0
    rules = flip_rules(runs.plan.design[defined], ~won if share >= 0.5 else won, [p.name for p in runs.plan.parameters])
    finite = x[defined]
    return RobustKpi(
        kpi=kpi, better=better, differences=[float(v) for v in x], close=close, wins=wins, losses=n - wins - ties,
        ties=ties, share=share, share_ci=_share_ci(wins, n, confidence),
        quantiles={f"p{round(q * 100)}": float(np.quantile(finite, q)) if n else math.nan for q in QUANTILES},
        mean=float(finite.mean()) if n else math.nan, rules=rules,
    )


def analyse(
    runs: RobustRuns,
    *,
    group: str | None = None,
    kpis: Sequence[str] | None = None,
    confidence: float = 0.95,
    better: Literal["higher", "lower"] | None = None,
) -> RobustComparison:
    """B against A per KPI (every KPI with a better direction by default, report order), of
    group spec ``group`` or the whole scenario (see the module docstring); ``better`` replaces
    the KPIs' own direction (``expect:``'s ``better:``)."""
    names = [k for k in KPI_NAMES if KPI[k].better is not None] if kpis is None else list(kpis)
    directions: dict[str, str] = {}
    for k in names:
        direction = better or (KPI[k].better if k in KPI else None)
        if direction is None:
            raise RobustError(f"{k!r} is not a KPI with a better direction")
        directions[k] = direction
    return RobustComparison(
        runs.plan, group, confidence, {k: _robust_kpi(runs, k, group, confidence, directions[k]) for k in names}
    )


def robust_compare(
    baseline: ScenarioInput,
    variant: ScenarioInput,
    *,
    worlds: int = DEFAULT_WORLDS,
    replications: int | None = None,
    params: Sequence[str] | None = None,
    seed: int | None = None,
    days: int | None = None,
    group: str | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
) -> RobustComparison:
    """:func:`analyse` of :func:`run_robust` of :func:`plan_robust` (the arguments are theirs)."""
    plan = plan_robust(baseline, variant, worlds=worlds, replications=replications, params=params, seed=seed,
                       days=days, group=group)
    return analyse(run_robust(plan, progress=progress, executor=executor, cancelled=cancelled), group=group)


#: The words of :meth:`RobustKpi.sentence`, by language.
_SENTENCES: dict[str, dict[str, str]] = {
    "en": {
        "undefined": "{k} is undefined in every world",
        "always": "{b} wins on {k} in every world ({n} of {n})",
        "equal": "{b} and the baseline are equal on {k} in every world",
        "never": "{b} never wins on {k} ({losses} losses, {ties} ties in {n} worlds)",
        "only": "only ",
        "head": "{b} wins on {k} in {only}{pct} of worlds ({wins} of {n})",
        "never_worse": " and ties in the others (it is never worse)",
        "noise": "; {close} of the {n} worlds are within replication noise",
        "wins": "it wins",
        "loses": "it loses",
        "loses_or_ties": "it loses or ties",
        "no_rule": "{head}; no simple rule in these parameters says where {outcome}{noise}",
        "when": "when {rule} ({flipped} of the {worlds} worlds there)",
        "or": ", or ",
        "rules": "{head}; {outcome} {rules}{noise}",
    },
    "zh": {
        "undefined": "{k} 在所有世界里都没有定义",
        "always": "{b} 在每个世界里 {k} 都更好（{n} / {n}）",
        "equal": "{b} 与基准在每个世界里 {k} 都相同",
        "never": "{b} 在 {k} 上从来没有更好（{n} 个世界中 {losses} 个更差、{ties} 个持平）",
        "only": "",
        "head": "{b} 在 {pct} 的世界里 {k} 更好（{wins} / {n}）",
        "never_worse": "，其余持平（从不更差）",
        "noise": "；{n} 个世界中有 {close} 个在重复噪声范围内",
        "wins": "更好",
        "loses": "更差",
        "loses_or_ties": "更差或持平",
        "no_rule": "{head}；在这些参数里找不到简单的规则说明何时{outcome}{noise}",
        "when": "当 {rule} 时（那里 {worlds} 个世界中有 {flipped} 个）",
        "or": "，或",
        "rules": "{head}；{rules}{outcome}{noise}",
    },
}
