"""``simgroup check`` in Chinese: verdicts, summaries and the total read in Chinese (paths, KPI
names and numbers as written), while JUnit and JSON stay English."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from simgroup.cli import main
from simgroup.kpis import KPI

ZH = Path(__file__).resolve().parents[2] / "scenarios" / "zh"

#: English prose words; a verdict line in Chinese has none left outside paths and names.
_PROSE_WORDS = ("the a is are of in and or but not mean below above within least most expected paired difference "
                "vs pairs better worse higher lower ok failed warning knife edge seed replications days scenario "
                "expectations met")
PROSE = frozenset(_PROSE_WORDS.split())


def _prose(line: str) -> set[str]:
    line = re.sub(r"\S*[/.]\S*|\[[^\]]*\]|`[^`]*`", "", line)
    return {w for w in re.findall(r"[A-Za-z_]+", line) if w.lower() in PROSE and w not in KPI}


def test_check_speaks_chinese_and_its_junit_stays_english(tmp_path: Path) -> None:
    text = (ZH / "content.yaml").read_text(encoding="utf-8")
    # one band that cannot hold, beside the file's own expectations (a pass and a better_than)
    text = text.replace("expect:\n", "expect:\n  - {kpi: messages, at_most: 1}\n", 1)
    (tmp_path / "content.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "content_plain.yaml").write_text((ZH / "content_plain.yaml").read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    junit = tmp_path / "junit.xml"
    result = CliRunner().invoke(main, ["--lang", "zh", "check", str(tmp_path / "content.yaml"), "-v", "--reps", "3",
                                       "--days", "4", "--junit", str(junit)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert any("高于 1" in line and "预期 至多 1" in line for line in lines), lines
    assert any("与 " in line and "的配对差异" in line for line in lines), lines
    assert lines[-1].startswith("simgroup check：未通过：1 个场景，")
    leftover = {line: _prose(line) for line in lines if _prose(line)}
    assert not leftover, leftover
    assert "mean" in junit.read_text(encoding="utf-8")  # for programs: English
