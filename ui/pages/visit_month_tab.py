"""上门服务 › 月度统计: a month's 九助 services per service type and per staff member.

Per type: 人次 (done visits), the seniors served and the hours; 助餐 is counted from the
meals served (the meal desk's records) and has no hours, so the report to 民政 counts meals
once, as the 助餐 service. Per staff member: 人次 and hours of home visits. The line above
says the month's total and how many seniors were served at all. A month is a handful of
grouped queries, read on the UI thread when the tab is shown or the month changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.desk.visit_dto import MonthVisitCounts, hours_text
from carecenter.domain.months import month_label
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.pages.visit_models import (
    COL_S_HOURS,
    COL_S_NAME,
    COL_S_VISITS,
    COL_T_HOURS,
    COL_T_NAME,
    COL_T_SENIORS,
    COL_T_VISITS,
    StaffCountModel,
    TypeCountModel,
)
from ui.widgets.field_row import MUTED_COLOR, bold
from ui.widgets.month_chooser import MonthChooser
from ui.widgets.record_table_model import RecordTableModel, record_view


def _rows(model: RecordTableModel[Any]) -> list[tuple[str, ...]]:
    return [tuple(model.display_text(r, c) for c in range(model.columnCount())) for r in range(model.rowCount())]


class VisitMonthTab(QWidget):
    """The month's counts of the page's center; ``failed(text)`` when the database could not be read."""

    failed = Signal(str)

    def __init__(self, cc: CareCenter, actor: Actor, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id: int | None = None
        self.counts: MonthVisitCounts | None = None
        self.chooser = MonthChooser(clock.today, self, scale=1.2)
        self.chooser.month_changed.connect(lambda _month: self.read(self._center_id))
        self.summary = QLabel(self)
        self.summary.setObjectName("monthSummary")
        self.summary.setWordWrap(True)
        bold(self.summary, 1.1)
        self.type_model = TypeCountModel()
        self.type_table = self._table(
            self.type_model, COL_T_NAME, {COL_T_VISITS: "99999", COL_T_SENIORS: "99999", COL_T_HOURS: "9999.9"}
        )
        self.staff_model = StaffCountModel()
        self.staff_table = self._table(self.staff_model, COL_S_NAME, {COL_S_VISITS: "99999", COL_S_HOURS: "9999.9"})
        note = QLabel(_("Meals are the 助餐 service: counted from the meals served, without hours."), self)
        note.setStyleSheet(f"color: {MUTED_COLOR};")
        by_type, by_staff = QLabel(_("Per service type"), self), QLabel(_("Per staff member"), self)
        for label in (by_type, by_staff):
            bold(label)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(by_type)
        left.addWidget(self.type_table, 1)
        right.addWidget(by_staff)
        right.addWidget(self.staff_table, 1)
        tables = QHBoxLayout()
        tables.addLayout(left, 3)
        tables.addSpacing(16)
        tables.addLayout(right, 2)
        top = QHBoxLayout()
        top.addWidget(self.chooser)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(tables, 1)
        layout.addWidget(note)

    def _table(self, model: TypeCountModel | StaffCountModel, stretch: int, samples: dict[int, str]) -> QTableView:
        return record_view(model, samples, 24, stretch=stretch, parent=self)

    def read(self, center_id: int | None) -> None:
        """Count the chosen month of ``center_id`` (None: every center) and show it."""
        self._center_id = center_id
        month = self.chooser.month()
        try:
            counts = self._cc.visits.month_counts(self._actor, center_id, month)
        except CareCenterError as exc:
            self.failed.emit(str(exc))
            return
        self.counts = counts
        self.type_model.set_records(counts.by_type)
        self.staff_model.set_records(counts.by_staff)
        self.summary.setText(
            _(
                "{month}: {visits} services ({hours} of home visits) for {seniors} seniors; {missed} visits not made"
            ).format(
                month=month_label(month),
                visits=counts.visits,
                hours=hours_text(counts.minutes),
                seniors=counts.seniors,
                missed=counts.missed,
            )
        )

    def type_rows(self) -> list[tuple[str, ...]]:
        """The per-type table as read: service, 人次, seniors, hours."""
        return _rows(self.type_model)

    def staff_rows(self) -> list[tuple[str, ...]]:
        return _rows(self.staff_model)
