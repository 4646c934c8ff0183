"""待办: the social workers' list — reassessments due or overdue (by months or after an incident),
first assessments, care plans to review or ending, seniors without a plan.

The list looks 30 days ahead and puts the overdue first; "逾期 N 天" is red. Staff choose a
kind (each with its count) or all, click a header to sort, and double-click a row or press
Enter to open the senior's detail view on the tab that settles it (能力评估 or 照护计划);
after something was saved there the list is read again. ``count_changed`` tells the main
window how many items are due today or overdue (the sidebar badge).

Administrators also set, per center, how many months may pass between assessments
(shown to everyone; a change re-dates every reassessment of the center at once).

The page never holds ORM objects: ``cc.due.items`` returns plain ``DueItem`` values
(a few indexed queries), so it runs on the UI thread, with a busy cursor for big districts.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.due import MAX_MONTHS, MIN_MONTHS, DueItem, DueKind, kinds_in
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.pages.due_table_model import COL_DUE, DueSortModel, DueTableModel, DueTableView
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold, ensure_readable_font

ALL_KINDS = ""  # the kind selector's value for 全部待办
ASSESSMENT_KINDS = frozenset({DueKind.REASSESSMENT, DueKind.NEVER_ASSESSED})


def due_now(items: list[DueItem]) -> int:
    """What the badge counts: items due today or overdue (the same rule as ``cc.due.count``)."""
    return sum(1 for item in items if item.days <= 0)


class DuePage(QWidget):
    """The 待办 page; ``set_center`` chooses whose seniors are listed (None: every center)."""

    count_changed = Signal(int)

    @classmethod
    def available_to(cls, actor: Actor) -> bool:
        return allowed(actor, Permission.ASSESSMENTS)

    def __init__(
        self, cc: CareCenter, actor: Actor, center_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._items: list[DueItem] = []
        self._error_shown = False
        self._saved_months: int | None = None  # the chosen center's setting as stored
        self.model = DueTableModel()
        self.sorter = DueSortModel(self.model)
        ensure_readable_font(self)
        self._build()  # read when first shown (showEvent), not at start-up

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(_("To do"))
        bold(self.title, 1.4)
        self.hint = QLabel(
            _(
                "Assessments due, care plans to review or ending, seniors without a plan: the next 30 days, "
                "overdue first. Double-click a row or press Enter to open the senior."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")

        self.kind_label = QLabel(_("Show"))
        self.kind_combo = QComboBox()
        self.kind_combo.setMinimumContentsLength(14)
        self.kind_combo.setAccessibleName(_("Show"))
        self.kind_label.setBuddy(self.kind_combo)
        self.kind_combo.currentIndexChanged.connect(lambda _index: self._show_kind())
        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.setToolTip(_("Read the list again"))
        self.refresh_button.clicked.connect(self._read_again)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setToolTip(_("Open the selected senior (Enter or double-click)"))
        self.open_button.clicked.connect(lambda: self.open_senior())
        for button in (self.refresh_button, self.open_button):
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setMinimumWidth(button.sizeHint().width() + 24)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bold(self.count_label)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)

        self.table = DueTableView(self.sorter)
        self.table.sortByColumn(COL_DUE, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda index: self.open_senior(self._item_at(index.row())))
        self.table.open_requested.connect(lambda: self.open_senior())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        bold(self.empty_label, 1.2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        controls = QHBoxLayout()
        controls.addWidget(self.kind_label)
        controls.addWidget(self.kind_combo)
        controls.addSpacing(12)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.open_button)
        controls.addSpacing(16)
        controls.addWidget(self.notice, 1)
        controls.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(controls)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self._interval_row())
        self.setFocusProxy(self.table)
        QWidget.setTabOrder(self.kind_combo, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.table)

    def _interval_row(self) -> QHBoxLayout:
        """每 N 个月重新评估: read-only for social workers, a spin box and 保存 for administrators."""
        self.can_set_interval = allowed(self._actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        self.interval_label = QLabel()
        self.interval_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.months_spin = QSpinBox()
        self.months_spin.setRange(MIN_MONTHS, MAX_MONTHS)
        self.months_spin.setSuffix(_(" months"))
        self.months_spin.setAccessibleName(_("Months between assessments"))
        self.months_spin.setMinimumWidth(
            self.months_spin.fontMetrics().horizontalAdvance(f"24{self.months_spin.suffix()}") + 48
        )
        self.months_spin.valueChanged.connect(lambda _v: self._update_interval_button())
        self.months_button = QPushButton(_("Save interval"))
        self.months_button.setToolTip(_("Reassessments of this center are then due this many months after the last"))
        self.months_button.clicked.connect(lambda: self.save_interval())
        row = QHBoxLayout()
        row.addWidget(self.interval_label)
        row.addWidget(self.months_spin)
        row.addWidget(self.months_button)
        row.addStretch(1)
        return row

    # ---- reading -----------------------------------------------------------------------

    def set_center(self, center_id: int | None) -> None:
        """List the seniors of one center (None: every center); at once if the page is shown."""
        if center_id != self._center_id:
            self._center_id = center_id
            if self.isVisible():
                self.refresh()

    def center_id(self) -> int | None:
        return self._center_id

    def showEvent(self, event: QShowEvent) -> None:
        """Records change on other pages and desks: read again whenever the page comes into view."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def refresh(self, keep: DueItem | None = None) -> None:
        """Read the list again; keep ``keep`` (default: the selected item) selected, else the row where it was."""
        current = keep or self.current_item()
        row = self.table.currentIndex().row()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._items = self._cc.due.items(self._actor, self._center_id)
        except CareCenterError as error:  # busy or gone database: keep what is shown, say why
            self._say(str(error), ok=False)
            return
        finally:
            QApplication.restoreOverrideCursor()
        if self._error_shown:
            self._say("", ok=True)
        self._fill_kinds()
        self._show_kind(current, row)
        self._show_interval()
        self.count_changed.emit(due_now(self._items))

    def _read_again(self) -> None:
        self._say("", ok=True)
        self.refresh()

    def _fill_kinds(self) -> None:
        """(Re)label the selector with the counts, keeping the chosen kind; no signal fires meanwhile."""
        counts = kinds_in(self._items)
        chosen = self.kind_combo.currentData() or ALL_KINDS
        with QSignalBlocker(self.kind_combo):
            self.kind_combo.clear()
            self.kind_combo.addItem(_("Everything due ({n})").format(n=len(self._items)), ALL_KINDS)
            for kind, n in counts.items():
                self.kind_combo.addItem(_("{kind} ({n})").format(kind=kind.label, n=n), kind.value)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(chosen)))

    def chosen_kind(self) -> DueKind | None:
        value = self.kind_combo.currentData()
        return DueKind.of(value) if value else None

    def choose_kind(self, kind: DueKind | None) -> None:
        index = self.kind_combo.findData(kind.value if kind is not None else ALL_KINDS)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)

    def items(self) -> list[DueItem]:
        """Everything the last read found (every kind)."""
        return list(self._items)

    def _show_kind(self, keep: DueItem | None = None, row: int = 0) -> None:
        kind = self.chosen_kind()
        shown = [i for i in self._items if kind is None or i.kind is kind]
        self.model.set_records(shown)
        self.sorter.sort(self.sorter.sortColumn(), self.sorter.sortOrder())
        overdue = sum(1 for i in shown if i.overdue)
        self.count_label.setText(_("{n} items, {m} overdue").format(n=len(shown), m=overdue))
        self.count_label.setStyleSheet(f"color: {ERROR_COLOR};" if overdue else "")
        if shown:
            self.stack.setCurrentWidget(self.table)
            found = self.model.row_of(keep.senior_id, keep.kind) if keep is not None else None
            if found is not None:
                self._select_row(self.sorter.mapFromSource(self.model.index(found, 0)).row())
            else:
                self._select_row(min(max(row, 0), len(shown) - 1))
        else:
            self.empty_label.setText(self._empty_text(kind))
            self.stack.setCurrentWidget(self.empty_label)
        self._update_buttons()

    def _empty_text(self, kind: DueKind | None) -> str:
        if kind is not None and self._items:
            return _("Nothing of this kind is due: “{kind}”.").format(kind=kind.label)
        return _("Nothing due in the next 30 days: every senior is assessed and has a care plan in force.")

    def _item_at(self, view_row: int) -> DueItem | None:
        source = self.sorter.mapToSource(self.sorter.index(view_row, 0))
        return self.model.record(source.row()) if source.isValid() else None

    def current_item(self) -> DueItem | None:
        index = self.table.currentIndex()
        return self._item_at(index.row()) if index.isValid() else None

    def shown_items(self) -> list[DueItem]:
        """The rows as the user sees them, top to bottom (sorted, filtered)."""
        return [item for row in range(self.sorter.rowCount()) if (item := self._item_at(row)) is not None]

    def _select_row(self, row: int) -> None:
        index = self.sorter.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.current_item() is not None)

    def _say(self, text: str, ok: bool) -> None:
        self._error_shown = bool(text) and not ok
        self.notice.setStyleSheet(f"color: {INFO_COLOR if ok else ERROR_COLOR};")
        self.notice.setText(text)

    # ---- the interval setting -------------------------------------------------------------

    def _show_interval(self) -> None:
        """The chosen center's months between assessments; nothing to set for "all centers"."""
        if self._center_id is None:
            self.interval_label.setText(_("Each center sets its own months between assessments."))
            self.months_spin.hide()
            self.months_button.hide()
            return
        months = self._cc.due.reassess_months(self._center_id)
        with QSignalBlocker(self.months_spin):
            self.months_spin.setValue(months)
        if self.can_set_interval:
            self.interval_label.setText(_("Reassess every"))
        else:
            self.interval_label.setText(_("This center reassesses every {n} months.").format(n=months))
        self.months_spin.setVisible(self.can_set_interval)
        self.months_button.setVisible(self.can_set_interval)
        self._saved_months = months
        self._update_interval_button()

    def _update_interval_button(self) -> None:
        self.months_button.setEnabled(self.months_spin.value() != self._saved_months)

    def save_interval(self) -> bool:
        """保存间隔: the center's new months between assessments; the list is read again."""
        if self._center_id is None or not self.can_set_interval:
            return False
        try:
            months = self._cc.due.set_reassess_months(self._center_id, self.months_spin.value(), self._actor)
        except CareCenterError as error:
            self._say(str(error), ok=False)
            return False
        self.refresh()
        self._say(_("Saved: reassess every {n} months.").format(n=months), ok=True)
        return True

    # ---- opening a senior ----------------------------------------------------------------

    def open_senior(self, item: DueItem | None = None) -> None:
        """Open ``item``'s senior (default: the selected row) in the detail view on the tab that settles it."""
        from ui.pages.senior_detail import open_senior_detail  # loaded on first use
        from ui.sections.assessments_section import AssessmentsSection
        from ui.sections.care_plan_section import CarePlanSection

        target = item or self.current_item()
        if target is None:
            return
        section = AssessmentsSection if target.kind in ASSESSMENT_KINDS else CarePlanSection
        if open_senior_detail(self._cc, self._actor, target.senior_id, self, section=section):
            self.refresh(target)  # settled items are gone: the next one takes the row
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
