"""``chat_has_msg`` of one replication: how many groups had a message on each day.

WeCom's customer-group statistics report it next to ``msg_total``; the engine's daily series do
not (it counts messages per group spec, not per group instance). This module recovers it, per
replication and scope, from what the replication does carry, best source first:

1. a ``chat_has_msg`` daily series, when the engine reports one (taken as it is);
2. the replication's event log, when one was recorded (``run --out`` keeps replication 0's):
   the distinct ``chat_id`` of its ``message`` and ``checkin`` records per day, which are exactly
   the member messages that ``msg_total`` counts (operator posts are not in ``msg_total``, so
   they are not counted here either);
3. otherwise the daily counts where they settle it: 0 on a day without messages, 1 on a day with
   messages when only one group existed in the scope that day (alive at its start or created
   during it); any other day is unknown (NaN, an empty CSV cell).

Contract: a known value is a whole number, 0 exactly when ``msg_total`` is 0, and at most the
number of groups that existed that day; NaN means the replication does not say.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from simgroup.records import ALL, ReplicationResult
from simgroup.scenario.times import MINUTES_PER_DAY

__all__ = ["SERIES", "chat_has_msg"]

SERIES = "chat_has_msg"
NAN = float("nan")
#: Event-log records of member messages (both are booked into ``msg_total``).
_MESSAGE_EVENTS = frozenset({"message", "checkin"})
# The engine books a tick's messages just before the tick's end (tick_time - 1e-6) while the
# record's own time is inside the tick; the booking's day is the one msg_total uses.
_BOOKING_OFFSET = 1e-6


def chat_has_msg(record: ReplicationResult, scope: str, days: int) -> list[float]:
    """Groups of ``scope`` (``"all"`` or a spec id) with a member message on each of ``days``
    days of ``record``; NaN where the record does not settle it (see the module docstring)."""
    series = record.daily.get(scope, {})
    reported = series.get(SERIES)
    if reported is not None:
        return [float(v) for v in reported]
    if record.events is not None:
        return _from_events(record.events, scope, days)
    return _from_counts(series, days)


def _from_events(events: Sequence[Mapping[str, Any]], scope: str, days: int) -> list[float]:
    chats: list[set[str]] = [set() for _ in range(days)]
    for e in events:
        if e.get("event") not in _MESSAGE_EVENTS:
            continue
        chat = str(e.get("chat_id", ""))
        # chat ids are "<spec id>-<ordinal>"; spec ids may hold '-' themselves, ordinals do not
        if scope != ALL and chat.rpartition("-")[0] != scope:
            continue
        tick = e.get("tick_time")
        t = float(tick) - _BOOKING_OFFSET if tick is not None else float(e.get("time", 0.0))
        day = min(int(t // MINUTES_PER_DAY), days - 1)
        if day >= 0:
            chats[day].add(chat)
    return [float(len(c)) for c in chats]


def _from_counts(series: Mapping[str, Sequence[float]], days: int) -> list[float]:
    msgs = series.get("msg_total")
    alive = series.get("chat_total")
    new = series.get("new_chat_cnt")
    if msgs is None:
        return [NAN] * days
    out: list[float] = []
    for d in range(days):
        m = float(msgs[d])
        if not math.isfinite(m):
            out.append(NAN)
        elif m == 0:
            out.append(0.0)
        elif alive is not None and new is not None and _existed(alive, new, d) == 1:
            out.append(1.0)
        else:
            out.append(NAN)
    return out


def _existed(alive: Sequence[float], new: Sequence[float], day: int) -> float:
    """Groups that existed during ``day``: alive at its start (the previous day's end) or created in it."""
    before = float(alive[day - 1]) if day > 0 else 0.0
    return before + float(new[day])
