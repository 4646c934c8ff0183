"""The service catalogue (服务项目): the 九助 services and 日间托老 that care plans are made of.

The catalogue is data, not code: an administrator renames a type, adds a local one
(助康, 助聊 …) or retires one the center no longer offers. Types are never deleted:
a retired type keeps its name on every plan that used it, and plans written before
stay readable; only new planned services refuse it (see ``carecenter.care.plans``).
Restoring a retired type makes it choosable again.

Each type has a stable ``code`` (``day_care``, ``meals`` … for the seeded ones,
``custom_<n>`` for those added here) that later issues key on, and ``day_care``
marks attendance at the center (what the front desk expects at check-in) as opposed
to a home visit. Names are unique whatever their letter case or spacing ("助 康"
is "助康"), retired types included, so a retired name is restored rather than added twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.db.models import ServiceType
from carecenter.db.sessions import Sessions
from carecenter.domain.text import normalize_line, text_reason, to_halfwidth
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, require

FIELD_LABELS: dict[str, str] = {
    "name": N_("Service name"),
    "service_type_id": N_("Service type"),
}

CUSTOM_PREFIX = "custom_"


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


@dataclass(frozen=True)
class ServiceTypeInfo:
    """One catalogue entry as the UI and other services see it."""

    id: int
    code: str
    name: str
    day_care: bool  # attendance at the center (日间托老), not a home visit
    retired: bool
    position: int

    @property
    def display_name(self) -> str:
        """The name, marked when retired (what a plan that still names it shows)."""
        return _("{name} (retired)").format(name=self.name) if self.retired else self.name


def name_key(name: str) -> str:
    """What makes two names the same service: letter case, width and spaces do not count."""
    return re.sub(r"\s+", "", to_halfwidth(name)).casefold()


def type_info(t: ServiceType) -> ServiceTypeInfo:
    return ServiceTypeInfo(
        id=t.id, code=t.code, name=t.name, day_care=t.day_care, retired=t.retired, position=t.position
    )


class ServiceCatalogue:
    """``cc.catalogue``. Everyone reads it (plans and lists name the types); only administrators change it."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- reading -----------------------------------------------------------------------

    def types(self, include_retired: bool = False) -> list[ServiceTypeInfo]:
        """The catalogue in the administrator's order; retired types only when asked (the editor, history)."""
        stmt = select(ServiceType).order_by(ServiceType.position, ServiceType.id)
        if not include_retired:
            stmt = stmt.where(ServiceType.retired.is_(False))
        with self._sessions() as session:
            return [type_info(t) for t in session.scalars(stmt)]

    def get(self, type_id: int) -> ServiceTypeInfo:
        with self._sessions() as session:
            return type_info(_get(session, type_id))

    def by_code(self, code: str) -> ServiceTypeInfo | None:
        """A type by its stable code (``day_care``, ``meals`` …), retired or not; None if unknown."""
        with self._sessions() as session:
            found = session.scalar(select(ServiceType).where(ServiceType.code == code))
            return type_info(found) if found is not None else None

    # ---- changing ----------------------------------------------------------------------

    def add(self, name: str, actor: Actor, day_care: bool = False) -> ServiceTypeInfo:
        """A new type at the end of the list, with the next free ``custom_<n>`` code."""
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            name = _checked_name(session, name, own_id=None)
            now = stamp(self._clock)
            entry = ServiceType(
                code=_next_code(session),
                name=name,
                day_care=day_care,
                position=(session.scalar(select(func.max(ServiceType.position))) or 0) + 1,
                retired=False,
                created_at=now,
                created_by=actor.username,
                updated_at=now,
                updated_by=actor.username,
            )
            session.add(entry)
            session.commit()
            return type_info(entry)

    def rename(self, type_id: int, name: str, actor: Actor) -> ServiceTypeInfo:
        """A new name for a type; every plan, old or new, shows it (the type is the same service)."""
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            entry = _get(session, type_id)
            name = _checked_name(session, name, own_id=type_id)
            if name != entry.name:
                entry.name = name
                self._stamp(entry, actor)
                session.commit()
            return type_info(entry)

    def retire(self, type_id: int, actor: Actor) -> ServiceTypeInfo:
        """停用: no new planned service may use it; plans that name it keep it."""
        return self._set_retired(type_id, True, actor)

    def restore(self, type_id: int, actor: Actor) -> ServiceTypeInfo:
        """恢复 a retired type: it can be planned again."""
        return self._set_retired(type_id, False, actor)

    def move(self, type_id: int, up: bool, actor: Actor) -> list[ServiceTypeInfo]:
        """Swap a type with its neighbour in the list (retired ones included); returns the new order."""
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            entries = list(session.scalars(select(ServiceType).order_by(ServiceType.position, ServiceType.id)))
            index = next((i for i, e in enumerate(entries) if e.id == type_id), None)
            if index is None:
                raise NotFoundError(_("No service type with number {id}.").format(id=type_id))
            other = index - 1 if up else index + 1
            if 0 <= other < len(entries):
                entries[index], entries[other] = entries[other], entries[index]
                for position, entry in enumerate(entries):
                    entry.position = position  # the order is bookkeeping: not in the audit trail
                session.commit()
            return [type_info(e) for e in entries]

    def _set_retired(self, type_id: int, retired: bool, actor: Actor) -> ServiceTypeInfo:
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions(actor) as session:
            entry = _get(session, type_id)
            if entry.retired != retired:
                entry.retired = retired
                self._stamp(entry, actor)
                session.commit()
            return type_info(entry)

    def _stamp(self, entry: ServiceType, actor: Actor) -> None:
        entry.updated_at, entry.updated_by = stamp(self._clock), actor.username


def _get(session: Session, type_id: int) -> ServiceType:
    entry = session.get(ServiceType, type_id)
    if entry is None:
        raise NotFoundError(_("No service type with number {id}.").format(id=type_id))
    return entry


def _checked_name(session: Session, raw: str, own_id: int | None) -> str:
    """The normalized name, or ValidationError: required, within the limit, not another type's name."""
    name = normalize_line(to_halfwidth(raw))
    if reason := text_reason(name, "service_name", required=True):
        raise ValidationError([_error("name", reason)])
    key = name_key(name)
    for other in session.scalars(select(ServiceType).where(ServiceType.id != (own_id or 0))):
        if name_key(other.name) == key:
            reason = (
                _("“{name}” already exists and is retired: restore it instead")
                if other.retired
                else _("“{name}” already exists")
            )
            raise ValidationError([_error("name", reason.format(name=other.name))])
    return name


def _next_code(session: Session) -> str:
    """``custom_<n>`` with n one more than any custom code so far (codes are never reused)."""
    codes = session.scalars(select(ServiceType.code).where(ServiceType.code.startswith(CUSTOM_PREFIX, autoescape=True)))
    numbers = [int(c[len(CUSTOM_PREFIX) :]) for c in codes if c[len(CUSTOM_PREFIX) :].isdigit()]
    return f"{CUSTOM_PREFIX}{max(numbers, default=0) + 1}"
