"""The exit hazards of the background tick (leave, mute / fold), each one compiled pass.

The per-row equations of docs/model.md, "Muting, folding and leaving", for rows past their first
tick (a whole tick of exposure; :meth:`simgroup.engine.behaviour.BackgroundTick._members` sets
the few first-tick rows with their partial exposure). Each was ~10 numpy passes over every row per
tick; a loop over float32 columns with no branch that depends on the data is vectorised by the
compiler, so one pass costs about what one numpy pass did. The per-row static factors come from
:mod:`simgroup.engine.hazards`; ``f_trust`` is ``exp(−coef·trust)``
(:func:`simgroup.engine.tick_pass.trust_factors`).

:func:`leave_clock` and :func:`switch_clock` make a tick's hazard, clearing and clock passes one
call each: a small group's tick is ~400 rows, where each call's fixed cost is about what its pass
over the rows costs.
"""

from __future__ import annotations

import numpy as np

from simgroup.engine.jit import kernel
from simgroup.engine.tick_kernels import run_clock


@kernel
def leave_hazard(dt_h: float, t: float, e_leave: np.ndarray, k_leave: np.ndarray, k_pleave: np.ndarray,
                 inv_tol: np.ndarray, annoy: np.ndarray, f_trust: np.ndarray, k_benefit: np.ndarray,
                 benefit_from: np.ndarray, benefit_until: np.ndarray, h: np.ndarray) -> None:
    """The leave hazard of each row over the tick ending at ``t``, into ``h``::

        h = (k_leave × (dt_h + e_leave) + k_pleave × max(annoy × inv_tol − 1, 0) × dt_h) × f_trust
          + k_benefit   while benefit_from < t < benefit_until

    (``k_leave`` holds base rate × segment × persona × state × frailty, ``e_leave`` the early
    spike's integral over the tick, ``k_benefit`` the benefit spike's hazard per tick.)"""
    one = np.float32(1.0)
    zero = np.float32(0.0)
    dt = np.float32(dt_h)
    for i in range(h.size):
        over = max(annoy[i] * inv_tol[i] - one, zero)
        x = (k_leave[i] * (e_leave[i] + dt) + k_pleave[i] * over * dt) * f_trust[i]
        h[i] = x + (k_benefit[i] if benefit_until[i] > t and benefit_from[i] < t else zero)


@kernel
def switch_hazard(dt_h: float, e_sw: np.ndarray, k_sw: np.ndarray, k_psw: np.ndarray, inv_tol: np.ndarray,
                  annoy: np.ndarray, f_trust: np.ndarray, h: np.ndarray) -> None:
    """The mute (present) or fold (muted) hazard of each row over a tick, into ``h``::

        h = (k_sw + k_psw × max(annoy × inv_tol − 1, 0)) × (dt_h + e_sw) × f_trust

    (``k_sw`` the base rate by state, ``k_psw`` the pressure rate by state, ``e_sw`` the early
    mute spike's integral over the tick, 0 once muted.)"""
    one = np.float32(1.0)
    zero = np.float32(0.0)
    dt = np.float32(dt_h)
    for i in range(h.size):
        over = max(annoy[i] * inv_tol[i] - one, zero)
        h[i] = (k_sw[i] + k_psw[i] * over) * (e_sw[i] + dt) * f_trust[i]


@kernel
def add_clearing(clear_per_tick: float, quiet: np.ndarray, offsets: np.ndarray, run_group: np.ndarray,
                 run_len: np.ndarray, k: int, young: np.ndarray, h: np.ndarray) -> None:
    """The hazard of clearing a quiet group out of one's chat list, added to the leave hazard ``h``::

        h += quiet[g] × clear_per_tick   (× young for the rows from ``k`` on, in their first tick)

    (``quiet`` in [0, 1] per group, float32; ``young`` the share of the tick a first-tick row
    lived.) A group that is not quiet adds 0 and its runs are skipped."""
    c = np.float32(clear_per_tick)
    zero = np.float32(0.0)
    first = np.uint64(k)
    for j in range(offsets.size):
        v = quiet[run_group[j]] * c
        if v == zero:
            continue
        # unsigned indices: no negative-index wraparound, so the loops vectorise
        a = np.uint64(offsets[j])
        b = a + np.uint64(run_len[j])
        mid = min(max(first, a), b)  # rows [a, mid) have lived the whole tick, [mid, b) part of it
        for i in range(a, mid):
            h[i] += v
        for i in range(mid, b):
            h[i] += v * young[i - first]


@kernel
def leave_clock(dt_h: float, t: float, k: int, e_leave: np.ndarray, k_leave: np.ndarray, k_pleave: np.ndarray,
                inv_tol: np.ndarray, annoy: np.ndarray, f_trust: np.ndarray, k_benefit: np.ndarray,
                benefit_from: np.ndarray, benefit_until: np.ndarray, clear_per_tick: float, quiet: np.ndarray,
                offsets: np.ndarray, run_group: np.ndarray, run_len: np.ndarray, young: np.ndarray, h: np.ndarray,
                rem: np.ndarray, fired: np.ndarray) -> int:
    """The leave hazard of the rows before ``k`` (:func:`leave_hazard`; the caller has set the
    first-tick rows' from ``k`` on), the clearing of quiet groups added (:func:`add_clearing`,
    when ``clear_per_tick > 0``), and the leave clocks run down (:func:`run_clock`), in one call.
    Returns how many clocks fired (their rows into ``fired``)."""
    leave_hazard(dt_h, t, e_leave[:k], k_leave[:k], k_pleave[:k], inv_tol[:k], annoy[:k], f_trust[:k], k_benefit[:k],
                 benefit_from[:k], benefit_until[:k], h[:k])
    if clear_per_tick > 0:
        add_clearing(clear_per_tick, quiet, offsets, run_group, run_len, k, young, h)
    return run_clock(h, rem, fired)


@kernel
def switch_clock(dt_h: float, k: int, e_sw: np.ndarray, k_sw: np.ndarray, k_psw: np.ndarray, inv_tol: np.ndarray,
                 annoy: np.ndarray, f_trust: np.ndarray, h: np.ndarray, rem: np.ndarray, fired: np.ndarray) -> int:
    """The mute / fold hazard of the rows before ``k`` (:func:`switch_hazard`; the caller has set
    the first-tick rows' from ``k`` on) and the mute / fold clocks run down (:func:`run_clock`), in
    one call. Returns how many clocks fired (their rows into ``fired``)."""
    switch_hazard(dt_h, e_sw[:k], k_sw[:k], k_psw[:k], inv_tol[:k], annoy[:k], f_trust[:k], h[:k])
    return run_clock(h, rem, fired)
