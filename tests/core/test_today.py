"""The today page's numbers: each one the size of the list it opens, for the clock's day."""

from __future__ import annotations

import datetime as dt

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.desk.call_dto import CallInput
from carecenter.desk.visit_dto import VisitInput
from carecenter.domain.desk_vocab import CallerKind, Payment, Urgency
from carecenter.domain.vocab import StaffPosition
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, ServeInput
from tests.conftest import TODAY
from tests.core.test_attendance import at, day_care_plan
from tests.core.test_meal_serving import meal_senior

SUNDAY = "7"  # the clock's day, 2026-11-22, is a Sunday
BIRTHDAY_TODAY = dt.date(1946, 11, 22)  # turns 80 today


def test_the_summary_counts_the_days_lists(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    ids = [meal_senior(center, admin, name, dt.date(1941, 3, 4), 10 + 2 * n) for n, name in enumerate("甲乙丙")]
    birthday = meal_senior(center, admin, "寿星", BIRTHDAY_TODAY, 31)
    for senior_id in ids:
        day_care_plan(center, admin, senior_id, SUNDAY)
    center.attendance.check_in(ids[0], front_desk, at(TODAY, 8, 5))
    center.attendance.check_in(birthday, front_desk, at(TODAY, 8, 20))  # a walk-in, not expected
    left = center.attendance.check_in(ids[1], front_desk, at(TODAY, 8, 30))
    center.attendance.check_out(left.id, front_desk, "女儿", at(TODAY, 8, 50))
    for senior_id in ids:
        center.meals.order(OrderInput(senior_id, TODAY), front_desk)
    center.meals.serve(ServeInput(ids[0], payment=Payment.CASH), front_desk)
    caregiver = center.staff.create("李娜", StaffPosition.CAREGIVER, admin).id
    cleaning = center.catalogue.by_code("cleaning")
    assert cleaning is not None
    center.visits.record(
        VisitInput(ids[2], cleaning.id, caregiver, TODAY, at(TODAY, 7, 0), at(TODAY, 8, 0), work_done="打扫厨房"),
        front_desk,
    )
    urgent = center.calls.log(
        CallInput(CallerKind.NEIGHBOUR, "两天没见老人出门", senior_id=ids[2], urgency=Urgency.URGENT), front_desk
    )
    tomorrow = TODAY + dt.timedelta(days=1)
    center.calls.log(CallInput(CallerKind.FAMILY, "问明天的菜单", senior_id=ids[1], follow_up_on=tomorrow), front_desk)
    center.calls.log(CallInput(CallerKind.SENIOR, "问活动时间", senior_id=ids[0]), front_desk)  # answered: closed

    s = center.today.summary(admin)
    assert (s.daycare_present, s.daycare_expected, s.daycare_left, s.daycare_not_arrived) == (2, 3, 1, 1)
    assert (s.meals_ordered, s.meals_served) == (3, 1)
    assert (s.visits_done, s.visits_missed) == (1, 0)
    assert [c.id for c in s.urgent_calls] == [urgent.id]
    assert [c.reason for c in s.open_calls] == [
        "两天没见老人出门",
        "问明天的菜单",
    ]  # urgent first; the answered one is closed
    assert [(b.name, b.age) for b in s.birthdays] == [("寿星", 80)]
    assert s.assessments_due == 4  # none of them assessed yet: first assessments are due
    assert center.today.summary(front_desk).assessments_due is None  # the desk does not see the due list


def test_an_urgent_call_stays_on_later_days_until_closed(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    senior_id = meal_senior(center, admin, "张桂兰", dt.date(1941, 3, 4), 12)
    call = center.calls.log(
        CallInput(CallerKind.FAMILY, "老人跌倒，已叫120", senior_id=senior_id, urgency=Urgency.URGENT), front_desk
    )
    three_days_on = CareCenter(center.engine, FixedClock.on(TODAY + dt.timedelta(days=3), hour=9))
    assert [c.id for c in three_days_on.today.summary(front_desk).urgent_calls] == [call.id]
    three_days_on.calls.close(call.id, "已住院，家属陪护", front_desk)
    assert three_days_on.today.summary(front_desk).urgent_calls == ()
