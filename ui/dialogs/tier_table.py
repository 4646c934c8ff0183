"""档次: the editable table of a rule version's tiers — name, ages, categories, care levels, amount.

One row per tier, in the order the rule lists them. Names, ages and amounts are typed
into the cells (full-width digits, "85周岁", "¥100" are read as meant); categories and
care levels are any-of choices from a menu of checkboxes in their cells (不限 when none
is ticked). The table hands back what was typed in the definition's JSON form (amounts
as the 元 typed, ages as numbers when they read as whole numbers), so every refusal comes
from the core, naming the tier and the field (``tiers.1.amount_fen``) or the table as a
whole (``tiers``: bands that overlap or leave a gap). A refused cell turns red, carries
the reason in its tooltip, and the reasons are listed under the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from carecenter.domain.text import to_halfwidth
from carecenter.domain.vocab import CareLevel, Category, Vocab
from carecenter.errors import FieldError
from carecenter.i18n import N_, _
from carecenter.subsidies.money import yuan
from carecenter.subsidies.policy import Tier
from ui.widgets.field_row import ERROR_COLOR

COL_LABEL, COL_MIN_AGE, COL_MAX_AGE, COL_CATEGORIES, COL_CARE_LEVELS, COL_AMOUNT = range(6)
# The definition's key of each column, as the core names a refused tier field (tiers.N.<key>).
KEYS = ("label", "min_age", "max_age", "categories", "care_levels", "amount_fen")
HEADERS = (
    N_("Tier name"),
    N_("Lowest age"),
    N_("Highest age"),
    N_("Categories"),
    N_("Care levels"),
    N_("Amount (yuan)"),
)
_TIER_FIELD = re.compile(r"^tiers\.(\d+)\.(\w+)$")
_REFUSED = QColor("#ffcdd2")
_AGE_SUFFIXES = ("周岁", "岁")


def choice_text(members: Sequence[Vocab]) -> str:
    """低保、特困 — or 不限 when nothing is chosen (no condition)."""
    return "、".join(m.label for m in members) if members else _("Any")


class _StayOpenMenu(QMenu):
    """A menu of checkboxes that stays open while boxes are ticked (several choices in one visit)."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class ChoiceButton(QToolButton):
    """Any-of choice among a vocabulary's members in one table cell; its text names the choice."""

    changed = Signal()

    def __init__(self, members: Iterable[Vocab], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        members = list(members)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAutoRaise(True)
        menu = _StayOpenMenu(self)
        self.actions_by_code: dict[str, QAction] = {}
        for member in members:
            action = menu.addAction(member.label)
            action.setCheckable(True)
            action.setData(member.value)
            action.toggled.connect(lambda _checked: self._chosen_changed())
            self.actions_by_code[member.value] = action
        self.setMenu(menu)
        self._members = {m.value: m for m in members}
        self._chosen_changed(quiet=True)

    def chosen(self) -> list[str]:
        """The codes ticked, in the vocabulary's order."""
        return [code for code, action in self.actions_by_code.items() if action.isChecked()]

    def set_chosen(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for code, action in self.actions_by_code.items():
            action.blockSignals(True)
            action.setChecked(code in wanted)
            action.blockSignals(False)
        self._chosen_changed(quiet=True)

    def tick(self, code: str) -> None:
        """Tick or untick ``code`` as a click in the menu does."""
        self.actions_by_code[code].trigger()

    def _chosen_changed(self, quiet: bool = False) -> None:
        members = [self._members[code] for code in self.chosen()]
        self.setText(choice_text(members))
        self.setToolTip(_("Click to choose; any of the ticked ones qualifies"))
        if not quiet:
            self.changed.emit()


def _age_value(text: str) -> int | str | None:
    """A typed age: None when blank, a number when it reads as one, else the text (for the core to refuse)."""
    value = to_halfwidth(text).strip()
    for suffix in _AGE_SUFFIXES:
        value = value.removesuffix(suffix).strip()
    if not value:
        return None
    return int(value) if value.isdigit() else text.strip()


class TierTable(QWidget):
    """The tiers of one version as an editable table with 新增档次 / 删除档次; ``edited`` on any change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.setAccessibleName(_("Tiers"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.Stretch)
        for column in (COL_MIN_AGE, COL_MAX_AGE, COL_CATEGORIES, COL_CARE_LEVELS, COL_AMOUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # the choice buttons would make rows tall
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 14)
        self.table.itemChanged.connect(lambda _item: self._changed())

        self.add_button = QPushButton(_("Add tier"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(_("Remove tier"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(_("Remove the tier of the selected cell"))
        self.remove_button.clicked.connect(self.remove_current_row)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        self.setFocusProxy(self.table)

    # ---- filling -----------------------------------------------------------------------------

    def set_tiers(self, tiers: Sequence[Tier]) -> None:
        """Show ``tiers`` (e.g. the version in force), one row each."""
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        for tier in tiers:
            self._append(tier)
        self._fit_height()
        self.clear_errors()

    def add_row(self) -> None:
        """新增档次: an empty row at the end, its name cell ready for typing."""
        self._append(None)
        self._fit_height()
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, COL_LABEL)
        self.table.setFocus()
        self._changed()

    def remove_current_row(self) -> None:
        """删除档次: the row of the selected cell."""
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            self.table.removeRow(row)
            self._fit_height()
            self._changed()

    def _append(self, tier: Tier | None) -> None:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        texts = ("", "", "", "", "", "")
        if tier is not None:
            low = "" if tier.min_age is None else str(tier.min_age)
            high = "" if tier.max_age is None else str(tier.max_age)
            texts = (tier.label, low, high, "", "", yuan(tier.amount_fen))
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column in (COL_MIN_AGE, COL_MAX_AGE, COL_AMOUNT):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column in (COL_CATEGORIES, COL_CARE_LEVELS):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, column, item)
        for column, members, chosen in (
            (COL_CATEGORIES, list(Category), tier.categories if tier else ()),
            (COL_CARE_LEVELS, list(CareLevel), tier.care_levels if tier else ()),
        ):
            button = ChoiceButton(members, self.table)
            button.set_chosen(m.value for m in chosen)
            button.changed.connect(lambda col=column: self._choice_changed(col))
            self.table.setCellWidget(row, column, button)
        self.table.blockSignals(False)

    def _fit_height(self) -> None:
        """Tall enough for every row (a rule has a handful of tiers), so the dialog scrolls, not the table."""
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        spare = max(1, 4 - self.table.rowCount()) * self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(self.table.horizontalHeader().height() + rows + spare + 6)

    # ---- reading -----------------------------------------------------------------------------

    def cell_text(self, row: int, column: int) -> str:
        """What a cell shows (a choice cell: 不限 or the chosen names)."""
        widget = self.table.cellWidget(row, column)
        if isinstance(widget, ChoiceButton):
            return widget.text()
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def choice(self, row: int, column: int) -> ChoiceButton:
        widget = self.table.cellWidget(row, column)
        assert isinstance(widget, ChoiceButton)
        return widget

    def rows(self) -> list[list[str]]:
        """Every row as the user reads it."""
        return [[self.cell_text(r, c) for c in range(len(HEADERS))] for r in range(self.table.rowCount())]

    def tier_data(self) -> list[dict[str, Any]]:
        """The tiers as typed, in the definition's JSON form; the core checks them."""
        tiers: list[dict[str, Any]] = []
        for row in range(self.table.rowCount()):
            data: dict[str, Any] = {"label": self.cell_text(row, COL_LABEL)}
            for key, column in (("min_age", COL_MIN_AGE), ("max_age", COL_MAX_AGE)):
                age = _age_value(self.cell_text(row, column))
                if age is not None:
                    data[key] = age
            for key, column in (("categories", COL_CATEGORIES), ("care_levels", COL_CARE_LEVELS)):
                if chosen := self.choice(row, column).chosen():
                    data[key] = chosen
            data["amount"] = self.cell_text(row, COL_AMOUNT)
            tiers.append(data)
        return tiers

    def state(self) -> tuple[tuple[str, ...], ...]:
        """What is typed and chosen, to tell whether closing would lose it."""
        return tuple(tuple(row) for row in self.rows())

    # ---- refusals ----------------------------------------------------------------------------

    def show_errors(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Show the refusals about tiers (cells red, reasons listed); return the others untouched."""
        others: list[FieldError] = []
        lines: list[str] = []
        for error in errors:
            if error.field == "tiers":
                lines.append(str(error))
                for row in range(self.table.rowCount()):  # the bands the message quotes
                    if f"“{self.cell_text(row, COL_LABEL)}”" in error.reason:
                        self._mark(row, None, error.reason)
            elif match := _TIER_FIELD.match(error.field):
                row, key = int(match.group(1)), match.group(2)
                lines.append(str(error))
                self._mark(row, KEYS.index(key) if key in KEYS else None, error.reason)
            else:
                others.append(error)
        if lines:
            self.error_label.setText("\n".join(dict.fromkeys(lines)))
            self.error_label.show()
        return others

    def _mark(self, row: int, column: int | None, reason: str) -> None:
        if not 0 <= row < self.table.rowCount():
            return
        self.table.blockSignals(True)
        for col in range(len(HEADERS)) if column is None else (column,):
            item = self.table.item(row, col)
            if item is not None:
                item.setBackground(QBrush(_REFUSED))
                item.setToolTip(reason)
            widget = self.table.cellWidget(row, col)
            if widget is not None:
                widget.setStyleSheet(f"background: {_REFUSED.name()};")
                widget.setToolTip(reason)
        self.table.blockSignals(False)

    def clear_errors(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            for column in range(len(HEADERS)):
                item = self.table.item(row, column)
                if item is not None and item.toolTip():
                    item.setBackground(QBrush())
                    item.setToolTip("")
                widget = self.table.cellWidget(row, column)
                if widget is not None and widget.styleSheet():
                    widget.setStyleSheet("")
                    widget.setToolTip(_("Click to choose; any of the ticked ones qualifies"))
        self.table.blockSignals(False)

    def error_text(self) -> str:
        """The reasons listed under the table right now ('' when none)."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def cell_error(self, row: int, column: int) -> str:
        """The reason a refused cell carries ('' when the cell was not refused)."""
        item = self.table.item(row, column)
        return item.toolTip() if item is not None else ""

    def _choice_changed(self, column: int) -> None:
        """A longer choice widens its column (the header sizes columns only when items change)."""
        self.table.resizeColumnToContents(column)
        self._changed()

    def _changed(self) -> None:
        self.clear_errors()
        self.edited.emit()
