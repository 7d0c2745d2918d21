"""The per-replication daily CSV and its means file, on real engine output and on synthetic records."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from simgroup._api import simulate
from simgroup.records import ALL
from simgroup.results.daily_tables import COUNT_COLUMNS, CSV_COLUMNS, daily_csv, daily_mean_csv
from simgroup.results.report import RunResult

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
        has = int(r["chat_has_msg"])
        assert (has == 0) == (msgs == 0)
        assert has <= min(existed, msgs)
        assert has <= int(r["member_has_msg"]) or int(r["left_cnt"]) > 0  # a speaker may leave the same day
