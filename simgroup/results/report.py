"""The result of a run (many replications of one scenario) and its JSON form (docs/results.md).

:meth:`RunResult.from_replications` turns the compact per-replication records into summaries;
:meth:`RunResult.to_json` gives exactly the data contract::

    {"schema_version": 1, "simgroup_version": "0.1.0",
     "scenario": {"name": ..., "path": ... | null, "sha256": ...},
     "seed": 7, "replications": 30, "days": 14,
     "kpis": {"joined": {"mean": ..., "std": ..., "ci95": [lo, hi], "n": 30, "view": "observable"}, ...},
     "groups": {"<spec id>": {"kpis": {...same shape...}}, ...},
     "daily": {"all": {"new_member_cnt": {"mean": [...], "ci95_lo": [...], "ci95_hi": [...]}, ...},
               "<spec id>": {...}}}

Rules:

* ``kpis`` (and each ``groups.<id>.kpis``) lists every name of
  :data:`~simgroup.records.KPI_NAMES`, in that order, and nothing else (a KPI joins the
  contract by being added there). A KPI missing from a record counts as NaN for that replication.
* ``groups`` follows the scenario's group-spec order; ``daily`` has scope ``all`` first, then the
  group specs. Daily series come in :data:`~simgroup.records.DAILY_SERIES` order, then any
  extra series the engine reports (e.g. ``chat_has_msg``) sorted by name.
* Statistics follow :mod:`simgroup.results.stats` (NaN for undefined, n = finite values). NaN and
  infinities are written as ``null``. Nothing is rounded: floats are written at full precision
  with Python's shortest round-trip repr, so equal inputs give byte-identical JSON, and records
  are sorted by replication index first so their order does not matter.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from simgroup._version import __version__
from simgroup.kpis import KPI, KPI_NAMES, KPI_VIEWS
from simgroup.records import ALL, DAILY_SERIES, ReplicationResult, daily_bounds
from simgroup.results import json_format
from simgroup.results.stats import ColumnSummary, Summary, summarize, summarize_columns

if TYPE_CHECKING:
    from simgroup.scenario.models import Scenario

SCHEMA_VERSION = 1
NAN = float("nan")


@dataclass(frozen=True)
class RunResult:
    """Summaries of ``replications`` replications of one scenario.

    ``kpis[name]`` and ``groups[spec_id][name]`` are :class:`Summary` objects;
    ``daily[scope][series]`` a :class:`ColumnSummary` with one value per day. ``records`` keeps
    the per-replication records (sorted by index) for paired comparisons; ``events`` is the event
    log of replication ``events_replication`` when one was recorded, else ``None``. ``start`` is
    the scenario's first simulated date (day 0), used by the CSV export.
    """

    scenario_name: str
    scenario_path: str | None
    scenario_sha256: str
    seed: int
    replications: int
    days: int
    start: _dt.date
    kpis: dict[str, Summary]
    groups: dict[str, dict[str, Summary]]
    daily: dict[str, dict[str, ColumnSummary]]
    records: tuple[ReplicationResult, ...] = field(default=(), repr=False, compare=False)
    events: list[dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    events_replication: int | None = None
    simgroup_version: str = __version__

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_replications(
        cls,
        scenario: Scenario,
        path: str | os.PathLike[str] | None,
        replications: list[ReplicationResult],
        seed: int,
        days: int,
        sha256: str,
    ) -> RunResult:
        """Summarize ``replications`` (any order, distinct indices, at least one)."""
        if not replications:
            raise ValueError("a run needs at least one replication")
        records = tuple(sorted(replications, key=lambda r: r.replication))
        indices = [r.replication for r in records]
        if len(set(indices)) != len(indices):
            raise ValueError(f"replication indices must be distinct, got {indices}")

        spec_ids = [g.id for g in scenario.groups]
        kpis = _summaries([r.kpis for r in records])
        groups = {sid: _summaries([r.group_kpis.get(sid, {}) for r in records]) for sid in spec_ids}

        daily: dict[str, dict[str, ColumnSummary]] = {}
        for scope in (ALL, *spec_ids):
            daily[scope] = _daily_scope(scope, records, days)

        events: list[dict[str, Any]] | None = None
        events_replication: int | None = None
        for r in records:
            if r.events is not None:
                events, events_replication = r.events, r.replication
                break

        return cls(
            scenario_name=scenario.name,
            scenario_path=None if path is None else os.fspath(path),
            scenario_sha256=sha256,
            seed=int(seed),
            replications=len(records),
            days=int(days),
            start=scenario.start,
            kpis=kpis,
            groups=groups,
            daily=daily,
            records=records,
            events=events,
            events_replication=events_replication,
        )

    # ------------------------------------------------------------------ access

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(self.groups)

    def values(self, kpi: str, group: str | None = None) -> list[float]:
        """Per-replication values of one KPI (NaN where undefined), in replication order."""
        if kpi not in KPI_VIEWS:
            raise KeyError(f"unknown KPI {kpi!r}")
        if group is None:
            return [float(r.kpis.get(kpi, NAN)) for r in self.records]
        if group not in self.groups:
            raise KeyError(f"unknown group spec {group!r}")
        return [float(r.group_kpis.get(group, {}).get(kpi, NAN)) for r in self.records]

    def dates(self) -> list[_dt.date]:
        """The calendar date of each simulated day (day 0 = scenario start)."""
        return [self.start + _dt.timedelta(days=d) for d in range(self.days)]

    # ------------------------------------------------------------------ JSON

    def to_json(self) -> dict[str, Any]:
        """The docs/results.md document as plain Python data (NaN already turned into ``None``)."""
        doc: dict[str, object] = {
            "schema_version": SCHEMA_VERSION,
            "simgroup_version": self.simgroup_version,
            "scenario": {"name": self.scenario_name, "path": self.scenario_path, "sha256": self.scenario_sha256},
            "seed": self.seed,
            "replications": self.replications,
            "days": self.days,
            "kpis": _kpis_json(self.kpis),
            "groups": {sid: {"kpis": _kpis_json(k)} for sid, k in self.groups.items()},
            "daily": {
                scope: {
                    name: {"mean": list(s.mean), "ci95_lo": list(s.ci95_lo), "ci95_hi": list(s.ci95_hi)}
                    for name, s in series.items()
                }
                for scope, series in self.daily.items()
            },
        }
        return json_format.clean(doc)

    def to_json_text(self, *, indent: int | None = 2) -> str:
        """:meth:`to_json` as text, newline-terminated; what ``run --json`` prints and
        ``result.json`` holds."""
        return json_format.dumps(self.to_json(), indent=indent) + "\n"


def _summaries(maps: list[dict[str, float]]) -> dict[str, Summary]:
    return {
        name: summarize((float(m.get(name, NAN)) for m in maps), (KPI[name].low, KPI[name].high))
        for name in KPI_NAMES
    }


def _kpis_json(kpis: dict[str, Summary]) -> dict[str, Any]:
    return {
        name: {"mean": s.mean, "std": s.std, "ci95": [s.ci95[0], s.ci95[1]], "n": s.n, "view": KPI_VIEWS[name]}
        for name, s in kpis.items()
    }


def _daily_scope(scope: str, records: tuple[ReplicationResult, ...], days: int) -> dict[str, ColumnSummary]:
    extra = sorted({name for r in records for name in r.daily.get(scope, {}) if name not in DAILY_SERIES})
    out: dict[str, ColumnSummary] = {}
    for name in (*DAILY_SERIES, *extra):
        rows: list[list[float]] = []
        for r in records:
            values = r.daily.get(scope, {}).get(name)
            if values is None:
                rows.append([NAN] * days)  # scope or series absent in this replication
                continue
            if len(values) != days:
                raise ValueError(
                    f"replication {r.replication}: daily[{scope!r}][{name!r}] has {len(values)} values, "
                    f"expected one per day ({days})"
                )
            rows.append([float(v) for v in values])
        out[name] = summarize_columns(rows, daily_bounds(name)) if days else ColumnSummary((), (), (), ())
    return out
