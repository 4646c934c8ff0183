"""Meal orders: taken the day before or in the morning, eaten in (堂食) or delivered (送餐上门).

An order belongs to the senior's center. One live order per senior, day and meal (the
schema's unique constraint backs the check); a cancelled order is voided and frees the
slot. The day's list and the kitchen count are one query each, however many seniors.
The functions here run inside the caller's session.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.conflicts import apply_form
from carecenter.db.desk_models import MealOrder, MealServing
from carecenter.db.models import Senior, SeniorDietFlag, Staff
from carecenter.desk.finder import served_senior
from carecenter.desk.voiding import void
from carecenter.domain.text import normalize_line, text_reason
from carecenter.domain.vocab import DietFlag
from carecenter.errors import FieldError, NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.meals import menus
from carecenter.meals.dto import (
    FIELD_LABELS,
    AllergyNote,
    KitchenCount,
    OrderInfo,
    OrderInput,
    OrderRow,
    OrderUpdate,
    field_error,
    refusal,
)
from carecenter.subsidies.policy import MealType


def check_courier(session: Session, staff_id: int | None, center_id: int, errors: list[FieldError]) -> Staff | None:
    """The delivering staff member, or an error when unknown, inactive or of another center."""
    if staff_id is None:
        return None
    staff = session.get(Staff, staff_id)
    if staff is None:
        errors.append(field_error("courier_staff_id", _("no staff member with id {id}").format(id=staff_id)))
    elif not staff.active:
        errors.append(field_error("courier_staff_id", _("{name} is no longer active").format(name=staff.name)))
    elif staff.center_id is not None and staff.center_id != center_id:
        errors.append(field_error("courier_staff_id", _("{name} works for another center").format(name=staff.name)))
    else:
        return staff
    return None


def live_order(session: Session, senior_id: int, day: dt.date, meal_type: MealType) -> MealOrder | None:
    return session.scalar(
        select(MealOrder).where(
            MealOrder.senior_id == senior_id,
            MealOrder.day == day,
            MealOrder.meal_type == meal_type.value,
            MealOrder.voided.is_(False),
        )
    )


def _duplicate(order: MealOrder, name: str) -> ValidationError:
    return refusal(
        "meal_type",
        _("{name} already has an order for {meal} on {day} (order {id}, taken by {who} at {time})").format(
            name=name,
            meal=MealType.of(order.meal_type).label,
            day=order.day.isoformat(),
            id=order.id,
            who=order.created_by,
            time=order.created_at.strftime("%H:%M"),
        ),
    )


def _delivery_fields(
    session: Session,
    senior: Senior,
    delivery: bool,
    address: str,
    courier_staff_id: int | None,
    notes: str,
    errors: list[FieldError],
) -> tuple[str, str]:
    """The (address, notes) to store, checking delivery, address, courier and notes."""
    text = normalize_line(address)
    if delivery:
        text = text or senior.address
        if not text:
            errors.append(field_error("address", _("a delivery needs an address (the senior has none on record)")))
        elif bad := text_reason(text, "address"):
            errors.append(field_error("address", bad))
    else:
        text = ""
        if courier_staff_id is not None:
            errors.append(field_error("courier_staff_id", _("only a delivered meal has a courier")))
    if delivery:
        check_courier(session, courier_staff_id, senior.center_id, errors)
    note = normalize_line(notes)
    if bad := text_reason(note, "reason"):
        errors.append(field_error("notes", bad))
    return text, note


def place(session: Session, clock: Clock, actor: Actor, data: OrderInput) -> MealOrder:
    """Write a new order after every check; ValidationError naming each refused field, nothing written."""
    errors: list[FieldError] = []
    try:
        senior = served_senior(session, data.senior_id, data.day)
    except FieldError as exc:
        raise ValidationError([exc]) from exc
    if data.day < clock.today():
        errors.append(field_error("day", _("cannot order for a day before today")))
    elif not menus.is_offered(session, senior.center_id, data.day, data.meal_type):
        errors.extend(menus.not_offered_error(data.meal_type, data.day).errors)
    address, notes = _delivery_fields(
        session, senior, data.delivery, data.address, data.courier_staff_id, data.notes, errors
    )
    if errors:
        raise ValidationError(errors)
    if (existing := live_order(session, senior.id, data.day, data.meal_type)) is not None:
        raise _duplicate(existing, senior.name)
    now = stamp(clock)
    order = MealOrder(
        senior_id=senior.id,
        center_id=senior.center_id,
        day=data.day,
        meal_type=data.meal_type.value,
        delivery=data.delivery,
        address=address,
        courier_staff_id=data.courier_staff_id if data.delivery else None,
        notes=notes,
        created_at=now,
        created_by=actor.username,
        updated_at=now,
        updated_by=actor.username,
    )
    session.add(order)
    try:
        session.commit()
    except IntegrityError:  # another desk ordered the same meal a moment ago
        session.rollback()
        existing = live_order(session, data.senior_id, data.day, data.meal_type)
        if existing is None:
            raise
        raise _duplicate(existing, senior.name) from None
    return order


def load_order(session: Session, order_id: int) -> MealOrder:
    order = session.get(MealOrder, order_id)
    if order is None:
        raise NotFoundError(_("No meal order with id {id}.").format(id=order_id))
    return order


def _check_live(order: MealOrder) -> None:
    if order.voided:
        raise refusal("order_id", _("this order was cancelled: {reason}").format(reason=order.void_reason))


def change(
    session: Session,
    clock: Clock,
    actor: Actor,
    order_id: int,
    data: OrderUpdate,
    expected_version: int | None = None,
    opened: OrderInfo | None = None,
) -> MealOrder:
    """Change delivery/address/courier/notes of a live order for today or later; unchanged writes nothing.

    ``expected_version``/``opened``: the order as the form had it; a field another desk changed
    since raises :class:`~carecenter.conflicts.EditConflictError` and nothing is written.
    """
    order = load_order(session, order_id)
    _check_live(order)
    errors: list[FieldError] = []
    if order.day < clock.today():
        errors.append(field_error("day", _("an order of a past day cannot be changed")))
    senior = session.get_one(Senior, order.senior_id)
    address, notes = _delivery_fields(
        session, senior, data.delivery, data.address, data.courier_staff_id, data.notes, errors
    )
    if errors:
        raise ValidationError(errors)
    new: dict[str, object] = {
        "delivery": data.delivery,
        "address": address,
        "courier_staff_id": data.courier_staff_id if data.delivery else None,
        "notes": notes,
    }
    if apply_form(session, order, new, FIELD_LABELS, expected_version, opened):
        order.updated_at, order.updated_by = stamp(clock), actor.username
        session.commit()
    return order


def cancel(session: Session, clock: Clock, actor: Actor, order_id: int, reason: str) -> MealOrder:
    """Void the order with the reason; refused when its meal was already served (void the serving first)."""
    order = load_order(session, order_id)
    _check_live(order)
    served = session.scalar(
        select(MealServing).where(
            MealServing.senior_id == order.senior_id,
            MealServing.day == order.day,
            MealServing.meal_type == order.meal_type,
            MealServing.voided.is_(False),
        )
    )
    if served is not None:
        raise refusal(
            "order_id",
            _("this meal was already served at {time}; void the serving first").format(
                time=served.served_at.strftime("%H:%M")
            ),
        )
    try:
        void(order, reason)
    except FieldError as exc:
        raise ValidationError([exc]) from exc
    order.updated_at, order.updated_by = stamp(clock), actor.username
    session.commit()
    return order


def courier_name(session: Session, staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    staff = session.get(Staff, staff_id)
    return staff.name if staff is not None else ""


def info(session: Session, order: MealOrder) -> OrderInfo:
    return OrderInfo(
        id=order.id,
        senior_id=order.senior_id,
        center_id=order.center_id,
        day=order.day,
        meal_type=MealType.of(order.meal_type),
        delivery=order.delivery,
        address=order.address,
        courier_staff_id=order.courier_staff_id,
        courier_name=courier_name(session, order.courier_staff_id),
        notes=order.notes,
        voided=order.voided,
        void_reason=order.void_reason,
        created_at=order.created_at,
        created_by=order.created_by,
        updated_at=order.updated_at,
        updated_by=order.updated_by,
        version=order.version,
    )


# ---- the day's list and the kitchen count ---------------------------------------------------------


def _scope(center_id: int | None, day: dt.date, meal_type: MealType) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [
        MealOrder.day == day,
        MealOrder.meal_type == meal_type.value,
        MealOrder.voided.is_(False),
    ]
    if center_id is not None:
        where.append(MealOrder.center_id == center_id)
    return where


def _diet_flags(
    session: Session, center_id: int | None, day: dt.date, meal_type: MealType
) -> dict[int, list[DietFlag]]:
    """The diet flags of every senior with a live order (one query), in :class:`DietFlag` order."""
    stmt = (
        select(SeniorDietFlag.senior_id, SeniorDietFlag.flag)
        .join(MealOrder, MealOrder.senior_id == SeniorDietFlag.senior_id)
        .where(*_scope(center_id, day, meal_type))
    )
    order = {flag: i for i, flag in enumerate(DietFlag)}
    flags: dict[int, list[DietFlag]] = defaultdict(list)
    for senior_id, flag in session.execute(stmt):
        flags[senior_id].append(flag)
    for found in flags.values():
        found.sort(key=order.__getitem__)
    return flags


def rows(session: Session, center_id: int | None, day: dt.date, meal_type: MealType) -> list[OrderRow]:
    """The live orders of a meal with the senior, courier and serving (two queries), by pinyin of the name."""
    served = aliased(MealServing)
    stmt = (
        select(MealOrder, Senior, Staff.name, served.id)
        .join(Senior, Senior.id == MealOrder.senior_id)
        .outerjoin(Staff, Staff.id == MealOrder.courier_staff_id)
        .outerjoin(
            served,
            and_(
                served.senior_id == MealOrder.senior_id,
                served.day == MealOrder.day,
                served.meal_type == MealOrder.meal_type,
                served.voided.is_(False),
            ),
        )
        .where(*_scope(center_id, day, meal_type))
        .order_by(Senior.name_sort, Senior.id)
    )
    flags = _diet_flags(session, center_id, day, meal_type)
    return [
        OrderRow(
            order_id=o.id,
            senior_id=s.id,
            member_no=s.member_no,
            name=s.name,
            status=s.status,
            diet_flags=tuple(flags.get(s.id, ())),
            allergies=s.allergies,
            diet_notes=s.diet_notes,
            meal_type=meal_type,
            delivery=o.delivery,
            address=o.address,
            courier_staff_id=o.courier_staff_id,
            courier_name=courier or "",
            notes=o.notes,
            served=serving_id is not None,
            serving_id=serving_id,
        )
        for o, s, courier, serving_id in session.execute(stmt)
    ]


def kitchen_count(session: Session, center_id: int | None, day: dt.date, meal_type: MealType) -> KitchenCount:
    """Portions per diet from the live orders; a senior with several flags counts under each."""
    lines = rows(session, center_id, day, meal_type)
    per_flag = dict.fromkeys(DietFlag, 0)
    for line in lines:
        for flag in line.diet_flags:
            per_flag[flag] += 1
    delivered = sum(1 for line in lines if line.delivery)
    return KitchenCount(
        center_id=center_id,
        day=day,
        meal_type=meal_type,
        total=len(lines),
        eat_in=len(lines) - delivered,
        delivered=delivered,
        by_diet=tuple(per_flag.items()),
        plain=sum(1 for line in lines if not line.diet_flags),
        allergies=tuple(
            AllergyNote(line.senior_id, line.member_no, line.name, line.allergies, line.delivery)
            for line in lines
            if line.allergies
        ),
    )
