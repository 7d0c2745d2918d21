"""Purchases: a Bass-like hazard per offer (docs/model.md).

When an offer reaches a reader, the reader buys with probability ``1 - exp(-P_i)`` where ``P_i``
is the external push (group type, persona, segment, interest, trust, price and discount,
repurchase); during the offer window the imitation term adds ``imitation × share of members who
bought`` per hour, times the same propensity. Coupon hunters buy only discounted items.

Imitation runs over the whole hours of the window (``floor(lasts / tick)`` ticks' worth, as a
per-offer hourly process would) but is advanced for all open offers at once, at the background
tick, by :class:`OfferBook`. Each reader holds a unit-exponential clock drawn at the push from the
offer's stream: the reader buys at the push if the push's hazard ``P_i`` reaches it, and otherwise
keeps what is left of it (again unit-exponential) and buys when the imitation hazard accumulated
over the window reaches that (the same law as a draw per push and per hour, with no per-hour
random numbers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from simgroup.engine import population
from simgroup.engine.columns import doubled, regrow, runs
from simgroup.engine.jit import kernel
from simgroup.scenario.models import Product
from simgroup.scenario.vocabulary import SEGMENTS

if TYPE_CHECKING:
    from simgroup.engine.world import World

HUNTER = SEGMENTS.index("coupon_hunter")
F32 = np.float32
UNLIMITED = np.iinfo(np.int64).max
#: compact the offer book after this many ticks with closings (entries of closed offers only
#: cost a few vector passes until then)
COMPACT_AFTER_CLOSINGS = 6


def propensity(w: World, rows: np.ndarray, g: int, product: Product, discount: float, kind_mult: float,
               t: float) -> np.ndarray:
    """``P_i``: the expected purchases of each reader from one push of this offer (reading it also
    counts as an exposure for wear-out and moves the reader's reference price: demand.py)."""
    pop = w.pop
    b = w.params.buying
    typ = int(w.spec_type[int(w.groups.spec[g])])
    key = (typ, product.price, discount, kind_mult)
    by_segment = w.buy_by_segment.get(key)
    if by_segment is None:
        persona = w.persona
        scalar = w.type_columns["buy_base"][typ] * persona.conversion_mult * kind_mult * 2.0 * b.price_ref / (b.price_ref + product.price)
        if discount > 0:
            scalar *= persona.coupon_mult
        # by segment: buy multiplier, and 0 where the discount is below the segment's minimum
        by_segment = scalar * w.segment_columns["buy_mult"] * (discount + 1e-12 >= w.segment_columns["min_discount"])
        w.buy_by_segment[key] = by_segment
    d = w.demand
    last_buy, wear, wear_t, ref = d.columns(product.id)
    out = np.empty(rows.size)
    _propensity(rows, by_segment, pop.segment, pop.interest, pop.trust, pop.price_sens, pop.purchases,
                pop.annoyance, pop.inv_tol_leave, float(b.irritation),
                float(b.trust_coef), float(b.discount_elasticity) * discount, float(b.repurchase_mult),
                last_buy, wear, wear_t, ref, d.cycle[d.index[product.id]], d.wear_per_exposure, d.wear_half_life,
                d.gain, d.loss, float(d.learning_rate), float(discount), float(t), out)
    return out


@kernel
def _propensity(rows: np.ndarray, by_segment: np.ndarray, segment: np.ndarray, interest: np.ndarray,
                trust: np.ndarray, price_sens: np.ndarray, purchases: np.ndarray, annoy: np.ndarray,
                inv_tol: np.ndarray, irritation: float, trust_coef: float,
                elasticity: float, repurchase_mult: float, last_buy: np.ndarray, wear: np.ndarray,
                wear_t: np.ndarray, ref: np.ndarray, cycle: float, wear_per_exposure: float,
                wear_half_life: float, gain: float, loss: float, learning_rate: float, discount: float,
                t: float, out: np.ndarray) -> None:
    """``P_i`` of each of ``rows`` into ``out``, one pass (docs/model.md, "Buying")::

        P_i = by_segment[S] × interest_i × (1 + trust_coef × trust_i)
            × (1 + elasticity × price_sensitivity_i)   (if discounted; elasticity × discount given)
            × repurchase_mult                          (if the person has ordered anything before)
            / (1 + irritation × max(annoy_i × inv_tol_i − 1, 0))   (fed up: above the leave tolerance)
            × intent_i × wear_i × reference_i

    with the demand factors of :mod:`simgroup.engine.demand` (the product's columns):
    ``intent = 1 − exp(−(t − last order) / cycle)`` after an order (0 for cycle 0),
    ``wear = 1 / (1 + wear_per_exposure × exposures)`` (exposures halve every
    ``wear_half_life`` minutes) and ``reference = exp(price_sensitivity × (gain × max(d − R, 0)
    − loss × max(R − d, 0)))``; then the reading counts as an exposure and moves ``R`` towards
    ``d`` by ``learning_rate``."""
    lr = np.float32(learning_rate)
    d32 = np.float32(discount)
    for j in range(rows.size):
        r = rows[j]
        p = by_segment[segment[r]] * interest[r]
        p *= 1.0 + trust_coef * trust[r]
        if discount != 0:
            p *= 1.0 + elasticity * price_sens[r]
        if purchases[r] > 0:
            p *= repurchase_mult
        if irritation > 0:
            p /= 1.0 + irritation * max(annoy[r] * inv_tol[r] - 1.0, 0.0)
        factor = 1.0
        last = last_buy[r]
        if last > -np.inf:
            factor = -np.expm1(-(t - last) / cycle) if cycle > 0 else 0.0
        if wear_per_exposure > 0:
            worn = wear[r] * np.exp2(-(t - wear_t[r]) / wear_half_life)
            factor /= 1.0 + wear_per_exposure * worn
            wear[r] = worn + 1.0
            wear_t[r] = t
        if gain > 0 or loss > 0:
            expected = ref[r]
            diff = discount - np.float64(expected)
            utility = gain * max(diff, 0.0) - loss * max(-diff, 0.0)
            factor *= np.exp(price_sens[r] * utility)
            ref[r] = expected + lr * (d32 - expected)
        out[j] = p * factor


def push_offer(w: World, g: int, readers: np.ndarray, t: float, product: Product, discount: float,
               stock: int | None, lasts: float, kind_mult: float, purpose: str) -> None:
    """Readers decide at push time; with a window of at least a tick, imitation follows."""
    book = w.offers
    spec = int(w.groups.spec[g])
    rng = w.spec_stream(spec, "offers", purpose)
    limit = UNLIMITED if stock is None else int(stock)
    w.demand.discount_offered(spec, discount, t)
    p = propensity(w, readers, g, product, discount, kind_mult, t)
    # each reader's unit-exponential clock: buys now if the push's hazard reaches it (chance
    # 1 - exp(-p)); otherwise what is left of it (again unit-exponential) runs on during imitation
    clock = rng.standard_exponential(readers.size)
    bought = clock < p
    buyers = readers[bought]
    sold = buyers.size
    if sold:
        if sold > limit:
            buyers = np.sort(rng.permutation(buyers)[:limit])
            sold = buyers.size
        delay = rng.exponential(book.order_delay, sold)
        if lasts > 0:  # an order must land inside the sale window
            np.minimum(delay, lasts, out=delay)
        delay += t
        times = np.minimum(delay, w.horizon - 1e-6, out=delay)
        paid = product.price * (1.0 - discount)
        profit = paid - product.unit_cost
        record_orders(w, buyers, times, paid, discount > 0, product.id, unique=True)
        w.ledger.orders_of_spec(spec, times, product.price, profit)
    if sold == readers.size:
        return
    waits = ~bought
    waiting = readers[waits]
    imitation = book.imitation_by_spec[spec]
    hours = int(lasts / book.dt + 1e-9)  # whole ticks of the window
    if hours >= 1 and imitation > 0 and sold < limit:
        pw = p[waits]
        clock = clock[waits]
        clock -= pw
        book.open(g, spec, product, discount, limit, sold, lasts, t, t + hours * book.dt, imitation,
                  waiting, pw, clock.astype(F32))


class OfferBook:
    """Every open offer's waiting readers, advanced once per tick (vectorised across offers).

    Per offer (columns, one entry per offer ever opened): group, window, imitation coefficient,
    units sold and stock, and what an order books. Per waiting reader (entries): row, propensity
    and remaining clock, kept in blocks of one offer in slot order (``block_slot``, ``block_len``).
    Closed offers' entries get no more hazard and are dropped at the next compaction.
    """

    _OFFER_COLS = (("g", np.int64), ("spec", np.int64), ("start", np.float64), ("end", np.float64),
                   ("imitation", np.float64), ("sold", np.int64), ("stock", np.int64), ("lasts", np.float64),
                   ("price", np.float64), ("paid", np.float64), ("profit", np.float64),
                   ("discounted", bool), ("product", np.int64))
    g: np.ndarray
    spec: np.ndarray
    start: np.ndarray
    end: np.ndarray
    imitation: np.ndarray
    sold: np.ndarray
    stock: np.ndarray
    lasts: np.ndarray
    price: np.ndarray
    paid: np.ndarray
    profit: np.ndarray
    discounted: np.ndarray
    product: np.ndarray

    def __init__(self, w: World) -> None:
        self.w = w
        self.dt = float(w.params.tick_minutes)
        self.rng = w.streams.get("offers", "imitation", "orders")
        b = w.params.buying
        self.order_delay = float(b.order_delay_minutes)
        self.trust_gain = F32(b.buyer_trust_gain)
        self.imitation_by_spec = [float(w.type_columns["imitation"][int(typ)]) for typ in w.spec_type]
        self.products = w.demand.ids  # an offer's product is its index here
        self.n = 0
        for name, dtype in self._OFFER_COLS:
            setattr(self, name, np.zeros(16, dtype=dtype))
        self.open_slots = np.zeros(0, dtype=np.int64)
        self.rows = np.zeros(0, dtype=np.int64)
        self.p = np.zeros(0, dtype=F32)
        self.rem = np.zeros(0, dtype=F32)
        # entries are kept in slot order, in blocks: the slots that have entries and block sizes
        self.block_slot = np.zeros(0, dtype=np.int64)
        self.block_len = np.zeros(0, dtype=np.int64)
        # (the offer's columns in _OFFER_COLS order, its readers' rows, propensities, clocks)
        self._pending: list[tuple[tuple[Any, ...], np.ndarray, np.ndarray, np.ndarray]] = []
        self._dead = 0  # entries that bought since the last compaction
        self._closed_since = 0  # ticks with a closing offer since the last compaction

    def open(self, g: int, spec: int, product: Product, discount: float, stock: int, sold: int, lasts: float,
             start: float, end: float, imitation: float, rows: np.ndarray, p: np.ndarray,
             clocks: np.ndarray) -> None:
        """Register an offer with a window; its waiting readers join the next tick's pass."""
        index = self.w.demand.index[product.id]
        paid = product.price * (1.0 - discount)
        self._pending.append(((g, spec, start, end, imitation, sold, stock, lasts, product.price, paid,
                               paid - product.unit_cost, discount > 0, index), rows, p, clocks))

    def _merge_pending(self) -> None:
        """Give the offers opened since the last tick their slots and entries."""
        if not self._pending:
            return
        parts = self._pending
        self._pending = []
        m = len(parts)
        s0 = self.n
        if s0 + m > self.g.size:
            regrow(self, {name: 0 for name, _ in self._OFFER_COLS}, s0, doubled(self.g.size, s0 + m))
        self.n = s0 + m
        for j, (name, dtype) in enumerate(self._OFFER_COLS):
            getattr(self, name)[s0: s0 + m] = np.array([x[0][j] for x in parts], dtype=dtype)
        sizes = [x[1].size for x in parts]
        self.rows = np.concatenate([self.rows, *(x[1] for x in parts)])
        self.p = np.concatenate([self.p, *(x[2] for x in parts)]).astype(F32, copy=False)
        self.rem = np.concatenate([self.rem, *(x[3] for x in parts)])
        new_slots = np.arange(s0, s0 + m)
        self.block_slot = np.concatenate([self.block_slot, new_slots])
        self.block_len = np.concatenate([self.block_len, sizes])
        # new offers have the highest slots: appending keeps the open slots sorted
        self.open_slots = np.concatenate([self.open_slots, new_slots])

    def step(self, t: float) -> None:
        """Advance imitation over ``(t - dt, t]`` for every open offer, book what sells, close
        the offers whose window ended or whose stock ran out."""
        self._merge_pending()
        if self.open_slots.size == 0:
            return
        w = self.w
        s = self.open_slots
        expo = np.clip(np.minimum(t, self.end[s]) - np.maximum(t - self.dt, self.start[s]), 0.0, None) / 60.0
        members = np.maximum(w.groups.count[self.g[s]], 1)
        share = np.minimum(self.sold[s] / members, 1.0)
        coef_open = self.imitation[s] * share * expo * (self.sold[s] < self.stock[s])
        fired = None
        if coef_open.any():  # otherwise no clock moves (until somebody buys, imitation is 0)
            coef = np.zeros(self.n, dtype=F32)
            coef[s] = coef_open
            fired = np.empty(self.rem.size, dtype=np.int64)
            fired = fired[: _imitate(coef, self.block_slot, self.block_len, self.p, self.rem, fired)]
        if fired is not None and fired.size:
            rows = self.rows[fired]
            self.rem[fired] = np.inf  # each reader buys at most once per offer
            self._dead += fired.size
            still = w.pop.state[rows] < population.LEFT  # a member who left no longer buys
            block = np.searchsorted(np.cumsum(self.block_len), fired[still], side="right")
            self._sell(rows[still], self.block_slot[block], t)
        closed = (self.end[s] <= t) | (self.sold[s] >= self.stock[s])
        if closed.any():
            # a closed offer leaves the open set: its entries get no more hazard from now on
            self.open_slots = s = s[~closed]
            self._closed_since += 1
        if 2 * self._dead > self.rem.size or self._closed_since >= COMPACT_AFTER_CLOSINGS:
            # drop the entries of closed offers and of readers who bought
            self._closed_since = 0
            self._dead = 0
            if self.rem.size:
                is_open = np.zeros(self.n, dtype=bool)
                is_open[s] = True
                keep = np.repeat(is_open[self.block_slot], self.block_len) & np.isfinite(self.rem)
                kept = np.add.reduceat(keep, np.cumsum(self.block_len) - self.block_len, dtype=np.int64)  # no empty block
                self.rows, self.p, self.rem = self.rows[keep], self.p[keep], self.rem[keep]
                self.block_slot, self.block_len = self.block_slot[kept > 0], kept[kept > 0]

    def _sell(self, rows: np.ndarray, slots: np.ndarray, t: float) -> None:
        if rows.size == 0:
            return
        # entries are kept in slot order (offers are appended, compaction keeps order)
        uniq, first, counts = runs(slots)
        room = self.stock[uniq] - self.sold[uniq]
        over = np.flatnonzero(counts > room)
        if over.size:  # more buyers than units left: a random subset gets them
            keep = np.ones(rows.size, dtype=bool)
            for j in over:
                span = np.arange(first[j], first[j] + counts[j])
                drop = self.rng.permutation(span)[room[j]:]
                keep[drop] = False
            rows, slots = rows[keep], slots[keep]
            uniq, _, counts = runs(slots)
        self.sold[uniq] += counts
        delay = self.rng.exponential(self.order_delay, rows.size)
        # the decision fell inside the window (imitation has no hazard outside it), and the order
        # must land before the sale closes, even when the tick runs past the window's end
        times = np.minimum(t + delay, self.end[slots])
        np.minimum(times, self.w.horizon - 1e-6, out=times)
        record_orders(self.w, rows, times, self.paid[slots], self.discounted[slots],
                      (self.products, self.product[slots]), unique=_distinct(rows))
        self.w.ledger.orders(times, self.w.pop.spec[rows], self.price[slots], self.profit[slots])


@kernel
def _imitate(coef: np.ndarray, block_slot: np.ndarray, block_len: np.ndarray, p: np.ndarray, rem: np.ndarray,
             fired: np.ndarray) -> int:
    """One tick of imitation: each waiting reader's clock ``rem`` loses ``coef[offer] × p`` (its
    offer's imitation hazard per unit of propensity this tick × its propensity); blocks of offers
    with no hazard are skipped. Writes the entries whose clock reached 0 into ``fired``, in order,
    and returns how many."""
    count = 0
    start = 0
    for b in range(block_slot.size):
        c = coef[block_slot[b]]
        stop = start + block_len[b]
        if c > 0:
            for i in range(start, stop):
                left = rem[i] - c * p[i]
                rem[i] = left
                if left <= 0:
                    fired[count] = i
                    count += 1
        start = stop
    return count


def _distinct(rows: np.ndarray) -> bool:
    """Whether ``rows`` holds no value twice."""
    if rows.size < 2:
        return True
    ordered = np.sort(rows)
    return not bool((ordered[1:] == ordered[:-1]).any())


def record_orders(w: World, buyers: np.ndarray, times: np.ndarray, paid: np.ndarray | float,
                  discounted: np.ndarray | bool, product: str | tuple[list[str], np.ndarray], *, unique: bool) -> None:
    """What orders do to the buyers: purchases, spend (``paid``, after discount), trust, the
    benefit window of a discounted order, the event log and ``on: purchase`` steps. The caller
    books the money (revenue at list price and gross profit) in the ledger.

    ``paid`` and ``discounted`` are one per buyer or one for all; ``product`` is an id, or (ids,
    index per buyer). With ``unique=False`` a row may appear more than once (two offers in one
    tick) and buys each time.
    """
    pop = w.pop
    gain = w.offers.trust_gain
    if unique and isinstance(product, str) and not isinstance(paid, np.ndarray) and not isinstance(discounted, np.ndarray):
        # one push's orders (one product, price and discount for all): one pass over the buyers
        _credit(buyers, times, float(paid), float(gain), bool(discounted), pop.purchases, pop.orders, pop.spend,
                pop.trust, pop.segment, w.hazards.benefit_window, pop.benefit_from, pop.benefit_until,
                w.demand.columns(product)[0])
        if w.track_activity:
            last = pop.last_active_t[buyers]
            pop.last_active_t[buyers] = np.maximum(last, times, out=last)
        _log_orders(w, buyers, times, paid, product)
        if w.sop.has_event["purchase"]:
            w.sop.on_purchase(buyers)
        return
    if unique:
        pop.purchases[buyers] += 1
        pop.orders[buyers] += 1
        pop.spend[buyers] += paid
        pop.trust[buyers] += gain
        if w.track_activity:
            last = pop.last_active_t[buyers]
            pop.last_active_t[buyers] = np.maximum(last, times, out=last)
    else:
        np.add.at(pop.purchases, buyers, 1)
        np.add.at(pop.orders, buyers, 1)
        np.add.at(pop.spend, buyers, paid)
        np.add.at(pop.trust, buyers, gain)
        if w.track_activity:
            np.maximum.at(pop.last_active_t, buyers, times)
    if isinstance(discounted, np.ndarray):
        took, took_t = buyers[discounted], times[discounted]
        if took.size:
            w.hazards.took_benefit(took, took_t)
    elif discounted:
        w.hazards.took_benefit(buyers, times)
    demand = w.demand
    demand.bought(buyers, demand.index[product] if isinstance(product, str) else product[1], times)
    _log_orders(w, buyers, times, paid, product)
    if w.sop.has_event["purchase"]:
        w.sop.on_purchase(buyers)


def _log_orders(w: World, buyers: np.ndarray, times: np.ndarray, paid: np.ndarray | float,
                product: str | tuple[list[str], np.ndarray]) -> None:
    if w.events is None:
        return
    pop = w.pop
    for i, (r, tt) in enumerate(zip(buyers, times)):
        pid = product if isinstance(product, str) else product[0][int(product[1][i])]
        amount = paid[i] if isinstance(paid, np.ndarray) else paid
        w.log(float(tt), "order", chat_id=w.chat_id(int(pop.group[r])), member=int(pop.person[r]),
              product=pid, price=round(float(amount), 2))


@kernel
def _credit(buyers: np.ndarray, times: np.ndarray, paid: float, gain: float, discounted: bool,
            purchases: np.ndarray, orders: np.ndarray, spend: np.ndarray, trust: np.ndarray, segment: np.ndarray,
            benefit_window: np.ndarray, benefit_from: np.ndarray, benefit_until: np.ndarray,
            last_buy: np.ndarray) -> None:
    """What one push's orders (distinct ``buyers`` ordering at ``times``) do to the buyers, in one
    pass: purchases, orders, spend and trust grow; a discounted order opens the segment's benefit
    window from the order time, or extends the window it lands in (hazards.took_benefit); the
    product's intent is spent (demand.py)."""
    g32 = np.float32(gain)
    for j in range(buyers.size):
        r = buyers[j]
        purchases[r] += 1
        orders[r] += 1
        spend[r] += paid
        trust[r] += g32
        if discounted:
            s = times[j]
            if not (benefit_from[r] <= s and benefit_until[r] > s):
                benefit_from[r] = s
            benefit_until[r] = s + benefit_window[segment[r]]
        last_buy[r] = times[j]
