"""Hostile and half-edited scenario files through the command line.

``tests/scenario/bad/`` holds the corpus of the scenario reference's classes (checked message by message by
``tests/scenario/test_diagnostics.py`` and through ``simgroup validate`` by
``tests/cli/test_validate.py``). This module adds what that corpus lacks:

* **More classes**, built here because they are bytes a text file cannot hold readably (a BOM,
  CRLF, UTF-16/32, NUL), or large (1 MB lines, 250 groups, 100 001 values), or operators' typical
  slips (``replications: 1e9``, ``seed: -1``, ``hours: "25:00-26:00"``, ``true`` for a number,
  an unquoted date-time, a ``better_than:`` file that does not exist, ...). Each case states every
  diagnostic it must produce: ``(line, col, fragment)``, line 0 for the file as a whole.
* **Every command**: each added case through ``simgroup validate`` and ``simgroup run`` (exit 2,
  ``file:line:col: ...`` on stderr, nothing on stdout, no traceback), and the existing corpus
  through ``simgroup run`` and ``simgroup check`` too (it was only run through ``validate``).
* **Files that look odd but are valid** (BOM, CRLF, CR, unicode names, flow style, ``%YAML 1.2``)
  validate and run.
* **Paths that are not scenario files** (a directory, a FIFO, a dangling symlink, a 2 GB file).
* Real processes, once for the whole table: the exit code and stderr of the installed script.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from simgroup.scenario.vocabulary import MAX_GROUP_SPECS
from tests.reliability._proc import QUICK, cli, run_args, simgroup_command

BAD_DIR = Path(__file__).resolve().parent.parent / "scenario" / "bad"
CORPUS = sorted(BAD_DIR.glob("*.yaml"))
TRACEBACK = re.compile(r"Traceback|^\s+File \"", re.M)

HEAD = "simgroup: 1\nname: t\ndays: 7\n"  # lines 1-3
GROUP = "groups: [{id: g, type: traffic}]\n"
WITH_SOP = "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n"  # lines 4-6; steps from line 7
PRODUCT = "products: [{id: p, price: 5}]\n"


@dataclass(frozen=True)
class Case:
    """A bad file and every diagnostic it must give: ``(line, col, fragment)``; line 0 means a
    message about the whole file (``file: message``). ``run=False`` for problems only
    ``validate`` looks for (a missing ``better_than:`` file: running does not need it)."""

    name: str
    content: bytes | Callable[[], bytes]
    expect: tuple[tuple[int, int, str], ...]
    run: bool = True

    def data(self) -> bytes:
        return self.content() if callable(self.content) else self.content


def _t(text: str) -> bytes:
    return text.encode("utf-8")


def _many_groups() -> bytes:
    items = "".join(f"  - {{id: g{i}, type: traffic}}\n" for i in range(MAX_GROUP_SPECS + 50))
    return _t(HEAD + "groups:\n" + items)


def _wide_list() -> bytes:
    return _t(HEAD + GROUP + "description: [" + ", ".join(["x"] * 100_001) + "]\n")


def _long_key() -> bytes:
    return _t(HEAD + GROUP + "k" * 2000 + ": 1\n")


CASES: tuple[Case, ...] = (
    # ---- encodings and bytes
    Case("bom_then_error", b"\xef\xbb\xbf" + _t("simgroup: 2\nname: t\ndays: 7\n" + GROUP),
         ((1, 11, "reads scenario language version 1, the file says 2"),)),  # the BOM is not a column
    Case("crlf_then_error", _t(HEAD + "groups:\n  - id: g\n    type: trafic\n").replace(b"\n", b"\r\n"),
         ((6, 11, "unknown group type 'trafic'"),)),
    Case("bom_crlf_then_error", b"\xef\xbb\xbf" + _t(HEAD + GROUP + "colour: blue\n").replace(b"\n", b"\r\n"),
         ((5, 1, "unknown key 'colour'"),)),
    Case("utf16_with_bom", "simgroup: 1\nname: t\n".encode("utf-16"), ((1, 1, "the file is UTF-16 text; save it as UTF-8"),)),
    Case("utf16_without_bom", "simgroup: 1\n".encode("utf-16-le"), ((1, 2, "control character U+0000"),)),
    Case("utf32_with_bom", "simgroup: 1\n".encode("utf-32"), ((1, 1, "the file is UTF-32 text; save it as UTF-8"),)),
    Case("gbk_text", _t(HEAD) + "name2: 流量群\n".encode("gbk"), ((4, 8, "the file is not UTF-8 text: byte 0xc1"),)),
    Case("nul_byte", _t("simgroup: 1\nname: a\x00b\ndays: 7\n" + GROUP), ((2, 8, "control character U+0000"),)),
    Case("bom_only", b"\xef\xbb\xbf", ((1, 1, "the file is empty"),)),
    Case("whitespace_only", b"   \n\n\t\n", ((1, 1, "the file is empty"),)),
    # ---- shape of the document
    Case("top_level_text", _t('"just a string"\n'), ((1, 1, "this file holds the text 'just a string'"),)),
    Case("top_level_number", _t("42\n"), ((1, 1, "this file holds the value 42"),)),
    Case("two_documents", _t(HEAD + GROUP + "---\nname: again\n"), ((5, 1, "more than one YAML document"),)),
    Case("yaml_2_directive", _t("%YAML 2.0\n---\n" + HEAD + GROUP), ((1, 1, "incompatible YAML document"),)),
    Case("undefined_alias", _t(HEAD + GROUP + "description: *nowhere\n"), ((5, 14, "alias *nowhere is used before any anchor"),)),
    Case("groups_is_a_mapping", _t(HEAD + "groups: {id: g, type: traffic}\n"), ((4, 1, "groups: expected a list, got a mapping"),)),
    Case("sops_is_a_list", _t(HEAD + GROUP + "sops: []\n"), ((5, 1, "sops: expected a mapping, got a list"),)),
    Case("sop_without_steps", _t(HEAD + WITH_SOP), ((6, 5, "sops.s: expected a list, got nothing"),)),
    # ---- keys
    Case("number_key", _t(HEAD + GROUP + "1: x\n"), ((5, 1, "unknown key '1'"),)),
    Case("null_key", _t(HEAD + GROUP + "~: x\n"), ((5, 1, "unknown key '~'"),)),
    Case("empty_key", _t(HEAD + GROUP + '"": x\n'), ((5, 1, "unknown key ''"),)),
    Case("collection_key", _t(HEAD + GROUP + "? [a, b]\n: 1\n"), ((5, 3, "a key must be a plain name"),)),
    Case("key_longer_than_yaml_allows", _long_key, ((5, 1, "this key is longer than 1024 characters"),)),
    Case("very_long_unknown_key", _t(HEAD + GROUP + "k" * 500 + ": 1\n"),
         ((5, 1, "unknown key '" + "k" * 37 + "...'"),)),  # the message quotes the key shortened
    Case("numeric_sop_reference", _t(HEAD + "groups: [{id: g, type: traffic, sop: 1}]\nsops:\n  1: [{every: day, do: post}]\n"),
         ((4, 38, "expected text, got 1 (put it in quotes)"), (6, 3, "'1' is not a valid name"))),
    Case("unicode_id", _t(HEAD + "groups: [{id: 1号群, type: traffic}]\n"), ((4, 15, "'1号群' is not a valid name"),)),
    # ---- sizes and limits
    Case("groups_beyond_limit", _many_groups, ((4, 1, f"has {MAX_GROUP_SPECS + 50} items, over the limit of {MAX_GROUP_SPECS}"),)),
    Case("hundred_thousand_values", _wide_list, ((5, 299967, "the document has more than 100000 values"),)),
    Case("replications_1e9", _t(HEAD + GROUP + "replications: 1e9\n"),
         ((5, 15, "1000000000 is over the limit: replications can be at most 10000"),)),
    Case("replications_inf", _t(HEAD + GROUP + "replications: .inf\n"), ((5, 15, "expected a finite number, got .inf"),)),
    Case("replications_zero", _t(HEAD + GROUP + "replications: 0\n"), ((5, 15, "must be at least 1, got 0"),)),
    Case("replications_huge_integer", _t(HEAD + GROUP + "replications: 99999999999999999999999999\n"),
         ((5, 15, "is over the limit: replications can be at most 10000"),)),
    Case("days_zero", _t("simgroup: 1\nname: t\ndays: 0\n" + GROUP), ((3, 7, "must be at least 1, got 0"),)),
    Case("seed_negative", _t(HEAD + GROUP + "seed: -1\n"), ((5, 7, "must not be negative, got -1"),)),
    Case("seed_2_63", _t(HEAD + GROUP + "seed: 9223372036854775808\n"), ((5, 7, "must be less than 9223372036854775808"),)),
    Case("seed_fraction", _t(HEAD + GROUP + "seed: 1.5\n"), ((5, 7, "expected a whole number, got 1.5"),)),
    Case("per_day_negative", _t(HEAD + "channels: [{id: c, per_day: -5}]\ngroups: [{id: g, type: traffic, channels: [c]}]\n"),
         ((4, 29, "must not be negative, got -5"),)),
    Case("per_day_beyond_limit", _t(HEAD + "channels: [{id: c, per_day: 1e7}]\ngroups: [{id: g, type: traffic, channels: [c]}]\n"),
         ((4, 29, "10000000 is over the limit: per_day can be at most 1000000"),)),
    Case("members_beyond_limits", _t(HEAD + "groups: [{id: g, type: traffic, initial_members: 100000, initial_groups: 5000}]\n"),
         ((4, 50, "initial_members can be at most 500"), (4, 74, "initial_groups can be at most 1000"))),
    Case("capacity_beyond_wecom", _t(HEAD + "groups: [{id: g, type: traffic, live_code: {capacity: 501, qr_limit: 600}}]\n"),
         ((4, 55, "capacity can be at most 500"), (4, 70, "qr_limit can be at most 500"))),
    Case("red_packet_share_over_200", _t(HEAD + WITH_SOP + "    - {day: 1, do: red_packet, total: 1000, shares: 2}\n"),
         ((7, 7, "a red-packet share is at most 200 CNY"),)),
    # ---- values
    Case("booleans_for_numbers", _t(HEAD + "replications: true\ngroups: [{id: g, type: traffic, initial_members: false}]\n"),
         ((4, 15, "replications: expected a whole number, got true"), (5, 50, "expected a whole number, got false"))),
    Case("hours_beyond_the_clock", _t(HEAD + 'channels: [{id: c, per_day: 5, hours: "25:00-26:00"}]\ngroups: [{id: g, type: traffic, channels: [c]}]\n'),
         ((4, 39, "expected an hour window \"HH:MM-HH:MM\""),)),
    Case("hours_empty_window", _t(HEAD + 'channels: [{id: c, per_day: 5, hours: "22:00-22:00"}]\ngroups: [{id: g, type: traffic, channels: [c]}]\n'),
         ((4, 39, "the hour window '22:00-22:00' is empty"),)),
    Case("at_24_00", _t(HEAD + WITH_SOP + '    - {day: 1, at: "24:00", do: post}\n'), ((7, 20, "expected 'HH:MM' or 'YYYY-MM-DD HH:MM'"),)),
    Case("at_february_30", _t(HEAD + WITH_SOP + '    - {at: "2026-02-30 20:00", do: post}\n'), ((7, 12, "got '2026-02-30 20:00'"),)),
    Case("at_unquoted_date_time", _t(HEAD + WITH_SOP + "    - {at: 2026-01-06 20:00:00, do: post}\n"),
         ((7, 12, "expected text, got 2026-01-06T20:00:00 (put it in quotes)"),)),
    Case("start_month_13", _t(HEAD + GROUP + "start: 2026-13-45\n"), ((5, 8, "cannot read the value '2026-13-45'"),)),
    Case("every_0d", _t(HEAD + WITH_SOP + "    - {every: 0d, do: post}\n"), ((7, 15, "expected 'day', 'Nd'"),)),
    Case("day_negative", _t(HEAD + WITH_SOP + "    - {day: -1, do: post}\n"), ((7, 13, "must not be negative, got -1"),)),
    Case("discount_100_percent", _t(HEAD + PRODUCT.replace("\n", "") + "\n" + WITH_SOP + "    - {day: 1, do: coupon, product: p, discount: 1.0}\n"),
         ((8, 50, "must be less than 1, got 1"),)),
    Case("shares_out_of_range", _t(HEAD + GROUP + "audience: {regular: 1.5, coupon_hunter: -0.5}\n"),
         ((5, 21, "must be at most 1, got 1.5"), (5, 41, "must not be negative, got -0.5"))),
    Case("add_rate_over_1", _t(HEAD + "channels: [{id: c, per_day: 5, add_rate: 1.5}]\ngroups: [{id: g, type: traffic, channels: [c]}]\n"),
         ((4, 42, "must be at most 1, got 1.5"),)),
    Case("operators_zero", _t(HEAD + GROUP + "operators: {count: 0}\n"), ((5, 20, "must be at least 1, got 0"),)),
    Case("text_for_a_number_in_model", _t(HEAD + GROUP + "model: {group_types: {traffic: {leave_base: fast}}}\n"),
         ((5, 45, "expected a number, got 'fast'"),)),
    # ---- expectations
    Case("between_reversed", _t(HEAD + GROUP + "expect: [{kpi: profit, between: [5, 1]}]\n"), ((5, 10, "the lower bound 5.0 is above the upper 1.0"),)),
    Case("expectation_without_bound", _t(HEAD + GROUP + "expect: [{kpi: profit}]\n"), ((5, 10, "an expectation needs between, at_least"),)),
    Case("unknown_kpi", _t(HEAD + GROUP + "expect: [{kpi: proft, at_least: 0}]\n"), ((5, 16, "unknown KPI 'proft' (did you mean 'profit'?)"),)),
    Case("better_than_missing_file", _t(HEAD + GROUP + "expect: [{kpi: profit, better_than: nowhere.yaml}]\n"),
         ((5, 37, "no scenario file"),), run=False),
)


def _write(tmp_path: Path, case: Case) -> Path:
    path = tmp_path / f"{case.name}.yaml"
    path.write_bytes(case.data())
    return path


def _assert_diagnostics(path: Path, err: str, expect: tuple[tuple[int, int, str], ...]) -> None:
    lines = err.splitlines()
    assert len(lines) == len(expect), f"expected {len(expect)} diagnostics, got:\n{err}"
    for line, col, fragment in expect:
        prefix = f"{path}: " if line == 0 else f"{path}:{line}:{col}: "
        assert any(x.startswith(prefix) and fragment in x for x in lines), (
            f"no diagnostic starting {prefix!r} containing {fragment!r} in:\n{err[:3000]}"
        )


def _validate_diagnostics(path: Path) -> str:
    """What ``simgroup validate PATH`` prints for a bad file (checked to be something)."""
    code, out, err, exc = cli("validate", str(path))
    assert exc is None and (code, out) == (2, ""), (code, out, err)
    assert err.strip(), f"validate printed no diagnostic for {path}"
    return err


def test_the_added_cases_are_new_classes() -> None:
    """The table does not repeat the corpus: no name of it is a corpus file's."""
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert not set(names) & {p.stem for p in CORPUS}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_each_problem_at_its_place(tmp_path: Path, case: Case) -> None:
    path = _write(tmp_path, case)
    started = time.perf_counter()
    code, out, err, exc = cli("validate", str(path))
    assert time.perf_counter() - started < 5.0, "a bad file must be refused quickly"
    assert exc is None, repr(exc)
    assert (code, out) == (2, "")
    assert not TRACEBACK.search(err), err
    _assert_diagnostics(path, err, case.expect)


