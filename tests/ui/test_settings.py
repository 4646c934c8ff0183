"""Settings: language choice survives a restart, Qt's own texts follow, the database is named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from carecenter import i18n
from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from carecenter.i18n import _, translate
from ui import app, qt_i18n, settings_store
from ui.dialogs.settings_dialog import SettingsPanel
from ui.main_window import MainWindow
from ui.pages import senior_table_model as cols


@pytest.fixture(autouse=True)
def _back_to_chinese() -> Iterator[None]:
    yield
    qt_i18n.apply_language("zh_CN")


def test_missing_or_corrupt_settings_give_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert settings_store.load(path) == settings_store.Settings()
    path.write_text("{not json", encoding="utf-8")
    assert settings_store.load(path) == settings_store.Settings()
    path.write_text('{"language": "fr", "last_center_code": 7}', encoding="utf-8")
    assert settings_store.load(path) == settings_store.Settings(language="zh_CN", last_center_code="")
    path.write_text("[1, 2]", encoding="utf-8")
    assert settings_store.load(path).language == "zh_CN"


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    settings_store.save(settings_store.Settings(language="en", last_center_code="C002"), path)
    assert settings_store.load(path) == settings_store.Settings(language="en", last_center_code="C002")


def test_settings_page_names_the_database_in_use(qtbot: QtBot, center: CareCenter) -> None:
    panel = SettingsPanel(center)
    qtbot.addWidget(panel)
    assert panel.database_label.text() == center.describe()
    assert panel.language_combo.currentText() == "简体中文"


def test_choosing_english_is_saved_and_says_when_it_applies(qtbot: QtBot, center: CareCenter) -> None:
    panel = SettingsPanel(center)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.restart_button.isVisible()
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("en"))
    assert settings_store.load().language == "en"
    assert panel.language_note.text() == _("Saved. CareCenter will use {language} from its next start.").format(
        language="English"
    )
    assert panel.restart_button.isVisible()
    with qtbot.waitSignal(panel.restart_requested, timeout=1000):
        qtbot.mouseClick(panel.restart_button, Qt.MouseButton.LeftButton)
    # Choosing the running language again needs no restart.
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("zh_CN"))
    assert not panel.restart_button.isVisible()
    assert settings_store.load().language == "zh_CN"


def test_next_start_after_choosing_english_shows_english(
    qtbot: QtBot, center: CareCenter, admin: Actor, clock: FixedClock
) -> None:
    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    window.show_area(_("Settings"))
    combo = window.settings_page.language_combo
    combo.setCurrentIndex(combo.findData("en"))
    assert window.area_titles()[0] == translate("Today", "zh_CN") == "今天"

    again = app.start(center.url.render_as_string(hide_password=False), clock=clock, actor=admin)
    assert isinstance(again, MainWindow)
    qtbot.addWidget(again)
    assert i18n.current_language() == "en"
    assert again.area_titles() == [
        "Today",
        "Day care",
        "Meals",
        "Home visits",
        "Calls",
        "Activities",
        "Seniors",
        "To do",
        "Birthday parties",
        "Data quality",
        "Subsidies",
        "Monthly reports",
        "Staff and accounts",
        "Audit trail",
        "Backup and restore",
        "Settings",
    ]
    header = again.seniors_page.model.headerData(cols.COL_MEMBER_NO, Qt.Orientation.Horizontal)
    assert header == "Member no."
    assert again.seniors_page.add_button.text() == "Add senior"
    # Qt's own buttons follow the language too.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    again.cc.close()


def test_chinese_start_shows_chinese_labels_and_qt_buttons(
    qtbot: QtBot, center: CareCenter, clock: FixedClock, admin: Actor
) -> None:
    window = app.start(center.url.render_as_string(hide_password=False), clock=clock, actor=admin)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert i18n.current_language() == "zh_CN"
    header = window.seniors_page.model.headerData(cols.COL_MEMBER_NO, Qt.Orientation.Horizontal)
    assert header == "会员号"
    assert qt_i18n.installed_catalogs(), "Qt's own Chinese catalog is installed"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    window.cc.close()


def test_pick_family_prefers_a_cjk_font() -> None:
    assert qt_i18n.pick_family(["DejaVu Sans", "WenQuanYi Zen Hei"]) == "WenQuanYi Zen Hei"
    assert qt_i18n.pick_family(["Microsoft YaHei", "WenQuanYi Zen Hei"]) == "Microsoft YaHei"
    assert qt_i18n.pick_family(["DejaVu Sans"]) is None


def test_an_admin_sets_full_ids_on_printouts_others_only_see_it(
    qtbot: QtBot, center: CareCenter, admin: Actor, social_worker: Actor
) -> None:
    panel = SettingsPanel(center, actor=admin)
    qtbot.addWidget(panel)
    assert panel.print_box is not None
    (box,) = panel.print_box.checkboxes.values()
    assert box.text() == "文化路日间照料中心：打印完整身份证号" and not box.isChecked() and box.isEnabled()
    box.click()
    assert center.centers.list()[0].print_full_ids

    other = SettingsPanel(center, actor=social_worker)
    qtbot.addWidget(other)
    assert other.print_box is not None
    (seen,) = other.print_box.checkboxes.values()
    assert seen.isChecked() and not seen.isEnabled()
