"""Reading one senior's care summary in the caller's session, with the computations the screens use.

What is reused, so that paper and screen agree: the plan in force as ``cc.care_plans.current``
picks it (:class:`~carecenter.care.plan_rows.Lookups` resolves its names); the care level of
:func:`~carecenter.care.assessments.care_levels`; each month's meals from the meal statement
(:func:`~carecenter.meals.statement.statement`); the subsidy verdicts of
:func:`~carecenter.subsidies.engine.explain_senior` and the approved roster of
:func:`~carecenter.subsidies.rosters.approved_grants`. Day care and home visits are counted
by the rules of the monthly counts (``cc.attendance.month``, ``visit_counts.month_counts``):
live records only, by the record's day, first to last day inclusive; a visit counts once
done, with its minutes; 助餐 is counted from the meals served, never from visits.

A dozen small queries for one senior; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.care.assessments import CARE_LEVEL_INSTRUMENTS, care_levels
from carecenter.care.health import FIELD_LABELS as HEALTH_LABELS
from carecenter.care.health import RISK_FIELDS, ordered_flags
from carecenter.care.instruments import INSTRUMENTS, adjustment_reasons
from carecenter.care.plan_rows import Lookups
from carecenter.db.desk_models import Attendance, Visit
from carecenter.db.models import Assessment, CarePlan, Incident, Senior, ServiceType, Staff
from carecenter.desk.visit_dto import MEALS_CODE
from carecenter.domain.dates import add_months
from carecenter.domain.desk_vocab import VisitStatus
from carecenter.domain.idnumber import age_on
from carecenter.domain.months import first_day, shift
from carecenter.domain.vocab import CareLevel, PlanStatus
from carecenter.i18n import _
from carecenter.meals.statement import statement
from carecenter.reports.care_summary_dto import (
    HISTORY_SHOWN,
    INCIDENT_MONTHS,
    SERVICE_MONTHS,
    AssessmentLine,
    Assessments,
    CareSummary,
    CategoryLine,
    CenterLine,
    ContactLine,
    Health,
    IncidentLine,
    Incidents,
    Medicine,
    PlannedLine,
    PlanSummary,
    Profile,
    ServiceRow,
    ServicesReceived,
    Subsidies,
    SubsidyLine,
    Trend,
)
from carecenter.reports.printing import Printer
from carecenter.subsidies.engine import explain_senior
from carecenter.subsidies.rosters import approved_grants


def read_summary(session: Session, senior: Senior, today: dt.date, printer: Printer) -> CareSummary:
    """Everything the summary of ``senior`` says as of ``today``, ID number as ``printer`` prints it."""
    center = senior.center
    return CareSummary(
        senior_id=senior.id,
        as_of=today,
        center=CenterLine(center.name, center.phone, center.address),
        profile=_profile(session, senior, today, printer),
        full_id=printer.full_ids,
        contacts=tuple(ContactLine(c.name, c.relation, c.phone) for c in senior.contacts),
        categories=tuple(
            CategoryLine(c.category.label, c.valid_from, c.valid_to)
            for c in senior.categories
            if (c.valid_from is None or c.valid_from <= today) and (c.valid_to is None or today <= c.valid_to)
        ),
        health=_health(senior),
        assessments=_assessments(session, senior.id),
        plan=_plan(session, senior.id),
        services=services_received(session, senior.id, today),
        incidents=_incidents(session, senior.id, today),
        subsidies=_subsidies(session, senior, today),
    )


def _profile(session: Session, senior: Senior, today: dt.date, printer: Printer) -> Profile:
    level = care_levels(session, [senior.id]).get(senior.id)
    return Profile(
        name=senior.name,
        gender=senior.gender.label,
        age=age_on(senior.birth_date, today),
        birth_date=senior.birth_date,
        member_no=senior.member_no,
        id_number=printer.id_number(senior.id_number),
        address=senior.address,
        phones=tuple(p.number for p in senior.phones),
        community=senior.community,
        residence=senior.residence.label,
        status=senior.status.label,
        status_since=senior.status_since,
        registered_on=senior.registered_on,
        care_level=level.label if level is not None else _("Not assessed"),
    )


def _health(senior: Senior) -> Health:
    return Health(
        conditions=tuple(c.name for c in senior.conditions),
        medications=tuple(Medicine(m.name, m.dose, m.schedule) for m in senior.medications),
        risks=tuple(_(HEALTH_LABELS[f]) for f in RISK_FIELDS if getattr(senior, f)),
        family_doctor=senior.family_doctor,
        family_doctor_phone=senior.family_doctor_phone,
        diet=tuple(f.label for f in ordered_flags(f.flag for f in senior.diet_flags)),
        diet_notes=senior.diet_notes,
        allergies=senior.allergies,
    )


# ---- assessments ---------------------------------------------------------------------------------


def _assessments(session: Session, senior_id: int) -> Assessments:
    rows = list(
        session.scalars(
            select(Assessment)
            .where(Assessment.senior_id == senior_id)
            .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
        )
    )
    if not rows:
        return Assessments(None, None, None, ())
    ids = {a.assessor1_id for a in rows} | {a.assessor2_id for a in rows}
    names = {sid: name for sid, name in session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(sorted(ids))))}
    # The care level comes from GB/T 42195: its latest assessment leads whenever there is one.
    latest = next((a for a in rows if a.instrument in CARE_LEVEL_INSTRUMENTS and a.adjusted_result), rows[0])
    previous = next((a for a in rows[rows.index(latest) + 1 :] if a.instrument == latest.instrument), None)
    trend = None
    if previous is not None:
        now, before = _standing(latest), _standing(previous)
        trend = Trend.BETTER if now > before else Trend.WORSE if now < before else Trend.STABLE
    return Assessments(
        latest=_assessment_line(latest, names),
        previous=_assessment_line(previous, names) if previous is not None else None,
        trend=trend,
        history=tuple(_assessment_line(a, names) for a in rows[:HISTORY_SHOWN]),
    )


def _standing(a: Assessment) -> int:
    """Higher is better: GB/T 42195 by its adjusted level (the care level), other forms by their band's lowest total."""
    if a.instrument in CARE_LEVEL_INSTRUMENTS and a.adjusted_result:
        return -list(CareLevel).index(CareLevel.of(a.adjusted_result))
    instrument = INSTRUMENTS.get(a.instrument)
    band = instrument.band_of(a.result) if instrument is not None else None
    return band.low if band is not None else a.total


