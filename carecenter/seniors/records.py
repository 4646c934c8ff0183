"""The ORM side of a senior's record: writing a SeniorInput onto it and reading it back as plain data.

Shared by the register/edit service and the roster import, so a senior imported
from a spreadsheet is stored exactly as one typed into the form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.db.models import (
    EmergencyContact,
    Senior,
    SeniorCategory,
    SeniorDietFlag,
    SeniorPhone,
    SeniorPhoto,
    StatusChange,
)
from carecenter.domain.idnumber import age_on, mask
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import Category, Status
from carecenter.errors import NotFoundError
from carecenter.i18n import _
from carecenter.seniors.dto import (
    CategoryPeriod,
    Contact,
    SeniorDetail,
    SeniorInput,
    SeniorRow,
    StatusEntry,
)
from carecenter.seniors.pinyin import search_keys
from carecenter.seniors.validate import CleanSenior, photo_mime


def member_no_of(number: int) -> str:
    return f"M{number:06d}"


def next_member_no(session: Session) -> str:
    last = session.scalar(select(func.max(Senior.member_no)))
    return member_no_of((int(last[1:]) + 1) if last else 1)


def new_senior(
    cleaned: CleanSenior, center_id: int, member_no: str, registered: dt.date, now: dt.datetime, actor: Actor
) -> Senior:
    """A senior registered as 在册 on ``registered``, ready to add to a session."""
    data = replace(cleaned.data, registered_on=registered)
    senior = Senior(
        center_id=center_id,
        member_no=member_no,
        id_number=data.id_number,
        gender=cleaned.id_info.gender,
        birth_date=cleaned.id_info.birth_date,
        status=Status.ACTIVE,
        status_since=registered,
        created_at=now,
        created_by=actor.username,
    )
    apply_input(senior, data, now, actor)
    senior.status_changes.append(
        StatusChange(
            status=Status.ACTIVE,
            effective_on=registered,
            reason=_("Registered"),
            recorded_at=now,
            recorded_by=actor.username,
        )
    )
    return senior


def apply_input(senior: Senior, data: SeniorInput, now: dt.datetime, actor: Actor) -> None:
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


def load(session: Session, senior_id: int) -> Senior:
    senior = session.get(Senior, senior_id)
    if senior is None:
        raise NotFoundError(_("No senior with id {id}.").format(id=senior_id))
    return senior


def valid_categories(senior: Senior, day: dt.date) -> tuple[Category, ...]:
    return tuple(
        c.category for c in senior.categories if CategoryPeriod(c.category, c.valid_from, c.valid_to).valid_on(day)
    )


def row_of(s: Senior, today: dt.date, full_id: bool) -> SeniorRow:
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
        categories=valid_categories(s, today),
    )


def detail_of(s: Senior, today: dt.date, with_photo: bool) -> SeniorDetail:
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
        version=s.version,
        photo=s.photo.data if (with_photo and s.photo is not None) else None,
    )
