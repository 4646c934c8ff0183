"""The meal subsidy per meal: the highest tier (not a sum), categories on the meal's day, versioned prices."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.domain.vocab import Category, Status
from carecenter.errors import NotFoundError, ValidationError
from carecenter.facade import CareCenter
from carecenter.seniors.dto import CategoryPeriod
from carecenter.subsidies.meal import MealCharge, MealType, meal_charge
from carecenter.subsidies.policy import Definition, Tier
from tests.core.test_eligibility import add_senior, dibao

D = dt.date
DAY = D(2026, 11, 10)
LUNCH, BREAKFAST, DINNER = MealType.LUNCH, MealType.BREAKFAST, MealType.DINNER


def charge(cc: CareCenter, senior_id: int, day: dt.date = DAY, meal: MealType = LUNCH) -> tuple[int, int, int, str]:
    c = cc.subsidies.meal_charge(senior_id, meal, day)
    return c.price_fen, c.subsidy_fen, c.pays_fen, c.tier


def test_60_to_79_gets_1_yuan_80_plus_3_and_dibao_5_the_highest_not_the_sum(center: CareCenter, admin: Actor) -> None:
    sixties = add_senior(center, admin, "张桂兰", D(1956, 3, 2), 42)
    eighties = add_senior(center, admin, "李建国", D(1940, 5, 1), 13)
    both = add_senior(center, admin, "王秀英", D(1940, 6, 1), 44, categories=dibao())
    assert charge(center, sixties) == (1200, 100, 1100, "60–79周岁")
    assert charge(center, eighties) == (1200, 300, 900, "80周岁以上")
    assert charge(center, both) == (1200, 500, 700, "低保/特困/失独/优抚")  # 12 − 5 = 7.00, not 12 − 8
    assert center.subsidies.meal_charge(both, LUNCH, DAY) == MealCharge(
        1200, 500, 700, "低保/特困/失独/优抚", "属低保，享受低保/特困/失独/优抚助餐补贴"
    )
    assert center.subsidies.meal_charge(sixties, LUNCH, DAY).reason == (
        "于2016-03-02年满60周岁，自次月起享受60–79周岁助餐补贴"
    )


def test_every_needy_category_gets_the_highest_tier(center: CareCenter, admin: Actor) -> None:
    for seq, (name, category) in enumerate(
        (("李特困", Category.TEKUN), ("王失独", Category.SHIDU), ("赵优抚", Category.YOUFU)), start=20
    ):
        sid = add_senior(center, admin, name, D(1950, 1, 1), seq, categories=(CategoryPeriod(category),))
        assert charge(center, sid)[1:] == (500, 700, "低保/特困/失独/优抚")
    empty_nest = add_senior(center, admin, "空巢", D(1950, 1, 1), 30, categories=(CategoryPeriod(Category.EMPTY_NEST),))
    assert charge(center, empty_nest)[1:] == (100, 1100, "60–79周岁")


def test_59_gets_nothing_and_60_counts_from_the_month_after_the_birthday(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1966, 11, 3), 42, categories=dibao())
    meal = center.subsidies.meal_charge(sid, LUNCH, DAY)  # turns 60 on 3 November: not yet for November's meals
    assert meal == MealCharge(1200, 0, 1200, "", "2026-11-03年满60周岁，次月（2026年12月）起享受")
    assert charge(center, sid, D(2026, 12, 1)) == (1200, 500, 700, "低保/特困/失独/优抚")


def test_a_category_that_expired_the_day_before_the_meal_gives_the_lower_tier(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1956, 3, 2), 42, categories=dibao(valid_to=D(2026, 11, 9)))
    assert charge(center, sid, D(2026, 11, 9)) == (1200, 500, 700, "低保/特困/失独/优抚")
    assert charge(center, sid, D(2026, 11, 10)) == (1200, 100, 1100, "60–79周岁")


def test_breakfast_and_dinner_get_no_subsidy_by_default(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42, categories=dibao())
    assert center.subsidies.meal_charge(sid, BREAKFAST, DAY) == MealCharge(400, 0, 400, "", "助餐补贴不适用于早餐")
    assert charge(center, sid, meal=DINNER) == (1000, 0, 1000, "")


def test_the_meals_covered_are_a_setting_of_the_rule(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42)
    current = center.subsidies.rule("meal_subsidy").versions[-1].definition
    center.subsidies.add_version(
        "meal_subsidy",
        D(2027, 1, 1),
        Definition(tiers=current.tiers, min_age=60, meal_types=(LUNCH, BREAKFAST)),
        admin,
    )
    assert charge(center, sid, D(2026, 12, 31), BREAKFAST) == (400, 0, 400, "")
    assert charge(center, sid, D(2027, 1, 1), BREAKFAST) == (400, 300, 100, "80周岁以上")


def test_a_price_below_the_subsidy_means_paying_nothing(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42, categories=dibao())
    center.subsidies.set_meal_price(LUNCH, D(2026, 12, 1), "3", admin)
    assert charge(center, sid, D(2026, 12, 1)) == (300, 300, 0, "低保/特困/失独/优抚")


def test_meal_prices_are_versioned_by_day(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1956, 3, 2), 42)
    center.subsidies.set_meal_price(LUNCH, D(2026, 12, 15), 1300, admin)
    assert charge(center, sid, D(2026, 12, 14)) == (1200, 100, 1100, "60–79周岁")
    assert charge(center, sid, D(2026, 12, 15)) == (1300, 100, 1200, "60–79周岁")
    assert charge(center, sid, D(2027, 5, 1)) == (1300, 100, 1200, "60–79周岁")


def test_a_figure_changed_from_a_month_applies_to_that_months_meals(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1956, 3, 2), 42)
    current = center.subsidies.rule("meal_subsidy").versions[-1].definition
    tiers = (Tier("60–79周岁", 200, 60, 79), *current.tiers[1:])
    center.subsidies.add_version("meal_subsidy", D(2027, 1, 1), Definition(tiers=tiers, min_age=60), admin)
    assert charge(center, sid, D(2026, 12, 31)) == (1200, 100, 1100, "60–79周岁")
    assert charge(center, sid, D(2027, 1, 1)) == (1200, 200, 1000, "60–79周岁")


def test_no_subsidy_after_death_or_before_registration(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42, registered=D(2026, 10, 20))
    center.seniors.change_status(sid, Status.DECEASED, D(2026, 11, 15), "病故", admin)
    assert charge(center, sid, D(2026, 11, 14)) == (1200, 300, 900, "80周岁以上")
    assert center.subsidies.meal_charge(sid, LUNCH, D(2026, 11, 15)).reason == "状态为去世（自2026-11-15起）"
    assert center.subsidies.meal_charge(sid, LUNCH, D(2026, 10, 19)).reason == "登记日期2026-10-20晚于用餐日期"


def test_unknown_senior_or_no_price_is_refused(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42)
    with pytest.raises(NotFoundError):
        center.subsidies.meal_charge(999, LUNCH, DAY)
    with pytest.raises(ValidationError) as refused:
        center.subsidies.meal_charge(sid, LUNCH, D(2019, 12, 31))
    assert str(refused.value) == "餐次：2019-12-31没有生效的午餐价格，请先在补贴设置中填写"


def test_a_whole_serving_at_once(center: CareCenter, admin: Actor) -> None:
    a = add_senior(center, admin, "张桂兰", D(1956, 3, 2), 42)
    b = add_senior(center, admin, "李建国", D(1940, 5, 1), 13, categories=dibao())
    charges = center.subsidies.meal_charges([a, b, 999], LUNCH, DAY)
    assert {k: v.pays_fen for k, v in charges.items()} == {a: 1100, b: 700}
    with Session(center.engine) as session:  # the function the meals feature calls inside its own session
        assert meal_charge(session, b, LUNCH, DAY) == charges[b]
