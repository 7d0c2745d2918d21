"""Behavioural parameters of the model, validated.

The values live in :mod:`simgroup.scenario.presets` (each with its source); a scenario's
``model:`` section overrides any of them by key path, e.g.::

    model:
      group_types:
        traffic: {leave_base: 0.002}
      segments:
        coupon_hunter: {buy_mult: 2.0}

The override is deep-merged into the presets before validation, so unknown keys are errors and
error locations are the user's own key paths. ``uncertainty:`` narrows or fixes the ranges that
parameter worlds draw from (:mod:`simgroup.scenario.uncertainty`); it changes no value.
"""

from __future__ import annotations

import copy
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simgroup.scenario._problems import ReferenceProblem, raise_all
from simgroup.scenario.uncertainty import RangeSpec, uncertainty_problems

Rate = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
Prob = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Hours = Annotated[float, Field(gt=0.0, allow_inf_nan=False)]
Profile24 = Annotated[list[Annotated[float, Field(ge=0.0, allow_inf_nan=False)]], Field(min_length=24, max_length=24)]


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SegmentParams(_Params):
    leave_mult: Rate
    mute_mult: Rate
    talk_rate: Rate
    burst: Rate
    buy_mult: Rate
    min_discount: Prob
    invite_mult: Rate
    interest: Prob
    price_sensitivity: Prob
    benefit_leave_rate: Rate
    benefit_window_h: Hours
    checkin_motivation: Prob
    tolerance_mult: Rate


class GroupTypeParams(_Params):
    leave_base: Rate
    leave_early_mult: Rate
    leave_early_tau_h: Hours
    mute_base: Rate
    mute_early_mult: Rate
    mute_early_tau_h: Hours
    fold_base: Rate
    talk_mult: Rate
    buy_base: Prob
    imitation: Rate
    upkeep_minutes: Rate
    automated: bool
    death_speak_rate: Prob
    death_min_speakers: Rate
    death_days: Annotated[int, Field(ge=1)]
    talk_floor: Prob
    tolerance_mult: Rate


class PersonaParams(_Params):
    conversion_mult: Rate
    coupon_mult: Rate
    leave_mult: Rate
    trust_boost: Rate
    at_all_mult: Rate
    completion: Prob
    delay_minutes: Rate
    fission_mult: Rate
    benefit_leave_mult: Rate


class ActionParams(_Params):
    minutes: Rate
    automatable: bool
    annoyance: Rate
    value: Rate
    reply_boost: Rate
    interest: Rate


class PostParams(_Params):
    annoyance: Rate
    value: Rate
    reply_boost: Rate
    buy_mult: Rate
    interest: Rate


class ReadingParams(_Params):
    present: Prob
    muted: Prob
    folded: Prob
    pierce_muted: Prob
    pierce_folded: Prob
    night_annoyance_mult: Rate
    notice_muted: Prob
    notice_folded: Prob


class MemberParams(_Params):
    trust_half_life_h: Hours
    trust_leave_coef: Rate
    trust_mute_coef: Rate
    muted_leave_mult: Rate
    folded_leave_mult: Rate
    trust_talk_coef: Rate
    novelty_tau_h: Hours
    novelty_talk_mult: Rate
    muted_talk_mult: Rate
    folded_talk_mult: Rate
    talk_sigma: Rate
    leave_frailty_cv: Rate


class FatigueParams(_Params):
    """Push fatigue: pressure in ad-equivalent messages per week against a member's tolerance."""

    memory_days: Hours
    tolerance_median: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    tolerance_sigma: Rate
    leave_tolerance_median: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    leave_tolerance_sigma: Rate
    mute_rate: Rate
    fold_rate: Rate
    leave_rate: Rate
    unmuted_leave_mult: Rate
    chatter_weight: Rate
    join_weight: Rate


class CycleDays(_Params):
    """Days until a buyer wants a product of each role again (0: never)."""

    lead: Rate
    bundle: Rate
    repeat: Rate
    profit: Rate


class DemandParams(_Params):
    """Finite demand: intent stocks refilled on a repurchase cycle, and offer wear-out."""

    cycle_days: CycleDays
    wear_per_exposure: Rate
    wear_half_life_days: Hours


class ReferencePriceParams(_Params):
    """Reference prices learned from the discounts a member sees, and the coupon reputation."""

    learning_rate: Prob
    gain: Rate
    loss: Rate
    hunter_word_of_mouth: Rate
    reputation_days: Hours


