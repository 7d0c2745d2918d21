"""Every binding has a footer label, F1 / ? shows help for the mode, the command palette reaches
every action, and global keys work whatever has focus."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from simgroup.tui.app import SimgroupApp
from simgroup.tui.commands import commands
from simgroup.tui.screens._job import JobScreen
from simgroup.tui.screens.browse import BrowseScreen
from simgroup.tui.screens.compare import CompareScreen
from simgroup.tui.screens.edit import EditScreen
from simgroup.tui.screens.help import HelpScreen
from simgroup.tui.screens.run import RunScreen
from tests.tui.conftest import SIZE, wait_for

SCREENS = (BrowseScreen, EditScreen, JobScreen, RunScreen, CompareScreen, HelpScreen, SimgroupApp)


def test_every_binding_has_a_label() -> None:
    for cls in SCREENS:
        for binding in cls.BINDINGS:
            assert binding.description, f"{cls.__name__}: {binding.key} has no label"  # type: ignore[union-attr]


async def test_global_keys_switch_modes_from_any_widget(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key, mode in (("f3", "edit"), ("f4", "run"), ("f5", "compare"), ("f2", "browse")):
            await pilot.press(key)
            await wait_for(pilot, lambda mode=mode: app.current_mode == mode)
        await pilot.press("f4")
        await wait_for(pilot, lambda: app.current_mode == "run")
        app.screen.query_one("#opt-seed", Input).focus()
        await pilot.press("question_mark", "f3")  # '?' is typed into the field; F3 still switches
        await wait_for(pilot, lambda: app.current_mode == "edit")
        assert app.get_screen_stack("run")[0].query_one("#opt-seed", Input).value == ""  # integer field refuses '?'


async def test_help_for_each_mode(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key, mode, words in (
            ("f2", "browse", "Mark for compare"),
            ("f3", "edit", "Next problem"),
            ("f4", "run", "Start run"),
            ("f5", "compare", "Start compare"),
        ):
            await pilot.press(key)
            await wait_for(pilot, lambda mode=mode: app.current_mode == mode)
            app.screen.set_focus(None)
            await pilot.press("question_mark" if mode == "browse" else "f1")
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
            text = app.screen.markdown()
            assert f"Help: {mode.capitalize()}" in text and words in text and "F1 / ?" in text
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))


async def test_palette_lists_every_action(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key, cls in (("f2", BrowseScreen), ("f3", EditScreen), ("f4", RunScreen), ("f5", CompareScreen)):
            await pilot.press(key)
            await wait_for(pilot, lambda cls=cls: isinstance(app.screen, cls))
            titles = [title for title, _cb, _help in commands(app, app.screen)]
            for _key, binding in cls._merged_bindings:  # its own bindings and those it inherits
                assert any(binding.description in title for title in titles), binding  # type: ignore[union-attr]
            for mode in ("Browse", "Edit", "Run", "Compare"):
                assert f"Switch to {mode} mode" in titles
            assert "Run flash_sale.yaml" in titles and "Edit broken.yaml" in titles


async def test_palette_runs_a_command(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        await pilot.press(*"edit flash_sale_deep")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_mode == "edit" and type(app.screen).__name__ != "CommandPalette")
        await wait_for(pilot, lambda: app.screen.path == Path("ws/flash_sale_deep.yaml"))
