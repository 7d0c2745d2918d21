"""Row passes of :mod:`simgroup.engine.hazards`, each one compiled loop over the rows it touches.

:meth:`simgroup.engine.hazards.Hazards.refresh` runs whenever members mute, fold, join or their
group dies (about one tick in three), and :meth:`~simgroup.engine.hazards.Hazards.stop` whenever
members leave; each was a dozen small numpy gathers and scatters over a handful of rows, costing
more in call overhead than in arithmetic. One loop over the rows does each. The operations are
the ones numpy made (a float64 product of the table value and the float32 row factor, stored as
float32), so the results are the same to the bit.
"""

from __future__ import annotations

import numpy as np

from simgroup.engine.jit import kernel


@kernel
def refresh_rows(rows: np.ndarray, spec_type: np.ndarray, n_segments: int, spec: np.ndarray, segment: np.ndarray,
                 state: np.ndarray, group: np.ndarray, alive: np.ndarray, frailty: np.ndarray,
                 talk_prop: np.ndarray, t_leave: np.ndarray, t_sw: np.ndarray, t_talk: np.ndarray,
                 t_hear: np.ndarray, t_psw: np.ndarray, t_pleave: np.ndarray, k_leave: np.ndarray,
                 k_sw: np.ndarray, k_talk: np.ndarray, k_hear: np.ndarray, k_psw: np.ndarray,
                 k_pleave: np.ndarray) -> None:
    """The static hazard factors of ``rows`` from the (type, segment, state) tables::

        code     = (spec_type[spec] × n_segments + segment) × 4 + state
        k_leave  = t_leave[code] × frailty
        k_talk   = t_talk[code] × alive[group] × talk_prop
        k_sw, k_hear, k_psw, k_pleave = t_sw, t_hear, t_psw, t_pleave [code]

    (tables float64, row factors float32; each product in float64, stored as float32.)"""
    for i in range(rows.size):
        r = rows[i]
        code = (np.int64(spec_type[spec[r]]) * n_segments + np.int64(segment[r])) * 4 + np.int64(state[r])
        k_leave[r] = t_leave[code] * np.float64(frailty[r])
        k_sw[r] = t_sw[code]
        k_talk[r] = (t_talk[code] * np.float64(alive[group[r]])) * np.float64(talk_prop[r])
        k_hear[r] = t_hear[code]
        k_psw[r] = t_psw[code]
        k_pleave[r] = t_pleave[code]


@kernel
def stop_rows(rows: np.ndarray, zeroed: tuple[np.ndarray, ...], clocks: tuple[np.ndarray, ...]) -> None:
    """Rows that left: every column of ``zeroed`` set to 0 and every clock of ``clocks`` to +inf."""
    inf = np.float32(np.inf)
    zero = np.float32(0.0)
    for i in range(rows.size):
        r = rows[i]
        for a in zeroed:
            a[r] = zero
        for c in clocks:
            c[r] = inf


@kernel
def start_rows(a: int, b: int, clocks: np.ndarray, typ_of_spec: np.ndarray, spec: np.ndarray, segment: np.ndarray,
               leave_decay: np.ndarray, mute_decay: np.ndarray, benefit_per_tick: np.ndarray,
               rem_leave: np.ndarray, rem_sw: np.ndarray, rem_chat: np.ndarray, e_leave: np.ndarray,
               e_sw: np.ndarray, d_leave: np.ndarray, d_sw: np.ndarray, k_benefit: np.ndarray) -> None:
    """The clocks and per-row decays of freshly joined rows ``[a, b)``::

        rem_leave, rem_sw, rem_chat = clocks[0], clocks[1], clocks[2];   e_leave = e_sw = 0
        d_leave, d_sw = leave_decay, mute_decay [type of the row's spec];   k_benefit = benefit_per_tick[segment]"""
    for i in range(b - a):
        r = a + i
        rem_leave[r] = clocks[0, i]
        rem_sw[r] = clocks[1, i]
        rem_chat[r] = clocks[2, i]
        e_leave[r] = 0.0
        e_sw[r] = 0.0
        typ = typ_of_spec[spec[r]]
        d_leave[r] = leave_decay[typ]
        d_sw[r] = mute_decay[typ]
        k_benefit[r] = benefit_per_tick[segment[r]]


@kernel
def early_args(t: float, dt_h: float, join_t: np.ndarray, typ: np.ndarray, leave_tau: np.ndarray,
               mute_tau: np.ndarray, novelty_tau_h: float, age: np.ndarray, expo: np.ndarray,
               args: np.ndarray) -> None:
    """Age and exposure (hours) of the rows in their first tick, and the exponents of their early
    spikes, for one ``np.exp`` over all of them (numpy's vectorised ``exp``, as before)::

        age = max((t − join_t) / 60, 0);   expo = min(age, dt_h)
        args[0 + 3s] = −age / τ_s;   args[1 + 3s] = −(age − expo) / τ_s;   args[2 + 3s] = −(age + dt_h) / τ_s
        args[6] = −age / novelty_tau_h        (s = 0 leave, 1 mute; τ by the row's group type)"""
    for i in range(age.size):
        a = max((t - join_t[i]) / 60.0, 0.0)
        e = min(a, dt_h)
        age[i] = a
        expo[i] = e
        for s in range(2):
            tt = leave_tau[typ[i]] if s == 0 else mute_tau[typ[i]]
            args[3 * s, i] = -a / tt
            args[3 * s + 1, i] = -(a - e) / tt
            args[3 * s + 2, i] = -(a + dt_h) / tt
        args[6, i] = -a / novelty_tau_h


@kernel
def early_terms(expo: np.ndarray, typ: np.ndarray, leave_mult: np.ndarray, leave_tau: np.ndarray,
                mute_mult: np.ndarray, mute_tau: np.ndarray, novelty_mult: float, ex: np.ndarray,
                present: np.ndarray, out: np.ndarray, e_leave: np.ndarray, e_sw: np.ndarray,
                e_nov: np.ndarray) -> None:
    """The early-spike terms of the rows in their first tick from the exponentials ``ex`` of
    :func:`early_args` (``now``, ``then``, ``next`` per spike ``s``; m, τ by group type)::

        out[s] = expo + m τ (then − now)        (this tick's exposure with the spike)
        e_s    = float32(m τ (now − next))      (the spike's integral over the next tick)
        e_sw  *= present;   e_nov = float32(novelty_mult × ex[6])"""
    for i in range(expo.size):
        for s in range(2):
            mt = leave_mult[typ[i]] * leave_tau[typ[i]] if s == 0 else mute_mult[typ[i]] * mute_tau[typ[i]]
            now = ex[3 * s, i]
            out[s, i] = expo[i] + mt * (ex[3 * s + 1, i] - now)
            v = np.float32(mt * (now - ex[3 * s + 2, i]))
            if s == 0:
                e_leave[i] = v
            else:
                e_sw[i] = v * np.float32(present[i])
        e_nov[i] = novelty_mult * ex[6, i]
