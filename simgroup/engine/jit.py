"""Compiled loops (numba) for the few passes that run over every member many times a replication.

A numpy expression makes one pass over its operands per operator; the background tick's hazards
were ~45 such passes over every member, 720 times a replication, and an SOP action ~60 small numpy
calls over one group's ~500 members. A compiled loop does each in one pass with no temporaries.

:func:`kernel` compiles a function on first use and caches the machine code next to the source
(``cache=True``: a later process loads it in milliseconds instead of compiling for seconds). The
kernels draw no random numbers (the callers draw them from their streams with numpy), do plain IEEE
arithmetic in a fixed order (no ``fastmath``, no parallel reductions), so a run gives the same
numbers every time and in every worker process.

numba checks a cached kernel against its own source file only: a kernel that calls a kernel of
another module keeps its old machine code when only that other module changes. After editing a
kernel, delete the cache files (``*.nbi``, ``*.nbc`` in ``simgroup/engine/__pycache__``); a fresh
clone has none.

An index that may be negative keeps a loop from being vectorised (numba wraps negative indices,
a check per element): a loop over a run of rows, ``range(a, b)`` with signed ``a``, is scalar and
several times slower than the same loop over unsigned ints or from 0 over a slice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba

F = TypeVar("F", bound=Callable[..., Any])


def kernel(fn: F) -> F:
    """``fn`` compiled by numba in nopython mode, its machine code cached on disk."""
    return cast(F, numba.njit(cache=True, nogil=True, error_model="numpy")(fn))
