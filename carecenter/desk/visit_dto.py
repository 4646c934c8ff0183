"""What 九助 home-care visits look like outside the core: the forms' input, a stored visit, the week, the counts.

``VisitInput`` is the visit form (a done visit); ``VisitPlanInput`` an ad-hoc visit
planned ahead. ``VisitSlot`` is one line of the week's schedule: a weekday slot of a care
plan (recorded or still open) or a visit recorded apart from the weekdays. A slot not yet
recorded has no row in the database: it is named by :class:`SlotKey` (planned service and
day), and recording, missing or cancelling it creates the row.

Times are naive center time (Asia/Shanghai), as stored. Durations are whole minutes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carecenter.domain.desk_vocab import Confirmation, VisitPlace, VisitStatus
from carecenter.domain.vocab import Vocab
from carecenter.i18n import N_, _

MEALS_CODE = "meals"  # 助餐: served at the meal desk and counted from its servings, never recorded as a visit
MAX_MINUTES = 12 * 60  # a visit longer than 12 hours is a typing mistake

FIELD_LABELS: dict[str, str] = {
    "visit": N_("Home visit"),
    "senior_id": N_("Senior"),
    "service_type_id": N_("Service type"),
    "staff_id": N_("Visiting staff"),
    "day": N_("Date of the visit"),
    "started_at": N_("Start time"),
    "ended_at": N_("End time"),
    "minutes": N_("Duration (minutes)"),
    "place": N_("Place of service"),
    "work_done": N_("Service content"),
    "confirmation": N_("Confirmation"),
    "confirmed_by_name": N_("Confirmed by"),
    "planned_service_id": N_("Planned visit"),
    "status_reason": N_("Reason"),
}


class SlotState(Vocab):
    """Where a line of the week stands: still to do (overdue once its day is past), done, missed, cancelled."""

    PLANNED = "planned", N_("Scheduled")
    OVERDUE = "overdue", N_("Overdue")
    DONE = "done", N_("Done")
    MISSED = "missed", N_("Missed")
    CANCELLED = "cancelled", N_("Cancelled")

    @property
    def open(self) -> bool:
        """Still to be done (or recorded as missed / cancelled)."""
        return self in (SlotState.PLANNED, SlotState.OVERDUE)


def state_of(status: VisitStatus, day: dt.date, today: dt.date) -> SlotState:
    if status is VisitStatus.PLANNED:
        return SlotState.OVERDUE if day < today else SlotState.PLANNED
    return SlotState.of(status.value)


def hours_text(minutes: int | None) -> str:
    """12.5 (hours, one decimal); '' when there are no hours (助餐)."""
    if minutes is None:
        return ""
    return _("{h} h").format(h=f"{minutes / 60:.1f}")


def clock_text(moment: dt.datetime | None) -> str:
    return moment.strftime("%H:%M") if moment is not None else ""


# ---- input -------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitInput:
    """The visit form: a visit that took place. Give ``ended_at`` or ``minutes`` (or both, agreeing).

    ``planned_service_id`` names the care plan's service it fulfils (None: ad hoc, allowed).
    ``confirmed_by_name`` matters only with a confirmation (required for 家属确认).
    """

    senior_id: int
    service_type_id: int
    staff_id: int
    day: dt.date
    started_at: dt.datetime | None
    ended_at: dt.datetime | None = None
    minutes: int | None = None
    place: VisitPlace = VisitPlace.HOME
    work_done: str = ""
    confirmation: Confirmation = Confirmation.NONE
    confirmed_by_name: str = ""
    planned_service_id: int | None = None


@dataclass(frozen=True)
class VisitPlanInput:
    """An ad-hoc visit planned for today or later (not from a care plan), optionally at a time, with a note."""

    senior_id: int
    service_type_id: int
    staff_id: int
    day: dt.date
    at: dt.time | None = None
    place: VisitPlace = VisitPlace.HOME
    notes: str = ""


@dataclass(frozen=True)
class SlotKey:
    """A care plan's weekday slot not yet recorded: its planned service and its day."""

    planned_service_id: int
    day: dt.date


# ---- a stored visit ---------------------------------------------------------------------


@dataclass(frozen=True)
class VisitInfo:
    id: int
    senior_id: int
    senior_name: str
    member_no: str
    center_id: int
    service_type_id: int
    service_name: str
    staff_id: int
    staff_name: str
    planned_service_id: int | None
    day: dt.date
    status: VisitStatus
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    minutes: int | None
    place: VisitPlace
    work_done: str
    confirmation: Confirmation
    confirmed_by_name: str
    status_reason: str
    voided: bool
    void_reason: str
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    version: int  # the edit version: the visit form sends it back as ``expected_version``


