"""Messy rosters, built the way centers' own files are: title rows, merged cells, number-damaged IDs."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import xlwt

Row = Sequence[object]


def write_xlsx(path: Path, rows: Sequence[Row], merges: Sequence[str] = (), text_columns: Sequence[int] = ()) -> Path:
    """An .xlsx with ``rows`` from A1; ``merges`` like "A1:H1"; ``text_columns`` (0-based) formatted as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    for merged in merges:
        sheet.merge_cells(merged)
    for column in text_columns:
        for cells in sheet.iter_rows(min_col=column + 1, max_col=column + 1):
            cells[0].number_format = "@"
    book.save(path)
    return path


def write_xls(path: Path, rows: Sequence[Row], merges: Sequence[tuple[int, int, int, int]] = ()) -> Path:
    """An old-format .xls (BIFF8, as Excel 2003 and WPS save it); ``merges`` are (r0, r1, c0, c1) inclusive."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    merged_at = {(r0, c0): (r1, c1) for r0, r1, c0, c1 in merges}
    covered = {(r, c) for r0, r1, c0, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in covered and (r, c) not in merged_at:
                continue
            style = date_style if isinstance(value, dt.date) else xlwt.Style.default_style
            if (r, c) in merged_at:
                r1, c1 = merged_at[(r, c)]
                sheet.write_merge(r, r1, c, c1, value, style)
            elif value is not None:
                sheet.write(r, c, value, style)
    book.save(str(path))
    return path


def write_csv(path: Path, rows: Sequence[Row], encoding: str = "gbk", bom: bool = False) -> Path:
    """A CSV as Excel on a Chinese Windows PC writes it (GBK), or UTF-8 with or without a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path
