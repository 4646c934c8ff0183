"""Calendar months as the birthday list, subsidy rosters and reports name them ("2026-11").

A month is represented by its first day (a ``datetime.date``), so it sorts, compares and
stores like any date; these helpers are the one place that turns text into a month and
a month into its days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from carecenter.domain.dates import add_months
from carecenter.errors import FieldError
from carecenter.i18n import _

_MONTH_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_month(text: str, field: str = "month", label: str = "") -> dt.date:
    """``YYYY-MM`` (also 2026/11, 2026年11月) as the month's first day; FieldError naming the field otherwise."""
    label = label or _("Month")
    match = _MONTH_RE.match(text or "")
    if match is None:
        raise FieldError(
            field, label, _("“{text}” is not a month; write it as YYYY-MM, e.g. 2026-11").format(text=text)
        )
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise FieldError(field, label, _("“{text}”: the month must be between 01 and 12").format(text=text))
    if not 1900 <= year <= 2099:
        raise FieldError(field, label, _("“{text}”: the year must be between 1900 and 2099").format(text=text))
    return dt.date(year, month, 1)


def first_day(day: dt.date) -> dt.date:
    """The month ``day`` falls in (its first day)."""
    return day.replace(day=1)


def last_day(month: dt.date) -> dt.date:
    """The last day of ``month``'s month."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def shift(month: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (negative: before) ``month``'s."""
    return add_months(first_day(month), months)


def month_text(month: dt.date) -> str:
    """``2026-11``: the form the CLI takes and the files are named with."""
    return f"{month.year:04d}-{month.month:02d}"


def month_label(month: dt.date) -> str:
    """The month as users read it: 2026年11月 (November 2026 in English)."""
    return _("{year}-{month:02d}").format(year=month.year, month=month.month)
