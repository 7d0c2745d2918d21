"""Replications, seed and days for a run: three number fields; blank means the scenario's value
(shown as the placeholder)."""

from __future__ import annotations

from typing import Literal, TypedDict

from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.widgets import Input, Label

from simgroup.tui.i18n import t

OptionName = Literal["replications", "seed", "days"]
FIELDS: tuple[OptionName, ...] = ("replications", "seed", "days")
_LABELS = {"replications": "Replications", "seed": "Seed", "days": "Days"}


class RunValues(TypedDict):
    """The keyword arguments of a run that the fields give (``simulate``, ``compare``)."""

    replications: int | None
    seed: int | None
    days: int | None


class RunOptions(Container):
    """``values()`` returns ``{"replications": int | None, ...}`` or raises ``ValueError``.

    Each field is a row (label, input); the rows are laid out side by side unless the
    stylesheet gives the container ``layout: vertical``."""

    DEFAULT_CSS = """
    RunOptions { layout: horizontal; height: auto; width: auto; }
    RunOptions > .option-row { height: 1; width: auto; }
    """

    def __init__(self, *, id: str | None = None, blink: bool = True) -> None:
        super().__init__(id=id, classes="run-options")
        self._blink = blink

    def compose(self) -> ComposeResult:
        for name in FIELDS:
            field = Input(id=f"opt-{name}", type="integer", classes="option-input", compact=True, valid_empty=True)
            field.cursor_blink = self._blink
            yield Horizontal(Label(t(_LABELS[name]), classes="option-label"), field, classes="option-row")

    def set_defaults(self, replications: int | None, seed: int | None, days: int | None) -> None:
        for name, value in zip(FIELDS, (replications, seed, days)):
            self.query_one(f"#opt-{name}", Input).placeholder = "" if value is None else str(value)

    def values(self) -> RunValues:
        out: RunValues = {"replications": None, "seed": None, "days": None}
        for name in FIELDS:
            text = self.query_one(f"#opt-{name}", Input).value.strip()
            if not text:
                continue
            try:
                out[name] = int(text)
            except ValueError:
                raise ValueError(t("{field} must be a whole number", field=t(_LABELS[name]))) from None
        return out
