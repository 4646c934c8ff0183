"""The serving moment: price and subsidy per tier as recorded, refusals (ended, already served), warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.db.desk_models import MealBalanceEntry, MealServing
from carecenter.domain.desk_vocab import Payment
from carecenter.domain.vocab import Category, DietFlag, StaffPosition, Status
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, ServeInput, WarningCode
from carecenter.seniors.dto import CategoryPeriod, SeniorInput
from carecenter.subsidies.policy import MealType
from tests.core.helpers import an_id

D = dt.date
TODAY = D(2026, 11, 22)  # the clock fixture: a Sunday, 09:00
LUNCH, BREAKFAST, DINNER = MealType.LUNCH, MealType.BREAKFAST, MealType.DINNER
SIXTIES, EIGHTIES = D(1956, 3, 2), D(1940, 5, 1)
REGISTERED = D(2020, 1, 6)


def meal_senior(
    cc: CareCenter,
    actor: Actor,
    name: str,
    birth: dt.date,
    seq: int,
    *,
    dibao: bool = False,
    diet: frozenset[DietFlag] = frozenset(),
    allergies: str = "",
    address: str = "金水区文化路 97 号院 3 号楼",
    registered: dt.date = REGISTERED,
) -> int:
    data = SeniorInput(
        name=name,
        id_number=an_id(birth, seq),
        registered_on=registered,
        address=address,
        categories=(CategoryPeriod(Category.DIBAO),) if dibao else (),
        diet_flags=diet,
        allergies=allergies,
    )
    return cc.seniors.create(data, actor).id


def courier(cc: CareCenter, actor: Actor, name: str = "王师傅") -> int:
    return cc.staff.create(name, StaffPosition.CAREGIVER, actor).id


def fifteen_yuan_lunch(cc: CareCenter, actor: Actor) -> None:
    cc.subsidies.set_meal_price(LUNCH, D(2026, 11, 1), 1500, actor)


def count(cc: CareCenter, model: type[MealServing] | type[MealBalanceEntry]) -> int:
    with cc.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def figures(cc: CareCenter, actor: Actor, senior_id: int, payment: Payment = Payment.CASH) -> tuple[int, int, int, str]:
    s = cc.meals.serve(ServeInput(senior_id, LUNCH, payment), actor)
    return s.price_fen, s.subsidy_fen, s.pays_fen, s.payment.value


def test_each_tier_is_recorded_at_serving_on_a_15_yuan_lunch(center: CareCenter, admin: Actor) -> None:
    fifteen_yuan_lunch(center, admin)
    sixties = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    eighties = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    needy = meal_senior(center, admin, "王秀英", EIGHTIES, 44, dibao=True)
    young = meal_senior(center, admin, "赵小芳", D(1970, 1, 1), 46)
    assert figures(center, admin, sixties) == (1500, 100, 1400, "cash")
    assert figures(center, admin, eighties, Payment.WECHAT) == (1500, 300, 1200, "wechat")
    assert figures(center, admin, needy, Payment.ALIPAY) == (1500, 500, 1000, "alipay")  # the highest, not 3 + 5
    assert figures(center, admin, young) == (1500, 0, 1500, "cash")
    served = center.meals.get_serving(center.meals.servings(admin, None, TODAY)[-1].serving_id, admin)
    assert served.subsidy_reason == "于2016-03-02年满60周岁，自次月起享受60–79周岁助餐补贴"


def test_the_shipped_12_yuan_lunch_and_breakfast_without_subsidy(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    center.meals.set_menu(1, TODAY, BREAKFAST, "豆浆 油条", True, admin)
    assert figures(center, admin, sid) == (1200, 300, 900, "cash")
    breakfast = center.meals.serve(ServeInput(sid, BREAKFAST, Payment.CASH), admin)
    assert (breakfast.price_fen, breakfast.subsidy_fen, breakfast.pays_fen) == (400, 0, 400)


def test_nothing_to_pay_is_payment_none_whatever_was_chosen_and_never_negative(
    center: CareCenter, admin: Actor
) -> None:
    center.subsidies.set_meal_price(LUNCH, D(2026, 11, 1), 300, admin)  # 3 元 lunch, 低保 subsidy 5 元
    needy = meal_senior(center, admin, "王秀英", EIGHTIES, 44, dibao=True)
    eighties = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    assert figures(center, admin, needy, Payment.BALANCE) == (300, 300, 0, "none")
    assert figures(center, admin, eighties, Payment.NONE) == (300, 300, 0, "none")
    assert count(center, MealBalanceEntry) == 0  # nothing was taken from a balance


def test_something_to_pay_needs_a_payment_method(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    with pytest.raises(ValidationError) as refused:
        center.meals.serve(ServeInput(sid, LUNCH, Payment.NONE), admin)
    assert refused.value.errors[0].field == "payment"
    assert "11.00" in str(refused.value)
    assert count(center, MealServing) == 0


def test_a_second_lunch_is_refused_saying_when_the_first_was_served(
    center: CareCenter, admin: Actor, clock: FixedClock
) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    clock.current = clock.current.replace(hour=11, minute=35)
    first = center.meals.serve(ServeInput(sid), admin)
    clock.current = clock.current.replace(hour=12, minute=5)
    with pytest.raises(ValidationError) as refused:
        center.meals.serve(ServeInput(sid, payment=Payment.WECHAT), admin)
    assert str(refused.value) == "餐次：张桂兰今天已用过午餐（11:35）"
    assert count(center, MealServing) == 1
    preview = center.meals.preview(sid, LUNCH, admin)
    assert preview.refused and WarningCode.ALREADY_SERVED in preview.codes
    assert preview.served is not None and preview.served.id == first.id
    center.meals.void_serving(first.id, "刷错卡了", admin)  # the mistake voided: the lunch can be served again
    again = center.meals.serve(ServeInput(sid, payment=Payment.WECHAT), admin)
    assert (again.payment, again.served_at) == (Payment.WECHAT, dt.datetime(2026, 11, 22, 12, 5))
    assert [r.serving_id for r in center.meals.servings(admin, None, TODAY)] == [again.id]


def test_a_withdrawn_or_deceased_senior_is_refused_and_nothing_written(center: CareCenter, admin: Actor) -> None:
    gone = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    moved = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    center.seniors.change_status(gone, Status.DECEASED, D(2026, 11, 20), "病故", admin)
    center.seniors.change_status(moved, Status.WITHDRAWN, D(2026, 11, 1), "搬离本社区", admin)
    for sid in (gone, moved):
        with pytest.raises(ValidationError) as refused:
            center.meals.serve(ServeInput(sid), admin)
        assert refused.value.errors[0].field == "senior_id"
        preview = center.meals.preview(sid, LUNCH, admin)
        assert preview.refused and preview.codes[0] is WarningCode.ENDED and preview.charge is None
    assert "去世" in center.meals.preview(gone, LUNCH, admin).warnings[0].text
    assert count(center, MealServing) == 0
    # the day before the death the meal could still be recorded (entered late)
    late = center.meals.serve(ServeInput(gone, day=D(2026, 11, 19)), admin)
    assert (late.day, late.pays_fen) == (D(2026, 11, 19), 1100)


def test_a_paused_senior_is_served_with_the_warning_kept(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    center.seniors.change_status(sid, Status.PAUSED, D(2026, 11, 10), "住院", admin)
    preview = center.meals.preview(sid, LUNCH, admin)
    assert preview.codes == (WarningCode.NO_ORDER, WarningCode.PAUSED)
    assert not preview.refused
    assert [w.text for w in preview.warnings] == ["2026-11-22无午餐订餐", "张桂兰已暂停服务"]
    served = center.meals.serve(ServeInput(sid), admin)
    assert served.warnings == "2026-11-22无午餐订餐；张桂兰已暂停服务"
    assert served.order_id is None and not served.delivery


def test_an_order_gives_the_delivery_and_courier_and_silences_no_order(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42, diet=frozenset({DietFlag.HALAL}), allergies="花生")
    wang = courier(center, admin)
    order = center.meals.order(OrderInput(sid, TODAY, LUNCH, delivery=True, courier_staff_id=wang), admin)
    preview = center.meals.preview(sid, LUNCH, admin)
    assert preview.codes == ()
    assert preview.delivery and preview.order is not None and preview.order.courier_name == "王师傅"
    assert (preview.senior.diet_flags, preview.senior.allergies) == ((DietFlag.HALAL,), "花生")
    assert preview.charge is not None and preview.charge.pays_fen == 1100
    assert preview.suggested_payment is Payment.CASH
    served = center.meals.serve(ServeInput(sid, payment=Payment.WECHAT), admin)
    assert (served.order_id, served.delivery, served.courier_staff_id, served.warnings) == (order.id, True, wang, "")
    eat_in = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    center.meals.order(OrderInput(eat_in, TODAY, LUNCH, delivery=True), admin)
    changed = center.meals.serve(ServeInput(eat_in, delivery=False), admin)  # came to the center after all
    assert (changed.delivery, changed.courier_staff_id) == (False, None)


def test_a_future_day_or_a_meal_not_offered_is_refused(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    with pytest.raises(ValidationError) as future:
        center.meals.serve(ServeInput(sid, day=D(2026, 11, 23)), admin)
    assert future.value.errors[0].field == "day"
    with pytest.raises(ValidationError) as dinner:
        center.meals.serve(ServeInput(sid, DINNER), admin)
    assert str(dinner.value) == "餐次：2026-11-22未供应晚餐，请先在当天菜单中设置"
    center.meals.set_menu(1, TODAY, LUNCH, "", False, admin)  # kitchen closed today
    with pytest.raises(ValidationError):
        center.meals.serve(ServeInput(sid), admin)
    assert count(center, MealServing) == 0


def test_voiding_needs_a_reason_and_happens_once(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    served = center.meals.serve(ServeInput(sid), admin)
    with pytest.raises(ValidationError):
        center.meals.void_serving(served.id, "  ", admin)
    voided = center.meals.void_serving(served.id, "重复登记", admin)
    assert (voided.voided, voided.void_reason) == (True, "重复登记")
    with pytest.raises(Exception, match="重复登记"):
        center.meals.void_serving(served.id, "再次作废", admin)


def test_the_front_desk_serves_and_the_list_shows_diets(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    halal = meal_senior(center, admin, "马秀兰", SIXTIES, 42, diet=frozenset({DietFlag.HALAL, DietFlag.SOFT}))
    center.meals.serve(ServeInput(halal, payment=Payment.ALIPAY), front_desk)
    [row] = center.meals.servings(front_desk, 1, TODAY)
    assert (row.name, row.diet_flags, row.payment, row.pays_fen, row.had_order) == (
        "马秀兰",
        (DietFlag.HALAL, DietFlag.SOFT),
        Payment.ALIPAY,
        1100,
        False,
    )
    assert center.meals.servings(front_desk, 1, TODAY, DINNER) == []
