"""The 日间照料 page's tables: the day's board and the month per senior.

Both hold plain frozen values from ``cc.attendance`` and keep the core's order: the board
reads top to bottom as the desk works (here now, expected and not come, gone home,
voided), the month by pinyin. The state cell carries the colour staff look for: green
at the center, orange not arrived, red absent, grey gone home or voided. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from carecenter.care.plan_info import DAY_SHORT
from carecenter.desk.attendance_dto import BoardRow, BoardState, MonthAttendance, clock_text
from carecenter.domain.vocab import Status
from carecenter.i18n import _
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, WARN_COLOR
from ui.widgets.record_table_model import RecordTableModel

# The board's columns: use these, never bare numbers.
COL_NAME, COL_MEMBER_NO, COL_STATE, COL_IN, COL_OUT, COL_PICKED_UP, COL_NOTE = range(7)
# The month's columns.
COL_M_NAME, COL_M_MEMBER_NO, COL_M_DAYS, COL_M_HOURS, COL_M_OPEN = range(5)

STATE_COLORS: dict[BoardState, str] = {
    BoardState.PRESENT: INFO_COLOR,
    BoardState.LEFT: MUTED_COLOR,
    BoardState.NOT_ARRIVED: WARN_COLOR,
    BoardState.ABSENT: ERROR_COLOR,
    BoardState.VOIDED: MUTED_COLOR,
}


def note_text(row: BoardRow) -> str:
    """What else the desk should know: 计划外, 暂停, a correction or a voiding with its reason."""
    parts = []
    if row.walk_in:
        parts.append(_("Walk-in (no plan today)"))
    if row.senior_status is Status.PAUSED:
        parts.append(_("Paused"))
    info = row.attendance
    if info is not None and info.voided:
        parts.append(_("Voided: {reason}").format(reason=info.void_reason))
    elif info is not None and info.correction_reason:
        parts.append(_("Times corrected: {reason}").format(reason=info.correction_reason))
    return "；".join(parts)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _struck() -> QFont:
    font = QFont()
    font.setStrikeOut(True)
    return font


class BoardModel(RecordTableModel[BoardRow]):
    """The day's rows; voided check-ins only while ``show_voided`` is on."""

    def __init__(self) -> None:
        super().__init__(
            lambda: [
                _("Name"),
                _("Member no."),
                _("Status"),
                _("Check-in"),
                _("Check-out"),
                _("Picked up by"),
                _("Note"),
            ]
        )
        self._all: list[BoardRow] = []
        self.show_voided = False

    def set_rows(self, rows: tuple[BoardRow, ...] | list[BoardRow]) -> None:
        self._all = list(rows)
        self.set_records([r for r in self._all if self.show_voided or r.state is not BoardState.VOIDED])

    def set_show_voided(self, show: bool) -> None:
        self.show_voided = show
        self.set_rows(self._all)

    def row_of(self, senior_id: int) -> int | None:
        """The senior's live line (not a voided one)."""
        return next(
            (i for i, r in enumerate(self.records()) if r.senior_id == senior_id and r.state is not BoardState.VOIDED),
            None,
        )

    def display(self, record: BoardRow, column: int) -> str:
        if column == COL_NAME:
            return record.name
        if column == COL_MEMBER_NO:
            return record.member_no
        if column == COL_STATE:
            return record.state.label
        if column == COL_IN:
            return clock_text(record.checked_in_at)
        if column == COL_OUT:
            return clock_text(record.checked_out_at)
        if column == COL_PICKED_UP:
            return record.picked_up_by
        if column == COL_NOTE:
            return note_text(record)
        return ""

    def role_data(self, record: BoardRow, column: int, role: int) -> Any:
        voided = record.state is BoardState.VOIDED
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATE or voided:
                return QColor(STATE_COLORS[record.state])
            if column == COL_NOTE and (record.walk_in or record.senior_status is Status.PAUSED):
                return QColor(WARN_COLOR)
        if role == Qt.ItemDataRole.FontRole:
            if voided:
                return _struck()
            if column in (COL_NAME, COL_STATE):
                return _bold()
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NOTE:
            return note_text(record) or None
        return None


def board_samples() -> dict[int, str]:
    """Typical widest content per column, so nothing common is cut off."""
    return {
        COL_NAME: "欧阳秀英",
        COL_MEMBER_NO: "M000000",
        COL_STATE: BoardState.NOT_ARRIVED.label,
        COL_IN: "08:88",
        COL_OUT: "08:88",
        COL_PICKED_UP: "女儿 欧阳秀英",
    }


class MonthModel(RecordTableModel[MonthAttendance]):
    """A month per senior: days, hours (one decimal), days left without a check-out (red)."""

    def __init__(self) -> None:
        super().__init__(lambda: [_("Name"), _("Member no."), _("Days"), _("Hours"), _("Days without check-out")])

    def display(self, record: MonthAttendance, column: int) -> str:
        if column == COL_M_NAME:
            return record.name
        if column == COL_M_MEMBER_NO:
            return record.member_no
        if column == COL_M_DAYS:
            return str(record.days)
        if column == COL_M_HOURS:
            return record.hours
        if column == COL_M_OPEN:
            return str(record.open_days) if record.open_days else ""
        return ""

    def role_data(self, record: MonthAttendance, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_M_DAYS, COL_M_HOURS, COL_M_OPEN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == COL_M_OPEN and record.open_days:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(ERROR_COLOR)
            if role == Qt.ItemDataRole.FontRole:
                return _bold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Check-outs missing: correct the times on those days")
        return None


def month_samples() -> dict[int, str]:
    return {
        COL_M_NAME: "欧阳秀英",
        COL_M_MEMBER_NO: "M000000",
        COL_M_DAYS: "31",
        COL_M_HOURS: "888.8",
        COL_M_OPEN: "31",
    }


def day_title(day: dt.date, today: dt.date) -> str:
    """今天 2026-11-22 (周日) / 2026-11-21 (周六)."""
    weekday = _(DAY_SHORT[day.isoweekday()])
    text = _("{day} ({weekday})").format(day=day.isoformat(), weekday=weekday)
    return _("Today {day}").format(day=text) if day == today else text
