# mypy: disable-error-code="no-untyped-call"
"""The administrator's 服务项目 editor, and its door on the settings page."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.facade import CareCenter
from tests.ui.conftest import on_modal
from ui.dialogs.service_catalogue_dialog import ServiceCatalogueDialog
from ui.dialogs.settings_dialog import SettingsPanel

TypeInto = Callable[[QWidget, str], None]
SEEDED = ["日间托老", "助餐", "助洁", "助浴", "助医", "助行", "助急", "助购", "助乐", "助学"]


@pytest.fixture
def dialog(qtbot: QtBot, center: CareCenter, admin: Actor) -> Iterator[ServiceCatalogueDialog]:
    shown = ServiceCatalogueDialog(center, admin)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.done(QDialog.DialogCode.Rejected)
    shown.deleteLater()


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(qtbot: QtBot, dialog: ServiceCatalogueDialog, type_into: TypeInto, text: str) -> None:
    dialog.name_edit.clear()
    type_into(dialog.name_edit, text)


def test_the_list_shows_every_service_with_its_kind_and_state(dialog: ServiceCatalogueDialog) -> None:
    assert dialog.windowTitle() == "服务项目"
    assert dialog.names() == SEEDED
    assert dialog.table.item(0, 1).text() == "日间照料"  # type: ignore[union-attr]
    assert dialog.table.item(1, 1).text() == "上门服务"  # type: ignore[union-attr]
    assert dialog.status_of("助浴") == "正在使用"
    assert dialog.name_edit.text() == "日间托老"  # the selected row's name, ready to rename
    assert not dialog.up_button.isEnabled() and not dialog.restore_button.isEnabled()


def test_adding_local_services_and_refusing_a_used_name(
    dialog: ServiceCatalogueDialog, qtbot: QtBot, type_into: TypeInto, center: CareCenter
) -> None:
    for name in ("助康", "助聊"):
        retype(qtbot, dialog, type_into, name)
        click(qtbot, dialog.add_button)
    assert dialog.names() == [*SEEDED, "助康", "助聊"]
    assert dialog.selected() is not None and dialog.selected().name == "助聊"  # type: ignore[union-attr]
    assert dialog.changed

    retype(qtbot, dialog, type_into, " 助 餐")
    click(qtbot, dialog.add_button)
    assert dialog.name_row.error_text() == "“助餐”已存在"
    type_into(dialog.name_edit, "x")
    assert dialog.name_row.error_text() == ""  # typing takes the message away
    assert [t.name for t in center.catalogue.types()] == [*SEEDED, "助康", "助聊"]


def test_a_new_day_care_service(
    dialog: ServiceCatalogueDialog, qtbot: QtBot, type_into: TypeInto, center: CareCenter
) -> None:
    retype(qtbot, dialog, type_into, "周末托老")
    click(qtbot, dialog.day_care_check)
    click(qtbot, dialog.add_button)
    assert dialog.table.item(len(SEEDED), 1).text() == "日间照料"  # type: ignore[union-attr]
    assert [t.name for t in center.catalogue.types() if t.day_care] == ["日间托老", "周末托老"]
    assert not dialog.day_care_check.isChecked()


def test_renaming_retiring_restoring_and_moving(
    dialog: ServiceCatalogueDialog, qtbot: QtBot, type_into: TypeInto, center: CareCenter
) -> None:
    dialog.select("助乐")
    retype(qtbot, dialog, type_into, "文娱活动")
    click(qtbot, dialog.rename_button)
    assert dialog.names()[8] == "文娱活动"

    dialog.select("助浴")
    click(qtbot, dialog.retire_button)
    assert dialog.status_of("助浴") == "已停用"
    assert not dialog.retire_button.isEnabled() and dialog.restore_button.isEnabled()
    assert "助浴" not in [t.name for t in center.catalogue.types()]
    click(qtbot, dialog.restore_button)
    assert dialog.status_of("助浴") == "正在使用"

    click(qtbot, dialog.up_button)
    assert dialog.names()[:4] == ["日间托老", "助餐", "助浴", "助洁"]
    assert dialog.selected().name == "助浴"  # type: ignore[union-attr]  # the moved row stays selected
    click(qtbot, dialog.down_button)
    assert dialog.names()[3] == "助浴"


def test_the_settings_page_opens_the_editor_for_administrators_only(
    qtbot: QtBot, type_into: TypeInto, center: CareCenter, admin: Actor, social_worker: Actor
) -> None:
    panel = SettingsPanel(center, actor=admin)
    qtbot.addWidget(panel)
    assert panel.catalogue_box is not None
    assert panel.catalogue_box.summary.text() == "、".join(SEEDED)

    def add(dialog: QWidget) -> None:
        assert isinstance(dialog, ServiceCatalogueDialog)
        retype(qtbot, dialog, type_into, "助康")
        click(qtbot, dialog.add_button)

    on_modal(add)
    assert panel.catalogue_box.open_editor()
    assert panel.catalogue_box.summary.text().endswith("助学、助康")

    other = SettingsPanel(center, actor=social_worker)
    qtbot.addWidget(other)
    assert other.catalogue_box is None
