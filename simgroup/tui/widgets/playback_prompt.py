"""A one-line question for the playback (which day to go to, which member to follow).

:class:`PromptScreen` is a modal: Enter dismisses it with the text typed (stripped), Esc with
``None``. Only digits are accepted (days and member ids are whole numbers).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from simgroup.tui.i18n import t
from simgroup.tui.keys import localize_bindings


class PromptScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without changing anything")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        localize_bindings(self)
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog"):
            yield Label(self.question, id="prompt-question")
            yield Input(self.value, restrict=r"[0-9]*", id="prompt-input", select_on_focus=True)
            yield Label(t("Enter to confirm, Esc to cancel"), id="prompt-hint")

    def on_input_submitted(self, message: Input.Submitted) -> None:
        self.dismiss(message.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
