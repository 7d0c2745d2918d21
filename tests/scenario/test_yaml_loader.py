"""The YAML layer: positions, duplicate keys, YAML 1.2 scalars, and refusing hostile files fast."""

from __future__ import annotations

import os
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from simgroup.scenario import located_yaml
from simgroup.scenario.diagnostics import Diagnostic, ScenarioError
from simgroup.scenario.located_yaml import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    LoadedYaml,
    load_yaml_file,
    load_yaml_text,
    read_scenario_file,
)


def problems(text: str, file: str = "f.yaml") -> list[Diagnostic]:
    with pytest.raises(ScenarioError) as info:
        load_yaml_text(text, file)
    return info.value.diagnostics


def only(text: str) -> Diagnostic:
    found = problems(text)
    assert len(found) == 1, [d.format() for d in found]
    return found[0]


# --------------------------------------------------------------------------- positions


def test_positions_of_keys_values_and_items_are_one_based() -> None:
    text = (
        "simgroup: 1\n"             # 1
        "groups:\n"                 # 2
        "  - id: traffic\n"         # 3
        "    type:   traffic\n"     # 4
        "sops:\n"                   # 5
        "  daily:\n"                # 6
        "    - {day: 2, do: post}\n"  # 7
    )
    loaded = load_yaml_text(text)
    assert loaded.data == {
        "simgroup": 1,
        "groups": [{"id": "traffic", "type": "traffic"}],
        "sops": {"daily": [{"day": 2, "do": "post"}]},
    }
    pos = loaded.positions
    assert pos[("simgroup",)][:2] == (1, 1) and pos[("simgroup",)][2:] == (1, 11)
    assert pos[("groups",)][:2] == (2, 1)
    assert pos[("groups", 0)][:2] == (3, 5)
    assert pos[("groups", 0, "type")] == (4, 5, 4, 13)
    assert pos[("sops", "daily", 0)][:2] == (7, 7)
    assert pos[("sops", "daily", 0, "do")] == (7, 16, 7, 20)


def test_locate_falls_back_to_the_nearest_written_ancestor() -> None:
    loaded = load_yaml_text("a:\n  b: 1\n")
    assert loaded.locate(("a", "b")) == (2, 6)
    assert loaded.locate(("a", "b"), at_key=True) == (2, 3)
    assert loaded.locate(("a", "missing", "deeper")) == (1, 1)  # the key `a:`
    assert LoadedYaml(data={}).locate(("x",)) == (1, 1)


def test_keys_are_the_text_the_author_wrote() -> None:
    loaded = load_yaml_text("1: one\ntrue: t\nnull: n\n")
    assert loaded.data == {"1": "one", "true": "t", "null": "n"}


# --------------------------------------------------------------------------- scalars (YAML 1.2)


def test_yaml_1_1_surprises_are_plain_text() -> None:
    data = load_yaml_text(
        "step: {on: member_join, at: 20:00, y: yes, n: no, o: off}\n"
        "window: 10:00-22:00\n"
    ).data
    # `on:` must stay a key (YAML 1.1 would make it True), `20:00` must not be 1200.
    assert data["step"] == {"on": "member_join", "at": "20:00", "y": "yes", "n": "no", "o": "off"}
    assert data["window"] == "10:00-22:00"


def test_numbers_booleans_nulls_and_dates() -> None:
    import datetime as dt

    data = load_yaml_text(
        "i: 42\nneg: -3\nf: 0.05\ne: 1e3\nu: 1_000\nh: 0x1f\nt: true\nF: False\nz: ~\nempty:\n"
        "d: 2026-01-05\ninf: .inf\n"
    ).data
    assert data["i"] == 42 and data["neg"] == -3 and data["u"] == 1000 and data["h"] == 31
    assert data["f"] == 0.05 and data["e"] == 1000.0 and isinstance(data["e"], float)
    assert data["t"] is True and data["F"] is False
    assert data["z"] is None and data["empty"] is None
    assert data["d"] == dt.date(2026, 1, 5)
    assert data["inf"] == float("inf")


def test_merge_keys_work_and_the_mapping_s_own_keys_win() -> None:
    loaded = load_yaml_text(
        "base: &b {id: g, type: traffic}\n"
        "groups:\n"
        "  - <<: *b\n"
        "    id: h\n"
    )
    assert loaded.data["groups"] == [{"id": "h", "type": "traffic"}]
    assert loaded.positions[("groups", 0, "id")][:2] == (4, 5)


# --------------------------------------------------------------------------- key problems


