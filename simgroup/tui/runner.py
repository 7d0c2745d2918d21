"""What the TUI's workers call: run one scenario, compare several. No Textual here.

Contract:

* :func:`run_scenario` and :func:`compare_scenarios` are blocking; they call ``progress(done,
  total)`` from the calling thread and ask ``cancelled()`` between replications; when it returns
  True they raise :class:`Cancelled`. Bad scenarios raise
  :class:`~simgroup.scenario.ScenarioError`, bad options
  :class:`~simgroup.experiment.replications.RunOptionsError`; anything else is an engine error.
* :func:`compare_scenarios` uses :func:`simgroup.experiment.compare.compare` when it exists and
  otherwise a local equivalent (:func:`_compare_here`): every variant run at the same seed,
  replications and horizon (the baseline's unless given), KPI differences paired by replication
  (common random numbers), Bonferroni-adjusted when more than two variants. Both return an object
  with ``variants`` (one ``RunResult`` each, input order) and ``differences`` (index ``i > 0``:
  KPI -> :class:`~simgroup.results.stats.Difference` of variant ``i`` minus variant 0).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from simgroup.results.report import RunResult
from simgroup.results.stats import Difference

Progress = Callable[[int, int], None]
Check = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled the job."""


def _cancel_error_types() -> tuple[type[BaseException], ...]:
    from simgroup.experiment import replications

    found = getattr(replications, "RunCancelled", None)
    return (Cancelled, found) if isinstance(found, type) else (Cancelled,)


def _guard(progress: Progress | None, cancelled: Check) -> Progress:
    """A progress callback that raises :class:`Cancelled` once ``cancelled()`` is true; the
    experiment calls it before the first replication and after each one."""

    def report(done: int, total: int) -> None:
        if cancelled():
            raise Cancelled
        if progress is not None:
            progress(done, total)

    return report


def run_scenario(
    path: str | os.PathLike[str],
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
    progress: Progress | None = None,
    cancelled: Check = lambda: False,
) -> RunResult:
    """Simulate the scenario file ``path`` (see the module contract)."""
    from simgroup._api import simulate

    kwargs: dict[str, Any] = {"replications": replications, "seed": seed, "days": days}
    kwargs["progress"] = _guard(progress, cancelled)
    if "cancelled" in inspect.signature(simulate).parameters:
        kwargs["cancelled"] = cancelled  # also polled while waiting on an executor
    try:
        return simulate(path, **kwargs)
    except _cancel_error_types() as exc:
        if isinstance(exc, Cancelled):
            raise
        raise Cancelled from exc


@dataclass
class LocalComparison:
    """The shape of :class:`simgroup.experiment.compare.Comparison` that the TUI reads."""

    variants: list[RunResult]
    differences: list[dict[str, Difference]] = field(default_factory=list)
    confidence: float = 0.95


def compare_scenarios(
    paths: Sequence[str | os.PathLike[str]],
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
    progress: Progress | None = None,
    cancelled: Check = lambda: False,
) -> Any:
    """Run every scenario in ``paths`` at common random numbers; differences against the first."""
    if len(paths) < 2:
        raise ValueError("a comparison needs at least 2 scenarios")
    compare = _library_compare()
    guarded = _guard(progress, cancelled)
    try:
        if compare is None:
            return _compare_here(paths, replications, seed, days, guarded)
        kwargs: dict[str, Any] = {"replications": replications, "seed": seed, "days": days, "progress": guarded}
        if "cancelled" in inspect.signature(compare).parameters:
            kwargs["cancelled"] = cancelled
        return compare(list(paths), **kwargs)
    except _cancel_error_types() as exc:
        if isinstance(exc, Cancelled):
            raise
        raise Cancelled from exc


def _library_compare() -> Callable[..., Any] | None:
    try:
        from simgroup.experiment.compare import compare
    except ImportError:
        return None
    return compare


def bonferroni_confidence(variants: int, confidence: float = 0.95) -> float:
    """The per-difference confidence that keeps the family-wise level with ``variants - 1``
    differences against the baseline."""
    comparisons = max(1, variants - 1)
    return 1.0 - (1.0 - confidence) / comparisons


def _compare_here(
    paths: Sequence[str | os.PathLike[str]],
    replications: int | None,
    seed: int | None,
    days: int | None,
    progress: Progress,
) -> LocalComparison:
    from simgroup._api import simulate
    from simgroup.experiment.replications import resolve_options
    from simgroup.results.records import KPI_NAMES
    from simgroup.results.stats import paired_difference
    from simgroup.scenario import load_scenario

    first = load_scenario(paths[0])
    options = resolve_options(first, replications=replications, seed=seed, days=days)
    n = len(paths)
    reps = options.replications
    variants: list[RunResult] = []
    for i, path in enumerate(paths):
        offset = i * reps

        def report(done: int, total: int, offset: int = offset) -> None:
            progress(offset + done, n * reps)

        variants.append(
            simulate(path, replications=reps, seed=options.seed, days=options.days, progress=report)
        )
    level = bonferroni_confidence(n)
    base = variants[0]
    differences: list[dict[str, Difference]] = [{}]
    for other in variants[1:]:
        differences.append(
            {k: paired_difference(other.values(k), base.values(k), confidence=level) for k in KPI_NAMES}
        )
    return LocalComparison(variants, differences, level)
