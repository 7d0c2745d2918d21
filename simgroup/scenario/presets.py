"""Default behavioural parameters: every value with its plausible range, source grade and source.

Format. :data:`PRESET_TREE` is the one place a preset is written. A leaf is a record::

    "leave_base": Param(0.0040, 0.0037, 0.0049, CAL, "long-run leave rate ... (the why)"),
    #                   value   low     high    grade source

``low <= value <= high`` is the value's plausible range; the grades (constants from
:mod:`simgroup.scenario.parameter_info`):

  OFF    official platform documentation     CO   company-reported figure
  ACAD   published research                  ANEC practitioner anecdote (a calibration anchor)
  CAL    calibrated so that the bundled scenarios reproduce an ANEC/CO anchor (tests/fidelity);
         its range is where that anchor still holds with the other values fixed
  LOW    low-credibility source (a single unverified claim), adjusted by judgment
  ASSUME modelling assumption, no published number; a wide but defensible range
         (a multiplier about 0.5x-2x, a share within 0..1)

A switch (``bool``), a 24-hour profile and an engine setting (``tick_minutes``) have no range:
write them as ``Unranged(value, grade, source)``. A section is a plain dict; wrap it as
``Section("note", {...})`` to print a note above its table in ``docs/scenario-reference.md``.
The actions and posts tables are written one row per line with :func:`_action` / :func:`_post`:
each cell is ``(value, low, high)`` and each column has one grade and source.
Sources name where a number comes from; the model behind the names is described in
``docs/model.md``.

Adding a section: add ``"name": {"key": Param(...), ...}`` here, add the matching pydantic model
to :class:`simgroup.scenario.params.ModelParams`, then refresh the reference
(``python -m simgroup.scenario.reference > docs/scenario-reference.md``);
``tests/scenario/test_parameter_ranges.py`` checks every record.

Derived from the tree: :data:`PRESETS` (the plain nested dict of values that the rest of the
package reads, unchanged in shape), :data:`PARAMETER_INFO` (every record by dotted key path) and
:data:`SECTION_NOTES`; :func:`parameter_record` looks one record up. Rates are per hour unless
the name says otherwise; shares are 0..1. A scenario overrides any value under its ``model:`` key
(see :mod:`simgroup.scenario.params`).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, TypeAlias

from simgroup.scenario.parameter_info import (
    ACAD,
    ANEC,
    ASSUME,
    CAL,
    LOW,
    SV,
    Param,
    Record,
    Section,
    Tree,
    Unranged,
    tree_notes,
    tree_records,
    tree_values,
)

# Hour-of-day weights (index = hour).
_EVENING_PEAK: Final = (
    0.15, 0.08, 0.05, 0.04, 0.04, 0.08,   # 00-05
    0.25, 0.55, 0.80, 0.90, 0.95, 1.00,   # 06-11
    1.10, 0.90, 0.85, 0.85, 0.90, 1.00,   # 12-17
    1.20, 1.50, 1.90, 2.00, 1.60, 0.70,   # 18-23
)
_PEAK_SOURCE: Final = (
    "hour-of-day weights (index = hour); activity peaks 20:00-22:00 in consumer groups (crypoe.com, "
    "母婴 groups); the near-silent night hours are assumed"
)

# Sources shared by several records (one why, written once).
_REF_SEGMENT: Final = "reference segment; the group types' base rates are calibrated with it at 1"
_BOT: Final = "whether a bot can send it (otherwise a person must, and the task may be late or skipped)"
_MINUTES: Final = "operator minutes per task and group"
_ACT_ANNOY: Final = ("push pressure in ad-equivalents (an ad post is 1) for every member who notices it "
                     "(fatigue); @all and announcements pierce mute")
_ACT_VALUE: Final = "value (trust) per reader"
_ACT_REPLY: Final = "expected replies per reader (red packets draw a \"thanks boss\" flood)"
_POST_ANNOY: Final = ("push pressure in ad-equivalents (an ad is 1, by definition): product pushes irritate "
                      "nearly as much, tips and stories little (the seeds: merchants who post ads \"to be "
                      "seen\" get muted and deleted)")
_POST_VALUE: Final = "value (trust) per reader: tips and stories build trust, ads none"
_POST_REPLY: Final = "expected replies per reader"
_POST_BUY: Final = "purchase propensity of the post relative to a product post; tips and stories sell nothing"
_INTEREST: Final = ("conversation interest the message gives the group (activity): value content and events "
                    "give members something to talk about, ads little")
_DEATH_DAYS: Final = ("a group dies after this many days running below death_speak_rate or death_min_speakers "
                      "(see docs/model.md)")
_DEATH_MIN: Final = ("distinct speakers a day under which a day counts as dead, whatever the group's size: a "
                     "handful of survivors do not keep a dead group alive")
_FLOOR: Final = ("share of the members' talk rate left without conversation interest from the operator's "
                 "content (activity)")
_TOL_TYPE: Final = "multiplies the members' push tolerances in groups of this type (fatigue)"
_DEATH_RATE: Final = "daily speaker share under which a day counts as dead"

#: A table cell: (value, low, high).
_Cell: TypeAlias = tuple[float, float, float]


def _action(
    minutes: _Cell, automatable: bool, annoyance: _Cell, value: _Cell, reply_boost: _Cell, interest: _Cell
) -> dict[str, Record]:
    """One row of ``model.actions``: its cells as records, each column with one grade and source
    (the magnitudes are judgments made side by side, so a table reads best)."""
    return {
        "minutes": Param(*minutes, ASSUME, _MINUTES),
        "automatable": Unranged(automatable, ASSUME, _BOT),
        "annoyance": Param(*annoyance, ASSUME, _ACT_ANNOY),
        "value": Param(*value, ASSUME, _ACT_VALUE),
        "reply_boost": Param(*reply_boost, ASSUME, _ACT_REPLY),
        "interest": Param(*interest, ASSUME, _INTEREST),
    }


def _post(annoyance: _Cell, value: _Cell, reply_boost: _Cell, buy_mult: _Cell, interest: _Cell) -> dict[str, Record]:
    """One row of ``model.posts``, as :func:`_action`."""
    return {
        "annoyance": Param(*annoyance, ASSUME, _POST_ANNOY),
        "value": Param(*value, ASSUME, _POST_VALUE),
        "reply_boost": Param(*reply_boost, ASSUME, _POST_REPLY),
        "buy_mult": Param(*buy_mult, ASSUME, _POST_BUY),
        "interest": Param(*interest, ASSUME, _INTEREST),
    }


PRESET_TREE: Final[Tree] = {
    "tick_minutes": Unranged(60, ASSUME, "engine resolution for background hazards (leave, mute, fold, "
                             "chatter): hourly is finer than any anchor calibrated to; the 12 h retention "
                             "anchor needs sub-day resolution"),
    "segments": {
        "regular": {
            "leave_mult": Param(1.0, 0.8, 1.25, ASSUME, _REF_SEGMENT),
            "mute_mult": Param(1.0, 0.8, 1.25, ASSUME, _REF_SEGMENT),
            "talk_rate": Param(0.008, 0.004, 0.012, CAL, "per-hour speak rate of an unmuted member at full "
                               "conversation interest (mean over the talk propensity): content groups have "
                               "~10-25 % daily speakers (520zimeiti) with under half ever speaking"),
            "burst": Param(0.6, 0.3, 1.2, ASSUME, "extra messages per speaker-hour (Hawkes bursts, Masuda 2013)"),
            "buy_mult": Param(1.0, 0.8, 1.25, ASSUME, _REF_SEGMENT),
            "min_discount": Param(0.0, 0.0, 0.1, ASSUME, "buys at full price"),
            "invite_mult": Param(1.0, 0.8, 1.25, ASSUME, _REF_SEGMENT),
            "interest": Param(0.5, 0.3, 0.7, ASSUME, "mean product interest (Beta mean)"),
            "price_sensitivity": Param(0.5, 0.3, 0.7, ASSUME, "mean price sensitivity (Beta mean)"),
            "benefit_leave_rate": Param(0.0, 0.0, 0.02, ASSUME, "regulars do not leave after a benefit"),
            "benefit_window_h": Param(24.0, 6.0, 72.0, ASSUME, "hours the post-benefit leave rate lasts"),
            "checkin_motivation": Param(0.66, 0.46, 0.74, CAL, "day-1 check-in propensity: the check-in "
                                        "speak rate is ~0.7 on day 1 (band 0.62-0.80)"),
            "tolerance_mult": Param(1.0, 0.8, 1.25, ASSUME, _REF_SEGMENT),
        },
        "coupon_hunter": Section("羊毛党: join for the benefit, take it and leave [ANEC: practitioner anecdote]", {
            "leave_mult": Param(1.3, 1.0, 2.5, ASSUME, "leave faster than regulars"),
            "mute_mult": Param(1.3, 1.0, 2.0, ASSUME, "mute everything but the coupon"),
            "talk_rate": Param(0.0015, 0.0005, 0.003, ASSUME, "mostly silent"),
            "burst": Param(0.2, 0.1, 0.4, ASSUME, "short messages when they do speak"),
            "buy_mult": Param(2.5, 1.5, 4.0, ASSUME, "strong take-up of discounted offers"),
            "min_discount": Param(0.2, 0.1, 0.5, ASSUME, "only discounted items (practitioner anecdote); the "
                                  "20 % threshold is assumed"),
            "invite_mult": Param(1.5, 1.0, 3.0, ASSUME, "invite-for-reward campaigns attract them"),
            "interest": Param(0.3, 0.15, 0.5, ASSUME, "little interest in the product itself"),
            "price_sensitivity": Param(0.9, 0.7, 1.0, ASSUME, "the price is the point"),
            "benefit_leave_rate": Param(0.15, 0.05, 0.3, ANEC, "leave spike right after taking a benefit "
                                        "(practitioner anecdote; the size is a judgment)"),
            "benefit_window_h": Param(24.0, 6.0, 72.0, ASSUME, "hours the post-benefit leave rate lasts"),
            "checkin_motivation": Param(0.50, 0.3, 0.66, ASSUME, "less keen than regulars"),
            "tolerance_mult": Param(0.6, 0.3, 1.0, ASSUME, "little patience with a group they joined for a "
                                    "benefit"),
        }),
        "super_user": Section("moderators, group leaders, KOLs [ANEC: practitioner anecdote]", {
            "leave_mult": Param(0.3, 0.1, 0.6, ASSUME, "they stay"),
            "mute_mult": Param(0.3, 0.1, 0.6, ASSUME, "they keep the group on"),
            "talk_rate": Param(0.030, 0.015, 0.06, ANEC, "\"~10 % active, ~3 % 灌水\" (suo.run 35121)"),
            "burst": Param(1.5, 0.75, 3.0, ASSUME, "long threads"),
            "buy_mult": Param(1.8, 1.0, 3.0, ASSUME, "engaged members buy more"),
            "min_discount": Param(0.0, 0.0, 0.1, ASSUME, "buys at full price"),
            "invite_mult": Param(3.0, 1.5, 6.0, ASSUME, "they invite more (practitioner anecdote); the size "
                                 "is assumed"),
            "interest": Param(0.75, 0.6, 0.9, ASSUME, "interested in the topic"),
            "price_sensitivity": Param(0.3, 0.1, 0.5, ASSUME, "less price-driven"),
            "benefit_leave_rate": Param(0.0, 0.0, 0.02, ASSUME, "do not leave after a benefit"),
            "benefit_window_h": Param(24.0, 6.0, 72.0, ASSUME, "hours the post-benefit leave rate lasts"),
            "checkin_motivation": Param(0.90, 0.75, 1.0, ASSUME, "the most keen"),
            "tolerance_mult": Param(2.5, 1.5, 5.0, ASSUME, "the group is theirs: they put up with much more"),
        }),
    },
    "group_types": {
        "traffic": Section(
            "流量型: a 500-person group at night is ~160 the next morning; ~80 % mute within 3 days; "
            "conversion 0.5-2 %; life ~1 week [ANEC: practitioner anecdote]", {
                "leave_base": Param(0.0040, 0.0037, 0.0049, CAL, "long-run leave rate after the first day; with the "
                                    "early spike it sets retention_12h ~0.32 (band 0.27-0.38), life ~1 week"),
                "leave_early_mult": Param(55.0, 45.0, 70.0, CAL, "early spike: x55 at join, decaying (with the "
                                          "frailty spread and the join flood); retention_12h ~0.32 (band "
                                          "0.27-0.38)"),
                "leave_early_tau_h": Param(4.0, 3.6, 5.0, CAL, "decay of the early leave spike; retention_12h "
                                           "~0.32 (band 0.27-0.38)"),
                "mute_base": Param(0.004, 0.002, 0.008, CAL, "mute rate without push pressure; with the pressure "
                                   "above tolerance, mute_by_d3 ~0.8 (band 0.72-0.88)"),
                "mute_early_mult": Param(70.0, 35.0, 140.0, CAL, "newcomers decide fast: base and pressure "
                                         "mute rates x70 at join, decaying; mute_by_d3 ~0.8 (band 0.72-0.88)"),
                "mute_early_tau_h": Param(3.0, 1.5, 5.0, CAL, "decay of the early mute spike; mute_by_d3 ~0.8 "
                                          "(barely sensitive within the range)"),
                "fold_base": Param(0.010, 0.005, 0.02, ASSUME, "muted members fold the group"),
                "talk_mult": Param(0.25, 0.1, 0.5, LOW, "noisy with ads, few real conversations (qdjiaoyu: "
                                   "\"<3 % by 48 h\"; taken higher)"),
                "buy_base": Param(0.030, 0.014, 0.06, CAL, "purchase propensity per read offer; conversion "
                                  "0.5-2 %"),
                "imitation": Param(0.5, 0.25, 1.0, ASSUME, "Bass q per hour at 100 % buyers (Bass q≈0.38/yr "
                                   "scaled to a sale window)"),
                "upkeep_minutes": Param(7.0, 4.0, 15.0, LOW, "one person runs 50-80 automated traffic groups "
                                        "(qdjiaoyu: 480 min / 70)"),
                "automated": Unranged(True, ANEC, "\"like an SOP, in batches\""),
                "death_speak_rate": Param(0.003, 0.001, 0.01, ASSUME, _DEATH_RATE),
                "death_days": Param(3, 2, 7, ASSUME, _DEATH_DAYS),
                "death_min_speakers": Param(1.0, 0.0, 3.0, ASSUME, _DEATH_MIN + "; a broadcast group lives while anyone talks"),
                "talk_floor": Param(0.25, 0.1, 0.5, ASSUME, _FLOOR + "; members joined for a benefit, not the talk"),
                "tolerance_mult": Param(0.35, 0.2, 0.7, CAL, _TOL_TYPE + "; members joined for a benefit have little patience: "
                                         "with the join flood it sets mute_by_d3 ~0.8 (band 0.72-0.88)"),
            }),
        "flash_sale": Section(
            "快闪型: one campaign, ~3 days; conversion 5-15 %; needs people [ANEC: practitioner anecdote]", {
                "leave_base": Param(0.0060, 0.002, 0.011, CAL, "with buy_base, conversion 5-15 %"),
                "leave_early_mult": Param(8.0, 4.0, 16.0, ASSUME, "a milder join spike than traffic groups"),
                "leave_early_tau_h": Param(6.0, 3.0, 12.0, ASSUME, "decay of the early leave spike"),
                "mute_base": Param(0.008, 0.004, 0.016, ASSUME, "mute rate after the first days"),
                "mute_early_mult": Param(6.0, 3.0, 12.0, ASSUME, "a milder mute spike than traffic groups"),
                "mute_early_tau_h": Param(6.0, 3.0, 12.0, ASSUME, "decay of the early mute spike"),
                "fold_base": Param(0.006, 0.003, 0.012, ASSUME, "muted members fold the group"),
                "talk_mult": Param(1.2, 0.6, 2.4, ASSUME, "a lively campaign"),
                "buy_base": Param(0.080, 0.055, 0.16, CAL, "purchase propensity per read offer; conversion 5-15 %"),
                "imitation": Param(1.0, 0.5, 2.0, ASSUME, "visible rush of orders"),
                "upkeep_minutes": Param(96.0, 50.0, 150.0, LOW, "5-8 manual flash-sale groups per person "
                                        "(qdjiaoyu: 480 min / 5)"),
                "automated": Unranged(False, ANEC, "\"needs people, little automation\""),
                "death_speak_rate": Param(0.003, 0.001, 0.01, ASSUME, _DEATH_RATE),
                "death_days": Param(3, 2, 7, ASSUME, _DEATH_DAYS),
                "death_min_speakers": Param(5.0, 2.0, 8.0, ASSUME, _DEATH_MIN + "; a campaign group is built to be busy"),
                "talk_floor": Param(0.05, 0.02, 0.2, ASSUME, _FLOOR + "; nothing to talk about once the campaign is over"),
                "tolerance_mult": Param(1.0, 0.7, 1.5, ASSUME, _TOL_TYPE),
            }),
        "content": Section(
            "内容型: low churn (monthly < 10 %), conversion 5-10 % typical, up to 40 % [ANEC: practitioner "
            "anecdote]", {
                "leave_base": Param(0.00010, 0.00003, 0.0004, ANEC, "~7 %/month before modifiers; monthly churn "
                                    "< 10 %"),
                "leave_early_mult": Param(5.0, 2.5, 10.0, ASSUME, "a small join spike"),
                "leave_early_tau_h": Param(12.0, 6.0, 24.0, ASSUME, "decay of the early leave spike"),
                "mute_base": Param(0.0008, 0.0004, 0.003, ASSUME, "valued content is rarely muted without push "
                                   "pressure (fatigue adds the muting an SOP causes)"),
                "mute_early_mult": Param(2.0, 1.0, 4.0, ASSUME, "a small mute spike"),
                "mute_early_tau_h": Param(24.0, 12.0, 48.0, ASSUME, "decay of the early mute spike"),
                "fold_base": Param(0.0010, 0.0005, 0.002, ASSUME, "muted members fold the group"),
                "talk_mult": Param(1.0, 0.5, 2.0, ASSUME, "the reference conversation level"),
                "buy_base": Param(0.040, 0.032, 0.050, CAL, "5-10 % with a plain SOP, 30-45 % with a strong SOP "
                                  "and an expert"),
                "imitation": Param(0.6, 0.3, 1.2, ASSUME, "some herding on offers"),
                "upkeep_minutes": Param(40.0, 20.0, 80.0, ANEC, "content + operations team"),
                "automated": Unranged(False, ANEC, "content needs people"),
                "death_speak_rate": Param(0.002, 0.001, 0.004, ASSUME, _DEATH_RATE),
                "death_days": Param(3, 2, 7, ASSUME, _DEATH_DAYS),
                "death_min_speakers": Param(3.0, 2.0, 6.0, ASSUME, _DEATH_MIN),
                "talk_floor": Param(0.35, 0.2, 0.6, ASSUME, _FLOOR + "; members who share an interest talk among "
                                   "themselves"),
                "tolerance_mult": Param(2.0, 1.2, 3.0, ASSUME, _TOL_TYPE + "; people tolerate more from a group they "
                                       "chose for its content"),
            }),
        "checkin": Section(
            "打卡型: ~21-day camp, speak rate ~0.7 on day 1 falling to ~0.25 by day 21 [ANEC: practitioner "
            "anecdote]", {
                "leave_base": Param(0.0006, 0.0003, 0.0012, ASSUME, "low-moderate churn"),
                "leave_early_mult": Param(3.0, 1.5, 6.0, ASSUME, "a small join spike"),
                "leave_early_tau_h": Param(24.0, 12.0, 48.0, ASSUME, "decay of the early leave spike"),
                "mute_base": Param(0.0008, 0.0004, 0.003, ASSUME, "members came to take part (fatigue adds the "
                                   "muting an SOP causes)"),
                "mute_early_mult": Param(1.0, 0.5, 2.0, ASSUME, "a small mute spike"),
                "mute_early_tau_h": Param(24.0, 12.0, 48.0, ASSUME, "decay of the early mute spike"),
                "fold_base": Param(0.0010, 0.0005, 0.002, ASSUME, "muted members fold the group"),
                "talk_mult": Param(0.8, 0.4, 1.6, ASSUME, "talk besides the check-ins"),
                "buy_base": Param(0.060, 0.045, 0.16, CAL, "10-30 % upsell at camp end"),
                "imitation": Param(0.6, 0.3, 1.2, ASSUME, "some herding on offers"),
                "upkeep_minutes": Param(20.0, 10.0, 40.0, ANEC, "medium labour"),
                "automated": Unranged(False, ASSUME, "a camp is run by people"),
                "death_speak_rate": Param(0.002, 0.001, 0.004, ASSUME, _DEATH_RATE),
                "death_days": Param(3, 2, 7, ASSUME, _DEATH_DAYS),
                "death_min_speakers": Param(3.0, 2.0, 6.0, ASSUME, _DEATH_MIN),
                "talk_floor": Param(0.5, 0.3, 0.7, ASSUME, _FLOOR + "; a camp talks about its practice"),
                "tolerance_mult": Param(2.0, 1.2, 3.0, ASSUME, _TOL_TYPE + "; people tolerate more from a camp they "
                                       "signed up for"),
            }),
    },
    "personas": {
        "welfare_officer": Section(
            "福利官: strong coupon take-up; people delete you after the benefit [ANEC: practitioner anecdote]", {
                "conversion_mult": Param(0.9, 0.6, 1.2, ASSUME, "a deal-giver, not an authority"),
                "coupon_mult": Param(1.6, 1.2, 2.5, ANEC, "strong coupon take-up"),
                "leave_mult": Param(1.1, 0.9, 1.5, ASSUME, "a little more churn"),
                "trust_boost": Param(0.0, 0.0, 0.1, ASSUME, "no authority to lend"),
                "at_all_mult": Param(1.0, 0.7, 1.3, ASSUME, "an ordinary @all"),
                "completion": Param(0.90, 0.75, 1.0, ASSUME, "share of manual tasks sent"),
                "delay_minutes": Param(10.0, 5.0, 30.0, ASSUME, "median manual delay"),
                "fission_mult": Param(1.2, 0.9, 1.8, ASSUME, "rewards make invites easier"),
                "benefit_leave_mult": Param(1.5, 1.0, 2.5, ANEC, "\"people delete you after the benefit\""),
            }),
        "expert": Section("专家: best conversion on content, lower churn [ANEC: practitioner anecdote]", {
            "conversion_mult": Param(1.5, 1.2, 2.0, ANEC, "best conversion on content"),
            "coupon_mult": Param(1.0, 0.7, 1.3, ASSUME, "coupons as usual"),
            "leave_mult": Param(0.7, 0.5, 0.9, ANEC, "lower churn"),
            "trust_boost": Param(0.2, 0.1, 0.4, ASSUME, "expertise lends trust"),
            "at_all_mult": Param(1.0, 0.7, 1.3, ASSUME, "an ordinary @all"),
            "completion": Param(0.90, 0.75, 1.0, ASSUME, "share of manual tasks sent"),
            "delay_minutes": Param(20.0, 10.0, 60.0, ASSUME, "median manual delay"),
            "fission_mult": Param(1.0, 0.7, 1.3, ASSUME, "invites as usual"),
            "benefit_leave_mult": Param(1.0, 0.7, 1.3, ASSUME, "benefits as usual"),
        }),
        "founder": Section("创始人: trust boost, strongest @all, least time [ANEC: practitioner anecdote]", {
            "conversion_mult": Param(1.2, 0.9, 1.6, ASSUME, "authority sells somewhat better"),
            "coupon_mult": Param(1.0, 0.7, 1.3, ASSUME, "coupons as usual"),
            "leave_mult": Param(0.85, 0.6, 1.0, ASSUME, "members stay for the founder"),
            "trust_boost": Param(0.35, 0.2, 0.5, ANEC, "trust boost"),
            "at_all_mult": Param(1.6, 1.2, 2.0, ANEC, "strongest @all"),
            "completion": Param(0.70, 0.5, 0.85, ANEC, "least time"),
            "delay_minutes": Param(60.0, 30.0, 180.0, ANEC, "least time"),
            "fission_mult": Param(1.1, 0.8, 1.5, ASSUME, "a little more pull for invites"),
            "benefit_leave_mult": Param(1.0, 0.7, 1.3, ASSUME, "benefits as usual"),
        }),
    },
    "actions": Section(
        "Labour minutes per task and whether a bot can send it (in WeCom an SOP is a reminder to a human "
        "[OFF: add_msg_template needs member confirmation]); annoyance and value are per reader and "
        "reply_boost is the expected replies per reader [ASSUME: magnitudes set by judgment].", {
            # Each cell (value, low, high); the columns' grade and source are in _action. `post` has
            # no magnitudes of its own: the post kind (model.posts) adds them.
            #                       minutes              bot    annoyance          value               reply_boost         interest
            "welcome":      _action((1.0, 0.5, 2.0),     True,  (0.00, 0.0, 0.05), (0.05, 0.02, 0.1),  (0.0, 0.0, 0.02), (0.0, 0.0, 0.2)),
            "post":         _action((3.0, 1.0, 6.0),     True,  (0.00, 0.0, 0.05), (0.00, 0.0, 0.02),  (0.0, 0.0, 0.02), (0.0, 0.0, 0.2)),
            "announce":     _action((3.0, 1.0, 6.0),     True,  (0.6, 0.3, 1.0), (0.01, 0.0, 0.03),  (0.02, 0.01, 0.04), (0.2, 0.0, 0.5)),
            "at_all":       _action((2.0, 1.0, 4.0),     True,  (1.0, 0.6, 1.5), (0.00, 0.0, 0.02),  (0.05, 0.02, 0.1), (0.2, 0.0, 0.5)),
            "coupon":       _action((3.0, 1.0, 6.0),     True,  (0.4, 0.2, 0.8), (0.03, 0.01, 0.06), (0.05, 0.02, 0.1), (0.3, 0.1, 0.6)),
            "red_packet":   _action((2.0, 1.0, 5.0),     False, (0.00, 0.0, 0.2), (0.08, 0.04, 0.16), (0.5, 0.25, 1.0), (1.5, 0.75, 3.0)),
            "flash_sale":   _action((30.0, 15.0, 60.0),  False, (0.5, 0.25, 1.0), (0.02, 0.01, 0.04), (0.2, 0.1, 0.4), (1.5, 0.75, 3.0)),
            "livestream":   _action((90.0, 60.0, 180.0), False, (0.3, 0.15, 0.6), (0.08, 0.04, 0.16), (0.2, 0.1, 0.4), (1.5, 0.75, 3.0)),
            "checkin":      _action((10.0, 5.0, 20.0),   True,  (0.1, 0.0, 0.3), (0.02, 0.01, 0.04), (0.0, 0.0, 0.02), (0.5, 0.25, 1.0)),
            "lottery":      _action((10.0, 5.0, 20.0),   False, (0.1, 0.0, 0.3), (0.04, 0.02, 0.08), (0.3, 0.15, 0.6), (1.0, 0.5, 2.0)),
            "fission":      _action((15.0, 8.0, 30.0),   True,  (0.5, 0.25, 1.0), (0.00, 0.0, 0.02),  (0.05, 0.02, 0.1), (0.3, 0.1, 0.6)),
            "tag":          _action((0.0, 0.0, 1.0),     True,  (0.00, 0.0, 0.02), (0.00, 0.0, 0.02),  (0.0, 0.0, 0.02), (0.0, 0.0, 0.1)),
            "kick":         _action((5.0, 1.0, 10.0),    True,  (0.00, 0.0, 0.02), (0.00, 0.0, 0.02),  (0.0, 0.0, 0.02), (0.0, 0.0, 0.1)),
            "migrate":      _action((30.0, 15.0, 60.0),  False, (0.00, 0.0, 0.02), (0.05, 0.02, 0.1),  (0.0, 0.0, 0.02), (0.0, 0.0, 0.1)),
            "create_group": _action((5.0, 2.0, 10.0),    True,  (0.00, 0.0, 0.02), (0.00, 0.0, 0.02),  (0.0, 0.0, 0.02), (0.0, 0.0, 0.1)),
            "dissolve":     _action((5.0, 2.0, 10.0),    True,  (0.00, 0.0, 0.02), (0.00, 0.0, 0.02),  (0.0, 0.0, 0.02), (0.0, 0.0, 0.1)),
        }),
    "posts": Section(
        "Post kinds differ in value and annoyance [ASSUME: the ordering follows practitioner advice that "
        "value content keeps groups alive and ad-only groups die; the magnitudes are calibrated].", {
            # Each cell (value, low, high); the columns' grade and source are in _post.
            #                    annoyance            value                reply_boost          buy_mult          interest
            "tips":        _post((0.1, 0.05, 0.2),   (0.04, 0.02, 0.08),  (0.03, 0.015, 0.06), (0.0, 0.0, 0.1), (1.0, 0.5, 2.0)),
            "story":       _post((0.1, 0.05, 0.2),   (0.05, 0.025, 0.1),  (0.05, 0.025, 0.1),  (0.0, 0.0, 0.1), (1.2, 0.6, 2.4)),
            "product":     _post((0.7, 0.4, 1.0),  (0.01, 0.0, 0.02),   (0.02, 0.01, 0.04),  (1.0, 0.8, 1.25), (0.3, 0.1, 0.6)),
            "testimonial": _post((0.35, 0.2, 0.6), (0.03, 0.015, 0.06), (0.03, 0.015, 0.06), (0.6, 0.3, 1.0), (0.6, 0.3, 1.2)),
            "ad":          _post((1.0, 0.7, 1.5),  (0.00, 0.0, 0.01),   (0.01, 0.0, 0.02),   (0.5, 0.25, 1.0), (0.05, 0.0, 0.2)),
        }),
    "reading": {
        "present": Param(0.60, 0.3, 0.9, ASSUME, "share of unmuted members who read a post (no open-rate data)"),
        "muted": Param(0.12, 0.03, 0.2, ANEC, "muted members still open sometimes (\"<5 % actively open\" at "
                       "group level)"),
        "folded": Param(0.02, 0.005, 0.05, ANEC, "folded groups are rarely opened"),
        "pierce_muted": Param(0.40, 0.2, 0.6, ANEC, "@all and announcements show a red @所有人 to muted "
                              "members (ychzzwbh)"),
        "pierce_folded": Param(0.06, 0.02, 0.4, ASSUME, "whether @all pierces the fold is unknown; at most "
                               "about as well as it pierces mute"),
        "night_annoyance_mult": Param(3.0, 1.5, 4.2, LOW, "a message between 22:00 and 07:00 weighs this many "
                                      "times more (qdjiaoyu: \"4.2x complaints\" for @all at night; taken lower)"),
        "notice_muted": Param(0.5, 0.2, 0.8, ASSUME, "share of a message's push pressure a muted member still "
                              "feels: no alert, but the unread dot and the preview in the chat list"),
        "notice_folded": Param(0.05, 0.0, 0.15, ASSUME, "a folded group sits in one collapsed row and is rarely "
                               "seen"),
    },
    "member": {
        "trust_half_life_h": Param(720.0, 240.0, 2160.0, ASSUME, "trust fades over about a month"),
        "trust_leave_coef": Param(2.0, 1.0, 4.0, ASSUME, "leave hazard x exp(-coef·trust)"),
        "trust_mute_coef": Param(1.5, 0.75, 3.0, ASSUME, "mute hazard x exp(-coef·trust)"),
        "muted_leave_mult": Param(0.8, 0.5, 1.0, ASSUME, "muted members are bothered less"),
        "folded_leave_mult": Param(0.5, 0.2, 0.8, ASSUME, "folded members forget the group is there"),
        "trust_talk_coef": Param(0.3, 0.15, 0.6, ASSUME, "trusting members talk more: rate x (1 + coef·trust)"),
        "novelty_tau_h": Param(24.0, 12.0, 72.0, ASSUME, "newcomers talk more at first"),
        "novelty_talk_mult": Param(2.0, 1.0, 4.0, ASSUME, "how much more newcomers talk"),
        "muted_talk_mult": Param(0.35, 0.15, 0.6, ASSUME, "muted members talk less"),
        "folded_talk_mult": Param(0.05, 0.01, 0.15, ASSUME, "folded members hardly talk"),
        "talk_sigma": Param(2.3, 1.5, 3.0, ACAD, "spread (log-normal sigma) of talk propensity within a segment: "
                            "most members lurk and the top 1 % write a third to three quarters of posts (van "
                            "Mierlo, JMIR 2014; Joglekar et al., JMIR 2018); the value is calibrated to that "
                            "shape"),
        "leave_frailty_cv": Param(1.0, 0.5, 2.0, ACAD, "spread (coefficient of variation, gamma) of members' "
                                  "leave propensity: quitting decays like a power law across members, not "
                                  "exponentially (Zhang et al., KDD 2016); 0 switches it off"),
    },
    "chatter": {
        "excitation_alpha": Param(0.35, 0.3, 0.6, ACAD, "branching ratio of member chatter (Masuda 2013: "
                                  "n≈0.3-0.6)"),
        "excitation_tau_h": Param(2.0, 0.5, 6.0, ASSUME, "a reply comes within hours"),
        "excitation_cap": Param(50.0, 10.0, 200.0, ASSUME, "the self-excited chat rate is capped at this multiple "
                                "of the baseline: a burst is dozens of replies, and a group that spikes at night "
                                "(baseline near 0) cannot divide by almost nothing"),
        "reply_delay_min": Param(3.0, 1.0, 10.0, ASSUME, "event-log timing only: a reply comes minutes after "
                                 "the message it answers (exponential-kernel Hawkes fits to public Slack chat "
                                 "archives give kernel means of 2.4-3.2 minutes; docs/model.md, pattern Q5)"),
        "burst_gap_s": Param(60.0, 20.0, 120.0, CAL, "event-log timing only: one person's consecutive messages "
                             "come about a minute apart (typing the next one); sets the share of gaps between "
                             "messages under 60 s to 44-55 % and the fitted kernel to minutes, as in public Slack "
                             "chat archives (docs/model.md, pattern Q5)"),
        "time_of_day": Unranged(_EVENING_PEAK, ANEC, _PEAK_SOURCE),
    },
    "buying": {
        "price_ref": Param(100.0, 50.0, 200.0, ASSUME, "CNY at which price halves the purchase propensity"),
        "discount_elasticity": Param(3.0, 1.5, 6.0, ASSUME, "propensity x (1 + e·discount·price_sensitivity)"),
        "trust_coef": Param(2.0, 1.0, 4.0, ASSUME, "propensity x (1 + coef·trust)"),
        "irritation": Param(0.5, 0.0, 1.0, ASSUME, "an irritated member buys less: propensity / (1 + "
                            "irritation·excess of push pressure over the leave tolerance)"),
        "repurchase_mult": Param(1.8, 1.2, 3.0, ASSUME, "a first order makes repurchase more likely (see "
                                 "docs/model.md); the size is assumed"),
        "order_delay_minutes": Param(30.0, 10.0, 120.0, ASSUME, "mean delay between reading and ordering"),
        "buyer_trust_gain": Param(0.05, 0.02, 0.1, ASSUME, "trust gained by buying"),
        "livestream_mult": Param(1.5, 1.0, 3.0, ASSUME, "a livestream sells harder than a post"),
    },
    "fission": {
        "participation": Param(0.30, 0.1, 0.5, ASSUME, "share of readers who join an invite campaign"),
        "invite_delay_hours": Param(12.0, 2.0, 48.0, ASSUME, "mean delay from joining a campaign to a friend "
                                    "arriving (Qiu 2016 latency)"),
        "duplicate_share": Param(0.3, 0.1, 0.5, ASSUME, "invites landing on existing members when not "
                                 "new-friends-only"),
    },
    "checkin": {
        "fatigue": Param(0.040, 0.02, 0.1, CAL, "daily drop of check-in motivation; speak rate 0.7 → 0.25 by "
                         "day 21 (weakly identified: leaving and muting also lower it)"),
        "break_penalty": Param(0.75, 0.3, 0.9, ASSUME, "motivation x this after a broken streak (streak mode)"),
        "reward_boost": Param(0.10, 0.05, 0.2, ASSUME, "motivation bump on reaching a reward tier"),
        "trust_gain": Param(0.01, 0.005, 0.02, ASSUME, "trust gained per check-in"),
    },
    "operators": {
        "auto_completion": Param(0.99, 0.95, 1.0, ASSUME, "a bot-sent step almost always goes out"),
        "auto_delay_minutes": Param(1.0, 0.5, 5.0, ASSUME, "a bot sends within minutes"),
        "delay_sigma": Param(0.8, 0.4, 1.2, ASSUME, "log-normal spread of manual delays"),
        "task_expiry_hours": Param(12.0, 4.0, 24.0, ASSUME, "a task not done within this is skipped"),
        "top_active_purchase_weight": Param(5.0, 1.0, 20.0, ASSUME, "ranking members for `select: {top_active}`, "
                                            "a purchase counts as this many messages (a buyer is worth more "
                                            "to an operator than a chatter)"),
        "top_active_invite_weight": Param(3.0, 1.0, 10.0, ASSUME, "and an invitation (fission) as this many"),
    },
    "arrivals": {
        "time_of_day": Unranged(_EVENING_PEAK, ANEC, "arrivals follow the same evening peak as chatter: "
                                + _PEAK_SOURCE),
    },
    "fatigue": Section(
        "Push fatigue (docs/model.md, \"Push fatigue\"): pressure is counted in ad-equivalent messages a "
        "week and meets each member's tolerance, drawn from log-normals fitted to the Localytics 2017 "
        "survey (n = 1,000) [SV].", {
            "memory_days": Param(3.5, 1.5, 7.0, ASSUME, "mean life of push pressure: how long a member "
                                 "remembers what the group sent"),
            "tolerance_median": Param(5.0, 3.0, 8.0, SV, "median pushes a week a member tolerates before "
                                      "muting: 10 % would disable notifications at 1 a week, 47 % at up to 5, "
                                      "80 % at up to 10 (Localytics 2017 survey)"),
            "tolerance_sigma": Param(1.2, 0.8, 1.6, SV, "log-normal spread of the mute tolerance, fitted to "
                                     "the same answers"),
            "leave_tolerance_median": Param(9.4, 6.0, 14.0, SV, "median pushes a week before leaving: 22 % "
                                            "would stop using the app at up to 5 a week, 53 % at up to 10 "
                                            "(Localytics 2017 survey)"),
            "leave_tolerance_sigma": Param(0.82, 0.5, 1.2, SV, "log-normal spread of the leave tolerance, "
                                           "fitted to the same answers"),
            "mute_rate": Param(0.04, 0.02, 0.1, ASSUME, "mute hazard per hour at pressure twice the tolerance "
                               "(about a day to act once fed up)"),
            "fold_rate": Param(0.01, 0.004, 0.03, ASSUME, "fold hazard of a muted member per hour at pressure "
                               "twice the tolerance"),
            "leave_rate": Param(0.025, 0.01, 0.05, CAL, "leave hazard per hour at pressure twice the leave "
                                "tolerance: practitioners' seed that groups posting ads all day get "
                                "deleted; 8 ads a day for 3 weeks empties a quarter of a content group"),
            "unmuted_leave_mult": Param(0.3, 0.1, 1.0, ASSUME, "push pressure makes a member who has not "
                                        "muted the group leave at this multiple of the muted rate: people "
                                        "mute first and leave later (the seeds' 屏蔽 then 删除; 74.6 % mute "
                                        "groups, 38.4 % ever leave, China Youth Daily 2020); 1 = no escalation"),
            "chatter_weight": Param(0.005, 0.0, 0.02, ASSUME, "pressure of one member message a present "
                                    "member sees, in ad-equivalents"),
            "join_weight": Param(0.012, 0.0, 0.03, CAL, "pressure of one join notice / merged group welcome "
                                 "(入群欢迎语, WeCom) in ad-equivalents: a traffic group filling by QR is a "
                                 "flood; with the traffic tolerance it sets mute_by_d3 ~0.8"),
        }),
    "demand": Section(
        "Finite demand (docs/model.md, \"Buying\"): intent is a stock that buying empties and a repurchase "
        "cycle refills; repeated offers wear out.", {
            "cycle_days": {
                "lead": Param(0.0, 0.0, 365.0, ASSUME, "引流款: bought once (0 = never wanted again)"),
                "bundle": Param(180.0, 60.0, 365.0, ASSUME, "组合款: a set is bought again after months"),
                "repeat": Param(30.0, 14.0, 60.0, ASSUME, "复购款: a consumable is used up in about a month"),
                "profit": Param(120.0, 60.0, 365.0, ASSUME, "利润款: a course or premium item, rarely again"),
            },
            "wear_per_exposure": Param(0.3, 0.1, 0.6, ACAD, "propensity / (1 + wear · earlier offers of the "
                                       "product): the number of marketing messages has a saturating effect "
                                       "on purchases (Zhang, Kumar & Cosguner, JMR 2017); the size is "
                                       "assumed"),
            "wear_half_life_days": Param(7.0, 3.0, 21.0, ASSUME, "how fast the memory of earlier offers fades"),
        }),
    "reference_price": Section(
        "Reference prices (docs/model.md, \"Buying\"): the discounts a member sees set the discount they "
        "expect; paying more than expected is a loss, weighed more than a gain [ACAD: Kalwani et al., JMR "
        "1990; loss aversion].", {
            "learning_rate": Param(0.3, 0.1, 0.6, ASSUME, "weight of the latest discount seen in the expected "
                                   "discount (exponential smoothing)"),
            "gain": Param(1.5, 0.5, 3.0, ASSUME, "propensity x exp(price sensitivity · gain · (discount - "
                          "expected)) for a better deal than expected"),
            "loss": Param(5.0, 2.0, 10.0, ACAD, "the same for a worse deal than expected; losses weigh about "
                          "2-3 times gains (Kalwani et al., JMR 1990)"),
            "hunter_word_of_mouth": Param(0.3, 0.0, 1.0, ANEC, "coupon hunters among a channel's joiners x (1 + "
                                          "this · coupon reputation): crude couponing trains 羊毛党 "
                                          "(practitioner seed); the size is assumed"),
            "reputation_days": Param(14.0, 7.0, 30.0, ASSUME, "mean life of a group's coupon reputation"),
        }),
    "activity": Section(
        "Silence spreads, activity holds (docs/model.md, \"Chatter\" and \"Group lifecycle\").", {
            "interest_half_life_h": Param(12.0, 6.0, 36.0, ASSUME, "half-life of the conversation interest an "
                                          "operator message gives: a campaign's talk is over within days"),
            "interest_half_sat": Param(1.0, 0.5, 2.0, ASSUME, "interest at which members talk halfway between "
                                       "their type's floor and their full rate"),
            "liveliness_half_life_days": Param(2.0, 1.0, 5.0, ASSUME, "smoothing of a group's daily speaker "
                                               "share"),
            "quiet_speak_rate": Param(0.05, 0.02, 0.1, ANEC, "daily speaker share under which a group is quiet "
                                      "(practitioners: 15-25 % interacting a day is healthy)"),
            "clear_rate": Param(0.004, 0.001, 0.01, SV, "leave hazard per hour in a silent or dead group: "
                                "59.9 % periodically clear dead groups (China Youth Daily survey 2020, n = "
                                "2,002); the rate is assumed"),
        }),
}

#: The plain nested dict of preset values (the shape every other module reads).
PRESETS: Final[dict[str, Any]] = tree_values(PRESET_TREE)

#: Every record of :data:`PRESET_TREE` by dotted key path, e.g. ``"group_types.traffic.leave_base"``.
PARAMETER_INFO: Final[Mapping[str, Record]] = MappingProxyType(tree_records(PRESET_TREE))

#: The note of every :class:`Section` by dotted key path, e.g. ``"group_types.traffic"``.
SECTION_NOTES: Final[Mapping[str, str]] = MappingProxyType(tree_notes(PRESET_TREE))


def parameter_record(path: str) -> Record:
    """The record of the preset at dotted key ``path`` (``"group_types.traffic.leave_base"``).

    Raises ``KeyError`` naming the closest known paths when ``path`` is not a leaf of the tree.
    """
    try:
        return PARAMETER_INFO[path]
    except KeyError:
        close = difflib.get_close_matches(path, PARAMETER_INFO, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise KeyError(f"no preset parameter {path!r}{hint}") from None
