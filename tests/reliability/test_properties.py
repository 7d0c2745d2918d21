"""Property tests over generated scenarios (hypothesis, derandomized so CI is deterministic).

(a) Generated **valid** scenarios (every group type, channel, audience mix, SOP step of the
    vocabulary with a valid trigger; 1-5 days, small sizes) load from their YAML text, simulate
    without crashing and keep the invariants of the data contract, at scenario and group-spec
    level: no negative counts, joined − left = members_end, buyers ≤ joined and ≤ orders, costs
    ≥ 0, shares within [0, 1], profit = gross profit − costs; daily member_total ≥
    member_has_msg, folded ≤ muted ≤ member_total, the daily series add up to the KPIs, and the
    cumulative joins, orders and GMV never decrease.
(b) Generated **invalid** scenarios (a valid one with a required key deleted, a key misspelt, a
    value of the wrong type, a number out of range, or its YAML broken) always raise
    :class:`ScenarioError` whose diagnostics each sit on a real line (≥ 1, or 0 for the whole file)
    and column, and through the CLI exit 2 with ``file:line:col:`` lines and no traceback.

Budget: ``max_examples`` keeps this file under a minute on two cores (about 15 s measured).
"""

from __future__ import annotations

import copy
import math
import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from simgroup.engine import simulate_replication
from simgroup.kpis import KPI_NAMES
from simgroup.records import DAILY_SERIES, ReplicationResult
from simgroup.scenario import ScenarioError, load_scenario_text
from simgroup.scenario.diagnostics import allowed_keys
from simgroup.scenario.vocabulary import GROUP_TYPES, PERSONAS, POST_KINDS, SEGMENTS
from tests.reliability._proc import QUICK, cli, run_args

_COMMON = {"deadline": None, "derandomize": True, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
#: A simulation of a generated scenario takes 10-100 ms, a refused one a few ms through two commands.
VALID_SETTINGS = settings(max_examples=80, **_COMMON)  # type: ignore[arg-type]
INVALID_SETTINGS = settings(max_examples=120, **_COMMON)  # type: ignore[arg-type]

ROLES = ("lead", "bundle", "repeat", "profit")
CHANNEL_KINDS = ("package_card", "store_qr", "ads", "livestream", "organic", "other")
COUNTS = ("joined", "left", "members_end", "groups_created", "messages", "buyers", "orders", "gmv",
          "cost_acquisition", "cost_incentives", "cost_labor", "labor_hours", "invited", "tasks_sent",
          "tasks_skipped")
SHARES = ("retention_12h", "retention_d1", "retention_d7", "mute_by_d3", "muted_share", "folded_share",
          "reach_rate", "speak_rate", "conversion")
PYDANTIC_WORDING = re.compile(r"Input should|Field required|Extra inputs|validation error|\[type=|Traceback|<class")


# --------------------------------------------------------------------------- generating valid scenarios


def _money(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2))


def _share(lo: float = 0.0, hi: float = 1.0) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False).map(lambda x: round(x, 3))


CLOCK = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
DURATION = st.sampled_from(["30m", "2h", "1d", "1d12h", "3d", 90])


@st.composite
def audiences(draw: st.DrawFn) -> dict[str, float]:
    """Segment shares that sum to 1 (as YAML would write them: rounded, the rest in the last)."""
    weights = draw(st.lists(st.integers(0, 10), min_size=3, max_size=3).filter(lambda w: sum(w) > 0))
    total = sum(weights)
    shares = [round(w / total, 4) for w in weights[:2]]
    shares.append(round(1.0 - sum(shares), 4))
    return {s: v for s, v in zip(SEGMENTS, shares) if v > 0} or {"regular": 1.0}


@st.composite
def triggers(draw: st.DrawFn, days: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(["event", "count", "inactive", "every", "day", "days_member", "date", "clock"]))
    if kind == "event":
        step: dict[str, Any] = {"on": draw(st.sampled_from(["member_join", "member_leave", "purchase"]))}
        if draw(st.booleans()):
            step["after"] = draw(DURATION)
        return step
    if kind == "count":
        return {"on": "member_count", "min": draw(st.integers(1, 80))}
    if kind == "inactive":
        return {"on": "inactive", "idle": draw(st.sampled_from(["12h", "1d", "2d"]))}
    if kind == "every":
        return {"every": draw(st.sampled_from(["day", "2d", "mon,wed,fri", "sat", "tue,sun"])), "at": draw(CLOCK)}
    if kind == "day":
        return {"day": draw(st.integers(0, days - 1)), "at": draw(CLOCK)}
    if kind == "days_member":
        chosen = draw(st.lists(st.integers(0, days - 1), min_size=1, max_size=3, unique=True))
        return {"day": chosen, "from": "member", "at": draw(CLOCK)}
    if kind == "date":  # the default start is 2026-01-05
        return {"at": f"2026-01-{5 + draw(st.integers(0, days - 1)):02d} {draw(CLOCK)}"}
    return {"at": draw(CLOCK)}


