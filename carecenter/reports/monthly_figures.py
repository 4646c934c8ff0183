"""What the monthly report to 民政 says, as plain frozen values: the one result the screen and the paper both show.

:meth:`carecenter.reports.monthly.MonthlyReports.figures` computes a :class:`MonthlyPack`
(:mod:`carecenter.reports.monthly_compute`); the monthly screen shows it and
:mod:`carecenter.reports.monthly_pdf` typesets it, so what is on the screen is what goes
to paper. The line types of the services that computed a figure are kept as they are
(``MealTotals``, ``TypeCount``, ``KindCount``, ``Grant``, ``RosterChange`` …): one meaning
of "人次" everywhere.

ID numbers in a pack are already as the printout shows them (masked unless the center's
setting and the actor's role both allow full numbers, ``MonthlyPack.full_ids``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carecenter.desk.activity_dto import KindCount
from carecenter.desk.attendance_dto import hours_text
from carecenter.desk.visit_dto import MonthVisitCounts
from carecenter.domain.desk_vocab import CallerKind
from carecenter.domain.months import month_label
from carecenter.domain.vocab import CareLevel, Category, IncidentKind, Status
from carecenter.i18n import _
from carecenter.meals.dto import MealTotals, TierTotal
from carecenter.subsidies.engine import Grant
from carecenter.subsidies.rosters import ChangeKind, RosterChange

# ---- registered seniors ------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeBand:
    """Seniors of ages ``low``…``high`` (``high`` None: and older; ``low`` 0: under 60)."""

    low: int
    high: int | None
    count: int

    @property
    def label(self) -> str:
        if self.low == 0 and self.high is not None:
            return _("Under {n}").format(n=self.high + 1)
        if self.high is None:
            return _("{n} and over").format(n=self.low)
        return _("{low}–{high}").format(low=self.low, high=self.high)


@dataclass(frozen=True)
class CategoryCount:
    category: Category
    count: int

    @property
    def label(self) -> str:
        return self.category.label


@dataclass(frozen=True)
class Person:
    """A senior named in the report: a new registration or a departure (退出/去世) of the month."""

    senior_id: int
    member_no: str
    name: str
    id_number: str  # as printed (masked or full, see MonthlyPack.full_ids)
    community: str
    on: dt.date  # registered on, or the day of the departure
    status: Status  # the status after the event: 在册 for a new senior, 退出/去世 for a departure
    reason: str  # the reason recorded with a departure ("" for new seniors)


@dataclass(frozen=True)
class Summary:
    """The seniors on the register at ``as_of`` (the month's last day, or today in the current month).

    ``registered`` counts the seniors registered by ``as_of`` and 在册 or 暂停 on it (``paused``
    of them 暂停); ages are completed years on ``as_of`` (turning 80 that day counts as 80);
    categories are those valid on ``as_of``. ``new`` are the seniors registered during the
    month, ``departed`` those who withdrew or died during it (by the day of the change).
    """

    as_of: dt.date
    registered: int
    paused: int
    men: int
    women: int
    by_age: tuple[AgeBand, ...]  # 60–69 … 100+, "under 60" first only when there is someone
    by_category: tuple[CategoryCount, ...]  # every category, in the vocabulary's order, zeros too
    with_category: int  # seniors with at least one category (a senior may have several)
    new: tuple[Person, ...]
    departed: tuple[Person, ...]

    @property
    def aged_80_plus(self) -> int:
        return sum(b.count for b in self.by_age if b.low >= 80)

    @property
    def died(self) -> int:
        return sum(1 for p in self.departed if p.status is Status.DECEASED)

    @property
    def withdrew(self) -> int:
        return sum(1 for p in self.departed if p.status is Status.WITHDRAWN)


# ---- services -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCount:
    day: dt.date
    count: int


@dataclass(frozen=True)
class DayCare:
    """日间照料 in the month: 人次 (live check-ins), different seniors, opening days and hours.

    ``per_day`` has every day of the month up to ``as_of`` (zeros too) for the chart; an
    opening day is a day with at least one check-in. ``minutes`` counts complete days only
    (with a check-out); ``open_days`` are check-ins before today left without a check-out.
    """

    visits: int
    people: int
    opening_days: int
    minutes: int
    open_days: int
    per_day: tuple[DayCount, ...]

    @property
    def average(self) -> float:
        """Seniors per opening day (0 without one)."""
        return self.visits / self.opening_days if self.opening_days else 0.0

    @property
    def average_text(self) -> str:
        return f"{self.average:.1f}"

    @property
    def hours(self) -> str:
        return hours_text(self.minutes)

    @property
    def busiest(self) -> DayCount | None:
        return max(self.per_day, key=lambda d: (d.count, -d.day.toordinal()), default=None)


@dataclass(frozen=True)
class Meals:
    """助餐 in the month, as :func:`carecenter.meals.totals.month_totals` sums it.

    ``by_meal`` has each meal type that was served or ordered in the month (all of them
    when none was); ``by_tier`` the subsidy per tier as charged at serving ("" = no subsidy).
    """

    all: MealTotals
    by_meal: tuple[MealTotals, ...]
    by_tier: tuple[TierTotal, ...]
    seniors: int

    @property
    def served(self) -> int:
        return self.all.served

    @property
    def eat_in(self) -> int:
        return self.all.eat_in

    @property
    def delivered(self) -> int:
        return self.all.delivered

    @property
    def subsidy_fen(self) -> int:
        return self.all.subsidy_fen

    @property
    def paid_fen(self) -> int:
        return self.all.paid_fen


@dataclass(frozen=True)
class CallerCount:
    caller: CallerKind
    count: int

    @property
    def label(self) -> str:
        return self.caller.label


@dataclass(frozen=True)
class Calls:
    """助急 / 呼叫 received in the month (:meth:`carecenter.desk.calls.CallService.month_counts`)."""

    total: int
    urgent: int
    closed: int
    still_open: int
    with_incident: int
    by_caller: tuple[CallerCount, ...]


@dataclass(frozen=True)
class IncidentLine:
    occurred_on: dt.date
    senior_id: int
    member_no: str
    name: str
    kind: IncidentKind
    description: str
    action_taken: str

    @property
    def kind_label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class KindTotal:
    kind: IncidentKind
    count: int

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class Incidents:
    """Incidents that happened in the month (by their date), of the seniors of the center."""

    by_kind: tuple[KindTotal, ...]  # kinds that occurred, in the vocabulary's order
    lines: tuple[IncidentLine, ...]  # by date

    @property
    def total(self) -> int:
        return len(self.lines)


@dataclass(frozen=True)
class Party:
    """The month's 集体生日会: invited (not taken off the list), came, and round birthdays among those who came."""

    held_on: dt.date
    place: str
    invited: int
    attended: int
    milestones: int


@dataclass(frozen=True)
class Activities:
    """Activities held in the month (:meth:`carecenter.desk.activities.ActivityService.month_counts`)."""

    by_kind: tuple[KindCount, ...]  # every kind, zeros too
    total: KindCount
    parties: tuple[Party, ...]  # the month's birthday party (one per center; several in a district)


@dataclass(frozen=True)
class LevelCount:
    level: CareLevel | None  # None: assessed only with an instrument that gives no care level (Barthel)
    count: int

    @property
    def label(self) -> str:
        return self.level.label if self.level is not None else _("No care level (other instruments)")


@dataclass(frozen=True)
class Assessments:
    """Capability assessments in the month, counted per senior.

    ``new``: seniors whose first assessment ever is in the month; ``reassessed``: seniors
    assessed in the month who had been assessed on an earlier day. ``by_level`` gives each
    assessed senior's level from the month's last care-level assessment (GB/T 42195,
    adjusted), every level listed, zeros too. ``forms`` counts the forms filled in.
    """

    seniors: int
    new: int
    reassessed: int
    forms: int
    by_level: tuple[LevelCount, ...]


# ---- subsidy roster ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleLine:
    """One subsidy's month: its grants and amount, and how many were new, stopped or changed band."""

    rule_code: str
    rule_name: str
    count: int
    total_fen: int
    new: int
    stopped: int
    changed: int
    before_fen: int  # the month before's total of this subsidy


@dataclass(frozen=True)
class SubsidyRoster:
    """The month's subsidy roster: approved (a snapshot), else computed now as a preview (未审批（预览）).

    For a district the grants of every center; ``approved`` only when every center's month is.
    Grants and changes carry ID numbers as printed.
    """

    approved: bool
    approved_at: dt.datetime | None
    approver_name: str
    rules: tuple[RuleLine, ...]
    grants: tuple[Grant, ...]
    changes: tuple[RosterChange, ...]

    @property
    def total_fen(self) -> int:
        return sum(r.total_fen for r in self.rules)

    @property
    def count(self) -> int:
        return sum(r.count for r in self.rules)

    def changes_of(self, kind: ChangeKind) -> tuple[RosterChange, ...]:
        return tuple(c for c in self.changes if c.kind is kind)


# ---- trend and the pack -------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    """One month of the 12-month trend: day-care 人次, meals served, home visits (九助 without 助餐)."""

    month: dt.date
    day_care: int
    meals: int
    visits: int

    @property
    def label(self) -> str:
        return f"{self.month.year % 100:02d}-{self.month.month:02d}"


@dataclass(frozen=True)
class CenterSection:
    """One center's month (``center_id`` None: the district's totals over every center)."""

    center_id: int | None
    code: str
    name: str
    summary: Summary
    day_care: DayCare
    meals: Meals
    visits: MonthVisitCounts  # 九助 per service type (助餐 from the meals served) and per staff member
    calls: Calls
    incidents: Incidents
    activities: Activities
    assessments: Assessments
    roster: SubsidyRoster
    trend: tuple[TrendPoint, ...]  # the 12 months ending with this one, oldest first

    @property
    def has_services(self) -> bool:
        """Whether any service was recorded in the month (else the report says 本月无服务记录)."""
        return bool(
            self.day_care.visits
            or self.meals.served
            or self.visits.visits
            or self.calls.total
            or self.activities.total.activities
            or self.assessments.forms
        )


@dataclass(frozen=True)
class MonthlyPack:
    """The monthly report of one center, or of a district (a section per center and the district's totals).

    ``partial``: the month is the current one, counted up to ``as_of`` (today): the paper says
    截至 that day. ``district`` is None for one center. ``approved``: every subsidy roster in
    the pack is approved; otherwise the paper is marked 未审批（预览）.
    """

    month: dt.date
    as_of: dt.date
    partial: bool
    title: str  # the center's name, or the district's heading
    sections: tuple[CenterSection, ...]
    district: CenterSection | None
    full_ids: bool

    @property
    def approved(self) -> bool:
        return all(s.roster.approved for s in self.sections)

    @property
    def period(self) -> str:
        return month_label(self.month)

    @property
    def mark(self) -> str:
        """The red mark on every page: 未审批（预览）, 截至 <today>, or both."""
        marks = []
        if self.partial:
            marks.append(as_of_text(self.as_of))
        if not self.approved:
            marks.append(_("Not approved (preview)"))
        return "  ".join(marks)

    @property
    def main(self) -> CenterSection:
        """The section a summary shows first: the district's totals, or the one center."""
        return self.district if self.district is not None else self.sections[0]


def as_of_text(day: dt.date) -> str:
    """截至 2026-11-22."""
    return _("As of {date}").format(date=day.isoformat())
