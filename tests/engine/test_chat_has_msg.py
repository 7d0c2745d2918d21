"""WeCom's ``chat_has_msg`` (groups with a member message that day) from the engine: the same as
counting the distinct chats of the event log's messages and check-ins, day by day."""

from __future__ import annotations

import pytest

from simgroup.engine import simulate_replication
from simgroup.scenario.loader import load_scenario


def _chats_with_messages(events: list[dict[str, object]], scope: str, days: int) -> list[float]:
    """Distinct chats with a member message (or check-in) per day, from the event log; a chatter
    tick's messages count on the day ``msg_total`` books them (the tick's end, minus a hair)."""
    chats: list[set[str]] = [set() for _ in range(days)]
    for e in events:
        if e["event"] not in ("message", "checkin"):
            continue
        chat = str(e["chat_id"])
        if scope != "all" and chat.rpartition("-")[0] != scope:
            continue
        t = float(e["tick_time"]) - 1e-6 if "tick_time" in e else float(e["time"])  # type: ignore[arg-type]
        day = int(t // 1440)
        if 0 <= day < days:
            chats[day].add(chat)
    return [float(len(c)) for c in chats]


@pytest.mark.parametrize("path", ["scenarios/funnel.yaml", "scenarios/checkin.yaml", "scenarios/flash_sale.yaml"])
def test_the_engine_counts_the_groups_the_event_log_shows_talking(path: str) -> None:
    r = simulate_replication(load_scenario(path), 1, record_events=True)
    for scope, series in r.daily.items():
        days = len(series["msg_total"])
        reported = series["chat_has_msg"]
        assert reported == _chats_with_messages(list(r.events or ()), scope, days)
        created = 0.0
        for has, msgs, new in zip(reported, series["msg_total"], series["new_chat_cnt"]):
            created += new
            assert (has == 0) == (msgs == 0)
            assert has <= created  # no more than the groups that ever existed
    assert max(r.daily["all"]["chat_has_msg"]) >= 1
