"""Durations and clock times as written in scenario files.

A duration is a number of minutes or a string such as ``"90s"``, ``"10m"``, ``"2h"``, ``"3d"``
or ``"1d12h"``; a clock time is ``"HH:MM"``; an hour window is ``"HH:MM-HH:MM"`` (it may wrap
past midnight, e.g. ``"20:00-02:00"``). Everything is converted to minutes, the engine's unit.
"""

from __future__ import annotations

import math
import re
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

MINUTES_PER_HOUR = 60
MINUTES_PER_DAY = 1440

_UNIT_MINUTES = {"s": 1 / 60, "m": 1.0, "h": 60.0, "d": 1440.0, "w": 10080.0}
_DURATION_RE = re.compile(r"^\s*((\d+(\.\d+)?)\s*([smhdw])\s*)+$")
_PART_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")
_CLOCK_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")

DURATION_HELP = 'a duration such as "30m", "2h", "3d" or a number of minutes'
CLOCK_HELP = 'a time of day "HH:MM" (24-hour clock)'
WINDOW_HELP = 'an hour window "HH:MM-HH:MM", e.g. "10:00-22:00"'

# JSON Schema patterns saying what the parsers below accept (the schema and `validate` agree;
# tests/scenario/test_schema_equivalence.py holds them to it). An hour is 0-23, a minute 0-59.
_HH_MM = r"([01]?\d|2[0-3]):[0-5]\d"
CLOCK_PATTERN = rf"^\s*{_HH_MM}\s*$"
WINDOW_PATTERN = rf"^\s*{_HH_MM}\s*-\s*{_HH_MM}\s*$"
DURATION_PATTERN = r"^\s*(\d+(\.\d+)?\s*[smhdw]\s*)+$"


def parse_duration(value: object) -> float:
    """Minutes in ``value``; raises ``ValueError`` with a user-facing message.

    A duration may be infinite (``.inf``: a sale that never closes, a delay that never comes);
    an integer too large for a float (``lasts: 1000...0`` with 400 digits) is such a duration
    too, rather than an OverflowError escaping validation."""
    if isinstance(value, bool):
        raise ValueError(f"expected {DURATION_HELP}, got a boolean")
    if isinstance(value, (int, float)):
        if value != value or value < 0:
            raise ValueError(f"expected {DURATION_HELP} that is not negative, got {value!r}")
        try:
            return float(value)
        except OverflowError:
            return math.inf
    if isinstance(value, str) and _DURATION_RE.match(value):
        return float(sum(float(n) * _UNIT_MINUTES[u] for n, u in _PART_RE.findall(value)))
    raise ValueError(f"expected {DURATION_HELP}, got {value!r}")


def parse_clock(value: object) -> int:
    """Minute of the day for ``"HH:MM"``."""
    if isinstance(value, str):
        m = _CLOCK_RE.match(value)
        if m:
            hh, mm = int(m.group(1)), int(m.group(2))
            if hh < 24 and mm < 60:
                return hh * MINUTES_PER_HOUR + mm
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < MINUTES_PER_DAY:
        return value
    raise ValueError(f"expected {CLOCK_HELP}, got {value!r}")


def parse_window(value: object) -> tuple[int, int]:
    """``(start, end)`` minutes of the day for ``"HH:MM-HH:MM"``; ``end`` may be below ``start``."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return parse_clock(value[0]), parse_clock(value[1])
    if isinstance(value, str) and value.count("-") == 1:
        a, b = value.split("-")
        try:
            start, end = parse_clock(a), parse_clock(b)
        except ValueError:
            pass
        else:
            if start == end:
                raise ValueError(f"the hour window {value!r} is empty")
            return start, end
    raise ValueError(f"expected {WINDOW_HELP}, got {value!r}")


Duration = Annotated[
    float,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DURATION_PATTERN},
                {"type": "number", "minimum": 0},
            ],
            "description": "Duration: 30m, 2h, 3d, 1d12h or minutes",
        }
    ),
]
Clock = Annotated[
    int,
    BeforeValidator(parse_clock),
    # a number is a minute of the day (a YAML 1.1 reader turns an unquoted 20:00 into 1200); for
    # each type only its own keywords apply (pattern to text, bounds to numbers)
    WithJsonSchema(
        {"type": ["string", "integer"], "pattern": CLOCK_PATTERN, "minimum": 0, "maximum": MINUTES_PER_DAY - 1,
         "description": "HH:MM"}
    ),
]
HourWindow = Annotated[
    tuple[int, int],
    BeforeValidator(parse_window),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": WINDOW_PATTERN},
                {"type": "array", "items": {"type": ["string", "integer"], "pattern": CLOCK_PATTERN, "minimum": 0,
                                            "maximum": MINUTES_PER_DAY - 1}, "minItems": 2, "maxItems": 2},
            ],
            "description": "HH:MM-HH:MM (an empty window such as 22:00-22:00 is refused by validate only)",
        }
    ),
]
Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0.0, allow_inf_nan=False)]
