"""WeCom's ``chat_has_msg`` (groups with a member message that day) from the engine: the same as
counting the distinct chats of the event log's messages and check-ins, day by day."""

from __future__ import annotations

import pytest

from simgroup.engine import simulate_replication
from simgroup.results.chat_activity import _from_events
from simgroup.scenario.loader import load_scenario


@pytest.mark.parametrize("path", ["scenarios/funnel.yaml", "scenarios/checkin.yaml", "scenarios/flash_sale.yaml"])
def test_the_engine_counts_the_groups_the_event_log_shows_talking(path: str) -> None:
    r = simulate_replication(load_scenario(path), 1, record_events=True)
    for scope, series in r.daily.items():
        days = len(series["msg_total"])
        reported = series["chat_has_msg"]
        assert reported == _from_events(r.events or (), scope, days)
        created = 0.0
        for has, msgs, new in zip(reported, series["msg_total"], series["new_chat_cnt"]):
            created += new
            assert (has == 0) == (msgs == 0)
            assert has <= created  # no more than the groups that ever existed
    assert max(r.daily["all"]["chat_has_msg"]) >= 1
