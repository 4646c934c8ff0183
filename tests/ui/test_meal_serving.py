# mypy: disable-error-code="no-untyped-call"
"""供餐 as the desk does it: type initials (or scan a card), Enter — and read the big card and today's list.

Sunday 2026-11-22 9:00 (the ``clock`` fixture); lunch costs 12.00 元; the seniors are
born in 1942 (84: the 80+ tier, 3.00 元 subsidy, 9.00 元 to pay).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.domain.desk_vocab import Payment
from carecenter.domain.vocab import DietFlag, Status
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, TopUpInput, WarningCode
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.ui.conftest import on_modal
from ui.dialogs.meal_void_dialog import VoidDialog
from ui.pages import meal_models as cols
from ui.pages.meal_serving_panel import ServingPanel
from ui.pages.meal_widgets import DESK_PAYMENTS
from ui.pages.meals_page import MealsPage

TypeInto = Callable[[QWidget, str], None]
TODAY = dt.date(2026, 11, 22)


def register(cc: CareCenter, actor: Actor, name: str, seq: int, **extra: object) -> int:
    """A senior born 1942-05-09 (84 today), registered long ago."""
    data = SeniorInput(name=name, id_number=an_id(dt.date(1942, 5, 9), seq), registered_on=dt.date(2025, 3, 1), **extra)  # type: ignore[arg-type]
    return cc.seniors.create(data, actor).id


def order_lunch(cc: CareCenter, actor: Actor, senior_id: int, day: dt.date = TODAY, **extra: object) -> None:
    cc.meals.order(OrderInput(senior_id=senior_id, day=day, **extra), actor)  # type: ignore[arg-type]


def top_up(cc: CareCenter, actor: Actor, senior_id: int, fen: int, receipt: str = "SJ001") -> None:
    cc.meals.top_up(TopUpInput(senior_id=senior_id, amount_fen=fen, receipt_no=receipt), actor)


def open_meals(qtbot: QtBot, cc: CareCenter, actor: Actor) -> MealsPage:
    page = MealsPage(cc, actor, center_id=cc.centers.by_code("C001").id)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    return page


def press_enter(qtbot: QtBot, panel: ServingPanel) -> None:
    qtbot.keyClick(panel.finder.box, Qt.Key.Key_Return)


def search_and_enter(qtbot: QtBot, panel: ServingPanel, text: str, type_into: TypeInto) -> None:
    type_into(panel.finder.box, text)
    press_enter(qtbot, panel)


def served_rows(panel: ServingPanel) -> list[tuple[str, ...]]:
    """Today's list as read: name, meal, diet, pays, payment."""
    model = panel.model
    columns = (cols.SRV_NAME, cols.SRV_MEAL, cols.SRV_DIET, cols.SRV_PAYS, cols.SRV_PAYMENT)
    return [tuple(model.display_text(r, c) for c in columns) for r in range(model.rowCount())]


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, front_desk: Actor) -> MealsPage:
    return open_meals(qtbot, center, front_desk)


def test_the_page_opens_on_serving_with_lunch_and_the_focus_in_the_search(page: MealsPage) -> None:
    panel = page.serving
    assert page.tabs.currentWidget() is panel
    assert panel.meal_combo.currentText() == "午餐"
    assert [panel.payment_combo.itemText(i) for i in range(panel.payment_combo.count())] == [
        "现金",
        "微信",
        "支付宝",
        "余额",
    ]
    assert panel.counts_label.text() == "午餐：已订 0 · 已供 0"
    assert "回车即供餐" in panel.card.texts()


