"""The 生日会 page's tables: the month's birthday list, a party's guests, and the parties held.

All three hold plain frozen values from ``cc.birthdays`` and keep the core's order (by
the day of the birthday, then pinyin; removed guests last): a party list is read top to
bottom at the door, so it is not re-sorted by a stray header click.

Round birthdays (整寿) are what staff look for first: the row gets a warm background and
the 整寿 cell says which round age it is — "虚岁80整寿" when the center counts by 虚岁,
where the age column (周岁) reads 79.

The guest table is the one table in the app edited in place: 到场 is a tick box and
礼品 a text cell. Each edit is one core call made by the page (``write``); the model
shows the row as the core returns it, or keeps the old row when the call was refused.
UI thread only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from carecenter.birthdays.celebration import is_milestone
from carecenter.birthdays.month_list import BirthdayRow
from carecenter.birthdays.parties_dto import GuestInfo, PartyInfo, PartySummary
from carecenter.domain.months import month_label
from carecenter.i18n import _
from ui.widgets.field_row import MUTED_COLOR
from ui.widgets.record_table_model import RecordTableModel

ModelIndex = QModelIndex | QPersistentModelIndex

MILESTONE_BACKGROUND = "#fff3e0"
MILESTONE_COLOR = "#bf360c"

# Columns shared by the birthday list and the guest table: use these, never bare numbers.
COL_DAY = 0
COL_NAME = 1
COL_MEMBER_NO = 2
COL_AGE = 3
COL_CALENDAR = 4
COL_MILESTONE = 5
COL_COMMUNITY = 6
COL_CENTER = 7  # the birthday list only: which center, when every center is listed
COL_ATTENDED = 7  # the guest table only
COL_GIFT = 8
COL_NOTE = 9

# The parties held.
COL_PARTY_MONTH, COL_PARTY_CENTER, COL_PARTY_DAY, COL_PARTY_PLACE, COL_PARTY_INVITED, COL_PARTY_ATTENDED = range(6)

# A guest edit, made by the page: the party as it now is, or None when the core refused (the page said why).
GuestWriter = Callable[[GuestInfo, bool, str], PartyInfo | None]


# ---- texts ---------------------------------------------------------------------------------


def day_text(day: dt.date | None) -> str:
    """11月15日; a dash for a guest invited by hand whose birthday is in another month."""
    return _("{month}/{day}").format(month=day.month, day=day.day) if day is not None else "—"


def calendar_text(lunar: bool) -> str:
    return _("Lunar") if lunar else _("Solar")


def milestone_text(age: int | None, milestone: bool) -> str:
    """80岁整寿, 虚岁80整寿 (a 79-year-old at a 虚岁 center), 101岁寿星; '' for an ordinary birthday."""
    if age is None or not milestone:
        return ""
    if not is_milestone(age, False):  # round only by 虚岁
        return _("{age} by xusui, round birthday").format(age=age + 1)
    if age >= 100:
        return _("{age}, centenarian").format(age=age)
    return _("{age}, round birthday").format(age=age)


def _checked(value: Any) -> bool:
    """A CheckStateRole value as delegates and tests send it: a CheckState, its int, or a bool."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return bool(value == Qt.CheckState.Checked.value)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _milestone_role(milestone: bool, column: int, role: int) -> Any:
    """The warm background of a round-birthday row, and its 整寿 cell in bold."""
    if not milestone:
        return None
    if role == Qt.ItemDataRole.BackgroundRole:
        return QColor(MILESTONE_BACKGROUND)
    if column == COL_MILESTONE and role == Qt.ItemDataRole.ForegroundRole:
        return QColor(MILESTONE_COLOR)
    if column in (COL_MILESTONE, COL_NAME) and role == Qt.ItemDataRole.FontRole:
        return _bold()
    return None


def _common_headers() -> list[str]:
    return [_("Birthday"), _("Name"), _("Member no."), _("Age"), _("Lunar / solar"), _("Milestone"), _("Community")]


def column_samples() -> dict[int, str]:
    """Typical widest content per column, so nothing common is cut off."""
    return {
        COL_DAY: day_text(dt.date(2026, 11, 30)),
        COL_NAME: "欧阳秀英",
        COL_MEMBER_NO: "M000000",
        COL_AGE: "100",
        COL_CALENDAR: calendar_text(True),
        COL_MILESTONE: milestone_text(79, True),
        COL_COMMUNITY: "文化路社区",
    }


# ---- the month's birthday list ---------------------------------------------------------------


