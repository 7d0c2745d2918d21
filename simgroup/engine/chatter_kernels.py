"""The chatter passes of the background tick, each one compiled loop (docs/model.md, "Chatter").

Rows of one group sit in runs of consecutive rows (:class:`simgroup.engine.groups.RowRuns`), so a
per-group value reaches its members run by run, with no ``np.repeat`` temporaries. The tick's few
speakers are booked in one loop after their random draws (the caller draws uniforms with numpy,
in the streams' order; :func:`turn_draws` turns them into Poisson bursts and turns) instead of a
dozen small numpy calls. The arithmetic is the arithmetic the
numpy code did, operation for operation and in the same order, so the results are the same to the
bit. The per-group sums of the talk rates stay with numpy (``np.add.reduceat``): its pairwise
order is vectorised, and a compiled loop adding in that order (to give the same bits) was slower.
"""

from __future__ import annotations

import math

import numpy as np

from simgroup.engine.jit import kernel
from simgroup.engine.tick_kernels import run_clock


@kernel
def talk_rates(trust_talk_coef: float, trust: np.ndarray, k_talk: np.ndarray, e_nov: np.ndarray,
               r0: np.ndarray) -> None:
    """Each row's talk rate before the group factors (hour of day, topic, excitation), into ``r0``::

        r0 = k_talk × (1 + trust_talk_coef × trust) × (1 + e_nov)

    (``k_talk`` holds the static talk rate, ``e_nov`` the newcomer's novelty boost.)"""
    one = np.float32(1.0)
    c = np.float32(trust_talk_coef)
    for i in range(r0.size):
        r0[i] = ((trust[i] * c + one) * k_talk[i]) * (e_nov[i] + one)


@kernel
def chat_hazard(per_group: np.ndarray, offsets: np.ndarray, run_group: np.ndarray, run_len: np.ndarray,
                r0: np.ndarray, k: int, young: np.ndarray, h: np.ndarray) -> None:
    """Each row's chat hazard over the tick, into ``h``::

        h = per_group[g] × r0  (× young for the rows from ``k`` on, in their first tick)

    (``per_group`` the float32 group factor: hour of day × tick × (topic + excitation);
    ``young`` the share of the tick a first-tick row lived.)"""
    for j in range(offsets.size):
        g = per_group[run_group[j]]
        a = np.uint64(offsets[j])  # unsigned: no negative-index wraparound, so the loop vectorises
        for i in range(a, a + np.uint64(run_len[j])):
            h[i] = g * r0[i]
    hy = h[k:]
    for i in range(young.size):
        hy[i] *= young[i]


#: the largest Poisson mean drawn by inversion: ``exp(-mean)`` is far from underflow, and a
#: search from 0 takes about ``mean`` steps; larger means (far outside any bundled scenario: a
#: tick's leftover hazard peaks at a few dozen turns) are left to numpy's sampler by the caller
INVERSION_MAX_MEAN = 500.0


@kernel
def poisson_by_inversion(u: float, mean: float) -> int:
    """A Poisson(``mean``) variate from one uniform ``u`` in [0, 1): the smallest ``k`` with
    ``u < P(X ≤ k)``, the CDF summed term by term (``p_k = p_(k-1) × mean / k``, ``p_0 =
    exp(-mean)``); exact up to the rounding of the sum. ``-1`` when ``mean`` exceeds
    :data:`INVERSION_MAX_MEAN` (the caller draws those otherwise); 0 for a mean ≤ 0."""
    if not mean > 0.0:
        return 0
    if mean > INVERSION_MAX_MEAN:
        return -1
    p = math.exp(-mean)
    cdf = p
    k = 0
    while u >= cdf:
        k += 1
        p *= mean / k
        cdf += p
        if p == 0.0 and k > mean:  # the rounded sum stopped short of u: the tail is exhausted
            break
    return k


