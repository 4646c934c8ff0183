"""角色: choose what an account may do, with each role's rights spelled out.

The rights come from the core's role table (``ROLE_PERMISSIONS``), so the words here
can never disagree with what the core enforces. The core refuses to demote the
last administrator who can log in; that refusal is shown as a message box.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QDialog, QRadioButton, QVBoxLayout, QWidget

from carecenter.accounts import AccountInfo
from carecenter.actor import Actor, Role
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import ROLE_PERMISSIONS, Permission
from ui.dialogs.account_form import heading, muted
from ui.dialogs.staff_dialog import ROLES
from ui.widgets.confirm import inform
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import ensure_readable_font


def rights(role: Role) -> str:
    """What ``role`` may do, in the role table's words and order."""
    return _(", ").join(p.label for p in Permission if p in ROLE_PERMISSIONS[role])


class RoleDialog(QDialog):
    """Change ``account``'s role; ``saved`` holds the account after the core accepted it."""

    def __init__(self, cc: CareCenter, actor: Actor, account: AccountInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self.account = account
        self.saved: AccountInfo | None = None
        ensure_readable_font(self)
        self.setModal(True)
        title = _("Role of {name} ({username})").format(name=account.staff_name, username=account.username)
        self.setWindowTitle(title)
        self.setMinimumWidth(640)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(heading(title, self))
        self.group = QButtonGroup(self)
        self.buttons: dict[Role, QRadioButton] = {}
        for role in ROLES:
            button = QRadioButton(role.label, self)
            button.setChecked(role is account.role)
            self.group.addButton(button)
            self.buttons[role] = button
            layout.addWidget(button)
            layout.addWidget(muted(rights(role), self))

        box, _save, _cancel = save_cancel(self, _("Save"), _("Cancel"), self.save, self.reject)
        layout.addWidget(box)
        self.buttons[account.role].setFocus()

    def chosen(self) -> Role:
        return next(role for role, button in self.buttons.items() if button.isChecked())

    def choose(self, role: Role) -> None:
        self.buttons[role].setChecked(True)

    def save(self) -> bool:
        """Give the account the chosen role (nothing to do if unchanged)."""
        if self.chosen() is self.account.role:
            self.reject()
            return False
        try:
            self.saved = self._cc.accounts.set_role(self._actor, self.account.username, self.chosen())
        except CareCenterError as exc:
            inform(self, _("Not changed"), str(exc), _("OK"))
            return False
        self.accept()
        return True
