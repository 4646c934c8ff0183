"""``cc.visits``: 九助 home-care visits — the week's schedule, recording, and what became of each visit.

A visit's life: planned (a care plan's weekday slot, or an ad-hoc visit planned ahead with
:meth:`VisitService.plan`), then **done** (``record`` / ``complete``), **missed** (the staff
member went and nobody was home …) or **cancelled** (the senior is in hospital …), each of
the last two with a reason. A plan slot has no row until then: it is named by a
:class:`SlotKey`, and recording it creates the row, unique per (planned service, day). An
ad-hoc record (no slot named) that matches an open slot of the day — same senior, same
service — fills that slot, so the week never shows one visit twice.

Refused, with the field named and nothing written: an end before the start, more than 12
hours, a start on another day than the visit's, a visit recorded as done before it took
place, an unknown or inactive staff member (named: "李娜 已停用"), a retired service type,
day care (that is attendance) or 助餐 (served at the meal desk), a 退出/去世 senior, and a
plan slot recorded twice. Mistakes are voided with a reason (audited), never deleted;
``update`` corrects a done visit's details (the audit trail keeps the old values).
Every write needs ``DAILY_OPERATIONS``; reading needs ``LOOKUP_SENIORS``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import CENTER_TZ, Clock, stamp
from carecenter.conflicts import check_version, fields_of, retry_race
from carecenter.db.desk_models import Visit
from carecenter.db.models import CarePlan, PlannedService, Senior, ServiceType, Staff
from carecenter.db.sessions import Sessions
from carecenter.desk import visit_counts, visit_schedule
from carecenter.desk.edit_conflicts import VISIT_FIELDS, visit_changes
from carecenter.desk.finder import served_senior
from carecenter.desk.visit_dto import (
    FIELD_LABELS,
    MAX_MINUTES,
    DayVisitCounts,
    MonthVisitCounts,
    SlotKey,
    VisitInfo,
    VisitInput,
    VisitPlanInput,
    WeekSchedule,
)
from carecenter.desk.voiding import AlreadyVoidedError, void_reason_error
from carecenter.domain.desk_vocab import Confirmation, VisitPlace, VisitStatus
from carecenter.domain.text import normalize_line, normalize_multiline, text_reason
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import _
from carecenter.permissions import Permission, require


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


def _moment(value: dt.datetime) -> dt.datetime:
    """Naive center time to the minute, as stored (an aware time is converted first)."""
    if value.tzinfo is not None:
        value = value.astimezone(CENTER_TZ).replace(tzinfo=None)
    return value.replace(second=0, microsecond=0)


def _span(start: dt.datetime, end: dt.datetime) -> int:
    return int((end - start).total_seconds() // 60)


class _Checked:
    """A done visit's values as they will be stored."""

    def __init__(self, start: dt.datetime, end: dt.datetime, minutes: int, work: str, confirmed_by: str) -> None:
        self.start, self.end, self.minutes, self.work, self.confirmed_by = start, end, minutes, work, confirmed_by


