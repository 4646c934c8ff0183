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
from carecenter.clock import Clock
from carecenter.db.models import (
    Center,
    EmergencyContact,
    Senior,
    SeniorCategory,
    SeniorDietFlag,
    SeniorPhone,
    SeniorPhoto,
    StatusChange,
)
from carecenter.db.sessions import Sessions
from carecenter.domain import idnumber
from carecenter.domain.idnumber import age_on, mask
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.text import normalize_line, text_reason
from carecenter.domain.vocab import CURRENT_STATUSES, STATUS_TRANSITIONS, Category, Status
from carecenter.errors import NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed, require
from carecenter.seniors import search
from carecenter.seniors.dto import (
    CategoryPeriod,
    Contact,
    SeniorDetail,
    SeniorInput,
    SeniorRow,
    StatusEntry,
)
from carecenter.seniors.pinyin import search_keys
from carecenter.seniors.validate import clean, field_error, photo_mime


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
            by_id = {s.id: _row(s, today, full) for s in seniors}
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
            detail = _detail(_load(session, senior_id), self._clock.today(), with_photo)
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
            registered = cleaned.data.registered_on or today
            cleaned_data = replace(cleaned.data, registered_on=registered)
            senior = Senior(
                center_id=center_id,
                member_no=_next_member_no(session),
                id_number=cleaned.data.id_number,
                gender=cleaned.id_info.gender,
                birth_date=cleaned.id_info.birth_date,
                status=Status.ACTIVE,
                status_since=registered,
                created_at=now,
                created_by=actor.username,
            )
            _apply(senior, cleaned_data, now, actor)
            senior.status_changes.append(
                StatusChange(
                    status=Status.ACTIVE,
                    effective_on=registered,
                    reason=_("Registered"),
                    recorded_at=now,
                    recorded_by=actor.username,
                )
            )
            session.add(senior)
            self._commit(session, cleaned.data.id_number)
            return _for(actor, _detail(senior, today, with_photo=True))

    def update(self, senior_id: int, data: SeniorInput, actor: Actor) -> SeniorDetail:
        """Replace the editable state; the member number and status history stay.

        An ``id_number`` equal to the masked form of the stored one (what ``get`` gave
        a role that may not see it) means "unchanged": the stored number is kept.
        Changing categories or the care level needs the right to; resending them
        as they are does not, so the front desk can still correct a phone number.
        """
        require(actor, Permission.EDIT_SENIOR_BASICS)
        today = self._clock.today()
        with self._sessions(actor) as session:
            senior = _load(session, senior_id)
            cleaned = clean(_unmasked(data, senior.id_number), today)
            if _categories_changed(senior, cleaned.data):
                require(actor, Permission.EDIT_CATEGORIES_STATUS)
            if cleaned.data.center_id is not None and cleaned.data.center_id != senior.center_id:
                self._center_for(session, cleaned.data.center_id)
                senior.center_id = cleaned.data.center_id
            self._refuse_duplicate(session, cleaned.data.id_number, senior_id)
            registered = cleaned.data.registered_on or senior.registered_on
            _move_registration(senior, registered)
            senior.id_number = cleaned.data.id_number
            senior.gender = cleaned.id_info.gender
            senior.birth_date = cleaned.id_info.birth_date
            _apply(senior, replace(cleaned.data, registered_on=registered), self._stamp(), actor)
            self._commit(session, cleaned.data.id_number)
            return _for(actor, _detail(senior, today, with_photo=True))

    def change_status(
        self, senior_id: int, status: Status, effective_on: dt.date, reason: str, actor: Actor
    ) -> SeniorDetail:
        """暂停 / 退出 / 去世 / back to 在册, with the day it took effect: the record itself stays."""
        require(actor, Permission.EDIT_CATEGORIES_STATUS)
        today = self._clock.today()
        reason = normalize_line(reason)
        with self._sessions(actor) as session:
            senior = _load(session, senior_id)
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
            return _for(actor, _detail(senior, today, with_photo=False))

    # ---- helpers -------------------------------------------------------------------------

    def _stamp(self) -> dt.datetime:
        return self._clock.now().replace(tzinfo=None, microsecond=0)

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


def _next_member_no(session: Session) -> str:
    last = session.scalar(select(func.max(Senior.member_no)))
    return f"M{(int(last[1:]) + 1) if last else 1:06d}"


