"""Baselines: a stored run of each scenario, and the statistical comparison of a new run with it.

File format (JSON, UTF-8, 2-space indent, keys in a fixed order so that diffs review well)::

    {"simgroup_baseline": 1,
     "about": "...",
     "scenarios": {
       "scenarios/traffic.yaml": {
         "name": "...", "sha256": "<file hash>", "simgroup_version": "0.1.0",
         "seed": 7, "replications": 20, "days": 14,
         "kpis": {"joined": {"mean": 1234.5, "std": 40.1, "n": 20}, ...},
         "groups": {"traffic": {"joined": {...}, ...}}}}}

Contract:

* A scenario's key is its path relative to the baseline file's directory, with ``/`` separators
  (:func:`baseline_key`), so the file means the same from any working directory and holds no
  absolute path. ``mean``/``std`` are ``null`` where undefined (NaN); ``n`` counts the replications
  where the KPI was defined.
* :func:`read_baseline` returns the entries or raises :class:`BaselineError` naming the problem
  (not JSON, not a baseline, a newer format, a malformed entry); :func:`write_baseline` replaces
  the file atomically (:mod:`simgroup._atomic`).
* :func:`compare_entries` flags a KPI whose mean moved by more than
  ``z * sqrt(s_base^2 / n_base + s_now^2 / n_now) + floor`` (``floor`` from
  ``floor`` of :data:`simgroup.kpis.KPI`, ``z`` 4 by default). The standard error is
  Welch's for independent runs; a new run at the baseline's seed shares its random numbers, which
  makes the true standard error of the difference smaller, so the test errs on the side of not
  flagging. Unchanged code at the same seed reproduces the baseline exactly (difference 0).
  A KPI defined on one side only fails; undefined on both passes; fewer than 2 replications on
  either side is skipped (no spread to build a tolerance from). With ``fail_on="worse"`` a move in
  the better direction (or of a neutral KPI) passes with a warning instead of failing.
* A changed scenario file (sha256), another simgroup version, seed or replication count is a
  note and the comparison still runs: a changed SOP is exactly what a baseline guards. Another
  number of days is a note and nothing is compared (the KPIs then measure different horizons).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from simgroup._atomic import atomic_write_text
from simgroup.check.expectations import num
from simgroup.check.outcome import Status, Verdict, kpi_label
from simgroup.errors import SimgroupError
from simgroup.kpis import KPI, KPI_NAMES
from simgroup.results import json_format
from simgroup.results.stats import Summary

if TYPE_CHECKING:
    from simgroup.results.report import RunResult

FORMAT_VERSION = 1
DEFAULT_Z = 4.0
#: A baseline holds a few hundred numbers per scenario; anything this big is not one.
MAX_BASELINE_BYTES = 64 * 1024 * 1024

FailOn = Literal["any", "worse"]
#: ``(group spec id or None) -> (line, col)`` where a baseline verdict should point.
Locator = Callable[[str | None], tuple[int, int]]


class BaselineError(SimgroupError, ValueError):
    """A baseline file that cannot be used: ``file``, where in it (``line``/``col``, 0 for the file
    as a whole) and ``message``; ``str()`` gives ``file[:line:col]: message``."""

    def __init__(self, file: str, message: str, line: int = 0, col: int = 0) -> None:
        self.file, self.message, self.line, self.col = file, message, line, col
        where = f"{file}:{line}:{col}" if line > 0 else file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class KpiStats:
    """Mean, sample standard deviation and number of defined replications of one KPI."""

    mean: float
    std: float
    n: int

    @classmethod
    def of(cls, s: Summary) -> KpiStats:
        return cls(s.mean, s.std, s.n)


@dataclass(frozen=True)
class BaselineEntry:
    """One scenario's stored run."""

    name: str
    sha256: str
    simgroup_version: str
    seed: int
    replications: int
    days: int
    kpis: dict[str, KpiStats]
    groups: dict[str, dict[str, KpiStats]] = field(default_factory=dict)


