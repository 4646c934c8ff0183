"""The schema as typed SQLAlchemy models. Every change here needs an Alembic revision.

Times are naive datetimes in the center's zone (Asia/Shanghai); dates are dates;
money (later) is integer fen. Vocabulary columns hold the stable English codes of
:mod:`carecenter.domain.vocab`. Nothing is hard-deleted: seniors change status.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum as PyEnum

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from carecenter.actor import Role
from carecenter.domain.text import LIMITS
from carecenter.domain.vocab import CareLevel, Category, DietFlag, Gender, Residence, StaffPosition, Status

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def vocab(enum: type[PyEnum]) -> Enum:
    """Stores an enum's values (not names) as a plain string column on every backend."""
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=16,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Center(Base):
    __tablename__ = "centers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(LIMITS["center_code"]), unique=True)
    name: Mapped[str] = mapped_column(String(LIMITS["center_name"]))
    address: Mapped[str] = mapped_column(String(LIMITS["address"]), default="")
    phone: Mapped[str] = mapped_column(String(LIMITS["phone"]), default="")
    # Printouts show ID numbers masked (410105********0420) unless the admin turns this on.
    print_full_ids: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Senior(Base):
    __tablename__ = "seniors"

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"), index=True)
    member_no: Mapped[str] = mapped_column(String(7), unique=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(LIMITS["name"]))
    # Search keys derived from the name: " zhangguilan" / " zgl", one variant per
    # reading, each preceded by a space so a prefix test is instr(col, ' ' || q).
    name_pinyin: Mapped[str] = mapped_column(String(200))
    name_initials: Mapped[str] = mapped_column(String(80))
    name_sort: Mapped[str] = mapped_column(String(120), index=True)
    gender: Mapped[Gender] = mapped_column(vocab(Gender))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    address: Mapped[str] = mapped_column(String(LIMITS["address"]), default="")
    community: Mapped[str] = mapped_column(String(LIMITS["community"]), default="", index=True)
    residence: Mapped[Residence] = mapped_column(vocab(Residence), default=Residence.LOCAL)
    registered_on: Mapped[dt.date] = mapped_column(Date)
    care_level: Mapped[CareLevel | None] = mapped_column(vocab(CareLevel), nullable=True)
    diet_notes: Mapped[str] = mapped_column(String(LIMITS["diet_notes"]), default="")
    allergies: Mapped[str] = mapped_column(String(LIMITS["allergies"]), default="")
    lunar_birthday: Mapped[bool] = mapped_column(Boolean, default=False)
    lunar_birth_month: Mapped[int] = mapped_column(SmallInteger)
    lunar_birth_day: Mapped[int] = mapped_column(SmallInteger)
    lunar_birth_leap: Mapped[bool] = mapped_column(Boolean, default=False)
    birthday_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    # The latest entry of status_changes, kept here so lists can filter by it.
    status: Mapped[Status] = mapped_column(vocab(Status), default=Status.ACTIVE, index=True)
    status_since: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))

    center: Mapped[Center] = relationship()
    phones: Mapped[list[SeniorPhone]] = relationship(order_by="SeniorPhone.position", cascade="all, delete-orphan")
    categories: Mapped[list[SeniorCategory]] = relationship(order_by="SeniorCategory.id", cascade="all, delete-orphan")
    diet_flags: Mapped[list[SeniorDietFlag]] = relationship(cascade="all, delete-orphan")
    contacts: Mapped[list[EmergencyContact]] = relationship(
        order_by="EmergencyContact.position", cascade="all, delete-orphan"
    )
    status_changes: Mapped[list[StatusChange]] = relationship(order_by="StatusChange.id", cascade="all, delete-orphan")
    photo: Mapped[SeniorPhoto | None] = relationship(cascade="all, delete-orphan")


class SeniorPhone(Base):
    __tablename__ = "senior_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(LIMITS["phone"]), index=True)


class SeniorCategory(Base):
    """A category held over a period; either end may be open."""

    __tablename__ = "senior_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    category: Mapped[Category] = mapped_column(vocab(Category))
    valid_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class SeniorDietFlag(Base):
    __tablename__ = "senior_diet_flags"

    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), primary_key=True)
    flag: Mapped[DietFlag] = mapped_column(vocab(DietFlag), primary_key=True)


class EmergencyContact(Base):
    __tablename__ = "emergency_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(LIMITS["contact_name"]))
    relation: Mapped[str] = mapped_column(String(LIMITS["contact_relation"]), default="")
    phone: Mapped[str] = mapped_column(String(LIMITS["phone"]), default="")


class StatusChange(Base):
    """One step of a senior's status history (在册 at registration, then 暂停/退出/去世 …)."""

    __tablename__ = "senior_status_changes"
    __table_args__ = (Index("ix_senior_status_changes_senior_day", "senior_id", "effective_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"))
    status: Mapped[Status] = mapped_column(vocab(Status))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(64))


class SeniorPhoto(Base):
    """Kept apart from seniors so that lists never load image bytes."""

    __tablename__ = "senior_photos"

    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), primary_key=True)
    mime: Mapped[str] = mapped_column(String(32))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Staff(Base):
    """A staff member (护理员, 社工, 厨师 …): visits and meals are assigned to them, with or without a login."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: works for every center of this database (a district office, the admin).
    center_id: Mapped[int | None] = mapped_column(ForeignKey("centers.id"), nullable=True, index=True)
    name: Mapped[str] = mapped_column(String(LIMITS["name"]))
    position: Mapped[StaffPosition] = mapped_column(vocab(StaffPosition))
    phone: Mapped[str] = mapped_column(String(LIMITS["phone"]), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))

    account: Mapped[Account | None] = relationship(back_populates="staff")


class Account(Base):
    """A staff member's login: one role, an argon2 hash, and the lock-out counters.

    ``username_key`` is the case-folded username: the unique index on it makes
    "Zhang" and "zhang" the same account on every backend.
    """

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), unique=True)
    username: Mapped[str] = mapped_column(String(LIMITS["username"]))
    username_key: Mapped[str] = mapped_column(String(LIMITS["username"]), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(vocab(Role))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))

    staff: Mapped[Staff] = relationship(back_populates="account")


class AuditEntry(Base):
    """One line of the audit trail: who changed (or disclosed) what, when, from what to what.

    Written only by :mod:`carecenter.db.audit_hook`, in the transaction of the change
    itself; the app has no way to edit or delete it, and the database refuses both
    (triggers created by the migration). ``senior_id`` and ``staff_id`` are plain
    numbers, not foreign keys: the trail must outlive anything it mentions.
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_senior_at", "senior_id", "at"),
        Index("ix_audit_log_staff_at", "staff_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the acting account's staff member
    action: Mapped[str] = mapped_column(String(24))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    senior_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the senior the line is about, if any
    field: Mapped[str] = mapped_column(String(64), default="")
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")


class Consent(Base):
    """A senior's consent to the processing of personal data, as signed on paper.

    The newest row is the senior's current state; withdrawing keeps the row and sets
    ``withdrawn_on``. The scan of the signed form is deferred so lists never load it.
    """

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    given_on: Mapped[dt.date] = mapped_column(Date)
    taken_by_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    notes: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")
    scan_mime: Mapped[str] = mapped_column(String(32), default="")
    scan: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(64))

    taken_by: Mapped[Staff] = relationship()
