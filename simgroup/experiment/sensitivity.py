"""Global sensitivity of a KPI to the uncertain behavioural parameters (docs/uncertainty.md).

Contract
--------
:func:`plan_sensitivity` picks the parameters (:func:`~simgroup.experiment.worlds.select_parameters`:
by default every ranged parameter the scenario uses and does not set itself), builds a SALib
design and turns every row into a *world* (:func:`~simgroup.experiment.worlds.apply_world`),
checking everything before anything runs: the KPI name, the group spec, the design size (Sobol'
``N`` a power of two), the run options. :func:`run_sensitivity` runs every distinct world
``replications`` times at *common random numbers* (the same seed and replication indexes
``0..R-1`` for every world, through :func:`~simgroup.experiment.replications.run_plan` on any
executor), takes the world's KPI as the mean over its replications (NaN replications left out),
and analyses the design:

* ``morris``: elementary effects (``SALib.sample.morris`` / ``SALib.analyze.morris``),
  ``worlds`` trajectories of ``k + 1`` worlds on a 4-level grid. ``mu_star`` is the mean absolute
  change of the KPI when the parameter moves across its whole range (in the KPI's unit), ``mu``
  the signed mean, ``sigma`` the spread of the effects (large against ``mu_star``: non-linear or
  interacting); ``mu_star_ci95`` a bootstrap interval.
* ``sobol``: variance-based indices (``SALib.sample.sobol`` (Saltelli) / ``SALib.analyze.sobol``,
  no second order), base sample ``N`` (``worlds``, a power of two), ``N (k + 2)`` worlds. ``S1``
  is the share of the KPI's variance across worlds the parameter explains alone, ``ST`` with all
  its interactions; ``*_ci95`` bootstrap intervals.

Rows are sorted by the main index (``mu_star`` or ``ST``), largest first, NaN last, ties in
preset order. Replication noise is estimated from the spread within worlds and turned into the
level the main index of a parameter *without* effect would show (``noise.index_level``); a
row is ``detectable`` when the lower end of its interval is above that level. The design, the
bootstrap and the simulations derive from ``seed`` alone, so the result (and
:meth:`SensitivityResult.to_json_text`) is byte-identical for any executor and worker count.
Rows of the design that give the same world (a Morris grid revisits points; integer parameters
round) run once. Cancellation (:class:`~simgroup.experiment.replications.RunCancelled`)
propagates between replications.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from simgroup._version import __version__
from simgroup.errors import SimgroupError
from simgroup.experiment.inputs import ScenarioInput, load_input
from simgroup.experiment.precision import unknown_kpi
from simgroup.experiment.progress import Progress
from simgroup.experiment.replications import (
    Cancelled,
    Job,
    RunOptions,
    kpi_values,
    resolve_options,
    run_batched,
)
from simgroup.experiment.sensitivity_analysis import (
    MORRIS_LEVELS,
    SensitivityRow,
    morris_rows,
    nanmean,
    noise_se_of,
    problem,
    ranked,
    rng_stream,
    sobol_rows,
)
from simgroup.experiment.worlds import FloatArray, UncertainParameter, apply_world, select_parameters
from simgroup.kpis import KPI
from simgroup.results import json_format

if TYPE_CHECKING:
    from simgroup.records import ReplicationResult
    from simgroup.scenario.models import Scenario

__all__ = [
    "DEFAULT_MORRIS_TRAJECTORIES",
    "DEFAULT_REPLICATIONS",
    "DEFAULT_SOBOL_N",
    "MAX_WORLDS",
    "METHODS",
    "MORRIS_LEVELS",
    "SCHEMA_VERSION",
    "Method",
    "SensitivityError",
    "SensitivityPlan",
    "SensitivityResult",
    "SensitivityRow",
    "plan_sensitivity",
    "run_sensitivity",
    "sensitivity",
]

SCHEMA_VERSION = 1
Method = Literal["morris", "sobol"]
METHODS: tuple[Method, ...] = ("morris", "sobol")
#: Morris trajectories by default: enough to rank a few hundred parameters (Campolongo et al. 2007).
DEFAULT_MORRIS_TRAJECTORIES = 10
#: Sobol' base sample by default (a power of two keeps the sequence balanced).
DEFAULT_SOBOL_N = 64
#: Replications per world by default: the KPI of a world is their mean.
DEFAULT_REPLICATIONS = 5
#: A design larger than this many worlds is almost certainly a typo (and would take days).
MAX_WORLDS = 200_000
#: Seed-sequence tag of the design (the bootstrap has its own: sensitivity_analysis.py).
_DESIGN_STREAM = 0x64657369676E  # "design"


class SensitivityError(SimgroupError, ValueError):
    """A bad sensitivity request: unknown KPI or group spec, a design of the wrong size."""


@dataclass(frozen=True)
class SensitivityPlan:
    """A checked sensitivity analysis ready to run (:func:`plan_sensitivity`): the base scenario
    and its identity, the varied parameters, the SALib design (one row per world, the values as
    drawn), the distinct worlds as jobs and which job each design row is, the run options, the
    KPI (of group spec ``group``, or the scenario) and what was held or left out."""

    scenario: Scenario
    path: str | None
    sha256: str
    method: Method
    kpi: str
    group: str | None
    worlds: int
    parameters: list[UncertainParameter]
    design: FloatArray
    jobs: list[Job]
    row_job: list[int]
    options: RunOptions
    held: dict[str, float]
    unused: int
    notes: list[str] = field(default_factory=list)

    @property
    def tasks(self) -> int:
        """Replications over all distinct worlds."""
        return len(self.jobs) * self.options.replications


@dataclass(frozen=True)
class SensitivityResult:
    """The analysis: the rows by importance, the spread of the KPI over the worlds, the noise."""

    scenario_name: str
    scenario_path: str | None
    scenario_sha256: str
    method: Method
    kpi: str
    group: str | None
    seed: int
    replications: int
    days: int
    worlds: int
    runs: int
    distinct_worlds: int
    rows: list[SensitivityRow]
    held: dict[str, float]
    unused: int
    kpi_spread: dict[str, float]
    noise_se: float
    noise_level: float
    notes: list[str]

    @property
    def main_index(self) -> str:
        return "mu_star" if self.method == "morris" else "ST"

    def to_json(self) -> dict[str, Any]:
        """The ``simgroup sensitivity --json`` document (shape in ``docs/uncertainty.md``)."""
        design: dict[str, Any] = {"worlds": self.worlds}
        if self.method == "morris":
            design.update(trajectories=self.worlds, levels=MORRIS_LEVELS)
        else:
            design.update(base_sample=self.worlds, second_order=False)
        design.update(runs=self.runs, distinct_worlds=self.distinct_worlds,
                      replications_run=self.distinct_worlds * self.replications)
        doc = {
            "schema_version": SCHEMA_VERSION,
            "simgroup_version": __version__,
            "kind": "sensitivity",
            "scenario": {"name": self.scenario_name, "path": self.scenario_path, "sha256": self.scenario_sha256},
            "method": self.method,
            "kpi": self.kpi,
            "group": self.group,
            "unit": KPI[self.kpi].unit,
            "seed": self.seed,
            "replications": self.replications,
            "days": self.days,
            "design": design,
            "kpi_over_worlds": self.kpi_spread,
            "noise": {"se_world_mean": self.noise_se, "index_level": self.noise_level},
            "parameters": [_row_json(i, r) for i, r in enumerate(self.rows, 1)],
            "held": [{"name": k, "value": v} for k, v in self.held.items()],
            "unused": self.unused,
            "notes": list(self.notes),
        }
        return json_format.clean(doc)

    def to_json_text(self, *, indent: int | None = 2) -> str:
        return json_format.dumps(self.to_json(), indent=indent) + "\n"


def _row_json(rank: int, row: SensitivityRow) -> dict[str, Any]:
    p = row.parameter
    out: dict[str, Any] = {
        "rank": rank,
        "name": p.name,
        "range": [p.low, p.high],
        "preset": p.preset,
        "integer": p.integer,
    }
    for name, v in row.values.items():
        out[name] = v
        if name in row.intervals:
            out[f"{name}_ci95"] = list(row.intervals[name])
    out["detectable"] = row.detectable
    out["meaning"] = row.meaning
    return out


# --------------------------------------------------------------------------- planning


def _design(method: Method, params: Sequence[UncertainParameter], worlds: int, seed: int) -> FloatArray:
    salib = problem(params)
    rng = rng_stream(seed, _DESIGN_STREAM)
    if method == "morris":
        from SALib.sample import morris as morris_sample

        x = morris_sample.sample(salib, worlds, num_levels=MORRIS_LEVELS, seed=rng)
    else:
        from SALib.sample import sobol as sobol_sample

        x = sobol_sample.sample(salib, worlds, calc_second_order=False, scramble=True, seed=rng)
    return np.asarray(x, dtype=np.float64)


def design_size(method: Method, worlds: int, k: int) -> int:
    """Rows of the design: ``worlds (k + 1)`` for Morris, ``worlds (k + 2)`` for Sobol'."""
    return worlds * (k + 1) if method == "morris" else worlds * (k + 2)