class BirthdayListModel(RecordTableModel[BirthdayRow]):
    """Who celebrates in the month, in the core's order; the 站点 column matters only when every center is listed."""

    def __init__(self) -> None:
        super().__init__(lambda: [*_common_headers(), _("Center")])

    def display(self, record: BirthdayRow, column: int) -> str:
        values = {
            COL_DAY: day_text(record.date),
            COL_NAME: record.name,
            COL_MEMBER_NO: record.member_no,
            COL_AGE: str(record.age),
            COL_CALENDAR: calendar_text(record.lunar),
            COL_MILESTONE: milestone_text(record.age, record.milestone),
            COL_COMMUNITY: record.community,
            COL_CENTER: record.center_code,
        }
        return values.get(column, "")

    def role_data(self, record: BirthdayRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DAY:
            return record.date.isoformat()
        return _milestone_role(record.milestone, column, role)

    def milestones(self) -> int:
        return sum(1 for r in self._records if r.milestone)


# ---- a party's guests -----------------------------------------------------------------------


class GuestTableModel(RecordTableModel[GuestInfo]):
    """The guests of one party: 到场 ticked and 礼品 typed in place; removed guests greyed, not editable."""

    def __init__(self, write: GuestWriter) -> None:
        super().__init__(lambda: [*_common_headers(), _("Attended"), _("Gift"), _("Notes")])
        self._write = write

    def display(self, record: GuestInfo, column: int) -> str:
        values = {
            COL_DAY: day_text(record.celebrates_on),
            COL_NAME: record.name,
            COL_MEMBER_NO: record.member_no,
            COL_AGE: "" if record.age is None else str(record.age),
            COL_CALENDAR: calendar_text(record.lunar) if record.celebrates_on is not None else "",
            COL_MILESTONE: milestone_text(record.age, record.milestone),
            COL_COMMUNITY: record.community,
            COL_GIFT: record.gift,
            COL_NOTE: record.note,
        }
        return values.get(column, "")

    def role_data(self, record: GuestInfo, column: int, role: int) -> Any:
        if column == COL_ATTENDED and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if record.attended else Qt.CheckState.Unchecked
        if column == COL_GIFT and role == Qt.ItemDataRole.EditRole:
            return record.gift
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NOTE and record.note:
            return record.note
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:
            return f"{record.name}　{record.member_no}"  # the view leaves the member number out for room
        if record.removed:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(MUTED_COLOR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        return _milestone_role(record.milestone, column, role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        record = self.record(index.row()) if index.isValid() else None
        if record is None or record.removed:
            return flags
        if index.column() == COL_ATTENDED:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == COL_GIFT:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A tick or a typed gift: saved at once through the core; refused, the row stays as it was."""
        record = self.record(index.row()) if index.isValid() else None
        if record is None or record.removed:
            return False
        if index.column() == COL_ATTENDED and role == Qt.ItemDataRole.CheckStateRole:
            return self.save(index.row(), _checked(value), record.gift)
        if index.column() == COL_GIFT and role == Qt.ItemDataRole.EditRole:
            return self.save(index.row(), record.attended, str(value or ""))
        return False

    def save(self, row: int, attended: bool, gift: str) -> bool:
        """Write the guest of ``row`` through the page; the row then shows what the core stored."""
        record = self.record(row)
        if record is None or (record.attended, record.gift) == (attended, gift.strip()):
            return False
        party = self._write(record, attended, gift)
        stored = party.guest(record.senior_id) if party is not None else None
        if stored is None:
            return False
        self._records[row] = stored
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def row_of(self, guest_id: int) -> int | None:
        return next((row for row, g in enumerate(self._records) if g.id == guest_id), None)

    def gifts(self) -> list[str]:
        """The gifts typed so far, most given first: what the gift cell suggests while typing."""
        counts: dict[str, int] = {}
        for guest in self._records:
            if guest.gift:
                counts[guest.gift] = counts.get(guest.gift, 0) + 1
        return sorted(counts, key=lambda gift: (-counts[gift], gift))


def guest_samples() -> dict[int, str]:
    return column_samples() | {COL_ATTENDED: "✔✔", COL_GIFT: "蛋糕、长寿面"}


# ---- the parties held -------------------------------------------------------------------------


class PartiesModel(RecordTableModel[PartySummary]):
    """Every party of the center (or of every center), newest month first."""

    def __init__(self) -> None:
        super().__init__(
            lambda: [_("Month"), _("Center"), _("Date of the party"), _("Place"), _("Invited"), _("Attended")]
        )

    def display(self, record: PartySummary, column: int) -> str:
        values = {
            COL_PARTY_MONTH: month_label(record.month),
            COL_PARTY_CENTER: record.center_code,
            COL_PARTY_DAY: record.held_on.isoformat(),
            COL_PARTY_PLACE: record.place,
            COL_PARTY_INVITED: str(record.invited),
            COL_PARTY_ATTENDED: str(record.attended),
        }
        return values.get(column, "")

    def row_of(self, center_id: int | None, month: dt.date) -> int | None:
        """The row of ``center_id``'s party of ``month`` (any center's when None)."""
        return next(
            (
                row
                for row, p in enumerate(self._records)
                if p.month == month and (center_id is None or p.center_id == center_id)
            ),
            None,
        )


def party_samples() -> dict[int, str]:
    return {
        COL_PARTY_MONTH: month_label(dt.date(2026, 11, 1)),
        COL_PARTY_CENTER: "C001",
        COL_PARTY_DAY: "2026-11-28",
        COL_PARTY_INVITED: "888",
        COL_PARTY_ATTENDED: "888",
    }
