# mypy: disable-error-code="no-untyped-call"
"""The 待办 page and its sidebar badge: what is listed, red overdue days, sorting, filtering, opening."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.care.due import DueKind
from carecenter.care.incidents import IncidentInput
from carecenter.domain.vocab import IncidentKind, PlanStatus
from carecenter.facade import CareCenter
from tests.conftest import TODAY
from tests.core.test_due import assess, plan, senior
from tests.ui.conftest import on_modal
from ui.main_window import MainWindow
from ui.pages import due_table_model as cols
from ui.pages import senior_detail
from ui.pages.due_page import DuePage
from ui.pages.senior_detail import SeniorDetailDialog
from ui.sections.assessments_section import AssessmentsSection
from ui.sections.care_plan_section import CarePlanSection
from ui.sections.incidents_section import IncidentsSection
from ui.sections.profile_section import ProfileSection


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> dict[str, int]:
    """张桂兰 6 months and 1 day since her assessment, 王秀英 never assessed, 李建国 assessed
    yesterday with a plan to review in 10 days; 张桂兰 has only a draft plan (王秀英, never assessed, is listed
    for her first assessment alone)."""
    zhang = senior(center, admin, "张桂兰", 11)
    wang = senior(center, admin, "王秀英", 12, registered=TODAY - dt.timedelta(days=3))
    li = senior(center, admin, "李建国", 13)
    assess(center, admin, zhang.id, dt.date(2026, 5, 21))
    assess(center, admin, li.id, TODAY - dt.timedelta(days=1))
    plan(center, admin, li.id, review_on=TODAY + dt.timedelta(days=10))
    plan(center, admin, zhang.id, review_on=dt.date(2027, 6, 1), status=PlanStatus.DRAFT)
    return {"张桂兰": zhang.id, "王秀英": wang.id, "李建国": li.id}


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, social_worker: Actor, seniors: dict[str, int]) -> Iterator[DuePage]:
    widget = DuePage(center, social_worker)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()  # showing the page reads the list
    yield widget


def shown(page: DuePage) -> list[tuple[str, str, str, str]]:
    """(name, what is due, due date, when) of every row as the user sees it, top to bottom."""
    view = page.table.model()
    return [
        tuple(  # type: ignore[misc]
            str(view.index(row, col).data()) for col in (cols.COL_NAME, cols.COL_KIND, cols.COL_DUE, cols.COL_WHEN)
        )
        for row in range(view.rowCount())
    ]


def test_lists_every_kind_overdue_first_with_overdue_days_in_red(page: DuePage) -> None:
    assert shown(page) == [
        ("张桂兰", "重新评估", "2026-11-21", "逾期 1 天"),
        ("王秀英", "首次评估", "2026-11-22", "今天到期"),
        ("张桂兰", "无照护计划", "2026-11-22", "今天到期"),
        ("李建国", "照护计划复核", "2026-12-02", "还有 10 天"),
    ]
    view = page.table.model()
    overdue = view.index(0, cols.COL_WHEN)
    assert overdue.data(Qt.ItemDataRole.ForegroundRole).name() == "#b71c1c"
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    assert view.index(1, cols.COL_WHEN).data(Qt.ItemDataRole.ForegroundRole).name() == "#e65100"
    assert view.index(3, cols.COL_WHEN).data(Qt.ItemDataRole.ForegroundRole) is None
    assert view.index(0, cols.COL_DETAIL).data() == "上次评估 2026-05-21（每 6 个月）"
    assert view.index(2, cols.COL_DETAIL).data() == "有草稿待签署"
    assert page.count_label.text() == "共 4 项，逾期 1 项"
    assert page.table.currentIndex().row() == 0  # ready for Enter


def test_the_kind_filter_shows_counts_and_narrows_the_list(page: DuePage) -> None:
    combo = page.kind_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "全部待办（4）",
        "首次评估（1）",
        "重新评估（1）",
        "照护计划复核（1）",
        "照护计划到期（0）",
        "无照护计划（1）",
    ]
    page.choose_kind(DueKind.NO_PLAN)
    assert [row[0] for row in shown(page)] == ["张桂兰"]
    assert page.count_label.text() == "共 1 项，逾期 0 项"
    page.choose_kind(DueKind.PLAN_ENDING)
    assert page.stack.currentWidget() is page.empty_label
    assert page.empty_label.text() == "没有此类待办：“照护计划到期”。"


def test_clicking_a_header_sorts(qtbot: QtBot, page: DuePage) -> None:
    header = page.table.horizontalHeader()

    def click(column: int) -> None:
        middle = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)

    click(cols.COL_NAME)  # by the name's pinyin: li, wang, zhang
    assert [row[0] for row in shown(page)] == ["李建国", "王秀英", "张桂兰", "张桂兰"]
    click(cols.COL_WHEN)  # by due date again; a second click puts the latest first
    assert shown(page)[0][3] == "逾期 1 天"
    click(cols.COL_WHEN)
    assert [row[3] for row in shown(page)][:2] == ["还有 10 天", "今天到期"]


def test_enter_opens_the_senior_on_the_tab_that_settles_it(
    qtbot: QtBot, page: DuePage, seniors: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    tabs = [ProfileSection, AssessmentsSection, CarePlanSection, IncidentsSection]
    monkeypatch.setattr(senior_detail, "SECTION_TYPES", tabs)  # whatever the view lists, these are the ones used
    opened: list[tuple[int, str]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, SeniorDetailDialog)
        opened.append((dialog.senior_id, dialog.tabs.tabText(dialog.tabs.currentIndex())))

    page.choose_kind(DueKind.REASSESSMENT)
    on_modal(look)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    page.choose_kind(DueKind.PLAN_REVIEW)
    on_modal(look)
    page.table.doubleClicked.emit(page.table.model().index(0, cols.COL_NAME))
    assert opened == [(seniors["张桂兰"], "能力评估"), (seniors["李建国"], "照护计划")]


def test_an_incident_puts_the_senior_on_the_list_when_read_again(
    page: DuePage, center: CareCenter, front_desk: Actor, seniors: dict[str, int]
) -> None:
    center.incidents.record(seniors["李建国"], IncidentInput(IncidentKind.FALL, TODAY, "起夜跌倒"), front_desk)
    counts: list[int] = []
    page.count_changed.connect(counts.append)
    page.refresh()
    assert ("李建国", "重新评估", "2026-11-22", "今天到期") in shown(page)
    assert counts == [4]  # due today or overdue: the badge's number


def test_the_interval_is_shown_to_social_workers_and_set_by_admins(
    qtbot: QtBot, center: CareCenter, social_worker: Actor, admin: Actor, seniors: dict[str, int]
) -> None:
    center_id = center.centers.by_code("C001").id
    worker_page = DuePage(center, social_worker, center_id=center_id)
    qtbot.addWidget(worker_page)
    worker_page.show()
    assert worker_page.interval_label.text() == "本站每 6 个月重新评估一次。"
    assert not worker_page.months_spin.isVisible()

    admin_page = DuePage(center, admin, center_id=center_id)
    qtbot.addWidget(admin_page)
    admin_page.show()
    assert admin_page.months_spin.value() == 6 and not admin_page.months_button.isEnabled()
    admin_page.months_spin.setValue(12)
    qtbot.mouseClick(admin_page.months_button, Qt.MouseButton.LeftButton)
    assert center.due.reassess_months(center_id) == 12
    assert admin_page.notice.text() == "已保存：每 12 个月重新评估。"
    assert "重新评估" not in [row[1] for row in shown(admin_page)]  # 张桂兰 is due in May now


# ---- the sidebar entry and its badge ----------------------------------------------------------------


def test_the_sidebar_badge_counts_what_is_due_now(
    qtbot: QtBot, center: CareCenter, social_worker: Actor, front_desk: Actor, seniors: dict[str, int]
) -> None:
    window = MainWindow(center, social_worker)
    qtbot.addWidget(window)
    assert window.area_titles()[6:8] == ["老人档案", "待办"]
    window.show()
    qtbot.waitUntil(lambda: window.due_count_text() == "待办 (3)")
    window.show_area("待办")
    assert window.pages.currentWidget() is window.due_page

    window.show_area("老人档案")
    center.incidents.record(seniors["李建国"], IncidentInput(IncidentKind.FALL, TODAY, "起夜跌倒"), social_worker)
    window.show_area("待办")  # the page reads again and counts
    assert window.due_count_text() == "待办 (4)"

    desk = MainWindow(center, front_desk)
    qtbot.addWidget(desk)
    assert desk.due_page is None and "待办" not in desk.area_titles()


def test_the_badge_follows_the_center(qtbot: QtBot, center: CareCenter, admin: Actor, seniors: dict[str, int]) -> None:
    other = center.centers.create("纬五路社区站", admin, code="C002")
    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.due_count_text() == "待办 (3)")  # counted off the UI thread
    window.select_center(other.id)
    qtbot.waitUntil(lambda: window.due_count_text() == "待办")  # nobody at the new center: no number
    window.select_center(center.centers.by_code("C001").id)
    qtbot.waitUntil(lambda: window.due_count_text() == "待办 (3)")
