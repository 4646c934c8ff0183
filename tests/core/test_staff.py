"""Staff members: details changed and validated, leavers deactivated with their login, roles enforced."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest
from sqlalchemy import select

from carecenter.actor import Actor, Role
from carecenter.db.models import AuditEntry
from carecenter.domain.vocab import StaffPosition
from carecenter.errors import AuthError, NotFoundError, ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.staff import StaffInfo
from tests.core.helpers import cheap_hashing


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture
def cook(center: CareCenter, admin: Actor) -> StaffInfo:
    return center.staff.create("孙师傅", StaffPosition.COOK, admin, phone="13900002222")


@pytest.fixture
def desk(center: CareCenter, admin: Actor) -> StaffInfo:
    """李小丽, front desk, logs in as xiaoli / wenhua2026."""
    info = center.accounts.add_user("李小丽", "xiaoli", "wenhua2026", Role.FRONT_DESK, admin)
    return center.staff.get(info.staff_id)


def test_get_and_update(center: CareCenter, admin: Actor, cook: StaffInfo) -> None:
    assert center.staff.get(cook.id) == cook
    center_id = center.centers.list()[0].id
    changed = center.staff.update(
        cook.id,
        admin,
        name=" 孙 大厨 ",
        position=StaffPosition.CAREGIVER,
        phone="１３９００００３３３３",
        center_id=center_id,
    )
    assert (changed.name, changed.position, changed.phone, changed.center_id) == (
        "孙大厨",
        StaffPosition.CAREGIVER,
        "13900003333",
        center_id,
    )
    assert center.staff.get(cook.id) == changed
    with pytest.raises(NotFoundError, match=r"^没有编号为 999 的员工。$"):
        center.staff.get(999)


def test_update_is_validated_as_on_creation(center: CareCenter, admin: Actor, cook: StaffInfo) -> None:
    with pytest.raises(ValidationError) as err:
        center.staff.update(cook.id, admin, name="  ", position=StaffPosition.COOK, phone="call me", center_id=42)
    assert [str(e) for e in err.value.errors] == ["姓名：必须填写", "电话：“callme”不是电话号码", "站点：站点不存在"]
    assert center.staff.get(cook.id) == cook


def test_update_is_in_the_trail_and_an_unchanged_form_writes_nothing(
    center: CareCenter, admin: Actor, cook: StaffInfo
) -> None:
    def trail() -> list[tuple[str, ...]]:
        with center.engine.connect() as conn:
            rows = conn.execute(
                select(AuditEntry.action, AuditEntry.field, AuditEntry.before, AuditEntry.after)
                .where(AuditEntry.entity == "staff", AuditEntry.entity_id == cook.id, AuditEntry.action == "update")
                .order_by(AuditEntry.id)
            ).all()
        return [tuple(r) for r in rows]

    same = {"name": cook.name, "position": cook.position, "phone": cook.phone, "center_id": cook.center_id}
    center.staff.update(cook.id, admin, **same)  # type: ignore[arg-type]
    assert trail() == []
    center.staff.update(cook.id, admin, **{**same, "phone": "13900004444"})  # type: ignore[arg-type]
    assert trail() == [("update", "phone", "13900002222", "13900004444")]


def test_a_leaver_is_deactivated_with_their_login(center: CareCenter, admin: Actor, desk: StaffInfo) -> None:
    gone = center.staff.set_active(desk.id, False, admin)
    assert not gone.active
    (account,) = center.accounts.list_accounts()
    assert account.disabled
    with pytest.raises(AuthError, match=r"^账号已停用，请找管理员。$"):
        center.accounts.login("xiaoli", "wenhua2026")
    with pytest.raises(AuthError, match=r"^李小丽 已不在职，请先恢复该员工。$"):
        center.accounts.enable(admin, "xiaoli")

    back = center.staff.set_active(desk.id, True, admin)
    assert back.active and center.accounts.list_accounts()[0].disabled  # the login stays off until enabled
    center.accounts.enable(admin, "xiaoli")
    assert center.accounts.login("xiaoli", "wenhua2026").staff_id == desk.id


def test_an_inactive_staff_member_cannot_log_in_even_if_the_account_is_enabled(
    center: CareCenter, admin: Actor, desk: StaffInfo
) -> None:
    """Defence in depth: data written by an older version may have an active account on an inactive person."""
    center.staff.set_active(desk.id, False, admin)
    with center.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE accounts SET disabled = false")
    assert not center.accounts.list_accounts()[0].disabled
    with pytest.raises(AuthError, match=r"^账号已停用，请找管理员。$"):
        center.accounts.login("xiaoli", "wenhua2026")
    with pytest.raises(AuthError, match=r"^用户名或密码不对。$"):
        center.accounts.login("xiaoli", "wrong-password")  # a stranger still learns nothing


def test_the_last_admin_cannot_be_deactivated(center: CareCenter, admin: Actor) -> None:
    wang = center.accounts.create_first_admin("王站长", "wang", "Zhengzhou-1")
    with pytest.raises(AuthError, match=r"^wang 是唯一在用的管理员账号，不能停用。$"):
        center.staff.set_active(wang.staff_id, False, admin)
    assert center.staff.get(wang.staff_id).active
    assert not center.accounts.list_accounts()[0].disabled

    zhao = center.accounts.add_user("赵主任", "zhao", "Zhengzhou-2", Role.ADMIN, admin)
    center.staff.set_active(zhao.staff_id, False, admin)  # zhao can no longer log in ...
    with pytest.raises(AuthError, match="唯一在用的管理员"):
        center.accounts.disable(admin, "wang")  # ... so wang is still the last one
    center.staff.set_active(zhao.staff_id, True, admin)
    center.accounts.enable(admin, "zhao")
    assert not center.staff.set_active(wang.staff_id, False, admin).active


def test_setting_the_same_state_again_changes_nothing(center: CareCenter, admin: Actor, cook: StaffInfo) -> None:
    assert center.staff.set_active(cook.id, True, admin) == cook


def test_the_front_desk_is_refused_every_staff_write(
    center: CareCenter, admin: Actor, front_desk: Actor, social_worker: Actor, cook: StaffInfo, desk: StaffInfo
) -> None:
    before = (center.staff.list(), center.accounts.list_accounts())
    for actor in (front_desk, social_worker):
        refused: list[Callable[[], object]] = [
            partial(center.staff.create, "钱", StaffPosition.VOLUNTEER, actor),
            partial(
                center.staff.update, cook.id, actor, name="钱", position=StaffPosition.COOK, phone="", center_id=None
            ),
            partial(center.staff.set_active, desk.id, False, actor),
            partial(center.staff.set_active, cook.id, False, actor),
        ]
        for call in refused:
            with pytest.raises(PermissionDeniedError):
                call()
    assert (center.staff.list(), center.accounts.list_accounts()) == before
    assert center.accounts.login("xiaoli", "wenhua2026").username == "xiaoli"
