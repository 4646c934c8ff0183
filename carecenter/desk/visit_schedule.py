"""The week's 九助 home visits, worked out from the care plans in force and the visits recorded.

A **slot** is a day on which an active care plan provides a home service on its weekdays
(weekdays are 1 = Monday … 7 = Sunday, as :mod:`carecenter.care.plan_info` stores them):
the plan's window and the service's own window cover the day, and the senior is not
退出/去世 (nor not yet registered) on it. Day care (attendance) and 助餐 (served at the meal
desk) are not visits and make no slots. A slot has no row until it is recorded (done,
missed or cancelled); it then shows that visit, matched by (planned service, day), or, for
a visit recorded before the plan was revised or without naming the slot, by the same
senior, service and day.

Every other live visit of the week (ad hoc, planned ahead, or of a service planned a number
of times a month) is a line of its own. Services planned N times a month are listed apart,
with how many of them are done in the month (visits naming the service, and visits of the
same senior and service recorded without a plan).

A week costs a fixed handful of queries however many seniors it holds: the plans' services,
the visits, the seniors (with phones and status history), the names, the month's done counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from carecenter.care.plan_info import weekdays_of
from carecenter.db.desk_models import Visit
from carecenter.db.models import CarePlan, PlannedService, Senior, ServiceType, Staff
from carecenter.desk.finder import ENDED
from carecenter.desk.visit_dto import (
    FIELD_LABELS,
    MEALS_CODE,
    MonthlyService,
    SlotState,
    VisitSlot,
    WeekSchedule,
    state_of,
)
from carecenter.domain.desk_vocab import VisitStatus
from carecenter.domain.months import first_day, last_day
from carecenter.domain.vocab import PlanStatus
from carecenter.errors import FieldError, labelled
from carecenter.i18n import _
from carecenter.subsidies.months import StatusHistory

_LATE = dt.datetime.max


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_month(monday: dt.date) -> dt.date:
    """The month a week belongs to: the one its Thursday is in (as ISO weeks count)."""
    return first_day(monday + dt.timedelta(days=3))


def in_force(plan: CarePlan, service: PlannedService, day: dt.date) -> bool:
    """The plan's window and the service's own window both cover ``day``."""
    return (
        plan.start_on <= day
        and (plan.end_on is None or plan.end_on >= day)
        and (service.start_on is None or service.start_on <= day)
        and (service.end_on is None or service.end_on >= day)
    )


def slot_on(plan: CarePlan, service: PlannedService, day: dt.date) -> bool:
    """An active plan's weekday service falls on ``day`` (the senior's status is checked apart)."""
    return (
        plan.status is PlanStatus.ACTIVE
        and day.isoweekday() in weekdays_of(service.weekdays)
        and in_force(plan, service, day)
    )


def visit_service(kind: ServiceType) -> bool:
    """A type delivered as a home visit: not day care (attendance) and not 助餐 (the meal desk)."""
    return not kind.day_care and kind.code != MEALS_CODE


def open_slot(session: Session, senior_id: int, service_type_id: int, day: dt.date) -> PlannedService | None:
    """The senior's unrecorded plan slot of that service on ``day``, if there is one (an ad-hoc record fills it)."""
    stmt = (
        select(PlannedService, CarePlan)
        .join(CarePlan, PlannedService.plan_id == CarePlan.id)
        .where(CarePlan.senior_id == senior_id, PlannedService.service_type_id == service_type_id)
        .where(CarePlan.status == PlanStatus.ACTIVE)
        .order_by(PlannedService.id)
    )
    for service, plan in session.execute(stmt):
        if slot_on(plan, service, day) and recorded(session, service.id, day) is None:
            return service
    return None


def recorded(session: Session, planned_service_id: int, day: dt.date, other_than: int | None = None) -> Visit | None:
    """The live visit already recorded for a plan's service on ``day`` (besides ``other_than``)."""
    stmt = select(Visit).where(
        Visit.planned_service_id == planned_service_id, Visit.day == day, Visit.voided.is_(False)
    )
    if other_than is not None:
        stmt = stmt.where(Visit.id != other_than)
    return session.scalars(stmt).first()


def slot_errors(session: Session, service_id: int, senior_id: int, type_id: int, day: dt.date) -> list[FieldError]:
    """Why (``service_id``, ``day``) is not an open slot of this senior and service (refusals for the visit form)."""
    service = session.get(PlannedService, service_id)
    plan = session.get(CarePlan, service.plan_id) if service is not None else None
    if service is None or plan is None or plan.senior_id != senior_id:
        return [_error("planned_service_id", _("is not a service of this senior's care plan"))]
    if service.service_type_id != type_id:
        name = session.get(ServiceType, service.service_type_id)
        return [_error("service_type_id", _("the plan provides “{name}” here").format(name=name.name if name else ""))]
    if service.weekdays and not slot_on(plan, service, day):
        return [_error("planned_service_id", _("the care plan has no such visit on {d}").format(d=day))]
    if not service.weekdays and not in_force(plan, service, day):
        return [_error("planned_service_id", _("the care plan does not provide it on {d}").format(d=day))]
    done = recorded(session, service_id, day)
    if done is not None:
        return [
            _error(
                "planned_service_id",
                _("this visit of {d} is already recorded ({status})").format(d=day, status=done.status.label),
            )
        ]
    return []


