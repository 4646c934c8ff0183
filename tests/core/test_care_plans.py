"""Care plans: drafts, signing, versions, closing, and every refusal with the field it names."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import text

from carecenter import i18n
from carecenter.actor import Actor
from carecenter.care.plan_info import weekdays_text
from carecenter.care.plans import PlanInput, PlannedServiceInput
from carecenter.clock import FixedClock
from carecenter.domain.vocab import PlanStatus, StaffPosition, Status
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.seniors.dto import SeniorInput
from carecenter.staff import StaffInfo
from tests.conftest import TODAY
from tests.core.helpers import an_id

START = dt.date(2026, 12, 1)
REVIEW = dt.date(2027, 6, 1)


@pytest.fixture
def senior_id(center: CareCenter, admin: Actor) -> int:
    return center.seniors.create(SeniorInput(name="张桂兰", id_number=an_id(dt.date(1941, 3, 2))), admin).id


@pytest.fixture
def liu(center: CareCenter, admin: Actor) -> StaffInfo:
    return center.staff.create("刘芳", StaffPosition.SOCIAL_WORKER, admin)


@pytest.fixture
def wang(center: CareCenter, admin: Actor) -> StaffInfo:
    return center.staff.create("王秀英", StaffPosition.CAREGIVER, admin)


def type_id(center: CareCenter, name: str) -> int:
    return next(t.id for t in center.catalogue.types(include_retired=True) if t.name == name)


def a_plan(center: CareCenter, staff_id: int | None = None, **changes: object) -> PlanInput:
    services = (
        PlannedServiceInput(type_id(center, "日间托老"), weekdays=frozenset({1, 3, 5})),
        PlannedServiceInput(type_id(center, "助浴"), times_per_month=4, staff_id=staff_id, notes="冬季在中心洗"),
    )
    plan = PlanInput(
        needs="独居，行走需扶助；午餐不规律",
        goals="每周三次到中心，保证午餐；每月洗浴四次",
        start_on=START,
        review_on=REVIEW,
        services=services,
    )
    return replace(plan, **changes)  # type: ignore[arg-type]


def refused(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    error = exc.value.for_field(field)
    assert error is not None, f"{field} not named in: {exc.value}"
    return error.reason


def plan_rows(center: CareCenter) -> tuple[int, int]:
    with center.engine.connect() as conn:
        plans = conn.execute(text("SELECT count(*) FROM care_plans")).scalar_one()
        services = conn.execute(text("SELECT count(*) FROM planned_services")).scalar_one()
        return plans, services


# ---- the life of a plan ------------------------------------------------------------------


def test_a_new_plan_is_a_draft_with_its_services_named(
    center: CareCenter, social_worker: Actor, senior_id: int, wang: StaffInfo
) -> None:
    draft = center.care_plans.create(senior_id, a_plan(center, wang.id), social_worker)
    assert (draft.status, draft.status_label, draft.version, draft.series_id) == (
        PlanStatus.DRAFT,
        "草稿",
        1,
        draft.id,
    )
    assert (draft.start_on, draft.review_on, draft.end_on, draft.signed_on, draft.signed_by_name) == (
        START,
        REVIEW,
        None,
        None,
        "",
    )
    day_care, bath = draft.services
    assert (day_care.service_name, day_care.day_care, day_care.schedule_text, day_care.staff_name) == (
        "日间托老",
        True,
        "周一、三、五",
        "",
    )
    assert (bath.service_name, bath.schedule_text, bath.staff_name, bath.notes) == (
        "助浴",
        "每月 4 次",
        "王秀英",
        "冬季在中心洗",
    )
    assert center.care_plans.current(senior_id, social_worker) is None
    assert center.care_plans.draft(senior_id, social_worker) == draft
    assert center.care_plans.history(senior_id, social_worker) == [draft]
    assert draft.created_by == "test-social"


def test_signing_puts_the_draft_in_force(
    center: CareCenter, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    draft = center.care_plans.create(senior_id, a_plan(center), social_worker)
    active = center.care_plans.sign(draft.id, liu.id, social_worker)
    assert (active.status, active.status_label, active.signed_on, active.signed_by_name) == (
        PlanStatus.ACTIVE,
        "执行中",
        TODAY,
        "刘芳",
    )
    assert center.care_plans.current(senior_id, social_worker) == active
    assert center.care_plans.draft(senior_id, social_worker) is None


def test_revising_makes_a_new_version_and_keeps_the_old_one(
    center: CareCenter, social_worker: Actor, senior_id: int, liu: StaffInfo, wang: StaffInfo
) -> None:
    v1 = center.care_plans.sign(
        center.care_plans.create(senior_id, a_plan(center), social_worker).id, liu.id, social_worker
    )
    more = a_plan(center, wang.id)
    more = replace(
        more,
        goals="每周五天到中心",
        services=(replace(more.services[0], weekdays=frozenset({1, 2, 3, 4, 5})), more.services[1]),
    )
    v2 = center.care_plans.revise(v1.id, more, social_worker)
    assert (v2.status, v2.version, v2.series_id) == (PlanStatus.DRAFT, 2, v1.id)
    # until the new version is signed, the signed one is what the desks follow
    assert center.care_plans.current(senior_id, social_worker) == v1
    assert center.care_plans.day_care_weekdays(senior_id, dt.date(2026, 12, 2), social_worker) == {1, 3, 5}

    signed = center.care_plans.sign(v2.id, liu.id, social_worker)
    assert signed.status is PlanStatus.ACTIVE
    history = center.care_plans.history(senior_id, social_worker)
    assert [(p.version, p.status) for p in history] == [(2, PlanStatus.ACTIVE), (1, PlanStatus.SUPERSEDED)]
    old = history[1]
    assert (old.goals, old.signed_by_name, old.signed_on) == ("每周三次到中心，保证午餐；每月洗浴四次", "刘芳", TODAY)
    assert [s.schedule_text for s in old.services] == ["周一、三、五", "每月 4 次"]
    assert [s.schedule_text for s in history[0].services] == ["周一、二、三、四、五", "每月 4 次"]
    assert history[0].services[1].staff_name == "王秀英"
    assert center.care_plans.day_care_weekdays(senior_id, dt.date(2026, 12, 2), social_worker) == {1, 2, 3, 4, 5}


def test_a_third_version_numbers_on_from_the_series(
    center: CareCenter, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    plan = center.care_plans.sign(
        center.care_plans.create(senior_id, a_plan(center), social_worker).id, liu.id, social_worker
    )
    for version in (2, 3):
        draft = center.care_plans.revise(plan.id, a_plan(center, goals=f"第 {version} 版目标"), social_worker)
        assert draft.version == version
        plan = center.care_plans.sign(draft.id, liu.id, social_worker)
    statuses = [(p.version, p.status) for p in center.care_plans.history(senior_id, social_worker)]
    assert statuses == [(3, PlanStatus.ACTIVE), (2, PlanStatus.SUPERSEDED), (1, PlanStatus.SUPERSEDED)]


def test_signing_a_different_plan_closes_the_one_in_force(
    center: CareCenter, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    old = center.care_plans.create(senior_id, a_plan(center, start_on=dt.date(2026, 6, 1)), social_worker)
    old = center.care_plans.sign(old.id, liu.id, social_worker)
    new = center.care_plans.create(senior_id, a_plan(center), social_worker)
    center.care_plans.sign(new.id, liu.id, social_worker)
    before = center.care_plans.get(old.id, social_worker)
    assert (before.status, before.end_on) == (PlanStatus.CLOSED, TODAY)
    assert center.care_plans.current(senior_id, social_worker).id == new.id  # type: ignore[union-attr]


def test_a_draft_can_be_changed_until_signed_and_an_unchanged_save_writes_nothing(
    center: CareCenter, social_worker: Actor, senior_id: int, clock: FixedClock
) -> None:
    draft = center.care_plans.create(senior_id, a_plan(center), social_worker)
    clock.current += dt.timedelta(minutes=5)
    same = center.care_plans.update_draft(draft.id, draft.as_input(), social_worker)
    assert same.updated_at == draft.updated_at
    changed = center.care_plans.update_draft(
        draft.id, a_plan(center, end_on=dt.date(2027, 11, 30), services=()), social_worker
    )
    assert (changed.end_on, changed.services, changed.version) == (dt.date(2027, 11, 30), (), 1)
    assert changed.updated_at == draft.updated_at + dt.timedelta(minutes=5)
    assert plan_rows(center) == (1, 0)


def test_closing_ends_the_plan_in_force(
    center: CareCenter, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    plan = center.care_plans.create(senior_id, a_plan(center, start_on=dt.date(2026, 6, 1)), social_worker)
    plan = center.care_plans.sign(plan.id, liu.id, social_worker)
    with pytest.raises(ValidationError) as exc:
        center.care_plans.close(plan.id, TODAY + dt.timedelta(days=1), social_worker)
    assert refused(exc, "end_on") == "不能晚于今天"
    with pytest.raises(ValidationError) as exc:
        center.care_plans.close(plan.id, dt.date(2026, 5, 31), social_worker)
    assert refused(exc, "end_on") == "不能早于开始日期（2026-06-01）"
    closed = center.care_plans.close(plan.id, dt.date(2026, 11, 20), social_worker)
    assert (closed.status, closed.status_label, closed.end_on) == (PlanStatus.CLOSED, "已结束", dt.date(2026, 11, 20))
    assert center.care_plans.current(senior_id, social_worker) is None
    with pytest.raises(ValidationError) as exc:
        center.care_plans.close(plan.id, TODAY, social_worker)
    assert refused(exc, "plan") == "只有执行中的计划可以结束"


def test_a_draft_can_be_discarded_but_a_signed_plan_cannot(
    center: CareCenter, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    draft = center.care_plans.create(senior_id, a_plan(center), social_worker)
    center.care_plans.discard(draft.id, social_worker)
    assert center.care_plans.history(senior_id, social_worker) == []
    assert plan_rows(center) == (0, 0)
    signed = center.care_plans.sign(
        center.care_plans.create(senior_id, a_plan(center), social_worker).id, liu.id, social_worker
    )
    with pytest.raises(ValidationError) as exc:
        center.care_plans.discard(signed.id, social_worker)
    assert refused(exc, "plan") == "只有草稿可以删除；已签字的计划会保留"


# ---- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"end_on": dt.date(2026, 11, 30)}, "end_on", "不能早于开始日期（2026-12-01）"),
        ({"review_on": dt.date(2026, 11, 30)}, "review_on", "必须晚于开始日期（2026-12-01）"),
        ({"review_on": START}, "review_on", "必须晚于开始日期（2026-12-01）"),
        ({"needs": "  \n "}, "needs", "必须填写"),
        ({"goals": ""}, "goals", "必须填写"),
        ({"start_on": dt.date(1941, 3, 1)}, "start_on", "不能早于老人的出生日期"),
    ],
)
def test_plan_fields_are_refused_by_name(
    center: CareCenter, social_worker: Actor, senior_id: int, changes: dict[str, object], field: str, reason: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        center.care_plans.create(senior_id, a_plan(center, None, **changes), social_worker)
    assert refused(exc, field) == reason
    assert plan_rows(center) == (0, 0)


def service(center: CareCenter, **changes: object) -> PlannedServiceInput:
    return replace(PlannedServiceInput(type_id(center, "助餐"), weekdays=frozenset({1, 2, 3, 4, 5})), **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"weekdays": frozenset({1}), "times_per_month": 4}, "weekdays", "服务日和每月次数只能选一种"),
        ({"weekdays": frozenset()}, "weekdays", "请勾选服务日，或填写每月次数"),
        ({"weekdays": frozenset({0, 8})}, "weekdays", "服务日只能是周一到周日（1–7）"),
        ({"weekdays": frozenset(), "times_per_month": 0}, "times_per_month", "必须在 1 到 31 之间"),
        ({"weekdays": frozenset(), "times_per_month": 32}, "times_per_month", "必须在 1 到 31 之间"),
        ({"start_on": dt.date(2026, 11, 30)}, "start_on", "不能早于计划开始日期（2026-12-01）"),
        (
            {"start_on": dt.date(2027, 1, 10), "end_on": dt.date(2027, 1, 9)},
            "end_on",
            "不能早于服务开始日期（2027-01-10）",
        ),
        ({"end_on": dt.date(2026, 11, 30)}, "end_on", "不能早于服务开始日期（2026-12-01）"),
        ({"service_type_id": 999}, "service_type_id", "请从服务项目中选择"),
        ({"staff_id": 999}, "staff_id", "请选择在职的员工"),
        ({"notes": "长" * 201}, "notes", "最多 200 个字（现在 201 个）"),
    ],
)
def test_service_fields_are_refused_by_row_and_name(
    center: CareCenter, social_worker: Actor, senior_id: int, changes: dict[str, object], field: str, reason: str
) -> None:
    plan = a_plan(center)
    plan = replace(plan, services=(plan.services[0], service(center, **changes)))
    with pytest.raises(ValidationError) as exc:
        center.care_plans.create(senior_id, plan, social_worker)
    assert refused(exc, f"services.1.{field}") == reason
    assert [e.field for e in exc.value.errors] == [f"services.1.{field}"]
    assert plan_rows(center) == (0, 0)


def test_a_service_cannot_outlast_the_plan(center: CareCenter, social_worker: Actor, senior_id: int) -> None:
    plan = a_plan(center, end_on=dt.date(2027, 5, 31), services=(service(center, end_on=dt.date(2027, 6, 30)),))
    with pytest.raises(ValidationError) as exc:
        center.care_plans.create(senior_id, plan, social_worker)
    assert refused(exc, "services.0.end_on") == "不能晚于计划结束日期（2027-05-31）"
    assert str(exc.value) == "服务 1 · 服务结束：不能晚于计划结束日期（2027-05-31）"


def test_every_problem_is_reported_at_once(center: CareCenter, social_worker: Actor, senior_id: int) -> None:
    plan = a_plan(
        center,
        needs="",
        end_on=dt.date(2026, 11, 1),
        services=(service(center, weekdays=frozenset()), service(center, times_per_month=40)),
    )
    with pytest.raises(ValidationError) as exc:
        center.care_plans.create(senior_id, plan, social_worker)
    assert [e.field for e in exc.value.errors] == [
        "needs",
        "end_on",
        "services.0.weekdays",
        "services.1.weekdays",
        "services.1.times_per_month",
    ]


def test_an_inactive_staff_member_cannot_be_assigned(
    center: CareCenter, admin: Actor, social_worker: Actor, senior_id: int, wang: StaffInfo
) -> None:
    center.staff.set_active(wang.id, False, admin)
    with pytest.raises(ValidationError) as exc:
        center.care_plans.create(senior_id, a_plan(center, wang.id), social_worker)
    assert refused(exc, "services.1.staff_id") == "请选择在职的员工"


def test_a_retired_service_is_refused_but_its_history_stays_readable(
    center: CareCenter, admin: Actor, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    signed = center.care_plans.sign(
        center.care_plans.create(senior_id, a_plan(center), social_worker).id, liu.id, social_worker
    )
    center.catalogue.retire(type_id(center, "助浴"), admin)

    shown = center.care_plans.current(senior_id, social_worker)
    assert shown is not None
    assert [(s.service_name, s.type_retired, s.service_label) for s in shown.services] == [
        ("日间托老", False, "日间托老"),
        ("助浴", True, "助浴（已停用）"),
    ]
    with pytest.raises(ValidationError) as exc:
        center.care_plans.revise(signed.id, shown.as_input(), social_worker)
    assert refused(exc, "services.1.service_type_id") == "服务项目“助浴”已停用"
    assert str(exc.value) == "服务 2 · 服务项目：服务项目“助浴”已停用"
    with pytest.raises(ValidationError):
        center.care_plans.create(senior_id, a_plan(center), social_worker)
    assert plan_rows(center) == (1, 2)


def test_a_draft_whose_service_was_retired_meanwhile_cannot_be_signed(
    center: CareCenter, admin: Actor, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    draft = center.care_plans.create(senior_id, a_plan(center), social_worker)
    center.catalogue.retire(type_id(center, "助浴"), admin)
    with pytest.raises(ValidationError) as exc:
        center.care_plans.sign(draft.id, liu.id, social_worker)
    assert refused(exc, "services.1.service_type_id") == "服务项目“助浴”已停用"
    assert center.care_plans.get(draft.id, social_worker).status is PlanStatus.DRAFT


def test_only_an_active_social_worker_signs(
    center: CareCenter, admin: Actor, social_worker: Actor, senior_id: int, liu: StaffInfo, wang: StaffInfo
) -> None:
    draft = center.care_plans.create(senior_id, a_plan(center), social_worker)
    with pytest.raises(ValidationError) as exc:
        center.care_plans.sign(draft.id, wang.id, social_worker)
    assert refused(exc, "signed_by_staff_id") == "王秀英的岗位是护理员：照护计划须由社工签字"
    center.staff.set_active(liu.id, False, admin)
    with pytest.raises(ValidationError) as exc:
        center.care_plans.sign(draft.id, liu.id, social_worker)
    assert refused(exc, "signed_by_staff_id") == "请选择在职的社工"
    assert center.care_plans.get(draft.id, social_worker).status is PlanStatus.DRAFT


def test_only_drafts_are_edited_or_signed_and_one_draft_at_a_time(
    center: CareCenter, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    draft = center.care_plans.create(senior_id, a_plan(center), social_worker)
    with pytest.raises(ValidationError) as exc:
        center.care_plans.create(senior_id, a_plan(center), social_worker)
    assert refused(exc, "plan") == "已有一份草稿（第 1 版），请先修改或签字"
    with pytest.raises(ValidationError) as exc:
        center.care_plans.revise(draft.id, a_plan(center), social_worker)
    assert refused(exc, "plan") == "只有执行中的计划可以修改"
    signed = center.care_plans.sign(draft.id, liu.id, social_worker)
    with pytest.raises(ValidationError) as exc:
        center.care_plans.update_draft(signed.id, a_plan(center, goals="改"), social_worker)
    assert refused(exc, "plan") == "只有草稿可以直接修改；修改已签字的计划会生成新版本"
    with pytest.raises(ValidationError) as exc:
        center.care_plans.sign(signed.id, liu.id, social_worker)
    assert refused(exc, "plan") == "只有草稿可以签字；此计划状态为“执行中”"
    center.care_plans.revise(signed.id, a_plan(center), social_worker)
    with pytest.raises(ValidationError) as exc:
        center.care_plans.revise(signed.id, a_plan(center), social_worker)
    assert refused(exc, "plan") == "已有一份草稿（第 2 版），请先修改或签字"
    assert plan_rows(center) == (2, 4)


def test_no_plan_for_a_deceased_senior(center: CareCenter, admin: Actor, social_worker: Actor, senior_id: int) -> None:
    center.seniors.change_status(senior_id, Status.DECEASED, TODAY, "", admin)
    with pytest.raises(ValidationError) as exc:
        center.care_plans.create(senior_id, a_plan(center), social_worker)
    assert refused(exc, "plan") == "该老人已登记为去世"


def test_the_front_desk_reads_plans_but_does_not_write_them(
    center: CareCenter, social_worker: Actor, front_desk: Actor, senior_id: int, liu: StaffInfo
) -> None:
    draft = center.care_plans.create(senior_id, a_plan(center), social_worker)
    with pytest.raises(PermissionDeniedError):
        center.care_plans.create(senior_id, a_plan(center), front_desk)
    with pytest.raises(PermissionDeniedError):
        center.care_plans.sign(draft.id, liu.id, front_desk)
    with pytest.raises(PermissionDeniedError):
        center.care_plans.update_draft(draft.id, a_plan(center), front_desk)
    assert center.care_plans.history(senior_id, front_desk) == [draft]


# ---- what other desks read -------------------------------------------------------------------


def test_planned_services_in_force_per_staff_member(
    center: CareCenter, admin: Actor, social_worker: Actor, senior_id: int, liu: StaffInfo, wang: StaffInfo
) -> None:
    other = center.seniors.create(SeniorInput(name="李德明", id_number=an_id(dt.date(1938, 5, 6), 31)), admin).id
    center.care_plans.sign(
        center.care_plans.create(senior_id, a_plan(center, wang.id), social_worker).id, liu.id, social_worker
    )
    center.care_plans.create(other, a_plan(center, wang.id), social_worker)  # a draft: not in force
    assert center.care_plans.planned_services(social_worker, on=dt.date(2026, 11, 30)) == []
    on_day = center.care_plans.planned_services(social_worker, on=dt.date(2026, 12, 2))
    assert [(s.senior_name, s.service_name, s.schedule_text, s.staff_name, s.start_on) for s in on_day] == [
        ("张桂兰", "日间托老", "周一、三、五", "", START),
        ("张桂兰", "助浴", "每月 4 次", "王秀英", START),
    ]
    wangs = center.care_plans.planned_services(social_worker, on=dt.date(2026, 12, 2), staff_id=wang.id)
    assert [s.service_name for s in wangs] == ["助浴"]
    assert center.care_plans.day_care_weekdays(senior_id, dt.date(2026, 11, 30), social_worker) == frozenset()
    assert center.care_plans.day_care_weekdays(other, dt.date(2026, 12, 2), social_worker) == frozenset()


# ---- small pieces --------------------------------------------------------------------------


def test_weekdays_read_as_staff_write_them() -> None:
    assert weekdays_text(frozenset({1, 3, 5})) == "周一、三、五"
    assert weekdays_text(frozenset({6, 7})) == "周六、日"
    assert weekdays_text(frozenset({2})) == "周二"
    assert weekdays_text(frozenset(range(1, 8))) == "每天"
    assert weekdays_text(frozenset()) == ""
    i18n.set_language("en")
    assert weekdays_text(frozenset({1, 3, 5})) == "every Mon, Wed, Fri"
    assert weekdays_text(frozenset(range(1, 8))) == "every day"


def test_signing_is_in_the_audit_trail(
    center: CareCenter, admin: Actor, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    draft = center.care_plans.create(senior_id, a_plan(center), social_worker)
    center.care_plans.sign(draft.id, liu.id, social_worker)
    lines = [line for line in center.audit.lines(admin) if line.entity == "care_plan"]
    assert {(line.action, line.actor) for line in lines} >= {("create", "test-social"), ("update", "test-social")}
    assert ("status", "草稿", "执行中") in {(line.field, line.before, line.after) for line in lines}
    assert all(line.senior_id == senior_id for line in lines)
