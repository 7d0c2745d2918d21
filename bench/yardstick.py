"""The per-member yardstick: the yardstick workload's dynamics written one SimPy process per member.

Not used by the product. It exists to measure what the engine's design buys (DESIGN §3: "never
one SimPy process per member"): the same hazards, the same hourly time step and the same SOP as
:func:`workloads.yardstick_scenario`, coded the obvious way, each member a SimPy process that wakes
every tick and does its own scalar arithmetic and draws. It is written to be reasonably fast for
what it is (``__slots__``, local variables, ``random.Random`` scalar draws, no per-step
allocation), so the speed ratio is honest rather than flattering.

Same dynamics, independently coded: parameters come from the scenario (``Scenario.params()``);
each tick a member leaves, mutes or folds with probability ``1 - exp(-h)`` of the same hazards
(early-life spikes, annoyance, trust, the coupon hunter's post-benefit spike), speaks with the
group's self-exciting rate, hears the group's chatter, and reads, buys and imitates as the engine's
posts and offers do. A group's baseline chat intensity (the sum of its members' rates) is
contributed by each member at the end of its step, for the next tick, so it misses trust gained
from posts between ticks; the operators' upkeep queue and the group-death rule, which do not touch
members in this workload, are left out. :func:`run_yardstick` reports the same KPIs as the
engine so the benchmark can show that the two agree.
"""

from __future__ import annotations

import math
import random
from collections.abc import Generator
from typing import Any

import simpy

from simgroup.scenario.models import Scenario
from simgroup.scenario.vocabulary import SEGMENTS
from workloads import YARDSTICK_STEPS

PRESENT, MUTED, FOLDED, LEFT = 0, 1, 2, 3
DAY = 1440.0


class Member:
    __slots__ = ("seg", "state", "interest", "price_sens", "trust", "annoy", "benefit_t", "purchases",
                 "messages", "leave_t", "mute_t", "heard_ok", "offers", "age_ticks")

    def __init__(self, seg: int, interest: float, price_sens: float, trust: float) -> None:
        self.seg = seg
        self.state = PRESENT
        self.interest = interest
        self.price_sens = price_sens
        self.trust = trust
        self.annoy = 0.0
        self.benefit_t = -math.inf
        self.purchases = 0
        self.messages = 0
        self.leave_t = math.inf
        self.mute_t = math.inf
        self.heard_ok = True  # present at the start of the last tick (hears that tick's chatter)
        self.offers: list[list[Any]] = []  # open offers waited on: [offer, propensity]
        self.age_ticks = 0


class Group:
    __slots__ = ("members", "count", "hawkes", "boost", "lam0", "acc", "speakers", "msgs", "heard")

    def __init__(self) -> None:
        self.members: list[Member] = []
        self.count = 0
        self.hawkes = 0.0
        self.boost = 0.0  # reply bursts since the last tick (not decayed before the next one)
        self.lam0 = 0.0  # last tick's sum of members' chat rates (without the hour factor)
        self.acc = 0.0
        self.speakers = 0
        self.msgs = 0
        self.heard = 0  # messages of the last tick


class Offer:
    __slots__ = ("group", "start", "end", "discount", "sold")

    def __init__(self, group: Group, start: float, end: float, discount: float) -> None:
        self.group = group
        self.start = start
        self.end = end
        self.discount = discount
        self.sold = 0


