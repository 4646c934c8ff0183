"""The week's home visits from the care plans: weekdays, windows, drafts, ended seniors, day care; monthly services.

TODAY is Sunday 22 November 2026: the week shown is Monday 16 to Sunday 22, so every
open slot before Sunday is overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass

import pytest
from sqlalchemy import event

from carecenter.actor import Actor
from carecenter.care.plan_info import PlanInfo, PlanInput, PlannedServiceInput
from carecenter.desk.visit_dto import SlotKey, SlotState, VisitInput, VisitPlanInput, WeekSchedule
from carecenter.domain.vocab import StaffPosition, Status
from carecenter.facade import CareCenter
from tests.conftest import TODAY
from tests.core.test_due import senior

MONDAY = dt.date(2026, 11, 16)
NEXT_MONDAY = dt.date(2026, 11, 23)


def day(n: int) -> dt.date:
    """A day of November 2026."""
    return dt.date(2026, 11, n)


# ---- builders (the visit tests and the UI tests use them too) -----------------------------------


@dataclass(frozen=True)
class Team:
    li: int  # 李娜, caregiver
    wang: int  # 王芳, caregiver
    social: int  # 刘社工, signs the plans


def team(cc: CareCenter, admin: Actor) -> Team:
    return Team(
        li=cc.staff.create("李娜", StaffPosition.CAREGIVER, admin).id,
        wang=cc.staff.create("王芳", StaffPosition.CAREGIVER, admin).id,
        social=cc.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, admin).id,
    )


def type_id(cc: CareCenter, code: str) -> int:
    found = cc.catalogue.by_code(code)
    assert found is not None, code
    return found.id


def weekly(
    cc: CareCenter,
    code: str,
    days: set[int],
    staff_id: int | None = None,
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
) -> PlannedServiceInput:
    return PlannedServiceInput(
        type_id(cc, code), weekdays=frozenset(days), staff_id=staff_id, start_on=start_on, end_on=end_on
    )


def monthly(cc: CareCenter, code: str, times: int, staff_id: int | None = None) -> PlannedServiceInput:
    return PlannedServiceInput(type_id(cc, code), times_per_month=times, staff_id=staff_id)


def home_plan(
    cc: CareCenter,
    actor: Actor,
    signer: int,
    senior_id: int,
    *services: PlannedServiceInput,
    start_on: dt.date = dt.date(2026, 10, 1),
    end_on: dt.date | None = None,
    draft: bool = False,
) -> PlanInfo:
    """A care plan with these services, signed today by ``signer`` unless ``draft``."""
    data = PlanInput(
        needs="独居，行动不便",
        goals="每周上门服务",
        start_on=start_on,
        review_on=dt.date(2027, 5, 1),
        end_on=end_on,
        services=services,
    )
    plan = cc.care_plans.create(senior_id, data, actor)
    return plan if draft else cc.care_plans.sign(plan.id, signer, actor)


def done(
    senior_id: int,
    service_type_id: int,
    staff_id: int,
    on: dt.date,
    start: tuple[int, int] = (9, 0),
    end: tuple[int, int] | None = (10, 30),
    minutes: int | None = None,
    planned_service_id: int | None = None,
    work_done: str = "打扫厨房和卫生间",
) -> VisitInput:
    return VisitInput(
        senior_id=senior_id,
        service_type_id=service_type_id,
        staff_id=staff_id,
        day=on,
        started_at=dt.datetime.combine(on, dt.time(*start)),
        ended_at=dt.datetime.combine(on, dt.time(*end)) if end is not None else None,
        minutes=minutes,
        work_done=work_done,
        planned_service_id=planned_service_id,
    )


def lines(week: WeekSchedule) -> list[tuple[int, str, str, str, SlotState]]:
    """The week as the table reads it: day of month, senior, service, staff ('' = 未指派), state."""
    return [(s.day.day, s.senior_name, s.service_name, s.staff_name, s.state) for s in week.slots]


@contextmanager
def counted_queries(cc: CareCenter) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(cc.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(cc.engine, "before_cursor_execute", count)


# ---- the schedule ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    crew: Team
    zhang: int
    zhang_plan: PlanInfo
    center_id: int


@pytest.fixture
def week(center: CareCenter, admin: Actor) -> Week:
    """Five seniors' plans around the week of 16 November (see each line)."""
    crew = team(center, admin)
    s = crew.social
    zhang = senior(center, admin, "张桂兰", 1).id
    zhang_plan = home_plan(
        center,
        admin,
        s,
        zhang,
        weekly(center, "day_care", {1, 3, 5}),  # attendance: no visits
        weekly(center, "meals", {1, 2, 3, 4, 5}),  # served at the meal desk: no visits
        weekly(center, "cleaning", {1, 3, 5}, crew.li),
        weekly(center, "recreation", {7}, crew.wang),
        monthly(center, "bathing", 2, crew.wang),
    )
    wang = senior(center, admin, "王秀英", 2).id
    home_plan(center, admin, s, wang, weekly(center, "mobility", {1, 2, 3, 4}), start_on=day(18))  # from Wednesday
    li = senior(center, admin, "李秀英", 3).id
    # The service's own window: 10 to 17 November (Tuesday in, Saturday out).
    home_plan(center, admin, s, li, weekly(center, "bathing", {2, 6}, crew.wang, start_on=day(10), end_on=day(17)))
    sun = senior(center, admin, "孙桂英", 4).id
    home_plan(center, admin, s, sun, weekly(center, "shopping", {1, 2, 3}), end_on=day(17))  # the plan ends Tuesday
    zhao = senior(center, admin, "赵大爷", 5).id
    home_plan(center, admin, s, zhao, weekly(center, "cleaning", {1, 2, 3, 4, 5, 6, 7}, crew.li), draft=True)
    qian = senior(center, admin, "钱奶奶", 6).id
    home_plan(center, admin, s, qian, weekly(center, "medical", {2, 4}, crew.li))
    center.seniors.change_status(qian, Status.WITHDRAWN, day(19), "搬去女儿家", admin)  # from Thursday
    return Week(crew, zhang, zhang_plan, center.centers.by_code("C001").id)


