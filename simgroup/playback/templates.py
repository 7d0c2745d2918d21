"""Chat text for playback, in Chinese and English: member names, member chatter by segment and
context, operator posts by action and kind, and the system notices of a WeChat group.

Contract: :func:`pick` chooses one variant of a template with a stable hash of the ``key`` parts
the caller passes (an event's time, member, kind), so the same seed always gives the same words;
a missing ``(lang, key)`` falls back to English, then to the key itself. ``{fields}`` are filled
by ``str.format``. Nothing here knows about the engine.
"""

from __future__ import annotations

import zlib


def _hash(*parts: object) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode())


def pick(lang: str, key: str, *parts: object, **fields: object) -> str:
    """One variant of template ``key`` in ``lang``, chosen by the hash of ``parts``."""
    table = TEXT.get(lang, TEXT["en"])
    variants = table.get(key) or TEXT["en"].get(key) or [key]
    text = variants[_hash(key, *parts) % len(variants)]
    return text.format(**fields) if fields else text


_ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程"
_ZH_GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超",
             "秀英", "霞", "平", "刚", "桂英", "小红", "小明", "晓东", "思雨", "子涵", "浩然", "欣怡", "雨桐",
             "佳琪", "一鸣", "梓萱", "俊杰", "诗涵", "宇轩", "可馨", "天佑", "若曦", "嘉怡")
_EN_FIRST = ("Amy", "Ben", "Chloe", "Dan", "Eva", "Finn", "Grace", "Hugo", "Ivy", "Jack", "Kate", "Leo", "Mia",
             "Nina", "Owen", "Pia", "Quinn", "Rosa", "Sam", "Tina", "Uma", "Vic", "Wen", "Xin", "Yan", "Zoe",
             "Lily", "Max", "Ruby", "Tom", "Ada", "Eli", "Ivan", "June", "Kai", "Lena", "Noah", "Olga", "Paul", "Sara")


