"""Demo front-desk weeks: day care, meals, visits, calls and activities, valid, deterministic, on their moments.

One small demo (60 seniors) is filled per module at 10:00 on the screenshots' day (a Sunday),
and a second one from the same seed to compare; the checks read everything back through the
desk's services, as its pages do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from carecenter import demo, demo_desk
from carecenter.actor import Actor, Role
from carecenter.clock import FixedClock
from carecenter.desk.attendance_dto import BoardState, DayCareBoard
from carecenter.desk.finder import ENDED
from carecenter.desk.visit_dto import SlotState, VisitSlot
from carecenter.desk.visit_schedule import monday_of
from carecenter.domain.desk_vocab import ActivityKind, BalanceEntryKind, Urgency
from carecenter.domain.months import first_day, shift
from carecenter.domain.vocab import IncidentKind, Status
from carecenter.facade import CareCenter
from carecenter.subsidies.months import StatusHistory
from tests.conftest import TODAY, assert_trail_complete, scratch_database

N = 60
SEED = 31
ADMIN = Actor("demo-test", Role.ADMIN)
NOW = dt.datetime(2026, 11, 22, 10, 0)
FIRST = TODAY - dt.timedelta(days=demo_desk.WEEKS * 7 - 1)
DAYS = [FIRST + dt.timedelta(days=i) for i in range((TODAY - FIRST).days + 1)]
MONTHS = sorted({first_day(d) for d in DAYS})


@dataclass(frozen=True)
class Filled:
    cc: CareCenter
    summary: demo_desk.DeskSummary
    center_id: int
    boards: dict[dt.date, DayCareBoard]
    histories: dict[int, StatusHistory]


def _fill(directory: Path) -> Iterator[tuple[CareCenter, demo.DemoSummary]]:
    with scratch_database(directory) as url:
        cc = CareCenter.open(url, FixedClock.on(TODAY, hour=10), busy_timeout_s=0.2)
        try:
            yield cc, demo.fill(cc, N, SEED, ADMIN)
        finally:
            cc.close()


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Filled]:
    for cc, summary in _fill(tmp_path_factory.mktemp("demo_desk")):
        center_id = cc.centers.list()[0].id
        boards = {day: cc.attendance.board(ADMIN, center_id, day) for day in DAYS}
        histories = {
            i: StatusHistory.of((h.effective_on, h.status) for h in cc.seniors.get(i, ADMIN).history)
            for i in cc.seniors.search_ids(statuses=None)
        }
        yield Filled(cc, summary.desk, center_id, boards, histories)


def test_every_kind_of_desk_record_is_there(filled: Filled) -> None:
    counts = dataclasses.asdict(filled.summary)
    assert counts.pop("weeks") == demo_desk.WEEKS
    assert counts.pop("staff_added") == 0  # the demo's team works for its one center
    assert {name: n for name, n in counts.items() if n <= 0} == {}
    assert filled.summary.voided_check_ins == 3 and filled.summary.voided_servings == 1
    assert filled.summary.incidents == 1


def test_the_summary_counts_what_the_services_list(filled: Filled) -> None:
    cc, s, c = filled.cc, filled.summary, filled.center_id
    assert sum(b.came for b in filled.boards.values()) == s.check_ins
    assert sum(b.walk_ins for b in filled.boards.values()) == s.walk_ins
    assert sum(sum(r.state is BoardState.VOIDED for r in b.rows) for b in filled.boards.values()) == 3
    assert sum(cc.meals.month_totals(ADMIN, c, m).all.served for m in MONTHS) == s.servings
    assert sum(cc.meals.month_totals(ADMIN, c, m).all.delivered for m in MONTHS) == s.delivered
    assert sum(cc.calls.month_counts(ADMIN, c, m).total for m in MONTHS) == s.calls
    ours = [a for m in [*MONTHS, shift(MONTHS[-1], 1)] for a in cc.activities.list(ADMIN, c, m) if not a.linked]
    assert len(ours) == s.activities
    assert sum(a.attendees for a in ours) == s.attendees


def test_the_same_seed_gives_the_same_weeks(filled: Filled, tmp_path_factory: pytest.TempPathFactory) -> None:
    for cc, summary in _fill(tmp_path_factory.mktemp("demo_desk_again")):
        assert summary.desk == filled.summary
        again = cc.attendance.board(ADMIN, filled.center_id, TODAY - dt.timedelta(days=9))
        first = filled.boards[TODAY - dt.timedelta(days=9)]
        assert [(r.senior_id, r.checked_in_at, r.checked_out_at) for r in again.rows] == [
            (r.senior_id, r.checked_in_at, r.checked_out_at) for r in first.rows
        ]


def test_seniors_come_on_their_planned_days_and_a_few_walk_in(filled: Filled) -> None:
    expected_came = expected = 0
    for day, board in filled.boards.items():
        for row in board.rows:
            if row.attendance is None or row.state is BoardState.VOIDED:
                continue
            assert filled.histories[row.senior_id].on(day) is Status.ACTIVE  # never in hospital, withdrawn, dead
            if day.isoweekday() <= 5 and day != TODAY:
                assert board.walk_ins <= 2
        expected += board.expected
        expected_came += sum(1 for r in board.rows if r.expected and r.attendance is not None and not r.walk_in)
    assert 0.75 < expected_came / expected < 0.95  # ~85% of the planned days


def test_times_read_like_a_day_at_the_desk(filled: Filled) -> None:
    corrected = 0
    for board in filled.boards.values():
        for row in board.rows:
            info = row.attendance
            if info is None or info.voided:
                continue
            if info.correction_reason:
                corrected += 1
                assert dt.time(7, 30) <= info.checked_in_at.time() <= dt.time(9, 32)
            else:
                assert dt.time(8, 0) <= info.checked_in_at.time() <= dt.time(9, 32)
            if info.checked_out_at is not None:
                assert dt.time(10, 30) <= info.checked_out_at.time() <= dt.time(17, 30)
                if not info.correction_reason:  # (更正时间 takes no pick-up: a forgotten one has none)
                    assert info.picked_up_by  # a family member, or 自行回家
                    assert info.updated_at == info.checked_out_at  # written at that minute
    assert corrected == filled.summary.time_corrections
    months = [filled.cc.attendance.month(ADMIN, filled.center_id, m) for m in MONTHS]
    assert sum(r.open_days for rows in months for r in rows) == 1  # one forgotten check-out was never put right


def test_at_ten_today_the_morning_is_there_and_lunch_is_to_come(filled: Filled) -> None:
    cc, c = filled.cc, filled.center_id
    board = filled.boards[TODAY]
    assert board.present >= 6 and board.left == 0
    came = [r for r in board.rows if r.attendance is not None]
    assert came and all(r.checked_in_at is not None and r.checked_in_at <= NOW for r in came)
    assert board.expected >= 1  # some plans say every day: Sunday has its expected seniors too
    assert cc.meals.orders(ADMIN, c, TODAY) and not cc.meals.servings(ADMIN, c, TODAY)
    assert cc.meals.orders(ADMIN, c, TODAY + dt.timedelta(days=1))
    assert next(m.dishes for m in cc.meals.menus(c, TODAY + dt.timedelta(days=1)) if m.id is not None)
    today = cc.today.summary(ADMIN, c)
    assert today.daycare_present == board.present and today.meals_served == 0
    assert today.visits_planned >= 1 and len(today.urgent_calls) == 1


def test_no_meal_for_a_senior_withdrawn_or_deceased_that_day(filled: Filled) -> None:
    served = 0
    for day in DAYS:
        for row in filled.cc.meals.servings(ADMIN, filled.center_id, day):
            status = filled.histories[row.senior_id].on(day)
            assert status is not None and status not in ENDED
            assert row.served_at.date() == day and dt.time(11, 0) <= row.served_at.time() <= dt.time(12, 30)
            served += 1
    assert served == filled.summary.servings


def test_prepaid_accounts_have_receipts_and_never_go_below_zero(filled: Filled) -> None:
    cc = filled.cc
    top_ups = 0
    for senior_id in filled.histories:
        lines = cc.meals.ledger(senior_id, ADMIN)
        assert all(line.balance_fen >= 0 and not line.overdrawn for line in lines)
        for line in lines:
            if line.kind is BalanceEntryKind.TOP_UP:
                top_ups += 1
                assert re.fullmatch(rf"SC{line.at:%Y%m}\d{{4}}", line.receipt_no)
    assert top_ups == filled.summary.top_ups


def _week_slots(filled: Filled) -> list[VisitSlot]:
    slots: list[VisitSlot] = []
    monday = monday_of(FIRST)
    while monday <= TODAY + dt.timedelta(days=7):
        slots.extend(filled.cc.visits.week(ADMIN, filled.center_id, monday).slots)
        monday += dt.timedelta(days=7)
    return slots


def test_visits_are_done_missed_or_cancelled_in_their_shares_and_the_coming_ones_planned(filled: Filled) -> None:
    slots = [s for s in _week_slots(filled) if s.visit_id is not None]
    done = [s for s in slots if s.state is SlotState.DONE]
    assert len(done) == filled.summary.visits_done
    assert all(30 <= (s.minutes or 0) <= 120 and s.ended_at is not None and s.ended_at <= NOW for s in done)
    missed = [s for s in slots if s.state is SlotState.MISSED]
    cancelled = [s for s in slots if s.state is SlotState.CANCELLED]
    assert (len(missed), len(cancelled)) == (filled.summary.visits_missed, filled.summary.visits_cancelled)
    assert all(s.status_reason for s in missed + cancelled)
    assert 0.8 < len(done) / len(done + missed + cancelled) < 0.95
    coming = [s for s in slots if s.state is SlotState.PLANNED]
    assert len(coming) == filled.summary.visits_planned and all(s.day >= TODAY for s in coming)
    work = {filled.cc.visits.get(s.visit_id, ADMIN).work_done for s in done[:20] if s.visit_id is not None}
    assert all(work) and len(work) > 3


def test_one_urgent_call_is_still_open_and_a_fall_was_logged_with_its_incident(filled: Filled) -> None:
    calls = filled.cc.calls.list(ADMIN, filled.center_id, FIRST, TODAY)
    still_open = [c for c in calls if c.is_open and c.urgent]
    assert len(still_open) == 1 and NOW - still_open[0].received_at < dt.timedelta(days=2)
    assert all(c.closing_note for c in calls if c.urgent and not c.is_open)
    falls = [c for c in calls if c.incident_kind is IncidentKind.FALL]
    assert len(falls) == 1 and falls[0].urgency is Urgency.URGENT and not falls[0].is_open
    assert all(c.received_at <= NOW and c.senior_id is not None for c in calls)


def test_activities_have_their_guests_once_held(filled: Filled) -> None:
    cc, c = filled.cc, filled.center_id
    for month in [*MONTHS, shift(MONTHS[-1], 1)]:
        for a in cc.activities.list(ADMIN, c, month):
            if a.linked:
                assert a.kind is ActivityKind.BIRTHDAY  # the party's own, attended on its page
            elif a.held_on >= TODAY:
                assert a.attendees == 0
            elif a.held_on >= FIRST:
                assert 8 <= a.attendees <= 25
                info = cc.activities.get(a.id, ADMIN)
                assert all(filled.histories[x.senior_id].on(a.held_on) is Status.ACTIVE for x in info.attendees)


def test_every_record_is_in_the_audit_trail(filled: Filled) -> None:
    assert_trail_complete(filled.cc)