@kernel
def turn_draws(rem: np.ndarray, seg: np.ndarray, burst_mean: np.ndarray, u: np.ndarray, burst: np.ndarray,
               more: np.ndarray, several: np.ndarray, extra: np.ndarray) -> int:
    """The speakers' first-turn bursts, further turns in the tick and the burst messages of those
    turns, each by :func:`poisson_by_inversion` of its own uniform (``u[0]``, ``u[1]``, ``u[2]``)::

        burst = Poisson(burst_mean[seg])                 (the first turn's further messages)
        more  = Poisson(max(−rem, 0))                    (the hazard left after the first turn)
        extra = Poisson(burst_mean[seg] × more)          (for the speakers with more > 0)

    The speakers with further turns go into ``several`` (in order), their burst messages into
    ``extra``; returns how many. A draw whose mean is too large for inversion is ``-1`` (in
    ``burst``, ``more`` — then its ``extra`` is ``-1`` too — or ``extra``), for the caller to draw."""
    count = 0
    for i in range(rem.size):
        mean = burst_mean[seg[i]]
        burst[i] = poisson_by_inversion(u[0, i], mean)
        m = poisson_by_inversion(u[1, i], -np.float64(rem[i]))
        more[i] = m
        if m != 0:
            several[count] = i
            extra[count] = poisson_by_inversion(u[2, i], mean * m) if m > 0 else -1
            count += 1
    return count


@kernel
def book_speakers(rows: np.ndarray, more: np.ndarray, burst: np.ndarray, several: np.ndarray, extra: np.ndarray,
                  clocks: np.ndarray, group: np.ndarray, rem_chat: np.ndarray, messages: np.ndarray,
                  spoke_day: np.ndarray, day: int, msg_day: np.ndarray, msg_day_value: int, msgs: np.ndarray,
                  g_speak: np.ndarray, msgs_g: np.ndarray, turns_g: np.ndarray, spec: np.ndarray,
                  msg_total: np.ndarray, alpha_per_tau: float, hawkes: np.ndarray, chatter_weight: float,
                  noise: np.ndarray) -> None:
    """The tick's speakers booked (the random draws were made by the caller)::

        turns = 1 + more;   msgs = turns + burst;   msgs[several] += extra
        rem_chat[rows] = clocks;   messages[rows] += msgs;   spoke_day[rows] = day
        g_speak = group[rows];     msg_day[g_speak] = msg_day_value
        msgs_g[g] += msgs,  turns_g[g] += turns   over the speakers of group g, in row order (float64)
        msg_total[spec[rows]] += msgs    (the ledger's day column; float64 whole numbers, exact in any order)
        hawkes += alpha_per_tau × turns_g              (every group, as the numpy line did)
        noise  += chatter_weight × msgs_g              (the noise members hear, after the join notices)

    (``more`` the further turns in the tick, ``burst`` the burst messages of the first turn,
    ``extra`` those of the further turns of the speakers ``several``; ``clocks`` the speakers' new
    chat clocks.)"""
    for i in range(rows.size):
        r = rows[i]
        turns = 1 + more[i]
        msgs[i] = turns + burst[i]
        g = group[r]
        g_speak[i] = g
        turns_g[g] += np.float64(turns)
        rem_chat[r] = clocks[i]
        spoke_day[r] = day
        msg_day[g] = msg_day_value
    for j in range(several.size):
        msgs[several[j]] += extra[j]
    for i in range(rows.size):
        messages[rows[i]] += msgs[i]
        msgs_g[g_speak[i]] += np.float64(msgs[i])
        msg_total[spec[rows[i]]] += np.float64(msgs[i])
    for g in range(hawkes.size):
        hawkes[g] += alpha_per_tau * turns_g[g]
        noise[g] += chatter_weight * msgs_g[g]


