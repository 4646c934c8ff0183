"""The lists of the month's occasions: the birthday party's invitations and sign-in sheet, the subsidy roster.

Each is computed by the service that owns the occasion and only laid out here, so the
paper says what the screens say: the party's guests come from ``cc.birthdays`` (guests as
invited, added by hand or removed, who came), the roster and its change list from
``cc.subsidy_rosters`` (the approved snapshot, else today's computation marked
未审批（预览）), the very rows its .xlsx export writes. Print one with
``cc.reports.print_listing``, export it with ``cc.reports.export_listing``.

ID numbers appear only on the roster, as the center prints them (``Printer.id_number``);
a roster with full numbers sets ``full_ids`` so printing or exporting it is recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.birthdays.parties import BirthdayService
from carecenter.birthdays.parties_dto import GuestInfo, PartyInfo
from carecenter.care.plan_info import DAY_NAMES
from carecenter.db.desk_models import Activity
from carecenter.db.models import Center, Senior, SeniorPhone
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.months import first_day, month_label, shift
from carecenter.domain.vocab import Gender
from carecenter.errors import NotFoundError
from carecenter.i18n import _
from carecenter.permissions import Permission, require
from carecenter.reports.listing import Cell, Column, Listing, Section
from carecenter.reports.numbers import money
from carecenter.reports.printing import Printer, PrintingService
from carecenter.subsidies.rosters import ChangeKind, ChangeList, Roster, RosterChange, SubsidyRosterService

SIGN_IN_ROW_MM = 12  # room for a shaky signature or a thumbprint


@dataclass(frozen=True)
class _Guest:
    """What the party's list does not carry about a guest: gender, first phone, lunar birth."""

    gender: Gender
    phone: str
    lunar: LunarBirth


