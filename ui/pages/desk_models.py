"""The tables of the 呼叫助急 and 活动 pages: calls, a month's activities, an activity's attendees.

They hold plain frozen values from ``cc.calls`` and ``cc.activities`` in the core's order
(open calls urgent first; activities by day and time): the desk reads them top to bottom.

An open urgent call is what must never be missed: its row is bold and red. The birthday
party's row in the activities list has the warm background of the 生日会 page, and a
tooltip saying its attendance is kept there. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from carecenter.desk.activity_dto import ActivitySummary, Attendee
from carecenter.desk.call_dto import CallInfo
from carecenter.domain.vocab import Status
from carecenter.i18n import _
from ui.pages.birthday_models import MILESTONE_BACKGROUND
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR
from ui.widgets.record_table_model import RecordTableModel

URGENT_BACKGROUND = "#ffebee"

# ---- calls ---------------------------------------------------------------------------------------

COL_CALL_TIME, COL_CALL_URGENCY, COL_CALL_SENIOR, COL_CALL_CALLER, COL_CALL_REASON = range(5)
COL_CALL_FOLLOW_UP, COL_CALL_STATE = 5, 6


def call_time_text(at: dt.datetime, today: dt.date) -> str:
    """09:30 for today's calls, 11-20 09:30 for earlier ones (an urgent call may be days old)."""
    clock = at.strftime("%H:%M")
    return clock if at.date() == today else f"{at:%m-%d} {clock}"


def day_text(day: dt.date | None, today: dt.date) -> str:
    """11-24 in the current year, 2027-01-05 otherwise."""
    if day is None:
        return ""
    return f"{day:%m-%d}" if day.year == today.year else day.isoformat()


def caller_text(call: CallInfo) -> str:
    """李红 13803712233 (家属 when no name was given): who to call back."""
    return " ".join(t for t in (call.caller_name or call.caller_kind.label, call.caller_phone) if t)


def call_state_text(call: CallInfo, today: dt.date) -> str:
    """待回访 / 回访已到期 / 已结案 (and 已记录事件 when an incident was recorded with it)."""
    if call.voided:
        state = _("Call voided")
    elif call.closed_at is not None:
        state = _("Call closed")
    elif call.follow_up_due(today):
        state = _("Follow-up due")
    else:
        state = _("Awaiting follow-up")
    if call.incident_kind is not None:
        state = _("{state} · incident: {kind}").format(state=state, kind=call.incident_kind.label)
    return state


def _call_headers() -> list[str]:
    return [_("Time"), _("Priority"), _("Senior"), _("Caller"), _("Reason for the call"), _("Follow up on"), _("State")]


def call_samples() -> dict[int, str]:
    return {
        COL_CALL_TIME: "11-20 09:30",
        COL_CALL_URGENCY: _("Urgent"),
        COL_CALL_SENIOR: "欧阳秀英",
        COL_CALL_CALLER: "李红 13803712233",
        COL_CALL_FOLLOW_UP: "11-24",
        COL_CALL_STATE: _("{state} · incident: {kind}").format(state=_("Follow-up due"), kind="跌倒"),
    }


