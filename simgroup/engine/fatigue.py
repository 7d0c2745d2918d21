"""Push fatigue: what operator messages do to a member's pressure, and the tolerance it meets.

Pressure (``Population.annoyance``) is measured in *ad-equivalent messages per week*: every
operator message a member notices adds its kind's weight (an ad is 1; tips and stories little;
@all, announcements and night messages more) times ``7 / memory_days``, and pressure decays with
mean life ``memory_days``. A group that sends ``r`` ad-equivalents a week therefore holds its
present members at a pressure of about ``r``, which is directly comparable with the survey
tolerances (Localytics 2017, n = 1,000: the share who would disable notifications at 1, 2-5 and
6-10 pushes a week; the share who would stop using the app). Each member draws a tolerance for
muting and one for leaving from log-normals fitted to those answers (one standard-normal draw for
both, so the impatient are impatient in both ways), scaled by segment and group type (people
tolerate more from a group they chose for its content).

What a member notices depends on their state: everything while present, a share while muted
(the red dot, the preview when scrolling past), little once folded; @all and announcements
pierce mute and fold as they do for reading. A newcomer starts at the pressure the group has been
sending (scrolling back through the history shows what the group is like), so a noisy group is
muted fast by its newcomers and a quiet one is not.

The hazards that use pressure live in :mod:`simgroup.engine.behaviour`: muting, folding and
leaving rise with the excess of pressure over the member's tolerance.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from simgroup.engine.posts import is_night
from simgroup.scenario.times import MINUTES_PER_DAY

if TYPE_CHECKING:
    from simgroup.engine.world import World

F32 = np.float32


class Fatigue:
    """Per-world constants of push fatigue and the operations that change pressure."""

    def __init__(self, w: World) -> None:
        self.w = w
        p = w.params
        f = p.fatigue
        r = p.reading
        self.memory = float(f.memory_days) * MINUTES_PER_DAY
        self.scale = 7.0 / float(f.memory_days)
        self.night_mult = float(r.night_annoyance_mult)
        self.notice_plain = np.array([1.0, r.notice_muted, r.notice_folded, 0.0], dtype=F32)
        self.notice_pierce = np.maximum(self.notice_plain, w.read_pierce.astype(F32))
        self.notice_all = np.ones(4, dtype=F32)
        self.mu_mute = float(np.log(f.tolerance_median))
        self.mu_leave = float(np.log(f.leave_tolerance_median))
        self.sigma_mute = float(f.tolerance_sigma)
        self.sigma_leave = float(f.leave_tolerance_sigma)
        self.seg_tol = np.log(w.segment_columns["tolerance_mult"])
        self.type_tol = np.log(w.type_columns["tolerance_mult"])

    def decay(self, minutes: float) -> float:
        """The factor by which pressure shrinks over ``minutes``."""
        return math.exp(-minutes / self.memory)  # a scalar: math, not a numpy call

    def draw_tolerances(self, rows: slice, rng: np.random.Generator) -> None:
        """The tolerance draw of new people (a standard normal, kept with the person)."""
        self.w.pop.tol_z[rows] = rng.standard_normal(rows.stop - rows.start)

    def set_tolerances(self, rows: slice) -> None:
        """Tolerances of ``rows`` in their group: the person's draw, scaled by segment and by
        the group's type (1 / tolerance is stored: the tick multiplies)."""
        pop = self.w.pop
        z = pop.tol_z[rows].astype(np.float64)
        shift = self.seg_tol[pop.segment[rows]] + self.type_tol[self.w.spec_type[pop.spec[rows]]]
        pop.inv_tol_mute[rows] = np.exp(-(self.mu_mute + shift + self.sigma_mute * z))
        pop.inv_tol_leave[rows] = np.exp(-(self.mu_leave + shift + self.sigma_leave * z))

    def group_pressure(self, g: int, t: float) -> float:
        """The pressure group ``g`` has been sending, as of ``t``."""
        groups = self.w.groups
        return float(groups.push[g]) * self.decay(t - float(groups.push_t[g]))

    # Member messages and join notices add to a group's pressure in the background tick
    # (chatter_kernels.add_push), next to the pressure they add to its members.

    def newcomers(self, g: int, rows: slice, t: float) -> None:
        """Newcomers start at the pressure the group has been sending."""
        self.w.pop.annoyance[rows] = F32(self.group_pressure(g, t))

    def message(self, g: int, t: float, weight: float, *, pierce: bool, private: bool) -> tuple[float, np.ndarray]:
        """An operator message of ``weight`` ad-equivalents to group ``g`` (or 1:1) at ``t``: the
        pressure it adds to a member who notices it in full, and the share noticed by state
        (the caller adds it to the members it reached). A group message also adds to the
        pressure the group has been sending."""
        if weight <= 0:
            return 0.0, self.notice_plain
        if is_night(t):
            weight *= self.night_mult
        added = weight * self.scale
        if private:  # a 1:1 message is not behind the group's mute or fold
            return added, self.notice_all
        groups = self.w.groups
        groups.push[g] = self.group_pressure(g, t) + added
        groups.push_t[g] = t
        return added, self.notice_pierce if pierce else self.notice_plain