class ActivityParams(_Params):
    """Conversation interest fed by operator content, liveliness and clearing of dead groups."""

    interest_half_life_h: Hours
    interest_half_sat: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    liveliness_half_life_days: Hours
    quiet_speak_rate: Prob
    clear_rate: Rate


class ChatterParams(_Params):
    excitation_alpha: Rate
    excitation_tau_h: Hours
    excitation_cap: Annotated[float, Field(ge=1)]
    reply_delay_min: Annotated[float, Field(gt=0)]
    burst_gap_s: Annotated[float, Field(gt=0)]
    time_of_day: Profile24


class BuyingParams(_Params):
    price_ref: Annotated[float, Field(gt=0)]
    discount_elasticity: Rate
    trust_coef: Rate
    irritation: Rate
    repurchase_mult: Rate
    order_delay_minutes: Rate
    buyer_trust_gain: Rate
    livestream_mult: Rate


class FissionParams(_Params):
    participation: Prob
    invite_delay_hours: Hours
    duplicate_share: Prob


class CheckinParams(_Params):
    fatigue: Prob
    break_penalty: Prob
    reward_boost: Rate
    trust_gain: Rate


class OperatorParams(_Params):
    auto_completion: Prob
    auto_delay_minutes: Rate
    delay_sigma: Rate
    task_expiry_hours: Hours
    top_active_purchase_weight: Rate
    top_active_invite_weight: Rate


class ArrivalParams(_Params):
    time_of_day: Profile24


class ModelParams(_Params):
    """All behavioural parameters; see :mod:`simgroup.scenario.presets` for values and sources."""

    tick_minutes: Annotated[int, Field(ge=5, le=240)]
    segments: dict[str, SegmentParams]
    group_types: dict[str, GroupTypeParams]
    personas: dict[str, PersonaParams]
    actions: dict[str, ActionParams]
    posts: dict[str, PostParams]
    reading: ReadingParams
    member: MemberParams
    chatter: ChatterParams
    buying: BuyingParams
    fission: FissionParams
    checkin: CheckinParams
    operators: OperatorParams
    arrivals: ArrivalParams
    fatigue: FatigueParams
    demand: DemandParams
    reference_price: ReferencePriceParams
    activity: ActivityParams
    uncertainty: dict[str, RangeSpec] = Field(
        default_factory=dict,
        description="For parameter worlds (sensitivity, compare --robust, expect robust:): by dotted parameter "
        "name, `fixed` (held at this scenario's value) or [low, high] (drawn from there, inside the plausible "
        "range). See docs/uncertainty.md.",
    )

    @model_validator(mode="before")
    @classmethod
    def _merge_presets(cls, data: Any) -> Any:
        from simgroup.scenario.presets import PRESETS

        if data is None:
            data = {}
        if not isinstance(data, dict):
            return data
        # Check the closed name lists before merging: an unknown name merged into the presets
        # would otherwise surface as a dozen "missing field" errors instead of one clear message.
        problems: list[ReferenceProblem] = []
        for section in _NAMED_SECTIONS:
            names = data.get(section)
            if isinstance(names, dict):
                for name in names:
                    if name not in PRESETS[section]:
                        problems.append(
                            ReferenceProblem(
                                (section, name), _NAMED_SECTIONS[section], str(name), set(PRESETS[section]),
                                message=f"unknown {_NAMED_SECTIONS[section]} {name!r} "
                                f"(known: {', '.join(PRESETS[section])})",
                            )
                        )
        problems += uncertainty_problems(data.get("uncertainty"))
        raise_all(problems)
        return _deep_merge(PRESETS, data)

    @model_validator(mode="after")
    def _closed_keys(self) -> ModelParams:
        from simgroup.scenario.presets import PRESETS

        for section in _NAMED_SECTIONS:
            extra = set(getattr(self, section)) - set(PRESETS[section])
            if extra:
                known = ", ".join(sorted(PRESETS[section]))
                raise ValueError(f"model.{section}: unknown name {sorted(extra)[0]!r} (known: {known})")
        return self


#: Sections of ``model:`` keyed by a closed vocabulary, and what one of their names is called.
_NAMED_SECTIONS = {
    "segments": "segment",
    "group_types": "group type",
    "personas": "persona",
    "actions": "action",
    "posts": "post kind",
}


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out

