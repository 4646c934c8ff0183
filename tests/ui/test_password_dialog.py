"""修改密码: the logged-in staff member changes their own password; refusals under each box."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from carecenter import passwords
from carecenter.actor import Actor
from carecenter.errors import AuthError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from tests.core.helpers import cheap_hashing
from tests.ui.account_helpers import DESK_PASSWORD, add_accounts, shown
from tests.ui.conftest import type_text
from ui.dialogs.password_dialog import PasswordDialog
from ui.main_window import MainWindow

WRONG = "Wrong username or password."


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture
def accounts(center: CareCenter, admin: Actor) -> CareCenter:
    add_accounts(center, admin)
    return center


def test_changing_ones_own_password(qtbot: QtBot, accounts: CareCenter) -> None:
    desk = accounts.accounts.login("xiaoli", DESK_PASSWORD)
    window = MainWindow(accounts, desk)
    qtbot.addWidget(window)
    window.show()
    dialog = PasswordDialog(accounts, desk, window)
    shown(qtbot, dialog)
    assert all(e.echoMode() == e.EchoMode.Password for e in (dialog.old_edit, dialog.new_edit, dialog.repeat_edit))

    type_text(qtbot, dialog.old_edit, "wenhua2025")
    type_text(qtbot, dialog.new_edit, "20261122")
    type_text(qtbot, dialog.repeat_edit, "20261122")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_for("old_password") == _("is not correct")
    assert dialog.error_for("password") == _("cannot be digits only; add a letter or a sign")
    assert dialog.old_edit.text() == ""
    assert dialog.old_edit.hasFocus()

    dialog.new_edit.clear()
    type_text(qtbot, dialog.new_edit, "Changjiang-7")

    type_text(qtbot, dialog.old_edit, DESK_PASSWORD)
    dialog.repeat_edit.clear()
    type_text(qtbot, dialog.repeat_edit, "Changjiang-8")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_for("repeat") == _("is not the same as the password above")
    assert dialog.error_for("old_password") == ""

    dialog.new_edit.clear()
    dialog.repeat_edit.clear()
    type_text(qtbot, dialog.new_edit, "短短2")
    type_text(qtbot, dialog.repeat_edit, "短短2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_for("password") == _("at least {n} characters").format(n=passwords.MIN_LENGTH)

    dialog.new_edit.clear()
    dialog.repeat_edit.clear()
    type_text(qtbot, dialog.new_edit, "Changjiang-7")
    type_text(qtbot, dialog.repeat_edit, "Changjiang-7")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.changed
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == _(
        "Your password has been changed. Use the new one from the next log-in on."
    )
    assert accounts.accounts.login("xiaoli", "Changjiang-7") == desk
    with pytest.raises(AuthError, match=re.escape(_(WRONG))):
        accounts.accounts.login("xiaoli", DESK_PASSWORD)
