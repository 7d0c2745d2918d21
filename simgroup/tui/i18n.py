"""The TUI's one catalogue of words: English source strings and their Chinese translations.

Contract:

* Every user-visible string in the TUI is written in English and passed through :func:`t`; with
  the language set to ``zh`` the string is looked up in :data:`ZH` (a missing entry falls back to
  the English text, and ``tests/tui/test_i18n.py`` fails on it). ``t(text, **fields)`` formats
  ``{field}`` placeholders after the lookup, so translations may move them around.
* KPI names (docs/results.md) have their own labels (:data:`simgroup.i18n.KPI_ZH`, the one home
  of them): :func:`kpi_label`; the views ``observable`` and
  ``god-view`` too: :func:`view_label`.
* The scenario language's closed vocabularies (group types, personas, channel kinds, product
  roles, SOP actions, post kinds, events, weekdays, check-in modes) are shown as written in
  English (they are what the YAML says) and as words in Chinese: :func:`term`. Ids, names and
  texts the scenario author wrote are never translated.
* The language is process-wide and lives in :mod:`simgroup.i18n` (re-exported here):
  :func:`set_language` is called by the app before any screen is built, :func:`detect_language`
  picks the default (``SIMGROUP_LANG``, then the locale).

This module imports nothing from Textual, so the CLI can use it to validate ``--lang``.
"""

from __future__ import annotations

from simgroup.i18n import KPI_EN, KPI_ZH, LANGUAGES, WORDS_ZH, detect_language, get_language, set_language

__all__ = ["KPI_EN", "KPI_ZH", "LANGUAGES", "ZH", "detect_language", "get_language", "kpi_label", "set_language",
           "t", "view_label"]


def t(text: str, **fields: object) -> str:
    """``text`` in the current language, with ``{placeholders}`` filled from ``fields`` (the TUI's
    own words in :data:`ZH`, the words it shares with the report in :data:`simgroup.i18n.WORDS_ZH`)."""
    out = ZH.get(text, WORDS_ZH.get(text, text)) if get_language() == "zh" else text
    return out.format(**fields) if fields else out


def kpi_label(name: str) -> str:
    labels = KPI_ZH if get_language() == "zh" else KPI_EN
    return labels.get(name, name)


def view_label(view: str) -> str:
    return t("god-view") if view == "god-view" else t("observable")


def term(vocabulary: str, value: str) -> str:
    """A word of the scenario language (``term("group_type", "checkin")``): the value itself in
    English, its Chinese word in Chinese (the value itself when the catalogue lacks it)."""
    if get_language() != "zh":
        return value
    return TERMS_ZH.get(vocabulary, {}).get(value, value)


#: Vocabulary name -> YAML value -> Chinese (docs/scenario-reference.md for the values).
TERMS_ZH: dict[str, dict[str, str]] = {
    "group_type": {"traffic": "流量型", "flash_sale": "快闪型", "content": "内容型", "checkin": "打卡型"},
    "persona": {"welfare_officer": "福利官", "expert": "专家", "founder": "创始人"},
    "channel_kind": {"package_card": "包裹卡", "store_qr": "门店二维码", "ads": "广告", "livestream": "直播",
                     "organic": "自然流量", "other": "其他"},
    "product_role": {"lead": "引流款", "bundle": "组合款", "repeat": "复购款", "profit": "利润款"},
    "action": {"welcome": "欢迎语", "post": "发内容", "announce": "群公告", "at_all": "@所有人", "coupon": "优惠券",
               "red_packet": "红包", "flash_sale": "限时秒杀", "livestream": "直播", "checkin": "打卡活动",
               "lottery": "抽奖", "fission": "裂变", "tag": "打标签", "kick": "移出群", "migrate": "迁移",
               "create_group": "建群", "dissolve": "解散群"},
    "post_kind": {"tips": "干货", "story": "故事", "product": "商品", "testimonial": "买家秀", "ad": "广告"},
    "event": {"member_join": "新成员入群", "member_leave": "成员退群", "member_count": "群人数达到",
              "purchase": "下单", "inactive": "成员沉默"},
    "weekday": {"mon": "周一", "tue": "周二", "wed": "周三", "thu": "周四", "fri": "周五", "sat": "周六",
                "sun": "周日"},
    "checkin_mode": {"streak": "连续打卡", "total": "累计打卡"},
    "segment": {"regular": "普通成员", "coupon_hunter": "羊毛党", "super_user": "超级用户"},
}


