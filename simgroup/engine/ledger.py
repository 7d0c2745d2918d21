"""Money, orders, posts and daily counters of one replication.

Counters are arrays indexed ``[spec, day]`` so that daily series and per-spec KPIs come out of
one place. Orders are counted into the daily orders, GMV and gross profit; who ordered is kept on
the member rows (``Population.orders``), not in a per-order table.

Additions are buffered and applied with one ``np.bincount`` per counter when
:attr:`Ledger.daily` is read (the day-end snapshot and the final measure): the engine books
thousands of tiny amounts (a few orders of one offer, the messages of one tick) and a numpy call
per booking cost more than the simulation around it. Reading ``daily`` always sees every booking
made so far.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from simgroup.scenario.times import MINUTES_PER_DAY

DAILY_COUNTERS = ("new_member_cnt", "left_cnt", "msg_total", "orders", "gmv", "gross_profit",
                  "cost_acquisition", "cost_incentives", "cost_labor")
SNAPSHOTS = ("member_total", "member_has_msg", "muted", "folded", "chat_total", "new_chat_cnt", "chat_has_msg")


class Ledger:
    """Accumulates what happened, by group spec and day."""

    def __init__(self, n_specs: int, days: int) -> None:
        self.n_specs = n_specs
        self.days = days
        self._daily = {name: np.zeros((n_specs, days)) for name in (*DAILY_COUNTERS, *SNAPSHOTS)}
        # buffered bookings per counter, in columns: one (spec, time, amount) per row ("rows"),
        # or an array of specs with one time / one amount for all of them or one each
        self._buf = {name: _Buffer() for name in DAILY_COUNTERS}
        self._orders = _Buffer()  # per order: spec, time, and (list price, gross profit)
        self.labor_minutes = np.zeros(n_specs)
        self.tasks_sent = np.zeros(n_specs, dtype=np.int64)
        self.tasks_skipped = np.zeros(n_specs, dtype=np.int64)
        self.operator_messages = np.zeros(n_specs, dtype=np.int64)
        # posts: reach per operator post
        self.post_spec: list[int] = []
        self.post_reach: list[float] = []

    @property
    def daily(self) -> dict[str, np.ndarray]:
        """``[spec, day]`` arrays per counter and snapshot, with every booking applied."""
        self._flush()
        return self._daily

    def add(self, name: str, spec: int, t: float, amount: float) -> None:
        """Book ``amount`` for one spec at ``t``."""
        self._buf[name].add_one(spec, t, amount)

    def add_many(self, name: str, specs: np.ndarray, times: np.ndarray | float, amounts: np.ndarray | float) -> None:
        """Book ``amounts`` (one each, or one for all) for ``specs`` at ``times`` (one each, or one)."""
        if specs.size:
            self._buf[name].add_many(specs, times, amounts)

    def day_column(self, name: str, day: int) -> np.ndarray:
        """One day's counter ``name`` for every spec, as a view to add to in place: for a caller
        that books whole numbers every tick (the background tick's member messages), where a
        buffered booking per tick cost more than the addition. Reading ``daily`` sees them."""
        column: np.ndarray = self._daily[name][:, min(day, self.days - 1)]
        return column

    def orders(self, t: np.ndarray, specs: np.ndarray, price: np.ndarray, profit: np.ndarray) -> None:
        """Orders at times ``t`` of members of group specs ``specs`` (who ordered is kept on the
        rows, not here), with their list ``price`` and gross ``profit``, one each."""
        if specs.size:
            self._orders.add_many(specs, t, (price, profit))

    def orders_of_spec(self, spec: int, t: np.ndarray, price: float, profit: float, first: float,
                       last_t: float) -> None:
        """The orders of one push: one spec, one price and profit for all, times ``t`` (from
        ``first`` to ``last_t``)."""
        n = t.size
        last = self.days - 1
        day = min(int(first / MINUTES_PER_DAY), last)
        if day == min(int(last_t / MINUTES_PER_DAY), last):  # nearly always: three cells, no buffering
            self._daily["orders"][spec, day] += n
            self._daily["gmv"][spec, day] += n * price
            self._daily["gross_profit"][spec, day] += n * profit
        else:
            self._orders.add_many(np.full(n, spec, dtype=np.int64), t, (price, profit))

    def _flush(self) -> None:
        if self._orders:
            specs, times, (price, profit) = self._orders.take(2)
            self._book("orders", specs, times, np.ones(times.size))
            self._book("gmv", specs, times, price)
            self._book("gross_profit", specs, times, profit)
        for name, buf in self._buf.items():
            if buf:
                specs, times, (amounts,) = buf.take(1)
                self._book(name, specs, times, amounts)

    def _book(self, name: str, specs: np.ndarray, times: np.ndarray, amounts: np.ndarray) -> None:
        # times are >= 0, so truncation is the floor (and much cheaper than floor_divide)
        days = np.minimum((times / MINUTES_PER_DAY).astype(np.int64), self.days - 1)
        cells = self._daily[name]
        cells += np.bincount(specs * self.days + days, weights=amounts, minlength=cells.size).reshape(cells.shape)

    def labor(self, spec: int, t: float, minutes: float, hourly_cost: float) -> None:
        self.labor_minutes[spec] += minutes
        self.add("cost_labor", spec, t, minutes / 60.0 * hourly_cost)

    def post(self, spec: int, readers: int, members: int) -> None:
        self.operator_messages[spec] += 1
        if members > 0:
            self.post_spec.append(spec)
            self.post_reach.append(readers / members)


class _Buffer:
    """Bookings not yet applied, kept in the shape they came in and concatenated once.

    Each booking is a spec (or an array of specs), a time (one, or one per spec) and one or
    more amounts (each one, or one per spec); bookings are grouped by which of these are scalars
    so that :meth:`take` needs one ``concatenate`` or ``repeat`` per column and group.
    """

    def __init__(self) -> None:
        self._one: tuple[list[int], list[float], list[float]] = ([], [], [])
        self._many: dict[tuple[bool, ...], list[tuple[Any, ...]]] = {}

    def __bool__(self) -> bool:
        return bool(self._one[0] or self._many)

    def add_one(self, spec: int, t: float, amount: float) -> None:
        self._one[0].append(spec)
        self._one[1].append(t)
        self._one[2].append(amount)

    def add_many(self, specs: np.ndarray, times: Any, amounts: Any) -> None:
        if not isinstance(amounts, tuple):
            amounts = (amounts,)
        key = (isinstance(times, np.ndarray), *(isinstance(a, np.ndarray) for a in amounts))
        self._many.setdefault(key, []).append((specs, times, *amounts))

    def take(self, n_amounts: int) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, ...]]:
        """All buffered bookings as columns (specs, times, amounts...), and empty the buffer."""
        specs: list[np.ndarray] = []
        times: list[np.ndarray] = []
        amounts: list[list[np.ndarray]] = [[] for _ in range(n_amounts)]
        if self._one[0]:
            specs.append(np.array(self._one[0], dtype=np.int64))
            times.append(np.array(self._one[1], dtype=np.float64))
            amounts[0].append(np.array(self._one[2], dtype=np.float64))
            self._one = ([], [], [])
        for key, parts in self._many.items():
            lengths = [p[0].size for p in parts]
            specs.append(np.concatenate([p[0] for p in parts]))
            for col, is_array, out in zip(range(1, 2 + n_amounts), key, [times, *amounts]):
                values = [p[col] for p in parts]
                out.append(np.concatenate(values) if is_array else np.repeat(np.array(values, dtype=np.float64), lengths))
        self._many = {}
        return (np.concatenate(specs).astype(np.int64, copy=False),
                np.concatenate(times).astype(np.float64, copy=False),
                tuple(np.concatenate(a).astype(np.float64, copy=False) for a in amounts))