class OccasionLists(PrintingService):
    """The birthday party's sheets and the month's subsidy roster, as listings."""

    # ---- the birthday party ------------------------------------------------------------------

    def birthday_invitations(self, actor: Actor, party_id: int) -> Listing:
        """Who is invited to the party: age (整寿 marked), the day they celebrate (solar or lunar), phone, community, state.

        Guests taken off the list follow in a section of their own, with the reason.
        """
        party, extra, starts = self._party(actor, party_id)
        columns = (  # widths in mm of portrait A4's 180 (text + 4.2 mm of padding): a phone number fits a line
            Column(_("No."), 12, numeric=True),
            Column(_("Name"), 19),
            Column(_("Gender"), 12),
            Column(_("Age"), 24),
            Column(_("Birthday"), 36, wrap=True),
            Column(_("Phone"), 32),
            Column(_("Community"), 23, wrap=True),
            Column(_("Status"), 22, wrap=True),
        )
        invited = [g for g in party.guests if not g.removed]
        removed = [g for g in party.guests if g.removed]
        sections = [Section("", tuple(_invitation(n, g, extra[g.senior_id]) for n, g in enumerate(invited, 1)))]
        if removed:
            rows = tuple(_invitation(None, g, extra[g.senior_id]) for g in removed)
            sections.append(Section(_("Taken off the list"), rows))
        notes = [
            *_party_notes(party, starts),
            _("Invited: {n}; attended: {m}").format(n=party.invited, m=party.attended),
        ]
        return Listing(
            title=_("Birthday party invitations"),
            center=party.center_name,
            period=month_label(party.month),
            columns=columns,
            sections=tuple(sections),
            notes=tuple(notes),
            empty_text=_("Nobody is invited yet"),
        )

    def birthday_sign_in(self, actor: Actor, party_id: int) -> Listing:
        """The sheet the guests sign at the door: a tall row each, a wide 签到 box, 经办人 at the foot."""
        party, _extra, starts = self._party(actor, party_id)
        columns = (
            Column(_("No."), 12, numeric=True),
            Column(_("Name"), 24),
            Column(_("Community"), 30, wrap=True),
            Column(_("Sign here"), 79),
            Column(_("Notes"), 35, wrap=True),
        )
        guests = [g for g in party.guests if not g.removed]
        rows = tuple((n, g.name, g.community, "", _sign_in_note(g)) for n, g in enumerate(guests, 1))
        return Listing(
            title=_("Birthday party sign-in sheet"),
            center=party.center_name,
            period=month_label(party.month),
            columns=columns,
            sections=(Section("", rows),),
            notes=tuple(_party_notes(party, starts)),
            signatures=(_("Handled by"),),
            row_height_mm=SIGN_IN_ROW_MM,
            empty_text=_("Nobody is invited yet"),
        )

    def _party(self, actor: Actor, party_id: int) -> tuple[PartyInfo, dict[int, _Guest], dt.time | None]:
        """The party as ``cc.birthdays`` gives it, each guest's gender, phone and lunar birth, and the starting time."""
        party = BirthdayService(self._sessions, self._clock).get(party_id, actor)  # checks the actor may look
        ids = sorted({g.senior_id for g in party.guests})
        with self._sessions() as session:
            extra = _guests(session, ids)
            starts = session.scalar(
                select(Activity.starts_at).where(Activity.birthday_party_id == party.id, Activity.voided.is_(False))
            )
        return party, extra, starts

    # ---- the subsidy roster ------------------------------------------------------------------

    def subsidy_roster(self, actor: Actor, center_id: int, month: dt.date) -> Listing:
        """The month's roster per subsidy with a 合计 each, then its changes against the month before (新增/停发/调档).

        The approved snapshot when there is one; otherwise today's computation, marked
        未审批（预览） on every page. Signed by 制表人, 审核人 and 负责人.
        """
        require(actor, Permission.IMPORT_EXPORT_ALL)  # as the roster's .xlsx export
        month = first_day(month)
        rosters = SubsidyRosterService(self._sessions, self._clock)
        roster = rosters.roster(actor, center_id, month)
        changes = rosters.changes(actor, center_id, month)
        with self._sessions() as session:
            center = session.get(Center, center_id)
            if center is None:
                raise NotFoundError(_("No center with id {id}.").format(id=center_id))
            printer = self._printer(session, actor, center)
            center_name = center.name
        sections = [*_grant_sections(roster, printer), *_change_sections(changes, printer)]
        return Listing(
            title=_("Subsidy roster"),
            center=center_name,
            period=month_label(month),
            columns=(  # widths in mm of landscape A4's 267 (text + 4.2 mm of padding); the basis gets the rest
                Column(_("No."), 12, numeric=True),
                Column(_("Member no."), 21),
                Column(_("Name"), 19),
                Column(_("ID number"), 45),
                Column(_("Band"), 30, wrap=True),
                Column(_("Amount (yuan)"), 24, numeric=True),
                Column(_("Basis"), 93, wrap=True),
                Column(_("Recipient's signature"), 23),
            ),
            sections=tuple(sections),
            notes=tuple(_roster_notes(roster, changes, printer.at)),
            signatures=(_("Prepared by"), _("Reviewed by"), _("Director's signature")),
            mark="" if roster.approved else _("Not approved (preview)"),
            wide=True,
            empty_text=_("No subsidies this month"),
            full_ids=printer.full_ids,
        )


# ---- the party's rows ---------------------------------------------------------------------------


def _guests(session: Session, senior_ids: list[int]) -> dict[int, _Guest]:
    seniors = session.execute(
        select(
            Senior.id, Senior.gender, Senior.lunar_birth_month, Senior.lunar_birth_day, Senior.lunar_birth_leap
        ).where(Senior.id.in_(senior_ids))
    )
    phones: dict[int, str] = {}
    for sid, number in session.execute(
        select(SeniorPhone.senior_id, SeniorPhone.number)
        .where(SeniorPhone.senior_id.in_(senior_ids))
        .order_by(SeniorPhone.senior_id, SeniorPhone.position)
    ):
        phones.setdefault(sid, number)
    return {
        sid: _Guest(gender, phones.get(sid, ""), LunarBirth(month, day, leap))
        for sid, gender, month, day, leap in seniors
    }


def _invitation(number: int | None, guest: GuestInfo, extra: _Guest) -> tuple[Cell, ...]:
    return (
        number,
        guest.name,
        extra.gender.label,
        _age(guest),
        _birthday(guest, extra.lunar),
        extra.phone,
        guest.community,
        _state(guest),
    )


def _age(guest: GuestInfo) -> str:
    if guest.age is None:
        return ""
    if guest.milestone:
        return _("{age} (milestone)").format(age=guest.age)
    return str(guest.age)


def _birthday(guest: GuestInfo, lunar: LunarBirth) -> str:
    """The day celebrated this month; for a lunar birthday the lunar day under it: 11月9日 / （农历10月1日）."""
    if guest.celebrates_on is None:
        return _("not this month")
    day = _("{month}/{day}").format(month=guest.celebrates_on.month, day=guest.celebrates_on.day)
    return _("{date}\n(lunar {lunar})").format(date=day, lunar=lunar.describe()) if guest.lunar else day


