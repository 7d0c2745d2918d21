"""The neutral part of the catalogue of words: languages and the labels of KPIs, views and the
daily charts, in English and Chinese, for every front end (the TUI, ``simgroup report``).

Contract
--------
* :data:`LANGUAGES` are the languages a front end may offer (``en``, ``zh``). The language is
  chosen once per process: :func:`detect_language` picks the default (``SIMGROUP_LANG`` when set,
  ``zh``/``en`` or a locale such as ``zh_CN.UTF-8``, else the locale: ``LC_ALL``, then
  ``LC_MESSAGES``, then ``LANG``; a value starting with ``zh`` means Chinese), the command line
  (``--lang``) and the TUI call :func:`set_language` before any text is made, and
  :func:`get_language` is read where text is made. Machine-readable outputs (``--json``, JUnit,
  CSV headers) stay English whatever the language.
* :func:`kpi_label` gives a KPI's label (docs/results.md names) in a language; an unknown name
  is returned unchanged. :func:`word` looks an English source string up in :data:`WORDS_ZH` (the
  words the TUI and the report share: views, chart titles, table headers) and falls back to the
  English text.
* This is the one home of these labels: a module of the headless core, importing nothing from
  simgroup, so any layer may read it (``simgroup.tui.i18n`` holds the TUI's own words and its
  process-wide language; the report's sentences are in ``simgroup.report.words``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence

__all__ = [
    "KPI_EN", "KPI_ZH", "LANGUAGES", "WORDS_ZH", "PhraseRule", "apply_phrase_rules", "detect_language",
    "get_language", "kpi_label", "phrase_rule", "set_language", "word",
]

LANGUAGES: tuple[str, ...] = ("en", "zh")

#: The process-wide language (a one-item list: module state without a ``global`` statement).
_LANGUAGE = ["en"]


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """``zh`` when ``SIMGROUP_LANG`` or else the locale says Chinese, otherwise ``en``."""
    env = os.environ if environ is None else environ
    for name in ("SIMGROUP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.strip().lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _LANGUAGE[0] = lang


def get_language() -> str:
    return _LANGUAGE[0]


def kpi_label(name: str, lang: str) -> str:
    """The label of KPI ``name`` in ``lang`` (the name itself when it has none)."""
    labels = KPI_ZH if lang == "zh" else KPI_EN
    return labels.get(name, name)


def word(text: str, lang: str) -> str:
    """``text`` (an English source string of :data:`WORDS_ZH`) in ``lang``."""
    return WORDS_ZH.get(text, text) if lang == "zh" else text


KPI_EN: dict[str, str] = {
    "joined": "Joined",
    "left": "Left",
    "members_end": "Members at end",
    "groups_created": "Groups created",
    "retention_12h": "Retention 12 h",
    "retention_d1": "Retention day 1",
    "retention_d7": "Retention day 7",
    "mute_by_d3": "Muted by day 3",
    "muted_share": "Muted share",
    "folded_share": "Folded share",
    "reach_rate": "Reach rate",
    "speak_rate": "Speak rate",
    "messages": "Messages",
    "buyers": "Buyers",
    "orders": "Orders",
    "conversion": "Conversion",
    "order_rate_daily": "Daily order rate",
    "gmv": "GMV",
    "gross_profit": "Gross profit",
    "cost_acquisition": "Acquisition cost",
    "cost_incentives": "Incentive cost",
    "cost_labor": "Labour cost",
    "labor_hours": "Labour hours",
    "profit": "Profit",
    "roi": "ROI",
    "cac": "CAC",
    "invited": "Invited",
    "k_factor": "K-factor",
    "lifespan_days": "Group lifespan (days)",
    "tasks_sent": "SOP tasks sent",
    "tasks_skipped": "SOP tasks skipped",
}

KPI_ZH: dict[str, str] = {
    "joined": "入群人数",
    "left": "退群人数",
    "members_end": "期末成员数",
    "groups_created": "建群数",
    "retention_12h": "12小时留存率",
    "retention_d1": "次日留存率",
    "retention_d7": "7日留存率",
    "mute_by_d3": "3日内免打扰率",
    "muted_share": "免打扰占比",
    "folded_share": "折叠占比",
    "reach_rate": "触达率",
    "speak_rate": "发言率",
    "messages": "消息数",
    "buyers": "购买人数",
    "orders": "订单数",
    "conversion": "转化率",
    "order_rate_daily": "日均下单率",
    "gmv": "成交额(GMV)",
    "gross_profit": "毛利",
    "cost_acquisition": "引流成本",
    "cost_incentives": "激励成本",
    "cost_labor": "人力成本",
    "labor_hours": "人力工时",
    "profit": "利润",
    "roi": "投资回报率(ROI)",
    "cac": "获客成本(CAC)",
    "invited": "邀请入群数",
    "k_factor": "裂变系数(K)",
    "lifespan_days": "群寿命(天)",
    "tasks_sent": "已发送SOP任务",
    "tasks_skipped": "未发送SOP任务",
}

#: Words shared by the front ends: views, daily chart titles, KPI table headers.
WORDS_ZH: dict[str, str] = {
    "observable": "可观测",
    "god-view": "上帝视角",
    "KPI": "指标",
    "View": "视角",
    "Mean": "均值",
    "95% CI": "95% 置信区间",
    "n": "n",
    "Members": "成员数",
    "Muted / folded": "免打扰 / 折叠",
    "Muted": "免打扰",
    "Folded": "折叠",
    "Speakers": "发言人数",
    "GMV / profit": "成交额 / 利润",
    "Profit": "利润",
    "GMV": "成交额",
    "day": "天",
    "baseline": "基准",
}


#: One rule of a phrase-by-phrase translation: a compiled pattern and its replacement (a
#: template with ``\1`` groups, or a function of the match). Texts made in English where a check
#: runs (diagnostics, ``simgroup check`` verdicts) are translated by ordered lists of these.
PhraseRule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def phrase_rule(pattern: str, replacement: str | Callable[[re.Match[str]], str]) -> PhraseRule:
    return re.compile(pattern), replacement


def apply_phrase_rules(text: str, rules: Sequence[PhraseRule]) -> str:
    """``text`` with every rule substituted, in order."""
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text
