"""Compare SOP variants under common random numbers (docs/experiments.md).

Contract
--------
:func:`compare` runs every variant at the *same* seed, horizon and replication indexes, so
replication ``r`` of every variant draws the same random numbers where the variants behave alike
(common random numbers). For each variant ``i > 0`` and each KPI it reports the paired difference
``variant i − variant 0`` (:func:`~simgroup.results.stats.paired_difference`: the mean of the
per-replication differences with a Student-t interval), scenario-level in
``Comparison.differences[i]`` and per group spec present in both in
``Comparison.group_differences[i][spec_id]``; index 0 (the baseline) holds empty dicts so that
indexes line up with ``Comparison.variants``.

With ``k`` variants there are ``m = k − 1`` comparisons against the baseline; when ``m > 1`` each
interval is Bonferroni-adjusted to confidence ``1 − (1 − confidence)/m``, so that all of them hold
together with probability ``confidence``. A difference is *significant* when its interval excludes
0 (``Difference.significant``). Comparing a scenario with itself gives differences of exactly 0.

Seed, replications and days come from the arguments, else from the baseline's file; a variant
whose own file says otherwise is run at the common values and a note says so
(``Comparison.notes``). :meth:`Comparison.to_json` is the ``simgroup compare --json`` document
(its shape is in ``docs/experiments.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

from simgroup._version import __version__
from simgroup.experiment.inputs import ScenarioInput, load_input
from simgroup.experiment.precision import (
    PrecisionError,
    PrecisionStatus,
    PrecisionTarget,
    more_replications,
    status_of_difference,
)
from simgroup.experiment.progress import Progress
from simgroup.experiment.replications import Cancelled, Job, kpi_values, resolve_options, run_plan
from simgroup.kpis import KPI_NAMES
from simgroup.records import ReplicationResult
from simgroup.results import json_format
from simgroup.results.report import RunResult
from simgroup.results.stats import Difference, paired_difference, summarize, welch_difference

SCHEMA_VERSION = 1


def bonferroni(confidence: float, comparisons: int) -> float:
    """Per-interval confidence so that ``comparisons`` intervals hold together at ``confidence``."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    return confidence if comparisons <= 1 else 1.0 - (1.0 - confidence) / comparisons


@dataclass(frozen=True)
class Comparison:
    """Variants run under common random numbers and their paired differences to variant 0."""

    variants: list[RunResult]
    differences: list[dict[str, Difference]]
    group_differences: list[dict[str, dict[str, Difference]]]
    confidence: float = 0.95
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def from_runs(
        cls, variants: Sequence[RunResult], *, confidence: float = 0.95, notes: Sequence[str] = ()
    ) -> Comparison:
        """Paired differences of every variant against ``variants[0]`` (same replication indexes)."""
        if len(variants) < 2:
            raise ValueError(f"a comparison needs at least 2 variants, got {len(variants)}")
        base = variants[0]
        level = bonferroni(confidence, len(variants) - 1)
        diffs: list[dict[str, Difference]] = [{}]
        groups: list[dict[str, dict[str, Difference]]] = [{}]
        for run in variants[1:]:
            if [r.replication for r in run.records] != [r.replication for r in base.records]:
                raise ValueError("paired differences need the same replication indexes in every variant")
            diffs.append({k: paired_difference(run.values(k), base.values(k), confidence=level) for k in KPI_NAMES})
            groups.append({
                g: {k: paired_difference(run.values(k, g), base.values(k, g), confidence=level) for k in KPI_NAMES}
                for g in base.group_ids
                if g in run.groups
            })
        return cls(list(variants), diffs, groups, confidence, tuple(notes))

    # ------------------------------------------------------------------ access

    @property
    def comparisons(self) -> int:
        return len(self.variants) - 1

    @property
    def difference_confidence(self) -> float:
        """Confidence of each difference interval (Bonferroni-adjusted when comparisons > 1)."""
        return bonferroni(self.confidence, self.comparisons)

    @property
    def seed(self) -> int:
        return self.variants[0].seed

    @property
    def replications(self) -> int:
        return self.variants[0].replications

    @property
    def days(self) -> int:
        return self.variants[0].days

    def difference(self, i: int, kpi: str, group: str | None = None) -> Difference:
        """The paired difference ``variant i − variant 0`` of ``kpi`` (KeyError if absent)."""
        return self.differences[i][kpi] if group is None else self.group_differences[i][group][kpi]

    def welch(self, i: int, kpi: str, group: str | None = None) -> Difference:
        """What an unpaired (Welch) interval for the same difference would be, at the same
        confidence: the yardstick that shows what common random numbers bought."""
        a, b = self.variants[i], self.variants[0]
        return welch_difference(a.values(kpi, group), b.values(kpi, group), confidence=self.difference_confidence)

    def precision(self, targets: Sequence[PrecisionTarget]) -> list[PrecisionStatus]:
        """Where each target stands, for each variant against the baseline (variant order)."""
        return _statuses(targets, [v.records for v in self.variants], self.difference_confidence)

    # ------------------------------------------------------------------ JSON

    def to_json(self) -> dict[str, Any]:
        """The ``compare --json`` document (see ``docs/experiments.md``); NaN becomes ``null``."""
        doc = {
            "schema_version": SCHEMA_VERSION,
            "simgroup_version": __version__,
            "kind": "comparison",
            "method": "paired",
            "seed": self.seed,
            "replications": self.replications,
            "days": self.days,
            "confidence": self.confidence,
            "comparisons": self.comparisons,
            "difference_confidence": self.difference_confidence,
            "baseline": 0,
            "notes": list(self.notes),
            "variants": [v.to_json() for v in self.variants],
            "differences": [
                None if i == 0 else {
                    "variant": i,
                    "kpis": {k: difference_json(d) for k, d in self.differences[i].items()},
                    "groups": {
                        g: {k: difference_json(d) for k, d in kpis.items()}
                        for g, kpis in self.group_differences[i].items()
                    },
                }
                for i in range(len(self.variants))
            ],
        }
        return json_format.clean(doc)

    def to_json_text(self, *, indent: int | None = 2) -> str:
        return json_format.dumps(self.to_json(), indent=indent) + "\n"


