"""The plain-text reports in Chinese: every sentence has a translation, no English prose is
left, and Chinese labels still line up in columns."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import simgroup
from simgroup.experiment.compare import compare
from simgroup.experiment.inputs import load_input
from simgroup.experiment.text import comparison_report
from simgroup.i18n import get_language, set_language
from simgroup.kpis import KPI
from simgroup.results.text import display_width, run_report, table
from simgroup.results.text_words import ZH

PACKAGE = Path(simgroup.__file__).parent
SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "zh" / "traffic.yaml"


def _said() -> Iterator[tuple[str, str]]:
    """Every literal sentence passed to ``say`` in the package."""
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say":
                first = node.args[0] if node.args else None
                parts = [first] if isinstance(first, ast.Constant) else []
                if isinstance(first, ast.IfExp):
                    parts = [first.body, first.orelse]
                for part in parts:
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        yield str(path.relative_to(PACKAGE)), part.value


def test_every_sentence_of_the_text_reports_has_a_translation() -> None:
    said = list(_said())
    assert len(said) > 20
    missing = sorted({f"{where}: {text!r}" for where, text in said if text not in ZH})
    assert not missing, "\n".join(missing)


@pytest.fixture
def zh() -> Iterator[None]:
    before = get_language()
    set_language("zh")
    yield
    set_language(before)


#: What may stay in Latin letters in a Chinese report: KPI names, units and marks.
ALLOWED = {*KPI, "KPI", "n", "sig", "Student", "t", "a", "GMV", "ROI", "CAC", "SOP", "K", "A", "B", "precision",
           "Bonferroni", "CNY", "pp", "Sobol", "Saltelli", "Morris", "bootstrap", "mu", "sigma", "ST", "S", "p"}


def _english(text: str) -> set[str]:
    text = re.sub(r"\S*[/.]\S*|--\S+", "", text)  # paths, dotted parameter names, options
    return {w for w in re.findall(r"[A-Za-z_]+(?:\d+[a-z]*)?", text) if w not in ALLOWED and not w.startswith("retention_")}


def test_a_chinese_run_and_compare_report_have_no_english_prose(zh: None) -> None:
    inp = load_input(SCENARIO)
    cmp = compare([inp, inp], replications=3, days=3, seed=1)
    for report in (run_report(cmp.variants[0]), comparison_report(cmp)):
        assert "场景整体" in report
        assert not _english(report), _english(report)


def test_chinese_cells_line_up_by_terminal_columns() -> None:
    lines = table([("KPI", "均值"), ("入群人数 joined", "1.0"), ("left", "22.5")])
    assert len({display_width(line) for line in lines}) == 1
    assert display_width("入群") == 4 and display_width("ab") == 2


def test_chinese_robust_and_sensitivity_reports_have_no_english_prose(zh: None) -> None:
    from simgroup.experiment.robust import robust_compare
    from simgroup.experiment.robust_text import robust_report
    from simgroup.experiment.sensitivity import sensitivity
    from simgroup.experiment.sensitivity_text import sensitivity_report

    robust = robust_report(robust_compare(SCENARIO, SCENARIO.with_name("content.yaml"), worlds=4, replications=1,
                                          days=2, params=["chatter.*"]))
    assert "稳健比较" in robust and not _english(robust), _english(robust)
    result = sensitivity(SCENARIO, kpi="messages", method="morris", worlds=2, replications=1, days=2,
                         params=["chatter.excitation_alpha", "chatter.excitation_tau_h"])
    report = sensitivity_report(result)
    # the last column quotes each parameter's source as the presets give it (English)
    body = "\n".join(line for line in report.splitlines() if "chatter." not in line)
    assert "敏感性" in report and not _english(body), _english(body)
