"""What every section of the senior detail view is: a widget that shows one area of one senior.

The detail view (``ui/pages/senior_detail.py``) holds one instance of each section,
calls ``load(senior_id)`` whenever it shows a senior, and reloads every section when
one emits ``changed`` (a new assessment changes the care level shown in the profile).
Later issues add sections (subsidies, attendance, meals, visits) without touching the
view's code beyond the list of sections. UI thread only; data comes from the core.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from carecenter.actor import Actor
from carecenter.facade import CareCenter


class Section(QWidget):
    """One tab of the senior detail view."""

    changed = Signal()  # this section saved something: the view reloads all sections

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cc = cc
        self.actor = actor
        self.senior_id: int | None = None

    @classmethod
    def available_to(cls, actor: Actor) -> bool:
        """Whether ``actor``'s role sees this section at all (the core refuses the rest anyway)."""
        return True

    def title(self) -> str:
        """The tab's title, in the current language."""
        raise NotImplementedError

    def load(self, senior_id: int) -> None:
        """Show ``senior_id``'s data (called again after any section changed something)."""
        raise NotImplementedError
