"""Render a :class:`~simgroup.check.outcome.CheckReport`: text, GitHub annotations, JUnit XML, JSON.

Contracts:

* **Text** (:func:`text_lines`): bad input first (its diagnostics), then one line per failure or warning,
  ``path:line:col: kpi[group]: message`` (warnings say ``warning:`` after the KPI), the format
  compilers use, so editors and CI log parsers link it to the expectation's line; ``verbose``
  adds passing and skipped verdicts (``ok:`` / ``skipped:``). Then per scenario
  ``path: note: ...`` lines and one summary line, ``simgroup check: error: ...`` for what failed
  for the run as a whole (a baseline that could not be written), and a final total. After bad
  input a last line counts it (``simgroup check: bad input (...)``); the scenarios without bad
  input still have their lines when they ran.
* **GitHub** (:func:`github_lines`): workflow commands (:func:`github_annotations`), then the text
  lines: ``::error file=P,line=L,col=C,title=T::message`` for failures and bad input, ``::warning`` for
  warnings and ``::notice`` for notes, escaped as the Actions toolkit does (``%``, CR, LF in the
  message; also ``:`` and ``,`` in properties). Paths are as given: run from the repository root.
* **JUnit** (:func:`junit_xml`): ``<testsuites>`` with one ``<testsuite>`` per scenario (name =
  its path) and one ``<testcase>`` per verdict (``<failure>`` / ``<skipped>``, or ``<error>`` for
  a scenario whose simulation crashed); ``tests``, ``failures``, ``errors``, ``skipped`` counted
  from the verdicts on each ``<testsuite>``, and on ``<testsuites>`` the totals of tests, failures
  and errors. Bad input: one testsuite per file with problems holding one failing
  ``<testcase name="validate">``: an ``<error type="bad input">`` with the first diagnostic as
  its message and all of them as its text, beside the suites of the scenarios that ran. Only
  the elements and attributes of Jenkins' ``junit-10.xsd`` are used (a test validates against
  our statement of that dialect, tests/check/data/junit-jenkins.xsd). Characters XML 1.0 forbids are dropped; ElementTree escapes the rest, so the file is
  always well-formed.
* **JSON** (:func:`json_document`): ``{"schema_version": 1, "simgroup_version", "ok", "exit_code",
  "summary": {...counts...}, "scenarios": [...], "diagnostics": [...], "notes": [...],
  "errors": [...]}``; NaN is
  ``null``. Timings are the only fields that differ between two identical checks.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from simgroup._version import __version__
from simgroup.check.outcome import CheckReport, ScenarioOutcome, Verdict
from simgroup.check.text_zh import translate_line
from simgroup.i18n import get_language
from simgroup.results import json_format
from simgroup.scenario.diagnostics import Diagnostic

JSON_SCHEMA_VERSION = 1


# --------------------------------------------------------------------------- text


def verdict_line(path: str, v: Verdict) -> str:
    """``path:line:col: kpi[group]: message`` (``warning:`` / ``ok:`` / ``skipped:`` prefixed)."""
    if v.status == "fail":
        text = v.message
    elif v.status == "error":
        text = f"error: {v.message}"
    elif v.status == "skip":
        text = f"skipped: {v.message}"
    elif v.warning:
        text = f"warning: {v.warning}"
    else:
        text = f"ok: {v.message}"
    prefix = "baseline " if v.kind == "baseline" else ""
    return f"{path}:{v.line}:{v.col}: {prefix}{v.label}: {text}"


def _summary(s: ScenarioOutcome) -> str:
    parts = []
    n_exp = s.total("expectation")
    if n_exp:
        parts.append(f"{n_exp - s.count('fail', 'expectation')}/{n_exp} expectations met")
    n_base = s.total("baseline")
    if n_base:
        text = f"{n_base - s.count('fail', 'baseline') - s.count('skip', 'baseline')}/{n_base} baseline KPIs passed"
        skipped = s.count("skip", "baseline")
        parts.append(text + (f" ({skipped} skipped)" if skipped else ""))
    if s.count("error"):
        parts.append("the simulation crashed")
    elif not parts:
        parts.append("nothing to check")
    if s.replications is not None:
        parts.append(f"seed {s.seed}, {s.replications} replications, {s.days} days, {s.seconds:.1f} s")
    verdict = "FAILED" if s.failed else "ok"
    return f"{s.path}: {verdict}: " + "; ".join(parts)


def _counts(report: CheckReport) -> dict[str, int]:
    vs = report.verdicts()
    exp = [v for v in vs if v.kind == "expectation"]
    base = [v for v in vs if v.kind == "baseline"]
    return {
        "scenarios": len(report.scenarios),
        "expectations": len(exp),
        "expectations_failed": sum(v.status == "fail" for v in exp),
        "baseline_kpis": len(base),
        "baseline_failed": sum(v.status == "fail" for v in base),
        "skipped": sum(v.status == "skip" for v in vs),
        "errors": sum(v.status == "error" for v in vs),
        "warnings": sum(v.warning is not None for v in vs),
        "diagnostics": len(report.diagnostics),
    }


def text_lines(report: CheckReport, *, verbose: bool = False) -> list[str]:
    """The plain-text report (see the module docstring): :func:`diagnostic_lines`, then
    :func:`outcome_lines` when scenarios ran, then :func:`bad_input_line` after bad input."""
    lines = diagnostic_lines(report) + outcome_lines(report, verbose=verbose)
    return lines + ([bad_input_line(report)] if report.diagnostics else [])


def diagnostic_lines(report: CheckReport) -> list[str]:
    """One ``file:line:col: key.path: message`` line per bad-input diagnostic."""
    return [d.format() for d in report.diagnostics]


def bad_input_line(report: CheckReport) -> str:
    """``simgroup check: bad input (N problem(s) in M file(s))``, saying whether anything ran (in
    the process's language, like every line a person reads)."""
    files = len({d.file for d in report.diagnostics})
    ran = f"; the other {len(report.scenarios)} scenario(s) ran" if report.scenarios else "; nothing was run"
    return _said(f"simgroup check: bad input ({len(report.diagnostics)} problem(s) in {files} file(s)){ran}")


def _said(line: str) -> str:
    """A report line in the process's language: the verdicts are judged in English (the JUnit and
    JSON reports carry them for programs); the text a person reads is translated here."""
    return translate_line(line) if get_language() == "zh" else line


def outcome_lines(report: CheckReport, *, verbose: bool = False) -> list[str]:
    """The verdict lines, per-scenario summaries and the total (nothing when no scenario ran)."""
    if not report.scenarios and report.diagnostics:
        return []
    lines: list[str] = []
    for s in report.scenarios:
        for v in s.verdicts:
            if v.status in ("fail", "error") or v.warning or verbose:
                lines.append(verdict_line(s.path, v))
        lines.extend(f"{s.path}: note: {n}" for n in s.notes)
        lines.append(_summary(s))
    lines.extend(f"simgroup check: note: {n}" for n in report.notes)
    lines.extend(f"simgroup check: error: {e}" for e in report.errors)
    c = _counts(report)
    total = (
        f"simgroup check: {'FAILED' if report.exit_code else 'ok'}: {c['scenarios']} scenario(s), "
        f"{c['expectations'] - c['expectations_failed']}/{c['expectations']} expectations met"
    )
    if c["baseline_kpis"]:
        total += f", {c['baseline_failed']} of {c['baseline_kpis']} baseline KPIs moved"
    if c["warnings"]:
        total += f", {c['warnings']} warning(s)"
    lines.append(total + f" ({report.seconds:.1f} s)")
    return [_said(line) for line in lines]


# --------------------------------------------------------------------------- GitHub


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github_command(level: str, message: str, *, file: str | None = None, line: int = 0, col: int = 0,
                   title: str | None = None) -> str:
    """One workflow command, e.g. ``::error file=a.yaml,line=3,col=5,title=T::message``."""
    props = []
    if file is not None:
        props.append(f"file={_escape_property(file)}")
        if line > 0:
            props.append(f"line={line}")
            if col > 0:
                props.append(f"col={col}")
    if title:
        props.append(f"title={_escape_property(title)}")
    head = (f"::{level} " + ",".join(props)) if props else f"::{level}"
    return f"{head}::{_escape_data(message)}"


def github_annotations(report: CheckReport) -> list[str]:
    """The workflow commands alone: an ``::error`` per diagnostic and failure, ``::warning`` per
    warning, ``::notice`` per scenario note."""
    out: list[str] = []
    for d in report.diagnostics:
        msg = d.message + (f" (did you mean {d.suggestion!r}?)" if d.suggestion else "")
        where = d.dotted_path
        out.append(github_command("error", f"{where}: {msg}" if where else msg, file=d.file, line=d.line,
                                  col=d.col, title="simgroup check: bad input"))
    for s in report.scenarios:
        for v in s.verdicts:
            title = f"simgroup check: {'baseline ' if v.kind == 'baseline' else ''}{v.label}"
            if v.status in ("fail", "error"):
                out.append(github_command("error", v.message, file=s.path, line=v.line, col=v.col, title=title))
            elif v.warning:
                out.append(github_command("warning", v.warning, file=s.path, line=v.line, col=v.col, title=title))
        for n in s.notes:
            out.append(github_command("notice", n, file=s.path, title="simgroup check"))
    out.extend(github_command("error", e, title="simgroup check") for e in report.errors)
    return out


def github_lines(report: CheckReport, *, verbose: bool = False) -> list[str]:
    """Annotations for GitHub Actions followed by the plain-text report."""
    return github_annotations(report) + text_lines(report, verbose=verbose)


# --------------------------------------------------------------------------- JUnit

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
_XML_INVALID = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: str) -> str:
    return _XML_INVALID.sub("", s)


