# mypy: disable-error-code="no-untyped-call"
"""Two desks, one senior: the form saved over another desk's change shows what changed, and each answer does what it says.

The senior form is open on this desk; meanwhile another desk (its own CareCenter on the same
database) changes the phone number; here the user changes the address and presses 保存.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import URL

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import PartyInput
from carecenter.care.incidents import IncidentInput
from carecenter.care.plan_info import PlanInput
from carecenter.clock import FixedClock
from carecenter.desk.activity_dto import ActivityInput
from carecenter.desk.call_dto import CallInput
from carecenter.desk.visit_dto import VisitInput
from carecenter.domain.desk_vocab import ActivityKind, CallerKind
from carecenter.domain.vocab import IncidentKind, StaffPosition
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.ui.conftest import on_modal
from ui.dialogs.activity_dialog import ActivityDialog
from ui.dialogs.call_dialog import CallDialog
from ui.dialogs.care_plan_dialog import CarePlanDialog
from ui.dialogs.edit_conflict_dialog import EditConflictDialog
from ui.dialogs.health_dialog import HealthDialog
from ui.dialogs.incident_dialog import IncidentDialog
from ui.dialogs.party_dialog import PartyDialog
from ui.dialogs.senior_dialog import SeniorDialog
from ui.dialogs.staff_dialog import StaffDialog
from ui.dialogs.visit_dialog import VisitDialog

TypeInto = Callable[[QWidget, str], None]
OLD_ADDRESS, NEW_ADDRESS = "金水区文化路 97 号", "金水区经三路 12 号"
OLD_PHONE, THEIR_PHONE = "13800001111", "13912345678"
HEADLINE = "test-desk 在 2026-11-22 09:07 修改了这条记录（您编辑期间）"
PHONE_ROW = ("电话", OLD_PHONE, THEIR_PHONE, OLD_PHONE)


@pytest.fixture
def other_desk(db_url: URL, clock: FixedClock, center: CareCenter) -> Iterator[CareCenter]:
    cc = CareCenter.open(db_url, clock, busy_timeout_s=0.2)
    yield cc
    cc.close()


@pytest.fixture
def senior_id(center: CareCenter, admin: Actor) -> int:
    data = SeniorInput(
        name="张桂兰",
        id_number=an_id(dt.date(1945, 3, 2)),
        phones=(OLD_PHONE,),
        address=OLD_ADDRESS,
        registered_on=dt.date(2025, 3, 1),
    )
    return center.seniors.create(data, admin).id


@pytest.fixture
def stale_form(
    qtbot: QtBot,
    center: CareCenter,
    other_desk: CareCenter,
    admin: Actor,
    front_desk: Actor,
    senior_id: int,
    clock: FixedClock,
    type_into: TypeInto,
) -> Iterator[SeniorDialog]:
    """The edit form, opened before the other desk changed the phone; the address retyped here."""
    dialog = SeniorDialog(center, admin, senior_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    clock.current += dt.timedelta(minutes=7)
    shown = other_desk.seniors.get(senior_id, front_desk)
    other_desk.seniors.update(senior_id, replace(shown.as_input(), phones=(THEIR_PHONE,)), front_desk)
    dialog.form.address_edit.clear()
    type_into(dialog.form.address_edit, NEW_ADDRESS)
    yield dialog
    dialog.done(QDialog.DialogCode.Rejected)
    dialog.deleteLater()


def stored(cc: CareCenter, actor: Actor, senior_id: int) -> tuple[tuple[str, ...], str]:
    detail = cc.seniors.get(senior_id, actor)
    return detail.phones, detail.address


def press_save_and(qtbot: QtBot, dialog: SeniorDialog, action: Callable[[EditConflictDialog], None]) -> list[QWidget]:
    """Press 保存 and run ``action`` on the question that comes up; the question(s) seen."""

    def on_question(widget: QWidget) -> None:
        assert isinstance(widget, EditConflictDialog)
        action(widget)

    seen = on_modal(on_question)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return seen


def test_the_question_shows_who_when_and_the_three_values_then_back_to_the_form_keeps_the_typing(
    qtbot: QtBot, stale_form: SeniorDialog, center: CareCenter, admin: Actor, senior_id: int
) -> None:
    read: list[tuple[str, list[tuple[str, ...]], list[str], str]] = []

    def look_then_go_back(question: EditConflictDialog) -> None:
        header = question.table.horizontalHeader()
        model = question.table.model()
        columns = [str(model.headerData(c, header.orientation())) for c in range(question.table.columnCount())]
        read.append((question.headline.text(), question.rows(), columns, question.back_button.text()))
        assert question.keep_button.text() == "保留我的修改"
        assert question.theirs_button.text() == "采用对方的版本"
        qtbot.mouseClick(question.back_button, Qt.MouseButton.LeftButton)

    seen = press_save_and(qtbot, stale_form, look_then_go_back)

    assert len(seen) == 1
    assert read == [(HEADLINE, [PHONE_ROW], ["项目", "您打开时", "对方改为", "您填写的"], "返回修改")]
    assert stale_form.isVisible() and stale_form.saved is None
    assert stale_form.form.address_edit.text() == NEW_ADDRESS
    assert stored(center, admin, senior_id) == ((THEIR_PHONE,), OLD_ADDRESS)


def test_escape_is_back_to_the_form(
    qtbot: QtBot, stale_form: SeniorDialog, center: CareCenter, admin: Actor, senior_id: int
) -> None:
    seen = press_save_and(qtbot, stale_form, lambda q: qtbot.keyClick(q, Qt.Key.Key_Escape))
    assert len(seen) == 1 and not seen[0].isVisible()
    assert stale_form.isVisible() and stale_form.form.address_edit.text() == NEW_ADDRESS
    assert stored(center, admin, senior_id) == ((THEIR_PHONE,), OLD_ADDRESS)


def test_keep_my_changes_saves_the_form_over_theirs(
    qtbot: QtBot, stale_form: SeniorDialog, center: CareCenter, admin: Actor, senior_id: int
) -> None:
    press_save_and(qtbot, stale_form, lambda q: qtbot.mouseClick(q.keep_button, Qt.MouseButton.LeftButton))
    assert stale_form.result() == QDialog.DialogCode.Accepted
    assert stale_form.saved is not None and stale_form.saved.address == NEW_ADDRESS
    assert stored(center, admin, senior_id) == ((OLD_PHONE,), NEW_ADDRESS)


def test_use_their_version_closes_the_form_and_hands_back_their_record(
    qtbot: QtBot, stale_form: SeniorDialog, center: CareCenter, admin: Actor, senior_id: int
) -> None:
    press_save_and(qtbot, stale_form, lambda q: qtbot.mouseClick(q.theirs_button, Qt.MouseButton.LeftButton))
    assert not stale_form.isVisible()
    assert stale_form.result() == QDialog.DialogCode.Accepted  # the page shows the record as it is now
    assert stale_form.saved is not None
    assert (stale_form.saved.phones, stale_form.saved.address) == ((THEIR_PHONE,), OLD_ADDRESS)
    assert stored(center, admin, senior_id) == ((THEIR_PHONE,), OLD_ADDRESS)


# ---- the other edit forms ask the same question ---------------------------------------------


def answer(qtbot: QtBot, save_button: QWidget, button: str) -> list[list[tuple[str, ...]]]:
    """Press ``save_button``, read the question's table and press its ``button`` ("keep" / "theirs" / "back")."""
    tables: list[list[tuple[str, ...]]] = []

    def on_question(widget: QWidget) -> None:
        assert isinstance(widget, EditConflictDialog)
        tables.append(widget.rows())
        qtbot.mouseClick(getattr(widget, f"{button}_button"), Qt.MouseButton.LeftButton)

    on_modal(on_question)
    qtbot.mouseClick(save_button, Qt.MouseButton.LeftButton)
    return tables