class CallsModel(RecordTableModel[CallInfo]):
    """Calls, one per row; an open urgent call bold and red. ``today`` decides which times show a date."""

    def __init__(self, today: dt.date) -> None:
        super().__init__(_call_headers)
        self.today = today

    def display(self, record: CallInfo, column: int) -> str:
        if column == COL_CALL_TIME:
            return call_time_text(record.received_at, self.today)
        if column == COL_CALL_URGENCY:
            return record.urgency.label
        if column == COL_CALL_SENIOR:
            return record.senior_name or "—"
        if column == COL_CALL_CALLER:
            return caller_text(record)
        if column == COL_CALL_REASON:
            return " ".join(record.reason.split())
        if column == COL_CALL_FOLLOW_UP:
            return day_text(record.follow_up_on, self.today)
        if column == COL_CALL_STATE:
            return call_state_text(record, self.today)
        return ""

    def role_data(self, record: CallInfo, column: int, role: int) -> Any:
        alarm = record.urgent and record.is_open
        if role == Qt.ItemDataRole.ForegroundRole:
            if alarm:
                return QColor(ERROR_COLOR)
            if not record.is_open:
                return QColor(MUTED_COLOR)
        if role == Qt.ItemDataRole.BackgroundRole and alarm:
            return QColor(URGENT_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and alarm:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return call_tooltip(record)
        return None

    def row_of(self, call_id: int) -> int | None:
        return next((row for row, c in enumerate(self._records) if c.id == call_id), None)


def caller_line(call: CallInfo) -> str:
    """家属 李红 13803712233: the caller in full."""
    return " ".join(t for t in (call.caller_kind.label, call.caller_name, call.caller_phone) if t)


def call_tooltip(call: CallInfo) -> str:
    """Everything about the call, for the mouse: reason, what was done, the closing note."""
    lines = [call.reason, caller_line(call)]
    if call.action_taken:
        lines.append(_("Done: {text}").format(text=call.action_taken))
    if call.closing_note:
        lines.append(_("Closing note: {text}").format(text=call.closing_note))
    if call.senior_member_no:
        lines.append(f"{call.senior_name} {call.senior_member_no}")
    return "\n".join(lines)


# ---- activities ----------------------------------------------------------------------------------

COL_ACT_DAY, COL_ACT_TIME, COL_ACT_TITLE, COL_ACT_KIND, COL_ACT_PLACE, COL_ACT_STAFF, COL_ACT_COUNT = range(7)


def activity_day_text(day: dt.date) -> str:
    return _("{month}/{day}").format(month=day.month, day=day.day)


def _activity_headers() -> list[str]:
    return [_("Date"), _("Time"), _("Title"), _("Kind"), _("Place"), _("Staff in charge"), _("Person-times")]


def activity_samples() -> dict[int, str]:
    return {
        COL_ACT_DAY: "11月30日",
        COL_ACT_TIME: "09:30",
        COL_ACT_KIND: _("Learning and hobbies"),
        COL_ACT_PLACE: "二楼多功能活动室",
        COL_ACT_STAFF: "欧阳社工",
        COL_ACT_COUNT: "人次",
    }


class ActivitiesModel(RecordTableModel[ActivitySummary]):
    """A month's activities; the birthday party's row is marked (its attendance is kept on the 生日会 page)."""

    def __init__(self) -> None:
        super().__init__(_activity_headers)

    def display(self, record: ActivitySummary, column: int) -> str:
        if column == COL_ACT_DAY:
            return activity_day_text(record.held_on)
        if column == COL_ACT_TIME:
            return record.starts_at.strftime("%H:%M") if record.starts_at else ""
        if column == COL_ACT_TITLE:
            return record.title
        if column == COL_ACT_KIND:
            return record.kind.label
        if column == COL_ACT_PLACE:
            return record.place
        if column == COL_ACT_STAFF:
            return record.staff_name
        if column == COL_ACT_COUNT:
            return str(record.attendees)
        return ""

    def role_data(self, record: ActivitySummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and record.linked:
            return QColor(MILESTONE_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and record.linked:
            return _("The month's birthday party: who came is recorded on the birthday party page")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ACT_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, activity_id: int) -> int | None:
        return next((row for row, a in enumerate(self._records) if a.id == activity_id), None)

    def person_times(self) -> int:
        return sum(a.attendees for a in self._records)


# ---- attendees -----------------------------------------------------------------------------------

COL_ATT_NAME, COL_ATT_MEMBER_NO, COL_ATT_STATUS = range(3)


def _attendee_headers() -> list[str]:
    return [_("Name"), _("Member no."), _("Status")]


class AttendeesModel(RecordTableModel[Attendee]):
    """Who came to one activity, by pinyin; a senior no longer 在册 says so."""

    def __init__(self) -> None:
        super().__init__(_attendee_headers)

    def display(self, record: Attendee, column: int) -> str:
        if column == COL_ATT_NAME:
            return record.name
        if column == COL_ATT_MEMBER_NO:
            return record.member_no
        if column == COL_ATT_STATUS:
            return record.status.label if record.status is not Status.ACTIVE else ""
        return ""

    def names(self) -> list[str]:
        return [a.name for a in self._records]
