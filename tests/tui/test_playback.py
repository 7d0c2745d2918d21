"""Playback mode, driven through Pilot on the real engine: the feed in order, pause and step, a
coupon injected live that sells, the same seed giving the same feed, a long scenario that starts
at once, follow, F6, help, palette and the ``simgroup replay`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from simgroup.cli import main
from simgroup.engine.session import Session
from simgroup.playback.driver import PlaybackDriver, PlaybackOptions
from simgroup.scenario import load_scenario
from simgroup.tui import i18n
from simgroup.tui.app import SimgroupApp
from simgroup.tui.commands import commands
from simgroup.tui.screens.help import HelpScreen
from simgroup.tui.screens.playback import PlaybackScreen
from simgroup.tui.widgets.chat_feed import ChatFeed
from tests.playback.conftest import long_scenario_text, share_of_long_run
from tests.tui.conftest import SIZE, wait_for

FLASH = Path("ws/flash_sale.yaml")
DAY = 1440.0


@pytest.fixture(autouse=True)
def english_afterwards():  # type: ignore[no-untyped-def]
    yield
    i18n.set_language("en")


def player(path: Path, lang: str = "en", **options: Any) -> SimgroupApp:
    return SimgroupApp(path, lang=lang, blink=False, highlight=False, playback=(path, PlaybackOptions(**options)))


def screen_of(app: SimgroupApp) -> PlaybackScreen:
    assert isinstance(app.screen, PlaybackScreen)
    return app.screen


async def started(pilot) -> PlaybackScreen:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PlaybackScreen) and pilot.app.screen.frames > 0)
    return screen_of(pilot.app)


def shown(screen: PlaybackScreen) -> list[Any]:
    return list(screen.query_one(ChatFeed).shown)


async def go_to_day(pilot, day: int) -> PlaybackScreen:  # type: ignore[no-untyped-def]
    """Go to the start of ``day`` with keys, as a person would: ``g``, the day in the prompt
    (its offered value is selected, so backspace clears it), Enter; wait until Playback is back
    there and idle. Press it while paused: nothing moves the clock on afterwards."""
    screen = screen_of(pilot.app)
    await pilot.press("g")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "PromptScreen")
    await pilot.press("backspace", *str(day), "enter")
    await wait_for(pilot, lambda: pilot.app.screen is screen and screen.frame.time == day * DAY and not screen.busy)
    return screen


async def test_the_feed_shows_joins_then_an_operator_post_in_order(workspace: Path) -> None:
    app = player(FLASH, speed=600)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        history = screen.query_one(ChatFeed).history
        await wait_for(pilot, lambda: any(line.kind == "operator" for line in history))
        lines = list(history)
        kinds = [line.kind for line in lines]
        assert kinds[0] == "system" and "join" in kinds
        assert kinds.index("join") < kinds.index("operator")
        assert [line.time for line in lines] == sorted(line.time for line in lines)
        assert screen.frame is not None and screen.frame.counters.members > 0


async def test_pause_and_step(workspace: Path) -> None:
    app = player(FLASH, speed=120, playing=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        for _ in range(3):
            count = len(shown(screen))
            await pilot.press("n")
            await wait_for(pilot, lambda count=count: len(shown(screen)) > count)
            new = shown(screen)[count:]
            assert len({(line.time, line.member) for line in new}) == 1  # one event
            assert screen.frame.time == new[-1].time and not screen.frame.playing
        assert "paused" in str(screen.query_one("#pb-status").render())
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.frame.playing and len(shown(screen)) > count + 3)
        await pilot.press("space")
        await wait_for(pilot, lambda: not screen.frame.playing)
        count, clock = len(shown(screen)), screen.frame.time
        await pilot.pause(0.3)
        assert len(shown(screen)) == count and screen.frame.time == clock
        await pilot.press("n")
        await wait_for(pilot, lambda: len(shown(screen)) > count)
        assert screen.frame.time == shown(screen)[-1].time >= clock


async def test_an_injected_coupon_sells_what_the_plan_does_not(workspace: Path) -> None:
    app = player(FLASH, speed=1440, playing=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await go_to_day(pilot, 1)
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.frame.comparison is not None)
        assert screen.frame.comparison.planned == screen.frame.comparison.after
        assert [(ln.kind, ln.action) for ln in shown(screen)[-2:] if ln.injected] == [("whatif", None), ("operator", "coupon")]
        await go_to_day(pilot, 2)  # through midnight, where the comparison is frozen
        await wait_for(pilot, lambda: screen.frame.comparison.final)
        final = screen.frame.comparison
        assert final.after.orders > final.planned.orders
        orders = {(line.member, line.time) for line in screen.query_one(ChatFeed).history
                  if line.kind == "order" and DAY < line.time <= 2 * DAY}
    plain = Session(load_scenario(FLASH))
    planned = {(e["member"], e["time"]) for e in plain.release(2 * DAY) if e["event"] == "order" and e["time"] > DAY}
    assert orders - planned


async def test_the_same_seed_gives_the_same_feed(workspace: Path) -> None:
    until = DAY
    app = player(FLASH, speed=1440)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await wait_for(pilot, lambda: screen.frame.time >= until)
        # the feed and the frame time as one frame left them (no await in between); a slow
        # machine's frames are long, so the feed may have gone well past `until`
        end = screen.frame.time
        seen = [(line.time, line.text) for line in screen.query_one(ChatFeed).history]
    driver = PlaybackDriver(load_scenario(FLASH), speed=100)
    lines = list(driver.start().lines)
    while driver.time < end:
        lines += driver.frame(0.7).lines
    reference = [(line.time, line.text) for line in lines if line.time <= end]
    # the feed keeps the newest lines (a slow machine merges frames, and a big one resets the feed)
    assert len(seen) > 20 and seen == reference[-len(seen):]


async def test_a_long_scenario_starts_at_once(workspace: Path) -> None:
    """A year of a growing traffic funnel (a full run takes ~10 s): the first feed line is on
    screen before even half of the run could have been simulated. (The app's own start-up, about
    0.7 s, is in the measure: against a tenth of the run, ~0.5-1 s with the compiled engine, it
    was a race; the player's own streaming is checked against a tenth in tests/playback.)"""
    path = workspace / "long.yaml"
    path.write_text(long_scenario_text(), encoding="utf-8")
    app = player(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await wait_for(pilot, lambda: screen.first_line_after is not None)
        first_line = screen.first_line_after
        assert screen.frame is not None and screen.frame.time < 1440
    half = share_of_long_run(0.5)
    assert first_line is not None and first_line < half, (first_line, half)


async def test_follow_one_member(workspace: Path) -> None:
    # keys are pressed while paused: Pilot waits for an idle CPU after each key
    app = player(FLASH, speed=600, playing=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await go_to_day(pilot, 2)
        await pilot.press("f")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        await pilot.press("enter")  # the member of the newest line
        feed = screen.query_one(ChatFeed)
        await wait_for(pilot, lambda: feed.following is not None)
        assert shown(screen) and {line.member for line in shown(screen)} == {feed.following}
        assert f"following #{feed.following}" in str(screen.query_one("#pb-status").render())
        await pilot.press("f")
        await wait_for(pilot, lambda: feed.following is None and len({ln.member for ln in shown(screen)}) > 1)


async def test_f6_plays_the_current_file_and_shows_problems(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.diagnostics) == 3)
        assert app.current == Path("ws/broken.yaml")
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybackScreen) and "-error" in app.screen.query_one("#pb-status").classes)
        assert "problems" in str(app.screen.query_one("#pb-status").render())
        app.current = FLASH
        await pilot.press("f2", "f6")
        screen = await started(pilot)
        assert screen.path == FLASH and screen.frame.chat == "flash-1"


