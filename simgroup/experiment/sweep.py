"""Parameter sweeps: run a grid of settings of one scenario file and find the best one.

Contract
--------
An axis is ``dotted.path=v1,v2,...`` (:func:`parse_axis`). The path walks the scenario document
as written: mapping keys by name, list items by index (``sops.traffic_daily.2.at``,
``channels.0.add_rate``, ``model.group_types.traffic.buy_base``). A key the file does not
write is allowed when the scenario models accept it there (a default or a preset value, e.g. the
whole ``model:`` section), and is created. The values are YAML, read like the file itself
(``09:00`` is text, ``0.05`` a number, ``true`` a boolean); quote a value that contains a comma
(``"mon,wed"``). A bad path is a :class:`SweepError` naming the path and listing the keys valid
at that level (or the index range of a list); a value is checked by re-validating the whole
scenario with the scenario models, and an invalid one is a :class:`SweepError` carrying the
scenario diagnostic (``file:line:col: key.path: message``). Every grid point is validated
before anything runs.

The grid is the Cartesian product of the axes (the first axis varies slowest), at most
:data:`MAX_GRID_POINTS` points. Every point runs the same replication indexes at the same seed
(common random numbers across the grid, unless an axis changes the seed), all points' tasks
through one executor. The best point maximizes (or minimizes) the chosen KPI's mean; it is
reported with its 95 % CI and the paired difference to the runner-up.

:func:`sweep` is :func:`plan_sweep` (check the KPI, build and validate the grid, resolve the
options: nothing runs) followed by :func:`run_sweep`; a caller that needs the grid's size before
running (to size a worker pool) calls the two itself, so the grid is built once.
"""

from __future__ import annotations

import copy
import itertools
import math
import os
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simgroup._version import __version__
from simgroup.errors import SimgroupError
from simgroup.experiment.inputs import file_sha256, scenario_sha256
from simgroup.experiment.precision import unknown_kpi
from simgroup.experiment.progress import Progress
from simgroup.experiment.replications import Cancelled, Job, RunOptions, resolve_options, run_plan
from simgroup.kpis import LOWER_IS_BETTER
from simgroup.results import json_format
from simgroup.results.report import RunResult
from simgroup.results.stats import Difference, paired_difference

if TYPE_CHECKING:
    from simgroup.scenario.models import Scenario

SCHEMA_VERSION = 1
#: A grid larger than this is almost certainly a typo (and would take hours).
MAX_GRID_POINTS = 1000
#: Keys an axis may not change: the language version, and the replication count (use ``--reps``:
#: every point must run the same replication indexes).
_FIXED_KEYS = frozenset({"simgroup", "replications"})

KeyPath = tuple[str | int, ...]


class SweepError(SimgroupError, ValueError):
    """A bad ``--set`` axis (path, values) or a grid point the scenario models reject."""


@dataclass(frozen=True)
class Axis:
    """One swept setting: the dotted path as written, the resolved key path and the values."""

    dotted: str
    values: tuple[Any, ...]
    path: KeyPath = ()


@dataclass(frozen=True)
class SweepPoint:
    """One grid point: the value of every axis (by dotted path) and the run it gave."""

    settings: dict[str, Any]
    run: RunResult


def default_maximize(kpi: str) -> bool:
    """Whether more of ``kpi`` is better (profit, conversion) or less (cac, costs, churn): the
    negation of :data:`~simgroup.records.LOWER_IS_BETTER`, the table ``simgroup check``
    judges directions by. Neutral counts (``groups_created``) are maximized."""
    return kpi not in LOWER_IS_BETTER


def check_kpi(kpi: str) -> None:
    """:class:`SweepError` unless ``kpi`` is a KPI name (with a suggestion)."""
    problem = unknown_kpi(kpi)
    if problem is not None:
        raise SweepError(problem)


