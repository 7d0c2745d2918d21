"""Fixtures for the TUI tests: a small workspace of fast scenarios and an app factory.

Snapshot tests chdir into the workspace's parent so every path the app shows is relative and
stable (``ws/flash_sale.yaml``), turn cursor blinking off and YAML highlighting off (so the
snapshots do not depend on whether tree-sitter-yaml is installed).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from simgroup.tui.app import SimgroupApp

REPO = Path(__file__).resolve().parents[2]
SIZE = (120, 40)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``ws/``: a copy of ``fixtures/`` (two flash-sale variants of 6 days and 3 replications,
    and one broken file); the current directory is ``ws``'s parent."""
    ws = tmp_path / "ws"
    ws.mkdir()
    for source in FIXTURES.glob("*.yaml"):
        (ws / source.name).write_bytes(source.read_bytes())
    monkeypatch.chdir(tmp_path)
    return Path("ws")


@pytest.fixture
def make_app(workspace: Path) -> Callable[..., SimgroupApp]:
    def make(path: Path | str | None = None, *, lang: str = "en") -> SimgroupApp:
        return SimgroupApp(workspace if path is None else path, lang=lang, blink=False, highlight=False)

    return make


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds (fails after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for the app: {_describe(pilot.app)}")
        await pilot.pause(0.05)
    await pilot.pause()


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for every worker to finish and their messages to be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)
    await asyncio.sleep(0)


def _describe(app) -> str:  # type: ignore[no-untyped-def]
    """What the app shows, for a failed wait."""
    screen = app.screen
    parts = [f"mode={app.current_mode}", f"screen={type(screen).__name__}", f"focused={app.focused!r}"]
    for selector in ("#run-status", "#compare-status", "#edit-state"):
        found = screen.query(selector)
        if found:
            parts.append(f"{selector}={found.first().render()!s}")
    parts.append(f"notifications={[str(n.message) for n in app._notifications]}")
    return ", ".join(parts)

