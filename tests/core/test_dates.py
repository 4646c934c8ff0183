"""Calendar months: the day kept, or the month's last day when the month is shorter."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.domain.dates import add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),  # the example
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),  # leap year
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), 48, dt.date(2028, 2, 29)),
        (dt.date(2026, 5, 21), 6, dt.date(2026, 11, 21)),
        (dt.date(2026, 7, 31), 5, dt.date(2026, 12, 31)),  # into December
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),  # across the year end
        (dt.date(2026, 12, 31), 2, dt.date(2027, 2, 28)),
        (dt.date(2026, 6, 30), 6, dt.date(2026, 12, 30)),
        (dt.date(2027, 2, 28), -6, dt.date(2026, 8, 28)),  # back
        (dt.date(2026, 1, 31), -2, dt.date(2025, 11, 30)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 11, 22), 0, dt.date(2026, 11, 22)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected
