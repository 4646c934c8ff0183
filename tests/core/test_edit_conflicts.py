"""Two desks edit the same record: the second save is stopped, shown what changed, and may choose.

Desk A and desk B are two ``CareCenter`` instances on one database, as two PCs are. Both open
the record; A saves first; B's save with the version it opened is refused with the fields A
changed (what B saw, what A stored, what B typed) and writes nothing; B saving again with the
current version ("keep mine") stores B's values; ``expected_version=None`` never checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest
from alembic import command
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, SessionTransaction

from carecenter.actor import Actor, Role
from carecenter.birthdays.parties_dto import PartyInput
from carecenter.care.health import MedicationEntry
from carecenter.care.incidents import IncidentInput
from carecenter.care.plan_info import PlanInput, PlannedServiceInput
from carecenter.clock import FixedClock
from carecenter.conflicts import EditConflictError, FieldChange
from carecenter.db import engine as engines
from carecenter.db import migrate
from carecenter.desk.activity_dto import ActivityInput
from carecenter.desk.call_dto import CallInput
from carecenter.desk.visit_dto import VisitInput
from carecenter.domain.desk_vocab import ActivityKind, CallerKind, Urgency
from carecenter.domain.vocab import IncidentKind, StaffPosition
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, OrderUpdate
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id, cheap_hashing


@pytest.fixture
def desk_b(db_url: URL, clock: FixedClock, center: CareCenter) -> Iterator[CareCenter]:
    """A second desk on the same database (``center`` is desk A)."""
    cc = CareCenter.open(db_url, clock, busy_timeout_s=0.2)
    yield cc
    cc.close()


def a_senior(cc: CareCenter, admin: Actor) -> int:
    data = SeniorInput(
        name="张桂兰",
        id_number=an_id(dt.date(1945, 3, 2)),
        phones=("13800001111",),
        address="金水区文化路 97 号",
        registered_on=dt.date(2025, 3, 1),
    )
    return cc.seniors.create(data, admin).id


# ---- seniors -------------------------------------------------------------------------------


def test_a_stale_senior_save_is_refused_with_exactly_what_the_other_desk_changed(
    center: CareCenter, desk_b: CareCenter, admin: Actor, front_desk: Actor, clock: FixedClock
) -> None:
    senior_id = a_senior(center, admin)
    opened_a = center.seniors.get(senior_id, admin, with_photo=True)
    opened_b = desk_b.seniors.get(senior_id, front_desk, with_photo=True)
    assert opened_a.version == opened_b.version == 1

    clock.current += dt.timedelta(minutes=5)
    saved_a = center.seniors.update(
        senior_id,
        replace(opened_a.as_input(), phones=("13912345678",)),
        admin,
        expected_version=opened_a.version,
        opened=opened_a,
    )
    assert saved_a.version == 2

    mine = replace(opened_b.as_input(), address="金水区经三路 12 号")
    with pytest.raises(EditConflictError) as err:
        desk_b.seniors.update(senior_id, mine, front_desk, expected_version=opened_b.version, opened=opened_b)
    conflict = err.value
    assert conflict.changes == (FieldChange("电话", "13800001111", "13912345678", "13800001111"),)
    assert conflict.changed_by == "test-admin"  # no account: the username
    assert conflict.changed_at == dt.datetime(2026, 11, 22, 9, 5)
    assert conflict.current_version == 2
    assert str(conflict).startswith("test-admin 在 2026-11-22 09:05 修改了这条记录（您编辑期间）")
    stored = center.seniors.get(senior_id, admin)
    assert (stored.phones, stored.address, stored.version) == (("13912345678",), "金水区文化路 97 号", 2)

    # 保留我的修改: B saves again over A's change, on purpose.
    kept = desk_b.seniors.update(
        senior_id, mine, front_desk, expected_version=conflict.current_version, opened=opened_b
    )
    assert (kept.phones, kept.address, kept.version) == (("13800001111",), "金水区经三路 12 号", 3)
    assert center.seniors.get(senior_id, admin).address == "金水区经三路 12 号"


def test_without_an_expected_version_a_save_is_not_checked(
    center: CareCenter, desk_b: CareCenter, admin: Actor
) -> None:
    senior_id = a_senior(center, admin)
    opened = desk_b.seniors.get(senior_id, admin)
    center.seniors.update(senior_id, replace(opened.as_input(), phones=("13912345678",)), admin)
    saved = desk_b.seniors.update(senior_id, replace(opened.as_input(), notes="腿脚不便"), admin)
    assert (saved.phones, saved.notes, saved.version) == (("13800001111",), "腿脚不便", 3)


def test_a_change_the_form_does_not_show_is_no_conflict(center: CareCenter, admin: Actor) -> None:
    """A health edit (another screen's fields of the same row) cannot be lost by saving the senior form."""
    senior_id = a_senior(center, admin)
    opened = center.seniors.get(senior_id, admin, with_photo=True)
    health = center.health.get(senior_id, admin)
    center.health.update(senior_id, replace(health.as_input(), family_doctor="王医生"), admin)
    saved = center.seniors.update(
        senior_id, replace(opened.as_input(), notes="腿脚不便"), admin, expected_version=opened.version, opened=opened
    )
    assert (saved.notes, saved.version) == ("腿脚不便", 3)
    assert center.health.get(senior_id, admin).family_doctor == "王医生"


def test_a_change_of_child_rows_only_still_counts_the_version_up(center: CareCenter, admin: Actor) -> None:
    """Same second, only the phones differ: the row is still updated, so a stale form is still stopped."""
    senior_id = a_senior(center, admin)
    opened = center.seniors.get(senior_id, admin, with_photo=True)
    first = center.seniors.update(senior_id, replace(opened.as_input(), phones=("13912345678",)), admin)
    second = center.seniors.update(senior_id, replace(opened.as_input(), phones=("13700000000",)), admin)
    assert (opened.version, first.version, second.version) == (1, 2, 3)


def test_two_saves_racing_inside_one_instant_reach_the_user_as_a_conflict(
    center: CareCenter, desk_b: CareCenter, admin: Actor
) -> None:
    """Desk B's save lands between desk A's read and A's UPDATE (SQLAlchemy's StaleDataError).

    The write lock makes this all but impossible between two CareCenter desks; it is forced
    here: while A flushes, the row's version moves on in A's own transaction (so A's UPDATE
    matches nothing), and B's change is committed as soon as A's attempt has rolled back.
    """
    senior_id = a_senior(center, admin)
    opened = center.seniors.get(senior_id, admin, with_photo=True)
    steps: list[str] = []

    def version_moves_on(session: Session, _context: object, _instances: object) -> None:
        if not steps:
            steps.append("raced")
            session.connection().execute(
                text("UPDATE seniors SET version = version + 1 WHERE id = :id"), {"id": senior_id}
            )

    def desk_b_saves(_session: Session, transaction: SessionTransaction) -> None:
        if steps == ["raced"] and transaction.parent is None:
            steps.append("b saved")
            with desk_b.engine.begin() as conn:
                conn.execute(
                    text(
                        "UPDATE seniors SET address = '二七区大学路 1 号', version = version + 1,"
                        " updated_by = 'test-desk' WHERE id = :id"
                    ),
                    {"id": senior_id},
                )

    event.listen(Session, "before_flush", version_moves_on)
    event.listen(Session, "after_transaction_end", desk_b_saves)
    try:
        with pytest.raises(EditConflictError) as err:
            center.seniors.update(
                senior_id,
                replace(opened.as_input(), address="金水区经三路 12 号"),
                admin,
                expected_version=opened.version,
                opened=opened,
            )
    finally:
        event.remove(Session, "before_flush", version_moves_on)
        event.remove(Session, "after_transaction_end", desk_b_saves)
    assert steps == ["raced", "b saved"]
    assert err.value.changes == (FieldChange("住址", "金水区文化路 97 号", "二七区大学路 1 号", "金水区经三路 12 号"),)
    assert (err.value.changed_by, err.value.current_version) == ("test-desk", 2)
    assert center.seniors.get(senior_id, admin).address == "二七区大学路 1 号"


# ---- health ----------------------------------------------------------------------------------


def test_a_stale_health_save_names_the_staff_member_who_changed_it(
    center: CareCenter, desk_b: CareCenter, admin: Actor, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    cheap_hashing(monkeypatch)
    account = center.accounts.add_user("刘芳", "liufang", "Zz-20261122!", Role.SOCIAL_WORKER, admin)
    liu = Actor(username=account.username, role=Role.SOCIAL_WORKER, staff_id=account.staff_id)
    senior_id = a_senior(center, admin)
    opened_a = center.health.get(senior_id, liu)
    opened_b = desk_b.health.get(senior_id, admin)

    clock.current += dt.timedelta(minutes=12)
    center.health.update(
        senior_id,
        replace(opened_a.as_input(), medications=(MedicationEntry("硝苯地平", "1 片", "早晚各一次"),), fall_risk=True),
        liu,
        expected_version=opened_a.version,
        opened=opened_a,
    )
    mine = replace(opened_b.as_input(), allergies="青霉素", family_doctor="王医生")
    with pytest.raises(EditConflictError) as err:
        desk_b.health.update(senior_id, mine, admin, expected_version=opened_b.version, opened=opened_b)
    assert err.value.changes == (
        FieldChange("在用药物", "（无）", "硝苯地平 1 片 早晚各一次", "（无）"),
        FieldChange("跌倒风险", "否", "是", "否"),
    )
    assert (err.value.changed_by, err.value.changed_at) == ("刘芳", dt.datetime(2026, 11, 22, 9, 12))
    assert str(err.value).startswith("刘芳 在 2026-11-22 09:12 修改了这条记录（您编辑期间）")
    assert center.health.get(senior_id, admin).allergies == ""

    kept = desk_b.health.update(senior_id, mine, admin, expected_version=err.value.current_version, opened=opened_b)
    assert (kept.allergies, kept.family_doctor, kept.medications, kept.fall_risk) == ("青霉素", "王医生", (), False)


# ---- care plan drafts ----------------------------------------------------------------------


def test_a_stale_draft_save_shows_the_planned_services_as_text(
    center: CareCenter, desk_b: CareCenter, admin: Actor, social_worker: Actor
) -> None:
    senior_id = a_senior(center, admin)
    day_care = center.catalogue.by_code("day_care")
    assert day_care is not None
    plan = PlanInput(
        needs="独居，行走需扶助",
        goals="每周三次到中心",
        start_on=dt.date(2026, 12, 1),
        review_on=dt.date(2027, 6, 1),
        services=(PlannedServiceInput(day_care.id, weekdays=frozenset({1, 3, 5})),),
    )
    draft = center.care_plans.create(senior_id, plan, social_worker)
    opened_b = desk_b.care_plans.get(draft.id, social_worker)
    assert draft.version == 1  # the plan's own number; edit_version counts saves

    center.care_plans.update_draft(
        draft.id,
        replace(plan, services=(PlannedServiceInput(day_care.id, weekdays=frozenset({2, 4})),)),
        social_worker,
        expected_version=draft.edit_version,
        opened=draft,
    )
    mine = replace(plan, goals="每周三次到中心，保证午餐")
    with pytest.raises(EditConflictError) as err:
        desk_b.care_plans.update_draft(
            draft.id, mine, social_worker, expected_version=opened_b.edit_version, opened=opened_b
        )
    assert err.value.changes == (
        FieldChange("计划服务", "日间托老 周一、三、五", "日间托老 周二、四", "日间托老 周一、三、五"),
    )
    assert center.care_plans.get(draft.id, admin).goals == "每周三次到中心"

    kept = desk_b.care_plans.update_draft(
        draft.id, mine, social_worker, expected_version=err.value.current_version, opened=opened_b
    )
    assert (kept.goals, kept.services[0].weekdays, kept.edit_version, kept.version) == (
        "每周三次到中心，保证午餐",
        frozenset({1, 3, 5}),
        draft.edit_version + 2,
        1,
    )
    unchecked = desk_b.care_plans.update_draft(draft.id, replace(mine, needs="独居"), social_worker)
    assert (unchecked.needs, unchecked.edit_version) == ("独居", draft.edit_version + 3)


# ---- visits and calls ------------------------------------------------------------------------


def test_a_stale_visit_correction_is_refused_then_kept_on_purpose(
    center: CareCenter, desk_b: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    senior_id = a_senior(center, admin)
    li = center.staff.create("李娜", StaffPosition.CAREGIVER, admin).id
    wang = center.staff.create("王芳", StaffPosition.CAREGIVER, admin).id
    cleaning = center.catalogue.by_code("cleaning")
    assert cleaning is not None
    on = dt.date(2026, 11, 20)
    data = VisitInput(
        senior_id=senior_id,
        service_type_id=cleaning.id,
        staff_id=li,
        day=on,
        started_at=dt.datetime(2026, 11, 20, 9, 0),
        ended_at=dt.datetime(2026, 11, 20, 10, 30),
        work_done="打扫厨房",
    )
    visit = center.visits.record(data, front_desk)
    opened_b = desk_b.visits.get(visit.id, front_desk)

    center.visits.update(
        visit.id, replace(data, staff_id=wang), front_desk, expected_version=visit.version, opened=visit
    )
    mine = replace(data, work_done="打扫厨房和卫生间")
    with pytest.raises(EditConflictError) as err:
        desk_b.visits.update(visit.id, mine, front_desk, expected_version=opened_b.version, opened=opened_b)
    assert err.value.changes == (FieldChange("服务人员", "李娜", "王芳", "李娜"),)
    assert center.visits.get(visit.id, admin).work_done == "打扫厨房"

    kept = desk_b.visits.update(visit.id, mine, front_desk, expected_version=err.value.current_version)
    assert (kept.staff_name, kept.work_done, kept.version) == ("李娜", "打扫厨房和卫生间", 3)


def test_a_stale_call_correction_is_refused_then_kept_on_purpose(
    center: CareCenter, desk_b: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    senior_id = a_senior(center, admin)
    data = CallInput(
        CallerKind.FAMILY, "女儿来电：老人在家摔倒", senior_id=senior_id, caller_name="李红", urgency=Urgency.URGENT
    )
    call = center.calls.log(data, front_desk)
    opened_b = desk_b.calls.get(call.id, front_desk)

    center.calls.update(
        call.id,
        replace(data, received_at=call.received_at, caller_phone="13803712233"),
        front_desk,
        expected_version=call.version,
        opened=call,
    )
    mine = replace(data, received_at=call.received_at, action_taken="已通知社区医生上门")
    with pytest.raises(EditConflictError) as err:
        desk_b.calls.update(call.id, mine, front_desk, expected_version=opened_b.version, opened=opened_b)
    assert err.value.changes == (FieldChange("来电电话", "（无）", "13803712233", "（无）"),)
    assert center.calls.get(call.id, admin).action_taken == ""

    kept = desk_b.calls.update(call.id, mine, front_desk, expected_version=err.value.current_version)
    assert (kept.caller_phone, kept.action_taken, kept.version) == ("", "已通知社区医生上门", 3)
    # Closing the call (not a field of the form) is no conflict for a form opened before it.
    center.calls.close(call.id, "医生已上门", front_desk)
    again = desk_b.calls.update(
        call.id, replace(mine, caller_name="李红（女儿）"), front_desk, expected_version=kept.version, opened=kept
    )
    assert (again.caller_name, again.closing_note) == ("李红（女儿）", "医生已上门")


# ---- the upgrade -----------------------------------------------------------------------------


def _to_revision_0008(url: URL) -> None:
    """Take a database back to schema 0008 (before edit versions), its data kept, as an older app left it."""
    engine = engines.create(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
            with conn.begin():
                command.downgrade(migrate.alembic_config(conn), "0008")
            assert "version" not in {c["name"] for c in inspect(conn).get_columns("seniors")}
    finally:
        engine.dispose()


def test_a_database_at_0008_with_data_upgrades_with_every_record_at_version_1(
    db_url: URL, clock: FixedClock, admin: Actor
) -> None:
    old = CareCenter.open(db_url, clock)
    old.centers.create("文化路日间照料中心", admin, code="C001")
    senior_id = a_senior(old, admin)
    old.seniors.update(senior_id, replace(old.seniors.get(senior_id, admin).as_input(), notes="腿脚不便"), admin)
    call = old.calls.log(CallInput(CallerKind.FAMILY, "问午餐", senior_id=senior_id), admin)
    old.close()
    _to_revision_0008(db_url)

    cc = CareCenter.open(db_url, clock)
    try:
        assert cc.migration is not None
        assert (cc.migration.from_revision, cc.migration.to_revision) == ("0008", migrate.SCHEMA_HEAD)
        detail = cc.seniors.get(senior_id, admin)
        assert (detail.name, detail.phones, detail.notes, detail.version) == ("张桂兰", ("13800001111",), "腿脚不便", 1)
        assert (cc.calls.get(call.id, admin).reason, cc.calls.get(call.id, admin).version) == ("问午餐", 1)
        saved = cc.seniors.update(
            senior_id, replace(detail.as_input(), address="经三路"), admin, expected_version=1, opened=detail
        )
        assert saved.version == 2
    finally:
        cc.close()


# ---- the other records behind edit forms -----------------------------------------------------


def test_a_stale_incident_activity_party_order_or_staff_save_is_refused_then_kept(
    center: CareCenter, desk_b: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    """The same three steps for every other record: A saves, B's stale save is refused naming A's field, B keeps."""
    senior_id = a_senior(center, admin)
    center_id = center.centers.by_code("C001").id

    incident = center.incidents.record(
        senior_id, IncidentInput(IncidentKind.FALL, dt.date(2026, 11, 21), "在卫生间滑倒"), admin
    )
    center.incidents.update(incident.id, IncidentInput(IncidentKind.FALL, dt.date(2026, 11, 20), "在卫生间滑倒"), admin)
    mine_incident = IncidentInput(IncidentKind.FALL, dt.date(2026, 11, 21), "在卫生间滑倒", "已通知家属")
    with pytest.raises(EditConflictError) as err:
        desk_b.incidents.update(incident.id, mine_incident, admin, expected_version=incident.version, opened=incident)
    assert err.value.changes == (FieldChange("发生日期", "2026-11-21", "2026-11-20", "2026-11-21"),)
    kept_incident = desk_b.incidents.update(
        incident.id, mine_incident, admin, expected_version=err.value.current_version
    )
    assert (kept_incident.occurred_on, kept_incident.action_taken) == (dt.date(2026, 11, 21), "已通知家属")

    plan = ActivityInput(center_id, "书法课", ActivityKind.RECREATION, dt.date(2026, 11, 25), place="二楼活动室")
    activity = center.activities.create(plan, front_desk)
    center.activities.update(activity.id, replace(plan, place="一楼大厅"), front_desk)
    mine_activity = replace(plan, notes="带毛笔")
    with pytest.raises(EditConflictError) as err:
        desk_b.activities.update(
            activity.id, mine_activity, front_desk, expected_version=activity.version, opened=activity
        )
    assert err.value.changes == (FieldChange("地点", "二楼活动室", "一楼大厅", "二楼活动室"),)
    kept_activity = desk_b.activities.update(
        activity.id, mine_activity, front_desk, expected_version=err.value.current_version
    )
    assert (kept_activity.place, kept_activity.notes) == ("二楼活动室", "带毛笔")

    party_data = PartyInput(dt.date(2026, 12, 18), place="一楼大厅")
    party = center.birthdays.create(center_id, dt.date(2026, 12, 1), party_data, front_desk)
    center.birthdays.update(party.id, replace(party_data, held_on=dt.date(2026, 12, 19)), front_desk)
    with pytest.raises(EditConflictError) as err:
        desk_b.birthdays.update(
            party.id, replace(party_data, notes="订蛋糕"), front_desk, expected_version=party.version, opened=party
        )
    assert err.value.changes == (FieldChange("举办日期", "2026-12-18", "2026-12-19", "2026-12-18"),)
    assert center.birthdays.get(party.id, admin).notes == ""

    order = center.meals.order(OrderInput(senior_id, dt.date(2026, 11, 23)), front_desk)
    center.meals.update_order(order.id, OrderUpdate(delivery=False, notes="少盐"), front_desk)
    with pytest.raises(EditConflictError) as err:
        desk_b.meals.update_order(
            order.id, OrderUpdate(delivery=True), front_desk, expected_version=order.version, opened=order
        )
    assert err.value.changes == (FieldChange("备注", "（无）", "少盐", "（无）"),)
    kept_order = desk_b.meals.update_order(
        order.id, OrderUpdate(delivery=True), front_desk, expected_version=err.value.current_version
    )
    assert (kept_order.delivery, kept_order.address, kept_order.notes) == (True, "金水区文化路 97 号", "")

    staff = center.staff.create("李娜", StaffPosition.CAREGIVER, admin)
    center.staff.update(
        staff.id, admin, name="李娜", position=StaffPosition.CAREGIVER, phone="13700001111", center_id=None
    )
    with pytest.raises(EditConflictError) as err:
        desk_b.staff.update(
            staff.id,
            admin,
            name="李 娜",
            position=StaffPosition.SOCIAL_WORKER,
            phone="",
            center_id=None,
            expected_version=staff.version,
            opened=staff,
        )
    assert err.value.changes == (FieldChange("电话", "（无）", "13700001111", "（无）"),)
    assert center.staff.get(staff.id).position is StaffPosition.CAREGIVER
