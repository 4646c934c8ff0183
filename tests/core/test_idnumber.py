"""ID numbers at the edges domain.md names: checksum, normal forms, 15->18, dates, Excel damage."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.domain import idnumber
from carecenter.domain.idnumber import IdNumberError, age_on, mask, parse

TODAY = dt.date(2026, 11, 22)


def test_checksum_of_a_known_number() -> None:
    # 11010519491231002X is the textbook example of GB 11643 (check character X).
    assert idnumber.check_char("11010519491231002") == "X"
    info = parse("11010519491231002X", TODAY)
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.gender == "female"


def test_typed_forms_become_the_normal_form() -> None:
    assert parse("11010519491231002x", TODAY).number == "11010519491231002X"
    assert parse(" 110105 19491231 002X ", TODAY).number == "11010519491231002X"
    assert parse("１１０１０５１９４９１２３１００２ｘ", TODAY).number == "11010519491231002X"


def test_fifteen_digit_id_is_upgraded() -> None:
    info = parse("410105450302042", TODAY)
    assert info.number == "410105194503020420"[:17] + idnumber.check_char("41010519450302042")
    assert info.upgraded_from_15
    assert info.birth_date == dt.date(1945, 3, 2)
    assert info.gender == "female"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "必须填写"),
        ("4101051945030204", "应为 18 位（旧证 15 位），现在是 16 位"),
        ("41010519450302042A", "只能是数字，最后一位可以是 X"),
        ("410105194503020421", "校验位不对（应为"),
        ("4.10105E+17", "已被 Excel 变成数字"),
        ("41010519450230042" + idnumber.check_char("41010519450230042"), "出生日期不存在（19450230）"),
    ],
)
def test_refusals_say_why_in_chinese(raw: str, reason: str) -> None:
    with pytest.raises(IdNumberError) as err:
        parse(raw, TODAY)
    assert reason in str(err.value)


def test_future_birth_date_and_age_over_120_are_refused() -> None:
    future = idnumber.make("410105", dt.date(2027, 1, 1), 11)
    with pytest.raises(IdNumberError, match="出生日期在未来"):
        parse(future, TODAY)
    too_old = idnumber.make("410105", dt.date(1905, 11, 21), 11)
    with pytest.raises(IdNumberError, match="超过 120 岁"):
        parse(too_old, TODAY)
    exactly_120 = idnumber.make("410105", dt.date(1906, 11, 22), 11)
    assert parse(exactly_120, TODAY).birth_date == dt.date(1906, 11, 22)


def test_age_counts_completed_years_and_29_february() -> None:
    birth = dt.date(1944, 2, 29)
    assert age_on(birth, dt.date(2025, 2, 27)) == 80
    assert age_on(birth, dt.date(2025, 2, 28)) == 81  # common year: celebrated on 28 Feb
    assert age_on(birth, dt.date(2024, 2, 28)) == 79  # leap year: not yet
    assert age_on(birth, dt.date(2024, 2, 29)) == 80


def test_mask_keeps_region_and_last_four() -> None:
    assert mask("410105194503020420") == "410105********0420"
