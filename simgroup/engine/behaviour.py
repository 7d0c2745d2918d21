"""Background hazards ticked over the whole population at once (DESIGN §3).

Each tick covers the interval that just ended, ``(t - dt, t]``: members leave, mute, fold and
chat with hazards integrated exactly over their exposure in the interval (a member who joined
mid-interval is exposed only since joining). Chatter is self-exciting per group: every message
adds to a decaying group intensity (a Hawkes process with branching ratio ``excitation_alpha``),
so messages beget messages and silence spreads.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import numpy as np

from simgroup.engine import population as P
from simgroup.scenario._time import MINUTES_PER_DAY
from simgroup.scenario.vocabulary import SEGMENTS

if TYPE_CHECKING:
    from simgroup.engine.world import World

LN2 = float(np.log(2.0))


def _early_integral(a1: np.ndarray, exposure: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """∫ exp(-a/τ) da over the ages ``[a1 - exposure, a1]`` (hours)."""
    a0 = a1 - exposure
    return tau * (np.exp(-a0 / tau) - np.exp(-a1 / tau))


class BackgroundTick:
    """The SimPy process that advances every member's state once per tick."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.dt = float(world.params.tick_minutes)
        streams = world.streams
        self.rng_leave = streams.get("tick", "leave")
        self.rng_mute = streams.get("tick", "mute")
        self.rng_fold = streams.get("tick", "fold")
        self.rng_chat = streams.get("tick", "chat")
        m = world.params.member
        self.state_leave = np.array([1.0, m.muted_leave_mult, m.folded_leave_mult, 0.0])
        self.state_talk = np.array([1.0, m.muted_talk_mult, m.folded_talk_mult, 0.0])

    def run(self) -> Generator[Any, Any, None]:
        w = self.w
        while True:
            yield w.env.timeout(self.dt)
            t = float(w.env.now)
            self.step(t)
            if t % MINUTES_PER_DAY < 1e-9:
                end_of_day(w, int(round(t / MINUTES_PER_DAY)) - 1)
            if t >= w.horizon - 1e-9:
                return

    def step(self, t: float) -> None:
        from simgroup.engine.fission import deliver_invites

        w = self.w
        deliver_invites(w, t)
        pop = w.pop
        idx = pop.in_group()
        if idx.size == 0:
            return
        params = w.params
        m = params.member
        dt_h = self.dt / 60.0
        age_h = (t - pop.join_t[idx]) / 60.0
        exposure = np.clip(age_h, 0.0, dt_h)
        seg = pop.segment[idx].astype(np.int64)
        typ = w.spec_type[pop.spec[idx]]
        state = pop.state[idx].astype(np.int64)
        annoy = pop.annoyance[idx].astype(np.float64)
        trust = pop.trust[idx].astype(np.float64)
        gt = w.gt
        persona = w.persona

        # --- leaving
        base = gt["leave_base"][typ] * (
            exposure + gt["leave_early_mult"][typ] * _early_integral(age_h, exposure, gt["leave_early_tau_h"][typ])
        )
        h_leave = (
            base
            * w.seg["leave_mult"][seg]
            * persona.leave_mult
            * self.state_leave[state]
            * (1.0 + m.annoy_leave_coef * annoy)
            * np.exp(-m.trust_leave_coef * trust)
        )
        benefit = (t - pop.benefit_t[idx]) < w.seg["benefit_window_h"][seg] * 60.0
        h_leave += benefit * w.seg["benefit_leave_rate"][seg] * persona.benefit_leave_mult * exposure
        u = self.rng_leave.random((2, idx.size))
        leaving = u[0] < -np.expm1(-h_leave)

        # --- muting (present -> muted) and folding (muted -> folded), for those who stay
        h_mute = (
            gt["mute_base"][typ]
            * (exposure + gt["mute_early_mult"][typ] * _early_integral(age_h, exposure, gt["mute_early_tau_h"][typ]))
            * w.seg["mute_mult"][seg]
            * (1.0 + m.annoy_mute_coef * annoy)
            * np.exp(-m.trust_mute_coef * trust)
        )
        h_fold = (
            gt["fold_base"][typ] * exposure * w.seg["mute_mult"][seg]
            * (1.0 + m.annoy_mute_coef * annoy) * np.exp(-m.trust_mute_coef * trust)
        )
        um = self.rng_mute.random(idx.size)
        uf = self.rng_fold.random(idx.size)
        muting = (~leaving) & (state == P.PRESENT) & (um < -np.expm1(-h_mute))
        folding = (~leaving) & (state == P.MUTED) & (uf < -np.expm1(-h_fold))
        within = t - exposure * 60.0 * u[1]  # a time inside each member's exposure
        if muting.any():
            rows = idx[muting]
            pop.state[rows] = P.MUTED
            pop.mute_t[rows] = within[muting]
            self._log_rows(rows, within[muting], "mute")
        if folding.any():
            rows = idx[folding]
            pop.state[rows] = P.FOLDED
            pop.fold_t[rows] = within[folding]
            self._log_rows(rows, within[folding], "fold")

        # --- chatter (before the leavers go: they may have said something first)
        self._chatter(t, idx, seg, typ, state, age_h, exposure, trust)

        if leaving.any():
            w.leave(idx[leaving], within[leaving], P.QUIT_SELF)

        # --- annoyance and trust fade
        decay_a = np.float32(np.exp(-LN2 * dt_h / m.annoyance_half_life_h))
        decay_t = np.float32(np.exp(-LN2 * dt_h / m.trust_half_life_h))
        pop.annoyance[idx] *= decay_a
        pop.trust[idx] *= decay_t

    def _chatter(self, t: float, idx: np.ndarray, seg: np.ndarray, typ: np.ndarray, state: np.ndarray,
                 age_h: np.ndarray, exposure: np.ndarray, trust: np.ndarray) -> None:
        w = self.w
        pop = w.pop
        m = w.params.member
        ch = w.params.chatter
        groups = pop.group[idx].astype(np.int64)
        alive = w.groups.alive[groups]
        hour = int(((t - self.dt) % MINUTES_PER_DAY) // 60)
        r0 = (
            w.seg["talk_rate"][seg]
            * w.gt["talk_mult"][typ]
            * self.state_talk[state]
            * w.tod_chat[hour]
            * (1.0 + m.novelty_talk_mult * np.exp(-age_h / m.novelty_tau_h))
            * (1.0 + m.trust_talk_coef * trust)
            * alive
        )
        ng = w.groups.n
        lam0 = np.bincount(groups, weights=r0, minlength=ng)
        hawkes = w.groups.hawkes[:ng]
        excite = np.minimum(hawkes / np.maximum(lam0, 1e-9), 50.0)
        rate = r0 * (1.0 + excite[groups])
        speak = self.rng_chat.random(idx.size) < -np.expm1(-rate * exposure)
        dt_h = self.dt / 60.0
        hawkes *= np.exp(-dt_h / ch.excitation_tau_h)
        if not speak.any():
            return
        rows = idx[speak]
        msgs = 1 + self.rng_chat.poisson(w.seg["burst"][seg[speak]])
        msgs_g = np.bincount(groups[speak], weights=msgs, minlength=ng)
        # the branching ratio is counted in speaker-turns, so burst messages do not compound it
        hawkes += ch.excitation_alpha * np.bincount(groups[speak], minlength=ng) / ch.excitation_tau_h
        pop.messages[rows] += msgs
        day = int((t - 1e-9) // MINUTES_PER_DAY)
        pop.spoke_day[rows] = day
        pop.last_active_t[rows] = t
        w.ledger.add_many("msg_total", pop.spec[rows].astype(np.int64), t - 1e-6, msgs)
        # hearing chatter annoys unmuted members a little
        unmuted = state == P.PRESENT
        heard = msgs_g[groups[unmuted]]
        pop.annoyance[idx[unmuted]] += (m.chatter_annoyance * heard).astype(np.float32)
        if w.events is not None:
            for r, k in zip(rows, msgs):
                w.log(t, "message", chat_id=w.chat_id(int(pop.group[r])), member=int(pop.person[r]),
                      segment=SEGMENTS[pop.segment[r]], count=int(k))

    def _log_rows(self, rows: np.ndarray, times: np.ndarray, event: str) -> None:
        w = self.w
        if w.events is None:
            return
        for r, tt in zip(rows, times):
            w.log(float(tt), event, chat_id=w.chat_id(int(w.pop.group[r])), member=int(w.pop.person[r]), view="god")


def end_of_day(w: World, day: int) -> None:
    """Daily snapshot per spec (WeCom-style statistics) and the group-death rule."""
    if day < 0 or day >= w.days:
        return
    pop = w.pop
    n = pop.n
    ns = len(w.specs)
    led = w.ledger.daily
    in_group = pop.state[:n] < P.LEFT
    spec = pop.spec[:n].astype(np.int64)
    led["member_total"][:, day] = np.bincount(spec[in_group], minlength=ns)
    spoke = in_group & (pop.spoke_day[:n] == day)
    led["member_has_msg"][:, day] = np.bincount(spec[spoke], minlength=ns)
    muted = in_group & (pop.state[:n] >= P.MUTED)
    led["muted"][:, day] = np.bincount(spec[muted], minlength=ns)
    led["folded"][:, day] = np.bincount(spec[in_group & (pop.state[:n] == P.FOLDED)], minlength=ns)
    ng = w.groups.n
    gspec = w.groups.spec[:ng].astype(np.int64)
    alive = w.groups.alive[:ng]
    led["chat_total"][:, day] = np.bincount(gspec[alive], minlength=ns)
    created_today = (w.groups.created_t[:ng] // MINUTES_PER_DAY) == day
    led["new_chat_cnt"][:, day] = np.bincount(gspec[created_today], minlength=ns)

    # group death: daily speaker rate under the type's threshold for `death_days` days running
    groups = pop.group[:n].astype(np.int64)
    members_g = np.bincount(groups[in_group], minlength=ng)
    speakers_g = np.bincount(groups[spoke], minlength=ng)
    rate = speakers_g / np.maximum(members_g, 1)
    typ = w.spec_type[gspec]
    low = rate < w.gt["death_speak_rate"][typ]
    w.groups.low_days[:ng] = np.where(low & alive, w.groups.low_days[:ng] + 1, 0)
    dying = np.flatnonzero(alive & (w.groups.low_days[:ng] >= w.gt["death_days"][typ]))
    for g in dying:
        w.end_group(int(g), float((day + 1) * MINUTES_PER_DAY), dissolved=False)
