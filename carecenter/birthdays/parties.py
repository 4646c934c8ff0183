"""``cc.birthdays``: the month's birthday list and the center's monthly 集体生日会.

A party belongs to one center and one month (one party per center and month). Creating
it invites the month's birthday list (:mod:`carecenter.birthdays.month_list`) as it is
that day; afterwards the guest list is edited by hand:

- **add** any current (在册/暂停) senior of the center, birthday in the month or not
  (marked 补充邀请);
- **remove** a guest, always with a reason: the row stays (``removed``), so the party's
  paper trail shows who was dropped and why, and **restore** brings them back;
- **refresh invitations** adds seniors who joined the month's list since (a new
  registration, a corrected birth date), never one who was removed;
- **attendance and gifts** are recorded per guest after the party.

The party is also the month's 生日会 activity (:mod:`carecenter.desk.activities`): made
with it, its date and place kept in step, its attendees read from the guests who came.

Party work is daily work (the front desk runs the party): ``DAILY_OPERATIONS``; reading
needs ``LOOKUP_SENIORS``. ID numbers are masked unless the role may see full numbers; the
.xlsx export follows the center's printing setting (:func:`carecenter.centers.printed_id`).
Every change stamps the party, and the audit trail records it (the guests are part of
the party's record there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.birthdays import month_list as lists
from carecenter.birthdays.celebration import is_milestone
from carecenter.birthdays.month_list import BirthdayRow, celebration_in
from carecenter.birthdays.parties_dto import (
    FIELD_LABELS,
    GuestInfo,
    PartyInfo,
    PartyInput,
    PartySummary,
    Refreshed,
    guest_order,
)
from carecenter.centers import CenterInfo, printed_id
from carecenter.clock import Clock, stamp
from carecenter.conflicts import apply_form, retry_race
from carecenter.db import audit_hook
from carecenter.db.models import BirthdayParty, Center, PartyGuest, Senior
from carecenter.db.sessions import Sessions
from carecenter.desk.activities import keep_in_step, party_activity
from carecenter.domain.idnumber import mask
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.months import first_day, month_label, month_text
from carecenter.domain.text import normalize_line, normalize_multiline, text_reason
from carecenter.domain.vocab import CURRENT_STATUSES
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed, require


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


def _refuse(field: str, reason: str) -> ValidationError:
    return ValidationError([_error(field, reason)])


class BirthdayService:
    """``cc.birthdays``: the birthday list of a month and the parties built on it."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- the list ---------------------------------------------------------------------------

    def month_list(
        self, actor: Actor, month: dt.date, center_id: int | None = None, on_day: dt.date | None = None
    ) -> list[BirthdayRow]:
        """The seniors celebrating in ``month`` (any day of it; with ``on_day`` only that day), by day then
        pinyin; IDs masked unless allowed."""
        require(actor, Permission.LOOKUP_SENIORS)
        full = allowed(actor, Permission.SEE_FULL_ID)
        with self._sessions() as session:
            rows = lists.month_list(session, month, center_id, on_day)
        if full:
            return rows
        return [_masked(r) for r in rows]

    # ---- parties ----------------------------------------------------------------------------

    def create(self, center_id: int, month: dt.date, data: PartyInput, actor: Actor) -> PartyInfo:
        """The center's party of ``month``, inviting the month's list as it is now; one per center and month."""
        require(actor, Permission.DAILY_OPERATIONS)
        month = first_day(month)
        place, notes = _check(data, month)
        with self._sessions(actor) as session:
            center = _center(session, center_id)
            if session.scalar(_party_of(center_id, month)) is not None:
                raise _duplicate(center, month)
            now = stamp(self._clock)
            party = BirthdayParty(
                center_id=center_id,
                month=month,
                held_on=data.held_on,
                place=place,
                notes=notes,
                created_at=now,
                created_by=actor.username,
                updated_at=now,
                updated_by=actor.username,
            )
            party.guests = [_invited(row) for row in lists.month_list(session, month, center_id)]
            session.add(party)
            try:
                session.flush()
                session.add(party_activity(party, actor, now))  # the party is also the month's 生日会 activity
                session.commit()
            except IntegrityError as exc:  # another desk created it a moment ago
                session.rollback()
                raise _duplicate(center, month) from exc
            return _info(session, party, _full(actor))

    def update(
        self,
        party_id: int,
        data: PartyInput,
        actor: Actor,
        expected_version: int | None = None,
        opened: PartyInfo | None = None,
    ) -> PartyInfo:
        """Change the date, place or notes (the party's activity follows); the date stays in the party's month.

        ``expected_version``/``opened``: the party as the form opened it; a field another desk
        changed since raises :class:`~carecenter.conflicts.EditConflictError` and nothing is
        written (None: no check). Guests changed meanwhile are no conflict: the form does not hold them.
        """
        return retry_race(lambda: self._update(party_id, data, actor, expected_version, opened))

    def _update(
        self, party_id: int, data: PartyInput, actor: Actor, expected_version: int | None, opened: PartyInfo | None
    ) -> PartyInfo:
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            party = _party(session, party_id)
            place, notes = _check(data, party.month)
            new: dict[str, object] = {"held_on": data.held_on, "place": place, "notes": notes}
            if apply_form(session, party, new, FIELD_LABELS, expected_version, opened):
                self._touch(party, actor)
                keep_in_step(session, party, actor, party.updated_at)
                session.commit()
            return _info(session, party, _full(actor))

    def add_guest(self, party_id: int, senior_id: int, actor: Actor) -> PartyInfo:
        """Invite a current senior of the party's center by hand (补充邀请), birthday in the month or not."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            party = _party(session, party_id)
            senior = session.get(Senior, senior_id)
            if senior is None:
                raise NotFoundError(_("No senior with id {id}.").format(id=senior_id))
            if senior.center_id != party.center_id:
                raise _refuse("senior_id", _("{name} belongs to another center").format(name=senior.name))
            if senior.status not in CURRENT_STATUSES:
                reason = _("{name} is {status}: only active or paused seniors can be invited")
                raise _refuse("senior_id", reason.format(name=senior.name, status=senior.status.label))
            existing = next((g for g in party.guests if g.senior_id == senior_id), None)
            if existing is not None and existing.removed:
                reason = _("{name} was removed from this party; restore them instead")
                raise _refuse("senior_id", reason.format(name=senior.name))
            if existing is not None:
                raise _refuse("senior_id", _("{name} is already invited").format(name=senior.name))
            party.guests.append(_added(session, party, senior))
            self._touch(party, actor)
            session.commit()
            return _info(session, party, _full(actor))

    def remove_guest(self, guest_id: int, reason: str, actor: Actor) -> PartyInfo:
        """Take a guest off the party with a reason (required); the row stays, marked removed, and can be restored."""
        require(actor, Permission.DAILY_OPERATIONS)
        reason = normalize_line(reason)
        if bad := text_reason(reason, "reason", required=True):
            raise _refuse("reason", bad)
        with self._sessions(actor) as session:
            party, guest = _guest(session, guest_id)
            name = _name(session, guest)
            if guest.removed:
                raise _refuse("senior_id", _("{name} is already removed").format(name=name))
            if guest.attended:
                raise _refuse("senior_id", _("{name} is marked as attended; clear that first").format(name=name))
            guest.removed, guest.removed_reason = True, reason
            self._touch(party, actor)
            session.commit()
            return _info(session, party, _full(actor))

    def restore_guest(self, guest_id: int, actor: Actor) -> PartyInfo:
        """Invite a removed guest again (the reason is cleared; the trail keeps it). A current guest is left as is."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            party, guest = _guest(session, guest_id)
            if guest.removed:
                guest.removed, guest.removed_reason = False, ""
                self._touch(party, actor)
                session.commit()
            return _info(session, party, _full(actor))

    def set_attendance(self, guest_id: int, attended: bool, gift: str, actor: Actor) -> PartyInfo:
        """Record whether the guest came and the gift given (empty: none); a removed guest must be restored first."""
        require(actor, Permission.DAILY_OPERATIONS)
        gift = normalize_line(gift)
        if bad := text_reason(gift, "gift"):
            raise _refuse("gift", bad)
        with self._sessions(actor) as session:
            party, guest = _guest(session, guest_id)
            if guest.removed:
                reason = _("{name} was removed from this party; restore them first")
                raise _refuse("attended", reason.format(name=_name(session, guest)))
            if (guest.attended, guest.gift) != (attended, gift):
                guest.attended, guest.gift = attended, gift
                self._touch(party, actor)
                session.commit()
            return _info(session, party, _full(actor))

    def refresh_invitations(self, party_id: int, actor: Actor) -> Refreshed:
        """Invite whoever is on the month's list now but not yet a guest; a removed guest is never invited again."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            party = _party(session, party_id)
            known = {g.senior_id for g in party.guests}
            new = [r for r in lists.month_list(session, party.month, party.center_id) if r.senior_id not in known]
            if new:
                party.guests.extend(_invited(row) for row in new)
                self._touch(party, actor)
                session.commit()
            info = _info(session, party, _full(actor))
        added = {r.senior_id for r in new}
        return Refreshed(info, tuple(g for g in info.guests if g.senior_id in added))

    # ---- reading ----------------------------------------------------------------------------

    def get(self, party_id: int, actor: Actor) -> PartyInfo:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return _info(session, _party(session, party_id), _full(actor))

    def for_month(self, center_id: int, month: dt.date, actor: Actor) -> PartyInfo | None:
        """The center's party of ``month`` (any day of it), or None when there is none yet."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            party_id = session.scalar(_party_of(center_id, first_day(month)))
            return None if party_id is None else _info(session, _party(session, party_id), _full(actor))

    def export_xlsx(self, party_id: int, target: Path, actor: Actor) -> int:
        """Write the party's guest list to an .xlsx file; returns the number of guests written (removed ones too).

        ID numbers are printed as the center's setting and the actor's role allow
        (:func:`carecenter.centers.printed_id`); a file with full numbers is recorded as a
        disclosure, after it has been written completely.
        """
        require(actor, Permission.IMPORT_EXPORT_DAILY_LISTS)
        from carecenter.birthdays.party_xlsx import write_party  # openpyxl is loaded only when exporting

        with self._sessions() as session:
            party = _party(session, party_id)
            center = _center_info(_center(session, party.center_id))
            info = _info(session, party, full_ids=True)
        shown = tuple(replace(g, id_number=printed_id(g.id_number, center, actor)) for g in info.guests)
        disclosed = any(
            s.id_number == g.id_number != mask(g.id_number) for s, g in zip(shown, info.guests, strict=True)
        )
        info = replace(info, guests=shown)
        write_party(info, target)
        if disclosed:
            what = f"birthday party {month_text(info.month)} {info.center_code}: {len(shown)} guests, {target.name}"
            with self._sessions(actor) as session:
                audit_hook.record_event(session, "export", "birthday_party", party_id, after=what)
                session.commit()
        return len(shown)

    def list(self, actor: Actor, center_id: int | None = None) -> list[PartySummary]:
        """Every party (of one center, if given), newest month first, with invited and attended counts."""
        require(actor, Permission.LOOKUP_SENIORS)
        present = PartyGuest.removed.is_(False)
        invited = func.coalesce(func.sum(case((present, 1), else_=0)), 0)
        came = func.coalesce(func.sum(case((and_(present, PartyGuest.attended.is_(True)), 1), else_=0)), 0)
        stmt = (
            select(BirthdayParty, Center.code, invited, came)
            .join(Center, Center.id == BirthdayParty.center_id)
            .outerjoin(PartyGuest, PartyGuest.party_id == BirthdayParty.id)
            .group_by(BirthdayParty.id, Center.code)
            .order_by(BirthdayParty.month.desc(), Center.code)
        )
        if center_id is not None:
            stmt = stmt.where(BirthdayParty.center_id == center_id)
        with self._sessions() as session:
            return [
                PartySummary(p.id, p.center_id, code, p.month, p.held_on, p.place, int(n), int(m))
                for p, code, n, m in session.execute(stmt)
            ]

    def _touch(self, party: BirthdayParty, actor: Actor) -> None:
        party.updated_at, party.updated_by = stamp(self._clock), actor.username


