"""Row passes of the background tick besides the hazards, each one compiled loop (docs/model.md).

- :func:`run_clock`: a tick's hazard runs each member's unit-exponential clock down, and the
  clocks that reach zero fire. As numpy this was three passes (subtract, compare, ``flatnonzero``);
  the loop subtracts and looks for fired clocks block by block (a block with none is skipped
  after one vectorised check). :func:`fire_times` then places each fired clock inside the tick.
- :func:`fade`: after a tick every member's push pressure and trust fade, the newcomer's novelty
  boost shrinks and the early-life leave and mute spikes of rows past their first tick shrink by
  their per-tick decay (rows in their first tick had theirs set for the next tick already). As
  numpy these were five passes over the rows; one loop reads and writes each array once.

Each operation is the one numpy did (float32 or float64 alike), so the results are the same to the bit.
"""

from __future__ import annotations

import numpy as np

from simgroup.engine.jit import kernel

#: rows per block of :func:`run_clock`'s search for fired clocks
_BLOCK = 64


@kernel
def run_clock(h: np.ndarray, rem: np.ndarray, fired: np.ndarray) -> int:
    """Clocks run down by the tick's hazard; the rows whose clock fired, ascending, into ``fired``::

        rem -= h;   fired = rows with rem <= 0

    Returns how many fired (``fired`` has room for every row)."""
    zero = np.float32(0.0)
    count = 0
    for a in range(0, rem.size, _BLOCK):
        r = rem[a: a + _BLOCK]
        hb = h[a: a + _BLOCK]
        hits = 0
        for i in range(r.size):
            x = r[i] - hb[i]
            r[i] = x
            hits += x <= zero
        if hits:  # rare: most blocks have no clock that fired
            for i in range(r.size):
                if r[i] <= zero:
                    fired[count] = a + i
                    count += 1
    return count


@kernel
def fade(decay_annoy: float, decay_trust: float, decay_novelty: float, annoy: np.ndarray, trust: np.ndarray,
         e_nov: np.ndarray, k: int, d_leave: np.ndarray, d_sw: np.ndarray, e_leave: np.ndarray,
         e_sw: np.ndarray) -> None:
    """One tick's fades, in place::

        annoy *= decay_annoy;  trust *= decay_trust;  e_nov *= decay_novelty     (every row)
        e_leave *= d_leave;    e_sw *= d_sw                                     (rows before k)

    (the decays are float32; ``d_leave`` / ``d_sw`` per row, or one value for every row when all
    groups are of one type.)"""
    da = np.float32(decay_annoy)
    dt = np.float32(decay_trust)
    dn = np.float32(decay_novelty)
    for i in range(annoy.size):
        annoy[i] *= da
        trust[i] *= dt
        e_nov[i] *= dn
    if d_leave.size == 1:  # one group type: one decay (the branch is outside the loops)
        dl = d_leave[0]
        ds = d_sw[0]
        for i in range(k):
            e_leave[i] *= dl
            e_sw[i] *= ds
    else:
        for i in range(k):
            e_leave[i] *= d_leave[i]
            e_sw[i] *= d_sw[i]


@kernel
def fire_times(t: float, dt_h: float, local: np.ndarray, rem: np.ndarray, h: np.ndarray, k: int,
               expo_new: np.ndarray, out: np.ndarray) -> None:
    """When in the tick ending at ``t`` each fired clock (rows ``local``) crossed its threshold,
    the hazard taken as constant over the row's exposure in the tick, into ``out`` (minutes)::

        out = t + max(rem / max(h, 1e-30), −1) × 60 × expo

    (the clock was crossed with ``−rem`` of the tick's hazard ``h`` still to come; ``expo`` is
    ``dt_h``, or ``expo_new[row − k]`` for the rows from ``k`` on, in their first tick; float64
    from the float32 clocks, as numpy computed it.)"""
    tiny = np.float32(1e-30)
    full = 60.0 * dt_h
    for j in range(local.size):
        i = local[j]
        back = max(np.float64(rem[i]) / np.float64(max(h[i], tiny)), -1.0)
        out[j] = back * (full if i < k else 60.0 * expo_new[i - k]) + t


@kernel
def sort_switches(rows: np.ndarray, state: np.ndarray, present: int, muted: int, mute_at: np.ndarray,
                  fold_at: np.ndarray, switched: np.ndarray) -> tuple[int, int, int]:
    """Which of the rows whose mute / fold clock fired mute (present ones) and which fold (muted
    ones): their positions in ``rows`` into ``mute_at`` and ``fold_at``, and the rows that do
    either, in order, into ``switched``. Returns the three counts."""
    nm = 0
    nf = 0
    ns = 0
    for i in range(rows.size):
        s = state[rows[i]]
        if s == present:
            mute_at[nm] = i
            nm += 1
        elif s == muted:
            fold_at[nf] = i
            nf += 1
        else:
            continue
        switched[ns] = rows[i]
        ns += 1
    return nm, nf, ns


@kernel
def apply_switches(rows: np.ndarray, times: np.ndarray, mute_at: np.ndarray, fold_at: np.ndarray,
                   fold_clocks: np.ndarray, muted: int, folded: int, state: np.ndarray, mute_t: np.ndarray,
                   fold_t: np.ndarray, e_sw: np.ndarray, rem_sw: np.ndarray) -> None:
    """Rows at ``mute_at`` mute at their time (no more early mute spike; the fold clock starts at
    ``fold_clocks``), rows at ``fold_at`` fold at theirs (no clock left)."""
    for j in range(mute_at.size):
        i = mute_at[j]
        r = rows[i]
        state[r] = muted
        mute_t[r] = times[i]
        e_sw[r] = 0.0
        rem_sw[r] = fold_clocks[j]
    for j in range(fold_at.size):
        i = fold_at[j]
        r = rows[i]
        state[r] = folded
        fold_t[r] = times[i]
        rem_sw[r] = np.inf
