"""What the month-by-month pages (生日会, 补贴发放) share: a center, a month, and a fresh read on sight.

Both pages show one center's records (None: 全部站点, which each page handles its own
way) for the month of their :class:`MonthChooser`, and both read again whenever they come
into view, because parties and records change at other desks and on other pages. The
main window passes the chosen center on with ``set_center``; a page out of view reads
it when shown. What "reading" means is each page's :meth:`MonthPage.refresh`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.facade import CareCenter
from ui.widgets.field_row import ensure_readable_font
from ui.widgets.month_chooser import MonthChooser


class MonthPage(QWidget):
    """A page of one center and one month; subclasses build their screen around ``chooser`` and read in ``refresh``.

    ``month_scale`` sizes the chooser's month to the page's heading.
    """

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None,
        clock: Clock | None,
        parent: QWidget | None,
        *,
        month_scale: float,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._clock = clock or cc.clock
        ensure_readable_font(self)  # first: the chooser sizes its buttons and label from the page's font
        self.chooser = MonthChooser(self._clock.today, self, scale=month_scale)

    def set_center(self, center_id: int | None) -> None:
        """Show one center (None: every center); read at once if the page is shown, else when it is."""
        if center_id != self._center_id:
            self._center_id = center_id
            if self.isVisible():
                self.refresh()

    def center_id(self) -> int | None:
        return self._center_id

    def month(self) -> dt.date:
        """The first day of the month shown."""
        return self.chooser.month()

    def set_month(self, month: dt.date) -> None:
        """Show ``month`` (any day of it); the chooser's ``month_changed`` makes the page read it."""
        self.chooser.set_month(month)

    def showEvent(self, event: QShowEvent) -> None:
        """Records change at other desks and on other pages: read again whenever the page comes into view."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def refresh(self) -> None:
        """Read the chosen center's chosen month again and show it."""
        raise NotImplementedError
