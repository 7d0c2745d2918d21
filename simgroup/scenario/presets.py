"""Default behavioural parameters, one value per line with its source.

Sources are graded as in the project's domain research:
  [OFF] official platform documentation      [CO]   company-reported figure
  [ACAD] published research                  [ANEC] practitioner anecdote (calibration anchor)
  [CAL] calibrated so that the bundled scenarios reproduce an [ANEC]/[CO] anchor (see tests/fidelity)
  [ASSUME] modelling assumption, no published number

Rates are per hour unless the name says otherwise; shares are 0..1. A scenario overrides any value
under its ``model:`` key (see :mod:`simgroup.scenario.params`).
"""

from __future__ import annotations

from typing import Any

# Hour-of-day weights (index = hour). Activity peaks 20:00-22:00 in consumer groups
# [ANEC: crypoe.com, 母婴 groups]; night hours are near silent [ASSUME].
_EVENING_PEAK = [
    0.15, 0.08, 0.05, 0.04, 0.04, 0.08,   # 00-05
    0.25, 0.55, 0.80, 0.90, 0.95, 1.00,   # 06-11
    1.10, 0.90, 0.85, 0.85, 0.90, 1.00,   # 12-17
    1.20, 1.50, 1.90, 2.00, 1.60, 0.70,   # 18-23
]

