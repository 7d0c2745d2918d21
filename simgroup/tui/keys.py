"""Key bindings in the user's language.

Bindings are written in English (``Binding("ctrl+s", "save", "Save")``) like any Textual app;
:func:`localize_bindings` swaps a node's binding descriptions and tooltips for their catalogue
translations, once, when the node is built (footer groups, ``Binding.Group``, too).
:func:`show_bindings` shows or hides some of a node's bindings in the footer (a narrow terminal
keeps the footer to one line; the keys keep working, and F1 and the palette list them all).
(Textual builds each node's bindings from the class ``BINDINGS`` into ``node._bindings``; only
this node's copy is replaced, never the class's.)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding

from simgroup.tui.i18n import get_language, t


def localize_bindings(node: Any) -> None:
    if get_language() == "en":
        return
    table = node._bindings.key_to_bindings
    for key, bindings in list(table.items()):
        table[key] = [
            replace(b, description=t(b.description) if b.description else "", tooltip=t(b.tooltip) if b.tooltip else "",
                    group=Binding.Group(t(b.group.description), b.group.compact) if b.group is not None else None)
            for b in bindings
        ]


def show_bindings(node: Any, actions: set[str], shown: bool) -> None:
    """Show (or hide) in the footer the bindings of ``node`` whose action is in ``actions``."""
    table = node._bindings.key_to_bindings
    changed = False
    for key, bindings in list(table.items()):
        if any(b.action in actions and b.show != shown for b in bindings):
            table[key] = [replace(b, show=shown) if b.action in actions else b for b in bindings]
            changed = True
    if changed:
        node.refresh_bindings()


def key_rows(bindings: list[Binding], display: Any) -> list[tuple[str, str]]:
    """``(key as shown, description)`` for the help table, one row per action."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for b in bindings:
        if not b.description or b.action in seen:
            continue
        seen.add(b.action)
        text = f"{b.description}: {b.tooltip}" if b.tooltip else b.description
        rows.append((display(b), text))
    return rows