class VisitService:
    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- reading -------------------------------------------------------------------------

    def week(self, actor: Actor, center_id: int | None, monday: dt.date, staff_id: int | None = None) -> WeekSchedule:
        """The week of ``monday`` (any day of it): its slots and visits, and the month's services by count."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return visit_schedule.week_schedule(session, monday, self._clock.today(), center_id, staff_id)

    def day_counts(self, actor: Actor, center_id: int | None, day: dt.date) -> DayVisitCounts:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return visit_counts.day_counts(session, day, self._clock.today(), center_id)

    def month_counts(self, actor: Actor, center_id: int | None, month: dt.date) -> MonthVisitCounts:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return visit_counts.month_counts(session, month, center_id)

    def get(self, visit_id: int, actor: Actor) -> VisitInfo:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return _info(session, _visit(session, visit_id))

    # ---- recording -----------------------------------------------------------------------

    def record(self, data: VisitInput, actor: Actor) -> VisitInfo:
        """A visit that took place (done); refused with every bad field named, nothing written."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            senior, clean, errors = self._check_done(session, data)
            planned_id = data.planned_service_id
            if planned_id is not None:
                errors.extend(
                    visit_schedule.slot_errors(session, planned_id, data.senior_id, data.service_type_id, data.day)
                )
            if errors or senior is None:
                raise ValidationError(errors)
            if planned_id is None:
                found = visit_schedule.open_slot(session, data.senior_id, data.service_type_id, data.day)
                planned_id = found.id if found is not None else None
            now = stamp(self._clock)
            visit = Visit(
                senior_id=senior.id,
                center_id=senior.center_id,
                planned_service_id=planned_id,
                day=data.day,
                status=VisitStatus.DONE,
                voided=False,
                void_reason="",
                void_key=0,
                created_at=now,
                created_by=actor.username,
            )
            _fill(visit, data, clean, now, actor)
            session.add(visit)
            session.commit()
            return _info(session, visit)

    def plan(self, data: VisitPlanInput, actor: Actor) -> VisitInfo:
        """An ad-hoc visit planned for today or later (status planned), outside the care plans."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            errors: list[FieldError] = []
            senior = _senior(session, data.senior_id, data.day, errors)
            errors.extend(_type_errors(session, data.service_type_id))
            errors.extend(_staff_errors(session, data.staff_id))
            if data.day < self._clock.today():
                errors.append(_error("day", _("is past: record a visit that took place as done")))
            notes = normalize_multiline(data.notes)
            if bad := text_reason(notes, "notes", multiline=True):
                errors.append(_error("work_done", bad))
            if errors or senior is None:
                raise ValidationError(errors)
            now = stamp(self._clock)
            visit = Visit(
                senior_id=senior.id,
                center_id=senior.center_id,
                service_type_id=data.service_type_id,
                staff_id=data.staff_id,
                planned_service_id=None,
                day=data.day,
                status=VisitStatus.PLANNED,
                started_at=dt.datetime.combine(data.day, data.at) if data.at is not None else None,
                place=data.place,
                work_done=notes,
                voided=False,
                void_reason="",
                void_key=0,
                created_at=now,
                created_by=actor.username,
                updated_at=now,
                updated_by=actor.username,
            )
            session.add(visit)
            session.commit()
            return _info(session, visit)

    def complete(self, visit_id: int, data: VisitInput, actor: Actor) -> VisitInfo:
        """A planned visit took place: it becomes done with the form's details."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            visit = _live(session, visit_id)
            senior, clean, errors = self._check_done(session, data)
            if visit.status is not VisitStatus.PLANNED:
                errors.insert(0, _not_planned(visit))
            if data.senior_id != visit.senior_id:
                errors.append(_error("senior_id", _("is not the senior this visit was planned for")))
            if errors or senior is None:
                raise ValidationError(errors)
            visit.status, visit.day = VisitStatus.DONE, data.day
            _fill(visit, data, clean, stamp(self._clock), actor)
            session.commit()
            return _info(session, visit)

    def update(
        self,
        visit_id: int,
        data: VisitInput,
        actor: Actor,
        expected_version: int | None = None,
        opened: VisitInfo | None = None,
    ) -> VisitInfo:
        """Correct a done visit's details (the whole form); unchanged values write nothing.

        ``expected_version``/``opened``: the visit as the form opened it; a field another
        desk changed since raises :class:`~carecenter.conflicts.EditConflictError` and nothing
        is written (None: no check).
        """
        return retry_race(lambda: self._update(visit_id, data, actor, expected_version, opened))

    def _update(
        self, visit_id: int, data: VisitInput, actor: Actor, expected_version: int | None, opened: VisitInfo | None
    ) -> VisitInfo:
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            visit = _live(session, visit_id)
            senior, clean, errors = self._check_done(session, data, kept=visit)
            if visit.status is not VisitStatus.DONE:
                reason = _("only a done visit can be corrected; this one is {status}")
                errors.insert(0, _error("visit", reason.format(status=visit.status.label)))
            if data.senior_id != visit.senior_id:
                errors.append(_error("senior_id", _("cannot be changed: void the visit and record it again")))
            if visit.planned_service_id is not None and data.day != visit.day:
                errors.append(_error("day", _("a planned visit stays on its day: void it and record it again")))
            if errors or senior is None:
                raise ValidationError(errors)
            current = fields_of(visit, VISIT_FIELDS)
            mine = _typed(data, clean)
            if mine == current:
                return _info(session, visit)
            check_version(
                session,
                expected_version,
                visit.version,
                lambda: visit_changes(session, opened, current, mine),
                visit.updated_by,
                visit.updated_at,
            )
            _fill(visit, data, clean, stamp(self._clock), actor)
            session.commit()
            return _info(session, visit)

    def miss(self, target: int | SlotKey, reason: str, actor: Actor, staff_id: int | None = None) -> VisitInfo:
        """未完成: the visit did not take place (nobody home, refused …); the reason is required."""
        return self._close(target, reason, VisitStatus.MISSED, actor, staff_id)

    def cancel(self, target: int | SlotKey, reason: str, actor: Actor, staff_id: int | None = None) -> VisitInfo:
        """取消: the visit is called off (in hospital, family visiting …); the reason is required."""
        return self._close(target, reason, VisitStatus.CANCELLED, actor, staff_id)

    def void(self, visit_id: int, reason: str, actor: Actor) -> VisitInfo:
        """作废 a mistaken record (reason required, audited); a plan slot is open again afterwards."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            visit = _visit(session, visit_id)
            clean, error = void_reason_error(reason)
            if error is not None:
                raise ValidationError([error])
            if visit.voided:
                raise AlreadyVoidedError(_("This record was already voided: {reason}").format(reason=visit.void_reason))
            visit.voided, visit.void_reason, visit.void_key = True, clean, visit.id
            visit.updated_at, visit.updated_by = stamp(self._clock), actor.username
            session.commit()
            return _info(session, visit)

    # ---- helpers -------------------------------------------------------------------------

    def _close(
        self, target: int | SlotKey, reason: str, status: VisitStatus, actor: Actor, staff_id: int | None
    ) -> VisitInfo:
        require(actor, Permission.DAILY_OPERATIONS)
        text = normalize_line(reason)
        errors: list[FieldError] = []
        if bad := text_reason(text, "reason", required=True):
            errors.append(_error("status_reason", bad))
        with self._sessions(actor) as session:
            now = stamp(self._clock)
            if isinstance(target, SlotKey):
                visit = _slot_visit(session, target, staff_id, actor, now, errors)
            else:
                visit = _live(session, target)
                if visit.status is not VisitStatus.PLANNED:
                    errors.insert(0, _not_planned(visit))
            if visit is not None and status is VisitStatus.MISSED and visit.day > now.date():
                errors.append(_error("day", _("a visit cannot be missed before its day; cancel it instead")))
            if errors or visit is None:
                raise ValidationError(errors)
            visit.status, visit.status_reason = status, text
            visit.updated_at, visit.updated_by = now, actor.username
            session.add(visit)
            session.commit()
            return _info(session, visit)

    def _check_done(
        self, session: Session, data: VisitInput, kept: Visit | None = None
    ) -> tuple[Senior | None, _Checked, list[FieldError]]:
        """The senior, the values to store, and every refusal of a done visit's form (the plan slot apart).

        Correcting a visit (``kept``) may keep its staff member and service type even if they
        have been deactivated or retired since.
        """
        errors: list[FieldError] = []
        now = stamp(self._clock).replace(second=0)
        senior = _senior(session, data.senior_id, data.day, errors)
        if kept is None or data.service_type_id != kept.service_type_id:
            errors.extend(_type_errors(session, data.service_type_id))
        errors.extend(_staff_errors(session, data.staff_id, active=kept is None or data.staff_id != kept.staff_id))
        if data.day > now.date():
            errors.append(_error("day", _("is in the future: a visit is recorded once it has taken place")))
        start = _moment(data.started_at) if data.started_at is not None else None
        end = _moment(data.ended_at) if data.ended_at is not None else None
        minutes = data.minutes
        if start is None:
            errors.append(_error("started_at", _("is required")))
        elif start.date() != data.day:
            errors.append(_error("started_at", _("must be on the day of the visit ({d})").format(d=data.day)))
        elif start > now and data.day <= now.date():
            errors.append(_error("started_at", _("is in the future: a visit is recorded once it has taken place")))
        if end is None and minutes is None:
            errors.append(_error("ended_at", _("give the end time or the duration")))
        elif start is not None and end is not None:
            span = _span(start, end)
            if end <= start:
                errors.append(
                    _error("ended_at", _("cannot be before the start ({t})").format(t=start.strftime("%H:%M")))
                )
            elif span > MAX_MINUTES:
                errors.append(
                    _error("ended_at", _("a visit lasts at most 12 hours (this one {h})").format(h=_hm(span)))
                )
            elif end > now:
                errors.append(_error("ended_at", _("is in the future: a visit is recorded once it has taken place")))
            elif minutes is not None and minutes != span:
                errors.append(_error("minutes", _("does not match the start and end ({n} minutes)").format(n=span)))
            minutes = span
        elif start is not None and minutes is not None:
            if minutes < 1:
                errors.append(_error("minutes", _("must be at least 1")))
            elif minutes > MAX_MINUTES:
                errors.append(
                    _error("minutes", _("a visit lasts at most 12 hours ({n} minutes)").format(n=MAX_MINUTES))
                )
            else:
                end = start + dt.timedelta(minutes=minutes)
                if end > now:
                    errors.append(
                        _error("minutes", _("ends in the future: a visit is recorded once it has taken place"))
                    )
        if not isinstance(data.place, VisitPlace):
            errors.append(_error("place", _("please choose where the service took place")))
        work = normalize_multiline(data.work_done)
        if bad := text_reason(work, "notes", multiline=True):
            errors.append(_error("work_done", bad))
        confirmed_by = normalize_line(data.confirmed_by_name) if data.confirmation is not Confirmation.NONE else ""
        if not isinstance(data.confirmation, Confirmation):
            errors.append(_error("confirmation", _("please choose who confirmed the visit")))
        elif data.confirmation is Confirmation.FAMILY and not confirmed_by:
            errors.append(_error("confirmed_by_name", _("is required: which family member confirmed")))
        elif bad := text_reason(confirmed_by, "contact_name"):
            errors.append(_error("confirmed_by_name", bad))
        fallback = start or dt.datetime.combine(data.day, dt.time())
        return senior, _Checked(fallback, end or fallback, minutes or 0, work, confirmed_by), errors


def _hm(minutes: int) -> str:
    return _("{h} h {m} min").format(h=minutes // 60, m=minutes % 60)


def _senior(session: Session, senior_id: int, day: dt.date, errors: list[FieldError]) -> Senior | None:
    try:
        return served_senior(session, senior_id, day)
    except FieldError as exc:
        errors.append(exc)
    except NotFoundError as exc:
        errors.append(_error("senior_id", str(exc)))
    return None


def _type_errors(session: Session, type_id: int) -> list[FieldError]:
    kind = session.get(ServiceType, type_id)
    if kind is None:
        return [_error("service_type_id", _("please choose a service from the catalogue"))]
    if kind.retired:
        return [_error("service_type_id", _("the service “{name}” is retired").format(name=kind.name))]
    if kind.day_care:
        return [
            _error(
                "service_type_id", _("“{name}” is attendance: check the senior in at day care").format(name=kind.name)
            )
        ]
    if not visit_schedule.visit_service(kind):
        return [_error("service_type_id", _("“{name}” is recorded when the meal is served").format(name=kind.name))]
    return []


def _staff_errors(session: Session, staff_id: int | None, active: bool = True) -> list[FieldError]:
    member = session.get(Staff, staff_id) if staff_id is not None else None
    if member is None:
        return [_error("staff_id", _("please choose who made the visit"))]
    if active and not member.active:
        return [_error("staff_id", _("{name} is inactive").format(name=member.name))]
    return []


def _slot_visit(
    session: Session, key: SlotKey, staff_id: int | None, actor: Actor, now: dt.datetime, errors: list[FieldError]
) -> Visit | None:
    """A new row for a plan slot being marked missed or cancelled (whoever was to go; the desk when nobody was)."""
    service = session.get(PlannedService, key.planned_service_id)
    plan = session.get(CarePlan, service.plan_id) if service is not None else None
    if service is None or plan is None or not service.weekdays:
        errors.append(_error("planned_service_id", _("is not a weekday visit of a care plan")))
        return None
    senior = _senior(session, plan.senior_id, key.day, errors)
    kind = session.get(ServiceType, service.service_type_id)
    if kind is not None and not visit_schedule.visit_service(kind):
        errors.append(_error("planned_service_id", _("is not a weekday visit of a care plan")))
    errors.extend(visit_schedule.slot_errors(session, service.id, plan.senior_id, service.service_type_id, key.day))
    staff = staff_id or service.staff_id or actor.staff_id
    if staff is None:
        errors.append(_error("staff_id", _("nobody is assigned to this visit: choose the staff member")))
    else:
        errors.extend(_staff_errors(session, staff, active=False))
    if senior is None or staff is None:
        return None
    return Visit(
        senior_id=senior.id,
        center_id=senior.center_id,
        service_type_id=service.service_type_id,
        staff_id=staff,
        planned_service_id=service.id,
        day=key.day,
        place=VisitPlace.HOME,
        work_done="",
        confirmation=Confirmation.NONE,
        confirmed_by_name="",
        voided=False,
        void_reason="",
        void_key=0,
        created_at=now,
        created_by=actor.username,
    )


def _fill(visit: Visit, data: VisitInput, clean: _Checked, now: dt.datetime, actor: Actor) -> None:
    visit.service_type_id, visit.staff_id, visit.day = data.service_type_id, data.staff_id, data.day
    visit.started_at, visit.ended_at, visit.minutes = clean.start, clean.end, clean.minutes
    visit.place, visit.work_done = data.place, clean.work
    visit.confirmation, visit.confirmed_by_name = data.confirmation, clean.confirmed_by
    visit.updated_at, visit.updated_by = now, actor.username


def _typed(data: VisitInput, clean: _Checked) -> dict[str, object]:
    """The form's fields as :func:`_fill` would store them (names as in ``VISIT_FIELDS``)."""
    return {
        "service_type_id": data.service_type_id,
        "staff_id": data.staff_id,
        "day": data.day,
        "started_at": clean.start,
        "ended_at": clean.end,
        "minutes": clean.minutes,
        "place": data.place,
        "work_done": clean.work,
        "confirmation": data.confirmation,
        "confirmed_by_name": clean.confirmed_by,
    }


