"""First start: name the center this database belongs to, before anything else.

Every senior and every later record belongs to a center (站点). On a new
database the app asks for the first one; only the name is required. A refused
save keeps the dialog open and shows each reason under its field, in the words
the core wrote (``ValidationError.errors``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.centers import CenterInfo
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.widgets.dialog_buttons import save_cancel

ERROR_STYLE = "color: #b3261e;"


class FirstCenterDialog(QDialog):
    """Asks for the first center; after ``accept()`` ``created`` holds it."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self.created: CenterInfo | None = None
        self.setWindowTitle(_("Welcome to CareCenter"))
        self.setMinimumWidth(720)

        heading = QLabel(_("Welcome! First, the name of your center"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            _(
                "Every senior you register belongs to a center. Only the name is needed now; "
                "the rest can be filled in later."
            )
        )
        intro.setWordWrap(True)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. 文化路社区日间照料中心"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_("Leave empty for C001"))
        self.address_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(_("e.g. 0371-63912345"))
        self.fields: dict[str, QLineEdit] = {
            "name": self.name_edit,
            "code": self.code_edit,
            "address": self.address_edit,
            "phone": self.phone_edit,
        }
        self.errors: dict[str, QLabel] = {}

        # A grid, not a QFormLayout: the form layout under-reports the height of a row
        # whose message appears, and the message would overlap the box above it.
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        form.setColumnStretch(1, 1)
        labels = {
            "name": _("Center name") + " *",
            "code": _("Center code"),
            "address": _("Address"),
            "phone": _("Phone"),
        }
        for row, (key, edit) in enumerate(self.fields.items()):
            edit.setMinimumHeight(edit.sizeHint().height() + 6)
            label = QLabel(labels[key])
            label.setBuddy(edit)
            error = QLabel()
            error.setObjectName(f"error_{key}")
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            self.errors[key] = error
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            form.addWidget(label, 2 * row, 0, align)
            form.addWidget(edit, 2 * row, 1)
            form.addWidget(error, 2 * row + 1, 1)
            edit.textEdited.connect(lambda _text, k=key: self._clear_error(k))

        # Without a center the app cannot work: cancelling closes it (nothing was written).
        self.buttons, _save, _cancel = save_cancel(self, _("Save and start"), _("Quit"), self.save, self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name_edit.setFocus()

    def save(self) -> None:
        """Create the center; on refusal show the reasons under the fields and stay open."""
        for key in self.errors:
            self._clear_error(key)
        try:
            self.created = self._cc.centers.create(
                self.name_edit.text(),
                self._actor,
                code=self.code_edit.text(),
                address=self.address_edit.text(),
                phone=self.phone_edit.text(),
            )
        except ValidationError as exc:
            first: QLineEdit | None = None
            for error in exc.errors:
                label = self.errors.get(error.field, self.errors["name"])
                label.setText(error.reason if error.field in self.errors else str(error))
                label.show()
                first = first or self.fields.get(error.field)
            if first is not None:
                first.setFocus()
            self._fit_height()
            return
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to fit wrapped text and messages (Qt sizes a window by its narrowest layout)."""
        layout = self.layout()
        if layout is None:
            return
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else self.sizeHint().height()
        if self.height() < needed:
            self.resize(self.width(), needed)

    def error_text(self, field: str) -> str:
        """The message under ``field`` as the user sees it ('' when none is shown)."""
        label = self.errors[field]
        return label.text() if not label.isHidden() else ""

    def _clear_error(self, key: str) -> None:
        self.errors[key].clear()
        self.errors[key].hide()
