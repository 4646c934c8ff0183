"""The monthly report's own figures, read in the caller's session: the register, day care per day,
incidents, assessments and the 12-month trend.

Everything else in the report comes from the services that own it (meals, visits, calls,
activities, birthday parties, subsidy rosters); what is computed here follows the same
rules as they do: voided records never count, a senior's status on a day comes from the
status history (:class:`carecenter.subsidies.months.StatusHistory`), ages are completed
years (:func:`carecenter.domain.idnumber.age_on`), categories valid on a day as the meal
subsidy reads them. Each figure is one grouped query (plus the subsidy engine's loader for
the register), so a district costs the same handful of queries as a center.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from carecenter.care.assessments import CARE_LEVEL_INSTRUMENTS
from carecenter.db.desk_models import Attendance, MealServing, Visit
from carecenter.db.models import Assessment, Incident, Senior, ServiceType, StatusChange
from carecenter.desk.visit_dto import MEALS_CODE
from carecenter.domain.desk_vocab import VisitStatus
from carecenter.domain.idnumber import age_on
from carecenter.domain.months import first_day, last_day, shift
from carecenter.domain.vocab import CURRENT_STATUSES, CareLevel, Category, Gender, IncidentKind, Status
from carecenter.reports.monthly_figures import (
    AgeBand,
    Assessments,
    CategoryCount,
    DayCount,
    IncidentLine,
    Incidents,
    KindTotal,
    LevelCount,
    Person,
    Summary,
    TrendPoint,
)
from carecenter.subsidies.facts import load_seniors

# The age bands of the report: 60–69 … 90–99, 100 and over; "under 60" only when someone is.
BANDS: tuple[tuple[int, int | None], ...] = ((60, 69), (70, 79), (80, 89), (90, 99), (100, None))
ENDED = (Status.WITHDRAWN, Status.DECEASED)


def _center(column: Any, center_id: int | None) -> list[ColumnElement[bool]]:
    return [] if center_id is None else [column == center_id]


def band_of(age: int) -> int:
    """The index in BANDS of ``age`` (-1: under 60)."""
    if age < 60:
        return -1
    return min((age - 60) // 10, len(BANDS) - 1)


# ---- the register --------------------------------------------------------------------------------


def summary(session: Session, center_id: int | None, month: dt.date, as_of: dt.date, id_number: Any) -> Summary:
    """The register at ``as_of``: counts by age band, gender and category; the month's arrivals and departures.

    ``id_number`` turns a stored ID number into the printed one (masked or not).
    """
    first = first_day(month)
    facts = load_seniors(session, as_of, center_id=center_id, registered_by=as_of, history_until=as_of)
    genders = dict(
        session.execute(
            select(Senior.id, Senior.gender).where(Senior.registered_on <= as_of, *_center(Senior.center_id, center_id))
        ).all()
    )
    bands: Counter[int] = Counter()
    categories: Counter[Category] = Counter()
    registered = paused = men = women = with_category = 0
    status_of: dict[int, Status | None] = {}
    for senior in facts:
        status = senior.history.on(as_of)
        status_of[senior.id] = status
        if status not in CURRENT_STATUSES:
            continue
        registered += 1
        paused += status is Status.PAUSED
        gender = genders.get(senior.id)
        men += gender is Gender.MALE
        women += gender is Gender.FEMALE
        bands[band_of(age_on(senior.birth_date, as_of))] += 1
        held = senior.categories_on(as_of)
        with_category += bool(held)
        categories.update(held)
    by_age = [AgeBand(low, high, bands[i]) for i, (low, high) in enumerate(BANDS)]
    if bands[-1]:
        by_age.insert(0, AgeBand(0, 59, bands[-1]))
    new = _arrivals(session, center_id, first, as_of, status_of, id_number)
    return Summary(
        as_of=as_of,
        registered=registered,
        paused=paused,
        men=men,
        women=women,
        by_age=tuple(by_age),
        by_category=tuple(CategoryCount(c, categories[c]) for c in Category),
        with_category=with_category,
        new=new,
        departed=_departures(session, center_id, first, as_of, id_number),
    )


def _arrivals(
    session: Session,
    center_id: int | None,
    first: dt.date,
    as_of: dt.date,
    status_of: dict[int, Status | None],
    id_number: Any,
) -> tuple[Person, ...]:
    stmt = (
        select(Senior.id, Senior.member_no, Senior.name, Senior.id_number, Senior.community, Senior.registered_on)
        .where(Senior.registered_on >= first, Senior.registered_on <= as_of, *_center(Senior.center_id, center_id))
        .order_by(Senior.registered_on, Senior.name_sort, Senior.id)
    )
    return tuple(
        Person(sid, member_no, name, id_number(number), community, on, status_of.get(sid) or Status.ACTIVE, "")
        for sid, member_no, name, number, community, on in session.execute(stmt)
    )


def _departures(
    session: Session, center_id: int | None, first: dt.date, as_of: dt.date, id_number: Any
) -> tuple[Person, ...]:
    """退出/去世 dated in the month (the last such change of a senior, if several)."""
    stmt = (
        select(
            StatusChange.senior_id,
            StatusChange.effective_on,
            StatusChange.status,
            StatusChange.reason,
            Senior.member_no,
            Senior.name,
            Senior.id_number,
            Senior.community,
            Senior.name_sort,
        )
        .join(Senior, Senior.id == StatusChange.senior_id)
        .where(
            StatusChange.status.in_(ENDED),
            StatusChange.effective_on >= first,
            StatusChange.effective_on <= as_of,
            *_center(Senior.center_id, center_id),
        )
        .order_by(StatusChange.effective_on, StatusChange.id)
    )
    latest: dict[int, tuple[Person, str]] = {}
    for sid, on, status, reason, member_no, name, number, community, name_sort in session.execute(stmt):
        latest[sid] = (Person(sid, member_no, name, id_number(number), community, on, status, reason), name_sort)
    people = sorted(latest.values(), key=lambda p: (p[0].on, p[1], p[0].senior_id))
    return tuple(p for p, _sort in people)


# ---- day care per day ----------------------------------------------------------------------------


def attendance_per_day(session: Session, center_id: int | None, month: dt.date, as_of: dt.date) -> tuple[DayCount, ...]:
    """Live check-ins per day, every day of the month up to ``as_of`` (zeros too)."""
    first = first_day(month)
    stmt = (
        select(Attendance.day, func.count())
        .where(
            Attendance.voided.is_(False),
            Attendance.day >= first,
            Attendance.day <= last_day(first),
            *_center(Attendance.center_id, center_id),
        )
        .group_by(Attendance.day)
    )
    counts = {day: int(n) for day, n in session.execute(stmt)}
    days = []
    day = first
    while day <= as_of:
        days.append(DayCount(day, counts.get(day, 0)))
        day += dt.timedelta(days=1)
    return tuple(days)


# ---- incidents and assessments -------------------------------------------------------------------


def incidents(session: Session, center_id: int | None, month: dt.date) -> Incidents:
    """The incidents dated in the month, of the center's seniors, by date."""
    first = first_day(month)
    stmt = (
        select(
            Incident.occurred_on,
            Incident.senior_id,
            Senior.member_no,
            Senior.name,
            Incident.kind,
            Incident.description,
            Incident.action_taken,
        )
        .join(Senior, Senior.id == Incident.senior_id)
        .where(
            Incident.occurred_on >= first,
            Incident.occurred_on <= last_day(first),
            *_center(Senior.center_id, center_id),
        )
        .order_by(Incident.occurred_on, Senior.name_sort, Incident.id)
    )
    lines = tuple(IncidentLine(*row) for row in session.execute(stmt))
    kinds = Counter(line.kind for line in lines)
    return Incidents(tuple(KindTotal(k, kinds[k]) for k in IncidentKind if kinds[k]), lines)


