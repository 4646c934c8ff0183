"""How many 九助 services a day and a month saw: for the today page and the monthly report to 民政.

A day: the care plans' slots and the ad-hoc visits still planned (``planned``), and the
live visits done, missed and cancelled (see :class:`DayVisitCounts`).

A month (by the visit's day, first to last day inclusive; voided records never count):
per service type the 人次 (done visits), their hours and the seniors served; per staff
member the 人次 and hours; and every senior served once. **Meals are the 助餐 service in
every count**: the type with code ``meals`` takes its 人次 and seniors from the live meal
servings of the month (:class:`carecenter.db.desk_models.MealServing`), never from visits,
and has no hours. Each figure is one grouped query, so a month of a district costs the
same handful of queries as a month of one center.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, distinct, func, select, union
from sqlalchemy.orm import Session

from carecenter.db.desk_models import MealServing, Visit
from carecenter.db.models import ServiceType, Staff
from carecenter.desk.visit_dto import (
    MEALS_CODE,
    DayVisitCounts,
    MonthVisitCounts,
    SlotState,
    StaffCount,
    TypeCount,
)
from carecenter.desk.visit_schedule import day_lines
from carecenter.domain.desk_vocab import VisitStatus
from carecenter.domain.months import first_day, last_day


def day_counts(session: Session, day: dt.date, today: dt.date, center_id: int | None) -> DayVisitCounts:
    lines = day_lines(session, day, today, center_id)
    states = [s.state for s in lines]
    open_states = (SlotState.PLANNED, SlotState.OVERDUE)
    return DayVisitCounts(
        planned=sum(1 for s in lines if s.from_plan or s.state in open_states),
        done=states.count(SlotState.DONE),
        missed=states.count(SlotState.MISSED),
        cancelled=states.count(SlotState.CANCELLED),
        open=sum(1 for state in states if state in open_states),
    )


def _visit_filter(first: dt.date, last: dt.date, center_id: int | None) -> list[ColumnElement[bool]]:
    conditions = [Visit.voided.is_(False), Visit.day >= first, Visit.day <= last]
    if center_id is not None:
        conditions.append(Visit.center_id == center_id)
    return conditions


def _meal_filter(first: dt.date, last: dt.date, center_id: int | None) -> list[ColumnElement[bool]]:
    conditions = [MealServing.voided.is_(False), MealServing.day >= first, MealServing.day <= last]
    if center_id is not None:
        conditions.append(MealServing.center_id == center_id)
    return conditions


def month_counts(session: Session, month: dt.date, center_id: int | None) -> MonthVisitCounts:
    first, last = first_day(month), last_day(month)
    visits = [*_visit_filter(first, last, center_id), Visit.status == VisitStatus.DONE]
    meals = _meal_filter(first, last, center_id)
    types = list(session.scalars(select(ServiceType).order_by(ServiceType.position, ServiceType.id)))
    meal_ids = [t.id for t in types if t.code == MEALS_CODE]

    per_type: dict[int, tuple[int, int, int]] = {}
    stmt = (
        select(
            Visit.service_type_id,
            func.count(Visit.id),
            func.coalesce(func.sum(Visit.minutes), 0),
            func.count(distinct(Visit.senior_id)),
        )
        .where(*visits)
        .group_by(Visit.service_type_id)
    )
    for type_id, n, minutes, seniors in session.execute(stmt):
        per_type[type_id] = (int(n), int(minutes or 0), int(seniors))
    meal_row = session.execute(
        select(func.count(MealServing.id), func.count(distinct(MealServing.senior_id))).where(*meals)
    ).one()
    served, meal_seniors = int(meal_row[0]), int(meal_row[1])

    by_type = []
    for kind in types:
        if kind.day_care:
            continue
        if kind.code == MEALS_CODE:
            if not kind.retired or served:
                by_type.append(TypeCount(kind.id, kind.code, kind.name, served, None, meal_seniors))
            continue
        n, minutes, seniors = per_type.get(kind.id, (0, 0, 0))
        if not kind.retired or n:
            by_type.append(TypeCount(kind.id, kind.code, kind.name, n, minutes, seniors))

    home = [*visits]
    if meal_ids:
        home.append(Visit.service_type_id.not_in(meal_ids))  # never recorded, but a meal is counted once
    staff_stmt = (
        select(Staff.id, Staff.name, func.count(Visit.id), func.coalesce(func.sum(Visit.minutes), 0))
        .join(Staff, Visit.staff_id == Staff.id)
        .where(*home)
        .group_by(Staff.id, Staff.name)
        .order_by(Staff.name, Staff.id)
    )
    by_staff = tuple(
        StaffCount(staff_id, name, int(n), int(minutes or 0))
        for staff_id, name, n, minutes in session.execute(staff_stmt)
    )

    people = union(select(Visit.senior_id).where(*home), select(MealServing.senior_id).where(*meals)).subquery()
    seniors = session.scalar(select(func.count()).select_from(people)) or 0
    missed = session.scalar(
        select(func.count(Visit.id)).where(*_visit_filter(first, last, center_id), Visit.status == VisitStatus.MISSED)
    )
    return MonthVisitCounts(
        month=first, by_type=tuple(by_type), by_staff=by_staff, seniors=int(seniors), missed=int(missed or 0)
    )
