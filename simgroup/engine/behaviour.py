"""Background hazards ticked over the whole population at once (docs/model.md).

Each tick covers the interval that just ended, ``(t - dt, t]``: members leave, mute, fold and
chat with hazards integrated exactly over their exposure in the interval (a member who joined
mid-interval is exposed only since joining). Chatter is self-exciting per group: every message
adds to a decaying group intensity (a Hawkes process with branching ratio ``excitation_alpha``),
so messages beget messages and silence spreads.

How it stays cheap (this runs ~720 times per 30-day replication over every member):

- the tick works on the contiguous row window ``[lo, n)`` (``lo`` skips the prefix of rows that
  have all left), so member arrays are sliced, never gathered;
- static factors and early-life spikes are cached per row (:mod:`simgroup.engine.hazards`);
- leave, mute/fold and chat fire on unit-exponential clocks (same law as a per-tick draw), so a
  tick draws random numbers only for the few members who speak or mute; a clock that fires
  places its event inside the tick where the accumulated hazard crossed it;
- per-group chat sums and the group intensity each member sees go through runs of rows of one
  group (``np.add.reduceat`` for the sums, compiled loops run by run to hand a group's value to its
  rows), not ``np.bincount`` / gathers over all rows;
- passes that numpy would make one operator at a time are compiled loops where that pays
  (:mod:`simgroup.engine.exits`, :mod:`simgroup.engine.chatter_kernels`, :mod:`simgroup.engine.tick_kernels`);
- the arithmetic is float32, mostly into preallocated scratch buffers.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import numpy as np

from simgroup.engine import population
from simgroup.engine.chat_times import MESSAGE_KINDS, MessageClock
from simgroup.engine.chatter_kernels import add_push, hear_noise, turn_draws
from simgroup.engine.daily import end_of_day
from simgroup.engine.fission import deliver_invites
from simgroup.engine.tick_kernels import apply_switches, fade, sort_switches
from simgroup.engine.tick_pass import book_pass, chatter_pass, exit_pass
from simgroup.scenario.times import MINUTES_PER_DAY
from simgroup.scenario.vocabulary import SEGMENTS

if TYPE_CHECKING:
    from simgroup.engine.world import World

LN2 = float(np.log(2.0))
F32 = np.float32
_NO_ROWS = np.zeros(0, dtype=F32)  # `young` when no row is in its first tick
_NO_TIMES = np.zeros(0)  # `expo_new` when no row is in its first tick
_NO_INTS = np.zeros(0, dtype=np.int64)


class _Scratch:
    """Float32 work arrays reused across ticks, grown by doubling."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.arrays = [np.empty(0, dtype=F32) for _ in range(count)]
        self._views: tuple[int, list[np.ndarray]] = (-1, [])  # the last views handed out (rows change rarely)

    def get(self, n: int) -> list[np.ndarray]:
        if self._views[0] == n:
            return self._views[1]
        if self.arrays[0].size < n:
            size = max(n, 2 * self.arrays[0].size, 1024)
            self.arrays = [np.empty(size, dtype=F32) for _ in range(self.count)]
        views = [a[:n] for a in self.arrays]
        self._views = (n, views)
        return views


