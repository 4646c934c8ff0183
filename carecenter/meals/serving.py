"""The serving moment (the busiest of the day): preview what the server must see, then record the meal.

A serving records the figures of :func:`carecenter.subsidies.meal.meal_charge` at that
moment (price, subsidy, what the senior pays, why) and how it was paid. Nothing to pay
means payment NONE whatever was chosen. Paying from the prepaid balance writes the
balance line in the same transaction; a balance too low refuses unless the override is
given, and the line is then marked overdrawn.

Refused: 退出/去世 on the day (or not yet registered), a meal already served (one live
serving per senior, day and meal), a meal not offered that day, a day after today.
No order and 暂停 only warn; the warnings the server went ahead with are stored.
The functions here run inside the caller's session.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.db.desk_models import MealBalanceEntry, MealServing
from carecenter.db.models import Senior, SeniorDietFlag, Staff
from carecenter.desk.finder import ENDED, card_of, served_senior, status_on
from carecenter.desk.voiding import void
from carecenter.domain.desk_vocab import Payment
from carecenter.domain.text import LIMITS
from carecenter.domain.vocab import DietFlag, Status
from carecenter.errors import FieldError, NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.meals import balance, menus, orders
from carecenter.meals.dto import (
    MealWarning,
    ServeInput,
    ServingInfo,
    ServingPreview,
    ServingRow,
    WarningCode,
    field_error,
    refusal,
)
from carecenter.seniors.records import load as load_senior
from carecenter.subsidies.meal import MealCharge, meal_charge
from carecenter.subsidies.money import yuan
from carecenter.subsidies.policy import MealType


def live_serving(session: Session, senior_id: int, day: dt.date, meal_type: MealType) -> MealServing | None:
    return session.scalar(
        select(MealServing).where(
            MealServing.senior_id == senior_id,
            MealServing.day == day,
            MealServing.meal_type == meal_type.value,
            MealServing.voided.is_(False),
        )
    )


def _has_account(session: Session, senior_id: int) -> bool:
    return (
        session.scalar(select(MealBalanceEntry.id).where(MealBalanceEntry.senior_id == senior_id).limit(1)) is not None
    )


def _served_text(senior: Senior, serving: MealServing, today: dt.date) -> str:
    meal = MealType.of(serving.meal_type).label
    time = serving.served_at.strftime("%H:%M")
    if serving.day == today:
        return _("{name} already had {meal} today at {time}").format(name=senior.name, meal=meal, time=time)
    return _("{name} already had {meal} on {day} (recorded at {time})").format(
        name=senior.name, meal=meal, day=serving.day.isoformat(), time=time
    )


def _no_order_text(meal_type: MealType, day: dt.date) -> str:
    return _("no order for {meal} on {day}").format(meal=meal_type.label, day=day.isoformat())


def _paused_text(senior: Senior) -> str:
    return _("{name} is paused").format(name=senior.name)


def _low_text(balance_fen: int, pays_fen: int) -> str:
    return _("the prepaid balance {balance} 元 is less than the {pays} 元 to pay").format(
        balance=yuan(balance_fen), pays=yuan(pays_fen)
    )


def preview(session: Session, clock: Clock, senior_id: int, meal_type: MealType, day: dt.date) -> ServingPreview:
    """Everything the server sees before pressing Enter; writes nothing.

    BALANCE_LOW is only raised for seniors who have a prepaid account (any balance line):
    for the others the balance is not how they pay, and the warning would be noise.
    """
    senior = load_senior(session, senior_id)
    today = clock.today()
    status = status_on(senior, day)
    order = orders.live_order(session, senior_id, day, meal_type)
    served = live_serving(session, senior_id, day, meal_type)
    funds = balance.balance_of(session, senior_id)
    warnings: list[MealWarning] = []
    charge: MealCharge | None = None
    try:
        served_senior(session, senior_id, day)
    except FieldError as exc:
        warnings.append(MealWarning(WarningCode.ENDED, exc.reason))
    if served is not None:
        warnings.append(MealWarning(WarningCode.ALREADY_SERVED, _served_text(senior, served, today)))
    if status is not None and status not in ENDED:
        try:
            charge = meal_charge(session, senior_id, meal_type, day)
        except ValidationError:  # no price set: serving will say so
            charge = None
    if order is None:
        warnings.append(MealWarning(WarningCode.NO_ORDER, _no_order_text(meal_type, day)))
    if status is Status.PAUSED:
        warnings.append(MealWarning(WarningCode.PAUSED, _paused_text(senior)))
    if charge is not None and charge.pays_fen > 0 and funds < charge.pays_fen and _has_account(session, senior_id):
        warnings.append(MealWarning(WarningCode.BALANCE_LOW, _low_text(funds, charge.pays_fen)))
    return ServingPreview(
        senior=card_of(senior, today),
        day=day,
        meal_type=meal_type,
        status=status,
        charge=charge,
        order=orders.info(session, order) if order is not None else None,
        served=info(session, served, funds) if served is not None else None,
        balance_fen=funds,
        warnings=tuple(warnings),
    )


def _delivery(
    session: Session,
    data: ServeInput,
    senior: Senior,
    order_delivery: bool | None,
    order_courier: int | None,
    errors: list[FieldError],
) -> tuple[bool, int | None]:
    delivery = data.delivery if data.delivery is not None else bool(order_delivery)
    if not delivery:
        if data.courier_staff_id is not None:
            errors.append(field_error("courier_staff_id", _("only a delivered meal has a courier")))
        return False, None
    if data.courier_staff_id is not None:
        orders.check_courier(session, data.courier_staff_id, senior.center_id, errors)
        return True, data.courier_staff_id
    return True, order_courier


def serve(session: Session, clock: Clock, actor: Actor, data: ServeInput) -> ServingInfo:
    """Record the meal (and its balance line) in one transaction; ValidationError and nothing written if refused."""
    today = clock.today()
    day = data.day or today
    if day > today:
        raise refusal("day", _("a meal cannot be recorded for a day after today"))
    try:
        senior = served_senior(session, data.senior_id, day)
    except FieldError as exc:
        raise ValidationError([exc]) from exc
    if (earlier := live_serving(session, senior.id, day, data.meal_type)) is not None:
        raise refusal("meal_type", _served_text(senior, earlier, today))
    if not menus.is_offered(session, senior.center_id, day, data.meal_type):
        raise menus.not_offered_error(data.meal_type, day)
    charge = meal_charge(session, senior.id, data.meal_type, day)
    order = orders.live_order(session, senior.id, day, data.meal_type)
    errors: list[FieldError] = []
    delivery, courier = _delivery(
        session,
        data,
        senior,
        order.delivery if order else None,
        order.courier_staff_id if order else None,
        errors,
    )
    payment = Payment.NONE if charge.pays_fen == 0 else data.payment
    if payment is Payment.NONE and charge.pays_fen > 0:
        errors.append(
            field_error("payment", _("choose how the {pays} 元 were paid").format(pays=yuan(charge.pays_fen)))
        )
    warned: list[str] = []
    if order is None:
        warned.append(_no_order_text(data.meal_type, day))
    if status_on(senior, day) is Status.PAUSED:
        warned.append(_paused_text(senior))
    overdrawn = False
    if payment is Payment.BALANCE:
        funds = balance.balance_of(session, senior.id)
        if funds < charge.pays_fen:
            if not data.override_overdraft:
                errors.append(
                    field_error(
                        "payment",
                        _low_text(funds, charge.pays_fen)
                        + _("; top up first, pay another way, or allow the overdraft"),
                    )
                )
            else:
                overdrawn = True
                warned.append(_("overdraft allowed: {text}").format(text=_low_text(funds, charge.pays_fen)))
    if errors:
        raise ValidationError(errors)
    now = stamp(clock)
    serving = MealServing(
        senior_id=senior.id,
        center_id=senior.center_id,
        order_id=order.id if order else None,
        day=day,
        meal_type=data.meal_type.value,
        delivery=delivery,
        courier_staff_id=courier,
        served_at=now,
        price_fen=charge.price_fen,
        subsidy_fen=charge.subsidy_fen,
        pays_fen=charge.pays_fen,
        subsidy_tier=charge.tier[: LIMITS["rule_name"]] if charge.subsidy_fen else "",
        subsidy_reason=charge.reason[:300],
        payment=payment,
        warnings="；".join(warned)[: LIMITS["reason"]],
        created_at=now,
        created_by=actor.username,
        updated_at=now,
        updated_by=actor.username,
    )
    session.add(serving)
    try:
        session.flush()
        if payment is Payment.BALANCE:
            balance.meal_entry(session, clock, actor, serving, overdrawn)
        session.commit()
    except IntegrityError:  # another desk served the same meal a moment ago
        session.rollback()
        earlier = live_serving(session, data.senior_id, day, data.meal_type)
        if earlier is None:
            raise
        raise refusal("meal_type", _served_text(senior, earlier, today)) from None
    return info(session, serving, balance.balance_of(session, senior.id))


def load_serving(session: Session, serving_id: int) -> MealServing:
    serving = session.get(MealServing, serving_id)
    if serving is None:
        raise NotFoundError(_("No meal served with id {id}.").format(id=serving_id))
    return serving


def void_serving(session: Session, clock: Clock, actor: Actor, serving_id: int, reason: str) -> ServingInfo:
    """Void the serving and its balance line (the money returns to the balance) in one transaction."""
    serving = load_serving(session, serving_id)
    entry = balance.live_meal_entry(session, serving_id)
    now = stamp(clock)
    try:
        void(serving, reason)
        if entry is not None:
            void(entry, reason)
    except FieldError as exc:
        raise ValidationError([exc]) from exc
    serving.updated_at, serving.updated_by = now, actor.username
    if entry is not None:
        entry.updated_at, entry.updated_by = now, actor.username
    session.commit()
    return info(session, serving, balance.balance_of(session, serving.senior_id))


def info(session: Session, serving: MealServing, balance_fen: int) -> ServingInfo:
    overdrawn = session.scalar(
        select(MealBalanceEntry.overdrawn)
        .where(MealBalanceEntry.serving_id == serving.id)
        .order_by(MealBalanceEntry.id.desc())
        .limit(1)
    )
    return ServingInfo(
        id=serving.id,
        senior_id=serving.senior_id,
        center_id=serving.center_id,
        order_id=serving.order_id,
        day=serving.day,
        meal_type=MealType.of(serving.meal_type),
        delivery=serving.delivery,
        courier_staff_id=serving.courier_staff_id,
        served_at=serving.served_at,
        price_fen=serving.price_fen,
        subsidy_fen=serving.subsidy_fen,
        pays_fen=serving.pays_fen,
        subsidy_reason=serving.subsidy_reason,
        payment=serving.payment,
        warnings=serving.warnings,
        voided=serving.voided,
        void_reason=serving.void_reason,
        balance_fen=balance_fen,
        overdrawn=bool(overdrawn),
    )


def rows(session: Session, center_id: int | None, day: dt.date, meal_type: MealType | None) -> list[ServingRow]:
    """The day's live servings (latest first) with the senior and the courier: two queries."""
    where = [MealServing.day == day, MealServing.voided.is_(False)]
    if center_id is not None:
        where.append(MealServing.center_id == center_id)
    if meal_type is not None:
        where.append(MealServing.meal_type == meal_type.value)
    stmt = (
        select(MealServing, Senior, Staff.name)
        .join(Senior, Senior.id == MealServing.senior_id)
        .outerjoin(Staff, Staff.id == MealServing.courier_staff_id)
        .where(*where)
        .order_by(MealServing.served_at.desc(), MealServing.id.desc())
    )
    flag_order = {flag: i for i, flag in enumerate(DietFlag)}
    flags: dict[int, list[DietFlag]] = defaultdict(list)
    flag_stmt = (
        select(SeniorDietFlag.senior_id, SeniorDietFlag.flag)
        .join(MealServing, MealServing.senior_id == SeniorDietFlag.senior_id)
        .where(*where)
        .distinct()
    )
    for senior_id, flag in session.execute(flag_stmt):
        flags[senior_id].append(flag)
    return [
        ServingRow(
            serving_id=m.id,
            senior_id=s.id,
            member_no=s.member_no,
            name=s.name,
            diet_flags=tuple(sorted(flags.get(s.id, ()), key=flag_order.__getitem__)),
            allergies=s.allergies,
            meal_type=MealType.of(m.meal_type),
            served_at=m.served_at,
            delivery=m.delivery,
            courier_name=courier or "",
            had_order=m.order_id is not None,
            price_fen=m.price_fen,
            subsidy_fen=m.subsidy_fen,
            pays_fen=m.pays_fen,
            payment=m.payment,
            warnings=m.warnings,
        )
        for m, s, courier in session.execute(stmt)
    ]
