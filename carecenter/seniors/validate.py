"""Normal forms and validation of a senior's record: every refusal names the field and the reason."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from carecenter.domain import idnumber, lunar
from carecenter.domain.text import (
    LIMITS,
    PHONE_RE,
    control_char_reason,
    normalize_line,
    normalize_multiline,
    normalize_name,
    normalize_phone,
    text_reason,
)
from carecenter.errors import FieldError, ValidationError, labelled
from carecenter.i18n import N_, _
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput

MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_PHONES = 5
MAX_CONTACTS = 6

# Field name -> label msgid; the UI shows messages next to the widget of the same name.
FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "id_number": N_("ID number"),
    "center_id": N_("Center"),
    "phones": N_("Phones"),
    "address": N_("Address"),
    "community": N_("Community"),
    "registered_on": N_("Registration date"),
    "categories": N_("Categories"),
    "diet_notes": N_("Diet notes"),
    "allergies": N_("Allergies"),
    "lunar_birth": N_("Lunar birth date"),
    "contacts": N_("Emergency contacts"),
    "notes": N_("Notes"),
    "photo": N_("Photo"),
    "status": N_("Status"),
    "effective_on": N_("Date"),
    "reason": N_("Reason"),
}

_NAME_CHARS = re.compile(r"^[\u3400-\u9fff\U00020000-\U0002ffffA-Za-z·]+$")


def field_error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


@dataclass(frozen=True)
class CleanSenior:
    """A SeniorInput in normal form, plus what the ID tells."""

    data: SeniorInput
    id_info: idnumber.IdInfo


def clean(data: SeniorInput, today: dt.date) -> CleanSenior:
    """Normalize and check everything at once; raises ValidationError listing every bad field."""
    errors: list[FieldError] = []

    def text(field: str, value: str, limit_key: str, multiline: bool = False) -> str:
        value = normalize_multiline(value) if multiline else normalize_line(value)
        reason = text_reason(value, limit_key, multiline=multiline)
        if reason:
            errors.append(field_error(field, reason))
        return value

    name = normalize_name(data.name)
    name_reason = control_char_reason(data.name)
    if name_reason is None:
        if not name:
            name_reason = _("is required")
        elif len(name) > LIMITS["name"]:
            name_reason = _("at most {n} characters (now {m})").format(n=LIMITS["name"], m=len(name))
        elif not _NAME_CHARS.match(name) or name.startswith("·") or name.endswith("·"):
            name_reason = _("may contain Chinese characters, letters and the middle dot · only")
    if name_reason:
        errors.append(field_error("name", name_reason))

    info: idnumber.IdInfo | None = None
    id_reason = control_char_reason(data.id_number)
    if id_reason is None:
        try:
            info = idnumber.parse(data.id_number, today)
        except idnumber.IdNumberError as exc:
            id_reason = str(exc)
    if id_reason:
        errors.append(field_error("id_number", id_reason))

    phones: list[str] = []
    for raw in data.phones:
        phone = normalize_phone(raw)
        if not phone:
            continue
        reason = control_char_reason(phone)
        if reason is None and (len(phone) > LIMITS["phone"] or not PHONE_RE.match(phone)):
            reason = _("“{p}” is not a phone number").format(p=phone)
        if reason:
            errors.append(field_error("phones", reason))
        elif phone not in phones:
            phones.append(phone)
    if len(phones) > MAX_PHONES:
        errors.append(field_error("phones", _("at most {n} numbers").format(n=MAX_PHONES)))

    address = text("address", data.address, "address")
    community = text("community", data.community, "community")
    diet_notes = text("diet_notes", data.diet_notes, "diet_notes", multiline=True)
    allergies = text("allergies", data.allergies, "allergies")
    notes = text("notes", data.notes, "notes", multiline=True)

    registered = data.registered_on  # None: today for a new senior, unchanged on update
    if registered is not None and registered > today:
        errors.append(field_error("registered_on", _("cannot be in the future")))
    elif registered is not None and info is not None and registered < info.birth_date:
        errors.append(field_error("registered_on", _("cannot be before the birth date")))

    errors.extend(_check_categories(data.categories))
    contacts = _clean_contacts(data.contacts, errors)

    lunar_birth = data.lunar_birth
    if lunar_birth is not None:
        reason = lunar_birth.validate()
        if reason:
            errors.append(field_error("lunar_birth", reason))
    elif info is not None:
        lunar_birth = lunar.lunar_of(info.birth_date)
        if lunar_birth is None and data.lunar_birthday:
            errors.append(field_error("lunar_birth", _("cannot be derived for this birth date; please enter it")))

    if data.photo is not None:
        if len(data.photo) > MAX_PHOTO_BYTES:
            errors.append(field_error("photo", _("larger than 2 MB; please choose a smaller picture")))
        elif photo_mime(data.photo) is None:
            errors.append(field_error("photo", _("must be a JPEG or PNG picture")))

    if errors or info is None:
        raise ValidationError(errors)
    cleaned = replace(
        data,
        name=name,
        id_number=info.number,
        phones=tuple(phones),
        address=address,
        community=community,
        registered_on=registered,
        diet_notes=diet_notes,
        allergies=allergies,
        notes=notes,
        contacts=tuple(contacts),
        lunar_birth=lunar_birth or lunar.as_is(info.birth_date),
    )
    return CleanSenior(cleaned, info)


def _check_categories(periods: tuple[CategoryPeriod, ...]) -> list[FieldError]:
    errors = []
    for period in periods:
        if period.valid_from and period.valid_to and period.valid_to < period.valid_from:
            errors.append(
                field_error(
                    "categories",
                    _("{c}: the end date is before the start date").format(c=period.category.label),
                )
            )
    for i, a in enumerate(periods):
        for b in periods[i + 1 :]:
            if a.category == b.category and _overlap(a, b):
                errors.append(field_error("categories", _("{c}: two periods overlap").format(c=a.category.label)))
    return errors


def _overlap(a: CategoryPeriod, b: CategoryPeriod) -> bool:
    lo = dt.date.min
    hi = dt.date.max
    return (a.valid_from or lo) <= (b.valid_to or hi) and (b.valid_from or lo) <= (a.valid_to or hi)


def _clean_contacts(contacts: tuple[Contact, ...], errors: list[FieldError]) -> list[Contact]:
    cleaned: list[Contact] = []
    for c in contacts:
        name = normalize_name(c.name)
        relation = normalize_line(c.relation)
        phone = normalize_phone(c.phone)
        if not (name or relation or phone):
            continue
        reason = next(
            (r for r in (control_char_reason(c.name), control_char_reason(relation), control_char_reason(phone)) if r),
            None,
        )
        if reason is None:
            if not name:
                reason = _("each contact needs a name")
            elif len(name) > LIMITS["contact_name"] or len(relation) > LIMITS["contact_relation"]:
                reason = _("“{n}”: name or relation is too long").format(n=name)
            elif not phone:
                reason = _("“{n}” has no phone number").format(n=name)
            elif len(phone) > LIMITS["phone"] or not PHONE_RE.match(phone):
                reason = _("“{p}” is not a phone number").format(p=phone)
        if reason:
            errors.append(field_error("contacts", reason))
        else:
            cleaned.append(Contact(name=name, relation=relation, phone=phone))
    if len(cleaned) > MAX_CONTACTS:
        errors.append(field_error("contacts", _("at most {n} contacts").format(n=MAX_CONTACTS)))
    return cleaned


def photo_mime(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None
