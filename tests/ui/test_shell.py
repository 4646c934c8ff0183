"""The main window and the app's start: areas, centers, the database in use, bad databases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.centers import CenterInfo
from carecenter.clock import FixedClock
from carecenter.domain import idnumber
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.dto import SeniorInput
from ui import app, settings_store
from ui.main_window import MainWindow


def register(cc: CareCenter, actor: Actor, name: str, center_id: int, seq: int) -> None:
    data = SeniorInput(name=name, id_number=idnumber.make("410105", dt.date(1945, 2, 3), seq), center_id=center_id)
    cc.seniors.create(data, actor)


def two_centers(cc: CareCenter, admin: Actor) -> tuple[CenterInfo, CenterInfo]:
    """C001 with 张桂兰 and a new C002 (长江路站) with 王秀英."""
    (first,) = cc.centers.list()
    second = cc.centers.create("长江路站", admin, code="C002")
    register(cc, admin, "张桂兰", first.id, 12)
    register(cc, admin, "王秀英", second.id, 24)
    return first, second


DESK_AREAS = ["今天", "日间照料", "助餐", "上门服务", "呼叫助急", "活动"]  # every role, first


def test_sidebar_lists_the_areas_of_the_role(
    qtbot: QtBot, center: CareCenter, admin: Actor, social_worker: Actor, front_desk: Actor
) -> None:
    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    window.show()
    assert window.area_titles() == [
        "今天",
        "日间照料",
        "助餐",
        "上门服务",
        "呼叫助急",
        "活动",
        "老人档案",
        "待办",
        "生日会",
        "数据质量",
        "补贴发放",
        "月度报表",
        "员工与账号",
        "审计记录",
        "备份与恢复",
        "设置",
    ]
    assert window.pages.currentWidget() is window.today_page  # the app opens on the day at a glance
    window.nav.setCurrentRow(window.area_titles().index("设置"))
    assert window.pages.currentWidget() is window.settings_page
    window.show_area(_("Seniors"))
    assert window.pages.currentWidget() is window.seniors_page
    assert window.user_label.text() == "test-admin（管理员）"
    assert window.password_button is None  # no account behind this actor: nothing to change

    for actor, areas in (
        (
            social_worker,
            [*DESK_AREAS, "老人档案", "待办", "生日会", "数据质量", "补贴发放", "月度报表", "备份与恢复", "设置"],
        ),
        (front_desk, [*DESK_AREAS, "老人档案", "生日会", "数据质量", "补贴发放", "设置"]),
    ):
        other = MainWindow(center, actor)
        qtbot.addWidget(other)
        assert other.area_titles() == areas
        assert other.staff_page is None and other.audit_page is None


def test_the_first_window_of_the_day_makes_the_daily_backup(
    qtbot: QtBot, center: CareCenter, front_desk: Actor
) -> None:
    window = MainWindow(center, front_desk)
    qtbot.addWidget(window)
    window.show()
    folder = window.backup_page.backups_folder
    if center.url.get_backend_name() != "sqlite":  # a server is backed up with pg_dump: nothing to copy here
        assert folder is None and not window.backup_page.is_busy()
        return
    assert folder is not None
    daily = folder / "daily" / "carecenter-20261122.db"
    qtbot.waitUntil(daily.exists)
    qtbot.waitUntil(lambda: not window.backup_page.is_busy())


def test_log_out_asks_the_app_to_log_in_again(qtbot: QtBot, center: CareCenter, admin: Actor) -> None:
    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.logout_requested):
        window.logout_button.click()


def test_title_and_status_bar_say_which_center_and_database(qtbot: QtBot, center: CareCenter, admin: Actor) -> None:
    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    window.show()
    assert "文化路日间照料中心" in window.windowTitle()
    assert window.center_title.text() == "文化路日间照料中心"
    assert window.database_label.text() == _("Database: {db}").format(db=center.describe())
    assert window.database_label.isVisible()
    # With a single center there is nothing to choose.
    assert not window.center_combo.isVisible()


def test_several_centers_get_a_selector_that_filters_and_is_remembered(
    qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    _first, second = two_centers(center, admin)

    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    window.show()
    window.show_area(_("Seniors"))
    combo = window.center_combo
    assert combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        _("All centers"),
        "文化路日间照料中心（C001）",
        "长江路站（C002）",
    ]
    assert sorted(window.seniors_page.visible_names()) == ["张桂兰", "王秀英"]  # nothing remembered: all
    assert window.center_title.text() == _("All centers")

    combo.setCurrentIndex(combo.findData(second.id))
    assert window.seniors_page.visible_names() == ["王秀英"]
    assert "长江路站" in window.windowTitle()
    assert settings_store.load().last_center_code == "C002"

    again = MainWindow(center, admin)
    qtbot.addWidget(again)
    again.show()
    again.show_area(_("Seniors"))
    assert again.current_center() == window.current_center()
    assert again.seniors_page.visible_names() == ["王秀英"]


def test_a_file_that_is_not_a_database_is_explained_and_the_app_stops(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    bad = tmp_path / "photo.db"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not a database at all " * 200)
    shown: list[str] = []
    monkeypatch.setattr(app, "show_open_error", shown.append)
    assert app.start(str(bad), clock=clock) == app.EXIT_CANNOT_START
    assert len(shown) == 1
    assert str(bad) in shown[0]
    assert "Traceback" not in shown[0]


def test_main_returns_2_for_an_unusable_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("shopping list\n" * 100, encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(app, "show_open_error", shown.append)
    monkeypatch.setattr(app, "run_preflight", lambda: app.EXIT_OK)
    assert app.main(["--db", str(bad)]) == app.EXIT_CANNOT_START
    assert shown


def test_main_runs_the_window_and_restarts_it_on_request(
    qtbot: QtBot, center: CareCenter, monkeypatch: pytest.MonkeyPatch, clock: FixedClock, admin: Actor
) -> None:
    monkeypatch.setattr(app, "run_preflight", lambda: app.EXIT_OK)
    windows: list[MainWindow] = []
    given: list[Actor | None] = []
    real_start = app.start

    def start(db: str | None = None, actor: Actor | None = None) -> MainWindow | int:
        given.append(actor)
        outcome = real_start(db, clock=clock, actor=actor or admin)  # the first round stands for a log-in
        assert isinstance(outcome, MainWindow)
        windows.append(outcome)
        # First window: ask for a restart (as the settings page does); second: close it.
        action = outcome.restart_requested.emit if len(windows) == 1 else outcome.close
        QTimer.singleShot(0, action)
        return outcome

    monkeypatch.setattr(app, "start", start)
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(QApplication.quit)  # never hang the suite, whatever happens
    safety.start(10_000)
    code = app.main(["--db", center.url.render_as_string(hide_password=False)])
    safety.stop()
    assert code == 0
    assert len(windows) == 2
    assert given == [None, admin]  # a restart (new language) does not ask to log in again


def test_the_keyboard_lands_where_the_page_is_used(qtbot: QtBot, center: CareCenter, admin: Actor) -> None:
    register(center, admin, "张桂兰", center.centers.list()[0].id, 12)
    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert QApplication.focusWidget() is window.today_page.daycare_tile  # Space opens 日间照料
    seniors = window.area_titles().index("老人档案")
    window.nav.setCurrentRow(seniors)
    assert QApplication.focusWidget() is window.seniors_page.search_box
    window.nav.setCurrentRow(window.area_titles().index("日间照料"))  # a desk page: its search line
    assert QApplication.focusWidget() is window.daycare_page.finder.box
    window.nav.setCurrentRow(seniors)  # coming back to the page puts the cursor in the search box again
    assert QApplication.focusWidget() is window.seniors_page.search_box


def test_pages_are_built_when_first_opened_on_the_center_chosen_by_then(
    qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    first, second = two_centers(center, admin)
    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    window.show()
    # The window opens on 今天; only it and the backups (the day's backup) are built.
    assert [type(page).__name__ for page in window.built_pages()] == ["TodayPage", "BackupPage"]
    window.select_center(second.id)
    window.show_area("老人档案")
    assert window.pages.currentWidget() is window.seniors_page
    assert window.seniors_page.isVisible()
    assert window.seniors_page.visible_names() == ["王秀英"]
    assert window.nav.currentItem().text() == "老人档案"
    window.select_center(first.id)  # an opened page follows the center
    assert window.seniors_page.visible_names() == ["张桂兰"]
    window.show_area("设置")
    assert window.pages.currentWidget() is window.settings_page
    assert window.area_titles()[window.pages.currentIndex()] == "设置"  # the sidebar and the pages stay in step
