"""The per-member yardstick: the yardstick workload's dynamics written as a loop over member objects.

Not used by the product. It exists to measure what the engine's design buys (member state as
arrays and one vectorised tick): the same dynamics (behaviour model v2, ``docs/model.md`` sections
"Push fatigue", "Muting, folding and leaving", "Reading", "Chatter", "Buying" and "Group
lifecycle"), the same hourly time step and the same SOP as :func:`workloads.yardstick_scenario`,
written per member the way a competent Python programmer would: one SimPy process for the tick
that loops over the groups and their member objects (``__slots__``), every constant hoisted into a
local variable, unit-exponential clocks as in the engine (a member's leave, mute/fold and chat
clocks are drawn when they start, so a tick costs arithmetic and no random draw unless a clock
fires), the imitation of the open offers on the same clocks, and nothing allocated per member and
tick. (Its first version was one SimPy process per member with a Bernoulli draw per hazard and
tick, about four times slower: a ratio against it flattered the engine.) Parameters come from the
scenario (``Scenario.params()``); the random numbers are its own, so the two agree on KPIs within
sampling error, not draw for draw (``tests/engine/test_yardstick.py``).

What each tick does, per member (state, pressure and trust as they stand at the tick):

- **Traits** at joining: segment, Beta interest and price sensitivity, one standard normal for
  both push tolerances (scaled by segment and group type), a gamma leave frailty (mean 1) and a
  log-normal talk propensity (mean 1).
- **Leaving**: ``(base × frailty × (dt + early spike) + leave_rate × excess over the leave
  tolerance × dt, the latter × unmuted_leave_mult while present) × exp(-trust_leave_coef·trust)``,
  plus the segment's benefit spike from a
  discounted order until the window after its order time ends, plus ``clear_rate × quietness``
  of the group.
- **Muting / folding** (if not leaving): ``(base + mute_rate or fold_rate × excess over the mute
  tolerance) × (dt + early mute spike, present members only) × exp(-trust_mute_coef·trust)``.
- **Chatter** (state at the start of the tick; leavers too): the member's rate times the group's
  factor ``tod·dt·(topic + min(hawkes / (tod·lam0), 50))``, where ``topic`` comes from the group's
  conversation interest and ``lam0`` is the sum of the members' rates; a speaker takes one turn
  plus Poisson(hazard left in the tick) more, each turn a message plus Poisson(burst).
- **Noise**: every present member gets ``chatter_weight × messages of the group in the tick ×
  7 / memory_days`` of pressure (so does the group's own pressure).
- Pressure decays with mean life ``memory_days``, trust with its half-life.

At each tick, before its members, each group closes the last tick (Hawkes
update with the turns and reply bursts, noise, group pressure), then sets this tick's chat factor
from the interest, the Hawkes intensity and ``lam0``. ``lam0`` is contributed by each member at
the end of its step for the next tick and corrected when trust grows between ticks (reading,
ordering), so it is the same sum the engine takes at the tick. Operator messages (a bot sends
every step, with ``auto_completion``) reach members by state, add pressure to everyone not yet
left by state (present 1, muted ``notice_muted``, folded ``notice_folded``; × the night weight,
though no step of this workload is at night), add
value to readers, interest and reply bursts to the group. Offers: propensity ÷ (1 + irritation ×
excess over the leave tolerance) × demand factor (intent from the last order and the role's cycle, wear-out, reference-price gain/loss; reading
counts as an exposure and moves the reference discount), a clock drawn at reading, then imitation
on what is left of the clocks of the offer's waiting readers, after the members at each tick. At each day end: the members
in groups, the speaker share, liveliness and quietness, and the group-death rule (a dead group
stops talking and sending its SOP; its members clear it at the full ``clear_rate``).

Left out because the yardstick workload does not exercise it (checked in :meth:`Yardstick.__init__`):
arrivals (so no join notices in the noise, and newcomers' starting pressure, the group's, is
only used at time 0 where it is 0), @all / announcements piercing mute, 1:1 messages, stock
limits, other actions (red packets, lotteries, check-ins, fission, migration, dissolution), the
coupon reputation (it only weighs the segments of QR joiners) and the operators' queue and
upkeep (every step is sent by a bot). :func:`run_yardstick` reports the same KPIs as the engine
so the benchmark can show that the two agree.
"""