def _suite(parent: ET.Element, name: str, cases: list[ET.Element], *, failures: int, errors: int,
           skipped: int, seconds: float, properties: dict[str, str] | None = None) -> ET.Element:
    suite = ET.SubElement(parent, "testsuite", {
        "name": _x(name),
        "tests": str(len(cases)),
        "failures": str(failures),
        "errors": str(errors),
        "skipped": str(skipped),
        "time": f"{seconds:.3f}",
    })
    if properties:
        props = ET.SubElement(suite, "properties")
        for k, v in properties.items():
            ET.SubElement(props, "property", {"name": _x(k), "value": _x(v)})
    suite.extend(cases)
    return suite


def _classname(path: str) -> str:
    stem = re.sub(r"\.(ya?ml)$", "", path.replace("\\", "/"))
    return stem.strip("/").replace("/", ".") or path


def _case(s: ScenarioOutcome, v: Verdict) -> ET.Element:
    # junit-10.xsd allows name, time, classname and group on <testcase>: the place in the file
    # is in the failure's text (path:line:col), which CI pages show.
    case = ET.Element("testcase", {
        "classname": _x(_classname(s.path)),
        "name": _x(v.name),
        "time": "0",
    })
    if v.status in ("fail", "error"):
        tag = "failure" if v.status == "fail" else "error"
        failure = ET.SubElement(case, tag, {"message": _x(v.message), "type": v.kind})
        failure.text = _x(verdict_line(s.path, v))
    elif v.status == "skip":
        ET.SubElement(case, "skipped", {"message": _x(v.message)})
    else:
        out = ET.SubElement(case, "system-out")
        out.text = _x(verdict_line(s.path, v))
    return case


