"""A seeded fuzz test of scenario validation: a thousand mutants of real scenario files.

The mutants (``_mutants.py``) start from the bundled scenarios and ``tests/scenario/good_full.yaml``:
lines deleted, duplicated, swapped and re-indented; YAML tags, anchors, aliases, control
characters, newlines inside quoted values, huge and non-finite numbers and unicode inserted; files
truncated; values of the parsed tree replaced and the tree dumped back. For every mutant,
:func:`~simgroup.scenario.loader.validate_text` either finds nothing, or every diagnostic sits at a
real ``file:line:col`` (the line and column an editor shows) and formats as one line; nothing but
diagnostics comes out (no exception, no "internal error"). A sample goes through
``simgroup validate`` as well: exit 2 and one ``path:line:col: ...`` line per diagnostic.

Budget: about 5 s on two cores (validation takes about 3 ms a mutant).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from simgroup.scenario import validate_text
from simgroup.scenario.diagnostics import Diagnostic
from simgroup.scenario.loader import validate_file
from tests.reliability._mutants import TEXT_MUTATIONS, Mutant, mutants
from tests.reliability._proc import cli

SEED = 20_240_601
COUNT = 1_000
CLI_SAMPLE = 20
NAME = "mutant.yaml"

# Editors end lines at \r\n, \r and \n only (YAML also at U+0085, U+2028 and U+2029).
LINE_END = re.compile(r"\r\n|\r|\n")
TRACEBACK = re.compile(r"Traceback|^\s+File \"", re.MULTILINE)


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    diagnostics: tuple[Diagnostic, ...]
    crash: BaseException | None


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    out: list[Outcome] = []
    for mutant in mutants(SEED, COUNT):
        try:
            diagnostics = tuple(validate_text(mutant.text, NAME))
        except Exception as exc:
            out.append(Outcome(mutant, (), exc))
        else:
            out.append(Outcome(mutant, diagnostics, None))
    return out


def _problems_with(d: Diagnostic, lines: list[str]) -> str | None:
    """Why ``d`` is not a located one-line diagnostic of a file with ``lines``, or None."""
    text = d.format()
    if text.splitlines() != [text]:
        return "not one line"
    if d.file != NAME:
        return "wrong file name"
    if not (1 <= d.line <= len(lines) + 1 and d.col >= 1):
        return f"no real position (the file has {len(lines)} lines)"
    if d.line <= len(lines) and d.col > len(lines[d.line - 1]) + 1:
        return f"column past the end of line {d.line} ({len(lines[d.line - 1])} characters)"
    if not text.startswith(f"{NAME}:{d.line}:{d.col}: ") or "internal error" in text:
        return "not 'file:line:col: ...'"
    return None


def test_every_mutant_validates_or_gives_located_one_line_diagnostics(outcomes: list[Outcome]) -> None:
    crashes = [
        f"{o.mutant.name}: {type(o.crash).__name__}: {o.crash}"
        for o in outcomes
        if o.crash is not None
    ]
    assert not crashes, f"{len(crashes)} mutants crashed validation:\n" + "\n".join(crashes[:20])
    bad: list[str] = []
    for o in outcomes:
        lines = LINE_END.split(o.mutant.text)
        for d in o.diagnostics:
            problem = _problems_with(d, lines)
            if problem is not None:
                bad.append(f"{o.mutant.name}: {problem}: {d.format()!r}")
    assert not bad, f"{len(bad)} diagnostics are not located one-liners:\n" + "\n".join(bad[:20])


def test_the_fuzzer_reaches_the_diagnostics(outcomes: list[Outcome]) -> None:
    """Honesty check: the mutants are mostly refused (so the test above checked many
    diagnostics), every kind of mutation was applied, and the set is the seeded one."""
    diagnosed = [o for o in outcomes if o.diagnostics]
    assert len(outcomes) == COUNT
    assert len(diagnosed) >= COUNT // 2, len(diagnosed)
    assert sum(len(o.diagnostics) for o in diagnosed) >= COUNT
    applied = Counter(kind for o in outcomes for kind in o.mutant.name.split("-", 2)[2].split("+"))
    assert set(TEXT_MUTATIONS) <= set(applied), applied
    assert any(kind.startswith(("set:", "delete:", "rename:")) for kind in applied), applied
    tagged = [o for o in diagnosed if any("the tag !" in d.message for d in o.diagnostics)]
    assert tagged, "no mutant reached the tag diagnostics"
    assert [o.mutant.name for o in outcomes[:3]] == [m.name for m in mutants(SEED, 3)]  # deterministic


def test_a_sample_through_simgroup_validate(outcomes: list[Outcome], tmp_path: Path) -> None:
    diagnosed = [o for o in outcomes if o.diagnostics and o.crash is None]
    clean = [o for o in outcomes if not o.diagnostics and o.crash is None]
    sample = diagnosed[:: max(1, len(diagnosed) // CLI_SAMPLE)][:CLI_SAMPLE] + clean[:2]
    for i, o in enumerate(sample):
        path = tmp_path / f"m{i}.yaml"
        path.write_text(o.mutant.text, encoding="utf-8", newline="")  # keep \r as it is
        expected = validate_file(path)
        code, out, err, exc = cli("validate", str(path))
        assert exc is None, (o.mutant.name, exc)
        assert not TRACEBACK.search(err) and "internal error" not in err, (o.mutant.name, err)
        if not expected:
            assert (code, out, err) == (0, f"{path}: ok\n", ""), o.mutant.name
            continue
        assert code == 2 and out == "", (o.mutant.name, code, out)
        assert err.splitlines() == [d.format() for d in expected], o.mutant.name
        located = re.compile(rf"^{re.escape(str(path))}:\d+:\d+: \S")
        assert all(located.match(line) for line in err.splitlines()), (o.mutant.name, err)


def test_a_duration_of_a_huge_integer_never_ends_and_does_not_crash() -> None:
    text = (
        "simgroup: 1\nname: t\ndays: 7\nproducts: [{id: p, price: 5}]\n"
        "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n"
        f"    - {{day: 1, do: coupon, product: p, lasts: {'9' * 400}}}\n"
    )
    # a duration too long for a float is one that never ends, like .inf: valid, no OverflowError
    assert validate_text(text, NAME) == []
