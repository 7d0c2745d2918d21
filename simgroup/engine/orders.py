"""What orders do to the buyers: purchases, spend, trust, the post-benefit window and intent.

An order is decided at a push (:func:`simgroup.engine.offers.push_offer`) or during an offer's
imitation window (:class:`simgroup.engine.offers.OfferBook`) and lands after a delay. The money
(revenue at list price, gross profit) is booked by the caller in the ledger; this module changes
the buyers' rows. The loops are compiled kernels: an order batch is a few to a few hundred rows,
and a numpy call per column and batch cost several times the work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine.jit import kernel

if TYPE_CHECKING:
    from simgroup.engine.world import World


def land_push_orders(w: World, buyers: np.ndarray, delay: np.ndarray, t: float, lasts: float, paid: float,
                     discounted: bool, product: str) -> tuple[float, float]:
    """The orders of one push (distinct ``buyers``, one product, price and discount for all),
    decided at ``t`` and landing ``delay`` later (within the sale window ``lasts`` when it has
    one, and before the horizon). ``delay`` becomes the order times, in place. Returns the
    first and last order time."""
    pop = w.pop
    first, last = _land(buyers, delay, float(t), float(lasts), w.horizon - 1e-6, float(paid),
                        float(w.offers.trust_gain), bool(discounted), pop.purchases, pop.orders, pop.spend,
                        pop.trust, pop.segment, w.hazards.benefit_window, pop.benefit_from, pop.benefit_until,
                        w.demand.columns(product)[0])
    _after_orders(w, buyers, delay, distinct=True, log=(paid, product) if w.events is not None else None)
    return first, last


def land_window_orders(w: World, buyers: np.ndarray, slots: np.ndarray, delay: np.ndarray, t: float,
                       end: np.ndarray, paid: np.ndarray, discounted: np.ndarray, product: np.ndarray,
                       ids: list[str]) -> np.ndarray:
    """The orders decided in the tick ending at ``t`` during offers' windows: buyer ``j`` of
    offer ``slots[j]`` (whose columns ``end``, ``paid``, ``discounted`` and ``product``, an index
    into ``ids``, are indexed by offer) lands ``delay[j]`` later, before the offer's window ends
    (the decision fell inside it, but the tick may run past its end) and before the horizon.
    Returns the order times (``delay``, overwritten). A row may appear more than once (two offers
    in one tick) and buys each time."""
    pop = w.pop
    latest = w.horizon - 1e-6
    distinct = _distinct(buyers)
    if distinct:
        last_buy = tuple(w.demand.columns(pid)[0] for pid in ids)
        _land_each(buyers, slots, delay, float(t), latest, end, paid, discounted, product,
                   float(w.offers.trust_gain), pop.purchases, pop.orders, pop.spend, pop.trust, pop.segment,
                   w.hazards.benefit_window, pop.benefit_from, pop.benefit_until, last_buy)
        times = delay
    else:
        times = np.minimum(t + delay, end[slots])
        np.minimum(times, latest, out=times)
        _credit_repeated(w, buyers, times, paid[slots], discounted[slots], product[slots])
    log = (paid[slots], (ids, product[slots])) if w.events is not None else None
    _after_orders(w, buyers, times, distinct=distinct, log=log)
    return times


def _credit_repeated(w: World, buyers: np.ndarray, times: np.ndarray, paid: np.ndarray, discounted: np.ndarray,
                     product: np.ndarray) -> None:
    """:func:`land_window_orders` when a row orders more than once in the batch (rare): numpy's
    unbuffered ``at`` adds each order, and a repeated row's benefit window is judged against the
    window as it was before the batch (its last order sets it)."""
    pop = w.pop
    gain = w.offers.trust_gain
    np.add.at(pop.purchases, buyers, 1)
    np.add.at(pop.orders, buyers, 1)
    np.add.at(pop.spend, buyers, paid)
    np.add.at(pop.trust, buyers, gain)
    took, took_t = buyers[discounted], times[discounted]
    if took.size:
        w.hazards.took_benefit(took, took_t)
    w.demand.bought(buyers, product, times)


def _after_orders(w: World, buyers: np.ndarray, times: np.ndarray, *, distinct: bool,
                  log: tuple[np.ndarray | float, str | tuple[list[str], np.ndarray]] | None) -> None:
    """Last activity (kept only for ``on: inactive`` steps), the event log (``log``: what each
    order paid and its product, when events are recorded), ``on: purchase`` steps."""
    if w.track_activity:
        pop = w.pop
        if distinct:
            last = pop.last_active_t[buyers]
            pop.last_active_t[buyers] = np.maximum(last, times, out=last)
        else:
            np.maximum.at(pop.last_active_t, buyers, times)
    if log is not None:
        _log_orders(w, buyers, times, *log)
    if w.sop.has_event["purchase"]:
        w.sop.on_purchase(buyers)


def _distinct(rows: np.ndarray) -> bool:
    """Whether ``rows`` holds no value twice."""
    if rows.size < 2:
        return True
    ordered = np.sort(rows)
    return not bool((ordered[1:] == ordered[:-1]).any())


def _log_orders(w: World, buyers: np.ndarray, times: np.ndarray, paid: np.ndarray | float,
                product: str | tuple[list[str], np.ndarray]) -> None:
    pop = w.pop
    for i, (r, tt) in enumerate(zip(buyers, times)):
        pid = product if isinstance(product, str) else product[0][int(product[1][i])]
        amount = paid[i] if isinstance(paid, np.ndarray) else paid
        w.log(float(tt), "order", chat_id=w.chat_id(int(pop.group[r])), member=int(pop.person[r]),
              product=pid, price=round(float(amount), 2))


@kernel
def _land(buyers: np.ndarray, delay: np.ndarray, t: float, lasts: float, latest: float, paid: float, gain: float,
          discounted: bool, purchases: np.ndarray, orders: np.ndarray, spend: np.ndarray, trust: np.ndarray,
          segment: np.ndarray, benefit_window: np.ndarray, benefit_from: np.ndarray, benefit_until: np.ndarray,
          last_buy: np.ndarray) -> tuple[float, float]:
    """One push's orders, in one pass over its distinct ``buyers``: each lands at
    ``s = min(t + min(delay, lasts), latest)`` (``min(delay, lasts)`` only with a window,
    ``lasts > 0``), written back into ``delay``; purchases and orders grow by 1, spend by
    ``paid``, trust by ``gain``; a discounted order opens the segment's benefit window
    ``[s, s + benefit_window[S])``, or extends the window ``s`` falls in to end there
    (hazards.took_benefit); the product's last order is ``s`` (intent spent, demand.py).
    Returns the first and last order time."""
    g32 = np.float32(gain)
    first = np.inf
    last = -np.inf
    for j in range(buyers.size):
        r = buyers[j]
        d = delay[j]
        if lasts > 0 and lasts < d:  # an order must land inside the sale window
            d = lasts
        d += t
        s = d if d < latest else latest
        delay[j] = s
        first = min(first, s)
        last = max(last, s)
        purchases[r] += 1
        orders[r] += 1
        spend[r] += paid
        trust[r] += g32
        if discounted:
            if not (benefit_from[r] <= s and benefit_until[r] > s):
                benefit_from[r] = s
            benefit_until[r] = s + benefit_window[segment[r]]
        last_buy[r] = s
    return first, last


@kernel
def _land_each(buyers: np.ndarray, slots: np.ndarray, delay: np.ndarray, t: float, latest: float, end: np.ndarray,
               paid: np.ndarray, discounted: np.ndarray, product: np.ndarray, gain: float, purchases: np.ndarray,
               orders: np.ndarray, spend: np.ndarray, trust: np.ndarray, segment: np.ndarray,
               benefit_window: np.ndarray, benefit_from: np.ndarray, benefit_until: np.ndarray,
               last_buy: tuple[np.ndarray, ...]) -> None:
    """Orders of several offers by distinct ``buyers``, in one pass: buyer ``j`` of offer
    ``o = slots[j]`` lands at ``s = min(t + delay[j], end[o], latest)``, written back into
    ``delay``; purchases and orders grow by 1, spend by ``paid[o]``, trust by ``gain``; a
    discounted order opens the segment's benefit window ``[s, s + benefit_window[S])`` or
    extends the one ``s`` falls in (hazards.took_benefit); the last order of product
    ``product[o]`` is ``s`` (demand.py)."""
    g32 = np.float32(gain)
    for j in range(buyers.size):
        r = buyers[j]
        o = slots[j]
        s = t + delay[j]
        if end[o] < s:
            s = end[o]
        if latest < s:
            s = latest
        delay[j] = s
        purchases[r] += 1
        orders[r] += 1
        spend[r] += paid[o]
        trust[r] += g32
        if discounted[o]:
            if not (benefit_from[r] <= s and benefit_until[r] > s):
                benefit_from[r] = s
            benefit_until[r] = s + benefit_window[segment[r]]
        last_buy[product[o]][r] = s
