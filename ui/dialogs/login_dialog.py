"""登录: the first thing staff see, once accounts exist.

Two boxes and one big button. Enter moves from the username to the password and
then logs in. A refusal (wrong password, locked, disabled) is shown in large red
words inside the dialog in the core's precise message; the password box is
emptied and gets the cursor, the username stays. Which center and database are
being opened is shown in small print, so a desk that opened the wrong file notices.
Quitting closes the app.

Threading: one short core call per attempt on the UI thread (hashing takes a
deliberate moment; the cursor shows it).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.errors import AuthError, CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.passwords import FIELD_LABELS
from ui.dialogs.account_form import FormRows, busy, fit_height, heading, message_line, muted, text_box
from ui.widgets.field_row import bold, ensure_readable_font


class LoginDialog(QDialog):
    """Asks for username and password; after ``accept()`` ``actor`` is the logged-in staff member."""

    def __init__(self, cc: CareCenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self.actor: Actor | None = None
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Log in to CareCenter"))
        self.setMinimumWidth(640)

        self.title = heading(_("Please log in"), self, scale=1.5)
        self.place = muted(_where(cc), self)
        self.place.setObjectName("place")

        self.username_edit = text_box(self)
        self.password_edit = text_box(self, password=True)
        self.form = FormRows(self)
        self.form.add("username", _(FIELD_LABELS["username"]), self.username_edit, required=False)
        self.form.add("password", _(FIELD_LABELS["password"]), self.password_edit, required=False)
        self.message = message_line(self)
        self.username_edit.textEdited.connect(lambda _text: self.message.hide())
        self.password_edit.textEdited.connect(lambda _text: self.message.hide())
        # Enter is handled by the boxes themselves (no default button): in the username box
        # it moves on to an empty password box instead of trying an empty password.
        self.username_edit.returnPressed.connect(self._enter_in_username)
        self.password_edit.returnPressed.connect(self.log_in)

        self.login_button = QPushButton(_("Log in"), self)
        bold(self.login_button, 1.15)
        self.quit_button = QPushButton(_("Quit"), self)
        for button in (self.login_button, self.quit_button):
            button.setAutoDefault(False)
            button.setMinimumWidth(140)
            button.setMinimumHeight(button.sizeHint().height() + 8)
        self.login_button.clicked.connect(self.log_in)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.quit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.place)
        self.username_edit.setFocus()

    def log_in(self) -> bool:
        """Try the typed credentials; on refusal say why, empty the password box and focus it."""
        self.message.hide()
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            self._say(_("Please type your username."))
            self.username_edit.setFocus()
            return False
        if not password:  # not sent to the core: an empty box is no attempt and must not count
            self._say(_("Please type your password."))
            self.password_edit.setFocus()
            return False
        try:
            with busy():
                actor = self._cc.accounts.login(username, password)
        except AuthError as exc:
            self._say(str(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return False
        except CareCenterError as exc:  # the database is busy or went away: the password was fine to keep
            self._say(str(exc))
            return False
        self.actor = actor
        self.accept()
        return True

    def message_text(self) -> str:
        """The refusal as the user sees it ('' when none is shown)."""
        return self.message.text() if not self.message.isHidden() else ""

    def _enter_in_username(self) -> None:
        if self.password_edit.text():
            self.log_in()
        else:
            self.password_edit.setFocus()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        fit_height(self)


def _where(cc: CareCenter) -> str:
    """The center(s) and the database this login opens, in words a user can check."""
    database = _("Database: {db}").format(db=cc.describe())
    try:
        names = [c.name for c in cc.centers.list()]
    except CareCenterError:
        names = []
    if not names:
        return database
    return _("Center: {names}").format(names="、".join(names)) + "\n" + database
