"""Pattern measurements on replication results (shared by the pattern tests and
``bench/response_tables.py``, so the docs' numbers and the tests measure the same way)."""

from __future__ import annotations

from collections import Counter

import numpy as np

from simgroup.records import ReplicationResult

Runs = list[ReplicationResult]


def weekly_quit_hazard(results: Runs, weeks: int) -> list[float]:
    """Leaves in week k since joining ÷ members present at its start (censored at the horizon)."""
    left = np.zeros(weeks)
    at_risk = np.zeros(weeks)
    for r in results:
        joined: dict[int, float] = {}
        gone: dict[int, float] = {}
        for e in r.events or ():
            if e["event"] == "add_member":
                joined.setdefault(e["member"], e["time"])
            elif e["event"] == "del_member" and e["quit_scene"] == "self":
                gone[e["member"]] = e["time"]
        horizon = len(r.daily["all"]["member_total"]) * 1440.0
        for m, t0 in joined.items():
            for k in range(weeks):
                start = t0 + k * 7 * 1440
                if start + 7 * 1440 > horizon:
                    break
                if m in gone and gone[m] < start:
                    break
                at_risk[k] += 1
                if m in gone and gone[m] < start + 7 * 1440:
                    left[k] += 1
                    break
    return list(left / np.maximum(at_risk, 1))


def speaking(results: Runs) -> tuple[float, float, float]:
    """Share of members who ever spoke; share of messages written by the top 1 % and 10 %."""
    ever, top1, top10 = [], [], []
    for r in results:
        members = {e["member"] for e in r.events or () if e["event"] == "add_member"}
        said: Counter[int] = Counter()
        for e in r.events or ():
            if e["event"] == "message":  # one record per message
                said[e["member"]] += 1
        counts = np.sort(np.array(list(said.values())))[::-1]
        ever.append(len(said) / len(members))
        top1.append(counts[: max(1, len(members) // 100)].sum() / counts.sum())
        top10.append(counts[: max(1, len(members) // 10)].sum() / counts.sum())
    return float(np.mean(ever)), float(np.mean(top1)), float(np.mean(top10))


def message_gaps(result: ReplicationResult, chat: str) -> np.ndarray:
    """Minutes between consecutive messages of one chat."""
    times = np.sort([e["time"] for e in result.events or () if e["event"] == "message" and e["chat_id"] == chat])
    gaps: np.ndarray = np.diff(times)
    return gaps


def gap_cv(gaps: np.ndarray) -> float:
    """Coefficient of variation of the gaps between messages (1 for a Poisson process, more for a
    bursty one)."""
    return float(gaps.std() / gaps.mean())
