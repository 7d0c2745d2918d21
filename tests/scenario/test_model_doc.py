"""docs/model.md's parameter tables agree with the presets, cell by cell, and list every one.

The tables are written for reading (grouped by submodel), so they cannot be generated wholesale
like docs/scenario-reference.md; instead every cell that names a parameter is parsed and checked
against :data:`simgroup.scenario.presets.PARAMETER_INFO`, so a changed preset fails here until the
page says the same.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from simgroup.scenario.parameter_info import Param, Record
from simgroup.scenario.presets import PARAMETER_INFO

DOC = Path(__file__).resolve().parents[2] / "docs" / "model.md"
_CELL = re.compile(r"^(?P<value>[-+0-9.e]+|true|false)(?: \((?P<low>[-+0-9.e]+)–(?P<high>[-+0-9.e]+)\))?(?: (?P<grade>[A-Z]+))?$")


def _tables(text: str) -> list[list[list[str]]]:
    """The page's tables, each a list of rows (the header first), each row a list of cells."""
    tables: list[list[list[str]]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append([c.strip() for c in line.strip().strip("|").split("|")])
        previous = line
    return tables


def _cells() -> dict[str, list[tuple[str, str | None, str | None, str | None]]]:
    """Every parameter cell of the page: path → [(value, low, high, grade)] (a path may appear in
    several submodels' tables)."""
    found: dict[str, list[tuple[str, str | None, str | None, str | None]]] = {}
    rows = [(table[0], row) for table in _tables(DOC.read_text(encoding="utf-8")) for row in table[1:]]
    for header, row in rows:
        first = row[0].strip("`")
        if header[0] == "key path" and len(row) == 4 and row[0].startswith("`"):
            low, _, high = row[2].partition("–")
            found.setdefault(first, []).append((row[1], low or None, high or None, row[3]))
        elif header[0].strip("`").endswith("."):
            prefix = header[0].strip("`")
            for column, cell in zip(header[1:], row[1:]):
                m = _CELL.match(cell)
                if m is None:
                    continue
                if "<name>" in prefix:  # rows are keys, columns are names
                    path = prefix.replace("<name>.", f"{column.strip('`')}.") + first
                else:  # rows are names, columns are keys
                    path = re.sub(r"<\w+>\.", f"{first}.", prefix) + column.strip("`")
                found.setdefault(path, []).append((m["value"], m["low"], m["high"], m["grade"]))
    return found


def _same(text: str, value: object) -> bool:
    if isinstance(value, bool):
        return text == str(value).lower()
    try:
        return math.isclose(float(text), float(value), rel_tol=1e-9, abs_tol=1e-12)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def test_every_parameter_cell_matches_its_preset() -> None:
    problems = []
    for path, cells in _cells().items():
        record: Record | None = PARAMETER_INFO.get(path)
        if record is None:
            problems.append(f"{path}: not a preset")
            continue
        for value, low, high, grade in cells:
            if value in ("—",) or (not _same(value, record.value) and not isinstance(record.value, tuple)):
                problems.append(f"{path}: the page says {value}, the preset is {record.value}")
            if isinstance(record, Param) and low is not None and not (_same(low, record.low) and _same(high, record.high)):
                problems.append(f"{path}: the page says {low}–{high}, the preset range is {record.low}–{record.high}")
            if grade is not None and grade != record.grade:
                problems.append(f"{path}: the page says {grade}, the preset grade is {record.grade}")
    assert not problems, "\n".join(problems)


def test_every_numeric_preset_is_on_the_page() -> None:
    cells = _cells()
    missing = [path for path, record in PARAMETER_INFO.items()
               if isinstance(record, Param) and path not in cells]
    assert not missing, missing
