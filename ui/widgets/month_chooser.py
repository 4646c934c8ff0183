"""◀ 2026年11月 ▶ 本月: the one month chooser of the month-by-month screens.

The 生日会 and 补贴发放 pages and the senior's 补贴 tab all look at one calendar month at
a time and choose it the same way: big bold month in the middle, ◀ and ▶ either side
(large enough to hit, with a tooltip and an accessible name), and 本月, disabled while
the current month is shown. A page that wants PgUp/PgDn to change the month asks for it
with :meth:`MonthChooser.bind_page_keys`.

"Today" is asked of the clock each time (a callable), so a desk left open over midnight
at the month's end still knows which month is the current one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from carecenter.domain.months import first_day, month_label, shift
from carecenter.i18n import _
from ui.widgets.field_row import bold

# The widest month a label must hold without the buttons moving as the month changes.
_WIDEST_MONTH = dt.date(2026, 12, 1)


class MonthChooser(QWidget):
    """One calendar month at a time; ``month_changed(date)`` carries the new month's first day.

    ``today`` gives the current day (the clock's ``today``); ``scale`` sizes the month's
    bold label to its screen (a page heading is larger than a tab's).
    """

    month_changed = Signal(object)

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None, scale: float = 1.4) -> None:
        super().__init__(parent)
        self._today = today
        self._month = first_day(today())
        self.prev_button = self._button("◀", _("Previous month"), lambda: self.step(-1))
        self.label = QLabel(self)
        self.label.setObjectName("month")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bold(self.label, scale)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(month_label(_WIDEST_MONTH)) + 24)
        self.next_button = self._button("▶", _("Next month"), lambda: self.step(1))
        self.this_month_button = self._button(_("This month"), _("Back to the current month"), self.go_to_today)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.label)
        layout.addWidget(self.next_button)
        layout.addSpacing(6)
        layout.addWidget(self.this_month_button)
        self._show()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoDefault(False)  # Enter in a page's form never flips the month
        button.setMinimumHeight(button.sizeHint().height() + 8)
        button.setMinimumWidth(max(56, button.sizeHint().width() + 16))
        button.clicked.connect(slot)
        return button

    def bind_page_keys(self, scope: QWidget) -> None:
        """PgUp / PgDn anywhere in ``scope`` (a page and its children) go to the month before / after.

        The tooltips then name the keys. The shortcuts win over a table's own paging, which
        is what a month-by-month page wants.
        """
        for keys, months in (("PgUp", -1), ("PgDown", 1)):
            shortcut = QShortcut(QKeySequence(keys), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda months=months: self.step(months))
        self.prev_button.setToolTip(_("Previous month (PgUp)"))
        self.next_button.setToolTip(_("Next month (PgDn)"))

    # ---- the month -------------------------------------------------------------------------

    def month(self) -> dt.date:
        """The first day of the month shown."""
        return self._month

    def set_month(self, month: dt.date) -> None:
        """Show ``month``'s month (any day of it); ``month_changed`` fires only when it is another month."""
        month = first_day(month)
        if month != self._month:
            self._month = month
            self._show()
            self.month_changed.emit(month)

    def step(self, months: int) -> None:
        """Go ``months`` months forward (negative: back), across year ends."""
        self.set_month(shift(self._month, months))

    def go_to_today(self) -> None:
        """本月: the current month."""
        self.set_month(self._today())

    def _show(self) -> None:
        self.label.setText(month_label(self._month))
        self.this_month_button.setEnabled(self._month != first_day(self._today()))
