"""修改密码: the logged-in staff member changes their own password.

The current password confirms it is really them; the new one is typed twice.
Refusals appear under the box they concern (the core names "old_password" and
"password"; a repeat that does not match is caught on screen). On success the
dialog closes and says so in the main window's status bar, or in a message when
it has no main window behind it.

Threading: one short core call on the UI thread (hashing takes a deliberate moment).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.passwords import FIELD_LABELS, password_errors
from ui.dialogs.account_form import (
    REPEAT,
    FormRows,
    busy,
    fit_height,
    heading,
    message_line,
    password_rules,
    repeat_error,
    text_box,
)
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import ensure_readable_font

STATUS_SECONDS = 15


class PasswordDialog(QDialog):
    """Change ``actor``'s own password; ``changed`` is True once the core accepted it."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self.changed = False
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Change password"))
        self.setMinimumWidth(680)

        title = heading(_("Change the password of {username}").format(username=actor.username), self)
        self.old_edit = text_box(self, password=True)
        self.new_edit = text_box(self, password=True)
        self.repeat_edit = text_box(self, password=True)
        self.form = FormRows(self)
        self.form.add("old_password", _(FIELD_LABELS["old_password"]), self.old_edit)
        self.form.add("password", _("New password"), self.new_edit).set_info(password_rules())
        self.form.add(REPEAT, _("New password again"), self.repeat_edit)
        self.new_edit.textEdited.connect(lambda _text: self.form.rows[REPEAT].clear_error())
        self.message = message_line(self)

        self.buttons, self.save_button, self.cancel_button = save_cancel(
            self, _("Change password"), _("Cancel"), self.save, self.reject, bold_save=True
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.old_edit.setFocus()

    def save(self) -> bool:
        """Change the password; on refusal show the reasons next to the boxes and stay open."""
        self.form.clear_errors()
        self.message.hide()
        new = self.new_edit.text()
        mismatch = repeat_error(new, self.repeat_edit.text(), _("New password again"))
        if mismatch is not None:
            self._refuse([*password_errors(new, self._actor.username), mismatch])
            return False
        try:
            with busy():
                self._cc.accounts.change_own_password(self._actor, self.old_edit.text(), new)
        except ValidationError as exc:
            errors = exc.errors
            if exc.for_field("old_password") is not None:
                # The core stops at a wrong current password; say now what it would say of the new one.
                if exc.for_field("password") is None:
                    errors = [*errors, *password_errors(new, self._actor.username)]
                self.old_edit.clear()
            self._refuse(errors)
            return False
        except CareCenterError as exc:  # no account behind this actor, or the database went away
            self._say(str(exc))
            return False
        self.changed = True
        self.accept()
        self._confirm()
        return True

    def error_for(self, field: str) -> str:
        """The message under ``field`` ("old_password", "password", "repeat") as shown."""
        return self.form.error_for(field)

    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def _confirm(self) -> None:
        text = _("Your password has been changed. Use the new one from the next log-in on.")
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, STATUS_SECONDS * 1000)
            return
        box = QMessageBox(QMessageBox.Icon.Information, _("Change password"), text, parent=window)
        ensure_readable_font(box)
        box.exec()

    def _refuse(self, errors: Iterable[FieldError]) -> None:
        elsewhere = self.form.show(errors)
        if elsewhere:
            self._say("\n".join(elsewhere))
        fit_height(self)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        fit_height(self)
