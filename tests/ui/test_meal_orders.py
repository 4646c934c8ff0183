# mypy: disable-error-code="no-untyped-call"
"""订餐 as the desk does it: tomorrow's lunch by initials + Enter, a delivery with its address and courier,
the kitchen count, a refused double order, a cancelled order, the day's menu."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.domain.vocab import DietFlag, StaffPosition
from carecenter.facade import CareCenter
from carecenter.subsidies.policy import MealType
from tests.ui.conftest import on_modal
from tests.ui.test_meal_serving import TODAY, open_meals, register
from ui.dialogs.meal_void_dialog import VoidDialog
from ui.pages import meal_models as cols
from ui.pages.meal_orders_panel import OrdersPanel
from ui.pages.meals_page import MealsPage

TypeInto = Callable[[QWidget, str], None]
TOMORROW = TODAY + dt.timedelta(days=1)


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, front_desk: Actor) -> MealsPage:
    page = open_meals(qtbot, center, front_desk)
    page.show_tab(page.orders)
    return page


def order_by_typing(qtbot: QtBot, panel: OrdersPanel, text: str, type_into: TypeInto) -> None:
    type_into(panel.finder.box, text)
    qtbot.keyClick(panel.finder.box, Qt.Key.Key_Return)


def listed(panel: OrdersPanel) -> list[tuple[str, ...]]:
    """The orders as read: name, diet, allergies, 堂食/送餐, address, courier."""
    model = panel.model
    columns = (cols.ORD_NAME, cols.ORD_DIET, cols.ORD_ALLERGIES, cols.ORD_PLACE, cols.ORD_ADDRESS, cols.ORD_COURIER)
    return [tuple(model.display_text(r, c) for c in columns) for r in range(model.rowCount())]


def test_the_tab_opens_on_tomorrows_lunch(page: MealsPage) -> None:
    panel = page.orders
    assert panel.day() == TOMORROW
    assert panel.day_chooser.label.text() == "2026-11-23 星期一（明天）"
    assert panel.meal_combo.currentText() == "午餐"
    assert panel.meal_combo.itemText(0) == "早餐（未供应）"
    assert panel.finder.box.hasFocus()


def test_an_order_for_tomorrow_shows_in_the_list_and_the_kitchen_count(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    register(center, admin, "马秀兰", 11, diet_flags=frozenset({DietFlag.HALAL}), allergies="花生")
    register(center, admin, "李建国", 13)
    panel = page.orders

    order_by_typing(qtbot, panel, "mxl", type_into)
    order_by_typing(qtbot, panel, "ljg", type_into)

    assert listed(panel) == [("李建国", "", "", "堂食", "", ""), ("马秀兰", "清真", "花生", "堂食", "", "")]
    assert panel.notice_text() == "已为李建国订餐：2026-11-23 午餐（堂食）。"
    kitchen = panel.kitchen
    assert (kitchen.figure("total"), kitchen.figure("eat_in"), kitchen.figure("delivered")) == (2, 2, 0)
    assert (kitchen.figure(DietFlag.HALAL.value), kitchen.figure("plain")) == (1, 1)
    assert kitchen.allergies.text() == "注意过敏：\n马秀兰：花生"
    assert kitchen.title() == "厨房备餐：11/23 午餐"
    assert panel.table_title.text() == "11/23 午餐订餐：2 份"
    assert [o.name for o in center.meals.orders(admin, None, TOMORROW)] == ["李建国", "马秀兰"]


def test_a_delivery_takes_the_seniors_address_and_the_courier(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    register(center, admin, "张桂兰", 15, address="文化路8号院3号楼2单元")
    center.staff.create("王护理", StaffPosition.CAREGIVER, admin)
    panel = page.orders
    panel.refresh()
    panel.delivery_check.setChecked(True)
    panel.courier_combo.setCurrentIndex(panel.courier_combo.findText("王护理"))
    type_into(panel.finder.box, "zgl")
    assert panel.address_edit.text() == "文化路8号院3号楼2单元"  # filled from the highlighted senior
    qtbot.keyClick(panel.finder.box, Qt.Key.Key_Return)

    assert listed(panel) == [("张桂兰", "", "", "送餐", "文化路8号院3号楼2单元", "王护理")]
    assert (panel.kitchen.figure("total"), panel.kitchen.figure("delivered")) == (1, 1)


def test_a_second_order_for_the_same_lunch_is_refused(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    register(center, admin, "李建国", 13)
    panel = page.orders
    order_by_typing(qtbot, panel, "ljg", type_into)
    order_by_typing(qtbot, panel, "ljg", type_into)
    assert panel.notice_text().startswith("未给李建国订餐：")
    assert len(listed(panel)) == 1 and panel.kitchen.figure("total") == 1


def test_a_meal_not_offered_cannot_be_ordered(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    register(center, admin, "李建国", 13)
    panel = page.orders
    panel.meal_combo.choose(MealType.DINNER)
    order_by_typing(qtbot, panel, "ljg", type_into)
    assert panel.notice_text().startswith("未给李建国订餐：")
    assert listed(panel) == []


def test_an_order_is_cancelled_with_a_reason(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    register(center, admin, "李建国", 13)
    panel = page.orders
    order_by_typing(qtbot, panel, "ljg", type_into)
    panel.table.selectRow(0)

    def with_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, VoidDialog)
        dialog.set_reason("老人住院")
        dialog.ok_button.click()

    on_modal(with_reason)
    assert panel.cancel_order()
    assert listed(panel) == [] and panel.kitchen.figure("total") == 0
    assert panel.notice_text() == "已取消：李建国的午餐。"


def test_the_menu_is_saved_for_the_day_and_a_dinner_can_be_offered(
    qtbot: QtBot, center: CareCenter, admin: Actor, page: MealsPage, type_into: TypeInto
) -> None:
    panel = page.orders
    panel.dishes_edit.setText("红烧冬瓜、西红柿炒蛋、米饭")
    assert panel.save_menu()
    panel.meal_combo.choose(MealType.DINNER)
    assert not panel.offered_check.isChecked()
    panel.offered_check.setChecked(True)
    panel.dishes_edit.setText("小米粥、馒头")
    assert panel.save_menu()
    assert panel.meal_combo.currentText() == "晚餐"

    panel.set_day(TODAY)
    panel.set_day(TOMORROW)
    panel.meal_combo.choose(MealType.LUNCH)
    assert panel.dishes_edit.text() == "红烧冬瓜、西红柿炒蛋、米饭"
    assert panel.meal_combo.itemText(panel.meal_combo.findData(MealType.DINNER.value)) == "晚餐"
    qtbot.keyClick(panel, Qt.Key.Key_PageUp)
    assert panel.day() == TODAY
