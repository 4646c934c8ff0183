"""The month's birthday list (集体生日会名单): who celebrates in a month, on which day, at which age.

Rules (issue 6, domain.md "Birthdays"): a senior is listed when, on the day they celebrate
in the month (:mod:`carecenter.birthdays.celebration`: solar by default, lunar for those
who keep the lunar birthday), they

- were 在册 or 暂停 (``StatusHistory.on``: the status of their last status change on or
  before that day; none on or before it means not yet registered, so not listed),
- have not asked to stay off the list (``birthday_opt_out``),
- reach 60 or more.

A senior who died or withdrew *after* their birthday is still listed for that month: on
the day that counts they were with the center. Milestones follow each center's 周岁/虚岁
setting (``Center.count_xusui``).

Efficiency: a district database holds ~50,000 seniors, so the list is two queries
whatever their number: the candidates (born in the month, or keeping a lunar birthday in
one of the lunar months that overlap it, old enough, not opted out), joined with their
center's code and setting; then the status histories up to the month's last day of those
who celebrate (only today's, for the day at a glance). The celebration itself is computed
in Python (the lunar calendar is not SQL), from cached lunar-calendar lookups.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lunardate import LunarDate
from sqlalchemy import ColumnElement, and_, extract, false, or_, select
from sqlalchemy.orm import Session

from carecenter.birthdays.celebration import (
    MIN_AGE,
    Celebration,
    is_milestone,
    lunar_celebration,
    solar_celebration,
)
from carecenter.db.models import Center, Senior, StatusChange
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.months import first_day, last_day
from carecenter.domain.vocab import CURRENT_STATUSES, Status
from carecenter.subsidies.months import StatusHistory

IDS_PER_QUERY = 5_000  # below every backend's limit on bound parameters


@dataclass(frozen=True)
class BirthdayRow:
    """One senior of a month's birthday list: the day they celebrate and the age they reach on it.

    ``id_number`` is whatever the producer put there: :func:`month_list` gives it in full,
    the service masks it for roles that may not see it.
    """

    senior_id: int
    member_no: str
    name: str
    id_number: str
    date: dt.date
    lunar: bool
    age: int
    milestone: bool
    community: str
    center_id: int
    center_code: str
    name_sort: str = ""

    def as_json(self) -> dict[str, object]:
        """The stable shape of ``carecenter-cli birthdays --format json``."""
        return {
            "id_number": self.id_number,
            "name": self.name,
            "date": self.date.isoformat(),
            "lunar": self.lunar,
            "age": self.age,
            "milestone": self.milestone,
        }


def sort_key(row: BirthdayRow) -> tuple[dt.date, str, int]:
    """By the day of the celebration, then the name's pinyin (李 before 王), then registration order."""
    return (row.date, row.name_sort, row.senior_id)


def celebration_in(birth: dt.date, lunar_birthday: bool, lunar: LunarBirth, month: dt.date) -> Celebration | None:
    """The senior's birthday in ``month`` (lunar or solar, as they keep it), whatever their age or status."""
    if lunar_birthday:
        return lunar_celebration(birth, lunar, month.year, month.month)
    return solar_celebration(birth, month.year, month.month)


def month_list(
    session: Session, month: dt.date, center_id: int | None = None, on_day: dt.date | None = None
) -> list[BirthdayRow]:
    """The birthday list of ``month`` (any day of it), of one center or all, sorted (:func:`sort_key`);
    with ``on_day``, only those celebrating that day (the day at a glance).

    ID numbers are in full: the caller decides who sees them.
    """
    month = first_day(month)
    candidates = _candidates(month, center_id)
    found: dict[int, tuple[Any, Celebration]] = {}
    for row in session.execute(candidates):
        lunar = LunarBirth(row.lunar_birth_month, row.lunar_birth_day, row.lunar_birth_leap)
        celebration = celebration_in(row.birth_date, row.lunar_birthday, lunar, month)
        if celebration is not None and celebration.age >= MIN_AGE and on_day in (None, celebration.date):
            found[row.id] = (row, celebration)
    if not found:
        return []
    histories = _histories(session, list(found), last_day(month))
    rows = [
        _row(row, celebration)
        for senior_id, (row, celebration) in found.items()
        if StatusHistory.of(histories.get(senior_id, ())).on(celebration.date) in CURRENT_STATUSES
    ]
    return sorted(rows, key=sort_key)


def _candidates(month: dt.date, center_id: int | None) -> Any:
    """Seniors who may celebrate in ``month``: a superset of the list, narrowed in Python."""
    lunar_months = _lunar_months(month)
    conditions: list[ColumnElement[bool]] = [
        Senior.birthday_opt_out.is_(False),
        # Solar age = year − birth year; a lunar age is at most one more (born before Spring Festival).
        Senior.birth_date < dt.date(month.year - MIN_AGE + 2, 1, 1),
        or_(
            and_(Senior.lunar_birthday.is_(False), extract("month", Senior.birth_date) == month.month),
            and_(Senior.lunar_birthday.is_(True), Senior.lunar_birth_month.in_(lunar_months))
            if lunar_months
            else false(),
        ),
    ]
    if center_id is not None:
        conditions.append(Senior.center_id == center_id)
    return (
        select(
            Senior.id,
            Senior.member_no,
            Senior.name,
            Senior.name_sort,
            Senior.id_number,
            Senior.community,
            Senior.center_id,
            Senior.birth_date,
            Senior.lunar_birthday,
            Senior.lunar_birth_month,
            Senior.lunar_birth_day,
            Senior.lunar_birth_leap,
            Center.code.label("center_code"),
            Center.count_xusui,
        )
        .join(Center, Center.id == Senior.center_id)
        .where(*conditions)
    )


def _lunar_months(month: dt.date) -> list[int]:
    """The ordinary lunar months (numbers) with a day in the solar ``month``: two, sometimes three."""
    numbers: set[int] = set()
    day = month
    while day.month == month.month:
        try:
            lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
        except ValueError:  # outside the tables (before 31 January 1900)
            lunar = None
        if lunar is not None and not lunar.is_leap_month:
            numbers.add(int(lunar.month))
        day += dt.timedelta(days=1)
    return sorted(numbers)


def _histories(session: Session, ids: list[int], until: dt.date) -> dict[int, Sequence[tuple[dt.date, Status]]]:
    """The status changes up to ``until`` of the seniors ``ids``, per senior in the order recorded."""
    out: dict[int, list[tuple[dt.date, Status]]] = defaultdict(list)
    for start in range(0, len(ids), IDS_PER_QUERY):
        stmt = (
            select(StatusChange.senior_id, StatusChange.effective_on, StatusChange.status)
            .where(StatusChange.senior_id.in_(ids[start : start + IDS_PER_QUERY]), StatusChange.effective_on <= until)
            .order_by(StatusChange.senior_id, StatusChange.effective_on, StatusChange.id)
        )
        for senior_id, effective_on, status in session.execute(stmt):
            out[senior_id].append((effective_on, status))
    return dict(out)


def _row(row: Any, celebration: Celebration) -> BirthdayRow:
    return BirthdayRow(
        senior_id=row.id,
        member_no=row.member_no,
        name=row.name,
        id_number=row.id_number,
        date=celebration.date,
        lunar=celebration.lunar,
        age=celebration.age,
        milestone=is_milestone(celebration.age, row.count_xusui),
        community=row.community,
        center_id=row.center_id,
        center_code=row.center_code,
        name_sort=row.name_sort,
    )
