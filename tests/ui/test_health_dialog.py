"""The health and diet dialog (健康与饮食) driven as staff use it: ticking, typing, saving, reading refusals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.care.health import HealthInput, MedicationEntry
from carecenter.domain import idnumber
from carecenter.domain.vocab import DietFlag
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.ui.test_senior_dialog import answer_next_question
from ui.dialogs.health_dialog import HealthDialog, split_conditions

TypeInto = Callable[[QWidget, str], None]


@pytest.fixture
def senior_id(center: CareCenter, admin: Actor) -> int:
    data = SeniorInput(name="马秀英", id_number=idnumber.make("410104", dt.date(1942, 8, 9), 64), allergies="海鲜")
    return center.seniors.create(data, admin).id


@pytest.fixture
def open_dialog(qtbot: QtBot, center: CareCenter, senior_id: int) -> Iterator[Callable[[Actor], HealthDialog]]:
    opened: list[HealthDialog] = []

    def _open(actor: Actor) -> HealthDialog:
        dialog = HealthDialog(center, actor, senior_id)
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield _open
    for dialog in opened:  # close without the "discard?" question
        dialog.done(QDialog.DialogCode.Rejected)
        dialog.deleteLater()


def click(qtbot: QtBot, button: QWidget) -> None:
    """Click near the left edge: a check box's text starts there, however wide the box is laid out."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def test_opens_with_the_record_and_the_allergy_from_the_senior_form(
    open_dialog: Callable[[Actor], HealthDialog], front_desk: Actor
) -> None:
    dialog = open_dialog(front_desk)
    assert dialog.windowTitle() == "健康与饮食：马秀英"
    assert dialog.allergies_edit.text() == "海鲜"
    assert not any(box.isChecked() for box in dialog.diet_boxes.values())
    assert dialog.medications_editor.rows == []
    assert not dialog.is_dirty()


def test_typing_everything_and_saving_stores_it(
    open_dialog: Callable[[Actor], HealthDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    social_worker: Actor,
    senior_id: int,
) -> None:
    dialog = open_dialog(social_worker)
    click(qtbot, dialog.diet_boxes[DietFlag.HALAL])
    click(qtbot, dialog.diet_boxes[DietFlag.LOW_SALT])
    dialog.allergies_edit.clear()
    type_into(dialog.allergies_edit, "青霉素")
    type_into(dialog.diet_notes_edit, "不吃辣")
    type_into(dialog.conditions_edit, "高血压、糖尿病，冠心病")
    click(qtbot, dialog.medications_editor.add_button)
    name, dose, schedule = dialog.medications_editor.row_inputs(0)
    type_into(name, "二甲双胍")
    type_into(dose, "0.5g")
    type_into(schedule, "三餐后")
    type_into(dialog.doctor_edit, "王医生")
    qtbot.keyClicks(dialog.doctor_phone_edit, "0371-63912000")
    click(qtbot, dialog.risk_boxes["fall_risk"])
    assert dialog.is_dirty()
    click(qtbot, dialog.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = center.health.get(senior_id, social_worker)
    assert dialog.saved == stored
    assert stored.as_input() == HealthInput(
        conditions=("高血压", "糖尿病", "冠心病"),
        medications=(MedicationEntry("二甲双胍", "0.5g", "三餐后"),),
        allergies="青霉素",
        diet_flags=frozenset({DietFlag.HALAL, DietFlag.LOW_SALT}),
        diet_notes="不吃辣",
        family_doctor="王医生",
        family_doctor_phone="0371-63912000",
        fall_risk=True,
    )


def test_refusals_show_under_their_fields_and_nothing_is_saved(
    open_dialog: Callable[[Actor], HealthDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    admin: Actor,
    senior_id: int,
) -> None:
    dialog = open_dialog(admin)
    type_into(dialog.conditions_edit, "高血压、高血压")
    dialog.medications_editor.add_row()
    _name, dose, _schedule = dialog.medications_editor.row_inputs(0)
    type_into(dose, "1片")
    qtbot.keyClicks(dialog.doctor_phone_edit, "call")
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.doctor_phone_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.error_for("conditions") == "“高血压”重复填写"
    assert dialog.error_for("medications") == "每种药都要填药名（“1片”没有药名）"
    assert dialog.error_for("family_doctor_phone") == "“call”不是电话号码"
    assert dialog.error_for("allergies") == ""
    assert dialog.banner.text().startswith("未保存")
    assert dialog.conditions_edit.hasFocus()  # the first refused field
    assert center.health.get(senior_id, admin).conditions == ()
    type_into(dialog.conditions_edit, "x")
    assert dialog.error_for("conditions") == ""  # touching a refused field clears its message


def test_the_front_desk_sees_the_risks_but_cannot_change_them(
    open_dialog: Callable[[Actor], HealthDialog],
    qtbot: QtBot,
    center: CareCenter,
    admin: Actor,
    front_desk: Actor,
    senior_id: int,
) -> None:
    center.health.update(senior_id, HealthInput(allergies="海鲜", wandering_risk=True), admin)
    dialog = open_dialog(front_desk)
    assert dialog.risk_boxes["wandering_risk"].isChecked()
    assert not any(box.isEnabled() for box in dialog.risk_boxes.values())
    note = dialog.findChild(QLabel, "lockedNote")
    assert note is not None and note.text() == "只有社工和管理员可以修改"
    click(qtbot, dialog.diet_boxes[DietFlag.SOFT])
    click(qtbot, dialog.save_button)
    stored = center.health.get(senior_id, front_desk)
    assert (stored.diet_flags, stored.wandering_risk) == (frozenset({DietFlag.SOFT}), True)


def test_closing_with_typing_asks_first(
    open_dialog: Callable[[Actor], HealthDialog], qtbot: QtBot, type_into: TypeInto, admin: Actor
) -> None:
    dialog = open_dialog(admin)
    type_into(dialog.conditions_edit, "高血压")
    seen = answer_next_question("继续填写")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert seen == ["填写的内容还没有保存。关闭并放弃吗？"] and dialog.isVisible()
    answer_next_question("放弃")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_conditions_split_on_the_separators_people_type() -> None:
    assert split_conditions("高血压、糖尿病, 冠心病；  ；慢阻肺/骨质疏松") == (
        "高血压",
        "糖尿病",
        "冠心病",
        "慢阻肺",
        "骨质疏松",
    )
