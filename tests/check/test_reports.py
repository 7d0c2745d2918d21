"""Report formats (simgroup.check.reports) on hand-made reports: text, GitHub, JUnit, JSON."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from simgroup.check.outcome import CheckReport, ScenarioOutcome, Verdict
from simgroup.check.reports import github_command, github_lines, json_document, json_text, junit_xml, text_lines
from simgroup.scenario.diagnostics import Diagnostic


def v(status: str, *, kind: str = "expectation", kpi: str = "conversion", group: str | None = None,
      line: int = 12, warning: str | None = None, message: str = "msg") -> Verdict:
    return Verdict(kind=kind, kpi=kpi, group=group, status=status, message=message, line=line, col=5,  # type: ignore[arg-type]
                   name=f"{kind} {kpi}", warning=warning)


REPORT = CheckReport(
    scenarios=(
        ScenarioOutcome(
            path="sc/a.yaml", name="A & <b>", sha256="f" * 64, seed=1, replications=20, days=7, seconds=1.5,
            verdicts=(
                v("pass"),
                v("fail", group="g", line=13, message="mean 0.6 is above 0.4 \x01 \"quoted\" <tag>"),
                v("pass", warning="knife edge: close"),
                v("fail", kind="baseline", kpi="profit", line=2),
                v("skip", kind="baseline", kpi="roi", line=2),
                v("pass", kind="baseline", kpi="gmv", line=2),
            ),
            notes=("the scenario file changed",),
        ),
        ScenarioOutcome(path="sc/b.yaml", name="B", sha256="e" * 64, seed=2, replications=5, days=3,
                        verdicts=(v("pass"),)),
        ScenarioOutcome(path="sc/c.yaml", name="C", sha256="d" * 64, seed=2, replications=5, days=3,
                        verdicts=(v("error", kind="run", kpi="run", line=1, message="internal error"),)),
        ScenarioOutcome(path="sc/d.yaml", name="D", sha256="c" * 64, verdicts=(), notes=("validated, not run",)),
    ),
    seconds=3.0,
)


def test_text_lines_point_at_the_expectation() -> None:
    lines = text_lines(REPORT)
    assert 'sc/a.yaml:13:5: conversion[g]: mean 0.6 is above 0.4 \x01 "quoted" <tag>' in lines
    assert "sc/a.yaml:12:5: conversion: warning: knife edge: close" in lines
    assert "sc/a.yaml:2:5: baseline profit: msg" in lines
    assert "sc/a.yaml: note: the scenario file changed" in lines
    assert "sc/c.yaml:1:5: run: error: internal error" in lines
    assert not any(line.startswith("sc/b.yaml:12:") for line in lines)  # passes are listed only with -v
    assert any(line.startswith("sc/b.yaml:12:5: conversion: ok: msg") for line in text_lines(REPORT, verbose=True))
    assert lines[-1].startswith("simgroup check: FAILED: 4 scenario(s), ")
    assert REPORT.exit_code == 1


def test_github_annotations_are_escaped() -> None:
    assert github_command("error", "50% a\nb", file="a,b:c.yaml", line=3, col=4, title="t: x") == (
        "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=t%3A x::50%25 a%0Ab"
    )
    lines = github_lines(REPORT)
    assert lines[0].startswith("::error file=sc/a.yaml,line=13,col=5,title=simgroup check%3A conversion[g]::mean 0.6")
    assert any(line.startswith("::warning file=sc/a.yaml,line=12,col=5,") for line in lines)
    assert any(line.startswith("::error file=sc/a.yaml,line=2,col=5,title=simgroup check%3A baseline profit::") for line in lines)
    assert any(line.startswith("::notice file=sc/a.yaml,") for line in lines)
    assert any(line.startswith("::error file=sc/c.yaml,") for line in lines)


def test_junit_is_well_formed_and_counts_right() -> None:
    root = ET.fromstring(junit_xml(REPORT).encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("8", "2", "1")
    # Jenkins' junit-10.xsd: these attributes and no others on <testsuites> (test_junit_schema.py
    # validates whole reports against it)
    assert set(root.attrib) <= {"name", "time", "tests", "failures", "errors"}
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["sc/a.yaml", "sc/b.yaml", "sc/c.yaml", "sc/d.yaml"]
    a = suites[0]
    assert (a.get("tests"), a.get("failures"), a.get("errors"), a.get("skipped")) == ("6", "2", "0", "1")
    cases = a.findall("testcase")
    assert len(cases) == 6 and {c.get("classname") for c in cases} == {"sc.a"}
    assert cases[1].findtext("failure", "").startswith("sc/a.yaml:13:5: ")
    assert "\x01" not in cases[1].find("failure").get("message")  # type: ignore[union-attr]
    assert '"quoted" <tag>' in cases[1].find("failure").get("message")  # type: ignore[union-attr]
    assert cases[4].find("skipped") is not None
    props = {p.get("name"): p.get("value") for p in a.iter("property")}
    assert props["scenario"] == "A & <b>" and props["replications"] == "20"
    c = suites[2]
    assert c.get("errors") == "1" and c.find("testcase/error") is not None
    assert suites[3].get("tests") == "0"
    # The counts agree with the elements themselves.
    for s in suites:
        cs = s.findall("testcase")
        assert int(s.get("tests")) == len(cs)  # type: ignore[arg-type]
        assert int(s.get("failures")) == sum(x.find("failure") is not None for x in cs)  # type: ignore[arg-type]


def test_junit_for_bad_input_has_one_error_case_per_file() -> None:
    bad = CheckReport(diagnostics=(
        Diagnostic("x.yaml", 3, 1, ("days",), "must be at least 1"),
        Diagnostic("x.yaml", 4, 1, ("name",), "missing"),
        Diagnostic("missing/", 0, 0, (), "no such file or directory"),
    ))
    assert bad.exit_code == 2
    root = ET.fromstring(junit_xml(bad))
    assert (root.get("tests"), root.get("errors"), root.get("failures")) == ("2", "2", "0")
    first = root.find("testsuite")
    assert first is not None and first.get("name") == "x.yaml"
    (error,) = first.findall("testcase/error")  # one failing testcase per file, every problem in it
    assert error.get("message") == "x.yaml:3:1: days: must be at least 1 (and 1 more problem(s))"
    assert (error.text or "").splitlines() == ["x.yaml:3:1: days: must be at least 1", "x.yaml:4:1: name: missing"]


def test_json_document_shape() -> None:
    doc = json.loads(json_text(REPORT))
    assert doc == json_document(REPORT) | {"seconds": 3.0}
    assert doc["ok"] is False and doc["exit_code"] == 1 and doc["schema_version"] == 1
    assert doc["summary"] == {
        "scenarios": 4, "expectations": 4, "expectations_failed": 1, "baseline_kpis": 3, "baseline_failed": 1,
        "skipped": 1, "errors": 1, "warnings": 1, "diagnostics": 0,
    }
    first = doc["scenarios"][0]
    assert set(first) == {"path", "name", "sha256", "seed", "replications", "days", "seconds", "ok", "notes", "verdicts"}
    assert first["verdicts"][1] | {"details": {}} == {
        "kind": "expectation", "name": "expectation conversion", "kpi": "conversion", "group": "g", "line": 13,
        "col": 5, "status": "fail", "message": 'mean 0.6 is above 0.4 \x01 "quoted" <tag>', "warning": None,
        "details": {},
    }
