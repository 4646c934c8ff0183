"""Demo care records: health, assessments with a trend, incidents and care plans, valid and deterministic.

One demo of 200 seniors is filled per module (the shape of ``make demo``'s 300, a little faster);
the checks read it back through the services, as the detail view and the due list do.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from carecenter import demo
from carecenter.actor import Actor, Role
from carecenter.care.assessments import AssessmentInfo
from carecenter.care.health import HealthInfo
from carecenter.care.incidents import IncidentInfo
from carecenter.care.plan_info import PlanInfo
from carecenter.clock import FixedClock
from carecenter.domain.vocab import CURRENT_STATUSES, IncidentKind, PlanStatus, StaffPosition
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorDetail
from tests.conftest import TODAY, scratch_database

N = 200
SEED = 2026
TWO_YEARS_AGO = TODAY - dt.timedelta(days=731)


@dataclass(frozen=True)
class Senior:
    detail: SeniorDetail
    health: HealthInfo
    assessments: list[AssessmentInfo]  # newest first
    incidents: list[IncidentInfo]
    plans: list[PlanInfo]

    @property
    def current(self) -> bool:
        return self.detail.status in CURRENT_STATUSES

    def gbt(self) -> list[AssessmentInfo]:
        """GB/T 42195 assessments, oldest first."""
        return [a for a in reversed(self.assessments) if a.instrument == "gbt42195"]


@dataclass(frozen=True)
class Demo:
    summary: demo.DemoSummary
    seniors: list[Senior]
    staff: dict[int, StaffPosition]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with scratch_database(tmp_path_factory.mktemp("demo_care")) as url:
        cc = CareCenter.open(url, FixedClock.on(TODAY), busy_timeout_s=0.2)
        try:
            admin = Actor("demo-test", Role.ADMIN)
            summary = demo.fill(cc, N, SEED, admin)
            seniors = [
                Senior(
                    cc.seniors.get(i, admin),
                    cc.health.get(i, admin),
                    cc.assessments.history(i, admin),
                    cc.incidents.for_senior(i, admin),
                    cc.care_plans.history(i, admin),
                )
                for i in sorted(cc.seniors.search_ids(statuses=None))
            ]
            yield Demo(summary, seniors, {s.id: s.position for s in cc.staff.list()})
        finally:
            cc.close()


def current(filled: Demo) -> list[Senior]:
    return [s for s in filled.seniors if s.current]


def test_the_summary_counts_what_was_written(filled: Demo) -> None:
    care = filled.summary.care
    assert care.staff == 5 and len(filled.staff) == 5
    assert care.assessments == sum(len(s.assessments) for s in filled.seniors)
    desk = filled.summary.desk.incidents  # the fall at home logged with a call (carecenter.demo_desk)
    assert care.incidents + desk == sum(len(s.incidents) for s in filled.seniors)
    assert care.plan_versions == sum(len(s.plans) for s in filled.seniors)
    assert care.health_records == sum(
        bool(s.health.conditions or s.health.family_doctor or s.health.fall_risk) for s in filled.seniors
    )


def test_a_realistic_share_is_assessed_and_only_current_seniors_have_care_records(filled: Demo) -> None:
    now = current(filled)
    assessed = [s for s in now if s.assessments]
    assert 0.75 <= len(assessed) / len(now) <= 0.95  # a center that uses the app: a few still to assess
    for s in filled.seniors:
        if not s.current:
            assert not (s.assessments or s.incidents or s.plans or s.health.conditions), s.detail.name


def test_assessments_are_dated_in_the_past_two_years_and_show_a_declining_trend(filled: Demo) -> None:
    trends = 0
    for s in current(filled):
        for a in s.assessments:
            assert TWO_YEARS_AGO <= a.assessed_on <= TODAY
            assert a.assessed_on >= s.detail.registered_on
            assert a.assessor1_id != a.assessor2_id
            assert filled.staff[a.assessor1_id] is StaffPosition.SOCIAL_WORKER
        series = s.gbt()
        totals = [a.total for a in series]
        assert totals == sorted(totals, reverse=True)  # abilities only decline in the demo
        days = [a.assessed_on for a in series]
        assert all((b - a).days >= 150 for a, b in itertools.pairwise(days))  # about every 6 months
        trends += len(series) >= 2
    assert trends >= 20
    barthel = [a for s in filled.seniors for a in s.assessments if a.instrument == "barthel"]
    assert len(barthel) >= 10
    levels = Counter(s.gbt()[-1].adjusted_level for s in current(filled) if s.gbt())
    assert len(levels) >= 4  # the latest levels spread over the bands


def test_barthel_agrees_with_the_gbt_form_of_the_same_day(filled: Demo) -> None:
    for s in filled.seniors:
        gbt = {a.assessed_on: a for a in s.assessments if a.instrument == "gbt42195"}
        for b in (a for a in s.assessments if a.instrument == "barthel"):
            same_day = gbt[b.assessed_on]
            if same_day.total == 90:
                assert b.total == 100
            if same_day.total <= 40:
                assert b.total <= 60


def test_incidents_include_falls_and_the_hospital_stays_of_the_status_history(filled: Demo) -> None:
    kinds = Counter(i.kind for s in filled.seniors for i in s.incidents)
    assert kinds[IncidentKind.FALL] >= 5 and kinds[IncidentKind.HOSPITAL] >= 3
    for s in current(filled):
        stays = [i for i in s.incidents if i.kind is IncidentKind.HOSPITAL]
        pauses = [h for h in s.detail.history if "院" in h.reason and h.status.value == "paused"]
        assert [i.occurred_on for i in stays] == sorted((h.effective_on for h in pauses), reverse=True)
        for stay in stays:
            assert stay.ended_on is None or stay.ended_on >= stay.occurred_on
            assert stay.ended_on is not None or s.detail.status.value == "paused"


def test_two_falls_before_an_assessment_make_the_level_one_worse(filled: Demo) -> None:
    adjusted = [a for s in filled.seniors for a in s.assessments if a.risk_incidents >= 2]
    assert adjusted
    for a in adjusted:
        assert a.adjusted and "2 次照护风险事件" in "".join(a.adjustment_reasons())


def test_plans_active_superseded_and_draft_with_the_usual_services(filled: Demo) -> None:
    statuses = Counter(p.status for s in filled.seniors for p in s.plans)
    assert statuses[PlanStatus.ACTIVE] >= 30
    assert statuses[PlanStatus.SUPERSEDED] >= 3
    assert statuses[PlanStatus.DRAFT] >= 1
    schedules: Counter[tuple[str, frozenset[int], int | None]] = Counter()
    for s in filled.seniors:
        active = [p for p in s.plans if p.status is PlanStatus.ACTIVE]
        assert len(active) <= 1
        for p in s.plans:
            assert p.needs and p.goals and p.review_on > p.start_on
            if p.status is not PlanStatus.DRAFT:
                assert (
                    p.signed_on == p.start_on and filled.staff[p.signed_by_staff_id or 0] is StaffPosition.SOCIAL_WORKER
                )
            for service in p.services:
                schedules[(service.service_name, service.weekdays, service.times_per_month)] += 1
                if service.staff_id is not None:
                    assert filled.staff[service.staff_id] is StaffPosition.CAREGIVER
        superseded = [p for p in s.plans if p.status is PlanStatus.SUPERSEDED]
        for old in superseded:
            newer = [p for p in s.plans if p.series_id == old.series_id and p.version > old.version]
            assert newer
    assert schedules[("日间托老", frozenset({1, 3, 5}), None)] >= 5  # Mon/Wed/Fri
    assert schedules[("助餐", frozenset(range(1, 6)), None)] >= 10  # weekdays
    assert schedules[("助浴", frozenset(), 2)] >= 5  # twice a month


def test_health_records_have_conditions_medications_and_family_doctors(filled: Demo) -> None:
    records = [s.health for s in current(filled) if s.health.conditions]
    assert len(records) >= 40
    conditions = Counter(c for h in records for c in h.conditions)
    assert conditions["高血压"] >= 20 and conditions["2型糖尿病"] >= 5
    assert sum(bool(h.medications) for h in records) >= 30
    assert sum(bool(h.family_doctor) for h in records) >= 20
    assert any(h.fall_risk for h in records) and any(h.dementia for h in records)
    diabetic = [s for s in current(filled) if s.health.conditions and "diabetic" in s.health.diet_flags]
    assert all("2型糖尿病" in s.health.conditions for s in diabetic)


def test_the_same_seed_gives_the_same_care_records(center: CareCenter, admin: Actor, tmp_path: object) -> None:
    demo.fill(center, 30, 9, admin, desk_weeks=0)  # the center fixture also checks every record is in the audit trail

    def records(cc: CareCenter) -> list[tuple[object, ...]]:
        out: list[tuple[object, ...]] = []
        for i in sorted(cc.seniors.search_ids(statuses=None)):
            out.append(
                (
                    cc.health.get(i, admin).as_input(),
                    [
                        (a.instrument, a.assessed_on, a.total, a.adjusted_level)
                        for a in cc.assessments.history(i, admin)
                    ],
                    [(x.kind, x.occurred_on, x.description) for x in cc.incidents.for_senior(i, admin)],
                    [(p.version, p.status, p.start_on, p.as_input()) for p in cc.care_plans.history(i, admin)],
                )
            )
        return out

    with scratch_database(tmp_path) as url:  # type: ignore[arg-type]
        twin = CareCenter.open(url, center.clock, busy_timeout_s=0.2)
        try:
            only = center.centers.list()[0]
            twin.centers.create(only.name, admin, code=only.code, address=only.address, phone=only.phone)
            demo.fill(twin, 30, 9, admin, desk_weeks=0)
            assert records(twin) == records(center)
        finally:
            twin.close()
