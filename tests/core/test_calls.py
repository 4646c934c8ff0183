"""The call log (助急): logging, the incident recorded in the same step, follow-ups, closing, voiding, counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from carecenter.actor import Actor
from carecenter.care.incidents import IncidentInput
from carecenter.clock import CENTER_TZ, FixedClock
from carecenter.db.desk_models import Call
from carecenter.db.models import Incident
from carecenter.desk.call_dto import CallInfo, CallInput
from carecenter.desk.voiding import AlreadyVoidedError
from carecenter.domain.desk_vocab import CallerKind, Urgency
from carecenter.domain.vocab import IncidentKind
from carecenter.errors import FieldError, ValidationError
from carecenter.facade import CareCenter
from tests.conftest import TODAY
from tests.core.test_due import senior

NOW = dt.datetime(2026, 11, 22, 9, 0)  # the clock fixture


@pytest.fixture
def zhang(center: CareCenter, admin: Actor) -> int:
    return senior(center, admin, "张桂兰", 11).id


@pytest.fixture
def center_id(center: CareCenter) -> int:
    return center.centers.by_code("C001").id


def urgent(senior_id: int, **changes: object) -> CallInput:
    data = CallInput(
        CallerKind.FAMILY,
        "女儿来电：老人在家摔倒，起不来",
        senior_id=senior_id,
        caller_name="李红",
        caller_phone="138 0371 2233",
        urgency=Urgency.URGENT,
        action_taken="已通知社区医生上门",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def routine(center_id: int, **changes: object) -> CallInput:
    data = CallInput(CallerKind.NEIGHBOUR, "问明天午餐吃什么", center_id=center_id, caller_name="王阿姨")
    return replace(data, **changes)  # type: ignore[arg-type]


def fields(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {e.field: e.reason for e in exc.value.errors}


def count(cc: CareCenter, model: type[Call] | type[Incident]) -> int:
    with cc.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def test_an_urgent_call_is_logged_open_with_the_seniors_center(
    center: CareCenter, front_desk: Actor, zhang: int, center_id: int
) -> None:
    call = center.calls.log(urgent(zhang), front_desk)
    assert (call.center_id, call.senior_id, call.senior_name, call.senior_member_no) == (
        center_id,
        zhang,
        "张桂兰",
        "M000001",
    )
    assert (call.received_at, call.caller_phone, call.urgency, call.closed_at) == (
        NOW,
        "13803712233",
        Urgency.URGENT,
        None,
    )
    assert call.is_open and call.urgent and call.created_by == "test-desk"
    assert center.calls.get(call.id, front_desk) == call


def test_a_routine_call_without_follow_up_is_done_when_logged(
    center: CareCenter, front_desk: Actor, center_id: int
) -> None:
    done = center.calls.log(routine(center_id), front_desk)
    assert (done.senior_id, done.center_id, done.closed_at, done.is_open) == (None, center_id, NOW, False)
    later = center.calls.log(routine(center_id, follow_up_on=dt.date(2026, 11, 24)), front_desk)
    assert later.is_open and not later.follow_up_due(TODAY)
    assert later.follow_up_due(dt.date(2026, 11, 24))
    assert [c.id for c in center.calls.open_calls(front_desk, center_id)] == [later.id]


def test_an_urgent_call_stays_open_across_days_until_closed_with_a_note(
    center: CareCenter, front_desk: Actor, zhang: int, center_id: int, clock: FixedClock
) -> None:
    call = center.calls.log(urgent(zhang), front_desk)
    for days in (1, 5, 40):
        clock.current = dt.datetime(2026, 11, 22, 8, tzinfo=CENTER_TZ) + dt.timedelta(days=days)
        assert [c.id for c in center.calls.open_urgent(front_desk, center_id)] == [call.id]
    with pytest.raises(ValidationError) as refused:
        center.calls.close(call.id, "  ", front_desk)
    assert fields(refused) == {"closing_note": "紧急来电必须填写：说明做了什么"}
    assert center.calls.get(call.id, front_desk).is_open
    closed = center.calls.close(call.id, "医生已上门，无骨折；女儿陪护", front_desk)
    assert (closed.closed_at, closed.closing_note) == (dt.datetime(2027, 1, 1, 8), "医生已上门，无骨折；女儿陪护")
    assert center.calls.open_urgent(front_desk, center_id) == []
    assert center.calls.open_urgent(front_desk, None) == []
    with pytest.raises(ValidationError) as again:
        center.calls.close(call.id, "再次结案", front_desk)
    assert fields(again) == {"closing_note": "此来电已结案（2027-01-01 08:00）"}


def test_open_calls_list_urgent_first_then_by_follow_up_day(
    center: CareCenter, front_desk: Actor, zhang: int, center_id: int
) -> None:
    later = center.calls.log(routine(center_id, follow_up_on=dt.date(2026, 11, 30)), front_desk)
    sooner = center.calls.log(routine(center_id, follow_up_on=dt.date(2026, 11, 23)), front_desk)
    first_urgent = center.calls.log(urgent(zhang, received_at=dt.datetime(2026, 11, 20, 9)), front_desk)
    second_urgent = center.calls.log(urgent(zhang, follow_up_on=TODAY), front_desk)
    center.calls.log(routine(center_id), front_desk)  # done at once: not open
    opened = center.calls.open_calls(front_desk, center_id)
    assert [c.id for c in opened] == [second_urgent.id, first_urgent.id, sooner.id, later.id]
    assert [c.id for c in center.calls.open_urgent(front_desk, center_id)] == [first_urgent.id, second_urgent.id]
    # A normal call that is closed needs no note.
    assert center.calls.close(later.id, "", front_desk).closing_note == ""


def test_a_call_with_an_incident_writes_both_linked(
    center: CareCenter, front_desk: Actor, zhang: int, admin: Actor
) -> None:
    fall = IncidentInput(IncidentKind.FALL, TODAY, "在卫生间滑倒，右膝擦伤", "社区医生已处理")
    call = center.calls.log(urgent(zhang), front_desk, incident=fall)
    assert call.incident_kind is IncidentKind.FALL and call.incident_id is not None
    [recorded] = center.incidents.for_senior(zhang, front_desk)
    assert (recorded.id, recorded.kind, recorded.description, recorded.created_by) == (
        call.incident_id,
        IncidentKind.FALL,
        "在卫生间滑倒，右膝擦伤",
        "test-desk",
    )
    assert center.calls.month_counts(front_desk, None, TODAY).incidents == 1


def test_an_invalid_incident_refuses_the_call_too(
    center: CareCenter, front_desk: Actor, zhang: int, center_id: int
) -> None:
    bad = IncidentInput(IncidentKind.FALL, TODAY + dt.timedelta(days=1), "  ")
    with pytest.raises(ValidationError) as refused:
        center.calls.log(urgent(zhang, reason=""), front_desk, incident=bad)
    assert fields(refused) == {
        "reason": "必须填写",
        "incident_occurred_on": "不能晚于今天",
        "incident_description": "必须填写",
    }
    with pytest.raises(ValidationError) as nobody:
        center.calls.log(routine(center_id), front_desk, incident=replace(bad, occurred_on=TODAY, description="摔倒"))
    assert fields(nobody) == {"senior_id": "记录事件需要指明老人：选择是谁发生的"}
    assert (count(center, Call), count(center, Incident)) == (0, 0)


def test_bad_calls_are_refused_with_every_field_named(
    center: CareCenter, front_desk: Actor, zhang: int, center_id: int
) -> None:
    with pytest.raises(ValidationError) as future:
        center.calls.log(urgent(zhang, received_at=NOW + dt.timedelta(minutes=1)), front_desk)
    assert fields(future) == {"received_at": "不能晚于今天"}
    aware = dt.datetime(2026, 11, 22, 1, 0, tzinfo=dt.UTC)  # 09:00 in Zhengzhou: now, not the future
    assert center.calls.log(urgent(zhang, received_at=aware), front_desk).received_at == NOW
    with pytest.raises(ValidationError) as bad:
        center.calls.log(
            routine(
                center_id,
                caller_phone="电话",
                received_at=dt.datetime(2026, 11, 21, 18),
                follow_up_on=dt.date(2026, 11, 20),
            ),
            front_desk,
        )
    assert fields(bad) == {
        "caller_phone": "“电话”不是电话号码",
        "follow_up_on": "不能早于来电当天（2026-11-21）",
    }
    with pytest.raises(ValidationError) as no_center:
        center.calls.log(replace(routine(center_id), center_id=None), front_desk)
    assert fields(no_center) == {"center_id": "请选择来电所属的站点（未指明老人）"}
    assert count(center, Call) == 1


def test_update_reopens_or_closes_as_the_follow_up_needs(
    center: CareCenter, front_desk: Actor, center_id: int, clock: FixedClock
) -> None:
    call = center.calls.log(routine(center_id), front_desk)
    assert not call.is_open
    clock.current = dt.datetime(2026, 11, 22, 11, tzinfo=CENTER_TZ)
    reopened = center.calls.update(call.id, routine(center_id, follow_up_on=dt.date(2026, 11, 25)), front_desk)
    assert reopened.is_open and reopened.received_at == NOW  # the time of the call is kept
    assert (reopened.updated_at, reopened.updated_by) == (dt.datetime(2026, 11, 22, 11), "test-desk")
    closed = center.calls.update(call.id, routine(center_id), front_desk)
    assert closed.closed_at == dt.datetime(2026, 11, 22, 11)
    assert center.calls.update(call.id, routine(center_id), front_desk) == closed  # nothing changed: nothing written


def test_void_takes_the_call_out_of_every_list_but_keeps_its_incident(
    center: CareCenter, front_desk: Actor, zhang: int, center_id: int
) -> None:
    fall = IncidentInput(IncidentKind.FALL, TODAY, "摔倒")
    call = center.calls.log(urgent(zhang), front_desk, incident=fall)
    with pytest.raises(FieldError) as no_reason:
        center.calls.void(call.id, "", front_desk)
    assert (no_reason.value.field, no_reason.value.reason) == ("void_reason", "必须填写")
    voided = center.calls.void(call.id, "重复登记", front_desk)
    assert (voided.voided, voided.void_reason) == (True, "重复登记")
    assert center.calls.open_urgent(front_desk, center_id) == []
    assert center.calls.list(front_desk, center_id, TODAY, TODAY) == []
    assert center.calls.month_counts(front_desk, center_id, TODAY).total == 0
    assert len(center.incidents.for_senior(zhang, front_desk)) == 1
    with pytest.raises(AlreadyVoidedError):
        center.calls.close(call.id, "已处理", front_desk)


def test_list_and_month_counts(center: CareCenter, front_desk: Actor, zhang: int, center_id: int) -> None:
    def at(day: int, hour: int = 9) -> dt.datetime:
        return dt.datetime(2026, 11, day, hour)

    center.calls.log(routine(center_id, received_at=dt.datetime(2026, 10, 31, 23, 59)), front_desk)  # October
    first = center.calls.log(routine(center_id, received_at=at(1, 0)), front_desk)
    family = center.calls.log(urgent(zhang, received_at=at(15)), front_desk)
    center.calls.close(family.id, "已处理", front_desk)
    own = center.calls.log(urgent(zhang, caller_kind=CallerKind.SENIOR, received_at=at(22, 8)), front_desk)
    center.calls.log(
        urgent(zhang, received_at=at(21)), front_desk, incident=IncidentInput(IncidentKind.FALL, TODAY, "摔倒")
    )
    listed: list[CallInfo] = center.calls.list(front_desk, center_id, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [c.received_at for c in listed] == [own.received_at, at(21), at(15), first.received_at]
    assert [c.id for c in center.calls.list(front_desk, center_id, TODAY, TODAY)] == [own.id]
    counts = center.calls.month_counts(front_desk, center_id, dt.date(2026, 11, 30))
    assert (counts.month, counts.total, counts.closed, counts.still_open, counts.incidents) == (
        dt.date(2026, 11, 1),
        4,
        2,
        2,
        1,
    )
    assert counts.by_urgency == {Urgency.NORMAL: 1, Urgency.URGENT: 3}
    assert counts.by_caller == {
        CallerKind.SENIOR: 1,
        CallerKind.FAMILY: 2,
        CallerKind.NEIGHBOUR: 1,
        CallerKind.OTHER: 0,
    }
    assert center.calls.month_counts(front_desk, center_id, dt.date(2026, 10, 1)).total == 1


def test_the_trail_names_who_logged_and_closed(center: CareCenter, front_desk: Actor, admin: Actor, zhang: int) -> None:
    call = center.calls.log(urgent(zhang), front_desk)
    center.calls.close(call.id, "已处理", admin)
    lines = [(line.action, line.field, line.actor) for line in center.audit.lines(admin) if line.entity == "call"]
    assert ("create", "reason", "test-desk") in lines
    assert ("update", "closing_note", "test-admin") in lines
