"""Accounts: the first admin once, password rules, lock-out edges on an injected clock, disabling, roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select

from carecenter.accounts import LOCK_MINUTES, MAX_FAILURES
from carecenter.actor import Actor, Role
from carecenter.clock import FixedClock
from carecenter.db.models import Account, AuditEntry
from carecenter.domain.vocab import StaffPosition
from carecenter.errors import AuthError, NotFoundError, ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from tests.core.helpers import cheap_hashing

WRONG = "用户名或密码不对。"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture
def desk(center: CareCenter, admin: Actor) -> str:
    """A front-desk account 'xiaoli' with password 'wenhua2026'."""
    center.accounts.add_user("李小丽", "xiaoli", "wenhua2026", Role.FRONT_DESK, admin)
    return "xiaoli"


def fail(cc: CareCenter, username: str, times: int) -> list[str]:
    messages = []
    for _ in range(times):
        with pytest.raises(AuthError) as err:
            cc.accounts.login(username, "not-the-password")
        messages.append(str(err.value))
    return messages


def test_first_admin_only_once(center: CareCenter) -> None:
    assert center.accounts.needs_first_admin()
    info = center.accounts.create_first_admin("王站长", "wang", "Zhengzhou-1")
    assert (info.username, info.role, info.staff_name, info.position) == (
        "wang",
        Role.ADMIN,
        "王站长",
        StaffPosition.MANAGER,
    )
    assert not center.accounts.needs_first_admin()
    with pytest.raises(AuthError, match=r"^管理员账号已经建好了，请直接登录。$"):
        center.accounts.create_first_admin("冒充者", "evil", "Zhengzhou-2")
    assert [a.username for a in center.accounts.list_accounts()] == ["wang"]
    actor = center.accounts.login("WANG", "Zhengzhou-1")
    assert actor == Actor("wang", Role.ADMIN, staff_id=info.staff_id)


def test_first_admin_is_validated(center: CareCenter) -> None:
    with pytest.raises(ValidationError) as err:
        center.accounts.create_first_admin("", "wang zhan", "12345678")
    assert {e.field for e in err.value.errors} == {"name", "username", "password"}
    assert center.accounts.needs_first_admin()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("abc123", "密码：至少 8 个字符"),
        ("2026112200", "密码：不能全是数字，请加上字母或符号"),
        ("XiaoZhang", "密码：不能和用户名相同"),
    ],
)
def test_password_rules(center: CareCenter, admin: Actor, password: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        center.accounts.add_user("张小", "xiaozhang", password, Role.FRONT_DESK, admin)
    assert str(err.value) == message and err.value.errors[0].field == "password"
    assert center.accounts.list_accounts() == []
    assert center.staff.list() == []


def test_usernames_are_unique_whatever_the_case(center: CareCenter, admin: Actor, desk: str) -> None:
    with pytest.raises(ValidationError, match=r"^用户名：XiaoLi 已经有人用了$"):
        center.accounts.add_user("李小丽二", "XiaoLi", "another-pass", Role.FRONT_DESK, admin)


def test_the_hash_is_argon2_and_never_listed(center: CareCenter, desk: str) -> None:
    with center.engine.connect() as conn:
        stored = conn.execute(select(Account.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "wenhua2026" not in stored
    (info,) = center.accounts.list_accounts()
    assert "password_hash" not in info.__dataclass_fields__ and stored not in repr(info)


def test_wrong_password_and_unknown_user_get_the_same_message(center: CareCenter, desk: str) -> None:
    assert fail(center, desk, 1) == [WRONG]
    assert fail(center, "nobody", 1) == [WRONG]


def test_the_fifth_failure_locks_for_fifteen_minutes(center: CareCenter, clock: FixedClock, desk: str) -> None:
    start = clock.current
    assert fail(center, desk, MAX_FAILURES - 1) == [WRONG] * 4
    assert fail(center, desk, 1) == ["账号已锁定，请 15 分钟后再试。"]
    locked_until = start + dt.timedelta(minutes=LOCK_MINUTES)
    assert center.accounts.list_accounts()[0].locked_until == locked_until.replace(tzinfo=None)

    clock.current = locked_until - dt.timedelta(minutes=14, seconds=1)
    with pytest.raises(AuthError, match=r"^账号已锁定，请 15 分钟后再试。$"):
        center.accounts.login(desk, "wenhua2026")  # even the right password
    clock.current = locked_until - dt.timedelta(seconds=1)
    with pytest.raises(AuthError, match=r"^账号已锁定，请 1 分钟后再试。$"):
        center.accounts.login(desk, "wenhua2026")

    clock.current = locked_until
    assert center.accounts.login(desk, "wenhua2026").role is Role.FRONT_DESK
    (info,) = center.accounts.list_accounts()
    assert info.locked_until is None and info.failed_attempts == 0


def test_an_expired_lock_starts_a_fresh_count(center: CareCenter, clock: FixedClock, desk: str) -> None:
    fail(center, desk, MAX_FAILURES)
    clock.current += dt.timedelta(minutes=LOCK_MINUTES)
    assert fail(center, desk, MAX_FAILURES - 1) == [WRONG] * 4  # not locked again by the first new failure


def test_a_successful_login_resets_the_count(center: CareCenter, desk: str) -> None:
    fail(center, desk, MAX_FAILURES - 1)
    center.accounts.login(desk, "wenhua2026")
    assert fail(center, desk, MAX_FAILURES - 1) == [WRONG] * 4
    assert center.accounts.login(desk, "wenhua2026").username == "xiaoli"


def test_disabled_account_is_refused_and_can_be_enabled(center: CareCenter, admin: Actor, desk: str) -> None:
    assert center.accounts.disable(admin, desk).disabled
    with pytest.raises(AuthError, match=r"^账号已停用，请找管理员。$"):
        center.accounts.login(desk, "wenhua2026")
    assert fail(center, desk, 1) == [WRONG]  # a stranger still learns nothing
    center.accounts.enable(admin, desk)
    assert center.accounts.login(desk, "wenhua2026").username == "xiaoli"


def test_the_last_active_admin_stays(center: CareCenter, admin: Actor) -> None:
    center.accounts.create_first_admin("王站长", "wang", "Zhengzhou-1")
    with pytest.raises(AuthError, match=r"^wang 是唯一在用的管理员账号，不能停用。$"):
        center.accounts.disable(admin, "wang")
    center.accounts.add_user("赵社工", "zhao", "Zhengzhou-2", Role.ADMIN, admin)
    assert center.accounts.disable(admin, "wang").disabled


def test_change_own_password(center: CareCenter, desk: str) -> None:
    me = center.accounts.login(desk, "wenhua2026")
    with pytest.raises(ValidationError, match=r"^原密码：不对$"):
        center.accounts.change_own_password(me, "guess-1234", "new-secret-1")
    with pytest.raises(ValidationError, match=r"^密码：不能和原密码相同$"):
        center.accounts.change_own_password(me, "wenhua2026", "wenhua2026")
    with pytest.raises(ValidationError, match=r"^密码：至少 8 个字符$"):
        center.accounts.change_own_password(me, "wenhua2026", "short")
    center.accounts.change_own_password(me, "wenhua2026", "new-secret-1")
    assert fail(center, desk, 1) == [WRONG]
    with pytest.raises(AuthError, match=WRONG):
        center.accounts.login(desk, "wenhua2026")
    assert center.accounts.login(desk, "new-secret-1").username == "xiaoli"


def test_admin_resets_a_password_and_lifts_the_lock(center: CareCenter, admin: Actor, desk: str) -> None:
    fail(center, desk, MAX_FAILURES)
    center.accounts.reset_password(admin, "XIAOLI", "reset-by-admin")
    assert center.accounts.login(desk, "reset-by-admin").username == "xiaoli"
    with pytest.raises(NotFoundError, match=r"^没有用户名为 nobody 的账号。$"):
        center.accounts.reset_password(admin, "nobody", "reset-by-admin")


def test_only_admins_manage_accounts_and_staff(
    center: CareCenter, desk: str, front_desk: Actor, social_worker: Actor
) -> None:
    for actor in (front_desk, social_worker):
        with pytest.raises(PermissionDeniedError):
            center.accounts.reset_password(actor, desk, "reset-by-desk")
        with pytest.raises(PermissionDeniedError):
            center.accounts.disable(actor, desk)
        with pytest.raises(PermissionDeniedError):
            center.accounts.add_user("钱", "qian", "Zhengzhou-3", Role.ADMIN, actor)
        with pytest.raises(PermissionDeniedError):
            center.staff.create("孙师傅", StaffPosition.COOK, actor)
    assert [a.username for a in center.accounts.list_accounts()] == ["xiaoli"]
    assert center.accounts.login(desk, "wenhua2026").username == "xiaoli"


def test_staff_without_a_login_and_an_account_for_them_later(center: CareCenter, admin: Actor) -> None:
    cook = center.staff.create(" 孙 师傅 ", StaffPosition.COOK, admin, phone="１３９００００２２２２")
    assert (cook.name, cook.phone, cook.username) == ("孙师傅", "13900002222", None)
    info = center.accounts.create_account(cook.id, "sun", "kitchen-2026", Role.FRONT_DESK, admin)
    assert info.position is StaffPosition.COOK
    with pytest.raises(ValidationError, match=r"^员工：已经有账号了（sun）$"):
        center.accounts.create_account(cook.id, "sun2", "kitchen-2026", Role.FRONT_DESK, admin)
    assert [(s.name, s.username, s.role) for s in center.staff.list()] == [("孙师傅", "sun", Role.FRONT_DESK)]
    actor = center.accounts.login("sun", "kitchen-2026")
    assert actor.staff_id == cook.id


def test_roles_change_but_the_last_admin_stays_one(center: CareCenter, admin: Actor, desk: str) -> None:
    center.accounts.add_user("王站长", "wang", "Zhengzhou-1", Role.ADMIN, admin)
    with pytest.raises(AuthError, match=r"^wang 是唯一在用的管理员账号，必须保留管理员角色。$"):
        center.accounts.set_role(admin, "wang", Role.FRONT_DESK)
    assert center.accounts.set_role(admin, "XIAOLI", Role.SOCIAL_WORKER).role is Role.SOCIAL_WORKER
    assert center.accounts.login(desk, "wenhua2026").role is Role.SOCIAL_WORKER
    center.accounts.set_role(admin, desk, Role.ADMIN)
    assert center.accounts.set_role(admin, "wang", Role.FRONT_DESK).role is Role.FRONT_DESK
    # A disabled admin cannot log in, so it does not count as the one that stays.
    center.accounts.set_role(admin, "wang", Role.ADMIN)
    center.accounts.disable(admin, "wang")
    with pytest.raises(AuthError, match="唯一在用的管理员"):
        center.accounts.set_role(admin, desk, Role.FRONT_DESK)


def test_no_account_for_a_deactivated_staff_member(center: CareCenter, admin: Actor) -> None:
    cook = center.staff.create("孙师傅", StaffPosition.COOK, admin)
    center.staff.set_active(cook.id, False, admin)
    with pytest.raises(ValidationError, match=r"^员工：已停用，请先恢复在职$"):
        center.accounts.create_account(cook.id, "sun", "kitchen-2026", Role.FRONT_DESK, admin)
    assert center.accounts.list_accounts() == []


def test_the_front_desk_is_refused_every_account_write(
    center: CareCenter, admin: Actor, desk: str, front_desk: Actor
) -> None:
    cook = center.staff.create("孙师傅", StaffPosition.COOK, admin)
    center.accounts.disable(admin, desk)
    before = (center.accounts.list_accounts(), center.staff.list())
    refused: list[Callable[[], object]] = [
        lambda: center.accounts.set_role(front_desk, desk, Role.ADMIN),
        lambda: center.accounts.enable(front_desk, desk),
        lambda: center.accounts.create_account(cook.id, "sun", "kitchen-2026", Role.ADMIN, front_desk),
        lambda: center.accounts.add_user("钱", "qian", "Zhengzhou-3", Role.ADMIN, front_desk, phone="13900001111"),
    ]
    for call in refused:
        with pytest.raises(PermissionDeniedError, match=r"^前台没有权限：账号、员工、设置和恢复$"):
            call()
    assert (center.accounts.list_accounts(), center.staff.list()) == before


def test_add_user_keeps_the_phone_and_refuses_staff_and_login_together(center: CareCenter, admin: Actor) -> None:
    info = center.accounts.add_user("李小丽", "xiaoli", "wenhua2026", Role.FRONT_DESK, admin, phone="138 0371 1234")
    assert center.staff.get(info.staff_id).phone == "13803711234"
    with pytest.raises(ValidationError) as err:
        center.accounts.add_user("", "xiaoli", "short", Role.FRONT_DESK, admin, phone="call me")
    assert {e.field for e in err.value.errors} == {"name", "phone", "username", "password"}
    assert len(center.staff.list()) == 1


def test_log_ins_locks_and_passwords_are_in_the_trail(
    center: CareCenter, admin: Actor, clock: FixedClock, desk: str
) -> None:
    me = center.accounts.login(desk, "wenhua2026")
    center.accounts.change_own_password(me, "wenhua2026", "new-secret-1")
    fail(center, desk, MAX_FAILURES)
    center.accounts.reset_password(admin, desk, "reset-by-admin")
    with center.engine.connect() as conn:
        rows = conn.execute(
            select(AuditEntry.action, AuditEntry.actor, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.entity == "account", AuditEntry.field == "")
            .order_by(AuditEntry.id)
        ).all()
    events = [(r.action, r.actor) for r in rows if r.action in ("login", "password_change", "lock", "password_reset")]
    assert events == [
        ("login", "xiaoli"),
        ("password_change", "xiaoli"),
        ("lock", "xiaoli"),
        ("password_reset", "test-admin"),
    ]
    lock = next(r for r in rows if r.action == "lock")
    assert lock.after == "2026-11-22 09:15:00"
    assert not any(secret in f"{r.before}{r.after}" for r in rows for secret in ("new-secret", "reset-by", "$argon2"))


def test_a_username_is_suggested_from_the_name(center: CareCenter, admin: Actor, desk: str) -> None:
    assert center.accounts.suggest_username(" 李 小丽 ") == "lixiaoli"
    center.accounts.add_user("李晓丽", "lixiaoli", "wenhua2026", Role.FRONT_DESK, admin)
    center.accounts.add_user("黎小力", "LiXiaoLi2", "wenhua2026", Role.FRONT_DESK, admin)
    assert center.accounts.suggest_username("李小丽") == "lixiaoli3"
    assert center.accounts.suggest_username("单雄") == "shanxiong"  # the surname reading
    assert center.accounts.suggest_username("·") == ""
