"""The background tick's passes over the rows in a few compiled calls (docs/model.md, §3).

A small group's tick is ~400 rows, whose arithmetic costs less than the interpreter's work around
it: each numpy call, slice and kernel dispatch costs about a microsecond, and the tick made ~60 of
them. So the tick's passes run in four calls, each a sequence of the compiled loops in
:mod:`simgroup.engine.exits`, :mod:`simgroup.engine.chatter_kernels` and
:mod:`simgroup.engine.tick_kernels`:

- :func:`exit_pass`: the first-tick rows' leave and mute / fold hazards (their partial
  exposure and early spikes), every row's leave hazard with the clearing of quiet groups, the
  leave clocks run down and the fired ones placed in the tick; the same for the mute / fold
  clocks of those who do not leave; the members' talk rates;
- :func:`chatter_pass`: the group factors, the chat hazards and clocks, when in the tick the
  speakers' clocks fired, and the join notices of the newcomers;
- :func:`book_pass`: the speakers booked after their random draws (uniforms the caller draws
  with numpy, in the stream's order, which
  :func:`simgroup.engine.chatter_kernels.turn_draws` turns into bursts and turns: a numba
  kernel handed a ``Generator`` costs ~6 µs a call to unbox it, more than the draws);
- the fades after the leavers have gone (:func:`simgroup.engine.tick_kernels.fade`).

Every operation is the one the numpy code made, float32 or float64 alike and in the same order,
so the results were the same to the bit as the code the passes replaced; since then the trust
factors use :func:`simgroup.engine.fast_exp.exp32` instead of numpy's float32 ``exp`` (within
one unit in the last place of it, at half the cost).
"""

from __future__ import annotations

import numpy as np

from simgroup.engine.chatter_kernels import book_speakers, chat_clocks, join_noise, talk_rates
from simgroup.engine.exits import leave_clock, switch_clock
from simgroup.engine.fast_exp import exp32
from simgroup.engine.jit import kernel
from simgroup.engine.tick_kernels import fire_times


@kernel
def first_tick_exits(dt_h: float, t: float, k: int, expo_new: np.ndarray, x_leave_new: np.ndarray,
                     x_mute_new: np.ndarray, annoy: np.ndarray, f_leave: np.ndarray, f_mute: np.ndarray,
                     k_leave: np.ndarray, k_pleave: np.ndarray, inv_tol_leave: np.ndarray, k_benefit: np.ndarray,
                     benefit_from: np.ndarray, benefit_until: np.ndarray, k_sw: np.ndarray, k_psw: np.ndarray,
                     inv_tol_mute: np.ndarray, young: np.ndarray, h_leave: np.ndarray, h_mute: np.ndarray) -> None:
    """The exit hazards of the rows from ``k`` on, in their first tick, into ``h_leave`` and
    ``h_mute`` (their rows from ``k`` on), and the share of the tick each lived into ``young``::

        young  = float32(expo / dt_h)
        over_l = max(annoy × inv_tol_leave − 1, 0);   over_m = max(annoy × inv_tol_mute − 1, 0)
        h_leave = (float32(k_leave × x_leave) + over_l × k_pleave × dt_h × young) × f_leave
                + k_benefit × [benefit_from < t < benefit_until] × young
        h_mute  = float32((over_m × k_psw + k_sw) × x_mute) × f_mute

    (``expo`` the hours since joining, ``x_leave`` / ``x_mute`` the exposures with the early
    spikes integrated over them, float64 from :meth:`simgroup.engine.hazards.Hazards.first_tick`;
    ``f_leave`` / ``f_mute`` the trust factors.)"""
    one = np.float32(1.0)
    zero = np.float32(0.0)
    dt = np.float32(dt_h)
    for j in range(expo_new.size):
        i = k + j
        y = np.float32(expo_new[j] / dt_h)
        young[j] = y
        hy = np.float32(np.float64(k_leave[i]) * x_leave_new[j])
        xy = max(annoy[i] * inv_tol_leave[i] - one, zero)
        xy = ((xy * k_pleave[i]) * dt) * y
        hy = (hy + xy) * f_leave[i]
        benefit = one if benefit_until[i] > t and benefit_from[i] < t else zero
        h_leave[i] = hy + (k_benefit[i] * benefit) * y
        xm = max(annoy[i] * inv_tol_mute[i] - one, zero)
        xm = xm * k_psw[i] + k_sw[i]
        h_mute[i] = np.float32(np.float64(xm) * x_mute_new[j]) * f_mute[i]


