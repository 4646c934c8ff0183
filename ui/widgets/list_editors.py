"""Small editors for a senior's repeated entries: category periods and emergency contacts.

Both are a header, one line of inputs per entry with its own 删除 button, and an
"add" button; they hand back exactly what was typed (the core trims, normalizes and
drops blank lines), so an entry half filled in is never silently discarded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from carecenter.domain.vocab import Category
from carecenter.i18n import N_, _
from carecenter.seniors.dto import CategoryPeriod, Contact
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import MUTED_COLOR

# Relations offered in the contact's editable list; anything else may be typed.
RELATIONS = (
    N_("Son"),
    N_("Daughter"),
    N_("Spouse"),
    N_("Daughter-in-law"),
    N_("Son-in-law"),
    N_("Grandchild"),
    N_("Relative"),
    N_("Neighbor"),
    N_("Community grid worker"),
)


_CATEGORY_BY_CODE = {c.value: c for c in Category}


def _share_width(widget: QWidget) -> None:
    """Columns get their width from the stretch factors alone, so headers line up with inputs."""
    policy = widget.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    widget.setSizePolicy(policy)
    widget.setMinimumWidth(60)


class _Row(QWidget):
    """One entry: its inputs side by side (with the given stretch) and a 删除 button."""

    remove_requested = Signal(QWidget)

    def __init__(self, inputs: Sequence[tuple[QWidget, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in inputs:
            _share_width(widget)
            layout.addWidget(widget, stretch)
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        layout.addWidget(self.remove_button)
        self.inputs = [w for w, _stretch in inputs]

    def focus_chain(self) -> list[QWidget]:
        return [*self.inputs, self.remove_button]


class _RowList(QWidget):
    """A header, the rows and an add button; subclasses say what a row holds."""

    changed = Signal()
    rows_changed = Signal()

    def __init__(self, headers: Sequence[tuple[str, int]], add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)

        self._header = QWidget(self)
        header_layout = QHBoxLayout(self._header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        for text, stretch in headers:
            label = QLabel(text, self._header)
            _share_width(label)
            label.setStyleSheet(f"color: {MUTED_COLOR};")
            header_layout.addWidget(label, stretch)
        spacer = QLabel("", self._header)
        spacer.setMinimumWidth(QPushButton(_("Remove")).sizeHint().width())
        header_layout.addWidget(spacer)
        outer.addWidget(self._header)

        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(4)
        outer.addLayout(self._rows_box)

        self.empty_label = QLabel(_("(none)"), self)
        self.empty_label.setStyleSheet(f"color: {MUTED_COLOR};")
        outer.addWidget(self.empty_label)

        self.add_button = QPushButton(add_text, self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_and_focus)
        outer.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.rows: list[_Row] = []
        self._refresh_empty()

    def _new_inputs(self) -> list[tuple[QWidget, int]]:
        raise NotImplementedError

    def _append_row(self) -> _Row:
        row = _Row(self._new_inputs(), self)
        row.remove_requested.connect(self._remove)
        self._rows_box.addWidget(row)
        self.rows.append(row)
        self._refresh_empty()
        self.rows_changed.emit()
        self.changed.emit()
        return row

    def _add_and_focus(self) -> None:
        row = self._append_row()
        row.inputs[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove(self, row: QWidget) -> None:
        assert isinstance(row, _Row)
        index = self.rows.index(row)
        self.rows.remove(row)
        self._rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._refresh_empty()
        self.rows_changed.emit()
        self.changed.emit()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].inputs[0].setFocus()
        else:
            self.add_button.setFocus()

    def _clear(self) -> None:
        for row in self.rows:
            self._rows_box.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []

    def _refresh_empty(self) -> None:
        self.empty_label.setVisible(not self.rows)
        self._header.setVisible(bool(self.rows))
        # focusing the editor (e.g. to show an error) lands in its first input
        self.setFocusProxy(self.rows[0].inputs[0] if self.rows else self.add_button)

    def focus_chain(self) -> list[QWidget]:
        return [w for row in self.rows for w in row.focus_chain()] + [self.add_button]


class CategoryListEditor(_RowList):
    """人员类别: one line per category period (category, optional start and end dates)."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        self._today = today
        super().__init__(
            [(_("Category"), 2), (_("From (optional)"), 3), (_("To (optional)"), 3)],
            _("Add category"),
            parent,
        )
        self.add_button.setAccessibleName(_("Add category"))

    def _new_inputs(self) -> list[tuple[QWidget, int]]:
        combo = QComboBox()
        for cat in Category:
            combo.addItem(cat.label, cat.value)  # Qt hands enum members back as plain str
        used = {row.inputs[0].currentData() for row in self.rows if isinstance(row.inputs[0], QComboBox)}
        free = next((i for i, cat in enumerate(Category) if cat.value not in used), 0)
        combo.setCurrentIndex(free)
        combo.setAccessibleName(_("Category"))
        start = DateEdit(self._today, optional=True)
        start.setAccessibleName(_("From (optional)"))
        end = DateEdit(self._today, optional=True)
        end.setAccessibleName(_("To (optional)"))
        combo.currentIndexChanged.connect(self.changed)
        start.edited.connect(self.changed)
        end.edited.connect(self.changed)
        return [(combo, 2), (start, 3), (end, 3)]

    def _parts(self, row: _Row) -> tuple[QComboBox, DateEdit, DateEdit]:
        combo, start, end = row.inputs
        assert isinstance(combo, QComboBox) and isinstance(start, DateEdit) and isinstance(end, DateEdit)
        return combo, start, end

    def set_periods(self, periods: Sequence[CategoryPeriod]) -> None:
        self._clear()
        for period in periods:
            combo, start, end = self._parts(self._append_row())
            combo.setCurrentIndex(list(Category).index(period.category))
            start.set_date(period.valid_from)
            end.set_date(period.valid_to)
        self._refresh_empty()

    def periods(self) -> tuple[tuple[CategoryPeriod, ...], list[str]]:
        """The periods as entered, and the reasons any typed date could not be read."""
        periods: list[CategoryPeriod] = []
        problems: list[str] = []
        for row in self.rows:
            combo, start, end = self._parts(row)
            category = _CATEGORY_BY_CODE[str(combo.currentData())]
            try:
                valid_from = start.date()
                valid_to = end.date()
            except DateTextError as exc:
                problems.append(_("{c}: {reason}").format(c=category.label, reason=exc))
                continue
            periods.append(CategoryPeriod(category, valid_from, valid_to))
        return tuple(periods), problems

    def state(self) -> tuple[tuple[str, str, str], ...]:
        """What is on screen, for telling whether anything was changed."""
        out = []
        for row in self.rows:
            combo, start, end = self._parts(row)
            out.append((str(combo.currentData()), start.text(), end.text()))
        return tuple(out)

    def row_inputs(self, index: int) -> tuple[QComboBox, DateEdit, DateEdit]:
        """The category, start and end inputs of line ``index``."""
        return self._parts(self.rows[index])

    def add_row(self) -> None:
        """Add an empty line and put the cursor in it (the "add category" button)."""
        self._add_and_focus()


