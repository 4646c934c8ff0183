"""Demo data: deterministic from a seed, valid by every rule, and shaped like a real Zhengzhou roster.

The big roster (300 seniors, the size of ``make demo``) is filled once per module into
its own empty database, on the same backend as the rest of the suite.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from carecenter import demo, demo_data
from carecenter.actor import Actor, Role
from carecenter.centers import CenterInfo
from carecenter.clock import FixedClock
from carecenter.domain import idnumber
from carecenter.domain.text import PHONE_RE
from carecenter.domain.vocab import Category, Gender, Status
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorDetail, SeniorInput, SeniorRow
from tests.conftest import TODAY, scratch_database
from tests.core.helpers import an_id

N = 300
SEED = 2026


@dataclass(frozen=True)
class Roster:
    summary: demo.DemoSummary
    centers: list[CenterInfo]
    rows: list[SeniorRow]
    details: list[SeniorDetail]


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Roster]:
    """300 demo seniors filled into a database that had no center yet."""
    with scratch_database(tmp_path_factory.mktemp("demo")) as url:
        cc = CareCenter.open(url, FixedClock.on(TODAY), busy_timeout_s=0.2)
        try:
            admin = Actor("demo-test", Role.ADMIN)
            summary = demo.fill(cc, N, SEED, admin, desk_weeks=0)
            ids = sorted(cc.seniors.search_ids(statuses=None))
            yield Roster(
                summary,
                cc.centers.list(),
                cc.seniors.rows(ids, admin, full_ids=True),
                [cc.seniors.get(i, admin) for i in ids],
            )
        finally:
            cc.close()


def share(count: int, total: int = N) -> float:
    return count / total


def valid_today(detail: SeniorDetail, category: Category) -> bool:
    return any(p.category == category and p.valid_on(TODAY) for p in detail.categories)


# ---- the big roster ----------------------------------------------------------------------------


def test_fills_n_seniors_with_valid_unique_ids(roster: Roster) -> None:
    assert roster.summary.seniors == N == len(roster.rows)
    numbers = [r.id_number for r in roster.rows]
    assert len(set(numbers)) == N
    for number in numbers:
        assert idnumber.parse(number, TODAY).number == number


def test_creates_one_realistic_center_when_there_is_none(roster: Roster) -> None:
    assert roster.summary.centers_created == 1
    (only,) = roster.centers
    assert only.code == "C001" and only.name.endswith("日间照料中心")
    assert only.address.startswith("郑州市") and only.phone.startswith("0371-")
    assert only.seniors == N


def test_ages_spread_like_a_real_center(roster: Roster) -> None:
    ages = [r.age for r in roster.rows]
    assert min(ages) >= 60 and max(ages) <= 103
    assert share(sum(70 <= a < 90 for a in ages)) > 0.6
    assert 3 <= sum(a >= 95 for a in ages) <= 25  # a handful
    assert any(a >= 100 for a in ages)


def test_gender_comes_from_the_id_and_women_are_slightly_more(roster: Roster) -> None:
    for row in roster.rows:
        odd = int(row.id_number[16]) % 2 == 1
        assert row.gender == (Gender.MALE if odd else Gender.FEMALE)
    assert 0.48 <= share(sum(r.gender == Gender.FEMALE for r in roster.rows)) <= 0.64


def test_zhengzhou_region_codes_dominate(roster: Roster) -> None:
    regions = Counter(r.id_number[:4] for r in roster.rows)
    assert share(regions["4101"]) > 0.75
    assert any(code.startswith("41") and code != "4101" for code in regions)  # other Henan cities


def test_names_look_like_names_of_that_generation(roster: Roster) -> None:
    names = [r.name for r in roster.rows]
    assert all(2 <= len(n) <= 4 for n in names)
    surnames = Counter(n[0] for n in names)
    assert {s for s, _count in surnames.most_common(4)} & {"王", "李", "张", "刘"}
    assert 0.15 <= share(sum(len(n) == 2 for n in names)) <= 0.45  # one-character given names


def test_categories_at_realistic_rates(roster: Roster) -> None:
    counts = Counter(c for r in roster.rows for c in r.categories)
    assert 0.25 <= share(counts[Category.EMPTY_NEST]) <= 0.45
    assert 0.06 <= share(counts[Category.LIVING_ALONE]) <= 0.18
    assert 0.02 <= share(counts[Category.DIBAO]) <= 0.11
    assert 0.02 <= share(counts[Category.DISABLED]) <= 0.11
    assert share(counts[Category.LOW_INCOME]) <= 0.09
    assert share(counts[Category.TEKUN] + counts[Category.GUGUA] + counts[Category.SHIDU]) <= 0.09
    assert len(counts) >= 7


def test_dibao_is_certified_for_the_calendar_year(roster: Roster) -> None:
    periods = [p for d in roster.details for p in d.categories if p.category == Category.DIBAO]
    assert periods
    for p in periods:
        assert p.valid_from is not None and p.valid_to is not None
        assert (p.valid_from.month, p.valid_from.day, p.valid_to.month, p.valid_to.day) == (1, 1, 12, 31)
        assert p.valid_from.year == p.valid_to.year
    assert any(not p.valid_on(TODAY) for p in periods)  # earlier years stay as history


def test_households_are_consistent(roster: Roster) -> None:
    for d in roster.details:
        relations = {c.relation for c in d.contacts}
        if valid_today(d, Category.LIVING_ALONE) or valid_today(d, Category.GUGUA):
            assert "配偶" not in relations, d.name
        if valid_today(d, Category.GUGUA) or valid_today(d, Category.SHIDU):
            assert not relations & {"儿子", "女儿"}, d.name
        if valid_today(d, Category.GUGUA):
            assert valid_today(d, Category.LIVING_ALONE)
        assert len(d.contacts) <= 3


def test_registration_after_sixtieth_birthday_and_within_six_years(roster: Roster) -> None:
    for d in roster.details:
        assert d.registered_on <= TODAY
        assert d.registered_on >= TODAY.replace(year=TODAY.year - 6)
        assert idnumber.age_on(d.birth_date, d.registered_on) >= 60


def test_statuses_spread_with_plausible_dates(roster: Roster) -> None:
    by_status = Counter(r.status for r in roster.rows)
    assert dict(roster.summary.by_status) == {s: by_status.get(s, 0) for s in Status}
    assert 0.85 <= share(by_status[Status.ACTIVE]) <= 0.97
    assert all(by_status[s] >= 1 for s in (Status.PAUSED, Status.WITHDRAWN, Status.DECEASED))
    assert any(len(d.history) > 2 and d.status == Status.ACTIVE for d in roster.details)  # back from hospital
    for d in roster.details:
        dates = [h.effective_on for h in d.history]
        assert dates[0] == d.registered_on
        assert dates == sorted(dates) and dates[-1] <= TODAY


def test_communities_addresses_and_phones(roster: Roster) -> None:
    profile = next(p for p in demo_data.CENTER_PROFILES if p.name == roster.centers[0].name)
    served = {c.name for c in profile.communities}
    for d in roster.details:
        assert d.community in served
        assert d.address.startswith(profile.district) and "单元" in d.address
        for phone in d.phones + tuple(c.phone for c in d.contacts):
            assert PHONE_RE.match(phone), phone
            assert phone.startswith("0371-6") or (
                len(phone) == 11 and phone[:2] in {"13", "15", "16", "17", "18", "19"}
            )
    assert share(sum(bool(d.phones) for d in roster.details)) > 0.8


# ---- determinism, refusals, several centers -------------------------------------------------


def test_same_seed_gives_the_same_seniors(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    demo.fill(center, 40, 7, admin, desk_weeks=0)
    with scratch_database(tmp_path) as url:
        twin = CareCenter.open(url, center.clock, busy_timeout_s=0.2)
        try:
            only = center.centers.list()[0]
            twin.centers.create(only.name, admin, code=only.code, address=only.address, phone=only.phone)
            demo.fill(twin, 40, 7, admin, desk_weeks=0)
            ids = center.seniors.search_ids(statuses=None)
            assert len(ids) == 40
            assert twin.seniors.search_ids(statuses=None) == ids
            assert [twin.seniors.get(i, admin) for i in ids] == [center.seniors.get(i, admin) for i in ids]
        finally:
            twin.close()


def test_a_different_seed_gives_different_seniors() -> None:
    centers = [CenterInfo(1, "C001", "金水区文化路街道日间照料中心", "郑州市金水区文化路 97 号", "", 0)]
    first = demo.plan(50, 1, TODAY, centers)
    assert demo.plan(50, 1, TODAY, centers) == first
    other = demo.plan(50, 2, TODAY, centers)
    assert {p.data.id_number for p in other}.isdisjoint({p.data.id_number for p in first})
    assert [p.data.name for p in other] != [p.data.name for p in first]


def test_refuses_a_database_that_holds_seniors_and_writes_nothing(center: CareCenter, admin: Actor) -> None:
    center.seniors.create(SeniorInput(name="张桂兰", id_number=an_id(dt.date(1945, 3, 2))), admin)
    with pytest.raises(CareCenterError) as refused:
        demo.fill(center, 20, 1, admin, desk_weeks=0)
    assert "已有 1 位老人" in str(refused.value)
    assert center.seniors.count() == 1
    assert len(center.centers.list()) == 1


def test_a_second_fill_is_refused(empty_center: CareCenter, admin: Actor) -> None:
    summary = demo.fill(empty_center, 12, 3, admin, desk_weeks=0)
    assert (summary.centers_created, summary.seniors) == (1, 12)
    with pytest.raises(CareCenterError, match="演示数据"):
        demo.fill(empty_center, 12, 4, admin, desk_weeks=0)
    assert empty_center.seniors.count() == 12
    assert len(empty_center.centers.list()) == 1


def test_seniors_spread_over_existing_centers(center: CareCenter, admin: Actor) -> None:
    hui = center.centers.create("北下街日间照料中心", admin, code="C002", address="管城回族区北下街 56 号")
    summary = demo.fill(center, 80, 5, admin, desk_weeks=0)
    assert summary.centers_created == 0
    counts = {c.code: c.seniors for c in center.centers.list()}
    assert counts["C001"] > 10 and counts["C002"] > 10 and sum(counts.values()) == 80
    north = {c.name for c in next(p for p in demo_data.CENTER_PROFILES if p.street == "北下街街道").communities}
    assert {r.community for r in center.seniors.list(admin, center_id=hui.id, statuses=None)} <= north


def test_a_large_roster_has_the_tricky_surnames_and_halal_diets() -> None:
    centers = [CenterInfo(1, "C001", "管城回族区北下街街道日间照料中心", "", "", 0)]
    roster = demo.plan(3000, 11, TODAY, centers)
    surnames = {p.data.name[:1] for p in roster} | {p.data.name[:2] for p in roster}
    assert len(surnames & {"单", "解", "仇", "查", "盖", "翟", "曾", "区", "朴", "尉迟"}) >= 4
    halal = sum(any(f.value == "halal" for f in p.data.diet_flags) for p in roster)
    assert 0.08 <= halal / 3000 <= 0.3  # the Hui community near 北下街
    assert len({p.data.id_number for p in roster}) == 3000
