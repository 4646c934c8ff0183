"""Calendar arithmetic shared by the care rules (reassessment due, plan review dates)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (negative: back), clamped to that month's last day.

    31 August + 6 months = 28 February (29 in a leap year); 29 February + 12 months =
    28 February; 30 November + 3 months = 28/29 February of the next year.
    """
    year, month0 = divmod(day.year * 12 + (day.month - 1) + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))
