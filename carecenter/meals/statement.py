"""A senior's monthly meal statement (助餐对账单): each meal, the top-ups, the prepaid balance, totals.

The meals are the live servings whose day falls in the month. The balance side follows
the account's lines by when they were written: the opening balance is the live lines
written before the month, the closing balance adds the month's live lines (top-ups, and
meals paid from the balance). A meal entered late (October's lunch recorded on 1
November) is on October's meals but its balance line is November's: the statement of
each month still adds up, since opening + lines = closing by construction.

Also the JSON forms of a statement and of totals (``carecenter-cli meals``, exports).
Four queries per statement. Runs inside the caller's session.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carecenter.db.desk_models import MealBalanceEntry, MealServing
from carecenter.domain.desk_vocab import BalanceEntryKind, Payment
from carecenter.domain.months import first_day, last_day, month_text, shift
from carecenter.meals.dto import DayTotals, MealTotals, MonthTotals, Statement, StatementMeal, StatementTopUp
from carecenter.seniors.records import load as load_senior
from carecenter.subsidies.policy import MealType


def _month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(first_day(month), dt.time()), dt.datetime.combine(shift(month, 1), dt.time())


def statement(session: Session, senior_id: int, month: dt.date) -> Statement:
    senior = load_senior(session, senior_id)
    start, end = _month_bounds(month)
    servings = session.scalars(
        select(MealServing)
        .where(
            MealServing.senior_id == senior_id,
            MealServing.voided.is_(False),
            MealServing.day >= first_day(month),
            MealServing.day <= last_day(month),
        )
        .order_by(MealServing.day, MealServing.served_at, MealServing.id)
    ).all()
    meals = tuple(
        StatementMeal(
            serving_id=s.id,
            day=s.day,
            meal_type=MealType.of(s.meal_type),
            delivery=s.delivery,
            price_fen=s.price_fen,
            subsidy_fen=s.subsidy_fen,
            pays_fen=s.pays_fen,
            payment=s.payment,
        )
        for s in servings
    )
    live = (MealBalanceEntry.senior_id == senior_id, MealBalanceEntry.voided.is_(False))
    opening = session.scalar(
        select(func.coalesce(func.sum(MealBalanceEntry.amount_fen), 0)).where(
            *live, MealBalanceEntry.created_at < start
        )
    )
    entries = session.scalars(
        select(MealBalanceEntry)
        .where(*live, MealBalanceEntry.created_at >= start, MealBalanceEntry.created_at < end)
        .order_by(MealBalanceEntry.created_at, MealBalanceEntry.id)
    ).all()
    top_ups = tuple(
        StatementTopUp(
            entry_id=e.id,
            day=e.created_at.date(),
            amount_fen=e.amount_fen,
            receipt_no=e.receipt_no,
            payment=e.payment,
        )
        for e in entries
        if e.kind is BalanceEntryKind.TOP_UP
    )
    opening_fen = int(opening or 0)
    return Statement(
        senior_id=senior.id,
        member_no=senior.member_no,
        name=senior.name,
        month=first_day(month),
        meals=meals,
        top_ups=top_ups,
        opening_balance_fen=opening_fen,
        closing_balance_fen=opening_fen + sum(e.amount_fen for e in entries),
        price_fen=sum(m.price_fen for m in meals),
        subsidy_fen=sum(m.subsidy_fen for m in meals),
        paid_fen=sum(m.pays_fen for m in meals),
        paid_from_balance_fen=sum(m.pays_fen for m in meals if m.payment is Payment.BALANCE),
        topped_up_fen=sum(t.amount_fen for t in top_ups),
    )


# ---- JSON forms (fen as integers, dates ISO, codes as stored) ---------------------------------------


def statement_json(s: Statement) -> dict[str, Any]:
    return {
        "senior_id": s.senior_id,
        "member_no": s.member_no,
        "name": s.name,
        "month": month_text(s.month),
        "opening_balance_fen": s.opening_balance_fen,
        "closing_balance_fen": s.closing_balance_fen,
        "meals": [
            {
                "day": m.day.isoformat(),
                "meal_type": m.meal_type.value,
                "delivery": m.delivery,
                "price_fen": m.price_fen,
                "subsidy_fen": m.subsidy_fen,
                "paid_fen": m.pays_fen,
                "payment": m.payment.value,
            }
            for m in s.meals
        ],
        "top_ups": [
            {
                "day": t.day.isoformat(),
                "amount_fen": t.amount_fen,
                "receipt_no": t.receipt_no,
                "payment": t.payment.value if t.payment else None,
            }
            for t in s.top_ups
        ],
        "totals": {
            "meals": len(s.meals),
            "price_fen": s.price_fen,
            "subsidy_fen": s.subsidy_fen,
            "paid_fen": s.paid_fen,
            "paid_from_balance_fen": s.paid_from_balance_fen,
            "topped_up_fen": s.topped_up_fen,
        },
    }


def meal_totals_json(t: MealTotals) -> dict[str, Any]:
    return {
        "ordered": t.ordered,
        "served": t.served,
        "eat_in": t.eat_in,
        "delivered": t.delivered,
        "no_order": t.no_order,
        "price_fen": t.price_fen,
        "subsidy_fen": t.subsidy_fen,
        "paid_fen": t.paid_fen,
        "paid_by": {payment.value: fen for payment, fen in t.paid_by},
    }


def day_totals_json(d: DayTotals) -> dict[str, Any]:
    return {
        "day": d.day.isoformat(),
        "meals": {t.meal_type.value: meal_totals_json(t) for t in d.by_meal if t.meal_type is not None},
        "all": meal_totals_json(d.all),
    }


def month_totals_json(m: MonthTotals) -> dict[str, Any]:
    return {
        "month": month_text(m.month),
        "meals": {t.meal_type.value: meal_totals_json(t) for t in m.by_meal if t.meal_type is not None},
        "all": meal_totals_json(m.all),
        "seniors": m.seniors,
        "seniors_by_meal": {meal.value: n for meal, n in m.seniors_by_meal},
        "subsidy_by_tier": [
            {"tier": t.tier, "meals": t.meals, "seniors": t.seniors, "subsidy_fen": t.subsidy_fen}
            for t in m.subsidy_by_tier
        ],
        "days": [day_totals_json(d) for d in m.days],
    }
