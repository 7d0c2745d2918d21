"""JSON helpers shared by the result writers: NaN/inf become ``null``, numpy scalars plain numbers.

Floats are written with Python's shortest round-trip ``repr`` (never rounded), so the same input
gives byte-identical text on every machine.
"""

from __future__ import annotations

import json
import math
from typing import Any, overload


# A document (a dict) stays a dict with text keys, so the writers' to_json() keep their type.
@overload
def clean(obj: dict[Any, Any]) -> dict[str, Any]: ...
@overload
def clean(obj: Any) -> Any: ...


def clean(obj: Any) -> Any:
    """A copy of ``obj`` that :func:`json.dumps` accepts with ``allow_nan=False``.

    Non-finite floats become ``None``; numpy scalars and arrays (duck-typed through ``item`` /
    ``tolist``, so numpy is not imported here) become Python numbers and lists; tuples become
    lists; mapping keys are kept in their order.
    """
    if isinstance(obj, bool) or obj is None or isinstance(obj, (str, int)):
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    tolist = getattr(obj, "tolist", None)
    if callable(tolist):  # numpy scalar or array
        return clean(tolist())
    raise TypeError(f"cannot write {type(obj).__name__} as JSON: {obj!r}")


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """Deterministic JSON text (insertion key order, UTF-8 characters kept, no NaN)."""
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(clean(obj), ensure_ascii=False, allow_nan=False, indent=indent, separators=separators)
