"""The report's own sentences and headings, in English (the source strings) and Chinese.

Contract: :func:`t` looks ``text`` up in :data:`ZH` for ``lang == "zh"``, then in the shared words
of :mod:`simgroup.i18n` (KPI labels, views, chart titles: their one home), and falls back to the
English text; ``{placeholders}`` are filled after the lookup, so a translation may move them.
``tests/report`` fails on a report string without a Chinese entry.
"""

from __future__ import annotations

from simgroup.i18n import word

__all__ = ["ZH", "t"]


def t(text: str, lang: str, **fields: object) -> str:
    """``text`` in ``lang`` with ``fields`` filled in."""
    out = ZH.get(text) or word(text, lang) if lang == "zh" else text
    return out.format(**fields) if fields else out


ZH: dict[str, str] = {
    "simgroup report": "simgroup 报告",
    # questions
    "What does the SOP of “{name}” achieve in {days} days?": "“{name}”的 SOP 在 {days} 天内能达到什么效果?",
    "Does {b} beat {a}?": "{b} 比 {a} 更好吗?",
    "Which of {n} variants beats {a}?": "{n} 个方案中哪个比 {a} 更好?",
    "Which model assumptions move {kpi} in “{name}”?": "哪些模型假设会影响“{name}”的{kpi}?",
    "Comparison: {variants}": "对比:{variants}",
    # verdicts
    "Meets all {n} expect: bands of the scenario; {headline}.": "达到场景全部 {n} 个 expect: 区间;{headline}。",
    "Misses {failed} of {n} expect: bands ({which}); {headline}.": "未达到 {n} 个 expect: 区间中的 {failed} 个({which});{headline}。",
    "{headline} (the scenario sets no expect: bands).": "{headline}(场景未设置 expect: 区间)。",
    "{headline} (expect: bands are judged when the report runs the scenario itself).":
        "{headline}(由报告直接运行场景时才判断 expect: 区间)。",
    "{x} beats A on the main KPIs: better on {better}.": "{x} 在主要指标上优于 A:{better} 更好。",
    "{x} is worse than A on the main KPIs: worse on {worse}.": "{x} 在主要指标上不如 A:{worse} 更差。",
    "Mixed: {x} is better than A on {better} but worse on {worse}.": "有得有失:{x} 的 {better} 优于 A,但 {worse} 更差。",
    "No significant difference between {x} and A on the main KPIs.": "{x} 与 A 在主要指标上没有显著差异。",
    "{kpi} depends most on {first}{others}; {detectable} of {k} parameters stand out from the replication noise.":
        "{kpi}受 {first} 影响最大{others};{k} 个参数中有 {detectable} 个超出重复噪声。",
    ", then {names}": ",其次是 {names}",
    "No parameter was varied.": "没有参数被改变。",
    # facts and headings
    "Question": "问题",
    "Verdict": "结论",
    "Charts": "图表",
    "KPIs": "指标",
    "Notes": "说明",
    "Scenario": "场景",
    "Group spec: {id}": "群配置:{id}",
    "Expectations (expect:)": "预期(expect:)",
    "Variants": "方案",
    "Parameters": "参数",
    "parameter": "参数",
    "meaning": "含义",
    "S1 95% CI": "S1 95% 置信区间",
    "seed {seed}, {reps} replications, {days} days": "种子 {seed},{reps} 次重复,{days} 天",
    "paired differences at {level} confidence, common random numbers": "配对差值,置信水平 {level},共同随机数",
    "status": "状态",
    "rule": "规则",
    "result": "结果",
    "pass": "通过",
    "fail": "未通过",
    "pass (knife edge)": "通过(临界)",
    "{x} mean [95% CI]": "{x} 均值 [95% 置信区间]",
    "{x} − A [{level} CI]": "{x} − A [{level} 置信区间]",
    "(daily mean, 95% band)": "(每日均值,95% 区间带)",
    "{index} by parameter (top {n}; bars: 95% interval; dashed: noise level)":
        "各参数的 {index}(前 {n} 个;误差线:95% 区间;虚线:噪声水平)",
    # notes
    "* god-view: only the simulation sees it, WeCom cannot.": "* 上帝视角:只有模拟能看到,企业微信看不到。",
    "Means over replications with 95% Student-t intervals, cut to the values a KPI can take.":
        "均值取自各次重复,95% Student-t 置信区间,截断到指标可取的范围。",
    "sig: the paired interval excludes 0. Differences of shares are in percentage points.":
        "sig:配对差值的置信区间不含 0。比率的差值单位为百分点。",
    "Only {n} replication(s): the intervals are too wide to tell much.": "只有 {n} 次重复:置信区间太宽,说明不了太多。",
    "{n} better_than expectation(s) need a second scenario: run simgroup check.":
        "{n} 个 better_than 预期需要第二个场景:请运行 simgroup check。",
    "The meanings of the parameters are in English (as in the sensitivity document).":
        "参数含义为英文(与敏感性分析文档一致)。",
    "Made by simgroup {version}; one file, viewable offline.": "由 simgroup {version} 生成;单个文件,可离线查看。",
}
