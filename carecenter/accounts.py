"""Login accounts: the first admin, log-in with lock-out, passwords, disabling.

Each public method is one transaction. Messages are precise but never tell a
stranger which of username and password was wrong. The lock-out counts wrong
passwords per account: the ``MAX_FAILURES``-th wrong password in a row locks it
for ``LOCK_MINUTES``; while locked, not even the right password opens it; when the
lock has run out, the next attempt starts from a clean count.

Every write opens its session with the acting account, so the audit trail records
the changed columns (never the hash); log-ins, locks and password changes are
recorded as events. Log-in and the first admin have no actor yet: the account
itself answers for the write once it is known.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor, Role
from carecenter.clock import Clock, stamp
from carecenter.db import audit_hook
from carecenter.db.models import Account, Staff
from carecenter.db.sessions import Sessions
from carecenter.domain.text import LIMITS, normalize_name
from carecenter.domain.vocab import StaffPosition
from carecenter.errors import AuthError, NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.passwords import (
    Hasher,
    check_password,
    field_error,
    normalize_username,
    password_errors,
    username_errors,
    username_key,
)
from carecenter.permissions import Permission, require
from carecenter.seniors.pinyin import readings
from carecenter.staff import is_last_admin, last_admin_message, new_staff

MAX_FAILURES = 5
LOCK_MINUTES = 15

# A new account's position when none is given: what that role usually is at a center.
DEFAULT_POSITION: dict[Role, StaffPosition] = {
    Role.ADMIN: StaffPosition.MANAGER,
    Role.SOCIAL_WORKER: StaffPosition.SOCIAL_WORKER,
    Role.FRONT_DESK: StaffPosition.OTHER,
}


@dataclass(frozen=True)
class AccountInfo:
    """An account as the staff page and ``user list`` show it (never the hash)."""

    username: str
    role: Role
    staff_id: int
    staff_name: str
    position: StaffPosition
    disabled: bool
    locked_until: dt.datetime | None  # set only while the lock is still running
    failed_attempts: int
    password_changed_at: dt.datetime
    created_at: dt.datetime


class AccountService:
    """``cc.accounts``. Writes other than the first admin and one's own password need an admin."""

    def __init__(self, sessions: Sessions, clock: Clock, hasher: Hasher | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._hasher = hasher or Hasher()

    # ---- the very first start --------------------------------------------------------------

    def needs_first_admin(self) -> bool:
        """True while no account exists: the app then asks for the first admin instead of a login."""
        with self._sessions() as session:
            return session.scalar(select(func.count(Account.id))) == 0

    def create_first_admin(self, name: str, username: str, password: str) -> AccountInfo:
        """The first account, an admin; refused once any account exists (no default password anywhere)."""
        username = normalize_username(username)
        # Nobody is logged in yet: the new admin answers for creating themselves.
        with self._sessions(Actor(username=username, role=Role.ADMIN)) as session:
            if session.scalar(select(func.count(Account.id))):
                raise AuthError(_("The first administrator has already been set up; please log in."))
            return self._add(session, name, username, password, Role.ADMIN, None, None, "", by=username)

    # ---- adding and listing ----------------------------------------------------------------

    def add_user(
        self,
        name: str,
        username: str,
        password: str,
        role: Role,
        actor: Actor,
        position: StaffPosition | None = None,
        center_id: int | None = None,
        phone: str = "",
    ) -> AccountInfo:
        """A new staff member and their account in one step (``user add``, the staff page's 新增员工 with a login).

        One transaction: if the staff details or the login are refused, neither is saved,
        and the ValidationError names every refused field of both.
        """
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            return self._add(
                session,
                name,
                normalize_username(username),
                password,
                role,
                position,
                center_id,
                phone,
                by=actor.username,
            )

    def create_account(self, staff_id: int, username: str, password: str, role: Role, actor: Actor) -> AccountInfo:
        """A login for an existing, active staff member (at most one each)."""
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        username = normalize_username(username)
        with self._sessions(actor) as session:
            staff = session.get(Staff, staff_id)
            if staff is None:
                raise ValidationError([field_error("staff_id", _("no such staff member"))])
            if not staff.active:
                raise ValidationError([field_error("staff_id", _("is no longer active; re-activate them first"))])
            if staff.account is not None:
                raise ValidationError(
                    [
                        field_error(
                            "staff_id", _("already has an account ({username})").format(username=staff.account.username)
                        )
                    ]
                )
            self._check_new(session, username, password)
            return self._save(session, staff, username, password, role, actor.username)

    def suggest_username(self, name: str) -> str:
        """A free username from the name's pinyin (李小丽 → lixiaoli, then lixiaoli2 …); '' if none can be made."""
        syllables = readings(normalize_name(name))
        base = re.sub(r"[^a-z0-9]", "", "".join(syllables[0]).lower())[: LIMITS["username"] - 2] if syllables else ""
        if not base:
            return ""
        with self._sessions() as session:
            taken = set(session.scalars(select(Account.username_key).where(Account.username_key.like(f"{base}%"))))
        candidates = (base if n == 1 else f"{base}{n}" for n in range(1, 100))
        return next((c for c in candidates if c not in taken), "")

    def list_accounts(self) -> list[AccountInfo]:
        """Every account by username, disabled ones included."""
        now = stamp(self._clock)
        with self._sessions() as session:
            accounts = session.scalars(
                select(Account).options(selectinload(Account.staff)).order_by(Account.username_key)
            )
            return [_info(a, now) for a in accounts]

    # ---- logging in ------------------------------------------------------------------------

    def login(self, username: str, password: str) -> Actor:
        """The actor for the right password; AuthError (wrong, locked, disabled) otherwise.

        An account whose staff member has been deactivated counts as disabled.
        """
        now = stamp(self._clock)
        with self._sessions() as session:
            account = session.scalar(
                select(Account)
                .options(selectinload(Account.staff))
                .where(Account.username_key == username_key(username))
                .with_for_update()
            )
            if account is None:
                self._hasher.burn(password)
                raise AuthError(_("Wrong username or password."))
            actor = Actor(username=account.username, role=account.role, staff_id=account.staff_id)
            audit_hook.set_actor(session, actor)
            if account.locked_until is not None:
                if now < account.locked_until:
                    raise AuthError(_locked_message(account.locked_until - now))
                account.failed_attempts, account.locked_until = 0, None  # the lock has run out
            if not self._hasher.verify(account.password_hash, password):
                account.failed_attempts += 1
                locks = account.failed_attempts >= MAX_FAILURES
                if locks:
                    account.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                    audit_hook.record_event(
                        session, "lock", "account", account.id, after=audit_hook.text_of(account.locked_until)
                    )
                session.commit()
                if locks:
                    raise AuthError(_locked_message(dt.timedelta(minutes=LOCK_MINUTES)))
                raise AuthError(_("Wrong username or password."))
            if account.disabled or not account.staff.active:
                raise AuthError(_("This account has been disabled; please ask an administrator."))
            account.failed_attempts = 0
            if self._hasher.needs_rehash(account.password_hash):
                account.password_hash = self._hasher.hash(password)
            audit_hook.record_event(session, "login", "account", account.id)
            session.commit()
            return actor

    # ---- passwords and disabling -----------------------------------------------------------

    def change_own_password(self, actor: Actor, old: str, new: str) -> None:
        """The logged-in staff member sets a new password, confirming the current one."""
        with self._sessions(actor) as session:
            account = _account(session, actor.username)
            if not self._hasher.verify(account.password_hash, old):
                raise ValidationError([field_error("old_password", _("is not correct"))])
            errors = password_errors(new, account.username)
            if not errors and new == old:
                errors.append(field_error("password", _("must differ from the current password")))
            if errors:
                raise ValidationError(errors)
            self._set_password(account, new, actor.username)
            audit_hook.record_event(session, "password_change", "account", account.id)
            session.commit()

    def reset_password(self, admin: Actor, username: str, new: str) -> None:
        """An admin sets someone's password (a forgotten one); this also lifts a lock-out."""
        require(admin, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(admin) as session:
            account = _account(session, username)
            check_password(new, account.username)
            self._set_password(account, new, admin.username)
            account.failed_attempts, account.locked_until = 0, None
            audit_hook.record_event(session, "password_reset", "account", account.id)
            session.commit()

    def disable(self, admin: Actor, username: str) -> AccountInfo:
        """Nobody can log in with a disabled account; its history keeps its name. The last admin stays."""
        require(admin, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(admin) as session:
            account = _account(session, username)
            if is_last_admin(session, account):
                raise AuthError(last_admin_message(account))
            return self._set_disabled(session, account, True, admin)

    def enable(self, admin: Actor, username: str) -> AccountInfo:
        """Allow a disabled account to log in again (also lifts a lock-out); not for a deactivated staff member."""
        require(admin, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(admin) as session:
            account = _account(session, username)
            if not account.staff.active:
                raise AuthError(
                    _("{name} is no longer active staff; re-activate the staff member first.").format(
                        name=account.staff.name
                    )
                )
            account.failed_attempts, account.locked_until = 0, None
            return self._set_disabled(session, account, False, admin)

    def set_role(self, admin: Actor, username: str, role: Role) -> AccountInfo:
        """Give an account another role; the last administrator who can log in keeps theirs."""
        require(admin, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(admin) as session:
            account = _account(session, username)
            if account.role == role:
                return _info(account, stamp(self._clock))
            if role != Role.ADMIN and is_last_admin(session, account):
                raise AuthError(
                    _("{username} is the only active administrator and must stay one.").format(
                        username=account.username
                    )
                )
            now = stamp(self._clock)
            account.role = role
            account.updated_at, account.updated_by = now, admin.username
            session.commit()
            return _info(account, now)

    # ---- helpers ---------------------------------------------------------------------------

    def _add(
        self,
        session: Session,
        name: str,
        username: str,
        password: str,
        role: Role,
        position: StaffPosition | None,
        center_id: int | None,
        phone: str,
        by: str,
    ) -> AccountInfo:
        errors = []
        try:
            staff = new_staff(
                session, name, position or DEFAULT_POSITION[role], center_id, phone, stamp(self._clock), by
            )
        except ValidationError as exc:
            errors.extend(exc.errors)
        try:
            self._check_new(session, username, password)
        except ValidationError as exc:
            errors.extend(exc.errors)
        if errors:
            raise ValidationError(errors)
        session.add(staff)
        return self._save(session, staff, username, password, role, by)

    def _check_new(self, session: Session, username: str, password: str) -> None:
        errors = username_errors(username)
        if not errors and session.scalar(select(Account.id).where(Account.username_key == username_key(username))):
            errors.append(field_error("username", _("{username} is already used").format(username=username)))
        errors.extend(password_errors(password, username))
        if errors:
            raise ValidationError(errors)

    def _save(self, session: Session, staff: Staff, username: str, password: str, role: Role, by: str) -> AccountInfo:
        now = stamp(self._clock)
        account = Account(
            staff=staff,
            username=username,
            username_key=username_key(username),
            password_hash=self._hasher.hash(password),
            role=role,
            disabled=False,
            failed_attempts=0,
            locked_until=None,
            password_changed_at=now,
            created_at=now,
            created_by=by,
            updated_at=now,
            updated_by=by,
        )
        session.add(account)
        try:
            session.commit()
        except IntegrityError as exc:  # another desk took the name a moment ago
            session.rollback()
            raise ValidationError(
                [field_error("username", _("{username} is already used").format(username=username))]
            ) from exc
        return _info(account, now)

    def _set_password(self, account: Account, new: str, by: str) -> None:
        now = stamp(self._clock)
        account.password_hash = self._hasher.hash(new)
        account.password_changed_at = now
        account.updated_at = now
        account.updated_by = by

    def _set_disabled(self, session: Session, account: Account, disabled: bool, admin: Actor) -> AccountInfo:
        now = stamp(self._clock)
        account.disabled = disabled
        account.updated_at = now
        account.updated_by = admin.username
        session.commit()
        return _info(account, now)


def _account(session: Session, username: str) -> Account:
    account = session.scalar(select(Account).where(Account.username_key == username_key(username)))
    if account is None:
        raise NotFoundError(_("No account with username {username}.").format(username=username.strip()))
    return account


def _locked_message(left: dt.timedelta) -> str:
    minutes = max(1, math.ceil(left.total_seconds() / 60))
    return _("This account is locked; please try again in {n} minutes.").format(n=minutes)


def _info(a: Account, now: dt.datetime) -> AccountInfo:
    running = a.locked_until is not None and now < a.locked_until
    return AccountInfo(
        username=a.username,
        role=a.role,
        staff_id=a.staff_id,
        staff_name=a.staff.name,
        position=a.staff.position,
        disabled=a.disabled,
        locked_until=a.locked_until if running else None,
        failed_attempts=a.failed_attempts if running or a.locked_until is None else 0,
        password_changed_at=a.password_changed_at,
        created_at=a.created_at,
    )
