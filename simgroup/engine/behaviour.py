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
from simgroup.engine.chatter_kernels import (
    add_push,
    book_speakers,
    chat_clocks,
    hear_noise,
    invert_cdfs,
    join_noise,
    talk_rates,
)
from simgroup.engine.daily import end_of_day
from simgroup.engine.exits import leave_clock, switch_clock
from simgroup.engine.fission import deliver_invites
from simgroup.engine.tick_kernels import apply_switches, fade, fire_times, sort_switches
from simgroup.scenario.times import MINUTES_PER_DAY
from simgroup.scenario.vocabulary import SEGMENTS

if TYPE_CHECKING:
    from simgroup.engine.world import World

LN2 = float(np.log(2.0))
F32 = np.float32
_NO_ROWS = np.zeros(0, dtype=F32)  # `young` when no row is in its first tick
_NO_TIMES = np.zeros(0)  # `expo_new` when no row is in its first tick
_NO_INTS = np.zeros(0, dtype=np.int64)
#: up to this many speakers in a tick, their Poisson draws are made one by one (see `_turns`)
_FEW_SPEAKERS = 24


def _poisson_pmf(mean: float, size: int) -> np.ndarray:
    """P(X = k) for k < ``size``, X ~ Poisson(``mean``)."""
    if mean <= 0:
        certain: np.ndarray = np.r_[1.0, np.zeros(size - 1)]
        return certain
    k = np.arange(size)
    pmf: np.ndarray = np.exp(k * np.log(mean) - mean - np.cumsum(np.r_[0.0, np.log(k[1:])]))
    return pmf


