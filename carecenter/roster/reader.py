"""From a file as centers have it (.xlsx, .xls as Excel and WPS save it, .csv in GBK or UTF-8) to a table.

The file's format is told by its first bytes, not its name (a renamed file is still
read). The header row is looked for in the first ten rows of each sheet: the first
row naming both 姓名 and 身份证号 is it; title rows, a 填报单位 line, blank rows and
footer rows (合计, 填表人, 审核人, 制表 …) are skipped, and merged cells give their
value to every cell they cover, as a reader of the sheet sees it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from carecenter.i18n import _
from carecenter.roster.cells import Cell, is_blank, text_of
from carecenter.roster.columns import BY_KEY, match_header
from carecenter.roster.model import RosterFileError

HEADER_SEARCH_ROWS = 10
REQUIRED = ("name", "id_number")
FOOTER_WORDS = (
    "合计",
    "总计",
    "小计",
    "共计",
    "填表人",
    "填报人",
    "审核人",
    "制表",
    "负责人",
    "单位负责人",
    "经办人",
    "注:",
    "注：",
    "说明:",
    "说明：",
)

Grid = list[list[Cell]]


@dataclass(frozen=True)
class RawRow:
    number: int  # 1-based, as Excel shows it
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    columns: dict[str, list[int]]  # column key -> indexes of the file's columns holding it
    rows: tuple[RawRow, ...]
    unknown: tuple[str, ...] = ()  # header cells that name no column the app knows
    repeated: tuple[tuple[str, str], ...] = field(default=())  # (ignored header, the header it repeats)

    def value(self, row: RawRow, key: str) -> Cell:
        """The row's cell for ``key`` (the first non-blank of its columns), None if the file has none."""
        for index in self.columns.get(key, ()):
            if index < len(row.cells) and not is_blank(row.cells[index]):
                return row.cells[index]
        return None

    def values(self, row: RawRow, key: str) -> list[Cell]:
        """Every non-blank cell for ``key`` (phones may sit in 电话 and 手机 both)."""
        return [row.cells[i] for i in self.columns.get(key, ()) if i < len(row.cells) and not is_blank(row.cells[i])]


def read_table(path: Path) -> Table:
    """The roster in ``path``; raises RosterFileError (nothing read) when it is not one."""
    sheets = list(_read_sheets(path))
    best_missing: tuple[str, ...] | None = None
    for name, grid in sheets:
        found = _find_header(grid)
        if isinstance(found, int):
            return _table(name, grid, found)
        if best_missing is None or len(found) < len(best_missing):
            best_missing = found
    if not any(grid for _name, grid in sheets):
        raise RosterFileError(_("{file} is empty.").format(file=path.name))
    wanted = "、".join(f"“{BY_KEY[k].header}”" for k in (best_missing or REQUIRED))
    raise RosterFileError(
        _("No header row found in the first {n} rows of {file}: a roster needs the columns {cols}.").format(
            n=HEADER_SEARCH_ROWS, file=path.name, cols=wanted
        )
    )


def _find_header(grid: Grid) -> int | tuple[str, ...]:
    """The header row's index, or the required columns missing from the best candidate."""
    best: tuple[str, ...] = REQUIRED
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        keys = {match_header(c) for c in row if isinstance(c, str)}
        missing = tuple(k for k in REQUIRED if k not in keys)
        if not missing:
            return index
        if len(missing) < len(best) and len(keys - {None, ""}) >= 2:
            best = missing
    return best


def _table(sheet: str, grid: Grid, header_index: int) -> Table:
    header = [text_of(c) for c in grid[header_index]]
    columns: dict[str, list[int]] = {}
    unknown: list[str] = []
    repeated: list[tuple[str, str]] = []
    for index, text in enumerate(header):
        if not text:
            continue
        key = match_header(text)
        if key is None:
            unknown.append(text)
        elif key == "":
            continue
        elif key in columns and key != "phones":
            repeated.append((text, header[columns[key][0]]))
        else:
            columns.setdefault(key, []).append(index)
    known = {i for indexes in columns.values() for i in indexes}
    rows = []
    for offset, cells in enumerate(grid[header_index + 1 :], start=header_index + 2):
        if _skipped(cells, known, columns, header):
            continue
        rows.append(RawRow(offset, tuple(cells)))
    return Table(sheet, header_index + 1, tuple(header), columns, tuple(rows), tuple(unknown), tuple(repeated))


