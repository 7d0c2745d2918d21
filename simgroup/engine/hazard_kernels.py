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
