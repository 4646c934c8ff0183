# mypy: disable-error-code="no-untyped-call"
"""餐费账户 and 统计 as the desk uses them: choose a senior, top up (a negative amount refused), read the ledger,
void a top-up, read the monthly statement; the day's and the month's totals after a morning's servings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.domain.desk_vocab import Payment
from carecenter.facade import CareCenter
from carecenter.meals.dto import ServeInput
from carecenter.subsidies.policy import MealType
from tests.ui.conftest import on_modal
from tests.ui.test_meal_serving import TODAY, open_meals, order_lunch, register, top_up
from ui.dialogs.meal_void_dialog import VoidDialog
from ui.dialogs.top_up_dialog import TopUpDialog
from ui.pages import meal_models as cols
from ui.pages.meal_accounts_panel import AccountsPanel
from ui.pages.meal_totals_panel import TotalsPanel
from ui.pages.meals_page import MealsPage

TypeInto = Callable[[QWidget, str], None]


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, front_desk: Actor) -> MealsPage:
    return open_meals(qtbot, center, front_desk)


@pytest.fixture
def synchronous_totals() -> Iterator[None]:
    TotalsPanel.synchronous = True
    yield
    TotalsPanel.synchronous = False


def choose(qtbot: QtBot, panel: AccountsPanel, text: str, type_into: TypeInto) -> None:
    type_into(panel.finder.box, text)
    qtbot.keyClick(panel.finder.box, Qt.Key.Key_Return)


def ledger(panel: AccountsPanel) -> list[tuple[str, ...]]:
    """The account lines as read, newest first: entry, amount, balance, details."""
    model = panel.ledger_model
    columns = (cols.LED_KIND, cols.LED_AMOUNT, cols.LED_BALANCE, cols.LED_ABOUT)
    return [tuple(model.display_text(r, c) for c in columns) for r in range(model.rowCount())]


def test_a_negative_top_up_shows_the_reason_and_changes_nothing(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "张桂兰", 13)
    page.show_tab(page.accounts)
    panel = page.accounts
    choose(qtbot, panel, "zgl", type_into)
    assert panel.balance_text() == "餐费余额：0.00 元"
    dialog = panel.open_top_up()
    assert dialog is not None
    qtbot.addWidget(dialog)
    type_into(dialog.amount_edit, "-50")
    type_into(dialog.receipt_edit, "SJ0001")

    assert not dialog.save()
    assert dialog.error_for("amount_fen") == "必须大于零"  # the core's own reason, under the amount
    assert dialog.rows["amount_fen"].error_label.isVisibleTo(dialog)
    assert dialog.saved is None
    assert center.meals.balance(senior_id, admin) == 0
    assert center.meals.ledger(senior_id, admin, include_voided=True) == []

    dialog.amount_edit.clear()
    type_into(dialog.amount_edit, "0")
    assert not dialog.save()
    assert dialog.error_for("amount_fen") == "必须大于零"
    assert center.meals.balance(senior_id, admin) == 0
    assert ledger(panel) == [] and panel.balance_text() == "餐费余额：0.00 元"


def test_a_top_up_shows_the_balance_and_the_ledger_line(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    register(center, admin, "张桂兰", 13)
    page.show_tab(page.accounts)
    panel = page.accounts
    choose(qtbot, panel, "zgl", type_into)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TopUpDialog)
        type_into(dialog.amount_edit, "200")
        assert dialog.rows["amount_fen"].info_text() == "充值后余额：200.00 元"
        type_into(dialog.receipt_edit, "SJ0001")
        dialog.payment_combo.setCurrentIndex(1)  # 微信支付
        dialog.save_button.click()

    on_modal(fill)
    assert panel.top_up()
    assert panel.balance_text() == "餐费余额：200.00 元"
    assert ledger(panel) == [("充值", "+200.00", "200.00", "收据 SJ0001　微信")]
    assert panel.notice.text() == "已充值 200.00 元，当前余额 200.00 元。"


def test_a_meal_from_the_balance_is_in_the_ledger_and_the_monthly_statement(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "张桂兰", 13)
    top_up(center, admin, senior_id, 100_00, "SJ0009")
    order_lunch(center, admin, senior_id)
    center.meals.serve(ServeInput(senior_id=senior_id, payment=Payment.BALANCE), admin)
    page.show_tab(page.accounts)
    panel = page.accounts
    choose(qtbot, panel, "zgl", type_into)

    assert panel.balance_text() == "餐费余额：91.00 元"
    assert ledger(panel) == [
        ("用餐扣款", "-9.00", "91.00", "2026-11-22 午餐"),
        ("充值", "+100.00", "100.00", "收据 SJ0009　现金"),
    ]
    statement = panel.statement_label.text()
    assert "2026年11月：共 1 餐，餐费 12.00 元，补贴 3.00 元，实付 9.00 元（其中余额支付 9.00 元）。" in statement
    assert "月初余额 0.00 元，充值 100.00 元（1 次），月末余额 91.00 元。" in statement
    assert panel.statement_model.display_text(0, cols.STM_PAYS) == "9.00"


def test_a_top_up_typed_twice_is_voided_with_a_reason(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "张桂兰", 13)
    top_up(center, admin, senior_id, 50_00, "SJ0001")
    top_up(center, admin, senior_id, 50_00, "SJ0002")
    page.show_tab(page.accounts)
    panel = page.accounts
    choose(qtbot, panel, "zgl", type_into)
    panel.ledger.selectRow(0)
    assert panel.void_button.isEnabled()

    def with_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, VoidDialog)
        dialog.set_reason("重复录入")
        dialog.ok_button.click()

    on_modal(with_reason)
    assert panel.void_top_up()
    assert panel.balance_text() == "餐费余额：50.00 元"
    assert ledger(panel)[0] == ("充值", "+50.00", "", "收据 SJ0002　现金　已作废：重复录入")  # greyed
    assert not panel.void_button.isEnabled()


def test_the_day_and_month_totals_after_two_lunches(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, synchronous_totals: None
) -> None:
    first = register(center, admin, "张桂兰", 13)
    second = register(center, admin, "李建国", 15)
    top_up(center, admin, first, 100_00)
    order_lunch(center, admin, first)
    center.meals.serve(ServeInput(senior_id=first, payment=Payment.BALANCE), admin)
    center.meals.serve(ServeInput(senior_id=second, payment=Payment.CASH), admin)
    page.show_tab(page.totals)
    panel = page.totals
    assert panel.day_chooser.day() == TODAY

    day = panel.day_model
    assert day.value("ordered", MealType.LUNCH) == "1"
    assert day.value("served", MealType.LUNCH) == "2"
    assert day.value("no_order", None) == "1"
    assert day.value("subsidy", None) == "6.00"
    assert day.value("balance", MealType.LUNCH) == "9.00"
    assert day.value("cash", MealType.LUNCH) == "9.00"
    assert day.value("served", MealType.BREAKFAST) == "0"

    assert panel.month_status.text() == "2026年11月：供餐 2 人次，2 人（午餐 2 人）；补贴 6.00 元。"
    tiers = panel.tiers_model
    assert [tuple(tiers.display_text(r, c) for c in range(4)) for r in range(tiers.rowCount())] == [
        ("80周岁以上", "2", "2", "6.00")
    ]
    assert panel.month_model.value("paid", None) == "18.00"
    days = panel.days_model
    row = next(r for r in range(days.rowCount()) if days.record(r) is not None and days.record(r).day == TODAY)  # type: ignore[union-attr]
    assert days.display_text(row, cols.DAY_SERVED) == "2"
    assert days.display_text(row, cols.DAY_DATE) == "11月22日 星期日"
