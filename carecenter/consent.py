"""Seniors' consent to the processing of their personal data, and who still needs to give it.

A center keeps the signed paper form; the app records the date, the staff member
who took it, an optional scan, and a withdrawal. The newest record is the senior's
current state. The scan shows the ID number, so only roles that may see full ID
numbers open it, and opening it is recorded in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload, undefer

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.db import audit_hook
from carecenter.db.models import Consent, Senior, Staff
from carecenter.db.sessions import Sessions
from carecenter.domain.text import normalize_line, text_reason
from carecenter.domain.vocab import CURRENT_STATUSES, Status
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, require
from carecenter.seniors.validate import photo_mime

MAX_SCAN_BYTES = 5 * 1024 * 1024

FIELD_LABELS: dict[str, str] = {
    "given_on": N_("Consent date"),
    "taken_by_staff_id": N_("Consent taken by"),
    "scan": N_("Scan of the signed form"),
    "notes": N_("Notes"),
    "withdrawn_on": N_("Consent withdrawn on"),
}


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


@dataclass(frozen=True)
class ConsentInfo:
    id: int
    senior_id: int
    given_on: dt.date
    taken_by_staff_id: int
    taken_by_name: str
    notes: str
    scan_mime: str  # "" when no scan was attached
    withdrawn_on: dt.date | None
    recorded_by: str

    @property
    def valid(self) -> bool:
        return self.withdrawn_on is None


def scan_mime(data: bytes) -> str | None:
    """The type of a scanned form: a photo (JPEG, PNG) or a PDF from a scanner."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return photo_mime(data)


