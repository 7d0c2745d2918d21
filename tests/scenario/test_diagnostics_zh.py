"""Diagnostics in Chinese: every problem of the bad-input corpus reads in Chinese, at the same
``file:line:col`` and key path, with the author's values as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from simgroup.cli import main
from simgroup.scenario.diagnostics import Diagnostic
from simgroup.scenario.diagnostics_zh import translate
from simgroup.scenario.loader import validate_file
from tests.reliability.test_bad_inputs import CASES

BAD = sorted((Path(__file__).parent / "bad").glob("*.yaml"))

#: English words that only prose has: one left in a Chinese message means a phrase was not
#: translated. (Keys, vocabulary and ids such as ``every``, ``day``, ``trial`` are not prose.)
_PROSE_WORDS = (
    "the a an is are was be must not no of to in into on for with or and but this that these it its "
    "expected got unknown missing key keys file value values number numbers list mapping text "
    "allowed defined known needs need only use write remove quote quotes starting letter letters "
    "digits over limit least most than greater less empty twice above below before after beyond "
    "found cannot can does while parsing scanning line lines indentation character document "
    "alias tag supported scenario scenarios step steps name names whole finite "
    "negative date duration minutes hour window such like"
)
PROSE = frozenset(_PROSE_WORDS.split())

#: What is not prose in a message: quoted values, lists after a colon, key paths, tags, options.
_NOT_PROSE = re.compile(
    r"""(?<![A-Za-z])'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|\{[^}]*\}|\[[^\]]*\]"""
    r"""|(?:可选|已知|已定义|可用的键|动作|KPI|那里的群)：[^）]*|\S*[_./\\!*&<>:+]\S*|--\S+|\b0x[0-9a-f]+\b"""
)


def _english_left(zh: str) -> list[str]:
    rest = _NOT_PROSE.sub(" ", zh)
    return [w for w in re.findall(r"[A-Za-z]+", rest) if w.lower() in PROSE]


def _corpus(tmp_path: Path) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for path in BAD:
        out += validate_file(str(path))
    for case in CASES:
        target = tmp_path / f"{case.name}.yaml"
        target.write_bytes(case.content() if callable(case.content) else case.content)
        out += validate_file(str(target))
    return out


def test_every_corpus_diagnostic_reads_in_chinese(tmp_path: Path) -> None:
    diagnostics = _corpus(tmp_path)
    assert len(diagnostics) > 80
    left = {d.message: _english_left(d.format("zh")) for d in diagnostics}
    untranslated = {m: words for m, words in left.items() if words}
    assert not untranslated, "\n".join(f"{m!r}: {w}" for m, w in untranslated.items())


def test_the_place_and_key_path_stay_and_only_the_message_changes(tmp_path: Path) -> None:
    for d in _corpus(tmp_path):
        en, zh = d.format("en"), d.format("zh")
        head = en[: len(en) - len(d.message) - (len(f" (did you mean {d.suggestion!r}?)") if d.suggestion else 0)]
        if d.severity != "error":
            head = head[: -len(f"{d.severity}: ")]
        assert zh.startswith(head), (en, zh)
        assert re.search(r"[\u4e00-\u9fff]", zh[len(head):]), zh


@pytest.mark.parametrize(("english", "kept"), [
    ("unknown key 'prodcut'", "'prodcut'"),
    ("unknown product 'trail' (defined: set, trial)", "'trail'"),
    ("expected a whole number, got 'two weeks'", "'two weeks'"),
    ("day 9 is beyond the scenario's 7 days (days are 0..6)", "0..6"),
    ("'the file is empty' is not a valid name: use letters (any script), digits, '_' and '-', starting with a letter or '_'",
     "'the file is empty'"),
])
def test_the_authors_values_are_never_translated(english: str, kept: str) -> None:
    zh = translate(english)
    assert kept in zh and zh != english
    assert re.search(r"[\u4e00-\u9fff]", zh)


def test_a_suggestion_reads_in_chinese() -> None:
    d = Diagnostic("a.yaml", 3, 5, ("sops", "s", 0, "evry"), "unknown key 'evry'", "every")
    assert d.format("zh") == "a.yaml:3:5: sops.s.0.evry: 未知的键 'evry'（是不是要写 'every'？）"
    assert d.format("en") == "a.yaml:3:5: sops.s.0.evry: unknown key 'evry' (did you mean 'every'?)"


BAD_KEY = Path(__file__).parent / "bad" / "unknown_key.yaml"


@pytest.mark.parametrize("args", [
    ["--lang", "zh", "validate", str(BAD_KEY)],
    ["validate", "--lang", "zh", str(BAD_KEY)],
])
def test_the_command_line_speaks_chinese_when_asked(args: list[str]) -> None:
    result = CliRunner().invoke(main, args, env={"SIMGROUP_LANG": "en"})
    assert result.exit_code == 2
    assert "未知的键 'evry'（是不是要写 'every'？）" in result.output


def test_the_language_also_comes_from_the_environment() -> None:
    zh = CliRunner().invoke(main, ["validate", str(BAD_KEY)], env={"SIMGROUP_LANG": "zh", "LANG": "C.UTF-8"})
    en = CliRunner().invoke(main, ["validate", str(BAD_KEY)], env={"SIMGROUP_LANG": "", "LC_ALL": "", "LANG": "C.UTF-8"})
    assert "未知的键" in zh.output and "unknown key 'evry'" in en.output
