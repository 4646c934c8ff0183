"""Menus and orders: what is offered, who may order what, the day's list and the kitchen count by diet."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.actor import Actor
from carecenter.domain.desk_vocab import Payment
from carecenter.domain.vocab import DietFlag, Status
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, OrderUpdate, ServeInput
from carecenter.subsidies.policy import MealType
from tests.core.test_meal_serving import EIGHTIES, SIXTIES, courier, meal_senior

D = dt.date
TODAY, TOMORROW, YESTERDAY = D(2026, 11, 22), D(2026, 11, 23), D(2026, 11, 21)
LUNCH, BREAKFAST, DINNER = MealType.LUNCH, MealType.BREAKFAST, MealType.DINNER
HALAL, DIABETIC, LOW_SALT, SOFT = DietFlag.HALAL, DietFlag.DIABETIC, DietFlag.LOW_SALT, DietFlag.SOFT


def fields(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [e.field for e in excinfo.value.errors]


def test_lunch_is_offered_by_default_breakfast_and_dinner_only_on_the_menu(center: CareCenter, admin: Actor) -> None:
    assert center.meals.offered_meals(1, TOMORROW) == (LUNCH,)
    center.meals.set_menu(1, TOMORROW, DINNER, "  小米粥 馒头 ", True, admin)
    center.meals.set_menu(1, TOMORROW, LUNCH, "", False, admin)  # the kitchen is closed for lunch
    assert center.meals.offered_meals(1, TOMORROW) == (DINNER,)
    menus = center.meals.menus(1, TOMORROW)
    assert [(m.meal_type, m.offered, m.dishes, m.id is None) for m in menus] == [
        (BREAKFAST, False, "", True),
        (LUNCH, False, "", False),
        (DINNER, True, "小米粥 馒头", False),
    ]
    assert center.meals.offered_meals(1, TODAY) == (LUNCH,)
    with pytest.raises(ValidationError) as past:
        center.meals.set_menu(1, YESTERDAY, BREAKFAST, "", True, admin)
    assert fields(past) == ["day"]


def test_a_meal_with_orders_cannot_be_taken_off_the_menu(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    center.meals.order(OrderInput(sid, TOMORROW), admin)
    with pytest.raises(ValidationError) as refused:
        center.meals.set_menu(1, TOMORROW, LUNCH, "", False, admin)
    assert str(refused.value) == "餐次：2026-11-23的午餐已有 1 份订餐、0 份已用餐，请先取消"
    assert center.meals.offered_meals(1, TOMORROW) == (LUNCH,)


def test_an_order_for_tomorrow_eaten_in(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    order = center.meals.order(OrderInput(sid, TOMORROW, notes=" 少放辣 "), front_desk)
    assert (order.center_id, order.day, order.meal_type, order.delivery, order.address, order.notes) == (
        1,
        TOMORROW,
        LUNCH,
        False,
        "",
        "少放辣",
    )
    assert (order.created_by, order.voided) == ("test-desk", False)


def test_a_delivery_takes_the_seniors_address_unless_one_is_typed(center: CareCenter, admin: Actor) -> None:
    home = meal_senior(center, admin, "张桂兰", SIXTIES, 42, address="金水区文化路 97 号院 3 号楼")
    wang = courier(center, admin)
    order = center.meals.order(OrderInput(home, TODAY, delivery=True, courier_staff_id=wang), admin)
    assert (order.address, order.courier_name) == ("金水区文化路 97 号院 3 号楼", "王师傅")
    elsewhere = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    other = center.meals.order(OrderInput(elsewhere, TODAY, delivery=True, address=" 女儿家：农业路 8 号 "), admin)
    assert (other.address, other.courier_staff_id, other.courier_name) == ("女儿家：农业路 8 号", None, "")


def test_refused_orders_name_the_field_and_write_nothing(center: CareCenter, admin: Actor) -> None:
    homeless = meal_senior(center, admin, "张桂兰", SIXTIES, 42, address="")
    wang = courier(center, admin)
    retired = courier(center, admin, "李师傅")
    center.staff.set_active(retired, False, admin)
    with pytest.raises(ValidationError) as no_address:
        center.meals.order(OrderInput(homeless, TODAY, delivery=True), admin)
    assert str(no_address.value) == "送餐地址：送餐需要地址（该老人档案中没有地址）"
    with pytest.raises(ValidationError) as inactive:
        center.meals.order(
            OrderInput(homeless, TODAY, delivery=True, address="农业路 8 号", courier_staff_id=retired), admin
        )
    assert str(inactive.value) == "送餐人：李师傅已停用"
    with pytest.raises(ValidationError) as unknown:
        center.meals.order(
            OrderInput(homeless, TODAY, delivery=True, address="农业路 8 号", courier_staff_id=999), admin
        )
    assert fields(unknown) == ["courier_staff_id"]
    with pytest.raises(ValidationError) as eat_in_courier:
        center.meals.order(OrderInput(homeless, TODAY, courier_staff_id=wang), admin)
    assert fields(eat_in_courier) == ["courier_staff_id"]
    with pytest.raises(ValidationError) as past:
        center.meals.order(OrderInput(homeless, YESTERDAY), admin)
    assert str(past.value) == "日期：不能为今天以前的日期订餐"
    with pytest.raises(ValidationError) as breakfast:
        center.meals.order(OrderInput(homeless, TOMORROW, BREAKFAST), admin)
    assert str(breakfast.value) == "餐次：2026-11-23未供应早餐，请先在当天菜单中设置"
    assert center.meals.orders(admin, None, TODAY) == [] == center.meals.orders(admin, None, TOMORROW, BREAKFAST)


def test_a_withdrawn_or_deceased_senior_cannot_order(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    center.seniors.change_status(sid, Status.WITHDRAWN, D(2026, 11, 20), "搬走", admin)
    with pytest.raises(ValidationError) as refused:
        center.meals.order(OrderInput(sid, TOMORROW), admin)
    assert fields(refused) == ["senior_id"] and "退出" in str(refused.value)
    paused = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    center.seniors.change_status(paused, Status.PAUSED, D(2026, 11, 20), "住院", admin)
    assert center.meals.order(OrderInput(paused, TOMORROW), admin).senior_id == paused  # 暂停 may order


def test_a_second_order_for_the_same_meal_is_refused_naming_the_first(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    first = center.meals.order(OrderInput(sid, TOMORROW), admin)
    with pytest.raises(ValidationError) as twice:
        center.meals.order(OrderInput(sid, TOMORROW, delivery=True), admin)
    assert str(twice.value) == f"餐次：张桂兰已订2026-11-23的午餐（订餐 {first.id}，test-admin 于 09:00 登记）"
    center.meals.set_menu(1, TOMORROW, DINNER, "", True, admin)
    assert center.meals.order(OrderInput(sid, TOMORROW, DINNER), admin).meal_type is DINNER  # another meal is fine
    cancelled = center.meals.cancel_order(first.id, "家属接走了", admin)
    assert (cancelled.voided, cancelled.void_reason) == (True, "家属接走了")
    again = center.meals.order(OrderInput(sid, TOMORROW, delivery=True), admin)
    assert again.id != first.id
    with pytest.raises(ValidationError):
        center.meals.cancel_order(first.id, "再取消一次", admin)
    with pytest.raises(ValidationError):
        center.meals.update_order(first.id, OrderUpdate(delivery=False), admin)


def test_an_order_already_served_cannot_be_cancelled(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    order = center.meals.order(OrderInput(sid, TODAY), admin)
    served = center.meals.serve(ServeInput(sid, payment=Payment.CASH), admin)
    with pytest.raises(ValidationError) as refused:
        center.meals.cancel_order(order.id, "不吃了", admin)
    assert str(refused.value) == "订餐：该餐已于 09:00 用过，请先作废用餐记录"
    center.meals.void_serving(served.id, "登记错了", admin)
    assert center.meals.cancel_order(order.id, "不吃了", admin).voided


def test_changing_an_order_to_a_delivery_and_back(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    wang = courier(center, admin)
    order = center.meals.order(OrderInput(sid, TOMORROW), admin)
    delivered = center.meals.update_order(order.id, OrderUpdate(True, courier_staff_id=wang, notes="放门口"), admin)
    assert (delivered.delivery, delivered.address, delivered.courier_name, delivered.notes) == (
        True,
        "金水区文化路 97 号院 3 号楼",
        "王师傅",
        "放门口",
    )
    back = center.meals.update_order(order.id, OrderUpdate(False), admin)
    assert (back.delivery, back.address, back.courier_staff_id, back.notes) == (False, "", None, "")
    assert center.meals.get_order(order.id, admin) == back


def test_the_days_list_and_the_kitchen_count_by_diet(center: CareCenter, admin: Actor) -> None:
    wang = courier(center, admin)
    ma = meal_senior(center, admin, "马秀兰", SIXTIES, 42, diet=frozenset({HALAL}), allergies="海鲜")
    bai = meal_senior(center, admin, "白建国", EIGHTIES, 13, diet=frozenset({HALAL, DIABETIC, SOFT}))
    li = meal_senior(center, admin, "李桂英", SIXTIES, 44, diet=frozenset({LOW_SALT}), allergies="花生、牛奶")
    zhang = meal_senior(center, admin, "张德福", EIGHTIES, 15)
    wu = meal_senior(center, admin, "吴大爷", SIXTIES, 46)
    not_ordered = meal_senior(center, admin, "陈奶奶", SIXTIES, 48, diet=frozenset({SOFT}))
    for sid in (ma, li, zhang):
        center.meals.order(OrderInput(sid, TOMORROW), admin)
    center.meals.order(OrderInput(bai, TOMORROW, delivery=True, courier_staff_id=wang), admin)
    cancelled = center.meals.order(OrderInput(wu, TOMORROW, delivery=True), admin)
    center.meals.cancel_order(cancelled.id, "住院", admin)
    center.meals.set_menu(1, TOMORROW, DINNER, "", True, admin)
    center.meals.order(OrderInput(not_ordered, TOMORROW, DINNER), admin)

    rows = center.meals.orders(admin, 1, TOMORROW)
    assert [(r.name, r.diet_flags, r.delivery, r.courier_name, r.served) for r in rows] == [
        ("白建国", (HALAL, DIABETIC, SOFT), True, "王师傅", False),
        ("李桂英", (LOW_SALT,), False, "", False),
        ("马秀兰", (HALAL,), False, "", False),
        ("张德福", (), False, "", False),
    ]
    count = center.meals.kitchen_count(admin, 1, TOMORROW)
    assert (count.total, count.eat_in, count.delivered, count.plain) == (4, 3, 1, 1)
    assert count.by_diet == ((HALAL, 2), (DIABETIC, 1), (LOW_SALT, 1), (SOFT, 1))
    assert count.diet(HALAL) == 2
    assert [(a.name, a.allergies) for a in count.allergies] == [("李桂英", "花生、牛奶"), ("马秀兰", "海鲜")]
    dinner = center.meals.kitchen_count(admin, None, TOMORROW, DINNER)
    assert (dinner.total, dinner.by_diet[-1], dinner.plain) == (1, (SOFT, 1), 0)
    empty = center.meals.kitchen_count(admin, 1, TODAY)
    assert (empty.total, empty.by_diet, empty.allergies) == (
        0,
        ((HALAL, 0), (DIABETIC, 0), (LOW_SALT, 0), (SOFT, 0)),
        (),
    )


def test_the_list_shows_who_has_been_served(center: CareCenter, admin: Actor) -> None:
    sid = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    other = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    for senior_id in (sid, other):
        center.meals.order(OrderInput(senior_id, TODAY), admin)
    served = center.meals.serve(ServeInput(sid), admin)
    rows = {r.name: (r.served, r.serving_id) for r in center.meals.orders(admin, None, TODAY)}
    assert rows == {"张桂兰": (True, served.id), "李建国": (False, None)}