LATE, P = SlotState.OVERDUE, SlotState.PLANNED


def test_the_week_has_the_plans_weekday_home_services_only(center: CareCenter, front_desk: Actor, week: Week) -> None:
    schedule = center.visits.week(front_desk, week.center_id, day(19))  # any day of the week
    assert (schedule.monday, schedule.sunday, schedule.month) == (MONDAY, day(22), day(1))
    assert lines(schedule) == [
        (16, "张桂兰", "助洁", "李娜", LATE),
        (16, "孙桂英", "助购", "", LATE),
        (17, "钱奶奶", "助医", "李娜", LATE),
        (17, "李秀英", "助浴", "王芳", LATE),
        (17, "孙桂英", "助购", "", LATE),
        (18, "张桂兰", "助洁", "李娜", LATE),
        (18, "王秀英", "助行", "", LATE),
        (19, "王秀英", "助行", "", LATE),
        (20, "张桂兰", "助洁", "李娜", LATE),
        (22, "张桂兰", "助乐", "王芳", P),
    ]
    first = schedule.slots[0]
    assert first.from_plan and first.visit_id is None and first.key is not None
    assert (first.member_no, first.time_text) == (center.seniors.get(week.zhang, front_desk).member_no, "")


def test_one_staff_members_week_and_the_grouping(center: CareCenter, front_desk: Actor, week: Week) -> None:
    mine = center.visits.week(front_desk, week.center_id, MONDAY, staff_id=week.crew.li)
    assert [(d, n) for d, n, _s, _st, _state in lines(mine)] == [
        (16, "张桂兰"),
        (17, "钱奶奶"),
        (18, "张桂兰"),
        (20, "张桂兰"),
    ]
    groups = center.visits.week(front_desk, week.center_id, MONDAY).by_staff()
    assert [(g.staff_name, len(g.slots)) for g in groups] == [("李娜", 4), ("王芳", 2), ("", 4)]


def test_next_week_is_all_planned_and_the_withdrawn_senior_is_gone(
    center: CareCenter, front_desk: Actor, week: Week
) -> None:
    schedule = center.visits.week(front_desk, week.center_id, NEXT_MONDAY)
    assert {s.state for s in schedule.slots} == {P}
    assert "钱奶奶" not in {s.senior_name for s in schedule.slots}
    assert "孙桂英" not in {s.senior_name for s in schedule.slots}  # the plan ended
    assert [(d, n, sv) for d, n, sv, _st, _state in lines(schedule) if d == 23] == [
        (23, "张桂兰", "助洁"),
        (23, "王秀英", "助行"),
    ]


def test_recording_a_slot_marks_it_done_and_an_ad_hoc_record_fills_the_days_slot(
    center: CareCenter, front_desk: Actor, week: Week
) -> None:
    cleaning = type_id(center, "cleaning")
    slot = center.visits.week(front_desk, week.center_id, MONDAY).slots[0]
    assert slot.key == SlotKey(slot.planned_service_id or 0, day(16))
    center.visits.record(
        done(week.zhang, cleaning, week.crew.li, day(16), planned_service_id=slot.planned_service_id), front_desk
    )
    # Wednesday's visit is recorded from the search line, without naming the slot.
    wednesday = center.visits.record(done(week.zhang, cleaning, week.crew.wang, day(18), (14, 0), (15, 0)), front_desk)
    assert wednesday.planned_service_id is not None
    schedule = center.visits.week(front_desk, week.center_id, MONDAY)
    zhang = [
        (s.day.day, s.service_name, s.staff_name, s.state, s.time_text)
        for s in schedule.slots
        if s.senior_name == "张桂兰"
    ]
    assert zhang == [
        (16, "助洁", "李娜", SlotState.DONE, "09:00–10:30"),
        (18, "助洁", "王芳", SlotState.DONE, "14:00–15:00"),  # who went, not who was planned
        (20, "助洁", "李娜", LATE, ""),
        (22, "助乐", "王芳", P, ""),
    ]
    assert len(schedule.slots) == 10