async def test_help_palette_and_labels(workspace: Path) -> None:
    for binding in PlaybackScreen.BINDINGS:
        assert binding.description and binding.tooltip  # type: ignore[union-attr]
    app = player(FLASH, speed=60, playing=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        titles = [title for title, _cb, _help in commands(app, screen)]
        assert "Switch to Playback mode" in titles
        for binding in PlaybackScreen.BINDINGS:
            assert f"Playback: {binding.description}" in titles  # type: ignore[union-attr]
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen.markdown()
        assert "Help: Playback" in text and "god-view" in text and "What-if: send a coupon now" in text


async def test_chinese_playback(workspace: Path) -> None:
    app = player(FLASH, lang="zh", speed=3000, playing=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: len(shown(screen)) == 2)
        assert next(line.text for line in shown(screen)) == "群聊「flash-1」已创建"
        assert "通过扫描群活码加入了群聊" in shown(screen)[1].text
        assert "每秒 3000 模拟分钟" in str(screen.query_one("#pb-status").render())


def test_replay_command(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[SimgroupApp] = []
    monkeypatch.setattr(SimgroupApp, "run", lambda self: opened.append(self))  # noqa: PLW0108 - a method: it needs self
    runner = CliRunner()
    result = runner.invoke(main, ["replay", str(FLASH), "--group", "flash", "--rep", "2", "--seed", "9", "--speed", "120", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    app = opened[0]
    assert app.playback == (FLASH, PlaybackOptions(chat="flash", replication=2, seed=9, speed=120.0))
    assert app.current == FLASH and app.current_mode == "playback" and i18n.get_language() == "zh"
    bad = runner.invoke(main, ["replay", str(FLASH), "--group", "nope"])
    assert bad.exit_code == 2 and "no group 'nope'" in bad.output
    broken = runner.invoke(main, ["replay", "ws/broken.yaml"])
    assert broken.exit_code == 2 and "ws/broken.yaml:" in broken.output
    assert runner.invoke(main, ["replay", str(FLASH), "--speed", "0"]).exit_code == 2
    assert "--group ID" in runner.invoke(main, ["replay", "--help"]).output
