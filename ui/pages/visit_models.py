"""The 上门服务 page's tables: the week's visits, the month's services by count, and the month's counts.

All hold plain frozen values from ``cc.visits`` and keep the core's order: the week reads
day by day, each day by staff member (未指派 last) and time, so a carer finds their own
round. The state cell carries the colour staff look for: blue still to do, orange
overdue, green done, red missed, grey cancelled; today's lines are tinted. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from carecenter.care.plan_info import DAY_NAMES
from carecenter.desk.visit_dto import MonthlyService, SlotState, StaffCount, TypeCount, VisitSlot
from carecenter.i18n import _
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, WARN_COLOR
from ui.widgets.record_table_model import RecordTableModel

PLANNED_COLOR = "#1d5f99"
TODAY_BACKGROUND = "#fff8e1"

# The week's columns: use these, never bare numbers.
COL_DAY, COL_TIME, COL_SENIOR, COL_SERVICE, COL_STAFF, COL_STATE, COL_NOTE = range(7)
# The month's services by count.
COL_M_SENIOR, COL_M_SERVICE, COL_M_STAFF, COL_M_PROGRESS = range(4)
# The month's counts per service type, and per staff member.
COL_T_NAME, COL_T_VISITS, COL_T_SENIORS, COL_T_HOURS = range(4)
COL_S_NAME, COL_S_VISITS, COL_S_HOURS = range(3)

STATE_COLORS: dict[SlotState, str] = {
    SlotState.PLANNED: PLANNED_COLOR,
    SlotState.OVERDUE: WARN_COLOR,
    SlotState.DONE: INFO_COLOR,
    SlotState.MISSED: ERROR_COLOR,
    SlotState.CANCELLED: MUTED_COLOR,
}


def day_text(day: dt.date) -> str:
    """11-16 周一: the date and its weekday, as a carer's round sheet names it."""
    return _("{date} {weekday}").format(date=f"{day.month:02d}-{day.day:02d}", weekday=_(DAY_NAMES[day.isoweekday()]))


def staff_text(name: str) -> str:
    return name or _("Unassigned")


def note_text(slot: VisitSlot) -> str:
    """The reason of a missed or cancelled visit; the address while it is still to do; 计划外 for other visits."""
    if slot.status_reason:
        return slot.status_reason
    extra = "" if slot.from_plan else _("Outside the weekly plan")
    if slot.state.open:
        return "；".join(p for p in (extra, slot.address) if p)
    return extra


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class WeekModel(RecordTableModel[VisitSlot]):
    """The week's lines; ``today`` tints the current day's lines."""

    def __init__(self) -> None:
        super().__init__(
            lambda: [_("Day"), _("Time"), _("Senior"), _("Service"), _("Visiting staff"), _("Status"), _("Note")]
        )
        self.today: dt.date | None = None

    def display(self, record: VisitSlot, column: int) -> str:
        values = {
            COL_DAY: day_text(record.day),
            COL_TIME: record.time_text,
            COL_SENIOR: record.senior_name,
            COL_SERVICE: record.service_name,
            COL_STAFF: staff_text(record.staff_name),
            COL_STATE: record.state.label,
            COL_NOTE: note_text(record),
        }
        return values.get(column, "")

    def role_data(self, record: VisitSlot, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATE:
                return QColor(STATE_COLORS[record.state])
            if column == COL_STAFF and record.staff_id is None:
                return QColor(WARN_COLOR)
        if role == Qt.ItemDataRole.FontRole and column == COL_STATE:
            return _bold()
        if role == Qt.ItemDataRole.BackgroundRole and record.day == self.today:
            return QColor(TODAY_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SENIOR:
                return "　".join(p for p in (record.senior_name, record.member_no, record.phone, record.address) if p)
            if column == COL_NOTE:
                return note_text(record) or None
        return None

    def row_of(self, senior_name: str, day: dt.date, service_name: str = "") -> int:
        """The first line of that senior on that day (and service), -1 if none."""
        for row, record in enumerate(self._records):
            same = record.senior_name == senior_name and record.day == day
            if same and (not service_name or record.service_name == service_name):
                return row
        return -1


def week_samples() -> dict[int, str]:
    """Typical widest content per column, so nothing common is cut off."""
    return {
        COL_DAY: day_text(dt.date(2026, 11, 18)),
        COL_TIME: "09:00–10:30",
        COL_SENIOR: "欧阳秀英",
        COL_SERVICE: "助医助行",
        COL_STAFF: "欧阳建国",
        COL_STATE: SlotState.CANCELLED.label,
    }


class MonthlyModel(RecordTableModel[MonthlyService]):
    """Services planned a number of times a month, with how many are done."""

    def __init__(self) -> None:
        super().__init__(lambda: [_("Senior"), _("Service"), _("Visiting staff"), _("This month")])

    def display(self, record: MonthlyService, column: int) -> str:
        values = {
            COL_M_SENIOR: record.senior_name,
            COL_M_SERVICE: record.service_name,
            COL_M_STAFF: staff_text(record.staff_name),
            COL_M_PROGRESS: record.progress_text,
        }
        return values.get(column, "")

    def role_data(self, record: MonthlyService, column: int, role: int) -> Any:
        if column == COL_M_PROGRESS and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(INFO_COLOR if record.done >= record.times else PLANNED_COLOR)
        if column == COL_M_SENIOR and role == Qt.ItemDataRole.ToolTipRole:
            return "　".join(p for p in (record.senior_name, record.member_no, record.phone, record.address) if p)
        return None


def monthly_samples() -> dict[int, str]:
    return {
        COL_M_SENIOR: "欧阳秀英",
        COL_M_SERVICE: "助医助行",
        COL_M_STAFF: "欧阳建国",
    }


def _right(column: int, numeric: tuple[int, ...], role: int) -> Any:
    if role == Qt.ItemDataRole.TextAlignmentRole and column in numeric:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


class TypeCountModel(RecordTableModel[TypeCount]):
    """人次, people and hours per service type; 助餐 counts the meals served and has no hours."""

    def __init__(self) -> None:
        super().__init__(lambda: [_("Service type"), _("Visits"), _("Seniors served"), _("Hours")])

    def display(self, record: TypeCount, column: int) -> str:
        values = {
            COL_T_NAME: record.name,
            COL_T_VISITS: str(record.visits),
            COL_T_SENIORS: str(record.seniors),
            COL_T_HOURS: f"{record.minutes / 60:.1f}" if record.minutes is not None else "—",
        }
        return values.get(column, "")

    def role_data(self, record: TypeCount, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and record.minutes is None:
            return _("Meals are counted from the meals served")
        if role == Qt.ItemDataRole.ForegroundRole and not record.visits:
            return QColor(MUTED_COLOR)
        return _right(column, (COL_T_VISITS, COL_T_SENIORS, COL_T_HOURS), role)


class StaffCountModel(RecordTableModel[StaffCount]):
    def __init__(self) -> None:
        super().__init__(lambda: [_("Visiting staff"), _("Visits"), _("Hours")])

    def display(self, record: StaffCount, column: int) -> str:
        values = {
            COL_S_NAME: record.name,
            COL_S_VISITS: str(record.visits),
            COL_S_HOURS: f"{record.minutes / 60:.1f}",
        }
        return values.get(column, "")

    def role_data(self, record: StaffCount, column: int, role: int) -> Any:
        return _right(column, (COL_S_VISITS, COL_S_HOURS), role)
