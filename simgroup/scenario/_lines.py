"""Line and column of a character in a scenario file, counted as an editor counts them.

YAML (PyYAML and libyaml, after YAML 1.1) also ends a line at NEL (U+0085) and at the Unicode line
and paragraph separators (U+2028, U+2029); editors, ``grep -n`` and Python's universal newlines do
not, so after such a character YAML's line numbers name a line the author cannot find.
:class:`LineIndex` gives ``(line, col)``, 1-based, counting only ``\\r\\n``, ``\\r`` and ``\\n``
as line ends; for a file without those three characters that is YAML's own mark, used as is.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

_LINE_END = re.compile(r"\r\n|\r|\n")
_YAML_ONLY_LINE_ENDS = ("\x85", "\u2028", "\u2029")


class LineIndex:
    """Positions in one text (see the module docstring)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._yaml_agrees = not any(c in text for c in _YAML_ONLY_LINE_ENDS)
        self._starts: list[int] | None = None  # built on first use: most files never need it

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _LINE_END.finditer(self._text))]
        return self._starts

    def at_index(self, index: int) -> tuple[int, int]:
        """``(line, col)`` of the character at ``index`` (or of the end of the text)."""
        starts = self._line_starts()
        line = bisect.bisect_right(starts, index) - 1
        return line + 1, index - starts[line] + 1

    def at_mark(self, mark: Any) -> tuple[int, int]:
        """``(line, col)`` of a PyYAML mark; ``(1, 1)`` without one."""
        if mark is None:
            return 1, 1
        if self._yaml_agrees:
            return mark.line + 1, mark.column + 1
        return self.at_index(mark.index)