from __future__ import annotations

import math
import random
from collections.abc import Generator
from typing import Any

import simpy

from simgroup.scenario.models import Scenario, parse_at, parse_every
from simgroup.scenario.vocabulary import SEGMENTS

PRESENT, MUTED, FOLDED, LEFT = 0, 1, 2, 3
DAY = 1440.0
NIGHT_START_H, NIGHT_END_H = 22, 7
LN2 = math.log(2.0)
NEVER = -math.inf
#: a member's demand record, per product (4 slots each): last order time, wear, when the wear was
#: last updated, expected discount
LAST, WEAR, WEAR_T, REF = 0, 1, 2, 3
SUPPORTED_ACTIONS = ("post", "coupon")


class Member:
    __slots__ = (
        "annoy",
        "benefit_from",
        "benefit_until",
        "burst",
        "demand",
        "e_leave",
        "e_sw",
        "heard",
        "interest",
        "inv_tol_leave",
        "inv_tol_mute",
        "k_benefit",
        "k_leave",
        "k_sw",
        "k_talk",
        "leave_t",
        "messages",
        "mute_t",
        "nov",
        "price_sens",
        "purchases",
        "rem_chat",
        "rem_leave",
        "rem_sw",
        "seg",
        "spoke_day",
        "state",
        "talk_base",
        "trust",
    )

    def __init__(self, seg: int, n_products: int) -> None:
        self.seg = seg
        self.state = PRESENT
        self.interest = 0.5
        self.price_sens = 0.5
        self.trust = 0.0
        self.annoy = 0.0  # push pressure, ad-equivalents per week
        self.inv_tol_mute = 0.0
        self.inv_tol_leave = 0.0
        self.k_leave = 0.0  # base leave rate × frailty (present)
        self.k_talk = 0.0  # talk rate × talk propensity (present, full interest)
        self.e_leave = 0.0  # the next tick's integral of the early leave spike (hours)
        self.e_sw = 0.0  # the same for muting (0 once muted)
        self.nov = 0.0  # the next tick's novelty
        self.talk_base = 0.0  # k_talk × state × (1 + novelty) for the next tick (lam0 = Σ talk_base × trust term)
        self.heard = True  # present at the start of the last tick: hears that tick's noise
        self.benefit_until = NEVER
        self.benefit_from = NEVER
        self.purchases = 0
        self.messages = 0
        self.spoke_day = -1
        self.leave_t = math.inf
        self.mute_t = math.inf
        self.demand = [NEVER, 0.0, 0.0, 0.0] * n_products
        # unit-exponential clocks: a process fires when the hazard accumulated since its clock
        # started reaches it (the same law as a Bernoulli draw 1 - exp(-h) per tick)
        self.rem_leave = self.rem_sw = self.rem_chat = math.inf
        self.k_sw: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # mute / fold rate by state
        self.k_benefit = 0.0  # leave hazard per tick inside the benefit window
        self.burst = 0.0  # mean further messages of a turn


class Group:
    __slots__ = (
        "acc",
        "alive",
        "boost",
        "chat",
        "count",
        "hawkes",
        "interest",
        "lively",
        "low_days",
        "members",
        "msgs",
        "noise",
        "push",
        "push_t",
        "quiet",
        "speakers",
        "turns",
    )

    def __init__(self) -> None:
        self.members: list[Member] = []
        self.count = 0
        self.alive = True
        self.acc = 0.0  # Σ members' chat rates for the next tick (lam0, without the hour factor)
        self.chat = 0.0  # this tick's factor on a member's rate: tod·dt·(topic + excitation)
        self.hawkes = 0.0  # self-excited intensity as used at the last tick
        self.boost = 0.0  # reply bursts since the last tick (not decayed before the next one)
        self.turns = 0  # speaker-turns of the current tick
        self.msgs = 0  # messages of the current tick
        self.noise = 0.0  # pressure from the last tick's messages, for members present then (decayed once)
        self.push = 0.0  # pressure the group has been sending, as of push_t
        self.push_t = 0.0
        self.interest = 0.0  # conversation interest from operator content
        self.lively = -1.0  # smoothed daily speaker share (-1 before the first day end)
        self.quiet = 0.0
        self.low_days = 0
        self.speakers = 0  # distinct speakers today among members still in the group


