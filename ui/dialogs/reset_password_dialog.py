"""重置密码: an admin gives a staff member who forgot their password a new one.

The new password is typed twice (the repeat is checked here, the rules in the core)
and is never shown again; the admin tells it to the person, who can change it
after logging in. A reset also lifts a lock-out, so this is also how a locked
account is opened before its 15 minutes are up.

Threading: one short core call on the UI thread (hashing shows a busy cursor).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from carecenter.accounts import AccountInfo
from carecenter.actor import Actor
from carecenter.errors import CareCenterError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.account_form import (
    REPEAT,
    FormRows,
    busy,
    fit_height,
    heading,
    message_line,
    muted,
    password_rules,
    repeat_error,
    text_box,
)
from ui.widgets.confirm import inform
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import ensure_readable_font


class ResetPasswordDialog(QDialog):
    """Set ``account``'s password; ``done_for`` holds the username once the core accepted it."""

    def __init__(self, cc: CareCenter, actor: Actor, account: AccountInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self.account = account
        self.done_for: str | None = None
        ensure_readable_font(self)
        self.setModal(True)
        title = _("Reset password: {name} ({username})").format(name=account.staff_name, username=account.username)
        self.setWindowTitle(title)
        self.setMinimumWidth(640)

        self.form = FormRows(self)
        self.password_edit = text_box(self, password=True)
        self.repeat_edit = text_box(self, password=True)
        self.form.add("password", _("New password"), self.password_edit).set_info(password_rules())
        self.form.add(REPEAT, _("Password again"), self.repeat_edit)
        self.message = message_line(self)

        buttons, self.save_button, _cancel = save_cancel(self, _("Set password"), _("Cancel"), self.save, self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(heading(title, self))
        notes = [_("Tell the new password to the staff member in person; they can change it after logging in.")]
        if account.locked_until is not None:
            notes.append(_("The account is locked; setting a new password unlocks it."))
        layout.addWidget(muted("\n".join(notes), self))
        layout.addLayout(self.form.layout)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.password_edit.setFocus()

    def error_for(self, field: str) -> str:
        return self.form.error_for(field)

    def save(self) -> bool:
        """Reset; on refusal show why under the box and stay open."""
        self.form.clear_errors()
        self.message.hide()
        problem = repeat_error(self.password_edit.text(), self.repeat_edit.text(), _("Password again"))
        try:
            if problem is not None:
                raise ValidationError([problem])
            with busy():
                self._cc.accounts.reset_password(self._actor, self.account.username, self.password_edit.text())
        except ValidationError as exc:
            elsewhere = self.form.show(exc.errors)
            if elsewhere:
                self.message.setText("\n".join(elsewhere))
                self.message.show()
            fit_height(self)
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.done_for = self.account.username
        self.accept()
        return True