def test_ad_hoc_visits_are_lines_of_their_own(center: CareCenter, front_desk: Actor, week: Week) -> None:
    shopping = type_id(center, "shopping")
    center.visits.record(done(week.zhang, shopping, week.crew.li, day(19), (15, 0), (16, 0)), front_desk)
    planned = center.visits.plan(
        VisitPlanInput(week.zhang, shopping, week.crew.wang, day(24), dt.time(9, 30)), front_desk
    )
    this_week = center.visits.week(front_desk, week.center_id, MONDAY)
    extra = [s for s in this_week.slots if not s.from_plan]
    assert [(s.day.day, s.service_name, s.state, s.time_text) for s in extra] == [
        (19, "助购", SlotState.DONE, "15:00–16:00")
    ]
    next_week = center.visits.week(front_desk, week.center_id, NEXT_MONDAY)
    extra = [s for s in next_week.slots if not s.from_plan]
    assert [(s.day.day, s.service_name, s.staff_name, s.state, s.time_text, s.visit_id) for s in extra] == [
        (24, "助购", "王芳", P, "09:30", planned.id)
    ]


def test_the_months_counted_services_say_how_many_are_done(
    center: CareCenter, front_desk: Actor, week: Week, clock: object
) -> None:
    bathing = type_id(center, "bathing")
    bath = next(s for s in week.zhang_plan.services if s.times_per_month)
    center.visits.record(done(week.zhang, bathing, week.crew.wang, day(3), planned_service_id=bath.id), front_desk)
    center.visits.record(done(week.zhang, bathing, week.crew.wang, day(10)), front_desk)  # not naming the plan
    voided = center.visits.record(done(week.zhang, bathing, week.crew.wang, day(12)), front_desk)
    center.visits.void(voided.id, "记错了老人", front_desk)
    center.visits.record(done(week.zhang, bathing, week.crew.wang, dt.date(2026, 10, 30)), front_desk)  # October
    schedule = center.visits.week(front_desk, week.center_id, MONDAY)
    assert [(m.senior_name, m.service_name, m.staff_name, m.progress_text) for m in schedule.monthly] == [
        ("张桂兰", "助浴", "王芳", "本月计划 2 次，已完成 2 次")
    ]
    assert center.visits.week(front_desk, week.center_id, MONDAY, staff_id=week.crew.li).monthly == ()
    # The week of 30 November belongs to December (its Thursday): nothing done yet.
    december = center.visits.week(front_desk, week.center_id, day(30))
    assert december.month == dt.date(2026, 12, 1)
    assert [m.progress_text for m in december.monthly] == ["本月计划 2 次，已完成 0 次"]


def test_a_week_costs_the_same_queries_for_more_seniors(center: CareCenter, admin: Actor, week: Week) -> None:
    with counted_queries(center) as few:
        center.visits.week(admin, week.center_id, MONDAY)
    for n, name in enumerate(("周一", "吴二", "郑三", "冯四", "陈五", "褚六"), start=10):
        other = senior(center, admin, name, n).id
        home_plan(center, admin, week.crew.social, other, weekly(center, "cleaning", {1, 4}, week.crew.wang))
        center.visits.record(done(other, type_id(center, "cleaning"), week.crew.wang, day(16)), admin)
    with counted_queries(center) as many:
        schedule = center.visits.week(admin, week.center_id, MONDAY)
    assert len(schedule.slots) == 10 + 12
    assert len(many) == len(few) <= 10


def test_the_day_counts_for_the_today_page(center: CareCenter, front_desk: Actor, week: Week) -> None:
    recreation, shopping = type_id(center, "recreation"), type_id(center, "shopping")
    assert astuple(center.visits.day_counts(front_desk, week.center_id, TODAY)) == (1, 0, 0, 0, 1)  # 张桂兰's 助乐
    center.visits.plan(VisitPlanInput(week.zhang, shopping, week.crew.li, TODAY, dt.time(15, 0)), front_desk)
    center.visits.record(done(week.zhang, recreation, week.crew.wang, TODAY, (8, 0), (9, 0)), front_desk)
    counts = center.visits.day_counts(front_desk, week.center_id, TODAY)
    assert (counts.planned, counts.done, counts.missed, counts.cancelled, counts.open) == (2, 1, 0, 0, 1)
    wednesday = center.visits.day_counts(front_desk, week.center_id, day(18))
    assert (wednesday.planned, wednesday.done, wednesday.open) == (2, 0, 2)
    center.visits.miss(
        center.visits.week(front_desk, week.center_id, day(18)).on(day(18))[0].target, "家中无人", front_desk
    )
    wednesday = center.visits.day_counts(front_desk, week.center_id, day(18))
    assert (wednesday.planned, wednesday.missed, wednesday.open) == (2, 1, 1)
    assert astuple(center.visits.day_counts(front_desk, week.center_id + 100, TODAY)) == (0, 0, 0, 0, 0)
