"""Browse mode: the tree lists the workspace with each file's validation state; the summary
shows the highlighted scenario or its problems."""

from __future__ import annotations

from pathlib import Path

from simgroup.scenario import load_scenario
from simgroup.tui.screens.browse import BrowseScreen
from simgroup.tui.widgets.scenario_summary import ScenarioSummary, summary_content
from simgroup.tui.widgets.scenario_tree import ScenarioTree
from tests.tui.conftest import FIXTURES, SIZE, wait_for


def _summary_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(ScenarioSummary).query_one("#summary-text").render())


async def test_tree_shows_every_file_with_its_state(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.diagnostics) == 3)
        assert isinstance(app.screen, BrowseScreen)
        tree = app.screen.query_one(ScenarioTree)
        labels = {node.data.name: str(node.label) for node in tree.root.children}
        assert labels["flash_sale.yaml"].startswith("✓")
        assert labels["flash_sale_deep.yaml"].startswith("✓")
        assert labels["broken.yaml"].startswith("✗") and "(1)" in labels["broken.yaml"]


async def test_summary_follows_the_cursor(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.diagnostics) == 3)
        # broken.yaml is first: its problem is shown with line and column.
        assert app.current == Path("ws/broken.yaml")
        text = _summary_text(app)
        assert "6:11" in text and "trafic" in text
        await pilot.press("down")
        await wait_for(pilot, lambda: app.current == Path("ws/flash_sale.yaml"))
        text = _summary_text(app)
        assert "Flash-sale group" in text
        assert "day 2 20:00 → flash_sale mask_pack -50% stock 200 2h" in text
        assert "flash" in text and "store_qr" in text


async def test_mark_for_compare_and_open_in_editor(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.diagnostics) == 3)
        await pilot.press("down", "c", "down", "c")
        assert app.marked == [Path("ws/flash_sale.yaml"), Path("ws/flash_sale_deep.yaml")]
        tree = app.screen.query_one(ScenarioTree)
        assert "◆" in str(tree.cursor_node.label)
        await pilot.press("c")
        assert app.marked == [Path("ws/flash_sale.yaml")]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_mode == "edit")
        assert app.screen.path == Path("ws/flash_sale_deep.yaml")


async def test_empty_folder_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from simgroup.tui.app import SimgroupApp

    app = SimgroupApp(tmp_path, lang="en", blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert "No scenario files" in _summary_text(app)
        await pilot.press("f4", "ctrl+r")  # nothing to run: a warning, no crash
        await pilot.pause(0.1)
        assert app.current_mode == "run"


async def test_revalidate_finds_new_files(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.diagnostics) == 3)
        Path("ws/new.yaml").write_text(Path("ws/flash_sale.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        Path("ws/broken.yaml").unlink()
        await pilot.press("v")
        await wait_for(pilot, lambda: len(app.diagnostics) == 3 and Path("ws/new.yaml") in app.diagnostics)
        tree = app.screen.query_one(ScenarioTree)
        assert [n.data.name for n in tree.root.children] == ["flash_sale.yaml", "flash_sale_deep.yaml", "new.yaml"]
        assert app.current in app.files
        await pilot.press("f5")
        await wait_for(pilot, lambda: app.current_mode == "compare")
        assert app.screen.query_one("#variants").option_count == 3


def test_expectations_are_shown_as_written() -> None:
    """Every bound of an expectation, and ``by: ci``, as ``simgroup check`` words them."""
    scenario = load_scenario(FIXTURES / "flash_sale.yaml")
    both = scenario.expect[1].model_copy(update={"at_most": 9000.0, "by": "ci"})
    scenario = scenario.model_copy(update={"expect": [scenario.expect[0], both]})
    lines = summary_content(Path("flash_sale.yaml"), scenario, []).plain.splitlines()
    assert lines[-2:] == ["  conversion between [0.05, 0.15]", "  gmv at_least 3000, at_most 9000 by ci (95%)"]
