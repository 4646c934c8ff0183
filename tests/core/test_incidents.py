"""The incident log: what is recorded, what is refused (field named, nothing saved), who may record."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.care.incidents import IncidentInput
from carecenter.clock import FixedClock
from carecenter.domain.vocab import IncidentKind, Status
from carecenter.errors import NotFoundError, ValidationError
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorDetail, SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id

BIRTH = dt.date(1944, 3, 2)


@pytest.fixture
def senior(center: CareCenter, admin: Actor) -> SeniorDetail:
    return center.seniors.create(SeniorInput(name="张桂兰", id_number=an_id(BIRTH, 11)), admin)


def fall(day: dt.date = TODAY, **changes: Any) -> IncidentInput:
    """A fall on ``day`` as the front desk writes it up, with ``changes`` made to it."""
    typed = IncidentInput(IncidentKind.FALL, day, "  在卫生间滑倒，右膝擦伤  ", "消毒包扎，通知儿子李明")
    return replace(typed, **changes)


def refused(center: CareCenter, senior: SeniorDetail, actor: Actor, data: IncidentInput) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        center.incidents.record(senior.id, data, actor)
    assert center.incidents.for_senior(senior.id, actor) == []  # nothing half-saved
    return {e.field: e.reason for e in caught.value.errors}


def test_front_desk_records_a_fall_with_who_and_what_was_done(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor
) -> None:
    info = center.incidents.record(senior.id, fall(TODAY - dt.timedelta(days=2)), front_desk)
    assert (info.kind, info.occurred_on, info.ended_on) == (IncidentKind.FALL, dt.date(2026, 11, 20), None)
    assert info.description == "在卫生间滑倒，右膝擦伤"  # trimmed
    assert info.action_taken == "消毒包扎，通知儿子李明"
    assert (info.created_by, info.created_at) == ("test-desk", dt.datetime(2026, 11, 22, 9, 0))
    assert info.care_risk is True
    assert center.incidents.for_senior(senior.id, front_desk) == [info]


def test_care_risk_is_fall_choking_wandering_self_harm(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    risky = {
        kind: center.incidents.record(senior.id, fall(kind=kind, description=kind.label), admin).care_risk
        for kind in IncidentKind
    }
    assert risky == {
        IncidentKind.FALL: True,
        IncidentKind.CHOKING: True,
        IncidentKind.WANDERING: True,
        IncidentKind.SELF_HARM: True,
        IncidentKind.HOSPITAL: False,
        IncidentKind.OTHER: False,
    }


def test_newest_first(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    for day, text in ((dt.date(2026, 9, 1), "九月"), (dt.date(2026, 11, 1), "十一月"), (dt.date(2026, 10, 1), "十月")):
        center.incidents.record(senior.id, fall(day, description=text), admin)
    listed = center.incidents.for_senior(senior.id, admin)
    assert [i.description for i in listed] == ["十一月", "十月", "九月"]


def test_a_hospital_stay_may_stay_open_and_be_closed_later(
    center: CareCenter, senior: SeniorDetail, admin: Actor, social_worker: Actor
) -> None:
    stay = IncidentInput(IncidentKind.HOSPITAL, dt.date(2026, 11, 10), "肺炎住院，省人民医院")
    info = center.incidents.record(senior.id, stay, admin)
    assert info.still_in_hospital and info.ended_on is None
    home = IncidentInput(IncidentKind.HOSPITAL, dt.date(2026, 11, 10), "肺炎住院，省人民医院", "出院回家", TODAY)
    updated = center.incidents.update(info.id, home, social_worker)
    assert (updated.ended_on, updated.action_taken, updated.updated_by) == (TODAY, "出院回家", "test-social")
    assert updated.created_by == "test-admin" and not updated.still_in_hospital
    assert center.incidents.get(info.id, admin) == updated


def test_an_unchanged_update_writes_nothing(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    info = center.incidents.record(senior.id, fall(), admin)
    again = center.incidents.update(info.id, fall(), Actor("someone-else", admin.role))
    assert again == info


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"occurred_on": TODAY + dt.timedelta(days=1)}, "occurred_on", "不能晚于今天"),
        ({"occurred_on": BIRTH - dt.timedelta(days=1)}, "occurred_on", "不能早于老人的出生日期"),
        ({"description": "   "}, "description", "必须填写"),
        ({"description": "摔" * 2001}, "description", "最多 2000 个字（现在 2001 个）"),
        ({"ended_on": TODAY}, "ended_on", "只有住院才有结束日期"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(
    center: CareCenter, senior: SeniorDetail, admin: Actor, changes: dict[str, Any], field: str, reason: str
) -> None:
    assert refused(center, senior, admin, fall(**changes)) == {field: reason}


def test_a_stay_cannot_end_before_it_began_or_in_the_future(
    center: CareCenter, senior: SeniorDetail, admin: Actor
) -> None:
    begun = dt.date(2026, 11, 10)
    before = IncidentInput(IncidentKind.HOSPITAL, begun, "住院", ended_on=dt.date(2026, 11, 9))
    assert refused(center, senior, admin, before) == {"ended_on": "不能早于住院开始日（2026-11-10）"}
    later = IncidentInput(IncidentKind.HOSPITAL, begun, "住院", ended_on=TODAY + dt.timedelta(days=3))
    assert refused(center, senior, admin, later) == {"ended_on": "不能晚于今天；仍在住院时请留空"}


def test_every_problem_is_named_at_once(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    bad = fall(TODAY + dt.timedelta(days=1), description="", ended_on=TODAY)
    with pytest.raises(ValidationError) as caught:
        center.incidents.record(senior.id, bad, admin)
    assert [e.field for e in caught.value.errors] == ["occurred_on", "ended_on", "description"]
    assert str(caught.value.for_field("description")) == "经过：必须填写"


def test_a_failed_update_keeps_the_old_values(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    info = center.incidents.record(senior.id, fall(), admin)
    with pytest.raises(ValidationError):
        center.incidents.update(info.id, fall(description="", action_taken="改了"), admin)
    assert center.incidents.get(info.id, admin) == info


def test_not_after_death(center: CareCenter, admin: Actor) -> None:
    data = SeniorInput(name="王秀英", id_number=an_id(BIRTH, 13), registered_on=dt.date(2026, 1, 5))
    senior = center.seniors.create(data, admin)
    died = dt.date(2026, 11, 1)
    center.seniors.change_status(senior.id, Status.DECEASED, died, "", admin)
    before = center.incidents.record(senior.id, fall(dt.date(2026, 10, 30)), admin)
    assert before.occurred_on == dt.date(2026, 10, 30)  # recorded late, still history
    assert refused_after_death(center, senior, admin) == {"occurred_on": "不能晚于老人去世日期（2026-11-01）"}


def refused_after_death(center: CareCenter, senior: SeniorDetail, admin: Actor) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        center.incidents.record(senior.id, fall(dt.date(2026, 11, 5)), admin)
    return {e.field: e.reason for e in caught.value.errors}


def test_unknown_senior_or_incident(center: CareCenter, admin: Actor) -> None:
    with pytest.raises(NotFoundError):
        center.incidents.record(999, fall(), admin)
    with pytest.raises(NotFoundError):
        center.incidents.update(999, fall(), admin)


def test_a_correction_is_in_the_audit_trail(
    center: CareCenter, senior: SeniorDetail, admin: Actor, social_worker: Actor, clock: FixedClock
) -> None:
    info = center.incidents.record(senior.id, fall(), admin)
    clock.current += dt.timedelta(hours=1)
    center.incidents.update(info.id, fall(action_taken="送社区医院检查"), social_worker)
    lines = center.audit.lines(admin, AuditFilter(actor="test-social"))
    assert [(x.entity, x.entity_id, x.field, x.before, x.after) for x in lines] == [
        ("incident", info.id, "action_taken", "消毒包扎，通知儿子李明", "送社区医院检查")
    ]
    assert lines[0].senior_id == senior.id
