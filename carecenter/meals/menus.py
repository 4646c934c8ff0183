"""Which meals a center offers on a day, and their dishes.

Lunch (中午寄膳) is the main meal: it is offered every day unless a menu row says
``offered=False`` (a holiday, the kitchen closed). Breakfast and dinner are offered only
on days whose menu row offers them. The functions here run inside the caller's session.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.db.desk_models import MealMenu, MealOrder, MealServing
from carecenter.db.models import Center
from carecenter.domain.text import normalize_line, text_reason
from carecenter.errors import NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.meals.dto import MenuInfo, field_error, refusal
from carecenter.subsidies.policy import MealType

DEFAULT_OFFERED = frozenset({MealType.LUNCH})
"""Meals offered on a day without a menu row."""


def check_center(session: Session, center_id: int) -> Center:
    center = session.get(Center, center_id)
    if center is None:
        raise NotFoundError(_("No center with id {id}.").format(id=center_id))
    return center


def menu_rows(session: Session, center_id: int, day: dt.date) -> dict[MealType, MealMenu]:
    rows = session.scalars(select(MealMenu).where(MealMenu.center_id == center_id, MealMenu.day == day))
    return {MealType.of(r.meal_type): r for r in rows}


def offered_meals(session: Session, center_id: int, day: dt.date) -> tuple[MealType, ...]:
    """The meals offered on ``day``, in :class:`MealType` order."""
    rows = menu_rows(session, center_id, day)
    return tuple(m for m in MealType if (rows[m].offered if m in rows else m in DEFAULT_OFFERED))


def is_offered(session: Session, center_id: int, day: dt.date, meal_type: MealType) -> bool:
    offered = session.scalar(
        select(MealMenu.offered).where(
            MealMenu.center_id == center_id, MealMenu.day == day, MealMenu.meal_type == meal_type.value
        )
    )
    return meal_type in DEFAULT_OFFERED if offered is None else bool(offered)


def not_offered_error(meal_type: MealType, day: dt.date) -> ValidationError:
    return refusal(
        "meal_type",
        _("{meal} is not offered on {day}; set it on the day's menu first").format(
            meal=meal_type.label, day=day.isoformat()
        ),
    )


def menu_infos(session: Session, center_id: int, day: dt.date) -> list[MenuInfo]:
    """Every meal type of the day, in order: its row, or the default (lunch offered, the others not)."""
    rows = menu_rows(session, center_id, day)
    return [
        _info(rows[m])
        if m in rows
        else MenuInfo(id=None, center_id=center_id, day=day, meal_type=m, offered=m in DEFAULT_OFFERED, dishes="")
        for m in MealType
    ]


def _live_count(
    session: Session, model: type[MealOrder] | type[MealServing], center_id: int, day: dt.date, meal_type: MealType
) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(model)
            .where(
                model.center_id == center_id,
                model.day == day,
                model.meal_type == meal_type.value,
                model.voided.is_(False),
            )
        )
        or 0
    )


def set_menu(
    session: Session,
    clock: Clock,
    actor: Actor,
    center_id: int,
    day: dt.date,
    meal_type: MealType,
    dishes: str,
    offered: bool,
) -> MenuInfo:
    """Create or replace the day's menu row for ``meal_type``; unchanged values write nothing.

    Refused: a day before today, dishes too long, and taking a meal off a day that has live
    orders or servings of it (cancel them first).
    """
    check_center(session, center_id)
    text = normalize_line(dishes)
    errors = []
    if day < clock.today():
        errors.append(field_error("day", _("a past day's menu cannot be changed")))
    if bad := text_reason(text, "reason"):
        errors.append(field_error("dishes", bad))
    if not offered:
        orders = _live_count(session, MealOrder, center_id, day, meal_type)
        served = _live_count(session, MealServing, center_id, day, meal_type)
        if orders or served:
            errors.append(
                field_error(
                    "meal_type",
                    _("{meal} on {day} has {orders} orders and {served} meals served; cancel them first").format(
                        meal=meal_type.label, day=day.isoformat(), orders=orders, served=served
                    ),
                )
            )
    if errors:
        raise ValidationError(errors)
    row = menu_rows(session, center_id, day).get(meal_type)
    now = stamp(clock)
    if row is None:
        row = MealMenu(
            center_id=center_id,
            day=day,
            meal_type=meal_type.value,
            offered=offered,
            dishes=text,
            created_at=now,
            created_by=actor.username,
            updated_at=now,
            updated_by=actor.username,
        )
        session.add(row)
        session.commit()
    elif row.offered != offered or row.dishes != text:
        row.offered, row.dishes = offered, text
        row.updated_at, row.updated_by = now, actor.username
        session.commit()
    return _info(row)


def _info(row: MealMenu) -> MenuInfo:
    return MenuInfo(
        id=row.id,
        center_id=row.center_id,
        day=row.day,
        meal_type=MealType.of(row.meal_type),
        offered=row.offered,
        dishes=row.dishes,
    )
