"""Intervals stay within the values a KPI can take (a share in [0, 1], a count at least 0), and
cutting them there keeps their coverage; too few replications get a visible note."""

from __future__ import annotations

import math
import random

from simgroup.kpis import KPI
from simgroup.results.report import RunResult
from simgroup.results.stats import summarize, summarize_columns
from simgroup.results.text import few_replications_note, run_report
from tests.results._factories import record, scenario_with

SHA = "cd" * 32


def test_two_replications_of_a_share_give_an_interval_inside_0_1() -> None:
    # the case: muted_share 37.0 % [-432.8 %, 506.7 %] at 2 replications
    s = summarize([0.02, 0.72], (0.0, 1.0))
    assert s.mean == 0.37
    assert s.ci95 == (0.0, 1.0)
    unbounded = summarize([0.02, 0.72])
    assert unbounded.ci95[0] < -4 and unbounded.ci95[1] > 4  # what it was: about [-408 %, 482 %]


def test_a_count_interval_does_not_go_below_zero_and_profit_may() -> None:
    assert summarize([3.0, 100.0], (KPI["buyers"].low, KPI["buyers"].high)).ci95[0] == 0.0
    assert summarize([-50.0, 10.0], (KPI["profit"].low, KPI["profit"].high)).ci95[0] < -50.0


def test_cutting_to_the_bounds_keeps_the_coverage() -> None:
    """A share whose true mean is 0.04, three replications at a time, 4,000 times: the cut
    interval holds the true mean exactly as often as the plain t interval (it can only lose
    values outside [0, 1], where the true mean never is)."""
    rng = random.Random(20261203)
    true_mean = 0.04
    plain = cut = 0
    for _ in range(4000):
        xs = [rng.betavariate(0.4, 0.4 * (1 - true_mean) / true_mean) for _ in range(3)]
        lo, hi = summarize(xs).ci95
        plain += lo <= true_mean <= hi
        lo, hi = summarize(xs, (0.0, 1.0)).ci95
        assert 0.0 <= lo <= hi <= 1.0
        cut += lo <= true_mean <= hi
    assert cut == plain
    # a real interval, not a trivially wide one (a t interval from 3 values of a skewed share
    # covers less than its nominal 95 %: 80 % here, the same with or without the cut)
    assert 0.7 < cut / 4000 < 0.95


def test_daily_bands_are_cut_too_and_stay_undefined_with_one_replication() -> None:
    rows = [[0.0, 5.0, 1.0], [40.0, 5.0, 1.0]]
    cs = summarize_columns(rows, (0.0, math.inf))
    assert cs.ci95_lo[0] == 0.0 and cs.ci95_lo[1] == 5.0
    one = summarize_columns([[1.0, 2.0]], (0.0, math.inf))
    assert all(math.isnan(v) for v in one.ci95_lo + one.ci95_hi)


def test_a_run_cuts_every_kpi_interval_to_its_range() -> None:
    records = [record(r, kpis={"muted_share": 0.1 + 0.6 * r, "profit": -100.0 + 300.0 * r}) for r in range(2)]
    run = RunResult.from_replications(scenario_with(), "x.yaml", records, 1, 3, SHA)
    for name, s in run.kpis.items():
        lo, hi = s.ci95
        assert KPI[name].low <= lo <= hi <= KPI[name].high, (name, s)
    assert run.kpis["muted_share"].ci95 == (0.0, 1.0)
    assert run.kpis["profit"].ci95[0] < 0


def test_too_few_replications_are_said_in_the_report() -> None:
    assert few_replications_note(2) and "2 replication" in few_replications_note(2)  # type: ignore[operator]
    assert few_replications_note(5) is None
    few = RunResult.from_replications(scenario_with(), "x.yaml", [record(0), record(1)], 1, 3, SHA)
    assert "only 2 replication(s)" in run_report(few)
    many = RunResult.from_replications(scenario_with(), "x.yaml", [record(r) for r in range(6)], 1, 3, SHA)
    assert "Note: only" not in run_report(many)
