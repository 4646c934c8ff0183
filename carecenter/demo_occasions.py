"""Demo birthday parties and approved subsidy rosters: the monthly chores of the past half year.

``fill_occasions`` runs after the seniors and their care records exist. For every center it
holds the 集体生日会 of each of the last ``MONTHS`` months and of the current one (invited from
the month's birthday list, most guests came, cakes for everyone and 寿桃 for the round ages,
the odd guest removed because of a hospital stay), and approves the subsidy roster of each
past month a few days after it ended, as a director would. Everything goes through the
services, each written "on its day" (a second ``CareCenter`` on the same engine with a
:class:`FixedClock`), so the audit trail and the approval dates read like real work.
Deterministic: one ``random.Random`` from the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import PartyInput
from carecenter.clock import FixedClock
from carecenter.domain.months import first_day, last_day, shift
from carecenter.facade import CareCenter

MONTHS = 6  # past months with a party and an approved roster
ATTENDED_SHARE = 0.85
REMOVED_SHARE = 0.04
PLACES = ("二楼多功能活动室", "一楼餐厅", "社区党群服务中心大厅")
GIFTS = ("生日蛋糕", "长寿面")
MILESTONE_GIFT = "寿桃礼盒"
REMOVAL_REASONS = ("住院治疗，家属代领礼品", "随子女外出，本月不在郑州", "身体不适，不便参加")


@dataclass
class OccasionSummary:
    parties: int = 0
    guests: int = 0
    rosters: int = 0


def fill_occasions(cc: CareCenter, seed: int, actor: Actor) -> OccasionSummary:
    """Parties of the last ``MONTHS`` months and this one, rosters approved for the past months."""
    rng = random.Random(seed * 7919 + 6)
    today = cc.clock.today()
    current = first_day(today)
    summary = OccasionSummary()
    for center in cc.centers.list():
        for back in range(MONTHS, -1, -1):
            month = shift(current, -back)
            _party(cc, rng, center.id, month, today, actor, summary)
            if back > 0:
                approved_on = min(today, shift(month, 1) + dt.timedelta(days=rng.randint(2, 6)))
                CareCenter(cc.engine, FixedClock.on(approved_on, hour=16)).subsidy_rosters.approve(
                    actor, center.id, month
                )
                summary.rosters += 1
    return summary


def _party(
    cc: CareCenter,
    rng: random.Random,
    center_id: int,
    month: dt.date,
    today: dt.date,
    actor: Actor,
    summary: OccasionSummary,
) -> None:
    held_on = _last_friday(month)
    planned_on = min(today, held_on - dt.timedelta(days=10))
    if planned_on < month:
        planned_on = month
    planner = CareCenter(cc.engine, FixedClock.on(planned_on, hour=10))
    party = planner.birthdays.create(
        center_id, month, PartyInput(held_on=held_on, place=rng.choice(PLACES), notes="社工主持，志愿者表演节目"), actor
    )
    summary.parties += 1
    summary.guests += len(party.guests)
    if held_on > today:
        return  # still to come: invitations only
    on_the_day = CareCenter(cc.engine, FixedClock.on(held_on, hour=15))
    for guest in party.guests:
        roll = rng.random()
        if roll < REMOVED_SHARE:
            on_the_day.birthdays.remove_guest(guest.id, rng.choice(REMOVAL_REASONS), actor)
        elif roll < REMOVED_SHARE + ATTENDED_SHARE:
            gift = MILESTONE_GIFT if guest.milestone else rng.choice(GIFTS)
            on_the_day.birthdays.set_attendance(guest.id, True, gift, actor)


def _last_friday(month: dt.date) -> dt.date:
    day = last_day(month)
    return day - dt.timedelta(days=(day.weekday() - 4) % 7)
