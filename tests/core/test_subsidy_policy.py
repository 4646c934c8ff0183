"""The subsidy policy as data: the shipped rules, versions from a month on, refusals that change nothing, prices."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select, text

from carecenter.actor import Actor
from carecenter.clock import FixedClock, stamp
from carecenter.db.models import SubsidyRoster
from carecenter.db.sessions import Sessions
from carecenter.domain.vocab import CareLevel, Category, Residence
from carecenter.errors import FieldError, NotFoundError, ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.subsidies.money import parse_yuan, yuan
from carecenter.subsidies.policy import (
    Definition,
    MealType,
    Tier,
    check_definition,
    definition_json,
    parse_definition,
)
from tests.core.test_eligibility import add_senior, verdict

D = dt.date
ELDERLY = "elderly_allowance"
BANDS: list[dict[str, Any]] = [
    {"label": "80–89周岁", "min_age": 80, "max_age": 89, "amount": "100.00"},
    {"label": "90–99周岁", "min_age": 90, "max_age": 99, "amount": "200.00"},
    {"label": "100周岁以上", "min_age": 100, "amount": "300.00"},
]


def elderly(*tiers: dict[str, Any], **gate: Any) -> dict[str, Any]:
    return {"residence": ["local"], "min_age": 80, **gate, "tiers": list(tiers) or BANDS}


def audit_count(cc: CareCenter) -> int:
    with cc.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one())


# ---- the shipped policy -------------------------------------------------------------------------


def test_the_default_policy_is_loaded_once_at_first_start(center: CareCenter, admin: Actor) -> None:
    rules = center.subsidies.rules()
    assert [(r.code, r.name, r.per_meal, len(r.versions)) for r in rules] == [
        ("elderly_allowance", "高龄津贴", False, 1),
        ("home_care_subsidy", "居家养老服务补贴", False, 1),
        ("meal_subsidy", "助餐补贴", True, 1),
    ]
    first = rules[0].versions[0]
    assert (first.starts_on, first.ends_on, first.created_by) == (D(2020, 1, 1), None, "system:default-policy")
    assert [(t.label, t.min_age, t.max_age, t.amount_fen) for t in first.definition.tiers] == [
        ("80–89周岁", 80, 89, 10000),
        ("90–99周岁", 90, 99, 20000),
        ("100周岁以上", 100, None, 30000),
    ]
    home = rules[1].versions[0].definition
    assert home.categories == (Category.DIBAO, Category.TEKUN, Category.LOW_INCOME)
    assert [(t.label, t.care_levels, t.min_age, t.amount_fen) for t in home.tiers] == [
        ("重度/完全失能", (CareLevel.SEVERE, CareLevel.TOTAL), None, 20000),
        ("中度失能", (CareLevel.MODERATE,), None, 10000),
        ("80周岁以上", (), 80, 10000),
    ]
    assert rules[2].versions[0].definition.meal_types == (MealType.LUNCH,)
    assert [(p.meal_type, p.starts_on, p.price_fen) for p in center.subsidies.meal_prices()] == [
        (MealType.BREAKFAST, D(2020, 1, 1), 400),
        (MealType.LUNCH, D(2020, 1, 1), 1200),
        (MealType.DINNER, D(2020, 1, 1), 1000),
    ]
    lines = center.audit.lines(admin)
    assert {(x.entity, x.actor) for x in lines if x.entity in ("subsidy_rule", "meal_price")} == {
        ("subsidy_rule", "system:default-policy"),
        ("meal_price", "system:default-policy"),
    }
    count = audit_count(center)
    assert center.subsidies.ensure_default_policy() is False
    again = CareCenter.open(center.url, center.clock)
    try:
        assert len(again.subsidies.rules()) == 3 and len(again.subsidies.meal_prices()) == 3
    finally:
        again.close()
    assert audit_count(center) == count


def test_a_definition_round_trips_through_json() -> None:
    parsed = parse_definition(elderly())
    assert definition_json(parsed) == {
        "residence": ["local"],
        "statuses": ["active", "paused"],
        "min_age": 80,
        "tiers": [
            {"label": "80–89周岁", "min_age": 80, "max_age": 89, "amount_fen": 10000},
            {"label": "90–99周岁", "min_age": 90, "max_age": 99, "amount_fen": 20000},
            {"label": "100周岁以上", "min_age": 100, "amount_fen": 30000},
        ],
    }
    assert parse_definition(definition_json(parsed)) == parsed
    assert parsed.residence == (Residence.LOCAL,)


# ---- new versions -------------------------------------------------------------------------------


def test_a_new_version_closes_the_previous_one_and_is_audited(center: CareCenter, admin: Actor) -> None:
    tiers = [{**BANDS[0], "amount": "150"}, *BANDS[1:]]
    rule = center.subsidies.add_version(ELDERLY, D(2027, 1, 1), elderly(*tiers), admin, note="2027年提标")
    assert [(v.starts_on, v.ends_on, v.definition.tiers[0].amount_fen, v.note) for v in rule.versions] == [
        (D(2020, 1, 1), D(2026, 12, 31), 10000, "默认政策，请按本地标准核对"),
        (D(2027, 1, 1), None, 15000, "2027年提标"),
    ]
    assert rule.in_force(D(2026, 12, 1)) == rule.versions[0]
    assert rule.in_force(D(2027, 3, 15)) == rule.versions[1]
    line = next(x for x in center.audit.lines(admin) if x.entity == "subsidy_rule" and x.action == "update")
    assert (line.actor, line.field) == ("test-admin", "versions")
    assert "2027-01-01~" in line.after and "2020-01-01~2026-12-31" in line.after


def test_a_version_that_ends_leaves_later_months_without_the_subsidy(center: CareCenter, admin: Actor) -> None:
    sid = add_senior(center, admin, "张桂兰", D(1940, 5, 1), 42)
    center.subsidies.add_version(ELDERLY, D(2027, 1, 1), elderly(), admin, ends_on=D(2027, 6, 30))
    assert verdict(center, admin, sid, D(2027, 6, 1), ELDERLY).granted
    assert verdict(center, admin, sid, D(2027, 7, 1), ELDERLY).reason == "高龄津贴在2027年7月没有生效的政策版本"
    rule = center.subsidies.add_version(ELDERLY, D(2027, 9, 1), elderly(), admin)
    assert [(v.starts_on, v.ends_on) for v in rule.versions] == [
        (D(2020, 1, 1), D(2026, 12, 31)),
        (D(2027, 1, 1), D(2027, 6, 30)),  # already ended before the new start: left as it was
        (D(2027, 9, 1), None),
    ]


def approve(cc: CareCenter, actor: Actor, month: dt.date) -> None:
    """What the lead's roster approval writes (this module only reads it)."""
    center_id = cc.centers.by_code("C001").id
    with Sessions(cc.engine, cc.clock)(actor) as session:
        session.add(
            SubsidyRoster(
                center_id=center_id,
                month=month,
                grants_count=0,
                total_fen=0,
                approved_at=stamp(cc.clock),
                approved_by=actor.username,
            )
        )
        session.commit()