class _PoissonTable:
    """Poisson draws with a mean per segment by inverting one uniform through a precomputed CDF
    (exact up to a tail mass below 1e-12; a per-element mean in ``Generator.poisson`` costs ~5x)."""

    def __init__(self, lam: np.ndarray) -> None:
        top = max(float(lam.max(initial=0.0)), 1e-9)
        size = 8
        while size <= top or _poisson_pmf(top, size)[-1] > 1e-13:  # the tail beyond is negligible
            size *= 2
        self.size = size
        cdf = np.array([np.cumsum(_poisson_pmf(float(m), size)) for m in lam])
        # one sorted array: segment s's CDF shifted by 2s, so a uniform shifted the same way
        # lands among its own segment's values only
        self.flat = (cdf + 2.0 * np.arange(lam.size)[:, None]).ravel()

    def draw(self, rng: np.random.Generator, seg: np.ndarray) -> np.ndarray:
        """One draw per element of ``seg``: the number of CDF values at or below a uniform."""
        out = np.empty(seg.size, dtype=np.int64)
        invert_cdfs(self.flat, self.size, rng.random(seg.size), seg, out)
        return out


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
        self.decay_annoy = F32(world.fatigue.decay(self.dt))
        self.decay_trust = F32(np.exp(-LN2 * self.dt_h / m.trust_half_life_h))
        self.decay_novelty = F32(np.exp(-self.dt_h / m.novelty_tau_h))
        self.decay_hawkes = float(np.exp(-self.dt_h / ch.excitation_tau_h))
        self.alpha_per_tau = ch.excitation_alpha / ch.excitation_tau_h
        self.excitation_cap = float(ch.excitation_cap)
        self.message_clock = MessageClock(streams.get("tick", "message_times"), ch.reply_delay_min, ch.burst_gap_s)
        self.burst = _PoissonTable(world.segment_columns["burst"])
        self.burst_mean = np.asarray(world.segment_columns["burst"], dtype=np.float64)
        self.burst_mean_list: list[float] = self.burst_mean.tolist()
        self.lo = 0  # rows below have all left
        self.n_prev = 0  # rows below have had at least one tick
        self.scratch = _Scratch(4)  # factor, hazard, chat rate, excess
        # -b of the leave and the mute trust factors, and the two rows they are computed into
        self._trust_coefs = np.array([[-m.trust_leave_coef], [-m.trust_mute_coef]], dtype=F32)
        work = np.empty((2, 0), dtype=F32)
        self._trust_work: tuple[np.ndarray, tuple[np.ndarray, np.ndarray]] = (work, (work[0], work[1]))
        self.fired = np.empty(0, dtype=np.int64)  # room for the rows whose clock fired in a tick
        self.views = population.RowViews(world.pop)
        self._ng = -1  # the group count the per-group buffers below were made for
        self._floor = np.zeros(0)
        self._lam0 = np.zeros(0)
        self._group_work: tuple[np.ndarray, np.ndarray, np.ndarray] = (self._lam0, self._lam0, _NO_ROWS)
        self._noise_work: tuple[np.ndarray, np.ndarray] = (_NO_INTS, self._lam0)  # noisy groups, their fade
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
        fac, h, r, x = self.scratch.get(n - lo)
        v = self.views.over(lo, n)
        annoy, trust = v.annoyance, v.trust
        expo_new = x_leave_new = x_mute_new = None
        if first < n:
            expo_new, x_leave_new, x_mute_new = hz.first_tick(slice(first, n), t)
        young = None if expo_new is None else (expo_new / dt_h).astype(F32)  # share of the tick lived
        runs = w.runs.window(lo, n)

        # --- leaving: (base rate × frailty × (exposure + early spike) + push fatigue above the
        # leave tolerance) × exp(-b·trust), + the benefit spike, + clearing a quiet group; the
        # first-tick rows (from k on) first, with their own exposure and the rest for the share
        # of the tick they lived, then the other rows, clearing and the clocks in one call
        ftr, ftr_mute = self._trust_factors(trust)
        y = slice(first, n)
        if young is not None and x_leave_new is not None:
            hy, xy = h[k:], x[k:]
            np.multiply(pop.k_leave[y], x_leave_new, out=hy, casting="same_kind")
            _excess(annoy[k:], pop.inv_tol_leave[y], xy)
            xy *= pop.k_pleave[y]
            xy *= F32(dt_h)
            xy *= young
            hy += xy
            hy *= ftr[k:]
            np.multiply(pop.k_benefit[y], (pop.benefit_until[y] > t) & (pop.benefit_from[y] < t), out=xy)
            xy *= young
            hy += xy
        rem = v.rem_leave
        # a group that is not quiet adds nothing to the clearing hazard (the kernel skips its runs)
        count = leave_clock(dt_h, t, k, v.e_leave, v.k_leave, v.k_pleave, v.inv_tol_leave,
                            annoy, ftr, v.k_benefit, v.benefit_from, v.benefit_until,
                            self.clear_rate * dt_h, w.groups.quiet[: w.groups.n], *runs,
                            _NO_ROWS if young is None else young, h, rem, self._fired(n - lo))
        leaving = self.fired[:count].copy()
        leave_t = self._within(t, leaving, rem, h, k, expo_new)

        # --- muting (present -> muted) and folding (muted -> folded), for those who stay:
        # (base rate + push fatigue above the mute tolerance) × (exposure + the newcomers'
        # early spike) × exp(-b·trust); first-tick rows first, as for leaving
        ftr = ftr_mute
        if young is not None and x_mute_new is not None:
            hy, xy = h[k:], x[k:]
            _excess(annoy[k:], pop.inv_tol_mute[y], xy)
            xy *= pop.k_psw[y]
            xy += pop.k_sw[y]
            np.multiply(xy, x_mute_new, out=hy, casting="same_kind")
            hy *= ftr[k:]
        rem = v.rem_sw
        count = switch_clock(dt_h, k, v.e_sw, v.k_sw, v.k_psw, v.inv_tol_mute, annoy, ftr, h,
                             rem, self._fired(n - lo))
        switching = self.fired[:count].copy()
        if switching.size:
            switching = switching[pop.rem_leave[lo + switching] > 0]  # leavers do not also mute
        switch_t = self._within(t, switching, rem, h, k, expo_new)
        switched = self._switch(lo + switching, switch_t)

        # --- chatter (before the leavers go: they may have said something first)
        self._chatter(t, lo, n, k, expo_new, young, fac, r, runs)
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
        fade(float(self.decay_annoy), float(self.decay_trust), float(self.decay_novelty), annoy, trust,
             v.e_nov, k, d_leave, d_sw, v.e_leave, v.e_sw)

    def _fired(self, n: int) -> np.ndarray:
        """Room for the rows whose clock fires in a tick of ``n`` rows."""
        if self.fired.size < n:
            self.fired = np.empty(max(n, 2 * self.fired.size), dtype=np.int64)
        return self.fired

    def _group_buffers(self, ng: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The per-group work arrays of the chatter (excitation, topic, factor) for ``ng`` groups;
        the talk floor by group is cached too: it changes only when a group is created."""
        if self._ng != ng:
            self._ng = ng
            self._floor = np.ascontiguousarray(self.talk_floor[self.w.spec_type[self.w.groups.spec[:ng]]],
                                               dtype=np.float64)
            self._lam0 = np.empty(ng)
            self._group_work = (np.empty(ng), np.empty(ng), np.empty(ng, dtype=F32))
            self._noise_work = (np.empty(ng, dtype=np.int64), np.empty(ng))
        return self._group_work

    def _trust_factors(self, trust: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``exp(-b·trust)`` for the leave and the mute coefficient ``b``: value received and trust
        lower every exit hazard. One float32 multiply and one ``exp`` over both rows of a work array."""
        out, rows = self._trust_work
        if out.shape[1] != trust.size:  # the rows change about one tick in seven: new contiguous rows
            out = np.empty((2, trust.size), dtype=F32)
            self._trust_work = out, (out[0], out[1])
            rows = self._trust_work[1]
        np.multiply(trust, self._trust_coefs, out=out)
        np.exp(out, out=out)
        return rows

    def _within(self, t: float, local: np.ndarray, rem: np.ndarray, h: np.ndarray, k: int,
                expo_new: np.ndarray | None) -> np.ndarray:
        """When in the tick each firing clock crossed its threshold (hazard constant in the tick)."""
        if local.size == 0:
            return _NO_TIMES  # most ticks: nobody's clock fired (an empty array is never written)
        within = np.empty(local.size)
        # rows in their first tick (from k on) were exposed only since joining
        if expo_new is None:
            k, expo_new = rem.size, _NO_TIMES
        fire_times(t, self.dt_h, local, rem, h, k, expo_new, within)
        return within

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

    def _chatter(self, t: float, lo: int, n: int, k: int, expo_new: np.ndarray | None, young: np.ndarray | None,
                 tmp: np.ndarray, r0: np.ndarray, runs: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
        w = self.w
        pop = w.pop
        m = self.m
        offsets, run_group, run_len = runs
        ng = w.groups.n
        # r0 without the hour-of-day factor, which is common to all and applied per group
        v = self.views.over(lo, n)
        talk_rates(m.trust_talk_coef, v.trust, v.k_talk, v.e_nov, r0)
        # numpy's pairwise sums per run: a compiled loop adding in the same order is slower
        sums = np.add.reduceat(r0, offsets)
        hour = int(((t - self.dt) % MINUTES_PER_DAY) // 60)
        tod = float(w.tod_chat[hour])
        excite, topic, per_group = self._group_buffers(ng)
        # conversation interest fed by operator content (model.activity): members talk at their
        # type's floor without it and up to their full rate with plenty of it
        h = tmp
        rem = v.rem_chat
        fired = self._fired(rem.size)
        count = chat_clocks(sums, run_group, offsets, run_len, tod, self.dt_h, self.excitation_cap,
                            self.interest_half_sat, self.decay_interest, self.decay_hawkes, self._floor,
                            w.groups.hawkes[:ng], w.groups.interest[:ng], self._lam0, excite, topic, per_group,
                            r0, k, _NO_ROWS if young is None else young, h, rem, fired)
        speak = fired[:count].copy()
        # what present members notice besides operator messages: other members' messages and
        # the join notices / merged group welcomes of newcomers (pressure units, fatigue.py)
        noise = None
        if k < n - lo:  # members pulled in together at creation make no join notices to notice
            noise = np.empty(ng)
            join_noise(pop.group[lo + k: n], pop.scene[lo + k: n], population.SCENE_INITIAL, self.join_weight, noise)
        if speak.size:
            rows = lo + speak
            rng = self.rng_chat
            seg = pop.segment[rows]
            # a speaker-turn starts where the speaker's clock crossed its threshold inside the
            # tick, so a log shows bursts and gaps, not one instant per hour
            times = self._within(t, speak, rem, h, k, expo_new) if w.events is not None else None
            more, several, extra, burst = self._turns(rng, rem[speak], seg)
            clocks = rng.standard_exponential(rows.size, dtype=F32)
            msgs = np.empty(rows.size, dtype=np.int64)
            g_speak = np.empty(rows.size, dtype=pop.group.dtype)
            if noise is None:
                msgs_g, turns_g, noise = np.zeros((3, ng))
            else:
                msgs_g, turns_g = np.zeros((2, ng))
            # spoke_day: the tick's day; msg_day and the ledger's msg_total: the day the messages
            # are booked in; the branching ratio is counted in speaker-turns, so burst messages do
            # not compound it
            msg_day = int((t - 1e-6) // MINUTES_PER_DAY)
            book_speakers(rows, more, burst, several, extra, clocks, pop.group, pop.rem_chat, pop.messages,
                          pop.spoke_day, int((t - 1e-9) // MINUTES_PER_DAY), w.groups.msg_day,
                          msg_day, msgs, g_speak, msgs_g, turns_g, pop.spec, w.ledger.day_column("msg_total", msg_day),
                          self.alpha_per_tau, w.groups.hawkes[:ng], self.chatter_weight, noise)
            if w.track_activity:
                pop.last_active_t[rows] = t
            if times is not None:  # the event log is on: one record per message, timed in the tick
                reply_share = excite / np.maximum(topic + excite, 1e-12)
                who, when, kind = self.message_clock.place(t, self.dt, g_speak, times, 1 + more, msgs, reply_share)
                for i, tt, kd in zip(who.tolist(), when.tolist(), kind.tolist()):
                    r = int(rows[i])
                    w.log(tt, "message", chat_id=w.chat_id(int(pop.group[r])), member=int(pop.person[r]),
                          segment=SEGMENTS[pop.segment[r]], turn=MESSAGE_KINDS[kd], tick_time=t)
        if noise is not None:
            # k_hear is the pressure scale for present members and 0 otherwise; the noisy groups'
            # pressure grows, so that newcomers see it in the history (fatigue.py)
            fat, groups = w.fatigue, w.groups
            busy, fade_arg = self._noise_work
            v = self.views.over(lo, n)
            count = hear_noise(noise, offsets, run_group, run_len, v.k_hear, v.annoyance, t, fat.memory,
                               groups.push_t, busy, fade_arg)
            if count:
                add_push(busy[:count], np.exp(fade_arg[:count]), noise, fat.scale, t, groups.push, groups.push_t)

    def _turns(self, rng: np.random.Generator, rem: np.ndarray,
               seg: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The speakers' further turns in the tick, which of them have some, the burst messages
        of those further turns and of the first turn, drawn in this order from ``rng``.

        The hazard left in the tick after the first turn (``-rem``) brings Poisson(left) more
        turns (exact for a Poisson process: a heavy talker speaks several times an hour), and
        each further turn has its own burst. A tick has a handful of speakers, for whom a
        Poisson draw per speaker costs a fraction of an array draw's fixed cost (its argument
        checks); the draws are the same either way (an array draw makes the scalar draws in
        order, and a mean of 0 draws nothing)."""
        if rem.size > _FEW_SPEAKERS:
            more = rng.poisson(np.maximum(-rem, 0.0))
            burst = self.burst.draw(rng, seg)
            several = np.flatnonzero(more)
            extra = rng.poisson(self.burst_mean[seg[several]] * more[several]) if several.size else more[:0]
            return more, several, extra, burst
        poisson = rng.poisson
        turns = [poisson(-x) if x < 0.0 else 0 for x in rem.tolist()]
        burst = self.burst.draw(rng, seg)
        several_l = [i for i, c in enumerate(turns) if c]
        if several_l:
            mean, seg_l = self.burst_mean_list, seg.tolist()
            extra = np.array([poisson(mean[seg_l[i]] * turns[i]) for i in several_l], dtype=np.int64)
        else:
            extra = _NO_INTS
        return np.array(turns, dtype=np.int64), np.array(several_l, dtype=np.int64), extra, burst

    def _log_rows(self, rows: np.ndarray, times: np.ndarray, event: str) -> None:
        w = self.w
        if w.events is None:
            return
        for r, tt in zip(rows, times):
            w.log(float(tt), event, chat_id=w.chat_id(int(w.pop.group[r])), member=int(w.pop.person[r]), view="god")
