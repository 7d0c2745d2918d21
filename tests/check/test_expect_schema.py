"""The ``expect:`` entries in the scenario language: KPI names, better, confidence."""

from __future__ import annotations

from simgroup.scenario import load_scenario_text, validate_text

HEAD = """\
simgroup: 1
name: x
days: 3
groups:
  - {id: g, type: traffic}
expect:
"""


def messages(expect_lines: str) -> list[str]:
    return [d.format() for d in validate_text(HEAD + expect_lines, "s.yaml")]


def test_a_misspelt_kpi_gets_did_you_mean_at_its_line() -> None:
    (msg,) = messages("  - {kpi: conversoin, at_least: 0.1}\n")
    assert msg == "s.yaml:7:11: expect.0.kpi: unknown KPI 'conversoin' (did you mean 'conversion'?)"


def test_an_unknown_kpi_without_a_close_match_lists_the_names() -> None:
    (msg,) = messages("  - {kpi: happiness, at_least: 0.1}\n")
    assert "unknown KPI 'happiness'" in msg and "retention_d7" in msg


def test_better_needs_better_than_and_confidence_is_bounded() -> None:
    assert any("better: only applies to better_than" in m for m in messages("  - {kpi: cac, at_most: 3, better: lower}\n"))
    assert any("confidence" in m for m in messages("  - {kpi: cac, at_most: 3, confidence: 1.0}\n"))
    assert any("confidence" in m for m in messages("  - {kpi: cac, at_most: 3, confidence: 0.4}\n"))


def test_existing_fields_keep_their_defaults() -> None:
    s = load_scenario_text(HEAD + "  - {kpi: profit, at_least: 0}\n  - {kpi: cac, better_than: b.yaml, better: lower}\n")
    first, second = s.expect
    assert (first.by, first.confidence, first.better, first.better_than) == ("mean", 0.95, None, None)
    assert (second.better_than, second.better) == ("b.yaml", "lower")
