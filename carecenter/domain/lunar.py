"""Lunar (农历) birth dates, converted with the maintained ``lunardate`` tables (1900-2099)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lunardate import LunarDate

from carecenter.i18n import _


@dataclass(frozen=True)
class LunarBirth:
    month: int
    day: int
    leap: bool = False

    def validate(self) -> str | None:
        """The reason this cannot be a lunar month/day, or None."""
        if not 1 <= self.month <= 12:
            return _("the lunar month must be between 1 and 12")
        if not 1 <= self.day <= 30:
            return _("the lunar day must be between 1 and 30")
        return None

    def describe(self) -> str:
        return _("{leap}month {m}, day {d}").format(leap=_("leap ") if self.leap else "", m=self.month, d=self.day)


def lunar_of(solar: dt.date) -> LunarBirth | None:
    """The lunar month/day of a solar date, or None outside the tables' range."""
    try:
        lunar = LunarDate.from_solar_date(solar.year, solar.month, solar.day)
    except ValueError:
        return None
    return LunarBirth(month=lunar.month, day=lunar.day, leap=bool(lunar.is_leap_month))


def as_is(solar: dt.date) -> LunarBirth:
    """The ID's month/day taken as lunar: for many seniors the ID already holds the lunar date."""
    return LunarBirth(month=solar.month, day=solar.day, leap=False)
