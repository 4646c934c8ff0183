"""订餐: tomorrow's (or any day's) orders of a meal, the day's menu, and the kitchen count.

The day starts at tomorrow — orders are taken the day before — and moves with ◀ ▶ or
PgUp/PgDn. The meal chooser lists every meal type, those the center does not offer
that day marked 未供应; the menu line under it holds the dishes and whether the meal is
offered (保存菜单).

Ordering is the desk's one gesture: search, Enter. With 送餐上门 ticked first the
order is a delivery: the address is filled from the highlighted senior (and may be
edited) and the courier is one of the active staff. A refusal (already ordered, not
offered, 退出/去世, a delivery without an address) is said in red under the search and
nothing is saved. Below, the orders (取消订餐… with a reason) and, beside them, the
kitchen count in large type: 合计, 堂食, 送餐, each diet, 普通, and the allergies to
watch, with 打印厨房单 (the same count on paper, through the print preview). Every read
and write is one short core call on the UI thread.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.desk.finder import DeskSenior
from carecenter.domain.vocab import DietFlag
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.meals.dto import KitchenCount, MenuInfo, OrderInfo, OrderInput
from carecenter.subsidies.policy import MealType
from ui.dialogs.meal_void_dialog import ORDER_REASONS, VoidDialog
from ui.pages.meal_models import ORD_ADDRESS, ORD_SERVED, OrderTableModel, order_samples
from ui.pages.meal_widgets import REFUSE_COLOR, DayChooser, MealCombo, badge_style, place_text
from ui.widgets.field_row import FieldRow, FieldRows, bold
from ui.widgets.record_table_model import record_view
from ui.widgets.senior_finder import SeniorFinder
from ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from ui.printing import PrintJob


class KitchenBox(QGroupBox):
    """厨房备餐: the portions to cook, big enough to read from across the kitchen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Kitchen count"), parent)
        bold(self, 1.1)
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        rows: list[tuple[str, str, str]] = [
            ("total", _("Total"), ""),
            ("eat_in", _("Eat-in (short)"), ""),
            ("delivered", _("Delivered (short)"), ""),
            *((flag.value, flag.label, badge_style(flag, "2px 10px")) for flag in DietFlag),
            ("plain", _("Ordinary"), ""),
        ]
        for n, (key, title, style) in enumerate(rows):
            caption = QLabel(title, self)
            bold(caption, 1.5 if key == "total" else 1.25)
            if style:
                caption.setStyleSheet(style)
            value = QLabel("0", self)
            value.setObjectName(f"kitchen_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            bold(value, 1.9 if key == "total" else 1.5)
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("9999"))  # room for any day's count
            grid.addWidget(caption, n, 0, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(value, n, 1)
            self.values[key] = value
        self.allergies = QLabel(self)
        self.allergies.setObjectName("kitchenAllergies")
        self.allergies.setWordWrap(True)
        bold(self.allergies, 1.1)
        self.allergies.setStyleSheet(f"color: {REFUSE_COLOR};")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(self.allergies)
        layout.addStretch(1)
        # 打印厨房单: the same count on paper for the kitchen wall (the panel places and prints it)
        self.print_button = QPushButton(_("Print kitchen sheet"), self)
        self.print_button.setToolTip(_("The portions, diets, allergies and deliveries on paper, previewed first"))
        self.print_button.setAutoDefault(False)
        self.print_button.setMinimumHeight(self.print_button.sizeHint().height() + 8)

    def show_count(self, count: KitchenCount | None) -> None:
        figures = {"total": 0, "eat_in": 0, "delivered": 0, "plain": 0, **{f.value: 0 for f in DietFlag}}
        notes = ""
        if count is not None:
            figures.update(total=count.total, eat_in=count.eat_in, delivered=count.delivered, plain=count.plain)
            figures.update({flag.value: n for flag, n in count.by_diet})
            lines = [
                _("{name}: {allergies}").format(name=a.name, allergies=a.allergies)
                + (_(" (delivered)") if a.delivery else "")
                for a in count.allergies
            ]
            notes = _("Allergies to watch:") + "\n" + "\n".join(lines) if lines else _("No allergies to watch.")
        for key, label in self.values.items():
            label.setText(str(figures[key]))
        self.allergies.setText(notes)

    def figure(self, key: str) -> int:
        """A count as shown: ``total``, ``eat_in``, ``delivered``, ``plain`` or a diet flag's code."""
        return int(self.values[key].text())


class OrdersPanel(QWidget):
    """The 订餐 tab; ``changed`` after an order or a menu was saved or an order cancelled."""

    changed = Signal()

    def __init__(
        self, cc: CareCenter, actor: Actor, center_id: int | None, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._clock = clock
        self._menus: dict[MealType, MenuInfo] = {}
        self.print_job: PrintJob | None = None  # the last printout asked for (its preview, for tests)
        self._address_typed = False
        self.rows = FieldRows()
        self._build()

    # ---- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.day_chooser = DayChooser(self._clock.today, self._clock.today() + dt.timedelta(days=1), self)
        self.day_chooser.bind_page_keys(self)
        self.day_chooser.day_changed.connect(lambda _day: self.refresh())
        self.meal_combo = MealCombo(self)
        bold(self.meal_combo, 1.1)
        self.meal_combo.currentIndexChanged.connect(lambda _i: self._meal_changed())
        meal_caption = QLabel(_("&Meal"), self)
        meal_caption.setBuddy(self.meal_combo)

        self.dishes_edit = QLineEdit(self)
        self.dishes_edit.setPlaceholderText(_("e.g. braised winter melon, tomato and egg, rice, seaweed soup"))
        dishes_caption = QLabel(_("Di&shes"), self)
        dishes_caption.setBuddy(self.dishes_edit)
        self.offered_check = QCheckBox(_("Offered"), self)
        self.save_menu_button = QPushButton(_("Save the menu"), self)
        self.save_menu_button.setAutoDefault(False)
        self.save_menu_button.clicked.connect(lambda: self.save_menu())
        self.dishes_edit.returnPressed.connect(lambda: self.save_menu())

        self.finder = SeniorFinder(
            self._cc,
            self._actor,
            self._center_id,
            _("Initials, last 4 ID digits or member no. — Enter orders"),
            parent=self,
        )
        self.finder.chosen.connect(lambda senior: self.order(senior))
        self.finder.results.currentRowChanged.connect(lambda _row: self._fill_address())
        self.delivery_check = QCheckBox(_("&Deliver to the home"), self)
        bold(self.delivery_check)
        self.delivery_check.toggled.connect(lambda _on: self._delivery_toggled())
        self.address_edit = QLineEdit(self)
        self.address_edit.setPlaceholderText(_("Blank = the senior's registered address"))
        self.address_edit.textEdited.connect(lambda _text: self._address_edited())
        self.courier_combo = QComboBox(self)
        address_caption = QLabel(_("Add&ress"), self)
        address_caption.setBuddy(self.address_edit)
        courier_caption = QLabel(_("C&ourier"), self)
        courier_caption.setBuddy(self.courier_combo)
        self.rows["address"] = FieldRow(self.address_edit, self)
        self.rows["courier_staff_id"] = FieldRow(self.courier_combo, self)
        self.notice = StatusLine(self, name="ordersNotice", scale=1.1, hide_when_empty=True)

        self.model = OrderTableModel()
        self.table = record_view(self.model, order_samples(), 12, stretch=ORD_ADDRESS, name="ordersTable", parent=self)
        self.table_title = QLabel(self)
        bold(self.table_title, 1.1)
        self.cancel_button = QPushButton(_("&Cancel the order…"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(lambda: self.cancel_order())
        self.kitchen = KitchenBox(self)
        self.kitchen.print_button.clicked.connect(lambda: self.print_kitchen_sheet())
        # Scrolls rather than grows: a long list of allergies must never push the window off the screen.
        self.kitchen_scroll = QScrollArea(self)
        self.kitchen_scroll.setWidget(self.kitchen)
        self.kitchen_scroll.setWidgetResizable(True)
        self.kitchen_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.kitchen_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scrollbar = self.kitchen_scroll.verticalScrollBar().sizeHint().width()
        self.kitchen_scroll.setMinimumWidth(self.kitchen.minimumSizeHint().width() + scrollbar + 4)  # never clipped

        top = QHBoxLayout()
        top.addWidget(self.day_chooser)
        top.addSpacing(16)
        top.addWidget(meal_caption)
        top.addWidget(self.meal_combo)
        top.addStretch(1)
        menu = QHBoxLayout()
        menu.addWidget(dishes_caption)
        menu.addWidget(self.dishes_edit, 1)
        menu.addWidget(self.offered_check)
        menu.addWidget(self.save_menu_button)
        delivery = QHBoxLayout()
        delivery.addWidget(self.delivery_check)
        delivery.addSpacing(8)
        delivery.addWidget(address_caption)
        delivery.addWidget(self.rows["address"], 1)
        delivery.addWidget(courier_caption)
        delivery.addWidget(self.rows["courier_staff_id"])
        list_head = QHBoxLayout()
        list_head.addWidget(self.table_title)
        list_head.addStretch(1)
        list_head.addWidget(self.cancel_button)
        left = QVBoxLayout()
        left.addLayout(list_head)
        left.addWidget(self.table, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        kitchen_column = QVBoxLayout()  # the print button stays in sight however long the count scrolls
        kitchen_column.addWidget(self.kitchen_scroll, 1)
        kitchen_column.addWidget(self.kitchen.print_button)
        body.addLayout(kitchen_column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(menu)
        layout.addWidget(self.finder)
        layout.addLayout(delivery)
        layout.addWidget(self.notice)
        layout.addLayout(body, 1)
        self.setFocusProxy(self.finder)
        self._delivery_toggled()

    # ---- reading ---------------------------------------------------------------------------------

    def day(self) -> dt.date:
        return self.day_chooser.day()

    def set_day(self, day: dt.date) -> None:
        self.day_chooser.set_day(day)

    def meal(self) -> MealType:
        return self.meal_combo.meal() or MealType.LUNCH

    def set_center(self, center_id: int | None) -> None:
        self._center_id = center_id
        self.finder.set_center(center_id)

    def refresh(self) -> None:
        """Read the day's menus, the couriers, the orders and the kitchen count again."""
        try:
            self._read_menus()
            self._read_couriers()
            self._read_orders()
        except CareCenterError as exc:
            self.say(str(exc), ok=False)

    def _read_menus(self) -> None:
        centers = [self._center_id] if self._center_id is not None else [c.id for c in self._cc.centers.list()]
        offered: set[MealType] = set()
        self._menus = {}
        for center_id in centers:
            for menu in self._cc.meals.menus(center_id, self.day()):
                if menu.offered:
                    offered.add(menu.meal_type)
                if center_id == self._center_id:
                    self._menus[menu.meal_type] = menu
        self.meal_combo.set_meals(tuple(MealType), lambda m: "" if m in offered else _(" (not offered)"))
        self._show_menu()

    def _show_menu(self) -> None:
        menu = self._menus.get(self.meal())
        editable = self._center_id is not None
        self.dishes_edit.setText(menu.dishes if menu is not None else "")
        self.offered_check.setChecked(menu.offered if menu is not None else self.meal() is MealType.LUNCH)
        for widget in (self.dishes_edit, self.offered_check, self.save_menu_button):
            widget.setEnabled(editable)
        self.dishes_edit.setToolTip("" if editable else _("Choose a center to write its menu"))

    def _read_couriers(self) -> None:
        current = self.courier_combo.currentData()
        self.courier_combo.blockSignals(True)
        self.courier_combo.clear()
        self.courier_combo.addItem(_("(not yet chosen)"), None)
        for staff in self._cc.staff.list(active_only=True):
            if self._center_id is None or staff.center_id in (None, self._center_id):
                self.courier_combo.addItem(staff.name, staff.id)
        self.courier_combo.setCurrentIndex(max(0, self.courier_combo.findData(current)))
        self.courier_combo.blockSignals(False)
        metrics = self.courier_combo.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(self.courier_combo.itemText(i)) for i in range(self.courier_combo.count())
        )
        self.courier_combo.setMinimumWidth(widest + 48)

    def _read_orders(self) -> None:
        day, meal = self.day(), self.meal()
        rows = self._cc.meals.orders(self._actor, self._center_id, day, meal)
        self.model.set_records(rows)
        self.table_title.setText(
            _("Orders for {meal} on {day}: {n}").format(meal=meal.label, day=f"{day.month}/{day.day}", n=len(rows))
        )
        self.cancel_button.setEnabled(bool(rows))
        self.table.setColumnHidden(ORD_SERVED, day > self._clock.today())  # nothing is served ahead of its day
        self.kitchen.show_count(self._cc.meals.kitchen_count(self._actor, self._center_id, day, meal))
        self.kitchen.setTitle(_("Kitchen count: {meal}, {day}").format(meal=meal.label, day=f"{day.month}/{day.day}"))

    def _meal_changed(self) -> None:
        self._show_menu()
        try:
            self._read_orders()
        except CareCenterError as exc:
            self.say(str(exc), ok=False)

    def ordered_names(self) -> list[str]:
        return [r.name for r in self.model.records()]

    def say(self, text: str, ok: bool = True) -> None:
        self.notice.say(text, ok)

    def notice_text(self) -> str:
        return self.notice.text()

    # ---- the menu --------------------------------------------------------------------------------

    def save_menu(self) -> bool:
        if self._center_id is None:
            self.say(_("Choose a center first: a menu belongs to one center."), ok=False)
            return False
        meal = self.meal()
        try:
            menu = self._cc.meals.set_menu(
                self._center_id, self.day(), meal, self.dishes_edit.text(), self.offered_check.isChecked(), self._actor
            )
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return False
        self.refresh()
        self.meal_combo.choose(meal)
        state = _("offered") if menu.offered else _("not offered")
        self.say(
            _("Menu saved: {meal} on {day}, {state}.").format(meal=meal.label, day=menu.day.isoformat(), state=state)
        )
        self.changed.emit()
        return True

    # ---- ordering --------------------------------------------------------------------------------

    def _delivery_toggled(self) -> None:
        on = self.delivery_check.isChecked()
        for row in (self.rows["address"], self.rows["courier_staff_id"]):
            row.setEnabled(on)
            row.clear_error()
        if on:
            self._fill_address()
        self.finder.setFocus()

    def _address_edited(self) -> None:
        self._address_typed = bool(self.address_edit.text())
        self.rows["address"].clear_error()

    def _fill_address(self) -> None:
        """The highlighted senior's address, unless the desk typed one."""
        if not self.delivery_check.isChecked() or self._address_typed:
            return
        cards = self.finder.cards()
        row = self.finder.results.currentRow()
        if 0 <= row < len(cards):
            self.address_edit.setText(cards[row].address)

    def order(self, senior: DeskSenior) -> OrderInfo | None:
        """Enter on a senior: an eat-in order, or a delivery one when 送餐上门 is ticked."""
        self.rows.clear_errors()
        delivery = self.delivery_check.isChecked()
        courier = self.courier_combo.currentData() if delivery else None
        data = OrderInput(
            senior_id=senior.id,
            day=self.day(),
            meal_type=self.meal(),
            delivery=delivery,
            address=self.address_edit.text() if delivery else "",
            courier_staff_id=courier if isinstance(courier, int) else None,
        )
        try:
            order = self._cc.meals.order(data, self._actor)
        except ValidationError as exc:
            self._refused(senior, exc.errors)
            return None
        except FieldError as exc:
            self._refused(senior, [exc])
            return None
        except CareCenterError as exc:
            self.say(_("{name}: {reason}").format(name=senior.name, reason=exc), ok=False)
            return None
        self.address_edit.clear()
        self._address_typed = False
        try:
            self._read_orders()
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return order
        where = place_text(order.delivery) + (f"：{order.address}" if order.delivery else "")
        self.say(
            _("Ordered for {name}: {meal} on {day} ({where}).").format(
                name=senior.name, meal=order.meal_type.label, day=order.day.isoformat(), where=where
            )
        )
        self.finder.setFocus()
        self.changed.emit()
        return order

    def _refused(self, senior: DeskSenior, errors: list[FieldError]) -> None:
        elsewhere = self.rows.show(errors)
        reasons = [e.reason if e.field == "senior_id" else str(e) for e in elsewhere] or [
            _("see the fields below the search")
        ]
        self.say(_("Not ordered for {name}: {reason}").format(name=senior.name, reason="；".join(reasons)), ok=False)
        self.finder.setFocus()

    def cancel_order(self) -> bool:
        """取消订餐…: the chosen order, with a reason (an order already served must have its serving voided first)."""
        index = self.table.currentIndex()
        row = self.model.record(index.row() if index.isValid() else -1)
        if row is None:
            self.say(_("Choose the order to cancel in the list first."), ok=False)
            return False
        dialog: VoidDialog[OrderInfo] = VoidDialog(
            _("Cancel a meal order"),
            _("Cancel {name}'s {meal} on {day}").format(name=row.name, meal=row.meal_type.label, day=self.day()),
            _("The order stays in the records, marked cancelled with the reason."),
            _("Cancel the order"),
            lambda reason: self._cc.meals.cancel_order(row.order_id, reason, self._actor),
            ORDER_REASONS,
            parent=self,
        )
        if dialog.run() is None:
            return False
        self.refresh()
        self.say(_("Cancelled: {name}'s {meal}.").format(name=row.name, meal=row.meal_type.label))
        self.changed.emit()
        return True

    # ---- print -----------------------------------------------------------------------------------

    def print_kitchen_sheet(self) -> PrintJob | None:
        """打印厨房单: the chosen day's and meal's kitchen count on paper, previewed first."""
        from ui.printing import preview_listing  # loaded on first use

        if self._center_id is None:
            self.say(_("Choose a center at the top: the kitchen sheet is one center's."), ok=False)
            return None
        lists, actor, center_id, day, meal = (
            self._cc.reports.lists,
            self._actor,
            self._center_id,
            self.day(),
            self.meal().value,
        )
        self.print_job = preview_listing(
            self,
            self._cc.reports,
            actor,
            _("Kitchen sheet"),
            lambda: lists.kitchen_count(actor, center_id, day, meal),
        )
        return self.print_job
