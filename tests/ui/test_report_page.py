# mypy: disable-error-code="no-untyped-call"
"""月度报表: the month's figures on the screen are the pack's (and the hand-counted ones), refusals are said
in the page, the marks are red at the top, and 预览/打印… opens the preview of the very same month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.desk.call_dto import CallInput
from carecenter.domain.desk_vocab import CallerKind, Payment, Urgency
from carecenter.facade import CareCenter
from carecenter.meals.dto import ServeInput
from carecenter.reports.monthly_figures import MonthlyPack
from carecenter.reports.numbers import money
from carecenter.subsidies.policy import MealType
from tests.conftest import TODAY
from tests.core.test_meal_serving import EIGHTIES, SIXTIES, meal_senior
from tests.core.test_visit_schedule import done, team, type_id
from tests.pdf_helpers import all_text, page_texts
from ui.dialogs.print_preview import PreviewDialog
from ui.main_window import MainWindow
from ui.pages.report_page import ReportPage
from ui.printing import PrintJob

D = dt.date
OCTOBER, NOVEMBER, DECEMBER = D(2026, 10, 1), D(2026, 11, 1), D(2026, 12, 1)
NEW_ON = D(2026, 10, 10)


@dataclass(frozen=True)
class October:
    a: int  # 张桂兰, 70 on 31 October: day care twice, a lunch, cleaning
    b: int  # 李建国, 86: day care once, a lunch, bathing
    c: int  # 王秀英, 86, 低保, registered on 10 October: a lunch


def moment(clock: FixedClock, day: dt.date, hour: int, minute: int = 0) -> None:
    clock.current = FixedClock.on(day, hour).current.replace(minute=minute)


@pytest.fixture(autouse=True)
def _jobs_run_inline() -> Iterator[None]:
    PrintJob.synchronous = True
    yield
    PrintJob.synchronous = False


@pytest.fixture
def october(center: CareCenter, admin: Actor, clock: FixedClock) -> Iterator[October]:
    """Three seniors and a small October: 3 day-care visits (900 minutes), 3 lunches, 2 home visits, 2 calls."""
    a = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    b = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    c = meal_senior(center, admin, "王秀英", EIGHTIES, 44, dibao=True, registered=NEW_ON)
    oct_12, oct_13 = D(2026, 10, 12), D(2026, 10, 13)
    for senior, day, (h_in, m_in), (h_out, m_out) in (
        (a, oct_12, (9, 0), (16, 0)),  # 420 minutes
        (b, oct_12, (9, 30), (15, 30)),  # 360
        (a, oct_13, (9, 0), (11, 0)),  # 120
    ):
        moment(clock, day, 18)
        visit = center.attendance.check_in(senior, admin, at=dt.datetime.combine(day, dt.time(h_in, m_in)))
        center.attendance.check_out(visit.id, admin, at=dt.datetime.combine(day, dt.time(h_out, m_out)))
    for senior, day in ((a, oct_12), (b, oct_12), (c, oct_13)):  # 12 元 lunches: 1, 3 and 5 元 subsidy
        moment(clock, day, 12)
        center.meals.serve(ServeInput(senior, MealType.LUNCH, Payment.CASH), admin)
    crew = team(center, admin)
    moment(clock, D(2026, 10, 20), 18)
    center.visits.record(done(a, type_id(center, "cleaning"), crew.li, D(2026, 10, 14), (9, 0), (10, 30)), admin)
    center.visits.record(done(b, type_id(center, "bathing"), crew.wang, D(2026, 10, 15), (9, 0), (10, 0)), admin)
    center.calls.log(
        CallInput(CallerKind.SENIOR, "问助餐价格", senior_id=a, received_at=dt.datetime(2026, 10, 16, 10)), admin
    )
    urgent = center.calls.log(
        CallInput(
            CallerKind.FAMILY, "老人胸闷", senior_id=b, received_at=dt.datetime(2026, 10, 20, 8), urgency=Urgency.URGENT
        ),
        admin,
    )
    center.calls.close(urgent.id, "已陪同就医", admin)
    clock.current = FixedClock.on(TODAY).current
    yield October(a, b, c)


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, admin: Actor, clock: FixedClock, october: October) -> ReportPage:
    shown = ReportPage(center, admin, clock=clock, synchronous=True)
    qtbot.addWidget(shown)
    shown.resize(1090, 720)
    shown.show()  # showing the page computes the month before the current one
    qtbot.waitExposed(shown)
    return shown


def pack_of(cc: CareCenter, actor: Actor, month: dt.date, center_id: int | None = None) -> MonthlyPack:
    return cc.reports.monthly.figures(actor, center_id, month)


def column(rows: list[list[str]], n: int) -> list[str]:
    return [r[n] for r in rows]


# ---- what the page shows --------------------------------------------------------------------------


def test_the_page_opens_on_last_month_with_the_tiles_counted_by_hand(
    qtbot: QtBot, page: ReportPage, center: CareCenter, admin: Actor
) -> None:
    assert page.month() == OCTOBER and page.chooser.label.text() == "2026年10月"
    assert page.message_text() == "" and page.marks_text() == "未审批（预览）"
    pack = pack_of(center, admin, OCTOBER)
    roster = pack.main.roster
    assert page.tiles.texts() == {
        "在册老人": ("3", "80岁以上 2"),
        "日间照料人次": ("3", "2 位老人"),
        "供餐人次": ("3", "其中送餐 0"),
        "九助上门人次": ("2", "2.5 小时"),
        "呼叫助急": ("2", "紧急 1 · 未结 0"),
        "补贴金额（元）": (money(roster.total_fen), f"{roster.count} 人次（预览）"),
    }
    qtbot.mouseClick(page.tiles.tiles["roster"], Qt.MouseButton.LeftButton)  # a tile opens its section
    assert page.tabs.currentWidget() is page.roster
    assert page.tab_titles() == [
        "概况", "日间照料", "助餐", "九助服务", "呼叫与事件", "活动与生日会", "能力评估", "补贴花名册", "近12个月趋势"
    ]  # fmt: skip


def test_the_overview_tab_is_the_register_at_the_months_end(page: ReportPage) -> None:
    tab = page.overview
    figures = tab.strip.figures()
    assert (figures["在册老人"], figures["80岁及以上"], figures["男 / 女"]) == ("3", "2", "1 / 2")
    assert (figures["本月新增"], figures["本月退出"], figures["本月去世"], figures["有人员类别"]) == (
        "1",
        "0",
        "0",
        "1",
    )
    assert tab.ages.texts() == [
        ["60–69岁", "0", "0.0%"],
        ["70–79岁", "1", "33.3%"],
        ["80–89岁", "2", "66.7%"],
        ["90–99岁", "0", "0.0%"],
        ["100岁及以上", "0", "0.0%"],
        ["合计", "3", "100.0%"],
    ]
    categories = dict((row[0], row[1]) for row in tab.categories.texts())
    assert categories["低保"] == "1" and categories["特困"] == "0" and len(categories) == 9
    assert [row[:3] for row in tab.people.texts()] == [["新增", "2026-10-10", "王秀英"]]
    assert tab.note.text() == "年龄按 2026-10-31 的周岁计算；人员类别为当日有效的类别（一人可属多个类别）。"


def test_day_care_meals_and_visits_are_the_packs_figures(page: ReportPage, center: CareCenter, admin: Actor) -> None:
    day_care = page.day_care.strip.figures()
    assert list(day_care.values()) == ["3", "2", "2", "1.5", "15.0", "0"]
    assert "12 2" in page.day_care.chart.describe() and "13 1" in page.day_care.chart.describe()
    assert not page.day_care.is_empty()

    meals = page.meals
    assert list(meals.strip.figures().values()) == ["3", "3", "0", "3", "9.00", "27.00"]
    assert meals.per_meal.texts() == [
        ["午餐", "0", "3", "3", "0", "36.00", "9.00", "27.00"],
        ["合计", "0", "3", "3", "0", "36.00", "9.00", "27.00"],
    ]
    assert meals.paid_by.text() == "老人自付：现金 27.00"
    tiers = {row[0]: row[1:] for row in meals.tiers.texts()}
    assert tiers["合计"] == ["3", "3", "9.00"]
    assert sorted(v[2] for k, v in tiers.items() if k != "合计") == ["1.00", "3.00", "5.00"]

    visits = page.visits
    assert list(visits.strip.figures().values()) == ["5", "2", "2.5", "3", "0", "2"]
    by_type = {row[0]: row[1:] for row in visits.types.texts()}
    assert (by_type["助洁"], by_type["助浴"], by_type["助餐"]) == (
        ["1", "1.5", "1"],
        ["1", "1.0", "1"],
        ["3", "—", "3"],
    )
    assert by_type["合计"] == ["5", "2.5", "3"]
    assert sorted(visits.staff.texts()) == [["合计", "2", "2.5"], ["李娜", "1", "1.5"], ["王芳", "1", "1.0"]]

    # One computation: every figure above is the pack's.
    section = pack_of(center, admin, OCTOBER).main
    assert (section.day_care.visits, section.day_care.people, section.day_care.minutes) == (3, 2, 900)
    assert (section.meals.served, section.meals.subsidy_fen, section.meals.paid_fen) == (3, 900, 2700)
    assert (section.visits.visits, section.visits.home_visits, section.visits.minutes) == (5, 2, 150)


def test_calls_roster_and_empty_sections(page: ReportPage, center: CareCenter, admin: Actor) -> None:
    assert list(page.calls.strip.figures().values()) == ["2", "1", "2", "0", "0", "0"]
    assert dict((r[0], r[1]) for r in page.calls.callers.texts()) == {
        "老人本人": "1", "家属": "1", "邻居": "0", "其他来电人": "0", "合计": "2"
    }  # fmt: skip
    # Nothing held or assessed in October: the paper's honest line, not a table of zeros.
    assert page.activities.is_empty() and page.assessments.is_empty()
    assert page.activities.empty_label.text() == "本月无服务记录"

    roster = pack_of(center, admin, OCTOBER).main.roster
    tab = page.roster
    assert tab.state.text().startswith("未审批（预览）")
    assert [row[0] for row in tab.rules.texts()] == [*[r.rule_name for r in roster.rules], "合计"]
    assert tab.rules.texts()[-1][1:3] == [str(roster.count), money(roster.total_fen)]


def test_a_month_not_begun_and_one_before_the_first_record_are_refused_in_the_page(page: ReportPage) -> None:
    page.set_month(DECEMBER)
    text = page.message_text()
    assert text.startswith("无法生成2026年12月的报表。")
    assert "2026年12月尚未开始，最晚可报到2026年11月" in text
    assert not page.print_button.isEnabled()
    assert page.print_button.toolTip().startswith("没有可打印的内容：")
    assert page.print_report() is None

    page.set_month(D(2019, 12, 1))  # the first senior was registered on 2020-01-06
    assert "早于" in page.message_text() and "2020-01-06" in page.message_text()

    page.chooser.go_to_today()
    assert page.message_text() == ""
    assert page.marks_text() == "截至 2026-11-22  未审批（预览）"
    assert page.print_button.isEnabled()


def test_the_page_reads_again_when_shown_and_when_refreshed(
    page: ReportPage, center: CareCenter, admin: Actor, clock: FixedClock, october: October
) -> None:
    page.hide()
    moment(clock, D(2026, 10, 14), 18)
    visit = center.attendance.check_in(october.b, admin, at=dt.datetime(2026, 10, 14, 9))
    center.attendance.check_out(visit.id, admin, at=dt.datetime(2026, 10, 14, 10))
    clock.current = FixedClock.on(TODAY).current
    page.show()
    assert page.tiles.texts()["日间照料人次"] == ("4", "2 位老人")
    center.attendance.void(visit.id, "记错了人", admin)
    page.refresh_button.click()
    assert page.tiles.texts()["日间照料人次"] == ("3", "2 位老人")


def test_the_district_has_a_center_chooser_entry_and_a_line_per_center(
    qtbot: QtBot, center: CareCenter, admin: Actor, clock: FixedClock, october: October
) -> None:
    second = center.centers.create("南关日间照料中心", admin, code="C002")
    page = ReportPage(center, admin, clock=clock, synchronous=True)
    qtbot.addWidget(page)
    page.show()
    combo = page.center_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "全区（所有中心）",
        "文化路日间照料中心（C001）",
        "南关日间照料中心（C002）",
    ]
    assert page.tab_titles()[-1] == "各中心对比"
    rows = page.centers.table.texts()
    assert column(rows, 1) == ["文化路日间照料中心", "南关日间照料中心", "合计"]
    assert column(rows, 2) == ["3", "0", "3"] and column(rows, 3) == ["3", "0", "3"]
    combo.setCurrentIndex(combo.findData(second.id))
    assert page.center_id() == second.id
    assert "本站点还没有任何记录，只能报送2026年11月" in page.message_text()  # a new center: this month only
    page.chooser.go_to_today()
    assert page.message_text() == ""
    assert page.tiles.texts()["在册老人"] == ("0", "80岁以上 0")
    assert "各中心对比" not in page.tab_titles()
    assert page.day_care.is_empty()


# ---- printing -------------------------------------------------------------------------------------


def test_preview_print_opens_the_preview_of_the_same_month(qtbot: QtBot, page: ReportPage) -> None:
    assert page.print_button.text() == "预览/打印…" and page.print_button.isEnabled()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    job = page.print_job
    assert job is not None and job.error == ""
    dialog = job.dialog
    assert isinstance(dialog, PreviewDialog)
    folder = job.folder()
    assert folder is not None
    pdf = next(folder.iterdir())
    pages = len(page_texts(pdf))
    assert dialog.page_text() == f"第 1 页 / 共 {pages} 页"
    assert dialog.windowTitle() == "打印预览：月度服务报表（2026年10月）"
    text = all_text(pdf)
    assert "月度服务报表" in text and "2026年10月" in text and "未审批（预览）" in text
    dialog.reject()
    assert job.folder() is None, "the temporary file goes with the preview"


def test_ctrl_p_prints_too(qtbot: QtBot, page: ReportPage) -> None:
    page.activateWindow()
    page.tabs.setFocus()
    qtbot.keyClick(page.tabs, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    job = page.print_job
    assert job is not None and isinstance(job.dialog, PreviewDialog)
    assert job.dialog.page_text().startswith("第 1 页 / 共 ")
    job.dialog.reject()


def test_the_front_desk_sees_the_figures_but_may_not_print(
    qtbot: QtBot, center: CareCenter, front_desk: Actor, clock: FixedClock, october: October
) -> None:
    page = ReportPage(center, front_desk, clock=clock, synchronous=True)
    qtbot.addWidget(page)
    page.show()
    assert page.tiles.texts()["在册老人"][0] == "3"
    assert not page.print_button.isEnabled()
    assert page.print_button.toolTip() == "前台没有权限：导入导出花名册和报表"
    assert page.print_report() is None


def test_the_area_is_listed_for_those_who_send_the_report(
    qtbot: QtBot, center: CareCenter, admin: Actor, social_worker: Actor, front_desk: Actor, clock: FixedClock
) -> None:
    for actor, listed in ((admin, True), (social_worker, True), (front_desk, False)):
        window = MainWindow(center, actor, clock)
        qtbot.addWidget(window)
        assert ("月度报表" in window.area_titles()) is listed
        assert (window.report_page is not None) is listed
    window = MainWindow(center, admin, clock)
    qtbot.addWidget(window)
    window.show()
    window.show_area("月度报表")
    page = window.report_page
    assert page is not None
    page.wait()  # computed off the UI thread: an empty database has nothing before this month
    assert "还没有任何记录" in page.message_text()
    assert page.pack is None and not page.print_button.isEnabled()
