"""Staff members (护理员, 社工, 厨师, 志愿者, 站长 …): records of their own, with or without a login.

Later features assign visits and meals to staff members, so a cook or a volunteer
is a staff record even without an account. Only admins add staff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor, Role
from carecenter.clock import Clock
from carecenter.db.models import Center, Staff
from carecenter.db.sessions import Sessions
from carecenter.domain.text import LIMITS, PHONE_RE, normalize_name, normalize_phone, text_reason
from carecenter.domain.vocab import StaffPosition
from carecenter.errors import FieldError, ValidationError
from carecenter.i18n import _
from carecenter.passwords import field_error
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


def stamp(clock: Clock) -> dt.datetime:
    """Now as stored: naive center time, whole seconds."""
    return clock.now().replace(tzinfo=None, microsecond=0)


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
    )


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
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions() as session:
            staff = new_staff(session, name, position, center_id, phone, stamp(self._clock), actor.username)
            session.add(staff)
            session.commit()
            return staff_info(staff)

    def list(self, active_only: bool = False) -> list[StaffInfo]:
        """Staff members by name (what a visit or meal can be assigned to)."""
        with self._sessions() as session:
            stmt = select(Staff).options(selectinload(Staff.account)).order_by(Staff.name, Staff.id)
            if active_only:
                stmt = stmt.where(Staff.active.is_(True))
            return [staff_info(s) for s in session.scalars(stmt)]