def test_duplicate_key_is_reported_at_the_second_occurrence_naming_the_first() -> None:
    d = only("name: a\ndays: 3\nname: b\n")
    assert (d.line, d.col) == (3, 1)
    assert d.key_path == ("name",)
    assert d.message == "duplicate key 'name' (first defined on line 1)"


def test_every_duplicate_key_is_reported_in_one_pass() -> None:
    found = problems("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert [(d.line, d.key_path) for d in found] == [(2, ("a",)), (5, ("b", "c"))]


def test_a_key_that_is_a_collection_is_refused() -> None:
    d = only("? [a, b]\n: 1\n")
    assert "a key must be a plain name" in d.message and d.line == 1


def test_python_tags_are_refused_not_constructed() -> None:
    d = only("name: !!python/object/apply:os.system ['echo pwned']\n")
    assert "not supported" in d.message and (d.line, d.col) == (1, 7)


def test_local_tags_on_collections_are_refused() -> None:
    d = only("groups: !custom [1]\n")
    assert "the tag !custom is not supported" in d.message


# --------------------------------------------------------------------------- syntax, tabs, characters


def test_syntax_error_has_the_yaml_mark() -> None:
    d = only("simgroup: 1\nname: Day 2: flash sale\n")
    assert (d.line, d.col) == (2, 12)
    assert d.message.startswith("YAML syntax error: a ':' is not allowed here")


def test_tab_indentation_is_named_as_such() -> None:
    d = only("groups:\n\t- id: g\n")
    assert (d.line, d.col) == (2, 1)
    assert d.message == "a tab character in the indentation; YAML indents with spaces only"


def test_undefined_alias() -> None:
    d = only("a: *nowhere\n")
    assert d.message == "YAML syntax error: alias *nowhere is used before any anchor &nowhere defines it"


def test_two_documents_are_refused() -> None:
    d = only("a: 1\n---\nb: 2\n")
    assert "more than one YAML document" in d.message and d.line == 2


def test_control_character_is_refused_with_its_position() -> None:
    d = only("name: ok\nbad: a\x07b\n")
    assert (d.line, d.col) == (2, 7)
    assert "U+0007" in d.message


def test_empty_and_comment_only_documents() -> None:
    for text in ("", "# nothing\n\n# here\n", "~\n", "---\n"):
        d = only(text)
        assert d.message == "the file is empty; a scenario starts with 'simgroup: 1'", text


@pytest.mark.parametrize(
    ("text", "kind"), [("- a\n- b\n", "a list"), ("just text\n", "the text 'just text'"), ("42\n", "the value 42")]
)
def test_top_level_must_be_a_mapping(text: str, kind: str) -> None:
    d = only(text)
    assert d.message.startswith("the top level must be a mapping")
    assert d.message.endswith(kind)


# --------------------------------------------------------------------------- hostile documents


def _bomb(levels: int = 9) -> str:
    names = "abcdefghijklmnop"
    lines = [f"a: &a [{', '.join(['lol'] * 10)}]"]
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [{', '.join(['*' + names[i - 1]] * 10)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_fast_and_small() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        d = only(_bomb())
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert "alias bomb" in d.message
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024  # 10^9 strings would be tens of gigabytes


def test_modest_alias_reuse_is_fine() -> None:
    loaded = load_yaml_text(_bomb(levels=3))  # 10^3 expanded strings
    assert len(loaded.data["c"]) == 10 and loaded.data["c"][0][0][0] == "lol"


def test_recursive_alias_is_refused() -> None:
    d = only("loop: &x [*x]\n")
    assert "refers to the collection that contains it" in d.message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_refused_without_recursion_error(depth: int) -> None:
    started = time.perf_counter()
    d = only("deep: " + "[" * depth + "]" * depth + "\n")
    assert "nests deeper than 64 levels" in d.message
    assert time.perf_counter() - started < 1.0


def test_nesting_at_the_limit_is_accepted() -> None:
    depth = MAX_DEPTH - 2  # the root mapping and `deep:`'s value count as levels
    loaded = load_yaml_text("deep: " + "[" * depth + "]" * depth + "\n")
    assert isinstance(loaded.data["deep"], list)


def test_aliases_cannot_smuggle_depth_past_the_limit() -> None:
    # Each anchor is 40 deep; the alias chain would expand to 120 levels.
    a = "[" * 40 + "]" * 40
    text = f"a: &a {a}\nb: &b {'[' * 39}*a{']' * 39}\nc: {'[' * 39}*b{']' * 39}\n"
    d = only(text)
    assert "nests deeper" in d.message


# --------------------------------------------------------------------------- files


def test_a_2_gb_file_is_refused_instantly_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse: costs no disk

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(located_yaml, "open", no_open, raising=False)
    started = time.perf_counter()
    with pytest.raises(ScenarioError) as info:
        read_scenario_file(big)
    assert time.perf_counter() - started < 1.0
    (d,) = info.value.diagnostics
    assert d.line == 0 and d.file == str(big)
    assert d.message == "the file is 2.0 GB; scenario files are limited to 5.0 MB"
    assert d.format() == f"{big}: the file is 2.0 GB; scenario files are limited to 5.0 MB"


def test_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "over.yaml"
    with open(f, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ScenarioError, match=r"limited to 5\.0 MB"):
        read_scenario_file(f)


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    f = tmp_path / "gbk.yaml"
    raw = b"simgroup: 1\nname: " + "流量群".encode("gbk") + b"\n"
    f.write_bytes(raw)
    with pytest.raises(ScenarioError) as info:
        load_yaml_file(f)
    (d,) = info.value.diagnostics
    assert (d.line, d.col) == (2, 7)
    assert f"byte 0x{raw[18]:02x} at byte offset 18" in d.message


def test_non_utf8_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    f = tmp_path / "mixed.yaml"
    f.write_bytes("name: 流量".encode() + b"\xff\n")
    with pytest.raises(ScenarioError) as info:
        read_scenario_file(f)
    (d,) = info.value.diagnostics
    assert (d.line, d.col) == (1, 9)  # after 'name: ' and two CJK characters


def test_utf16_is_named(tmp_path: Path) -> None:
    f = tmp_path / "u16.yaml"
    f.write_bytes("simgroup: 1\n".encode("utf-16"))
    with pytest.raises(ScenarioError, match="UTF-16"):
        read_scenario_file(f)


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbfname: x\n")
    loaded = load_yaml_file(f)
    assert loaded.data == {"name": "x"} and loaded.positions[("name",)][:2] == (1, 1)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for path, message in ((tmp_path / "nope.yaml", "no such file"), (tmp_path, "is a directory")):
        with pytest.raises(ScenarioError) as info:
            read_scenario_file(path)
        (d,) = info.value.diagnostics
        assert d.line == 0 and message in d.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioError, match="not a regular file"):
        read_scenario_file(fifo)


def test_the_file_name_is_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("sub").mkdir()
    Path("sub/x.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_yaml_file("sub/x.yaml")
    assert info.value.diagnostics[0].format().startswith("sub/x.yaml:2:1: a: duplicate key")


def test_composition_stays_in_python_so_the_limits_apply() -> None:
    # libyaml may scan and parse, but composing must be PyYAML's Python composer behind the
    # depth / node limits; libyaml's own composer would skip them.
    loaders = [located_yaml._Loader] + ([located_yaml._FastLoader] if located_yaml._FastLoader is not None else [])
    for cls in loaders:
        assert cls.get_single_node is located_yaml.yaml.composer.Composer.get_single_node
        assert cls.compose_node is located_yaml._Limits.compose_node
    assert sys.getrecursionlimit() > MAX_DEPTH * 4


@pytest.mark.skipif(located_yaml._FastLoader is None, reason="PyYAML without libyaml")
def test_fast_and_pure_python_loaders_agree_on_positions() -> None:
    here = Path(__file__).parent
    for f in [here / "good_full.yaml", here / "good_minimal.yaml", *sorted((here / "bad").glob("*.yaml"))]:
        raw = f.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        results = []
        for cls in (located_yaml._Loader, located_yaml._FastLoader):
            try:
                node = cls(text).get_single_node()
            except Exception as exc:
                results.append(type(exc).__name__)
                continue
            marks = []
            todo = [node] if node is not None else []
            while todo and len(marks) < 5000:
                n = todo.pop()
                marks.append((n.start_mark.line, n.start_mark.column, n.tag))
                if isinstance(n.value, list):
                    for child in n.value:
                        todo.extend(child if isinstance(child, tuple) else [child])
            results.append(marks)
        assert results[0] == results[1], f.name


def test_a_large_ordinary_document_loads_quickly() -> None:
    text = "".join(f"k{i}: {{a: [1, 2], b: x}}\n" for i in range(3000))  # ~21 000 values
    started = time.perf_counter()
    loaded = load_yaml_text(text)
    assert len(loaded.data) == 3000
    assert time.perf_counter() - started < 2.0