def difference_json(d: Difference) -> dict[str, Any]:
    """One difference as plain data (``n`` = complete pairs used)."""
    return {
        "mean": d.mean,
        "se": d.se,
        "ci": [d.ci[0], d.ci[1]],
        "confidence": d.confidence,
        "df": d.df,
        "n": d.n_a,
        "p_value": d.p_value,
        "significant": d.significant,
    }


def _statuses(
    targets: Sequence[PrecisionTarget], records: Sequence[Sequence[ReplicationResult]], level: float
) -> list[PrecisionStatus]:
    """Where each target stands for each variant's ``records[i]`` (``i > 0``) against the
    baseline's ``records[0]``: the paired difference at confidence ``level``, a relative target
    being a share of the baseline's mean. Target-major, then variant order."""
    out: list[PrecisionStatus] = []
    for t in targets:
        base = kpi_values(records[0], t.kpi, t.group)
        base_mean = summarize(base).mean
        for recs in records[1:]:
            d = paired_difference(kpi_values(recs, t.kpi, t.group), base, confidence=level)
            out.append(status_of_difference(t, d, base_mean))
    return out


def compare(
    scenarios: Sequence[ScenarioInput],
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
    confidence: float = 0.95,
    cancelled: Cancelled | None = None,
    precision: Sequence[PrecisionTarget] | None = None,
    max_replications: int | None = None,
) -> Comparison:
    """Run every scenario (objects, YAML paths or :func:`~simgroup.experiment.inputs.load_input`
    results; at least 2, the first is the baseline) at the same seed and replication indexes and
    compare them (see the module docstring).

    ``progress(done, total)`` counts replications across all variants; ``cancelled()`` is polled
    between replications and raises :class:`~simgroup.experiment.replications.RunCancelled`.
    ``precision`` adds replications to every variant until each target's paired-difference
    half-width is met (:mod:`simgroup.experiment.precision`), up to ``max_replications``.
    Raises :class:`~simgroup.scenario.ScenarioError` for a bad file,
    :class:`~simgroup.experiment.replications.RunOptionsError` /
    :class:`~simgroup.experiment.precision.PrecisionError` (``ValueError``) for bad options.
    """
    if len(scenarios) < 2:
        raise ValueError(f"compare needs at least 2 scenarios, got {len(scenarios)}")
    level = bonferroni(confidence, len(scenarios) - 1)  # also validates confidence before any work
    inputs = [load_input(s) for s in scenarios]
    options = resolve_options(inputs[0].scenario, replications=replications, seed=seed, days=days)
    notes = common_run_notes(inputs, options.seed, options.days, seed is None, days is None)
    targets = list(precision or ())
    for t in targets:
        for inp in inputs:
            try:
                t.check_group(g.id for g in inp.scenario.groups)
            except PrecisionError as exc:
                raise PrecisionError(f"{exc} in {_label(inp)}") from None

    def more(records: list[list[ReplicationResult]]) -> int:
        return more_replications(_statuses(targets, records, level), len(records[0]))

    records = run_plan(
        [Job(inp.scenario, options.seed, options.days, inp.path) for inp in inputs],
        options.replications,
        more=more if targets else None,
        max_replications=max_replications,
        progress=progress,
        executor=executor,
        cancelled=cancelled,
    )
    runs = [
        RunResult.from_replications(inp.scenario, inp.path, recs, options.seed, options.days, inp.sha256)
        for inp, recs in zip(inputs, records)
    ]
    return Comparison.from_runs(runs, confidence=confidence, notes=notes)


def _label(inp: Any) -> str:
    return str(inp.path) if inp.path is not None else repr(inp.scenario.name)


def common_run_notes(
    inputs: Sequence[Any], seed: int, days: int, seed_from_file: bool, days_from_file: bool
) -> list[str]:
    """Say where a variant's own seed or horizon was replaced by the common one."""
    notes: list[str] = []
    for inp in inputs[1:]:
        s = inp.scenario
        if seed_from_file and s.seed != seed:
            notes.append(f"{_label(inp)}: run at the common seed {seed}, not its own {s.seed} (common random numbers)")
        if days_from_file and s.days != days:
            notes.append(f"{_label(inp)}: run for the common {days} days, not its own {s.days}")
    return notes