# ---- the week ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Names:
    """Seniors (with status history), service types and staff names, read once per call."""

    seniors: dict[int, Senior]
    histories: dict[int, StatusHistory]
    types: dict[int, ServiceType]
    staff: dict[int, str]

    @classmethod
    def read(cls, session: Session, senior_ids: Iterable[int]) -> _Names:
        ids = sorted(set(senior_ids))
        seniors = (
            {
                s.id: s
                for s in session.scalars(
                    select(Senior)
                    .where(Senior.id.in_(ids))
                    .options(selectinload(Senior.phones), selectinload(Senior.status_changes))
                )
            }
            if ids
            else {}
        )
        return cls(
            seniors=seniors,
            histories={
                i: StatusHistory.of((c.effective_on, c.status) for c in s.status_changes) for i, s in seniors.items()
            },
            types={t.id: t for t in session.scalars(select(ServiceType))},
            staff={i: name for i, name in session.execute(select(Staff.id, Staff.name))},
        )

    def served(self, senior_id: int, day: dt.date) -> bool:
        """Registered and not 退出/去世 on ``day`` (暂停 is still served: the desk decides)."""
        status = self.histories[senior_id].on(day)
        return status is not None and status not in ENDED

    def staff_name(self, staff_id: int | None) -> str:
        return self.staff.get(staff_id, "") if staff_id is not None else ""


def _plan_services(
    session: Session, first: dt.date, last: dt.date, center_id: int | None
) -> list[tuple[PlannedService, CarePlan]]:
    """Home-visit services of active plans whose windows meet [first, last]."""
    stmt = (
        select(PlannedService, CarePlan)
        .join(CarePlan, PlannedService.plan_id == CarePlan.id)
        .join(ServiceType, PlannedService.service_type_id == ServiceType.id)
        .join(Senior, CarePlan.senior_id == Senior.id)
        .where(
            CarePlan.status == PlanStatus.ACTIVE,
            ServiceType.day_care.is_(False),
            ServiceType.code != MEALS_CODE,
            CarePlan.start_on <= last,
            or_(CarePlan.end_on.is_(None), CarePlan.end_on >= first),
            or_(PlannedService.start_on.is_(None), PlannedService.start_on <= last),
            or_(PlannedService.end_on.is_(None), PlannedService.end_on >= first),
        )
        .order_by(PlannedService.id)
    )
    if center_id is not None:
        stmt = stmt.where(Senior.center_id == center_id)
    return list(session.execute(stmt))


def _visits(session: Session, first: dt.date, last: dt.date, center_id: int | None) -> list[Visit]:
    stmt = (
        select(Visit)
        .where(Visit.voided.is_(False), Visit.day >= first, Visit.day <= last)
        .order_by(Visit.day, Visit.id)
    )
    if center_id is not None:
        stmt = stmt.where(Visit.center_id == center_id)
    return list(session.scalars(stmt))


def _line(
    names: _Names,
    senior_id: int,
    day: dt.date,
    today: dt.date,
    service_type_id: int,
    staff_id: int | None,
    planned_service_id: int | None,
    visit: Visit | None,
    from_plan: bool,
) -> VisitSlot:
    senior = names.seniors[senior_id]
    if visit is not None:
        staff_id, service_type_id = visit.staff_id, visit.service_type_id
    return VisitSlot(
        day=day,
        senior_id=senior.id,
        senior_name=senior.name,
        member_no=senior.member_no,
        address=senior.address,
        phone=senior.phones[0].number if senior.phones else "",
        service_type_id=service_type_id,
        service_name=names.types[service_type_id].name,
        staff_id=staff_id,
        staff_name=names.staff_name(staff_id),
        planned_service_id=planned_service_id,
        visit_id=visit.id if visit is not None else None,
        from_plan=from_plan,
        state=state_of(visit.status, day, today) if visit is not None else state_of(VisitStatus.PLANNED, day, today),
        started_at=visit.started_at if visit is not None else None,
        ended_at=visit.ended_at if visit is not None else None,
        minutes=visit.minutes if visit is not None else None,
        status_reason=visit.status_reason if visit is not None else "",
    )