def _excess(annoy: np.ndarray, inv_tol: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``max(pressure / tolerance - 1, 0)`` into ``out``: how far pressure exceeds tolerance."""
    np.multiply(annoy, inv_tol, out=out)
    out -= F32(1.0)
    np.maximum(out, F32(0.0), out=out)
    return out


class BackgroundTick:
    """The SimPy process that advances every member's state once per tick."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.hz = world.hazards
        self.dt = float(world.params.tick_minutes)
        self.dt_h = self.dt / 60.0
        streams = world.streams
        self.rng_fold = streams.get("tick", "fold")
        self.rng_chat = streams.get("tick", "chat")
        m = world.params.member
        ch = world.params.chatter
        self.m = m
        # float32 decays (the columns' precision) held as Python floats, the kernels' argument type
        self.decay_annoy = float(F32(world.fatigue.decay(self.dt)))
        self.decay_trust = float(F32(np.exp(-LN2 * self.dt_h / m.trust_half_life_h)))
        self.decay_novelty = float(F32(np.exp(-self.dt_h / m.novelty_tau_h)))
        self.trust_talk_coef = float(m.trust_talk_coef)
        self.decay_hawkes = float(np.exp(-self.dt_h / ch.excitation_tau_h))
        self.alpha_per_tau = ch.excitation_alpha / ch.excitation_tau_h
        self.excitation_cap = float(ch.excitation_cap)
        self.message_clock = MessageClock(streams.get("tick", "message_times"), ch.reply_delay_min, ch.burst_gap_s)
        self.burst_mean = np.asarray(world.segment_columns["burst"], dtype=np.float64)
        self.lo = 0  # rows below have all left
        self.n_prev = 0  # rows below have had at least one tick
        # leave, mute / fold and chat hazards, talk rates, share of the tick lived, trust factors
        self.scratch = _Scratch(7)
        self.trust_coefs = F32(m.trust_leave_coef), F32(m.trust_mute_coef)  # b of exp(-b·trust)
        # room for the rows whose leave, mute / fold and chat clocks fired in a tick, when each
        # fired, and what is left of the speakers' clocks
        self.fired, self.fire_t = np.empty((3, 0), dtype=np.int64), np.empty((3, 0))
        self.rem_speak = np.empty(0, dtype=F32)
        self.views = population.RowViews(world.pop)
        self._ng = -1  # the group count the per-group buffers below were made for
        self._floor = np.zeros(0)
        self._lam0 = np.zeros(0)
        self._group_work: tuple[np.ndarray, np.ndarray, np.ndarray] = (self._lam0, self._lam0, _NO_ROWS)
        # per-group message and turn counts, noise, the noisy groups and their pressure's fade
        self._noise_work: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] = (
            np.zeros((2, 0)), self._lam0, _NO_INTS, self._lam0)
        act = world.params.activity
        self.decay_interest = float(np.exp(-LN2 * self.dt_h / act.interest_half_life_h))
        self.interest_half_sat = float(act.interest_half_sat)
        self.talk_floor = world.type_columns["talk_floor"]
        self.clear_rate = float(act.clear_rate)
        fat = world.params.fatigue
        self.chatter_weight = float(fat.chatter_weight)
        self.join_weight = float(fat.join_weight)

    def run(self) -> Generator[Any, Any, None]:
        w = self.w
        while True:
            yield w.env.timeout(self.dt)
            t = float(w.env.now)
            self.step(t)
            if t % MINUTES_PER_DAY < 1e-9:
                end_of_day(w, round(t / MINUTES_PER_DAY) - 1, self.lo)
                self._advance_lo()
            if t >= w.horizon - 1e-9:
                return

    def _advance_lo(self) -> None:
        pop = self.w.pop
        here = np.flatnonzero(pop.state[self.lo: pop.n] < population.LEFT)
        self.lo = self.lo + int(here[0]) if here.size else pop.n

    def step(self, t: float) -> None:
        w = self.w
        deliver_invites(w, t)
        n = w.pop.n
        if n > self.lo:
            self._members(t, self.lo, n)
        self.n_prev = w.pop.n
        w.offers.step(t)

    # ------------------------------------------------------------------ one tick over the rows

    def _members(self, t: float, lo: int, n: int) -> None:
        w, pop, hz = self.w, self.w.pop, self.hz
        dt_h = self.dt_h
        first = max(self.n_prev, lo)  # rows [first, n) are in their first tick
        k = first - lo
        h_leave, h_mute, r0, h_chat, young, f_leave, f_mute = self.scratch.get(n - lo)
        v = self.views.over(lo, n)
        annoy = v.annoyance
        expo_new = x_leave_new = x_mute_new = _NO_TIMES
        if first < n:
            expo_new, x_leave_new, x_mute_new = hz.first_tick(slice(first, n), t)
        young = young[: n - first]
        runs = w.runs.window(lo, n)
        fired, times = self._fired(n - lo)

        # --- leaving: (base rate × frailty × (exposure + early spike) + push fatigue above the
        # leave tolerance) × exp(-b·trust), + the benefit spike, + clearing a quiet group;
        # muting (present -> muted) and folding (muted -> folded), for those who stay:
        # (base rate + push fatigue above the mute tolerance) × (exposure + the newcomers'
        # early spike) × exp(-b·trust); first-tick rows with their own exposure and the rest for
        # the share of the tick they lived; and the talk rates (tick_pass.py)
        # a group that is not quiet adds nothing to the clearing hazard (the kernel skips its runs)
        n_leave, n_switch = exit_pass(
            dt_h, t, k, expo_new, x_leave_new, x_mute_new, annoy, *self.trust_coefs, f_leave, f_mute, v.e_leave,
            v.k_leave, v.k_pleave, v.inv_tol_leave, v.k_benefit, v.benefit_from, v.benefit_until, self.clear_rate * dt_h,
            w.groups.quiet[: w.groups.n], *runs, v.e_sw, v.k_sw, v.k_psw, v.inv_tol_mute, self.trust_talk_coef,
            v.trust, v.k_talk, v.e_nov, young, h_leave, h_mute, v.rem_leave, v.rem_sw, r0, fired, times)
        leaving = fired[0, :n_leave].copy() if n_leave else _NO_INTS
        leave_t = times[0, :n_leave].copy() if n_leave else _NO_TIMES
        switched = self._switch(lo + fired[1, :n_switch], times[1, :n_switch]) if n_switch else _NO_INTS

        # --- chatter (before the leavers go: they may have said something first)
        self._chatter(t, lo, n, k, expo_new, young, h_chat, r0, runs)
        if switched.size:
            hz.refresh(switched)
        if leaving.size:
            w.leave(lo + leaving, leave_t, population.QUIT_SELF)

        # --- push pressure and trust fade; early spikes and novelty shrink
        one = hz.single_type
        if one is not None:  # one group type: one decay for all rows
            d_leave, d_sw = hz.leave_decay[one: one + 1], hz.mute_decay[one: one + 1]
        else:
            d_leave, d_sw = pop.d_leave[lo: first], pop.d_sw[lo: first]
        v = self.views.over(lo, n)  # as the columns are after the leaves
        fade(self.decay_annoy, self.decay_trust, self.decay_novelty, v.annoyance, v.trust, v.e_nov, k,
             d_leave, d_sw, v.e_leave, v.e_sw)

    def _fired(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Room for the rows whose clocks fire in a tick of ``n`` rows (leave, mute / fold, chat)
        and for when in the tick each fired."""
        if self.fired.shape[1] < n:
            size = max(n, 2 * self.fired.shape[1])
            self.fired, self.fire_t = np.empty((3, size), dtype=np.int64), np.empty((3, size))
            self.rem_speak = np.empty(size, dtype=F32)
        return self.fired, self.fire_t

    def _group_buffers(self, ng: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The per-group work arrays of the chatter (excitation, topic, factor) for ``ng`` groups;
        the talk floor by group is cached too: it changes only when a group is created."""
        if self._ng != ng:
            self._ng = ng
            self._floor = np.ascontiguousarray(self.talk_floor[self.w.spec_type[self.w.groups.spec[:ng]]],
                                               dtype=np.float64)
            self._lam0 = np.empty(ng)
            self._group_work = (np.empty(ng), np.empty(ng), np.empty(ng, dtype=F32))
            self._noise_work = (np.empty((2, ng)), np.empty(ng), np.empty(ng, dtype=np.int64), np.empty(ng))
        return self._group_work

    def _switch(self, rows: np.ndarray, times: np.ndarray) -> np.ndarray:
        """Present members mute, muted members fold; returns the rows whose state changed."""
        if rows.size == 0:
            return rows
        pop = self.w.pop
        mute_at, fold_at = np.empty(rows.size, dtype=np.int64), np.empty(rows.size, dtype=np.int64)
        switched = np.empty(rows.size, dtype=rows.dtype)
        nm, nf, ns = sort_switches(rows, pop.state, population.PRESENT, population.MUTED, mute_at, fold_at, switched)
        mute_at, fold_at = mute_at[:nm], fold_at[:nf]
        # the fold clocks of those who mute, drawn only when some do (as before)
        clocks = self.rng_fold.standard_exponential(nm, dtype=F32) if nm else _NO_ROWS
        apply_switches(rows, times, mute_at, fold_at, clocks, population.MUTED, population.FOLDED, pop.state,
                       pop.mute_t, pop.fold_t, pop.e_sw, pop.rem_sw)
        if self.w.events is not None:
            if nm:
                self._log_rows(rows[mute_at], times[mute_at], "mute")
            if nf:
                self._log_rows(rows[fold_at], times[fold_at], "fold")
        return switched[:ns]

    def _chatter(self, t: float, lo: int, n: int, k: int, expo_new: np.ndarray, young: np.ndarray,
                 h: np.ndarray, r0: np.ndarray, runs: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
        w = self.w
        pop = w.pop
        offsets, run_group, run_len = runs
        ng = w.groups.n
        # r0 (the talk rates without the hour-of-day factor, which is common to all and applied
        # per group) came from the exit pass; numpy's pairwise sums per run: a compiled loop
        # adding in the same order is slower
        sums = np.add.reduceat(r0, offsets)
        tod = float(w.tod_chat[int(((t - self.dt) % MINUTES_PER_DAY) // 60)])
        excite, topic, per_group = self._group_buffers(ng)
        msgs_g, noise, busy, fade_arg = self._noise_work
        fired, times = self.fired, self.fire_t
        first = lo + k
        v = self.views.over(lo, n)
        # conversation interest fed by operator content (model.activity): members talk at their
        # type's floor without it and up to their full rate with plenty of it; the join notices
        # of the newcomers (members pulled in together at creation make none)
        count = chatter_pass(sums, run_group, offsets, run_len, tod, t, self.dt_h, self.excitation_cap,
                             self.interest_half_sat, self.decay_interest, self.decay_hawkes, self._floor,
                             w.groups.hawkes[:ng], w.groups.interest[:ng], self._lam0, excite, topic, per_group, r0,
                             k, expo_new, young, h, v.rem_chat, fired[2], times[2], self.rem_speak,
                             pop.group[first: n], pop.scene[first: n], population.SCENE_INITIAL, self.join_weight,
                             noise)
        if count:
            speak = fired[2, :count].copy()
            rows = lo + speak
            burst, more, several, extra = self._turns(self.rng_chat, self.rem_speak[:count], pop.segment[rows])
            clocks = self.rng_chat.standard_exponential(count, dtype=F32)
            msgs = np.empty(count, dtype=np.int64)
            g_speak = np.empty(count, dtype=pop.group.dtype)
            # spoke_day: the tick's day; msg_day and the ledger's msg_total: the day the messages
            # are booked in; the branching ratio is counted in speaker-turns, so burst messages do
            # not compound it
            msg_day = int((t - 1e-6) // MINUTES_PER_DAY)
            book_pass(rows, more, burst, several, extra, clocks, pop.group, pop.rem_chat, pop.messages, pop.spoke_day, int((t - 1e-9) // MINUTES_PER_DAY),
                      w.groups.msg_day, msg_day, msgs, g_speak, msgs_g, pop.spec,
                      w.ledger.day_column("msg_total", msg_day), self.alpha_per_tau, w.groups.hawkes[:ng],
                      self.chatter_weight, noise)
            if w.track_activity:
                pop.last_active_t[rows] = t
            if w.events is not None:  # the event log is on: one record per message, timed in the tick
                # a speaker-turn starts where the speaker's clock crossed its threshold inside the
                # tick, so a log shows bursts and gaps, not one instant per hour
                reply_share = excite / np.maximum(topic + excite, 1e-12)
                who, when, kind = self.message_clock.place(t, self.dt, g_speak, times[2, :count].copy(), 1 + more,
                                                           msgs, reply_share)
                for i, tt, kd in zip(who.tolist(), when.tolist(), kind.tolist()):
                    r = int(rows[i])
                    w.log(tt, "message", chat_id=w.chat_id(int(pop.group[r])), member=int(pop.person[r]),
                          segment=SEGMENTS[pop.segment[r]], turn=MESSAGE_KINDS[kd], tick_time=t)
        elif first == n:
            return  # nobody spoke and nobody joined: no noise to hear
        # what present members notice besides operator messages: other members' messages and
        # the join notices / merged group welcomes of newcomers (pressure units, fatigue.py);
        # k_hear is the pressure scale for present members and 0 otherwise; the noisy groups'
        # pressure grows, so that newcomers see it in the history
        fat, groups = w.fatigue, w.groups
        v = self.views.over(lo, n)  # the speakers' bookings may have grown no array, but be sure
        count = hear_noise(noise, offsets, run_group, run_len, v.k_hear, v.annoyance, t, fat.memory,
                           groups.push_t, busy, fade_arg)
        if count:
            add_push(busy[:count], np.exp(fade_arg[:count]), noise, fat.scale, t, groups.push, groups.push_t)

    def _turns(self, rng: np.random.Generator, rem: np.ndarray,
               seg: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The speakers' first-turn bursts, their further turns in the tick, which of them have
        further turns and the burst messages of those.

        Each turn is one message plus Poisson(``burst[S]``) more; the hazard left in the tick
        after the first turn (``-rem``) brings Poisson(left) more turns (exact for a Poisson
        process: a heavy talker speaks several times an hour), each with its own burst. One
        array of uniforms a tick, three per speaker, inverted in one compiled loop
        (:func:`simgroup.engine.chatter_kernels.turn_draws`): numpy's sampler from an array of
        means costs about half a microsecond a draw, and a busy tick has hundreds of speakers.
        The rare mean too large to invert is drawn by numpy's sampler afterwards, in order."""
        n = rem.size
        u = rng.random((3, n))
        burst, more, several, extra = (np.empty(n, dtype=np.int64) for _ in range(4))
        count = turn_draws(rem, seg, self.burst_mean, u, burst, more, several, extra)
        several, extra = several[:count], extra[:count]
        if burst.min(initial=0) < 0:
            big = np.flatnonzero(burst < 0)
            burst[big] = rng.poisson(self.burst_mean[seg[big]])
        if count and extra.min() < 0:
            big = np.flatnonzero(more < 0)
            if big.size:
                more[big] = rng.poisson(np.maximum(-rem[big].astype(np.float64), 0.0))
            late = np.flatnonzero(extra < 0)
            extra[late] = rng.poisson(self.burst_mean[seg[several[late]]] * more[several[late]])
        return burst, more, several, extra

    def _log_rows(self, rows: np.ndarray, times: np.ndarray, event: str) -> None:
        w = self.w
        if w.events is None:
            return
        for r, tt in zip(rows, times):
            w.log(float(tt), event, chat_id=w.chat_id(int(w.pop.group[r])), member=int(w.pop.person[r]), view="god")
