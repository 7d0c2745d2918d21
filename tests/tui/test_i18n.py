"""One catalogue, English and Chinese: every string the TUI shows through t() or as a binding
label has a Chinese entry; every KPI has both names; the language follows the locale."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from simgroup.kpis import KPI_NAMES
from simgroup.tui import i18n
from simgroup.tui.commands import MODE_LABELS
from simgroup.tui.summary import COUNT_LABELS
from simgroup.tui.widgets.charts import SERIES_LABELS
from simgroup.tui.widgets.run_options import _LABELS as OPTION_LABELS

TUI = Path(i18n.__file__).parent


def _literals() -> set[str]:
    """String literals passed to t(...), Binding.Group(...) and Binding(... description, tooltip=...), and the
    label tables whose values go through t() at run time."""
    found: set[str] = set(MODE_LABELS.values()) | set(SERIES_LABELS.values()) | set(OPTION_LABELS.values())
    found |= set(COUNT_LABELS.values())
    for path in TUI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in ("t", "Group") and node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
            if name == "Binding":
                if len(node.args) >= 3 and isinstance(node.args[2], ast.Constant):
                    found.add(node.args[2].value)
                for kw in node.keywords:
                    if kw.arg in ("description", "tooltip") and isinstance(kw.value, ast.Constant):
                        found.add(kw.value.value)
    return found


def test_every_shown_string_has_a_chinese_entry() -> None:
    literals = _literals()
    assert len(literals) > 80
    missing = sorted(s for s in literals if s not in i18n.ZH and s not in i18n.WORDS_ZH)
    assert missing == []


def test_catalogue_has_no_dead_entries() -> None:
    unused = sorted(set(i18n.ZH) - _literals() - {"palette"})
    assert unused == []


def test_placeholders_survive_translation() -> None:
    import string

    for en, zh in i18n.ZH.items():
        fields = lambda s: sorted(f for _, f, _, _ in string.Formatter().parse(s) if f)  # noqa: E731
        assert fields(en) == fields(zh), en


def test_kpi_names_in_both_languages() -> None:
    assert set(i18n.KPI_EN) == set(KPI_NAMES) == set(i18n.KPI_ZH)
    try:
        i18n.set_language("zh")
        assert i18n.kpi_label("retention_d1") == "次日留存率"
        assert i18n.view_label("god-view") == "上帝视角"
        assert i18n.t("Running: replication {done}/{total}", done=1, total=2) == "运行中:第 1/2 次重复"
        i18n.set_language("en")
        assert i18n.kpi_label("retention_d1") == "Retention day 1"
        assert i18n.t("Running: replication {done}/{total}", done=1, total=2) == "Running: replication 1/2"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN", "LANG": "en_US"}, "zh"),
    ],
)
def test_language_from_the_locale(env: dict[str, str], lang: str) -> None:
    assert i18n.detect_language(env) == lang


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="choose one of en, zh"):
        i18n.set_language("fr")


async def test_the_app_speaks_chinese(make_app) -> None:  # type: ignore[no-untyped-def]
    from tests.tui.conftest import SIZE, wait_for

    app = make_app(lang="zh")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f4")
            await wait_for(pilot, lambda: app.current_mode == "run")
            footer = {b.binding.description for b in app.screen.active_bindings.values()}
            assert {"开始运行", "取消", "编辑", "帮助"} <= footer
            assert app.sub_title == "运行"
    finally:
        i18n.set_language("en")
