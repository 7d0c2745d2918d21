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
from simgroup.engine.orders import land_push_orders, record_orders
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


def push_offer(w: World, g: int, readers: np.ndarray, t: float, product: Product, discount: float,
               stock: int | None, lasts: float, kind_mult: float, purpose: str) -> None:
    """Readers decide at push time; with a window of at least a tick, imitation follows."""
    book = w.offers
    spec = int(w.groups.spec[g])
    rng = w.spec_stream(spec, "offers", purpose)
    limit = UNLIMITED if stock is None else int(stock)
    w.demand.discount_offered(spec, discount, t)
    n = readers.size
    # each reader's unit-exponential clock: buys now if the push's hazard reaches it (chance
    # 1 - exp(-p)); otherwise what is left of it (again unit-exponential) runs on during imitation
    clock = rng.standard_exponential(n)
    buyers = np.empty(n, dtype=np.int64)
    waiting = np.empty(n, dtype=np.int64)
    wait_p = np.empty(n, dtype=F32)
    wait_clock = np.empty(n, dtype=F32)
    bought = _decide(w, readers, clock, g, product, discount, kind_mult, t, buyers, waiting, wait_p, wait_clock)
    sold = bought
    if sold:
        buyers = buyers[:sold]
        if sold > limit:
            buyers = np.sort(rng.permutation(buyers)[:limit])
            sold = buyers.size
        times = rng.exponential(book.order_delay, sold)
        paid = product.price * (1.0 - discount)
        first, last = land_push_orders(w, buyers, times, t, lasts, paid, discount > 0, product.id)
        w.ledger.orders_of_spec(spec, times, product.price, paid - product.unit_cost, first, last)
    if sold == n:
        return
    imitation = book.imitation_by_spec[spec]
    hours = int(lasts / book.dt + 1e-9)  # whole ticks of the window
    if hours >= 1 and imitation > 0 and sold < limit:
        k = n - bought  # the readers who did not buy at the push
        book.open(g, spec, product, discount, limit, sold, lasts, t, t + hours * book.dt, imitation,
                  waiting[:k], wait_p[:k], wait_clock[:k])


def _decide(w: World, readers: np.ndarray, clock: np.ndarray, g: int, product: Product, discount: float,
            kind_mult: float, t: float, buyers: np.ndarray, waiting: np.ndarray, wait_p: np.ndarray,
            wait_clock: np.ndarray) -> int:
    """Each reader's ``P_i`` (the expected purchases from one push of this offer; reading it also
    counts as an exposure for wear-out and moves the reader's reference price: demand.py) against
    its clock: the buyers into ``buyers``, the others with ``P_i`` and what is left of their clock
    into ``waiting``, ``wait_p``, ``wait_clock``. Returns how many bought."""
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
    pop = w.pop
    last_buy, wear, wear_t, ref = d.columns(product.id)
    return int(_push(readers, clock, by_segment, pop.segment, pop.interest, pop.trust, pop.price_sens, pop.purchases,
                     float(b.trust_coef), float(b.discount_elasticity) * discount, float(b.repurchase_mult),
                     last_buy, wear, wear_t, ref, d.cycle[d.index[product.id]], d.wear_per_exposure,
                     d.wear_half_life, d.gain, d.loss, float(d.learning_rate), float(discount), float(t),
                     buyers, waiting, wait_p, wait_clock))


@kernel
def _push(rows: np.ndarray, clock: np.ndarray, by_segment: np.ndarray, segment: np.ndarray, interest: np.ndarray,
          trust: np.ndarray, price_sens: np.ndarray, purchases: np.ndarray, trust_coef: float, elasticity: float,
          repurchase_mult: float, last_buy: np.ndarray, wear: np.ndarray, wear_t: np.ndarray, ref: np.ndarray,
          cycle: float, wear_per_exposure: float, wear_half_life: float, gain: float, loss: float,
          learning_rate: float, discount: float, t: float, buyers: np.ndarray, waiting: np.ndarray,
          wait_p: np.ndarray, wait_clock: np.ndarray) -> int:
    """One push of an offer to ``rows``, one pass (docs/model.md, "Buying")::

        P_i = by_segment[S] × interest_i × (1 + trust_coef × trust_i)
            × (1 + elasticity × price_sensitivity_i)   (if discounted; elasticity × discount given)
            × repurchase_mult                          (if the person has ordered anything before)
            × intent_i × wear_i × reference_i

    with the demand factors of :mod:`simgroup.engine.demand` (the product's columns):
    ``intent = 1 − exp(−(t − last order) / cycle)`` after an order (0 for cycle 0),
    ``wear = 1 / (1 + wear_per_exposure × exposures)`` (exposures halve every
    ``wear_half_life`` minutes) and ``reference = exp(price_sensitivity × (gain × max(d − R, 0)
    − loss × max(R − d, 0)))``; then the reading counts as an exposure and moves ``R`` towards
    ``d`` by ``learning_rate``.

    Reader ``i`` buys now if its unit-exponential ``clock_i < P_i`` (chance ``1 − exp(−P_i)``):
    its row goes to ``buyers``; otherwise its row, ``P_i`` and ``clock_i − P_i`` (float32) go to
    ``waiting``, ``wait_p`` and ``wait_clock``. Both keep the readers' order. Returns the number
    of buyers."""
    lr = np.float32(learning_rate)
    d32 = np.float32(discount)
    sold = 0
    waits = 0
    for j in range(rows.size):
        r = rows[j]
        p = by_segment[segment[r]] * interest[r]
        p *= 1.0 + trust_coef * trust[r]
        if discount != 0:
            p *= 1.0 + elasticity * price_sens[r]
        if purchases[r] > 0:
            p *= repurchase_mult
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
        p_i = p * factor
        c = clock[j]
        if c < p_i:
            buyers[sold] = r
            sold += 1
        else:
            waiting[waits] = r
            wait_p[waits] = np.float32(p_i)
            wait_clock[waits] = np.float32(c - p_i)
            waits += 1
    return sold


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
