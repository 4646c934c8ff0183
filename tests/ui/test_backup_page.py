"""备份与恢复: backups made by the button are verified and listed, restores refuse bad files and
bring good ones back, Stop leaves nothing, the second place is remembered, and each role sees
only what it may do. File backups are an SQLite feature: on a PostgreSQL test run these tests
still run on an SQLite file, and the page on the server database shows the pg_dump command."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import URL, make_url

from carecenter import backups
from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.db import engine as engines
from carecenter.domain import idnumber
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.conftest import SERVER_URL
from tests.ui.conftest import on_modal
from ui import settings_store
from ui.pages.backup_page import BackupPage
from ui.workers import Task

PageMaker = Callable[..., BackupPage]


@pytest.fixture
def sqlite_center(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock, admin: Actor
) -> Iterator[CareCenter]:
    """The suite's ``center`` when it is SQLite; on a PostgreSQL run the same on an SQLite file."""
    if not SERVER_URL:
        yield request.getfixturevalue("center")
        return
    cc = CareCenter.open(engines.sqlite_url(tmp_path / "carecenter.db"), clock, busy_timeout_s=0.2)
    cc.centers.create("文化路日间照料中心", admin, code="C001")
    yield cc
    cc.close()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


@pytest.fixture
def make_page(qtbot: QtBot, settings_path: Path) -> PageMaker:
    def _make(cc: CareCenter, actor: Actor, synchronous: bool = True) -> BackupPage:
        page = BackupPage(cc, actor, settings_path=settings_path, synchronous=synchronous)
        qtbot.addWidget(page)
        page.resize(1200, 800)
        page.show()
        qtbot.waitExposed(page)
        return page

    return _make


def live_path(cc: CareCenter) -> Path:
    path = engines.sqlite_path(cc.url)
    assert path is not None
    return path


def add_senior(cc: CareCenter, actor: Actor, name: str, sequence: int) -> None:
    cc.seniors.create(
        SeniorInput(
            name=name,
            id_number=idnumber.make("410105", dt.date(1945, 3, 2), sequence),
            registered_on=dt.date(2025, 3, 1),
        ),
        actor,
    )