def _lines(
    services: Sequence[tuple[PlannedService, CarePlan]],
    visits: Sequence[Visit],
    days: Sequence[dt.date],
    today: dt.date,
    names: _Names,
) -> list[VisitSlot]:
    """The days' plan slots with what became of them, then every other visit; sorted for reading."""
    weekly = [(s, p) for s, p in services if s.weekdays]
    weekly_ids = {s.id for s, _p in weekly}
    by_slot = {(v.planned_service_id, v.day): v for v in visits if v.planned_service_id is not None}
    loose: dict[tuple[int, int, dt.date], list[Visit]] = {}
    for v in visits:
        if v.planned_service_id not in weekly_ids:
            loose.setdefault((v.senior_id, v.service_type_id, v.day), []).append(v)
    used: set[int] = set()
    lines: list[VisitSlot] = []
    for day in days:
        for service, plan in weekly:
            if not slot_on(plan, service, day) or not names.served(plan.senior_id, day):
                continue
            visit = by_slot.get((service.id, day))
            if visit is None:  # recorded under an older version of the plan, or without naming the slot
                candidates = loose.get((plan.senior_id, service.service_type_id, day), [])
                visit = next((v for v in candidates if v.id not in used), None)
            if visit is not None:
                used.add(visit.id)
            lines.append(
                _line(
                    names,
                    plan.senior_id,
                    day,
                    today,
                    service.service_type_id,
                    service.staff_id,
                    service.id,
                    visit,
                    True,
                )
            )
    for visit in visits:
        if visit.id not in used:
            lines.append(
                _line(
                    names,
                    visit.senior_id,
                    visit.day,
                    today,
                    visit.service_type_id,
                    visit.staff_id,
                    visit.planned_service_id,
                    visit,
                    False,
                )
            )
    lines.sort(
        key=lambda s: (
            s.day,
            s.staff_id is None,
            s.staff_name,
            s.staff_id or 0,
            s.started_at or _LATE,
            names.seniors[s.senior_id].name_sort,
            s.senior_id,
            s.service_type_id,
        )
    )
    return lines


def _monthly(
    session: Session,
    services: Sequence[tuple[PlannedService, CarePlan]],
    month: dt.date,
    seen_on: dt.date,
    names: _Names,
) -> list[MonthlyService]:
    """The services planned a number of times in ``month``, with how many are done (one grouped count)."""
    first, last = month, last_day(month)
    chosen = [
        (s, p)
        for s, p in services
        if s.times_per_month
        and p.start_on <= last
        and (p.end_on is None or p.end_on >= first)
        and (s.start_on is None or s.start_on <= last)
        and (s.end_on is None or s.end_on >= first)
        and names.served(p.senior_id, seen_on)
    ]
    if not chosen:
        return []
    done: dict[tuple[int, int, int | None], int] = {}
    stmt = (
        select(Visit.senior_id, Visit.service_type_id, Visit.planned_service_id, func.count(Visit.id))
        .where(
            Visit.voided.is_(False),
            Visit.status == VisitStatus.DONE,
            Visit.day >= first,
            Visit.day <= last,
            Visit.senior_id.in_(sorted({p.senior_id for _s, p in chosen})),
        )
        .group_by(Visit.senior_id, Visit.service_type_id, Visit.planned_service_id)
    )
    for senior_id, type_id, service_id, n in session.execute(stmt):
        done[(senior_id, type_id, service_id)] = n
    out = []
    for service, plan in chosen:
        senior = names.seniors[plan.senior_id]
        key = (plan.senior_id, service.service_type_id)
        out.append(
            MonthlyService(
                planned_service_id=service.id,
                senior_id=senior.id,
                senior_name=senior.name,
                member_no=senior.member_no,
                address=senior.address,
                phone=senior.phones[0].number if senior.phones else "",
                service_type_id=service.service_type_id,
                service_name=names.types[service.service_type_id].name,
                staff_id=service.staff_id,
                staff_name=names.staff_name(service.staff_id),
                times=service.times_per_month or 0,
                done=done.get((*key, service.id), 0) + done.get((*key, None), 0),
            )
        )
    out.sort(key=lambda m: (m.staff_id is None, m.staff_name, names.seniors[m.senior_id].name_sort, m.service_type_id))
    return out


def week_schedule(
    session: Session, day: dt.date, today: dt.date, center_id: int | None, staff_id: int | None = None
) -> WeekSchedule:
    """The week of ``day`` (Monday to Sunday); with ``staff_id``, only that staff member's lines and services."""
    monday = monday_of(day)
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    month = week_month(monday)
    services = _plan_services(session, min(monday, month), max(days[-1], last_day(month)), center_id)
    visits = _visits(session, monday, days[-1], center_id)
    names = _Names.read(session, [p.senior_id for _s, p in services] + [v.senior_id for v in visits])
    lines = _lines(services, visits, days, today, names)
    monthly = _monthly(session, services, month, max(monday, month), names)
    if staff_id is not None:
        lines = [s for s in lines if s.staff_id == staff_id]
        monthly = [m for m in monthly if m.staff_id == staff_id]
    return WeekSchedule(monday=monday, today=today, month=month, slots=tuple(lines), monthly=tuple(monthly))


def day_lines(session: Session, day: dt.date, today: dt.date, center_id: int | None) -> list[VisitSlot]:
    """One day's lines, as the week shows them (the today page counts these)."""
    services = [(s, p) for s, p in _plan_services(session, day, day, center_id) if s.weekdays]
    visits = _visits(session, day, day, center_id)
    names = _Names.read(session, [p.senior_id for _s, p in services] + [v.senior_id for v in visits])
    return _lines(services, visits, [day], today, names)


def open_lines(lines: Iterable[VisitSlot]) -> int:
    return sum(1 for s in lines if s.state in (SlotState.PLANNED, SlotState.OVERDUE))
