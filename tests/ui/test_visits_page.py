# mypy: disable-error-code="no-untyped-call"
"""The 上门服务 page as the desk uses it: initials + Enter and the form for an ad-hoc visit, Enter on a plan
slot, a refused end-before-start, a visit not made with its reason, the month's counts, the sidebar.

The clock stands at Sunday 22 November 2026, 09:00; the week shown is 16 to 22 November.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from carecenter.actor import Actor
from carecenter.facade import CareCenter
from tests.core.test_due import senior
from tests.core.test_visit_schedule import Team, home_plan, team, weekly
from tests.ui.conftest import on_modal
from ui.dialogs.visit_dialog import VisitDialog
from ui.dialogs.visit_reason_dialog import VisitReasonDialog
from ui.main_window import MainWindow
from ui.pages import visit_models as cols
from ui.pages.visits_page import VisitsPage

TypeInto = Callable[[QWidget, str], None]
CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass(frozen=True)
class Desk:
    crew: Team
    zhang: int
    wang: int


@pytest.fixture
def desk(center: CareCenter, admin: Actor) -> Desk:
    """张桂兰 gets 助洁 from 李娜 every Wednesday; 王秀英 has no plan."""
    crew = team(center, admin)
    zhang = senior(center, admin, "张桂兰", 1).id
    wang = senior(center, admin, "王秀英", 2).id
    home_plan(center, admin, crew.social, zhang, weekly(center, "cleaning", {3}, crew.li))
    return Desk(crew, zhang, wang)


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, front_desk: Actor, desk: Desk) -> Iterator[VisitsPage]:
    shown = VisitsPage(center, front_desk, center_id=center.centers.by_code("C001").id)
    qtbot.addWidget(shown)
    shown.resize(1100, 760)
    with qtbot.waitActive(shown):  # PgUp/PgDn are shortcuts: they need an active window
        shown.show()
        shown.activateWindow()
    yield shown


def choose(combo: QComboBox, label: str) -> None:
    index = combo.findText(label)
    assert index >= 0, f"{label} not offered"
    combo.setCurrentIndex(index)


def visit_rows(cc: CareCenter) -> int:
    with cc.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM visits")).scalar_one())


def line(page: VisitsPage, name: str, day: str) -> tuple[str, ...]:
    return next(r for r in page.week_lines() if r[cols.COL_SENIOR] == name and r[cols.COL_DAY] == day)


def test_the_week_shows_the_plan_slot_overdue(page: VisitsPage) -> None:
    assert page.week_label.text() == "2026-11-16至2026-11-22"
    assert page.week_lines() == [("11-18 周三", "", "张桂兰", "助洁", "李娜", "逾期", "")]
    assert page.counts_label.text() == "共 1 次：已完成 0 · 未完成 0 · 已取消 0 · 逾期 1 · 待完成 0"
    page.step_week(1)
    assert page.week_lines() == [("11-25 周三", "", "张桂兰", "助洁", "李娜", "计划", "")]
    page.go_to_this_week()
    assert page.monday() == dt.date(2026, 11, 16)


def test_initials_enter_and_the_form_record_an_ad_hoc_visit(
    qtbot: QtBot, page: VisitsPage, center: CareCenter, type_into: TypeInto
) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, VisitDialog)
        assert dialog.windowTitle() == "记录上门服务：王秀英"
        assert dialog.day_edit.text() == "2026-11-22"
        choose(dialog.type_combo, "助购")
        choose(dialog.staff_combo, "王芳")
        dialog.start_edit.setFocus()
        qtbot.keyClicks(dialog.start_edit, "0800")
        qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Return)  # Enter moves on
        assert dialog.focusWidget() is dialog.end_edit
        qtbot.keyClicks(dialog.end_edit, "8:45")
        assert dialog.rows["minutes"].info_text() == "共 0 小时 45 分钟"
        type_into(dialog.work_edit, "代买米、油和降压药")
        choose(dialog.confirm_combo, "家属确认")
        type_into(dialog.confirmed_by_edit, "女儿 李红")
        qtbot.keyClick(dialog.confirmed_by_edit, Qt.Key.Key_Return)  # Enter in the last field saves

    seen = on_modal(fill)
    page.finder.box.setFocus()
    qtbot.keyClicks(page.finder.box, "wxy")
    qtbot.keyClick(page.finder.box, Qt.Key.Key_Return)
    dialog = seen[0]
    assert isinstance(dialog, VisitDialog) and dialog.result() == VisitDialog.DialogCode.Accepted
    assert line(page, "王秀英", "11-22 周日") == (
        "11-22 周日",
        "08:00–08:45",
        "王秀英",
        "助购",
        "王芳",
        "已完成",
        "计划外服务",
    )
    assert page.status_line.text() == "✔ 王秀英：助购 已记录（08:00–08:45）"
    assert visit_rows(center) == 1


def test_an_end_before_the_start_is_refused_under_the_field(qtbot: QtBot, page: VisitsPage, center: CareCenter) -> None:
    shown: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, VisitDialog)
        choose(dialog.type_combo, "助洁")
        choose(dialog.staff_combo, "李娜")
        qtbot.keyClicks(dialog.start_edit, "08:30")
        qtbot.keyClicks(dialog.end_edit, "08:00")
        qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves from anywhere
        assert dialog.isVisible()
        shown.append(dialog.error_for("ended_at"))
        assert dialog.start_edit.text() == "08:30"  # nothing typed is lost

    on_modal(fill)
    page.finder.box.setFocus()
    qtbot.keyClicks(page.finder.box, "zgl")
    qtbot.keyClick(page.finder.box, Qt.Key.Key_Return)
    assert shown == ["不能早于开始时间（08:30）"]
    assert visit_rows(center) == 0
    assert [r[cols.COL_STATE] for r in page.week_lines()] == ["逾期"]


def test_enter_on_a_slot_opens_the_form_filled_in(qtbot: QtBot, page: VisitsPage, center: CareCenter) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, VisitDialog)
        assert (dialog.type_combo.currentText(), dialog.staff_combo.currentText(), dialog.day_edit.text()) == (
            "助洁",
            "李娜",
            "2026-11-18",
        )
        assert dialog.focusWidget() is dialog.start_edit
        qtbot.keyClicks(dialog.start_edit, "1400")
        qtbot.keyClicks(dialog.minutes_edit, "90")
        qtbot.keyClick(dialog.minutes_edit, Qt.Key.Key_Return, CTRL)

    assert page.select_line("张桂兰", dt.date(2026, 11, 18))
    on_modal(fill)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert line(page, "张桂兰", "11-18 周三")[1:6] == ("14:00–15:30", "张桂兰", "助洁", "李娜", "已完成")
    assert len(page.week_lines()) == 1  # the slot itself, not a second line
    assert page.record_button.text() == "修改…"


def test_a_slot_not_made_needs_a_reason(qtbot: QtBot, page: VisitsPage, type_into: TypeInto) -> None:
    refused: list[str] = []

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, VisitReasonDialog)
        assert dialog.windowTitle() == "未上门：张桂兰"
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # no reason yet
        refused.append(dialog.error_for("status_reason"))
        type_into(dialog.reason_edit, "敲门无人应答，电话未接")
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    assert page.select_line("张桂兰", dt.date(2026, 11, 18))
    on_modal(give_reason)
    qtbot.mouseClick(page.miss_button, Qt.MouseButton.LeftButton)
    assert refused == ["必须填写"]
    assert line(page, "张桂兰", "11-18 周三")[cols.COL_STATE :] == ("未完成", "敲门无人应答，电话未接")
    assert not page.miss_button.isEnabled() and page.void_button.isEnabled()


def test_the_month_tab_counts_per_service_and_staff(
    page: VisitsPage, center: CareCenter, front_desk: Actor, desk: Desk
) -> None:
    from tests.core.test_visit_schedule import done, type_id

    center.visits.record(done(desk.zhang, type_id(center, "cleaning"), desk.crew.li, dt.date(2026, 11, 18)), front_desk)
    center.visits.record(
        done(desk.wang, type_id(center, "shopping"), desk.crew.wang, dt.date(2026, 11, 3), (9, 0), (9, 45)), front_desk
    )
    page.tabs.setCurrentIndex(1)
    tab = page.month_tab
    rows = {r[0]: r[1:] for r in tab.type_rows()}
    assert rows["助洁"] == ("1", "1", "1.5")
    assert rows["助购"] == ("1", "1", "0.8")
    assert rows["助餐"] == ("0", "0", "—")
    assert tab.staff_rows() == [("李娜", "1", "1.5"), ("王芳", "1", "0.8")]
    assert tab.summary.text() == "2026年11月：共 2 人次（上门服务 2.2 小时），服务老人 2 人；未完成 0 次"
    tab.chooser.step(-1)
    assert tab.summary.text().startswith("2026年10月：共 0 人次")


def test_the_sidebar_lists_home_visits_after_meals(qtbot: QtBot, center: CareCenter, front_desk: Actor) -> None:
    window = MainWindow(center, front_desk)
    qtbot.addWidget(window)
    titles = window.area_titles()
    assert titles.index("上门服务") == titles.index("助餐") + 1
    window.show()
    window.show_area("上门服务")
    assert window.pages.currentWidget() is window.visits_page
