"""The very first start: once the administrator is logged in, the app asks for the center's name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import URL

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from carecenter.i18n import _
from tests.ui.conftest import on_modal
from ui import app
from ui.dialogs.first_center_dialog import FirstCenterDialog
from ui.main_window import MainWindow

TypeInto = Callable[[Any, str], None]


def as_text(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def test_first_start_asks_for_the_center_and_shows_errors_next_to_fields(
    qtbot: QtBot, db_url: URL, clock: FixedClock, admin: Actor, type_into: TypeInto
) -> None:
    seen: list[QWidget] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, FirstCenterDialog)
        assert dialog.windowTitle() == _("Welcome to CareCenter")
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # nothing typed yet
        assert dialog.isVisible()
        assert dialog.error_text("name") == _("is required")
        QApplication.processEvents()  # let the layout make room for the message
        error = dialog.errors["name"]
        # The message sits right under the name box, not in a pop-up.
        assert error.isVisible()
        below = error.mapTo(dialog, error.rect().topLeft()).y()
        assert below >= dialog.name_edit.mapTo(dialog, dialog.name_edit.rect().bottomLeft()).y()
        type_into(dialog.name_edit, "文化路日间照料中心")
        assert dialog.error_text("name") == ""  # typing clears the old message
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    on_modal(fill, seen)
    window = app.start(as_text(db_url), clock=clock, actor=admin)  # logged in (tests/ui/test_login.py)
    assert len(seen) == 1
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.center_title.text() == "文化路日间照料中心"
    assert "文化路日间照料中心" in window.windowTitle()
    assert [c.code for c in window.cc.centers.list()] == ["C001"]
    window.cc.close()


def test_quitting_the_first_start_dialog_closes_the_app(
    qtbot: QtBot, db_url: URL, clock: FixedClock, admin: Actor
) -> None:
    seen: list[QWidget] = []

    def quit_(dialog: QWidget) -> None:
        assert isinstance(dialog, FirstCenterDialog)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    on_modal(quit_, seen)
    assert app.start(as_text(db_url), clock=clock, actor=admin) == app.EXIT_OK
    assert len(seen) == 1
    cc = CareCenter.open(db_url, clock)
    assert cc.centers.list() == []  # nothing was written
    cc.close()


def test_a_database_with_a_center_opens_straight_away(
    qtbot: QtBot, center: CareCenter, clock: FixedClock, admin: Actor
) -> None:
    seen: list[QWidget] = []
    on_modal(lambda dialog: None, seen)
    window = app.start(as_text(center.url), clock=clock, actor=admin)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    QApplication.processEvents()  # let the watcher run: it must find no dialog
    assert seen == []
    window.cc.close()


def test_refused_code_and_phone_are_shown_under_their_fields(
    qtbot: QtBot, empty_center: CareCenter, admin: Actor, type_into: TypeInto
) -> None:
    dialog = FirstCenterDialog(empty_center, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(dialog.name_edit, "二七区长江路站")
    qtbot.keyClicks(dialog.code_edit, "C 1!")
    qtbot.keyClicks(dialog.phone_edit, "abc")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_text("code") == _("letters, digits, - and _ only")
    assert dialog.error_text("phone") == _("“{p}” is not a phone number").format(p="abc")
    assert dialog.error_text("name") == ""
    assert empty_center.centers.list() == []


def test_first_center_gets_code_c001_when_left_empty(
    qtbot: QtBot, empty_center: CareCenter, admin: Actor, type_into: TypeInto
) -> None:
    dialog = FirstCenterDialog(empty_center, admin)
    qtbot.addWidget(dialog)
    type_into(dialog.name_edit, "文化路站")
    qtbot.keyClicks(dialog.phone_edit, "0371-63912345")
    dialog.save()
    assert dialog.created is not None
    assert (dialog.created.code, dialog.created.phone) == ("C001", "0371-63912345")


@pytest.fixture(autouse=True)
def _no_stray_modal() -> Any:
    yield
    stray = QApplication.activeModalWidget()
    if isinstance(stray, QDialog):
        stray.reject()
