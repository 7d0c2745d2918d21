"""KPIs of one replication, computed from the world at the horizon (docs/results.md meanings).

Scenario-level counts are of *people*: a member moved by ``migrate`` is one joiner, still present
if their last membership is. Per-spec counts are of memberships in that spec's groups, so a
migration is a leave from one spec and a join to another. Retention and mute shares are among
joiners observed long enough: joined at least the window before the horizon, and before their
group was dissolved (a dissolution is the operator's decision, not churn).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine import population
from simgroup.kpis import KPI_NAMES
from simgroup.records import ALL, DAILY_SERIES, ReplicationResult
from simgroup.scenario.times import MINUTES_PER_DAY

if TYPE_CHECKING:
    from simgroup.engine.world import World

NAN = float("nan")


def _ratio(a: float, b: float) -> float:
    return float(a) / float(b) if b else NAN


def measure(w: World) -> ReplicationResult:
    pop = w.pop
    n = pop.n
    ns = len(w.specs)
    rows = np.arange(n)
    spec = pop.spec[:n].astype(np.int64)
    # when each membership's observation ends: the horizon, or the dissolution of its group
    group_end = np.where(w.groups.dissolved[: w.groups.n], w.groups.end_t[: w.groups.n], w.horizon)
    censor = np.minimum(group_end[pop.group[:n]], w.horizon) if n else np.zeros(0)
    exit_t = np.where(pop.quit[:n] == population.QUIT_DISSOLVED, np.inf, pop.leave_t[:n])

    # people view: a person's exit is that of their last membership
    person = pop.person[:n]
    last_row = np.full(pop.persons, -1, dtype=np.int64)
    last_row[person] = rows  # rows are in creation order, so the last write wins
    first_join = np.full(pop.persons, np.inf)
    np.minimum.at(first_join, person, pop.join_t[:n])

    ordered = pop.orders[:n] > 0  # memberships through which an order was placed
    kpis = _kpis(w, scope_rows=rows[pop.scene[:n] != population.SCENE_MIGRATE], spec_mask=np.ones(ns, dtype=bool),
                 exit_t=_person_exit(exit_t, last_row, person), censor=_person_censor(censor, last_row, person),
                 orders_person=person[ordered], people=True)
    group_kpis: dict[str, dict[str, float]] = {}
    for s, gs in enumerate(w.specs):
        mask = np.zeros(ns, dtype=bool)
        mask[s] = True
        group_kpis[gs.id] = _kpis(w, scope_rows=rows[spec == s], spec_mask=mask, exit_t=exit_t, censor=censor,
                                  orders_person=person[ordered & (spec == s)], people=False)
    daily = {ALL: _daily(w, np.ones(ns, dtype=bool))}
    for s, gs in enumerate(w.specs):
        mask = np.zeros(ns, dtype=bool)
        mask[s] = True
        daily[gs.id] = _daily(w, mask)
    return ReplicationResult(replication=w.replication, kpis=kpis, group_kpis=group_kpis, daily=daily,
                             events=w.events)


def _distinct(ids: np.ndarray, size: int) -> int:
    """How many distinct values ``ids`` (in ``0 .. size-1``) holds, in O(size) (no sort)."""
    seen = np.zeros(size, dtype=bool)
    seen[ids] = True
    return int(np.count_nonzero(seen))


def _person_exit(exit_t: np.ndarray, last_row: np.ndarray, person: np.ndarray) -> np.ndarray:
    return exit_t[last_row[person]] if person.size else exit_t


def _person_censor(censor: np.ndarray, last_row: np.ndarray, person: np.ndarray) -> np.ndarray:
    return censor[last_row[person]] if person.size else censor


def _share_within(rows: np.ndarray, join_t: np.ndarray, event_t: np.ndarray, censor: np.ndarray,
                  window: float, event_means_kept: bool) -> float:
    eligible = rows[join_t[rows] + window <= censor[rows] + 1e-9]
    if eligible.size == 0:
        return NAN
    if event_means_kept:  # retention: still in the group at join + window
        hit = event_t[eligible] > join_t[eligible] + window
    else:  # an event (mute) within the window
        hit = event_t[eligible] <= join_t[eligible] + window
    return float(hit.mean())


def _kpis(w: World, *, scope_rows: np.ndarray, spec_mask: np.ndarray, exit_t: np.ndarray, censor: np.ndarray,
          orders_person: np.ndarray, people: bool) -> dict[str, float]:
    pop = w.pop
    led = w.ledger
    d = {k: led.daily[k][spec_mask].sum(axis=0) for k in led.daily}
    join_t = pop.join_t[: pop.n]
    in_group = pop.state[scope_rows] < population.LEFT
    joined = float(scope_rows.size)
    if people:
        # a person has left when their last membership has (a migration opens a new one)
        last_row = np.full(pop.persons, -1, dtype=np.int64)
        last_row[pop.person[: pop.n]] = np.arange(pop.n)
        left = float((pop.state[last_row] == population.LEFT).sum()) if pop.persons else 0.0
        members_end = float(_distinct(pop.person[: pop.n][pop.state[: pop.n] < population.LEFT], pop.persons))
    else:
        left = float((~in_group).sum())
        members_end = float(in_group.sum())
    groups_in_scope = spec_mask[w.groups.spec[: w.groups.n]]
    invited = float((pop.scene[scope_rows] == population.SCENE_INVITE).sum())
    # the state at the end is that of current memberships (incl. people moved in by migrate)
    everyone = np.arange(pop.n)
    end_rows = everyone[(pop.state[: pop.n] < population.LEFT) & spec_mask[pop.spec[: pop.n]]]
    muted_now = pop.state[end_rows] >= population.MUTED
    folded_now = pop.state[end_rows] == population.FOLDED
    reach = np.array(led.post_reach)[spec_mask[np.array(led.post_spec, dtype=np.int64)]] if led.post_reach else np.zeros(0)
    members_day = d["member_total"]
    has_members = members_day > 0
    speak_rate = float((d["member_has_msg"][has_members] / members_day[has_members]).mean()) if has_members.any() else NAN
    order_rate = float((d["orders"][has_members] / members_day[has_members]).mean()) if has_members.any() else NAN
    buyers = float(_distinct(orders_person, pop.persons))
    gmv = float(d["gmv"].sum())
    gross = float(d["gross_profit"].sum())
    acq = float(d["cost_acquisition"].sum())
    inc = float(d["cost_incentives"].sum())
    lab = float(d["cost_labor"].sum())
    costs = acq + inc + lab
    profit = gross - costs
    created = w.groups.created_t[: w.groups.n][groups_in_scope]
    ended = np.minimum(w.groups.end_t[: w.groups.n][groups_in_scope], w.horizon)
    member_msgs = float(d["msg_total"].sum())
    op_msgs = float(led.operator_messages[spec_mask].sum())
    out = {
        "joined": joined,
        "left": left,
        "members_end": members_end,
        "groups_created": float(groups_in_scope.sum()),
        "retention_12h": _share_within(scope_rows, join_t, exit_t, censor, 720.0, True),
        "retention_d1": _share_within(scope_rows, join_t, exit_t, censor, float(MINUTES_PER_DAY), True),
        "retention_d7": _share_within(scope_rows, join_t, exit_t, censor, 7.0 * MINUTES_PER_DAY, True),
        "mute_by_d3": _share_within(scope_rows, join_t, pop.mute_t[: pop.n], censor, 3.0 * MINUTES_PER_DAY, False),
        "muted_share": float(muted_now.mean()) if end_rows.size else NAN,
        "folded_share": float(folded_now.mean()) if end_rows.size else NAN,
        "reach_rate": float(reach.mean()) if reach.size else NAN,
        "speak_rate": speak_rate,
        "messages": member_msgs + op_msgs,
        "buyers": buyers,
        "orders": float(d["orders"].sum()),
        "conversion": _ratio(buyers, joined),
        "order_rate_daily": order_rate,
        "gmv": gmv,
        "gross_profit": gross,
        "cost_acquisition": acq,
        "cost_incentives": inc,
        "cost_labor": lab,
        "labor_hours": float(led.labor_minutes[spec_mask].sum() / 60.0),
        "profit": profit,
        "roi": _ratio(profit, costs),
        "cac": _ratio(acq, joined),
        "invited": invited,
        "k_factor": _ratio(invited, joined - invited),
        "lifespan_days": float(((ended - created) / MINUTES_PER_DAY).mean()) if created.size else NAN,
        "tasks_sent": float(led.tasks_sent[spec_mask].sum()),
        "tasks_skipped": float(led.tasks_skipped[spec_mask].sum()),
    }
    assert tuple(out) == KPI_NAMES
    return out


def _daily(w: World, spec_mask: np.ndarray) -> dict[str, list[float]]:
    led = w.ledger.daily
    d = {k: led[k][spec_mask].sum(axis=0) for k in led}
    cost = d["cost_acquisition"] + d["cost_incentives"] + d["cost_labor"]
    series = {
        "new_chat_cnt": d["new_chat_cnt"],
        "chat_total": d["chat_total"],
        "chat_has_msg": d["chat_has_msg"],
        "new_member_cnt": d["new_member_cnt"],
        "left_cnt": d["left_cnt"],
        "member_total": d["member_total"],
        "member_has_msg": d["member_has_msg"],
        "msg_total": d["msg_total"],
        "muted": d["muted"],
        "folded": d["folded"],
        "orders": d["orders"],
        "gmv": d["gmv"],
        "cost": cost,
        "profit": d["gross_profit"] - cost,
    }
    assert tuple(series) == DAILY_SERIES
    return {k: [float(x) for x in v] for k, v in series.items()}
