"""The words of the plain-text reports (``run``, ``compare``, ``sweep``) in Chinese.

Contract
--------
* :func:`say` returns an English source sentence of the text reports in the process's language
  (:func:`simgroup.i18n.get_language`), with ``{placeholders}`` filled after the lookup, so a
  translation may move them. A sentence missing from :data:`ZH` falls back to English, and
  ``tests/results/test_text_zh.py`` fails on it.
* KPI names stay as written (they are what ``expect:`` and ``--kpi`` take); their Chinese labels
  come from :func:`simgroup.i18n.kpi_label` and are shown beside them.
"""

from __future__ import annotations

from simgroup.i18n import get_language

__all__ = ["ZH", "say"]

ZH: dict[str, str] = {
    # run
    "KPI": "KPI",
    "mean": "均值",
    "95% CI": "95% 置信区间",
    "Scenario": "场景整体",
    "Group spec: {spec}": "群规格：{spec}",
    "seed {seed}, {replications} replications, {days} days from {start}":
        "种子 {seed}，{replications} 次重复，{days} 天，自 {start} 起",
    "{mark} god-view: only the simulation sees it, WeCom cannot. Means over replications; 95% Student-t "
    "intervals, cut to the values a KPI can take.":
        "{mark} 上帝视角：只有模拟能看到，企业微信看不到。数值为各次重复的均值；95% Student-t 置信区间，截断到 KPI "
        "可取的范围内。",
    "Note: only {replications} replication(s): the intervals are too wide to tell much (n/a with 1); run "
    "{more} or more, or use --precision.":
        "注意：只有 {replications} 次重复，置信区间太宽，说明不了什么（1 次时为 n/a）；请至少跑 {more} 次，或使用 "
        "--precision。",
    # compare
    "Comparing {n} variants under common random numbers: seed {seed}, {replications} replications, {days} days":
        "在相同随机数下比较 {n} 个方案：种子 {seed}，{replications} 次重复，{days} 天",
    "[baseline]": "[基准]",
    "{x} mean [95% CI]": "{x} 均值 [95% 置信区间]",
    "{x} - A [{level} CI]": "{x} - A [{level} 置信区间]",
    "note: {note}": "说明：{note}",
    " ({level} each: Bonferroni over {comparisons} comparisons)": "（每项 {level}：对 {comparisons} 个比较做 Bonferroni 校正）",
    "Differences are paired (replication r of every variant shares its random numbers){adjusted}; sig: the "
    "interval excludes 0. Differences of shares are in percentage points.":
        "差异为配对差异（各方案的同一次重复使用相同的随机数）{adjusted}；sig：置信区间不含 0。比例的差异以百分点计。",
    "{mark} god-view: only the simulation sees it, WeCom cannot.": "{mark} 上帝视角：只有模拟能看到，企业微信看不到。",
    # sweep
    "Sweep of {name}{source}": "参数扫描：{name}{source}",
    "maximize": "越大越好",
    "minimize": "越小越好",
    "{points} settings, seed {seed}, {replications} replications each, {days} days; KPI {kpi} ({goal})":
        "{points} 组设置，种子 {seed}，每组 {replications} 次重复，{days} 天；KPI {kpi}（{goal}）",
    "{kpi} mean": "{kpi} 均值",
    "<- best": "<- 最优",
    "No setting has a defined {kpi}.": "没有一组设置得到有定义的 {kpi}。",
    "Best: {shown}: {kpi} {mean} {interval} (95% CI, n={n})": "最优：{shown}：{kpi} {mean} {interval}（95% 置信区间，n={n}）",
    "significant": "显著",
    "not significant: the runner-up may be as good": "不显著：第二名可能一样好",
    "  vs runner-up ({other}): {difference} paired, 95% ({verdict})": "  对比第二名（{other}）：{difference}，配对，95%（{verdict}）",
    "Heatmap of {kpi} (darker = better: '{best}' best, '{worst}' worst)":
        "{kpi} 热力图（越深越好：'{best}' 最好，'{worst}' 最差）",
}


def say(text: str, **fields: object) -> str:
    """``text`` in the current language, its ``{placeholders}`` filled from ``fields``."""
    out = ZH.get(text, text) if get_language() == "zh" else text
    return out.format(**fields) if fields else out
