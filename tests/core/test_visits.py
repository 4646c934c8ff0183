"""Recording 九助 visits: done, planned and completed, missed and cancelled with a reason, voided, corrected;
every refusal names its field and writes nothing; the month's counts per service type and staff member."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import text

from carecenter.actor import Actor
from carecenter.clock import FixedClock, stamp
from carecenter.db.desk_models import MealServing
from carecenter.desk.visit_dto import SlotKey, SlotState, VisitPlanInput
from carecenter.domain.desk_vocab import Confirmation, Payment, VisitPlace, VisitStatus
from carecenter.domain.vocab import Status
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from tests.conftest import TODAY
from tests.core.test_due import senior
from tests.core.test_visit_schedule import MONDAY, Team, day, done, home_plan, team, type_id, weekly


@pytest.fixture
def crew(center: CareCenter, admin: Actor) -> Team:
    return team(center, admin)


@pytest.fixture
def zhang(center: CareCenter, admin: Actor) -> int:
    return senior(center, admin, "张桂兰", 1).id


def visit_rows(cc: CareCenter) -> int:
    with cc.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM visits")).scalar_one())


def refused(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    error = exc.value.for_field(field)
    assert error is not None, f"{field} not named in: {exc.value}"
    return error.reason


# ---- recording a done visit ------------------------------------------------------------------


def test_a_done_visit_is_stored_with_its_times_and_confirmation(
    center: CareCenter, front_desk: Actor, crew: Team, zhang: int
) -> None:
    data = replace(
        done(
            zhang, type_id(center, "cleaning"), crew.li, day(20), (9, 5), (10, 50), work_done="  擦窗、拖地\r\n倒垃圾 "
        ),
        confirmation=Confirmation.FAMILY,
        confirmed_by_name=" 儿子 刘强 ",
        place=VisitPlace.HOME,
    )
    visit = center.visits.record(data, front_desk)
    assert (visit.senior_name, visit.service_name, visit.staff_name, visit.status) == (
        "张桂兰",
        "助洁",
        "李娜",
        VisitStatus.DONE,
    )
    assert (visit.started_at, visit.ended_at, visit.minutes) == (
        dt.datetime(2026, 11, 20, 9, 5),
        dt.datetime(2026, 11, 20, 10, 50),
        105,
    )
    assert (visit.work_done, visit.confirmation, visit.confirmed_by_name) == (
        "擦窗、拖地\n倒垃圾",
        Confirmation.FAMILY,
        "儿子 刘强",
    )
    assert visit.planned_service_id is None and visit.created_by == "test-desk"
    assert center.visits.get(visit.id, front_desk) == visit


def test_a_duration_instead_of_the_end_and_twelve_hours_at_most(
    center: CareCenter, front_desk: Actor, crew: Team, zhang: int
) -> None:
    escort = type_id(center, "medical")
    visit = center.visits.record(done(zhang, escort, crew.li, day(20), (7, 0), None, minutes=720), front_desk)
    assert (visit.ended_at, visit.minutes) == (dt.datetime(2026, 11, 20, 19, 0), 720)
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, escort, crew.li, day(19), (7, 0), None, minutes=721), front_desk)
    assert refused(exc, "minutes") == "一次服务最长 12 小时（720 分钟）"
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, escort, crew.li, day(19), (7, 0), (19, 1)), front_desk)
    assert refused(exc, "ended_at") == "一次服务最长 12 小时（本次 12 小时 1 分钟）"
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, escort, crew.li, day(19), (7, 0), (8, 0), minutes=45), front_desk)
    assert refused(exc, "minutes") == "与开始、结束时间不符（60 分钟）"
    assert visit_rows(center) == 1


def test_bad_times_are_refused_with_nothing_written(
    center: CareCenter, front_desk: Actor, crew: Team, zhang: int
) -> None:
    cleaning = type_id(center, "cleaning")
    cases = {
        "ended_at": done(zhang, cleaning, crew.li, day(20), (10, 0), (9, 30)),
        "started_at": replace(done(zhang, cleaning, crew.li, day(20)), started_at=dt.datetime(2026, 11, 19, 9, 0)),
    }
    with pytest.raises(ValidationError) as exc:
        center.visits.record(cases["ended_at"], front_desk)
    assert refused(exc, "ended_at") == "不能早于开始时间（10:00）"
    with pytest.raises(ValidationError) as exc:
        center.visits.record(cases["started_at"], front_desk)
    assert refused(exc, "started_at") == "应在服务当天（2026-11-20）"
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, cleaning, crew.li, day(20), (9, 0), None), front_desk)
    assert refused(exc, "ended_at") == "请填写结束时间或服务时长"
    # The clock says 09:00 on Sunday 22 November: later today and tomorrow have not happened yet.
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, cleaning, crew.li, TODAY, (9, 30), (10, 0)), front_desk)
    assert refused(exc, "started_at") == "尚未到来：服务完成后才能记录"
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, cleaning, crew.li, day(23)), front_desk)
    assert refused(exc, "day") == "尚未到来：服务完成后才能记录"
    with pytest.raises(ValidationError) as exc:
        center.visits.record(
            replace(done(zhang, cleaning, crew.li, day(20)), confirmation=Confirmation.FAMILY), front_desk
        )
    assert refused(exc, "confirmed_by_name") == "请填写：哪位家属确认"
    assert visit_rows(center) == 0


def test_who_and_what_are_refused_with_the_reason(
    center: CareCenter, admin: Actor, front_desk: Actor, crew: Team, zhang: int
) -> None:
    cleaning = type_id(center, "cleaning")
    center.staff.set_active(crew.li, False, admin)
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, cleaning, crew.li, day(20)), front_desk)
    assert refused(exc, "staff_id") == "李娜 已停用"
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, type_id(center, "day_care"), crew.wang, day(20)), front_desk)
    assert refused(exc, "service_type_id") == "“日间托老”属于日间照料：请在日间照料签到"
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, type_id(center, "meals"), crew.wang, day(20)), front_desk)
    assert refused(exc, "service_type_id") == "“助餐”在送餐、就餐时记录"
    center.catalogue.retire(type_id(center, "learning"), admin)
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, type_id(center, "learning"), crew.wang, day(20)), front_desk)
    assert refused(exc, "service_type_id") == "服务项目“助学”已停用"
    assert visit_rows(center) == 0


def test_a_withdrawn_or_deceased_senior_gets_no_visits(
    center: CareCenter, admin: Actor, front_desk: Actor, crew: Team, zhang: int
) -> None:
    cleaning = type_id(center, "cleaning")
    wang = senior(center, admin, "王秀英", 2).id
    center.seniors.change_status(zhang, Status.WITHDRAWN, day(18), "搬走", admin)
    center.seniors.change_status(wang, Status.DECEASED, day(19), "", admin)
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, cleaning, crew.wang, day(20)), front_desk)
    assert refused(exc, "senior_id") == "张桂兰在2026-11-20为“退出”状态，不能记录服务"
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(wang, cleaning, crew.wang, day(19)), front_desk)
    assert refused(exc, "senior_id") == "王秀英在2026-11-19为“去世”状态，不能记录服务"
    assert visit_rows(center) == 0
    # The day before the withdrawal is still served.
    assert center.visits.record(done(zhang, cleaning, crew.wang, day(17)), front_desk).day == day(17)


def test_a_plan_slot_is_recorded_once(
    center: CareCenter, admin: Actor, front_desk: Actor, crew: Team, zhang: int
) -> None:
    cleaning = type_id(center, "cleaning")
    plan = home_plan(center, admin, crew.social, zhang, weekly(center, "cleaning", {1, 3, 5}, crew.li))
    service_id = plan.services[0].id
    first = center.visits.record(done(zhang, cleaning, crew.li, day(18), planned_service_id=service_id), front_desk)
    assert first.planned_service_id == service_id
    with pytest.raises(ValidationError) as exc:
        center.visits.record(done(zhang, cleaning, crew.wang, day(18), planned_service_id=service_id), front_desk)
    assert refused(exc, "planned_service_id") == "2026-11-18 的这次服务已有记录（已完成）"
    with pytest.raises(ValidationError) as exc:  # Thursday is not a day of the plan
        center.visits.record(done(zhang, cleaning, crew.li, day(19), planned_service_id=service_id), front_desk)
    assert refused(exc, "planned_service_id") == "照护计划在 2026-11-19 没有这次服务"
    assert visit_rows(center) == 1


# ---- missed, cancelled, planned ahead ---------------------------------------------------------


def test_a_missed_slot_needs_a_reason(
    center: CareCenter, admin: Actor, front_desk: Actor, crew: Team, zhang: int
) -> None:
    plan = home_plan(center, admin, crew.social, zhang, weekly(center, "cleaning", {1, 3, 5}, crew.li))
    slot = SlotKey(plan.services[0].id, day(20))
    with pytest.raises(ValidationError) as exc:
        center.visits.miss(slot, "  ", front_desk)
    assert refused(exc, "status_reason") == "必须填写"
    assert visit_rows(center) == 0
    missed = center.visits.miss(slot, "敲门无人应答，电话未接", front_desk)
    assert (missed.status, missed.status_reason, missed.staff_name, missed.day) == (
        VisitStatus.MISSED,
        "敲门无人应答，电话未接",
        "李娜",
        day(20),
    )
    line = next(s for s in center.visits.week(front_desk, None, MONDAY).slots if s.day == day(20))
    assert (line.state, line.visit_id, line.status_reason) == (SlotState.MISSED, missed.id, "敲门无人应答，电话未接")
    with pytest.raises(ValidationError) as exc:  # recorded once: void it first
        center.visits.cancel(slot, "住院", front_desk)
    assert refused(exc, "planned_service_id") == "2026-11-20 的这次服务已有记录（未完成）"
    with pytest.raises(ValidationError) as exc:  # next Monday has not come yet: cancel, not miss
        center.visits.miss(SlotKey(plan.services[0].id, day(23)), "无人", front_desk)
    assert refused(exc, "day") == "服务日还没到，不能记为未完成；请改为取消"
    cancelled = center.visits.cancel(SlotKey(plan.services[0].id, day(23)), "住院治疗", front_desk)
    assert (cancelled.status, cancelled.day) == (VisitStatus.CANCELLED, day(23))


def test_an_unassigned_slot_names_who_recorded_it(
    center: CareCenter, admin: Actor, front_desk: Actor, crew: Team, zhang: int
) -> None:
    plan = home_plan(center, admin, crew.social, zhang, weekly(center, "mobility", {2}))
    slot = SlotKey(plan.services[0].id, day(17))
    with pytest.raises(ValidationError) as exc:
        center.visits.cancel(slot, "家属陪同外出", front_desk)
    assert refused(exc, "staff_id") == "这次服务没有指派人员：请选择服务人员"
    assert center.visits.cancel(slot, "家属陪同外出", front_desk, staff_id=crew.wang).staff_name == "王芳"
    desk = Actor(username="test-desk", role=front_desk.role, staff_id=crew.li)
    assert center.visits.miss(SlotKey(plan.services[0].id, day(10)), "无人", desk).staff_name == "李娜"


def test_a_visit_planned_ahead_is_completed_on_its_day(
    center: CareCenter, front_desk: Actor, crew: Team, zhang: int, clock: FixedClock
) -> None:
    escort = type_id(center, "medical")
    with pytest.raises(ValidationError) as exc:
        center.visits.plan(VisitPlanInput(zhang, escort, crew.li, day(21)), front_desk)
    assert refused(exc, "day") == "已过去：已发生的服务请直接记录"
    planned = center.visits.plan(
        VisitPlanInput(zhang, escort, crew.li, day(24), dt.time(8, 30), notes="陪同去市一院复查"), front_desk
    )
    assert (planned.status, planned.started_at, planned.work_done) == (
        VisitStatus.PLANNED,
        dt.datetime(2026, 11, 24, 8, 30),
        "陪同去市一院复查",
    )
    with pytest.raises(ValidationError) as exc:
        center.visits.complete(planned.id, done(zhang, escort, crew.li, day(24), (8, 30), (11, 0)), front_desk)
    assert refused(exc, "day") == "尚未到来：服务完成后才能记录"
    clock.current = dt.datetime(2026, 11, 24, 12, 0, tzinfo=clock.current.tzinfo)
    finished = center.visits.complete(
        planned.id, done(zhang, escort, crew.wang, day(24), (8, 40), (11, 10)), front_desk
    )
    assert (finished.id, finished.status, finished.staff_name, finished.minutes) == (
        planned.id,
        VisitStatus.DONE,
        "王芳",
        150,
    )
    with pytest.raises(ValidationError) as exc:
        center.visits.cancel(planned.id, "不去了", front_desk)
    assert refused(exc, "visit") == "这次服务已经是已完成"


# ---- voiding and correcting ---------------------------------------------------------------------


def test_a_voided_slot_visit_opens_the_slot_again(
    center: CareCenter, admin: Actor, front_desk: Actor, crew: Team, zhang: int
) -> None:
    cleaning = type_id(center, "cleaning")
    plan = home_plan(center, admin, crew.social, zhang, weekly(center, "cleaning", {3}, crew.li))
    wrong = center.visits.miss(SlotKey(plan.services[0].id, day(18)), "无人", front_desk)
    with pytest.raises(ValidationError) as exc:
        center.visits.void(wrong.id, "", front_desk)
    assert refused(exc, "void_reason") == "必须填写"
    voided = center.visits.void(wrong.id, "其实去过了，记错", front_desk)
    assert (voided.voided, voided.void_reason) == (True, "其实去过了，记错")
    line = next(s for s in center.visits.week(front_desk, None, MONDAY).slots if s.day == day(18))
    assert (line.state, line.visit_id) == (SlotState.OVERDUE, None)
    again = center.visits.record(
        done(zhang, cleaning, crew.li, day(18), planned_service_id=plan.services[0].id), front_desk
    )
    assert again.status is VisitStatus.DONE
    with pytest.raises(ValidationError) as exc:
        center.visits.update(wrong.id, done(zhang, cleaning, crew.li, day(18)), front_desk)
    assert refused(exc, "visit") == "已作废：其实去过了，记错"


def test_a_correction_is_audited_and_keeps_a_staff_member_who_left(
    center: CareCenter, admin: Actor, front_desk: Actor, crew: Team, zhang: int, clock: FixedClock
) -> None:
    cleaning = type_id(center, "cleaning")
    visit = center.visits.record(done(zhang, cleaning, crew.li, day(20), (9, 0), (10, 0)), front_desk)
    center.staff.set_active(crew.li, False, admin)
    clock.current = clock.current.replace(hour=11)
    fixed = center.visits.update(visit.id, done(zhang, cleaning, crew.li, day(20), (9, 0), (10, 45)), admin)
    assert (fixed.minutes, fixed.updated_by, fixed.updated_at) == (105, "test-admin", stamp(clock))
    with center.engine.connect() as conn:
        changed = conn.execute(
            text(
                "SELECT field, before, after FROM audit_log"
                " WHERE entity = 'visit' AND entity_id = :i AND action = 'update' AND actor = 'test-admin'"
            ),
            {"i": visit.id},
        ).all()
    assert {(f, b, a) for f, b, a in changed if f in ("ended_at", "minutes")} == {
        ("ended_at", "2026-11-20 10:00:00", "2026-11-20 10:45:00"),
        ("minutes", "60", "105"),
    }
    with pytest.raises(ValidationError) as exc:  # choosing 李娜 anew is refused
        center.visits.record(done(zhang, cleaning, crew.li, day(19)), front_desk)
    assert refused(exc, "staff_id") == "李娜 已停用"


# ---- the month's counts ---------------------------------------------------------------------------


def serve_meal(cc: CareCenter, actor: Actor, senior_id: int, on: dt.date, voided: bool = False) -> None:
    """A lunch handed out (as the meal desk stores it); the counts only read these rows."""
    with cc._sessions(actor) as session:
        now = stamp(cc.clock)
        row = MealServing(
            senior_id=senior_id,
            center_id=cc.centers.by_code("C001").id,
            day=on,
            meal_type="lunch",
            delivery=False,
            served_at=dt.datetime.combine(on, dt.time(11, 30)),
            price_fen=1200,
            subsidy_fen=300,
            pays_fen=900,
            payment=Payment.CASH,
            created_at=now,
            created_by=actor.username,
            updated_at=now,
            updated_by=actor.username,
        )
        session.add(row)
        session.flush()
        if voided:
            row.voided, row.void_reason, row.void_key = True, "重复登记", row.id
        session.commit()


def test_month_counts_per_type_and_staff_at_the_month_edges(
    center: CareCenter, admin: Actor, front_desk: Actor, crew: Team, zhang: int
) -> None:
    cleaning, bathing = type_id(center, "cleaning"), type_id(center, "bathing")
    wang = senior(center, admin, "王秀英", 2).id
    meals_only = senior(center, admin, "李秀英", 3).id
    record = center.visits.record
    record(done(zhang, cleaning, crew.li, dt.date(2026, 10, 31), (9, 0), (10, 0)), front_desk)  # October
    record(done(zhang, cleaning, crew.li, day(1), (9, 0), (10, 30)), front_desk)
    record(done(wang, cleaning, crew.wang, day(2), (14, 0), (15, 0)), front_desk)
    record(done(zhang, bathing, crew.wang, day(20), (9, 0), None, minutes=45), front_desk)
    gone = record(done(wang, bathing, crew.li, day(21)), front_desk)
    center.visits.void(gone.id, "重复录入", front_desk)
    center.visits.plan(VisitPlanInput(wang, bathing, crew.li, day(30)), front_desk)  # planned: not counted
    center.visits.cancel(
        center.visits.plan(VisitPlanInput(zhang, bathing, crew.li, day(29)), front_desk).id, "住院", front_desk
    )
    serve_meal(center, admin, zhang, day(1))
    serve_meal(center, admin, meals_only, day(30))
    serve_meal(center, admin, meals_only, day(29), voided=True)
    serve_meal(center, admin, meals_only, dt.date(2026, 10, 31))
    serve_meal(center, admin, meals_only, dt.date(2026, 12, 1))

    counts = center.visits.month_counts(front_desk, center.centers.by_code("C001").id, day(1))
    by_type = {t.name: (t.visits, t.minutes, t.seniors) for t in counts.by_type}
    assert by_type["助餐"] == (2, None, 2)
    assert by_type["助洁"] == (2, 150, 2)
    assert by_type["助浴"] == (1, 45, 1)
    assert by_type["助医"] == (0, 0, 0)
    assert "日间托老" not in by_type
    assert [(s.name, s.visits, s.minutes, s.hours_text) for s in counts.by_staff] == [
        ("李娜", 1, 90, "1.5 小时"),
        ("王芳", 2, 105, "1.8 小时"),
    ]
    assert (counts.visits, counts.minutes, counts.seniors, counts.missed) == (5, 195, 3, 0)
    assert counts.of_type("meals") is not None and counts.of_type("meals").hours_text == ""  # type: ignore[union-attr]
    october = center.visits.month_counts(front_desk, None, dt.date(2026, 10, 1))
    assert (october.of_type("cleaning").visits, october.of_type("meals").visits, october.seniors) == (1, 1, 2)  # type: ignore[union-attr]
    assert center.visits.month_counts(front_desk, 999, day(1)).visits == 0
