"""What the activities service takes and gives: the form as typed, an activity with who came, a month's counts.

The month's 集体生日会 is an activity too (kind 生日会), made with the party and linked to
it (``birthday_party_id``): its attendees are the party's guests who came, recorded on
the 生日会 page, never a second list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carecenter.domain.desk_vocab import ActivityKind
from carecenter.domain.vocab import Status
from carecenter.i18n import N_, zh

FIELD_LABELS: dict[str, str] = {
    "center_id": N_("Center"),
    "title": N_("Title"),
    "kind": N_("Kind of activity"),
    "held_on": N_("Date"),
    "starts_at": N_("Starts at"),
    "place": N_("Place"),
    "staff_id": N_("Staff in charge"),
    "notes": N_("Notes"),
    "senior_id": N_("Senior"),
}


def party_title(month: dt.date) -> str:
    """The linked activity's title, stored in Chinese like every record 民政 reads: 11月集体生日会."""
    return zh(N_("Birthday party of month {n}")).format(n=month.month)


@dataclass(frozen=True)
class ActivityInput:
    """The activity form as typed; the core trims and checks it. ``staff_id`` None: nobody named."""

    center_id: int
    title: str
    kind: ActivityKind
    held_on: dt.date
    starts_at: dt.time | None = None
    place: str = ""
    staff_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class Attendee:
    """A senior who took part, as the attendee list shows them (status as of today)."""

    senior_id: int
    member_no: str
    name: str
    status: Status
    name_sort: str


@dataclass(frozen=True)
class ActivitySummary:
    """One line of the month's list: when, what, where, who ran it, how many came (人次)."""

    id: int
    center_id: int
    title: str
    kind: ActivityKind
    held_on: dt.date
    starts_at: dt.time | None
    place: str
    staff_id: int | None
    staff_name: str
    birthday_party_id: int | None
    attendees: int

    @property
    def linked(self) -> bool:
        """The month's birthday party: its attendance is kept on the 生日会 page."""
        return self.birthday_party_id is not None


@dataclass(frozen=True)
class ActivityInfo:
    """One activity with its attendees (by pinyin), who recorded it and who changed it last."""

    id: int
    center_id: int
    title: str
    kind: ActivityKind
    held_on: dt.date
    starts_at: dt.time | None
    place: str
    staff_id: int | None
    staff_name: str
    notes: str
    birthday_party_id: int | None
    attendees: tuple[Attendee, ...]
    voided: bool
    void_reason: str
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    version: int  # the edit version: the activity form sends it back as ``expected_version``

    @property
    def linked(self) -> bool:
        return self.birthday_party_id is not None

    @property
    def count(self) -> int:
        """人次 of this activity: one per senior who came."""
        return len(self.attendees)

    def attendee_ids(self) -> tuple[int, ...]:
        return tuple(a.senior_id for a in self.attendees)


@dataclass(frozen=True)
class KindCount:
    """A month's activities of one kind (or all kinds): how many, 人次, and different seniors."""

    kind: ActivityKind | None  # None: every kind together
    activities: int
    person_times: int
    seniors: int


@dataclass(frozen=True)
class ActivityCounts:
    """The month's activities for the monthly report, per kind (every kind listed, zeros too) and in total."""

    month: dt.date
    by_kind: tuple[KindCount, ...]
    total: KindCount

    def of(self, kind: ActivityKind) -> KindCount:
        return next(k for k in self.by_kind if k.kind is kind)
