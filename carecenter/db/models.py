"""The schema as typed SQLAlchemy models. Every change here needs an Alembic revision.

Times are naive datetimes in the center's zone (Asia/Shanghai); dates are dates;
money (later) is integer fen. Vocabulary columns hold the stable English codes of
:mod:`carecenter.domain.vocab`. Nothing is hard-deleted: seniors change status.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum as PyEnum
from typing import Any

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
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from carecenter.actor import Role
from carecenter.domain.text import LIMITS
from carecenter.domain.vocab import (
    CareLevel,
    Category,
    DietFlag,
    Gender,
    IncidentKind,
    PlanStatus,
    Residence,
    StaffPosition,
    Status,
)

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


def edit_versioned(column: Mapped[int]) -> dict[str, Any]:
    """Mapper arguments making ``column`` the row's edit version (optimistic locking, carecenter.conflicts):
    SQLAlchemy counts it up on every UPDATE and refuses an UPDATE of a row whose version moved on."""
    return {"version_id_col": column}


class Center(Base):
    __tablename__ = "centers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(LIMITS["center_code"]), unique=True)
    name: Mapped[str] = mapped_column(String(LIMITS["center_name"]))
    address: Mapped[str] = mapped_column(String(LIMITS["address"]), default="")
    phone: Mapped[str] = mapped_column(String(LIMITS["phone"]), default="")
    # Printouts show ID numbers masked (410105********0420) unless the admin turns this on.
    print_full_ids: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reassess_months: Mapped[int] = mapped_column(SmallInteger, default=6, server_default="6")
    # Birthday milestones counted by 虚岁 (age + 1 round) instead of 周岁 (the default).
    count_xusui: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Senior(Base):
    __tablename__ = "seniors"
    # Every list opens on the current seniors by name: read from this index alone, in order within a status.
    __table_args__ = (Index("ix_seniors_status_name", "status", "name_sort"),)

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
    # Health (issue 5): conditions and medications are rows of their own.
    family_doctor: Mapped[str] = mapped_column(String(LIMITS["contact_name"]), default="", server_default="")
    family_doctor_phone: Mapped[str] = mapped_column(String(LIMITS["phone"]), default="", server_default="")
    dementia: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # or other mental disorder
    fall_risk: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    wandering_risk: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The latest entry of status_changes, kept here so lists can filter by it.
    status: Mapped[Status] = mapped_column(vocab(Status), default=Status.ACTIVE, index=True)
    status_since: Mapped[dt.date] = mapped_column(Date)
    # The day the senior's member card was last printed; None: never (they are "new" for the card sheet).
    card_printed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))
    # Counted up by every UPDATE (optimistic locking, carecenter.conflicts): a stale edit form is stopped.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = edit_versioned(version)

    center: Mapped[Center] = relationship()
    phones: Mapped[list[SeniorPhone]] = relationship(order_by="SeniorPhone.position", cascade="all, delete-orphan")
    categories: Mapped[list[SeniorCategory]] = relationship(order_by="SeniorCategory.id", cascade="all, delete-orphan")
    diet_flags: Mapped[list[SeniorDietFlag]] = relationship(cascade="all, delete-orphan")
    contacts: Mapped[list[EmergencyContact]] = relationship(
        order_by="EmergencyContact.position", cascade="all, delete-orphan"
    )
    status_changes: Mapped[list[StatusChange]] = relationship(order_by="StatusChange.id", cascade="all, delete-orphan")
    photo: Mapped[SeniorPhoto | None] = relationship(cascade="all, delete-orphan")
    conditions: Mapped[list[SeniorCondition]] = relationship(
        order_by="SeniorCondition.position", cascade="all, delete-orphan"
    )
    medications: Mapped[list[Medication]] = relationship(order_by="Medication.position", cascade="all, delete-orphan")


class SeniorPhone(Base):
    __tablename__ = "senior_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(LIMITS["phone"]), index=True)


class SeniorSearchGram(Base):
    """One short piece of a senior's searchable text (carecenter.seniors.search_grams): search by seeks, not scans."""

    __tablename__ = "senior_search_grams"
    # Clustered on (gram, senior) in SQLite: a query's candidates are one range of the table itself.
    __table_args__ = ({"sqlite_with_rowid": False},)

    gram: Mapped[str] = mapped_column(String(16), primary_key=True)
    # No foreign key: derived rows, written only for seniors just read back (seniors are never
    # deleted), and checking one cost as much as the row itself in an import's 600,000 grams.
    senior_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)


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
    # Counted up by every UPDATE (optimistic locking, carecenter.conflicts): a stale edit form is stopped.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = edit_versioned(version)

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
        Index("ix_audit_log_actor_staff", "actor", "staff_id"),  # who appears in the trail, without reading it all
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