def _skipped(cells: list[Cell], known: set[int], columns: dict[str, list[int]], header: list[str]) -> bool:
    """Blank rows, footers (合计, 填表人 …) and the header repeated on every printed page."""
    if all(is_blank(cells[i]) for i in known if i < len(cells)):
        return True
    texts = [text_of(c) for c in cells if not is_blank(c)]
    id_text = "".join(text_of(cells[i]) for i in columns.get("id_number", []) if i < len(cells))
    holds_id = sum(ch.isdigit() for ch in id_text) >= 6
    if not holds_id and texts and texts[0].replace(" ", "").startswith(FOOTER_WORDS):
        return True
    same = sum(1 for i in known if i < len(cells) and text_of(cells[i]) == header[i])
    return same * 2 > len(known)


# ---- formats -------------------------------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_sheets(path: Path) -> Iterator[tuple[str, Grid]]:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise RosterFileError(_("The file {file} does not exist.").format(file=path)) from None
    except OSError as exc:
        raise RosterFileError(_("The file {file} cannot be read: {error}").format(file=path, error=exc)) from None
    if head.startswith(b"PK\x03\x04"):
        return _xlsx(path)
    if head == _OLE2:
        return _xls(path)
    return _csv(path)


def _xlsx(path: Path) -> Iterator[tuple[str, Grid]]:
    import openpyxl  # imported when needed: the app starts without it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # A file object, not the name: openpyxl refuses a workbook whose name does not end in .xlsx.
        with path.open("rb") as handle:
            book = openpyxl.load_workbook(io.BytesIO(handle.read()), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise RosterFileError(
            _("{file} is not an Excel workbook that can be read ({error}).").format(file=path.name, error=exc)
        ) from None
    sheets = [book.active, *[s for s in book.worksheets if s is not book.active]]
    grids = []
    for sheet in sheets:
        if sheet is None:
            continue
        grid: Grid = [list(row) for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            _fill(grid, merged.min_row - 1, merged.max_row - 1, merged.min_col - 1, merged.max_col - 1)
        grids.append((str(sheet.title), grid))
    book.close()
    return iter(grids)


def _xls(path: Path) -> Iterator[tuple[str, Grid]]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except Exception as exc:  # xlrd raises its own and plain errors for damaged files
        raise RosterFileError(
            _("{file} is not an Excel workbook that can be read ({error}).").format(file=path.name, error=exc)
        ) from None
    grids = []
    for sheet in book.sheets():
        grid: Grid = [[_xls_cell(book, sheet.cell(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
        for r0, r1, c0, c1 in sheet.merged_cells:
            _fill(grid, r0, r1 - 1, c0, c1 - 1)
        grids.append((str(sheet.name), grid))
    return iter(grids)


def _xls_cell(book: object, cell: object) -> Cell:
    import xlrd

    kind, value = cell.ctype, cell.value  # type: ignore[attr-defined]
    if kind == xlrd.XL_CELL_DATE:
        moment: dt.datetime = xlrd.xldate_as_datetime(value, book.datemode)  # type: ignore[attr-defined]
        return moment
    if kind == xlrd.XL_CELL_NUMBER:
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_TEXT:
        return str(value)
    return None


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


_HTML = re.compile(rb"^\s*<(!doctype|html|table|\?xml)", re.IGNORECASE)


def _csv(path: Path) -> Iterator[tuple[str, Grid]]:
    data = path.read_bytes()
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
    return iter([(path.stem, grid)])


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