def parse_axis(text: str) -> Axis:
    """``dotted.path=v1,v2,...`` → :class:`Axis` (path not yet resolved)."""
    from simgroup.scenario import ScenarioError
    from simgroup.scenario.located_yaml import load_yaml_text

    dotted, sep, raw = text.partition("=")
    dotted = dotted.strip()
    if not sep or not dotted or not raw.strip():
        raise SweepError(f"--set {text!r}: expected dotted.path=value1,value2,... (e.g. channels.0.add_rate=0.05,0.2)")
    try:
        # The values as a YAML flow sequence: the scenario loader's own scalar rules and quoting.
        values = load_yaml_text(f"values: [{raw}]", "--set").data["values"]
    except ScenarioError as exc:
        detail = exc.diagnostics[0].message if exc.diagnostics else str(exc)
        raise SweepError(f"--set {dotted}: cannot read the values {raw!r}: {detail}") from None
    if not values:
        raise SweepError(f"--set {dotted}: no values given")
    seen: list[Any] = []
    for v in values:
        if v in seen:
            raise SweepError(f"--set {dotted}: the value {v!r} is listed twice")
        seen.append(v)
    return Axis(dotted, tuple(values))


def resolve_path(dotted: str, data: Any, full: Any) -> KeyPath:
    """The key path of ``dotted`` in the document ``data`` (as written), checked against ``full``
    (the validated scenario dumped with defaults and presets); :class:`SweepError` if it does
    not lead anywhere settable."""
    from simgroup.scenario.diagnostics import allowed_keys, did_you_mean

    parts = dotted.split(".")
    if any(p == "" for p in parts):
        raise SweepError(f"--set {dotted}: empty key in the path")
    if parts[0] in _FIXED_KEYS:
        use = " (use --reps)" if parts[0] == "replications" else ""
        raise SweepError(f"--set {dotted}: {parts[0]!r} cannot be swept{use}")
    path: list[str | int] = []
    raw: Any = data
    for depth, part in enumerate(parts):
        where = ".".join(parts[:depth]) or "the top level"
        if raw is not None and not isinstance(raw, (dict, list)):
            raise SweepError(f"--set {dotted}: {where} is a value ({raw!r}), not a section with keys")
        if isinstance(raw, list) or (raw is None and isinstance(full, (list, tuple))):
            size = len(raw) if isinstance(raw, list) else len(full)
            if not part.isdigit():
                raise SweepError(
                    f"--set {dotted}: {where} is a list; use an item index "
                    f"({_index_range(size)}), not {part!r}"
                )
            index = int(part)
            if index >= size:
                raise SweepError(f"--set {dotted}: {where} has {size} items ({_index_range(size)}); no item {index}")
            path.append(index)
            raw = raw[index] if isinstance(raw, list) else None
            full = full[index] if isinstance(full, (list, tuple)) and index < len(full) else None
            continue
        keys = [str(k) for k in full] if isinstance(full, dict) else allowed_keys(tuple(path), data)
        keys += [k for k in (raw or {}) if k not in keys]
        if not keys:
            raise SweepError(f"--set {dotted}: {where} is a value ({full!r}), not a section with keys")
        if part not in keys:
            hint = did_you_mean(part, keys)
            extra = f" (did you mean {hint!r}?)" if hint else ""
            raise SweepError(f"--set {dotted}: {where} has no key {part!r}{extra}; valid keys there: {', '.join(keys)}")
        path.append(part)
        raw = raw.get(part) if isinstance(raw, dict) else None
        full = full.get(part) if isinstance(full, dict) else None
    return tuple(path)


def _index_range(size: int) -> str:
    return "it is empty" if size == 0 else f"0..{size - 1}"


def set_path(data: dict[str, Any], path: KeyPath, value: Any) -> None:
    """Set ``value`` at ``path`` in ``data``, creating the mappings the file did not write."""
    node: Any = data
    for key in path[:-1]:
        if isinstance(node, list):
            node = node[key]  # type: ignore[index]
            continue
        if not isinstance(node.get(key), (dict, list)):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value