# ---- care (issue 5) ------------------------------------------------------------------------


class SeniorCondition(Base):
    """A chronic condition (高血压, 糖尿病 …), one of the senior's health record."""

    __tablename__ = "senior_conditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(LIMITS["condition"]))


class Medication(Base):
    """A current medication as the family tells it: name, dose and schedule as text."""

    __tablename__ = "medications"

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(LIMITS["condition"]))
    dose: Mapped[str] = mapped_column(String(LIMITS["condition"]), default="")
    schedule: Mapped[str] = mapped_column(String(LIMITS["condition"]), default="")


class Assessment(Base):
    """One capability assessment with one instrument; its item scores are rows of ``assessment_scores``.

    ``total`` and ``result`` (the band or level code) are computed by the instrument when
    saved and stored, so history shows what was decided then even if an instrument changes;
    ``adjusted_result`` is GB/T 42195's level after the one-level-worse adjustment.
    """

    __tablename__ = "assessments"
    # Each senior's latest assessment (care level, due list) is read from this index alone.
    __table_args__ = (Index("ix_assessments_senior_day", "senior_id", "assessed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"))
    instrument: Mapped[str] = mapped_column(String(32))
    assessed_on: Mapped[dt.date] = mapped_column(Date, index=True)
    assessor1_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    assessor2_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    total: Mapped[int] = mapped_column(SmallInteger)
    result: Mapped[str] = mapped_column(String(32))
    adjusted_result: Mapped[str] = mapped_column(String(32), default="")
    dementia: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_incidents: Mapped[int] = mapped_column(SmallInteger, default=0)  # care-risk incidents in the 30 days before
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))

    scores: Mapped[list[AssessmentScore]] = relationship(cascade="all, delete-orphan")


class AssessmentScore(Base):
    __tablename__ = "assessment_scores"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), primary_key=True)
    item: Mapped[str] = mapped_column(String(32), primary_key=True)
    score: Mapped[int] = mapped_column(SmallInteger)


class Incident(Base):
    """An event that matters for care; falls, choking, wandering and self-harm are care-risk incidents."""

    __tablename__ = "incidents"
    # A senior's incidents in a window of days (the GB/T 42195 adjustment, the due list).
    __table_args__ = (Index("ix_incidents_senior_day", "senior_id", "occurred_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"))
    kind: Mapped[IncidentKind] = mapped_column(vocab(IncidentKind))
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # a hospital stay's last day
    description: Mapped[str] = mapped_column(Text, default="")
    action_taken: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))
    # Counted up by every UPDATE (optimistic locking, carecenter.conflicts): a stale edit form is stopped.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = edit_versioned(version)


class ServiceType(Base):
    """One entry of the service catalogue (九助 and 日间托老); retired types keep their history."""

    __tablename__ = "service_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # stable: "day_care", "meals", … or "custom_7"
    name: Mapped[str] = mapped_column(String(LIMITS["service_name"]), unique=True)
    day_care: Mapped[bool] = mapped_column(Boolean, default=False)  # attendance at the center, not a visit
    position: Mapped[int] = mapped_column(Integer)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))


class CarePlan(Base):
    """One version of a senior's care plan; ``series_id`` ties the versions (the first version's id)."""

    __tablename__ = "care_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    series_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    version: Mapped[int] = mapped_column(SmallInteger, default=1)
    needs: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    start_on: Mapped[dt.date] = mapped_column(Date)
    review_on: Mapped[dt.date] = mapped_column(Date, index=True)
    end_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[PlanStatus] = mapped_column(vocab(PlanStatus), index=True)
    signed_by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    signed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))
    # Counted up by every UPDATE (optimistic locking, carecenter.conflicts); ``version`` is the plan's own number.
    edit_version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = edit_versioned(edit_version)

    services: Mapped[list[PlannedService]] = relationship(
        order_by="PlannedService.position", cascade="all, delete-orphan"
    )


class PlannedService(Base):
    """A service a plan provides: on weekdays (``weekdays`` like "135" for Mon/Wed/Fri) or N times a month."""

    __tablename__ = "planned_services"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    service_type_id: Mapped[int] = mapped_column(ForeignKey("service_types.id"))
    weekdays: Mapped[str] = mapped_column(String(7), default="")
    times_per_month: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    start_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    end_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")


# ---- birthdays and subsidies (issue 6) ------------------------------------------------------


