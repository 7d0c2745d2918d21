"""``simgroup init``: every type × language validates and runs, the schema lands next to the file,
an existing file is not replaced without --force; the starters stay equal to the bundled examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from simgroup.scenario import load_scenario, load_scenario_text
from simgroup.scenario.schema import schema_text
from simgroup.scenario.starter import KINDS, LANGS, SCHEMA_FILE, starter_text
from tests.cli.conftest import invoke

EXAMPLES = Path(__file__).resolve().parents[2] / "simgroup" / "examples"
MODELINE = "# yaml-language-server: $schema=./scenario.schema.json"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_each_starter_is_written_with_its_schema_validates_and_runs(tmp_path: Path, kind: str, lang: str) -> None:
    path = tmp_path / "new" / "dir" / f"{kind}.yaml"  # missing directories are created
    code, out, err = invoke("init", "--type", kind, "--lang", lang, str(path))
    assert (code, err) == (0, ""), err
    assert str(path) in out and "simgroup run" in out
    text = path.read_text(encoding="utf-8")
    assert text == starter_text(kind, lang) and text.splitlines()[0] == MODELINE
    assert (path.parent / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
    assert invoke("validate", str(path))[0] == 0
    code, out, err = invoke("run", str(path), "--reps", "2", "--days", "2", "--workers", "1", "--json")
    assert code == 0, err
    assert json.loads(out)["replications"] == 2


def _comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "#" in line)


@pytest.mark.parametrize("kind", KINDS)
def test_comments_are_in_the_chosen_language(kind: str) -> None:
    def has_han(s: str) -> bool:
        return any("\u4e00" <= c <= "\u9fff" for c in s)

    zh = starter_text(kind, "zh")
    assert has_han(_comments(zh)) and has_han(load_scenario_text(zh, "starter.yaml").name)
    en_lines = [line.split("#", 1)[1] for line in starter_text(kind, "en").splitlines() if "#" in line]
    # English comments; Chinese only as a term in brackets, e.g. "(流量型)"
    assert sum(has_han(c) for c in en_lines) <= 3


def _data(scenario: Any) -> dict[str, Any]:
    """The scenario without what a starter words differently: name, description, texts, better_than."""
    doc = scenario.model_dump(mode="json")
    doc.pop("name")
    doc.pop("description")
    doc["expect"] = [e for e in doc["expect"] if e.get("better_than") is None]
    for steps in doc["sops"].values():
        for step in steps:
            step.pop("text", None)
    return dict(doc)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_starters_are_the_bundled_examples(tmp_path: Path, kind: str, lang: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(starter_text(kind, lang), encoding="utf-8")
    assert _data(load_scenario(path)) == _data(load_scenario(EXAMPLES / f"{kind}.yaml"))


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("my notes\n", encoding="utf-8")
    code, out, err = invoke("init", str(path))
    assert code == 2 and out == ""
    assert err == f"simgroup init: {path} already exists; choose another name, or pass --force to overwrite it\n"
    assert path.read_text(encoding="utf-8") == "my notes\n" and not (tmp_path / SCHEMA_FILE).exists()
    code, _, err = invoke("init", "--force", "--type", "checkin", str(path))
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == starter_text("checkin", "en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml", SCHEMA_FILE]  # no temporary left


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert invoke("init", "--type", "nope", str(tmp_path / "a.yaml"))[0] == 2
    assert invoke("init", "--lang", "fr", str(tmp_path / "a.yaml"))[0] == 2
    assert invoke("init", str(tmp_path))[0] == 2  # a directory
    code, _, err = invoke("init", str(tmp_path / SCHEMA_FILE))
    assert code == 2 and "the schema's" in err
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_directory_exits_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = invoke("init", str(blocker / "s.yaml"))
    assert code == 1 and err.startswith(f"simgroup init: cannot write {blocker / 's.yaml'}: ")


def test_unknown_kind_or_language_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown scenario type"):
        starter_text("mall", "en")
    with pytest.raises(ValueError, match="unknown language"):
        starter_text("traffic", "fr")
