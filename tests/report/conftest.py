"""Documents the report tests read, made once per session with few replications and days: a run
of ``content.yaml``, a comparison of ``content.yaml`` with ``content_plain.yaml`` and a small
Morris screening, each as its ``--json`` text written to a file; plus an HTML parser that
collects what the tests look at."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "scenarios" / "content.yaml"
PLAIN = ROOT / "scenarios" / "content_plain.yaml"


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``run``, ``compare`` and ``sensitivity`` JSON files."""
    from simgroup._api import compare, simulate
    from simgroup.experiment.sensitivity import sensitivity

    folder = tmp_path_factory.mktemp("docs")
    made: dict[str, Callable[[], str]] = {
        "run": lambda: simulate(CONTENT, replications=3, days=8).to_json_text(),
        "compare": lambda: compare([CONTENT, PLAIN], replications=3, days=8).to_json_text(),
        "sensitivity": lambda: sensitivity(
            CONTENT, kpi="conversion", method="morris", worlds=2, replications=1, days=4,
            params=["buying.price_ref", "reading.present", "buying.trust_coef"],
        ).to_json_text(),
    }
    out = {}
    for name, make in made.items():
        out[name] = folder / f"{name}.json"
        out[name].write_text(make(), encoding="utf-8")
    return out


def edit(path: Path, target: Path, change: Callable[[dict[str, object]], object]) -> Path:
    """``path``'s JSON document changed by ``change`` (in place), written to ``target``."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    target.write_text(json.dumps(doc), encoding="utf-8")
    return target


class Page(HTMLParser):
    """What a report page holds: texts by element class or id, tables' rows, the inline SVGs
    (their ``d`` attributes), and every tag and attribute seen."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.texts: dict[str, list[str]] = {}
        self.rows: list[list[str]] = []
        self.svgs: list[list[str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        key = a.get("id") or (a.get("class") or "").split(" ")[0] or tag
        if tag not in ("meta", "br", "img", "link", "input", "path", "use", "rect", "circle", "line", "polyline"):
            self.stack.append((tag, key))
        if tag == "svg":
            self.svgs.append([])
        if tag == "path" and self.svgs:
            self.svgs[-1].append(a.get("d") or "")
        if tag == "tr":
            self._row = []
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, key in self.stack:
            self.texts.setdefault(key, []).append(data)
        if self._cell is not None:
            self._cell.append(data)

    def text(self, key: str) -> str:
        return " ".join("".join(self.texts.get(key, [])).split())