def member_name(lang: str, member: int) -> str:
    """A stable pseudonym for member ``member`` (the id itself is shown beside it)."""
    h = _hash("name", member)
    if lang == "zh":
        return _ZH_SURNAMES[h % len(_ZH_SURNAMES)] + _ZH_GIVEN[(h // 97) % len(_ZH_GIVEN)]
    return f"{_EN_FIRST[h % len(_EN_FIRST)]} {chr(ord('A') + (h // 89) % 26)}."


OPERATOR = {
    "en": {"welfare_officer": "Mia (welfare officer)", "expert": "Dr. Lin (expert)", "founder": "Zhou (founder)"},
    "zh": {"welfare_officer": "福利官小美", "expert": "林老师", "founder": "创始人老周"},
}

TEXT: dict[str, dict[str, list[str]]] = {
    "en": {
        # --- system notices
        "create_chat": ["Group chat {chat} was created"],
        "dismiss": ["The owner dissolved the group: everyone is out"],
        "group_died": ["Nobody has spoken for days: the group has died"],
        "join.qr": ["{name} joined by scanning the group QR code"],
        "join.live_code": ["{name} joined by scanning the group live code"],
        "join.invite": ["{name} joined on a member's invitation"],
        "join.initial": ["The owner added {name} to the group"],
        "join.migrate": ["{name} moved in from an earlier group"],
        "leave.self": ["{name} left the group"],
        "leave.kicked": ["{name} was removed from the group"],
        "leave.migrated": ["{name} moved on to the next group"],
        "mute": ["{name} muted the group"],
        "fold": ["{name} folded the group"],
        "order": ["{name} ordered {product} for ¥{paid}"],
        "checkin": ["{name} checked in: day {streak} in a row ✅"],
        "grab": ["{name} grabbed the red packet 🧧 ¥{amount}"],
        "grab_more": ["…and {more} more grabbed it: {of} shares gone in a minute 🧧"],
        "task_skipped": ["SOP task {step} ({action}) was not sent by the operator"],
        "whatif": ["What-if: you sent {action} at {clock}; the feed now follows the new course"],
        "jumped": ["Skipped ahead to {clock}"],
        # --- operator posts: action[.kind]
        "op.welcome": ["Welcome to the group! 👏 Tips every morning, offers every evening. Ask me anything.",
                       "Hi and welcome! Read the group notice for the rules 🙏"],
        "op.post.tips": ["Morning tip: store opened skincare in a cool, dry place, never in the bathroom 💡",
                         "Today's tip: patch-test a new product on your wrist first 💡",
                         "Quick tip: a little goes a long way, one pump is enough ✨"],
        "op.post.story": ["A story from our workshop: how one batch takes 30 days to make 📖",
                          "Behind the scenes: meet the team that packs your parcels 📦"],
        "op.post.product": ["Today's pick: {product}, ¥{price}. Tap the link to order 👉",
                            "New in: {product} at ¥{price}, members' favourite this week 🛍"],
        "op.post.testimonial": ["A member wrote: \"used it for two weeks, really works!\" ⭐⭐⭐⭐⭐",
                                "Screenshot from a happy customer: repurchased 3 times 💯"],
        "op.post.ad": ["📣 Big sale on {product}: ¥{price}, only in this group!",
                       "📣 Don't miss out: {product} ¥{price}, limited time"],
        "op.announce": ["📌 Group notice: please keep the chat friendly, no ads, thanks!"],
        "op.at_all": ["@all Important: something special tonight, stay tuned! 🔔",
                      "@all Please read the group notice 📌"],
        "op.coupon": ["🎫 Coupon: {pct}% off {product}, valid {lasts}, while they last!"],
        "op.red_packet": ["🧧 Red packet! ¥{total} in {shares} shares, grab it fast!"],
        "op.flash_sale": ["⚡ Flash sale: {product} ¥{price} → ¥{sale}, {stock} units, {lasts} only!"],
        "op.livestream": ["🎥 We're live now! Come ask questions, special price on {product}"],
        "op.checkin": ["✅ Check-in camp starts! Check in every day, rewards at each streak"],
        "op.lottery": ["🎁 Lucky draw: {winners} winner(s), reply to join!"],
        "op.fission": ["🤝 Invite friends: every friend who joins earns you ¥{reward}"],
        "op.migrate": ["We're moving our most active friends to a new group, see you there 🚚"],
        "op.kick": ["Removed members who broke the group rules"],
        "op.tag": ["(tagged members in the CRM)"],
        "op.create_group": ["(opened a new group)"],
        "op.dissolve": ["This group closes now. Thank you all for being here 🙏"],
        # --- member chatter: chat.<context>.<segment>
        "chat.generic.regular": ["Got it", "Thanks!", "When does my parcel ship?", "Anyone tried this?",
                                 "👍", "Hello everyone", "How long does delivery take?", "ok"],
        "chat.generic.coupon_hunter": ["Any coupons today?", "Is there a red packet?", "Cheaper anywhere else?",
                                       "Waiting for the next deal", "Free samples?"],
        "chat.generic.super_user": ["Morning all ☀️", "I can answer that: it ships in 48h",
                                    "Been using it a month, love it", "Welcome, new friends!",
                                    "Ask me if you have questions about sizes"],
        "chat.offer.regular": ["Is that the lowest price?", "Does it ship today?", "Just ordered!",
                               "What's the difference with the set?", "Can I use it with the coupon?"],
        "chat.offer.coupon_hunter": ["Grabbed! 🏃", "Only with the discount 😅", "Go go go!",
                                     "Stock left?", "Coupon stacks?"],
        "chat.offer.super_user": ["Bought it last time, recommended 💯", "Good price, don't wait",
                                  "It's the best seller for a reason"],
        "chat.value.regular": ["Useful, thanks!", "Saved 📌", "Learned something today",
                               "Could you share more of these?"],
        "chat.value.coupon_hunter": ["Any deal with it?", "ok", "👍"],
        "chat.value.super_user": ["Great tip, I do this too", "Adding: keep it away from sunlight",
                                  "Everyone should read this 👆"],
        "chat.red_packet.regular": ["Thanks, boss! 🧧", "Too slow again 😭", "Got ¥0.88 haha"],
        "chat.red_packet.coupon_hunter": ["Got it! 🧧", "More red packets please!", "Thanks boss, next one?"],
        "chat.red_packet.super_user": ["Thanks boss! 🧧 Generous as always", "Lucky today 🍀"],
        "chat.at_all.regular": ["Received", "Why @all again...", "ok"],
        "chat.at_all.coupon_hunter": ["Is it a deal?", "Red packet?"],
        "chat.at_all.super_user": ["Received, thanks 🙏", "Got it, spreading the word"],
        "chat.new.regular": ["Hi everyone 👋", "New here, hello!", "Joined from the parcel card"],
        "chat.new.coupon_hunter": ["Hi, where's the coupon?", "Joined for the freebie 😄"],
        "chat.new.super_user": ["Welcome all the new friends 🎉", "Hi newcomers, ask me anything"],
        "chat.night.regular": ["Still up? 😴", "Good night everyone", "Can't sleep", "Just got home from work",
                               "Is the shop open tomorrow?"],
        "chat.night.coupon_hunter": ["Any midnight deals?", "Waiting for tomorrow's coupon", "Anything free tonight?"],
        "chat.night.super_user": ["Good night all 🌙", "Late shift again?", "Sleep well, everyone",
                                   "Night owls here too 🦉"],
    },
    "zh": {
        "create_chat": ["群聊「{chat}」已创建"],
        "dismiss": ["群主已解散该群聊,所有成员已被移出"],
        "group_died": ["连续几天几乎没人说话:这个群已经沉寂了"],
        "join.qr": ["“{name}”通过扫描群二维码加入了群聊"],
        "join.live_code": ["“{name}”通过扫描群活码加入了群聊"],
        "join.invite": ["“{name}”通过群成员的邀请加入了群聊"],
        "join.initial": ["群主邀请“{name}”加入了群聊"],
        "join.migrate": ["“{name}”从上一个群迁移进来了"],
        "leave.self": ["“{name}”退出了群聊"],
        "leave.kicked": ["“{name}”被移出了群聊"],
        "leave.migrated": ["“{name}”被迁移到新群"],
        "mute": ["“{name}”开启了消息免打扰"],
        "fold": ["“{name}”折叠了该群聊"],
        "order": ["“{name}”下单了 {product},¥{paid}"],
        "checkin": ["“{name}”打卡成功,连续第 {streak} 天 ✅"],
        "grab": ["“{name}”领取了红包 🧧 ¥{amount}"],
        "grab_more": ["……还有 {more} 人也抢到了:{of} 个红包一分钟内被抢光 🧧"],
        "task_skipped": ["运营任务 {step}({action})没有发出"],
        "whatif": ["假如:你在 {clock} 发了{action},群聊按新的走向继续"],
        "jumped": ["快进到 {clock}"],
        "op.welcome": ["欢迎新朋友进群 👏 每天早上分享干货,晚上有福利,有问题随时@我~",
                       "欢迎欢迎!先看一下群公告哦 🙏"],
        "op.post.tips": ["早安干货:护肤品开封后放阴凉干燥处,别放浴室 💡",
                         "今日小贴士:新品先在手腕试用 💡", "小技巧:用量一泵就够啦 ✨"],
        "op.post.story": ["工坊的故事:一批货要做 30 天 📖", "幕后:认识一下帮你打包的小伙伴 📦"],
        "op.post.product": ["今日推荐:{product},¥{price},点链接下单 👉", "上新:{product} ¥{price},本周群友最爱 🛍"],
        "op.post.testimonial": ["群友反馈:“用了两周,真的有效!” ⭐⭐⭐⭐⭐", "买家晒单:已经回购 3 次了 💯"],
        "op.post.ad": ["📣 {product} 大促:¥{price},群内专享!", "📣 别错过:{product} ¥{price},限时"],
        "op.announce": ["📌 群公告:文明聊天,禁止发广告,谢谢配合!"],
        "op.at_all": ["@所有人 重要通知:今晚有惊喜,敬请期待 🔔", "@所有人 请查看群公告 📌"],
        "op.coupon": ["🎫 专属优惠券:{product} 立减 {pct}%,{lasts}内有效,领完即止!"],
        "op.red_packet": ["🧧 发红包啦!¥{total},共 {shares} 个,手慢无!"],
        "op.flash_sale": ["⚡ 限时秒杀:{product} 原价 ¥{price},秒杀价 ¥{sale},限量 {stock} 件,仅限{lasts}!"],
        "op.livestream": ["🎥 直播开始啦!进来聊聊,{product} 直播间特价"],
        "op.checkin": ["✅ 打卡营开营!每天打卡,连续打卡有奖励"],
        "op.lottery": ["🎁 抽奖:抽 {winners} 位幸运群友,回复参与!"],
        "op.fission": ["🤝 邀请好友进群,每成功邀请一位奖励 ¥{reward}"],
        "op.migrate": ["我们把最活跃的朋友搬到新群啦,新群见 🚚"],
        "op.kick": ["已移出违反群规的成员"],
        "op.tag": ["(已在后台给成员打标签)"],
        "op.create_group": ["(新建了一个群)"],
        "op.dissolve": ["本群即将解散,感谢大家一路陪伴 🙏"],
        "chat.generic.regular": ["收到", "谢谢", "什么时候发货?", "有人用过吗?", "👍", "大家好", "快递几天到?", "好的"],
        "chat.generic.coupon_hunter": ["今天有券吗?", "有红包吗?", "别家更便宜吗?", "等下一波福利", "有试用装吗?"],
        "chat.generic.super_user": ["大家早上好 ☀️", "我来回答:48 小时内发货", "用了一个月,真心推荐",
                                    "欢迎新朋友!", "尺码问题可以问我"],
        "chat.offer.regular": ["这是最低价吗?", "今天能发货吗?", "刚下单了!", "和套装有什么区别?", "可以用券吗?"],
        "chat.offer.coupon_hunter": ["抢到了!🏃", "有折扣才买 😅", "冲冲冲!", "还有库存吗?", "券能叠加吗?"],
        "chat.offer.super_user": ["上次买过,推荐 💯", "这个价很划算,别犹豫", "卖得最好的一款"],
        "chat.value.regular": ["有用,谢谢!", "收藏了 📌", "涨知识了", "多发点这种吧"],
        "chat.value.coupon_hunter": ["有优惠吗?", "好的", "👍"],
        "chat.value.super_user": ["说得对,我也这么做", "补充一下:要避光保存", "大家都看看 👆"],
        "chat.red_packet.regular": ["谢谢老板!🧧", "又没抢到 😭", "抢到 0.88 哈哈"],
        "chat.red_packet.coupon_hunter": ["抢到了!🧧", "再来一个红包!", "谢谢老板,还有吗?"],
        "chat.red_packet.super_user": ["谢谢老板!🧧 一如既往地大方", "今天手气不错 🍀"],
        "chat.at_all.regular": ["收到", "怎么又@所有人…", "好的"],
        "chat.at_all.coupon_hunter": ["有优惠吗?", "有红包吗?"],
        "chat.at_all.super_user": ["收到,谢谢 🙏", "收到,帮忙转发"],
        "chat.new.regular": ["大家好 👋", "新人报到!", "扫包裹卡进来的"],
        "chat.new.coupon_hunter": ["你好,券在哪里领?", "进来领福利的 😄"],
        "chat.new.super_user": ["欢迎新朋友们 🎉", "新朋友有问题可以问我"],
        "chat.night.regular": ["还没睡?😴", "大家晚安", "睡不着", "刚下班到家", "明天店铺开门吗?"],
        "chat.night.coupon_hunter": ["半夜有福利吗?", "等明天的券", "今晚有免费的吗?"],
        "chat.night.super_user": ["晚安 🌙", "又加班了?", "大家早点休息", "夜猫子报到 🦉"],
    },
}

#: What the trainer did, as the what-if notice names it.
ACTION_NAMES = {
    "en": {"coupon": "a coupon", "post": "a content post", "at_all": "an @all", "flash_sale": "a flash sale",
           "dissolve": "the dissolve"},
    "zh": {"coupon": "优惠券", "post": "内容帖", "at_all": "@所有人", "flash_sale": "限时秒杀", "dissolve": "解散群"},
}
