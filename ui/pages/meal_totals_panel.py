"""统计: a day's and a month's meals — ordered, served, eaten in, delivered, price, subsidy, what was paid and how.

Left, one day (◀ ▶ or PgUp/PgDn, today by default): one row per figure, one column per
meal type and 合计. Right, one month: the same figures, the unduplicated seniors served,
the subsidy per tier (what 民政's monthly report asks), and a row per day. The day is
one quick read on the UI thread; the month sums thousands of servings, so it is read
off the UI thread with :class:`ui.latest_read.LatestRead` (``synchronous`` for tests and the
screenshots); a result for a month or center no longer shown is dropped and read again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.domain.months import month_label
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.meals.dto import DayTotals, MonthTotals
from carecenter.subsidies.money import yuan
from ui.latest_read import LatestRead
from ui.pages.meal_models import (
    DAY_DATE,
    TIER_NAME,
    MeasureTableModel,
    MonthDaysModel,
    TierTableModel,
    measure_samples,
    month_day_samples,
    tier_samples,
)
from ui.pages.meal_widgets import REFUSE_COLOR, DayChooser
from ui.widgets.field_row import MUTED_COLOR, bold
from ui.widgets.month_chooser import MonthChooser
from ui.widgets.record_table_model import RecordTableModel, record_view


def month_summary(totals: MonthTotals) -> str:
    people = "、".join(_("{meal} {n}").format(meal=meal.label, n=n) for meal, n in totals.seniors_by_meal if n)
    return _("{month}: {served} meals served to {people} people ({by_meal}); subsidy {subsidy} yuan.").format(
        month=month_label(totals.month),
        served=totals.all.served,
        people=totals.seniors,
        by_meal=people or "—",
        subsidy=yuan(totals.all.subsidy_fen),
    )


def compact_table(model: RecordTableModel[Any], samples: dict[int, str], stretch: int, parent: QWidget) -> QTableView:
    """A figures table with rows lower than a list's: the twelve figures of a day fit without scrolling."""
    table = record_view(model, samples, 14, stretch=stretch, parent=parent)
    table.verticalHeader().setDefaultSectionSize(int(table.fontMetrics().height() * 1.45))
    return table


class TotalsPanel(QWidget):
    """The 统计 tab; ``refresh`` reads the day at once and starts the month's read."""

    synchronous: ClassVar[bool] = False

    def __init__(
        self, cc: CareCenter, actor: Actor, center_id: int | None, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._clock = clock
        self.reader = LatestRead(self, lambda: type(self).synchronous)
        self.reader.loaded.connect(self._show_month)
        self.reader.failed.connect(self._month_failed)
        self.day_totals: DayTotals | None = None
        self.month_totals: MonthTotals | None = None
        self._build()

    def _build(self) -> None:
        self.day_chooser = DayChooser(self._clock.today, self._clock.today(), self, scale=1.05)
        self.day_chooser.bind_page_keys(self)
        self.day_chooser.day_changed.connect(lambda _day: self._read_day())
        self.day_model = MeasureTableModel()
        self.day_table = compact_table(self.day_model, measure_samples(), 0, self)
        self.day_table.setObjectName("dayTotals")

        self.month_chooser = MonthChooser(self._clock.today, self, scale=1.05)
        self.month_chooser.month_changed.connect(lambda _month: self._read_month())
        self.month_status = QLabel(self)
        self.month_status.setObjectName("monthSummary")
        self.month_status.setWordWrap(True)
        bold(self.month_status)
        self.month_model = MeasureTableModel()
        self.month_table = compact_table(self.month_model, measure_samples(), 0, self)
        self.month_table.setObjectName("monthTotals")
        self.days_model = MonthDaysModel()
        self.days_table = compact_table(self.days_model, month_day_samples(), DAY_DATE, self)
        self.days_table.setObjectName("monthDays")
        self.tiers_model = TierTableModel()
        self.tiers_table = compact_table(self.tiers_model, tier_samples(), TIER_NAME, self)
        self.tiers_table.setObjectName("monthTiers")
        self.month_tabs = QTabWidget(self)
        self.month_tabs.addTab(self.month_table, _("By meal"))
        self.month_tabs.addTab(self.days_table, _("By day"))
        self.month_tabs.addTab(self.tiers_table, _("Subsidy by tier"))

        left = QVBoxLayout()
        day_head = QHBoxLayout()
        day_head.addWidget(self.day_chooser)
        day_head.addStretch(1)
        left.addLayout(day_head)
        left.addWidget(self.day_table, 1)
        right = QVBoxLayout()
        month_head = QHBoxLayout()
        month_head.addWidget(self.month_chooser)
        month_head.addStretch(1)
        right.addLayout(month_head)
        right.addWidget(self.month_status)
        right.addWidget(self.month_tabs, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(left, 1)
        layout.addSpacing(16)
        layout.addLayout(right, 1)

    # ---- reading ---------------------------------------------------------------------------------

    def set_center(self, center_id: int | None) -> None:
        self._center_id = center_id

    def refresh(self) -> None:
        self._read_day()
        self._read_month()

    def set_day(self, day: dt.date) -> None:
        self.day_chooser.set_day(day)

    def set_month(self, month: dt.date) -> None:
        self.month_chooser.set_month(month)

    def _read_day(self) -> None:
        try:
            totals = self._cc.meals.day_totals(self._actor, self._center_id, self.day_chooser.day())
        except CareCenterError as exc:
            self.day_model.set_totals(None, None)
            self.month_status.setText(str(exc))
            return
        self.day_totals = totals
        self.day_model.set_totals(totals.by_meal, totals.all)

    def _read_month(self) -> None:
        """Start the month's read off the UI thread (after the running one, if any)."""
        cc, actor, center_id, month = self._cc, self._actor, self._center_id, self.month_chooser.month()
        self.month_status.setText(_("Adding up the meals of {month}…").format(month=month_label(month)))
        self.month_status.setStyleSheet(f"color: {MUTED_COLOR};")
        self.reader.read(lambda: cc.meals.month_totals(actor, center_id, month))

    def _show_month(self, result: object) -> None:
        assert isinstance(result, MonthTotals)
        if result.center_id != self._center_id or result.month != self.month_chooser.month():
            self._read_month()  # another month or center was chosen meanwhile
            return
        self.month_totals = result
        self.month_status.setStyleSheet("")
        self.month_status.setText(month_summary(result))
        self.tiers_model.set_records(result.subsidy_by_tier)
        self.month_model.set_totals(result.by_meal, result.all)
        self.days_model.set_records(result.days)

    def _month_failed(self, error: object) -> None:
        self.month_status.setStyleSheet(f"color: {REFUSE_COLOR};")
        self.month_status.setText(str(error) if isinstance(error, CareCenterError) else repr(error))

    def wait(self) -> None:
        """Let a running month read end (the window is closing)."""
        self.reader.wait()
