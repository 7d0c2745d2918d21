"""Per-row hazard factors and exponential clocks, kept next to the member arrays (docs/model.md).

Every background hazard of a member is ``static rate × dynamic modifiers``. The static part
depends only on the member's group type, segment, state and whether the group is alive, so it is
computed once, when the row joins or changes state (:meth:`Hazards.refresh`), not gathered from
lookup tables every tick. The early-life spikes (``exp(-age / τ)``) shrink by a constant factor
per tick, so they are kept per row and multiplied down instead of re-exponentiated. The leave
spike after taking a benefit (coupon hunters) is a per-row rate switched on until
``benefit_until``, a comparison per tick instead of a search for recent benefits.

Clocks. A per-tick Bernoulli draw ``u < 1 - exp(-h)`` for each of leave, mute/fold and chat is
replaced by one unit-exponential threshold per process, drawn when the clock starts: the member
fires in the tick where the hazard accumulated since the clock started first reaches the
threshold. Because ``E - H | E > H`` is again unit-exponential, the chance of firing in a tick,
given that it has not fired, is exactly ``1 - exp(-h)``: the same law as the per-tick draw, with
no per-tick random numbers. A clock that fired and must keep running (chat) is redrawn, and
muting starts a fresh fold clock; those few draws come from the tick's streams. The join-time
clocks are drawn in fixed-size blocks from streams keyed by the group spec and join purpose, so
two scenarios at the same seed give the i-th joiner of a spec the same clocks (CRN).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine import population
from simgroup.engine.hazard_kernels import early_args, early_terms, refresh_rows, start_rows, stop_rows
from simgroup.scenario.vocabulary import SEGMENTS

if TYPE_CHECKING:
    from simgroup.engine.world import World

F32 = np.float32
INF32 = np.float32(np.inf)
#: the hazard columns a row that left has at 0
_STOPPED = ("k_leave", "k_sw", "k_talk", "k_hear", "k_benefit", "k_psw", "k_pleave", "e_leave", "e_sw", "e_nov")


class Hazards:
    """Static factors by (group type, segment, state) and the per-row cache they fill."""

    def __init__(self, w: World) -> None:
        self.w = w
        p = w.params
        m = p.member
        gt, seg = w.type_columns, w.segment_columns
        self.dt_h = float(p.tick_minutes) / 60.0
        persona = w.persona
        # (type, segment) tables
        self.leave_ts = gt["leave_base"][:, None] * seg["leave_mult"][None, :] * persona.leave_mult
        self.mute_ts = gt["mute_base"][:, None] * seg["mute_mult"][None, :]
        self.fold_ts = gt["fold_base"][:, None] * seg["mute_mult"][None, :]
        self.talk_ts = gt["talk_mult"][:, None] * seg["talk_rate"][None, :]
        self.state_leave = np.array([1.0, m.muted_leave_mult, m.folded_leave_mult, 0.0])
        self.state_talk = np.array([1.0, m.muted_talk_mult, m.folded_talk_mult, 0.0])
        # pressure per ad-equivalent of group noise (member messages, join notices) that a
        # present member notices (fatigue.py units); muted and folded members get no alert
        self.hear = w.fatigue.scale
        # the static factors by (type, segment, state), flattened: index (type·S + segment)·4 + state
        present = np.array([1.0, 0.0, 0.0, 0.0])
        muted = np.array([0.0, 1.0, 0.0, 0.0])
        self.n_segments = len(SEGMENTS)
        self.t_leave = (self.leave_ts[:, :, None] * self.state_leave).ravel()
        self.t_sw = (self.mute_ts[:, :, None] * present + self.fold_ts[:, :, None] * muted).ravel()
        self.t_talk = (self.talk_ts[:, :, None] * self.state_talk).ravel()
        self.t_hear = np.tile(self.hear * present, self.leave_ts.size)
        # push fatigue (fatigue.py): pressure above tolerance mutes a present member, folds a
        # muted one, and makes anyone leave (by the state's leave factor)
        f = p.fatigue
        self.t_psw = np.tile(np.array([f.mute_rate, f.fold_rate, 0.0, 0.0]), self.leave_ts.size)
        # pressure drives leaving mostly once muted: a member mutes first and leaves later
        pressure_leave = self.state_leave * np.array([f.unmuted_leave_mult, 1.0, 1.0, 0.0])
        self.t_pleave = np.tile(f.leave_rate * pressure_leave, self.leave_ts.size)
        # early-life spikes by type: multiplier, time constant (hours) and decay per tick
        self.leave_early = (gt["leave_early_mult"], gt["leave_early_tau_h"])
        self.mute_early = (gt["mute_early_mult"], gt["mute_early_tau_h"])
        self.leave_decay = np.exp(-self.dt_h / gt["leave_early_tau_h"]).astype(F32)
        self.mute_decay = np.exp(-self.dt_h / gt["mute_early_tau_h"]).astype(F32)
        # the type index when every group spec has the same type (decays are then scalars)
        types = set(w.spec_type.tolist())
        self.single_type: int | None = types.pop() if len(types) == 1 else None
        self.novelty_mult = float(m.novelty_talk_mult)
        self.novelty_tau_h = float(m.novelty_tau_h)
        # benefit-driven leaving (coupon hunters after a coupon or red packet)
        self.benefit_rate = seg["benefit_leave_rate"] * persona.benefit_leave_mult
        self.benefit_window = seg["benefit_window_h"] * 60.0
        self.benefit_per_tick = (self.benefit_rate * self.dt_h).astype(F32)

    # ------------------------------------------------------------------ rows joining and leaving

    def start(self, rows: slice, rng: np.random.Generator) -> None:
        """Start the clocks of freshly joined ``rows`` (their early spikes are set at their first tick)."""
        pop = self.w.pop
        n = rows.stop - rows.start
        clocks = rng.standard_exponential((3, n), dtype=F32)
        start_rows(rows.start, rows.stop, clocks, self.w.spec_type, pop.spec, pop.segment, self.leave_decay,
                   self.mute_decay, self.benefit_per_tick, pop.rem_leave, pop.rem_sw, pop.rem_chat, pop.e_leave,
                   pop.e_sw, pop.d_leave, pop.d_sw, pop.k_benefit)
        self.refresh(rows)

    def stop(self, rows: np.ndarray) -> None:
        """Rows that left: no hazard, clocks that never fire."""
        pop = self.w.pop
        zeroed = tuple(getattr(pop, name) for name in _STOPPED)
        stop_rows(np.asarray(rows, dtype=np.int64), zeroed, (pop.rem_leave, pop.rem_sw, pop.rem_chat))

    def refresh(self, rows: np.ndarray | slice) -> None:
        """Recompute the static factors of ``rows`` from their type, segment, state and group."""
        w = self.w
        pop = w.pop
        idx = np.arange(rows.start, rows.stop) if isinstance(rows, slice) else np.asarray(rows, dtype=np.int64)
        refresh_rows(idx, w.spec_type, self.n_segments, pop.spec, pop.segment, pop.state, pop.group, w.groups.alive,
                     pop.frailty, pop.talk_prop, self.t_leave, self.t_sw, self.t_talk, self.t_hear, self.t_psw,
                     self.t_pleave, pop.k_leave, pop.k_sw, pop.k_talk, pop.k_hear, pop.k_psw, pop.k_pleave)

    # ------------------------------------------------------------------ first tick of a row

    def first_tick(self, rows: slice, t: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows in their first tick (joined in ``(t - dt, t]``): exposure (hours) and the leave and
        mute exposures including the early spikes, integrated exactly over the part of the tick
        they were in. Sets their per-row early terms for the next tick and their novelty now."""
        w = self.w
        pop = w.pop
        m = rows.stop - rows.start
        typ = w.spec_type[pop.spec[rows]]
        age, expo, ex, out = np.empty(m), np.empty(m), np.empty((7, m)), np.empty((2, m))
        (mult_l, tau_l), (mult_m, tau_m) = self.leave_early, self.mute_early
        # this tick: ∫ exp(-a/τ) da over [age - expo, age]; next tick: over [age, age + dt]; the
        # seven exponentials in one numpy call (muted / folded rows have no mute spike: a
        # moved-in member starts present)
        early_args(t, self.dt_h, pop.join_t[rows], typ, tau_l, tau_m, self.novelty_tau_h, age, expo, ex)
        np.exp(ex, out=ex)
        early_terms(expo, typ, mult_l, tau_l, mult_m, tau_m, self.novelty_mult, ex,
                    pop.state[rows] == population.PRESENT, out, pop.e_leave[rows], pop.e_sw[rows], pop.e_nov[rows])
        return expo, out[0], out[1]

    # ------------------------------------------------------------------ benefits

    def took_benefit(self, rows: np.ndarray, times: np.ndarray | float) -> None:
        """``rows`` took a benefit (a discounted order, a red packet, a lottery) at ``times``:
        their segment's post-benefit leave spike runs for its window from then, also when that is
        in the future (an order lands after a delay). A benefit inside a running window extends
        it; otherwise the latest benefit sets the window."""
        pop = self.w.pop
        inside = (pop.benefit_from[rows] <= times) & (pop.benefit_until[rows] > times)
        pop.benefit_from[rows] = np.where(inside, pop.benefit_from[rows], times)
        pop.benefit_until[rows] = times + self.benefit_window[pop.segment[rows]]
