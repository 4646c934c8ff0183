"""A roster file's sheets as grids of cells, whatever the file: .xlsx or .xls as Excel and WPS save them, or CSV.

The format is told by the file's first bytes, not its name (a renamed file is still read).
Both Excel formats are read by calamine, a reader written in Rust: the district benchmark's
10,000-row roster takes it 0.07 s, where openpyxl took 0.6 s (1.5 s on a slow day). Merged
cells give their value to every cell they cover, as a reader of the sheet sees it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from carecenter.i18n import _
from carecenter.roster.cells import Cell
from carecenter.roster.model import RosterFileError

Grid = list[list[Cell]]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls (BIFF) is an OLE2 compound file
_ZIP = b"PK\x03\x04"  # .xlsx (and other Office Open XML or OpenDocument files) are zip archives
_HTML = re.compile(rb"^\s*<(!doctype|html|table|\?xml)", re.IGNORECASE)
_ACTIVE_TAB = re.compile(rb"<(?:\w+:)?workbookView\b[^>]*?\bactiveTab=\"(\d+)\"")


def read_sheets(path: Path) -> list[tuple[str, Grid]]:
    """Every sheet of the file at ``path`` (the one open in Excel first), with its name; raises RosterFileError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RosterFileError(_("The file {file} does not exist.").format(file=path)) from None
    except OSError as exc:
        raise RosterFileError(_("The file {file} cannot be read: {error}").format(file=path, error=exc)) from None
    if data.startswith((_ZIP, _OLE2)):
        return _workbook(path, data)
    return _csv(path, data)


def _workbook(path: Path, data: bytes) -> list[tuple[str, Grid]]:
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum  # when needed: not at start-up

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except CalamineError as exc:
        raise _unreadable(path, exc) from None
    try:
        sheets = [i for i, meta in enumerate(book.sheets_metadata) if meta.typ == SheetTypeEnum.WorkSheet]
        active = _active_tab(data)
        grids = []
        for index in sorted(sheets, key=lambda i: i != active):  # the sheet open in Excel first, then in order
            sheet = book.get_sheet_by_index(index)
            merged = sheet.merged_cell_ranges
            if merged is None:  # OpenDocument or .xlsb: calamine cannot tell their merged cells
                raise RosterFileError(
                    _(
                        "{file} is not in the .xlsx or .xls format; open it in WPS or Excel and save it as .xlsx."
                    ).format(file=path.name)
                )
            # From A1 even when the sheet's data starts lower: a grid row's index + 1 is the row Excel shows.
            grid: Grid = [[_cell(value) for value in row] for row in sheet.to_python(skip_empty_area=False)]
            for (r0, c0), (r1, c1) in merged:
                _fill(grid, r0, r1, c0, c1)
            grids.append((sheet.name, grid))
    except CalamineError as exc:
        raise _unreadable(path, exc) from None
    finally:
        book.close()
    return grids


def _unreadable(path: Path, error: Exception) -> RosterFileError:
    return RosterFileError(
        _("{file} is not an Excel workbook that can be read ({error}).").format(file=path.name, error=error)
    )


def _active_tab(data: bytes) -> int:
    """The index of the sheet that was open when the .xlsx was saved (0 when the file does not say)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = _ACTIVE_TAB.search(archive.read("xl/workbook.xml"))
    except (zipfile.BadZipFile, KeyError):  # an .xls, or an .xlsx that names its parts otherwise
        return 0
    return int(found.group(1)) if found else 0


def _cell(value: object) -> Cell:
    """A calamine value as the rest of the import takes cells: None when empty, whole numbers as ``int``.

    Excel keeps every number as a double; a whole one below 10^15 is exact (an old 15-digit ID,
    a phone), a longer one may have lost digits and stays a float so the import can say so.
    """
    if value == "":
        return None
    if type(value) is float:
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if isinstance(value, str | int | dt.date):  # bool is an int; datetime is a date
        return value
    return str(value)  # a time of day or a duration: its text, as it is shown


def _fill(grid: Grid, r0: int, r1: int, c0: int, c1: int) -> None:
    """Give a merged range's value to every cell it covers."""
    if r0 >= len(grid):
        return
    value = grid[r0][c0] if c0 < len(grid[r0]) else None
    for r in range(r0, min(r1, len(grid) - 1) + 1):
        row = grid[r]
        row.extend([None] * (c1 + 1 - len(row)))
        for c in range(c0, c1 + 1):
            if r != r0 or c != c0:
                row[c] = value


def _csv(path: Path, data: bytes) -> list[tuple[str, Grid]]:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterFileError(_("{file} is not a roster: it is neither Excel nor CSV.").format(file=path.name))
    if _HTML.match(data[:200]):
        raise RosterFileError(
            _("{file} is a web page saved with an Excel name; open it in Excel or WPS and save it as .xlsx.").format(
                file=path.name
            )
        )
    text = _decode(data, path)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    grid: Grid = [[cell if cell.strip() else None for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    return [(path.stem, grid)]


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(
        _("{file} is in an unknown text encoding; save it from Excel as .xlsx or as CSV (UTF-8).").format(
            file=path.name
        )
    )
