"""月度统计 of the 日间照料 page: a month per senior (days, hours, days without a check-out) and the total.

The month is counted off the UI thread (:class:`ui.latest_read.LatestRead`): a district's
month is tens of thousands of check-ins. A month or center chosen while one is being counted
is counted next; a result for a month no longer shown is dropped. ``synchronous`` (the class
attribute) makes tests count inline.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.desk.attendance_dto import MonthAttendance, MonthTotal
from carecenter.domain.months import month_label
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.latest_read import LatestRead
from ui.pages.daycare_models import MonthModel, month_samples
from ui.widgets.field_row import bold
from ui.widgets.month_chooser import MonthChooser
from ui.widgets.record_table_model import record_view


class MonthRead(NamedTuple):
    """A month counted off the UI thread, with what was asked (the user may have moved on meanwhile)."""

    center_id: int | None
    month: dt.date
    rows: list[MonthAttendance]


class DaycareMonthPanel(QWidget):
    """The month chooser, the total line and the table per senior; ``failed(text)`` when counting fails."""

    synchronous: ClassVar[bool] = False
    failed = Signal(str)

    def __init__(
        self, cc: CareCenter, actor: Actor, clock: Clock, center_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self.rows: list[MonthAttendance] = []
        self.reader = LatestRead(self, lambda: type(self).synchronous)
        self.reader.loaded.connect(self._show)
        self.reader.failed.connect(self._failed)
        self.chooser = MonthChooser(clock.today, self, scale=1.2)
        self.chooser.month_changed.connect(lambda _month: self.read(self._center_id))
        self.total_label = QLabel(self)
        self.total_label.setObjectName("monthTotal")
        self.total_label.setWordWrap(True)
        bold(self.total_label, 1.2)
        self.model = MonthModel()
        self.table = record_view(self.model, month_samples(), 40, parent=self)
        top = QHBoxLayout()
        top.addWidget(self.chooser)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.total_label)
        layout.addWidget(self.table, 1)

    def month(self) -> dt.date:
        return self.chooser.month()

    def read(self, center_id: int | None) -> None:
        """Count the chosen month of ``center_id`` (None: every center) off the UI thread."""
        self._center_id = center_id
        cc, actor, month = self._cc, self._actor, self.month()
        self.total_label.setText(_("Counting {month}…").format(month=month_label(month)))
        self.reader.read(lambda: MonthRead(center_id, month, cc.attendance.month(actor, center_id, month)))

    def _show(self, result: object) -> None:
        assert isinstance(result, MonthRead)
        if result.center_id != self._center_id or result.month != self.month():
            self.read(self._center_id)
            return
        self.rows = list(result.rows)
        self.model.set_records(self.rows)
        label = month_label(result.month)
        self.total_label.setText(
            _("{month}: {total}").format(month=label, total=MonthTotal.of(self.rows).text())
            if self.rows
            else _("Nobody came to day care in {month}.").format(month=label)
        )

    def _failed(self, error: object) -> None:
        self.total_label.setText("")
        self.failed.emit(str(error) if isinstance(error, CareCenterError) else repr(error))

    def shown(self) -> list[list[str]]:
        """The table as the user reads it, row by row."""
        return [
            [self.model.display_text(r, c) for c in range(self.model.columnCount())]
            for r in range(self.model.rowCount())
        ]

    def wait(self) -> None:
        """Let a month being counted finish (the window is closing)."""
        self.reader.wait()
