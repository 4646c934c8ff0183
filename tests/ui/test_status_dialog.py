# mypy: disable-error-code="no-untyped-call"
"""The status dialog: 暂停 / 退出 / 去世 / 恢复在册 with a date, never a delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.domain import idnumber
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.dto import SeniorInput
from tests.ui.test_senior_dialog import answer_next_question, has_chinese
from ui.dialogs.status_dialog import StatusDialog


@pytest.fixture
def senior_id(center: CareCenter, admin: Actor) -> int:
    detail = center.seniors.create(
        SeniorInput(
            name="张桂兰",
            id_number=idnumber.make("410105", dt.date(1945, 3, 2), 42),
            registered_on=dt.date(2025, 3, 1),
        ),
        admin,
    )
    return detail.id


@pytest.fixture
def open_dialog(qtbot: QtBot, center: CareCenter, admin: Actor) -> Iterator[Callable[[int], StatusDialog]]:
    opened: list[StatusDialog] = []

    def _open(senior_id: int) -> StatusDialog:
        dialog = StatusDialog(center, admin, senior_id)
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield _open
    for dialog in opened:
        dialog.done(QDialog.DialogCode.Rejected)
        dialog.deleteLater()


def table_rows(dialog: StatusDialog) -> list[list[str]]:
    table = dialog.history_table
    rows = []
    for r in range(table.rowCount()):
        items = [table.item(r, c) for c in range(table.columnCount())]
        rows.append([item.text() if item is not None else "" for item in items])
    return rows


def test_shows_who_and_the_current_status(open_dialog: Callable[[int], StatusDialog], senior_id: int) -> None:
    dialog = open_dialog(senior_id)
    assert dialog.windowTitle() == "更改状态：张桂兰"
    assert dialog.name_label.text() == "张桂兰　M000001"
    assert dialog.current_label.text() == "当前状态：在册（自 2025-03-01 起）"
    assert table_rows(dialog) == [["2025-03-01", "在册", "登记入册", "test-admin"]]
    assert [b.text().split("　")[0] for b in dialog.status_buttons.values()] == ["暂停", "退出", "去世"]
    assert dialog.date_edit.text() == "2026-11-22"  # today, from the center's clock


def test_pause_with_a_date_and_reason(
    open_dialog: Callable[[int], StatusDialog],
    type_into: Callable[..., None],
    qtbot: QtBot,
    center: CareCenter,
    senior_id: int,
    admin: Actor,
) -> None:
    dialog = open_dialog(senior_id)
    dialog.status_buttons[Status.PAUSED].click()
    dialog.date_edit.line.clear()
    qtbot.keyClicks(dialog.date_edit.line, "2026.11.20")
    type_into(dialog.reason_edit, "住院")
    assert dialog.save_button is not None
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None and dialog.saved.status is Status.PAUSED
    stored = center.seniors.get(senior_id, admin)
    assert stored.status is Status.PAUSED and stored.status_since == dt.date(2026, 11, 20)
    assert stored.history[-1].reason == "住院"

    again = open_dialog(senior_id)  # the history now shows the pause, newest first
    assert table_rows(again)[0] == ["2026-11-20", "暂停", "住院", "test-admin"]
    assert again.current_label.text() == "当前状态：暂停（自 2026-11-20 起）"
    assert [b.text().split("　")[0] for b in again.status_buttons.values()] == ["恢复在册", "退出", "去世"]


def test_a_future_date_is_refused_next_to_the_date(
    open_dialog: Callable[[int], StatusDialog], qtbot: QtBot, center: CareCenter, senior_id: int, admin: Actor
) -> None:
    dialog = open_dialog(senior_id)
    dialog.status_buttons[Status.WITHDRAWN].click()
    dialog.date_edit.set_date(dt.date(2026, 11, 23))
    assert not dialog.save()
    assert dialog.isVisible()
    row = dialog.rows["effective_on"]
    assert row.error_label.isVisible()
    assert row.error_text() == _("cannot be in the future")
    assert has_chinese(row.error_text())
    assert center.seniors.get(senior_id, admin).status is Status.ACTIVE
    assert dialog.date_edit.text() == "2026-11-23"  # kept for correcting


def test_unreadable_date_and_missing_choice_are_explained(
    open_dialog: Callable[[int], StatusDialog], qtbot: QtBot, center: CareCenter, senior_id: int, admin: Actor
) -> None:
    dialog = open_dialog(senior_id)
    dialog.date_edit.line.clear()
    qtbot.keyClicks(dialog.date_edit.line, "11/20")
    assert not dialog.save()
    assert dialog.error_for("status") == "请选择新状态"
    assert dialog.error_for("effective_on") == "“11/20”不是日期，请按 2026-11-22 的格式输入"
    assert center.seniors.get(senior_id, admin).status is Status.ACTIVE


def test_recording_a_death_asks_for_confirmation(
    open_dialog: Callable[[int], StatusDialog], qtbot: QtBot, center: CareCenter, senior_id: int, admin: Actor
) -> None:
    dialog = open_dialog(senior_id)
    dialog.status_buttons[Status.DECEASED].click()
    dialog.date_edit.set_date(dt.date(2026, 11, 18))

    asked = answer_next_question("返回")
    assert not dialog.save()
    assert asked == ["确认登记 张桂兰（M000001）于 2026-11-18 去世？\n登记后不能再更改。"]
    assert dialog.isVisible()
    assert center.seniors.get(senior_id, admin).status is Status.ACTIVE

    asked = answer_next_question("确认去世")
    assert dialog.save()
    assert asked
    stored = center.seniors.get(senior_id, admin)
    assert stored.status is Status.DECEASED and stored.status_since == dt.date(2026, 11, 18)

    final = open_dialog(senior_id)  # nothing more can be chosen; only 关闭
    assert final.save_button is None
    assert final.cancel_button.text() == "关闭"
    assert table_rows(final)[0][:2] == ["2026-11-18", "去世"]
    qtbot.mouseClick(final.cancel_button, Qt.MouseButton.LeftButton)
    assert not final.isVisible()


def test_cancel_after_choosing_asks_first(
    open_dialog: Callable[[int], StatusDialog], qtbot: QtBot, center: CareCenter, senior_id: int, admin: Actor
) -> None:
    dialog = open_dialog(senior_id)
    dialog.status_buttons[Status.PAUSED].click()
    asked = answer_next_question("放弃")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["状态更改还没有保存。关闭并放弃吗？"]
    assert not dialog.isVisible()
    assert center.seniors.get(senior_id, admin).status is Status.ACTIVE
