"""Very first start: set up the administrator, because no account exists yet.

There is no default password anywhere: whoever starts the app on a new database
chooses the administrator's name, username and password here, typing the password
twice. Each refusal appears under its box in the core's words; a repeat that does
not match is caught on screen before anything is written. On success the new
administrator is logged in with the same credentials (``actor``).

Threading: two short core calls on the UI thread (hashing takes a deliberate moment).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from carecenter.accounts import AccountInfo
from carecenter.actor import Actor
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.passwords import FIELD_LABELS, normalize_username, password_errors, username_errors
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
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import ensure_readable_font


class FirstAdminDialog(QDialog):
    """Asks for the first administrator; after ``accept()`` ``created`` and ``actor`` are set."""

    def __init__(self, cc: CareCenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self.created: AccountInfo | None = None
        self.actor: Actor | None = None
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Welcome to CareCenter"))
        self.setMinimumWidth(720)

        title = heading(_("Set up the administrator"), self)
        intro = muted(
            _(
                "No account exists in this database yet. The administrator adds the other staff "
                "accounts later. Choose the password yourself and keep it safe: there is no "
                "default password, and nobody can look it up."
            ),
            self,
        )
        database = muted(_("Database: {db}").format(db=cc.describe()), self)

        self.name_edit = text_box(self)
        self.name_edit.setPlaceholderText(_("e.g. 王建国"))
        self.username_edit = text_box(self)
        self.username_edit.setPlaceholderText(_("e.g. wang (used to log in)"))
        self.password_edit = text_box(self, password=True)
        self.repeat_edit = text_box(self, password=True)
        self.form = FormRows(self)
        self.form.add("name", _(FIELD_LABELS["name"]), self.name_edit)
        self.form.add("username", _(FIELD_LABELS["username"]), self.username_edit)
        self.form.add("password", _(FIELD_LABELS["password"]), self.password_edit).set_info(password_rules())
        self.form.add(REPEAT, _("Password again"), self.repeat_edit)
        self.password_edit.textEdited.connect(lambda _text: self.form.rows[REPEAT].clear_error())
        self.message = message_line(self)

        # Without an administrator nobody can log in: cancelling closes the app (nothing written).
        self.buttons, self.save_button, self.cancel_button = save_cancel(
            self, _("Create and log in"), _("Quit"), self.save, self.reject, bold_save=True
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.message)
        layout.addWidget(database)
        layout.addWidget(self.buttons)
        self.name_edit.setFocus()

    def save(self) -> bool:
        """Create the administrator and log in; on refusal show the reasons and stay open."""
        self.form.clear_errors()
        self.message.hide()
        password = self.password_edit.text()
        mismatch = repeat_error(password, self.repeat_edit.text(), _("Password again"))
        if mismatch is not None:
            # Nothing is written; say at once what else the username and password rules refuse.
            username = normalize_username(self.username_edit.text())
            self._refuse([*username_errors(username), *password_errors(password, username), mismatch])
            return False
        try:
            with busy():
                self.created = self._cc.accounts.create_first_admin(
                    self.name_edit.text(), self.username_edit.text(), password
                )
                self.actor = self._cc.accounts.login(self.created.username, password)
        except ValidationError as exc:
            self._refuse(exc.errors)
            return False
        except CareCenterError as exc:  # set up meanwhile at another desk, or the database went away
            self._say(str(exc))
            return False
        self.accept()
        return True

    def error_for(self, field: str) -> str:
        """The message under ``field`` ("name", "username", "password", "repeat") as shown."""
        return self.form.error_for(field)

    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    def _refuse(self, errors: Iterable[FieldError]) -> None:
        elsewhere = self.form.show(errors)
        if elsewhere:
            self._say("\n".join(elsewhere))
        fit_height(self)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        fit_height(self)