@st.composite
def selections(draw: st.DrawFn) -> dict[str, Any]:
    return draw(st.sampled_from([
        {"top_active": 0.1}, {"top_active": 0.5}, {"segment": "coupon_hunter"}, {"buyers": True},
        {"buyers": False}, {"tag": "vip"},
    ]))


@st.composite
def steps(draw: st.DrawFn, days: int, products: list[str], groups: list[str]) -> dict[str, Any]:
    step = draw(triggers(days))
    actions = ["welcome", "post", "announce", "at_all", "red_packet", "livestream", "checkin", "lottery",
               "fission", "tag", "kick", "migrate", "create_group", "dissolve"]
    if products:
        actions += ["coupon", "flash_sale"]
    selling = ["post", "coupon", "flash_sale", "livestream"]
    do = draw(st.sampled_from(selling if products and draw(st.booleans()) else actions))
    step["do"] = do
    product = draw(st.sampled_from(products)) if products else None
    if do in ("post", "announce", "at_all", "livestream") and product and draw(st.integers(0, 3)):
        step["product"] = product
        step["discount"] = draw(_share(0.0, 0.8))
    if do == "post":
        step["kind"] = draw(st.sampled_from(POST_KINDS))
    elif do == "coupon":
        step.update(product=product, discount=draw(_share(0.05, 0.9)), lasts=draw(DURATION))
        if draw(st.booleans()):
            step["stock"] = draw(st.integers(1, 50))
    elif do == "flash_sale":
        step.update(product=product, discount=draw(_share(0.0, 0.9)), lasts=draw(DURATION))
        if draw(st.booleans()):
            step["stock"] = draw(st.integers(1, 50))
    elif do == "red_packet":
        shares = draw(st.integers(1, 50))
        step.update(total=round(draw(_money(1, 200)) * shares / 2, 2) or 1.0, shares=shares)
    elif do == "livestream":
        step["lasts"] = draw(st.sampled_from(["1h", "90m"]))
    elif do == "checkin":
        step.update(mode=draw(st.sampled_from(["streak", "total"])), lasts=f"{draw(st.integers(1, 5))}d",
                    tiers=[{"days": d, "reward": draw(_money(0, 10))} for d in sorted(draw(
                        st.lists(st.integers(1, 4), max_size=2, unique=True)))],
                    check_at=draw(CLOCK))
    elif do == "lottery":
        step.update(winners=draw(st.integers(1, 5)), prize=draw(_money(0, 50)))
    elif do == "fission":
        step.update(offspring=draw(_share(0.0, 2.0)), reward=draw(_money(0, 5)), lasts=draw(DURATION))
        if draw(st.booleans()):
            step["participation"] = draw(_share(0.0, 0.5))
    elif do == "tag":
        step["name"] = "vip"
        if draw(st.booleans()):
            step["select"] = draw(selections())
    elif do == "kick":
        step["select"] = draw(selections())
    elif do == "migrate":
        step.update(to=draw(st.sampled_from(groups)), select=draw(selections()))
    elif do == "create_group":
        # Once per group (validation refuses a create_group that fires again and again: the
        # groups would reproduce without bound, tests/reliability/test_runaway.py).
        step = {"day": draw(st.integers(0, days - 1)), "do": do}
        if draw(st.booleans()):
            step["to"] = draw(st.sampled_from(groups))
    # optional filters and labour settings
    if draw(st.booleans()):
        step["segment"] = draw(st.sampled_from(SEGMENTS))
    if draw(st.booleans()):
        step["min_size"] = draw(st.integers(0, 30))
    if draw(st.booleans()):
        step["stop_when"] = "bought"
    if draw(st.booleans()):
        step["automated"] = draw(st.booleans())
    return step