def _assessment_line(a: Assessment, names: dict[int, str]) -> AssessmentLine:
    instrument = INSTRUMENTS.get(a.instrument)
    band = instrument.band_of(a.result) if instrument is not None else None
    level = band.label if band is not None else a.result
    adjusted: tuple[str, ...] = ()
    if a.adjusted_result:
        level = CareLevel.of(a.adjusted_result).label
        if a.adjusted_result != a.result:
            adjusted = tuple(adjustment_reasons(a.dementia, a.risk_incidents))
    assessors = "、".join(n for n in (names.get(a.assessor1_id, ""), names.get(a.assessor2_id, "")) if n)
    return AssessmentLine(
        assessed_on=a.assessed_on,
        instrument=instrument.label if instrument is not None else a.instrument,
        total=a.total,
        max_total=instrument.max_total if instrument is not None else None,
        level=level,
        adjusted_because=adjusted,
        assessors=assessors,
    )


# ---- the plan in force ---------------------------------------------------------------------------


def _plan(session: Session, senior_id: int) -> PlanSummary | None:
    """The plan ``cc.care_plans.current`` shows: signed and not closed, the latest signed."""
    plan = session.scalars(
        select(CarePlan)
        .where(CarePlan.senior_id == senior_id, CarePlan.status == PlanStatus.ACTIVE)
        .order_by(CarePlan.signed_on.desc(), CarePlan.id.desc())
    ).first()
    if plan is None:
        return None
    info = Lookups.of(session).info(plan)
    return PlanSummary(
        version=info.version,
        needs=info.needs,
        goals=info.goals,
        start_on=info.start_on,
        review_on=info.review_on,
        end_on=info.end_on,
        signed_by=info.signed_by_name,
        signed_on=info.signed_on,
        services=tuple(
            PlannedLine(s.service_name, s.schedule_text, s.staff_name, s.start_on, s.end_on, s.notes)
            for s in info.services
        ),
    )


