# mypy: disable-error-code="no-untyped-call"
"""Every 打印 button of the app: a click renders the printout off the UI thread (inline here) and opens
the preview on it, titled as the button says, with the page count and the records the page shows.

The clock stands at Sunday 22 November 2026, 09:00.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import PartyInput
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput
from tests.conftest import TODAY
from tests.core import test_subsidy_rosters as rosters
from tests.core.test_attendance import day_care_plan
from tests.core.test_birthday_list import NOVEMBER
from tests.core.test_birthday_list import senior as birthday_senior
from tests.core.test_due import senior
from tests.core.test_meal_serving import meal_senior
from tests.core.test_subsidy_rosters import People
from tests.core.test_visit_schedule import home_plan, team, weekly
from tests.pdf_helpers import all_text, page_texts
from tests.ui.conftest import on_modal
from ui.dialogs.print_preview import PreviewDialog
from ui.pages.birthdays_page import BirthdaysPage
from ui.pages.daycare_page import DaycarePage
from ui.pages.meals_page import MealsPage
from ui.pages.quality_page import QualityPage
from ui.pages.senior_detail import SeniorDetailDialog
from ui.pages.seniors_page import SeniorsPage
from ui.pages.subsidies_page import SubsidiesPage
from ui.pages.visits_page import VisitsPage
from ui.printing import PrintJob

people = rosters.people  # the roster tests' four seniors, as a fixture here too


@pytest.fixture(autouse=True)
def _jobs_run_inline() -> Iterator[None]:
    PrintJob.synchronous = True
    yield
    PrintJob.synchronous = False


@pytest.fixture
def center_id(center: CareCenter) -> int:
    return center.centers.by_code("C001").id


def opened(job: PrintJob | None, title: str) -> tuple[PreviewDialog, str]:
    """The preview ``job`` opened, checked to be titled ``title`` and to count the file's pages; its text."""
    assert job is not None
    assert job.dialog is not None, job.error
    dialog = job.dialog
    folder = job.folder()
    assert folder is not None
    pdf = next(folder.glob("*.pdf"))
    assert dialog.windowTitle() == f"打印预览：{title}"
    assert dialog.page_text() == f"第 1 页 / 共 {len(page_texts(pdf))} 页"
    return dialog, all_text(pdf)


def close(job: PrintJob) -> None:
    folder = job.folder()
    assert job.dialog is not None
    job.dialog.close_button.click()
    assert folder is not None and not folder.exists()


def test_the_party_prints_its_invitations_and_sign_in_sheet(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, center_id: int
) -> None:
    birthday_senior(center, admin, "王秀英", dt.date(1950, 11, 15), 5)
    birthday_senior(center, admin, "张桂兰", dt.date(1946, 11, 30), 9)
    center.birthdays.create(center_id, NOVEMBER, PartyInput(dt.date(2026, 11, 27), "二楼活动室"), admin)
    page = BirthdaysPage(center, front_desk, center_id=center_id)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    panel = page.party_panel
    assert panel.print_invitations_button.isVisible() and panel.print_sign_in_button.isVisible()

    qtbot.mouseClick(panel.print_invitations_button, Qt.MouseButton.LeftButton)
    assert panel.print_job is not None
    _dialog, text = opened(panel.print_job, "集体生日会邀请名单")
    assert "王秀英" in text and "张桂兰" in text and "二楼活动室" in text
    close(panel.print_job)

    qtbot.mouseClick(panel.print_sign_in_button, Qt.MouseButton.LeftButton)
    assert panel.print_job is not None
    dialog, text = opened(panel.print_job, "集体生日会签到表")
    assert "王秀英" in text and "签" in text
    assert dialog.export_button.isVisible()
    close(panel.print_job)


def test_the_subsidy_roster_is_printed_by_those_who_may_export_it(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, people: People, center_id: int
) -> None:
    desk = SubsidiesPage(center, front_desk, center_id=center_id, synchronous=True)
    qtbot.addWidget(desk)
    desk.show()
    assert desk.tabs.print_button.isHidden()

    page = SubsidiesPage(center, admin, center_id=center_id, synchronous=True)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    assert page.tabs.print_button.isVisible() and page.tabs.print_button.isEnabled()
    qtbot.mouseClick(page.tabs.print_button, Qt.MouseButton.LeftButton)
    dialog, text = opened(page.print_job, "补贴花名册")
    assert people.turns_80.name in text and "未审批（预览）" in text
    assert dialog.export_button.isVisible()
    close(page.print_job)  # type: ignore[arg-type]


def test_day_care_prints_the_shown_days_sheet(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, center_id: int
) -> None:
    zhang = senior(center, admin, "张桂兰", 41).id
    day_care_plan(center, admin, zhang, "67")  # Saturdays and Sundays
    center.attendance.check_in(zhang, front_desk)
    page = DaycarePage(center, front_desk, center_id=center_id)
    qtbot.addWidget(page)
    page.resize(1060, 760)
    page.show()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    _dialog, text = opened(page.print_job, "日间照料签到表")
    assert "张桂兰" in text and "2026-11-22" in text
    close(page.print_job)  # type: ignore[arg-type]

    page.set_center(None)
    assert page.print_sheet() is None
    assert page.status_text() == "请先在顶部选择站点：签到表按站点打印。"


def test_the_kitchen_sheet_is_the_chosen_days_meal(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, center_id: int
) -> None:
    wang = meal_senior(center, admin, "王秀英", dt.date(1946, 4, 5), 31, allergies="花生")
    center.meals.order(OrderInput(wang, TODAY + dt.timedelta(days=1)), front_desk)
    page = MealsPage(center, front_desk, center_id=center_id)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    page.show_tab(page.orders)
    panel = page.orders
    button = panel.kitchen.print_button
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _dialog, text = opened(panel.print_job, "厨房备餐单")
    assert "王秀英" in text and "花生" in text and "2026-11-23" in text
    close(panel.print_job)  # type: ignore[arg-type]


