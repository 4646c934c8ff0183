"""Birthdays in a month, solar and lunar, on dates that can be checked against any printed almanac.

Fixed points used (农历): Spring Festival 2026 = 17 Feb 2026; Mid-Autumn (八月十五) 2025 =
6 Oct 2025 and 2026 = 25 Sep 2026; 2025 has a leap sixth month (闰六月 from 25 Jul 2025, the
ordinary sixth month from 25 Jun 2025); the twelfth month of lunar 2024 has 29 days (no 年三十:
除夕 = 28 Jan 2025); that of lunar 2023 has 30 (除夕 = 9 Feb 2024).
"""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.birthdays.celebration import (
    Celebration,
    is_milestone,
    lunar_birth_year,
    lunar_celebration,
    solar_celebration,
)
from carecenter.domain.lunar import LunarBirth, lunar_of

ID_DATE = dt.date(1944, 8, 15)  # an ID written from the lunar date: 八月十五 "as is"


def test_solar_birthday_and_age() -> None:
    assert solar_celebration(dt.date(1946, 11, 30), 2026, 11) == Celebration(dt.date(2026, 11, 30), 80, lunar=False)
    assert solar_celebration(dt.date(1946, 11, 30), 2026, 12) is None


def test_29_february_is_28_february_in_common_years() -> None:
    born = dt.date(1944, 2, 29)
    assert solar_celebration(born, 2026, 2) == Celebration(dt.date(2026, 2, 28), 82, lunar=False)
    assert solar_celebration(born, 2028, 2) == Celebration(dt.date(2028, 2, 29), 84, lunar=False)


def test_mid_autumn_birth_falls_in_october_2025_and_september_2026() -> None:
    mid_autumn = LunarBirth(8, 15)
    assert lunar_celebration(ID_DATE, mid_autumn, 2025, 10) == Celebration(dt.date(2025, 10, 6), 81, lunar=True)
    assert lunar_celebration(ID_DATE, mid_autumn, 2026, 9) == Celebration(dt.date(2026, 9, 25), 82, lunar=True)
    assert lunar_celebration(ID_DATE, mid_autumn, 2026, 10) is None  # no 八月十五 in October 2026


def test_a_leap_month_birth_celebrates_in_the_ordinary_month_of_that_number() -> None:
    leap_sixth = LunarBirth(6, 10, leap=True)
    # Ordinary 六月初十 2025 = 4 July; 闰六月初十 (3 August) is not the celebration.
    assert lunar_celebration(ID_DATE, leap_sixth, 2025, 7) == Celebration(dt.date(2025, 7, 4), 81, lunar=True)
    assert lunar_celebration(ID_DATE, leap_sixth, 2025, 8) is None


def test_a_day_30_birth_celebrates_on_day_29_of_a_short_month() -> None:
    new_years_eve = LunarBirth(12, 30)
    assert lunar_celebration(ID_DATE, new_years_eve, 2025, 1) == Celebration(dt.date(2025, 1, 28), 80, lunar=True)
    assert lunar_celebration(ID_DATE, new_years_eve, 2024, 2) == Celebration(dt.date(2024, 2, 9), 79, lunar=True)


def test_lunar_age_counts_lunar_years() -> None:
    # Born 20 January 1950, before that year's Spring Festival: lunar 1949, 腊月初三.
    born = dt.date(1950, 1, 20)
    lunar = lunar_of(born)
    assert lunar == LunarBirth(12, 3) and lunar_birth_year(born, lunar) == 1949
    # 腊月初三 of lunar 2025 is 21 January 2026: lunar age 2025 − 1949 = 76.
    assert lunar_celebration(born, lunar, 2026, 1) == Celebration(dt.date(2026, 1, 21), 76, lunar=True)
    # An ID written from the lunar date: its own year is the lunar year.
    assert lunar_birth_year(ID_DATE, LunarBirth(8, 15)) == 1944


@pytest.mark.parametrize(
    ("age", "xusui", "milestone"),
    [
        (59, False, False),
        (60, False, True),
        (79, False, False),
        (80, False, True),
        (79, True, True),  # 虚岁 80
        (80, True, False),
        (99, False, False),
        (99, True, True),
        (100, False, True),
        (103, False, True),
    ],
)
def test_milestones(age: int, xusui: bool, milestone: bool) -> None:
    assert is_milestone(age, count_xusui=xusui) is milestone