def assessments(session: Session, center_id: int | None, month: dt.date) -> Assessments:
    """The month's assessments per senior: first ever (new) or again (reassessed), and the level they gave."""
    first = first_day(month)
    in_month = (
        select(
            Assessment.senior_id,
            Assessment.assessed_on,
            Assessment.id,
            Assessment.instrument,
            Assessment.adjusted_result,
        )
        .join(Senior, Senior.id == Assessment.senior_id)
        .where(
            Assessment.assessed_on >= first,
            Assessment.assessed_on <= last_day(first),
            *_center(Senior.center_id, center_id),
        )
        .order_by(Assessment.assessed_on, Assessment.id)
    )
    rows = session.execute(in_month).all()
    seniors = {row[0] for row in rows}
    earlier: set[int] = set()
    if seniors:
        before = (
            select(Assessment.senior_id)
            .join(Senior, Senior.id == Assessment.senior_id)
            .where(Assessment.assessed_on < first, *_center(Senior.center_id, center_id))
            .distinct()
        )
        earlier = {sid for (sid,) in session.execute(before) if sid in seniors}
    level_of: dict[int, CareLevel | None] = dict.fromkeys(seniors)
    for sid, _on, _id, instrument, adjusted in rows:  # in date order: the month's last care-level form wins
        if instrument in CARE_LEVEL_INSTRUMENTS and adjusted:
            level_of[sid] = CareLevel.of(adjusted)
    levels = Counter(level_of.values())
    by_level = [LevelCount(level, levels[level]) for level in CareLevel]
    if levels[None]:
        by_level.append(LevelCount(None, levels[None]))
    return Assessments(
        seniors=len(seniors),
        new=len(seniors - earlier),
        reassessed=len(earlier),
        forms=len(rows),
        by_level=tuple(by_level),
    )


# ---- the trend -----------------------------------------------------------------------------------


def trend(session: Session, center_id: int | None, month: dt.date) -> tuple[TrendPoint, ...]:
    """Day-care 人次, meals served and home visits of the 12 months ending with ``month``.

    Counted as the month computations count them: live check-ins; live servings; live
    visits done, of a service type that is neither day care nor 助餐.
    """
    start, end = shift(month, -11), last_day(first_day(month))
    per: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))

    def add(name: str, stmt: Any) -> None:
        for day, n in session.execute(stmt):
            per[name][first_day(day)] += int(n)

    add(
        "day_care",
        select(Attendance.day, func.count())
        .where(Attendance.voided.is_(False), Attendance.day >= start, Attendance.day <= end)
        .where(*_center(Attendance.center_id, center_id))
        .group_by(Attendance.day),
    )
    add(
        "meals",
        select(MealServing.day, func.count())
        .where(MealServing.voided.is_(False), MealServing.day >= start, MealServing.day <= end)
        .where(*_center(MealServing.center_id, center_id))
        .group_by(MealServing.day),
    )
    home_types = select(ServiceType.id).where(ServiceType.day_care.is_(False), ServiceType.code != MEALS_CODE)
    add(
        "visits",
        select(Visit.day, func.count())
        .where(
            Visit.voided.is_(False),
            Visit.status == VisitStatus.DONE,
            Visit.day >= start,
            Visit.day <= end,
            Visit.service_type_id.in_(home_types),
        )
        .where(*_center(Visit.center_id, center_id))
        .group_by(Visit.day),
    )
    months = [shift(month, k) for k in range(-11, 1)]
    return tuple(TrendPoint(m, per["day_care"][m], per["meals"][m], per["visits"][m]) for m in months)