def test_the_health_form_keeps_mine_over_theirs(
    qtbot: QtBot, center: CareCenter, other_desk: CareCenter, admin: Actor, senior_id: int, type_into: TypeInto
) -> None:
    dialog = HealthDialog(center, admin, senior_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    theirs = other_desk.health.get(senior_id, admin)
    other_desk.health.update(senior_id, replace(theirs.as_input(), family_doctor="王医生"), admin)
    type_into(dialog.allergies_edit, "青霉素")

    tables = answer(qtbot, dialog.save_button, "keep")

    assert tables == [[("家庭医生", "（无）", "王医生", "（无）")]]
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored_health = center.health.get(senior_id, admin)
    assert (stored_health.allergies, stored_health.family_doctor) == ("青霉素", "")


def test_the_care_plan_draft_form_can_take_their_version(
    qtbot: QtBot,
    center: CareCenter,
    other_desk: CareCenter,
    social_worker: Actor,
    senior_id: int,
    type_into: TypeInto,
) -> None:
    plan = PlanInput(needs="独居", goals="每周三次到中心", start_on=dt.date(2026, 12, 1), review_on=dt.date(2027, 6, 1))
    draft = center.care_plans.create(senior_id, plan, social_worker)
    dialog = CarePlanDialog(center, social_worker, senior_id, draft)
    dialog.show()
    qtbot.waitExposed(dialog)
    other_desk.care_plans.update_draft(draft.id, replace(plan, needs="独居，行走需扶助"), social_worker)
    type_into(dialog.goals_edit, "，保证午餐")

    tables = answer(qtbot, dialog.save_button, "theirs")

    assert tables == [[("需求与问题", "独居", "独居，行走需扶助", "独居")]]
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None and dialog.saved.needs == "独居，行走需扶助"
    stored_plan = center.care_plans.get(draft.id, social_worker)
    assert (stored_plan.needs, stored_plan.goals) == ("独居，行走需扶助", "每周三次到中心")


def test_the_visit_form_goes_back_then_keeps_mine(
    qtbot: QtBot,
    center: CareCenter,
    other_desk: CareCenter,
    admin: Actor,
    front_desk: Actor,
    senior_id: int,
    type_into: TypeInto,
) -> None:
    li = center.staff.create("李娜", StaffPosition.CAREGIVER, admin).id
    wang = center.staff.create("王芳", StaffPosition.CAREGIVER, admin).id
    cleaning = center.catalogue.by_code("cleaning")
    assert cleaning is not None
    data = VisitInput(
        senior_id=senior_id,
        service_type_id=cleaning.id,
        staff_id=li,
        day=dt.date(2026, 11, 20),
        started_at=dt.datetime(2026, 11, 20, 9, 0),
        ended_at=dt.datetime(2026, 11, 20, 10, 30),
        work_done="打扫厨房",
    )
    visit = center.visits.record(data, front_desk)
    dialog = VisitDialog(center, front_desk, senior_id, visit.day, visit=visit)
    dialog.show()
    qtbot.waitExposed(dialog)
    other_desk.visits.update(visit.id, replace(data, staff_id=wang), front_desk)
    dialog.work_edit.moveCursor(QTextCursor.MoveOperation.End)
    type_into(dialog.work_edit, "和卫生间")

    assert answer(qtbot, dialog.save_button, "back") == [[("服务人员", "李娜", "王芳", "李娜")]]
    assert dialog.isVisible() and dialog.work_edit.toPlainText() == "打扫厨房和卫生间"
    assert center.visits.get(visit.id, admin).work_done == "打扫厨房"

    answer(qtbot, dialog.save_button, "keep")
    kept = center.visits.get(visit.id, admin)
    assert (kept.staff_name, kept.work_done) == ("李娜", "打扫厨房和卫生间")


def test_the_call_form_keeps_mine_over_theirs(
    qtbot: QtBot,
    center: CareCenter,
    other_desk: CareCenter,
    admin: Actor,
    front_desk: Actor,
    senior_id: int,
    type_into: TypeInto,
) -> None:
    data = CallInput(CallerKind.FAMILY, "女儿来电：老人在家摔倒", senior_id=senior_id, caller_name="李红")
    call = center.calls.log(data, front_desk)
    dialog = CallDialog(center, front_desk, call.center_id, call=call)
    dialog.show()
    qtbot.waitExposed(dialog)
    other_desk.calls.update(call.id, replace(data, received_at=call.received_at, caller_phone="13803712233"), admin)
    type_into(dialog.action_edit, "已通知社区医生上门")

    assert answer(qtbot, dialog.save_button, "keep") == [[("来电电话", "（无）", "13803712233", "（无）")]]
    stored_call = center.calls.get(call.id, admin)
    assert (stored_call.caller_phone, stored_call.action_taken) == ("", "已通知社区医生上门")


def test_the_incident_activity_party_and_staff_forms_ask_too(
    qtbot: QtBot,
    center: CareCenter,
    other_desk: CareCenter,
    admin: Actor,
    front_desk: Actor,
    senior_id: int,
    type_into: TypeInto,
) -> None:
    """Each form, opened before the other desk's save: the question names the field; 保留我的修改 stores the form."""
    center_id = center.centers.by_code("C001").id

    incident = center.incidents.record(
        senior_id, IncidentInput(IncidentKind.FALL, dt.date(2026, 11, 21), "在卫生间滑倒"), admin
    )
    incident_form = IncidentDialog(center, admin, senior_id, incident)
    other_desk.incidents.update(
        incident.id, IncidentInput(IncidentKind.FALL, dt.date(2026, 11, 21), "在卫生间滑倒", "已包扎"), admin
    )
    incident_form.description_edit.moveCursor(QTextCursor.MoveOperation.End)
    type_into(incident_form.description_edit, "，右膝擦伤")
    assert answer(qtbot, incident_form.save_button, "keep") == [[("处理措施", "（无）", "已包扎", "（无）")]]
    stored_incident = center.incidents.get(incident.id, admin)
    assert (stored_incident.description, stored_incident.action_taken) == ("在卫生间滑倒，右膝擦伤", "")

    plan = ActivityInput(center_id, "书法课", ActivityKind.RECREATION, dt.date(2026, 11, 25), place="二楼活动室")
    activity = center.activities.create(plan, front_desk)
    activity_form = ActivityDialog(center, front_desk, center_id, activity)
    other_desk.activities.update(activity.id, replace(plan, place="一楼大厅"), front_desk)
    type_into(activity_form.notes_edit, "带毛笔")
    assert answer(qtbot, activity_form.save_button, "keep") == [[("地点", "二楼活动室", "一楼大厅", "二楼活动室")]]
    stored_activity = center.activities.get(activity.id, front_desk)
    assert (stored_activity.place, stored_activity.notes) == ("二楼活动室", "带毛笔")

    party_data = PartyInput(dt.date(2026, 12, 18), place="一楼大厅")
    party = center.birthdays.create(center_id, dt.date(2026, 12, 1), party_data, front_desk)
    party_form = PartyDialog(center, front_desk, center_id, dt.date(2026, 12, 1), party)
    other_desk.birthdays.update(party.id, replace(party_data, notes="订蛋糕"), front_desk)
    type_into(party_form.place_edit, "、二楼")
    assert answer(qtbot, party_form.save_button, "keep") == [[("备注", "（无）", "订蛋糕", "（无）")]]
    stored_party = center.birthdays.get(party.id, front_desk)
    assert (stored_party.place, stored_party.notes) == ("一楼大厅、二楼", "")

    staff = center.staff.create("李娜", StaffPosition.CAREGIVER, admin)
    staff_form = StaffDialog(center, admin, staff.id)
    other_desk.staff.update(
        staff.id, admin, name="李娜", position=StaffPosition.CAREGIVER, phone="13700001111", center_id=None
    )
    qtbot.keyClicks(staff_form.phone_edit, "13900002222")
    assert answer(qtbot, staff_form.save_button, "keep") == [[("电话", "（无）", "13700001111", "13900002222")]]
    assert center.staff.get(staff.id).phone == "13900002222"
    for form in (incident_form, activity_form, party_form, staff_form):
        assert form.result() == QDialog.DialogCode.Accepted
        form.deleteLater()
