"""Another desk writes, this window's page shows it at the next poll: without losing the user's place,
and not while a dialog is open or the user is typing (then at the poll after)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput
from tests.core.test_due import senior
from ui.change_watcher import ChangeWatcher
from ui.main_window import MainWindow

TypeInto = Callable[[QWidget, str], None]


@pytest.fixture
def other_desk(center: CareCenter, clock: FixedClock) -> Iterator[CareCenter]:
    """The same database opened again, as the app on another PC opens it."""
    cc = CareCenter.open(center.url, clock)
    yield cc
    cc.close()


@pytest.fixture
def window(qtbot: QtBot, center: CareCenter, admin: Actor, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(ChangeWatcher, "synchronous", True)
    shown = MainWindow(center, admin, change_poll_ms=60_000)
    qtbot.addWidget(shown)
    shown.show()
    shown.change_watcher.stop()  # the test polls by hand
    return shown


def test_the_watcher_starts_with_the_window_and_polls_at_its_interval(window: MainWindow) -> None:
    assert window.change_watcher.interval_ms() == 60_000
    window.change_watcher.start()
    assert window.change_watcher.is_active()
    window.close()
    assert not window.change_watcher.is_active()


def test_a_senior_registered_at_another_desk_appears_in_the_list(
    window: MainWindow, other_desk: CareCenter, admin: Actor
) -> None:
    senior(window.cc, admin, "张桂兰", 1)
    window.show_area("老人档案")
    window.seniors_page.refresh()
    assert window.seniors_page.visible_names() == ["张桂兰"]
    window.change_watcher.poll()  # this desk's own write: read again, nothing else changes
    senior(other_desk, admin, "李秀英", 2)
    assert window.seniors_page.visible_names() == ["张桂兰"]
    window.change_watcher.poll()
    assert window.seniors_page.visible_names() == ["李秀英", "张桂兰"]


def test_the_selected_senior_and_the_scroll_position_stay(
    window: MainWindow, other_desk: CareCenter, admin: Actor
) -> None:
    names = [f"王{chr(0x4E00 + n)}{chr(0x4E50 + n)}" for n in range(60)]
    ids = [senior(window.cc, admin, name, n).id for n, name in enumerate(names, 1)]
    page = window.seniors_page
    window.show_area("老人档案")
    page.refresh()
    page.resize(900, 400)
    chosen = ids[45]
    row = page.model.row_of(chosen)
    assert row is not None
    page.table.selectRow(row)
    page.table.scrollTo(page.model.index(row, 0))
    scrolled = page.table.verticalScrollBar().value()
    assert scrolled > 0
    window.change_watcher.poll()
    senior(other_desk, admin, "王淑芬", 99)
    window.change_watcher.poll()
    assert "王淑芬" in page.visible_names()
    assert page.current_senior_id() == chosen
    assert page.table.verticalScrollBar().value() == scrolled


def test_the_today_page_counts_a_check_in_at_another_desk(
    qtbot: QtBot, window: MainWindow, other_desk: CareCenter, admin: Actor
) -> None:
    zhang = senior(window.cc, admin, "张桂兰", 1)
    window.show_area("今天")
    window.today_page.refresh()
    tile = window.today_page.daycare_tile
    qtbot.waitUntil(
        lambda: tile.value() == "0 / 0" and not window.today_page.reader.is_reading()
    )  # counted off the UI thread
    window.change_watcher.poll()
    other_desk.attendance.check_in(zhang.id, admin)
    window.change_watcher.poll()
    qtbot.waitUntil(lambda: tile.value() == "1 / 0")


def test_the_daycare_board_shows_a_check_in_at_another_desk(
    window: MainWindow, other_desk: CareCenter, admin: Actor
) -> None:
    zhang = senior(window.cc, admin, "张桂兰", 1)
    window.show_area("日间照料")
    window.change_watcher.poll()
    assert [r[0] for r in window.daycare_page.rows_shown()] == []
    other_desk.attendance.check_in(zhang.id, admin)
    window.change_watcher.poll()
    assert [(r[0], r[2]) for r in window.daycare_page.rows_shown()] == [("张桂兰", "在中心")]


def test_nothing_moves_while_a_dialog_is_open_and_all_of_it_after(
    qtbot: QtBot, window: MainWindow, other_desk: CareCenter, admin: Actor
) -> None:
    senior(window.cc, admin, "张桂兰", 1)
    window.show_area("老人档案")
    window.change_watcher.poll()
    dialog = QDialog(window)
    dialog.setModal(True)
    qtbot.addWidget(dialog)
    dialog.show()
    senior(other_desk, admin, "李秀英", 2)
    window.change_watcher.poll()
    assert window.change_watcher.pending()
    assert window.seniors_page.visible_names() == ["张桂兰"]
    dialog.done(QDialog.DialogCode.Rejected)
    window.change_watcher.poll()
    assert not window.change_watcher.pending()
    assert window.seniors_page.visible_names() == ["李秀英", "张桂兰"]


def test_nothing_moves_while_the_user_types_and_it_does_at_the_next_pause(
    window: MainWindow, other_desk: CareCenter, admin: Actor, type_into: TypeInto
) -> None:
    senior(window.cc, admin, "张桂兰", 1)
    window.show_area("老人档案")
    window.change_watcher.poll()
    page = window.seniors_page
    type_into(page.search_box, "张")  # the page's own search waits for its timer, which this test never runs
    senior(other_desk, admin, "张秀英", 2)
    window.change_watcher.poll()
    assert window.change_watcher.pending()
    assert page.visible_names() == ["张桂兰"]
    window.change_watcher.poll()  # no key pressed since the last poll: the user paused
    assert page.visible_names() == ["张桂兰", "张秀英"]
    assert page.search_box.text() == "张"
    assert window.focusWidget() is page.search_box


def test_a_poll_that_finds_nothing_new_reads_nothing(
    window: MainWindow, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_area("老人档案")
    window.change_watcher.poll()
    reads: list[int] = []
    monkeypatch.setattr(window.seniors_page, "refresh", lambda *a: reads.append(1))
    window.change_watcher.poll()
    window.change_watcher.poll()
    assert reads == []


def test_the_to_do_badge_follows_another_desks_changes(
    qtbot: QtBot, window: MainWindow, other_desk: CareCenter, admin: Actor
) -> None:
    window.show_area("老人档案")
    window.change_watcher.poll()
    qtbot.waitUntil(lambda: not window.due_count_reading())
    assert window.due_count_text() == "待办"
    senior(other_desk, admin, "张桂兰", 1)  # a new senior is due for a first assessment
    window.change_watcher.poll()
    qtbot.waitUntil(lambda: window.due_count_text() == "待办 (1)")  # counted off the UI thread


def test_what_the_page_last_said_stays_when_it_reads_again(
    window: MainWindow, other_desk: CareCenter, admin: Actor
) -> None:
    window.show_area("生日会")
    window.change_watcher.poll()
    window.birthdays_page.say("已保存：礼品名单")
    senior(other_desk, admin, "张桂兰", 1)
    window.change_watcher.poll()
    assert window.birthdays_page.notice.text() == "已保存：礼品名单"
    assert window.birthdays_page.notice.isVisible()


def test_the_stamp_is_read_off_the_ui_thread(
    qtbot: QtBot, window: MainWindow, other_desk: CareCenter, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ChangeWatcher, "synchronous", False)
    window.show_area("老人档案")
    senior(other_desk, admin, "李秀英", 2)
    window.change_watcher.poll()
    task = window.change_watcher.task
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert window.seniors_page.visible_names() == ["李秀英"]
    assert window.change_watcher.task is None  # each poll's worker is let go


def test_text_typed_and_not_yet_saved_survives_another_desks_change(
    window: MainWindow, other_desk: CareCenter, admin: Actor, type_into: TypeInto
) -> None:
    zhang = senior(window.cc, admin, "张桂兰", 1)
    window.show_area("助餐")
    orders = window.meals_page.orders
    window.meals_page.tabs.setCurrentWidget(orders)
    window.change_watcher.poll()
    type_into(orders.dishes_edit, "红烧肉")  # the day's menu, typed but not saved
    window.nav.setFocus()  # and the desk went on to something else
    other_desk.meals.order(OrderInput(zhang.id, orders.day(), orders.meal()), admin)
    window.change_watcher.poll()
    assert orders.ordered_names() == ["张桂兰"]
    assert orders.dishes_edit.text() == "红烧肉"