# ---- helpers ---------------------------------------------------------------------------------


def _full(actor: Actor) -> bool:
    return allowed(actor, Permission.SEE_FULL_ID)


def _masked(row: BirthdayRow) -> BirthdayRow:
    return replace(row, id_number=mask(row.id_number))


def _check(data: PartyInput, month: dt.date) -> tuple[str, str]:
    """The trimmed (place, notes), or ValidationError naming every bad field."""
    errors: list[FieldError] = []
    if first_day(data.held_on) != month:
        errors.append(_error("held_on", _("must fall in {month}, the party's month").format(month=month_label(month))))
    place, notes = normalize_line(data.place), normalize_multiline(data.notes)
    if bad := text_reason(place, "place"):
        errors.append(_error("place", bad))
    if bad := text_reason(notes, "notes", multiline=True):
        errors.append(_error("notes", bad))
    if errors:
        raise ValidationError(errors)
    return place, notes


def _duplicate(center: Center, month: dt.date) -> ValidationError:
    reason = _("{center} already has a birthday party for {month}")
    return _refuse("month", reason.format(center=center.name, month=month_label(month)))


def _party_of(center_id: int, month: dt.date) -> Any:
    return select(BirthdayParty.id).where(BirthdayParty.center_id == center_id, BirthdayParty.month == month)