class ContactsEditor(_RowList):
    """紧急联系人: one line per contact (name, relation, phone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [(_("Name"), 3), (_("Relation"), 2), (_("Phone"), 3)],
            _("Add contact"),
            parent,
        )

    def _new_inputs(self) -> list[tuple[QWidget, int]]:
        name = QLineEdit()
        name.setAccessibleName(_("Contact name"))
        relation = QComboBox()
        relation.setEditable(True)
        relation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        relation.addItems([_(r) for r in RELATIONS])
        relation.setCurrentIndex(-1)
        relation.setEditText("")
        relation.setAccessibleName(_("Relation"))
        phone = QLineEdit()
        phone.setAccessibleName(_("Contact phone"))
        name.textChanged.connect(self.changed)
        relation.editTextChanged.connect(self.changed)
        phone.textChanged.connect(self.changed)
        return [(name, 3), (relation, 2), (phone, 3)]

    def _parts(self, row: _Row) -> tuple[QLineEdit, QComboBox, QLineEdit]:
        name, relation, phone = row.inputs
        assert isinstance(name, QLineEdit) and isinstance(relation, QComboBox) and isinstance(phone, QLineEdit)
        return name, relation, phone

    def set_contacts(self, contacts: Sequence[Contact], blank_line: bool = False) -> None:
        """Show ``contacts``; ``blank_line`` adds one empty line ready for typing (new seniors)."""
        self._clear()
        for contact in contacts:
            name, relation, phone = self._parts(self._append_row())
            name.setText(contact.name)
            relation.setEditText(contact.relation)
            phone.setText(contact.phone)
        if blank_line and not contacts:
            self._append_row()
        self._refresh_empty()

    def contacts(self) -> tuple[Contact, ...]:
        """Every line as typed; the core drops lines left completely blank."""
        out = []
        for row in self.rows:
            name, relation, phone = self._parts(row)
            out.append(Contact(name=name.text(), relation=relation.currentText(), phone=phone.text()))
        return tuple(out)

    def state(self) -> tuple[tuple[str, str, str], ...]:
        return tuple((c.name, c.relation, c.phone) for c in self.contacts())

    def row_inputs(self, index: int) -> tuple[QLineEdit, QComboBox, QLineEdit]:
        """The three inputs of line ``index`` (for focusing and for tests that type into them)."""
        return self._parts(self.rows[index])

    def add_row(self) -> None:
        self._add_and_focus()
