"""The help dialog for the mode underneath: prose from :mod:`simgroup.tui.help` and a table of
the keys that are live there (the mode's bindings, then the app's)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from simgroup.tui.help import help_text
from simgroup.tui.i18n import t
from simgroup.tui.keys import key_rows, localize_bindings

MODE_NAMES = {"browse": "Browse", "edit": "Edit", "run": "Run", "compare": "Compare", "playback": "Playback"}


def _key_display(app: Any) -> Any:
    def display(binding: Binding) -> str:
        return "F1 / ?" if binding.action == "help" else str(app.get_key_display(binding))

    return display


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark", "close", "Close", key_display="Esc"),
    ]

    def __init__(self, mode: str, mode_screen: Any) -> None:
        super().__init__()
        localize_bindings(self)
        self.mode = mode
        self.mode_screen = mode_screen

    def markdown(self) -> str:
        bindings = [b for _key, b in self.mode_screen._bindings] + [b for _key, b in self.app._bindings]
        rows = key_rows([b for b in bindings if b.show or b.action == "help" or b.action.startswith("switch_mode")],
                        _key_display(self.app))
        lines = [
            f"# {t('Help: {mode}', mode=t(MODE_NAMES[self.mode]))}",
            "",
            help_text(self.mode),
            f"## {t('Keys')}",
            "",
            f"| {t('Key')} | {t('Action')} |",
            "|---|---|",
        ]
        lines += [f"| `{_cell(key)}` | {_cell(text)} |" for key, text in rows]
        return "\n".join(lines)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Markdown(self.markdown(), id="help-text")
            yield Static(f"[b]Esc[/] {t('Close')}", id="help-close")

    def action_close(self) -> None:
        self.dismiss()