@pytest.mark.parametrize("case", [c for c in CASES if c.run], ids=[c.name for c in CASES if c.run])
def test_run_refuses_each_case_with_the_same_diagnostics(tmp_path: Path, case: Case) -> None:
    path = _write(tmp_path, case)
    code, out, err, exc = cli(*run_args(path, *QUICK))
    assert exc is None, repr(exc)
    assert (code, out) == (2, ""), err
    assert not TRACEBACK.search(err), err
    _assert_diagnostics(path, err, case.expect)


def test_a_missing_better_than_file_is_not_needed_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``run`` ignores ``expect:``; only ``validate`` and ``check`` look for the other file."""
    from tests._fake_engine import install

    (case,) = [c for c in CASES if c.name == "better_than_missing_file"]
    path = _write(tmp_path, case)
    install(monkeypatch)
    code, _, err, exc = cli(*run_args(path, *QUICK))
    assert exc is None and code == 0, err
    code, out, err, exc = cli("check", str(path))
    assert exc is None and code == 2, out + err
    assert f"{path}:5:37: expect.0.better_than: no scenario file" in err
    assert not TRACEBACK.search(out + err)


# --------------------------------------------------------------------------- the corpus, every command


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_run_refuses_every_corpus_file_like_validate(path: Path) -> None:
    expected = _validate_diagnostics(path)
    code, out, err, exc = cli(*run_args(path, *QUICK))
    assert exc is None, repr(exc)
    assert (code, out) == (2, "")
    assert err == expected  # the same diagnostics, in the same order
    assert not TRACEBACK.search(err)


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_check_refuses_every_corpus_file_with_its_diagnostics(path: Path) -> None:
    expected = _validate_diagnostics(path)
    code, out, err, exc = cli("check", str(path))
    assert exc is None, repr(exc)
    assert code == 2, out + err
    assert not TRACEBACK.search(out + err)
    for line in expected.splitlines():
        assert line in err, f"{line!r} missing from check's output:\n{err}"


# --------------------------------------------------------------------------- odd but valid


SCENARIO = HEAD + "groups:\n  - id: g\n    type: traffic\n    initial_members: 20\n"

VALID: dict[str, bytes] = {
    "bom": b"\xef\xbb\xbf" + _t(SCENARIO),
    "crlf": _t(SCENARIO).replace(b"\n", b"\r\n"),
    "bom_crlf": b"\xef\xbb\xbf" + _t(SCENARIO).replace(b"\n", b"\r\n"),
    "cr_only": _t(SCENARIO).replace(b"\n", b"\r"),
    "no_final_newline": _t(SCENARIO.rstrip("\n")),
    "unicode_names": _t("simgroup: 1\nname: 流量群 · 每日福利 🚀\ndescription: «тест» ñ\ndays: 7\n"
                        "groups: [{id: g, type: traffic, initial_members: 20}]\n"),
    "flow_style": _t("{simgroup: 1, name: t, days: 7, groups: [{id: g, type: traffic, initial_members: 20}]}"),
    "quoted_keys_and_comments": _t('# c\n"simgroup": 1  # c\n\'name\': t\ndays: 7 # c\n'
                                   "groups: [{id: g, type: traffic, initial_members: 20}]\n# end\n"),
    "yaml_1_2_directive": _t("%YAML 1.2\n---\n" + SCENARIO + "...\n"),
    "a_megabyte_line": _t("simgroup: 1\nname: " + "x" * 1_000_000 + "\ndays: 7\n"
                          "groups: [{id: g, type: traffic, initial_members: 20}]\n"),
    "unquoted_times": _t(HEAD + "channels: [{id: c, per_day: 50, hours: 10:00-22:00}]\n"
                         "groups: [{id: g, type: traffic, channels: [c], sop: s}]\nsops:\n  s:\n"
                         "    - {every: day, at: 20:00, do: post}\n    - {at: 2026-01-06 20:00, do: post}\n"),
    "infinite_durations": _t(HEAD + PRODUCT + "groups: [{id: g, type: traffic, sop: s, initial_members: 20}]\nsops:\n  s:\n"
                             "    - {day: 1, do: coupon, product: p, lasts: .inf}\n"
                             "    - {on: member_join, after: .inf, do: welcome}\n"
                             "    - {on: inactive, idle: .inf, do: kick}\n"),
}


@pytest.mark.parametrize("name", list(VALID), ids=list(VALID))
def test_odd_but_valid_files_validate_and_run(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(VALID[name])
    code, out, err, exc = cli("validate", str(path))
    assert (code, out, err, exc) == (0, f"{path}: ok\n", "", None)
    code, out, err, exc = cli(*run_args(path, *QUICK), "--json")
    assert exc is None and code == 0, err
    assert '"joined"' in out


# --------------------------------------------------------------------------- paths that are not scenario files


def _not_a_scenario(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.yaml"
    if kind == "directory":
        path.mkdir()
        (path / "inner.txt").write_text("x")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling_symlink":
        path.symlink_to(tmp_path / "nowhere.yaml")
    elif kind == "symlink_loop":
        path.symlink_to(path)
    elif kind == "two_gigabytes":
        with open(path, "wb") as fh:
            fh.truncate(2 * 1024**3)  # sparse: no disk used
    elif kind == "missing":
        pass
    return path


NOT_SCENARIOS = ("directory", "fifo", "dangling_symlink", "symlink_loop", "two_gigabytes", "missing")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
@pytest.mark.parametrize("kind", NOT_SCENARIOS)
@pytest.mark.parametrize("command", ["validate", "run"])
def test_paths_that_are_not_scenario_files_exit_2_quickly(tmp_path: Path, kind: str, command: str) -> None:
    path = _not_a_scenario(tmp_path, kind)
    started = time.perf_counter()
    code, out, err, exc = cli(*([command, str(path)] if command == "validate" else run_args(path, *QUICK)))
    assert time.perf_counter() - started < 5.0  # a FIFO is never opened, a 2 GB file never read
    assert exc is None, repr(exc)
    assert code == 2 and out == "", (code, out, err)
    assert str(path) in err and not TRACEBACK.search(err)


# --------------------------------------------------------------------------- real processes


def test_the_installed_command_reports_the_whole_table_in_one_process(tmp_path: Path) -> None:
    """One real ``simgroup validate`` over every added case: exit 2, stdout empty, one stderr
    block per file in order, each line ``file:line:col: `` (or ``file: ``), no traceback."""
    paths = [_write(tmp_path, c) for c in CASES]
    done = subprocess.run(
        [*simgroup_command(), "validate", *map(str, paths)], capture_output=True, timeout=120
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and done.stdout == b"", err[-2000:]
    assert not TRACEBACK.search(err)
    prefix = re.compile(r"^(?P<file>.+?\.yaml):(?:(?P<line>\d+):(?P<col>\d+):)? ")
    seen = []
    for line in err.splitlines():
        m = prefix.match(line)
        assert m, f"no file:line:col prefix: {line[:200]}"
        if not seen or seen[-1] != m["file"]:
            seen.append(m["file"])
    assert seen == [str(p) for p in paths]


@pytest.mark.parametrize("name", ["bom_then_error", "gbk_text", "hundred_thousand_values", "booleans_for_numbers"])
def test_the_installed_command_run_exits_2(tmp_path: Path, name: str) -> None:
    (case,) = [c for c in CASES if c.name == name]
    path = _write(tmp_path, case)
    done = subprocess.run([*simgroup_command(), *run_args(path, *QUICK)], capture_output=True, timeout=120)
    err = done.stderr.decode("utf-8")
    assert (done.returncode, done.stdout) == (2, b""), err[-2000:]
    assert not TRACEBACK.search(err)
    _assert_diagnostics(path, err, case.expect)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # nothing written


# --------------------------------------------------------------------------- known gaps


def test_a_population_beyond_any_machine_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "flood.yaml"
    path.write_text(
        "simgroup: 1\nname: flood\ndays: 365\n"
        "channels: [{id: ads, per_day: 1000000, add_rate: 1}]\n"
        "groups: [{id: g, type: traffic, channels: [ads], initial_groups: 1000, initial_members: 500}]\n",
        encoding="utf-8",
    )
    code, _, err, exc = cli("validate", str(path))
    assert exc is None and code == 2
    assert "limit is 2,000,000" in err and "flood.yaml:4:" in err
