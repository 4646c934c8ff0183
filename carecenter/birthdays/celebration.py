"""When a senior celebrates in a given month, which age that is, and whether it is a milestone.

Rules (issue 6, domain.md "Birthdays"):

- **Solar**: the birth day in that month; a 29 February birth celebrates on 28 February
  in common years. The age reached is the celebration year minus the birth year.
- **Lunar** (农历): the day of the solar month whose lunar date, in an *ordinary* (not leap)
  lunar month, equals the stored lunar birth month and day. A birth in a leap month
  celebrates in the ordinary month of the same number; a birth on day 30 celebrates on
  day 29 when that lunar month has 29 days. The age reached is the lunar year of the
  celebration minus the lunar year of birth. A solar month holds at most one such day
  (an ordinary lunar month comes once a lunar year), and some solar months hold none.
- **Milestones**: 60, 70, 80, 90, 100 and every age from 100 on. Counted by 虚岁 (a
  center's setting), the milestone is where age + 1 is round.

The lunar calendar comes from ``lunardate`` (1900–2099); outside it there is no lunar date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from lunardate import LunarDate

from carecenter.domain.lunar import LunarBirth

ROUND_AGES = frozenset({60, 70, 80, 90, 100})
MIN_AGE = 60


@dataclass(frozen=True)
class Celebration:
    """One senior's birthday in one month: the day, the age reached on it, and how it was reckoned."""

    date: dt.date
    age: int
    lunar: bool


def solar_celebration(birth: dt.date, year: int, month: int) -> Celebration | None:
    """The solar birthday in ``year``-``month`` (None when the senior was born in another month)."""
    if birth.month != month or year < birth.year:
        return None
    day = birth.day
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return Celebration(dt.date(year, month, day), year - birth.year, lunar=False)


def lunar_celebration(birth: dt.date, lunar: LunarBirth, year: int, month: int) -> Celebration | None:
    """The lunar birthday falling in the solar month ``year``-``month``, None when none does."""
    birth_year = lunar_birth_year(birth, lunar)
    if birth_year is None:
        return None
    for lunar_year in (year - 1, year):  # a solar month holds the end of one lunar year or the start of the next
        day = _ordinary_month_day(lunar_year, lunar.month, lunar.day)
        if day is not None and (day.year, day.month) == (year, month) and lunar_year >= birth_year:
            return Celebration(day, lunar_year - birth_year, lunar=True)
    return None


def lunar_birth_year(birth: dt.date, lunar: LunarBirth) -> int | None:
    """The lunar year the senior was born in.

    The stored lunar month and day are either the lunar date of the solar birth date (the
    usual case: then its lunar year, which for a birth in January or early February is
    the year before) or the ID's own month and day taken as lunar, because the ID was
    written from the lunar date (then the ID's year is the lunar year).
    """
    converted = _lunar_of(birth)
    if converted is None:
        return None
    same = (converted.month, converted.day, bool(converted.is_leap_month)) == (lunar.month, lunar.day, lunar.leap)
    return int(converted.year) if same else birth.year


def is_milestone(age: int, count_xusui: bool = False) -> bool:
    """A round age (60, 70, 80, 90, 100) or any age from 100 on; by 虚岁 the count is one more."""
    counted = age + 1 if count_xusui else age
    return counted in ROUND_AGES or counted >= 100


@lru_cache(maxsize=65536)
def _lunar_of(day: dt.date) -> LunarDate | None:
    """The lunar date of a solar one (None outside the tables); cached: a month's list asks for thousands."""
    try:
        return LunarDate.from_solar_date(day.year, day.month, day.day)
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def _ordinary_month_day(lunar_year: int, month: int, day: int) -> dt.date | None:
    """The solar date of ``day`` of the ordinary lunar ``month`` of ``lunar_year`` (30 → 29 in a short month)."""
    try:
        return LunarDate(lunar_year, month, day, False).to_solar_date()  # type: ignore[no-any-return]
    except ValueError:
        if day != 30:
            return None
    try:
        return LunarDate(lunar_year, month, 29, False).to_solar_date()  # type: ignore[no-any-return]
    except ValueError:
        return None