@kernel
def chat_clocks(sums: np.ndarray, run_group: np.ndarray, offsets: np.ndarray, run_len: np.ndarray, tod: float,
                dt_h: float, cap: float, half_sat: float, decay_interest: float, decay_hawkes: float,
                floor: np.ndarray, hawkes: np.ndarray, interest: np.ndarray, lam0: np.ndarray, excite: np.ndarray,
                topic: np.ndarray, per_group: np.ndarray, r0: np.ndarray, k: int, young: np.ndarray, h: np.ndarray,
                rem: np.ndarray, fired: np.ndarray) -> int:
    """The tick's group factors, each row's chat hazard and the chat clocks run down, in one call::

        lam0[g]   = Σ sums over the runs of g, in run order       (float64, as np.bincount adds)
        excite    = min(hawkes / max(tod × lam0, 1e-9), cap)
        topic     = floor + (1 − floor) × interest / (interest + half_sat)
        per_group = float32((tod × dt_h) × (topic + excite))
        interest ×= decay_interest;   hawkes ×= decay_hawkes       (after their use)
        h = per_group[g] × r0  (× young from row ``k`` on);   rem −= h;   fired = rows with rem <= 0

    (``sums`` the talk rates ``r0`` summed per run by numpy; ``floor`` the talk floor of each
    group's type.) Returns how many clocks fired. Each operation is the one the numpy code made,
    in the same order, so the results are the same to the bit."""
    ng = hawkes.size
    for g in range(ng):
        lam0[g] = 0.0
    for j in range(sums.size):
        lam0[run_group[j]] += sums[j]
    scale = tod * dt_h
    for g in range(ng):
        e = min(hawkes[g] / max(tod * lam0[g], 1e-9), cap)
        it = interest[g]
        tp = floor[g] + (1.0 - floor[g]) * it / (it + half_sat)
        excite[g] = e
        topic[g] = tp
        per_group[g] = np.float32(scale * (tp + e))
        interest[g] = it * decay_interest
        hawkes[g] = hawkes[g] * decay_hawkes
    chat_hazard(per_group, offsets, run_group, run_len, r0, k, young, h)
    return run_clock(h, rem, fired)


@kernel
def join_noise(group: np.ndarray, scene: np.ndarray, initial: int, join_weight: float, noise: np.ndarray) -> None:
    """The join notices of the rows in their first tick, per group, into ``noise`` (zeroed here)::

        noise[g] = join_weight × #{rows of g with scene != initial}

    (members pulled in together at a group's creation make no join notice; the count is a whole
    number, so it is the sum ``np.bincount`` made.)"""
    for g in range(noise.size):
        noise[g] = 0.0
    for i in range(group.size):
        if scene[i] != initial:
            noise[group[i]] += 1.0
    for g in range(noise.size):
        noise[g] = join_weight * noise[g]


@kernel
def hear_noise(noise: np.ndarray, offsets: np.ndarray, run_group: np.ndarray, run_len: np.ndarray,
               k_hear: np.ndarray, annoy: np.ndarray, t: float, memory: float, push_t: np.ndarray,
               busy: np.ndarray, fade_arg: np.ndarray) -> int:
    """The group noise each row hears added to its push pressure, and the groups that were noisy, ascending, into ``busy``, with the exponent of their push pressure's
    fade since its last update into ``fade_arg``::

        annoy += float32(noise[g]) × k_hear;   busy = groups with noise != 0
        fade_arg = −(t − push_t[busy]) / memory

    (``noise`` float64 per group, ad-equivalents of member messages and join notices; ``k_hear``
    the pressure per unit for a present member, 0 otherwise.) A quiet group's runs are skipped:
    adding 0 × k_hear leaves a pressure unchanged. Returns how many groups were noisy (the caller
    takes the exponential with numpy, whose vectorised ``exp`` the pressure has always used)."""
    count = 0
    for g in range(noise.size):
        if noise[g] != 0.0:
            busy[count] = g
            fade_arg[count] = -(t - push_t[g]) / memory
            count += 1
    zero = np.float32(0.0)
    for j in range(offsets.size):
        v = np.float32(noise[run_group[j]])
        if v == zero:
            continue
        a = np.uint64(offsets[j])  # unsigned: no negative-index wraparound, so the loop vectorises
        for i in range(a, a + np.uint64(run_len[j])):
            annoy[i] += v * k_hear[i]
    return count


@kernel
def add_push(busy: np.ndarray, fade: np.ndarray, noise: np.ndarray, scale: float, t: float, push: np.ndarray,
             push_t: np.ndarray) -> None:
    """The noisy groups' push pressure faded to ``t`` and their noise added::

        push[g] = push[g] × fade + noise[g] × scale;   push_t[g] = t      (g in ``busy``)"""
    for i in range(busy.size):
        g = busy[i]
        push[g] = push[g] * fade[i] + noise[g] * scale
        push_t[g] = t
