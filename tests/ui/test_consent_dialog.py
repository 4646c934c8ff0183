# mypy: disable-error-code="no-untyped-call"
"""The consent dialog (个人信息同意书) driven as staff use it: choosing, clicking, reading the state line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor, Role
from carecenter.audit import AuditFilter
from carecenter.domain import idnumber
from carecenter.domain.vocab import StaffPosition, Status
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.dto import SeniorInput
from carecenter.staff import StaffInfo
from tests.conftest import TODAY
from tests.ui.conftest import on_modal
from tests.ui.test_senior_dialog import answer_next_question
from ui.dialogs.consent_dialog import ConsentDialog
from ui.dialogs.consent_withdraw import WithdrawConsentDialog

PDF = b"%PDF-1.4\n% signed form\n"
TypeInto = Callable[[QWidget, str], None]


@pytest.fixture
def senior_id(center: CareCenter, admin: Actor) -> int:
    data = SeniorInput(name="张桂兰", id_number=idnumber.make("410105", dt.date(1945, 3, 2), 42))
    return center.seniors.create(data, admin).id


@pytest.fixture
def worker(center: CareCenter, admin: Actor) -> StaffInfo:
    return center.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, admin)


@pytest.fixture
def open_dialog(qtbot: QtBot, center: CareCenter) -> Iterator[Callable[[Actor, int], ConsentDialog]]:
    opened: list[ConsentDialog] = []

    def _open(actor: Actor, senior_id: int) -> ConsentDialog:
        dialog = ConsentDialog(center, actor, senior_id)
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield _open
    for dialog in opened:  # close without the "discard?" question
        dialog.done(QDialog.DialogCode.Rejected)
        dialog.deleteLater()


def choose_staff(dialog: ConsentDialog, staff_id: int) -> None:
    combo = dialog.form.staff_combo
    combo.setCurrentIndex(combo.findData(staff_id))


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_recording_consent_with_a_scan_shows_it_signed_and_stores_it(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    center: CareCenter,
    front_desk: Actor,
    senior_id: int,
    worker: StaffInfo,
) -> None:
    dialog = open_dialog(front_desk, senior_id)
    assert dialog.name_label.text().startswith("张桂兰")
    assert dialog.state_text() == "未签署"
    assert dialog.form.date_edit.text() == TODAY.isoformat()
    assert not dialog.withdraw_button.isEnabled()  # nothing to withdraw yet

    scan = tmp_path / "张桂兰同意书.pdf"
    scan.write_bytes(PDF)
    monkeypatch.setattr(dialog, "ask_scan_file", lambda: scan)
    click(qtbot, dialog.form.scan_picker.choose_button)
    assert dialog.form.scan_picker.name_label.text() == "张桂兰同意书.pdf"
    choose_staff(dialog, worker.id)
    type_into(dialog.form.notes_edit, "家属在场")
    click(qtbot, dialog.record_button)

    assert dialog.state_text() == "已签署 2026-11-22（经办：刘社工）"
    assert dialog.changed and dialog.withdraw_button.isEnabled()
    assert dialog.history_table.rowCount() == 1
    stored = center.consent.current(senior_id, front_desk)
    assert stored is not None
    assert (stored.given_on, stored.taken_by_staff_id, stored.notes, stored.scan_mime) == (
        TODAY,
        worker.id,
        "家属在场",
        "application/pdf",
    )
    assert dialog.form.scan_picker.data() is None  # the form is ready for the next paper form
    assert dialog.form.notes_edit.text() == ""


def test_a_future_date_is_refused_next_to_the_field_and_nothing_is_stored(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    qtbot: QtBot,
    center: CareCenter,
    front_desk: Actor,
    senior_id: int,
    worker: StaffInfo,
) -> None:
    dialog = open_dialog(front_desk, senior_id)
    dialog.form.date_edit.line.clear()
    qtbot.keyClicks(dialog.form.date_edit.line, "2026-11-23")
    click(qtbot, dialog.record_button)
    assert dialog.error_for("given_on") == "不能晚于今天"
    assert dialog.error_for("taken_by_staff_id") == "请选择在职的员工"  # every problem at once
    assert center.consent.current(senior_id, front_desk) is None
    choose_staff(dialog, worker.id)
    assert dialog.error_for("taken_by_staff_id") == ""
    click(qtbot, dialog.record_button)
    assert dialog.error_for("given_on") == "不能晚于今天"
    assert dialog.error_for("taken_by_staff_id") == ""
    assert dialog.state_text() == "未签署" and not dialog.changed
    assert center.consent.current(senior_id, front_desk) is None
    qtbot.keyClicks(dialog.form.date_edit.line, "\b")  # touching the field clears its old message
    assert dialog.error_for("given_on") == ""


def test_an_unreadable_date_and_no_staff_are_both_explained(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    qtbot: QtBot,
    center: CareCenter,
    front_desk: Actor,
    senior_id: int,
    worker: StaffInfo,
) -> None:
    dialog = open_dialog(front_desk, senior_id)
    assert dialog.form.staff_combo.currentIndex() == -1  # front desk account without a staff record
    dialog.form.date_edit.line.clear()
    qtbot.keyClicks(dialog.form.date_edit.line, "2026-13-40")
    click(qtbot, dialog.record_button)
    assert dialog.error_for("given_on") == _("{text} does not exist in the calendar").format(text="2026-13-40")
    assert dialog.error_for("taken_by_staff_id") == "请选择在职的员工"
    assert center.consent.current(senior_id, front_desk) is None


def test_a_file_that_is_not_a_scan_is_refused_when_chosen(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    front_desk: Actor,
    senior_id: int,
) -> None:
    dialog = open_dialog(front_desk, senior_id)
    gif = tmp_path / "form.gif"
    gif.write_bytes(b"GIF89a....")
    monkeypatch.setattr(dialog, "ask_scan_file", lambda: gif)
    click(qtbot, dialog.form.scan_picker.choose_button)
    assert dialog.error_for("scan") == "只能是 PDF、JPEG 或 PNG 文件"
    assert dialog.form.scan_picker.data() is None
    assert dialog.form.scan_picker.name_label.text() == "未选择文件（可不选）"
    monkeypatch.setattr(dialog, "ask_scan_file", lambda: None)  # cancelling the file dialog changes nothing
    click(qtbot, dialog.form.scan_picker.choose_button)
    assert dialog.form.scan_picker.data() is None


def test_a_chosen_scan_can_be_cleared(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    front_desk: Actor,
    senior_id: int,
) -> None:
    dialog = open_dialog(front_desk, senior_id)
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    monkeypatch.setattr(dialog, "ask_scan_file", lambda: png)
    picker = dialog.form.scan_picker
    assert not picker.clear_button.isEnabled()
    click(qtbot, picker.choose_button)
    assert picker.file_name() == "scan.png" and picker.clear_button.isEnabled()
    click(qtbot, picker.clear_button)
    assert picker.data() is None and picker.name_label.text() == "未选择文件（可不选）"


def test_the_actors_own_staff_member_is_preselected_and_leavers_are_not_offered(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    center: CareCenter,
    admin: Actor,
    senior_id: int,
    worker: StaffInfo,
) -> None:
    leaver = center.staff.create("王离职", StaffPosition.CAREGIVER, admin)
    center.staff.set_active(leaver.id, False, admin)
    me = Actor(username="liu", role=Role.SOCIAL_WORKER, staff_id=worker.id)
    dialog = open_dialog(me, senior_id)
    combo = dialog.form.staff_combo
    assert combo.currentData() == worker.id
    assert combo.currentText() == "刘社工（社工）"
    assert combo.findData(leaver.id) == -1


def test_withdrawing_asks_the_date_and_shows_the_senior_withdrawn(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    qtbot: QtBot,
    center: CareCenter,
    front_desk: Actor,
    senior_id: int,
    worker: StaffInfo,
) -> None:
    center.consent.record(senior_id, TODAY - dt.timedelta(days=30), worker.id, front_desk)
    dialog = open_dialog(front_desk, senior_id)
    assert dialog.state_text() == "已签署 2026-10-23（经办：刘社工）"

    def too_early(box: QWidget) -> None:
        assert isinstance(box, WithdrawConsentDialog)
        box.date_edit.line.clear()
        qtbot.keyClicks(box.date_edit.line, "2026-10-01")
        click(qtbot, box.confirm_button)
        assert box.isVisible() and box.error_for("withdrawn_on") == "不能早于同意日期（2026-10-23）"

    seen = on_modal(too_early)
    click(qtbot, dialog.withdraw_button)
    assert len(seen) == 1
    stored = center.consent.current(senior_id, front_desk)
    assert stored is not None and stored.valid and not dialog.changed

    def confirm(box: QWidget) -> None:
        assert isinstance(box, WithdrawConsentDialog)
        assert box.date_edit.text() == TODAY.isoformat()
        click(qtbot, box.confirm_button)

    seen = on_modal(confirm)
    click(qtbot, dialog.withdraw_button)
    assert len(seen) == 1
    assert dialog.state_text() == "已撤回 2026-11-22"
    assert dialog.changed and not dialog.withdraw_button.isEnabled()
    stored = center.consent.current(senior_id, front_desk)
    assert stored is not None and stored.withdrawn_on == TODAY
    assert senior_id in center.consent.missing(front_desk)


def test_only_roles_that_see_full_ids_can_open_the_scan(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    center: CareCenter,
    front_desk: Actor,
    social_worker: Actor,
    admin: Actor,
    senior_id: int,
    worker: StaffInfo,
) -> None:
    center.consent.record(senior_id, TODAY, worker.id, front_desk, scan=PDF)
    desk = open_dialog(front_desk, senior_id)
    assert desk.view_scan_button.isHidden()

    dialog = open_dialog(social_worker, senior_id)
    assert dialog.view_scan_button.isVisible() and dialog.view_scan_button.isEnabled()
    opened: list[tuple[str, bytes]] = []

    def fake_open(path: Path) -> bool:
        opened.append((path.suffix, path.read_bytes()))
        path.unlink()  # the scan shows an ID number: leave no copy behind
        return True

    monkeypatch.setattr(dialog, "open_file", fake_open)
    click(qtbot, dialog.view_scan_button)
    assert opened == [(".pdf", PDF)]
    viewed = center.audit.lines(admin, AuditFilter(actor="test-social"))
    assert [(x.action, x.entity, x.field) for x in viewed] == [("view", "consent", "scan")]


def test_without_a_scan_there_is_nothing_to_view(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    center: CareCenter,
    social_worker: Actor,
    senior_id: int,
    worker: StaffInfo,
) -> None:
    center.consent.record(senior_id, TODAY, worker.id, social_worker)
    dialog = open_dialog(social_worker, senior_id)
    assert dialog.view_scan_button.isVisible() and not dialog.view_scan_button.isEnabled()


def test_closing_with_a_filled_in_form_asks_first(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    type_into: TypeInto,
    front_desk: Actor,
    senior_id: int,
) -> None:
    dialog = open_dialog(front_desk, senior_id)
    type_into(dialog.form.notes_edit, "儿子代签")
    questions = answer_next_question(_("Keep editing"))
    dialog.reject()
    assert questions and dialog.isVisible()
    questions = answer_next_question(_("Discard"))
    dialog.reject()
    assert questions and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_deceased_senior_shows_the_history_but_takes_no_new_consent(
    open_dialog: Callable[[Actor, int], ConsentDialog],
    center: CareCenter,
    admin: Actor,
    senior_id: int,
    worker: StaffInfo,
) -> None:
    center.consent.record(senior_id, TODAY - dt.timedelta(days=3), worker.id, admin)
    center.seniors.change_status(senior_id, Status.DECEASED, TODAY, "", admin)
    dialog = open_dialog(admin, senior_id)
    assert dialog.history_table.rowCount() == 1
    assert dialog.record_button.isHidden() and dialog.withdraw_button.isHidden()
    assert not dialog.form.staff_combo.isEnabled()
