"""What a report says, independent of its format: the question, the verdict, facts, charts,
tables and notes (:class:`Report`), built from a :mod:`simgroup.report.inputs` input in one
language. :mod:`simgroup.report.html` and :mod:`simgroup.report.markdown` only lay it out.

Contract
--------
* Numbers are written by the one formatter of the results (:mod:`simgroup.results.text`,
  :mod:`simgroup.experiment.text`, :mod:`simgroup.experiment.sensitivity_text`); KPIs come in
  the order of :data:`simgroup.kpis.KPIS` with their labels from :mod:`simgroup.i18n`.
* Run: the verdict counts the ``expect:`` bands met (when the report ran the scenario) and
  quotes the headline KPIs (:data:`HEADLINE`). Comparison: for each variant against A, the
  main KPIs (:data:`MAIN_KPIS`) whose paired interval excludes 0, sorted into better and worse
  by the KPI's direction (``better`` in :data:`simgroup.kpis.KPI`). Sensitivity: the top
  parameters by the main index and how many stand out from the noise.
* Charts over days (scope ``all``): members, muted / folded, speakers, GMV / profit, each a daily
  mean with its 95 % band; a comparison overlays the variants. A sensitivity report has one bar
  chart of the main index with its intervals (top :data:`BARS`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from simgroup._version import __version__
from simgroup.experiment.sensitivity_text import row_cells, table_header
from simgroup.experiment.text import difference_cell, mean_cell
from simgroup.i18n import kpi_label
from simgroup.kpis import KPI, KPI_VIEWS
from simgroup.report.inputs import ComparisonInput, ReportInput, RunDoc, RunInput, SensitivityInput
from simgroup.report.words import t
from simgroup.results.stats import Difference, Summary
from simgroup.results.text import (
    FEW_REPLICATIONS,
    GOD_VIEW_MARK,
    interval,
    percent_level,
    summary_cells,
    value,
    variant_letters,
)

__all__ = ["BARS", "HEADLINE", "MAIN_KPIS", "BarChart", "LineChart", "Report", "Series", "Table", "build"]

#: KPIs quoted in a run's verdict.
HEADLINE: tuple[str, ...] = ("members_end", "conversion", "profit")
#: KPIs a comparison's verdict weighs.
MAIN_KPIS: tuple[str, ...] = ("profit", "conversion", "members_end", "retention_d7", "muted_share", "gmv")
#: Bars of a sensitivity chart at most (the table lists every parameter).
BARS = 20
#: Daily charts: title and (legend label, daily series) per line.
DAILY_CHARTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Members", (("Members", "member_total"),)),
    ("Muted / folded", (("Muted", "muted"), ("Folded", "folded"))),
    ("Speakers", (("Speakers", "member_has_msg"),)),
    ("GMV / profit", (("GMV", "gmv"), ("Profit", "profit"))),
)

Tone = Literal["good", "bad", "mixed", "neutral"]


@dataclass(frozen=True)
class Series:
    """One line with its band; ``colour`` and ``dashed`` pick its look (a variant, a series)."""

    label: str
    mean: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    colour: int = 0
    dashed: bool = False


@dataclass(frozen=True)
class LineChart:
    title: str
    xlabel: str
    series: list[Series]


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars (largest first) with intervals and a dashed noise level."""

    title: str
    labels: list[str]
    values: list[float]
    lows: list[float]
    highs: list[float]
    noise_level: float


Chart = LineChart | BarChart


@dataclass(frozen=True)
class Table:
    """Text cells; the first ``left`` columns and those in ``text`` read left-aligned, column
    ``code`` (if any) holds identifiers (KPI or parameter names); the others are numbers."""

    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    left: int = 2
    code: int | None = 1
    text: tuple[int, ...] = ()  # further left-aligned columns (free text)


@dataclass(frozen=True)
class Report:
    lang: str
    title: str
    question: str
    description: list[str]
    verdict: list[str]
    tone: Tone
    facts: list[str]
    charts: list[Chart]
    tables: list[Table]
    notes: list[str] = field(default_factory=list)


