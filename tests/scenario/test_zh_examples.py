"""The Chinese examples (scenarios/zh/) and the Chinese README (README.zh-CN.md).

Each example is its English counterpart in scenarios/ with Chinese ids, display names, step
labels and comments: it validates, names things in Chinese, keeps the English file's horizon and
``expect:`` block (ids aside), and runs. The README's shell commands name files that exist, and
its CI recipe is the English README's (which tests/test_ci_recipe.py runs). ``simgroup check
scenarios/`` in CI evaluates the examples' expectations; here they only run briefly.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from simgroup.engine import simulate_replication
from simgroup.scenario import load_scenario
from simgroup.scenario.loader import load_scenario_text
from simgroup.scenario.models import Scenario

REPO = Path(__file__).resolve().parent.parent.parent
ZH_DIR = REPO / "scenarios" / "zh"
ZH_FILES = sorted(ZH_DIR.glob("*.yaml"))
README_ZH = REPO / "README.zh-CN.md"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _ids(sc: Scenario) -> list[str]:
    return [*(p.id for p in sc.products), *(c.id for c in sc.channels), *(g.id for g in sc.groups), *sc.sops]


def test_there_is_one_example_per_group_type() -> None:
    types = {g.type for path in ZH_FILES for g in load_scenario(path).groups}
    assert types == {"traffic", "flash_sale", "content", "checkin"}
    assert {p.name for p in ZH_FILES} <= {p.name for p in (REPO / "scenarios").glob("*.yaml")}


@pytest.mark.parametrize("path", ZH_FILES, ids=lambda p: p.name)
def test_an_example_names_things_in_chinese(path: Path) -> None:
    sc = load_scenario(path)  # raises on any validation error
    assert CJK.search(sc.name)
    assert any(not i.isascii() for i in _ids(sc)), "no id in Chinese"
    for thing in (*sc.products, *sc.channels, *sc.groups):
        assert thing.name and CJK.search(thing.name), f"{thing.id} has no Chinese display name"
    for sop, steps in sc.sops.items():
        assert all(step.label for step in steps), f"SOP {sop}: a step without a label"


@pytest.mark.parametrize("path", ZH_FILES, ids=lambda p: p.name)
def test_an_example_explains_itself_in_chinese_comments(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    schema = lines[0].removeprefix("# yaml-language-server: $schema=")
    assert schema != lines[0] and (path.parent / schema).resolve() == REPO / "simgroup/schema/scenario.schema.json"
    comments = [line for line in lines[1:] if line.lstrip().startswith("#")]
    assert sum(bool(CJK.search(line)) for line in comments) >= 8, "too few Chinese comments"


@pytest.mark.parametrize("path", ZH_FILES, ids=lambda p: p.name)
def test_an_example_keeps_the_english_horizon_and_expectations(path: Path) -> None:
    zh, en = load_scenario(path), load_scenario(REPO / "scenarios" / path.name)
    assert (zh.days, zh.seed, zh.replications) == (en.days, en.seed, en.replications)
    group_ids = {e.id: z.id for e, z in zip(en.groups, zh.groups, strict=True)}
    assert [e.model_dump(exclude={"group"}) for e in zh.expect] == [e.model_dump(exclude={"group"}) for e in en.expect]
    assert [e.group for e in zh.expect] == [group_ids.get(e.group) if e.group else None for e in en.expect]


@pytest.mark.parametrize("path", ZH_FILES, ids=lambda p: p.name)
def test_an_example_runs(path: Path) -> None:
    result = simulate_replication(load_scenario(path), 0, days=2)
    assert result.kpis["joined"] > 0


# --- README.zh-CN.md -----------------------------------------------------------------------------

#: Options whose value is not a file to read (outputs, ids, numbers, dotted paths).
_VALUE_OPTIONS = {"--reps", "--seed", "--days", "--out", "--baseline", "--junit", "--set", "--kpi", "--group", "--rep",
                  "--speed", "--lang", "--precision", "--max-reps", "--workers", "--dask", "--params", "--method",
                  "--worlds", "--format"}


def _shell_commands(text: str) -> list[list[str]]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words:
                commands.append(words)
    return commands


def _inputs(args: list[str]) -> list[str]:
    """The file and folder arguments of a command: its words that are neither options nor their values."""
    found, skip = [], False
    for word in args:
        if skip:
            skip = False
        elif word in _VALUE_OPTIONS or word == ">":
            skip = True
        elif not word.startswith("-"):
            found.append(word)
    return found


def test_the_readme_commands_name_files_that_exist() -> None:
    commands = _shell_commands(README_ZH.read_text(encoding="utf-8"))
    assert {words[0] for words in commands} == {"make", "simgroup"}
    targets = set(re.findall(r"^([\w.-]+):", (REPO / "Makefile").read_text(encoding="utf-8"), flags=re.M))
    named = []
    for words in commands:
        if words[0] == "make":
            assert set(words[1:]) <= targets, words
        elif len(words) > 2:  # simgroup SUBCOMMAND ARGS
            named += _inputs(words[2:])
    assert "scenarios/zh/" in named and "scenarios/zh/traffic.yaml" in named
    for name in named:
        assert (REPO / name).exists(), f"README.zh-CN.md names {name}, which is not in the repository"


def test_the_readme_sweep_sets_the_flash_sale() -> None:
    text = README_ZH.read_text(encoding="utf-8")
    paths = set(re.findall(r"--set sops\.(\S+?)\.(\d+)\.\w+=", text))
    assert paths
    sc = load_scenario(ZH_DIR / "traffic.yaml")
    for sop, index in paths:
        assert sc.sops[sop][int(index)].do == "flash_sale"


def test_the_readme_ci_recipe_and_skeleton() -> None:
    def blocks(path: Path) -> list[str]:
        return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)

    recipe = [b for b in blocks(README_ZH) if "SIMGROUP_SOURCE" in b]
    assert recipe == [b for b in blocks(REPO / "README.md") if "SIMGROUP_SOURCE" in b]
    def checks(path: Path) -> list[list[str]]:
        return [words for words in _shell_commands(path.read_text(encoding="utf-8")) if words[1:2] == ["check"]]

    assert checks(README_ZH) == checks(REPO / "README.md")
    skeleton = next(b for b in blocks(README_ZH) if b.startswith("# yaml-language-server"))
    assert load_scenario_text(skeleton, "README.zh-CN.md").sops


def test_the_readmes_link_each_other_and_their_docs() -> None:
    zh = README_ZH.read_text(encoding="utf-8")
    assert "[README.md](README.md)" in zh.split("\n## ")[0]
    assert "中文说明: [README.zh-CN.md](README.zh-CN.md)" in (REPO / "README.md").read_text(encoding="utf-8")[:200]
    for target in re.findall(r"\]\(([^)#]+)\)", zh):
        assert (REPO / target).exists(), target
