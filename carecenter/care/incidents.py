"""The incident log: falls, choking, wandering, self-harm, hospital stays and other events that matter for care.

Anyone who may edit a senior's details records incidents (the front desk is often the
first to hear of a fall). Falls, choking, wandering and self-harm are GB/T 42195's
care-risk incidents: two of them in the 30 days before an assessment make the level
one worse (``cc.assessments.risk_incidents_before`` counts them), and any incident puts
the senior on the due list for a reassessment at once (:mod:`carecenter.care.due`).

A hospital stay may carry the day the senior came home (``ended_on``); it stays empty
while the senior is still in hospital. Nothing is deleted: a wrong entry is corrected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.conflicts import apply_form, retry_race
from carecenter.db.models import Incident, Senior
from carecenter.db.sessions import Sessions
from carecenter.domain.text import normalize_multiline, text_reason
from carecenter.domain.vocab import CARE_RISK_INCIDENTS, IncidentKind, Status
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, require
from carecenter.seniors.records import load as load_senior

FIELD_LABELS: dict[str, str] = {
    "kind": N_("Kind of incident"),
    "occurred_on": N_("Date of the incident"),
    "ended_on": N_("Home from hospital on"),
    "description": N_("What happened"),
    "action_taken": N_("What was done"),
}


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


@dataclass(frozen=True)
class IncidentInput:
    """What the incident form submits, as typed; the core trims and checks it.

    ``ended_on`` is only for a hospital stay, and stays None while the senior is still there.
    """

    kind: IncidentKind
    occurred_on: dt.date
    description: str
    action_taken: str = ""
    ended_on: dt.date | None = None


@dataclass(frozen=True)
class IncidentInfo:
    """One recorded incident, with who recorded it and who changed it last."""

    id: int
    senior_id: int
    kind: IncidentKind
    occurred_on: dt.date
    ended_on: dt.date | None
    description: str
    action_taken: str
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    version: int  # the edit version: the incident form sends it back as ``expected_version``

    @property
    def care_risk(self) -> bool:
        """A GB/T 42195 care-risk incident (fall, choking, wandering, self-harm)."""
        return self.kind in CARE_RISK_INCIDENTS

    @property
    def still_in_hospital(self) -> bool:
        return self.kind is IncidentKind.HOSPITAL and self.ended_on is None


class IncidentService:
    """``cc.incidents``: record, correct and list a senior's incidents."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def record(self, senior_id: int, data: IncidentInput, actor: Actor) -> IncidentInfo:
        """Add an incident to the senior's log; refused with every bad field named, nothing saved."""
        require(actor, Permission.EDIT_SENIOR_BASICS)
        with self._sessions(actor) as session:
            senior = load_senior(session, senior_id)
            incident = new_incident(senior, data, self._clock, actor)
            session.add(incident)
            session.commit()
            return _info(incident)

    def update(
        self,
        incident_id: int,
        data: IncidentInput,
        actor: Actor,
        expected_version: int | None = None,
        opened: IncidentInfo | None = None,
    ) -> IncidentInfo:
        """Correct an incident (the whole form replaces the old values); unchanged values write nothing.

        ``expected_version``/``opened``: the incident as the form opened it; a field another desk
        changed since raises :class:`~carecenter.conflicts.EditConflictError` and nothing is
        written (None: no check).
        """
        return retry_race(lambda: self._update(incident_id, data, actor, expected_version, opened))

    def _update(
        self,
        incident_id: int,
        data: IncidentInput,
        actor: Actor,
        expected_version: int | None,
        opened: IncidentInfo | None,
    ) -> IncidentInfo:
        require(actor, Permission.EDIT_SENIOR_BASICS)
        with self._sessions(actor) as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFoundError(_("No incident with id {id}.").format(id=incident_id))
            description, action = check_incident(data, load_senior(session, incident.senior_id), self._clock.today())
            new: dict[str, object] = {
                "kind": data.kind,
                "occurred_on": data.occurred_on,
                "ended_on": data.ended_on,
                "description": description,
                "action_taken": action,
            }
            if apply_form(session, incident, new, FIELD_LABELS, expected_version, opened):
                incident.updated_at, incident.updated_by = stamp(self._clock), actor.username
                session.commit()
            return _info(incident)

    def get(self, incident_id: int, actor: Actor) -> IncidentInfo:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFoundError(_("No incident with id {id}.").format(id=incident_id))
            return _info(incident)

    def for_senior(self, senior_id: int, actor: Actor) -> list[IncidentInfo]:
        """The senior's incidents, newest first (by the day it happened, then the order recorded)."""
        require(actor, Permission.LOOKUP_SENIORS)
        stmt = (
            select(Incident)
            .where(Incident.senior_id == senior_id)
            .order_by(Incident.occurred_on.desc(), Incident.id.desc())
        )
        with self._sessions() as session:
            return [_info(i) for i in session.scalars(stmt)]


def new_incident(senior: Senior, data: IncidentInput, clock: Clock, actor: Actor) -> Incident:
    """A checked, unsaved incident of ``senior`` (ValidationError naming every bad field, nothing added).

    Shared with the call log, which records an incident reported by phone in the same transaction.
    """
    description, action = check_incident(data, senior, clock.today())
    now = stamp(clock)
    return Incident(
        senior_id=senior.id,
        kind=data.kind,
        occurred_on=data.occurred_on,
        ended_on=data.ended_on,
        description=description,
        action_taken=action,
        created_at=now,
        created_by=actor.username,
        updated_at=now,
        updated_by=actor.username,
    )


def check_incident(data: IncidentInput, senior: Senior, today: dt.date) -> tuple[str, str]:
    """The trimmed (description, action taken), or ValidationError naming every bad field."""
    errors: list[FieldError] = []
    if not isinstance(data.kind, IncidentKind):
        errors.append(_error("kind", _("please choose what happened")))
    if data.occurred_on > today:
        errors.append(_error("occurred_on", _("cannot be in the future")))
    elif data.occurred_on < senior.birth_date:
        errors.append(_error("occurred_on", _("cannot be before the senior was born")))
    elif senior.status is Status.DECEASED and data.occurred_on > senior.status_since:
        errors.append(_error("occurred_on", _("cannot be after the senior died ({d})").format(d=senior.status_since)))
    if data.ended_on is not None:
        if data.kind is not IncidentKind.HOSPITAL:
            errors.append(_error("ended_on", _("only a hospital stay has an end date")))
        elif data.ended_on < data.occurred_on:
            errors.append(_error("ended_on", _("cannot be before the stay began ({d})").format(d=data.occurred_on)))
        elif data.ended_on > today:
            errors.append(_error("ended_on", _("cannot be in the future; leave it blank while still in hospital")))
    description = normalize_multiline(data.description)
    action = normalize_multiline(data.action_taken)
    if bad := text_reason(description, "notes", required=True, multiline=True):
        errors.append(_error("description", bad))
    if bad := text_reason(action, "notes", multiline=True):
        errors.append(_error("action_taken", bad))
    if errors:
        raise ValidationError(errors)
    return description, action


def _info(i: Incident) -> IncidentInfo:
    return IncidentInfo(
        id=i.id,
        senior_id=i.senior_id,
        kind=i.kind,
        occurred_on=i.occurred_on,
        ended_on=i.ended_on,
        description=i.description,
        action_taken=i.action_taken,
        created_at=i.created_at,
        created_by=i.created_by,
        updated_at=i.updated_at,
        updated_by=i.updated_by,
        version=i.version,
    )
