"""How the values an author wrote are shown inside one-line diagnostic messages.

Contract:

* :func:`one_line` escapes every character that would break a message's single line or hide part
  of it on a terminal (C0 and C1 controls, DEL, U+2028 and U+2029) as ``\\n``, ``\\t``, ``\\r``,
  ``\\xNN`` or ``\\uNNNN``; printable Unicode (Chinese, emoji) is kept as it is.
* :func:`got` shows a value as YAML would write it, for "got ..." phrases: ``true``, ``.inf``,
  ``nothing``, a quoted and shortened text, ``a list``; an integer of more than 20 digits as
  ``a 26-digit number`` (never raising, however many digits it has).
* :func:`number_text` and :func:`bound_text` write numbers and the bounds of a range.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any

# Characters that would break a one-line diagnostic or hide part of it on a terminal: C0 and C1
# controls (newline, tab, CR, ESC, NEL, ...), DEL and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}

#: Integers longer than this are described rather than written out: they are typos, and Python
#: refuses to print an integer of more than 4300 digits (``0x`` and 4000 ``f`` read fine).
_LONGEST_INT_SHOWN = 20
#: Texts are cut to this many characters: enough to recognise the value.
_LONGEST_TEXT_SHOWN = 40


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED_ESCAPES.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with its control characters escaped (see the module docstring)."""
    return _CONTROL.sub(_escape, text)


def _int_text(value: int) -> str:
    article = "a negative" if value < 0 else "a"
    if value.bit_length() >= 14_000:  # str() would pass Python's 4300-digit limit and raise
        return f"{article} number of about {int(value.bit_length() * math.log10(2)) + 1} digits"
    text = str(value)
    digits = len(text.lstrip("-"))
    return text if digits <= _LONGEST_INT_SHOWN else f"{article} {digits}-digit number"


def number_text(value: Any) -> str:
    """A number as written in a message: ``20`` for 20.0, ``1e+308`` (not 309 digits)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return _int_text(value)
    return str(value)


def bound_text(value: Any) -> str:
    """A range's bound, with thousands separators from a million up (``1,000,000,000`` reads at
    a glance, ``1000000000`` does not)."""
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and 1e6 <= abs(value) < 1e16
        and float(value).is_integer()
    ):
        return f"{int(value):,}"
    return number_text(value)


def got(value: Any) -> str:
    """A value as the author wrote it in YAML, for "got ..." phrases."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return number_text(value)
    if isinstance(value, int):
        return _int_text(value)
    if isinstance(value, str):
        cut = _LONGEST_TEXT_SHOWN - 3
        shown = value if len(value) <= _LONGEST_TEXT_SHOWN else value[:cut] + "..."
        return repr(shown)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return repr(value)[:_LONGEST_TEXT_SHOWN]
