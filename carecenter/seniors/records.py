"""The ORM side of a senior's record: writing a SeniorInput onto it and reading it back as plain data.

Shared by the register/edit service and the roster import, so a senior imported
from a spreadsheet is stored exactly as one typed into the form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

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


@dataclass(frozen=True)
class NewSenior:
    """A senior about to be registered, as plain values: the one description of what registering stores.

    ``columns`` are the ``seniors`` row (no id yet); ``parts`` the rows of each part of the
    record, by the Senior relationship that holds them, without their ``senior_id``. The form
    turns it into ORM objects (:func:`new_senior`); a roster import writes thousands of them
    with plain INSERTs (:mod:`carecenter.seniors.bulk`). Both store the same rows.
    """

    columns: dict[str, Any]
    parts: dict[str, list[dict[str, Any]]]


PART_MODELS: dict[str, type[Any]] = {
    "phones": SeniorPhone,
    "categories": SeniorCategory,
    "diet_flags": SeniorDietFlag,
    "contacts": EmergencyContact,
    "status_changes": StatusChange,
    "photo": SeniorPhoto,
}
"""The parts of a record a new senior can have, by relationship; the photo is a one-item part."""


def new_record(
    cleaned: CleanSenior, center_id: int, member_no: str, registered: dt.date, now: dt.datetime, actor: Actor
) -> NewSenior:
    """A senior registered as 在册 on ``registered``, as plain values."""
    data = replace(cleaned.data, registered_on=registered)
    columns: dict[str, Any] = {
        "center_id": center_id,
        "member_no": member_no,
        "id_number": data.id_number,
        "gender": cleaned.id_info.gender,
        "birth_date": cleaned.id_info.birth_date,
        "status": Status.ACTIVE,
        "status_since": registered,
        "created_at": now,
        "created_by": actor.username,
        **input_columns(data),
        "updated_at": now,
        "updated_by": actor.username,
    }
    parts = input_parts(data)
    parts["photo"] = [] if data.photo is None else [_photo_row(data.photo)]
    parts["status_changes"] = [status_change(Status.ACTIVE, registered, _("Registered"), now, actor)]
    return NewSenior(columns, parts)


def with_status(record: NewSenior, change: dict[str, Any]) -> NewSenior:
    """``record`` moved on by one more status change (an import registering someone already 暂停/退出)."""
    columns = {
        **record.columns,
        "status": change["status"],
        "status_since": change["effective_on"],
        "updated_at": change["recorded_at"],
        "updated_by": change["recorded_by"],
    }
    return NewSenior(columns, {**record.parts, "status_changes": [*record.parts["status_changes"], change]})


def status_change(status: Status, effective: dt.date, reason: str, now: dt.datetime, actor: Actor) -> dict[str, Any]:
    """One step of the status history, as the values of a ``senior_status_changes`` row."""
    return {
        "status": status,
        "effective_on": effective,
        "reason": reason,
        "recorded_at": now,
        "recorded_by": actor.username,
    }


def new_senior(
    cleaned: CleanSenior, center_id: int, member_no: str, registered: dt.date, now: dt.datetime, actor: Actor
) -> Senior:
    """A senior registered as 在册 on ``registered``, ready to add to a session."""
    return senior_from(new_record(cleaned, center_id, member_no, registered, now, actor))


def senior_from(record: NewSenior) -> Senior:
    """The ORM objects of a new senior's record, ready to add to a session."""
    senior = Senior(**record.columns)
    for name, rows in record.parts.items():
        items = [PART_MODELS[name](**row) for row in rows]
        if name == "photo":
            senior.photo = items[0] if items else None
        else:
            setattr(senior, name, items)
    return senior


def input_columns(data: SeniorInput) -> dict[str, Any]:
    """The ``seniors`` columns a SeniorInput settles (the form's fields and the keys derived from them)."""
    assert data.registered_on is not None  # create() and update() settle it
    assert data.lunar_birth is not None  # clean() always settles it
    pinyin, initials, sort_key = search_keys(data.name)
    return {
        "name": data.name,
        "name_pinyin": pinyin,
        "name_initials": initials,
        "name_sort": sort_key,
        "address": data.address,
        "community": data.community,
        "residence": data.residence,
        "registered_on": data.registered_on,
        "care_level": data.care_level,
        "diet_notes": data.diet_notes,
        "allergies": data.allergies,
        "lunar_birthday": data.lunar_birthday,
        "lunar_birth_month": data.lunar_birth.month,
        "lunar_birth_day": data.lunar_birth.day,
        "lunar_birth_leap": data.lunar_birth.leap,
        "birthday_opt_out": data.birthday_opt_out,
        "notes": data.notes,
    }


def input_parts(data: SeniorInput) -> dict[str, list[dict[str, Any]]]:
    """The rows of the listed parts a SeniorInput holds (phones, categories, diet, contacts), in order."""
    return {
        "phones": [{"position": i, "number": p} for i, p in enumerate(data.phones)],
        "categories": [
            {"category": c.category, "valid_from": c.valid_from, "valid_to": c.valid_to} for c in data.categories
        ],
        "diet_flags": [{"flag": f} for f in sorted(data.diet_flags)],
        "contacts": [
            {"position": i, "name": c.name, "relation": c.relation, "phone": c.phone}
            for i, c in enumerate(data.contacts)
        ],
    }


def _photo_row(photo: bytes) -> dict[str, Any]:
    return {"mime": photo_mime(photo) or "", "data": photo}


def apply_input(senior: Senior, data: SeniorInput, now: dt.datetime, actor: Actor) -> None:
    """Write ``data`` onto a registered senior (the edit form, a roster row that changes someone)."""
    for key, value in input_columns(data).items():
        setattr(senior, key, value)
    for name, rows in input_parts(data).items():
        setattr(senior, name, [PART_MODELS[name](**row) for row in rows])
    if data.photo is None:
        senior.photo = None
    elif senior.photo is None or senior.photo.data != data.photo:
        senior.photo = SeniorPhoto(**_photo_row(data.photo))
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
