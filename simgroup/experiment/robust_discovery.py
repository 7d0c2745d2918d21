"""Scenario discovery for robust comparisons: which parameter values flip the decision.

Contract
--------
:func:`flip_rules` takes the worlds (rows of parameter values) and, per world, whether the
variant won, and describes where the *less common* outcome happens (the losses when the variant
usually wins, the wins when it usually loses) as boxes in parameter space: "it loses when
``coupon_hunter.benefit_leave_rate > 0.31``". The boxes are the leaves of a shallow decision
tree (scikit-learn's ``DecisionTreeClassifier``, depth :data:`MAX_DEPTH`, classes weighted so
that a rare outcome still gets a split, leaves of at least :data:`MIN_LEAF_SHARE` of the worlds
(and 2), ``random_state=0``: the same input gives the same rules on any machine) that predict
the less common outcome and hold more of it than the worlds overall do. Each rule has its
conditions (one interval per parameter, the tree's thresholds being midpoints between drawn
values), how many worlds fall in the box and how many of them have the outcome. Rules are
sorted by the number of such worlds, largest first; :func:`flip_parameters` lists the
parameters they name.

Why a tree and scikit-learn: a box is the reading an operator needs ("above 0.31 it loses"), a
depth-2 tree gives at most four boxes in terms of one or two parameters, and scikit-learn's is
well kept and small next to the alternatives (ema-workbench's PRIM needs scikit-learn itself
plus pandas, matplotlib, seaborn and statsmodels). With a handful of losing worlds a rule is a
hint, not a finding: the report states the counts so the reader can judge.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from simgroup.experiment.worlds import FloatArray

__all__ = ["MAX_DEPTH", "MIN_LEAF_SHARE", "Condition", "FlipRule", "flip_parameters", "flip_rules"]

#: Depth of the tree: rules of one or two parameters read as a sentence.
MAX_DEPTH = 2
#: Smallest leaf, as a share of the worlds: a box of one or two worlds is noise.
MIN_LEAF_SHARE = 0.05


@dataclass(frozen=True)
class Condition:
    """``above < parameter <= at_most`` (an open end is None)."""

    parameter: str
    above: float | None
    at_most: float | None

    def text(self) -> str:
        if self.above is not None and self.at_most is not None:
            return f"{_num(self.above)} < {self.parameter} <= {_num(self.at_most)}"
        if self.above is not None:
            return f"{self.parameter} > {_num(self.above)}"
        return f"{self.parameter} <= {_num(self.at_most if self.at_most is not None else math.inf)}"

    def to_json(self) -> dict[str, Any]:
        return {"parameter": self.parameter, "above": self.above, "at_most": self.at_most}


@dataclass(frozen=True)
class FlipRule:
    """A box of parameter space where the less common outcome concentrates: ``worlds`` fall in
    it, ``flipped`` of them have the outcome, out of ``total_flipped`` over all worlds."""

    conditions: tuple[Condition, ...]
    worlds: int
    flipped: int
    total_flipped: int

    def text(self) -> str:
        return " and ".join(c.text() for c in self.conditions)

    def to_json(self) -> dict[str, Any]:
        return {
            "conditions": [c.to_json() for c in self.conditions],
            "text": self.text(),
            "worlds": self.worlds,
            "flipped": self.flipped,
            "total_flipped": self.total_flipped,
        }


def _num(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def _tree(x: FloatArray, y: npt.NDArray[np.bool_]) -> Any:
    from sklearn.tree import DecisionTreeClassifier

    tree = DecisionTreeClassifier(
        max_depth=MAX_DEPTH,
        min_samples_leaf=max(2, math.ceil(MIN_LEAF_SHARE * len(y))),
        class_weight="balanced",
        random_state=0,
    )
    return tree.fit(x, y)


def flip_rules(x: FloatArray, flipped: Sequence[bool] | npt.NDArray[np.bool_], names: Sequence[str]) -> list[FlipRule]:
    """The boxes where ``flipped`` (the less common outcome, one flag per row of ``x``)
    concentrates (see the module docstring); empty when no world or every world is flipped, or
    when no parameter separates them."""
    y = np.asarray(flipped, dtype=bool)
    n_flipped = int(y.sum())
    if x.shape[1] == 0 or n_flipped == 0 or n_flipped == len(y):
        return []
    fitted = _tree(x, y).tree_
    base_rate = n_flipped / len(y)
    leaves = fitted.apply(np.ascontiguousarray(x, dtype=np.float32))
    rules: list[FlipRule] = []

    def walk(node: int, path: list[tuple[int, bool, float]]) -> None:
        left, right = int(fitted.children_left[node]), int(fitted.children_right[node])
        if left == right:  # a leaf
            inside = leaves == node
            worlds = int(inside.sum())
            hits = int(y[inside].sum())
            # what the balanced tree predicts there, and more than one world (one is noise)
            if hits > 1 and hits / worlds > base_rate:
                rules.append(FlipRule(_conditions(path, names), worlds, hits, n_flipped))
            return
        feature, threshold = int(fitted.feature[node]), float(fitted.threshold[node])
        walk(left, [*path, (feature, True, threshold)])
        walk(right, [*path, (feature, False, threshold)])

    walk(0, [])
    return sorted(rules, key=lambda r: (-r.flipped, -r.flipped / r.worlds))


def _conditions(path: list[tuple[int, bool, float]], names: Sequence[str]) -> tuple[Condition, ...]:
    """The splits of a root-to-leaf path as one interval per parameter, in the order first split."""
    bounds: dict[int, list[float | None]] = {}
    for feature, is_left, threshold in path:
        lo_hi = bounds.setdefault(feature, [None, None])
        if is_left:
            lo_hi[1] = threshold if lo_hi[1] is None else min(lo_hi[1], threshold)
        else:
            lo_hi[0] = threshold if lo_hi[0] is None else max(lo_hi[0], threshold)
    return tuple(Condition(names[f], lo, hi) for f, (lo, hi) in bounds.items())


def flip_parameters(rules: Sequence[FlipRule]) -> list[str]:
    """The parameters the rules name, in the order the rules name them (largest rule first)."""
    return list(dict.fromkeys(c.parameter for r in rules for c in r.conditions))
