"""``cc.calls``: the call log (助急 / 呼叫) — who called about whom, why, what was done, the follow-up.

A call may be about a registered senior or about someone who is not (a neighbour calling
about the old man next door): the senior is optional, and then the call names its center.
Calls about a 退出 or 去世 senior are logged too (a family calling to say so is a call).

A fall reported by phone is recorded in the same step: :meth:`CallService.log` with an
``incident`` writes the incident (checked exactly as the incident log checks it,
:func:`carecenter.care.incidents.new_incident`) and the call in one transaction and links
them; if either is refused, neither is written. Voiding a call leaves its incident in the
senior's log: the fall happened, whatever was wrong with the call's record.

Writes need ``DAILY_OPERATIONS`` (recording an incident also ``EDIT_SENIOR_BASICS``);
reads ``LOOKUP_SENIORS``. An urgent call stays in :meth:`CallService.open_urgent` (the
today page) whatever its day, until it is closed with a note.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.care.incidents import IncidentInput, new_incident
from carecenter.clock import CENTER_TZ, Clock, stamp
from carecenter.conflicts import check_version, fields_of, retry_race
from carecenter.db.desk_models import Call
from carecenter.db.models import Center, Incident, Senior
from carecenter.db.sessions import Sessions
from carecenter.desk import voiding
from carecenter.desk.call_dto import (
    FIELD_LABELS,
    INCIDENT_FIELD_PREFIX,
    CallCounts,
    CallInfo,
    CallInput,
    needs_follow_up,
)
from carecenter.desk.edit_conflicts import CALL_FIELDS, call_changes
from carecenter.domain.desk_vocab import CallerKind, Urgency
from carecenter.domain.months import first_day, last_day
from carecenter.domain.text import (
    LIMITS,
    PHONE_RE,
    normalize_line,
    normalize_multiline,
    normalize_phone,
    text_reason,
)
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import _
from carecenter.permissions import Permission, require


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


def _refuse(field: str, reason: str) -> ValidationError:
    return ValidationError([_error(field, reason)])


class CallService:
    """``cc.calls``: log, correct, close and void calls; the open ones, a period's, a month's counts."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- writing -------------------------------------------------------------------------

    def log(self, data: CallInput, actor: Actor, incident: IncidentInput | None = None) -> CallInfo:
        """Log a call (and the incident it reports, in the same transaction); refused with every bad field named."""
        require(actor, Permission.DAILY_OPERATIONS)
        if incident is not None:
            require(actor, Permission.EDIT_SENIOR_BASICS)
        with self._sessions(actor) as session:
            values, senior, errors = _check(session, data, stamp(self._clock))
            incident_row = None
            if incident is not None:
                if senior is None:
                    errors.append(_error("senior_id", _("an incident needs a senior: choose who it happened to")))
                else:
                    try:
                        incident_row = new_incident(senior, incident, self._clock, actor)
                    except ValidationError as exc:
                        errors.extend(_as_incident_field(e) for e in exc.errors)
            if errors:
                raise ValidationError(errors)
            now = stamp(self._clock)
            call = Call(**values, created_at=now, created_by=actor.username, updated_at=now, updated_by=actor.username)
            if not needs_follow_up(call.urgency, call.follow_up_on):
                call.closed_at = now  # handled on the spot: nothing left to do
            if incident_row is not None:
                session.add(incident_row)
                session.flush()
                call.incident_id = incident_row.id
            session.add(call)
            session.commit()
            return _info(session, call)

    def update(
        self,
        call_id: int,
        data: CallInput,
        actor: Actor,
        expected_version: int | None = None,
        opened: CallInfo | None = None,
    ) -> CallInfo:
        """Correct a call (the whole form replaces the old values); unchanged values write nothing.

        A call that now needs a follow-up (made urgent, or given a follow-up date) is open
        again; one that no longer does is closed. The senior of a call that recorded an
        incident cannot change (the incident is theirs). ``expected_version``/``opened``: the
        call as the form opened it; a field another desk changed since raises
        :class:`~carecenter.conflicts.EditConflictError` and nothing is written (None: no check).
        """
        return retry_race(lambda: self._update(call_id, data, actor, expected_version, opened))

    def _update(
        self, call_id: int, data: CallInput, actor: Actor, expected_version: int | None, opened: CallInfo | None
    ) -> CallInfo:
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            call = _live_call(session, call_id)
            values, _senior, errors = _check(session, data, stamp(self._clock), call.received_at)
            if call.incident_id is not None and values["senior_id"] != call.senior_id:
                errors.append(_error("senior_id", _("this call recorded an incident: the senior cannot change")))
            if errors:
                raise ValidationError(errors)
            needed = needs_follow_up(call.urgency, call.follow_up_on)
            current = fields_of(call, CALL_FIELDS)
            if any(current[key] != value for key, value in values.items()):
                check_version(
                    session,
                    expected_version,
                    call.version,
                    lambda: call_changes(session, opened, current, values),
                    call.updated_by,
                    call.updated_at,
                )
                for key, value in values.items():
                    setattr(call, key, value)
                now = stamp(self._clock)
                needs = needs_follow_up(call.urgency, call.follow_up_on)
                if needs and not needed and call.closed_at is not None:
                    call.closed_at, call.closing_note = None, ""
                elif needed and not needs and call.closed_at is None:
                    call.closed_at = now
                call.updated_at, call.updated_by = now, actor.username
                session.commit()
            return _info(session, call)

    def close(self, call_id: int, note: str, actor: Actor) -> CallInfo:
        """The follow-up is done: close the call with what was done (a note is required for an urgent call)."""
        require(actor, Permission.DAILY_OPERATIONS)
        note = normalize_line(note)
        with self._sessions(actor) as session:
            call = _live_call(session, call_id)
            if call.closed_at is not None:
                when = call.closed_at.isoformat(sep=" ", timespec="minutes")
                raise _refuse("closing_note", _("this call was already closed ({at})").format(at=when))
            if bad := text_reason(note, "reason", required=call.urgency is Urgency.URGENT):
                if not note:
                    bad = _("is required for an urgent call: say what was done")
                raise _refuse("closing_note", bad)
            now = stamp(self._clock)
            call.closed_at, call.closing_note = now, note
            call.updated_at, call.updated_by = now, actor.username
            session.commit()
            return _info(session, call)

    def void(self, call_id: int, reason: str, actor: Actor) -> CallInfo:
        """Take back a mistaken call with a reason (audited); an incident it recorded stays in the senior's log."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            call = _call(session, call_id)
            voiding.void(call, reason)
            call.updated_at, call.updated_by = stamp(self._clock), actor.username
            session.commit()
            return _info(session, call)

    # ---- reading -------------------------------------------------------------------------

    def get(self, call_id: int, actor: Actor) -> CallInfo:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return _info(session, _call(session, call_id))

    def open_calls(self, actor: Actor, center_id: int | None = None) -> list[CallInfo]:
        """Every open call, urgent first, then by follow-up date (none last), then oldest first."""
        require(actor, Permission.LOOKUP_SENIORS)
        stmt = _listed(center_id).where(Call.closed_at.is_(None)).order_by(*_open_order())
        with self._sessions() as session:
            return _infos(session, stmt)

    def open_urgent(self, actor: Actor, center_id: int | None = None) -> list[CallInfo]:
        """The urgent calls not yet closed, whatever their day, oldest first (the today page)."""
        require(actor, Permission.LOOKUP_SENIORS)
        stmt = (
            _listed(center_id)
            .where(Call.closed_at.is_(None), Call.urgency == Urgency.URGENT)
            .order_by(Call.received_at, Call.id)
        )
        with self._sessions() as session:
            return _infos(session, stmt)

    def month_counts(self, actor: Actor, center_id: int | None, month: dt.date) -> CallCounts:
        """The month's calls by urgency and by caller, how many are closed or still open, incidents recorded."""
        require(actor, Permission.LOOKUP_SENIORS)
        month = first_day(month)
        closed = case((Call.closed_at.is_(None), 0), else_=1)
        with_incident = case((Call.incident_id.is_(None), 0), else_=1)
        stmt = _in_days(
            select(Call.urgency, Call.caller_kind, closed, with_incident, func.count()).where(Call.voided.is_(False)),
            month,
            last_day(month),
        ).group_by(Call.urgency, Call.caller_kind, closed, with_incident)
        if center_id is not None:
            stmt = stmt.where(Call.center_id == center_id)
        by_urgency = dict.fromkeys(Urgency, 0)
        by_caller = dict.fromkeys(CallerKind, 0)
        total = n_closed = incidents = 0
        with self._sessions() as session:
            for urgency, caller, is_closed, has_incident, n in session.execute(stmt):
                by_urgency[urgency] += n
                by_caller[caller] += n
                total += n
                n_closed += n if is_closed else 0
                incidents += n if has_incident else 0
        return CallCounts(month, total, by_urgency, by_caller, n_closed, total - n_closed, incidents)

    def list(self, actor: Actor, center_id: int | None, first: dt.date, last: dt.date) -> list[CallInfo]:
        """The calls received from ``first`` to ``last`` (both included), newest first."""
        require(actor, Permission.LOOKUP_SENIORS)
        stmt = _in_days(_listed(center_id), first, last).order_by(Call.received_at.desc(), Call.id.desc())
        with self._sessions() as session:
            return _infos(session, stmt)


