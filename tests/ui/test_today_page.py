"""今天 counts the day off the UI thread: a district's day takes tenths of a second to count."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.desk.today import TodaySummary
from carecenter.facade import CareCenter
from ui.pages.today_page import TodayPage


def test_the_day_is_counted_off_the_ui_thread_and_shown_when_in(
    qtbot: QtBot, center: CareCenter, front_desk: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted_on: list[threading.Thread] = []
    summary = center.today.summary

    def counting(actor: Actor, center_id: int | None = None) -> TodaySummary:
        counted_on.append(threading.current_thread())
        return summary(actor, center_id)

    monkeypatch.setattr(center.today, "summary", counting)
    page = TodayPage(center, front_desk)
    qtbot.addWidget(page)
    page.show()  # showing the page reads the day

    qtbot.waitUntil(lambda: page.summary is not None and not page.reader.is_reading())
    assert counted_on and counted_on[0] is not threading.main_thread()
    assert page.daycare_tile.value() == "0 / 0"
    assert page.title.text() == "今天 · 2026年11月22日 周日"


def test_a_center_chosen_while_the_day_is_counted_is_counted_next_and_the_older_count_never_shown(
    qtbot: QtBot, center: CareCenter, front_desk: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_center = center.centers.list()[0].id
    release = threading.Event()
    asked: list[int | None] = []
    answers: list[TodaySummary] = []
    summary = center.today.summary

    def counting(actor: Actor, center_id: int | None = None) -> TodaySummary:
        asked.append(center_id)
        if len(asked) == 1:
            release.wait(timeout=30)  # the first count is slow: a district's day
        answers.append(summary(actor, center_id))
        return answers[-1]

    monkeypatch.setattr(center.today, "summary", counting)
    page = TodayPage(center, front_desk)
    qtbot.addWidget(page)
    shown: list[object] = []
    page.reader.loaded.connect(shown.append)
    page.show()
    qtbot.waitUntil(lambda: asked == [None])

    page.set_center(first_center)
    page.set_center(first_center)  # asked twice while counting: counted once
    release.set()

    qtbot.waitUntil(lambda: page.summary is not None and not page.reader.is_reading())
    assert asked == [None, first_center]
    assert shown == [(first_center, answers[1])]
    assert page.summary is answers[1]
