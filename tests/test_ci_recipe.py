"""The README's CI recipe works as written, without a package index entry for simgroup.

The recipe (README.md "Guard outcomes in CI", the same block in docs/check.md) installs simgroup
from ``$SIMGROUP_SOURCE``, a git URL or a wheel, then runs ``simgroup check``. This test runs its
commands against a local clone of this repository: the install step with the clone's
``git+file://`` URL (into a separate directory, ``--no-deps`` because the dependencies are
already here; pip fetches the build backend as it would in CI), then the recipe's
``simgroup check`` line on a small SOP repository with a baseline recorded by the README's own
``--update-baseline`` command. The installed copy is run (``python -S`` with that directory
first), not this working tree.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

SCENARIO = """\
simgroup: 1
name: a small traffic group
days: 3
replications: 3
channels: [{id: cards, per_day: 80, add_rate: 0.5, cost_per_unit: 0.3}]
groups: [{id: g, type: traffic, channels: [cards], sop: s}]
sops:
  s:
    - {on: member_join, do: welcome}
expect:
  - {kpi: joined, at_least: 1}
"""


def _recipe(text: str) -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    found = [b for b in blocks if "SIMGROUP_SOURCE" in b]
    assert len(found) == 1, "expected exactly one CI recipe block"
    return found[0]


def test_the_readme_and_docs_show_the_same_recipe() -> None:
    readme = _recipe((ROOT / "README.md").read_text(encoding="utf-8"))
    docs = _recipe((ROOT / "docs" / "check.md").read_text(encoding="utf-8"))
    assert readme == docs
    assert "pip install simgroup\n" not in readme  # simgroup is not on a package index


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and a checkout")
def test_the_ci_recipe_installs_from_a_clone_and_checks(tmp_path: Path) -> None:
    job = yaml.safe_load(_recipe((ROOT / "README.md").read_text(encoding="utf-8")))["jobs"]["check"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    install, check = runs
    assert install == 'pip install "$SIMGROUP_SOURCE"'
    assert job["env"]["SIMGROUP_SOURCE"].startswith("git+https://")

    clone = tmp_path / "simgroup-clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    target = tmp_path / "installed"
    source = f"git+file://{clone}"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), source]
    done = subprocess.run(pip, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]

    sop_repo = tmp_path / "sop-repo"
    (sop_repo / "scenarios").mkdir(parents=True)
    (sop_repo / "scenarios" / "traffic.yaml").write_text(SCENARIO, encoding="utf-8")
    env = {
        **os.environ,
        # the installed copy first; the dependencies from this interpreter; no .pth files (-S),
        # so this working tree's editable install cannot shadow the copy under test
        "PYTHONPATH": os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]]),
        "CI": "true",
    }
    simgroup = [sys.executable, "-S", "-m", "simgroup"]

    where = subprocess.run([sys.executable, "-S", "-c", "import simgroup; print(simgroup.__file__)"],
                           cwd=sop_repo, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(target)), where.stdout

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    record = next(line.split("#")[0].strip() for line in readme.splitlines() if "--update-baseline" in line
                  and line.startswith("simgroup check"))
    for line in (record, check):
        argv = shlex.split(line)
        assert argv[0] == "simgroup"
        done = subprocess.run([*simgroup, *argv[1:]], cwd=sop_repo, env=env, capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 0, (line, done.stdout[-2000:], done.stderr[-2000:])
    assert "simgroup check: ok" in done.stdout
    assert (sop_repo / "simgroup-baseline.json").is_file()
    assert "<testsuites" in (sop_repo / "simgroup-check.xml").read_text(encoding="utf-8")
