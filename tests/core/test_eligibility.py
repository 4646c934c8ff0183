"""Month-by-month eligibility for the monthly subsidies, and the explanations, with the exact amounts and reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInput
from carecenter.clock import FixedClock
from carecenter.domain.vocab import CareLevel, Category, Residence, StaffPosition, Status
from carecenter.errors import NotFoundError
from carecenter.facade import CareCenter
from carecenter.seniors.dto import CategoryPeriod, SeniorInput
from carecenter.subsidies.engine import Verdict, explain_many
from carecenter.subsidies.policy import Tier
from tests.core.helpers import an_id
from tests.core.test_assessments import TOTAL_29
from tests.core.test_instruments import GBT_BEST

D = dt.date
SEP, OCT, NOV, DEC = D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1), D(2026, 12, 1)
REGISTERED = D(2020, 1, 6)
ELDERLY, HOME_CARE, MEAL = "elderly_allowance", "home_care_subsidy", "meal_subsidy"


# ---- builders (the meal and CLI tests use them too) ------------------------------------------------


def add_senior(
    cc: CareCenter,
    actor: Actor,
    name: str,
    birth: dt.date,
    seq: int,
    *,
    registered: dt.date = REGISTERED,
    residence: Residence = Residence.LOCAL,
    categories: tuple[CategoryPeriod, ...] = (),
    care_level: CareLevel | None = None,
    center_id: int | None = None,
) -> int:
    data = SeniorInput(
        name=name,
        id_number=an_id(birth, seq),
        registered_on=registered,
        residence=residence,
        categories=categories,
        care_level=care_level,
        center_id=center_id,
    )
    return cc.seniors.create(data, actor).id


def dibao(valid_from: dt.date | None = None, valid_to: dt.date | None = None) -> tuple[CategoryPeriod, ...]:
    return (CategoryPeriod(Category.DIBAO, valid_from, valid_to),)


def granted(cc: CareCenter, actor: Actor, month: dt.date) -> list[tuple[str, str, str, int]]:
    """(name, rule code, tier, amount) of every grant, in the roster's order."""
    return [(g.name, g.rule_code, g.tier, g.amount_fen) for g in cc.subsidies.eligibility(actor, month)]


def verdict(cc: CareCenter, actor: Actor, senior_id: int, month: dt.date, code: str) -> Verdict:
    return next(v for v in cc.subsidies.explain(actor, senior_id, month) if v.rule_code == code)


def said(cc: CareCenter, actor: Actor, senior_id: int, month: dt.date, code: str) -> tuple[bool, int, str, str]:
    v = verdict(cc, actor, senior_id, month, code)
    return v.granted, v.amount_fen, v.tier, v.reason


def gbt_assessment(cc: CareCenter, actor: Actor, senior_id: int, day: dt.date, scores: dict[str, int]) -> None:
    first = cc.staff.create("刘芳", StaffPosition.SOCIAL_WORKER, actor).id
    second = cc.staff.create("王丽", StaffPosition.CAREGIVER, actor).id
    cc.assessments.record(senior_id, AssessmentInput("gbt42195", day, first, second, scores), actor)


# ---- 高龄津贴 --------------------------------------------------------------------------------------


def test_turning_80_on_the_first_or_the_last_day_of_october_is_paid_from_november(
    center: CareCenter, admin: Actor
) -> None:
    first = add_senior(center, admin, "张桂兰", D(1946, 10, 1), 42)
    last = add_senior(center, admin, "王秀英", D(1946, 10, 31), 44)
    assert granted(center, admin, OCT) == []
    assert granted(center, admin, NOV) == [
        ("张桂兰", ELDERLY, "80–89周岁", 10000),
        ("王秀英", ELDERLY, "80–89周岁", 10000),
    ]
    assert said(center, admin, first, OCT, ELDERLY) == (False, 0, "", "2026-10-01年满80周岁，次月（2026年11月）起享受")
    assert said(center, admin, last, OCT, ELDERLY) == (False, 0, "", "2026-10-31年满80周岁，次月（2026年11月）起享受")
    assert said(center, admin, first, NOV, ELDERLY) == (
        True,
        10000,
        "80–89周岁",
        "于2026-10-01年满80周岁，自次月起享受80–89周岁高龄津贴",
    )


