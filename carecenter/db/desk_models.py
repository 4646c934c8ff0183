"""The front desk's records: day-care attendance, meals, 九助 visits, calls and group activities.

Part of the one schema (imported by :mod:`carecenter.db.models`, so ``Base.metadata``
always holds these tables); every change here needs an Alembic revision.

Nothing here is deleted. A mistaken record is *voided* with a reason (audited), and
stays in the database for the trail. ``void_key`` makes "one live record per senior
and day (and meal)" a plain unique constraint on every backend: it is 0 while the row
is live and becomes the row's own id when it is voided, so voided rows never collide.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from carecenter.db.models import Base, edit_versioned, vocab
from carecenter.domain.desk_vocab import (
    ActivityKind,
    BalanceEntryKind,
    CallerKind,
    Confirmation,
    Payment,
    Urgency,
    VisitPlace,
    VisitStatus,
)
from carecenter.domain.text import LIMITS

MEAL_TYPE_LENGTH = 16  # carecenter.subsidies.policy.MealType codes, as in meal_prices


class _Voidable:
    """Columns every voidable desk record has (see the module docstring for ``void_key``)."""

    voided: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    void_reason: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="", server_default="")
    void_key: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))


class Attendance(_Voidable, Base):
    """One senior's day at the day-care center: checked in, later checked out (and by whom picked up).

    A corrected time carries ``correction_reason``; the trail keeps the old and new times.
    """

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("senior_id", "day", "void_key", name="uq_attendance_senior_day"),
        Index("ix_attendance_center_day", "center_id", "day"),
        Index("ix_attendance_day", "day"),  # a day of every center (a district office)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"))
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    checked_in_at: Mapped[dt.datetime] = mapped_column(DateTime)
    checked_out_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    picked_up_by: Mapped[str] = mapped_column(String(LIMITS["contact_name"]), default="")
    correction_reason: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")


class MealMenu(Base):
    """A meal the center offers on a day, with its dishes. Lunch is offered every day without one."""

    __tablename__ = "meal_menus"
    __table_args__ = (UniqueConstraint("center_id", "day", "meal_type", name="uq_meal_menus_center_day_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    meal_type: Mapped[str] = mapped_column(String(MEAL_TYPE_LENGTH))
    offered: Mapped[bool] = mapped_column(Boolean, default=True)
    dishes: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))


class MealOrder(_Voidable, Base):
    """A senior's order for one meal of a day: eaten in (堂食) or delivered (送餐上门) by a staff member.

    ``address`` is where the meal goes, copied from the senior when ordered (editable).
    A cancelled order is a voided one.
    """

    __tablename__ = "meal_orders"
    __table_args__ = (
        UniqueConstraint("senior_id", "day", "meal_type", "void_key", name="uq_meal_orders_senior_day_type"),
        Index("ix_meal_orders_center_day", "center_id", "day"),
        Index("ix_meal_orders_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"))
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    meal_type: Mapped[str] = mapped_column(String(MEAL_TYPE_LENGTH))
    delivery: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str] = mapped_column(String(LIMITS["address"]), default="")
    courier_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    notes: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")
    # Counted up by every UPDATE (optimistic locking, carecenter.conflicts): a stale edit form is stopped.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = edit_versioned(version)


class MealServing(_Voidable, Base):
    """A meal handed out (or delivered): its price, the meal subsidy that applied, what the senior paid and how.

    The figures are those in force at serving (``carecenter.subsidies.meal.meal_charge``) and
    are never recomputed: a later policy change does not rewrite what was charged.
    """

    __tablename__ = "meal_servings"
    __table_args__ = (
        UniqueConstraint("senior_id", "day", "meal_type", "void_key", name="uq_meal_servings_senior_day_type"),
        Index("ix_meal_servings_center_day", "center_id", "day"),
        Index("ix_meal_servings_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"))
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("meal_orders.id"), nullable=True)
    day: Mapped[dt.date] = mapped_column(Date)
    meal_type: Mapped[str] = mapped_column(String(MEAL_TYPE_LENGTH))
    delivery: Mapped[bool] = mapped_column(Boolean, default=False)
    courier_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    served_at: Mapped[dt.datetime] = mapped_column(DateTime)
    price_fen: Mapped[int] = mapped_column(Integer)
    subsidy_fen: Mapped[int] = mapped_column(Integer)
    pays_fen: Mapped[int] = mapped_column(Integer)
    subsidy_tier: Mapped[str] = mapped_column(String(LIMITS["rule_name"]), default="")  # "" = no subsidy
    subsidy_reason: Mapped[str] = mapped_column(String(300), default="")
    payment: Mapped[Payment] = mapped_column(vocab(Payment))
    # What the server was warned of and went ahead anyway (no order, 暂停 …), as shown.
    warnings: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")


class MealBalanceEntry(_Voidable, Base):
    """A line of a senior's prepaid meal account: a top-up (+, with its receipt number) or a meal paid (−).

    The balance is the sum of the live lines. ``overdrawn`` marks a meal an authorised
    person let take the balance below zero (the explicit override).
    """

    __tablename__ = "meal_balance_entries"
    __table_args__ = (Index("ix_meal_balance_entries_senior", "senior_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"))
    kind: Mapped[BalanceEntryKind] = mapped_column(vocab(BalanceEntryKind))
    amount_fen: Mapped[int] = mapped_column(Integer)
    receipt_no: Mapped[str] = mapped_column(String(32), default="")
    serving_id: Mapped[int | None] = mapped_column(ForeignKey("meal_servings.id"), nullable=True)
    payment: Mapped[Payment | None] = mapped_column(vocab(Payment), nullable=True)  # how a top-up was paid
    overdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")


class Visit(_Voidable, Base):
    """A 九助 home-care visit: planned from a care plan (``planned_service_id``) or ad hoc.

    ``day`` is the day it is planned for or took place. A done visit has its times
    (start and end, or start and ``minutes``); a missed or cancelled one has ``status_reason``.
    """

    __tablename__ = "visits"
    __table_args__ = (
        UniqueConstraint("planned_service_id", "day", "void_key", name="uq_visits_planned_day"),
        Index("ix_visits_center_day", "center_id", "day"),
        Index("ix_visits_day", "day"),
        Index("ix_visits_senior_day", "senior_id", "day"),
        Index("ix_visits_staff_day", "staff_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"))
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    service_type_id: Mapped[int] = mapped_column(ForeignKey("service_types.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    planned_service_id: Mapped[int | None] = mapped_column(ForeignKey("planned_services.id"), nullable=True)
    day: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[VisitStatus] = mapped_column(vocab(VisitStatus))
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    minutes: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    place: Mapped[VisitPlace] = mapped_column(vocab(VisitPlace), default=VisitPlace.HOME)
    work_done: Mapped[str] = mapped_column(Text, default="")
    confirmation: Mapped[Confirmation] = mapped_column(vocab(Confirmation), default=Confirmation.NONE)
    confirmed_by_name: Mapped[str] = mapped_column(String(LIMITS["contact_name"]), default="")
    status_reason: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")
    # Counted up by every UPDATE (optimistic locking, carecenter.conflicts): a stale edit form is stopped.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = edit_versioned(version)


class Call(_Voidable, Base):
    """A call to the center (助急 / 呼叫): who called about whom, why, what was done, and its follow-up.

    A call is open until ``closed_at``; an urgent open call stays on the today page.
    ``incident_id`` links the incident recorded in the same step (a fall reported by phone).
    """

    __tablename__ = "calls"
    __table_args__ = (
        Index("ix_calls_center_received", "center_id", "received_at"),
        Index("ix_calls_closed_at", "closed_at"),  # the open calls (closed_at NULL) of every center
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    senior_id: Mapped[int | None] = mapped_column(ForeignKey("seniors.id"), nullable=True, index=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    caller_kind: Mapped[CallerKind] = mapped_column(vocab(CallerKind))
    caller_name: Mapped[str] = mapped_column(String(LIMITS["contact_name"]), default="")
    caller_phone: Mapped[str] = mapped_column(String(LIMITS["phone"]), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[Urgency] = mapped_column(vocab(Urgency), default=Urgency.NORMAL)
    action_taken: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    closing_note: Mapped[str] = mapped_column(String(LIMITS["reason"]), default="")
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), nullable=True)
    # Counted up by every UPDATE (optimistic locking, carecenter.conflicts): a stale edit form is stopped.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = edit_versioned(version)


class Activity(_Voidable, Base):
    """A group activity of a center; a 生日会 activity is linked to that month's birthday party.

    A linked activity's attendance is the party's (its guests who came); other activities
    list their attendees as rows of :class:`ActivityAttendee`.
    """

    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_center_day", "center_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    title: Mapped[str] = mapped_column(String(LIMITS["place"]))
    kind: Mapped[ActivityKind] = mapped_column(vocab(ActivityKind))
    held_on: Mapped[dt.date] = mapped_column(Date)
    starts_at: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    place: Mapped[str] = mapped_column(String(LIMITS["place"]), default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    birthday_party_id: Mapped[int | None] = mapped_column(ForeignKey("birthday_parties.id"), nullable=True, unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Counted up by every UPDATE (optimistic locking, carecenter.conflicts): a stale edit form is stopped.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = edit_versioned(version)

    attendees: Mapped[list[ActivityAttendee]] = relationship(
        order_by="ActivityAttendee.senior_id", cascade="all, delete-orphan"
    )


class ActivityAttendee(Base):
    """A senior who took part in an activity."""

    __tablename__ = "activity_attendees"

    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id"), primary_key=True)
    senior_id: Mapped[int] = mapped_column(ForeignKey("seniors.id"), primary_key=True, index=True)