def build(source: ReportInput, lang: str = "en") -> Report:
    """The report of ``source`` in ``lang`` (``en`` or ``zh``)."""
    if isinstance(source, RunInput):
        return _run_report(source, lang)
    if isinstance(source, ComparisonInput):
        return _comparison_report(source, lang)
    return _sensitivity_report(source, lang)


# --------------------------------------------------------------------------- pieces


def _label(name: str, lang: str) -> str:
    mark = f" {GOD_VIEW_MARK}" if KPI_VIEWS.get(name) == "god-view" else ""
    return kpi_label(name, lang) + mark


def _quoted(name: str, s: Summary, lang: str) -> str:
    return f"{kpi_label(name, lang)} {value(name, s.mean)} {interval(name, *s.ci95)}"


def _facts(run: RunDoc, lang: str) -> str:
    return t("seed {seed}, {reps} replications, {days} days", lang, seed=run.seed, reps=run.replications, days=run.days)


def _footer(lang: str, replications: int) -> list[str]:
    notes = [
        t("Means over replications with 95% Student-t intervals, cut to the values a KPI can take.", lang),
        t("* god-view: only the simulation sees it, WeCom cannot.", lang),
    ]
    if replications < FEW_REPLICATIONS:
        notes.append(t("Only {n} replication(s): the intervals are too wide to tell much.", lang, n=replications))
    return notes


def _kpi_table(title: str, kpis: dict[str, Summary], lang: str) -> Table:
    header = (t("KPI", lang), "", t("Mean", lang), t("95% CI", lang), t("n", lang))
    return Table(title, header, [(_label(k, lang), k, *summary_cells(k, s)) for k, s in kpis.items()])


def _daily_charts(runs: list[tuple[str, RunDoc]], lang: str) -> list[Chart]:
    """The four daily charts; ``runs`` are (name prefix, run) pairs, one colour per run."""
    charts: list[Chart] = []
    overlay = len(runs) > 1
    for title, lines in DAILY_CHARTS:
        series: list[Series] = []
        for i, (prefix, run) in enumerate(runs):
            for j, (label, key) in enumerate(lines):
                col = run.daily.get("all", {}).get(key)
                if col is None:
                    continue
                name = t(label, lang)
                series.append(Series(
                    f"{prefix} · {name}" if overlay and len(lines) > 1 else prefix if overlay else name,
                    col.mean, col.ci95_lo, col.ci95_hi,
                    colour=i if overlay else j, dashed=j > 0 and overlay,
                ))
        if series:
            charts.append(LineChart(f"{t(title, lang)} {t('(daily mean, 95% band)', lang)}", t("day", lang), series))
    return charts