def _check(
    session: Session, data: CallInput, now: dt.datetime, received_default: dt.datetime | None = None
) -> tuple[dict[str, Any], Senior | None, list[FieldError]]:
    """The call's column values, its senior (if named), and every refused field (nothing raised here)."""
    errors: list[FieldError] = []
    senior: Senior | None = None
    center_id = data.center_id
    if data.senior_id is not None:
        senior = session.get(Senior, data.senior_id)
        if senior is None:
            errors.append(_error("senior_id", _("no such senior")))
        else:
            center_id = senior.center_id
    if center_id is None:
        if senior is None and data.senior_id is None:
            errors.append(_error("center_id", _("choose the center the call is for (no senior is named)")))
    elif session.get(Center, center_id) is None:
        errors.append(_error("center_id", _("no such center")))
    if data.received_at is None:
        received = received_default or now
    else:
        received = _center_time(data.received_at)
        if received > now:
            errors.append(_error("received_at", _("cannot be in the future")))
    if not isinstance(data.caller_kind, CallerKind):
        errors.append(_error("caller_kind", _("please choose who called")))
    if not isinstance(data.urgency, Urgency):
        errors.append(_error("urgency", _("please choose the urgency")))
    name = normalize_line(data.caller_name)
    if bad := text_reason(name, "contact_name"):
        errors.append(_error("caller_name", bad))
    phone = normalize_phone(data.caller_phone)
    if phone and (not PHONE_RE.match(phone) or len(phone) > LIMITS["phone"]):
        errors.append(_error("caller_phone", _("“{p}” is not a phone number").format(p=phone)))
    reason = normalize_multiline(data.reason)
    if bad := text_reason(reason, "notes", required=True, multiline=True):
        errors.append(_error("reason", bad))
    action = normalize_multiline(data.action_taken)
    if bad := text_reason(action, "notes", multiline=True):
        errors.append(_error("action_taken", bad))
    if data.follow_up_on is not None and data.follow_up_on < received.date():
        reason_text = _("cannot be before the day of the call ({d})").format(d=received.date().isoformat())
        errors.append(_error("follow_up_on", reason_text))
    values: dict[str, Any] = {
        "center_id": center_id,
        "senior_id": data.senior_id,
        "received_at": received,
        "caller_kind": data.caller_kind,
        "caller_name": name,
        "caller_phone": phone,
        "reason": reason,
        "urgency": data.urgency,
        "action_taken": action,
        "follow_up_on": data.follow_up_on,
    }
    return values, senior, errors


