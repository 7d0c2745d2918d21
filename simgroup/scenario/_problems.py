"""Validation problems that know where they are, so diagnostics can point at the right key.

Raised (as ``ValueError`` subclasses) from model validators; pydantic keeps the original exception
in the error's ``ctx['error']``, and :mod:`simgroup.scenario.diagnostics` joins ``path`` to the
error's location.
"""

from __future__ import annotations

from simgroup.errors import SimgroupError


class ReferenceProblem(SimgroupError, ValueError):
    """A reference to something the scenario does not define; carries the key path for diagnostics.

    ``path`` is relative to the model whose validator raised it; ``known`` lists the names that
    would have been valid (used for "did you mean"); ``also`` holds further problems found by the
    same validator, so that one run reports them all.
    """

    def __init__(
        self,
        path: tuple[str | int, ...],
        what: str,
        name: str,
        known: set[str],
        message: str | None = None,
    ) -> None:
        self.path = path
        self.what = what
        self.known = sorted(known)
        self.name = name
        self.also: list[ReferenceProblem] = []
        if message is None:
            listing = ", ".join(self.known) if self.known else "none are defined"
            message = f"unknown {what} {name!r} (defined: {listing})"
        super().__init__(message)


def raise_all(problems: list[ReferenceProblem]) -> None:
    """Raise the first problem, carrying the others in ``also`` (no-op when there are none)."""
    if problems:
        first = problems[0]
        first.also = problems[1:]
        raise first