@kernel
def trust_factors(b_leave: np.float32, b_mute: np.float32, trust: np.ndarray, f_leave: np.ndarray,
                  f_mute: np.ndarray) -> None:
    """The trust factors of the exit hazards: value received and trust lower them (docs/model.md,
    "Trust")::

        f_leave = exp(−b_leave × trust);   f_mute = exp(−b_mute × trust)

    in float32 (the product rounded, then :func:`simgroup.engine.fast_exp.exp32`)."""
    for i in range(trust.size):
        f_leave[i] = exp32(-b_leave * trust[i])
        f_mute[i] = exp32(-b_mute * trust[i])


@kernel
def exit_pass(dt_h: float, t: float, k: int, expo_new: np.ndarray, x_leave_new: np.ndarray, x_mute_new: np.ndarray,
              annoy: np.ndarray, b_leave: np.float32, b_mute: np.float32, f_leave: np.ndarray, f_mute: np.ndarray,
              e_leave: np.ndarray, k_leave: np.ndarray,
              k_pleave: np.ndarray, inv_tol_leave: np.ndarray, k_benefit: np.ndarray, benefit_from: np.ndarray,
              benefit_until: np.ndarray, clear_per_tick: float, quiet: np.ndarray, offsets: np.ndarray,
              run_group: np.ndarray, run_len: np.ndarray, e_sw: np.ndarray, k_sw: np.ndarray, k_psw: np.ndarray,
              inv_tol_mute: np.ndarray, trust_talk_coef: float, trust: np.ndarray, k_talk: np.ndarray,
              e_nov: np.ndarray, young: np.ndarray, h_leave: np.ndarray, h_mute: np.ndarray, rem_leave: np.ndarray,
              rem_sw: np.ndarray, r0: np.ndarray, fired: np.ndarray, times: np.ndarray) -> tuple[int, int]:
    """One tick's exits and talk rates over the rows ``[lo, n)`` of the tick (local indices):

    0. the trust factors into the work arrays ``f_leave`` and ``f_mute``
       (:func:`trust_factors`);
    1. the first-tick rows' hazards (:func:`first_tick_exits`);
    2. the leave hazards of the other rows, the clearing of quiet groups and the leave clocks
       (:func:`simgroup.engine.exits.leave_clock`); the rows whose clock fired into
       ``fired[0]``, the minute each fired into ``times[0]`` (:func:`fire_times`);
    3. the same for the mute / fold clocks (:func:`simgroup.engine.exits.switch_clock`), of
       which those whose leave clock fired too are dropped (a leaver does not also mute), into
       ``fired[1]`` and ``times[1]``;
    4. the talk rates before the group factors into ``r0``
       (:func:`simgroup.engine.chatter_kernels.talk_rates`).

    ``expo_new`` and the first-tick exposures are empty when no row is in its first tick (then
    ``k`` is the number of rows). Returns how many rows leave and how many mute or fold."""
    trust_factors(b_leave, b_mute, trust, f_leave, f_mute)
    if expo_new.size:
        first_tick_exits(dt_h, t, k, expo_new, x_leave_new, x_mute_new, annoy, f_leave, f_mute, k_leave, k_pleave,
                         inv_tol_leave, k_benefit, benefit_from, benefit_until, k_sw, k_psw, inv_tol_mute, young,
                         h_leave, h_mute)
    leaving = fired[0]
    n_leave = leave_clock(dt_h, t, k, e_leave, k_leave, k_pleave, inv_tol_leave, annoy, f_leave, k_benefit,
                          benefit_from, benefit_until, clear_per_tick, quiet, offsets, run_group, run_len,
                          young, h_leave, rem_leave, leaving)
    fire_times(t, dt_h, leaving[:n_leave], rem_leave, h_leave, k, expo_new, times[0])
    switching = fired[1]
    n_sw = switch_clock(dt_h, k, e_sw, k_sw, k_psw, inv_tol_mute, annoy, f_mute, h_mute, rem_sw, switching)
    kept = 0
    zero = np.float32(0.0)
    for j in range(n_sw):
        i = switching[j]
        if rem_leave[i] > zero:
            switching[kept] = i
            kept += 1
    fire_times(t, dt_h, switching[:kept], rem_sw, h_mute, k, expo_new, times[1])
    talk_rates(trust_talk_coef, trust, k_talk, e_nov, r0)
    return n_leave, kept


