"""A day's and a month's meal totals at the month's edges, a senior's statement, and the fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.domain.desk_vocab import Payment
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, ServeInput, TopUpInput
from carecenter.subsidies.policy import MealType
from tests.core.test_meal_serving import EIGHTIES, SIXTIES, meal_senior

D = dt.date
OCT, NOV, DEC = D(2026, 10, 1), D(2026, 11, 1), D(2026, 12, 1)
OCT_31, NOV_30 = D(2026, 10, 31), D(2026, 11, 30)
LUNCH, BREAKFAST, DINNER = MealType.LUNCH, MealType.BREAKFAST, MealType.DINNER
CASH, WECHAT, ALIPAY, BALANCE, NONE = Payment.CASH, Payment.WECHAT, Payment.ALIPAY, Payment.BALANCE, Payment.NONE


def at(clock: FixedClock, day: dt.date, hour: int = 11) -> None:
    clock.current = FixedClock.on(day, hour).current


def serve(cc: CareCenter, actor: Actor, sid: int, payment: Payment, meal: MealType = LUNCH) -> int:
    return cc.meals.serve(ServeInput(sid, meal, payment), actor).id


@pytest.fixture
def month(center: CareCenter, admin: Actor, clock: FixedClock) -> dict[str, int]:
    """Meals on 31 October, 1 and 30 November and 1 December for three seniors (one tier each)."""
    a = meal_senior(center, admin, "张桂兰", SIXTIES, 42)  # 1 元
    b = meal_senior(center, admin, "李建国", EIGHTIES, 13)  # 3 元
    c = meal_senior(center, admin, "王秀英", EIGHTIES, 44, dibao=True)  # 5 元
    at(clock, D(2026, 10, 30), 9)
    center.meals.order(OrderInput(a, OCT_31), admin)
    center.meals.order(OrderInput(b, OCT_31, delivery=True), admin)
    center.meals.top_up(TopUpInput(a, 3000, "R-1030"), admin)
    at(clock, OCT_31)
    serve(center, admin, a, CASH)
    serve(center, admin, b, WECHAT)
    at(clock, NOV)
    center.meals.set_menu(1, NOV, DINNER, "面条", True, admin)
    serve(center, admin, a, BALANCE)  # no order
    serve(center, admin, c, CASH)  # no order
    serve(center, admin, b, CASH, DINNER)  # no subsidy for dinner
    mistake = serve(center, admin, a, CASH, DINNER)
    center.meals.void_serving(mistake, "点错了", admin)
    at(clock, NOV_30, 9)
    center.meals.order(OrderInput(c, NOV_30), admin)
    at(clock, NOV_30, 12)
    serve(center, admin, c, ALIPAY)
    center.meals.top_up(TopUpInput(a, 1000, "R-1130"), admin)
    at(clock, DEC)
    serve(center, admin, a, BALANCE)
    return {"a": a, "b": b, "c": c}


def test_a_days_totals_per_meal(center: CareCenter, admin: Actor, month: dict[str, int]) -> None:
    oct_31 = center.meals.day_totals(admin, 1, OCT_31)
    lunch = oct_31.of(LUNCH)
    assert (lunch.ordered, lunch.served, lunch.eat_in, lunch.delivered, lunch.no_order) == (2, 2, 1, 1, 0)
    assert (lunch.price_fen, lunch.subsidy_fen, lunch.paid_fen) == (2400, 400, 2000)
    assert (lunch.paid_with(CASH), lunch.paid_with(WECHAT), lunch.paid_with(BALANCE)) == (1100, 900, 0)
    assert oct_31.all.served == 2 and oct_31.of(DINNER).served == 0
    nov_1 = center.meals.day_totals(admin, None, NOV)
    assert [(t.meal_type, t.ordered, t.served, t.no_order, t.paid_fen) for t in nov_1.by_meal] == [
        (BREAKFAST, 0, 0, 0, 0),
        (LUNCH, 0, 2, 2, 1800),
        (DINNER, 0, 1, 1, 1000),  # the voided dinner does not count
    ]
    assert (nov_1.all.served, nov_1.all.price_fen, nov_1.all.subsidy_fen, nov_1.all.paid_fen) == (3, 3400, 600, 2800)
    assert nov_1.all.paid_by == ((CASH, 1700), (WECHAT, 0), (ALIPAY, 0), (BALANCE, 1100), (NONE, 0))
    assert center.meals.day_counts(admin, 1, OCT_31) == (2, 2)
    assert center.meals.day_counts(admin, None, NOV) == (0, 3)
    assert center.meals.day_counts(admin, 2, NOV) == (0, 0)


def test_a_months_totals_stop_at_its_first_and_last_day(
    center: CareCenter, admin: Actor, month: dict[str, int]
) -> None:
    nov = center.meals.month_totals(admin, 1, D(2026, 11, 17))
    assert nov.month == NOV
    lunch, dinner = nov.of(LUNCH), nov.of(DINNER)
    assert (lunch.ordered, lunch.served, lunch.eat_in, lunch.delivered, lunch.no_order) == (1, 3, 3, 0, 2)
    assert (lunch.price_fen, lunch.subsidy_fen, lunch.paid_fen) == (3600, 1100, 2500)
    assert (lunch.paid_with(BALANCE), lunch.paid_with(CASH), lunch.paid_with(ALIPAY)) == (1100, 700, 700)
    assert (dinner.served, dinner.price_fen, dinner.subsidy_fen, dinner.paid_fen) == (1, 1000, 0, 1000)
    assert (nov.all.served, nov.all.price_fen, nov.all.subsidy_fen, nov.all.paid_fen) == (4, 4600, 1100, 3500)
    assert nov.seniors == 3
    assert nov.seniors_by_meal == ((BREAKFAST, 0), (LUNCH, 2), (DINNER, 1))
    assert [(t.tier, t.meals, t.seniors, t.subsidy_fen) for t in nov.subsidy_by_tier] == [
        ("低保/特困/失独/优抚", 2, 1, 1000),
        ("60–79周岁", 1, 1, 100),
        ("", 1, 1, 0),
    ]
    assert len(nov.days) == 30 and (nov.days[0].day, nov.days[-1].day) == (NOV, NOV_30)
    assert (nov.days[0].all.served, nov.days[1].all.served, nov.days[-1].all.served) == (3, 0, 1)
    assert nov.days[-1].of(LUNCH).ordered == 1
    october = center.meals.month_totals(admin, None, OCT)
    assert (len(october.days), october.all.served, october.all.ordered, october.all.delivered) == (31, 2, 2, 1)
    assert [(t.tier, t.subsidy_fen) for t in october.subsidy_by_tier] == [("80周岁以上", 300), ("60–79周岁", 100)]
    december = center.meals.month_totals(admin, None, DEC)
    assert (december.all.served, december.seniors, december.all.paid_with(BALANCE)) == (1, 1, 1100)


def test_a_seniors_statement_with_opening_and_closing_balance(
    center: CareCenter, admin: Actor, month: dict[str, int]
) -> None:
    a = month["a"]
    nov = center.meals.statement(admin, a, NOV)
    assert [(m.day, m.meal_type, m.price_fen, m.subsidy_fen, m.pays_fen, m.payment) for m in nov.meals] == [
        (NOV, LUNCH, 1200, 100, 1100, BALANCE),  # the voided dinner is not on it
    ]
    assert [(t.day, t.amount_fen, t.receipt_no) for t in nov.top_ups] == [(NOV_30, 1000, "R-1130")]
    assert (nov.opening_balance_fen, nov.closing_balance_fen) == (3000, 2900)
    assert (nov.price_fen, nov.subsidy_fen, nov.paid_fen, nov.paid_from_balance_fen, nov.topped_up_fen) == (
        1200,
        100,
        1100,
        1100,
        1000,
    )
    october = center.meals.statement(admin, a, OCT)
    assert (october.opening_balance_fen, october.closing_balance_fen, october.paid_fen) == (0, 3000, 1100)
    assert [m.payment for m in october.meals] == [CASH]
    december = center.meals.statement(admin, a, DEC)
    assert (december.opening_balance_fen, december.closing_balance_fen, december.top_ups) == (2900, 1800, ())
    needy = center.meals.statement(admin, month["c"], NOV)
    assert (needy.name, needy.price_fen, needy.subsidy_fen, needy.paid_fen, needy.paid_from_balance_fen) == (
        "王秀英",
        2400,
        1000,
        1400,
        0,
    )


@contextmanager
def counted(cc: CareCenter) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: object) -> None:
        sql = str(args[2])
        if sql.lstrip().upper().startswith("SELECT"):  # not the backend's BEGIN/SET housekeeping
            statements.append(sql)

    event.listen(cc.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(cc.engine, "before_cursor_execute", record)


def test_totals_take_the_same_few_queries_however_many_seniors_and_days(
    center: CareCenter, admin: Actor, clock: FixedClock
) -> None:
    def queries() -> tuple[int, int, int, int]:
        with counted(center) as month_q:
            center.meals.month_totals(admin, 1, NOV)
        with counted(center) as day_q:
            center.meals.day_totals(admin, 1, NOV_30)
        with counted(center) as kitchen_q:
            center.meals.kitchen_count(admin, 1, NOV_30)
        with counted(center) as statement_q:
            center.meals.statement(admin, first, NOV)
        return len(month_q), len(day_q), len(kitchen_q), len(statement_q)

    first = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    at(clock, NOV, 9)
    serve(center, admin, first, CASH)
    at(clock, NOV_30, 9)
    center.meals.order(OrderInput(first, NOV_30), admin)
    serve(center, admin, first, CASH)
    few = queries()
    assert few == (5, 2, 2, 4)
    for seq, name in zip(range(50, 60, 2), "甲乙丙丁戊", strict=True):  # five more seniors, on more days
        sid = meal_senior(center, admin, f"赵{name}", EIGHTIES, seq)
        center.meals.order(OrderInput(sid, NOV_30, delivery=True), admin)
        serve(center, admin, sid, WECHAT)
        at(clock, D(2026, 11, 2 + seq % 7), 9)
        serve(center, admin, sid, CASH)
        at(clock, NOV_30, 9)
    center.meals.top_up(TopUpInput(first, 1000, "R1"), admin)
    assert center.meals.month_totals(admin, 1, NOV).all.served == 12
    assert queries() == few