class Yardstick:
    """One replication of :func:`workloads.yardstick_scenario` with per-member processes."""

    def __init__(self, scenario: Scenario, seed: int = 1) -> None:
        self.sc = scenario
        p = scenario.params()
        self.p = p
        self.rng = random.Random(seed)
        self.env = simpy.Environment()
        self.days = scenario.days
        self.horizon = self.days * DAY
        self.dt = float(p.tick_minutes)
        self.dt_h = self.dt / 60.0
        gt = p.group_types[scenario.groups[0].type]
        persona = p.personas[scenario.operators.persona]
        self.persona = persona
        m = p.member
        segs = [p.segments[s] for s in SEGMENTS]
        self.segs = segs
        self.k_leave = [gt.leave_base * s.leave_mult * persona.leave_mult for s in segs]
        self.k_mute = [gt.mute_base * s.mute_mult for s in segs]
        self.k_fold = [gt.fold_base * s.mute_mult for s in segs]
        self.k_talk = [gt.talk_mult * s.talk_rate for s in segs]
        self.state_leave = (1.0, m.muted_leave_mult, m.folded_leave_mult, 0.0)
        self.state_talk = (1.0, m.muted_talk_mult, m.folded_talk_mult, 0.0)
        self.gt = gt
        self.m = m
        self.tod = list(p.chatter.time_of_day)
        self.decay_annoy = math.exp(-math.log(2.0) * self.dt_h / m.annoyance_half_life_h)
        self.decay_trust = math.exp(-math.log(2.0) * self.dt_h / m.trust_half_life_h)
        self.decay_hawkes = math.exp(-self.dt_h / p.chatter.excitation_tau_h)
        self.groups: list[Group] = []
        self.member_total = [0.0] * self.days
        self.msg_total = 0
        self.orders = 0
        self.buyers: set[int] = set()
        self.products = {pr.id: pr for pr in scenario.products}

    # ------------------------------------------------------------------ set-up

    def run(self) -> dict[str, Any]:
        spec = self.sc.groups[0]
        shares = self.sc.audience.shares()
        weights = [shares[s] for s in SEGMENTS]
        rng = self.rng
        for _ in range(spec.initial_groups):
            g = Group()
            self.groups.append(g)
            for _ in range(spec.initial_members):
                seg = rng.choices(range(len(SEGMENTS)), weights)[0]
                s = self.segs[seg]
                g.members.append(Member(seg, _beta(rng, s.interest), _beta(rng, s.price_sensitivity),
                                        self.persona.trust_boost))
            g.count = len(g.members)
            g.acc = sum(self._talk_rate(mem, self.dt_h) for mem in g.members)  # for the first tick
            self.env.process(self._group_tick(g))  # before its members: runs first at each tick
            for mem in g.members:
                self.env.process(self._member(mem, g))
            self.env.process(self._sop(g))
        self.env.process(self._daily())
        self.env.run(until=self.horizon + 1e-3)
        return self._kpis()

    # ------------------------------------------------------------------ processes

    def _member(self, mem: Member, g: Group) -> Generator[Any, Any, None]:
        env, rng, dt, dt_h = self.env, self.rng, self.dt, self.dt_h
        m, gt = self.m, self.gt
        exp, random_ = math.exp, rng.random
        seg = mem.seg
        s = self.segs[seg]
        k_leave, k_mute, k_fold, k_talk = self.k_leave[seg], self.k_mute[seg], self.k_fold[seg], self.k_talk[seg]
        benefit_rate = s.benefit_leave_rate * self.persona.benefit_leave_mult
        benefit_window = s.benefit_window_h * 60.0
        hear = m.chatter_annoyance
        while True:
            yield env.timeout(dt)
            t = env.now
            mem.age_ticks += 1
            age = mem.age_ticks * dt_h
            # the chatter heard last tick (decayed once, as if added then)
            if mem.heard_ok and g.heard:
                mem.annoy += hear * g.heard * self.decay_annoy
            state = mem.state
            annoy, trust = mem.annoy, mem.trust
            # leaving
            early_l = gt.leave_early_mult * gt.leave_early_tau_h * (
                exp(-(age - dt_h) / gt.leave_early_tau_h) - exp(-age / gt.leave_early_tau_h))
            h = (k_leave * self.state_leave[state] * (dt_h + early_l) * (1.0 + m.annoy_leave_coef * annoy)
                 * exp(-m.trust_leave_coef * trust))
            if t - mem.benefit_t < benefit_window:
                h += benefit_rate * dt_h
            leaving = random_() < 1.0 - exp(-h)
            # muting and folding
            if not leaving and state < FOLDED:
                f = (1.0 + m.annoy_mute_coef * annoy) * exp(-m.trust_mute_coef * trust)
                if state == PRESENT:
                    early_m = gt.mute_early_mult * gt.mute_early_tau_h * (
                        exp(-(age - dt_h) / gt.mute_early_tau_h) - exp(-age / gt.mute_early_tau_h))
                    if random_() < 1.0 - exp(-k_mute * (dt_h + early_m) * f):
                        mem.state = MUTED
                        mem.mute_t = t - dt * random_()
                elif random_() < 1.0 - exp(-k_fold * dt_h * f):
                    mem.state = FOLDED
            # chatter, with the state at the start of the tick
            hour = int(((t - dt) % DAY) // 60)
            tod = self.tod[hour]
            r0 = k_talk * self.state_talk[state] * (1.0 + m.novelty_talk_mult * exp(-age / m.novelty_tau_h)) * (
                1.0 + m.trust_talk_coef * trust)
            excite = min(g.hawkes / max(tod * g.lam0, 1e-9), 50.0)
            if random_() < 1.0 - exp(-tod * r0 * (1.0 + excite) * dt_h):
                k = 1 + _poisson(rng, s.burst)
                mem.messages += k
                g.speakers += 1
                g.msgs += k
            mem.heard_ok = state == PRESENT
            mem.annoy *= self.decay_annoy
            mem.trust *= self.decay_trust
            if leaving:
                mem.state = LEFT
                mem.leave_t = t - dt * random_()
                g.count -= 1
                return
            # imitation on the open offers this member waits on (after the tick's leavers left)
            if mem.offers:
                self._imitate(mem, g, t)
            # this member's part of the group's baseline chat rate at the next tick
            g.acc += self._talk_rate(mem, age + dt_h)

    def _talk_rate(self, mem: Member, age: float) -> float:
        """The chat rate of ``mem`` at ``age`` (hours), without the hour-of-day factor."""
        m = self.m
        return (self.k_talk[mem.seg] * self.state_talk[mem.state]
                * (1.0 + m.novelty_talk_mult * math.exp(-age / m.novelty_tau_h)) * (1.0 + m.trust_talk_coef * mem.trust))

    def _group_tick(self, g: Group) -> Generator[Any, Any, None]:
        alpha = self.p.chatter.excitation_alpha / self.p.chatter.excitation_tau_h
        while True:
            yield self.env.timeout(self.dt)
            # roll last tick's sums (members of this tick step after this process)
            g.lam0, g.acc = g.acc, 0.0
            g.hawkes = g.hawkes * self.decay_hawkes + alpha * g.speakers + g.boost
            g.boost = 0.0
            self.msg_total += g.msgs
            g.heard, g.speakers, g.msgs = g.msgs, 0, 0

    def _sop(self, g: Group) -> Generator[Any, Any, None]:
        p = self.p
        auto = p.operators
        steps = sorted(YARDSTICK_STEPS)
        for day in range(self.days):
            for at, do, extra in steps:
                t = day * DAY + at + auto.auto_delay_minutes
                if t >= self.horizon:
                    return
                yield self.env.timeout(t - self.env.now)
                if self.rng.random() < auto.auto_completion:
                    self._post(g, do, extra, t)

    def _daily(self) -> Generator[Any, Any, None]:
        for day in range(self.days):
            # just after the day's last tick
            yield self.env.timeout((day + 1) * DAY + 1e-4 - self.env.now)
            self.member_total[day] = float(sum(g.count for g in self.groups))

    # ------------------------------------------------------------------ posts and offers

    def _post(self, g: Group, do: str, extra: dict[str, Any], t: float) -> None:
        p = self.p
        rng = self.rng
        action = p.actions[do]
        value, annoyance, reply = action.value, action.annoyance, action.reply_boost
        buy_mult = 1.0
        if do == "post":
            kind = p.posts[extra["kind"]]
            value, annoyance, reply = value + kind.value, annoyance + kind.annoyance, reply + kind.reply_boost
            buy_mult = kind.buy_mult
        table = (p.reading.present, p.reading.muted, p.reading.folded)
        readers = []
        for mem in g.members:
            if mem.state != LEFT and rng.random() < table[mem.state]:
                mem.trust += value
                mem.annoy += annoyance
                readers.append(mem)
        g.boost += reply * len(readers) / p.chatter.excitation_tau_h
        product = extra.get("product")
        if product is None or not readers or buy_mult <= 0:
            return
        discount = float(extra.get("discount", 0.0))
        lasts = 1440.0 if extra.get("lasts") == "1d" else 0.0
        offer = Offer(g, t, t + int(lasts / self.dt + 1e-9) * self.dt, discount) if lasts else None
        b = p.buying
        pr = self.products[product]
        scalar = (self.gt.buy_base * self.persona.conversion_mult * buy_mult * 2.0 * b.price_ref
                  / (b.price_ref + pr.price))
        if discount > 0:
            scalar *= self.persona.coupon_mult
        for mem in readers:
            s = self.segs[mem.seg]
            if discount + 1e-12 < s.min_discount:
                prop = 0.0
            else:
                prop = (scalar * s.buy_mult * mem.interest * (1.0 + b.trust_coef * mem.trust)
                        * (1.0 + b.discount_elasticity * discount * mem.price_sens)
                        * (b.repurchase_mult if mem.purchases else 1.0))
            if rng.random() < 1.0 - math.exp(-prop):
                self._order(mem, t, discount, lasts)
                if offer is not None:
                    offer.sold += 1
            else:
                mem.annoy += b.offer_annoyance
                if offer is not None and prop > 0:
                    mem.offers.append([offer, prop])

    def _imitate(self, mem: Member, g: Group, t: float) -> None:
        imitation = self.gt.imitation
        keep = []
        for entry in mem.offers:
            offer, prop = entry
            expo = (min(t, offer.end) - max(t - self.dt, offer.start)) / 60.0
            if expo > 0:
                share = min(offer.sold / max(offer.group.count, 1), 1.0)
                if self.rng.random() < 1.0 - math.exp(-imitation * share * prop * expo):
                    offer.sold += 1
                    self._order(mem, t, offer.discount, offer.end - offer.start)
                    continue
            if offer.end > t:
                keep.append(entry)
        mem.offers = keep

    def _order(self, mem: Member, t: float, discount: float, lasts: float) -> None:
        delay = self.rng.expovariate(1.0 / self.p.buying.order_delay_minutes)
        if lasts > 0:
            delay = min(delay, lasts)
        mem.purchases += 1
        mem.trust += self.p.buying.buyer_trust_gain
        if discount > 0:
            mem.benefit_t = min(t + delay, self.horizon - 1e-6)
        self.orders += 1
        self.buyers.add(id(mem))

    # ------------------------------------------------------------------ results

    def _kpis(self) -> dict[str, Any]:
        members = [mem for g in self.groups for mem in g.members]
        joined = len(members)
        here = [mem for mem in members if mem.state != LEFT]
        return {
            "joined": float(joined),
            "left": float(joined - len(here)),
            "retention_d1": sum(mem.leave_t > DAY for mem in members) / joined if self.days > 1 else math.nan,
            "muted_share": sum(mem.state >= MUTED for mem in here) / len(here) if here else math.nan,
            "member_messages": float(self.msg_total),
            "orders": float(self.orders),
            "buyers": float(len(self.buyers)),
            "member_total": self.member_total,
        }


def _beta(rng: random.Random, mean: float, concentration: float = 4.0) -> float:
    m = min(max(mean, 0.02), 0.98)
    return rng.betavariate(m * concentration, (1 - m) * concentration)


def _poisson(rng: random.Random, lam: float) -> int:
    """Knuth's multiplication method (fine for the small burst means)."""
    limit = math.exp(-lam)
    k, prod = 0, rng.random()
    while prod > limit:
        k += 1
        prod *= rng.random()
    return k


def run_yardstick(scenario: Scenario, seed: int = 1) -> dict[str, Any]:
    """KPIs and daily member totals of one per-member replication of ``scenario``."""
    return Yardstick(scenario, seed).run()