def _state(guest: GuestInfo) -> str:
    if guest.removed:
        return guest.note  # 已移除：reason
    if guest.attended:
        came = _("Attended")
        return _("{state}; gift: {gift}").format(state=came, gift=guest.gift) if guest.gift else came
    return guest.note or _("Invited from the birthday list")


def _sign_in_note(guest: GuestInfo) -> str:
    """Printed in 备注 for whoever hosts: a round birthday to honour, a guest invited by hand."""
    parts = []
    if guest.milestone and guest.age is not None:
        parts.append(_("{age}, a milestone").format(age=guest.age))
    if guest.added:
        parts.append(guest.note)
    return "；".join(parts)


def _party_notes(party: PartyInfo, starts: dt.time | None) -> list[str]:
    day = _("{y}-{m}-{d}").format(y=party.held_on.year, m=party.held_on.month, d=party.held_on.day)
    day = f"{day} {_(DAY_NAMES[party.held_on.isoweekday()])}"
    if starts is not None:
        day = f"{day} {starts:%H:%M}"
    notes = [_("Held on {date}; place: {place}").format(date=day, place=party.place or "—")]
    if party.notes:
        notes.append(_("Notes: {notes}").format(notes=party.notes.replace("\n", " ")))
    return notes


# ---- the roster's rows --------------------------------------------------------------------------


def _grant_sections(roster: Roster, printer: Printer) -> list[Section]:
    sections = []
    for total in roster.totals:
        grants = [g for g in roster.grants if g.rule_code == total.rule_code]
        rows = tuple(
            (n, g.member_no, g.name, printer.id_number(g.id_number), g.tier, money(g.amount_fen), g.reason, "")
            for n, g in enumerate(grants, 1)
        )
        people = _("{n} people").format(n=total.count)
        sections.append(
            Section(total.rule_name, rows, total=(_("Total"), "", people, "", "", money(total.total_fen), "", ""))
        )
    return sections


def _change_sections(changes: ChangeList, printer: Printer) -> list[Section]:
    against = month_label(changes.against)
    sections = []
    for kind in (ChangeKind.NEW, ChangeKind.STOPPED, ChangeKind.BAND):
        picked = [c for c in changes.changes if c.kind is kind]
        if not picked:
            continue
        heading = _("Changes against {month}: {kind}").format(month=against, kind=kind.label)
        rows = tuple(_change_row(n, c, printer) for n, c in enumerate(picked, 1))
        sections.append(Section(heading, rows))
    return sections


def _change_row(number: int, change: RosterChange, printer: Printer) -> tuple[Cell, ...]:
    if change.kind is ChangeKind.BAND:  # the reason says from which band and amount
        band, amount = f"{change.before_tier} → {change.after_tier}", money(change.after_fen)
    elif change.kind is ChangeKind.NEW:
        band, amount = change.after_tier, money(change.after_fen)
    else:
        band, amount = change.before_tier, money(change.before_fen)
    return (
        number,
        change.member_no,
        change.name,
        printer.id_number(change.id_number),
        f"{change.rule_name}：{band}",
        amount,
        change.reason,
        "",
    )


def _roster_notes(roster: Roster, changes: ChangeList, now: dt.datetime) -> list[str]:
    if roster.approved and roster.approved_at is not None:
        who = roster.approver_name or roster.approved_by
        notes = [_("Approved by {who} on {date}").format(who=who, date=roster.approved_at.strftime("%Y-%m-%d"))]
    else:
        notes = [_("Not approved; computed on {date}").format(date=now.strftime("%Y-%m-%d %H:%M"))]
    if len(roster.totals) > 1:
        people = sum(t.count for t in roster.totals)
        notes.append(_("All subsidies: {n} grants, {amount} yuan").format(n=people, amount=money(roster.total_fen)))
    previous = month_label(shift(roster.month, -1))
    for t in changes.totals:
        summary = _("new {a}, stopped {b}, band changes {c}; total {x} → {y} yuan").format(
            a=t.new, b=t.stopped, c=t.band, x=money(t.before_fen), y=money(t.after_fen)
        )
        notes.append(
            _("{subsidy} against {month}: {summary}").format(subsidy=t.rule_name, month=previous, summary=summary)
        )
    return notes
