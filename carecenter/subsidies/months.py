"""The month rules of subsidies, written once: who counts in a month, how old, with which categories.

Every monthly subsidy (and the age test of the meal subsidy) reads these, nowhere else:

- **Counting in month M**: registered on or before M's last day, and 在册 or 暂停 on at
  least one day of M. The status on a day is the last change dated on or before it (changes
  of one day in the order they were recorded). Died on 15 October: counted for October, not
  from November; the same for 退出. The day of a death or withdrawal itself counts in the
  status before it, so a death on 1 October still leaves October paid.
- **Age in month M**: completed years on the last day of the month *before* M, so an age is
  reached from the month after the month of the birthday (turning 80 in October counts as
  80 from November). A 29 February birthday is 28 February in common years.
- **Categories in month M**: a category counts for the whole of M when its valid-from/to
  range includes at least one day of M; without a from-date it is valid from registration.
- **Care level in month M**: the one in force on M's first day (:func:`care_level_day`).
- **Figures in month M**: those of the rule version in force in M (versions start on the
  first of a month, so a month has exactly one).

Months are ``datetime.date`` values of their first day (:mod:`carecenter.domain.months`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from carecenter.domain.idnumber import age_on
from carecenter.domain.months import first_day, last_day, shift
from carecenter.domain.vocab import CURRENT_STATUSES, Status

# A change to these ends the counting from the next month on (the month of the change is still paid).
STOPPING = frozenset({Status.DECEASED, Status.WITHDRAWN})


def birthday_in(birth: dt.date, year: int) -> dt.date:
    """The birthday in ``year``; a 29 February birthday is 28 February in a common year."""
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return birth.replace(year=year)


@dataclass(frozen=True)
class MonthFrame:
    """The days of a month the rules look at, worked out once per month rather than once per senior."""

    first: dt.date
    last: dt.date
    age_day: dt.date  # the last day of the month before: ages in this month are completed years on it

    @classmethod
    def of(cls, month: dt.date | MonthFrame) -> MonthFrame:
        if isinstance(month, MonthFrame):
            return month
        first = first_day(month)
        return cls(first, last_day(first), first - dt.timedelta(days=1))


def age_for_month(birth: dt.date, month: dt.date | MonthFrame) -> int:
    """The age a senior counts as in ``month``: completed years on the last day of the month before."""
    return age_on(birth, MonthFrame.of(month).age_day)


def reached_on(birth: dt.date, age: int) -> dt.date:
    """The day the senior reaches ``age`` (completes that many years)."""
    return birthday_in(birth, birth.year + age)


def first_month_at(birth: dt.date, age: int) -> dt.date:
    """The first month a senior counts as ``age``: the month after the birthday's month."""
    return shift(first_day(reached_on(birth, age)), 1)


def care_level_day(month: dt.date) -> dt.date:
    """The day whose care level applies to ``month``: its first day (an assessment on the 2nd counts next month)."""
    return first_day(month)


def period_overlaps(start: dt.date | None, end: dt.date | None, month: dt.date | MonthFrame) -> bool:
    """Whether the period [start, end] (open where None) includes at least one day of ``month``."""
    frame = MonthFrame.of(month)
    return (start is None or start <= frame.last) and (end is None or end >= frame.first)


def category_counts(
    valid_from: dt.date | None, valid_to: dt.date | None, registered_on: dt.date, month: dt.date | MonthFrame
) -> bool:
    """A category period counts for the whole of ``month`` (no from-date: valid from registration)."""
    return period_overlaps(valid_from or registered_on, valid_to, month)


def category_valid_on(
    valid_from: dt.date | None, valid_to: dt.date | None, registered_on: dt.date, day: dt.date
) -> bool:
    """A category period is valid on ``day`` (the meal subsidy's rule; no from-date: from registration)."""
    start = valid_from or registered_on
    return start <= day and (valid_to is None or day <= valid_to)


def stops_from(effective_on: dt.date) -> dt.date:
    """The first month no longer paid after a death or withdrawal on ``effective_on``."""
    return shift(first_day(effective_on), 1)


class StatusHistory(NamedTuple):
    """A senior's status changes, oldest first (same-day changes in recorded order).

    Built from ``(effective_on, status)`` pairs already in that order; ask it for the status
    on a day, or whether the senior counts in a month. (A named tuple: cheap to build by the 50,000.)
    """

    changes: tuple[tuple[dt.date, Status], ...]

    @classmethod
    def of(cls, changes: Iterable[tuple[dt.date, Status]]) -> StatusHistory:
        """From changes in recorded order; sorted by day, keeping the recorded order within a day."""
        return cls(tuple(sorted(changes, key=lambda c: c[0])))

    def last_change(self, day: dt.date) -> tuple[dt.date, Status] | None:
        """The change in force on ``day``: the last one dated on or before it (None before the first)."""
        found = None
        for change in self.changes:
            if change[0] > day:
                break
            found = change
        return found

    def on(self, day: dt.date) -> Status | None:
        """The status on ``day`` (None before the first change, i.e. before registration)."""
        change = self.last_change(day)
        return change[1] if change else None

    def during(self, month: dt.date | MonthFrame) -> set[Status]:
        """Every status in force on at least one day of ``month``.

        The status on a day is the one after that day's last change, except that the day of a
        death or withdrawal still counts in the status before it: the senior was 在册 that day,
        so the month of death is paid even when death came on the 1st (domain.md).
        """
        frame = MonthFrame.of(month)
        start, end = frame.first, frame.last
        before = self.on(frame.age_day)
        found: set[Status] = set()
        days: dict[dt.date, Status] = {}  # each day of the month with changes -> the status after them
        for day, status in self.changes:
            if start <= day <= end:
                days[day] = status
        if start not in days and before is not None:
            found.add(before)
        for _day, status in sorted(days.items()):
            found.add(status)
            if status in STOPPING and before is not None:
                found.add(before)
            before = status
        return found


def counts_in_month(
    registered_on: dt.date,
    history: StatusHistory,
    month: dt.date | MonthFrame,
    statuses: Collection[Status] = CURRENT_STATUSES,
) -> bool:
    """Registered by the month's last day and in one of ``statuses`` (在册/暂停) on at least one day of it."""
    frame = MonthFrame.of(month)
    if registered_on > frame.last:
        return False
    return not history.during(frame).isdisjoint(statuses)
