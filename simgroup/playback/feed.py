"""Turn a chat's engine events into chat-feed lines (docs/tui.md Playback).

Contract: :class:`Composer` is fed the followed chat's events in time order
(:meth:`Composer.lines`) and returns zero or more :class:`FeedLine` per event: join and leave
notices with their scene, operator posts with the SOP step's ``text`` (or a template by action,
kind and product), member chatter from templates by segment and context (what the operator did
last, a fresh joiner, night), orders, red packets grabbed, check-ins, SOP tasks the operator did
not send, and the god-view lines (mute, fold), flagged ``god``. Words are chosen by a stable hash
of the event, so the same events give the same feed. Leaves caused by a dissolve are folded into
the dissolve notice. No Textual, no engine state: only the scenario and the events.
"""

from __future__ import annotations

import copy
import datetime as _dt
from dataclasses import dataclass
from typing import Any

from simgroup.playback.templates import OPERATOR, member_name, pick
from simgroup.scenario.models import Scenario, SopStep, display_name
from simgroup.scenario.times import MINUTES_PER_DAY

CONTEXT_MINUTES = 90.0  # an operator post colours the chatter for this long
NEW_MINUTES = 60.0  # a joiner counts as new for this long
MAX_BURST_LINES = 3  # a burst of n messages shows at most this many lines
GRAB_LINES = 5  # red-packet grabbers named one by one; the rest in one line
_WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日")}
_OFFER_ACTIONS = {"coupon", "flash_sale", "livestream"}
_VALUE_KINDS = {"tips", "story", "testimonial"}


@dataclass(frozen=True)
class FeedLine:
    """One line of the chat feed. ``who`` is the speaker ('' for a notice)."""

    time: float
    kind: str  # system | join | leave | operator | chat | order | checkin | grab | mute | fold | task | whatif
    text: str
    who: str = ""
    member: int | None = None
    segment: str | None = None
    god: bool = False
    injected: bool = False
    action: str | None = None  # an operator line's SOP action


def time_of_day(t: float) -> str:
    """``20:15``: the time of day of simulated minute ``t``."""
    minute = int(t) % MINUTES_PER_DAY
    return f"{minute // 60:02d}:{minute % 60:02d}"


def clock_label(t: float, lang: str, start: _dt.date | None = None) -> str:
    """``day 2 Wed 20:15`` / ``第2天 周三 20:15`` for simulated minute ``t``."""
    day = int(t) // MINUTES_PER_DAY
    hhmm = time_of_day(t)
    weekday = "" if start is None else _WEEKDAYS.get(lang, _WEEKDAYS["en"])[(start.weekday() + day) % 7] + " "
    return f"第{day}天 {weekday}{hhmm}" if lang == "zh" else f"day {day} {weekday}{hhmm}"


def duration_label(minutes: float, lang: str) -> str:
    hours = minutes / 60.0
    if lang == "zh":
        return f"{hours:g}小时" if hours < 48 else f"{hours / 24:g}天"
    return f"{hours:g}h" if hours < 48 else f"{hours / 24:g} days"


