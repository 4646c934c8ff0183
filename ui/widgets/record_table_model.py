"""A read-only table over a plain list of frozen records: the shape the audit and data-quality tables share.

Subclasses say how a record reads in a cell (``display``) and what other roles give
(``role_data``); the list, the headers, the row and column counts and the flags live
here once. A new list replaces the old one with a model reset. UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

ModelIndex = QModelIndex | QPersistentModelIndex
Record = TypeVar("Record")


class RecordTableModel(QAbstractTableModel, Generic[Record]):
    """Rows the user reads, selects and copies, never edits (each record is changed in its own dialog)."""

    def __init__(self, headers: Callable[[], list[str]]) -> None:
        super().__init__()
        self._headers_of = headers
        self._headers = headers()
        self._records: list[Record] = []

    def set_records(self, records: Sequence[Record]) -> None:
        """Show ``records`` (headers re-read, in case the language changed)."""
        self.beginResetModel()
        self._records = list(records)
        self._headers = self._headers_of()
        self.endResetModel()

    def records(self) -> list[Record]:
        return list(self._records)

    def record(self, row: int) -> Record | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def display_text(self, row: int, column: int) -> str:
        """What the cell at (``row``, ``column``) shows (for tests and copying)."""
        record = self.record(row)
        return "" if record is None else self.display(record, column)

    # ---- what subclasses say -----------------------------------------------------------

    def display(self, record: Record, column: int) -> str:
        raise NotImplementedError

    def role_data(self, record: Record, column: int, role: int) -> Any:
        """Any role but DisplayRole (tooltips, ids, sort values); None by default."""
        return None

    # ---- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(record, index.column())
        return self.role_data(record, index.column(), role)


def setup_record_view(view: QTableView, samples: dict[int, str], padding: int, *, stretch: int | None = None) -> None:
    """The look every record list shares: whole rows selected, nothing editable, tall rows, columns fit to samples.

    ``samples`` maps a column to its typical widest content; a column is as wide as that
    or its title, plus ``padding`` pixels; column ``stretch`` (if any) takes the room
    left. Call after ``view.setModel``.
    """
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(int(view.fontMetrics().height() * 1.9))
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    metrics = view.fontMetrics()
    model = view.model()
    for column, sample in samples.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        header.resizeSection(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + padding)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def record_view(
    model: QAbstractItemModel,
    samples: dict[int, str],
    padding: int,
    *,
    stretch: int | None = None,
    name: str = "",
    parent: QWidget | None = None,
) -> QTableView:
    """A new record list over ``model``, set up as :func:`setup_record_view` says."""
    view = QTableView(parent)
    if name:
        view.setObjectName(name)
    view.setModel(model)
    setup_record_view(view, samples, padding, stretch=stretch)
    return view
