"""待办: what the social workers must do next — reassessments, plan reviews, plans ending, seniors without a plan.

Rules (issue 5, domain.md "Capability assessment"), for current seniors (在册/暂停) only:

- **reassessment**: the last assessment (any instrument) + the center's ``reassess_months``
  calendar months (:func:`add_months`: 31 August + 6 months = 28 February), or at once
  after an incident: the day of the first incident *after* the last assessment, when that
  is earlier. An incident on the assessment's own day counts as already seen by it.
  Every kind of incident counts (a hospital stay is a "major change" too).
- **never_assessed**: no assessment at all: due now (today; the detail gives the
  registration day). Not "due since registration": registrations are often years older
  than the app (an imported roster), and "overdue 2,000 days" would bury the
  reassessments that really slipped.
- **plan_review** / **plan_ending**: an active care plan's review date / end date.
- **no_plan**: no active care plan (a draft not yet signed does not count): due now, like
  never_assessed. Only for seniors already assessed, or with a draft: the plan is written
  from an assessment, so a senior never assessed is listed once, for the first assessment.

The list looks ``horizon_days`` (30) ahead: an item is listed when its due date is on or
before today + horizon. Overdue items (due before today) come first, then by due date.
The sidebar badge (:meth:`DueService.count`) counts what is due today or overdue.

Efficiency: a district database holds ~50,000 seniors, so each kind is one query (five
in all, plus one for the centers' settings), filtered by date in SQL. The month
arithmetic is not portable SQL, so each center's setting becomes a plain "last assessed
on or before" cutoff day (:func:`latest_start`) computed in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, exists, false, func, or_, select, union
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.db.models import Assessment, CarePlan, Center, Incident, Senior
from carecenter.db.sessions import Sessions
from carecenter.domain.dates import add_months
from carecenter.domain.vocab import CURRENT_STATUSES, IncidentKind, PlanStatus, Vocab
from carecenter.errors import NotFoundError, ValidationError, labelled
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, require

HORIZON_DAYS = 30
MIN_MONTHS, MAX_MONTHS = 1, 24

FIELD_LABELS: dict[str, str] = {"reassess_months": N_("Months between assessments")}


def latest_start(limit: dt.date, months: int) -> dt.date:
    """The last day ``d`` with ``add_months(d, months) <= limit``: the cutoff for "assessed on or before".

    ``add_months`` never goes backwards as ``d`` grows, so every day up to the cutoff is due
    by ``limit`` and none after it. Clamping makes several days land on one month end
    (29, 30, 31 August + 6 months are all 28 February), hence the walk forward.
    """
    cutoff = add_months(limit, -months)
    while add_months(cutoff + dt.timedelta(days=1), months) <= limit:
        cutoff += dt.timedelta(days=1)
    return cutoff


class DueKind(Vocab):
    """What is due; the value is a stable code (CLI JSON), the label what social workers read."""

    NEVER_ASSESSED = "never_assessed", N_("First assessment")
    REASSESSMENT = "reassessment", N_("Reassessment")
    PLAN_REVIEW = "plan_review", N_("Care plan review")
    PLAN_ENDING = "plan_ending", N_("Care plan ending")
    NO_PLAN = "no_plan", N_("No care plan")


_KIND_ORDER = {kind: n for n, kind in enumerate(DueKind)}


@dataclass(frozen=True)
class DueItem:
    """One thing due for one senior. ``days`` is due date minus today: negative when overdue."""

    senior_id: int
    member_no: str
    name: str
    kind: DueKind
    due_on: dt.date
    days: int
    detail: str
    name_sort: str = ""

    @property
    def overdue(self) -> bool:
        return self.days < 0

    def as_json(self) -> dict[str, object]:
        """The stable shape of ``carecenter-cli due --format json``."""
        return {
            "kind": self.kind.value,
            "member_no": self.member_no,
            "name": self.name,
            "senior_id": self.senior_id,
            "due_on": self.due_on.isoformat(),
            "days": self.days,
            "overdue": self.overdue,
            "detail": self.detail,
        }


def when_text(item: DueItem) -> str:
    """The due date in words: "overdue 3 days", "today", "in 12 days" (the page and the CLI)."""
    if item.days < 0:
        return _("overdue {n} days").format(n=-item.days)
    if item.days == 0:
        return _("today")
    return _("in {n} days").format(n=item.days)


def sort_key(item: DueItem) -> tuple[dt.date, int, str, int]:
    """Overdue first (the oldest at the top), then by due date; same day: by kind, then the name's pinyin."""
    return (item.due_on, _KIND_ORDER[item.kind], item.name_sort, item.senior_id)


