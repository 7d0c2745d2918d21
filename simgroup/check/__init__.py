"""CI regression: ``simgroup check`` (rules and formats in docs/check.md).

Small modules, each with its contract in its docstring:

* :mod:`~simgroup.check.expectations` evaluates one ``expect:`` entry (the pass rules);
* :mod:`~simgroup.check.baseline` stores runs and compares new runs with them;
* :mod:`~simgroup.check.runner` loads, runs and checks every scenario under some paths;
* :mod:`~simgroup.check.reports` renders the result as text, GitHub annotations, JUnit or JSON;

The core never imports Textual or rich; the CLI (:mod:`simgroup.cli.check`) is a thin layer.
"""

from __future__ import annotations

from simgroup.check.outcome import CheckReport, ScenarioOutcome, Verdict
from simgroup.check.runner import CheckOptions, check

__all__ = ["CheckOptions", "CheckReport", "ScenarioOutcome", "Verdict", "check"]
