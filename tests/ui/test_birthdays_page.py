# mypy: disable-error-code="no-untyped-call"
"""The 生日会 page as staff use it: read the month's list, create the party, tick who came, type gifts,
remove and add guests, export the list; the 虚岁 setting; the all-centers view; the sidebar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import PartyInfo, PartyInput
from carecenter.domain.lunar import LunarBirth
from carecenter.facade import CareCenter
from tests.core.test_birthday_list import NOVEMBER, senior
from tests.ui.conftest import on_modal
from ui.dialogs.guest_dialogs import AddGuestDialog, RemoveGuestDialog
from ui.dialogs.party_dialog import PartyDialog, default_party_day
from ui.main_window import MainWindow
from ui.pages import birthday_models as cols
from ui.pages.birthdays_page import BirthdaysPage

TypeInto = Callable[[QWidget, str], None]
MILESTONE_BACKGROUND = cols.MILESTONE_BACKGROUND


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> dict[str, int]:
    """Five November birthdays (何淑英 keeps the lunar 十月初一 = 9 November) and 刘建国, born in May."""
    born = {
        "陈玉兰": (dt.date(1947, 11, 3), 1, None),  # 79: a round birthday only by 虚岁
        "何淑英": (dt.date(1946, 10, 1), 3, LunarBirth(10, 1)),  # lunar 2026 − 1946 = 80
        "王秀英": (dt.date(1950, 11, 15), 5, None),
        "李秀英": (dt.date(1950, 11, 15), 7, None),
        "张桂兰": (dt.date(1946, 11, 30), 9, None),
        "刘建国": (dt.date(1950, 5, 1), 11, None),
    }
    return {
        name: senior(center, admin, name, day, seq, lunar=lunar, community="文化路社区").id
        for name, (day, seq, lunar) in born.items()
    }


@pytest.fixture
def center_id(center: CareCenter) -> int:
    return center.centers.by_code("C001").id


@pytest.fixture
def open_page(qtbot: QtBot, center: CareCenter, clock: object) -> Iterator[Callable[..., BirthdaysPage]]:
    def _open(actor: Actor, center_id: int | None) -> BirthdaysPage:
        page = BirthdaysPage(center, actor, center_id=center_id)
        qtbot.addWidget(page)
        page.resize(1200, 760)
        with qtbot.waitActive(page):  # PgUp/PgDn are shortcuts: they need an active window
            page.show()  # showing the page reads the month
            page.activateWindow()
        return page

    yield _open


@pytest.fixture
def desk_page(
    open_page: Callable[..., BirthdaysPage], front_desk: Actor, center_id: int, seniors: dict[str, int]
) -> BirthdaysPage:
    """The page at the front desk on center C001's November, with the six seniors registered and no party yet."""
    return open_page(front_desk, center_id)


@pytest.fixture
def party_page(
    open_page: Callable[..., BirthdaysPage],
    center: CareCenter,
    front_desk: Actor,
    center_id: int,
    seniors: dict[str, int],
) -> BirthdaysPage:
    """The page at the front desk on November, whose party exists: 二楼活动室, the five November birthdays invited."""
    create_in_core(center, front_desk, center_id)
    return open_page(front_desk, center_id)


def listed(page: BirthdaysPage) -> list[tuple[str, ...]]:
    """The birthday list as the user reads it: day, name, age, 农历/公历, 整寿, community."""
    model = page.list_model
    columns = (cols.COL_DAY, cols.COL_NAME, cols.COL_AGE, cols.COL_CALENDAR, cols.COL_MILESTONE, cols.COL_COMMUNITY)
    return [tuple(model.display_text(row, c) for c in columns) for row in range(model.rowCount())]


