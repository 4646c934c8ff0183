# mypy: disable-error-code="no-untyped-call"
"""The 呼叫助急 page as the desk uses it: log an urgent call with the keyboard while the caller is on
the line, see it at the top of the open list in red, close it with a note; a fall recorded with the call;
refusals shown under their fields; a mistaken call voided."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.desk.call_dto import CallInput
from carecenter.domain.desk_vocab import CallerKind, Urgency
from carecenter.domain.vocab import IncidentKind
from carecenter.facade import CareCenter
from carecenter.seniors.dto import Contact, SeniorInput
from tests.core.helpers import an_id
from tests.ui.conftest import on_modal
from ui.dialogs.call_dialog import CallDialog
from ui.dialogs.close_call_dialog import CloseCallDialog
from ui.dialogs.meal_void_dialog import VoidDialog
from ui.pages import desk_models as cols
from ui.pages.calls_page import CallsPage
from ui.widgets.field_row import ERROR_COLOR

TypeInto = Callable[[QWidget, str], None]


@pytest.fixture
def center_id(center: CareCenter) -> int:
    return center.centers.by_code("C001").id


@pytest.fixture
def zhang(center: CareCenter, admin: Actor) -> int:
    data = SeniorInput(
        name="张桂兰",
        id_number=an_id(dt.date(1944, 3, 2), 11),
        phones=("0371-63912345",),
        address="金水区文化路 97 号院 3 号楼",
        contacts=(Contact("李红", "女儿", "13803712233"),),
    )
    return center.seniors.create(data, admin).id


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, front_desk: Actor, center_id: int, zhang: int) -> CallsPage:
    shown = CallsPage(center, front_desk, center_id)
    qtbot.addWidget(shown)
    shown.resize(1100, 740)
    with qtbot.waitActive(shown):  # F2 is a shortcut: it needs an active window
        shown.show()
        shown.activateWindow()
    return shown


def urgent_call(cc: CareCenter, actor: Actor, senior_id: int) -> None:
    data = CallInput(CallerKind.FAMILY, "女儿来电：老人摔倒", senior_id=senior_id, urgency=Urgency.URGENT)
    cc.calls.log(data, actor)


def test_an_urgent_call_logged_with_the_keyboard_tops_the_open_list_in_red(
    qtbot: QtBot, page: CallsPage, center: CareCenter, front_desk: Actor, center_id: int, type_into: TypeInto
) -> None:
    routine = CallInput(CallerKind.NEIGHBOUR, "问下周活动安排", center_id=center_id, follow_up_on=dt.date(2026, 11, 23))
    center.calls.log(routine, front_desk)
    page.refresh()
    seen: list[str] = []

    def log(dialog: QWidget) -> None:
        assert isinstance(dialog, CallDialog)
        type_into(dialog.finder.box, "zgl")
        qtbot.keyClick(dialog.finder.box, Qt.Key.Key_Return)  # the senior is chosen
        seen.append(dialog.senior_card.text())
        qtbot.waitUntil(dialog.kind_combo.hasFocus)  # the caller comes next
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(CallerKind.FAMILY.value))
        type_into(dialog.name_edit, "李红")
        type_into(dialog.reason_edit, "女儿来电：老人在家摔倒，起不来")
        dialog.urgent_button.setFocus()
        qtbot.keyClick(dialog.urgent_button, Qt.Key.Key_Space)
        seen.append(dialog.urgent_button.text())
        type_into(dialog.action_edit, "已通知社区医生上门")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter saves

    shown = on_modal(log)
    qtbot.keyClick(page.open_table, Qt.Key.Key_F2)
    [dialog] = shown
    assert isinstance(dialog, CallDialog) and dialog.result() == CallDialog.DialogCode.Accepted
    card, toggle = seen
    assert "张桂兰" in card and "0371-63912345" in card and "金水区文化路 97 号院 3 号楼" in card
    assert "李红（女儿） 13803712233" in card
    assert toggle == "⚠ 紧急"
    assert page.open_texts(cols.COL_CALL_SENIOR) == ["张桂兰", "—"]
    assert page.open_texts(cols.COL_CALL_URGENCY) == ["紧急", "一般"]
    assert page.open_texts(cols.COL_CALL_CALLER)[0] == "李红"
    top = page.open_model.index(0, cols.COL_CALL_REASON)
    assert top.data(Qt.ItemDataRole.ForegroundRole).name() == ERROR_COLOR
    assert top.data(Qt.ItemDataRole.FontRole).bold()
    assert page.open_model.index(1, cols.COL_CALL_REASON).data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.counts_label.text() == "1 个紧急来电未结案"
    assert page.notice.text() == "已登记紧急来电：张桂兰。结案并填写说明之前会一直显示。"
    assert page.current_call() is not None and page.current_call().senior_name == "张桂兰"  # type: ignore[union-attr]
    [logged] = center.calls.open_urgent(front_desk, center_id)
    assert (logged.received_at, logged.action_taken) == (dt.datetime(2026, 11, 22, 9, 0), "已通知社区医生上门")


def test_closing_an_urgent_call_needs_a_note(
    qtbot: QtBot, page: CallsPage, center: CareCenter, front_desk: Actor, zhang: int, type_into: TypeInto
) -> None:
    urgent_call(center, front_desk, zhang)
    page.refresh()
    page.open_table.selectRow(0)
    page.open_table.setFocus()
    refusals: list[str] = []

    def close(dialog: QWidget) -> None:
        assert isinstance(dialog, CloseCallDialog)
        dialog.ok_button.click()  # no note
        refusals.append(dialog.error_for("closing_note"))
        type_into(dialog.note_edit, "医生已上门，无骨折")
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)

    on_modal(close)
    qtbot.keyClick(page.open_table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert refusals == ["紧急来电必须填写：说明做了什么"]
    assert page.open_model.rowCount() == 0 and page.open_title.text() == "未结案来电（0）"
    assert page.counts_label.text() == "没有未结案的紧急来电"
    assert page.month_model.display_text(0, cols.COL_CALL_STATE) == "已结案"
    assert center.calls.open_urgent(front_desk, None) == []


def test_a_fall_is_recorded_with_the_call_or_nothing_is_saved(
    qtbot: QtBot, page: CallsPage, center: CareCenter, front_desk: Actor, zhang: int, type_into: TypeInto
) -> None:
    errors: dict[str, str] = {}

    def log(dialog: QWidget) -> None:
        assert isinstance(dialog, CallDialog)
        assert not dialog.incident_box.isEnabled()  # nobody chosen yet
        dialog.save_button.click()
        errors["reason"] = dialog.error_for("reason")
        type_into(dialog.finder.box, "zgl")
        qtbot.keyClick(dialog.finder.box, Qt.Key.Key_Return)
        type_into(dialog.reason_edit, "邻居来电：老人在楼道摔倒")
        type_into(dialog.phone_edit, "电话")
        dialog.incident_box.setChecked(True)
        dialog.save_button.click()  # no kind: the form says so first
        errors["kind"] = dialog.error_for("incident_kind")
        dialog.incident_kind.setCurrentIndex(dialog.incident_kind.findData(IncidentKind.FALL.value))
        dialog.save_button.click()  # the core names the bad phone and the missing description together
        errors["phone"] = dialog.error_for("caller_phone")
        errors["description"] = dialog.error_for("incident_description")
        assert center.calls.list(front_desk, None, dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == []
        dialog.phone_edit.clear()
        type_into(dialog.incident_text, "楼道台阶踩空，左手腕肿痛")
        dialog.save_button.click()

    on_modal(log)
    page.new_call()
    assert errors == {
        "reason": "必须填写",
        "kind": "请选择事件类别",
        "phone": "“电话”不是电话号码",
        "description": "必须填写",
    }
    [fall] = center.incidents.for_senior(zhang, front_desk)
    assert (fall.kind, fall.description, fall.occurred_on) == (
        IncidentKind.FALL,
        "楼道台阶踩空，左手腕肿痛",
        dt.date(2026, 11, 22),
    )
    assert page.month_model.display_text(0, cols.COL_CALL_STATE) == "已结案 · 事件：跌倒"
    assert page.notice.text() == "已登记来电：张桂兰。 已记录事件：跌倒。"


def test_a_mistaken_call_is_voided_with_a_reason(
    qtbot: QtBot, page: CallsPage, center: CareCenter, front_desk: Actor, zhang: int
) -> None:
    urgent_call(center, front_desk, zhang)
    page.refresh()
    page.open_table.selectRow(0)

    def void(dialog: QWidget) -> None:
        assert isinstance(dialog, VoidDialog)
        dialog.set_reason("重复登记")
        dialog.confirm()

    on_modal(void)
    assert page.void_call()
    assert page.open_model.rowCount() == 0 and page.month_model.rowCount() == 0
    assert page.notice.text() == "来电记录已作废。"
