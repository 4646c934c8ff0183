"""``<name>.errors.xlsx`` beside the roster: the refused rows as they were, with why, to fix and import again.

The sheet keeps the roster's own header after three columns (行号, 代码, 原因), so
the corrected file imports like the original (those three columns are recognised
and skipped). ID cells are written as text, never numbers.
"""

from __future__ import annotations

from pathlib import Path

from carecenter.i18n import _
from carecenter.roster.columns import ERRORS_FILE_COLUMNS
from carecenter.roster.model import RowResult, Verdict
from carecenter.xlsx_files import save_atomically


def errors_path(roster: Path) -> Path:
    """``roster.xlsx`` → ``roster.errors.xlsx`` (also for .xls and .csv)."""
    return roster.with_name(f"{roster.stem}.errors.xlsx")


def write_errors(roster: Path, headers: tuple[str, ...], rows: tuple[RowResult, ...]) -> Path | None:
    """Write the rejected rows beside ``roster``; without any, remove a stale errors file. Returns the path written."""
    import openpyxl
    from openpyxl.styles import Font

    target = errors_path(roster)
    rejected = [r for r in rows if r.verdict == Verdict.REJECTED]
    if not rejected:
        target.unlink(missing_ok=True)
        return None
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Rejected rows")[:31]
    sheet.append([*ERRORS_FILE_COLUMNS, *headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for result in rejected:
        reasons = [i for i in result.issues if i.code.rejects]
        sheet.append(
            [
                result.row,
                ",".join(dict.fromkeys(i.code.value for i in reasons)),
                "；".join(i.message for i in reasons),
                *result.cells,
            ]
        )
    for row in sheet.iter_rows(min_row=2, min_col=4):
        for cell in row:
            cell.number_format = "@"  # text: an ID typed here again stays a text
    sheet.freeze_panes = "D2"
    sheet.column_dimensions["C"].width = 60
    for index in range(len(headers)):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index + 4)].width = 16
    save_atomically(book, target)
    return target
