"""设置 › 数据库: which database is in use and why; an administrator switches to a server or a file on this PC,
tests the connection, saves the address without its password (the password goes to the libpq password file),
and the next start follows --db > CARECENTER_DB > this PC's settings > the default file."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from carecenter import paths
from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.db.choice import Source
from carecenter.facade import CareCenter
from tests.conftest import LOCAL_SERVER, needs_local_server
from ui import app, settings_store
from ui.dialogs.database_box import DatabaseBox
from ui.dialogs.settings_dialog import SettingsPanel
from ui.main_window import MainWindow

TypeInto = Callable[[QWidget, str], None]


@pytest.fixture(autouse=True)
def _inline_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DatabaseBox, "synchronous", True)


def make_panel(
    qtbot: QtBot, cc: CareCenter, actor: Actor, settings: Path, source: Source | None = None
) -> SettingsPanel:
    panel = SettingsPanel(cc, settings, actor=actor, database_source=source)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def fill_server(box: DatabaseBox, host: str, port: int, database: str, user: str, password: str = "") -> None:
    box.server_radio.setChecked(True)
    box.host_edit.setText(host)
    box.port_spin.setValue(port)
    box.database_edit.setText(database)
    box.user_edit.setText(user)
    box.password_edit.setText(password)


def test_a_password_written_into_the_settings_by_hand_is_never_kept(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text(
        json.dumps({"language": "zh_CN", "database": "postgresql://desk:s3cret@192.168.1.10/carecenter"}),
        encoding="utf-8",
    )
    loaded = settings_store.load(settings)
    assert loaded.database == "postgresql://desk@192.168.1.10/carecenter"
    settings_store.save(loaded.with_center("C001"), settings)
    assert "s3cret" not in settings.read_text(encoding="utf-8")
    unsafe = settings_store.Settings(database="postgresql+psycopg://desk:pw@db.local:5432/cc")  # built by hand
    settings_store.save(unsafe, settings)
    assert json.loads(settings.read_text(encoding="utf-8"))["database"] == "postgresql+psycopg://desk@db.local:5432/cc"


def test_everyone_sees_the_database_and_where_the_choice_came_from(
    qtbot: QtBot, center: CareCenter, front_desk: Actor, tmp_path: Path
) -> None:
    panel = make_panel(qtbot, center, front_desk, tmp_path / "settings.json")
    box = panel.database_box
    assert box.database_label.text() == center.describe()
    assert box.source_label.text() == "命令行 --db"  # the test opened it by its address, as --db does
    assert not box.admin and not hasattr(box, "host_edit")


def test_the_source_is_the_one_the_app_says(qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings_store.save(
        settings_store.Settings().with_database(center.url.render_as_string(hide_password=False)), settings
    )
    panel = make_panel(qtbot, center, admin, settings)
    assert panel.database_box.source_label.text() == "本机设置"
    assert panel.database_box.override_label.isHidden()


@needs_local_server
def test_testing_a_server_connection_says_what_is_there(
    qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    panel = make_panel(qtbot, center, admin, tmp_path / "settings.json")
    box = panel.database_box
    fill_server(box, "127.0.0.1", 5432, "carecenter_nowhere", "postgres")
    box.test_button.click()
    assert box.message.text() == (
        "服务器上没有数据库 carecenter_nowhere。请检查名称，或在服务器上创建它"
        "（空数据库即可：CareCenter 首次启动时会设置好）。"
    )
    box.database_edit.setText("test")
    box.test_button.click()
    assert box.last_check is not None and box.last_check.usable
    assert box.message.text().startswith("已连接。postgresql+psycopg://postgres@127.0.0.1:5432/test ")
    box.port_spin.setValue(1)  # nothing listens there
    box.test_button.click()
    assert box.message.text().startswith("无法连接到服务器 127.0.0.1:1。")
    assert box.test_button.isEnabled()
    assert not (tmp_path / "settings.json").exists()  # testing saves nothing


@needs_local_server
def test_the_connection_test_runs_off_the_ui_thread(
    qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DatabaseBox, "synchronous", False)
    panel = make_panel(qtbot, center, admin, tmp_path / "settings.json")
    box = panel.database_box
    fill_server(box, "127.0.0.1", 5432, "carecenter_nowhere", "postgres")
    box.test_button.click()
    assert box.task is not None
    assert not box.test_button.isEnabled()
    assert box.message.text() == "正在连接 postgresql+psycopg://postgres@127.0.0.1:5432/carecenter_nowhere…"
    with qtbot.waitSignal(box.task.finished, timeout=20_000):
        pass
    assert box.message.text().startswith("服务器上没有数据库 carecenter_nowhere。")
    assert box.test_button.isEnabled()


def test_saving_keeps_the_address_in_the_settings_and_the_password_in_pgpass(
    qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pgpass_file = tmp_path / "pgpass.conf"
    monkeypatch.setenv("PGPASSFILE", str(pgpass_file))
    settings = tmp_path / "settings.json"
    settings_store.save(settings_store.Settings(language="zh_CN", last_center_code="C001"), settings)
    panel = make_panel(qtbot, center, admin, settings, Source.DEFAULT)
    box = panel.database_box
    fill_server(box, "127.0.0.1", 5432, "test", "postgres", "s3cret:pw")
    assert box.save()
    saved = json.loads(settings.read_text(encoding="utf-8"))
    assert saved["database"] == LOCAL_SERVER
    assert saved["last_center_code"] == "C001"  # the rest of the settings stay
    assert "s3cret" not in settings.read_text(encoding="utf-8")
    assert pgpass_file.read_text(encoding="utf-8") == "127.0.0.1:5432:test:postgres:s3cret\\:pw\n"
    if os.name == "posix":
        assert pgpass_file.stat().st_mode & 0o077 == 0
    assert box.password_edit.text() == ""
    assert box.message.text() == f"已保存。CareCenter 下次启动时将使用 {LOCAL_SERVER}。"
    assert box.restart_button.isVisible()
    with qtbot.waitSignal(panel.restart_requested, timeout=1000):
        box.restart_button.click()


def test_a_choice_saved_while_the_command_line_decides_waits_behind_it(
    qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.json"
    panel = make_panel(qtbot, center, admin, settings, Source.COMMAND_LINE)
    box = panel.database_box
    assert box.override_label.text() == (
        "当前由 命令行 --db 决定 CareCenter 使用哪个数据库；在这里保存的选择在不带它启动时生效。"
    )
    fill_server(box, "127.0.0.1", 5432, "test", "postgres")
    assert box.save()
    assert settings_store.load(settings).database == LOCAL_SERVER
    assert box.message.text() == f"已保存：{LOCAL_SERVER}。只要 CareCenter 仍带着 命令行 --db 启动，就仍由它决定。"
    assert not box.restart_button.isVisible()
    assert box.override_label.text() == (
        f"本机设置选择的是 {LOCAL_SERVER}，但 命令行 --db 优先：不带它启动时，CareCenter 才使用本机设置。"
    )


def test_a_pasted_address_with_a_password_fills_the_form_and_the_password_never_reaches_the_settings(
    qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.json"
    panel = make_panel(qtbot, center, admin, settings)
    box = panel.database_box
    box.server_radio.setChecked(True)
    box.host_edit.setText("postgresql://desk:Pa55word@192.168.1.10:6543/carecenter")
    box.take_pasted_url()
    assert (box.host_edit.text(), box.port_spin.value(), box.database_edit.text(), box.user_edit.text()) == (
        "192.168.1.10",
        6543,
        "carecenter",
        "desk",
    )
    assert box.password_edit.text() == "Pa55word"
    assert box.save()
    assert json.loads(settings.read_text(encoding="utf-8"))["database"] == (
        "postgresql+psycopg://desk@192.168.1.10:6543/carecenter"
    )
    assert "Pa55word" not in settings.read_text(encoding="utf-8")
    assert Path(os.environ["PGPASSFILE"]).read_text(encoding="utf-8") == "192.168.1.10:6543:carecenter:desk:Pa55word\n"


def test_an_incomplete_server_form_is_refused_under_its_fields(
    qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.json"
    panel = make_panel(qtbot, center, admin, settings)
    box = panel.database_box
    fill_server(box, "", 5432, "", "postgres")
    assert not box.save()
    assert box.rows.error_for("host") == "请输入服务器的名称或 IP 地址"
    assert box.rows.error_for("database") == "请输入数据库名称"
    assert box.rows.error_for("user") == ""
    assert not settings.exists()


def test_a_file_on_a_network_share_is_refused_with_the_reason(
    qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.json"
    panel = make_panel(qtbot, center, admin, settings)
    box = panel.database_box
    box.file_radio.setChecked(True)
    box.ask_database_file = lambda start: Path("\\\\nas\\office\\carecenter.db")  # type: ignore[method-assign]
    box.browse()
    reason = box.rows.error_for("path")
    assert "网络共享（\\\\nas\\office）" in reason and "PostgreSQL" in reason
    assert not box.save()
    assert not settings.exists()


def test_back_to_a_file_on_this_pc(qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings_store.save(settings_store.Settings().with_database(LOCAL_SERVER), settings)
    panel = make_panel(qtbot, center, admin, settings)
    box = panel.database_box
    box.file_radio.setChecked(True)
    target = tmp_path / "desk" / "carecenter.db"
    box.ask_database_file = lambda start: target  # type: ignore[method-assign]
    box.browse()
    box.test_button.click()
    assert box.message.text() == f"{target} 还不存在：CareCenter 下次启动时会创建它。"
    assert box.save()
    assert settings_store.load(settings).database == str(target)
    box.default_file_button.click()
    assert box.save()
    assert settings_store.load(settings).database == ""  # the default file: no choice kept
    assert box.path_edit.text() == str(paths.default_database_path().absolute())


# ---- the start order ------------------------------------------------------------------------------


def opened_with_center(path: Path, clock: FixedClock, admin: Actor, code: str) -> str:
    cc = CareCenter.open(str(path), clock)
    cc.centers.create(f"{code} 站", admin, code=code)
    cc.close()
    return str(path)


def start_window(qtbot: QtBot, db: str | None, clock: FixedClock, admin: Actor, settings: Path) -> MainWindow:
    window = app.start(db, clock=clock, settings_path=settings, actor=admin)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    return window


def test_start_order_command_line_then_environment_then_settings_then_default(
    qtbot: QtBot,
    center: CareCenter,
    admin: Actor,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = tmp_path / "settings.json"
    default = opened_with_center(paths.default_database_path(), clock, admin, "D001")
    cli = opened_with_center(tmp_path / "cli.db", clock, admin, "K001")
    env = opened_with_center(tmp_path / "env.db", clock, admin, "E001")

    window = start_window(qtbot, None, clock, admin, settings)
    box = window.settings_page.database_box
    assert (window.cc.describe(), box.source_label.text()) == (default, "默认")
    window.cc.close()

    saved = center.url.render_as_string(hide_password=False)  # the suite's backend: a file or a server
    settings_store.save(settings_store.Settings().with_database(saved), settings)
    window = start_window(qtbot, None, clock, admin, settings)
    box = window.settings_page.database_box
    assert (window.cc.describe(), box.source_label.text()) == (center.describe(), "本机设置")
    assert box.override_label.isHidden()
    window.cc.close()

    monkeypatch.setenv("CARECENTER_DB", env)
    window = start_window(qtbot, None, clock, admin, settings)
    box = window.settings_page.database_box
    assert (window.cc.describe(), box.source_label.text()) == (env, "环境变量 CARECENTER_DB")
    assert box.override_label.text() == (
        f"本机设置选择的是 {center.describe()}，但 环境变量 CARECENTER_DB 优先：不带它启动时，CareCenter 才使用本机设置。"
    )
    window.cc.close()

    window = start_window(qtbot, cli, clock, admin, settings)
    box = window.settings_page.database_box
    assert (window.cc.describe(), box.source_label.text()) == (cli, "命令行 --db")
    window.cc.close()


def test_a_saved_database_that_cannot_be_opened_says_how_to_get_out(
    center: CareCenter, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "settings.json"
    settings_store.save(settings_store.Settings().with_database("postgresql://postgres@127.0.0.1:1/test"), settings)
    shown: list[str] = []
    monkeypatch.setattr(app, "show_open_error", shown.append)
    assert app.start(None, clock=clock, settings_path=settings) == app.EXIT_CANNOT_START
    assert len(shown) == 1
    assert shown[0].endswith(
        f"这个数据库是在本机的“设置”中选择的（{settings}）。要换用其他数据库启动，"
        "请用 --db 文件或地址 启动 CareCenter，或从该文件中删除 “database” 一行。"
    )


def test_a_restart_onto_another_database_asks_for_a_log_in_there(
    qtbot: QtBot, center: CareCenter, admin: Actor, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same log-in is kept across a restart for a new language, but not onto another database."""
    other = opened_with_center(tmp_path / "other.db", clock, admin, "O001")
    settings_store.save(settings_store.Settings().with_database(center.url.render_as_string(hide_password=False)))
    monkeypatch.setattr(app, "run_preflight", lambda: app.EXIT_OK)
    given: list[Actor | None] = []
    opened: list[str] = []
    real_start = app.start

    def start(db: str | None = None, actor: Actor | None = None) -> MainWindow | int:
        given.append(actor)
        outcome = real_start(db, clock=clock, actor=actor or admin)
        assert isinstance(outcome, MainWindow)
        opened.append(outcome.cc.describe())
        if len(opened) == 1:  # the administrator switches this PC to the other file, then restarts
            settings_store.save(settings_store.load().with_database(other))
            QTimer.singleShot(0, outcome.restart_requested.emit)
        else:
            QTimer.singleShot(0, outcome.close)
        return outcome

    monkeypatch.setattr(app, "start", start)
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(QApplication.quit)
    safety.start(10_000)
    assert app.main([]) == 0
    safety.stop()
    assert opened == [center.describe(), other]
    assert given == [None, None]
