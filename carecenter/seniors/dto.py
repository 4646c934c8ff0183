"""Plain, frozen data that crosses from the core to the UI and the CLI (never live ORM objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import CareLevel, Category, DietFlag, Gender, Residence, Status


@dataclass(frozen=True)
class CategoryPeriod:
    category: Category
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Contact:
    name: str
    relation: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SeniorInput:
    """What an add/edit form or an import submits, as typed; the core normalizes and validates.

    It is the whole desired state: on update, every field (photo included) replaces the old.
    ``lunar_birth`` None means "derive from the ID's birth date".
    """

    name: str
    id_number: str
    center_id: int | None = None
    phones: tuple[str, ...] = ()
    address: str = ""
    community: str = ""
    residence: Residence = Residence.LOCAL
    registered_on: dt.date | None = None
    categories: tuple[CategoryPeriod, ...] = ()
    care_level: CareLevel | None = None
    diet_flags: frozenset[DietFlag] = frozenset()
    diet_notes: str = ""
    allergies: str = ""
    lunar_birthday: bool = False
    lunar_birth: LunarBirth | None = None
    birthday_opt_out: bool = False
    contacts: tuple[Contact, ...] = ()
    notes: str = ""
    photo: bytes | None = None


@dataclass(frozen=True)
class StatusEntry:
    status: Status
    effective_on: dt.date
    reason: str
    recorded_by: str


@dataclass(frozen=True)
class SeniorRow:
    """One line of a list: what the seniors table and ``seniors list`` show."""

    id: int
    member_no: str
    name: str
    id_number: str
    gender: Gender
    birth_date: dt.date
    age: int
    community: str
    center_code: str
    center_name: str
    status: Status
    registered_on: dt.date
    phone: str
    categories: tuple[Category, ...]


@dataclass(frozen=True)
class SeniorDetail:
    id: int
    center_id: int
    center_name: str
    member_no: str
    name: str
    id_number: str
    gender: Gender
    birth_date: dt.date
    age: int
    phones: tuple[str, ...]
    address: str
    community: str
    residence: Residence
    registered_on: dt.date
    categories: tuple[CategoryPeriod, ...]
    care_level: CareLevel | None
    diet_flags: frozenset[DietFlag]
    diet_notes: str
    allergies: str
    lunar_birthday: bool
    lunar_birth: LunarBirth
    birthday_opt_out: bool
    contacts: tuple[Contact, ...]
    notes: str
    status: Status
    status_since: dt.date
    history: tuple[StatusEntry, ...]
    has_photo: bool
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    version: int  # the edit version: an edit form sends it back as ``expected_version``
    photo: bytes | None = field(default=None, repr=False)

    def as_input(self) -> SeniorInput:
        """The editable state, for an edit form to start from."""
        return SeniorInput(
            name=self.name,
            id_number=self.id_number,
            center_id=self.center_id,
            phones=self.phones,
            address=self.address,
            community=self.community,
            residence=self.residence,
            registered_on=self.registered_on,
            categories=self.categories,
            care_level=self.care_level,
            diet_flags=self.diet_flags,
            diet_notes=self.diet_notes,
            allergies=self.allergies,
            lunar_birthday=self.lunar_birthday,
            lunar_birth=self.lunar_birth,
            birthday_opt_out=self.birthday_opt_out,
            contacts=self.contacts,
            notes=self.notes,
            photo=self.photo,
        )
