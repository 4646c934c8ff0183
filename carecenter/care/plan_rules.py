"""What a care plan must satisfy before it is saved or signed; every refusal names its field.

A plan's own fields are ``needs``, ``goals``, ``start_on``, ``review_on``, ``end_on``
and ``plan`` (the plan as a whole: a draft already exists, it is not a draft …).
The i-th planned service's fields (0-based) are ``services.<i>.<field>``, e.g.
``services.0.weekdays``, and their labels say which service ("服务 1 · 服务日"), so a
message read on its own still points at the right row of the form.

All checks run before anything is written, and every problem is reported at once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.care.plan_info import WEEKDAYS, PlanInput, PlannedServiceInput
from carecenter.db.models import Senior, ServiceType, Staff
from carecenter.domain.text import normalize_line, normalize_multiline, text_reason
from carecenter.domain.vocab import StaffPosition, Status
from carecenter.errors import FieldError, ValidationError, labelled
from carecenter.i18n import N_, _

MAX_TIMES_PER_MONTH = 31

FIELD_LABELS: dict[str, str] = {
    "plan": N_("Care plan"),
    "needs": N_("Needs and problems"),
    "goals": N_("Goals"),
    "start_on": N_("Start date"),
    "review_on": N_("Review date"),
    "end_on": N_("End date"),
    "services": N_("Planned services"),
    "signed_by_staff_id": N_("Signed by"),
}

SERVICE_LABELS: dict[str, str] = {
    "service_type_id": N_("Service type"),
    "weekdays": N_("Weekdays"),
    "times_per_month": N_("Times per month"),
    "staff_id": N_("Assigned staff"),
    "start_on": N_("Service starts"),
    "end_on": N_("Service ends"),
    "notes": N_("Notes"),
}


def plan_error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


def service_field(index: int, field: str) -> str:
    """The error field of the ``index``-th (0-based) planned service's ``field``."""
    return f"services.{index}.{field}"


def service_error(index: int, field: str, reason: str) -> FieldError:
    label = _("Service {n} · {field}").format(n=index + 1, field=_(SERVICE_LABELS[field]))
    return FieldError(service_field(index, field), label, reason)


def parse_service_field(field: str) -> tuple[int, str] | None:
    """(index, field) of a ``services.<i>.<field>`` error field, None for a plan field."""
    parts = field.split(".")
    if len(parts) == 3 and parts[0] == "services" and parts[1].isdigit():
        return int(parts[1]), parts[2]
    return None


def check_plan(session: Session, data: PlanInput, senior: Senior) -> PlanInput:
    """``data`` normalized (text trimmed), or ValidationError listing every refused field."""
    errors: list[FieldError] = []
    if senior.status is Status.DECEASED:
        errors.append(plan_error("plan", _("the senior is recorded as deceased")))
    needs, goals = normalize_multiline(data.needs), normalize_multiline(data.goals)
    for field, value in (("needs", needs), ("goals", goals)):
        if reason := text_reason(value, "notes", required=True, multiline=True):
            errors.append(plan_error(field, reason))
    if data.start_on < senior.birth_date:
        errors.append(plan_error("start_on", _("cannot be before the senior was born")))
    if data.review_on <= data.start_on:
        errors.append(
            plan_error("review_on", _("must be after the start date ({d})").format(d=data.start_on.isoformat()))
        )
    if data.end_on is not None and data.end_on < data.start_on:
        errors.append(
            plan_error("end_on", _("cannot be before the start date ({d})").format(d=data.start_on.isoformat()))
        )
    types = {t.id: t for t in session.scalars(select(ServiceType))}
    staff = {s.id: s for s in session.scalars(select(Staff))}
    services = []
    for index, service in enumerate(data.services):
        clean, problems = _check_service(index, service, data, types, staff)
        services.append(clean)
        errors.extend(problems)
    if errors:
        raise ValidationError(errors)
    return PlanInput(
        needs=needs,
        goals=goals,
        start_on=data.start_on,
        review_on=data.review_on,
        end_on=data.end_on,
        services=tuple(services),
    )


def _check_service(
    index: int,
    service: PlannedServiceInput,
    plan: PlanInput,
    types: dict[int, ServiceType],
    staff: dict[int, Staff],
) -> tuple[PlannedServiceInput, list[FieldError]]:
    errors: list[FieldError] = []

    def refuse(field: str, reason: str) -> None:
        errors.append(service_error(index, field, reason))

    kind = types.get(service.service_type_id)
    if kind is None:
        refuse("service_type_id", _("please choose a service from the catalogue"))
    elif kind.retired:
        refuse("service_type_id", _("the service “{name}” is retired").format(name=kind.name))
    if service.weekdays and service.times_per_month is not None:
        refuse("weekdays", _("choose the weekdays or a number of times per month, not both"))
    elif not service.weekdays and service.times_per_month is None:
        refuse("weekdays", _("choose the weekdays it happens or a number of times per month"))
    if any(d not in WEEKDAYS for d in service.weekdays):
        refuse("weekdays", _("weekdays are numbered 1 (Monday) to 7 (Sunday)"))
    if service.times_per_month is not None and not 1 <= service.times_per_month <= MAX_TIMES_PER_MONTH:
        refuse("times_per_month", _("must be between 1 and {n}").format(n=MAX_TIMES_PER_MONTH))
    if service.staff_id is not None:
        member = staff.get(service.staff_id)
        if member is None or not member.active:
            refuse("staff_id", _("please choose a staff member who works here"))
    start = service.start_on or plan.start_on
    if service.start_on is not None and service.start_on < plan.start_on:
        refuse("start_on", _("cannot be before the plan starts ({d})").format(d=plan.start_on.isoformat()))
    if service.end_on is not None:
        if service.end_on < start:
            refuse("end_on", _("cannot be before the service starts ({d})").format(d=start.isoformat()))
        elif plan.end_on is not None and service.end_on > plan.end_on:
            refuse("end_on", _("cannot be after the plan ends ({d})").format(d=plan.end_on.isoformat()))
    notes = normalize_line(service.notes)
    if reason := text_reason(notes, "reason"):
        refuse("notes", reason)
    clean = PlannedServiceInput(
        service_type_id=service.service_type_id,
        weekdays=frozenset(service.weekdays),
        times_per_month=service.times_per_month,
        staff_id=service.staff_id,
        start_on=service.start_on,
        end_on=service.end_on,
        notes=notes,
    )
    return clean, errors


def check_signer(session: Session, staff_id: int) -> list[FieldError]:
    """The signer must be a social worker who still works here."""
    member = session.get(Staff, staff_id)
    if member is None or not member.active:
        return [plan_error("signed_by_staff_id", _("please choose a social worker who works here"))]
    if member.position is not StaffPosition.SOCIAL_WORKER:
        return [
            plan_error(
                "signed_by_staff_id",
                _("{name} is a {position}: a care plan is signed by a social worker").format(
                    name=member.name, position=member.position.label
                ),
            )
        ]
    return []
