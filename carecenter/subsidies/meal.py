"""The meal subsidy (助餐补贴) and meal prices: what one meal costs a senior.

Per meal: the price of the meal type in force on the day (``meal_prices``: the latest
``starts_on`` on or before it), the per-meal rule's highest tier for the senior (age by the
month rule, categories valid on the meal's day, status on that day, lunch only unless the
rule's ``meal_types`` say otherwise), and what the senior pays: max(0, price − subsidy).
The subsidy of a meal never exceeds its price, so ``price_fen == subsidy_fen + pays_fen``.

:func:`meal_charge` is the one function the meals feature calls (inside its own session);
:func:`meal_charges` does the same for a whole serving in a few queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.db.models import MealPrice
from carecenter.domain.months import first_day
from carecenter.errors import FieldError, NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.subsidies.engine import best_meal_outcome
from carecenter.subsidies.facts import load_rules, load_seniors
from carecenter.subsidies.policy import MealType

__all__ = ["MealCharge", "MealType", "meal_charge", "meal_charges", "price_on"]


@dataclass(frozen=True)
class MealCharge:
    """One meal for one senior: its price, the subsidy (never above the price), what the senior pays, and why."""

    price_fen: int
    subsidy_fen: int
    pays_fen: int
    tier: str
    reason: str


def price_on(session: Session, meal_type: MealType, day: dt.date) -> int | None:
    """The price of ``meal_type`` on ``day`` in fen (the latest start on or before it), None when none is set."""
    return session.scalar(
        select(MealPrice.price_fen)
        .where(MealPrice.meal_type == meal_type.value, MealPrice.starts_on <= day)
        .order_by(MealPrice.starts_on.desc())
        .limit(1)
    )


def _no_price(meal_type: MealType, day: dt.date) -> ValidationError:
    return ValidationError(
        [
            FieldError(
                "meal_type",
                _("Meal"),
                _("no price of {meal} is in force on {date}; set one in the subsidy settings").format(
                    meal=meal_type.label, date=day.isoformat()
                ),
            )
        ]
    )


def meal_charges(
    session: Session, senior_ids: Collection[int], meal_type: MealType, day: dt.date
) -> dict[int, MealCharge]:
    """The charge of one meal for each of ``senior_ids`` (unknown ids are left out); a few queries in all.

    ValidationError (naming the meal) when no price of ``meal_type`` is in force on ``day``.
    """
    price = price_on(session, meal_type, day)
    if price is None:
        raise _no_price(meal_type, day)
    if not senior_ids:
        return {}
    rules = load_rules(session)
    seniors = load_seniors(session, first_day(day), senior_ids=senior_ids, history_until=day)
    charges = {}
    for senior in seniors:
        outcome = best_meal_outcome(rules, senior, meal_type, day)
        subsidy = min(outcome.amount_fen, price) if outcome.granted else 0
        charges[senior.id] = MealCharge(price, subsidy, price - subsidy, outcome.tier, outcome.reason)
    return charges


def meal_charge(session: Session, senior_id: int, meal_type: MealType, day: dt.date) -> MealCharge:
    """What one meal of ``meal_type`` on ``day`` costs the senior, with the subsidy and its reason.

    NotFoundError for an unknown senior; ValidationError when the meal has no price that day.
    """
    charge = meal_charges(session, [senior_id], meal_type, day).get(senior_id)
    if charge is None:
        raise NotFoundError(_("No senior with id {id}.").format(id=senior_id))
    return charge