def _center(session: Session, center_id: int) -> Center:
    center = session.get(Center, center_id)
    if center is None:
        raise NotFoundError(_("No center with id {id}.").format(id=center_id))
    return center


def _center_info(c: Center) -> CenterInfo:
    return CenterInfo(
        id=c.id,
        code=c.code,
        name=c.name,
        address=c.address,
        phone=c.phone,
        seniors=0,
        print_full_ids=c.print_full_ids,
        count_xusui=c.count_xusui,
    )


def _party(session: Session, party_id: int) -> BirthdayParty:
    party = session.get(BirthdayParty, party_id)
    if party is None:
        raise NotFoundError(_("No birthday party with id {id}.").format(id=party_id))
    return party


def _guest(session: Session, guest_id: int) -> tuple[BirthdayParty, PartyGuest]:
    """The guest row and its party, the party's guests loaded (the audit trail reads them as one record)."""
    guest = session.get(PartyGuest, guest_id)
    if guest is None:
        raise NotFoundError(_("No party guest with id {id}.").format(id=guest_id))
    party = _party(session, guest.party_id)
    assert guest in party.guests
    return party, guest


def _name(session: Session, guest: PartyGuest) -> str:
    return session.scalar(select(Senior.name).where(Senior.id == guest.senior_id)) or ""


