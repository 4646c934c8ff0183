"""Who is expected at day care on a day: the care plans' day-care weekdays, read for a whole center at once.

A senior is expected on ``day`` when

- a care plan of theirs is **active** (signed, in force: not a draft, not superseded or
  closed) and its own span covers the day (``start_on <= day``, ``end_on`` empty or
  ``>= day``);
- one of that plan's services is of a **day-care type** (``ServiceType.day_care``; the
  shipped one is ``day_care``, 日间托老), planned **by weekday** with the day's ISO weekday
  among them (``weekdays`` "135" = Monday, Wednesday, Friday; 1 = Monday … 7 = Sunday, as
  :mod:`carecenter.care.plan_info` stores them), and the service's own span (empty: the
  plan's) covers the day. A service planned "N times a month" names no day, so nobody is
  expected by it on a particular day;
- and the senior was registered and neither 退出 nor 去世 on that day (the status history
  decides, not today's status: a senior who died on the 20th was still expected on the
  10th). A 暂停 senior stays expected; the desk sees the status beside the name.

The front desk's board, the today page and the monthly reports all ask this module, so
"expected" means one thing everywhere. Everything is a fixed handful of queries whatever
the number of seniors: one for the plans, one for the status histories of those found.
Functions take an open session (the caller's one session per core call).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.care.plans import services_in_force
from carecenter.db.models import CarePlan, PlannedService, Senior, ServiceType, StatusChange
from carecenter.desk.finder import ENDED
from carecenter.domain.vocab import Status
from carecenter.subsidies.months import StatusHistory

# Ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 900


@dataclass(frozen=True)
class ExpectedSenior:
    """A senior the plans expect on a day, with what a list needs to show them."""

    senior_id: int
    center_id: int
    name: str
    member_no: str
    name_sort: str  # the pinyin sort key: lists built from several sources sort by it
    status: Status  # on that day (在册 or 暂停)


def expected_on(session: Session, day: dt.date, center_id: int | None = None) -> list[ExpectedSenior]:
    """The seniors expected at day care on ``day`` (of one center, or of all), by pinyin."""
    stmt = (
        select(Senior.id, Senior.center_id, Senior.name, Senior.member_no, Senior.name_sort)
        .join(CarePlan, CarePlan.senior_id == Senior.id)
        .join(PlannedService, PlannedService.plan_id == CarePlan.id)
        .join(ServiceType, PlannedService.service_type_id == ServiceType.id)
        .where(
            ServiceType.day_care.is_(True),
            PlannedService.weekdays.contains(str(day.isoweekday())),
            *services_in_force(day),
        )
        .distinct()
    )
    if center_id is not None:
        stmt = stmt.where(Senior.center_id == center_id)
    candidates = session.execute(stmt).all()
    statuses = statuses_on(session, [row.id for row in candidates], day)
    found = [
        ExpectedSenior(row.id, row.center_id, row.name, row.member_no, row.name_sort, status)
        for row in candidates
        if (status := statuses.get(row.id)) is not None and status not in ENDED
    ]
    return sorted(found, key=lambda e: (e.name_sort, e.senior_id))


def expected_ids(session: Session, day: dt.date, center_id: int | None = None) -> set[int]:
    """Only the ids of :func:`expected_on` (for counting and matching)."""
    return {e.senior_id for e in expected_on(session, day, center_id)}


def statuses_on(session: Session, senior_ids: Iterable[int], day: dt.date) -> dict[int, Status]:
    """Each senior's status on ``day`` from the status history; seniors not yet registered then are left out."""
    ids = sorted(set(senior_ids))
    changes: dict[int, list[tuple[dt.date, Status]]] = defaultdict(list)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = session.execute(
            select(StatusChange.senior_id, StatusChange.effective_on, StatusChange.status)
            .where(StatusChange.senior_id.in_(chunk), StatusChange.effective_on <= day)
            .order_by(StatusChange.id)
        )
        for senior_id, effective_on, status in rows:
            changes[senior_id].append((effective_on, status))
    found: dict[int, Status] = {}
    for senior_id, history in changes.items():
        if (on_day := StatusHistory.of(history).on(day)) is not None:
            found[senior_id] = on_day
    return found
