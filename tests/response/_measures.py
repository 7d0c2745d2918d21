"""Pattern measurements on replication results (shared by the pattern tests and
``bench/response_tables.py``, so the docs' numbers and the tests measure the same way)."""

from __future__ import annotations

import math
from collections import Counter

import numba
import numpy as np
import scipy.optimize

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


@numba.njit(cache=True)
def _excitation(times: np.ndarray, beta: float) -> np.ndarray:
    """``A_i = Σ_{j<i} exp(−beta (t_i − t_j))`` for sorted ``times``, by the usual recursion."""
    a = np.zeros(times.size)
    for i in range(1, times.size):
        a[i] = math.exp(-beta * (times[i] - times[i - 1])) * (1.0 + a[i - 1])
    return a


def hawkes_fit(times: np.ndarray, horizon: float) -> tuple[float, float]:
    """Maximum-likelihood fit of a Hawkes process with a constant baseline and an exponential
    kernel, ``λ(t) = μ + n·β·Σ_{t_i < t} exp(−β (t − t_i))``, to event ``times`` in ``[0, horizon]``
    minutes (the fit behind the published chat numbers); returns the branching ratio ``n`` and
    the kernel's mean ``1/β`` in minutes.

    scipy minimises the negative log-likelihood, ``μ·T + n·Σ(1 − exp(−β (T − t_i))) − Σ log λ(t_i)``;
    the likelihood is a few lines, and the Hawkes-specific packages (tick, hawkeslib) are no
    longer maintained."""
    t = np.sort(np.asarray(times, dtype=np.float64))

    def negative_log_likelihood(x: np.ndarray) -> float:
        mu, n, beta = math.exp(x[0]), 1.0 / (1.0 + math.exp(-x[1])), math.exp(x[2])
        intensity = mu + n * beta * _excitation(t, beta)
        compensator = mu * horizon + n * float(np.sum(-np.expm1(-beta * (horizon - t))))
        return compensator - float(np.sum(np.log(intensity)))

    best = None
    for kernel_minutes in (0.5, 5.0, 60.0):  # several starts: the likelihood has local optima
        start = np.array([math.log(t.size / horizon), 0.0, -math.log(kernel_minutes)])
        fitted = scipy.optimize.minimize(negative_log_likelihood, start, method="Nelder-Mead",
                                         options={"xatol": 1e-4, "fatol": 1e-4, "maxiter": 2000})
        if best is None or fitted.fun < best.fun:
            best = fitted
    assert best is not None
    return 1.0 / (1.0 + math.exp(-best.x[1])), math.exp(-best.x[2])
