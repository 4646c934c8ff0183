"""The seniors list's own widgets: the search line, the table's keys and column widths.

``SeniorsPage`` puts them together; they hold no data themselves (the page asks the core).
``SearchBox`` is shared with other lists that filter as you type (the staff page).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView

from carecenter.actor import Actor
from carecenter.domain.vocab import Category, Gender, Status
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.dto import SeniorRow
from carecenter.seniors.search import SortKey
from ui.pages import senior_table_model as cols
from ui.pages.senior_table_model import SeniorTableModel


def _column_samples() -> dict[int, str]:
    """Typical widest content per column in the current language, so nothing common is cut off."""
    return {
        cols.COL_MEMBER_NO: "M000000",
        cols.COL_NAME: "王秀英",
        cols.COL_GENDER: max((g.label for g in Gender), key=len),
        cols.COL_AGE: "100",
        cols.COL_ID_NUMBER: "41010519440304012X",
        cols.COL_PHONE: "0371-63912345",
        cols.COL_COMMUNITY: "文化路社区",
        cols.COL_CATEGORIES: _(", ").join((Category.LOW_INCOME.label, Category.EMPTY_NEST.label)),
        cols.COL_STATUS: max((st.label for st in Status), key=len),
    }


# Header columns the core can sort by.
SORT_KEYS: dict[int, SortKey] = {
    cols.COL_MEMBER_NO: SortKey.MEMBER_NO,
    cols.COL_NAME: SortKey.NAME,
    cols.COL_GENDER: SortKey.GENDER,
    cols.COL_AGE: SortKey.AGE,
    cols.COL_ID_NUMBER: SortKey.ID_NUMBER,
    cols.COL_COMMUNITY: SortKey.COMMUNITY,
    cols.COL_STATUS: SortKey.STATUS,
}


class RowsFor:
    """``cc.seniors.rows`` bound to the page's actor: the core masks what this role may not see."""

    def __init__(self, cc: CareCenter, actor: Actor) -> None:
        self._cc = cc
        self._actor = actor

    def rows(self, ids: Sequence[int]) -> list[SeniorRow]:
        return self._cc.seniors.rows(ids, self._actor)


class SearchBox(QLineEdit):
    """The search line: ↓/PgDn hand over to the table, Esc clears."""

    move_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.move_down.emit()
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class SeniorTable(QTableView):
    """The list: Enter opens; ↑ on the first row, Esc, or typing return to the search box."""

    open_requested = Signal()
    back_to_search = Signal(str)  # text typed while in the table ("" for ↑/Esc)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
            return
        if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and self.currentIndex().row() <= 0):
            self.back_to_search.emit("")
            return
        text = event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if text and text.isprintable() and not text.isspace() and modifiers == Qt.KeyboardModifier.NoModifier:
            self.back_to_search.emit(text)
            return
        super().keyPressEvent(event)

    def configure(self, model: SeniorTableModel, row_height: int) -> None:
        """Rows selected whole, never edited in place; columns wide enough for their usual content."""
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(row_height)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        for column, sample in _column_samples().items():
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.resizeSection(column, widest + 20)
        header.setSectionResizeMode(cols.COL_CATEGORIES, QHeaderView.ResizeMode.Stretch)  # gets what is left
