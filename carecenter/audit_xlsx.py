"""The audit trail as an .xlsx workbook: one sheet, a header row, readable widths.

Imported only when exporting, so that opening the app never loads openpyxl.
Written to a temporary file beside the target and renamed, so a failed export
never leaves a half-written workbook under the chosen name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from carecenter.audit import AuditLine, column_titles
from carecenter.i18n import _
from carecenter.xlsx_files import save_atomically

_WIDTHS = (20, 14, 10, 12, 10, 16, 12, 16, 30, 30)


def write_lines(lines: Sequence[AuditLine], target: Path, now: dt.datetime) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Audit trail")
    sheet.append([_("Exported {time}").format(time=now.strftime("%Y-%m-%d %H:%M"))])
    header = column_titles()
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append(
            [
                line.at,
                line.actor,
                line.staff_name,
                line.action_label,
                line.entity_label,
                line.senior_name,
                line.member_no,
                line.field_label,
                line.before,
                line.after,
            ]
        )
    for index, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=3, min_col=1, max_col=1):
        row[0].number_format = "yyyy-mm-dd hh:mm:ss"
    for row in sheet.iter_rows(min_row=3, min_col=9, max_col=10):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    save_atomically(book, target)
