"""The simulated world of one replication: SimPy environment, members, groups, ledger.

SimPy schedules channels, group SOPs, operators and two clocks (the background tick and the day
end); members are rows of :class:`Population` and every hazard is drawn vectorised.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import simpy

from simgroup.engine import population
from simgroup.engine.budget import WorkBudget
from simgroup.engine.demand import DemandBook
from simgroup.engine.fatigue import Fatigue
from simgroup.engine.fission import FissionCampaigns
from simgroup.engine.groups import GroupIndex, GroupTable, LiveCodeState, RowRuns
from simgroup.engine.hazards import Hazards
from simgroup.engine.ledger import Ledger
from simgroup.engine.offers import OfferBook
from simgroup.engine.rng import Streams
from simgroup.scenario.models import Audience, Scenario
from simgroup.scenario.times import MINUTES_PER_DAY
from simgroup.scenario.vocabulary import GROUP_TYPES, SEGMENTS

HUNTER = SEGMENTS.index("coupon_hunter")


def _beta_params(mean_by_segment: np.ndarray, concentration: float = 4.0) -> list[tuple[float, float]]:
    """The beta parameters ``(m·c, (1 - m)·c)`` of each segment's trait with mean ``m`` (kept
    off 0 and 1) and concentration ``c``; computed once a replication, as plain floats."""
    m = np.clip(mean_by_segment, 0.02, 0.98)
    return [(float(m[s] * concentration), float((1 - m[s]) * concentration)) for s in range(m.size)]


def _present(segments: np.ndarray, n_segments: int) -> list[tuple[int, np.ndarray, int]]:
    """``(segment, mask, count)`` of each segment among ``segments``, ascending.

    A tick's arrivals are a few people of one or two segments: one count over the segments, then
    a mask only for those present, shared by every trait drawn segment by segment."""
    counts = np.bincount(segments, minlength=n_segments)[:n_segments]
    return [(s, segments == s, int(counts[s])) for s in np.flatnonzero(counts).tolist()]


def _beta(rng: np.random.Generator, params: list[tuple[float, float]], present: list[tuple[int, np.ndarray, int]],
          n: int) -> np.ndarray:
    """Beta traits of ``n`` people with their segment's parameters (:func:`_beta_params`), drawn
    segment by segment in ascending order (scalar parameters are several times cheaper to sample
    than per-element ones)."""
    out = np.empty(n, dtype=np.float32)
    for s, mine, k in present:
        a, b = params[s]
        out[mine] = rng.beta(a, b, size=k)
    return out


def _spans(g: int | np.ndarray, n: int) -> list[tuple[int, int, int]]:
    """``(group, start, stop)`` for each run of equal groups (``g`` a group or one per member)."""
    if not isinstance(g, np.ndarray) or g.ndim == 0:  # an arrival batch: one group (no np.ndim call)
        return [(int(g), 0, n)]
    groups = np.asarray(g)
    cuts = [0, *(np.flatnonzero(groups[1:] != groups[:-1]) + 1).tolist(), n]
    return [(int(groups[a]), a, b) for a, b in itertools.pairwise(cuts)]


class World:
    """Everything one replication needs; built by :func:`simgroup.engine.simulate_replication`."""

    def __init__(self, scenario: Scenario, replication: int, seed: int, days: int, record_events: bool) -> None:
        from simgroup.engine.operators import OperatorPool
        from simgroup.engine.sop import SopRunner

        self.scenario = scenario
        self.params = scenario.params()
        self.replication = replication
        self.days = days
        self.horizon = float(days * MINUTES_PER_DAY)
        self.env = simpy.Environment()
        self.streams = Streams(seed, replication)
        self._spec_streams: dict[tuple[Any, ...], np.random.Generator] = {}
        self.pop = population.Population(capacity=self._capacity_hint())
        self.groups = GroupTable()
        self.members = GroupIndex()
        self.runs = RowRuns()
        self.specs = list(scenario.groups)
        self.spec_index = {g.id: i for i, g in enumerate(self.specs)}
        self.ledger = Ledger(len(self.specs), days)
        self.events: list[dict[str, Any]] | None = [] if record_events else None
        self.budget = WorkBudget(initial_groups=sum(spec.initial_groups for spec in scenario.groups))
        self.log_chat: str | None = None  # when set, only this chat's records are logged (playback)
        self.start_weekday = scenario.start.weekday()
        self.spec_groups: list[list[int]] = [[] for _ in self.specs]
        self.alive_groups = [0] * len(self.specs)  # groups of each spec alive now
        self._audience_cdf: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # the CDF and its steps
        self._audiences: list[Audience] = []
        self.live_capacity = np.array([s.live_code.capacity for s in self.specs], dtype=np.int64)
        self.live = [
            LiveCodeState(s.live_code.qr_limit, s.live_code.capacity, s.live_code.max_groups, s.live_code.auto_create)
            for s in self.specs
        ]
        self.products = {p.id: p for p in scenario.products}
        self.persona = self.params.personas[scenario.operators.persona]
        self._lookup_tables()
        self.fatigue = Fatigue(self)
        self.demand = DemandBook(self)
        self.hazards = Hazards(self)
        self.offers = OfferBook(self)
        self.operators = OperatorPool(self)
        self.sop = SopRunner(self)
        # last activity is read only by `on: inactive` steps: without them it is not kept up
        self.track_activity = self.sop.has_event["inactive"]
        self.fission = FissionCampaigns()

    def dispose(self) -> None:
        """Drop everything this world holds, once its result has been measured.

        Its parts hold the world back (``Fatigue(self)``, the SimPy processes' frames), so a
        finished world is a reference cycle that only a full garbage collection frees: a worker
        running replication after replication would grow by the size of one world each time until
        the collector ran. Clearing the world's attributes breaks every cycle through it, and
        reference counting frees it at once. The event log and the measured result are separate
        objects and stay valid.

        The world's own parts form cycles among themselves too (the operator pool and the SimPy
        environment's queue of pending events, whose callbacks and process frames refer back to
        the parts and to the world), so their attributes are cleared as well."""
        parts = list(self.__dict__.values())
        self.__dict__.clear()
        for part in parts:
            own = isinstance(part, simpy.Environment) or type(part).__module__.startswith("simgroup.engine.")
            if own and hasattr(part, "__dict__"):  # classes with __slots__ hold no cycle through a dict
                vars(part).clear()

    # ------------------------------------------------------------------ set-up

    def _capacity_hint(self) -> int:
        sc = self.scenario
        expected = sum(c.per_day * c.add_rate for c in sc.channels) * self.days
        expected += sum(g.initial_members * max(g.initial_groups, 1) for g in sc.groups)
        return int(min(max(1024, expected * 1.3), 5_000_000))

    def _lookup_tables(self) -> None:
        p = self.params
        # each parameter of a segment (of a group type) as an array indexed by segment (type)
        segments = [p.segments[s] for s in SEGMENTS]
        self.segment_columns = {
            f: np.array([getattr(s, f) for s in segments], dtype=np.float64) for f in type(segments[0]).model_fields
        }
        self._beta_interest = _beta_params(self.segment_columns["interest"])
        self._beta_price = _beta_params(self.segment_columns["price_sensitivity"])
        types = [self.specs[i].type for i in range(len(self.specs))]
        self.spec_type = np.array([GROUP_TYPES.index(t) for t in types], dtype=np.int64)
        group_types = [p.group_types[t] for t in GROUP_TYPES]
        self.type_columns = {
            f: np.array([float(getattr(g, f)) for g in group_types]) for f in type(group_types[0]).model_fields
        }
        self.spec_automated = np.array(
            [s.automated if s.automated is not None else p.group_types[s.type].automated for s in self.specs]
        )
        self.tod_chat = np.array(p.chatter.time_of_day, dtype=np.float64)
        self.tod_arrivals = np.array(p.arrivals.time_of_day, dtype=np.float64)
        # chance to read a group message by member state: a plain post, and an @all /
        # announcement that pierces mute and fold
        r = p.reading
        # an offer's purchase propensity by segment, per (type, price, discount, kind) (offers.py)
        self.buy_by_segment: dict[tuple[int, float, float, float], np.ndarray] = {}
        self.read_plain = np.minimum(np.array([r.present, r.muted, r.folded, 0.0]), 1.0)
        self.read_pierce = np.minimum(np.array([r.present, r.pierce_muted * self.persona.at_all_mult,
                                                r.pierce_folded * self.persona.at_all_mult, 0.0]), 1.0)
        self.read_private = np.array([r.present, r.present, r.present, 0.0])  # a 1:1 message

    def run(self) -> None:
        self.start()
        # a hair past the horizon so that the last tick and day end (scheduled at it) run
        self.env.run(until=self.horizon + 1e-6)

    def start(self) -> None:
        """Set up time 0 (initial groups, channels, the background tick) without running the
        clock; then ``env.run(until=t)`` advances it, in one go or slice by slice (the playback
        session does the latter; the result is the same)."""
        from simgroup.engine.behaviour import BackgroundTick
        from simgroup.engine.channels import start_channels

        for i, spec in enumerate(self.specs):
            for _ in range(spec.initial_groups):
                g = self.create_group(i, 0.0)
                self.add_initial_members(g, 0.0)
        start_channels(self)
        self.env.process(BackgroundTick(self).run())

    def spec_stream(self, spec: int, *names: str) -> np.random.Generator:
        """The stream ``("spec", <id of spec>, *names)``, looked up by the spec's index."""
        key = (spec, *names)
        rng = self._spec_streams.get(key)
        if rng is None:
            rng = self._spec_streams[key] = self.streams.get("spec", self.specs[spec].id, *names)
        return rng

    # ------------------------------------------------------------------ events

    def log(self, t: float, event: str, **fields: Any) -> None:
        if self.events is not None and (self.log_chat is None or fields.get("chat_id") == self.log_chat):
            self.budget.add_event()
            rec = {"time": round(float(t), 3), "day": int(t // MINUTES_PER_DAY), "event": event}
            rec.update(fields)
            self.events.append(rec)

    def chat_id(self, g: int) -> str:
        return f"{self.specs[int(self.groups.spec[g])].id}-{int(self.groups.ordinal[g]) + 1}"

    # ------------------------------------------------------------------ groups

    def create_group(self, spec: int, t: float) -> int:
        self.budget.add_group()
        g = self.groups.add(spec, t, len(self.spec_groups[spec]))
        self.members.add_group()
        self.spec_groups[spec].append(g)
        self.alive_groups[spec] += 1
        self.fission.grow(self.groups.n)
        code = self.live[spec]
        if len(code.bound) >= code.max_groups:
            code.bound.pop(0)
        code.bound.append(g)
        if self.events is not None:
            self.log(t, "create_chat", chat_id=self.chat_id(g), group=self.specs[spec].id)
        self.sop.start_group(g)
        return g

    def add_initial_members(self, g: int, t: float) -> None:
        spec = self.specs[int(self.groups.spec[g])]
        if spec.initial_members <= 0:
            return
        audience = spec.audience or self.scenario.audience
        times = np.full(spec.initial_members, t)
        rows = self.join(g, times, population.SCENE_INITIAL, audience, purpose="initial")
        cost = spec.initial_cost_per_member * (rows.stop - rows.start)
        if cost:
            self.ledger.add("cost_acquisition", int(self.groups.spec[g]), t, cost)

    def end_group(self, g: int, t: float, dissolved: bool) -> None:
        if not self.groups.alive[g]:
            return
        self.groups.alive[g] = False
        self.groups.end_t[g] = t
        self.groups.dissolved[g] = dissolved
        spec = int(self.groups.spec[g])
        self.alive_groups[spec] -= 1
        self.live[spec].release(g)
        rows = self.group_members(g)
        if dissolved:
            self.leave(rows, t, population.QUIT_DISSOLVED)
        else:  # members of a dead group stay but no longer chat
            self.hazards.refresh(rows)
        if self.events is not None:
            self.log(t, "dismiss" if dissolved else "group_died", chat_id=self.chat_id(g))

    def group_members(self, g: int) -> np.ndarray:
        """Rows still in group ``g``, ascending."""
        return self.members.members(g, self.pop.state, population.LEFT)

    # ------------------------------------------------------------------ joining and leaving

    def _segments(self, audience: Audience, n: int, rng: np.random.Generator, hunter_weight: float = 1.0) -> np.ndarray:
        """Segments of ``n`` new people: one uniform each, inverted through the audience's shares
        (coupon hunters weighted by ``hunter_weight``: a group's coupon reputation, demand.py)."""
        cached = self._audience_cdf.get(id(audience))
        if cached is None:
            shares = np.array([audience.shares()[s] for s in SEGMENTS])
            cdf = np.cumsum(shares / shares.sum())
            cdf[-1] = 1.0
            # the steps of the rounded CDF (not the shares): reweighting starts from them
            cached = self._audience_cdf[id(audience)] = cdf, np.diff(cdf, prepend=0.0)
            self._audiences.append(audience)  # keeps id() unique while cached
        cdf, steps = cached
        if hunter_weight != 1.0:
            shares = steps.copy()
            shares[HUNTER] *= hunter_weight
            cdf = np.cumsum(shares / shares.sum())
            cdf[-1] = 1.0
        seg = np.searchsorted(cdf, rng.random(n), side="right").astype(np.int8)
        return np.minimum(seg, len(SEGMENTS) - 1, out=seg)

    def join(
        self,
        g: int | np.ndarray,
        times: np.ndarray,
        scene: int,
        audience: Audience | None,
        *,
        purpose: str,
        channel: int = -1,
        inviters: np.ndarray | None = None,
        segments: np.ndarray | None = None,
        carry_from: np.ndarray | None = None,
    ) -> slice:
        """Add members to group ``g`` (or one group per member, ascending, all of one spec) at
        ``times``; new people unless ``carry_from`` rows are moving. Returns the new rows."""
        n = len(times)
        spans = _spans(g, n)
        spec = int(self.groups.spec[spans[0][0]])
        pop = self.pop
        self.budget.add_rows(n)
        rows = pop.add(n, new_people=carry_from is None)
        rng = self.streams.get("spec", self.specs[spec].id, "traits", purpose)
        pop.group[rows] = g
        pop.spec[rows] = spec
        if carry_from is not None:
            pop.copy_traits(carry_from, rows)
            self.demand.carry(carry_from, rows)
        else:
            if segments is None:
                weight = self.demand.hunter_weight(spec, float(times[0])) if scene == population.SCENE_QR else 1.0
                segments = self._segments(audience or self.scenario.audience, n, rng, weight)
            pop.segment[rows] = segments
            present = _present(segments, len(self._beta_interest))
            pop.interest[rows] = _beta(rng, self._beta_interest, present, n)
            pop.price_sens[rows] = _beta(rng, self._beta_price, present, n)
            pop.trust[rows] = self.persona.trust_boost
            pop.motivation[rows] = self.segment_columns["checkin_motivation"][segments]
            pop.channel[rows] = channel
            self._draw_heterogeneity(rows, rng)
        self.fatigue.set_tolerances(rows)
        pop.join_t[rows] = times
        pop.last_active_t[rows] = times
        pop.scene[rows] = scene
        if inviters is not None:
            pop.inviter[rows] = inviters
        r0 = rows.start
        for gg, a, b in spans:
            self.fatigue.newcomers(gg, slice(r0 + a, r0 + b), float(times[a]))
            self.groups.count[gg] += b - a
            self.members.add(gg, r0 + a, r0 + b)
            self.runs.add(gg, r0 + a, r0 + b)
        self.hazards.start(rows, self.streams.get("spec", self.specs[spec].id, "clocks", purpose))
        self.ledger.add_many("new_member_cnt", np.full(n, spec), np.array(times, dtype=np.float64), 1.0)
        if self.events is not None:
            for r in range(rows.start, rows.stop):
                self.log(pop.join_t[r], "add_member", chat_id=self.chat_id(int(pop.group[r])),
                         member=int(pop.person[r]), segment=SEGMENTS[pop.segment[r]],
                         join_scene=population.JOIN_SCENES[scene])
        for gg, a, b in spans:
            self.sop.on_join(gg, np.arange(r0 + a, r0 + b))
        # joiners of a running fission campaign may invite friends in turn
        # (a group with no campaign ever has ``until`` -inf: no need to look at the times)
        until = self.fission.until
        campaign = [(gg, a, b) for gg, a, b in spans
                    if until[gg] > 0.0 and until[gg] > float(times[a:b].max(initial=0.0))]
        if campaign:
            from simgroup.engine.fission import participate

            idx = np.concatenate([np.arange(a, b) for _, a, b in campaign])
            participate(self, pop.group[r0 + idx], r0 + idx, float(self.env.now))
        return rows

    def _draw_heterogeneity(self, rows: slice, rng: np.random.Generator) -> None:
        """Traits that differ within a segment: tolerance of pushes, leave frailty (gamma, mean 1:
        a decreasing quit hazard across members) and talk propensity (log-normal, mean 1: most
        members lurk, a few write most messages). See docs/model.md, "Heterogeneity"."""
        pop = self.pop
        m = self.params.member
        n = rows.stop - rows.start
        self.fatigue.draw_tolerances(rows, rng)
        cv = float(m.leave_frailty_cv)
        if cv > 0:
            shape = 1.0 / (cv * cv)
            pop.frailty[rows] = rng.gamma(shape, 1.0 / shape, n)
        sigma = float(m.talk_sigma)
        if sigma > 0:
            pop.talk_prop[rows] = np.exp(sigma * rng.standard_normal(n) - 0.5 * sigma * sigma)

    def leave(self, rows: np.ndarray, t: float | np.ndarray, quit_scene: int) -> None:
        """Rows leave their groups at ``t`` (a time or one per row)."""
        if len(rows) == 0:
            return
        pop = self.pop
        pop.state[rows] = population.LEFT
        pop.leave_t[rows] = t
        pop.quit[rows] = quit_scene
        self.hazards.stop(rows)
        groups = pop.group[rows]
        np.subtract.at(self.groups.count, groups, 1)
        self.members.note_left(groups)
        # per spec, a migrated member has left that spec's group (the scenario level does not count it)
        self.ledger.add_many("left_cnt", pop.spec[rows].astype(np.int64), pop.leave_t[rows], 1.0)
        if self.events is not None:
            for r in rows:
                self.log(pop.leave_t[r], "del_member", chat_id=self.chat_id(int(pop.group[r])),
                         member=int(pop.person[r]), quit_scene=population.QUIT_SCENES[quit_scene])
        self.sop.on_leave(rows)

    def route_qr(self, spec: int, times: np.ndarray, channel: int, audience: Audience | None) -> int:
        """Send QR / live-code arrivals through the spec's live code; returns how many got in."""
        code = self.live[spec]
        placed = 0
        n = len(times)
        while placed < n:
            target = next((g for g in code.bound if self.groups.alive[g] and self.groups.count[g] < code.qr_limit), None)
            if target is None:
                if not code.auto_create:
                    break
                target = self.create_group(spec, float(times[placed]))
            room = int(code.qr_limit - self.groups.count[target])
            take = min(room, n - placed)
            self.join(target, times[placed: placed + take], population.SCENE_QR, audience, purpose="qr", channel=channel)
            placed += take
        return placed
