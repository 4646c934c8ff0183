"""What a care plan looks like outside the core: the form's input, the stored plan, the weekday text.

``PlanInput`` / ``PlannedServiceInput`` are what the plan form submits; ``PlanInfo`` /
``PlannedServiceInfo`` are plans as read back, with the names users see (service
type, staff member, signer, status) already resolved, so the UI never touches ORM rows.
Weekdays are numbered 1 = Monday … 7 = Sunday, as ISO does and as stored ("135").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce

from carecenter.domain.vocab import PlanStatus
from carecenter.i18n import N_, _

WEEKDAYS = (1, 2, 3, 4, 5, 6, 7)
# Full names (the form's check boxes; in Chinese 周一 … 周日).
DAY_NAMES: dict[int, str] = {
    1: N_("Monday"),
    2: N_("Tuesday"),
    3: N_("Wednesday"),
    4: N_("Thursday"),
    5: N_("Friday"),
    6: N_("Saturday"),
    7: N_("Sunday"),
}
# Short names inside a list of days (in Chinese 一 … 日: "周一、三、五").
DAY_SHORT: dict[int, str] = {
    1: N_("Mon"),
    2: N_("Tue"),
    3: N_("Wed"),
    4: N_("Thu"),
    5: N_("Fri"),
    6: N_("Sat"),
    7: N_("Sun"),
}


def weekdays_text(days: frozenset[int] | set[int]) -> str:
    """The days as staff write them: 周一、三、五 (English: every Mon, Wed, Fri); 每天 for all seven."""
    chosen = sorted(d for d in days if d in DAY_SHORT)
    if not chosen:
        return ""
    if len(chosen) == len(WEEKDAYS):
        return _("every day")
    names = [_(DAY_SHORT[d]) for d in chosen]
    listed = reduce(lambda text, item: _("{list}, {item}").format(list=text, item=item), names[1:], names[0])
    return _("every {days}").format(days=listed)


def monthly_text(times: int) -> str:
    return _("{n} times a month").format(n=times)


def weekdays_code(days: frozenset[int]) -> str:
    """As stored: "135" for Monday, Wednesday and Friday."""
    return "".join(str(d) for d in sorted(days))


def weekdays_of(code: str) -> frozenset[int]:
    return frozenset(int(c) for c in code if c.isdigit())


@dataclass(frozen=True)
class PlannedServiceInput:
    """One planned service as the form submits it: weekdays *or* a number of times per month.

    ``start_on``/``end_on`` left None mean "as long as the plan"; ``staff_id`` None means
    nobody is assigned yet.
    """

    service_type_id: int
    weekdays: frozenset[int] = frozenset()
    times_per_month: int | None = None
    staff_id: int | None = None
    start_on: dt.date | None = None
    end_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class PlanInput:
    """The plan form: needs, goals, its dates and the services it provides."""

    needs: str
    goals: str
    start_on: dt.date
    review_on: dt.date
    end_on: dt.date | None = None
    services: tuple[PlannedServiceInput, ...] = ()


@dataclass(frozen=True)
class PlannedServiceInfo:
    id: int
    position: int
    service_type_id: int
    service_name: str
    day_care: bool
    type_retired: bool  # the type was retired after this plan was written
    weekdays: frozenset[int]
    times_per_month: int | None
    staff_id: int | None
    staff_name: str  # "" when nobody is assigned
    start_on: dt.date | None
    end_on: dt.date | None
    notes: str

    @property
    def weekdays_text(self) -> str:
        return weekdays_text(self.weekdays)

    @property
    def schedule_text(self) -> str:
        """When it happens: 周一、三、五 or 每月 4 次."""
        if self.weekdays:
            return self.weekdays_text
        return monthly_text(self.times_per_month) if self.times_per_month else ""

    @property
    def service_label(self) -> str:
        return _("{name} (retired)").format(name=self.service_name) if self.type_retired else self.service_name

    def as_input(self) -> PlannedServiceInput:
        return PlannedServiceInput(
            service_type_id=self.service_type_id,
            weekdays=self.weekdays,
            times_per_month=self.times_per_month,
            staff_id=self.staff_id,
            start_on=self.start_on,
            end_on=self.end_on,
            notes=self.notes,
        )


@dataclass(frozen=True)
class PlanInfo:
    """One version of a senior's care plan, with every name resolved."""

    id: int
    senior_id: int
    series_id: int
    version: int
    needs: str
    goals: str
    start_on: dt.date
    review_on: dt.date
    end_on: dt.date | None
    status: PlanStatus
    signed_by_staff_id: int | None
    signed_by_name: str  # "" until signed
    signed_on: dt.date | None
    services: tuple[PlannedServiceInfo, ...]
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    # The row's edit version (``version`` is the plan's own number): a draft's form sends it back as ``expected_version``.
    edit_version: int

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def is_draft(self) -> bool:
        return self.status is PlanStatus.DRAFT

    @property
    def is_active(self) -> bool:
        return self.status is PlanStatus.ACTIVE

    def as_input(self) -> PlanInput:
        """The plan as the form would submit it unchanged (the start of a new version)."""
        return PlanInput(
            needs=self.needs,
            goals=self.goals,
            start_on=self.start_on,
            review_on=self.review_on,
            end_on=self.end_on,
            services=tuple(s.as_input() for s in self.services),
        )


@dataclass(frozen=True)
class ScheduledService:
    """A planned service of an active plan, for the desks that act on it (check-in, visit scheduling)."""

    plan_id: int
    senior_id: int
    senior_name: str
    service_type_id: int
    service_name: str
    day_care: bool
    weekdays: frozenset[int]
    times_per_month: int | None
    staff_id: int | None
    staff_name: str
    start_on: dt.date  # the service's own start, or the plan's
    end_on: dt.date | None  # the service's own end, or the plan's

    @property
    def schedule_text(self) -> str:
        if self.weekdays:
            return weekdays_text(self.weekdays)
        return monthly_text(self.times_per_month) if self.times_per_month else ""
