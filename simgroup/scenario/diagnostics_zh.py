"""Diagnostics in Chinese: every message the scenario checks write, translated phrase by phrase.

Contract
--------
:func:`translate` takes a diagnostic's English message (as :class:`~simgroup.scenario.diagnostics.
Diagnostic` stores it) and returns it in Chinese. What the author wrote is never translated:
quoted values (``'trial'``, ``"30m"``), key paths, key names and vocabulary (``member_join``,
``flash_sale``), numbers and tags stay as they are, so the message still points at the text in
the file. Phrases are matched by the rules in :data:`_RULES`, applied in order, after the quoted
parts have been set aside; a message with a phrase no rule knows keeps that phrase in English
(``tests/scenario/test_diagnostics_zh.py`` runs every message of the bad-input corpus and fails
on English left over).

The messages are built in English where the problem is found (one home per check); translating
the finished text here, rather than threading a catalogue through every check, keeps the checks
as they are and puts all Chinese wording in one file.
"""

from __future__ import annotations

import re

from simgroup.i18n import PhraseRule, apply_phrase_rules, phrase_rule

__all__ = ["translate", "translate_suggestion"]

# a quote opens where no letter precedes it, so the apostrophe of "scenario's" is not one
_QUOTED = re.compile(r"""(?<![A-Za-z])'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`""")
_TOKEN = "⟦{}⟧"
_Q = r"(⟦\d+⟧)"  # a quoted part, set aside
_N = r"(-?[\d.,]+(?:e[+-]?\d+)?)"  # a number as the messages print it

#: What was expected ("expected a whole number, got ..."), in Chinese.
_KINDS: dict[str, str] = {
    "a whole number or a list": "整数或列表",
    "a whole number": "整数",
    "a finite number": "有限的数字",
    "a number": "数字",
    "text": "文本",
    "true or false": "true 或 false",
    "a list": "列表",
    "a mapping": "映射",
    "nothing": "空值",
    "a date (YYYY-MM-DD)": "日期（YYYY-MM-DD）",
    "a date (YYYY-MM-DD) or a date-time (YYYY-MM-DD HH:MM:SS)": "日期（YYYY-MM-DD）或日期时间（YYYY-MM-DD HH:MM:SS）",
    "another value": "其他值",
    "a date": "日期",
    "null": "null",
    "nothing (null, ~ or no value)": "空值（null、~ 或不写值）",
    'a time of day "HH:MM" (24-hour clock)': '一天中的时间 "HH:MM"（24 小时制）',
    "a boolean": "布尔值",
}

#: What a value was ("..., got a mapping"), in Chinese; other values are shown as written.
_GOT: dict[str, str] = {
    "a mapping": "一个映射",
    "a list": "一个列表",
    "nothing": "空值",
    "something else": "其他内容",
    "a boolean": "一个布尔值",
}

#: Names of vocabularies ("unknown group type 'x'").
_WHAT: dict[str, str] = {
    "group type": "群类型",
    "product role": "商品角色",
    "persona": "运营人设",
    "event": "事件",
    "segment": "人群",
    "kind": "类型",
    "mode": "模式",
    "stop_when value": "stop_when 取值",
    "comparison": "比较方式",
    "anchor": "起点",
    "value": "取值",
    "action": "动作",
    "channel": "渠道",
    "product": "商品",
    "group": "群",
    "SOP": "SOP",
    "KPI": "KPI",
    "key": "键",
}


def _got(text: str) -> str:
    text = text.strip()
    digits = re.fullmatch(r"a (negative )?(\d+)-digit number", text)
    if digits:
        return f"一个 {digits.group(2)} 位{'负' if digits.group(1) else ''}数"
    about = re.fullmatch(r"a number of about (\d+) digits", text)
    if about:
        return f"一个约 {about.group(1)} 位的数"
    return _GOT.get(text, text)


