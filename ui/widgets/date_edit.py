"""A date field that accepts dates the way staff write them, with a calendar on demand.

Front-desk staff type 1945-03-02, 1945.3.2, 1945/3/2, 1945年3月2日 or 19450302 (full-width
digits too); all mean the same day. The text is never thrown away: a date that cannot be
read stays as typed and the form shows why it was refused. An empty field is a clear
"no date" (optional dates such as a category's end), shown with a placeholder.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QWidget

from carecenter.domain.text import to_halfwidth
from carecenter.i18n import _

_SEPARATED = re.compile(r"^(\d{4})\s*[-./年\s]\s*(\d{1,2})\s*[-./月\s]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class DateTextError(ValueError):
    """The typed text is not a date; ``str()`` is the reason, translated, for the form."""


def parse_date(text: str) -> dt.date | None:
    """The day ``text`` names, or None when it is blank; raises DateTextError otherwise."""
    value = to_halfwidth(text).strip()
    if not value:
        return None
    match = _SEPARATED.match(value) or _COMPACT.match(value)
    if match is None:
        raise DateTextError(_("“{text}” is not a date; type it like 2026-11-22").format(text=text.strip()))
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateTextError(_("{text} does not exist in the calendar").format(text=text.strip())) from None


def format_date(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


class DateEdit(QWidget):
    """A line edit for a date plus a "calendar" button; blank means no date.

    ``date()`` raises DateTextError for text that is not a date, so the caller can
    show the reason next to the field instead of silently dropping what was typed.
    """

    edited = Signal()

    def __init__(
        self,
        today: dt.date,
        optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        self.line = QLineEdit(self)
        self.line.setPlaceholderText(_("blank = none") if optional else _("e.g. {day}").format(day=today.isoformat()))
        self.line.setClearButtonEnabled(optional)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("2026-11-22") + 24)
        self.line.textChanged.connect(self.edited)
        self.line.editingFinished.connect(self._tidy)
        layout.addWidget(self.line, 1)

        self.calendar_button = QToolButton(self)
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setAccessibleName(_("Calendar"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.calendar_button.setToolTip(_("Pick the date on a calendar (or press F4 in the field)"))
        self.calendar_button.clicked.connect(self.show_calendar)
        layout.addWidget(self.calendar_button)

        self._calendar: QCalendarWidget | None = None
        for keys in ("F4", "Alt+Down"):
            shortcut = QShortcut(QKeySequence(keys), self.line)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.show_calendar)
        self.setFocusProxy(self.line)

    # ---- value ---------------------------------------------------------------------------

    def text(self) -> str:
        return self.line.text()

    def date(self) -> dt.date | None:
        return parse_date(self.line.text())

    def set_date(self, day: dt.date | None) -> None:
        self.line.setText(format_date(day))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    # ---- behaviour -----------------------------------------------------------------------

    def _tidy(self) -> None:
        """Once the user leaves the field, show a readable date in the one standard form."""
        try:
            day = self.date()
        except DateTextError:
            return
        if day is not None and self.line.text() != day.isoformat():
            self.line.setText(day.isoformat())

    def show_calendar(self) -> None:
        """Pop up a month calendar at the field, starting on the typed date (or today)."""
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setGridVisible(True)
            self._calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
        try:
            start = self.date() or self._today
        except DateTextError:
            start = self._today
        self._calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self._calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self._calendar.show()
        self._calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.line.setText(format_date(dt.date(day.year(), day.month(), day.day())))
        if self._calendar is not None:
            self._calendar.hide()
        self.line.setFocus()

    @property
    def calendar(self) -> QCalendarWidget | None:
        return self._calendar
