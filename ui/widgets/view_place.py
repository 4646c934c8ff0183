"""Read a page again without losing the user's place: the selected rows, the current row, the scroll position.

A page's ``refresh()`` replaces its models' rows (a model reset), and several pages then
select their first row or scroll to it. When the refresh was not asked for by the user
(another desk changed the database), the person reading the list must not be thrown
back to the top: :func:`refresh_keeping_place` notes, for every item view shown on the
page, which rows were selected (by the row's record id when the model has one, else its
id role, else its first cells), how far it was scrolled and which widget had the keyboard,
lets the page read again, then puts all of it back as far as the rows still exist. What the
page last said in its notice line (a label named ``…notice`` or ``statusLine``: "已保存", a
refusal) stays too, when the re-read would only have blanked it; and text the user typed into
a field and has not saved yet (``QLineEdit.isModified``, a text box's modified document) is
put back if the re-read wrote over it: nothing typed is ever lost to another desk's change. UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from shiboken6 import isValid

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the role most of the app's models give a row's id in


def row_key(model: QAbstractItemModel, row: int) -> Hashable:
    """What identifies ``row`` across a re-read: its record's id, else the id role, else its first two cells."""
    record_of = getattr(model, "record", None)
    if callable(record_of):
        ident = getattr(record_of(row), "id", None)
        if ident is not None:
            return ("id", ident)
    ident = model.index(row, 0).data(ID_ROLE)
    if isinstance(ident, Hashable) and ident is not None:
        return ("role", ident)
    columns = min(2, model.columnCount())
    return ("text", *(str(model.index(row, column).data()) for column in range(columns)))


@dataclass
class _Place:
    view: QAbstractItemView
    current: Hashable | None
    current_column: int
    selected: list[Hashable]
    rows_loaded: int
    vertical: int
    horizontal: int


def _note(view: QAbstractItemView) -> _Place:
    model = view.model()
    current = view.currentIndex()
    selection = view.selectionModel()
    rows = sorted({i.row() for i in selection.selectedIndexes()}) if selection is not None else []
    return _Place(
        view=view,
        current=row_key(model, current.row()) if current.isValid() else None,
        current_column=current.column() if current.isValid() else 0,
        selected=[row_key(model, r) for r in rows],
        rows_loaded=model.rowCount(),
        vertical=view.verticalScrollBar().value(),
        horizontal=view.horizontalScrollBar().value(),
    )


def _rows_by_key(model: QAbstractItemModel) -> dict[Hashable, int]:
    found: dict[Hashable, int] = {}
    for row in range(model.rowCount()):
        found.setdefault(row_key(model, row), row)
    return found


def _restore(place: _Place) -> None:
    view = place.view
    model = view.model()
    while model.rowCount() < place.rows_loaded and model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())  # rows loaded on scrolling: as many as before, so the position exists
    selection = view.selectionModel()
    if selection is not None and place.current is not None:
        now = view.currentIndex()
        if not now.isValid() or row_key(model, now.row()) != place.current:
            rows = _rows_by_key(model)
            current_row = rows.get(place.current)
            if current_row is not None:
                wanted = QItemSelection()
                for key in place.selected:
                    row = rows.get(key)
                    if row is not None:
                        wanted.select(model.index(row, 0), model.index(row, max(0, model.columnCount() - 1)))
                selection.setCurrentIndex(
                    model.index(current_row, place.current_column), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                selection.select(wanted, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.doItemsLayout()  # the scroll range of the new rows, now, so the old position can be set
    view.verticalScrollBar().setValue(place.vertical)
    view.horizontalScrollBar().setValue(place.horizontal)


def _is_notice(label: QLabel) -> bool:
    name = label.objectName().lower()
    return name.endswith("notice") or name == "statusline"


def _typed(page: QWidget) -> list[tuple[QWidget, str]]:
    """Fields holding text the user typed and the program has not set since (unsaved work)."""
    found: list[tuple[QWidget, str]] = []
    for line in page.findChildren(QLineEdit):
        if line.isVisible() and not line.isReadOnly() and line.isModified():
            found.append((line, line.text()))
    for rich in page.findChildren(QTextEdit):
        if rich.isVisible() and not rich.isReadOnly() and rich.document().isModified():
            found.append((rich, rich.toPlainText()))
    for plain in page.findChildren(QPlainTextEdit):
        if plain.isVisible() and not plain.isReadOnly() and plain.document().isModified():
            found.append((plain, plain.toPlainText()))
    return found


def _put_back(field: QWidget, text: str) -> None:
    if isinstance(field, QLineEdit):
        if field.text() != text:
            position = min(field.cursorPosition(), len(text))
            field.setText(text)
            field.setModified(True)
            field.setCursorPosition(position)
    elif isinstance(field, QTextEdit | QPlainTextEdit) and field.toPlainText() != text:
        field.setPlainText(text)
        field.document().setModified(True)


def refresh_keeping_place(page: QWidget, refresh: Callable[[], object]) -> None:
    """Run ``refresh`` (the page's read) and put back the selection, scroll positions, keyboard focus and notices."""
    places = [_note(v) for v in page.findChildren(QAbstractItemView) if v.isVisible() and v.model() is not None]
    notices = [
        (label, label.text(), label.styleSheet())
        for label in page.findChildren(QLabel)
        if _is_notice(label) and label.isVisible() and label.text()
    ]
    typed = _typed(page)
    focused = page.window().focusWidget()
    refresh()
    for field, text in typed:
        if isValid(field):
            _put_back(field, text)
    for label, text, style in notices:
        if isValid(label) and not label.text():
            label.setStyleSheet(style)
            label.setText(text)
            label.setVisible(True)
    for place in places:
        if isValid(place.view) and place.view.model() is not None:
            _restore(place)
    if focused is not None and isValid(focused) and focused.isVisible() and page.window().focusWidget() is not focused:
        focused.setFocus(Qt.FocusReason.OtherFocusReason)