def _one_create_group(sop: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The SOP without its second and later create_group steps: two in one SOP make every group
    of a spec that creates its own kind have two children, which validation refuses."""
    first = next((i for i, step in enumerate(sop) if step["do"] == "create_group"), None)
    return [step for i, step in enumerate(sop) if step["do"] != "create_group" or i == first]


@st.composite
def valid_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """A valid scenario as plain data (YAML-ready), small enough to simulate in milliseconds."""
    days = draw(st.integers(1, 5))
    products = [
        {"id": f"p{i}", "role": draw(st.sampled_from(ROLES)), "price": (price := draw(_money(1, 300))),
         "unit_cost": round(price * draw(_share(0, 0.9)), 2)}
        for i in range(draw(st.integers(0, 3)))
    ]
    channels = []
    for i in range(draw(st.integers(0, 2))):
        channel: dict[str, Any] = {"id": f"c{i}", "kind": draw(st.sampled_from(CHANNEL_KINDS)),
                                   "per_day": draw(st.integers(0, 600)), "add_rate": draw(_share(0.05, 1.0)),
                                   "cost_per_unit": draw(_money(0, 2))}
        if draw(st.booleans()):
            start, end = draw(CLOCK), draw(CLOCK)
            if start != end:
                channel["hours"] = f"{start}-{end}"
        if draw(st.booleans()):
            channel["audience"] = draw(audiences())
        channels.append(channel)
    group_ids = [f"g{i}" for i in range(draw(st.integers(1, 3)))]
    product_ids = [p["id"] for p in products]
    sops = {
        f"s{i}": _one_create_group([draw(steps(days, product_ids, group_ids)) for _ in range(draw(st.integers(0, 6)))])
        for i in range(draw(st.integers(0, 2)))
    }
    groups = []
    for gid in group_ids:
        capacity = draw(st.integers(5, 500))
        group: dict[str, Any] = {
            "id": gid,
            "type": draw(st.sampled_from(GROUP_TYPES)),
            "initial_groups": draw(st.integers(0, 2)),
            "initial_members": draw(st.integers(0, min(200, capacity))),
            "live_code": {"capacity": capacity, "qr_limit": draw(st.integers(1, capacity)),
                          "max_groups": draw(st.integers(1, 5)), "auto_create": draw(st.booleans())},
        }
        if channels:
            group["channels"] = draw(st.lists(st.sampled_from([c["id"] for c in channels]), unique=True, max_size=2))
        if sops and draw(st.integers(0, 5)):
            group["sop"] = draw(st.sampled_from(sorted(sops)))
        if draw(st.booleans()):
            group["automated"] = draw(st.booleans())
        groups.append(group)
    scenario: dict[str, Any] = {
        "simgroup": 1,
        "name": f"generated {draw(st.integers(0, 999))}",
        "days": days,
        "seed": draw(st.integers(0, 2**31)),
        "replications": 2,
        "audience": draw(audiences()),
        "operators": {"count": draw(st.integers(1, 3)), "persona": draw(st.sampled_from(PERSONAS)),
                      "completion": draw(_share(0.3, 1.0)), "delay": draw(st.sampled_from(["5m", "30m", "2h"]))},
        "channels": channels,
        "products": products,
        "groups": groups,
        "sops": sops,
    }
    if draw(st.booleans()):
        scenario["model"] = {"tick_minutes": draw(st.sampled_from([30, 60, 120]))}
    return scenario


def to_yaml(data: dict[str, Any]) -> str:
    """Block-style YAML as an operator would write it (PyYAML quotes ``20:00`` and ``on``)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)


# --------------------------------------------------------------------------- (a) valid ones simulate and keep the invariants


def check_invariants(r: ReplicationResult, days: int, spec_ids: list[str]) -> None:
    """The data contract's invariants on one replication's records."""
    assert set(r.group_kpis) == set(spec_ids)
    for scope, k in [("all", r.kpis), *r.group_kpis.items()]:
        assert tuple(k) == KPI_NAMES, scope
        for name in COUNTS:
            assert math.isfinite(k[name]) and k[name] >= 0, (scope, name, k[name])
        for name in SHARES:
            assert math.isnan(k[name]) or 0.0 <= k[name] <= 1.0 + 1e-12, (scope, name, k[name])
        assert k["joined"] - k["left"] == k["members_end"], scope
        assert k["buyers"] <= k["joined"], scope
        assert k["buyers"] <= k["orders"], scope
        costs = k["cost_acquisition"] + k["cost_incentives"] + k["cost_labor"]
        assert k["profit"] == pytest.approx(k["gross_profit"] - costs, abs=1e-6), scope
        assert k["gross_profit"] <= k["gmv"] + 1e-9, scope
    assert set(r.daily) == {"all", *spec_ids}
    for scope, series in r.daily.items():
        assert tuple(series) == DAILY_SERIES, scope
        arrays = {name: np.asarray(series[name], dtype=float) for name in DAILY_SERIES}
        for name, values in arrays.items():
            assert values.shape == (days,), (scope, name)
            assert np.isfinite(values).all(), (scope, name)
            if name != "profit":
                assert (values >= 0).all(), (scope, name, values)
        assert (arrays["member_has_msg"] <= arrays["member_total"]).all(), scope
        assert (arrays["folded"] <= arrays["muted"]).all(), scope
        assert (arrays["muted"] <= arrays["member_total"]).all(), scope
        for name in ("new_member_cnt", "orders", "gmv"):
            assert (np.diff(np.cumsum(arrays[name])) >= 0).all(), (scope, f"cumulative {name} decreased")
        k = r.kpis if scope == "all" else r.group_kpis[scope]
        assert arrays["orders"].sum() == pytest.approx(k["orders"]), scope
        assert arrays["gmv"].sum() == pytest.approx(k["gmv"], abs=1e-6), scope
        if scope != "all":  # the scenario level counts people, the spec level memberships
            assert arrays["new_member_cnt"].sum() - arrays["left_cnt"].sum() == k["members_end"], scope
            assert arrays["member_total"][-1] == k["members_end"], scope