def _check_design(method: Method, worlds: int, k: int) -> None:
    if method not in METHODS:
        raise SensitivityError(f"unknown method {method!r} (morris or sobol)")
    if isinstance(worlds, bool) or not isinstance(worlds, int) or worlds < 2:
        what = "Morris trajectories" if method == "morris" else "the Sobol' base sample N"
        raise SensitivityError(f"--worlds ({what}) must be an integer of at least 2, got {worlds!r}")
    if method == "sobol" and worlds & (worlds - 1):
        lower = 1 << (worlds.bit_length() - 1)
        raise SensitivityError(
            f"--worlds {worlds}: the Sobol' base sample N must be a power of 2 (e.g. {lower} or {lower * 2})"
        )
    if k == 0:
        raise SensitivityError("no parameter to vary")
    size = design_size(method, worlds, k)
    if size > MAX_WORLDS:
        raise SensitivityError(
            f"the design has {size:,} worlds ({worlds} x ({k} parameters + {1 if method == 'morris' else 2})); "
            f"at most {MAX_WORLDS:,} are allowed: use fewer --worlds or narrow --params"
        )


def plan_sensitivity(
    source: ScenarioInput,
    *,
    kpi: str,
    group: str | None = None,
    method: Method = "morris",
    worlds: int | None = None,
    replications: int = DEFAULT_REPLICATIONS,
    params: Sequence[str] | None = None,
    seed: int | None = None,
    days: int | None = None,
) -> SensitivityPlan:
    """Check the request and build every world without running anything (see the module
    docstring). ``worlds`` is the number of Morris trajectories (default
    :data:`DEFAULT_MORRIS_TRAJECTORIES`) or the Sobol' base sample (default
    :data:`DEFAULT_SOBOL_N`); ``params`` are fnmatch patterns on the dotted parameter names;
    ``seed`` and ``days`` default to the scenario's. Raises :class:`SensitivityError`,
    :class:`~simgroup.experiment.worlds.WorldError`, :class:`~simgroup.scenario.ScenarioError`
    or :class:`~simgroup.experiment.replications.RunOptionsError`."""
    problem = unknown_kpi(kpi)
    if problem is not None:
        raise SensitivityError(problem)
    if method not in METHODS:
        raise SensitivityError(f"unknown method {method!r} (morris or sobol)")
    n = worlds if worlds is not None else (DEFAULT_MORRIS_TRAJECTORIES if method == "morris" else DEFAULT_SOBOL_N)
    loaded = load_input(source)
    scenario = loaded.scenario
    if group is not None:
        ids = [g.id for g in scenario.groups]
        if group not in ids:
            from simgroup.scenario.diagnostics import did_you_mean

            hint = did_you_mean(group, ids)
            extra = f" (did you mean {hint!r}?)" if hint else ""
            raise SensitivityError(f"no group spec {group!r}{extra}; the group specs are {', '.join(ids)}")
    options = resolve_options(scenario, replications=replications, seed=seed, days=days)
    selection = select_parameters(scenario, params)
    chosen = selection.parameters
    _check_design(method, n, len(chosen))
    design = _design(method, chosen, n, options.seed)
    path = None if loaded.path is None else os.fspath(loaded.path)

    notes: list[str] = []
    jobs: list[Job] = []
    row_job: list[int] = []
    seen: dict[tuple[float, ...], int] = {}
    applied = np.column_stack([p.applied(design[:, j]) for j, p in enumerate(chosen)])
    for row, values in zip(design, applied):
        key = tuple(float(v) for v in values)
        index = seen.get(key)
        if index is None:
            clipped: list[str] = []
            world = apply_world(scenario, chosen, row, notes=clipped)
            notes += [f"world {len(jobs)}: {c}" for c in clipped]
            index = seen[key] = len(jobs)
            jobs.append(Job(world, options.seed, options.days, path))
        row_job.append(index)
    return SensitivityPlan(
        scenario=scenario, path=path, sha256=loaded.sha256, method=method, kpi=kpi, group=group, worlds=n,
        parameters=chosen, design=design, jobs=jobs, row_job=row_job, options=options,
        held=selection.held, unused=selection.unused, notes=notes,
    )


