"""The seniors table: holds only the ordered ids of a search and loads rows page by page.

A district database may hold 50,000 seniors; a search returns their ids (cheap),
and ``SeniorRow`` snapshots are fetched from the core ``PAGE_SIZE`` at a time as
the view scrolls (Qt's ``canFetchMore``/``fetchMore``). The model never holds ORM
objects, only the frozen rows the core hands out, already masked by the core for
roles that may not see full ID numbers. Refreshing means a new id list.
Runs on the UI thread: one page is a single indexed query of ~100 rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from carecenter.domain.vocab import Status
from carecenter.i18n import _
from carecenter.seniors.dto import SeniorRow

PAGE_SIZE = 100

# Column constants: use these, never bare numbers.
COL_MEMBER_NO = 0
COL_NAME = 1
COL_GENDER = 2
COL_AGE = 3
COL_ID_NUMBER = 4
COL_PHONE = 5
COL_COMMUNITY = 6
COL_CATEGORIES = 7
COL_STATUS = 8
COLUMN_COUNT = 9

# Roles: the senior's id, and native values for sorting or tests (dates, ints, enums).
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3

# 暂停 stands out in amber, 退出 is greyed, 去世 in dark red; the rest of an inactive row is grey.
STATUS_COLORS: dict[Status, QColor] = {
    Status.PAUSED: QColor("#a35200"),
    Status.WITHDRAWN: QColor("#6b6b6b"),
    Status.DECEASED: QColor("#9b1c1c"),
}
_INACTIVE_TEXT = QColor("#6b6b6b")

ModelIndex = QModelIndex | QPersistentModelIndex


class RowSource(Protocol):
    """Rows as the acting account may see them (``SeniorsPage`` binds ``cc.seniors.rows`` to its actor)."""

    def rows(self, ids: Sequence[int]) -> list[SeniorRow]: ...


def headers() -> list[str]:
    """Column titles in the current language (translated at call time)."""
    return [
        _("Member no."),
        _("Name"),
        _("Gender"),
        _("Age"),
        _("ID number"),
        _("Phone"),
        _("Community"),
        _("Categories"),
        _("Status"),
    ]


class SeniorTableModel(QAbstractTableModel):
    """Ids of one search, rows loaded lazily."""

    def __init__(self, source: RowSource, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self._source = source
        self._page_size = page_size
        self._ids: list[int] = []
        self._rows: list[SeniorRow] = []  # the loaded prefix of _ids, row by row
        self._headers = headers()

    # ---- what the page uses ------------------------------------------------------------

    def set_ids(self, ids: Sequence[int]) -> None:
        """Show a new search result; the first page loads at once, the rest on scrolling."""
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = []
        self._headers = headers()
        self._load_more(self._page_size)
        self.endResetModel()

    def total(self) -> int:
        """How many seniors the search found (loaded or not)."""
        return len(self._ids)

    def loaded(self) -> int:
        return len(self._rows)

    def ids(self) -> list[int]:
        return list(self._ids)

    def senior_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def senior_row(self, row: int) -> SeniorRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, senior_id: int) -> int | None:
        """The row showing ``senior_id``, loading pages up to it if needed (None: not in the list)."""
        if senior_id not in self._ids:
            return None
        position = self._ids.index(senior_id)
        if position >= len(self._rows):
            # Whole pages, so later scrolling continues on page boundaries.
            needed = position + 1 - len(self._rows)
            self._append(-(-needed // self._page_size) * self._page_size)
        if senior_id not in self._ids:
            return None
        position = self._ids.index(senior_id)
        return position if position < len(self._rows) else None

    # ---- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and len(self._rows) < len(self._ids)

    def fetchMore(self, parent: ModelIndex) -> None:
        if not parent.isValid():
            self._append(self._page_size)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return _native(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATUS and row.status in STATUS_COLORS:
                return QBrush(STATUS_COLORS[row.status])
            if row.status in (Status.WITHDRAWN, Status.DECEASED):
                return QBrush(_INACTIVE_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole and column == COL_STATUS and row.status != Status.ACTIVE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_AGE, COL_GENDER):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_ID_NUMBER and "*" in row.id_number:
                return _("Full ID numbers are shown to social workers and administrators only.")
            if column in (COL_CATEGORIES, COL_COMMUNITY, COL_NAME):
                return self._display(row, column) or None
        return None

    # ---- internals ---------------------------------------------------------------------

    def _display(self, row: SeniorRow, column: int) -> str:
        if column == COL_MEMBER_NO:
            return row.member_no
        if column == COL_NAME:
            return row.name
        if column == COL_GENDER:
            return row.gender.label
        if column == COL_AGE:
            return str(row.age)
        if column == COL_ID_NUMBER:
            return row.id_number
        if column == COL_PHONE:
            return row.phone
        if column == COL_COMMUNITY:
            return row.community
        if column == COL_CATEGORIES:
            return _(", ").join(c.label for c in row.categories)
        if column == COL_STATUS:
            return row.status.label
        return ""

    def _fetch(self, count: int) -> list[SeniorRow]:
        """The next ``count`` rows after the loaded ones, from the core."""
        start = len(self._rows)
        wanted = self._ids[start : start + count]
        if not wanted:
            return []
        fetched = {r.id: r for r in self._source.rows(wanted)}
        if len(fetched) < len(wanted):
            # Nothing is ever deleted, but should an id vanish between search and fetch,
            # drop it so that rows and ids stay aligned.
            gone = {i for i in wanted if i not in fetched}
            self._ids = self._ids[:start] + [i for i in self._ids[start:] if i not in gone]
        return [fetched[i] for i in wanted if i in fetched]

    def _load_more(self, count: int) -> None:
        """Fill the cache without telling views (used inside a model reset)."""
        self._rows.extend(self._fetch(count))

    def _append(self, count: int) -> None:
        rows = self._fetch(count)
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()


def _native(row: SeniorRow, column: int) -> Any:
    """The value behind a cell, for sorting and comparisons (never translated text)."""
    values: dict[int, Any] = {
        COL_MEMBER_NO: row.member_no,
        COL_NAME: row.name,
        COL_GENDER: row.gender.value,
        COL_AGE: row.age,
        COL_ID_NUMBER: row.id_number,
        COL_PHONE: row.phone,
        COL_COMMUNITY: row.community,
        COL_CATEGORIES: tuple(c.value for c in row.categories),
        COL_STATUS: row.status.value,
    }
    return values.get(column)
