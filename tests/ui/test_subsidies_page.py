# mypy: disable-error-code="no-untyped-call"
"""The 补贴发放 page: a month's roster as preview or approved, approval by an administrator only,
the change list against the month before, recomputing an approved month, Excel, opening a senior."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.domain.idnumber import mask
from carecenter.domain.vocab import Category
from carecenter.facade import CareCenter
from carecenter.seniors.dto import CategoryPeriod
from tests.core import test_subsidy_rosters as rosters
from tests.core.test_subsidy_rosters import OCTOBER, People
from tests.ui.conftest import on_modal
from ui.main_window import MainWindow
from ui.pages import subsidies_page
from ui.pages.senior_detail import SeniorDetailDialog
from ui.pages.subsidies_page import SubsidiesPage
from ui.pages.subsidy_models import CHG_KIND
from ui.pages.subsidy_tabs import MonthView
from ui.sections.subsidies_section import SubsidiesSection

# The core tests' four seniors (turning 80, turning 90, died in October, 低保 and 重度失能), as a fixture here too.
people = rosters.people


@pytest.fixture
def open_page(qtbot: QtBot, center: CareCenter, people: People) -> Callable[[Actor], SubsidiesPage]:
    def _open(actor: Actor) -> SubsidiesPage:
        page = SubsidiesPage(center, actor, center_id=center.centers.by_code("C001").id, synchronous=True)
        qtbot.addWidget(page)
        page.resize(1200, 760)
        page.show()  # showing the page computes the current month
        return page

    return _open


def press(button_text: str) -> Callable[[QWidget], None]:
    def click(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), "expected a question"
        next(b for b in box.buttons() if b.text() == button_text).click()

    return click


def test_an_admin_reviews_octobers_preview_and_approves_it(
    open_page: Callable[[Actor], SubsidiesPage], center: CareCenter, admin: Actor, people: People
) -> None:
    page = open_page(admin)
    assert page.chooser.label.text() == "2026年11月" and page.status_text() == "未审批（预览）"
    page.chooser.prev_button.click()
    assert page.chooser.label.text() == "2026年10月"
    assert page.status_text() == "未审批（预览）"
    assert page.card_texts() == [
        "高龄津贴\n2 人 · 200.00 元",
        "居家养老服务补贴\n1 人 · 200.00 元",
        "合计\n3 人 · 400.00 元",
    ]
    assert page.tabs.titles() == ["发放名单", "变动名单"]
    assert page.tabs.grants.rows() == [
        (
            "高龄津贴", "李秀英", people.turns_90.id_number, "100.00",
            "于2016-10-03年满80周岁，自次月起享受80–89周岁高龄津贴",
        ),
        (
            "高龄津贴", "赵德明", people.dies.id_number, "100.00",
            "于2020-05-05年满80周岁，自次月起享受80–89周岁高龄津贴；2026-10-15去世，本月照发，自2026年11月起停发",
        ),
        (
            "居家养老服务补贴", "王建国", people.dibao.id_number, "200.00",
            "属低保，2026-10-01照护等级为重度失能，享受重度/完全失能居家养老服务补贴",
        ),
    ]  # fmt: skip
    assert page.tabs.grants_count.text() == "共 3 人次，合计 400.00 元"
    model = page.tabs.grants.model  # the member number is the name's tooltip
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) == people.turns_90.member_no
    page.tabs.choose_rule("elderly_allowance")
    assert [row[1] for row in page.tabs.grants.rows()] == ["李秀英", "赵德明"]
    assert page.tabs.grants_count.text() == "共 2 人次，合计 200.00 元"
    assert page.tabs.rule_combo.currentText() == "高龄津贴（2）"

    assert page.approve_button.isVisible() and page.approve_button.isEnabled()
    seen: list[QWidget] = []
    on_modal(press("取消"), seen)
    assert page.approve() is False  # asked, and nothing approved
    assert center.subsidy_rosters.approved_months(admin, page.center_id() or 0) == []
    on_modal(press("审批"), seen)
    page.approve_button.click()
    assert [box.text() for box in seen if isinstance(box, QMessageBox)] == [
        "审批文化路日间照料中心2026年10月的补贴发放名单？\n\n共 3 人次，合计 400.00 元。\n"
        "高龄津贴：2 人，200.00 元\n居家养老服务补贴：1 人，200.00 元\n\n"
        "审批后名单固定保存，之后修改档案不会改变它；每个月只能审批一次。"
    ] * 2

    assert page.status_text() == "已审批（审批人 test-admin，2026-11-22）"
    assert page.notice_text() == "2026年10月已审批：共 3 人次，合计 400.00 元。"
    assert not page.approve_button.isVisible()
    assert page.tabs.titles() == ["发放名单", "变动名单", "重新计算对比"]
    assert page.tabs.differences.empty_text() == "与审批时一致"
    assert [m.month for m in center.subsidy_rosters.approved_months(admin, page.center_id() or 0)] == [OCTOBER]
    page.chooser.next_button.click()  # November is not approved: the button is back
    assert page.status_text() == "未审批（预览）" and page.approve_button.isVisible()
    assert page.notice_text() == ""  # the approval's message belonged to October
    page.chooser.next_button.click()  # December has not begun: a preview that cannot be approved
    assert page.status_text() == "预览（尚未开始）"
    assert page.approve_button.isVisible() and not page.approve_button.isEnabled()
    assert page.approve_button.toolTip() == "月份开始后才能审批"


def test_who_may_approve_and_export(
    open_page: Callable[[Actor], SubsidiesPage], social_worker: Actor, front_desk: Actor, people: People
) -> None:
    social = open_page(social_worker)
    social.set_month(OCTOBER)
    assert social.status_text() == "未审批（预览）"
    assert not social.approve_button.isVisibleTo(social) and social.approve() is False
    assert social.export_button.isVisibleTo(social) and social.export_button.text() == "导出 Excel…"

    desk = open_page(front_desk)
    desk.set_month(OCTOBER)
    assert not desk.approve_button.isVisibleTo(desk) and not desk.export_button.isVisibleTo(desk)
    ids = [row[2] for row in desk.tabs.grants.rows()]
    assert ids == [mask(people.turns_90.id_number), mask(people.dies.id_number), mask(people.dibao.id_number)]


def test_novembers_change_list_shows_new_stopped_and_band_changes_in_colour(
    open_page: Callable[[Actor], SubsidiesPage], social_worker: Actor, people: People
) -> None:
    page = open_page(social_worker)
    page.tabs.setCurrentWidget(page.tabs.changes)
    assert page.tabs.changes.heading.text() == (
        "与上月（2026年10月）相比：\n"
        "高龄津贴：新增 1 人，停发 1 人，调档 1 人；200.00 元 → 300.00 元\n"
        "居家养老服务补贴：新增 0 人，停发 0 人，调档 0 人；200.00 元 → 200.00 元"
    )
    rows = [(r[0], r[1], r[2], r[4], r[5]) for r in page.tabs.changes.rows()]
    assert rows == [
        ("新增", "高龄津贴", "张桂兰", "0.00 → 100.00", "于2026-10-15年满80周岁，自次月起享受80–89周岁高龄津贴"),
        ("停发", "高龄津贴", "赵德明", "100.00 → 0.00", "2026-10-15去世，自2026年11月起停发"),
        (
            "调档", "高龄津贴", "李秀英", "100.00 → 200.00",
            "由80–89周岁（100.00元）调至90–99周岁（200.00元）：于2026-10-03年满90周岁，自次月起享受90–99周岁高龄津贴",
        ),
    ]  # fmt: skip
    model = page.tabs.changes.table.model()
    colours = [model.index(r, CHG_KIND).data(Qt.ItemDataRole.ForegroundRole).name() for r in range(3)]
    assert colours == ["#1b5e20", "#b71c1c", "#1d5f99"]


def test_an_approved_month_stays_as_approved_and_recomputing_shows_the_edit(
    open_page: Callable[[Actor], SubsidiesPage], center: CareCenter, admin: Actor, people: People
) -> None:
    center_id = center.centers.by_code("C001").id
    center.subsidy_rosters.approve(admin, center_id, OCTOBER)
    # The 低保 turns out to have ended in September.
    data = center.seniors.get(people.dibao.id, admin).as_input()
    ended = (CategoryPeriod(Category.DIBAO, dt.date(2024, 1, 1), dt.date(2026, 9, 30)),)
    center.seniors.update(people.dibao.id, replace(data, categories=ended), admin)

    page = open_page(admin)
    page.set_month(OCTOBER)
    assert page.status_text() == "已审批（审批人 test-admin，2026-11-22）"
    assert [(r[1], r[3]) for r in page.tabs.grants.rows()] == [
        ("李秀英", "100.00"),
        ("赵德明", "100.00"),
        ("王建国", "200.00"),
    ]
    assert page.card_texts()[-1] == "合计\n3 人 · 400.00 元"
    page.tabs.setCurrentWidget(page.tabs.differences)
    assert page.tabs.differences.heading.text() == (
        "按今天的档案重新计算，与审批时的名单有以下差异（审批名单保持不变）：\n"
        "高龄津贴：新增 0 人，停发 0 人，调档 0 人；200.00 元 → 200.00 元\n"
        "居家养老服务补贴：新增 0 人，停发 1 人，调档 0 人；200.00 元 → 0.00 元"
    )
    rows = [(r[0], r[1], r[2], r[4], r[5]) for r in page.tabs.differences.rows()]
    assert rows == [("停发", "居家养老服务补贴", "王建国", "200.00 → 0.00", "无低保、特困或低收入类别")]


def test_all_centers_asks_for_one_center(open_page: Callable[[Actor], SubsidiesPage], admin: Actor) -> None:
    page = open_page(admin)
    page.set_center(None)
    assert page.stack.currentWidget() is page.center_label
    assert page.center_label.text() == "补贴名单按站点发放：请在窗口上方选择一个站点。"
    assert not page.approve_button.isVisible() and not page.export_button.isEnabled()


def test_export_suggests_a_named_file_and_writes_the_roster(
    open_page: Callable[[Actor], SubsidiesPage], social_worker: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(social_worker)
    page.set_month(OCTOBER)
    suggested: list[Path] = []
    target = tmp_path / "十月补贴"

    def ask(path: Path) -> Path:
        suggested.append(path)
        return target

    monkeypatch.setattr(page, "ask_export_target", ask)
    page.export_button.click()
    assert [p.name for p in suggested] == ["补贴花名册_文化路日间照料中心_2026-10.xlsx"]
    written = tmp_path / "十月补贴.xlsx"
    assert page.notice_text() == f"已将2026年10月的花名册（3 人次）导出到 {written}"
    assert openpyxl.load_workbook(written).sheetnames == ["高龄津贴", "居家养老服务补贴", "变动名单"]


def test_enter_on_a_grant_opens_the_senior_on_the_subsidy_tab(
    qtbot: QtBot, open_page: Callable[[Actor], SubsidiesPage], front_desk: Actor, people: People
) -> None:
    page = open_page(front_desk)
    opened: list[tuple[int, str]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, SeniorDetailDialog)
        opened.append((dialog.senior_id, dialog.tabs.tabText(dialog.tabs.currentIndex())))
        section = dialog.section(SubsidiesSection)
        assert isinstance(section, SubsidiesSection)
        assert section.rows()[0][:3] == ("高龄津贴", "享受", "100.00 元/月")

    table = page.tabs.grants.table
    table.selectRow(1)  # 李秀英 (born 1936) first, then 张桂兰: 高龄津贴 from November
    on_modal(look)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == [(people.turns_80.id, "补贴")]


def test_months_are_computed_off_the_ui_thread_and_a_month_chosen_meanwhile_is_read_next(
    qtbot: QtBot, center: CareCenter, admin: Actor, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    threads: list[str] = []
    real = subsidies_page.read_month

    def slow(cc: CareCenter, actor: Actor, center_id: int, month: dt.date) -> MonthView:
        threads.append(threading.current_thread().name)
        release.wait(10)
        return real(cc, actor, center_id, month)

    monkeypatch.setattr(subsidies_page, "read_month", slow)
    page = SubsidiesPage(center, admin, center_id=center.centers.by_code("C001").id)
    qtbot.addWidget(page)
    try:
        page.show()
        assert page.busy_bar.isVisible() and page.busy_label.text() == "正在计算2026年11月…"
        assert page.status_text() == "正在计算2026年11月…" and not page.export_button.isEnabled()
        page.chooser.prev_button.click()  # October, while November is still being computed
    finally:
        release.set()
    qtbot.waitUntil(lambda: page.view is not None and page.view.month == OCTOBER and not page.is_busy(), timeout=10_000)
    assert threading.main_thread().name not in threads and len(threads) == 2
    assert page.status_text() == "未审批（预览）" and not page.busy_bar.isVisible()
    assert page.card_texts()[-1] == "合计\n3 人 · 400.00 元"


def test_the_sidebar_page_follows_the_center_chosen_in_the_window(
    qtbot: QtBot, center: CareCenter, admin: Actor, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SubsidiesPage, "synchronous", True)
    center.centers.create("北下街日间照料中心", admin, code="C002")
    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    window.show()
    window.show_area("补贴发放")
    page = window.subsidies_page
    assert page is not None and window.pages.currentWidget() is page
    assert page.stack.currentWidget() is page.center_label  # 全部站点
    window.select_center(center.centers.by_code("C001").id)
    assert page.status_text() == "未审批（预览）"
    assert page.card_texts()[-1] == "合计\n3 人 · 500.00 元"
    window.select_center(center.centers.by_code("C002").id)
    assert page.card_texts() == ["本月没有人享受按月发放的补贴。"]
