"""The playback driver: clock and speed, pause and step, jumps, next SOP step, what-if forks with
their comparison, the command loop, determinism, and a core free of Textual."""

from __future__ import annotations

import queue
import subprocess
import sys
from typing import Any

from simgroup.playback.control import run_commands
from simgroup.playback.driver import SPEEDS, Frame, PlaybackDriver
from simgroup.playback.feed import FeedLine
from simgroup.scenario import Scenario, load_scenario_text
from tests.playback.conftest import REPO

DAY = 1440.0


def _play(driver: PlaybackDriver, until: float, seconds: float = 1.0) -> list[FeedLine]:
    lines: list[FeedLine] = []
    while driver.time < until:
        frame = driver.frame(seconds)
        lines = list(frame.lines) if frame.reset else lines + list(frame.lines)
    return lines


def test_the_clock_moves_by_speed_when_playing(flash: Scenario) -> None:
    d = PlaybackDriver(flash, speed=60)
    first = d.start()
    assert [line.kind for line in first.lines] == ["system"] and first.playing
    assert d.frame(0.5).time == 30.0
    d.toggle()
    paused = d.frame(10.0)
    assert paused.time == 30.0 and not paused.playing and paused.lines == ()
    d.toggle()
    assert d.frame(1.0).time == 90.0


def test_speed_ladder(flash: Scenario) -> None:
    d = PlaybackDriver(flash, speed=60)
    assert d.faster().speed == 120 and d.slower().speed == 60 and d.slower().speed == 30
    for _ in range(30):
        d.slower()
    assert d.speed == SPEEDS[0] == 1 / 60  # real time
    for _ in range(30):
        d.faster()
    assert d.speed == SPEEDS[-1] == 6000
    assert d.set_speed(45).speed == 45


def test_step_shows_exactly_the_next_line(flash: Scenario) -> None:
    d = PlaybackDriver(flash)
    d.start()
    shown: list[FeedLine] = []
    for _ in range(15):
        frame = d.step()
        assert not frame.playing and len(frame.lines) >= 1
        assert frame.time == frame.lines[-1].time
        shown += frame.lines
    times = [line.time for line in shown]
    assert times == sorted(times) and shown[0].kind == "join"


def test_same_seed_same_feed_whatever_the_frame_rate(flash: Scenario) -> None:
    a = _play(PlaybackDriver(flash, speed=600), 2 * DAY, seconds=0.37)
    b = _play(PlaybackDriver(flash, speed=600), 2 * DAY, seconds=1.0)
    cut = min(line.time for line in (a[-1], b[-1]))
    # a frame of more than MAX_FRAME_LINES resets the feed to its tail: compare what both kept
    start = max(a[0].time, b[0].time)
    both = [x for x in a if start < x.time <= cut]
    assert len(both) > 100
    assert both == [x for x in b if start < x.time <= cut]
    other_seed = _play(PlaybackDriver(flash, speed=600, seed=flash.seed + 1), 2 * DAY)
    assert [x.text for x in other_seed[:50]] != [x.text for x in a[:50]]


def test_jump_forward_and_back(flash: Scenario) -> None:
    d = PlaybackDriver(flash)
    d.start()
    ahead = d.jump_day(2)
    assert ahead.reset and ahead.time == 2 * DAY and ahead.lines[-1].kind == "system"
    members = ahead.counters.members
    assert members > 0
    d.inject("coupon")
    back = d.jump_day(1)
    assert back.time == DAY and back.comparison is None  # going back rewinds to the plan
    again = d.jump_day(2)
    assert again.counters.members == members


def test_next_sop_step_stops_on_an_operator_post(flash: Scenario) -> None:
    d = PlaybackDriver(flash)
    d.start()
    d.jump(DAY + 13 * 60)
    frame = d.next_sop_step()
    last = frame.lines[-1]
    assert last.kind == "operator" and last.action not in (None, "welcome")
    assert frame.time == last.time > DAY + 13 * 60
    assert not [x for x in frame.lines[:-1] if x.kind == "operator" and x.action != "welcome"]


def test_a_coupon_what_if(flash: Scenario) -> None:
    d = PlaybackDriver(flash)
    d.start()
    d.jump(DAY + 20 * 60)
    frame = d.inject("coupon")
    assert frame.notice == "forked"
    assert [line.kind for line in frame.lines] == ["whatif", "operator"] and frame.lines[1].injected
    live = frame.comparison
    assert live is not None and not live.final and live.planned == live.after  # equal at the fork
    frame = d.frame(5.0)  # 5 min of real time at 60: to 01:20 next day, past midnight
    final = frame.comparison
    assert final is not None and final.final and final.until == 2 * DAY
    assert final.after.orders > final.planned.orders
    assert frame.comparison == d.frame(1.0).comparison  # frozen


NO_PRODUCTS = """
simgroup: 1
name: no products
days: 2
channels: [{id: c, per_day: 100, hours: "08:00-22:00"}]
groups: [{id: g, type: traffic, channels: [c]}]
"""


def test_what_if_notices(flash: Scenario) -> None:
    d = PlaybackDriver(load_scenario_text(NO_PRODUCTS))
    d.start()
    d.jump(DAY)
    assert d.inject("coupon").notice == "no-product"
    d = PlaybackDriver(flash)
    d.start()
    d.jump(DAY)
    d.inject("dissolve")
    assert d.inject("at_all").notice == "no-group"
    d = PlaybackDriver(flash, chat="flash-7")
    d.start()
    assert d.inject("post").notice == "no-group"


def test_the_end(flash: Scenario) -> None:
    d = PlaybackDriver(flash, speed=6000)
    d.start()
    frame = d.frame(2.0)
    assert frame.finished and not frame.playing and frame.notice == "end" and frame.time == d.horizon
    assert d.toggle().playing is False


def test_command_loop(flash: Scenario) -> None:
    commands: queue.Queue[Any] = queue.Queue()
    for cmd in [("toggle",), ("frame", 0.4), ("frame", 0.4), ("frame", 0.4), ("jump_day", 1), ("step",), ("faster",), None]:
        commands.put(cmd)
    frames: list[Frame] = []
    d = PlaybackDriver(flash, speed=60, playing=False)
    run_commands(d, commands, frames.append, lambda: False)
    # start, toggle, the three frames merged into one (at most a second), jump, step, faster
    assert len(frames) == 6
    assert frames[2].time == 60.0 and frames[3].time == DAY and frames[4].time > DAY and frames[5].speed == 120


def test_core_playback_does_not_import_textual_or_rich() -> None:
    code = (
        "import sys\n"
        "import simgroup.playback, simgroup.playback.control, simgroup.engine.session\n"
        "from simgroup.scenario import load_scenario\n"
        "d = simgroup.playback.PlaybackDriver(load_scenario('tests/tui/fixtures/flash_sale.yaml'))\n"
        "d.start(); d.jump(1440); d.inject('coupon')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