def test_89_to_90_and_99_to_100_change_band_from_the_month_after(center: CareCenter, admin: Actor) -> None:
    ninety = add_senior(center, admin, "李建国", D(1936, 10, 15), 13)
    hundred = add_senior(center, admin, "赵淑珍", D(1926, 10, 15), 24)
    assert granted(center, admin, OCT) == [  # ordered by ID number: 1926… before 1936…
        ("赵淑珍", ELDERLY, "90–99周岁", 20000),
        ("李建国", ELDERLY, "80–89周岁", 10000),
    ]
    assert granted(center, admin, NOV) == [
        ("赵淑珍", ELDERLY, "100周岁以上", 30000),
        ("李建国", ELDERLY, "90–99周岁", 20000),
    ]
    assert said(center, admin, ninety, NOV, ELDERLY)[3] == "于2026-10-15年满90周岁，自次月起享受90–99周岁高龄津贴"
    assert said(center, admin, hundred, NOV, ELDERLY)[3] == "于2026-10-15年满100周岁，自次月起享受100周岁以上高龄津贴"


def test_a_29_february_birthday_is_28_february_in_a_common_year(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "孙玉梅", D(1936, 2, 29), 26)
    assert said(center, admin, sid, D(2026, 2, 1), ELDERLY)[:3] == (True, 10000, "80–89周岁")
    assert said(center, admin, sid, D(2026, 3, 1), ELDERLY) == (
        True,
        20000,
        "90–99周岁",
        "于2026-02-28年满90周岁，自次月起享受90–99周岁高龄津贴",
    )


def test_death_mid_month_is_paid_that_month_and_stopped_from_the_next(
    center: CareCenter, admin: Actor, clock: FixedClock
) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42)
    center.seniors.change_status(sid, Status.DECEASED, D(2026, 10, 15), "病故", admin)
    assert granted(center, admin, OCT) == [("张桂兰", ELDERLY, "80–89周岁", 10000)]
    assert said(center, admin, sid, OCT, ELDERLY)[3] == (
        "于2020-05-01年满80周岁，自次月起享受80–89周岁高龄津贴；2026-10-15去世，本月照发，自2026年11月起停发"
    )
    assert granted(center, admin, NOV) == []
    assert said(center, admin, sid, NOV, ELDERLY) == (False, 0, "", "2026-10-15去世，自2026年11月起停发")
    assert said(center, admin, sid, DEC, ELDERLY)[3] == "2026-10-15去世，自2026年11月起停发"


def test_withdrawal_stops_from_the_next_month_and_the_1st_still_pays_its_month(
    center: CareCenter, admin: Actor
) -> None:
    late = add_senior(center, admin, "王秀英", D(1940, 5, 1), 44)
    early = add_senior(center, admin, "李建国", D(1940, 6, 1), 13)
    center.seniors.change_status(late, Status.WITHDRAWN, D(2026, 10, 31), "搬往外区", admin)
    center.seniors.change_status(early, Status.DECEASED, D(2026, 10, 1), "病故", admin)
    assert [g[0] for g in granted(center, admin, OCT)] == ["王秀英", "李建国"]
    assert granted(center, admin, NOV) == []
    assert said(center, admin, late, NOV, ELDERLY)[3] == "2026-10-31退出，自2026年11月起停发"
    assert said(center, admin, early, NOV, ELDERLY)[3] == "2026-10-01去世，自2026年11月起停发"


def test_a_paused_senior_is_still_paid(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42)
    center.seniors.change_status(sid, Status.PAUSED, D(2026, 9, 10), "住院", admin)
    assert granted(center, admin, OCT) == [("张桂兰", ELDERLY, "80–89周岁", 10000)]
    assert granted(center, admin, NOV) == [("张桂兰", ELDERLY, "80–89周岁", 10000)]


def test_registered_after_the_month_is_not_paid_for_it(center: CareCenter, admin: Actor, clock: FixedClock) -> None:
    clock.current = clock.current.replace(month=12, day=5)
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42, registered=D(2026, 12, 5))
    assert granted(center, admin, NOV) == []
    assert said(center, admin, sid, NOV, ELDERLY) == (False, 0, "", "登记日期2026-12-05晚于本月")
    assert granted(center, admin, DEC) == [("张桂兰", ELDERLY, "80–89周岁", 10000)]