def _kinds(text: str) -> str:
    """``a number or text`` → ``数字或文本`` (a quoted option stays as written)."""
    text = text.strip()
    if text in _KINDS:
        return _KINDS[text]
    values = re.fullmatch(r"(\d+) values", text)
    if values:
        return f"{values.group(1)} 个值"
    duration = re.fullmatch(r"a duration such as (.+) or a number of minutes( that is not negative)?", text)
    if duration:
        return f"{'不为负的' if duration.group(2) else ''}时长，如 {duration.group(1).replace(', ', '、')} 或分钟数"
    clock = re.fullmatch(r"a time of day (⟦\d+⟧) \(24-hour clock\)", text)
    if clock:
        return f"一天中的时间 {clock.group(1)}（24 小时制）"
    window = re.fullmatch(r"an hour window (⟦\d+⟧), e\.g\. (⟦\d+⟧)", text)
    if window:
        return f"时段 {window.group(1)}，如 {window.group(2)}"
    every = re.fullmatch(r"(⟦\d+⟧), (⟦\d+⟧) \(every N days\) or weekdays like (⟦\d+⟧)", text)
    if every:
        return f"{every.group(1)}、{every.group(2)}（每 N 天）或星期，如 {every.group(3)}"
    parts = re.split(r" or |, ", text)
    if len(parts) > 1 and all(p in _KINDS or re.fullmatch(r"⟦\d+⟧", p) for p in parts):
        return "或".join(_KINDS.get(p, p) for p in parts)
    return text


_sub = phrase_rule


def _unknown(m: re.Match[str]) -> str:
    what = _WHAT.get(m.group(1), m.group(1))
    sep = " " if what.isascii() else ""
    return f"未知的{sep}{what} {_got(m.group(2))}"


def _expected(m: re.Match[str]) -> str:
    return f"应为{_kinds(m.group(1))}，实际是 {_got(m.group(2))}"


def _limit(m: re.Match[str]) -> str:
    return f"{_got(m.group(1))} 超出上限：{m.group(2)} 最多为 {m.group(3)}"


def _tag_needs(m: re.Match[str]) -> str:
    tag, kind, got, remove, write = m.groups()
    example = re.fullmatch(r"(.+?) such as (.+)", write)
    written = f"{_kinds(example.group(1))}，如 {example.group(2)}" if example else _kinds(write)
    return f"标签 {tag} 需要{_kinds(kind)}，实际是 {_got(got)}（删除标签 {remove}，或写{written}）"


def _growth(m: re.Match[str]) -> str:
    loop = "与自己同一规格的群" if m.group(2) is None else f"规格 {m.group(2)} 的群，而它的 SOP 又会创建 {m.group(3)} 的群"
    how = "它在每个群里反复触发" if m.group(4).startswith("it fires") else "每个群会创建两个或更多"
    return (f"这个步骤创建{loop}，并且{how}：群的数量会无限增长；请从一个 SOP 不再建群的规格创建群，"
            "或每个群只创建一次（day: N）")


_ONLY_PLAIN = "场景只包含文本、数字、true/false、日期、列表和映射"