#: English source string -> Chinese.
ZH: dict[str, str] = {
    # modes and global keys
    "Browse": "浏览",
    "Edit": "编辑",
    "Run": "运行",
    "Compare": "对比",
    "Help": "帮助",
    "Quit": "退出",
    "palette": "命令面板",  # Textual's own Ctrl+P binding
    # browse
    "Scenarios": "场景",
    "Mark for compare": "标记以对比",
    "Revalidate": "重新校验",
    "checking…": "校验中…",
    "{n} problem(s)": "{n} 个问题",
    "No scenario files in {path}": "{path} 中没有场景文件",
    "Select a scenario on the left.": "请在左侧选择一个场景。",
    "days": "天数",
    "seed": "种子",
    "replications": "重复次数",
    "start": "开始日期",
    "Channels": "引流渠道",
    "Groups": "群",
    "SOP steps": "SOP 步骤",
    "Products": "商品",
    "Expectations": "预期",
    "Operators": "运营人员",
    "Problems": "问题",
    "per day": "每天",
    "add rate": "添加率",
    "type": "类型",
    "SOP": "SOP",
    "none": "无",
    "{n} marked for compare": "已标记 {n} 个用于对比",
    "Cannot read {path}: {error}": "无法读取 {path}:{error}",
    "{n} CNY": "{n} 元",
    # SOP steps and expectations (summary.py)
    "on {event}": "{event}时",
    "every day": "每天",
    "every {n} days": "每 {n} 天",
    "every {weekdays}": "每{weekdays}",
    "day {days}": "第 {days} 天",
    "after {duration}": "{duration}后",
    "{n}d": "{n} 天",
    "{n}h": "{n} 小时",
    "{n}m": "{n} 分钟",
    "stock {n}": "库存 {n}",
    "winners {n}": "中奖 {n} 人",
    "offspring {n}": "每人带来 {n} 人",
    "total {n}": "总额 {n}",
    "between [{lo}, {hi}]": "介于 [{lo}, {hi}]",
    "at_least {lo}": "至少 {lo}",
    "at_most {hi}": "至多 {hi}",
    "{rule} by ci ({level})": "{rule}(按 {level} 置信区间)",
    "better_than {file}": "优于 {file}",
    "(did you mean {suggestion}?)": "(是否想写 {suggestion}?)",
    # edit
    "Save": "保存",
    "Next problem": "下一个问题",
    "Save & run": "保存并运行",
    "Reload": "重新加载",
    "saved": "已保存",
    "modified": "已修改",
    "No problems": "没有问题",
    "Saved {path}": "已保存 {path}",
    "Cannot save {path}: {error}": "无法保存 {path}:{error}",
    "No scenario open: pick one in Browse (F2).": "未打开场景:请在浏览模式(F2)中选择。",
    "Fix the problems before running.": "请先修复问题再运行。",
    "Unsaved changes in {names}: press Ctrl+Q again to quit without saving.": "{names} 有未保存的修改:再按一次 Ctrl+Q 放弃修改并退出。",
    "line {line}": "第 {line} 行",
    # run and compare
    "Start": "开始",
    "Start the job": "开始任务",
    # run
    "Start run": "开始运行",
    "Cancel": "取消",
    "Scope": "范围",
    "All groups": "全部群",
    "Group spec {id}": "群配置 {id}",
    "Replications": "重复次数",
    "Seed": "种子",
    "Days": "天数",
    "Ready. Press Ctrl+R to run.": "就绪。按 Ctrl+R 运行。",
    "Running: replication {done}/{total}": "运行中:第 {done}/{total} 次重复",
    "Cancelling…": "正在取消…",
    "Cancelled.": "已取消。",
    "Nothing is running.": "没有正在运行的任务。",
    "Running the saved file: the editor holds unsaved changes (Ctrl+S in Edit).": "运行的是已保存的文件:编辑器中有未保存的修改(在编辑模式按 Ctrl+S)。",
    "Done: {reps} replications, seed {seed}, {days} days.": "完成:{reps} 次重复,种子 {seed},{days} 天。",
    "The scenario has problems:": "场景有问题:",
    "Engine error: {error}": "引擎错误:{error}",
    "Invalid run options: {error}": "运行参数无效:{error}",
    # robust compare
    "A robust comparison takes exactly 2 scenarios: A and B.": "稳健比较只能比较 2 个场景:A 和 B。",
    "B against A in parameter worlds drawn from the plausible ranges": "在从合理范围抽取的参数世界里比较 B 与 A",
    "B better in": "B 更好的世界",
    "B wins or ties on every KPI in every world.": "在每个世界里,B 的每个 KPI 都更好或持平。",
    "Robust": "稳健",
    "median": "中位数",
    # sensitivity (F7 in Run)
    "Analyse": "分析",
    "Analysing: replication {done}/{total}": "分析中:第 {done}/{total} 次重复",
    "Back": "返回",
    "Cancel the analysis, or go back to Run": "取消分析,或返回运行",
    "Done: {n} worlds, {reps} replications each.": "完成:{n} 个参数世界,每个 {reps} 次重复。",
    "Morris screening": "Morris 筛选",
    "No valid scenario open: pick one in Browse (F2).": "没有打开有效的场景:请在浏览(F2)中选择一个。",
    "Ready. Press Ctrl+R to start.": "就绪。按 Ctrl+R 开始。",
    "Reps": "重复",
    "Sensitivity": "敏感性",
    "Sensitivity of {name}": "敏感性分析:{name}",
    "Sobol' indices": "Sobol' 指数",
    "Start analysis": "开始分析",
    "Vary the scenario's uncertain parameters": "变动场景的不确定参数",
    "Which assumptions drive a KPI of this scenario": "哪些假设决定了这个场景的某项指标",
    "Worlds": "世界数",
    "{field} must be at least 1": "{field}至少为 1",
    "{field} must be a whole number": "{field} 必须是整数",
    "Cumulative GMV / profit": "累计成交额 / 利润",
    "Cumulative profit": "累计利润",
    "(god-view)": "(上帝视角)",
    "No run yet.": "尚未运行。",
    # compare
    "Start compare": "开始对比",
    "Variants": "方案",
    "Tick 2 or more scenarios (space); the first ticked is the baseline A.": "勾选 2 个或以上场景(空格);第一个勾选的是基准 A。",
    "Tick at least 2 scenarios to compare.": "请至少勾选 2 个场景进行对比。",
    "Comparing: replication {done}/{total}": "对比中:第 {done}/{total} 次重复",
    "Done: {n} variants, {reps} replications each, seed {seed}.": "完成:{n} 个方案,每个 {reps} 次重复,种子 {seed}。",
    "[i]Italic[/i]: god-view. {notes}": "[i]斜体[/i]:上帝视角。{notes}",
    "{first}; {second}": "{first};{second}",
    "{label} − A": "{label} − A",
    "* significant: the paired interval excludes 0": "* 显著:配对差值的置信区间不含 0",
    "paired differences at {level} confidence, common random numbers": "配对差值,置信水平 {level},共同随机数",
    # playback
    "Playback": "回放",
    "Play a group back as a live chat": "把一个群当作实时群聊回放",
    "Play": "播放/暂停",
    "Start or pause the playback": "开始或暂停回放",
    "Step": "单步",
    "Pause and show the next event": "暂停并显示下一条事件",
    "Faster": "加速",
    "Play faster": "播放得更快",
    "Slower": "减速",
    "Play slower": "播放得更慢",
    "Day": "跳到某天",
    "Jump to the start of a day": "跳到某一天的开始",
    "Next SOP": "下个 SOP",
    "Run on to the next SOP post": "快进到下一条 SOP 消息",
    "Follow": "跟随成员",
    "What-if": "假如",
    "Speed": "速度",
    "Show one member's lines only": "只显示某个成员的消息",
    "Coupon": "优惠券",
    "What-if: send a coupon now": "假如:现在发一张优惠券",
    "Post": "内容帖",
    "What-if: post content now": "假如:现在发一条内容",
    "@all": "@所有人",
    "What-if: send an @all now": "假如:现在@所有人",
    "Flash sale": "限时秒杀",
    "What-if: start a flash sale now": "假如:现在开始限时秒杀",
    "Dissolve": "解散群",
    "What-if: dissolve the group now": "假如:现在解散该群",
    "Close without changing anything": "关闭,不做任何更改",
    "Enter to confirm, Esc to cancel": "Enter 确认,Esc 取消",
    "Go to day (0 is the first day):": "跳到第几天(0 是第一天):",
    "Follow member # (empty: everyone):": "跟随成员编号(留空:全部成员):",
    "This scenario has no product to offer.": "该场景没有可以推的商品。",
    "The group is not there (not created yet, or dissolved): nothing to act on.": "该群不存在(尚未创建或已解散):无法操作。",
    "No more SOP steps in this group.": "该群没有更多的 SOP 步骤了。",
    "real time": "真实时间",
    "{speed} sim-min/s": "每秒 {speed} 模拟分钟",
    "Setting up the simulation…": "正在准备模拟…",
    "Working…": "处理中…",
    "end": "结束",
    "playing": "播放中",
    "paused": "已暂停",
    "chat {chat}": "群 {chat}",
    "following #{member}": "跟随 #{member}",
    "… {n} earlier lines not shown at this speed": "…… 以这个速度,前面 {n} 行未显示",
    "(hunter)": "(羊毛党)",
    "(super)": "(超级用户)",
    "Speakers today": "今日发言人数",
    "Joined today": "今日入群",
    "Left today": "今日退群",
    "Messages today": "今日消息数",
    "Buyers": "购买人数",
    "Orders": "订单数",
    "Gross profit": "毛利",
    "Members, last 4 days: {low}–{high}": "成员数(最近 4 天):{low}–{high}",
    "What-if: press c, p, a, s or d to act now.": "假如:按 c、p、a、s 或 d 立即操作。",
    "What-if: {action} at {clock}": "假如:{clock} {action}",
    "end of the day": "当天结束时",
    "until midnight, live": "直到午夜,实时",
    "planned": "原计划",
    "after": "操作后",
    # help
    "Keys": "按键",
    "Key": "键",
    "Action": "操作",
    "Close": "关闭",
    "Help: {mode}": "帮助:{mode}",
    # palette
    "Switch to {mode} mode": "切换到{mode}模式",
    "Open {name}": "打开 {name}",
    "Open the scenario in Browse": "在浏览模式中打开该场景",
    "Edit {name}": "编辑 {name}",
    "Run {name}": "运行 {name}",
    "Compare the marked scenarios": "对比已标记的场景",
    "{mode}: {action}": "{mode}:{action}",
    # key tooltips
    "Look for scenario files again and check them all": "重新查找并校验所有场景文件",
    "Compare scenarios": "对比场景",
    "Discard unsaved changes: read the file again": "放弃未保存的修改,重新读取文件",
    "Edit the scenario's YAML": "编辑场景的 YAML",
    "Help for this mode": "当前模式的帮助",
    "Mark or unmark the scenario for Compare": "标记或取消标记该场景以进行对比",
    "Move the cursor to the next problem": "把光标移到下一个问题",
    "Next chart": "下一张图",
    "Open the scenario in the editor": "在编辑器中打开该场景",
    "Quit simgroup": "退出 simgroup",
    "Run the scenario": "运行该场景",
    "Run the scenario with these options": "按这些参数运行场景",
    "Run the ticked scenarios at the same seeds": "以相同种子运行所勾选的场景",
    "Save, then run the scenario": "保存后运行场景",
    "Scenario files and summaries": "场景文件及摘要",
    "Show the next chart": "显示下一张图",
    "Stop after the current replication": "在当前这次重复结束后停止",
    "Write the file (atomically)": "写入文件(原子操作)",
}