def test_a_non_local_household_gets_no_elderly_allowance(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42, residence=Residence.NONLOCAL)
    assert granted(center, admin, NOV) == []
    assert said(center, admin, sid, NOV, ELDERLY) == (False, 0, "", "外地户籍不享受高龄津贴")


# ---- 居家养老服务补贴 --------------------------------------------------------------------------------


def test_home_care_by_care_level_on_the_first_day_of_the_month(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1956, 3, 2), 42, categories=dibao())
    gbt_assessment(center, admin, sid, D(2026, 10, 2), TOTAL_29)  # 完全失能 from 2 October: counts from November
    assert said(center, admin, sid, OCT, HOME_CARE) == (
        False,
        0,
        "",
        "不符合任何档次（重度/完全失能、中度失能、80周岁以上）：2026年10月按70周岁计，照护等级为未评估",
    )
    assert said(center, admin, sid, NOV, HOME_CARE) == (
        True,
        20000,
        "重度/完全失能",
        "属低保，2026-11-01照护等级为完全失能，享受重度/完全失能居家养老服务补贴",
    )
    assert granted(center, admin, NOV) == [("张桂兰", HOME_CARE, "重度/完全失能", 20000)]


def test_home_care_for_80_plus_and_for_moderate_disability_is_100(center: CareCenter, admin: Actor) -> None:
    old = add_senior(
        center, admin, "李建国", D(1944, 3, 2), 13, categories=(CategoryPeriod(Category.TEKUN, None, None),)
    )
    moderate = add_senior(
        center,
        admin,
        "王秀英",
        D(1956, 3, 2),
        44,
        categories=(CategoryPeriod(Category.LOW_INCOME, None, None),),
        care_level=CareLevel.MODERATE,
    )
    assert granted(center, admin, NOV) == [
        ("李建国", ELDERLY, "80–89周岁", 10000),
        ("李建国", HOME_CARE, "80周岁以上", 10000),
        ("王秀英", HOME_CARE, "中度失能", 10000),
    ]
    assert (
        said(center, admin, old, NOV, HOME_CARE)[3]
        == "属特困，于2024-03-02年满80周岁，自次月起享受80周岁以上居家养老服务补贴"
    )
    assert said(center, admin, moderate, NOV, HOME_CARE)[3] == (
        "属低收入，2026-11-01照护等级为中度失能，享受中度失能居家养老服务补贴"
    )


def test_no_needy_category_means_no_home_care(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42, care_level=CareLevel.SEVERE)
    assert said(center, admin, sid, NOV, HOME_CARE) == (False, 0, "", "无低保、特困或低收入类别")


def test_a_category_ending_mid_month_counts_for_that_month_not_the_next(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1944, 3, 2), 42, categories=dibao(valid_to=D(2026, 10, 15)))
    assert said(center, admin, sid, OCT, HOME_CARE)[:3] == (True, 10000, "80周岁以上")
    assert said(center, admin, sid, NOV, HOME_CARE) == (False, 0, "", "无低保、特困或低收入类别")


def test_a_category_without_dates_counts_from_registration(center: CareCenter, admin: Actor, clock: FixedClock) -> None:
    sid = add_senior(
        center, admin, "张桂兰", D(1956, 3, 2), 42, registered=D(2026, 10, 20), categories=dibao(),
        care_level=CareLevel.MODERATE,
    )  # fmt: skip
    assert said(center, admin, sid, SEP, HOME_CARE) == (False, 0, "", "登记日期2026-10-20晚于本月")
    assert said(center, admin, sid, OCT, HOME_CARE)[:3] == (True, 10000, "中度失能")


# ---- versions, order, masking, explain ----------------------------------------------------------------