# ---- helpers ---------------------------------------------------------------------------------


def _center_time(value: dt.datetime) -> dt.datetime:
    """As stored: naive center time, whole seconds (an aware time is converted first)."""
    if value.tzinfo is not None:
        value = value.astimezone(CENTER_TZ).replace(tzinfo=None)
    return value.replace(microsecond=0)


def _as_incident_field(error: FieldError) -> FieldError:
    """An incident's refusal as the call form shows it: under the incident's own field."""
    return FieldError(
        INCIDENT_FIELD_PREFIX + error.field, _("Incident: {label}").format(label=error.label), error.reason
    )


def _call(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise NotFoundError(_("No call with id {id}.").format(id=call_id))
    return call


def _live_call(session: Session, call_id: int) -> Call:
    """The call, unless it was voided (a voided call is not changed any more)."""
    call = _call(session, call_id)
    if call.voided:
        raise voiding.AlreadyVoidedError(_("This record was already voided: {reason}").format(reason=call.void_reason))
    return call


def _listed(center_id: int | None) -> Any:
    """Live calls with their senior's name and number and the incident's kind."""
    stmt = (
        select(Call, Senior.name, Senior.member_no, Incident.kind)
        .outerjoin(Senior, Senior.id == Call.senior_id)
        .outerjoin(Incident, Incident.id == Call.incident_id)
        .where(Call.voided.is_(False))
    )
    return stmt if center_id is None else stmt.where(Call.center_id == center_id)


def _in_days(stmt: Any, first: dt.date, last: dt.date) -> Any:
    start = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    return stmt.where(Call.received_at >= start, Call.received_at < end)


def _open_order() -> tuple[Any, ...]:
    return (
        case((Call.urgency == Urgency.URGENT, 0), else_=1),
        case((Call.follow_up_on.is_(None), 1), else_=0),
        Call.follow_up_on,
        Call.received_at,
        Call.id,
    )


def _infos(session: Session, stmt: Any) -> list[CallInfo]:
    return [_info_of(call, name, member_no, kind) for call, name, member_no, kind in session.execute(stmt)]


def _info(session: Session, call: Call) -> CallInfo:
    senior = session.get(Senior, call.senior_id) if call.senior_id is not None else None
    incident = session.get(Incident, call.incident_id) if call.incident_id is not None else None
    return _info_of(
        call,
        senior.name if senior else None,
        senior.member_no if senior else None,
        incident.kind if incident else None,
    )


def _info_of(call: Call, name: str | None, member_no: str | None, kind: Any) -> CallInfo:
    return CallInfo(
        id=call.id,
        center_id=call.center_id,
        senior_id=call.senior_id,
        senior_name=name or "",
        senior_member_no=member_no or "",
        received_at=call.received_at,
        caller_kind=call.caller_kind,
        caller_name=call.caller_name,
        caller_phone=call.caller_phone,
        reason=call.reason,
        urgency=call.urgency,
        action_taken=call.action_taken,
        follow_up_on=call.follow_up_on,
        closed_at=call.closed_at,
        closing_note=call.closing_note,
        incident_id=call.incident_id,
        incident_kind=kind,
        voided=call.voided,
        void_reason=call.void_reason,
        created_at=call.created_at,
        created_by=call.created_by,
        updated_at=call.updated_at,
        updated_by=call.updated_by,
        version=call.version,
    )
