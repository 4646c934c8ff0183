"""Consent to the processing of personal data: recorded with date, staff and scan; the follow-up list."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.domain.vocab import StaffPosition, Status
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.seniors.dto import SeniorDetail, SeniorInput
from carecenter.staff import StaffInfo
from tests.conftest import TODAY
from tests.core.helpers import an_id

PDF = b"%PDF-1.4\n% signed form\n"


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> list[SeniorDetail]:
    return [
        center.seniors.create(SeniorInput(name=name, id_number=an_id(dt.date(1940, 1, i + 1), 11 + i)), admin)
        for i, name in enumerate(("张桂兰", "李建国", "王秀英"))
    ]


@pytest.fixture
def worker(center: CareCenter, admin: Actor) -> StaffInfo:
    return center.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, admin)


def test_recorded_consent_takes_the_senior_off_the_follow_up_list(
    center: CareCenter, seniors: list[SeniorDetail], worker: StaffInfo, front_desk: Actor, admin: Actor
) -> None:
    zhang, li, wang = seniors
    assert center.consent.missing(front_desk) == [li.id, wang.id, zhang.id]  # by pinyin: li, wang, zhang
    info = center.consent.record(zhang.id, TODAY, worker.id, front_desk, notes="家属在场", scan=PDF)
    assert (info.given_on, info.taken_by_name, info.scan_mime, info.valid) == (TODAY, "刘社工", "application/pdf", True)
    assert center.consent.missing(front_desk) == [li.id, wang.id]
    assert center.consent.current(zhang.id, front_desk) == info
    line = next(x for x in center.audit.lines(admin) if x.entity == "consent" and x.field == "given_on")
    assert (line.actor, line.action, line.after, line.senior_id) == ("test-desk", "create", "2026-11-22", zhang.id)


def test_withdrawn_consent_puts_the_senior_back_on_the_list(
    center: CareCenter, seniors: list[SeniorDetail], worker: StaffInfo, admin: Actor
) -> None:
    zhang = seniors[0]
    center.consent.record(zhang.id, TODAY - dt.timedelta(days=30), worker.id, admin)
    withdrawn = center.consent.withdraw(zhang.id, TODAY, admin)
    assert withdrawn.withdrawn_on == TODAY and not withdrawn.valid
    assert zhang.id in center.consent.missing(admin)
    assert len(center.consent.history(zhang.id, admin)) == 1
    with pytest.raises(ValidationError, match="没有可撤回的有效同意"):
        center.consent.withdraw(zhang.id, TODAY, admin)


def test_seniors_who_left_are_not_followed_up(center: CareCenter, seniors: list[SeniorDetail], admin: Actor) -> None:
    center.seniors.change_status(seniors[1].id, Status.WITHDRAWN, TODAY, "搬走", admin)
    center.seniors.change_status(seniors[2].id, Status.PAUSED, TODAY, "住院", admin)
    assert center.consent.missing(admin) == [seniors[2].id, seniors[0].id]


def test_bad_input_is_refused_field_by_field(
    center: CareCenter, seniors: list[SeniorDetail], worker: StaffInfo, admin: Actor
) -> None:
    with pytest.raises(ValidationError) as err:
        center.consent.record(seniors[0].id, TODAY + dt.timedelta(days=1), 999, admin, notes="x" * 201, scan=b"GIF89a")
    assert {e.field: e.reason for e in err.value.errors} == {
        "given_on": "不能晚于今天",
        "taken_by_staff_id": "请选择在职的员工",
        "notes": "最多 200 个字（现在 201 个）",
        "scan": "只能是 PDF、JPEG 或 PNG 文件",
    }
    assert center.consent.current(seniors[0].id, admin) is None


def test_the_scan_is_for_roles_that_see_full_ids_and_viewing_it_is_recorded(
    center: CareCenter,
    seniors: list[SeniorDetail],
    worker: StaffInfo,
    front_desk: Actor,
    social_worker: Actor,
    admin: Actor,
) -> None:
    info = center.consent.record(seniors[0].id, TODAY, worker.id, front_desk, scan=PDF)
    with pytest.raises(PermissionDeniedError):
        center.consent.scan(info.id, front_desk)
    assert center.consent.scan(info.id, social_worker) == ("application/pdf", PDF)
    viewed = center.audit.lines(admin, AuditFilter(actor="test-social"))
    assert [(x.action, x.entity, x.field, x.senior_id) for x in viewed] == [("view", "consent", "scan", seniors[0].id)]
