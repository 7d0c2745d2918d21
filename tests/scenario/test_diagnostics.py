"""Diagnostics: exact format, one human message per problem at the right place, did-you-mean.

The corpus ``tests/scenario/bad/*.yaml`` holds one file per bad-input class of docs/scenario-reference.md. Each
file starts with ``# expect: LINE:COL fragment`` lines (bytes, so that a non-UTF-8 file can carry
them too); the file must produce exactly one diagnostic per expect line, at that position, whose
formatted text contains the fragment.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simgroup.scenario import Diagnostic, ScenarioError, load_scenario, load_scenario_text, validate_file
from simgroup.scenario.diagnostics import allowed_keys, did_you_mean
from simgroup.scenario.loader import validate_text
from simgroup.scenario.models import Scenario

HERE = Path(__file__).parent
BAD = sorted((HERE / "bad").glob("*.yaml"))
GOOD = [HERE / "good_minimal.yaml", HERE / "good_full.yaml"]
REPO = HERE.parent.parent

# Phrases that would mean a raw pydantic (or Python) message leaked through.
PYDANTIC_WORDING = re.compile(
    r"Input should|Field required|Extra inputs|Value error|validation error|\[type=|Traceback|"
    r"constrained-|list\[|<class|Unable to extract tag"
)

HEADER = (
    "simgroup: 1\n"          # 1
    "name: t\n"              # 2
    "days: 7\n"              # 3
)


def expectations(path: Path) -> list[tuple[int, int, str]]:
    out = []
    for raw in path.read_bytes().split(b"\n"):
        m = re.match(rb"# expect: (\d+):(\d+) (.*)$", raw)
        if m:
            out.append((int(m[1]), int(m[2]), m[3].decode("utf-8")))
    return out


def problems(text: str) -> list[Diagnostic]:
    found = validate_text(text, "s.yaml")
    assert found, "expected the scenario to be invalid"
    return found


# --------------------------------------------------------------------------- the record


def test_format_with_path_and_suggestion() -> None:
    d = Diagnostic("s.yaml", 7, 5, ("sops", "traffic_daily", 2, "evry"), "unknown key 'evry'", "every")
    assert d.format() == "s.yaml:7:5: sops.traffic_daily.2.evry: unknown key 'evry' (did you mean 'every'?)"
    assert str(d) == d.format()


def test_format_without_path_and_for_the_whole_file() -> None:
    assert Diagnostic("s.yaml", 1, 1, (), "the file is empty").format() == "s.yaml:1:1: the file is empty"
    assert Diagnostic("big.yaml", 0, 0, (), "too big").format() == "big.yaml: too big"
    warning = Diagnostic("s.yaml", 2, 3, ("a",), "odd", severity="warning")
    assert warning.format() == "s.yaml:2:3: a: warning: odd"


def test_diagnostic_is_frozen_and_serialisable() -> None:
    d = Diagnostic("s.yaml", 2, 3, ("groups", 0, "type"), "m", "x")
    with pytest.raises(AttributeError):
        d.line = 4  # type: ignore[misc]
    assert d.to_dict() == {
        "file": "s.yaml", "line": 2, "col": 3, "key_path": ["groups", 0, "type"],
        "message": "m", "suggestion": "x", "severity": "error",
    }


def test_scenario_error_carries_every_diagnostic() -> None:
    a = Diagnostic("s.yaml", 1, 1, (), "one")
    b = Diagnostic("s.yaml", 2, 1, (), "two")
    err = ScenarioError([a, b])
    assert err.diagnostics == [a, b]
    assert str(err) == "s.yaml:1:1: one\ns.yaml:2:1: two"


def test_did_you_mean() -> None:
    keys = ["every", "day", "at", "on", "product"]
    assert did_you_mean("evry", keys) == "every"
    assert did_you_mean("prodcut", keys) == "product"
    assert did_you_mean("Day", keys) == "day"
    assert did_you_mean("flashsale", ["flash_sale", "coupon"]) == "flash_sale"
    assert did_you_mean("zzzzzz", keys) is None
    assert did_you_mean("every", keys) is None  # already right: nothing to suggest
    assert did_you_mean(3, keys) is None


def test_allowed_keys_of_a_step_depend_on_its_action() -> None:
    data = {"sops": {"s": [{"do": "coupon"}, {"do": "welcome"}, {"do": "nonsense"}]}}
    coupon = allowed_keys(("sops", "s", 0), data)
    welcome = allowed_keys(("sops", "s", 1), data)
    assert {"lasts", "stock", "product", "every", "from", "anchor"} <= set(coupon)
    assert "product" not in welcome and {"every", "from"} <= set(welcome)
    assert allowed_keys(("sops", "s", 2), data) == []
    assert "top_active" in allowed_keys(("sops", "s", 0, "select"), {"sops": {"s": [{"do": "migrate"}]}})
    assert "leave_base" in allowed_keys(("model", "group_types", "traffic"), {})
    assert "sops" in allowed_keys((), {})


# --------------------------------------------------------------------------- the corpus


def test_the_corpus_covers_every_bad_input_class() -> None:
    names = {p.stem for p in BAD}
    required = {
        "wrong_type", "unknown_key", "misspelt_action_key", "misspelt_action", "duplicate_key",
        "negative_rate", "nan_rate", "shares_sum", "day_beyond_days", "unknown_sop", "unknown_product",
        "unknown_channel", "unknown_migrate_target", "syntax_error", "tab_indentation", "not_utf8",
        "empty", "top_level_list", "alias_bomb", "deep_nesting", "days_limit",
    }
    assert required <= names, required - names
    assert all(expectations(p) for p in BAD), [p.name for p in BAD if not expectations(p)]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_gives_exactly_the_expected_messages(path: Path) -> None:
    expected = expectations(path)
    found = validate_file(path)
    shown = [d.format() for d in found]
    assert len(found) == len(expected), shown  # one message per problem, no more
    for line, col, fragment in expected:
        assert any(d.line == line and d.col == col and fragment in d.format() for d in found), (
            f"no diagnostic at {line}:{col} containing {fragment!r}: {shown}"
        )
    for d in found:
        assert d.file == str(path)
        assert d.format().startswith(f"{path}:{d.line}:{d.col}: ")
        assert not PYDANTIC_WORDING.search(d.format()), d.format()


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_load_scenario_raises_scenario_error_for_bad_files(path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert info.value.diagnostics == validate_file(path)


@pytest.mark.parametrize("path", GOOD, ids=[p.stem for p in GOOD])
def test_good_files_load(path: Path) -> None:
    assert validate_file(path) == []
    scenario = load_scenario(path)
    assert isinstance(scenario, Scenario) and scenario.simgroup == 1


def test_bundled_scenarios_validate() -> None:
    bundled = sorted((REPO / "scenarios").glob("*.yaml")) + sorted((REPO / "scenarios").glob("*.yml"))
    if not bundled:
        pytest.skip("no bundled scenarios/*.yaml yet")
    problems = {p.name: [d.format() for d in validate_file(p)] for p in bundled}
    assert {k: v for k, v in problems.items() if v} == {}


# --------------------------------------------------------------------------- mapping pydantic errors


def test_missing_key_points_at_the_parent_mapping() -> None:
    (d,) = problems(HEADER + "groups:\n  - id: g\n    channels: []\n")
    assert (d.line, d.col) == (5, 5) and d.key_path == ("groups", 0)
    assert d.message == "missing required key 'type'"


def test_missing_key_of_an_action_names_the_action() -> None:
    text = HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n    - {day: 1, do: migrate}\n"
    (d,) = problems(text)
    assert (d.line, d.col) == (7, 7) and d.key_path == ("sops", "s", 0)
    assert d.message == "missing required key 'to' (do: migrate needs it)"


def test_unknown_key_points_at_the_key_itself() -> None:
    (d,) = problems(HEADER + "groups:\n  - id: g\n    type: traffic\n    sopp: daily\n")
    assert (d.line, d.col) == (7, 5) and d.key_path == ("groups", 0, "sopp")
    assert (d.message, d.suggestion) == ("unknown key 'sopp'", "sop")


def test_step_key_suggestions_come_from_the_action_class() -> None:
    text = HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n    - {day: 1, do: coupon, product: p, lasst: 2h}\nproducts: [{id: p, price: 1}]\n"
    (d,) = problems(text)
    assert d.key_path == ("sops", "s", 0, "lasst") and d.suggestion == "lasts"
    # `lasts` is not a key of `post`: no suggestion of it there.
    text = text.replace("do: coupon, product: p, lasst: 2h", "do: post, lasst: 2h")
    (d,) = problems(text)
    assert d.suggestion != "lasts"


def test_the_from_alias_is_suggested() -> None:
    text = HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n    - {day: 1, fro: member, do: post}\n"
    (d,) = problems(text)
    assert d.suggestion == "from"


def test_discriminator_tag_is_stripped_from_the_key_path() -> None:
    text = HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n    - {day: 1, do: post, kind: tip}\n"
    (d,) = problems(text)
    assert d.key_path == ("sops", "s", 0, "kind")  # not ('sops', 's', 0, 'post', 'kind')
    assert d.message.startswith("unknown kind 'tip' (expected one of: tips, story, product, testimonial, ad)")
    assert d.suggestion == "tips"


def test_a_step_key_named_like_its_action_is_not_mistaken_for_the_tag() -> None:
    # pydantic's loc is ('sops', 's', 0, 'tag', 'name'): the first 'tag' is the inserted tag,
    # even though the step also has a `tag:` key.
    text = HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n    - {day: 1, do: tag, tag: vip, name: 'a b'}\n"
    (d,) = problems(text)
    assert d.key_path == ("sops", "s", 0, "name") and (d.line, d.col) == (7, 41)


def test_a_union_gives_one_message() -> None:
    base = HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n"
    (d,) = problems(base + "    - {day: soon, do: post}\n")
    assert d.key_path == ("sops", "s", 0, "day")
    assert d.message == "expected a whole number or a list, got 'soon'"
    (d,) = problems(base + "    - {day: [1, -2], do: post}\n")
    assert d.key_path == ("sops", "s", 0, "day", 1) and (d.line, d.col) == (7, 17)
    assert d.message == "must not be negative, got -2"


def test_a_step_that_is_not_a_mapping() -> None:
    (d,) = problems(HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n    - welcome\n")
    assert d.key_path == ("sops", "s", 0) and (d.line, d.col) == (7, 7)
    assert d.message == "a step is a mapping such as {on: member_join, do: welcome}, got 'welcome'"


def test_a_step_without_do() -> None:
    (d,) = problems(HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n    - {day: 1}\n")
    assert d.message.startswith("a step needs 'do:' naming its action (welcome, post,")


def test_many_problems_are_reported_at_once_in_file_order() -> None:
    text = (
        "simgroup: 1\n"
        "name: many\n"
        "days: -1\n"
        "replications: lots\n"
        "groups:\n"
        "  - {id: g, type: trafic, sop: nope}\n"
        "operators: {count: 0, persona: guru}\n"
    )
    found = problems(text)
    assert [(d.line, d.dotted_path) for d in found] == [
        (3, "days"), (4, "replications"), (6, "groups.0.type"), (7, "operators.count"), (7, "operators.persona"),
    ]
    assert found[0].message == "must be at least 1, got -1"
    assert found[1].message == "expected a whole number, got 'lots'"


def test_all_unknown_references_are_reported_together() -> None:
    text = HEADER + (
        "products: [{id: trial, price: 9.9}]\n"
        "groups: [{id: g, type: traffic, sop: s, channels: [nope]}]\n"
        "sops:\n"
        "  s:\n"
        "    - {day: 1, do: coupon, product: trail}\n"
        "    - {day: 2, do: migrate, to: gg}\n"
        "expect: [{kpi: profit, group: x, at_least: 0}]\n"
    )
    found = problems(text)
    assert [d.dotted_path for d in found] == [
        "groups.0.channels.0", "sops.s.0.product", "sops.s.1.to", "expect.0.group",
    ]
    assert found[1].suggestion == "trial" and found[2].suggestion == "g"


def test_key_path_through_a_list_uses_numbers() -> None:
    text = HEADER + (
        "products: [{id: trial, price: 9.9}]\n"
        "groups: [{id: g, type: traffic, sop: traffic_daily}]\n"
        "sops:\n"
        "  traffic_daily:\n"
        "    - {on: member_join, do: welcome}\n"
        "    - {every: day, do: post}\n"
        "    - {day: 2, do: flash_sale, product: triall}\n"
    )
    (d,) = problems(text)
    assert d.format().startswith("s.yaml:10:41: sops.traffic_daily.2.product: unknown product 'triall'")
    assert d.format().endswith("(did you mean 'trial'?)")


def test_clock_and_every_messages_do_not_repeat_the_key() -> None:
    base = HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n"
    (d,) = problems(base + "    - {every: fortnightly, do: post}\n")
    assert d.dotted_path == "sops.s.0.every" and d.message.startswith("expected 'day', 'Nd'")
    (d,) = problems(base + "    - {day: 1, at: '25:00', do: post}\n")
    assert d.dotted_path == "sops.s.0.at" and d.message.startswith("expected 'HH:MM'")


def test_flow_mapping_weekday_list_hint() -> None:
    base = HEADER + "groups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n"
    found = problems(base + "    - {every: mon,wed, do: post}\n")
    assert [d.dotted_path for d in found] == ["sops.s.0.wed"]
    assert 'quote a weekday list: every: "mon,wed,fri"' in found[0].message


def test_model_overrides_are_checked_at_the_user_s_key_paths() -> None:
    text = HEADER + "groups: [{id: g, type: traffic}]\nmodel:\n  chatter:\n    time_of_day: [1, 2, 3]\n"
    (d,) = problems(text)
    assert d.dotted_path == "model.chatter.time_of_day" and d.message == "needs exactly 24 values, got 3"
    assert d.line == 7


def test_version_key() -> None:
    (d,) = problems("name: t\ndays: 7\ngroups: [{id: g, type: traffic}]\n")
    assert (d.line, d.col) == (1, 1) and "missing 'simgroup: 1'" in d.message
    (d,) = problems("simgroup: '1'\nname: t\ndays: 7\ngroups: [{id: g, type: traffic}]\n")
    assert (d.line, d.col) == (1, 11) and "the file says '1'" in d.message


def test_load_scenario_text_returns_the_model() -> None:
    s = load_scenario_text(HEADER + "groups: [{id: g, type: traffic}]\n")
    assert s.days == 7 and s.groups[0].type == "traffic"


def test_relative_path_is_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.yaml").write_text(HEADER + "groups: []\n", encoding="utf-8")
    (d,) = validate_file("x.yaml")
    assert d.format() == "x.yaml:4:1: groups: needs at least 1 item, got 0"


# --------------------------------------------------------------------------- never a crash


GOOD_TEXT = (HERE / "good_full.yaml").read_text(encoding="utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cuts=st.lists(st.tuples(st.integers(0, len(GOOD_TEXT)), st.integers(0, 12)), max_size=3),
    inserts=st.lists(
        st.tuples(st.integers(0, len(GOOD_TEXT)), st.sampled_from([":", "-", " ", "\t", "[", "{", "'", "&a", "*a", "\n", "x", "-1", ".nan", "<<: "])),
        max_size=3,
    ),
)
def test_mutated_scenarios_never_crash(cuts: list[tuple[int, int]], inserts: list[tuple[int, str]]) -> None:
    text = GOOD_TEXT
    for at, n in cuts:
        text = text[:at] + text[at + n:]
    for at, piece in inserts:
        text = text[:at] + piece + text[at:]
    for d in validate_text(text, "m.yaml"):
        assert isinstance(d, Diagnostic) and d.message
        assert d.line >= 1 and d.col >= 1
        assert not PYDANTIC_WORDING.search(d.format()), d.format()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_arbitrary_text_never_crashes(text: str) -> None:
    for d in validate_text(text, "r.yaml"):
        # the file's own text may come back quoted ('Input should'): look outside the quotes
        assert d.message and not PYDANTIC_WORDING.search(_unquoted(d.format()))


def _unquoted(line: str) -> str:
    return _QUOTED.sub("", line)


_QUOTED = re.compile(r"(?<![A-Za-z])'(?:[^'\\]|\\.)*'" + r'|"(?:[^"\\]|\\.)*"')


def test_the_scenario_core_does_not_import_ui_libraries() -> None:
    code = (
        "import sys; import simgroup.scenario, simgroup.scenario.schema, simgroup.scenario.reference; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'click')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
