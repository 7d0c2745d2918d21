from __future__ import annotations

import math

from simgroup.kpis import KPI_NAMES, KPI_VIEWS
from simgroup.results.report import RunResult
from simgroup.results.stats import Summary
from simgroup.results.text import formatter, kpi_rows, run_report
from tests.results._factories import record, scenario_with


def test_values_are_formatted_by_kind() -> None:
    assert formatter("retention_12h")(0.3214) == "32.1%"
    assert formatter("order_rate_daily")(0.01234) == "1.23%"
    assert formatter("profit")(-12345.678) == "-12,345.68"
    assert formatter("roi")(1.2345) == "1.23"
    assert formatter("joined")(1523.44) == "1,523.4"


def test_rows_mark_god_view_and_undefined_values() -> None:
    rows = kpi_rows(
        {
            "muted_share": Summary(0.8, 0.1, (0.75, 0.85), 5),
            "gmv": Summary(10.0, math.nan, (math.nan, math.nan), 1),
            "retention_d7": Summary(math.nan, math.nan, (math.nan, math.nan), 0),
        }
    )
    assert rows == [
        ("muted_share *", "80.0%", "[75.0%, 85.0%]", "5"),
        ("gmv", "10.00", "n/a", "1"),
        ("retention_d7", "n/a", "n/a", "0"),
    ]


def test_report_has_a_scenario_block_and_one_per_group_spec() -> None:
    run = RunResult.from_replications(scenario_with(), "s.yaml", [record(0), record(1)], 3, 3, "0" * 64)
    text = run_report(run)
    lines = text.splitlines()
    assert lines[0] == "测试 scenario (s.yaml)"
    assert "Scenario" in lines and "Group spec: traffic" in lines and "Group spec: content" in lines
    assert lines.index("Group spec: traffic") < lines.index("Group spec: content")
    first_table = lines[lines.index("Scenario") + 1 : lines.index("Group spec: traffic") - 1]
    assert len(first_table) == 1 + len(KPI_NAMES)
    for name, line in zip(KPI_NAMES, first_table[1:]):
        assert line.split()[0] == name
        assert (" * " in line) == (KPI_VIEWS[name] == "god-view")
    assert any(line.startswith("* god-view") for line in lines)