def guests(page: BirthdaysPage) -> list[tuple[str, ...]]:
    """The guest table as the user reads it: name, age, 整寿, 到场 ticked, gift, 备注."""
    model = page.party_panel.model
    out = []
    for row in range(model.rowCount()):
        ticked = model.index(row, cols.COL_ATTENDED).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        texts = (model.display_text(row, c) for c in (cols.COL_NAME, cols.COL_AGE, cols.COL_MILESTONE))
        out.append(
            (*texts, "✔" if ticked else "", *(model.display_text(row, c) for c in (cols.COL_GIFT, cols.COL_NOTE)))
        )
    return out


def create_in_core(cc: CareCenter, actor: Actor, center_id: int) -> PartyInfo:
    return cc.birthdays.create(center_id, NOVEMBER, PartyInput(dt.date(2026, 11, 27), "二楼活动室"), actor)


def choose_guest(page: BirthdaysPage, name: str) -> None:
    panel = page.party_panel
    row = panel.guest_row(name)
    assert row >= 0, name
    panel.table.setCurrentIndex(panel.model.index(row, cols.COL_NAME))


def test_the_month_list_shows_who_celebrates_with_round_birthdays_marked(desk_page: BirthdaysPage) -> None:
    page = desk_page
    assert page.title.text() == "生日会"
    assert page.chooser.label.text() == "2026年11月"  # the clock's month
    assert listed(page) == [
        ("11月3日", "陈玉兰", "79", "公历", "", "文化路社区"),
        ("11月9日", "何淑英", "80", "农历", "80岁整寿", "文化路社区"),
        ("11月15日", "李秀英", "76", "公历", "", "文化路社区"),  # same day: 李 (li) before 王 (wang)
        ("11月15日", "王秀英", "76", "公历", "", "文化路社区"),
        ("11月30日", "张桂兰", "80", "公历", "80岁整寿", "文化路社区"),
    ]
    headers = [page.list_model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["生日", "姓名", "会员号", "年龄", "农历/公历", "整寿", "所属社区"]
    assert page.list_model.display_text(4, cols.COL_MEMBER_NO) == "M000005"
    round_row = page.list_model.index(4, cols.COL_NAME)
    assert round_row.data(Qt.ItemDataRole.BackgroundRole).name() == MILESTONE_BACKGROUND
    assert page.list_model.index(3, cols.COL_NAME).data(Qt.ItemDataRole.BackgroundRole) is None
    assert page.list_table.isColumnHidden(cols.COL_CENTER)  # one center: no 站点 column
    assert page.list_status.text() == "2026年11月还没有生日会。本月有 5 位老人过生日，其中整寿 2 位。"
    assert page.create_button.text() == "创建本月生日会" and page.create_button.isVisible()
    assert page.xusui_label.text() == "本站点按周岁计整寿。" and not page.xusui_check.isVisible()
    assert page.center_notice.isHidden()

    page.chooser.next_button.click()
    assert page.chooser.label.text() == "2026年12月"
    assert listed(page) == []
    assert page.list_status.text() == "2026年12月还没有生日会，本月也没有老人过生日。"
    assert page.create_button.text() == "创建2026年12月生日会"
    page.chooser.this_month_button.click()
    assert page.month() == NOVEMBER


def test_pgup_and_pgdn_change_the_month(desk_page: BirthdaysPage, qtbot: QtBot) -> None:
    page = desk_page
    page.list_table.setFocus()
    qtbot.keyClick(page.list_table, Qt.Key.Key_PageDown)
    assert page.chooser.label.text() == "2026年12月"
    qtbot.keyClick(page.list_table, Qt.Key.Key_PageUp)
    qtbot.keyClick(page.list_table, Qt.Key.Key_PageUp)
    assert page.chooser.label.text() == "2026年10月"
    qtbot.mouseClick(page.chooser.next_button, Qt.MouseButton.LeftButton)
    assert page.month() == NOVEMBER and len(listed(page)) == 5


def test_the_front_desk_creates_the_party_and_sees_the_guests(
    desk_page: BirthdaysPage, qtbot: QtBot, type_into: TypeInto, center: CareCenter, front_desk: Actor, center_id: int
) -> None:
    page = desk_page
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, PartyDialog)
        seen.append(dialog.windowTitle())
        assert dialog.date_edit.text() == "2026-11-27"  # the month's last Friday
        assert dialog.rows["held_on"].info_text() == "2026-11-27 是星期五"
        type_into(dialog.place_edit, "二楼活动室")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    on_modal(fill)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert seen == ["创建本月生日会"]
    assert page.stack.currentWidget() is page.party_panel
    panel = page.party_panel
    assert page.hint.text() == "空格键：登记到场 · 回车或双击：填写礼品 · Delete：移除来宾 · PgUp/PgDn：切换月份"
    assert panel.details.text() == "日期：2026-11-27（星期五）　地点：二楼活动室"
    assert (panel.invited_label.text(), panel.attended_label.text()) == ("邀请 5 人", "到场 0 人")
    assert panel.notice.text() == "生日会已创建，已邀请 5 位老人。"
    assert guests(page) == [
        ("陈玉兰", "79", "", "", "", ""),
        ("何淑英", "80", "80岁整寿", "", "", ""),
        ("李秀英", "76", "", "", "", ""),
        ("王秀英", "76", "", "", "", ""),
        ("张桂兰", "80", "80岁整寿", "", "", ""),
    ]
    assert page.parties_title.text() == "往期生日会（1）"
    assert page.parties_model.display_text(0, cols.COL_PARTY_DAY) == "2026-11-27"
    stored = center.birthdays.for_month(center_id, NOVEMBER, front_desk)
    assert stored is not None and (stored.place, stored.created_by) == ("二楼活动室", "test-desk")


