"""The day end's passes over every row and every group (:mod:`simgroup.engine.daily`), each one
compiled loop. As numpy they were two ``np.bincount`` tables over coded rows and some twenty small
calls over the groups, ~150 µs a day, more than the rest of a small replication's day end. The
counts are whole numbers and each float operation is the one numpy made, in the same order, so
the results are the same to the bit.
"""

from __future__ import annotations

import numpy as np

from simgroup.engine.jit import kernel


@kernel
def day_counts(spec: np.ndarray, group: np.ndarray, state: np.ndarray, spoke_day: np.ndarray, day: int,
               by_spec: np.ndarray, by_group: np.ndarray) -> None:
    """Rows counted by (spec, state, spoke today) into ``by_spec`` and by (group, state, spoke
    today) into ``by_group`` (int64 ``[size, 4, 2]``, zeroed by the caller)."""
    for i in range(state.size):
        s = state[i]
        sp = 1 if spoke_day[i] == day else 0
        by_spec[spec[i], s, sp] += 1
        by_group[group[i], s, sp] += 1


@kernel
def day_groups(by_group: np.ndarray, left: int, alive: np.ndarray, dissolved: np.ndarray, typ: np.ndarray,
               keep: float, quiet_rate: float, death_rate: np.ndarray, death_min: np.ndarray,
               death_days: np.ndarray, lively: np.ndarray, quiet: np.ndarray, low_days: np.ndarray,
               dying: np.ndarray) -> int:
    """Each group's day: its speaker share, smoothed liveliness, quietness and run of low days;
    the live groups that die today into ``dying`` (ascending), returning how many::

        members = rows in a state before ``left``;   speakers = those who spoke today
        rate    = speakers / max(members, 1)
        lively  = rate the first day (lively < 0), else keep × lively + (1 − keep) × rate   (live groups)
        quiet   = clip(1 − lively / quiet_rate, 0, 1) (0 if quiet_rate <= 0) for a live group,
                  0 for a dissolved one, 1 for one that died             (stored float32)
        low     = rate < death_rate[type] or speakers < death_min[type]
        low_days = low_days + 1 if low and alive else 0;   dies if alive and low_days >= death_days[type]"""
    count = 0
    for g in range(alive.size):
        members = 0
        speakers = 0
        for s in range(left):
            members += by_group[g, s, 0] + by_group[g, s, 1]
            speakers += by_group[g, s, 1]
        rate = np.float64(speakers) / np.float64(max(members, 1))
        live = alive[g]
        if live:
            lv = lively[g]
            lv = rate if lv < 0 else keep * lv + (1.0 - keep) * rate
            lively[g] = lv
            q = min(max(1.0 - lv / quiet_rate, 0.0), 1.0) if quiet_rate > 0 else 0.0
            quiet[g] = q
        else:
            quiet[g] = 0.0 if dissolved[g] else 1.0
        t = typ[g]
        low = rate < death_rate[t] or np.float64(speakers) < death_min[t]
        low_days[g] = low_days[g] + 1 if low and live else 0
        if live and np.float64(low_days[g]) >= death_days[t]:
            dying[count] = g
            count += 1
    return count