class ConsentService:
    """``cc.consent``. Taking consent is part of registering a senior, so the front desk may record it."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def record(
        self,
        senior_id: int,
        given_on: dt.date,
        taken_by_staff_id: int,
        actor: Actor,
        notes: str = "",
        scan: bytes | None = None,
    ) -> ConsentInfo:
        """The senior signed the form on ``given_on`` before ``taken_by_staff_id``; this becomes the current consent."""
        require(actor, Permission.EDIT_SENIOR_BASICS)
        notes = normalize_line(notes)
        with self._sessions(actor) as session:
            senior = _senior(session, senior_id, "given_on")
            errors = self._check_day("given_on", given_on, senior)
            staff = session.get(Staff, taken_by_staff_id)
            if staff is None or not staff.active:
                errors.append(_error("taken_by_staff_id", _("please choose a staff member who works here")))
            if bad := text_reason(notes, "reason"):
                errors.append(_error("notes", bad))
            mime = ""
            if scan is not None:
                mime = scan_mime(scan) or ""
                if not mime:
                    errors.append(_error("scan", _("must be a PDF, JPEG or PNG file")))
                elif len(scan) > MAX_SCAN_BYTES:
                    errors.append(
                        _error("scan", _("at most 5 MB (this file is {n:.1f} MB)").format(n=len(scan) / 2**20))
                    )
            if errors:
                raise ValidationError(errors)
            consent = Consent(
                senior_id=senior_id,
                given_on=given_on,
                taken_by_staff_id=taken_by_staff_id,
                notes=notes,
                scan_mime=mime,
                scan=scan,
                withdrawn_on=None,
                recorded_at=stamp(self._clock),
                recorded_by=actor.username,
            )
            session.add(consent)
            session.commit()
            return _info(consent)

    def withdraw(self, senior_id: int, withdrawn_on: dt.date, actor: Actor) -> ConsentInfo:
        """The senior withdrew consent on ``withdrawn_on``: the record stays, the senior is listed for follow-up."""
        require(actor, Permission.EDIT_SENIOR_BASICS)
        with self._sessions(actor) as session:
            senior = _senior(session, senior_id, "withdrawn_on")
            consent = _current(session, senior_id)
            if consent is None or consent.withdrawn_on is not None:
                raise ValidationError([_error("withdrawn_on", _("there is no valid consent to withdraw"))])
            errors = self._check_day("withdrawn_on", withdrawn_on, senior)
            if not errors and withdrawn_on < consent.given_on:
                errors.append(
                    _error("withdrawn_on", _("cannot be before the consent ({d})").format(d=consent.given_on))
                )
            if errors:
                raise ValidationError(errors)
            consent.withdrawn_on = withdrawn_on
            session.commit()
            return _info(consent)

    def current(self, senior_id: int, actor: Actor) -> ConsentInfo | None:
        """The senior's newest consent record (withdrawn or not), None if never given."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            consent = _current(session, senior_id)
            return _info(consent) if consent is not None else None

    def history(self, senior_id: int, actor: Actor) -> list[ConsentInfo]:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            rows = session.scalars(_newest_first(senior_id))
            return [_info(c) for c in rows]

    def scan(self, consent_id: int, actor: Actor) -> tuple[str, bytes]:
        """(mime type, bytes) of a signed form's scan; it shows the ID number, so opening it is recorded."""
        require(actor, Permission.SEE_FULL_ID)
        with self._sessions(actor) as session:
            consent = session.scalar(select(Consent).where(Consent.id == consent_id).options(undefer(Consent.scan)))
            if consent is None or consent.scan is None:
                raise NotFoundError(_("This consent has no scan attached."))
            audit_hook.record_event(
                session,
                "view",
                "consent",
                consent.id,
                senior_id=consent.senior_id,
                field="scan",
                after=consent.scan_mime,
            )
            session.commit()
            return consent.scan_mime, consent.scan

    def missing(self, actor: Actor, center_id: int | None = None) -> list[int]:
        """Ids of current (在册/暂停) seniors with no valid consent, by name: the follow-up list."""
        require(actor, Permission.LOOKUP_SENIORS)
        latest = (
            select(Consent.senior_id, func.max(Consent.id).label("consent_id")).group_by(Consent.senior_id).subquery()
        )
        stmt = (
            select(Senior.id)
            .outerjoin(latest, latest.c.senior_id == Senior.id)
            .outerjoin(Consent, Consent.id == latest.c.consent_id)
            .where(
                Senior.status.in_(list(CURRENT_STATUSES)),
                or_(Consent.id.is_(None), Consent.withdrawn_on.is_not(None)),
            )
        )
        if center_id is not None:
            stmt = stmt.where(Senior.center_id == center_id)
        with self._sessions() as session:
            return list(session.scalars(stmt.order_by(Senior.name_sort, Senior.id)))

    def _check_day(self, field: str, day: dt.date, senior: Senior) -> list[FieldError]:
        if day > self._clock.today():
            return [_error(field, _("cannot be in the future"))]
        if day < senior.birth_date:
            return [_error(field, _("cannot be before the senior was born"))]
        return []


def _senior(session: Session, senior_id: int, field: str) -> Senior:
    senior = session.get(Senior, senior_id)
    if senior is None:
        raise NotFoundError(_("No senior with id {id}.").format(id=senior_id))
    if senior.status is Status.DECEASED:
        raise ValidationError([_error(field, _("the senior is recorded as deceased"))])
    return senior


def _newest_first(senior_id: int) -> Select[Consent]:
    """The most recently recorded consent first: it is the senior's current state."""
    return (
        select(Consent)
        .where(Consent.senior_id == senior_id)
        .options(selectinload(Consent.taken_by))
        .order_by(Consent.id.desc())
    )


def _current(session: Session, senior_id: int) -> Consent | None:
    return session.scalars(_newest_first(senior_id).limit(1)).first()


def _info(c: Consent) -> ConsentInfo:
    return ConsentInfo(
        id=c.id,
        senior_id=c.senior_id,
        given_on=c.given_on,
        taken_by_staff_id=c.taken_by_staff_id,
        taken_by_name=c.taken_by.name,
        notes=c.notes,
        scan_mime=c.scan_mime,
        withdrawn_on=c.withdrawn_on,
        recorded_by=c.recorded_by,
    )