class Offer:
    __slots__ = ("discount", "end", "group", "lasts", "product", "prop", "rem", "sold", "start", "waiting")

    def __init__(self, group: Group, start: float, end: float, discount: float, lasts: float, product: int) -> None:
        self.group = group
        self.start = start
        self.end = end
        self.discount = discount
        self.lasts = lasts
        self.product = product
        self.sold = 0
        # readers who did not buy at the push: each one's propensity and what is left of its clock
        self.waiting: list[Member] = []
        self.prop: list[float] = []
        self.rem: list[float] = []


def is_night(t: float) -> bool:
    hour = (t % DAY) // 60
    return hour >= NIGHT_START_H or hour < NIGHT_END_H


class Yardstick:
    """One replication of :func:`workloads.yardstick_scenario` with per-member processes."""

    def __init__(self, scenario: Scenario, seed: int = 1) -> None:
        self.sc = scenario
        self.steps = _check_workload(scenario)
        p = scenario.params()
        self.p = p
        self.rng = random.Random(seed)
        self.env = simpy.Environment()
        self.days = scenario.days
        self.horizon = self.days * DAY
        dt = self.dt = float(p.tick_minutes)
        dt_h = self.dt_h = dt / 60.0
        spec = scenario.groups[0]
        gt = self.gt = p.group_types[spec.type]
        persona = self.persona = p.personas[scenario.operators.persona]
        m, f, r, act, ch = p.member, p.fatigue, p.reading, p.activity, p.chatter
        self.m = m
        segs = self.segs = [p.segments[s] for s in SEGMENTS]
        # static rates by segment (present state; the state factors multiply)
        self.k_leave = [gt.leave_base * s.leave_mult * persona.leave_mult for s in segs]
        self.k_sw = [(gt.mute_base * s.mute_mult, gt.fold_base * s.mute_mult, 0.0, 0.0) for s in segs]
        self.k_talk = [gt.talk_mult * s.talk_rate for s in segs]
        self.k_benefit = [s.benefit_leave_rate * persona.benefit_leave_mult * dt_h for s in segs]
        self.benefit_window = [s.benefit_window_h * 60.0 for s in segs]
        self.state_leave = (1.0, m.muted_leave_mult, m.folded_leave_mult, 0.0)
        self.state_talk = (1.0, m.muted_talk_mult, m.folded_talk_mult, 0.0)
        # push fatigue: pressure above tolerance mutes (present), folds (muted), makes anyone leave
        self.k_psw = (f.mute_rate, f.fold_rate, 0.0, 0.0)
        # pressure drives leaving mostly once muted (a member mutes first and leaves later)
        escalation = (f.unmuted_leave_mult, 1.0, 1.0, 0.0)
        self.k_pleave = tuple(f.leave_rate * s * e for s, e in zip(self.state_leave, escalation))
        shift = [math.log(s.tolerance_mult) + math.log(gt.tolerance_mult) for s in segs]
        self.mu_mute = [math.log(f.tolerance_median) + x for x in shift]
        self.mu_leave = [math.log(f.leave_tolerance_median) + x for x in shift]
        self.memory = f.memory_days * DAY  # mean life of pressure, minutes
        self.scale = 7.0 / f.memory_days  # pressure per ad-equivalent noticed
        self.notice = (1.0, r.notice_muted, r.notice_folded, 0.0)
        self.read = (min(r.present, 1.0), min(r.muted, 1.0), min(r.folded, 1.0), 0.0)
        # early-life spikes and novelty of members who join at a tick (the initial members): the
        # first tick's integral of the spike, then a constant factor per tick
        self.d_leave = math.exp(-dt_h / gt.leave_early_tau_h)
        self.d_sw = math.exp(-dt_h / gt.mute_early_tau_h)
        self.e_leave0 = gt.leave_early_mult * gt.leave_early_tau_h * (1.0 - self.d_leave)
        self.e_sw0 = gt.mute_early_mult * gt.mute_early_tau_h * (1.0 - self.d_sw)
        self.d_nov = math.exp(-dt_h / m.novelty_tau_h)
        self.nov0 = m.novelty_talk_mult * self.d_nov
        # decays per tick
        self.d_annoy = math.exp(-dt / self.memory)
        self.d_trust = math.exp(-LN2 * dt_h / m.trust_half_life_h)
        self.d_hawkes = math.exp(-dt_h / ch.excitation_tau_h)
        self.d_interest = math.exp(-LN2 * dt_h / act.interest_half_life_h)
        self.tod = list(ch.time_of_day)
        # demand
        self.products = {pr.id: (j, pr) for j, pr in enumerate(scenario.products)}
        self.cycle = [float(getattr(p.demand.cycle_days, pr.role) if pr.repurchase_days is None else pr.repurchase_days)
                      * DAY for pr in scenario.products]
        self.by_segment: dict[tuple[float, float, float], list[float]] = {}
        self.groups: list[Group] = []
        self.everyone: list[Member] = []
        self.offers: list[Offer] = []  # open offers with waiting readers, in push order
        self.member_total = [0.0] * self.days
        self.orders = 0

    # ------------------------------------------------------------------ set-up

    def run(self) -> dict[str, Any]:
        spec = self.sc.groups[0]
        shares = self.sc.audience.shares()
        weights = [shares[s] for s in SEGMENTS]
        for _ in range(spec.initial_groups):
            g = Group()
            self.groups.append(g)
            for _ in range(spec.initial_members):
                g.members.append(self._new_member(g, 0.0, weights))
            g.count = len(g.members)
            self.everyone.extend(g.members)
            self.env.process(self._sop(g))
        self.env.process(self._tick())
        self.env.process(self._daily())
        self.env.run(until=self.horizon + 1e-3)
        return self._kpis()

    def _new_member(self, g: Group, t: float, weights: list[float]) -> Member:
        """A new person joining ``g`` at ``t`` (a tick time): traits, tolerances, heterogeneity."""
        rng, m, f = self.rng, self.m, self.p.fatigue
        seg = rng.choices(range(len(SEGMENTS)), weights)[0]
        s = self.segs[seg]
        mem = Member(seg, len(self.cycle))
        mem.interest = _beta(rng, s.interest)
        mem.price_sens = _beta(rng, s.price_sensitivity)
        z = rng.gauss(0.0, 1.0)  # one draw for both tolerances
        mem.inv_tol_mute = math.exp(-(self.mu_mute[seg] + f.tolerance_sigma * z))
        mem.inv_tol_leave = math.exp(-(self.mu_leave[seg] + f.leave_tolerance_sigma * z))
        cv = m.leave_frailty_cv
        frailty = 1.0
        if cv > 0:
            shape = 1.0 / (cv * cv)
            frailty = rng.gammavariate(shape, 1.0 / shape)
        sigma = m.talk_sigma
        talk_prop = math.exp(sigma * rng.gauss(0.0, 1.0) - 0.5 * sigma * sigma) if sigma > 0 else 1.0
        mem.k_leave = self.k_leave[seg] * frailty
        mem.k_talk = self.k_talk[seg] * talk_prop
        mem.trust = self.persona.trust_boost
        mem.annoy = self._group_pressure(g, t)  # a newcomer starts at what the group has been sending
        mem.e_leave, mem.e_sw, mem.nov = self.e_leave0, self.e_sw0, self.nov0
        mem.k_sw, mem.k_benefit, mem.burst = self.k_sw[seg], self.k_benefit[seg], s.burst
        expo = rng.expovariate
        mem.rem_leave, mem.rem_sw, mem.rem_chat = expo(1.0), expo(1.0), expo(1.0)
        mem.talk_base = mem.k_talk * (1.0 + mem.nov)
        g.acc += mem.talk_base * (1.0 + m.trust_talk_coef * mem.trust)
        return mem

    # ------------------------------------------------------------------ processes

    def _tick(self) -> Generator[Any, Any, None]:
        """Every tick: each group closes its last tick and sets this one's chat factor, then its
        members step in one loop; then the open offers' imitation. Everything the loop needs is
        a local variable or a member's slot, and nothing is allocated per member and tick."""
        env, dt, dt_h = self.env, self.dt, self.dt_h
        exp = math.exp
        rng = self.rng
        expo = rng.expovariate
        m, p = self.m, self.p
        state_leave, state_talk, k_psw, k_pleave = self.state_leave, self.state_talk, self.k_psw, self.k_pleave
        c_leave, c_mute, c_talk = m.trust_leave_coef, m.trust_mute_coef, m.trust_talk_coef
        clear = p.activity.clear_rate * dt_h
        d_leave, d_sw, d_nov, d_annoy, d_trust = self.d_leave, self.d_sw, self.d_nov, self.d_annoy, self.d_trust
        alpha = p.chatter.excitation_alpha / p.chatter.excitation_tau_h
        d_hawkes, d_interest = self.d_hawkes, self.d_interest
        hear = p.fatigue.chatter_weight * self.scale
        floor = self.gt.talk_floor
        half_sat = p.activity.interest_half_sat
        memory = self.memory
        tod_by_hour = self.tod
        inf = math.inf
        while True:
            yield env.timeout(dt)
            t = env.now
            t0 = t - dt
            day = int((t - 1e-9) // DAY)
            tod = tod_by_hour[int((t0 % DAY) // 60)]
            for g in self.groups:
                # close the last tick: Hawkes intensity with its turns and the reply bursts
                # since, the noise its messages made, the group's pressure
                g.hawkes = g.hawkes * d_hawkes + alpha * g.turns + g.boost
                g.boost = 0.0
                msgs = g.msgs
                g.turns = g.msgs = 0
                if msgs:
                    noise = hear * msgs
                    g.noise = noise * d_annoy  # added to the members present then, decayed once
                    g.push = g.push * exp(-(t0 - g.push_t) / memory) + noise
                    g.push_t = t0
                else:
                    g.noise = 0.0
                noise = g.noise
                lam0 = g.acc
                g.acc = 0.0
                # this tick's chat factor
                if g.alive:
                    interest = g.interest
                    topic = floor + (1.0 - floor) * interest / (interest + half_sat)
                    excite = min(g.hawkes / max(tod * lam0, 1e-9), 50.0)
                    chat = tod * dt_h * (topic + excite)
                else:
                    chat = 0.0
                g.chat = chat
                g.interest *= d_interest
                quiet = clear * g.quiet
                acc = 0.0
                gone = False
                for mem in g.members:
                    if mem.heard:
                        mem.annoy += noise
                    state = mem.state
                    trust, annoy = mem.trust, mem.annoy
                    # leaving
                    h = mem.k_leave * state_leave[state] * (dt_h + mem.e_leave)
                    x = annoy * mem.inv_tol_leave - 1.0
                    if x > 0.0:
                        h += k_pleave[state] * x * dt_h
                    h *= exp(-c_leave * trust)
                    if mem.benefit_until > t and mem.benefit_from < t:
                        h += mem.k_benefit
                    h += quiet
                    rem = mem.rem_leave - h
                    mem.rem_leave = rem
                    leaving = rem <= 0.0
                    if state < FOLDED:
                        # muting (present) or folding (muted)
                        x = annoy * mem.inv_tol_mute - 1.0
                        k = mem.k_sw[state] + k_psw[state] * x if x > 0.0 else mem.k_sw[state]
                        hs = k * (dt_h + mem.e_sw) * exp(-c_mute * trust)
                        rs = mem.rem_sw - hs
                        mem.rem_sw = rs
                        if rs <= 0.0 and not leaving:
                            if state == PRESENT:
                                mem.state = MUTED
                                mem.mute_t = t + dt * max(rs / hs, -1.0)
                                mem.e_sw = 0.0  # folding has no early spike
                                mem.rem_sw = expo(1.0)  # the fold clock
                            else:
                                mem.state = FOLDED
                                mem.rem_sw = inf
                    # chatter, with the state at the start of the tick (this tick's leavers too)
                    if chat:
                        hc = chat * mem.talk_base * (1.0 + c_talk * trust)
                        rc = mem.rem_chat - hc
                        if rc <= 0.0:
                            # the hazard left in the tick brings Poisson(left) more turns
                            turns = 1 + _poisson(rng, -rc) if rc < 0.0 else 1
                            k = turns + _poisson(rng, mem.burst * turns)
                            mem.messages += k
                            g.msgs += k
                            g.turns += turns
                            if mem.spoke_day != day:
                                mem.spoke_day = day
                                g.speakers += 1
                            rc = expo(1.0)
                        mem.rem_chat = rc
                    mem.heard = state == PRESENT
                    mem.annoy = annoy * d_annoy
                    mem.trust = trust = trust * d_trust
                    if leaving:
                        mem.state = LEFT
                        mem.leave_t = t + dt * max(rem / h, -1.0)
                        g.count -= 1
                        if mem.spoke_day == day:
                            g.speakers -= 1  # the day's speakers are counted among members still in
                        gone = True
                        continue
                    mem.e_leave *= d_leave
                    mem.e_sw *= d_sw
                    mem.nov = nov = mem.nov * d_nov
                    # this member's part of the group's chat rate at the next tick
                    mem.talk_base = tb = mem.k_talk * state_talk[mem.state] * (1.0 + nov)
                    acc += tb * (1.0 + c_talk * trust)
                g.acc += acc
                if gone:
                    g.members = [mem for mem in g.members if mem.state != LEFT]
            if self.offers:
                self._imitation(t)
            if t >= self.horizon - 1e-9:
                return

    def _sop(self, g: Group) -> Generator[Any, Any, None]:
        auto = self.p.operators
        random_ = self.rng.random
        for day in range(self.days):
            for at, step in self.steps:
                fire = day * DAY + at
                if fire >= self.horizon:
                    return
                yield self.env.timeout(fire + auto.auto_delay_minutes - self.env.now)
                t = self.env.now
                if random_() < auto.auto_completion and g.alive and t < self.horizon:
                    self._post(g, step, t)

    def _daily(self) -> Generator[Any, Any, None]:
        act = self.p.activity
        gt = self.gt
        keep = math.exp(-LN2 / act.liveliness_half_life_days)
        for day in range(self.days):
            # just after the day's last tick
            yield self.env.timeout((day + 1) * DAY + 1e-4 - self.env.now)
            total = 0
            for g in self.groups:
                members, speakers = g.count, g.speakers
                g.speakers = 0
                total += members
                rate = speakers / max(members, 1)
                if not g.alive:
                    g.quiet = 1.0  # members clear a dead group at the full rate
                    g.low_days = 0
                    continue
                g.lively = rate if g.lively < 0 else keep * g.lively + (1.0 - keep) * rate
                g.quiet = min(max(1.0 - g.lively / act.quiet_speak_rate, 0.0), 1.0) if act.quiet_speak_rate > 0 else 0.0
                low = rate < gt.death_speak_rate or speakers < gt.death_min_speakers
                g.low_days = g.low_days + 1 if low else 0
                if g.low_days >= gt.death_days:
                    g.alive = False  # no more chatter or SOP; members stay
            self.member_total[day] = float(total)

    def _imitation(self, t: float) -> None:
        """Each tick, after the members: every open offer's readers who wait get the imitation
        hazard ``imitation × share of members who bought × P_i × hours of the window in the
        tick`` on what is left of their clock; offers whose window ended close."""
        dt = self.dt
        imitation = self.gt.imitation
        closed = False
        for offer in self.offers:
            g = offer.group
            expo = (min(t, offer.end) - max(t - dt, offer.start)) / 60.0
            coef = imitation * min(offer.sold / max(g.count, 1), 1.0) * expo
            if coef > 0.0:
                waiting, prop, rem = offer.waiting, offer.prop, offer.rem
                sold = 0
                for i in range(len(waiting)):
                    left = rem[i] - coef * prop[i]
                    rem[i] = left
                    if left <= 0.0:
                        rem[i] = math.inf  # each reader buys at most once per offer
                        mem = waiting[i]
                        if mem.state != LEFT:
                            sold += 1
                            self._order(mem, g, t, offer.product, offer.discount, offer.lasts)
                offer.sold += sold  # the share is that at the start of the tick
            if offer.end <= t:
                closed = True
        if closed:
            self.offers = [offer for offer in self.offers if offer.end > t]

    # ------------------------------------------------------------------ operator messages and offers

    def _group_pressure(self, g: Group, t: float) -> float:
        return g.push * math.exp(-(t - g.push_t) / self.memory)

    def _gain_trust(self, mem: Member, g: Group, value: float) -> None:
        """Trust grows between ticks: so does the member's part of the next tick's group rate."""
        mem.trust += value
        g.acc += mem.talk_base * self.m.trust_talk_coef * value

    def _post(self, g: Group, step: Any, t: float) -> None:
        p = self.p
        action = p.actions[step.do]
        value, weight, reply, interest = action.value, action.annoyance, action.reply_boost, action.interest
        buy_mult, lasts = 1.0, 0.0
        if step.do == "post":
            kind = p.posts[step.kind]
            value, weight, reply, interest = (value + kind.value, weight + kind.annoyance,
                                              reply + kind.reply_boost, interest + kind.interest)
            buy_mult = kind.buy_mult
        else:  # coupon
            lasts = float(step.lasts)
        added = 0.0
        if weight > 0:
            added = weight * (p.reading.night_annoyance_mult if is_night(t) else 1.0) * self.scale
        random_ = self.rng.random
        read, notice = self.read, self.notice
        readers = []
        for mem in g.members:
            state = mem.state
            if state == LEFT:
                continue
            if random_() < read[state]:
                readers.append(mem)
            mem.annoy += added * notice[state]  # everyone targeted feels it, by state
        if added:
            g.push = self._group_pressure(g, t) + added
            g.push_t = t
        g.interest += interest
        if value:
            for mem in readers:
                self._gain_trust(mem, g, value)
        if reply > 0:
            g.boost += reply * len(readers) / p.chatter.excitation_tau_h
        if step.product is not None and readers and buy_mult > 0:
            self._offer(g, readers, t, step.product, float(step.discount), lasts, buy_mult)

    def _offer(self, g: Group, readers: list[Member], t: float, product: str, discount: float, lasts: float,
               kind_mult: float) -> None:
        b = self.p.buying
        j, pr = self.products[product]
        by_segment = self.by_segment.get((pr.price, discount, kind_mult))
        if by_segment is None:
            scalar = (self.gt.buy_base * self.persona.conversion_mult * kind_mult * 2.0 * b.price_ref
                      / (b.price_ref + pr.price))
            if discount > 0:
                scalar *= self.persona.coupon_mult
            by_segment = [scalar * s.buy_mult if discount + 1e-12 >= s.min_discount else 0.0 for s in self.segs]
            self.by_segment[(pr.price, discount, kind_mult)] = by_segment
        hours = int(lasts / self.dt + 1e-9)  # imitation runs over whole ticks of the window
        offer = Offer(g, t, t + hours * self.dt, discount, lasts, j) if hours >= 1 and self.gt.imitation > 0 else None
        expo = self.rng.expovariate
        sold = 0
        for mem in readers:
            prop = by_segment[mem.seg] * mem.interest * (1.0 + b.trust_coef * mem.trust)
            if discount:
                prop *= 1.0 + b.discount_elasticity * discount * mem.price_sens
            if mem.purchases:
                prop *= b.repurchase_mult
            fed_up = mem.annoy * mem.inv_tol_leave - 1.0
            if fed_up > 0.0:  # an irritated reader buys less
                prop /= 1.0 + b.irritation * fed_up
            prop *= self._respond(mem, j, discount, t)  # reading it is an exposure either way
            clock = expo(1.0)  # buys now if the push's hazard reaches the reader's clock
            if clock < prop:
                sold += 1
                self._order(mem, g, t, j, discount, lasts)
            elif offer is not None:
                offer.waiting.append(mem)
                offer.prop.append(prop)
                offer.rem.append(clock - prop)
        if offer is not None and offer.waiting:
            offer.sold = sold
            self.offers.append(offer)

    def _respond(self, mem: Member, j: int, discount: float, t: float) -> float:
        """The demand factor of this offer for ``mem`` (intent, wear-out, reference price); the
        reading then counts as an exposure and moves the expected discount."""
        d = self.p.demand
        rp = self.p.reference_price
        o = 4 * j
        rec = mem.demand
        factor = 1.0
        last = rec[o + LAST]
        if last > NEVER:
            cycle = self.cycle[j]
            factor = -math.expm1(-(t - last) / cycle) if cycle > 0 else 0.0
        if d.wear_per_exposure > 0:
            wear = rec[o + WEAR] * 2.0 ** (-(t - rec[o + WEAR_T]) / (d.wear_half_life_days * DAY))
            factor /= 1.0 + d.wear_per_exposure * wear
            rec[o + WEAR] = wear + 1.0
            rec[o + WEAR_T] = t
        if rp.gain > 0 or rp.loss > 0:
            ref = rec[o + REF]
            diff = discount - ref
            utility = rp.gain * diff if diff > 0 else rp.loss * diff
            factor *= math.exp(mem.price_sens * utility)
            rec[o + REF] = ref + rp.learning_rate * diff
        return factor

    def _order(self, mem: Member, g: Group, t: float, j: int, discount: float, lasts: float) -> None:
        b = self.p.buying
        delay = self.rng.expovariate(1.0 / b.order_delay_minutes) if b.order_delay_minutes > 0 else 0.0
        if lasts > 0:  # an order lands inside the sale window
            delay = min(delay, lasts)
        when = min(t + delay, self.horizon - 1e-6)
        mem.purchases += 1
        self._gain_trust(mem, g, b.buyer_trust_gain)
        if discount > 0:  # a benefit: the segment's leave spike runs for its window from the order
            if not (mem.benefit_from <= when < mem.benefit_until):
                mem.benefit_from = when
            mem.benefit_until = when + self.benefit_window[mem.seg]
        mem.demand[4 * j + LAST] = when  # intent spent
        self.orders += 1

    # ------------------------------------------------------------------ results

    def _kpis(self) -> dict[str, Any]:
        members = self.everyone
        joined = len(members)
        here = [mem for mem in members if mem.state != LEFT]
        return {
            "joined": float(joined),
            "left": float(joined - len(here)),
            # everyone joined at 0: all are observed for a day if the horizon is a day or more
            "retention_d1": sum(mem.leave_t > DAY for mem in members) / joined if self.horizon >= DAY else math.nan,
            "muted_share": sum(mem.state >= MUTED for mem in here) / len(here) if here else math.nan,
            "member_messages": float(sum(mem.messages for mem in members)),
            "orders": float(self.orders),
            "buyers": float(sum(mem.purchases > 0 for mem in members)),
            "member_total": self.member_total,
        }


def _check_workload(scenario: Scenario) -> list[tuple[float, Any]]:
    """The (clock minute, step) pairs of the scenario's SOP, checked to be within what the
    yardstick implements: one group spec, no arrivals, daily bot-sent posts and coupons for the
    whole group, without a stock limit."""
    if len(scenario.groups) != 1 or scenario.channels:
        raise NotImplementedError("the yardstick runs one group spec of initial members, without channels")
    spec = scenario.groups[0]
    steps = []
    for step in scenario.sops.get(spec.sop, []) if spec.sop else []:
        if (step.do not in SUPPORTED_ACTIONS or step.every is None or parse_every(step.every) != ("days", 1)
                or step.automated is not True or step.segment is not None or step.tag is not None
                or step.min_size is not None or step.max_size is not None or step.stop_when != "never"
                or getattr(step, "stock", None) is not None):
            raise NotImplementedError(f"the yardstick does not implement this SOP step: {step!r}")
        absolute, clock = parse_at(step.at) if step.at is not None else (None, 9 * 60)
        if absolute is not None:
            raise NotImplementedError("the yardstick runs daily steps at a clock time only")
        steps.append((float(clock), step))
    steps.sort(key=lambda s: s[0])  # stable: steps at the same time keep their order
    return steps


def _beta(rng: random.Random, mean: float, concentration: float = 4.0) -> float:
    m = min(max(mean, 0.02), 0.98)
    return rng.betavariate(m * concentration, (1 - m) * concentration)


def _poisson(rng: random.Random, lam: float) -> int:
    """Knuth's multiplication method (fine for the small means of turns and bursts)."""
    limit = math.exp(-lam)
    k, prod = 0, rng.random()
    while prod > limit:
        k += 1
        prod *= rng.random()
    return k


def run_yardstick(scenario: Scenario, seed: int = 1) -> dict[str, Any]:
    """KPIs and daily member totals of one per-member replication of ``scenario``."""
    return Yardstick(scenario, seed).run()
