"""What a care summary (照护小结) says, as plain frozen data: every value already in words, never a code.

Built by :func:`carecenter.reports.care_summary_read.read_summary`, typeset by
:mod:`carecenter.reports.care_summary_pdf`, returned to the UI by
``cc.reports.care_summary.summary``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carecenter.domain.vocab import Vocab
from carecenter.i18n import N_

SERVICE_MONTHS = 3  # the current month and the two before it
INCIDENT_MONTHS = 12
HISTORY_SHOWN = 6  # assessments listed under the latest one


class Trend(Vocab):
    """How the latest assessment compares with the one before it (same form)."""

    BETTER = "better", N_("Improved")
    STABLE = "stable", N_("Stable")
    WORSE = "worse", N_("Declined")


@dataclass(frozen=True)
class Profile:
    """Who the senior is, as the registration record says it, in words."""

    name: str
    gender: str
    age: int
    birth_date: dt.date
    member_no: str
    id_number: str  # as printed: masked unless the center prints full IDs and the role may see them
    address: str
    phones: tuple[str, ...]
    community: str
    residence: str  # 户籍: 本地 / 外地
    status: str  # 在册, 暂停 …
    status_since: dt.date
    registered_on: dt.date
    care_level: str  # the care level the rules use, in words (未评估 without one)


@dataclass(frozen=True)
class ContactLine:
    name: str
    relation: str
    phone: str


@dataclass(frozen=True)
class CategoryLine:
    """A category in force today, with its period (either end may be open)."""

    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None


@dataclass(frozen=True)
class Medicine:
    name: str
    dose: str
    schedule: str


@dataclass(frozen=True)
class Health:
    """The health record: conditions, medicines, risks, family doctor, and what the kitchen must know."""

    conditions: tuple[str, ...]
    medications: tuple[Medicine, ...]
    risks: tuple[str, ...]  # 认知障碍, 跌倒风险, 走失风险 … in words
    family_doctor: str
    family_doctor_phone: str
    diet: tuple[str, ...]  # 清真, 糖尿病餐 … in the vocabulary's order
    diet_notes: str
    allergies: str


@dataclass(frozen=True)
class AssessmentLine:
    """One assessment as a family reads it: when, which form, the score and the level in words."""

    assessed_on: dt.date
    instrument: str
    total: int
    max_total: int | None
    level: str  # GB/T 42195: the level after the one-level-worse adjustment; others: the band
    adjusted_because: tuple[str, ...]  # why GB/T 42195's level was made one step worse (empty: not adjusted)
    assessors: str


@dataclass(frozen=True)
class Assessments:
    """The latest assessment, how it compares with the one before it of the same form, and the recent ones."""

    latest: (
        AssessmentLine | None
    )  # the latest GB/T 42195 assessment (it gives the care level), else the latest of any form
    previous: AssessmentLine | None  # the one before the latest, same form; None: the first of its kind
    trend: Trend | None
    history: tuple[AssessmentLine, ...]  # newest first, the latest included (at most HISTORY_SHOWN)


@dataclass(frozen=True)
class PlannedLine:
    """A service of the plan in force: what, how often, by whom."""

    service: str
    schedule: str  # 周一、三、五 / 每月 4 次
    staff: str  # "" when nobody is assigned yet
    start_on: dt.date | None  # None: from the plan's start
    end_on: dt.date | None  # None: as long as the plan
    notes: str


@dataclass(frozen=True)
class PlanSummary:
    """The care plan in force (signed, not closed)."""

    version: int
    needs: str
    goals: str
    start_on: dt.date
    review_on: dt.date
    end_on: dt.date | None
    signed_by: str
    signed_on: dt.date | None
    services: tuple[PlannedLine, ...]


@dataclass(frozen=True)
class ServiceRow:
    """One kind of service received: how many per month of the window, and the time it took."""

    name: str  # the catalogue's name, e.g. 日间托老, 助餐（堂食）, 助洁
    unit: str  # 天 / 餐 / 次
    per_month: tuple[int, ...]  # one count per month of the window, oldest first
    minutes: int | None  # over the window; None where no time is kept (meals)

    @property
    def total(self) -> int:
        return sum(self.per_month)


@dataclass(frozen=True)
class ServicesReceived:
    """Services received from ``first`` to ``last`` (today), by month: day care, meals, home-care visits."""

    first: dt.date
    last: dt.date
    months: tuple[dt.date, ...]  # first days, oldest first
    rows: tuple[ServiceRow, ...]  # only kinds received at least once

    def row(self, name: str) -> ServiceRow | None:
        return next((r for r in self.rows if r.name == name), None)


@dataclass(frozen=True)
class IncidentLine:
    occurred_on: dt.date
    ended_on: dt.date | None  # a hospital stay's last day
    kind: str
    description: str
    action_taken: str


@dataclass(frozen=True)
class Incidents:
    """Incidents from ``first`` to ``last`` (today), newest first."""

    first: dt.date
    last: dt.date
    lines: tuple[IncidentLine, ...]


@dataclass(frozen=True)
class SubsidyLine:
    """One subsidy rule for the senior this month: granted or not, how much, and why, in words."""

    name: str
    granted: bool
    amount_fen: int
    per_meal: bool  # the amount is per meal (助餐补贴), not per month
    tier: str
    reason: str


@dataclass(frozen=True)
class Subsidies:
    month: dt.date
    approved: bool  # the month's roster is approved (else the lines are today's computation)
    lines: tuple[SubsidyLine, ...]


@dataclass(frozen=True)
class CenterLine:
    name: str
    phone: str
    address: str


@dataclass(frozen=True)
class CareSummary:
    """Everything one senior's care summary says, as of ``as_of`` (today)."""

    senior_id: int
    as_of: dt.date
    center: CenterLine
    profile: Profile
    full_id: bool  # the ID number is shown in full (the printout is audited)
    contacts: tuple[ContactLine, ...]
    categories: tuple[CategoryLine, ...]
    health: Health
    assessments: Assessments
    plan: PlanSummary | None
    services: ServicesReceived
    incidents: Incidents
    subsidies: Subsidies