# ---- services received ---------------------------------------------------------------------------


def services_received(session: Session, senior_id: int, today: dt.date) -> ServicesReceived:
    """Day care days, meals (eat-in, delivered) and done home visits per type, per month of the window."""
    months = tuple(shift(today, -n) for n in range(SERVICE_MONTHS - 1, -1, -1))
    first = months[0]
    index = {m: i for i, m in enumerate(months)}
    types = list(session.scalars(select(ServiceType).order_by(ServiceType.position, ServiceType.id)))
    rows: list[ServiceRow] = []

    day_care = next((t for t in types if t.day_care), None)
    days = [0] * len(months)
    day_minutes = 0
    for day, came_in, went_out in session.execute(
        select(Attendance.day, Attendance.checked_in_at, Attendance.checked_out_at).where(
            Attendance.senior_id == senior_id,
            Attendance.voided.is_(False),
            Attendance.day >= first,
            Attendance.day <= today,
        )
    ):
        days[index[first_day(day)]] += 1
        if went_out is not None:
            day_minutes += int((went_out - came_in).total_seconds()) // 60
    if any(days):
        name = day_care.name if day_care is not None else _("Day care")
        rows.append(ServiceRow(name, _("days"), tuple(days), day_minutes))

    meal_type = next((t for t in types if t.code == MEALS_CODE), None)
    meal_name = meal_type.name if meal_type is not None else _("Meals")
    eat_in, delivered = [0] * len(months), [0] * len(months)
    for i, month in enumerate(months):
        for meal in statement(session, senior_id, month).meals:
            if meal.day <= today:
                (delivered if meal.delivery else eat_in)[i] += 1
    if any(eat_in):
        rows.append(ServiceRow(_("{service} (eat-in)").format(service=meal_name), _("meals"), tuple(eat_in), None))
    if any(delivered):
        rows.append(
            ServiceRow(_("{service} (delivered)").format(service=meal_name), _("meals"), tuple(delivered), None)
        )

    counts: dict[int, list[int]] = defaultdict(lambda: [0] * len(months))
    minutes: dict[int, int] = defaultdict(int)
    for type_id, day, spent in session.execute(
        select(Visit.service_type_id, Visit.day, Visit.minutes).where(
            Visit.senior_id == senior_id,
            Visit.voided.is_(False),
            Visit.status == VisitStatus.DONE,
            Visit.day >= first,
            Visit.day <= today,
        )
    ):
        counts[type_id][index[first_day(day)]] += 1
        minutes[type_id] += spent or 0
    for kind in types:
        if kind.id in counts and not kind.day_care and kind.code != MEALS_CODE:
            rows.append(ServiceRow(kind.name, _("times"), tuple(counts[kind.id]), minutes[kind.id]))
    return ServicesReceived(first=first, last=today, months=months, rows=tuple(rows))


# ---- incidents and subsidies ---------------------------------------------------------------------------


def _incidents(session: Session, senior_id: int, today: dt.date) -> Incidents:
    first = add_months(today, -INCIDENT_MONTHS) + dt.timedelta(days=1)
    found = session.scalars(
        select(Incident)
        .where(Incident.senior_id == senior_id, Incident.occurred_on >= first, Incident.occurred_on <= today)
        .order_by(Incident.occurred_on.desc(), Incident.id.desc())
    )
    lines = tuple(IncidentLine(i.occurred_on, i.ended_on, i.kind.label, i.description, i.action_taken) for i in found)
    return Incidents(first=first, last=today, lines=lines)


def _subsidies(session: Session, senior: Senior, today: dt.date) -> Subsidies:
    month = first_day(today)
    verdicts = explain_senior(session, senior.id, month)
    approved = approved_grants(session, senior.center_id, month) is not None
    lines = tuple(SubsidyLine(v.rule_name, v.granted, v.amount_fen, v.per_meal, v.tier, v.reason) for v in verdicts)
    return Subsidies(month=month, approved=approved, lines=lines)
