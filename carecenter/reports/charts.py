"""Charts for printed reports, drawn with ReportLab's graphics in the embedded Chinese font.

Three kinds, sized to the frame width and readable on paper by someone without glasses at
hand: a horizontal bar chart (one bar per named item, its number at the bar's end), a bar
chart of one value per day of a month, and a grouped bar chart of a few series over twelve
months with a legend. Every label sets the font explicitly: ReportLab's default would put
an unembedded Helvetica into the file, and Chinese in it would print as nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm

BAR = HexColor("#2F6DB5")
SERIES = (HexColor("#2F6DB5"), HexColor("#E08A1E"), HexColor("#3B9C5A"))
GRID = HexColor("#C9CED6")
TEXT = HexColor("#222222")
LABEL_SIZE = 10
VALUE_SIZE = 9.5


def nice_top(value: int) -> tuple[int, int]:
    """An axis maximum at or above ``value`` and a round step that divides it into at most five ticks."""
    value = max(value, 1)
    step = 1
    while value > step * 5:
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50, 100 …
            step = int(step * factor)
            if value <= step * 5:
                break
    return -(-value // step) * step, step


def _axis_font(axis: object, font: str, size: float = LABEL_SIZE) -> None:
    labels = axis.labels  # type: ignore[attr-defined]
    labels.fontName = font
    labels.fontSize = size
    labels.fillColor = TEXT


def _title(drawing: Drawing, text: str, font: str, y: float) -> None:
    if text:
        drawing.add(String(0, y, text, fontName=font, fontSize=11, fillColor=TEXT))


def horizontal_bars(
    items: Sequence[tuple[str, int]], font: str, width: float, title: str = "", unit: str = ""
) -> Drawing:
    """One bar per (label, value), top to bottom in the given order, the value printed after each bar."""
    rows = max(len(items), 1)
    bar_space = 8.5 * mm
    top_pad = 8 * mm if title else 2 * mm
    height = rows * bar_space + top_pad + 8 * mm
    drawing = Drawing(width, height)
    label_width = max((len(label) for label, _v in items), default=2) * LABEL_SIZE + 4 * mm
    chart: Any = HorizontalBarChart()  # the stubs type positions as int
    chart.x = label_width
    chart.y = 7 * mm
    chart.width = width - label_width - 16 * mm
    chart.height = rows * bar_space
    chart.data = [[v for _label, v in reversed(items)] or [0]]
    chart.categoryAxis.categoryNames = [label for label, _v in reversed(items)] or [""]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barWidth = 5 * mm
    chart.groupSpacing = 3.5 * mm
    top, step = nice_top(max((v for _label, v in items), default=0))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.strokeColor = GRID
    chart.categoryAxis.strokeColor = GRID
    _axis_font(chart.categoryAxis, font)
    _axis_font(chart.valueAxis, font, VALUE_SIZE)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -2 * mm
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = VALUE_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 1.5 * mm
    drawing.add(chart)
    _title(drawing, title + (f"（{unit}）" if unit else ""), font, height - 5 * mm)
    return drawing


def day_bars(
    days: Sequence[tuple[int, int]], font: str, width: float, title: str = "", height: float = 58 * mm
) -> Drawing:
    """One bar per day of a month: (day of month, value); every other day numbered on the axis."""
    drawing = Drawing(width, height)
    chart: Any = VerticalBarChart()
    chart.x = 12 * mm
    chart.y = 9 * mm
    chart.width = width - 16 * mm
    chart.height = height - (18 * mm if title else 12 * mm)
    chart.data = [[v for _d, v in days] or [0]]
    chart.categoryAxis.categoryNames = [str(d) if (d % 2 == 1 or len(days) <= 16) else "" for d, _v in days] or [""]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barSpacing = 0
    chart.groupSpacing = 1.2
    _vertical_axes(chart, max((v for _d, v in days), default=0), font)
    drawing.add(chart)
    _title(drawing, title, font, height - 5 * mm)
    return drawing


def grouped_bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    font: str,
    width: float,
    title: str = "",
    height: float = 72 * mm,
) -> Drawing:
    """Several series side by side per label (e.g. 12 months × 日间照料/助餐/上门服务), a legend on top."""
    drawing = Drawing(width, height)
    chart: Any = VerticalBarChart()
    chart.x = 14 * mm
    chart.y = 9 * mm
    chart.width = width - 18 * mm
    chart.height = height - (27 * mm if title else 20 * mm)
    chart.data = [list(values) for _name, values in series] or [[0]]
    chart.categoryAxis.categoryNames = list(labels)
    for i in range(len(series)):
        chart.bars[i].fillColor = SERIES[i % len(SERIES)]
        chart.bars[i].strokeColor = None
    chart.barSpacing = 0.5
    chart.groupSpacing = 4
    _vertical_axes(chart, max((v for _name, values in series for v in values), default=0), font)
    drawing.add(chart)
    legend: Any = Legend()
    legend.fontName = font
    legend.fontSize = LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 3.2 * mm
    legend.deltax = max((len(name) for name, _v in series), default=4) * LABEL_SIZE + 12 * mm
    legend.x = chart.x
    legend.y = height - (12 * mm if title else 4 * mm)
    legend.colorNamePairs = [(SERIES[i % len(SERIES)], name) for i, (name, _v) in enumerate(series)]
    legend.strokeColor = white
    drawing.add(legend)
    _title(drawing, title, font, height - 5 * mm)
    return drawing


def _vertical_axes(chart: Any, highest: int, font: str) -> None:
    """A vertical bar chart's axes: a round scale from 0 with light grid lines, labels in the report's font."""
    top, step = nice_top(highest)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.strokeColor = GRID
    chart.categoryAxis.strokeColor = GRID
    _axis_font(chart.categoryAxis, font, VALUE_SIZE)
    _axis_font(chart.valueAxis, font, VALUE_SIZE)
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -1.5 * mm
