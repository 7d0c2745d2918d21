"""Reaching each mode in a state worth looking at, and reading what the screen shows, for the
layout tests and the small-terminal snapshots.

:func:`reach` drives an app with keys to a mode with its data in (a validated summary, the
editor open, a finished run, a finished comparison, a playback after a jump, a day's SOP post and
an injected coupon, the help over Run); Run and Compare expect the stand-in engine of
``_plausible_engine.py``. :func:`screen_text` is the text of every cell on screen, as a terminal
would show it (the same compositor output an SVG screenshot is made of).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console

from simgroup.playback.driver import PlaybackOptions
from simgroup.tui.app import SimgroupApp
from simgroup.tui.screens.compare import CompareScreen
from simgroup.tui.screens.edit import EditScreen
from simgroup.tui.screens.playback import PlaybackScreen
from simgroup.tui.screens.run import RunScreen
from simgroup.tui.widgets.compare_table import CompareTable
from tests.tui.conftest import wait_for

FLASH, DEEP = Path("ws/flash_sale.yaml"), Path("ws/flash_sale_deep.yaml")
MODES = ("browse", "edit", "run", "compare", "playback", "help")
SIZES = ((80, 24), (120, 40))
DAY = 1440.0


def app_for(mode: str, lang: str) -> SimgroupApp:
    """The app a test of ``mode`` starts (Playback paused, at the fixture's seed)."""
    if mode == "playback":
        return SimgroupApp(FLASH, lang=lang, blink=False, highlight=False,
                           playback=(FLASH, PlaybackOptions(speed=60, playing=False)))
    return SimgroupApp(Path("ws"), lang=lang, blink=False, highlight=False)


async def reach(app: SimgroupApp, pilot: Any, mode: str) -> None:
    """Drive ``app`` to ``mode`` with its data shown (see the module contract)."""
    if mode == "browse":
        await wait_for(pilot, lambda: len(app.diagnostics) == 3)
        await pilot.press("down")
        await wait_for(pilot, lambda: app.current == FLASH)
    elif mode == "edit":
        app.current = FLASH
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.path == FLASH
                       and app.screen._validated_generation == app.screen.generation)
    elif mode in ("run", "help"):
        app.current = FLASH
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen) and app.screen.path == FLASH)
        screen = app.screen
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.result is not None)
        if mode == "help":
            await pilot.press("f1")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
    elif mode == "compare":
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        screen = app.screen
        screen.query_one("#variants").select(FLASH)
        screen.query_one("#variants").select(DEEP)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.comparison is not None)
        # the table lays its rows out on a later refresh: wait until its columns hold them (a
        # warm process once took the picture with only the header's widths)
        table = screen.query_one(CompareTable)
        await wait_for(pilot, lambda: table.virtual_size.width >= 50)
        # and repaint all of it: a busy machine once took the picture with the top rows still as
        # painted before the widths grew (only the lines marked dirty since had been redrawn)
        table.refresh()
        await pilot.pause()
    elif mode == "playback":
        await wait_for(pilot, lambda: isinstance(app.screen, PlaybackScreen) and app.screen.frames > 0)
        screen = app.screen
        await pilot.press("g")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        await pilot.press("backspace", "2", "enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.frame.time == 2 * DAY and not screen.busy)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: screen.frame.time > 2 * DAY and not screen.busy)
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.frame.comparison is not None and not screen.busy)
    else:
        raise ValueError(mode)
    # let scrolls finish and tables recompute their column widths (on a busy machine a table was
    # once drawn with its header's widths, its rows cut)
    await pilot.wait_for_scheduled_animations()
    for _ in range(3):
        await pilot.pause(0.2)


def screen_text(app: SimgroupApp) -> str:
    """Every line of the screen as plain text (a wide character counted once)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
