"""What the call log (助急 / 呼叫) takes and gives: the form as typed, a call as shown, a month's counts.

A call is *open* until it is closed (``closed_at``). A normal call that needs nothing more
(no follow-up date) is done when it is logged; an urgent call, or one with a follow-up
date, stays open until someone closes it with what was done — an urgent one only with a
note. Voided calls (mistakes) are in no list and no count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carecenter.domain.desk_vocab import CallerKind, Urgency
from carecenter.domain.vocab import IncidentKind
from carecenter.i18n import N_

FIELD_LABELS: dict[str, str] = {
    "center_id": N_("Center"),
    "senior_id": N_("Senior"),
    "received_at": N_("Time of the call"),
    "caller_kind": N_("Caller"),
    "caller_name": N_("Caller's name"),
    "caller_phone": N_("Caller's phone"),
    "reason": N_("Reason for the call"),
    "urgency": N_("Urgency"),
    "action_taken": N_("What was done"),
    "follow_up_on": N_("Follow up on"),
    "closing_note": N_("Closing note"),
}

# The incident recorded with a call: its fields, as the call form names them.
INCIDENT_FIELD_PREFIX = "incident_"


@dataclass(frozen=True)
class CallInput:
    """The call form as typed; the core trims and checks it.

    ``center_id`` is needed only when no senior is named (a senior's call belongs to the
    senior's center). ``received_at`` is center time (naive, or aware in any zone); None: now.
    """

    caller_kind: CallerKind
    reason: str
    senior_id: int | None = None
    center_id: int | None = None
    received_at: dt.datetime | None = None
    caller_name: str = ""
    caller_phone: str = ""
    urgency: Urgency = Urgency.NORMAL
    action_taken: str = ""
    follow_up_on: dt.date | None = None


@dataclass(frozen=True)
class CallInfo:
    """One logged call as the desk reads it, with the senior's name and the incident it recorded (if any)."""

    id: int
    center_id: int
    senior_id: int | None
    senior_name: str
    senior_member_no: str
    received_at: dt.datetime
    caller_kind: CallerKind
    caller_name: str
    caller_phone: str
    reason: str
    urgency: Urgency
    action_taken: str
    follow_up_on: dt.date | None
    closed_at: dt.datetime | None
    closing_note: str
    incident_id: int | None
    incident_kind: IncidentKind | None
    voided: bool
    void_reason: str
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    version: int  # the edit version: the call form sends it back as ``expected_version``

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and not self.voided

    @property
    def urgent(self) -> bool:
        return self.urgency is Urgency.URGENT

    def follow_up_due(self, today: dt.date) -> bool:
        """Open, with a follow-up date that has come."""
        return self.is_open and self.follow_up_on is not None and self.follow_up_on <= today


@dataclass(frozen=True)
class CallCounts:
    """A month's calls for the monthly report: by urgency and caller, open or closed, incidents recorded."""

    month: dt.date
    total: int
    by_urgency: dict[Urgency, int]
    by_caller: dict[CallerKind, int]
    closed: int
    still_open: int
    incidents: int


def needs_follow_up(urgency: Urgency, follow_up_on: dt.date | None) -> bool:
    """Whether a call stays open when logged: urgent, or a follow-up date set."""
    return urgency is Urgency.URGENT or follow_up_on is not None
