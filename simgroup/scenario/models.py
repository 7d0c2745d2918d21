"""The scenario file as pydantic models (schema version 1).

Every model forbids unknown keys; cross references (a group's SOP, a step's product, a channel id)
are checked by :func:`Scenario` validators so that a scenario that validates can be simulated.
The engine reads only these models and :mod:`simgroup.scenario.params`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator

# The KPI names are the results' data contract; an expectation may only name one of them.
from simgroup.kpis import KPI_NAMES
from simgroup.scenario._problems import ReferenceProblem, raise_all
from simgroup.scenario.diagnostics import did_you_mean
from simgroup.scenario.limits import (
    MAX_GROUP_MEMBERS,
    MAX_REPURCHASE_DAYS,
    MAX_STOCK,
    MAX_TASK_MINUTES,
    DayNumber,
    Money,
    PositiveMoney,
)
from simgroup.scenario.params import ModelParams
from simgroup.scenario.times import (
    MINUTES_PER_DAY,
    Clock,
    Duration,
    HourWindow,
    Share,
)
from simgroup.scenario.uncertainty import held_and_narrowed
from simgroup.scenario.vocabulary import (
    DEFAULT_WORLDS,
    GROUP_CAPACITY_MAX,
    LIVE_CODE_GROUPS_MAX,
    MAX_CHANNEL_PER_DAY,
    MAX_DAYS,
    MAX_EXPECTED_MEMBERS,
    MAX_GROUP_SPECS,
    MAX_INITIAL_GROUPS,
    MAX_INITIAL_MEMBERS,
    MAX_REPLICATIONS,
    MAX_WORLDS,
    RED_PACKET_SHARE_MAX,
    WEEKDAYS,
    EventName,
    GroupType,
    Persona,
    PostKind,
    ProductRole,
    Segment,
)

#: A name other parts of the scenario refer to: letters of any script (``试用装``), digits, ``_`` and
#: ``-``, not starting with a digit or ``-`` (a regex both pydantic's and Python's engines read
#: with Unicode classes).
Identifier = Annotated[str, Field(pattern=r"^[^\W\d][\w\-]*$", max_length=64)]

#: A display name shown instead of an id in the chat feed, the TUI and reports (``name:``).
DisplayName = Annotated[str, Field(min_length=1, max_length=64)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --------------------------------------------------------------------------- audience, channels


class Audience(_Model):
    """Who a channel brings, as shares of each segment; the shares sum to 1."""

    regular: Share = Field(0.0, description="Share of ordinary members (a scenario without an audience is all regular).")
    coupon_hunter: Share = Field(0.0, description="Share of coupon hunters (羊毛党): take the benefit and leave.")
    super_user: Share = Field(
        0.0, description="Share of super users (moderators, group leaders, KOLs): speak, buy and invite more."
    )

    @model_validator(mode="after")
    def _sums_to_one(self) -> Audience:
        total = self.regular + self.coupon_hunter + self.super_user
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"segment shares must sum to 1, they sum to {total:g}")
        return self

    def shares(self) -> dict[str, float]:
        return {"regular": self.regular, "coupon_hunter": self.coupon_hunter, "super_user": self.super_user}


class Channel(_Model):
    """An acquisition channel (引流): units per day × add rate = expected joiners per day."""

    id: Identifier = Field(description="Name of the channel, referred to by groups' `channels:`.")
    name: DisplayName | None = Field(None, description="Shown instead of the id (any text, e.g. 包裹卡).")
    kind: Literal["package_card", "store_qr", "ads", "livestream", "organic", "other"] = Field(
        "other", description="What the channel is (包裹卡 package card, store QR, ads, livestream, ...)."
    )
    per_day: Annotated[
        float,
        Field(
            ge=0,
            le=MAX_CHANNEL_PER_DAY,
            allow_inf_nan=False,
            description="Units per day: parcels shipped, QR scans, ad clicks, viewers.",
        ),
    ]
    add_rate: Share = Field(1.0, description="Share of units that become a group member.")
    cost_per_unit: Money = Field(0.0, description="Acquisition cost per unit, CNY (e.g. per parcel card).")
    cost_per_join: Money = Field(0.0, description="Acquisition cost per member who joins, CNY.")
    hours: HourWindow = Field((9 * 60, 23 * 60), description="Time-of-day window in which arrivals happen.")
    start_day: DayNumber = Field(0, description="First day (from 0) the channel brings people.")
    end_day: DayNumber | None = Field(
        None, description="Last day the channel brings people; the last simulated day when omitted."
    )
    audience: Audience | None = Field(
        None, description="Segment shares of this channel's joiners; the scenario's `audience` when omitted."
    )

    @model_validator(mode="after")
    def _day_order(self) -> Channel:
        if self.end_day is not None and self.end_day < self.start_day:
            raise ValueError(f"end_day ({self.end_day}) is before start_day ({self.start_day})")
        return self


# --------------------------------------------------------------------------- operators, products


class Operators(_Model):
    """The people who send SOP tasks: a SimPy Resource of ``count`` operators."""

    count: Annotated[int, Field(ge=1, le=1000)] = Field(1, description="Number of operators sending SOP tasks.")
    persona: Persona = Field("welfare_officer", description="Operator persona (人设); sets trust, conversion and time.")
    hourly_cost: Money = Field(60.0, description="Labour cost per operator hour, CNY.")
    completion: Share | None = Field(
        None, description="Share of manual SOP tasks actually sent; the persona's preset when omitted."
    )
    delay: Duration | None = Field(
        None, description="Median delay of a manual task; the persona's preset when omitted."
    )


class Product(_Model):
    """Something the group sells."""

    id: Identifier = Field(description="Name of the product, referred to by SOP steps' `product:`.")
    name: DisplayName | None = Field(None, description="Shown instead of the id (any text, e.g. 9.9元试用装).")
    role: ProductRole = Field(
        "bundle", description="lead 引流款 (cheap first order), bundle 组合款, repeat 复购款 or profit 利润款."
    )
    price: PositiveMoney = Field(description="Full price, CNY.")
    unit_cost: Money = Field(0.0, description="Cost of goods per unit, CNY.")
    repurchase_days: Annotated[float, Field(ge=0.0, le=MAX_REPURCHASE_DAYS, allow_inf_nan=False)] | None = Field(
        None,
        description="Days after an order until a member wants the product again: intent refills as "
        "1 − exp(−days since the order / this); 0 means it is bought once. Default: the role's preset "
        "(`model.demand.cycle_days`).",
    )


# --------------------------------------------------------------------------- groups


class LiveCode(_Model):
    """A WeCom group live code (群活码) rotating over at most 5 groups."""

    qr_limit: Annotated[int, Field(ge=1, le=GROUP_CAPACITY_MAX)] = Field(
        200, description="Members up to which a group takes joiners from the code (WeCom: QR joins stop at 200)."
    )
    capacity: Annotated[int, Field(ge=1, le=GROUP_CAPACITY_MAX)] = Field(
        GROUP_CAPACITY_MAX, description="Most members a group holds (WeCom: 500)."
    )
    max_groups: Annotated[int, Field(ge=1, le=LIVE_CODE_GROUPS_MAX)] = Field(
        LIVE_CODE_GROUPS_MAX, description="Groups the code rotates over (WeCom: at most 5)."
    )
    auto_create: StrictBool = Field(True, description="Open a new group when all the code's groups are full.")

    @model_validator(mode="after")
    def _limit_within_capacity(self) -> LiveCode:
        if self.qr_limit > self.capacity:
            raise ValueError(f"qr_limit ({self.qr_limit}) cannot exceed capacity ({self.capacity})")
        return self


class GroupSpec(_Model):
    """A kind of group in the scenario; the engine creates instances of it as they fill."""

    id: Identifier = Field(description="Name of the group spec, referred to by `migrate`/`create_group` and `expect`.")
    name: DisplayName | None = Field(None, description="Shown instead of the id (any text, e.g. 宝妈福利群).")
    type: GroupType = Field(description="Group type: traffic 流量型, flash_sale 快闪型, content 内容型, checkin 打卡型.")
    channels: list[Identifier] = Field(default_factory=list, description="Ids of the channels that feed this group.")
    live_code: LiveCode = Field(default_factory=LiveCode, description="How joiners are spread over groups.")
    sop: Identifier | None = Field(None, description="Id of the SOP (under `sops:`) this group runs.")
    initial_groups: Annotated[int, Field(ge=0, le=MAX_INITIAL_GROUPS)] = Field(
        1, description="Groups of this spec that exist at the start."
    )
    initial_members: Annotated[int, Field(ge=0, le=MAX_INITIAL_MEMBERS)] = Field(
        0, description="Members already in each initial group at the start."
    )
    initial_cost_per_member: Money = Field(0.0, description="Acquisition cost of each initial member, CNY.")
    audience: Audience | None = Field(
        None, description="Segment shares of the initial members; the scenario's `audience` when omitted."
    )
    automated: StrictBool | None = Field(
        None, description="Whether a bot sends automatable steps; the group type's preset when omitted."
    )


# --------------------------------------------------------------------------- SOP steps


    @field_validator("id")
    @classmethod
    def _not_reserved(cls, v: str) -> str:
        # "all" names the whole scenario in daily series and reports
        if v == "all":
            raise ValueError("'all' is reserved for the whole scenario; choose another group id")
        return v

class Select(_Model):
    """Which members a ``migrate`` (or ``kick``/``tag``) picks."""

    top_active: Share | None = Field(None, description="The most active share of the members (e.g. 0.1).")
    segment: Segment | None = Field(None, description="Only members of this segment.")
    tag: Identifier | None = Field(None, description="Only members with this tag.")
    buyers: StrictBool | None = Field(None, description="Only buyers (true) or only non-buyers (false).")


class RewardTier(_Model):
    """A check-in reward: reached after ``days`` check-ins (in a row for streak mode)."""

    days: Annotated[int, Field(ge=1, le=MAX_DAYS, description="Check-ins needed to reach the tier.")]
    reward: Money = Field(description="Reward per member who reaches the tier, CNY.")


class _Step(_Model):
    """Trigger, filters and labour settings shared by every SOP step."""

    label: DisplayName | None = Field(
        None, description="Shown instead of the step's summary in the TUI and reports (any text, e.g. 晚安打卡)."
    )
    # triggers
    on: EventName | None = Field(
        None, description="Trigger: fire when this event happens (member_join, member_leave, purchase, ...)."
    )
    every: str | None = Field(
        None, description="Trigger: repeat every day ('day'), every N days ('2d') or on weekdays ('mon,wed,fri')."
    )
    day: DayNumber | list[DayNumber] | None = Field(
        None, description="Trigger: on day N (or each day in a list), counted from 0 = the group's creation day."
    )
    at: str | None = Field(
        None, description="Time of day 'HH:MM' (09:00 when omitted), or alone a date-time 'YYYY-MM-DD HH:MM'."
    )
    after: Duration | None = Field(None, description="Delay after the `on:` event before the step fires.")
    anchor: Literal["group", "member"] = Field(
        "group", alias="from", description="`day:` counts from the group's creation, or from each member's join."
    )
    min: Annotated[int, Field(ge=1, le=MAX_GROUP_MEMBERS)] | None = Field(
        None, description="For `on: member_count`: fire once when the group reaches this many members."
    )
    idle: Duration | None = Field(
        None, description="For `on: inactive`: fire for members silent for this long (e.g. 3d)."
    )
    # filters
    segment: Segment | None = Field(None, description="Filter: only members of this segment.")
    tag: Identifier | None = Field(None, description="Filter: only members with this tag.")
    min_size: Annotated[int, Field(ge=0, le=MAX_GROUP_MEMBERS)] | None = Field(
        None, description="Filter: skip the step while the group has fewer members."
    )
    max_size: Annotated[int, Field(ge=0, le=MAX_GROUP_MEMBERS)] | None = Field(
        None, description="Filter: skip the step while the group has more members."
    )
    stop_when: Literal["bought", "never"] = Field(
        "never", description="Early end: 'bought' stops targeting a member once they bought."
    )
    # labour
    automated: StrictBool | None = Field(
        None, description="Sent by a bot (no labour, no delay); the action and group type decide when omitted."
    )
    minutes: Annotated[float, Field(ge=0.0, le=MAX_TASK_MINUTES, allow_inf_nan=False)] | None = Field(
        None, description="Labour minutes of the task; the action's preset when omitted."
    )
    text: str | None = Field(None, description="The message text (shown in event logs and playback).")

    @field_validator("every")
    @classmethod
    def _check_every(cls, v: str | None) -> str | None:
        if v is None:
            return v
        parse_every(v)
        return v

    @field_validator("at")
    @classmethod
    def _check_at(cls, v: str | None) -> str | None:
        if v is None:
            return v
        parse_at(v)
        return v

    @model_validator(mode="after")
    def _one_trigger(self) -> _Step:
        kinds = [
            name
            for name, present in (
                ("on", self.on is not None),
                ("every", self.every is not None),
                ("day", self.day is not None),
            )
            if present
        ]
        if not kinds and self.at is None:
            raise ValueError("a step needs a trigger: on, every, day or at")
        if len(kinds) > 1:
            raise ValueError(f"a step has one trigger, this one has {' and '.join(kinds)}")
        if self.on is not None and self.at is not None:
            raise ValueError("an event step (on:) fires when the event happens; use after: for a delay, not at:")
        if self.on == "member_count" and self.min is None:
            raise ValueError("on: member_count needs min: N (fires when the group reaches N members)")
        if self.on == "inactive" and self.idle is None:
            raise ValueError("on: inactive needs idle: a duration such as 3d")
        if self.anchor == "member" and self.day is None:
            raise ValueError("from: member only applies to day: N steps")
        if self.on is None and self.after is not None:
            raise ValueError("after: is a delay following an event; give on: as well")
        if self.min_size is not None and self.max_size is not None and self.min_size > self.max_size:
            raise ValueError(f"min_size ({self.min_size}) is above max_size ({self.max_size})")
        return self


def parse_every(value: str) -> tuple[str, Any]:
    """``("days", n)`` for ``day``/``2d``, or ``("weekdays", {0, 2})`` for ``mon,wed``."""
    v = value.strip().lower()
    if v in ("day", "daily", "1d"):
        return ("days", 1)
    if v.endswith("d") and v[:-1].isdigit() and int(v[:-1]) >= 1:
        return ("days", int(v[:-1]))
    parts = [p.strip() for p in v.split(",") if p.strip()]
    if parts and all(p in WEEKDAYS for p in parts):
        return ("weekdays", frozenset(WEEKDAYS.index(p) for p in parts))
    raise ValueError(
        f"every: expected 'day', 'Nd' (every N days) or weekdays like 'mon,wed,fri', got {value!r}"
    )


def parse_at(value: str) -> tuple[int | None, int]:
    """``(None, minute_of_day)`` for ``"HH:MM"``; ``(day, minute)`` for ``"YYYY-MM-DD HH:MM"``
    (the day is resolved against the scenario start by :meth:`Scenario.absolute_day`)."""
    from simgroup.scenario.times import parse_clock

    v = value.strip()
    if " " in v:
        date_part, clock = v.split(None, 1)
        try:
            date = _dt.date.fromisoformat(date_part)
        except ValueError as exc:
            raise ValueError(f"at: expected 'HH:MM' or 'YYYY-MM-DD HH:MM', got {value!r}") from exc
        return (date.toordinal(), parse_clock(clock))
    try:
        return (None, parse_clock(v))
    except ValueError as exc:
        raise ValueError(f"at: expected 'HH:MM' or 'YYYY-MM-DD HH:MM', got {value!r}") from exc


class Welcome(_Step):
    """welcome: greet new members (usually `on: member_join`); builds a little trust."""

    do: Literal["welcome"]


class Post(_Step):
    """post: a message of some kind (tips, story, product, testimonial, ad), optionally with an offer."""

    do: Literal["post"]
    kind: PostKind = Field("tips", description="tips, story, product, testimonial or ad: value vs annoyance differ.")
    product: Identifier | None = Field(None, description="Id of the product offered with the message.")
    discount: Annotated[float, Field(ge=0, lt=1)] = Field(0.0, description="Discount on the product, 0..1 (0.3 = 30 % off).")


class Announce(_Step):
    """announce: a group announcement (群公告); reaches muted members more often than a post."""

    do: Literal["announce"]
    product: Identifier | None = Field(None, description="Id of the product offered with the message.")
    discount: Annotated[float, Field(ge=0, lt=1)] = Field(0.0, description="Discount on the product, 0..1 (0.3 = 30 % off).")


class AtAll(_Step):
    """at_all: an @all message; pierces mute, annoys more, especially at night."""

    do: Literal["at_all"]
    product: Identifier | None = Field(None, description="Id of the product offered with the message.")
    discount: Annotated[float, Field(ge=0, lt=1)] = Field(0.0, description="Discount on the product, 0..1 (0.3 = 30 % off).")


class Coupon(_Step):
    """coupon: a discount on a product for a while; coupon hunters love it."""

    do: Literal["coupon"]
    product: Identifier = Field(description="Id of the product the coupon applies to.")
    discount: Annotated[float, Field(gt=0, lt=1)] = Field(0.3, description="Discount, 0..1 (0.3 = 30 % off).")
    lasts: Duration = Field(1440.0, description="How long the coupon can be used.")
    stock: Annotated[int, Field(ge=1, le=MAX_STOCK)] | None = Field(None, description="Coupons available; unlimited when omitted.")


class RedPacket(_Step):
    """red_packet: a red packet (红包) split into shares grabbed by readers."""

    do: Literal["red_packet"]
    total: PositiveMoney = Field(description="Total amount of the red packet, CNY.")
    shares: Annotated[int, Field(ge=1, le=10_000, description="Number of shares (a share is at most 200 CNY).")]

    @model_validator(mode="after")
    def _share_cap(self) -> RedPacket:
        if self.total / self.shares > RED_PACKET_SHARE_MAX:
            raise ValueError(
                f"a red-packet share is at most {RED_PACKET_SHARE_MAX:g} CNY; "
                f"{self.total:g} over {self.shares} shares is {self.total / self.shares:g}"
            )
        return self


class FlashSale(_Step):
    """flash_sale: a time-limited discounted sale, optionally with limited stock."""

    do: Literal["flash_sale"]
    product: Identifier = Field(description="Id of the product on sale.")
    discount: Annotated[float, Field(ge=0, lt=1)] = Field(0.3, description="Discount, 0..1 (0.3 = 30 % off).")
    stock: Annotated[int, Field(ge=1, le=MAX_STOCK)] | None = Field(None, description="Units on sale; unlimited when omitted.")
    lasts: Duration = Field(120.0, description="How long the sale runs.")


class Livestream(_Step):
    """livestream: a live stream announced in the group, optionally selling a product."""

    do: Literal["livestream"]
    product: Identifier | None = Field(None, description="Id of the product sold during the livestream.")
    discount: Annotated[float, Field(ge=0, lt=1)] = Field(0.0, description="Discount on the product, 0..1 (0.3 = 30 % off).")
    lasts: Duration = Field(90.0, description="Length of the livestream.")


class Checkin(_Step):
    """checkin: a daily check-in campaign (打卡) with reward tiers."""

    do: Literal["checkin"]
    mode: Literal["streak", "total"] = Field(
        "streak", description="Reward tiers count check-ins in a row (streak) or in total."
    )
    lasts: Duration = Field(21 * MINUTES_PER_DAY, description="Length of the check-in camp.")
    tiers: list[RewardTier] = Field(default_factory=list, description="Reward tiers, e.g. [{days: 7, reward: 5}].")
    check_at: Clock = Field(7 * 60, description="Daily check-in time 'HH:MM'.")


class Lottery(_Step):
    """lottery: a prize draw among the readers."""

    do: Literal["lottery"]
    winners: Annotated[int, Field(ge=1, le=MAX_GROUP_MEMBERS)] = Field(1, description="Number of winners drawn among readers.")
    prize: Money = Field(0.0, description="Prize per winner, CNY.")


class Fission(_Step):
    """fission: an invite-friends campaign (裂变) with a reward per invitation."""

    do: Literal["fission"]
    offspring: Annotated[float, Field(ge=0, le=20, allow_inf_nan=False)] = Field(
        0.5, description="Mean friends each participant brings (the branching process's mean offspring)."
    )
    participation: Share | None = Field(
        None, description="Share of readers who take part; the `model.fission` preset when omitted."
    )
    reward: Money = Field(0.0, description="Reward per successful invitation, CNY.")
    lasts: Duration = Field(3 * MINUTES_PER_DAY, description="How long the campaign runs.")
    new_friends_only: StrictBool = Field(True, description="Invitations of people already in a group do not count.")
    void_if_inviter_leaves: StrictBool = Field(True, description="An invitation is void if the inviter leaves.")


class Tag(_Step):
    """tag: give members a tag, for later filters and selections."""

    do: Literal["tag"]
    name: Identifier = Field(description="The tag to give (used by `tag:` filters and selections).")
    select: Select | None = Field(None, description="Which members get the tag; the step's targets when omitted.")


class Kick(_Step):
    """kick: remove members from the group."""

    do: Literal["kick"]
    select: Select | None = Field(None, description="Which members are removed; the step's targets when omitted.")


class Migrate(_Step):
    """migrate: move selected members (the seeds) into another group spec."""

    do: Literal["migrate"]
    to: Identifier = Field(description="Id of the group spec the members move to.")
    select: Select = Field(
        default_factory=lambda: Select(top_active=0.1),
        description="Which members move; the 10 % most active when omitted.",
    )


class CreateGroup(_Step):
    """create_group: open a new group of a spec."""

    do: Literal["create_group"]
    to: Identifier | None = Field(None, description="Id of the group spec to create; this group's spec when omitted.")


class Dissolve(_Step):
    """dissolve: end the group."""

    do: Literal["dissolve"]


SopStep = Annotated[
    Welcome | Post | Announce | AtAll | Coupon | RedPacket | FlashSale | Livestream | Checkin | Lottery | Fission | Tag | Kick | Migrate | CreateGroup | Dissolve,
    Field(discriminator="do"),
]


# --------------------------------------------------------------------------- expectations


class Expectation(_Model):
    """An outcome guarded by ``simgroup check`` (pass rules: docs/check.md). A bound passes when
    the mean over the replications satisfies it (``by: mean``) or when the whole confidence
    interval does (``by: ci``); ``better_than`` passes when the paired difference against the
    other scenario, run at the same seeds, is significant in the better direction, and, with
    ``robust``, when this scenario is also better in at least that share of parameter worlds."""

    kpi: str = Field(description="KPI name, e.g. retention_12h, conversion, profit.")
    group: Identifier | None = Field(None, description="Group spec id; the whole scenario when omitted.")
    between: tuple[float, float] | None = Field(None, description="[low, high]: the KPI must lie in this band.")
    at_least: float | None = Field(None, description="The KPI must be at least this.")
    at_most: float | None = Field(None, description="The KPI must be at most this.")
    better_than: str | None = Field(
        None,
        description="Another scenario file (relative to this file's directory) the KPI must beat: both run at "
        "this scenario's seed, replications and days, and the paired difference's confidence interval must "
        "exclude 0 in the better direction.",
    )
    better: Literal["higher", "lower"] | None = Field(
        None,
        description="For better_than: which direction is better. Default: the KPI's own, lower for costs, "
        "cac, labor_hours, left, tasks_skipped and the mute and fold shares, higher for the rest; "
        "groups_created and tasks_sent have none and need it.",
    )
    by: Literal["mean", "ci"] = Field(
        "mean", description="Check the mean, or require the whole confidence interval (see confidence) to pass."
    )
    # Bounded away from 0.5 and 1: below 0.5 the "interval" is narrower than a standard error,
    # and 1 would be an infinite interval.
    confidence: Annotated[float, Field(gt=0.5, lt=1.0)] = Field(
        0.95, description="Confidence level of the interval used by `by: ci` and by better_than."
    )
    robust: float | None = Field(
        None,
        description="For better_than: the share of parameter worlds (model uncertainty, docs/uncertainty.md) in "
        "which this scenario must be better, in (0, 1]; 0.8 = in at least 80 % of the worlds drawn from the "
        "uncertain parameters of both scenarios.",
    )
    worlds: int | None = Field(
        None, description=f"For robust: how many parameter worlds to draw (default {DEFAULT_WORLDS}, at most "
        f"{MAX_WORLDS}; a power of 2 keeps the draws balanced)."
    )

    @field_validator("robust")
    @classmethod
    def _robust_share(cls, v: float | None) -> float | None:
        if v is not None and not (0.0 < v <= 1.0):  # NaN fails too
            raise ValueError(f"expected a share of worlds in (0, 1], e.g. 0.8 for 80 % of the worlds; got {v}")
        return v

    @field_validator("worlds")
    @classmethod
    def _worlds_count(cls, v: int | None) -> int | None:
        if v is not None and not (2 <= v <= MAX_WORLDS):
            raise ValueError(f"expected a number of worlds from 2 to {MAX_WORLDS} (e.g. {DEFAULT_WORLDS}); got {v}")
        return v

    @model_validator(mode="after")
    def _one_bound(self) -> Expectation:
        given = [k for k in ("between", "at_least", "at_most", "better_than") if getattr(self, k) is not None]
        if not given:
            raise ValueError("an expectation needs between, at_least, at_most or better_than")
        if self.between is not None and self.between[0] > self.between[1]:
            raise ValueError(f"between: the lower bound {self.between[0]} is above the upper {self.between[1]}")
        if self.better is not None and self.better_than is None:
            raise ValueError("better: only applies to better_than (which scenario to beat)")
        if self.robust is not None and self.better_than is None:
            raise ReferenceProblem(("robust",), "", "", set(), "robust: only applies to better_than (the scenario "
                                   "to beat in that share of worlds); add better_than: FILE or remove robust")
        if self.worlds is not None and self.robust is None:
            raise ReferenceProblem(("worlds",), "", "", set(), "worlds: only applies to robust (add robust: 0.8, "
                                   "say, or remove worlds)")
        return self


# --------------------------------------------------------------------------- the scenario


class Scenario(_Model):
    """One scenario file."""

    simgroup: Literal[1] = Field(description="Schema version of the scenario language; write 1.")
    name: str = Field(min_length=1, description="Title shown in reports and the TUI.")
    description: str = Field("", description="Free text: what the scenario tests.")
    days: Annotated[int, Field(ge=1, le=MAX_DAYS, description="Simulated days.")]
    seed: Annotated[int, Field(ge=0, lt=2**63)] = Field(
        0, description="Random seed; the same seed gives the same result on any machine."
    )
    replications: Annotated[int, Field(ge=1, le=MAX_REPLICATIONS)] = Field(
        20, description="Independent runs averaged into means and confidence intervals."
    )
    start: _dt.date = Field(_dt.date(2026, 1, 5), description="Calendar date of day 0 (sets weekdays).")
    audience: Audience = Field(default_factory=lambda: Audience(regular=1.0), description="Default segment shares of joiners.")
    channels: list[Channel] = Field(default_factory=list, description="Acquisition channels (引流).")
    operators: Operators = Field(default_factory=Operators, description="The people who send SOP tasks.")
    products: list[Product] = Field(default_factory=list, description="What the groups sell.")
    groups: Annotated[
        list[GroupSpec],
        Field(min_length=1, max_length=MAX_GROUP_SPECS, description="Group specs: kinds of groups and their SOP."),
    ]
    sops: dict[Identifier, list[SopStep]] = Field(
        default_factory=dict, description="Named SOPs: each a list of steps (a trigger plus `do:` an action)."
    )
    expect: list[Expectation] = Field(default_factory=list, description="Outcomes checked by `simgroup check`.")
    model: ModelParams = Field(
        default_factory=lambda: ModelParams.model_validate({}),
        description="Overrides of the behavioural parameters (presets); give only the values to change.",
    )

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        # Collect every problem (not just the first) so that one validation run reports them all.
        problems: list[ReferenceProblem] = []
        problems += _check_unique("channels", [c.id for c in self.channels])
        problems += _check_unique("products", [p.id for p in self.products])
        problems += _check_unique("groups", [g.id for g in self.groups])
        channels = {c.id for c in self.channels}
        products = {p.id for p in self.products}
        groups = {g.id for g in self.groups}
        for ci, c in enumerate(self.channels):
            if c.start_day >= self.days:
                problems.append(ReferenceProblem(
                    ("channels", ci, "start_day"), "day", str(c.start_day), set(),
                    message=f"start_day {c.start_day} is beyond the scenario's {self.days} days: the channel never runs",
                ))
        too_big = member_limit_problem(self, self.days)
        if too_big is not None:
            problems.append(ReferenceProblem(
                ("channels",) if self.channels else ("groups",), "size", str(expected_members(self, self.days)),
                set(), message=too_big,
            ))
        for gi, g in enumerate(self.groups):
            for ci, channel_id in enumerate(g.channels):
                if channel_id not in channels:
                    problems.append(ReferenceProblem(("groups", gi, "channels", ci), "channel", channel_id, channels))
            if g.sop is not None and g.sop not in self.sops:
                problems.append(ReferenceProblem(("groups", gi, "sop"), "SOP", g.sop, set(self.sops)))
        for sop_id, steps in self.sops.items():
            for i, step in enumerate(steps):
                where = ("sops", sop_id, i)
                product = getattr(step, "product", None)
                if product is not None and product not in products:
                    problems.append(ReferenceProblem((*where, "product"), "product", product, products))
                target = getattr(step, "to", None)
                if target is not None and target not in groups:
                    problems.append(ReferenceProblem((*where, "to"), "group", target, groups))
                for k, d in enumerate(_days_of(step)):
                    if d >= self.days:
                        day_path = (*where, "day", k) if isinstance(step.day, list) else (*where, "day")
                        problems.append(ReferenceProblem(
                            day_path, "day", str(d), set(),
                            message=f"day {d} is beyond the scenario's {self.days} days (days are 0..{self.days - 1})",
                        ))
                if step.at is not None:
                    absolute, _ = parse_at(step.at)
                    if absolute is not None:
                        day = absolute - self.start.toordinal()
                        if not 0 <= day < self.days:
                            problems.append(ReferenceProblem(
                                (*where, "at"), "date", step.at, set(),
                                message=f"{step.at!r} is outside the simulated {self.days} days from {self.start}",
                            ))
        for i, e in enumerate(self.expect):
            if e.kpi not in KPI_NAMES:
                # With a close match the diagnostic's "did you mean" says enough; without one,
                # list the names (the KPI table of the data contract).
                message = (
                    f"unknown KPI {e.kpi!r}"
                    if did_you_mean(e.kpi, KPI_NAMES) is not None
                    else f"unknown KPI {e.kpi!r} (KPIs: {', '.join(KPI_NAMES)})"
                )
                problems.append(ReferenceProblem(("expect", i, "kpi"), "KPI", e.kpi, set(KPI_NAMES), message=message))
            if e.group is not None and e.group not in groups:
                problems.append(ReferenceProblem(("expect", i, "group"), "group", e.group, groups))
        for problem in held_and_narrowed(self.model):
            problem.path = ("model", *problem.path)
            problems.append(problem)
        raise_all(problems)
        return self

    def params(self) -> ModelParams:
        """Behavioural parameters: the presets with this scenario's ``model:`` overrides."""
        return self.model

    def absolute_day(self, ordinal: int) -> int:
        return ordinal - self.start.toordinal()

    def group(self, group_id: str) -> GroupSpec:
        for g in self.groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)


