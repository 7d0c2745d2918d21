"""The work budget of one replication: everything a run creates as it goes is counted and capped.

Validation bounds what a scenario *asks for* up front (channels and initial members, see
:data:`~simgroup.scenario.vocabulary.MAX_EXPECTED_MEMBERS`), but an SOP can create work while it
runs: ``{every: day, do: create_group}`` in a group's own SOP doubles the groups every day (25
days: a quarter of a million groups and 300 MB; 30 days: 3 GB); kicking every joiner while
creating a group on every leave makes millions of joins in a simulated day. Such a run must stop
with a message, not run until the machine gives up.

Contract
--------
:class:`WorkBudget` counts, per replication, member rows (every join, move and re-join is a new
row), groups created beyond the scenario's initial ones, SOP tasks scheduled and event-log records; the first count to
pass its limit raises :class:`WorkLimitExceeded`, naming the limit and the SOP step that was
running (``sops.NAME.INDEX``), or none when the work came from channels. Each check is one
integer comparison per batch (a join of many members, one task), never per member.

The limits are far above what a real private-domain operation does (WeCom caps a live code at 5
groups of 200 joins by QR; a big brand runs a few thousand groups), and low enough that one
replication stays within a few GiB (about 1 KiB per member row).
"""

from __future__ import annotations

from simgroup.errors import SimgroupError

#: Member rows one replication may create: every join, move (migrate) and re-join is a row.
#: 1.5 x the validated 2,000,000 expected members leaves room for fission and moves.
MAX_MEMBER_ROWS = 3_000_000
#: Groups one replication may create beyond its initial groups (live codes opening groups, create_group, migrate).
#: 2,000,000 members in groups of 200 are 10,000 groups; twice that is the cap.
MAX_CREATED_GROUPS = 20_000
#: SOP tasks one replication may schedule (each costs an operator task, a timer and its action).
MAX_SOP_TASKS = 10_000_000
#: Records one replication may add to its event log (``run --out``, playback): ~0.5 KiB each.
MAX_LOGGED_EVENTS = 10_000_000

#: What to change, per limit.
_ADVICE = {
    "member rows": "lower per_day, add_rate or fission offspring, or stop a step that removes members who then "
    "join again",
    "created groups": "a step that creates groups whose own SOP creates groups again grows without bound: create "
    "groups from a spec whose SOP does not create groups, or only on one day",
    "SOP tasks": "fewer steps that fire on every member event, or fewer days",
    "event-log records": "run without --out, or with fewer days or members",
}


class WorkLimitExceeded(SimgroupError):
    """One replication passed a limit of :class:`WorkBudget`.

    ``what`` names the count (``"created groups"``), ``limit`` its cap, ``step`` the SOP step
    that was running as ``(sop name, index)`` or None. Picklable (it crosses process pools).
    """

    def __init__(self, what: str, limit: int, step: tuple[str, int] | None = None) -> None:
        super().__init__(what, limit, step)
        self.what = what
        self.limit = limit
        self.step = step
        #: Which task of a batch raised it (set by the experiment layer, to find the job's file).
        self.task: int | None = None

    @property
    def path(self) -> tuple[str | int, ...]:
        """The key path of the step in the scenario (``("sops", name, index)``), or ``()``."""
        return () if self.step is None else ("sops", self.step[0], self.step[1])

    @property
    def message(self) -> str:
        """One line: the limit, where it was passed and what to change."""
        where = f"while running step {self.step[0]}[{self.step[1]}]" if self.step else "from the channels"
        return (
            f"the run passed the limit of {self.limit:,} {self.what} per replication {where}; "
            f"{_ADVICE.get(self.what, 'make the scenario smaller')}"
        )

    def __str__(self) -> str:
        return self.message


class WorkBudget:
    """The counts of one replication against their limits (see the module docstring).

    ``step`` is the SOP step being executed, ``"sop.index"`` as the SOP runner labels tasks, set
    by whoever runs a step so that anything it creates is charged to it.
    """

    __slots__ = ("events", "groups", "rows", "step", "tasks")

    def __init__(self, initial_groups: int = 0) -> None:
        self.rows = 0
        self.groups = -initial_groups  # the scenario's initial groups are not created by the run
        self.tasks = 0
        self.events = 0
        self.step: str | None = None

    def add_rows(self, n: int) -> None:
        self.rows += n
        if self.rows > MAX_MEMBER_ROWS:
            self._exceeded("member rows", MAX_MEMBER_ROWS)

    def add_group(self) -> None:
        self.groups += 1
        if self.groups > MAX_CREATED_GROUPS:
            self._exceeded("created groups", MAX_CREATED_GROUPS)

    def add_task(self, label: str) -> None:
        self.tasks += 1
        if self.tasks > MAX_SOP_TASKS:
            self._exceeded("SOP tasks", MAX_SOP_TASKS, label)

    def add_event(self) -> None:
        self.events += 1
        if self.events > MAX_LOGGED_EVENTS:
            self._exceeded("event-log records", MAX_LOGGED_EVENTS)

    def _exceeded(self, what: str, limit: int, label: str | None = None) -> None:
        label = label or self.step
        step = None
        if label is not None:
            name, _, index = label.rpartition(".")
            step = (name, int(index)) if index.isdigit() else None
        raise WorkLimitExceeded(what, limit, step)
