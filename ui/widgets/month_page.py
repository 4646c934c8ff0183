"""What the month-by-month pages (生日会, 补贴发放, 活动) share: a :class:`CenterPage` with a month.

Each page shows one center's records (None: 全部站点, which each page handles its own
way) for the month of its :class:`MonthChooser` and, like every center page, reads again
whenever it comes into view or the center changes. What "reading" means is each page's
:meth:`MonthPage.refresh`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.facade import CareCenter
from ui.widgets.center_page import CenterPage
from ui.widgets.month_chooser import MonthChooser


class MonthPage(CenterPage):
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
        super().__init__(cc, actor, center_id, clock, parent)  # the font first: the chooser sizes itself from it
        self.chooser = MonthChooser(self._clock.today, self, scale=month_scale)

    def month(self) -> dt.date:
        """The first day of the month shown."""
        return self.chooser.month()

    def set_month(self, month: dt.date) -> None:
        """Show ``month`` (any day of it); the chooser's ``month_changed`` makes the page read it."""
        self.chooser.set_month(month)

    def refresh(self) -> None:
        """Read the chosen center's chosen month again and show it."""
        raise NotImplementedError