REFUSALS = [
    # (starts_on, definition, ends_on, message)
    (D(2027, 1, 2), elderly(), None, "生效日期：必须是某月的1日"),
    (D(2020, 1, 1), elderly(), None, "生效日期：必须晚于最新版本的生效日期（2020-01-01），请从2020年2月起新增"),
    (D(2019, 12, 1), elderly(), None, "生效日期：必须晚于最新版本的生效日期（2020-01-01），请从2020年2月起新增"),
    (D(2027, 1, 1), elderly(), D(2026, 12, 31), "截止日期：不能早于生效日期（2027-01-01）"),
    (D(2027, 1, 1), elderly(), D(2027, 6, 29), "截止日期：必须是某月的最后一天"),
    (
        D(2027, 1, 1),
        elderly({**BANDS[0]}, {"label": "85–94周岁", "min_age": 85, "max_age": 94, "amount": "200"}),
        None,
        "档次：年龄段“80–89周岁”与“85–94周岁”重叠",
    ),
    (
        D(2027, 1, 1),
        elderly({**BANDS[0]}, {"label": "91–99周岁", "min_age": 91, "max_age": 99, "amount": "200"}),
        None,
        "档次：年龄段“80–89周岁”与“91–99周岁”之间缺少90周岁",
    ),
    (
        D(2027, 1, 1),
        elderly({**BANDS[0]}, {"label": "95周岁以上", "min_age": 95, "amount": "200"}),
        None,
        "档次：年龄段“80–89周岁”与“95周岁以上”之间缺少90–94周岁",
    ),
    (D(2027, 1, 1), elderly({**BANDS[0], "max_age": 79}), None, "第1档最高年龄：79低于最低年龄80"),
    (D(2027, 1, 1), elderly(min_age=90, max_age=85), None, "最高年龄：85低于最低年龄90"),
    (D(2027, 1, 1), elderly({**BANDS[0], "amount": "-100"}), None, "第1档金额：不能为负数"),
    (D(2027, 1, 1), elderly({"label": "80–89周岁", "min_age": 80, "amount_fen": -1}), None, "第1档金额：不能为负数"),
    (D(2027, 1, 1), elderly({**BANDS[0], "amount": "一百"}), None, "第1档金额：“一百”不是金额（元）"),
    (
        D(2027, 1, 1),
        elderly({"label": "低保", "categories": ["dibao", "wubao"], "amount": "5"}),
        None,
        "第1档人员类别：未知的代码“wubao”，可用：dibao, tekun, low_income, empty_nest, living_alone, gugua, "
        "shidu, youfu, disabled",
    ),
    (
        D(2027, 1, 1),
        elderly({"label": "失能", "care_levels": ["bad"], "amount": "5"}),
        None,
        "第1档照护等级：未知的代码“bad”，可用：intact, mild, moderate, severe, total",
    ),
    (D(2027, 1, 1), elderly(residence=["zhengzhou"]), None, "户籍：未知的代码“zhengzhou”，可用：local, nonlocal"),
    (D(2027, 1, 1), elderly({**BANDS[0], "label": " "}), None, "第1档档次名称：必须填写"),
    (
        D(2027, 1, 1),
        elderly(BANDS[0], {**BANDS[1], "label": "80–89周岁"}),
        None,
        "第2档档次名称：“80–89周岁”已是第1档的名称",
    ),
    (D(2027, 1, 1), elderly(meal_types=["lunch"]), None, "适用餐次：只有按餐补贴才能设置适用餐次"),
    (D(2027, 1, 1), {**elderly(), "min_ages": 80}, None, "补贴规则：未知的设置项“min_ages”"),
    (D(2027, 1, 1), {"tiers": []}, None, "档次：至少需要一个档次"),
]


