"""餐费价格: what each meal (早餐/午餐/晚餐) costs, since when, and a new price from a day on.

A table of every price of every meal, newest first per meal, each marked 现行 (in force
today), 待生效 (from a later day) or 已结束. Under it 调整价格: the meal, the day the
price starts and the price in 元. A meal already served keeps the price of its day; a
price not yet in force may be corrected by entering it again for the same day. Refusals
(a day not after the current price's, a negative or unreadable price) show under their
field and nothing is saved. The meal subsidy's covered meals are named here but belong
to the 助餐补贴 rule: a new version of it changes them.

Threading: each save is one short core call on the UI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.errors import CareCenterError, ValidationError, labelled
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from carecenter.subsidies.money import yuan
from carecenter.subsidies.policy import MealType
from carecenter.subsidies.service import FIELD_LABELS, MealPriceInfo
from ui.widgets.confirm import inform
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import MUTED_COLOR, FieldRow, FieldRows, bold, ensure_readable_font

HEADERS = (N_("Meal"), N_("Price (yuan)"), N_("Starting day"), N_("State"), N_("Entered"))
COL_PRICE = 1


def price_in_force(prices: Sequence[MealPriceInfo], meal: MealType, today: dt.date) -> MealPriceInfo | None:
    """The price of ``meal`` on ``today`` (the latest that started by then)."""
    started = [p for p in prices if p.meal_type is meal and p.starts_on <= today]
    return max(started, key=lambda p: p.starts_on, default=None)


def prices_line(prices: Sequence[MealPriceInfo], today: dt.date) -> str:
    """早餐 4.00元　午餐 12.00元（2026-12-01起 13.00元）　晚餐 10.00元."""
    parts = []
    for meal in MealType:
        current = price_in_force(prices, meal, today)
        text = _("{meal} {amount} yuan").format(
            meal=meal.label, amount=yuan(current.price_fen) if current is not None else "—"
        )
        for later in (p for p in prices if p.meal_type is meal and p.starts_on > today):
            text += _(" ({amount} yuan from {date})").format(amount=yuan(later.price_fen), date=later.starts_on)
        parts.append(text)
    return "　".join(parts)


def price_state(price: MealPriceInfo, current: MealPriceInfo | None, today: dt.date) -> str:
    if price.starts_on > today:
        return _("Not yet in force")
    return _("In force") if current is not None and current.id == price.id else _("Ended")


class MealPriceDialog(QDialog):
    """Every meal price and 调整价格; ``changed`` once a price was saved."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc, self._actor = cc, actor
        self.changed = False
        self.prices: list[MealPriceInfo] = []
        self.rows = FieldRows()
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Meal prices"))
        today = cc.clock.today()

        heading = QLabel(_("Meal prices"), self)
        bold(heading, 1.3)
        note = QLabel(
            _(
                "A new price applies from its day on; meals before it keep the price they had. "
                "A price not yet in force is corrected by entering it again for the same day."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED_COLOR};")
        self.covered_label = QLabel(self._covered_text(), self)
        self.covered_label.setWordWrap(True)

        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        box = QGroupBox(_("Change a price"), self)
        bold(box)
        form = QFormLayout(box)
        self.meal_combo = QComboBox(box)
        for meal in MealType:
            self.meal_combo.addItem(meal.label, meal.value)
        self.meal_combo.setCurrentIndex(self.meal_combo.findData(MealType.LUNCH.value))
        self.meal_combo.setMaximumWidth(200)
        self.starts_edit = DateEdit(today, parent=box)
        self.starts_edit.set_date(today + dt.timedelta(days=1))
        self.starts_edit.setMaximumWidth(240)
        self.price_edit = QLineEdit(box)
        self.price_edit.setPlaceholderText(_("e.g. 13.00"))
        self.price_edit.setMaximumWidth(200)
        self._row(form, "meal_type", self.meal_combo)
        self._row(form, "starts_on", self.starts_edit, _("Starting day"))
        self._row(form, "price_fen", self.price_edit, _("Price (yuan)"))
        self.meal_combo.currentIndexChanged.connect(lambda _i: self.rows["meal_type"].clear_error())
        self.starts_edit.edited.connect(self.rows["starts_on"].clear_error)
        self.price_edit.textChanged.connect(lambda _t: self.rows["price_fen"].clear_error())
        self.save_button = QPushButton(_("Change price"), box)
        self.save_button.setAutoDefault(False)
        self.save_button.setMinimumWidth(max(160, self.save_button.sizeHint().width() + 24))
        self.save_button.clicked.connect(self.save)
        self.price_edit.returnPressed.connect(self.save)
        line = QHBoxLayout()
        line.addWidget(self.save_button)
        line.addStretch(1)
        form.addRow("", line)
        for widget in box.findChildren(QWidget):
            font = widget.font()
            font.setBold(False)
            widget.setFont(font)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.setMinimumWidth(120)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.covered_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        layout.addLayout(bottom)
        self.reload()
        self.resize(880, 680)
        self.price_edit.setFocus()

    def _row(self, form: QFormLayout, field: str, widget: QWidget, caption: str = "") -> None:
        caption = caption or _(FIELD_LABELS[field])
        row = FieldRow(widget, form.parentWidget())
        label = QLabel(caption)
        label.setBuddy(widget)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        widget.setAccessibleName(caption)
        form.addRow(label, row)
        self.rows[field] = row

    def _covered_text(self) -> str:
        today = self._cc.clock.today()
        for rule in self._cc.subsidies.rules():
            version = rule.in_force(today) if rule.per_meal else None
            if version is not None:
                meals = "、".join(m.label for m in version.definition.covered_meals())
                return _("{rule} covers: {meals} (a new version of {rule} changes this).").format(
                    rule=rule.name, meals=meals
                )
        return ""

    # ---- showing -----------------------------------------------------------------------------

    def reload(self) -> None:
        today = self._cc.clock.today()
        prices = self._cc.subsidies.meal_prices()
        current = {meal: price_in_force(prices, meal, today) for meal in MealType}
        order = {meal: i for i, meal in enumerate(MealType)}
        self.prices = sorted(prices, key=lambda p: (order[p.meal_type], -p.starts_on.toordinal()))
        self.table.setRowCount(len(self.prices))
        for row, price in enumerate(self.prices):
            values = (
                price.meal_type.label,
                yuan(price.price_fen),
                price.starts_on.isoformat(),
                price_state(price, current[price.meal_type], today),
                _("{who}, {when}").format(
                    who=_("shipped default") if price.created_by.startswith("system:") else price.created_by,
                    when=price.created_at.strftime("%Y-%m-%d %H:%M"),
                ),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == COL_PRICE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)

    def price_rows(self) -> list[list[str]]:
        """The table as the user reads it."""
        return [
            [(item.text() if (item := self.table.item(r, c)) is not None else "") for c in range(len(HEADERS))]
            for r in range(self.table.rowCount())
        ]

    def error_for(self, field: str) -> str:
        return self.rows.error_for(field)

    # ---- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """调整价格: store the price, or show why not under its field (nothing saved)."""
        self.rows.clear_errors()
        try:
            starts_on = self._start()
            meal = MealType.of(str(self.meal_combo.currentData()))
            self._cc.subsidies.set_meal_price(meal, starts_on, self.price_edit.text(), self._actor)
        except ValidationError as exc:
            for error in self.rows.show(exc.errors):
                self.rows["price_fen"].add_error(str(error))
            first = self.rows.first_error()
            if first is not None:
                first.bring_into_view()
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.changed = True
        self.price_edit.clear()
        self.reload()
        return True

    def _start(self) -> dt.date:
        try:
            day = self.starts_edit.date()
        except DateTextError as exc:
            raise ValidationError([labelled(FIELD_LABELS, "starts_on", str(exc))]) from None
        if day is None:
            raise ValidationError([labelled(FIELD_LABELS, "starts_on", _("is required"))])
        return day
