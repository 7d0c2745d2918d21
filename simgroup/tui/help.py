"""Help text for each mode, in English and Chinese (Markdown). The key table under it is built
from the live bindings (:mod:`simgroup.tui.screens.help`), so it cannot drift from the keys."""

from __future__ import annotations

from simgroup.tui.i18n import get_language

HELP: dict[str, dict[str, str]] = {
    "browse": {
        "en": """\
**Browse** lists the scenario files of the folder you opened. Each file shows whether it
validates: `✓` valid, `✗ (n)` n problems, `…` being checked. The right pane summarises the
highlighted scenario: settings, channels, groups and the SOP each runs, every SOP step,
products and the `expect:` block, or the file's problems with their line and column.

Move with ↑ ↓, press Enter or `e` to edit, `r` to run, `c` to mark files for Compare (◆).
""",
        "zh": """\
**浏览**列出所打开文件夹中的场景文件,并显示每个文件是否通过校验:`✓` 有效,`✗ (n)` 有 n 个问题,
`…` 正在校验。右侧是所选场景的摘要:参数、引流渠道、群及其 SOP、每个 SOP 步骤、商品和 `expect:`
预期;文件无效时列出问题及其行号和列号。

用 ↑ ↓ 移动,Enter 或 `e` 编辑,`r` 运行,`c` 标记要对比的文件(◆)。
""",
    },
    "edit": {
        "en": """\
**Edit** is a YAML editor for the scenario. It is checked as you type (after a short pause):
problems are listed under the editor, their line numbers are marked `!` in the gutter, and the
problem on the cursor's line is shown above the list. Select a problem (Tab to the list, Enter)
to jump to it. Unsaved text is kept when you switch modes; saving writes the file atomically.

Usual editing keys: Ctrl+Z undo, Ctrl+Y redo, Ctrl+X / Ctrl+C / Ctrl+V cut, copy, paste,
Tab indents, Esc leaves the editor.
""",
        "zh": """\
**编辑**是场景的 YAML 编辑器,输入时(稍作停顿后)即时校验:问题列在编辑器下方,对应行号在左侧以
`!` 标出,光标所在行的问题显示在列表上方。选中一个问题(Tab 切到列表,Enter)即可跳到该处。
切换模式时未保存的内容会保留;保存时以原子方式写入文件。

常用编辑键:Ctrl+Z 撤销,Ctrl+Y 重做,Ctrl+X / Ctrl+C / Ctrl+V 剪切、复制、粘贴,Tab 缩进,
Esc 离开编辑器。
""",
    },
    "run": {
        "en": """\
**Run** simulates the scenario. Leave replications, seed and days blank to use the scenario's
values (shown greyed). The progress bar counts replications; Esc cancels after the current one.
The table lists every KPI with its mean, 95 % confidence interval and number of replications;
*god-view* KPIs (mute, fold, true reach) cannot be seen in WeCom, *observable* ones can. The
charts show members, muted and folded members (god-view), speakers, and cumulative GMV and
profit per simulated day, with the 95 % band (dotted) where the chart is tall enough. Scope
switches between the whole scenario and one group spec.
""",
        "zh": """\
**运行**模拟该场景。重复次数、种子和天数留空即使用场景中的值(灰色显示)。进度条按重复次数计数;
Esc 在当前这次重复结束后取消。表格列出每个指标的均值、95% 置信区间和重复次数;「上帝视角」指标
(免打扰、折叠、真实触达)在企业微信中看不到,「可观测」指标可以看到。图表按模拟天数显示成员数、
免打扰和折叠人数(上帝视角)、发言人数,以及累计成交额和利润;图表足够高时以虚线画出 95% 区间。
"范围"可在整个场景和单个群配置之间切换。
""",
    },
    "compare": {
        "en": """\
**Compare** runs two or more scenarios at the same seeds (common random numbers), so their
differences are sharp. Tick scenarios with Space; the first ticked is the baseline A, the others
B, C… The table shows each variant's mean and the paired difference against A with its interval;
a difference whose interval excludes 0 is significant (bold, `*`). With more than two variants
the intervals are Bonferroni-adjusted. The charts overlay the variants day by day.
""",
        "zh": """\
**对比**以相同的种子(共同随机数)运行两个或更多场景,使差异更清晰。用空格勾选场景;第一个勾选的是
基准 A,其余依次为 B、C……表格显示每个方案的均值,以及相对 A 的配对差值和置信区间;区间不含 0
的差值为显著(粗体,`*`)。超过两个方案时使用 Bonferroni 校正。图表按天叠加显示各方案。
""",
    },
    "playback": {
        "en": """\
**Playback** tells one simulated group as a live chat, for a class. The feed shows joins (with
how they joined: QR code, live code, invitation), leaves, the operator's posts with the SOP's text,
member chatter, orders, red packets grabbed and check-ins. Lines marked `👁 [god-view]` (mute,
fold) and the segment tags *(hunter)*, *(super)* are things WeCom never shows: only the
simulation knows them. The panel counts members, muted and folded (god-view), today's speakers,
joiners, leavers and messages, buyers, orders, GMV and gross profit, with members over the last
four days.

Space plays and pauses, `n` steps to the next event, `+` / `-` change the speed (real time up to
6000 simulated minutes a second), `g` goes to a day, `]` runs on to the next SOP post, `f`
follows one member (again: everyone). The keys `c` coupon, `p` content post, `a` @all, `s` flash
sale and `d` dissolve act **now**: the simulation forks at this minute, the feed continues under
the new course, and until midnight the panel shows *planned* against *after* your action.
The same seed always gives the same feed.
""",
        "zh": """\
**回放**把一个模拟群当作实时群聊播放给学员看。消息流显示入群(以及入群方式:扫群二维码、群活码、
邀请)、退群、运营按 SOP 文案发的消息、群成员聊天、下单、抢红包和打卡。标有 `👁 [上帝视角]` 的行
(免打扰、折叠)和分群标签 *(羊毛党)*、*(超级用户)* 在企业微信里看不到,只有模拟知道。右侧面板统计
成员数、免打扰和折叠人数(上帝视角)、今日发言人数、入群、退群和消息数、购买人数、订单数、成交额和
毛利,并画出最近四天的成员数。

空格播放/暂停,`n` 单步到下一条事件,`+` / `-` 调整速度(从真实时间到每秒 6000 模拟分钟),`g`
跳到某一天,`]` 快进到下一个 SOP 消息,`f` 只看某个成员(再按一次看全部)。`c` 优惠券、`p` 内容帖、
`a` @所有人、`s` 限时秒杀、`d` 解散群 **立即生效**:模拟从这一分钟分叉,消息流按新的走向继续,到午夜
前面板并排显示「原计划」和「操作后」。相同的种子总是得到相同的消息流。
""",
    },
}

GLOBAL = {
    "en": "F2–F6 switch modes from anywhere; Ctrl+P opens the command palette, which reaches every action.",
    "zh": "F2–F6 可在任何地方切换模式;Ctrl+P 打开命令面板,可执行所有操作。",
}


def help_text(mode: str) -> str:
    lang = get_language()
    return HELP[mode][lang] + "\n" + GLOBAL[lang] + "\n"
