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
from simgroup.engine.orders import land_push_orders, land_window_orders
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
    rows = np.empty(2 * n, dtype=np.int64)  # (one allocation per dtype: the push is a hot path)
    buyers, waiting = rows[:n], rows[n:]
    floats = np.empty(2 * n, dtype=F32)
    wait_p, wait_clock = floats[:n], floats[n:]
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
                     pop.annoyance, pop.inv_tol_leave, float(b.irritation), float(b.trust_coef),
                     float(b.discount_elasticity) * discount, float(b.repurchase_mult),
                     last_buy, wear, wear_t, ref, d.cycle[d.index[product.id]], d.wear_per_exposure,
                     d.wear_half_life, d.gain, d.loss, float(d.learning_rate), float(discount), float(t),
                     buyers, waiting, wait_p, wait_clock))


@kernel
def _push(rows: np.ndarray, clock: np.ndarray, by_segment: np.ndarray, segment: np.ndarray, interest: np.ndarray,
          trust: np.ndarray, price_sens: np.ndarray, purchases: np.ndarray, annoy: np.ndarray, inv_tol: np.ndarray,
          irritation: float, trust_coef: float, elasticity: float,
          repurchase_mult: float, last_buy: np.ndarray, wear: np.ndarray, wear_t: np.ndarray, ref: np.ndarray,
          cycle: float, wear_per_exposure: float, wear_half_life: float, gain: float, loss: float,
          learning_rate: float, discount: float, t: float, buyers: np.ndarray, waiting: np.ndarray,
          wait_p: np.ndarray, wait_clock: np.ndarray) -> int:
    """One push of an offer to ``rows``, one pass (docs/model.md, "Buying")::

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
        coef = np.zeros(self.n, dtype=F32)
        # until somebody buys, imitation is 0 and no clock moves
        if _coefficients(s, float(t), self.dt, self.start, self.end, self.g, w.groups.count, self.sold, self.stock,
                         self.imitation, coef):
            rows = np.empty(self.rem.size, dtype=np.int64)
            slots = np.empty(self.rem.size, dtype=np.int64)
            fired, kept = _imitate(coef, self.block_slot, self.block_len, self.p, self.rem, self.rows, w.pop.state,
                                   population.LEFT, rows, slots)
            if fired:
                self._dead += fired
                self._sell(rows[:kept], slots[:kept], t)
        still = np.empty(s.size, dtype=np.int64)
        k = _still_open(s, float(t), self.end, self.sold, self.stock, still)
        if k < s.size:
            # a closed offer leaves the open set: its entries get no more hazard from now on
            self.open_slots = s = still[:k]
            self._closed_since += 1
        if 2 * self._dead > self.rem.size or self._closed_since >= COMPACT_AFTER_CLOSINGS:
            # drop the entries of closed offers and of readers who bought
            self._closed_since = 0
            self._dead = 0
            if self.rem.size:
                is_open = np.zeros(self.n, dtype=bool)
                is_open[s] = True
                entries, blocks = _compact(is_open, self.block_slot, self.block_len, self.rows, self.p, self.rem)
                self.rows, self.p, self.rem = self.rows[:entries], self.p[:entries], self.rem[:entries]
                self.block_slot, self.block_len = self.block_slot[:blocks], self.block_len[:blocks]

    def _sell(self, rows: np.ndarray, slots: np.ndarray, t: float) -> None:
        if rows.size == 0:
            return
        if not _take(slots, self.sold, self.stock):
            rows, slots = self._ration(rows, slots)
        delay = self.rng.exponential(self.order_delay, rows.size)
        times = land_window_orders(self.w, rows, slots, delay, t, self.end, self.paid, self.discounted, self.product,
                                   self.products)
        self.w.ledger.orders(times, self.w.pop.spec[rows], self.price[slots], self.profit[slots])

    def _ration(self, rows: np.ndarray, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """More buyers than units left of some offers: a random subset of each gets them (the
        offers' units sold grow by the buyers kept)."""
        # entries are kept in slot order (offers are appended, compaction keeps order)
        uniq, first, counts = runs(slots)
        room = self.stock[uniq] - self.sold[uniq]
        keep = np.ones(rows.size, dtype=bool)
        for j in np.flatnonzero(counts > room):
            span = np.arange(first[j], first[j] + counts[j])
            drop = self.rng.permutation(span)[room[j]:]
            keep[drop] = False
        rows, slots = rows[keep], slots[keep]
        uniq, _, counts = runs(slots)
        self.sold[uniq] += counts
        return rows, slots


@kernel
def _take(slots: np.ndarray, sold: np.ndarray, stock: np.ndarray) -> bool:
    """If every offer in ``slots`` (sorted: one run per offer) has room for its run's buyers
    (``run length ≤ stock − sold``), add them to ``sold`` and return True; otherwise change
    nothing and return False."""
    n = slots.size
    i = 0
    while i < n:
        o = slots[i]
        j = i
        while j < n and slots[j] == o:
            j += 1
        if j - i > stock[o] - sold[o]:
            return False
        i = j
    for i in range(n):
        sold[slots[i]] += 1
    return True


@kernel
def _coefficients(slots: np.ndarray, t: float, dt: float, start: np.ndarray, end: np.ndarray, group: np.ndarray,
                  count: np.ndarray, sold: np.ndarray, stock: np.ndarray, imitation: np.ndarray,
                  coef: np.ndarray) -> bool:
    """Each open offer's imitation hazard per unit of propensity over the tick ``(t − dt, t]``,
    into ``coef[offer]`` (float32)::

        coef = imitation × min(sold / max(members, 1), 1) × exposure × [sold < stock]
        exposure = max(min(t, end) − max(t − dt, start), 0) / 60   (hours of the window)

    Returns whether any is non-zero."""
    since = t - dt
    nonzero = False
    for k in range(slots.size):
        o = slots[k]
        hours = max(min(t, end[o]) - max(since, start[o]), 0.0) / 60.0
        members = max(count[group[o]], 1)
        share = min(sold[o] / members, 1.0)
        c = imitation[o] * share * hours * (1.0 if sold[o] < stock[o] else 0.0)
        coef[o] = np.float32(c)
        nonzero |= c != 0.0
    return nonzero


@kernel
def _imitate(coef: np.ndarray, block_slot: np.ndarray, block_len: np.ndarray, p: np.ndarray, rem: np.ndarray,
             rows: np.ndarray, state: np.ndarray, left: int, fired_rows: np.ndarray,
             fired_slots: np.ndarray) -> tuple[int, int]:
    """One tick of imitation: each waiting reader's clock ``rem`` loses ``coef[offer] × p`` (its
    offer's imitation hazard per unit of propensity this tick × its propensity); blocks of offers
    with no hazard are skipped. A reader whose clock reaches 0 buys (its clock becomes ``inf``:
    once per offer) unless it has left (``state == left``): its row and offer go to
    ``fired_rows`` and ``fired_slots``, in entry order. Returns how many clocks ran out and how
    many of those buy."""
    fired = 0
    kept = 0
    start = 0
    for b in range(block_slot.size):
        c = coef[block_slot[b]]
        stop = start + block_len[b]
        if c > 0:
            for i in range(start, stop):
                remaining = rem[i] - c * p[i]
                rem[i] = remaining
                if remaining <= 0:
                    rem[i] = np.inf
                    fired += 1
                    r = rows[i]
                    if state[r] < left:
                        fired_rows[kept] = r
                        fired_slots[kept] = block_slot[b]
                        kept += 1
        start = stop
    return fired, kept


@kernel
def _still_open(slots: np.ndarray, t: float, end: np.ndarray, sold: np.ndarray, stock: np.ndarray,
                out: np.ndarray) -> int:
    """The ``slots`` whose window has not ended by ``t`` (``end > t``) and that have stock left
    (``sold < stock``), into ``out`` in order; returns how many."""
    k = 0
    for j in range(slots.size):
        o = slots[j]
        if end[o] > t and sold[o] < stock[o]:
            out[k] = o
            k += 1
    return k


@kernel
def _compact(is_open: np.ndarray, block_slot: np.ndarray, block_len: np.ndarray, rows: np.ndarray, p: np.ndarray,
             rem: np.ndarray) -> tuple[int, int]:
    """Drop, in place and keeping the order, the entries of closed offers (``is_open[slot]``
    false) and of readers who bought (clock not finite), and the blocks left empty. Returns how
    many entries and blocks remain (at the front of the arrays)."""
    entries = 0
    blocks = 0
    start = 0
    for b in range(block_slot.size):
        stop = start + block_len[b]
        kept = 0
        if is_open[block_slot[b]]:
            for i in range(start, stop):
                if np.isfinite(rem[i]):
                    rows[entries] = rows[i]
                    p[entries] = p[i]
                    rem[entries] = rem[i]
                    entries += 1
                    kept += 1
        if kept:
            block_slot[blocks] = block_slot[b]
            block_len[blocks] = kept
            blocks += 1
        start = stop
    return entries, blocks