class Composer:
    """Feed lines for one chat's events (see the module contract)."""

    def __init__(self, scenario: Scenario, lang: str = "en", *, seed: int = 0, replication: int = 0) -> None:
        self.scenario = scenario
        self.lang = lang
        self.salt = (seed, replication)
        self.products = {p.id: p for p in scenario.products}
        self.group_names = {g.id: display_name(g) for g in scenario.groups}
        self.operator = OPERATOR.get(lang, OPERATOR["en"])[scenario.operators.persona]
        self.live_code = {g.id: g.live_code.max_groups > 1 or g.live_code.auto_create for g in scenario.groups}
        self._step: SopStep | None = None  # the SOP step of the last task sent
        self._context: tuple[str, float] = ("generic", -1e9)
        self._joined: dict[int, float] = {}
        self._red_packet: Any = None

    def copy(self) -> Composer:
        """An independent copy that carries the conversation's context on (for a what-if)."""
        new = copy.copy(self)
        new._joined = dict(self._joined)
        return new

    def name(self, member: int) -> str:
        return member_name(self.lang, member)

    # ------------------------------------------------------------------ events to lines

    def lines(self, ev: dict[str, Any]) -> list[FeedLine]:
        handler = getattr(self, "_" + ev["event"], None)
        return handler(ev) if handler is not None else []

    def _say(self, ev: dict[str, Any], kind: str, key: str, *, god: bool = False, **fields: Any) -> FeedLine:
        member = ev.get("member")
        if member is not None:
            fields.setdefault("name", self.name(member))
        text = pick(self.lang, key, *self.salt, ev["time"], member, **fields)
        return FeedLine(ev["time"], kind, text, "", member, ev.get("segment"), god, bool(ev.get("injected")))

    def _create_chat(self, ev: dict[str, Any]) -> list[FeedLine]:
        spec, _, ordinal = ev["chat_id"].rpartition("-")
        shown = self.group_names.get(spec, spec)
        return [self._say(ev, "system", "create_chat", chat=ev["chat_id"] if shown == spec else f"{shown} {ordinal}")]

    def _dismiss(self, ev: dict[str, Any]) -> list[FeedLine]:
        return [self._say(ev, "system", "dismiss")]

    def _group_died(self, ev: dict[str, Any]) -> list[FeedLine]:
        return [self._say(ev, "system", "group_died")]

    def _add_member(self, ev: dict[str, Any]) -> list[FeedLine]:
        scene = ev.get("join_scene", "qr")
        if scene == "qr" and self.live_code.get(ev["chat_id"].rpartition("-")[0], False):
            scene = "live_code"
        self._joined[ev["member"]] = ev["time"]
        return [self._say(ev, "join", f"join.{scene}")]

    def _del_member(self, ev: dict[str, Any]) -> list[FeedLine]:
        self._joined.pop(ev["member"], None)
        scene = ev.get("quit_scene", "self")
        if scene == "dissolved":
            return []
        return [self._say(ev, "leave", f"leave.{scene}")]

    def _mute(self, ev: dict[str, Any]) -> list[FeedLine]:
        return [self._say(ev, "mute", "mute", god=True)]

    def _fold(self, ev: dict[str, Any]) -> list[FeedLine]:
        return [self._say(ev, "fold", "fold", god=True)]

    def _order(self, ev: dict[str, Any]) -> list[FeedLine]:
        product = self.products.get(ev.get("product", ""))
        shown = display_name(product) if product else ev.get("product", "?")
        return [self._say(ev, "order", "order", product=shown, paid=f"{ev.get('price', 0.0):.2f}")]

    def _checkin(self, ev: dict[str, Any]) -> list[FeedLine]:
        return [self._say(ev, "checkin", "checkin", streak=ev.get("streak", 1))]

    def _red_packet_grab(self, ev: dict[str, Any]) -> list[FeedLine]:
        rank, of = int(ev.get("rank", 0)), int(ev.get("of", 1))
        if rank > GRAB_LINES:
            return []
        if rank == GRAB_LINES:
            return [self._say(ev, "grab", "grab_more", more=of - GRAB_LINES, of=of)]
        step = self._red_packet
        amount = step.total / step.shares if step is not None else 0.0
        return [self._say(ev, "grab", "grab", amount=f"{amount:.2f}")]

    def _sop_task(self, ev: dict[str, Any]) -> list[FeedLine]:
        self._step = self._resolve(ev.get("step", ""))
        if ev.get("status") == "sent":
            return []
        return [self._say(ev, "task", "task_skipped", step=ev.get("step", "?"), action=ev.get("action", "?"))]

    def _resolve(self, label: str) -> SopStep | None:
        sop, _, index = label.rpartition(".")
        steps = self.scenario.sops.get(sop, [])
        return steps[int(index)] if index.isdigit() and int(index) < len(steps) else None

    def _post(self, ev: dict[str, Any], step: SopStep | None = None) -> list[FeedLine]:
        action, kind = ev.get("action", "post"), ev.get("kind")
        if step is None:
            step = ev.get("step_model") or (self._step if getattr(self._step, "do", None) == action else None)
        self._step = None
        if action == "red_packet":
            self._red_packet = step
        if action != "welcome":
            self._context = (self._context_of(action, kind, step), ev["time"])
        text = ev.get("text") or self._post_text(ev, action, kind, step)
        return [FeedLine(ev["time"], "operator", text, self.operator, None, None, action == "tag",
                         bool(ev.get("injected")), action)]

    def _post_text(self, ev: dict[str, Any], action: str, kind: str | None, step: SopStep | None) -> str:
        key = f"op.{action}.{kind}" if action == "post" and kind else f"op.{action}"
        product = self.products.get(getattr(step, "product", None) or "")
        discount = float(getattr(step, "discount", 0.0) or 0.0)
        stock = getattr(step, "stock", None)
        fields = {
            "product": display_name(product) if product else "", "price": f"{product.price:g}" if product else "",
            "sale": f"{product.price * (1 - discount):.2f}" if product else "",
            "pct": f"{discount * 100:g}", "stock": stock if stock is not None else ("不限" if self.lang == "zh" else "unlimited"),
            "lasts": duration_label(float(getattr(step, "lasts", 0.0) or 0.0), self.lang),
            "total": f"{getattr(step, 'total', 0):g}", "shares": getattr(step, "shares", ""),
            "winners": getattr(step, "winners", ""), "reward": f"{getattr(step, 'reward', 0):g}",
        }
        return pick(self.lang, key, *self.salt, ev["time"], **fields)

    @staticmethod
    def _context_of(action: str, kind: str | None, step: SopStep | None) -> str:
        if action in _OFFER_ACTIONS or (action == "post" and kind in ("product", "ad")):
            return "offer"
        if action in ("red_packet", "lottery"):
            return "red_packet"
        if action in ("at_all", "announce"):
            return "offer" if getattr(step, "product", None) else "at_all"
        if action == "post" and kind in _VALUE_KINDS:
            return "value"
        return "generic"

    def _message(self, ev: dict[str, Any]) -> list[FeedLine]:
        member, t = ev["member"], ev["time"]
        segment = ev.get("segment", "regular")
        context = self.chat_context(member, t)
        who = self.name(member)
        key = f"chat.{context}.{segment}"
        texts = [pick(self.lang, key, *self.salt, t, member, i) for i in range(min(int(ev.get("count", 1)), MAX_BURST_LINES))]
        texts = list(dict.fromkeys(texts))  # a burst never repeats itself word for word
        return [FeedLine(t, "chat", text, who, member, segment, False, bool(ev.get("injected"))) for text in texts]

    def chat_context(self, member: int, t: float) -> str:
        """What a member's message is about at ``t``: the last operator post, being new, night."""
        context, since = self._context
        if context != "generic" and t - since <= CONTEXT_MINUTES:
            return context
        joined = self._joined.get(member)
        if joined is not None and t - joined <= NEW_MINUTES:
            return "new"
        hour = (t % MINUTES_PER_DAY) // 60
        return "night" if hour >= 22 or hour < 7 else "generic"