# ---- the week --------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitSlot:
    """One line of the week: a plan's weekday slot (``from_plan``) or a visit recorded or planned apart from it.

    ``visit_id`` is None while a plan slot is not recorded; ``staff_id`` None is 未指派.
    """

    day: dt.date
    senior_id: int
    senior_name: str
    member_no: str
    address: str
    phone: str
    service_type_id: int
    service_name: str
    staff_id: int | None
    staff_name: str
    planned_service_id: int | None
    visit_id: int | None
    from_plan: bool
    state: SlotState
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    minutes: int | None
    status_reason: str

    @property
    def key(self) -> SlotKey | None:
        """How to name a plan slot that has no row yet (None once recorded, or for other visits)."""
        if self.visit_id is None and self.planned_service_id is not None:
            return SlotKey(self.planned_service_id, self.day)
        return None

    @property
    def target(self) -> int | SlotKey:
        """What ``miss``/``cancel`` take: the visit's id, or the slot's key."""
        if self.visit_id is not None:
            return self.visit_id
        assert self.planned_service_id is not None
        return SlotKey(self.planned_service_id, self.day)

    @property
    def time_text(self) -> str:
        """09:00–10:30 for a done visit, 09:00 for one planned at a time, '' otherwise."""
        if self.state is SlotState.DONE and self.started_at is not None and self.ended_at is not None:
            return f"{clock_text(self.started_at)}–{clock_text(self.ended_at)}"
        return clock_text(self.started_at)


@dataclass(frozen=True)
class MonthlyService:
    """A care plan's service given a number of times a month (助浴 2 次/月), with how many are done so far."""

    planned_service_id: int
    senior_id: int
    senior_name: str
    member_no: str
    address: str
    phone: str
    service_type_id: int
    service_name: str
    staff_id: int | None
    staff_name: str
    times: int
    done: int

    @property
    def progress_text(self) -> str:
        return _("Planned {n} times this month, {x} done").format(n=self.times, x=self.done)


@dataclass(frozen=True)
class StaffWeek:
    staff_id: int | None  # None: 未指派
    staff_name: str
    slots: tuple[VisitSlot, ...]


@dataclass(frozen=True)
class WeekSchedule:
    """A week (Monday to Sunday) of home visits; ``month`` is the month its Thursday is in (its monthly services)."""

    monday: dt.date
    today: dt.date
    month: dt.date
    slots: tuple[VisitSlot, ...]  # by day, staff member (未指派 last), time, senior
    monthly: tuple[MonthlyService, ...]

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def by_staff(self) -> list[StaffWeek]:
        """The week per staff member, by name, 未指派 last."""
        groups: dict[int | None, list[VisitSlot]] = {}
        names: dict[int | None, str] = {}
        for slot in self.slots:
            groups.setdefault(slot.staff_id, []).append(slot)
            names[slot.staff_id] = slot.staff_name
        order = sorted(groups, key=lambda i: (i is None, names[i], i or 0))
        return [StaffWeek(i, names[i], tuple(groups[i])) for i in order]

    def on(self, day: dt.date) -> list[VisitSlot]:
        return [s for s in self.slots if s.day == day]


# ---- counts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DayVisitCounts:
    """A day's visits for the today page.

    ``planned``: the care plans' slots of the day (whatever became of them) plus ad-hoc visits
    still planned; ``done`` / ``missed`` / ``cancelled``: live visits of the day in that state;
    ``open``: what is still to do (slots not recorded and ad-hoc visits still planned).
    """

    planned: int
    done: int
    missed: int
    cancelled: int
    open: int


@dataclass(frozen=True)
class TypeCount:
    """One service type's month: 人次 (visits), their minutes (None for 助餐: no hours), and seniors served."""

    service_type_id: int
    code: str
    name: str
    visits: int
    minutes: int | None
    seniors: int

    @property
    def hours_text(self) -> str:
        return hours_text(self.minutes)


@dataclass(frozen=True)
class StaffCount:
    staff_id: int
    name: str
    visits: int
    minutes: int

    @property
    def hours_text(self) -> str:
        return hours_text(self.minutes)


@dataclass(frozen=True)
class MonthVisitCounts:
    """A month's 九助 counts: per service type (助餐 from the meals served), per staff member, and people.

    ``seniors`` counts each senior once, whether visited, served a meal, or both.
    """

    month: dt.date
    by_type: tuple[TypeCount, ...]
    by_staff: tuple[StaffCount, ...]
    seniors: int
    missed: int

    @property
    def visits(self) -> int:
        """Every 人次 of the month, meals included."""
        return sum(t.visits for t in self.by_type)

    @property
    def minutes(self) -> int:
        """The hours of the home visits (meals have none)."""
        return sum(t.minutes or 0 for t in self.by_type)

    @property
    def home_visits(self) -> int:
        """The visits themselves: every type's 人次 but 助餐's (the meals served)."""
        return sum(t.visits for t in self.by_type if t.code != MEALS_CODE)

    def of_type(self, code: str) -> TypeCount | None:
        return next((t for t in self.by_type if t.code == code), None)
