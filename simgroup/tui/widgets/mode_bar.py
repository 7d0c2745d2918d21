"""The top line of every mode: the five modes with their keys (F2–F6), the current one lit, and
the help key (F1) at the right.

It replaces a title bar so that the mode keys never compete with the mode's own keys for the
footer's one line: at 80 columns the footer holds the mode's keys, this line the modes. A click on
a tab does what its key does. A thin view: it reads the screen's ``HELP`` (the mode's name) and
the words from :mod:`simgroup.tui.i18n`.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from simgroup.tui.i18n import t

#: (mode, key, label), in key order
MODES: tuple[tuple[str, str, str], ...] = (
    ("browse", "F2", "Browse"), ("edit", "F3", "Edit"), ("run", "F4", "Run"), ("compare", "F5", "Compare"),
    ("playback", "F6", "Playback"),
)


class ModeTab(Label):
    """One clickable item: ``key label``; ``action`` is run on the app when clicked."""

    def __init__(self, key: str, label: str, action: str, *, current: bool = False, id: str | None = None) -> None:
        text = Text.assemble((f" {key} ", "bold"), (f"{label} ", ""))
        super().__init__(text, id=id, classes="mode-tab -current" if current else "mode-tab")
        self.action = action

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.app.run_action(self.action)


class ModeBar(Horizontal):
    """The modes line (see the module contract); ``mode`` is the mode to light."""

    DEFAULT_CSS = """
    ModeBar {
        height: 1;
        width: 1fr;
        background: $panel;
    }
    ModeBar > .mode-brand {
        padding: 0 1;
        text-style: bold;
        color: $text-muted;
    }
    ModeBar > .mode-tab {
        color: $text-muted;
    }
    ModeBar > .mode-tab:hover {
        background: $boost;
    }
    ModeBar > .mode-tab.-current {
        color: $text;
        background: $primary 40%;
        text-style: bold;
    }
    ModeBar > .mode-spacer {
        width: 1fr;
    }
    """

    def __init__(self, mode: str) -> None:
        super().__init__(id="mode-bar")
        self.mode = mode

    def compose(self) -> ComposeResult:
        yield Label("simgroup", classes="mode-brand")
        for mode, key, label in MODES:
            yield ModeTab(key, t(label), f"switch_mode('{mode}')", current=mode == self.mode, id=f"tab-{mode}")
        yield Label("", classes="mode-spacer")
        yield ModeTab("F1", t("Help"), "help", id="tab-help")
