"""Valid-looking scenarios that would run away are refused: up front when the SOP explodes by
construction (:mod:`simgroup.scenario.growth`), or by the work budget while running
(:mod:`simgroup.engine.budget`), each with a located message, exit 2, within seconds.

The red team's two cases (a group creating a group of its own spec every day: 248,829 groups
and 309 MB after 25 days; kick every joiner and create a group on every leave: 4.9 million joins
in one day) are checked for real; the budget itself is checked at a lowered limit, the same code
path with a smaller number.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from simgroup.engine import budget
from simgroup.engine.budget import WorkBudget, WorkLimitExceeded
from simgroup.scenario.loader import load_scenario_text, validate_text
from tests.reliability._proc import cli, run_args, simgroup_command

DOUBLING = """\
simgroup: 1
name: doubles every day
days: 30
groups:
  - {id: g, type: traffic, initial_members: 5, sop: s}
sops:
  s:
    - {every: day, do: create_group}
"""

KICK_AND_CREATE = """\
simgroup: 1
name: kick on join, create on leave
days: 5
groups:
  - {id: g, type: traffic, initial_members: 5, sop: s}
sops:
  s:
    - {on: member_join, do: kick}
    - {on: member_leave, do: create_group}
"""

#: Two specs that create each other's groups, each once per group on two days: a family that
#: doubles every generation although no step repeats.
PING_PONG = """\
simgroup: 1
name: ping pong
days: 30
groups:
  - {id: ping, type: traffic, initial_members: 5, sop: ping}
  - {id: pong, type: traffic, sop: pong}
sops:
  ping:
    - {day: [1, 2], do: create_group, to: pong}
  pong:
    - {day: 1, do: create_group, to: ping}
"""

#: Fine: a hub opens one group of another spec a day, and each of those one more (a chain).
HUB = """\
simgroup: 1
name: a hub opens a group a day
days: 30
groups:
  - {id: hub, type: content, initial_members: 300, sop: hub}
  - {id: batch, type: content, initial_members: 100, initial_groups: 0, sop: chain}
sops:
  hub:
    - {every: day, do: create_group, to: batch}
  chain:
    - {day: 3, do: create_group}
"""


@pytest.mark.parametrize(
    ("text", "line", "path"),
    [
        pytest.param(DOUBLING, 8, "sops.s.0", id="doubling"),
        pytest.param(KICK_AND_CREATE, 9, "sops.s.1", id="kick-and-create"),
        pytest.param(PING_PONG, 9, "sops.ping.0", id="ping-pong"),
    ],
)
def test_an_sop_that_creates_groups_without_bound_is_refused_at_the_step(text: str, line: int, path: str) -> None:
    problems = validate_text(text, "s.yaml")
    assert [(d.line, d.dotted_path) for d in problems] == [(line, path)], [d.format() for d in problems]
    assert "grows without bound" in problems[0].message


def test_a_hub_and_a_chain_are_fine() -> None:
    assert validate_text(HUB, "s.yaml") == []


@pytest.mark.parametrize("text", [DOUBLING, KICK_AND_CREATE], ids=["doubling", "kick-and-create"])
def test_the_red_team_scenarios_are_refused_by_the_command_within_seconds(tmp_path: Path, text: str) -> None:
    scenario = tmp_path / "runaway.yaml"
    scenario.write_text(text, encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [*simgroup_command(), *run_args(scenario, "--reps", "2", workers=2)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert time.monotonic() - started < 60
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert f"{scenario}:" in done.stderr and "grows without bound" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_budget_stops_a_run_at_the_step_that_passed_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unlimited, the hub and its chains create about 95 groups in 30 days (some tasks are
    skipped, some groups die); a limit of 25 is passed in the second week, and the run stops
    there with the hub's or the chain's step located, exit 2."""
    monkeypatch.setattr(budget, "MAX_CREATED_GROUPS", 25)
    scenario = tmp_path / "hub.yaml"
    scenario.write_text(HUB, encoding="utf-8")
    code, out, err, exc = cli(*run_args(scenario, "--reps", "1"))
    assert exc is None, repr(exc)
    assert code == 2 and out == ""
    first = err.splitlines()[0]
    assert first.startswith((f"{scenario}:9:7: sops.hub.0: ", f"{scenario}:11:7: sops.chain.0: ")), err
    assert "the limit of 25 created groups per replication while running step" in first


def test_the_budget_in_check_is_bad_input_located_at_the_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "MAX_CREATED_GROUPS", 25)
    (tmp_path / "hub.yaml").write_text(HUB + "expect:\n  - {kpi: members_end, at_least: 0}\n", encoding="utf-8")
    code, out, err, exc = cli("check", str(tmp_path), "--reps", "1", "--workers", "1")
    assert exc is None, repr(exc)
    assert code == 2, (out, err)
    assert "created groups per replication" in err and "internal error" not in out + err


def test_channel_arrivals_over_the_row_budget_name_no_step(monkeypatch: pytest.MonkeyPatch) -> None:
    from simgroup.engine import simulate_replication

    monkeypatch.setattr(budget, "MAX_MEMBER_ROWS", 300)
    scenario = load_scenario_text(
        "simgroup: 1\nname: busy\ndays: 3\n"
        "channels: [{id: c, per_day: 400}]\n"
        "groups: [{id: g, type: traffic, channels: [c]}]\n"
    )
    with pytest.raises(WorkLimitExceeded) as caught:
        simulate_replication(scenario, 0)
    assert caught.value.step is None and caught.value.path == ()
    assert "from the channels" in str(caught.value) and "lower per_day" in str(caught.value)


def test_each_count_trips_at_its_limit_and_not_before(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, add, what in (
        ("MAX_MEMBER_ROWS", lambda b: b.add_rows(1), "member rows"),
        ("MAX_CREATED_GROUPS", lambda b: b.add_group(), "created groups"),
        ("MAX_SOP_TASKS", lambda b: b.add_task("daily.3"), "SOP tasks"),
        ("MAX_LOGGED_EVENTS", lambda b: b.add_event(), "event-log records"),
    ):
        monkeypatch.setattr(budget, name, 10)
        counts = WorkBudget(initial_groups=2)
        if what == "created groups":
            for _ in range(2):  # the scenario's own initial groups are free
                add(counts)
        counts.step = "welcome.0"
        for _ in range(10):
            add(counts)
        with pytest.raises(WorkLimitExceeded) as caught:
            add(counts)
        assert caught.value.what == what and caught.value.limit == 10
        # a task is charged to its own step; the rest to the step running
        assert caught.value.step == (("daily", 3) if what == "SOP tasks" else ("welcome", 0))