def test_the_party_form_refuses_a_date_outside_the_month(
    desk_page: BirthdaysPage, qtbot: QtBot, center: CareCenter, front_desk: Actor, center_id: int
) -> None:
    page = desk_page
    errors: list[str] = []

    def refuse(dialog: QWidget) -> None:
        assert isinstance(dialog, PartyDialog)
        dialog.date_edit.line.setText("2026-12-05")
        qtbot.keyClick(dialog.date_edit.line, Qt.Key.Key_Return)  # Enter presses 创建生日会
        errors.append(dialog.error_for("held_on"))
        assert dialog.isVisible()

    on_modal(refuse)
    page.create_button.click()
    assert errors == ["须在生日会所在的2026年11月内"]
    assert center.birthdays.for_month(center_id, NOVEMBER, front_desk) is None
    assert page.stack.currentIndex() == 0


def test_ticking_attendance_and_typing_gifts_in_place(
    party_page: BirthdaysPage, qtbot: QtBot, type_into: TypeInto, center: CareCenter, front_desk: Actor, center_id: int
) -> None:
    page = party_page
    panel = page.party_panel
    table = panel.table

    choose_guest(page, "何淑英")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Space)  # Space ticks 到场
    assert panel.attended_label.text() == "到场 1 人"
    assert panel.notice.text() == "已登记：何淑英到场。"
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter types the gift
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    type_into(editor, "蛋糕")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the editor commits a moment later (queued by Qt)
    qtbot.waitUntil(lambda: panel.notice.text() == "已保存何淑英的礼品。")

    # A click on the tick box of 张桂兰's row.
    row = panel.guest_row("张桂兰")
    rect = table.visualRect(panel.model.index(row, cols.COL_ATTENDED))
    box = max(20, table.fontMetrics().height() - 4)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 4 + box // 2, rect.center().y())
    )
    assert panel.attended_label.text() == "到场 2 人"
    assert guests(page)[1] == ("何淑英", "80", "80岁整寿", "✔", "蛋糕", "")
    assert guests(page)[4] == ("张桂兰", "80", "80岁整寿", "✔", "", "")
    stored = center.birthdays.for_month(center_id, NOVEMBER, front_desk)
    assert stored is not None and stored.attended == 2
    assert page.parties_model.display_text(0, cols.COL_PARTY_ATTENDED) == "2"

    choose_guest(page, "何淑英")
    qtbot.keyClick(table, Qt.Key.Key_Space)  # ticked by mistake: Space again clears it, the gift stays
    assert panel.attended_label.text() == "到场 1 人"
    assert panel.notice.text() == "已取消何淑英的到场登记。"
    assert guests(page)[1] == ("何淑英", "80", "80岁整寿", "", "蛋糕", "")


