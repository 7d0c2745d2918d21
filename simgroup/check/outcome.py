"""The result of ``simgroup check``: plain records that every report format renders.

Contract:

* A :class:`Verdict` is one test case: one expectation of one scenario, or one KPI (scenario-wide
  or per group spec) compared with the baseline. ``status`` is ``"pass"``, ``"fail"`` or
  ``"skip"`` (could not be compared, e.g. fewer than 2 replications: never a failure, always
  said). A scenario whose simulation raised (a bug in simgroup, not in the file) gets one verdict
  of kind ``"run"`` with status ``"error"`` instead, so the other scenarios are still checked and
  the reports are still written. ``warning`` is set on a passing verdict that is fragile (a "knife edge") or that moved
  in a direction that ``--fail-on worse`` tolerates. ``line``/``col`` point at the expectation's
  entry in the file (1-based); for a baseline KPI at the group spec (or the top of the file).
* A :class:`ScenarioOutcome` holds one scenario's verdicts in file order (expectations first,
  then baseline KPIs), its ``notes`` (e.g. "the file changed since the baseline") and how it ran.
* :class:`CheckReport` is the whole run. :attr:`CheckReport.exit_code` is the command's exit
  code: 2 when there are ``diagnostics`` (bad input: of the whole check, and nothing was run; or
  of single scenarios, and the others ran), else 1 when any verdict
  failed or errored, else 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from simgroup.scenario.diagnostics import Diagnostic

Status = Literal["pass", "fail", "skip", "error"]
Kind = Literal["expectation", "baseline", "run"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


def kpi_label(kpi: str, group: str | None) -> str:
    """``kpi`` or ``kpi[group]``: how reports and test-case names show a KPI of one scope."""
    return kpi if group is None else f"{kpi}[{group}]"


@dataclass(frozen=True)
class Verdict:
    """One test case (see the module docstring)."""

    kind: Kind
    kpi: str
    group: str | None
    status: Status
    message: str
    line: int
    col: int
    name: str  # the test case's name in JUnit, e.g. "expect[0] conversion[content] between [0.3, 0.45]"
    warning: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """``kpi`` or ``kpi[group]``: how reports name the quantity (:func:`kpi_label`)."""
        return kpi_label(self.kpi, self.group)


@dataclass(frozen=True)
class ScenarioOutcome:
    """One scenario's verdicts and how it was run (``replications`` etc. are ``None`` when the
    scenario was not run because it has nothing to check)."""

    path: str
    name: str
    sha256: str
    verdicts: tuple[Verdict, ...]
    notes: tuple[str, ...] = ()
    seed: int | None = None
    replications: int | None = None
    days: int | None = None
    seconds: float = 0.0

    def count(self, status: Status, kind: Kind | None = None) -> int:
        return sum(1 for v in self.verdicts if v.status == status and (kind is None or v.kind == kind))

    def total(self, kind: Kind | None = None) -> int:
        return sum(1 for v in self.verdicts if kind is None or v.kind == kind)

    @property
    def failed(self) -> bool:
        return any(v.status in ("fail", "error") for v in self.verdicts)


@dataclass(frozen=True)
class CheckReport:
    """Everything one ``simgroup check`` found."""

    scenarios: tuple[ScenarioOutcome, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    notes: tuple[str, ...] = ()  # about the run as a whole (e.g. "baseline written to ...")
    seconds: float = 0.0
    #: What failed for the run as a whole, not for one scenario ("cannot write PATH: reason").
    errors: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        if self.diagnostics:
            return EXIT_BAD_INPUT
        if self.errors or any(s.failed for s in self.scenarios):
            return EXIT_FAILED
        return EXIT_OK

    def verdicts(self) -> list[Verdict]:
        return [v for s in self.scenarios for v in s.verdicts]
