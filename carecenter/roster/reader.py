"""From a file as centers have it (.xlsx, .xls as Excel and WPS save it, .csv in GBK or UTF-8) to a table.

The file's sheets come from :mod:`carecenter.roster.sheets`. The header row is looked for
in the first ten rows of each sheet: the first row naming both 姓名 and 身份证号 is it;
title rows, a 填报单位 line, blank rows and footer rows (合计, 填表人, 审核人, 制表 …) are
skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from carecenter.i18n import _
from carecenter.roster.cells import Cell, is_blank, text_of
from carecenter.roster.columns import BY_KEY, match_header
from carecenter.roster.model import RosterFileError
from carecenter.roster.sheets import Grid, read_sheets

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
    sheets = read_sheets(path)
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
