"""Money, orders, posts and daily counters of one replication.

Counters are arrays indexed ``[spec, day]`` so that daily series and per-spec KPIs come out of
one place. Orders are appended as columns (they are rare compared with member-hours).
"""

from __future__ import annotations

import numpy as np

from simgroup.scenario._time import MINUTES_PER_DAY

DAILY_COUNTERS = ("new_member_cnt", "left_cnt", "msg_total", "orders", "gmv", "gross_profit",
                  "cost_acquisition", "cost_incentives", "cost_labor")
SNAPSHOTS = ("member_total", "member_has_msg", "muted", "folded", "chat_total", "new_chat_cnt")


class Ledger:
    """Accumulates what happened, by group spec and day."""

    def __init__(self, n_specs: int, days: int) -> None:
        self.n_specs = n_specs
        self.days = days
        self.daily = {name: np.zeros((n_specs, days)) for name in (*DAILY_COUNTERS, *SNAPSHOTS)}
        self.labor_minutes = np.zeros(n_specs)
        self.tasks_sent = np.zeros(n_specs, dtype=np.int64)
        self.tasks_skipped = np.zeros(n_specs, dtype=np.int64)
        self.operator_messages = np.zeros(n_specs, dtype=np.int64)
        # posts: reach per operator post
        self.post_spec: list[int] = []
        self.post_reach: list[float] = []
        # orders (columns)
        self._order_t: list[np.ndarray] = []
        self._order_person: list[np.ndarray] = []
        self._order_spec: list[np.ndarray] = []
        self._order_row: list[np.ndarray] = []

    def day_of(self, t: float) -> int:
        return min(int(t // MINUTES_PER_DAY), self.days - 1)

    def add(self, name: str, spec: int, t: float, amount: float) -> None:
        self.daily[name][spec, self.day_of(t)] += amount

    def add_many(self, name: str, specs: np.ndarray, times: np.ndarray | float, amounts: np.ndarray | float) -> None:
        days = np.minimum((np.asarray(times) // MINUTES_PER_DAY).astype(np.int64), self.days - 1)
        np.add.at(self.daily[name], (specs, days), amounts)

    def labor(self, spec: int, t: float, minutes: float, hourly_cost: float) -> None:
        self.labor_minutes[spec] += minutes
        self.add("cost_labor", spec, t, minutes / 60.0 * hourly_cost)

    def post(self, spec: int, readers: int, members: int) -> None:
        self.operator_messages[spec] += 1
        if members > 0:
            self.post_spec.append(spec)
            self.post_reach.append(readers / members)

    def orders(self, t: np.ndarray, persons: np.ndarray, specs: np.ndarray, rows: np.ndarray) -> None:
        self._order_t.append(np.asarray(t, dtype=np.float64))
        self._order_person.append(np.asarray(persons, dtype=np.int64))
        self._order_spec.append(np.asarray(specs, dtype=np.int64))
        self._order_row.append(np.asarray(rows, dtype=np.int64))

    def order_columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        if not self._order_t:
            e = np.zeros(0)
            return e, e.astype(np.int64), e.astype(np.int64), e.astype(np.int64)
        return (np.concatenate(self._order_t), np.concatenate(self._order_person),
                np.concatenate(self._order_spec), np.concatenate(self._order_row))
