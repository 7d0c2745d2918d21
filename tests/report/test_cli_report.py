"""``simgroup report``: every input kind, both formats, atomic writes, and bad input answered
with a located message and exit 2 (never a traceback)."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import simgroup.report.html as report_html
from simgroup.report import ReportOutputError, read_json, write_report
from tests.cli.conftest import invoke
from tests.report.conftest import CONTENT, edit


def test_a_scenario_file_is_run_and_reported(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, stdout, stderr = invoke("report", str(CONTENT), "-o", str(out), "--reps", "2", "--days", "5", "--workers", "1")
    assert code == 0, stderr
    assert stdout == "" and f"wrote {out}" in stderr
    text = out.read_text(encoding="utf-8")
    assert "seed 11, 2 replications, 5 days" in text and "<svg" in text


@pytest.mark.parametrize("kind", ["run", "compare", "sensitivity"])
def test_markdown_with_its_pictures(kind: str, documents: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code, _, stderr = invoke("report", str(documents[kind]), "-o", str(out))  # .md: the format follows
    assert code == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ") and "**Question:**" in text and "## Verdict" in text
    links = [line[line.index("](") + 2:-1] for line in text.splitlines() if line.startswith("![")]
    assert links and all(link.startswith("report_files/chart-") for link in links)
    for link in links:
        root = ET.parse(out.parent / link).getroot()  # a well-formed standalone SVG file
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert sorted(p.name for p in (tmp_path / "report_files").iterdir()) == sorted(Path(x).name for x in links)
    assert "\n|---" in text  # a Markdown table


def test_format_flag_wins_over_the_suffix(documents: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "page.txt"
    assert invoke("report", str(documents["run"]), "-o", str(out), "--format", "md")[0] == 0
    assert out.read_text(encoding="utf-8").startswith("# ") and (tmp_path / "page_files" / "chart-1.svg").is_file()
    assert invoke("report", str(documents["run"]), "-o", str(tmp_path / "p.md"), "--format", "html")[0] == 0
    assert (tmp_path / "p.md").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _fails(args: list[str], *needles: str) -> None:
    code, stdout, stderr = invoke("report", *args)
    assert code == 2, (code, stderr)
    assert stdout == "" and "Traceback" not in stderr
    assert stderr.startswith(("simgroup report: ", "Usage:")), stderr
    for needle in needles:
        assert needle in stderr, stderr


def test_bad_inputs_exit_2_with_a_located_message(documents: dict[str, Path], tmp_path: Path) -> None:
    out = str(tmp_path / "r.html")
    _fails([str(tmp_path / "missing.json"), "-o", out], "missing.json: no such file")
    _fails([str(tmp_path), "-o", out], "is a directory")
    (tmp_path / "sweep.json").write_text('{"kind": "sweep", "points": []}', encoding="utf-8")
    _fails([str(tmp_path / "sweep.json"), "-o", out], "sweep.json: a 'sweep' document", "simgroup run")
    (tmp_path / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    _fails([str(tmp_path / "other.json"), "-o", out], "other.json: not a simgroup result")
    (tmp_path / "broken.json").write_text('{"kind":\n', encoding="utf-8")
    _fails([str(tmp_path / "broken.json"), "-o", out], "broken.json:2:1: not valid JSON")
    bad = edit(documents["compare"], tmp_path / "bad.json",
               lambda d: d["variants"][1]["kpis"]["profit"].update(ci95="wide"))  # type: ignore[index]
    _fails([str(bad), "-o", out], "bad.json: $.variants[1].kpis.profit.ci95: expected a list, got text")
    short = edit(documents["run"], tmp_path / "short.json",
                 lambda d: d["daily"]["all"]["gmv"]["mean"].pop())  # type: ignore[index]
    _fails([str(short), "-o", out], "$.daily.all.gmv: expected 8 values (one per day)")
    _fails([str(documents["run"]), "-o", out, "--reps", "3"], "--reps apply to a scenario file")
    (tmp_path / "bad.yaml").write_text("simgroup: 1\nname: x\ndays: 0\n", encoding="utf-8")
    code, _, stderr = invoke("report", str(tmp_path / "bad.yaml"), "-o", out)
    assert code == 2 and "bad.yaml:" in stderr and "Traceback" not in stderr
    assert not os.path.exists(out)


def test_an_output_that_cannot_be_written_exits_2(documents: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    _fails([str(documents["run"]), "-o", str(tmp_path / "file" / "r.html")], "cannot write", "file")
    _fails([str(documents["run"]), "-o", str(tmp_path)], "is a directory")
    pictures = tmp_path / "r_files"
    pictures.mkdir()
    (pictures / "notes.txt").write_text("mine", encoding="utf-8")
    _fails([str(documents["run"]), "-o", str(tmp_path / "r.md")], "r_files holds files that are not report pictures")
    assert (pictures / "notes.txt").read_text(encoding="utf-8") == "mine" and not (tmp_path / "r.md").exists()


def _siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failure_while_writing_leaves_the_old_report(
    documents: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.html"
    write_report(read_json(documents["run"]), out)
    before = out.read_bytes()

    def interrupted(*_: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(report_html, "render", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_report(read_json(documents["compare"]), out)
    assert out.read_bytes() == before and _siblings(tmp_path) == ["r.html"]


def test_markdown_pictures_are_one_atomic_folder(
    documents: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    md = tmp_path / "r.md"
    write_report(read_json(documents["run"]), md, fmt="md")
    old = {p.name: p.read_bytes() for p in (tmp_path / "r_files").iterdir()}
    old_md = md.read_bytes()
    real = Path.write_text
    calls = []

    def flaky(self: Path, *args: object, **kwargs: object) -> int:
        calls.append(self)
        if len(calls) == 2:  # the second picture
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", flaky)
    with pytest.raises(OSError):
        write_report(read_json(documents["compare"]), md, fmt="md")
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in (tmp_path / "r_files").iterdir()} == old
    assert md.read_bytes() == old_md and _siblings(tmp_path) == ["r.md", "r_files"]


def test_the_api_refuses_a_directory_as_output(documents: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(ReportOutputError, match="is a directory"):
        write_report(read_json(documents["run"]), tmp_path)
