"""The today page's numbers: the front desk's day at a glance, each number the size of its list.

One call gathers what the desk needs at opening time and through the day: who is at day
care of those expected, meals ordered and served, visits planned/done/missed, the open
calls (urgent ones stay until closed, whatever day they came in), today's birthdays and,
for those who assess, the reassessments due. Each part comes from the service that owns
the list it summarises, so the number and the list it opens can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carecenter.actor import Actor
from carecenter.birthdays.month_list import BirthdayRow
from carecenter.birthdays.parties import BirthdayService
from carecenter.care.due import DueKind, DueService
from carecenter.clock import Clock
from carecenter.desk.attendance import AttendanceService
from carecenter.desk.call_dto import CallInfo
from carecenter.desk.calls import CallService
from carecenter.desk.visits import VisitService
from carecenter.domain.desk_vocab import Urgency
from carecenter.domain.months import first_day
from carecenter.meals.service import MealService
from carecenter.permissions import Permission, allowed

ASSESSMENT_KINDS = frozenset({DueKind.REASSESSMENT, DueKind.NEVER_ASSESSED})


@dataclass(frozen=True)
class TodaySummary:
    """What the today page shows for one center (or all) on one day.

    ``assessments_due`` is None for roles that do not assess (the number would open a list
    they may not see).
    """

    day: dt.date
    daycare_present: int
    daycare_expected: int
    daycare_left: int
    daycare_not_arrived: int
    meals_ordered: int
    meals_served: int
    visits_planned: int
    visits_done: int
    visits_missed: int
    visits_open: int
    open_calls: tuple[CallInfo, ...]  # urgent first
    birthdays: tuple[BirthdayRow, ...]
    assessments_due: int | None

    @property
    def urgent_calls(self) -> tuple[CallInfo, ...]:
        return tuple(c for c in self.open_calls if c.urgency is Urgency.URGENT)


class TodayBoard:
    """``cc.today``: the summary behind the today page (reads only)."""

    def __init__(
        self,
        clock: Clock,
        attendance: AttendanceService,
        meals: MealService,
        visits: VisitService,
        calls: CallService,
        birthdays: BirthdayService,
        due: DueService,
    ) -> None:
        self._clock = clock
        self._attendance = attendance
        self._meals = meals
        self._visits = visits
        self._calls = calls
        self._birthdays = birthdays
        self._due = due

    def summary(self, actor: Actor, center_id: int | None = None) -> TodaySummary:
        day = self._clock.today()
        board = self._attendance.board(actor, center_id, day)
        ordered, served = self._meals.day_counts(actor, center_id, day)
        visits = self._visits.day_counts(actor, center_id, day)
        birthdays = tuple(self._birthdays.month_list(actor, first_day(day), center_id, on_day=day))
        due = None
        if allowed(actor, Permission.ASSESSMENTS):
            items = self._due.items(actor, center_id, horizon_days=0)
            due = sum(1 for item in items if item.kind in ASSESSMENT_KINDS)
        return TodaySummary(
            day=day,
            daycare_present=board.present,
            daycare_expected=board.expected,
            daycare_left=board.left,
            daycare_not_arrived=board.not_arrived,
            meals_ordered=ordered,
            meals_served=served,
            visits_planned=visits.planned,
            visits_done=visits.done,
            visits_missed=visits.missed,
            visits_open=visits.open,
            open_calls=tuple(self._calls.open_calls(actor, center_id)),
            birthdays=birthdays,
            assessments_due=due,
        )
