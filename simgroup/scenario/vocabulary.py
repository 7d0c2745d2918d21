"""The closed vocabularies of the scenario language: segments, group types, personas, actions.

Kept in one place so the models, the presets, the engine and the docs agree on the spelling.
"""

from __future__ import annotations

from typing import Literal, get_args

Segment = Literal["regular", "coupon_hunter", "super_user"]
GroupType = Literal["traffic", "flash_sale", "content", "checkin"]
Persona = Literal["welfare_officer", "expert", "founder"]
ProductRole = Literal["lead", "bundle", "repeat", "profit"]
PostKind = Literal["tips", "story", "product", "testimonial", "ad"]
ActionKind = Literal[
    "welcome",
    "post",
    "announce",
    "at_all",
    "coupon",
    "red_packet",
    "flash_sale",
    "livestream",
    "checkin",
    "lottery",
    "fission",
    "tag",
    "kick",
    "migrate",
    "create_group",
    "dissolve",
]
EventName = Literal["member_join", "member_leave", "member_count", "purchase", "inactive"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

SEGMENTS: tuple[str, ...] = get_args(Segment)
GROUP_TYPES: tuple[str, ...] = get_args(GroupType)
PERSONAS: tuple[str, ...] = get_args(Persona)
POST_KINDS: tuple[str, ...] = get_args(PostKind)
ACTION_KINDS: tuple[str, ...] = get_args(ActionKind)
EVENT_NAMES: tuple[str, ...] = get_args(EventName)
WEEKDAYS: tuple[str, ...] = get_args(Weekday)

#: WeCom hard limits (docs/model.md "Platform limits").
GROUP_CAPACITY_MAX = 500
QR_JOIN_LIMIT = 200
LIVE_CODE_GROUPS_MAX = 5
RED_PACKET_SHARE_MAX = 200.0

#: Validation limits for a scenario (docs/scenario-reference.md: "Limits ... are validated with a message that says the limit").
MAX_DAYS = 365
MAX_REPLICATIONS = 10_000
MAX_INITIAL_MEMBERS = GROUP_CAPACITY_MAX
MAX_CHANNEL_PER_DAY = 1_000_000
MAX_GROUP_SPECS = 200
MAX_INITIAL_GROUPS = 1_000
#: Members one replication may expect (channels and initial members): memory and time grow with it
#: (about 1 KiB and a few microseconds per member-hour), so a typo like per_day: 1e6 is refused.
MAX_EXPECTED_MEMBERS = 2_000_000
#: Parameter worlds of a robust comparison (``compare --robust``, ``expect: robust:``) by default,
#: and at most (each world runs both variants): a power of two keeps the Sobol' draws balanced.
DEFAULT_WORLDS = 32
MAX_WORLDS = 4_096
