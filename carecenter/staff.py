"""Staff members (护理员, 社工, 厨师, 志愿者, 站长 …): records of their own, with or without a login.

Later features assign visits and meals to staff members, so a cook or a volunteer
is a staff record even without an account. Only admins add, change or deactivate
staff; every write opens its session with the acting admin, so the audit trail
records each changed column. Staff are never deleted: a leaver is deactivated
(停用), which also disables their login, and their name stays on past records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor, Role
from carecenter.clock import Clock, stamp
from carecenter.conflicts import apply_form, retry_race
from carecenter.db.models import Account, Center, Staff
from carecenter.db.sessions import Sessions
from carecenter.domain.text import LIMITS, PHONE_RE, normalize_name, normalize_phone, text_reason
from carecenter.domain.vocab import StaffPosition
from carecenter.errors import AuthError, FieldError, NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.passwords import FIELD_LABELS, field_error
from carecenter.permissions import Permission, require


@dataclass(frozen=True)
class StaffInfo:
    id: int
    name: str
    position: StaffPosition
    center_id: int | None
    phone: str
    active: bool
    username: str | None  # the login, if the staff member has one
    role: Role | None
    version: int  # the edit version: the staff form sends it back as ``expected_version``


def staff_fields(session: Session, name: str, phone: str, center_id: int | None) -> tuple[str, str]:
    """The normalized name and phone, or ValidationError naming every refused field."""
    name, phone = normalize_name(name), normalize_phone(phone)
    errors: list[FieldError] = []
    if reason := text_reason(name, "name", required=True):
        errors.append(field_error("name", reason))
    if phone and (not PHONE_RE.match(phone) or len(phone) > LIMITS["phone"]):
        errors.append(field_error("phone", _("“{p}” is not a phone number").format(p=phone)))
    if center_id is not None and session.get(Center, center_id) is None:
        errors.append(field_error("center_id", _("no such center")))
    if errors:
        raise ValidationError(errors)
    return name, phone


def new_staff(
    session: Session,
    name: str,
    position: StaffPosition,
    center_id: int | None,
    phone: str,
    now: dt.datetime,
    by: str,
) -> Staff:
    """A validated, unsaved staff row (shared by StaffService and account creation)."""
    name, phone = staff_fields(session, name, phone, center_id)
    return Staff(
        name=name,
        position=position,
        center_id=center_id,
        phone=phone,
        active=True,
        created_at=now,
        created_by=by,
        updated_at=now,
        updated_by=by,
    )


def staff_info(s: Staff) -> StaffInfo:
    return StaffInfo(
        id=s.id,
        name=s.name,
        position=s.position,
        center_id=s.center_id,
        phone=s.phone,
        active=s.active,
        username=s.account.username if s.account else None,
        role=s.account.role if s.account else None,
        version=s.version,
    )


def other_active_admins(session: Session, account_id: int) -> int:
    """Admin accounts besides ``account_id`` that can log in (enabled, and their staff member active)."""
    count = session.scalar(
        select(func.count(Account.id))
        .join(Staff, Account.staff_id == Staff.id)
        .where(
            Account.role == Role.ADMIN,
            Account.disabled.is_(False),
            Staff.active.is_(True),
            Account.id != account_id,
        )
    )
    return count or 0


def is_last_admin(session: Session, account: Account) -> bool:
    """Whether ``account`` is the only admin who can still log in (without it nobody could manage accounts)."""
    can_log_in = account.role == Role.ADMIN and not account.disabled and account.staff.active
    return can_log_in and not other_active_admins(session, account.id)


def last_admin_message(account: Account) -> str:
    return _("{username} is the only active administrator and cannot be disabled.").format(username=account.username)


def get_staff(session: Session, staff_id: int) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFoundError(_("No staff member with number {id}.").format(id=staff_id))
    return staff


class StaffService:
    """``cc.staff``: the center's people. Reading is open to every role; writing is the admin's."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def create(
        self,
        name: str,
        position: StaffPosition,
        actor: Actor,
        center_id: int | None = None,
        phone: str = "",
    ) -> StaffInfo:
        """A staff member without a login (a cook, a volunteer); ``AccountService.create_account`` adds one later."""
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            staff = new_staff(session, name, position, center_id, phone, stamp(self._clock), actor.username)
            session.add(staff)
            session.commit()
            return staff_info(staff)

    def get(self, staff_id: int) -> StaffInfo:
        """One staff member (NotFoundError if the number is unknown)."""
        with self._sessions() as session:
            return staff_info(get_staff(session, staff_id))

    def list(self, active_only: bool = False) -> list[StaffInfo]:
        """Staff members by name (what a visit or meal can be assigned to)."""
        with self._sessions() as session:
            stmt = select(Staff).options(selectinload(Staff.account)).order_by(Staff.name, Staff.id)
            if active_only:
                stmt = stmt.where(Staff.active.is_(True))
            return [staff_info(s) for s in session.scalars(stmt)]

    def update(
        self,
        staff_id: int,
        actor: Actor,
        *,
        name: str,
        position: StaffPosition,
        phone: str,
        center_id: int | None,
        expected_version: int | None = None,
        opened: StaffInfo | None = None,
    ) -> StaffInfo:
        """Replace a staff member's details (the whole form), validated as on creation.

        Nothing is written, not even the "last changed" stamp, when every value is as stored.
        ``expected_version``/``opened``: the staff member as the form opened them; a field another
        desk changed since raises :class:`~carecenter.conflicts.EditConflictError` and nothing is
        written (None: no check).
        """
        return retry_race(
            lambda: self._update(staff_id, actor, name, position, phone, center_id, expected_version, opened)
        )

    def _update(
        self,
        staff_id: int,
        actor: Actor,
        name: str,
        position: StaffPosition,
        phone: str,
        center_id: int | None,
        expected_version: int | None,
        opened: StaffInfo | None,
    ) -> StaffInfo:
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            staff = get_staff(session, staff_id)
            name, phone = staff_fields(session, name, phone, center_id)
            new: dict[str, object] = {"name": name, "position": position, "phone": phone, "center_id": center_id}
            if apply_form(session, staff, new, FIELD_LABELS, expected_version, opened):
                staff.updated_at, staff.updated_by = stamp(self._clock), actor.username
                session.commit()
            return staff_info(staff)

    def set_active(self, staff_id: int, active: bool, actor: Actor) -> StaffInfo:
        """停用 a leaver (their login is disabled with them) or take them back (启用).

        Taking a staff member back does not re-enable their login: that is a separate,
        deliberate step (``AccountService.enable``). The last administrator who can
        log in cannot be deactivated.
        """
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            staff = get_staff(session, staff_id)
            if staff.active == active:
                return staff_info(staff)
            now = stamp(self._clock)
            account = staff.account
            if not active and account is not None:
                if is_last_admin(session, account):
                    raise AuthError(last_admin_message(account))
                if not account.disabled:
                    account.disabled = True
                    account.updated_at, account.updated_by = now, actor.username
            staff.active = active
            staff.updated_at, staff.updated_by = now, actor.username
            session.commit()
            return staff_info(staff)
