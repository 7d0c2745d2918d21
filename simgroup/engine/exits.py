"""The exit hazards of the background tick (leave, mute / fold), each one compiled pass.

The per-row equations of docs/model.md, "Muting, folding and leaving", for rows past their first
tick (a whole tick of exposure; :meth:`simgroup.engine.behaviour.BackgroundTick._members` redoes
the few first-tick rows with their partial exposure). Each was ~10 numpy passes over every row per
tick; a loop over float32 columns with no branch that depends on the data is vectorised by the
compiler, so one pass costs about what one numpy pass did. The per-row static factors come from
:mod:`simgroup.engine.hazards`; ``f_trust`` is ``exp(−coef·trust)``, computed by numpy (its
vectorised float32 ``exp``).
"""

from __future__ import annotations

import numpy as np

from simgroup.engine.jit import kernel


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
