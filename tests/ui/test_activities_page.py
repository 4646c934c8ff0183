# mypy: disable-error-code="no-untyped-call"
"""The 活动 page as the desk uses it: create an activity, add who came by typing initials + Enter,
take one off with Delete, see 人次; the month's birthday party listed as an activity with its guests
who came, read-only, and a button to the 生日会 page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import PartyInput
from carecenter.desk.activity_dto import ActivityInput
from carecenter.domain.desk_vocab import ActivityKind
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from tests.core.test_birthday_list import NOVEMBER, senior
from tests.ui.conftest import on_modal
from ui.dialogs.activity_dialog import ActivityDialog
from ui.main_window import MainWindow
from ui.pages import desk_models as cols
from ui.pages.activities_page import ActivitiesPage
from ui.pages.birthday_models import MILESTONE_BACKGROUND

TypeInto = Callable[[QWidget, str], None]


@pytest.fixture
def center_id(center: CareCenter) -> int:
    return center.centers.by_code("C001").id


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> dict[str, int]:
    born = {
        "张桂兰": dt.date(1946, 11, 30),
        "王秀英": dt.date(1950, 11, 15),
        "刘建国": dt.date(1950, 5, 1),
    }
    return {name: senior(center, admin, name, day, 2 * n + 1).id for n, (name, day) in enumerate(born.items())}


@pytest.fixture
def page(
    qtbot: QtBot, center: CareCenter, front_desk: Actor, center_id: int, seniors: dict[str, int]
) -> ActivitiesPage:
    shown = ActivitiesPage(center, front_desk, center_id)
    qtbot.addWidget(shown)
    shown.resize(1100, 740)
    with qtbot.waitActive(shown):  # Ctrl+N is a shortcut: it needs an active window
        shown.show()
        shown.activateWindow()
    return shown


def test_an_activity_and_two_attendees_typed_by_initials_make_2_attendances(
    qtbot: QtBot, page: ActivitiesPage, center: CareCenter, admin: Actor, seniors: dict[str, int], type_into: TypeInto
) -> None:
    center.seniors.change_status(seniors["王秀英"], Status.PAUSED, dt.date(2026, 11, 1), "住院", admin)
    errors: list[str] = []

    def create(dialog: QWidget) -> None:
        assert isinstance(dialog, ActivityDialog)
        assert dialog.kind_combo.findData(ActivityKind.BIRTHDAY.value) < 0  # the party is made on its own page
        dialog.save_button.click()
        errors.append(dialog.error_for("title"))
        type_into(dialog.title_edit, "冬季防跌倒健康讲座")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ActivityKind.HEALTH_TALK.value))
        type_into(dialog.time_edit, "9:30")
        type_into(dialog.place_edit, "一楼大厅")
        qtbot.keyClick(dialog.place_edit, Qt.Key.Key_Return)  # Enter saves

    on_modal(create)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert errors == ["必须填写"]
    assert page.listed(cols.COL_ACT_TITLE) == ["冬季防跌倒健康讲座"]
    assert page.listed(cols.COL_ACT_TIME) == ["09:30"]
    assert page.listed(cols.COL_ACT_KIND) == ["健康讲座"]
    assert page.listed(cols.COL_ACT_DAY) == ["11月22日"]
    with qtbot.waitActive(page):  # back from the dialog (offscreen, the window must be activated by hand)
        page.activateWindow()
    qtbot.waitUntil(page.finder.box.hasFocus)  # ready for who came

    type_into(page.finder.box, "zgl")
    qtbot.keyClick(page.finder.box, Qt.Key.Key_Return)
    assert page.detail_notice.text() == "已登记张桂兰（共 1 人）。"
    type_into(page.finder.box, "wxy")
    qtbot.keyClick(page.finder.box, Qt.Key.Key_Return)
    assert page.detail_notice.text() == "已登记王秀英——注意：王秀英目前为“暂停”。"
    assert page.listed(cols.COL_ACT_COUNT) == ["2"]
    assert page.attendees_model.names() == ["王秀英", "张桂兰"]
    assert page.attendees_title.text() == "参加者（2 人）"
    assert page.totals.text() == "2026年11月：1 场活动 · 2 人次"

    type_into(page.finder.box, "zgl")  # twice: refused, said in red, nothing changes
    qtbot.keyClick(page.finder.box, Qt.Key.Key_Return)
    assert page.detail_notice.text() == "张桂兰已在名单上"
    assert page.listed(cols.COL_ACT_COUNT) == ["2"]

    page.attendee_table.setFocus()
    page.attendee_table.selectRow(page.attendees_model.names().index("张桂兰"))
    qtbot.keyClick(page.attendee_table, Qt.Key.Key_Delete)
    assert page.attendees_model.names() == ["王秀英"]
    assert page.listed(cols.COL_ACT_COUNT) == ["1"]


def test_the_months_birthday_party_is_listed_with_the_guests_who_came(
    qtbot: QtBot,
    center: CareCenter,
    admin: Actor,
    front_desk: Actor,
    center_id: int,
    seniors: dict[str, int],
) -> None:
    party = center.birthdays.create(center_id, NOVEMBER, PartyInput(dt.date(2026, 11, 20), "二楼活动室"), front_desk)
    came = next(g for g in party.guests if g.name == "张桂兰")
    center.birthdays.set_attendance(came.id, True, "蛋糕", front_desk)
    talk = ActivityInput(center_id, "合唱排练", ActivityKind.RECREATION, dt.date(2026, 11, 21))
    center.activities.create(talk, front_desk)
    window = MainWindow(center, admin, center.clock)
    qtbot.addWidget(window)
    window.show()
    assert window.area_titles()[4:6] == ["呼叫助急", "活动"]
    window.show_area("活动")
    page = window.activities_page
    assert page.listed(cols.COL_ACT_TITLE) == ["11月集体生日会", "合唱排练"]
    assert page.listed(cols.COL_ACT_KIND) == ["生日会", "文娱"]
    assert page.listed(cols.COL_ACT_COUNT) == ["1", "0"]
    assert page.model.index(0, cols.COL_ACT_TITLE).data(Qt.ItemDataRole.BackgroundRole).name() == MILESTONE_BACKGROUND
    page.table.selectRow(0)
    assert page.attendees_model.names() == ["张桂兰"]
    assert page.finder.isHidden() and not page.remove_button.isVisible()
    assert page.party_note.isVisible() and page.party_button.isVisible()
    assert not page.void_button.isEnabled()
    assert not page.add_attendee(center.desk.card(seniors["王秀英"], front_desk))  # read-only here
    page.party_button.click()
    assert window.pages.currentWidget() is window.birthdays_page
    assert window.birthdays_page.month() == NOVEMBER

    window.show_area("活动")
    page.table.selectRow(0)

    def leave(dialog: QWidget) -> None:
        assert isinstance(dialog, ActivityDialog)
        assert not dialog.day_edit.isEnabled() and not dialog.place_edit.isEnabled()
        dialog.party_button.click()

    on_modal(leave)
    page.edit_activity()
    assert window.pages.currentWidget() is window.birthdays_page
    window.close()
