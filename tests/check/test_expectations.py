"""The pass rules of one expectation (simgroup.check.expectations), on hand-made values."""

from __future__ import annotations

import math

import pytest

from simgroup.check.expectations import evaluate, interval
from simgroup.results.stats import paired_difference, summarize
from simgroup.scenario.models import Expectation

NAN = float("nan")
# Mean 0.5, sample std ~0.0316, 95 % CI ~[0.4607, 0.5393] (t(0.975, 4) = 2.776).
VALUES = [0.46, 0.48, 0.50, 0.52, 0.54]


def exp(**kw: object) -> Expectation:
    return Expectation.model_validate({"kpi": "conversion", **kw})


def verdict(e: Expectation, values: list[float] = VALUES, **kw: object):  # type: ignore[no-untyped-def]
    return evaluate(e, 0, values, line=7, col=5, **kw)  # type: ignore[arg-type]


def test_interval_matches_the_95_percent_summary() -> None:
    iv, s = interval(VALUES, 0.95), summarize(VALUES)
    assert iv.mean == pytest.approx(s.mean) and iv.n == 5
    assert (iv.lo, iv.hi) == pytest.approx(s.ci95)
    wider = interval(VALUES, 0.99)
    assert wider.lo < iv.lo and wider.hi > iv.hi


@pytest.mark.parametrize(
    ("rule", "status"),
    [
        ({"between": [0.3, 0.7]}, "pass"),
        ({"between": [0.5, 0.7]}, "pass"),  # inclusive
        ({"between": [0.51, 0.7]}, "fail"),
        ({"at_least": 0.6}, "fail"),
        ({"at_most": 0.49}, "fail"),
        ({"at_most": 0.6}, "pass"),
        ({"at_least": 0.2, "at_most": 0.8}, "pass"),
    ],
)
def test_by_mean_judges_the_mean(rule: dict[str, object], status: str) -> None:
    v = verdict(exp(**rule))
    assert v.status == status
    assert v.kind == "expectation" and (v.line, v.col) == (7, 5)


def test_failure_message_names_value_bound_and_interval() -> None:
    v = verdict(exp(at_least=0.6))
    assert v.message.startswith("mean 0.5 is below 0.6 (95% CI [0.4607, 0.5393], n=5)")
    assert v.name == "expect[0] conversion at_least 0.6"


def test_a_mean_pass_whose_interval_crosses_the_bound_warns_knife_edge() -> None:
    v = verdict(exp(at_least=0.49))
    assert v.status == "pass"
    assert v.warning is not None and "knife edge" in v.warning and "0.49" in v.warning
    assert verdict(exp(at_least=0.3)).warning is None


def test_by_ci_needs_the_whole_interval_inside() -> None:
    assert verdict(exp(at_least=0.49, by="ci")).status == "fail"
    assert verdict(exp(at_least=0.45, by="ci")).status == "pass"
    # 99 % is wider: 0.45 is no longer below the whole interval (t(0.995, 4) = 4.604 -> lo 0.435).
    assert verdict(exp(at_least=0.45, by="ci", confidence=0.99)).status == "fail"
    assert verdict(exp(between=[0.4, 0.6], by="ci")).status == "pass"


def test_by_ci_with_one_replication_fails_and_by_mean_warns() -> None:
    assert verdict(exp(at_least=0.1, by="ci"), [0.5]).status == "fail"
    v = verdict(exp(at_least=0.1), [0.5])
    assert v.status == "pass" and v.warning is not None and "1 defined replication" in v.warning


def test_undefined_everywhere_fails_and_nan_replications_are_ignored() -> None:
    v = verdict(exp(at_least=0.1), [NAN, NAN])
    assert v.status == "fail" and "undefined in every replication" in v.message
    assert verdict(exp(between=[0.4, 0.6]), [*VALUES, NAN]).details["bounds"]["n"] == 5  # type: ignore[index]


def test_contradictory_bounds_fail() -> None:
    assert verdict(exp(at_least=0.6, at_most=0.4)).status == "fail"


A = [1.0, 2.0, 3.0, 4.0, 5.0]
B_LOWER = [0.5, 1.4, 2.6, 3.5, 4.4]  # a - b around +0.5, small spread


def test_better_than_passes_when_the_paired_interval_is_above_zero() -> None:
    v = verdict(exp(better_than="plain.yaml"), A, other_values=B_LOWER, other_label="plain.yaml")
    d = paired_difference(A, B_LOWER)
    assert d.ci[0] > 0
    assert v.status == "pass" and "higher is better, and it is" in v.message
    assert v.details["better_than"]["difference"] == pytest.approx(d.mean)  # type: ignore[index]


def test_better_than_respects_direction() -> None:
    # cac: lower is better by default, so being higher fails ("significantly worse").
    e = Expectation.model_validate({"kpi": "cac", "better_than": "plain.yaml"})
    v = evaluate(e, 0, A, line=1, col=1, other_values=B_LOWER, other_label="plain.yaml")
    assert v.status == "fail" and "significantly worse" in v.message
    e2 = Expectation.model_validate({"kpi": "cac", "better_than": "plain.yaml", "better": "higher"})
    assert evaluate(e2, 0, A, line=1, col=1, other_values=B_LOWER).status == "pass"


def test_better_than_with_an_interval_containing_zero_fails() -> None:
    noisy = [1.5, 1.0, 3.6, 3.5, 5.1]
    assert paired_difference(A, noisy).ci[0] < 0 < paired_difference(A, noisy).ci[1]
    v = verdict(exp(better_than="x.yaml"), A, other_values=noisy)
    assert v.status == "fail" and "not significantly better" in v.message


def test_better_than_a_neutral_kpi_needs_a_direction() -> None:
    e = Expectation.model_validate({"kpi": "tasks_sent", "better_than": "x.yaml"})
    assert evaluate(e, 0, A, line=1, col=1, other_values=B_LOWER).status == "fail"


def test_better_than_needs_two_pairs() -> None:
    v = verdict(exp(better_than="x.yaml"), [1.0, NAN], other_values=[0.0, 0.0])
    assert v.status == "fail" and "at least 2 paired" in v.message


def test_several_conditions_must_all_pass() -> None:
    e = exp(between=[0.0, 10.0], better_than="x.yaml")
    assert verdict(e, A, other_values=B_LOWER).status == "pass"
    e = exp(between=[0.0, 1.0], better_than="x.yaml")
    v = verdict(e, A, other_values=B_LOWER)
    assert v.status == "fail" and "above 1" in v.message
    assert set(v.details) == {"rule", "bounds", "better_than"}


def test_evaluation_is_deterministic() -> None:
    e = exp(between=[0.4, 0.6], better_than="x.yaml")
    first = verdict(e, VALUES, other_values=[x - 0.01 for x in VALUES])
    again = verdict(e, VALUES, other_values=[x - 0.01 for x in VALUES])
    assert first == again and not math.isnan(first.details["bounds"]["mean"])  # type: ignore[index]
