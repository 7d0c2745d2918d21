from __future__ import annotations

import json
import math
import random

import numpy as np
import pytest
from scipy import stats as sps

from simgroup._version import __version__
from simgroup.kpis import KPI_NAMES, KPI_VIEWS
from simgroup.records import DAILY_SERIES, ReplicationResult
from simgroup.results.report import RunResult

from ._factories import SPECS, record, scenario_with

SHA = "ab" * 32


def build(records: list[ReplicationResult], days: int = 3, seed: int = 7) -> RunResult:
    return RunResult.from_replications(scenario_with(days=days), "scenarios/x.yaml", records, seed, days, SHA)


def dumps(run: RunResult) -> str:
    return json.dumps(run.to_json(), sort_keys=False, ensure_ascii=False, allow_nan=False)


def test_to_json_has_exactly_the_contract_keys() -> None:
    doc = build([record(r) for r in range(4)]).to_json()
    assert list(doc) == [
        "schema_version", "simgroup_version", "scenario", "seed", "replications", "days", "kpis", "groups", "daily",
    ]
    assert doc["schema_version"] == 1
    assert doc["simgroup_version"] == __version__
    assert doc["scenario"] == {"name": "测试 scenario", "path": "scenarios/x.yaml", "sha256": SHA}
    assert (doc["seed"], doc["replications"], doc["days"]) == (7, 4, 3)
    assert list(doc["kpis"]) == list(KPI_NAMES)
    for name, entry in doc["kpis"].items():
        assert list(entry) == ["mean", "std", "ci95", "n", "view"]
        assert entry["view"] == KPI_VIEWS[name]
        assert entry["n"] == 4 and len(entry["ci95"]) == 2
    assert list(doc["groups"]) == list(SPECS)
    for spec in SPECS:
        assert list(doc["groups"][spec]) == ["kpis"]
        assert list(doc["groups"][spec]["kpis"]) == list(KPI_NAMES)
    assert list(doc["daily"]) == ["all", *SPECS]
    for series in doc["daily"].values():
        assert list(series) == list(DAILY_SERIES)
        for s in series.values():
            assert list(s) == ["mean", "ci95_lo", "ci95_hi"]
            assert all(len(v) == 3 for v in s.values())


def test_kpi_summaries_are_the_student_t_statistics_of_the_records() -> None:
    records = [record(r) for r in range(5)]
    doc = build(records).to_json()
    for name in ("joined", "profit", "lifespan_days"):
        xs = np.array([r.kpis[name] for r in records])
        entry = doc["kpis"][name]
        assert entry["mean"] == pytest.approx(xs.mean(), rel=1e-14)
        assert entry["std"] == pytest.approx(xs.std(ddof=1), rel=1e-12)
        lo, hi = sps.t.interval(0.95, 4, loc=xs.mean(), scale=sps.sem(xs))
        assert entry["ci95"] == [pytest.approx(lo, rel=1e-9), pytest.approx(hi, rel=1e-9)]
    # group-level values are the group records', not the scenario's
    ys = np.array([r.group_kpis["content"]["gmv"] for r in records])
    assert doc["groups"]["content"]["kpis"]["gmv"]["mean"] == pytest.approx(ys.mean(), rel=1e-14)
    assert doc["groups"]["content"]["kpis"]["gmv"]["mean"] != doc["kpis"]["gmv"]["mean"]


def test_undefined_and_missing_kpis_become_null_with_reduced_n() -> None:
    records = [record(r, kpis={"retention_d7": math.nan, "roi": math.nan if r else 0.5}) for r in range(3)]
    del records[1].kpis["cac"]  # a record without the KPI counts as undefined there
    doc = build(records).to_json()
    r7 = doc["kpis"]["retention_d7"]
    assert r7 == {"mean": None, "std": None, "ci95": [None, None], "n": 0, "view": "observable"}
    assert doc["kpis"]["roi"] == {"mean": 0.5, "std": None, "ci95": [None, None], "n": 1, "view": "observable"}
    assert doc["kpis"]["cac"]["n"] == 2
    json.dumps(doc, allow_nan=False)  # no NaN leaks into the document


def test_daily_series_are_per_day_means_with_intervals() -> None:
    records = [record(r, days=4) for r in range(6)]
    run = build(records, days=4)
    doc = run.to_json()
    for scope in ("all", "traffic"):
        rows = np.array([r.daily[scope]["member_total"] for r in records])
        got = doc["daily"][scope]["member_total"]
        assert got["mean"] == pytest.approx(rows.mean(axis=0).tolist(), rel=1e-13)
        half = sps.t.ppf(0.975, 5) * rows.std(axis=0, ddof=1) / math.sqrt(6)
        assert got["ci95_lo"] == pytest.approx((rows.mean(axis=0) - half).tolist(), rel=1e-9)
        assert got["ci95_hi"] == pytest.approx((rows.mean(axis=0) + half).tolist(), rel=1e-9)
    assert doc["daily"]["all"]["gmv"]["mean"] != doc["daily"]["traffic"]["gmv"]["mean"]


def test_extra_daily_series_follow_the_contract_ones_and_missing_ones_are_null() -> None:
    records = [record(r) for r in range(3)]
    for r in records:
        r.daily["all"]["b_series"] = [1.0, 2.0, 3.0]
        r.daily["all"]["a_series"] = [0.0, 0.0, 0.0]
        del r.daily["content"]
    doc = build(records).to_json()
    assert list(doc["daily"]["all"]) == [*DAILY_SERIES, "a_series", "b_series"]
    assert doc["daily"]["all"]["b_series"]["mean"] == [1.0, 2.0, 3.0]
    assert doc["daily"]["content"]["orders"] == {"mean": [None] * 3, "ci95_lo": [None] * 3, "ci95_hi": [None] * 3}


def test_daily_series_of_the_wrong_length_are_rejected() -> None:
    bad = record(1)
    bad.daily["all"]["orders"].append(1.0)
    with pytest.raises(ValueError, match="one per day"):
        build([record(0), bad])


def test_json_is_byte_identical_for_equal_inputs_in_any_order() -> None:
    records = [record(r) for r in range(8)]
    shuffled = records[:]
    random.Random(2).shuffle(shuffled)
    assert shuffled != records
    first = dumps(build(records))
    assert first == dumps(build(shuffled))
    assert first == dumps(build([record(r) for r in range(8)]))
    assert build(records).to_json_text() == build(shuffled).to_json_text()
    assert first != dumps(build([record(r) for r in range(1, 9)]))


def test_records_events_and_values_are_kept() -> None:
    events = [{"time": 1.0, "day": 0, "event": "add_member"}]
    run = build([record(2), record(0), record(1, events=events), record(3, events=[])])
    assert [r.replication for r in run.records] == [0, 1, 2, 3]
    assert run.events is events and run.events_replication == 1
    assert run.values("joined") == [r.kpis["joined"] for r in run.records]
    assert run.values("joined", "content") == [r.group_kpis["content"]["joined"] for r in run.records]
    assert [d.isoformat() for d in run.dates()] == ["2026-02-27", "2026-02-28", "2026-03-01"]
    with pytest.raises(KeyError):
        run.values("no_such_kpi")
    assert build([record(0)]).events is None


def test_bad_replication_lists_are_rejected() -> None:
    with pytest.raises(ValueError, match="at least one"):
        build([])
    with pytest.raises(ValueError, match="distinct"):
        build([record(0), record(0)])


def test_path_may_be_absent() -> None:
    run = RunResult.from_replications(scenario_with(), None, [record(0)], 1, 3, SHA)
    assert run.to_json()["scenario"]["path"] is None
