# mypy: disable-error-code="no-untyped-call"
"""The 日间照料 page as the desk uses it: type initials + Enter to check in, a refused second check-in,
Ctrl+Shift+O to check out with who picked the senior up, corrections and voiding, past days, the month.

The clock stands at Sunday 22 November 2026, 09:00.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.clock import CENTER_TZ, FixedClock
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from carecenter.i18n import _
from tests.conftest import TODAY
from tests.core.test_attendance import at, day_care_plan
from tests.core.test_due import senior
from tests.ui.conftest import on_modal
from ui.dialogs.attendance_dialogs import (
    CheckOutDialog,
    CorrectTimesDialog,
    VoidAttendanceDialog,
    parse_clock,
)
from ui.main_window import MainWindow
from ui.pages.daycare_month import DaycareMonthPanel
from ui.pages.daycare_page import DaycarePage

TypeInto = Callable[[QWidget, str], None]
NAME, MEMBER_NO, STATE, IN, OUT, PICKED_UP, NOTE = range(7)


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> dict[str, int]:
    """张桂兰 and 李建国 come on Sundays by their plans; 王秀英 has no plan; 赵淑珍 is in hospital; 陈玉兰 moved away."""
    ids = {
        name: senior(center, admin, name, n).id
        for n, name in enumerate(["张桂兰", "李建国", "王秀英", "赵淑珍", "陈玉兰"], 41)
    }
    for name in ("张桂兰", "李建国"):
        day_care_plan(center, admin, ids[name], "67")
    center.seniors.change_status(ids["赵淑珍"], Status.PAUSED, dt.date(2026, 11, 10), "住院", admin)
    center.seniors.change_status(ids["陈玉兰"], Status.WITHDRAWN, dt.date(2026, 11, 15), "搬去外地", admin)
    return ids


@pytest.fixture
def page(
    qtbot: QtBot, center: CareCenter, front_desk: Actor, seniors: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> Iterator[DaycarePage]:
    monkeypatch.setattr(DaycareMonthPanel, "synchronous", True)
    shown = DaycarePage(center, front_desk, center_id=center.centers.by_code("C001").id)
    qtbot.addWidget(shown)
    shown.resize(1060, 760)
    with qtbot.waitActive(shown):  # Ctrl+Shift+O is a shortcut: it needs an active window
        shown.show()
        shown.activateWindow()
    yield shown
    shown.wait()


def check_in_by_typing(qtbot: QtBot, page: DaycarePage, text: str) -> None:
    """Type into the search line as the desk does, then Enter."""
    page.finder.box.setFocus()
    qtbot.keyClicks(page.finder.box, text)
    qtbot.keyClick(page.finder.box, Qt.Key.Key_Return)


def row_of(page: DaycarePage, name: str) -> list[str]:
    return next(r for r in page.rows_shown() if r[NAME] == name)


def test_initials_and_enter_check_in(qtbot: QtBot, page: DaycarePage, center: CareCenter) -> None:
    assert page.finder.box.placeholderText() == "签到：输入拼音首字母、身份证后4位或会员号，回车"
    assert page.counts_label.text() == "应到 2 · 在中心 0 · 已离开 0 · 未到 2 · 计划外 0"
    check_in_by_typing(qtbot, page, "zgl")
    assert page.status_text() == "✔ 张桂兰 09:00 签到"
    assert row_of(page, "张桂兰")[STATE:OUT] == ["在中心", "09:00"]
    assert page.selected() is not None and page.selected().name == "张桂兰"  # type: ignore[union-attr]
    assert page.finder.box.text() == "" and page.finder.box.hasFocus()
    assert page.counts_label.text() == "应到 2 · 在中心 1 · 已离开 0 · 未到 1 · 计划外 0"


def test_a_scanned_member_number_checks_in_a_walk_in(
    qtbot: QtBot, page: DaycarePage, center: CareCenter, front_desk: Actor, seniors: dict[str, int]
) -> None:
    member_no = center.desk.card(seniors["王秀英"], front_desk).member_no
    qtbot.keyClicks(page.finder.box, member_no)  # the scanner types the number; no Enter needed
    assert page.status_text() == "✔ 王秀英 09:00 签到"
    assert row_of(page, "王秀英")[STATE] == "在中心"
    assert row_of(page, "王秀英")[NOTE] == "计划外（今日无照护计划）"
    assert page.counts_label.text() == "应到 2 · 在中心 1 · 已离开 0 · 未到 2 · 计划外 1"


def test_a_second_check_in_is_refused_and_the_row_selected(qtbot: QtBot, page: DaycarePage) -> None:
    check_in_by_typing(qtbot, page, "zgl")
    page.table.clearSelection()
    page.table.setCurrentIndex(page.model.index(-1, -1))
    check_in_by_typing(qtbot, page, "zgl")
    assert page.status_text() == "✖ 张桂兰 已于 09:00 签到 —— 已在下方选中，按 Ctrl+Shift+O 签退"
    assert [r[NAME] for r in page.rows_shown()].count("张桂兰") == 1
    selected = page.selected()
    assert selected is not None and selected.name == "张桂兰"
    assert page.check_out_button.isEnabled()


def test_paused_is_checked_in_with_a_warning_withdrawn_refused(qtbot: QtBot, page: DaycarePage) -> None:
    check_in_by_typing(qtbot, page, "zsz")
    assert page.status_text() == "⚠ 赵淑珍 09:00 签到 —— 该老人处于“暂停”状态，请告知社工"
    assert "#a35200" in page.status_line.styleSheet()
    assert row_of(page, "赵淑珍")[NOTE] == "计划外（今日无照护计划）；暂停"
    check_in_by_typing(qtbot, page, "cyl")
    assert page.status_text() == "✖ 陈玉兰在2026-11-22为“退出”状态，不能记录服务"
    assert "#b71c1c" in page.status_line.styleSheet()
    assert "陈玉兰" not in [r[NAME] for r in page.rows_shown()]


def test_check_out_with_who_picked_up(qtbot: QtBot, page: DaycarePage, clock: FixedClock, type_into: TypeInto) -> None:
    check_in_by_typing(qtbot, page, "zgl")
    page.select_senior(next(r.senior_id for r in page.model.records() if r.name == "李建国"))
    assert not page.check_out_button.isEnabled() and not page.void_button.isEnabled()  # 未到: nothing to act on
    clock.current = dt.datetime(2026, 11, 22, 16, 30, tzinfo=CENTER_TZ)
    page.select_senior(next(r.senior_id for r in page.model.records() if r.name == "张桂兰"))
    assert page.check_out_button.isEnabled() and page.correct_button.isEnabled()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, CheckOutDialog)
        assert dialog.time_edit.text() == "16:30"
        type_into(dialog.picked_edit, "女儿 李红")
        qtbot.keyClick(dialog.picked_edit, Qt.Key.Key_Return)  # Enter saves

    seen = on_modal(fill)
    qtbot.keyClick(page.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seen and isinstance(seen[0], CheckOutDialog)
    assert row_of(page, "张桂兰")[STATE:NOTE] == ["已离开", "09:00", "16:30", "女儿 李红"]
    assert page.status_text() == "✔ 张桂兰 16:30 签退，女儿 李红 接走"
    assert not page.check_out_button.isEnabled() and page.correct_button.isEnabled()
    assert page.counts_label.text() == "应到 2 · 在中心 0 · 已离开 1 · 未到 1 · 计划外 0"


def test_check_out_before_check_in_is_refused_in_the_form(
    qtbot: QtBot, page: DaycarePage, center: CareCenter, front_desk: Actor
) -> None:
    check_in_by_typing(qtbot, page, "zgl")
    record = page.selected().attendance  # type: ignore[union-attr]
    assert record is not None
    dialog = CheckOutDialog(center, front_desk, record)
    qtbot.addWidget(dialog)
    dialog.time_edit.setText("8:59")
    dialog.save()
    assert dialog.rows.error_for("checked_out_at") == "不能早于签到时间 09:00"
    dialog.time_edit.setText("九点")
    dialog.save()
    assert dialog.rows.error_for("checked_out_at") == "“九点”不是时间，请按 08:30 的格式输入"
    assert dialog.saved is None
    assert center.attendance.get(record.id, front_desk).checked_out_at is None


def test_correct_times_needs_a_reason_then_void_hides_the_row(
    qtbot: QtBot, page: DaycarePage, type_into: TypeInto
) -> None:
    check_in_by_typing(qtbot, page, "zgl")

    def correct(dialog: QWidget) -> None:
        assert isinstance(dialog, CorrectTimesDialog)
        dialog.in_edit.setText("8:05")
        dialog.save()
        assert dialog.rows.error_for("correction_reason") == "必须填写"
        type_into(dialog.reason_edit, "到达时忘记签到")
        dialog.save()

    on_modal(correct)
    assert page.correct_times() is not None
    assert row_of(page, "张桂兰")[IN] == "08:05"
    assert row_of(page, "张桂兰")[NOTE] == "时间已更正：到达时忘记签到"
    assert page.status_text() == "✔ 已更正 张桂兰 的时间"

    def void(dialog: QWidget) -> None:
        assert isinstance(dialog, VoidAttendanceDialog)
        dialog.save()
        assert dialog.rows.error_for("void_reason") == "必须填写"
        dialog.reason_combo.setCurrentIndex(0)  # 选错了人
        dialog.save()

    on_modal(void)
    assert page.void() is not None
    assert row_of(page, "张桂兰")[STATE] == "未到"  # still expected today
    assert page.counts_label.text() == "应到 2 · 在中心 0 · 已离开 0 · 未到 2 · 计划外 0"
    page.voided_check.setChecked(True)
    voided = page.rows_shown()[-1]
    assert (voided[NAME], voided[STATE], voided[NOTE]) == ("张桂兰", "作废", "已作废：选错了人")
    # The day is free again.
    check_in_by_typing(qtbot, page, "zgl")
    assert page.status_text() == "✔ 张桂兰 09:00 签到"


def test_a_past_day_shows_who_was_absent(
    qtbot: QtBot, page: DaycarePage, center: CareCenter, front_desk: Actor, seniors: dict[str, int]
) -> None:
    came = center.attendance.check_in(seniors["李建国"], front_desk, at=at(dt.date(2026, 11, 21), 8, 20))
    center.attendance.check_out(came.id, front_desk, "儿子", at=at(dt.date(2026, 11, 21), 15, 45))
    qtbot.mouseClick(page.prev_day, Qt.MouseButton.LeftButton)
    assert page.day() == dt.date(2026, 11, 21)
    assert page.day_edit.text() == "2026-11-21"
    assert page.counts_label.text() == "应到 2 · 在中心 0 · 已离开 1 · 缺勤 1 · 计划外 0"
    assert row_of(page, "张桂兰")[STATE] == "缺勤"
    assert row_of(page, "李建国")[STATE:NOTE] == ["已离开", "08:20", "15:45", "儿子"]
    assert page.today_button.isEnabled() and page.next_day.isEnabled()
    # Checking someone in brings the board back to today.
    check_in_by_typing(qtbot, page, "zgl")
    assert page.day() == TODAY and not page.next_day.isEnabled()


def test_a_day_typed_into_the_day_box(qtbot: QtBot, page: DaycarePage) -> None:
    page.day_edit.line.clear()
    qtbot.keyClicks(page.day_edit.line, "2026-11-21")
    assert page.day_edit.text() == "2026-11-21" and page.day() == dt.date(2026, 11, 21)
    assert page.counts_label.text() == "应到 2 · 在中心 0 · 已离开 0 · 缺勤 2 · 计划外 0"
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.day() == TODAY and page.day_edit.text() == "2026-11-22"


def test_the_month_shows_days_and_hours(
    qtbot: QtBot, page: DaycarePage, center: CareCenter, front_desk: Actor, seniors: dict[str, int]
) -> None:
    for day, start, end in ((1, (8, 0), (16, 0)), (31, (9, 0), (12, 50)), (15, (8, 30), None)):
        came = center.attendance.check_in(seniors["张桂兰"], front_desk, at=at(dt.date(2026, 10, day), *start))
        if end is not None:
            center.attendance.check_out(came.id, front_desk, at=at(dt.date(2026, 10, day), *end))
    center.attendance.check_in(seniors["李建国"], front_desk, at=at(dt.date(2026, 11, 1), 9))  # next month
    page.tabs.setCurrentIndex(1)  # November: 李建国 on the 1st, never checked out
    li, zhang = (center.desk.card(seniors[n], front_desk).member_no for n in ("李建国", "张桂兰"))
    assert page.month_panel.shown() == [["李建国", li, "1", "0.0", "1"]]
    qtbot.mouseClick(page.month_panel.chooser.prev_button, Qt.MouseButton.LeftButton)
    assert page.month_panel.shown() == [["张桂兰", zhang, "3", "11.8", "1"]]
    assert page.month_panel.total_label.text().endswith("人次 3 · 人数 1 · 时长 11.8 小时 · 未签退 1 天")


def test_day_care_comes_first_after_today(qtbot: QtBot, center: CareCenter, front_desk: Actor, seniors: object) -> None:
    window = MainWindow(center, front_desk)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    titles = window.area_titles()
    assert titles.index("日间照料") == (1 if titles[0] == "今天" else 0)
    window.show_area(_("Day care"))
    assert window.pages.currentWidget() is window.daycare_page
    assert window.daycare_page.minimumSizeHint().width() + window.nav.width() + 40 <= 1280  # never widens it
    assert window.daycare_page.counts_label.text() == "应到 2 · 在中心 0 · 已离开 0 · 未到 2 · 计划外 0"
    window.close()


def test_times_are_read_as_staff_type_them() -> None:
    assert [parse_clock(t) for t in ("8:30", "08:30", "0830", "830", "8.30", "８：３０", " ")] == [
        dt.time(8, 30)
    ] * 6 + [None]
    for bad in ("24:00", "8:60", "八点半", "8"):
        with pytest.raises(ValueError):
            parse_clock(bad)