def baseline_key(scenario_path: str | os.PathLike[str], baseline_path: str | os.PathLike[str]) -> str:
    """``scenario_path`` relative to the baseline file's directory, ``/``-separated."""
    base_dir = os.path.dirname(os.path.abspath(baseline_path))
    try:
        rel = os.path.relpath(os.path.abspath(scenario_path), base_dir)
    except ValueError:  # pragma: no cover - Windows: another drive; keep the path as given
        rel = os.fspath(scenario_path)
    return Path(rel).as_posix()


def key_exists(key: str, baseline_path: str | os.PathLike[str]) -> bool:
    """Whether the scenario file a key names still exists (relative to the baseline's directory)."""
    return os.path.isfile(os.path.join(os.path.dirname(os.path.abspath(baseline_path)), key))


# --------------------------------------------------------------------------- reading


def read_baseline(path: str | os.PathLike[str]) -> dict[str, BaselineEntry]:
    """The entries of the baseline file ``path`` (see the module docstring); raises
    :class:`BaselineError` (``FileNotFoundError`` is a ``BaselineError`` saying so)."""
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
        if size > MAX_BASELINE_BYTES:
            raise BaselineError(name, f"{size} bytes is too big for a baseline file")
        with open(name, "rb") as fh:
            raw = fh.read(MAX_BASELINE_BYTES + 1)
    except FileNotFoundError:
        raise BaselineError(name, "no such baseline file (create it with --update-baseline)") from None
    except IsADirectoryError:
        raise BaselineError(name, "is a directory, not a baseline file") from None
    except OSError as exc:
        raise BaselineError(name, f"cannot read the baseline: {exc.strerror or exc}") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BaselineError(name, "not UTF-8 text, so not a baseline file") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(name, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    return parse_baseline(doc, name)


def parse_baseline(doc: Any, name: str = "<baseline>") -> dict[str, BaselineEntry]:
    """Validate a decoded baseline document (see :func:`read_baseline`)."""
    if not isinstance(doc, dict) or "simgroup_baseline" not in doc:
        raise BaselineError(name, f"not a simgroup baseline file (no \"simgroup_baseline\": {FORMAT_VERSION})")
    version = doc["simgroup_baseline"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BaselineError(name, f"simgroup_baseline: expected {FORMAT_VERSION}, got {version!r}")
    if version > FORMAT_VERSION:
        raise BaselineError(
            name, f"baseline format {version} was written by a newer simgroup (this one reads {FORMAT_VERSION})"
        )
    scenarios = doc.get("scenarios")
    if not isinstance(scenarios, dict):
        raise BaselineError(name, "scenarios: expected a mapping from scenario path to its stored run")
    return {str(k): _entry(v, name, f"scenarios[{k!r}]") for k, v in scenarios.items()}


def _entry(doc: Any, name: str, where: str) -> BaselineEntry:
    if not isinstance(doc, dict):
        raise BaselineError(name, f"{where}: expected a mapping")

    def text(key: str) -> str:
        v = doc.get(key)
        if not isinstance(v, str):
            raise BaselineError(name, f"{where}.{key}: expected text, got {v!r}")
        return v

    def integer(key: str) -> int:
        v = doc.get(key)
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise BaselineError(name, f"{where}.{key}: expected a non-negative integer, got {v!r}")
        return v

    groups = doc.get("groups", {})
    if not isinstance(groups, dict):
        raise BaselineError(name, f"{where}.groups: expected a mapping from group spec id to KPIs")
    return BaselineEntry(
        name=text("name"),
        sha256=text("sha256"),
        simgroup_version=text("simgroup_version"),
        seed=integer("seed"),
        replications=integer("replications"),
        days=integer("days"),
        kpis=_kpis(doc.get("kpis"), name, f"{where}.kpis"),
        groups={str(g): _kpis(k, name, f"{where}.groups.{g}") for g, k in groups.items()},
    )


def _kpis(doc: Any, name: str, where: str) -> dict[str, KpiStats]:
    if not isinstance(doc, dict):
        raise BaselineError(name, f"{where}: expected a mapping from KPI name to {{mean, std, n}}")
    out: dict[str, KpiStats] = {}
    for kpi, s in doc.items():
        if not isinstance(s, dict):
            raise BaselineError(name, f"{where}.{kpi}: expected {{mean, std, n}}")
        n = s.get("n")
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise BaselineError(name, f"{where}.{kpi}.n: expected a non-negative integer, got {n!r}")
        out[str(kpi)] = KpiStats(
            _number(s.get("mean"), name, f"{where}.{kpi}.mean"), _number(s.get("std"), name, f"{where}.{kpi}.std"), n
        )
    return out


def _number(v: Any, name: str, where: str) -> float:
    if v is None:
        return math.nan
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise BaselineError(name, f"{where}: expected a number or null, got {v!r}")
    return float(v)


# --------------------------------------------------------------------------- writing


def baseline_text(entries: dict[str, BaselineEntry]) -> str:
    """The file text for ``entries`` (scenarios sorted by key, KPIs in the contract's order)."""

    def kpis(m: dict[str, KpiStats]) -> dict[str, Any]:
        ordered = [k for k in KPI_NAMES if k in m] + sorted(k for k in m if k not in KPI_NAMES)
        return {k: {"mean": m[k].mean, "std": m[k].std, "n": m[k].n} for k in ordered}

    doc = {
        "simgroup_baseline": FORMAT_VERSION,
        "about": "KPI means of each scenario's run, written by `simgroup check --update-baseline` "
        "and compared by `simgroup check --baseline` (see docs/check.md). Regenerate it on purpose; "
        "do not edit by hand.",
        "scenarios": {
            key: {
                "name": e.name,
                "sha256": e.sha256,
                "simgroup_version": e.simgroup_version,
                "seed": e.seed,
                "replications": e.replications,
                "days": e.days,
                "kpis": kpis(e.kpis),
                "groups": {g: kpis(k) for g, k in e.groups.items()},
            }
            for key, e in sorted(entries.items())
        },
    }
    return json_format.dumps(doc, indent=2) + "\n"


def write_baseline(path: str | os.PathLike[str], entries: dict[str, BaselineEntry]) -> None:
    """Replace the baseline file atomically (a reader or a Ctrl-C never sees half of it)."""
    atomic_write_text(path, baseline_text(entries))


# --------------------------------------------------------------------------- comparing


def compare_entries(
    base: BaselineEntry,
    now: BaselineEntry,
    *,
    locate: Locator,
    z: float = DEFAULT_Z,
    fail_on: FailOn = "any",
) -> tuple[list[Verdict], list[str]]:
    """Verdicts for every KPI (scenario-wide, then each group spec in ``now``'s order) and notes
    about how the two runs differ (see the module docstring)."""
    notes: list[str] = []
    if base.sha256 != now.sha256:
        notes.append(
            f"the scenario file changed since the baseline was recorded (sha256 {base.sha256[:12]} -> "
            f"{now.sha256[:12]}); comparing the KPIs anyway"
        )
    if base.simgroup_version != now.simgroup_version:
        notes.append(f"the baseline was recorded by simgroup {base.simgroup_version}, this is {now.simgroup_version}")
    if base.days != now.days:
        notes.append(
            f"not compared with the baseline: it was recorded over {base.days} days and this run has {now.days} "
            "(the KPIs measure different horizons)"
        )
        return [], notes
    if base.seed != now.seed or base.replications != now.replications:
        notes.append(
            f"the baseline used seed {base.seed} x {base.replications} replications, this run seed {now.seed} x "
            f"{now.replications}: the tolerance allows for it, but equal settings compare more sharply"
        )
    verdicts: list[Verdict] = []
    scopes: list[tuple[str | None, dict[str, KpiStats], dict[str, KpiStats] | None]] = [(None, now.kpis, base.kpis)]
    for group_id, kpis in now.groups.items():
        scopes.append((group_id, kpis, base.groups.get(group_id)))
    for gid, now_kpis, base_kpis in scopes:
        if base_kpis is None:
            notes.append(f"group spec {gid!r} is not in the baseline (new?): its KPIs were not compared")
            continue
        line, col = locate(gid)
        for kpi, cur in now_kpis.items():
            old = base_kpis.get(kpi)
            if old is None:
                verdicts.append(_verdict(kpi, gid, "skip", "not in the baseline (a KPI added since?)", line, col))
                continue
            verdicts.append(_compare_kpi(kpi, gid, old, cur, z=z, fail_on=fail_on, line=line, col=col))
    gone = [g for g in base.groups if g not in now.groups]
    if gone:
        notes.append(f"group spec(s) {', '.join(map(repr, gone))} are in the baseline but no longer in the scenario")
    return verdicts, notes


def _verdict(
    kpi: str,
    gid: str | None,
    status: Status,
    message: str,
    line: int,
    col: int,
    warning: str | None = None,
    details: dict[str, Any] | None = None,
) -> Verdict:
    return Verdict(
        kind="baseline",
        kpi=kpi,
        group=gid,
        status=status,
        message=message,
        line=line,
        col=col,
        name=f"baseline {kpi_label(kpi, gid)}",
        warning=warning,
        details=details or {},
    )


def _compare_kpi(
    kpi: str,
    gid: str | None,
    old: KpiStats,
    cur: KpiStats,
    *,
    z: float,
    fail_on: FailOn,
    line: int,
    col: int,
) -> Verdict:
    details: dict[str, Any] = {
        "baseline": {"mean": old.mean, "std": old.std, "n": old.n},
        "current": {"mean": cur.mean, "std": cur.std, "n": cur.n},
    }
    old_def, cur_def = old.n > 0 and math.isfinite(old.mean), cur.n > 0 and math.isfinite(cur.mean)
    if not old_def and not cur_def:
        return _verdict(kpi, gid, "pass", "undefined in the baseline and now", line, col, details=details)
    if not old_def or not cur_def:
        msg = (
            f"was undefined in the baseline, now mean {num(cur.mean)} (n={cur.n})"
            if not old_def
            else f"was mean {num(old.mean)} (n={old.n}) in the baseline, now undefined"
        )
        return _verdict(kpi, gid, "fail", msg, line, col, details=details)
    if old.n < 2 or cur.n < 2 or not (math.isfinite(old.std) and math.isfinite(cur.std)):
        return _verdict(
            kpi, gid, "skip",
            f"needs at least 2 replications on both sides for a tolerance (baseline n={old.n}, now n={cur.n})",
            line, col, details=details,
        )
    se = math.sqrt(old.std**2 / old.n + cur.std**2 / cur.n)
    floor = KPI[kpi].floor
    tolerance = z * se + floor
    delta = cur.mean - old.mean
    details.update({"delta": delta, "se": se, "z": z, "floor": floor, "tolerance": tolerance})
    rel = f", {delta / abs(old.mean) * 100:+.1f}%" if old.mean != 0 else ""
    head = f"mean {num(cur.mean)} vs baseline {num(old.mean)} ({delta:+.4g}{rel})"
    if abs(delta) <= tolerance:
        return _verdict(kpi, gid, "pass", f"{head}, within the tolerance +/-{tolerance:.4g}", line, col, details=details)
    direction = KPI[kpi].better
    if direction is None:
        judgement, why = "neutral", "this KPI is neither better higher nor lower"
    else:
        improved = delta > 0 if direction == "higher" else delta < 0
        judgement, why = ("better" if improved else "worse"), f"{direction} is better"
    details["judgement"] = judgement
    msg = (
        f"{head}: moved beyond the tolerance +/-{tolerance:.4g} ({z:g} x SE {se:.3g} + floor {floor:g}); "
        f"{judgement} ({why})"
    )
    if fail_on == "worse" and judgement != "worse":
        return _verdict(kpi, gid, "pass", f"{head}, moved ({judgement})", line, col, warning=msg, details=details)
    return _verdict(kpi, gid, "fail", msg, line, col, details=details)


def entry_from_run(run: RunResult) -> BaselineEntry:
    """The baseline entry that stores ``run`` (its settings and the summary of every KPI)."""
    return BaselineEntry(
        name=run.scenario_name,
        sha256=run.scenario_sha256,
        simgroup_version=run.simgroup_version,
        seed=run.seed,
        replications=run.replications,
        days=run.days,
        kpis={k: KpiStats.of(s) for k, s in run.kpis.items()},
        groups={g: {k: KpiStats.of(s) for k, s in m.items()} for g, m in run.groups.items()},
    )