@VALID_SETTINGS
@given(data=valid_scenarios(), replication=st.integers(0, 3), record_events=st.booleans())
def test_generated_valid_scenarios_simulate_and_keep_the_invariants(
    data: dict[str, Any], replication: int, record_events: bool
) -> None:
    text = to_yaml(data)
    note(text)
    try:
        scenario = load_scenario_text(text, "generated.yaml")
    except ScenarioError as exc:  # the generator's promise: a bug here or in the loader
        pytest.fail(f"a generated valid scenario was refused:\n{exc}\n{text}")
    r = simulate_replication(scenario, replication, record_events=record_events)
    check_invariants(r, scenario.days, [g["id"] for g in data["groups"]])
    if record_events:
        assert r.events is not None
        horizon = scenario.days * 1440
        for event in r.events:
            assert "event" in event
            assert 0 <= event.get("time", 0) <= horizon + 1e-6, event


def test_the_generator_covers_the_vocabulary() -> None:
    """Honesty check on the generator: across a fixed sample it produces every group type and
    every action, so the property above is not passing on a narrow slice. The sample is large
    (generation only, no shrinking: cheap), since a sample of 150 once missed `tag` depending on
    which tests ran before it."""
    seen_types: set[str] = set()
    seen_actions: set[str] = set()

    @settings(max_examples=600, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(valid_scenarios())
    def collect(data: dict[str, Any]) -> None:
        seen_types.update(g["type"] for g in data["groups"])
        seen_actions.update(s["do"] for steps_ in data["sops"].values() for s in steps_)

    collect()
    from simgroup.scenario.vocabulary import ACTION_KINDS

    assert seen_types == set(GROUP_TYPES)
    assert seen_actions == set(ACTION_KINDS)


# --------------------------------------------------------------------------- (b) invalid ones give located diagnostics


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in plain data, parents before children."""
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _is_id_key(path: tuple[Any, ...]) -> bool:
    """Keys that are names chosen by the author (SOP ids), not keys of the language."""
    return len(path) == 2 and path[0] == "sops"


REQUIRED = {
    ("simgroup",), ("name",), ("days",), ("groups",),
}
REQUIRED_IN = {  # (parent pattern, key): required keys of list items
    "groups": ("id", "type"), "products": ("id", "price"), "channels": ("id", "per_day"),
}
REQUIRED_BY_ACTION = {
    "coupon": ("do", "product"), "flash_sale": ("do", "product"), "migrate": ("do", "to"),
    "tag": ("do", "name"), "red_packet": ("do", "total", "shares"),
}


def _required_paths(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    out = [p for p in REQUIRED if p[0] in data]
    for section, keys in REQUIRED_IN.items():
        for i, _ in enumerate(data.get(section, [])):
            out += [(section, i, k) for k in keys]
    for sop, steps_ in data.get("sops", {}).items():
        for i, step in enumerate(steps_):
            out += [("sops", sop, i, k) for k in REQUIRED_BY_ACTION.get(step["do"], ("do",))]
    return out


def _range_mutations(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], Any]]:
    """``(path, value)`` pairs that put a number outside its documented range."""
    out: list[tuple[tuple[Any, ...], Any]] = [
        (("days",), 0), (("days",), 366), (("days",), -3), (("replications",), 0), (("replications",), 10_001),
        (("replications",), 1e9), (("seed",), -1), (("audience", "regular"), 1.5),
        (("operators", "count"), 0), (("operators", "completion"), 1.2),
    ]
    for i, _ in enumerate(data["channels"]):
        out += [(("channels", i, "per_day"), -1), (("channels", i, "per_day"), 2_000_000),
                (("channels", i, "add_rate"), 1.5)]
    for i, _ in enumerate(data["groups"]):
        out += [(("groups", i, "initial_members"), 501), (("groups", i, "initial_groups"), 1001),
                (("groups", i, "live_code", "capacity"), 0), (("groups", i, "live_code", "max_groups"), 6)]
    for i, _ in enumerate(data["products"]):
        out += [(("products", i, "price"), 0), (("products", i, "unit_cost"), -1)]
    for sop, steps_ in data["sops"].items():
        for i, step in enumerate(steps_):
            if isinstance(step.get("day"), int):
                out.append((("sops", sop, i, "day"), data["days"] + 2))  # beyond the horizon
            if "discount" in step:
                out.append((("sops", sop, i, "discount"), 1.0))
    return out


def _misspell(key: str, how: int) -> str:
    if how == 0 and len(key) > 2:
        return key[:1] + key[2:]  # drop a letter
    if how == 1 and len(key) > 2:
        return key[:1] + key[2] + key[1] + key[3:]  # swap two letters
    if how == 2:
        return key + key[-1]  # double the last letter
    return key.upper()


@st.composite
def invalid_texts(draw: st.DrawFn) -> tuple[str, str]:
    """``(kind, text)``: a valid generated scenario made invalid in one way."""
    data = draw(valid_scenarios())
    kind = draw(st.sampled_from(["delete", "misspell", "wrong_type", "out_of_range", "broken_yaml"]))
    bad = copy.deepcopy(data)
    if kind == "delete":
        path = draw(st.sampled_from(_required_paths(bad)))
        del _get(bad, path[:-1])[path[-1]]
    elif kind == "misspell":
        keys = [p for p in _paths(bad) if p and isinstance(p[-1], str) and not _is_id_key(p)]
        path = draw(st.sampled_from(keys))
        parent = _get(bad, path[:-1])
        new = _misspell(path[-1], draw(st.integers(0, 3)))
        if new in parent or new in allowed_keys(path[:-1], bad):  # still a real key: rename to a surely-unknown one
            new = path[-1] + "_typo"
        parent[new] = parent.pop(path[-1])
    elif kind == "wrong_type":
        leaves = [p for p in _paths(bad) if p and not isinstance(_get(bad, p), dict) and not _is_id_key(p)]
        path = draw(st.sampled_from(leaves))
        value = _get(bad, path)
        _get(bad, path[:-1])[path[-1]] = "lots" if isinstance(value, list) else {"x": 1}
    elif kind == "out_of_range":
        path, value = draw(st.sampled_from(_range_mutations(bad)))
        _get(bad, path[:-1])[path[-1]] = value
    text = to_yaml(bad)
    if kind == "broken_yaml":
        lines = text.splitlines(keepends=True)
        how = draw(st.sampled_from(["duplicate", "tab", "bracket", "colon"]))
        if how == "duplicate":
            lines.append("name: again\n")
        else:
            candidates = [i for i, line in enumerate(lines) if ": " in line and (how != "tab" or line.startswith(" "))]
            if not candidates:
                lines.append("name: again\n")
            else:
                i = draw(st.sampled_from(candidates))
                line = lines[i]
                if how == "tab":
                    lines[i] = "\t" + line.lstrip(" ")
                elif how == "bracket":
                    lines[i] = line.replace(": ", ": [", 1)
                else:
                    lines[i] = line.replace(": ", " ", 1)
        text = "".join(lines)
        kind = f"broken_yaml/{how}"
    return kind, text


@INVALID_SETTINGS
@given(case=invalid_texts())
def test_generated_invalid_scenarios_give_located_diagnostics(case: tuple[str, str]) -> None:
    kind, text = case
    note(f"{kind}:\n{text}")
    n_lines = text.count("\n") + 1
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "bad.yaml")
    diagnostics = info.value.diagnostics
    assert diagnostics
    for d in diagnostics:
        assert d.file == "bad.yaml" and d.message
        if d.line == 0:
            assert d.col == 0  # about the whole file
        else:
            assert 1 <= d.line <= n_lines and d.col >= 1, d.format()
        assert not PYDANTIC_WORDING.search(d.format()), d.format()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bad.yaml"
        path.write_text(text, encoding="utf-8")
        located = re.compile(rf"^{re.escape(str(path))}(:\d+:\d+)?: \S")
        for args in (["validate", str(path)], run_args(path, *QUICK)):
            code, out, err, exc = cli(*args)
            assert exc is None, repr(exc)
            assert code == 2 and out == "", (args[0], code, out, err)
            assert "Traceback" not in err
            lines = err.splitlines()
            assert len(lines) == len(diagnostics), (args[0], err)
            assert all(located.match(line) for line in lines), err

