"""Logging in: the first administrator, the log-in dialog with its refusals and lock-out,
and the app's start asking for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import URL

from carecenter.accounts import LOCK_MINUTES, MAX_FAILURES
from carecenter.actor import Actor, Role
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from carecenter.i18n import _
from tests.core.helpers import cheap_hashing
from tests.ui.account_helpers import ADMIN_PASSWORD, DESK_PASSWORD, add_accounts, shown, when_up
from tests.ui.conftest import type_text
from ui import app
from ui.dialogs.first_admin_dialog import FirstAdminDialog
from ui.dialogs.first_center_dialog import FirstCenterDialog
from ui.dialogs.login_dialog import LoginDialog
from ui.main_window import MainWindow

WRONG = "Wrong username or password."


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture(autouse=True)
def _no_stray_modal() -> Iterator[None]:
    yield
    stray = QApplication.activeModalWidget()
    if isinstance(stray, QDialog):
        stray.reject()


@pytest.fixture
def accounts(center: CareCenter, admin: Actor) -> CareCenter:
    """The center with its administrator 'wang' and a front-desk account 'xiaoli'."""
    add_accounts(center, admin)
    return center


def as_text(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def attempt(qtbot: QtBot, dialog: LoginDialog, username: str, password: str) -> None:
    """Type into both boxes and press Enter in the password box."""
    dialog.username_edit.clear()
    type_text(qtbot, dialog.username_edit, username)
    type_text(qtbot, dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


# ---- the very first start --------------------------------------------------------------------


def test_first_start_sets_up_the_administrator_then_the_center(qtbot: QtBot, db_url: URL, clock: FixedClock) -> None:
    before = CareCenter.open(db_url, clock)
    assert before.accounts.needs_first_admin()
    assert before.accounts.list_accounts() == []  # no default account anywhere
    before.close()
    seen: list[QWidget] = []

    def name_center(dialog: FirstCenterDialog) -> None:
        type_text(qtbot, dialog.name_edit, "文化路日间照料中心")
        dialog.save()

    def set_up_admin(dialog: FirstAdminDialog) -> None:
        assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
        assert dialog.password_edit.text() == ""
        type_text(qtbot, dialog.name_edit, "王站长")
        type_text(qtbot, dialog.username_edit, "wang")
        type_text(qtbot, dialog.password_edit, ADMIN_PASSWORD)
        type_text(qtbot, dialog.repeat_edit, ADMIN_PASSWORD)
        when_up(FirstCenterDialog, name_center, seen)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_up(FirstAdminDialog, set_up_admin, seen)
    window = app.start(as_text(db_url), clock=clock)
    assert [type(d) for d in seen] == [FirstAdminDialog, FirstCenterDialog]
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert (window.actor.username, window.actor.role) == ("wang", Role.ADMIN)
    (info,) = window.cc.accounts.list_accounts()
    assert (info.username, info.staff_name, info.role) == ("wang", "王站长", Role.ADMIN)
    assert window.actor.staff_id == info.staff_id
    assert [c.name for c in window.cc.centers.list()] == ["文化路日间照料中心"]
    window.cc.close()


def test_quitting_the_administrator_dialog_closes_the_app(qtbot: QtBot, db_url: URL, clock: FixedClock) -> None:
    seen: list[QWidget] = []
    when_up(FirstAdminDialog, lambda d: qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton), seen)
    assert app.start(as_text(db_url), clock=clock) == app.EXIT_OK
    assert len(seen) == 1
    cc = CareCenter.open(db_url, clock)
    assert cc.accounts.needs_first_admin()
    cc.close()


def test_a_mismatched_repeat_is_refused_under_the_repeat_box(
    qtbot: QtBot, empty_center: CareCenter, clock: FixedClock
) -> None:
    dialog = FirstAdminDialog(empty_center)
    shown(qtbot, dialog)
    type_text(qtbot, dialog.name_edit, "王站长")
    type_text(qtbot, dialog.username_edit, "wang")
    type_text(qtbot, dialog.password_edit, ADMIN_PASSWORD)
    type_text(qtbot, dialog.repeat_edit, "Zhengzhou-2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_for("repeat") == _("is not the same as the password above")
    assert dialog.error_for("password") == ""
    assert dialog.repeat_edit.hasFocus()
    assert empty_center.accounts.needs_first_admin()  # nothing written
    type_text(qtbot, dialog.password_edit, "x")  # editing the password takes the old verdict away
    assert dialog.error_for("repeat") == ""


def test_refusals_of_the_core_appear_under_each_box(qtbot: QtBot, empty_center: CareCenter) -> None:
    dialog = FirstAdminDialog(empty_center)
    shown(qtbot, dialog)
    type_text(qtbot, dialog.username_edit, "wang zhan")
    type_text(qtbot, dialog.password_edit, "12345678")
    type_text(qtbot, dialog.repeat_edit, "12345678")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_for("name") == _("is required")
    assert dialog.error_for("username") == _("letters, digits, dot, - and _ only (no spaces)")
    assert dialog.error_for("password") == _("cannot be digits only; add a letter or a sign")
    assert dialog.error_for("repeat") == ""
    assert dialog.name_edit.hasFocus()
    assert dialog.actor is None
    assert empty_center.accounts.needs_first_admin()


# ---- logging in --------------------------------------------------------------------------------


def test_a_wrong_password_is_explained_and_only_the_password_is_cleared(qtbot: QtBot, accounts: CareCenter) -> None:
    dialog = LoginDialog(accounts)
    shown(qtbot, dialog)
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    assert accounts.describe() in dialog.place.text()
    assert "文化路日间照料中心" in dialog.place.text()
    attempt(qtbot, dialog, "xiaoli", "wenhua2025")
    assert dialog.isVisible()
    assert dialog.message_text() == _(WRONG)
    assert dialog.message.isVisible()
    assert dialog.username_edit.text() == "xiaoli"
    assert dialog.password_edit.text() == ""
    assert dialog.password_edit.hasFocus()
    assert dialog.actor is None


def test_the_fifth_wrong_password_locks_the_account(qtbot: QtBot, accounts: CareCenter, clock: FixedClock) -> None:
    dialog = LoginDialog(accounts)
    shown(qtbot, dialog)
    for _n in range(MAX_FAILURES - 1):
        attempt(qtbot, dialog, "xiaoli", "not-it-at-all")
        assert dialog.message_text() == _(WRONG)
    attempt(qtbot, dialog, "xiaoli", "not-it-at-all")
    locked = _("This account is locked; please try again in {n} minutes.").format(n=LOCK_MINUTES)
    assert dialog.message_text() == locked
    attempt(qtbot, dialog, "xiaoli", DESK_PASSWORD)  # not even the right one while locked
    assert dialog.message_text() == locked
    assert dialog.actor is None
    clock.current += dt.timedelta(minutes=LOCK_MINUTES)
    attempt(qtbot, dialog, "xiaoli", DESK_PASSWORD)
    assert dialog.actor is not None
    assert not dialog.isVisible()


def test_a_disabled_account_is_refused(qtbot: QtBot, accounts: CareCenter, admin: Actor) -> None:
    accounts.accounts.disable(admin, "xiaoli")
    dialog = LoginDialog(accounts)
    shown(qtbot, dialog)
    attempt(qtbot, dialog, "xiaoli", DESK_PASSWORD)
    assert dialog.message_text() == _("This account has been disabled; please ask an administrator.")
    assert dialog.actor is None


def test_enter_moves_to_the_password_then_logs_in_with_the_role(qtbot: QtBot, accounts: CareCenter) -> None:
    dialog = LoginDialog(accounts)
    shown(qtbot, dialog)
    type_text(qtbot, dialog.username_edit, "XiaoLi")  # usernames ignore case
    qtbot.keyClick(dialog.username_edit, Qt.Key.Key_Return)
    assert dialog.password_edit.hasFocus()
    assert dialog.message_text() == ""
    type_text(qtbot, dialog.password_edit, DESK_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (desk,) = [a for a in accounts.accounts.list_accounts() if a.username == "xiaoli"]
    assert dialog.actor == Actor("xiaoli", Role.FRONT_DESK, staff_id=desk.staff_id)


def test_an_empty_password_is_not_an_attempt(qtbot: QtBot, accounts: CareCenter) -> None:
    dialog = LoginDialog(accounts)
    shown(qtbot, dialog)
    type_text(qtbot, dialog.username_edit, "xiaoli")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.message_text() == _("Please type your password.")
    (desk,) = [a for a in accounts.accounts.list_accounts() if a.username == "xiaoli"]
    assert desk.failed_attempts == 0


# ---- the app's start ---------------------------------------------------------------------------


def test_start_asks_for_a_log_in_and_opens_the_window_for_that_person(
    qtbot: QtBot, accounts: CareCenter, clock: FixedClock
) -> None:
    seen: list[QWidget] = []
    when_up(LoginDialog, lambda d: attempt(qtbot, d, "xiaoli", DESK_PASSWORD), seen)
    window = app.start(as_text(accounts.url), clock=clock)
    assert [type(d) for d in seen] == [LoginDialog]
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert (window.actor.username, window.actor.role) == ("xiaoli", Role.FRONT_DESK)
    window.cc.close()


def test_quitting_the_log_in_closes_the_app(qtbot: QtBot, accounts: CareCenter, clock: FixedClock) -> None:
    seen: list[QWidget] = []
    when_up(LoginDialog, lambda d: qtbot.mouseClick(d.quit_button, Qt.MouseButton.LeftButton), seen)
    assert app.start(as_text(accounts.url), clock=clock) == app.EXIT_OK
    assert [type(d) for d in seen] == [LoginDialog]


def test_a_non_administrator_cannot_name_the_first_center(
    qtbot: QtBot, empty_center: CareCenter, admin: Actor, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_accounts(empty_center, admin)
    told: list[bool] = []
    monkeypatch.setattr(app, "show_no_center", lambda: told.append(True))
    seen: list[QWidget] = []
    when_up(LoginDialog, lambda d: attempt(qtbot, d, "xiaoli", DESK_PASSWORD), seen)
    assert app.start(as_text(empty_center.url), clock=clock) == app.EXIT_OK
    assert told == [True]
    assert empty_center.centers.list() == []
