"""服务项目: the administrator's editor of the service catalogue (九助, 日间托老 and local services).

A table of every type in order (retired ones greyed, marked 已停用), buttons beside it
to move the selected type up or down, retire it (停用) or restore it (恢复), and under
it one name field with 新增 (a new type, optionally a day-care one) and 改名 (rename
the selected type). Refusals (an empty name, a name already used, too long) show under
the name field. Types are never deleted: retiring keeps every plan that names one.

:class:`CatalogueSettingsBox` is the 设置 page's door to this dialog, for administrators.
Threading: each button is one short core call on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.catalogue import FIELD_LABELS, ServiceTypeInfo
from carecenter.errors import CareCenterError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.widgets.confirm import inform
from ui.widgets.field_row import MUTED_COLOR, FieldRow, bold, ensure_readable_font


def _button(text: str, tooltip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tooltip)
    button.setAutoDefault(False)
    button.setMinimumWidth(max(110, button.sizeHint().width() + 24))
    button.setMinimumHeight(button.sizeHint().height() + 8)
    return button


class ServiceCatalogueDialog(QDialog):
    """Add, rename, order, retire and restore service types; ``changed`` once anything was saved."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc, self._actor = cc, actor
        self.changed = False
        self.types: list[ServiceTypeInfo] = []
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Service catalogue"))

        layout = QVBoxLayout(self)
        heading = QLabel(_("Service catalogue"), self)
        bold(heading, 1.3)
        layout.addWidget(heading)
        note = QLabel(
            _(
                "Care plans choose their services from this list. A retired service can no longer be planned; "
                "plans that already name it keep it. Services are never deleted."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(note)

        middle = QHBoxLayout()
        headers = [_("Service"), _("Kind"), _("Status")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(lambda *_args: self._selection_changed())
        middle.addWidget(self.table, 1)
        side = QVBoxLayout()
        self.up_button = _button(_("Move up"), _("Show the selected service earlier in every list"), self)
        self.down_button = _button(_("Move down"), _("Show the selected service later in every list"), self)
        self.retire_button = _button(_("Retire"), _("No new plan may use it; plans that name it keep it"), self)
        self.restore_button = _button(_("Restore"), _("Make the retired service choosable again"), self)
        for button, slot in (
            (self.up_button, lambda: self.move_selected(True)),
            (self.down_button, lambda: self.move_selected(False)),
            (self.retire_button, self.retire),
            (self.restore_button, self.restore),
        ):
            button.clicked.connect(slot)
            side.addWidget(button)
        side.addStretch(1)
        middle.addLayout(side)
        layout.addLayout(middle, 1)

        edit_box = QGroupBox(_("Add or rename"), self)
        bold(edit_box)
        edit_layout = QHBoxLayout(edit_box)
        caption = QLabel(_(FIELD_LABELS["name"]), edit_box)
        self.name_edit = QLineEdit(edit_box)
        self.name_edit.setPlaceholderText(_("e.g. 助康"))
        self.name_edit.setAccessibleName(_(FIELD_LABELS["name"]))
        caption.setBuddy(self.name_edit)
        self.name_row = FieldRow(self.name_edit, edit_box)
        self.name_edit.textChanged.connect(self.name_row.clear_error)
        self.day_care_check = QCheckBox(_("Day care at the center"), edit_box)
        self.day_care_check.setToolTip(_("Attendance the front desk checks in, rather than a home visit"))
        self.add_button = _button(_("Add"), _("Add a new service with this name"), edit_box)
        self.rename_button = _button(_("Rename"), _("Give the selected service this name"), edit_box)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        for widget in (caption, self.name_row, self.day_care_check, self.add_button, self.rename_button):
            font = widget.font()
            font.setBold(False)
            widget.setFont(font)
        edit_layout.addWidget(caption)
        edit_layout.addWidget(self.name_row, 1)
        edit_layout.addWidget(self.day_care_check)
        edit_layout.addWidget(self.add_button)
        edit_layout.addWidget(self.rename_button)
        layout.addWidget(edit_box)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = _button(_("Close"), "", self)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.reload()
        self.resize(820, 640)

    # ---- showing -----------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the catalogue again; keep (or move to) the selected type."""
        current = self.selected()
        keep = select_id if select_id is not None else (current.id if current is not None else None)
        self.types = self._cc.catalogue.types(include_retired=True)
        self.table.setRowCount(len(self.types))
        for row, kind in enumerate(self.types):
            values = (
                kind.name,
                _("Day care") if kind.day_care else _("Home service"),
                _("Retired") if kind.retired else _("In use"),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if kind.retired:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(row, column, item)
        index = next((i for i, t in enumerate(self.types) if t.id == keep), 0 if self.types else -1)
        self.table.setCurrentCell(index, 0)
        self._selection_changed()

    def selected(self) -> ServiceTypeInfo | None:
        row = self.table.currentRow()
        return self.types[row] if 0 <= row < len(self.types) else None

    def select(self, name: str) -> None:
        """Select the type called ``name`` (as a user clicking its row)."""
        self.table.setCurrentCell(next(i for i, t in enumerate(self.types) if t.name == name), 0)

    def names(self) -> list[str]:
        """The table's first column, top to bottom (what the user reads)."""
        return [self._cell(r, 0) for r in range(self.table.rowCount())]

    def status_of(self, name: str) -> str:
        row = next(i for i, t in enumerate(self.types) if t.name == name)
        return self._cell(row, 2)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _selection_changed(self) -> None:
        chosen = self.selected()
        row = self.table.currentRow()
        self.up_button.setEnabled(chosen is not None and row > 0)
        self.down_button.setEnabled(chosen is not None and row < len(self.types) - 1)
        self.retire_button.setEnabled(chosen is not None and not chosen.retired)
        self.restore_button.setEnabled(chosen is not None and chosen.retired)
        self.rename_button.setEnabled(chosen is not None)
        if chosen is not None:
            self.name_edit.setText(chosen.name)
            self.name_row.clear_error()

    # ---- actions -----------------------------------------------------------------------

    def add(self) -> bool:
        return self._do(
            lambda: self._cc.catalogue.add(self.name_edit.text(), self._actor, self.day_care_check.isChecked())
        )

    def rename(self) -> bool:
        chosen = self.selected()
        return chosen is not None and self._do(
            lambda: self._cc.catalogue.rename(chosen.id, self.name_edit.text(), self._actor)
        )

    def retire(self) -> bool:
        chosen = self.selected()
        return chosen is not None and self._do(lambda: self._cc.catalogue.retire(chosen.id, self._actor))

    def restore(self) -> bool:
        chosen = self.selected()
        return chosen is not None and self._do(lambda: self._cc.catalogue.restore(chosen.id, self._actor))

    def move_selected(self, up: bool) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        try:
            self._cc.catalogue.move(chosen.id, up, self._actor)
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.changed = True
        self.reload(chosen.id)
        return True

    def _do(self, call: Callable[[], ServiceTypeInfo]) -> bool:
        """Run one catalogue change; refusals under the name field, success re-reads the table."""
        self.name_row.clear_error()
        try:
            done = call()
        except ValidationError as exc:
            for error in exc.errors:
                self.name_row.add_error(error.reason)
            self.name_edit.setFocus()
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.changed = True
        self.day_care_check.setChecked(False)
        self.reload(done.id)
        return True

    def reject(self) -> None:
        self.done(QDialog.DialogCode.Accepted if self.changed else QDialog.DialogCode.Rejected)


class CatalogueSettingsBox(QGroupBox):
    """设置 › 服务项目: what the catalogue holds, and (administrators only) the button to edit it."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(_("Service catalogue"), parent)
        self._cc, self._actor = cc, actor
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        layout = QHBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: normal;")
        layout.addWidget(self.summary, 1)
        self.edit_button = QPushButton(_("Edit services…"), self)
        self.edit_button.setStyleSheet("font-weight: normal;")
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self.open_editor)
        self.edit_button.setVisible(allowed(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE))
        layout.addWidget(self.edit_button)
        self._show_summary()

    def _show_summary(self) -> None:
        self.summary.setText("、".join(t.name for t in self._cc.catalogue.types()))

    def open_editor(self) -> bool:
        dialog = ServiceCatalogueDialog(self._cc, self._actor, parent=self)
        try:
            dialog.exec()
            changed = dialog.changed
        finally:
            dialog.deleteLater()
        self._show_summary()
        return changed
