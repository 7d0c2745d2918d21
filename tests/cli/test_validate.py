"""``simgroup validate``: ok lines on stdout, diagnostics on stderr, exit 0 / 2, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from simgroup.cli import validate as validate_cli
from simgroup.cli.validate import command

SCENARIO_TESTS = Path(__file__).resolve().parent.parent / "scenario"
GOOD = SCENARIO_TESTS / "good_minimal.yaml"
BAD_DIR = SCENARIO_TESTS / "bad"
PREFIX = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): ")

VALID = "simgroup: 1\nname: ok\ndays: 3\ngroups: [{id: g, type: traffic}]\n"
INVALID = "simgroup: 1\nname: bad\ndays: 3\ngroups: [{id: g, type: trafic}]\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(command, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_valid_file_prints_ok_and_exits_0(tmp_path: Path) -> None:
    f = tmp_path / "ok.yaml"
    f.write_text(VALID, encoding="utf-8")
    code, out, err = run(str(f))
    assert (code, out, err) == (0, f"{f}: ok\n", "")


def test_invalid_file_prints_diagnostics_on_stderr_and_exits_2(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(INVALID, encoding="utf-8")
    code, out, err = run(str(f))
    assert code == 2 and out == ""
    assert err == (
        f"{f}:4:24: groups.0.type: unknown group type 'trafic' "
        "(expected one of: traffic, flash_sale, content, checkin) (did you mean 'traffic'?)\n"
    )


def test_mixed_files_report_each_and_exit_2(tmp_path: Path) -> None:
    good, bad = tmp_path / "a.yaml", tmp_path / "b.yaml"
    good.write_text(VALID, encoding="utf-8")
    bad.write_text(INVALID, encoding="utf-8")
    code, out, err = run(str(good), str(bad))
    assert code == 2
    assert out == f"{good}: ok\n"
    assert err.startswith(f"{bad}:4:24: ")


def test_missing_path_is_exit_2_with_a_clear_message(tmp_path: Path) -> None:
    good = tmp_path / "a.yaml"
    good.write_text(VALID, encoding="utf-8")
    code, out, err = run(str(tmp_path / "nope.yaml"), str(good))
    assert code == 2
    assert f"{tmp_path / 'nope.yaml'}: no such file or directory" in err
    assert out == f"{good}: ok\n"  # the other files are still checked


def test_directory_validates_every_yaml_under_it(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "sub" / "b.yml").write_text(VALID, encoding="utf-8")
    (tmp_path / "sub" / "c.YAML").write_text(INVALID, encoding="utf-8")
    (tmp_path / ".hidden" / "d.yaml").write_text(INVALID, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not yaml", encoding="utf-8")
    code, out, err = run(str(tmp_path))
    assert code == 2
    assert out.splitlines() == [f"{tmp_path / 'a.yaml'}: ok", f"{tmp_path / 'sub' / 'b.yml'}: ok"]
    assert [line.split(":")[0] for line in err.splitlines()] == [str(tmp_path / "sub" / "c.YAML")]


def test_directory_of_valid_files_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    code, out, _ = run(str(tmp_path))
    assert code == 0 and out == f"{tmp_path / 'a.yaml'}: ok\n"


def test_directory_without_scenarios_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 2 and "no *.yaml or *.yml files" in err


def test_no_arguments_is_a_usage_error() -> None:
    code, _, err = run()
    assert code == 2 and "Missing argument" in err


def test_the_whole_bad_corpus_exits_2_with_positions(tmp_path: Path) -> None:
    code, out, err = run(str(BAD_DIR))
    assert code == 2 and out == ""
    files = {str(p) for p in BAD_DIR.glob("*.yaml")}
    reported = set()
    for line in err.splitlines():
        m = PREFIX.match(line)
        assert m, f"no file:line:col prefix: {line}"
        reported.add(m["file"])
    assert reported == files
    assert "Traceback" not in err


def test_a_2_gb_file_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(2 * 1024**3)
    started = time.perf_counter()
    code, _, err = run(str(big))
    assert time.perf_counter() - started < 1.0
    assert code == 2 and err == f"{big}: the file is 2.0 GB; scenario files are limited to 5.0 MB\n"


def test_an_internal_error_is_reported_without_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text(VALID, encoding="utf-8")

    def explode(path: str) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(validate_cli, "validate_file", explode)
    code, _, err = run(str(f))
    assert code == 2
    assert f"{f}: internal error while validating (RuntimeError: boom); please report it" in err
    assert "Traceback" not in err


def test_registered_on_the_main_group() -> None:
    from simgroup.cli import main

    result = CliRunner().invoke(main, ["validate", str(GOOD)])
    assert result.exit_code == 0 and result.stdout == f"{GOOD}: ok\n"


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("simgroup")
    if script.exists() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "import sys; from simgroup.cli import main; sys.exit(main())"]


def test_real_process_exit_code_and_output() -> None:
    bad = BAD_DIR / "unknown_key.yaml"
    result = subprocess.run(
        [*_cli(), "validate", str(GOOD), str(bad), str(BAD_DIR / "not_utf8.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == f"{GOOD}: ok\n"
    lines = result.stderr.splitlines()
    assert lines[0] == f"{bad}:10:8: sops.daily.1.evry: unknown key 'evry' (did you mean 'every'?)"
    assert lines[1].startswith(f"{BAD_DIR / 'not_utf8.yaml'}:4:7: the file is not UTF-8 text")
    assert "Traceback" not in result.stderr + result.stdout