# --------------------------------------------------------------------------- running


def _run_worlds(
    plan: SensitivityPlan,
    *,
    progress: Progress | None,
    executor: Executor | None,
    cancelled: Cancelled | None,
) -> list[list[float]]:
    """Every job's KPI values by replication (one executor, one progress count)."""

    def reduce(records: list[ReplicationResult]) -> list[float]:
        return kpi_values(records, plan.kpi, plan.group)

    return run_batched(plan.jobs, plan.options.replications, reduce, progress=progress, executor=executor,
                       cancelled=cancelled)


def run_sensitivity(
    plan: SensitivityPlan,
    *,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
) -> SensitivityResult:
    """Run every distinct world of ``plan`` and analyse the design (see the module docstring);
    ``progress`` counts replications over all worlds."""
    per_world = _run_worlds(plan, progress=progress, executor=executor, cancelled=cancelled)
    notes = list(plan.notes)
    means = np.array([nanmean(v) for v in per_world], dtype=np.float64)
    y = means[np.asarray(plan.row_job, dtype=np.int64)]
    undefined = int(np.count_nonzero(~np.isfinite(means)))
    if undefined:
        notes.append(f"{undefined} of {len(means)} worlds have no defined {plan.kpi} in any replication: "
                     "the indices are undefined (null)")
    noise_se = noise_se_of(per_world)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if plan.method == "morris":
            rows, level = morris_rows(plan, y, noise_se)
        else:
            rows, level = sobol_rows(plan, y, noise_se)
    for message in dict.fromkeys(str(w.message).strip() for w in caught):  # once each, in order
        notes.append(f"SALib: {' '.join(message.split())}")
    if not math.isfinite(noise_se):
        notes.append("one replication per world: replication noise is not estimated (use --reps 2 or more)")
    finite = y[np.isfinite(y)]
    spread = {
        "mean": float(finite.mean()) if finite.size else math.nan,
        "sd": float(finite.std(ddof=1)) if finite.size > 1 else math.nan,
        "min": float(finite.min()) if finite.size else math.nan,
        "max": float(finite.max()) if finite.size else math.nan,
    }
    return SensitivityResult(
        scenario_name=plan.scenario.name,
        scenario_path=plan.path,
        scenario_sha256=plan.sha256,
        method=plan.method,
        kpi=plan.kpi,
        group=plan.group,
        seed=plan.options.seed,
        replications=plan.options.replications,
        days=plan.options.days,
        worlds=plan.worlds,
        runs=len(plan.row_job),
        distinct_worlds=len(plan.jobs),
        rows=ranked(rows),
        held=plan.held,
        unused=plan.unused,
        kpi_spread=spread,
        noise_se=noise_se,
        noise_level=level,
        notes=notes,
    )


def sensitivity(
    source: ScenarioInput,
    *,
    kpi: str,
    group: str | None = None,
    method: Method = "morris",
    worlds: int | None = None,
    replications: int = DEFAULT_REPLICATIONS,
    params: Sequence[str] | None = None,
    seed: int | None = None,
    days: int | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
) -> SensitivityResult:
    """:func:`run_sensitivity` of :func:`plan_sensitivity` (the arguments are theirs)."""
    plan = plan_sensitivity(source, kpi=kpi, group=group, method=method, worlds=worlds,
                            replications=replications, params=params, seed=seed, days=days)
    return run_sensitivity(plan, progress=progress, executor=executor, cancelled=cancelled)
