"""The demo desk's shared parts: the queue of writes in time order, the seniors and staff of a center, the summary.

:mod:`carecenter.demo_desk` fills the desk's weeks; the day's work is drawn in it (day care,
meals) and in :mod:`carecenter.demo_desk_work` (visits, calls, activities), both on top of
the :class:`Desk` here. Every write is queued for its moment and run in time order by a
second ``CareCenter`` on the same engine whose :class:`FixedClock` is set to that minute, so
the audit trail reads like real work; nothing is written after the current moment.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from carecenter.actor import Actor
from carecenter.clock import CENTER_TZ, FixedClock
from carecenter.domain.vocab import CareLevel, DietFlag, Status
from carecenter.facade import CareCenter
from carecenter.seniors.dto import Contact, SeniorDetail
from carecenter.subsidies.months import StatusHistory

# A minute of a day, as (hour, minute).
HM = tuple[int, int]


@dataclass
class DeskSummary:
    """What ``fill_desk`` wrote, per kind of record.

    ``check_ins`` counts the live check-ins (walk-ins among them), ``servings`` the live meals
    (delivered and without order among them); the mistakes a desk makes and puts right are
    counted apart (``voided_check_ins``, ``time_corrections``, ``cancelled_orders``,
    ``voided_servings``). ``visits_planned`` are the visits booked ahead and not yet due.
    """

    weeks: int = 0
    check_ins: int = 0
    walk_ins: int = 0
    time_corrections: int = 0
    voided_check_ins: int = 0
    menus: int = 0
    orders: int = 0
    cancelled_orders: int = 0
    servings: int = 0
    delivered: int = 0
    without_order: int = 0
    voided_servings: int = 0
    top_ups: int = 0
    visits_done: int = 0
    visits_missed: int = 0
    visits_cancelled: int = 0
    visits_planned: int = 0
    calls: int = 0
    urgent_calls: int = 0
    incidents: int = 0
    activities: int = 0
    attendees: int = 0
    staff_added: int = 0


@dataclass(frozen=True)
class Person:
    """A senior as the demo desk needs them: who, what to cook, whom to call, and the status on each day."""

    id: int
    center_id: int
    name: str
    age: int
    care_level: CareLevel | None
    diet_flags: frozenset[DietFlag]
    phone: str
    contacts: tuple[Contact, ...]
    history: StatusHistory

    @classmethod
    def of(cls, d: SeniorDetail) -> Person:
        history = StatusHistory.of((h.effective_on, h.status) for h in d.history)
        phone = d.phones[0] if d.phones else ""
        return cls(d.id, d.center_id, d.name, d.age, d.care_level, d.diet_flags, phone, d.contacts, history)

    def active(self, day: dt.date) -> bool:
        """在册 on ``day``: registered, and neither paused (in hospital) nor 退出/去世."""
        return self.history.on(day) is Status.ACTIVE

    def status(self, day: dt.date) -> Status | None:
        return self.history.on(day)

    @property
    def frail(self) -> bool:
        return self.age >= 88 or self.care_level in (CareLevel.SEVERE, CareLevel.TOTAL)


@dataclass
class Center:
    """One center's seniors and staff, and who the day care plan brings in on each day (for the activities)."""

    id: int
    people: list[Person]
    carers: list[int]  # active staff for home visits and meal deliveries
    workers: list[int]  # active staff who run activities
    present: dict[dt.date, list[int]] = field(default_factory=dict)
    fans: set[int] = field(default_factory=set)  # seniors the care plans expect at day care on some day

    def active_on(self, day: dt.date) -> list[Person]:
        return [p for p in self.people if p.active(day)]


class Desk:
    """One fill: the queue of writes in time order, the writing ``CareCenter`` and its clock, the summary."""

    def __init__(self, cc: CareCenter, seed: int, actor: Actor, weeks: int) -> None:
        self.reader = cc  # reads at the real moment (plans, expected seniors, the week's visits)
        self.actor = actor
        self.rng = random.Random(f"desk:{seed}")
        self.now = cc.clock.now().astimezone(CENTER_TZ).replace(tzinfo=None, second=0, microsecond=0)
        self.today = self.now.date()
        self.first = self.today - dt.timedelta(days=weeks * 7 - 1)
        self.clock = FixedClock(cc.clock.now())
        self.cc = CareCenter(cc.engine, self.clock)
        self.summary = DeskSummary(weeks=weeks)
        self._queue: list[tuple[dt.datetime, int, Callable[[], None]]] = []
        self._order = 0  # ties at the same minute run in the order they were queued
        self._rounds: dict[tuple[int, dt.date], dt.datetime] = {}  # (staff, day) -> free again at

    def days(self, last: dt.date | None = None) -> list[dt.date]:
        """The window's days, oldest first: from ``first`` to ``last`` (today)."""
        span = ((last or self.today) - self.first).days
        return [self.first + dt.timedelta(days=i) for i in range(span + 1)]

    def at(self, when: dt.datetime, run: Callable[[], None], ahead: bool = False) -> bool:
        """Queue ``run`` for ``when``; a moment still to come is dropped, or with ``ahead`` done now instead."""
        if when > self.now:
            if not ahead:
                return False
            when = self.now
        heapq.heappush(self._queue, (when, self._order, run))
        self._order += 1
        return True

    def run(self) -> None:
        """Write everything queued, in time order, each with the clock at its moment (events may queue more)."""
        while self._queue:
            when, _key, run = heapq.heappop(self._queue)
            self.clock.current = when.replace(tzinfo=CENTER_TZ)
            run()

    def moment(self, day: dt.date, start: HM, end: HM, step: int = 1) -> dt.datetime:
        """A random minute of ``day`` from ``start`` to ``end`` (both included), on a multiple of ``step``."""
        first, last = start[0] * 60 + start[1], end[0] * 60 + end[1]
        minute = self.rng.randrange(first, last + 1, step) if last > first else first
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)

    def round_start(self, day: dt.date, minutes: int, staff_ids: list[int]) -> tuple[dt.datetime, int] | None:
        """When and by whom a home visit of ``minutes`` is made on ``day``: the first of ``staff_ids`` (the one
        assigned, then colleagues) whose round still has room; None when everyone's day is full. A round
        begins at 8:30–9:00, each visit after the one before with 10–30 minutes on the way, the last one
        starting by 16:30.
        """
        for staff_id in staff_ids:
            start = self._rounds.get((staff_id, day)) or self.moment(day, (8, 30), (9, 0), step=5)
            if start.time() <= dt.time(16, 30):
                self._rounds[(staff_id, day)] = start + dt.timedelta(minutes=minutes + self.rng.randrange(10, 35, 5))
                return start, staff_id
        return None

    def pick(self, people: list[Person], k: int, weight: Callable[[Person], float]) -> list[Person]:
        """``k`` of ``people`` drawn by weight without repeats (Efraimidis-Spirakis), in drawn order."""
        keyed = sorted(people, key=lambda p: self.rng.random() ** (1.0 / max(weight(p), 1e-6)), reverse=True)
        return keyed[: max(0, k)]
