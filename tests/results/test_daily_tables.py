"""The per-replication daily CSV and its means file, on real engine output and on synthetic records."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

from simgroup._api import simulate
from simgroup.records import ALL, ReplicationResult
from simgroup.results import chat_activity
from simgroup.results.daily_tables import COUNT_COLUMNS, CSV_COLUMNS, daily_csv, daily_mean_csv
from simgroup.results.report import RunResult

from ._factories import record

FUNNEL = Path(__file__).resolve().parents[2] / "simgroup" / "examples" / "funnel.yaml"
REPS, DAYS = 4, 6
COLUMNS = [col for col, _ in CSV_COLUMNS]


@pytest.fixture(scope="module")
def run() -> RunResult:
    # several group specs, groups created and dissolved: chat_has_msg is not trivially 0 or 1
    return simulate(FUNNEL, replications=REPS, days=DAYS, seed=3, record_events=True)


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("scope", [ALL, "traffic", "content"])
def test_counts_are_integers_and_every_replication_has_every_day(run: RunResult, scope: str) -> None:
    rows = table(daily_csv(run, scope))
    assert len(rows) == REPS * DAYS
    assert sorted({int(r["replication"]) for r in rows}) == list(range(REPS))
    dates = [d.isoformat() for d in run.dates()]
    for rep in range(REPS):
        assert [r["stat_time"] for r in rows if r["replication"] == str(rep)] == dates
    for r in rows:
        for col in COUNT_COLUMNS:
            if col == "chat_has_msg" and r[col] == "":
                continue  # not settled for this replication and day (chat_activity)
            assert r[col].isdigit(), (col, r[col])


@pytest.mark.parametrize("scope", [ALL, "traffic", "content"])
def test_means_file_is_the_mean_of_the_replication_rows_within_bounds(run: RunResult, scope: str) -> None:
    rows = table(daily_csv(run, scope))
    means = table(daily_mean_csv(run, scope))
    assert len(means) == DAYS
    for day, m in enumerate(means):
        day_rows = [r for r in rows if r["stat_time"] == m["stat_time"]]
        assert len(day_rows) == REPS
        for col in COLUMNS:
            values = [float(r[col]) for r in day_rows if r[col] != ""]
            if not values:
                assert m[col] == ""
                continue
            assert float(m[col]) == pytest.approx(sum(values) / len(values), abs=1e-3), (day, col)
            if len(values) < 2:
                assert m[f"{col}_low"] == m[f"{col}_high"] == ""
                continue
            low, high = float(m[f"{col}_low"]), float(m[f"{col}_high"])
            assert low <= float(m[col]) <= high, (day, col)
            if col != "profit":  # counts and money spent cannot go below 0
                assert low >= 0, (day, col)


def test_means_file_agrees_with_the_json_document(run: RunResult) -> None:
    doc = run.to_json()["daily"][ALL]
    means = table(daily_mean_csv(run))
    for col, name in CSV_COLUMNS:
        if name == chat_activity.SERIES:
            continue  # not reported by this engine: derived for the CSV only
        assert [float(m[col]) for m in means] == pytest.approx(doc[name]["mean"], abs=1e-4)
        assert [float(m[f"{col}_low"]) for m in means] == pytest.approx(doc[name]["ci95_lo"], abs=1e-4)


@pytest.mark.parametrize("scope", [ALL, "traffic", "content"])
def test_chat_has_msg_is_consistent_with_the_message_counts(run: RunResult, scope: str) -> None:
    rows = table(daily_csv(run, scope))
    previous_total = dict.fromkeys(range(REPS), 0)
    for r in rows:
        rep = int(r["replication"])
        existed = previous_total[rep] + int(r["new_chat_cnt"])
        previous_total[rep] = int(r["chat_total"])
        msgs = int(r["msg_total"])
        if rep == run.events_replication:
            assert r["chat_has_msg"] != "", "the event log settles every day"
        if r["chat_has_msg"] == "":
            assert msgs > 0 and existed > 1
            continue
        has = int(r["chat_has_msg"])
        assert (has == 0) == (msgs == 0)
        assert has <= min(existed, msgs)
        assert has <= int(r["member_has_msg"]) or int(r["left_cnt"]) > 0  # a speaker may leave the same day


def _with_daily(r: ReplicationResult, scope: str, **series: list[float]) -> ReplicationResult:
    r.daily[scope].update(series)
    return r


def test_chat_has_msg_sources_in_order() -> None:
    days = 3
    counts = {"msg_total": [0.0, 5.0, 7.0], "chat_total": [1.0, 1.0, 2.0], "new_chat_cnt": [1.0, 0.0, 1.0]}
    plain = _with_daily(record(0, days=days), ALL, **counts)
    del plain.daily[ALL]["chat_has_msg"]  # a result from an engine that did not report it
    got = chat_activity.chat_has_msg(plain, ALL, days)
    assert got[:2] == [0.0, 1.0] and math.isnan(got[2])  # two groups on day 2: the counts do not say
    events = [
        {"event": "message", "chat_id": "traffic-1", "time": 1500.0, "tick_time": 1500.0},
        {"event": "checkin", "chat_id": "my-spec-2", "time": 3000.0},
        {"event": "message", "chat_id": "traffic-2", "time": 2870.0, "tick_time": 2880.0},  # booked on day 1
        {"event": "post", "chat_id": "content-1", "time": 3000.0},  # operators' posts are not in msg_total
    ]
    logged = _with_daily(record(0, days=days, events=events), ALL, **counts)
    for series in logged.daily.values():
        series.pop("chat_has_msg", None)
    assert chat_activity.chat_has_msg(logged, ALL, days) == [0.0, 2.0, 1.0]
    assert chat_activity.chat_has_msg(logged, "traffic", days) == [0.0, 2.0, 0.0]
    assert chat_activity.chat_has_msg(logged, "my-spec", days) == [0.0, 0.0, 1.0]
    reported = _with_daily(record(0, days=days, events=events), ALL, chat_has_msg=[4.0, 5.0, 6.0])
    assert chat_activity.chat_has_msg(reported, ALL, days) == [4.0, 5.0, 6.0]
