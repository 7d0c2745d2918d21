"""``simgroup check`` end to end with the real engine, on small scenarios (a few seconds in all).

Covers the acceptance of issue 4: an impossible expectation in a copy of a bundled scenario exits
1 naming the file and line; a baseline round trip passes and a worsened SOP is flagged against
it; the JUnit file is well-formed with the right counts; the same check twice gives the same
verdicts; bad input exits 2 with its diagnostics.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from simgroup.cli import main

ROOT = Path(__file__).resolve().parents[2]

SHOP = """\
simgroup: 1
name: small traffic group
days: 3
seed: 3
replications: 5
channels:
  - {id: card, kind: package_card, per_day: 1000, add_rate: 0.2, cost_per_unit: 0.3, hours: "08:00-23:00"}
operators: {count: 1, persona: welfare_officer, hourly_cost: 60}
products:
  - {id: trial, role: lead, price: 9.9, unit_cost: 6}
groups:
  - id: traffic
    type: traffic
    channels: [card]
    live_code: {qr_limit: 200, capacity: 500, max_groups: 5, auto_create: true}
    sop: daily
sops:
  daily:
SOP_GOOD
expect:
  - {kpi: retention_12h, group: traffic, between: [0.1, 0.9]}
  - {kpi: joined, at_least: 100}
"""
GOOD_SOP = """\
    - {on: member_join, do: welcome}
    - {every: day, at: "09:00", do: post, kind: tips}
    - {every: day, at: "20:00", do: post, kind: product, product: trial}
