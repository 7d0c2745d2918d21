"""What a report is made from: a scenario run here, or a JSON document of ``simgroup run``,
``simgroup compare`` or ``simgroup sensitivity``.

Contract
--------
* :func:`read_json` reads a ``--json`` document and tells the kinds apart by ``kind``
  (``comparison``, ``sensitivity``) or, for a run, by its keys (docs/results.md has no ``kind``).
  Anything else (a sweep, another JSON file, text that is not JSON, a document of the wrong
  shape) raises :class:`ReportInputError` naming the file and the place in the document
  (``$.variants[1].kpis.profit.ci95``). ``null`` numbers are NaN.
* :func:`run_scenario` runs a scenario file with its defaults (or the given replications, seed,
  days) and judges its ``expect:`` bands with the rules of ``simgroup check``
  (:func:`simgroup.check.expectations.evaluate`); ``better_than`` entries need a second scenario
  and are counted in ``RunInput.not_judged`` instead.
* Both give the same report input: a run always goes through its JSON document
  (:meth:`~simgroup.results.report.RunResult.to_json`), so a report of a file and a report of
  its ``run --json`` show the same numbers.
* A scenario's description is read from the scenario file named in a document when that file is
  still there with the same SHA-256 (tried as written, then next to the document); else none.
"""

from __future__ import annotations

import json
import math
import os
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simgroup.check.expectations import evaluate
from simgroup.check.outcome import Verdict
from simgroup.errors import SimgroupError
from simgroup.experiment.inputs import ScenarioInput, file_sha256, load_input
from simgroup.experiment.progress import Progress
from simgroup.experiment.sensitivity import SensitivityResult, SensitivityRow
from simgroup.experiment.worlds import UncertainParameter
from simgroup.kpis import KPI
from simgroup.results.stats import ColumnSummary, Difference, Summary

__all__ = [
    "ComparisonDoc",
    "ComparisonInput",
    "ReportInput",
    "ReportInputError",
    "RunDoc",
    "RunInput",
    "SensitivityInput",
    "read_json",
    "run_scenario",
]


class ReportInputError(SimgroupError, ValueError):
    """An input a report cannot be made from (the message names the file and the place)."""


@dataclass(frozen=True)
class RunDoc:
    """A ``run --json`` document: KPI summaries (scenario and per group spec) and daily series."""

    name: str
    path: str | None
    sha256: str
    seed: int
    replications: int
    days: int
    kpis: dict[str, Summary]
    groups: dict[str, dict[str, Summary]]
    daily: dict[str, dict[str, ColumnSummary]]


@dataclass(frozen=True)
class ComparisonDoc:
    """A ``compare --json`` document; ``differences[0]`` and ``group_differences[0]`` (the
    baseline) are empty so that indexes line up with ``variants``."""

    seed: int
    replications: int
    days: int
    difference_confidence: float
    variants: list[RunDoc]
    differences: list[dict[str, Difference]]
    group_differences: list[dict[str, dict[str, Difference]]]
    notes: list[str]


@dataclass(frozen=True)
class RunInput:
    """One run, its scenario's description and, when the report ran it, its ``expect:`` verdicts."""

    run: RunDoc
    description: str | None = None
    expectations: tuple[Verdict, ...] | None = None  # None: not judged (the input was a JSON document)
    not_judged: int = 0  # better_than entries (they need a second scenario: simgroup check)


@dataclass(frozen=True)
class ComparisonInput:
    comparison: ComparisonDoc
    descriptions: list[str | None]


@dataclass(frozen=True)
class SensitivityInput:
    result: SensitivityResult
    description: str | None = None


ReportInput = RunInput | ComparisonInput | SensitivityInput


# --------------------------------------------------------------------------- located reading


