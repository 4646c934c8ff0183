# mypy: disable-error-code="no-untyped-call"
"""The add/edit senior dialog, driven as front-desk staff use it: typing, clicking, reading the red text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.domain import idnumber, lunar
from carecenter.domain.vocab import Category, DietFlag, Residence
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput
from tests.conftest import TODAY
from ui.dialogs.senior_dialog import SeniorDialog
from ui.widgets.lunar_birth_edit import Source

ZHANG_ID = idnumber.make("410105", dt.date(1945, 3, 2), 42)  # 410105194503020428, female
WANG_ID = idnumber.make("410105", dt.date(1930, 3, 2), 11)  # 41010519300302011X, male

TypeInto = Callable[[QWidget, str], None]


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def answer_next_question(button_text: str) -> list[str]:
    """Click ``button_text`` in the next message box that opens; returns the question(s) seen."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), "expected a question"
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text() == button_text)
        button.click()

    QTimer.singleShot(0, click)
    return seen


@pytest.fixture
def open_dialog(qtbot: QtBot, center: CareCenter, admin: Actor) -> Iterator[Callable[..., SeniorDialog]]:
    opened: list[SeniorDialog] = []

    def _open(senior_id: int | None = None, cc: CareCenter = center) -> SeniorDialog:
        dialog = SeniorDialog(cc, admin, senior_id)
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield _open
    for dialog in opened:  # close without the "discard?" question
        dialog.done(QDialog.DialogCode.Rejected)
        dialog.deleteLater()


def register(cc: CareCenter, admin: Actor, name: str = "张桂兰", id_number: str = ZHANG_ID) -> int:
    detail = cc.seniors.create(
        SeniorInput(
            name=name,
            id_number=id_number,
            phones=("13800001111",),
            address="金水区文化路 97 号",
            community="文化路社区",
            categories=(CategoryPeriod(Category.DIBAO, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),),
            diet_flags=frozenset({DietFlag.LOW_SALT}),
            contacts=(Contact("李明", "儿子", "13912345678"),),
            registered_on=dt.date(2025, 3, 1),
        ),
        admin,
    )
    return detail.id


def test_typing_an_id_shows_birth_date_gender_and_age(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot
) -> None:
    dialog = open_dialog()
    form = dialog.form
    assert dialog.windowTitle() == "新增老人"
    type_into(form.name_edit, "张桂兰")
    assert form.name_edit.text() == "张桂兰"

    qtbot.keyClicks(form.id_edit, ZHANG_ID[:10])
    row = form.rows["id_number"]
    assert row.info_text() == "已输入 10 位，共 18 位"
    assert row.error_text() == ""  # no complaint while still typing

    qtbot.keyClicks(form.id_edit, ZHANG_ID[10:])
    assert row.info_label.isVisible()
    assert row.info_text() == "出生日期 1945-03-02　性别 女　年龄 81 岁"
    assert row.error_text() == ""


def test_a_bad_id_is_explained_only_when_leaving_the_field(
    open_dialog: Callable[..., SeniorDialog], qtbot: QtBot
) -> None:
    dialog = open_dialog()
    form = dialog.form
    bad = ZHANG_ID[:-1] + "1"
    qtbot.keyClicks(form.id_edit, bad)
    assert form.rows["id_number"].error_text() == ""

    qtbot.keyClick(form.id_edit, Qt.Key.Key_Return)  # leaves the field (Enter moves on)
    expected = _("the check character is wrong (expected {c}); please check every digit").format(c="8")
    assert form.rows["id_number"].error_text() == expected
    assert has_chinese(expected)
    assert form.rows["id_number"].error_label.isVisible()

    qtbot.keyClick(form.id_edit, Qt.Key.Key_Backspace)  # fixing it clears the complaint
    assert form.rows["id_number"].error_text() == ""