def test_editing_the_party_keeps_the_date_in_its_month(
    party_page: BirthdaysPage, qtbot: QtBot, type_into: TypeInto
) -> None:
    page = party_page
    panel = page.party_panel
    seen: list[tuple[str, str]] = []

    def change(dialog: QWidget) -> None:
        assert isinstance(dialog, PartyDialog)
        assert (dialog.date_edit.text(), dialog.place_edit.text()) == ("2026-11-27", "二楼活动室")
        dialog.date_edit.line.setText("2026-11-28")
        dialog.place_edit.clear()
        type_into(dialog.place_edit, "一楼大厅")
        type_into(dialog.notes_edit, "请家属陪同")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen.append((dialog.windowTitle(), dialog.rows["held_on"].info_text()))

    on_modal(change)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert seen == [("编辑生日会", "2026-11-28 是星期六")]
    assert panel.details.text() == "日期：2026-11-28（星期六）　地点：一楼大厅"
    assert panel.notes.text() == "备注：请家属陪同"
    assert panel.notice.text() == "已保存。"
    assert page.parties_model.display_text(0, cols.COL_PARTY_PLACE) == "一楼大厅"


def test_removing_asks_for_a_reason_and_restoring_brings_the_guest_back(
    party_page: BirthdaysPage, qtbot: QtBot, type_into: TypeInto
) -> None:
    page = party_page
    panel = page.party_panel
    choose_guest(page, "王秀英")
    said: list[tuple[str, str]] = []

    def remove(dialog: QWidget) -> None:
        assert isinstance(dialog, RemoveGuestDialog)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)  # no reason: refused
        said.append((dialog.windowTitle(), dialog.error_for("reason")))
        assert dialog.isVisible()
        type_into(dialog.reason_edit, "住院")
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)

    on_modal(remove)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert said == [("移除来宾", "必须填写")]
    assert panel.notice.text() == "已移除王秀英（住院）。"
    assert (panel.invited_label.text(), panel.attended_label.text()) == ("邀请 4 人", "到场 0 人")
    assert guests(page)[-1] == ("王秀英", "76", "", "", "", "已移除：住院")  # last, greyed
    grey = panel.model.index(4, cols.COL_NAME).data(Qt.ItemDataRole.ForegroundRole)
    assert grey.name() == "#555555"
    assert not panel.model.flags(panel.model.index(4, cols.COL_ATTENDED)) & Qt.ItemFlag.ItemIsUserCheckable
    assert panel.current_guest() is not None and panel.current_guest().name == "王秀英"  # type: ignore[union-attr]
    assert panel.restore_button.isEnabled() and not panel.remove_button.isEnabled()

    qtbot.keyClick(panel.table, Qt.Key.Key_Space)  # a removed guest cannot be ticked
    assert panel.notice.text() == "王秀英已从本次生日会移除，请先恢复邀请"

    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert panel.notice.text() == "已恢复邀请王秀英。"
    assert panel.invited_label.text() == "邀请 5 人"
    assert [g[0] for g in guests(page)] == ["陈玉兰", "何淑英", "李秀英", "王秀英", "张桂兰"]


