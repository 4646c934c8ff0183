"""The import preview's table: every row of the roster with what the import will do to it.

One line per data row of the file, in the file's order: the spreadsheet's row number
(as Excel shows it), the verdict in its colour (新增 green, 更新 blue, 无变化 grey,
拒绝 red), the name, the ID number as the core reports it (masked), the member number
and everything found about the row: reasons for a refusal in red, warnings in brown,
and for an update the columns that will change.

The report stays a plain frozen dataclass from the core; the model keeps the indexes
of the rows the current filter shows, so switching 全部/拒绝/警告 on 10,000 rows is one
pass over the list and a model reset. Runs on the UI thread only.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from carecenter.i18n import N_, _
from carecenter.roster.model import ImportReport, RowResult, Verdict

COL_ROW, COL_VERDICT, COL_NAME, COL_ID_NUMBER, COL_MEMBER_NO, COL_MESSAGES = range(6)
HEADERS = (N_("Row"), N_("Result"), N_("Name"), N_("ID number"), N_("Member no."), N_("What was found"))
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the RowResult of a line

# Text on white and on the verdict cell's tint; each pair is readable (contrast above 7:1).
VERDICT_COLORS: dict[Verdict, tuple[str, str]] = {
    Verdict.ADDED: ("#1b5e20", "#e8f5e9"),
    Verdict.UPDATED: ("#0d47a1", "#e3f2fd"),
    Verdict.UNCHANGED: ("#555555", "#f2f2f2"),
    Verdict.REJECTED: ("#b71c1c", "#ffebee"),
}
WARNING_COLOR = "#8a4b00"

_Index = QModelIndex | QPersistentModelIndex


class RowFilter(StrEnum):
    """What the preview's filter buttons show."""

    ALL = "all"
    REJECTED = "rejected"
    WARNINGS = "warnings"
    ADDED = "added"
    UPDATED = "updated"

    @property
    def label(self) -> str:
        return _(_FILTER_MSGIDS[self])

    def matches(self, row: RowResult) -> bool:
        if self is RowFilter.ALL:
            return True
        if self is RowFilter.WARNINGS:
            return has_warnings(row)
        return row.verdict.value == self.value


_FILTER_MSGIDS = {
    RowFilter.ALL: N_("All"),
    RowFilter.REJECTED: N_("Rejected"),
    RowFilter.WARNINGS: N_("Warnings"),
    RowFilter.ADDED: N_("New"),
    RowFilter.UPDATED: N_("Updated"),
}


def has_warnings(row: RowResult) -> bool:
    """Whether the row carries something to look at that does not stop its import."""
    return any(not issue.code.rejects for issue in row.issues)


def row_messages(row: RowResult) -> list[tuple[str, bool]]:
    """(text, is_refusal) for one row: refusals first, then warnings, then what an update changes."""
    refusals = [(i.message, True) for i in row.issues if i.code.rejects]
    warnings = [(i.message, False) for i in row.issues if not i.code.rejects]
    changes = []
    if row.verdict == Verdict.UPDATED and row.changed:
        changes = [(_("Changes: {columns}").format(columns="、".join(row.changed)), False)]
    return refusals + warnings + changes


def messages_text(row: RowResult, separator: str = "；") -> str:
    return separator.join(text for text, _refusal in row_messages(row))


class ImportPreviewModel(QAbstractTableModel):
    """The rows of one dry-run report, filtered by ``set_filter``."""

    def __init__(self) -> None:
        super().__init__()
        self._report: ImportReport | None = None
        self._filter = RowFilter.ALL
        self._shown: list[int] = []  # indexes into report.rows

    # ---- content -------------------------------------------------------------------------

    def set_report(self, report: ImportReport | None) -> None:
        self.beginResetModel()
        self._report = report
        self._shown = self._select()
        self.endResetModel()

    def set_filter(self, wanted: RowFilter) -> None:
        if wanted is self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._shown = self._select()
        self.endResetModel()

    def current_filter(self) -> RowFilter:
        return self._filter

    def _select(self) -> list[int]:
        if self._report is None:
            return []
        return [i for i, row in enumerate(self._report.rows) if self._filter.matches(row)]

    def count(self, wanted: RowFilter) -> int:
        """How many rows of the whole report ``wanted`` would show."""
        if self._report is None:
            return 0
        return sum(1 for row in self._report.rows if wanted.matches(row))

    def row_result(self, row: int) -> RowResult | None:
        if self._report is None or not 0 <= row < len(self._shown):
            return None
        return self._report.rows[self._shown[row]]

    def row_texts(self, row: int) -> list[str]:
        """What one line shows, left to right (for tests and screen readers)."""
        return [str(self.index(row, c).data() or "") for c in range(len(HEADERS))]

    # ---- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        result = self.row_result(index.row()) if index.isValid() else None
        if result is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(result, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_MESSAGES:
            return messages_text(result, "\n") or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(result, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_VERDICT:
            return QBrush(QColor(VERDICT_COLORS[result.verdict][1]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_ROW, COL_VERDICT):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ROW_ROLE:
            return result
        return None

    @staticmethod
    def _display(result: RowResult, column: int) -> str:
        if column == COL_ROW:
            return str(result.row)
        if column == COL_VERDICT:
            return result.verdict.label
        if column == COL_NAME:
            return result.name
        if column == COL_ID_NUMBER:
            return result.id_number
        if column == COL_MEMBER_NO:
            return result.member_no
        return messages_text(result)

    @staticmethod
    def _foreground(result: RowResult, column: int) -> QBrush | None:
        if column == COL_VERDICT:
            return QBrush(QColor(VERDICT_COLORS[result.verdict][0]))
        if column == COL_MESSAGES:
            messages = row_messages(result)
            if any(refusal for _text, refusal in messages):
                return QBrush(QColor(VERDICT_COLORS[Verdict.REJECTED][0]))
            if has_warnings(result):
                return QBrush(QColor(WARNING_COLOR))
        return None
