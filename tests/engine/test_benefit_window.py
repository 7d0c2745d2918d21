"""The post-benefit leave spike runs from the benefit's time: an order decided now but landing
in 40 minutes starts the spike in 40 minutes, not now (docs/model.md, "Muting, folding and
leaving")."""

from __future__ import annotations

import numpy as np

from simgroup.engine.exits import leave_hazard


def _hazard(t: float, benefit_from: float, benefit_until: float) -> float:
    f32 = np.float32
    one = np.ones(1, dtype=f32)
    h = np.zeros(1, dtype=f32)
    leave_hazard(1.0, t, np.zeros(1, dtype=f32), np.zeros(1, dtype=f32), np.zeros(1, dtype=f32), one,
                 np.zeros(1, dtype=f32), one, np.full(1, 0.25, dtype=f32), np.array([benefit_from]),
                 np.array([benefit_until]), h)
    return float(h[0])


def test_the_spike_waits_for_the_order_and_ends_with_its_window() -> None:
    order, window = 600.0, 12 * 60.0
    assert _hazard(560.0, order, order + window) == 0.0  # decided, not yet landed
    assert _hazard(660.0, order, order + window) == 0.25  # inside the window
    assert _hazard(order + window + 60.0, order, order + window) == 0.0  # over
    assert _hazard(660.0, -np.inf, -np.inf) == 0.0  # never took a benefit