@pytest.mark.parametrize(("starts_on", "definition", "ends_on", "message"), REFUSALS)
def test_bad_versions_are_refused_naming_the_field_and_change_nothing(
    center: CareCenter,
    admin: Actor,
    starts_on: dt.date,
    definition: dict[str, Any],
    ends_on: dt.date | None,
    message: str,
) -> None:
    before, lines = center.subsidies.rule(ELDERLY), audit_count(center)
    with pytest.raises(ValidationError) as refused:
        center.subsidies.add_version(ELDERLY, starts_on, definition, admin, ends_on=ends_on)
    assert str(refused.value) == message
    assert center.subsidies.rule(ELDERLY) == before
    assert audit_count(center) == lines


def test_an_approved_month_cannot_be_changed(center: CareCenter, admin: Actor, clock: FixedClock) -> None:
    approve(center, admin, D(2026, 10, 1))
    before = center.subsidies.rule(ELDERLY)
    assert center.subsidies.approved_through() == D(2026, 10, 1)
    for start in (D(2026, 10, 1), D(2026, 6, 1)):
        with pytest.raises(ValidationError) as refused:
            center.subsidies.add_version(ELDERLY, start, elderly(), admin)
        assert str(refused.value) == "生效日期：已审批的月份不能更改，请从2026年11月起新增版本"
    assert center.subsidies.rule(ELDERLY) == before
    rule = center.subsidies.add_version(ELDERLY, D(2026, 11, 1), elderly(), admin)
    assert rule.versions[0].ends_on == D(2026, 10, 31)


def test_every_problem_is_named_at_once(center: CareCenter, admin: Actor) -> None:
    with pytest.raises(ValidationError) as refused:
        center.subsidies.add_version(ELDERLY, D(2027, 1, 2), elderly(residence=["x"]), admin, ends_on=D(2027, 1, 5))
    assert [e.field for e in refused.value.errors] == ["residence", "starts_on", "ends_on"]


def test_a_definition_built_by_a_form_is_checked_too(center: CareCenter, admin: Actor) -> None:
    bad = Definition(tiers=(Tier("80周岁以上", 10000, 80), Tier("90周岁以上", 20000, 90)))
    assert [str(e) for e in check_definition(bad)] == ["档次：年龄段“80周岁以上”与“90周岁以上”重叠"]
    with pytest.raises(ValidationError):
        center.subsidies.add_version(ELDERLY, D(2027, 1, 1), bad, admin)
    fine = Definition(tiers=(Tier("低保", 500, categories=(Category.DIBAO,)), Tier("全部", 100)))
    assert check_definition(fine) == []  # a tier without conditions is not an age band


