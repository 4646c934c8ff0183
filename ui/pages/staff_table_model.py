"""The staff list as a table: one row per staff member, their login beside them.

Rows are plain frozen snapshots built from ``cc.staff.list()`` and
``cc.accounts.list_accounts()``; a center has tens of staff, not thousands, so
the page loads them all and filters in memory. Words shown in the status columns
are computed here once, so the page, the tests and a screen reader see the same text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from carecenter.accounts import AccountInfo
from carecenter.centers import CenterInfo
from carecenter.i18n import N_, _
from carecenter.staff import StaffInfo

COL_NAME, COL_POSITION, COL_PHONE, COL_CENTER, COL_USERNAME, COL_ROLE, COL_STATUS, COL_ACCOUNT = range(8)
HEADERS = (
    N_("Name"),
    N_("Position"),
    N_("Phone"),
    N_("Center"),
    N_("Username"),
    N_("Role"),
    N_("Staff status"),
    N_("Login status"),
)
MUTED = QColor("#757575")
WARNING = QColor("#b71c1c")


@dataclass(frozen=True)
class StaffRow:
    """A staff member as the page lists them: their record, their login (if any) and their center's name."""

    staff: StaffInfo
    account: AccountInfo | None
    center_name: str

    @property
    def status_text(self) -> str:
        return _("In service") if self.staff.active else _("Deactivated")

    @property
    def account_text(self) -> str:
        """无账号 / 已停用 / 锁定至 09:15 / 正常 (a disabled account says so even while locked)."""
        if self.account is None:
            return _("No login")
        if self.account.disabled:
            return _("Login disabled")
        if self.account.locked_until is not None:
            return _("Locked until {time}").format(time=self.account.locked_until.strftime("%H:%M"))
        return _("Can log in")

    def texts(self) -> tuple[str, ...]:
        """The cells, in column order."""
        return (
            self.staff.name,
            self.staff.position.label,
            self.staff.phone,
            self.center_name,
            self.account.username if self.account else "",
            self.account.role.label if self.account else "",
            self.status_text,
            self.account_text,
        )

    def matches(self, query: str) -> bool:
        """Whether the filter text occurs in any shown cell (case-insensitive)."""
        needle = query.strip().casefold()
        return not needle or any(needle in text.casefold() for text in self.texts())


def build_rows(
    staff: Iterable[StaffInfo], accounts: Iterable[AccountInfo], centers: Iterable[CenterInfo]
) -> list[StaffRow]:
    """Join the core's lists; people still working first, each group by name as the core ordered it."""
    by_staff = {a.staff_id: a for a in accounts}
    names = {c.id: c.name for c in centers}
    every_center = _("All centers")
    rows = [
        StaffRow(s, by_staff.get(s.id), names.get(s.center_id, "") if s.center_id is not None else every_center)
        for s in staff
    ]
    return sorted(rows, key=lambda r: not r.staff.active)


class StaffTableModel(QAbstractTableModel):
    """Read-only rows; ``staff_id(row)`` is how the page knows whom an action is for."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[StaffRow] = []

    def set_rows(self, rows: list[StaffRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> StaffRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def staff_id(self, row: int) -> int | None:
        found = self.row(row)
        return found.staff.id if found else None

    def row_of(self, staff_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.staff.id == staff_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        found = self.row(index.row()) if index.isValid() else None
        if found is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return found.texts()[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if not found.staff.active:
                return QBrush(MUTED)
            if index.column() == COL_ACCOUNT and found.account is not None and found.account_text != _("Can log in"):
                return QBrush(WARNING)
        return None