def _apply(senior: Senior, data: SeniorInput, now: dt.datetime, actor: Actor) -> None:
    senior.name = data.name
    senior.name_pinyin, senior.name_initials, senior.name_sort = search_keys(data.name)
    senior.address = data.address
    senior.community = data.community
    senior.residence = data.residence
    assert data.registered_on is not None  # create() and update() settle it
    senior.registered_on = data.registered_on
    senior.care_level = data.care_level
    senior.diet_notes = data.diet_notes
    senior.allergies = data.allergies
    senior.lunar_birthday = data.lunar_birthday
    assert data.lunar_birth is not None  # clean() always settles it
    senior.lunar_birth_month = data.lunar_birth.month
    senior.lunar_birth_day = data.lunar_birth.day
    senior.lunar_birth_leap = data.lunar_birth.leap
    senior.birthday_opt_out = data.birthday_opt_out
    senior.notes = data.notes
    senior.phones = [SeniorPhone(position=i, number=p) for i, p in enumerate(data.phones)]
    senior.categories = [
        SeniorCategory(category=c.category, valid_from=c.valid_from, valid_to=c.valid_to) for c in data.categories
    ]
    senior.diet_flags = [SeniorDietFlag(flag=f) for f in sorted(data.diet_flags)]
    senior.contacts = [
        EmergencyContact(position=i, name=c.name, relation=c.relation, phone=c.phone)
        for i, c in enumerate(data.contacts)
    ]
    if data.photo is None:
        senior.photo = None
    elif senior.photo is None or senior.photo.data != data.photo:
        senior.photo = SeniorPhoto(mime=photo_mime(data.photo) or "", data=data.photo)
    senior.updated_at = now
    senior.updated_by = actor.username


def _load(session: Session, senior_id: int) -> Senior:
    senior = session.get(Senior, senior_id)
    if senior is None:
        raise NotFoundError(_("No senior with id {id}.").format(id=senior_id))
    return senior


def _valid_categories(senior: Senior, day: dt.date) -> tuple[Category, ...]:
    return tuple(
        c.category for c in senior.categories if CategoryPeriod(c.category, c.valid_from, c.valid_to).valid_on(day)
    )


def _row(s: Senior, today: dt.date, full_id: bool) -> SeniorRow:
    return SeniorRow(
        id=s.id,
        member_no=s.member_no,
        name=s.name,
        id_number=s.id_number if full_id else mask(s.id_number),
        gender=s.gender,
        birth_date=s.birth_date,
        age=age_on(s.birth_date, today),
        community=s.community,
        center_code=s.center.code,
        center_name=s.center.name,
        status=s.status,
        registered_on=s.registered_on,
        phone=s.phones[0].number if s.phones else "",
        categories=_valid_categories(s, today),
    )


def _detail(s: Senior, today: dt.date, with_photo: bool) -> SeniorDetail:
    return SeniorDetail(
        id=s.id,
        center_id=s.center_id,
        center_name=s.center.name,
        member_no=s.member_no,
        name=s.name,
        id_number=s.id_number,
        gender=s.gender,
        birth_date=s.birth_date,
        age=age_on(s.birth_date, today),
        phones=tuple(p.number for p in s.phones),
        address=s.address,
        community=s.community,
        residence=s.residence,
        registered_on=s.registered_on,
        categories=tuple(CategoryPeriod(c.category, c.valid_from, c.valid_to) for c in s.categories),
        care_level=s.care_level,
        diet_flags=frozenset(f.flag for f in s.diet_flags),
        diet_notes=s.diet_notes,
        allergies=s.allergies,
        lunar_birthday=s.lunar_birthday,
        lunar_birth=LunarBirth(s.lunar_birth_month, s.lunar_birth_day, s.lunar_birth_leap),
        birthday_opt_out=s.birthday_opt_out,
        contacts=tuple(Contact(c.name, c.relation, c.phone) for c in s.contacts),
        notes=s.notes,
        status=s.status,
        status_since=s.status_since,
        history=tuple(StatusEntry(h.status, h.effective_on, h.reason, h.recorded_by) for h in s.status_changes),
        has_photo=s.photo is not None,
        created_at=s.created_at,
        created_by=s.created_by,
        updated_at=s.updated_at,
        updated_by=s.updated_by,
        photo=s.photo.data if (with_photo and s.photo is not None) else None,
    )
