"""Trainer playback (docs/tui.md): one simulated group told as a live chat, with what-if actions.

The pieces, none of which imports Textual or rich:

* :mod:`simgroup.engine.session` — a steppable simulation narrowed to one chat, with injections;
* :mod:`simgroup.playback.feed` and :mod:`~simgroup.playback.templates` — events to chat lines
  (zh / en), deterministic in the event;
* :mod:`simgroup.playback.counters` — the side panel's counters, from the events;
* :mod:`simgroup.playback.whatif` — the live actions as SOP steps;
* :mod:`simgroup.playback.driver` — clock, speed, step, jump, fork: :class:`PlaybackDriver`.
"""

from __future__ import annotations

from simgroup.playback.driver import SPEEDS, Comparison, Frame, PlaybackDriver, PlaybackOptions
from simgroup.playback.feed import FeedLine
from simgroup.playback.whatif import ACTIONS

__all__ = ["ACTIONS", "SPEEDS", "Comparison", "FeedLine", "Frame", "PlaybackDriver", "PlaybackOptions"]
