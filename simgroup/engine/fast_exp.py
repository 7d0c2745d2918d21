"""``exp`` of float32 in a form the compiler turns into vector code, for kernels that take one
per member and tick (the trust factors of the exit hazards, docs/model.md §3).

Why not a library's: numpy's float32 ``exp`` runs at about 5 ns an element on a CPU without
AVX-512 (its vector path needs it), and numba compiles ``math.exp`` to a call of the C library's
``expf`` per element, which keeps the loop around it from being vectorised; numba's vector
``exp`` needs Intel's SVML and an LLVM patched for it, which the published llvmlite wheels are
not. The trust factors were the tick's largest single pass (≈12 % of a replication).

The method is the classic one of Cephes' ``expf`` (S. L. Moshier, *Methods and Programs for
Mathematical Functions*, 1989): ``x = n·ln 2 + r`` with ``n`` the nearest integer to
``x / ln 2`` and ``|r| ≤ ln 2 / 2``, ``ln 2`` split in two parts so that ``r`` is exact;
``exp(r)`` by a degree-7 polynomial (Cephes' minimax coefficients); ``2**n`` built from its
exponent bits. The relative error is below 2**-23 (one unit in the last place) over the whole
float32 range (tests/engine/test_fast_exp.py). Every operation is plain IEEE float32 in a fixed order:
the same numbers in every run and worker process.

Arguments below ``-87.33`` give ``exp(-87.33)`` ≈ 1.2e-38 (the smallest normal float32) instead
of a subnormal or 0, and those above ``88.37`` give ``exp(88.37)`` ≈ 2.5e38: a factor of 1e-38 on a hazard
of a few per hour is nil either way.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic

from simgroup.engine.jit import kernel

__all__ = ["exp32"]

F32 = np.float32
_LOWEST = F32(-87.33)  # exp of it ≈ 1.19e-38, the smallest normal float32
_HIGHEST = F32(88.37)  # exp of it ≈ 2.5e38; n stays ≤ 127, the largest finite exponent
_LOG2E = F32(1.44269504088896341)
_LN2_HIGH = F32(0.693359375)  # ln 2 = high + low; high has few bits, so n·high is exact
_LN2_LOW = F32(-2.12194440e-4)
_P0, _P1, _P2 = F32(1.9875691500e-4), F32(1.3981999507e-3), F32(8.3334519073e-3)
_P3, _P4, _P5 = F32(4.1665795894e-2), F32(1.6666665459e-1), F32(5.0000001201e-1)


def _float32_from_bits_typing(typingctx: Any, bits: Any) -> Any:
    """The float32 whose IEEE bits are the low 32 bits of the integer ``bits`` (no conversion)."""
    if not isinstance(bits, types.Integer):
        return None

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        value = args[0]
        if value.type.width > 32:
            value = builder.trunc(value, ir.IntType(32))
        return builder.bitcast(value, ir.FloatType())

    return types.float32(bits), codegen


#: the intrinsic a kernel calls: ``_float32_from_bits(bits)``
_float32_from_bits: Any = intrinsic(_float32_from_bits_typing)


@kernel
def exp32(x: np.float32) -> np.float32:
    """``exp(x)`` of a float32 to within one unit in the last place (see the module's docstring
    for the method and the clamping at the ends of the range)."""
    x = min(max(x, _LOWEST), _HIGHEST)
    n = np.floor(x * _LOG2E + F32(0.5))
    r = x - n * _LN2_HIGH - n * _LN2_LOW
    p = _P0 * r + _P1
    p = p * r + _P2
    p = p * r + _P3
    p = p * r + _P4
    p = p * r + _P5
    y = p * (r * r) + r + F32(1.0)
    return F32(y * _float32_from_bits((np.int32(n) + np.int32(127)) << np.int32(23)))