@dataclass(frozen=True)
class SweepResult:
    """Every grid point's run and the best one for ``kpi``."""

    scenario_name: str
    scenario_path: str
    scenario_sha256: str
    axes: list[Axis]
    points: list[SweepPoint]
    kpi: str
    maximize: bool
    seed: int
    replications: int
    days: int

    @property
    def best_index(self) -> int | None:
        """The point with the best finite mean of ``kpi`` (the first one on a tie); None when
        no point has one."""
        best: int | None = None
        for i, p in enumerate(self.points):
            m = p.run.kpis[self.kpi].mean
            if not math.isfinite(m):
                continue
            if best is None or (m > self._mean(best) if self.maximize else m < self._mean(best)):
                best = i
        return best

    @property
    def runner_up_index(self) -> int | None:
        """The second-best point (None with fewer than two finite means)."""
        best = self.best_index
        if best is None:
            return None
        others = [i for i, p in enumerate(self.points) if i != best and math.isfinite(p.run.kpis[self.kpi].mean)]
        if not others:
            return None
        pick = max if self.maximize else min
        return pick(others, key=lambda i: (self._mean(i), -i) if self.maximize else (self._mean(i), i))

    def best_vs_runner_up(self) -> Difference | None:
        """Paired difference best − runner-up of ``kpi`` (95 %); None without a runner-up."""
        b, r = self.best_index, self.runner_up_index
        if b is None or r is None:
            return None
        return paired_difference(self.points[b].run.values(self.kpi), self.points[r].run.values(self.kpi))

    def _mean(self, i: int) -> float:
        return self.points[i].run.kpis[self.kpi].mean

    def to_json(self) -> dict[str, Any]:
        """The ``simgroup sweep --json`` document (shape in ``docs/experiments.md``)."""
        from simgroup.experiment.compare import difference_json

        def point_json(i: int | None) -> dict[str, Any] | None:
            if i is None:
                return None
            p = self.points[i]
            s = p.run.kpis[self.kpi]
            return {"index": i, "settings": p.settings, "mean": s.mean, "ci95": list(s.ci95), "n": s.n}

        best = point_json(self.best_index)
        if best is not None:
            diff = self.best_vs_runner_up()
            best["runner_up"] = point_json(self.runner_up_index)
            best["vs_runner_up"] = None if diff is None else difference_json(diff)
        doc = {
            "schema_version": SCHEMA_VERSION,
            "simgroup_version": __version__,
            "kind": "sweep",
            "scenario": {"name": self.scenario_name, "path": self.scenario_path, "sha256": self.scenario_sha256},
            "seed": self.seed,
            "replications": self.replications,
            "days": self.days,
            "kpi": self.kpi,
            "goal": "maximize" if self.maximize else "minimize",
            "axes": [{"path": a.dotted, "values": list(a.values)} for a in self.axes],
            "points": [_point_json(p) for p in self.points],
            "best": best,
        }
        return json_format.clean(doc)

    def to_json_text(self, *, indent: int | None = 2) -> str:
        return json_format.dumps(self.to_json(), indent=indent) + "\n"


def _point_json(p: SweepPoint) -> dict[str, Any]:
    run = p.run.to_json()
    return {
        "settings": p.settings,
        "scenario_sha256": p.run.scenario_sha256,
        "kpis": run["kpis"],
        "groups": run["groups"],
    }


def build_grid(
    path: str | os.PathLike[str], axes: Sequence[Axis | str]
) -> tuple[Any, list[Axis], list[tuple[dict[str, Any], Any]]]:
    """Load ``path``, resolve every axis and validate every grid point.

    Returns ``(base scenario, resolved axes, [(settings, scenario), ...])``; raises
    :class:`~simgroup.scenario.ScenarioError` for a bad file and :class:`SweepError` for a bad
    axis or point.
    """
    from simgroup.scenario import ScenarioError
    from simgroup.scenario.loader import scenario_from_yaml
    from simgroup.scenario.located_yaml import LoadedYaml, load_yaml_file

    loaded = load_yaml_file(path)
    base = scenario_from_yaml(loaded)
    parsed = [parse_axis(a) if isinstance(a, str) else a for a in axes]
    if not parsed:
        raise SweepError("a sweep needs at least one --set dotted.path=v1,v2,...")
    full = base.model_dump(by_alias=True)
    resolved = [Axis(a.dotted, a.values, resolve_path(a.dotted, loaded.data, full)) for a in parsed]
    seen: dict[KeyPath, str] = {}
    for a in resolved:
        if a.path in seen:
            raise SweepError(f"--set {a.dotted}: the same setting as --set {seen[a.path]}")
        seen[a.path] = a.dotted
    size = math.prod(len(a.values) for a in resolved)
    if size > MAX_GRID_POINTS:
        raise SweepError(f"the grid has {size} points; at most {MAX_GRID_POINTS} are allowed")

    points: list[tuple[dict[str, Any], Any]] = []
    for combo in itertools.product(*(a.values for a in resolved)):
        data = copy.deepcopy(loaded.data)
        for a, v in zip(resolved, combo):
            set_path(data, a.path, v)
        settings = {a.dotted: v for a, v in zip(resolved, combo)}
        try:
            scenario = scenario_from_yaml(LoadedYaml(data, loaded.positions, loaded.file))
        except ScenarioError as exc:
            shown = ", ".join(f"{k}={v!r}" for k, v in settings.items())
            lines = "\n  ".join(d.format() for d in exc.diagnostics)
            raise SweepError(f"the setting {shown} is not a valid scenario:\n  {lines}") from None
        points.append((settings, scenario))
    return base, resolved, points