class DueService:
    """``cc.due``: the 待办 page, its sidebar badge and ``carecenter-cli due``. Social workers and admins."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def items(self, actor: Actor, center_id: int | None = None, horizon_days: int = HORIZON_DAYS) -> list[DueItem]:
        """Everything due on or before today + ``horizon_days`` for the current seniors (of one center, if given)."""
        require(actor, Permission.ASSESSMENTS)
        today = self._clock.today()
        with self._sessions() as session:
            queries = _Queries(center_id, today + dt.timedelta(days=horizon_days), _months(session))
            return sorted(queries.items(session, today), key=sort_key)

    def count(self, actor: Actor, center_id: int | None = None) -> int:
        """The sidebar badge: items due today or overdue (what needs doing now, not what is coming)."""
        require(actor, Permission.ASSESSMENTS)
        with self._sessions() as session:
            return _Queries(center_id, self._clock.today(), _months(session)).count(session)

    def reassess_months(self, center_id: int) -> int:
        """The center's months between assessments (6 unless an administrator changed it)."""
        with self._sessions() as session:
            return _center(session, center_id).reassess_months

    def set_reassess_months(self, center_id: int, months: int, actor: Actor) -> int:
        """Change the center's months between assessments (a setting: administrators only)."""
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        if not MIN_MONTHS <= months <= MAX_MONTHS:
            reason = _("a whole number from {low} to {high}").format(low=MIN_MONTHS, high=MAX_MONTHS)
            raise ValidationError([labelled(FIELD_LABELS, "reassess_months", reason)])
        with self._sessions(actor) as session:
            center = _center(session, center_id)
            if center.reassess_months != months:
                center.reassess_months = months
                session.commit()
            return months


def _center(session: Session, center_id: int) -> Center:
    center = session.get(Center, center_id)
    if center is None:
        raise NotFoundError(_("No center with id {id}.").format(id=center_id))
    return center


# ---- one query per kind -------------------------------------------------------------------------


def _current(center_id: int | None) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = Senior.status.in_(list(CURRENT_STATUSES))
    if center_id is not None:
        condition = and_(condition, Senior.center_id == center_id)
    return condition


def _months(session: Session) -> dict[int, int]:
    return {cid: n for cid, n in session.execute(select(Center.id, Center.reassess_months))}


_SENIOR_COLUMNS = (Senior.id, Senior.member_no, Senior.name, Senior.name_sort)
Who = tuple[int, str, str, str]  # what _SENIOR_COLUMNS read: id, member no., name, pinyin sort key