def expected_members(scenario: Scenario, days: int) -> float:
    """Joiners one replication expects over ``days`` (channels and initial members, before fission)."""
    total = 0.0
    fed = {c for g in scenario.groups for c in g.channels}
    for c in scenario.channels:
        if c.id not in fed:
            continue
        last = min(c.end_day if c.end_day is not None else days - 1, days - 1)
        total += c.per_day * c.add_rate * max(0, last - c.start_day + 1)
    total += sum(g.initial_members * g.initial_groups for g in scenario.groups)
    return total


def member_limit_problem(scenario: Scenario, days: int) -> str | None:
    """Why one replication of ``scenario`` over ``days`` would be too big to simulate (its
    :func:`expected_members` above :data:`MAX_EXPECTED_MEMBERS`), or ``None`` when it is not.
    Validation checks the scenario's own ``days``; a run that overrides them checks again."""
    expected = expected_members(scenario, days)
    if expected <= MAX_EXPECTED_MEMBERS:
        return None
    return (
        f"the scenario expects about {expected:,.0f} members per replication; the limit is "
        f"{MAX_EXPECTED_MEMBERS:,} (lower per_day, add_rate, days or initial members)"
    )


def _days_of(step: SopStep) -> list[int]:
    if step.day is None:
        return []
    return list(step.day) if isinstance(step.day, list) else [step.day]


def _check_unique(section: str, ids: list[str]) -> list[ReferenceProblem]:
    seen: set[str] = set()
    problems: list[ReferenceProblem] = []
    for i, x in enumerate(ids):
        if x in seen:
            problems.append(
                ReferenceProblem((section, i, "id"), "id", x, set(), message=f"id {x!r} is used twice in {section}")
            )
        seen.add(x)
    return problems


def display_name(item: Channel | Product | GroupSpec) -> str:
    """What a person reads for ``item``: its ``name:`` when given, else its id."""
    return item.name or item.id
