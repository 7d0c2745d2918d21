"""The HTML page, parsed: the question and verdict are there, every KPI has a table row with its
interval, one inline SVG with drawn paths per chart, and nothing is fetched from anywhere."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from simgroup.i18n import KPI_ZH, WORDS_ZH
from simgroup.kpis import KPI_NAMES
from simgroup.report import read_json, run_scenario, write_report
from simgroup.report.content import DAILY_CHARTS, MAIN_KPIS
from simgroup.report.words import ZH
from tests.report.conftest import CONTENT, Page

INTERVAL = re.compile(r"^-?[\d,.]+%? \[-?[\d,.]+%?, -?[\d,.]+%?\]$")


def _page(source: Path, tmp_path: Path, lang: str = "en") -> tuple[str, Page]:
    out = tmp_path / f"report-{lang}.html"
    write_report(read_json(source), out, lang=lang)
    text = out.read_text(encoding="utf-8")
    return text, Page(text)


def _assert_offline(text: str, page: Page) -> None:
    assert "http" not in text.lower()  # no address of any kind, not even a namespace
    assert re.findall(r"url\((?!#)", text) == [] and "@import" not in text  # url(#clip): inside the page
    for tag, attrs in page.tags:
        assert tag not in ("link", "script", "img", "iframe", "object", "embed"), tag
        assert "src" not in attrs, (tag, attrs)
        href = attrs.get("href") or attrs.get("xlink:href")
        assert href is None or href.startswith("#"), (tag, href)


def _assert_charts(page: Page, count: int) -> None:
    assert len(page.svgs) == count
    for paths in page.svgs:
        drawn = [d for d in paths if len(d.split()) > 6]  # more than a dot: lines, bands, bars
        assert len(drawn) >= 3, paths[:3]


def test_run_page(documents: dict[str, Path], tmp_path: Path) -> None:
    text, page = _page(documents["run"], tmp_path)
    assert "Content group" in page.text("h1")
    assert page.text("question").startswith("Question: What does the SOP of “Content group")
    verdict = page.text("verdict")
    assert "Members at end" in verdict and "Conversion" in verdict and "expect:" in verdict
    rows = {r[1]: r for r in page.rows if len(r) == 5}  # KPI tables: label, name, mean, CI, n
    assert set(KPI_NAMES) <= set(rows)
    assert rows["profit"][0] == "Profit" and rows["muted_share"][0] == "Muted share *"
    assert re.fullmatch(r"\[-?[\d,.]+%, -?[\d,.]+%\]", rows["conversion"][3])
    assert rows["joined"][4] == "3"
    _assert_charts(page, len(DAILY_CHARTS))
    _assert_offline(text, page)
    assert "god-view" in page.text("notes") and "Only 3 replication(s)" in page.text("notes")


def test_scenario_run_judges_the_expect_bands(tmp_path: Path) -> None:
    source = run_scenario(CONTENT, replications=3, days=8)
    assert source.expectations is not None and len(source.expectations) == 2  # + 1 better_than, not judged
    assert source.not_judged == 1
    out = tmp_path / "r.html"
    write_report(source, out)
    page = Page(out.read_text(encoding="utf-8"))
    verdict = page.text("verdict")
    failed = [v for v in source.expectations if v.status == "fail"]
    if failed:
        assert verdict.startswith(f"Misses {len(failed)} of 2 expect: bands")
    else:
        assert verdict.startswith("Meets all 2 expect: bands")
    statuses = [r[2] for r in page.rows if len(r) == 4 and r[0].startswith(("conversion[", "retention_d7["))]
    assert len(statuses) == 2 and all(s in ("pass", "fail", "pass (knife edge)") for s in statuses)
    assert "better_than" in page.text("notes")


def test_comparison_page(documents: dict[str, Path], tmp_path: Path) -> None:
    text, page = _page(documents["compare"], tmp_path)
    assert page.text("question").startswith("Question: Does B (Content group (内容型), plain SOP")
    verdict = page.text("verdict")
    assert re.match(r"(B beats A|B is worse than A|Mixed: B is better|No significant difference between B and A)",
                    verdict), verdict
    header = next(r for r in page.rows if r and r[0] == "KPI" and len(r) == 5)
    assert header[2:] == ["A mean [95% CI]", "B mean [95% CI]", "B − A [95% CI]"]
    rows = {r[1]: r for r in page.rows if len(r) == 5 and r[1] in KPI_NAMES}
    assert set(KPI_NAMES) <= set(rows)
    for kpi in MAIN_KPIS:
        assert INTERVAL.match(rows[kpi][2]) and INTERVAL.match(rows[kpi][3]), rows[kpi]
        assert re.match(r"^[+-]?[\d,.]+%? \[", rows[kpi][4]), rows[kpi]
    # The bundled pair differs a lot in conversion: a significant difference the verdict names.
    assert rows["conversion"][4].endswith("sig") and "Conversion" in verdict
    _assert_charts(page, len(DAILY_CHARTS))
    _assert_offline(text, page)
    # variants overlaid: both colours' lines in the members chart
    first = text[text.index("<svg"):text.index("</svg>")]
    assert "#0072b2" in first.lower() and "#d55e00" in first.lower()


def test_sensitivity_page(documents: dict[str, Path], tmp_path: Path) -> None:
    text, page = _page(documents["sensitivity"], tmp_path)
    assert page.text("question").startswith("Question: Which model assumptions move Conversion")
    result = read_json(documents["sensitivity"]).result  # type: ignore[union-attr]
    top = result.rows[0].parameter.name
    assert f"depends most on {top}" in page.text("verdict")
    names = [r[1] for r in page.rows if len(r) == 7 and r[0].isdigit()]
    assert sorted(names) == sorted(["buying.price_ref", "reading.present", "buying.trust_coef"])
    _assert_charts(page, 1)
    _assert_offline(text, page)


@pytest.mark.parametrize("kind", ["run", "compare", "sensitivity"])
def test_chinese_pages(kind: str, documents: dict[str, Path], tmp_path: Path) -> None:
    text, page = _page(documents[kind], tmp_path, "zh")
    assert page.text("question").startswith("问题:")
    assert '<html lang="zh-CN">' in text
    if kind != "sensitivity":
        assert KPI_ZH["conversion"] in text and KPI_ZH["profit"] in text and "天" in text
    _assert_offline(text, page)


def test_the_same_input_gives_the_same_bytes(documents: dict[str, Path], tmp_path: Path) -> None:
    a = _page(documents["compare"], tmp_path / "a" if (tmp_path / "a").mkdir() is None else tmp_path)[0]
    b = _page(documents["compare"], tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path)[0]
    assert a == b


def test_every_report_string_has_a_chinese_entry() -> None:
    """Every literal passed to ``t`` in the report package is in the report's or the shared catalogue."""
    root = Path(__file__).resolve().parents[2] / "simgroup" / "report"
    missing = []
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                text = node.args[0].value
                if text not in ZH and text not in WORDS_ZH:
                    missing.append(f"{path.name}: {text!r}")
    assert missing == []


def test_the_tui_reads_the_shared_words_from_their_one_home() -> None:
    """simgroup.i18n holds the words the TUI and the report share; the TUI's catalogue holds only
    its own, and its lookup falls back to the shared ones."""
    from simgroup import i18n
    from simgroup.tui import i18n as tui

    assert not set(tui.ZH) & set(i18n.WORDS_ZH)
    try:
        i18n.set_language("zh")
        assert tui.t("Members") == i18n.WORDS_ZH["Members"] and tui.kpi_label("joined") == i18n.KPI_ZH["joined"]
    finally:
        i18n.set_language("en")


def test_a_scenario_and_its_run_json_give_the_same_tables(documents: dict[str, Path]) -> None:
    """The report of a file goes through the run's JSON document: same numbers either way."""
    from simgroup.report import build

    ran = build(run_scenario(CONTENT, replications=3, days=8))
    read = build(read_json(documents["run"]))
    kpi_tables = [t for t in ran.tables if t.header[0] == "KPI" and len(t.header) == 5]
    assert kpi_tables == [t for t in read.tables if t.header[0] == "KPI" and len(t.header) == 5]
    assert ran.charts == read.charts