def test_a_halal_senior_is_served_on_enter_and_the_card_shows_the_badge_and_allergies(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(
        center, admin, "马秀兰", 11, diet_flags=frozenset({DietFlag.HALAL, DietFlag.SOFT}), allergies="花生"
    )
    order_lunch(center, admin, senior_id)
    panel = page.serving
    panel.refresh()
    assert panel.counts_label.text() == "午餐：已订 1 · 已供 0"

    search_and_enter(qtbot, panel, "mxl", type_into)

    card = panel.card
    assert card.badges.texts() == ["清真", "软食"]
    halal = card.badges.findChild(QWidget, "diet_halal")
    assert halal is not None and halal.isVisibleTo(card) and "#00703c" in halal.styleSheet()
    assert card.allergy_label.text() == "过敏：花生"
    assert card.charge_label.text() == "应付 9.00 元，补贴 3.00 元（80周岁以上）"
    assert card.payment_label.text() == "已收 9.00 元（现金）"
    assert card.state_label.text().startswith("✔ 午餐已供餐")
    assert served_rows(panel) == [("马秀兰", "午餐", "清真、软食", "9.00", "现金")]
    assert panel.counts_label.text() == "午餐：已订 1 · 已供 1"
    assert panel.finder.box.hasFocus() and panel.finder.box.text() == ""


def test_a_balance_that_covers_the_meal_is_used_whatever_the_default_and_the_card_says_what_is_left(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "张桂兰", 13)
    order_lunch(center, admin, senior_id)
    top_up(center, admin, senior_id, 100_00)
    panel = page.serving
    assert DESK_PAYMENTS[panel.payment_combo.currentIndex()] is Payment.CASH

    search_and_enter(qtbot, panel, "zgl", type_into)

    assert panel.card.payment_label.text() == "已从餐费余额扣除 9.00 元，余额还剩 91.00 元（余额足够，已自动使用余额）"
    assert served_rows(panel) == [("张桂兰", "午餐", "", "9.00", "余额")]
    assert center.meals.balance(senior_id, admin) == 91_00
    assert DESK_PAYMENTS[panel.payment_combo.currentIndex()] is Payment.CASH  # the default stays as set


def test_a_second_lunch_is_refused_in_red_and_not_listed_twice(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "李建国", 15)
    order_lunch(center, admin, senior_id)
    panel = page.serving
    search_and_enter(qtbot, panel, "ljg", type_into)
    assert len(served_rows(panel)) == 1

    search_and_enter(qtbot, panel, "ljg", type_into)
    assert panel.card.state_label.text() == "✖ 不能供餐"
    assert panel.card.warnings_label.text() == "李建国今天已用过午餐（09:00）"
    assert panel.card.prompt_label.text() == "未作任何记录。"
    press_enter(qtbot, panel)  # a stray Enter changes nothing either
    assert len(served_rows(panel)) == 1
    assert panel.pending is None


def test_without_an_order_the_warning_shows_and_only_the_second_enter_serves(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    register(center, admin, "王秀英", 17)
    panel = page.serving
    search_and_enter(qtbot, panel, "wxy", type_into)

    assert panel.warned_codes() == (WarningCode.NO_ORDER,)
    assert panel.card.state_label.text() == "⚠ 请先核对"
    assert panel.card.warnings_label.text() == "2026-11-22无午餐订餐"
    assert panel.card.prompt_label.text() == "再按回车确认供餐，Esc 取消"
    assert served_rows(panel) == []

    press_enter(qtbot, panel)
    assert [r[0] for r in served_rows(panel)] == ["王秀英"]
    assert panel.card.state_label.text().startswith("✔")
    assert panel.model.display_text(0, cols.SRV_NOTE) == "2026-11-22无午餐订餐"  # what the server went ahead with


def test_esc_cancels_a_warned_meal(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    register(center, admin, "王秀英", 17)
    panel = page.serving
    search_and_enter(qtbot, panel, "wxy", type_into)
    qtbot.keyClick(panel.finder.box, Qt.Key.Key_Escape)
    assert panel.pending is None
    assert "已取消" in panel.card.texts()
    press_enter(qtbot, panel)
    assert served_rows(panel) == []


def test_a_scanned_card_without_an_order_is_not_served_by_the_scanners_own_enter(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "赵玉兰", 19)
    member_no = center.desk.card(senior_id, admin).member_no
    panel = page.serving
    type_into(panel.finder.box, member_no)  # the scanner types the number …
    assert panel.warned_codes() == (WarningCode.NO_ORDER,)
    press_enter(qtbot, panel)  # … and its own Enter
    assert served_rows(panel) == []
    press_enter(qtbot, panel)  # the person at the desk confirms
    assert [r[0] for r in served_rows(panel)] == ["赵玉兰"]


def test_a_short_balance_is_overdrawn_only_when_allowed_explicitly(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "陈玉兰", 21)
    order_lunch(center, admin, senior_id)
    top_up(center, admin, senior_id, 5_00)
    panel = page.serving
    panel.payment_combo.setCurrentIndex(DESK_PAYMENTS.index(Payment.BALANCE))
    search_and_enter(qtbot, panel, "cyl", type_into)

    assert panel.warned_codes() == (WarningCode.BALANCE_LOW,)
    assert panel.card.override_check.isVisibleTo(panel.card)
    press_enter(qtbot, panel)
    assert served_rows(panel) == []
    assert panel.card.prompt_label.text().startswith("未供餐：余额不足")

    panel.card.override_check.setChecked(True)
    assert panel.finder.box.hasFocus()
    press_enter(qtbot, panel)
    assert served_rows(panel) == [("陈玉兰", "午餐", "", "9.00", "余额")]
    assert "余额还剩 -4.00 元（透支）" in panel.card.payment_label.text()


def test_a_short_balance_is_paid_another_way_when_the_payment_is_changed(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "陈玉兰", 21)
    order_lunch(center, admin, senior_id)
    top_up(center, admin, senior_id, 5_00)
    panel = page.serving
    panel.payment_combo.setCurrentIndex(DESK_PAYMENTS.index(Payment.BALANCE))
    search_and_enter(qtbot, panel, "cyl", type_into)
    panel.payment_combo.setCurrentIndex(DESK_PAYMENTS.index(Payment.WECHAT))
    assert panel.card.prompt_label.text() == "再按回车确认供餐，Esc 取消"
    press_enter(qtbot, panel)
    assert served_rows(panel) == [("陈玉兰", "午餐", "", "9.00", "微信")]
    assert center.meals.balance(senior_id, admin) == 5_00


def test_a_withdrawn_senior_is_shown_in_red_and_not_served(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "刘建华", 23)
    center.seniors.change_status(senior_id, Status.WITHDRAWN, dt.date(2026, 11, 1), "随子女迁居外地", admin)
    panel = page.serving
    search_and_enter(qtbot, panel, "ljh", type_into)
    assert panel.card.state_label.text() == "✖ 不能供餐"
    assert "退出" in panel.card.warnings_label.text()
    press_enter(qtbot, panel)
    assert served_rows(panel) == []


def test_a_mistaken_serving_is_voided_with_a_reason(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    senior_id = register(center, admin, "张桂兰", 13)
    order_lunch(center, admin, senior_id)
    top_up(center, admin, senior_id, 100_00)
    panel = page.serving
    search_and_enter(qtbot, panel, "zgl", type_into)
    panel.table.selectRow(0)

    def without_then_with_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, VoidDialog)
        dialog.ok_button.click()
        assert dialog.error_for("void_reason") != ""
        dialog.set_reason("记错了人")
        dialog.ok_button.click()

    on_modal(without_then_with_reason)
    assert panel.void_serving()
    assert served_rows(panel) == []
    assert center.meals.balance(senior_id, admin) == 100_00  # the money came back
    assert "已作废" in panel.notice.text()