def junit_xml(report: CheckReport) -> str:
    """The JUnit XML document (see the module docstring)."""
    root = ET.Element("testsuites", {"name": "simgroup check"})
    total = failures = errors = skipped = 0
    if report.diagnostics:
        by_file: dict[str, list[Diagnostic]] = {}
        for d in report.diagnostics:
            by_file.setdefault(d.file, []).append(d)
        for file, ds in by_file.items():
            # one testcase per bad file, its first problem as the message and all of them as text
            case = ET.Element("testcase", {"classname": _x(_classname(file)), "name": "validate", "time": "0"})
            more = f" (and {len(ds) - 1} more problem(s))" if len(ds) > 1 else ""
            error = ET.SubElement(case, "error", {"message": _x(ds[0].format() + more), "type": "bad input"})
            error.text = _x("\n".join(d.format() for d in ds))
            _suite(root, file, [case], failures=0, errors=1, skipped=0, seconds=0.0)
            total, errors = total + 1, errors + 1
    for s in report.scenarios:
        cases = [_case(s, v) for v in s.verdicts]
        f, k, err = s.count("fail"), s.count("skip"), s.count("error")
        props = {"scenario": s.name, "sha256": s.sha256}
        if s.replications is not None:
            props.update({"seed": str(s.seed), "replications": str(s.replications), "days": str(s.days)})
        for i, n in enumerate(s.notes):
            props[f"note.{i}"] = n
        _suite(root, s.path, cases, failures=f, errors=err, skipped=k, seconds=s.seconds, properties=props)
        total, failures, skipped, errors = total + len(cases), failures + f, skipped + k, errors + err
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    # Jenkins' JUnit schema (junit-10.xsd; the dialect is stated in tests/check/data/junit-jenkins.xsd) allows only name, time, tests,
    # failures and errors on <testsuites>: the skipped counts are on each <testsuite>.
    root.set("time", f"{report.seconds:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- JSON


def _verdict_json(v: Verdict) -> dict[str, Any]:
    return {
        "kind": v.kind,
        "name": v.name,
        "kpi": v.kpi,
        "group": v.group,
        "line": v.line,
        "col": v.col,
        "status": v.status,
        "message": v.message,
        "warning": v.warning,
        "details": v.details,
    }


def json_document(report: CheckReport) -> dict[str, Any]:
    """The ``--json`` document (see the module docstring)."""
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "simgroup_version": __version__,
        "ok": report.exit_code == 0,
        "exit_code": report.exit_code,
        "summary": _counts(report),
        "seconds": report.seconds,
        "scenarios": [
            {
                "path": s.path,
                "name": s.name,
                "sha256": s.sha256,
                "seed": s.seed,
                "replications": s.replications,
                "days": s.days,
                "seconds": s.seconds,
                "ok": not s.failed,
                "notes": list(s.notes),
                "verdicts": [_verdict_json(v) for v in s.verdicts],
            }
            for s in report.scenarios
        ],
        "diagnostics": [d.to_dict() for d in report.diagnostics],
        "notes": list(report.notes),
        "errors": list(report.errors),
    }


def json_text(report: CheckReport) -> str:
    return json_format.dumps(json_document(report), indent=2) + "\n"
