"""A day's and a month's meals (助餐 in every count): orders, servings, eat-in/delivered, money, subsidy per tier.

Every figure comes from a handful of grouped queries, whatever the number of seniors or
days (3,000 seniors × 30 days is ~90,000 servings: the database sums them, Python only
adds up the groups). Only live (not voided) orders and servings count.

The subsidy per tier: each serving stores the tier it was charged under (its label as the
policy named it that day), so the month's subsidy is grouped by that, exactly as charged.
The functions here run inside the caller's session.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, case, distinct, func, select
from sqlalchemy.orm import Session

from carecenter.db.desk_models import MealOrder, MealServing
from carecenter.domain.desk_vocab import Payment
from carecenter.domain.months import first_day, last_day
from carecenter.meals.dto import DayTotals, MealTotals, MonthTotals, TierTotal
from carecenter.subsidies.policy import MealType


@dataclass
class _Sums:
    """Running sums for one (day, meal type) cell, or any union of cells."""

    ordered: int = 0
    served: int = 0
    delivered: int = 0
    no_order: int = 0
    price_fen: int = 0
    subsidy_fen: int = 0
    paid_fen: int = 0
    paid_by: dict[Payment, int] = field(default_factory=lambda: dict.fromkeys(Payment, 0))

    def add(self, other: _Sums) -> None:
        self.ordered += other.ordered
        self.served += other.served
        self.delivered += other.delivered
        self.no_order += other.no_order
        self.price_fen += other.price_fen
        self.subsidy_fen += other.subsidy_fen
        self.paid_fen += other.paid_fen
        for payment, fen in other.paid_by.items():
            self.paid_by[payment] += fen

    def frozen(self, meal_type: MealType | None) -> MealTotals:
        return MealTotals(
            meal_type=meal_type,
            ordered=self.ordered,
            served=self.served,
            eat_in=self.served - self.delivered,
            delivered=self.delivered,
            no_order=self.no_order,
            price_fen=self.price_fen,
            subsidy_fen=self.subsidy_fen,
            paid_fen=self.paid_fen,
            paid_by=tuple(self.paid_by.items()),
        )


Cells = dict[tuple[dt.date, MealType], _Sums]


def _where(
    model: type[MealOrder] | type[MealServing], center_id: int | None, start: dt.date, end: dt.date
) -> list[ColumnElement[bool]]:
    where = [model.day >= start, model.day <= end, model.voided.is_(False)]
    if center_id is not None:
        where.append(model.center_id == center_id)
    return where


def _cells(session: Session, center_id: int | None, start: dt.date, end: dt.date) -> Cells:
    """Sums per (day, meal type) from two grouped queries (orders, servings)."""
    cells: Cells = defaultdict(_Sums)
    order_stmt = (
        select(MealOrder.day, MealOrder.meal_type, func.count())
        .where(*_where(MealOrder, center_id, start, end))
        .group_by(MealOrder.day, MealOrder.meal_type)
    )
    for day, meal, count in session.execute(order_stmt):
        cells[(day, MealType.of(meal))].ordered += int(count)
    no_order = case((MealServing.order_id.is_(None), 1), else_=0)
    serving_stmt = (
        select(
            MealServing.day,
            MealServing.meal_type,
            MealServing.delivery,
            no_order,
            MealServing.payment,
            func.count(),
            func.sum(MealServing.price_fen),
            func.sum(MealServing.subsidy_fen),
            func.sum(MealServing.pays_fen),
        )
        .where(*_where(MealServing, center_id, start, end))
        .group_by(MealServing.day, MealServing.meal_type, MealServing.delivery, no_order, MealServing.payment)
    )
    for day, meal, delivery, without_order, payment, count, price, subsidy, pays in session.execute(serving_stmt):
        cell = cells[(day, MealType.of(meal))]
        n = int(count)
        cell.served += n
        cell.delivered += n if delivery else 0
        cell.no_order += n if without_order else 0
        cell.price_fen += int(price or 0)
        cell.subsidy_fen += int(subsidy or 0)
        cell.paid_fen += int(pays or 0)
        cell.paid_by[payment] += int(pays or 0)
    return cells


def _day(cells: Cells, center_id: int | None, day: dt.date) -> DayTotals:
    everything = _Sums()
    by_meal = []
    for meal in MealType:
        cell = cells.get((day, meal), _Sums())
        everything.add(cell)
        by_meal.append(cell.frozen(meal))
    return DayTotals(center_id=center_id, day=day, by_meal=tuple(by_meal), all=everything.frozen(None))


def day_totals(session: Session, center_id: int | None, day: dt.date) -> DayTotals:
    return _day(_cells(session, center_id, day, day), center_id, day)


def day_counts(session: Session, center_id: int | None, day: dt.date) -> tuple[int, int]:
    """(live orders, live servings) over all meals of the day: two counts."""
    ordered = session.scalar(select(func.count()).select_from(MealOrder).where(*_where(MealOrder, center_id, day, day)))
    served = session.scalar(
        select(func.count()).select_from(MealServing).where(*_where(MealServing, center_id, day, day))
    )
    return int(ordered or 0), int(served or 0)


def _tiers(session: Session, center_id: int | None, start: dt.date, end: dt.date) -> tuple[TierTotal, ...]:
    """The subsidy per tier, by the tier each meal was served under (stored at serving)."""
    total = func.sum(MealServing.subsidy_fen)
    stmt = (
        select(MealServing.subsidy_tier, func.count(), func.count(distinct(MealServing.senior_id)), total)
        .where(*_where(MealServing, center_id, start, end))
        .group_by(MealServing.subsidy_tier)
        .order_by(total.desc(), MealServing.subsidy_tier)
    )
    return tuple(
        TierTotal(tier=tier, meals=int(count), seniors=int(seniors), subsidy_fen=int(amount or 0))
        for tier, count, seniors, amount in session.execute(stmt)
    )


def month_totals(session: Session, center_id: int | None, month: dt.date) -> MonthTotals:
    """The month in five queries: orders, servings, seniors, seniors per meal, and the subsidy tiers."""
    start, end = first_day(month), last_day(month)
    cells = _cells(session, center_id, start, end)
    days = []
    day = start
    while day <= end:
        days.append(_day(cells, center_id, day))
        day += dt.timedelta(days=1)
    per_meal = {meal: _Sums() for meal in MealType}
    for (_cell_day, meal), cell in cells.items():
        per_meal[meal].add(cell)
    everything = _Sums()
    for sums in per_meal.values():
        everything.add(sums)
    where = _where(MealServing, center_id, start, end)
    seniors = session.scalar(select(func.count(distinct(MealServing.senior_id))).where(*where))
    by_meal_seniors = dict.fromkeys(MealType, 0)
    stmt = (
        select(MealServing.meal_type, func.count(distinct(MealServing.senior_id)))
        .where(*where)
        .group_by(MealServing.meal_type)
    )
    for code, count in session.execute(stmt):
        by_meal_seniors[MealType.of(code)] = int(count)
    return MonthTotals(
        center_id=center_id,
        month=start,
        by_meal=tuple(per_meal[meal].frozen(meal) for meal in MealType),
        all=everything.frozen(None),
        days=tuple(days),
        seniors=int(seniors or 0),
        seniors_by_meal=tuple(by_meal_seniors.items()),
        subsidy_by_tier=_tiers(session, center_id, start, end),
    )
