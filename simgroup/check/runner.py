"""``check(paths, options)``: load every scenario, run it, evaluate its ``expect:`` block and
compare it with a baseline. No output here: the result is a :class:`CheckReport` that
:mod:`simgroup.check.reports` renders.

Contract:

* Paths: a file is checked as given; a directory means every ``*.yaml`` / ``*.yml`` below it,
  sorted, skipping hidden directories (like ``simgroup validate``). Paths in reports are as given
  (or as found under a given directory), never resolved.
* Bad input is found *before* anything runs. Bad input of the whole check (a missing path, a
  directory without scenarios, an unreadable baseline, ``--update-baseline`` without a file)
  stops it there: a report with ``diagnostics`` and no scenario outcomes, so a CI job fails in
  seconds. Bad input of one scenario (it does not validate; a ``better_than`` file that is
  missing or invalid or lacks the expectation's group; replication / seed / day overrides outside
  the limits) is that scenario's ``diagnostics`` and the other scenarios still run, so one broken
  file does not hide the others' results (a JUnit report shows it as one failing testcase beside
  theirs). Either way the exit code is 2 and no baseline is written.
* A scenario with an empty ``expect:`` is run only when a baseline is compared or updated;
  otherwise it is validated and reported with a note.
* ``better_than: FILE`` is resolved relative to the directory of the scenario that names it;
  both run at that scenario's seed, replication count and days (overrides applied). Runs are
  cached by (file, seed, replications, days), so a scenario that is both checked and compared
  against runs once.
* ``robust: r`` runs this scenario (B) and the ``better_than`` file (A) in the expectation's
  ``worlds`` parameter worlds (default 32; :mod:`simgroup.experiment.robust`), at the seed and
  days above and ``--reps`` replications per world (default 5, the robust default: the worlds
  carry the weight). Cached like the runs, by both files, the settings and the worlds.
* Same inputs, same verdicts: every run is seeded (docs/model.md) and no verdict depends on time or
  on the executor. ``executor`` (any ``concurrent.futures.Executor``) only changes the speed.
* ``options.update_baseline`` writes the baseline atomically after every scenario ran: entries of
  the scenarios run now are replaced, other entries kept while their file exists. Expectations are
  still evaluated; KPIs are not compared with the file being replaced. A file that exists but is
  not a readable baseline is never overwritten (diagnostic).
* KeyboardInterrupt propagates; nothing has been written then.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from simgroup.check.baseline import (
    DEFAULT_Z,
    BaselineEntry,
    BaselineError,
    FailOn,
    baseline_key,
    compare_entries,
    entry_from_run,
    key_exists,
    read_baseline,
    write_baseline,
)
from simgroup.check.expectations import evaluate
from simgroup.check.outcome import CheckReport, ScenarioOutcome, Verdict
from simgroup.experiment.replications import (
    RunOptions,
    RunOptionsError,
    WorkerLost,
    kpi_values,
    resolve_options,
    run_replications,
)
from simgroup.kpis import KPI
from simgroup.scenario.diagnostics import Diagnostic, ScenarioError
from simgroup.scenario.loader import (
    better_than_file,
    load_scenario_located,
    scenario_files,
)
from simgroup.scenario.vocabulary import DEFAULT_WORLDS

if TYPE_CHECKING:
    from simgroup.experiment.robust import RobustRuns
    from simgroup.records import ReplicationResult
    from simgroup.scenario.located_yaml import LoadedYaml
    from simgroup.scenario.models import Scenario

#: ``progress(scenario path, replications done, total)``, called before and after each replication.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CheckOptions:
    """Overrides and baseline settings for one ``check`` (``None`` = the scenario's own value)."""

    replications: int | None = None
    seed: int | None = None
    days: int | None = None
    baseline: str | None = None
    update_baseline: bool = False
    z: float = DEFAULT_Z
    fail_on: FailOn = "any"


def discover(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[str], list[Diagnostic]]:
    """The scenario files named by ``paths`` and a diagnostic per unusable argument."""
    files: list[str] = []
    problems: list[Diagnostic] = []
    for raw in paths:
        arg = os.fspath(raw)
        if os.path.isdir(arg):
            found = scenario_files(arg)
            if not found:
                problems.append(Diagnostic(arg, 0, 0, (), "no *.yaml or *.yml scenario files in this directory"))
            files.extend(str(p) for p in found)
        elif os.path.exists(arg):
            files.append(arg)
        else:
            problems.append(Diagnostic(arg, 0, 0, (), "no such file or directory"))
    # A file named twice (or found under two given directories) is checked once.
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.normcase(os.path.abspath(f))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


# --------------------------------------------------------------------------- loading


@dataclass
class _Source:
    path: str
    scenario: Scenario
    loaded: LoadedYaml
    sha256: str


@dataclass
class _Sources:
    """Scenario files loaded once each (keyed by absolute path), with their diagnostics."""

    loaded: dict[str, _Source] = field(default_factory=dict)
    failed: dict[str, list[Diagnostic]] = field(default_factory=dict)

    def load(self, path: str) -> _Source | list[Diagnostic]:
        from simgroup._api import file_sha256

        key = os.path.normcase(os.path.abspath(path))
        if key in self.loaded:
            return self.loaded[key]
        if key in self.failed:
            return self.failed[key]
        try:
            scenario, loaded = load_scenario_located(path)
            sha = file_sha256(path)
        except ScenarioError as exc:
            self.failed[key] = list(exc.diagnostics)
            return self.failed[key]
        except OSError as exc:  # vanished between loading and hashing
            self.failed[key] = [Diagnostic(path, 0, 0, (), f"cannot read the file: {exc.strerror or exc}")]
            return self.failed[key]
        except Exception as exc:  # a bug in simgroup, not in the file: still a diagnostic, not a traceback
            self.failed[key] = [
                Diagnostic(path, 0, 0, (), f"internal error while loading ({type(exc).__name__}: {exc}); please report it")
            ]
            return self.failed[key]
        source = self.loaded[key] = _Source(path, scenario, loaded, sha)
        return source


def _partner_problems(src: _Source, sources: _Sources) -> tuple[dict[int, _Source], list[Diagnostic]]:
    partners: dict[int, _Source] = {}
    problems: list[Diagnostic] = []
    for i, e in enumerate(src.scenario.expect):
        if e.better_than is None:
            continue
        where = ("expect", i, "better_than")
        line, col = src.loaded.locate(where)
        target, missing = better_than_file(src.loaded, i, e.better_than)
        if missing is not None:
            problems.append(missing)
            continue
        if os.path.normcase(os.path.abspath(target)) == os.path.normcase(os.path.abspath(src.path)):
            problems.append(Diagnostic(src.path, line, col, where, "better_than names this scenario itself"))
            continue
        other = sources.load(target)
        if isinstance(other, list):
            problems.append(Diagnostic(src.path, line, col, where, f"{target} is not a valid scenario (see below)"))
            problems.extend(other)
            continue
        if e.group is not None and e.group not in {g.id for g in other.scenario.groups}:
            gline, gcol = src.loaded.locate(("expect", i, "group"))
            known = ", ".join(g.id for g in other.scenario.groups)
            problems.append(
                Diagnostic(src.path, gline, gcol, ("expect", i, "group"),
                           f"group {e.group!r} is not in {target} (its groups: {known})")
            )
            continue
        partners[i] = other
    return partners, problems


# --------------------------------------------------------------------------- running


class _Runs:
    """Replication records per (file, seed, replications, days), each run at most once."""

    def __init__(self, executor: Executor | None, progress: Progress | None) -> None:
        self.executor = executor
        self.progress = progress
        self.cache: dict[tuple[str, str, int, int, int], list[ReplicationResult]] = {}
        self.robust_cache: dict[tuple[object, ...], RobustRuns] = {}

    def _progress_of(self, src: _Source) -> Callable[[int, int], None] | None:
        """The progress callback of one scenario's runs (``None`` without a reporter)."""
        report = self.progress
        if report is None:
            return None
        path = src.path

        def progress(done: int, total: int) -> None:
            report(path, done, total)

        return progress

    def get(self, src: _Source, options: RunOptions) -> tuple[list[ReplicationResult], float]:
        """The records and the seconds spent now (0 when cached)."""
        key = (*_identity(src), options.seed, options.replications, options.days)
        if key in self.cache:
            return self.cache[key], 0.0
        progress = self._progress_of(src)
        t0 = time.perf_counter()
        records = run_replications(
            src.scenario,
            replications=options.replications,
            seed=options.seed,
            days=options.days,
            record_events_for=None,  # the event log is not needed to check KPIs
            progress=progress,
            executor=self.executor,
            source=src.path,
        )
        self.cache[key] = records
        return records, time.perf_counter() - t0

    def robust(
        self, src: _Source, other: _Source, options: RunOptions, replications: int | None, worlds: int
    ) -> tuple[RobustRuns, float]:
        """``src`` (B) against ``other`` (A) in ``worlds`` parameter worlds, and the seconds
        spent now (0 when cached)."""
        from simgroup.experiment.inputs import LoadedInput
        from simgroup.experiment.robust import plan_robust, run_robust

        key = (_identity(src), _identity(other), options.seed, replications, options.days, worlds)
        if key in self.robust_cache:
            return self.robust_cache[key], 0.0
        progress = self._progress_of(src)
        t0 = time.perf_counter()
        plan = plan_robust(
            LoadedInput(other.scenario, Path(other.path), other.sha256),
            LoadedInput(src.scenario, Path(src.path), src.sha256),
            worlds=worlds, replications=replications, seed=options.seed, days=options.days,
        )
        runs = run_robust(plan, progress=progress, executor=self.executor)
        self.robust_cache[key] = runs
        return runs, time.perf_counter() - t0


def check(
    paths: Sequence[str | os.PathLike[str]],
    options: CheckOptions = CheckOptions(),
    *,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> CheckReport:
    """Check the scenarios under ``paths`` (see the module docstring)."""
    t_start = time.perf_counter()
    files, diagnostics = discover(paths)  # `diagnostics`: bad input of the whole check
    sources = _Sources()
    checked: list[tuple[_Source, dict[int, _Source], RunOptions]] = []
    file_problems: list[Diagnostic] = []  # bad input of single scenarios: the others still run
    for path in files:
        src = sources.load(path)
        if isinstance(src, list):
            file_problems.extend(src)
            continue
        partners, problems = _partner_problems(src, sources)
        try:
            run_options = resolve_options(
                src.scenario, replications=options.replications, seed=options.seed, days=options.days
            )
        except RunOptionsError as exc:
            problems.append(Diagnostic(path, 0, 0, (), str(exc)))
        if problems:
            file_problems.extend(problems)
            continue
        checked.append((src, partners, run_options))

    baseline: dict[str, BaselineEntry] = {}  # stays empty without a readable --baseline file
    if options.baseline is not None:
        try:
            baseline = read_baseline(options.baseline)
        except BaselineError as exc:
            # --update-baseline may create a missing file, but never overwrites an unreadable one.
            if not (options.update_baseline and not os.path.lexists(options.baseline)):
                refusing = "; refusing to overwrite it with --update-baseline" if options.update_baseline else ""
                diagnostics.append(Diagnostic(exc.file, exc.line, exc.col, (), exc.message + refusing))
        if options.update_baseline and not os.path.isdir(os.path.dirname(os.path.abspath(options.baseline))):
            diagnostics.append(Diagnostic(options.baseline, 0, 0, (), "the baseline's directory does not exist"))
    elif options.update_baseline:
        diagnostics.append(Diagnostic("--update-baseline", 0, 0, (), "needs --baseline FILE (where to write it)"))

    if diagnostics:
        # Deduplicate (a partner file named by two scenarios reports its problems once).
        unique = list(dict.fromkeys([*diagnostics, *file_problems]))
        return CheckReport(diagnostics=tuple(unique), seconds=time.perf_counter() - t_start)
    diagnostics = list(dict.fromkeys(file_problems))

    runs = _Runs(executor, progress)
    outcomes: list[ScenarioOutcome] = []
    new_entries: dict[str, BaselineEntry] = {}
    for src, partners, run_options in checked:
        try:
            outcome, entry = _check_one(src, partners, run_options, runs, options, baseline)
        except ScenarioError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        outcomes.append(outcome)
        if entry is not None and options.baseline is not None:
            new_entries[baseline_key(src.path, options.baseline)] = entry

    if diagnostics:  # a file was bad or a run passed its work budget: bad input, and no baseline is written
        return CheckReport(scenarios=tuple(outcomes), diagnostics=tuple(diagnostics),
                           seconds=time.perf_counter() - t_start)
    notes: list[str] = []
    errors: list[str] = []
    if options.update_baseline and options.baseline is not None:
        kept = {k: v for k, v in baseline.items() if k not in new_entries and key_exists(k, options.baseline)}
        dropped = sorted(k for k in baseline if k not in new_entries and k not in kept)
        try:
            write_baseline(options.baseline, {**kept, **new_entries})
        except OSError as exc:  # read-only, full disk, gone: the old baseline is untouched
            errors.append(f"cannot write {options.baseline}: {exc.strerror or exc}")
        else:
            notes.append(
                f"baseline {options.baseline} written: {len(new_entries)} scenario(s) recorded"
                + (f", {len(kept)} kept" if kept else "")
                + (f", {len(dropped)} dropped (file gone: {', '.join(dropped)})" if dropped else "")
            )
    return CheckReport(
        scenarios=tuple(outcomes), notes=tuple(notes), errors=tuple(errors), seconds=time.perf_counter() - t_start
    )


def _check_one(
    src: _Source,
    partners: dict[int, _Source],
    run_options: RunOptions,
    runs: _Runs,
    options: CheckOptions,
    baseline: dict[str, BaselineEntry],
) -> tuple[ScenarioOutcome, BaselineEntry | None]:
    scenario = src.scenario
    if not scenario.expect and options.baseline is None:
        return (
            ScenarioOutcome(
                path=src.path, name=scenario.name, sha256=src.sha256, verdicts=(),
                notes=("no expect: block and no --baseline: validated, not run",),
            ),
            None,
        )
    verdicts: list[Verdict] = []
    notes: list[str] = []
    try:
        records, seconds = runs.get(src, run_options)
        other_records: dict[int, list[ReplicationResult]] = {}
        robust_runs: dict[int, RobustRuns] = {}
        for i, partner in partners.items():
            other_records[i], spent = runs.get(partner, run_options)
            seconds += spent
            e = scenario.expect[i]
            if e.robust is not None and (e.better or KPI[e.kpi].better) is not None:  # else better_than fails
                robust_runs[i], spent = runs.robust(src, partner, run_options, options.replications,
                                                    e.worlds or DEFAULT_WORLDS)
                seconds += spent
    except (WorkerLost, ScenarioError):
        # WorkerLost: the pool is gone, no later scenario can run either; the caller reports it
        # once. ScenarioError: the run passed its work budget, a located problem of the file.
        raise
    except Exception as exc:
        # A bug in simgroup (the file validated): report it on this scenario and go on, so that
        # the other scenarios are checked and the JUnit file still tells the whole story.
        line, col = src.loaded.locate((), at_key=True)
        error = Verdict(
            kind="run", kpi="run", group=None, status="error", line=line, col=col, name="run",
            message=f"internal error while simulating ({type(exc).__name__}: {exc}); please report it",
        )
        return (
            ScenarioOutcome(path=src.path, name=scenario.name, sha256=src.sha256, verdicts=(error,),
                            seed=run_options.seed, replications=run_options.replications, days=run_options.days),
            None,
        )
    for i, e in enumerate(scenario.expect):
        line, col = src.loaded.locate(("expect", i), at_key=True)
        other_values = None
        other_label = None
        robust = None
        if i in partners:
            other_values = kpi_values(other_records[i], e.kpi, e.group)
            other_label = partners[i].path
        if i in robust_runs:
            from simgroup.experiment.robust import analyse

            comparison = analyse(robust_runs[i], group=e.group, kpis=[e.kpi], confidence=e.confidence,
                                 better=e.better)
            robust = comparison.kpis[e.kpi]
        verdicts.append(
            evaluate(e, i, kpi_values(records, e.kpi, e.group), line=line, col=col,
                     other_values=other_values, other_label=other_label, robust=robust)
        )

    entry = None
    if options.baseline is not None:
        from simgroup.results.report import RunResult

        entry = entry_from_run(
            RunResult.from_replications(scenario, src.path, records, run_options.seed, run_options.days, src.sha256)
        )
        if not options.update_baseline:
            stored = baseline.get(baseline_key(src.path, options.baseline))
            if stored is None:
                notes.append(f"not in the baseline {options.baseline} (add it with --update-baseline)")
            else:
                group_index = {g.id: gi for gi, g in enumerate(scenario.groups)}

                def locate(gid: str | None) -> tuple[int, int]:
                    path = () if gid is None else ("groups", group_index[gid])
                    return src.loaded.locate(path, at_key=True)

                more, more_notes = compare_entries(stored, entry, locate=locate, z=options.z, fail_on=options.fail_on)
                verdicts.extend(more)
                notes.extend(more_notes)
    return (
        ScenarioOutcome(
            path=src.path, name=scenario.name, sha256=src.sha256, verdicts=tuple(verdicts), notes=tuple(notes),
            seed=run_options.seed, replications=run_options.replications, days=run_options.days, seconds=seconds,
        ),
        entry,
    )


def _identity(src: _Source) -> tuple[str, str]:
    """A scenario's cache identity: its absolute path and the hash of its text."""
    return os.path.normcase(os.path.abspath(src.path)), src.sha256
