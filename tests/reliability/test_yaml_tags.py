"""Values the YAML layer lets through that the scenario must refuse in one located line.

* **Explicit YAML tags** on values of the wrong kind (``replications: !!bool 20``, ``!!int ''``,
  ``!!timestamp notadate``, ``!!binary``, ``!!set``, ...): PyYAML's constructors raised
  ``KeyError`` / ``IndexError`` / ``AttributeError`` on them, an "internal error" without a
  location. Each is now a diagnostic at the tagged value, naming the tag, what it needs and how to
  fix it; in a file, in ``simgroup validate`` and in ``simgroup sweep --set``.
* **Control characters in values** (newline, tab, CR, ESC, NEL, U+2028, ...): quoted into a
  message they split it over several lines. Every diagnostic is one line; Chinese stays as is.
* **Money and counts** have finite upper bounds (:mod:`simgroup.scenario.limits`): ``1e308`` for a
  cost validated and its KPIs came out null.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from simgroup.engine import simulate_replication
from simgroup.experiment.sweep import SweepError, parse_axis
from simgroup.scenario import ScenarioError, load_scenario_text, validate_text
from simgroup.scenario.diagnostics import Diagnostic
from simgroup.scenario.limits import MAX_GROUP_MEMBERS, MAX_MONEY_CNY, MAX_STOCK
from simgroup.scenario.vocabulary import MAX_DAYS
from tests.reliability._proc import cli

REPO = Path(__file__).resolve().parent.parent.parent
HEAD = "simgroup: 1\nname: t\ndays: 7\ngroups: [{id: g, type: traffic}]\n"  # lines 1-4

# (value written after "replications: ", a fragment of its one diagnostic)
TAGGED: tuple[tuple[str, str], ...] = (
    ("!!bool 20", "the tag !!bool needs true or false, got '20' (remove the tag !!bool"),
    ("!!bool yes", "the tag !!bool needs true or false, got 'yes'"),  # YAML 1.1's yes is not 1.2's
    ("!!bool ''", "the tag !!bool needs true or false, got ''"),
    ("!!int ''", "the tag !!int needs a whole number, got '' (remove the tag !!int, or write a whole"),
    ("!!int _", "the tag !!int needs a whole number, got '_'"),
    ("!!int '-'", "the tag !!int needs a whole number, got '-'"),
    ("!!int 0x", "the tag !!int needs a whole number, got '0x'"),
    ("!!int 0b", "the tag !!int needs a whole number, got '0b'"),
    ("!!int 1.5", "the tag !!int needs a whole number, got '1.5'"),
    ("!!int 0x_", "cannot read the value '0x_' as a whole number"),
    ("!!float ''", "the tag !!float needs a number, got ''"),
    ("!!float abc", "the tag !!float needs a number, got 'abc'"),
    ("!!float '.'", "the tag !!float needs a number, got '.'"),
    ("!!float ._", "cannot read the value '._' as a number"),
    ("!!null x", "the tag !!null needs nothing (null, ~ or no value), got 'x' (remove the tag !!null"),
    ("!!timestamp notadate", "the tag !!timestamp needs a date (YYYY-MM-DD)"),
    ("!!timestamp ''", "the tag !!timestamp needs a date"),
    ("!!timestamp 2026-13-45", "cannot read the value '2026-13-45' as a date (YYYY-MM-DD) or a date-time"),
    ("!!binary '@@@'", "the tag tag:yaml.org,2002:binary is not supported in a scenario (remove the tag !!binary"),
    ("!!binary aGVsbG8=", "the tag tag:yaml.org,2002:binary is not supported"),
    ("!!set 3", "the tag tag:yaml.org,2002:set is not supported"),
    ("!!set {a: 1}", "the tag tag:yaml.org,2002:set is not supported"),
    ("!!omap [{a: 1}]", "the tag tag:yaml.org,2002:omap is not supported"),
    ("!!omap 3", "the tag tag:yaml.org,2002:omap is not supported"),
    ("!!pairs [[a, 1]]", "the tag tag:yaml.org,2002:pairs is not supported"),
    ("!!map 3", "the tag !!map needs a mapping, got '3' (remove the tag !!map, or write a mapping)"),
    ("!!seq 3", "the tag !!seq needs a list, got '3'"),
    ("!!map [1]", "the tag !!map needs a mapping, got a list"),
    ("!!str [1]", "the tag !!str needs text, got a list"),
    ("!!int [1]", "the tag !!int needs a whole number, got a list"),
    ("!!bool {a: 1}", "the tag !!bool needs true or false, got a mapping"),
    ("!!python/tuple [1]", "the tag tag:yaml.org,2002:python/tuple is not supported"),
    ("!!merge x", "the tag tag:yaml.org,2002:merge is not supported"),
    ("!local 3", "the tag !local is not supported"),
)


def _at(text: str, written: str) -> tuple[int, int]:
    """``(line, col)`` (1-based) of the value in ``written``, an excerpt ``key: value`` of
    ``text`` (which must occur once), or of ``written`` itself when it holds no ``": "``."""
    assert text.count(written) == 1, written
    index = text.index(written) + (written.index(": ") + 2 if ": " in written else 0)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _one(text: str, file: str = "f.yaml") -> list[Diagnostic]:
    try:
        return validate_text(text, file)
    except Exception as exc:
        pytest.fail(f"{type(exc).__name__} escaped validation: {exc}\n{text}")


# --------------------------------------------------------------------------- tags


@pytest.mark.parametrize(("value", "fragment"), TAGGED, ids=[v for v, _ in TAGGED])
def test_a_tag_on_the_wrong_value_is_a_located_diagnostic(value: str, fragment: str) -> None:
    diagnostics = _one(HEAD + f"replications: {value}\n")
    assert len(diagnostics) == 1, [d.format() for d in diagnostics]
    d = diagnostics[0]
    assert (d.line, d.col, d.key_path) == (5, 15, ("replications",)), d.format()
    assert fragment in d.message, d.format()
    assert d.format().startswith("f.yaml:5:15: replications: ")


def test_tags_are_located_wherever_they_are_written() -> None:
    text = (
        HEAD
        + "channels:\n"
        + "  - {id: c, per_day: !!int x, add_rate: !!float y}\n"
        + "description: [a, !!bool maybe, &bad !!timestamp soon]\n"
        + "seed: *bad\n"  # an alias to a bad value: located at the value it names
    )
    found = {(d.line, d.col, d.key_path) for d in _one(text)}
    assert {
        (*_at(text, "per_day: !!int x"), ("channels", 0, "per_day")),
        (*_at(text, "add_rate: !!float y"), ("channels", 0, "add_rate")),
        (*_at(text, "!!bool maybe"), ("description", 1)),
        (*_at(text, "&bad"), ("description", 2)),
        (*_at(text, "&bad"), ("seed",)),
    } == found


def test_tags_on_values_of_their_own_type_still_read() -> None:
    text = (
        "simgroup: !!int 1\nname: !!str 123\ndays: !!int 7\nreplications: !!int 2\nseed: !!int 0x10\n"
        "start: !!timestamp 2026-01-05\ndescription: !!null\n"
        "audience: !!map {regular: !!float 1}\ngroups: !!seq [{id: g, type: !!str traffic}]\n"
    )
    diagnostics = _one(text)
    # description: null is "expected text, got nothing": the tag itself was read, not refused
    assert [d.key_path for d in diagnostics] == [("description",)], [d.format() for d in diagnostics]
    scenario = load_scenario_text(text.replace("description: !!null\n", ""), "f.yaml")
    assert (scenario.name, scenario.seed, scenario.replications) == ("123", 16, 2)


def test_tagged_values_through_simgroup_validate(tmp_path: Path) -> None:
    for i, (value, fragment) in enumerate(TAGGED[::3]):
        path = tmp_path / f"tag{i}.yaml"
        path.write_text(HEAD + f"replications: {value}\n", encoding="utf-8")
        code, out, err, exc = cli("validate", str(path))
        assert exc is None and code == 2, (value, err, exc)
        assert out == ""
        assert len(err.splitlines()) == 1 and err.startswith(f"{path}:5:15: replications: "), err
        assert fragment in err and "internal error" not in err, err


def test_a_tagged_sweep_value_is_a_clear_error() -> None:
    with pytest.raises(SweepError, match=r"the tag !!bool needs true or false, got '20'"):
        parse_axis("channels.0.add_rate=!!bool 20")
    with pytest.raises(SweepError, match=r"the tag !!int needs a whole number"):
        parse_axis("channels.0.per_day=5, !!int ''")
    scenario = REPO / "scenarios" / "traffic.yaml"
    for raw in ("!!bool 20", "!!timestamp notadate", "!!float abc, 0.5", "!!binary x"):
        code, out, err, exc = cli(
            "sweep", str(scenario), "--set", f"channels.0.add_rate={raw}", "--reps", "1", "--days", "1",
            "--workers", "1",
        )
        assert exc is None and code == 2 and out == "", (raw, code, out, err, exc)
        assert "internal error" not in err and "the tag !!" in err, err
        assert len(err.strip().splitlines()) == 1, err


# --------------------------------------------------------------------------- one line per diagnostic

CONTROLS = ("\n", "\r", "\t", "\x1b", "\x00", "\x7f", "\x85", "\u2028", "\u2029", "\r\n")


@pytest.mark.parametrize("char", CONTROLS, ids=[repr(c) for c in CONTROLS])
def test_a_value_with_a_control_character_gives_one_line_per_diagnostic(char: str) -> None:
    escaped = char.encode("unicode_escape").decode("ascii")
    # A Python string, so YAML's double-quoted escapes carry the character into the values.
    yaml_char = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e", "\x00": "\\0", "\x7f": "\\x7f",
                 "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\r\n": "\\r\\n"}[char]
    text = (
        HEAD.replace("groups: [{id: g, type: traffic}]\n", "")
        + f'groups: "两{yaml_char}行"\n'  # line 4: "expected a list, got ... (write [...])"
        + f'"k{yaml_char}ey": 1\n'  # line 5: an unknown key, also in the key path
        + f'products: [{{id: p, price: 1, role: "le{yaml_char}ad"}}]\n'  # line 6: an unknown role
    )
    diagnostics = _one(text)
    assert {d.line for d in diagnostics} == {4, 5, 6}, [d.format() for d in diagnostics]
    for d in diagnostics:
        line = d.format()
        assert line.splitlines() == [line], line  # splitlines knows every line break Unicode has
        assert not any(c in line for c in "\x00\x1b\x7f\x85\t"), line
        assert d.to_dict()["message"].splitlines() == [d.message]
    groups = next(d for d in diagnostics if d.line == 4)
    assert "两" in groups.message and "行" in groups.message, groups.message  # printable Unicode kept
    assert escaped in groups.message, groups.message
    error = ScenarioError(diagnostics)
    assert len(str(error).splitlines()) == len(diagnostics)


def test_a_file_name_with_a_newline_stays_on_the_line() -> None:
    d = Diagnostic("dir\nname.yaml", 3, 1, ("a\tb", 0), "bad\u2028value", suggestion="x\ny")
    assert d.format() == "dir\\nname.yaml:3:1: a\\tb.0: bad\\u2028value (did you mean 'x\\\\ny'?)"
    assert d.format().splitlines() == [d.format()]


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_lines_are_counted_as_an_editor_counts_them(char: str) -> None:
    """YAML also ends a line at NEL, LS and PS; an editor does not, so a position after one
    must not be a line further down than the author sees."""
    text = HEAD + f'description: "a{char}b"\nreplications: x\n'  # lines 5 and 6 to an editor
    assert [(d.line, d.col, d.key_path) for d in _one(text)] == [(6, 15, ("replications",))]
    text = HEAD + f'description: "a{char}b"\nreplications: [\n'  # a syntax error at the end: 7:1
    assert [(d.line, d.col) for d in _one(text)] == [(7, 1)]


def test_control_characters_through_simgroup_validate(tmp_path: Path) -> None:
    path = tmp_path / "ctl.yaml"
    path.write_text(HEAD.replace("groups: [{id: g, type: traffic}]\n", 'groups: "two\\nlines"\n'
                                 '"a\\u2028b": 1\n'), encoding="utf-8")
    code, out, err, exc = cli("validate", str(path))
    assert exc is None and code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{path}:") for line in lines), err
    assert "expected a list, got 'two\\nlines'" in err


# --------------------------------------------------------------------------- bounds of money and counts

STEP_HEAD = HEAD.replace("groups: [{id: g, type: traffic}]\n", "") + (
    "products: [{id: p, price: 5}]\ngroups: [{id: g, type: traffic, sop: s}]\nsops:\n  s:\n"
)  # lines 4-7; steps from line 8

# (the file, the key path, where its value is written ("key: value"), a fragment of the message)
BOUNDS: tuple[tuple[str, tuple[str | int, ...], str, str], ...] = (
    (HEAD + "channels: [{id: c, per_day: 1, cost_per_unit: 1e308}]\n", ("channels", 0, "cost_per_unit"),
     "cost_per_unit: 1e308", "must be at most 1,000,000,000, got 1e+308"),
    (HEAD + "channels: [{id: c, per_day: 1, cost_per_join: .inf}]\n", ("channels", 0, "cost_per_join"),
     "cost_per_join: .inf", "expected a finite number, got .inf"),
    (HEAD + "products: [{id: p, price: .nan}]\n", ("products", 0, "price"),
     "price: .nan", "expected a finite number, got .nan"),
    (HEAD + "products: [{id: p, price: 1, unit_cost: 2e9}]\n", ("products", 0, "unit_cost"),
     "unit_cost: 2e9", "must be at most 1,000,000,000, got 2000000000"),
    (HEAD + "operators: {hourly_cost: 1e12}\n", ("operators", "hourly_cost"),
     "hourly_cost: 1e12", "must be at most 1,000,000,000"),
    (HEAD.replace("traffic}", "traffic, initial_cost_per_member: 1e10}"), ("groups", 0, "initial_cost_per_member"),
     "initial_cost_per_member: 1e10", "must be at most 1,000,000,000"),
    (STEP_HEAD + "    - {day: 1, do: lottery, winners: 501}\n", ("sops", "s", 0, "winners"),
     "winners: 501", "must be at most 500, got 501"),
    (STEP_HEAD + "    - {day: 1, do: lottery, prize: 1e300}\n", ("sops", "s", 0, "prize"),
     "prize: 1e300", "must be at most 1,000,000,000, got 1e+300"),
    (STEP_HEAD + "    - {day: 1, do: red_packet, total: 1e308, shares: 10}\n", ("sops", "s", 0, "total"),
     "total: 1e308", "must be at most 1,000,000,000"),
    (STEP_HEAD + "    - {day: 1, do: fission, reward: 1e20}\n", ("sops", "s", 0, "reward"),
     "reward: 1e20", "must be at most 1,000,000,000"),
    (STEP_HEAD + "    - {day: 1, do: checkin, tiers: [{days: 3, reward: 1e308}]}\n",
     ("sops", "s", 0, "tiers", 0, "reward"), "reward: 1e308", "must be at most 1,000,000,000"),
    (STEP_HEAD + "    - {day: 1, do: checkin, tiers: [{days: 400, reward: 1}]}\n",
     ("sops", "s", 0, "tiers", 0, "days"), "days: 400", "400 is over the limit: days can be at most 365"),
    (STEP_HEAD + "    - {day: 1, do: coupon, product: p, stock: 1000000000000}\n", ("sops", "s", 0, "stock"),
     "stock: 1000000000000", "must be at most 100,000,000, got 1000000000000"),
    (STEP_HEAD + "    - {day: 1, do: flash_sale, product: p, stock: 0x" + "f" * 5000 + "}\n",
     ("sops", "s", 0, "stock"), "stock: 0x", "got a number of about 6021 digits"),
    (STEP_HEAD + "    - {day: 1, do: welcome, min_size: 501}\n", ("sops", "s", 0, "min_size"),
     "min_size: 501", "must be at most 500, got 501"),
    (STEP_HEAD + "    - {on: member_count, min: 100000, do: welcome}\n", ("sops", "s", 0, "min"),
     "min: 100000", "must be at most 500, got 100000"),
    (STEP_HEAD + "    - {day: 1, do: welcome, minutes: 1e9}\n", ("sops", "s", 0, "minutes"),
     "minutes: 1e9", "must be at most 1440, got 1000000000"),
    (STEP_HEAD + "    - {day: 100000000000000000000000000000, do: welcome}\n", ("sops", "s", 0, "day"),
     "day: 1000", "must be at most 365, got a 30-digit number"),
    (HEAD + "products: [{id: p, price: 1, repurchase_days: 1e9}]\n", ("products", 0, "repurchase_days"),
     "repurchase_days: 1e9", "must be at most 3650"),
)


@pytest.mark.parametrize(("text", "path", "written", "fragment"), BOUNDS, ids=[b[2] for b in BOUNDS])
def test_money_and_counts_have_upper_bounds(
    text: str, path: tuple[str | int, ...], written: str, fragment: str
) -> None:
    diagnostics = _one(text)
    found = [(d.line, d.col, d.key_path) for d in diagnostics if fragment in d.message]
    assert found == [(*_at(text, written), path)], [d.format() for d in diagnostics]


def test_the_largest_amounts_allowed_keep_the_kpis_finite() -> None:
    """At every bound at once, one replication's KPIs are numbers, not null."""
    big = MAX_MONEY_CNY
    text = (
        "simgroup: 1\nname: t\ndays: 2\nreplications: 1\n"
        f"channels: [{{id: c, per_day: 200, cost_per_unit: {big}, cost_per_join: {big}}}]\n"
        f"operators: {{hourly_cost: {big}}}\n"
        f"products: [{{id: p, price: {big}, unit_cost: {big}}}]\n"
        f"groups: [{{id: g, type: flash_sale, channels: [c], sop: s, initial_members: 50, "
        f"initial_cost_per_member: {big}}}]\n"
        "sops:\n  s:\n"
        f"    - {{day: 0, at: '10:00', do: flash_sale, product: p, discount: 0.5, stock: {MAX_STOCK}}}\n"
        f"    - {{day: 0, at: '11:00', do: lottery, winners: {MAX_GROUP_MEMBERS}, prize: {big}}}\n"
        f"    - {{day: 1, at: '11:00', do: fission, reward: {big}, minutes: 1440}}\n"
        f"    - {{day: 0, at: '12:00', do: checkin, tiers: [{{days: 1, reward: {big}}}]}}\n"
    )
    scenario = load_scenario_text(text, "big.yaml")
    kpis = simulate_replication(scenario, 0).kpis
    for name in ("gmv", "profit", "cost_acquisition", "cost_incentives", "cost_labor"):
        value = kpis[name]
        assert value is not None and math.isfinite(value), (name, value)
    assert MAX_DAYS == 365  # the day bounds in the models are the scenario's own limit