@kernel
def chatter_pass(sums: np.ndarray, run_group: np.ndarray, offsets: np.ndarray, run_len: np.ndarray, tod: float,
                 t: float, dt_h: float, cap: float, half_sat: float, decay_interest: float, decay_hawkes: float,
                 floor: np.ndarray, hawkes: np.ndarray, interest: np.ndarray, lam0: np.ndarray, excite: np.ndarray,
                 topic: np.ndarray, per_group: np.ndarray, r0: np.ndarray, k: int, expo_new: np.ndarray,
                 young: np.ndarray, h: np.ndarray, rem: np.ndarray, speak: np.ndarray, speak_t: np.ndarray,
                 rem_speak: np.ndarray, group_new: np.ndarray, scene_new: np.ndarray, initial: int,
                 join_weight: float, noise: np.ndarray) -> int:
    """The tick's chatter up to the speakers' draws:

    1. the group factors, each row's chat hazard and the chat clocks
       (:func:`simgroup.engine.chatter_kernels.chat_clocks`); the rows whose clock fired into
       ``speak``, the minute each fired into ``speak_t`` (:func:`fire_times`), what is left of
       their clock (≤ 0) into ``rem_speak``;
    2. the join notices of the first-tick rows per group into ``noise``
       (:func:`simgroup.engine.chatter_kernels.join_noise`; 0 when no row is in its first tick).

    Returns how many speak."""
    count = chat_clocks(sums, run_group, offsets, run_len, tod, dt_h, cap, half_sat, decay_interest, decay_hawkes,
                        floor, hawkes, interest, lam0, excite, topic, per_group, r0, k, young, h, rem, speak)
    fire_times(t, dt_h, speak[:count], rem, h, k, expo_new, speak_t)
    for j in range(count):
        rem_speak[j] = rem[speak[j]]
    if group_new.size:
        join_noise(group_new, scene_new, initial, join_weight, noise)
    else:
        for g in range(noise.size):
            noise[g] = 0.0
    return count


@kernel
def book_pass(rows: np.ndarray, more: np.ndarray, burst: np.ndarray, several: np.ndarray, extra: np.ndarray,
              clocks: np.ndarray, group: np.ndarray, rem_chat: np.ndarray, messages: np.ndarray, spoke_day: np.ndarray,
              day: int, msg_day: np.ndarray, msg_day_value: int, msgs: np.ndarray, g_speak: np.ndarray,
              work: np.ndarray, spec: np.ndarray, msg_total: np.ndarray, alpha_per_tau: float, hawkes: np.ndarray,
              chatter_weight: float, noise: np.ndarray) -> None:
    """The speakers booked after their draws (:func:`simgroup.engine.chatter_kernels.book_speakers`;
    ``work`` holds the per-group message and turn counts, zeroed here)."""
    msgs_g = work[0]
    turns_g = work[1]
    for g in range(msgs_g.size):
        msgs_g[g] = 0.0
        turns_g[g] = 0.0
    book_speakers(rows, more, burst, several, extra, clocks, group, rem_chat, messages, spoke_day, day, msg_day,
                  msg_day_value, msgs, g_speak, msgs_g, turns_g, spec, msg_total, alpha_per_tau, hawkes,
                  chatter_weight, noise)