def test_adding_a_guest_by_search(party_page: BirthdaysPage, qtbot: QtBot, type_into: TypeInto) -> None:
    page = party_page
    panel = page.party_panel
    notes: list[str] = []

    def add(dialog: QWidget) -> None:
        assert isinstance(dialog, AddGuestDialog)
        type_into(dialog.search_box, "王秀英")  # already invited: said before the core refuses
        notes.append(dialog.search_row.info_text())
        dialog.search_box.clear()
        type_into(dialog.search_box, "刘建国")
        qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)  # one match: Enter invites

    on_modal(add)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert notes == ["王秀英已在邀请名单中"]
    assert panel.notice.text() == "已邀请刘建国。"
    assert guests(page)[-1] == ("刘建国", "", "", "", "", "补充邀请")  # no birthday in November
    assert panel.current_guest() is not None and panel.current_guest().name == "刘建国"  # type: ignore[union-attr]
    assert panel.invited_label.text() == "邀请 6 人"

    refused: list[str] = []

    def again(dialog: QWidget) -> None:
        assert isinstance(dialog, AddGuestDialog)
        type_into(dialog.search_box, "M000006")  # 刘建国's member number, scanned
        qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)
        refused.append(dialog.search_row.error_text())

    on_modal(again)
    panel.add_button.click()
    assert refused == ["刘建国已在邀请名单中"]


def test_refresh_invitations_says_who_was_added(
    party_page: BirthdaysPage, qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    page = party_page
    panel = page.party_panel
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    assert panel.notice.text() == "没有需要补充的老人：本月生日名单上的老人都已邀请。"
    senior(center, admin, "赵淑珍", dt.date(1956, 11, 20), 13)  # registered since
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    assert panel.notice.text() == "已补充邀请 1 位：赵淑珍。"
    assert "赵淑珍" in [g[0] for g in guests(page)]


def test_export_writes_the_guest_list(
    open_page: Callable[..., BirthdaysPage],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    center: CareCenter,
    front_desk: Actor,
    center_id: int,
    seniors: dict[str, int],
) -> None:
    party = create_in_core(center, front_desk, center_id)
    center.birthdays.set_attendance(party.guest(seniors["张桂兰"]).id, True, "蛋糕", front_desk)  # type: ignore[union-attr]
    page = open_page(front_desk, center_id)
    panel = page.party_panel
    assert panel.default_export_path().name == "生日会_2026-11.xlsx"
    target = tmp_path / "生日会_2026-11.xlsx"
    asked: list[Path] = []
    monkeypatch.setattr(panel, "ask_target", lambda suggested: asked.append(suggested) or target)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].name == "生日会_2026-11.xlsx"
    assert panel.notice.text() == f"已导出 5 位来宾：{target}"
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    assert sheet["A1"].value == "文化路日间照料中心 2026年11月集体生日会"
    names = [row[2] for row in sheet.iter_rows(min_row=4, values_only=True) if row and row[2]]
    assert names == ["陈玉兰", "何淑英", "李秀英", "王秀英", "张桂兰"]
    last = next(row for row in sheet.iter_rows(min_row=4, values_only=True) if row[2] == "张桂兰")
    assert (last[8], last[9]) == ("是", "蛋糕")


def test_choosing_a_past_party_goes_to_its_month(
    open_page: Callable[..., BirthdaysPage],
    center: CareCenter,
    front_desk: Actor,
    center_id: int,
    seniors: dict[str, int],
) -> None:
    center.birthdays.create(center_id, dt.date(2026, 10, 1), PartyInput(dt.date(2026, 10, 30), "一楼大厅"), front_desk)
    create_in_core(center, front_desk, center_id)
    page = open_page(front_desk, center_id)
    model = page.parties_model
    rows = [[model.display_text(r, c) for c in range(6)] for r in range(model.rowCount())]
    assert rows == [
        ["2026年11月", "C001", "2026-11-27", "二楼活动室", "5", "0"],
        ["2026年10月", "C001", "2026-10-30", "一楼大厅", "0", "0"],
    ]
    assert page.parties_table.isColumnHidden(cols.COL_PARTY_CENTER)
    assert page.parties_table.currentIndex().row() == 0  # the month shown
    page.parties_table.selectRow(1)
    assert page.chooser.label.text() == "2026年10月"
    assert page.party_panel.details.text() == "日期：2026-10-30（星期五）　地点：一楼大厅"
    assert page.places() == ["二楼活动室", "一楼大厅"]  # the form suggests them, the latest first


