"""The roster import with random spreadsheets: never a crash, every row added in normal form or rejected by row.

Covered writes: ``rosters.import_seniors`` (dry run and real), through the reader
(:func:`carecenter.roster.reader.read_table`) that the import preview uses too.

A random sheet has the real Chinese headers (canonical names and the variants people
type) mixed with junk headers, an optional merged title row, and cells of every type:
text (hostile too), valid and broken ID numbers, IDs that Excel turned into numbers,
dates, booleans, formulas, empty cells and 10,000-character text. The import either
refuses the whole file (RosterFileError, nothing written), or reports every row by its
spreadsheet row number: an added row's senior reads back in normal form, a rejected row
names its problem, and the database holds exactly the added and updated rows.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from carecenter.actor import Actor
from carecenter.domain import idnumber
from carecenter.domain.text import normalize_name
from carecenter.facade import CareCenter
from carecenter.roster.columns import CANONICAL
from carecenter.roster.model import ImportReport, Verdict
from tests.properties import strategies as hs
from tests.properties.harness import Refused, attempt, examples, snapshot
from tests.properties.test_seniors_props import expected_id

HEADERS = [c.header for c in CANONICAL] + [v for c in CANONICAL for v in c.variants]
CJK = re.compile(r"[\u3400-\u9fff]")


def cells(column: str) -> st.SearchStrategy[Any]:
    """A cell for a column: plausible values of its kind mostly, anything at all sometimes."""
    anything = st.one_of(
        hs.hostile_text(),
        st.integers(-(10**18), 10**18),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from((4.10105194002290e17, 410105194002290016, 1.7976931348623157e308, True, False, None, "=A1+1")),
        st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
        st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1)),
    )
    plain: st.SearchStrategy[Any] = {
        "name": hs.plain_names(),
        "id_number": hs.id_numbers(),
        "phones": hs.plain_phones(),
        "birth_date": hs.births(),
        "gender": st.sampled_from(("男", "女", "")),
    }.get(column, hs.plain_text())
    return st.one_of(plain, plain, anything)


@st.composite
def sheets(draw: st.DrawFn) -> tuple[list[str], list[list[Any]], bool]:
    """(headers, data rows, has a merged title row): 姓名 and 身份证号 usually among the headers."""
    required = draw(st.sampled_from((["姓名", "身份证号"], ["老人姓名", "身份证号码"], ["姓名"], [])))
    others = draw(st.lists(st.one_of(st.sampled_from(HEADERS), hs.hostile_text(2)), max_size=5))
    headers = list(dict.fromkeys(required + others))
    draw(st.randoms()).shuffle(headers)
    keys = [_key(h) for h in headers]
    rows = draw(st.lists(st.tuples(*(cells(k) for k in keys)).map(list), max_size=6))
    return headers, rows, draw(st.booleans())


def _key(header: str) -> str:
    return next((c.key for c in CANONICAL if header == c.header or header in c.variants), "")


def _storable(value: Any) -> Any:
    """What an .xlsx cell can hold: openpyxl refuses control characters (no real file has them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def write_sheet(path: Path, headers: list[str], rows: list[list[Any]], title: bool) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append(["文化路社区 老人花名册"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, len(headers)))
    sheet.append([_storable(h) for h in headers])
    for row in rows:
        sheet.append([_storable(v) for v in row])
    book.save(path)
    return path


@settings(max_examples=examples(96))
@given(sheet=sheets(), dry_run=st.booleans())
def test_a_random_roster_is_imported_row_by_row_or_refused_whole(
    center: CareCenter, admin: Actor, tmp_path: Path, sheet: tuple[list[str], list[list[Any]], bool], dry_run: bool
) -> None:
    headers, rows, title = sheet
    path = write_sheet(tmp_path / "花名册.xlsx", headers, rows, title)
    before = snapshot(center, ("seniors",))
    seniors_before = {s.id_number: s.id for s in center.seniors.list(admin, full_ids=True, statuses=None)}
    report = attempt(
        center,
        lambda: center.rosters.import_seniors(path, admin, dry_run=dry_run, write_errors=False),
        None,
        ("seniors", "senior_phones", "emergency_contacts", "senior_categories"),
        "rosters.import_seniors",
    )
    if isinstance(report, Refused):
        return
    assert isinstance(report, ImportReport)
    first_data_row = report.header_row + 1  # sheet rows count from 1; data follows the header
    numbers = [r.row for r in report.rows]
    assert numbers == sorted(numbers) and all(n >= first_data_row for n in numbers), numbers
    for result in report.rows:
        if result.verdict is Verdict.REJECTED:
            problems = [i for i in result.issues if i.code.rejects]
            assert problems, f"row {result.row} rejected without a reason"
            assert all(i.row == result.row and CJK.search(i.message) for i in problems), problems
    if dry_run:
        assert snapshot(center, ("seniors",)) == before
        return
    added = [r for r in report.rows if r.verdict is Verdict.ADDED]
    after = {s.id_number: s for s in center.seniors.list(admin, full_ids=True, statuses=None)}
    assert len(after) == len(seniors_before) + len(added)  # nothing partially imported, no row lost
    for result in added:
        assert result.senior_id is not None
        stored = center.seniors.get(result.senior_id, admin)
        assert stored.id_number == result.id_number and stored.name == result.name
        assert not re.search(r"\s", stored.name) and stored.name == normalize_name(stored.name)
        assert idnumber.parse(stored.id_number, hs.TODAY).number == stored.id_number
        typed = _typed_row(headers, rows, result.row - first_data_row)
        if isinstance(typed.get("id_number"), str):
            assert stored.id_number == expected_id(typed["id_number"])
        if isinstance(typed.get("name"), str):
            assert stored.name == normalize_name(typed["name"])


def _typed_row(headers: list[str], rows: list[list[Any]], index: int) -> dict[str, Any]:
    """The cells of data row ``index`` by column key (the first column of each key, as the reader takes it)."""
    if not 0 <= index < len(rows):
        return {}
    out: dict[str, Any] = {}
    for header, value in zip(headers, rows[index], strict=True):
        key = _key(header)
        if key and key not in out:
            out[key] = _storable(value)
    return out
