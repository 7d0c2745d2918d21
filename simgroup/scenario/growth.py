"""SOPs that create groups without bound, found before anything runs.

A new group runs its spec's SOP from its first minute. So when a ``create_group`` step creates
groups of a spec whose SOP (directly, or through other specs) creates groups of the first spec
again, the groups form a family that reproduces. That is harmless when every group of the family
has exactly one child, once (a chain: one group after another); it explodes when a group can
have two or more: ``{every: day, do: create_group}`` in the spec's own SOP doubles the groups
every day, and ``{on: member_leave, do: create_group}`` next to ``{on: member_join, do: kick}``
turns every join into a new group, whose initial members join and are kicked in turn.

Contract: :func:`explosive_steps` returns, for a valid :class:`~simgroup.scenario.models.Scenario`,
one ``(key path, message)`` per ``create_group`` step that makes such a family grow, where:

* the specs are the nodes of a graph with an edge per ``create_group`` step, from the spec whose
  SOP holds it to the spec it creates (its own when ``to`` is omitted);
* a family is a strongly connected set of specs (with at least one edge inside it);
* it grows when an edge inside it can fire more than once per group (``every``, ``from:
  member``, an ``on:`` event other than ``member_count``, a ``day:`` list of several days) or
  when one spec of it has two or more edges inside it.

The run itself is also bounded (:mod:`simgroup.engine.budget`); this check says it up front, at
the step, with what to change.
"""

from __future__ import annotations

from collections.abc import Sequence

from simgroup.scenario.models import Scenario, SopStep

KeyPath = tuple[str | int, ...]


def _firings_per_group(step: SopStep) -> int | None:
    """How many times the step fires per group: a number, or None for "any number"."""
    if step.on is not None:
        return 1 if step.on == "member_count" else None
    if step.anchor == "member" or step.every is not None:
        return None
    if isinstance(step.day, list):
        return len(set(step.day))
    return 1


def explosive_steps(scenario: Scenario) -> list[tuple[KeyPath, str]]:
    """The ``create_group`` steps that make the number of groups grow without bound (see the
    module docstring), with a one-line message each; empty for a scenario without them."""
    spec_ids = [g.id for g in scenario.groups]
    index = {gid: i for i, gid in enumerate(spec_ids)}
    # (from spec, to spec, sop name, step index, firings per group)
    edges: list[tuple[int, int, str, int, int | None]] = []
    for i, spec in enumerate(scenario.groups):
        if not spec.sop:
            continue
        for k, step in enumerate(scenario.sops.get(spec.sop, [])):
            if step.do == "create_group":
                target = index.get(step.to, i) if step.to is not None else i
                edges.append((i, target, spec.sop, k, _firings_per_group(step)))
    component = _strongly_connected(len(spec_ids), [(a, b) for a, b, *_ in edges])
    inside = [e for e in edges if component[e[0]] == component[e[1]]]
    seen: set[KeyPath] = set()
    found: list[tuple[KeyPath, str]] = []
    for a, b, sop, k, firings in inside:
        siblings = sum(1 if f is None else f for x, _, _, _, f in inside if x == a)
        if firings is not None and siblings < 2:
            continue
        path: KeyPath = ("sops", sop, k)
        if path in seen:  # one SOP shared by several specs
            continue
        seen.add(path)
        target_id = spec_ids[b]
        loop = "its own spec" if a == b else f"spec {target_id!r}, whose SOP creates groups of {spec_ids[a]!r} again"
        how = "it fires again and again in every group" if firings is None else "each group creates two or more"
        message = (
            f"this step creates groups of {loop}, and {how}: the number of groups grows without bound; "
            "create groups from a spec whose SOP does not create groups, or only once per group (day: N)"
        )
        found.append((path, message))
    return found


def _strongly_connected(n: int, edges: Sequence[tuple[int, int]]) -> list[int]:
    """Component number of each node (Kosaraju, without recursion). ``scipy.sparse.csgraph``
    does this too, but importing it costs a quarter of a second on every ``validate``, for a
    graph of at most a few hundred specs."""
    forward: list[list[int]] = [[] for _ in range(n)]
    backward: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        forward[a].append(b)
        backward[b].append(a)
    order: list[int] = []
    visited = [False] * n
    for root in range(n):
        if visited[root]:
            continue
        visited[root] = True
        stack: list[tuple[int, int]] = [(root, 0)]
        while stack:
            node, i = stack.pop()
            if i < len(forward[node]):
                stack.append((node, i + 1))
                nxt = forward[node][i]
                if not visited[nxt]:
                    visited[nxt] = True
                    stack.append((nxt, 0))
            else:
                order.append(node)
    component = [-1] * n
    label = 0
    for root in reversed(order):
        if component[root] != -1:
            continue
        component[root] = label
        todo = [root]
        while todo:
            node = todo.pop()
            for prev in backward[node]:
                if component[prev] == -1:
                    component[prev] = label
                    todo.append(prev)
        label += 1
    return component
