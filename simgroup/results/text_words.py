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

import re

from simgroup.i18n import get_language

__all__ = ["NOTES_ZH", "ZH", "say", "say_note"]

ZH: dict[str, str] = {
    # the command line
    "simulating": "模拟中",
    ", ~{clock} left": "，约剩 {clock}",
    "{done}/{total} replications  {clock} elapsed{left}": "{done}/{total} 次重复  已用 {clock}{left}",
    "checking {path}": "检查 {path}",
    "interrupted": "已中断",
    "ok": "通过",
    "wrote {path}{pictures}": "已写入 {path}{pictures}",
    " and {n} pictures": " 和 {n} 张图",
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
    # compare --robust
    "the scenario": "整个场景",
    "group spec {spec}": "群规格 {spec}",
    "Robust comparison of {where}: B against A in {worlds} worlds (Sobol' draws), {replications} replications "
    "per world at common random numbers, {days} days, seed {seed}":
        "稳健比较（{where}）：在 {worlds} 个参数世界（Sobol' 抽样）里比较 B 与 A，每个世界 {replications} 次相同随机数的"
        "重复，{days} 天，种子 {seed}",
    "A (baseline): {name}": "A（基准）：{name}",
    "B (variant):  {name}": "B（方案）：  {name}",
    " and {n} more": " 等另外 {n} 个",
    "{n} uncertain parameters varied (the union of both scenarios'): {shown}":
        "变动了 {n} 个不确定参数（两个场景所用参数的并集）：{shown}",
    "better": "方向",
    "higher": "越高越好",
    "lower": "越低越好",
    "B better in": "B 更好的世界",
    "{level} CI": "{level} 置信区间",
    "B-A p5": "B-A 5%分位",
    "median": "中位数",
    "p95": "95%分位",
    "hours": "小时",
    "CNY": "元",
    "days": "天",
    "ties": "持平",
    "close": "接近",
    "ties: worlds where B-A is exactly 0 (the KPI does not depend on what differs); close: worlds":
        "持平：B-A 恰好为 0 的世界（这个 KPI 与两者的差别无关）；接近：",
    "whose paired interval of B-A includes 0 (another seed could flip them).":
        "B-A 的配对置信区间包含 0 的世界（换一个种子可能翻转）。",
    "Where the decision flips:": "结论在哪里翻转：",
    # sensitivity
    "parameter": "参数",
    "meaning": "含义",
    "S1 95% CI": "S1 95% 置信区间",
    "Morris elementary effects: {worlds} trajectories x ({k} parameters + 1) = {runs} worlds on a {levels}-level grid":
        "Morris 基本效应：{worlds} 条轨迹 ×（{k} 个参数 + 1）= {runs} 个世界，{levels} 档网格",
    "Sobol' indices (Saltelli design): N = {worlds} x ({k} parameters + 2) = {runs} worlds":
        "Sobol' 指数（Saltelli 设计）：N = {worlds} ×（{k} 个参数 + 2）= {runs} 个世界",
    ", {n} distinct": "，其中 {n} 个不同",
    "Sensitivity of {kpi} ({scope}) in {name}{source}": "{kpi} 的敏感性（{scope}）：{name}{source}",
    "{design}{distinct}; {replications} replication(s) each at common random numbers (seed {seed}), {days} days":
        "{design}{distinct}；每个世界 {replications} 次相同随机数的重复（种子 {seed}），{days} 天",
    "Held at the scenario's values (set under model:): {shown}": "保持场景里的值（在 model: 下设定）：{shown}",
    "Not varied: {n} parameters the scenario does not use (or cannot vary)": "未变动：场景不用（或不能变动）的 {n} 个参数",
    "{kpi} over the worlds: mean {mean}, sd {sd}, range {low} to {high}":
        "{kpi} 在各世界中：均值 {mean}，标准差 {sd}，范围 {low} 到 {high}",
    "Replication noise: standard error of a world's mean {se}; {what} at about {level} is what noise alone gives":
        "重复噪声：单个世界均值的标准误 {se}；{what} 在 {level} 左右时只是噪声",
    "{name} by parameter (bars scaled to the largest{more}):": "各参数的 {name}（条长相对最大值{more}）：",
    ", top {n} of {total}": "，{total} 个中的前 {n} 个",
    "mu*: mean absolute change of the KPI when the parameter moves across its whole range (shares in percentage "
    "points, pp); mu: the signed mean; sigma > mu*: the effect depends on the other parameters or is non-linear. "
    "A screening: rank, do not quantify.":
        "mu*：参数在整个范围内变动时 KPI 的平均绝对变化（比例以百分点 pp 计）；mu：带符号的均值；sigma > mu*："
        "效应依赖其他参数或是非线性的。这是筛选：用来排序，不用来定量。",
    "ST: share of the KPI's variance across worlds due to the parameter with all its interactions; S1: alone. 95% "
    "bootstrap intervals; an interval covering the noise level means no detectable effect.":
        "ST：各世界间 KPI 方差中由该参数（含全部交互作用）造成的份额；S1：单独的份额。95% bootstrap 置信区间；"
        "区间覆盖噪声水平表示检测不到效应。",
}


def say(text: str, **fields: object) -> str:
    """``text`` in the current language, its ``{placeholders}`` filled from ``fields``."""
    out = ZH.get(text, text) if get_language() == "zh" else text
    return out.format(**fields) if fields else out


#: The notes experiments attach to their results (kept English in ``--json``), by pattern.
NOTES_ZH: tuple[tuple[str, str], ...] = (
    (r"^(.+): run at the common seed (\d+), not its own (\d+) \(common random numbers\)$",
     r"\1：使用共同种子 \2 运行，而不是它自己的 \3（相同随机数）"),
    (r"^(.+): run for the common (\d+) days, not its own (\d+)$", r"\1：按共同的 \2 天运行，而不是它自己的 \3 天"),
    (r"^(\S+): held at (\S+) in (.+) \(set or fixed under its model:\), varied in (.+)$",
     r"\1：在 \3 中保持为 \2（在其 model: 下设定或固定），在 \4 中变动"),
    (r"^(\d+) of (\d+) worlds have no defined (\S+) in any replication: the indices are undefined \(null\)$",
     r"\2 个世界中有 \1 个在所有重复里都没有有定义的 \3：指数无定义（null）"),
    (r"^one replication per world: replication noise is not estimated \(use --reps 2 or more\)$",
     "每个世界只有一次重复：无法估计重复噪声（请用 --reps 2 或更多）"),
)


def say_note(note: str) -> str:
    """An experiment's note in the current language (a note no pattern knows stays as it is)."""
    if get_language() != "zh":
        return note
    for pattern, template in NOTES_ZH:
        if re.match(pattern, note):
            return re.sub(pattern, template, note)
    return note
