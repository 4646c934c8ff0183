"""A small line chart of assessment totals over time, drawn with QPainter (QtCharts is not installed).

One line per instrument, on one axis from 0 to the largest maximum (Barthel's 100 and
GB/T 42195's 90 are both "higher is better", so one scale reads naturally). Each point
carries its total; dates run left to right in proportion to the time between them; the
axes are captioned in the UI language (总分, 评估日期). UI thread only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from carecenter.i18n import _

SERIES_COLORS = ("#1565c0", "#e65100", "#2e7d32", "#6a1b9a")
GRID_COLOR = "#d0d0d0"
TEXT_COLOR = "#333333"


@dataclass(frozen=True)
class Series:
    """One instrument's totals, oldest first or not (the chart sorts by date)."""

    label: str
    max_total: int
    points: tuple[tuple[dt.date, int], ...]


class TrendChart(QWidget):
    """Totals over time; ``set_series`` replaces what is drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._series: list[Series] = []
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Trend of assessment totals"))

    def sizeHint(self) -> QSize:
        return QSize(460, 280)

    def set_series(self, series: Sequence[Series]) -> None:
        self._series = [s for s in series if s.points]
        self.setToolTip(self.describe())
        self.update()

    def series(self) -> list[Series]:
        return list(self._series)

    def describe(self) -> str:
        """The chart in words (tooltip, screen readers, tests): one line per instrument."""
        lines = []
        for s in self._series:
            points = "，".join(f"{day.isoformat()} {total}" for day, total in sorted(s.points))
            lines.append(f"{s.label}：{points}")
        return "\n".join(lines)

    # ---- drawing -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line_height = metrics.height()
        if not self._series:
            painter.setPen(QColor(TEXT_COLOR))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("No assessments yet"))
            painter.end()
            return
        top = self._legend(painter, line_height) + line_height // 2
        left = metrics.horizontalAdvance("100") + line_height + 14
        plot = QRectF(left, top + line_height, self.width() - left - 24, self.height() - top - 3.4 * line_height)
        if plot.width() < 40 or plot.height() < 40:
            painter.end()
            return
        most = max(s.max_total for s in self._series)
        days = sorted({day for s in self._series for day, _total in s.points})
        self._axes(painter, plot, most, days)
        for index, s in enumerate(self._series):
            self._line(painter, plot, most, days, s, QColor(SERIES_COLORS[index % len(SERIES_COLORS)]))
        painter.end()

    def _legend(self, painter: QPainter, line_height: int) -> int:
        """One entry per line colour, wrapping onto a new line when the next would not fit; returns the bottom."""
        x, y = 8.0, 6.0
        for index, s in enumerate(self._series):
            text = _("{name} (out of {n})").format(name=s.label, n=s.max_total)
            width = 28 + painter.fontMetrics().horizontalAdvance(text)
            if x > 8 and x + width > self.width() - 8:
                x, y = 8.0, y + line_height + 4
            color = QColor(SERIES_COLORS[index % len(SERIES_COLORS)])
            painter.setPen(QPen(color, 3))
            painter.drawLine(QPointF(x, y + line_height / 2), QPointF(x + 22, y + line_height / 2))
            painter.setPen(QColor(TEXT_COLOR))
            painter.drawText(QPointF(x + 28, y + painter.fontMetrics().ascent()), text)
            x += width + 24
        return int(y + line_height)

    def _axes(self, painter: QPainter, plot: QRectF, most: int, days: list[dt.date]) -> None:
        metrics = painter.fontMetrics()
        step = 10 * max(1, -(-most // 50))  # 90 or 100 → every 20
        painter.setPen(QPen(QColor(GRID_COLOR), 1))
        for value in range(0, most + 1, step):
            y = self._y(plot, most, value)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(TEXT_COLOR))
            label = str(value)
            painter.drawText(
                QPointF(plot.left() - 6 - metrics.horizontalAdvance(label), y + metrics.ascent() / 2.5), label
            )
            painter.setPen(QPen(QColor(GRID_COLOR), 1))
        painter.setPen(QPen(QColor(TEXT_COLOR), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        # date labels under the points, skipping any that would overlap the previous one
        drawn_right = -1e9
        for day in days:
            text = day.isoformat()
            width = metrics.horizontalAdvance(text)
            x = self._x(plot, days, day) - width / 2
            x = min(max(x, plot.left() - 10), self.width() - width - 2)
            if x > drawn_right + 8:
                painter.drawText(QPointF(x, plot.bottom() + metrics.height()), text)
                drawn_right = x + width
        caption = _("Assessment date")
        painter.drawText(
            QPointF(plot.center().x() - metrics.horizontalAdvance(caption) / 2, plot.bottom() + 2.2 * metrics.height()),
            caption,
        )
        painter.save()
        painter.translate(metrics.height() * 0.9, plot.center().y())
        painter.rotate(-90)
        y_caption = _("Total score")
        painter.drawText(QPointF(-metrics.horizontalAdvance(y_caption) / 2, 0), y_caption)
        painter.restore()

    def _line(self, painter: QPainter, plot: QRectF, most: int, days: list[dt.date], s: Series, color: QColor) -> None:
        points = [QPointF(self._x(plot, days, day), self._y(plot, most, total)) for day, total in sorted(s.points)]
        painter.setPen(QPen(color, 2.5))
        if len(points) > 1:
            painter.drawPolyline(points)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        for point, (_day, total) in zip(points, sorted(s.points), strict=True):
            painter.setBrush(color)
            painter.drawEllipse(point, 4.5, 4.5)
            painter.drawText(QPointF(point.x() + 6, point.y() - 6), str(total))
        painter.setBrush(Qt.BrushStyle.NoBrush)

    @staticmethod
    def _x(plot: QRectF, days: list[dt.date], day: dt.date) -> float:
        if len(days) == 1:
            return plot.center().x()
        span = (days[-1] - days[0]).days
        inset = 24.0
        return plot.left() + inset + (plot.width() - 2 * inset) * (day - days[0]).days / span

    @staticmethod
    def _y(plot: QRectF, most: int, value: int) -> float:
        return plot.bottom() - plot.height() * value / most