#: (pattern, replacement) in the order they apply; a pattern sees the message with its quoted
#: parts replaced by ``⟦n⟧``.
_RULES: tuple[PhraseRule, ...] = (
    # --- YAML syntax (the loader's wording of PyYAML's problems)
    _sub(r"^YAML syntax error: ", "YAML 语法错误："),
    _sub(r"a (⟦\d+⟧) is not allowed here \(quote a value that contains (⟦\d+⟧), or check the indentation\)",
         r"此处不能出现 \1（值中含 \2 时请加引号，或检查缩进）"),
    _sub(r"this line's indentation does not match the lines above it", "这一行的缩进与上面的行不一致"),
    _sub(r"a key is missing its (⟦\d+⟧) \(or a quote or bracket is not closed\)", r"某个键缺少 \1（或引号、括号没有闭合）"),
    _sub(r"a (⟦\d+⟧) list is not closed with (⟦\d+⟧) \(or its items are not separated by (⟦\d+⟧)\)",
         r"\1 列表没有用 \2 闭合（或各项之间没有用 \3 分隔）"),
    _sub(r"a (⟦\d+⟧) mapping is not closed with (⟦\d+⟧) \(or its items are not separated by (⟦\d+⟧)\)",
         r"\1 映射没有用 \2 闭合（或各项之间没有用 \3 分隔）"),
    _sub(r" ?\(while parsing a block mapping that starts on line (\d+)\)", r"（所在的映射从第 \1 行开始）"),
    _sub(r" ?\(while parsing a block collection that starts on line (\d+)\)", r"（所在的列表从第 \1 行开始）"),
    _sub(r" ?\(while parsing a flow sequence that starts on line (\d+)\)", r"（所在的 [...] 列表从第 \1 行开始）"),
    _sub(r" ?\(while parsing a flow mapping that starts on line (\d+)\)", r"（所在的 {...} 映射从第 \1 行开始）"),
    _sub(r" ?\(while scanning a simple key that starts on line (\d+)\)", r"（所在的键从第 \1 行开始）"),
    _sub(r" ?\(while (?:parsing|scanning) (.+?) that starts on line (\d+)\)", r"（相关内容从第 \2 行开始）"),
    _sub(r"expected the node content, but found (⟦\d+⟧)", r"这里应该有一个值，却遇到了 \1"),
    _sub(r"expected alphabetic or numeric character, but found (⟦\d+⟧)", r"这里应为字母或数字，却遇到了 \1"),
    _sub(r"expected (⟦\d+⟧), but found (⟦\d+⟧)", r"这里应为 \1，却遇到了 \2"),
    _sub(r"found character (⟦\d+⟧) that cannot start any token", r"字符 \1 不能出现在这里"),
    _sub(r"the file ends inside a quoted string that was never closed", "文件在一个未闭合的引号字符串中结束"),
    _sub(r"the file holds more than one YAML document \((⟦\d+⟧)\); a scenario is one document",
         r"文件包含不止一个 YAML 文档（\1）；一个场景只能是一个文档"),
    _sub(r"expected chomping or indentation indicators, but found (⟦\d+⟧)", r"这里应为块文本的缩进或换行指示符，却遇到了 \1"),
    _sub(r"found incompatible YAML document \(version (\S+) is required\)", r"YAML 文档版本不兼容（需要 \1）"),
    _sub(r"^(YAML 语法错误：)?mapping keys are not allowed here", r"\1这里不允许出现映射的键"),
    _sub(r"^(YAML 语法错误：)?sequence entries are not allowed here", r"\1这里不允许出现列表项"),
    _sub(r"this key is longer than (\d+) characters, which YAML does not allow \(a scenario's keys are short names; is "
         r"a (⟦\d+⟧) missing its quotes in a long text\?\)",
         r"这个键超过 \1 个字符，YAML 不允许（场景的键都是短名称；是不是长文本里的 \2 缺了引号？）"),
    _sub(r"(⟦\d+⟧) merges a mapping \(or a list of mappings\) into this one", r"\1 把一个映射（或一组映射）合并到这里"),
    _sub(r"alias \*(\S+) is used before any anchor &\S+ defines it", r"别名 *\1 在锚点 &\1 定义之前就被使用了"),
    _sub(r"the file contains the control character (U\+[0-9A-Fa-f]+), which YAML does not allow",
         r"文件含有 YAML 不允许的控制字符 \1"),
    _sub(r"a tab character in the indentation; YAML indents with spaces only", "缩进中有制表符；YAML 只能用空格缩进"),
    _sub(r"a tab character where YAML does not allow one; use spaces \(or quote the value\)",
         "此处不允许制表符；请改用空格（或给值加引号）"),
    _sub(r"duplicate key (⟦\d+⟧) \(first defined on line (\d+)\)", r"重复的键 \1（第 \2 行已定义过）"),
    _sub(r"a key must be a plain name, not a list or a mapping", "键必须是普通名称，不能是列表或映射"),
    _sub(r"an alias refers to the collection that contains it \(a recursive structure\)",
         "别名引用了包含它自身的集合（递归结构）"),
    _sub(r"aliases expand this document to more than ([\d,]+) values \(an alias bomb\?\); simgroup refuses it",
         r"别名把文档展开到超过 \1 个值（别名炸弹？）；simgroup 拒绝读取"),
    _sub(r"the document nests deeper than (\d+) levels; a scenario needs fewer than (\d+)",
         r"文档嵌套超过 \1 层；一个场景用不到 \2 层"),
    _sub(r"the document has more than ([\d,]+) values; a scenario is far smaller", r"文档的值超过 \1 个；一个场景远没有这么大"),
    # --- the file itself
    _sub(r"the file is not UTF-8 text: byte (\S+) at byte offset (\d+) is not valid UTF-8 \(save the file as UTF-8\)",
         r"文件不是 UTF-8 文本：第 \2 字节处的 \1 不是有效的 UTF-8（请另存为 UTF-8）"),
    _sub(r"the file is (\S+) text; save it as UTF-8", r"文件是 \1 文本；请另存为 UTF-8"),
    _sub(r"the file is empty; a scenario starts with (⟦\d+⟧)", r"文件是空的；场景以 \1 开头"),
    _sub(r"^the file is empty$", "文件是空的"),
    _sub(r"the file is ([\d.,]+ [KMGT]?B); scenario files are limited to ([\d.,]+ [KMGT]?B)", r"文件大小为 \1；场景文件最大 \2"),
    _sub(r"^no such file or directory$", "文件或目录不存在"),
    _sub(r"^is not a regular file$", "不是普通文件"),
    _sub(r"^is a directory$", "是一个目录"),
    _sub(r"missing (⟦\d+⟧) \(the scenario language version\) at the top of the file", r"文件开头缺少 \1（场景语言版本）"),
    _sub(r"this simgroup reads scenario language version (\d+), the file says (.+?); write (⟦\d+⟧)",
         lambda m: f"这个版本的 simgroup 读取场景语言版本 {m.group(1)}，文件写的是 {_got(m.group(2))}；请写 {m.group(3)}"),
    _sub(r"the top level must be a mapping of keys such as (.+?); this file holds the text (⟦\d+⟧)",
         r"顶层必须是由 \1 等键组成的映射；这个文件却是文本 \2"),
    _sub(r"the top level must be a mapping of keys such as (.+?); this file holds the value (\S+)",
         r"顶层必须是由 \1 等键组成的映射；这个文件却是值 \2"),
    _sub(r"the top level must be a mapping of keys such as (.+?); this file holds a list",
         r"顶层必须是由 \1 等键组成的映射；这个文件却是一个列表"),
    # --- YAML tags
    _sub(r"the tag (\S+) is not supported in a scenario \(remove the tag (\S+): a scenario holds only text, numbers, "
         r"true/false, dates, lists and mappings\)", rf"场景不支持标签 \1（请删除标签 \2：{_ONLY_PLAIN}）"),
    _sub(r"the tag (\S+) needs (.+?), got (.+?) \(remove the tag (\S+), or write (.+?)\)", _tag_needs),
    _sub(r"cannot read the value (⟦\d+⟧) as (.+?): month must be in 1\.\.12",
         lambda m: f"无法把 {m.group(1)} 读作{_kinds(m.group(2))}：月份必须在 1 到 12 之间"),
    _sub(r"cannot read the value (⟦\d+⟧) as (.+?): day is out of range for month",
         lambda m: f"无法把 {m.group(1)} 读作{_kinds(m.group(2))}：日期超出了该月的天数"),
    _sub(r"cannot read the value (⟦\d+⟧) as (.+?)(: .*)?$",
         lambda m: f"无法把 {m.group(1)} 读作{_kinds(m.group(2))}{m.group(3) or ''}"),
    _sub(r"Unable to parse input string as an integer, exceeded maximum size, got (.+)$",
         r"无法把输入读作整数（位数太多），实际是 \1"),
    _sub(r": invalid character in (year|month|day)$",
         lambda m: "：" + {"year": "年份", "month": "月份", "day": "日"}[m.group(1)] + "中有无效字符"),
    _sub(r": dates after 9999 are not supported as unix timestamps", "：不支持 9999 年以后的日期"),
    _sub(r": dates before 0000 are not supported as unix timestamps", "：不支持 0000 年以前的日期"),
    _sub(r"^internal error while validating \((.*)\); please report it$", r"校验时出现内部错误（\1）；请报告这个问题"),
    _sub(r"^internal error while validating \((.*)\)$", r"校验时出现内部错误（\1）"),
    _sub(r"^is a directory, not a scenario file$", "是目录，不是场景文件"),
    _sub(r"^no such file$", "文件不存在"),
    _sub(r"^no \*\.yaml or \*\.yml scenario files in this directory$", "这个目录里没有 *.yaml 或 *.yml 场景文件"),
    _sub(r"^no scenario file (.+) \(better_than is relative to this file's directory\)$",
         r"没有场景文件 \1（better_than 的路径相对于本文件所在的目录）"),
    _sub(r"^group (⟦\d+⟧) is not in (.+) \(its groups: (.*)\)$", r"群 \1 不在 \2 中（那里的群：\3）"),
    _sub(r"^needs --baseline FILE \(where to write it\)$", "需要 --baseline FILE（写到哪里）"),
    _sub(r"^no such baseline file \(create it with --update-baseline\)$", "基线文件不存在（用 --update-baseline 创建）"),
    _sub(r"^not valid JSON: (.*); refusing to overwrite it with --update-baseline$",
         r"不是有效的 JSON（\1）；不会用 --update-baseline 覆盖它"),
    _sub(r"^the scenario expects about ([\d,]+) members per replication; the limit is ([\d,]+) \(lower per_day, add_rate, "
         r"days or initial members\)$", r"这个场景每次重复预计约有 \1 名成员；上限是 \2（请降低 per_day、add_rate、days 或初始成员数）"),
    _sub(r"^end_day \((\d+)\) is before start_day \((\d+)\)$", r"end_day（\1）早于 start_day（\2）"),
    _sub(r"^qr_limit \((\d+)\) cannot exceed capacity \((\d+)\)$", r"qr_limit（\1）不能超过 capacity（\2）"),
    _sub(r"^(⟦\d+⟧) is reserved for the whole scenario; choose another group id$", r"\1 保留给整个场景；请换一个群 id"),
    _sub(r"^an event step \(on:\) fires when the event happens; use after: for a delay, not at:$",
         "事件步骤（on:）在事件发生时触发；要延迟请用 after:，不要用 at:"),
    _sub(r"^on: member_count needs min: N \(fires when the group reaches N members\)$",
         "on: member_count 需要 min: N（群达到 N 人时触发）"),
    _sub(r"^on: inactive needs idle: a duration such as 3d$", "on: inactive 需要 idle: 一个时长，如 3d"),
    _sub(r"^from: member only applies to day: N steps$", "from: member 只用于 day: N 的步骤"),
    _sub(r"^after: is a delay following an event; give on: as well$", "after: 是事件之后的延迟；请同时写 on:"),
    _sub(r"^better: only applies to better_than \(which scenario to beat\)$", "better: 只用于 better_than（要超过哪个场景）"),
    _sub(r"^a red-packet share is at most (\S+) CNY; (\S+) over (\d+) shares is (\S+)$",
         r"每份红包最多 \1 CNY；\2 分成 \3 份，每份是 \4"),
    _sub(r"^(⟦\d+⟧) is outside the simulated (\d+) days from (\S+)$", r"\1 不在从 \3 起模拟的 \2 天之内"),
    _sub(r"^model\.(\S+): unknown name (⟦\d+⟧) \(known: (.*)\)$", r"model.\1：未知的名称 \2（已知：\3）"),
    _sub(r"^(every|at): expected ", r"\1: expected "),
    # --- keys
    _sub(r"missing required key (⟦\d+⟧)", r"缺少必填的键 \1"),
    _sub(r" ?\(do: (\w+) needs it\)", r"（do: \1 需要它）"),
    _sub(r"unknown key (⟦\d+⟧)", r"未知的键 \1"),
    _sub(r" ?\(allowed: ([^)]*)\)", r"（可用的键：\1）"),
    _sub(r" ?\(inside \{\.\.\.\}, quote a weekday list: every: (⟦\d+⟧)\)", r"（在 {...} 里，星期列表要加引号：every: \1）"),
    _sub(r"(⟦\d+⟧) is not a valid name: use letters \(any script\), digits, (⟦\d+⟧) and (⟦\d+⟧), starting with a "
         r"letter or (⟦\d+⟧)", r"\1 不是有效的名称：只能用字母（任何文字）、数字、\2 和 \3，并以字母或 \4 开头"),
    _sub(r"the name (⟦\d+⟧) is too long: at most (\d+) characters", r"名称 \1 太长：最多 \2 个字符"),
    _sub(r"the name (⟦\d+⟧) is not allowed here", r"这里不能用名称 \1"),
    _sub(r"id (⟦\d+⟧) is used twice in (\w+)", r"id \1 在 \2 中用了两次"),
    # --- values
    _sub(r"^(.+?) is over the limit: (\w+) can be at most (\S+)", _limit),
    _sub(r"expected (.+?), got (.+?)(?= \(put it in quotes\)| \(write |：|$)", _expected),
    _sub(r" \(put it in quotes\)", "（请加引号）"),
    _sub(r" \(write (\[.*\])\)", r"（写成 \1）"),
    _sub(r"^must be at least (\S+)$", r"至少为 \1"),
    _sub(r"must not be negative, got (.+)$", lambda m: f"不能为负数，实际是 {_got(m.group(1))}"),
    _sub(r"must be at least (\S+), got (.+)$", lambda m: f"至少为 {m.group(1)}，实际是 {_got(m.group(2))}"),
    _sub(r"must be at most (\S+), got (.+)$", lambda m: f"最多为 {m.group(1)}，实际是 {_got(m.group(2))}"),
    _sub(r"must be greater than (\S+), got (.+)$", lambda m: f"必须大于 {m.group(1)}，实际是 {_got(m.group(2))}"),
    _sub(r"must be less than (\S+), got (.+)$", lambda m: f"必须小于 {m.group(1)}，实际是 {_got(m.group(2))}"),
    _sub(r"^must not be empty$", "不能为空"),
    _sub(r"is too long: at most (\d+) characters", r"太长：最多 \1 个字符"),
    _sub(r"needs exactly (\d+) values, got (\d+)", r"需要正好 \1 个值，实际有 \2 个"),
    _sub(r"needs at least (\d+) items?, got (\d+)", r"至少需要 \1 项，实际有 \2 项"),
    _sub(r"has (\d+) items, over the limit of ([\d,]+)", r"有 \1 项，超过上限 \2"),
    _sub(r"has (\d+) items; at most (\d+) are allowed", r"有 \1 项；最多允许 \2 项"),
    _sub(r"segment shares must sum to (\S+), they sum to (\S+)", r"各人群占比之和必须为 \1，现在是 \2"),
    _sub(r"the hour window (⟦\d+⟧) is empty", r"时段 \1 是空的"),
    _sub(r"between: the lower bound (\S+) is above the upper (\S+)", r"between：下限 \1 高于上限 \2"),
    _sub(r"min_size \((\d+)\) is above max_size \((\d+)\)", r"min_size（\1）大于 max_size（\2）"),
    # --- names and references
    _sub(r"unknown (group type|product role|persona|event|segment|kind|mode|stop_when value|comparison|anchor|value|"
         r"action|channel|product|group|SOP|KPI) (.+?)(?= \(|$)", _unknown),
    _sub(r" ?\(expected one of: ([^)]*)\)", r"（可选：\1）"),
    _sub(r" ?\(known: ([^)]*)\)", r"（已知：\1）"),
    _sub(r" ?\(defined: none are defined\)", "（还没有定义任何一个）"),
    _sub(r" ?\(defined: ([^)]*)\)", r"（已定义：\1）"),
    _sub(r" ?\(actions: ([^)]*)\)", r"（动作：\1）"),
    _sub(r" ?\(KPIs: ([^)]*)\)", r"（KPI：\1）"),
    # --- SOP steps and expectations
    _sub(r"a step has one trigger, this one has (\w+) and (\w+)", r"一个步骤只能有一个触发条件，这个步骤同时有 \1 和 \2"),
    _sub(r"a step needs a trigger: on, every, day or at", "步骤需要一个触发条件：on、every、day 或 at"),
    _sub(r"a step needs (⟦\d+⟧) naming its action \(([^)]*)\)", r"步骤需要用 \1 写明动作（\2）"),
    _sub(r"a step is a mapping such as \{on: member_join, do: welcome\}, got (.+)$",
         lambda m: f"步骤应为映射，如 {{on: member_join, do: welcome}}，实际是 {_got(m.group(1))}"),
    _sub(r"day (\d+) is beyond the scenario's (\d+) days \(days are (\S+)\)", r"第 \1 天超出了场景的 \2 天（天数为 \3）"),
    _sub(r"start_day (\d+) is beyond the scenario's (\d+) days: the channel never runs",
         r"start_day \1 超出了场景的 \2 天：这个渠道永远不会运行"),
    _sub(r"an expectation needs between, at_least, at_most or better_than",
         "期望需要 between、at_least、at_most 或 better_than 之一"),
    _sub(r"better_than names this scenario itself", "better_than 指向了这个场景自己"),
    _sub(r"this step creates groups of (its own spec|spec (⟦\d+⟧), whose SOP creates groups of (⟦\d+⟧) again), and "
         r"(it fires again and again in every group|each group creates two or more): the number of groups grows "
         r"without bound; create groups from a spec whose SOP does not create groups, or only once per group "
         r"\(day: N\)", _growth),
    _sub(r"the run passed the limit of ([\d,]+) (.+?) per replication while running step (\S+); (.*)$",
         lambda m: f"运行超过了每次重复 {m.group(1)} 个{_BUDGET.get(m.group(2), m.group(2))}的上限"
                   f"（正在执行步骤 {m.group(3)}）；{_BUDGET_ADVICE.get(m.group(4), m.group(4))}"),
    _sub(r"the run passed the limit of ([\d,]+) (.+?) per replication(.*?); (.*)$",
         lambda m: f"运行超过了每次重复 {m.group(1)} 个{_BUDGET.get(m.group(2), m.group(2))}的上限"
                   f"；{_BUDGET_ADVICE.get(m.group(4), m.group(4))}"),
)

#: The counts of the engine's work budget (engine/budget.py).
_BUDGET: dict[str, str] = {
    "created groups": "新建群",
    "member rows": "成员记录",
    "SOP tasks": "SOP 任务",
    "event-log records": "事件日志记录",
}

_BUDGET_ADVICE: dict[str, str] = {
    "a step that creates groups whose own SOP creates groups again grows without bound: create groups from a spec "
    "whose SOP does not create groups, or only on one day":
        "一个建群步骤所建的群若其 SOP 又会建群，群数会无限增长：请从 SOP 不再建群的规格创建群，或只在某一天建群",
}


def translate(message: str) -> str:
    """``message`` in Chinese (the quoted parts as written)."""
    quoted: list[str] = []

    def hold(m: re.Match[str]) -> str:
        quoted.append(m.group(0))
        return _TOKEN.format(len(quoted) - 1)

    text = _QUOTED.sub(hold, message)
    text = apply_phrase_rules(text, _RULES)
    return re.sub(r"⟦(\d+)⟧", lambda m: quoted[int(m.group(1))], text)


def translate_suggestion(suggestion: str) -> str:
    """The did-you-mean tail in Chinese."""
    return f"（是不是要写 {suggestion!r}？）"
