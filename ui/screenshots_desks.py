"""Pictures of several desks at work (``make screenshots``): the conflict question and 设置 › 数据库.

The conflict is a real one: the picture's senior is opened, another desk saves a new phone
number and address through the core, and this desk's save of the opened form is stopped; the
dialog shows what the core said. 设置 is scrolled to the database box with a server's address
typed in (nothing is tested or saved).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.conflicts import EditConflictError
from carecenter.db.choice import Source
from carecenter.facade import CareCenter
from ui.dialogs.edit_conflict_dialog import EditConflictDialog
from ui.main_window import MainWindow
from ui.screenshots import WINDOW_SIZE, Shooter

# What an administrator types into 设置 › 数据库 for the picture (host, database, user, password), as in the README.
SERVER_TYPED = ("192.168.1.10", "carecenter", "carecenter", "choose-a-password")


def desks(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    conflict(shooter, cc, actor)
    database_settings(shooter, cc, actor, clock, settings)


def conflict(shooter: Shooter, cc: CareCenter, actor: Actor) -> None:
    """张 at the front desk edits the notes while a social worker changed phone and address."""
    row = next(r for r in cc.seniors.list(actor) if r.phone)
    opened = cc.seniors.get(row.id, actor)
    theirs = replace(opened.as_input(), phones=("13838012345",), address="金水区文化路 97 号 3 号楼 2 单元 501")
    cc.seniors.update(row.id, theirs, actor)
    mine = replace(opened.as_input(), phones=("13903712468",), notes="每周二、四由女儿接送")
    try:
        cc.seniors.update(row.id, mine, actor, expected_version=opened.version, opened=opened)
    except EditConflictError as stopped:
        dialog = EditConflictDialog(stopped)
        shooter.shoot("edit-conflict", dialog)
        dialog.close()
        dialog.deleteLater()
    else:
        raise AssertionError("the second desk's save was not stopped")


def database_settings(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    window = MainWindow(cc, actor, clock, settings, database_source=Source.DEFAULT)
    window.resize(*WINDOW_SIZE)
    window.show_area(window.area_titles()[-1])
    box = window.settings_page.database_box
    box.server_radio.setChecked(True)
    for edit, typed in zip(
        (box.host_edit, box.database_edit, box.user_edit, box.password_edit), SERVER_TYPED, strict=True
    ):
        edit.setText(typed)
    window.show()
    QApplication.processEvents()  # the page's layout must exist before it can scroll
    window.settings_page.scroll_to(box)
    shooter.shoot("settings-database", window)
    window.close()
