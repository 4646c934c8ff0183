"""设置 › 打印字体: the font in use, choosing a file (refused when unusable), going back to the PC's own,
kept per PC; a saved font gone missing never stops the app and is said where printing is attempted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from carecenter.reports import fonts
from tests.ui.conftest import on_modal
from ui import printing, settings_store
from ui.dialogs.settings_dialog import SettingsPanel
from ui.main_window import MainWindow
from ui.printing import PrintJob
from ui.widgets.print_font_box import PrintFontBox

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
needs_wqy = pytest.mark.skipif(not WQY.is_file(), reason="WenQuanYi Zen Hei is not installed")


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.json"


_panels: list[SettingsPanel] = []  # the box's page lives as long as the test


@pytest.fixture(autouse=True)
def _forget_panels() -> None:
    _panels.clear()


def font_box(qtbot: QtBot, center: CareCenter, settings_path: Path) -> PrintFontBox:
    panel = SettingsPanel(center, settings_path)
    qtbot.addWidget(panel)
    _panels.append(panel)
    panel.show()  # the box looks the font up when first shown
    return panel.font_box


def test_the_report_font_is_kept_per_pc(settings_path: Path) -> None:
    settings_path.write_text(json.dumps({"language": "zh_CN"}), encoding="utf-8")
    assert settings_store.load(settings_path).report_font == "", "files from before the setting existed"
    settings_store.save(settings_store.Settings().with_report_font("  C:\\Windows\\Fonts\\msyh.ttc "), settings_path)
    assert settings_store.load(settings_path).report_font == "C:\\Windows\\Fonts\\msyh.ttc"
    settings_path.write_text(json.dumps({"report_font": 7}), encoding="utf-8")
    assert settings_store.load(settings_path).report_font == ""


@needs_wqy
def test_the_box_names_the_font_found_on_this_pc(qtbot: QtBot, center: CareCenter, settings_path: Path) -> None:
    box = font_box(qtbot, center, settings_path)
    assert box.text() == f"正在使用：{WQY}（本机自动找到）"
    assert not box.default_button.isEnabled()


def test_a_file_that_is_no_font_is_refused_and_nothing_changes(
    qtbot: QtBot, center: CareCenter, settings_path: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "not-a-font.ttf"
    fake.write_text("hello", encoding="utf-8")
    box = font_box(qtbot, center, settings_path)
    before = box.text()
    box.ask_font_file = lambda _start: fake  # type: ignore[method-assign]
    assert not box.choose()
    assert box.text().startswith(f"未更改：打印字体：{fake} 无法嵌入")
    assert settings_store.load(settings_path).report_font == ""
    assert printing.font_problem(center.reports) is None
    box.show_font()
    assert box.text() == before


@needs_wqy
def test_a_chosen_font_is_saved_and_used_then_the_pcs_own_again(
    qtbot: QtBot, center: CareCenter, settings_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "fonts" / "my-hei.ttc"
    copy.parent.mkdir()
    copy.write_bytes(WQY.read_bytes())
    box = font_box(qtbot, center, settings_path)
    box.ask_font_file = lambda _start: copy  # type: ignore[method-assign]
    assert box.choose()
    assert settings_store.load(settings_path).report_font == str(copy)
    assert center.reports.font().path == copy
    assert box.text() == f"正在使用：{copy}（在本机选择）"
    assert box.default_button.isEnabled()
    box.default_button.click()
    assert settings_store.load(settings_path).report_font == ""
    assert center.reports.font().path == WQY
    assert box.text() == f"正在使用：{WQY}（本机自动找到）"


def test_no_font_at_all_says_what_to_install(
    qtbot: QtBot, center: CareCenter, settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "candidates", lambda: [])
    box = font_box(qtbot, center, settings_path)
    assert box.text().startswith("找不到可用于打印的中文字体")
    assert "设置 › 打印" in box.text()


def test_a_saved_font_gone_missing_opens_the_app_and_is_said_when_printing(
    qtbot: QtBot, center: CareCenter, admin: Actor, clock: FixedClock, settings_path: Path, tmp_path: Path
) -> None:
    gone = tmp_path / "usb" / "msyh.ttc"
    settings_store.save(settings_store.Settings().with_report_font(str(gone)), settings_path)
    window = MainWindow(center, admin, clock, settings_path)
    qtbot.addWidget(window)
    window.show()
    problem = printing.font_problem(center.reports)
    assert problem == f"打印字体：文件 {gone} 不存在。"
    window.settings_page.font_box.show_font()
    assert window.settings_page.font_box.text() == f"所选字体无法使用：{problem}"

    texts: list[str] = []
    on_modal(lambda box: texts.append(box.text() if isinstance(box, QMessageBox) else ""))
    PrintJob.synchronous = True
    try:
        job = window.quality_page.print_list()
    finally:
        PrintJob.synchronous = False
    assert job.dialog is None
    assert texts == [printing.saved_font_message(problem)]
    assert texts[0].startswith("“设置 › 打印”中选择的打印字体无法使用：\n打印字体：文件")
