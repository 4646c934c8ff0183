"""The audit trail: every change is on record with its actor and before/after values, in the
same transaction; nobody can change the record; admins read, filter and export it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from carecenter.actor import Actor, Role
from carecenter.audit import AuditFilter, AuditLine
from carecenter.clock import FixedClock
from carecenter.domain.vocab import Category, Status
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.seniors.dto import CategoryPeriod, SeniorDetail, SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id

RAW_ID = an_id(dt.date(1945, 3, 2), 42)


@pytest.fixture
def senior(center: CareCenter, admin: Actor) -> SeniorDetail:
    return center.seniors.create(
        SeniorInput(
            name="张桂兰",
            id_number=RAW_ID,
            phones=("13803711234",),
            categories=(CategoryPeriod(Category.DIBAO, dt.date(2026, 1, 1)),),
        ),
        admin,
    )


def changes(cc: CareCenter, admin: Actor, **where: object) -> list[tuple[str, str, str, str, str]]:
    """(actor, action, field, before, after) of the senior lines, oldest first."""
    lines = cc.audit.lines(admin, AuditFilter(**where), newest_first=False)  # type: ignore[arg-type]
    return [(x.actor, x.action, x.field, x.before, x.after) for x in lines if x.entity == "senior"]


def test_registering_records_every_field_with_the_actor(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    created = {field: after for actor, action, field, _before, after in changes(center, admin) if action == "create"}
    assert created["name"] == "张桂兰"
    assert created["id_number"] == RAW_ID
    assert created["member_no"] == senior.member_no
    assert created["phones"] == "13803711234"
    assert created["categories"] == "低保 2026-01-01~"
    assert created["status"] == "在册"
    assert {a for a, action, *_ in changes(center, admin)} == {"test-admin"}


def test_an_edit_records_only_what_changed_before_and_after(
    center: CareCenter, senior: SeniorDetail, admin: Actor, front_desk: Actor, clock: FixedClock
) -> None:
    clock.current += dt.timedelta(hours=2)
    shown = center.seniors.get(senior.id, front_desk).as_input()
    center.seniors.update(
        senior.id, replace(shown, phones=("13900001111", "13803711234"), address="文化路1号"), front_desk
    )
    lines = [c for c in changes(center, admin) if c[1] == "update"]
    assert lines == [
        ("test-desk", "update", "address", "", "文化路1号"),
        ("test-desk", "update", "phones", "13803711234", "13900001111、13803711234"),
    ]
    entry = center.audit.lines(admin, AuditFilter(actor="test-desk"))[0]
    assert entry.at == dt.datetime(2026, 11, 22, 11, 0)
    assert entry.senior_id == senior.id and entry.senior_name == "张桂兰"


def test_saving_unchanged_records_nothing(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    before = len(center.audit.lines(admin))
    center.seniors.update(senior.id, center.seniors.get(senior.id, admin).as_input(), admin)
    assert len(center.audit.lines(admin)) == before


def test_a_status_change_records_the_status_and_the_history(
    center: CareCenter, senior: SeniorDetail, admin: Actor, social_worker: Actor
) -> None:
    center.seniors.change_status(senior.id, Status.PAUSED, TODAY, "住院", social_worker)
    lines = [c for c in changes(center, admin) if c[1] == "update"]
    assert lines == [
        ("test-social", "update", "status", "在册", "暂停"),
        (
            "test-social",
            "update",
            "status_changes",
            "2026-11-22 在册 登记入册",
            "2026-11-22 在册 登记入册、2026-11-22 暂停 住院",
        ),
    ]


def test_a_refused_change_leaves_no_line(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    before = center.audit.lines(admin)
    shown = center.seniors.get(senior.id, admin).as_input()
    with pytest.raises(ValidationError):
        center.seniors.update(senior.id, replace(shown, name="张桂兰", phones=("12",)), admin)
    with pytest.raises(PermissionDeniedError):
        center.seniors.change_status(senior.id, Status.DECEASED, TODAY, "", Actor("desk", Role.FRONT_DESK))
    assert center.audit.lines(admin) == before


def test_the_trail_cannot_be_changed_or_deleted(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    for statement in ("UPDATE audit_log SET actor = 'someone'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="audit trail cannot be changed"), center.engine.begin() as conn:
            conn.execute(text(statement))
    # The shipped subsidy policy is written (and recorded) when the database is first opened.
    assert {line.actor for line in center.audit.lines(admin)} == {"system:default-policy", "test-admin"}


def test_only_admins_read_the_trail(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor, social_worker: Actor
) -> None:
    for actor in (front_desk, social_worker):
        with pytest.raises(PermissionDeniedError):
            center.audit.lines(actor)
        with pytest.raises(PermissionDeniedError):
            center.audit.actors(actor)


def test_filters_by_senior_staff_and_day(
    center: CareCenter, senior: SeniorDetail, admin: Actor, front_desk: Actor, clock: FixedClock
) -> None:
    other = center.seniors.create(SeniorInput(name="李建国", id_number=an_id(dt.date(1940, 5, 6), 13)), admin)
    clock.current += dt.timedelta(days=1)
    shown = center.seniors.get(other.id, front_desk).as_input()
    center.seniors.update(other.id, replace(shown, address="北下街2号"), front_desk)

    by_senior = center.audit.lines(admin, AuditFilter(senior="zgl"))
    assert by_senior and {line.senior_id for line in by_senior} == {senior.id}
    assert {line.senior_id for line in center.audit.lines(admin, AuditFilter(senior=other.member_no))} == {other.id}
    assert center.audit.lines(admin, AuditFilter(senior="没有这个人")) == []

    desk = center.audit.lines(admin, AuditFilter(actor="test-desk"))
    assert [(x.field, x.after) for x in desk] == [("address", "北下街2号")]
    tomorrow = TODAY + dt.timedelta(days=1)
    assert center.audit.lines(admin, AuditFilter(since=tomorrow)) == desk
    assert all(x.at.date() == TODAY for x in center.audit.lines(admin, AuditFilter(until=TODAY)))
    assert [c.username for c in center.audit.actors(admin)] == ["system:default-policy", "test-admin", "test-desk"]


def test_export_to_xlsx_is_itself_recorded(
    center: CareCenter, senior: SeniorDetail, admin: Actor, tmp_path: Path
) -> None:
    target = tmp_path / "审计.xlsx"
    count = center.audit.export_xlsx(admin, target, AuditFilter(senior="张桂兰"))
    lines = center.audit.lines(admin, AuditFilter(senior="张桂兰"), newest_first=False)
    assert count == len(lines)
    sheet = load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("时间", "用户名", "员工", "操作", "记录", "老人", "会员号", "字段", "修改前", "修改后")
    name_row = next(r for r in rows[1:] if r[7] == "姓名")
    assert name_row[1:] == ("test-admin", None, "新增", "老人", "张桂兰", senior.member_no, "姓名", None, "张桂兰")
    assert len(rows) == count + 1
    exported: AuditLine = center.audit.lines(admin)[0]
    assert (exported.action, exported.entity, exported.actor) == ("export", "audit", "test-admin")
    assert exported.after.startswith(f"{count} lines; 审计.xlsx")
