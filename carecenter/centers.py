"""Centers (站点): every senior and every later record belongs to one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.db.models import Center, Senior
from carecenter.db.sessions import Sessions
from carecenter.domain.idnumber import mask
from carecenter.domain.text import PHONE_RE, normalize_line, normalize_phone, text_reason
from carecenter.errors import FieldError, NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed, require

_CODE_RE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class CenterInfo:
    id: int
    code: str
    name: str
    address: str
    phone: str
    seniors: int
    print_full_ids: bool = False  # printouts show full ID numbers (default: masked)
    count_xusui: bool = False  # birthday milestones counted by 虚岁 (age + 1 round), not 周岁


class CenterService:
    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def list(self) -> list[CenterInfo]:
        with self._sessions() as session:
            counts = dict(
                session.execute(select(Senior.center_id, func.count(Senior.id)).group_by(Senior.center_id)).all()
            )
            return [_info(c, counts.get(c.id, 0)) for c in session.scalars(select(Center).order_by(Center.code))]

    def by_code(self, code: str) -> CenterInfo:
        with self._sessions() as session:
            center = session.scalar(select(Center).where(func.upper(Center.code) == code.strip().upper()))
            if center is None:
                raise NotFoundError(_("No center with code {code}.").format(code=code))
            return _info(center, 0)

    def create(self, name: str, actor: Actor, code: str = "", address: str = "", phone: str = "") -> CenterInfo:
        """Add a center; an empty code gets the next free C001, C002 …"""
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        name, code, address = normalize_line(name), normalize_line(code).upper(), normalize_line(address)
        phone = normalize_phone(phone)
        errors: list[FieldError] = []
        for field, label, value, limit in (
            ("name", _("Center name"), name, "center_name"),
            ("code", _("Center code"), code, "center_code"),
            ("address", _("Address"), address, "address"),
        ):
            reason = text_reason(value, limit)
            if reason:
                errors.append(FieldError(field, label, reason))
        if not name:
            errors.append(FieldError("name", _("Center name"), _("is required")))
        if code and not _CODE_RE.match(code):
            errors.append(FieldError("code", _("Center code"), _("letters, digits, - and _ only")))
        if phone and not PHONE_RE.match(phone):
            errors.append(FieldError("phone", _("Phone"), _("“{p}” is not a phone number").format(p=phone)))
        if errors:
            raise ValidationError(errors)
        with self._sessions(actor) as session:
            if not code:
                code = _next_code(session)
            elif session.scalar(select(Center.id).where(func.upper(Center.code) == code)) is not None:
                raise ValidationError(
                    [FieldError("code", _("Center code"), _("{code} is already used").format(code=code))]
                )
            center = Center(
                code=code,
                name=name,
                address=address,
                phone=phone,
                created_at=stamp(self._clock),
            )
            session.add(center)
            session.commit()
            return _info(center, 0)

    def set_print_full_ids(self, center_id: int, full: bool, actor: Actor) -> CenterInfo:
        """The center's privacy setting for paper: full ID numbers on printouts, or masked (the default)."""
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            center = session.get(Center, center_id)
            if center is None:
                raise NotFoundError(_("No center with id {id}.").format(id=center_id))
            center.print_full_ids = full
            session.commit()
            return _info(
                center, session.scalar(select(func.count(Senior.id)).where(Senior.center_id == center_id)) or 0
            )

    def set_count_xusui(self, center_id: int, on: bool, actor: Actor) -> CenterInfo:
        """The center's birthday custom: milestones by 虚岁 (a 79-year-old's 80th) or by 周岁 (the default)."""
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            center = session.get(Center, center_id)
            if center is None:
                raise NotFoundError(_("No center with id {id}.").format(id=center_id))
            if center.count_xusui != on:
                center.count_xusui = on
                session.commit()
            return _info(
                center, session.scalar(select(func.count(Senior.id)).where(Senior.center_id == center_id)) or 0
            )


def printed_id(id_number: str, center: CenterInfo, actor: Actor) -> str:
    """An ID number as a printout of ``center`` made by ``actor`` shows it.

    Full only when the center's setting allows it *and* the actor may see full numbers;
    a printout that does show them must be recorded (``cc.audit.record_disclosure``).
    """
    if center.print_full_ids and allowed(actor, Permission.SEE_FULL_ID):
        return id_number
    return mask(id_number)


def _next_code(session: Session) -> str:
    used = set(session.scalars(select(Center.code)))
    n = 1
    while f"C{n:03d}" in used:
        n += 1
    return f"C{n:03d}"


def _info(c: Center, seniors: int) -> CenterInfo:
    return CenterInfo(
        id=c.id,
        code=c.code,
        name=c.name,
        address=c.address,
        phone=c.phone,
        seniors=seniors,
        print_full_ids=c.print_full_ids,
        count_xusui=c.count_xusui,
    )