def grow(path: Path, megabytes: int) -> None:
    """Padding, so that a copy takes several steps (the core copies 1 MiB per step)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("create table if not exists padding (blob)")
    db.executemany("insert into padding values (?)", [(b"x" * 3000,) for _ in range(megabytes * 350)])
    db.close()


def press(button_text: str) -> Callable[[QWidget], None]:
    def click(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), "expected a question"
        next(b for b in box.buttons() if b.text() == button_text).click()

    return click


def box_texts(seen: list[QWidget]) -> list[str]:
    return [box.text() for box in seen if isinstance(box, QMessageBox)]


# ---- backup by hand ---------------------------------------------------------------------


def test_backup_now_writes_a_verified_copy_off_the_ui_thread_and_lists_it(
    qtbot: QtBot,
    make_page: PageMaker,
    sqlite_center: CareCenter,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_senior(sqlite_center, admin, "张桂兰", 1)
    page = make_page(sqlite_center, admin, synchronous=False)
    folder = live_path(sqlite_center).parent / "backups"
    suggested: list[Path] = []
    target = folder / "before-the-move.db"

    def ask(default: Path) -> Path:
        suggested.append(default)
        return target

    monkeypatch.setattr(page, "ask_backup_target", ask)
    threads: list[str] = []
    real_backup_to = backups.backup_to

    def recording_backup_to(*args: object, **kwargs: object) -> backups.BackupInfo:
        threads.append(threading.current_thread().name)
        return real_backup_to(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "backup_to", recording_backup_to)
    assert page.backup_button is not None
    page.backup_button.click()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)

    assert suggested == [folder / "carecenter-20261122-090000.db"]  # in the backups folder, named by the clock
    assert threads and threads[0].startswith("carecenter-task")  # not the UI thread
    info = backups.inspect_backup(target)  # a verified, restorable CareCenter backup
    assert (info.seniors, info.centers) == (1, 1)
    assert page.result_label.text().startswith(f"备份已保存：{target}\n其中有 1 位老人、1 个站点")
    assert page.table.paths() == [target]
    assert page.table.row_texts()[0][:2] == ["2026-11-22 09:00", "手动备份"]


def test_stop_during_a_backup_leaves_no_file(
    make_page: PageMaker, sqlite_center: CareCenter, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    grow(live_path(sqlite_center), 4)
    page = make_page(sqlite_center, admin)
    out = live_path(sqlite_center).parent / "out"
    monkeypatch.setattr(page, "ask_backup_target", lambda _default: out / "b.db")
    steps: list[tuple[int, int]] = []

    def press_stop_at_first_step(task: Task) -> None:
        def on_progress(done: int, total: int) -> None:
            steps.append((done, total))
            if len(steps) == 1:
                assert task.cancel_button is not None
                task.cancel_button.click()  # the progress dialog's 停止

        task.progressed.connect(on_progress)

    page.task_started.connect(press_stop_at_first_step)
    assert page.backup_button is not None
    page.backup_button.click()

    assert len(steps) == 1 and steps[0][0] < steps[0][1]  # stopped in the middle of the copy
    assert page.result_label.text() == "备份已停止，未生成备份文件。"
    assert list(out.iterdir()) == []  # neither the backup nor a half-written temporary file
    assert not page.is_busy() and page.backup_button.isEnabled()


# ---- restore ------------------------------------------------------------------------------


def test_restore_refuses_a_truncated_file_and_changes_nothing(
    make_page: PageMaker, sqlite_center: CareCenter, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = live_path(sqlite_center)
    grow(live, 1)
    add_senior(sqlite_center, admin, "张桂兰", 1)
    bad = backups.backup_to(sqlite_center.url, tmp_path / "cut.db", sqlite_center.clock.now()).path
    bad.write_bytes(bad.read_bytes()[: bad.stat().st_size // 2])
    add_senior(sqlite_center, admin, "李秀英", 2)
    before = live.read_bytes()
    page = make_page(sqlite_center, admin)
    monkeypatch.setattr(page, "ask_restore_source", lambda _folder: bad)

    seen = on_modal(press("确定"))
    assert page.restore_button is not None
    page.restore_button.click()

    refusal = f"{bad} 不完整或已损坏（文件被截断或未通过完整性检查），无法恢复。"
    assert box_texts(seen) == [refusal]  # the core's own words, and no "restore?" question before it
    assert page.result_label.text() == refusal
    assert sqlite_center.seniors.count() == 2
    assert live.read_bytes() == before
    assert page.table.paths() == []  # not even a before-restore copy was needed


def test_restore_brings_back_a_good_backup_and_says_what_it_holds(
    qtbot: QtBot, make_page: PageMaker, sqlite_center: CareCenter, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_senior(sqlite_center, admin, "张桂兰", 1)
    page = make_page(sqlite_center, admin)
    good = live_path(sqlite_center).parent / "backups" / "good.db"
    monkeypatch.setattr(page, "ask_backup_target", lambda _default: good)
    assert page.backup_button is not None and page.restore_button is not None
    page.backup_button.click()
    add_senior(sqlite_center, admin, "李秀英", 2)
    assert sqlite_center.seniors.count() == 2
    monkeypatch.setattr(page, "ask_restore_source", lambda _folder: good)

    seen = on_modal(press("恢复这个备份"))
    with qtbot.waitSignal(page.database_replaced, timeout=10_000):
        page.restore_button.click()

    question = box_texts(seen)[0]
    assert "这是 2026-11-22 09:00 的备份，有 1 位老人、1 个站点（结构版本 " in question
    assert "2026-11-22 09:00 之后录入的内容都会丢失" in question
    assert sqlite_center.seniors.count() == 1  # the open facade reads the restored database
    lines = page.result_label.text().split("\n")
    assert lines[0] == "已恢复。数据库现在是 2026-11-22 09:00 的备份，有 1 位老人、1 个站点。"
    previous = good.parent / f"{live_path(sqlite_center).stem}-before-restore-20261122-090000.db"
    assert lines[-1] == f"恢复前的数据库已保存在 {previous}"
    assert backups.inspect_backup(previous).seniors == 2  # what was replaced is kept
    assert sorted(row[1] for row in page.table.row_texts()) == ["恢复前", "手动备份"]


def test_answering_no_restores_nothing(
    make_page: PageMaker, sqlite_center: CareCenter, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = backups.backup_to(sqlite_center.url, tmp_path / "copy.db", sqlite_center.clock.now()).path
    add_senior(sqlite_center, admin, "张桂兰", 1)
    page = make_page(sqlite_center, admin)
    monkeypatch.setattr(page, "ask_restore_source", lambda _folder: copy)
    seen = on_modal(press("不恢复"))
    assert page.restore_button is not None
    page.restore_button.click()
    assert len(box_texts(seen)) == 1
    assert sqlite_center.seniors.count() == 1
    assert page.result_label.text() == "未恢复任何内容。"


# ---- daily backup, warning, second place ----------------------------------------------------


def test_warning_banner_when_no_second_place_is_set(
    qtbot: QtBot, make_page: PageMaker, sqlite_center: CareCenter, admin: Actor
) -> None:
    page = make_page(sqlite_center, admin)
    assert not page.banner.isVisible()
    assert page.daily_label.text() == "还没有每日备份。"
    with qtbot.waitSignal(page.warning_changed) as signal:
        page.start_daily_backup()
    warning = "未设置第二备份位置。请在“备份与恢复”页选择U盘或网络文件夹，以免硬盘坏了连备份一起丢失。"
    assert signal.args == [warning]
    assert page.warning() == warning
    assert page.banner.isVisible() and page.banner_label.text() == warning
    assert page.banner_button is not None and page.banner_button.isVisible()
    assert page.daily_label.text().startswith("今天的备份已于 2026-11-22 09:00 完成：0 位老人")
    assert [row[1] for row in page.table.row_texts()] == ["每日", "每月"]
    assert page.second_label.text() == "未设置"


def test_second_place_is_remembered_on_this_pc_and_clears_the_warning(
    qtbot: QtBot,
    make_page: PageMaker,
    sqlite_center: CareCenter,
    admin: Actor,
    settings_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    page = make_page(sqlite_center, admin)
    page.start_daily_backup()
    assert page.warning()
    monkeypatch.setattr(page, "ask_second_destination", lambda _start: usb)
    warnings: list[str] = []
    page.warning_changed.connect(warnings.append)

    # The test's "USB drive" is on the same disk as the database: the page says why that is weak.
    seen = on_modal(press("仍然使用"))
    assert page.second_button is not None
    page.second_button.click()

    assert "和数据库在同一块硬盘上" in box_texts(seen)[0]
    assert settings_store.load(settings_path).backup_second_destination == str(usb)
    assert (usb / "daily" / "carecenter-20261122.db").is_file()  # copied there at once
    assert warnings == [""] and not page.banner.isVisible()
    assert page.daily_label.text().endswith(f"第二备份位置也存了一份：{usb / 'daily' / 'carecenter-20261122.db'}")
    again = make_page(sqlite_center, admin)
    assert again.second_label.text() == str(usb)
    assert again.second_destination() == usb


def test_settings_files_from_before_the_second_place_still_load(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text('{"language": "zh_CN", "last_center_code": "C001"}', encoding="utf-8")
    assert settings_store.load(settings_path).backup_second_destination == ""
    settings_path.write_text('{"backup_second_destination": 3}', encoding="utf-8")
    assert settings_store.load(settings_path).backup_second_destination == ""
    settings_store.save(settings_store.Settings().with_second_destination(" E:\\备份 "), settings_path)
    assert settings_store.load(settings_path).backup_second_destination == "E:\\备份"


# ---- roles and servers --------------------------------------------------------------------


def test_each_role_sees_only_what_it_may_do(
    make_page: PageMaker, sqlite_center: CareCenter, admin: Actor, social_worker: Actor, front_desk: Actor
) -> None:
    full = make_page(sqlite_center, admin)
    assert full.backup_button is not None and full.restore_button is not None and full.second_button is not None

    social = make_page(sqlite_center, social_worker)
    assert social.backup_button is not None and social.backup_button.text() == "立即备份…"
    assert social.restore_button is None and social.second_button is None and social.banner_button is None

    desk = make_page(sqlite_center, front_desk)
    assert desk.backup_button is None and desk.restore_button is None and desk.second_button is None
    assert [BackupPage.available_to(a) for a in (admin, social_worker, front_desk)] == [True, True, False]
    desk.restore_from_file()  # even when called directly, nothing is asked or done
    assert desk.task is None


class _ServerCareCenter:
    """Just what the page reads from the facade, for a PostgreSQL address (no server needed)."""

    def __init__(self, url: URL, clock: FixedClock) -> None:
        self.url = url
        self.clock = clock

    def describe(self) -> str:
        return self.url.render_as_string(hide_password=True)


def test_on_postgresql_the_page_shows_the_server_commands(
    make_page: PageMaker, clock: FixedClock, admin: Actor
) -> None:
    url = make_url("postgresql+psycopg://staff:secret@db.example:5432/care")
    page = make_page(_ServerCareCenter(url, clock), admin)
    assert page.server_text is not None
    text = page.server_text.toPlainText()
    assert "pg_dump -Fc -f 'carecenter-20261122.dump' 'postgresql://staff:***@db.example:5432/care'" in text
    assert "pg_restore --clean --if-exists -d 'postgresql://staff:***@db.example:5432/care'" in text
    assert "secret" not in text
    assert page.server_text.isReadOnly()
    assert page.backup_button is None and page.restore_button is None and page.second_button is None
    page.start_daily_backup()
    assert page.task is None and page.warning() == ""


def test_the_page_follows_the_suites_database(make_page: PageMaker, center: CareCenter, admin: Actor) -> None:
    """Run with CARECENTER_TEST_DB set, the real server database gets the commands, not the buttons."""
    page = make_page(center, admin)
    if SERVER_URL:
        assert page.server_text is not None and "pg_dump -Fc" in page.server_text.toPlainText()
        assert page.backup_button is None
    else:
        assert page.server_text is None and page.backup_button is not None
        assert page.database_label.text() == center.describe()
