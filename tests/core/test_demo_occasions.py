"""Demo parties and rosters: half a year of 集体生日会 and approved subsidy rosters, as a center would have them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from carecenter import demo
from carecenter.actor import Actor, Role
from carecenter.birthdays.parties_dto import PartyInfo
from carecenter.clock import FixedClock
from carecenter.domain.months import shift
from carecenter.facade import CareCenter
from carecenter.subsidies.rosters import ApprovedMonth
from tests.conftest import TODAY, scratch_database

N = 120
SEED = 11
ADMIN = Actor("demo-test", Role.ADMIN)
PAST = [dt.date(2026, m, 1) for m in range(5, 11)]  # May … October 2026; today is 22 November


@dataclass(frozen=True)
class Filled:
    summary: demo.DemoSummary
    parties: list[PartyInfo]  # oldest first
    approved: list[ApprovedMonth]  # newest first
    differences: list[int]  # per approved month: changes between the snapshot and a recomputation


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Filled]:
    with scratch_database(tmp_path_factory.mktemp("demo_occasions")) as url:
        cc = CareCenter.open(url, FixedClock.on(TODAY), busy_timeout_s=0.2)
        try:
            summary = demo.fill(cc, N, SEED, ADMIN, desk_weeks=0)
            center_id = cc.centers.list()[0].id
            parties = [cc.birthdays.get(p.id, ADMIN) for p in reversed(cc.birthdays.list(ADMIN, center_id))]
            approved = cc.subsidy_rosters.approved_months(ADMIN, center_id)
            differences = []
            for m in approved:
                diff = cc.subsidy_rosters.differences(ADMIN, center_id, m.month)
                assert diff is not None
                differences.append(len(diff.changes))
            yield Filled(summary, parties, approved, differences)
        finally:
            cc.close()


def test_a_party_each_month_held_on_its_last_friday(filled: Filled) -> None:
    assert [p.month for p in filled.parties] == [*PAST, dt.date(2026, 11, 1)]
    assert all(p.held_on.weekday() == 4 and p.held_on.month == p.month.month for p in filled.parties)
    assert filled.summary.occasions.parties == 7
    assert filled.summary.occasions.guests == sum(len(p.guests) for p in filled.parties)


def test_past_parties_have_attendance_and_gifts_and_this_months_is_still_to_come(filled: Filled) -> None:
    *past, upcoming = filled.parties
    for party in past:
        assert party.guests, party.month
        came = [g for g in party.guests if g.attended]
        assert len(came) >= len(party.guests) // 2
        assert all(g.gift for g in came)
        assert all(g.gift == "寿桃礼盒" for g in came if g.milestone)
        assert all(g.removed_reason for g in party.guests if g.removed)
    assert upcoming.held_on == dt.date(2026, 11, 27) and upcoming.attended == 0
    assert upcoming.guests and not any(g.removed for g in upcoming.guests)


def test_past_months_are_approved_a_few_days_after_they_ended_and_are_what_they_were(filled: Filled) -> None:
    assert [m.month for m in filled.approved] == list(reversed(PAST))
    for m in filled.approved:
        ended = shift(m.month, 1)
        assert ended + dt.timedelta(days=2) <= m.approved_at.date() <= ended + dt.timedelta(days=6)
        assert m.grants > 0 and m.total_fen > 0 and m.approved_by == "demo-test"
    assert filled.differences == [0] * len(PAST)
    assert filled.summary.occasions.rosters == len(PAST)
