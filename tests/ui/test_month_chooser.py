# mypy: disable-error-code="no-untyped-call"
"""The month chooser of the 生日会 and 补贴发放 pages and the 补贴 tab: ◀ ▶ 本月, one signal per month, PgUp/PgDn."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from carecenter.clock import FixedClock
from ui.widgets.month_chooser import MonthChooser


@pytest.fixture
def chooser(qtbot: QtBot, clock: FixedClock) -> MonthChooser:
    widget = MonthChooser(clock.today)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def months_said(chooser: MonthChooser) -> list[dt.date]:
    """Every ``month_changed`` from now on, in order."""
    said: list[dt.date] = []
    chooser.month_changed.connect(said.append)
    return said


def test_it_starts_on_the_current_month_with_this_month_disabled(chooser: MonthChooser) -> None:
    assert chooser.label.text() == "2026年11月"
    assert chooser.month() == dt.date(2026, 11, 1)
    assert not chooser.this_month_button.isEnabled()
    buttons = (chooser.prev_button, chooser.next_button, chooser.this_month_button)
    assert [b.text() for b in buttons] == ["◀", "▶", "本月"]
    assert [b.toolTip() for b in buttons] == ["上个月", "下个月", "回到本月"]
    assert [b.accessibleName() for b in buttons] == ["上个月", "下个月", "回到本月"]


def test_clicks_move_a_month_and_this_month_comes_back(qtbot: QtBot, chooser: MonthChooser) -> None:
    said = months_said(chooser)
    qtbot.mouseClick(chooser.next_button, Qt.MouseButton.LeftButton)
    assert chooser.label.text() == "2026年12月" and chooser.this_month_button.isEnabled()
    qtbot.mouseClick(chooser.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(chooser.prev_button, Qt.MouseButton.LeftButton)
    assert chooser.label.text() == "2026年10月" and chooser.this_month_button.isEnabled()
    qtbot.mouseClick(chooser.this_month_button, Qt.MouseButton.LeftButton)
    assert chooser.label.text() == "2026年11月" and not chooser.this_month_button.isEnabled()
    assert said == [dt.date(2026, 12, 1), dt.date(2026, 11, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)]


def test_the_signal_fires_once_per_month_and_not_for_the_same_month(chooser: MonthChooser) -> None:
    said = months_said(chooser)
    chooser.set_month(dt.date(2026, 11, 30))  # another day of the month shown: nothing changes
    chooser.go_to_today()  # already there
    assert said == []
    chooser.set_month(dt.date(2027, 3, 17))
    chooser.set_month(dt.date(2027, 3, 2))
    assert said == [dt.date(2027, 3, 1)] and chooser.month() == dt.date(2027, 3, 1)


def test_step_crosses_year_ends(chooser: MonthChooser) -> None:
    said = months_said(chooser)
    chooser.step(1)
    chooser.step(1)
    assert chooser.label.text() == "2027年1月"
    chooser.step(-13)
    assert chooser.label.text() == "2025年12月"
    assert said == [dt.date(2026, 12, 1), dt.date(2027, 1, 1), dt.date(2025, 12, 1)]


def test_this_month_follows_the_clock(chooser: MonthChooser, clock: FixedClock) -> None:
    clock.current = dt.datetime(2026, 12, 1, 0, 5)  # the desk was left open over the month's end
    chooser.go_to_today()
    assert chooser.label.text() == "2026年12月" and not chooser.this_month_button.isEnabled()


def test_pgup_and_pgdn_anywhere_on_the_page(qtbot: QtBot, clock: FixedClock) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    chooser = MonthChooser(clock.today, page)
    field = QLineEdit(page)
    layout = QVBoxLayout(page)
    layout.addWidget(chooser)
    layout.addWidget(field)
    chooser.bind_page_keys(page)
    assert (chooser.prev_button.toolTip(), chooser.next_button.toolTip()) == ("上个月（PgUp）", "下个月（PgDn）")
    assert chooser.prev_button.accessibleName() == "上个月"
    with qtbot.waitActive(page):  # shortcuts need an active window
        page.show()
        page.activateWindow()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_PageUp)
    assert chooser.label.text() == "2026年10月"
    qtbot.keyClick(field, Qt.Key.Key_PageDown)
    qtbot.keyClick(field, Qt.Key.Key_PageDown)
    assert chooser.label.text() == "2026年12月"
