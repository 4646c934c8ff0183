"""The building blocks of a printout's story: headings, text, tables that split across pages, signature lines.

Every block takes the :class:`Styles` of one font, so a printout is typeset in the one
embedded Chinese font from title to footnote. Text from the database is escaped here:
ReportLab paragraphs read markup, and a senior's note containing ``<`` must print as typed.
Sizes follow who reads the paper: 11 pt body text at least, 14 pt for a family's copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, LongTable, Paragraph, Spacer, Table, TableStyle

from carecenter.i18n import _
from carecenter.reports.listing import Cell

HEADER_FILL = HexColor("#E4E9F2")
ZEBRA_FILL = HexColor("#F6F7FA")
LINE = HexColor("#7A7F89")
ACCENT = HexColor("#1F4E8C")


@dataclass(frozen=True)
class Styles:
    """Paragraph styles in one embedded font; ``scale`` enlarges everything (1.25 for a family's copy)."""

    font: str
    scale: float = 1.0

    def _style(self, name: str, size: float, **extra: Any) -> ParagraphStyle:
        size *= self.scale
        return ParagraphStyle(name, fontName=self.font, fontSize=size, leading=size * 1.4, **extra)

    @property
    def title(self) -> ParagraphStyle:
        return self._style("title", 19, alignment=TA_CENTER, spaceAfter=3 * mm, textColor=ACCENT)

    @property
    def subtitle(self) -> ParagraphStyle:
        return self._style("subtitle", 11.5, alignment=TA_CENTER, spaceAfter=4 * mm)

    @property
    def h1(self) -> ParagraphStyle:
        return self._style("h1", 14.5, spaceBefore=5 * mm, spaceAfter=2.5 * mm, textColor=ACCENT)

    @property
    def h2(self) -> ParagraphStyle:
        return self._style("h2", 12.5, spaceBefore=3 * mm, spaceAfter=1.5 * mm)

    @property
    def body(self) -> ParagraphStyle:
        return self._style("body", 11)

    @property
    def small(self) -> ParagraphStyle:
        return self._style("small", 9.5, textColor=HexColor("#444444"))

    @property
    def cell(self) -> ParagraphStyle:
        return self._style("cell", 10.5)


def text(value: object) -> str:
    """A database value as paragraph markup: escaped, line breaks kept."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def title(styles: Styles, main: str, sub: str = "") -> list[Flowable]:
    """The printout's title on its first page, with an optional line under it (period, center)."""
    out: list[Flowable] = [Paragraph(text(main), styles.title)]
    if sub:
        out.append(Paragraph(text(sub), styles.subtitle))
    return out


def heading(styles: Styles, words: str, level: int = 1) -> Paragraph:
    return Paragraph(text(words), styles.h1 if level == 1 else styles.h2)


def section(styles: Styles, words: str, level: int = 1, room_mm: float = 30) -> list[Flowable]:
    """A heading that starts a new page when fewer than ``room_mm`` are left, so it never stands alone at a foot.

    (Not ``keepWithNext``: that would carry a long table's whole first page along and leave this one blank.)
    """
    return [CondPageBreak(room_mm * mm), heading(styles, words, level)]


def para(styles: Styles, words: str, small: bool = False) -> Paragraph:
    return Paragraph(text(words), styles.small if small else styles.body)


def empty(styles: Styles, words: str | None = None) -> Paragraph:
    """An honest line where a section has nothing to show (默认：本月无服务记录)."""
    return Paragraph(text(words or _("No service records this month")), styles.body)


def table(
    styles: Styles,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    wrap: Sequence[int] = (),
    total_row: bool = False,
    row_height: float | None = None,
) -> Flowable:
    """A table whose header repeats on every page it spans.

    ``widths`` are absolute points (scale relative widths with :func:`fit`); ``numeric``
    columns are right-aligned; ``wrap`` columns wrap long text (others are short by nature:
    names, dates, counts). ``total_row`` sets the last row apart with a rule above it.
    ``row_height`` is a minimum that leaves room to sign by hand: a row whose text wraps
    grows instead of spilling into the next one.
    """
    wrap_set = set(wrap)
    body: list[list[object]] = [[Paragraph(text(h), styles.cell) for h in headers]]
    for row in rows:
        body.append([Paragraph(text(v), styles.cell) if i in wrap_set else _plain(v) for i, v in enumerate(row)])
    t = LongTable(body, colWidths=list(widths), repeatRows=1)
    size = styles.cell.fontSize
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.3),
        ("GRID", (0, 0), (-1, -1), 0.4, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if row_height is not None and rows:
        padding = max(3.0, (row_height - size * 1.3) / 2)
        commands += [("TOPPADDING", (0, 1), (-1, -1), padding), ("BOTTOMPADDING", (0, 1), (-1, -1), padding)]
    for column in numeric:
        commands.append(("ALIGN", (column, 1), (column, -1), "RIGHT"))
    for r in range(2, len(body), 2):
        commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA_FILL))
    if total_row and rows:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 1.2, LINE), ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL)]
    t.setStyle(TableStyle(commands))
    return t


def fit(widths: Sequence[float], available: float) -> list[float]:
    """Relative column widths scaled to fill ``available`` points."""
    total = sum(widths) or 1
    return [w * available / total for w in widths]


def figures(styles: Styles, items: Sequence[tuple[str, Cell]], available: float, per_row: int = 4) -> Flowable:
    """Key figures as boxes: a big number over its label (人次, 人数 …), ``per_row`` to a line."""
    number = ParagraphStyle(
        "figure", fontName=styles.font, fontSize=17 * styles.scale, leading=21 * styles.scale, alignment=TA_CENTER
    )
    label = ParagraphStyle(
        "figure-label",
        fontName=styles.font,
        fontSize=9.5 * styles.scale,
        leading=12 * styles.scale,
        alignment=TA_CENTER,
    )
    cells = [[Paragraph(text(_plain(v)), number), Paragraph(text(name), label)] for name, v in items]
    rows: list[list[object]] = []
    for start in range(0, len(cells), per_row):
        chunk = cells[start : start + per_row]
        rows.append([[c[0], c[1]] for c in chunk] + [""] * (per_row - len(chunk)))
    t = Table(rows, colWidths=[available / per_row] * per_row)
    t.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.4, LINE),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, LINE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return t


def signatures(styles: Styles, roles: Sequence[str], available: float, date_line: bool = True) -> Flowable:
    """Lines to sign by hand (制表人 / 审核人 / 负责人签字 …), kept together on one page.

    One role signs with the date beside it; several sign in a row with the date on a line
    below. Do not wrap the result in another KeepTogether: nested, it never fits.
    """
    cells = [f"{role}：________________" for role in roles]
    date = _("Date: ____ / ____ / ________")
    if len(roles) == 1 and date_line:
        cells.append(date)
    rows: list[list[object]] = [[Paragraph(text(c), styles.body) for c in cells]]
    if date_line and len(roles) > 1:
        rows.append([Paragraph(text(date), styles.body)] + [""] * (len(cells) - 1))
    t = Table(rows, colWidths=[available / len(cells)] * len(cells), rowHeights=[14 * mm] * len(rows))
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 6 * mm), t])


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def _plain(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.1f}" if value % 1 else f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"  # 1,382 on paper as on the screen
    return str(value)