PRESETS: dict[str, Any] = {
    # Engine resolution for background hazards (leave, mute, fold, chatter) [ASSUME: hourly is finer
    # than any anchor we calibrate to; the 12 h retention anchor needs sub-day resolution].
    "tick_minutes": 60,
    "segments": {
        "regular": {
            "leave_mult": 1.0,            # reference segment [ASSUME]
            "mute_mult": 1.0,             # reference segment [ASSUME]
            "talk_rate": 0.004,           # per-hour speak rate of an unmuted member [CAL: content 15-25 % daily speakers, ANEC 520zimeiti]
            "burst": 0.6,                 # extra messages per speaker-hour [ASSUME: Hawkes bursts, Masuda 2013]
            "buy_mult": 1.0,              # reference segment [ASSUME]
            "min_discount": 0.0,          # buys at full price [ASSUME]
            "invite_mult": 1.0,           # reference segment [ASSUME]
            "interest": 0.5,              # mean product interest (Beta mean) [ASSUME]
            "price_sensitivity": 0.5,     # mean price sensitivity (Beta mean) [ASSUME]
            "benefit_leave_rate": 0.0,    # regulars do not leave after a benefit [ASSUME]
            "benefit_window_h": 24.0,     # [ASSUME]
            "checkin_motivation": 0.66,   # day-1 check-in propensity [CAL: check-in speak rate ~0.7 on day 1, §9]
        },
        "coupon_hunter": {                # 羊毛党: join for the benefit, take it and leave [ANEC, DESIGN §1]
            "leave_mult": 1.3,            # [ASSUME]
            "mute_mult": 1.3,             # mute everything but the coupon [ASSUME]
            "talk_rate": 0.0015,          # mostly silent [ASSUME]
            "burst": 0.2,                 # [ASSUME]
            "buy_mult": 2.5,              # strong take-up of discounted offers [ASSUME]
            "min_discount": 0.2,          # only discounted items [DESIGN §3]
            "invite_mult": 1.5,           # invite-for-reward campaigns attract them [ASSUME]
            "interest": 0.3,              # [ASSUME]
            "price_sensitivity": 0.9,     # [ASSUME]
            "benefit_leave_rate": 0.15,   # leave spike right after taking a benefit [ANEC: DESIGN §1]
            "benefit_window_h": 24.0,     # [ASSUME]
            "checkin_motivation": 0.50,   # [ASSUME]
        },
        "super_user": {                   # moderators, group leaders, KOLs [DESIGN §1]
            "leave_mult": 0.3,            # [ASSUME]
            "mute_mult": 0.3,             # [ASSUME]
            "talk_rate": 0.030,           # "~10 % active, ~3 % 灌水" [ANEC: suo.run 35121]
            "burst": 1.5,                 # [ASSUME]
            "buy_mult": 1.8,              # [ASSUME]
            "min_discount": 0.0,          # [ASSUME]
            "invite_mult": 3.0,           # invite more [DESIGN §1]
            "interest": 0.75,             # [ASSUME]
            "price_sensitivity": 0.3,     # [ASSUME]
            "benefit_leave_rate": 0.0,    # [ASSUME]
            "benefit_window_h": 24.0,     # [ASSUME]
            "checkin_motivation": 0.90,   # [ASSUME]
        },
    },
    "group_types": {
        # 流量型: a 500-person group at night is ~160 the next morning; ~80 % mute within 3 days;
        # conversion 0.5-2 %; life ~1 week [ANEC, DESIGN §1 table]
        "traffic": {
            "leave_base": 0.0040,         # long-run leave rate after the first day [CAL: life ~1 week]
            "leave_early_mult": 80.0,     # early spike: x80 at join decaying [CAL: retention_12h ~0.32]
            "leave_early_tau_h": 4.0,     # [CAL: retention_12h ~0.32]
            "mute_base": 0.010,           # [CAL: mute_by_d3 ~0.8]
            "mute_early_mult": 450.0,     # most mute in the first hours of a noisy group [CAL: mute_by_d3 ~0.8]
            "mute_early_tau_h": 3.0,      # [CAL]
            "fold_base": 0.010,           # [ASSUME]
            "talk_mult": 0.25,            # noisy with ads, few real conversations [LOW: qdjiaoyu "<3 % by 48 h"; taken higher]
            "buy_base": 0.030,            # per read offer [CAL: conversion 0.5-2 %]
            "imitation": 0.5,             # Bass q per hour at 100 % buyers [ASSUME: Bass q≈0.38/yr scaled to a sale window]
            "upkeep_minutes": 7.0,        # one person runs 50-80 automated traffic groups [LOW: qdjiaoyu, 480 min / 70]
            "automated": True,            # "like an SOP, in batches" [ANEC]
            "death_speak_rate": 0.003,    # [ASSUME]
            "death_days": 3,              # DESIGN §3
        },
        # 快闪型: one campaign, ~3 days; conversion 5-15 %; needs people [ANEC, DESIGN §1]
        "flash_sale": {
            "leave_base": 0.0060,         # [CAL]
            "leave_early_mult": 8.0,      # [ASSUME]
            "leave_early_tau_h": 6.0,     # [ASSUME]
            "mute_base": 0.008,           # [ASSUME]
            "mute_early_mult": 6.0,       # [ASSUME]
            "mute_early_tau_h": 6.0,      # [ASSUME]
            "fold_base": 0.006,           # [ASSUME]
            "talk_mult": 1.2,             # [ASSUME]
            "buy_base": 0.080,            # [CAL: conversion 5-15 %]
            "imitation": 1.0,             # visible rush of orders [ASSUME]
            "upkeep_minutes": 96.0,       # 5-8 manual flash-sale groups per person [LOW: qdjiaoyu, 480 min / 5]
            "automated": False,           # "needs people, little automation" [ANEC]
            "death_speak_rate": 0.003,    # [ASSUME]
            "death_days": 3,              # DESIGN §3
        },
        # 内容型: low churn (monthly < 10 %), conversion 5-10 % typical, up to 40 % [ANEC]
        "content": {
            "leave_base": 0.00010,        # ~7 %/month before modifiers [ANEC: monthly < 10 %]
            "leave_early_mult": 5.0,      # [ASSUME]
            "leave_early_tau_h": 12.0,    # [ASSUME]
            "mute_base": 0.0015,          # [ASSUME]
            "mute_early_mult": 2.0,       # [ASSUME]
            "mute_early_tau_h": 24.0,     # [ASSUME]
            "fold_base": 0.0010,          # [ASSUME]
            "talk_mult": 1.0,             # [ASSUME]
            "buy_base": 0.036,            # [CAL: 5-10 % plain, 30-45 % strong SOP + expert]
            "imitation": 0.6,             # [ASSUME]
            "upkeep_minutes": 40.0,       # content + operations team [ANEC]
            "automated": False,           # [ANEC]
            "death_speak_rate": 0.002,    # [ASSUME]
            "death_days": 3,              # DESIGN §3
        },
        # 打卡型: ~21-day camp, speak rate ~0.7 on day 1 falling to ~0.25 by day 21 [ANEC, DESIGN §9]
        "checkin": {
            "leave_base": 0.0006,         # [ASSUME: low-moderate churn]
            "leave_early_mult": 3.0,      # [ASSUME]
            "leave_early_tau_h": 24.0,    # [ASSUME]
            "mute_base": 0.0015,          # [ASSUME]
            "mute_early_mult": 1.0,       # [ASSUME]
            "mute_early_tau_h": 24.0,     # [ASSUME]
            "fold_base": 0.0010,          # [ASSUME]
            "talk_mult": 0.8,             # [ASSUME]
            "buy_base": 0.060,            # [CAL: 10-30 % upsell at camp end]
            "imitation": 0.6,             # [ASSUME]
            "upkeep_minutes": 20.0,       # medium labour [ANEC]
            "automated": False,           # [ASSUME]
            "death_speak_rate": 0.002,    # [ASSUME]
            "death_days": 3,              # DESIGN §3
        },
    },
    "personas": {
        "welfare_officer": {              # 福利官: strong coupon take-up; people delete you after the benefit [ANEC]
            "conversion_mult": 0.9,       # [ASSUME]
            "coupon_mult": 1.6,           # [ANEC: strong coupon take-up]
            "leave_mult": 1.1,            # [ASSUME]
            "trust_boost": 0.0,           # [ASSUME]
            "at_all_mult": 1.0,           # [ASSUME]
            "completion": 0.90,           # share of manual tasks sent [ASSUME]
            "delay_minutes": 10.0,        # median manual delay [ASSUME]
            "fission_mult": 1.2,          # [ASSUME]
            "benefit_leave_mult": 1.5,    # "people delete you after the benefit" [ANEC]
        },
        "expert": {                       # 专家: best conversion on content, lower churn [ANEC]
            "conversion_mult": 1.5,       # [ANEC: best conversion on content]
            "coupon_mult": 1.0,           # [ASSUME]
            "leave_mult": 0.7,            # [ANEC: lower churn]
            "trust_boost": 0.2,           # [ASSUME]
            "at_all_mult": 1.0,           # [ASSUME]
            "completion": 0.90,           # [ASSUME]
            "delay_minutes": 20.0,        # [ASSUME]
            "fission_mult": 1.0,          # [ASSUME]
            "benefit_leave_mult": 1.0,    # [ASSUME]
        },
        "founder": {                      # 创始人: trust boost, strongest @all, least time [ANEC]
            "conversion_mult": 1.2,       # [ASSUME]
            "coupon_mult": 1.0,           # [ASSUME]
            "leave_mult": 0.85,           # [ASSUME]
            "trust_boost": 0.35,          # [ANEC: trust boost]
            "at_all_mult": 1.6,           # [ANEC: strongest @all]
            "completion": 0.70,           # [ANEC: least time]
            "delay_minutes": 60.0,        # [ANEC: least time]
            "fission_mult": 1.1,          # [ASSUME]
            "benefit_leave_mult": 1.0,    # [ASSUME]
        },
    },
    # Labour minutes per task and whether a bot can send it (WeCom: SOP = reminder to a human
    # [OFF: add_msg_template needs member confirmation]); annoyance / value are per reader and
    # reply_boost is the expected replies per reader (red packets draw a "thanks boss" flood) [ASSUME].
    "actions": {
        "welcome":      {"minutes": 1.0,  "automatable": True,  "annoyance": 0.00, "value": 0.05, "reply_boost": 0.0},
        "post":         {"minutes": 3.0,  "automatable": True,  "annoyance": 0.00, "value": 0.00, "reply_boost": 0.0},
        "announce":     {"minutes": 3.0,  "automatable": True,  "annoyance": 0.15, "value": 0.01, "reply_boost": 0.02},
        "at_all":       {"minutes": 2.0,  "automatable": True,  "annoyance": 0.30, "value": 0.00, "reply_boost": 0.05},
        "coupon":       {"minutes": 3.0,  "automatable": True,  "annoyance": 0.02, "value": 0.03, "reply_boost": 0.05},
        "red_packet":   {"minutes": 2.0,  "automatable": False, "annoyance": 0.00, "value": 0.08, "reply_boost": 0.5},
        "flash_sale":   {"minutes": 30.0, "automatable": False, "annoyance": 0.05, "value": 0.02, "reply_boost": 0.2},
        "livestream":   {"minutes": 90.0, "automatable": False, "annoyance": 0.02, "value": 0.08, "reply_boost": 0.2},
        "checkin":      {"minutes": 10.0, "automatable": True,  "annoyance": 0.00, "value": 0.02, "reply_boost": 0.0},
        "lottery":      {"minutes": 10.0, "automatable": False, "annoyance": 0.00, "value": 0.04, "reply_boost": 0.3},
        "fission":      {"minutes": 15.0, "automatable": True,  "annoyance": 0.05, "value": 0.00, "reply_boost": 0.05},
        "tag":          {"minutes": 0.0,  "automatable": True,  "annoyance": 0.00, "value": 0.00, "reply_boost": 0.0},
        "kick":         {"minutes": 5.0,  "automatable": True,  "annoyance": 0.00, "value": 0.00, "reply_boost": 0.0},
        "migrate":      {"minutes": 30.0, "automatable": False, "annoyance": 0.00, "value": 0.05, "reply_boost": 0.0},
        "create_group": {"minutes": 5.0,  "automatable": True,  "annoyance": 0.00, "value": 0.00, "reply_boost": 0.0},
        "dissolve":     {"minutes": 5.0,  "automatable": True,  "annoyance": 0.00, "value": 0.00, "reply_boost": 0.0},
    },
    # Post kinds: value vs annoyance differ (DESIGN §2) [ASSUME: ordering from practitioner advice
    # that value content keeps groups alive and ad-only groups die; magnitudes calibrated].
    "posts": {
        "tips":        {"annoyance": 0.01, "value": 0.04, "reply_boost": 0.03, "buy_mult": 0.0},
        "story":       {"annoyance": 0.01, "value": 0.05, "reply_boost": 0.05, "buy_mult": 0.0},
        "product":     {"annoyance": 0.06, "value": 0.01, "reply_boost": 0.02, "buy_mult": 1.0},
        "testimonial": {"annoyance": 0.03, "value": 0.03, "reply_boost": 0.03, "buy_mult": 0.6},
        "ad":          {"annoyance": 0.12, "value": 0.00, "reply_boost": 0.01, "buy_mult": 0.5},
    },
    "reading": {
        "present": 0.60,                  # share of unmuted members who read a post [ASSUME: no open-rate data]
        "muted": 0.12,                    # muted members still open sometimes [ANEC: "<5 % actively open" at group level]
        "folded": 0.02,                   # folded groups are rarely opened [ANEC, DESIGN §1]
        "pierce_muted": 0.40,             # @all / announcements show a red @所有人 to muted members [ANEC: ychzzwbh]
        "pierce_folded": 0.06,            # whether @all pierces the fold is unknown [ASSUME]
        "night_annoyance_mult": 3.0,      # @all at night annoys more [LOW: qdjiaoyu "4.2x complaints"; taken lower]
    },
    "member": {
        "annoyance_half_life_h": 24.0,    # [ASSUME]
        "trust_half_life_h": 720.0,       # trust fades over about a month [ASSUME]
        "annoy_leave_coef": 1.5,          # leave hazard x (1 + coef·annoyance) [ASSUME]
        "trust_leave_coef": 2.0,          # leave hazard x exp(-coef·trust) [ASSUME]
        "annoy_mute_coef": 2.0,           # [ASSUME]
        "trust_mute_coef": 1.5,           # [ASSUME]
        "muted_leave_mult": 0.8,          # muted members are bothered less [ASSUME]
        "folded_leave_mult": 0.5,         # folded members forget the group is there [ASSUME]
        "chatter_annoyance": 0.0015,      # annoyance per member message seen while unmuted [ASSUME]
        "trust_talk_coef": 0.3,           # trusting members talk more: rate x (1 + coef·trust) [ASSUME]
        "novelty_tau_h": 24.0,            # newcomers talk more at first [ASSUME]
        "novelty_talk_mult": 2.0,         # [ASSUME]
        "muted_talk_mult": 0.35,          # [ASSUME]
        "folded_talk_mult": 0.05,         # [ASSUME]
    },
    "chatter": {
        "excitation_alpha": 0.35,         # branching ratio of member chatter [ACAD: Masuda 2013, n≈0.3-0.6]
        "excitation_tau_h": 2.0,          # [ASSUME]
        "time_of_day": _EVENING_PEAK,
    },
    "buying": {
        "price_ref": 100.0,               # CNY at which price halves the purchase propensity [ASSUME]
        "discount_elasticity": 3.0,       # propensity x (1 + e·discount·price_sensitivity) [ASSUME]
        "trust_coef": 2.0,                # propensity x (1 + coef·trust) [ASSUME]
        "repurchase_mult": 1.8,           # a first order makes repurchase more likely [DESIGN §3; ASSUME size]
        "order_delay_minutes": 30.0,      # mean delay between reading and ordering [ASSUME]
        "buyer_trust_gain": 0.05,         # [ASSUME]
        "livestream_mult": 1.5,           # a livestream sells harder than a post [ASSUME]
        "offer_annoyance": 0.02,          # a repeated offer irritates non-buyers [ASSUME]
    },
    "fission": {
        "participation": 0.30,            # share of readers who join an invite campaign [ASSUME]
        "invite_delay_hours": 12.0,       # mean delay from joining a campaign to a friend arriving [ASSUME; Qiu 2016 latency]
        "duplicate_share": 0.3,           # invites landing on existing members when not new-friends-only [ASSUME]
    },
    "checkin": {
        "fatigue": 0.055,                 # daily drop of check-in motivation [CAL: speak rate 0.7 → 0.25 by day 21]
        "break_penalty": 0.6,             # motivation x this after a broken streak (streak mode) [ASSUME]
        "reward_boost": 0.10,             # motivation bump on reaching a reward tier [ASSUME]
        "trust_gain": 0.01,               # [ASSUME]
    },
    "operators": {
        "auto_completion": 0.99,          # a bot-sent step almost always goes out [ASSUME]
        "auto_delay_minutes": 1.0,        # [ASSUME]
        "delay_sigma": 0.8,               # log-normal spread of manual delays [ASSUME]
        "task_expiry_hours": 12.0,        # a task not done within this is skipped [ASSUME]
    },
    "arrivals": {
        "time_of_day": _EVENING_PEAK,     # arrivals follow the same evening peak [ANEC]
    },
}