def test_only_admins_change_the_policy(center: CareCenter, social_worker: Actor, front_desk: Actor) -> None:
    for actor in (social_worker, front_desk):
        with pytest.raises(PermissionDeniedError):
            center.subsidies.add_version(ELDERLY, D(2027, 1, 1), elderly(), actor)
        with pytest.raises(PermissionDeniedError):
            center.subsidies.set_meal_price(MealType.LUNCH, D(2027, 1, 1), 1300, actor)
    with pytest.raises(NotFoundError):
        center.subsidies.rule("no_such_rule")


# ---- meal prices --------------------------------------------------------------------------------


def test_meal_prices_change_forward_and_a_future_price_may_be_corrected(center: CareCenter, admin: Actor) -> None:
    center.subsidies.set_meal_price(MealType.LUNCH, D(2027, 1, 1), "13", admin)
    corrected = center.subsidies.set_meal_price("lunch", D(2027, 1, 1), "13.5", admin)  # not in force yet
    assert (corrected.meal_type, corrected.starts_on, corrected.price_fen) == (MealType.LUNCH, D(2027, 1, 1), 1350)
    assert [(p.starts_on, p.price_fen) for p in center.subsidies.meal_prices() if p.meal_type is MealType.LUNCH] == [
        (D(2020, 1, 1), 1200),
        (D(2027, 1, 1), 1350),
    ]
    with center.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(text("meal_prices"))).scalar_one() == 4


PRICE_REFUSALS = [
    ("lunch", D(2020, 1, 1), 1300, "生效日期：必须晚于现行价格的生效日期（2020-01-01）"),
    ("breakfast", D(2019, 6, 1), 300, "生效日期：必须晚于现行价格的生效日期（2020-01-01）"),
    ("lunch", D(2027, 1, 1), -1, "价格：不能为负数"),
    ("lunch", D(2027, 1, 1), "-1.00", "价格：不能为负数"),
    ("lunch", D(2027, 1, 1), "十二", "价格：“十二”不是金额（元）"),
    ("supper", D(2027, 1, 1), 1300, "餐次：未知的代码“supper”，可用：breakfast, lunch, dinner"),
]


@pytest.mark.parametrize(("meal", "starts_on", "price", "message"), PRICE_REFUSALS)
def test_bad_meal_prices_are_refused(
    center: CareCenter, admin: Actor, meal: str, starts_on: dt.date, price: int | str, message: str
) -> None:
    before, lines = center.subsidies.meal_prices(), audit_count(center)
    with pytest.raises(ValidationError) as refused:
        center.subsidies.set_meal_price(meal, starts_on, price, admin)
    assert str(refused.value) == message
    assert center.subsidies.meal_prices() == before and audit_count(center) == lines


def test_a_price_already_in_force_is_not_rewritten(center: CareCenter, admin: Actor, clock: FixedClock) -> None:
    center.subsidies.set_meal_price(MealType.LUNCH, D(2026, 12, 1), 1300, admin)
    clock.current = clock.current.replace(month=12, day=1)
    with pytest.raises(ValidationError) as refused:
        center.subsidies.set_meal_price(MealType.LUNCH, D(2026, 12, 1), 1400, admin)
    assert str(refused.value) == "生效日期：必须晚于现行价格的生效日期（2026-12-01）"


# ---- money ---------------------------------------------------------------------------------------


def test_yuan_and_fen() -> None:
    assert [yuan(f) for f in (10000, 150, 5, 0, -150)] == ["100.00", "1.50", "0.05", "0.00", "-1.50"]
    assert [parse_yuan(t) for t in ("100", "100.5", "100.50", "１００", "¥12", "5元", " 0.05 ", 12, "1,200")] == [
        10000,
        10050,
        10050,
        10000,
        1200,
        500,
        5,
        1200,
        120000,
    ]
    for bad, reason in (
        ("-1", "不能为负数"),
        ("1.005", "“1.005”：最多两位小数（分）"),
        ("abc", "“abc”不是金额（元）"),
        ("", "必须填写"),
    ):
        with pytest.raises(FieldError) as refused:
            parse_yuan(bad, "price_fen", "价格")
        assert (refused.value.field, str(refused.value)) == ("price_fen", f"价格：{reason}")
