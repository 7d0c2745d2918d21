"""``simgroup check``'s plain-text report in Chinese, phrase by phrase.

Contract
--------
:func:`translate_line` takes one English line of :func:`simgroup.check.reports.text_lines` (a
verdict, a scenario's summary, the total) and returns it in Chinese; file paths, KPI names,
numbers and intervals stay as written. The verdicts are made in English where they are judged
(:mod:`simgroup.check.expectations`, :mod:`simgroup.check.baseline`), because the JUnit and JSON
reports carry them for programs; only the text a person reads is translated, here. A phrase no
rule knows stays English (``tests/check/test_text_zh.py`` runs passing, failing, warned and
skipped verdicts through it).
"""

from __future__ import annotations

import re

from simgroup.i18n import PhraseRule, apply_phrase_rules, phrase_rule

__all__ = ["translate_line"]

_sub = phrase_rule


def _band(text: str) -> str:
    m = re.fullmatch(r"within (\[.*\])", text)
    if m:
        return f"在 {m.group(1)} 之内"
    m = re.fullmatch(r"at least (\S+)", text)
    if m:
        return f"至少 {m.group(1)}"
    m = re.fullmatch(r"at most (\S+)", text)
    if m:
        return f"至多 {m.group(1)}"
    return text


_DIRECTION = {"higher": "越高越好", "lower": "越低越好"}

