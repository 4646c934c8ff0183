"""What the properties found, pinned as plain examples (each crashed or misled before its fix)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInput
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.roster.cells import text_of
from carecenter.roster.model import Code, Verdict
from carecenter.subsidies.policy import MealType
from tests.core.roster_files import write_xlsx
from tests.properties.world import World

BARTHEL_BEST = {
    "feeding": 10,
    "bathing": 5,
    "grooming": 5,
    "dressing": 10,
    "bowels": 10,
    "bladder": 10,
    "toilet": 10,
    "transfer": 15,
    "walking": 15,
    "stairs": 10,
}


def test_a_meal_price_that_cannot_be_a_price_is_refused_not_a_database_error(center: CareCenter, admin: Actor) -> None:
    """999999999 元 passed the amount check and overflowed PostgreSQL's integer column."""
    with pytest.raises(ValidationError) as refused:
        center.subsidies.set_meal_price(MealType.LUNCH, dt.date(2027, 1, 1), "999999999", admin)
    assert str(refused.value) == "价格：每餐最多 1000.00 元"
    with pytest.raises(ValidationError):
        center.subsidies.set_meal_price(MealType.LUNCH, dt.date(2027, 1, 1), 2**31, admin)
    assert center.subsidies.set_meal_price(MealType.LUNCH, dt.date(2027, 1, 1), "1000", admin).price_fen == 1000_00


def test_a_subsidy_tier_beyond_any_real_amount_is_refused(center: CareCenter, admin: Actor) -> None:
    """A tier of 2^31 fen was stored, and approving a roster would then overflow the grants' column."""
    definition = {"tiers": [{"label": "80 岁以上", "amount_fen": 2**31, "min_age": 80}], "statuses": ["active"]}
    with pytest.raises(ValidationError) as refused:
        center.subsidies.add_version("elderly_allowance", dt.date(2027, 1, 1), definition, admin)
    error = refused.value.for_field("tiers.0.amount_fen")
    assert error is not None and error.reason == "最多 10000.00 元"


def test_approving_the_roster_of_year_1_is_refused_not_an_overflow(
    center: CareCenter, admin: Actor, world: World
) -> None:
    with pytest.raises(ValidationError) as refused:
        center.subsidy_rosters.approve(admin, world.center_id, dt.date(1, 1, 1))
    assert refused.value.for_field("month") is not None
    assert "1900" in str(refused.value)


def test_an_unknown_score_item_is_named_under_the_scores_label(center: CareCenter, admin: Actor, world: World) -> None:
    """The unknown code itself (any text, 10,000 characters) used to be the error's label."""
    scores = {**BARTHEL_BEST, "x" * 10_000: 1}
    form = AssessmentInput("barthel", dt.date(2026, 11, 20), world.social_id, world.social2_id, scores)
    with pytest.raises(ValidationError) as refused:
        center.assessments.record(world.senior_id, form, admin)
    error = refused.value.for_field("scores")
    assert error is not None and error.label == "各项得分"
    assert error.reason == f"“{'x' * 20}”：不是本表的项目"


def test_a_number_too_large_for_excel_reads_as_text_and_its_row_is_rejected(
    center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    """1.8E+308 in a cell reads back as infinity, and showing it crashed the whole import."""
    assert (text_of(float("inf")), text_of(float("-inf"))) == ("inf", "-inf")
    path = write_xlsx(tmp_path / "花名册.xlsx", [["姓名", "身份证号"], ["张桂兰", 1.7976931348623157e308]])
    report = center.rosters.import_seniors(path, admin, write_errors=False)
    (row,) = report.rows
    assert (row.row, row.verdict) == (2, Verdict.REJECTED)
    assert {i.code for i in row.issues} & {Code.BAD_ID, Code.EXCEL_NUMBER}
