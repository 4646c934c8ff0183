# mypy: disable-error-code="no-untyped-call"
"""The care-plan form and the detail view's 照护计划 section, driven as a social worker uses them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.care.plans import PlanInput, PlannedServiceInput
from carecenter.domain import idnumber
from carecenter.domain.vocab import PlanStatus, StaffPosition
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from carecenter.staff import StaffInfo
from tests.conftest import TODAY
from tests.ui.conftest import on_modal
from tests.ui.test_senior_dialog import answer_next_question
from ui.dialogs.care_plan_actions import ClosePlanDialog, SignPlanDialog
from ui.dialogs.care_plan_dialog import CarePlanDialog
from ui.sections.care_plan_section import CarePlanSection

TypeInto = Callable[[QWidget, str], None]


@pytest.fixture
def senior_id(center: CareCenter, admin: Actor) -> int:
    data = SeniorInput(name="张桂兰", id_number=idnumber.make("410105", dt.date(1941, 3, 2), 42))
    return center.seniors.create(data, admin).id


@pytest.fixture
def liu(center: CareCenter, admin: Actor) -> StaffInfo:
    return center.staff.create("刘芳", StaffPosition.SOCIAL_WORKER, admin)


@pytest.fixture
def wang(center: CareCenter, admin: Actor) -> StaffInfo:
    return center.staff.create("王秀英", StaffPosition.CAREGIVER, admin)


@pytest.fixture
def open_dialog(qtbot: QtBot, center: CareCenter, social_worker: Actor) -> Iterator[Callable[..., CarePlanDialog]]:
    opened: list[CarePlanDialog] = []

    def _open(senior_id: int, plan: object = None) -> CarePlanDialog:
        dialog = CarePlanDialog(center, social_worker, senior_id, plan)  # type: ignore[arg-type]
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield _open
    for dialog in opened:
        dialog.done(QDialog.DialogCode.Rejected)
        dialog.deleteLater()


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_id(center: CareCenter, name: str) -> int:
    return next(t.id for t in center.catalogue.types(include_retired=True) if t.name == name)


def fill_texts(dialog: CarePlanDialog, type_into: TypeInto) -> None:
    type_into(dialog.needs_edit, "独居，行走需扶助")
    type_into(dialog.goals_edit, "每周三次到中心用午餐")


def signed_plan(center: CareCenter, actor: Actor, senior_id: int, signer: int) -> int:
    plan = PlanInput(
        needs="独居",
        goals="按时用餐",
        start_on=dt.date(2026, 11, 1),
        review_on=dt.date(2027, 5, 1),
        services=(
            PlannedServiceInput(type_id(center, "日间托老"), weekdays=frozenset({1, 3, 5})),
            PlannedServiceInput(type_id(center, "助浴"), times_per_month=2),
        ),
    )
    draft = center.care_plans.create(senior_id, plan, actor)
    return center.care_plans.sign(draft.id, signer, actor).id


def test_writing_and_signing_a_plan_with_day_care_on_mon_wed_fri(
    open_dialog: Callable[..., CarePlanDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    social_worker: Actor,
    senior_id: int,
    liu: StaffInfo,
    wang: StaffInfo,
) -> None:
    dialog = open_dialog(senior_id)
    assert dialog.windowTitle() == "新建照护计划：张桂兰"
    assert (dialog.start_edit.text(), dialog.review_edit.text(), dialog.end_edit.text()) == (
        "2026-11-22",
        "2027-05-22",
        "",
    )
    fill_texts(dialog, type_into)
    click(qtbot, dialog.services.add_button)
    card = dialog.services.cards[0]
    assert card.number_label.text() == "服务 1"
    assert [card.type_combo.itemText(i) for i in range(3)] == ["日间托老", "助餐", "助洁"]
    card.type_combo.setCurrentIndex(card.type_combo.findText("日间托老"))
    for day in (1, 3, 5):
        click(qtbot, card.day_boxes[day])
    assert [card.day_boxes[d].text() for d in (1, 3, 5)] == ["周一", "周三", "周五"]

    click(qtbot, dialog.services.add_button)
    bath = dialog.services.cards[1]
    bath.type_combo.setCurrentIndex(bath.type_combo.findText("助浴"))
    click(qtbot, bath.monthly_radio)
    assert bath.times_spin.value() == 4  # the usual weekly bath is the default
    bath.times_spin.setValue(3)
    bath.times_spin.setValue(4)
    bath.staff_combo.setCurrentIndex(bath.staff_combo.findData(wang.id))
    type_into(bath.notes_edit, "冬季在中心洗")

    dialog.signer_combo.setCurrentIndex(dialog.signer_combo.findData(liu.id))
    assert [dialog.signer_combo.itemText(i) for i in range(dialog.signer_combo.count())] == ["刘芳"]
    click(qtbot, dialog.sign_button)

    assert dialog.result() == QDialog.DialogCode.Accepted
    plan = center.care_plans.current(senior_id, social_worker)
    assert plan is not None and dialog.saved == plan
    assert (plan.needs, plan.goals, plan.signed_by_name, plan.signed_on) == (
        "独居，行走需扶助",
        "每周三次到中心用午餐",
        "刘芳",
        TODAY,
    )
    assert [(s.service_name, s.schedule_text, s.staff_name, s.notes) for s in plan.services] == [
        ("日间托老", "周一、三、五", "", ""),
        ("助浴", "每月 4 次", "王秀英", "冬季在中心洗"),
    ]


def test_refusals_show_under_their_fields_and_nothing_is_saved(
    open_dialog: Callable[..., CarePlanDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    social_worker: Actor,
    senior_id: int,
) -> None:
    dialog = open_dialog(senior_id)
    fill_texts(dialog, type_into)
    dialog.review_edit.line.clear()
    qtbot.keyClicks(dialog.review_edit.line, "2026-11-01")
    qtbot.keyClicks(dialog.end_edit.line, "2026-11-30")
    click(qtbot, dialog.services.add_button)
    card = dialog.services.cards[0]
    card.type_combo.setCurrentIndex(card.type_combo.findText("助餐"))
    qtbot.keyClicks(card.end_edit.line, "2026-12-31")
    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert dialog.error_for("review_on") == "必须晚于开始日期（2026-11-22）"
    assert dialog.error_for("services.0.weekdays") == "请勾选服务日，或填写每月次数"
    assert dialog.error_for("services.0.end_on") == "不能晚于计划结束日期（2026-11-30）"
    assert dialog.error_for("end_on") == ""
    assert center.care_plans.history(senior_id, social_worker) == []

    click(qtbot, card.day_boxes[2])  # touching an input takes its message away
    assert dialog.error_for("services.0.weekdays") == ""
    card.end_edit.line.clear()
    assert dialog.error_for("services.0.end_on") == ""
    dialog.review_edit.line.clear()
    qtbot.keyClicks(dialog.review_edit.line, "2027-05-22")
    assert dialog.error_for("review_on") == ""
    click(qtbot, dialog.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    draft = center.care_plans.draft(senior_id, social_worker)
    assert draft is not None and [s.schedule_text for s in draft.services] == ["周二"]


def test_signing_needs_a_social_worker_and_a_removed_card_is_not_saved(
    open_dialog: Callable[..., CarePlanDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    social_worker: Actor,
    senior_id: int,
    liu: StaffInfo,
) -> None:
    dialog = open_dialog(senior_id)
    fill_texts(dialog, type_into)
    for _ in range(2):
        click(qtbot, dialog.services.add_button)
    first, second = dialog.services.cards
    first.choose(type_id(center, "助餐"), weekdays=(1, 2, 3, 4, 5))
    click(qtbot, first.remove_button)
    assert dialog.services.cards == [second]
    assert second.number_label.text() == "服务 1"
    second.choose(type_id(center, "助洁"), times_per_month=2)
    click(qtbot, dialog.sign_button)
    assert dialog.error_for("signed_by_staff_id") == "请选择在职的社工"
    assert center.care_plans.history(senior_id, social_worker) == []  # nothing saved without a signer
    dialog.signer_combo.setCurrentIndex(0)
    click(qtbot, dialog.sign_button)
    plan = center.care_plans.current(senior_id, social_worker)
    assert plan is not None and [(s.service_name, s.schedule_text) for s in plan.services] == [("助洁", "每月 2 次")]


def test_changing_a_signed_plan_makes_version_two_and_a_retired_service_is_explained(
    open_dialog: Callable[..., CarePlanDialog],
    qtbot: QtBot,
    center: CareCenter,
    admin: Actor,
    social_worker: Actor,
    senior_id: int,
    liu: StaffInfo,
) -> None:
    plan_id = signed_plan(center, social_worker, senior_id, liu.id)
    center.catalogue.retire(type_id(center, "助浴"), admin)
    dialog = open_dialog(senior_id, center.care_plans.get(plan_id, social_worker))
    assert dialog.windowTitle() == "修改照护计划（新版本 2）：张桂兰"
    bath = dialog.services.cards[1]
    assert bath.type_combo.currentText() == "助浴（已停用）"
    assert bath.monthly_radio.isChecked() and bath.times_spin.value() == 2
    click(qtbot, dialog.save_button)
    assert dialog.error_for("services.1.service_type_id") == "服务项目“助浴”已停用"
    assert center.care_plans.draft(senior_id, social_worker) is None

    click(qtbot, bath.remove_button)
    click(qtbot, dialog.save_button)
    draft = center.care_plans.draft(senior_id, social_worker)
    assert draft is not None and (draft.version, draft.series_id) == (2, plan_id)
    assert [s.service_name for s in draft.services] == ["日间托老"]
    assert center.care_plans.get(plan_id, social_worker).status is PlanStatus.ACTIVE


def test_cancelling_a_filled_form_asks_first(
    open_dialog: Callable[..., CarePlanDialog], type_into: TypeInto, senior_id: int
) -> None:
    dialog = open_dialog(senior_id)
    type_into(dialog.needs_edit, "独居")
    seen = answer_next_question("继续填写")
    dialog.reject()
    assert seen == ["照护计划还有未保存的修改。关闭并放弃吗？"]
    assert dialog.isVisible()


# ---- the section -------------------------------------------------------------------------


@pytest.fixture
def section(qtbot: QtBot, center: CareCenter, social_worker: Actor) -> CarePlanSection:
    widget = CarePlanSection(center, social_worker)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    return widget


def test_the_section_shows_the_plan_in_force_the_draft_and_old_versions(
    section: CarePlanSection, qtbot: QtBot, center: CareCenter, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    section.load(senior_id)
    assert section.state_label.text() == "尚无照护计划"
    assert section.new_button.isEnabled() and not section.revise_button.isEnabled()

    plan_id = signed_plan(center, social_worker, senior_id, liu.id)
    plan = center.care_plans.get(plan_id, social_worker)
    center.care_plans.revise(plan_id, plan.as_input(), social_worker)
    section.load(senior_id)
    assert section.state_label.text() == "执行中：第 1 版，刘芳于 2026-11-22 签字；复核日期 2027-05-01"
    assert section.draft_label.text() == "有一份草稿（第 2 版）等待签字。"
    assert [section.versions_table.item(r, 1).text() for r in range(2)] == ["草稿", "执行中"]  # type: ignore[union-attr]
    assert section.view.heading.text() == "第 1 版 · 执行中 · 刘芳于 2026-11-22 签字"
    table = section.view.services_table
    assert [table.item(0, c).text() for c in range(4)] == ["日间托老", "周一、三、五", "", "按计划"]  # type: ignore[union-attr]
    assert not section.new_button.isEnabled() and not section.revise_button.isEnabled()
    assert section.sign_button.isEnabled() and section.close_button.isEnabled()

    seen: list[QWidget] = []

    def sign(dialog: QWidget) -> None:
        assert isinstance(dialog, SignPlanDialog)
        dialog.signer_combo.setCurrentIndex(dialog.signer_combo.findData(liu.id))
        click(qtbot, dialog.do_button)

    with qtbot.waitSignal(section.changed):
        on_modal(sign, seen)
        assert section.sign_draft()
    section.load(senior_id)
    assert [section.versions_table.item(r, 1).text() for r in range(2)] == ["执行中", "已被新版本取代"]  # type: ignore[union-attr]
    assert not section.new_button.isEnabled() and section.revise_button.isEnabled()
    section.versions_table.setCurrentCell(1, 0)
    assert section.view.heading.text() == "第 1 版 · 已被新版本取代 · 刘芳于 2026-11-22 签字"
    assert section.view.text.values["needs"].text() == "独居"


def test_ending_the_plan_from_the_section(
    section: CarePlanSection, qtbot: QtBot, center: CareCenter, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    signed_plan(center, social_worker, senior_id, liu.id)
    section.load(senior_id)

    def end(dialog: QWidget) -> None:
        assert isinstance(dialog, ClosePlanDialog)
        assert dialog.date_edit.text() == "2026-11-22"
        dialog.date_edit.line.clear()
        qtbot.keyClicks(dialog.date_edit.line, "2026-10-31")
        click(qtbot, dialog.do_button)
        assert dialog.row.error_text() == "不能早于开始日期（2026-11-01）"
        dialog.date_edit.set_date(TODAY)
        click(qtbot, dialog.do_button)

    on_modal(end)
    assert section.close_plan()
    section.load(senior_id)
    assert section.state_label.text() == "尚无照护计划"
    assert section.versions_table.item(0, 1).text() == "已结束"  # type: ignore[union-attr]
    assert section.new_button.isEnabled() and not section.close_button.isEnabled()


def test_a_new_plan_and_a_discarded_draft_from_the_section(
    section: CarePlanSection,
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    social_worker: Actor,
    senior_id: int,
) -> None:
    section.load(senior_id)

    def write(dialog: QWidget) -> None:
        assert isinstance(dialog, CarePlanDialog)
        fill_texts(dialog, type_into)
        click(qtbot, dialog.services.add_button)
        dialog.services.cards[0].choose(type_id(center, "日间托老"), weekdays=(1, 3, 5))
        click(qtbot, dialog.save_button)

    on_modal(write)
    assert section.new_plan()
    section.load(senior_id)
    assert section.draft_label.text() == "有一份草稿（第 1 版）等待签字。"
    answer_next_question("删除草稿")
    assert section.discard_draft()
    assert center.care_plans.history(senior_id, social_worker) == []


def test_the_front_desk_reads_the_plan_without_the_buttons(
    qtbot: QtBot, center: CareCenter, front_desk: Actor, social_worker: Actor, senior_id: int, liu: StaffInfo
) -> None:
    signed_plan(center, social_worker, senior_id, liu.id)
    widget = CarePlanSection(center, front_desk)
    qtbot.addWidget(widget)
    widget.load(senior_id)
    assert CarePlanSection.available_to(front_desk)
    assert widget.title() == "照护计划"
    assert widget.state_label.text().startswith("执行中：第 1 版")
    assert not any(
        b.isVisibleTo(widget)
        for b in (widget.new_button, widget.revise_button, widget.sign_button, widget.close_button)
    )
    assert not widget.new_plan()


def test_add_a_service_stays_at_hand_and_shows_the_new_card(
    qtbot: QtBot, open_dialog: Callable[..., CarePlanDialog], senior_id: int
) -> None:
    dialog = open_dialog(senior_id)
    for _n in range(4):
        click(qtbot, dialog.services.add_button)
    newest = dialog.services.cards[-1]
    assert newest.number_label.text() == "服务 4"
    qtbot.waitUntil(lambda: not newest.visibleRegion().isEmpty())  # scrolled down to it
    assert dialog.focusWidget() is newest.type_combo  # ready to choose the service with the keyboard
