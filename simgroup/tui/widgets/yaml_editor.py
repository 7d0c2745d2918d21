"""The scenario editor: a code-editor ``TextArea`` whose gutter marks the lines with problems.

YAML highlighting needs tree-sitter and the ``tree-sitter-yaml`` grammar; without them the
editor is plain text (:func:`yaml_language` says which). A marked line's number is drawn in the
error colour followed by ``!``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import TextArea


def yaml_language() -> str | None:
    """``"yaml"`` when the editor can highlight YAML, else ``None`` (plain text)."""
    from textual._tree_sitter import TREE_SITTER, get_language

    return "yaml" if TREE_SITTER and get_language("yaml") is not None else None


class YamlEditor(TextArea):
    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {"yaml-editor--problem"}

    DEFAULT_CSS = """
    YamlEditor > .yaml-editor--problem {
        color: $text-error;
        background: $error 25%;
        text-style: bold;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None, highlight: bool = True) -> None:
        super().__init__(
            text,
            language=yaml_language() if highlight else None,
            theme="css",
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            id=id,
        )
        self.indent_width = 2
        self._problem_rows: dict[int, str] = {}

    @property
    def problem_rows(self) -> dict[int, str]:
        """0-based row -> first problem message on that row."""
        return dict(self._problem_rows)

    def set_problems(self, rows: dict[int, str]) -> None:
        self._problem_rows = dict(rows)
        self._line_cache.clear()
        self.refresh()

    def _render_line(self, y: int) -> Strip:
        strip = super()._render_line(y)
        if not self._problem_rows or not self.show_line_numbers:
            return strip
        try:
            row, section = self.wrapped_document._offset_to_line_info[y + self.scroll_offset.y]
        except (IndexError, TypeError):
            return strip
        if section != 0 or row not in self._problem_rows:
            return strip
        width = self.gutter_width
        text = strip.crop(width)
        style = self.get_component_rich_style("yaml-editor--problem")
        number = str(row + self.line_number_start)
        marker = Strip([Segment(f"{number:>{width - 2}}! ", style)], width)
        return Strip.join([marker, text])