def test_the_visit_schedule_prints_the_week_and_the_chosen_staff_members_round(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, center_id: int
) -> None:
    crew = team(center, admin)
    zhang = senior(center, admin, "张桂兰", 1).id
    wang = senior(center, admin, "王秀英", 2).id
    home_plan(center, admin, crew.social, zhang, weekly(center, "cleaning", {3}, crew.li))
    home_plan(center, admin, crew.social, wang, weekly(center, "cleaning", {4}, crew.wang))
    page = VisitsPage(center, front_desk, center_id=center_id)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    _dialog, text = opened(page.print_job, "上门服务安排表")
    assert "张桂兰" in text and "王秀英" in text and "李娜" in text and "王芳" in text
    close(page.print_job)  # type: ignore[arg-type]

    combo: QComboBox = page.staff_filter
    combo.setCurrentIndex(combo.findText("李娜"))
    page.print_button.click()
    _dialog, text = opened(page.print_job, "上门服务安排表")
    assert "张桂兰" in text and "王秀英" not in text
    close(page.print_job)  # type: ignore[arg-type]


def test_the_data_quality_list_prints_every_problem(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    senior(center, admin, "王秀英", 11)  # no phone, no contact, no consent
    page = QualityPage(center, front_desk)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    assert page.print_button.isVisible()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    _dialog, text = opened(page.print_job, "数据质量问题清单")
    assert "王秀英" in text
    close(page.print_job)  # type: ignore[arg-type]


def test_member_cards_for_the_selected_seniors_then_the_new_ones(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, center_id: int, tmp_path: Path
) -> None:
    for n, name in enumerate(("王秀英", "李建国", "张桂兰"), 21):
        senior(center, admin, name, n)
    page = SeniorsPage(center, front_desk, center_id=center_id)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    bar = page.card_bar
    assert bar.selected_button.isVisible() and bar.new_button.isVisible()
    rows = {page.model.senior_row(r).name: r for r in range(page.model.rowCount())}  # type: ignore[union-attr]
    selection = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    page.table.setCurrentIndex(page.model.index(rows["王秀英"], 0))
    selection.select(page.model.index(rows["李建国"], 0), flags)
    assert len(page.selected_ids()) == 2

    qtbot.mouseClick(bar.new_button, Qt.MouseButton.LeftButton)
    _dialog, text = opened(bar.print_job, "新会员卡")
    assert "王秀英" in text and "李建国" in text and "张桂兰" in text
    close(bar.print_job)  # type: ignore[arg-type]
    pending = {h.name for h in center.reports.cards.pending(front_desk, center_id)}
    assert pending == {"王秀英", "李建国", "张桂兰"}, "a preview closed without printing leaves every card new"

    qtbot.mouseClick(bar.selected_button, Qt.MouseButton.LeftButton)
    dialog, text = opened(bar.print_job, "会员卡")
    assert "王秀英" in text and "李建国" in text and "张桂兰" not in text
    dialog.ask_save_path = lambda *_args: tmp_path / "cards.pdf"  # type: ignore[method-assign]
    assert dialog.save_pdf() == tmp_path / "cards.pdf"
    close(bar.print_job)  # type: ignore[arg-type]
    assert {h.name for h in center.reports.cards.pending(front_desk, center_id)} == {"张桂兰"}

    qtbot.mouseClick(bar.new_button, Qt.MouseButton.LeftButton)
    dialog, text = opened(bar.print_job, "新会员卡")
    assert "张桂兰" in text and "王秀英" not in text, "the cards saved a moment ago are no longer new"
    dialog.ask_save_path = lambda *_args: tmp_path / "new-cards.pdf"  # type: ignore[method-assign]
    dialog.save_pdf()
    close(bar.print_job)  # type: ignore[arg-type]

    texts: list[str] = []
    on_modal(lambda box: texts.append(box.text() if isinstance(box, QMessageBox) else ""))
    bar.new_button.click()
    assert texts and "会员卡" in texts[0], "nobody is left without a card: the core says so"
    assert bar.print_job is not None and bar.print_job.dialog is None

    page.set_center(None)
    assert not bar.selected_button.isEnabled() and not bar.new_button.isEnabled()


def test_the_care_summary_is_for_the_roles_that_write_care_plans(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, social_worker: Actor
) -> None:
    zhang = senior(center, admin, "张桂兰", 51).id
    desk = SeniorDetailDialog(center, front_desk, zhang)
    qtbot.addWidget(desk)
    assert desk.print_button.isHidden()

    detail = SeniorDetailDialog(center, social_worker, zhang)
    qtbot.addWidget(detail)
    detail.show()
    assert detail.print_button.isVisible()
    qtbot.mouseClick(detail.print_button, Qt.MouseButton.LeftButton)
    dialog, text = opened(detail.print_job, "照护小结")
    assert "张桂兰" in text
    assert dialog.export_button.isHidden()
    assert dialog.file_name.startswith("照护小结-张桂兰-2026-11-22")
    close(detail.print_job)  # type: ignore[arg-type]


def test_a_preview_is_saved_under_the_listings_title_and_period(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor, center_id: int, tmp_path: Path
) -> None:
    senior(center, admin, "张桂兰", 41)
    page = DaycarePage(center, front_desk, center_id=center_id)
    qtbot.addWidget(page)
    page.show()
    job = page.print_sheet()
    dialog, _text = opened(job, "日间照料签到表")
    assert dialog.file_name == "日间照料签到表-2026-11-22 周日"
    close(job)  # type: ignore[arg-type]
