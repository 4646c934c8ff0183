"""Registering, editing, finding and changing the status of seniors.

Each public method is one transaction on its own session and returns plain
dataclasses. Writes take the acting staff member, check the role's rights
(:mod:`carecenter.permissions`) and stamp the record with it. Reads of personal
data take the actor too: ID numbers leave the core masked (410105********0420)
unless the role may see them in full, so no screen or export can forget to mask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.conflicts import check_version, retry_race, touch
from carecenter.db.models import (
    Center,
    Senior,
    StatusChange,
)
from carecenter.db.sessions import Sessions
from carecenter.domain import idnumber
from carecenter.domain.idnumber import mask
from carecenter.domain.text import normalize_line, text_reason
from carecenter.domain.vocab import CURRENT_STATUSES, STATUS_TRANSITIONS, Status
from carecenter.errors import ValidationError
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed, require
from carecenter.seniors import search
from carecenter.seniors.dto import (
    CategoryPeriod,
    SeniorDetail,
    SeniorInput,
    SeniorRow,
)
from carecenter.seniors.edit_conflicts import senior_changes
from carecenter.seniors.records import apply_input, detail_of, load, new_senior, next_member_no, row_of
from carecenter.seniors.validate import clean, field_error


class SeniorService:
    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- reading -------------------------------------------------------------------------

    def search_ids(
        self,
        query: str = "",
        center_id: int | None = None,
        statuses: Sequence[Status] | None = CURRENT_STATUSES,
        sort: search.Sort | None = None,
    ) -> list[int]:
        """Every matching id, best first (or by ``sort``): cheap enough to hold while rows load lazily."""
        with self._sessions() as session:
            return list(session.scalars(search.ids_query(query, center_id, statuses, sort)))

    def rows(self, ids: Sequence[int], actor: Actor, full_ids: bool = False) -> list[SeniorRow]:
        """Row snapshots for ``ids``, in the order given (unknown ids are skipped).

        Lists show ID numbers masked for everyone; ``full_ids`` (an export) gives full numbers
        to roles that may see them, and the caller records that disclosure.
        """
        require(actor, Permission.LOOKUP_SENIORS)
        if not ids:
            return []
        today = self._clock.today()
        full = full_ids and allowed(actor, Permission.SEE_FULL_ID)
        with self._sessions() as session:
            seniors = session.scalars(
                select(Senior)
                .where(Senior.id.in_(list(ids)))
                .options(selectinload(Senior.center), selectinload(Senior.phones), selectinload(Senior.categories))
            ).all()
            by_id = {s.id: row_of(s, today, full) for s in seniors}
        return [by_id[i] for i in ids if i in by_id]

    def communities(self, center_id: int | None = None) -> list[str]:
        """Communities already in use (for suggestions while typing), by how many seniors live there."""
        with self._sessions() as session:
            stmt = select(Senior.community).where(Senior.community != "")
            if center_id is not None:
                stmt = stmt.where(Senior.center_id == center_id)
            stmt = stmt.group_by(Senior.community).order_by(func.count(Senior.id).desc(), Senior.community)
            return list(session.scalars(stmt))

    def list(
        self,
        actor: Actor,
        query: str = "",
        center_id: int | None = None,
        statuses: Sequence[Status] | None = CURRENT_STATUSES,
        full_ids: bool = False,
    ) -> list[SeniorRow]:
        return self.rows(self.search_ids(query, center_id, statuses), actor, full_ids)

    def count(self, center_id: int | None = None) -> int:
        with self._sessions() as session:
            stmt = select(func.count(Senior.id))
            if center_id is not None:
                stmt = stmt.where(Senior.center_id == center_id)
            return session.scalar(stmt) or 0

    def get(self, senior_id: int, actor: Actor, with_photo: bool = False) -> SeniorDetail:
        """The whole record, ID number masked unless ``actor`` may see it (an edit can send it back masked)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            detail = detail_of(load(session, senior_id), self._clock.today(), with_photo)
        return _for(actor, detail)

    def id_by_member_no(self, member_no: str) -> int | None:
        number = search.normalize_query(member_no).upper()
        with self._sessions() as session:
            return session.scalar(select(Senior.id).where(Senior.member_no == number))

    # ---- writing -------------------------------------------------------------------------

    def create(self, data: SeniorInput, actor: Actor) -> SeniorDetail:
        """Register a senior as 在册 from the registration date; a member number is assigned."""
        require(actor, Permission.EDIT_SENIOR_BASICS)
        today = self._clock.today()
        cleaned = clean(data, today)
        if cleaned.data.categories or cleaned.data.care_level is not None:
            require(actor, Permission.EDIT_CATEGORIES_STATUS)
        now = self._stamp()
        with self._sessions(actor) as session:
            center_id = self._center_for(session, cleaned.data.center_id)
            self._refuse_duplicate(session, cleaned.data.id_number, None)
            senior = new_senior(
                cleaned, center_id, next_member_no(session), cleaned.data.registered_on or today, now, actor
            )
            session.add(senior)
            self._commit(session, cleaned.data.id_number)
            return _for(actor, detail_of(senior, today, with_photo=True))

    def update(
        self,
        senior_id: int,
        data: SeniorInput,
        actor: Actor,
        expected_version: int | None = None,
        opened: SeniorDetail | None = None,
    ) -> SeniorDetail:
        """Replace the editable state; the member number and status history stay.

        An ``id_number`` equal to the masked form of the stored one (what ``get`` gave
        a role that may not see it) means "unchanged": the stored number is kept.
        Changing categories or the care level needs the right to; resending them
        as they are does not, so the front desk can still correct a phone number.

        ``expected_version`` is the ``version`` of the detail the form was opened with
        (None: no check, for the CLI and imports) and ``opened`` that detail: if another
        desk changed a field of the form since, :class:`~carecenter.conflicts.EditConflictError`
        lists them and nothing is written (see :mod:`carecenter.conflicts`).
        """
        return retry_race(lambda: self._update(senior_id, data, actor, expected_version, opened))

    def _update(
        self,
        senior_id: int,
        data: SeniorInput,
        actor: Actor,
        expected_version: int | None,
        opened: SeniorDetail | None,
    ) -> SeniorDetail:
        require(actor, Permission.EDIT_SENIOR_BASICS)
        today = self._clock.today()
        with self._sessions(actor) as session:
            senior = load(session, senior_id)
            cleaned = clean(_unmasked(data, senior.id_number), today)
            registered = cleaned.data.registered_on or senior.registered_on
            check_version(
                session,
                expected_version,
                senior.version,
                lambda: senior_changes(
                    session,
                    actor,
                    opened,
                    _for(actor, detail_of(senior, today, with_photo=True)),
                    replace(cleaned.data, registered_on=registered),
                ),
                senior.updated_by,
                senior.updated_at,
            )
            if _categories_changed(senior, cleaned.data):
                require(actor, Permission.EDIT_CATEGORIES_STATUS)
            # One flush at commit: one UPDATE of the row, so the version counts up by exactly one.
            with session.no_autoflush:
                if cleaned.data.center_id is not None and cleaned.data.center_id != senior.center_id:
                    self._center_for(session, cleaned.data.center_id)
                    senior.center_id = cleaned.data.center_id
                self._refuse_duplicate(session, cleaned.data.id_number, senior_id)
                _move_registration(senior, registered)
                senior.id_number = cleaned.data.id_number
                senior.gender = cleaned.id_info.gender
                senior.birth_date = cleaned.id_info.birth_date
                apply_input(senior, replace(cleaned.data, registered_on=registered), self._stamp(), actor)
                touch(senior)
            self._commit(session, cleaned.data.id_number)
            return _for(actor, detail_of(senior, today, with_photo=True))

    def change_status(
        self, senior_id: int, status: Status, effective_on: dt.date, reason: str, actor: Actor
    ) -> SeniorDetail:
        """暂停 / 退出 / 去世 / back to 在册, with the day it took effect: the record itself stays."""
        require(actor, Permission.EDIT_CATEGORIES_STATUS)
        today = self._clock.today()
        reason = normalize_line(reason)
        with self._sessions(actor) as session:
            senior = load(session, senior_id)
            errors = []
            if status not in STATUS_TRANSITIONS[senior.status]:
                errors.append(
                    field_error(
                        "status",
                        _("cannot change from {a} to {b}").format(a=senior.status.label, b=status.label),
                    )
                )
            if effective_on > today:
                errors.append(field_error("effective_on", _("cannot be in the future")))
            elif effective_on < senior.status_since:
                errors.append(
                    field_error(
                        "effective_on",
                        _("cannot be before the current status began ({d})").format(d=senior.status_since),
                    )
                )
            if bad := text_reason(reason, "reason"):
                errors.append(field_error("reason", bad))
            if errors:
                raise ValidationError(errors)
            now = self._stamp()
            senior.status_changes.append(
                StatusChange(
                    status=status, effective_on=effective_on, reason=reason, recorded_at=now, recorded_by=actor.username
                )
            )
            senior.status = status
            senior.status_since = effective_on
            senior.updated_at = now
            senior.updated_by = actor.username
            session.commit()
            return _for(actor, detail_of(senior, today, with_photo=False))

    # ---- helpers -------------------------------------------------------------------------

    def _stamp(self) -> dt.datetime:
        return stamp(self._clock)

    def _center_for(self, session: Session, center_id: int | None) -> int:
        if center_id is not None:
            if session.get(Center, center_id) is None:
                raise ValidationError([field_error("center_id", _("no such center"))])
            return center_id
        ids = session.scalars(select(Center.id).limit(2)).all()
        if len(ids) != 1:
            raise ValidationError([field_error("center_id", _("please choose a center"))])
        return ids[0]

    def _refuse_duplicate(self, session: Session, id_number: str, own_id: int | None) -> None:
        other = session.execute(
            select(Senior.id, Senior.name, Senior.member_no).where(Senior.id_number == id_number)
        ).first()
        if other is not None and other.id != own_id:
            raise ValidationError(
                [
                    field_error(
                        "id_number",
                        _("already registered for {name} ({member_no})").format(
                            name=other.name, member_no=other.member_no
                        ),
                    )
                ]
            )

    def _commit(self, session: Session, id_number: str) -> None:
        try:
            session.commit()
        except IntegrityError as exc:
            session.rollback()
            if "id_number" in str(exc.orig):
                raise ValidationError([field_error("id_number", _("already registered"))]) from exc
            raise


