"""The month rules of subsidies at every edge: ages from the month after the birthday, counting in a month, categories."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.domain.vocab import Status
from carecenter.subsidies.months import (
    MonthFrame,
    StatusHistory,
    age_for_month,
    age_on,
    birthday_in,
    care_level_day,
    category_counts,
    category_valid_on,
    counts_in_month,
    first_month_at,
    period_overlaps,
    reached_on,
    stops_from,
)

D = dt.date
OCT, NOV = D(2026, 10, 1), D(2026, 11, 1)


@pytest.mark.parametrize(
    ("birth", "month", "age"),
    [
        (D(1946, 10, 1), D(2026, 10, 1), 79),  # turns 80 on the 1st of October: 80 only from November
        (D(1946, 10, 1), D(2026, 11, 1), 80),
        (D(1946, 10, 31), D(2026, 10, 1), 79),  # on the last day of October: the same
        (D(1946, 10, 31), D(2026, 11, 1), 80),
        (D(1946, 9, 30), D(2026, 10, 1), 80),  # on the last day of September: from October
        (D(1936, 10, 15), D(2026, 10, 1), 89),  # 89 → 90 in October: 90 from November
        (D(1936, 10, 15), D(2026, 11, 1), 90),
        (D(1926, 10, 15), D(2026, 10, 1), 99),
        (D(1926, 10, 15), D(2026, 11, 1), 100),
        (D(1946, 12, 31), D(2027, 1, 1), 80),  # across the year end
        (D(1946, 12, 31), D(2026, 12, 1), 79),
        (D(1936, 2, 29), D(2026, 2, 1), 89),  # 29 February is 28 February in a common year: 90 from March
        (D(1936, 2, 29), D(2026, 3, 1), 90),
        (D(1944, 2, 29), D(2024, 2, 1), 79),  # in a leap year the birthday is 29 February
        (D(1944, 2, 29), D(2024, 3, 1), 80),
    ],
)
def test_an_age_counts_from_the_month_after_the_birthday(birth: dt.date, month: dt.date, age: int) -> None:
    assert age_for_month(birth, month) == age
    assert age_for_month(birth, MonthFrame.of(month)) == age


def test_29_february_is_28_february_in_common_years() -> None:
    born = D(1936, 2, 29)
    assert birthday_in(born, 2026) == D(2026, 2, 28)
    assert birthday_in(born, 2028) == D(2028, 2, 29)
    assert reached_on(born, 90) == D(2026, 2, 28)
    assert first_month_at(born, 90) == D(2026, 3, 1)
    assert (age_on(born, D(2026, 2, 27)), age_on(born, D(2026, 2, 28))) == (89, 90)
    assert (age_on(born, D(2028, 2, 28)), age_on(born, D(2028, 2, 29))) == (91, 92)


def test_the_first_month_at_an_age_and_the_care_level_day() -> None:
    assert first_month_at(D(1946, 10, 1), 80) == NOV
    assert first_month_at(D(1946, 10, 31), 80) == NOV
    assert first_month_at(D(1946, 12, 5), 80) == D(2027, 1, 1)
    assert care_level_day(D(2026, 11, 30)) == NOV
    assert MonthFrame.of(D(2026, 2, 14)) == MonthFrame(D(2026, 2, 1), D(2026, 2, 28), D(2026, 1, 31))


def history(*changes: tuple[dt.date, Status]) -> StatusHistory:
    return StatusHistory.of(changes)


REGISTERED = D(2020, 1, 6)
ACTIVE = (REGISTERED, Status.ACTIVE)


def test_died_mid_month_counts_for_that_month_not_the_next() -> None:
    h = history(ACTIVE, (D(2026, 10, 15), Status.DECEASED))
    assert counts_in_month(REGISTERED, h, OCT)
    assert not counts_in_month(REGISTERED, h, NOV)
    assert stops_from(D(2026, 10, 15)) == NOV
    assert h.on(D(2026, 10, 14)) is Status.ACTIVE
    assert h.on(D(2026, 10, 15)) is Status.DECEASED


def test_the_day_of_a_death_or_withdrawal_still_counts_so_the_1st_leaves_the_month_paid() -> None:
    for status in (Status.DECEASED, Status.WITHDRAWN):
        h = history(ACTIVE, (OCT, status))
        assert counts_in_month(REGISTERED, h, OCT)
        assert not counts_in_month(REGISTERED, h, NOV)
    # The last day of September: September is the last month.
    h = history(ACTIVE, (D(2026, 9, 30), Status.WITHDRAWN))
    assert counts_in_month(REGISTERED, h, D(2026, 9, 1))
    assert not counts_in_month(REGISTERED, h, OCT)


def test_withdrawn_then_back_counts_for_the_month_of_return() -> None:
    h = history(ACTIVE, (D(2026, 8, 3), Status.WITHDRAWN), (D(2026, 10, 31), Status.ACTIVE))
    assert counts_in_month(REGISTERED, h, D(2026, 8, 1))
    assert not counts_in_month(REGISTERED, h, D(2026, 9, 1))
    assert counts_in_month(REGISTERED, h, OCT)


def test_paused_counts_and_the_statuses_can_be_narrowed() -> None:
    h = history(ACTIVE, (D(2026, 9, 10), Status.PAUSED))
    assert counts_in_month(REGISTERED, h, OCT)
    assert not counts_in_month(REGISTERED, h, OCT, statuses=[Status.ACTIVE])
    assert counts_in_month(REGISTERED, h, D(2026, 9, 1), statuses=[Status.ACTIVE])  # active 1–9 September
    assert h.during(OCT) == {Status.PAUSED}


def test_same_day_changes_only_the_last_is_in_force() -> None:
    # Paused and then active again on the same day (a correction): never paused for a whole day.
    h = history(ACTIVE, (D(2026, 10, 12), Status.PAUSED), (D(2026, 10, 12), Status.ACTIVE))
    assert h.during(OCT) == {Status.ACTIVE}
    assert h.on(D(2026, 10, 12)) is Status.ACTIVE


def test_registered_after_the_months_last_day_does_not_count() -> None:
    registered = D(2026, 12, 5)
    h = history((registered, Status.ACTIVE))
    assert not counts_in_month(registered, h, NOV)
    assert counts_in_month(registered, h, D(2026, 12, 1))
    registered = D(2026, 11, 30)  # the last day: counts for the whole month
    assert counts_in_month(registered, history((registered, Status.ACTIVE)), NOV)


def test_a_category_counts_for_a_month_it_touches_and_from_registration_without_a_start() -> None:
    assert category_counts(None, D(2026, 10, 15), REGISTERED, OCT)  # ends mid-October: counts for October
    assert not category_counts(None, D(2026, 10, 15), REGISTERED, NOV)  # not for November
    assert category_counts(D(2026, 11, 30), None, REGISTERED, NOV)  # starts on the last day
    assert not category_counts(D(2026, 12, 1), None, REGISTERED, NOV)
    assert category_counts(None, D(2026, 11, 1), REGISTERED, NOV)  # ends on the first day
    registered = D(2026, 10, 20)
    assert not category_counts(None, None, registered, D(2026, 9, 1))  # no from-date: from registration
    assert category_counts(None, None, registered, OCT)
    assert period_overlaps(None, None, OCT)


def test_a_category_is_valid_on_a_day_for_meals() -> None:
    assert category_valid_on(None, D(2026, 11, 9), REGISTERED, D(2026, 11, 9))
    assert not category_valid_on(None, D(2026, 11, 9), REGISTERED, D(2026, 11, 10))
    assert not category_valid_on(None, None, D(2026, 11, 10), D(2026, 11, 9))
    assert category_valid_on(D(2026, 11, 10), None, REGISTERED, D(2026, 11, 10))
