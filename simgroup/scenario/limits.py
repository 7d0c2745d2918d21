"""Upper bounds of money and counts in scenario files, and the field types that carry them.

The engine needs none of these bounds, but a value beyond them is a typo (a few extra zeros,
``1e308``), and an unbounded amount overflows the KPIs' sums to infinity, which the results report
as null. Each bound is far above anything an operator would write, so it only ever refuses a
mistake. The limits of the scenario as a whole (days, replications, group specs, members per
replication) are in :mod:`simgroup.scenario.vocabulary`; docs/scenario-reference.md shows every
bound in its key's "constraints" column.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from simgroup.scenario.times import MINUTES_PER_DAY
from simgroup.scenario.vocabulary import GROUP_CAPACITY_MAX, MAX_DAYS

#: CNY in any one price, cost, reward, prize or budget. A billion yuan is beyond anything a group
#: chat operation spends or sells at once, and even multiplied by the most members a scenario may
#: expect (MAX_EXPECTED_MEMBERS) and by every day (MAX_DAYS) the KPIs stay far from overflowing.
MAX_MONEY_CNY = 1_000_000_000
#: Coupons or units on sale in one step: a hundred million is more than every member a scenario
#: may expect (MAX_EXPECTED_MEMBERS) could use; write nothing for unlimited stock.
MAX_STOCK = 100_000_000
#: Members in one group (size filters, ``min:`` of member_count, lottery winners): a group never
#: holds more than WeCom's cap, so a larger number could never apply.
MAX_GROUP_MEMBERS = GROUP_CAPACITY_MAX
#: Labour minutes of one SOP task: a task is a message or a campaign post, and a whole day of one
#: operator's time for it is already far beyond the presets (minutes, not hours).
MAX_TASK_MINUTES = MINUTES_PER_DAY
#: Days until a product is wanted again: beyond ten years it is in effect bought once (write 0).
MAX_REPURCHASE_DAYS = 3650

Money = Annotated[float, Field(ge=0.0, le=MAX_MONEY_CNY, allow_inf_nan=False)]
PositiveMoney = Annotated[float, Field(gt=0.0, le=MAX_MONEY_CNY, allow_inf_nan=False)]
#: A day number (from 0) or a count of days: no scenario simulates more than MAX_DAYS.
DayNumber = Annotated[int, Field(ge=0, le=MAX_DAYS)]