class _Doc:
    """Typed access to a JSON document that says where a value of the wrong shape is."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> ReportInputError:
        return ReportInputError(f"{self.source}: {where}: {message}")

    def obj(self, v: Any, where: str) -> dict[str, Any]:
        if not isinstance(v, dict):
            raise self.fail(where, f"expected an object, got {_kind(v)}")
        return v

    def key(self, d: dict[str, Any], name: str, where: str) -> Any:
        if name not in d:
            raise self.fail(where, f"missing key {name!r}")
        return d[name]

    def lst(self, v: Any, where: str) -> list[Any]:
        if not isinstance(v, list):
            raise self.fail(where, f"expected a list, got {_kind(v)}")
        return v

    def num(self, v: Any, where: str) -> float:
        if v is None:
            return math.nan
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise self.fail(where, f"expected a number or null, got {_kind(v)}")
        return float(v)

    def int_(self, v: Any, where: str) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.fail(where, f"expected a whole number, got {_kind(v)}")
        return v

    def str_(self, v: Any, where: str, *, optional: bool = False) -> str:
        if v is None and optional:
            return ""
        if not isinstance(v, str):
            raise self.fail(where, f"expected text, got {_kind(v)}")
        return v

    def pair(self, v: Any, where: str) -> tuple[float, float]:
        items = self.lst(v, where)
        if len(items) != 2:
            raise self.fail(where, f"expected [low, high], got {len(items)} values")
        return self.num(items[0], f"{where}[0]"), self.num(items[1], f"{where}[1]")

    def floats(self, v: Any, where: str) -> tuple[float, ...]:
        return tuple(self.num(x, f"{where}[{i}]") for i, x in enumerate(self.lst(v, where)))


def _kind(v: Any) -> str:
    if v is None:
        return "null"
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(type(v), type(v).__name__)


def _summaries(d: _Doc, v: Any, where: str) -> dict[str, Summary]:
    raw = d.obj(v, where)
    out: dict[str, Summary] = {}
    for name in KPI:  # the contract's order; names this version does not know are left out
        if name not in raw:
            continue
        at = f"{where}.{name}"
        s = d.obj(raw[name], at)
        out[name] = Summary(
            d.num(d.key(s, "mean", at), f"{at}.mean"),
            d.num(s.get("std"), f"{at}.std"),
            d.pair(d.key(s, "ci95", at), f"{at}.ci95"),
            d.int_(d.key(s, "n", at), f"{at}.n"),
        )
    if not out:
        raise d.fail(where, "no KPI of docs/results.md in it")
    return out


def _run_doc(d: _Doc, v: Any, where: str = "$") -> RunDoc:
    """A run document (docs/results.md) read from ``v``, located at ``where``."""
    doc = d.obj(v, where)
    scenario = d.obj(d.key(doc, "scenario", where), f"{where}.scenario")
    groups = d.obj(doc.get("groups", {}), f"{where}.groups")
    days = d.int_(d.key(doc, "days", where), f"{where}.days")
    daily: dict[str, dict[str, ColumnSummary]] = {}
    for scope, series in d.obj(d.key(doc, "daily", where), f"{where}.daily").items():
        daily[scope] = {}
        for name, col in d.obj(series, f"{where}.daily.{scope}").items():
            at = f"{where}.daily.{scope}.{name}"
            c = d.obj(col, at)
            mean, lo, hi = (d.floats(d.key(c, k, at), f"{at}.{k}") for k in ("mean", "ci95_lo", "ci95_hi"))
            if not len(mean) == len(lo) == len(hi) == days:
                raise d.fail(at, f"expected {days} values (one per day) in mean, ci95_lo and ci95_hi")
            daily[scope][name] = ColumnSummary(mean, lo, hi, ())
    return RunDoc(
        name=d.str_(d.key(scenario, "name", f"{where}.scenario"), f"{where}.scenario.name"),
        path=d.str_(scenario.get("path"), f"{where}.scenario.path", optional=True) or None,
        sha256=d.str_(scenario.get("sha256"), f"{where}.scenario.sha256", optional=True),
        seed=d.int_(d.key(doc, "seed", where), f"{where}.seed"),
        replications=d.int_(d.key(doc, "replications", where), f"{where}.replications"),
        days=days,
        kpis=_summaries(d, d.key(doc, "kpis", where), f"{where}.kpis"),
        groups={
            g: _summaries(d, d.key(d.obj(body, f"{where}.groups.{g}"), "kpis", f"{where}.groups.{g}"),
                          f"{where}.groups.{g}.kpis")
            for g, body in groups.items()
        },
        daily=daily,
    )


def _differences(d: _Doc, v: Any, where: str) -> dict[str, Difference]:
    out: dict[str, Difference] = {}
    for name, raw in d.obj(v, where).items():
        if name not in KPI:
            continue
        at = f"{where}.{name}"
        x = d.obj(raw, at)
        n = d.int_(d.key(x, "n", at), f"{at}.n")
        out[name] = Difference(
            mean=d.num(d.key(x, "mean", at), f"{at}.mean"),
            se=d.num(x.get("se"), f"{at}.se"),
            ci=d.pair(d.key(x, "ci", at), f"{at}.ci"),
            confidence=d.num(x.get("confidence"), f"{at}.confidence"),
            df=d.num(x.get("df"), f"{at}.df"),
            n_a=n,
            n_b=n,
            p_value=d.num(x.get("p_value"), f"{at}.p_value"),
        )
    return out


def _comparison(d: _Doc, doc: dict[str, Any]) -> ComparisonDoc:
    variants = [_run_doc(d, v, f"$.variants[{i}]") for i, v in enumerate(d.lst(d.key(doc, "variants", "$"), "$.variants"))]
    if len(variants) < 2:
        raise d.fail("$.variants", f"a comparison needs at least 2 variants, got {len(variants)}")
    raw = d.lst(d.key(doc, "differences", "$"), "$.differences")
    if len(raw) != len(variants):
        raise d.fail("$.differences", f"expected one entry per variant ({len(variants)}), got {len(raw)}")
    diffs: list[dict[str, Difference]] = [{}]
    groups: list[dict[str, dict[str, Difference]]] = [{}]
    for i, entry in enumerate(raw[1:], 1):
        at = f"$.differences[{i}]"
        e = d.obj(entry, at)
        diffs.append(_differences(d, d.key(e, "kpis", at), f"{at}.kpis"))
        groups.append({
            g: _differences(d, body, f"{at}.groups.{g}") for g, body in d.obj(e.get("groups", {}), f"{at}.groups").items()
        })
    return ComparisonDoc(
        seed=d.int_(d.key(doc, "seed", "$"), "$.seed"),
        replications=d.int_(d.key(doc, "replications", "$"), "$.replications"),
        days=d.int_(d.key(doc, "days", "$"), "$.days"),
        difference_confidence=d.num(doc.get("difference_confidence", 0.95), "$.difference_confidence"),
        variants=variants,
        differences=diffs,
        group_differences=groups,
        notes=[d.str_(n, f"$.notes[{i}]") for i, n in enumerate(d.lst(doc.get("notes", []), "$.notes"))],
    )


def _sensitivity(d: _Doc, doc: dict[str, Any]) -> SensitivityResult:
    method = d.key(doc, "method", "$")
    if method not in ("morris", "sobol"):
        raise d.fail("$.method", f"expected 'morris' or 'sobol', got {method!r}")
    kpi = d.str_(d.key(doc, "kpi", "$"), "$.kpi")
    if kpi not in KPI:
        raise d.fail("$.kpi", f"unknown KPI {kpi!r}")
    scenario = d.obj(d.key(doc, "scenario", "$"), "$.scenario")
    design = d.obj(d.key(doc, "design", "$"), "$.design")
    indices = ("mu_star", "mu", "sigma") if method == "morris" else ("ST", "S1")
    rows: list[SensitivityRow] = []
    for i, raw in enumerate(d.lst(d.key(doc, "parameters", "$"), "$.parameters")):
        at = f"$.parameters[{i}]"
        p = d.obj(raw, at)
        low, high = d.pair(d.key(p, "range", at), f"{at}.range")
        param = UncertainParameter(
            d.str_(d.key(p, "name", at), f"{at}.name"), low, high,
            d.num(p.get("preset"), f"{at}.preset"), bool(p.get("integer", False)),
        )
        values = {k: d.num(d.key(p, k, at), f"{at}.{k}") for k in indices}
        intervals = {k: d.pair(p[f"{k}_ci95"], f"{at}.{k}_ci95") for k in indices if f"{k}_ci95" in p}
        rows.append(SensitivityRow(param, values, intervals, bool(p.get("detectable", False)),
                                   d.str_(p.get("meaning", ""), f"{at}.meaning")))
    noise = d.obj(doc.get("noise", {}), "$.noise")
    spread = d.obj(doc.get("kpi_over_worlds", {}), "$.kpi_over_worlds")
    held = d.lst(doc.get("held", []), "$.held")
    return SensitivityResult(
        scenario_name=d.str_(d.key(scenario, "name", "$.scenario"), "$.scenario.name"),
        scenario_path=d.str_(scenario.get("path"), "$.scenario.path", optional=True) or None,
        scenario_sha256=d.str_(scenario.get("sha256"), "$.scenario.sha256", optional=True),
        method=method,
        kpi=kpi,
        group=d.str_(doc.get("group"), "$.group", optional=True) or None,
        seed=d.int_(d.key(doc, "seed", "$"), "$.seed"),
        replications=d.int_(d.key(doc, "replications", "$"), "$.replications"),
        days=d.int_(d.key(doc, "days", "$"), "$.days"),
        worlds=d.int_(d.key(design, "worlds", "$.design"), "$.design.worlds"),
        runs=d.int_(d.key(design, "runs", "$.design"), "$.design.runs"),
        distinct_worlds=d.int_(d.key(design, "distinct_worlds", "$.design"), "$.design.distinct_worlds"),
        rows=rows,
        held={
            d.str_(d.key(d.obj(h, f"$.held[{i}]"), "name", f"$.held[{i}]"), f"$.held[{i}].name"):
            d.num(h.get("value"), f"$.held[{i}].value")
            for i, h in enumerate(held)
        },
        unused=d.int_(doc.get("unused", 0), "$.unused"),
        kpi_spread={k: d.num(spread.get(k), f"$.kpi_over_worlds.{k}") for k in ("mean", "sd", "min", "max")},
        noise_se=d.num(noise.get("se_world_mean"), "$.noise.se_world_mean"),
        noise_level=d.num(noise.get("index_level"), "$.noise.index_level"),
        notes=[d.str_(n, f"$.notes[{i}]") for i, n in enumerate(d.lst(doc.get("notes", []), "$.notes"))],
    )


# --------------------------------------------------------------------------- entry points


def read_json(path: str | os.PathLike[str]) -> ReportInput:
    """The report input held by the ``--json`` document at ``path`` (see the module docstring)."""
    source = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportInputError(f"{source}: no such file") from None
    except UnicodeDecodeError:
        raise ReportInputError(f"{source}: not UTF-8 text (expected a JSON document)") from None
    except OSError as exc:
        raise ReportInputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportInputError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    d = _Doc(source)
    doc = d.obj(raw, "$")
    kind = doc.get("kind")
    base = Path(source).parent
    if kind == "comparison":
        cmp = _comparison(d, doc)
        return ComparisonInput(cmp, [_description(v.path, v.sha256, base) for v in cmp.variants])
    if kind == "sensitivity":
        result = _sensitivity(d, doc)
        return SensitivityInput(result, _description(result.scenario_path, result.scenario_sha256, base))
    if kind is None and {"scenario", "kpis", "daily"} <= doc.keys():
        run = _run_doc(d, doc)
        return RunInput(run, _description(run.path, run.sha256, base))
    what = f"a {kind!r} document" if isinstance(kind, str) else "not a simgroup result"
    raise ReportInputError(
        f"{source}: {what}: expected the --json output of simgroup run, simgroup compare or simgroup sensitivity"
    )


def _description(path: str | None, sha256: str, base: Path) -> str | None:
    """The description of the scenario file ``path`` if it is still there unchanged."""
    if not path:
        return None
    for candidate in (Path(path), base / path):
        try:
            if candidate.is_file() and file_sha256(candidate) == sha256:
                from simgroup.scenario import load_scenario

                return load_scenario(candidate).description or None
        except (OSError, SimgroupError):
            continue
    return None


def run_scenario(
    scenario: ScenarioInput,
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> RunInput:
    """Run ``scenario`` (a file's path, or :func:`~simgroup.experiment.inputs.load_input`'s result,
    not read again) and judge its ``expect:`` bands (module docstring). Raises what
    :func:`simgroup._api.simulate` raises for a bad file or bad options."""
    from simgroup._api import simulate

    loaded = load_input(scenario)
    run = simulate(loaded, replications=replications, seed=seed, days=days, executor=executor, progress=progress)
    verdicts: list[Verdict] = []
    skipped = 0
    for i, e in enumerate(loaded.scenario.expect):
        if e.better_than is not None:
            skipped += 1
            continue
        verdicts.append(evaluate(e, i, run.values(e.kpi, e.group), line=0, col=0))
    d = _Doc(str(loaded.path or loaded.scenario.name))
    return RunInput(
        _run_doc(d, run.to_json()),
        loaded.scenario.description or None,
        tuple(verdicts),
        skipped,
    )