def test_a_figure_changed_from_a_month_leaves_past_months_alone(center: CareCenter, admin: Actor) -> None:
    add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42)
    current = center.subsidies.rule(ELDERLY).versions[-1].definition
    raised = replace(current, tiers=(Tier("80–89周岁", 15000, 80, 89), *current.tiers[1:]))
    center.subsidies.add_version(ELDERLY, D(2027, 1, 1), raised, admin, note="提标")
    assert granted(center, admin, DEC) == [("张桂兰", ELDERLY, "80–89周岁", 10000)]
    assert granted(center, admin, D(2027, 1, 1)) == [("张桂兰", ELDERLY, "80–89周岁", 15000)]
    assert granted(center, admin, D(2027, 6, 1)) == [("张桂兰", ELDERLY, "80–89周岁", 15000)]


def test_grants_are_ordered_by_rule_then_id_number_and_masked_for_the_front_desk(
    center: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    add_senior(center, admin, "王秀英", D(1944, 3, 2), 44, categories=dibao())
    add_senior(center, admin, "张桂兰", D(1936, 5, 1), 42)
    full = center.subsidies.eligibility(admin, NOV)
    assert [(g.rule_code, g.id_number) for g in full] == [
        (ELDERLY, an_id(D(1936, 5, 1), 42)),
        (ELDERLY, an_id(D(1944, 3, 2), 44)),
        (HOME_CARE, an_id(D(1944, 3, 2), 44)),
    ]
    assert [g.id_number for g in center.subsidies.eligibility(front_desk, NOV)] == [
        "410105********" + g.id_number[-4:] for g in full
    ]
    assert full[0].member_no == "M000002" and full[0].rule_name == "高龄津贴"


def test_eligibility_of_one_center(center: CareCenter, admin: Actor) -> None:
    here = center.centers.by_code("C001")
    other = center.centers.create("纬五路社区站", admin, code="C002")
    add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42, center_id=here.id)
    add_senior(center, admin, "王秀英", D(1940, 5, 1), 44, center_id=other.id)
    assert [g.name for g in center.subsidies.eligibility(admin, NOV, here.id)] == ["张桂兰"]
    assert [g.name for g in center.subsidies.eligibility(admin, NOV, other.id)] == ["王秀英"]
    assert len(center.subsidies.eligibility(admin, NOV)) == 2


def test_explain_gives_every_rule_with_the_meal_subsidy_per_lunch(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42, categories=dibao(valid_to=D(2026, 11, 15)))
    verdicts = center.subsidies.explain(admin, sid, NOV)
    assert [(v.rule_code, v.rule_name, v.per_meal, v.granted, v.amount_fen, v.tier) for v in verdicts] == [
        (ELDERLY, "高龄津贴", False, True, 10000, "80–89周岁"),
        (HOME_CARE, "居家养老服务补贴", False, True, 10000, "80周岁以上"),
        (MEAL, "助餐补贴", True, True, 500, "低保/特困/失独/优抚"),
    ]
    assert verdicts[2].reason == (
        "2026-11-01至2026-11-15：属低保，享受低保/特困/失独/优抚助餐补贴；"
        "2026-11-16至2026-11-30：于2020-05-01年满80周岁，自次月起享受80周岁以上助餐补贴"
    )


def test_explain_many_and_refusals(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    young = add_senior(center, admin, "张桂兰", D(1970, 5, 1), 42)
    assert said(center, front_desk, young, NOV, MEAL) == (False, 0, "", "2030-05-01年满60周岁，次月（2030年6月）起享受")
    with pytest.raises(NotFoundError):
        center.subsidies.explain(admin, 999, NOV)
    with Session(center.engine) as session:
        many = explain_many(session, [young, 999], NOV)
    assert list(many) == [young] and [v.rule_code for v in many[young]] == [ELDERLY, HOME_CARE, MEAL]


def test_the_level_entered_counts_until_an_assessment_dated_on_or_before_the_first(
    center: CareCenter, admin: Actor
) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1956, 3, 2), 42, categories=dibao(), care_level=CareLevel.SEVERE)
    gbt_assessment(center, admin, sid, D(2026, 11, 2), GBT_BEST)  # 能力完好 from 2 November: December's level
    assert said(center, admin, sid, NOV, HOME_CARE)[:3] == (True, 20000, "重度/完全失能")
    assert said(center, admin, sid, DEC, HOME_CARE) == (
        False,
        0,
        "",
        "不符合任何档次（重度/完全失能、中度失能、80周岁以上）：2026年12月按70周岁计，照护等级为能力完好",
    )
