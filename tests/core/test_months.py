"""Months typed by users and scripts: what is accepted, what is refused, and the days of a month."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.domain.months import first_day, last_day, month_label, month_text, parse_month, shift
from carecenter.errors import FieldError


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2026-11", dt.date(2026, 11, 1)),
        ("2026-1", dt.date(2026, 1, 1)),
        ("2026/02", dt.date(2026, 2, 1)),
        ("2026年3月", dt.date(2026, 3, 1)),
        (" 2025-12 ", dt.date(2025, 12, 1)),
    ],
)
def test_months_as_people_write_them(text: str, month: dt.date) -> None:
    assert parse_month(text) == month


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-13", "月份必须在 01 到 12 之间"),
        ("2026-00", "月份必须在 01 到 12 之间"),
        ("11/2026", "不是月份"),
        ("", "不是月份"),
        ("1899-12", "年份必须在 1900 到 2099 之间"),
    ],
)
def test_impossible_months_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_month(text)
    assert caught.value.label == "月份"
    assert reason in caught.value.reason


def test_days_of_a_month() -> None:
    assert first_day(dt.date(2026, 10, 15)) == dt.date(2026, 10, 1)
    assert last_day(dt.date(2026, 2, 1)) == dt.date(2026, 2, 28)
    assert last_day(dt.date(2028, 2, 1)) == dt.date(2028, 2, 29)
    assert shift(dt.date(2026, 12, 1), 1) == dt.date(2027, 1, 1)
    assert shift(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)
    assert month_text(dt.date(2026, 3, 1)) == "2026-03"
    assert month_label(dt.date(2026, 3, 1)) == "2026年3月"
