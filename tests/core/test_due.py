"""The due list (待办): reassessments by months and after incidents, first assessments, plan dates, no plan."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInput
from carecenter.care.due import DueItem, DueKind, latest_start
from carecenter.care.incidents import IncidentInput
from carecenter.care.plan_info import PlanInput
from carecenter.clock import FixedClock
from carecenter.domain.vocab import IncidentKind, PlanStatus, StaffPosition, Status
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.seniors.dto import SeniorDetail, SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id
from tests.core.test_instruments import BARTHEL_BEST

LONG_AGO = dt.date(2025, 1, 6)  # registration day of the seniors below, unless a test says otherwise


# ---- builders (the UI tests use them too) --------------------------------------------------------


def senior(
    cc: CareCenter, actor: Actor, name: str, seq: int, registered: dt.date = LONG_AGO, center_id: int | None = None
) -> SeniorDetail:
    data = SeniorInput(
        name=name, id_number=an_id(dt.date(1944, 3, 2), seq), registered_on=registered, center_id=center_id
    )
    return cc.seniors.create(data, actor)


def assess(cc: CareCenter, actor: Actor, senior_id: int, day: dt.date) -> None:
    """A Barthel assessment on ``day``, recorded as the social workers do (the due list reads its date)."""
    first, second = _assessors(cc, actor)
    cc.assessments.record(senior_id, AssessmentInput("barthel", day, first, second, BARTHEL_BEST), actor)


def plan(
    cc: CareCenter,
    actor: Actor,
    senior_id: int,
    review_on: dt.date,
    end_on: dt.date | None = None,
    status: PlanStatus = PlanStatus.ACTIVE,
    start_on: dt.date = dt.date(2026, 6, 1),
) -> None:
    """A care plan written, and (unless ``status`` is a draft) signed today, then closed today if asked."""
    data = PlanInput(needs="行动不便", goals="每周三次日间照料", start_on=start_on, review_on=review_on, end_on=end_on)
    draft = cc.care_plans.create(senior_id, data, actor)
    if status is PlanStatus.DRAFT:
        return
    signed = cc.care_plans.sign(draft.id, _assessors(cc, actor)[0], actor)
    if status is PlanStatus.CLOSED:
        cc.care_plans.close(signed.id, cc.clock.today(), actor)


def incident(
    cc: CareCenter, actor: Actor, senior_id: int, day: dt.date, kind: IncidentKind = IncidentKind.FALL
) -> None:
    cc.incidents.record(senior_id, IncidentInput(kind, day, "在家中跌倒"), actor)


def set_months(cc: CareCenter, actor: Actor, months: int, center_id: int | None = None) -> None:
    cc.due.set_reassess_months(center_id or cc.centers.list()[0].id, months, actor)


def _assessors(cc: CareCenter, actor: Actor) -> tuple[int, int]:
    """A social worker (who also signs plans) and a caregiver, made once per database."""
    staff = {s.position: s.id for s in cc.staff.list()}
    if StaffPosition.SOCIAL_WORKER not in staff:
        staff[StaffPosition.SOCIAL_WORKER] = cc.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, actor).id
        staff[StaffPosition.CAREGIVER] = cc.staff.create("王护理", StaffPosition.CAREGIVER, actor).id
    return staff[StaffPosition.SOCIAL_WORKER], staff[StaffPosition.CAREGIVER]


def listed(items: list[DueItem], *kinds: DueKind) -> list[tuple[str, DueKind, dt.date, int]]:
    return [(i.name, i.kind, i.due_on, i.days) for i in items if not kinds or i.kind in kinds]


def first(items: list[DueItem], kinds: tuple[DueKind, ...]) -> DueItem:
    return next(i for i in items if i.kind in kinds)


REASSESS = (DueKind.REASSESSMENT, DueKind.NEVER_ASSESSED)
PLANS = (DueKind.PLAN_REVIEW, DueKind.PLAN_ENDING, DueKind.NO_PLAN)


# ---- the month arithmetic ------------------------------------------------------------------------


def test_latest_start_takes_every_day_that_lands_on_a_month_end() -> None:
    # 29, 30 and 31 August + 6 months are all 28 February 2027; 1 September is 1 March.
    assert latest_start(dt.date(2027, 2, 28), 6) == dt.date(2026, 8, 31)
    assert latest_start(dt.date(2027, 2, 27), 6) == dt.date(2026, 8, 27)
    assert latest_start(dt.date(2028, 2, 29), 6) == dt.date(2027, 8, 31)
    assert latest_start(dt.date(2026, 12, 22), 6) == dt.date(2026, 6, 22)


# ---- reassessment ----------------------------------------------------------------------------------


def test_six_months_and_a_day_is_overdue_yesterday_is_not_due(
    center: CareCenter, admin: Actor, social_worker: Actor
) -> None:
    old = senior(center, admin, "张桂兰", 11)
    fresh = senior(center, admin, "王秀英", 12)
    assess(center, admin, old.id, dt.date(2026, 5, 21))  # 6 months and 1 day before 22 November
    assess(center, admin, fresh.id, TODAY - dt.timedelta(days=1))
    items = center.due.items(social_worker)
    assert listed(items, *REASSESS) == [("张桂兰", DueKind.REASSESSMENT, dt.date(2026, 11, 21), -1)]
    item = first(items, REASSESS)
    assert item.overdue and item.member_no == old.member_no and item.senior_id == old.id
    assert item.detail == "上次评估 2026-05-21（每 6 个月）"


def test_the_horizon_is_30_days(center: CareCenter, admin: Actor) -> None:
    edge = senior(center, admin, "张桂兰", 11)
    beyond = senior(center, admin, "王秀英", 12)
    today = senior(center, admin, "李建国", 13)
    assess(center, admin, edge.id, dt.date(2026, 6, 22))  # due 22 December: today + 30
    assess(center, admin, beyond.id, dt.date(2026, 6, 23))  # due 23 December: today + 31
    assess(center, admin, today.id, dt.date(2026, 5, 22))  # due today
    items = center.due.items(admin)
    assert listed(items, *REASSESS) == [
        ("李建国", DueKind.REASSESSMENT, TODAY, 0),
        ("张桂兰", DueKind.REASSESSMENT, dt.date(2026, 12, 22), 30),
    ]
    assert not first(items, REASSESS).overdue
    assert listed(center.due.items(admin, horizon_days=31), *REASSESS)[-1][0] == "王秀英"


def test_only_the_last_assessment_counts_whatever_the_instrument(center: CareCenter, admin: Actor) -> None:
    s = senior(center, admin, "张桂兰", 11)
    assess(center, admin, s.id, dt.date(2025, 3, 1))
    assess(center, admin, s.id, dt.date(2026, 10, 1))
    assert listed(center.due.items(admin), *REASSESS) == []


def test_an_incident_puts_the_senior_on_the_list_at_once(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    s = senior(center, admin, "张桂兰", 11)
    assess(center, admin, s.id, dt.date(2026, 10, 1))  # next routine date: 1 April 2027
    plan(center, admin, s.id, review_on=dt.date(2027, 4, 1))
    assert center.due.items(admin) == []
    incident(center, front_desk, s.id, TODAY)
    items = center.due.items(admin)
    assert listed(items, *REASSESS) == [("张桂兰", DueKind.REASSESSMENT, TODAY, 0)]
    assert first(items, REASSESS).detail == "2026-11-22 跌倒（上次评估 2026-10-01）"
    assert center.due.count(admin) == 1  # due today: on the badge


def test_the_first_incident_after_the_assessment_sets_the_day(center: CareCenter, admin: Actor) -> None:
    s = senior(center, admin, "张桂兰", 11)
    incident(center, admin, s.id, dt.date(2026, 9, 20))  # before the assessment: already assessed since
    assess(center, admin, s.id, dt.date(2026, 10, 1))
    incident(center, admin, s.id, dt.date(2026, 10, 1))  # the assessment's own day: seen by it
    incident(center, admin, s.id, dt.date(2026, 11, 15), IncidentKind.HOSPITAL)
    incident(center, admin, s.id, dt.date(2026, 11, 3), IncidentKind.CHOKING)
    items = center.due.items(admin)
    assert listed(items, *REASSESS) == [("张桂兰", DueKind.REASSESSMENT, dt.date(2026, 11, 3), -19)]
    assert first(items, REASSESS).detail == "2026-11-03 噎食（上次评估 2026-10-01）"


def test_months_running_out_before_the_incident_win(center: CareCenter, admin: Actor) -> None:
    s = senior(center, admin, "张桂兰", 11)
    assess(center, admin, s.id, dt.date(2026, 4, 10))  # due 10 October
    incident(center, admin, s.id, dt.date(2026, 11, 1))
    assert listed(center.due.items(admin), *REASSESS) == [("张桂兰", DueKind.REASSESSMENT, dt.date(2026, 10, 10), -43)]


def test_a_new_assessment_after_the_incident_clears_it(center: CareCenter, admin: Actor) -> None:
    s = senior(center, admin, "张桂兰", 11)
    assess(center, admin, s.id, dt.date(2026, 10, 1))
    incident(center, admin, s.id, dt.date(2026, 11, 3))
    assess(center, admin, s.id, dt.date(2026, 11, 20))
    assert listed(center.due.items(admin), *REASSESS) == []


def test_never_assessed_is_due_now_whenever_registered(center: CareCenter, admin: Actor) -> None:
    senior(center, admin, "张桂兰", 11, registered=dt.date(2019, 10, 23))  # before the center used the app
    senior(center, admin, "王秀英", 12, registered=TODAY)
    items = center.due.items(admin)
    assert listed(items, *REASSESS) == [
        ("王秀英", DueKind.NEVER_ASSESSED, TODAY, 0),  # same day: by the name's pinyin
        ("张桂兰", DueKind.NEVER_ASSESSED, TODAY, 0),
    ]
    assert [i.detail for i in items if i.kind is DueKind.NEVER_ASSESSED] == [
        "2026-11-22 登记，从未评估",
        "2019-10-23 登记，从未评估",
    ]
    assert center.due.count(admin) == 2  # no "no care plan" line besides: the plan follows the assessment


def test_the_months_setting_changes_the_date(center: CareCenter, admin: Actor) -> None:
    s = senior(center, admin, "张桂兰", 11)
    assess(center, admin, s.id, dt.date(2026, 8, 21))
    assert listed(center.due.items(admin), *REASSESS) == []  # 6 months: due 21 February
    set_months(center, admin, 3)
    items = center.due.items(admin)
    assert listed(items, *REASSESS) == [("张桂兰", DueKind.REASSESSMENT, dt.date(2026, 11, 21), -1)]
    assert first(items, REASSESS).detail == "上次评估 2026-08-21（每 3 个月）"
    assert center.due.reassess_months(center.centers.list()[0].id) == 3


def test_the_months_setting_is_the_admins_and_sane(center: CareCenter, admin: Actor, social_worker: Actor) -> None:
    center_id = center.centers.list()[0].id
    with pytest.raises(PermissionDeniedError):
        center.due.set_reassess_months(center_id, 3, social_worker)
    for bad in (0, 25):
        with pytest.raises(Exception, match="1 到 24"):
            center.due.set_reassess_months(center_id, bad, admin)
    assert center.due.reassess_months(center_id) == 6


def test_the_month_end_clamp_on_the_list(center: CareCenter, admin: Actor, clock: FixedClock) -> None:
    clock.current = clock.current.replace(year=2027, month=1, day=29)  # the list looks up to 28 February
    end_of_august = senior(center, admin, "张桂兰", 11)
    first_of_september = senior(center, admin, "王秀英", 12)
    assess(center, admin, end_of_august.id, dt.date(2026, 8, 31))
    assess(center, admin, first_of_september.id, dt.date(2026, 9, 1))
    assert listed(center.due.items(admin), *REASSESS) == [("张桂兰", DueKind.REASSESSMENT, dt.date(2027, 2, 28), 30)]


# ---- care plans ----------------------------------------------------------------------------------


def test_plans_to_review_or_ending_within_30_days(center: CareCenter, admin: Actor) -> None:
    review = senior(center, admin, "张桂兰", 11)
    ending = senior(center, admin, "王秀英", 12)
    later = senior(center, admin, "李建国", 13)
    plan(center, admin, review.id, review_on=dt.date(2026, 12, 2))
    plan(center, admin, ending.id, review_on=dt.date(2027, 3, 1), end_on=dt.date(2026, 11, 20))
    plan(center, admin, later.id, review_on=dt.date(2026, 12, 23), end_on=dt.date(2027, 6, 1))
    items = center.due.items(admin)
    assert listed(items, *PLANS) == [
        ("王秀英", DueKind.PLAN_ENDING, dt.date(2026, 11, 20), -2),
        ("张桂兰", DueKind.PLAN_REVIEW, dt.date(2026, 12, 2), 10),
    ]
    assert first(items, (DueKind.PLAN_REVIEW,)).detail == "照护计划第 1 版，2026-06-01 起执行"


def test_assessed_seniors_without_an_active_plan_or_with_a_draft(center: CareCenter, admin: Actor) -> None:
    draft = senior(center, admin, "张桂兰", 11, registered=dt.date(2026, 11, 1))
    closed = senior(center, admin, "王秀英", 12, registered=dt.date(2026, 11, 2))
    covered = senior(center, admin, "李建国", 13)
    senior(center, admin, "赵淑珍", 14)  # never assessed: listed for the first assessment only
    assess(center, admin, closed.id, dt.date(2026, 11, 10))
    plan(center, admin, draft.id, review_on=dt.date(2027, 5, 1), status=PlanStatus.DRAFT)
    plan(center, admin, closed.id, review_on=dt.date(2027, 5, 1), status=PlanStatus.CLOSED)
    plan(center, admin, covered.id, review_on=dt.date(2027, 5, 1))
    items = [i for i in center.due.items(admin) if i.kind is DueKind.NO_PLAN]
    assert [(i.name, i.due_on, i.detail) for i in items] == [
        ("王秀英", TODAY, "没有执行中的照护计划"),
        ("张桂兰", TODAY, "有草稿待签署"),
    ]


# ---- whose list ------------------------------------------------------------------------------------


def test_withdrawn_and_deceased_seniors_are_ignored_paused_are_not(center: CareCenter, admin: Actor) -> None:
    for seq, (name, status) in enumerate(
        (("张桂兰", Status.WITHDRAWN), ("王秀英", Status.DECEASED), ("李建国", Status.PAUSED)), start=11
    ):
        s = senior(center, admin, name, seq)
        center.seniors.change_status(s.id, status, TODAY, "", admin)
    names = {i.name for i in center.due.items(admin)}
    assert names == {"李建国"}


def test_one_center_or_all(center: CareCenter, admin: Actor) -> None:
    other = center.centers.create("纬五路社区站", admin, code="C002")
    here = center.centers.by_code("C001")
    senior(center, admin, "张桂兰", 11, center_id=here.id)
    senior(center, admin, "王秀英", 12, center_id=other.id)
    set_months(center, admin, 3, other.id)
    assert {i.name for i in center.due.items(admin, here.id)} == {"张桂兰"}
    assert {i.name for i in center.due.items(admin, other.id)} == {"王秀英"}
    assert {i.name for i in center.due.items(admin)} == {"张桂兰", "王秀英"}


def test_overdue_first_then_by_date_and_the_badge_counts_what_is_due_now(center: CareCenter, admin: Actor) -> None:
    a = senior(center, admin, "张桂兰", 11)
    b = senior(center, admin, "王秀英", 12)
    c = senior(center, admin, "李建国", 13)
    assess(center, admin, a.id, dt.date(2026, 6, 5))  # due 5 December
    assess(center, admin, b.id, dt.date(2026, 4, 30))  # due 30 October: overdue
    assess(center, admin, c.id, dt.date(2026, 10, 1))
    for s, review in ((a, dt.date(2027, 1, 10)), (b, dt.date(2026, 11, 22)), (c, dt.date(2026, 11, 25))):
        plan(center, admin, s.id, review_on=review)
    items = center.due.items(admin)
    assert listed(items) == [
        ("王秀英", DueKind.REASSESSMENT, dt.date(2026, 10, 30), -23),
        ("王秀英", DueKind.PLAN_REVIEW, TODAY, 0),
        ("李建国", DueKind.PLAN_REVIEW, dt.date(2026, 11, 25), 3),
        ("张桂兰", DueKind.REASSESSMENT, dt.date(2026, 12, 5), 13),
    ]
    assert center.due.count(admin) == 2
    assert [i.name for i in center.due.items(admin, horizon_days=0)] == ["王秀英", "王秀英"]


def test_the_list_is_for_social_workers_and_admins(center: CareCenter, front_desk: Actor) -> None:
    with pytest.raises(PermissionDeniedError):
        center.due.items(front_desk)
    with pytest.raises(PermissionDeniedError):
        center.due.count(front_desk)


def test_json_shape(center: CareCenter, admin: Actor) -> None:
    s = senior(center, admin, "张桂兰", 11, registered=dt.date(2026, 11, 20))
    plan(center, admin, s.id, review_on=dt.date(2026, 11, 20))
    assess(center, admin, s.id, TODAY)
    (item,) = center.due.items(admin)
    assert item.as_json() == {
        "kind": "plan_review",
        "member_no": s.member_no,
        "name": "张桂兰",
        "senior_id": s.id,
        "due_on": "2026-11-20",
        "days": -2,
        "overdue": True,
        "detail": "照护计划第 1 版，2026-06-01 起执行",
    }