def test_saving_a_valid_senior_stores_the_normal_form(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    dialog = open_dialog()
    form = dialog.form
    type_into(form.name_edit, "王 秀 英")
    type_into(form.id_edit, "４１０１０５１９３００３０２０１１x")  # full-width digits, lower-case x
    assert "1930-03-02" in form.rows["id_number"].info_text()
    type_into(form.phones_edit, "１３８００００１１１１、0371-63912345")
    type_into(form.address_edit, "金水区文化路 97 号")
    type_into(form.community_edit, "文化路社区")
    contact_name, relation, phone = form.contacts_editor.row_inputs(0)
    type_into(contact_name, "王 强")
    relation_line = relation.lineEdit()
    assert relation_line is not None
    type_into(relation_line, "儿子")
    qtbot.keyClicks(phone, "13912345678")
    form.residence_buttons[Residence.NONLOCAL].click()
    form.diet_boxes[DietFlag.HALAL].click()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    assert center.seniors.count() == 1
    stored = center.seniors.get(dialog.saved.id, admin)
    assert stored.name == "王秀英"
    assert stored.id_number == WANG_ID
    assert stored.birth_date == dt.date(1930, 3, 2)
    assert stored.phones == ("13800001111", "0371-63912345")
    assert stored.contacts == (Contact("王强", "儿子", "13912345678"),)
    assert stored.residence is Residence.NONLOCAL
    assert stored.diet_flags == frozenset({DietFlag.HALAL})
    assert stored.registered_on == TODAY
    assert stored.member_no == "M000001"
    assert stored.lunar_birth == lunar.lunar_of(dt.date(1930, 3, 2))


def test_a_refused_save_shows_the_reasons_under_the_fields_and_writes_nothing(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot, center: CareCenter
) -> None:
    dialog = open_dialog()
    form = dialog.form
    qtbot.keyClicks(form.id_edit, ZHANG_ID[:-1] + "1")
    type_into(form.address_edit, "金水区文化路 97 号")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.saved is None
    assert center.seniors.count() == 0
    name_error = form.rows["name"].error_label
    id_error = form.rows["id_number"].error_label
    assert name_error.isVisible() and name_error.text() == _("is required")
    assert has_chinese(name_error.text())
    assert id_error.isVisible()
    assert id_error.text() == _("the check character is wrong (expected {c}); please check every digit").format(c="8")
    # the message sits right under its own field
    assert (
        name_error.mapTo(dialog, name_error.rect().topLeft()).y()
        > form.name_edit.mapTo(dialog, form.name_edit.rect().topLeft()).y()
    )
    assert (
        name_error.mapTo(dialog, name_error.rect().topLeft()).y()
        < form.id_edit.mapTo(dialog, form.id_edit.rect().topLeft()).y()
    )
    assert dialog.banner.isVisible() and "2" in dialog.banner.text()
    # what was typed is still there, and the cursor is on the first bad field
    assert form.id_edit.text() == ZHANG_ID[:-1] + "1"
    assert form.address_edit.text() == "金水区文化路 97 号"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name_edit)

    type_into(form.name_edit, "张桂兰")
    form.id_edit.setText(ZHANG_ID)
    assert dialog.save()
    assert center.seniors.count() == 1


