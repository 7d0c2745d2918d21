"""The list of problems under the editor; selecting one moves the editor's cursor there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from simgroup.tui.i18n import t

if TYPE_CHECKING:
    from simgroup.scenario.diagnostics import Diagnostic


def diagnostic_text(d: Diagnostic) -> Text:
    """``12:5  groups.0.sop: message (did you mean 'x'?)``."""
    text = Text()
    where = f"{d.line}:{d.col}" if d.line > 0 else "-"
    text.append(f"{where:>7}  ", style="bold")
    if d.key_path:
        text.append(f"{d.dotted_path}: ", style="italic")
    text.append(d.message_in())
    if d.suggestion is not None:
        text.append(" " + t("(did you mean {suggestion}?)", suggestion=repr(d.suggestion)))
    return text


def diagnostics_text(diagnostics: Sequence[Diagnostic]) -> Text:
    """One :func:`diagnostic_text` line per diagnostic."""
    return Text("\n").join(diagnostic_text(d) for d in diagnostics)


class DiagnosticsList(OptionList):
    """``show(diagnostics)``; option ``i`` is ``diagnostics[i]``."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diagnostics: list[Diagnostic] = []

    def show(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        self.clear_options()
        if not diagnostics:
            self.add_option(Option(Text(t("No problems"), style="dim"), disabled=True))
        else:
            self.add_options([Option(diagnostic_text(d)) for d in diagnostics])
        self.border_title = f"{t('Problems')} ({len(diagnostics)})"