@dataclass(frozen=True)
class SweepPlan:
    """A sweep checked and ready to run (:func:`plan_sweep`): the file and its base scenario,
    the resolved axes, every grid point's settings and the :class:`Job` it runs as (same
    order), the KPI and its direction, and the common replications, seed and days."""

    path: str | os.PathLike[str]
    base: Scenario
    axes: list[Axis]
    settings: list[dict[str, Any]]
    jobs: list[Job]
    kpi: str
    maximize: bool
    options: RunOptions

    @property
    def tasks(self) -> int:
        """Replications over the whole grid."""
        return self.options.replications * len(self.jobs)


def plan_sweep(
    path: str | os.PathLike[str],
    axes: Sequence[Axis | str],
    *,
    kpi: str = "profit",
    maximize: bool | None = None,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
) -> SweepPlan:
    """Check ``kpi``, build and validate the grid (:func:`build_grid`) and resolve every point's
    options, without running anything; the arguments are :func:`sweep`'s. Raises
    :class:`SweepError`, :class:`~simgroup.scenario.ScenarioError` or
    :class:`~simgroup.experiment.replications.RunOptionsError`."""
    check_kpi(kpi)
    base, resolved, grid = build_grid(path, axes)
    options = resolve_options(base, replications=replications, seed=seed, days=days)
    jobs = []
    for _, scenario in grid:
        o = resolve_options(scenario, replications=options.replications, seed=seed, days=days)
        jobs.append(Job(scenario, o.seed, o.days, path))
    return SweepPlan(
        path=path,
        base=base,
        axes=resolved,
        settings=[settings for settings, _ in grid],
        jobs=jobs,
        kpi=kpi,
        maximize=default_maximize(kpi) if maximize is None else maximize,
        options=options,
    )


def run_sweep(
    plan: SweepPlan,
    *,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
) -> SweepResult:
    """Run every point of ``plan`` (all through one executor, the same replication indexes) and
    pick the best; ``progress`` counts replications over the whole grid."""
    records = run_plan(
        plan.jobs, plan.options.replications, progress=progress, executor=executor, cancelled=cancelled
    )
    points = [
        SweepPoint(
            settings,
            RunResult.from_replications(job.scenario, plan.path, recs, job.seed, job.days, scenario_sha256(job.scenario)),
        )
        for settings, job, recs in zip(plan.settings, plan.jobs, records)
    ]
    return SweepResult(
        scenario_name=plan.base.name,
        scenario_path=os.fspath(plan.path),
        scenario_sha256=file_sha256(plan.path),
        axes=plan.axes,
        points=points,
        kpi=plan.kpi,
        maximize=plan.maximize,
        seed=plan.options.seed,
        replications=plan.options.replications,
        days=plan.options.days,
    )


def sweep(
    path: str | os.PathLike[str],
    axes: Sequence[Axis | str],
    *,
    kpi: str = "profit",
    maximize: bool | None = None,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
    cancelled: Cancelled | None = None,
) -> SweepResult:
    """Run the grid of ``axes`` over the scenario file ``path`` (see the module docstring):
    :func:`run_sweep` of :func:`plan_sweep`.

    ``replications``/``seed``/``days`` default to the file's (a point whose axis changes the seed
    or the horizon runs at its own unless they are given). ``maximize`` defaults to
    :func:`default_maximize` of ``kpi``. ``progress`` counts replications over the whole grid.
    """
    plan = plan_sweep(path, axes, kpi=kpi, maximize=maximize, replications=replications, seed=seed, days=days)
    return run_sweep(plan, progress=progress, executor=executor, cancelled=cancelled)
