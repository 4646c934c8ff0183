"""The senior detail view (老人详情): opened from the list, its header and alert strip, its tabs reloading together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInput
from carecenter.care.instruments import GBT42195
from carecenter.domain import idnumber
from carecenter.domain.vocab import CareLevel, Category, DietFlag, StaffPosition, Status
from carecenter.facade import CareCenter
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput
from tests.conftest import TODAY
from tests.ui.conftest import on_modal
from ui.dialogs.health_dialog import HealthDialog
from ui.dialogs.senior_dialog import SeniorDialog
from ui.pages.senior_detail import SECTION_TYPES, SeniorDetailDialog, open_senior_detail
from ui.pages.seniors_page import SeniorsPage
from ui.sections.assessments_section import AssessmentsSection
from ui.sections.base import Section
from ui.sections.care_plan_section import CarePlanSection
from ui.sections.health_section import HealthSection
from ui.sections.incidents_section import IncidentsSection
from ui.sections.profile_section import ProfileSection
from ui.sections.subsidies_section import SubsidiesSection

TypeInto = Callable[[QWidget, str], None]
MA_ID = idnumber.make("410104", dt.date(1941, 4, 3), 22)


@pytest.fixture
def senior_id(center: CareCenter, admin: Actor) -> int:
    data = SeniorInput(
        name="马桂兰",
        id_number=MA_ID,
        phones=("13838112345",),
        community="北下街社区",
        care_level=CareLevel.MILD,
        categories=(
            CategoryPeriod(Category.DIBAO, dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
            CategoryPeriod(Category.EMPTY_NEST, dt.date(2024, 3, 1)),
        ),
        diet_flags=frozenset({DietFlag.HALAL}),
        allergies="青霉素",
        contacts=(Contact("白伟", "儿子", "13903710000"),),
    )
    return center.seniors.create(data, admin).id


@pytest.fixture
def open_view(qtbot: QtBot, center: CareCenter, senior_id: int) -> Iterator[Callable[..., SeniorDetailDialog]]:
    opened: list[SeniorDetailDialog] = []

    def _open(actor: Actor, section_types: list[type[Section]] | None = None) -> SeniorDetailDialog:
        view = SeniorDetailDialog(center, actor, senior_id, section_types=section_types)
        view.show()
        qtbot.waitExposed(view)
        opened.append(view)
        return view

    yield _open
    for view in opened:
        view.done(QDialog.DialogCode.Rejected)
        view.deleteLater()


def test_enter_in_the_seniors_list_opens_the_detail_view_with_the_alert_strip(
    qtbot: QtBot, center: CareCenter, admin: Actor, senior_id: int
) -> None:
    page = SeniorsPage(center, admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.search_box, "mgl")
    seen: list[QWidget] = []

    def look(view: QWidget) -> None:
        assert isinstance(view, SeniorDetailDialog) and view.senior_id == senior_id
        assert view.windowTitle() == "老人详情：马桂兰（M000001）"
        assert view.tab_titles() == ["基本档案", "能力评估", "照护计划", "事件记录", "健康与饮食", "补贴"]
        assert view.tabs.currentIndex() == 0
        assert view.alert_text() == "清真　过敏：青霉素"
        assert view.header.name_label.text() == "马桂兰"
        assert view.header.facts_label.text() == "M000001　·　女　·　85 岁　·　在册"

    on_modal(look, seen)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)  # the one match opens at once
    assert len(seen) == 1
    page.close()


def test_the_section_list_is_the_one_place_to_add_a_tab() -> None:
    shown = list(SECTION_TYPES)
    assert shown == [
        ProfileSection,
        AssessmentsSection,
        CarePlanSection,
        IncidentsSection,
        HealthSection,
        SubsidiesSection,
    ]


def test_saving_health_updates_the_strip_and_the_health_tab(
    open_view: Callable[..., SeniorDetailDialog], qtbot: QtBot, type_into: TypeInto, admin: Actor
) -> None:
    view = open_view(admin)
    assert not view.header.risk_strip.isVisibleTo(view)
    assert view.show_section(HealthSection)
    health = view.section(HealthSection)
    assert isinstance(health, HealthSection)
    assert health.text_of("diet", "diet_flags") == "清真"

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, HealthDialog)
        box = dialog.diet_boxes[DietFlag.LOW_SALT]
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        type_into(dialog.allergies_edit, "、花生")
        fall = dialog.risk_boxes["fall_risk"]
        qtbot.mouseClick(fall, Qt.MouseButton.LeftButton, pos=QPoint(8, fall.height() // 2))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.saved is not None, dialog.banner.text()

    seen = on_modal(edit)
    qtbot.mouseClick(health.edit_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert view.alert_text() == "清真　低盐　过敏：青霉素、花生"
    assert view.header.risk_strip.isVisibleTo(view) and view.header.risk_strip.text() == "跌倒风险"
    assert health.text_of("diet", "diet_flags") == "清真、低盐"
    assert health.text_of("risks", "risks") == "跌倒风险"
    profile = view.section(ProfileSection)
    assert isinstance(profile, ProfileSection) and profile.detail is not None
    assert profile.detail.allergies == "青霉素、花生"  # every tab was read again
    assert view.changed


def test_editing_the_record_from_the_profile_updates_the_header(
    open_view: Callable[..., SeniorDetailDialog], qtbot: QtBot, type_into: TypeInto, admin: Actor
) -> None:
    view = open_view(admin)
    profile = view.section(ProfileSection)
    assert isinstance(profile, ProfileSection)

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, SeniorDialog)
        dialog.form.name_edit.clear()
        type_into(dialog.form.name_edit, "马桂芳")
        assert dialog.save(), dialog.banner.text()

    seen = on_modal(rename)
    qtbot.mouseClick(profile.edit_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert view.header.name_label.text() == "马桂芳"
    assert view.windowTitle() == "老人详情：马桂芳（M000001）"
    assert view.changed


def test_the_profile_shows_categories_with_dates_contacts_status_and_consent(
    open_view: Callable[..., SeniorDetailDialog], center: CareCenter, admin: Actor, senior_id: int
) -> None:
    worker = center.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, admin)
    center.consent.record(senior_id, TODAY, worker.id, admin)
    profile = open_view(admin).section(ProfileSection)
    assert isinstance(profile, ProfileSection)
    assert profile.text_of("categories", "categories") == (
        "低保　2025-01-01 ~ 2025-12-31（今日不在有效期内）\n空巢　2024-03-01 ~ …"
    )
    assert profile.text_of("contacts", "contacts") == "白伟（儿子）　13903710000"
    assert profile.text_of("reach", "phones") == "13838112345"
    assert profile.text_of("basics", "age") == "85 岁（1941-04-03 出生）"
    assert profile.text_of("basics", "id_number") == MA_ID  # an admin sees the full number
    assert profile.text_of("status", "status") == "在册（2026-11-22 起）"
    assert profile.text_of("consent", "consent") == "已签署 2026-11-22（经办：刘社工）"


def test_the_front_desk_sees_masked_ids_and_no_status_button(
    open_view: Callable[..., SeniorDetailDialog], front_desk: Actor
) -> None:
    view = open_view(front_desk)
    profile = view.section(ProfileSection)
    health = view.section(HealthSection)
    assert isinstance(profile, ProfileSection) and isinstance(health, HealthSection)
    assert profile.text_of("basics", "id_number") == idnumber.mask(MA_ID)
    assert not profile.status_button.isVisibleTo(view)
    assert profile.edit_button.isVisibleTo(view) and profile.consent_button.isVisibleTo(view)
    assert not health.edit_button.isHidden()  # (a tab not shown yet) the front desk corrects a diet or an allergy
    assert view.alert_text() == "清真　过敏：青霉素"


def test_the_header_shows_the_care_level_and_where_it_comes_from(
    open_view: Callable[..., SeniorDetailDialog], center: CareCenter, admin: Actor, senior_id: int
) -> None:
    view = open_view(admin)
    assert view.header.care_label.text() == "照护等级：轻度失能（录入值，本中心未评估）"
    one = center.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, admin)
    two = center.staff.create("陈护理", StaffPosition.CAREGIVER, admin)
    scores = {item.code: item.max_score for item in GBT42195.items}
    data = AssessmentInput(GBT42195.code, TODAY - dt.timedelta(days=2), one.id, two.id, scores)
    center.assessments.record(senior_id, data, admin)
    view.reload()
    assert view.header.care_label.text() == "照护等级：能力完好（GB/T 42195，2026-11-20 评估）"


class _Counting(Section):
    """A section that remembers each load and can say it saved something."""

    loads: list[int]

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, parent)
        self.loads = []

    def title(self) -> str:
        return type(self).__name__

    def load(self, senior_id: int) -> None:
        self.loads.append(senior_id)


class _First(_Counting):
    pass


class _Second(_Counting):
    pass


class _SocialWorkOnly(_Counting):
    @classmethod
    def available_to(cls, actor: Actor) -> bool:
        return actor.role.value != "front_desk"


def test_a_change_in_one_section_reloads_them_all_and_hidden_sections_are_left_out(
    open_view: Callable[..., SeniorDetailDialog], front_desk: Actor, admin: Actor, senior_id: int
) -> None:
    desk_view = open_view(front_desk, [_First, _SocialWorkOnly, _Second])
    assert desk_view.tab_titles() == ["_First", "_Second"]
    view = open_view(admin, [_First, _SocialWorkOnly, _Second])
    assert view.tab_titles() == ["_First", "_SocialWorkOnly", "_Second"]
    first, _middle, second = view.sections
    assert isinstance(first, _Counting) and isinstance(second, _Counting)
    assert (first.loads, second.loads) == ([senior_id], [senior_id])
    second.changed.emit()
    assert (first.loads, second.loads) == ([senior_id] * 2, [senior_id] * 2)
    assert view.changed


def test_ctrl_number_switches_tabs_and_esc_closes(
    open_view: Callable[..., SeniorDetailDialog], qtbot: QtBot, admin: Actor
) -> None:
    view = open_view(admin, [_First, _Second])
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentIndex() == 1
    qtbot.keyClick(view.tabs, Qt.Key.Key_Escape)
    assert not view.isVisible()
    assert view.result() == QDialog.DialogCode.Rejected  # nothing saved


def test_a_senior_gone_meanwhile_is_explained(qtbot: QtBot, center: CareCenter, admin: Actor) -> None:
    seen = on_modal(lambda box: None)
    assert open_senior_detail(center, admin, 4242) is False
    assert len(seen) == 1 and seen[0].windowTitle() == "无法显示该老人"


def test_a_deceased_senior_cannot_change_status_again(
    open_view: Callable[..., SeniorDetailDialog], center: CareCenter, admin: Actor, senior_id: int
) -> None:
    center.seniors.change_status(senior_id, Status.DECEASED, TODAY, "病故", admin)
    view = open_view(admin)
    profile = view.section(ProfileSection)
    assert isinstance(profile, ProfileSection)
    assert not profile.status_button.isEnabled()
    assert view.header.facts_label.text() == "M000001　·　女　·　85 岁　·　去世（2026-11-22 起）"
