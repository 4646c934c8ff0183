"""Someone else saved the record while you edited it: what they changed, and three ways on.

Shown by every edit form whose save the core refused with
:class:`~carecenter.conflicts.EditConflictError` (nothing was written). The table lists each
field the other desk changed — what the user saw on opening, what the other desk stored,
what the user typed — and the user chooses:

* 保留我的修改: save the form again over their change (the form sends the current version);
* 采用对方的版本: drop the typing, close the form, and let the page show the stored record;
* 返回修改: back to the form with the typing intact (also Esc, Enter and the close box).

The form decides what each choice does (:func:`ask_about_conflict` only asks).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carecenter.conflicts import EditConflictError
from carecenter.i18n import N_, _
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, bold, ensure_readable_font

THEIRS_BACKGROUND = "#fff3e0"  # a light orange behind what the other desk stored


class ConflictChoice(Enum):
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"
    BACK_TO_FORM = "back_to_form"


class EditConflictDialog(QDialog):
    """The question, modal over the form; ``choice`` holds the answer (返回修改 unless a button says otherwise)."""

    COLUMNS = (N_("Item"), N_("When you opened it"), N_("Changed by them to"), N_("What you entered"))

    def __init__(self, conflict: EditConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ConflictChoice.BACK_TO_FORM
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Someone else changed this record"))
        layout = QVBoxLayout(self)

        self.headline = QLabel(conflict.headline(), self)
        self.headline.setWordWrap(True)
        bold(self.headline, 1.35)
        self.headline.setStyleSheet(f"color: {ERROR_COLOR};")
        layout.addWidget(self.headline)
        note = QLabel(_("Your changes have not been saved yet. Compare and choose below."), self)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(note)

        self.table = self._table(conflict)
        layout.addWidget(self.table, 1)
        if not conflict.changes:
            self.table.hide()
            unknown = QLabel(_("The other change was saved at the same moment; what it changed is not known."), self)
            unknown.setWordWrap(True)
            layout.addWidget(unknown)

        layout.addLayout(self._buttons())
        self.resize(900, 420)
        self.back_button.setFocus()

    def _table(self, conflict: EditConflictError) -> QTableWidget:
        table = QTableWidget(len(conflict.changes), len(self.COLUMNS), self)
        table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setWordWrap(True)
        table.setStyleSheet("QTableWidget::item { padding: 4px 6px; }")
        table.setAccessibleName(_("What was changed"))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for row, change in enumerate(conflict.changes):
            for column, value in enumerate((change.label, change.when_opened, change.theirs, change.yours)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if column == 2:
                    item.setBackground(QBrush(QColor(THEIRS_BACKGROUND)))
                table.setItem(row, column, item)
        # Row heights follow the column widths, which are known only once the dialog is laid out.
        header.sectionResized.connect(lambda *_args: table.resizeRowsToContents())
        return table

    def _buttons(self) -> QHBoxLayout:
        line = QHBoxLayout()
        hint = QLabel(_("Esc: back to the form"), self)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        line.addWidget(hint)
        line.addStretch(1)
        self.keep_button = QPushButton(_("Keep my changes"), self)
        self.theirs_button = QPushButton(_("Use their version"), self)
        self.back_button = QPushButton(_("Back to editing"), self)
        for button in (self.keep_button, self.theirs_button, self.back_button):
            button.setMinimumWidth(max(150, button.sizeHint().width() + 24))
            button.setMinimumHeight(button.sizeHint().height() + 10)
            button.setAutoDefault(False)
            line.addWidget(button)
        self.keep_button.setToolTip(_("Save what you entered over their change"))
        self.theirs_button.setToolTip(_("Discard what you entered and show the record as they saved it"))
        self.back_button.setToolTip(_("Return to the form; what you entered stays"))
        self.back_button.setDefault(True)  # the safe answer: a stray Enter changes nothing
        bold(self.back_button)
        self.keep_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self._choose(ConflictChoice.TAKE_THEIRS))
        self.back_button.clicked.connect(lambda: self._choose(ConflictChoice.BACK_TO_FORM))
        return line

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        if choice is ConflictChoice.BACK_TO_FORM:
            self.reject()
        else:
            self.accept()

    def reject(self) -> None:
        """Esc and the close box: back to the form, nothing decided."""
        self.choice = ConflictChoice.BACK_TO_FORM
        super().reject()

    def rows(self) -> list[tuple[str, ...]]:
        """The table as shown, row by row (for tests and screen readers' summaries)."""
        rows: list[tuple[str, ...]] = []
        for r in range(self.table.rowCount()):
            items = (self.table.item(r, c) for c in range(self.table.columnCount()))
            rows.append(tuple(item.text() if item is not None else "" for item in items))
        return rows


def ask_about_conflict(parent: QWidget | None, conflict: EditConflictError) -> ConflictChoice:
    """Show the question modally and return the answer."""
    dialog = EditConflictDialog(conflict, parent)
    try:
        dialog.exec()
        return dialog.choice
    finally:
        dialog.deleteLater()


def settle(
    form: QWidget,
    conflict: EditConflictError,
    keep_mine: Callable[[int], bool],
    take_theirs: Callable[[], None],
) -> bool:
    """Ask, then act: ``keep_mine(current_version)`` saves the form again over their change (its
    result is returned); ``take_theirs()`` drops the typing and closes the form on the stored record;
    返回修改 does nothing. True only when the form was saved."""
    choice = ask_about_conflict(form, conflict)
    if choice is ConflictChoice.KEEP_MINE:
        return keep_mine(conflict.current_version)
    if choice is ConflictChoice.TAKE_THEIRS:
        take_theirs()
    return False
