"""补贴 in the senior detail view: every subsidy rule of a month for this senior, granted or not, and why.

It answers the front desk's daily question, "is she eligible?": one row per rule
(高龄津贴, 居家养老服务补贴, 助餐补贴 …) with 享受 in green or 不享受 in red, the amount
(per month, or per meal for the meal subsidy) and the reason in full sentences, word-wrapped
and in large type (外地户籍不享受高龄津贴; 2026-10-01年满80周岁，次月起享受). A month
chooser (◀ 本月 ▶) looks at any month; the answer is computed from today's records
(``cc.subsidies.explain``), so for an approved month the approved roster is what was paid.

Every role may look. UI thread only: one explanation is a few single-senior queries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from carecenter.subsidies.engine import Verdict
from carecenter.subsidies.money import yuan
from ui.sections.base import Section
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold
from ui.widgets.month_chooser import MonthChooser
from ui.widgets.record_table_model import RecordTableModel

# Column constants: use these, never bare numbers.
COL_RULE, COL_RESULT, COL_AMOUNT, COL_REASON = range(4)
_SAMPLE = Verdict("sample", "", False, True, 30000, "", "")  # the widest usual amount: 300.00 元/月
TEXT_SCALE = 1.15  # read out to a senior's family at the desk: larger than the app's other tables


class WrappedRows(QStyledItemDelegate):
    """Rows as tall as their wrapped text needs, with room around it, and never lower than ``min_height``.

    With the view's vertical header in ResizeToContents mode, rows follow the column widths
    whenever they change (a window made wider shows a long reason on fewer lines).
    """

    def __init__(self, min_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min_height = min_height

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(self._min_height, hint.height() + 14))


def wrap_rows(table: QTableView) -> None:
    """Word-wrap ``table``'s cells, whole, with rows sized to them (for short lists: every row is measured)."""
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setItemDelegate(WrappedRows(int(table.fontMetrics().height() * 1.9), table))
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def verdict_headers() -> list[str]:
    return [_("Subsidy"), _("Result"), _("Amount"), _("Explanation")]


def amount_text(verdict: Verdict) -> str:
    """100.00 元/月, or 3.00 元/餐 for the meal subsidy; a dash when nothing is granted."""
    if not verdict.granted:
        return "—"
    template = _("{amount} yuan/meal") if verdict.per_meal else _("{amount} yuan/month")
    return template.format(amount=yuan(verdict.amount_fen))


def result_text(verdict: Verdict) -> str:
    return _("Granted") if verdict.granted else _("Not granted")


class VerdictTableModel(RecordTableModel[Verdict]):
    """One row per rule, in the policy's order."""

    def __init__(self) -> None:
        super().__init__(verdict_headers)

    def display(self, record: Verdict, column: int) -> str:
        values = {
            COL_RULE: record.rule_name,
            COL_RESULT: result_text(record),
            COL_AMOUNT: amount_text(record),
            COL_REASON: record.reason,
        }
        return values.get(column, "")

    def role_data(self, record: Verdict, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_RESULT:
            return QColor(INFO_COLOR if record.granted else ERROR_COLOR)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(column in (COL_RULE, COL_RESULT))
            if font.pointSizeF() > 0:
                font.setPointSizeF(font.pointSizeF() * TEXT_SCALE)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None


class SubsidiesSection(Section):
    """The 补贴 tab: a month and, for it, every rule's verdict for the senior shown."""

    @classmethod
    def available_to(cls, actor: Actor) -> bool:
        return allowed(actor, Permission.LOOKUP_SENIORS)

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, parent)
        self.chooser = MonthChooser(cc.clock.today, self, scale=1.25)
        self.chooser.month_changed.connect(lambda _month: self.show_month())
        self.hint = QLabel(
            _(
                "Computed from today's records with the figures in force in that month; for an approved month "
                "the approved roster is what was paid. The meal subsidy is per lunch: the highest tier that applies."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.error_label.hide()

        self.model = VerdictTableModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self._setup_table()

        top = QHBoxLayout()
        caption = QLabel(_("Month:"), self)
        bold(caption, 1.1)
        top.addWidget(caption)
        top.addWidget(self.chooser)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)

    def _setup_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        wrap_rows(table)  # the reason is read whole, never cut off with "…"
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = table.fontMetrics()
        samples = ((COL_RULE, "居家养老服务补贴"), (COL_RESULT, _("Not granted")), (COL_AMOUNT, amount_text(_SAMPLE)))
        for column, sample in samples:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            wide = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.resizeSection(column, int(wide * TEXT_SCALE * 1.1) + 36)  # larger, and bold, than the metrics
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)

    # ---- showing ---------------------------------------------------------------------------

    def title(self) -> str:
        return _("Subsidy")

    def load(self, senior_id: int) -> None:
        self.senior_id = senior_id
        self.show_month()

    def month(self) -> dt.date:
        return self.chooser.month()

    def show_month(self) -> None:
        """Every rule's verdict for the chosen month; a refusal (busy database) is said in red."""
        if self.senior_id is None:
            return
        try:
            verdicts = self.cc.subsidies.explain(self.actor, self.senior_id, self.chooser.month())
        except CareCenterError as error:
            self.model.set_records([])
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.error_label.hide()
        self.model.set_records(verdicts)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """What each row reads, top to bottom (subsidy, result, amount, explanation)."""
        return [
            (
                self.model.display_text(row, COL_RULE),
                self.model.display_text(row, COL_RESULT),
                self.model.display_text(row, COL_AMOUNT),
                self.model.display_text(row, COL_REASON),
            )
            for row in range(self.model.rowCount())
        ]
