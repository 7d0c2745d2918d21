"""Compare mode: tick two scenarios, run them at common random numbers, see the paired
differences and the overlaid charts."""

from __future__ import annotations

from pathlib import Path

from simgroup.tui.screens.compare import CompareScreen
from simgroup.tui.widgets.charts import BandChart
from simgroup.tui.widgets.compare_table import CompareTable
from tests.tui.conftest import SIZE, wait_for

A, B = Path("ws/flash_sale.yaml"), Path("ws/flash_sale_deep.yaml")
BROKEN = Path("ws/broken.yaml")


async def start(app, pilot, paths: tuple[Path, ...], reps: str) -> CompareScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f5")
    await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
    screen = app.screen
    variants = screen.query_one("#variants")
    for path in paths:
        variants.select(path)
    screen.query_one("#opt-replications").value = reps
    await pilot.press("ctrl+r")
    return screen


async def compare(app, pilot, reps: str = "3") -> CompareScreen:  # type: ignore[no-untyped-def]
    screen = await start(app, pilot, (A, B), reps)
    await wait_for(pilot, lambda: screen.comparison is not None)
    return screen


def check(screen: CompareScreen) -> None:
    comparison = screen.comparison
    assert [v.scenario_name.split(",")[0] for v in comparison.variants] == [
        "Flash-sale group (快闪型)",
        "Deeper discounts (快闪型)",
    ]
    assert all(v.replications == 3 and v.seed == 5 for v in comparison.variants)
    table = screen.query_one(CompareTable)
    gmv = comparison.differences[1]["gmv"]
    cell = table.cell_text("gmv", "diff-B")
    assert cell.startswith("+" if gmv.mean >= 0 else "−")
    assert cell.endswith(" *") == gmv.significant
    # Day 0-3 are identical in both variants (common random numbers): joined differs by exactly 0.
    joined = comparison.differences[1]["joined"]
    assert joined.mean == 0 and table.cell_text("joined", "diff-B").startswith("+0.0 [+0.0, +0.0]")
    assert table.cell_text("gmv", "mean-A") != table.cell_text("gmv", "mean-B")
    members = screen.query_one("#chart-members", BandChart)
    assert [line.label for line in members.lines] == ["A", "B"]
    assert "A = Flash-sale group" in str(screen.query_one("#compare-legend").render())


async def test_compare_two_scenarios(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await compare(app, pilot)
        check(screen)
        assert "Done: 2 variants, 3 replications each, seed 5." in str(screen.query_one("#compare-status").render())


async def test_three_variants_show_the_adjusted_level(make_app, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    """With two comparisons against A each interval is at 97.5 % (Bonferroni), and the legend says so."""
    copy = workspace / "flash_sale_copy.yaml"
    copy.write_bytes(A.read_bytes())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot, (A, B, copy), "2")
        await wait_for(pilot, lambda: screen.comparison is not None)
        assert screen.comparison.difference_confidence == 0.975
        assert "paired differences at 97.5% confidence" in str(screen.query_one("#compare-legend").render())
        assert screen.query_one(CompareTable).cell_text("gmv", "diff-C").startswith("+0.00 [")  # A against itself


async def test_a_bad_scenario_shows_its_problems(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot, (A, BROKEN), "2")
        await wait_for(pilot, lambda: "problems" in str(screen.query_one("#compare-status").render()))
        problems = screen.query_one("#compare-problems")
        assert "-shown" in problems.classes and "trafic" in str(problems.render())
        assert screen.comparison is None and not screen.query_one("#compare-start").disabled


async def test_compare_needs_two(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        app.screen.query_one("#variants").select(A)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.worker is None
        assert any("at least 2" in str(n.message) for n in app._notifications)


async def test_marked_files_are_preselected(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.diagnostics) == 3)
        await pilot.press("down", "down", "c", "up", "c", "f5")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        assert app.screen.query_one("#variants").selected == [B, A]
