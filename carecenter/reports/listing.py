"""A list on paper and in Excel from one plain description: the columns, the rows, the lines to sign.

Every printable list (birthday invitations and sign-in sheet, subsidy roster, kitchen count,
attendance sheet, visit schedules, data-quality list) is computed by its service as a
:class:`Listing`; :func:`render_listing` prints it and :func:`write_listing_xlsx` exports the
very same rows, so the paper and the workbook never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from carecenter.errors import OutputError
from carecenter.i18n import _
from carecenter.progress import Cancelled, Progress
from carecenter.xlsx_files import save_atomically

if TYPE_CHECKING:
    from carecenter.reports.document import Printed
    from carecenter.reports.fonts import ReportFont

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 1.0  # relative to the other columns
    numeric: bool = False  # right-aligned; a number in Excel
    wrap: bool = False  # long text that wraps on paper


@dataclass(frozen=True)
class Section:
    """One table of a listing, under its own heading ("" for a listing of a single table)."""

    heading: str
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None


@dataclass(frozen=True)
class Listing:
    title: str
    center: str
    period: str  # 2026年11月, 2026-11-22 or ""
    columns: tuple[Column, ...]
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()  # lines under the title: the party's date and place, a filter …
    signatures: tuple[str, ...] = ()  # roles that sign the paper: 制表人, 审核人 …
    mark: str = ""  # red on every page: 未审批（预览）
    wide: bool = False  # landscape
    row_height_mm: float | None = None  # room for a handwritten signature per row
    empty_text: str = ""  # printed when no section has a row (default: 本月无服务记录)
    full_ids: bool = False  # shows full ID numbers: whoever printed it must be recorded

    @property
    def rows(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def render_listing(
    listing: Listing,
    target: Path,
    font: ReportFont,
    printed_at: dt.datetime,
    printed_by: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Printed:
    from reportlab.lib.units import mm  # ReportLab loads with the first printout, not at start-up
    from reportlab.platypus import Flowable

    from carecenter.reports import blocks
    from carecenter.reports.blocks import Styles
    from carecenter.reports.document import PageHeading, frame_width, render

    heading = PageHeading(
        center=listing.center,
        title=listing.title,
        period=listing.period,
        printed_at=printed_at,
        printed_by=printed_by,
        mark=listing.mark,
        wide=listing.wide,
    )
    styles = Styles(font.name)
    width = frame_width(heading)
    story: list[Flowable] = blocks.title(
        styles, listing.title, "  ".join(p for p in (listing.center, listing.period) if p)
    )
    story += [blocks.para(styles, note) for note in listing.notes]
    if listing.notes:
        story.append(blocks.gap(2))
    widths = blocks.fit([c.width for c in listing.columns], width)
    numeric = [i for i, c in enumerate(listing.columns) if c.numeric]
    wrap = [i for i, c in enumerate(listing.columns) if c.wrap]
    height = None if listing.row_height_mm is None else listing.row_height_mm * mm
    if listing.rows == 0:
        story.append(blocks.empty(styles, listing.empty_text or None))
    for section in listing.sections:
        if not section.rows:
            continue
        if section.heading:
            story += blocks.section(styles, section.heading, level=2)
        rows = list(section.rows) + ([section.total] if section.total else [])
        story.append(
            blocks.table(
                styles,
                [c.title for c in listing.columns],
                rows,
                widths,
                numeric=numeric,
                wrap=wrap,
                total_row=section.total is not None,
                row_height=height,
            )
        )
    if listing.signatures:
        story.append(blocks.signatures(styles, listing.signatures, width))
    return render(target, heading, story, font, progress, cancelled)


def write_listing_xlsx(listing: Listing, target: Path, printed_at: dt.datetime) -> Path:
    """The listing's rows as one worksheet: a title block, then each section's heading, header row and rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(listing.title)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E4E9F2")
    sheet.append([listing.title])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.append(["  ".join(p for p in (listing.center, listing.period) if p)])
    for line in (*listing.notes, listing.mark):
        if line:
            sheet.append([line])
    sheet.append([_("Exported {when}").format(when=printed_at.strftime("%Y-%m-%d %H:%M"))])
    sheet.append([])
    if listing.rows == 0:
        sheet.append([listing.empty_text or _("No service records this month")])
    for section in listing.sections:
        if not section.rows:
            continue
        if section.heading:
            sheet.append([section.heading])
            sheet.cell(sheet.max_row, 1).font = bold
        sheet.append([c.title for c in listing.columns])
        header = sheet.max_row
        for i in range(1, len(listing.columns) + 1):
            sheet.cell(header, i).font = bold
            sheet.cell(header, i).fill = fill
        for row in section.rows:
            sheet.append(list(row))
        if section.total:
            sheet.append(list(section.total))
            for i in range(1, len(listing.columns) + 1):
                sheet.cell(sheet.max_row, i).font = bold
        sheet.append([])
    for i, column in enumerate(listing.columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(8.0, column.width * 9)
        if column.wrap:
            for cells in sheet.iter_rows(min_col=i, max_col=i):
                cells[0].alignment = Alignment(wrap_text=True, vertical="top")
    for role in listing.signatures:
        sheet.append([f"{role}：", "", ""])
    try:
        return save_atomically(book, target)
    except OSError as e:
        raise OutputError(_("Cannot write {path}: {reason}").format(path=target, reason=e.strerror or e)) from e


def _sheet_title(title: str) -> str:
    bad = "[]:*?/\\"
    clean = "".join("-" if ch in bad else ch for ch in title)
    return clean[:31] or "Sheet"
