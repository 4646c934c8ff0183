"""The desk's one search: a few initials, the last ID digits, a phone, or a (scanned) member number.

Every front-desk task (check-in, serving a meal, recording a visit, logging a call) starts
here. The answer is a short list of :class:`DeskSenior` cards carrying what the person at
the desk must see at that moment: the status, the diet flags and allergies, the address
for a delivery. Seniors of every status are found, so that a 退出 or 去世 senior is named
as such rather than "not found"; the task itself refuses them (:func:`served_senior`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.db.models import Senior
from carecenter.db.sessions import Sessions
from carecenter.domain.idnumber import age_on
from carecenter.domain.vocab import DietFlag, Gender, Status
from carecenter.errors import FieldError
from carecenter.i18n import _
from carecenter.permissions import Permission, require
from carecenter.seniors import search
from carecenter.seniors.records import load
from carecenter.subsidies.months import StatusHistory

FIND_LIMIT = 8  # what fits under the search box; a longer list means "type one more letter"
ENDED = frozenset({Status.WITHDRAWN, Status.DECEASED})


@dataclass(frozen=True)
class DeskSenior:
    """A senior as the desk sees them while serving: who, which status, what to watch out for."""

    id: int
    center_id: int
    member_no: str
    name: str
    gender: Gender
    age: int
    status: Status
    community: str
    id_tail: str  # the last four characters of the ID number
    phone: str
    address: str
    diet_flags: tuple[DietFlag, ...]
    allergies: str
    diet_notes: str

    @property
    def ended(self) -> bool:
        """退出 or 去世: no day care, meals or visits any more."""
        return self.status in ENDED


def card_of(senior: Senior, today: dt.date) -> DeskSenior:
    order = {flag: i for i, flag in enumerate(DietFlag)}
    return DeskSenior(
        id=senior.id,
        center_id=senior.center_id,
        member_no=senior.member_no,
        name=senior.name,
        gender=senior.gender,
        age=age_on(senior.birth_date, today),
        status=senior.status,
        community=senior.community,
        id_tail=senior.id_number[-4:],
        phone=senior.phones[0].number if senior.phones else "",
        address=senior.address,
        diet_flags=tuple(sorted((f.flag for f in senior.diet_flags), key=order.__getitem__)),
        allergies=senior.allergies,
        diet_notes=senior.diet_notes,
    )


class DeskFinder:
    """``cc.desk``: find seniors the way the desk types, and fetch one card."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def find(self, query: str, actor: Actor, center_id: int | None = None, limit: int = FIND_LIMIT) -> list[DeskSenior]:
        """The best ``limit`` matches, best first; a complete member number finds exactly that senior."""
        require(actor, Permission.LOOKUP_SENIORS)
        if not search.normalize_query(query):
            return []
        today = self._clock.today()
        with self._sessions() as session:
            ids = list(session.scalars(search.ids_query(query, center_id, None).limit(limit)))
            if not ids:
                return []
            seniors = session.scalars(
                select(Senior)
                .where(Senior.id.in_(ids))
                .options(selectinload(Senior.phones), selectinload(Senior.diet_flags))
            ).all()
            by_id = {s.id: card_of(s, today) for s in seniors}
        cards = [by_id[i] for i in ids if i in by_id]
        if search.is_member_no(query):
            exact = search.normalize_query(query).upper()
            cards = [c for c in cards if c.member_no == exact]
        return cards

    def card(self, senior_id: int, actor: Actor) -> DeskSenior:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return card_of(load(session, senior_id), self._clock.today())


def status_on(senior: Senior, day: dt.date) -> Status | None:
    """The senior's status on ``day`` from the status history (None: not yet registered that day)."""
    return StatusHistory.of((c.effective_on, c.status) for c in senior.status_changes).on(day)


def served_senior(session: Session, senior_id: int, day: dt.date, field: str = "senior_id") -> Senior:
    """The senior, if the desk may still serve them on ``day``; a 退出/去世 (or not yet registered) senior is refused.

    暂停 is not refused here: a paused senior may come back for a day; the task warns instead.
    """
    senior = load(session, senior_id)
    status = status_on(senior, day)
    if status is None:
        raise FieldError(
            field,
            _("Senior"),
            _("{name} was not yet registered on {day}").format(name=senior.name, day=day.isoformat()),
        )
    if status in ENDED:
        raise FieldError(
            field,
            _("Senior"),
            _("{name} is {status} on {day}: no services can be recorded").format(
                name=senior.name, status=status.label, day=day.isoformat()
            ),
        )
    return senior
