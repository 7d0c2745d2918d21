"""Edit mode: live diagnostics at the right line, jumping to problems, atomic save, buffers that
survive mode switches, and the quit guard for unsaved changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from simgroup.tui.screens.edit import EditScreen
from simgroup.tui.widgets.diagnostics_list import DiagnosticsList
from simgroup.tui.widgets.yaml_editor import YamlEditor, yaml_language
from tests.tui.conftest import SIZE, wait_for

FLASH = Path("ws/flash_sale.yaml")


async def open_editor(app, pilot, path: Path = FLASH) -> EditScreen:  # type: ignore[no-untyped-def]
    app.current = path
    await pilot.press("f3")
    await wait_for(pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.path == path)
    screen = app.screen
    await wait_for(pilot, lambda: screen._validated_generation == screen.generation)
    return screen


async def test_typing_an_error_marks_its_line(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        editor = screen.query_one(YamlEditor)
        assert screen.diagnostics == [] and editor.problem_rows == {}
        # Line 9 is "days: 6"; make it "dayz: 6" by typing.
        assert editor.document.get_line(8) == "days: 6"
        editor.move_cursor((8, 3))
        await pilot.press("delete", "z")
        assert editor.document.get_line(8) == "dayz: 6"
        await wait_for(pilot, lambda: screen._validated_generation == screen.generation and screen.diagnostics)
        lines = {d.line for d in screen.diagnostics}
        assert 9 in lines
        unknown = next(d for d in screen.diagnostics if d.line == 9)
        assert "dayz" in unknown.format() and unknown.suggestion == "days"
        assert 8 in editor.problem_rows  # gutter mark on row 8 (line 9)
        listed = screen.query_one(DiagnosticsList)
        assert any("9:1" in str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count))
        # The cursor is on that line: its message is shown above the list.
        assert "line 9" in str(screen.query_one("#problem-here").render())
        assert "modified" in str(screen.query_one("#edit-state").render())
        assert app.buffers[FLASH].splitlines()[8] == "dayz: 6"


async def test_next_problem_and_list_selection_move_the_cursor(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot, Path("ws/broken.yaml"))
        editor = screen.query_one(YamlEditor)
        assert [d.line for d in screen.diagnostics] == [6]
        assert editor.cursor_location == (0, 0)
        await pilot.press("f8")
        assert editor.cursor_location == (5, 10)
        editor.move_cursor((0, 0))
        listed = screen.query_one(DiagnosticsList)
        listed.focus()
        listed.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert editor.cursor_location == (5, 10) and editor.has_focus


async def test_save_writes_the_file_and_updates_browse(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot, Path("ws/broken.yaml"))
        editor = screen.query_one(YamlEditor)
        editor.move_cursor((5, 14))
        await pilot.press("f")  # trafic -> traffic
        await wait_for(pilot, lambda: screen._validated_generation == screen.generation and not screen.diagnostics)
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = Path("ws/broken.yaml").read_text(encoding="utf-8")
        assert "type: traffic" in text
        assert not list(Path("ws").glob(".broken.yaml.*"))  # no temporary file left behind
        assert app.buffers == {}
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.diagnostics.get(Path("ws/broken.yaml")) == [])


async def test_unsaved_text_survives_mode_switches_and_guards_quit(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        editor = screen.query_one(YamlEditor)
        editor.move_cursor((0, 0))
        await pilot.press("#", " ")
        await pilot.press("f2", "f3")
        await wait_for(pilot, lambda: isinstance(app.screen, EditScreen))
        assert editor.text.startswith("# #")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running  # first Ctrl+Q only warns
        assert any("Unsaved changes" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+o")  # reload from disk: nothing unsaved any more
        await pilot.pause()
        assert app.buffers == {} and not editor.text.startswith("# #")


async def test_save_and_run_refuses_a_broken_file(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(app, pilot, Path("ws/broken.yaml"))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.current_mode == "edit"
        assert app.screen.query_one(YamlEditor).cursor_location[0] == 5


async def test_question_mark_is_typed_not_help(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        await pilot.press("question_mark")
        assert screen.query_one(YamlEditor).text.startswith("?")
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


@pytest.mark.skipif(yaml_language() is None, reason="tree-sitter-yaml is not installed")
async def test_yaml_is_highlighted_when_tree_sitter_yaml_is_installed(workspace) -> None:  # type: ignore[no-untyped-def]
    from simgroup.tui.app import SimgroupApp

    app = SimgroupApp(workspace, lang="en", blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        assert screen.query_one(YamlEditor).language == "yaml"


async def test_problems_read_in_chinese_in_the_editor(make_app) -> None:  # type: ignore[no-untyped-def]
    from simgroup.tui.widgets.diagnostics_list import DiagnosticsList, diagnostic_text

    app = make_app(lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        app.current = Path("ws/broken.yaml")
        await pilot.press("f3")
        await wait_for(pilot, lambda: bool(app.screen.query(DiagnosticsList)) and
                       bool(app.screen.query_one(DiagnosticsList).diagnostics))
        problems = app.screen.query_one(DiagnosticsList).diagnostics
        shown = [str(diagnostic_text(d)) for d in problems]
        assert all(any("\u4e00" <= c <= "\u9fff" for c in line) for line in shown), shown
