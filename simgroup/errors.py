"""The common base of simgroup's own exceptions.

Every exception simgroup raises on purpose (a scenario with problems, options out of range, a
worker that died, a run past its work budget, an output that could not be written, ...) derives
from :class:`SimgroupError`, so a caller can handle all of them in one ``except`` and let
anything else (a bug) through. Each also keeps its standard base (``ValueError`` for bad values,
``RuntimeError`` for a failed environment, ``FileExistsError`` for an occupied output), so
existing handlers keep working. This module imports nothing from simgroup: any layer may use it.
"""

from __future__ import annotations

__all__ = ["SimgroupError"]


class SimgroupError(Exception):
    """Base class of the exceptions simgroup raises on purpose (see the module docstring)."""