def test_an_administrator_counts_round_birthdays_by_xusui(
    open_page: Callable[..., BirthdaysPage], center: CareCenter, admin: Actor, center_id: int, seniors: dict[str, int]
) -> None:
    page = open_page(admin, center_id)
    assert page.xusui_check.isVisible() and page.xusui_check.text() == "按虚岁计整寿"
    assert not page.xusui_check.isChecked() and page.xusui_label.isHidden()
    page.xusui_check.click()
    assert page.notice.text() == "已保存：本站点按虚岁计整寿。"
    assert center.centers.by_code("C001").count_xusui
    assert [(r[1], r[4]) for r in listed(page)] == [
        ("陈玉兰", "虚岁80整寿"),  # 79 by 周岁
        ("何淑英", ""),
        ("李秀英", ""),
        ("王秀英", ""),
        ("张桂兰", ""),
    ]
    assert page.list_model.index(0, cols.COL_NAME).data(Qt.ItemDataRole.BackgroundRole).name() == MILESTONE_BACKGROUND


def test_all_centers_lists_every_birthday_but_asks_to_choose_a_center(
    open_page: Callable[..., BirthdaysPage],
    center: CareCenter,
    admin: Actor,
    front_desk: Actor,
    seniors: dict[str, int],
) -> None:
    other = center.centers.create("北下街日间照料中心", admin, code="C002")
    senior(center, admin, "马秀兰", dt.date(1940, 11, 8), 15, center_id=other.id)
    page = open_page(front_desk, None)
    assert page.center_notice.isVisible()
    assert page.center_notice.text() == (
        "生日会属于一个站点：请先在右上角选择站点，再建立或管理生日会。下面列出的是所有站点本月过生日的老人。"
    )
    assert not page.create_button.isVisible()
    assert not page.list_table.isColumnHidden(cols.COL_CENTER)
    assert [(r[1], page.list_model.display_text(i, cols.COL_CENTER)) for i, r in enumerate(listed(page))][:3] == [
        ("陈玉兰", "C001"),
        ("马秀兰", "C002"),
        ("何淑英", "C001"),
    ]
    assert page.list_status.text() == "2026年11月有 6 位老人过生日，其中整寿 2 位。"
    assert not page.create_party()
    assert page.notice.text() == "请先选择站点：生日会属于一个站点。"

    page.set_center(other.id)  # the main window passes a chosen center on
    assert page.center_notice.isHidden() and page.create_button.isVisible()
    assert page.listed_names() == ["马秀兰"]


def test_the_main_window_lists_the_page_and_passes_the_center_on(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, seniors: dict[str, int]
) -> None:
    other = center.centers.create("北下街日间照料中心", admin, code="C002")
    window = MainWindow(center, front_desk)
    qtbot.addWidget(window)
    window.show()
    titles = window.area_titles()
    assert titles.index("生日会") == titles.index("老人档案") + 1  # the front desk has no 待办
    window.show_area("生日会")
    page = window.birthdays_page
    assert window.pages.currentWidget() is page
    window.select_center(other.id)
    assert page.center_id() == other.id and page.listed_names() == []
    window.select_center(None)
    assert page.center_id() is None and page.center_notice.isVisible()


def test_default_party_day_is_the_last_friday_or_today() -> None:
    assert default_party_day(NOVEMBER, dt.date(2026, 11, 22)) == dt.date(2026, 11, 27)
    assert default_party_day(NOVEMBER, dt.date(2026, 11, 28)) == dt.date(2026, 11, 28)  # the Friday has passed
    assert default_party_day(dt.date(2026, 12, 1), dt.date(2026, 11, 28)) == dt.date(2026, 12, 25)