@dataclass(frozen=True)
class _Queries:
    """The statements of one look at the list: the seniors of ``center_id``, things due by ``limit``.

    ``items`` reads their rows; ``count`` wraps the same statements in SQL counts, so the
    sidebar badge never builds a row in Python.
    """

    center_id: int | None
    limit: dt.date
    months: dict[int, int]

    def never_assessed(self) -> Select[int, str, str, str, dt.date]:
        assessed = exists().where(Assessment.senior_id == Senior.id)
        return select(*_SENIOR_COLUMNS, Senior.registered_on).where(_current(self.center_id), ~assessed)

    def _last(self) -> Subquery:
        """Each current senior's last assessment day (only the center's seniors are grouped)."""
        return (
            select(Assessment.senior_id, func.max(Assessment.assessed_on).label("last_on"))
            .join(Senior, Senior.id == Assessment.senior_id)
            .where(_current(self.center_id))
            .group_by(Assessment.senior_id)
            .subquery("last_assessed")
        )

    def months_up(self) -> Select[int, str, str, str, int, dt.date]:
        """Seniors last assessed on or before their center's cutoff: their months are up by ``limit``."""
        last = self._last()
        cutoffs = [
            and_(Senior.center_id == cid, last.c.last_on <= latest_start(self.limit, n))
            for cid, n in self.months.items()
            if self.center_id is None or cid == self.center_id
        ]
        return (
            select(*_SENIOR_COLUMNS, Senior.center_id, last.c.last_on)
            .join(last, last.c.senior_id == Senior.id)
            .where(_current(self.center_id), or_(false(), *cutoffs))
        )

    def incidents_since(self) -> Select[int, str, str, str, dt.date, dt.date, IncidentKind]:
        """Incidents after the senior's last assessment, up to ``limit``: each senior's first one first."""
        last = self._last()
        return (
            select(*_SENIOR_COLUMNS, last.c.last_on, Incident.occurred_on, Incident.kind)
            .join(last, last.c.senior_id == Senior.id)
            .join(Incident, and_(Incident.senior_id == Senior.id, Incident.occurred_on > last.c.last_on))
            .where(_current(self.center_id), Incident.occurred_on <= self.limit)
            .order_by(Senior.id, Incident.occurred_on, Incident.id)
        )

    def plan_dates(self) -> Select[int, str, str, str, int, dt.date, dt.date, dt.date | None]:
        return (
            select(*_SENIOR_COLUMNS, CarePlan.version, CarePlan.start_on, CarePlan.review_on, CarePlan.end_on)
            .join(CarePlan, CarePlan.senior_id == Senior.id)
            .where(
                _current(self.center_id),
                CarePlan.status == PlanStatus.ACTIVE,
                or_(CarePlan.review_on <= self.limit, CarePlan.end_on <= self.limit),
            )
        )

    def no_plan(self) -> Select[int, str, str, str, bool]:
        """Seniors without a plan in force who are assessed or have a draft: the plan follows the assessment."""
        active = exists().where(CarePlan.senior_id == Senior.id, CarePlan.status == PlanStatus.ACTIVE)
        draft = exists().where(CarePlan.senior_id == Senior.id, CarePlan.status == PlanStatus.DRAFT)
        assessed = exists().where(Assessment.senior_id == Senior.id)
        return select(*_SENIOR_COLUMNS, draft.label("has_draft")).where(
            _current(self.center_id), ~active, or_(assessed, draft)
        )

    # ---- reading ---------------------------------------------------------------------------

    def items(self, session: Session, today: dt.date) -> list[DueItem]:
        """Every item, unsorted; each detail template is translated once, not once per row."""

        def item(who: Who, kind: DueKind, due: dt.date, detail: str) -> DueItem:
            return DueItem(who[0], who[1], who[2], kind, due, (due - today).days, detail, who[3])

        found: list[DueItem] = []
        registered = _("registered {date}, never assessed")
        for sid, no, name, key, registered_on in session.execute(self.never_assessed()):
            detail = registered.format(date=registered_on)
            found.append(item((sid, no, name, key), DueKind.NEVER_ASSESSED, today, detail))

        routine, after = _("last assessed {date} (every {n} months)"), _("{incident} on {date} (last assessed {last})")
        reassess: dict[int, DueItem] = {}
        for sid, no, name, key, center_id, last_on in session.execute(self.months_up()):
            n = self.months[center_id]
            detail = routine.format(date=last_on, n=n)
            reassess[sid] = item((sid, no, name, key), DueKind.REASSESSMENT, add_months(last_on, n), detail)
        for sid, no, name, key, last_on, occurred_on, kind in session.execute(self.incidents_since()):
            earlier = reassess.get(sid)
            if earlier is None or occurred_on < earlier.due_on:  # each senior's first incident comes first
                detail = after.format(incident=IncidentKind.of(kind).label, date=occurred_on, last=last_on)
                reassess[sid] = item((sid, no, name, key), DueKind.REASSESSMENT, occurred_on, detail)
        found.extend(reassess.values())

        version = _("care plan version {v}, in force since {date}")
        for sid, no, name, key, number, start_on, review_on, end_on in session.execute(self.plan_dates()):
            detail = version.format(v=number, date=start_on)
            if review_on <= self.limit:
                found.append(item((sid, no, name, key), DueKind.PLAN_REVIEW, review_on, detail))
            if end_on is not None and end_on <= self.limit:
                found.append(item((sid, no, name, key), DueKind.PLAN_ENDING, end_on, detail))

        waiting, nothing = _("a draft is waiting to be signed"), _("no active care plan")
        for sid, no, name, key, has_draft in session.execute(self.no_plan()):
            detail = waiting if has_draft else nothing
            found.append(item((sid, no, name, key), DueKind.NO_PLAN, today, detail))
        return found

    def count(self, session: Session) -> int:
        """How many items ``items`` would list, counted by the database."""

        def rows(stmt: Select[*tuple[Any, ...]]) -> int:
            return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0

        reassessed = union(
            select(self.months_up().subquery().c.id), select(self.incidents_since().order_by(None).subquery().c.id)
        )
        plans = self.plan_dates().subquery()
        plan_dates = select(
            func.count(case((plans.c.review_on <= self.limit, 1))) + func.count(case((plans.c.end_on <= self.limit, 1)))
        )
        return (
            rows(self.never_assessed())
            + (session.scalar(select(func.count()).select_from(reassessed.subquery())) or 0)
            + (session.scalar(plan_dates) or 0)
            + rows(self.no_plan())
        )


def kinds_in(items: Iterable[DueItem]) -> dict[DueKind, int]:
    """How many items of each kind (every kind present, 0 included), in the list's order of kinds."""
    counts = dict.fromkeys(DueKind, 0)
    for item in items:
        counts[item.kind] += 1
    return counts
