"""``cc.reports.cards``: member cards for chosen seniors, or for everyone who has none yet.

A card (drawn by :mod:`carecenter.reports.cards_pdf`) shows the senior's name and photo,
the center, and the member number (M000123) as text, QR code and barcode, so the desk's
scanner finds the senior in one beep. ``seniors.card_printed_on`` remembers when a senior's
card was last printed; "all new ones" are the center's current (在册/暂停) seniors without a
date, in member-number order. The date is set only after the sheet has been written
completely, so a failed or cancelled print leaves everyone still "new"; the change is in the
audit trail like any other change to a senior.

Choosing seniors by hand prints their cards again whatever the date (a lost card); seniors
who withdrew or died get no card, and asking for one is refused with their names.
Printing cards is registration work (``EDIT_SENIOR_BASICS``); seeing who is pending is a
lookup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.db.models import Center, Senior, SeniorPhoto
from carecenter.domain.vocab import CURRENT_STATUSES, Status
from carecenter.errors import FieldError, NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.permissions import Permission, require
from carecenter.progress import Cancelled, Progress
from carecenter.reports.printing import PrintingService, printer_name

if TYPE_CHECKING:
    from carecenter.reports.document import Printed

_CHUNK = 500  # seniors per IN (…) list: well under every backend's limit on bound parameters


@dataclass(frozen=True)
class CardHolder:
    """A senior who would get a card: who they are and when their card was last printed (None: never)."""

    senior_id: int
    member_no: str
    name: str
    community: str
    status: Status
    card_printed_on: dt.date | None


class MemberCards(PrintingService):
    """Sheets of member cards (ten to an A4 page) and the record of who has one."""

    def pending(self, actor: Actor, center_id: int) -> list[CardHolder]:
        """The center's current seniors who never had a card printed, by member number: what "all new ones" prints."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            _center(session, center_id)
            return [_holder(s) for s in session.scalars(_new_ones(center_id))]

    def print(
        self,
        actor: Actor,
        center_id: int,
        target: Path,
        senior_ids: Sequence[int] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        *,
        mark: bool = True,
    ) -> Printed:
        """Write the cards of ``senior_ids`` (None: every pending senior) to ``target`` and note them as printed today.

        ``mark=False`` leaves the note to :meth:`mark_printed`: the app's preview writes the
        file before anyone decides to print it, and a card only counts once it is on paper
        or saved. Refused (nothing written, nobody marked) when there is nobody to print, when a
        chosen senior belongs to another center, or has withdrawn or died. Raises
        OutputError for an unwritable target and WorkCancelled when ``cancelled`` says so.
        """
        require(actor, Permission.EDIT_SENIOR_BASICS)
        from carecenter.reports.cards_pdf import Card, render_cards  # ReportLab loads with the first printout

        font = self._fonts.font()
        with self._sessions() as session:
            center = _center(session, center_id)
            seniors = (
                list(session.scalars(_new_ones(center_id)))
                if senior_ids is None
                else _chosen(session, center, senior_ids)
            )
            if not seniors:
                raise ValidationError([_field(_("no senior needs a member card"))])
            photos = _photos(session, [s.id for s in seniors])
            cards = [Card(s.name, s.member_no, photos.get(s.id)) for s in seniors]
            ids = [s.id for s in seniors]
            center_name, phone = center.name, center.phone
            who = printer_name(session, actor)
        printed = render_cards(target, cards, center_name, phone, font, self._clock.now(), who, progress, cancelled)
        if mark:
            self.mark_printed(actor, ids)
        return printed

    def mark_printed(self, actor: Actor, senior_ids: Sequence[int]) -> None:
        """These seniors have a card as of today, so 新会员卡 no longer lists them (each change in the audit trail)."""
        require(actor, Permission.EDIT_SENIOR_BASICS)
        senior_ids = list(senior_ids)
        today = self._clock.today()
        with self._sessions(actor) as session:
            for start in range(0, len(senior_ids), _CHUNK):
                chunk = senior_ids[start : start + _CHUNK]
                for senior in session.scalars(select(Senior).where(Senior.id.in_(chunk))):
                    senior.card_printed_on = today
            session.commit()


def _new_ones(center_id: int) -> Select[Senior]:
    return (
        select(Senior)
        .where(
            Senior.center_id == center_id,
            Senior.status.in_(CURRENT_STATUSES),
            Senior.card_printed_on.is_(None),
        )
        .order_by(Senior.member_no)
    )


def _chosen(session: Session, center: Center, senior_ids: Sequence[int]) -> list[Senior]:
    """The chosen seniors in the order given (each once); NotFoundError or ValidationError naming who cannot have a card."""
    wanted = list(dict.fromkeys(senior_ids))
    found: dict[int, Senior] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        found.update((s.id, s) for s in session.scalars(select(Senior).where(Senior.id.in_(chunk))))
    missing = [i for i in wanted if i not in found]
    if missing:
        raise NotFoundError(_("No senior with id {id}.").format(id=missing[0]))
    seniors = [found[i] for i in wanted]
    elsewhere = [s for s in seniors if s.center_id != center.id]
    if elsewhere:
        names = "、".join(f"{s.name}（{s.member_no}）" for s in elsewhere)
        raise ValidationError(
            [_field(_("{names} belong to another center, not {center}").format(names=names, center=center.name))]
        )
    gone = [s for s in seniors if s.status not in CURRENT_STATUSES]
    if gone:
        names = "、".join(f"{s.name}（{s.status.label}）" for s in gone)
        raise ValidationError([_field(_("{names}: no card for seniors who withdrew or died").format(names=names))])
    return seniors


def _photos(session: Session, senior_ids: list[int]) -> dict[int, bytes]:
    photos: dict[int, bytes] = {}
    for start in range(0, len(senior_ids), _CHUNK):
        chunk = senior_ids[start : start + _CHUNK]
        rows = session.execute(select(SeniorPhoto.senior_id, SeniorPhoto.data).where(SeniorPhoto.senior_id.in_(chunk)))
        photos.update((sid, data) for sid, data in rows)
    return photos


def _center(session: Session, center_id: int) -> Center:
    center = session.get(Center, center_id)
    if center is None:
        raise NotFoundError(_("No center with id {id}.").format(id=center_id))
    return center


def _holder(s: Senior) -> CardHolder:
    return CardHolder(s.id, s.member_no, s.name, s.community, s.status, s.card_printed_on)


def _field(reason: str) -> FieldError:
    return FieldError("senior_ids", _("Member cards"), reason)