def _list(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


# --------------------------------------------------------------------------- run


def _run_report(source: RunInput, lang: str) -> Report:
    run = source.run
    headline = _list([_quoted(k, run.kpis[k], lang) for k in HEADLINE if k in run.kpis], lang)
    tone: Tone = "neutral"
    tables: list[Table] = []
    notes = _footer(lang, run.replications)
    if source.expectations is None:
        verdict = t("{headline} (expect: bands are judged when the report runs the scenario itself).", lang,
                    headline=headline)
    elif not source.expectations:
        verdict = t("{headline} (the scenario sets no expect: bands).", lang, headline=headline)
    else:
        failed = [v for v in source.expectations if v.status == "fail"]
        n = len(source.expectations)
        if failed:
            tone = "bad"
            verdict = t("Misses {failed} of {n} expect: bands ({which}); {headline}.", lang, failed=len(failed), n=n,
                        which=_list([v.label for v in failed], lang), headline=headline)
        else:
            tone = "good"
            verdict = t("Meets all {n} expect: bands of the scenario; {headline}.", lang, n=n, headline=headline)
        rows: list[tuple[str, ...]] = []
        for v in source.expectations:
            status = "fail" if v.status == "fail" else "pass (knife edge)" if v.warning else "pass"
            rows.append((v.label, str(v.details.get("rule", "")), t(status, lang), v.message))
        tables.append(Table(t("Expectations (expect:)", lang),
                            (t("KPI", lang), t("rule", lang), t("status", lang), t("result", lang)), rows, left=4, code=0))
    if source.not_judged:
        notes.append(t("{n} better_than expectation(s) need a second scenario: run simgroup check.", lang,
                       n=source.not_judged))
    tables.append(_kpi_table(t("Scenario", lang), run.kpis, lang))
    tables += [_kpi_table(t("Group spec: {id}", lang, id=g), kpis, lang) for g, kpis in run.groups.items()]
    return Report(
        lang=lang,
        title=run.name,
        question=t("What does the SOP of “{name}” achieve in {days} days?", lang, name=run.name, days=run.days),
        description=[source.description] if source.description else [],
        verdict=[verdict],
        tone=tone,
        facts=[f"{run.path}: {_facts(run, lang)}" if run.path else _facts(run, lang)],
        charts=_daily_charts([("", run)], lang),
        tables=tables,
        notes=notes,
    )


# --------------------------------------------------------------------------- comparison


def _direction(kpi: str, d: Difference) -> int:
    """+1 when the significant difference is an improvement, -1 a deterioration, 0 otherwise."""
    better = KPI[kpi].better
    if not d.significant or better is None or not math.isfinite(d.mean):
        return 0
    return 1 if (d.mean > 0) == (better == "higher") else -1


def _comparison_verdict(letter: str, diffs: dict[str, Difference], lang: str) -> tuple[str, Tone]:
    better: list[str] = []
    worse: list[str] = []
    for k in MAIN_KPIS:
        if k not in diffs:
            continue
        quoted = f"{kpi_label(k, lang)} {difference_cell(k, diffs[k]).replace(' sig', '').rstrip()}"
        {1: better, -1: worse, 0: []}[_direction(k, diffs[k])].append(quoted)
    if better and worse:
        return t("Mixed: {x} is better than A on {better} but worse on {worse}.", lang, x=letter,
                 better=_list(better, lang), worse=_list(worse, lang)), "mixed"
    if better:
        return t("{x} beats A on the main KPIs: better on {better}.", lang, x=letter, better=_list(better, lang)), "good"
    if worse:
        return t("{x} is worse than A on the main KPIs: worse on {worse}.", lang, x=letter, worse=_list(worse, lang)), "bad"
    return t("No significant difference between {x} and A on the main KPIs.", lang, x=letter), "neutral"


def _comparison_table(title: str, source: ComparisonInput, group: str | None, lang: str) -> Table:
    cmp = source.comparison
    letters = variant_letters(len(cmp.variants))
    level = percent_level(cmp.difference_confidence)
    header = (
        t("KPI", lang), "",
        *(t("{x} mean [95% CI]", lang, x=x) for x in letters),
        *(t("{x} − A [{level} CI]", lang, x=x, level=level) for x in letters[1:]),
    )
    rows = []
    for kpi in KPI_VIEWS:
        cells = []
        for run in cmp.variants:
            scope = run.kpis if group is None else run.groups.get(group)
            cells.append("-" if scope is None or kpi not in scope else mean_cell(kpi, scope[kpi]))
        for i in range(1, len(cmp.variants)):
            diffs = cmp.differences[i] if group is None else cmp.group_differences[i].get(group)
            cells.append("-" if diffs is None or kpi not in diffs else difference_cell(kpi, diffs[kpi]).rstrip())
        if any(c != "-" for c in cells):
            rows.append((_label(kpi, lang), kpi, *cells))
    return Table(title, header, rows)


def _comparison_report(source: ComparisonInput, lang: str) -> Report:
    cmp = source.comparison
    letters = variant_letters(len(cmp.variants))
    named = [f"{x} ({v.name})" for x, v in zip(letters, cmp.variants)]
    if len(cmp.variants) == 2:
        question = t("Does {b} beat {a}?", lang, b=named[1], a=named[0])
    else:
        question = t("Which of {n} variants beats {a}?", lang, n=len(cmp.variants), a=named[0])
    verdicts, tones = [], []
    for i in range(1, len(cmp.variants)):
        text, tone = _comparison_verdict(letters[i], cmp.differences[i], lang)
        verdicts.append(text)
        tones.append(tone)
    overall: Tone = tones[0] if len(set(tones)) == 1 else "mixed"
    variants = Table(
        t("Variants", lang), ("", t("Scenario", lang), ""),
        [(x, v.name, v.path or "") for x, v in zip(letters, cmp.variants)], left=3, code=2,
    )
    groups = [g for g in cmp.variants[0].groups if all(g in v.groups for v in cmp.variants)]
    descriptions = [f"{x}: {d}" for x, d in zip(letters, source.descriptions) if d]
    return Report(
        lang=lang,
        title=t("Comparison: {variants}", lang, variants=" · ".join(letters)),
        question=question,
        description=descriptions,
        verdict=verdicts,
        tone=overall,
        facts=[
            t("seed {seed}, {reps} replications, {days} days", lang, seed=cmp.seed, reps=cmp.replications, days=cmp.days),
            t("paired differences at {level} confidence, common random numbers", lang,
              level=percent_level(cmp.difference_confidence)),
        ],
        charts=_daily_charts(list(zip(letters, cmp.variants)), lang),
        tables=[
            variants,
            _comparison_table(t("Scenario", lang), source, None, lang),
            *(_comparison_table(t("Group spec: {id}", lang, id=g), source, g, lang) for g in groups),
        ],
        notes=[
            *cmp.notes,
            t("sig: the paired interval excludes 0. Differences of shares are in percentage points.", lang),
            *_footer(lang, cmp.replications),
        ],
    )


# --------------------------------------------------------------------------- sensitivity


def _sensitivity_report(source: SensitivityInput, lang: str) -> Report:
    from simgroup.experiment.sensitivity_text import header_lines, index_text, unit_suffix

    r = source.result
    kpi = kpi_label(r.kpi, lang) + (f" [{r.group}]" if r.group else "")
    index = "mu*" if r.method == "morris" else "ST"
    rows = r.rows
    if rows:
        top = rows[0]
        first = f"{top.parameter.name} ({index} {index_text(r, top.main)}{unit_suffix(r)})"
        rest = [x.parameter.name for x in rows[1:3]]
        others = t(", then {names}", lang, names=_list(rest, lang)) if rest else ""
        verdict = t(
            "{kpi} depends most on {first}{others}; {detectable} of {k} parameters stand out from the replication noise.",
            lang, kpi=kpi, first=first, others=others, detectable=sum(x.detectable for x in rows), k=len(rows),
        )
    else:
        verdict = t("No parameter was varied.", lang)
    shown = rows[:BARS]
    chart = BarChart(
        t("{index} by parameter (top {n}; bars: 95% interval; dashed: noise level)", lang,
          index=index + unit_suffix(r), n=len(shown)),
        [x.parameter.name for x in shown],
        [_scaled(r.method, r.kpi, x.main) for x in shown],
        [_scaled(r.method, r.kpi, x.intervals.get(r.main_index, (math.nan, math.nan))[0]) for x in shown],
        [_scaled(r.method, r.kpi, x.intervals.get(r.main_index, (math.nan, math.nan))[1]) for x in shown],
        _scaled(r.method, r.kpi, r.noise_level),
    )
    head = tuple(t(h, lang) for h in table_header(r))  # mu*, ST, S1: the indices' own names
    table = Table(t("Parameters", lang), head, [row_cells(r, i, x) for i, x in enumerate(rows, 1)],
                  left=2, text=(len(head) - 1,))
    notes = [*r.notes]
    if lang == "zh":
        notes.append(t("The meanings of the parameters are in English (as in the sensitivity document).", lang))
    return Report(
        lang=lang,
        title=r.scenario_name,
        question=t("Which model assumptions move {kpi} in “{name}”?", lang, kpi=kpi, name=r.scenario_name),
        description=[source.description] if source.description else [],
        verdict=[verdict],
        tone="neutral",
        facts=header_lines(r)[1:],
        charts=[chart] if shown else [],
        tables=[table],
        notes=notes,
    )


def _scaled(method: str, kpi: str, v: float) -> float:
    """An index on the scale the table prints it (a Morris effect on a share in pp)."""
    return v * 100 if method == "morris" and KPI[kpi].unit == "share" else v


def made_by(lang: str) -> str:
    """The footer line."""
    return t("Made by simgroup {version}; one file, viewable offline.", lang, version=__version__)
