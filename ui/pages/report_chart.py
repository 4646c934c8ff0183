"""Bars for the 月度报表 screen: seniors at day care day by day, and the 12-month trend (QPainter; no QtCharts).

One or more series over the same categories (days of the month, months of the year),
drawn as groups of bars on one axis from 0 with a few gridlines, a legend when there
is more than one series, and the value over each bar when there is room for it. The
chart says the same in words (:meth:`BarChart.describe`) for its tooltip, screen
readers and tests. UI thread only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLORS = ("#1d5f99", "#e07b00", "#2e7d32")
GRID_COLOR = "#d0d7de"
TEXT_COLOR = "#333333"


def nice_step(most: int) -> int:
    """A gridline step giving about four lines: 1, 2, 5, 10, 20, 50 …"""
    if most <= 4:
        return 1
    raw = most / 4
    power = 10 ** math.floor(math.log10(raw))
    return next(int(m * power) for m in (1, 2, 5, 10) if m * power >= raw)


class BarChart(QWidget):
    """Grouped bars; ``set_data(labels, series)`` replaces what is drawn (series: (name, values per label))."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._labels: list[str] = []
        self._series: list[tuple[str, list[int]]] = []
        self.setMinimumSize(320, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def set_data(self, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]) -> None:
        self._labels = list(labels)
        self._series = [(name, list(values)) for name, values in series]
        self.setToolTip(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words: the title, then per series its values by label (zeros left out)."""
        lines = [self._title] if self._title else []
        for name, values in self._series:
            shown = "，".join(f"{label} {v}" for label, v in zip(self._labels, values, strict=True) if v)
            lines.append(f"{name}：{shown or 0}")
        return "\n".join(lines)

    # ---- drawing -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        top = 6.0
        painter.setPen(QColor(TEXT_COLOR))
        if self._title:
            painter.drawText(QPointF(8, top + metrics.ascent()), self._title)
        if len(self._series) > 1:
            self._legend(painter, top)
        most = max((v for _name, values in self._series for v in values), default=0)
        step = nice_step(most)
        ceiling = max(step, -(-most // step) * step)
        left = metrics.horizontalAdvance(f"{ceiling:,}") + 14
        plot = QRectF(left, top + line * 1.6, self.width() - left - 12, self.height() - top - line * 3.0)
        if plot.width() < 40 or plot.height() < 30 or not self._labels:
            painter.end()
            return
        self._axes(painter, plot, ceiling, step)
        self._bars(painter, plot, ceiling)
        painter.end()

    def _legend(self, painter: QPainter, top: float) -> None:
        """Series names with their colour, right-aligned on the title's line."""
        metrics = painter.fontMetrics()
        x = float(self.width() - 8)
        for index, (name, _values) in reversed(list(enumerate(self._series))):
            width = metrics.horizontalAdvance(name)
            x -= width
            painter.setPen(QColor(TEXT_COLOR))
            painter.drawText(QPointF(x, top + metrics.ascent()), name)
            x -= 18
            painter.fillRect(QRectF(x, top + 3, 12, metrics.ascent() - 4), QColor(BAR_COLORS[index % len(BAR_COLORS)]))
            x -= 16

    def _axes(self, painter: QPainter, plot: QRectF, ceiling: int, step: int) -> None:
        metrics = painter.fontMetrics()
        for value in range(0, ceiling + 1, step):
            y = plot.bottom() - plot.height() * value / ceiling
            painter.setPen(QPen(QColor(GRID_COLOR), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(TEXT_COLOR))
            text = f"{value:,}"
            painter.drawText(
                QPointF(plot.left() - 6 - metrics.horizontalAdvance(text), y + metrics.ascent() / 2.5), text
            )
        painter.setPen(QPen(QColor(TEXT_COLOR), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        slot = plot.width() / len(self._labels)
        drawn_right = -1e9
        for index, label in enumerate(self._labels):
            width = metrics.horizontalAdvance(label)
            x = plot.left() + slot * (index + 0.5) - width / 2
            if x > drawn_right + 6:  # skip a label that would run into the one before
                painter.drawText(QPointF(x, plot.bottom() + metrics.height()), label)
                drawn_right = x + width

    def _bars(self, painter: QPainter, plot: QRectF, ceiling: int) -> None:
        metrics = painter.fontMetrics()
        slot = plot.width() / len(self._labels)
        groups = max(1, len(self._series))
        bar = max(2.0, slot * 0.72 / groups)
        show_values = bar >= metrics.horizontalAdvance("888") + 2
        for s_index, (_name, values) in enumerate(self._series):
            color = QColor(BAR_COLORS[s_index % len(BAR_COLORS)])
            for index, value in enumerate(values):
                if value <= 0:
                    continue
                height = plot.height() * value / ceiling
                x = plot.left() + slot * index + (slot - bar * groups) / 2 + bar * s_index
                painter.fillRect(QRectF(x, plot.bottom() - height, bar, height), color)
                if show_values:
                    text = str(value)
                    painter.setPen(QColor(TEXT_COLOR))
                    painter.drawText(
                        QRectF(x - 10, plot.bottom() - height - metrics.height(), bar + 20, metrics.height()),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                        text,
                    )