class BirthdayParty(Base):
    """A center's 集体生日会 of one month (``month`` is that month's first day); its guests are rows of their own."""

    __tablename__ = "birthday_parties"
    __table_args__ = (UniqueConstraint("center_id", "month", name="uq_birthday_parties_center_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    month: Mapped[dt.date] = mapped_column(Date, index=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(LIMITS["place"]), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))
    # Counted up by every UPDATE (optimistic locking, carecenter.conflicts): a stale edit form is stopped.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = edit_versioned(version)

    guests: Mapped[list[PartyGuest]] = relationship(order_by="PartyGuest.id", cascade="all, delete-orphan")


class PartyGuest(Base):
    """One invited senior of a party: from the month's birthday list, or added by hand (``added``).

    A guest is never deleted: removing one keeps the row with ``removed`` and the reason.
    ``celebrates_on``/``age``/``lunar``/``milestone`` are what the list said when the senior was
    invited (None for a guest added without a birthday in the month).
    """

    __tablename__ = "party_guests"
    __table_args__ = (UniqueConstraint("party_id", "senior_id", name="uq_party_guests_party_senior"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("birthday_parties.id"))
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    celebrates_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    age: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    lunar: Mapped[bool] = mapped_column(Boolean, default=False)
    milestone: Mapped[bool] = mapped_column(Boolean, default=False)
    added: Mapped[bool] = mapped_column(Boolean, default=False)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    removed_reason: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    gift: Mapped[str] = mapped_column(String(LIMITS["gift"]), default="")


class SubsidyRule(Base):
    """A subsidy (高龄津贴, 居家养老服务补贴, 助餐补贴 …): a stable code and versions of its figures."""

    __tablename__ = "subsidy_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(LIMITS["rule_name"]))
    per_meal: Mapped[bool] = mapped_column(Boolean, default=False)  # paid per meal (助餐), not per month
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))

    versions: Mapped[list[SubsidyRuleVersion]] = relationship(
        order_by="SubsidyRuleVersion.starts_on", cascade="all, delete-orphan"
    )


class SubsidyRuleVersion(Base):
    """The figures and conditions of a rule from the first day of a month (to the last day of one, if it ends).

    ``definition`` is the version's conditions and tiers as JSON (see carecenter.subsidies.policy);
    a version is never edited once a month it covers has been approved: a new version is the way.
    """

    __tablename__ = "subsidy_rule_versions"
    __table_args__ = (UniqueConstraint("rule_id", "starts_on", name="uq_subsidy_rule_versions_rule_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("subsidy_rules.id"))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    definition: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))


class MealPrice(Base):
    """The price of a meal type (breakfast, lunch, dinner) from a day on; the latest start on or before a day is in force."""

    __tablename__ = "meal_prices"
    __table_args__ = (UniqueConstraint("meal_type", "starts_on", name="uq_meal_prices_type_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meal_type: Mapped[str] = mapped_column(String(16))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    price_fen: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))


class SubsidyRoster(Base):
    """A center's approved subsidy roster of one month (``month`` = its first day): a snapshot later edits never change."""

    __tablename__ = "subsidy_rosters"
    __table_args__ = (UniqueConstraint("center_id", "month", name="uq_subsidy_rosters_center_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    month: Mapped[dt.date] = mapped_column(Date, index=True)
    grants_count: Mapped[int] = mapped_column(Integer)
    total_fen: Mapped[int] = mapped_column(Integer)
    approved_at: Mapped[dt.datetime] = mapped_column(DateTime)
    approved_by: Mapped[str] = mapped_column(String(64))
    approver_name: Mapped[str] = mapped_column(String(LIMITS["name"]), default="")

    grants: Mapped[list[SubsidyGrant]] = relationship(order_by="SubsidyGrant.id", cascade="all, delete-orphan")


class SubsidyGrant(Base):
    """One line of an approved roster, with the senior's name and ID as they were on approval."""

    __tablename__ = "subsidy_grants"
    __table_args__ = (Index("ix_subsidy_grants_roster_rule", "roster_id", "rule_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("subsidy_rosters.id"))
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), index=True)
    rule_code: Mapped[str] = mapped_column(String(32))
    rule_name: Mapped[str] = mapped_column(String(LIMITS["rule_name"]))
    tier: Mapped[str] = mapped_column(String(LIMITS["rule_name"]), default="")
    amount_fen: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(300), default="")
    member_no: Mapped[str] = mapped_column(String(7))
    id_number: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(LIMITS["name"]))


# The front desk's tables (issue 7) live in their own module; importing it here puts them in
# Base.metadata wherever the schema is used (migrations, the model/migration agreement test).
from carecenter.db import desk_models as desk_models  # noqa: E402
