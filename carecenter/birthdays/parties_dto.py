"""What the birthday-party service takes and gives: plain frozen data, never ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carecenter.i18n import N_, _

FIELD_LABELS: dict[str, str] = {
    "month": N_("Month"),
    "held_on": N_("Date of the party"),
    "place": N_("Place"),
    "notes": N_("Notes"),
    "senior_id": N_("Guest"),
    "reason": N_("Reason for removing"),
    "gift": N_("Gift"),
    "attended": N_("Attended"),
}


@dataclass(frozen=True)
class PartyInput:
    """The party form as typed: when and where it is held, and anything worth noting."""

    held_on: dt.date
    place: str = ""
    notes: str = ""


@dataclass(frozen=True)
class GuestInfo:
    """One invited senior of a party.

    ``celebrates_on``/``age``/``lunar``/``milestone`` are what the birthday list said when the
    senior was invited (None/False for a guest added by hand without a birthday in the month).
    ``added``: invited by hand (补充邀请), not from the list. ``id_number`` is masked unless the
    role may see full numbers.
    """

    id: int
    party_id: int
    senior_id: int
    member_no: str
    name: str
    id_number: str
    community: str
    celebrates_on: dt.date | None
    age: int | None
    lunar: bool
    milestone: bool
    added: bool
    removed: bool
    removed_reason: str
    attended: bool
    gift: str
    name_sort: str = ""

    @property
    def note(self) -> str:
        """The export's 备注: why the guest was removed, or that they were invited by hand."""
        if self.removed:
            return _("Removed: {reason}").format(reason=self.removed_reason)
        if self.added:
            return _("Invited in addition")
        return ""


def guest_order(guest: GuestInfo) -> tuple[bool, bool, dt.date, str, int]:
    """Invited guests by birthday then pinyin, those without a birthday in the month after them; removed ones last."""
    return (guest.removed, guest.celebrates_on is None, guest.celebrates_on or dt.date.max, guest.name_sort, guest.id)


@dataclass(frozen=True)
class PartyInfo:
    """A center's 集体生日会 of one month with its guests (:func:`guest_order`: removed guests last)."""

    id: int
    center_id: int
    center_code: str
    center_name: str
    month: dt.date  # the month's first day
    held_on: dt.date
    place: str
    notes: str
    guests: tuple[GuestInfo, ...]
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    version: int  # the edit version: the party form sends it back as ``expected_version``

    @property
    def invited(self) -> int:
        """Guests still invited (removed ones are not counted)."""
        return sum(1 for g in self.guests if not g.removed)

    @property
    def attended(self) -> int:
        return sum(1 for g in self.guests if g.attended and not g.removed)

    def guest(self, senior_id: int) -> GuestInfo | None:
        """The senior's row in this party (removed or not), or None if never invited."""
        return next((g for g in self.guests if g.senior_id == senior_id), None)


@dataclass(frozen=True)
class PartySummary:
    """One line of the list of parties: the month, when and where, how many invited and how many came."""

    id: int
    center_id: int
    center_code: str
    month: dt.date
    held_on: dt.date
    place: str
    invited: int
    attended: int


@dataclass(frozen=True)
class Refreshed:
    """What "refresh invitations" did: the party as it now is and the guests it added."""

    party: PartyInfo
    added: tuple[GuestInfo, ...]
