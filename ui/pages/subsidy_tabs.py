"""The three lists of the 补贴发放 page: 发放名单, 变动名单 and, for an approved month, 重新计算对比.

:class:`SubsidyTabs` shows a :class:`MonthView` (read off the UI thread by the page):
the grants with a filter by subsidy and their count and sum (打印花名册 asks the page to
print the month's roster: ``print_requested``); the change list against
the month before with its totals per subsidy; and, only when the month is approved, what
today's records would change in it ("与审批时一致" when nothing). Each list is a table,
or a sentence in its place when it has no row. A double-click or Enter on any row asks
to open that senior (``open_requested(senior_id)``). UI thread only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.domain.months import first_day, month_label
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.subsidies.money import yuan
from carecenter.subsidies.rosters import ChangeList, Roster
from ui.pages.subsidy_models import (
    CHG_REASON,
    COL_REASON,
    SENIOR_ID_ROLE,
    ChangeTableModel,
    GrantTableModel,
    change_samples,
    change_totals_text,
    grant_samples,
)
from ui.sections.subsidies_section import wrap_rows
from ui.widgets.field_row import INFO_COLOR, MUTED_COLOR, bold
from ui.widgets.record_table_model import RecordTableModel
from ui.widgets.work_list import OpenRowTableView


@dataclass(frozen=True)
class MonthView:
    """Everything the page shows for one center and month, read in one go off the UI thread."""

    center_id: int
    month: dt.date
    roster: Roster
    changes: ChangeList
    differences: ChangeList | None  # None unless the month is approved


def read_month(cc: CareCenter, actor: Actor, center_id: int, month: dt.date) -> MonthView:
    """The roster of ``month`` (approved, else computed), its change list and, when approved, the differences.

    Runs on a worker thread: core calls only, no widget.
    """
    rosters = cc.subsidy_rosters
    roster = rosters.roster(actor, center_id, month)
    changes = rosters.changes(actor, center_id, month)
    differences = rosters.differences(actor, center_id, month) if roster.approved else None
    return MonthView(center_id, first_day(month), roster, changes, differences)


class ListPane(QWidget):
    """Controls and a line above, then a table of seniors, or a sentence in its place when there is no row."""

    def __init__(self, model: RecordTableModel[Any], samples: dict[int, str], stretch: int, wrap: bool = False) -> None:
        super().__init__()
        self.model = model
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        bold(self.heading, 1.1)
        self.table = OpenRowTableView(model, samples, stretch, self)
        if wrap:  # the explanation is read whole, on as many lines as it needs (a change list is short)
            wrap_rows(self.table)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        bold(self.empty_label, 1.4)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.controls = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self.controls)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.table)

    def show_rows(self, records: Sequence[object], empty: str, empty_color: str = MUTED_COLOR) -> None:
        self.model.set_records(records)
        self.empty_label.setText(empty)
        self.empty_label.setStyleSheet(f"color: {empty_color};")
        self.stack.setCurrentWidget(self.table if records else self.empty_label)

    def set_heading(self, text: str) -> None:
        self.heading.setText(text)
        self.heading.setVisible(bool(text))

    def rows(self) -> list[tuple[str, ...]]:
        """Every row as the user reads it (none while the sentence is shown)."""
        if self.stack.currentWidget() is not self.table:
            return []
        columns = range(self.model.columnCount())
        return [tuple(self.model.display_text(r, c) for c in columns) for r in range(self.model.rowCount())]

    def empty_text(self) -> str:
        """The sentence shown instead of the table ('' while the table is shown)."""
        return self.empty_label.text() if self.stack.currentWidget() is self.empty_label else ""


class SubsidyTabs(QTabWidget):
    """发放名单 / 变动名单 / 重新计算对比 of one month; ``open_requested(senior_id)`` on double-click or Enter."""

    open_requested = Signal(int)
    print_requested = Signal()  # 打印花名册 (the page prints the month's roster)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: MonthView | None = None
        self.grants = ListPane(GrantTableModel(), grant_samples(), COL_REASON, wrap=True)
        self.changes = ListPane(ChangeTableModel(), change_samples(), CHG_REASON, wrap=True)
        self.differences = ListPane(ChangeTableModel(), change_samples(), CHG_REASON, wrap=True)

        rule_label = QLabel(_("Subsidy:"), self.grants)
        self.rule_combo = QComboBox(self.grants)
        self.rule_combo.setMinimumContentsLength(14)
        self.rule_combo.setAccessibleName(_("Subsidy"))
        rule_label.setBuddy(self.rule_combo)
        self.rule_combo.currentIndexChanged.connect(lambda _index: self._show_grants())
        self.grants_count = QLabel(self.grants)
        self.grants_count.setObjectName("grantsCount")
        bold(self.grants_count, 1.1)
        self.grants.controls.addWidget(rule_label)
        self.grants.controls.addWidget(self.rule_combo)
        self.grants.controls.addStretch(1)
        self.grants.controls.addWidget(self.grants_count)
        self.print_button = QPushButton(_("Print the roster"), self.grants)
        self.print_button.setToolTip(_("The month's roster with its changes and signature lines, previewed first"))
        self.print_button.setAutoDefault(False)
        self.print_button.setMinimumHeight(self.print_button.sizeHint().height() + 8)
        self.print_button.clicked.connect(self.print_requested)
        self.grants.controls.addSpacing(12)
        self.grants.controls.addWidget(self.print_button)
        self.grants.set_heading("")

        for pane in (self.grants, self.changes, self.differences):
            pane.table.doubleClicked.connect(self._open_index)
            pane.table.open_requested.connect(lambda p=pane: self._open_index(p.table.currentIndex()))
        self.addTab(self.grants, _("Grant list"))
        self.addTab(self.changes, _("Changes"))
        self.addTab(self.differences, _("Recomputed vs approved"))
        font = self.tabBar().font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.tabBar().setFont(font)
        self.setTabVisible(self.indexOf(self.differences), False)

    def show_view(self, view: MonthView) -> None:
        """Fill every list from ``view``, keeping the chosen subsidy and (when still there) the tab."""
        self.view = view
        self._fill_rule_combo(view.roster)
        self._show_grants()
        changes = view.changes
        lead = _("Against the month before ({month}):").format(month=month_label(changes.against))
        totals = change_totals_text(changes)
        self.changes.set_heading(f"{lead}\n{totals}" if totals else lead)
        self.changes.show_rows(changes.changes, _("No changes against the month before."))
        differences = view.differences
        index = self.indexOf(self.differences)
        if differences is None:
            if self.currentIndex() == index:
                self.setCurrentIndex(0)
            self.setTabVisible(index, False)
            return
        self.setTabVisible(index, True)
        lead = _("Today's records give this month another roster than the one approved (which stays as it is):")
        self.differences.set_heading(f"{lead}\n{change_totals_text(differences)}" if differences.changes else "")
        self.differences.show_rows(differences.changes, _("Same as when approved"), INFO_COLOR)

    def _fill_rule_combo(self, roster: Roster) -> None:
        chosen = self.rule_combo.currentData() or ""
        self.rule_combo.blockSignals(True)
        self.rule_combo.clear()
        self.rule_combo.addItem(_("All subsidies ({n})").format(n=len(roster.grants)), "")
        for total in roster.totals:
            self.rule_combo.addItem(_("{kind} ({n})").format(kind=total.rule_name, n=total.count), total.rule_code)
        self.rule_combo.setCurrentIndex(max(0, self.rule_combo.findData(chosen)))
        self.rule_combo.blockSignals(False)

    def choose_rule(self, rule_code: str) -> None:
        """Show the grants of one subsidy ('' for every subsidy)."""
        self.rule_combo.setCurrentIndex(max(0, self.rule_combo.findData(rule_code)))

    def _show_grants(self) -> None:
        if self.view is None:
            return
        code = self.rule_combo.currentData() or ""
        shown = [g for g in self.view.roster.grants if not code or g.rule_code == code]
        self.grants.show_rows(shown, _("No one receives a monthly subsidy in this month."))
        total = yuan(sum(g.amount_fen for g in shown))
        self.grants_count.setText(_("{n} grants, {amount} yuan in all").format(n=len(shown), amount=total))

    def _open_index(self, index: QModelIndex) -> None:
        senior_id = index.siblingAtColumn(0).data(SENIOR_ID_ROLE) if index.isValid() else None
        if isinstance(senior_id, int):
            self.open_requested.emit(senior_id)

    def titles(self) -> list[str]:
        """The tabs the user sees (重新计算对比 only for an approved month)."""
        return [self.tabText(i) for i in range(self.count()) if self.isTabVisible(i)]
