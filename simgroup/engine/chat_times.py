"""Where a tick's messages fall inside it: the event log's timing of chatter (docs/model.md,
"Timing inside the tick").

The background tick decides *how many* speaker-turns and messages each member makes in the
interval ``(t - dt, t]``; this module only decides *when*, for the event log. It changes no count
and no KPI, and it draws from its own stream, so switching the log on or off leaves every other
draw of a replication where it was.

Contract
--------
:meth:`MessageClock.place` takes the tick's speakers (their group, the time their clock crossed,
their turns and messages) and each group's reply share, and returns one time per message, with
the index of the speaker who wrote it and its kind (:data:`MESSAGE_KINDS`):

* a speaker's first turn starts where their clock crossed; further turns of the same speaker in
  the tick start uniformly between that time and the tick's end (a Poisson process's further
  events, given the first);
* the speaker's messages are spread over their turns (one each, the rest uniformly at random);
* in each group, turns are taken in order of their start. A turn is a *reply* with the group's
  reply share (the self-excited share of its chat rate in the tick): it starts
  ``Exp(reply_delay_min)`` minutes after the group's latest message (also one from an earlier
  tick), provided that falls inside the tick; otherwise it keeps its own start;
* the messages of one turn follow each other ``Exp(burst_gap_s)`` seconds apart, and no message
  passes the tick's end.

So conversation shows as runs of messages minutes or seconds apart, separated by silences, as in
real chat (gap coefficient of variation well above the Poisson process's 1).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["MESSAGE_KINDS", "MessageClock", "PlacedMessages"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: What a message is in its conversation, by code: it opens a turn of its own, opens a reply
#: turn, or follows its speaker's previous message in the same turn.
MESSAGE_KINDS: tuple[str, str, str] = ("new", "reply", "burst")

PlacedMessages = tuple[IntArray, FloatArray, npt.NDArray[np.int8]]
"""Per message: the index of its speaker in the tick's speaker arrays, its time (minutes), and
its kind (an index into :data:`MESSAGE_KINDS`)."""


class MessageClock:
    """Timing of messages inside a tick, with the latest message time of each group carried
    from tick to tick."""

    def __init__(self, rng: np.random.Generator, reply_delay_min: float, burst_gap_s: float) -> None:
        self.rng = rng
        self.reply_delay = float(reply_delay_min)
        self.burst_gap = float(burst_gap_s) / 60.0
        self.latest: dict[int, float] = {}  # group -> time of its latest message so far

    def place(
        self,
        t: float,
        dt: float,
        groups: npt.ArrayLike,
        starts: npt.ArrayLike,
        turns: npt.ArrayLike,
        messages: npt.ArrayLike,
        reply_share: npt.ArrayLike,
    ) -> PlacedMessages:
        """Times of the messages of the tick ending at ``t`` (length ``dt`` minutes).

        ``groups``, ``starts``, ``turns`` and ``messages`` have one entry per speaker (their group,
        the time their clock crossed, their turns ≥ 1 and messages ≥ turns); ``reply_share`` has
        one entry per group of the world. The messages come in no particular order."""
        g = np.asarray(groups, dtype=np.int64)
        first = np.asarray(starts, dtype=np.float64)
        nt = np.asarray(turns, dtype=np.int64)
        nm = np.asarray(messages, dtype=np.int64)
        share = np.asarray(reply_share, dtype=np.float64)
        rng = self.rng
        if g.size == 0:
            return np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.int8)
        # turns: the first at the clock's crossing, the others uniform in what is left of the tick
        speaker = np.repeat(np.arange(g.size), nt)
        offsets = np.cumsum(nt) - nt
        turn_start = first[speaker] + rng.random(speaker.size) * (t - first[speaker])
        turn_start[offsets] = first
        # messages: one per turn, the rest of the speaker's messages on turns picked at random
        extra = nm - nt
        extra_speaker = np.repeat(np.arange(g.size), extra)
        pick = offsets[extra_speaker] + (rng.random(extra_speaker.size) * nt[extra_speaker]).astype(np.int64)
        per_turn = 1 + np.bincount(pick, minlength=speaker.size)
        turn_group = g[speaker]
        is_reply = rng.random(speaker.size) < share[turn_group]
        delay = rng.exponential(self.reply_delay, speaker.size)
        gaps = rng.exponential(self.burst_gap, int(per_turn.sum()))
        order = np.lexsort((turn_start, turn_group))
        out_speaker = np.empty(gaps.size, np.int64)
        out_time = np.empty(gaps.size)
        out_kind = np.full(gaps.size, 2, np.int8)
        tick_start = t - dt
        latest = self.latest
        placed: dict[int, list[float]] = {}  # group -> its messages placed so far in this tick
        pick_parent = rng.random(speaker.size)
        k = 0
        for j in order.tolist():
            group = int(turn_group[j])
            start = float(turn_start[j])
            last = latest.get(group)
            earlier = placed.setdefault(group, [] if last is None else [last])
            reply = False
            if is_reply[j] and earlier:
                cand = earlier[int(pick_parent[j] * len(earlier))] + float(delay[j])
                if tick_start < cand <= t:
                    start, reply = cand, True
            count = int(per_turn[j])
            times = start + np.cumsum(gaps[k: k + count]) - gaps[k]  # the first message at the start
            np.minimum(times, t, out=times)
            out_speaker[k: k + count] = speaker[j]
            out_time[k: k + count] = times
            out_kind[k] = 1 if reply else 0
            earlier.extend(times.tolist())
            latest[group] = max(last if last is not None else -np.inf, float(times[-1]))
            k += count
        return out_speaker, out_time, out_kind