"""
# No welcome, no value posts, an ad every hour from 08:00 to 22:00.
WORSE_SOP = "".join(f'    - {{every: day, at: "{h:02d}:00", do: post, kind: ad, product: trial}}\n' for h in range(8, 23))


def shop(path: Path, sop: str = GOOD_SOP) -> Path:
    path.write_text(SHOP.replace("SOP_GOOD\n", sop), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    """1-based number of the only line of ``path`` containing ``needle``."""
    (n,) = [i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text]
    return n


def run(*args: str) -> tuple[int, str, str]:
    # --workers 1: in-process, fast to start, and the same verdicts as any pool (tested below).
    result = CliRunner().invoke(main, ["check", "--workers", "1", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_passing_check_exits_0(tmp_path: Path) -> None:
    code, out, err = run(str(shop(tmp_path / "shop.yaml")))
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith("simgroup check: ok: 1 scenario(s), 2/2 expectations met")


def test_an_impossible_expectation_in_a_bundled_copy_names_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "flash_sale.yaml"
    text = (ROOT / "scenarios" / "flash_sale.yaml").read_text(encoding="utf-8")
    copy.write_text(text.rstrip("\n") + "\n  - {kpi: conversion, at_least: 1.5}\n", encoding="utf-8")
    line = len(copy.read_text(encoding="utf-8").splitlines())
    code, out, _ = run(str(copy), "--reps", "4")
    assert code == 1
    failures = [x for x in out.splitlines() if re.match(r".*:\d+:\d+: ", x) and ": warning:" not in x]
    assert failures == [f"{copy}:{line}:5: conversion: " + failures[0].split(": conversion: ", 1)[1]]
    assert "is below 1.5" in failures[0]


def test_bad_input_exits_2_with_diagnostics_and_runs_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    shop(bad)
    bad.write_text(bad.read_text().replace("{kpi: joined, at_least: 100}", "{kpi: joinde, at_least: 100}"))
    junit = tmp_path / "j.xml"
    code, out, err = run(str(bad), "--junit", str(junit))
    assert code == 2 and out == ""
    line = _line_of(bad, "joinde")
    assert f"{bad}:{line}:11: expect.1.kpi: unknown KPI 'joinde' (did you mean 'joined'?)" in err
    root = ET.parse(junit).getroot()
    assert (root.get("tests"), root.get("errors")) == ("1", "1")
    assert run(str(tmp_path / "missing"))[0] == 2


def test_an_invalid_file_is_one_failing_testcase_and_the_others_still_run(tmp_path: Path) -> None:
    good = shop(tmp_path / "a.yaml")
    bad = shop(tmp_path / "b.yaml")
    bad.write_text(bad.read_text().replace("days: ", "days: 0 #") + "colour: blue\n")
    junit = tmp_path / "j.xml"
    code, out, err = run(str(tmp_path), "--junit", str(junit))
    assert code == 2, out + err  # bad input, as documented, though the other scenario ran
    assert f"{good}: ok: " in out and f"{bad}:" not in out
    assert f"{bad}:" in err and err.strip().splitlines()[-1].startswith("simgroup check: bad input (2 problem(s) in 1 file(s)); the other 1")
    root = ET.parse(junit).getroot()
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {str(good), str(bad)}
    (case,) = suites[str(bad)].findall("testcase")
    error = case.find("error")
    assert case.get("name") == "validate" and error is not None and error.get("type") == "bad input"
    assert "(and 1 more problem(s))" in error.get("message", "") and len((error.text or "").splitlines()) == 2
    assert suites[str(good)].get("tests") != "0" and suites[str(good)].find("testcase/failure") is None
    assert (root.get("errors"), root.get("failures")) == ("1", "0")


def test_baseline_round_trip_then_a_worse_sop_is_flagged(tmp_path: Path) -> None:
    scenario = shop(tmp_path / "shop.yaml")
    base = tmp_path / "baseline.json"
    code, out, err = run(str(scenario), "--baseline", str(base), "--update-baseline")
    assert code == 0, out + err
    doc = json.loads(base.read_text(encoding="utf-8"))
    assert list(doc["scenarios"]) == ["shop.yaml"] and str(tmp_path) not in base.read_text()

    code, out, err = run(str(scenario), "--baseline", str(base))
    assert code == 0, out + err
    assert "0 of 62 baseline KPIs moved" in out.splitlines()[-1]

    shop(scenario, WORSE_SOP)
    code, out, _ = run(str(scenario), "--baseline", str(base), "--fail-on", "worse", "--json")
    assert code == 1
    report = json.loads(out)
    verdicts = report["scenarios"][0]["verdicts"]
    worse = {v["kpi"] for v in verdicts if v["kind"] == "baseline" and v["status"] == "fail"}
    assert "retention_12h" in worse  # the hourly ads drive people out
    assert all(v["details"]["judgement"] == "worse" for v in verdicts if v["status"] == "fail")
    assert any("scenario file changed" in n for n in report["scenarios"][0]["notes"])


def test_junit_counts_testcases_and_failures(tmp_path: Path) -> None:
    good = shop(tmp_path / "a.yaml")
    bad = tmp_path / "b.yaml"
    shop(bad)
    bad.write_text(bad.read_text() + "  - {kpi: conversion, at_least: 0.99}\n  - {kpi: profit, at_most: -1e12}\n")
    junit = tmp_path / "out.xml"
    code, _, _ = run(str(good), str(bad), "--junit", str(junit))
    assert code == 1
    root = ET.parse(junit).getroot()  # well-formed, or this raises
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "2", "0")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {str(good), str(bad)}
    b = suites[str(bad)]
    assert (b.get("tests"), b.get("failures")) == ("4", "2")
    failed = [c for c in b.findall("testcase") if c.find("failure") is not None]
    # the place is in the failure's text (junit-10.xsd has no line attribute)
    assert [c.findtext("failure", "").split(": ")[0] for c in failed] == [
        f"{bad}:{_line_of(bad, '0.99')}:5", f"{bad}:{_line_of(bad, '-1e12')}:5"
    ]
    assert failed[0].get("name") == "expect[2] conversion at_least 0.99"


def test_github_format_annotates_the_line(tmp_path: Path) -> None:
    scenario = shop(tmp_path / "s.yaml")
    scenario.write_text(scenario.read_text() + "  - {kpi: joined, at_most: 1}\n")
    code, out, _ = run(str(scenario), "--format", "github")
    assert code == 1
    line = _line_of(scenario, "at_most: 1}")
    assert out.splitlines()[0].startswith(f"::error file={scenario},line={line},col=5,title=simgroup check%3A joined::mean ")


def test_same_seed_same_verdicts_whatever_the_workers(tmp_path: Path) -> None:
    scenario = shop(tmp_path / "s.yaml")
    scenario.write_text(scenario.read_text() + "  - {kpi: conversion, at_least: 0.5}\n")

    def verdicts(*extra: str) -> list[tuple[str, str, str | None]]:
        result = CliRunner().invoke(main, ["check", str(scenario), "--json", "--seed", "11", *extra])
        doc = json.loads(result.stdout)
        return [(v["status"], v["message"], v["warning"]) for v in doc["scenarios"][0]["verdicts"]]

    first = verdicts("--workers", "1")
    assert first == verdicts("--workers", "1")
    assert first == verdicts("--workers", "2")
    assert [s for s, _, _ in first] == ["pass", "pass", "fail"]


def test_junit_directory_must_exist(tmp_path: Path) -> None:
    code, _, err = run(str(shop(tmp_path / "s.yaml")), "--junit", str(tmp_path / "no" / "j.xml"))
    assert code == 2 and "does not exist" in err


@pytest.mark.parametrize("flag", ["--json", "--format=json"])
def test_json_is_the_only_stdout(tmp_path: Path, flag: str) -> None:
    code, out, _ = run(str(shop(tmp_path / "s.yaml")), flag)
    assert code == 0
    doc = json.loads(out)
    assert doc["ok"] is True and doc["summary"]["expectations"] == 2


def test_the_bundled_scenarios_validate_and_declare_expectations() -> None:
    # The full `simgroup check scenarios/` runs in .ci/run (about half a minute); here only what
    # is cheap: every bundled scenario loads and has an expect: block, and better_than resolves.
    from simgroup.check.runner import _partner_problems, _Sources, discover

    files, problems = discover([ROOT / "scenarios"])
    assert problems == [] and files
    sources = _Sources()
    for f in files:
        src = sources.load(f)
        assert not isinstance(src, list), src
        assert src.scenario.expect, f"{f} has no expect: block"
        assert _partner_problems(src, sources)[1] == []


def test_interrupt_exits_130_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import simgroup.check.runner as runner

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "check", interrupted)
    junit = tmp_path / "j.xml"
    code, _out, err = run(str(shop(tmp_path / "s.yaml")), "--junit", str(junit))
    assert code == 130 and "interrupted" in err and not junit.exists()
    assert not list(tmp_path.glob(".j.xml*"))


def test_help_mentions_exit_codes() -> None:
    result = CliRunner().invoke(main, ["check", "--help"])
    assert result.exit_code == 0 and "130 interrupted" in result.stdout
    shutil.which("simgroup")  # the console script is what .ci/run calls