def _invited(row: BirthdayRow) -> PartyGuest:
    """A guest from the birthday list, with the day and age the list gave."""
    return PartyGuest(
        senior_id=row.senior_id,
        celebrates_on=row.date,
        age=row.age,
        lunar=row.lunar,
        milestone=row.milestone,
        added=False,
        removed=False,
        removed_reason="",
        attended=False,
        gift="",
    )


def _added(session: Session, party: BirthdayParty, senior: Senior) -> PartyGuest:
    """A guest invited by hand: their birthday in the party's month, if they have one, whatever their age."""
    lunar = LunarBirth(senior.lunar_birth_month, senior.lunar_birth_day, senior.lunar_birth_leap)
    celebration = celebration_in(senior.birth_date, senior.lunar_birthday, lunar, party.month)
    xusui = _center(session, party.center_id).count_xusui
    return PartyGuest(
        senior_id=senior.id,
        celebrates_on=celebration.date if celebration else None,
        age=celebration.age if celebration else None,
        lunar=celebration.lunar if celebration else False,
        milestone=is_milestone(celebration.age, xusui) if celebration else False,
        added=True,
        removed=False,
        removed_reason="",
        attended=False,
        gift="",
    )


def _info(session: Session, party: BirthdayParty, full_ids: bool) -> PartyInfo:
    center = _center(session, party.center_id)
    stmt = select(Senior.id, Senior.member_no, Senior.name, Senior.id_number, Senior.community, Senior.name_sort).where(
        Senior.id.in_(select(PartyGuest.senior_id).where(PartyGuest.party_id == party.id))
    )
    seniors = {row.id: row for row in session.execute(stmt)}
    guests = sorted((_guest_info(g, seniors[g.senior_id], full_ids) for g in party.guests), key=guest_order)
    return PartyInfo(
        id=party.id,
        center_id=party.center_id,
        center_code=center.code,
        center_name=center.name,
        month=party.month,
        held_on=party.held_on,
        place=party.place,
        notes=party.notes,
        guests=tuple(guests),
        created_at=party.created_at,
        created_by=party.created_by,
        updated_at=party.updated_at,
        updated_by=party.updated_by,
        version=party.version,
    )


def _guest_info(g: PartyGuest, senior: Any, full_ids: bool) -> GuestInfo:
    return GuestInfo(
        id=g.id,
        party_id=g.party_id,
        senior_id=g.senior_id,
        member_no=senior.member_no,
        name=senior.name,
        id_number=senior.id_number if full_ids else mask(senior.id_number),
        community=senior.community,
        celebrates_on=g.celebrates_on,
        age=g.age,
        lunar=g.lunar,
        milestone=g.milestone,
        added=g.added,
        removed=g.removed,
        removed_reason=g.removed_reason,
        attended=g.attended,
        gift=g.gift,
        name_sort=senior.name_sort,
    )