def test_an_id_already_registered_is_refused_with_who_has_it(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    register(center, admin)
    dialog = open_dialog()
    type_into(dialog.form.name_edit, "张贵兰")
    qtbot.keyClicks(dialog.form.id_edit, ZHANG_ID)
    assert not dialog.save()
    message = dialog.error_for("id_number")
    assert message == _("already registered for {name} ({member_no})").format(name="张桂兰", member_no="M000001")
    assert has_chinese(message)
    assert center.seniors.count() == 1


def test_editing_keeps_the_member_number_and_every_other_field(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, center: CareCenter, admin: Actor
) -> None:
    senior_id = register(center, admin)
    before = center.seniors.get(senior_id, admin, with_photo=True)
    dialog = open_dialog(senior_id)
    assert dialog.windowTitle() == "编辑老人档案：张桂兰"
    assert "M000001" in dialog.member_label.text()
    assert "在册" in dialog.member_label.text()
    assert "test-admin" in dialog.stamp_label.text()
    assert dialog.form.name_edit.text() == "张桂兰"
    assert dialog.form.phones_edit.text() == "13800001111"
    assert not dialog.is_dirty()

    dialog.form.address_edit.clear()
    type_into(dialog.form.address_edit, "金水区纬五路 12 号")
    assert dialog.is_dirty()
    assert dialog.save()

    after = center.seniors.get(senior_id, admin, with_photo=True)
    assert after.member_no == before.member_no == "M000001"
    assert after.address == "金水区纬五路 12 号"
    assert after.as_input() == replace(before.as_input(), address="金水区纬五路 12 号")
    assert center.seniors.count() == 1


def png_file(path: Path, width: int = 60, height: int = 80) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#4477aa"))
    assert image.save(str(path))  # format from the suffix
    return path


def test_choosing_a_photo_shows_it_and_saves_it(
    open_dialog: Callable[..., SeniorDialog],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    qtbot: QtBot,
    center: CareCenter,
    admin: Actor,
) -> None:
    senior_id = register(center, admin)
    photo = png_file(tmp_path / "zhang.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(photo), "")))
    dialog = open_dialog(senior_id)
    picker = dialog.form.photo_picker
    assert picker.thumbnail.text() == "无照片"
    assert not picker.remove_button.isEnabled()

    qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
    assert picker.has_picture_shown()
    assert picker.remove_button.isEnabled()
    assert dialog.save()
    stored = center.seniors.get(senior_id, admin, with_photo=True)
    assert stored.has_photo and stored.photo == photo.read_bytes()

    # a file that is not a picture is refused and the photo stays
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a picture", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(text_file), "")))
    dialog = open_dialog(senior_id)
    qtbot.mouseClick(dialog.form.photo_picker.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.error_for("photo") == "这个文件不是图片，请选择 JPG 或 PNG 照片"
    assert dialog.form.photo_picker.photo() == photo.read_bytes()

    qtbot.mouseClick(dialog.form.photo_picker.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.form.photo_picker.thumbnail.text() == "无照片"
    assert dialog.save()
    assert not center.seniors.get(senior_id, admin).has_photo


def test_a_big_photo_is_made_smaller_instead_of_refused(
    open_dialog: Callable[..., SeniorDialog], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qtbot: QtBot
) -> None:
    big = tmp_path / "scan.bmp"
    image = QImage(2400, 3000, QImage.Format.Format_RGB32)
    image.fill(QColor("#885522"))
    assert image.save(str(big))  # ~28 MB, and not JPEG/PNG
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(big), "")))
    dialog = open_dialog()
    qtbot.mouseClick(dialog.form.photo_picker.choose_button, Qt.MouseButton.LeftButton)
    data = dialog.form.photo_picker.photo()
    assert data is not None and data.startswith(b"\xff\xd8\xff") and len(data) < 2 * 1024 * 1024
    assert dialog.form.rows["photo"].info_text() == "照片已自动缩小，以便保存。"


def test_lunar_birth_date_follows_the_id_until_set_by_hand(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    dialog = open_dialog()
    edit = dialog.form.lunar_edit
    assert edit.month.text() == "—" and not edit.as_is_button.isEnabled()
    type_into(dialog.form.name_edit, "张桂兰")
    qtbot.keyClicks(dialog.form.id_edit, ZHANG_ID)
    derived = lunar.lunar_of(dt.date(1945, 3, 2))
    assert derived is not None
    assert (edit.month.value(), edit.day.value(), edit.leap.isChecked()) == (derived.month, derived.day, derived.leap)
    assert edit.source_label.text() == "由出生日期 1945-03-02 换算。"

    qtbot.mouseClick(edit.as_is_button, Qt.MouseButton.LeftButton)  # 身份证日期即农历
    assert edit.as_is_button.text() == "身份证日期即农历"
    assert (edit.month.value(), edit.day.value()) == (3, 2)
    edit.celebrate.click()
    assert dialog.save()
    stored = center.seniors.get(dialog.saved.id if dialog.saved else 0, admin)
    assert stored.lunar_birthday
    assert stored.lunar_birth == lunar.LunarBirth(3, 2, False)


def test_a_lunar_date_typed_by_hand_survives_a_changed_id(
    open_dialog: Callable[..., SeniorDialog], qtbot: QtBot
) -> None:
    dialog = open_dialog()
    edit = dialog.form.lunar_edit
    qtbot.keyClicks(dialog.form.id_edit, ZHANG_ID)
    edit.month.setValue(8)
    edit.day.setValue(15)
    assert edit.source is Source.MANUAL
    dialog.form.id_edit.setText(WANG_ID)
    assert (edit.month.value(), edit.day.value()) == (8, 15)
    qtbot.mouseClick(edit.derive_button, Qt.MouseButton.LeftButton)  # back to the converted date
    derived = lunar.lunar_of(dt.date(1930, 3, 2))
    assert derived is not None and (edit.month.value(), edit.day.value()) == (derived.month, derived.day)


def test_categories_and_a_bad_date_in_them(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    dialog = open_dialog()
    type_into(dialog.form.name_edit, "张桂兰")
    qtbot.keyClicks(dialog.form.id_edit, ZHANG_ID)
    editor = dialog.form.categories_editor
    assert editor.empty_label.isVisible()
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    combo, start, end = editor.row_inputs(0)
    combo.setCurrentIndex(combo.findData(Category.TEKUN))
    qtbot.keyClicks(start.line, "2026.1.1")
    qtbot.keyClicks(end.line, "2026-13-40")
    assert not dialog.save()
    assert dialog.error_for("categories") == "特困：2026-13-40 这一天不存在"
    assert center.seniors.count() == 0
    assert end.text() == "2026-13-40"  # kept as typed

    end.line.clear()
    qtbot.keyClicks(end.line, "20261231")
    assert dialog.save()
    stored = center.seniors.get(dialog.saved.id if dialog.saved else 0, admin)
    assert stored.categories == (CategoryPeriod(Category.TEKUN, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),)


def test_closing_with_typing_asks_before_discarding(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot, center: CareCenter
) -> None:
    dialog = open_dialog()
    type_into(dialog.form.name_edit, "张桂兰")

    asked = answer_next_question("继续填写")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["填写的内容还没有保存。关闭并放弃吗？"]
    assert dialog.isVisible()
    assert dialog.form.name_edit.text() == "张桂兰"

    asked = answer_next_question("放弃")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert asked and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert center.seniors.count() == 0


def test_closing_an_untouched_form_asks_nothing(open_dialog: Callable[..., SeniorDialog], qtbot: QtBot) -> None:
    dialog = open_dialog()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_enter_moves_to_the_next_field(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot
) -> None:
    dialog = open_dialog()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.name_edit)
    type_into(dialog.form.name_edit, "张桂兰")
    qtbot.keyClick(dialog.form.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.id_edit)
    assert dialog.isVisible() and dialog.saved is None


def test_with_several_centers_the_center_must_be_chosen(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    only = open_dialog()
    assert only.form.rows["center_id"].isHidden()

    second = center.centers.create("纬五路服务站", admin, code="C002")
    dialog = open_dialog()
    row = dialog.form.rows["center_id"]
    assert not row.isHidden()
    assert dialog.form.center_combo.currentIndex() == -1
    type_into(dialog.form.name_edit, "张桂兰")
    qtbot.keyClicks(dialog.form.id_edit, ZHANG_ID)
    assert not dialog.save()
    assert dialog.error_for("center_id") == _("please choose a center")
    dialog.form.center_combo.setCurrentIndex(dialog.form.center_combo.findData(second.id))
    assert dialog.save()
    assert dialog.saved is not None and dialog.saved.center_id == second.id


def test_ctrl_s_saves(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot, center: CareCenter
) -> None:
    dialog = open_dialog()
    type_into(dialog.form.name_edit, "张桂兰")
    qtbot.keyClicks(dialog.form.id_edit, ZHANG_ID)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.form.id_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved is not None and dialog.saved.name == "张桂兰"
    assert center.seniors.count() == 1


def test_the_first_bad_field_gets_the_cursor_even_in_a_list(
    open_dialog: Callable[..., SeniorDialog], type_into: TypeInto, qtbot: QtBot
) -> None:
    dialog = open_dialog()
    type_into(dialog.form.name_edit, "张桂兰")
    qtbot.keyClicks(dialog.form.id_edit, ZHANG_ID)
    contact_name, _relation, _phone = dialog.form.contacts_editor.row_inputs(0)
    type_into(contact_name, "王强")  # a contact without a phone number
    assert not dialog.save()
    assert dialog.error_for("contacts") == _("“{n}” has no phone number").format(n="王强")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is contact_name)


def test_tab_goes_down_the_left_column_then_the_right(open_dialog: Callable[..., SeniorDialog], qtbot: QtBot) -> None:
    dialog = open_dialog()
    form = dialog.form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name_edit)

    def tab_from(widget: QWidget) -> QWidget | None:
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        return QApplication.focusWidget()

    assert tab_from(form.name_edit) is form.id_edit
    assert tab_from(form.registered_edit.line) is form.phones_edit
    assert tab_from(form.community_edit) is form.contacts_editor.row_inputs(0)[0]
    assert tab_from(form.contacts_editor.add_button) is form.photo_picker.choose_button
    assert tab_from(form.notes_edit) is dialog.save_button


def test_community_suggests_those_already_on_record(
    open_dialog: Callable[..., SeniorDialog], center: CareCenter, admin: Actor, type_into: TypeInto
) -> None:
    center.seniors.create(SeniorInput(name="王秀英", id_number=WANG_ID, community="丰产路社区"), admin)
    center.seniors.create(SeniorInput(name="张桂兰", id_number=ZHANG_ID, community="经八路社区"), admin)
    dialog = open_dialog()
    completer = dialog.form.community_edit.completer()
    type_into(dialog.form.community_edit, "产路")
    assert completer.popup().isVisible()
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "丰产路社区"
    assert dialog.form.community_edit.text() == "产路"  # a suggestion never replaces what was typed


def test_front_desk_edits_a_phone_without_seeing_or_losing_the_id(
    qtbot: QtBot, type_into: TypeInto, center: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    senior_id = register(center, admin)
    before = center.seniors.get(senior_id, admin, with_photo=True)
    dialog = SeniorDialog(center, front_desk, senior_id)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert form.id_edit.text() == idnumber.mask(ZHANG_ID) and form.id_edit.isReadOnly()
    assert form.rows["id_number"].info_text() == "您的角色只能看到部分号码；保存时原号码保持不变。"
    form.phones_edit.clear()
    type_into(form.phones_edit, "13900002222")
    assert dialog.save()
    after = center.seniors.get(senior_id, admin, with_photo=True)
    assert after.id_number == ZHANG_ID
    assert after.as_input() == replace(before.as_input(), phones=("13900002222",))
    assert dialog.saved is not None and dialog.saved.id_number == idnumber.mask(ZHANG_ID)


def locked_notes(dialog: SeniorDialog) -> list[str]:
    """The "only social workers…" notes the user can see."""
    return [label.text() for label in dialog.form.findChildren(QLabel, "lockedNote") if label.isVisible()]


def test_front_desk_sees_categories_and_care_level_but_cannot_change_them(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, social_worker: Actor
) -> None:
    senior_id = register(center, admin)
    before = center.seniors.get(senior_id, admin)
    desk = SeniorDialog(center, front_desk, senior_id)
    qtbot.addWidget(desk)
    desk.show()
    form = desk.form
    assert not form.categories_editor.isEnabled() and not form.care_combo.isEnabled()
    assert not form.categories_editor.add_button.isEnabled()
    combo, _start, _end = form.categories_editor.row_inputs(0)
    assert combo.currentText() == Category.DIBAO.label and not combo.isEnabled()  # shown, not editable
    assert locked_notes(desk) == ["只有社工和管理员可以修改"] * 2
    assert form.diet_boxes[DietFlag.LOW_SALT].isEnabled()  # the rest of the care section stays open
    assert desk.save()  # the untouched categories and care level go through the core unchanged
    after = center.seniors.get(senior_id, admin)
    assert (after.categories, after.care_level) == (before.categories, before.care_level)

    worker = SeniorDialog(center, social_worker, senior_id)
    qtbot.addWidget(worker)
    worker.show()
    assert worker.form.categories_editor.isEnabled() and worker.form.care_combo.isEnabled()
    assert locked_notes(worker) == []
