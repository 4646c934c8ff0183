"""The building blocks of the 月度报表 screen: figure strips, read-only tables of text rows, money and hours.

Every cell the monthly screen shows is text made here from a
:class:`~carecenter.reports.monthly_figures.MonthlyPack` (the pack the printout is typeset
from), formatted as the paper prints it: money in 元 with two decimals and thousands
separators (1,234.50), hours with one decimal, "—" where a figure does not apply.
Nothing here reads the database. UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QTableView, QVBoxLayout, QWidget

from carecenter.i18n import _
from ui.widgets.field_row import MUTED_COLOR, bold
from ui.widgets.record_table_model import RecordTableModel, setup_record_view

Row = tuple[str, ...]

FIGURE_STYLE = "QFrame#figure { background: #f4f7fa; border: 1px solid #c9d3dd; border-radius: 6px; }"


def count(n: int) -> str:
    return f"{n:,}"


class RowsModel(RecordTableModel[Row]):
    """Rows of ready-made text; ``numeric`` columns are right-aligned, a total row (the last) is bold."""

    def __init__(self, headers: Callable[[], list[str]], numeric: Iterable[int] = ()) -> None:
        super().__init__(headers)
        self._numeric = frozenset(numeric)
        self._total = False
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[Row], total: Row | None = None) -> None:
        """Show ``rows``, then ``total`` (bold) when given."""
        self._total = total is not None
        self.set_records([*rows, total] if total is not None else list(rows))

    def display(self, record: Row, column: int) -> str:
        return record[column] if column < len(record) else ""

    def role_data(self, record: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._numeric:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and self._total and record is self._records[-1]:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.display(record, column) or None  # a long reason cut off at the column's edge
        return None


class ReportTable(QTableView):
    """A titled-by-its-headers table of text rows; ``texts()`` is what the user reads, row by row.

    ``samples`` gives each column's typical widest text (its width); column ``stretch``
    (the first by default: the row's name) takes the room left. ``snug`` tables are only as tall as their rows (up to ``max_rows``), so a
    short table does not leave a grey field under it.
    """

    def __init__(
        self,
        headers: Callable[[], list[str]],
        samples: dict[int, str],
        *,
        numeric: Iterable[int] = (),
        stretch: int = 0,
        name: str = "",
        snug: bool = False,
        max_rows: int = 12,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.model_ = RowsModel(headers, numeric)
        self.setModel(self.model_)
        setup_record_view(self, samples, 20, stretch=stretch)
        self.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.55))  # more rows in view
        self.snug = snug
        self._max_rows = max_rows
        self.setMinimumHeight(self._height_for(2))  # the page fits 700 pixels; a longer table scrolls
        if snug:  # as tall as its rows, no taller; the room below goes to what follows
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def set_rows(self, rows: Sequence[Row], total: Row | None = None) -> None:
        self.model_.set_rows(rows, total)
        if self.snug:
            snug = self._snug_height()
            self.setMinimumHeight(min(snug, self._height_for(2)))
            self.setMaximumHeight(snug)
            self.updateGeometry()

    def _snug_height(self) -> int:
        return self._height_for(min(max(self.model_.rowCount(), 1), self._max_rows))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self._snug_height()) if self.snug else hint

    def _height_for(self, rows: int) -> int:
        header = self.horizontalHeader().sizeHint().height()
        return header + rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth() + 2

    def texts(self) -> list[list[str]]:
        model = self.model_
        return [[model.display_text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]

    def headers(self) -> list[str]:
        model = self.model_
        return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


class FigureStrip(QWidget):
    """A row of small boxes, each a caption over a bold number: a section's key figures at a glance."""

    def __init__(self, captions: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._captions: list[QLabel] = []
        self._values: list[QLabel] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for caption in captions():
            box = QFrame(self)
            box.setObjectName("figure")
            box.setStyleSheet(FIGURE_STYLE)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            top = QLabel(caption, box)
            top.setStyleSheet(f"color: {MUTED_COLOR}; border: none; background: transparent;")
            value = QLabel("–", box)
            value.setObjectName("figureValue")
            value.setStyleSheet("border: none; background: transparent; color: #1d2b36;")
            bold(value, 1.35)
            column = QVBoxLayout(box)
            column.setContentsMargins(10, 5, 10, 6)
            column.setSpacing(1)
            column.addWidget(top)
            column.addWidget(value)
            row.addWidget(box, 1)
            self._captions.append(top)
            self._values.append(value)

    def set_values(self, values: Sequence[str]) -> None:
        for label, value in zip(self._values, values, strict=True):
            label.setText(value)
        for top, label in zip(self._captions, self._values, strict=True):
            label.setAccessibleName(f"{top.text()} {label.text()}")

    def figures(self) -> dict[str, str]:
        """Caption → value, as the user reads them."""
        return {top.text(): value.text() for top, value in zip(self._captions, self._values, strict=True)}


def note_label(parent: QWidget, muted: bool = True) -> QLabel:
    """A line of explanation under a table (small print on paper)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    if muted:
        label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


def empty_text() -> str:
    """What the paper says for a section with nothing recorded (本月无服务记录)."""
    return _("No service records this month")
