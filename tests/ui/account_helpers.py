"""Shared by the tests of the log-in, first-administrator and password dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor, Role
from carecenter.facade import CareCenter

ADMIN_PASSWORD = "Zhengzhou-1"
DESK_PASSWORD = "wenhua2026"


def add_accounts(cc: CareCenter, admin: Actor) -> None:
    """The administrator 'wang' (王站长) and a front-desk account 'xiaoli' (李小丽)."""
    cc.accounts.create_first_admin("王站长", "wang", ADMIN_PASSWORD)
    cc.accounts.add_user("李小丽", "xiaoli", DESK_PASSWORD, Role.FRONT_DESK, admin)


def when_up(kind: type[QDialog], action: Callable[[Any], None], seen: list[QWidget]) -> None:
    """Run ``action`` on the modal ``kind`` dialog once it is up (another dialog may come
    first), recorded in ``seen``, then close it whatever happens so no test can hang on it."""

    def poll(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            seen.append(dialog)
            try:
                action(dialog)
            finally:
                if dialog.isVisible():
                    dialog.done(QDialog.DialogCode.Rejected)
        elif left:
            QTimer.singleShot(0, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(500))


def shown(qtbot: QtBot, dialog: QDialog) -> None:
    """Show ``dialog`` as the active window, so focus moves as it would for a user."""
    if dialog.parentWidget() is None:  # a child goes with its parent
        qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
