"""The prepaid meal balance: top-ups with receipts, meals paid from it, the overdraft override, voiding, the ledger."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.db.desk_models import MealBalanceEntry, MealServing
from carecenter.domain.desk_vocab import BalanceEntryKind, Payment
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.meals.dto import ServeInput, TopUpInput, WarningCode
from carecenter.subsidies.policy import MealType
from tests.core.test_meal_serving import EIGHTIES, SIXTIES, count, meal_senior

D = dt.date
NOV = D(2026, 11, 1)


def top_up(
    cc: CareCenter, actor: Actor, senior_id: int, fen: int, receipt: str, payment: Payment = Payment.CASH
) -> int:
    return cc.meals.top_up(TopUpInput(senior_id, fen, receipt, payment), actor).entry_id


def from_balance(cc: CareCenter, actor: Actor, senior_id: int, override: bool = False) -> int:
    return cc.meals.serve(ServeInput(senior_id, payment=Payment.BALANCE, override_overdraft=override), actor).id


def test_a_top_up_then_a_lunch_from_the_balance(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    info = center.meals.top_up(TopUpInput(sid, 5000, " no. 2026-0１8 ", Payment.WECHAT, "女儿代充"), admin)
    assert (info.amount_fen, info.receipt_no, info.payment, info.balance_fen) == (
        5000,
        "NO.2026-018",
        Payment.WECHAT,
        5000,
    )
    served = center.meals.serve(ServeInput(sid, payment=Payment.BALANCE), admin)
    assert (served.pays_fen, served.payment, served.balance_fen, served.overdrawn) == (
        1100,
        Payment.BALANCE,
        3900,
        False,
    )
    assert center.meals.balance(sid, admin) == 3900
    lines = center.meals.ledger(sid, admin)
    assert [(line.kind, line.amount_fen, line.balance_fen, line.serving_id) for line in lines] == [
        (BalanceEntryKind.TOP_UP, 5000, 5000, None),
        (BalanceEntryKind.MEAL, -1100, 3900, served.id),
    ]
    assert (lines[1].meal_day, lines[1].meal_type, lines[1].payment) == (
        D(2026, 11, 22),
        MealType.LUNCH,
        Payment.BALANCE,
    )
    assert lines[0].note == "女儿代充"


def test_a_balance_too_low_refuses_and_writes_nothing(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    top_up(center, admin, sid, 500, "R1")
    preview = center.meals.preview(sid, MealType.LUNCH, admin)
    assert WarningCode.BALANCE_LOW in preview.codes and not preview.refused
    assert preview.suggested_payment is Payment.CASH
    with pytest.raises(ValidationError) as refused:
        from_balance(center, admin, sid)
    assert refused.value.errors[0].field == "payment"
    assert (
        str(refused.value) == "付款方式：餐费余额 5.00 元，不足应付的 11.00 元；请先充值、改用其他方式支付，或允许透支"
    )
    assert (count(center, MealServing), count(center, MealBalanceEntry)) == (0, 1)
    assert center.meals.balance(sid, admin) == 500


def test_the_override_lets_the_balance_go_negative_and_marks_the_line(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    top_up(center, admin, sid, 500, "R1")
    served = center.meals.serve(ServeInput(sid, payment=Payment.BALANCE, override_overdraft=True), admin)
    assert (served.balance_fen, served.overdrawn) == (-600, True)
    assert served.warnings == "2026-11-22无午餐订餐；已允许透支：餐费余额 5.00 元，不足应付的 11.00 元"
    meal_line = center.meals.ledger(sid, admin)[-1]
    assert (meal_line.amount_fen, meal_line.overdrawn, meal_line.balance_fen) == (-1100, True, -600)


def test_an_exact_balance_is_enough_and_not_an_overdraft(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    top_up(center, admin, sid, 900, "R1")
    served = center.meals.get_serving(from_balance(center, admin, sid), admin)
    assert (served.balance_fen, served.overdrawn) == (0, False)


def test_voiding_the_meal_refunds_the_balance_in_the_same_step(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    top_up(center, admin, sid, 2000, "R1")
    serving_id = from_balance(center, admin, sid)
    assert center.meals.balance(sid, admin) == 900
    voided = center.meals.void_serving(serving_id, "记错人了", admin)
    assert (voided.voided, voided.balance_fen) == (True, 2000)
    assert [line.kind for line in center.meals.ledger(sid, admin)] == [BalanceEntryKind.TOP_UP]
    everything = center.meals.ledger(sid, admin, include_voided=True)
    assert [(line.voided, line.void_reason, line.balance_fen) for line in everything] == [
        (False, "", 2000),
        (True, "记错人了", 2000),
    ]


@pytest.mark.parametrize("fen", [0, -500])
def test_a_zero_or_negative_top_up_is_refused_naming_the_amount(center: CareCenter, admin: Actor, fen: int) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    with pytest.raises(ValidationError) as refused:
        top_up(center, admin, sid, fen, "R1")
    assert [e.field for e in refused.value.errors] == ["amount_fen"]
    assert str(refused.value) == "充值金额：必须大于零"
    assert count(center, MealBalanceEntry) == 0


def test_a_top_up_needs_a_new_receipt_number_and_a_real_payment(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    other = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    with pytest.raises(ValidationError) as missing:
        top_up(center, admin, sid, 1000, "  ", Payment.BALANCE)
    assert [e.field for e in missing.value.errors] == ["receipt_no", "payment"]
    assert missing.value.for_field("receipt_no") is not None
    assert str(missing.value.errors[0]).startswith("收据号：必填")
    with pytest.raises(ValidationError) as long:
        top_up(center, admin, sid, 1000, "A" * 33)
    assert str(long.value) == "收据号：最多 32 个字（现在 33 个）"
    assert top_up(center, admin, sid, 1000, "a32" + "0" * 29)
    top_up(center, admin, sid, 1000, "0042")
    with pytest.raises(ValidationError) as twice:
        top_up(center, admin, other, 3000, " 00 42")
    assert str(twice.value) == "收据号：收据 0042 已于 2026-11-22 登记过（10.00 元）"
    assert center.meals.balances(admin, [sid, other, 999]) == {sid: 2000, other: 0, 999: 0}


def test_voiding_a_top_up_may_not_leave_the_balance_negative_without_override(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    first = top_up(center, admin, sid, 1000, "R1")
    second = top_up(center, admin, sid, 1000, "R2")
    from_balance(center, admin, sid)  # 2000 − 1100 = 900
    with pytest.raises(ValidationError) as refused:
        center.meals.void_top_up(first, "收据号录错", admin)
    assert "-1.00" in str(refused.value)
    assert center.meals.balance(sid, admin) == 900
    done = center.meals.void_top_up(first, "收据号录错", admin, override=True)
    assert (done.voided, done.balance_fen) == (True, -100)
    with pytest.raises(ValidationError):
        center.meals.void_top_up(second, "", admin)  # a reason is required
    meal_line = center.meals.ledger(sid, admin)[-1]
    with pytest.raises(ValidationError):
        center.meals.void_top_up(meal_line.entry_id, "不是充值", admin)  # a meal line is voided with its meal
    # the receipt number of a voided top-up is free again
    assert center.meals.top_up(TopUpInput(sid, 1000, "R1"), admin).balance_fen == 900


def test_the_ledger_of_a_month_keeps_the_running_balance_from_before(
    center: CareCenter, admin: Actor, clock: FixedClock
) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    clock.current = FixedClock.on(D(2026, 10, 31), hour=18).current
    top_up(center, admin, sid, 3000, "R10")
    clock.current = FixedClock.on(NOV, hour=11).current
    from_balance(center, admin, sid)
    top_up(center, admin, sid, 1000, "R11")
    november = center.meals.ledger(sid, admin, NOV)
    assert [(line.at.date(), line.amount_fen, line.balance_fen) for line in november] == [
        (NOV, -1100, 1900),
        (NOV, 1000, 2900),
    ]
    assert [line.balance_fen for line in center.meals.ledger(sid, admin, D(2026, 10, 1))] == [3000]