_RULES: tuple[PhraseRule, ...] = (
    # verdict prefixes (after "path:line:col: label: ")
    _sub(r": ok: ", "：通过："),
    _sub(r": warning: ", "：警告："),
    _sub(r": skipped: ", "：跳过："),
    _sub(r": error: ", "：错误："),
    _sub(r"(\d+: )baseline ", r"\1基线 "),
    # bounds
    _sub(r"mean (\S+) is (within \[[^\]]*\]|at least \S+|at most \S+) \((\S+) CI (\[[^\]]*\]), n=(\d+)\)",
         lambda m: f"均值 {m.group(1)} {_band(m.group(2))}（{m.group(3)} 置信区间 {m.group(4)}，n={m.group(5)}）"),
    _sub(r"mean (\S+) is below (\S+) \((\S+) CI (\[[^\]]*\]), n=(\d+)\); expected (.+)$",
         lambda m: f"均值 {m.group(1)} 低于 {m.group(2)}（{m.group(3)} 置信区间 {m.group(4)}，n={m.group(5)}）；"
                   f"预期 {_band(m.group(6))}"),
    _sub(r"mean (\S+) is above (\S+) \((\S+) CI (\[[^\]]*\]), n=(\d+)\); expected (.+)$",
         lambda m: f"均值 {m.group(1)} 高于 {m.group(2)}（{m.group(3)} 置信区间 {m.group(4)}，n={m.group(5)}）；"
                   f"预期 {_band(m.group(6))}"),
    _sub(r"the (\S+) CI (\[[^\]]*\]) is (not entirely )?(within \[[^\]]*\]|at least \S+|at most \S+) \(mean (\S+), n=(\d+)\)",
         lambda m: f"{m.group(1)} 置信区间 {m.group(2)}{'不完全' if m.group(3) else ''}{_band(m.group(4))}"
                   f"（均值 {m.group(5)}，n={m.group(6)}）"),
    _sub(r"knife edge: the (\S+) CI (\[[^\]]*\]) crosses (\S+) \(mean ([\d.]+|inf) standard errors away\); another "
         r"seed or a small change could flip this check: widen the band or raise replications",
         r"临界：\1 置信区间 \2 跨过了 \3（均值离它 \4 个标准误）；换一个种子或小的改动就可能翻转这项检查：请放宽范围或增加重复次数"),
    _sub(r"only 1 defined replication: no interval, so this verdict says little about the SOP",
         "只有 1 次有定义的重复：没有置信区间，这个结论说明不了 SOP 什么"),
    _sub(r"undefined in every replication \(n=0\): the expectation cannot be checked", "所有重复里都没有定义（n=0）：无法检查这项预期"),
    _sub(r"the bounds are contradictory \(at least (\S+) and at most (\S+)\)", r"上下限互相矛盾（至少 \1 且至多 \2）"),
    _sub(r"by ci needs at least 2 defined replications, got n=(\d+)", r"by ci 至少需要 2 次有定义的重复，实际 n=\1"),
    # better_than
    _sub(r"paired difference vs (.+?) (\S+) \((\S+) CI (\[[^\]]*\]), (\d+) pairs\): (higher|lower) is better, and it is$",
         lambda m: f"与 {m.group(1)} 的配对差异 {m.group(2)}（{m.group(3)} 置信区间 {m.group(4)}，{m.group(5)} 对）："
                   f"{_DIRECTION[m.group(6)]}，确实更好"),
    _sub(r"paired difference vs (.+?) (\S+) \((\S+) CI (\[[^\]]*\]), (\d+) pairs\): (higher|lower) is better, but this "
         r"is (significantly worse|not significantly better \(the interval includes 0\))$",
         lambda m: f"与 {m.group(1)} 的配对差异 {m.group(2)}（{m.group(3)} 置信区间 {m.group(4)}，{m.group(5)} 对）："
                   f"{_DIRECTION[m.group(6)]}，但这里"
                   f"{'显著更差' if m.group(7).startswith('significantly') else '没有显著更好（置信区间包含 0）'}"),
    _sub(r"(\S+) is neither better higher nor lower; say `better: higher` or `better: lower`",
         r"\1 没有好坏方向；请写 `better: higher` 或 `better: lower`"),
    _sub(r"better_than needs at least 2 paired replications, got (\d+)", r"better_than 至少需要 2 对配对重复，实际 \1"),
    # robust
    _sub(r"better than (.+?) in (\d+) of (\d+) worlds \((\d+)%, (\S+) CI \[([^\]]*)\]\); at least (\S+) of worlds required",
         r"在 \3 个世界中有 \2 个比 \1 更好（\4%，\5 置信区间 [\6]）；要求至少 \7 的世界"),
    _sub(r"knife edge: the (\S+) interval of the share of worlds includes (\S+); another draw of worlds could flip "
         r"this check: raise worlds:", r"临界：世界占比的 \1 置信区间包含 \2；换一批世界就可能翻转这项检查：请增加 worlds:"),
    _sub(r"(\S+) is undefined in every world: robustness cannot be checked", r"\1 在所有世界里都没有定义：无法检查稳健性"),
    # a scenario's summary and the total
    _sub(r": (ok|FAILED): ", lambda m: "：通过：" if m.group(1) == "ok" else "：未通过："),
    _sub(r"(\d+)/(\d+) expectations met", r"\2 项预期中 \1 项达成"),
    _sub(r"(\d+)/(\d+) baseline KPIs passed", r"\2 个基线 KPI 中 \1 个通过"),
    _sub(r" \((\d+) skipped\)", r"（\1 个跳过）"),
    _sub(r"the simulation crashed", "模拟崩溃了"),
    _sub(r"nothing to check", "没有可检查的内容"),
    _sub(r"seed (\d+), (\d+) replications, (\d+) days, ([\d.]+) s$", r"种子 \1，\2 次重复，\3 天，\4 秒"),
    _sub(r"(\d+) scenario\(s\)", r"\1 个场景"),
    _sub(r"(\d+) of (\d+) baseline KPIs moved", r"\2 个基线 KPI 中 \1 个有变化"),
    _sub(r"(\d+) warning\(s\)", r"\1 个警告"),
    _sub(r" \(([\d.]+) s\)$", r"（\1 秒）"),
    _sub(r"(达成|通过|跳过\）|崩溃了|内容); ", r"\1；"),
    _sub(r"(个场景|达成|有变化), ", r"\1，"),
    _sub(r"^simgroup check: note: ", "simgroup check：说明："),
    _sub(r"^simgroup check: error: ", "simgroup check：错误："),
    _sub(r": note: ", "：说明："),
    _sub(r"^simgroup check: bad input \((\d+) problem\(s\) in (\d+) file\(s\)\); the other (\d+) scenario\(s\) ran$",
         r"simgroup check：输入有误（\2 个文件中有 \1 个问题）；其余 \3 个场景已运行"),
    _sub(r"^simgroup check: bad input \((\d+) problem\(s\) in (\d+) file\(s\)\); nothing was run$",
         r"simgroup check：输入有误（\2 个文件中有 \1 个问题）；没有运行任何场景"),
)


def translate_line(line: str) -> str:
    """One line of the text report in Chinese (paths, KPI names and numbers as written)."""
    return apply_phrase_rules(line, _RULES)