def _unmasked(data: SeniorInput, stored_id: str) -> SeniorInput:
    """``data`` with the stored ID number where it carries the masked form of it (a masked number is never a valid ID)."""
    if idnumber.normalize(data.id_number) == mask(stored_id):
        return replace(data, id_number=stored_id)
    return data


def _categories_changed(senior: Senior, data: SeniorInput) -> bool:
    """Whether saving ``data`` would change what needs EDIT_CATEGORIES_STATUS (order alone is no change)."""
    stored = frozenset(CategoryPeriod(c.category, c.valid_from, c.valid_to) for c in senior.categories)
    return stored != frozenset(data.categories) or senior.care_level != data.care_level


def _for(actor: Actor, detail: SeniorDetail) -> SeniorDetail:
    """``detail`` as ``actor`` may see it."""
    if allowed(actor, Permission.SEE_FULL_ID):
        return detail
    return replace(detail, id_number=mask(detail.id_number))


def _move_registration(senior: Senior, registered: dt.date) -> None:
    """The registration date is the first entry of the status history; it must stay first."""
    history = senior.status_changes
    if len(history) > 1 and registered > history[1].effective_on:
        raise ValidationError(
            [
                field_error(
                    "registered_on",
                    _("cannot be after the first status change ({d})").format(d=history[1].effective_on),
                )
            ]
        )
    if history:
        history[0].effective_on = registered
    if len(history) <= 1:
        senior.status_since = registered
