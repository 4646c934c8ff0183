# mypy: disable-error-code="no-untyped-call"
"""A morning at the front desk, as a user would do it in the main window, ending on the 今天 page.

Sunday 22 November 2026. Seven seniors are expected at day care (their plans say Sundays)
and have lunch ordered; 陈玉梅 gets 助洁 at home from 李娜 on Sundays. The desk checks in
five seniors by initials + Enter and one by member number (the card scanner), serves six
lunches — 马玉兰's 清真 flag must be on the card, 刘淑芬 pays from her prepaid balance —
records 陈玉梅's visit, logs an urgent call, and the 今天 page counts it all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.domain.desk_vocab import CallerKind
from carecenter.domain.vocab import DietFlag
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, TopUpInput
from carecenter.seniors.dto import SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id
from tests.core.test_attendance import day_care_plan
from tests.core.test_visit_schedule import home_plan, team, weekly
from tests.ui.conftest import on_modal
from ui.dialogs.call_dialog import CallDialog
from ui.dialogs.visit_dialog import VisitDialog
from ui.main_window import MainWindow

TypeInto = Callable[[QWidget, str], None]
SUNDAY = "7"
BY_INITIALS = {"zgl": "张桂兰", "ljg": "李建国", "wxy": "王秀英", "myl": "马玉兰", "zds": "赵德胜"}
SCANNED = "刘淑芬"
NOT_COMING = "孙桂英"


def register(cc: CareCenter, actor: Actor, name: str, seq: int, diet: frozenset[DietFlag] = frozenset()) -> int:
    """Born 9 May 1942 (84: the 80+ meal subsidy, 3.00 元 off a 12.00 元 lunch)."""
    data = SeniorInput(
        name=name, id_number=an_id(dt.date(1942, 5, 9), seq), registered_on=dt.date(2025, 3, 1), diet_flags=diet
    )
    return cc.seniors.create(data, actor).id


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> dict[str, int]:
    ids: dict[str, int] = {}
    names = [*BY_INITIALS.values(), SCANNED, NOT_COMING]
    for seq, name in enumerate(names, start=1):
        ids[name] = register(
            center, admin, name, 2 * seq, frozenset({DietFlag.HALAL}) if name == "马玉兰" else frozenset()
        )
        day_care_plan(center, admin, ids[name], SUNDAY)
        center.meals.order(OrderInput(ids[name], TODAY), admin)
    center.meals.top_up(TopUpInput(ids[SCANNED], 100_00, "SJ20261101"), admin)
    crew = team(center, admin)
    ids["陈玉梅"] = register(center, admin, "陈玉梅", 40)
    home_plan(center, admin, crew.social, ids["陈玉梅"], weekly(center, "cleaning", {7}, crew.li))
    return ids


def at(clock: FixedClock, hour: int, minute: int) -> None:
    clock.current = dt.datetime(2026, 11, 22, hour, minute)


def test_a_morning_at_the_desk(
    qtbot: QtBot,
    center: CareCenter,
    front_desk: Actor,
    clock: FixedClock,
    seniors: dict[str, int],
    type_into: TypeInto,
) -> None:
    at(clock, 7, 55)
    window = MainWindow(center, front_desk, clock)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitActive(window):  # the keyboard goes where the desk types
        window.show()
        window.activateWindow()
    today = window.today_page
    assert window.pages.currentWidget() is today  # the app opens on 今天
    qtbot.waitUntil(lambda: today.daycare_tile.value() == "0 / 7")  # counted off the UI thread

    # ---- day care: five by initials + Enter, one by scanning her card ----------------------------
    qtbot.mouseClick(today.daycare_tile, Qt.MouseButton.LeftButton)  # the number opens its list
    daycare = window.daycare_page
    assert window.pages.currentWidget() is daycare
    for minute, (initials, name) in enumerate(BY_INITIALS.items(), start=1):
        at(clock, 8, minute)
        type_into(daycare.finder.box, initials)
        qtbot.keyClick(daycare.finder.box, Qt.Key.Key_Return)
        assert daycare.status_text() == f"✔ {name} 08:{minute:02d} 签到"
    at(clock, 8, 10)
    type_into(daycare.finder.box, center.desk.card(seniors[SCANNED], front_desk).member_no)  # no Enter: a scan
    assert daycare.status_text() == f"✔ {SCANNED} 08:10 签到"
    assert daycare.counts_label.text().startswith("应到 7 · 在中心 6")

    # ---- lunch: the 清真 badge on the card, one meal from the prepaid balance ---------------------
    at(clock, 11, 35)
    window.show_area("助餐")
    serving = window.meals_page.serving
    assert serving.finder.box.hasFocus()  # type at once
    for initials in ("zgl", "ljg", "wxy", "zds"):
        type_into(serving.finder.box, initials)
        qtbot.keyClick(serving.finder.box, Qt.Key.Key_Return)
        assert serving.card.state_label.text().startswith("✔ 午餐已供餐")
    type_into(serving.finder.box, "myl")
    qtbot.keyClick(serving.finder.box, Qt.Key.Key_Return)
    assert serving.card.name_label.text().startswith("马玉兰")
    assert serving.card.badges.texts() == ["清真"]
    halal = serving.card.badges.findChild(QWidget, "diet_halal")
    assert halal is not None and halal.isVisible()
    type_into(serving.finder.box, "lsf")
    qtbot.keyClick(serving.finder.box, Qt.Key.Key_Return)
    assert serving.card.payment_label.text() == (
        "已从餐费余额扣除 9.00 元，余额还剩 91.00 元（余额足够，已自动使用余额）"
    )
    assert serving.counts_label.text() == "午餐：已订 7 · 已供 6"

    # ---- 陈玉梅's 助洁 visit, recorded on her slot of the week ------------------------------------
    at(clock, 11, 50)
    window.show_area("上门服务")
    visits = window.visits_page

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, VisitDialog)
        assert (dialog.type_combo.currentText(), dialog.staff_combo.currentText()) == ("助洁", "李娜")
        qtbot.keyClicks(dialog.start_edit, "0900")
        qtbot.keyClicks(dialog.minutes_edit, "60")
        type_into(dialog.work_edit, "打扫卧室和厨房")
        qtbot.keyClick(dialog.minutes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert visits.select_line("陈玉梅", TODAY)
    on_modal(record)
    qtbot.keyClick(visits.table, Qt.Key.Key_Return)
    assert [line[1:6] for line in visits.week_lines()] == [("09:00–10:00", "陈玉梅", "助洁", "李娜", "已完成")]

    # ---- an urgent call: a neighbour has not seen 王秀英's husband … (no senior of ours) ----------
    at(clock, 11, 58)
    window.show_area("呼叫助急")
    calls = window.calls_page

    def log(dialog: QWidget) -> None:
        assert isinstance(dialog, CallDialog)
        type_into(dialog.finder.box, "cym")
        qtbot.keyClick(dialog.finder.box, Qt.Key.Key_Return)
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(CallerKind.NEIGHBOUR.value))
        type_into(dialog.name_edit, "对门邻居")
        type_into(dialog.reason_edit, "敲门不应，屋里有响声")
        dialog.urgent_button.setFocus()
        qtbot.keyClick(dialog.urgent_button, Qt.Key.Key_Space)
        type_into(dialog.action_edit, "已联系社区网格员上门查看")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    window.activateWindow()  # offscreen, a closed dialog stays the active window until told otherwise
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert calls.open_table.hasFocus()  # the list of open calls has the keyboard: F2 is a new call
    on_modal(log)
    qtbot.keyClick(calls.open_table, Qt.Key.Key_F2)
    assert calls.counts_label.text() == "1 个紧急来电未结案"

    # ---- back to 今天: every number of the morning ------------------------------------------------
    at(clock, 12, 0)
    window.show_area("今天")
    qtbot.waitUntil(lambda: today.daycare_tile.value() == "6 / 7")
    assert today.daycare_tile.detail() == "已离开 0 · 未到 1"
    assert today.meals_tile.value() == "6 / 7"
    assert today.meals_tile.detail() == "还有 1 份订餐未供"
    assert today.visits_tile.value() == "1 / 1"
    assert today.calls_tile.value() == "1"
    assert today.calls_tile.detail() == "1 个紧急来电待结案"
    assert today.call_lines() == ["【紧急】11-22 11:58  陈玉梅（邻居）  敲门不应，屋里有响声"]
    assert today.birthdays_tile.value() == "0"
    assert not today.due_tile.isVisible()  # the desk does not assess
    qtbot.mouseClick(today.calls_tile, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is calls
