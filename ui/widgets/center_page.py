"""What the pages of one center share: the services, who is at the desk, the clock, and a fresh read on sight.

A page shows one center's records (None: 全部站点, which each page handles its own way)
and reads again whenever it comes into view, because records change at other desks and
on other pages. The main window passes the chosen center on with ``set_center``; a page
out of view reads it when shown. What "reading" means is each page's
:meth:`CenterPage.refresh`; what else follows the center (a search line, tabs) its
:meth:`CenterPage.center_changed`. UI thread only.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.facade import CareCenter
from ui.widgets.field_row import ensure_readable_font


class CenterPage(QWidget):
    """A page of one center (None: every center); subclasses build their screen and read in ``refresh``."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._clock = clock or cc.clock
        ensure_readable_font(self)  # first: what the page builds sizes itself from the page's font

    def set_center(self, center_id: int | None) -> None:
        """Show one center (None: every center); read at once if the page is shown, else when it is."""
        if center_id != self._center_id:
            self._center_id = center_id
            self.center_changed(center_id)
            if self.isVisible():
                self.refresh()

    def center_changed(self, center_id: int | None) -> None:
        """Pass a new center on to what follows it (a search line, the tabs); nothing by default."""

    def center_id(self) -> int | None:
        return self._center_id

    def showEvent(self, event: QShowEvent) -> None:
        """Records change at other desks and on other pages: read again whenever the page comes into view."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def refresh(self) -> None:
        """Read the chosen center's records again and show them."""
        raise NotImplementedError
