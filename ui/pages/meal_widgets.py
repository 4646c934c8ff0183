"""What the 助餐 tabs share: money and diet texts, the big diet badges, a day chooser, a meal chooser.

The diet flags are what the server must not miss at the serving moment, so each has its
own colour and 清真 the strongest one (a deep green badge with white text): the same
badge is used on the serving card and in the kitchen count. Money is shown as the
centers write it, "12.00 元". UI thread only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from carecenter import i18n
from carecenter.domain.desk_vocab import Payment
from carecenter.domain.vocab import DietFlag
from carecenter.i18n import _
from carecenter.subsidies.money import yuan
from carecenter.subsidies.policy import MealType
from ui.qt_i18n import locale_for
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, bold

REFUSE_COLOR = ERROR_COLOR  # red: nothing is served (orange, field_row.WARN_COLOR: only after a second Enter)
SERVED_COLOR = INFO_COLOR

# Badge colours (background, text): 清真 must be unmistakable, the others distinct from it and each other.
DIET_COLORS: dict[DietFlag, tuple[str, str]] = {
    DietFlag.HALAL: ("#00703c", "#ffffff"),
    DietFlag.DIABETIC: ("#4a148c", "#ffffff"),
    DietFlag.LOW_SALT: ("#01579b", "#ffffff"),
    DietFlag.SOFT: ("#795548", "#ffffff"),
}

DESK_PAYMENTS = (Payment.CASH, Payment.WECHAT, Payment.ALIPAY, Payment.BALANCE)
"""What the serving tab's payment default offers (NONE is decided by the price, never chosen)."""


# ---- texts ------------------------------------------------------------------------------------------


def money(fen: int) -> str:
    """12.00 元."""
    return _("{amount} yuan (money)").format(amount=yuan(fen))


def diet_text(flags: Iterable[DietFlag]) -> str:
    """清真、软食 ('' for none)."""
    return "、".join(flag.label for flag in flags)


def payment_text(payment: Payment | None) -> str:
    """现金 / 微信 / 支付宝 / 余额 / 免费: short enough for a table cell."""
    if payment is None:
        return ""
    short = {
        Payment.CASH: _("Cash"),
        Payment.WECHAT: _("WeChat (short)"),
        Payment.ALIPAY: _("Alipay"),
        Payment.BALANCE: _("Balance (short)"),
        Payment.NONE: _("Free (short)"),
    }
    return short[payment]


def place_text(delivery: bool) -> str:
    """堂食 or 送餐."""
    return _("Delivered (short)") if delivery else _("Eat-in (short)")


def weekday_name(day: dt.date) -> str:
    return locale_for(i18n.current_language()).dayName(day.isoweekday())


def day_text(day: dt.date, today: dt.date) -> str:
    """2026-11-23 星期一（明天）."""
    relative = {0: _("today (day)"), 1: _("tomorrow (day)"), -1: _("yesterday (day)")}.get((day - today).days)
    text = f"{day.isoformat()} {weekday_name(day)}"
    return _("{day} ({relative})").format(day=text, relative=relative) if relative else text


# ---- badges -----------------------------------------------------------------------------------------


def badge_style(flag: DietFlag, padding: str = "4px 14px") -> str:
    background, color = DIET_COLORS[flag]
    return f"background: {background}; color: {color}; border-radius: 6px; padding: {padding}; font-weight: bold;"


class DietBadges(QWidget):
    """A row of big coloured diet badges (清真 first, as the vocabulary orders them); empty shows nothing."""

    def __init__(self, scale: float = 1.8, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self._labels: list[QLabel] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self._layout.addStretch(1)

    def set_flags(self, flags: Sequence[DietFlag]) -> None:
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        for n, flag in enumerate(flags):
            label = QLabel(flag.label, self)
            label.setObjectName(f"diet_{flag.value}")
            bold(label, self._scale)
            label.setStyleSheet(badge_style(flag))
            label.setAccessibleName(flag.label)
            self._layout.insertWidget(n, label)
            self._labels.append(label)
        self.setVisible(bool(flags))

    def texts(self) -> list[str]:
        return [label.text() for label in self._labels]


# ---- choosers ---------------------------------------------------------------------------------------


class DayChooser(QWidget):
    """◀ 2026-11-23 星期一（明天） ▶ 今天: one day at a time; ``day_changed(date)`` when it changes."""

    day_changed = Signal(object)

    def __init__(
        self, today: Callable[[], dt.date], start: dt.date, parent: QWidget | None = None, scale: float = 1.2
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._day = start
        self.prev_button = self._button("◀", _("Previous day"), lambda: self.step(-1))
        self.label = QLabel(self)
        self.label.setObjectName("day")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bold(self.label, scale)
        widest = day_text(dt.date(2026, 12, 30), dt.date(2026, 12, 29))
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(widest) + 16)
        self.next_button = self._button("▶", _("Next day"), lambda: self.step(1))
        self.today_button = self._button(_("Today (button)"), _("Back to today"), lambda: self.set_day(self._today()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (self.prev_button, self.label, self.next_button, self.today_button):
            layout.addWidget(widget)
        self._show()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoDefault(False)
        button.setMinimumHeight(button.sizeHint().height() + 6)
        button.setMinimumWidth(max(48, button.sizeHint().width() + 12))
        button.clicked.connect(slot)
        return button

    def bind_page_keys(self, scope: QWidget) -> None:
        """PgUp / PgDn anywhere in ``scope`` go to the day before / after."""
        for keys, days in (("PgUp", -1), ("PgDown", 1)):
            shortcut = QShortcut(QKeySequence(keys), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda days=days: self.step(days))
        self.prev_button.setToolTip(_("Previous day (PgUp)"))
        self.next_button.setToolTip(_("Next day (PgDn)"))

    def day(self) -> dt.date:
        return self._day

    def set_day(self, day: dt.date) -> None:
        if day != self._day:
            self._day = day
            self._show()
            self.day_changed.emit(day)
        else:
            self._show()  # "today" may have moved (a desk left open over midnight)

    def step(self, days: int) -> None:
        self.set_day(self._day + dt.timedelta(days=days))

    def _show(self) -> None:
        today = self._today()
        self.label.setText(day_text(self._day, today))
        self.today_button.setEnabled(self._day != today)


class MealCombo(QComboBox):
    """The meal types to choose from (lunch first chosen when listed); ``meal()`` is the chosen one."""

    def set_meals(self, meals: Sequence[MealType], note: Callable[[MealType], str] | None = None) -> None:
        """List ``meals`` (each with an optional note, e.g. 未供应), keeping the chosen meal when still listed."""
        current = self.meal()
        self.blockSignals(True)
        self.clear()
        for meal in meals:
            extra = note(meal) if note is not None else ""
            self.addItem(f"{meal.label}{extra}", meal.value)
        wanted = current if current in meals else (MealType.LUNCH if MealType.LUNCH in meals else None)
        index = self.findData(wanted.value) if wanted is not None else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)
        if self.meal() != current:
            self.currentIndexChanged.emit(self.currentIndex())

    def meal(self) -> MealType | None:
        value = self.currentData()
        return MealType.of(value) if isinstance(value, str) else None

    def choose(self, meal: MealType) -> bool:
        index = self.findData(meal.value)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0
