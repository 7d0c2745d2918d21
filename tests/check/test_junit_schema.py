"""Every JUnit report ``simgroup check --junit`` writes is valid under the JUnit dialect Jenkins'
xUnit plugin accepts (stated in tests/check/data/junit-jenkins.xsd, see its README): passing, failing, skipped and crashed verdicts,
bad input alone, and bad input beside scenarios that ran, including text XML 1.0 forbids."""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlschema

from simgroup.check.outcome import CheckReport, ScenarioOutcome, Verdict
from simgroup.check.reports import junit_xml
from simgroup.check.runner import check
from simgroup.scenario.diagnostics import Diagnostic
from tests._fake_engine import install

XSD = Path(__file__).resolve().parent / "data" / "junit-jenkins.xsd"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(XSD)


def _verdict(status: str, kind: str = "expectation", **more: object) -> Verdict:
    fields: dict[str, object] = {
        "kind": kind, "kpi": "profit", "group": None, "status": status, "line": 9, "col": 5,
        "name": f"expect[0] profit {status}", "message": f"{status} \x01 <&> \"quoted\" 流量",
    }
    fields.update(more)
    return Verdict(**fields)  # type: ignore[arg-type]


def _outcome(path: str, *verdicts: Verdict, **more: object) -> ScenarioOutcome:
    return ScenarioOutcome(path=path, name="n & <m>", sha256="0" * 64, verdicts=verdicts, seed=1, replications=3,
                           days=4, seconds=1.25, **more)  # type: ignore[arg-type]


REPORTS = {
    "empty": CheckReport(),
    "mixed": CheckReport(
        scenarios=(
            _outcome("sc/a.yaml", _verdict("pass"), _verdict("fail"), _verdict("skip", "baseline"),
                     _verdict("pass", warning="knife edge"), notes=("a note",)),
            _outcome("sc/b.yaml", _verdict("error", "run", name="run")),
            _outcome("sc/c.yaml"),
        ),
        notes=("baseline written",), errors=("cannot write x",), seconds=2.5,
    ),
    "bad_input_only": CheckReport(diagnostics=(
        Diagnostic("x.yaml", 3, 1, ("days",), "must be at least 1"),
        Diagnostic("x.yaml", 4, 1, ("name",), "missing \x02"),
        Diagnostic("missing/", 0, 0, (), "no such file or directory"),
    )),
    "bad_input_beside_runs": CheckReport(
        scenarios=(_outcome("sc/a.yaml", _verdict("pass")),),
        diagnostics=(Diagnostic("sc/b.yaml", 2, 7, ("days",), "must be at least 1"),),
    ),
}


@pytest.mark.parametrize("name", list(REPORTS))
def test_junit_reports_are_valid_under_junit_10_xsd(schema: xmlschema.XMLSchema, name: str) -> None:
    text = junit_xml(REPORTS[name])
    errors = [str(e.reason) for e in schema.iter_errors(text)]
    assert errors == [], errors[:3]


def test_a_real_check_with_a_bad_file_is_valid_too(
    tmp_path: Path, schema: xmlschema.XMLSchema, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch)
    (tmp_path / "good.yaml").write_text(
        "simgroup: 1\nname: g\ndays: 4\nreplications: 3\ngroups: [{id: g, type: traffic}]\n"
        "expect: [{kpi: joined, at_least: 0}, {kpi: joined, at_most: -1}]\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("simgroup: 1\nname: x\ndays: 0\ngroups: []\n", encoding="utf-8")
    report = check([tmp_path])
    assert report.exit_code == 2 and len(report.scenarios) == 1
    schema.validate(junit_xml(report))
