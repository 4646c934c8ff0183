"""Care plans (照护计划): what a senior needs, the goals, and the services that answer them.

A plan's life, version by version (all versions of one plan share ``series_id``, the
first version's id):

* ``create`` writes a **draft**, version 1. A draft is changed freely (``update_draft``)
  or discarded (``discard``); a senior has at most one draft at a time.
* ``sign`` puts a draft into force (**active**): a social worker who works here signs it,
  dated today. Any other active plan of the senior stops then: an earlier version of the
  same plan becomes **superseded**, a different plan **closed** (ending today at the latest).
* Editing a signed plan (``revise``) never changes it: it writes a new draft, version+1
  of the same series. The signed version stays active, and is what the desks follow, until
  the new version is signed; then it is superseded and kept, with its services, in ``history``.
* ``close`` ends an active plan on a day (没有后续计划: the senior left, or needs nothing more).

Refusals name the field (``services.<i>.<field>`` for the i-th planned service, 0-based)
and nothing is written. Services of a retired catalogue type are refused on every save
and at signing, while plans that already name one stay readable.

For later issues: ``planned_services`` lists the active plans' services in force on a day
(per staff member for visit scheduling), and ``day_care_weekdays`` gives the weekdays the
front desk expects a senior for day care (also as a function taking an open session).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor
from carecenter.audit import FIELD_LABELS as TRAIL_LABELS
from carecenter.care.plan_info import (
    PlanInfo,
    PlanInput,
    PlannedServiceInfo,
    PlannedServiceInput,
    ScheduledService,
    weekdays_of,
)
from carecenter.care.plan_rows import Lookups, as_input, fill
from carecenter.care.plan_rules import FIELD_LABELS, check_plan, check_signer, plan_error
from carecenter.clock import Clock, stamp
from carecenter.conflicts import FieldChange, check_version, field_changes, retry_race, shown, touch, values_of
from carecenter.db.models import CarePlan, PlannedService, Senior, ServiceType
from carecenter.db.sessions import Sessions
from carecenter.domain.vocab import PlanStatus, Status
from carecenter.errors import NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.permissions import Permission, require
from carecenter.seniors.records import load as load_senior

_LABELS = {**TRAIL_LABELS, **FIELD_LABELS}

__all__ = [
    "CarePlanService",
    "PlanInfo",
    "PlanInput",
    "PlannedServiceInfo",
    "PlannedServiceInput",
    "ScheduledService",
    "day_care_weekdays",
]


class CarePlanService:
    """``cc.care_plans``. Social workers and administrators write plans; every role reads them."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- writing -----------------------------------------------------------------------

    def create(self, senior_id: int, data: PlanInput, actor: Actor) -> PlanInfo:
        """A new plan as a draft (version 1, its own series); refused while the senior has a draft."""
        require(actor, Permission.ASSESSMENTS)
        with self._sessions(actor) as session:
            senior = load_senior(session, senior_id)
            if (draft := _draft(session, senior_id)) is not None:
                raise ValidationError([plan_error("plan", _draft_exists(draft))])
            clean = check_plan(session, data, senior)
            plan = self._new_plan(senior_id, clean, version=1, actor=actor)
            session.add(plan)
            session.flush()
            plan.series_id = plan.id
            session.commit()
            return _info(session, plan)

    def update_draft(
        self,
        plan_id: int,
        data: PlanInput,
        actor: Actor,
        expected_version: int | None = None,
        opened: PlanInfo | None = None,
    ) -> PlanInfo:
        """Replace a draft's contents (the whole form); a signed plan is changed by ``revise`` instead.

        ``expected_version``/``opened``: the draft's ``edit_version`` and the draft as the form
        opened it; if another desk changed the draft since, :class:`~carecenter.conflicts.EditConflictError`
        lists what changed and nothing is written (None: no check).
        """
        return retry_race(lambda: self._update_draft(plan_id, data, actor, expected_version, opened))

    def _update_draft(
        self, plan_id: int, data: PlanInput, actor: Actor, expected_version: int | None, opened: PlanInfo | None
    ) -> PlanInfo:
        require(actor, Permission.ASSESSMENTS)
        with self._sessions(actor) as session:
            plan = _plan(session, plan_id)
            if plan.status is not PlanStatus.DRAFT:
                raise ValidationError(
                    [plan_error("plan", _("only a draft can be changed; editing a signed plan makes a new version"))]
                )
            clean = check_plan(session, data, load_senior(session, plan.senior_id))
            current = as_input(plan)
            if clean != current:
                check_version(
                    session,
                    expected_version,
                    plan.edit_version,
                    lambda: _draft_changes(session, opened, current, clean),
                    plan.updated_by,
                    plan.updated_at,
                )
                fill(plan, clean)
                plan.updated_at, plan.updated_by = stamp(self._clock), actor.username
                touch(plan)
                session.commit()
            return _info(session, plan)

    def revise(self, plan_id: int, data: PlanInput, actor: Actor) -> PlanInfo:
        """修改 a signed plan: a new draft version of the same series; the signed one stays in force until it is signed."""
        require(actor, Permission.ASSESSMENTS)
        with self._sessions(actor) as session:
            plan = _plan(session, plan_id)
            if plan.status is not PlanStatus.ACTIVE:
                raise ValidationError([plan_error("plan", _("only the plan in force can be revised"))])
            senior = load_senior(session, plan.senior_id)
            if (draft := _draft(session, plan.senior_id)) is not None:
                raise ValidationError([plan_error("plan", _draft_exists(draft))])
            clean = check_plan(session, data, senior)
            newest = session.scalar(select(func.max(CarePlan.version)).where(CarePlan.series_id == plan.series_id))
            version = self._new_plan(plan.senior_id, clean, version=(newest or plan.version) + 1, actor=actor)
            version.series_id = plan.series_id
            session.add(version)
            session.commit()
            return _info(session, version)

    def sign(self, plan_id: int, staff_id: int, actor: Actor) -> PlanInfo:
        """签字生效: ``staff_id`` (an active social worker) signs a draft today; it becomes the plan in force."""
        require(actor, Permission.ASSESSMENTS)
        with self._sessions(actor) as session:
            plan = _plan(session, plan_id)
            if plan.status is not PlanStatus.DRAFT:
                reason = _("only a draft can be signed; this plan is {status}").format(status=plan.status.label)
                raise ValidationError([plan_error("plan", reason)])
            senior = load_senior(session, plan.senior_id)
            errors = check_signer(session, staff_id)
            try:
                check_plan(session, as_input(plan), senior)  # a type may have been retired since the draft was saved
            except ValidationError as exc:
                errors.extend(exc.errors)
            if errors:
                raise ValidationError(errors)
            today, now = self._clock.today(), stamp(self._clock)
            for other in session.scalars(
                select(CarePlan).where(CarePlan.senior_id == plan.senior_id, CarePlan.status == PlanStatus.ACTIVE)
            ):
                if other.series_id == plan.series_id:
                    other.status = PlanStatus.SUPERSEDED
                else:
                    other.status = PlanStatus.CLOSED
                    if (other.end_on is None or other.end_on > today) and other.start_on <= today:
                        other.end_on = today
                other.updated_at, other.updated_by = now, actor.username
            plan.status = PlanStatus.ACTIVE
            plan.signed_by_staff_id, plan.signed_on = staff_id, today
            plan.updated_at, plan.updated_by = now, actor.username
            session.commit()
            return _info(session, plan)

    def close(self, plan_id: int, on: dt.date, actor: Actor) -> PlanInfo:
        """结束 the plan in force on ``on`` (today or earlier, not before it started); it stays in the history."""
        require(actor, Permission.ASSESSMENTS)
        with self._sessions(actor) as session:
            plan = _plan(session, plan_id)
            if plan.status is not PlanStatus.ACTIVE:
                raise ValidationError([plan_error("plan", _("only the plan in force can be ended"))])
            if on > self._clock.today():
                raise ValidationError([plan_error("end_on", _("cannot be in the future"))])
            if on < plan.start_on:
                raise ValidationError(
                    [plan_error("end_on", _("cannot be before the start date ({d})").format(d=plan.start_on))]
                )
            plan.status, plan.end_on = PlanStatus.CLOSED, on
            plan.updated_at, plan.updated_by = stamp(self._clock), actor.username
            session.commit()
            return _info(session, plan)

    def discard(self, plan_id: int, actor: Actor) -> None:
        """删除草稿: a draft nobody signed goes (the audit trail keeps what it said); signed plans are kept."""
        require(actor, Permission.ASSESSMENTS)
        with self._sessions(actor) as session:
            plan = _plan(session, plan_id)
            if plan.status is not PlanStatus.DRAFT:
                raise ValidationError([plan_error("plan", _("only a draft can be deleted; signed plans are kept"))])
            session.delete(plan)
            session.commit()

    # ---- reading -----------------------------------------------------------------------

    def get(self, plan_id: int, actor: Actor) -> PlanInfo:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return _info(session, _plan(session, plan_id))

    def current(self, senior_id: int, actor: Actor) -> PlanInfo | None:
        """The plan in force (signed, not closed), None if the senior has none."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            plan = session.scalars(
                _versions(senior_id)
                .where(CarePlan.status == PlanStatus.ACTIVE)
                .order_by(None)
                .order_by(CarePlan.signed_on.desc(), CarePlan.id.desc())
            ).first()
            return _info(session, plan) if plan is not None else None

    def draft(self, senior_id: int, actor: Actor) -> PlanInfo | None:
        """The senior's unsigned draft (a new plan or a new version), if any."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            plan = _draft(session, senior_id)
            return _info(session, plan) if plan is not None else None

    def history(self, senior_id: int, actor: Actor) -> list[PlanInfo]:
        """Every version of every plan of the senior, drafts included, newest first."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            lookups = Lookups.of(session)
            return [lookups.info(p) for p in session.scalars(_versions(senior_id))]

    def planned_services(
        self,
        actor: Actor,
        center_id: int | None = None,
        on: dt.date | None = None,
        staff_id: int | None = None,
    ) -> list[ScheduledService]:
        """Services of the active plans in force on ``on`` (today), by senior; optionally one staff member's."""
        require(actor, Permission.LOOKUP_SENIORS)
        day = on or self._clock.today()
        stmt = (
            select(PlannedService, CarePlan, Senior)
            .join(CarePlan, PlannedService.plan_id == CarePlan.id)
            .join(Senior, CarePlan.senior_id == Senior.id)
            .where(*services_in_force(day))
            .where(Senior.status.in_([Status.ACTIVE]))
            .order_by(Senior.name_sort, Senior.id, PlannedService.position)
        )
        if center_id is not None:
            stmt = stmt.where(Senior.center_id == center_id)
        if staff_id is not None:
            stmt = stmt.where(PlannedService.staff_id == staff_id)
        with self._sessions() as session:
            names = Lookups.of(session)
            return [
                ScheduledService(
                    plan_id=plan.id,
                    senior_id=senior.id,
                    senior_name=senior.name,
                    service_type_id=ps.service_type_id,
                    service_name=names.types[ps.service_type_id].name,
                    day_care=names.types[ps.service_type_id].day_care,
                    weekdays=weekdays_of(ps.weekdays),
                    times_per_month=ps.times_per_month,
                    staff_id=ps.staff_id,
                    staff_name=names.staff_name(ps.staff_id),
                    start_on=ps.start_on or plan.start_on,
                    end_on=ps.end_on or plan.end_on,
                )
                for ps, plan, senior in session.execute(stmt)
            ]

    def day_care_weekdays(self, senior_id: int, day: dt.date, actor: Actor) -> frozenset[int]:
        """The weekdays the senior comes for day care under the plan in force on ``day`` (empty: not expected)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return day_care_weekdays(session, senior_id, day)

    # ---- helpers -----------------------------------------------------------------------

    def _new_plan(self, senior_id: int, data: PlanInput, version: int, actor: Actor) -> CarePlan:
        now = stamp(self._clock)
        plan = CarePlan(
            senior_id=senior_id,
            version=version,
            status=PlanStatus.DRAFT,
            created_at=now,
            created_by=actor.username,
            updated_at=now,
            updated_by=actor.username,
        )
        fill(plan, data)
        return plan


def day_care_weekdays(session: Session, senior_id: int, day: dt.date) -> frozenset[int]:
    """Inside another service's session: the day-care weekdays of ``senior_id``'s plan in force on ``day``.

    Services planned by a number of times per month give no weekday (the senior is not
    expected on a particular day).
    """
    stmt = (
        select(PlannedService.weekdays)
        .join(CarePlan, PlannedService.plan_id == CarePlan.id)
        .join(ServiceType, PlannedService.service_type_id == ServiceType.id)
        .where(CarePlan.senior_id == senior_id, ServiceType.day_care.is_(True), *services_in_force(day))
    )
    days: set[int] = set()
    for code in session.scalars(stmt):
        days |= weekdays_of(code)
    return frozenset(days)


def services_in_force(day: dt.date) -> tuple[ColumnElement[bool], ...]:
    """Conditions on CarePlan and PlannedService: an active plan and a service whose span covers ``day``.

    The one definition of "planned on that day" (day care expected, visits scheduled, plan lists).
    """
    return (
        CarePlan.status == PlanStatus.ACTIVE,
        CarePlan.start_on <= day,
        or_(CarePlan.end_on.is_(None), CarePlan.end_on >= day),
        or_(PlannedService.start_on.is_(None), PlannedService.start_on <= day),
        or_(PlannedService.end_on.is_(None), PlannedService.end_on >= day),
    )


def _draft_changes(
    session: Session, opened: PlanInfo | None, current: PlanInput, yours: PlanInput
) -> list[FieldChange]:
    """The draft's form fields another desk changed since ``opened`` (planned services as one field)."""
    lookups = Lookups.of(session)

    def show(field: str, value: object) -> str:
        if field == "services" and isinstance(value, tuple):
            return "；".join(lookups.service_text(s) for s in value) or shown(None)
        return shown(value)

    before = values_of(opened.as_input()) if opened is not None else None
    return field_changes(_LABELS, before, values_of(current), values_of(yours), show)


def _draft_exists(draft: CarePlan) -> str:
    return _("there is already a draft (version {v}): change or sign it first").format(v=draft.version)


def _plan(session: Session, plan_id: int) -> CarePlan:
    plan = session.get(CarePlan, plan_id)
    if plan is None:
        raise NotFoundError(_("No care plan with number {id}.").format(id=plan_id))
    return plan


def _versions(senior_id: int) -> Select[CarePlan]:
    return (
        select(CarePlan)
        .where(CarePlan.senior_id == senior_id)
        .options(selectinload(CarePlan.services))
        .order_by(CarePlan.id.desc())
    )


def _draft(session: Session, senior_id: int) -> CarePlan | None:
    return session.scalars(_versions(senior_id).where(CarePlan.status == PlanStatus.DRAFT)).first()


def _info(session: Session, plan: CarePlan) -> PlanInfo:
    return Lookups.of(session).info(plan)