def _not_planned(visit: Visit) -> FieldError:
    return _error("visit", _("this visit is already {status}").format(status=visit.status.label))


def _visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFoundError(_("No visit with id {id}.").format(id=visit_id))
    return visit


def _live(session: Session, visit_id: int) -> Visit:
    visit = _visit(session, visit_id)
    if visit.voided:
        raise ValidationError([_error("visit", _("was voided: {reason}").format(reason=visit.void_reason))])
    return visit


def _info(session: Session, v: Visit) -> VisitInfo:
    senior = session.get(Senior, v.senior_id)
    kind = session.get(ServiceType, v.service_type_id)
    staff = session.get(Staff, v.staff_id)
    return VisitInfo(
        id=v.id,
        senior_id=v.senior_id,
        senior_name=senior.name if senior else "",
        member_no=senior.member_no if senior else "",
        center_id=v.center_id,
        service_type_id=v.service_type_id,
        service_name=kind.name if kind else "",
        staff_id=v.staff_id,
        staff_name=staff.name if staff else "",
        planned_service_id=v.planned_service_id,
        day=v.day,
        status=v.status,
        started_at=v.started_at,
        ended_at=v.ended_at,
        minutes=v.minutes,
        place=v.place,
        work_done=v.work_done,
        confirmation=v.confirmation,
        confirmed_by_name=v.confirmed_by_name,
        status_reason=v.status_reason,
        voided=v.voided,
        void_reason=v.void_reason,
        created_at=v.created_at,
        created_by=v.created_by,
        updated_at=v.updated_at,
        updated_by=v.updated_by,
        version=v.version,
    )
